/* fuzz_checklist_xml.c: checklist XML (libxml2 + RelaxNG validation + merging). */
#include <stdint.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	fuzz_init_env();
	struct waba_checklist *cl = waba_checklist_new();
	if (waba_checklist_load_mem(cl, "fuzz.xml", (const char *)data, size) == 0) {
		/* use what was loaded */
		(void)waba_checklist_limit(cl, "business.id.min_digits");
		struct waba_words w = WABA_WORDS_INIT;
		waba_text_words(&w, "Compre já com desconto de 50%", 31);
		waba_terms_find(waba_checklist_terms(cl, "promotional"), &w, "pt", NULL, NULL);
		waba_words_release(&w);
	}
	waba_checklist_free(cl);
	return 0;
}
