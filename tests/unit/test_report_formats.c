/*
 * test_report_formats.c: the CI reporters (sarif, junit, github, gitlab), each fed a
 * report built by hand and its output parsed back: GitHub workflow-command escaping,
 * GitLab Code Quality fields, SARIF structure, JUnit counts and names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include "util.h"

/* ---- building reports ------------------------------------------------------------ */

static void add_item(struct waba_report *r, const char *kind, const char *name, const char *file)
{
	cJSON *json = cJSON_CreateObject();
	cJSON_AddStringToObject(json, "kind", kind);
	waba_report_add_item(r, kind, name, file, json);
}

static struct waba_finding *add_finding(struct waba_report *r, const char *rule_id, enum waba_severity sev,
                                        const char *file, unsigned line, unsigned col, unsigned end_col,
                                        const char *msg)
{
	const struct waba_rule *rule = waba_rule_find(rule_id);
	struct waba_loc loc = { file, line, col, 0, end_col };
	struct waba_finding *f;
	assert_non_null(rule);
	f = waba_findings_add(&r->findings, rule, loc, "%s", msg);
	f->severity = sev;
	waba_finding_set_hint(f, "%s", ""); /* no hint unless a test sets one */
	return f;
}

static char *render(const char *format, const struct waba_report *r, const struct waba_report_options *o)
{
	const struct waba_reporter *rep = waba_reporter_find(format);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(rep);
	assert_non_null(out);
	assert_int_equal(rep->write(out, r, o), 0);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static const struct waba_report_options plain = { 0, 0, 0, NULL, "en", NULL, NULL };

/* A line of `text` (0-based), copied; NULL past the end. */
static char *line_at(const char *text, size_t n)
{
	const char *p = text;
	for (; n > 0; n--) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	if (!*p)
		return NULL;
	const char *e = strchr(p, '\n');
	return waba_xstrndup(p, e ? (size_t)(e - p) : strlen(p));
}

static void assert_line(const char *text, size_t n, const char *want)
{
	char *got = line_at(text, n);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* `want` is one of the lines of `text`. */
static void assert_has_line(const char *text, const char *want)
{
	char *got;
	for (size_t i = 0; (got = line_at(text, i)) != NULL; i++) {
		int same = strcmp(got, want) == 0;
		free(got);
		if (same)
			return;
	}
	fail_msg("no line '%s' in:\n%s", want, text);
}

static int setup(void **state)
{
	(void)state;
	waba_i18n_init("en");
	return 0;
}

/* ---- github ---------------------------------------------------------------------- */

static void test_github_escaping(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	r.command = "lint";
	add_item(&r, "template", "order", "./dir,with:colon/100%.json");
	struct waba_finding *f = add_finding(&r, "input.json.syntax", WABA_SEV_ERROR, "./dir,with:colon/100%.json",
	                                     7, 24, 29, "found {{1}}, then {{3}}: 100% wrong\nsecond line\r");
	waba_finding_set_hint(f, "rename {{3}} to {{2}}, then retry");
	add_finding(&r, "business.id.length", WABA_SEV_WARNING, "dir\\win.json", 3, 0, 0, "a: b, c");
	add_finding(&r, "business.id.normalized", WABA_SEV_NOTE, NULL, 0, 0, 0, "no file: 50%");
	waba_report_end_item(&r);
	add_item(&r, "business", "123,4", NULL);
	add_finding(&r, "business.id.length", WABA_SEV_WARNING, NULL, 0, 0, 0, "too short");
	waba_findings_sort(&r.findings);

	char *out = render("github", &r, &plain);
	/* one line per finding, in the report's order, then the summary */
	assert_has_line(out, "::warning title=business.id.length::123,4: too short");
	assert_has_line(out, "::notice file=dir%2Cwith%3Acolon/100%25.json,title=business.id.normalized::no file: 50%25");
	assert_has_line(out, "::error file=dir%2Cwith%3Acolon/100%25.json,line=7,endLine=7,col=24,endColumn=29,"
	                     "title=input.json.syntax::found {{1}}, then {{3}}: 100%25 wrong%0Asecond line%0D "
	                     "(hint: rename {{3}} to {{2}}, then retry)");
	assert_has_line(out, "::warning file=dir/win.json,line=3,endLine=3,title=business.id.length::a: b, c");
	assert_line(out, 4, "waba-preflight: 2 items checked: 1 error, 2 warnings, 1 note; "
	                    "every finding is in --format sarif");
	assert_null(line_at(out, 5));
	free(out);
	waba_report_release(&r);
}

static void test_github_limits_and_summary(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	char path[] = "/tmp/waba-step-summary-XXXXXX";
	int fd = mkstemp(path);
	struct waba_report_options o = plain;
	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "before\n", 7), 7);
	close(fd);
	o.step_summary_path = path;
	r.command = "lint";
	add_item(&r, "template", "t", "a|b.json");
	for (unsigned i = 1; i <= 11; i++)
		add_finding(&r, "input.json.syntax", WABA_SEV_ERROR, "a|b.json", i, 1, 0, "bad <b>*x*</b> | y");
	waba_findings_sort(&r.findings);

	char *out = render("github", &r, &o);
	char *last = line_at(out, 11);
	assert_non_null(last);
	assert_non_null(strstr(last, "11 errors"));
	assert_non_null(strstr(last, "only 10 annotations"));
	assert_non_null(strstr(last, "job summary"));
	free(last);
	free(out);

	FILE *f = fopen(path, "r");
	char buf[8192];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	unlink(path);
	assert_true(strncmp(buf, "before\n### waba-preflight lint\n", 31) == 0);
	assert_non_null(strstr(buf, "| Severity | Rule | Where | Message |"));
	assert_non_null(strstr(buf, "| error | input.json.syntax | a\\|b.json:11:1 | bad &lt;b&gt;\\*x\\*&lt;/b&gt; \\| y |"));
	size_t rows = 0;
	for (const char *p = buf; (p = strstr(p, "\n| error |")); p++)
		rows++;
	assert_int_equal(rows, 11);
	waba_report_release(&r);
}

