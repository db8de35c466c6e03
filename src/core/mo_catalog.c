/*
 * mo_catalog.c: the .mo format (GNU gettext manual, "The Format of GNU MO Files"): a magic
 * number, a revision, the number of strings, then the offsets of two tables of (length,
 * offset) pairs, originals sorted by strcmp and their translations; each string ends in a
 * NUL that its length does not count, plural forms follow one another, NUL-separated.
 */
#include <stdlib.h>
#include <string.h>
#include "mo_catalog.h"

#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static uint32_t mo_u32(const struct waba_mo *mo, size_t at)
{
	uint32_t v;
	memcpy(&v, mo->data + at, 4);
	return mo->swap ? __builtin_bswap32(v) : v;
}

/* String i of the table at `table` (originals or translations); NULL when out of bounds. */
static const char *mo_str(const struct waba_mo *mo, uint32_t table, uint32_t i, uint32_t *len)
{
	size_t at = (size_t)table + (size_t)i * 8;
	if (at + 8 > mo->len)
		return NULL;
	uint32_t l = mo_u32(mo, at), off = mo_u32(mo, at + 4);
	if ((size_t)off + l >= mo->len || mo->data[(size_t)off + l] != '\0')
		return NULL;
	*len = l;
	return (const char *)mo->data + off;
}

void waba_mo_release(struct waba_mo *mo)
{
	free(mo->data);
	memset(mo, 0, sizeof(*mo));
}

int waba_mo_parse(struct waba_mo *mo, unsigned char *data, size_t len)
{
	memset(mo, 0, sizeof(*mo));
	mo->data = data;
	mo->len = len;
	uint32_t magic = len >= 28 ? mo_u32(mo, 0) : 0;
	mo->swap = magic == MO_MAGIC_SWAPPED;
	if (magic != MO_MAGIC && !mo->swap) {
		waba_mo_release(mo);
		return -1;
	}
	mo->n = mo_u32(mo, 8);
	mo->orig = mo_u32(mo, 12);
	mo->trans = mo_u32(mo, 16);
	uint32_t hlen;
	const char *header = mo->n ? mo_str(mo, mo->trans, 0, &hlen) : NULL; /* msgid "" sorts first */
	const char *plural = header ? strstr(header, "plural=") : NULL;
	mo->plural_gt1 = plural && strncmp(plural + 7, "(n > 1)", 7) == 0;
	return 0;
}

const char *waba_mo_lookup(const struct waba_mo *mo, const char *one, unsigned long n, int plural)
{
	uint32_t lo = 0, hi = mo->data ? mo->n : 0, len;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *key = mo_str(mo, mo->orig, mid, &len);
		int cmp = key ? strcmp(one, key) : -1;
		if (cmp < 0) {
			hi = mid;
			continue;
		}
		if (cmp > 0) {
			lo = mid + 1;
			continue;
		}
		const char *t = mo_str(mo, mo->trans, mid, &len);
		if (!t || !len)
			return NULL;
		const char *end = t + len;
		for (unsigned long form = plural ? (mo->plural_gt1 ? n > 1 : n != 1) : 0; form > 0; form--) {
			t += strlen(t) + 1; /* the next form, after its NUL */
			if (t > end)
				return NULL;
		}
		return t;
	}
	return NULL;
}
