/*
 * imagelib_plugin.c: waba-image.so, the one piece linked with libpng and libjpeg-turbo. It
 * hands the program the addresses of the functions it uses (core/imagelib.h); core/imagelib.c
 * opens it on first use, so only what decodes or writes a photo loads them.
 */
#define WABA_IMAGELIB_PLUGIN 1
#include "core/imagelib.h"

WABA_PLUGIN_DEFINE(imagelib, WABA_IMAGELIB_NAMES, WABA_IMAGELIB_VERSION)
