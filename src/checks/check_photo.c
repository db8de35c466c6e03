/* check_photo.c: the `photo.` rules (filled in by the photo issue). */
#include <stddef.h>
#include "waba/rule.h"

const struct waba_rule *const waba_rules_photo[] = { NULL };
