/*
 * text.h: UTF-8 and word matching.
 *
 * Folding (utf8proc): compatibility decomposition, case folding and removal of
 * combining marks, so "Promoção", "PROMOCAO" and "promocao" fold alike. Words are
 * runs of letters and digits (Unicode categories L* and N*). Term lists
 * (checklist.h) are matched on whole folded words; a term's last word may end with
 * '*' to match any word it begins ("desconto*" matches "descontos").
 */
#ifndef WABA_TEXT_H
#define WABA_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "checklist.h"
#include "strbuf.h"

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates); else 0 and *bad = offset. */
int waba_utf8_valid(const char *s, size_t len, size_t *bad);

/* Eight bytes read as one word, to skip runs of plain text eight bytes at a time: non-zero
 * when the word holds a byte below n (n <= 0x80), or a byte equal to c. (Which bytes the
 * result marks is not exact: a test, not a position.) */
static inline uint64_t waba_word_below(uint64_t w, unsigned char n)
{
	return (w - 0x0101010101010101ULL * n) & ~w & 0x8080808080808080ULL;
}
static inline uint64_t waba_word_has(uint64_t w, unsigned char c)
{
	return waba_word_below(w ^ (0x0101010101010101ULL * c), 1);
}

/* Does the word hold a byte below 0x20, a quote or a backslash, the bytes a JSON string
 * escapes? */
static inline int waba_json_word_special(uint64_t w)
{
	return (waba_word_below(w, 0x20) | waba_word_has(w, '"') | waba_word_has(w, '\\')) != 0;
}

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t waba_utf8_length(const char *s, size_t len);

/* Decode one code point at s (len bytes left); returns bytes used (>= 1), *cp = -1 if invalid. */
size_t waba_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Columns s takes on a terminal (utf8proc's character widths: wide characters 2,
 * combining marks 0; an invalid byte 1). */
size_t waba_text_width(const char *s);

/* Append s to out, then spaces up to `width` display columns (waba_text_width). */
void waba_strbuf_add_padded(struct waba_strbuf *out, const char *s, size_t width);

/* Folded copy of s[0..len) as UTF-8; caller frees. */
char *waba_text_fold(const char *s, size_t len);

/* A word of a text: folded, with its byte span in the original. */
struct waba_word {
	const char *folded; /* points into the list's arena */
	size_t start, end;
};
struct waba_words {
	struct waba_word *v;
	size_t len, cap;
	char *arena; /* every folded word, NUL-separated (one allocation per text) */
};
/* clang-format off */
#define WABA_WORDS_INIT { NULL, 0, 0, NULL }
/* clang-format on */

/* Split s[0..len) into folded words; `out` must be empty (WABA_WORDS_INIT or released). */
void waba_text_words(struct waba_words *out, const char *s, size_t len);
void waba_words_release(struct waba_words *w);

struct waba_term_match {
	const struct waba_term *term;
	size_t start, end; /* byte span in the original text */
};

/*
 * Find the terms of `list` in `words` (from waba_text_words). Only terms whose lang
 * is `lang` or "any" are used; lang NULL uses all. Calls `cb` for each match in text
 * order; stops early when cb returns non-zero. Returns the number of matches seen.
 */
size_t waba_terms_find(const struct waba_termlist *list, const struct waba_words *words, const char *lang,
                       int (*cb)(const struct waba_term_match *m, void *payload), void *payload);

/*
 * Several term lists matched in one pass: one automaton over all their terms (a term
 * set), each term's output naming its list. waba_termset_scan() reads a text's words once
 * and keeps every term found; waba_term_hits_find() then gives one list's matches, as
 * waba_terms_find() would on the same words (the same term wins at a word).
 */
#define WABA_TERMSET_MAX 16
struct waba_termset;
/* The term set of lists[0..n) (n <= WABA_TERMSET_MAX; a NULL list has no terms), built on
 * first use and kept by the checklist until its lists change; lint's threads share it. */
const struct waba_termset *waba_checklist_termset(const struct waba_checklist *cl,
                                                  const struct waba_termlist *const *lists, size_t n);

/* The terms a pass found in a text (waba_termset_scan), grouped by list. */
struct waba_term_hits {
	const struct waba_termset *set;
	const struct waba_words *words; /* borrowed: must outlive the hits */
	uint32_t *v;                    /* pairs: term, its last word */
	size_t len, cap;
	uint32_t from[WABA_TERMSET_MAX + 1]; /* list k's pairs: v[2 from[k] .. 2 from[k + 1]) */
	uint32_t small[2 * 16];
};
void waba_termset_scan(const struct waba_termset *set, const struct waba_words *words, struct waba_term_hits *out);
/* As waba_terms_find(), on the hits of `list` (one of the set's lists; else nothing). */
size_t waba_term_hits_find(const struct waba_term_hits *h, const struct waba_termlist *list, const char *lang,
                           int (*cb)(const struct waba_term_match *m, void *payload), void *payload);
void waba_term_hits_release(struct waba_term_hits *h);

/* Does the text contain an emoji (Extended_Pictographic-like code points)? Returns the byte offset + 1, or 0. */
size_t waba_text_find_emoji(const char *s, size_t len);

/* ---- showing outside text safely (src/core/text_clean.c) ---- */

#define WABA_CLEAN_CONTROLS 1 /* also replace control characters (TAB, CR, LF by a space) */
/* The longest message, hint or one-line reason shown (bytes); longer ones lose their middle. */
#define WABA_MESSAGE_MAX 600

/*
 * A copy of s[0..len) safe to show: invalid UTF-8 becomes U+FFFD; with
 * WABA_CLEAN_CONTROLS, C0/C1 controls and DEL too (TAB, CR, LF become a space), so
 * the text is one line a terminal cannot be driven by; when max > 0 and the result is
 * longer than max bytes, its middle becomes " … " (cut between characters). Caller
 * frees; NULL for NULL.
 */
char *waba_text_clean(const char *s, size_t len, int flags, size_t max);
/* 1 when waba_text_clean() would return the text unchanged. */
int waba_text_is_clean(const char *s, size_t len, int flags, size_t max);
/* Clean a NUL-terminated string the caller owns: returns it, or a cleaned copy after freeing it. */
char *waba_text_clean_owned(char *s, int flags, size_t max);

/*
 * Outside text in a human-readable output (the text report, the wizard, stderr), with
 * every character a terminal would obey made visible, as git and ripgrep do: LF, CR and
 * TAB as "\n", "\r", "\t"; ESC, the other C0 controls and DEL as "\x1b"; C1 controls,
 * the bidirectional controls (U+061C, U+200E-200F, U+202A-202E, U+2066-2069) and the
 * line and paragraph separators (U+2028-2029) as "\u009b"; each byte of invalid UTF-8 as
 * "\xff". What comes out is one line that cannot move the cursor, erase, set the
 * window title or reorder what is shown. A backslash is left as it is.
 * waba_text_escape_add() appends s[0..len) to sb; waba_text_escape() returns a copy of the
 * NUL-terminated s (caller frees; NULL for NULL).
 */
void waba_text_escape_add(struct waba_strbuf *sb, const char *s, size_t len);
char *waba_text_escape(const char *s);

#endif
