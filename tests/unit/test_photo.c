/* test_photo.c: photo decoding (photo_probe.c), the photo.* checks and the fixer, on images drawn in code. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "photo_gen.h"
#include "waba/photo.h"

static struct waba_photo_limits limits(void)
{
	struct waba_photo_limits lim;
	waba_photo_limits_from(&lim, test_checklist());
	return lim;
}

static struct waba_photo decode(struct gen_buf b)
{
	struct waba_photo_limits lim = limits();
	struct waba_photo p;
	waba_photo_decode(&p, b.data, b.len, &lim);
	return p;
}

static const unsigned char *px(const struct waba_photo *p, unsigned x, unsigned y)
{
	return p->rgba + ((size_t)y * p->gw + x) * 4;
}

/* Findings of the checks on a buffer, as a report. */
static void check_buf(struct waba_report *r, const char *name, struct gen_buf b)
{
	waba_check_photo_mem(r, name, b.data, b.len, test_checklist());
}

/* A 256x256 logo (red disc on white, a half-transparent square) in every PNG shape decodes to the same pixels. */
static void test_png_shapes(void **state)
{
	static const struct { int ct, depth, interlace; const char *color; } rows[] = {
		{ PNG_COLOR_TYPE_RGB, 8, 0, "rgb" },        { PNG_COLOR_TYPE_RGB_ALPHA, 8, 0, "rgba" },
		{ PNG_COLOR_TYPE_RGB, 16, 0, "rgb" },       { PNG_COLOR_TYPE_RGB_ALPHA, 16, 1, "rgba" },
		{ PNG_COLOR_TYPE_PALETTE, 8, 0, "palette+tRNS" }, { PNG_COLOR_TYPE_PALETTE, 8, 1, "palette+tRNS" },
		{ PNG_COLOR_TYPE_GRAY, 8, 0, "gray" },      { PNG_COLOR_TYPE_GRAY_ALPHA, 16, 1, "gray+alpha" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct gen_img im = gen_new(256, 256, 255, 255, 255, 255);
		gen_disc(&im, 128, 128, 60, 200, 0, 0, 255);
		gen_rect(&im, 0, 0, 16, 16, 0, 0, 255, 0);
		struct gen_buf b = gen_png(&im, rows[i].ct, rows[i].depth, rows[i].interlace);
		struct waba_photo p = decode(b);
		assert_int_equal(p.fault, WABA_PHOTO_OK);
		assert_int_equal(p.format, WABA_PHOTO_PNG);
		assert_int_equal(p.width, 256);
		assert_int_equal(p.height, 256);
		assert_int_equal(p.interlaced, rows[i].interlace);
		assert_string_equal(p.color, rows[i].color);
		assert_non_null(p.rgba);
		int gray = rows[i].ct == PNG_COLOR_TYPE_GRAY || rows[i].ct == PNG_COLOR_TYPE_GRAY_ALPHA;
		const unsigned char *c = px(&p, 128, 128), *w = px(&p, 200, 40);
		assert_int_equal(c[0], gray ? 59 : 200); /* the generator's luma of (200,0,0) */
		assert_int_equal(w[0], 255);
		assert_int_equal(w[3], 255);
		int has_alpha = rows[i].ct & PNG_COLOR_MASK_ALPHA || rows[i].ct == PNG_COLOR_TYPE_PALETTE;
		assert_int_equal(p.transparent, has_alpha ? 256 : 0);
		assert_int_equal(p.clear, has_alpha ? 256 : 0);
		waba_photo_release(&p);
		free(b.data);
		free(im.px);
	}
}

/* Every truncation of a PNG and a JPEG is a fault, never pixels, never a crash. */
static void test_truncated_everywhere(void **state)
{
	(void)state;
	struct gen_img im = gen_new(200, 200, 10, 120, 200, 255);
	gen_disc(&im, 100, 100, 50, 255, 255, 0, 255);
	struct gen_buf bufs[2] = { gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0), gen_jpeg(&im, 90, 0, 1, 0) };
	struct waba_photo_limits lim = limits();
	for (int k = 0; k < 2; k++) {
		for (size_t n = 0; n < bufs[k].len - 1; n += 1 + n / 64) {
			struct waba_photo p;
			waba_photo_decode(&p, bufs[k].data, n, &lim);
			assert_int_not_equal(p.fault, WABA_PHOTO_OK);
			assert_null(p.rgba);
			waba_photo_release(&p);
		}
	}
	/* JPEG without its EOI marker still has all scans: libjpeg warns, and warnings are fatal */
	struct waba_photo p;
	waba_photo_decode(&p, bufs[1].data, bufs[1].len - 2, &lim);
	assert_int_equal(p.fault, WABA_PHOTO_TRUNCATED);
	waba_photo_release(&p);
	free(bufs[0].data), free(bufs[1].data), free(im.px);
}

