/*
 * checklist_xml.c: policy data from checklists/ (*.xml files), validated with libxml2's
 * RelaxNG against checklist.rng, merged into one struct waba_checklist. The lookups and
 * the checklist's layout are in core/checklist.c; this file only reads XML.
 */
#include <ctype.h>
#include <stddef.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "core/xmllib.h"
#include "waba/i18n.h"
#include "waba/checklist.h"
#include "waba/paths.h"
#include "waba/status.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "core/checklist_priv.h"
#include "core/termindex.h"

const char *waba_checklist_default_dir(void)
{
	return waba_data_dir(WABA_DATA_CHECKLISTS);
}

/* ---- error capture ------------------------------------------------------------------ */

struct capture {
	struct waba_strbuf msg;
	const char *name;
};

/* A name the checklist schema could use: lower case, short. Other names a message quotes
 * after "element" or "attribute" come from a file that is not a checklist and are left out. */
static int plain_name(const char *p, size_t n)
{
	if (n == 0 || n > 32 || !islower((unsigned char)p[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)p[i]) && !isdigit((unsigned char)p[i]) && !strchr("_.-", p[i]))
			return 0;
	return 1;
}

/*
 * libxml2's message with what it quotes from the file left out: "Type long doesn't allow value
 * 'ghp_...'" becomes "Type long doesn't allow value '…'", "Invalid attribute ghp_AbC for element
 * limit" "Invalid attribute … for element limit". A file given as a checklist may be anything
 * (a token, a key); the error says where (file:line:column), not what (issue #17). A quoted
 * single punctuation character ("'<' not found") says nothing secret and stays.
 */
static void add_unquoted(struct waba_strbuf *sb, const char *m)
{
	static const char *const before_name[] = { "element ", "attribute ", "mismatch: ", "and " };
	for (const char *p = m; *p; p++) {
		int opens = (*p == '\'' || *p == '"') && (p == m || p[-1] == ' ' || p[-1] == '(' || p[-1] == '=');
		const char *end = opens ? strchr(p + 1, *p) : NULL; /* not the apostrophe of "doesn't" */
		if (end) {
			if (end == p + 2 && ispunct((unsigned char)p[1]))
				waba_strbuf_add(sb, p, 3);
			else
				waba_strbuf_addf(sb, "%c\xE2\x80\xA6%c", *p, *p);
			p = end;
			continue;
		}
		waba_strbuf_addc(sb, *p);
		for (size_t k = 0; k < sizeof(before_name) / sizeof(before_name[0]); k++) {
			size_t kl = strlen(before_name[k]);
			if (p + 1 - m >= (ptrdiff_t)kl && strncmp(p + 1 - kl, before_name[k], kl) == 0) {
				size_t n = strcspn(p + 1, " ,:");
				if (n && !plain_name(p + 1, n)) {
					waba_strbuf_adds(sb, "\xE2\x80\xA6");
					p += n;
				}
				break;
			}
		}
	}
}

static void capture_error(void *ctx, const xmlError *e)
{
	struct capture *c = ctx;
	if (c->msg.len || !e)
		return; /* keep the first */
	char *m = waba_xstrdup(e->message ? e->message : "invalid");
	size_t n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		m[--n] = '\0';
	waba_strbuf_addf(&c->msg, "%s:%d:", c->name, e->line);
	if (e->domain == XML_FROM_PARSER && e->int2 > 0) /* the parser's column */
		waba_strbuf_addf(&c->msg, "%d:", e->int2);
	waba_strbuf_addc(&c->msg, ' ');
	add_unquoted(&c->msg, m);
	free(m);
}

static void capture_error_compat(void *ctx, xmlErrorPtr e)
{
	capture_error(ctx, e);
}

/* ---- merging ------------------------------------------------------------------------ */

/*
 * Every value a checklist holds is shown to a person somewhere (a wizard question, a
 * label, a message) and a checklist may come from a repository: its control characters
 * (a newline that forges a line, ESC that moves the cursor or sets the window title, C1
 * and bidirectional controls) are made visible once, here (waba_text_escape).
 */
static char *visible(char *s)
{
	char *v = waba_text_escape(s);
	free(s);
	return v;
}

static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? visible(waba_xstrdup((const char *)v)) : NULL;
	xmlFree(v);
	return s;
}

