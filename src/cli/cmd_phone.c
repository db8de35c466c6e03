/* cmd_phone.c: `waba-preflight phone NUMBER... [--region CC] [--used-whatsapp yes|no]` (sim/não, sí/no too) */
#include <ctype.h>
#include <string.h>
#include "cli.h"
#include "waba/phone.h"

int cmd_phone(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	const char *region_opt = NULL, *used_opt = NULL;
	char region[8] = "";
	int used = -1, rc;
	cli_run_init(&run, "phone");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("region", &region_opt, N_("CC"),
		               N_("country of numbers written without + and country code (BR, AR, ...)")),
		CLI_OPT_STRING("used-whatsapp", &used_opt, "yes|no",
		               N_("has the number used WhatsApp or WhatsApp Business in the last 6 months?")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("NUMBER..."),
	                   N_("tell whether each phone number can be put on a WhatsApp Business API account"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len == 0) {
		free(args.v);
		return cli_fail("%s", _("phone: give at least one phone number (try --help)"));
	}
	if ((rc = cli_need_phone()) != 0) {
		free(args.v);
		return rc;
	}
	if (region_opt) {
		size_t n = strlen(region_opt);
		for (size_t i = 0; i < n && i + 1 < sizeof(region); i++)
			region[i] = (char)toupper((unsigned char)region_opt[i]);
		if (n != 2 || !waba_phone_region_known(region)) {
			free(args.v);
			return cli_fail(_("phone: --region '%.8s%s' is not a known two-letter region code (BR, AR, US, ...)"),
			                region_opt, n > 8 ? "..." : "");
		}
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	if (used_opt) { /* yes or no in any of the three languages (sim, sí, não: the hints say so) */
		if (waba_set_find_nocase(waba_checklist_set(run.checklist, "wizard.answers.yes"), used_opt))
			used = 1;
		else if (waba_set_find_nocase(waba_checklist_set(run.checklist, "wizard.answers.no"), used_opt))
			used = 0;
		else {
			rc = cli_fail(_("phone: --used-whatsapp takes yes or no, not '%.8s%s'"), used_opt,
			              strlen(used_opt) > 8 ? "..." : "");
			goto done;
		}
	}
	/*
	 * Every number is parsed first; then each number's part (its item, its findings) is
	 * written as it is made when the report streams (cli_run_stream): the findings sort
	 * by item, so the parts in order are the whole report. The note tied to no number
	 * sorts first and goes with the first part.
	 */
	struct waba_phone_batch *batch = waba_phone_batch_new((const char *const *)args.v, args.len,
	                                                      region[0] ? region : NULL, used, run.checklist);
	if ((rc = cli_run_stream(&run)) == 0) {
		run.report.continues = run.stream != NULL; /* one list: fingerprint occurrences count across parts */
		waba_phone_batch_head(batch, &run.report);
		for (size_t i = 0; i < args.len && rc == 0; i++) {
			waba_phone_batch_check(batch, i, &run.report);
			rc = cli_run_flush(&run);
		}
	}
	waba_phone_batch_free(batch);
	if (rc == 0)
		rc = cli_run_finish(&run);
done:
	cli_run_release(&run);
	free(args.v);
	return rc;
}
