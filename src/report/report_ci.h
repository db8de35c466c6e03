/*
 * report_ci.h: helpers shared by the CI reporters (sarif, junit, github, gitlab).
 * Private to src/report/. They only format: where a finding is, its text with the
 * hint, a stable hash; none of them decides anything about a finding.
 */
#ifndef WABA_REPORT_CI_H
#define WABA_REPORT_CI_H

#include <stdint.h>
#include "core/config_priv.h" /* struct waba_path_memo */
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
 * `path` relative to the folder `root` (absolute, symbolic links resolved) as CI tools
 * want it (forward slashes, no leading "./"), with *inside 1; a path outside root (or
 * root NULL) comes back tidied, *inside 0. The last answer is kept in `cache`, so a
 * part's findings (one file) cost one lookup. Borrowed from the cache.
 */
struct waba_ci_paths {
	char *root, *path, *rel;
	int inside;
	struct waba_path_memo memo; /* what the file system said, for the next paths */
};
/* clang-format off */
#define WABA_CI_PATHS_INIT { NULL, NULL, NULL, 0, { NULL, NULL, NULL, NULL, NULL } }
/* clang-format on */
const char *waba_ci_rel_path(struct waba_ci_paths *cache, const char *root, const char *path, int *inside);
void waba_ci_paths_release(struct waba_ci_paths *cache);

/*
 * A finding's fingerprint: rule id, the repository-relative path `rel`, the name of
 * its item (the template's name) and its content hash (the English message without
 * digits: finding.h), never the translated message nor a line number. The caller
 * tells identical ones apart by occurrence (waba_ci_seen).
 */
uint64_t waba_ci_fingerprint(uint64_t seed, const struct waba_report *r, const struct waba_finding *f, const char *rel);

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

/* FNV-1a, 64 bits: start with WABA_FNV_OFFSET, feed strings (the NUL is fed too, as a separator). */
#define WABA_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t waba_ci_fnv(uint64_t h, const char *s);
uint64_t waba_ci_fnv_uint(uint64_t h, unsigned long long v);
/* v in decimal ("%llu"), written backwards to end just before `end`: its first digit. */
char *waba_ci_udec(char *end, unsigned long long v);

/*
 * Occurrence counter keyed by 64-bit hashes: waba_ci_seen_add() returns how many
 * times `key` has been added, this time included (1 the first time).
 */
struct waba_ci_seen {
	uint64_t *keys;
	unsigned *counts; /* 0: empty slot */
	size_t len, cap;
};
/* clang-format off */
#define WABA_CI_SEEN_INIT { NULL, NULL, 0, 0 }
/* clang-format on */
unsigned waba_ci_seen_add(struct waba_ci_seen *s, uint64_t key);
void waba_ci_seen_release(struct waba_ci_seen *s);

/* ---- streaming (report.h) ------------------------------------------------------- */

/* Items and findings by severity over the parts written so far (off ones not counted). */
struct waba_ci_counts {
	size_t items, errors, warnings, notes;
};
void waba_ci_count(struct waba_ci_counts *c, const struct waba_report *part);

/*
 * Append `node` printed as cJSON prints it `depth` levels deep inside a formatted
 * document (cJSON indents with one tab per level; strings never hold a raw line
 * break, so adding `depth` tabs after every line break is exact). 0 or WABA_ENOMEM.
 */
int waba_ci_add_json_at(struct waba_strbuf *sb, const cJSON *node, unsigned depth);

/*
 * Writing one report element (a finding, a SARIF result) straight into sb, as
 * waba_ci_add_json_at() prints the cJSON tree it would be built as, without the tree:
 *
 *   waba_ci_jw_init(&w, sb, depth);
 *   waba_ci_jw_open(&w, 0);                   the element: an object
 *   waba_ci_jw_key(&w, "rule");               a member's key, then its value
 *   waba_ci_jw_str(&w, id);
 *   waba_ci_jw_member_str(&w, "file", file);  (left out when file is NULL, as cJSON does)
 *   waba_ci_jw_close(&w);
 *
 * In an array, values follow each other without keys.
 */
#define WABA_CI_JW_MAX 8 /* containers open at once */
struct waba_ci_jw {
	struct waba_strbuf *sb;
	unsigned depth; /* tabs before every line after the first */
	unsigned level; /* containers open */
	unsigned char first[WABA_CI_JW_MAX], array[WABA_CI_JW_MAX];
};
void waba_ci_jw_init(struct waba_ci_jw *w, struct waba_strbuf *sb, unsigned depth);
/* Open an object (array 0) or an array as the next value. */
void waba_ci_jw_open(struct waba_ci_jw *w, int array);
/* Close the innermost container; after the outermost, sb is NUL-terminated. */
void waba_ci_jw_close(struct waba_ci_jw *w);
/* A member's key: one of the contract's words, written as is (no escaping). */
void waba_ci_jw_key(struct waba_ci_jw *w, const char *key);
void waba_ci_jw_str(struct waba_ci_jw *w, const char *s);
void waba_ci_jw_uint(struct waba_ci_jw *w, unsigned v);
/* A value written as is (one line, e.g. a placeholder). */
void waba_ci_jw_raw(struct waba_ci_jw *w, const char *s);
/* key and string value, unless s is NULL. */
void waba_ci_jw_member_str(struct waba_ci_jw *w, const char *key, const char *s);

/*
 * Print `root` formatted, with one member (at most two) a placeholder: build the
 * document with cJSON_AddRawToObject(parent, key, WABA_CI_SLOT1) (or SLOT2), print it
 * here, and get the text before, between and after the slots. The slot bytes are
 * control characters, which cJSON always escapes inside strings, so they cannot occur
 * anywhere else in the text. `root` is deleted. 0 or WABA_ENOMEM.
 */
#define WABA_CI_SLOT1 "\001"
#define WABA_CI_SLOT2 "\002"
int waba_ci_print_slots(cJSON *root, char **text, size_t *slot1, size_t *slot2);

/*
 * A spool: bytes kept in memory up to a limit, then in an anonymous temporary file,
 * so a report part written before its place in the document keeps memory flat.
 */
struct waba_ci_spool {
	struct waba_strbuf buf;
	FILE *file;
	int err;    /* first error (0: none) */
	size_t len; /* bytes added */
};
/* clang-format off */
#define WABA_CI_SPOOL_INIT { WABA_STRBUF_INIT, NULL, 0, 0 }
/* clang-format on */
void waba_ci_spool_add(struct waba_ci_spool *s, const char *data, size_t len);
/* Hand every byte added, in order, to emit (which returns 0 or an error); 0 or the first error. */
int waba_ci_spool_drain(struct waba_ci_spool *s, int (*emit)(void *ctx, const char *data, size_t len), void *ctx);
/* emit for waba_ci_spool_drain: fwrite to the FILE * ctx. */
int waba_ci_emit_file(void *ctx, const char *data, size_t len);
void waba_ci_spool_release(struct waba_ci_spool *s);

#endif
