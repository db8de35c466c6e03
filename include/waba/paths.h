/*
 * paths.h: where the program finds its data (checklists, translations, plug-ins).
 *
 * An installed copy looks relative to its own executable first (/proc/self/exe ->
 * ../share/waba-preflight/checklists, ../share/locale), so a moved prefix or an unpacked
 * package works; then the prefix it was configured with. Only a binary that runs from its
 * own build tree (the tests) uses the source and build trees. Environment variables
 * override all of this (WABA_PREFLIGHT_CHECKLISTS, WABA_PREFLIGHT_LOCALEDIR).
 */
#ifndef WABA_PATHS_H
#define WABA_PATHS_H

/* What a data location is wanted for. */
enum waba_data_kind {
	WABA_DATA_CHECKLISTS, /* the bundled checklists/ folder */
	WABA_DATA_LOCALE,     /* the root of the gettext catalogues (<dir>/<lang>/LC_MESSAGES/) */
	WABA_DATA_PLUGINS,    /* ${libdir}/waba-preflight: waba-phone.so (no environment override) */
};

/*
 * The folder holding data of `kind`, resolved once and cached (the string is static).
 * Order: the environment override; the build tree when this executable lives in its
 * build tree; relative to the executable; the configured install prefix.
 */
const char *waba_data_dir(enum waba_data_kind kind);

/* The folder this executable lives in ("" when /proc/self/exe cannot be read); static. */
const char *waba_exe_dir(void);

#endif
