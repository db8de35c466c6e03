/*
 * template.h: message templates (Meta's template JSON, or a plain-text draft), and
 * the checks of the `template.` family.
 *
 *   struct waba_template_set set = WABA_TEMPLATE_SET_INIT;
 *   waba_template_parse(&set, &src, &findings);          // JSON or .txt, by content
 *   for (size_t i = 0; i < set.len; i++)
 *           waba_check_template(&set.v[i], cl, &findings);
 *   waba_template_set_release(&set);                     // before releasing src
 *
 * Every text keeps where it came from, so a finding points at the line and column in
 * the file as written (through escapes and multi-byte characters): see
 * waba_template_loc(). Texts are borrowed from the source or from the parsed JSON,
 * both owned by the set's caller (src) and the set (doc).
 */
#ifndef WABA_TEMPLATE_H
#define WABA_TEMPLATE_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "checklist.h"
#include "finding.h"
#include "json_pos.h"
#include "report.h"
#include "source.h"

/* A text value and where it stands. `s` is NULL when the field is absent. */
struct waba_tpl_text {
	const char *s; /* borrowed; not NUL-terminated for .txt drafts: use len */
	size_t len;
	const cJSON *node; /* JSON: the string value (for locations); NULL in .txt */
	size_t offset;     /* .txt: byte offset of s[0] in the source */
};

struct waba_tpl_button {
	struct waba_tpl_text type; /* "QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", ... */
	struct waba_tpl_text text; /* the label */
	struct waba_tpl_text url;
	struct waba_tpl_text phone;
	struct waba_tpl_text otp_type;
	struct waba_tpl_text example; /* URL suffix / full URL sample, or the copy-code sample */
	const cJSON *node;            /* the button object (JSON) */
};

/* A named-parameter sample: {"param_name": "first_name", "example": "Pablo"}. */
struct waba_tpl_named {
	struct waba_tpl_text name, example;
};

struct waba_tpl_component {
	int present;                 /* how many components of this type were given */
	const cJSON *node;           /* the (first) component object; NULL in .txt */
	struct waba_tpl_text format; /* header: TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, GIF */
	struct waba_tpl_text text;
	int has_example;               /* an "example" object was given */
	int example_shape_ok;          /* ... and its shape is the one Meta takes */
	struct waba_tpl_text *samples; /* positional samples (header_text, body_text[0]) */
	size_t nsamples;
	struct waba_tpl_named *named; /* *_text_named_params */
	size_t nnamed;
	int has_handle;                  /* header: example.header_handle given */
	int add_security_recommendation; /* AUTHENTICATION body */
	long code_expiration_minutes;    /* AUTHENTICATION footer; -1 when absent */
};

/*
 * One card of a media-card carousel template ({"type": "CAROUSEL", "cards": [...]}).
 * Meta's model: each card has a media header (format IMAGE or VIDEO, with a sample in
 * example.header_handle), an optional body (at most 160 characters; when one card
 * has a body, all do) and up to two buttons (QUICK_REPLY, URL, PHONE_NUMBER); every
 * card of a template has the same components. Cards are kept in the order given,
 * which is the order WhatsApp shows them (card_index 0, 1, ... when sending).
 */
struct waba_tpl_card {
	const cJSON *node; /* the card object */
	struct waba_tpl_component header, body;
	int buttons_present; /* how many BUTTONS components the card has */
	const cJSON *buttons_node;
	struct waba_tpl_button *buttons;
	size_t nbuttons;
	const cJSON *other; /* the type of a component a card cannot have (first one), or NULL */
};

/* The limited-time-offer component: {"type": "LIMITED_TIME_OFFER",
 * "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}. */
struct waba_tpl_lto {
	int present;               /* how many LIMITED_TIME_OFFER components */
	const cJSON *node;         /* the component object */
	struct waba_tpl_text text; /* the offer text (at most 16 characters) */
	int has_expiration;        /* 1: has_expiration is true */
};

/* `# waba-preflight disable=RULE -- reason` in a .txt front block. */
struct waba_tpl_suppression {
	char *rule; /* owned */
	int has_reason;
	size_t offset; /* of the comment line */
	size_t rule_offset;
	int used;
};

