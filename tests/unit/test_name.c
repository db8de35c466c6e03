/* test_name.c: the name.* rules on every example name with a verdict in the policy notes
 * (Meta's display-name guidelines G2 and G1, WhatsApp's naming FAQ; policy §1), and the
 * brand read from HTML pages. */
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/name.h"

/* Findings at warning or error, except the "not compared" note. */
static size_t serious(const struct waba_report *r)
{
	return waba_findings_count(&r->findings, WABA_SEV_WARNING);
}

static void check(struct waba_report *r, const char *name, const char *legal, const struct waba_site_brand *site)
{
	struct waba_name_context ctx = { legal, site, NULL, NULL, NULL };
	struct waba_report empty = WABA_REPORT_INIT;
	*r = empty;
	assert_int_equal(waba_check_name(r, name, &ctx, test_checklist()), 0);
	assert_int_equal(r->nitems, 1);
}

/* Meta's "Accepted" examples: nothing at warning or error. */
static void test_accepted_examples(void **state)
{
	static const char *const names[] = {
		/* G2, compliance with policies */
		"Sarah's Sporting Goods Shop",
		/* G2, accurate representation */
		"Fresh Produce Boston", "Fresh Produce Customer Service Department", "Fresh Produce by Global Grocers Inc.",
		"Tom Ford Chiropractor",
		/* G2, relationship and consistency */
		"Fruit Snacks by Fresh Produce", "Fresh Produce Cold Pressed Juices", "Fresh Produce Cold Pressed Juices Mexico.",
		"Fresh Produce Juices - Jessica", "Fresh Produce Juices", "FP Cold Pressed Juices", "FPCP Juices",
		"XY Fresh Cold Pressed Juices Service New York",
		/* WhatsApp FAQ */
		"ABC Wine Glasses", "Tammy's Burritos and Tacos", "Lil' Cupcakes",
		/* ours */
		"Casa Aurora Móveis", "Padaria Pão de Ouro", "Mueblería Los Andes",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct waba_report r;
		check(&r, names[i], NULL, NULL);
		if (serious(&r))
			fail_msg("'%s' is accepted by Meta but got [%s]: %s", names[i], test_rule_list(&r.findings),
			         r.findings.v[0].message);
		assert_true(test_find_rule(&r.findings, "name.relation.unverified") >= 0);
		waba_report_release(&r);
	}
}

/* Meta's "Not accepted" examples, each with the rule that catches it. */
static void test_rejected_examples(void **state)
{
	static const struct { const char *name, *rule; enum waba_severity sev; } rows[] = {
		{ "Sarah's Sporting Goods Shop – Guns department", "name.policy.prohibited", WABA_SEV_WARNING },
		{ "Tom Ford Nike", "name.person", WABA_SEV_WARNING },
		{ "Fashion", "name.generic", WABA_SEV_ERROR },
		{ "New York", "name.place", WABA_SEV_ERROR },
		{ "Fresh Produce official account", "name.official", WABA_SEV_ERROR },
		{ "Verified Minni's Muffins", "name.official", WABA_SEV_ERROR },
		{ "Minni's Muffins - Meta", "name.meta_brand", WABA_SEV_ERROR },
		{ "Minni's Muffins WhatsApp", "name.meta_brand", WABA_SEV_ERROR },
		{ "Minni's Muffins pop-up on Facebook", "name.meta_brand", WABA_SEV_ERROR },
		{ "Sarah's Sporting Goods – 20% off sale", "name.promotional", WABA_SEV_ERROR },
		{ "Sarah's Sporting Goods: Best rated sporting goods store in Texas, US", "name.promotional", WABA_SEV_ERROR },
		{ "https://minnismuffins.net", "name.url", WABA_SEV_ERROR },
		{ "sarahssportinggoods.com", "name.url", WABA_SEV_ERROR },
		{ "hello@freshproducejuices.com", "name.url", WABA_SEV_ERROR },
		{ "Digital Cloud Solutions", "name.generic", WABA_SEV_ERROR },
		{ "Juice", "name.generic", WABA_SEV_ERROR },
		/* WhatsApp FAQ */
		{ "SWEET TREATS", "name.caps.all", WABA_SEV_WARNING },
		{ "Tammy's Burritos And Tacos", "name.caps.minor_word", WABA_SEV_WARNING },
		/* G1 / §1.2 reasons and the FAQ's character rules, in Portuguese and Spanish */
		{ "Mariana Ferreira", "name.person", WABA_SEV_WARNING },
		{ "Moda", "name.generic", WABA_SEV_ERROR },
		{ "Loja de Móveis", "name.generic", WABA_SEV_ERROR },
		{ "São Paulo", "name.place", WABA_SEV_ERROR },
		{ "Buenos Aires", "name.place", WABA_SEV_ERROR },
		{ "Casa Aurora Oficial", "name.official", WABA_SEV_ERROR },
		{ "Casa Aurora Zapzap", "name.meta_brand", WABA_SEV_ERROR },
		{ "Casa Aurora Promoção", "name.promotional", WABA_SEV_ERROR },
		{ "Casa Aurora 30% de desconto", "name.promotional", WABA_SEV_ERROR },
		{ "Melhor Loja Aurora", "name.promotional", WABA_SEV_ERROR },
		{ "www.casaaurora.com.br", "name.url", WABA_SEV_ERROR },
		{ "Casa Aurora \xf0\x9f\x9b\x8b", "name.emoji", WABA_SEV_ERROR },
		{ "Casa Aurora\xc2\xae", "name.symbols", WABA_SEV_WARNING },
		{ "Casa Aurora!!", "name.punctuation", WABA_SEV_WARNING },
		{ "Casa Aurora (SP)", "name.punctuation", WABA_SEV_WARNING },
		{ "Casa  Aurora", "name.whitespace", WABA_SEV_WARNING },
		{ " Casa Aurora", "name.whitespace", WABA_SEV_WARNING },
		{ "CASA AURORA MÓVEIS", "name.caps.all", WABA_SEV_WARNING },
		{ "casa aurora móveis", "name.caps.lower", WABA_SEV_WARNING },
		{ "CaSa AuRoRa", "name.caps.random", WABA_SEV_WARNING },
		{ "Doces Da Vovó Aurora", "name.caps.minor_word", WABA_SEV_WARNING },
		{ "AB", "name.length.min", WABA_SEV_ERROR },
		{ "123-456", "name.no_letters", WABA_SEV_ERROR },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_report r;
		check(&r, rows[i].name, NULL, NULL);
		int k = test_find_rule(&r.findings, rows[i].rule);
		if (k < 0)
			fail_msg("'%s': expected %s, got [%s]", rows[i].name, rows[i].rule, test_rule_list(&r.findings));
		assert_int_equal(r.findings.v[k].severity, rows[i].sev);
		waba_report_release(&r);
	}
}

