/*
 * cli_common.c: what every command does around its check: language, checklists,
 * configuration, severity overrides, baseline, reporter, exit code.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "waba/phone.h"
#include "waba/text.h"

/* One line on stderr: valid UTF-8, control characters shown escaped (a file name holding
 * "\n" or ESC prints as \n, \x1b), at most WABA_MESSAGE_MAX bytes before escaping (a
 * hostile argument is quoted by its two ends; docs/security.md). */
static void print_line(const char *prefix, const char *fmt, va_list ap) WABA_PRINTF(2, 0);
static void print_line(const char *prefix, const char *fmt, va_list ap)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_vaddf(&sb, fmt, ap);
	char *line = waba_text_clean(waba_strbuf_cstr(&sb), sb.len, 0, WABA_MESSAGE_MAX);
	waba_strbuf_reset(&sb);
	waba_strbuf_adds(&sb, "waba-preflight: ");
	waba_strbuf_adds(&sb, prefix);
	waba_text_escape_add(&sb, line, strlen(line));
	waba_strbuf_addc(&sb, '\n');
	fputs(waba_strbuf_cstr(&sb), stderr);
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

void cli_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_line("", fmt, ap);
	va_end(ap);
}

int cli_need_phone(void)
{
	return waba_phone_plugin_load() == 0 ? 0 : cli_fail("%s", waba_phone_plugin_error());
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

/* An environment variable that forces colour: set, not empty, not "0" (nor "false"). */
static int env_forces(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0 && strcmp(v, "false") != 0;
}

/*
 * Colour: --no-color, then NO_COLOR (no-color.org: set and not empty), win; then
 * FORCE_COLOR (force-color.org, as Node, pytest and ruff read it) or CLICOLOR_FORCE
 * force it, even into a pipe or a CI log; else TERM=dumb, else a terminal.
 */
static int use_color(const struct cli_run *run)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	if (run->common.no_color || (no_color && *no_color))
		return 0;
	if (env_forces("FORCE_COLOR") || env_forces("CLICOLOR_FORCE"))
		return 1;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(run->out));
}

int cli_handle_help(struct cli_run *run, const char *synopsis, const char *summary, const struct cli_opt *opts)
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
		printf("waba-preflight %s\n", waba_version_long());
		return 1;
	}
	return 0;
}

int cli_run_parse(struct cli_run *run, const struct cli_opt *opts, int argc, char **argv, struct cli_strlist *args,
                  const char *synopsis, const char *summary)
{
	if (cli_opt_parse(opts, argc, argv, args) < 0) {
		free(args->v);
		args->v = NULL;
		return CLI_EXIT_FAIL;
	}
	if (cli_handle_help(run, synopsis, summary, opts)) {
		free(args->v);
		args->v = NULL;
		return CLI_EXIT_OK;
	}
	return CLI_CONTINUE;
}

/* The recipient as the checklists loaded so far set it, or NULL. */
static const char *recipient_of(const struct waba_checklist *cl)
{
	const struct waba_set *rcpt = waba_checklist_set(cl, "email.recipient");
	return rcpt && rcpt->len ? rcpt->items[0].value : NULL;
}

/* Load one extra checklist, say so (text format), and keep the recipient the bundled
 * checklists set: only --to changes where the request goes (docs/security.md). */
static int load_extra(struct cli_run *run, const char *path, int from_config)
{
	if (waba_checklist_load_file(run->checklist, path) < 0)
		return cli_fail("%s", waba_error_last());
	if (run->announce)
		cli_note(from_config ? _("using the checklist '%s' named by the configuration")
		                     : _("using the checklist '%s'"),
		         path);
	const struct waba_set *now = waba_checklist_set(run->checklist, "email.recipient");
	if (run->recipient && (!now || now->len != 1 || strcmp(now->items[0].value, run->recipient) != 0))
		cli_warn(_("the checklist '%s' changes email.recipient: ignored, only --to changes the recipient"), path);
	return 0;
}

