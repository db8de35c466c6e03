/*
 * lint_template.c: `lint` on one source: parse it (JSON or .txt draft), check every
 * template, record one "template" item per template, apply the draft's suppressions.
 */
#include <stdlib.h>
#include <string.h>
#include "waba/strbuf.h"
#include <ctype.h>
#include "waba/i18n.h"
#include "waba/template.h"
#include "../parse/template_priv.h"

const struct waba_rule WABA_RULE_TEMPLATE_DUP_NAME = {
	.id = "template.name.duplicate",
	.severity = WABA_SEV_ERROR,
	.summary = N_("two templates have the same name and language"),
	.hint = N_("rename one of them, or give it another language"),
	.source = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview",
	.explain = N_("A name may be reused across languages, but the same name in the same language is a duplicate "
	              "in one WhatsApp Business Account (policy §2.1, template.name.unique_per_language). Compared "
	              "across every file of one `lint` run, names case-insensitively."),
	.meta_codes = "100",
	.example_bad = "order_update (pt_BR) in a.json and order_update (pt_BR) in b.json",
	.example_good = "order_update (pt_BR) and order_update (es)",
};
const struct waba_rule WABA_RULE_TEMPLATE_DUP_CONTENT = {
	.id = "template.content.duplicate",
	.severity = WABA_SEV_ERROR,
	.summary = N_("two templates have the same body and footer"),
	.hint = N_("keep one template, or make their wording differ"),
	.source = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review",
	.explain = N_("Meta rejects a template whose body and footer repeat those of an existing template in the "
	              "account; AUTHENTICATION templates are exempt (policy §2.4, template.content.duplicate). "
	              "Compared across every file of one `lint` run, in the same language."),
	.example_bad = "two UTILITY templates with the body \"Your order {{1}} has shipped.\"",
	.example_good = "one template per wording",
};

static unsigned long long fnv(unsigned long long h, const char *s, size_t n, int fold)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)(fold ? tolower((unsigned char)s[i]) : s[i])) * 1099511628211ULL;
	return (h ^ 0x1f) * 1099511628211ULL;
}

/* Offset + 1 of `file` in the state's names (added when it is not the last one added). */
static unsigned file_ref(struct waba_lint_state *st, const char *file)
{
	size_t n = strlen(file) + 1;
	if (st->last_file && strcmp(st->files + st->last_file - 1, file) == 0)
		return (unsigned)st->last_file;
	if (st->files_len + n > st->files_cap) {
		st->files_cap = (st->files_len + n) * 2;
		st->files = waba_xrealloc(st->files, st->files_cap);
	}
	memcpy(st->files + st->files_len, file, n);
	st->last_file = st->files_len + 1;
	st->files_len += n;
	return (unsigned)st->last_file;
}

/* The first occurrence of key as "file:line" in `where` (1), or 0 after remembering this one. */
static int seen(struct waba_lint_state *st, unsigned long long key, unsigned char kind, const struct waba_loc *loc,
                struct waba_strbuf *where)
{
	if (st->len * 2 >= st->nslots) {
		struct waba_lint_state grown = *st;
		grown.nslots = st->nslots ? st->nslots * 2 : 1024;
		grown.slots = waba_xcalloc(grown.nslots, sizeof(*grown.slots));
		for (size_t i = 0; i < st->nslots; i++)
			if (st->slots[i].file) {
				size_t h = (size_t)st->slots[i].key & (grown.nslots - 1);
				while (grown.slots[h].file)
					h = (h + 1) & (grown.nslots - 1);
				grown.slots[h] = st->slots[i];
			}
		free(st->slots);
		*st = grown;
	}
	size_t h = (size_t)key & (st->nslots - 1);
	for (; st->slots[h].file; h = (h + 1) & (st->nslots - 1))
		if (st->slots[h].key == key && st->slots[h].kind == kind) {
			waba_strbuf_addf(where, "%s:%u", st->files + st->slots[h].file - 1, (unsigned)st->slots[h].line);
			return 1;
		}
	st->slots[h].key = key;
	st->slots[h].kind = kind;
	st->slots[h].file = file_ref(st, loc->file ? loc->file : "");
	st->slots[h].line = loc->line & 0x7fffffffu;
	st->len++;
	return 0;
}

