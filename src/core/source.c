/* source.c: read an input file with a size cap; byte offset -> line:column. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/confine.h"
#include "waba/i18n.h"
#include "waba/source.h"
#include "waba/status.h"
#include "waba/strbuf.h"
#include "waba/text.h"

static int read_stream(FILE *f, const char *name, size_t cap, struct waba_strbuf *sb)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sb->len + n > cap)
			return waba_error_set(WABA_EIO, _("'%s' is larger than %zu MiB"), name, cap >> 20);
		waba_strbuf_add(sb, chunk, n);
	}
	if (ferror(f))
		return waba_error_set(WABA_EIO, _("cannot read '%s': %s"), name, strerror(errno));
	return 0;
}

/* A regular file of known size: one buffer of that size, read() with no stdio buffer in
 * between (lint reads thousands of small files); a read that brings the size fstat()
 * gave, short of the room asked for, is the end of the file (no second read to see 0).
 * Other files: read as a stream. */
static int read_fd(int fd, const char *name, size_t size, size_t cap, struct waba_strbuf *sb)
{
	waba_strbuf_grow(sb, size + 1);
	for (;;) {
		if (sb->len == sb->cap - 1)
			waba_strbuf_grow(sb, 65536);
		ssize_t n = read(fd, sb->buf + sb->len, sb->cap - 1 - sb->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return waba_error_set(WABA_EIO, _("cannot read '%s': %s"), name, strerror(errno));
		if (n == 0)
			break;
		if (sb->len + (size_t)n > cap) /* the file grew past the cap while being read */
			return waba_error_set(WABA_EIO, _("'%s' is larger than %zu MiB"), name, cap >> 20);
		size_t asked = sb->cap - 1 - sb->len;
		sb->len += (size_t)n;
		if (sb->len == size && (size_t)n < asked)
			break;
	}
	sb->buf[sb->len] = '\0';
	return 0;
}

/* Read the open file `fd` (closed here) named `name`; st: its status, or NULL to ask fstat(). */
static int read_open(int fd, const struct stat *known_st, const char *name, size_t cap, struct waba_strbuf *sb)
{
	struct stat st;
	int err = 0;
	int known = known_st ? (st = *known_st, 1) : fstat(fd, &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		err = waba_error_set(WABA_EIO, _("cannot read '%s': it is a directory"), name);
	} else if (known && S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > cap)
			err = waba_error_set(WABA_EIO, _("'%s' is larger than %zu MiB"), name, cap >> 20);
		else
			err = read_fd(fd, name, (size_t)st.st_size, cap, sb);
	} else {
		FILE *f = fdopen(fd, "rb");
		if (!f) {
			err = waba_error_set(WABA_EIO, _("cannot read '%s': %s"), name, strerror(errno));
		} else {
			err = read_stream(f, name, cap, sb);
			fclose(f);
			fd = -1;
		}
	}
	if (fd >= 0)
		close(fd);
	return err;
}

static int finish_read(struct waba_source *out, struct waba_strbuf *sb, int err, const char *name)
{
	if (err) {
		waba_strbuf_release(sb);
		return err;
	}
	out->len = sb->len;
	out->data = waba_strbuf_detach(sb);
	out->name = waba_xstrdup(name);
	return 0;
}

static char *stdin_name; /* what "-" is called; NULL: "<stdin>" */

void waba_source_set_stdin_name(const char *name)
{
	free(stdin_name);
	stdin_name = name && *name ? waba_xstrdup(name) : NULL;
}

const char *waba_source_stdin_name(void)
{
	return stdin_name ? stdin_name : "<stdin>";
}

int waba_source_read(struct waba_source *out, const char *path, size_t cap)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	struct waba_source init = WABA_SOURCE_INIT;
	int is_stdin = strcmp(path, "-") == 0;
	int err = 0;

	*out = init;
	if (is_stdin) {
		err = read_stream(stdin, path, cap, &sb);
	} else {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return waba_error_set(errno == ENOENT ? WABA_ENOTFOUND : WABA_EIO, _("cannot open '%s': %s"),
			                      path, strerror(errno));
		err = read_open(fd, NULL, path, cap, &sb);
	}
	return finish_read(out, &sb, err, is_stdin ? waba_source_stdin_name() : path);
}

int waba_source_read_inside(struct waba_source *out, const char *path, const char *root, const char *named_by, size_t cap)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	struct waba_source init = WABA_SOURCE_INIT;
	int fd, err;
	struct stat st;

	*out = init;
	if ((err = waba_open_regular_stat(path, root, named_by, &fd, &st)) < 0)
		return err;
	err = read_open(fd, &st, path, cap, &sb);
	return finish_read(out, &sb, err, path);
}

void waba_source_from_mem(struct waba_source *out, const char *name, const char *data, size_t len)
{
	struct waba_source init = WABA_SOURCE_INIT;
	*out = init;
	out->name = waba_xstrdup(name);
	out->data = waba_xstrndup(data, len);
	out->len = len;
}