static int load_checklists(struct cli_run *run)
{
	int err;
	run->checklist = waba_checklist_new();
	if ((err = waba_checklist_load_dir(run->checklist, waba_checklist_default_dir())) < 0)
		return cli_fail("%s", waba_error_last());
	const char *rcpt = recipient_of(run->checklist);
	run->recipient = rcpt ? waba_xstrdup(rcpt) : NULL;
	for (size_t i = 0; i < run->config.nchecklists; i++)
		if ((err = load_extra(run, run->config.checklists[i], 1)) != 0)
			return err;
	for (size_t i = 0; i < run->common.checklists.len; i++)
		if ((err = load_extra(run, run->common.checklists.v[i], 0)) != 0)
			return err;
	/* every value the checks look up is there, or nothing runs (no silent default) */
	if (waba_checklist_check_needs(run->checklist, waba_checklist_default_dir()) < 0)
		return cli_fail("%s", waba_error_last());
	return 0;
}

static int load_config(struct cli_run *run)
{
	char *path = NULL, *refused = NULL;
	int err;
	if (run->common.config) {
		path = waba_xstrdup(run->common.config);
	} else {
		if (waba_config_find_safe(&path, &refused, ".") < 0)
			return cli_fail("%s", waba_error_last());
		if (refused)
			cli_warn("%s", refused);
		free(refused);
	}
	if (!path)
		return 0;
	err = waba_config_load(&run->config, path);
	if (err == 0 && run->announce)
		cli_note(_("using the configuration '%s'"), path);
	free(path);
	if (err < 0)
		return cli_fail("%s", waba_error_last());
	return 0;
}

const char *cli_format_name(size_t i)
{
	const struct waba_reporter *const *r = waba_reporters();
	for (size_t k = 0; r[k]; k++)
		if (k == i)
			return r[k]->name;
	return NULL;
}

/*
 * --format: "FORMAT" or a comma-separated list of FORMAT and FORMAT:FILE. One report
 * goes to stdout (the one without a file, or text); each FORMAT:FILE is also written to
 * FILE ("-" is stdout).
 */
