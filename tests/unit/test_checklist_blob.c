/* test_checklist_blob.c: the bundled checklists compiled at build time are taken only for
 * the very files they were made from; anything else is parsed and validated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "core/checklist_priv.h"
#include "core/termindex.h"
#include "waba/template.h"
#include "waba/text.h"

#define SRC WABA_TEST_DATA "/../checklists"

static char *copy_dir(void)
{
	char tmpl[] = "/tmp/waba-blob-XXXXXX";
	char *dir = waba_xstrdup(mkdtemp(tmpl));
	char *cmd = waba_xasprintf("cp '%s'/*.xml '%s'/checklist.rng '%s'/", SRC, SRC, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return dir;
}

static void remove_dir(char *dir)
{
	char *cmd = waba_xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* The offset of limit `id`'s value in the blob (after its length-prefixed, NUL-ended id). */
static size_t value_at(const struct waba_strbuf *blob, const char *id)
{
	size_t n = strlen(id);
	for (size_t i = 4; i + n + 9 <= blob->len; i++)
		if (memcmp(blob->buf + i, id, n + 1) == 0 && (unsigned char)blob->buf[i - 4] == n && blob->buf[i - 3] == 0)
			return i + n + 1;
	fail_msg("limit %s not in the blob", id);
	return 0;
}

static void test_compiled(void **state)
{
	struct waba_strbuf blob = WABA_STRBUF_INIT;
	const char *id = "template.name.max_length";
	(void)state;
	setenv("WABA_PREFLIGHT_CHECKLISTS", SRC, 1);
	assert_int_equal(waba_checklist_compile(SRC, waba_check_template_prepare, &blob), 0);

	/* the same bytes elsewhere: the compiled form is taken (a value doctored in the blob shows) */
	struct waba_checklist *cl = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(cl, SRC), 0);
	long real = waba_checklist_limit(cl, id);
	assert_true(real > 0);
	waba_checklist_free(cl);
	size_t at = value_at(&blob, id);
	memcpy(blob.buf + at, "\x32\x79\x06\x00\x00\x00\x00\x00", 8); /* 424242 */
	waba_checklist_use_compiled((const unsigned char *)blob.buf, blob.len);
	char *same = copy_dir();
	cl = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(cl, same), 0);
	assert_int_equal(waba_checklist_limit(cl, id), 424242);
	waba_checklist_free(cl);

	/* one file edited: parsed and validated (an error in it is reported) */
	char *path = waba_xasprintf("%s/templates.xml", same);
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs("<!-- edited -->\n", f);
	fclose(f);
	cl = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(cl, same), 0);
	assert_int_equal(waba_checklist_limit(cl, id), real);
	waba_checklist_free(cl);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("<checklist><limit id=\"x\" value=\"five\"/></checklist>\n", f);
	fclose(f);
	cl = waba_checklist_new();
	assert_int_not_equal(waba_checklist_load_dir(cl, same), 0);
	assert_non_null(strstr(waba_error_last(), "templates.xml"));
	waba_checklist_free(cl);
	free(path);

	/* a file added: parsed too */
	remove_dir(same);
	same = copy_dir();
	path = waba_xasprintf("%s/zz-extra.xml", same);
	f = fopen(path, "w");
	fputs("<checklist><limit id=\"extra.limit\" value=\"7\"/></checklist>\n", f);
	fclose(f);
	cl = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(cl, same), 0);
	assert_int_equal(waba_checklist_limit(cl, id), real);
	assert_int_equal(waba_checklist_limit(cl, "extra.limit"), 7);
	waba_checklist_free(cl);
	free(path);

	/* a damaged blob: ignored, the XML read */
	blob.buf[blob.len - 3] ^= 0x7f;
	blob.len -= 2;
	waba_checklist_use_compiled((const unsigned char *)blob.buf, blob.len);
	cl = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(cl, SRC), 0);
	assert_int_equal(waba_checklist_limit(cl, id), real);
	waba_checklist_free(cl);
	waba_checklist_use_compiled(NULL, 0);
	remove_dir(same);
	waba_strbuf_release(&blob);
}

