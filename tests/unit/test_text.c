/* test_text.c: folding, words and term matching (pt, es, en). */
#include <stdlib.h>
#include <string.h>
#include "util.h"

static void test_fold(void **state)
{
	static const struct { const char *in, *out; } rows[] = {
		{ "Promoção", "promocao" },
		{ "PROMOÇÃO", "promocao" },
		{ "Descuento ÑANDÚ", "descuento nandu" },
		{ "straße", "strasse" },
		{ "ＣＯＭＰＲＥ", "compre" }, /* full-width letters fold through compatibility decomposition */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *f = waba_text_fold(rows[i].in, strlen(rows[i].in));
		assert_string_equal(f, rows[i].out);
		free(f);
	}
}

static void test_utf8(void **state)
{
	size_t bad = 0;
	(void)state;
	assert_true(waba_utf8_valid("ação", strlen("ação"), &bad));
	assert_false(waba_utf8_valid("a\xc3(", 3, &bad));
	assert_int_equal(bad, 1);
	assert_false(waba_utf8_valid("\xed\xa0\x80", 3, &bad)); /* a surrogate */
	assert_false(waba_utf8_valid("\xc0\xaf", 2, &bad));     /* overlong */
	assert_int_equal(waba_utf8_length("ação", strlen("ação")), 4);
	assert_true(waba_text_find_emoji("oi 😀", strlen("oi 😀")) == 4);
	assert_int_equal(waba_text_find_emoji("olá, tudo bem?", strlen("olá, tudo bem?")), 0);
}

struct collected { char found[8][64]; size_t n; };

static int collect(const struct waba_term_match *m, void *payload)
{
	struct collected *c = payload;
	if (c->n < 8)
		snprintf(c->found[c->n++], 64, "%s@%zu", m->term->text, m->start);
	return 0;
}

static void test_terms(void **state)
{
	struct waba_checklist *cl = waba_checklist_new();
	const char *xml =
		"<checklist>"
		"<terms list=\"t\" lang=\"pt\"><term>desconto*</term><term>compre já</term><term>frete grátis</term></terms>"
		"<terms list=\"t\" lang=\"es\"><term>descuento*</term></terms>"
		"</checklist>";
	(void)state;
	setenv("WABA_PREFLIGHT_CHECKLISTS", WABA_TEST_DATA "/../checklists", 1);
	assert_int_equal(waba_checklist_load_mem(cl, "t.xml", xml, strlen(xml)), 0);
	const struct waba_termlist *l = waba_checklist_terms(cl, "t");
	assert_non_null(l);

	static const struct { const char *text; const char *lang; const char *want; } rows[] = {
		{ "Ganhe DESCONTOS hoje", "pt", "desconto*@6" },
		{ "Compre JÁ, frete gratis!", "pt", "compre já@0,frete grátis@12" },
		{ "compreja nada", "pt", "" },                 /* whole words only */
		{ "o descontão", "pt", "" },                   /* "descontao" does not begin with "desconto" + ... it does not */
		{ "50% de descuento", "es", "descuento*@7" },
		{ "50% de descuento", "pt", "" },              /* Spanish term, Portuguese text */
		{ "Seu pedido foi enviado", "pt", "" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_words w = WABA_WORDS_INIT;
		struct collected c = { { { 0 } }, 0 };
		char got[256] = "";
		waba_text_words(&w, rows[i].text, strlen(rows[i].text));
		waba_terms_find(l, &w, rows[i].lang, collect, &c);
		for (size_t k = 0; k < c.n; k++) {
			strcat(got, k ? "," : "");
			strcat(got, c.found[k]);
		}
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("row %zu '%s': got '%s', want '%s'", i, rows[i].text, got, rows[i].want);
		waba_words_release(&w);
	}
	waba_checklist_free(cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
