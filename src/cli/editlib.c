/*
 * editlib.c: waba-edit.so (libedit, cli/editlib.h), opened on first use.
 */
#include "cli/editlib.h"
#include "waba/i18n.h"

WABA_PLUGIN_OPENER(editlib, "waba-edit.so", WABA_EDITLIB_VERSION,
                   N_("cannot load the line-editing plugin %s (%s): reinstall waba-preflight"))
