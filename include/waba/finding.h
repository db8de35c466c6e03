/*
 * finding.h: a list of findings, what every check produces.
 *
 * A finding is a problem in the user's input: which rule, how severe, where, what
 * (message) and how to fix it (hint). Checks append findings; reporters format them;
 * the CLI turns them into an exit code. Strings are owned by the list.
 */
#ifndef WABA_FINDING_H
#define WABA_FINDING_H

#include <stdarg.h>
#include <stddef.h>
#include "rule.h"
#include "source.h"
#include "status.h"

struct waba_finding {
	const struct waba_rule *rule; /* borrowed from the registry */
	enum waba_severity severity;  /* starts at the rule's default */
	struct waba_loc loc;          /* loc.file is copied into `file` */
	char *file;                   /* owned copy of loc.file, or NULL */
	char *message;                /* owned */
	char *hint;                   /* owned; NULL: use the rule's hint */
	int item;                     /* index into the report's items, or -1 */
	/* hash of the message as it reads in English, digits left out: what the finding is
	 * about (the offending text, the names it quotes) whatever --lang and wherever the
	 * lines moved; reporters build fingerprints from it (waba_finding_content) */
	unsigned long long content;
	unsigned long seq; /* how many findings the list had added before this one: the
	                      same checks run again give the same finding the same seq */
};

struct waba_findings {
	struct waba_finding *v;
	size_t len, cap;
	int current_item;    /* new findings are tied to this item (-1: none) */
	unsigned long added; /* findings added so far (the next one's seq) */
};
/* clang-format off */
#define WABA_FINDINGS_INIT { NULL, 0, 0, -1, 0 }
/* clang-format on */

/*
 * Append a finding for `rule` at `loc` with a printf-style message (already
 * translated by the caller with _()). Returns the new finding, so the caller may
 * set a specific hint with waba_finding_set_hint(). Never NULL.
 */
struct waba_finding *waba_findings_add(struct waba_findings *fs, const struct waba_rule *rule, struct waba_loc loc,
                                       const char *fmt, ...) WABA_PRINTF(4, 5);
struct waba_finding *waba_findings_vadd(struct waba_findings *fs, const struct waba_rule *rule, struct waba_loc loc,
                                        const char *fmt, va_list ap) WABA_PRINTF(4, 0);

/* Replace the finding's hint (printf-style). */
void waba_finding_set_hint(struct waba_finding *f, const char *fmt, ...) WABA_PRINTF(2, 3);

/*
 * The content hash of a message: `fmt` (a string _() returned, or any printf format)
 * rendered in English with `ap`, string arguments that are translations replaced by
 * their English original, every run of ASCII digits read as one '#' (line numbers and
 * counts in a message do not make it another problem), hashed (FNV-1a, 64 bits).
 */
unsigned long long waba_finding_content(const char *fmt, va_list ap);

/* The hint to show: the finding's own, else the rule's (translated), else NULL. */
const char *waba_finding_hint(const struct waba_finding *f);

/* Sort by file, line, column, then rule id; stable for equal keys. */
void waba_findings_sort(struct waba_findings *fs);

/* How many findings are at `at_least` or above (WABA_SEV_OFF ones never count). */
size_t waba_findings_count(const struct waba_findings *fs, enum waba_severity at_least);

/* How many are exactly at `sev`. */
size_t waba_findings_count_exact(const struct waba_findings *fs, enum waba_severity sev);

/* Drop the findings whose severity is WABA_SEV_OFF. */
void waba_findings_drop_off(struct waba_findings *fs);

/* Move every finding of `from` to the end of `to`; `from` is left empty. */
void waba_findings_take(struct waba_findings *to, struct waba_findings *from);

void waba_findings_release(struct waba_findings *fs);

#endif
