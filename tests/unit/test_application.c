/* test_application.c: the application file parser (shape findings, locations, round trip). */
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/application.h"
#include "waba/suggest.h"

struct parsed {
	struct waba_source src;
	struct waba_findings fs;
	struct waba_application *app;
};

static void parse(struct parsed *p, const char *json)
{
	struct waba_findings empty = WABA_FINDINGS_INIT;
	p->fs = empty;
	waba_source_from_mem(&p->src, "app.json", json, strlen(json));
	assert_int_equal(waba_application_parse(&p->app, &p->src, &p->fs), 0);
	assert_non_null(p->app);
}

static void parse_example(struct parsed *p)
{
	struct waba_findings empty = WABA_FINDINGS_INIT;
	p->fs = empty;
	assert_int_equal(waba_source_read(&p->src, WABA_TEST_DATA "/../examples/application.json", WABA_SOURCE_MAX), 0);
	assert_int_equal(waba_application_parse(&p->app, &p->src, &p->fs), 0);
}

static void release(struct parsed *p)
{
	waba_application_free(p->app);
	waba_findings_release(&p->fs);
	waba_source_release(&p->src);
}

static void test_example_file_parses_clean(void **state)
{
	struct parsed p;
	(void)state;
	parse_example(&p);
	if (p.fs.len)
		fail_msg("example has findings: %s (%s)", test_rule_list(&p.fs), p.fs.v[0].message);
	assert_true(p.app->readable);
	assert_string_equal(p.app->business_id.value, "175601379772329");
	assert_string_equal(p.app->display_name.value, "Casa Aurora Móveis");
	assert_int_equal(p.app->nnumbers, 1);
	assert_int_equal(p.app->numbers[0].used, WABA_USED_WHATSAPP_NO);
	assert_string_equal(p.app->profile.vertical.value, "RETAIL");
	assert_int_equal(p.app->profile.nwebsites, 2);
	assert_int_equal(p.app->ntemplates, 2);
	assert_non_null(p.app->answers);
	/* every field knows where it is: display_name is on line 5, its value at column 19 */
	struct waba_loc loc = waba_application_loc(p.app, &p.app->display_name);
	assert_int_equal(loc.line, 5);
	assert_int_equal(loc.column, 19);
	release(&p);
}

static const char MINIMAL_HEAD[] = "{\"business_id\": \"175601379772329\", \"legal_name\": \"L\", \"display_name\": \"D\",\n"
                                   " \"numbers\": [{\"number\": \"+5511\"}], \"photo\": \"p.png\",\n"
                                   " \"contact\": {\"name\": \"N\", \"email\": \"e@x.br\"},\n";

/* Each row: a document, the rule it must raise, and where (line, column). */
static void test_shape_findings(void **state)
{
	static const struct { const char *tail; const char *rule; unsigned line, col; const char *in_msg; } rows[] = {
		{ " \"profile\": {\"emial\": \"a@b.c\"}}", "input.application.unknown_key", 4, 14, "'emial' in 'profile'" },
		{ " \"profile\": {}, \"lenguage\": \"pt\"}", "input.application.unknown_key", 4, 17, "'lenguage'" },
		{ " \"profile\": {\"websites\": \"https://x.br\"}}", "input.application.type", 4, 26, "'profile.websites' must be an array" },
		{ " \"profile\": {\"websites\": [\"https://x.br\", 3]}}", "input.application.type", 4, 43, "'profile.websites[1]'" },
		{ " \"profile\": {}, \"language\": \"br\"}", "input.application.value", 4, 29, "'language' is 'br'" },
		{ " \"profile\": {}, \"templates\": {}}", "input.application.type", 4, 30, "'templates' must be an array" },
		{ " \"profile\": {}, \"photo\": \"q.png\"}", "input.application.duplicate_key", 4, 17, "first at line 2" },
		{ " \"profile\": []}", "input.application.type", 4, 13, "'profile' must be an object" },
		{ " \"profile\": {}, \"answers\": 1}", "input.application.type", 4, 28, "'answers' must be an object" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct parsed p;
		char *doc = waba_xasprintf("%s%s", MINIMAL_HEAD, rows[i].tail);
		parse(&p, doc);
		int k = test_find_rule(&p.fs, rows[i].rule);
		if (k < 0)
			fail_msg("row %zu: no %s in [%s]", i, rows[i].rule, test_rule_list(&p.fs));
		assert_int_equal(p.fs.len, 1);
		assert_int_equal(p.fs.v[k].loc.line, rows[i].line);
		assert_int_equal(p.fs.v[k].loc.column, rows[i].col);
		if (!strstr(p.fs.v[k].message, rows[i].in_msg))
			fail_msg("row %zu: message '%s' lacks '%s'", i, p.fs.v[k].message, rows[i].in_msg);
		release(&p);
		free(doc);
	}
}

static void test_did_you_mean(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"bussiness_id\": \"1\", \"displayname\": \"x\", \"zzz\": 1}");
	int k = test_find_rule(&p.fs, "input.application.unknown_key");
	assert_true(k >= 0);
	assert_string_equal(waba_finding_hint(&p.fs.v[k]), "did you mean 'business_id'?");
	assert_string_equal(waba_finding_hint(&p.fs.v[k + 1]), "did you mean 'display_name'?");
	/* nothing close: the rule's generic hint */
	assert_null(strstr(waba_finding_hint(&p.fs.v[k + 2]), "did you mean"));
	release(&p);
	static const char *const words[] = { "yes", "no", "unknown", NULL };
	assert_string_equal(waba_suggest("yess", words), "yes");
	assert_string_equal(waba_suggest("Unknwon", words), "unknown");
	assert_null(waba_suggest("x", words));
}

