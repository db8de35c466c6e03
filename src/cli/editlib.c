/*
 * editlib.c: waba-edit.so (libedit, cli/editlib.h), opened on first use.
 */
#include "cli/editlib.h"
#include "core/plugin.h"
#include "waba/i18n.h"

static struct waba_plugin plugin = { "waba-edit.so", "waba_editlib_plugin", WABA_EDITLIB_VERSION,
	                             N_("cannot load the line-editing plugin %s (%s): reinstall waba-preflight"), NULL };

const struct waba_editlib *waba_editlib(void)
{
	return waba_plugin_table(&plugin);
}
