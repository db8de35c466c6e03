/*
 * mo_catalog.h: a gettext catalogue (the .mo file msgfmt writes) read from memory and
 * looked up by binary search of its sorted originals. It serves waba_i18n_render_in()
 * (i18n.c), which renders in a language other than the process's without touching
 * gettext's process-wide language. A .mo file is outside input: every offset is checked
 * against the size, and a damaged catalogue finds nothing (tests/fuzz/fuzz_mo_catalog.c).
 */
#ifndef WABA_MO_CATALOG_H
#define WABA_MO_CATALOG_H

#include <stddef.h>
#include <stdint.h>

struct waba_mo {
	unsigned char *data; /* the file, owned */
	size_t len;
	uint32_t n, orig, trans; /* strings; offsets of the originals' and translations' tables */
	int swap;                /* written on a machine of the other byte order */
	int plural_gt1;          /* the header says plural=(n > 1); otherwise (n != 1) */
};

/* Take `data` (malloc'd, `len` bytes; freed by waba_mo_release, also on failure). Returns 0,
 * or -1 when it is not a .mo file (the catalogue is then empty). */
int waba_mo_parse(struct waba_mo *mo, unsigned char *data, size_t len);

/* The translation of `one` (a plural's singular), form chosen by `n` when `plural`; NULL
 * when the catalogue has none (or it is damaged). */
const char *waba_mo_lookup(const struct waba_mo *mo, const char *one, unsigned long n, int plural);

void waba_mo_release(struct waba_mo *mo);

#endif
