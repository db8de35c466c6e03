/*
 * photo_probe.c: decode a profile photo with bounded time and memory.
 *
 * Order (../shared/spec/conventions.md §5): magic bytes -> header-only dimensions
 * (IHDR / SOFn) -> refuse absurd dimensions before allocating -> decode with libpng's
 * user and chunk limits (CRC errors fatal, ancillary chunks included) or libjpeg with
 * a longjmp error manager, warnings fatal, a memory limit and a scan cap.
 * Rows are folded into an integer area-average as they arrive (struct acc), so memory
 * is one row plus the reduced image, except for interlaced PNGs (whole frame, capped).
 * A file is streamed into the decoders (a libpng read callback over the FILE*,
 * jpeg_stdio_src), never read whole; only its first bytes are read for the sniffing.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/imagelib.h"
#include "waba/i18n.h"
#include "waba/photo.h"

const char *waba_photo_format_name(enum waba_photo_format f)
{
	return f == WABA_PHOTO_PNG ? "png" : f == WABA_PHOTO_JPEG ? "jpeg" : NULL;
}

static int starts(const unsigned char *d, size_t len, size_t at, const char *magic, size_t n)
{
	return len >= at + n && memcmp(d + at, magic, n) == 0;
}

const char *waba_photo_sniff(const unsigned char *d, size_t len, enum waba_photo_format *fmt)
{
	*fmt = WABA_PHOTO_NONE;
	if (starts(d, len, 0, "\x89PNG\r\n\x1a\n", 8)) {
		*fmt = WABA_PHOTO_PNG;
		return "PNG";
	}
	if (starts(d, len, 0, "\xff\xd8\xff", 3)) {
		*fmt = WABA_PHOTO_JPEG;
		return "JPEG";
	}
	if (len == 0)
		return _("an empty file");
	if (starts(d, len, 0, "GIF87a", 6) || starts(d, len, 0, "GIF89a", 6))
		return _("a GIF image");
	if (starts(d, len, 0, "RIFF", 4) && starts(d, len, 8, "WEBP", 4))
		return _("a WebP image");
	if (starts(d, len, 0, "BM", 2))
		return _("a BMP image");
	if (starts(d, len, 0, "II*\0", 4) || starts(d, len, 0, "MM\0*", 4))
		return _("a TIFF image");
	if (starts(d, len, 4, "ftypheic", 8) || starts(d, len, 4, "ftypheix", 8) || starts(d, len, 4, "ftypmif1", 8))
		return _("a HEIC image");
	if (starts(d, len, 4, "ftypavif", 8))
		return _("an AVIF image");
	if (starts(d, len, 0, "\0\0\0\x0cjP  ", 8))
		return _("a JPEG 2000 image");
	if (starts(d, len, 0, "%PDF", 4))
		return _("a PDF document");
	if (starts(d, len, 0, "PK\x03\x04", 4))
		return _("a ZIP archive");
	if (starts(d, len, 0, "\x8aMNG", 4))
		return _("an MNG animation");
	size_t n = len < WABA_PHOTO_SNIFF_BYTES ? len : WABA_PHOTO_SNIFF_BYTES, text = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] == '\n' || d[i] == '\r' || d[i] == '\t' || (d[i] >= 0x20 && d[i] != 0x7f))
			text++;
	if (text == n) {
		for (size_t i = 0; i + 4 <= n; i++)
			if (memcmp(d + i, "<svg", 4) == 0)
				return _("an SVG drawing");
		return _("text");
	}
	return _("not an image format waba-preflight knows");
}

void waba_photo_release(struct waba_photo *p)
{
	free(p->detail);
	free(p->rgba);
	memset(p, 0, sizeof(*p));
}

static void set_fault(struct waba_photo *p, enum waba_photo_fault f, size_t at, const char *detail)
{
	if (p->fault != WABA_PHOTO_OK)
		return;
	p->fault = f;
	p->fault_offset = at;
	free(p->detail);
	p->detail = detail ? waba_xstrdup(detail) : NULL;
}

/* ---- streaming area average ------------------------------------------------------ */

