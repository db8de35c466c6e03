/*
 * netlib.c: waba-net.so (libcurl and OpenSSL, net/netlib.h), opened on first use.
 */
#include "core/plugin.h"
#include "net/netlib.h"
#include "waba/i18n.h"

static struct waba_plugin plugin = { "waba-net.so", "waba_netlib_plugin", WABA_NETLIB_VERSION,
	                             N_("cannot load the network plugin %s (%s): reinstall waba-preflight"), NULL };

const struct waba_netlib *waba_netlib(void)
{
	return waba_plugin_table(&plugin);
}
