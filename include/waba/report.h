/*
 * report.h: what a command examined (items) and found (findings), and the
 * reporters that format it. Reporters only format: the severities are final and the
 * findings sorted before they are called; they never decide anything.
 */
#ifndef WABA_REPORT_H
#define WABA_REPORT_H

#include <stdio.h>
#include <cjson/cJSON.h>
#include "finding.h"
#include "view.h"

/*
 * A family's typed result (phone.h, business.h): what the check concluded about the
 * item, as a struct. The check fills it and attaches it to its item with
 * waba_report_set_result(), which writes the item's JSON members from it; callers read
 * the struct (waba_report_result(), or the family's waba_report_<family>()), never
 * our own JSON back by key.
 */
struct waba_result_type {
	void (*to_json)(cJSON *item, const void *result); /* the contract's members after "kind" and "input" */
	void (*free)(void *result);                       /* never given NULL */
};

struct waba_item {
	char *kind;             /* "business", "phone", "photo", "template", "email", ... */
	char *name;             /* short label for JUnit test names: an id, a number, a template name */
	char *file;             /* the file it came from, or NULL */
	cJSON *json;            /* the item as the contract spells it in `items`; owned */
	struct waba_view *view; /* what a visual report shows of it (view.h); owned, NULL unless r->views */
	/* the family's typed result, which `json` is written from; owned, NULL for the
	 * kinds that have none */
	const struct waba_result_type *result_type;
	void *result;
};

struct waba_report {
	const char *command; /* "lint", "business", ... */
	struct waba_item *items;
	size_t nitems, cap;
	struct waba_findings findings;
	cJSON *extra;   /* more top-level members for the JSON report (e.g. "readiness"); owned, may be NULL */
	char *appendix; /* text shown after the text report (e.g. the readiness checklist); owned, may be NULL */
	int views;      /* the reporter shows the items' views: checks attach them (view.h) */
	/* a streamed part that goes on with the file of the part before (one big file written
	 * template by template): fingerprint occurrence numbers go on counting, and findings
	 * whose item is WABA_ITEM_CARRIED belong to `carried`, an item of an earlier part */
	int continues;
	const struct waba_item *carried;
};
/* A finding's item when it is the part's `carried` item (see above). */
#define WABA_ITEM_CARRIED (-2)
/* clang-format off */
#define WABA_REPORT_INIT { NULL, NULL, 0, 0, WABA_FINDINGS_INIT, NULL, NULL, 0, 0, NULL }
/* clang-format on */

/*
 * Add an item; `json` is taken (must be an object with at least "kind"). New findings
 * are tied to it until the next item is added. Returns its index.
 */
int waba_report_add_item(struct waba_report *r, const char *kind, const char *name, const char *file, cJSON *json);

/* Attach `v` (taken; may be NULL) to the last item added. */
void waba_report_set_view(struct waba_report *r, struct waba_view *v);

/* Attach `result` (taken) to the last item added, and add its JSON members to the
 * item's JSON (type->to_json). */
void waba_report_set_result(struct waba_report *r, const struct waba_result_type *type, void *result);

/* A copy of s as the report's strings are, valid UTF-8 (NULL stays NULL): for the
 * strings of a typed result, which its JSON is written from. */
char *waba_report_str(const char *s);

/* For a result whose only owned memory is its first member, a string (phone, photo,
 * e-mail): frees that string and the result (a struct_result_type's `free`). */
void waba_result_free_first_string(void *result);

/* Add `key`: the string v, or null when v is NULL (for a result's to_json). */
void waba_item_add_str(cJSON *item, const char *key, const char *v);

/* The typed result of item i when it is of `type`, else NULL. */
const void *waba_report_result(const struct waba_report *r, size_t i, const struct waba_result_type *type);

/* Findings added from now on are tied to no item. */
void waba_report_end_item(struct waba_report *r);

/* Drop the items and findings (a part just written); command, extra and appendix stay. */
void waba_report_clear(struct waba_report *r);

void waba_report_release(struct waba_report *r);

struct waba_report_options {
	int color;                     /* ANSI colour in text output */
	int strict;                    /* warnings fail too (JUnit marks them failures) */
	int quiet;                     /* text: findings only, no summary line */
	const char *step_summary_path; /* github: where to append the Markdown summary, or NULL */
	const char *lang;              /* language of fixed words ("pt", "es", "en") */
	const char *srcroot;           /* sarif: the repository root (%SRCROOT%), absolute, no symlinks; or NULL */
	const char *project_dir;       /* gitlab: paths are relative to it (CI_PROJECT_DIR), absolute; or NULL */
};

/*
 * Streaming. A command over thousands of files (lint) hands the report over part by
 * part, so that its memory does not grow with the number of files: begin() once,
 * chunk() with each part, end() once (also after a failed chunk: it frees the state).
 *
 * A part is a struct waba_report holding only that part's items and findings (a
 * finding's `item` indexes the part's items), severities final, findings sorted; the
 * caller guarantees that every finding of a part sorts after every finding of the
 * parts before it, so the parts in order are the whole report, and that the parts'
 * files differ (fingerprint occurrence counters are kept per part), unless a part
 * `continues` the file of the part before (counters go on). The bytes written
 * are those write() gives for the whole report: write() of a streaming reporter is
 * begin + one chunk + end. begin() and end() read only `command`, `extra` and
 * `appendix` of `r`. A reporter that needs the whole report first (JUnit: counts on
 * the first line) leaves them NULL and gets write().
 */
struct waba_reporter {
	const char *name;    /* "--format" value */
	const char *summary; /* one line for --help */
	/* Write the report; 0, or WABA_EIO when writing failed. */
	int (*write)(FILE *out, const struct waba_report *r, const struct waba_report_options *o);
	/* The reporter's state, or NULL with the error set (nothing written). `o` must outlive it. */
	void *(*begin)(FILE *out, const struct waba_report *r, const struct waba_report_options *o);
	/* 0, or WABA_EIO / WABA_ENOMEM. */
	int (*chunk)(void *state, const struct waba_report *part);
	/* Finish the document and free the state; 0, or the first error (of end or of a chunk). */
	int (*end)(void *state, const struct waba_report *r);
	int views; /* shows the items' views (view.h): the report asks the checks for them */
};

/* Does the reporter stream (begin, chunk and end set)? */
int waba_reporter_streams(const struct waba_reporter *rep);

/* The reporter named `name`, or NULL. */
const struct waba_reporter *waba_reporter_find(const char *name);
/* All reporters, NULL-terminated. */
const struct waba_reporter *const *waba_reporters(void);

/* The rules a report refers to, sorted by id, NULL-terminated; caller frees the array. */
const struct waba_rule **waba_report_rules(const struct waba_report *r, size_t *n);

/* Prefix of the online rule documentation (helpUri = prefix + "#" + anchor). */
#define WABA_DOCS_URL "https://github.com/waba-preflight/waba-preflight/blob/main/docs/rules.md"
/* Anchor of a rule in docs/rules.md: dots become dashes ("template-param-sequence"). */
char *waba_rule_anchor(const char *id);

#endif
