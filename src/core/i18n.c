/*
 * i18n.c: gettext set-up. GNU gettext ignores LANGUAGE under the C and C.UTF-8
 * locales that CI containers run in, so a chosen language is applied by selecting a
 * real locale for LC_MESSAGES when one is installed, and LANGUAGE otherwise.
 */
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include "waba/i18n.h"
#include "waba/paths.h"
#include "waba/strbuf.h"
#include "mo_catalog.h"

static const char *current_lang = "en";

struct lang;
/* The language this thread renders in (waba_i18n_render_in), or NULL: the process's. */
static _Thread_local const struct lang *render_lang;
static const char *render_gettext(const struct lang *l, const char *one, const char *many, unsigned long n, int plural);
static const char *lang_code(const struct lang *l);

/*
 * Translations handed out, by address, with their English original (a plural by its
 * singular), so that a fingerprint can be computed from the English text whatever
 * the language (waba_i18n_msgid). gettext's translations stay where they are (the
 * catalogue is mapped once), so the address names the message. Open addressing; the
 * number of distinct messages bounds it. Emptied when the language changes.
 */
static struct {
	const char **from, **to;
	size_t len, cap;
} seen_tr;
/* lint's workers translate findings while the main thread reports */
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t tr_slot(const char *p)
{
	size_t h = ((size_t)(uintptr_t)p >> 3) * (size_t)0x9E3779B97F4A7C15ULL;
	return h & (seen_tr.cap - 1);
}

static void tr_remember(const char *translated, const char *msgid)
{
	size_t i;
	if (translated == msgid)
		return;
	pthread_mutex_lock(&seen_lock);
	if ((seen_tr.len + 1) * 2 > seen_tr.cap) {
		const char **from = seen_tr.from, **to = seen_tr.to;
		size_t old = seen_tr.cap;
		seen_tr.cap = old ? old * 2 : 256;
		seen_tr.from = waba_xcalloc(seen_tr.cap, sizeof(char *));
		seen_tr.to = waba_xcalloc(seen_tr.cap, sizeof(char *));
		for (size_t k = 0; k < old; k++)
			if (from[k]) {
				for (i = tr_slot(from[k]); seen_tr.from[i]; i = (i + 1) & (seen_tr.cap - 1))
					;
				seen_tr.from[i] = from[k];
				seen_tr.to[i] = to[k];
			}
		free(from);
		free(to);
	}
	for (i = tr_slot(translated); seen_tr.from[i]; i = (i + 1) & (seen_tr.cap - 1))
		if (seen_tr.from[i] == translated)
			break;
	if (!seen_tr.from[i]) {
		seen_tr.from[i] = translated;
		seen_tr.to[i] = msgid;
		seen_tr.len++;
	}
	pthread_mutex_unlock(&seen_lock);
}

const char *waba_i18n_msgid(const char *s)
{
	const char *found = s;
	if (!s || !__atomic_load_n(&seen_tr.len, __ATOMIC_RELAXED))
		return s;
	pthread_mutex_lock(&seen_lock);
	for (size_t i = tr_slot(s); seen_tr.from[i]; i = (i + 1) & (seen_tr.cap - 1))
		if (seen_tr.from[i] == s) {
			found = seen_tr.to[i];
			break;
		}
	pthread_mutex_unlock(&seen_lock);
	return found;
}

int waba_i18n_translated(void)
{
	return seen_tr.len > 0;
}

static void tr_forget(void)
{
	free(seen_tr.from);
	free(seen_tr.to);
	memset(&seen_tr, 0, sizeof(seen_tr));
}

/* The messages are written in English: no catalogue to look in (gettext would cost about
 * 1,500 instructions a message to say so). */
const char *waba_gettext(const char *msgid)
{
	if (render_lang)
		return render_gettext(render_lang, msgid, msgid, 1, 0);
	if (current_lang[0] == 'e' && current_lang[1] == 'n')
		return msgid;
	const char *t = dgettext(WABA_TEXTDOMAIN, msgid);
	tr_remember(t, msgid);
	return t;
}

const char *waba_ngettext(const char *one, const char *many, unsigned long n)
{
	if (render_lang)
		return render_gettext(render_lang, one, many, n, 1);
	if (current_lang[0] == 'e' && current_lang[1] == 'n')
		return n == 1 ? one : many;
	const char *t = dngettext(WABA_TEXTDOMAIN, one, many, n);
	if (t != one && t != many)
		tr_remember(t, one);
	return t;
}

