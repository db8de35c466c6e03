/*
 * template_json.c: Meta's message-template JSON (as the Graph API takes it, an array
 * of templates, or a Graph API list response {"data": [...]}) -> struct waba_template.
 * Wrong shapes are `template.structure` findings located at the offending value.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "template_priv.h"

#define SRC_COMP "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components"

const struct waba_rule WABA_RULE_TEMPLATE_STRUCTURE = {
	.id = "template.structure",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the template JSON does not have the shape Meta's Graph API takes"),
	.hint = N_(
	    "compare with the example in docs/rules.md: name, language, category, components[] with type HEADER, BODY, FOOTER or BUTTONS"),
	.source = SRC_COMP,
	.explain = N_("POST /{WABA_ID}/message_templates takes an object with string fields name, language and "
	              "category, and an array of components, each an object with a type (policy §2.6). A value of "
	              "the wrong JSON type, or an unknown component or button type, is refused by the API before "
	              "review (error code 100, invalid parameter); nothing inside such a value can be checked."),
	.meta_codes = "100",
	.example_bad = "{\"name\": \"order_update\", \"components\": {\"type\": \"BODY\"}}",
	.example_good = "{\"name\": \"order_update\", \"components\": [{\"type\": \"BODY\", \"text\": \"Order {{1}} shipped.\"}]}",
};

struct jctx {
	struct waba_template *tpl;
	struct waba_findings *fs;
};

static void shape(struct jctx *c, const cJSON *node, const char *fmt, ...) WABA_PRINTF(3, 4);
static void shape(struct jctx *c, const cJSON *node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	waba_findings_vadd(c->fs, &WABA_RULE_TEMPLATE_STRUCTURE, waba_template_node_loc(c->tpl, node), fmt, ap);
	va_end(ap);
}

static void set_text(struct waba_tpl_text *t, const cJSON *node)
{
	t->s = node->valuestring;
	t->len = strlen(node->valuestring);
	t->node = node;
}

/* Read obj[key] as a string into t; a non-string is a finding. Absent leaves t empty. */
static void get_string(struct jctx *c, const cJSON *obj, const char *key, struct waba_tpl_text *t)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return;
	if (!cJSON_IsString(v)) {
		shape(c, v, _("'%s' must be a string"), key);
		return;
	}
	set_text(t, v);
}

static const cJSON *get_array(struct jctx *c, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (v && !cJSON_IsArray(v)) {
		shape(c, v, _("'%s' must be an array"), key);
		return NULL;
	}
	return v;
}

/* Strings of array `arr` appended as samples; non-strings are findings. */
static void add_samples(struct jctx *c, struct waba_tpl_component *comp, const cJSON *arr, const char *key)
{
	const cJSON *v;
	cJSON_ArrayForEach(v, arr)
	{
		if (!cJSON_IsString(v)) {
			shape(c, v, _("the samples in '%s' must be strings"), key);
			comp->example_shape_ok = 0;
			continue;
		}
		comp->samples = waba_xrealloc(comp->samples, (comp->nsamples + 1) * sizeof(*comp->samples));
		memset(&comp->samples[comp->nsamples], 0, sizeof(*comp->samples));
		set_text(&comp->samples[comp->nsamples++], v);
	}
}

static void add_named(struct jctx *c, struct waba_tpl_component *comp, const cJSON *arr, const char *key)
{
	const cJSON *v;
	cJSON_ArrayForEach(v, arr)
	{
		if (!cJSON_IsObject(v)) {
			shape(c, v, _("each entry of '%s' must be an object {\"param_name\", \"example\"}"), key);
			comp->example_shape_ok = 0;
			continue;
		}
		comp->named = waba_xrealloc(comp->named, (comp->nnamed + 1) * sizeof(*comp->named));
		struct waba_tpl_named *n = &comp->named[comp->nnamed++];
		memset(n, 0, sizeof(*n));
		get_string(c, v, "param_name", &n->name);
		get_string(c, v, "example", &n->example);
	}
}