static void test_length_max_and_encoding(void **state)
{
	struct waba_report r;
	char longname[400];
	(void)state;
	memset(longname, 'a', sizeof(longname) - 1);
	memcpy(longname, "Casa ", 5);
	longname[sizeof(longname) - 1] = 0;
	check(&r, longname, NULL, NULL);
	assert_true(test_find_rule(&r.findings, "name.length.max") >= 0);
	waba_report_release(&r);
	check(&r, "Casa \xe1urora", NULL, NULL);
	assert_true(test_find_rule(&r.findings, "input.encoding") >= 0);
	waba_report_release(&r);
}

static void test_legal_name(void **state)
{
	static const struct { const char *name, *legal; int mismatch; } rows[] = {
		{ "Casa Aurora Móveis", "Casa Aurora Móveis e Decoração Ltda.", 0 },
		{ "Aurora Móveis", "CASA AURORA MOVEIS LTDA", 0 },
		{ "FP Cold Pressed Juices", "Fresh Produce Inc.", 0 },   /* initials */
		{ "Fruit Snacks by Fresh Produce", "Fresh Produce Inc.", 0 },
		{ "Commercial Air", "Global Voyager Ltd.", 1 },          /* Meta's example of a subsidiary */
		{ "Casa Aurora Móveis", "Mobiliadora Paulista Comércio Ltda.", 1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_report r;
		check(&r, rows[i].name, rows[i].legal, NULL);
		int k = test_find_rule(&r.findings, "name.business.mismatch");
		if ((k >= 0) != rows[i].mismatch)
			fail_msg("'%s' vs '%s': [%s]", rows[i].name, rows[i].legal, test_rule_list(&r.findings));
		assert_true(test_find_rule(&r.findings, "name.relation.unverified") < 0);
		cJSON *legal = cJSON_GetObjectItemCaseSensitive(r.items[0].json, "legal_name");
		assert_string_equal(legal->valuestring, rows[i].legal);
		waba_report_release(&r);
	}
}

static void test_site_parse(void **state)
{
	static const char page[] =
	        "<!doctype html><html><head><meta charset=\"utf-8\">\n"
	        "<title>\n  Casa Aurora Móveis | Móveis planejados em São Paulo\n</title>\n"
	        "<meta property=\"og:site_name\" content=\"Casa Aurora\">\n"
	        "<meta property=\"og:title\" content=\"Sofás e mesas\">\n"
	        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
	        "{\"@type\":\"WebSite\",\"name\":\"Site\"},"
	        "{\"@type\":[\"FurnitureStore\"],\"name\":\"Casa Aurora Móveis\",\"legalName\":\"Casa Aurora Móveis e Decoração Ltda.\"}]}"
	        "</script><script type=\"application/ld+json\">{ broken</script>\n"
	        "</head><body><p>oi<title>not this</title></body></html>";
	struct waba_site_brand b;
	(void)state;
	waba_site_parse(&b, "https://www.casaaurora.com.br/", page, sizeof(page) - 1);
	assert_string_equal(b.title, "Casa Aurora Móveis | Móveis planejados em São Paulo");
	assert_string_equal(b.og_site_name, "Casa Aurora");
	assert_string_equal(b.og_title, "Sofás e mesas");
	assert_int_equal(b.norg, 2);
	assert_string_equal(b.org_names[0], "Casa Aurora Móveis");
	assert_string_equal(b.org_names[1], "Casa Aurora Móveis e Decoração Ltda.");
	waba_site_brand_release(&b);

	/* any bytes: no crash, empty brand */
	waba_site_parse(&b, "x", "\xff\xfe<<<\0>>", 9);
	assert_null(b.title);
	assert_int_equal(b.norg, 0);
	waba_site_brand_release(&b);
}

static void test_site_compare(void **state)
{
	static char url[] = "https://freshproduce.example/", title[] = "Fresh Produce Cold Pressed Juices",
	            site_name[] = "CASA AURORA MOVEIS";
	struct waba_site_brand b = { 0 };
	struct waba_report r;
	(void)state;
	b.url = url;
	b.title = title;
	check(&r, "Fresh Produce Juices", NULL, &b);
	assert_true(test_find_rule(&r.findings, "name.website.match") >= 0);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r.items[0].json, "website_match")));
	/* the typed result the JSON is written from, with its own copy of the page's brand */
	const struct waba_name_result *res = waba_report_name(&r, 0);
	assert_non_null(res);
	assert_int_equal(res->website_match, 1);
	assert_int_equal(res->length, 20);
	assert_null(res->legal_name);
	assert_true(res->website && res->website->title != title);
	assert_string_equal(res->website->title, title);
	waba_report_release(&r);
	check(&r, "Café X", "Café X Ltda", NULL);
	res = waba_report_name(&r, 0);
	assert_int_equal(res->length, 6); /* characters */
	assert_string_equal(res->legal_name, "Café X Ltda");
	assert_null(res->website);
	assert_int_equal(res->website_match, -1);
	waba_report_release(&r);

	check(&r, "Digital Cloud Solutions", NULL, &b);
	int k = test_find_rule(&r.findings, "name.website.mismatch");
	assert_true(k >= 0);
	assert_non_null(strstr(r.findings.v[k].message, "<title> 'Fresh Produce Cold Pressed Juices'"));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r.items[0].json, "website_match")));
	waba_report_release(&r);

	/* accents and case fold: "MOVEIS" on the site matches "Móveis" */
	b.title = NULL;
	b.og_site_name = site_name;
	check(&r, "Casa Aurora Móveis", NULL, &b);
	assert_true(test_find_rule(&r.findings, "name.website.match") >= 0);
	waba_report_release(&r);

	b.og_site_name = NULL;
	check(&r, "Casa Aurora Móveis", NULL, &b);
	assert_true(test_find_rule(&r.findings, "name.website.no_brand") >= 0);
	waba_report_release(&r);
}

