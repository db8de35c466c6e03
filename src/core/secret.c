/*
 * secret.c: reading, checking and wiping the secrets the program is given; the one
 * place for what the Graph API client and the webhook probe used to do each (secret.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/i18n.h"
#include "waba/secret.h"
#include "waba/status.h"
#include "waba/strbuf.h"

void waba_secret_free(char *secret)
{
	if (secret) {
		explicit_bzero(secret, strlen(secret));
		free(secret);
	}
}

int waba_secret_check(const char *secret, const char *what, const struct waba_secret_rules *r)
{
	size_t n = strlen(secret);
	if (n == 0)
		return waba_error_set(WABA_EINVAL, _("the %s is empty"), what);
	if (n > r->max)
		return waba_error_set(WABA_EINVAL, _("the %s is longer than %d bytes"), what, (int)r->max);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)secret[i];
		if (r->chars == WABA_SECRET_ONE_WORD && (c <= 0x20 || c >= 0x7f))
			return waba_error_set(WABA_EINVAL,
			                      _("the %s has a space, line break or non-ASCII byte at position %zu; "
			                        "it must be one word"),
			                      what, i + 1);
		if (c < 0x20 || c == 0x7f)
			return waba_error_set(WABA_EINVAL,
			                      _("the %s has a line break or control character at position %zu; "
			                        "put it alone on one line"),
			                      what, i + 1);
	}
	return 0;
}

int waba_secret_load(char **out, const char *path, const char *what, const struct waba_secret_rules *r,
                     int *group_or_world)
{
	size_t cap = r->max + 2, len = 0;
	char *buf;
	struct stat st;
	int fd, err;

	*out = NULL;
	*group_or_world = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0)
		return waba_error_set(errno == ENOENT ? WABA_ENOTFOUND : WABA_EIO,
		                      _("cannot open the %s file '%s': %s"), what, path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return waba_error_set(WABA_EINVAL, _("the %s file '%s' is not a regular file"), what, path);
	}
	*group_or_world = (st.st_mode & 077) != 0;
	buf = waba_xcalloc(1, cap);
	for (;;) {
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			close(fd);
			explicit_bzero(buf, cap);
			free(buf);
			return waba_error_set(WABA_EIO, _("cannot read the %s file '%s': %s"), what, path, strerror(err));
		}
		if (n == 0 || (len += (size_t)n) == cap - 1)
			break;
	}
	close(fd);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' ' || buf[len - 1] == '\t'))
		buf[--len] = '\0';
	char *where = waba_xasprintf(_("%s in '%s'"), what, path);
	err = waba_secret_check(buf, where, r);
	free(where);
	if (err == 0)
		*out = waba_xstrdup(buf);
	explicit_bzero(buf, cap);
	free(buf);
	return err;
}

int waba_secret_from_env(char **out, const char *name, const char *what, const struct waba_secret_rules *r)
{
	char *env = getenv(name);
	*out = NULL;
	if (!env || !*env)
		return 0;
	char *where = waba_xasprintf(_("%s in %s"), what, name);
	int err = waba_secret_check(env, where, r);
	free(where);
	if (err == 0)
		*out = waba_xstrdup(env);
	explicit_bzero(env, strlen(env));
	unsetenv(name);
	return err;
}

int waba_secret_get(char **out, const char *file, const char *env_name, const char *what,
                    const struct waba_secret_rules *r, int *group_or_world)
{
	*group_or_world = 0;
	if (file)
		return waba_secret_load(out, file, what, r, group_or_world);
	return waba_secret_from_env(out, env_name, what, r);
}
