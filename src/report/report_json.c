/*
 * report_json.c: the JSON report exactly as ../shared/spec/cli-contract.md spells it.
 *
 * Streamed (report.h): "findings" comes first in the document, so findings are written
 * as their parts arrive; the items are spooled (memory, then a temporary file) until
 * the end, when the summary counts are known. The document is cJSON's formatted print
 * of {tool, version, format_version, findings, items, summary, extra...}: the skeleton is printed by
 * cJSON with placeholders for the two arrays, and every element is printed by cJSON at
 * its depth, so the bytes are those of printing the whole tree at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"
#include "waba/waba.h"

#define WABA_JSON_FORMAT_VERSION 1
#define ELEMENT_DEPTH 2 /* root object, then the array */

struct json_stream {
	FILE *out;
	struct waba_ci_counts counts;
	size_t nfindings;
	struct waba_ci_spool items;
	struct waba_strbuf sb;
	int err;
};

/* A finding as the cJSON object {rule, severity, message, file, line, column, hint} prints. */
static void add_finding(struct waba_strbuf *sb, const struct waba_finding *f)
{
	struct waba_ci_jw w;
	const char *hint = waba_finding_hint(f);
	waba_ci_jw_init(&w, sb, ELEMENT_DEPTH);
	waba_ci_jw_open(&w, 0);
	waba_ci_jw_member_str(&w, "rule", f->rule->id);
	waba_ci_jw_member_str(&w, "severity", waba_severity_name(f->severity));
	waba_ci_jw_member_str(&w, "message", f->message);
	if (f->file) {
		waba_ci_jw_member_str(&w, "file", f->file);
		if (f->loc.line) {
			waba_ci_jw_key(&w, "line");
			waba_ci_jw_uint(&w, f->loc.line);
			waba_ci_jw_key(&w, "column");
			waba_ci_jw_uint(&w, f->loc.column ? f->loc.column : 1);
		}
	}
	waba_ci_jw_member_str(&w, "hint", hint);
	waba_ci_jw_close(&w);
}

/* The document with placeholders for "findings" (slot 1) and "items" (slot 2). */
static int skeleton(const struct waba_report *r, const struct waba_ci_counts *c, char **text, size_t *s1, size_t *s2)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "tool", "waba-preflight");
	cJSON_AddStringToObject(root, "version", waba_version());
	/* the report's own format (docs/report.schema.json): raised when a member changes meaning
	 * or goes away; members may be added within a format version */
	cJSON_AddNumberToObject(root, "format_version", WABA_JSON_FORMAT_VERSION);
	cJSON_AddRawToObject(root, "findings", WABA_CI_SLOT1);
	cJSON_AddRawToObject(root, "items", WABA_CI_SLOT2);
	cJSON *summary = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(summary, "errors", (double)c->errors);
	cJSON_AddNumberToObject(summary, "warnings", (double)c->warnings);
	cJSON_AddNumberToObject(summary, "notes", (double)c->notes);
	for (cJSON *e = r->extra ? r->extra->child : NULL; e; e = e->next)
		cJSON_AddItemToObject(root, e->string, cJSON_Duplicate(e, 1));
	return waba_ci_print_slots(root, text, s1, s2);
}

static int put(struct json_stream *s, const char *data, size_t len)
{
	if (!s->err && len && fwrite(data, 1, len, s->out) != len) /* len 0: data may be NULL (UBSan) */
		s->err = waba_error_set(WABA_EIO, "%s", _("cannot write the report"));
	return s->err;
}

static void *json_begin(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct waba_ci_counts zero = { 0, 0, 0, 0 };
	struct json_stream *s;
	char *text;
	size_t s1, s2;
	(void)o;
	if (skeleton(r, &zero, &text, &s1, &s2) < 0)
		return NULL;
	s = waba_xcalloc(1, sizeof(*s));
	s->out = out;
	put(s, text, s1);
	put(s, "[", 1);
	free(text);
	return s;
}

static int json_chunk(void *state, const struct waba_report *part)
{
	struct json_stream *s = state;
	if (s->err)
		return s->err;
	waba_ci_count(&s->counts, part);
	waba_strbuf_reset(&s->sb);
	for (size_t i = 0; i < part->findings.len && !s->err; i++) {
		if (s->nfindings++)
			waba_strbuf_adds(&s->sb, ", ");
		add_finding(&s->sb, &part->findings.v[i]);
	}
	put(s, s->sb.buf, s->sb.len);
	waba_strbuf_reset(&s->sb);
	for (size_t i = 0; i < part->nitems && !s->err; i++) {
		if (s->items.len || s->sb.len)
			waba_strbuf_adds(&s->sb, ", ");
		s->err = waba_ci_add_json_at(&s->sb, part->items[i].json, ELEMENT_DEPTH);
	}
	waba_ci_spool_add(&s->items, s->sb.buf, s->sb.len);
	if (!s->err)
		s->err = s->items.err;
	return s->err;
}

static int json_end(void *state, const struct waba_report *r)
{
	struct json_stream *s = state;
	char *text = NULL;
	size_t s1, s2;
	int err;
	if (!s->err && put(s, "]", 1) == 0 && (s->err = skeleton(r, &s->counts, &text, &s1, &s2)) == 0) {
		put(s, text + s1 + 1, s2 - s1 - 1);
		put(s, "[", 1);
		if (!s->err)
			s->err = waba_ci_spool_drain(&s->items, waba_ci_emit_file, s->out);
		put(s, "]", 1);
		put(s, text + s2 + 1, strlen(text + s2 + 1));
		put(s, "\n", 1);
		if (!s->err && ferror(s->out))
			s->err = waba_error_set(WABA_EIO, "%s", _("cannot write the report"));
	}
	err = s->err;
	free(text);
	waba_ci_spool_release(&s->items);
	waba_strbuf_release(&s->sb);
	free(s);
	return err;
}

static int write_json(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	void *s = json_begin(out, r, o);
	if (!s)
		return WABA_ENOMEM;
	json_chunk(s, r);
	return json_end(s, r);
}

const struct waba_reporter waba_reporter_json = {
	"json",     N_("the JSON report of the contract (findings, items, summary)"),
	write_json, json_begin,
	json_chunk, json_end,
	0,
};