static void put32(unsigned char *d, unsigned long v)
{
	d[0] = (unsigned char)(v >> 24), d[1] = (unsigned char)(v >> 16), d[2] = (unsigned char)(v >> 8), d[3] = (unsigned char)v;
}

/* A bad CRC in an ancillary chunk (pngcheck flags it; libpng's default only warns) is corrupt. */
static void test_ancillary_crc(void **state)
{
	(void)state;
	struct gen_img im = gen_new(200, 200, 255, 255, 255, 255);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
	/* insert a tEXt chunk after IHDR (8 + 25 bytes) with a wrong CRC */
	static const char text[] = "Comment\0hi";
	size_t clen = sizeof(text) - 1, at = 33, n = 12 + clen;
	unsigned char *d = malloc(b.len + n);
	memcpy(d, b.data, at);
	put32(d + at, clen);
	memcpy(d + at + 4, "tEXt", 4);
	memcpy(d + at + 8, text, clen);
	put32(d + at + 8 + clen, 0xdeadbeef);
	memcpy(d + at + n, b.data + at, b.len - at);
	struct gen_buf bad = { d, b.len + n, b.len + n };
	struct waba_photo p = decode(bad);
	assert_int_equal(p.fault, WABA_PHOTO_CORRUPT);
	assert_non_null(strstr(p.detail, "CRC"));
	waba_photo_release(&p);
	free(d), free(b.data), free(im.px);
}

/* Header dimensions over the limits are refused before decoding; the claimed size is kept. */
static void test_huge_header(void **state)
{
	(void)state;
	struct gen_img im = gen_new(1, 1, 0, 0, 0, 255);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
	put32(b.data + 16, 100000);
	put32(b.data + 20, 100000);
	struct waba_photo p = decode(b);
	assert_int_equal(p.fault, WABA_PHOTO_TOO_LARGE);
	assert_int_equal(p.width, 100000);
	assert_null(p.rgba);
	waba_photo_release(&p);
	struct waba_report r = WABA_REPORT_INIT;
	check_buf(&r, "huge.png", b);
	assert_int_equal(test_count_rule(&r.findings, "photo.dimensions.limit"), 1);
	waba_report_release(&r);
	free(b.data), free(im.px);
}

/* Orientation 6 (rotate 90 clockwise): stored 60x40 with a red top-left block is shown 40x60, block top right. */
static void test_exif_orientation(void **state)
{
	static const struct { int o; unsigned x, y; } rows[] = {
		{ 1, 0, 0 }, { 2, 59, 0 }, { 3, 59, 39 }, { 4, 0, 39 }, { 5, 0, 0 }, { 6, 39, 0 }, { 7, 39, 59 }, { 8, 0, 59 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct gen_img im = gen_new(60, 40, 255, 255, 255, 255);
		gen_rect(&im, 0, 0, 16, 16, 255, 0, 0, 255);
		struct gen_buf b = gen_jpeg(&im, 95, 0, 0, rows[i].o);
		struct waba_photo p = decode(b);
		assert_int_equal(p.fault, WABA_PHOTO_OK);
		assert_int_equal(p.orientation, rows[i].o);
		assert_int_equal(p.width, rows[i].o >= 5 ? 40 : 60);
		assert_int_equal(p.height, rows[i].o >= 5 ? 60 : 40);
		const unsigned char *c = px(&p, rows[i].x, rows[i].y);
		assert_true(c[0] > 200 && c[1] < 60);
		waba_photo_release(&p);
		free(b.data), free(im.px);
	}
}

/* Large photos are kept area-averaged: a 1-px checkerboard averages to mid-grey, not to black or white. */
static void test_area_average(void **state)
{
	(void)state;
	struct gen_img im = gen_new(2600, 2600, 0, 0, 0, 255);
	for (unsigned y = 0; y < im.h; y++)
		for (unsigned x = (y & 1); x < im.w; x += 2)
			memset(im.px + ((size_t)y * im.w + x) * 4, 255, 3);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_GRAY, 8, 0);
	struct waba_photo p = decode(b);
	assert_int_equal(p.fault, WABA_PHOTO_OK);
	assert_true(p.scale >= 2);
	assert_true(p.gw >= 640 && p.gw * p.scale >= 2600);
	const unsigned char *c = px(&p, p.gw / 2, p.gh / 2);
	assert_in_range(c[0], 120, 135);
	waba_photo_release(&p);
	free(b.data), free(im.px);
}

