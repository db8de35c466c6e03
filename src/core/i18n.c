/*
 * i18n.c: gettext set-up. GNU gettext ignores LANGUAGE under the C and C.UTF-8
 * locales that CI containers run in, so a chosen language is applied by selecting a
 * real locale for LC_MESSAGES when one is installed, and LANGUAGE otherwise.
 */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "waba/i18n.h"
#include "waba/paths.h"

static const char *current_lang = "en";

const char *waba_gettext(const char *msgid)
{
	return dgettext(WABA_TEXTDOMAIN, msgid);
}

const char *waba_ngettext(const char *one, const char *many, unsigned long n)
{
	return dngettext(WABA_TEXTDOMAIN, one, many, n);
}

const char *waba_i18n_lang(void)
{
	return current_lang;
}

int waba_i18n_catalog_found(void)
{
	char path[4096];
	struct stat st;
	if (strcmp(current_lang, "en") == 0)
		return 1; /* the messages are written in English */
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo", waba_data_dir(WABA_DATA_LOCALE), current_lang,
	         WABA_TEXTDOMAIN);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *lang_from_env(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (strncmp(v, "pt", 2) == 0)
			return "pt";
		if (strncmp(v, "es", 2) == 0)
			return "es";
		if (strncmp(v, "en", 2) == 0)
			return "en";
		if (strcmp(vars[i], "LANGUAGE") != 0)
			return "en"; /* C, POSIX, C.UTF-8 or another language */
	}
	return "en";
}

int waba_i18n_init(const char *lang)
{
	static const char *const pt_locales[] = { "pt_BR.UTF-8", "pt_BR.utf8", "pt_PT.UTF-8", "C.UTF-8", NULL };
	static const char *const es_locales[] = { "es_AR.UTF-8", "es_ES.UTF-8", "es_MX.UTF-8", "es_AR.utf8", "C.UTF-8", NULL };
	static const char *const en_locales[] = { "C.UTF-8", "en_US.UTF-8", NULL };
	const char *const *candidates;

	if (lang && strcmp(lang, "pt") && strcmp(lang, "es") && strcmp(lang, "en"))
		return -1;
	setlocale(LC_ALL, "");
	if (!lang)
		lang = lang_from_env();
	current_lang = strcmp(lang, "pt") == 0 ? "pt" : strcmp(lang, "es") == 0 ? "es" : "en";
	candidates = current_lang[0] == 'p' ? pt_locales : current_lang[0] == 'e' && current_lang[1] == 's'
	             ? es_locales : en_locales;
	/* Make sure messages are looked up in the chosen language even under C.UTF-8. Without a
	 * pt or es locale installed, C.UTF-8 is the last resort: gettext ignores LANGUAGE under
	 * "C" but honours it under C.UTF-8 (tests/wizard: case portuguese). */
	const char *cur = setlocale(LC_MESSAGES, NULL);
	if (!cur || strncmp(cur, current_lang, 2) != 0) {
		for (size_t i = 0; candidates[i]; i++)
			if (setlocale(LC_MESSAGES, candidates[i]))
				break;
	}
	/* LANGUAGE wins over the locale when the locale is not C; set it for both cases. */
	setenv("LANGUAGE", current_lang[0] == 'p' ? "pt_BR:pt" : current_lang[0] == 'e' && current_lang[1] == 's'
	       ? "es" : "en", 1);
	bindtextdomain(WABA_TEXTDOMAIN, waba_data_dir(WABA_DATA_LOCALE));
	bind_textdomain_codeset(WABA_TEXTDOMAIN, "UTF-8");
	return 0;
}
