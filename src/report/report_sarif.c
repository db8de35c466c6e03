/*
 * report_sarif.c: SARIF 2.1.0 as GitHub code scanning takes it (conventions §3.1).
 *
 * One run; tool.driver lists the rules the findings refer to (sorted by id), each
 * with both descriptions, help text and Markdown, helpUri into docs/rules.md, its
 * default level and tags. Every finding becomes a result:
 *  - level: error, warning, note (our severities map one to one);
 *  - message.text: the message and " (hint: ...)";
 *  - locations: the finding's file, else the file of the item it belongs to, as a
 *    URI relative to the repository root with uriBaseId "%SRCROOT%" (the root, the git
 *    top level or the current folder, is run.originalUriBaseIds' "%SRCROOT%"); a file
 *    outside the root keeps its path (absolute ones as file:// URIs). A finding with a line gets its
 *    region; one without a line points at line 1 (GitHub wants a region). A finding
 *    from no file at all (a business id or a phone number typed on the command line)
 *    gets only a logical location naming its item: valid SARIF, but GitHub shows
 *    results only when they have a physical location, so such findings are visible
 *    in the SARIF file and in the other formats, not as code-scanning alerts;
 *  - partialFingerprints.primaryLocationLineHash: FNV-1a of rule id, repository-
 *    relative path, the item's name (the template) and the finding's content hash
 *    (the English message without digits, finding.h): neither the translated message
 *    nor a line number, so an alert survives --lang and lines moving; then ":N"
 *    counting identical hashes, as GitHub's own hash does.
 * No run.automationDetails: its id would override the category the upload sets
 * (upload-sarif's `category`), which is where distinct uploads are told apart.
 *
 * Streamed (report.h): the rules come before the results, and only the last part
 * tells which rules are used, so results are spooled (memory, then a temporary file)
 * with a placeholder for their ruleIndex, and the document is put together at the
 * end: the skeleton printed by cJSON, the results copied into it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report_ci.h"
#include "waba/i18n.h"
#include "waba/report.h"
#include "waba/status.h"
#include "waba/text.h"
#include "waba/waba.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"  /* the repository root: run.originalUriBaseIds */
#define GITHUB_TEXT_MAX 1024 /* shortDescription / fullDescription limit on GitHub */

/* Copy of s cut to at most max code points ("..." appended when cut); cleaned. */
static char *clean_cut(const char *s, size_t max)
{
	char *c = waba_ci_clean(s);
	size_t len = strlen(c), i = 0, cps = 0;
	if (waba_utf8_length(c, len) <= max)
		return c;
	while (i < len && cps < max - 3) {
		int32_t cp;
		i += waba_utf8_decode(c + i, len - i, &cp);
		cps++;
	}
	memcpy(c + i, "...", 4);
	return c;
}

static void add_text(cJSON *parent, const char *key, const char *text, size_t max)
{
	cJSON *o = cJSON_AddObjectToObject(parent, key);
	char *c = clean_cut(text, max);
	cJSON_AddStringToObject(o, "text", c);
	free(c);
}

/* "template.variable.sequence" -> "TemplateVariableSequence" (SARIF rule name). */
static char *rule_name(const char *id)
{
	char *n = waba_xmalloc(strlen(id) + 1), *q = n;
	int up = 1;
	for (const char *p = id; *p; p++) {
		if (*p == '.' || *p == '_' || *p == '-') {
			up = 1;
			continue;
		}
		*q++ = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		up = 0;
	}
	*q = 0;
	return n;
}

static char *rule_family(const char *id)
{
	const char *dot = strchr(id, '.');
	return waba_xstrndup(id, dot ? (size_t)(dot - id) : strlen(id));
}

/* Precision is not recorded per rule; the default severity stands in for it. */
static const char *rule_precision(enum waba_severity sev)
{
	return sev == WABA_SEV_ERROR ? "very-high" : sev == WABA_SEV_WARNING ? "high" : "medium";
}

static const char *problem_severity(enum waba_severity sev)
{
	return sev == WABA_SEV_ERROR ? "error" : sev == WABA_SEV_WARNING ? "warning" : "recommendation";
}