/* Decode `n` bytes of `d` both from memory and streamed from a file: the same verdict, offset, detail and
 * pixels. @return the fault's offset, 0 when it decoded. */
static size_t assert_file_same(const unsigned char *d, size_t n)
{
	struct waba_photo_limits lim = limits();
	struct waba_photo m, f;
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(d, 1, n, fp), n);
	rewind(fp);
	waba_photo_decode(&m, d, n, &lim);
	assert_int_equal(waba_photo_decode_file(&f, fp, n, &lim), 0);
	fclose(fp);
	assert_int_equal(f.format, m.format);
	assert_int_equal(f.fault, m.fault);
	if (m.format == WABA_PHOTO_JPEG && m.fault == WABA_PHOTO_CORRUPT) /* libjpeg's Huffman decoder reads ahead */
		assert_in_range(f.fault_offset + 1024 - m.fault_offset, 0, 2048); /* within its buffer */
	else
		assert_int_equal(f.fault_offset, m.fault_offset);
	if (m.detail)
		assert_string_equal(f.detail, m.detail);
	assert_int_equal(f.bytes, n);
	assert_int_equal(f.width, m.width);
	assert_int_equal(f.height, m.height);
	assert_int_equal(f.transparent, m.transparent);
	assert_int_equal(f.clear, m.clear);
	assert_int_equal(f.gw, m.gw);
	assert_int_equal(f.gh, m.gh);
	assert_int_equal(!f.rgba, !m.rgba);
	if (m.rgba)
		assert_memory_equal(f.rgba, m.rgba, (size_t)m.gw * m.gh * 4);
	size_t at = m.fault ? m.fault_offset : 0;
	waba_photo_release(&m);
	waba_photo_release(&f);
	return at;
}

/* A file is streamed into libpng / libjpeg, never read whole; that must not change any verdict. */
static void test_file_stream(void **state)
{
	(void)state;
	struct gen_img im = gen_new(700, 700, 255, 255, 255, 255);
	gen_disc(&im, 350, 350, 200, 0, 90, 200, 255);
	gen_rect(&im, 0, 0, 40, 40, 0, 0, 0, 0);
	struct gen_buf bufs[] = {
		gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0),   gen_png(&im, PNG_COLOR_TYPE_RGB_ALPHA, 8, 0),
		gen_png(&im, PNG_COLOR_TYPE_RGB, 16, 1),  gen_png(&im, PNG_COLOR_TYPE_PALETTE, 8, 0),
		gen_png(&im, PNG_COLOR_TYPE_GRAY, 8, 0),  gen_jpeg(&im, 90, 0, 0, 0),
		gen_jpeg(&im, 90, 0, 1, 6),               gen_jpeg(&im, 90, 1, 0, 0),
	};
	for (size_t k = 0; k < sizeof(bufs) / sizeof(bufs[0]); k++) {
		assert_file_same(bufs[k].data, bufs[k].len);
		for (size_t n = 0; n < bufs[k].len; n += 1 + bufs[k].len / 7) /* truncated */
			assert_file_same(bufs[k].data, n);
		/* damaged in the middle: a PNG CRC, or a JPEG marker inside the scan (offset from the stdio source) */
		bufs[k].data[bufs[k].len / 2] = 0xff, bufs[k].data[bufs[k].len / 2 + 1] = 0xd9;
		size_t at = assert_file_same(bufs[k].data, bufs[k].len);
		assert_in_range(at, 1, bufs[k].len); /* a fault, found in the file */
		free(bufs[k].data);
	}
	static const char text[] = "this is not a picture\n";
	assert_file_same((const unsigned char *)text, sizeof(text) - 1);
	free(im.px);
}

