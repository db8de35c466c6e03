/*
 * application_json.c: the application file (docs/application.md) -> struct
 * waba_application, with the offset of every field. Judges only the shape: types,
 * unknown and duplicate keys, closed value lists, required fields (input.application.*).
 */
#include <stdlib.h>
#include <string.h>
#include "waba/application.h"
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/suggest.h"
#include "../core/input_rules.h"

#define SRC_APP "https://github.com/waba-preflight/waba-preflight/blob/main/docs/application.md"

const struct waba_rule WABA_RULE_INPUT_APP_TYPE = {
	.id = "input.application.type",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a field of the application file has the wrong JSON type"),
	.hint = N_("write the value as docs/application.md shows it"),
	.source = SRC_APP,
	.explain = N_("Each field of the application file has one JSON type (docs/application.schema.json). A value "
	              "of another type cannot be read, so the checks that need it are skipped. The business ID in "
	              "particular must be a string: a JSON number loses digits beyond 2^53, and Business Manager "
	              "IDs are 15 to 16 digits long (policy §5)."),
	.example_bad = "\"business_id\": 175601379772329",
	.example_good = "\"business_id\": \"175601379772329\"",
};

const struct waba_rule WABA_RULE_INPUT_APP_UNKNOWN = {
	.id = "input.application.unknown_key",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the application file has a key this version does not know"),
	.hint = N_("check the spelling against docs/application.md; notes go in a \"$comment\" key"),
	.source = SRC_APP,
	.explain = N_("An unknown key is almost always a misspelt known one (\"emial\" for \"email\"); left alone, "
	              "the value would be silently ignored and the activation request would go out without it. "
	              "It is an error so that nothing is lost; \"$comment\" keys are allowed anywhere for notes."),
	.example_bad = "\"profile\": {\"emial\": \"contato@casaaurora.com.br\"}",
	.example_good = "\"profile\": {\"email\": \"contato@casaaurora.com.br\"}",
};

const struct waba_rule WABA_RULE_INPUT_APP_DUPLICATE = {
	.id = "input.application.duplicate_key",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a key appears twice in the same object"),
	.hint = N_("keep one of them"),
	.source = "https://www.rfc-editor.org/rfc/rfc8259#section-4",
	.explain = N_("RFC 8259 says the names in an object should be unique and that programs disagree on which "
	              "duplicate wins; waba-preflight reads the first, another tool may read the last. Keep one."),
	.example_bad = "{\"legal_name\": \"A\", \"legal_name\": \"B\"}",
	.example_good = "{\"legal_name\": \"A\"}",
};

const struct waba_rule WABA_RULE_INPUT_APP_MISSING = {
	.id = "input.application.missing",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a required field of the application file is missing"),
	.hint = N_("add the field; docs/application.md says what goes in it"),
	.source = SRC_APP,
	.explain = N_("Botmaker's activation request needs the Business Manager ID, the legal and display names, "
	              "at least one phone number, the profile photo, the profile fields and a contact person "
	              "(policy §7); without them the request cannot be assembled or is sent back."),
	.example_bad = "{\"legal_name\": \"Casa Aurora Móveis Ltda.\"}",
	.example_good = "examples/application.json",
};

const struct waba_rule WABA_RULE_INPUT_APP_VALUE = {
	.id = "input.application.value",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a field takes one of a few values and this is not one of them"),
	.hint = N_("use one of the values docs/application.md lists"),
	.source = SRC_APP,
	.explain = N_("used_whatsapp is \"yes\", \"no\" or \"unknown\" (Botmaker asks whether the number was used on "
	              "WhatsApp, policy §7) and language is \"pt\", \"es\" or \"en\" (the languages of Botmaker's "
	              "activation e-mail). Other values cannot be acted upon."),
	.example_bad = "\"used_whatsapp\": \"maybe\"",
	.example_good = "\"used_whatsapp\": \"no\"",
};

/* Parsing context: where findings go and the path of the object being read. */
struct ctx {
	struct waba_application *app;
	struct waba_findings *fs;
};

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return _("a string");
	if (cJSON_IsNumber(v))
		return _("a number");
	if (cJSON_IsBool(v))
		return _("true/false");
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return _("an array");
	return _("an object");
}

