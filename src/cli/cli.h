/*
 * cli.h: the command-line front end. The only code that knows argv, stdout, stderr
 * and exit codes.
 *
 * Adding a command:
 *  1. write src/cli/cmd_<name>.c with `int cmd_<name>(int argc, char **argv)`:
 *     an options table with CLI_OPT_COMMON, cli_run_setup(), call the library's
 *     check into run.report, `return cli_run_finish(&run);`
 *  2. declare it below and add a row to the table in main.c;
 *  3. add CLI cases under tests/cli/<name>/ and document it in docs/waba-preflight.1.md.
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>
#include <stdlib.h>
#include "waba/atomic_file.h"
#include "waba/config.h"
#include "waba/waba.h"
#include "opt.h"

/* Exit codes (cli-contract.md). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_FAIL = 2, CLI_EXIT_INTERRUPTED = 130 };

/* Print "waba-preflight: <msg>" on stderr and return 2. */
int cli_fail(const char *fmt, ...) WABA_PRINTF(1, 2);
/* "option --lang: expected one of pt, es, en (got 'GOT')", the languages from
 * waba_i18n_language(); returns 2. */
int cli_fail_lang(const char *got);
/* Print "waba-preflight: warning: <msg>" on stderr. */
void cli_warn(const char *fmt, ...) WABA_PRINTF(1, 2);
/* Print "waba-preflight: <msg>" on stderr, control characters escaped (information). */
void cli_note(const char *fmt, ...) WABA_PRINTF(1, 2);
/* Commands that parse phone numbers load the libphonenumber plugin first: 0, or the
 * reason printed and CLI_EXIT_FAIL. */
int cli_need_phone(void);

/*
 * A report written to a file beside the one on stdout: `--format FORMAT:FILE` (the
 * form of golangci-lint's --out-format and pylint's --output-format; docs/ci.md).
 * Written atomically: a temporary file beside FILE, renamed when the report is whole.
 */
#define CLI_OUTPUTS_MAX 8
struct cli_output {
	const struct waba_reporter *reporter;
	const char *path;                   /* into cli_run.formats */
	struct waba_atomic_file file;       /* open until committed or aborted */
	struct waba_report_options options; /* the run's, without colour */
	void *state;                        /* streaming: the reporter's */
};

/* Everything one command run needs between parsing options and exiting. */
struct cli_run {
	const char *command;
	struct cli_common common;
	struct waba_checklist *checklist;
	struct waba_config config;
	const struct waba_reporter *reporter;
	struct waba_report report;
	struct waba_report_options report_options;
	FILE *out;                     /* where the report goes (stdout) */
	int no_report;                 /* the caller shows the findings itself (the wizard): no report on out */
	int settled;                   /* cli_run_settle() has run */
	struct waba_baseline baseline; /* the configuration's, once cli_run_verdict() loaded it */
	int baseline_loaded;
	struct cli_stream *stream;                  /* the report is written part by part (cli_run_stream), or NULL */
	char *formats;                              /* copy of --format, cut into the outputs' names and files */
	struct cli_output outputs[CLI_OUTPUTS_MAX]; /* reports written to files */
	size_t noutputs;
	int announce;    /* say which configuration and extra checklists are used (text format, not quiet) */
	char *recipient; /* email.recipient as the bundled checklists set it (only --to changes it) */
	char *srcroot, *project_dir; /* report_options' (CI paths), owned */
};

/* Zero a run for `command` (before the options table points into run->common). */
void cli_run_init(struct cli_run *run, const char *command);

/*
 * After options are parsed: set the language, check --format, load the checklists
 * (bundled, config's, --checklist), the configuration. Returns 0, or an exit code
 * (2) after printing the reason.
 */
int cli_run_setup(struct cli_run *run);

/*
 * Make the report's findings final with waba_findings_settle() (checklist overrides,
 * the configuration's rules and ignores, the baseline and its unused entries); with
 * --update-baseline, write the baseline first. Runs once; a command that decides on the
 * findings before reporting (email) calls it first.
 * Returns 0, or an exit code (2) after printing the reason.
 */
int cli_run_settle(struct cli_run *run);

/*
 * The verdict of this run (checklists, configuration, and its baseline, loaded on the
 * first call), for a command that settles findings of its own (the wizard after each
 * answer). Returns 0, or an exit code (2) after printing the reason.
 */
