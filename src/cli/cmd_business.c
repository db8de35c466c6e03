/* cmd_business.c: `waba-preflight business ID_OR_URL... [--online]` */
#include <string.h>
#include "cli.h"
#include "waba/business.h"
#include "waba/graph.h"

/*
 * The token: --token-file wins over WABA_PREFLIGHT_TOKEN. The environment copy is
 * wiped once read, so child processes and /proc/PID/environ no longer hold it.
 * Returns 0 and *out (free with waba_secret_free), or an exit code.
 */
static int get_token(char **out, const char *token_file)
{
	int loose = 0;
	if (waba_secret_get(out, token_file, WABA_GRAPH_TOKEN_ENV, _("Graph API token"), &waba_graph_token_rules,
	                    &loose) < 0)
		return cli_fail("business --online: %s", waba_error_last());
	if (loose)
		cli_warn(_("token file '%s' can be read by other users; make it private: chmod 600 '%s'"), token_file,
		         token_file);
	if (!*out)
		return cli_fail("%s", _("business --online needs a Graph API token: set WABA_PREFLIGHT_TOKEN or give "
		                        "--token-file FILE (a file only you can read)"));
	return 0;
}

/* Ask the Graph API about the ID inside `input`, then run the offline check with the
 * status. Returns 0, or an exit code (2) after printing the reason and what to do. */
static int check_online(struct cli_run *run, const char *input, const struct waba_graph_options *go)
{
	struct waba_business_input b;
	struct waba_graph_result res;
	int rc = 0;

	waba_business_input_parse(&b, input);
	if (!b.id || b.other_param || !waba_business_id_valid(b.id, run->checklist)) {
		/* nothing to ask: the offline findings say what is wrong with the ID */
		waba_check_business(&run->report, input, NULL, run->checklist);
		waba_business_input_release(&b);
		return 0;
	}
	if (waba_graph_business_status(&res, go, b.id) < 0 && res.fail == WABA_GRAPH_NOT_FOUND && res.code == 803) {
		/* Meta answered: no object has this ID. A finding on the ID, not a failure to run. */
		waba_check_business_unknown(&run->report, input, res.code, run->checklist);
	} else if (res.fail != WABA_GRAPH_OK) {
		char *key = waba_xasprintf("graph.error.%s", waba_graph_fail_name(res.fail));
		const char *todo = waba_checklist_text(run->checklist, key, waba_i18n_lang());
		rc = cli_fail("business --online: %s%s%s", waba_error_last(), todo ? "; " : "", todo ? todo : "");
		free(key);
	} else {
		waba_check_business_graph(&run->report, input, res.verification_status, res.name, run->checklist);
	}
	waba_graph_result_release(&res);
	waba_business_input_release(&b);
	return rc;
}

int cmd_business(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	int online = 0, rc;
	const char *graph_url = NULL, *token_file = NULL, *ca_bundle = NULL;
	char *token = NULL;
	cli_run_init(&run, "business");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_FLAG("online", &online, N_("ask Meta's Graph API for the verification status")),
		CLI_OPT_STRING("graph-url", &graph_url, N_("URL"),
		               /* the URL is spelt out so that xgettext sees one string; tests/i18n checks it
		                * against WABA_GRAPH_URL_DEFAULT */
		               N_("Graph API base (default: https://graph.facebook.com/v21.0; http:// only for loopback)")),
		CLI_OPT_STRING("token-file", &token_file, N_("FILE"),
		               N_("read the Graph API token from FILE (default: WABA_PREFLIGHT_TOKEN)")),
		CLI_OPT_STRING("ca-bundle", &ca_bundle, N_("FILE"),
		               N_("trust the CAs in this PEM file (corporate TLS proxies); TLS is always verified")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("ID_OR_URL..."),
	                   N_("check a Business Manager ID, or the ID inside a pasted Business Settings URL"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len == 0) {
		free(args.v);
		return cli_fail("%s", _("business: give a Business Manager ID or URL (try --help)"));
	}
	if (!online && (graph_url || token_file || ca_bundle)) {
		free(args.v);
		return cli_fail("%s", _("business: --graph-url, --token-file and --ca-bundle need --online"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	if (online) {
		struct waba_graph_options go;
		waba_graph_options_init(&go, run.checklist);
		if (graph_url)
			go.base_url = graph_url;
		go.ca_bundle = ca_bundle;
		if (waba_graph_url_check(go.base_url) < 0) {
			rc = cli_fail(_("business: option --graph-url: %s"), waba_error_last());
			goto done;
		}
		if ((rc = get_token(&token, token_file)) != 0)
			goto done;
		go.token = token;
		for (size_t i = 0; i < args.len; i++)
			if ((rc = check_online(&run, args.v[i], &go)) != 0)
				goto done;
	} else {
		for (size_t i = 0; i < args.len; i++)
			waba_check_business(&run.report, args.v[i], NULL, run.checklist);
	}
	rc = cli_run_finish(&run);
done:
	waba_secret_free(token);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
