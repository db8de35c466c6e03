/*
 * report_github.c: GitHub Actions workflow commands (conventions §3.2).
 *
 *   ::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE (hint: ...)
 *
 * error -> ::error, warning -> ::warning, note -> ::notice. Escaping is the one of
 * actions/toolkit (packages/core/src/command.ts): in the message '%' '\r' '\n' become
 * %25 %0D %0A; in property values ':' and ',' also become %3A %2C. A finding from no
 * file (a number typed on the command line) gets no file= and its item's name before
 * the message; one whose item has a file but has no position of its own gets file=
 * only. Then one summary line. GitHub keeps at most 10 annotations of each kind per
 * step, so every finding is printed but the summary line says where the full list is:
 * with $GITHUB_STEP_SUMMARY set (o->step_summary_path), a Markdown table of every
 * finding is appended to that file; SARIF upload is the lossless path. Streamed
 * (report.h): annotations are written as their parts arrive; the table rows are
 * spooled until the end, when the counts above the table are known.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"

#define GITHUB_ANNOTATIONS_PER_STEP 10

static const char *command_name(enum waba_severity sev)
{
	return sev == WABA_SEV_ERROR ? "error" : sev == WABA_SEV_WARNING ? "warning" : "notice";
}

/* toolkit escapeData(): % CR LF. */
static void escape_data(struct waba_strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '%')
			waba_strbuf_adds(sb, "%25");
		else if (*s == '\r')
			waba_strbuf_adds(sb, "%0D");
		else if (*s == '\n')
			waba_strbuf_adds(sb, "%0A");
		else
			waba_strbuf_addc(sb, *s);
	}
}

/* toolkit escapeProperty(): % CR LF : , */
static void escape_property(struct waba_strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == ':')
			waba_strbuf_adds(sb, "%3A");
		else if (*s == ',')
			waba_strbuf_adds(sb, "%2C");
		else {
			char one[2] = { *s, 0 };
			escape_data(sb, one);
		}
	}
}

static void add_property(struct waba_strbuf *sb, int *first, const char *key, const char *value)
{
	char *clean = waba_ci_clean(value);
	waba_strbuf_adds(sb, *first ? " " : ",");
	waba_strbuf_addf(sb, "%s=", key);
	escape_property(sb, clean);
	free(clean);
	*first = 0;
}

static void add_number(struct waba_strbuf *sb, int *first, const char *key, unsigned v)
{
	char buf[16];
	snprintf(buf, sizeof(buf), "%u", v);
	add_property(sb, first, key, buf);
}

/* One workflow command for one finding, with its newline. */
static void add_command(struct waba_strbuf *sb, const struct waba_report *r, const struct waba_finding *f)
{
	const char *path = waba_ci_path(r, f);
	const struct waba_item *it = waba_ci_item(r, f);
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	int first = 1;

	waba_strbuf_addf(sb, "::%s", command_name(f->severity));
	if (path) {
		struct waba_strbuf p = WABA_STRBUF_INIT;
		waba_ci_add_path(&p, path);
		add_property(sb, &first, "file", waba_strbuf_cstr(&p));
		waba_strbuf_release(&p);
		if (f->file && f->loc.line) {
			unsigned end_line = f->loc.end_line > f->loc.line ? f->loc.end_line : f->loc.line;
			add_number(sb, &first, "line", f->loc.line);
			add_number(sb, &first, "endLine", end_line);
			if (f->loc.column) {
				add_number(sb, &first, "col", f->loc.column);
				if (f->loc.end_column && (end_line > f->loc.line || f->loc.end_column > f->loc.column))
					add_number(sb, &first, "endColumn", f->loc.end_column);
			}
		}
	}
	add_property(sb, &first, "title", f->rule->id);
	waba_strbuf_adds(sb, "::");
	if (!path && it && *it->name) {
		waba_ci_add_clean(&msg, it->name);
		waba_strbuf_adds(&msg, ": ");
	}
	waba_ci_add_message(&msg, f);
	escape_data(sb, waba_strbuf_cstr(&msg));
	waba_strbuf_addc(sb, '\n');
	waba_strbuf_release(&msg);
}

