/*
 * config.c: `.waba-preflight.json`: find it, read it strictly (every mistake is a
 * located error with a suggestion), and apply it: severity overrides and ignore globs.
 * The format is described in docs/configuration.md.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/confine.h"
#include "waba/config.h"
#include "waba/i18n.h"
#include "waba/suggest.h"
#include "waba/json_pos.h"
#include "waba/strbuf.h"
#include "config_priv.h"

#define CONFIG_NAME ".waba-preflight.json"
#define CONFIG_MAX ((size_t)1 << 20) /* a configuration is a few lines; refuse anything huge */

/* ---- paths -------------------------------------------------------------------------- */

char *waba_path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return waba_xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return waba_xstrdup("/");
	return waba_xstrndup(path, (size_t)(slash - path));
}

char *waba_path_join(const char *dir, const char *rel)
{
	size_t n;
	if (!dir || !*dir || rel[0] == '/' || strcmp(dir, ".") == 0)
		return waba_xstrdup(rel);
	n = strlen(dir);
	return waba_xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

/* Drop the last segment of the tidied path in sb, unless it is "..": then return 0. */
static int pop_segment(struct waba_strbuf *sb, size_t root)
{
	size_t start = sb->len;
	while (start > root && sb->buf[start - 1] != '/')
		start--;
	if (start == sb->len || strcmp(sb->buf + start, "..") == 0)
		return 0;
	sb->len = start > root ? start - 1 : root;
	sb->buf[sb->len] = '\0';
	return 1;
}

/* `path` without empty and "." segments and with "x/.." folded; keeps a leading '/'. */
static char *tidy(const char *path)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	size_t root = path[0] == '/';
	const char *p = path;

	if (root)
		waba_strbuf_addc(&sb, '/');
	for (;;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		int dotdot = n == 2 && p[0] == '.' && p[1] == '.';
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (dotdot && root && sb.len == 1) {
			/* "/.." is "/" */
		} else if (!dotdot || !pop_segment(&sb, root)) {
			if (sb.len > root)
				waba_strbuf_addc(&sb, '/');
			waba_strbuf_add(&sb, p, n);
		}
		p += n;
	}
	if (!sb.len)
		waba_strbuf_addc(&sb, '.');
	return waba_strbuf_detach(&sb);
}

/* realpath(path), from the memo when it holds the same path (*key, *value; memo may be NULL). */
static char *real_path(const char *path, char **key, char **value)
{
	if (!key)
		return realpath(path, NULL);
	if (!*key || strcmp(*key, path) != 0) {
		free(*key);
		free(*value);
		*key = waba_xstrdup(path);
		*value = realpath(path, NULL);
	}
	return *value ? waba_xstrdup(*value) : NULL;
}

/* Absolute form of the tidied path `norm`, symbolic links in its folder resolved; or NULL. */
static char *absolute(const char *norm, struct waba_path_memo *memo)
{
	char *full, *parent, *real, *res;
	if (norm[0] == '/') {
		full = waba_xstrdup(norm);
	} else {
		char *cwd = memo && memo->cwd ? waba_xstrdup(memo->cwd) : getcwd(NULL, 0);
		if (!cwd)
			return NULL;
		if (memo && !memo->cwd)
			memo->cwd = waba_xstrdup(cwd);
		char *joined = waba_xasprintf("%s/%s", cwd, norm);
		full = tidy(joined);
		free(joined);
		free(cwd);
	}
	if (strcmp(full, "/") == 0)
		return full;
	parent = waba_path_dirname(full);
	real = real_path(parent, memo ? &memo->parent : NULL, memo ? &memo->realparent : NULL);
	free(parent);
	if (!real)
		return full;
	res = waba_path_join(strcmp(real, "/") == 0 ? "" : real, strrchr(full, '/') + 1);
	if (res[0] != '/') {
		free(res);
		res = waba_xasprintf("/%s", strrchr(full, '/') + 1);
	}
	free(real);
	free(full);
	return res;
}

