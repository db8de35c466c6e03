/* test_source.c: byte offsets -> line:column, reading with caps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"

static void test_line_and_column_count_code_points(void **state)
{
	static const struct { const char *text; size_t offset; unsigned line, col; } rows[] = {
		{ "abc", 0, 1, 1 },
		{ "abc", 2, 1, 3 },
		{ "ab\ncd", 3, 2, 1 },
		{ "ab\ncd", 4, 2, 2 },
		{ "ação {{1}}", 7, 1, 6 },        /* "ação " is 5 code points, 7 bytes */
		{ "x\r\ny", 3, 2, 1 },
		{ "a\n\n\nb", 4, 4, 1 },
		{ "abc", 99, 1, 4 },              /* clamped to the end */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_source src;
		waba_source_from_mem(&src, "t.txt", rows[i].text, strlen(rows[i].text));
		struct waba_loc loc = waba_source_loc(&src, rows[i].offset);
		assert_string_equal(loc.file, "t.txt");
		assert_int_equal(loc.line, rows[i].line);
		assert_int_equal(loc.column, rows[i].col);
		waba_source_release(&src);
	}
}

static void test_span_end_column(void **state)
{
	struct waba_source src;
	(void)state;
	waba_source_from_mem(&src, "t", "Olá {{1}}!", strlen("Olá {{1}}!"));
	struct waba_loc loc = waba_source_span(&src, 5, 10);
	assert_int_equal(loc.column, 5);
	assert_int_equal(loc.end_column, 10);
	size_t len;
	const char *line = waba_source_line(&src, 1, &len);
	assert_int_equal(len, src.len);
	assert_memory_equal(line, "Olá", 4);
	waba_source_release(&src);
}

static void test_read_errors(void **state)
{
	struct waba_source src;
	char dir[] = "/tmp/waba-src-XXXXXX";
	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(waba_source_read(&src, "/nonexistent/x.json", WABA_SOURCE_MAX), WABA_ENOTFOUND);
	assert_non_null(strstr(waba_error_last(), "cannot open '/nonexistent/x.json'"));
	assert_int_equal(waba_source_read(&src, dir, WABA_SOURCE_MAX), WABA_EIO);
	assert_non_null(strstr(waba_error_last(), "is a directory"));

	char path[64];
	snprintf(path, sizeof(path), "%s/big", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (int i = 0; i < 2000; i++)
		fputs("0123456789", f);
	fclose(f);
	assert_int_equal(waba_source_read(&src, path, 1000), WABA_EIO);
	assert_non_null(strstr(waba_error_last(), "larger than"));
	assert_int_equal(waba_source_read(&src, path, 1 << 20), 0);
	assert_int_equal(src.len, 20000);
	assert_int_equal(src.data[src.len], '\0');
	waba_source_release(&src);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_and_column_count_code_points),
		cmocka_unit_test(test_span_end_column),
		cmocka_unit_test(test_read_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
