/* test_text.c: folding, words and term matching (pt, es, en). */
#include <dirent.h>
#include <stdio.h>
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
		{ "", "" },
		{ "\xff\xfe", "" },                             /* invalid bytes are dropped */
		{ "Sim, ÓTIMO: 10x!", "sim, otimo: 10x!" }, /* ASCII kept as it is, only lower-cased */
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

/* ---- the automaton against the former lookup, word by word -------------------------- */

/*
 * The former matching, written plainly: at each word, the term with the most words whose
 * words match there (first word whole; a prefix term's last word begins the text's), first
 * in the list on a tie, single-word prefix terms ("desconto*") aside; when none, the first
 * single-word prefix term that matches, those of one byte first; the words matched are
 * skipped.
 */
static int ref_word(const struct waba_term *t, size_t k, const char *word)
{
	if (t->prefix && k == t->nwords - 1)
		return strncmp(word, t->words[k], strlen(t->words[k])) == 0;
	return strcmp(word, t->words[k]) == 0;
}

static int ref_at(const struct waba_term *t, const struct waba_words *w, size_t i)
{
	if (t->nwords == 0 || i + t->nwords > w->len)
		return 0;
	for (size_t k = 0; k < t->nwords; k++)
		if (!ref_word(t, k, w->v[i + k].folded))
			return 0;
	return 1;
}

static int ref_lang(const struct waba_term *t, const char *lang)
{
	return !lang || !t->lang || strcmp(t->lang, "any") == 0 || strcmp(t->lang, lang) == 0;
}

static void ref_find(const struct waba_termlist *l, const struct waba_words *w, const char *lang,
                     struct waba_strbuf *out)
{
	for (size_t i = 0; i < w->len; i++) {
		const struct waba_term *best = NULL;
		for (size_t t = 0; t < l->len; t++) {
			const struct waba_term *term = &l->terms[t];
			if (term->nwords == 1 && term->prefix)
				continue;
			if (ref_lang(term, lang) && ref_at(term, w, i) && (!best || term->nwords > best->nwords))
				best = term;
		}
		for (int pass = 0; pass < 2 && !best; pass++)
			for (size_t t = 0; t < l->len && !best; t++) {
				const struct waba_term *term = &l->terms[t];
				if (term->nwords == 1 && term->prefix && (strlen(term->words[0]) < 2) == (pass == 0) &&
				    ref_lang(term, lang) && ref_at(term, w, i))
					best = term;
			}
		if (!best)
			continue;
		waba_strbuf_addf(out, "%s@%zu-%zu;", best->text, w->v[i].start, w->v[i + best->nwords - 1].end);
		i += best->nwords - 1;
	}
}

static int collect_all(const struct waba_term_match *m, void *payload)
{
	waba_strbuf_addf(payload, "%s@%zu-%zu;", m->term->text, m->start, m->end);
	return 0;
}

/* Both ways on one text: every list, every language; returns the matches seen. */
static size_t compare_text(const struct waba_checklist *cl, const char *const *lists, const char *text, size_t len)
{
	static const char *const langs[] = { NULL, "pt", "es", "en" };
	struct waba_words w = WABA_WORDS_INIT;
	size_t seen = 0;
	/* the lists' own automatons, and one pass of the term set of them all */
	const struct waba_termlist *all[WABA_TERMSET_MAX];
	size_t nall = 0;
	for (; lists[nall]; nall++)
		all[nall] = waba_checklist_terms(cl, lists[nall]);
	struct waba_term_hits hits;
	waba_text_words(&w, text, len);
	waba_termset_scan(waba_checklist_termset(cl, all, nall), &w, &hits);
	for (size_t li = 0; lists[li]; li++) {
		const struct waba_termlist *l = all[li];
		for (size_t k = 0; l && k < 4; k++) {
			struct waba_strbuf want = WABA_STRBUF_INIT, got = WABA_STRBUF_INIT, pass = WABA_STRBUF_INIT;
			ref_find(l, &w, langs[k], &want);
			seen += waba_terms_find(l, &w, langs[k], collect_all, &got);
			if (strcmp(waba_strbuf_cstr(&want), waba_strbuf_cstr(&got)) != 0)
				fail_msg("list %s, lang %s, text '%.*s':\n got %s\nwant %s", lists[li], langs[k] ? langs[k] : "-",
				         (int)(len > 200 ? 200 : len), text, waba_strbuf_cstr(&got), waba_strbuf_cstr(&want));
			seen += waba_term_hits_find(&hits, l, langs[k], collect_all, &pass);
			if (strcmp(waba_strbuf_cstr(&want), waba_strbuf_cstr(&pass)) != 0)
				fail_msg("term set, list %s, lang %s, text '%.*s':\n got %s\nwant %s", lists[li],
				         langs[k] ? langs[k] : "-", (int)(len > 200 ? 200 : len), text, waba_strbuf_cstr(&pass),
				         waba_strbuf_cstr(&want));
			waba_strbuf_release(&want);
			waba_strbuf_release(&got);
			waba_strbuf_release(&pass);
		}
	}
	waba_term_hits_release(&hits);
	waba_words_release(&w);
	return seen;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	char buf[4096];
	size_t got;
	assert_non_null(f);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		waba_strbuf_add(&sb, buf, got);
	fclose(f);
	*len = sb.len;
	return waba_strbuf_detach(&sb);
}

