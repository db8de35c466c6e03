/*
 * rule.h: the rule registry.
 *
 * Every finding names a rule. A rule's id, default severity, one-line summary, hint,
 * the policy source it enforces and its explanation live together, at the top of the
 * check file that emits it; the registry only collects the families' tables.
 *
 * Adding a rule:
 *  1. add a `static const struct waba_rule` to the family's table in
 *     src/checks/check_<family>.c (or the parser that emits it);
 *  2. add a static helper that emits it and call it from the family's entry point;
 *  3. put any terms or limits in checklists/ (*.xml), never in C;
 *  4. add a unit test row and one clean + one failing CLI case (tests/cli/<family>/);
 *  5. regenerate docs/rules.md: `build/waba-preflight rules --format markdown > docs/rules.md`
 *     (the test "docs/rules-fresh" fails until you do).
 * Adding a family: define `const struct waba_rule *const waba_rules_<family>[]`
 * (NULL-terminated) and list it in src/core/rule.c.
 */
#ifndef WABA_RULE_H
#define WABA_RULE_H

#include <stddef.h>

/* Mark a string for translation without translating it here (gettext's N_). */
#ifndef N_
#define N_(s) s
#endif

enum waba_severity {
	WABA_SEV_NOTE = 0,
	WABA_SEV_WARNING = 1,
	WABA_SEV_ERROR = 2,
	WABA_SEV_OFF = 3 /* only as an override: the rule is not reported */
};

struct waba_rule {
	const char *id;              /* "template.param.sequence" */
	enum waba_severity severity; /* default */
	const char *summary;         /* one line, N_() marked */
	const char *hint;            /* how to fix, N_() marked; may be NULL */
	const char *source;          /* URL of the policy text it enforces */
	const char *explain;         /* a paragraph: why, and how sure the fact is */
	const char *meta_codes;      /* Meta error (sub-)codes it anticipates, e.g. "2388299"; or NULL */
	const char *example_bad;     /* a failing example, or NULL */
	const char *example_good;    /* a passing example, or NULL */
};

/* Every registered rule, sorted by id. *n receives the count. */
const struct waba_rule *const *waba_rules_all(size_t *n);

/* Find a rule by id; NULL if unknown. */
const struct waba_rule *waba_rule_find(const char *id);

/* Closest known rule id to `id` (for "did you mean"), or NULL. */
const char *waba_rule_suggest(const char *id);

const char *waba_severity_name(enum waba_severity sev);          /* "error", "warning", "note", "off" */
int waba_severity_parse(const char *s, enum waba_severity *out); /* 0, or -1 if unknown */

#endif
