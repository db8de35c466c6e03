/*
 * report_sarif.c: SARIF 2.1.0 as GitHub code scanning takes it (conventions §3.1).
 *
 * One run; tool.driver lists the rules the findings refer to (sorted by id), each
 * with both descriptions, help text and Markdown, helpUri into docs/rules.md, its
 * default level and tags. Every finding becomes a result:
 *  - level: error, warning, note (our severities map one to one);
 *  - message.text: the message and " (hint: ...)";
 *  - locations: the finding's file, else the file of the item it belongs to, as a
 *    repository-relative URI with forward slashes (absolute paths as file:// URIs,
 *    which GitHub rewrites against the checkout). A finding with a line gets its
 *    region; one without a line points at line 1 (GitHub wants a region). A finding
 *    from no file at all (a business id or a phone number typed on the command line)
 *    gets only a logical location naming its item: valid SARIF, but GitHub shows
 *    results only when they have a physical location, so such findings are visible
 *    in the SARIF file and in the other formats, not as code-scanning alerts;
 *  - partialFingerprints.primaryLocationLineHash: FNV-1a of rule id, path and
 *    message (not the line number, so an alert survives lines moving), then
 *    ":N" counting identical hashes, as GitHub's own hash does.
 * run.automationDetails.id is "waba-preflight/COMMAND/" so uploads of different
 * commands for one commit get distinct categories.
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

static void add_region(cJSON *phys, const struct waba_finding *f)
{
	cJSON *region = cJSON_AddObjectToObject(phys, "region");
	unsigned line = f->file && f->loc.line ? f->loc.line : 1;
	unsigned col = f->file && f->loc.line && f->loc.column ? f->loc.column : 1;
	unsigned end_line = f->file && f->loc.line && f->loc.end_line >= line ? f->loc.end_line : line;
	unsigned end_col = col + 1;
	if (f->file && f->loc.line && f->loc.end_column && (end_line > line || f->loc.end_column > col))
		end_col = f->loc.end_column;
	cJSON_AddNumberToObject(region, "startLine", line);
	cJSON_AddNumberToObject(region, "startColumn", col);
	cJSON_AddNumberToObject(region, "endLine", end_line);
	cJSON_AddNumberToObject(region, "endColumn", end_col);
}

static void add_locations(cJSON *res, const struct waba_report *r, const struct waba_finding *f)
{
	const char *path = waba_ci_path(r, f);
	const struct waba_item *it = waba_ci_item(r, f);
	cJSON *locs, *loc;
	if (!path && !(it && *it->name))
		return;
	locs = cJSON_AddArrayToObject(res, "locations");
	loc = cJSON_CreateObject();
	cJSON_AddItemToArray(locs, loc);
	if (path) {
		cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
		char *uri = path_uri(path);
		cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri", uri);
		free(uri);
		add_region(phys, f);
	}
	if (it && *it->name) {
		cJSON *logical = cJSON_CreateObject();
		char *name = waba_ci_clean(it->name), *fq = waba_xasprintf("%s:%s", it->kind, name);
		cJSON_AddStringToObject(logical, "name", name);
		cJSON_AddStringToObject(logical, "fullyQualifiedName", fq);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(loc, "logicalLocations"), logical);
		free(name);
		free(fq);
	}
}

static cJSON *result_json(const struct waba_report *r, const struct waba_finding *f, int rule_index,
                          struct waba_ci_seen *seen)
{
	cJSON *res = cJSON_CreateObject();
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	const char *path = waba_ci_path(r, f);
	struct waba_strbuf p = WABA_STRBUF_INIT;
	char fp[40];
	uint64_t h;

	cJSON_AddStringToObject(res, "ruleId", f->rule->id);
	cJSON_AddNumberToObject(res, "ruleIndex", rule_index);
	cJSON_AddStringToObject(res, "level", waba_ci_level(f->severity));
	waba_ci_add_message(&msg, f);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(res, "message"), "text", waba_strbuf_cstr(&msg));
	add_locations(res, r, f);
	if (path)
		waba_ci_add_path(&p, path);
	h = waba_ci_fnv(waba_ci_fnv(waba_ci_fnv(WABA_FNV_OFFSET, f->rule->id), waba_strbuf_cstr(&p)), f->message);
	snprintf(fp, sizeof(fp), "%016" PRIx64 ":%u", h, waba_ci_seen_add(seen, h));
	cJSON_AddStringToObject(cJSON_AddObjectToObject(res, "partialFingerprints"), "primaryLocationLineHash", fp);
	waba_strbuf_release(&msg);
	waba_strbuf_release(&p);
	return res;
}

static int rule_index(const struct waba_rule **rules, size_t n, const struct waba_rule *rule)
{
	for (size_t i = 0; i < n; i++)
		if (rules[i] == rule)
			return (int)i;
	return -1;
}

static cJSON *sarif_json(const struct waba_report *r)
{
	cJSON *root = cJSON_CreateObject(), *run, *driver, *rules_json, *results;
	struct waba_ci_seen seen = WABA_CI_SEEN_INIT;
	size_t n;
	const struct waba_rule **rules = waba_report_rules(r, &n);
	char *category = waba_xasprintf("waba-preflight/%s/", r->command ? r->command : "check");

	cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
	cJSON_AddStringToObject(root, "version", "2.1.0");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(root, "runs"), run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "waba-preflight");
	cJSON_AddStringToObject(driver, "semanticVersion", waba_version());
	cJSON_AddStringToObject(driver, "informationUri", WABA_HOME_URL);
	rules_json = cJSON_AddArrayToObject(driver, "rules");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(rules_json, rule_json(rules[i]));
	cJSON_AddStringToObject(cJSON_AddObjectToObject(run, "automationDetails"), "id", category);
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		if (f->severity == WABA_SEV_OFF)
			continue;
		cJSON_AddItemToArray(results, result_json(r, f, rule_index(rules, n, f->rule), &seen));
	}
	waba_ci_seen_release(&seen);
	free(rules);
	free(category);
	return root;
}

static int write_sarif(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	(void)o;
	return waba_ci_write_json(out, sarif_json(r));
}

const struct waba_reporter waba_reporter_sarif = {
	"sarif", N_("SARIF 2.1.0 for GitHub code scanning (upload-sarif)"), write_sarif,
};
