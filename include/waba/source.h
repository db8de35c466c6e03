/*
 * source.h: an input file's bytes, its name, and the map from byte offsets to
 * line and column.
 *
 * Parsers record byte offsets only; this module converts them once.
 * Lines and columns count from 1. Columns count Unicode code points (what SARIF
 * calls "unicodeCodePoints"), so "é" is one column; a tab is one column.
 * Invalid UTF-8 bytes count one column each.
 */
#ifndef WABA_SOURCE_H
#define WABA_SOURCE_H

#include <stddef.h>

struct waba_loc {
	const char *file;    /* borrowed from the source; NULL: not from a file */
	unsigned line;       /* 1-based; 0: unknown */
	unsigned column;     /* 1-based, code points; 0: unknown */
	unsigned end_line;   /* 0: same as line */
	unsigned end_column; /* one past the last character; 0: unknown */
};
#define WABA_LOC_NONE ((struct waba_loc){ NULL, 0, 0, 0, 0 })

struct waba_source {
	char *name; /* as given by the user ("-" is shown as "<stdin>", or --stdin-filename) */
	char *data; /* the bytes, NUL-terminated (data[len] == 0) */
	size_t len;
	size_t *line_starts; /* built on first use */
	size_t nlines;
	size_t *cp_blocks; /* code points before each 1 KiB block: columns on long lines; on first use */
};
/* clang-format off */
#define WABA_SOURCE_INIT { NULL, NULL, 0, NULL, 0, NULL }
/* clang-format on */

/* Default cap on what we read of one input file: 64 MiB. */
#define WABA_SOURCE_MAX ((size_t)64 << 20)

/*
 * Read a whole file ("-" reads standard input) of at most `cap` bytes.
 * @return 0; WABA_ENOTFOUND (missing), WABA_EIO (unreadable, a directory, or over
 *         `cap`: the message says which).
 */
int waba_source_read(struct waba_source *out, const char *path, size_t cap);

/*
 * The same for a path named by an untrusted file: only a regular file is opened (never
 * a FIFO or a device), and when `root` is not NULL it must lie inside that folder once
 * symbolic links are resolved (confine.h; `named_by` is the file that named the path).
 * @return 0; WABA_ENOTFOUND, WABA_EIO, WABA_EINVAL (outside `root`).
 */
int waba_source_read_inside(struct waba_source *out, const char *path, const char *root, const char *named_by,
                            size_t cap);

/*
 * The name a source read from "-" gets (default "<stdin>"); the CLI's --stdin-filename,
 * so findings, the template format (.json / .txt) and CI paths use the real file's name.
 * NULL or "" restores the default. The name is copied.
 */
void waba_source_set_stdin_name(const char *name);
const char *waba_source_stdin_name(void);

/* Make a source from memory; the bytes are copied. */
void waba_source_from_mem(struct waba_source *out, const char *name, const char *data, size_t len);

/* Location of the byte at `offset` (clamped to the end). */
struct waba_loc waba_source_loc(struct waba_source *src, size_t offset);
/* Build the tables locations are computed from now instead of on first use: afterwards
 * waba_source_loc(), _span() and _line() only read src, from any number of threads. */
void waba_source_index(struct waba_source *src);

/* Location spanning [start, end) bytes. */
struct waba_loc waba_source_span(struct waba_source *src, size_t start, size_t end);

/* The line (1-based) of the byte at `offset`: what waba_source_loc() gives, without the
 * column; near the start of a file without the line table. */
unsigned waba_source_line_at(struct waba_source *src, size_t offset);

/* The text of line `line` (1-based), without its newline; *len receives its length. */
const char *waba_source_line(struct waba_source *src, unsigned line, size_t *len);

void waba_source_release(struct waba_source *src);

#endif
