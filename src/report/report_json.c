/* report_json.c: the JSON report exactly as ../shared/spec/cli-contract.md spells it. */
#include <stdio.h>
#include <stdlib.h>
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"
#include "waba/waba.h"

static cJSON *finding_json(const struct waba_finding *f)
{
	cJSON *o = cJSON_CreateObject();
	const char *hint = waba_finding_hint(f);
	cJSON_AddStringToObject(o, "rule", f->rule->id);
	cJSON_AddStringToObject(o, "severity", waba_severity_name(f->severity));
	cJSON_AddStringToObject(o, "message", f->message);
	if (f->file) {
		cJSON_AddStringToObject(o, "file", f->file);
		if (f->loc.line) {
			cJSON_AddNumberToObject(o, "line", f->loc.line);
			cJSON_AddNumberToObject(o, "column", f->loc.column ? f->loc.column : 1);
		}
	}
	if (hint)
		cJSON_AddStringToObject(o, "hint", hint);
	return o;
}

static int write_json(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *findings, *items;
	(void)o;
	cJSON_AddStringToObject(root, "tool", "waba-preflight");
	cJSON_AddStringToObject(root, "version", waba_version());
	findings = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < r->findings.len; i++)
		cJSON_AddItemToArray(findings, finding_json(&r->findings.v[i]));
	items = cJSON_AddArrayToObject(root, "items");
	for (size_t i = 0; i < r->nitems; i++)
		cJSON_AddItemToArray(items, cJSON_Duplicate(r->items[i].json, 1));
	cJSON *summary = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(summary, "errors", (double)waba_findings_count_exact(&r->findings, WABA_SEV_ERROR));
	cJSON_AddNumberToObject(summary, "warnings", (double)waba_findings_count_exact(&r->findings, WABA_SEV_WARNING));
	cJSON_AddNumberToObject(summary, "notes", (double)waba_findings_count_exact(&r->findings, WABA_SEV_NOTE));
	for (cJSON *e = r->extra ? r->extra->child : NULL; e; e = e->next)
		cJSON_AddItemToObject(root, e->string, cJSON_Duplicate(e, 1));
	char *text = cJSON_PrintBuffered(root, 4096, 1);
	cJSON_Delete(root);
	if (!text)
		return waba_error_set(WABA_ENOMEM, "out of memory formatting the report");
	int ok = fputs(text, out) >= 0 && fputc('\n', out) != EOF;
	free(text);
	return ok ? 0 : waba_error_set(WABA_EIO, "cannot write the report");
}

const struct waba_reporter waba_reporter_json = {
	"json", N_("the JSON report of the contract (findings, items, summary)"), write_json,
};
