/* test_config.c: .waba-preflight.json (config.c) and the baseline (baseline.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "waba/config.h"

static char tmpdir[] = "/tmp/waba-test-config-XXXXXX";
static char start_cwd[4096];

/* tmpdir/name with `text` in it; returns the path (static buffer). */
static const char *write_file(const char *name, const char *text)
{
	static char path[4096];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void make_dir(const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	assert_true(mkdir(path, 0755) == 0 || access(path, F_OK) == 0);
}

static void enter(const char *sub)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, sub);
	assert_int_equal(chdir(path), 0);
}

static struct waba_loc loc_in(const char *file)
{
	struct waba_loc loc = WABA_LOC_NONE;
	loc.file = file;
	loc.line = 1;
	loc.column = 1;
	return loc;
}

static const struct waba_rule *rule(const char *id)
{
	const struct waba_rule *r = waba_rule_find(id);
	assert_non_null(r);
	return r;
}

/* ---- loading ------------------------------------------------------------------------ */

static void test_load_rows(void **state)
{
	static const struct {
		const char *json;
		const char *where; /* NULL: loads; else "LINE:COL" of the error */
		const char *msg;
	} rows[] = {
		{ "{\"rules\": {\"input.json.syntax\": \"warning\", \"business.\": \"off\", \"input\": \"note\"},\n"
		  " \"ignore\": [\"drafts/**\"], \"checklists\": [\"policy/x.xml\"], \"baseline\": \"bl.json\"}",
		  NULL, NULL },
		{ "{}", NULL, NULL },
		{ "{\n  \"rules\": {},\n  \"rulez\": {}\n}", "3:3", "unknown key 'rulez' (did you mean 'rules'?)" },
		{ "{\n\t\"ignores\": []\n}", "2:2", "unknown key 'ignores' (did you mean 'ignore'?)" },
		{ "{\"colour\": true}", "1:2",
		  "unknown key 'colour' (expected \"rules\", \"ignore\", \"checklists\" or \"baseline\")" },
		{ "{\n  \"ignore\": \"drafts\"\n}", "2:13", "'ignore' must be an array of strings" },
		{ "{\"ignore\": [\"a\",\n            3]}", "2:13", "'ignore' must be an array of strings" },
		{ "{\"ignore\": [\"\"]}", "1:13", "empty string in 'ignore'" },
		{ "{\"checklists\": {}}", "1:16", "'checklists' must be an array of strings" },
		{ "{\"baseline\": 1}", "1:14", "'baseline' must be a string (a path)" },
		{ "{\"baseline\": \"\"}", "1:14", "'baseline' must not be empty" },
		{ "{\"rules\": []}", "1:11", "'rules' must be an object mapping rule ids to severities" },
		{ "{\"rules\": {\"input.json.syntax\": \"fatal\"}}", "1:33",
		  "unknown severity 'fatal' for 'input.json.syntax' "
		  "(expected \"error\", \"warning\", \"note\" or \"off\")" },
		{ "{\"rules\": {\"input.nul\": 2}}", "1:25",
		  "the severity of 'input.nul' must be a string: \"error\", \"warning\", \"note\" or \"off\"" },
		{ "{\n  \"rules\": {\n    \"input.json.syntx\": \"off\"\n  }\n}", "3:5",
		  "unknown rule 'input.json.syntx' (did you mean 'input.json.syntax'?)" },
		{ "{\"rules\": {\"inptu.\": \"off\"}}", "1:12", "unknown rule 'inptu.' (did you mean 'input.'?)" },
		{ "{\"rules\": {\"\": \"off\"}}", "1:12", "unknown rule '' (`waba-preflight rules` lists them)" },
		{ "{\"rules\": {\"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\": \"off\"}}", "1:12",
		  "unknown rule 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' (`waba-preflight rules` lists them)" },
		{ "{\"rules\": {}, \"rules\": {}}", "1:15", "duplicate key 'rules'" },
		{ "[1, 2]", "1:1", "the configuration must be a JSON object" },
		{ "\n\n  {\"rules\": {,}}", "3:15", "invalid JSON at this position (a comma, bracket, colon or quote missing or "
		                                "extra just before it?)" },
		{ "{rules: 1}", "1:3", "invalid JSON: unquoted text here (a key or string without quotes?)" },
		{ "", "1:1", "the file is empty" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_config cfg = WABA_CONFIG_INIT;
		const char *path = write_file("row.json", rows[i].json);
		int err = waba_config_load(&cfg, path);
		if (!rows[i].where) {
			if (err != 0)
				fail_msg("row %zu: %s", i, waba_error_last());
			waba_config_release(&cfg);
			continue;
		}
		char *want = waba_xasprintf("%s:%s: %s", path, rows[i].where, rows[i].msg);
		if (err != WABA_EINVAL || strcmp(waba_error_last(), want) != 0)
			fail_msg("row %zu: got %d '%s'\nwant '%s'", i, err, waba_error_last(), want);
		free(want);
		assert_null(cfg.path);
		assert_int_equal(cfg.noverrides, 0);
	}
}

static void test_load_values(void **state)
{
	struct waba_config cfg = WABA_CONFIG_INIT;
	char want[4096];
	(void)state;
	make_dir("proj");
	const char *path = write_file("proj/.waba-preflight.json",
	                              "{\"rules\": {\"input.nul\": \"off\", \"business\": \"warning\","
	                              " \"input.nul\": \"note\"},\n"
	                              " \"ignore\": [\"./x.json\"], \"checklists\": [\"policy/x.xml\", \"sub/../y.xml\"],"
	                              " \"baseline\": \"bl.json\"}");
	assert_int_equal(waba_config_load(&cfg, path), 0);
	assert_string_equal(cfg.path, path);
	snprintf(want, sizeof(want), "%s/proj", tmpdir);
	assert_string_equal(cfg.dir, want);
	assert_int_equal(cfg.noverrides, 2); /* a repeated rule: the later one wins */
	assert_string_equal(cfg.overrides[0].rule, "input.nul");
	assert_int_equal(cfg.overrides[0].severity, WABA_SEV_NOTE);
	assert_string_equal(cfg.overrides[1].rule, "business.");
	assert_int_equal(cfg.nignore, 1);
	assert_string_equal(cfg.ignore[0], "./x.json");
	assert_int_equal(cfg.nchecklists, 2);
	snprintf(want, sizeof(want), "%s/proj/policy/x.xml", tmpdir);
	assert_string_equal(cfg.checklists[0], want);
	snprintf(want, sizeof(want), "%s/proj/sub/../y.xml", tmpdir);
	assert_string_equal(cfg.checklists[1], want);
	snprintf(want, sizeof(want), "%s/proj/bl.json", tmpdir);
	assert_string_equal(cfg.baseline, want);
	waba_config_release(&cfg);
	assert_null(cfg.path);

	assert_int_equal(waba_config_load(&cfg, "/nonexistent/.waba-preflight.json"), WABA_ENOTFOUND);

	/* paths out of the configuration's folder are refused (docs/security.md) */
	static const char *const outside[] = {
		"{\"checklists\": [\"/abs.xml\"]}", "{\"checklists\": [\"../x.xml\"]}",
		"{\"baseline\": \"sub/../../bl.json\"}", "{\"baseline\": \"bl.txt\"}", "{\"ignore\": [\"a/../../b\"]}",
	};
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		path = write_file("proj/.waba-preflight.json", outside[i]);
		assert_int_equal(waba_config_load(&cfg, path), WABA_EINVAL);
		assert_null(cfg.path);
	}
}