static char *content(xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = waba_xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	/* trim surrounding white space */
	size_t len = strlen(s), start = 0;
	while (len && strchr(" \t\r\n", s[len - 1]))
		s[--len] = '\0';
	while (s[start] && strchr(" \t\r\n", s[start]))
		start++;
	if (start)
		memmove(s, s + start, len - start + 1);
	return visible(s);
}

static void add_limit(struct waba_checklist *cl, xmlNode *n)
{
	char *id = attr(n, "id"), *val = attr(n, "value");
	long v = strtol(val, NULL, 10);
	free(val);
	for (size_t i = 0; i < cl->nlimits; i++)
		if (strcmp(cl->limits[i].id, id) == 0) {
			cl->limits[i].value = v;
			waba_checklist_str_free(cl, cl->limits[i].source);
			cl->limits[i].source = attr(n, "source");
			free(id);
			return;
		}
	cl->limits = waba_xrealloc(cl->limits, (cl->nlimits + 1) * sizeof(*cl->limits));
	cl->limits[cl->nlimits].id = id;
	cl->limits[cl->nlimits].value = v;
	cl->limits[cl->nlimits].source = attr(n, "source");
	cl->nlimits++;
}

static void term_init(struct waba_term *t, char *text, const char *lang, char *tag)
{
	struct waba_words w = WABA_WORDS_INIT;
	size_t len = strlen(text);
	memset(t, 0, sizeof(*t));
	t->text = text;
	t->lang = waba_xstrdup(lang);
	t->tag = tag;
	t->prefix = len > 0 && text[len - 1] == '*';
	waba_text_words(&w, text, len);
	t->nwords = w.len;
	t->words = waba_xcalloc(w.len + 1, sizeof(char *));
	for (size_t i = 0; i < w.len; i++) {
		t->words[i] = waba_xstrdup(w.v[i].folded);
	}
	waba_words_release(&w);
}

static struct waba_termlist *termlist_get(struct waba_checklist *cl, const char *id)
{
	for (size_t i = 0; i < cl->ntermlists; i++)
		if (strcmp(cl->termlists[i].id, id) == 0)
			return &cl->termlists[i];
	cl->termlists = waba_xrealloc(cl->termlists, (cl->ntermlists + 1) * sizeof(*cl->termlists));
	struct waba_termlist *l = &cl->termlists[cl->ntermlists++];
	memset(l, 0, sizeof(*l));
	l->id = waba_xstrdup(id);
	return l;
}

static void add_terms(struct waba_checklist *cl, xmlNode *n)
{
	char *list = attr(n, "list"), *lang = attr(n, "lang"), *mode = attr(n, "mode");
	char *list_tag = attr(n, "tag");
	struct waba_termlist *l = termlist_get(cl, list);
	if (mode && strcmp(mode, "replace") == 0) {
		size_t j = 0;
		for (size_t i = 0; i < l->len; i++) {
			if (strcmp(l->terms[i].lang, lang) == 0)
				waba_term_release(cl, &l->terms[i]);
			else
				l->terms[j++] = l->terms[i];
		}
		l->len = j;
	}
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char *tag = attr(c, "tag");
		if (!tag && list_tag)
			tag = waba_xstrdup(list_tag);
		l->terms = waba_xrealloc(l->terms, (l->len + 1) * sizeof(*l->terms));
		term_init(&l->terms[l->len++], content(c), lang, tag);
	}
	waba_termlist_index_free(l); /* built again on first use */
	free(list);
	free(lang);
	free(mode);
	free(list_tag);
}

static void add_set(struct waba_checklist *cl, xmlNode *n)
{
	char *id = attr(n, "id"), *mode = attr(n, "mode");
	struct waba_set *set = NULL;
	for (size_t i = 0; i < cl->nsets; i++)
		if (strcmp(cl->sets[i].id, id) == 0)
			set = &cl->sets[i];
	if (!set) {
		cl->sets = waba_xrealloc(cl->sets, (cl->nsets + 1) * sizeof(*cl->sets));
		set = &cl->sets[cl->nsets++];
		memset(set, 0, sizeof(*set));
		set->id = waba_xstrdup(id);
	} else if (mode && strcmp(mode, "replace") == 0) {
		for (size_t i = 0; i < set->len; i++)
			waba_set_item_release(cl, &set->items[i]);
		set->len = 0;
	}
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		struct waba_set_item it = { attr(c, "value"), NULL, 0 };
		for (xmlAttr *a = c->properties; a; a = a->next) {
			if (strcmp((const char *)a->name, "value") == 0)
				continue;
			it.attrs = waba_xrealloc(it.attrs, (it.nattrs + 1) * sizeof(*it.attrs));
			it.attrs[it.nattrs].name = waba_xstrdup((const char *)a->name);
			it.attrs[it.nattrs].value = attr(c, (const char *)a->name);
			it.nattrs++;
		}
		struct waba_set_item *existing = (struct waba_set_item *)waba_set_find(set, it.value);
		if (existing) {
			waba_set_item_release(cl, existing);
			*existing = it;
		} else {
			set->items = waba_xrealloc(set->items, (set->len + 1) * sizeof(*set->items));
			set->items[set->len++] = it;
		}
	}
	free(id);
	free(mode);
}

