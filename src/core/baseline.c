/*
 * baseline.c: the file of accepted findings (`--update-baseline` writes it). A finding
 * that matches an entry (same rule, file and message; line numbers are left out so
 * that edits elsewhere in the file do not break the match) is not reported; an entry
 * that matches nothing becomes a note, as ESLint reports unused suppressions.
 *
 *   {
 *     "version": 1,
 *     "findings": [
 *       {"rule": "template.param.adjacent", "file": "templates/a.json", "message": "..."}
 *     ]
 *   }
 *
 * Each entry absorbs one finding, so two identical findings need two entries. File
 * paths are relative to the baseline's folder; entries are sorted by file, rule, message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "waba/atomic_file.h"
#include "waba/config.h"
#include "waba/i18n.h"
#include "waba/json_pos.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "config_priv.h"
#include "input_rules.h"

const struct waba_rule WABA_RULE_INPUT_BASELINE_UNUSED = {
	.id = "input.baseline.unused",
	.severity = WABA_SEV_NOTE,
	.summary = N_("a baseline entry no longer matches any finding"),
	.hint = N_("run the command again with --update-baseline to drop entries that no longer match"),
	.source = "https://eslint.org/docs/latest/use/suppressions",
	.explain = N_("The baseline file lists findings a project has accepted so that only new problems fail "
	              "the build. When the problem is fixed, or the file or message changes, its entry matches "
	              "nothing any more; it is reported as a note so the baseline can be pruned before it hides "
	              "a new problem with the same message. ESLint reports unused bulk suppressions the same way."),
	.example_bad = "{\"version\": 1, \"findings\": [{\"rule\": \"name.all_caps\", \"file\": \"app.json\", "
	               "\"message\": \"...\"}]} after the display name was fixed",
	.example_good = "the same baseline after `--update-baseline`: {\"version\": 1, \"findings\": []}",
};

#define BASELINE_VERSION 1

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Order of the entries: file (none first), rule, message. */
static int cmp_key(const char *file, const char *rule, const char *message, const struct waba_baseline_entry *e)
{
	int c = strcmp_null(file, e->file);
	if (!c)
		c = strcmp(rule, e->rule);
	if (!c)
		c = strcmp(message, e->message);
	return c;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct waba_baseline_entry *a = pa, *b = pb;
	return cmp_key(a->file, a->rule, a->message, b);
}

static void entries_release(struct waba_baseline_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].rule);
		free(v[i].file);
		free(v[i].message);
	}
	free(v);
}

/* ---- loading ------------------------------------------------------------------------ */

static int load_entry(struct waba_baseline *bl, const struct waba_json *doc, const cJSON *node)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(node, "rule");
	const cJSON *file = cJSON_GetObjectItemCaseSensitive(node, "file");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(node, "message");
	struct waba_baseline_entry *e;

	if (!cJSON_IsObject(node))
		return waba_config_fail_at(waba_json_loc(doc, node), "a baseline entry must be an object "
		                                                     "with \"rule\", \"file\" and \"message\"");
	if (!cJSON_IsString(rule))
		return waba_config_fail_at(waba_json_loc(doc, rule ? rule : node),
		                           "a baseline entry needs \"rule\" as a string");
	if (!cJSON_IsString(msg))
		return waba_config_fail_at(waba_json_loc(doc, msg ? msg : node),
		                           "a baseline entry needs \"message\" as a string");
	if (file && !cJSON_IsString(file) && !cJSON_IsNull(file))
		return waba_config_fail_at(waba_json_loc(doc, file), "\"file\" must be a string or null");
	bl->v = waba_xrealloc(bl->v, (bl->len + 1) * sizeof(*bl->v));
	e = &bl->v[bl->len++];
	e->rule = waba_xstrdup(rule->valuestring);
	e->file = cJSON_IsString(file) ? waba_path_relative_to(NULL, file->valuestring) : NULL;
	e->message = waba_xstrdup(msg->valuestring);
	e->used = 0;
	return 0;
}

static int load_doc(struct waba_baseline *bl, const struct waba_json *doc)
{
	const cJSON *root = doc->root, *version, *findings;
	int err;

	if (!cJSON_IsObject(root))
		return waba_config_fail_at(waba_json_loc(doc, root), "the baseline must be a JSON object "
		                                                     "{\"version\": 1, \"findings\": [...]}");
	version = cJSON_GetObjectItemCaseSensitive(root, "version");
	findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!version)
		return waba_config_fail_at(waba_json_loc(doc, root), "the baseline has no \"version\"");
	if (!cJSON_IsNumber(version) || version->valuedouble != BASELINE_VERSION)
		return waba_config_fail_at(waba_json_loc(doc, version),
		                           "unsupported baseline version (this program reads version %d)",
		                           BASELINE_VERSION);
	if (!cJSON_IsArray(findings))
		return waba_config_fail_at(waba_json_loc(doc, findings ? findings : root),
		                           "the baseline needs \"findings\" as an array");
	for (const cJSON *c = findings->child; c; c = c->next)
		if ((err = load_entry(bl, doc, c)) < 0)
			return err;
	if (bl->len)
		qsort(bl->v, bl->len, sizeof(*bl->v), cmp_entry);
	return 0;
}

int waba_baseline_load(struct waba_baseline *out, const char *path)
{
	struct waba_baseline init = WABA_BASELINE_INIT;
	struct waba_source src = WABA_SOURCE_INIT;
	struct waba_json doc = WABA_JSON_INIT;
	int err;

	*out = init;
	out->path = waba_xstrdup(path);
	err = waba_config_read_json(&doc, &src, path, WABA_SOURCE_MAX);
	if (err == WABA_ENOTFOUND) { /* no baseline yet: nothing is accepted */
		waba_error_clear();
		err = 0;
	} else if (!err) {
		err = load_doc(out, &doc);
	}
	if (err < 0)
		waba_baseline_release(out);
	waba_json_release(&doc);
	waba_source_release(&src);
	return err;
}

