/*
 * editlib_plugin.c: waba-edit.so, the one piece linked with libedit. It hands the program
 * the addresses of the readline functions and variables the wizard uses (cli/editlib.h);
 * cli/editlib.c opens it on first use, so only the wizard loads libedit.
 */
#define WABA_EDITLIB_PLUGIN 1
#include "cli/editlib.h"

WABA_PLUGIN_DEFINE(editlib, WABA_EDITLIB_NAMES, WABA_EDITLIB_VERSION)
