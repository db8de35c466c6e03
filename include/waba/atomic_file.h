/*
 * atomic_file.h: write a file so that readers see the old content or the new one,
 * never half of it: write a temporary file beside it, fsync, rename over.
 */
#ifndef WABA_ATOMIC_FILE_H
#define WABA_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

/* Write `len` bytes to `path` atomically with permissions `mode` less the umask (0666 for
 * ordinary outputs, 0600 for personal data); the temporary file is 0600 and removed on failure.
 * @return 0, or WABA_EIO with the reason. */
int waba_atomic_write(const char *path, const void *data, size_t len, int mode);

struct waba_atomic_file {
	FILE *fp;   /* write here */
	char *path; /* final name */
	char *tmp;  /* temporary name */
};

/* Open a temporary file beside `path`. @return 0, or WABA_EIO. */
int waba_atomic_open(struct waba_atomic_file *af, const char *path, int mode);
/* Flush, fsync and rename into place; releases af. @return 0, or WABA_EIO (temp removed). */
int waba_atomic_commit(struct waba_atomic_file *af);
/* Remove the temporary file; releases af. */
void waba_atomic_abort(struct waba_atomic_file *af);

#endif
