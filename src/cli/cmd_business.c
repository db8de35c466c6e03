/* cmd_business.c: `waba-preflight business ID_OR_URL...` */
#include "cli.h"
#include "waba/business.h"

int cmd_business(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	int online = 0, rc;
	cli_run_init(&run, "business");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_FLAG("online", &online, N_("ask Meta's Graph API for the verification status")),
		CLI_OPT_END(),
	};
	if (cli_opt_parse(opts, argc, argv, &args) < 0) {
		free(args.v);
		return CLI_EXIT_FAIL;
	}
	if (cli_handle_help(&run, "ID_OR_URL...", N_("check a Business Manager ID, or the ID inside a pasted Business Settings URL"), opts)) {
		free(args.v);
		return CLI_EXIT_OK;
	}
	if (args.len == 0) {
		free(args.v);
		return cli_fail("%s", _("business: give a Business Manager ID or URL (try --help)"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	if (online) {
		rc = cli_fail("%s", _("business --online: not available in this build"));
		goto done;
	}
	for (size_t i = 0; i < args.len; i++)
		waba_check_business(&run.report, args.v[i], NULL, run.checklist);
	rc = cli_run_finish(&run);
done:
	cli_run_release(&run);
	free(args.v);
	return rc;
}
