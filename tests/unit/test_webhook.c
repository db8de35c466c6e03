/* test_webhook.c: the pure parts of the webhook check: the signature (RFC 4231 vectors),
 * the payload's shape, and the webhook.* findings for hand-built probe results (the
 * network side is tested end to end in tests/webhook/). */
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/webhook.h"

static void test_signature_rfc4231(void **state)
{
	(void)state;
	/* RFC 4231 test case 2 (HMAC-SHA-256) */
	const char *data = "what do ya want for nothing?";
	char *s = waba_webhook_signature("Jefe", data, strlen(data));
	assert_string_equal(s, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	free(s);
	s = waba_webhook_signature("other", data, strlen(data));
	assert_string_not_equal(s, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	free(s);
}

static void test_payload_shape(void **state)
{
	(void)state;
	char *p = waba_webhook_payload(3, 1700000000);
	cJSON *root = cJSON_Parse(p);
	assert_non_null(root);
	assert_string_equal(cJSON_GetObjectItem(root, "object")->valuestring, "whatsapp_business_account");
	cJSON *change = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "entry"), 0),
	                                                       "changes"), 0);
	assert_string_equal(cJSON_GetObjectItem(change, "field")->valuestring, "messages");
	cJSON *value = cJSON_GetObjectItem(change, "value");
	assert_string_equal(cJSON_GetObjectItem(value, "messaging_product")->valuestring, "whatsapp");
	cJSON *msg = cJSON_GetArrayItem(cJSON_GetObjectItem(value, "messages"), 0);
	assert_string_equal(cJSON_GetObjectItem(msg, "type")->valuestring, "text");
	assert_string_equal(cJSON_GetObjectItem(msg, "timestamp")->valuestring, "1700000000");
	assert_non_null(strstr(cJSON_GetObjectItem(cJSON_GetObjectItem(msg, "text"), "body")->valuestring, "message 3"));
	cJSON_Delete(root);
	free(p);
}

/* A result of n POSTs answered `status` in `ms` each. */
static void result(struct waba_webhook_result *r, size_t n, const long *status, const long *ms)
{
	memset(r, 0, sizeof(*r));
	r->url = strdup("https://bot.example.com/wa");
	r->now = 1700000000;
	r->tls.known = 1;
	r->tls.version = strdup("TLSv1.3");
	r->tls.version_ok = 1;
	r->tls.not_after = r->now + 90 * 86400;
	r->posts = calloc(n, sizeof(*r->posts));
	r->nposts = n;
	for (size_t i = 0; i < n; i++) {
		r->posts[i].done = 1;
		r->posts[i].status = status[i];
		r->posts[i].ms = ms[i];
	}
}

static void run(struct waba_report *rep, struct waba_webhook_options *o, struct waba_webhook_result *r)
{
	struct waba_report empty = WABA_REPORT_INIT;
	*rep = empty;
	waba_check_webhook(rep, o, r);
	assert_int_equal(rep->nitems, 1);
}

static void test_latency_and_status(void **state)
{
	(void)state;
	struct waba_webhook_options o;
	struct waba_webhook_result r;
	struct waba_report rep;
	waba_webhook_options_init(&o, test_checklist());
	assert_int_equal(o.probes, 5);
	assert_int_equal(o.error_ms, 2000);
	assert_int_equal(o.warn_ms, 1000);
	const long ok[] = { 200, 200, 500, 200, 301 }, ms[] = { 100, 2500, 1200, 90, 80 };
	result(&r, 5, ok, ms);
	run(&rep, &o, &r);
	const struct waba_findings *fs = &rep.findings;
	assert_int_equal(test_count_rule(fs, "webhook.post.status"), 1);
	assert_int_equal(test_count_rule(fs, "webhook.redirect"), 1);
	assert_int_equal(test_count_rule(fs, "webhook.latency.over_limit"), 1);
	assert_int_equal(test_count_rule(fs, "webhook.latency.slow"), 1);
	int i = test_find_rule(fs, "webhook.latency.figures");
	assert_true(i >= 0);
	assert_non_null(strstr(fs->v[i].message, "median 100 ms, maximum 2500 ms"));
	assert_int_equal(cJSON_GetObjectItem(rep.items[0].json, "median_ms")->valueint, 100);
	waba_report_release(&rep);
	/* an even count: the median is the mean of the middle two */
	const long s4[] = { 200, 200, 200, 200 }, m4[] = { 10, 40, 20, 30 };
	waba_webhook_result_release(&r);
	result(&r, 4, s4, m4);
	run(&rep, &o, &r);
	assert_int_equal(cJSON_GetObjectItem(rep.items[0].json, "median_ms")->valueint, 25);
	assert_int_equal(waba_findings_count(&rep.findings, WABA_SEV_WARNING), 0);
	waba_report_release(&rep);
	waba_webhook_result_release(&r);
}

