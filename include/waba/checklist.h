/*
 * checklist.h: policy data loaded from checklists/ (*.xml) (limits, term lists, value
 * sets, texts in pt/es/en, rule severity overrides). Checks read numbers and words
 * from here, never from C literals. Format: docs/checklists.md; schema:
 * checklists/checklist.rng.
 *
 * Files are merged in the order loaded: a later <limit>, <text> or set <item> with
 * the same key replaces the earlier one; <terms> lists grow (or are replaced with
 * mode="replace"); <rule severity=".."/> overrides a rule's default severity.
 */
#ifndef WABA_CHECKLIST_H
#define WABA_CHECKLIST_H

#include <stddef.h>
#include "rule.h"

struct waba_attr {
	char *name, *value;
};

struct waba_set_item {
	char *value;
	struct waba_attr *attrs;
	size_t nattrs;
};

struct waba_set {
	char *id;
	struct waba_set_item *items;
	size_t len;
};

struct waba_term {
	char *text;   /* as written in the file, e.g. "compre já" or "desconto*" */
	char *lang;   /* "pt", "es", "en" or "any" */
	char *tag;    /* optional sub-category, e.g. "firearms"; NULL */
	char **words; /* folded words of the term (see text.h) */
	size_t nwords;
	int prefix; /* 1: the last word ended with '*' and matches any word it begins */
};

struct waba_termlist {
	char *id;
	struct waba_term *terms;
	size_t len;
	void *index; /* the list's automaton, built on first match (core/text.c) */
};

struct waba_checklist;

/* An empty checklist; free with waba_checklist_free(). Never NULL. */
struct waba_checklist *waba_checklist_new(void);

/*
 * The folder of the bundled checklists: $WABA_PREFLIGHT_CHECKLISTS, else the source
 * tree's checklists/ when it exists, else the installed copy. Borrowed.
 */
const char *waba_checklist_default_dir(void);

/*
 * Load every *.xml in `dir` (sorted by name), each validated against
 * `dir`/checklist.rng. @return 0, or WABA_EINVAL/WABA_EIO with a message of the form
 * "FILE:LINE: what is wrong".
 */
int waba_checklist_load_dir(struct waba_checklist *cl, const char *dir);

/* Load one more file, validated against the schema of the default dir. */
int waba_checklist_load_file(struct waba_checklist *cl, const char *path);

/* Load from memory (fuzzing, tests); `name` is used in messages. */
int waba_checklist_load_mem(struct waba_checklist *cl, const char *name, const char *xml, size_t len);

/*
 * The compiled form of a checklist folder (made at build time by waba-checklist-compile,
 * after validating every file against the schema): a program registers it once, before
 * loading; waba_checklist_load_dir() then takes it instead of parsing and validating the
 * XML, when the folder holds exactly the files (and checklist.rng) it was made from, byte
 * for byte, and the checklist is still empty. Any other folder or file is read as XML.
 * The blob is borrowed for the life of the process.
 */
void waba_checklist_use_compiled(const unsigned char *blob, size_t len);

/* Load and validate `dir` (as waba_checklist_load_dir) and append its compiled form to
 * `out` (a struct waba_strbuf *, its start 8-byte aligned when used). `prepare` (or NULL)
 * is called on the loaded checklist first: the term sets it builds (waba_checklist_termset,
 * text.h) are compiled in as well and read in place by a run (on a little-endian host),
 * instead of being built on first use. @return 0 or the loading error. */
struct waba_strbuf;
int waba_checklist_compile(const char *dir, void (*prepare)(const struct waba_checklist *cl), struct waba_strbuf *out);

/* The bundled checklists, loaded once per call: a convenience for tests and tools. */
int waba_checklist_load_default(struct waba_checklist **out);

/* A limit (an integer); -1 when the checklist has none. */
long waba_checklist_limit(const struct waba_checklist *cl, const char *id);

const struct waba_termlist *waba_checklist_terms(const struct waba_checklist *cl, const char *id);
const struct waba_set *waba_checklist_set(const struct waba_checklist *cl, const char *id);
const struct waba_set_item *waba_set_find(const struct waba_set *set, const char *value);
/* Case-insensitive (ASCII) lookup. */
const struct waba_set_item *waba_set_find_nocase(const struct waba_set *set, const char *value);
const char *waba_set_item_attr(const struct waba_set_item *item, const char *name);
/*
 * The values of `set` that `keep` accepts (every one when keep is NULL), for a message
 * that lists them in a translated "%s or %s": all but the last, joined by ", ", are
 * appended to head, the last is *last (NULL when none).
 */
void waba_set_values_or(const struct waba_set *set, int (*keep)(const struct waba_set_item *it),
                        struct waba_strbuf *head, const char **last);
/* What a person reads for an item: its label_<lang> attribute, else label_en, else its value. */
const char *waba_set_item_label(const struct waba_set_item *item, const char *lang);

/* A text in `lang` ("pt", "es", "en"), falling back to "en"; NULL when absent. */
const char *waba_checklist_text(const struct waba_checklist *cl, const char *id, const char *lang);

/*
 * The text `id` as phrased for where the person reads it: `where` is the report's command
 * ("wizard": someone answering questions, who has no command-line options to give), and
 * the text "<id>.<where>" replaces "<id>" when the checklist has it. NULL `where`: `id`.
 */
const char *waba_checklist_text_for(const struct waba_checklist *cl, const char *id, const char *lang, const char *where);

/* A severity override set by a checklist for rule `id`; 0 and *out set, or -1 if none. */
int waba_checklist_rule_severity(const struct waba_checklist *cl, const char *id, enum waba_severity *out);

/*
 * Whether `cl` has every limit, set, term list and text the sources look up by a
 * literal id (tools/checklist_needs.py collects them at build time). Call it once the
 * checklists are loaded: a value missing is an error at start-up, never a silent
 * default or a rule switched off. @return 0, or WABA_EINVAL with a message naming the
 * first id missing (`dir` names where the checklists came from).
 */
int waba_checklist_check_needs(const struct waba_checklist *cl, const char *dir);

void waba_checklist_free(struct waba_checklist *cl);

#endif
