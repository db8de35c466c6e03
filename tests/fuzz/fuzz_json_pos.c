/*
 * fuzz_json_pos.c: JSON parsing, the position walk, and every reporter over the findings;
 * the list split (json_split.c). Property: what the split takes, cJSON takes whole without
 * a finding, and each element parses on its own with the whole document's offsets.
 */
#include <stdint.h>
#include <stdlib.h>
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
	struct waba_json_range *rg = NULL;
	size_t n = 0;
	if (waba_json_split_list(&src, &rg, &n) == 0) {
		FUZZ_ASSERT(doc.root && r.findings.len == 0, "the split took a document the whole parse refuses");
		for (size_t i = 0; i < n; i++) {
			struct waba_json part;
			FUZZ_ASSERT(waba_json_parse_range(&part, &src, rg[i].from, rg[i].to) == 0,
			            "element %zu does not parse", i);
			const cJSON *whole = cJSON_GetArrayItem(cJSON_IsArray(doc.root)
			                                            ? doc.root
			                                            : cJSON_GetObjectItem(doc.root, "data"),
			                                        (int)i);
			FUZZ_ASSERT(waba_json_offset(&part, part.root) == waba_json_offset(&doc, whole),
			            "element %zu starts elsewhere", i);
			fuzz_walk_json(&part, part.root);
			waba_json_release(&part);
		}
	}
	free(rg);
	fuzz_render_all(&r);
	waba_json_release(&doc);
	waba_report_release(&r);
	waba_source_release(&src);
	return 0;
}
