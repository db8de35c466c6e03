/*
 * cmd_check.c: `waba-preflight check APPLICATION.json`: every check on a filled-in
 * application file, one report (any --format), and the readiness checklist (text:
 * after the findings; JSON: the "readiness" member).
 */
#include "cli.h"
#include "waba/check_application.h"
#include "waba/webhook.h"

/* --online: call the application's message endpoint (webhook.url) as the `webhook`
 * command does. 0, or an exit code after printing the reason. */
static int check_webhook_online(struct cli_run *run, const struct waba_app_check *c, const char *token_file,
                                const char *secret_file, const char *cacert)
{
	struct waba_webhook_options o;
	struct waba_webhook_result res;
	char *token = NULL, *secret = NULL;
	int loose = 0, rc = 0;
	if (!c->app || !c->app->webhook.url.value) {
		cli_warn("%s",
		         _("check --online: the application has no webhook.url; the message endpoint was not called"));
		return 0;
	}
	if (waba_secret_get(&token, token_file, WABA_WEBHOOK_VERIFY_TOKEN_ENV, _("verify token"),
	                    &waba_webhook_secret_rules, &loose) < 0 ||
	    waba_secret_get(&secret, secret_file, WABA_WEBHOOK_APP_SECRET_ENV, _("app secret"),
	                    &waba_webhook_secret_rules, &loose) < 0) {
		rc = cli_fail("check: %s", waba_error_last());
		goto done;
	}
	if (loose)
		cli_warn("%s", _("a secret file can be read by other users; make it private (chmod 600)"));
	waba_webhook_options_init(&o, run->checklist);
	o.url = c->app->webhook.url.value;
	o.ca_file = cacert;
	o.verify_token = token;
	o.app_secret = secret;
	if (waba_webhook_probe(&res, &o) < 0)
		rc = cli_fail("check: %s", waba_error_last());
	else
		waba_check_webhook(&run->report, &o, &res);
	waba_webhook_result_release(&res);
done:
	waba_secret_free(token);
	waba_secret_free(secret);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	struct waba_strbuf text = WABA_STRBUF_INIT;
	int rc, online = 0;
	const char *token_file = NULL, *secret_file = NULL, *cacert = NULL;
	cli_run_init(&run, "check");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_FLAG("online", &online,
		             N_("also call the application's message endpoint (webhook.url) as the webhook "
		                "command does")),
		CLI_OPT_STRING("verify-token-file", &token_file, N_("FILE"),
		               N_("with --online: the webhook's verify token (default: WABA_PREFLIGHT_VERIFY_TOKEN)")),
		CLI_OPT_STRING("app-secret-file", &secret_file, N_("FILE"),
		               N_("with --online: the app secret (default: WABA_PREFLIGHT_APP_SECRET)")),
		CLI_OPT_STRING("cacert", &cacert, N_("FILE"), N_("with --online: trust the CAs in this PEM file")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("APPLICATION.json"),
	                   N_("run every check on an application file and print the readiness checklist"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("check: give exactly one application file (try --help)"));
	}
	if (!online && (token_file || secret_file || cacert)) {
		free(args.v);
		return cli_fail("%s", _("check: --verify-token-file, --app-secret-file and --cacert need --online"));
	}
	if ((rc = cli_run_setup(&run)) != 0 || (rc = cli_need_phone()) != 0)
		goto done;
	if (waba_check_application_file(&c, &run.report, args.v[0], run.checklist) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	if (online && (rc = check_webhook_online(&run, &c, token_file, secret_file, cacert)) != 0)
		goto done;
	if ((rc = cli_run_settle(&run)) != 0) /* readiness is judged from the final findings */
		goto done;
	waba_app_check_judge(&c, &run.report, run.checklist);
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
