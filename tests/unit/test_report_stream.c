/*
 * test_report_stream.c: a streaming reporter (report.h: begin, chunk, end) writes the
 * same bytes whether it gets the whole report at once or part by part, file by file:
 * stdout and, for github, the job summary. The parts are big enough to push the
 * reporters' spools (items, SARIF results, summary rows) into temporary files, with
 * placeholders across the copy's block boundaries. The JSON report is also compared
 * with cJSON's print of the whole tree, as the reporter built it before it streamed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"

#define NFILES 40

static void add_finding(struct waba_report *r, const char *rule_id, enum waba_severity sev, const char *file,
                        unsigned line, unsigned col, const char *msg, const char *hint)
{
	const struct waba_rule *rule = waba_rule_find(rule_id);
	struct waba_loc loc = { file, line, col, line, col + 3 };
	assert_non_null(rule);
	struct waba_finding *f = waba_findings_add(&r->findings, rule, loc, "%s", msg);
	f->severity = sev;
	if (hint)
		waba_finding_set_hint(f, "%s", hint);
}

/* The items and findings of file k (items per file: k % 3 + 1, a long name on every 7th). */
static void add_file(struct waba_report *r, unsigned k, size_t pad)
{
	char file[64], name[64];
	char *big = waba_xmalloc(pad + 1);
	memset(big, 'x', pad);
	big[pad] = 0;
	snprintf(file, sizeof(file), k % 5 == 0 ? "t/f%03u \"q\".json" : "t/f%03u.json", k);
	for (unsigned i = 0; i < k % 3 + 1; i++) {
		cJSON *json = cJSON_CreateObject(), *nested = cJSON_CreateObject(), *arr = cJSON_CreateArray();
		snprintf(name, sizeof(name), "tpl_%u_%u", k, i);
		cJSON_AddStringToObject(json, "kind", "template");
		cJSON_AddStringToObject(json, "input", file);
		cJSON_AddStringToObject(json, "name", k % 7 == 0 ? big : name);
		cJSON_AddNullToObject(json, "language");
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(k));
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(k + 0.25));
		cJSON_AddItemToArray(arr, cJSON_CreateString("tab\there \"quoted\" \\ line\nbreak \x01 ação"));
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(-(double)k));
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(1e20 + k));
		cJSON_AddItemToArray(arr, cJSON_CreateString("\x1f\x7f\b\f\r/ \xF0\x9F\x98\x80 \\u00e9"));
		cJSON_AddItemToArray(arr, cJSON_CreateObject());
		cJSON_AddItemToArray(arr, cJSON_CreateArray());
		cJSON_AddItemToObject(nested, "list", arr);
		cJSON_AddBoolToObject(nested, "ok", k % 2);
		cJSON_AddStringToObject(nested, "a \"key\"\n", "");
		cJSON_AddItemToObject(json, "more", nested);
		waba_report_add_item(r, "template", name, file, json);
		if (k == 0) /* a finding of no file, tied to an item: sorts first */
			add_finding(r, "business.id.format", WABA_SEV_ERROR, NULL, 0, 0, "no file, 50% sure, a:b", NULL);
		if ((k + i) % 2 == 0)
			continue; /* an item without findings */
		add_finding(r, "template.param.adjacent", WABA_SEV_ERROR, file, 3 + i, 7, "adjacent {{1}}{{2}}",
		            "put a word between them");
		add_finding(r, "template.param.adjacent", WABA_SEV_ERROR, file, 3 + i, 7, "adjacent {{1}}{{2}}",
		            "put a word between them"); /* identical: fingerprint occurrence 2 */
		add_finding(r, "template.name.charset", k % 4 ? WABA_SEV_WARNING : WABA_SEV_NOTE, file, 1, 2,
		            k % 7 == 0 ? big : "name, with: commas\r\nand % signs", NULL);
		if (k % 6 == 1)
			add_finding(r, "template.name.duplicate", WABA_SEV_OFF, file, 9, 1, "turned off", NULL);
		if (k % 9 == 2)
			add_finding(r, "template.content.duplicate", WABA_SEV_ERROR, file, 0, 0, "file level", NULL);
	}
	waba_report_end_item(r);
	free(big);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int c;
	assert_non_null(m);
	if (f) {
		while ((c = fgetc(f)) != EOF)
			fputc(c, m);
		fclose(f);
	}
	fclose(m);
	return buf;
}

/* Write the report with `rep`, whole (parts == 0) or one part per file; stdout and job summary. */
static void render(const struct waba_reporter *rep, int parts, size_t pad, const struct waba_report_options *base,
                   char **text, char **summary)
{
	char path[] = "/tmp/waba-stream-summary-XXXXXX";
	int fd = mkstemp(path);
	struct waba_report_options o = *base;
	size_t len = 0;
	FILE *out = open_memstream(text, &len);
	assert_true(fd >= 0);
	close(fd);
	o.step_summary_path = path;
	if (!parts) {
		struct waba_report r = WABA_REPORT_INIT;
		r.command = "lint";
		for (unsigned k = 0; k < NFILES; k++)
			add_file(&r, k, pad);
		waba_findings_sort(&r.findings);
		assert_int_equal(rep->write(out, &r, &o), 0);
		waba_report_release(&r);
	} else {
		struct waba_report head = WABA_REPORT_INIT;
		head.command = "lint";
		void *s = rep->begin(out, &head, &o);
		assert_non_null(s);
		for (unsigned k = 0; k < NFILES; k++) {
			struct waba_report part = WABA_REPORT_INIT;
			part.command = "lint";
			add_file(&part, k, pad);
			waba_findings_sort(&part.findings);
			assert_int_equal(rep->chunk(s, &part), 0);
			waba_report_release(&part);
		}
		assert_int_equal(rep->end(s, &head), 0);
	}
	assert_int_equal(fclose(out), 0);
	*summary = slurp(path);
	unlink(path);
}