static void help_texts(const struct waba_rule *rule, char **text, char **markdown)
{
	struct waba_strbuf t = WABA_STRBUF_INIT, m = WABA_STRBUF_INIT;
	waba_strbuf_addf(&t, "%s\n", _(rule->summary));
	waba_strbuf_addf(&m, "**%s**\n", _(rule->summary));
	if (rule->explain) {
		waba_strbuf_addf(&t, "\n%s\n", _(rule->explain));
		waba_strbuf_addf(&m, "\n%s\n", _(rule->explain));
	}
	if (rule->hint) {
		waba_strbuf_addf(&t, "\n%s %s\n", _("hint:"), _(rule->hint));
		waba_strbuf_addf(&m, "\n**%s** %s\n", _("hint:"), _(rule->hint));
	}
	if (rule->example_bad) {
		waba_strbuf_addf(&t, "\n%s\n    %s\n", _("Fails:"), rule->example_bad);
		waba_strbuf_addf(&m, "\n%s\n\n```text\n%s\n```\n", _("Fails:"), rule->example_bad);
	}
	if (rule->example_good) {
		waba_strbuf_addf(&t, "\n%s\n    %s\n", _("Passes:"), rule->example_good);
		waba_strbuf_addf(&m, "\n%s\n\n```text\n%s\n```\n", _("Passes:"), rule->example_good);
	}
	if (rule->meta_codes) {
		waba_strbuf_addf(&t, "\n%s %s\n", _("Meta error codes:"), rule->meta_codes);
		waba_strbuf_addf(&m, "\n%s `%s`\n", _("Meta error codes:"), rule->meta_codes);
	}
	if (rule->source) {
		waba_strbuf_addf(&t, "\n%s %s\n", _("Source:"), rule->source);
		waba_strbuf_addf(&m, "\n%s <%s>\n", _("Source:"), rule->source);
	}
	*text = waba_ci_clean(waba_strbuf_cstr(&t));
	*markdown = waba_ci_clean(waba_strbuf_cstr(&m));
	waba_strbuf_release(&t);
	waba_strbuf_release(&m);
}

static cJSON *rule_json(const struct waba_rule *rule)
{
	cJSON *o = cJSON_CreateObject(), *help, *props, *tags;
	char *name = rule_name(rule->id), *anchor = waba_rule_anchor(rule->id), *family = rule_family(rule->id);
	char *text, *markdown, *uri = waba_xasprintf("%s#%s", WABA_DOCS_URL, anchor);

	cJSON_AddStringToObject(o, "id", rule->id);
	cJSON_AddStringToObject(o, "name", name);
	add_text(o, "shortDescription", _(rule->summary), GITHUB_TEXT_MAX);
	add_text(o, "fullDescription", rule->explain ? _(rule->explain) : _(rule->summary), GITHUB_TEXT_MAX);
	help_texts(rule, &text, &markdown);
	help = cJSON_AddObjectToObject(o, "help");
	cJSON_AddStringToObject(help, "text", text);
	cJSON_AddStringToObject(help, "markdown", markdown);
	cJSON_AddStringToObject(o, "helpUri", uri);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "defaultConfiguration"), "level",
	                        waba_ci_level(rule->severity));
	props = cJSON_AddObjectToObject(o, "properties");
	tags = cJSON_AddArrayToObject(props, "tags");
	cJSON_AddItemToArray(tags, cJSON_CreateString(family));
	cJSON_AddStringToObject(props, "precision", rule_precision(rule->severity));
	cJSON_AddStringToObject(props, "problem.severity", problem_severity(rule->severity));
	free(name);
	free(anchor);
	free(family);
	free(text);
	free(markdown);
	free(uri);
	return o;
}

static int uri_keep(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-._~!$&'()*+,;=@/", c) != NULL;
}