struct acc {
	unsigned w, h, k, gw, gh, ch; /* ch: 3 (RGB, opaque) or 4 (RGBA) bytes a source pixel */
	uint32_t *col;                /* w * ch column sums over the current grid row's source rows:
	                                 R, G, B (ch 3) or R*A, G*A, B*A, A (ch 4) */
	unsigned char *grid;          /* gw * gh * 4 */
	unsigned y;                   /* next source row */
	unsigned long long transparent, clear;
};

static unsigned pick_scale(unsigned w, unsigned h, const struct waba_photo_limits *lim)
{
	unsigned shortest = w < h ? w : h, k = 1;
	if (lim->analysis_side && shortest / lim->analysis_side > 1)
		k = shortest / lim->analysis_side;
	while ((unsigned long long)((w + k - 1) / k) * ((h + k - 1) / k) > lim->analysis_pixels && k < 255)
		k++;
	return k > 255 ? 255 : k; /* 255^2 * 255 * 255 fits in 32 bits */
}

static void acc_init(struct acc *a, unsigned w, unsigned h, unsigned k, unsigned ch)
{
	memset(a, 0, sizeof(*a));
	a->w = w, a->h = h, a->k = k, a->ch = ch;
	a->gw = (w + k - 1) / k, a->gh = (h + k - 1) / k;
	a->col = waba_xcalloc((size_t)w * ch, sizeof(uint32_t));
	a->grid = waba_xcalloc((size_t)a->gw * a->gh, 4);
}

/* Reduce the column sums of the last `rows` source rows to one grid row, and clear them. */
static void acc_flush(struct acc *a, unsigned rows)
{
	unsigned char *out = a->grid + (size_t)((a->y - 1) / a->k) * a->gw * 4;
	const uint32_t *c = a->col;
	for (unsigned gx = 0; gx < a->gw; gx++) {
		unsigned cols = (gx + 1) * a->k <= a->w ? a->k : a->w - gx * a->k;
		uint32_t s[4] = { 0, 0, 0, 0 }, n = cols * rows;
		if (a->ch == 3) { /* opaque: the RGBA sums with alpha 255 */
			for (unsigned i = 0; i < cols; i++, c += 3)
				s[0] += c[0], s[1] += c[1], s[2] += c[2];
			s[0] *= 255, s[1] *= 255, s[2] *= 255, s[3] = n * 255;
		} else {
			for (unsigned i = 0; i < cols; i++, c += 4)
				s[0] += c[0], s[1] += c[1], s[2] += c[2], s[3] += c[3];
		}
		unsigned char *o = out + (size_t)gx * 4;
		if (s[3]) {
			o[0] = (unsigned char)((s[0] + s[3] / 2) / s[3]);
			o[1] = (unsigned char)((s[1] + s[3] / 2) / s[3]);
			o[2] = (unsigned char)((s[2] + s[3] / 2) / s[3]);
		}
		o[3] = (unsigned char)((s[3] + n / 2) / n);
	}
	memset(a->col, 0, (size_t)a->w * a->ch * sizeof(uint32_t));
}

/* Count the pixels with alpha < 255 and == 0 in an RGBA row (every pixel, full resolution). */
static void acc_count_alpha(struct acc *a, const unsigned char *row)
{
	unsigned long long transparent = 0, clear = 0;
	for (unsigned x = 0; x < a->w; x++) {
		unsigned al = row[(size_t)x * 4 + 3];
		transparent += al != 255;
		clear += al == 0;
	}
	a->transparent += transparent;
	a->clear += clear;
}

/*
 * Fold one source row (a->ch bytes a pixel) into the column sums: a straight add for
 * an opaque RGB row (the compiler vectorises it), alpha-weighted for RGBA; the grid row
 * is made from them every k rows (acc_flush).
 */
