/*
 * report_gitlab.c: GitLab Code Quality (conventions §3.4): a JSON array of Code
 * Climate issues, the fields GitLab reads:
 *   description     the message and " (hint: ...)"
 *   check_name      the rule id
 *   fingerprint     32 hex digits, stable across runs and unique in the report:
 *                   FNV-1a (two 64-bit halves) of rule id, the path below, the item's
 *                   name (the template) and the finding's content hash (the English
 *                   message without digits, finding.h): no line, no column, no
 *                   translated text, so --lang and lines inserted above change
 *                   nothing; identical findings are told apart by their occurrence
 *                   number (2nd, 3rd...), so GitLab does not merge them
 *   severity        error -> "major", warning -> "minor", note -> "info"
 *                   (GitLab's scale is info, minor, major, critical, blocker; an error
 *                   blocks a Meta submission but is not a security problem, so
 *                   "critical"/"blocker" are left to tools that find those)
 *   location.path   the finding's file, else its item's file, else "waba-preflight"
 *                   (GitLab needs a path; findings about a number typed on the command
 *                   line have none), relative to the project (CI_PROJECT_DIR, else
 *                   the current folder), forward slashes
 *   location.lines.begin   the line, or 1
 * Streamed (report.h): each issue is printed by cJSON at its depth as its part arrives.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"

static const char *gitlab_severity(enum waba_severity sev)
{
	return sev == WABA_SEV_ERROR ? "major" : sev == WABA_SEV_WARNING ? "minor" : "info";
}

static cJSON *issue_json(const struct waba_report *r, const struct waba_finding *f, struct waba_ci_seen *seen,
                         struct waba_ci_paths *paths, const char *project_dir)
{
	cJSON *o = cJSON_CreateObject(), *loc;
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	const char *path = waba_ci_path(r, f);
	uint64_t lo, hi;
	unsigned occurrence;
	int inside;
	char fp[33];

	waba_ci_add_message(&msg, f);
	char *clean_path = waba_ci_clean(path ? waba_ci_rel_path(paths, project_dir, path, &inside) : "waba-preflight");
	lo = waba_ci_fingerprint(WABA_FNV_OFFSET, r, f, clean_path);
	hi = waba_ci_fingerprint(lo ^ UINT64_C(0x9e3779b97f4a7c15), r, f, clean_path);
	occurrence = waba_ci_seen_add(seen, lo);
	if (occurrence > 1) {
		lo = waba_ci_fnv_uint(lo, occurrence);
		hi = waba_ci_fnv_uint(hi, occurrence);
	}
	snprintf(fp, sizeof(fp), "%016" PRIx64 "%016" PRIx64, hi, lo);

	cJSON_AddStringToObject(o, "description", waba_strbuf_cstr(&msg));
	cJSON_AddStringToObject(o, "check_name", f->rule->id);
	cJSON_AddStringToObject(o, "fingerprint", fp);
	cJSON_AddStringToObject(o, "severity", gitlab_severity(f->severity));
	loc = cJSON_AddObjectToObject(o, "location");
	cJSON_AddStringToObject(loc, "path", clean_path);
	cJSON_AddNumberToObject(cJSON_AddObjectToObject(loc, "lines"), "begin", f->file && f->loc.line ? f->loc.line : 1);
	free(clean_path);
	waba_strbuf_release(&msg);
	return o;
}

struct gitlab_stream {
	FILE *out;
	const char *project_dir; /* the options' */
	struct waba_ci_paths paths;
	size_t nissues;
	struct waba_ci_seen seen; /* fingerprints of this file so far (parts that continue it) */
	struct waba_strbuf sb;
	int err;
};

static void *gitlab_begin(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct gitlab_stream *s = waba_xcalloc(1, sizeof(*s));
	(void)r;
	s->out = out;
	s->project_dir = o ? o->project_dir : NULL;
	if (fputc('[', out) == EOF)
		s->err = waba_error_set(WABA_EIO, _("cannot write the report"));
	return s;
}

/* Occurrence numbers count per file: parts' files differ unless a part continues one; the path is hashed. */
static int gitlab_chunk(void *state, const struct waba_report *part)
{
	struct gitlab_stream *s = state;
	if (s->err)
		return s->err;
	if (!part->continues) {
		waba_ci_seen_release(&s->seen);
		s->seen = (struct waba_ci_seen)WABA_CI_SEEN_INIT;
	}
	waba_strbuf_reset(&s->sb);
	for (size_t i = 0; i < part->findings.len && !s->err; i++) {
		if (part->findings.v[i].severity == WABA_SEV_OFF)
			continue;
		cJSON *issue = issue_json(part, &part->findings.v[i], &s->seen, &s->paths, s->project_dir);
		if (s->nissues++)
			waba_strbuf_adds(&s->sb, ", ");
		s->err = waba_ci_add_json_at(&s->sb, issue, 1);
		cJSON_Delete(issue);
	}
	if (!s->err && fwrite(waba_strbuf_cstr(&s->sb), 1, s->sb.len, s->out) != s->sb.len)
		s->err = waba_error_set(WABA_EIO, _("cannot write the report"));
	return s->err;
}

static int gitlab_end(void *state, const struct waba_report *r)
{
	struct gitlab_stream *s = state;
	int err = s->err;
	(void)r;
	if (!err && (fputs("]\n", s->out) == EOF || ferror(s->out)))
		err = waba_error_set(WABA_EIO, _("cannot write the report"));
	waba_strbuf_release(&s->sb);
	waba_ci_paths_release(&s->paths);
	waba_ci_seen_release(&s->seen);
	free(s);
	return err;
}

static int write_gitlab(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	void *s = gitlab_begin(out, r, o);
	gitlab_chunk(s, r);
	return gitlab_end(s, r);
}

const struct waba_reporter waba_reporter_gitlab = {
	"gitlab",
	N_("GitLab Code Quality JSON (merge-request widget)"),
	write_gitlab,
	gitlab_begin,
	gitlab_chunk,
	gitlab_end,
	0,
};