static struct waba_loc node_loc(struct ctx *c, const cJSON *v)
{
	return waba_json_loc(&c->app->doc, v);
}

static void wrong_type(struct ctx *c, const cJSON *v, const char *path, const char *want)
{
	struct waba_finding *f = waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_TYPE, node_loc(c, v),
	                                           _("'%s' must be %s, not %s"), path, want, type_name(v));
	if (cJSON_IsNumber(v) && strcmp(want, _("a string")) == 0)
		waba_finding_set_hint(f, _("put the value in double quotes: digits in a JSON number can be lost"));
}

static void missing(struct ctx *c, const cJSON *obj, const char *path, const char *key)
{
	if (*path)
		waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_MISSING, node_loc(c, obj),
		                  _("missing required field '%s' in '%s'"), key, path);
	else
		waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_MISSING, node_loc(c, obj),
		                  _("missing required field '%s'"), key);
}

/* Unknown and duplicate keys of `obj`; `known` is NULL-terminated. */
static void check_keys(struct ctx *c, const cJSON *obj, const char *path, const char *const *known)
{
	const cJSON *k;
	cJSON_ArrayForEach(k, obj)
	{
		int ok = strcmp(k->string, "$comment") == 0;
		for (size_t i = 0; !ok && known[i]; i++)
			ok = strcmp(k->string, known[i]) == 0;
		if (!ok) {
			const char *near = waba_suggest(k->string, known);
			struct waba_finding *f;
			if (*path)
				f = waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_UNKNOWN,
				                      waba_json_key_loc(&c->app->doc, k), _("unknown key '%s' in '%s'"),
				                      k->string, path);
			else
				f = waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_UNKNOWN,
				                      waba_json_key_loc(&c->app->doc, k), _("unknown key '%s'"),
				                      k->string);
			if (near)
				waba_finding_set_hint(f, _("did you mean '%s'?"), near);
			continue;
		}
		for (const cJSON *p = obj->child; p != k; p = p->next)
			if (strcmp(p->string, k->string) == 0) {
				struct waba_loc first = waba_json_key_loc(&c->app->doc, p);
				waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_DUPLICATE,
				                  waba_json_key_loc(&c->app->doc, k),
				                  _("key '%s' appears again (first at line %u); the first one is used"),
				                  k->string, first.line);
				break;
			}
	}
}

static char *join(const char *path, const char *key)
{
	return *path ? waba_xasprintf("%s.%s", path, key) : waba_xstrdup(key);
}

/* A string field: the value, or a finding. Absent fields point at `obj`. */
static void get_str(struct ctx *c, const cJSON *obj, const char *path, const char *key, int required,
                    struct waba_app_str *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	out->off = waba_json_offset(&c->app->doc, v ? v : obj);
	if (!v) {
		if (required)
			missing(c, obj, path, key);
		return;
	}
	out->present = 1;
	out->node = v;
	if (!cJSON_IsString(v)) {
		char *p = join(path, key);
		wrong_type(c, v, p, _("a string"));
		free(p);
		return;
	}
	out->value = waba_xstrdup(v->valuestring);
}

/* An object field: the node, or NULL (with a finding when it has the wrong type or is required). */
static const cJSON *get_obj(struct ctx *c, const cJSON *obj, const char *path, const char *key, int required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v) {
		if (required)
			missing(c, obj, path, key);
		return NULL;
	}
	if (!cJSON_IsObject(v)) {
		char *p = join(path, key);
		wrong_type(c, v, p, _("an object"));
		free(p);
		return NULL;
	}
	return v;
}

static const cJSON *get_array(struct ctx *c, const cJSON *obj, const char *path, const char *key, int required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v) {
		if (required)
			missing(c, obj, path, key);
		return NULL;
	}
	if (!cJSON_IsArray(v)) {
		char *p = join(path, key);
		wrong_type(c, v, p, _("an array"));
		free(p);
		return NULL;
	}
	return v;
}