static void acc_row(struct acc *a, const unsigned char *row)
{
	const unsigned w = a->w;
	if (a->ch == 4)
		acc_count_alpha(a, row);
	if (a->k == 1) {
		unsigned char *o = a->grid + (size_t)a->y * w * 4;
		if (a->ch == 4) {
			memcpy(o, row, (size_t)w * 4);
		} else {
			for (unsigned x = 0; x < w; x++, o += 4, row += 3)
				o[0] = row[0], o[1] = row[1], o[2] = row[2], o[3] = 255;
		}
		a->y++;
		return;
	}
	uint32_t *restrict c = a->col;
	if (a->ch == 3) {
		for (size_t i = 0, n = (size_t)w * 3; i < n; i++)
			c[i] += row[i];
	} else {
		for (size_t x = 0; x < w; x++) {
			const unsigned char *p = row + x * 4;
			uint32_t pa = p[3];
			c[x * 4] += p[0] * pa, c[x * 4 + 1] += p[1] * pa, c[x * 4 + 2] += p[2] * pa, c[x * 4 + 3] += pa;
		}
	}
	a->y++;
	if (a->y % a->k == 0 || a->y == a->h)
		acc_flush(a, a->y % a->k == 0 ? a->k : a->y % a->k);
}

static void acc_release(struct acc *a)
{
	free(a->col);
	free(a->grid);
}

/* Apply EXIF orientation to the reduced image and hand it to p. */
static void take_grid(struct waba_photo *p, struct acc *a)
{
	unsigned w = a->gw, h = a->gh, o = (unsigned)p->orientation;
	p->transparent = a->transparent;
	p->clear = a->clear;
	p->scale = a->k;
	if (o <= 1 || o > 8) {
		p->rgba = a->grid, a->grid = NULL;
		p->gw = w, p->gh = h;
		return;
	}
	unsigned dw = o >= 5 ? h : w, dh = o >= 5 ? w : h;
	unsigned char *d = waba_xmalloc((size_t)dw * dh * 4);
	for (unsigned y = 0; y < dh; y++)
		for (unsigned x = 0; x < dw; x++) {
			unsigned sx, sy;
			switch (o) {
			case 2:
				sx = w - 1 - x, sy = y;
				break;
			case 3:
				sx = w - 1 - x, sy = h - 1 - y;
				break;
			case 4:
				sx = x, sy = h - 1 - y;
				break;
			case 5:
				sx = y, sy = x;
				break;
			case 6:
				sx = y, sy = h - 1 - x;
				break;
			case 7:
				sx = w - 1 - y, sy = h - 1 - x;
				break;
			default:
				sx = w - 1 - y, sy = x;
				break; /* 8 */
			}
			memcpy(d + ((size_t)y * dw + x) * 4, a->grid + ((size_t)sy * w + sx) * 4, 4);
		}
	p->rgba = d;
	p->gw = dw, p->gh = dh;
}

static int too_large(struct waba_photo *p, const struct waba_photo_limits *lim, unsigned long w, unsigned long h)
{
	char msg[160];
	if (w == 0 || h == 0) {
		snprintf(msg, sizeof(msg), _("the header gives a size of %lux%lu"), w, h);
		set_fault(p, WABA_PHOTO_CORRUPT, 0, msg);
		return 1;
	}
	if (w > lim->max_side || h > lim->max_side || (unsigned long long)w * h > lim->max_pixels) {
		snprintf(msg, sizeof(msg), _("%lux%lu, over the decode limit of %lu px a side and %llu pixels"), w, h,
		         lim->max_side, lim->max_pixels);
		set_fault(p, WABA_PHOTO_TOO_LARGE, 0, msg);
		return 1;
	}
	return 0;
}

/* ---- input: bytes in memory, or a file read as the decoders ask (never whole) ---- */

struct input {
	const unsigned char *data; /* memory, or NULL */
	FILE *f;                   /* or a file, positioned at its start */
	size_t len;                /* bytes in memory, or the file's size */
	const unsigned char *head; /* the first bytes, for the header checks */
	size_t head_len;
};

/* ---- PNG ------------------------------------------------------------------------ */

struct png_ctx {
	const struct input *in;
	size_t pos;
	int truncated;
	char msg[200];
};

