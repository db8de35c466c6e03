/*
 * fuzz_photo.c: PNG and JPEG decoding with resource limits (src/parse/photo_probe.c,
 * libpng + libjpeg-turbo). Properties: a clean decode has an image of the size it
 * claims (reduced by `scale`), within the limits; a fault never comes with pixels.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fuzz_common.h"
#include "waba/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct waba_photo_limits lim;
	static int have_lim;
	struct waba_photo p;
	enum waba_photo_format fmt;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (!have_lim) {
		waba_photo_limits_from(&lim, fuzz_checklist());
		have_lim = 1;
	}
	(void)waba_photo_sniff(data, size, &fmt);
	waba_photo_decode(&p, data, size, &lim);
	if (p.rgba) {
		FUZZ_ASSERT(p.fault == WABA_PHOTO_OK, "pixels with fault %d", (int)p.fault);
		FUZZ_ASSERT(p.scale >= 1 && p.gw >= 1 && p.gh >= 1, "empty analysis image");
		FUZZ_ASSERT((unsigned long long)p.width * p.height <= lim.max_pixels, "decoded past max_pixels");
		FUZZ_ASSERT(p.gw <= (p.width + p.scale - 1) / p.scale + 1 && p.gh <= (p.height + p.scale - 1) / p.scale + 1,
		            "analysis image %ux%u larger than %ux%u / %u", p.gw, p.gh, p.width, p.height, p.scale);
		/* touch every byte: ASan catches a short buffer */
		unsigned sum = 0;
		for (size_t i = 0; i < (size_t)p.gw * p.gh * 4; i++)
			sum += p.rgba[i];
		(void)sum;
	}
	FUZZ_ASSERT(p.fault != WABA_PHOTO_OK || p.format != WABA_PHOTO_NONE, "no fault and no format");
	(void)waba_photo_format_name(p.format);
	waba_photo_release(&p);
	return 0;
}
