/*
 * fuzz_webhook_answer.c: what a message endpoint sends back (src/net/webhook_probe.c and
 * src/checks/check_webhook.c): hostile bodies, Location headers, error texts and
 * certificate dates, through waba_webhook_scrub(), waba_webhook_cert_date() and
 * waba_check_webhook(), rendered by every reporter. Properties: neither the verify
 * token nor the app secret appears in any finding's message or hint; nothing crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/webhook.h"

#define TOKEN "vtFUZZtoken0123456789"
#define SECRET "0123456789abcdeffedcba9876543210"

static void answer(struct waba_webhook_answer *a, const struct waba_webhook_options *o, uint8_t b, const char *body,
                   const char *loc, const char *why)
{
	static const long statuses[] = { 200, 200, 201, 301, 302, 400, 401, 403, 500, 503, 0, 999 };
	memset(a, 0, sizeof(*a));
	a->done = 1;
	a->status = statuses[b % (sizeof(statuses) / sizeof(statuses[0]))];
	a->ms = (long)b * 37;
	if (a->status == 0) {
		a->fail = (enum waba_webhook_fail)(1 + b % WABA_WEBHOOK_TLS_OTHER);
		a->reason = waba_webhook_scrub(o, why, strlen(why));
		return;
	}
	a->body = waba_xstrdup(body); /* raw, as the probe keeps it for the challenge */
	a->body_len = strlen(body);
	if (a->status >= 300 && a->status < 400)
		a->location = waba_webhook_scrub(o, loc, strlen(loc));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_webhook_options o;
	struct waba_webhook_result res;
	struct waba_report r = WABA_REPORT_INIT;
	char *f[4];
	if (size > FUZZ_MAX_INPUT || size < 4)
		return 0;
	waba_webhook_options_init(&o, fuzz_checklist());
	o.verify_token = TOKEN;
	o.app_secret = SECRET;
	o.probes = 2;
	fuzz_split(f, 4, data + 4, size - 4, '\n'); /* body, Location, error text, certificate date */
	memset(&res, 0, sizeof(res));
	res.url = waba_xstrdup("https://bot.example.com/wa");
	res.now = 1700000000;
	res.tls.known = data[0] & 1;
	res.tls.not_after = waba_webhook_cert_date(f[3]);
	res.tls.self_signed = (data[0] >> 1) & 1;
	res.posts = waba_xcalloc(2, sizeof(*res.posts));
	res.nposts = 2;
	answer(&res.posts[0], &o, data[1], f[0], f[1], f[2]);
	answer(&res.posts[1], &o, data[2], f[0], f[1], f[2]);
	res.handshake = 1;
	res.challenge = waba_xstrdup("0123abcd");
	answer(&res.hs_right, &o, data[3], f[0], f[1], f[2]);
	answer(&res.hs_wrong, &o, data[3] >> 4, f[0], f[1], f[2]);
	res.signatures = 1;
	answer(&res.sig_none, &o, data[1] >> 4, f[0], f[1], f[2]);
	answer(&res.sig_bad, &o, data[2] >> 4, f[0], f[1], f[2]);
	waba_check_webhook(&r, &o, &res);
	for (size_t i = 0; i < r.findings.len; i++) {
		const struct waba_finding *x = &r.findings.v[i];
		const char *hint = waba_finding_hint(x);
		FUZZ_ASSERT(!strstr(x->message, TOKEN) && !strstr(x->message, SECRET), "a secret leaked into %s: %s",
		            x->rule->id, x->message);
		FUZZ_ASSERT(!hint || (!strstr(hint, TOKEN) && !strstr(hint, SECRET)), "a secret leaked into a hint");
	}
	fuzz_render_all(&r);
	waba_report_release(&r);
	waba_webhook_result_release(&res);
	fuzz_fields_free(f, 4);
	return 0;
}
