/*
 * lint_template.c: `lint` on one source: parse it (JSON or .txt draft), check every
 * template, record one "template" item per template, apply the draft's suppressions.
 */
#include <stdlib.h>
#include <string.h>
#include "waba/strbuf.h"
#include "waba/template.h"

/* Item values are capped: a hostile 20 MB "name" must not become a 20 MB report. */
#define ITEM_VALUE_MAX 256

static void add_string_or_null(cJSON *o, const char *key, const struct waba_tpl_text *t)
{
	if (t && t->s) {
		size_t n = t->len;
		if (n > ITEM_VALUE_MAX) {
			n = ITEM_VALUE_MAX;
			while (n > 0 && ((unsigned char)t->s[n] & 0xC0) == 0x80)
				n--; /* do not cut a UTF-8 sequence */
		}
		char *v = waba_xstrndup(t->s, n);
		cJSON_AddStringToObject(o, key, v);
		free(v);
	} else {
		cJSON_AddNullToObject(o, key);
	}
}

static void add_item(struct waba_report *r, const struct waba_source *src, const struct waba_template *tpl)
{
	const char *file = strcmp(src->name, "-") == 0 ? "<stdin>" : src->name;
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "template");
	cJSON_AddStringToObject(item, "input", file);
	add_string_or_null(item, "name", tpl ? &tpl->name : NULL);
	add_string_or_null(item, "language", tpl ? &tpl->language : NULL);
	add_string_or_null(item, "category", tpl ? &tpl->category : NULL);
	/* the label (JUnit test name, beside the file) is the template's name, else the file */
	char *label = tpl && tpl->name.s ? waba_xstrndup(tpl->name.s, tpl->name.len > ITEM_VALUE_MAX ? ITEM_VALUE_MAX : tpl->name.len)
	                                 : waba_xstrdup(file);
	waba_report_add_item(r, "template", label, file, item);
	free(label);
}

int waba_lint_source(struct waba_report *r, struct waba_source *src, const struct waba_checklist *cl)
{
	struct waba_template_set set = WABA_TEMPLATE_SET_INIT;
	struct waba_findings *fs = &r->findings;
	/* findings of the parse that belong to no single template go to the first item */
	struct waba_findings parse = WABA_FINDINGS_INIT;
	size_t nl = strlen(src->name);
	if (nl > 5 && strcmp(src->name + nl - 5, ".json") == 0)
		waba_template_parse_json(&set, src, &parse);
	else if (nl > 4 && strcmp(src->name + nl - 4, ".txt") == 0)
		waba_template_parse_txt(&set, src, &parse);
	else
		waba_template_parse(&set, src, &parse); /* standard input, other names: by content */
	if (set.len == 0) {
		add_item(r, src, NULL);
		for (size_t i = 0; i < parse.len; i++)
			parse.v[i].item = fs->current_item;
		waba_findings_take(fs, &parse);
	}
	for (size_t i = 0; i < set.len; i++) {
		struct waba_template *tpl = &set.v[i];
		add_item(r, src, tpl);
		size_t from = fs->len;
		if (i == 0) {
			for (size_t k = 0; k < parse.len; k++)
				parse.v[k].item = fs->current_item;
			waba_findings_take(fs, &parse);
		}
		waba_check_template(tpl, cl, fs);
		if (tpl->is_txt)
			waba_template_apply_suppressions(tpl, fs, from);
	}
	waba_report_end_item(r);
	waba_findings_release(&parse);
	waba_template_set_release(&set);
	return 0;
}
