/*
 * imagelib.c: waba-image.so (libpng and libjpeg-turbo, core/imagelib.h), opened on first use.
 */
#include "core/imagelib.h"
#include "waba/i18n.h"

WABA_PLUGIN_OPENER(imagelib, "waba-image.so", WABA_IMAGELIB_VERSION,
                   N_("cannot load the image plugin %s (%s): reinstall waba-preflight"))
