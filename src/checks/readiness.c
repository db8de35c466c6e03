/* readiness.c: the readiness checklist, judged from a report (see readiness.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/readiness.h"
#include "waba/text.h"

static int has_error_finding(const struct waba_report *r, const char *prefixes)
{
	if (!prefixes)
		return 0;
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		if (f->severity != WABA_SEV_ERROR)
			continue;
		const char *p = prefixes;
		while (*p) {
			size_t n = strcspn(p, ",");
			if (n && strncmp(f->rule->id, p, n) == 0)
				return 1;
			p += n + (p[n] == ',');
		}
	}
	return 0;
}

static const struct waba_item *find_item(const struct waba_report *r, const char *kind)
{
	for (size_t i = 0; kind && i < r->nitems; i++)
		if (strcmp(r->items[i].kind, kind) == 0)
			return &r->items[i];
	return NULL;
}

static int word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && strncmp(p, word, n) == 0)
			return 1;
		p += k + (p[k] == ' ');
	}
	return 0;
}

/* Is every field named in `keys` (space-separated) given in the item: a string or a
 * list that is not empty, a length above 0? NULL keys: yes. */
static int all_filled(const cJSON *json, const char *keys)
{
	for (const char *p = keys; p && *p;) {
		size_t k = strcspn(p, " ");
		char key[64];
		snprintf(key, sizeof(key), "%.*s", (int)k, p);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, key);
		if (k && !((cJSON_IsString(v) && *v->valuestring) || (cJSON_IsNumber(v) && v->valuedouble > 0) ||
		           (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0)))
			return 0;
		p += k + (p[k] == ' ');
	}
	return 1;
}

static enum waba_readiness_status judge(const struct waba_set_item *it, const struct waba_report *r, const cJSON *answers)
{
	const char *rules = waba_set_item_attr(it, "rules");
	const char *kind = waba_set_item_attr(it, "item");
	const char *field = waba_set_item_attr(it, "field");
	const char *unknown_unless = waba_set_item_attr(it, "unknown_unless");
	const char *ask = waba_set_item_attr(it, "ask");

	if (has_error_finding(r, rules))
		return WABA_READY_MISSING;
	if (unknown_unless && !find_item(r, unknown_unless))
		return WABA_READY_UNKNOWN;
	if (ask && strcmp(ask, "yes") == 0) {
		const cJSON *a = answers ? cJSON_GetObjectItemCaseSensitive(answers, it->value) : NULL;
		if (cJSON_IsBool(a))
			return cJSON_IsTrue(a) ? WABA_READY_OK : WABA_READY_MISSING;
		return WABA_READY_UNKNOWN;
	}
	if (kind) {
		const struct waba_item *item = find_item(r, kind);
		if (!item)
			return WABA_READY_MISSING;
		if (!all_filled(item->json, waba_set_item_attr(it, "filled")))
			return WABA_READY_MISSING;
		if (field) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(item->json, field);
			const char *ok = waba_set_item_attr(it, "ok");
			if (!cJSON_IsString(v))
				return WABA_READY_UNKNOWN;
			if (ok && strcmp(v->valuestring, ok) == 0)
				return WABA_READY_OK;
			if (word_in(waba_set_item_attr(it, "wait"), v->valuestring))
				return WABA_READY_UNKNOWN;
			return WABA_READY_MISSING;
		}
	}
	return WABA_READY_OK;
}

int waba_readiness_evaluate(struct waba_readiness *out, const struct waba_report *r, const cJSON *answers,
                            const struct waba_checklist *cl)
{
	const struct waba_set *set = waba_checklist_set(cl, "readiness.requirements");
	memset(out, 0, sizeof(*out));
	out->ready = 1;
	if (!set)
		return 0;
	out->v = waba_xcalloc(set->len + 1, sizeof(*out->v));
	for (size_t i = 0; i < set->len; i++) {
		const struct waba_set_item *it = &set->items[i];
		const char *opt = waba_set_item_attr(it, "optional");
		struct waba_readiness_entry *e = &out->v[out->len++];
		e->id = it->value;
		e->optional = opt && strcmp(opt, "yes") == 0;
		e->status = judge(it, r, answers);
		if (e->status == WABA_READY_MISSING || (e->status == WABA_READY_UNKNOWN && !e->optional))
			out->ready = 0;
	}
	return 0;
}

const char *waba_readiness_status_name(enum waba_readiness_status s)
{
	return s == WABA_READY_OK ? "ok" : s == WABA_READY_MISSING ? "missing" : "unknown";
}

static const char *text_or(const struct waba_checklist *cl, const char *id, const char *lang, const char *dflt)
{
	const char *t = waba_checklist_text(cl, id, lang);
	return t ? t : dflt;
}

