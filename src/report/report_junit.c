/*
 * report_junit.c: JUnit XML for GitLab, Jenkins and friends (conventions §3.3),
 * written with libxml2's xmlwriter.
 *
 *   <testsuites>
 *     <testsuite name="waba-preflight.COMMAND">
 *       <testcase classname="waba-preflight.KIND" name="FILE:NAME"/>     one per item
 *       <testcase classname="waba-preflight.COMMAND" name="(general)"/>  findings of no item
 *
 * GitLab shows classname as the "Suite" column and name as the test name, and keeps
 * only the first of two test cases with the same classname + name, so names are made
 * unique with " (2)", " (3)"... An item fails when it has a finding at severity error
 * (with --strict: warning too); it then gets ONE <failure> whose message is the first
 * failing finding and whose body lists them all, one "file:line:col: severity:
 * message [rule] (hint: ...)" line each (GitLab long ignored the message attribute).
 * The item's other findings go to <system-out>. tests/failures/errors/skipped agree
 * with the test cases; errors and skipped are always 0, time is always 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/xmllib.h"
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"

struct testcase {
	char *classname;
	char *name;
	char *message; /* failure message attribute; NULL: the test passed */
	int error;     /* the failure holds an error (else only warnings) */
	struct waba_strbuf failure, out;
};

static int is_failure(const struct waba_finding *f, const struct waba_report_options *o)
{
	return f->severity != WABA_SEV_OFF && f->severity >= (o->strict ? WABA_SEV_WARNING : WABA_SEV_ERROR);
}

static char *item_test_name(const struct waba_item *it)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	char *name;
	if (it->file && *it->file) {
		waba_ci_add_path(&sb, it->file);
		if (*it->name)
			waba_strbuf_addf(&sb, ":%s", it->name);
	} else {
		waba_strbuf_adds(&sb, *it->name ? it->name : it->kind);
	}
	name = waba_ci_clean(waba_strbuf_cstr(&sb));
	waba_strbuf_release(&sb);
	return name;
}

/* Append " (2)", " (3)"... until classname + name has not been used yet. */
static char *unique_name(struct waba_ci_seen *seen, const char *classname, char *name)
{
	uint64_t base = waba_ci_fnv(WABA_FNV_OFFSET, classname);
	char *candidate = name;
	for (unsigned k = 2; waba_ci_seen_add(seen, waba_ci_fnv(base, candidate)) > 1; k++) {
		if (candidate != name)
			free(candidate);
		candidate = waba_xasprintf("%s (%u)", name, k);
	}
	if (candidate != name)
		free(name);
	return candidate;
}

static void add_finding(struct testcase *tc, const struct waba_report *r, const struct waba_finding *f,
                        const struct waba_report_options *o)
{
	struct waba_strbuf *sb = is_failure(f, o) ? &tc->failure : &tc->out;
	if (f->severity == WABA_SEV_OFF)
		return;
	if (sb->len)
		waba_strbuf_addc(sb, '\n');
	waba_ci_add_line(sb, r, f);
	if (sb == &tc->failure) {
		if (f->severity == WABA_SEV_ERROR)
			tc->error = 1;
		if (!tc->message) {
			struct waba_strbuf m = WABA_STRBUF_INIT;
			waba_strbuf_addf(&m, "%s: ", f->rule->id);
			waba_ci_add_clean(&m, f->message);
			tc->message = waba_strbuf_detach(&m);
		}
	}
}

/* The test cases: one per item, then "(general)" if some findings belong to no item. */
static struct testcase *build(const struct waba_report *r, const struct waba_report_options *o, size_t *n)
{
	struct testcase *tcs = waba_xcalloc(r->nitems + 1, sizeof(*tcs));
	struct waba_ci_seen seen = WABA_CI_SEEN_INIT;
	size_t general = r->nitems;
	int has_general = 0;