static void add_text(struct waba_checklist *cl, xmlNode *n)
{
	char *id = attr(n, "id"), *lang = attr(n, "lang");
	char *value = content(n);
	for (size_t i = 0; i < cl->ntexts; i++)
		if (strcmp(cl->texts[i].id, id) == 0 && strcmp(cl->texts[i].lang, lang) == 0) {
			waba_checklist_str_free(cl, cl->texts[i].value);
			cl->texts[i].value = value;
			free(id);
			free(lang);
			return;
		}
	cl->texts = waba_xrealloc(cl->texts, (cl->ntexts + 1) * sizeof(*cl->texts));
	cl->texts[cl->ntexts].id = id;
	snprintf(cl->texts[cl->ntexts].lang, sizeof(cl->texts[cl->ntexts].lang), "%s", lang);
	cl->texts[cl->ntexts].value = value;
	cl->ntexts++;
	free(lang);
}

static int add_rule(struct waba_checklist *cl, xmlNode *n, const char *name)
{
	char *id = attr(n, "id"), *sev = attr(n, "severity");
	enum waba_severity s = WABA_SEV_ERROR;
	int err = 0;
	if (!waba_rule_find(id)) {
		const char *near = waba_rule_suggest(id);
		if (near)
			err = waba_error_set(WABA_EINVAL, _("%s:%d: unknown rule '%s' (did you mean '%s'?)"), name,
			                     n->line, id, near);
		else
			err = waba_error_set(WABA_EINVAL, _("%s:%d: unknown rule '%s'"), name, n->line, id);
	} else {
		waba_severity_parse(sev, &s);
		cl->overrides = waba_xrealloc(cl->overrides, (cl->noverrides + 1) * sizeof(*cl->overrides));
		cl->overrides[cl->noverrides].id = id;
		cl->overrides[cl->noverrides].sev = s;
		cl->noverrides++;
		id = NULL;
	}
	free(id);
	free(sev);
	return err;
}

/* ---- loading ------------------------------------------------------------------------ */

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * The compiled schema, kept for the life of the process: every checklist file is
 * validated against the same schema, and compiling it costs more than validating.
 */
static struct {
	char *path;
	xmlRelaxNGPtr schema;
} schema_cache;

static int compiled_schema(const char *schema_path, xmlRelaxNGPtr *out)
{
	struct capture cap = { WABA_STRBUF_INIT, schema_path };
	if (schema_cache.schema && strcmp(schema_cache.path, schema_path) == 0) {
		*out = schema_cache.schema;
		return 0;
	}
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(schema_path);
	xmlRelaxNGSetParserStructuredErrors(pctx, capture_error_compat, &cap);
	xmlSetGenericErrorFunc(NULL, silent);
	xmlRelaxNGPtr schema = xmlRelaxNGParse(pctx);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (!schema) {
		/* the detail after the colon is libxml2's own message */
		int err = cap.msg.len
		              ? waba_error_set(WABA_EINVAL, _("cannot load the checklist schema '%s': %s"), schema_path,
		                               waba_strbuf_cstr(&cap.msg))
		              : waba_error_set(WABA_EINVAL, _("cannot load the checklist schema '%s'"), schema_path);
		waba_strbuf_release(&cap.msg);
		return err;
	}
	waba_strbuf_release(&cap.msg);
	if (schema_cache.schema)
		xmlRelaxNGFree(schema_cache.schema);
	free(schema_cache.path);
	schema_cache.path = waba_xstrdup(schema_path);
	schema_cache.schema = schema;
	*out = schema;
	return 0;
}

