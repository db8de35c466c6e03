/*
 * verdict.c: raw findings -> final findings (checklist overrides, the configuration's
 * rules and ignores, the baseline), for every command alike.
 */
#include <stdlib.h>
#include <string.h>
#include "waba/strbuf.h"
#include "waba/verdict.h"

static void checklist_overrides(const struct waba_checklist *cl, struct waba_findings *fs)
{
	for (size_t i = 0; i < fs->len; i++) {
		enum waba_severity sev;
		if (waba_checklist_rule_severity(cl, fs->v[i].rule->id, &sev) == 0)
			fs->v[i].severity = sev;
	}
}

/* Turn off the findings about files the configuration ignores (standard input never is). */
static void ignored_files(const struct waba_config *cfg, struct waba_findings *fs)
{
	for (size_t i = 0; i < fs->len; i++) {
		const char *file = fs->v[i].file;
		if (file && strcmp(file, "<stdin>") != 0 && waba_config_ignored(cfg, file))
			fs->v[i].severity = WABA_SEV_OFF;
	}
}

size_t waba_findings_settle(struct waba_findings *fs, const struct waba_verdict *v, unsigned flags)
{
	size_t before;
	if (v->checklist)
		checklist_overrides(v->checklist, fs);
	if (v->config) {
		waba_config_apply(v->config, fs);
		ignored_files(v->config, fs);
	}
	waba_findings_drop_off(fs);
	if (!v->baseline)
		return 0;
	if (flags & WABA_SETTLE_NEW_RUN)
		for (size_t i = 0; i < v->baseline->len; i++)
			v->baseline->v[i].used = 0;
	before = fs->len;
	waba_baseline_filter(v->baseline, fs);
	before -= fs->len;
	if (flags & WABA_SETTLE_UNUSED)
		waba_baseline_add_unused(v->baseline, fs);
	return before;
}

struct fate {
	unsigned long seq;
	const struct waba_rule *rule;
	enum waba_severity severity;
};

static int cmp_fate(const void *a, const void *b)
{
	unsigned long x = ((const struct fate *)a)->seq, y = ((const struct fate *)b)->seq;
	return x < y ? -1 : x > y;
}

void waba_findings_follow(struct waba_findings *again, const struct waba_findings *settled)
{
	struct fate *fates = waba_xcalloc(settled->len + 1, sizeof(*fates));
	for (size_t i = 0; i < settled->len; i++) {
		fates[i].seq = settled->v[i].seq;
		fates[i].rule = settled->v[i].rule;
		fates[i].severity = settled->v[i].severity;
	}
	qsort(fates, settled->len, sizeof(*fates), cmp_fate);
	for (size_t i = 0; i < again->len; i++) {
		struct waba_finding *g = &again->v[i];
		struct fate key = { g->seq, NULL, WABA_SEV_OFF };
		const struct fate *f = settled->len ? bsearch(&key, fates, settled->len, sizeof(*fates), cmp_fate) : NULL;
		g->severity = f && f->rule == g->rule ? f->severity : WABA_SEV_OFF;
	}
	free(fates);
	waba_findings_drop_off(again);
}
