/*
 * emit_sample.c: write a sample report in one format, for the format validators.
 *
 *   emit_sample FORMAT [--strict]
 *
 * The report holds what the CLI commands built so far may not yet produce: findings
 * with files, lines and end columns, a file-level finding, findings from no file,
 * findings tied to no item, two items with the same name, identical findings, and
 * messages with {{1}}, commas, colons, percent signs, newlines, accents, invalid
 * UTF-8 and control characters. GITHUB_STEP_SUMMARY is honoured like the CLI does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/waba.h"

static void item(struct waba_report *r, const char *kind, const char *name, const char *file)
{
	cJSON *json = cJSON_CreateObject();
	cJSON_AddStringToObject(json, "kind", kind);
	waba_report_add_item(r, kind, name, file, json);
}

static int finding(struct waba_report *r, const char *rule_id, enum waba_severity sev, const char *file,
                   unsigned line, unsigned col, unsigned end_col, const char *msg)
{
	const struct waba_rule *rule = waba_rule_find(rule_id);
	struct waba_loc loc = { file, line, col, 0, end_col };
	if (!rule) {
		fprintf(stderr, "emit_sample: unknown rule '%s'\n", rule_id);
		return -1;
	}
	waba_findings_add(&r->findings, rule, loc, "%s", msg)->severity = sev;
	return 0;
}

static int build(struct waba_report *r)
{
	static const char tpl[] = "templates/pedido, confirmação: v1.json";
	int err = 0;
	r->command = "lint";
	item(r, "template", "order_update", tpl);
	err |= finding(r, "input.json.syntax", WABA_SEV_ERROR, tpl, 7, 24, 29,
	               "variables must be numbered {{1}}, {{2}}, ... without gaps; found {{1}} then {{3}}");
	err |= finding(r, "input.json.syntax", WABA_SEV_ERROR, tpl, 9, 3, 0, "100% off:\nline two\r\nline three");
	err |= finding(r, "input.json.syntax", WABA_SEV_ERROR, tpl, 9, 3, 0, "100% off:\nline two\r\nline three");
	err |= finding(r, "business.id.length", WABA_SEV_WARNING, NULL, 0, 0, 0, "whole-file finding, a: b, c");
	waba_report_end_item(r);
	item(r, "template", "order_update", tpl);
	err |= finding(r, "business.id.normalized", WABA_SEV_NOTE, "dir\\sub\\x.json", 1, 1, 0, "bad \xFF byte \x01 here");
	waba_report_end_item(r);
	item(r, "business", "175601379772329", NULL);
	err |= finding(r, "business.id.length", WABA_SEV_WARNING, NULL, 0, 0, 0, "typed on the command line");
	item(r, "business", "abc", NULL);
	waba_report_end_item(r);
	err |= finding(r, "input.json.syntax", WABA_SEV_ERROR, "./loose.json", 2, 1, 0, "tied to no item <&>");
	err |= finding(r, "business.id.normalized", WABA_SEV_NOTE, NULL, 0, 0, 0, "no item, no file");
	waba_findings_sort(&r->findings);
	return err;
}

int main(int argc, char **argv)
{
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	const struct waba_reporter *rep = argc > 1 ? waba_reporter_find(argv[1]) : NULL;
	const char *summary = getenv("GITHUB_STEP_SUMMARY");
	int rc = 2;

	if (!rep) {
		fprintf(stderr, "usage: emit_sample FORMAT [--strict]\n");
		return 2;
	}
	o.strict = argc > 2 && strcmp(argv[2], "--strict") == 0;
	o.step_summary_path = summary && *summary ? summary : NULL;
	waba_i18n_init("en");
	if (build(&r) == 0 && rep->write(stdout, &r, &o) == 0 && fflush(stdout) == 0)
		rc = 0;
	else
		fprintf(stderr, "emit_sample: %s\n", waba_error_last());
	waba_report_release(&r);
	return rc;
}