/* example.{prefix}_text (positional) and example.{prefix}_text_named_params. */
static void read_example(struct jctx *c, struct waba_tpl_component *comp, const cJSON *obj, int body)
{
	const cJSON *ex = cJSON_GetObjectItemCaseSensitive(obj, "example"), *pos, *named;
	const char *pos_key = body ? "body_text" : "header_text";
	const char *named_key = body ? "body_text_named_params" : "header_text_named_params";
	if (!ex)
		return;
	if (!cJSON_IsObject(ex)) {
		shape(c, ex, _("'%s' must be an object"), "example");
		return;
	}
	comp->has_example = 1;
	comp->example_shape_ok = 1;
	if ((pos = get_array(c, ex, pos_key)) != NULL) {
		/* body_text is an array holding one array of strings; header_text an array of strings */
		const cJSON *first = cJSON_GetArrayItem(pos, 0);
		if (body && cJSON_IsArray(first)) {
			add_samples(c, comp, first, pos_key);
		} else {
			if (body)
				comp->example_shape_ok = 0;
			add_samples(c, comp, pos, pos_key);
		}
	}
	if ((named = get_array(c, ex, named_key)) != NULL)
		add_named(c, comp, named, named_key);
	if (!body && cJSON_GetObjectItemCaseSensitive(ex, "header_handle"))
		comp->has_handle = 1;
}

/* Append button object b to *v (n entries). */
static void read_button(struct jctx *c, const cJSON *b, struct waba_tpl_button **v, size_t *n)
{
	if (!cJSON_IsObject(b)) {
		shape(c, b, _("each button must be an object with a '%s'"), "type");
		return;
	}
	*v = waba_xrealloc(*v, (*n + 1) * sizeof(**v));
	struct waba_tpl_button *bt = &(*v)[(*n)++];
	memset(bt, 0, sizeof(*bt));
	bt->node = b;
	get_string(c, b, "type", &bt->type);
	get_string(c, b, "text", &bt->text);
	get_string(c, b, "url", &bt->url);
	get_string(c, b, "phone_number", &bt->phone);
	get_string(c, b, "otp_type", &bt->otp_type);
	const cJSON *ex = cJSON_GetObjectItemCaseSensitive(b, "example");
	if (cJSON_IsArray(ex))
		ex = cJSON_GetArrayItem(ex, 0);
	if (cJSON_IsString(ex))
		set_text(&bt->example, ex);
	if (!bt->type.s)
		shape(c, b, _("a button has no '%s'"), "type");
}

static void read_buttons(struct jctx *c, const cJSON *comp, struct waba_tpl_button **v, size_t *n)
{
	const cJSON *arr = get_array(c, comp, "buttons"), *b;
	cJSON_ArrayForEach(b, arr) read_button(c, b, v, n);
}

/* The component types read here; any other goes to other_components. */
enum component_kind {
	COMPONENT_HEADER,
	COMPONENT_BODY,
	COMPONENT_FOOTER,
	COMPONENT_BUTTONS,
	COMPONENT_CAROUSEL,
	COMPONENT_LTO,
	COMPONENT_CALL_PERMISSION,
	COMPONENT_OTHER
};
static const char *const component_types[COMPONENT_OTHER] = {
	[COMPONENT_HEADER] = "HEADER",
	[COMPONENT_BODY] = "BODY",
	[COMPONENT_FOOTER] = "FOOTER",
	[COMPONENT_BUTTONS] = "BUTTONS",
	[COMPONENT_CAROUSEL] = "CAROUSEL",
	[COMPONENT_LTO] = "LIMITED_TIME_OFFER",
	[COMPONENT_CALL_PERMISSION] = "CALL_PERMISSION_REQUEST",
};

const char *waba_template_component_type(size_t i)
{
	return i < COMPONENT_OTHER ? component_types[i] : NULL;
}

