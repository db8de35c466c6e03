/*
 * check_webhook.c: the `webhook.` rules: what a probe of the message endpoint
 * (src/net/webhook_probe.c) found, judged as Botmaker and Meta will call it: HTTPS with
 * a valid, CA-issued, not soon expiring certificate and TLS 1.2 or later, HTTP 200 to
 * every POST without a redirect, answers under 2 seconds, Meta's verification
 * handshake, and signature checks. Limits come from checklists/webhook.xml. Pure.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/webhook.h"

#define SRC_META \
	"https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint"
#define SRC_BM "https://help.botmaker.com/en/help/3502316744427746581"
#define SRC_GRAPH "https://developers.facebook.com/docs/graph-api/webhooks/getting-started"

static const struct waba_rule RULE_HTTPS = {
	.id = "webhook.url.https",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the message endpoint must be an https:// URL"),
	.hint = N_("serve the endpoint over HTTPS with a certificate from a public CA (Let's Encrypt is free)"),
	.source = SRC_META,
	.explain = N_("Meta's webhook documentation requires a valid TLS certificate on the endpoint, and Botmaker's "
	              "guide asks for a valid HTTPS certificate: neither calls a plain http:// URL. The POSTs are still "
	              "sent so that the other problems show up too, but the verification handshake is not (the verify "
	              "token would travel in clear text)."),
	.example_bad = "http://bot.example.com/whatsapp",
	.example_good = "https://bot.example.com/whatsapp",
};

static const struct waba_rule RULE_CONNECT = {
	.id = "webhook.connect",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the endpoint could not be reached"),
	.hint = N_("check the host name (DNS), that the server is running and listening on the URL's port, and "
	           "that a firewall does not block it"),
	.source = SRC_BM,
	.explain = N_("Botmaker's guide asks for an endpoint available at all times: a host name that does not "
	              "resolve, a refused connection or no answer within the timeout (webhook.timeout.* in "
	              "checklists/webhook.xml) means messages are not delivered. The reason libcurl gives is in the "
	              "message (DNS, refused, timeout, reset). The remaining POSTs are not sent after such a failure."),
	.example_bad = "https://bot.example.invalid/whatsapp",
	.example_good = "https://bot.example.com/whatsapp answering 200",
};

static const struct waba_rule RULE_TLS_UNTRUSTED = {
	.id = "webhook.tls.untrusted",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the endpoint's TLS certificate is not valid: chain, dates or host name"),
	.hint = N_("install the full certificate chain (leaf and intermediates) for this host name, and renew an "
	           "expired certificate; for a private CA give it with --cacert"),
	.source = SRC_META,
	.explain = N_("Meta's webhook documentation: the endpoint must have a valid TLS or SSL certificate, correctly "
	              "configured and installed. The certificate is verified as any client does (chain to a trusted "
	              "CA, validity dates, host name); verification is never turned off. A missing intermediate "
	              "certificate is the usual cause when browsers still work."),
	.example_bad = "a certificate for www.example.com served on bot.example.com",
	.example_good = "a Let's Encrypt certificate for bot.example.com with its chain",
};

static const struct waba_rule RULE_TLS_SELF_SIGNED = {
	.id = "webhook.tls.self_signed",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the endpoint's certificate is self-signed"),
	.hint = N_("replace it with a certificate from a public CA (Let's Encrypt is free)"),
	.source = SRC_META,
	.explain = N_("Meta's webhook documentation says it outright: self-signed certificates are not supported. "
	              "This is reported even when --cacert makes this tool trust the certificate, because Meta's "
	              "servers will not."),
	.example_bad = "a certificate whose issuer is its own subject",
	.example_good = "a certificate issued by a public CA",
};

static const struct waba_rule RULE_TLS_EXPIRING = {
	.id = "webhook.tls.expiring",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the endpoint's certificate expires soon"),
	.hint = N_("renew the certificate now, and make renewal automatic (certbot, acme.sh, your host's panel)"),
	.source = SRC_META,
	.explain = N_("An expired certificate stops every delivery at once (Meta requires a valid certificate). A "
	              "certificate that expires within webhook.certificate.expiry_warning_days (30) days is a warning: "
	              "it still works today. The date is read from the certificate the server sent "
	              "(CURLINFO_CERTINFO)."),
	.example_bad = "a certificate expiring in 10 days",
	.example_good = "a certificate valid for 60 more days, renewed automatically",
};

static const struct waba_rule RULE_TLS_VERSION = {
	.id = "webhook.tls.version",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the endpoint does not speak TLS 1.2 or later"),
	.hint = N_("enable TLS 1.2 and 1.3 on the server and turn TLS 1.0 and 1.1 off"),
	.source = "https://www.rfc-editor.org/rfc/rfc8996",
	.explain = N_("TLS 1.0 and 1.1 are deprecated (RFC 8996) and refused by current clients, Meta's included "
	              "(a valid TLS configuration is required). This tool never offers less than TLS 1.2, so a server "
	              "limited to older versions fails the handshake."),
	.example_bad = "a server that offers TLS 1.0 and 1.1 only",
	.example_good = "a server that negotiates TLS 1.3",
};

static const struct waba_rule RULE_REDIRECT = {
	.id = "webhook.redirect",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the endpoint answers with a redirect"),
	.hint = N_("configure the final URL (the Location shown) as the endpoint, not one that redirects"),
	.source = SRC_BM,
	.explain = N_("Botmaker's guide asks for HTTP 200. Webhook callers post once and read the status: a 301, 302, "
	              "307 or 308 is not followed, so the message is not delivered. This tool does not follow "
	              "redirects either."),
	.example_bad = "http->https or trailing-slash redirect: 301 Location: https://bot.example.com/whatsapp/",
	.example_good = "200 on the configured URL itself",
};

static const struct waba_rule RULE_STATUS = {
	.id = "webhook.post.status",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a message POST was not answered with HTTP 200"),
	.hint = N_("answer every message POST with 200 at once, and do the work after answering; look at the "
	           "server's log for these requests"),
	.source = SRC_BM,
	.explain = N_("Botmaker's guide: the message endpoint must answer HTTP 200 and be available at all times. "
	              "Meta retries failed deliveries and may disable a webhook that keeps failing. Each of the POSTs "
	              "(--probes, default 5) carries an inbound text message in Meta's webhook shape and must get 200; "
	              "one 500 in five is an error."),
	.example_bad = "POST 3 of 5 answered 500",
	.example_good = "5 of 5 POSTs answered 200",
};

static const struct waba_rule RULE_LATENCY_LIMIT = {
	.id = "webhook.latency.over_limit",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a POST took longer than 2 seconds to answer"),
	.hint = N_("answer 200 first and process the message afterwards (a queue or a background job)"),
	.source = SRC_BM,
	.explain = N_("Botmaker's guide asks for answers in under 2 seconds (limit webhook.latency.error_ms in "
	              "checklists/webhook.xml). The time measured is the whole request: connection, TLS and answer, "
	              "from this machine; measure from a network near Botmaker's servers for a fairer figure."),
	.example_bad = "a POST answered in 2.5 s",
	.example_good = "every POST answered in under 1 s",
};

static const struct waba_rule RULE_LATENCY_SLOW = {
	.id = "webhook.latency.slow",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a POST took longer than 1 second to answer"),
	.hint = N_("answer 200 first and process the message afterwards; under load the answer may pass 2 seconds"),
	.source = SRC_BM,
	.explain = N_("Half of Botmaker's 2-second limit (webhook.latency.warning_ms): still accepted, but with little "
	              "room under load. Our margin, not a documented limit, hence a warning."),
	.example_bad = "a POST answered in 1.4 s",
	.example_good = "every POST answered in under 1 s",
};

static const struct waba_rule RULE_LATENCY_FIGURES = {
	.id = "webhook.latency.figures",
	.severity = WABA_SEV_NOTE,
	.summary = N_("how fast the endpoint answered each POST"),
	.hint = NULL,
	.source = SRC_BM,
	.explain = N_("Each POST's time, the median and the maximum, so that a change can be compared from run to run. "
	              "The figures are also in the JSON report's webhook item (latencies_ms, median_ms, max_ms)."),
	.example_bad = NULL,
	.example_good = "5 POSTs: 41, 38, 40, 39, 45 ms; median 40 ms, maximum 45 ms",
};

static const struct waba_rule RULE_HS_CHALLENGE = {
	.id = "webhook.handshake.challenge",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the verification handshake does not answer 200 with the challenge"),
	.hint = N_("on GET with hub.mode=subscribe and your verify token, answer 200 with the value of hub.challenge "
	           "as the whole body (no quotes, no JSON, no HTML)"),
	.source = SRC_META,
	.explain = N_("Meta verifies a callback URL with GET ?hub.mode=subscribe&hub.challenge=..&hub.verify_token=.. "
	              "whenever the URL or the verify token is set in the App Dashboard; the endpoint must check the "
	              "token and answer 200 with exactly the challenge, or the URL is not saved."),
	.example_bad = "200 {\"challenge\": \"1158201444\"}",
	.example_good = "200 1158201444",
};

static const struct waba_rule RULE_HS_ANY_TOKEN = {
	.id = "webhook.handshake.any_token",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the verification handshake succeeds with a wrong verify token"),
	.hint = N_("compare hub.verify_token with your verify token and answer 403 when they differ"),
	.source = SRC_META,
	.explain = N_("Meta's documentation: the endpoint must validate the verify token before answering with the "
	              "challenge. An endpoint that echoes the challenge for any token does not check who configures "
	              "it."),
	.example_bad = "200 with the challenge for hub.verify_token=anything",
	.example_good = "403 for a wrong token",
};

static const struct waba_rule RULE_HS_UNCHECKED = {
	.id = "webhook.handshake.unchecked",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the verification handshake was not checked"),
	.hint = N_("give the verify token in a file (--verify-token-file) or in WABA_PREFLIGHT_VERIFY_TOKEN"),
	.source = SRC_META,
	.explain = N_("The handshake needs the verify token configured in Meta's App Dashboard; it is a secret, so it "
	              "is read from a file or the environment, never from the command line. Over http:// it is not "
	              "sent at all."),
	.example_bad = NULL,
	.example_good = "--verify-token-file verify-token.txt",
};

static const struct waba_rule RULE_SIG_REJECTED = {
	.id = "webhook.signature.rejected",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a correctly signed POST was refused"),
	.hint = N_("check that the endpoint computes HMAC-SHA256 over the raw body with the same app secret "
	           "(App Dashboard > App settings > Basic) and compares it with X-Hub-Signature-256"),
	.source = SRC_GRAPH,
	.explain = N_("Meta signs every POST with X-Hub-Signature-256: sha256= and the HMAC-SHA256 of the body keyed "
	              "with the app secret. When the app secret is given, the POSTs are signed the same way; an "
	              "endpoint that refuses them (401, 403) would refuse Meta's too: usually another secret, or the "
	              "HMAC computed over re-serialised JSON instead of the raw bytes."),
	.example_bad = "403 to a POST whose signature matches the app secret",
	.example_good = "200 to a correctly signed POST",
};

static const struct waba_rule RULE_SIG_UNSIGNED = {
	.id = "webhook.signature.unsigned_accepted",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a POST without X-Hub-Signature-256 was accepted"),
	.hint = N_("refuse (401 or 403) POSTs without a valid X-Hub-Signature-256"),
	.source = SRC_GRAPH,
	.explain = N_("Meta's documentation says the endpoint should validate the signature; an endpoint that accepts "
	              "unsigned POSTs lets anyone who knows the URL post fake messages. Meta documents it as something "
	              "to do, not as a condition for delivery, hence a warning."),
	.example_bad = "200 to a POST with no signature header",
	.example_good = "401 to a POST with no signature header",
};

static const struct waba_rule RULE_SIG_FORGED = {
	.id = "webhook.signature.forged_accepted",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a POST with a wrong X-Hub-Signature-256 was accepted"),
	.hint = N_("compute the HMAC with the app secret and compare it in constant time; refuse mismatches with 401 "
	           "or 403"),
	.source = SRC_GRAPH,
	.explain = N_("A signature made with another key must be refused: an endpoint that only checks that the header "
	              "is present is as open as one that checks nothing. A warning for the same reason as "
	              "webhook.signature.unsigned_accepted."),
	.example_bad = "200 to a POST signed with another key",
	.example_good = "403 to a POST signed with another key",
};

static const struct waba_rule RULE_SIG_UNCHECKED = {
	.id = "webhook.signature.unchecked",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the signature checks were not made"),
	.hint = N_("give the app secret in a file (--app-secret-file) or in WABA_PREFLIGHT_APP_SECRET"),
	.source = SRC_GRAPH,
	.explain = N_("Without the app secret the POSTs are sent unsigned, and whether the endpoint refuses unsigned "
	              "or forged POSTs cannot be told apart from whether it works. The app secret is read from a file "
	              "or the environment, never from the command line."),
	.example_bad = NULL,
	.example_good = "--app-secret-file app-secret.txt",
};

const struct waba_rule *const waba_rules_webhook[] = {
	&RULE_HTTPS,
	&RULE_CONNECT,
	&RULE_TLS_UNTRUSTED,
	&RULE_TLS_SELF_SIGNED,
	&RULE_TLS_EXPIRING,
	&RULE_TLS_VERSION,
	&RULE_REDIRECT,
	&RULE_STATUS,
	&RULE_LATENCY_LIMIT,
	&RULE_LATENCY_SLOW,
	&RULE_LATENCY_FIGURES,
	&RULE_HS_CHALLENGE,
	&RULE_HS_ANY_TOKEN,
	&RULE_HS_UNCHECKED,
	&RULE_SIG_REJECTED,
	&RULE_SIG_UNSIGNED,
	&RULE_SIG_FORGED,
	&RULE_SIG_UNCHECKED,
	NULL,
};

static void day_of(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Requests that got no HTTP answer: the rule and what went wrong, per failure
 * ("WHAT: PHRASE: WHY"); a timeout and an expired certificate say more (no_answer). */