char *waba_path_relative_to(const char *dir, const char *path)
{
	return waba_path_relative_to_memo(dir, path, NULL);
}

void waba_path_memo_release(struct waba_path_memo *memo)
{
	free(memo->dir);
	free(memo->realdir);
	free(memo->cwd);
	free(memo->parent);
	free(memo->realparent);
	memset(memo, 0, sizeof(*memo));
}

char *waba_path_relative_to_memo(const char *dir, const char *path, struct waba_path_memo *memo)
{
	char *norm, *absdir, *abs, *res = NULL;

	if (strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0)
		return waba_xstrdup(path);
	norm = tidy(path);
	if (!dir)
		return norm;
	absdir = real_path(dir, memo ? &memo->dir : NULL, memo ? &memo->realdir : NULL);
	abs = absdir ? absolute(norm, memo) : NULL;
	if (absdir && abs) {
		size_t n = strcmp(absdir, "/") == 0 ? 0 : strlen(absdir);
		if (strncmp(abs, absdir, n) == 0 && abs[n] == '/')
			res = waba_xstrdup(abs[n + 1] ? abs + n + 1 : ".");
		else if (strcmp(abs, absdir) == 0)
			res = waba_xstrdup(".");
	}
	free(absdir);
	free(abs);
	if (!res)
		return norm;
	free(norm);
	return res;
}

/* ---- errors ------------------------------------------------------------------------- */

int waba_config_fail_at(struct waba_loc loc, const char *fmt, ...)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	va_list ap;
	waba_strbuf_addf(&sb, "%s:%u:%u: ", loc.file ? loc.file : "?", loc.line, loc.column);
	va_start(ap, fmt);
	waba_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	waba_error_set(WABA_EINVAL, "%s", waba_strbuf_cstr(&sb));
	waba_strbuf_release(&sb);
	return WABA_EINVAL;
}

int waba_config_read_json(struct waba_json *doc, struct waba_source *src, const char *path, size_t cap)
{
	struct waba_findings fs = WABA_FINDINGS_INIT;
	int err = waba_source_read(src, path, cap);
	if (err < 0)
		return err;
	waba_json_parse(doc, src, &fs);
	if (fs.len) /* the first problem is the one to fix */
		err = waba_config_fail_at(fs.v[0].loc, "%s", fs.v[0].message);
	waba_findings_release(&fs);
	return err;
}

/* ---- did you mean ------------------------------------------------------------------- */

/* " (did you mean 'x'?)" or "" (static buffer). */
static const char *did_you_mean(const char *suggestion)
{
	static char buf[160];
	if (!suggestion)
		return "";
	snprintf(buf, sizeof(buf), " (did you mean '%s'?)", suggestion);
	return buf;
}

/* 1 if some rule id starts with `prefix` (which ends in '.'). */
static int is_family(const char *prefix)
{
	size_t n, len = strlen(prefix);
	const struct waba_rule *const *rules = waba_rules_all(&n);
	for (size_t i = 0; i < n; i++)
		if (strncmp(rules[i]->id, prefix, len) == 0 && rules[i]->id[len])
			return 1;
	return 0;
}

/* The known family prefix ("template.", "template.param.") closest to `prefix`; static buffer. */
static const char *suggest_family(const char *prefix)
{
	static char best[65];
	size_t n, ncand = 0;
	const struct waba_rule *const *rules = waba_rules_all(&n);
	char **cand = waba_xcalloc(n * 4 + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		const char *id = rules[i]->id;
		for (const char *dot = strchr(id, '.'); dot; dot = strchr(dot + 1, '.')) {
			size_t len = (size_t)(dot - id) + 1, k;
			for (k = 0; k < ncand && !(strlen(cand[k]) == len && strncmp(cand[k], id, len) == 0); k++)
				;
			if (k == ncand) {
				cand = waba_xrealloc(cand, (ncand + 2) * sizeof(char *));
				cand[ncand++] = waba_xstrndup(id, len);
				cand[ncand] = NULL;
			}
		}
	}
	const char *s = waba_suggest(prefix, (const char *const *)cand);
	if (s)
		snprintf(best, sizeof(best), "%s", s);
	for (size_t k = 0; k < ncand; k++)
		free(cand[k]);
	free(cand);
	return s ? best : NULL;
}

