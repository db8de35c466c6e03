/* util.c: helpers shared by the unit tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

const struct waba_checklist *test_checklist(void)
{
	static struct waba_checklist *cl;
	if (!cl) {
		setenv("WABA_PREFLIGHT_CHECKLISTS", WABA_TEST_DATA "/../checklists", 1);
		if (waba_checklist_load_default(&cl) < 0) {
			fprintf(stderr, "cannot load checklists: %s\n", waba_error_last());
			abort();
		}
	}
	return cl;
}

int test_find_rule(const struct waba_findings *fs, const char *rule_id)
{
	for (size_t i = 0; i < fs->len; i++)
		if (strcmp(fs->v[i].rule->id, rule_id) == 0)
			return (int)i;
	return -1;
}

size_t test_count_rule(const struct waba_findings *fs, const char *rule_id)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->len; i++)
		n += strcmp(fs->v[i].rule->id, rule_id) == 0;
	return n;
}

const char *test_rule_list(const struct waba_findings *fs)
{
	static char buf[4096];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < fs->len && used < sizeof(buf) - 64; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", i ? "," : "", fs->v[i].rule->id);
	return buf;
}
