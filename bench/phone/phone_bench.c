/*
 * phone_bench.c FILE [--print] [--check]: parse every REGION<TAB>TEXT line with
 * waba_phone_parse() (libphonenumber through the C shim) and print numbers per second;
 * --print writes one "E164<TAB>TYPE" line per number ("-" when not valid), the shape
 * phonenumbers_bench.py --print writes; --check also runs the full eligibility check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "waba/phone.h"
#include "waba/waba.h"

struct line { char *region, *text; };

static double now(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int print = 0, check = 0;
	for (int i = 2; i < argc; i++) {
		print |= strcmp(argv[i], "--print") == 0;
		check |= strcmp(argv[i], "--check") == 0;
	}
	FILE *fp = argc > 1 ? fopen(argv[1], "r") : NULL;
	if (!fp) {
		fprintf(stderr, "usage: phone_bench FILE [--print] [--check]\n");
		return 2;
	}
	struct line *v = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *buf = NULL;
	ssize_t got;
	while ((got = getline(&buf, &len, fp)) >= 0) {
		if (got && buf[got - 1] == '\n')
			buf[got - 1] = '\0';
		char *tab = strchr(buf, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		if (n == cap)
			v = waba_xrealloc(v, (cap = cap ? 2 * cap : 1024) * sizeof(*v));
		v[n].region = strcmp(buf, "-") == 0 ? NULL : waba_xstrdup(buf);
		v[n].text = waba_xstrdup(tab + 1);
		n++;
	}
	free(buf);
	fclose(fp);

	struct waba_checklist *cl = NULL;
	if (check && waba_checklist_load_default(&cl) < 0) {
		fprintf(stderr, "phone_bench: cannot load checklists\n");
		return 2;
	}
	size_t valid = 0;
	double start = now(CLOCK_MONOTONIC), cpu_start = now(CLOCK_PROCESS_CPUTIME_ID);
	for (size_t i = 0; i < n; i++) {
		if (check) { /* what `waba-preflight phone` does per number: parse, judge, report item */
			struct waba_report r = WABA_REPORT_INIT;
			waba_check_phone(&r, v[i].text, v[i].region, -1, cl);
			valid += cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r.items[0].json, "e164"));
			waba_report_release(&r);
			continue;
		}
		struct waba_phone p;
		waba_phone_parse(&p, v[i].text, v[i].region);
		valid += p.facts.valid != 0;
		if (print)
			printf("%s\t%s\n", p.facts.valid ? p.facts.e164 : "-", p.facts.valid ? waba_phone_type_name(p.facts.type) : "unknown");
		waba_phone_release(&p);
	}
	double secs = now(CLOCK_MONOTONIC) - start, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
	if (!print)
		printf("waba-preflight (libphonenumber C++%s): %zu numbers (%zu valid): %.0f numbers/s CPU (%.3f s), "
		       "%.0f numbers/s wall (%.3f s)\n",
		       check ? ", parse + eligibility check" : "", n, valid, (double)n / cpu, cpu, (double)n / secs, secs);
	for (size_t i = 0; i < n; i++) {
		free(v[i].region);
		free(v[i].text);
	}
	free(v);
	waba_checklist_free(cl);
	return 0;
}