/* ---- loading ------------------------------------------------------------------------ */

/* "rules": {"id or family.": "error"|"warning"|"note"|"off"} */
static int add_override(struct waba_config *cfg, char *rule, enum waba_severity sev)
{
	for (size_t i = 0; i < cfg->noverrides; i++)
		if (strcmp(cfg->overrides[i].rule, rule) == 0) { /* the later one wins, as in JSON.parse */
			cfg->overrides[i].severity = sev;
			free(rule);
			return 0;
		}
	cfg->overrides = waba_xrealloc(cfg->overrides, (cfg->noverrides + 1) * sizeof(*cfg->overrides));
	cfg->overrides[cfg->noverrides].rule = rule;
	cfg->overrides[cfg->noverrides].severity = sev;
	cfg->noverrides++;
	return 0;
}

/* The override key for `key`: a rule id, or a family prefix ending in '.'; NULL if neither. */
static char *rule_key(const char *key)
{
	char *with_dot;
	if (!key[0])
		return NULL;
	if (waba_rule_find(key))
		return waba_xstrdup(key);
	with_dot = key[strlen(key) - 1] != '.' ? waba_xasprintf("%s.", key) : waba_xstrdup(key);
	if (strcmp(with_dot, ".") != 0 && is_family(with_dot))
		return with_dot;
	free(with_dot);
	return NULL;
}

static int load_rules(struct waba_config *cfg, const struct waba_json *doc, const cJSON *node)
{
	if (!cJSON_IsObject(node))
		return waba_config_fail_at(waba_json_loc(doc, node),
		                           "'rules' must be an object mapping rule ids to severities");
	for (const cJSON *c = node->child; c; c = c->next) {
		enum waba_severity sev;
		char *rule = rule_key(c->string);
		if (!rule) {
			size_t len = strlen(c->string);
			const char *s = len && c->string[len - 1] == '.' ? suggest_family(c->string)
			                                                 : waba_rule_suggest(c->string);
			return waba_config_fail_at(waba_json_key_loc(doc, c), "unknown rule '%s'%s", c->string,
			                           s ? did_you_mean(s) : " (`waba-preflight rules` lists them)");
		}
		if (!cJSON_IsString(c) || waba_severity_parse(c->valuestring, &sev) < 0) {
			free(rule);
			if (!cJSON_IsString(c))
				return waba_config_fail_at(waba_json_loc(doc, c),
				                           "the severity of '%s' must be a string: "
				                           "\"error\", \"warning\", \"note\" or \"off\"",
				                           c->string);
			return waba_config_fail_at(waba_json_loc(doc, c),
			                           "unknown severity '%s' for '%s' "
			                           "(expected \"error\", \"warning\", \"note\" or \"off\")",
			                           c->valuestring, c->string);
		}
		add_override(cfg, rule, sev);
	}
	return 0;
}

static int has_dotdot(const char *p)
{
	for (const char *seg = p; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL)
		if (seg[0] == '.' && seg[1] == '.' && (seg[2] == '/' || seg[2] == '\0'))
			return 1;
	return 0;
}

/* A path the configuration names must stay inside its folder (confine.h): located error. */
static int inside(const struct waba_json *doc, const cJSON *node, const char *dir, const char *path)
{
	if (waba_path_check_inside(dir, path, doc->src->name) == 0)
		return 0;
	return waba_config_fail_at(waba_json_loc(doc, node), "%s", waba_error_last());
}