/* Is f's value one of `allowed`? A finding if not. Returns the index, or -1. */
static int closed_value(struct ctx *c, const struct waba_app_str *f, const char *path, const char *const *allowed)
{
	if (!f->value)
		return -1;
	for (int i = 0; allowed[i]; i++)
		if (strcmp(f->value, allowed[i]) == 0)
			return i;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	for (size_t i = 0; allowed[i]; i++)
		waba_strbuf_addf(&sb, "%s'%s'", i ? ", " : "", allowed[i]);
	struct waba_finding *fd = waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_VALUE, node_loc(c, f->node),
	                                            _("'%s' is '%s'; it must be one of %s"), path, f->value,
	                                            waba_strbuf_cstr(&sb));
	const char *near = waba_suggest(f->value, allowed);
	if (near)
		waba_finding_set_hint(fd, _("did you mean '%s'?"), near);
	waba_strbuf_release(&sb);
	return -1;
}

/* An array of strings -> out[]; a finding per element of another type. */
static struct waba_app_str *get_str_array(struct ctx *c, const cJSON *arr, const char *path, size_t *n)
{
	struct waba_app_str *v = waba_xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*v));
	const cJSON *e;
	size_t i = 0;
	*n = 0;
	cJSON_ArrayForEach(e, arr)
	{
		if (!cJSON_IsString(e)) {
			char *p = waba_xasprintf("%s[%zu]", path, i);
			wrong_type(c, e, p, _("a string"));
			free(p);
		} else {
			struct waba_app_str *s = &v[(*n)++];
			s->value = waba_xstrdup(e->valuestring);
			s->present = 1;
			s->node = e;
			s->off = waba_json_offset(&c->app->doc, e);
		}
		i++;
	}
	return v;
}

static const char *const used_values[] = { "unknown", "yes", "no", NULL };

static void read_numbers(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = { "number", "region", "used_whatsapp", "purpose", NULL };
	const cJSON *arr = get_array(c, root, "", "numbers", 1);
	const cJSON *e;
	size_t i = 0;
	if (!arr)
		return;
	c->app->numbers_off = waba_json_offset(&c->app->doc, arr);
	if (cJSON_GetArraySize(arr) == 0)
		waba_findings_add(c->fs, &WABA_RULE_INPUT_APP_MISSING, node_loc(c, arr), "%s",
		                  _("'numbers' is empty; give at least the number to activate"));
	c->app->numbers = waba_xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*c->app->numbers));
	cJSON_ArrayForEach(e, arr)
	{
		char *path = waba_xasprintf("numbers[%zu]", i++);
		if (!cJSON_IsObject(e)) {
			wrong_type(c, e, path, _("an object"));
			free(path);
			continue;
		}
		struct waba_app_number *num = &c->app->numbers[c->app->nnumbers++];
		num->off = waba_json_offset(&c->app->doc, e);
		check_keys(c, e, path, keys);
		get_str(c, e, path, "number", 1, &num->number);
		get_str(c, e, path, "region", 0, &num->region);
		get_str(c, e, path, "used_whatsapp", 0, &num->used_whatsapp);
		get_str(c, e, path, "purpose", 0, &num->purpose);
		char *p = join(path, "used_whatsapp");
		int u = closed_value(c, &num->used_whatsapp, p, used_values);
		num->used = u < 0 ? WABA_USED_WHATSAPP_UNKNOWN : (enum waba_used_whatsapp)u;
		free(p);
		free(path);
	}
}

static void read_profile(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = { "about",    "address", "description", "vertical",
		                            "category", "email",   "websites",    NULL };
	struct waba_app_profile *p = &c->app->profile;
	const cJSON *obj = get_obj(c, root, "", "profile", 1);
	if (!obj)
		return;
	p->present = 1;
	p->off = waba_json_offset(&c->app->doc, obj);
	check_keys(c, obj, "profile", keys);
	get_str(c, obj, "profile", "about", 0, &p->about);
	get_str(c, obj, "profile", "address", 0, &p->address);
	get_str(c, obj, "profile", "description", 0, &p->description);
	get_str(c, obj, "profile", "email", 0, &p->email);
	if (cJSON_GetObjectItemCaseSensitive(obj, "vertical") || !cJSON_GetObjectItemCaseSensitive(obj, "category"))
		get_str(c, obj, "profile", "vertical", 0, &p->vertical);
	else
		get_str(c, obj, "profile", "category", 0, &p->vertical);
	const cJSON *sites = get_array(c, obj, "profile", "websites", 0);
	p->websites_off = waba_json_offset(&c->app->doc, sites ? sites : obj);
	if (sites) {
		p->has_websites = 1;
		p->websites = get_str_array(c, sites, "profile.websites", &p->nwebsites);
	}
}

