/*
 * photo_fix.c: produce a compliant profile photo (square, opaque, photo.fix.side px,
 * PNG) and the circular contact-list preview. Pixels come from the decoded photo
 * (struct waba_photo: as displayed, already area-averaged by an integer factor); the
 * last resize is a separable Lanczos-3 filter, widened when shrinking (area-weighted).
 */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/imagelib.h"
#include "waba/i18n.h"
#include "waba/photo.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

int waba_photo_parse_color(const char *s, unsigned char out[3])
{
	if (strcasecmp(s, "white") == 0)
		return out[0] = out[1] = out[2] = 255, 0;
	if (strcasecmp(s, "black") == 0)
		return out[0] = out[1] = out[2] = 0, 0;
	if (*s == '#')
		s++;
	size_t n = strlen(s);
	if ((n != 6 && n != 3) || strspn(s, "0123456789abcdefABCDEF") != n)
		return -1;
	for (int c = 0; c < 3; c++) {
		char hex[3] = { s[n == 6 ? c * 2 : c], s[n == 6 ? c * 2 + 1 : c], 0 };
		out[c] = (unsigned char)strtoul(hex, NULL, 16);
	}
	return 0;
}

static double lanczos3(double x)
{
	if (x < 0)
		x = -x;
	if (x < 1e-9)
		return 1.0;
	if (x >= 3.0)
		return 0.0;
	double px = M_PI * x;
	return 3.0 * sin(px) * sin(px / 3.0) / (px * px);
}

struct taps {
	unsigned *first, *count;
	float *w; /* n * maxtaps */
	unsigned max;
};

/* Filter taps mapping `src` samples onto `dst` samples. */
static void taps_make(struct taps *t, unsigned dst, unsigned src)
{
	double scale = (double)dst / src, fs = scale < 1.0 ? 1.0 / scale : 1.0, support = 3.0 * fs;
	t->max = (unsigned)ceil(support) * 2 + 2;
	t->first = waba_xcalloc(dst, sizeof(unsigned));
	t->count = waba_xcalloc(dst, sizeof(unsigned));
	t->w = waba_xcalloc((size_t)dst * t->max, sizeof(float));
	for (unsigned i = 0; i < dst; i++) {
		double centre = (i + 0.5) / scale;
		long lo = (long)floor(centre - support), hi = (long)ceil(centre + support);
		if (lo < 0)
			lo = 0;
		if (hi > (long)src - 1)
			hi = (long)src - 1;
		if (hi - lo + 1 > (long)t->max)
			hi = lo + (long)t->max - 1;
		double sum = 0;
		float *w = t->w + (size_t)i * t->max;
		for (long j = lo; j <= hi; j++)
			sum += w[j - lo] = (float)lanczos3((j + 0.5 - centre) / fs);
		if (sum == 0) { /* cannot happen with a centred tap, but never divide by zero */
			w[0] = 1, hi = lo;
			sum = 1;
		}
		for (long j = lo; j <= hi; j++)
			w[j - lo] = (float)(w[j - lo] / sum);
		t->first[i] = (unsigned)lo;
		t->count[i] = (unsigned)(hi - lo + 1);
	}
}

static void taps_free(struct taps *t)
{
	free(t->first);
	free(t->count);
	free(t->w);
}

static unsigned char clamp8(float v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)(v + 0.5f);
}

void waba_photo_resample_rgba(unsigned char *dst, unsigned dw, unsigned dh, const unsigned char *src, unsigned sw,
                              unsigned sh)
{
	struct taps tx, ty;
	taps_make(&tx, dw, sw);
	taps_make(&ty, dh, sh);
	/* horizontal pass into premultiplied floats: sh rows of dw pixels */
	float *mid = waba_xmalloc((size_t)dw * sh * 4 * sizeof(float));
	for (unsigned y = 0; y < sh; y++) {
		const unsigned char *row = src + (size_t)y * sw * 4;
		for (unsigned x = 0; x < dw; x++) {
			const float *w = tx.w + (size_t)x * tx.max;
			float acc[4] = { 0, 0, 0, 0 };
			for (unsigned k = 0; k < tx.count[x]; k++) {
				const unsigned char *p = row + (size_t)(tx.first[x] + k) * 4;
				float a = p[3] * w[k];
				acc[0] += p[0] * a, acc[1] += p[1] * a, acc[2] += p[2] * a, acc[3] += a;
			}
			memcpy(mid + ((size_t)y * dw + x) * 4, acc, sizeof(acc));
		}
	}
	for (unsigned y = 0; y < dh; y++) {
		const float *w = ty.w + (size_t)y * ty.max;
		for (unsigned x = 0; x < dw; x++) {
			float acc[4] = { 0, 0, 0, 0 };
			for (unsigned k = 0; k < ty.count[y]; k++) {
				const float *p = mid + ((size_t)(ty.first[y] + k) * dw + x) * 4;
				for (int c = 0; c < 4; c++)
					acc[c] += p[c] * w[k];
			}
			unsigned char *o = dst + ((size_t)y * dw + x) * 4;
			if (acc[3] > 0.5f) {
				for (int c = 0; c < 3; c++)
					o[c] = clamp8(acc[c] / acc[3]);
			} else {
				o[0] = o[1] = o[2] = 0;
			}
			o[3] = clamp8(acc[3]);
		}
	}
	free(mid);
	taps_free(&tx);
	taps_free(&ty);
}