/* ---- gitlab ---------------------------------------------------------------------- */

static void test_gitlab_fields(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	r.command = "check";
	add_item(&r, "template", "order", "tpl/order.json");
	add_finding(&r, "input.json.syntax", WABA_SEV_ERROR, "tpl/order.json", 4, 2, 0, "same");
	add_finding(&r, "input.json.syntax", WABA_SEV_ERROR, "tpl/order.json", 4, 2, 0, "same");
	add_finding(&r, "business.id.length", WABA_SEV_WARNING, NULL, 0, 0, 0, "item file only");
	waba_report_end_item(&r);
	add_item(&r, "business", "42", NULL);
	add_finding(&r, "business.id.normalized", WABA_SEV_NOTE, NULL, 0, 0, 0, "no file at all");
	waba_findings_sort(&r.findings);

	char *out = render("gitlab", &r, &plain);
	char *again = render("gitlab", &r, &plain);
	assert_string_equal(out, again); /* stable */
	cJSON *arr = cJSON_Parse(out);
	assert_non_null(arr);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 4);

	const char *want_sev[] = { "minor", "info", "major", "major" };
	const char *want_path[] = { "tpl/order.json", "waba-preflight", "tpl/order.json", "tpl/order.json" };
	const int want_line[] = { 1, 1, 4, 4 };
	const char *fps[4];
	for (int i = 0; i < 4; i++) {
		cJSON *o = cJSON_GetArrayItem(arr, i);
		cJSON *loc = cJSON_GetObjectItemCaseSensitive(o, "location");
		const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "fingerprint"));
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "severity")), want_sev[i]);
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(loc, "path")), want_path[i]);
		assert_int_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(loc, "lines"), "begin")
		                         ->valueint,
		                 want_line[i]);
		assert_non_null(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "check_name")));
		assert_non_null(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "description")));
		assert_non_null(fp);
		assert_int_equal(strlen(fp), 32);
		assert_int_equal(strspn(fp, "0123456789abcdef"), 32);
		fps[i] = fp;
		for (int j = 0; j < i; j++)
			assert_string_not_equal(fps[j], fp);
	}
	cJSON *first = cJSON_GetArrayItem(arr, 2);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "check_name")),
	                    "input.json.syntax");
	const char *desc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "description"));
	assert_true(strncmp(desc, "same", 4) == 0);
	cJSON_Delete(arr);
	free(out);
	free(again);
	waba_report_release(&r);
}

/* ---- sarif ----------------------------------------------------------------------- */

static cJSON *get(cJSON *o, const char *path)
{
	char *copy = waba_xstrdup(path), *save = NULL;
	for (char *k = strtok_r(copy, "/", &save); k && o; k = strtok_r(NULL, "/", &save)) {
		if (*k >= '0' && *k <= '9')
			o = cJSON_GetArrayItem(o, atoi(k));
		else
			o = cJSON_GetObjectItemCaseSensitive(o, k);
	}
	free(copy);
	return o;
}

