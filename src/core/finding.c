/* finding.c: the findings list: add (formats the message), sort, count, release. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/finding.h"
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/text.h"

struct waba_finding *waba_findings_vadd(struct waba_findings *fs, const struct waba_rule *rule, struct waba_loc loc,
                                        const char *fmt, va_list ap)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	struct waba_finding *f;

	if (fs->len == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->v = waba_xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	f = &fs->v[fs->len++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = rule->severity;
	f->loc = loc;
	/* what is shown is valid UTF-8 of bounded length, whatever the input held (text_clean.c);
	 * control characters are left to each reporter's escaping */
	f->file = loc.file ? waba_text_clean(loc.file, strlen(loc.file), 0, 0) : NULL;
	f->loc.file = f->file;
	va_list again;
	va_copy(again, ap);
	waba_strbuf_vaddf(&sb, fmt, ap);
	f->content = waba_finding_content(fmt, again);
	va_end(again);
	f->message = waba_text_clean_owned(waba_strbuf_detach(&sb), 0, WABA_MESSAGE_MAX);
	f->item = fs->current_item;
	f->seq = fs->added++;
	return f;
}

/* ---- content hash -------------------------------------------------------------------- */

struct content_hash {
	unsigned long long h;
	int in_digits;
};

static void content_add(struct content_hash *c, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= '0' && ch <= '9') {
			if (c->in_digits)
				continue;
			c->in_digits = 1;
			ch = '#';
		} else {
			c->in_digits = 0;
		}
		c->h ^= ch;
		c->h *= 0x100000001b3ULL;
	}
}

/*
 * Hash one conversion `spec` (from '%' to the conversion character, at most 31
 * bytes) rendered plainly, taking its arguments from ap. 0, or -1 for a conversion this does not know
 * (then nothing was taken and the caller stops).
 */
static int content_conv(struct content_hash *c, const char *spec, size_t len, va_list *ap)
{
	char buf[128];
	int width = -1, prec = -1, n = 0;
	char conv = spec[len - 1];
	const char *p = spec + 1;
	size_t lenmod = 0; /* 'h', 'H' (hh), 'l', 'L' (ll), 'z', 'j', 't', 'D' (long double) */
	if (len >= 32)
		return -1;
	/* the stars first, in order, as printf takes them */
	while (*p && strchr("-+ #0'", *p))
		p++;
	if (*p == '*') {
		width = va_arg(*ap, int);
		p++;
	}
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			prec = va_arg(*ap, int);
			p++;
		}
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (p[0] == 'h' && p[1] == 'h')
		lenmod = 'H', p += 2;
	else if (p[0] == 'l' && p[1] == 'l')
		lenmod = 'L', p += 2;
	else if (*p == 'h' || *p == 'l' || *p == 'z' || *p == 'j' || *p == 't')
		lenmod = (size_t)(unsigned char)*p++;
	else if (*p == 'L')
		lenmod = 'D', p++;
	if (p != spec + len - 1)
		return -1;
	(void)width; /* flags, width and precision change no word: digits hash as '#' anyway */
	switch (conv) {
	case 'd':
	case 'i':
		if (lenmod == 'l')
			n = snprintf(buf, sizeof(buf), "%ld", va_arg(*ap, long));
		else if (lenmod == 'L')
			n = snprintf(buf, sizeof(buf), "%lld", va_arg(*ap, long long));
		else if (lenmod == 'z' || lenmod == 't')
			n = snprintf(buf, sizeof(buf), "%td", va_arg(*ap, ptrdiff_t));
		else if (lenmod == 'j')
			n = snprintf(buf, sizeof(buf), "%jd", va_arg(*ap, intmax_t));
		else
			n = snprintf(buf, sizeof(buf), "%d", va_arg(*ap, int));
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		if (lenmod == 'l')
			n = snprintf(buf, sizeof(buf), "%lu", va_arg(*ap, unsigned long));
		else if (lenmod == 'L')
			n = snprintf(buf, sizeof(buf), "%llu", va_arg(*ap, unsigned long long));
		else if (lenmod == 'z' || lenmod == 't')
			n = snprintf(buf, sizeof(buf), "%zu", va_arg(*ap, size_t));
		else if (lenmod == 'j')
			n = snprintf(buf, sizeof(buf), "%ju", va_arg(*ap, uintmax_t));
		else
			n = snprintf(buf, sizeof(buf), "%u", va_arg(*ap, unsigned));
		break;
	case 'c':
		buf[0] = (char)va_arg(*ap, int);
		buf[1] = 0;
		n = 1;
		break;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		if (lenmod == 'D')
			n = snprintf(buf, sizeof(buf), "%Lg", va_arg(*ap, long double));
		else
			n = snprintf(buf, sizeof(buf), "%g", va_arg(*ap, double));
		break;
	case 'p':
		(void)va_arg(*ap, void *);
		buf[0] = 0;
		break;
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		if (prec >= 0) {
			content_add(c, s, (size_t)prec);
		} else {
			s = waba_i18n_msgid(s);
			content_add(c, s, strlen(s));
		}
		return 0;
	}
	default:
		return -1;
	}
	if (n > 0)
		content_add(c, buf, strlen(buf));
	return 0;
}