/* The hits of every list of `set` in `text`, as "list:term@word ..." */
static char *hits_text(const struct waba_termset *set, const char *text)
{
	struct waba_words w = WABA_WORDS_INIT;
	struct waba_term_hits h;
	struct waba_strbuf out = WABA_STRBUF_INIT;
	waba_text_words(&w, text, strlen(text));
	waba_termset_scan(set, &w, &h);
	size_t n;
	const struct waba_termlist *const *lists = waba_termset_lists(set, &n);
	for (size_t k = 0; k < n; k++)
		for (uint32_t j = h.from[k]; j < h.from[k + 1]; j++)
			waba_strbuf_addf(&out, "%s:%u@%u ", lists[k] ? lists[k]->id : "-", h.v[2 * j], h.v[2 * j + 1]);
	waba_term_hits_release(&h);
	waba_words_release(&w);
	return waba_strbuf_detach(&out);
}

/* The template checks' term set is compiled in: read in place, it finds what the set built
 * from the XML finds; a damaged blob (cut anywhere) is refused, never read past its end. */
static void test_compiled_termset(void **state)
{
	static const char *const texts[] = {
		"Aproveite o desconto de 50% só hoje! Compre já o seu cupom",
		"Su pedido 123 fue enviado. Oferta exclusiva: armas y munición con descuento",
		"Your one-time code is 123456. Do not share it. Limited time offer on cannabis",
		"Olá {{1}}, sua consulta está confirmada para amanhã às 10h.",
	};
	struct waba_strbuf blob = WABA_STRBUF_INIT;
	(void)state;
	setenv("WABA_PREFLIGHT_CHECKLISTS", SRC, 1);
	assert_int_equal(waba_checklist_compile(SRC, waba_check_template_prepare, &blob), 0);
	waba_checklist_use_compiled((const unsigned char *)blob.buf, blob.len);
	struct waba_checklist *compiled = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(compiled, SRC), 0);
	const struct waba_termset *taken = waba_checklist_termset_at(compiled, 0);
	assert_non_null(taken); /* there before any check asked for it */
	waba_check_template_prepare(compiled);
	assert_ptr_equal(waba_checklist_termset_at(compiled, 0), taken);
	assert_null(waba_checklist_termset_at(compiled, 1));

	waba_checklist_use_compiled(NULL, 0);
	struct waba_checklist *parsed = waba_checklist_new();
	assert_int_equal(waba_checklist_load_dir(parsed, SRC), 0);
	assert_null(waba_checklist_termset_at(parsed, 0));
	waba_check_template_prepare(parsed);
	const struct waba_termset *built = waba_checklist_termset_at(parsed, 0);
	assert_non_null(built);
	size_t found = 0;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *a = hits_text(taken, texts[i]), *b = hits_text(built, texts[i]);
		assert_string_equal(a, b);
		found += strlen(a) > 0;
		free(a);
		free(b);
	}
	assert_true(found >= 3);
	waba_checklist_free(parsed);
	waba_checklist_free(compiled);

	/* cut short anywhere: refused */
	size_t nfiles;
	const unsigned char *pos, *end = (const unsigned char *)blob.buf + blob.len;
	assert_int_equal(waba_checklist_blob_files((const unsigned char *)blob.buf, blob.len, &nfiles, &pos), 0);
	for (size_t i = 0; i < nfiles; i++) {
		char *name;
		uint64_t size, hash;
		assert_int_equal(waba_checklist_blob_file_at(&pos, end, &name, &size, &hash), 0);
		free(name);
	}
	for (size_t cut = 0; pos + cut < end; cut += 1 + cut / 16) {
		struct waba_checklist *cl = waba_checklist_new();
		assert_int_equal(waba_checklist_blob_read(cl, pos, pos + cut), -1);
		waba_checklist_free(cl);
	}
	struct waba_checklist *whole = waba_checklist_new();
	assert_int_equal(waba_checklist_blob_read(whole, pos, end), 0);
	waba_checklist_free(whole);
	waba_strbuf_release(&blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compiled),
		cmocka_unit_test(test_compiled_termset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
