/*
 * verdict.h: the one place where raw findings become final. Every command that decides
 * or shows anything (check, lint, the single-family commands, email and the body it
 * writes in another language, the wizard's answers and its readiness) settles its
 * findings with waba_findings_settle(), so they all agree.
 *
 *   struct waba_verdict v = { checklist, &config, &baseline };
 *   ... run the checks into fs ...
 *   waba_findings_settle(fs, &v, WABA_SETTLE_UNUSED);
 */
#ifndef WABA_VERDICT_H
#define WABA_VERDICT_H

#include "checklist.h"
#include "config.h"
#include "finding.h"

struct waba_verdict {
	const struct waba_checklist *checklist; /* its <rule severity=".."/> overrides; may be NULL */
	const struct waba_config *config;       /* its "rules" (including "off") and "ignore"; may be NULL */
	struct waba_baseline *baseline;         /* the accepted findings; NULL for none */
};

enum {
	/* add a note (input.baseline.unused) for every baseline entry that matched nothing */
	WABA_SETTLE_UNUSED = 1,
	/* the findings are a new run of the checks: forget which entries earlier runs used */
	WABA_SETTLE_NEW_RUN = 2,
};

/*
 * Make the findings final, in this order: the checklists' severity overrides, then the
 * configuration's rules; the findings at "off" dropped; the findings about a file the
 * configuration ignores dropped; the findings the baseline accepts removed (each entry
 * accepts one finding). Settling again with the same verdict, without flags, changes
 * nothing. Returns how many findings the baseline removed.
 */
size_t waba_findings_settle(struct waba_findings *fs, const struct waba_verdict *v, unsigned flags);

/*
 * The same verdict for the same checks run again, in another language (the e-mail body
 * lists the open items in its own): `again` holds the raw findings of that second run
 * (unsettled); each keeps the severity of the finding of `settled` with its `seq` (and
 * rule), and those that `settled` no longer has are dropped. The order is kept.
 */
void waba_findings_follow(struct waba_findings *again, const struct waba_findings *settled);

#endif
