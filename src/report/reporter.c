/* reporter.c: the report's items, and the table of reporters by --format name. */
#include <stdlib.h>
#include <string.h>
#include "waba/report.h"
#include "waba/strbuf.h"
#include "waba/text.h"

extern const struct waba_reporter waba_reporter_text;
extern const struct waba_reporter waba_reporter_json;
extern const struct waba_reporter waba_reporter_sarif;
extern const struct waba_reporter waba_reporter_junit;
extern const struct waba_reporter waba_reporter_github;
extern const struct waba_reporter waba_reporter_gitlab;
extern const struct waba_reporter waba_reporter_html;

static const struct waba_reporter *const reporters[] = {
	&waba_reporter_text,   &waba_reporter_json,   &waba_reporter_sarif, &waba_reporter_junit,
	&waba_reporter_github, &waba_reporter_gitlab, &waba_reporter_html,  NULL,
};

const struct waba_reporter *const *waba_reporters(void)
{
	return reporters;
}

const struct waba_reporter *waba_reporter_find(const char *name)
{
	for (size_t i = 0; reporters[i]; i++)
		if (strcmp(reporters[i]->name, name) == 0)
			return reporters[i];
	return NULL;
}

/* Every string of an item is made valid UTF-8 (an input with invalid bytes must not
 * make the JSON, SARIF or JUnit output invalid); values are otherwise kept as given. */
static void clean_json_strings(cJSON *node)
{
	for (cJSON *c = node; c; c = c->next) {
		if (cJSON_IsString(c) && c->valuestring &&
		    !waba_text_is_clean(c->valuestring, strlen(c->valuestring), 0, 0)) {
			char *v = waba_text_clean(c->valuestring, strlen(c->valuestring), 0, 0);
			cJSON_free(c->valuestring);
			c->valuestring = cJSON_malloc(strlen(v) + 1);
			memcpy(c->valuestring, v, strlen(v) + 1);
			free(v);
		}
		if (c->child)
			clean_json_strings(c->child);
	}
}

int waba_report_add_item(struct waba_report *r, const char *kind, const char *name, const char *file, cJSON *json)
{
	if (r->nitems == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->items = waba_xrealloc(r->items, r->cap * sizeof(*r->items));
	}
	struct waba_item *it = &r->items[r->nitems];
	it->kind = waba_xstrdup(kind);
	it->name = waba_text_clean(name ? name : "", name ? strlen(name) : 0, 0, WABA_MESSAGE_MAX);
	it->file = file ? waba_text_clean(file, strlen(file), 0, 0) : NULL;
	clean_json_strings(json);
	it->json = json;
	it->view = NULL;
	it->result_type = NULL;
	it->result = NULL;
	r->findings.current_item = (int)r->nitems;
	return (int)r->nitems++;
}

void waba_report_set_view(struct waba_report *r, struct waba_view *v)
{
	if (!r->nitems) {
		waba_view_free(v);
		return;
	}
	waba_view_free(r->items[r->nitems - 1].view);
	r->items[r->nitems - 1].view = v;
}

void waba_report_set_result(struct waba_report *r, const struct waba_result_type *type, void *result)
{
	if (!r->nitems) {
		type->free(result);
		return;
	}
	struct waba_item *it = &r->items[r->nitems - 1];
	if (it->result)
		it->result_type->free(it->result);
	it->result_type = type;
	it->result = result;
	type->to_json(it->json, result);
	clean_json_strings(it->json);
}

void waba_result_free_first_string(void *result)
{
	char **first = result; /* a struct's first member stands at its address */
	free(*first);
	free(result);
}

void waba_item_add_str(cJSON *item, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(item, key, v);
	else
		cJSON_AddNullToObject(item, key);
}

char *waba_report_str(const char *s)
{
	return s ? waba_text_clean(s, strlen(s), 0, 0) : NULL;
}

const void *waba_report_result(const struct waba_report *r, size_t i, const struct waba_result_type *type)
{
	return i < r->nitems && r->items[i].result_type == type ? r->items[i].result : NULL;
}

void waba_report_end_item(struct waba_report *r)
{
	r->findings.current_item = -1;
}

static void items_release(struct waba_report *r)
{
	for (size_t i = 0; i < r->nitems; i++) {
		free(r->items[i].kind);
		free(r->items[i].name);
		free(r->items[i].file);
		cJSON_Delete(r->items[i].json);
		waba_view_free(r->items[i].view);
		if (r->items[i].result)
			r->items[i].result_type->free(r->items[i].result);
	}
	r->nitems = 0;
}

void waba_report_clear(struct waba_report *r)
{
	items_release(r);
	waba_findings_release(&r->findings);
	r->findings.current_item = -1;
}

void waba_report_release(struct waba_report *r)
{
	items_release(r);
	free(r->items);
	r->items = NULL;
	r->nitems = r->cap = 0;
	waba_findings_release(&r->findings);
	cJSON_Delete(r->extra);
	r->extra = NULL;
	free(r->appendix);
	r->appendix = NULL;
}

static int cmp_rule_ptr(const void *a, const void *b)
{
	const struct waba_rule *ra = *(const struct waba_rule *const *)a;
	const struct waba_rule *rb = *(const struct waba_rule *const *)b;
	return strcmp(ra->id, rb->id);
}

const struct waba_rule **waba_report_rules(const struct waba_report *r, size_t *n)
{
	const struct waba_rule **v = waba_xcalloc(r->findings.len + 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_rule *rule = r->findings.v[i].rule;
		size_t j;
		for (j = 0; j < k && v[j] != rule; j++)
			;
		if (j == k)
			v[k++] = rule;
	}
	qsort(v, k, sizeof(*v), cmp_rule_ptr);
	v[k] = NULL;
	if (n)
		*n = k;
	return v;
}

char *waba_rule_anchor(const char *id)
{
	char *a = waba_xstrdup(id);
	for (char *p = a; *p; p++)
		if (*p == '.' || *p == '_')
			*p = '-';
	return a;
}

int waba_reporter_streams(const struct waba_reporter *rep)
{
	return rep && rep->begin && rep->chunk && rep->end;
}