static const struct no_answer_row {
	enum waba_webhook_fail fail;
	const struct waba_rule *rule;
	const char *phrase;
} no_answer_rows[] = {
	{ WABA_WEBHOOK_DNS, &RULE_CONNECT, N_("the host name does not resolve (DNS)") },
	{ WABA_WEBHOOK_REFUSED, &RULE_CONNECT, N_("the connection was refused") },
	{ WABA_WEBHOOK_NETWORK, &RULE_CONNECT, N_("the connection failed") },
	{ WABA_WEBHOOK_TLS_SELF_SIGNED, &RULE_TLS_SELF_SIGNED,
	  N_("the certificate is self-signed and not trusted (TLS)") },
	{ WABA_WEBHOOK_TLS_VERSION, &RULE_TLS_VERSION, N_("no TLS 1.2 or later handshake was possible (TLS)") },
	{ WABA_WEBHOOK_TLS_HOST, &RULE_TLS_UNTRUSTED, N_("the certificate is not for this host name (TLS)") },
	{ WABA_WEBHOOK_TLS_UNTRUSTED, &RULE_TLS_UNTRUSTED, N_("the certificate is not trusted (TLS)") },
};

/* The finding for a request that got no HTTP answer. */
static void no_answer(struct waba_findings *fs, const struct waba_webhook_options *o,
                      const struct waba_webhook_result *res, const struct waba_webhook_answer *a, const char *what)
{
	const char *why = a->reason ? a->reason : "";
	char day[16];
	if (a->fail == WABA_WEBHOOK_TIMEOUT) {
		waba_findings_add(fs, &RULE_CONNECT, WABA_LOC_NONE, _("%s: no answer within %ld seconds: %s"), what,
		                  o->timeout_s, why);
		return;
	}
	if (a->fail == WABA_WEBHOOK_TLS_UNTRUSTED && res->tls.not_after && res->tls.not_after < res->now) {
		day_of(res->tls.not_after, day, sizeof(day));
		waba_findings_add(fs, &RULE_TLS_UNTRUSTED, WABA_LOC_NONE,
		                  _("%s: the certificate expired on %s (TLS): %s"), what, day, why);
		return;
	}
	for (size_t i = 0; i < sizeof(no_answer_rows) / sizeof(no_answer_rows[0]); i++)
		if (no_answer_rows[i].fail == a->fail) {
			waba_findings_add(fs, no_answer_rows[i].rule, WABA_LOC_NONE, "%s: %s: %s", what,
			                  _(no_answer_rows[i].phrase), why);
			return;
		}
	waba_findings_add(fs, &RULE_TLS_UNTRUSTED, WABA_LOC_NONE, "%s: %s: %s", what, _("the TLS handshake failed"), why);
}

