/* report_ci.c: helpers shared by the CI reporters; see report_ci.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/config_priv.h" /* waba_path_relative_to, as the configuration compares paths */
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/text.h"

#define REPLACEMENT_CHAR "\xEF\xBF\xBD" /* U+FFFD */

const struct waba_item *waba_ci_item(const struct waba_report *r, const struct waba_finding *f)
{
	if (f->item == WABA_ITEM_CARRIED)
		return r->carried;
	if (f->item < 0 || (size_t)f->item >= r->nitems)
		return NULL;
	return &r->items[f->item];
}

const char *waba_ci_path(const struct waba_report *r, const struct waba_finding *f)
{
	const struct waba_item *it;
	if (f->file && *f->file)
		return f->file;
	it = waba_ci_item(r, f);
	if (it && it->file && *it->file)
		return it->file;
	return NULL;
}

void waba_ci_add_path(struct waba_strbuf *sb, const char *path)
{
	while (path[0] == '.' && (path[1] == '/' || path[1] == '\\') && path[2])
		path += 2;
	for (const char *p = path; *p; p++)
		waba_strbuf_addc(sb, *p == '\\' ? '/' : *p);
}

const char *waba_ci_rel_path(struct waba_ci_paths *c, const char *root, const char *path, int *inside)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	char *rel;
	if (c->path && strcmp(c->path, path) == 0 &&
	    ((!root && !c->root) || (root && c->root && strcmp(root, c->root) == 0))) {
		*inside = c->inside;
		return c->rel;
	}
	free(c->root);
	free(c->path);
	free(c->rel);
	rel = waba_path_relative_to_memo(root, path, &c->memo);
	waba_ci_add_path(&sb, rel);
	free(rel);
	c->rel = waba_strbuf_detach(&sb);
	c->inside = root && c->rel[0] != '/' && strcmp(c->rel, "..") != 0 && strncmp(c->rel, "../", 3) != 0 &&
	            strcmp(path, "-") != 0 && strcmp(path, "<stdin>") != 0;
	c->path = waba_xstrdup(path);
	c->root = root ? waba_xstrdup(root) : NULL;
	*inside = c->inside;
	return c->rel;
}

void waba_ci_paths_release(struct waba_ci_paths *c)
{
	free(c->root);
	free(c->path);
	free(c->rel);
	waba_path_memo_release(&c->memo);
	memset(c, 0, sizeof(*c));
}

uint64_t waba_ci_fingerprint(uint64_t seed, const struct waba_report *r, const struct waba_finding *f, const char *rel)
{
	const struct waba_item *it = waba_ci_item(r, f);
	uint64_t h = waba_ci_fnv(seed, f->rule->id);
	h = waba_ci_fnv(h, rel ? rel : "");
	h = waba_ci_fnv(h, it && it->name ? it->name : "");
	return waba_ci_fnv_uint(h, f->content);
}

void waba_ci_add_clean(struct waba_strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0, run = 0; /* run: where the bytes kept as they are start */
	waba_strbuf_grow(sb, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c;
		size_t n = 1;
		if (c >= 0x80)
			n = waba_utf8_decode(s + i, len - i, &cp);
		if (c >= 0x80 ? cp >= 0 && cp != 0xFFFE && cp != 0xFFFF
		              : c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
			i += n;
			continue;
		}
		waba_strbuf_add(sb, s + run, i - run);
		waba_strbuf_adds(sb, REPLACEMENT_CHAR);
		i += n;
		run = i;
	}
	waba_strbuf_add(sb, s + run, len - run);
}

char *waba_ci_clean(const char *s)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_ci_add_clean(&sb, s);
	return waba_strbuf_detach(&sb);
}

static void add_hint(struct waba_strbuf *sb, const struct waba_finding *f)
{
	const char *hint = waba_finding_hint(f);
	if (hint && *hint) {
		waba_strbuf_addf(sb, " (%s ", _("hint:"));
		waba_ci_add_clean(sb, hint);
		waba_strbuf_addc(sb, ')');
	}
}

void waba_ci_add_message(struct waba_strbuf *sb, const struct waba_finding *f)
{
	waba_ci_add_clean(sb, f->message);
	add_hint(sb, f);
}

void waba_ci_add_line(struct waba_strbuf *sb, const struct waba_report *r, const struct waba_finding *f)
{
	const char *path = waba_ci_path(r, f);
	const struct waba_item *it = waba_ci_item(r, f);
	if (path) {
		struct waba_strbuf p = WABA_STRBUF_INIT;
		waba_ci_add_path(&p, path);
		waba_ci_add_clean(sb, waba_strbuf_cstr(&p));
		waba_strbuf_release(&p);
		if (f->file && f->loc.line)
			waba_strbuf_addf(sb, ":%u:%u", f->loc.line, f->loc.column ? f->loc.column : 1);
		waba_strbuf_adds(sb, ": ");
	} else if (it && *it->name) {
		waba_ci_add_clean(sb, it->name);
		waba_strbuf_adds(sb, ": ");
	}
	waba_strbuf_addf(sb, "%s: ", waba_severity_name(f->severity));
	waba_ci_add_clean(sb, f->message);
	waba_strbuf_addf(sb, " [%s]", f->rule->id);
	add_hint(sb, f);
}

