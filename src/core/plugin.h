/*
 * plugin.h: the plugins (waba-net.so, waba-xml.so, waba-edit.so, waba-image.so) hand the
 * program a table of the library functions it uses; this opens one on first use, once per
 * process, from any thread. (waba-phone.so, older, has its own loader: parse/phone_plugin.c.)
 */
#ifndef WABA_PLUGIN_H
#define WABA_PLUGIN_H

/* A plugin's table lists the library's names with an X-macro: each member is the address of
 * the function or variable of that name (struct waba_xmllib, struct waba_editlib). */
#define WABA_PLUGIN_MEMBER(name) __typeof__(name) *name;
#define WABA_PLUGIN_ADDRESS(name) .name = &name,

/* struct waba_<lib> (a version, then the addresses of NAMES), the plugin's one symbol
 * waba_<lib>_plugin() and the program's accessor waba_<lib>(), which opens the plugin on
 * the first call (WABA_PLUGIN_OPENER) and exits 2 when it cannot. */
#define WABA_PLUGIN_DECLARE(lib, NAMES)                                           \
	struct waba_##lib {                                                       \
		int version; /* the plugin and the program were built together */ \
		NAMES(WABA_PLUGIN_MEMBER)                                         \
	};                                                                        \
	const struct waba_##lib *waba_##lib##_plugin(void);                       \
	const struct waba_##lib *waba_##lib(void);

/* In the plugin: its table and its one symbol. */
#define WABA_PLUGIN_DEFINE(lib, NAMES, VERSION)                                                                 \
	static const struct waba_##lib waba_##lib##_table = { .version = VERSION, NAMES(WABA_PLUGIN_ADDRESS) }; \
	const struct waba_##lib *waba_##lib##_plugin(void)                                                      \
	{                                                                                                       \
		return &waba_##lib##_table;                                                                     \
	}

/* In the program: waba_<lib>(), opening FILE (FAILURE: an N_() format, core/plugin.c). */
#define WABA_PLUGIN_OPENER(lib, FILE, VERSION, FAILURE)                                                      \
	const struct waba_##lib *waba_##lib(void)                                                            \
	{                                                                                                    \
		static struct waba_plugin plugin = { FILE, "waba_" #lib "_plugin", VERSION, FAILURE, NULL }; \
		return waba_plugin_table(&plugin);                                                           \
	}

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