static void test_missing_required(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\n  \"legal_name\": \"Casa Aurora\",\n  \"numbers\": [],\n  \"contact\": {\"name\": \"M\"}\n}");
	/* business_id, display_name, photo, profile at the root; numbers empty; contact.email */
	assert_int_equal(test_count_rule(&p.fs, "input.application.missing"), 6);
	int k = test_find_rule(&p.fs, "input.application.missing");
	assert_string_equal(p.fs.v[k].message, "missing required field 'business_id'");
	assert_int_equal(p.fs.v[k].loc.line, 1);
	assert_int_equal(p.fs.v[k].loc.column, 1);
	int found = 0;
	for (size_t i = 0; i < p.fs.len; i++)
		if (strcmp(p.fs.v[i].message, "missing required field 'email' in 'contact'") == 0) {
			found = 1;
			assert_int_equal(p.fs.v[i].loc.line, 4);
			assert_int_equal(p.fs.v[i].loc.column, 14);
		}
	assert_true(found);
	release(&p);
}

static void test_number_id_and_bad_documents(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"business_id\": 175601379772329}");
	int k = test_find_rule(&p.fs, "input.application.type");
	assert_true(k >= 0);
	assert_non_null(strstr(waba_finding_hint(&p.fs.v[k]), "double quotes"));
	release(&p);

	parse(&p, "[1, 2]");
	assert_false(p.app->readable);
	assert_int_equal(p.fs.len, 1);
	assert_string_equal(p.fs.v[0].message, "the application must be a JSON object, not an array");
	release(&p);

	parse(&p, "{\"business_id\": \"1\",");
	assert_false(p.app->readable);
	assert_true(test_find_rule(&p.fs, "input.json.syntax") >= 0);
	release(&p);

	parse(&p, "{\"numbers\": [\"+55 11 3456-7890\", {\"number\": \"1\", \"used_whatsapp\": \"maybe\"}]}");
	assert_true(test_find_rule(&p.fs, "input.application.value") >= 0);
	assert_int_equal(p.app->nnumbers, 1); /* the string element is a type finding, not a number */
	assert_int_equal(p.app->numbers[0].used, WABA_USED_WHATSAPP_UNKNOWN);
	release(&p);
}

static void test_category_alias_and_comments(void **state)
{
	struct parsed p;
	(void)state;
	char *doc = waba_xasprintf("%s \"profile\": {\"$comment\": \"x\", \"category\": \"RETAIL\"}}", MINIMAL_HEAD);
	parse(&p, doc);
	assert_int_equal(p.fs.len, 0);
	assert_string_equal(p.app->profile.vertical.value, "RETAIL");
	release(&p);
	free(doc);
}

/* Location of a character inside a string with escapes: "Caf\u00e9 ✨" */
static void test_string_locations(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"display_name\": \"Caf\\u00e9 \xe2\x9c\xa8\"}");
	const struct waba_app_str *f = &p.app->display_name;
	size_t star = strlen("Café ");
	struct waba_loc loc = waba_application_str_loc(p.app, f, star, star + 3);
	assert_int_equal(loc.line, 1);
	assert_int_equal(loc.column, 29); /* 17 chars before the quote, "Caf\u00e9 " is 10 */
	release(&p);
}

static void test_round_trip(void **state)
{
	struct parsed p, q;
	(void)state;
	parse_example(&p);
	cJSON *j = waba_application_to_json(p.app);
	char *text = cJSON_Print(j);
	parse(&q, text);
	assert_int_equal(q.fs.len, 0);
	cJSON *j2 = waba_application_to_json(q.app);
	assert_true(cJSON_Compare(j, j2, 1));
	assert_string_equal(q.app->contact.email.value, "mariana.ferreira@casaaurora.com.br");
	/* the comments are notes, not data: they are not written back */
	assert_null(strstr(text, "$comment\": \"A filled-in"));
	cJSON_Delete(j);
	cJSON_Delete(j2);
	free(text);
	release(&q);
	release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_file_parses_clean),
		cmocka_unit_test(test_shape_findings),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_number_id_and_bad_documents),
		cmocka_unit_test(test_category_alias_and_comments),
		cmocka_unit_test(test_string_locations),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
