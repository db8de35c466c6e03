/* fuzz_business_input.c: Business Manager IDs and pasted URLs, through the check and every reporter. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/business.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_report r = WABA_REPORT_INIT;
	if (size > 4096)
		return 0;
	char *s = waba_xstrndup((const char *)data, size); /* stops at the first NUL, as argv would */
	waba_check_business(&r, s, size > 0 && data[0] == 'v' ? "verified" : NULL, fuzz_checklist());
	fuzz_render_all(&r);
	waba_report_release(&r);
	free(s);
	return 0;
}
