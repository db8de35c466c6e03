/*
 * netlib.c: waba-net.so (libcurl and OpenSSL, net/netlib.h), opened on first use.
 */
#include "core/plugin.h"
#include "net/netlib.h"
#include "waba/i18n.h"

WABA_PLUGIN_OPENER(netlib, "waba-net.so", WABA_NETLIB_VERSION,
                   N_("cannot load the network plugin %s (%s): reinstall waba-preflight"))
