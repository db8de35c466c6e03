/* atomic_file.c: temp file beside the target, fsync, rename. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/i18n.h"
#include "waba/atomic_file.h"
#include "waba/status.h"
#include "waba/strbuf.h"

int waba_atomic_open(struct waba_atomic_file *af, const char *path, int mode)
{
	memset(af, 0, sizeof(*af));
	af->path = waba_xstrdup(path);
	/* a short name in the same folder, so a target name near NAME_MAX still fits */
	const char *slash = strrchr(path, '/');
	af->tmp = slash ? waba_xasprintf("%.*s/.waba-XXXXXX", (int)(slash - path), path) : waba_xstrdup(".waba-XXXXXX");
	int fd = mkstemp(af->tmp); /* 0600 while written */
	if (fd < 0) {
		int e = errno;
		free(af->path);
		free(af->tmp);
		memset(af, 0, sizeof(*af));
		return waba_error_set(WABA_EIO, _("cannot write '%s': %s"), path, strerror(e));
	}
	mode_t um = umask(0); /* read the umask: the final mode respects it (0666 & ~umask) */
	umask(um);
	(void)fchmod(fd, (mode_t)mode & ~um);
	af->fp = fdopen(fd, "wb");
	if (!af->fp) {
		close(fd);
		unlink(af->tmp);
		free(af->path);
		free(af->tmp);
		memset(af, 0, sizeof(*af));
		return waba_error_set(WABA_EIO, _("cannot write '%s'"), path);
	}
	return 0;
}

void waba_atomic_abort(struct waba_atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->tmp)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
}

int waba_atomic_commit(struct waba_atomic_file *af)
{
	int err = 0;
	if (fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0)
		err = waba_error_set(WABA_EIO, _("cannot write '%s': %s"), af->path, strerror(errno));
	if (fclose(af->fp) != 0 && !err)
		err = waba_error_set(WABA_EIO, _("cannot write '%s': %s"), af->path, strerror(errno));
	af->fp = NULL;
	if (!err && rename(af->tmp, af->path) != 0)
		err = waba_error_set(WABA_EIO, _("cannot write '%s': %s"), af->path, strerror(errno));
	if (err)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
	return err;
}

int waba_atomic_write(const char *path, const void *data, size_t len, int mode)
{
	struct waba_atomic_file af;
	int err = waba_atomic_open(&af, path, mode);
	if (err)
		return err;
	if (len && fwrite(data, 1, len, af.fp) != len) {
		err = waba_error_set(WABA_EIO, _("cannot write '%s': %s"), path, strerror(errno));
		waba_atomic_abort(&af);
		return err;
	}
	return waba_atomic_commit(&af);
}