/* waba_photo_load: the size on disk is what photo.file_size judges; a missing file is an error. */
static void test_load(void **state)
{
	(void)state;
	struct gen_img im = gen_new(300, 300, 20, 30, 40, 255);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
	char path[] = "/tmp/test_photo_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "wb");
	assert_int_equal(fwrite(b.data, 1, b.len, fp), b.len);
	fclose(fp);
	struct waba_photo p;
	assert_int_equal(waba_photo_load(&p, path, test_checklist()), 0);
	assert_int_equal(p.fault, WABA_PHOTO_OK);
	assert_int_equal(p.bytes, b.len);
	assert_int_equal(p.width, 300);
	assert_int_equal(px(&p, 10, 10)[2], 40);
	waba_photo_release(&p);
	unlink(path);
	assert_int_equal(waba_photo_load(&p, path, test_checklist()), WABA_ENOTFOUND);
	free(b.data), free(im.px);
}

static void test_sniff(void **state)
{
	static const struct { const char *data; size_t len; const char *what; } rows[] = {
		{ "GIF89a....", 10, "a GIF image" },  { "RIFF\0\0\0\0WEBPVP8 ", 16, "a WebP image" },
		{ "BM......", 8, "a BMP image" },     { "\0\0\0\x18" "ftypheic", 12, "a HEIC image" },
		{ "<svg xmlns='x'/>", 16, "an SVG drawing" }, { "hello\n", 6, "text" },
		{ "%PDF-1.7", 8, "a PDF document" },  { "\x01\x02\x03\x00\xfe", 5, "not an image format waba-preflight knows" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum waba_photo_format f;
		assert_string_equal(waba_photo_sniff((const unsigned char *)rows[i].data, rows[i].len, &f), rows[i].what);
		assert_int_equal(f, WABA_PHOTO_NONE);
	}
}

/* The checks: what fires for which photo. */
static void test_checks(void **state)
{
	(void)state;
	struct { struct gen_img im; int jpeg; const char *fires, *silent; } rows[6];
	rows[0].im = gen_new(640, 640, 255, 255, 255, 255); /* centred disc: clean */
	gen_disc(&rows[0].im, 320, 320, 250, 0, 80, 200, 255);
	rows[0].jpeg = 1, rows[0].fires = NULL, rows[0].silent = "photo.circle";
	rows[1].im = gen_new(640, 640, 200, 0, 0, 255); /* full bleed with a thin white frame */
	gen_rect(&rows[1].im, 0, 0, 640, 4, 255, 255, 255, 255);
	rows[1].jpeg = 0, rows[1].fires = "photo.circle", rows[1].silent = "photo.transparency";
	rows[2].im = gen_new(640, 640, 0, 0, 0, 0); /* transparent background */
	gen_disc(&rows[2].im, 320, 320, 200, 0, 0, 0, 255);
	rows[2].jpeg = 0, rows[2].fires = "photo.transparency", rows[2].silent = "photo.circle";
	rows[3].im = gen_new(640, 400, 255, 255, 255, 255);
	rows[3].jpeg = 1, rows[3].fires = "photo.square", rows[3].silent = "photo.min_size";
	rows[4].im = gen_new(150, 150, 255, 255, 255, 255);
	rows[4].jpeg = 0, rows[4].fires = "photo.min_size", rows[4].silent = "photo.recommended_size";
	rows[5].im = gen_new(400, 400, 255, 255, 255, 255);
	rows[5].jpeg = 0, rows[5].fires = "photo.recommended_size", rows[5].silent = "photo.min_size";
	for (size_t i = 0; i < 6; i++) {
		struct waba_report r = WABA_REPORT_INIT;
		struct gen_buf b = rows[i].jpeg ? gen_jpeg(&rows[i].im, 90, 0, 0, 0) : gen_png(&rows[i].im, PNG_COLOR_TYPE_RGB_ALPHA, 8, 0);
		check_buf(&r, rows[i].jpeg ? "p.jpg" : "p.png", b);
		if (rows[i].fires)
			assert_int_equal(test_count_rule(&r.findings, rows[i].fires), 1);
		else
			assert_int_equal(r.findings.len, 0);
		assert_int_equal(test_count_rule(&r.findings, rows[i].silent), 0);
		assert_int_equal(r.nitems, 1);
		assert_string_equal(cJSON_GetObjectItem(r.items[0].json, "format")->valuestring, rows[i].jpeg ? "jpeg" : "png");
		/* the typed result the JSON is written from */
		const struct waba_photo_result *res = waba_report_photo(&r, 0);
		assert_non_null(res);
		assert_int_equal(res->format, rows[i].jpeg ? WABA_PHOTO_JPEG : WABA_PHOTO_PNG);
		assert_int_equal(res->width, rows[i].im.w);
		assert_int_equal(res->height, rows[i].im.h);
		assert_int_equal(res->bytes, b.len);
		assert_true(res->decoded);
		assert_string_equal(res->input, rows[i].jpeg ? "p.jpg" : "p.png");
		assert_null(waba_report_photo(&r, 1));
		waba_report_release(&r);
		free(b.data), free(rows[i].im.px);
	}
}

static void test_circle_message(void **state)
{
	(void)state;
	struct gen_img im = gen_new(640, 640, 255, 255, 255, 255);
	gen_rect(&im, 0, 0, 120, 120, 0, 0, 0, 255); /* the top-left corner only */
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
	struct waba_report r = WABA_REPORT_INIT;
	check_buf(&r, "c.png", b);
	int i = test_find_rule(&r.findings, "photo.circle");
	assert_true(i >= 0);
	const char *m = r.findings.v[i].message;
	assert_non_null(strstr(m, "#ffffff"));
	assert_non_null(strstr(m, "(top left)"));
	/* outside the circle is 1 - pi/4 of the square; 120x120 minus its inscribed-quarter part is in it */
	double share = atof(m);
	assert_true(share > 10.0 && share < 20.0);
	waba_report_release(&r);
	free(b.data), free(im.px);
}

/* The fixer: a decodable photo becomes a 640x640 opaque PNG that passes, padded or cropped. */
static void test_fix(void **state)
{
	(void)state;
	struct gen_img im = gen_new(900, 450, 0, 0, 0, 0); /* transparent, with a red bar across */
	gen_rect(&im, 0, 150, 900, 300, 255, 0, 0, 255);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB_ALPHA, 8, 0);
	struct waba_photo p = decode(b), fixed;
	struct waba_photo_fix_options o;
	struct waba_strbuf png = WABA_STRBUF_INIT;
	waba_photo_fix_defaults(&o, test_checklist());
	assert_int_equal(o.side, 640);
	assert_int_equal(waba_photo_fix(&png, &fixed, NULL, &p, &o, "out.png", test_checklist()), 0);
	assert_int_equal(fixed.width, 640);
	assert_int_equal(fixed.height, 640);
	assert_int_equal(fixed.transparent, 0);
	assert_memory_equal(px(&fixed, 5, 5), "\xff\xff\xff\xff", 4);  /* padding: white */
	assert_memory_equal(px(&fixed, 320, 320), "\xff\x00\x00\xff", 4); /* the bar, centred */
	assert_memory_equal(px(&fixed, 320, 200), "\xff\xff\xff\xff", 4); /* flattened onto white */
	waba_photo_release(&fixed);
	/* crop onto black: the 450x450 centre (not scaled up), the bar its middle third, the rest black */
	o.crop = 1;
	o.background[0] = o.background[1] = o.background[2] = 0;
	waba_strbuf_reset(&png);
	assert_int_equal(waba_photo_fix(&png, &fixed, NULL, &p, &o, "out.png", test_checklist()), 0);
	assert_int_equal(fixed.width, 450);
	assert_memory_equal(px(&fixed, 225, 225), "\xff\x00\x00\xff", 4);
	assert_memory_equal(px(&fixed, 225, 20), "\x00\x00\x00\xff", 4);
	waba_photo_release(&fixed);
	waba_photo_release(&p);
	waba_strbuf_release(&png);
	free(b.data), free(im.px);
}