static int parse_formats(struct cli_run *run)
{
	char *tok, *save = NULL;
	run->formats = waba_xstrdup(run->common.format ? run->common.format : "text");
	run->reporter = NULL;
	for (tok = strtok_r(run->formats, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *path = strchr(tok, ':');
		const struct waba_reporter *rep;
		if (path)
			*path++ = '\0';
		rep = waba_reporter_find(tok);
		if (!rep) {
			struct waba_strbuf names = WABA_STRBUF_INIT;
			cli_values_join(&names, cli_format_name, ", ");
			int rc = cli_fail(_("option --format: expected one of %s (got '%s')"), waba_strbuf_cstr(&names),
			                  tok);
			waba_strbuf_release(&names);
			return rc;
		}
		if (path && !*path)
			return cli_fail(_("option --format: no file after '%s:' (FORMAT:FILE writes that report to FILE)"),
			                tok);
		if (!path || strcmp(path, "-") == 0) {
			if (run->reporter)
				return cli_fail("%s", _("option --format: only one report can go to standard output; "
				                        "give the others a file (FORMAT:FILE)"));
			run->reporter = rep;
			continue;
		}
		for (size_t i = 0; i < run->noutputs; i++)
			if (strcmp(run->outputs[i].path, path) == 0)
				return cli_fail(_("option --format: two reports would be written to '%s'"), path);
		if (run->noutputs == CLI_OUTPUTS_MAX)
			return cli_fail(_("option --format: at most %d reports can be written to files"),
			                CLI_OUTPUTS_MAX);
		run->outputs[run->noutputs].reporter = rep;
		run->outputs[run->noutputs].path = path;
		run->noutputs++;
	}
	if (!run->reporter)
		run->reporter = waba_reporter_find("text");
	return 0;
}

/*
 * The roots CI paths are relative to: SARIF's %SRCROOT%, the repository (the nearest
 * folder upwards holding .git, a folder or a worktree's file; else the current folder),
 * and GitLab's project (CI_PROJECT_DIR, else the current folder). Absolute, symbolic
 * links resolved, as the paths compared with them (waba_path_relative_to).
 */
static void find_roots(struct cli_run *run)
{
	char *cwd = getcwd(NULL, 0), *dir;
	const char *project = getenv("CI_PROJECT_DIR");
	struct stat st;
	if (!cwd)
		return;
	dir = realpath(cwd, NULL);
	free(cwd);
	if (!dir)
		return;
	for (size_t n = strlen(dir); !run->srcroot;) {
		char *git = waba_xasprintf("%.*s/.git", (int)n, dir);
		if (lstat(git, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
			run->srcroot = n ? waba_xstrndup(dir, n) : waba_xstrdup("/");
		free(git);
		while (n > 0 && dir[n - 1] != '/')
			n--;
		if (n <= 1)
			break;
		n--; /* the slash */
	}
	if (!run->srcroot)
		run->srcroot = waba_xstrdup(dir);
	run->project_dir = project && *project ? realpath(project, NULL) : NULL;
	if (!run->project_dir)
		run->project_dir = waba_xstrdup(dir);
	free(dir);
	run->report_options.srcroot = run->srcroot;
	run->report_options.project_dir = run->project_dir;
}

/* Open the temporary files of the reports written to files. */
static int open_outputs(struct cli_run *run)
{
	for (size_t i = 0; i < run->noutputs; i++) {
		struct cli_output *o = &run->outputs[i];
		o->options = run->report_options;
		o->options.color = 0;
		if (waba_atomic_open(&o->file, o->path, 0666) < 0)
			return cli_fail("%s", waba_error_last());
	}
	return 0;
}

int cli_fail_lang(const char *got)
{
	struct waba_strbuf names = WABA_STRBUF_INIT;
	cli_values_join(&names, waba_i18n_language, ", ");
	int rc = cli_fail(_("option --lang: expected one of %s (got '%s')"), waba_strbuf_cstr(&names), got);
	waba_strbuf_release(&names);
	return rc;
}

int cli_run_setup(struct cli_run *run)
{
	int rc;
	if (waba_i18n_init(run->common.lang) < 0) {
		waba_i18n_init(NULL);
		return cli_fail_lang(run->common.lang);
	}
	if ((rc = parse_formats(run)) != 0)
		return rc;
	if (run->common.stdin_filename) {
		const char *n = run->common.stdin_filename;
		if (!*n || !waba_text_is_clean(n, strlen(n), WABA_CLEAN_CONTROLS, 0))
			return cli_fail("%s",
			                _("option --stdin-filename: give a file name (valid UTF-8, no control characters)"));
		waba_source_set_stdin_name(n);
	}
	run->announce = strcmp(run->reporter->name, "text") == 0 && !run->common.quiet;
	if ((rc = load_config(run)) != 0)
		return rc;
	if ((rc = load_checklists(run)) != 0)
		return rc;
	/* a reporter that shows the items' views (html) has the checks attach them */
	run->report.views = run->reporter->views;
	for (size_t i = 0; i < run->noutputs; i++)
		run->report.views |= run->outputs[i].reporter->views;
	run->report_options.color = strcmp(run->reporter->name, "text") == 0 && use_color(run);
	run->report_options.strict = run->common.strict;
	run->report_options.quiet = run->common.quiet;
	run->report_options.lang = waba_i18n_lang();
	const char *summary = getenv("GITHUB_STEP_SUMMARY");
	run->report_options.step_summary_path = summary && *summary ? summary : NULL;
	find_roots(run);
	return open_outputs(run);
}

int cli_ignored(const struct cli_run *run, const char *path)
{
	return run->config.path && waba_config_ignored(&run->config, path);
}

int cli_run_verdict(struct cli_run *run, struct waba_verdict *v)
{
	if (run->config.baseline && !run->baseline_loaded) {
		if (waba_baseline_load(&run->baseline, run->config.baseline) < 0)
			return cli_fail("%s", waba_error_last());
		run->baseline_loaded = 1;
	}
	v->checklist = run->checklist;
	v->config = &run->config;
	v->baseline = run->baseline_loaded ? &run->baseline : NULL;
	return 0;
}

int cli_run_settle(struct cli_run *run)
{
	struct waba_findings *fs = &run->report.findings;
	struct waba_baseline baseline = WABA_BASELINE_INIT;
	struct waba_verdict v = { run->checklist, &run->config, NULL };
	int rc;

	if (run->settled)
		return 0;
	run->settled = 1;
	if (run->common.update_baseline) {
		if (!run->config.baseline)
			return cli_fail("%s", _("--update-baseline needs a \"baseline\" file in the configuration"));
		/* only a baseline is replaced: never a file of another kind that a config names */
		if (access(run->config.baseline, F_OK) == 0 && waba_baseline_load(&baseline, run->config.baseline) < 0)
			return cli_fail(_("--update-baseline does not replace '%s': it is not a baseline (%s)"),
			                run->config.baseline, waba_error_last());
		waba_baseline_release(&baseline);
		waba_findings_settle(fs, &v, 0); /* the severities final, every finding still there */
		waba_findings_sort(fs);
		if (waba_baseline_write(run->config.baseline, fs) < 0)
			return cli_fail("%s", waba_error_last());
		if (!run->common.quiet)
			cli_note(_("baseline written to '%s'"), run->config.baseline);
	}
	if ((rc = cli_run_verdict(run, &v)) != 0)
		return rc;
	waba_findings_settle(fs, &v, WABA_SETTLE_UNUSED);
	return 0;
}

/* ---- streaming ------------------------------------------------------------------------ */

/*
 * The notes of unused baseline entries name the baseline file, so they sort among the
 * template files by that name, yet they are known only after the last file. While
 * entries are unused, the parts from the baseline's place on are held back in a
 * temporary file (serialised below) and written after the notes, at the end.
 */
struct cli_stream {
	void *state;                   /* the reporter's */
	struct waba_baseline baseline; /* loaded when the configuration names one */
	int has_baseline;
	size_t unused;      /* baseline entries not matched yet */
	char *baseline_key; /* the file of the notes, as findings name it */
	FILE *held;         /* parts held back, or NULL */
	size_t nheld;
	size_t failing; /* findings at the severity that fails the run */
	int err;        /* the first error writing the report */
};

static int failing(const struct cli_run *run)
{
	return run->common.strict ? WABA_SEV_WARNING : WABA_SEV_ERROR;
}

/* Start over an output whose streaming was given up: end its reporter, empty its file. */
static void output_restart(struct cli_run *run, struct cli_output *o)
{
	if (o->state)
		o->reporter->end(o->state, &run->report);
	o->state = NULL;
	if (o->file.fp) {
		fflush(o->file.fp);
		if (ftruncate(fileno(o->file.fp), 0) != 0 || fseek(o->file.fp, 0, SEEK_SET) != 0)
			clearerr(o->file.fp); /* the whole-report path then finds the error writing */
	}
}

int cli_run_stream(struct cli_run *run)
{
	struct cli_stream *s;
	if (run->stream || !waba_reporter_streams(run->reporter) || run->common.update_baseline)
		return 0;
	for (size_t i = 0; i < run->noutputs; i++)
		if (!waba_reporter_streams(run->outputs[i].reporter))
			return 0;
	s = waba_xcalloc(1, sizeof(*s));
	if (run->config.baseline) {
		if (waba_baseline_load(&s->baseline, run->config.baseline) < 0) {
			free(s);
			return cli_fail("%s", waba_error_last());
		}
		s->has_baseline = 1;
		s->unused = s->baseline.len;
		s->baseline_key = waba_text_clean(s->baseline.path, strlen(s->baseline.path), 0, 0);
	}
	/* the files first: they can start over, stdout cannot */
	int ok = 1;
	for (size_t i = 0; i < run->noutputs && ok; i++) {
		struct cli_output *o = &run->outputs[i];
		o->state = o->reporter->begin(o->file.fp, &run->report, &o->options);
		ok = o->state != NULL;
	}
	if (ok)
		s->state = run->reporter->begin(run->out, &run->report, &run->report_options);
	if (!s->state) { /* nothing written on stdout yet: stay on the whole-report path */
		for (size_t i = 0; i < run->noutputs; i++)
			output_restart(run, &run->outputs[i]);
		waba_error_clear();
		waba_baseline_release(&s->baseline);
		free(s->baseline_key);
		free(s);
		return 0;
	}
	run->stream = s;
	return 0;
}

/* -- a part in the temporary file: counts, then each item and finding; strings as length + bytes -- */

#define NO_STRING ((uint64_t)-1)

static void put_u64(FILE *f, uint64_t v)
{
	fwrite(&v, sizeof(v), 1, f);
}

static void put_str(FILE *f, const char *s)
{
	uint64_t n = s ? strlen(s) : NO_STRING;
	put_u64(f, n);
	if (s)
		fwrite(s, 1, (size_t)n, f);
}

static int hold_part(FILE *f, const struct waba_report *part)
{
	put_u64(f, part->nitems);
	put_u64(f, part->findings.len);
	for (size_t i = 0; i < part->nitems; i++) {
		const struct waba_item *it = &part->items[i];
		char *json = cJSON_PrintUnformatted(it->json);
		put_str(f, it->kind);
		put_str(f, it->name);
		put_str(f, it->file);
		put_str(f, json ? json : "{}");
		free(json);
	}
	for (size_t i = 0; i < part->findings.len; i++) {
		const struct waba_finding *fd = &part->findings.v[i];
		/* the rule by address: rules are static and this process reads the file back */
		fwrite(&fd->rule, sizeof(fd->rule), 1, f);
		put_u64(f, (uint64_t)fd->severity);
		put_u64(f, fd->loc.line);
		put_u64(f, fd->loc.column);
		put_u64(f, fd->loc.end_line);
		put_u64(f, fd->loc.end_column);
		put_u64(f, (uint64_t)(int64_t)fd->item);
		put_u64(f, (uint64_t)fd->content);
		put_str(f, fd->file);
		put_str(f, fd->message);
		put_str(f, fd->hint);
	}
	return ferror(f) ? waba_error_set(WABA_EIO, "%s", "cannot write a temporary file for the report") : 0;
}

static int get_u64(FILE *f, uint64_t *v)
{
	return fread(v, sizeof(*v), 1, f) == 1 ? 0 : -1;
}

static int get_str(FILE *f, char **s)
{
	uint64_t n;
	*s = NULL;
	if (get_u64(f, &n) < 0)
		return -1;
	if (n == NO_STRING)
		return 0;
	if (n > ((uint64_t)1 << 40))
		return -1;
	*s = waba_xmalloc((size_t)n + 1);
	(*s)[n] = 0;
	return n == 0 || fread(*s, 1, (size_t)n, f) == n ? 0 : -1;
}

static int read_part(FILE *f, struct waba_report *part)
{
	uint64_t nitems, nfindings, v[7];
	if (get_u64(f, &nitems) < 0 || get_u64(f, &nfindings) < 0)
		goto bad;
	for (uint64_t i = 0; i < nitems; i++) {
		/* the reporters read items' JSON, never their typed result: none is carried */
		struct waba_item it = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
		char *json = NULL;
		int ok = get_str(f, &it.kind) == 0 && get_str(f, &it.name) == 0 && get_str(f, &it.file) == 0 &&
		         get_str(f, &json) == 0 && json && (it.json = cJSON_Parse(json)) != NULL;
		free(json);
		if (part->nitems == part->cap) {
			part->cap = part->cap ? part->cap * 2 : 8;
			part->items = waba_xrealloc(part->items, part->cap * sizeof(*part->items));
		}
		part->items[part->nitems++] = it; /* released with the part, even when half read */
		if (!ok || !it.kind || !it.name)
			goto bad;
	}
	for (uint64_t i = 0; i < nfindings; i++) {
		struct waba_finding fd;
		memset(&fd, 0, sizeof(fd));
		int ok = fread(&fd.rule, sizeof(fd.rule), 1, f) == 1;
		for (int k = 0; ok && k < 7; k++)
			ok = get_u64(f, &v[k]) == 0;
		ok = ok && get_str(f, &fd.file) == 0 && get_str(f, &fd.message) == 0 && get_str(f, &fd.hint) == 0;
		fd.severity = (enum waba_severity)v[0];
		fd.loc.line = (unsigned)v[1];
		fd.loc.column = (unsigned)v[2];
		fd.loc.end_line = (unsigned)v[3];
		fd.loc.end_column = (unsigned)v[4];
		fd.item = (int)(int64_t)v[5];
		fd.content = (unsigned long long)v[6];
		fd.loc.file = fd.file;
		struct waba_findings *fs = &part->findings;
		if (fs->len == fs->cap) {
			fs->cap = fs->cap ? fs->cap * 2 : 16;
			fs->v = waba_xrealloc(fs->v, fs->cap * sizeof(*fs->v));
		}
		fs->v[fs->len++] = fd;
		if (!ok || !fd.rule || !fd.message)
			goto bad;
	}
	return 0;
bad:
	return waba_error_set(WABA_EIO, "%s", "cannot read back a temporary file for the report");
}

/* Hand a part to the reporter (or hold it back); remember the first error. */
static void emit_part(struct cli_run *run, const struct waba_report *part)
{
	struct cli_stream *s = run->stream;
	if (s->err)
		return;
	if (s->held) {
		s->err = hold_part(s->held, part);
		s->nheld++;
	} else {
		s->err = run->reporter->chunk(s->state, part);
		for (size_t i = 0; i < run->noutputs && !s->err; i++)
			s->err = run->outputs[i].reporter->chunk(run->outputs[i].state, part);
	}
}

/* Does a finding of the part sort at or after the baseline's notes? */
static int reaches_notes(const struct cli_stream *s, const struct waba_findings *fs)
{
	for (size_t i = 0; i < fs->len; i++)
		if (fs->v[i].file && strcmp(fs->v[i].file, s->baseline_key) >= 0)
			return 1;
	return 0;
}

int cli_run_flush_within(const struct cli_run *run)
{
	return run->stream && !run->stream->has_baseline;
}

int cli_run_flush(struct cli_run *run)
{
	struct cli_stream *s = run->stream;
	struct waba_findings *fs = &run->report.findings;
	if (!s)
		return 0;
	struct waba_verdict v = { run->checklist, &run->config, s->has_baseline ? &s->baseline : NULL };
	s->unused -= waba_findings_settle(fs, &v, 0); /* each finding the baseline took used up one entry */
	waba_findings_sort(fs);
	s->failing += waba_findings_count(fs, failing(run));
	if (!s->held && !s->err && s->has_baseline && s->unused && reaches_notes(s, fs)) {
		s->held = tmpfile();
		if (!s->held)
			s->err = waba_error_set(WABA_EIO, _("cannot create a temporary file for the report: %s"),
			                        strerror(errno));
	}
	emit_part(run, &run->report);
	waba_report_clear(&run->report);
	return 0;
}

/* The notes of unused baseline entries, then the parts held back. */
static void finish_held(struct cli_run *run)
{
	struct cli_stream *s = run->stream;
	struct waba_report notes = WABA_REPORT_INIT;
	FILE *held = s->held;
	notes.command = run->report.command;
	if (s->has_baseline && s->unused)
		waba_baseline_add_unused(&s->baseline, &notes.findings);
	s->failing += waba_findings_count(&notes.findings, failing(run));
	s->held = NULL;
	if (held && !s->err && (fflush(held) != 0 || fseek(held, 0, SEEK_SET) != 0))
		s->err = waba_error_set(WABA_EIO, "%s", "cannot read back a temporary file for the report");
	for (size_t i = 0; i < s->nheld && !s->err; i++) {
		struct waba_report part = WABA_REPORT_INIT;
		part.command = run->report.command;
		s->err = read_part(held, &part);
		if (!s->err && i == 0 && notes.findings.len) {
			/* the baseline file linted too: its findings and the notes sort together */
			int same = 0;
			for (size_t k = 0; k < part.findings.len && !same; k++)
				same = part.findings.v[k].file && strcmp(part.findings.v[k].file, s->baseline_key) == 0;
			if (same) {
				waba_findings_take(&part.findings, &notes.findings);
				waba_findings_sort(&part.findings);
			} else {
				emit_part(run, &notes);
			}
			waba_findings_release(&notes.findings);
		}
		emit_part(run, &part);
		waba_report_release(&part);
	}
	if (notes.findings.len)
		emit_part(run, &notes);
	waba_report_release(&notes);
	if (held)
		fclose(held);
}

/* Commit the reports written to files; 0, or the first error (the rest aborted). */
static int commit_outputs(struct cli_run *run, int err)
{
	for (size_t i = 0; i < run->noutputs; i++) {
		struct cli_output *o = &run->outputs[i];
		if (!o->file.fp)
			continue;
		if (err)
			waba_atomic_abort(&o->file);
		else
			err = waba_atomic_commit(&o->file);
	}
	return err;
}

static int finish_stream(struct cli_run *run)
{
	struct cli_stream *s = run->stream;
	int err;
	finish_held(run);
	err = run->reporter->end(s->state, &run->report);
	s->state = NULL;
	if (!s->err)
		s->err = err;
	for (size_t i = 0; i < run->noutputs; i++) {
		err = run->outputs[i].reporter->end(run->outputs[i].state, &run->report);
		run->outputs[i].state = NULL;
		if (!s->err)
			s->err = err;
	}
	if (s->err == 0 && fflush(run->out) != 0)
		s->err = waba_error_set(WABA_EIO, "%s", _("cannot write the report"));
	s->err = commit_outputs(run, s->err);
	if (s->err < 0)
		return cli_fail("%s", waba_error_last());
	return s->failing > 0 ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}

static void stream_release(struct cli_run *run)
{
	struct cli_stream *s = run->stream;
	if (!s)
		return;
	if (s->state)
		run->reporter->end(s->state, &run->report);
	for (size_t i = 0; i < run->noutputs; i++) {
		if (run->outputs[i].state)
			run->outputs[i].reporter->end(run->outputs[i].state, &run->report);
		run->outputs[i].state = NULL;
	}
	if (s->held)
		fclose(s->held);
	waba_baseline_release(&s->baseline);
	free(s->baseline_key);
	free(s);
	run->stream = NULL;
}

int cli_run_finish(struct cli_run *run)
{
	struct waba_findings *fs = &run->report.findings;
	int err;

	if (run->stream) {
		if (run->report.nitems || fs->len)
			cli_run_flush(run);
		return finish_stream(run);
	}
	if ((err = cli_run_settle(run)) != 0)
		return err;
	waba_findings_sort(fs);
	err = run->no_report ? 0 : run->reporter->write(run->out, &run->report, &run->report_options);
	if (err == 0 && fflush(run->out) != 0)
		err = waba_error_set(WABA_EIO, "%s", _("cannot write the report"));
	for (size_t i = 0; i < run->noutputs && err == 0; i++)
		err = run->outputs[i].reporter->write(run->outputs[i].file.fp, &run->report, &run->outputs[i].options);
	err = commit_outputs(run, err);
	if (err < 0)
		return cli_fail("%s", waba_error_last());
	if (waba_findings_count(fs, run->common.strict ? WABA_SEV_WARNING : WABA_SEV_ERROR) > 0)
		return CLI_EXIT_FINDINGS;
	return CLI_EXIT_OK;
}

void cli_run_release(struct cli_run *run)
{
	stream_release(run);
	commit_outputs(run, -1); /* a run that stopped early leaves no report file behind */
	free(run->formats);
	run->formats = NULL;
	free(run->srcroot);
	free(run->project_dir);
	run->srcroot = run->project_dir = NULL;
	run->noutputs = 0;
	waba_report_release(&run->report);
	free(run->common.checklists.v); /* the --checklist values (strings borrowed from argv) */
	run->common.checklists.v = NULL;
	run->common.checklists.len = 0;
	waba_checklist_free(run->checklist);
	waba_baseline_release(&run->baseline);
	waba_config_release(&run->config);
	run->checklist = NULL;
	free(run->recipient);
	run->recipient = NULL;
}