static void read_contact(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = { "name", "email", "phone", NULL };
	struct waba_app_contact *k = &c->app->contact;
	const cJSON *obj = get_obj(c, root, "", "contact", 1);
	if (!obj)
		return;
	k->present = 1;
	k->off = waba_json_offset(&c->app->doc, obj);
	check_keys(c, obj, "contact", keys);
	get_str(c, obj, "contact", "name", 1, &k->name);
	get_str(c, obj, "contact", "email", 1, &k->email);
	get_str(c, obj, "contact", "phone", 0, &k->phone);
}

static void read_webhook(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = { "url", NULL };
	struct waba_app_webhook *w = &c->app->webhook;
	const cJSON *obj = get_obj(c, root, "", "webhook", 0);
	if (!obj)
		return;
	w->present = 1;
	w->off = waba_json_offset(&c->app->doc, obj);
	check_keys(c, obj, "webhook", keys);
	get_str(c, obj, "webhook", "url", 1, &w->url);
}

static void read_root(struct ctx *c, const cJSON *root)
{
	static const char *const keys[] = { "business_id", "legal_name", "display_name", "website",
		                            "numbers",     "photo",      "profile",      "contact",
		                            "language",    "templates",  "answers",      "webhook",
		                            NULL };
	static const char *const langs[] = { "pt", "es", "en", NULL };
	struct waba_application *app = c->app;
	check_keys(c, root, "", keys);
	get_str(c, root, "", "business_id", 1, &app->business_id);
	get_str(c, root, "", "legal_name", 1, &app->legal_name);
	get_str(c, root, "", "display_name", 1, &app->display_name);
	get_str(c, root, "", "website", 0, &app->website);
	read_numbers(c, root);
	get_str(c, root, "", "photo", 1, &app->photo);
	read_profile(c, root);
	read_contact(c, root);
	read_webhook(c, root);
	get_str(c, root, "", "language", 0, &app->language);
	closed_value(c, &app->language, "language", langs);
	const cJSON *t = get_array(c, root, "", "templates", 0);
	if (t) {
		app->templates_off = waba_json_offset(&app->doc, t);
		app->templates = get_str_array(c, t, "templates", &app->ntemplates);
	}
	const cJSON *a = get_obj(c, root, "", "answers", 0);
	if (a) {
		app->answers = cJSON_Duplicate(a, 1);
		app->answers_off = waba_json_offset(&app->doc, a);
	}
}

int waba_application_parse(struct waba_application **out, struct waba_source *src, struct waba_findings *fs)
{
	struct waba_application *app = waba_xcalloc(1, sizeof(*app));
	struct waba_json empty = WABA_JSON_INIT;
	app->doc = empty;
	struct ctx c = { app, fs };
	*out = app;
	app->src = src;
	waba_json_parse(&app->doc, src, fs);
	if (!app->doc.root)
		return 0;
	if (!cJSON_IsObject(app->doc.root)) {
		waba_findings_add(fs, &WABA_RULE_INPUT_APP_TYPE, waba_json_loc(&app->doc, app->doc.root),
		                  _("the application must be a JSON object, not %s"), type_name(app->doc.root));
		return 0;
	}
	app->readable = 1;
	read_root(&c, app->doc.root);
	return 0;
}

const char *waba_used_whatsapp_name(enum waba_used_whatsapp u)
{
	return used_values[u];
}

struct waba_loc waba_application_loc_at(const struct waba_application *app, size_t off)
{
	if (!app->src)
		return WABA_LOC_NONE;
	return waba_source_loc(app->src, off);
}

struct waba_loc waba_application_loc(const struct waba_application *app, const struct waba_app_str *f)
{
	if (!app->src)
		return WABA_LOC_NONE;
	if (f->node)
		return waba_json_loc(&app->doc, f->node);
	return waba_source_loc(app->src, f->off);
}

struct waba_loc waba_application_str_loc(const struct waba_application *app, const struct waba_app_str *f, size_t start,
                                         size_t end)
{
	if (!app->src)
		return WABA_LOC_NONE;
	if (f->node && cJSON_IsString(f->node))
		return waba_json_string_loc(&app->doc, f->node, start, end);
	return waba_application_loc(app, f);
}