/* The path as a URI reference: relative stays relative, absolute becomes file://. */
static char *path_uri(const char *path)
{
	struct waba_strbuf p = WABA_STRBUF_INIT, u = WABA_STRBUF_INIT;
	const char *s;
	waba_ci_add_path(&p, path);
	s = waba_strbuf_cstr(&p);
	if (s[0] == '/') {
		waba_strbuf_adds(&u, "file://");
	} else if (((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) && s[1] == ':' && s[2] == '/') {
		waba_strbuf_addf(&u, "file:///%c:", s[0]);
		s += 2;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (uri_keep(c))
			waba_strbuf_addc(&u, (char)c);
		else
			waba_strbuf_addf(&u, "%%%02X", c);
	}
	waba_strbuf_release(&p);
	return waba_strbuf_detach(&u);
}

static void add_region(struct waba_ci_jw *w, const struct waba_finding *f)
{
	unsigned line = f->file && f->loc.line ? f->loc.line : 1;
	unsigned col = f->file && f->loc.line && f->loc.column ? f->loc.column : 1;
	unsigned end_line = f->file && f->loc.line && f->loc.end_line >= line ? f->loc.end_line : line;
	unsigned end_col = col + 1;
	if (f->file && f->loc.line && f->loc.end_column && (end_line > line || f->loc.end_column > col))
		end_col = f->loc.end_column;
	waba_ci_jw_key(w, "region");
	waba_ci_jw_open(w, 0);
	waba_ci_jw_key(w, "startLine");
	waba_ci_jw_uint(w, line);
	waba_ci_jw_key(w, "startColumn");
	waba_ci_jw_uint(w, col);
	waba_ci_jw_key(w, "endLine");
	waba_ci_jw_uint(w, end_line);
	waba_ci_jw_key(w, "endColumn");
	waba_ci_jw_uint(w, end_col);
	waba_ci_jw_close(w);
}

static void add_locations(struct waba_ci_jw *w, const struct waba_report *r, const struct waba_finding *f,
                          const char *rel, int inside)
{
	const char *path = waba_ci_path(r, f);
	const struct waba_item *it = waba_ci_item(r, f);
	if (!path && !(it && *it->name))
		return;
	waba_ci_jw_key(w, "locations");
	waba_ci_jw_open(w, 1);
	waba_ci_jw_open(w, 0);
	if (path) {
		char *uri = path_uri(rel);
		waba_ci_jw_key(w, "physicalLocation");
		waba_ci_jw_open(w, 0);
		waba_ci_jw_key(w, "artifactLocation");
		waba_ci_jw_open(w, 0);
		waba_ci_jw_member_str(w, "uri", uri);
		if (inside)
			waba_ci_jw_member_str(w, "uriBaseId", SRCROOT);
		waba_ci_jw_close(w);
		free(uri);
		add_region(w, f);
		waba_ci_jw_close(w);
	}
	if (it && *it->name) {
		char *name = waba_ci_clean(it->name), *fq = waba_xasprintf("%s:%s", it->kind, name);
		waba_ci_jw_key(w, "logicalLocations");
		waba_ci_jw_open(w, 1);
		waba_ci_jw_open(w, 0);
		waba_ci_jw_member_str(w, "name", name);
		waba_ci_jw_member_str(w, "fullyQualifiedName", fq);
		waba_ci_jw_close(w);
		waba_ci_jw_close(w);
		free(name);
		free(fq);
	}
	waba_ci_jw_close(w);
	waba_ci_jw_close(w);
}

/* ruleIndex is known only once every rule is: a placeholder RULE_SLOT k RULE_SLOT (k: the
 * rule's position in the order first seen) is replaced when the results are copied out. */
#define RULE_SLOT '\003'

/* One result, written into sb `depth` levels deep. */
static void add_result(struct waba_strbuf *sb, unsigned depth, const struct waba_report *r, const struct waba_finding *f,
                       size_t rule_seen, struct waba_ci_seen *seen, struct waba_ci_paths *paths, const char *srcroot)
{
	struct waba_ci_jw w;
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	const char *path = waba_ci_path(r, f), *rel = NULL;
	char fp[40], slot[32];
	int inside = 0;
	uint64_t h;

	waba_ci_jw_init(&w, sb, depth);
	waba_ci_jw_open(&w, 0);
	waba_ci_jw_member_str(&w, "ruleId", f->rule->id);
	slot[sizeof(slot) - 1] = '\0'; /* RULE_SLOT rule_seen RULE_SLOT, without snprintf */
	slot[sizeof(slot) - 2] = RULE_SLOT;
	char *at = waba_ci_udec(slot + sizeof(slot) - 2, rule_seen);
	*--at = RULE_SLOT;
	waba_ci_jw_key(&w, "ruleIndex");
	waba_ci_jw_raw(&w, at);
	waba_ci_jw_member_str(&w, "level", waba_ci_level(f->severity));
	waba_ci_add_message(&msg, f);
	waba_ci_jw_key(&w, "message");
	waba_ci_jw_open(&w, 0);
	waba_ci_jw_member_str(&w, "text", waba_strbuf_cstr(&msg));
	waba_ci_jw_close(&w);
	if (path)
		rel = waba_ci_rel_path(paths, srcroot, path, &inside);
	add_locations(&w, r, f, rel, inside);
	h = waba_ci_fingerprint(WABA_FNV_OFFSET, r, f, rel);
	for (int i = 0; i < 16; i++) /* "%016" PRIx64 ":%u" */
		fp[i] = "0123456789abcdef"[(h >> (60 - 4 * i)) & 15];
	fp[16] = ':';
	char num[12];
	num[sizeof(num) - 1] = '\0';
	const char *n = waba_ci_udec(num + sizeof(num) - 1, waba_ci_seen_add(seen, h));
	memcpy(fp + 17, n, strlen(n) + 1);
	waba_ci_jw_key(&w, "partialFingerprints");
	waba_ci_jw_open(&w, 0);
	waba_ci_jw_member_str(&w, "primaryLocationLineHash", fp);
	waba_ci_jw_close(&w);
	waba_ci_jw_close(&w);
	waba_strbuf_release(&msg);
}

#define RESULT_DEPTH 4 /* root, runs, the run, results */

struct sarif_stream {
	FILE *out;
	const char *srcroot; /* the options' */
	struct waba_ci_paths paths;
	const struct waba_rule **rules; /* in the order first seen */
	size_t nrules, cap;
	size_t *sorted_index; /* at the end: rules[k] is driver.rules[sorted_index[k]] */
	struct waba_ci_spool results;
	struct waba_ci_seen seen; /* fingerprints of this file so far (parts that continue it) */
	size_t nresults;
	struct waba_strbuf sb;
	int err;
	/* copying the results out: inside a placeholder, and the number read so far */
	int in_slot;
	size_t slot_value;
};

static size_t rule_seen(struct sarif_stream *s, const struct waba_rule *rule)
{
	for (size_t k = 0; k < s->nrules; k++)
		if (s->rules[k] == rule)
			return k;
	if (s->nrules == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->rules = waba_xrealloc(s->rules, s->cap * sizeof(*s->rules));
	}
	s->rules[s->nrules] = rule;
	return s->nrules++;
}

static void *sarif_begin(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct sarif_stream *s = waba_xcalloc(1, sizeof(*s));
	(void)r;
	s->out = out;
	s->srcroot = o ? o->srcroot : NULL;
	return s;
}

/* Fingerprint occurrence numbers count per file: parts' files differ unless a part continues one; the path is hashed. */
static int sarif_chunk(void *state, const struct waba_report *part)
{
	struct sarif_stream *s = state;
	if (s->err)
		return s->err;
	if (!part->continues) {
		waba_ci_seen_release(&s->seen);
		s->seen = (struct waba_ci_seen)WABA_CI_SEEN_INIT;
	}
	waba_strbuf_reset(&s->sb);
	for (size_t i = 0; i < part->findings.len && !s->err; i++) {
		const struct waba_finding *f = &part->findings.v[i];
		size_t k = rule_seen(s, f->rule); /* off findings too: their rule is listed (waba_report_rules) */
		if (f->severity == WABA_SEV_OFF)
			continue;
		if (s->nresults++)
			waba_strbuf_adds(&s->sb, ", ");
		add_result(&s->sb, RESULT_DEPTH, part, f, k, &s->seen, &s->paths, s->srcroot);
	}
	waba_ci_spool_add(&s->results, s->sb.buf, s->sb.len);
	if (!s->err)
		s->err = s->results.err;
	return s->err;
}

static int cmp_rule_ptr(const void *a, const void *b)
{
	const struct waba_rule *ra = *(const struct waba_rule *const *)a;
	const struct waba_rule *rb = *(const struct waba_rule *const *)b;
	return strcmp(ra->id, rb->id);
}

/* waba_ci_spool_drain callback: copy, replacing each placeholder with the rule's index. */
static int emit_results(void *ctx, const char *data, size_t len)
{
	struct sarif_stream *s = ctx;
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] != RULE_SLOT && !s->in_slot) {
			const char *next = memchr(data + i, RULE_SLOT, len - i); /* most bytes are text */
			if (!next)
				break;
			i = (size_t)(next - data);
		}
		if (!s->in_slot) {
			if (fwrite(data + run, 1, i - run, s->out) != i - run)
				return waba_error_set(WABA_EIO, _("cannot write the report"));
			s->in_slot = 1;
			s->slot_value = 0;
		} else if (data[i] != RULE_SLOT) {
			s->slot_value = s->slot_value * 10 + (size_t)(data[i] - '0');
		} else {
			s->in_slot = 0;
			fprintf(s->out, "%zu", s->slot_value < s->nrules ? s->sorted_index[s->slot_value] : 0);
		}
		run = i + 1;
	}
	if (fwrite(data + run, 1, len - run, s->out) != len - run)
		return waba_error_set(WABA_EIO, _("cannot write the report"));
	return 0;
}

