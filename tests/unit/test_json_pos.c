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

/* Which lists are taken element by element, and which are left to the whole-document parse. */
static void test_split_list(void **state)
{
	static const struct {
		const char *text;
		int n; /* elements, or -1: refused */
	} cases[] = {
		{ "[{\"a\": 1}, {\"b\": [2, {}]}, 3]", 3 },
		{ " \r\n[\"]\", \"\\\"}\", {\"k\": \"[{\"}]\n", 3 }, /* brackets and escaped quotes in strings */
		{ "{\"paging\": {\"data\": [1]}, \"data\": [{}, {}], \"x\": [5, 6]}", 2 },
		{ "{\"data\": [{}], \"data\": [{}, {}]}", 1 },             /* cJSON takes the first */
		{ "[\"\\ud83d\\ude00\", -0.5e+3, true, false, null]", 5 }, /* a surrogate pair */
		{ "[]", -1 },                                              /* nothing to split */
		{ "{\"name\": \"x\", \"components\": []}", -1 },           /* one template */
		{ "{\"data\": [{}], \"components\": []}", -1 },            /* one template with a "data" member */
		{ "{\"d\\u0061ta\": [{}]}", -1 },                          /* an escaped key */
		{ "{\"data\": {}}", -1 },
		{ "\xEF\xBB\xBF[{}]", -1 }, /* a byte-order mark */
		{ "[{}, ]", -1 },
		{ "[{}] x", -1 },
		{ "[{}", -1 },
		{ "[01]", -1 },
		{ "[1.]", -1 },
		{ "[\"\\udc00\"]", -1 }, /* a lone low surrogate */
		{ "[\"\\ud800x\"]", -1 },
		{ "[\"\\x\"]", -1 },
		{ "[\"a\tb\"]", -1 }, /* a control character in a string */
		{ "[\"\xff\"]", -1 }, /* invalid UTF-8 */
		{ "[tru]", -1 },
		{ "[{\"a\" 1}]", -1 },
		{ "[{\"a\": 1]}", -1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct waba_source src;
		struct waba_json_range *r;
		size_t n;
		waba_source_from_mem(&src, "t.json", cases[i].text, strlen(cases[i].text));
		int rc = waba_json_split_list(&src, &r, &n);
		if (cases[i].n < 0) {
			assert_int_equal(rc, -1);
			assert_null(r);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(n, (size_t)cases[i].n);
		}
		free(r);
		waba_source_release(&src);
	}
	/* an element parsed on its own: the same offsets as in the whole document */
	const char *text = "{\"data\": [\n  {\"t\": \"a\"},\n  {\"t\": \"b\\u00e9{{1}}\", \"n\": [1]}\n]}";
	struct waba_source src;
	struct waba_json whole, part;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_json_range *r;
	size_t n;
	parse(&src, &whole, &fs, text);
	assert_int_equal(waba_json_split_list(&src, &r, &n), 0);
	assert_int_equal(n, 2);
	assert_memory_equal(text + r[1].from, "{\"t\"", 4);
	assert_int_equal(text[r[1].to - 1], '}');
	assert_int_equal(waba_json_parse_range(&part, &src, r[1].from, r[1].to - 1), -1);
	assert_int_equal(waba_json_parse_range(&part, &src, r[1].from, r[1].to), 0);
	cJSON *t1 = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(whole.root, "data"), 1), "t");
	cJSON *t2 = cJSON_GetObjectItem(part.root, "t");
	struct waba_loc a = waba_json_string_loc(&whole, t1, 3, 8), b = waba_json_string_loc(&part, t2, 3, 8);
	assert_int_equal(a.line, 3);
	assert_int_equal(b.line, a.line);
	assert_int_equal(b.column, a.column);
	assert_int_equal(b.end_column, a.end_column);
	assert_int_equal(waba_json_key_offset(&part, t2), waba_json_key_offset(&whole, t1));
	waba_json_release(&part);
	waba_json_release(&whole);
	waba_findings_release(&fs);
	free(r);
	waba_source_release(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions_of_values_and_keys),
		cmocka_unit_test(test_escapes_are_counted_as_written),
		cmocka_unit_test(test_malformed_input_is_a_finding),
		cmocka_unit_test(test_nul_and_depth),
		cmocka_unit_test(test_split_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
