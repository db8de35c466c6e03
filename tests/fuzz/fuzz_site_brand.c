/*
 * fuzz_site_brand.c: the HTML brand reader for `name --website` (waba_site_parse:
 * libxml2's HTML parser, <title>, og:site_name / og:title, schema.org JSON-LD
 * Organization names), then the display-name review against that brand, through
 * every reporter. The first line of the input is the display name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/name.h"
#include "waba/text.h"

static void check_str(const char *s, const char *what)
{
	if (s)
		FUZZ_ASSERT(strlen(s) <= FUZZ_MAX_INPUT * 4, "%s longer than the page", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_site_brand b;
	struct waba_report r = WABA_REPORT_INIT;
	char *f[2];
	if (size > FUZZ_MAX_INPUT)
		return 0;
	fuzz_split(f, 2, data, size, '\n');
	const char *html = (const char *)memchr(data, '\n', size);
	size_t off = html ? (size_t)(html - (const char *)data) + 1 : size;
	waba_site_parse(&b, "https://example.com/", (const char *)data + off, size - off);
	check_str(b.title, "title");
	check_str(b.og_site_name, "og:site_name");
	check_str(b.og_title, "og:title");
	for (size_t i = 0; i < b.norg; i++)
		check_str(b.org_names[i], "organization name");
	struct waba_name_context ctx = { NULL, &b, NULL, NULL, NULL };
	waba_check_name(&r, f[0], &ctx, fuzz_checklist());
	fuzz_render_all(&r);
	waba_site_brand_release(&b);
	waba_report_release(&r);
	fuzz_fields_free(f, 2);
	return 0;
}