/* An array of non-empty strings, each resolved against `dir` (and kept inside it) unless dir is NULL. */
static int load_paths(char ***out, size_t *n, const struct waba_json *doc, const cJSON *node, const char *dir)
{
	char what[96];
	snprintf(what, sizeof(what), "'%s' must be an array of strings", node->string);
	if (!cJSON_IsArray(node))
		return waba_config_fail_at(waba_json_loc(doc, node), "%s", what);
	for (const cJSON *c = node->child; c; c = c->next) {
		if (!cJSON_IsString(c))
			return waba_config_fail_at(waba_json_loc(doc, c), "%s", what);
		if (!c->valuestring[0])
			return waba_config_fail_at(waba_json_loc(doc, c), "empty string in '%s'", node->string);
		if (!dir && has_dotdot(c->valuestring))
			return waba_config_fail_at(waba_json_loc(doc, c), "%s",
			                           _("an ignore pattern may not contain '..': it matches only inside "
			                             "the configuration's folder"));
		char *path = dir ? waba_path_join(dir, c->valuestring) : waba_xstrdup(c->valuestring);
		if (dir && inside(doc, c, dir, path) < 0) {
			free(path);
			return WABA_EINVAL;
		}
		*out = waba_xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = path;
	}
	return 0;
}

static int load_ignore(struct waba_config *cfg, const struct waba_json *doc, const cJSON *node)
{
	return load_paths(&cfg->ignore, &cfg->nignore, doc, node, NULL);
}

static int load_checklists(struct waba_config *cfg, const struct waba_json *doc, const cJSON *node)
{
	return load_paths(&cfg->checklists, &cfg->nchecklists, doc, node, cfg->dir);
}

static int load_baseline(struct waba_config *cfg, const struct waba_json *doc, const cJSON *node)
{
	if (!cJSON_IsString(node))
		return waba_config_fail_at(waba_json_loc(doc, node), "'baseline' must be a string (a path)");
	if (!node->valuestring[0])
		return waba_config_fail_at(waba_json_loc(doc, node), "'baseline' must not be empty");
	size_t n = strlen(node->valuestring);
	if (n < 5 || strcmp(node->valuestring + n - 5, ".json") != 0)
		return waba_config_fail_at(waba_json_loc(doc, node), "%s",
		                           _("'baseline' must name a .json file (--update-baseline writes it)"));
	char *path = waba_path_join(cfg->dir, node->valuestring);
	if (inside(doc, node, cfg->dir, path) < 0) {
		free(path);
		return WABA_EINVAL;
	}
	cfg->baseline = path;
	return 0;
}

static const struct config_key {
	const char *name;
	int (*load)(struct waba_config *cfg, const struct waba_json *doc, const cJSON *node);
} config_keys[] = {
	{ "rules", load_rules },
	{ "ignore", load_ignore },
	{ "checklists", load_checklists },
	{ "baseline", load_baseline },
};
#define NKEYS (sizeof(config_keys) / sizeof(config_keys[0]))

static int unknown_key(const struct waba_json *doc, const cJSON *node)
{
	const char *names[NKEYS + 1];
	for (size_t k = 0; k < NKEYS; k++)
		names[k] = config_keys[k].name;
	names[NKEYS] = NULL;
	const char *best = waba_suggest(node->string, names);
	if (!best)
		return waba_config_fail_at(waba_json_key_loc(doc, node),
		                           "unknown key '%s' (expected \"rules\", \"ignore\", \"checklists\" "
		                           "or \"baseline\")",
		                           node->string);
	return waba_config_fail_at(waba_json_key_loc(doc, node), "unknown key '%s'%s", node->string, did_you_mean(best));
}

static int load_keys(struct waba_config *cfg, const struct waba_json *doc)
{
	int seen[NKEYS] = { 0 };
	for (const cJSON *c = doc->root->child; c; c = c->next) {
		size_t k = 0;
		while (k < NKEYS && strcmp(c->string, config_keys[k].name) != 0)
			k++;
		if (k == NKEYS)
			return unknown_key(doc, c);
		if (seen[k]++)
			return waba_config_fail_at(waba_json_key_loc(doc, c), "duplicate key '%s'", c->string);
		int err = config_keys[k].load(cfg, doc, c);
		if (err < 0)
			return err;
	}
	return 0;
}

