/* test_json_pos.c: JSON values mapped back to line and column; malformed input as findings. */
#include <string.h>
#include <stdlib.h>
#include "util.h"

static void parse(struct waba_source *src, struct waba_json *doc, struct waba_findings *fs, const char *text)
{
	waba_source_from_mem(src, "t.json", text, strlen(text));
	waba_json_parse(doc, src, fs);
}

static void test_positions_of_values_and_keys(void **state)
{
	struct waba_source src;
	struct waba_json doc;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	const char *text =
		"{\n"
		"  \"name\": \"order_update\",\n"
		"  \"components\": [\n"
		"    {\"type\": \"BODY\", \"text\": \"Olá {{1}}\"}\n"
		"  ]\n"
		"}\n";
	(void)state;
	parse(&src, &doc, &fs, text);
	assert_non_null(doc.root);
	assert_int_equal(fs.len, 0);
	cJSON *name = cJSON_GetObjectItem(doc.root, "name");
	struct waba_loc l = waba_json_loc(&doc, name);
	assert_int_equal(l.line, 2);
	assert_int_equal(l.column, 11);
	l = waba_json_key_loc(&doc, name);
	assert_int_equal(l.column, 3);
	cJSON *comp = cJSON_GetArrayItem(cJSON_GetObjectItem(doc.root, "components"), 0);
	cJSON *body = cJSON_GetObjectItem(comp, "text");
	l = waba_json_loc(&doc, body);
	assert_int_equal(l.line, 4);
	assert_int_equal(l.column, 30);
	/* "{{1}}" starts at decoded byte 5 ("Olá " is 5 bytes, 4 code points), i.e. column 35 */
	l = waba_json_string_loc(&doc, body, 5, 10);
	assert_int_equal(l.line, 4);
	assert_int_equal(l.column, 35);
	assert_int_equal(l.end_column, 40);
	waba_json_release(&doc);
	waba_source_release(&src);
}

static void test_escapes_are_counted_as_written(void **state)
{
	struct waba_source src;
	struct waba_json doc;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	/* \n is two characters in the file, one byte decoded; \u00e9 is six characters, two bytes */
	const char *text = "{\"t\": \"a\\nb\\u00e9 {{1}} \\ud83d\\ude00 {{2}}\"}";
	(void)state;
	parse(&src, &doc, &fs, text);
	assert_non_null(doc.root);
	cJSON *t = cJSON_GetObjectItem(doc.root, "t");
	const char *v = t->valuestring;
	size_t at = (size_t)(strstr(v, "{{1}}") - v);
	struct waba_loc l = waba_json_string_loc(&doc, t, at, at + 5);
	assert_int_equal(l.column, (unsigned)(strstr(text, "{{1}}") - text) + 1);
	at = (size_t)(strstr(v, "{{2}}") - v);
	l = waba_json_string_loc(&doc, t, at, at + 5);
	assert_int_equal(l.column, (unsigned)(strstr(text, "{{2}}") - text) + 1);
	waba_json_release(&doc);
	waba_source_release(&src);
}

static void test_malformed_input_is_a_finding(void **state)
{
	static const struct { const char *text; const char *rule; unsigned line, col; } rows[] = {
		{ "{\"a\": 1,}", "input.json.syntax", 1, 9 },
		{ "{\n  \"a\": tru\n}", "input.json.syntax", 2, 8 },
		{ "{\"a\": \"x\"", "input.json.syntax", 1, 10 },
		{ "", "input.json.syntax", 1, 1 },
		{ "{} trailing", "input.json.syntax", 1, 4 },
		{ "{\"a\": \"\xff\"}", "input.encoding", 1, 8 },
		{ "{\"a\": \"caf\xc3\"}", "input.encoding", 1, 11 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_source src;
		struct waba_json doc;
		struct waba_findings fs = WABA_FINDINGS_INIT;
		parse(&src, &doc, &fs, rows[i].text);
		assert_null(doc.root);
		assert_int_equal(fs.len, 1);
		assert_string_equal(fs.v[0].rule->id, rows[i].rule);
		if (fs.v[0].loc.line != rows[i].line || fs.v[0].loc.column != rows[i].col)
			fail_msg("row %zu: got %u:%u, want %u:%u (%s)", i, fs.v[0].loc.line, fs.v[0].loc.column,
			         rows[i].line, rows[i].col, fs.v[0].message);
		waba_findings_release(&fs);
		waba_json_release(&doc);
		waba_source_release(&src);
	}
}

static void test_nul_and_depth(void **state)
{
	struct waba_source src;
	struct waba_json doc;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	(void)state;
	waba_source_from_mem(&src, "t", "{\"a\"\0: 1}", 9);
	waba_json_parse(&doc, &src, &fs);
	assert_null(doc.root);
	assert_string_equal(fs.v[0].rule->id, "input.nul");
	waba_findings_release(&fs);
	waba_source_release(&src);

	size_t n = 100000;
	char *deep = waba_xmalloc(2 * n + 1);
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	deep[2 * n] = '\0';
	parse(&src, &doc, &fs, deep);
	assert_null(doc.root);
	assert_string_equal(fs.v[0].rule->id, "input.json.depth");
	waba_findings_release(&fs);
	waba_source_release(&src);
	free(deep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions_of_values_and_keys),
		cmocka_unit_test(test_escapes_are_counted_as_written),
		cmocka_unit_test(test_malformed_input_is_a_finding),
		cmocka_unit_test(test_nul_and_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