static void check_tls(struct waba_findings *fs, const struct waba_webhook_options *o,
                      const struct waba_webhook_result *res)
{
	const struct waba_webhook_tls *t = &res->tls;
	char day[16];
	if (!t->known)
		return;
	if (t->version && !t->version_ok)
		waba_findings_add(fs, &RULE_TLS_VERSION, WABA_LOC_NONE, _("the endpoint negotiated %s"), t->version);
	if (t->self_signed)
		waba_findings_add(fs, &RULE_TLS_SELF_SIGNED, WABA_LOC_NONE,
		                  _("the certificate is self-signed (issuer = subject: %s); it passed here only because "
		                    "--cacert trusts it"),
		                  t->subject ? t->subject : "?");
	if (t->not_after) {
		double left = difftime(t->not_after, res->now) / 86400.0;
		if (left < (double)o->expiry_days) {
			day_of(t->not_after, day, sizeof(day));
			waba_findings_add(fs, &RULE_TLS_EXPIRING, WABA_LOC_NONE,
			                  _("the certificate expires on %s, in %ld days (less than %ld)"), day,
			                  left > 0 ? (long)left : 0L, o->expiry_days);
		}
	}
}

static void check_posts(struct waba_findings *fs, const struct waba_webhook_options *o,
                        const struct waba_webhook_result *res, cJSON *item)
{
	struct waba_strbuf bad = WABA_STRBUF_INIT, redir = WABA_STRBUF_INIT, refused = WABA_STRBUF_INIT;
	struct waba_strbuf slow = WABA_STRBUF_INIT, over = WABA_STRBUF_INIT, figs = WABA_STRBUF_INIT;
	const char *location = NULL;
	long *ms = waba_xcalloc(res->nposts + 1, sizeof(long));
	size_t n = 0, nbad = 0, nslow = 0, nover = 0;
	cJSON *statuses = cJSON_AddArrayToObject(item, "statuses");
	cJSON *lat = cJSON_AddArrayToObject(item, "latencies_ms");

	for (size_t i = 0; i < res->nposts; i++) {
		const struct waba_webhook_answer *a = &res->posts[i];
		if (a->fail != WABA_WEBHOOK_OK) {
			char *what = waba_xasprintf(_("POST %zu of %ld"), i + 1, o->probes);
			no_answer(fs, o, res, a, what);
			free(what);
			cJSON_AddItemToArray(statuses, cJSON_CreateNull());
			continue;
		}
		cJSON_AddItemToArray(statuses, cJSON_CreateNumber((double)a->status));
		cJSON_AddItemToArray(lat, cJSON_CreateNumber((double)a->ms));
		ms[n++] = a->ms;
		waba_strbuf_addf(&figs, "%s%ld", figs.len ? ", " : "", a->ms);
		if (a->ms > o->error_ms) {
			waba_strbuf_addf(&over, "%s%zu (%ld ms)", over.len ? ", " : "", i + 1, a->ms);
			nover++;
		} else if (a->ms > o->warn_ms) {
			waba_strbuf_addf(&slow, "%s%zu (%ld ms)", slow.len ? ", " : "", i + 1, a->ms);
			nslow++;
		}
		if (a->status == 200)
			continue;
		if (a->status >= 300 && a->status < 400) {
			waba_strbuf_addf(&redir, "%s%zu", redir.len ? ", " : "", i + 1);
			if (!location)
				location = a->location;
		} else if (o->app_secret && (a->status == 401 || a->status == 403)) {
			waba_strbuf_addf(&refused, "%s%zu (HTTP %ld)", refused.len ? ", " : "", i + 1, a->status);
		} else {
			waba_strbuf_addf(&bad, "%s%zu (HTTP %ld)", bad.len ? ", " : "", i + 1, a->status);
			nbad++;
		}
	}
	if (redir.len)
		waba_findings_add(fs, &RULE_REDIRECT, WABA_LOC_NONE, _("POST %s answered with a redirect to %s"),
		                  redir.buf, location ? location : "?");
	if (refused.len)
		waba_findings_add(fs, &RULE_SIG_REJECTED, WABA_LOC_NONE,
		                  _("POST %s, signed with the app secret, was refused"), refused.buf);
	if (bad.len) {
		struct waba_finding *f = waba_findings_add(fs, &RULE_STATUS, WABA_LOC_NONE,
		                                           _("%zu of %ld POSTs were not answered 200: POST %s"), nbad,
		                                           o->probes, bad.buf);
		if (!o->app_secret && (strstr(bad.buf, "HTTP 401") || strstr(bad.buf, "HTTP 403")))
			waba_finding_set_hint(f, "%s",
			                      _("the endpoint refuses unsigned POSTs, which is right: give the app "
			                        "secret (--app-secret-file) so that the POSTs are signed as Meta signs "
			                        "them"));
	}
	if (nover)
		waba_findings_add(fs, &RULE_LATENCY_LIMIT, WABA_LOC_NONE,
		                  _("%zu POSTs took longer than %ld ms: POST %s"), nover, o->error_ms, over.buf);
	if (nslow)
		waba_findings_add(fs, &RULE_LATENCY_SLOW, WABA_LOC_NONE,
		                  _("%zu POSTs took longer than %ld ms: POST %s"), nslow, o->warn_ms, slow.buf);
	if (n) {
		qsort(ms, n, sizeof(*ms), cmp_long);
		long median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2, max = ms[n - 1];
		waba_findings_add(fs, &RULE_LATENCY_FIGURES, WABA_LOC_NONE,
		                  _("%zu POSTs answered in %s ms; median %ld ms, maximum %ld ms"), n, figs.buf, median,
		                  max);
		cJSON_AddNumberToObject(item, "median_ms", (double)median);
		cJSON_AddNumberToObject(item, "max_ms", (double)max);
	} else {
		cJSON_AddNullToObject(item, "median_ms");
		cJSON_AddNullToObject(item, "max_ms");
	}
	free(ms);
	waba_strbuf_release(&bad);
	waba_strbuf_release(&redir);
	waba_strbuf_release(&refused);
	waba_strbuf_release(&slow);
	waba_strbuf_release(&over);
	waba_strbuf_release(&figs);
}

