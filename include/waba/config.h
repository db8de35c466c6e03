/*
 * config.h: the project configuration file `.waba-preflight.json` and the baseline
 * of accepted findings (see docs/configuration.md).
 *
 *   {
 *     "rules":      {"template.param.adjacent": "off", "name.all_caps": "error"},
 *     "ignore":     ["drafts/old/", "*.bak.json"],
 *     "checklists": ["policy/extra-terms.xml"],
 *     "baseline":   ".waba-preflight-baseline.json"
 *   }
 *
 * Paths in the file are relative to the folder that holds it.
 */
#ifndef WABA_CONFIG_H
#define WABA_CONFIG_H

#include <stddef.h>
#include "finding.h"
#include "rule.h"

struct waba_severity_override {
	char *rule; /* a rule id, or a family prefix ending in '.' ("template.") */
	enum waba_severity severity;
};

struct waba_config {
	char *path; /* the file read, or NULL when none was found */
	char *dir;  /* its folder */
	struct waba_severity_override *overrides;
	size_t noverrides;
	char **ignore; /* glob patterns (fnmatch, with ** for any depth) */
	size_t nignore;
	char **checklists; /* resolved against dir */
	size_t nchecklists;
	char *baseline; /* resolved against dir, or NULL */
};
/* clang-format off */
#define WABA_CONFIG_INIT { NULL, NULL, NULL, 0, NULL, 0, NULL, 0, NULL }
/* clang-format on */

/*
 * Find `.waba-preflight.json` walking up from `start_dir`; *out is NULL when none (returns 0).
 * The search ends at the repository's top folder (one holding .git) or the home folder,
 * whichever comes first, else at "/". The nearest file found is used only when this user
 * (effective uid) owns it and others may not write it; otherwise *refused says why (caller
 * frees) and *out is NULL (docs/security.md).
 */
int waba_config_find_safe(char **out, char **refused, const char *start_dir);
/* The same, without the reason for a refused file. */
int waba_config_find(char **out, const char *start_dir);

/*
 * Read a configuration file. Unknown keys (with a "did you mean"), wrong types,
 * unknown rule ids or severities are errors: WABA_EINVAL with the message
 * "FILE:LINE:COLUMN: what is wrong". A missing file: WABA_ENOTFOUND.
 */
int waba_config_load(struct waba_config *out, const char *path);

/* Is `path` matched by one of the ignore patterns? */
int waba_config_ignored(const struct waba_config *cfg, const char *path);

/* Apply the severity overrides to the findings (exact ids win over prefixes). */
void waba_config_apply(const struct waba_config *cfg, struct waba_findings *fs);

void waba_config_release(struct waba_config *cfg);

/*
 * Baseline: a JSON file of accepted findings {"version":1,"findings":[{"rule","file","message"}...]}.
 * waba_baseline_apply() removes matching findings from `fs` and adds one note
 * (rule input.baseline.unused) for every entry that matched nothing.
 */
struct waba_baseline_entry {
	char *rule, *file, *message;
	int used;
};
struct waba_baseline {
	char *path;
	struct waba_baseline_entry *v;
	size_t len;
};
/* clang-format off */
#define WABA_BASELINE_INIT { NULL, NULL, 0 }
/* clang-format on */

/* Missing file: an empty baseline and 0. Malformed: WABA_EINVAL "FILE:LINE:COL: ...". */
int waba_baseline_load(struct waba_baseline *out, const char *path);
void waba_baseline_apply(struct waba_baseline *bl, struct waba_findings *fs);
/* The two halves of waba_baseline_apply(), for findings that come file by file: remove
 * the findings that match an entry (marking it used), then, after the last file, add
 * the notes for the entries still unused. */
void waba_baseline_filter(struct waba_baseline *bl, struct waba_findings *fs);
void waba_baseline_add_unused(const struct waba_baseline *bl, struct waba_findings *fs);
/* Write the findings of `fs` (severity note excluded) as the new baseline, atomically. */
int waba_baseline_write(const char *path, const struct waba_findings *fs);
void waba_baseline_release(struct waba_baseline *bl);

#endif
