/* cmd_profile.c: `waba-preflight profile APPLICATION.json` */
#include "cli.h"
#include "waba/application.h"
#include "waba/profile.h"

int cmd_profile(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct waba_source src = WABA_SOURCE_INIT;
	struct waba_application *app = NULL;
	int rc;
	cli_run_init(&run, "profile");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("APPLICATION.json"),
	                   N_("check the business-profile fields (about, address, description, e-mail, websites, "
	                      "category) of an application file"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("profile: give exactly one application file (try --help)"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	if (waba_source_read(&src, args.v[0], WABA_SOURCE_MAX) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	waba_application_parse(&app, &src, &run.report.findings);
	waba_check_profile(&run.report, app, run.checklist);
	rc = cli_run_finish(&run);
done:
	waba_application_free(app);
	waba_source_release(&src);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
