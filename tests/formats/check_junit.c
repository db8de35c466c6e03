/*
 * check_junit.c: parse a `--format junit` report back with libxml2 and check what
 * GitLab and Jenkins rely on (conventions §3.3).
 *
 *   check_junit [--tests N] [--failures N] [--classname NAME] FILE.xml
 *
 * - well-formed XML, root <testsuites>, <testsuite> children, <testcase> inside;
 * - tests/failures/errors/skipped on every suite equal the counts of its test cases
 *   (and the root's equal the sums); time attributes are numbers;
 * - every testcase has a classname starting "waba-preflight." and a non-empty name,
 *   and no two share classname + name (GitLab keeps only the first of those);
 * - every <failure> has type and message attributes and a non-empty body (GitLab long
 *   ignored the message attribute);
 * - with --tests / --failures: those totals; with --classname: some testcase has it.
 * Prints what is wrong and exits 1, or exits 0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

struct counts {
	long tests, failures, errors, skipped;
};

static int problems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "check_junit: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	problems++;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *prop(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static void check_number(const xmlNode *n, const char *attr, long want, const char *what)
{
	char *v = prop(n, attr), *end = NULL;
	if (!v) {
		problem("<%s> has no '%s' attribute", what, attr);
		return;
	}
	long got = strtol(v, &end, 10);
	if (*v == 0 || *end != 0 || got != want)
		problem("<%s> %s=\"%s\" but it holds %ld", what, attr, v, want);
	xmlFree(v);
}

static void check_time(const xmlNode *n, const char *what)
{
	char *v = prop(n, "time"), *end = NULL;
	if (!v)
		return;
	strtod(v, &end);
	if (*v == 0 || *end != 0)
		problem("<%s>: time '%s' is not a number", what, v);
	xmlFree(v);
}

/* Names seen so far as "classname\x1fname", to find duplicates. */
static char **names;
static size_t nnames;

static void check_unique(const char *classname, const char *name)
{
	size_t len = strlen(classname) + strlen(name) + 2;
	char *key = malloc(len);
	snprintf(key, len, "%s\x1f%s", classname, name);
	for (size_t i = 0; i < nnames; i++) {
		if (strcmp(names[i], key) == 0) {
			problem("two testcases are both classname '%s' name '%s': GitLab keeps only the first", classname,
			        name);
			free(key);
			return;
		}
	}
	names = realloc(names, (nnames + 1) * sizeof(*names));
	names[nnames++] = key;
}

static void check_failure(const xmlNode *f, const char *name)
{
	char *type = prop(f, "type"), *message = prop(f, "message");
	xmlChar *body = xmlNodeGetContent(f);
	if (!type || !*type)
		problem("testcase '%s': <%s> has no type", or_empty(name), (const char *)f->name);
	if (!message || !*message)
		problem("testcase '%s': <%s> has no message", or_empty(name), (const char *)f->name);
	if (!body || !*body)
		problem("testcase '%s': <%s> has an empty body", or_empty(name), (const char *)f->name);
	xmlFree(type);
	xmlFree(message);
	xmlFree(body);
}

static void check_testcase(const xmlNode *tc, struct counts *c, const char *want_class, int *class_seen)
{
	char *classname = prop(tc, "classname"), *name = prop(tc, "name");
	int failed = 0, errored = 0, skipped = 0;
	if (!classname || strncmp(classname, "waba-preflight.", 15) != 0)
		problem("testcase '%s': classname '%s' does not start with waba-preflight.", or_empty(name),
		        or_empty(classname));
	if (!name || !*name)
		problem("testcase of class '%s' has no name", or_empty(classname));
	if (classname && name)
		check_unique(classname, name);
	if (want_class && classname && strcmp(classname, want_class) == 0)
		*class_seen = 1;
	check_time(tc, "testcase");
	for (const xmlNode *k = tc->children; k; k = k->next) {
		if (is(k, "failure")) {
			check_failure(k, name);
			failed++;
		} else if (is(k, "error")) {
			check_failure(k, name);
			errored++;
		} else if (is(k, "skipped")) {
			skipped++;
		} else if (k->type == XML_ELEMENT_NODE && !is(k, "system-out") && !is(k, "system-err") &&
		           !is(k, "properties")) {
			problem("testcase '%s': unexpected <%s>", or_empty(name), (const char *)k->name);
		}
	}
	if (failed > 1)
		problem("testcase '%s': more than one <failure>", or_empty(name));
	c->tests++;
	c->failures += failed > 0;
	c->errors += errored > 0;
	c->skipped += skipped > 0;
	xmlFree(classname);
	xmlFree(name);
}