/* "N items checked: E errors, W warnings, N notes" */
static void add_counts(struct waba_strbuf *sb, const struct waba_ci_counts *c)
{
	size_t e = c->errors, w = c->warnings, n = c->notes;
	waba_strbuf_addf(sb, waba_ngettext("%zu item checked", "%zu items checked", c->items), c->items);
	waba_strbuf_adds(sb, ": ");
	waba_strbuf_addf(sb, waba_ngettext("%zu error", "%zu errors", e), e);
	waba_strbuf_adds(sb, ", ");
	waba_strbuf_addf(sb, waba_ngettext("%zu warning", "%zu warnings", w), w);
	waba_strbuf_adds(sb, ", ");
	waba_strbuf_addf(sb, waba_ngettext("%zu note", "%zu notes", n), n);
}

/* Text for a Markdown table cell: no line breaks, no '|', no HTML, no emphasis. */
static void add_cell(struct waba_strbuf *sb, const char *s)
{
	char *clean = waba_ci_clean(s);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '\n':
			waba_strbuf_adds(sb, "<br>");
			break;
		case '\r':
			break;
		case '<':
			waba_strbuf_adds(sb, "&lt;");
			break;
		case '>':
			waba_strbuf_adds(sb, "&gt;");
			break;
		case '&':
			waba_strbuf_adds(sb, "&amp;");
			break;
		case '|':
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '~':
			waba_strbuf_addc(sb, '\\');
			waba_strbuf_addc(sb, *p);
			break;
		default:
			waba_strbuf_addc(sb, *p);
		}
	}
	free(clean);
}

static void add_where(struct waba_strbuf *sb, const struct waba_report *r, const struct waba_finding *f)
{
	const char *path = waba_ci_path(r, f);
	const struct waba_item *it = waba_ci_item(r, f);
	struct waba_strbuf w = WABA_STRBUF_INIT;
	if (path) {
		waba_ci_add_path(&w, path);
		if (f->file && f->loc.line)
			waba_strbuf_addf(&w, ":%u:%u", f->loc.line, f->loc.column ? f->loc.column : 1);
	} else if (it) {
		waba_strbuf_adds(&w, *it->name ? it->name : it->kind);
	}
	add_cell(sb, waba_strbuf_cstr(&w));
	waba_strbuf_release(&w);
}

/* One row of the step summary's table. */
static void add_row(struct waba_strbuf *sb, const struct waba_report *r, const struct waba_finding *f)
{
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	waba_strbuf_addf(sb, "| %s | ", waba_ci_level(f->severity));
	add_cell(sb, f->rule->id);
	waba_strbuf_adds(sb, " | ");
	add_where(sb, r, f);
	waba_strbuf_adds(sb, " | ");
	waba_ci_add_message(&msg, f);
	add_cell(sb, waba_strbuf_cstr(&msg));
	waba_strbuf_adds(sb, " |\n");
	waba_strbuf_release(&msg);
}

struct github_stream {
	FILE *out;
	const struct waba_report_options *o;
	struct waba_ci_counts counts;
	struct waba_ci_spool rows; /* the step summary's table, written at the end under the counts */
	struct waba_strbuf sb;
	int err;
	char *command;
};

static void *github_begin(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct github_stream *s = waba_xcalloc(1, sizeof(*s));
	s->out = out;
	s->o = o;
	s->command = waba_xstrdup(r->command ? r->command : "");
	return s;
}