static void png_read_input(png_structp png, png_bytep out, size_t n)
{
	struct png_ctx *c = png_get_io_ptr(png);
	if (c->in->f) {
		size_t got = fread(out, 1, n, c->in->f);
		c->pos += got;
		if (got < n) {
			if (ferror(c->in->f))
				png_error(png, _("read error"));
			c->truncated = 1;
			png_error(png, _("unexpected end of file"));
		}
		return;
	}
	if (n > c->in->len - c->pos) {
		c->truncated = 1;
		png_error(png, _("unexpected end of file"));
	}
	memcpy(out, c->in->data + c->pos, n);
	c->pos += n;
}

static void png_on_error(png_structp png, png_const_charp msg)
{
	struct png_ctx *c = png_get_error_ptr(png);
	snprintf(c->msg, sizeof(c->msg), "%s", msg);
	png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg; /* benign: an sRGB profile quirk, an unknown chunk; CRCs are errors */
}

static const char *png_color_name(int ct)
{
	switch (ct) {
	case PNG_COLOR_TYPE_GRAY:
		return "gray";
	case PNG_COLOR_TYPE_GRAY_ALPHA:
		return "gray+alpha";
	case PNG_COLOR_TYPE_PALETTE:
		return "palette";
	case PNG_COLOR_TYPE_RGB_ALPHA:
		return "rgba";
	default:
		return "rgb";
	}
}

static void decode_png(struct waba_photo *p, const struct input *in, const struct waba_photo_limits *lim)
{
	struct png_ctx c = { in, 0, 0, "" };
	struct acc a;
	png_structp png;
	png_infop info = NULL;
	unsigned char *volatile row = NULL, *volatile frame = NULL;
	volatile int have_acc = 0;
	const unsigned char *data = in->head;
	size_t len = in->len;

	/* header-only dimensions first: signature, IHDR length, "IHDR", width, height */
	if (in->head_len < 33 || memcmp(data + 12, "IHDR", 4) != 0) {
		set_fault(p, in->head_len < 33 ? WABA_PHOTO_TRUNCATED : WABA_PHOTO_CORRUPT, in->head_len < 33 ? len : 12,
		          in->head_len < 33 ? _("the file ends inside the PNG header")
		                            : _("the first chunk is not IHDR"));
		return;
	}
	unsigned long w = (unsigned long)data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19];
	unsigned long h = (unsigned long)data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23];
	p->width = p->stored_width = (unsigned)w;
	p->height = p->stored_height = (unsigned)h;
	p->bit_depth = data[24];
	p->color = png_color_name(data[25]);
	p->interlaced = data[28] == 1;
	if (too_large(p, lim, w, h))
		return;
	if (p->interlaced && (unsigned long long)w * h * 4 > lim->max_memory) {
		char msg[160];
		snprintf(msg, sizeof(msg), _("interlaced %lux%lu needs %llu MB to decode, over the limit of %lu MB"), w,
		         h, (unsigned long long)w * h * 4 >> 20, lim->max_memory >> 20);
		set_fault(p, WABA_PHOTO_TOO_LARGE, 0, msg);
		return;
	}

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, png_on_error, png_on_warning);
	if (!png || !(info = png_create_info_struct(png))) {
		png_destroy_read_struct(&png, NULL, NULL);
		set_fault(p, WABA_PHOTO_CORRUPT, 0, _("libpng could not start"));
		return;
	}
	if (setjmp(png_jmpbuf(png))) {
		set_fault(p, c.truncated ? WABA_PHOTO_TRUNCATED : WABA_PHOTO_CORRUPT, c.truncated ? len : c.pos, c.msg);
		goto done;
	}
	png_set_read_fn(png, &c, png_read_input);
	png_set_user_limits(png, (png_uint_32)lim->max_side, (png_uint_32)lim->max_side);
	png_set_chunk_malloc_max(png, lim->max_chunk_bytes);
	png_set_chunk_cache_max(png, (png_uint_32)lim->max_chunks);
	png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
	png_read_info(png, info);
	int ct = png_get_color_type(png, info);
	if (png_get_valid(png, info, PNG_INFO_tRNS) && ct != PNG_COLOR_TYPE_PALETTE)
		p->color = ct == PNG_COLOR_TYPE_GRAY ? "gray+tRNS" : "rgb+tRNS";
	else if (png_get_valid(png, info, PNG_INFO_tRNS))
		p->color = "palette+tRNS";
	/* to 8-bit RGB or RGBA; no alpha channel is added to an opaque image (acc_row takes both) */
	png_set_expand(png);
	png_set_scale_16(png);
	png_set_gray_to_rgb(png);
	int passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	unsigned ch = png_get_channels(png, info);
	if ((ch != 3 && ch != 4) || png_get_rowbytes(png, info) != (size_t)w * ch)
		png_error(png, _("unexpected row size after transformations"));
	acc_init(&a, (unsigned)w, (unsigned)h, pick_scale((unsigned)w, (unsigned)h, lim), ch);
	have_acc = 1;
	if (passes > 1) {
		frame = waba_xmalloc((size_t)w * h * ch);
		for (int pass = 0; pass < passes; pass++)
			for (unsigned long y = 0; y < h; y++)
				png_read_row(png, frame + y * w * ch, NULL);
		for (unsigned long y = 0; y < h; y++)
			acc_row(&a, frame + y * w * ch);
	} else {
		row = waba_xmalloc((size_t)w * ch);
		for (unsigned long y = 0; y < h; y++) {
			png_read_row(png, row, NULL);
			acc_row(&a, row);
		}
	}
	png_read_end(png, NULL); /* the chunks after the image, IEND, their CRCs */
	take_grid(p, &a);