static const char *str(cJSON *o, const char *path)
{
	return cJSON_GetStringValue(get(o, path));
}

static int num(cJSON *o, const char *path)
{
	cJSON *n = get(o, path);
	assert_true(cJSON_IsNumber(n));
	return n->valueint;
}

static void test_sarif_structure(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	r.command = "lint";
	add_item(&r, "template", "order", "my dir/caf\xC3\xA9:1.json");
	struct waba_finding *f =
		add_finding(&r, "input.json.syntax", WABA_SEV_ERROR, "my dir/caf\xC3\xA9:1.json", 7, 24, 29, "bad \xFF byte\x01");
	waba_finding_set_hint(f, "%s", "fix it");
	add_finding(&r, "input.json.syntax", WABA_SEV_ERROR, "my dir/caf\xC3\xA9:1.json", 9, 3, 0, "bad \xFF byte\x01");
	add_finding(&r, "business.id.length", WABA_SEV_WARNING, NULL, 0, 0, 0, "whole file");
	waba_report_end_item(&r);
	add_item(&r, "business", "42", NULL);
	add_finding(&r, "business.id.normalized", WABA_SEV_NOTE, NULL, 0, 0, 0, "typed on the command line");
	waba_findings_sort(&r.findings);

	char *out = render("sarif", &r, &plain);
	assert_null(strstr(out, "\xFF"));
	assert_non_null(strstr(out, "bad \xEF\xBF\xBD byte\xEF\xBF\xBD"));
	cJSON *doc = cJSON_Parse(out);
	assert_non_null(doc);
	assert_string_equal(str(doc, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	assert_string_equal(str(doc, "version"), "2.1.0");
	assert_string_equal(str(doc, "runs/0/tool/driver/name"), "waba-preflight");
	assert_string_equal(str(doc, "runs/0/tool/driver/semanticVersion"), waba_version());
	assert_string_equal(str(doc, "runs/0/columnKind"), "unicodeCodePoints");
	assert_null(get(doc, "runs/0/automationDetails")); /* the upload sets the category */

	cJSON *rules = get(doc, "runs/0/tool/driver/rules");
	assert_int_equal(cJSON_GetArraySize(rules), 3);
	assert_string_equal(str(rules, "0/id"), "business.id.length");
	assert_string_equal(str(rules, "1/id"), "business.id.normalized");
	assert_string_equal(str(rules, "2/id"), "input.json.syntax");
	assert_string_equal(str(rules, "2/name"), "InputJsonSyntax");
	assert_string_equal(str(rules, "2/helpUri"), WABA_DOCS_URL "#input-json-syntax");
	assert_string_equal(str(rules, "2/defaultConfiguration/level"), "error");
	assert_string_equal(str(rules, "2/properties/tags/0"), "input");
	assert_non_null(str(rules, "2/properties/precision"));
	assert_non_null(str(rules, "2/shortDescription/text"));
	assert_non_null(str(rules, "2/fullDescription/text"));
	assert_non_null(str(rules, "2/help/text"));
	assert_non_null(str(rules, "2/help/markdown"));
	assert_null(get(rules, "2/properties/security-severity"));

	cJSON *results = get(doc, "runs/0/results");
	assert_int_equal(cJSON_GetArraySize(results), 4);
	/* every ruleIndex points at its ruleId */
	for (int i = 0; i < 4; i++) {
		cJSON *res = cJSON_GetArrayItem(results, i);
		char key[32];
		snprintf(key, sizeof(key), "%d/id", num(res, "ruleIndex"));
		assert_string_equal(str(rules, key), str(res, "ruleId"));
		assert_non_null(str(res, "message/text"));
		const char *fp = str(res, "partialFingerprints/primaryLocationLineHash");
		assert_non_null(fp);
		assert_int_equal(strspn(fp, "0123456789abcdef"), 16);
		assert_int_equal(fp[16], ':');
	}
	/* result 0: the item's file, no position -> line 1, and the item's name */
	assert_string_equal(str(results, "0/level"), "warning");
	assert_string_equal(str(results, "0/locations/0/physicalLocation/artifactLocation/uri"),
	                    "my%20dir/caf%C3%A9%3A1.json");
	assert_int_equal(num(results, "0/locations/0/physicalLocation/region/startLine"), 1);
	assert_string_equal(str(results, "0/locations/0/logicalLocations/0/name"), "order");
	/* result 1: no file anywhere -> only a logical location naming the item */
	assert_string_equal(str(results, "1/level"), "note");
	assert_null(get(results, "1/locations/0/physicalLocation"));
	assert_string_equal(str(results, "1/locations/0/logicalLocations/0/name"), "42");
	assert_string_equal(str(results, "1/locations/0/logicalLocations/0/fullyQualifiedName"), "business:42");
	/* result 2: explicit end column */
	assert_string_equal(str(results, "2/level"), "error");
	assert_int_equal(num(results, "2/locations/0/physicalLocation/region/startLine"), 7);
	assert_int_equal(num(results, "2/locations/0/physicalLocation/region/startColumn"), 24);
	assert_int_equal(num(results, "2/locations/0/physicalLocation/region/endLine"), 7);
	assert_int_equal(num(results, "2/locations/0/physicalLocation/region/endColumn"), 29);
	/* result 3: no end column -> start + 1; same rule, file and message -> ":2" */
	assert_int_equal(num(results, "3/locations/0/physicalLocation/region/startColumn"), 3);
	assert_int_equal(num(results, "3/locations/0/physicalLocation/region/endColumn"), 4);
	const char *fp2 = str(results, "2/partialFingerprints/primaryLocationLineHash");
	const char *fp3 = str(results, "3/partialFingerprints/primaryLocationLineHash");
	assert_int_equal(strncmp(fp2, fp3, 16), 0);
	assert_string_equal(fp2 + 16, ":1");
	assert_string_equal(fp3 + 16, ":2");
	assert_non_null(strstr(str(results, "2/message/text"), "(hint: "));
	cJSON_Delete(doc);
	free(out);
	waba_report_release(&r);
}

/* ---- junit ----------------------------------------------------------------------- */

static int xcount(xmlXPathContextPtr ctx, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	int n;
	assert_non_null(o);
	n = o->type == XPATH_NUMBER ? (int)o->floatval : (o->nodesetval ? o->nodesetval->nodeNr : 0);
	xmlXPathFreeObject(o);
	return n;
}

static char *xstr(xmlXPathContextPtr ctx, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *s;
	assert_non_null(o);
	s = waba_xstrdup((const char *)(o->stringval ? o->stringval : (const xmlChar *)""));
	xmlXPathFreeObject(o);
	return s;
}

static void assert_xstr(xmlXPathContextPtr ctx, const char *expr, const char *want)
{
	char *s = xstr(ctx, expr);
	assert_string_equal(s, want);
	free(s);
}

static void junit_report(struct waba_report *r)
{
	r->command = "lint";
	add_item(r, "template", "order", "tpl/order.json");
	add_finding(r, "input.json.syntax", WABA_SEV_ERROR, "tpl/order.json", 2, 5, 0, "first <error> & \"quote\"");
	add_finding(r, "input.json.syntax", WABA_SEV_ERROR, "tpl/order.json", 8, 1, 0, "second error\x02");
	add_finding(r, "business.id.length", WABA_SEV_WARNING, "tpl/order.json", 3, 1, 0, "a warning");
	waba_report_end_item(r);
	add_item(r, "template", "order", "tpl/order.json"); /* same classname + name */
	add_finding(r, "business.id.normalized", WABA_SEV_NOTE, NULL, 0, 0, 0, "a note");
	waba_report_end_item(r);
	add_item(r, "template", "order", "tpl/order.json");
	add_item(r, "business", "42", NULL);
	add_finding(r, "business.id.length", WABA_SEV_WARNING, NULL, 0, 0, 0, "only a warning");
	waba_report_end_item(r);
	add_finding(r, "input.json.syntax", WABA_SEV_ERROR, "loose.json", 1, 1, 0, "belongs to no item");
	waba_findings_sort(&r->findings);
}

static void test_junit(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_report_options strict = plain;
	(void)state;
	strict.strict = 1;
	junit_report(&r);

	for (int pass = 0; pass < 2; pass++) {
		char *out = render("junit", &r, pass ? &strict : &plain);
		xmlDocPtr doc = xmlReadMemory(out, (int)strlen(out), "junit.xml", NULL, XML_PARSE_NONET);
		assert_non_null(doc);
		xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
		int failures = pass ? 3 : 2;

		assert_int_equal(xcount(ctx, "count(/testsuites/testsuite)"), 1);
		assert_int_equal(xcount(ctx, "count(//testcase)"), 5);
		assert_int_equal(xcount(ctx, "count(//testcase[failure])"), failures);
		assert_int_equal(xcount(ctx, "count(//failure)"), failures);
		assert_int_equal(xcount(ctx, "number(/testsuites/@tests)"), 5);
		assert_int_equal(xcount(ctx, "number(/testsuites/testsuite/@tests)"), 5);
		assert_int_equal(xcount(ctx, "number(/testsuites/@failures)"), failures);
		assert_int_equal(xcount(ctx, "number(/testsuites/testsuite/@failures)"), failures);
		assert_int_equal(xcount(ctx, "number(/testsuites/testsuite/@errors)"), 0);
		assert_int_equal(xcount(ctx, "number(/testsuites/testsuite/@skipped)"), 0);
		assert_xstr(ctx, "string(/testsuites/testsuite/@name)", "waba-preflight.lint");
		assert_xstr(ctx, "string(//testcase[1]/@classname)", "waba-preflight.template");
		assert_xstr(ctx, "string(//testcase[1]/@name)", "tpl/order.json:order");
		assert_xstr(ctx, "string(//testcase[2]/@name)", "tpl/order.json:order (2)");
		assert_xstr(ctx, "string(//testcase[3]/@name)", "tpl/order.json:order (3)");
		assert_xstr(ctx, "string(//testcase[4]/@classname)", "waba-preflight.business");
		assert_xstr(ctx, "string(//testcase[4]/@name)", "42");
		assert_xstr(ctx, "string(//testcase[5]/@classname)", "waba-preflight.lint");
		assert_xstr(ctx, "string(//testcase[5]/@name)", "(general)");
		assert_xstr(ctx, "string(//testcase[1]/failure/@type)", "error");
		assert_xstr(ctx, "string(//testcase[1]/failure/@message)",
		            "input.json.syntax: first <error> & \"quote\"");
		char *body = xstr(ctx, "string(//testcase[1]/failure)");
		assert_non_null(strstr(body, "tpl/order.json:2:5: error: first <error> & \"quote\" [input.json.syntax]"));
		assert_non_null(strstr(body, "tpl/order.json:8:1: error: second error\xEF\xBF\xBD [input.json.syntax]"));
		assert_int_equal(strstr(body, "a warning") != NULL, pass);
		free(body);
		char *sysout = xstr(ctx, "string(//testcase[1]/system-out)");
		assert_int_equal(strstr(sysout, "tpl/order.json:3:1: warning: a warning [business.id.length]") != NULL,
		                 !pass);
		free(sysout);
		assert_int_equal(xcount(ctx, "count(//testcase[2]/failure)"), 0);
		assert_int_equal(xcount(ctx, "count(//testcase[2]/system-out)"), 1);
		assert_int_equal(xcount(ctx, "count(//testcase[4]/failure)"), pass);
		if (pass)
			assert_xstr(ctx, "string(//testcase[4]/failure/@type)", "warning");
		assert_xstr(ctx, "string(//testcase[5]/failure/@message)", "input.json.syntax: belongs to no item");

		xmlXPathFreeContext(ctx);
		xmlFreeDoc(doc);
		free(out);
	}
	waba_report_release(&r);
}

static void test_empty_reports(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	r.command = "business";
	char *sarif = render("sarif", &r, &plain);
	cJSON *doc = cJSON_Parse(sarif);
	assert_int_equal(cJSON_GetArraySize(get(doc, "runs/0/results")), 0);
	assert_int_equal(cJSON_GetArraySize(get(doc, "runs/0/tool/driver/rules")), 0);
	cJSON_Delete(doc);
	free(sarif);
	char *gitlab = render("gitlab", &r, &plain);
	assert_string_equal(gitlab, "[]\n");
	free(gitlab);
	char *github = render("github", &r, &plain);
	assert_string_equal(github, "waba-preflight: 0 items checked: 0 errors, 0 warnings, 0 notes\n");
	free(github);
	char *junit = render("junit", &r, &plain);
	assert_non_null(strstr(junit, "tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\""));
	free(junit);
	waba_report_release(&r);
}

static void test_table_order(void **state)
{
	static const char *const want[] = { "text", "json", "sarif", "junit", "github", "gitlab", "html" };
	const struct waba_reporter *const *all = waba_reporters();
	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_non_null(all[i]);
		assert_string_equal(all[i]->name, want[i]);
		assert_non_null(all[i]->summary);
	}
	assert_null(all[sizeof(want) / sizeof(want[0])]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github_escaping),
		cmocka_unit_test(test_github_limits_and_summary),
		cmocka_unit_test(test_gitlab_fields),
		cmocka_unit_test(test_sarif_structure),
		cmocka_unit_test(test_junit),
		cmocka_unit_test(test_empty_reports),
		cmocka_unit_test(test_table_order),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