/* Every line of every file of the lint corpus, and every term's own text, through every
 * bundled term list: the automaton finds what the word-by-word lookup found. */
static void test_terms_corpus(void **state)
{
	const struct waba_checklist *cl = test_checklist();
	static const char *const lists[] = { "promotional", "prohibited", "prohibited_exceptions", "sensitive", "otp",
	                                     "threat", "utility_purposes", "language_markers", "percent_promo", NULL };
	static const char *const dirs[] = { "/lint-corpus/bad/en_US", "/lint-corpus/bad/es", "/lint-corpus/bad/pt_BR",
	                                    "/lint-corpus/clean/en_US", "/lint-corpus/clean/es",
	                                    "/lint-corpus/clean/pt_BR" };
	size_t seen = 0, files = 0;
	(void)state;
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char *dir = waba_xasprintf("%s%s", WABA_TEST_DATA, dirs[d]);
		DIR *dh = opendir(dir);
		assert_non_null(dh);
		for (struct dirent *e; (e = readdir(dh));) {
			if (e->d_name[0] == '.')
				continue;
			char *path = waba_xasprintf("%s/%s", dir, e->d_name), *text;
			size_t len;
			text = slurp(path, &len);
			files++;
			for (size_t i = 0; i < len;) { /* line by line, and the whole file once */
				size_t j = i;
				while (j < len && text[j] != '\n')
					j++;
				seen += compare_text(cl, lists, text + i, j - i);
				i = j + 1;
			}
			seen += compare_text(cl, lists, text, len);
			free(text);
			free(path);
		}
		closedir(dh);
		free(dir);
	}
	/* every term of every list, alone and run together (overlaps, words shared) */
	struct waba_strbuf all = WABA_STRBUF_INIT;
	for (size_t li = 0; lists[li]; li++) {
		const struct waba_termlist *l = waba_checklist_terms(cl, lists[li]);
		for (size_t t = 0; l && t < l->len; t++) {
			seen += compare_text(cl, lists, l->terms[t].text, strlen(l->terms[t].text));
			waba_strbuf_addf(&all, "%s %s", l->terms[t].text, t % 3 ? "" : "e ");
		}
	}
	seen += compare_text(cl, lists, all.buf, all.len);
	waba_strbuf_release(&all);
	assert_true(files > 100);
	assert_true(seen > 1000); /* the comparison saw matches, not only empty results */
}

/* Overlapping terms, word boundaries, accents, prefixes, failure links, empty lists. */
/* What waba_terms_find() finds of list `l` in `text` (pt), as collect_all writes it. */
static void expect_terms(const struct waba_termlist *l, size_t row, const char *text, const char *want)
{
	struct waba_words w = WABA_WORDS_INIT;
	struct waba_strbuf got = WABA_STRBUF_INIT;
	waba_text_words(&w, text, strlen(text));
	waba_terms_find(l, &w, "pt", collect_all, &got);
	if (strcmp(waba_strbuf_cstr(&got), want) != 0)
		fail_msg("row %zu '%s': got '%s', want '%s'", row, text, waba_strbuf_cstr(&got), want);
	waba_strbuf_release(&got);
	waba_words_release(&w);
}

/* A list too big for 16-bit automaton states (its terms hold over 65,535 bytes): the same
 * matches through the 32-bit table, the first term and the last alike. */
