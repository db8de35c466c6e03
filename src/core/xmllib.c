/*
 * xmllib.c: waba-xml.so (libxml2, core/xmllib.h), opened on first use.
 */
#include "core/plugin.h"
#include "core/xmllib.h"
#include "waba/i18n.h"

static struct waba_plugin plugin = { "waba-xml.so", "waba_xmllib_plugin", WABA_XMLLIB_VERSION,
	                             N_("cannot load the XML plugin %s (%s): reinstall waba-preflight"), NULL };

const struct waba_xmllib *waba_xmllib(void)
{
	return waba_plugin_table(&plugin);
}
