/* template_priv.h: rules emitted by the template parsers (private to libwaba). */
#ifndef WABA_TEMPLATE_PRIV_H
#define WABA_TEMPLATE_PRIV_H

#include "waba/template.h"

extern const struct waba_rule WABA_RULE_TEMPLATE_STRUCTURE;   /* template_json.c */
extern const struct waba_rule WABA_RULE_TEMPLATE_SUPPRESSION; /* template_txt.c */
/* check_template_text.c */
extern const struct waba_rule WABA_RULE_TEMPLATE_PROMOTIONAL;
extern const struct waba_rule WABA_RULE_TEMPLATE_PROHIBITED;
extern const struct waba_rule WABA_RULE_TEMPLATE_SENSITIVE;
extern const struct waba_rule WABA_RULE_TEMPLATE_REGULATED;
extern const struct waba_rule WABA_RULE_TEMPLATE_OTP;
extern const struct waba_rule WABA_RULE_TEMPLATE_THREAT;
extern const struct waba_rule WABA_RULE_TEMPLATE_PURPOSE;
extern const struct waba_rule WABA_RULE_TEMPLATE_SHORTENER;
extern const struct waba_rule WABA_RULE_TEMPLATE_HTTPS;
extern const struct waba_rule WABA_RULE_TEMPLATE_LANGUAGE_MATCH;

/* lint_template.c */
extern const struct waba_rule WABA_RULE_TEMPLATE_DUP_NAME;
extern const struct waba_rule WABA_RULE_TEMPLATE_DUP_CONTENT;

/* URL checks shared by the body and the URL buttons (check_template_text.c). */
void waba_check_template_url(const struct waba_template *tpl, const struct waba_tpl_text *t, size_t start, size_t end,
                             const struct waba_checklist *cl, struct waba_findings *fs);

/* The label, URL, phone and duplicate checks of buttons, for a carousel card's buttons
 * (check_template_buttons.c). */
void waba_check_template_card_buttons(const struct waba_template *tpl, const struct waba_tpl_button *b, size_t n,
                                      const struct waba_checklist *cl, struct waba_findings *fs);

/* Grow the set by one zeroed template for src; returns it. */
struct waba_template *waba_template_set_push(struct waba_template_set *set, struct waba_source *src);

#endif