/* Copy a w x h window at (x0, y0) of the photo, flattened onto `bg` (opaque RGBA). */
static unsigned char *flat_window(const struct waba_photo *p, unsigned x0, unsigned y0, unsigned w, unsigned h,
                                  const unsigned char bg[3])
{
	unsigned char *out = waba_xmalloc((size_t)w * h * 4);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			const unsigned char *s = p->rgba + ((size_t)(y + y0) * p->gw + x + x0) * 4;
			unsigned char *o = out + ((size_t)y * w + x) * 4;
			for (int c = 0; c < 3; c++)
				o[c] = (unsigned char)((s[c] * s[3] + bg[c] * (255 - s[3]) + 127) / 255);
			o[3] = 255;
		}
	return out;
}

/* The colour to pad with: --background, or the photo's own background when it is opaque. */
static void pad_colour(unsigned char out[3], const struct waba_photo *p, const struct waba_photo_fix_options *o)
{
	unsigned char bg[4];
	memcpy(out, o->background, 3);
	if (o->background_given)
		return;
	waba_photo_background(p, bg);
	if (bg[3] == 255)
		memcpy(out, bg, 3);
}

/* The side of the padded square, in the decoded copy's pixels: the long side, or more when
 * the content reaches beyond the circle inscribed in it (then it is padded until all of it
 * is inside, with a margin for the filter's spread). */
static unsigned padded_side(const struct waba_photo *p, const unsigned char pad[3], const unsigned char flat[3],
                            const struct waba_checklist *cl)
{
	unsigned longest = p->gw > p->gh ? p->gw : p->gh;
	long tol = waba_checklist_limit(cl, "photo.circle.tolerance");
	double reach = waba_photo_content_radius(p, pad, flat, tol >= 0 ? (int)tol : 40);
	if (2 * reach <= longest)
		return longest;
	double need = ceil(2 * reach * 1.0125 + 8);
	return need > 4 * (double)longest ? 4 * longest : (unsigned)need;
}

void waba_photo_fix_rgb(unsigned char **out, struct waba_photo_fix_done *done, const struct waba_photo *p,
                        const struct waba_photo_fix_options *o, const struct waba_checklist *cl)
{
	unsigned w = p->gw, h = p->gh;
	struct waba_photo_fix_done d = { 0 };
	d.squared = p->width != p->height;
	d.cropped = o->crop && d.squared;
	d.flattened = p->transparent > 0;
	d.reoriented = p->orientation > 1;
	memcpy(d.background, o->background, 3);
	pad_colour(d.pad, p, o);
	/* the square taken from the decoded copy, in its pixels */
	unsigned sq = o->crop ? (w < h ? w : h) : padded_side(p, d.pad, o->background, cl);
	d.circle = !o->crop && sq > (w > h ? w : h);
	d.from = o->crop ? (p->width < p->height ? p->width : p->height)
	                 : (unsigned)((unsigned long long)sq * (p->width > p->height ? p->width : p->height) /
	                              (w > h ? w : h));
	d.target = o->side;
	d.side = d.from < o->side ? d.from : o->side; /* never scaled up */
	d.side = d.side ? d.side : 1;
	unsigned side = d.side;
	unsigned char *canvas = waba_xmalloc((size_t)side * side * 4);
	if (o->crop) {
		unsigned char *win = flat_window(p, (w - sq) / 2, (h - sq) / 2, sq, sq, o->background);
		waba_photo_resample_rgba(canvas, side, side, win, sq, sq);
		free(win);
	} else {
		/* scale the whole image by side / sq, then centre it on the padding colour */
		unsigned iw = (unsigned)((w * (unsigned long long)side + sq / 2) / sq);
		unsigned ih = (unsigned)((h * (unsigned long long)side + sq / 2) / sq);
		iw = iw ? iw : 1, ih = ih ? ih : 1;
		iw = iw > side ? side : iw, ih = ih > side ? side : ih;
		unsigned char *win = flat_window(p, 0, 0, w, h, o->background);
		unsigned char *img = waba_xmalloc((size_t)iw * ih * 4);
		waba_photo_resample_rgba(img, iw, ih, win, w, h);
		for (size_t i = 0; i < (size_t)side * side; i++)
			memcpy(canvas + i * 4, d.pad, 3), canvas[i * 4 + 3] = 255;
		unsigned ox = (side - iw) / 2, oy = (side - ih) / 2;
		for (unsigned y = 0; y < ih; y++)
			memcpy(canvas + ((size_t)(y + oy) * side + ox) * 4, img + (size_t)y * iw * 4, (size_t)iw * 4);
		free(img);
		free(win);
	}
	unsigned char *rgb = waba_xmalloc((size_t)side * side * 3);
	for (size_t i = 0; i < (size_t)side * side; i++)
		memcpy(rgb + i * 3, canvas + i * 4, 3);
	free(canvas);
	*out = rgb;
	if (done)
		*done = d;
}