static void test_find(void **state)
{
	char dir[4096], want[4096], *found = NULL;
	(void)state;
	make_dir("find");
	make_dir("find/a");
	make_dir("find/a/b");
	make_dir("find/a/b/c");
	make_dir("find/a/b/c/.waba-preflight.json"); /* a folder of that name does not count */
	write_file("find/a/.waba-preflight.json", "{}");
	char *real = realpath(tmpdir, NULL);
	assert_non_null(real);

	snprintf(dir, sizeof(dir), "%s/find/a/b/c", tmpdir);
	assert_int_equal(waba_config_find(&found, dir), 0);
	snprintf(want, sizeof(want), "%s/find/a/.waba-preflight.json", real);
	assert_non_null(found);
	assert_string_equal(found, want);
	free(found);

	snprintf(dir, sizeof(dir), "%s/find/a", tmpdir);
	assert_int_equal(waba_config_find(&found, dir), 0);
	snprintf(want, sizeof(want), "%s/find/a/.waba-preflight.json", tmpdir);
	assert_string_equal(found, want);
	free(found);

	enter("find/a");
	assert_int_equal(waba_config_find(&found, "."), 0);
	assert_string_equal(found, ".waba-preflight.json");
	free(found);

	snprintf(dir, sizeof(dir), "%s/find", tmpdir);
	assert_int_equal(waba_config_find(&found, dir), 0);
	assert_null(found); /* nothing above the temporary folder either */

	assert_true(waba_config_find(&found, "/nonexistent/dir") < 0);
	assert_null(found);
	free(real);
}

