/*
 * xmllib.c: waba-xml.so (libxml2, core/xmllib.h), opened on first use.
 */
#include "core/xmllib.h"
#include "waba/i18n.h"

WABA_PLUGIN_OPENER(xmllib, "waba-xml.so", WABA_XMLLIB_VERSION,
                   N_("cannot load the XML plugin %s (%s): reinstall waba-preflight"))
