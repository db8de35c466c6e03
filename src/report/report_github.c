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
 * finding is appended to that file; SARIF upload is the lossless path.
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
static void add_counts(struct waba_strbuf *sb, const struct waba_report *r, size_t e, size_t w, size_t n)
{
	waba_strbuf_addf(sb, waba_ngettext("%zu item checked", "%zu items checked", r->nitems), r->nitems);
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
		case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '~':
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

static void add_step_summary(struct waba_strbuf *sb, const struct waba_report *r, size_t e, size_t w, size_t n)
{
	waba_strbuf_addf(sb, "### waba-preflight %s\n\n**", r->command ? r->command : "");
	add_counts(sb, r, e, w, n);
	waba_strbuf_adds(sb, "**\n\n");
	if (e + w + n == 0) {
		waba_strbuf_addf(sb, "%s\n\n", _("No findings."));
		return;
	}
	waba_strbuf_addf(sb, "| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n", _("Severity"), _("Rule"),
	                 _("Where"), _("Message"));
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		struct waba_strbuf msg = WABA_STRBUF_INIT;
		if (f->severity == WABA_SEV_OFF)
			continue;
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
	waba_strbuf_addc(sb, '\n');
}

static int append_step_summary(const char *path, const struct waba_report *r, size_t e, size_t w, size_t n)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	FILE *f = fopen(path, "a");
	int ok;
	if (!f)
		return waba_error_set(WABA_EIO, "cannot open '%s': %s", path, strerror(errno));
	add_step_summary(&sb, r, e, w, n);
	ok = fwrite(sb.buf, 1, sb.len, f) == sb.len;
	ok = fclose(f) == 0 && ok;
	waba_strbuf_release(&sb);
	return ok ? 0 : waba_error_set(WABA_EIO, "cannot write '%s'", path);
}

static int write_github(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	size_t e = waba_findings_count_exact(&r->findings, WABA_SEV_ERROR);
	size_t w = waba_findings_count_exact(&r->findings, WABA_SEV_WARNING);
	size_t n = waba_findings_count_exact(&r->findings, WABA_SEV_NOTE);
	int ok;

	for (size_t i = 0; i < r->findings.len; i++)
		if (r->findings.v[i].severity != WABA_SEV_OFF)
			add_command(&sb, r, &r->findings.v[i]);
	waba_strbuf_adds(&sb, "waba-preflight: ");
	add_counts(&sb, r, e, w, n);
	if (e > GITHUB_ANNOTATIONS_PER_STEP || w > GITHUB_ANNOTATIONS_PER_STEP || n > GITHUB_ANNOTATIONS_PER_STEP)
		waba_strbuf_addf(&sb, "; %s", _("GitHub shows only 10 annotations of each kind per step"));
	if (e + w + n > 0)
		waba_strbuf_addf(&sb, "; %s", o->step_summary_path
		                 ? _("every finding is in the job summary (and in --format sarif)")
		                 : _("every finding is in --format sarif"));
	waba_strbuf_addc(&sb, '\n');
	ok = fwrite(waba_strbuf_cstr(&sb), 1, sb.len, out) == sb.len && !ferror(out);
	waba_strbuf_release(&sb);
	if (!ok)
		return waba_error_set(WABA_EIO, "cannot write the report");
	if (o->step_summary_path)
		return append_step_summary(o->step_summary_path, r, e, w, n);
	return 0;
}

const struct waba_reporter waba_reporter_github = {
	"github", N_("GitHub Actions annotations (::error ...) and a job summary"), write_github,
};