/* ---- serializer ----------------------------------------------------------------------- */

static void put_str(cJSON *obj, const char *key, const struct waba_app_str *f)
{
	if (f->value)
		cJSON_AddStringToObject(obj, key, f->value);
}

static cJSON *str_array(const struct waba_app_str *v, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		if (v[i].value)
			cJSON_AddItemToArray(arr, cJSON_CreateString(v[i].value));
	return arr;
}

cJSON *waba_application_to_json(const struct waba_application *app)
{
	cJSON *root = cJSON_CreateObject();
	put_str(root, "business_id", &app->business_id);
	put_str(root, "legal_name", &app->legal_name);
	put_str(root, "display_name", &app->display_name);
	put_str(root, "website", &app->website);
	if (app->nnumbers) {
		cJSON *arr = cJSON_AddArrayToObject(root, "numbers");
		for (size_t i = 0; i < app->nnumbers; i++) {
			const struct waba_app_number *n = &app->numbers[i];
			cJSON *o = cJSON_CreateObject();
			put_str(o, "number", &n->number);
			put_str(o, "region", &n->region);
			cJSON_AddStringToObject(o, "used_whatsapp", waba_used_whatsapp_name(n->used));
			put_str(o, "purpose", &n->purpose);
			cJSON_AddItemToArray(arr, o);
		}
	}
	put_str(root, "photo", &app->photo);
	const struct waba_app_profile *p = &app->profile;
	if (p->present || p->about.value || p->address.value || p->description.value || p->vertical.value ||
	    p->email.value || p->nwebsites) {
		cJSON *o = cJSON_AddObjectToObject(root, "profile");
		put_str(o, "about", &p->about);
		put_str(o, "address", &p->address);
		put_str(o, "description", &p->description);
		put_str(o, "vertical", &p->vertical);
		put_str(o, "email", &p->email);
		if (p->has_websites || p->nwebsites)
			cJSON_AddItemToObject(o, "websites", str_array(p->websites, p->nwebsites));
	}
	const struct waba_app_contact *k = &app->contact;
	if (k->present || k->name.value || k->email.value || k->phone.value) {
		cJSON *o = cJSON_AddObjectToObject(root, "contact");
		put_str(o, "name", &k->name);
		put_str(o, "email", &k->email);
		put_str(o, "phone", &k->phone);
	}
	if (app->webhook.present || app->webhook.url.value) {
		cJSON *o = cJSON_AddObjectToObject(root, "webhook");
		put_str(o, "url", &app->webhook.url);
	}
	put_str(root, "language", &app->language);
	if (app->ntemplates)
		cJSON_AddItemToObject(root, "templates", str_array(app->templates, app->ntemplates));
	if (app->answers)
		cJSON_AddItemToObject(root, "answers", cJSON_Duplicate(app->answers, 1));
	return root;
}

static void str_release(struct waba_app_str *f)
{
	free(f->value);
	f->value = NULL;
}

void waba_application_free(struct waba_application *app)
{
	if (!app)
		return;
	str_release(&app->business_id);
	str_release(&app->legal_name);
	str_release(&app->display_name);
	str_release(&app->website);
	str_release(&app->photo);
	str_release(&app->language);
	for (size_t i = 0; i < app->nnumbers; i++) {
		str_release(&app->numbers[i].number);
		str_release(&app->numbers[i].region);
		str_release(&app->numbers[i].used_whatsapp);
		str_release(&app->numbers[i].purpose);
	}
	free(app->numbers);
	struct waba_app_profile *p = &app->profile;
	str_release(&p->about);
	str_release(&p->address);
	str_release(&p->description);
	str_release(&p->vertical);
	str_release(&p->email);
	for (size_t i = 0; i < p->nwebsites; i++)
		str_release(&p->websites[i]);
	free(p->websites);
	str_release(&app->contact.name);
	str_release(&app->contact.email);
	str_release(&app->contact.phone);
	str_release(&app->webhook.url);
	for (size_t i = 0; i < app->ntemplates; i++)
		str_release(&app->templates[i]);
	free(app->templates);
	cJSON_Delete(app->answers);
	waba_json_release(&app->doc);
	free(app);
}
