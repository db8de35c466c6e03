/* status.c: the last-error message (one per thread). */
#include <stdarg.h>
#include <stdio.h>
#include "waba/status.h"

static _Thread_local char last_error[1024];

int waba_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return code;
}

const char *waba_error_last(void)
{
	return last_error;
}

void waba_error_clear(void)
{
	last_error[0] = '\0';
}