/* A body shown in a message: scrubbed of the secrets, cut short, ASCII only. */
static char *body_excerpt(const struct waba_webhook_options *o, const struct waba_webhook_answer *a)
{
	char *clean = waba_webhook_scrub(o, a->body ? a->body : "", a->body_len);
	size_t len = strlen(clean), n = len < 60 ? len : 60;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)clean[i];
		waba_strbuf_addc(&sb, c < 0x20 || c >= 0x7f ? '?' : (char)c);
	}
	if (len > n)
		waba_strbuf_adds(&sb, "...");
	free(clean);
	return waba_strbuf_detach(&sb);
}

static int answered_challenge(const struct waba_webhook_answer *a, const char *challenge)
{
	return a->done && a->fail == WABA_WEBHOOK_OK && a->status == 200 && a->body &&
	       a->body_len == strlen(challenge) && memcmp(a->body, challenge, a->body_len) == 0;
}

static const char *check_handshake(struct waba_findings *fs, const struct waba_webhook_options *o,
                                   const struct waba_webhook_result *res)
{
	if (res->handshake_skipped_http) {
		waba_findings_add(fs, &RULE_HS_UNCHECKED, WABA_LOC_NONE, "%s",
		                  _("the verify token was not sent: the URL is http://, and the token would travel in "
		                    "clear text"));
		return "not_checked";
	}
	if (!res->handshake) {
		if (!o->verify_token && !res->stopped)
			waba_findings_add(fs, &RULE_HS_UNCHECKED, WABA_LOC_NONE, "%s",
			                  _("no verify token given: Meta's GET verification was not tried"));
		return "not_checked";
	}
	const char *verdict = "ok";
	const struct waba_webhook_answer *a = &res->hs_right;
	if (a->fail != WABA_WEBHOOK_OK) {
		no_answer(fs, o, res, a, _("the verification GET"));
		verdict = "failed";
	} else if (a->status != 200) {
		waba_findings_add(fs, &RULE_HS_CHALLENGE, WABA_LOC_NONE,
		                  _("the verification GET with the right verify token was answered HTTP %ld, not 200"),
		                  a->status);
		verdict = "failed";
	} else if (!answered_challenge(a, res->challenge)) {
		char *got = body_excerpt(o, a);
		waba_findings_add(fs, &RULE_HS_CHALLENGE, WABA_LOC_NONE,
		                  _("the verification GET was answered 200 but the body is '%s', not exactly the "
		                    "challenge '%s'"),
		                  got, res->challenge);
		free(got);
		verdict = "failed";
	}
	if (answered_challenge(&res->hs_wrong, res->challenge)) {
		waba_findings_add(fs, &RULE_HS_ANY_TOKEN, WABA_LOC_NONE, "%s",
		                  _("the verification GET with a wrong verify token was answered 200 with the challenge"));
		verdict = "failed";
	}
	return verdict;
}

