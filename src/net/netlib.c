/*
 * netlib.c: opens waba-net.so (libcurl and OpenSSL, net/netlib.h) on first use, once per
 * process, from any thread.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "net/netlib.h"
#include "waba/i18n.h"
#include "waba/paths.h"

static const struct waba_netlib *loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	char path[4096];
	const struct waba_netlib *(*get)(void) = NULL;
	snprintf(path, sizeof(path), "%s/waba-net.so", waba_data_dir(WABA_DATA_PLUGINS));
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	const char *why = h ? NULL : dlerror();
	if (h)
		*(void **)&get = dlsym(h, "waba_netlib_plugin"); /* POSIX: through void * */
	if (get && get()->version == WABA_NETLIB_VERSION) {
		loaded = get();
		return; /* never closed: libcurl and OpenSSL keep global state until exit */
	}
	fprintf(stderr, "waba-preflight: ");
	fprintf(stderr, _("cannot load the network plugin %s (%s): reinstall waba-preflight"), path,
	        why ? why : "waba_netlib_plugin?");
	fputc('\n', stderr);
	exit(2);
}

const struct waba_netlib *waba_netlib(void)
{
	pthread_once(&once, load);
	return loaded;
}
