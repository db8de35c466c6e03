/*
 * make_photos.c: write the photo fixtures, the example logo and the benchmark images,
 * all drawn in code (tests/unit/photo_gen.h).
 *
 *   make_photos cli DIR       the CLI case inputs (tests/cli/photo/<case>/...)
 *   make_photos example FILE  examples/photo.png: a 640x640 logo
 *   make_photos bench DIR     bench-4000.png and bench-8000.png (RGB, noisy gradient)
 */
#include <stdint.h>
#include <zlib.h>
#include "../unit/photo_gen.h"

static int put(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

static int put_buf(const char *dir, const char *name, struct gen_buf b)
{
	int rc = put(dir, name, b.data, b.len);
	free(b.data);
	return rc;
}

/* The example logo: a blue disc with a white "speech bubble" ring, inside the circle. */
static struct gen_img logo(unsigned side)
{
	struct gen_img im = gen_new(side, side, 255, 255, 255, 255);
	double c = side / 2.0;
	gen_disc(&im, c, c, side * 0.42, 0x1e, 0x6f, 0xd9, 255);
	gen_disc(&im, c, c, side * 0.30, 255, 255, 255, 255);
	gen_disc(&im, c, c, side * 0.22, 0x25, 0xd3, 0x66, 255);
	gen_rect(&im, (unsigned)(c - side * 0.12), (unsigned)(c - side * 0.03), (unsigned)(c + side * 0.12),
	         (unsigned)(c + side * 0.03), 255, 255, 255, 255);
	return im;
}

static int cli(const char *dir)
{
	int rc = 0;
	struct gen_img ok = logo(640), small = logo(128), mid = logo(300);
	struct gen_img wide = gen_new(900, 600, 255, 255, 255, 255);
	gen_disc(&wide, 450, 300, 200, 200, 30, 30, 255);
	struct gen_img full = gen_new(640, 640, 200, 30, 30, 255); /* a full-bleed red square with a white border */
	gen_rect(&full, 0, 0, 640, 8, 255, 255, 255, 255);
	gen_rect(&full, 0, 632, 640, 640, 255, 255, 255, 255);
	gen_rect(&full, 0, 0, 8, 640, 255, 255, 255, 255);
	gen_rect(&full, 632, 0, 640, 640, 255, 255, 255, 255);
	struct gen_img alpha = gen_new(640, 640, 0, 0, 0, 0);
	gen_disc(&alpha, 320, 320, 250, 20, 20, 20, 255);
	struct gen_img rot = gen_new(600, 400, 255, 255, 255, 255); /* shown 400x600 with orientation 6 */
	gen_disc(&rot, 300, 200, 150, 0, 90, 200, 255);

	rc |= put_buf(dir, "ok.png", gen_png(&ok, PNG_COLOR_TYPE_RGB, 8, 0));
	rc |= put_buf(dir, "ok.jpg", gen_jpeg(&ok, 85, 0, 0, 0));
	rc |= put_buf(dir, "small.png", gen_png(&small, PNG_COLOR_TYPE_RGB, 8, 0));
	rc |= put_buf(dir, "mid.png", gen_png(&mid, PNG_COLOR_TYPE_PALETTE, 8, 0));
	rc |= put_buf(dir, "wide.jpg", gen_jpeg(&wide, 85, 0, 1, 0));
	rc |= put_buf(dir, "full.png", gen_png(&full, PNG_COLOR_TYPE_RGB, 8, 0));
	rc |= put_buf(dir, "alpha.png", gen_png(&alpha, PNG_COLOR_TYPE_RGB_ALPHA, 8, 0));
	rc |= put_buf(dir, "interlaced16.png", gen_png(&ok, PNG_COLOR_TYPE_RGB, 16, 1));
	rc |= put_buf(dir, "gray.png", gen_png(&ok, PNG_COLOR_TYPE_GRAY, 8, 0));
	rc |= put_buf(dir, "rot6.jpg", gen_jpeg(&rot, 85, 0, 0, 6));
	/* damaged copies of ok.png */
	struct gen_buf b = gen_png(&ok, PNG_COLOR_TYPE_RGB, 8, 0);
	rc |= put(dir, "truncated.png", b.data, b.len / 2);
	b.data[b.len - 13] ^= 0x55; /* the last IDAT CRC byte (IEND is the last 12 bytes) */
	rc |= put(dir, "badcrc.png", b.data, b.len);
	free(b.data);
	b = gen_jpeg(&ok, 85, 0, 0, 0);
	rc |= put(dir, "truncated.jpg", b.data, b.len / 2);
	free(b.data);
	/* a header that claims 100000x100000 (IHDR with a valid CRC, then nothing useful) */
	struct gen_img one = gen_new(1, 1, 0, 0, 0, 255);
	b = gen_png(&one, PNG_COLOR_TYPE_RGB, 8, 0);
	unsigned char *ih = b.data + 16;
	uint32_t big = 100000;
	for (int i = 0; i < 2; i++)
		ih[i * 4] = (unsigned char)(big >> 24), ih[i * 4 + 1] = (unsigned char)(big >> 16),
		ih[i * 4 + 2] = (unsigned char)(big >> 8), ih[i * 4 + 3] = (unsigned char)big;
	uint32_t crc = (uint32_t)crc32(0, b.data + 12, 17);
	b.data[29] = (unsigned char)(crc >> 24), b.data[30] = (unsigned char)(crc >> 16), b.data[31] = (unsigned char)(crc >> 8),
	b.data[32] = (unsigned char)crc;
	rc |= put(dir, "huge.png", b.data, b.len);
	free(b.data);
	static const char text[] = "this is not a picture\n";
	rc |= put(dir, "text.png", text, sizeof(text) - 1);
	rc |= put(dir, "empty.png", "", 0);
	static const unsigned char gif[] = "GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;";
	rc |= put(dir, "logo.gif", gif, sizeof(gif) - 1);
	free(ok.px), free(small.px), free(mid.px), free(wide.px), free(full.px), free(alpha.px), free(rot.px), free(one.px);
	return rc;
}

static int bench(const char *dir)
{
	static const unsigned sides[] = { 4000, 8000 };
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		unsigned s = sides[i];
		struct gen_img im = gen_new(s, s, 255, 255, 255, 255);
		uint32_t seed = 12345;
		for (unsigned y = 0; y < s; y++)
			for (unsigned x = 0; x < s; x++) {
				unsigned char *p = im.px + ((size_t)y * s + x) * 4;
				seed = seed * 1664525u + 1013904223u;
				p[0] = (unsigned char)(x * 255 / s + (seed >> 28));
				p[1] = (unsigned char)(y * 255 / s + (seed >> 29));
				p[2] = (unsigned char)((x + y) * 127 / s);
			}
		char name[64];
		snprintf(name, sizeof(name), "bench-%u.png", s);
		rc |= put_buf(dir, name, gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0));
		free(im.px);
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "cli") == 0)
		return cli(argv[2]);
	if (argc == 3 && strcmp(argv[1], "bench") == 0)
		return bench(argv[2]);
	if (argc == 3 && strcmp(argv[1], "example") == 0) {
		struct gen_img im = logo(640);
		struct gen_buf b = gen_png(&im, PNG_COLOR_TYPE_RGB, 8, 0);
		FILE *f = fopen(argv[2], "wb");
		int rc = !f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0;
		free(b.data), free(im.px);
		return rc;
	}
	fprintf(stderr, "usage: make_photos cli DIR | example FILE | bench DIR\n");
	return 2;
}
