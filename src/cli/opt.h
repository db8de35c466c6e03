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
};

#define CLI_OPT_FLAG(n, d, h)       { CLI_OPT_T_FLAG, n, d, NULL, h }
#define CLI_OPT_STRING(n, d, v, h)  { CLI_OPT_T_STRING, n, d, v, h }
#define CLI_OPT_LIST(n, d, v, h)    { CLI_OPT_T_LIST, n, d, v, h }
#define CLI_OPT_END()               { CLI_OPT_T_END, NULL, NULL, NULL, NULL }

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

#define CLI_OPT_COMMON(c) \
	CLI_OPT_STRING("format", &(c)->format, "FORMAT", N_("text, json, sarif, junit, github or gitlab (default: text); FORMAT:FILE also writes that report to FILE, comma-separated: github,sarif:out.sarif")), \
	CLI_OPT_STRING("lang", &(c)->lang, "LANG", N_("language of messages: pt, es or en (default: from LANG)")), \
	CLI_OPT_LIST("checklist", &(c)->checklists, "FILE", N_("extra or overriding policy data (repeatable)")), \
	CLI_OPT_STRING("config", &(c)->config, "FILE", N_("configuration file (default: .waba-preflight.json, searched upwards)")), \
	CLI_OPT_FLAG("update-baseline", &(c)->update_baseline, N_("write the current findings to the configured baseline")), \
	CLI_OPT_FLAG("strict", &(c)->strict, N_("warnings fail too (exit 1)")), \
	CLI_OPT_FLAG("no-color", &(c)->no_color, N_("no colour (also: NO_COLOR set, or output not a terminal; FORCE_COLOR forces it)")), \
	CLI_OPT_STRING("stdin-filename", &(c)->stdin_filename, "NAME", N_("the name findings give the file read from '-' (standard input)")), \
	CLI_OPT_FLAG("quiet", &(c)->quiet, N_("print findings only, no summary")), \
	CLI_OPT_FLAG("help", &(c)->help, N_("show this help")), \
	CLI_OPT_FLAG("version", &(c)->version, N_("show the version"))

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

/* Print the usage block for `cmd` generated from the table. */
void cli_opt_help(FILE *out, const char *cmd, const char *synopsis, const char *summary,
                  const struct cli_opt *opts);

#endif