static int has_finding(const struct waba_findings *fs, const char *rule)
{
	for (size_t i = 0; i < fs->len; i++)
		if (strcmp(fs->v[i].rule->id, rule) == 0)
			return 1;
	return 0;
}

/* Fix `im` with the default options (crop as given); the copy's checks in *fs. */
static struct waba_photo fix_img(struct gen_img *im, int crop, struct waba_photo_fix_done *done,
                                 struct waba_findings *fs)
{
	struct gen_buf b = gen_png(im, PNG_COLOR_TYPE_RGB, 8, 0);
	struct waba_photo p = decode(b), fixed;
	struct waba_photo_fix_options o;
	struct waba_strbuf png = WABA_STRBUF_INIT;
	waba_photo_fix_defaults(&o, test_checklist());
	o.crop = crop;
	assert_int_equal(waba_photo_fix(&png, &fixed, done, &p, &o, "out.png", test_checklist()), 0);
	waba_check_photo_decoded(fs, "out.png", &fixed, test_checklist());
	waba_photo_release(&p);
	waba_strbuf_release(&png);
	free(b.data);
	return fixed;
}

/* Padding uses the photo's own background (not white on a blue logo), and says it padded. */
static void test_fix_own_background(void **state)
{
	(void)state;
	struct gen_img im = gen_new(800, 400, 0x1e, 0x6f, 0xd9, 255);
	gen_disc(&im, 400, 200, 150, 255, 255, 255, 255);
	struct waba_photo_fix_done d;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_photo fixed = fix_img(&im, 0, &d, &fs);
	struct waba_strbuf how = WABA_STRBUF_INIT;
	assert_int_equal(fixed.width, 640);
	assert_memory_equal(px(&fixed, 5, 5), "\x1e\x6f\xd9\xff", 4);   /* padding: the photo's blue */
	assert_memory_equal(px(&fixed, 320, 320), "\xff\xff\xff\xff", 4);
	assert_true(d.squared && !d.circle && !d.cropped);
	assert_int_equal(fs.len, 0);
	waba_photo_fix_describe(&how, &d);
	assert_non_null(strstr(waba_strbuf_cstr(&how), "#1e6fd9"));
	waba_strbuf_release(&how);
	waba_findings_release(&fs);
	waba_photo_release(&fixed);
	free(im.px);
}