const char *waba_ci_level(enum waba_severity sev)
{
	switch (sev) {
	case WABA_SEV_ERROR:
		return "error";
	case WABA_SEV_WARNING:
		return "warning";
	case WABA_SEV_NOTE:
		return "note";
	case WABA_SEV_OFF:
		break;
	}
	return "none";
}

uint64_t waba_ci_fnv(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	do {
		h ^= *p;
		h *= UINT64_C(0x100000001b3);
	} while (*p++);
	return h;
}

char *waba_ci_udec(char *end, unsigned long long v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

uint64_t waba_ci_fnv_uint(uint64_t h, unsigned long long v)
{
	char buf[24];
	buf[sizeof(buf) - 1] = '\0';
	return waba_ci_fnv(h, waba_ci_udec(buf + sizeof(buf) - 1, v));
}

static size_t seen_slot(const struct waba_ci_seen *s, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (s->cap - 1);
	while (s->counts[i] && s->keys[i] != key)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void seen_grow(struct waba_ci_seen *s)
{
	struct waba_ci_seen old = *s;
	s->cap = old.cap ? old.cap * 2 : 64;
	s->keys = waba_xcalloc(s->cap, sizeof(*s->keys));
	s->counts = waba_xcalloc(s->cap, sizeof(*s->counts));
	for (size_t i = 0; i < old.cap; i++) {
		if (old.counts[i]) {
			size_t j = seen_slot(s, old.keys[i]);
			s->keys[j] = old.keys[i];
			s->counts[j] = old.counts[i];
		}
	}
	free(old.keys);
	free(old.counts);
}

unsigned waba_ci_seen_add(struct waba_ci_seen *s, uint64_t key)
{
	size_t i;
	if ((s->len + 1) * 2 > s->cap)
		seen_grow(s);
	i = seen_slot(s, key);
	if (!s->counts[i]) {
		s->keys[i] = key;
		s->len++;
	}
	return ++s->counts[i];
}

void waba_ci_seen_release(struct waba_ci_seen *s)
{
	free(s->keys);
	free(s->counts);
	s->keys = NULL;
	s->counts = NULL;
	s->len = s->cap = 0;
}

/* ---- streaming -------------------------------------------------------------------- */

void waba_ci_count(struct waba_ci_counts *c, const struct waba_report *part)
{
	c->items += part->nitems;
	for (size_t i = 0; i < part->findings.len; i++) {
		switch (part->findings.v[i].severity) {
		case WABA_SEV_ERROR:
			c->errors++;
			break;
		case WABA_SEV_WARNING:
			c->warnings++;
			break;
		case WABA_SEV_NOTE:
			c->notes++;
			break;
		case WABA_SEV_OFF:
			break;
		}
	}
}

/*
 * The JSON elements of a report are many short pieces: appended here inline, the NUL
 * written once the element is complete (waba_ci_add_json_at).
 */
static inline void put(struct waba_strbuf *sb, const char *p, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		waba_strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
}

static inline void put_c(struct waba_strbuf *sb, char c)
{
	put(sb, &c, 1);
}

#define put_lit(sb, lit) put(sb, lit, sizeof(lit) - 1)

/* cJSON's print_string_ptr: control characters, quote and backslash escaped, the rest as
 * is (runs without any, found eight bytes at a time, copied whole). */
static void add_json_string(struct waba_strbuf *sb, const char *s)
{
	if (!s)
		s = "";
	const char *run = s, *p = s, *end = s + strlen(s);
	put_c(sb, '"');
	while (p < end) {
		uint64_t w;
		if (end - p >= 8 && (memcpy(&w, p, 8), !waba_json_word_special(w))) {
			p += 8;
			continue;
		}
		unsigned char c = (unsigned char)*p++;
		if (c > 31 && c != '"' && c != '\\')
			continue;
		put(sb, run, (size_t)(p - 1 - run));
		run = p;
		/* the short escapes, else \u00XX */
		static const char short_esc[] = {
			['"'] = '"', ['\\'] = '\\', ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't'
		};
		char e[6] = { '\\', 'u', '0', '0', "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15] };
		if (short_esc[c]) {
			e[1] = short_esc[c];
			put(sb, e, 2);
		} else {
			put(sb, e, 6);
		}
	}
	put(sb, run, (size_t)(p - run));
	put_c(sb, '"');
}

static void add_tabs(struct waba_strbuf *sb, unsigned n)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t";
	for (; n > 8; n -= 8)
		put(sb, tabs, 8);
	put(sb, tabs, n);
}

/* "%d" without the printf machinery */
static void add_int(struct waba_strbuf *sb, int v)
{
	char buf[12], *p = waba_ci_udec(buf + sizeof(buf), v < 0 ? 0u - (unsigned)v : (unsigned)v);
	if (v < 0)
		*--p = '-';
	put(sb, p, (size_t)(buf + sizeof(buf) - p));
}

/*
 * cJSON_PrintBuffered(node, formatted) written straight into sb, every line after the
 * first indented by `depth` more tabs (node is `level` deep inside the element printed):
 * the same bytes, without a text per element to print, copy and free. 0, or -1 for what
 * is left to cJSON (a number that is not a whole int, an unknown type).
 */
static int add_json_fast(struct waba_strbuf *sb, const cJSON *node, unsigned depth, unsigned level)
{
	switch (node->type & 0xFF) {
	case cJSON_NULL:
		put_lit(sb, "null");
		return 0;
	case cJSON_False:
		put_lit(sb, "false");
		return 0;
	case cJSON_True:
		put_lit(sb, "true");
		return 0;
	case cJSON_Number:
		if (node->valuedouble != (double)node->valueint)
			return -1; /* cJSON's %1.15g / %1.17g choice */
		add_int(sb, node->valueint);
		return 0;
	case cJSON_String:
		add_json_string(sb, node->valuestring);
		return 0;
	case cJSON_Raw:
		if (!node->valuestring)
			return -1;
		for (const char *p = node->valuestring, *nl; *p; p = nl + 1) {
			if (!(nl = strchr(p, '\n'))) {
				put(sb, p, strlen(p));
				break;
			}
			put(sb, p, (size_t)(nl - p) + 1);
			add_tabs(sb, depth); /* cJSON prints it as is */
		}
		return 0;
	case cJSON_Array:
		put_c(sb, '[');
		for (const cJSON *c = node->child; c; c = c->next) {
			if (add_json_fast(sb, c, depth, level + 1) < 0)
				return -1;
			if (c->next)
				put(sb, ", ", 2);
		}
		put_c(sb, ']');
		return 0;
	case cJSON_Object:
		put(sb, "{\n", 2);
		for (const cJSON *c = node->child; c; c = c->next) {
			add_tabs(sb, depth + level + 1);
			add_json_string(sb, c->string);
			put(sb, ":\t", 2);
			if (add_json_fast(sb, c, depth, level + 1) < 0)
				return -1;
			if (c->next)
				put_c(sb, ',');
			put_c(sb, '\n');
		}
		add_tabs(sb, depth + level);
		put_c(sb, '}');
		return 0;
	default:
		return -1;
	}
}

void waba_ci_jw_init(struct waba_ci_jw *w, struct waba_strbuf *sb, unsigned depth)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
	w->depth = depth;
}

/* Before a value: in an array, ", " after the first one. */
static void jw_value(struct waba_ci_jw *w)
{
	if (w->level && w->array[w->level - 1]) {
		if (!w->first[w->level - 1])
			put(w->sb, ", ", 2);
		w->first[w->level - 1] = 0;
	}
}

void waba_ci_jw_open(struct waba_ci_jw *w, int array)
{
	jw_value(w);
	if (w->level == WABA_CI_JW_MAX)
		abort(); /* a caller's bug: the elements written are a few levels deep */
	w->first[w->level] = 1;
	w->array[w->level] = array ? 1 : 0;
	w->level++;
	if (array)
		put_c(w->sb, '[');
	else
		put(w->sb, "{\n", 2);
}

void waba_ci_jw_close(struct waba_ci_jw *w)
{
	w->level--;
	if (w->array[w->level]) {
		put_c(w->sb, ']');
	} else {
		if (!w->first[w->level])
			put_c(w->sb, '\n');
		add_tabs(w->sb, w->depth + w->level);
		put_c(w->sb, '}');
	}
	if (!w->level)
		w->sb->buf[w->sb->len] = '\0';
}

void waba_ci_jw_key(struct waba_ci_jw *w, const char *key)
{
	if (!w->first[w->level - 1])
		put(w->sb, ",\n", 2);
	w->first[w->level - 1] = 0;
	add_tabs(w->sb, w->depth + w->level);
	put_c(w->sb, '"'); /* keys are the contract's words: nothing to escape */
	put(w->sb, key, strlen(key));
	put(w->sb, "\":\t", 3);
}

void waba_ci_jw_str(struct waba_ci_jw *w, const char *s)
{
	jw_value(w);
	add_json_string(w->sb, s);
}

void waba_ci_jw_uint(struct waba_ci_jw *w, unsigned v)
{
	jw_value(w);
	if (v <= 0x7fffffffu) {
		add_int(w->sb, (int)v);
	} else { /* as cJSON prints a number that is not an int */
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "%1.15g", (double)v);
		put(w->sb, buf, (size_t)n);
	}
}