static int accepted(const struct waba_webhook_answer *a)
{
	return a->done && a->fail == WABA_WEBHOOK_OK && a->status >= 200 && a->status < 300;
}

static const char *check_signatures(struct waba_findings *fs, const struct waba_webhook_options *o,
                                    const struct waba_webhook_result *res)
{
	const char *verdict = "verified";
	if (!res->signatures) {
		if (!o->app_secret && !res->stopped)
			waba_findings_add(fs, &RULE_SIG_UNCHECKED, WABA_LOC_NONE, "%s",
			                  _("no app secret given: the POSTs were sent unsigned, and whether the endpoint "
			                    "checks X-Hub-Signature-256 was not tried"));
		return "not_checked";
	}
	if (accepted(&res->sig_none)) {
		waba_findings_add(fs, &RULE_SIG_UNSIGNED, WABA_LOC_NONE,
		                  _("a POST without X-Hub-Signature-256 was answered HTTP %ld"), res->sig_none.status);
		verdict = "not_verified";
	}
	if (accepted(&res->sig_bad)) {
		waba_findings_add(fs, &RULE_SIG_FORGED, WABA_LOC_NONE,
		                  _("a POST signed with another key was answered HTTP %ld"), res->sig_bad.status);
		verdict = "not_verified";
	}
	return verdict;
}

