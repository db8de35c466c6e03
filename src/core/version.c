/* version.c */
#include "waba/waba.h"

const char *waba_version(void)
{
	return WABA_VERSION_STRING;
}