void waba_ci_jw_raw(struct waba_ci_jw *w, const char *s)
{
	jw_value(w);
	put(w->sb, s, strlen(s));
}

void waba_ci_jw_member_str(struct waba_ci_jw *w, const char *key, const char *s)
{
	if (s) {
		waba_ci_jw_key(w, key);
		waba_ci_jw_str(w, s);
	}
}

int waba_ci_add_json_at(struct waba_strbuf *sb, const cJSON *node, unsigned depth)
{
	size_t at = sb->len;
	if (add_json_fast(sb, node, depth, 0) == 0) {
		sb->buf[sb->len] = '\0';
		return 0;
	}
	sb->len = at; /* printed by cJSON, then indented */
	if (sb->buf)
		sb->buf[at] = '\0';
	char *text = cJSON_PrintBuffered(node, 1024, 1);
	if (!text)
		return waba_error_set(WABA_ENOMEM, _("out of memory formatting the report"));
	for (const char *p = text, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl) {
			waba_strbuf_adds(sb, p);
			break;
		}
		waba_strbuf_add(sb, p, (size_t)(nl - p) + 1);
		add_tabs(sb, depth);
		sb->buf[sb->len] = '\0';
	}
	free(text);
	return 0;
}

int waba_ci_print_slots(cJSON *root, char **text, size_t *slot1, size_t *slot2)
{
	char *t = cJSON_PrintBuffered(root, 8192, 1);
	const char *p;
	cJSON_Delete(root);
	if (!t)
		return waba_error_set(WABA_ENOMEM, _("out of memory formatting the report"));
	*text = t;
	p = strchr(t, WABA_CI_SLOT1[0]);
	*slot1 = p ? (size_t)(p - t) : strlen(t);
	if (slot2) {
		p = strchr(t, WABA_CI_SLOT2[0]);
		*slot2 = p ? (size_t)(p - t) : strlen(t);
	}
	return 0;
}

