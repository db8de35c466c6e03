/* cmd_lint.c: `waba-preflight lint FILE|DIR|-...`: message-template lint. */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "waba/template.h"

/* Largest input we read: a Graph API list response of a few thousand templates fits. */
#define LINT_MAX_BYTES ((size_t)32 << 20)

static struct waba_lint_state lint_state = WABA_LINT_STATE_INIT; /* duplicates across the files */

extern const struct waba_rule WABA_RULE_INPUT_SIZE;

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcmp(name + n - e, ext) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lint one file; `st` is its stat when the caller has it (NULL: stat it here). */
static int lint_file(struct cli_run *run, const char *path, const struct stat *known)
{
	struct waba_source src = WABA_SOURCE_INIT;
	struct stat st;
	if (known)
		st = *known;
	if (strcmp(path, "-") != 0 && (known || stat(path, &st) == 0) && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size > LINT_MAX_BYTES) {
		/* too big to be a template file: a finding, not a failure */
		waba_source_from_mem(&src, path, "", 0);
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "kind", "template");
		cJSON_AddStringToObject(item, "input", path);
		cJSON_AddNullToObject(item, "name");
		cJSON_AddNullToObject(item, "language");
		cJSON_AddNullToObject(item, "category");
		waba_report_add_item(&run->report, "template", path, path, item);
		struct waba_loc loc = { src.name, 0, 0, 0, 0 };
		waba_findings_add(&run->report.findings, &WABA_RULE_INPUT_SIZE, loc,
		                  _("the file has %lld bytes; template files over %zu MiB are not read"),
		                  (long long)st.st_size, LINT_MAX_BYTES >> 20);
		waba_report_end_item(&run->report);
		waba_source_release(&src);
		return 0;
	}
	if (waba_source_read(&src, path, LINT_MAX_BYTES) < 0) {
		int rc = cli_fail("%s", waba_error_last());
		waba_source_release(&src);
		return rc;
	}
	waba_lint_source_state(&run->report, &src, run->checklist, &lint_state);
	waba_source_release(&src);
	return 0;
}

static int lint_dir(struct cli_run *run, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	if (!d)
		return cli_fail(_("cannot open '%s': %s"), dir, strerror(errno));
	if (depth > 64) {
		closedir(d);
		return cli_fail(_("'%s' is nested too deeply"), dir);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .., .git, hidden files */
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = waba_xrealloc(names, cap * sizeof(*names));
		}
		size_t dl = strlen(dir);
		if (strcmp(dir, ".") == 0 || strcmp(dir, "./") == 0)
			names[n++] = waba_xstrdup(e->d_name); /* "a.json", as the user would write it */
		else
			names[n++] = waba_xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", e->d_name);
	}
	closedir(d);
	if (n) /* an empty folder: names is NULL, which qsort may not take (UBSan, tests/hostile) */
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat st;
		if (cli_ignored(run, names[i]) || stat(names[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = lint_dir(run, names[i], depth + 1);
		else if (S_ISREG(st.st_mode) && (has_ext(names[i], ".json") || has_ext(names[i], ".txt")))
			rc = lint_file(run, names[i], &st);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cmd_lint(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	int rc;
	cli_run_init(&run, "lint");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_END(),
	};
	if (cli_opt_parse(opts, argc, argv, &args) < 0) {
		free(args.v);
		return CLI_EXIT_FAIL;
	}
	if (cli_handle_help(&run, "FILE|DIR|-...",
	                    N_("lint message-template drafts: Meta's template JSON (an object, an array, or a Graph API "
	                       "list response) or .txt drafts; folders are searched for *.json and *.txt"),
	                    opts)) {
		free(args.v);
		return CLI_EXIT_OK;
	}
	if (args.len == 0) {
		free(args.v);
		return cli_fail("%s", _("lint: give template files, folders or '-' for standard input (try --help)"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	for (size_t i = 0; i < args.len && rc == 0; i++) {
		struct stat st;
		const char *path = args.v[i];
		if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t before = run.report.nitems;
			rc = lint_dir(&run, path, 0);
			if (rc == 0 && run.report.nitems == before)
				rc = cli_fail(_("no *.json or *.txt template files in '%s'"), path);
		}
		else if (strcmp(path, "-") == 0 || !cli_ignored(&run, path))
			rc = lint_file(&run, path, NULL);
	}
	if (rc == 0)
		rc = cli_run_finish(&run);
done:
	waba_lint_state_release(&lint_state);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
