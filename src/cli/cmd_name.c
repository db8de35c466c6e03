/* cmd_name.c: `waba-preflight name "DISPLAY NAME" [--website URL] [--business "LEGAL NAME"]` */
#include "cli.h"
#include "waba/name.h"

int cmd_name(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	const char *website = NULL, *business = NULL;
	struct waba_site_brand site;
	int have_site = 0, rc;
	cli_run_init(&run, "name");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("website", &website, N_("URL"),
		               N_("read the brand from this page (title, og:site_name, schema.org) and compare")),
		CLI_OPT_STRING("business", &business, N_("LEGAL NAME"), N_("compare with the company's legal name")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("\"DISPLAY NAME\""),
	                   N_("review a WhatsApp display name against Meta's guidelines"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("name: give exactly one display name, in quotes (try --help)"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	struct waba_name_context ctx = { business, NULL, NULL, NULL, NULL };
	if (website) {
		int err = waba_site_fetch(&site, website, run.checklist);
		if (err == WABA_ENET) { /* unreachable: the offline checks still run */
			ctx.site_error = waba_error_last();
		} else if (err < 0) {
			rc = cli_fail("name --website: %s", waba_error_last());
			goto done;
		} else {
			have_site = 1;
			ctx.site = &site;
		}
	}
	waba_check_name(&run.report, args.v[0], &ctx, run.checklist);
	rc = cli_run_finish(&run);
done:
	if (have_site)
		waba_site_brand_release(&site);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