static int validate(xmlDoc *doc, const char *schema_path, const char *name)
{
	struct capture cap = { WABA_STRBUF_INIT, name };
	xmlRelaxNGPtr schema = NULL;
	int err = compiled_schema(schema_path, &schema);
	if (err)
		return err;
	xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctx, capture_error_compat, &cap);
	if (xmlRelaxNGValidateDoc(vctx, doc) != 0)
		err = waba_error_set(WABA_EINVAL, "%s",
		                     cap.msg.len ? waba_strbuf_cstr(&cap.msg) : _("does not match the checklist schema"));
	xmlRelaxNGFreeValidCtxt(vctx);
	waba_strbuf_release(&cap.msg);
	return err;
}

static int merge(struct waba_checklist *cl, xmlDoc *doc, const char *name)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = (const char *)n->name;
		if (strcmp(tag, "limit") == 0)
			add_limit(cl, n);
		else if (strcmp(tag, "terms") == 0)
			add_terms(cl, n);
		else if (strcmp(tag, "set") == 0)
			add_set(cl, n);
		else if (strcmp(tag, "text") == 0)
			add_text(cl, n);
		else if (strcmp(tag, "rule") == 0) {
			int err = add_rule(cl, n, name);
			if (err)
				return err;
		}
	}
	return 0;
}

