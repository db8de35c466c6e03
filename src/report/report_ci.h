/*
 * report_ci.h: helpers shared by the CI reporters (sarif, junit, github, gitlab).
 * Private to src/report/. They only format: where a finding is, its text with the
 * hint, a stable hash; none of them decides anything about a finding.
 */
#ifndef WABA_REPORT_CI_H
#define WABA_REPORT_CI_H

#include <stdint.h>
#include "waba/report.h"
#include "waba/strbuf.h"

/* Home page of the project (SARIF informationUri). */
#define WABA_HOME_URL "https://github.com/waba-preflight/waba-preflight"

/* The item a finding is tied to, or NULL. */
const struct waba_item *waba_ci_item(const struct waba_report *r, const struct waba_finding *f);

/*
 * The file a finding points into: its own file, else its item's file, else NULL.
 * Borrowed from the report.
 */
const char *waba_ci_path(const struct waba_report *r, const struct waba_finding *f);

/*
 * Append `path` as CI tools want it: backslashes become '/', leading "./" are
 * dropped. Other bytes are copied as they are.
 */
void waba_ci_add_path(struct waba_strbuf *sb, const char *path);

/*
 * Append `s` with invalid UTF-8 sequences and control characters other than tab,
 * line feed and carriage return replaced by U+FFFD, so every output stays valid
 * JSON / XML whatever bytes the user's input held.
 */
void waba_ci_add_clean(struct waba_strbuf *sb, const char *s);

/* A cleaned copy of `s` (see waba_ci_add_clean); caller frees. */
char *waba_ci_clean(const char *s);

/* Append the finding's message and, if there is one, " (hint: HINT)"; cleaned. */
void waba_ci_add_message(struct waba_strbuf *sb, const struct waba_finding *f);

/*
 * Append "FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (hint: HINT)" (the text
 * reporter's line, conventions §6), omitting the parts that are unknown.
 */
void waba_ci_add_line(struct waba_strbuf *sb, const struct waba_report *r, const struct waba_finding *f);

/* SARIF / GitHub level word: "error", "warning", "note" ("none" for off). */
const char *waba_ci_level(enum waba_severity sev);

/* Print `root` (formatted) and a newline to `out`, then delete it. 0, WABA_ENOMEM or WABA_EIO. */
int waba_ci_write_json(FILE *out, cJSON *root);

/* FNV-1a, 64 bits: start with WABA_FNV_OFFSET, feed strings (the NUL is fed too, as a separator). */
#define WABA_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t waba_ci_fnv(uint64_t h, const char *s);
uint64_t waba_ci_fnv_uint(uint64_t h, unsigned long long v);

/*
 * Occurrence counter keyed by 64-bit hashes: waba_ci_seen_add() returns how many
 * times `key` has been added, this time included (1 the first time).
 */
struct waba_ci_seen {
	uint64_t *keys;
	unsigned *counts; /* 0: empty slot */
	size_t len, cap;
};
#define WABA_CI_SEEN_INIT { NULL, NULL, 0, 0 }
unsigned waba_ci_seen_add(struct waba_ci_seen *s, uint64_t key);
void waba_ci_seen_release(struct waba_ci_seen *s);

#endif
