/*
 * cli_common.c: what every command does around its check: language, checklists,
 * configuration, severity overrides, baseline, reporter, exit code.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "waba/text.h"

/* One line on stderr: valid UTF-8, no control characters, at most WABA_MESSAGE_MAX
 * bytes (a hostile argument is quoted by its two ends; docs/security.md). */
static void print_line(const char *prefix, const char *fmt, va_list ap) WABA_PRINTF(2, 0);
static void print_line(const char *prefix, const char *fmt, va_list ap)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_vaddf(&sb, fmt, ap);
	char *line = waba_text_clean(waba_strbuf_cstr(&sb), sb.len, WABA_CLEAN_CONTROLS, WABA_MESSAGE_MAX);
	fprintf(stderr, "waba-preflight: %s%s\n", prefix, line);
	free(line);
	waba_strbuf_release(&sb);
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_line("", fmt, ap);
	va_end(ap);
	return CLI_EXIT_FAIL;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	char *prefix = waba_xasprintf("%s ", _("warning:"));
	va_start(ap, fmt);
	print_line(prefix, fmt, ap);
	va_end(ap);
	free(prefix);
}

void cli_run_init(struct cli_run *run, const char *command)
{
	struct waba_report report = WABA_REPORT_INIT;
	struct waba_config config = WABA_CONFIG_INIT;
	memset(run, 0, sizeof(*run));
	run->command = command;
	run->report = report;
	run->report.command = command;
	run->config = config;
	run->out = stdout;
}

static int use_color(const struct cli_run *run)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	const char *force = getenv("CLICOLOR_FORCE");
	if (run->common.no_color || (no_color && *no_color))
		return 0;
	if (force && *force && strcmp(force, "0") != 0)
		return 1;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(run->out));
}

int cli_handle_help(struct cli_run *run, const char *synopsis, const char *summary,
                    const struct cli_opt *opts)
{
	if (run->common.lang && waba_i18n_init(run->common.lang) < 0)
		waba_i18n_init(NULL);
	if (run->common.help) {
		if (!run->common.lang)
			waba_i18n_init(NULL);
		cli_opt_help(stdout, run->command, synopsis, summary, opts);
		return 1;
	}
	if (run->common.version) {
		printf("waba-preflight %s\n", waba_version());
		return 1;
	}
	return 0;
}

static int load_checklists(struct cli_run *run)
{
	int err;
	run->checklist = waba_checklist_new();
	if ((err = waba_checklist_load_dir(run->checklist, waba_checklist_default_dir())) < 0)
		return cli_fail("%s", waba_error_last());
	for (size_t i = 0; i < run->config.nchecklists; i++)
		if ((err = waba_checklist_load_file(run->checklist, run->config.checklists[i])) < 0)
			return cli_fail("%s", waba_error_last());
	for (size_t i = 0; i < run->common.checklists.len; i++)
		if ((err = waba_checklist_load_file(run->checklist, run->common.checklists.v[i])) < 0)
			return cli_fail("%s", waba_error_last());
	return 0;
}

static int load_config(struct cli_run *run)
{
	char *path = NULL;
	int err;
	if (run->common.config) {
		path = waba_xstrdup(run->common.config);
	} else {
		if (waba_config_find(&path, ".") < 0)
			return cli_fail("%s", waba_error_last());
	}
	if (!path)
		return 0;
	err = waba_config_load(&run->config, path);
	free(path);
	if (err < 0)
		return cli_fail("%s", waba_error_last());
	return 0;
}

int cli_run_setup(struct cli_run *run)
{
	int rc;
	if (waba_i18n_init(run->common.lang) < 0) {
		waba_i18n_init(NULL);
		return cli_fail(_("option --lang: expected one of pt, es, en (got '%s')"), run->common.lang);
	}
	const char *format = run->common.format ? run->common.format : "text";
	run->reporter = waba_reporter_find(format);
	if (!run->reporter)
		return cli_fail(_("option --format: expected one of text, json, sarif, junit, github, gitlab (got '%s')"),
		                format);
	if ((rc = load_config(run)) != 0)
		return rc;
	if ((rc = load_checklists(run)) != 0)
		return rc;
	run->report_options.color = strcmp(format, "text") == 0 && use_color(run);
	run->report_options.strict = run->common.strict;
	run->report_options.quiet = run->common.quiet;
	run->report_options.lang = waba_i18n_lang();
	const char *summary = getenv("GITHUB_STEP_SUMMARY");
	run->report_options.step_summary_path = summary && *summary ? summary : NULL;
	return 0;
}

int cli_ignored(const struct cli_run *run, const char *path)
{
	return run->config.path && waba_config_ignored(&run->config, path);
}

static void apply_checklist_overrides(struct cli_run *run)
{
	struct waba_findings *fs = &run->report.findings;
	for (size_t i = 0; i < fs->len; i++) {
		enum waba_severity sev;
		if (waba_checklist_rule_severity(run->checklist, fs->v[i].rule->id, &sev) == 0)
			fs->v[i].severity = sev;
	}
}

int cli_run_settle(struct cli_run *run)
{
	struct waba_findings *fs = &run->report.findings;
	struct waba_baseline baseline = WABA_BASELINE_INIT;

	if (run->settled)
		return 0;
	run->settled = 1;
	apply_checklist_overrides(run);
	waba_config_apply(&run->config, fs);
	waba_findings_drop_off(fs);
	if (run->config.baseline) {
		if (run->common.update_baseline) {
			waba_findings_sort(fs);
			if (waba_baseline_write(run->config.baseline, fs) < 0)
				return cli_fail("%s", waba_error_last());
			if (!run->common.quiet)
			{
				fprintf(stderr, "waba-preflight: ");
				fprintf(stderr, _("baseline written to '%s'"), run->config.baseline);
				fputc('\n', stderr);
			}
		}
		if (waba_baseline_load(&baseline, run->config.baseline) < 0)
			return cli_fail("%s", waba_error_last());
		waba_baseline_apply(&baseline, fs);
		waba_baseline_release(&baseline);
	} else if (run->common.update_baseline) {
		return cli_fail("%s", _("--update-baseline needs a \"baseline\" file in the configuration"));
	}
	return 0;
}

int cli_run_finish(struct cli_run *run)
{
	struct waba_findings *fs = &run->report.findings;
	int err;

	if ((err = cli_run_settle(run)) != 0)
		return err;
	waba_findings_sort(fs);
	err = run->reporter->write(run->out, &run->report, &run->report_options);
	if (err == 0 && fflush(run->out) != 0)
		err = waba_error_set(WABA_EIO, "%s", _("cannot write the report"));
	if (err < 0)
		return cli_fail("%s", waba_error_last());
	if (waba_findings_count(fs, run->common.strict ? WABA_SEV_WARNING : WABA_SEV_ERROR) > 0)
		return CLI_EXIT_FINDINGS;
	return CLI_EXIT_OK;
}

void cli_run_release(struct cli_run *run)
{
	waba_report_release(&run->report);
	free(run->common.checklists.v); /* the --checklist values (strings borrowed from argv) */
	run->common.checklists.v = NULL;
	run->common.checklists.len = 0;
	waba_checklist_free(run->checklist);
	waba_config_release(&run->config);
	run->checklist = NULL;
}
