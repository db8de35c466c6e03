/*
 * phone_shim.h: the C face of libphonenumber (phone_shim.cc is the only C++ in the
 * tree). One call parses a number and returns every fact the phone checks need, in
 * plain C types; nothing of C++ (objects, exceptions) crosses this line.
 */
#ifndef WABA_PHONE_SHIM_H
#define WABA_PHONE_SHIM_H

#include "waba/phone.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parse `text` (UTF-8, at most a few hundred bytes: the caller caps it) with
 * `default_region` ("BR", or NULL/"" for none: then the text needs a leading +).
 * Fills *out, but for what `flags` (WABA_PHONE_PARSE_*, phone.h) leaves out; returns
 * out->parse_error. (Named apart from the first version, which took no flags, so that a
 * stale plugin fails to load instead of being called wrongly.)
 */
int waba_phone_shim_parse_with(const char *text, const char *default_region, unsigned flags,
                               struct waba_phone_facts *out);

/* 1 when `region` is a region libphonenumber knows ("BR", "AR"; upper case). */
int waba_phone_shim_region_known(const char *region);

/*
 * The same two calls from C, through the plugin (phone_plugin.c: the shim is built as
 * waba-phone.so and opened on first use). Without the plugin, parsing reports
 * WABA_PHONE_ERR_INTERNAL and no region is known; commands check waba_phone_plugin_load()
 * first and stop with its reason.
 */
int waba_phone_call_parse(const char *text, const char *default_region, unsigned flags, struct waba_phone_facts *out);
int waba_phone_call_region_known(const char *region);

#ifdef __cplusplus
}
#endif

#endif
