/* confine.c: paths named by a file stay inside its folder; only regular files are opened. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/confine.h"
#include "waba/i18n.h"
#include "waba/status.h"
#include "waba/strbuf.h"

/* 1 when the resolved path `real` is `root` or lies below it. */
static int below(const char *root, const char *real)
{
	size_t n = strlen(root);
	if (strcmp(root, "/") == 0)
		return real[0] == '/';
	return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

int waba_path_below(const char *root, const char *real)
{
	return below(root, real);
}

/* The resolved form of `path`. For a path that does not exist (yet), its nearest existing
 * folder resolved (no links left in it), plus the missing names, which cannot be links
 * either, so ".." among them folds lexically. NULL when nothing resolves. */
static char *resolve(const char *path)
{
	char *real = realpath(path, NULL);
	if (real || errno != ENOENT)
		return real;
	char *head = waba_xstrdup(path); /* at least 2 bytes: path is not empty here */
	size_t tail;                     /* path + tail: the names that do not exist */
	for (;;) {
		char *slash = strrchr(head, '/');
		if (!slash) {
			tail = 0;
			strcpy(head, ".");
		} else {
			tail = (size_t)(slash - head) + 1;
			slash[slash == head] = '\0'; /* "/x" -> "/" */
		}
		real = realpath(head, NULL);
		if (real || errno != ENOENT || strcmp(head, ".") == 0 || strcmp(head, "/") == 0)
			break;
	}
	free(head);
	if (!real)
		return NULL;
	const char *missing = path + tail;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_adds(&sb, strcmp(real, "/") == 0 ? "" : real);
	free(real);
	for (const char *seg = missing; *seg;) {
		size_t n = strcspn(seg, "/");
		if (n == 2 && seg[0] == '.' && seg[1] == '.') { /* what is left of it has no links: fold */
			while (sb.len && sb.buf[sb.len - 1] != '/')
				sb.len--;
			if (sb.len)
				sb.len--;
			waba_strbuf_addc(&sb, '\0');
			sb.len--;
		} else if (n && !(n == 1 && seg[0] == '.')) {
			waba_strbuf_addc(&sb, '/');
			waba_strbuf_add(&sb, seg, n);
		}
		seg += n;
		while (*seg == '/')
			seg++;
	}
	if (!sb.len)
		waba_strbuf_addc(&sb, '/');
	return waba_strbuf_detach(&sb);
}

static int outside(const char *path, const char *named_by)
{
	return waba_error_set(WABA_EINVAL,
	                      _("'%s' is outside the folder of '%s': a path written in a file must stay inside "
	                        "that folder (symbolic links included)"),
	                      path, named_by);
}

int waba_path_check_inside(const char *root, const char *path, const char *named_by)
{
	char *rroot = realpath(root, NULL);
	if (!rroot)
		return waba_error_set(errno == ENOENT ? WABA_ENOTFOUND : WABA_EIO, _("cannot open '%s': %s"), root,
		                      strerror(errno));
	char *real = resolve(path);
	int ok = real && below(rroot, real);
	free(real);
	free(rroot);
	return ok ? 0 : outside(path, named_by);
}

/* Is the open file `st` the one at a path inside root? */
static int same_inside(const char *root, const char *path, const struct stat *st)
{
	char *rroot = realpath(root, NULL), *real = realpath(path, NULL);
	struct stat at;
	int ok = rroot && real && below(rroot, real) && stat(real, &at) == 0 && at.st_dev == st->st_dev &&
	         at.st_ino == st->st_ino;
	free(rroot);
	free(real);
	return ok;
}

int waba_open_regular(const char *path, const char *root, const char *named_by, int *fd)
{
	struct stat st;
	return waba_open_regular_stat(path, root, named_by, fd, &st);
}

int waba_open_regular_stat(const char *path, const char *root, const char *named_by, int *fd, struct stat *out)
{
	struct stat st;
	*fd = -1;
	if (root) { /* outside is refused before anything is opened: no word on what exists there */
		int err = waba_path_check_inside(root, path, named_by);
		if (err < 0)
			return err;
	}
	int f = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (f < 0)
		return waba_error_set(errno == ENOENT ? WABA_ENOTFOUND : WABA_EIO, _("cannot open '%s': %s"), path,
		                      strerror(errno));
	if (fstat(f, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(f);
		return waba_error_set(WABA_EIO, _("cannot read '%s': not a regular file"), path);
	}
	if (root && !same_inside(root, path, &st)) {
		close(f);
		return outside(path, named_by);
	}
	/* blocking again: of the flags F_SETFL changes, open() above set only O_NONBLOCK (one
	 * call instead of reading the flags first: lint opens thousands of files) */
	fcntl(f, F_SETFL, 0);
	*out = st;
	*fd = f;
	return 0;
}