struct waba_template {
	struct waba_source *src;     /* borrowed */
	const struct waba_json *doc; /* borrowed from the set; NULL for .txt */
	const cJSON *node;           /* the template object; NULL for .txt */
	int is_txt;
	size_t offset; /* where the template starts (object or body) */
	struct waba_tpl_text name, language, category, parameter_format;
	struct waba_tpl_component header, body, footer;
	int buttons_present; /* how many BUTTONS components */
	const cJSON *buttons_node;
	struct waba_tpl_button *buttons;
	size_t nbuttons;
	/* template kinds beyond header/body/footer/buttons */
	int carousel_present;        /* how many CAROUSEL components */
	const cJSON *carousel_node;  /* the (first) CAROUSEL component */
	struct waba_tpl_card *cards; /* its cards, in order */
	size_t ncards;
	struct waba_tpl_lto lto;             /* LIMITED_TIME_OFFER */
	const cJSON *call_permission;        /* the CALL_PERMISSION_REQUEST component, or NULL */
	struct waba_tpl_text display_format; /* "display_format" (ORDER_DETAILS templates), or absent */
	const cJSON **other_components;      /* the "type" of components of any other type, in order */
	size_t nother;
	struct waba_tpl_suppression *suppressions;
	size_t nsuppressions;
};

/* The templates of one file. */
struct waba_template_set {
	struct waba_template *v;
	size_t len, cap;
	struct waba_json doc; /* owned: the parsed JSON (root NULL for .txt) */
};
/* clang-format off */
#define WABA_TEMPLATE_SET_INIT { NULL, 0, 0, WABA_JSON_INIT }
/* clang-format on */

/*
 * Parse src as template JSON (one object, an array of them, or a Graph API list
 * response {"data": [...]}). Malformed input (bad JSON, invalid UTF-8, NUL bytes, too
 * deep, wrong types) becomes `input.*` / `template.structure` findings; that is not an
 * error. `src` must outlive the set. @return 0
 */
int waba_template_parse_json(struct waba_template_set *out, struct waba_source *src, struct waba_findings *fs);

/*
 * Parse src as a plain-text draft: an optional front block between two lines "---"
 * (keys name, language, category, header, footer, example; comment lines "# ...",
 * including "# waba-preflight disable=RULE -- reason"), then the body. @return 0
 */
int waba_template_parse_txt(struct waba_template_set *out, struct waba_source *src, struct waba_findings *fs);

/*
 * One element of a template list, src bytes [from, to) (waba_json_split_list), as the
 * only template of `out`, with the findings waba_template_parse_json() gives for it.
 * @return 0; -1 when the bytes do not parse (nothing added).
 */
int waba_template_parse_json_range(struct waba_template_set *out, struct waba_source *src, size_t from, size_t to,
                                   struct waba_findings *fs);

/* JSON when src's first non-blank byte is '{' or '[', else a draft. */
int waba_template_parse(struct waba_template_set *out, struct waba_source *src, struct waba_findings *fs);
/* The component types the JSON parser reads (HEADER, BODY, ...), i-th or NULL after the last:
 * its dispatch table, which messages listing them read too. */
const char *waba_template_component_type(size_t i);

void waba_template_set_release(struct waba_template_set *set);

/* Location of the bytes [start, end) of text `t` (offsets into t->s), in the file. */
struct waba_loc waba_template_loc(const struct waba_template *tpl, const struct waba_tpl_text *t, size_t start,
                                  size_t end);
/* Location of a whole text, or of the template itself when t is absent. */
struct waba_loc waba_template_text_loc(const struct waba_template *tpl, const struct waba_tpl_text *t);
/* The file and line of waba_template_text_loc() (column 0): cheaper, for remembering where. */
struct waba_loc waba_template_text_line(const struct waba_template *tpl, const struct waba_tpl_text *t);
/* Location of a JSON node (the template's start when node is NULL). */
struct waba_loc waba_template_node_loc(const struct waba_template *tpl, const cJSON *node);

/* Does text t equal s (exact, or ASCII case-insensitive with nocase)? */
int waba_tpl_text_eq(const struct waba_tpl_text *t, const char *s, int nocase);

/*
 * Check one template: structure, limits, variables and formatting (check_template.c),
 * then content terms (check_template_text.c). Findings are appended to fs.
 * @return 0
 */
int waba_check_template(const struct waba_template *tpl, const struct waba_checklist *cl, struct waba_findings *fs);
int waba_check_template_text(const struct waba_template *tpl, const struct waba_checklist *cl, struct waba_findings *fs);
/* Build now what the checks build on first use (the term set of check_template_text.c),
 * so that waba_checklist_compile() compiles it into the program with the checklists. */
void waba_check_template_prepare(const struct waba_checklist *cl);
/* Limited-time offers, carousels, call-permission requests, kinds not checked yet
 * (check_template_kinds.c); called by waba_check_template(). */
int waba_check_template_kinds(const struct waba_template *tpl, const struct waba_checklist *cl, struct waba_findings *fs);

