/*
 * checklist.c: the lookups of struct waba_checklist (limits, term lists, sets, texts,
 * rule severity overrides) and its release. Loading the XML is parse/checklist_xml.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/i18n.h"
#include "waba/status.h"
#include "waba/strbuf.h"
#include "checklist_priv.h"
#include "termindex.h"

static unsigned long long serials; /* the last serial given to a checklist */

void waba_checklist_changed(struct waba_checklist *cl)
{
	waba_checklist_termsets_free(cl); /* they point at the lists, which move */
	cl->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
}

struct waba_checklist *waba_checklist_new(void)
{
	struct waba_checklist *cl = waba_xcalloc(1, sizeof(struct waba_checklist));
	waba_checklist_changed(cl);
	return cl;
}

/* free(p), unless p lies in [from, end): memory the checklist holds as one piece */
static void free_outside(void *p, const unsigned char *from, const unsigned char *end)
{
	const unsigned char *b = p;
	if (!(from && b >= from && b < end))
		free(p);
}

void waba_checklist_str_free(const struct waba_checklist *cl, char *s)
{
	free_outside(s, cl->borrowed, cl->borrowed_end);
}

void waba_checklist_leaf_free(const struct waba_checklist *cl, void *p)
{
	free_outside(p, cl->leaves, cl->leaves_end);
}

void waba_term_release(const struct waba_checklist *cl, struct waba_term *t)
{
	waba_checklist_str_free(cl, t->text);
	waba_checklist_str_free(cl, t->lang);
	waba_checklist_str_free(cl, t->tag);
	for (size_t i = 0; i < t->nwords; i++)
		waba_checklist_str_free(cl, t->words[i]);
	waba_checklist_leaf_free(cl, t->words);
}

void waba_set_item_release(const struct waba_checklist *cl, struct waba_set_item *it)
{
	waba_checklist_str_free(cl, it->value);
	for (size_t i = 0; i < it->nattrs; i++) {
		waba_checklist_str_free(cl, it->attrs[i].name);
		waba_checklist_str_free(cl, it->attrs[i].value);
	}
	waba_checklist_leaf_free(cl, it->attrs);
}

/* ---- lookup order: every table sorted by id after each file, searched with bsearch -- */

static int cmp_limit(const void *a, const void *b)
{
	return strcmp(((const struct limit *)a)->id, ((const struct limit *)b)->id);
}

static int cmp_termlist(const void *a, const void *b)
{
	return strcmp(((const struct waba_termlist *)a)->id, ((const struct waba_termlist *)b)->id);
}

static int cmp_set(const void *a, const void *b)
{
	return strcmp(((const struct waba_set *)a)->id, ((const struct waba_set *)b)->id);
}

static int cmp_text(const void *a, const void *b)
{
	const struct text *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->lang, y->lang);
}

void waba_checklist_sort(struct waba_checklist *cl)
{
	waba_checklist_changed(cl);
	if (cl->nlimits)
		qsort(cl->limits, cl->nlimits, sizeof(*cl->limits), cmp_limit);
	if (cl->ntermlists)
		qsort(cl->termlists, cl->ntermlists, sizeof(*cl->termlists), cmp_termlist);
	if (cl->nsets)
		qsort(cl->sets, cl->nsets, sizeof(*cl->sets), cmp_set);
	if (cl->ntexts)
		qsort(cl->texts, cl->ntexts, sizeof(*cl->texts), cmp_text);
}

/* ---- lookups ------------------------------------------------------------------------ */

/*
 * The checks look the same ids up for every template (a string literal each): each
 * thread remembers, per id pointer, the entry found last, in a small table; an entry is
 * taken when the checklist has not changed since (its serial) and its id is the one
 * asked (one strcmp, so an id built in a reused buffer is still looked up by its text).
 */
enum { CACHE_LIMIT, CACHE_TERMS, CACHE_SET, CACHE_KINDS, CACHE_SLOTS = 256 };
struct cached {
	unsigned long long serial;
	const char *key;
	const void *entry;
};
static _Thread_local struct cached lookup_cache[CACHE_KINDS][CACHE_SLOTS];

