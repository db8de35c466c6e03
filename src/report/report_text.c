/*
 * report_text.c: for people. Findings grouped by file as
 *   file:line:col: severity: message [rule.id]
 *       hint: ...
 * colour only when asked (the CLI decides from --no-color, NO_COLOR and isatty),
 * then a summary line.
 */
#include <stdio.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_DIM "\033[2m"

static const char *sev_colour(enum waba_severity s)
{
	return s == WABA_SEV_ERROR ? C_RED : s == WABA_SEV_WARNING ? C_YELLOW : C_CYAN;
}

static const char *sev_word(enum waba_severity s)
{
	return s == WABA_SEV_ERROR ? _("error") : s == WABA_SEV_WARNING ? _("warning") : _("note");
}

static void write_finding(FILE *out, const struct waba_finding *f, const struct waba_report *r, int color)
{
	const char *where = f->file;
	if (!where && f->item >= 0 && (size_t)f->item < r->nitems)
		where = r->items[f->item].name;
	if (where) {
		fprintf(out, "%s%s", color ? C_BOLD : "", where);
		if (f->loc.line)
			fprintf(out, ":%u:%u", f->loc.line, f->loc.column ? f->loc.column : 1);
		fprintf(out, ":%s ", color ? C_RESET : "");
	}
	fprintf(out, "%s%s:%s %s %s[%s]%s\n", color ? sev_colour(f->severity) : "", sev_word(f->severity),
	        color ? C_RESET : "", f->message, color ? C_DIM : "", f->rule->id, color ? C_RESET : "");
	const char *hint = waba_finding_hint(f);
	if (hint)
		fprintf(out, "    %s%s%s %s\n", color ? C_BOLD : "", _("hint:"), color ? C_RESET : "", hint);
}

static int write_text(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	const char *last_file = NULL;
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		if (i > 0 && (f->file != NULL) != (last_file != NULL))
			fputc('\n', out);
		else if (i > 0 && f->file && last_file && strcmp(f->file, last_file) != 0)
			fputc('\n', out);
		write_finding(out, f, r, o->color);
		last_file = f->file;
	}
	if (r->appendix) {
		if (r->findings.len)
			fputc('\n', out);
		fputs(r->appendix, out);
	}
	if (!o->quiet) {
		size_t e = waba_findings_count_exact(&r->findings, WABA_SEV_ERROR);
		size_t w = waba_findings_count_exact(&r->findings, WABA_SEV_WARNING);
		size_t n = waba_findings_count_exact(&r->findings, WABA_SEV_NOTE);
		if (r->findings.len || r->appendix)
			fputc('\n', out);
		fprintf(out, "%s", o->color ? (e ? C_RED : w ? C_YELLOW : "\033[1;32m") : "");
		fprintf(out, waba_ngettext("%zu item checked", "%zu items checked", r->nitems), r->nitems);
		fprintf(out, ": ");
		fprintf(out, waba_ngettext("%zu error", "%zu errors", e), e);
		fprintf(out, ", ");
		fprintf(out, waba_ngettext("%zu warning", "%zu warnings", w), w);
		fprintf(out, ", ");
		fprintf(out, waba_ngettext("%zu note", "%zu notes", n), n);
		fprintf(out, "%s\n", o->color ? C_RESET : "");
	}
	return ferror(out) ? waba_error_set(WABA_EIO, "cannot write the report") : 0;
}

const struct waba_reporter waba_reporter_text = {
	"text", N_("for people: findings grouped by file, hints, a summary line"), write_text,
};
