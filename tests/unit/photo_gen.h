/*
 * photo_gen.h: build test images in code (header-only, shared by tests/unit/test_photo.c
 * and tests/photo/make_photos.c): an RGBA canvas with rectangles and discs, written as
 * PNG (gray, gray+alpha, RGB, RGBA, palette with tRNS; 8 or 16 bits; Adam7 or not) with
 * libpng, or as JPEG (baseline or progressive, gray or colour, optional EXIF orientation)
 * with libjpeg. Everything to memory; the caller frees.
 */
#ifndef TEST_PHOTO_GEN_H
#define TEST_PHOTO_GEN_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include <jpeglib.h>

struct gen_img {
	unsigned w, h;
	unsigned char *px; /* RGBA */
};

static inline struct gen_img gen_new(unsigned w, unsigned h, unsigned r, unsigned g, unsigned b, unsigned a)
{
	struct gen_img im = { w, h, malloc((size_t)w * h * 4) };
	for (size_t i = 0; i < (size_t)w * h; i++)
		im.px[i * 4] = (unsigned char)r, im.px[i * 4 + 1] = (unsigned char)g, im.px[i * 4 + 2] = (unsigned char)b,
		im.px[i * 4 + 3] = (unsigned char)a;
	return im;
}

static inline void gen_rect(struct gen_img *im, unsigned x0, unsigned y0, unsigned x1, unsigned y1, unsigned r,
                            unsigned g, unsigned b, unsigned a)
{
	for (unsigned y = y0; y < y1 && y < im->h; y++)
		for (unsigned x = x0; x < x1 && x < im->w; x++) {
			unsigned char *p = im->px + ((size_t)y * im->w + x) * 4;
			p[0] = (unsigned char)r, p[1] = (unsigned char)g, p[2] = (unsigned char)b, p[3] = (unsigned char)a;
		}
}

static inline void gen_disc(struct gen_img *im, double cx, double cy, double rad, unsigned r, unsigned g, unsigned b,
                            unsigned a)
{
	for (unsigned y = 0; y < im->h; y++)
		for (unsigned x = 0; x < im->w; x++) {
			double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
			if (dx * dx + dy * dy <= rad * rad) {
				unsigned char *p = im->px + ((size_t)y * im->w + x) * 4;
				p[0] = (unsigned char)r, p[1] = (unsigned char)g, p[2] = (unsigned char)b, p[3] = (unsigned char)a;
			}
		}
}

struct gen_buf {
	unsigned char *data;
	size_t len, cap;
};

static inline void gen_png_write(png_structp png, png_bytep d, size_t n)
{
	struct gen_buf *b = png_get_io_ptr(png);
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, d, n);
	b->len += n;
}

static inline void gen_png_flush(png_structp png)
{
	(void)png;
}

/* color_type: PNG_COLOR_TYPE_*; bit_depth 8 or 16 (not palette); interlace 0 or 1. */
static inline struct gen_buf gen_png(const struct gen_img *im, int color_type, int bit_depth, int interlace)
{
	struct gen_buf b = { NULL, 0, 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int ch = color_type == PNG_COLOR_TYPE_GRAY ? 1 : color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
	         : color_type == PNG_COLOR_TYPE_RGB ? 3 : color_type == PNG_COLOR_TYPE_RGB_ALPHA ? 4 : 1;
	int bytes = bit_depth == 16 ? 2 : 1;
	unsigned char *rows = malloc((size_t)im->w * im->h * (size_t)ch * (size_t)bytes);
	png_color pal[256];
	png_byte trns[256];
	int npal = 0, any_trns = 0;
	if (setjmp(png_jmpbuf(png))) {
		fprintf(stderr, "gen_png failed\n");
		abort();
	}
	png_set_write_fn(png, &b, gen_png_write, gen_png_flush);
	png_set_IHDR(png, info, im->w, im->h, bit_depth, color_type, interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	for (size_t i = 0; i < (size_t)im->w * im->h; i++) {
		const unsigned char *p = im->px + i * 4;
		unsigned char *o = rows + i * (size_t)ch * (size_t)bytes;
		unsigned char v[4] = { p[0], p[1], p[2], p[3] };
		if (color_type == PNG_COLOR_TYPE_PALETTE) {
			int k = 0;
			while (k < npal && !(pal[k].red == p[0] && pal[k].green == p[1] && pal[k].blue == p[2] && trns[k] == p[3]))
				k++;
			if (k == npal && npal < 256) {
				pal[npal].red = p[0], pal[npal].green = p[1], pal[npal].blue = p[2], trns[npal] = p[3];
				any_trns |= p[3] != 255;
				npal++;
			}
			o[0] = (unsigned char)(k < 256 ? k : 255);
			continue;
		}
		if (ch <= 2)
			v[0] = (unsigned char)((p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000), v[1] = p[3];
		for (int c = 0; c < ch; c++) {
			if (bytes == 2)
				o[c * 2] = v[c], o[c * 2 + 1] = v[c];
			else
				o[c] = v[c];
		}
	}
	if (color_type == PNG_COLOR_TYPE_PALETTE) {
		png_set_PLTE(png, info, pal, npal ? npal : 1);
		if (any_trns)
			png_set_tRNS(png, info, trns, npal, NULL);
	}
	png_write_info(png, info);
	int passes = png_set_interlace_handling(png);
	for (int pass = 0; pass < passes; pass++)
		for (unsigned y = 0; y < im->h; y++)
			png_write_row(png, rows + (size_t)y * im->w * (size_t)ch * (size_t)bytes);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(rows);
	return b;
}

/* orientation 0: no EXIF; 1..8: an APP1 Exif segment with tag 0x0112. */
static inline struct gen_buf gen_jpeg(const struct gen_img *im, int quality, int gray, int progressive, int orientation)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr err;
	unsigned char *mem = NULL;
	unsigned long len = 0;
	ci.err = jpeg_std_error(&err);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &len);
	ci.image_width = im->w, ci.image_height = im->h;
	ci.input_components = 3, ci.in_color_space = JCS_RGB;
	jpeg_set_defaults(&ci);
	if (gray)
		jpeg_set_colorspace(&ci, JCS_GRAYSCALE);
	jpeg_set_quality(&ci, quality, TRUE);
	if (progressive)
		jpeg_simple_progression(&ci);
	jpeg_start_compress(&ci, TRUE);
	if (orientation) {
		/* "Exif\0\0" + little-endian TIFF header + IFD0 with one entry: 0x0112 SHORT 1 */
		unsigned char exif[] = { 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
		                         0x12, 0x01, 3, 0, 1, 0, 0, 0, (unsigned char)orientation, 0, 0, 0, 0, 0, 0, 0 };
		jpeg_write_marker(&ci, JPEG_APP0 + 1, exif, sizeof(exif));
	}
	unsigned char *row = malloc((size_t)im->w * 3);
	while (ci.next_scanline < ci.image_height) {
		const unsigned char *p = im->px + (size_t)ci.next_scanline * im->w * 4;
		for (unsigned x = 0; x < im->w; x++)
			memcpy(row + x * 3, p + x * 4, 3);
		JSAMPROW r[1] = { row };
		jpeg_write_scanlines(&ci, r, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	free(row);
	struct gen_buf b = { mem, len, len };
	return b;
}

#endif