void waba_photo_preview_rgba(unsigned char **out, const struct waba_photo *p, const unsigned char behind[3], unsigned side)
{
	unsigned w = p->gw, h = p->gh, s = w < h ? w : h;
	unsigned char *win = flat_window(p, (w - s) / 2, (h - s) / 2, s, s, behind);
	unsigned char *img = waba_xmalloc((size_t)side * side * 4);
	waba_photo_resample_rgba(img, side, side, win, s, s);
	free(win);
	double r = side / 2.0;
	for (unsigned y = 0; y < side; y++)
		for (unsigned x = 0; x < side; x++) {
			double dx = x + 0.5 - r, dy = y + 0.5 - r, cover = r - sqrt(dx * dx + dy * dy) + 0.5;
			unsigned char *o = img + ((size_t)y * side + x) * 4;
			o[3] = cover >= 1 ? 255 : cover <= 0 ? 0 : (unsigned char)(cover * 255 + 0.5);
		}
	*out = img;
}

struct png_out {
	struct waba_strbuf *sb;
	char msg[160];
};

static void png_write_mem(png_structp png, png_bytep data, size_t n)
{
	struct png_out *o = png_get_io_ptr(png);
	waba_strbuf_add(o->sb, data, n);
}

static void png_flush_mem(png_structp png)
{
	(void)png;
}

static void png_write_error(png_structp png, png_const_charp msg)
{
	struct png_out *o = png_get_error_ptr(png);
	snprintf(o->msg, sizeof(o->msg), "%s", msg);
	png_longjmp(png, 1);
}

int waba_photo_encode_png(struct waba_strbuf *out, const unsigned char *pixels, unsigned w, unsigned h, int channels)
{
	struct png_out o = { out, "" };
	png_infop info = NULL;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &o, png_write_error, NULL);
	if (!png || !(info = png_create_info_struct(png))) {
		png_destroy_write_struct(&png, NULL);
		return waba_error_set(WABA_ERROR, _("libpng could not start"));
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return waba_error_set(WABA_ERROR, _("cannot encode PNG: %s"), o.msg);
	}
	png_set_write_fn(png, &o, png_write_mem, png_flush_mem);
	png_set_IHDR(png, info, w, h, 8, channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (unsigned y = 0; y < h; y++)
		png_write_row(png, pixels + (size_t)y * w * (size_t)channels);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return 0;
}

static void rgb_of(unsigned char out[3], long v)
{
	out[0] = (unsigned char)(v >> 16 & 0xff), out[1] = (unsigned char)(v >> 8 & 0xff),
	out[2] = (unsigned char)(v & 0xff);
}

void waba_photo_fix_defaults(struct waba_photo_fix_options *o, const struct waba_checklist *cl)
{
	long side = waba_checklist_limit(cl, "photo.fix.side"), bg = waba_checklist_limit(cl, "photo.fix.background_rgb");
	memset(o, 0, sizeof(*o));
	o->side = (unsigned)(side < 1 ? 1 : side > 8192 ? 8192 : side); /* the checklist's value, kept sane */
	rgb_of(o->background, bg);
}

/* Decode what we wrote with the same decoder and checks; only photo.circle (the user's
 * --crop) and photo.recommended_size (a small photo is not scaled up) may remain. */
