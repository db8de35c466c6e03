/* check_profile.c: the `profile.` rules (filled in by the profile issue). */
#include <stddef.h>
#include "waba/rule.h"

const struct waba_rule *const waba_rules_profile[] = { NULL };