static const char *title_of(const struct waba_checklist *cl, const char *id, const char *lang)
{
	char key[128];
	snprintf(key, sizeof(key), "readiness.%s.title", id);
	return text_or(cl, key, lang, id);
}

static const char *duration_of(const struct waba_set_item *it, const char *lang)
{
	char attr[32];
	snprintf(attr, sizeof(attr), "duration_%s", lang);
	const char *d = waba_set_item_attr(it, attr);
	return d ? d : waba_set_item_attr(it, "duration_en");
}

/* A text of a checklist (a --checklist may come from a repository) as one line of the
 * checklist, its control characters shown escaped, and a newline. */
static void add_line(struct waba_strbuf *out, const char *text)
{
	waba_text_escape_add(out, text, strlen(text));
	waba_strbuf_addc(out, '\n');
}

void waba_readiness_text(const struct waba_readiness *rd, const struct waba_checklist *cl, const char *lang, int color,
                         struct waba_strbuf *out)
{
	static const char *const marks[] = { "[ok]", "[!!]", "[??]" };
	static const char *const colours[] = { "\033[1;32m", "\033[1;31m", "\033[1;33m" };
	char key[64];
	size_t width = 9; /* at least the English column */
	waba_strbuf_addf(out, "%s\n", text_or(cl, "readiness.title", lang, "Readiness checklist"));
	/* the status words of the language, padded to the widest by display width (utf8proc) */
	for (int s = WABA_READY_OK; s <= WABA_READY_UNKNOWN; s++) {
		snprintf(key, sizeof(key), "readiness.status.%s",
		         waba_readiness_status_name((enum waba_readiness_status)s));
		size_t w = waba_text_width(
		    text_or(cl, key, lang, waba_readiness_status_name((enum waba_readiness_status)s)));
		width = w > width ? w : width;
	}
	for (size_t i = 0; i < rd->len; i++) {
		const struct waba_readiness_entry *e = &rd->v[i];
		snprintf(key, sizeof(key), "readiness.status.%s", waba_readiness_status_name(e->status));
		waba_strbuf_addf(out, "  %s%s%s ", color ? colours[e->status] : "", marks[e->status],
		                 color ? "\033[0m" : "");
		waba_strbuf_add_padded(out, text_or(cl, key, lang, waba_readiness_status_name(e->status)), width);
		waba_strbuf_addc(out, ' ');
		add_line(out, title_of(cl, e->id, lang));
	}
	waba_strbuf_addf(out, "%s\n\n", text_or(cl, rd->ready ? "readiness.ready" : "readiness.not_ready", lang, ""));
	const struct waba_set *stages = waba_checklist_set(cl, "readiness.stages");
	if (!stages)
		return;
	waba_strbuf_addf(out, "%s\n", text_or(cl, "readiness.stages_title", lang, "Activation stages"));
	for (size_t i = 0; i < stages->len; i++) {
		const char *d = duration_of(&stages->items[i], lang);
		struct waba_strbuf t = WABA_STRBUF_INIT;
		waba_strbuf_addf(&t, "%s%s%s%s", title_of(cl, stages->items[i].value, lang), d ? " (" : "", d ? d : "",
		                 d ? ")" : "");
		waba_strbuf_adds(out, "  ");
		add_line(out, waba_strbuf_cstr(&t));
		waba_strbuf_release(&t);
	}
}

cJSON *waba_readiness_json(const struct waba_readiness *rd, const struct waba_checklist *cl, const char *lang)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "ready", rd->ready);
	cJSON *reqs = cJSON_AddArrayToObject(o, "requirements");
	for (size_t i = 0; i < rd->len; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", rd->v[i].id);
		cJSON_AddStringToObject(e, "status", waba_readiness_status_name(rd->v[i].status));
		cJSON_AddBoolToObject(e, "optional", rd->v[i].optional);
		cJSON_AddStringToObject(e, "title", title_of(cl, rd->v[i].id, lang));
		cJSON_AddItemToArray(reqs, e);
	}
	cJSON *st = cJSON_AddArrayToObject(o, "stages");
	const struct waba_set *stages = waba_checklist_set(cl, "readiness.stages");
	for (size_t i = 0; stages && i < stages->len; i++) {
		cJSON *e = cJSON_CreateObject();
		const char *d = duration_of(&stages->items[i], lang);
		cJSON_AddStringToObject(e, "id", stages->items[i].value);
		cJSON_AddStringToObject(e, "title", title_of(cl, stages->items[i].value, lang));
		if (d)
			cJSON_AddStringToObject(e, "duration", d);
		cJSON_AddItemToArray(st, e);
	}
	return o;
}

void waba_readiness_release(struct waba_readiness *rd)
{
	free(rd->v);
	memset(rd, 0, sizeof(*rd));
}
