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

/* The resolved form of `path`; for a path that does not exist, its resolved folder plus
 * its last name (which is then neither "." nor ".."). NULL when neither resolves. */
static char *resolve(const char *path)
{
	char *real = realpath(path, NULL);
	if (real || errno != ENOENT)
		return real;
	const char *slash = strrchr(path, '/');
	const char *last = slash ? slash + 1 : path;
	if (!*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return NULL;
	char *dir = slash ? (slash == path ? waba_xstrdup("/") : waba_xstrndup(path, (size_t)(slash - path)))
	                  : waba_xstrdup(".");
	char *rdir = realpath(dir, NULL);
	free(dir);
	if (!rdir)
		return NULL;
	real = waba_xasprintf("%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, last);
	free(rdir);
	return real;
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
	int fl = fcntl(f, F_GETFL);
	if (fl >= 0)
		fcntl(f, F_SETFL, fl & ~O_NONBLOCK);
	*fd = f;
	return 0;
}
