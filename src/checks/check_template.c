/* check_template.c: the `template.` rules (filled in by the template issue). */
#include <stddef.h>
#include "waba/rule.h"

const struct waba_rule *const waba_rules_template[] = { NULL };
