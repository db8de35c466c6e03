/*
 * cmd_webhook.c: `waba-preflight webhook URL [--probes N] [--verify-token-file F]
 * [--app-secret-file F] [--cacert FILE]`: the message endpoint checked the way
 * Botmaker and Meta call it (include/waba/webhook.h).
 *
 * Secrets come from files or the environment only; an environment copy is wiped once
 * read, so that child processes and /proc/PID/environ no longer hold it.
 */
#include <errno.h>
#include <string.h>
#include "cli.h"
#include "waba/webhook.h"

/* A secret from its file or the environment (file wins). 0, or an exit code. */
static int get_secret(char **out, const char *file, const char *env_name, const char *what)
{
	int loose = 0;
	if (waba_secret_get(out, file, env_name, what, &waba_webhook_secret_rules, &loose) < 0)
		return cli_fail("webhook: %s", waba_error_last());
	if (loose)
		cli_warn(_("the %s file '%s' can be read by other users; make it private: chmod 600 '%s'"), what, file,
		         file);
	return 0;
}

int cmd_webhook(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct waba_webhook_options o;
	struct waba_webhook_result res;
	const char *probes = NULL, *token_file = NULL, *secret_file = NULL, *cacert = NULL, *ca_bundle = NULL;
	char *token = NULL, *secret = NULL;
	int rc, probed = 0;
	cli_run_init(&run, "webhook");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("probes", &probes, N_("N"), N_("message POSTs to send (default: 5)")),
		CLI_OPT_STRING("verify-token-file", &token_file, N_("FILE"),
		               N_("read the verify token from FILE (default: WABA_PREFLIGHT_VERIFY_TOKEN); checks Meta's "
		                  "verification handshake")),
		CLI_OPT_STRING("app-secret-file", &secret_file, N_("FILE"),
		               N_("read the app secret from FILE (default: WABA_PREFLIGHT_APP_SECRET); signs the POSTs and "
		                  "checks that unsigned ones are refused")),
		CLI_OPT_STRING("cacert", &cacert, N_("FILE"),
		               N_("trust the CAs in this PEM file (a private CA); TLS is always verified")),
		CLI_OPT_STRING("ca-bundle", &ca_bundle, N_("FILE"), N_("same as --cacert")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("URL"),
	                   N_("check the message endpoint as Botmaker and Meta call it: TLS, HTTP 200, answer time, "
	                      "verification handshake, signatures"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("webhook: give exactly one endpoint URL (try --help)"));
	}
	if (cacert && ca_bundle && strcmp(cacert, ca_bundle) != 0) {
		free(args.v);
		return cli_fail("%s", _("webhook: --cacert and --ca-bundle name the same option; give one"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	waba_webhook_options_init(&o, run.checklist);
	o.url = args.v[0];
	o.ca_file = cacert ? cacert : ca_bundle;
	if (probes) {
		long max = waba_checklist_limit(run.checklist, "webhook.probes.max");
		char *end;
		errno = 0;
		long n = strtol(probes, &end, 10);
		if (errno || end == probes || *end || n < 1 || n > max) {
			rc = cli_fail(_("webhook: --probes takes a number from 1 to %ld, not '%s'"), max, probes);
			goto done;
		}
		o.probes = n;
	}
	if ((rc = get_secret(&token, token_file, WABA_WEBHOOK_VERIFY_TOKEN_ENV, _("verify token"))) != 0 ||
	    (rc = get_secret(&secret, secret_file, WABA_WEBHOOK_APP_SECRET_ENV, _("app secret"))) != 0)
		goto done;
	o.verify_token = token;
	o.app_secret = secret;
	probed = 1;
	if (waba_webhook_probe(&res, &o) < 0) {
		rc = cli_fail("webhook: %s", waba_error_last());
		goto done;
	}
	waba_check_webhook(&run.report, &o, &res);
	rc = cli_run_finish(&run);
done:
	if (probed)
		waba_webhook_result_release(&res);
	waba_secret_free(token);
	waba_secret_free(secret);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
