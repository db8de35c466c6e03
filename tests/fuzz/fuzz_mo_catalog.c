/* fuzz_mo_catalog.c: a translation catalogue (.mo) read and looked up: the header, every
 * string the file itself holds as a key, singular and plural forms. */
#include <stdint.h>
#include <string.h>
#include "fuzz_common.h"
#include "core/mo_catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_mo mo;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	unsigned char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (waba_mo_parse(&mo, copy, size) < 0)
		return 0;
	/* keys: "", a fixed message, and the first NUL-ended pieces of the file itself */
	static const char *const fixed[] = { "", "Ready to send", "%lu error", "template" };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		for (unsigned long n = 0; n < 3; n++)
			(void)waba_mo_lookup(&mo, fixed[i], n, (int)n);
	size_t at = 0;
	for (int pieces = 0; pieces < 64 && at < size; pieces++) {
		const char *p = (const char *)mo.data + at;
		size_t l = strnlen(p, size - at);
		if (at + l >= size)
			break; /* the last piece has no NUL: not a C string */
		for (unsigned long n = 0; n < 3; n++) {
			const char *t = waba_mo_lookup(&mo, p, n, 1);
			if (t)
				(void)strlen(t);
		}
		at += l + 1;
	}
	waba_mo_release(&mo);
	return 0;
}
