/*
 * imagelib.h: libpng and libjpeg-turbo are loaded only by what decodes or writes a photo
 * (parse/photo_probe.c, compose/photo_fix.c: photo, check, email, the wizard). The plugin
 * waba-image.so (core/imagelib_plugin.c, linked with both) hands over the addresses of the
 * functions used; core/imagelib.c opens it on first use (core/plugin.c).
 *
 * A file that uses them includes <png.h>, <jpeglib.h> and <jerror.h>, then this header: the
 * names below then reach the libraries through the table, so the code reads as plain libpng
 * and libjpeg (png_jmpbuf() and jpeg_create_decompress() are macros over names listed
 * here). A name newly used goes in WABA_IMAGELIB_NAMES and gets its #define below.
 */
#ifndef WABA_IMAGELIB_H
#define WABA_IMAGELIB_H

#include <stdio.h>
#include <png.h>
#include <jpeglib.h>
#include <jerror.h>
#include "core/plugin.h"

#define WABA_IMAGELIB_NAMES(X)        \
	X(png_create_read_struct)     \
	X(png_create_write_struct)    \
	X(png_create_info_struct)     \
	X(png_destroy_read_struct)    \
	X(png_destroy_write_struct)   \
	X(png_set_longjmp_fn)         \
	X(png_longjmp)                \
	X(png_error)                  \
	X(png_get_error_ptr)          \
	X(png_get_io_ptr)             \
	X(png_set_read_fn)            \
	X(png_set_write_fn)           \
	X(png_set_user_limits)        \
	X(png_set_chunk_cache_max)    \
	X(png_set_chunk_malloc_max)   \
	X(png_set_crc_action)         \
	X(png_read_info)              \
	X(png_read_update_info)       \
	X(png_read_row)               \
	X(png_read_end)               \
	X(png_get_valid)              \
	X(png_get_rowbytes)           \
	X(png_get_color_type)         \
	X(png_get_channels)           \
	X(png_set_expand)             \
	X(png_set_scale_16)           \
	X(png_set_gray_to_rgb)        \
	X(png_set_interlace_handling) \
	X(png_set_IHDR)               \
	X(png_write_info)             \
	X(png_write_row)              \
	X(png_write_end)              \
	X(jpeg_std_error)             \
	X(jpeg_CreateDecompress)      \
	X(jpeg_destroy_decompress)    \
	X(jpeg_stdio_src)             \
	X(jpeg_mem_src)               \
	X(jpeg_save_markers)          \
	X(jpeg_read_header)           \
	X(jpeg_has_multiple_scans)    \
	X(jpeg_start_decompress)      \
	X(jpeg_read_scanlines)        \
	X(jpeg_finish_decompress)

WABA_PLUGIN_DECLARE(imagelib, WABA_IMAGELIB_NAMES)
#define WABA_IMAGELIB_VERSION 1

#ifndef WABA_IMAGELIB_PLUGIN

/* clang-format off */
#define png_create_read_struct (*waba_imagelib()->png_create_read_struct)
#define png_create_write_struct (*waba_imagelib()->png_create_write_struct)
#define png_create_info_struct (*waba_imagelib()->png_create_info_struct)
#define png_destroy_read_struct (*waba_imagelib()->png_destroy_read_struct)
#define png_destroy_write_struct (*waba_imagelib()->png_destroy_write_struct)
#define png_set_longjmp_fn (*waba_imagelib()->png_set_longjmp_fn)
#define png_longjmp (*waba_imagelib()->png_longjmp)
#define png_error (*waba_imagelib()->png_error)
#define png_get_error_ptr (*waba_imagelib()->png_get_error_ptr)
#define png_get_io_ptr (*waba_imagelib()->png_get_io_ptr)
#define png_set_read_fn (*waba_imagelib()->png_set_read_fn)
#define png_set_write_fn (*waba_imagelib()->png_set_write_fn)
#define png_set_user_limits (*waba_imagelib()->png_set_user_limits)
#define png_set_chunk_cache_max (*waba_imagelib()->png_set_chunk_cache_max)
#define png_set_chunk_malloc_max (*waba_imagelib()->png_set_chunk_malloc_max)
#define png_set_crc_action (*waba_imagelib()->png_set_crc_action)
#define png_read_info (*waba_imagelib()->png_read_info)
#define png_read_update_info (*waba_imagelib()->png_read_update_info)
#define png_read_row (*waba_imagelib()->png_read_row)
#define png_read_end (*waba_imagelib()->png_read_end)
#define png_get_valid (*waba_imagelib()->png_get_valid)
#define png_get_rowbytes (*waba_imagelib()->png_get_rowbytes)
#define png_get_color_type (*waba_imagelib()->png_get_color_type)
#define png_get_channels (*waba_imagelib()->png_get_channels)
#define png_set_expand (*waba_imagelib()->png_set_expand)
#define png_set_scale_16 (*waba_imagelib()->png_set_scale_16)
#define png_set_gray_to_rgb (*waba_imagelib()->png_set_gray_to_rgb)
#define png_set_interlace_handling (*waba_imagelib()->png_set_interlace_handling)
#define png_set_IHDR (*waba_imagelib()->png_set_IHDR)
#define png_write_info (*waba_imagelib()->png_write_info)
#define png_write_row (*waba_imagelib()->png_write_row)
#define png_write_end (*waba_imagelib()->png_write_end)
#define jpeg_std_error (*waba_imagelib()->jpeg_std_error)
#define jpeg_CreateDecompress (*waba_imagelib()->jpeg_CreateDecompress)
#define jpeg_destroy_decompress (*waba_imagelib()->jpeg_destroy_decompress)
#define jpeg_stdio_src (*waba_imagelib()->jpeg_stdio_src)
#define jpeg_mem_src (*waba_imagelib()->jpeg_mem_src)
#define jpeg_save_markers (*waba_imagelib()->jpeg_save_markers)
#define jpeg_read_header (*waba_imagelib()->jpeg_read_header)
#define jpeg_has_multiple_scans (*waba_imagelib()->jpeg_has_multiple_scans)
#define jpeg_start_decompress (*waba_imagelib()->jpeg_start_decompress)
#define jpeg_read_scanlines (*waba_imagelib()->jpeg_read_scanlines)
#define jpeg_finish_decompress (*waba_imagelib()->jpeg_finish_decompress)
/* clang-format on */
#endif

#endif
