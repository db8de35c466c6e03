/*
 * plugin.c: opening a plugin that hands over a table of functions (core/plugin.h).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/plugin.h"
#include "waba/i18n.h"
#include "waba/paths.h"

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

static const void *plugin_open(const struct waba_plugin *p)
{
	char path[4096];
	const void *(*get)(void) = NULL;
	snprintf(path, sizeof(path), "%s/%s", waba_data_dir(WABA_DATA_PLUGINS), p->file);
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	const char *why = h ? NULL : dlerror();
	if (h)
		*(void **)&get = dlsym(h, p->symbol); /* POSIX: a function pointer travels through void * */
	const void *table = get ? get() : NULL;
	if (table && *(const int *)table == p->version)
		return table;
	fprintf(stderr, "waba-preflight: ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fprintf(stderr, _(p->failure), path, why ? why : p->symbol);
#pragma GCC diagnostic pop
	fputc('\n', stderr);
	(void)dlerror(); /* frees the C library's copy of the message, kept until the next call */
	exit(2);
}

const void *waba_plugin_table(struct waba_plugin *p)
{
	const void *t = __atomic_load_n(&p->table, __ATOMIC_ACQUIRE);
	if (t)
		return t;
	pthread_mutex_lock(&open_lock);
	if (!p->table)
		__atomic_store_n(&p->table, plugin_open(p), __ATOMIC_RELEASE);
	pthread_mutex_unlock(&open_lock);
	return p->table;
}
