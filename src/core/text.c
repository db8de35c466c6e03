/* text.c: UTF-8 validation, Unicode folding with utf8proc, words and term matching. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "waba/strbuf.h"
#include "waba/text.h"
#include "termindex.h"

size_t waba_utf8_decode(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	                                      len > 4 ? 4 : (utf8proc_ssize_t)len, &c);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

int waba_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

size_t waba_utf8_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Fold one code point into buf (UTF-8); returns bytes written. */
static size_t fold_cp(int32_t cp, char *buf, size_t cap)
{
	utf8proc_int32_t out[16];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, 16,
		UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, &last);
	size_t used = 0;
	if (n < 0 || n > 16)
		return 0;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		if (used + 4 > cap)
			break;
		used += (size_t)utf8proc_encode_char(out[i], (utf8proc_uint8_t *)buf + used);
	}
	return used;
}

char *waba_text_fold(const char *s, size_t len)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	char buf[64];
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			waba_strbuf_addc(&sb, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			i++;
			continue;
		}
		int32_t cp;
		size_t n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0)
			waba_strbuf_add(&sb, buf, fold_cp(cp, buf, sizeof(buf)));
		i += n;
	}
	return waba_strbuf_detach(&sb);
}

static int is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	utf8proc_category_t cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Record a word whose folded form starts at arena offset `off` (a NUL was just added). */
static void words_push(struct waba_words *w, size_t off, size_t start, size_t end)
{
	if (w->len == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->v = waba_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->len].folded = (const char *)(uintptr_t)off; /* made a pointer when the arena is final */
	w->v[w->len].start = start;
	w->v[w->len].end = end;
	w->len++;
}

void waba_text_words(struct waba_words *out, const char *s, size_t len)
{
	struct waba_strbuf arena = WABA_STRBUF_INIT;
	char buf[64];
	size_t i = 0, start = 0, off = 0;

	assert(out->len == 0 && !out->arena); /* a fresh list: words point into one arena */
	int in_word = 0;
	while (i < len) {
		int32_t cp;
		size_t n;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			cp = c;
			n = 1;
		} else {
			n = waba_utf8_decode(s + i, len - i, &cp);
		}
		if (cp >= 0 && is_word_cp(cp)) {
			if (!in_word) {
				in_word = 1;
				start = i;
				off = arena.len;
			}
			if (cp < 0x80)
				waba_strbuf_addc(&arena, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
			else
				waba_strbuf_add(&arena, buf, fold_cp(cp, buf, sizeof(buf)));
		} else if (in_word) {
			in_word = 0;
			waba_strbuf_addc(&arena, '\0');
			words_push(out, off, start, i);
		}
		i += n;
	}
	if (in_word) {
		waba_strbuf_addc(&arena, '\0');
		words_push(out, off, start, len);
	}
	out->arena = waba_strbuf_detach(&arena);
	for (size_t k = 0; k < out->len; k++)
		out->v[k].folded = out->arena + (uintptr_t)out->v[k].folded;
}

void waba_words_release(struct waba_words *w)
{
	free(w->v);
	free(w->arena);
	w->v = NULL;
	w->arena = NULL;
	w->len = w->cap = 0;
}

/* ---- term index: first folded word -> terms ---------------------------------------- */

/* Single-word prefix terms ("desconto*") are bucketed by their first two bytes, so a
 * word is compared only with the prefixes it could begin with; shorter prefixes go in
 * bucket 0 and are compared with every word. */
#define PREFIX_BUCKETS 1024

struct term_slot {
	uint32_t hash; /* of the term's first word: most probes end without a strcmp */
	uint32_t term; /* term index + 1; 0 = empty */
};

struct term_index {
	struct term_slot *slots;
	size_t nslots;
	unsigned char *any_lang;    /* per term: no language, or "any" */
	size_t *prefix_terms;       /* term indexes, grouped by bucket */
	size_t bucket_start[PREFIX_BUCKETS + 1];
};

