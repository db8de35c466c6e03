/* check_email.c: the `email.` rules (filled in by the email issue). */
#include <stddef.h>
#include "waba/rule.h"

const struct waba_rule *const waba_rules_email[] = { NULL };