void waba_check_webhook_url(struct waba_findings *fs, const char *url, struct waba_loc loc)
{
	if (strncmp(url, "https://", 8) == 0 && url[8])
		return;
	if (strncmp(url, "http://", 7) == 0)
		waba_findings_add(fs, &RULE_HTTPS, loc, _("'%s' is http://; Botmaker and Meta need https://"), url);
	else
		waba_findings_add(fs, &RULE_HTTPS, loc, _("'%s' is not an https:// URL"), url);
}

void waba_check_webhook(struct waba_report *r, const struct waba_webhook_options *o, const struct waba_webhook_result *res)
{
	struct waba_findings *fs = &r->findings;
	const struct waba_webhook_tls *t = &res->tls;
	char day[16];
	cJSON *item = cJSON_CreateObject();

	cJSON_AddStringToObject(item, "kind", "webhook");
	cJSON_AddStringToObject(item, "input", res->url ? res->url : "");
	waba_report_add_item(r, "webhook", res->url ? res->url : "", NULL, item);
	cJSON_AddBoolToObject(item, "https", !res->plain_http);
	if (t->version)
		cJSON_AddStringToObject(item, "tls_version", t->version);
	else
		cJSON_AddNullToObject(item, "tls_version");
	if (t->not_after) {
		day_of(t->not_after, day, sizeof(day));
		cJSON_AddStringToObject(item, "certificate_expires", day);
	} else {
		cJSON_AddNullToObject(item, "certificate_expires");
	}
	if (t->known && t->subject)
		cJSON_AddBoolToObject(item, "self_signed", t->self_signed);
	else
		cJSON_AddNullToObject(item, "self_signed");
	cJSON_AddNumberToObject(item, "probes", (double)o->probes);

	if (res->plain_http)
		waba_findings_add(fs, &RULE_HTTPS, WABA_LOC_NONE, _("'%s' is http://; Botmaker and Meta need https://"),
		                  res->url);
	check_tls(fs, o, res);
	check_posts(fs, o, res, item);
	cJSON_AddStringToObject(item, "handshake", check_handshake(fs, o, res));
	cJSON_AddStringToObject(item, "signatures", check_signatures(fs, o, res));
	waba_report_end_item(r);
}
