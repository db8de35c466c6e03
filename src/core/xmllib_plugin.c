/*
 * xmllib_plugin.c: waba-xml.so, the one piece linked with libxml2. It hands the program a
 * table of the libxml2 functions it uses (core/xmllib.h); core/xmllib.c opens it on first
 * use, so only what reads or writes XML loads libxml2 and the libraries under it.
 */
#define WABA_XMLLIB_PLUGIN 1
#include "core/xmllib.h"

/* xmlFree is a variable holding libxml2's deallocator (or, in some builds, a macro over a
 * per-thread one): called, not copied. */
static void xml_free(void *p)
{
	xmlFree(p);
}

static const struct waba_xmllib table = { .version = WABA_XMLLIB_VERSION,
	                                  .free = xml_free,
	                                  WABA_XMLLIB_FUNCTIONS(WABA_PLUGIN_ADDRESS) };

const struct waba_xmllib *waba_xmllib_plugin(void)
{
	return &table;
}
