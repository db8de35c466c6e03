/*
 * fuzz_phone.c: phone numbers as people paste them (src/parse/phone_parse.c and the
 * libphonenumber shim), then the phone.* checks and every reporter. The first byte
 * picks the --region default and the "used WhatsApp" answer; the rest, split at
 * newlines, are the numbers of one batch (so the duplicate check runs too).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const regions[] = { NULL, "BR", "AR", "MX", "US", "ES", "PT", "CO", "ZZ", "br", "" };
	struct waba_report r = WABA_REPORT_INIT;
	char *f[4];
	if (size < 1 || size > 4096)
		return 0;
	const char *region = regions[data[0] % (sizeof(regions) / sizeof(regions[0]))];
	int used = (int)(data[0] >> 6) % 3 - 1;
	fuzz_split(f, 4, data + 1, size - 1, '\n');

	struct waba_phone p;
	waba_phone_parse(&p, f[0], region);
	FUZZ_ASSERT(p.facts.parse_error != WABA_PHONE_PARSED || p.facts.e164[0] == '+',
	            "parsed without an E.164 form: '%s'", p.facts.e164);
	(void)waba_phone_type_name(p.facts.type);
	waba_phone_release(&p);
	(void)waba_phone_region_known(f[1]);

	r.command = "phone";
	for (size_t i = 0; i < 4; i++)
		if (f[i][0] || i == 0)
			waba_check_phone(&r, f[i], region, used, fuzz_checklist());
	waba_check_phone_finish(&r, fuzz_checklist());
	fuzz_render_all(&r);
	waba_report_release(&r);
	fuzz_fields_free(f, 4);
	return 0;
}