unsigned long long waba_finding_content(const char *fmt, va_list ap)
{
	struct content_hash c = { 0xcbf29ce484222325ULL, 0 };
	const char *en = waba_i18n_msgid(fmt);
	va_list args;
	va_copy(args, ap);
	for (const char *p = en; *p;) {
		if (*p != '%') {
			size_t run = strcspn(p, "%");
			content_add(&c, p, run);
			p += run;
			continue;
		}
		if (p[1] == '%') {
			content_add(&c, "%", 1);
			p += 2;
			continue;
		}
		size_t len = 1 + strspn(p + 1, "-+ #0'*.0123456789hlLzjt");
		if (!p[len] || content_conv(&c, p, len + 1, &args) < 0)
			break; /* an unknown conversion: the rest of the format only */
		p += len + 1;
	}
	va_end(args);
	return c.h;
}

struct waba_finding *waba_findings_add(struct waba_findings *fs, const struct waba_rule *rule, struct waba_loc loc,
                                       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct waba_finding *f = waba_findings_vadd(fs, rule, loc, fmt, ap);
	va_end(ap);
	return f;
}

void waba_finding_set_hint(struct waba_finding *f, const char *fmt, ...)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	waba_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(f->hint);
	f->hint = waba_text_clean_owned(waba_strbuf_detach(&sb), 0, WABA_MESSAGE_MAX);
}

const char *waba_finding_hint(const struct waba_finding *f)
{
	if (f->hint)
		return f->hint;
	if (f->rule->hint)
		return _(f->rule->hint);
	return NULL;
}

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct waba_finding *a = pa, *b = pb;
	int c = strcmp_null(a->file, b->file);
	if (c)
		return c;
	if (!a->file && a->item != b->item) /* not from a file: keep the order of the items */
		return (a->item > b->item) - (a->item < b->item);
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.column != b->loc.column)
		return a->loc.column < b->loc.column ? -1 : 1;
	c = strcmp(a->rule->id, b->rule->id);
	if (c)
		return c;
	return (a->item > b->item) - (a->item < b->item);
}

struct sort_entry {
	struct waba_finding f;
	size_t pos;
};

static int cmp_entry(const void *pa, const void *pb)
{
	const struct sort_entry *a = pa, *b = pb;
	int c = cmp_finding(&a->f, &b->f);
	if (c)
		return c;
	return (a->pos > b->pos) - (a->pos < b->pos); /* keeps qsort stable */
}

void waba_findings_sort(struct waba_findings *fs)
{
	if (fs->len < 2)
		return;
	struct sort_entry *tmp = waba_xmalloc(fs->len * sizeof(*tmp));
	for (size_t i = 0; i < fs->len; i++) {
		tmp[i].f = fs->v[i];
		tmp[i].pos = i;
	}
	qsort(tmp, fs->len, sizeof(*tmp), cmp_entry);
	for (size_t i = 0; i < fs->len; i++)
		fs->v[i] = tmp[i].f;
	free(tmp);
}

size_t waba_findings_count(const struct waba_findings *fs, enum waba_severity at_least)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->len; i++)
		if (fs->v[i].severity != WABA_SEV_OFF && fs->v[i].severity >= at_least)
			n++;
	return n;
}

size_t waba_findings_count_exact(const struct waba_findings *fs, enum waba_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->len; i++)
		if (fs->v[i].severity == sev)
			n++;
	return n;
}

static void finding_release(struct waba_finding *f)
{
	free(f->file);
	free(f->message);
	free(f->hint);
}

void waba_findings_drop_off(struct waba_findings *fs)
{
	size_t j = 0;
	for (size_t i = 0; i < fs->len; i++) {
		if (fs->v[i].severity == WABA_SEV_OFF)
			finding_release(&fs->v[i]);
		else
			fs->v[j++] = fs->v[i];
	}
	fs->len = j;
}

void waba_findings_take(struct waba_findings *to, struct waba_findings *from)
{
	for (size_t i = 0; i < from->len; i++) {
		if (to->len == to->cap) {
			to->cap = to->cap ? to->cap * 2 : 16;
			to->v = waba_xrealloc(to->v, to->cap * sizeof(*to->v));
		}
		to->v[to->len] = from->v[i];
		to->v[to->len++].seq = to->added++; /* as if added to `to` in the first place */
	}
	free(from->v);
	from->v = NULL;
	from->len = from->cap = 0;
}

void waba_findings_release(struct waba_findings *fs)
{
	for (size_t i = 0; i < fs->len; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->len = fs->cap = 0;
}