int waba_config_load(struct waba_config *out, const char *path)
{
	struct waba_config init = WABA_CONFIG_INIT;
	struct waba_source src = WABA_SOURCE_INIT;
	struct waba_json doc = WABA_JSON_INIT;
	int err;

	*out = init;
	if ((err = waba_config_read_json(&doc, &src, path, CONFIG_MAX)) < 0)
		goto done;
	if (!cJSON_IsObject(doc.root)) {
		err = waba_config_fail_at(waba_json_loc(&doc, doc.root), "the configuration must be a JSON object");
		goto done;
	}
	out->path = waba_xstrdup(path);
	out->dir = waba_path_dirname(path);
	err = load_keys(out, &doc);
done:
	if (err < 0)
		waba_config_release(out);
	waba_json_release(&doc);
	waba_source_release(&src);
	return err;
}

/* ---- finding ------------------------------------------------------------------------ */

/* Is there a regular file at path? When it is one that another user owns, or that everyone
 * may write, *refused says why it is not used (as git's safe.directory). */
static int is_file(const char *path, char **refused)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if (st.st_uid != geteuid())
		*refused = waba_xasprintf(_("'%s' is not used: it belongs to another user (uid %lu); "
		                            "give it with --config to use it"),
		                          path, (unsigned long)st.st_uid);
	else if (st.st_mode & S_IWOTH)
		*refused = waba_xasprintf(_("'%s' is not used: everyone may write it; "
		                            "give it with --config to use it"),
		                          path);
	return 1;
}

/* Does the search stop after `dir` (resolved)? At the repository's top (a .git there) and at
 * the home folder, as git stops at a repository. */
