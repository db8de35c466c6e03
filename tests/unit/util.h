/* util.h: helpers shared by the cmocka unit tests. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "waba/waba.h"

/* The bundled checklists, loaded once for the whole test program. */
const struct waba_checklist *test_checklist(void);

/* Index of the first finding of `rule_id` in fs, or -1. */
int test_find_rule(const struct waba_findings *fs, const char *rule_id);

/* Number of findings of `rule_id`. */
size_t test_count_rule(const struct waba_findings *fs, const char *rule_id);

/* All rule ids of fs as "a,b,c" (for failure messages); static buffer. */
const char *test_rule_list(const struct waba_findings *fs);

#endif