/* A full-bleed square is padded until nothing is left in the corners the circle cuts off;
 * with --crop it is not, and photo.circle stays. A square photo is not said to be padded. */
static void test_fix_circle(void **state)
{
	(void)state;
	struct gen_img im = gen_new(640, 640, 200, 30, 30, 255);
	gen_rect(&im, 0, 0, 640, 8, 255, 255, 255, 255);
	gen_rect(&im, 0, 632, 640, 640, 255, 255, 255, 255);
	gen_rect(&im, 0, 0, 8, 640, 255, 255, 255, 255);
	gen_rect(&im, 632, 0, 640, 640, 255, 255, 255, 255);
	struct waba_photo_fix_done d;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_photo fixed = fix_img(&im, 0, &d, &fs);
	assert_true(d.circle && !d.squared);
	assert_false(has_finding(&fs, "photo.circle"));
	assert_memory_equal(px(&fixed, 320, 320), "\xc8\x1e\x1e\xff", 4);
	waba_findings_release(&fs);
	waba_photo_release(&fixed);
	fixed = fix_img(&im, 1, &d, &fs);
	assert_true(!d.circle && !d.cropped);
	assert_true(has_finding(&fs, "photo.circle"));
	waba_findings_release(&fs);
	waba_photo_release(&fixed);
	/* a logo inside the circle already: nothing padded */
	struct gen_img logo = gen_new(640, 640, 255, 255, 255, 255);
	gen_disc(&logo, 320, 320, 250, 0, 90, 200, 255);
	struct waba_strbuf how = WABA_STRBUF_INIT;
	fixed = fix_img(&logo, 0, &d, &fs);
	waba_photo_fix_describe(&how, &d);
	assert_true(!d.circle && !d.squared);
	assert_null(strstr(waba_strbuf_cstr(&how), "padded"));
	waba_strbuf_release(&how);
	waba_findings_release(&fs);
	waba_photo_release(&fixed);
	free(im.px), free(logo.px);
}

