/*
 * checklist_blob.c: the merged checklist as a flat blob, so that the bundled checklists,
 * validated against the schema at build time, are taken at start-up without parsing and
 * validating 175 KB of XML on every run (bench/README.md: about 85 M instructions).
 *
 * The blob starts with the files it was made from (name, size, hash of the bytes);
 * parse/checklist_xml.c takes it only when the folder holds exactly those files, byte for
 * byte, so an edited or added checklist is parsed and validated as before.
 *
 * Layout: "WABACL3\n", then u32 counts and records; a string is a u32 length, its bytes
 * and a NUL (0xffffffff alone: NULL), so the tables' strings are read in place, not copied.
 * Integers little-endian. Last, the term sets built before writing (the template checks'
 * automaton, waba_check_template_prepare), read in place too (core/text.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/strbuf.h"
#include "waba/text.h"
#include "checklist_priv.h"
#include "termindex.h"

#define MAGIC "WABACL3\n"
#define NUL_STR 0xffffffffu

uint64_t waba_checklist_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	h ^= h >> 32;
	return h * 0xff51afd7ed558ccdULL;
}

/* ---- writing ------------------------------------------------------------------------ */

static void put_u32(struct waba_strbuf *b, uint32_t v)
{
	unsigned char c[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
	waba_strbuf_add(b, c, 4);
}

static void put_u64(struct waba_strbuf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

static void put_str(struct waba_strbuf *b, const char *s)
{
	if (!s) {
		put_u32(b, NUL_STR);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	waba_strbuf_add(b, s, n + 1); /* with its NUL */
}

void waba_checklist_blob_begin(struct waba_strbuf *b, size_t nfiles)
{
	waba_strbuf_add(b, MAGIC, 8);
	put_u32(b, (uint32_t)nfiles);
}

void waba_checklist_blob_file(struct waba_strbuf *b, const char *name, const void *data, size_t len)
{
	put_str(b, name);
	put_u64(b, len);
	put_u64(b, waba_checklist_hash(data, len));
}

void waba_checklist_blob_end(struct waba_strbuf *b, const struct waba_checklist *cl)
{
	put_u32(b, (uint32_t)cl->nlimits);
	for (size_t i = 0; i < cl->nlimits; i++) {
		put_str(b, cl->limits[i].id);
		put_u64(b, (uint64_t)cl->limits[i].value);
		put_str(b, cl->limits[i].source);
	}
	/* the room the words' and attributes' arrays take, read into one block */
	size_t slots = 0;
	for (size_t i = 0; i < cl->ntermlists; i++)
		for (size_t j = 0; j < cl->termlists[i].len; j++)
			slots += (cl->termlists[i].terms[j].nwords + 1) * sizeof(char *);
	for (size_t i = 0; i < cl->nsets; i++)
		for (size_t j = 0; j < cl->sets[i].len; j++)
			slots += cl->sets[i].items[j].nattrs * sizeof(struct waba_attr);
	put_u64(b, slots);
	put_u32(b, (uint32_t)cl->ntermlists);
	for (size_t i = 0; i < cl->ntermlists; i++) {
		const struct waba_termlist *l = &cl->termlists[i];
		put_str(b, l->id);
		put_u32(b, (uint32_t)l->len);
		for (size_t j = 0; j < l->len; j++) {
			const struct waba_term *t = &l->terms[j];
			put_str(b, t->text);
			put_str(b, t->lang);
			put_str(b, t->tag);
			put_u32(b, (uint32_t)t->prefix);
			put_u32(b, (uint32_t)t->nwords);
			for (size_t k = 0; k < t->nwords; k++)
				put_str(b, t->words[k]);
		}
	}
	put_u32(b, (uint32_t)cl->nsets);
	for (size_t i = 0; i < cl->nsets; i++) {
		const struct waba_set *s = &cl->sets[i];
		put_str(b, s->id);
		put_u32(b, (uint32_t)s->len);
		for (size_t j = 0; j < s->len; j++) {
			put_str(b, s->items[j].value);
			put_u32(b, (uint32_t)s->items[j].nattrs);
			for (size_t k = 0; k < s->items[j].nattrs; k++) {
				put_str(b, s->items[j].attrs[k].name);
				put_str(b, s->items[j].attrs[k].value);
			}
		}
	}
	put_u32(b, (uint32_t)cl->ntexts);
	for (size_t i = 0; i < cl->ntexts; i++) {
		put_str(b, cl->texts[i].id);
		put_str(b, cl->texts[i].lang);
		put_str(b, cl->texts[i].value);
	}
	put_u32(b, (uint32_t)cl->noverrides);
	for (size_t i = 0; i < cl->noverrides; i++) {
		put_str(b, cl->overrides[i].id);
		put_u32(b, (uint32_t)cl->overrides[i].sev);
	}
	/* the term sets built so far: their lists' ids, then their tables (core/text.c), which
	 * start at a multiple of 8 bytes from the blob's start, to be read in place */
	size_t nsets = 0;
	while (waba_checklist_termset_at(cl, nsets))
		nsets++;
	put_u32(b, (uint32_t)nsets);
	for (size_t i = 0; i < nsets; i++) {
		const struct waba_termset *set = waba_checklist_termset_at(cl, i);
		size_t n;
		const struct waba_termlist *const *lists = waba_termset_lists(set, &n);
		put_u32(b, (uint32_t)n);
		for (size_t k = 0; k < n; k++)
			put_str(b, lists[k] ? lists[k]->id : NULL);
		struct waba_strbuf tables = WABA_STRBUF_INIT;
		waba_termset_write(set, &tables);
		put_u32(b, (uint32_t)tables.len);
		size_t pad = (8 - (b->len + 4) % 8) % 8;
		put_u32(b, (uint32_t)pad);
		waba_strbuf_add(b, "\0\0\0\0\0\0\0", pad);
		waba_strbuf_add(b, tables.buf, tables.len);
		waba_strbuf_release(&tables);
	}
}

/* ---- reading ------------------------------------------------------------------------ */

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t get_u32(struct reader *r)
{
	if (r->bad || r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t lo = get_u32(r);
	return lo | (uint64_t)get_u32(r) << 32;
}

/* A count of records, each at least `min` bytes: refuses one the blob cannot hold. */
static size_t get_count(struct reader *r, size_t min)
{
	uint32_t n = get_u32(r);
	if ((size_t)(r->end - r->p) / min < n) {
		r->bad = 1;
		return 0;
	}
	return n;
}

/* A string of the blob, in place (NUL-ended there). */
static char *get_str_in_place(struct reader *r)
{
	uint32_t n = get_u32(r);
	if (r->bad || n == NUL_STR)
		return NULL;
	if ((size_t)(r->end - r->p) <= n || r->p[n] != '\0') {
		r->bad = 1;
		return NULL;
	}
	char *s = (char *)(uintptr_t)r->p; /* the checklist never writes into its strings */
	r->p += (size_t)n + 1;
	return s;
}

static char *get_str(struct reader *r)
{
	const char *s = get_str_in_place(r);
	return s ? waba_xstrdup(s) : NULL;
}

int waba_checklist_blob_files(const unsigned char *blob, size_t len, size_t *nfiles, const unsigned char **files)
{
	struct reader r = { blob, blob + len, 0 };
	if (len < 12 || memcmp(blob, MAGIC, 8) != 0)
		return -1;
	r.p += 8;
	*nfiles = get_count(&r, 20);
	*files = r.p;
	return r.bad ? -1 : 0;
}

int waba_checklist_blob_file_at(const unsigned char **pos, const unsigned char *end, char **name, uint64_t *size,
                                uint64_t *hash)
{
	struct reader r = { *pos, end, 0 };
	*name = get_str(&r);
	*size = get_u64(&r);
	*hash = get_u64(&r);
	*pos = r.p;
	if (r.bad || !*name) {
		free(*name);
		*name = NULL;
		return -1;
	}
	return 0;
}

/* n items of `size` bytes from the checklist's block of leaves (cl->leaves), zeroed; NULL
 * with *n = 0 when the block is short (the blob is damaged: r->bad). */
static void *take_leaves(struct waba_checklist *cl, unsigned char **at, size_t *n, size_t size, struct reader *r)
{
	if (r->bad || !cl->leaves || (size_t)(cl->leaves_end - *at) / size < *n) {
		r->bad = 1;
		*n = 0;
		return NULL;
	}
	void *p = *at;
	*at += *n * size;
	return p;
}

int waba_checklist_blob_read(struct waba_checklist *cl, const unsigned char *tables, const unsigned char *end)
{
	struct reader r = { tables, end, 0 };
	waba_checklist_changed(cl);
	cl->borrowed = tables;
	cl->borrowed_end = end;
	cl->nlimits = get_count(&r, 16);
	cl->limits = waba_xcalloc(cl->nlimits + 1, sizeof(*cl->limits));
	for (size_t i = 0; i < cl->nlimits; i++) {
		cl->limits[i].id = get_str_in_place(&r);
		cl->limits[i].value = (long)get_u64(&r);
		cl->limits[i].source = get_str_in_place(&r);
	}
	uint64_t block = get_u64(&r);
	if (block > (uint64_t)(r.end - r.p) * sizeof(char *)) /* a word or an attribute is at least 4 bytes */
		r.bad = 1;
	else if (block) {
		cl->leaves = waba_xcalloc(1, (size_t)block);
		cl->leaves_end = cl->leaves + block;
	}
	unsigned char *leaf = cl->leaves;
	cl->ntermlists = get_count(&r, 8);
	cl->termlists = waba_xcalloc(cl->ntermlists + 1, sizeof(*cl->termlists));
	for (size_t i = 0; i < cl->ntermlists; i++) {
		struct waba_termlist *l = &cl->termlists[i];
		l->id = get_str_in_place(&r);
		l->len = get_count(&r, 20);
		l->terms = waba_xcalloc(l->len + 1, sizeof(*l->terms));
		for (size_t j = 0; j < l->len; j++) {
			struct waba_term *t = &l->terms[j];
			t->text = get_str_in_place(&r);
			t->lang = get_str_in_place(&r);
			t->tag = get_str_in_place(&r);
			t->prefix = (int)get_u32(&r);
			size_t slots = get_count(&r, 4) + 1; /* with a NULL after the last */
			t->words = take_leaves(cl, &leaf, &slots, sizeof(char *), &r);
			t->nwords = slots ? slots - 1 : 0;
			for (size_t k = 0; k < t->nwords; k++)
				t->words[k] = get_str_in_place(&r);
		}
	}
	cl->nsets = get_count(&r, 8);
	cl->sets = waba_xcalloc(cl->nsets + 1, sizeof(*cl->sets));
	for (size_t i = 0; i < cl->nsets; i++) {
		struct waba_set *s = &cl->sets[i];
		s->id = get_str_in_place(&r);
		s->len = get_count(&r, 8);
		s->items = waba_xcalloc(s->len + 1, sizeof(*s->items));
		for (size_t j = 0; j < s->len; j++) {
			s->items[j].value = get_str_in_place(&r);
			s->items[j].nattrs = get_count(&r, 8);
			s->items[j].attrs = s->items[j].nattrs ? take_leaves(cl, &leaf, &s->items[j].nattrs,
			                                                     sizeof(struct waba_attr), &r)
			                                       : NULL;
			for (size_t k = 0; k < s->items[j].nattrs; k++) {
				s->items[j].attrs[k].name = get_str_in_place(&r);
				s->items[j].attrs[k].value = get_str_in_place(&r);
			}
		}
	}
	cl->ntexts = get_count(&r, 12);
	cl->texts = waba_xcalloc(cl->ntexts + 1, sizeof(*cl->texts));
	for (size_t i = 0; i < cl->ntexts; i++) {
		cl->texts[i].id = get_str_in_place(&r);
		const char *lang = get_str_in_place(&r);
		size_t n = lang ? strlen(lang) : 0;
		if (n >= sizeof(cl->texts[i].lang))
			r.bad = 1;
		else if (n)
			memcpy(cl->texts[i].lang, lang, n + 1);
		cl->texts[i].value = get_str_in_place(&r);
	}
	cl->noverrides = get_count(&r, 8);
	cl->overrides = waba_xcalloc(cl->noverrides + 1, sizeof(*cl->overrides));
	for (size_t i = 0; i < cl->noverrides; i++) {
		cl->overrides[i].id = get_str_in_place(&r);
		cl->overrides[i].sev = (enum waba_severity)get_u32(&r);
	}
	size_t nsets = get_count(&r, 12);
	for (size_t i = 0; i < nsets && !r.bad; i++) {
		const struct waba_termlist *lists[WABA_TERMSET_MAX];
		size_t n = get_count(&r, 4);
		if (n > WABA_TERMSET_MAX)
			r.bad = 1;
		for (size_t k = 0; k < n && !r.bad; k++) {
			const char *id = get_str_in_place(&r);
			lists[k] = id ? waba_checklist_terms(cl, id) : NULL;
			r.bad |= id && !lists[k];
		}
		uint32_t len = get_u32(&r), pad = get_u32(&r);
		if (r.bad || pad > 7 || (size_t)(r.end - r.p) < (size_t)pad + len) {
			r.bad = 1;
			break;
		}
		r.p += pad;
		/* NULL (another byte order, not aligned): the set is built on first use */
		struct waba_termset *set = waba_termset_read(r.p, len, lists, n);
		if (set)
			waba_checklist_termset_add(cl, set);
		r.p += len;
	}
	return r.bad || r.p != r.end ? -1 : 0;
}
