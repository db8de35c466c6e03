/*
 * status.h: how libwaba reports that it could not do its job.
 *
 * Problems *in the user's input* are findings (finding.h), never status codes.
 * A status code means the library itself failed: out of memory, a file that cannot
 * be opened, a network failure. Functions return 0 (WABA_OK) or one of the negative
 * codes below, and store a one-line message that waba_error_last() returns.
 * Propagate a negative code unchanged; do not re-set or reword the message.
 */
#ifndef WABA_STATUS_H
#define WABA_STATUS_H

#if defined(__GNUC__)
#define WABA_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define WABA_PRINTF(fmt, args)
#endif

enum waba_status {
	WABA_OK = 0,
	WABA_ERROR = -1,     /* anything not listed below */
	WABA_ENOMEM = -2,    /* out of memory */
	WABA_ENOTFOUND = -3, /* a file or a named thing does not exist */
	WABA_EIO = -4,       /* reading or writing failed */
	WABA_ENET = -5,      /* a network, TLS or protocol failure */
	WABA_EINVAL = -6,    /* bad data we own or were told to use (checklist, config) */
	WABA_EAUTH = -7      /* credentials refused */
};

/* Store a message (printf-style) as the last error and return `code`. */
int waba_error_set(int code, const char *fmt, ...) WABA_PRINTF(2, 3);

/* The last error message set in this thread; "" when none. Borrowed. */
const char *waba_error_last(void);

/* Forget the last error message. */
void waba_error_clear(void);

#endif
