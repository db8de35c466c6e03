/*
 * check_template_priv.h: what check_template.c and check_template_buttons.c share (the
 * context of one template's check, the finding helpers, and the rules both emit).
 * Private to libwaba.
 */
#ifndef WABA_CHECK_TEMPLATE_PRIV_H
#define WABA_CHECK_TEMPLATE_PRIV_H

#include <stdarg.h>
#include "waba/strbuf.h"
#include "waba/template.h"
#include "waba/text.h"
#include "../parse/template_priv.h"

struct ctx {
	const struct waba_template *tpl;
	const struct waba_checklist *cl;
	struct waba_findings *fs;
	int named_format;       /* parameter_format NAMED */
	struct waba_words body; /* the body's folded words, split once for every check */
};

/* waba_check_template_text() given the body's words (split by the caller) */
int waba_check_template_text_words(const struct waba_template *tpl, const struct waba_checklist *cl,
                                   struct waba_findings *fs, const struct waba_words *body);

static inline struct waba_finding *add_at(struct ctx *c, const struct waba_rule *rule, const struct waba_tpl_text *t,
                                          size_t start, size_t end, const char *fmt, ...) WABA_PRINTF(6, 7);
static inline struct waba_finding *add_at(struct ctx *c, const struct waba_rule *rule, const struct waba_tpl_text *t,
                                          size_t start, size_t end, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct waba_finding *f = waba_findings_vadd(c->fs, rule, waba_template_loc(c->tpl, t, start, end), fmt, ap);
	va_end(ap);
	return f;
}

static inline struct waba_finding *add_node(struct ctx *c, const struct waba_rule *rule, const cJSON *node,
                                            const char *fmt, ...) WABA_PRINTF(4, 5);
static inline struct waba_finding *add_node(struct ctx *c, const struct waba_rule *rule, const cJSON *node,
                                            const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct waba_finding *f = waba_findings_vadd(c->fs, rule, waba_template_node_loc(c->tpl, node), fmt, ap);
	va_end(ap);
	return f;
}

/* A limit of the checklists; every id looked up is there (checked at start-up,
 * tools/checklist_needs.py). */
static inline long limit(const struct ctx *c, const char *id)
{
	return waba_checklist_limit(c->cl, id);
}

static inline char *dup_text(const struct waba_tpl_text *t)
{
	return waba_xstrndup(t->s, t->len);
}

/* A set item the checks know (not marked checked="no", which is only noted). */
static inline int item_checked(const struct waba_set_item *it)
{
	const char *checked = waba_set_item_attr(it, "checked");
	return !checked || strcmp(checked, "no") != 0;
}

static inline int is_category(const struct waba_template *t, const char *cat)
{
	return waba_tpl_text_eq(&t->category, cat, 1);
}

/* Emoji in s[0..len): their number; *first is the byte offset of the first. */
static inline size_t count_emoji(const char *s, size_t len, size_t *first)
{
	size_t n = 0, at = 0;
	*first = 0;
	while (at < len) {
		size_t hit = waba_text_find_emoji(s + at, len - at);
		if (!hit)
			break;
		if (n++ == 0)
			*first = at + hit - 1;
		int32_t cp;
		at += hit - 1 + waba_utf8_decode(s + at + hit - 1, len - at - hit + 1, &cp);
	}
	return n;
}

/* Rules defined in check_template.c that the buttons also emit. */
extern const struct waba_rule WABA_RULE_TEMPLATE_AUTH;
extern const struct waba_rule WABA_RULE_TEMPLATE_VAR_SYNTAX;

/* check_template_buttons.c */
extern const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_COUNT;
extern const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_TYPE;
extern const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_GROUPING;
extern const struct waba_rule WABA_RULE_TEMPLATE_BUTTON_TEXT;
extern const struct waba_rule WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT;
extern const struct waba_rule WABA_RULE_TEMPLATE_URL_BUTTON;
extern const struct waba_rule WABA_RULE_TEMPLATE_PHONE_BUTTON;
extern const struct waba_rule WABA_RULE_TEMPLATE_COPY_CODE;
extern const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_DUPLICATE;
void waba_check_template_buttons(struct ctx *c);

#endif
