/* fuzz_json_pos.c: JSON parsing, the position walk, and every reporter over the findings. */
#include <stdint.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_source src;
	struct waba_json doc;
	struct waba_report r = WABA_REPORT_INIT;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	waba_source_from_mem(&src, "fuzz.json", (const char *)data, size);
	waba_json_parse(&doc, &src, &r.findings);
	if (doc.root) {
		/* ask for the position of every node and of every character of every string */
		fuzz_walk_json(&doc, doc.root);
	}
	fuzz_render_all(&r);
	waba_json_release(&doc);
	waba_report_release(&r);
	waba_source_release(&src);
	return 0;
}