/* ---- applying ----------------------------------------------------------------------- */

/* The first unused entry equal to the key, or NULL (entries are sorted). */
static struct waba_baseline_entry *find_unused(struct waba_baseline *bl, const char *file, const char *rule,
                                               const char *message)
{
	size_t lo = 0, hi = bl->len;
	while (lo < hi) { /* lower bound */
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(file, rule, message, &bl->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < bl->len && cmp_key(file, rule, message, &bl->v[lo]) == 0; lo++)
		if (!bl->v[lo].used)
			return &bl->v[lo];
	return NULL;
}

static void finding_free(struct waba_finding *f)
{
	free(f->file);
	free(f->message);
	free(f->hint);
}

void waba_baseline_add_unused(const struct waba_baseline *bl, struct waba_findings *fs)
{
	struct waba_loc loc = WABA_LOC_NONE;
	loc.file = bl->path;
	for (size_t i = 0; i < bl->len; i++) {
		const struct waba_baseline_entry *e = &bl->v[i];
		if (e->used)
			continue;
		if (e->file)
			waba_findings_add(fs, &WABA_RULE_INPUT_BASELINE_UNUSED, loc,
			                  _("baseline entry matches no finding: %s in '%s': %s"), e->rule, e->file,
			                  e->message);
		else
			waba_findings_add(fs, &WABA_RULE_INPUT_BASELINE_UNUSED, loc,
			                  _("baseline entry matches no finding: %s: %s"), e->rule, e->message);
	}
}

void waba_baseline_filter(struct waba_baseline *bl, struct waba_findings *fs)
{
	char *dir;
	size_t keep = 0;

	if (!bl || !fs)
		return;
	dir = bl->path ? waba_path_dirname(bl->path) : NULL;
	for (size_t i = 0; i < fs->len; i++) {
		struct waba_finding *f = &fs->v[i];
		char *file = f->file ? waba_path_relative_to(dir, f->file) : NULL;
		struct waba_baseline_entry *e = find_unused(bl, file, f->rule->id, f->message);
		free(file);
		if (e) {
			e->used = 1;
			finding_free(f);
		} else {
			fs->v[keep++] = *f;
		}
	}
	fs->len = keep;
	free(dir);
}

void waba_baseline_apply(struct waba_baseline *bl, struct waba_findings *fs)
{
	if (!bl || !fs)
		return;
	waba_baseline_filter(bl, fs);
	waba_baseline_add_unused(bl, fs);
}

void waba_baseline_release(struct waba_baseline *bl)
{
	struct waba_baseline init = WABA_BASELINE_INIT;
	if (!bl)
		return;
	entries_release(bl->v, bl->len);
	free(bl->path);
	*bl = init;
}

/* ---- writing ------------------------------------------------------------------------ */

/* `s` as a JSON string; invalid UTF-8 bytes become U+FFFD. */
static void add_json_string(struct waba_strbuf *sb, const char *s)
{
	size_t len = strlen(s);
	waba_strbuf_addc(sb, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t used = waba_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			waba_strbuf_adds(sb, "\\ufffd");
		else if (c == '"' || c == '\\')
			waba_strbuf_addf(sb, "\\%c", c);
		else if (c == '\n')
			waba_strbuf_adds(sb, "\\n");
		else if (c == '\t')
			waba_strbuf_adds(sb, "\\t");
		else if (c < 0x20)
			waba_strbuf_addf(sb, "\\u%04x", c);
		else
			waba_strbuf_add(sb, s + i, used);
		i += used ? used : 1;
	}
	waba_strbuf_addc(sb, '"');
}

int waba_baseline_write(const char *path, const struct waba_findings *fs)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	struct waba_baseline_entry *v = waba_xcalloc(fs->len + 1, sizeof(*v));
	char *dir = waba_path_dirname(path);
	size_t n = 0;
	int err;

	for (size_t i = 0; i < fs->len; i++) {
		const struct waba_finding *f = &fs->v[i];
		if (f->severity == WABA_SEV_NOTE || f->severity == WABA_SEV_OFF)
			continue;
		v[n].rule = waba_xstrdup(f->rule->id);
		v[n].file = f->file ? waba_path_relative_to(dir, f->file) : NULL;
		v[n].message = waba_xstrdup(f->message);
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_entry);
	waba_strbuf_addf(&sb, "{\n  \"version\": %d,\n  \"findings\": [%s", BASELINE_VERSION, n ? "\n" : "");
	for (size_t i = 0; i < n; i++) {
		waba_strbuf_adds(&sb, "    {\"rule\": ");
		add_json_string(&sb, v[i].rule);
		if (v[i].file) {
			waba_strbuf_adds(&sb, ", \"file\": ");
			add_json_string(&sb, v[i].file);
		}
		waba_strbuf_adds(&sb, ", \"message\": ");
		add_json_string(&sb, v[i].message);
		waba_strbuf_adds(&sb, i + 1 < n ? "},\n" : "}\n");
	}
	waba_strbuf_adds(&sb, n ? "  ]\n}\n" : "]\n}\n");
	err = waba_atomic_write(path, waba_strbuf_cstr(&sb), sb.len, 0666);
	waba_strbuf_release(&sb);
	entries_release(v, n);
	free(dir);
	return err;
}