static void test_certificate(void **state)
{
	(void)state;
	struct waba_webhook_options o;
	struct waba_webhook_result r;
	struct waba_report rep;
	const long s[] = { 200 }, m[] = { 50 };
	waba_webhook_options_init(&o, test_checklist());
	result(&r, 1, s, m);
	r.tls.not_after = r.now + 10 * 86400 + 3600; /* 2023-11-24 */
	r.tls.self_signed = 1;
	r.tls.subject = strdup("/CN=bot");
	run(&rep, &o, &r);
	int i = test_find_rule(&rep.findings, "webhook.tls.expiring");
	assert_true(i >= 0);
	assert_non_null(strstr(rep.findings.v[i].message, "2023-11-24, in 10 days"));
	assert_true(test_find_rule(&rep.findings, "webhook.tls.self_signed") >= 0);
	waba_report_release(&rep);
	waba_webhook_result_release(&r);
}

static void test_handshake_and_signatures(void **state)
{
	(void)state;
	struct waba_webhook_options o;
	struct waba_webhook_result r;
	struct waba_report rep;
	const long s[] = { 200 }, m[] = { 50 };
	waba_webhook_options_init(&o, test_checklist());
	o.verify_token = "t";
	o.app_secret = "k";
	result(&r, 1, s, m);
	r.handshake = 1;
	r.challenge = strdup("abc123");
	r.hs_right = (struct waba_webhook_answer){ .done = 1, .status = 200, .body = strdup("\"abc123\""), .body_len = 8 };
	r.hs_wrong = (struct waba_webhook_answer){ .done = 1, .status = 200, .body = strdup("abc123"), .body_len = 6 };
	r.signatures = 1;
	r.sig_none = (struct waba_webhook_answer){ .done = 1, .status = 200 };
	r.sig_bad = (struct waba_webhook_answer){ .done = 1, .status = 403 };
	run(&rep, &o, &r);
	assert_true(test_find_rule(&rep.findings, "webhook.handshake.challenge") >= 0);
	assert_true(test_find_rule(&rep.findings, "webhook.handshake.any_token") >= 0);
	assert_true(test_find_rule(&rep.findings, "webhook.signature.unsigned_accepted") >= 0);
	assert_int_equal(test_find_rule(&rep.findings, "webhook.signature.forged_accepted"), -1);
	assert_string_equal(cJSON_GetObjectItem(rep.items[0].json, "handshake")->valuestring, "failed");
	assert_string_equal(cJSON_GetObjectItem(rep.items[0].json, "signatures")->valuestring, "not_verified");
	waba_report_release(&rep);
	waba_webhook_result_release(&r);
}

static void test_connection_failure(void **state)
{
	(void)state;
	struct waba_webhook_options o;
	struct waba_webhook_result r;
	struct waba_report rep;
	const long s[] = { 0 }, m[] = { 0 };
	waba_webhook_options_init(&o, test_checklist());
	result(&r, 1, s, m);
	r.tls.known = 0;
	r.stopped = 1;
	r.posts[0].fail = WABA_WEBHOOK_DNS;
	r.posts[0].reason = strdup("Could not resolve host: bot.example.invalid");
	run(&rep, &o, &r);
	int i = test_find_rule(&rep.findings, "webhook.connect");
	assert_true(i >= 0);
	assert_non_null(strstr(rep.findings.v[i].message, "(DNS)"));
	assert_int_equal(test_find_rule(&rep.findings, "webhook.latency.figures"), -1);
	assert_int_equal(test_find_rule(&rep.findings, "webhook.handshake.unchecked"), -1);
	waba_report_release(&rep);
	waba_webhook_result_release(&r);
}

static void test_secret_checks(void **state)
{
	(void)state;
	assert_int_equal(waba_secret_check("a secret with spaces", "x", &waba_webhook_secret_rules), 0);
	assert_true(waba_secret_check("", "x", &waba_webhook_secret_rules) < 0);
	assert_true(waba_secret_check("two\nlines", "x", &waba_webhook_secret_rules) < 0);
	assert_null(strstr(waba_error_last(), "two"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signature_rfc4231),   cmocka_unit_test(test_payload_shape),
		cmocka_unit_test(test_latency_and_status),  cmocka_unit_test(test_certificate),
		cmocka_unit_test(test_handshake_and_signatures), cmocka_unit_test(test_connection_failure),
		cmocka_unit_test(test_secret_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
