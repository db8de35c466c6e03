/*
 * photo_floor.c: the floor for bench/photo: decode a PNG with libpng and do nothing
 * else (streamed with png_init_io, CRC errors fatal as in `photo`, one png_read_row
 * per row, png_read_end). `waba-preflight photo` decodes through libpng the same way,
 * so it cannot be faster than this; pngcheck inflates without unfiltering rows.
 * Exit 0 when the image decoded, 1 otherwise.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <png.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: photo_floor FILE.png\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f)
		return 1;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	unsigned char *volatile row = NULL;
	if (setjmp(png_jmpbuf(png))) {
		free(row);
		png_destroy_read_struct(&png, &info, NULL);
		fclose(f);
		return 1;
	}
	png_init_io(png, f);
	png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
	png_read_info(png, info);
	png_uint_32 h = png_get_image_height(png, info);
	row = malloc(png_get_rowbytes(png, info));
	for (png_uint_32 y = 0; y < h; y++)
		png_read_row(png, row, NULL);
	png_read_end(png, NULL);
	free(row);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
	return 0;
}