#define SPOOL_MEMORY_MAX ((size_t)1 << 20) /* beyond this, the spool goes to a temporary file */

void waba_ci_spool_add(struct waba_ci_spool *s, const char *data, size_t len)
{
	if (s->err || !len)
		return;
	s->len += len;
	if (!s->file && s->buf.len + len <= SPOOL_MEMORY_MAX) {
		waba_strbuf_add(&s->buf, data, len);
		return;
	}
	if (!s->file) {
		s->file = tmpfile();
		if (!s->file) {
			s->err = waba_error_set(WABA_EIO, _("cannot create a temporary file for the report: %s"),
			                        strerror(errno));
			return;
		}
		if (s->buf.len && fwrite(s->buf.buf, 1, s->buf.len, s->file) != s->buf.len)
			s->err = waba_error_set(WABA_EIO, _("cannot write a temporary file for the report"));
		waba_strbuf_release(&s->buf);
	}
	if (!s->err && len && fwrite(data, 1, len, s->file) != len)
		s->err = waba_error_set(WABA_EIO, _("cannot write a temporary file for the report"));
}

int waba_ci_spool_drain(struct waba_ci_spool *s, int (*emit)(void *ctx, const char *data, size_t len), void *ctx)
{
	char block[65536];
	size_t n;
	int err;
	if (s->err)
		return s->err;
	if (!s->file)
		return s->buf.len ? emit(ctx, s->buf.buf, s->buf.len) : 0;
	if (fflush(s->file) != 0 || fseek(s->file, 0, SEEK_SET) != 0)
		return s->err = waba_error_set(WABA_EIO, _("cannot read back a temporary file for the report"));
	while ((n = fread(block, 1, sizeof(block), s->file)) > 0)
		if ((err = emit(ctx, block, n)) != 0)
			return err;
	if (ferror(s->file))
		return s->err = waba_error_set(WABA_EIO, _("cannot read back a temporary file for the report"));
	return 0;
}

int waba_ci_emit_file(void *ctx, const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, (FILE *)ctx) != len)
		return waba_error_set(WABA_EIO, _("cannot write the report"));
	return 0;
}

void waba_ci_spool_release(struct waba_ci_spool *s)
{
	waba_strbuf_release(&s->buf);
	if (s->file)
		fclose(s->file);
	s->file = NULL;
	s->err = 0;
	s->len = 0;
}
