/* test_text_clean.c: outside text made safe to show (src/core/text_clean.c), and its use
 * by findings, items and reporters: valid UTF-8 and bounded; one line on stderr (issue #10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/text.h"

static void test_invalid_utf8_and_controls(void **state)
{
	static const struct { const char *in; int flags; const char *out; } rows[] = {
		{ "plain ação", WABA_CLEAN_CONTROLS, "plain ação" },
		{ "a\xff" "b", 0, "a\xEF\xBF\xBD" "b" },                   /* invalid byte -> U+FFFD */
		{ "\xc3(", 0, "\xEF\xBF\xBD(" },                           /* truncated sequence */
		{ "\xed\xa0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" }, /* surrogate: each byte */
		{ "line1\nline2\r\tx", WABA_CLEAN_CONTROLS, "line1 line2  x" },
		{ "line1\nline2", 0, "line1\nline2" },                     /* controls kept without the flag */
		{ "\x1b[31mred\x1b[0m", WABA_CLEAN_CONTROLS, "\xEF\xBF\xBD[31mred\xEF\xBF\xBD[0m" }, /* no terminal escapes */
		{ "c1 \xc2\x9b" "x \x7f", WABA_CLEAN_CONTROLS, "c1 \xEF\xBF\xBDx \xEF\xBF\xBD" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *c = waba_text_clean(rows[i].in, strlen(rows[i].in), rows[i].flags, 0);
		assert_string_equal(c, rows[i].out);
		assert_int_equal(waba_text_is_clean(rows[i].in, strlen(rows[i].in), rows[i].flags, 0),
		                 strcmp(rows[i].in, rows[i].out) == 0);
		free(c);
	}
}

static void test_long_text_keeps_both_ends(void **state)
{
	(void)state;
	/* a 20 MB argument quoted in a message: the subject's start, " … ", and what is said about it */
	size_t n = 20u << 20;
	char *big = malloc(n + 64);
	memset(big, 'x', n);
	strcpy(big + n, "' is not a Business Manager ID");
	char *c = waba_text_clean(big, strlen(big), WABA_CLEAN_CONTROLS, WABA_MESSAGE_MAX);
	assert_true(strlen(c) <= WABA_MESSAGE_MAX);
	assert_true(strlen(c) > WABA_MESSAGE_MAX - 8);
	assert_non_null(strstr(c, " \xE2\x80\xA6 "));
	assert_int_equal(c[0], 'x');
	assert_non_null(strstr(c, "' is not a Business Manager ID"));
	free(c);
	free(big);
}

static void test_cut_between_characters(void **state)
{
	(void)state;
	/* 300 two-byte characters: whatever the cut, the result is valid UTF-8 */
	for (size_t max = 16; max < 64; max++) {
		char s[601];
		for (int i = 0; i < 300; i++)
			memcpy(s + 2 * i, "\xc3\xa9", 2);
		s[600] = '\0';
		char *c = waba_text_clean(s, 600, 0, max);
		assert_true(strlen(c) <= max);
		assert_true(waba_utf8_valid(c, strlen(c), NULL));
		free(c);
	}
}

static const struct waba_rule rule = { .id = "input.test", .severity = WABA_SEV_ERROR, .summary = "t" };

static void test_findings_and_items_are_clean(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	r.command = "test";
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "business");
	cJSON_AddStringToObject(item, "input", "12\xff\xfe");
	waba_report_add_item(&r, "business", "12\xff\n", "dir\n/\x1b" "f.json", item);
	struct waba_finding *f = waba_findings_add(&r.findings, &rule, WABA_LOC_NONE, "'%s' is bad\nreally", "\xc3(");
	waba_finding_set_hint(f, "try\r\nthis");
	/* invalid UTF-8 replaced; control characters are left to the reporters' escaping */
	assert_string_equal(f->message, "'\xEF\xBF\xBD(' is bad\nreally");
	assert_string_equal(f->hint, "try\r\nthis");
	assert_string_equal(r.items[0].name, "12\xEF\xBF\xBD\n");
	assert_string_equal(r.items[0].file, "dir\n/\x1b" "f.json");
	assert_string_equal(cJSON_GetObjectItem(r.items[0].json, "input")->valuestring, "12\xEF\xBF\xBD\xEF\xBF\xBD");

	/* the JSON report is valid UTF-8 and parses */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	assert_int_equal(waba_reporter_find("json")->write(out, &r, &o), 0);
	fclose(out);
	assert_true(waba_utf8_valid(buf, len, NULL));
	cJSON *doc = cJSON_Parse(buf);
	assert_non_null(doc);
	cJSON_Delete(doc);
	free(buf);
	waba_report_release(&r);
}

/* Human-readable outputs show what a terminal would obey (issue #17 item 6). */
static void test_escape_for_terminals(void **state)
{
	static const struct { const char *in, *out; } rows[] = {
		{ "plain ação \\ {{1}}", "plain ação \\ {{1}}" },        /* text and backslashes kept */
		{ "a\nb\rc\td", "a\\nb\\rc\\td" },
		{ "\x1b]0;pwned\x07\x1b[2K", "\\x1b]0;pwned\\x07\\x1b[2K" }, /* OSC title, erase line */
		{ "x\x7f\x01", "x\\x7f\\x01" },
		{ "\xc2\x9b" "31m", "\\u009b31m" },                        /* C1 CSI */
		{ "\xe2\x80\xae" "abc\xe2\x81\xa6", "\\u202eabc\\u2066" }, /* bidirectional controls */
		{ "\xe2\x80\xa8", "\\u2028" },                            /* line separator */
		{ "a\xff\xc3(", "a\\xff\\xc3(" },                         /* invalid UTF-8 byte by byte */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *e = waba_text_escape(rows[i].in);
		assert_string_equal(e, rows[i].out);
		free(e);
	}
	assert_null(waba_text_escape(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalid_utf8_and_controls),
		cmocka_unit_test(test_long_text_keeps_both_ends),
		cmocka_unit_test(test_cut_between_characters),
		cmocka_unit_test(test_findings_and_items_are_clean),
		cmocka_unit_test(test_escape_for_terminals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