static void build_index(struct waba_source *src)
{
	size_t cap = src->len / 32 + 16; /* one pass: grown when the lines are shorter */
	const char *d = src->data, *end = d + src->len, *p;
	src->line_starts = waba_xmalloc(cap * sizeof(size_t));
	src->line_starts[0] = 0;
	src->nlines = 1;
	for (p = d; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		if (src->nlines == cap) {
			cap *= 2;
			src->line_starts = waba_xrealloc(src->line_starts, cap * sizeof(size_t));
		}
		src->line_starts[src->nlines++] = (size_t)(p - d) + 1;
	}
	if (cap - src->nlines > 4096) /* a big file's table takes no more than it holds */
		src->line_starts = waba_xrealloc(src->line_starts, src->nlines * sizeof(size_t));
}

/* Code points before `offset`: a table per CP_BLOCK bytes, then at most a block counted. */
#define CP_BLOCK ((size_t)1024)
static size_t code_points_before(struct waba_source *src, size_t offset)
{
	if (!src->cp_blocks) {
		size_t n = src->len / CP_BLOCK + 1;
		src->cp_blocks = waba_xmalloc(n * sizeof(size_t));
		src->cp_blocks[0] = 0;
		for (size_t k = 1; k < n; k++)
			src->cp_blocks[k] = src->cp_blocks[k - 1] +
			                    waba_utf8_length(src->data + (k - 1) * CP_BLOCK, CP_BLOCK);
	}
	size_t k = offset / CP_BLOCK;
	return src->cp_blocks[k] + waba_utf8_length(src->data + k * CP_BLOCK, offset - k * CP_BLOCK);
}

/* The index (0-based) of the line holding `offset` (at most src->len), from the line table. */
static size_t line_index(struct waba_source *src, size_t offset)
{
	if (!src->line_starts)
		build_index(src);
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void offset_to_line_col(struct waba_source *src, size_t offset, unsigned *line, unsigned *col)
{
	if (offset > src->len)
		offset = src->len;
	size_t lo = line_index(src, offset), start = src->line_starts[lo];
	*line = (unsigned)(lo + 1);
	if (offset - start <= 2 * CP_BLOCK)
		*col = (unsigned)(waba_utf8_length(src->data + start, offset - start) + 1);
	else /* a long line (minified JSON): not counted from its start for every finding */
		*col = (unsigned)(code_points_before(src, offset) - code_points_before(src, start) + 1);
}

/* Below this offset, a line is counted without building the file's line table. */
#define LINE_COUNT_MAX ((size_t)16384)

unsigned waba_source_line_at(struct waba_source *src, size_t offset)
{
	if (offset > src->len)
		offset = src->len;
	if (!src->line_starts && offset <= LINE_COUNT_MAX) {
		unsigned line = 1;
		const char *p = src->data, *end = src->data + offset;
		while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			line++;
			p++;
		}
		return line;
	}
	return (unsigned)(line_index(src, offset) + 1);
}

void waba_source_index(struct waba_source *src)
{
	if (!src->line_starts)
		build_index(src);
	/* the code-point table serves only lines longer than 2 * CP_BLOCK (minified JSON) */
	for (size_t i = 0; i < src->nlines; i++) {
		size_t end = i + 1 < src->nlines ? src->line_starts[i + 1] : src->len;
		if (end - src->line_starts[i] > 2 * CP_BLOCK) {
			code_points_before(src, 0);
			break;
		}
	}
}

struct waba_loc waba_source_loc(struct waba_source *src, size_t offset)
{
	struct waba_loc loc = WABA_LOC_NONE;
	loc.file = src->name;
	offset_to_line_col(src, offset, &loc.line, &loc.column);
	return loc;
}

struct waba_loc waba_source_span(struct waba_source *src, size_t start, size_t end)
{
	struct waba_loc loc = waba_source_loc(src, start);
	if (end > start)
		offset_to_line_col(src, end, &loc.end_line, &loc.end_column);
	return loc;
}

const char *waba_source_line(struct waba_source *src, unsigned line, size_t *len)
{
	if (!src->line_starts)
		build_index(src);
	if (line == 0 || line > src->nlines) {
		*len = 0;
		return "";
	}
	size_t start = src->line_starts[line - 1];
	size_t end = line < src->nlines ? src->line_starts[line] - 1 : src->len;
	if (end > start && src->data[end - 1] == '\r')
		end--;
	*len = end - start;
	return src->data + start;
}

void waba_source_release(struct waba_source *src)
{
	free(src->name);
	free(src->data);
	free(src->line_starts);
	free(src->cp_blocks);
	src->name = src->data = NULL;
	src->line_starts = NULL;
	src->cp_blocks = NULL;
	src->len = src->nlines = 0;
}