	for (size_t i = 0; i < r->nitems; i++) {
		tcs[i].classname = waba_xasprintf("waba-preflight.%s", r->items[i].kind);
		tcs[i].name = unique_name(&seen, tcs[i].classname, item_test_name(&r->items[i]));
	}
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		const struct waba_item *it = waba_ci_item(r, f);
		if (!it)
			has_general = 1;
		add_finding(&tcs[it ? (size_t)(it - r->items) : general], r, f, o);
	}
	if (has_general) {
		tcs[general].classname = waba_xasprintf("waba-preflight.%s", r->command ? r->command : "check");
		tcs[general].name = unique_name(&seen, tcs[general].classname, waba_xstrdup("(general)"));
	}
	waba_ci_seen_release(&seen);
	*n = r->nitems + (has_general ? 1 : 0);
	return tcs;
}

static void release(struct testcase *tcs, size_t allocated)
{
	for (size_t i = 0; i < allocated; i++) {
		free(tcs[i].classname);
		free(tcs[i].name);
		free(tcs[i].message);
		waba_strbuf_release(&tcs[i].failure);
		waba_strbuf_release(&tcs[i].out);
	}
	free(tcs);
}

#define X(s) ((const xmlChar *)(s))

static int attr_counts(xmlTextWriterPtr w, size_t tests, size_t failures)
{
	if (xmlTextWriterWriteFormatAttribute(w, X("tests"), "%zu", tests) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, X("failures"), "%zu", failures) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("errors"), X("0")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("skipped"), X("0")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("time"), X("0")) < 0)
		return -1;
	return 0;
}

static int write_testcase(xmlTextWriterPtr w, const struct testcase *tc)
{
	if (xmlTextWriterStartElement(w, X("testcase")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("classname"), X(tc->classname)) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("name"), X(tc->name)) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("time"), X("0")) < 0)
		return -1;
	if (tc->message) {
		if (xmlTextWriterStartElement(w, X("failure")) < 0 ||
		    xmlTextWriterWriteAttribute(w, X("type"), X(tc->error ? "error" : "warning")) < 0 ||
		    xmlTextWriterWriteAttribute(w, X("message"), X(tc->message)) < 0 ||
		    xmlTextWriterWriteString(w, X(waba_strbuf_cstr(&tc->failure))) < 0 || xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (tc->out.len && xmlTextWriterWriteElement(w, X("system-out"), X(waba_strbuf_cstr(&tc->out))) < 0)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int write_document(xmlTextWriterPtr w, const struct waba_report *r, const struct testcase *tcs, size_t n)
{
	size_t failures = 0;
	char *suite = waba_xasprintf("waba-preflight.%s", r->command ? r->command : "check");
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		failures += tcs[i].message != NULL;
	if (xmlTextWriterSetIndent(w, 1) < 0 || xmlTextWriterSetIndentString(w, X("  ")) < 0 ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 || xmlTextWriterStartElement(w, X("testsuites")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("name"), X("waba-preflight")) < 0 || attr_counts(w, n, failures) < 0 ||
	    xmlTextWriterStartElement(w, X("testsuite")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("name"), X(suite)) < 0 || attr_counts(w, n, failures) < 0)
		goto done;
	for (size_t i = 0; i < n; i++)
		if (write_testcase(w, &tcs[i]) < 0)
			goto done;
	if (xmlTextWriterEndDocument(w) < 0)
		goto done;
	rc = 0;
done:
	free(suite);
	return rc;
}

static int write_junit(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	size_t n;
	struct testcase *tcs = build(r, o, &n);
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	int err = 0;

	if (!w) {
		err = waba_error_set(WABA_ENOMEM, _("out of memory formatting the report"));
		goto done;
	}
	if (write_document(w, r, tcs, n) < 0) {
		err = waba_error_set(WABA_ERROR, _("cannot format the JUnit report"));
		goto done;
	}
	xmlFreeTextWriter(w); /* flushes into buf */
	w = NULL;
	if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out) != (size_t)xmlBufferLength(buf) ||
	    ferror(out))
		err = waba_error_set(WABA_EIO, _("cannot write the report"));
done:
	if (w)
		xmlFreeTextWriter(w);
	if (buf)
		xmlBufferFree(buf);
	release(tcs, r->nitems + 1);
	return err;
}

const struct waba_reporter waba_reporter_junit = {
	"junit", N_("JUnit XML, one test case per checked item (GitLab, Jenkins)"), write_junit, NULL, NULL, NULL,
	0, /* not streamed: the counts come first; see docs/formats.md */
};
