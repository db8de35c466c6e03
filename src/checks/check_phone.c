/* check_phone.c: the `phone.` rules (filled in by the phone issue). */
#include <stddef.h>
#include "waba/rule.h"

const struct waba_rule *const waba_rules_phone[] = { NULL };