static enum component_kind component_kind(const char *type)
{
	for (size_t i = 0; i < COMPONENT_OTHER; i++)
		if (strcasecmp(type, component_types[i]) == 0)
			return (enum component_kind)i;
	return COMPONENT_OTHER;
}

/* Fill slot (header, body or footer) from component object comp. */
static void read_slot(struct jctx *c, struct waba_tpl_component *slot, const cJSON *comp, int body, int footer)
{
	const cJSON *v;
	slot->node = comp;
	get_string(c, comp, "format", &slot->format);
	get_string(c, comp, "text", &slot->text);
	if (!footer)
		read_example(c, slot, comp, body);
	if ((v = cJSON_GetObjectItemCaseSensitive(comp, "add_security_recommendation")) && cJSON_IsTrue(v))
		slot->add_security_recommendation = 1;
	if ((v = cJSON_GetObjectItemCaseSensitive(comp, "code_expiration_minutes")) && cJSON_IsNumber(v))
		slot->code_expiration_minutes = (long)v->valuedouble;
}

/* A card of a carousel: {"components": [HEADER, BODY?, BUTTONS?]}. */
static void read_card(struct jctx *c, const cJSON *card)
{
	struct waba_template *t = c->tpl;
	if (!cJSON_IsObject(card)) {
		shape(c, card, "%s", _("each card of a carousel must be an object with a 'components' array"));
		return;
	}
	t->cards = waba_xrealloc(t->cards, (t->ncards + 1) * sizeof(*t->cards));
	struct waba_tpl_card *k = &t->cards[t->ncards++];
	memset(k, 0, sizeof(*k));
	k->node = card;
	k->header.code_expiration_minutes = k->body.code_expiration_minutes = -1;
	const cJSON *comps = get_array(c, card, "components"), *comp;
	if (!cJSON_GetObjectItemCaseSensitive(card, "components"))
		shape(c, card, _("the card has no '%s' array"), "components");
	cJSON_ArrayForEach(comp, comps)
	{
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(comp, "type");
		if (!cJSON_IsObject(comp) || !cJSON_IsString(type)) {
			shape(c, comp, _("each component must be an object with a string '%s'"), "type");
			continue;
		}
		switch (component_kind(type->valuestring)) {
		case COMPONENT_BUTTONS:
			if (k->buttons_present++ == 0) {
				k->buttons_node = comp;
				read_buttons(c, comp, &k->buttons, &k->nbuttons);
			}
			break;
		case COMPONENT_HEADER:
			if (k->header.present++ == 0)
				read_slot(c, &k->header, comp, 0, 0);
			break;
		case COMPONENT_BODY:
			if (k->body.present++ == 0)
				read_slot(c, &k->body, comp, 1, 0);
			break;
		default:
			if (!k->other)
				k->other = type; /* reported by template.carousel.card */
			break;
		}
	}
}

static void read_lto(struct jctx *c, const cJSON *comp)
{
	struct waba_tpl_lto *l = &c->tpl->lto;
	if (l->present++)
		return;
	l->node = comp;
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(comp, "limited_time_offer"), *v;
	if (!o)
		return; /* reported by template.lto.text */
	if (!cJSON_IsObject(o)) {
		shape(c, o, _("'%s' must be an object"), "limited_time_offer");
		return;
	}
	get_string(c, o, "text", &l->text);
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "has_expiration")) != NULL) {
		if (cJSON_IsBool(v))
			l->has_expiration = cJSON_IsTrue(v);
		else
			shape(c, v, _("'%s' must be true or false"), "has_expiration");
	}
}

