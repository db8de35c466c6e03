/* version.c */
#include "waba/waba.h"

const char *waba_version(void)
{
	return WABA_VERSION_STRING;
}

const char *waba_version_long(void)
{
	/* "0.2.0", or "0.2.0 (v0.1.0-42-g1234abc)" when built from a git checkout */
	return sizeof(WABA_VERSION_DETAIL) > 1 ? WABA_VERSION_STRING " (" WABA_VERSION_DETAIL ")" : WABA_VERSION_STRING;
}