static void test_terms_wide_automaton(void **state)
{
	struct waba_strbuf xml = WABA_STRBUF_INIT;
	(void)state;
	waba_strbuf_adds(&xml, "<checklist><terms list=\"big\" lang=\"pt\">");
	for (int i = 0; i < 3000; i++)
		waba_strbuf_addf(&xml, "<term>palavraum%04d palavradois%04d</term>", i, i);
	waba_strbuf_adds(&xml, "</terms></checklist>");
	struct waba_checklist *cl = waba_checklist_new();
	assert_int_equal(waba_checklist_load_mem(cl, "big.xml", xml.buf, xml.len), 0);
	const struct waba_termlist *l = waba_checklist_terms(cl, "big");
	static const struct { const char *text, *want; } rows[] = {
		{ "a palavraum0000 palavradois0000 b", "palavraum0000 palavradois0000@2-31;" },
		{ "PalavraUm2999 palavradois2999", "palavraum2999 palavradois2999@0-29;" },
		{ "palavraum1500 palavradois1501", "" }, /* the words of two terms: neither */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		expect_terms(l, i, rows[i].text, rows[i].want);
	waba_checklist_free(cl);
	waba_strbuf_release(&xml);
}

static void test_terms_edges(void **state)
{
	struct waba_checklist *cl = waba_checklist_new();
	const char *xml =
		"<checklist>"
		"<terms list=\"e\" lang=\"pt\">"
		"<term>frete</term><term>frete grátis</term><term>grátis hoje</term><term>preço</term>"
		"<term>ab cd</term><term>b</term><term>x*</term><term>xadrez*</term><term>Promoção</term>"
		"<term>compre agora*</term><term>compre</term><term>PROMOCAO</term>"
		"</terms>"
		"<terms list=\"empty\" lang=\"pt\"><term>!!!</term></terms>"
		"</checklist>";
	(void)state;
	setenv("WABA_PREFLIGHT_CHECKLISTS", WABA_TEST_DATA "/../checklists", 1);
	assert_int_equal(waba_checklist_load_mem(cl, "e.xml", xml, strlen(xml)), 0);
	const struct waba_termlist *l = waba_checklist_terms(cl, "e");
	static const struct { const char *text, *want; } rows[] = {
		{ "frete grátis hoje", "frete grátis@0-13;" },       /* the longest at a word; its words skipped */
		{ "o frete, grátis hoje!", "frete grátis@2-16;" },     /* punctuation between words */
		{ "grátis hoje frete", "grátis hoje@0-12;frete@13-18;" },
		{ "sobrepreço e preços", "" },                        /* whole words only */
		{ "PREÇO", "preço@0-6;" },                            /* case and accents folded */
		{ "ab b", "b@3-4;" },                                 /* found through a failure link */
		{ "ab cd", "ab cd@0-5;" },
		{ "xadrezes e xis", "x*@0-8;x*@11-14;" },            /* one-letter prefixes come first */
		{ "promocao PROMOÇÃO", "Promoção@0-8;Promoção@9-19;" }, /* same folded term: the first */
		{ "compre agoraaa compre", "compre agora*@0-14;compre@15-21;" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_words w = WABA_WORDS_INIT;
		struct waba_strbuf got = WABA_STRBUF_INIT;
		expect_terms(l, i, rows[i].text, rows[i].want);
		waba_text_words(&w, rows[i].text, strlen(rows[i].text));
		assert_int_equal(waba_terms_find(l, &w, "es", collect_all, NULL), 0); /* a pt list, es text */
		/* the same through a term set that holds the list twice over, among others */
		const struct waba_termlist *sets[] = { waba_checklist_terms(cl, "empty"), NULL, l };
		struct waba_term_hits h;
		struct waba_strbuf pass = WABA_STRBUF_INIT;
		waba_termset_scan(waba_checklist_termset(cl, sets, 3), &w, &h);
		waba_term_hits_find(&h, l, "pt", collect_all, &pass);
		if (strcmp(waba_strbuf_cstr(&pass), rows[i].want) != 0)
			fail_msg("term set, row %zu '%s': got '%s', want '%s'", i, rows[i].text, waba_strbuf_cstr(&pass),
			         rows[i].want);
		assert_int_equal(waba_term_hits_find(&h, sets[0], "pt", collect_all, NULL), 0);
		waba_term_hits_release(&h);
		waba_strbuf_release(&pass);
		waba_strbuf_release(&got);
		waba_words_release(&w);
	}
	/* more words than fit the stack: the 200th word is still found */
	struct waba_strbuf longtext = WABA_STRBUF_INIT;
	for (int i = 0; i < 199; i++)
		waba_strbuf_adds(&longtext, "nada ");
	waba_strbuf_adds(&longtext, "frete");
	struct waba_words w = WABA_WORDS_INIT;
	waba_text_words(&w, longtext.buf, longtext.len);
	assert_int_equal(waba_terms_find(l, &w, "pt", NULL, NULL), 1);
	/* a list whose only term has no word, and no list: nothing, no crash */
	assert_int_equal(waba_terms_find(waba_checklist_terms(cl, "empty"), &w, "pt", NULL, NULL), 0);
	assert_int_equal(waba_terms_find(NULL, &w, "pt", NULL, NULL), 0);
	/* a term set: the 200th word found; a list outside the set finds nothing */
	const struct waba_termlist *sets[] = { l, waba_checklist_terms(cl, "empty") };
	struct waba_term_hits h;
	waba_termset_scan(waba_checklist_termset(cl, sets, 2), &w, &h);
	assert_int_equal(waba_term_hits_find(&h, l, "pt", NULL, NULL), 1);
	assert_int_equal(waba_term_hits_find(&h, l, "es", NULL, NULL), 0);
	waba_term_hits_release(&h);
	waba_termset_scan(waba_checklist_termset(cl, sets + 1, 1), &w, &h);
	assert_int_equal(waba_term_hits_find(&h, l, "pt", NULL, NULL), 0);
	waba_term_hits_release(&h);
	waba_words_release(&w);
	waba_strbuf_release(&longtext);
	waba_checklist_free(cl);
}

/* Lookups are remembered per id: they stay right when a later file changes the checklist
 * (entries move, values change), and for an id written in a reused buffer. */
static void test_checklist_lookups(void **state)
{
	struct waba_checklist *cl = waba_checklist_new();
	const char *a = "<checklist><limit id=\"x.a\" value=\"1\"/><limit id=\"x.b\" value=\"2\"/>"
	                "<set id=\"s\"><item value=\"pt\"/><item value=\"es\"/></set></checklist>";
	const char *b = "<checklist><limit id=\"x.a\" value=\"3\"/><limit id=\"x.0\" value=\"4\"/>"
	                "<set id=\"s\"><item value=\"en\"/></set><set id=\"r\"><item value=\"es\"/></set></checklist>";
	char id[8];
	(void)state;
	setenv("WABA_PREFLIGHT_CHECKLISTS", WABA_TEST_DATA "/../checklists", 1);
	assert_int_equal(waba_checklist_load_mem(cl, "a.xml", a, strlen(a)), 0);
	for (int round = 0; round < 2; round++) {
		strcpy(id, "x.a");
		assert_int_equal(waba_checklist_limit(cl, id), 1);
		strcpy(id, "x.b");
		assert_int_equal(waba_checklist_limit(cl, id), 2);
		strcpy(id, "x.c");
		assert_int_equal(waba_checklist_limit(cl, id), -1);
		assert_int_equal(waba_checklist_limit(cl, "x.a"), 1);
		assert_string_equal(waba_set_find(waba_checklist_set(cl, "s"), "es")->value, "es");
		assert_null(waba_set_find(waba_checklist_set(cl, "s"), "en"));
	}
	assert_int_equal(waba_checklist_load_mem(cl, "b.xml", b, strlen(b)), 0);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(waba_checklist_limit(cl, "x.a"), 3);
		assert_int_equal(waba_checklist_limit(cl, "x.b"), 2);
		assert_int_equal(waba_checklist_limit(cl, "x.0"), 4);
		const struct waba_set *s = waba_checklist_set(cl, "s");
		assert_int_equal(s->len, 3);
		assert_ptr_equal(waba_set_find(s, "es"), &s->items[1]);
		assert_ptr_equal(waba_set_find(s, "en"), &s->items[2]);
		assert_ptr_equal(waba_set_find(waba_checklist_set(cl, "r"), "es"), &waba_checklist_set(cl, "r")->items[0]);
	}
	/* A set that grows while it loads, its values repeated (each repeat looks the value up,
	 * then the array moves), and one replaced: no lookup may hand back a moved item (the
	 * fuzzer found this; ASan runs this test too). */
	struct waba_strbuf c = WABA_STRBUF_INIT;
	waba_strbuf_adds(&c, "<checklist><set id=\"g\">");
	for (int pass = 0; pass < 4; pass++) /* v0-v9, v0-v9 again, v10-v19, v0-v19 again */
		for (int i = pass == 2 ? 10 : 0; i < (pass < 2 ? 10 : 20); i++)
			waba_strbuf_addf(&c, "<item value=\"v%d\" n=\"%d\"/>", i, pass);
	waba_strbuf_adds(&c, "</set><set id=\"s\" mode=\"replace\"><item value=\"es\"/><item value=\"es\"/></set>"
	                     "</checklist>");
	assert_int_equal(waba_checklist_load_mem(cl, "c.xml", c.buf, c.len), 0);
	const struct waba_set *g = waba_checklist_set(cl, "g");
	assert_int_equal(g->len, 20);
	for (int i = 0; i < 20; i++) {
		char value[8];
		snprintf(value, sizeof(value), "v%d", i);
		const struct waba_set_item *it = waba_set_find(g, value);
		assert_ptr_equal(it, &g->items[i]);
		assert_string_equal(waba_set_item_attr(it, "n"), "3"); /* the last pass wins */
	}
	assert_int_equal(waba_checklist_set(cl, "s")->len, 1);
	assert_null(waba_set_find(waba_checklist_set(cl, "s"), "en"));
	waba_strbuf_release(&c);
	waba_checklist_free(cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_terms_edges),
		cmocka_unit_test(test_terms_wide_automaton),
		cmocka_unit_test(test_terms_corpus),
		cmocka_unit_test(test_checklist_lookups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
