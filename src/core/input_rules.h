/* input_rules.h: rules of the `input.` family, shared by every parser (private header). */
#ifndef WABA_INPUT_RULES_H
#define WABA_INPUT_RULES_H

#include "waba/rule.h"

extern const struct waba_rule WABA_RULE_INPUT_JSON;
extern const struct waba_rule WABA_RULE_INPUT_ENCODING;
extern const struct waba_rule WABA_RULE_INPUT_NUL;
extern const struct waba_rule WABA_RULE_INPUT_DEPTH;
extern const struct waba_rule WABA_RULE_INPUT_SIZE;
extern const struct waba_rule WABA_RULE_INPUT_BASELINE_UNUSED; /* baseline.c */
/* application_json.c */
extern const struct waba_rule WABA_RULE_INPUT_APP_TYPE, WABA_RULE_INPUT_APP_UNKNOWN, WABA_RULE_INPUT_APP_DUPLICATE,
    WABA_RULE_INPUT_APP_MISSING, WABA_RULE_INPUT_APP_VALUE;

#endif