static int load(struct waba_checklist *cl, const char *name, const char *path, const char *mem, size_t len,
                const char *schema_path)
{
	struct capture cap = { WABA_STRBUF_INIT, name };
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlDoc *doc;
	int err = 0;

	xmlSetStructuredErrorFunc(&cap, capture_error_compat);
	doc = path ? xmlCtxtReadFile(ctx, path, NULL, opts)
	           : xmlCtxtReadMemory(ctx, mem, len > 0x7fffffff ? 0x7fffffff : (int)len, name, NULL, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		if (!cap.msg.len) {
			xmlErrorPtr e = xmlCtxtGetLastError(ctx);
			if (e)
				capture_error(&cap, e);
		}
		err = waba_error_set(WABA_EINVAL, "%s", cap.msg.len ? waba_strbuf_cstr(&cap.msg) : name);
	}
	xmlFreeParserCtxt(ctx);
	waba_strbuf_release(&cap.msg);
	if (err)
		return err;
	if (doc->intSubset || doc->extSubset)
		err = waba_error_set(WABA_EINVAL, _("%s:1: a DOCTYPE is not allowed in a checklist"), name);
	if (!err)
		err = validate(doc, schema_path, name);
	if (!err)
		err = merge(cl, doc, name);
	waba_checklist_sort(cl);
	xmlFreeDoc(doc);
	return err;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml of `dir`, full paths sorted by name; -1 when `dir` cannot be read or has no
 * checklist.rng (*schema is then NULL). */
static int list_dir(const char *dir, char ***out, size_t *count, char **schema)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct stat st;

	*schema = waba_xasprintf("%s/checklist.rng", dir);
	if (!d || stat(*schema, &st) != 0) {
		if (d)
			closedir(d);
		free(*schema);
		*schema = NULL;
		return waba_error_set(WABA_EIO, _("cannot read the checklists in '%s' (no checklist.rng there)"), dir);
	}
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0) {
			names = waba_xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = waba_xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*out = names;
	*count = n;
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int read_whole(const char *path, struct waba_strbuf *out)
{
	FILE *f = fopen(path, "rb");
	char buf[16384];
	size_t got;
	if (!f)
		return -1;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		waba_strbuf_add(out, buf, got);
	int err = ferror(f) ? -1 : 0;
	fclose(f);
	return err;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* ---- the compiled form of the bundled checklists (core/checklist_blob.c) ------------ */

static struct {
	const unsigned char *blob;
	size_t len;
} compiled;

void waba_checklist_use_compiled(const unsigned char *blob, size_t len)
{
	compiled.blob = blob;
	compiled.len = len;
}

static int checklist_empty(const struct waba_checklist *cl)
{
	return !cl->nlimits && !cl->ntermlists && !cl->nsets && !cl->ntexts && !cl->noverrides;
}

/* 1 when the compiled form was taken: `names` (then the schema) are, byte for byte, the
 * files it was made from. Else 0 and `cl` untouched. */
static int take_compiled(struct waba_checklist *cl, char **names, size_t n, const char *schema)
{
	const unsigned char *pos, *end;
	size_t nfiles;
	int same = 1;
	if (!compiled.blob || !checklist_empty(cl) ||
	    waba_checklist_blob_files(compiled.blob, compiled.len, &nfiles, &pos) < 0 || nfiles != n + 1)
		return 0;
	end = compiled.blob + compiled.len;
	struct waba_strbuf data = WABA_STRBUF_INIT;
	for (size_t i = 0; i <= n && same; i++) {
		const char *path = i < n ? names[i] : schema;
		char *name;
		uint64_t size, hash;
		waba_strbuf_reset(&data);
		same = waba_checklist_blob_file_at(&pos, end, &name, &size, &hash) == 0 &&
		       strcmp(name, base_name(path)) == 0 && read_whole(path, &data) == 0 && size == data.len &&
		       hash == waba_checklist_hash(data.buf ? data.buf : "", data.len);
		free(name);
	}
	waba_strbuf_release(&data);
	if (!same)
		return 0;
	struct waba_checklist *tmp = waba_checklist_new();
	if (waba_checklist_blob_read(tmp, pos, end) < 0) {
		waba_checklist_free(tmp);
		return 0;
	}
	*cl = *tmp; /* cl was empty: nothing of it to free */
	free(tmp);
	return 1;
}

int waba_checklist_load_dir(struct waba_checklist *cl, const char *dir)
{
	char **names = NULL, *schema;
	size_t n = 0;
	int err = list_dir(dir, &names, &n, &schema);
	if (err)
		return err;
	if (!take_compiled(cl, names, n, schema))
		for (size_t i = 0; i < n && !err; i++)
			err = load(cl, names[i], names[i], NULL, 0, schema);
	free_names(names, n);
	if (!err && !cl->schema_path)
		cl->schema_path = schema;
	else
		free(schema);
	return err;
}

int waba_checklist_compile(const char *dir, void (*prepare)(const struct waba_checklist *cl), struct waba_strbuf *out)
{
	struct waba_checklist *cl = waba_checklist_new();
	char **names = NULL, *schema = NULL;
	size_t n = 0;
	struct waba_strbuf data = WABA_STRBUF_INIT;
	int err = list_dir(dir, &names, &n, &schema);
	for (size_t i = 0; i < n && !err; i++)
		err = load(cl, names[i], names[i], NULL, 0, schema);
	if (!err) {
		waba_checklist_blob_begin(out, n + 1);
		for (size_t i = 0; i <= n && !err; i++) {
			const char *path = i < n ? names[i] : schema;
			waba_strbuf_reset(&data);
			if (read_whole(path, &data) < 0)
				err = waba_error_set(WABA_EIO, _("cannot read checklist '%s': no such file"), path);
			else
				waba_checklist_blob_file(out, base_name(path), data.buf ? data.buf : "", data.len);
		}
	}
	if (!err && prepare)
		prepare(cl);
	if (!err)
		waba_checklist_blob_end(out, cl);
	waba_strbuf_release(&data);
	free_names(names, n);
	free(schema);
	waba_checklist_free(cl);
	return err;
}

static char *schema_for(const struct waba_checklist *cl)
{
	if (cl->schema_path)
		return waba_xstrdup(cl->schema_path);
	return waba_xasprintf("%s/checklist.rng", waba_checklist_default_dir());
}

int waba_checklist_load_file(struct waba_checklist *cl, const char *path)
{
	struct stat st;
	int found = stat(path, &st) == 0;
	if (!found || !S_ISREG(st.st_mode))
		return found && S_ISDIR(st.st_mode)
		           ? waba_error_set(WABA_EIO, _("cannot read checklist '%s': it is a directory"), path)
		           : waba_error_set(WABA_EIO, _("cannot read checklist '%s': no such file"), path);
	char *schema = schema_for(cl);
	int err = load(cl, path, path, NULL, 0, schema);
	free(schema);
	return err;
}

int waba_checklist_load_mem(struct waba_checklist *cl, const char *name, const char *xml, size_t len)
{
	char *schema = schema_for(cl);
	int err = load(cl, name, NULL, xml, len, schema);
	free(schema);
	return err;
}

int waba_checklist_load_default(struct waba_checklist **out)
{
	struct waba_checklist *cl = waba_checklist_new();
	int err = waba_checklist_load_dir(cl, waba_checklist_default_dir());
	if (!err)
		err = waba_checklist_check_needs(cl, waba_checklist_default_dir());
	if (err) {
		waba_checklist_free(cl);
		*out = NULL;
		return err;
	}
	*out = cl;
	return 0;
}
