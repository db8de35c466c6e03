/*
 * opt.h: table-driven option parsing for the sub-commands.
 *
 * Each command declares its options in a table; the common ones are spliced in by
 * CLI_OPT_COMMON(). `--name value` and `--name=value` are accepted, `--` ends the
 * options, and a lone `-` is a positional argument (standard input).
 * --help text is generated from the same table.
 */
#ifndef CLI_OPT_H
#define CLI_OPT_H

#include <stdio.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"

enum cli_opt_type { CLI_OPT_T_END, CLI_OPT_T_FLAG, CLI_OPT_T_STRING, CLI_OPT_T_LIST };

struct cli_strlist {
	char **v; /* borrowed from argv */
	size_t len;
};

struct cli_opt {
	enum cli_opt_type type;
	const char *name;       /* long name without "--" */
	void *dest;             /* int*, const char**, or struct cli_strlist* */
	const char *value_name; /* "FILE" */
	const char *help;       /* N_() marked */
	/* The values the option takes, i-th or NULL after the last; when set, the help holds
	 * "%s or %s" (all the values but the last, comma-separated, and the last), filled in
	 * from the data (the reporter table, the languages) instead of typed again. */
	const char *(*values)(size_t i);
};

/* clang-format off */
#define CLI_OPT_FLAG(n, d, h)       { CLI_OPT_T_FLAG, n, d, NULL, h, NULL }
#define CLI_OPT_STRING(n, d, v, h)  { CLI_OPT_T_STRING, n, d, v, h, NULL }
#define CLI_OPT_LIST(n, d, v, h)    { CLI_OPT_T_LIST, n, d, v, h, NULL }
#define CLI_OPT_CHOICE(n, d, v, h, values) { CLI_OPT_T_STRING, n, d, v, h, values }
#define CLI_OPT_END()               { CLI_OPT_T_END, NULL, NULL, NULL, NULL, NULL }
/* clang-format on */

/* The options every command takes. */
struct cli_common {
	const char *format;
	const char *lang;
	struct cli_strlist checklists;
	const char *config;
	int strict;
	int no_color;
	int quiet;
	int help;
	int version;
	int update_baseline;
	const char *stdin_filename;
};

/* The report formats of the reporter table (src/report/reporter.c), i-th or NULL. */
const char *cli_format_name(size_t i);

/* clang-format off */
#define CLI_OPT_COMMON(c) \
	/* TRANSLATORS: "%s or %s": the report formats, "text, json, sarif, junit, github, gitlab" and "html" */ \
	CLI_OPT_CHOICE("format", &(c)->format, N_("FORMAT"), N_("%s or %s (default: text); FORMAT:FILE also writes that report to FILE, comma-separated: github,sarif:out.sarif"), cli_format_name), \
	/* TRANSLATORS: "%s or %s": the languages, "pt, es" and "en" */ \
	CLI_OPT_CHOICE("lang", &(c)->lang, N_("LANG"), N_("language of messages: %s or %s (default: from LANG)"), waba_i18n_language), \
	CLI_OPT_LIST("checklist", &(c)->checklists, N_("FILE"), N_("extra or overriding policy data (repeatable)")), \
	CLI_OPT_STRING("config", &(c)->config, N_("FILE"), N_("configuration file (default: .waba-preflight.json, searched upwards)")), \
	CLI_OPT_FLAG("update-baseline", &(c)->update_baseline, N_("write the current findings to the configured baseline")), \
	CLI_OPT_FLAG("strict", &(c)->strict, N_("warnings fail too (exit 1)")), \
	CLI_OPT_FLAG("no-color", &(c)->no_color, N_("no colour (also: NO_COLOR set, or output not a terminal; FORCE_COLOR forces it)")), \
	CLI_OPT_STRING("stdin-filename", &(c)->stdin_filename, N_("NAME"), N_("the name findings give the file read from '-' (standard input)")), \
	CLI_OPT_FLAG("quiet", &(c)->quiet, N_("print findings only, no summary")), \
	CLI_OPT_FLAG("help", &(c)->help, N_("show this help")), \
	CLI_OPT_FLAG("version", &(c)->version, N_("show the version"))
/* clang-format on */

/*
 * Parse argv[1..argc) (argv[0] is the command name). Positional arguments are
 * collected in *positional (the array is allocated; free positional->v).
 * Returns 0, or -1 after printing "waba-preflight CMD: option ..." to stderr.
 */
int cli_opt_parse(const struct cli_opt *opts, int argc, char **argv, struct cli_strlist *positional);

/*
 * Reading the tables without running the commands (shell completions, cmd_completion.c):
 * while cli_opt_capture is set, cli_opt_parse() copies the table it is given into it
 * (dest cleared) and returns -1 at once, printing nothing; the command then returns.
 */
struct cli_opt_capture {
	struct cli_opt *opts; /* n entries, allocated */
	size_t n;
};
extern struct cli_opt_capture *cli_opt_capture;

/* The values of `values` joined by `sep` (", ": "pt, es, en"), appended to sb. */
void cli_values_join(struct waba_strbuf *sb, const char *(*values)(size_t i), const char *sep);

/* The translated help of an option, its list of values filled in (free() it). */
char *cli_opt_help_text(const struct cli_opt *o);
/* `text` (N_() marked) in the person's language; with `values`, its "%s or %s" filled with
 * them (all but the last comma-separated, and the last). Free it. */
char *cli_values_text(const char *text, const char *(*values)(size_t i));

/* Print the usage block for `cmd` generated from the table. */
void cli_opt_help(FILE *out, const char *cmd, const char *synopsis, const char *summary, const struct cli_opt *opts);

#endif
