/* text.c: UTF-8 validation, Unicode folding with utf8proc, words and term matching. */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "waba/strbuf.h"
#include "waba/text.h"
#include "checklist_priv.h"
#include "termindex.h"

size_t waba_utf8_decode(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, len > 4 ? 4 : (utf8proc_ssize_t)len, &c);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

/* The end of the run of ASCII bytes from i, read eight bytes at a time. */
static size_t skip_ascii(const char *s, size_t len, size_t i)
{
	while (len - i >= 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	return i;
}

int waba_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i = skip_ascii(s, len, i + 1);
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
	                                             UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                                                 UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
	                                             &last);
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
	waba_strbuf_grow(&sb, len); /* ASCII folds to as many bytes */
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (sb.len + 1 >= sb.cap)
				waba_strbuf_grow(&sb, 1);
			sb.buf[sb.len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		int32_t cp;
		size_t n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0)
			waba_strbuf_add(&sb, buf, fold_cp(cp, buf, sizeof(buf)));
		i += n;
	}
	sb.buf[sb.len] = '\0'; /* the ASCII bytes were written past the buffer's own NUL */
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

/* An ASCII letter or digit; its folded form is c | 0x20 (digits already have that bit). */
static inline int ascii_word(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

void waba_text_words(struct waba_words *out, const char *s, size_t len)
{
	struct waba_strbuf arena = WABA_STRBUF_INIT;
	char buf[64];
	size_t i = 0, start = 0, off = 0;

	assert(out->len == 0 && !out->arena); /* a fresh list: words point into one arena */
	waba_strbuf_grow(&arena, len + 1);    /* ASCII folds to as many bytes, plus a NUL a word */
	int in_word = 0;
	while (i < len) {
		int32_t cp;
		size_t n;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (ascii_word(c)) { /* a run of ASCII letters and digits, folded in one go */
				if (!in_word) {
					in_word = 1;
					start = i;
					off = arena.len;
				}
				if (arena.len + (len - i) + 2 > arena.cap)
					waba_strbuf_grow(&arena, len - i + 2);
				char *o = arena.buf + arena.len;
				do
					*o++ = (char)(c | 0x20);
				while (++i < len && ascii_word(c = (unsigned char)s[i]));
				arena.len = (size_t)(o - arena.buf);
				continue;
			}
			cp = c;
			n = 1;
		} else {
			n = waba_utf8_decode(s + i, len - i, &cp);
		}
		if (cp >= 0x80 && is_word_cp(cp)) {
			if (!in_word) {
				in_word = 1;
				start = i;
				off = arena.len;
			}
			waba_strbuf_add(&arena, buf, fold_cp(cp, buf, sizeof(buf)));
		} else if (in_word) {
			in_word = 0;
			if (arena.len + 2 > arena.cap)
				waba_strbuf_grow(&arena, 1);
			arena.buf[arena.len++] = '\0';
			words_push(out, off, start, i);
		}
		i += n;
	}
	if (in_word) {
		waba_strbuf_addc(&arena, '\0');
		words_push(out, off, start, len);
	}
	arena.buf[arena.len] = '\0'; /* the bytes above were written past the buffer's own NUL */
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

/* ---- term matching: an Aho-Corasick automaton over one or more term lists ------------ */

/*
 * The folded words of a text sit in one arena, each ended by a NUL ("w1\0w2\0...wn\0"):
 * that arena is the stream the automaton reads, so a text is read once, whatever the
 * number of terms and lists. A term is the pattern NUL w1 NUL w2 ... NUL wk NUL (the last
 * NUL left out when its last word is a prefix, "desconto*"); a leading NUL makes every
 * match start at a word, the trailing one end at a word's end. The automaton starts in
 * the state after a NUL, as if the stream began with one.
 *
 * One automaton holds the terms of several lists (a term set; one list alone for
 * waba_terms_find): each term's output names its list, so one pass over a text
 * (waba_termset_scan) finds the terms of every list, and each list's matches are then
 * read from the pass's results (waba_term_hits_find). Transitions are a full table over
 * byte classes (the bytes the terms use, plus one class for every other byte), built once
 * on first use (from any thread).
 *
 * Which match wins at a word is what the former per-word lookup chose, per list: among
 * the terms starting there, the one with the most words (on a tie, the first in the
 * list); when none, the single-word prefix terms ("desconto*"), those of one letter
 * first, then in list order. After a match, the words it covers are skipped.
 */

enum { LANG_ANY, LANG_PT, LANG_ES, LANG_EN, LANG_OTHER };

/* Fixed-width, no pointer: the bundled checklists' term set is compiled into the program
 * (waba_termset_write) and read in place. */
struct term_info {
	uint32_t list;   /* index of its list in the set */
	uint32_t index;  /* its index in its list */
	uint32_t rank;   /* order among its list's single-word prefix terms; 0: not one */
	uint32_t lang;   /* LANG_* of its language; LANG_ANY: none, or "any" */
	uint32_t nwords; /* its number of words */
};

struct waba_termset {
	unsigned char cls[256]; /* byte -> class; 0: a byte no term uses */
	size_t nclass;
	uint32_t start; /* the state after a NUL */
	/* states x classes: 16-bit states when there are fewer than 65,536 (the bundled lists
	 * need about 12,000; half the memory a run touches building it), else 32-bit */
	uint16_t *delta16;
	uint32_t *delta32;
	uint32_t *out_start; /* per state: its outputs, out[out_start .. + out_count] */
	uint32_t *out_count;
	uint32_t *out; /* term ids: the terms ending in the state, suffixes included */
	const struct waba_termlist *lists[WABA_TERMSET_MAX];
	size_t nlists;
	const struct term_info *terms;
	size_t nterms;
	size_t nstates, nout;
	int borrowed; /* the tables are the compiled blob's (waba_termset_read): not freed */
};

static const struct waba_term *term_of(const struct waba_termset *set, const struct term_info *ti)
{
	return &set->lists[ti->list]->terms[ti->index];
}

static pthread_mutex_t ac_lock = PTHREAD_MUTEX_INITIALIZER;

static void termset_free(struct waba_termset *ac)
{
	if (!ac)
		return;
	if (ac->borrowed) {
		free(ac);
		return;
	}
	free(ac->delta16);
	free(ac->delta32);
	free(ac->out_start);
	free(ac->out_count);
	free(ac->out);
	free((void *)ac->terms);
	free(ac);
}

void waba_termlist_index_free(struct waba_termlist *l)
{
	termset_free(l->index);
	l->index = NULL;
}

static uint32_t lang_code(const char *lang)
{
	static const char *const codes[] = { "pt", "es", "en" };
	if (!lang || strcmp(lang, "any") == 0)
		return LANG_ANY;
	for (uint32_t i = 0; i < 3; i++)
		if (strcmp(lang, codes[i]) == 0)
			return LANG_PT + i;
	return LANG_OTHER;
}

static uint32_t delta_get(const struct waba_termset *ac, size_t i)
{
	return ac->delta16 ? ac->delta16[i] : ac->delta32[i];
}

static void delta_set(struct waba_termset *ac, size_t i, uint32_t v)
{
	if (ac->delta16)
		ac->delta16[i] = (uint16_t)v;
	else
		ac->delta32[i] = v;
}

static uint32_t trie_step(struct waba_termset *ac, uint32_t s, unsigned char cls, uint32_t *n)
{
	size_t i = s * ac->nclass + cls;
	uint32_t e = delta_get(ac, i);
	if (!e) {
		e = (*n)++; /* while building, 0 is "no edge": no edge leads back to the root */
		delta_set(ac, i, e);
	}
	return e;
}

static struct waba_termset *ac_build(const struct waba_termlist *const *lists, size_t nlists)
{
	struct waba_termset *ac = waba_xcalloc(1, sizeof(*ac));
	unsigned char used[256] = { 1 }; /* the NUL between words */
	size_t maxstates = 2, nterms = 0;
	assert(nlists <= WABA_TERMSET_MAX);
	for (size_t k = 0; k < nlists; k++) {
		ac->lists[k] = lists[k];
		for (size_t t = 0; lists[k] && t < lists[k]->len; t++, nterms++)
			for (size_t j = 0; j < lists[k]->terms[t].nwords; j++) {
				for (const unsigned char *w = (const unsigned char *)lists[k]->terms[t].words[j]; *w;
				     w++, maxstates++)
					used[*w] = 1;
				maxstates += 2;
			}
	}
	ac->nlists = nlists;
	ac->nterms = nterms;
	struct term_info *terms = waba_xcalloc(nterms + 1, sizeof(*ac->terms));
	ac->terms = terms;
	nterms = 0;
	for (size_t k = 0; k < nlists; k++) {
		uint32_t r = 1;
		for (size_t t = 0; lists[k] && t < lists[k]->len; t++) {
			struct term_info *ti = &terms[nterms + t];
			ti->list = (uint32_t)k;
			ti->index = (uint32_t)t;
			ti->lang = lang_code(lists[k]->terms[t].lang);
			ti->nwords = (uint32_t)lists[k]->terms[t].nwords;
		}
		for (int pass = 0; pass < 2; pass++) /* the one-byte prefixes first, then the others */
			for (size_t t = 0; lists[k] && t < lists[k]->len; t++) {
				const struct waba_term *term = &lists[k]->terms[t];
				if (term->nwords == 1 && term->prefix && (strlen(term->words[0]) < 2) == (pass == 0))
					terms[nterms + t].rank = r++;
			}
		nterms += lists[k] ? lists[k]->len : 0;
	}
	ac->nclass = 1;
	for (int c = 0; c < 256; c++)
		if (used[c])
			ac->cls[c] = (unsigned char)ac->nclass++;
	const size_t C = ac->nclass;
	if (maxstates <= UINT16_MAX)
		ac->delta16 = waba_xcalloc(maxstates * C, sizeof(uint16_t));
	else
		ac->delta32 = waba_xcalloc(maxstates * C, sizeof(uint32_t));
	uint32_t *own = waba_xcalloc(maxstates, sizeof(uint32_t));   /* first term ending here + 1 */
	uint32_t *same = waba_xcalloc(nterms + 1, sizeof(uint32_t)); /* next term of the same pattern + 1 */
	uint32_t n = 1;
	for (size_t g = 0; g < nterms; g++) {
		const struct waba_term *term = term_of(ac, &ac->terms[g]);
		uint32_t s = 0;
		if (term->nwords == 0)
			continue;
		for (size_t k = 0; k < term->nwords; k++) {
			s = trie_step(ac, s, ac->cls[0], &n);
			for (const unsigned char *w = (const unsigned char *)term->words[k]; *w; w++)
				s = trie_step(ac, s, ac->cls[*w], &n);
		}
		if (!term->prefix)
			s = trie_step(ac, s, ac->cls[0], &n);
		uint32_t *tail = &own[s]; /* terms of the same pattern stay in order */
		while (*tail)
			tail = &same[*tail - 1];
		*tail = (uint32_t)g + 1;
	}
	/* failure links breadth first; a missing edge takes its failure state's */
	uint32_t *fail = waba_xcalloc(n, sizeof(uint32_t)), *order = waba_xcalloc(n, sizeof(uint32_t));
	size_t qh = 1, qt = 1; /* order[0] is the root */
	for (size_t c = 0; c < C; c++)
		if (delta_get(ac, c))
			order[qt++] = delta_get(ac, c);
	while (qh < qt) {
		uint32_t s = order[qh++];
		for (size_t c = 0; c < C; c++) {
			uint32_t u = delta_get(ac, s * C + c);
			if (u) {
				fail[u] = delta_get(ac, fail[s] * C + c);
				order[qt++] = u;
			} else {
				delta_set(ac, s * C + c, delta_get(ac, fail[s] * C + c));
			}
		}
	}
	/* outputs: the state's own terms, then its failure state's (earlier in the order) */
	ac->out_start = waba_xcalloc(n, sizeof(uint32_t));
	ac->out_count = waba_xcalloc(n, sizeof(uint32_t));
	size_t total = 0;
	for (size_t q = 0; q < qt; q++) {
		uint32_t s = order[q], k = 0;
		for (uint32_t t = own[s]; t; t = same[t - 1])
			k++;
		ac->out_count[s] = k + (q ? ac->out_count[fail[s]] : 0);
		total += ac->out_count[s];
	}
	ac->out = waba_xcalloc(total + 1, sizeof(uint32_t));
	size_t at = 0;
	for (size_t q = 0; q < qt; q++) {
		uint32_t s = order[q];
		ac->out_start[s] = (uint32_t)at;
		for (uint32_t t = own[s]; t; t = same[t - 1])
			ac->out[at++] = t - 1;
		for (uint32_t j = 0; q && j < ac->out_count[fail[s]]; j++)
			ac->out[at++] = ac->out[ac->out_start[fail[s]] + j];
	}
	if (ac->delta16)
		ac->delta16 = waba_xrealloc(ac->delta16, (size_t)n * C * sizeof(uint16_t));
	else
		ac->delta32 = waba_xrealloc(ac->delta32, (size_t)n * C * sizeof(uint32_t));
	ac->start = delta_get(ac, ac->cls[0]);
	ac->nstates = n;
	ac->nout = total;
	free(fail);
	free(order);
	free(own);
	free(same);
	return ac;
}

/* The list's own automaton, built on first use; lint's workers may ask at once. */
static const struct waba_termset *ac_get(const struct waba_termlist *list)
{
	struct waba_termlist *l = (struct waba_termlist *)list;
	struct waba_termset *ac = __atomic_load_n(&l->index, __ATOMIC_ACQUIRE);
	if (ac)
		return ac;
	pthread_mutex_lock(&ac_lock);
	ac = l->index;
	if (!ac) {
		ac = ac_build(&list, 1);
		__atomic_store_n(&l->index, ac, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&ac_lock);
	return ac;
}

/* A checklist's term sets, built on first use, kept until its lists change. */
struct termset_entry {
	struct termset_entry *next;
	struct waba_termset *set;
};

const struct waba_termset *waba_checklist_termset(const struct waba_checklist *cl,
                                                  const struct waba_termlist *const *lists, size_t n)
{
	struct waba_checklist *w = (struct waba_checklist *)cl;
	if (n > WABA_TERMSET_MAX)
		return NULL;
	for (int locked = 0; locked < 2; locked++) {
		if (locked)
			pthread_mutex_lock(&ac_lock);
		for (struct termset_entry *e = __atomic_load_n(&w->termsets, __ATOMIC_ACQUIRE); e; e = e->next)
			if (e->set->nlists == n && memcmp(e->set->lists, lists, n * sizeof(*lists)) == 0) {
				if (locked)
					pthread_mutex_unlock(&ac_lock);
				return e->set;
			}
	}
	struct termset_entry *e = waba_xmalloc(sizeof(*e));
	e->set = ac_build(lists, n);
	e->next = w->termsets;
	__atomic_store_n(&w->termsets, e, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&ac_lock);
	return e->set;
}

void waba_checklist_termsets_free(struct waba_checklist *cl)
{
	struct termset_entry *e = cl->termsets;
	while (e) {
		struct termset_entry *next = e->next;
		termset_free(e->set);
		free(e);
		e = next;
	}
	cl->termsets = NULL;
}

void waba_checklist_termset_add(struct waba_checklist *cl, struct waba_termset *set)
{
	struct termset_entry *e = waba_xmalloc(sizeof(*e));
	e->set = set;
	e->next = cl->termsets;
	cl->termsets = e;
}

const struct waba_termset *waba_checklist_termset_at(const struct waba_checklist *cl, size_t i)
{
	const struct termset_entry *e = cl->termsets;
	while (e && i--)
		e = e->next;
	return e ? e->set : NULL;
}

const struct waba_termlist *const *waba_termset_lists(const struct waba_termset *set, size_t *n)
{
	*n = set->nlists;
	return set->lists;
}

/*
 * The compiled form: a header of u32 (TERMSET_ORDER, which tells the byte order, the
 * width of a state, then the counts below), the 256 byte classes, and the tables in the
 * host's byte order, each at a multiple of 4 bytes from the start: delta (nstates x nclass
 * states), out_start and out_count (nstates), out (nout), terms (nterms term_info).
 */
#define TERMSET_ORDER 0x54530102u
enum { H_ORDER, H_WIDTH, H_NCLASS, H_START, H_NSTATES, H_NOUT, H_NTERMS, H_NLISTS, H_COUNT };

static void add_aligned(struct waba_strbuf *b, const void *data, size_t len)
{
	static const char zeros[4];
	waba_strbuf_add(b, data, len);
	waba_strbuf_add(b, zeros, (4 - len % 4) % 4);
}

void waba_termset_write(const struct waba_termset *set, struct waba_strbuf *b)
{
	const size_t width = set->delta16 ? 2 : 4, cells = set->nstates * set->nclass;
	uint32_t h[H_COUNT] = {
		[H_ORDER] = TERMSET_ORDER,
		[H_WIDTH] = (uint32_t)width,
		[H_NCLASS] = (uint32_t)set->nclass,
		[H_START] = set->start,
		[H_NSTATES] = (uint32_t)set->nstates,
		[H_NOUT] = (uint32_t)set->nout,
		[H_NTERMS] = (uint32_t)set->nterms,
		[H_NLISTS] = (uint32_t)set->nlists,
	};
	waba_strbuf_add(b, h, sizeof(h));
	waba_strbuf_add(b, set->cls, sizeof(set->cls));
	add_aligned(b, set->delta16 ? (const void *)set->delta16 : (const void *)set->delta32, cells * width);
	waba_strbuf_add(b, set->out_start, set->nstates * sizeof(uint32_t));
	waba_strbuf_add(b, set->out_count, set->nstates * sizeof(uint32_t));
	waba_strbuf_add(b, set->out, set->nout * sizeof(uint32_t));
	waba_strbuf_add(b, set->terms, set->nterms * sizeof(*set->terms));
}

/* The next `n` items of `size` bytes at *p, if [*p, end) holds them; *p then moves past
 * them and the padding add_aligned() wrote (as far as end). */
static const void *take_table(const unsigned char **p, const unsigned char *end, size_t n, size_t size)
{
	const void *at = *p;
	size_t len = n * size, room = (size_t)(end - *p), step = len + (4 - len % 4) % 4;
	if (room < len)
		return NULL;
	*p += step < room ? step : room;
	return at;
}

struct waba_termset *waba_termset_read(const unsigned char *p, size_t len, const struct waba_termlist *const *lists,
                                       size_t nlists)
{
	const unsigned char *end = p + len;
	uint32_t h[H_COUNT];
	size_t nterms = 0;
	if ((uintptr_t)p % 4 || len < sizeof(h) + 256 || nlists > WABA_TERMSET_MAX)
		return NULL;
	memcpy(h, p, sizeof(h));
	for (size_t k = 0; k < nlists; k++)
		nterms += lists[k] ? lists[k]->len : 0;
	/* the counts are the program's own build output; they are checked, so that a blob
	 * that does not match its lists is not read; the tables' entries are not (reading
	 * them would touch every page: what compiling the set saves) */
	if (h[H_ORDER] != TERMSET_ORDER || (h[H_WIDTH] != 2 && h[H_WIDTH] != 4) || h[H_NCLASS] == 0 ||
	    h[H_NCLASS] > 257 || h[H_NSTATES] == 0 || h[H_NSTATES] > (1u << 24) || h[H_START] >= h[H_NSTATES] ||
	    (h[H_WIDTH] == 2 && h[H_NSTATES] > UINT16_MAX) || h[H_NOUT] > (1u << 28) || h[H_NTERMS] != nterms ||
	    h[H_NLISTS] != nlists)
		return NULL;
	struct waba_termset *set = waba_xcalloc(1, sizeof(*set));
	p += sizeof(h);
	memcpy(set->cls, p, sizeof(set->cls));
	p += sizeof(set->cls);
	set->nclass = h[H_NCLASS];
	set->start = h[H_START];
	set->nstates = h[H_NSTATES];
	set->nout = h[H_NOUT];
	set->nterms = nterms;
	set->nlists = nlists;
	memcpy(set->lists, lists, nlists * sizeof(*lists));
	set->borrowed = 1;
	const void *delta = take_table(&p, end, set->nstates * set->nclass, h[H_WIDTH]);
	set->delta16 = h[H_WIDTH] == 2 ? (uint16_t *)(uintptr_t)delta : NULL; /* never written once built */
	set->delta32 = h[H_WIDTH] == 4 ? (uint32_t *)(uintptr_t)delta : NULL;
	set->out_start = (uint32_t *)(uintptr_t)take_table(&p, end, set->nstates, sizeof(uint32_t));
	set->out_count = (uint32_t *)(uintptr_t)take_table(&p, end, set->nstates, sizeof(uint32_t));
	set->out = (uint32_t *)(uintptr_t)take_table(&p, end, set->nout, sizeof(uint32_t));
	set->terms = take_table(&p, end, set->nterms, sizeof(*set->terms));
	int ok = delta && set->out_start && set->out_count && set->out && set->terms && p == end;
	for (size_t i = 0; ok && i < set->nterms; i++) { /* one term_info per term of the lists */
		const struct term_info *ti = &set->terms[i];
		ok = ti->list < nlists && lists[ti->list] && ti->index < lists[ti->list]->len &&
		     ti->nwords == lists[ti->list]->terms[ti->index].nwords;
	}
	for (int c = 0; ok && c < 256; c++)
		ok = set->cls[c] < set->nclass;
	if (!ok) {
		free(set);
		return NULL;
	}
	return set;
}

static void hits_push(struct waba_term_hits *h, uint32_t t, uint32_t i)
{
	if (h->len == h->cap) {
		size_t cap = h->cap * 2;
		uint32_t *v = waba_xmalloc(2 * cap * sizeof(uint32_t));
		memcpy(v, h->v, 2 * h->len * sizeof(uint32_t));
		if (h->v != h->small)
			free(h->v);
		h->v = v;
		h->cap = cap;
	}
	h->v[2 * h->len] = t;
	h->v[2 * h->len + 1] = i;
	h->len++;
}

void waba_termset_scan(const struct waba_termset *set, const struct waba_words *words, struct waba_term_hits *h)
{
	memset(h, 0, sizeof(*h));
	h->set = set;
	h->words = words;
	h->v = h->small;
	h->cap = sizeof(h->small) / sizeof(h->small[0]) / 2;
	if (!set || !words->len)
		return;
	const size_t C = set->nclass;
	uint32_t s = set->start;
	for (size_t i = 0; i < words->len; i++) {
		const unsigned char *w = (const unsigned char *)words->v[i].folded;
		do { /* the word's bytes, then its NUL */
			s = delta_get(set, s * C + set->cls[*w]);
			uint32_t k = set->out_count[s];
			for (const uint32_t *o = set->out + set->out_start[s]; k--; o++) {
				hits_push(h, *o, (uint32_t)i);
				h->from[set->terms[*o].list + 1]++;
			}
		} while (*w++);
	}
	/* group the hits by list, in scan order within each (a counting sort) */
	uint32_t at[WABA_TERMSET_MAX];
	for (size_t k = 0; k < set->nlists; k++) {
		h->from[k + 1] += h->from[k];
		at[k] = h->from[k];
	}
	if (h->len < 2 || set->nlists < 2)
		return; /* already grouped */
	uint32_t *sorted = waba_xmalloc(2 * h->len * sizeof(uint32_t));
	for (size_t j = 0; j < h->len; j++) {
		uint32_t k = set->terms[h->v[2 * j]].list, to = at[k]++;
		sorted[2 * to] = h->v[2 * j];
		sorted[2 * to + 1] = h->v[2 * j + 1];
	}
	if (h->v != h->small)
		free(h->v);
	h->v = sorted;
}

void waba_term_hits_release(struct waba_term_hits *h)
{
	if (h->v != h->small)
		free(h->v);
	h->v = NULL;
	h->len = h->cap = 0;
}

size_t waba_term_hits_find(const struct waba_term_hits *h, const struct waba_termlist *list, const char *lang,
                           int (*cb)(const struct waba_term_match *m, void *payload), void *payload)
{
	const struct waba_termset *set = h->set;
	size_t k = 0, seen = 0;
	if (!set || !list)
		return 0;
	while (k < set->nlists && set->lists[k] != list)
		k++;
	if (k == set->nlists || h->from[k] == h->from[k + 1])
		return 0;
	const struct waba_words *words = h->words;
	uint32_t q = lang_code(lang), small[2 * 128];
	/* best[2i]: the longest term starting at word i; best[2i + 1]: the first prefix term */
	uint32_t *best = words->len <= 128 ? small : waba_xmalloc(2 * words->len * sizeof(uint32_t));
	memset(best, 0, 2 * words->len * sizeof(uint32_t));
	for (uint32_t j = h->from[k]; j < h->from[k + 1]; j++) {
		const struct term_info *ti = &set->terms[h->v[2 * j]];
		if (lang && ti->lang != LANG_ANY &&
		    (ti->lang != q || (q == LANG_OTHER && strcmp(term_of(set, ti)->lang, lang) != 0)))
			continue;
		size_t first = h->v[2 * j + 1] + 1 - ti->nwords;
		if (ti->rank) {
			uint32_t *b = &best[2 * first + 1];
			if (!*b || ti->rank < set->terms[*b - 1].rank)
				*b = h->v[2 * j] + 1;
		} else {
			uint32_t *b = &best[2 * first];
			size_t had = *b ? set->terms[*b - 1].nwords : 0;
			if (!*b || ti->nwords > had || (ti->nwords == had && ti->index < set->terms[*b - 1].index))
				*b = h->v[2 * j] + 1;
		}
	}
	for (size_t i = 0; i < words->len; i++) {
		uint32_t b = best[2 * i] ? best[2 * i] : best[2 * i + 1];
		if (!b)
			continue;
		const struct waba_term *term = term_of(set, &set->terms[b - 1]);
		struct waba_term_match m = { term, words->v[i].start, words->v[i + term->nwords - 1].end };
		seen++;
		if (cb && cb(&m, payload))
			break;
		i += term->nwords - 1;
	}
	if (best != small)
		free(best);
	return seen;
}

size_t waba_terms_find(const struct waba_termlist *list, const struct waba_words *words, const char *lang,
                       int (*cb)(const struct waba_term_match *m, void *payload), void *payload)
{
	struct waba_term_hits h;
	if (!list || !list->len || !words->len)
		return 0;
	waba_termset_scan(ac_get(list), words, &h);
	size_t seen = waba_term_hits_find(&h, list, lang, cb, payload);
	waba_term_hits_release(&h);
	return seen;
}

static int is_emoji_cp(int32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F1E6 && cp <= 0x1F1FF) ||
	       cp == 0x2B50 || cp == 0x2B55 || (cp >= 0x2B05 && cp <= 0x2B07) || (cp >= 0x2B1B && cp <= 0x2B1C) ||
	       cp == 0x231A || cp == 0x231B || cp == 0x23F0 || cp == 0x23F3 || (cp >= 0x23E9 && cp <= 0x23EC) ||
	       cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299 || cp == 0xFE0F || cp == 0x20E3;
}

size_t waba_text_find_emoji(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i = skip_ascii(s, len, i + 1);
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
