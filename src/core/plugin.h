/*
 * plugin.h: the plugins (waba-net.so, waba-xml.so) hand the program a table of the
 * library functions it uses; this opens one on first use, once per process, from any
 * thread.
 */
#ifndef WABA_PLUGIN_H
#define WABA_PLUGIN_H

/* A plugin's table lists the library's names with an X-macro: each member is the address of
 * the function or variable of that name (struct waba_xmllib, struct waba_editlib). */
#define WABA_PLUGIN_MEMBER(name) __typeof__(name) *name;
#define WABA_PLUGIN_ADDRESS(name) .name = &name,

struct waba_plugin {
	const char *file;    /* in waba_data_dir(WABA_DATA_PLUGINS): "waba-xml.so" */
	const char *symbol;  /* its one function, which returns the table */
	int version;         /* the table's first member, an int, must hold this */
	const char *failure; /* N_() format with two %s: the plugin's path and why */
	const void *table;   /* set once opened */
};

/*
 * The plugin's table, the plugin opened on the first call. When it cannot be opened (a
 * broken install), the program prints the failure on stderr and exits 2. The plugin is
 * never closed: its libraries keep global state until exit.
 */
const void *waba_plugin_table(struct waba_plugin *p);

#endif
