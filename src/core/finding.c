/* finding.c: the findings list: add (formats the message), sort, count, release. */
#include <stdlib.h>
#include <string.h>
#include "waba/finding.h"
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/text.h"

struct waba_finding *waba_findings_vadd(struct waba_findings *fs, const struct waba_rule *rule,
                                        struct waba_loc loc, const char *fmt, va_list ap)
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
	waba_strbuf_vaddf(&sb, fmt, ap);
	f->message = waba_text_clean_owned(waba_strbuf_detach(&sb), 0, WABA_MESSAGE_MAX);
	f->item = fs->current_item;
	return f;
}

struct waba_finding *waba_findings_add(struct waba_findings *fs, const struct waba_rule *rule,
                                       struct waba_loc loc, const char *fmt, ...)
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
		to->v[to->len++] = from->v[i];
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
