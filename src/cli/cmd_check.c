/*
 * cmd_check.c: `waba-preflight check APPLICATION.json`: every check on a filled-in
 * application file, one report (any --format), and the readiness checklist (text:
 * after the findings; JSON: the "readiness" member).
 */
#include "cli.h"
#include "waba/check_application.h"

int cmd_check(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	struct waba_strbuf text = WABA_STRBUF_INIT;
	int rc;
	cli_run_init(&run, "check");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, "APPLICATION.json",
	                   N_("run every check on an application file and print the readiness checklist"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("check: give exactly one application file (try --help)"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	if (waba_check_application_file(&c, &run.report, args.v[0], run.checklist) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	waba_readiness_text(&c.readiness, run.checklist, waba_i18n_lang(), run.report_options.color, &text);
	run.report.appendix = waba_strbuf_detach(&text);
	run.report.extra = cJSON_CreateObject();
	cJSON_AddItemToObject(run.report.extra, "readiness",
	                      waba_readiness_json(&c.readiness, run.checklist, waba_i18n_lang()));
	rc = cli_run_finish(&run);
done:
	cli_run_release(&run); /* the report first: its findings borrow the sources in c */
	waba_app_check_release(&c);
	waba_strbuf_release(&text);
	free(args.v);
	return rc;
}
