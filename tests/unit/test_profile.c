/* test_profile.c: the profile.* rules at their limits, each as Meta states it (policy §3). */
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/profile.h"

/* A profile with `about` of n characters ("é" counts one) and the given extra profile members. */
static void run(struct waba_report *r, const char *profile_json)
{
	char *doc = waba_xasprintf("{\"website\": \"https://www.casaaurora.com.br\", \"profile\": %s}", profile_json);
	struct waba_source src;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_application *app;
	struct waba_report empty = WABA_REPORT_INIT;
	*r = empty;
	waba_source_from_mem(&src, "app.json", doc, strlen(doc));
	waba_application_parse(&app, &src, &fs);
	assert_int_equal(waba_check_profile(r, app, test_checklist()), 0);
	assert_int_equal(r->nitems, 1);
	waba_application_free(app);
	waba_findings_release(&fs);
	waba_source_release(&src);
	free(doc);
}

static char *repeat(const char *unit, size_t n)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		waba_strbuf_adds(&sb, unit);
	return waba_strbuf_detach(&sb);
}

static void expect(const char *profile, const char *rule, int present)
{
	struct waba_report r;
	run(&r, profile);
	if ((test_find_rule(&r.findings, rule) >= 0) != present)
		fail_msg("%s: %s expected %s, got [%s]", profile, rule, present ? "present" : "absent",
		         test_rule_list(&r.findings));
	waba_report_release(&r);
}

static void test_lengths_at_the_limits(void **state)
{
	static const struct { const char *field; size_t ok, bad; const char *rule; } rows[] = {
		{ "about", 139, 140, "profile.about.length" },
		{ "address", 256, 257, "profile.address.length" },
		{ "description", 512, 513, "profile.description.length" },
		{ "description", 256, 257, "profile.description.bsp_length" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		for (int bad = 0; bad <= 1; bad++) {
			char *text = repeat("é", bad ? rows[i].bad : rows[i].ok); /* code points, not bytes */
			char *p = strcmp(rows[i].field, "about") == 0
			                  ? waba_xasprintf("{\"about\": \"%s\", \"email\": \"a@casaaurora.com.br\"}", text)
			                  : waba_xasprintf("{\"about\": \"x\", \"%s\": \"%s\", \"email\": \"a@casaaurora.com.br\"}",
			                                   rows[i].field, text);
			expect(p, rows[i].rule, bad);
			free(p);
			free(text);
		}
	}
	expect("{\"about\": \"\"}", "profile.about.length", 1);
	expect("{\"email\": \"a@casaaurora.com.br\"}", "profile.about.length", 1);
}

/* The typed result the "profile" item's JSON is written from. */
static void test_result(void **state)
{
	(void)state;
	struct waba_report r;
	run(&r, "{\"about\": \"Moda é\", \"websites\": [\"https://a.com.br\"], \"vertical\": \"APPAREL\"}");
	const struct waba_profile_result *res = waba_report_profile(&r, 0);
	assert_non_null(res);
	assert_string_equal(res->input, "app.json");
	assert_int_equal(res->about_length, 6); /* characters */
	assert_int_equal(res->address_length, -1);
	assert_null(res->email);
	assert_int_equal(res->nwebsites, 1);
	assert_string_equal(res->websites[0], "https://a.com.br");
	assert_string_equal(res->vertical, "APPAREL");
	assert_non_null(res->vertical_label);
	const cJSON *lab = cJSON_GetObjectItemCaseSensitive(r.items[0].json, "vertical_label");
	assert_string_equal(lab->valuestring, res->vertical_label);
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r.items[0].json, "address_length")));
	waba_report_release(&r);
	run(&r, "{\"about\": \"x\", \"vertical\": \"NOT_ONE\"}");
	assert_null(waba_report_profile(&r, 0)->vertical_label);
	waba_report_release(&r);
}