done:
	if (have_acc)
		acc_release(&a);
	free(row);
	free(frame);
	png_destroy_read_struct(&png, &info, NULL);
}

/* ---- JPEG ----------------------------------------------------------------------- */

struct jpeg_ctx {
	struct jpeg_error_mgr err;
	struct jpeg_progress_mgr progress;
	jmp_buf jmp;
	unsigned long max_scans;
	int truncated;
	char msg[JMSG_LENGTH_MAX + 40];
};

static void jpeg_on_error(j_common_ptr ci)
{
	struct jpeg_ctx *c = (struct jpeg_ctx *)ci->err;
	ci->err->format_message(ci, c->msg);
	longjmp(c->jmp, 1);
}

/* Warnings (corrupt data, premature end) are fatal: a photo must decode cleanly. */
static void jpeg_on_message(j_common_ptr ci, int level)
{
	struct jpeg_ctx *c = (struct jpeg_ctx *)ci->err;
	if (level >= 0)
		return;
	c->truncated = ci->err->msg_code == JWRN_JPEG_EOF;
	ci->err->format_message(ci, c->msg);
	longjmp(c->jmp, 1);
}

static void jpeg_on_progress(j_common_ptr ci)
{
	struct jpeg_ctx *c = (struct jpeg_ctx *)ci->err;
	j_decompress_ptr d = (j_decompress_ptr)ci;
	if (ci->is_decompressor && (unsigned long)d->input_scan_number > c->max_scans) {
		snprintf(c->msg, sizeof(c->msg), _("more than %lu progressive scans"), c->max_scans);
		longjmp(c->jmp, 1);
	}
}