/*
 * Apply a draft's suppressions to the findings added since index `from` (drops the
 * suppressed ones) and report suppressions without a reason, for unknown rules, or
 * unused (rule template.suppression).
 */
void waba_template_apply_suppressions(struct waba_template *tpl, struct waba_findings *fs, size_t from);

/*
 * What `lint` remembers across the files of one run, to find duplicates (the same name
 * and language twice; the same body and footer twice). Memory: one small entry per
 * template. Initialise with WABA_LINT_STATE_INIT, release with waba_lint_state_release().
 */
struct waba_lint_seen {
	unsigned long long key; /* hash of name+language, or of body+footer+language */
	unsigned file; /* where the first occurrence is: offset + 1 of its file's name in `files` (0: empty slot) */
	unsigned line : 31; /* ... and its line */
	unsigned kind : 1;  /* 0: name+language, 1: body+footer */
};
struct waba_lint_state {
	struct waba_lint_seen *slots;
	size_t nslots, len;
	char *files; /* the file names met, each once, NUL-terminated one after the other */
	size_t files_len, files_cap;
	size_t last_file; /* offset + 1 of the last name added (templates of one file share it) */
};
/* clang-format off */
#define WABA_LINT_STATE_INIT { NULL, 0, 0, NULL, 0, 0, 0 }
/* clang-format on */
void waba_lint_state_release(struct waba_lint_state *st);

/*
 * Lint one source: parse it (*.json as JSON, *.txt as a draft, anything else by
 * content), check every template, add one "template" item per
 * template (or one for the file when nothing could be parsed) to r. The _state form
 * also compares the templates with those of earlier sources (st may be NULL). @return 0
 */
int waba_lint_source(struct waba_report *r, struct waba_source *src, const struct waba_checklist *cl);
int waba_lint_source_state(struct waba_report *r, struct waba_source *src, const struct waba_checklist *cl,
                           struct waba_lint_state *st);

/*
 * The same in two steps, so that sources can be checked at the same time by several
 * threads and handed over in order: waba_lint_prepare() parses and checks one source on
 * its own (no shared state: any thread); waba_lint_commit() then adds its items and
 * findings to r, finds duplicates against earlier sources (st may be NULL) and applies
 * the draft's suppressions, in the order the sources are committed. prepare + commit
 * gives exactly what waba_lint_source_state() gives. `src` must outlive the commit;
 * the commit releases *p.
 */
struct waba_lint_prepared {
	struct waba_template_set set;
	struct waba_findings parse;    /* findings of the parse that belong to no single template */
	struct waba_findings *checked; /* per template: what waba_check_template() found */
	const struct waba_source *src;
};
void waba_lint_prepare(struct waba_lint_prepared *p, struct waba_source *src, const struct waba_checklist *cl);
/*
 * waba_lint_prepare() in parts, so that the templates of one big file can be checked by
 * several threads: waba_lint_parse() parses; waba_lint_check() checks templates [from, to)
 * of p->set.len, each range on its own (ranges that do not overlap may be checked at the
 * same time once waba_source_index() has been called on src).
 */
void waba_lint_parse(struct waba_lint_prepared *p, struct waba_source *src);
/* As waba_lint_parse(), for one element of a template list, src bytes [from, to)
 * (waba_template_parse_json_range); -1 with *p empty when they do not parse. */
int waba_lint_parse_range(struct waba_lint_prepared *p, struct waba_source *src, size_t from, size_t to);
void waba_lint_check(struct waba_lint_prepared *p, size_t from, size_t to, const struct waba_checklist *cl);
void waba_lint_commit(struct waba_report *r, struct waba_lint_prepared *p, struct waba_lint_state *st);
/* waba_lint_commit() leaving *p to the caller's waba_lint_prepared_release(): on the thread
 * that prepared it, whose memory it is (glibc frees another thread's memory under a lock). */
void waba_lint_commit_keep(struct waba_report *r, struct waba_lint_prepared *p, struct waba_lint_state *st);
/* Drop a prepared source without committing it (a run that stops early). */
void waba_lint_prepared_release(struct waba_lint_prepared *p);

/* A placeholder found in a text: "{{1}}" or "{{first_name}}", or a malformed one. */
struct waba_tpl_var {
	size_t start, end; /* byte span in the text, braces included */
	int number;        /* positional number, or -1 for a named one */
	const char *name;  /* named: points into the text; name_len bytes */
	size_t name_len;
	int malformed; /* 1: braces unbalanced, spaces or other characters inside */
};

/* Find the placeholders of s[0..len); *out is allocated (free it). Returns the count. */
size_t waba_tpl_vars(const char *s, size_t len, struct waba_tpl_var **out);

#endif
