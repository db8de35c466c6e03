/*
 * i18n.h: message translation through gettext (text domain "waba-preflight").
 * Messages are written in English and marked _("...") where shown, N_("...") where
 * only stored. Catalogues live in po/ (pt, es).
 */
#ifndef WABA_I18N_H
#define WABA_I18N_H

#include <stddef.h>

#define WABA_TEXTDOMAIN "waba-preflight"

#if defined(__GNUC__)
#define WABA_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define WABA_FORMAT_ARG(n)
#endif

const char *waba_gettext(const char *msgid) WABA_FORMAT_ARG(1);
const char *waba_ngettext(const char *one, const char *many, unsigned long n) WABA_FORMAT_ARG(1) WABA_FORMAT_ARG(2);
#define _(s) waba_gettext(s)
#ifndef N_
#define N_(s) s
#endif

/*
 * Choose the message language: "pt", "es", "en", or NULL to follow the environment
 * (LC_ALL / LC_MESSAGES / LANG), falling back to English. Works under the C and
 * C.UTF-8 locales too. @return 0, or -1 for an unknown language.
 */
int waba_i18n_init(const char *lang);

/*
 * Render in `lang` ("pt", "es" or "en") while fn(ctx) runs: on this thread, _(),
 * waba_ngettext() and waba_i18n_lang() answer in that language, from its catalogue
 * read by the library. The process's language (gettext's, the locale, LANGUAGE) is not
 * changed, so there is nothing to switch back; calls nest. @return fn's value, or -1
 * without running it for an unknown language.
 */
int waba_i18n_render_in(const char *lang, int (*fn)(void *ctx), void *ctx);

/* The languages waba_i18n_init() accepts, by index ("pt", "es", "en"); NULL past the end. */
const char *waba_i18n_language(size_t i);

/*
 * Whether the catalogue of the language in use was found (always true for English, the
 * language the messages are written in). Without it gettext silently falls back to
 * English, so the CLI says so once.
 */
int waba_i18n_catalog_found(void);

/*
 * The English original of a string _() or waba_ngettext() returned (a plural: its
 * singular), found by address; any other string is returned as it is. For what must
 * not change with the language (report fingerprints, finding.c).
 */
const char *waba_i18n_msgid(const char *s);
/* Has any translation been handed out since the language was chosen? */
int waba_i18n_translated(void);

/* The language in use: "pt", "es" or "en". */
const char *waba_i18n_lang(void);

#endif
