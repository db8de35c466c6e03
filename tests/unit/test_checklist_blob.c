/* test_checklist_blob.c: the bundled checklists compiled at build time are taken only for
 * the very files they were made from; anything else is parsed and validated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "core/checklist_priv.h"

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
	assert_int_equal(waba_checklist_compile(SRC, &blob), 0);

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compiled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
