/*
 * report_text.c: for people. Findings grouped by file as
 *   file:line:col: severity: message [rule.id]
 *       hint: ...
 * colour only when asked (the CLI decides from --no-color, NO_COLOR and isatty),
 * then a summary line. Streamed part by part (report.h): the counts of the summary
 * line are kept as the parts go by.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"
#include "waba/text.h"

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

/* One finding and its hint, each one line: what came from outside (the file or item name,
 * the message quoting the input, the hint) has its control characters shown escaped
 * (waba_text_escape_add), so no input can forge a line or drive the terminal. */
static void write_finding(FILE *out, const struct waba_finding *f, const struct waba_report *r, int color)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	const char *where = f->file;
	if (!where && f->item >= 0 && (size_t)f->item < r->nitems)
		where = r->items[f->item].name;
	if (where) {
		waba_strbuf_adds(&sb, color ? C_BOLD : "");
		waba_text_escape_add(&sb, where, strlen(where));
		if (f->loc.line)
			waba_strbuf_addf(&sb, ":%u:%u", f->loc.line, f->loc.column ? f->loc.column : 1);
		waba_strbuf_addf(&sb, ":%s ", color ? C_RESET : "");
	}
	waba_strbuf_addf(&sb, "%s%s:%s ", color ? sev_colour(f->severity) : "", sev_word(f->severity),
	                 color ? C_RESET : "");
	waba_text_escape_add(&sb, f->message, strlen(f->message));
	waba_strbuf_addf(&sb, " %s[%s]%s\n", color ? C_DIM : "", f->rule->id, color ? C_RESET : "");
	const char *hint = waba_finding_hint(f);
	if (hint) {
		waba_strbuf_addf(&sb, "    %s%s%s ", color ? C_BOLD : "", _("hint:"), color ? C_RESET : "");
		waba_text_escape_add(&sb, hint, strlen(hint));
		waba_strbuf_addc(&sb, '\n');
	}
	fwrite(sb.buf, 1, sb.len, out);
	waba_strbuf_release(&sb);
}

struct text_stream {
	FILE *out;
	const struct waba_report_options *o;
	struct waba_ci_counts counts;
	size_t nfindings; /* all findings written (off ones too) */
	char *last_file;  /* file of the last finding written (NULL: none, or it had none) */
};

static void *text_begin(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct text_stream *s = waba_xcalloc(1, sizeof(*s));
	(void)r;
	s->out = out;
	s->o = o;
	return s;
}

static int text_chunk(void *state, const struct waba_report *part)
{
	struct text_stream *s = state;
	waba_ci_count(&s->counts, part);
	for (size_t i = 0; i < part->findings.len; i++) {
		const struct waba_finding *f = &part->findings.v[i];
		if (s->nfindings > 0 && (f->file != NULL) != (s->last_file != NULL))
			fputc('\n', s->out);
		else if (s->nfindings > 0 && f->file && s->last_file && strcmp(f->file, s->last_file) != 0)
			fputc('\n', s->out);
		write_finding(s->out, f, part, s->o->color);
		s->nfindings++;
		if (!f->file || !s->last_file || strcmp(f->file, s->last_file) != 0) {
			free(s->last_file);
			s->last_file = f->file ? waba_xstrdup(f->file) : NULL;
		}
	}
	return ferror(s->out) ? waba_error_set(WABA_EIO, _("cannot write the report")) : 0;
}

static int text_end(void *state, const struct waba_report *r)
{
	struct text_stream *s = state;
	FILE *out = s->out;
	const struct waba_report_options *o = s->o;
	if (r->appendix) {
		if (s->nfindings)
			fputc('\n', out);
		fputs(r->appendix, out);
	}
	if (!o->quiet) {
		size_t e = s->counts.errors, w = s->counts.warnings, n = s->counts.notes, items = s->counts.items;
		if (s->nfindings || r->appendix)
			fputc('\n', out);
		fprintf(out, "%s", o->color ? (e ? C_RED : w ? C_YELLOW : "\033[1;32m") : "");
		fprintf(out, waba_ngettext("%zu item checked", "%zu items checked", items), items);
		fprintf(out, ": ");
		fprintf(out, waba_ngettext("%zu error", "%zu errors", e), e);
		fprintf(out, ", ");
		fprintf(out, waba_ngettext("%zu warning", "%zu warnings", w), w);
		fprintf(out, ", ");
		fprintf(out, waba_ngettext("%zu note", "%zu notes", n), n);
		fprintf(out, "%s\n", o->color ? C_RESET : "");
	}
	free(s->last_file);
	free(s);
	return ferror(out) ? waba_error_set(WABA_EIO, _("cannot write the report")) : 0;
}

static int write_text(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	void *s = text_begin(out, r, o);
	text_chunk(s, r);
	return text_end(s, r);
}

const struct waba_reporter waba_reporter_text = {
	"text",     N_("for people: findings grouped by file, hints, a summary line"),
	write_text, text_begin,
	text_chunk, text_end,
	0,
};