static int sarif_end(void *state, const struct waba_report *r)
{
	struct sarif_stream *s = state;
	cJSON *root, *run, *driver, *rules_json;
	const struct waba_rule **sorted = waba_xcalloc(s->nrules + 1, sizeof(*sorted));
	char *text = NULL;
	size_t slot = 0;
	int err = s->err;

	(void)r;
	if (s->nrules)
		memcpy(sorted, s->rules, s->nrules * sizeof(*sorted));
	if (s->nrules > 1)
		qsort(sorted, s->nrules, sizeof(*sorted), cmp_rule_ptr);
	s->sorted_index = waba_xcalloc(s->nrules + 1, sizeof(*s->sorted_index));
	for (size_t i = 0; i < s->nrules; i++)
		s->sorted_index[rule_seen(s, sorted[i])] = i;
	if (err)
		goto done;
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
	cJSON_AddStringToObject(root, "version", "2.1.0");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(root, "runs"), run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "waba-preflight");
	cJSON_AddStringToObject(driver, "semanticVersion", waba_version());
	cJSON_AddStringToObject(driver, "informationUri", WABA_HOME_URL);
	rules_json = cJSON_AddArrayToObject(driver, "rules");
	for (size_t i = 0; i < s->nrules; i++)
		cJSON_AddItemToArray(rules_json, rule_json(sorted[i]));
	if (s->srcroot) {
		char *root_uri = path_uri(s->srcroot);
		char *dir = waba_xasprintf("%s%s", root_uri, root_uri[strlen(root_uri) - 1] == '/' ? "" : "/");
		cJSON *base = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "originalUriBaseIds"), SRCROOT);
		cJSON_AddStringToObject(base, "uri", dir);
		free(root_uri);
		free(dir);
	}
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	cJSON_AddRawToObject(run, "results", WABA_CI_SLOT1);
	if ((err = waba_ci_print_slots(root, &text, &slot, NULL)) < 0)
		goto done;
	if (fwrite(text, 1, slot, s->out) != slot || fputc('[', s->out) == EOF)
		err = waba_error_set(WABA_EIO, _("cannot write the report"));
	if (!err)
		err = waba_ci_spool_drain(&s->results, emit_results, s);
	if (!err && (fputc(']', s->out) == EOF || fputs(text + slot + 1, s->out) == EOF || fputc('\n', s->out) == EOF ||
	             ferror(s->out)))
		err = waba_error_set(WABA_EIO, _("cannot write the report"));
done:
	free(text);
	free(sorted);
	free(s->sorted_index);
	free(s->rules);
	waba_ci_spool_release(&s->results);
	waba_strbuf_release(&s->sb);
	waba_ci_paths_release(&s->paths);
	waba_ci_seen_release(&s->seen);
	free(s);
	return err;
}

static int write_sarif(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	void *s = sarif_begin(out, r, o);
	sarif_chunk(s, r);
	return sarif_end(s, r);
}

const struct waba_reporter waba_reporter_sarif = {
	"sarif",     N_("SARIF 2.1.0 for GitHub code scanning (upload-sarif)"),
	write_sarif, sarif_begin,
	sarif_chunk, sarif_end,
	0,
};