static void check_all(size_t pad, const struct waba_report_options *o)
{
	for (const struct waba_reporter *const *rep = waba_reporters(); *rep; rep++) {
		char *whole, *streamed, *whole_md, *streamed_md;
		if (!waba_reporter_streams(*rep)) {
			/* the ones left whole (docs/formats.md) */
			assert_true(strcmp((*rep)->name, "junit") == 0 || strcmp((*rep)->name, "html") == 0);
			continue;
		}
		render(*rep, 0, pad, o, &whole, &whole_md);
		render(*rep, 1, pad, o, &streamed, &streamed_md);
		if (strcmp(whole, streamed) != 0)
			fail_msg("%s: streamed output differs from the whole report's", (*rep)->name);
		assert_string_equal(whole_md, streamed_md);
		assert_true(strlen(whole) > 100);
		free(whole);
		free(streamed);
		free(whole_md);
		free(streamed_md);
	}
}

static void test_parts_equal_whole(void **state)
{
	struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	(void)state;
	check_all(10, &o);
	o.color = 1;
	o.strict = 1;
	check_all(10, &o);
	o.quiet = 1;
	check_all(10, &o);
}

/* Over 1 MiB of items, results and summary rows: the spools go to temporary files. */
static void test_parts_equal_whole_spooled(void **state)
{
	struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	(void)state;
	check_all(200000, &o);
}

/* An empty report, streamed with no part at all, is the whole empty report. */
static void test_no_parts(void **state)
{
	struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	(void)state;
	for (const struct waba_reporter *const *rep = waba_reporters(); *rep; rep++) {
		struct waba_report r = WABA_REPORT_INIT;
		char *a = NULL, *b = NULL;
		size_t la = 0, lb = 0;
		FILE *fa, *fb;
		if (!waba_reporter_streams(*rep))
			continue;
		r.command = "lint";
		fa = open_memstream(&a, &la);
		fb = open_memstream(&b, &lb);
		assert_int_equal((*rep)->write(fa, &r, &o), 0);
		assert_int_equal((*rep)->end((*rep)->begin(fb, &r, &o), &r), 0);
		fclose(fa);
		fclose(fb);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

/* The JSON report is cJSON's print of the whole tree, byte for byte (extra members too). */
static void test_json_is_cjson_print(void **state)
{
	struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	struct waba_report r = WABA_REPORT_INIT;
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	(void)state;
	r.command = "check";
	for (unsigned k = 0; k < 6; k++)
		add_file(&r, k, 10);
	waba_findings_sort(&r.findings);
	r.extra = cJSON_CreateObject();
	cJSON_AddItemToObject(r.extra, "readiness", cJSON_Parse("{\"ready\": false, \"open\": [1, 2, {\"a\": []}]}"));
	assert_int_equal(waba_reporter_find("json")->write(out, &r, &o), 0);
	fclose(out);

	cJSON *root = cJSON_CreateObject(), *findings, *items, *summary;
	cJSON_AddStringToObject(root, "tool", "waba-preflight");
	cJSON_AddStringToObject(root, "version", waba_version());
	cJSON_AddNumberToObject(root, "format_version", 1);
	findings = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < r.findings.len; i++) {
		const struct waba_finding *f = &r.findings.v[i];
		cJSON *fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "rule", f->rule->id);
		cJSON_AddStringToObject(fo, "severity", waba_severity_name(f->severity));
		cJSON_AddStringToObject(fo, "message", f->message);
		if (f->file) {
			cJSON_AddStringToObject(fo, "file", f->file);
			if (f->loc.line) {
				cJSON_AddNumberToObject(fo, "line", f->loc.line);
				cJSON_AddNumberToObject(fo, "column", f->loc.column ? f->loc.column : 1);
			}
		}
		if (waba_finding_hint(f))
			cJSON_AddStringToObject(fo, "hint", waba_finding_hint(f));
		cJSON_AddItemToArray(findings, fo);
	}
	items = cJSON_AddArrayToObject(root, "items");
	for (size_t i = 0; i < r.nitems; i++)
		cJSON_AddItemToArray(items, cJSON_Duplicate(r.items[i].json, 1));
	summary = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(summary, "errors", (double)waba_findings_count_exact(&r.findings, WABA_SEV_ERROR));
	cJSON_AddNumberToObject(summary, "warnings", (double)waba_findings_count_exact(&r.findings, WABA_SEV_WARNING));
	cJSON_AddNumberToObject(summary, "notes", (double)waba_findings_count_exact(&r.findings, WABA_SEV_NOTE));
	cJSON_AddItemToObject(root, "readiness", cJSON_Duplicate(r.extra->child, 1));
	char *want = cJSON_Print(root);
	assert_true(strlen(got) == strlen(want) + 1 && got[strlen(want)] == '\n');
	got[strlen(want)] = 0;
	assert_string_equal(got, want);
	cJSON_Delete(root);
	free(want);
	free(got);
	waba_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_equal_whole),
		cmocka_unit_test(test_parts_equal_whole_spooled),
		cmocka_unit_test(test_no_parts),
		cmocka_unit_test(test_json_is_cjson_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
