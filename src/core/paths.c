/*
 * paths.c: locating the data an installed or unpacked copy carries with it.
 * See include/waba/paths.h for the order of the candidates.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/paths.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

const char *waba_exe_dir(void)
{
	static char dir[PATH_MAX];
	static int done;
	if (!done) {
		ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
		dir[n > 0 ? n : 0] = '\0';
		char *slash = strrchr(dir, '/');
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		done = 1;
	}
	return dir;
}

/* Does `dir` lie inside `root` (or equal it)? Both are absolute, without a trailing '/'. */
static int path_within(const char *dir, const char *root)
{
	size_t n = strlen(root);
	return n && strncmp(dir, root, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

struct data_place {
	const char *env;         /* override */
	const char *build;       /* used only from the build tree */
	const char *from_bindir; /* relative to the executable's folder */
	const char *install;     /* the configured prefix */
};

static const struct data_place places[] = {
	[WABA_DATA_CHECKLISTS] = { "WABA_PREFLIGHT_CHECKLISTS", WABA_CHECKLIST_DIR_BUILD,
	                           WABA_CHECKLIST_DIR_FROM_BINDIR, WABA_CHECKLIST_DIR_INSTALL },
	[WABA_DATA_LOCALE] = { "WABA_PREFLIGHT_LOCALEDIR", WABA_LOCALE_DIR_BUILD, WABA_LOCALE_DIR_FROM_BINDIR,
	                       WABA_LOCALE_DIR_INSTALL },
	[WABA_DATA_PLUGINS] = { NULL, WABA_PLUGIN_DIR_BUILD, WABA_PLUGIN_DIR_FROM_BINDIR, WABA_PLUGIN_DIR_INSTALL },
};

const char *waba_data_dir(enum waba_data_kind kind)
{
	static char resolved[sizeof(places) / sizeof(places[0])][PATH_MAX];
	const struct data_place *p = &places[kind];
	char *out = resolved[kind];
	const char *env = p->env ? getenv(p->env) : NULL;

	if (env && *env)
		return env; /* read each time: tests and users may set it late */
	if (*out)
		return out;
	const char *exe = waba_exe_dir();
	if (*exe && path_within(exe, WABA_BUILD_DIR) && is_dir(p->build)) {
		strncpy(out, p->build, PATH_MAX - 1);
		return out;
	}
	if (*exe && strlen(exe) + 1 + strlen(p->from_bindir) < PATH_MAX) {
		char candidate[PATH_MAX];
		strcpy(candidate, exe);
		strcat(candidate, "/");
		strcat(candidate, p->from_bindir);
		char *real = realpath(candidate, NULL);
		if (real && is_dir(real) && strlen(real) < PATH_MAX) {
			strcpy(out, real);
			free(real);
			return out;
		}
		free(real);
	}
	strncpy(out, p->install, PATH_MAX - 1);
	return out;
}
