/*
 * suggest.h: "did you mean": the closest of a list of known words to a misspelt one.
 */
#ifndef WABA_SUGGEST_H
#define WABA_SUGGEST_H

#include <stddef.h>

/*
 * The candidate closest to `word` by edit distance (ASCII case-insensitive), when it is
 * close enough to be a typo (distance <= 2, or <= a third of the word's length);
 * NULL otherwise. `candidates` is NULL-terminated; the result is one of them.
 */
const char *waba_suggest(const char *word, const char *const *candidates);

#endif