static int github_chunk(void *state, const struct waba_report *part)
{
	struct github_stream *s = state;
	if (s->err)
		return s->err;
	waba_ci_count(&s->counts, part);
	waba_strbuf_reset(&s->sb);
	for (size_t i = 0; i < part->findings.len; i++)
		if (part->findings.v[i].severity != WABA_SEV_OFF)
			add_command(&s->sb, part, &part->findings.v[i]);
	if (fwrite(waba_strbuf_cstr(&s->sb), 1, s->sb.len, s->out) != s->sb.len || ferror(s->out))
		return s->err = waba_error_set(WABA_EIO, _("cannot write the report"));
	if (!s->o->step_summary_path)
		return 0;
	waba_strbuf_reset(&s->sb);
	for (size_t i = 0; i < part->findings.len; i++)
		if (part->findings.v[i].severity != WABA_SEV_OFF)
			add_row(&s->sb, part, &part->findings.v[i]);
	waba_ci_spool_add(&s->rows, s->sb.buf, s->sb.len);
	return s->err = s->rows.err;
}

static int append_step_summary(struct github_stream *s, const char *path)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	const struct waba_ci_counts *c = &s->counts;
	FILE *f = fopen(path, "a");
	int ok, err = 0;
	if (!f)
		return waba_error_set(WABA_EIO, _("cannot open '%s': %s"), path, strerror(errno));
	waba_strbuf_addf(&sb, "### waba-preflight %s\n\n**", s->command);
	add_counts(&sb, c);
	waba_strbuf_adds(&sb, "**\n\n");
	if (c->errors + c->warnings + c->notes == 0) {
		waba_strbuf_addf(&sb, "%s\n\n", _("No findings."));
	} else {
		waba_strbuf_addf(&sb, "| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n", _("Severity"), _("Rule"),
		                 _("Where"), _("Message"));
	}
	ok = fwrite(sb.buf, 1, sb.len, f) == sb.len;
	if (ok && c->errors + c->warnings + c->notes) {
		err = waba_ci_spool_drain(&s->rows, waba_ci_emit_file, f);
		ok = !err && fputc('\n', f) != EOF;
	}
	ok = fclose(f) == 0 && ok;
	waba_strbuf_release(&sb);
	if (err && err != WABA_EIO)
		return err;
	return ok ? 0 : waba_error_set(WABA_EIO, _("cannot write '%s'"), path);
}

static int github_end(void *state, const struct waba_report *r)
{
	struct github_stream *s = state;
	const struct waba_ci_counts *c = &s->counts;
	struct waba_strbuf *sb = &s->sb;
	int err = s->err;
	(void)r;
	if (!err) {
		waba_strbuf_reset(sb);
		waba_strbuf_adds(sb, "waba-preflight: ");
		add_counts(sb, c);
		if (c->errors > GITHUB_ANNOTATIONS_PER_STEP || c->warnings > GITHUB_ANNOTATIONS_PER_STEP ||
		    c->notes > GITHUB_ANNOTATIONS_PER_STEP)
			waba_strbuf_addf(sb, "; %s", _("GitHub shows only 10 annotations of each kind per step"));
		if (c->errors + c->warnings + c->notes > 0)
			waba_strbuf_addf(sb, "; %s",
			                 s->o->step_summary_path
			                     ? _("every finding is in the job summary (and in --format sarif)")
			                     : _("every finding is in --format sarif"));
		waba_strbuf_addc(sb, '\n');
		if (fwrite(waba_strbuf_cstr(sb), 1, sb->len, s->out) != sb->len || ferror(s->out))
			err = waba_error_set(WABA_EIO, _("cannot write the report"));
		else if (s->o->step_summary_path)
			err = append_step_summary(s, s->o->step_summary_path);
	}
	waba_ci_spool_release(&s->rows);
	waba_strbuf_release(&s->sb);
	free(s->command);
	free(s);
	return err;
}

static int write_github(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	void *s = github_begin(out, r, o);
	github_chunk(s, r);
	return github_end(s, r);
}

const struct waba_reporter waba_reporter_github = {
	"github",
	N_("GitHub Actions annotations (::error ...) and a job summary"),
	write_github,
	github_begin,
	github_chunk,
	github_end,
	0,
};