static void check_suite(const xmlNode *suite, struct counts *total, const char *want_class, int *class_seen)
{
	struct counts c = { 0, 0, 0, 0 };
	char *name = prop(suite, "name");
	if (!name || !*name)
		problem("a testsuite has no name");
	for (const xmlNode *k = suite->children; k; k = k->next) {
		if (is(k, "testcase"))
			check_testcase(k, &c, want_class, class_seen);
		else if (k->type == XML_ELEMENT_NODE && !is(k, "properties") && !is(k, "system-out") &&
		         !is(k, "system-err"))
			problem("testsuite '%s': unexpected <%s>", or_empty(name), (const char *)k->name);
	}
	check_number(suite, "tests", c.tests, "testsuite");
	check_number(suite, "failures", c.failures, "testsuite");
	check_number(suite, "errors", c.errors, "testsuite");
	check_number(suite, "skipped", c.skipped, "testsuite");
	check_time(suite, "testsuite");
	total->tests += c.tests;
	total->failures += c.failures;
	total->errors += c.errors;
	total->skipped += c.skipped;
	xmlFree(name);
}

int main(int argc, char **argv)
{
	long want_tests = -1, want_failures = -1;
	const char *want_class = NULL, *file = NULL;
	struct counts total = { 0, 0, 0, 0 };
	int class_seen = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tests") == 0 && i + 1 < argc)
			want_tests = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--failures") == 0 && i + 1 < argc)
			want_failures = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--classname") == 0 && i + 1 < argc)
			want_class = argv[++i];
		else
			file = argv[i];
	}
	if (!file) {
		fprintf(stderr, "usage: check_junit [--tests N] [--failures N] [--classname NAME] FILE.xml\n");
		return 2;
	}
	xmlDocPtr doc = xmlReadFile(file, "UTF-8", XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "check_junit: %s is not well-formed XML\n", file);
		return 1;
	}
	const xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !is(root, "testsuites")) {
		problem("the root element must be <testsuites>");
	} else {
		for (const xmlNode *k = root->children; k; k = k->next) {
			if (is(k, "testsuite"))
				check_suite(k, &total, want_class, &class_seen);
			else if (k->type == XML_ELEMENT_NODE)
				problem("<testsuites> holds an unexpected <%s>", (const char *)k->name);
		}
		check_number(root, "tests", total.tests, "testsuites");
		check_number(root, "failures", total.failures, "testsuites");
		check_number(root, "errors", total.errors, "testsuites");
		check_number(root, "skipped", total.skipped, "testsuites");
		check_time(root, "testsuites");
	}
	if (want_tests >= 0 && total.tests != want_tests)
		problem("%ld testcases, expected %ld", total.tests, want_tests);
	if (want_failures >= 0 && total.failures != want_failures)
		problem("%ld failing testcases, expected %ld", total.failures, want_failures);
	if (want_class && !class_seen)
		problem("no testcase has classname '%s'", want_class);
	xmlFreeDoc(doc);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	if (problems)
		return 1;
	printf("check_junit: %s: %ld testcases, %ld failing, counts consistent, names unique\n", file, total.tests,
	       total.failures);
	return 0;
}
