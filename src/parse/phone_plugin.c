/*
 * phone_plugin.c: libphonenumber (with ICU, protobuf, abseil and boost: about 40 shared
 * libraries) is loaded only by the commands that parse phone numbers. The C++ shim
 * (phone_shim.cc) is built as a plugin, waba-phone.so, installed in
 * ${libdir}/waba-preflight/ and opened with dlopen() on first use, so every other command
 * (and --version) starts without it.
 *
 * Where it is looked for: waba_data_dir(WABA_DATA_PLUGINS), as the checklists are: relative
 * to the executable (<bindir>/../<libdir>/waba-preflight/, through /proc/self/exe, so a
 * moved prefix or an unpacked package works), then the configured prefix; a binary running
 * from its own build tree (the tests) uses the build tree's copy.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse/phone_shim.h"
#include "waba/i18n.h"
#include "waba/paths.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static int (*shim_parse)(const char *, const char *, unsigned, struct waba_phone_facts *);
static int (*shim_region_known)(const char *);
static int tried;
static char failure[PATH_MAX + 256];

/* Where the plugin should be for this executable (src/core/paths.c). */
static void plugin_path(char *out, size_t size)
{
	snprintf(out, size, "%s/waba-phone.so", waba_data_dir(WABA_DATA_PLUGINS));
}

int waba_phone_plugin_load(void)
{
	if (tried)
		return shim_parse ? 0 : -1;
	tried = 1;
	char path[PATH_MAX];
	plugin_path(path, sizeof(path));
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		snprintf(failure, sizeof(failure),
		         _("cannot load the phone-number plugin %s (%s): reinstall waba-preflight"), path,
		         why ? why : "?");
		return -1;
	}
	/* POSIX: a function pointer travels through void * from dlsym */
	*(void **)&shim_parse = dlsym(h, "waba_phone_shim_parse_with");
	*(void **)&shim_region_known = dlsym(h, "waba_phone_shim_region_known");
	if (!shim_parse || !shim_region_known) {
		shim_parse = NULL;
		shim_region_known = NULL;
		snprintf(failure, sizeof(failure),
		         _("cannot load the phone-number plugin %s (%s): reinstall waba-preflight"), path,
		         "waba_phone_shim_parse_with?");
		return -1; /* never closed: libphonenumber's static objects live until exit */
	}
	return 0;
}

const char *waba_phone_plugin_error(void)
{
	return failure;
}

int waba_phone_call_parse(const char *text, const char *default_region, unsigned flags, struct waba_phone_facts *out)
{
	if (waba_phone_plugin_load() < 0) {
		memset(out, 0, sizeof(*out));
		out->type = WABA_PHONE_UNKNOWN;
		out->parse_error = WABA_PHONE_ERR_INTERNAL;
		return out->parse_error;
	}
	return shim_parse(text, default_region, flags, out);
}

int waba_phone_call_region_known(const char *region)
{
	return waba_phone_plugin_load() == 0 && shim_region_known(region);
}