static struct cached *cache_slot(int kind, const char *id)
{
	uintptr_t h = (uintptr_t)id * (uintptr_t)0x9E3779B97F4A7C15ULL;
	return &lookup_cache[kind][(h >> (sizeof(uintptr_t) * 8 - 8)) & (CACHE_SLOTS - 1)];
}

/* The entry for `id` in a table sorted by id, whose entries begin with their id. */
static const void *lookup(const struct waba_checklist *cl, int kind, const char *id, const void *key, const void *table,
                          size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct cached *c = cache_slot(kind, id);
	if (c->serial == cl->serial && c->key == id && strcmp(*(char *const *)c->entry, id) == 0)
		return c->entry;
	const void *e = n ? bsearch(key, table, n, size, cmp) : NULL;
	if (e) {
		c->serial = cl->serial;
		c->key = id;
		c->entry = e;
	}
	return e;
}

static const struct limit *find_limit(const struct waba_checklist *cl, const char *id)
{
	struct limit key = { (char *)id, 0, NULL };
	return lookup(cl, CACHE_LIMIT, id, &key, cl->limits, cl->nlimits, sizeof(key), cmp_limit);
}

long waba_checklist_limit(const struct waba_checklist *cl, const char *id)
{
	const struct limit *l = find_limit(cl, id);
	return l ? l->value : -1;
}

const struct waba_termlist *waba_checklist_terms(const struct waba_checklist *cl, const char *id)
{
	struct waba_termlist key = { (char *)id, NULL, 0, NULL };
	return lookup(cl, CACHE_TERMS, id, &key, cl->termlists, cl->ntermlists, sizeof(key), cmp_termlist);
}

const struct waba_set *waba_checklist_set(const struct waba_checklist *cl, const char *id)
{
	struct waba_set key = { (char *)id, NULL, 0 };
	return lookup(cl, CACHE_SET, id, &key, cl->sets, cl->nsets, sizeof(key), cmp_set);
}

/* The item found last for a value of a set, per thread. Kept as an index and checked against
 * the set as it is now (its length, then the value), so a set that grows or is replaced while
 * a checklist loads never hands back an item that has moved. */
static _Thread_local struct {
	const struct waba_set *set;
	size_t index;
} item_cache[CACHE_SLOTS];

const struct waba_set_item *waba_set_find(const struct waba_set *set, const char *value)
{
	if (!set)
		return NULL;
	uintptr_t h = (uintptr_t)set;
	for (const unsigned char *v = (const unsigned char *)value; *v; v++)
		h = (h ^ *v) * (uintptr_t)0x100000001B3ULL;
	h = (h * (uintptr_t)0x9E3779B97F4A7C15ULL) >> (sizeof(uintptr_t) * 8 - 8);
	size_t cached = item_cache[h].index;
	if (item_cache[h].set == set && cached < set->len && strcmp(set->items[cached].value, value) == 0)
		return &set->items[cached];
	for (size_t i = 0; i < set->len; i++)
		if (strcmp(set->items[i].value, value) == 0) {
			item_cache[h].set = set;
			item_cache[h].index = i;
			return &set->items[i];
		}
	return NULL;
}

void waba_set_values_or(const struct waba_set *set, int (*keep)(const struct waba_set_item *it),
                        struct waba_strbuf *head, const char **last)
{
	*last = NULL;
	for (size_t i = 0; set && i < set->len; i++)
		if (!keep || keep(&set->items[i]))
			waba_strbuf_add_or_item(head, last, set->items[i].value);
}

const struct waba_set_item *waba_set_find_nocase(const struct waba_set *set, const char *value)
{
	if (!set)
		return NULL;
	for (size_t i = 0; i < set->len; i++)
		if (strcasecmp(set->items[i].value, value) == 0)
			return &set->items[i];
	return NULL;
}

const char *waba_set_item_attr(const struct waba_set_item *item, const char *name)
{
	for (size_t i = 0; item && i < item->nattrs; i++)
		if (strcmp(item->attrs[i].name, name) == 0)
			return item->attrs[i].value;
	return NULL;
}

const char *waba_set_item_label(const struct waba_set_item *item, const char *lang)
{
	char attr[24];
	snprintf(attr, sizeof(attr), "label_%s", lang ? lang : "en");
	const char *l = waba_set_item_attr(item, attr);
	if (!l)
		l = waba_set_item_attr(item, "label_en");
	return l ? l : item ? item->value : NULL;
}