static size_t prefix_bucket(const char *w)
{
	if (!w[0] || !w[1])
		return 0;
	return 1 + (((unsigned char)w[0] * 31u + (unsigned char)w[1]) % (PREFIX_BUCKETS - 1));
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void waba_termlist_index_free(struct waba_termlist *l)
{
	struct term_index *ix = l->index;
	if (!ix)
		return;
	free(ix->slots);
	free(ix->any_lang);
	free(ix->prefix_terms);
	free(ix);
	l->index = NULL;
}

void waba_termlist_index(struct waba_termlist *l)
{
	waba_termlist_index_free(l);
	struct term_index *ix = waba_xcalloc(1, sizeof(*ix));
	ix->nslots = 16;
	while (ix->nslots < l->len * 2 + 2)
		ix->nslots *= 2;
	ix->slots = waba_xcalloc(ix->nslots, sizeof(*ix->slots));
	ix->any_lang = waba_xcalloc(l->len + 1, 1);
	for (size_t t = 0; t < l->len; t++)
		ix->any_lang[t] = !l->terms[t].lang || strcmp(l->terms[t].lang, "any") == 0;
	ix->prefix_terms = waba_xcalloc(l->len + 1, sizeof(size_t));
	/* counting sort of the single-word prefix terms into their buckets */
	size_t count[PREFIX_BUCKETS] = { 0 };
	for (size_t t = 0; t < l->len; t++)
		if (l->terms[t].nwords == 1 && l->terms[t].prefix)
			count[prefix_bucket(l->terms[t].words[0])]++;
	for (size_t b = 0; b < PREFIX_BUCKETS; b++)
		ix->bucket_start[b + 1] = ix->bucket_start[b] + count[b];
	size_t fill[PREFIX_BUCKETS];
	memcpy(fill, ix->bucket_start, sizeof(fill));
	for (size_t t = 0; t < l->len; t++) {
		const struct waba_term *term = &l->terms[t];
		if (term->nwords == 0)
			continue;
		if (term->nwords == 1 && term->prefix) {
			ix->prefix_terms[fill[prefix_bucket(term->words[0])]++] = t;
			continue;
		}
		uint64_t hash = hash_str(term->words[0]);
		size_t h = hash & (ix->nslots - 1);
		while (ix->slots[h].term)
			h = (h + 1) & (ix->nslots - 1);
		ix->slots[h].hash = (uint32_t)(hash >> 32);
		ix->slots[h].term = (uint32_t)(t + 1);
	}
	l->index = ix;
}

static int word_matches(const struct waba_term *term, size_t k, const char *word)
{
	if (term->prefix && k == term->nwords - 1)
		return strncmp(word, term->words[k], strlen(term->words[k])) == 0;
	return strcmp(word, term->words[k]) == 0;
}

static int term_at(const struct waba_term *term, const struct waba_words *w, size_t i)
{
	if (i + term->nwords > w->len)
		return 0;
	for (size_t k = 0; k < term->nwords; k++)
		if (!word_matches(term, k, w->v[i + k].folded))
			return 0;
	return 1;
}

static int lang_ok(const struct term_index *ix, const struct waba_termlist *list, size_t t, const char *lang)
{
	return !lang || ix->any_lang[t] || strcmp(list->terms[t].lang, lang) == 0;
}

size_t waba_terms_find(const struct waba_termlist *list, const struct waba_words *words,
                       const char *lang, int (*cb)(const struct waba_term_match *m, void *payload),
                       void *payload)
{
	const struct term_index *ix;
	size_t seen = 0;
	if (!list)
		return 0;
	if (!list->index)
		waba_termlist_index((struct waba_termlist *)list);
	ix = list->index;
	for (size_t i = 0; i < words->len; i++) {
		const char *word = words->v[i].folded;
		uint64_t hash = hash_str(word);
		uint32_t hash_hi = (uint32_t)(hash >> 32);
		size_t h = hash & (ix->nslots - 1);
		const struct waba_term *best = NULL;
		/* exact-first-word terms: prefer the longest match at this position */
		for (; ix->slots[h].term; h = (h + 1) & (ix->nslots - 1)) {
			size_t ti = ix->slots[h].term - 1;
			const struct waba_term *t = &list->terms[ti];
			if (ix->slots[h].hash != hash_hi || strcmp(t->words[0], word) != 0)
				continue;
			if (lang_ok(ix, list, ti, lang) && term_at(t, words, i) && (!best || t->nwords > best->nwords))
				best = t;
		}
		size_t buckets[2] = { 0, prefix_bucket(word) };
		for (size_t k = 0; k < (buckets[1] ? 2u : 1u) && !best; k++)
			for (size_t p = ix->bucket_start[buckets[k]]; p < ix->bucket_start[buckets[k] + 1] && !best; p++) {
				size_t ti = ix->prefix_terms[p];
				if (lang_ok(ix, list, ti, lang) && term_at(&list->terms[ti], words, i))
					best = &list->terms[ti];
			}
		if (!best)
			continue;
		struct waba_term_match m = { best, words->v[i].start, words->v[i + best->nwords - 1].end };
		seen++;
		if (cb && cb(&m, payload))
			break;
		i += best->nwords - 1;
	}
	return seen;
}

static int is_emoji_cp(int32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
	       (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == 0x2B50 || cp == 0x2B55 ||
	       (cp >= 0x2B05 && cp <= 0x2B07) || (cp >= 0x2B1B && cp <= 0x2B1C) ||
	       cp == 0x231A || cp == 0x231B || cp == 0x23F0 || cp == 0x23F3 ||
	       (cp >= 0x23E9 && cp <= 0x23EC) || cp == 0x3030 || cp == 0x303D ||
	       cp == 0x3297 || cp == 0x3299 || cp == 0xFE0F || cp == 0x20E3;
}

size_t waba_text_find_emoji(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0 && is_emoji_cp(cp))
			return i + 1;
		i += n;
	}
	return 0;
}

size_t waba_text_width(const char *s)
{
	size_t w = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0) {
			w++;
			i++;
			continue;
		}
		w += (size_t)utf8proc_charwidth(c);
		i += (size_t)n;
	}
	return w;
}

void waba_strbuf_add_padded(struct waba_strbuf *out, const char *s, size_t width)
{
	size_t w = waba_text_width(s);
	waba_strbuf_adds(out, s);
	for (; w < width; w++)
		waba_strbuf_addc(out, ' ');
}