void waba_lint_state_release(struct waba_lint_state *st)
{
	free(st->slots);
	free(st->files);
	memset(st, 0, sizeof(*st));
}

static void check_duplicates(struct waba_lint_state *st, const struct waba_template *t, struct waba_findings *fs)
{
	struct waba_strbuf prev = WABA_STRBUF_INIT;
	if (t->name.s && t->language.s) {
		struct waba_loc at = waba_template_text_line(t, &t->name); /* the whole location only for a finding */
		unsigned long long k = fnv(fnv(14695981039346656037ULL, t->name.s, t->name.len, 1), t->language.s,
		                           t->language.len, 0);
		if (seen(st, k, 0, &at, &prev))
			waba_findings_add(fs, &WABA_RULE_TEMPLATE_DUP_NAME, waba_template_text_loc(t, &t->name),
			                  _("template '%.*s' in '%.*s' is already defined at %s"),
			                  (int)(t->name.len > 80 ? 80 : t->name.len), t->name.s, (int)t->language.len,
			                  t->language.s, waba_strbuf_cstr(&prev));
	}
	waba_strbuf_reset(&prev);
	if (t->body.text.s && t->body.text.len && !waba_tpl_text_eq(&t->category, "AUTHENTICATION", 1)) {
		struct waba_loc at = waba_template_text_line(t, &t->body.text);
		unsigned long long k = fnv(14695981039346656037ULL, t->body.text.s, t->body.text.len, 0);
		k = fnv(k, t->footer.text.s ? t->footer.text.s : "", t->footer.text.len, 0);
		k = fnv(k, t->language.s ? t->language.s : "", t->language.len, 0);
		if (seen(st, k, 1, &at, &prev))
			waba_findings_add(fs, &WABA_RULE_TEMPLATE_DUP_CONTENT, waba_template_text_loc(t, &t->body.text),
			                  _("the same body and footer are already used at %s"), waba_strbuf_cstr(&prev));
	}
	waba_strbuf_release(&prev);
}

/* Item values are capped: a hostile 20 MB "name" must not become a 20 MB report. */
#define ITEM_VALUE_MAX 256

/* o[key] = the text, or null; key is a literal (not copied). */
static void add_string_or_null(cJSON *o, const char *key, const struct waba_tpl_text *t)
{
	if (t && t->s) {
		size_t n = t->len;
		if (n > ITEM_VALUE_MAX) {
			n = ITEM_VALUE_MAX;
			while (n > 0 && ((unsigned char)t->s[n] & 0xC0) == 0x80)
				n--; /* do not cut a UTF-8 sequence */
		}
		if (t->node && n == t->len) { /* a JSON string whole: already NUL-terminated */
			cJSON_AddItemToObjectCS(o, key, cJSON_CreateString(t->s));
			return;
		}
		char *v = waba_xstrndup(t->s, n);
		cJSON_AddItemToObjectCS(o, key, cJSON_CreateString(v));
		free(v);
	} else {
		cJSON_AddItemToObjectCS(o, key, cJSON_CreateNull());
	}
}

static void add_item(struct waba_report *r, const struct waba_source *src, const struct waba_template *tpl)
{
	const char *file = strcmp(src->name, "-") == 0 ? "<stdin>" : src->name;
	cJSON *item = cJSON_CreateObject(); /* keys are literals: not copied (CS) */
	cJSON_AddItemToObjectCS(item, "kind", cJSON_CreateString("template"));
	cJSON_AddItemToObjectCS(item, "input", cJSON_CreateString(file));
	add_string_or_null(item, "name", tpl ? &tpl->name : NULL);
	add_string_or_null(item, "language", tpl ? &tpl->language : NULL);
	add_string_or_null(item, "category", tpl ? &tpl->category : NULL);
	/* the label (JUnit test name, beside the file) is the template's name, else the file */
	char *label = tpl && tpl->name.s
	                  ? waba_xstrndup(tpl->name.s, tpl->name.len > ITEM_VALUE_MAX ? ITEM_VALUE_MAX : tpl->name.len)
	                  : waba_xstrdup(file);
	waba_report_add_item(r, "template", label, file, item);
	if (r->views && tpl)
		waba_report_set_view(r, waba_view_template(tpl));
	free(label);
}

