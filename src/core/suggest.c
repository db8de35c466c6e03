/* suggest.c: "did you mean" by Levenshtein distance over a short list of known words. */
#include <ctype.h>
#include <string.h>
#include "waba/suggest.h"

#define MAX_WORD 64

/* Levenshtein distance ignoring ASCII case, or (size_t)-1 when a word is too long to bother. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[MAX_WORD + 1];
	if (la > MAX_WORD || lb > MAX_WORD)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *waba_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; candidates[i]; i++) {
		size_t d = distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (best_d == (size_t)-1 || !(best_d <= 2 || best_d * 3 <= strlen(word)))
		return NULL;
	/* a one-letter key is not a typo of a long one */
	if (best_d >= strlen(word))
		return NULL;
	return best;
}
