/* check_name.c: the `name.` rules (filled in by the name issue). */
#include <stddef.h>
#include "waba/rule.h"

const struct waba_rule *const waba_rules_name[] = { NULL };
