/*
 * wizard_state.c: the wizard's state file. It is an application file (the format
 * `check` and `email` read, docs/application.md); where to resume is kept in it too,
 * as answers.wizard_steps (the steps finished), which the checks ignore. It is rewritten atomically after every answer, with
 * SIGINT/SIGTERM/SIGHUP held off during the write, so an interruption leaves the old
 * file or the new one, never half of one. Two wizards cannot edit one state file at once:
 * the first holds an flock on ".NAME.lock" beside it, which says its process ID.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wizard.h"

#define STEPS_KEY "wizard_steps"
#define STATE_MAX (4u << 20) /* a state file over 4 MiB is not ours */

int wiz_state_load(struct wiz_state *st, const char *path, int *existed)
{
	struct waba_source src = WABA_SOURCE_INIT;
	struct stat sb;
	int err;

	st->path = path;
	st->root = NULL;
	*existed = 0;
	if (stat(path, &sb) != 0 && errno == ENOENT) {
		st->root = cJSON_CreateObject();
		return 0;
	}
	if ((err = waba_source_read(&src, path, STATE_MAX)) < 0)
		return err;
	size_t i = 0;
	while (i < src.len && (src.data[i] == ' ' || src.data[i] == '\n' || src.data[i] == '\r' || src.data[i] == '\t'))
		i++;
	if (i == src.len) {
		waba_source_release(&src);
		st->root = cJSON_CreateObject();
		return 0;
	}
	st->root = cJSON_ParseWithLength(src.data, src.len);
	waba_source_release(&src);
	if (!cJSON_IsObject(st->root)) {
		cJSON_Delete(st->root);
		st->root = NULL;
		return waba_error_set(WABA_ERROR,
		                      _("'%s' is not an application file (a JSON object); "
		                        "move it away or choose another with --state"),
		                      path);
	}
	*existed = 1;
	return 0;
}

int wiz_state_save(const struct wiz_state *st)
{
	sigset_t block, old;
	char *text = cJSON_Print(st->root);
	int err;

	if (!text)
		return waba_error_set(WABA_ENOMEM, "%s", _("out of memory"));
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_adds(&sb, text);
	waba_strbuf_addc(&sb, '\n');
	err = waba_atomic_write(st->path, sb.buf, sb.len, 0600);
	waba_strbuf_release(&sb);
	sigprocmask(SIG_SETMASK, &old, NULL);
	cJSON_free(text);
	return err;
}

/* ".NAME.lock" in the folder of `path`. Caller frees. */
static char *lock_path_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return waba_xasprintf(".%s.lock", path);
	return waba_xasprintf("%.*s/.%s.lock", (int)(slash - path), path, slash + 1);
}

/* The process ID written in a lock file someone else holds, or 0. */
static long lock_holder(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	long pid = strtol(buf, NULL, 10);
	return pid > 0 ? pid : 0;
}

int wiz_state_lock(struct wiz_state *st, const char *path)
{
	char *lock = lock_path_of(path);
	int err = 0;
	st->lock_fd = -1;
	for (int attempt = 0; attempt < 5; attempt++) {
		/* O_NOFOLLOW: a link planted in a shared folder is not written through */
		int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
		if (fd < 0) {
			err = waba_error_set(WABA_EIO, _("cannot create the lock file '%s': %s"), lock, strerror(errno));
			break;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			long pid = errno == EWOULDBLOCK ? lock_holder(fd) : 0;
			if (errno != EWOULDBLOCK)
				err = waba_error_set(WABA_EIO, _("cannot lock '%s': %s"), lock, strerror(errno));
			else if (pid)
				err = waba_error_set(WABA_ERROR,
				                     _("the answers in '%s' are open in another wizard (process %ld); "
				                       "finish or stop that one first"),
				                     path, pid);
			else
				err = waba_error_set(WABA_ERROR,
				                     _("the answers in '%s' are open in another wizard; "
				                       "finish or stop that one first"),
				                     path);
			close(fd);
			break;
		}
		/* the wizard that held it may have removed it meanwhile: hold the one on disk */
		struct stat held, now;
		if (fstat(fd, &held) == 0 && lstat(lock, &now) == 0 && held.st_dev == now.st_dev &&
		    held.st_ino == now.st_ino) {
			char pid[32];
			int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
			if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
				/* the lock holds without the process ID; a second wizard just cannot name us */
			}
			st->lock_fd = fd;
			st->lock_path = lock;
			return 0;
		}
		close(fd);
	}
	free(lock);
	return err ? err : waba_error_set(WABA_EIO, _("cannot lock '%s'"), path);
}

void wiz_state_release(struct wiz_state *st)
{
	cJSON_Delete(st->root);
	st->root = NULL;
	if (st->lock_fd >= 0) {
		unlink(st->lock_path); /* while still held: a wizard waiting on it re-checks (above) */
		close(st->lock_fd);
		st->lock_fd = -1;
	}
	free(st->lock_path);
	st->lock_path = NULL;
}

cJSON *wiz_state_obj(struct wiz_state *st, const char *key)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(st->root, key);
	if (cJSON_IsObject(o))
		return o;
	cJSON_DeleteItemFromObjectCaseSensitive(st->root, key);
	return cJSON_AddObjectToObject(st->root, key);
}

const char *wiz_state_str(const struct wiz_state *st, const char *obj, const char *key)
{
	const cJSON *o = obj ? cJSON_GetObjectItemCaseSensitive(st->root, obj) : st->root;
	const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

void wiz_state_set_str(struct wiz_state *st, const char *obj, const char *key, const char *value)
{
	cJSON *o = obj ? wiz_state_obj(st, obj) : st->root;
	cJSON_DeleteItemFromObjectCaseSensitive(o, key);
	if (value && *value)
		cJSON_AddStringToObject(o, key, value);
}

static cJSON *done_list(const struct wiz_state *st)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(st->root, "answers");
	cJSON *done = cJSON_IsObject(w) ? cJSON_GetObjectItemCaseSensitive(w, STEPS_KEY) : NULL;
	return cJSON_IsArray(done) ? done : NULL;
}

int wiz_state_done(const struct wiz_state *st, const char *id)
{
	const cJSON *v;
	cJSON_ArrayForEach(v, done_list(st)) if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0) return 1;
	return 0;
}

void wiz_state_mark_done(struct wiz_state *st, const char *id)
{
	cJSON *done = done_list(st);
	if (wiz_state_done(st, id))
		return;
	if (!done) {
		cJSON *w = wiz_state_obj(st, "answers");
		cJSON_DeleteItemFromObjectCaseSensitive(w, STEPS_KEY);
		done = cJSON_AddArrayToObject(w, STEPS_KEY);
	}
	cJSON_AddItemToArray(done, cJSON_CreateString(id));
}

void wiz_state_forget_steps(struct wiz_state *st)
{
	cJSON *w = cJSON_GetObjectItemCaseSensitive(st->root, "answers");
	if (cJSON_IsObject(w))
		cJSON_DeleteItemFromObjectCaseSensitive(w, STEPS_KEY);
}