int waba_lint_source(struct waba_report *r, struct waba_source *src, const struct waba_checklist *cl)
{
	return waba_lint_source_state(r, src, cl, NULL);
}

void waba_lint_prepare(struct waba_lint_prepared *p, struct waba_source *src, const struct waba_checklist *cl)
{
	waba_lint_parse(p, src);
	waba_lint_check(p, 0, p->set.len, cl);
}

static void prepared_begin(struct waba_lint_prepared *p, struct waba_source *src)
{
	memset(p, 0, sizeof(*p));
	p->set = (struct waba_template_set)WABA_TEMPLATE_SET_INIT;
	p->parse = (struct waba_findings)WABA_FINDINGS_INIT;
	p->src = src;
}

/* A findings slot per template parsed, for waba_lint_check(). */
static void prepared_parsed(struct waba_lint_prepared *p)
{
	p->checked = waba_xcalloc(p->set.len + 1, sizeof(*p->checked));
	for (size_t i = 0; i < p->set.len; i++)
		p->checked[i] = (struct waba_findings)WABA_FINDINGS_INIT;
}

void waba_lint_parse(struct waba_lint_prepared *p, struct waba_source *src)
{
	prepared_begin(p, src);
	size_t nl = strlen(src->name);
	if (nl > 5 && strcmp(src->name + nl - 5, ".json") == 0)
		waba_template_parse_json(&p->set, src, &p->parse);
	else if (nl > 4 && strcmp(src->name + nl - 4, ".txt") == 0)
		waba_template_parse_txt(&p->set, src, &p->parse);
	else
		waba_template_parse(&p->set, src, &p->parse); /* standard input, other names: by content */
	prepared_parsed(p);
}

int waba_lint_parse_range(struct waba_lint_prepared *p, struct waba_source *src, size_t from, size_t to)
{
	prepared_begin(p, src);
	if (waba_template_parse_json_range(&p->set, src, from, to, &p->parse) < 0) {
		waba_lint_prepared_release(p);
		return -1;
	}
	prepared_parsed(p);
	return 0;
}

void waba_lint_check(struct waba_lint_prepared *p, size_t from, size_t to, const struct waba_checklist *cl)
{
	for (size_t i = from; i < to && i < p->set.len; i++)
		waba_check_template(&p->set.v[i], cl, &p->checked[i]);
}

/* Move `from` to the end of `to`, each finding tied to item `item`. */
static void take_for_item(struct waba_findings *to, struct waba_findings *from, int item)
{
	for (size_t k = 0; k < from->len; k++)
		from->v[k].item = item;
	waba_findings_take(to, from);
}

void waba_lint_commit(struct waba_report *r, struct waba_lint_prepared *p, struct waba_lint_state *st)
{
	waba_lint_commit_keep(r, p, st);
	waba_lint_prepared_release(p);
}

void waba_lint_commit_keep(struct waba_report *r, struct waba_lint_prepared *p, struct waba_lint_state *st)
{
	struct waba_findings *fs = &r->findings;
	if (p->set.len == 0) {
		add_item(r, p->src, NULL);
		take_for_item(fs, &p->parse, fs->current_item);
	}
	for (size_t i = 0; i < p->set.len; i++) {
		struct waba_template *tpl = &p->set.v[i];
		add_item(r, p->src, tpl);
		size_t from = fs->len;
		if (i == 0)
			take_for_item(fs, &p->parse, fs->current_item);
		take_for_item(fs, &p->checked[i], fs->current_item);
		if (st)
			check_duplicates(st, tpl, fs);
		if (tpl->is_txt)
			waba_template_apply_suppressions(tpl, fs, from);
	}
	waba_report_end_item(r);
}

void waba_lint_prepared_release(struct waba_lint_prepared *p)
{
	for (size_t i = 0; p->checked && i < p->set.len; i++)
		waba_findings_release(&p->checked[i]);
	free(p->checked);
	waba_findings_release(&p->parse);
	waba_template_set_release(&p->set);
	memset(p, 0, sizeof(*p));
}

int waba_lint_source_state(struct waba_report *r, struct waba_source *src, const struct waba_checklist *cl,
                           struct waba_lint_state *st)
{
	struct waba_lint_prepared p;
	waba_lint_prepare(&p, src, cl);
	waba_lint_commit(r, &p, st);
	return 0;
}