const char *waba_i18n_lang(void)
{
	return render_lang ? lang_code(render_lang) : current_lang;
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

/* The languages of the messages, with the locales tried for each (English last: the
 * language the messages are written in). */
static const char *const pt_locales[] = { "pt_BR.UTF-8", "pt_BR.utf8", "pt_PT.UTF-8", "C.UTF-8", NULL };
static const char *const es_locales[] = { "es_AR.UTF-8", "es_ES.UTF-8", "es_MX.UTF-8", "es_AR.utf8", "C.UTF-8", NULL };
static const char *const en_locales[] = { "C.UTF-8", "en_US.UTF-8", NULL };
static const struct lang {
	const char *code;
	const char *const *locales;
} langs[] = {
	{ "pt", pt_locales },
	{ "es", es_locales },
	{ "en", en_locales },
};
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

const char *waba_i18n_language(size_t i)
{
	return i < NLANGS ? langs[i].code : NULL;
}

static const char *lang_code(const struct lang *l)
{
	return l->code;
}

static const struct lang *lang_find(const char *code)
{
	for (size_t i = 0; i < NLANGS; i++)
		if (strcmp(langs[i].code, code) == 0)
			return &langs[i];
	return NULL;
}

/*
 * Rendering in a language other than the process's (waba_i18n_render_in): its catalogue
 * (the .mo file msgfmt wrote) is read once and looked up (mo_catalog.c), by binary search of the
 * sorted originals, so gettext's process-wide language, the locale and LANGUAGE stay as
 * they are. Plurals follow the catalogue's nplurals=2 with (n != 1), as po/ declares
 * (or (n > 1)). A missing or damaged catalogue renders in English, as gettext would.
 */
struct catalog {
	int loaded;
	struct waba_mo mo;
};
static struct catalog catalogs[NLANGS];
static pthread_mutex_t catalog_lock = PTHREAD_MUTEX_INITIALIZER;

static void catalog_load(struct catalog *c, const char *code)
{
	char *path = waba_xasprintf("%s/%s/LC_MESSAGES/%s.mo", waba_data_dir(WABA_DATA_LOCALE), code, WABA_TEXTDOMAIN);
	FILE *f = fopen(path, "rb");
	free(path);
	c->loaded = 1;
	if (!f)
		return;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		waba_strbuf_add(&sb, buf, got);
	int bad = ferror(f);
	fclose(f);
	size_t len = sb.len;
	unsigned char *data = (unsigned char *)waba_strbuf_detach(&sb);
	if (bad)
		free(data);
	else
		waba_mo_parse(&c->mo, data, len); /* an empty catalogue when it is not one */
}

static const char *render_gettext(const struct lang *l, const char *one, const char *many, unsigned long n, int plural)
{
	const char *fallback = plural && n != 1 ? many : one;
	if (strcmp(l->code, "en") == 0)
		return fallback; /* the messages are written in English */
	struct catalog *c = &catalogs[l - langs];
	pthread_mutex_lock(&catalog_lock);
	if (!c->loaded)
		catalog_load(c, l->code);
	pthread_mutex_unlock(&catalog_lock);
	const char *t = waba_mo_lookup(&c->mo, one, n, plural);
	if (!t)
		return fallback;
	tr_remember(t, one);
	return t;
}

int waba_i18n_render_in(const char *lang, int (*fn)(void *ctx), void *ctx)
{
	const struct lang *l = lang ? lang_find(lang) : NULL;
	if (!l)
		return -1;
	const struct lang *before = render_lang;
	render_lang = l;
	int rc = fn(ctx);
	render_lang = before;
	return rc;
}

static const char *lang_from_env(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		for (size_t l = 0; l < NLANGS; l++)
			if (strncmp(v, langs[l].code, 2) == 0)
				return langs[l].code;
		if (strcmp(vars[i], "LANGUAGE") != 0)
			return "en"; /* C, POSIX, C.UTF-8 or another language */
	}
	return "en";
}

int waba_i18n_init(const char *lang)
{
	if (lang && !lang_find(lang))
		return -1;
	tr_forget();
	setlocale(LC_ALL, "");
	const struct lang *l = lang_find(lang ? lang : lang_from_env());
	current_lang = l->code;
	const char *const *candidates = l->locales;
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
	setenv("LANGUAGE",
	       current_lang[0] == 'p'                             ? "pt_BR:pt"
	       : current_lang[0] == 'e' && current_lang[1] == 's' ? "es"
	                                                          : "en",
	       1);
	bindtextdomain(WABA_TEXTDOMAIN, waba_data_dir(WABA_DATA_LOCALE));
	bind_textdomain_codeset(WABA_TEXTDOMAIN, "UTF-8");
	return 0;
}