/* From an application file, findings point into the file, inside the string. */
static void test_from_application(void **state)
{
	static const char doc[] = "{\n  \"legal_name\": \"Casa Aurora Ltda.\",\n  \"display_name\": \"Casa Aurora \\u00c9 WhatsApp\"\n}";
	struct waba_source src;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_application *app;
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	waba_source_from_mem(&src, "app.json", doc, sizeof(doc) - 1);
	waba_application_parse(&app, &src, &fs);
	waba_check_name_app(&r, app, NULL, test_checklist());
	int k = test_find_rule(&r.findings, "name.meta_brand");
	assert_true(k >= 0);
	assert_string_equal(r.findings.v[k].loc.file, "app.json");
	assert_int_equal(r.findings.v[k].loc.line, 3);
	assert_int_equal(r.findings.v[k].loc.column, 39); /* after "Casa Aurora \u00c9 " */
	assert_string_equal(r.items[0].file, "app.json");
	waba_report_release(&r);
	waba_application_free(app);
	waba_findings_release(&fs);
	waba_source_release(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted_examples),
		cmocka_unit_test(test_rejected_examples),
		cmocka_unit_test(test_length_max_and_encoding),
		cmocka_unit_test(test_legal_name),
		cmocka_unit_test(test_site_parse),
		cmocka_unit_test(test_site_compare),
		cmocka_unit_test(test_from_application),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