static void test_websites(void **state)
{
	(void)state;
	char *path = repeat("a", 256 - strlen("https://casaaurora.com.br/"));
	char *p = waba_xasprintf("{\"about\": \"x\", \"websites\": [\"https://casaaurora.com.br/%s\"]}", path);
	expect(p, "profile.websites.length", 0);
	free(p);
	p = waba_xasprintf("{\"about\": \"x\", \"websites\": [\"https://casaaurora.com.br/%sa\"]}", path);
	expect(p, "profile.websites.length", 1);
	free(p);
	free(path);
	expect("{\"about\": \"x\", \"websites\": [\"https://a.com.br\", \"http://b.com.br\"]}", "profile.websites.count", 0);
	expect("{\"about\": \"x\", \"websites\": [\"https://a.com.br\", \"http://b.com.br\", \"https://c.com.br\"]}",
	       "profile.websites.count", 1);
	expect("{\"about\": \"x\", \"websites\": [\"casaaurora.com.br\"]}", "profile.websites.scheme", 1);
	expect("{\"about\": \"x\", \"websites\": [\"https://\"]}", "profile.websites.scheme", 1);
	expect("{\"about\": \"x\", \"websites\": [\"HTTPS://casaaurora.com.br\"]}", "profile.websites.scheme", 0);
	expect("{\"about\": \"x\"}", "profile.contact.missing", 1);
	expect("{\"about\": \"x\", \"websites\": [\"https://a.com.br\"]}", "profile.contact.missing", 0);
}

static void test_email(void **state)
{
	(void)state;
	expect("{\"about\": \"x\", \"email\": \"contato@casaaurora.com.br\"}", "profile.email.domain", 0);
	expect("{\"about\": \"x\", \"email\": \"vendas@loja.casaaurora.com.br\"}", "profile.email.domain", 0);
	expect("{\"about\": \"x\", \"email\": \"casaaurora@gmail.com\"}", "profile.email.domain", 1);
	expect("{\"about\": \"x\", \"email\": \"contato@aurora.com.br\"}", "profile.email.domain", 1);
	expect("{\"about\": \"x\", \"email\": \"contato@@casaaurora.com.br\"}", "profile.email.format", 1);
	expect("{\"about\": \"x\", \"email\": \"contato casaaurora.com.br\"}", "profile.email.format", 1);
	char *local = repeat("a", 128 - strlen("@casaaurora.com.br"));
	char *p = waba_xasprintf("{\"about\": \"x\", \"email\": \"%s@casaaurora.com.br\"}", local);
	expect(p, "profile.email.format", 0);
	free(p);
	p = waba_xasprintf("{\"about\": \"x\", \"email\": \"%sa@casaaurora.com.br\"}", local);
	expect(p, "profile.email.format", 1);
	free(p);
	free(local);
}

static void test_vertical(void **state)
{
	struct waba_report r;
	(void)state;
	expect("{\"about\": \"x\", \"vertical\": \"RETAIL\"}", "profile.vertical.value", 0);
	expect("{\"about\": \"x\", \"vertical\": \"ALCOHOL\"}", "profile.vertical.regulated", 1);
	expect("{\"about\": \"x\", \"vertical\": \"NOT_A_BIZ\"}", "profile.vertical.legacy", 1);
	expect("{\"about\": \"x\"}", "profile.vertical.missing", 1);
	run(&r, "{\"about\": \"x\", \"vertical\": \"retail\"}");
	int k = test_find_rule(&r.findings, "profile.vertical.value");
	assert_true(k >= 0);
	assert_string_equal(waba_finding_hint(&r.findings.v[k]), "write it as 'RETAIL'");
	waba_report_release(&r);
	run(&r, "{\"about\": \"x\", \"category\": \"Compras e varejo\"}");
	k = test_find_rule(&r.findings, "profile.vertical.value");
	assert_true(k >= 0);
	assert_string_equal(waba_finding_hint(&r.findings.v[k]), "write it as 'RETAIL'");
	waba_report_release(&r);
}

static void test_markdown(void **state)
{
	(void)state;
	expect("{\"about\": \"*Promoção* de sofás\"}", "profile.about.markdown", 1);
	expect("{\"about\": \"```código```\"}", "profile.about.markdown", 1);
	expect("{\"about\": \"Sofás 3 * 2 lugares\"}", "profile.about.markdown", 0);
	expect("{\"about\": \"contato_loja\"}", "profile.about.markdown", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lengths_at_the_limits),
		cmocka_unit_test(test_websites), cmocka_unit_test(test_result),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_vertical),
		cmocka_unit_test(test_markdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