static void read_component(struct jctx *c, const cJSON *comp)
{
	struct waba_template *t = c->tpl;
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(comp, "type");
	if (!cJSON_IsObject(comp) || !cJSON_IsString(type)) {
		shape(c, comp, _("each component must be an object with a string '%s'"), "type");
		return;
	}
	struct waba_tpl_component *slot = NULL;
	switch (component_kind(type->valuestring)) {
	case COMPONENT_BUTTONS:
		if (t->buttons_present++)
			return;
		t->buttons_node = comp;
		read_buttons(c, comp, &t->buttons, &t->nbuttons);
		return;
	case COMPONENT_CAROUSEL: {
		if (t->carousel_present++)
			return; /* the duplicate is reported by template.components.single */
		t->carousel_node = comp;
		const cJSON *cards = get_array(c, comp, "cards"), *card;
		cJSON_ArrayForEach(card, cards) read_card(c, card);
		return;
	}
	case COMPONENT_LTO:
		read_lto(c, comp);
		return;
	case COMPONENT_CALL_PERMISSION:
		if (!t->call_permission)
			t->call_permission = comp;
		return;
	case COMPONENT_OTHER:
		/* a kind Meta documents but not checked here, or an unknown one: template.kind.unchecked
		 * or template.structure, decided with the checklist (set template.component_types) */
		t->other_components = waba_xrealloc(t->other_components, (t->nother + 1) * sizeof(*t->other_components));
		t->other_components[t->nother++] = type;
		return;
	case COMPONENT_HEADER:
		slot = &t->header;
		break;
	case COMPONENT_BODY:
		slot = &t->body;
		break;
	case COMPONENT_FOOTER:
		slot = &t->footer;
		break;
	}
	if (slot->present++)
		return; /* the duplicate is reported by template.components.single */
	read_slot(c, slot, comp, slot == &t->body, slot == &t->footer);
}

static void read_template(struct waba_template_set *set, struct waba_source *src, const cJSON *obj,
                          struct waba_findings *fs)
{
	struct waba_template *t = waba_template_set_push(set, src);
	struct jctx c = { t, fs };
	t->doc = &set->doc;
	t->node = obj;
	t->offset = waba_json_offset(&set->doc, obj);
	if (!cJSON_IsObject(obj)) {
		shape(&c, obj, _("a template must be a JSON object, not %s"),
		      cJSON_IsArray(obj)    ? "an array"
		      : cJSON_IsString(obj) ? "a string"
		                            : "a scalar");
		return;
	}
	get_string(&c, obj, "name", &t->name);
	get_string(&c, obj, "language", &t->language);
	if (!t->language.s) {
		/* upsert_message_templates (AUTHENTICATION) takes "languages": [...] */
		const cJSON *langs = cJSON_GetObjectItemCaseSensitive(obj, "languages");
		const cJSON *first = cJSON_IsArray(langs) ? cJSON_GetArrayItem(langs, 0) : NULL;
		if (cJSON_IsString(first))
			set_text(&t->language, first);
	}
	get_string(&c, obj, "category", &t->category);
	get_string(&c, obj, "parameter_format", &t->parameter_format);
	get_string(&c, obj, "display_format", &t->display_format);
	const cJSON *comps = get_array(&c, obj, "components"), *comp;
	if (!cJSON_GetObjectItemCaseSensitive(obj, "components"))
		shape(&c, obj, _("the template has no '%s' array"), "components");
	cJSON_ArrayForEach(comp, comps) read_component(&c, comp);
}

int waba_template_parse_json(struct waba_template_set *out, struct waba_source *src, struct waba_findings *fs)
{
	const cJSON *root, *list, *it;
	waba_json_parse(&out->doc, src, fs);
	if (!(root = out->doc.root))
		return 0;
	list = root;
	if (cJSON_IsObject(root)) {
		const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
		if (cJSON_IsArray(data) && !cJSON_GetObjectItemCaseSensitive(root, "components"))
			list = data; /* a Graph API list response */
	}
	if (cJSON_IsArray(list)) {
		cJSON_ArrayForEach(it, list) read_template(out, src, it, fs);
	} else {
		read_template(out, src, list, fs);
	}
	return 0;
}

int waba_template_parse_json_range(struct waba_template_set *out, struct waba_source *src, size_t from, size_t to,
                                   struct waba_findings *fs)
{
	if (waba_json_parse_range(&out->doc, src, from, to) < 0)
		return -1;
	read_template(out, src, out->doc.root, fs);
	return 0;
}