/* Never scaled up: 300x300 stays 300x300; below photo.min_side it is refused. */
static void test_fix_small(void **state)
{
	(void)state;
	struct gen_img mid = gen_new(300, 300, 255, 255, 255, 255), tiny = gen_new(100, 100, 255, 255, 255, 255);
	gen_disc(&mid, 150, 150, 100, 0, 90, 200, 255);
	struct waba_photo_fix_done d;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_photo fixed = fix_img(&mid, 0, &d, &fs);
	assert_int_equal(fixed.width, 300);
	assert_int_equal(d.side, 300);
	assert_true(has_finding(&fs, "photo.recommended_size"));
	waba_findings_release(&fs);
	waba_photo_release(&fixed);
	struct gen_buf b = gen_png(&tiny, PNG_COLOR_TYPE_RGB, 8, 0);
	struct waba_photo p = decode(b);
	struct waba_photo_fix_options o;
	struct waba_strbuf png = WABA_STRBUF_INIT;
	waba_photo_fix_defaults(&o, test_checklist());
	assert_true(waba_photo_fixable(&p, &o, test_checklist()) < 0);
	assert_non_null(strstr(waba_error_last(), "100x100"));
	assert_true(waba_photo_fix(&png, &fixed, NULL, &p, &o, "out.png", test_checklist()) < 0);
	assert_int_equal(png.len, 0);
	waba_photo_release(&fixed);
	waba_photo_release(&p);
	waba_strbuf_release(&png);
	free(b.data), free(mid.px), free(tiny.px);
}

/* Upscaling is filtered, not nearest-neighbour: a hard edge gets intermediate values. */
static void test_no_blocks(void **state)
{
	(void)state;
	struct gen_img im = gen_new(200, 200, 255, 255, 255, 255);
	gen_rect(&im, 0, 0, 100, 200, 0, 0, 0, 255);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
	struct waba_photo p = decode(b);
	unsigned char *out = malloc(640 * 640 * 4);
	waba_photo_resample_rgba(out, 640, 640, p.rgba, p.gw, p.gh);
	int between = 0;
	for (unsigned x = 300; x < 340; x++) {
		unsigned v = out[(320 * 640 + x) * 4];
		between += v > 20 && v < 235;
	}
	assert_true(between >= 2);
	assert_int_equal(out[(320 * 640 + 100) * 4], 0);
	assert_int_equal(out[(320 * 640 + 540) * 4], 255);
	free(out);
	waba_photo_release(&p);
	free(b.data), free(im.px);
}

static void test_preview(void **state)
{
	(void)state;
	struct gen_img im = gen_new(640, 640, 0, 200, 0, 255);
	struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
	struct waba_photo p = decode(b);
	unsigned char *out = NULL;
	static const unsigned char black[3] = { 0, 0, 0 };
	waba_photo_preview_rgba(&out, &p, black, 200);
	assert_int_equal(out[3], 0);                            /* corner: outside the circle */
	assert_int_equal(out[(100 * 200 + 100) * 4 + 3], 255);  /* centre */
	assert_int_equal(out[(100 * 200 + 100) * 4 + 1], 200);
	unsigned edge = 0; /* the rim is anti-aliased: partly covered pixels all around */
	for (size_t i = 0; i < 200 * 200; i++)
		edge += out[i * 4 + 3] > 0 && out[i * 4 + 3] < 255;
	assert_in_range(edge, 300, 1200);
	free(out);
	waba_photo_release(&p);
	free(b.data), free(im.px);
}

static void test_parse_color(void **state)
{
	static const struct { const char *s; int ok; unsigned char rgb[3]; } rows[] = {
		{ "#ffffff", 0, { 255, 255, 255 } }, { "1e6fd9", 0, { 0x1e, 0x6f, 0xd9 } }, { "#0f0", 0, { 0, 255, 0 } },
		{ "black", 0, { 0, 0, 0 } }, { "#12345", -1, { 0 } }, { "red", -1, { 0 } }, { "#gggggg", -1, { 0 } },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		unsigned char c[3];
		assert_int_equal(waba_photo_parse_color(rows[i].s, c), rows[i].ok);
		if (rows[i].ok == 0)
			assert_memory_equal(c, rows[i].rgb, 3);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_shapes),      cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_ancillary_crc),   cmocka_unit_test(test_huge_header),
		cmocka_unit_test(test_exif_orientation), cmocka_unit_test(test_area_average),
		cmocka_unit_test(test_sniff),           cmocka_unit_test(test_checks),
		cmocka_unit_test(test_circle_message),  cmocka_unit_test(test_fix),
		cmocka_unit_test(test_fix_own_background), cmocka_unit_test(test_fix_circle),
		cmocka_unit_test(test_fix_small),
		cmocka_unit_test(test_no_blocks),       cmocka_unit_test(test_preview),
		cmocka_unit_test(test_parse_color),     cmocka_unit_test(test_file_stream),
		cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