static const char *find_text(const struct waba_checklist *cl, const char *id, const char *lang)
{
	struct text key = { (char *)id, "", NULL };
	for (size_t i = 0; i + 1 < sizeof(key.lang) && lang[i]; i++) /* no snprintf: a lookup per finding */
		key.lang[i] = lang[i];
	const struct text *t = cl->ntexts ? bsearch(&key, cl->texts, cl->ntexts, sizeof(key), cmp_text) : NULL;
	return t ? t->value : NULL;
}

const char *waba_checklist_text(const struct waba_checklist *cl, const char *id, const char *lang)
{
	const char *t = lang ? find_text(cl, id, lang) : NULL;
	return t ? t : find_text(cl, id, "en");
}

static int has_need(const struct waba_checklist *cl, const struct waba_checklist_need *n)
{
	switch (n->kind) {
	case WABA_NEED_LIMIT:
		return find_limit(cl, n->id) != NULL;
	case WABA_NEED_SET:
		return waba_checklist_set(cl, n->id) != NULL;
	case WABA_NEED_TERMS:
		return waba_checklist_terms(cl, n->id) != NULL;
	case WABA_NEED_TEXT:
		return find_text(cl, n->id, "en") != NULL;
	}
	return 0;
}

int waba_checklist_check_needs(const struct waba_checklist *cl, const char *dir)
{
	static const char *const kinds[] = { "", "limit", "set", "terms", "text" };
	for (const struct waba_checklist_need *n = waba_checklist_needs; n->id; n++)
		if (!has_need(cl, n))
			return waba_error_set(WABA_EINVAL, _("the checklists in '%s' have no %s '%s' (looked up in %s)"),
			                      dir, kinds[n->kind], n->id, n->where);
	return 0;
}

const char *waba_checklist_text_for(const struct waba_checklist *cl, const char *id, const char *lang, const char *where)
{
	if (where && *where) {
		char small[128], *there = small;
		size_t a = strlen(id), b = strlen(where);
		if (a + b + 2 > sizeof(small))
			there = waba_xmalloc(a + b + 2);
		memcpy(there, id, a);
		there[a] = '.';
		memcpy(there + a + 1, where, b + 1);
		const char *t = waba_checklist_text(cl, there, lang);
		if (there != small)
			free(there);
		if (t)
			return t;
	}
	return waba_checklist_text(cl, id, lang);
}

int waba_checklist_rule_severity(const struct waba_checklist *cl, const char *id, enum waba_severity *out)
{
	int found = -1;
	for (size_t i = 0; i < cl->noverrides; i++)
		if (strcmp(cl->overrides[i].id, id) == 0) {
			*out = cl->overrides[i].sev;
			found = 0; /* the last one wins */
		}
	return found;
}

void waba_checklist_free(struct waba_checklist *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->nlimits; i++) {
		waba_checklist_str_free(cl, cl->limits[i].id);
		waba_checklist_str_free(cl, cl->limits[i].source);
	}
	free(cl->limits);
	for (size_t i = 0; i < cl->ntermlists; i++) {
		for (size_t j = 0; j < cl->termlists[i].len; j++)
			waba_term_release(cl, &cl->termlists[i].terms[j]);
		free(cl->termlists[i].terms);
		waba_termlist_index_free(&cl->termlists[i]);
		waba_checklist_str_free(cl, cl->termlists[i].id);
	}
	free(cl->termlists);
	waba_checklist_termsets_free(cl);
	for (size_t i = 0; i < cl->nsets; i++) {
		for (size_t j = 0; j < cl->sets[i].len; j++)
			waba_set_item_release(cl, &cl->sets[i].items[j]);
		free(cl->sets[i].items);
		waba_checklist_str_free(cl, cl->sets[i].id);
	}
	free(cl->sets);
	for (size_t i = 0; i < cl->ntexts; i++) {
		waba_checklist_str_free(cl, cl->texts[i].id);
		waba_checklist_str_free(cl, cl->texts[i].value);
	}
	free(cl->texts);
	for (size_t i = 0; i < cl->noverrides; i++)
		waba_checklist_str_free(cl, cl->overrides[i].id);
	free(cl->overrides);
	free(cl->schema_path);
	free(cl->leaves);
	free(cl);
}