static int search_ends(const char *dir, const char *home)
{
	struct stat st;
	char *git = waba_xasprintf("%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
	int top = lstat(git, &st) == 0;
	free(git);
	return top || (home && strcmp(dir, home) == 0);
}

int waba_config_find_safe(char **out, char **refused, const char *start_dir)
{
	char *here = waba_path_join(start_dir, CONFIG_NAME);
	char *dir, *home = NULL;
	const char *h = getenv("HOME");

	*out = NULL;
	*refused = NULL;
	if (is_file(here, refused)) {
		if (*refused)
			free(here);
		else
			*out = here;
		return 0;
	}
	free(here);
	dir = realpath(start_dir, NULL);
	if (!dir)
		return waba_error_set(errno == ENOENT ? WABA_ENOTFOUND : WABA_EIO, "cannot open '%s': %s", start_dir,
		                      strerror(errno));
	if (h && *h)
		home = realpath(h, NULL);
	while (strcmp(dir, "/") != 0 && !search_ends(dir, home)) {
		char *up = waba_path_dirname(dir);
		free(dir);
		dir = up;
		here = waba_path_join(strcmp(dir, "/") == 0 ? "" : dir, CONFIG_NAME);
		if (here[0] != '/') {
			free(here);
			here = waba_xstrdup("/" CONFIG_NAME);
		}
		if (is_file(here, refused)) {
			if (!*refused)
				*out = here;
			else
				free(here);
			break;
		}
		free(here);
	}
	free(home);
	free(dir);
	return 0;
}

int waba_config_find(char **out, const char *start_dir)
{
	char *refused = NULL;
	int err = waba_config_find_safe(out, &refused, start_dir);
	free(refused);
	return err;
}

/* ---- ignore globs ------------------------------------------------------------------- */

/* Split a copy of `s` at '/', dropping empty and "." segments. *copy holds the storage. */
static char **split_segments(const char *s, size_t *n, char **copy)
{
	size_t cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == '/';
	char **seg = waba_xcalloc(cap, sizeof(*seg));
	char *c = *copy = waba_xstrdup(s);
	*n = 0;
	for (char *tok = c; tok;) {
		char *slash = strchr(tok, '/');
		if (slash)
			*slash = '\0';
		if (*tok && strcmp(tok, ".") != 0)
			seg[(*n)++] = tok;
		tok = slash ? slash + 1 : NULL;
	}
	return seg;
}

/*
 * Does the anchored pattern p[0..m) match s[0..k) for some k in [1, last]? ("**" is any
 * number of segments.) A match of leading folders covers everything below them.
 */
static int match_anchored(char **p, size_t m, char **s, size_t n, size_t last)
{
	size_t w = n + 1;
	unsigned char *reach = waba_xcalloc((m + 1) * w, 1); /* reach[i*w+j]: p[0..i) ~ s[0..j) */
	int hit = 0;
	reach[0] = 1;
	for (size_t i = 0; i < m; i++) {
		int star = strcmp(p[i], "**") == 0;
		for (size_t j = 0; j <= n; j++) {
			if (!reach[i * w + j])
				continue;
			if (star) {
				for (size_t k = j; k <= n; k++)
					reach[(i + 1) * w + k] = 1;
				break;
			}
			if (j < n && fnmatch(p[i], s[j], 0) == 0)
				reach[(i + 1) * w + j + 1] = 1;
		}
	}
	for (size_t k = 1; k <= last && !hit; k++)
		hit = reach[m * w + k];
	free(reach);
	return hit;
}

/*
 * gitignore-like: a pattern without '/' matches a file or folder name at any depth;
 * one with '/' (a leading "./" or "/" included) is anchored at the configuration's
 * folder; a trailing '/' matches folders only; "**" spans folders.
 */
static int glob_match(const char *pattern, const char *path)
{
	size_t plen = strlen(pattern), m, n;
	int dir_only = plen > 0 && pattern[plen - 1] == '/';
	int anchored = memchr(pattern, '/', plen - (size_t)dir_only) != NULL;
	char *pc, *sc;
	char **p = split_segments(pattern, &m, &pc);
	char **s = split_segments(path, &n, &sc);
	size_t last = dir_only ? n - (n > 0) : n;
	int hit = 0;

	if (m && n && !anchored && m == 1) {
		for (size_t j = 0; j < last && !hit; j++)
			hit = fnmatch(p[0], s[j], 0) == 0;
	} else if (m && n) {
		hit = match_anchored(p, m, s, n, last);
	}
	free(p);
	free(s);
	free(pc);
	free(sc);
	return hit;
}

int waba_config_ignored(const struct waba_config *cfg, const char *path)
{
	char *rel;
	int hit = 0;
	if (!cfg || !cfg->nignore || !path || strcmp(path, "-") == 0)
		return 0;
	rel = waba_path_relative_to(cfg->dir, path);
	for (size_t i = 0; i < cfg->nignore && !hit; i++)
		hit = glob_match(cfg->ignore[i], rel);
	free(rel);
	return hit;
}

/* ---- severities --------------------------------------------------------------------- */

/* The override for `id`: an exact id wins, then the longest matching family prefix. */
static const struct waba_severity_override *override_for(const struct waba_config *cfg, const char *id)
{
	const struct waba_severity_override *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < cfg->noverrides; i++) {
		const char *r = cfg->overrides[i].rule;
		size_t len = strlen(r);
		if (strcmp(r, id) == 0)
			return &cfg->overrides[i];
		if (len && r[len - 1] == '.' && strncmp(r, id, len) == 0 && len > best_len) {
			best = &cfg->overrides[i];
			best_len = len;
		}
	}
	return best;
}

void waba_config_apply(const struct waba_config *cfg, struct waba_findings *fs)
{
	if (!cfg || !fs)
		return;
	for (size_t i = 0; i < fs->len; i++) {
		const struct waba_severity_override *o = override_for(cfg, fs->v[i].rule->id);
		if (o)
			fs->v[i].severity = o->severity;
	}
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void waba_config_release(struct waba_config *cfg)
{
	struct waba_config init = WABA_CONFIG_INIT;
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->noverrides; i++)
		free(cfg->overrides[i].rule);
	free(cfg->overrides);
	free_strings(cfg->ignore, cfg->nignore);
	free_strings(cfg->checklists, cfg->nchecklists);
	free(cfg->path);
	free(cfg->dir);
	free(cfg->baseline);
	*cfg = init;
}