/* ---- applying ----------------------------------------------------------------------- */

static void test_apply_precedence(void **state)
{
	static const struct { const char *id; enum waba_severity want; } rows[] = {
		{ "input.json.syntax", WABA_SEV_NOTE },    /* exact id beats both prefixes */
		{ "input.json.depth", WABA_SEV_WARNING },  /* longer prefix beats shorter */
		{ "input.nul", WABA_SEV_OFF },             /* family prefix */
		{ "business.id.format", WABA_SEV_ERROR },  /* untouched */
	};
	struct waba_config cfg = WABA_CONFIG_INIT;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	(void)state;
	const char *path = write_file("prec.json", "{\"rules\": {\"input.json.\": \"warning\","
	                                           " \"input.json.syntax\": \"note\", \"input.\": \"off\"}}");
	assert_int_equal(waba_config_load(&cfg, path), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		waba_findings_add(&fs, rule(rows[i].id), loc_in("a.json"), "m");
	waba_config_apply(&cfg, &fs);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (fs.v[i].severity != rows[i].want)
			fail_msg("%s: severity %d, want %d", rows[i].id, fs.v[i].severity, rows[i].want);
	waba_findings_release(&fs);
	waba_config_release(&cfg);
}

static void test_ignored(void **state)
{
	static const struct { const char *cwd, *path; int want; } rows[] = {
		{ "", "drafts/a.json", 1 },
		{ "", "./drafts/a/b/c.json", 1 },
		{ "", "drafts2/a.json", 0 },
		{ "", "sub/drafts/a.json", 0 },      /* anchored at the config's folder */
		{ "", "x.json", 1 },
		{ "", "./x.json", 1 },
		{ "", ".//./x.json", 1 },
		{ "", "sub/x.json", 0 },             /* "./x.json" only at the top */
		{ "", "a.bak.json", 1 },
		{ "", "sub/deep/a.bak.json", 1 },    /* no '/' in the pattern: any depth */
		{ "", "a.json", 0 },
		{ "", "out/a.json", 1 },             /* "out/": everything in a folder named out */
		{ "", "out", 0 },                    /* ... but not a file named out */
		{ "", "sub/../drafts/a.json", 1 },
		{ "", "-", 0 },
		{ "sub", "x.json", 0 },              /* sub/x.json from the config's folder */
		{ "sub", "../x.json", 1 },
		{ "sub", "../drafts/z.json", 1 },
		{ "sub", "b.bak.json", 1 },
	};
	struct waba_config cfg = WABA_CONFIG_INIT;
	(void)state;
	make_dir("ign");
	make_dir("ign/sub");
	const char *path = write_file("ign/.waba-preflight.json",
	                              "{\"ignore\": [\"drafts/**\", \"*.bak.json\", \"./x.json\", \"out/\"]}");
	assert_int_equal(waba_config_load(&cfg, path), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char sub[64];
		snprintf(sub, sizeof(sub), "ign/%s", rows[i].cwd);
		enter(sub);
		if (waba_config_ignored(&cfg, rows[i].path) != rows[i].want)
			fail_msg("row %zu: '%s' from '%s': want %d", i, rows[i].path, sub, rows[i].want);
	}
	/* an absolute path inside the config's folder */
	char abs[4096];
	snprintf(abs, sizeof(abs), "%s/ign/drafts/q.json", tmpdir);
	assert_true(waba_config_ignored(&cfg, abs));
	waba_config_release(&cfg);

	/* no configuration: nothing is ignored */
	assert_false(waba_config_ignored(&cfg, "drafts/a.json"));
}

/* ---- baseline ----------------------------------------------------------------------- */

static void test_baseline_round_trip(void **state)
{
	struct waba_findings fs = WABA_FINDINGS_INIT, again = WABA_FINDINGS_INIT;
	struct waba_baseline bl = WABA_BASELINE_INIT;
	char path[4096];
	(void)state;
	make_dir("bl");
	make_dir("bl/t");
	enter("bl");
	snprintf(path, sizeof(path), "%s/bl/baseline.json", tmpdir);

	waba_findings_add(&fs, rule("input.json.syntax"), loc_in("t/a.json"), "m1");
	waba_findings_add(&fs, rule("input.json.syntax"), loc_in("./t/a.json"), "m1"); /* twice */
	waba_findings_add(&fs, rule("business.id.format"), WABA_LOC_NONE, "m2 \"q\" \\ é\n\x01");
	waba_findings_add(&fs, rule("input.nul"), loc_in("t/b.json"), "m3")->severity = WABA_SEV_NOTE;
	waba_findings_add(&fs, rule("input.nul"), loc_in("t/c.json"), "m4")->severity = WABA_SEV_OFF;
	assert_int_equal(waba_baseline_write(path, &fs), 0);

	FILE *f = fopen(path, "rb");
	char text[2048] = { 0 };
	assert_non_null(f);
	assert_true(fread(text, 1, sizeof(text) - 1, f) > 0);
	fclose(f);
	assert_string_equal(text,
	                    "{\n  \"version\": 1,\n  \"findings\": [\n"
	                    "    {\"rule\": \"business.id.format\", \"message\": \"m2 \\\"q\\\" \\\\ é\\n\\u0001\"},\n"
	                    "    {\"rule\": \"input.json.syntax\", \"file\": \"t/a.json\", \"message\": \"m1\"},\n"
	                    "    {\"rule\": \"input.json.syntax\", \"file\": \"t/a.json\", \"message\": \"m1\"}\n"
	                    "  ]\n}\n");

	assert_int_equal(waba_baseline_load(&bl, path), 0);
	assert_int_equal(bl.len, 3);
	assert_null(bl.v[0].file);
	assert_string_equal(bl.v[0].message, "m2 \"q\" \\ é\n\x01");

	/* a later run from t/: the same file by another name; one copy of m1 fixed; m5 new */
	enter("bl/t");
	waba_findings_add(&again, rule("input.json.syntax"), loc_in("a.json"), "m1");
	waba_findings_add(&again, rule("business.id.format"), WABA_LOC_NONE, "m2 \"q\" \\ é\n\x01");
	waba_findings_add(&again, rule("input.json.syntax"), loc_in("a.json"), "m5");
	waba_baseline_apply(&bl, &again);
	assert_int_equal(again.len, 2);
	assert_string_equal(again.v[0].message, "m5");
	assert_string_equal(again.v[1].rule->id, "input.baseline.unused");
	assert_int_equal(again.v[1].severity, WABA_SEV_NOTE);
	assert_string_equal(again.v[1].file, path);
	assert_non_null(strstr(again.v[1].message, "input.json.syntax in 't/a.json': m1"));
	assert_int_equal(waba_findings_count(&again, WABA_SEV_WARNING), 1);

	waba_baseline_release(&bl);
	waba_findings_release(&again);
	waba_findings_release(&fs);

	/* an empty baseline is valid JSON too */
	assert_int_equal(waba_baseline_write(path, &fs), 0);
	assert_int_equal(waba_baseline_load(&bl, path), 0);
	assert_int_equal(bl.len, 0);
	waba_baseline_release(&bl);

	/* missing: empty, not an error */
	assert_int_equal(waba_baseline_load(&bl, "no-such-baseline.json"), 0);
	assert_int_equal(bl.len, 0);
	assert_string_equal(bl.path, "no-such-baseline.json");
	waba_baseline_release(&bl);

	assert_int_equal(waba_baseline_write("/nonexistent/dir/bl.json", &fs), WABA_EIO);
}

static void test_baseline_malformed(void **state)
{
	static const struct { const char *json, *where, *msg; } rows[] = {
		{ "{\"version\": 2, \"findings\": []}", "1:13",
		  "unsupported baseline version (this program reads version 1)" },
		{ "{\"findings\": []}", "1:1", "the baseline has no \"version\"" },
		{ "{\"version\": 1}", "1:1", "the baseline needs \"findings\" as an array" },
		{ "{\"version\": 1, \"findings\": [\n  {\"rule\": \"x\"}\n]}", "2:3",
		  "a baseline entry needs \"message\" as a string" },
		{ "{\"version\": 1, \"findings\": [{\"rule\": 1, \"message\": \"m\"}]}", "1:38",
		  "a baseline entry needs \"rule\" as a string" },
		{ "{\"version\": 1, \"findings\": [{\"rule\": \"r\", \"file\": 3, \"message\": \"m\"}]}", "1:51",
		  "\"file\" must be a string or null" },
		{ "{\"version\": 1, \"findings\": [7]}", "1:29",
		  "a baseline entry must be an object with \"rule\", \"file\" and \"message\"" },
		{ "[]", "1:1", "the baseline must be a JSON object {\"version\": 1, \"findings\": [...]}" },
		{ "{\"version\": 1,", "1:15", "unexpected end of file: the JSON is incomplete" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_baseline bl = WABA_BASELINE_INIT;
		const char *path = write_file("badbl.json", rows[i].json);
		char *want = waba_xasprintf("%s:%s: %s", path, rows[i].where, rows[i].msg);
		int err = waba_baseline_load(&bl, path);
		if (err != WABA_EINVAL || strcmp(waba_error_last(), want) != 0)
			fail_msg("row %zu: got %d '%s'\nwant '%s'", i, err, waba_error_last(), want);
		free(want);
		assert_null(bl.path);
		assert_int_equal(bl.len, 0);
	}
	/* a file entry of null and unknown extra keys are accepted */
	struct waba_baseline bl = WABA_BASELINE_INIT;
	const char *path = write_file("okbl.json", "{\"version\": 1, \"extra\": 0, \"findings\": "
	                                           "[{\"rule\": \"r\", \"file\": null, \"message\": \"m\", \"n\": 2}]}");
	assert_int_equal(waba_baseline_load(&bl, path), 0);
	assert_int_equal(bl.len, 1);
	assert_null(bl.v[0].file);
	waba_baseline_release(&bl);
}

static void test_rule_registered(void **state)
{
	(void)state;
	const struct waba_rule *r = rule("input.baseline.unused");
	assert_int_equal(r->severity, WABA_SEV_NOTE);
	assert_non_null(r->hint);
	assert_non_null(r->example_bad);
	assert_non_null(r->example_good);
}

static int setup(void **state)
{
	(void)state;
	if (!getcwd(start_cwd, sizeof(start_cwd)) || !mkdtemp(tmpdir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[4200];
	(void)state;
	if (chdir(start_cwd) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_rows),
		cmocka_unit_test(test_load_values),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_apply_precedence),
		cmocka_unit_test(test_ignored),
		cmocka_unit_test(test_baseline_round_trip),
		cmocka_unit_test(test_baseline_malformed),
		cmocka_unit_test(test_rule_registered),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