static int verify(struct waba_photo *fixed, const struct waba_strbuf *png, const char *name,
                  const struct waba_checklist *cl)
{
	struct waba_photo_limits lim;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	int err = 0;
	waba_photo_limits_from(&lim, cl);
	waba_photo_decode(fixed, (const unsigned char *)png->buf, png->len, &lim);
	waba_check_photo_decoded(&fs, name, fixed, cl);
	for (size_t i = 0; i < fs.len && !err; i++)
		if (fs.v[i].severity >= WABA_SEV_WARNING && strcmp(fs.v[i].rule->id, "photo.circle") != 0 &&
		    strcmp(fs.v[i].rule->id, "photo.recommended_size") != 0)
			err = waba_error_set(WABA_ERROR, _("the fixed photo does not pass %s: %s"), fs.v[i].rule->id,
			                     fs.v[i].message);
	waba_findings_release(&fs);
	return err;
}

int waba_photo_fixable(const struct waba_photo *p, const struct waba_photo_fix_options *o, const struct waba_checklist *cl)
{
	long min = waba_checklist_limit(cl, "photo.min_side");
	if (!p->rgba)
		return waba_error_set(WABA_ERROR, _("the photo could not be decoded, so it cannot be fixed"));
	unsigned sq = o->crop ? (p->width < p->height ? p->width : p->height)
	                      : (p->width > p->height ? p->width : p->height);
	if (min > 0 && sq < (unsigned long)min)
		return waba_error_set(WABA_ERROR,
		                      _("the square --fix would make of it is %ux%u, below the %ldx%ld minimum, and --fix "
		                        "does not scale a photo up (it would be blurry): export the logo again at 640x640 "
		                        "from its original"),
		                      sq, sq, min, min);
	return 0;
}

static void hex(char out[8], const unsigned char c[3])
{
	snprintf(out, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
}

void waba_photo_fix_describe(struct waba_strbuf *out, const struct waba_photo_fix_done *d)
{
	char pad[8], bg[8];
	size_t start = out->len;
	hex(pad, d->pad);
	hex(bg, d->background);
#define PART(...) (waba_strbuf_addf(out, "%s", out->len > start ? ", " : ""), waba_strbuf_addf(out, __VA_ARGS__))
	if (d->reoriented)
		PART("%s", _("turned as the EXIF orientation shows it"));
	if (d->cropped)
		PART("%s", _("centre-cropped to a square"));
	if (d->circle)
		PART(_("padded with %s so that all of it stays inside the contact list's circle"), pad);
	else if (d->squared && !d->cropped)
		PART(_("padded to a square with %s"), pad);
	if (d->flattened)
		PART(_("transparency flattened onto %s"), bg);
	if (d->side < d->from)
		PART(_("scaled down to %ux%u with Lanczos-3"), d->side, d->side);
	else if (d->side < d->target)
		PART(_("kept at %ux%u, not scaled up (that would blur it)"), d->side, d->side);
	if (out->len == start)
		PART("%s", _("nothing needed changing; written again as PNG"));
#undef PART
}

int waba_photo_fix(struct waba_strbuf *png, struct waba_photo *fixed, struct waba_photo_fix_done *done,
                   const struct waba_photo *p, const struct waba_photo_fix_options *o, const char *name,
                   const struct waba_checklist *cl)
{
	unsigned char *rgb = NULL;
	struct waba_photo_fix_done d;
	int err;
	memset(fixed, 0, sizeof(*fixed));
	if ((err = waba_photo_fixable(p, o, cl)) < 0)
		return err;
	waba_photo_fix_rgb(&rgb, &d, p, o, cl);
	err = waba_photo_encode_png(png, rgb, d.side, d.side, 3);
	free(rgb);
	if (done)
		*done = d;
	if (err < 0)
		return err;
	return verify(fixed, png, name, cl);
}

int waba_photo_preview_png(struct waba_strbuf *png, const struct waba_photo *p, const struct waba_checklist *cl)
{
	unsigned char behind[3], *px = NULL;
	struct waba_photo_fix_options o;
	long tr = waba_checklist_limit(cl, "photo.preview.transparent_rgb");
	if (!p->rgba)
		return waba_error_set(WABA_ERROR, _("the photo could not be decoded, so there is nothing to preview"));
	waba_photo_fix_defaults(&o, cl);
	rgb_of(behind, tr);
	waba_photo_preview_rgba(&px, p, behind, o.side);
	int err = waba_photo_encode_png(png, px, o.side, o.side, 4);
	free(px);
	return err;
}