int cli_run_verdict(struct cli_run *run, struct waba_verdict *v);

/*
 * Settle the findings (if not yet), sort, write the report with the chosen reporter
 * (when streaming: the last part and the end), and return the exit code (0/1/2).
 */
int cli_run_finish(struct cli_run *run);

/*
 * Streaming, for a command over many files (lint), so that memory does not grow with
 * their number. After cli_run_setup(), cli_run_stream() starts writing the report
 * part by part when the reporter can (report.h) and nothing needs every finding at
 * once (--update-baseline); otherwise the run stays on the whole-report path and the
 * calls below change nothing. The caller promises that the files come in the order
 * their findings sort (waba_findings_sort: by file name), each file once, and that
 * every finding of a file names that file. After each file, cli_run_flush() settles
 * its findings (checklist and configuration severities, rules turned off, the
 * baseline), sorts them and hands them with the file's items to the reporter;
 * cli_run_finish() adds the notes of unused baseline entries where they sort and ends
 * the report. The output is the whole-report path's, byte for byte. Both return 0, or
 * an exit code after printing the reason.
 */
int cli_run_stream(struct cli_run *run);
int cli_run_flush(struct cli_run *run);
/* May one file's part be flushed in pieces, item by item (the report streams and has no
 * baseline: parts that continue a file, report.h)? */
int cli_run_flush_within(const struct cli_run *run);

void cli_run_release(struct cli_run *run);

/* Returned by cli_run_parse() when the command should go on. */
#define CLI_CONTINUE (-1)

/*
 * Parse the command's options (opts, with CLI_OPT_COMMON spliced in) and handle
 * --help and --version. Returns CLI_CONTINUE with the positional arguments in *args
 * (free args->v), or an exit code after printing (0 for help, 2 for bad usage) with
 * args->v already freed.
 */
int cli_run_parse(struct cli_run *run, const struct cli_opt *opts, int argc, char **argv, struct cli_strlist *args,
                  const char *synopsis, const char *summary);

/* Standard --help / --version handling; returns 1 when it printed and the command should exit 0. */
int cli_handle_help(struct cli_run *run, const char *synopsis, const char *summary, const struct cli_opt *opts);

/* Is path ignored by the configuration? (Commands that take files call this.) */
int cli_ignored(const struct cli_run *run, const char *path);

/* The commands. */
/* The command table (main.c): name, entry point, one-line summary (N_() marked; with
 * `values`, it holds "%s or %s", filled as an option's help is: cli_opt.values). */
struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *(*values)(size_t i);
};
const struct cli_cmd *cli_commands(size_t *n);
/* The command's summary in the person's language, its list filled in (free it). */
char *cli_cmd_summary(const struct cli_cmd *cmd);
/* The shells `completion` writes a script for (its table), i-th or NULL after the last. */
const char *cli_completion_shell(size_t i);

int cmd_completion(int argc, char **argv);
int cmd_wizard(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_business(int argc, char **argv);
int cmd_phone(int argc, char **argv);
int cmd_photo(int argc, char **argv);
int cmd_name(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_email(int argc, char **argv);

/* What `email` does, with real parameters: cmd_email() and the wizard call it. */
struct cli_email_opts {
	const char *output; /* where the message goes; NULL: request.eml, "-": standard output */
	const char *send;   /* smtp://HOST:PORT or smtps://HOST:PORT to deliver it, or NULL */
	const char *to;     /* the recipient; NULL: Botmaker's, from the bundled checklists */
	int force;          /* build it while errors remain (the body lists them) */
	int typed;          /* the person typed the paths and the URL in the wizard: the paths are not confined
	                     * to the application's folder, and messages name no command-line option */
	int written, sent;  /* out: the message was written now; it was delivered too */
};
/*
 * Check APPLICATION and build the request from it (write it, send it): `run` has its
 * options parsed (cli_run_init, the common options: language, quiet, format...); this
 * sets it up, reports, and releases it. Returns the exit code.
 */
int cli_email(struct cli_run *run, const char *app_path, struct cli_email_opts *o);
int cmd_rules(int argc, char **argv);
int cmd_webhook(int argc, char **argv);

/* The bundled checklists in compiled form, generated at build time (tools/checklist_compile.c). */
extern const unsigned char waba_bundled_checklists[];
extern const size_t waba_bundled_checklists_len;

#endif
