/* rule.c: the registry collects every family's rule table; it defines no rule itself. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/rule.h"
#include "waba/strbuf.h"
#include "waba/suggest.h"

/* One table per family, each defined beside the code that emits its rules. */
extern const struct waba_rule *const waba_rules_input[];
extern const struct waba_rule *const waba_rules_business[];
extern const struct waba_rule *const waba_rules_phone[];
extern const struct waba_rule *const waba_rules_photo[];
extern const struct waba_rule *const waba_rules_name[];
extern const struct waba_rule *const waba_rules_profile[];
extern const struct waba_rule *const waba_rules_template[];
extern const struct waba_rule *const waba_rules_template_kinds[];
extern const struct waba_rule *const waba_rules_email[];
extern const struct waba_rule *const waba_rules_webhook[];

static const struct waba_rule *const *const families[] = {
	waba_rules_input,   waba_rules_business, waba_rules_phone, waba_rules_photo,   waba_rules_name,
	waba_rules_profile, waba_rules_template, waba_rules_email, waba_rules_webhook, waba_rules_template_kinds,
};

static const struct waba_rule **all;
static size_t nall;

static int cmp_rule(const void *a, const void *b)
{
	const struct waba_rule *ra = *(const struct waba_rule *const *)a;
	const struct waba_rule *rb = *(const struct waba_rule *const *)b;
	return strcmp(ra->id, rb->id);
}

static void collect(void)
{
	size_t n = 0;
	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (size_t i = 0; families[f][i]; i++)
			n++;
	all = waba_xcalloc(n + 1, sizeof(*all));
	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (size_t i = 0; families[f][i]; i++)
			all[nall++] = families[f][i];
	qsort(all, nall, sizeof(*all), cmp_rule);
}

const struct waba_rule *const *waba_rules_all(size_t *n)
{
	if (!all)
		collect();
	if (n)
		*n = nall;
	return all;
}

const struct waba_rule *waba_rule_find(const char *id)
{
	size_t n;
	const struct waba_rule *const *rules = waba_rules_all(&n);
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, rules[mid]->id);
		if (c == 0)
			return rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *waba_rule_suggest(const char *id)
{
	static const char **ids;
	size_t n;
	const struct waba_rule *const *rules = waba_rules_all(&n);
	if (!ids) {
		ids = waba_xcalloc(n + 1, sizeof(*ids));
		for (size_t i = 0; i < n; i++)
			ids[i] = rules[i]->id;
	}
	return waba_suggest(id, ids);
}

static const char *const severity_names[] = { "note", "warning", "error", "off" };

const char *waba_severity_name(enum waba_severity sev)
{
	return (unsigned)sev < 4 ? severity_names[sev] : "?";
}

int waba_severity_parse(const char *s, enum waba_severity *out)
{
	for (int i = 0; i < 4; i++)
		if (strcasecmp(s, severity_names[i]) == 0) {
			*out = (enum waba_severity)i;
			return 0;
		}
	if (strcasecmp(s, "info") == 0) {
		*out = WABA_SEV_NOTE;
		return 0;
	}
	return -1;
}
