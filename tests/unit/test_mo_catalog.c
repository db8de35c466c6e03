/* test_mo_catalog.c: the translation catalogue reader behind waba_i18n_render_in(), on
 * catalogues msgfmt wrote (tests/fuzz/corpus/mo_catalog: from a .po with plural=(n > 1),
 * in both byte orders, and one cut short). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "core/mo_catalog.h"

static int load(struct waba_mo *mo, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/fuzz/corpus/mo_catalog/%s", WABA_TEST_DATA, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char *data = malloc(4096);
	size_t len = fread(data, 1, 4096, f);
	fclose(f);
	return waba_mo_parse(mo, data, len);
}

static void check_catalog(const char *name)
{
	struct waba_mo mo;
	assert_int_equal(load(&mo, name), 0);
	assert_string_equal(waba_mo_lookup(&mo, "Ready to send", 1, 0), "Pronto para enviar");
	/* plural=(n > 1): 0 and 1 take the singular */
	assert_string_equal(waba_mo_lookup(&mo, "%lu error", 0, 1), "%lu erro");
	assert_string_equal(waba_mo_lookup(&mo, "%lu error", 1, 1), "%lu erro");
	assert_string_equal(waba_mo_lookup(&mo, "%lu error", 2, 1), "%lu erros");
	assert_null(waba_mo_lookup(&mo, "template", 1, 0)); /* untranslated: the caller's English */
	assert_null(waba_mo_lookup(&mo, "not in the catalogue", 1, 0));
	waba_mo_release(&mo);
}

static void test_lookup_little_endian(void **state)
{
	(void)state;
	check_catalog("plural_gt1.mo");
}

static void test_lookup_big_endian(void **state)
{
	(void)state;
	check_catalog("big_endian.mo");
}

static void test_truncated_finds_nothing(void **state)
{
	struct waba_mo mo;
	(void)state;
	assert_int_equal(load(&mo, "truncated.mo"), 0); /* the header is whole, the tables are not */
	assert_null(waba_mo_lookup(&mo, "Ready to send", 1, 0));
	assert_null(waba_mo_lookup(&mo, "%lu error", 2, 1));
	waba_mo_release(&mo);
}

static void test_not_a_catalogue(void **state)
{
	struct waba_mo mo;
	(void)state;
	unsigned char *data = malloc(32);
	memset(data, 'x', 32);
	assert_int_equal(waba_mo_parse(&mo, data, 32), -1);
	assert_null(waba_mo_lookup(&mo, "Ready to send", 1, 0));
	waba_mo_release(&mo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_little_endian),
		cmocka_unit_test(test_lookup_big_endian),
		cmocka_unit_test(test_truncated_finds_nothing),
		cmocka_unit_test(test_not_a_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