static unsigned rd16(const unsigned char *p, int le)
{
	return le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static unsigned long rd32(const unsigned char *p, int le)
{
	return le ? (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24
	          : (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* EXIF orientation (tag 0x0112 in IFD0) from an APP1 payload; 1 when absent or bad. */
static int exif_orientation(const unsigned char *d, size_t n)
{
	if (n < 14 || memcmp(d, "Exif\0\0", 6) != 0)
		return 1;
	d += 6, n -= 6;
	int le = d[0] == 'I' && d[1] == 'I';
	if (!le && !(d[0] == 'M' && d[1] == 'M'))
		return 1;
	if (rd16(d + 2, le) != 42)
		return 1;
	unsigned long ifd = rd32(d + 4, le);
	if (ifd > n - 2)
		return 1;
	unsigned count = rd16(d + ifd, le);
	for (unsigned i = 0; i < count; i++) {
		unsigned long e = ifd + 2 + (unsigned long)i * 12;
		if (e + 12 > n)
			return 1;
		if (rd16(d + e, le) == 0x0112 && rd16(d + e + 2, le) == 3) {
			unsigned v = rd16(d + e + 8, le);
			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
}

static const char *jpeg_color_name(J_COLOR_SPACE cs)
{
	switch (cs) {
	case JCS_GRAYSCALE:
		return "gray";
	case JCS_CMYK:
		return "cmyk";
	case JCS_YCCK:
		return "ycck";
	case JCS_RGB:
		return "rgb";
	default:
		return "ycbcr";
	}
}

/* The byte offset libjpeg has consumed: what its source took, less what it has not used. */
static size_t jpeg_offset(j_decompress_ptr ci, const struct input *in)
{
	if (!ci->src)
		return 0;
	size_t took = in->len;
	if (in->f) {
		long at = ftell(in->f);
		took = at >= 0 ? (size_t)at : in->len;
	}
	return took >= ci->src->bytes_in_buffer ? took - ci->src->bytes_in_buffer : 0;
}

static void decode_jpeg(struct waba_photo *p, const struct input *in, const struct waba_photo_limits *lim)
{
	struct jpeg_decompress_struct ci;
	struct jpeg_ctx c;
	struct acc a;
	unsigned char *volatile row = NULL, *volatile rgb = NULL;
	volatile int have_acc = 0;

	memset(&ci, 0, sizeof(ci));
	memset(&c, 0, sizeof(c));
	ci.err = jpeg_std_error(&c.err);
	c.err.error_exit = jpeg_on_error;
	c.err.emit_message = jpeg_on_message;
	c.progress.progress_monitor = jpeg_on_progress;
	c.max_scans = lim->max_scans;
	if (setjmp(c.jmp)) {
		set_fault(p, c.truncated ? WABA_PHOTO_TRUNCATED : WABA_PHOTO_CORRUPT, jpeg_offset(&ci, in), c.msg);
		goto done;
	}
	jpeg_create_decompress(&ci);
	ci.progress = &c.progress;
	ci.mem->max_memory_to_use = (long)lim->max_memory;
	if (in->f)
		jpeg_stdio_src(&ci, in->f);
	else
		jpeg_mem_src(&ci, in->data, (unsigned long)in->len);
	jpeg_save_markers(&ci, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(&ci, TRUE);
	for (jpeg_saved_marker_ptr m = ci.marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1 && (p->orientation = exif_orientation(m->data, m->data_length)) != 1)
			break;
	if (p->orientation < 1)
		p->orientation = 1;
	p->stored_width = ci.image_width, p->stored_height = ci.image_height;
	p->width = p->orientation >= 5 ? ci.image_height : ci.image_width;
	p->height = p->orientation >= 5 ? ci.image_width : ci.image_height;
	p->bit_depth = ci.data_precision;
	p->interlaced = jpeg_has_multiple_scans(&ci);
	p->color = jpeg_color_name(ci.jpeg_color_space);
	if (too_large(p, lim, ci.image_width, ci.image_height))
		goto done;
	int cmyk = ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK;
	ci.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGB;
	jpeg_start_decompress(&ci);
	acc_init(&a, ci.output_width, ci.output_height, pick_scale(ci.output_width, ci.output_height, lim), 3);
	have_acc = 1;
	row = waba_xmalloc((size_t)ci.output_width * (cmyk ? 4 : 3));
	if (cmyk)
		rgb = waba_xmalloc((size_t)ci.output_width * 3);
	while (ci.output_scanline < ci.output_height) {
		JSAMPROW rows[1] = { row };
		jpeg_read_scanlines(&ci, rows, 1);
		if (cmyk) { /* Adobe writes inverted CMYK: R = C*K/255 */
			for (unsigned x = 0; x < ci.output_width; x++) {
				const unsigned char *s = row + (size_t)x * 4;
				unsigned char *d = rgb + (size_t)x * 3;
				d[0] = (unsigned char)(s[0] * s[3] / 255);
				d[1] = (unsigned char)(s[1] * s[3] / 255);
				d[2] = (unsigned char)(s[2] * s[3] / 255);
			}
			acc_row(&a, rgb);
		} else {
			acc_row(&a, row);
		}
	}
	jpeg_finish_decompress(&ci); /* reads to EOI: corrupt trailing scans still count */
	take_grid(p, &a);
done:
	if (have_acc)
		acc_release(&a);
	free(row);
	free(rgb);
	jpeg_destroy_decompress(&ci);
}

static void decode_input(struct waba_photo *out, const struct input *in, const struct waba_photo_limits *lim)
{
	memset(out, 0, sizeof(*out));
	out->bytes = in->len;
	out->orientation = 1;
	const char *what = waba_photo_sniff(in->head, in->head_len, &out->format);
	if (in->len == 0)
		set_fault(out, WABA_PHOTO_EMPTY, 0, what);
	else if (out->format == WABA_PHOTO_PNG)
		decode_png(out, in, lim);
	else if (out->format == WABA_PHOTO_JPEG)
		decode_jpeg(out, in, lim);
	else
		set_fault(out, WABA_PHOTO_NOT_IMAGE, 0, what);
	if (out->fault != WABA_PHOTO_OK) {
		free(out->rgba);
		out->rgba = NULL;
	}
}

int waba_photo_decode(struct waba_photo *out, const unsigned char *data, size_t len, const struct waba_photo_limits *lim)
{
	struct input in = { data, NULL, len, data, len };
	decode_input(out, &in, lim);
	return 0;
}

int waba_photo_decode_file(struct waba_photo *out, FILE *f, size_t size, const struct waba_photo_limits *lim)
{
	unsigned char head[WABA_PHOTO_SNIFF_BYTES];
	size_t got = fread(head, 1, size < sizeof(head) ? size : sizeof(head), f);
	if (ferror(f) || fseek(f, 0, SEEK_SET) != 0)
		return -1;
	struct input in = { NULL, f, size, head, got };
	decode_input(out, &in, lim);
	return 0;
}

/* The checklist's value of limit `id`, at most `ceiling` (and 0 for a missing or negative one). */
static unsigned long long limit_under(const struct waba_checklist *cl, const char *id, unsigned long long ceiling)
{
	long v = waba_checklist_limit(cl, id);
	if (v < 0)
		return 0;
	return (unsigned long long)v > ceiling ? ceiling : (unsigned long long)v;
}

void waba_photo_limits_from(struct waba_photo_limits *out, const struct waba_checklist *cl)
{
	out->max_side = (unsigned long)limit_under(cl, "photo.decode.max_side", WABA_PHOTO_CEIL_SIDE);
	out->max_pixels = limit_under(cl, "photo.decode.max_pixels", WABA_PHOTO_CEIL_PIXELS);
	out->max_chunk_bytes = (unsigned long)limit_under(cl, "photo.decode.max_chunk_bytes",
	                                                  WABA_PHOTO_CEIL_CHUNK_BYTES);
	out->max_chunks = (unsigned long)limit_under(cl, "photo.decode.max_chunks", WABA_PHOTO_CEIL_CHUNKS);
	out->max_scans = (unsigned long)limit_under(cl, "photo.decode.max_jpeg_scans", WABA_PHOTO_CEIL_SCANS);
	out->max_memory = (unsigned long)limit_under(cl, "photo.decode.max_memory", WABA_PHOTO_CEIL_MEMORY);
	out->analysis_side = (unsigned)limit_under(cl, "photo.analysis.side", 65535);
	out->analysis_pixels = (unsigned long)limit_under(cl, "photo.analysis.max_pixels",
	                                                  WABA_PHOTO_CEIL_ANALYSIS_PIXELS);
	out->max_read_bytes = (unsigned long)limit_under(cl, "photo.read.max_bytes", WABA_PHOTO_CEIL_READ_BYTES);
}
