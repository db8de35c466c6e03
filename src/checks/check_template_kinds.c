/*
 * check_template_kinds.c: the `template.` rules of the template kinds beyond a plain
 * header/body/footer/buttons message: limited-time-offer templates, media-card
 * carousel templates, call-permission-request templates, and the kinds Meta documents
 * that are not checked yet (a note, never "unknown").
 *
 * The model is in include/waba/template.h (struct waba_tpl_card, struct waba_tpl_lto);
 * numbers and allowed values come from checklists/templates.xml (limits
 * template.lto.*, template.carousel.*; sets template.component_types,
 * template.carousel.card_header_formats, template.carousel.card_button_types,
 * template.lto.header_formats, and the `checked="no"` items of template.button_types
 * and template.header_formats).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/template.h"
#include "waba/text.h"
#include "../parse/template_priv.h"

#define SRC_LTO "https://developers.facebook.com/docs/whatsapp/limited-time-offer-templates"
#define SRC_CAROUSEL \
	"https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/media-card-carousel-templates"
#define SRC_CPR "https://developers.facebook.com/docs/whatsapp/call-permission-request-message-template"
#define SRC_COMP "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components"

static const struct waba_rule RULE_LTO_CATEGORY = {
	.id = "template.lto.category",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a limited-time-offer template must be MARKETING"),
	.hint = N_("set \"category\": \"MARKETING\", or remove the LIMITED_TIME_OFFER component"),
	.source = SRC_LTO,
	.explain = N_("Meta's limited-time-offer page: only templates categorized as MARKETING are supported "
	              "(section Limitations; read through the English mirror of Meta's developer documentation, "
	              "confidence M). The API refuses the component in another category (invalid parameter)."),
	.meta_codes = "100",
	.example_bad = "category UTILITY with {\"type\": \"LIMITED_TIME_OFFER\", ...}",
	.example_good = "category MARKETING with {\"type\": \"LIMITED_TIME_OFFER\", ...}",
};
static const struct waba_rule RULE_LTO_FOOTER = {
	.id = "template.lto.footer",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a limited-time-offer template cannot have a footer"),
	.hint = N_("remove the FOOTER component; the offer's expiration shows in its place"),
	.source = SRC_LTO,
	.explain = N_("Meta's limited-time-offer page, Limitations: footer components are not supported (confidence M)."),
	.meta_codes = "100",
	.example_bad = "LIMITED_TIME_OFFER with {\"type\": \"FOOTER\", \"text\": \"Válido até domingo\"}",
	.example_good = "LIMITED_TIME_OFFER without a FOOTER",
};
static const struct waba_rule RULE_LTO_TEXT = {
	.id = "template.lto.text",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the offer text of a limited-time offer is missing or longer than 16 characters"),
	.hint = N_("write a short offer text, e.g. \"Oferta relâmpago\" or \"¡Solo hoy!\" (16 characters at most)"),
	.source = SRC_LTO,
	.explain = N_("The component is {\"type\": \"LIMITED_TIME_OFFER\", \"limited_time_offer\": {\"text\": ..., "
	              "\"has_expiration\": true|false}}; the text is required and holds at most 16 characters "
	              "(limit template.lto.text.max_length); has_expiration is optional and shows the expiration "
	              "timer, whose time is given when the message is sent (confidence M). Over-long fields fail "
	              "with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "\"limited_time_offer\": {\"text\": \"Oferta imperdível de inverno\"}",
	.example_good = "\"limited_time_offer\": {\"text\": \"Oferta relâmpago\", \"has_expiration\": true}",
};
static const struct waba_rule RULE_LTO_HEADER = {
	.id = "template.lto.header",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the header of a limited-time-offer template must be an IMAGE or a VIDEO"),
	.hint = N_("use an IMAGE or VIDEO header with a sample handle, or no header"),
	.source = SRC_LTO,
	.explain = N_("Meta's limited-time-offer page: the header is optional and its format can be IMAGE or VIDEO "
	              "(set template.lto.header_formats; confidence M). Header errors are sub-code 2388047."),
	.meta_codes = "2388047",
	.example_bad = "{\"type\": \"HEADER\", \"format\": \"TEXT\", \"text\": \"Oferta\"}",
	.example_good = "{\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::aW...\"]}}",
};
static const struct waba_rule RULE_LTO_BODY = {
	.id = "template.lto.body.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the body of a limited-time-offer template is longer than 600 characters"),
	.hint = N_("shorten the body to 600 characters"),
	.source = SRC_LTO,
	.explain = N_("Meta's limited-time-offer page gives the body a maximum of 600 characters, less than the 1024 "
	              "of other templates (limit template.lto.body.max_length; confidence M). Over-long fields fail "
	              "with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "a limited-time offer whose body has 700 characters",
	.example_good = "Olá {{1}}! Use o código {{2}} e ganhe 25% em todos os pacotes para o Caribe.",
};
static const struct waba_rule RULE_LTO_BUTTONS = {
	.id = "template.lto.buttons",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a limited-time-offer template needs a URL button and a copy-code button"),
	.hint = N_("add {\"type\": \"COPY_CODE\", \"example\": \"CODE25\"} and a URL button"),
	.source = SRC_LTO,
	.explain = N_("Meta's limited-time-offer page marks the offer-code example (a COPY_CODE button, code of at most "
	              "15 characters) and the URL button (label, url) as required; the offer code itself is given when "
	              "the message is sent (confidence M)."),
	.meta_codes = "100",
	.example_bad = "a limited-time offer with one QUICK_REPLY button",
	.example_good = "[{\"type\": \"COPY_CODE\", \"example\": \"CARIBE25\"}, {\"type\": \"URL\", \"text\": \"Book now!\", ...}]",
};
static const struct waba_rule RULE_CAROUSEL_CATEGORY = {
	.id = "template.carousel.category",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a carousel template must be MARKETING"),
	.hint = N_("set \"category\": \"MARKETING\""),
	.source = SRC_CAROUSEL,
	.explain = N_("Meta's media-card carousel page: carousel cards are only available for marketing template "
	              "messages (confidence M, English and Portuguese copies of the page agree)."),
	.meta_codes = "100",
	.example_bad = "category UTILITY with a CAROUSEL component",
	.example_good = "category MARKETING with a CAROUSEL component",
};
static const struct waba_rule RULE_CAROUSEL_CARDS = {
	.id = "template.carousel.cards",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a carousel template has 2 to 10 cards"),
	.hint = N_("define between 2 and 10 cards; the template always sends exactly that many"),
	.source = SRC_CAROUSEL,
	.explain = N_("The exact number of cards, at least 2 and at most 10, is fixed when the template is created; an "
	              "approved template sends that number of cards only (limits template.carousel.cards.min and "
	              ".max; confidence M)."),
	.meta_codes = "100",
	.example_bad = "\"cards\": [ one card ]",
	.example_good = "\"cards\": [ three cards ]",
};
static const struct waba_rule RULE_CAROUSEL_MESSAGE = {
	.id = "template.carousel.message_components",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a carousel template is a body and the cards: the header, footer or buttons belong in the cards"),
	.hint = N_("remove the template-level HEADER, FOOTER or BUTTONS; give each card its header and buttons"),
	.source = SRC_CAROUSEL,
	.explain = N_("Meta's request syntax for carousel templates has exactly two components, the message BODY (at most "
	              "1024 characters) and the CAROUSEL; header and buttons are per card. Meta's page does not say in "
	              "so many words that a template-level header, footer or buttons are refused (360dialog's "
	              "carousel page does, for carousel messages), so this is a warning."),
	.example_bad = "BODY + FOOTER + CAROUSEL",
	.example_good = "BODY + CAROUSEL",
};
static const struct waba_rule RULE_CARD_HEADER = {
	.id = "template.carousel.card.header",
	.severity = WABA_SEV_ERROR,
	.summary = N_("each carousel card needs an IMAGE or VIDEO header with a sample"),
	.hint = N_(
	    "give every card {\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::...\"]}}"),
	.source = SRC_CAROUSEL,
	.explain = N_("Each card has an image or video header asset: format image or video, and the uploaded asset's "
	              "handle in example.header_handle is required (set template.carousel.card_header_formats; "
	              "confidence M). Cards with a PRODUCT header are product-card carousels, a kind not checked yet."),
	.meta_codes = "2388047",
	.example_bad = "a card with {\"type\": \"HEADER\", \"format\": \"TEXT\", \"text\": \"Tênis\"}",
	.example_good = "a card with {\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::an...\"]}}",
};
static const struct waba_rule RULE_CARD_BODY = {
	.id = "template.carousel.card.body",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a carousel card's body is empty or longer than 160 characters"),
	.hint = N_("keep each card's text to 160 characters; put the rest in the message body"),
	.source = SRC_CAROUSEL,
	.explain = N_("A card may have a body text; Meta's page counts card variables against \"the card body text limit "
	              "of 160 characters\" (limit template.carousel.card.body.max_length; confidence M)."),
	.meta_codes = "2388040",
	.example_bad = "a card body of 200 characters",
	.example_good = "Tênis de corrida leve, do 34 ao 44.",
};
static const struct waba_rule RULE_CARD_BUTTONS = {
	.id = "template.carousel.card.buttons",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a carousel card takes at most two buttons, of the types quick reply, URL and phone number"),
	.hint = N_("keep one or two buttons per card: QUICK_REPLY, URL or PHONE_NUMBER"),
	.source = SRC_CAROUSEL,
	.explain = N_("Each card can include up to two buttons, a mix of quick-reply, phone-number and URL buttons "
	              "(limit template.carousel.card.max_buttons, set template.carousel.card_button_types; "
	              "confidence M). Labels, URLs and numbers follow the same limits as other buttons."),
	.meta_codes = "100",
	.example_bad = "a card with three buttons, or with a COPY_CODE button",
	.example_good = "a card with a QUICK_REPLY and a URL button",
};
static const struct waba_rule RULE_CARD_COMPONENTS = {
	.id = "template.carousel.card.components",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a carousel card takes only a HEADER, a BODY and BUTTONS, each once"),
	.hint = N_("remove the other components from the card"),
	.source = SRC_CAROUSEL,
	.explain = N_("Each card has a media header and, optionally, a body and buttons; nothing else (confidence M)."),
	.meta_codes = "100",
	.example_bad = "a card with a FOOTER",
	.example_good = "a card with HEADER, BODY and BUTTONS",
};
static const struct waba_rule RULE_CARD_SAME = {
	.id = "template.carousel.card.same",
	.severity = WABA_SEV_ERROR,
	.summary = N_("every card of a carousel must have the same components"),
	.hint = N_("give all cards the same header format, a body in all or none, and the same buttons in the same order"),
	.source = SRC_CAROUSEL,
	.explain = N_("Meta: all cards defined on a template must have the same components, and if any card has a "
	              "body text, all cards must have one (to keep card heights consistent). Compared here: the "
	              "header format, whether there is a body, and the types and order of the buttons (confidence M)."),
	.meta_codes = "100",
	.example_bad = "card 1: QUICK_REPLY + URL; card 2: URL only",
	.example_good = "every card: QUICK_REPLY + URL",
};
static const struct waba_rule RULE_CPR_CATEGORY = {
	.id = "template.call_permission.category",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a call-permission-request template must be MARKETING or UTILITY"),
	.hint = N_("set \"category\" to UTILITY or MARKETING"),
	.source = SRC_CPR,
	.explain = N_("Meta's call-permission-request template page: the component {\"type\": "
	              "\"call_permission_request\"} goes with a BODY, and the category is Marketing or Utility "
	              "(confidence M)."),
	.meta_codes = "100",
	.example_bad = "AUTHENTICATION with a CALL_PERMISSION_REQUEST component",
	.example_good = "UTILITY: BODY \"Podemos ligar para falar do seu pedido?\" + CALL_PERMISSION_REQUEST",
};
static const struct waba_rule RULE_UNCHECKED = {
	.id = "template.kind.unchecked",
	.severity = WABA_SEV_NOTE,
	.summary = N_("a template kind Meta documents that waba-preflight does not check yet"),
	.hint = N_("compare this part with Meta's page named in the message; the rest of the template was checked"),
	.source = SRC_COMP,
	.explain = N_("Meta's template reference has more kinds than are modelled here: catalog, multi-product (MPM) and "
	              "single-product (SPM) buttons, product-card carousels (PRODUCT headers), WhatsApp Flows buttons, "
	              "voice-call buttons and order-details (Pix, payment link) templates. They are accepted as what they "
	              "are, with a note that their own limits were not checked: never rejected as unknown. The list "
	              "is data: the items with checked=\"no\" of the sets template.component_types, "
	              "template.button_types and template.header_formats."),
	.example_bad = "{\"type\": \"CATALOG\", \"text\": \"Ver catálogo\"}",
	.example_good = "{\"type\": \"URL\", \"text\": \"Ver catálogo\", \"url\": \"https://loja.example.com.br\"}",
};

const struct waba_rule *const waba_rules_template_kinds[] = {
	&RULE_LTO_CATEGORY,
	&RULE_LTO_FOOTER,
	&RULE_LTO_TEXT,
	&RULE_LTO_HEADER,
	&RULE_LTO_BODY,
	&RULE_LTO_BUTTONS,
	&RULE_CAROUSEL_CATEGORY,
	&RULE_CAROUSEL_CARDS,
	&RULE_CAROUSEL_MESSAGE,
	&RULE_CARD_HEADER,
	&RULE_CARD_BODY,
	&RULE_CARD_BUTTONS,
	&RULE_CARD_COMPONENTS,
	&RULE_CARD_SAME,
	&RULE_CPR_CATEGORY,
	&RULE_UNCHECKED,
	NULL,
};

struct kctx {
	const struct waba_template *tpl;
	const struct waba_checklist *cl;
	struct waba_findings *fs;
};

static long limit(const struct kctx *c, const char *id)
{
	return waba_checklist_limit(c->cl, id);
}

static struct waba_loc node_loc(const struct kctx *c, const cJSON *node)
{
	return waba_template_node_loc(c->tpl, node);
}

static int is_category(const struct waba_template *t, const char *cat)
{
	return waba_tpl_text_eq(&t->category, cat, 1);
}

/* The set item for text t (case-insensitive), or NULL. */
static const struct waba_set_item *find_item(const struct kctx *c, const char *set, const struct waba_tpl_text *t)
{
	if (!t->s)
		return NULL;
	char *v = waba_xstrndup(t->s, t->len);
	const struct waba_set_item *it = waba_set_find_nocase(waba_checklist_set(c->cl, set), v);
	free(v);
	return it;
}

/* The values of set `id` for a translated "%s or %s" (waba_set_values_or): all but the last
 * into head; returns the last ("" when none). */
static const char *set_values(const struct kctx *c, const char *id, struct waba_strbuf *head)
{
	const char *last;
	waba_set_values_or(waba_checklist_set(c->cl, id), NULL, head, &last);
	return last ? last : "";
}

static int unchecked(const struct waba_set_item *it)
{
	const char *v = it ? waba_set_item_attr(it, "checked") : NULL;
	return v && strcmp(v, "no") == 0;
}

enum part { PART_COMPONENT, PART_BUTTON, PART_HEADER, PART_DISPLAY };

/* A note for an item of a kind not checked yet, with Meta's page for it. */
static void note_unchecked(struct kctx *c, const struct waba_tpl_text *t, const struct waba_set_item *it, enum part p)
{
	const char *doc = waba_set_item_attr(it, "doc");
	struct waba_loc loc = waba_template_loc(c->tpl, t, 0, t->len);
	int n = (int)t->len;
	if (!doc)
		doc = RULE_UNCHECKED.source;
	switch (p) {
	case PART_COMPONENT:
		waba_findings_add(c->fs, &RULE_UNCHECKED, loc,
		                  _("the component type '%.*s' is not checked yet: see %s"), n, t->s, doc);
		break;
	case PART_BUTTON:
		waba_findings_add(c->fs, &RULE_UNCHECKED, loc, _("the button type '%.*s' is not checked yet: see %s"),
		                  n, t->s, doc);
		break;
	case PART_HEADER:
		waba_findings_add(c->fs, &RULE_UNCHECKED, loc, _("the header format '%.*s' is not checked yet: see %s"),
		                  n, t->s, doc);
		break;
	case PART_DISPLAY:
		waba_findings_add(c->fs, &RULE_UNCHECKED, loc,
		                  _("the display format '%.*s' is not checked yet: see %s"), n, t->s, doc);
		break;
	}
}

/* A component type neither read nor documented: the message lists the types read (the
 * parser's table, waba_template_component_type). */
static void report_unknown_component(struct kctx *c, const cJSON *type)
{
	struct waba_strbuf head = WABA_STRBUF_INIT;
	const char *last = NULL, *v;
	for (size_t i = 0; (v = waba_template_component_type(i)) != NULL; i++)
		waba_strbuf_add_or_item(&head, &last, v);
	/* TRANSLATORS: "(%s or %s)": the component types, "HEADER, BODY, FOOTER, ..." and the last one */
	waba_findings_add(c->fs, &WABA_RULE_TEMPLATE_STRUCTURE, node_loc(c, type),
	                  _("unknown component type '%s' (%s or %s)"), type->valuestring, waba_strbuf_cstr(&head),
	                  last ? last : "");
	waba_strbuf_release(&head);
}

/* Components of types other than HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER,
 * CALL_PERMISSION_REQUEST: documented (a note) or unknown (template.structure). */
static void check_other_components(struct kctx *c)
{
	const struct waba_template *t = c->tpl;
	for (size_t i = 0; i < t->nother; i++) {
		const cJSON *type = t->other_components[i];
		struct waba_tpl_text x = { type->valuestring, strlen(type->valuestring), type, 0 };
		const struct waba_set_item *it = find_item(c, "template.component_types", &x);
		if (it && unchecked(it))
			note_unchecked(c, &x, it, PART_COMPONENT);
		else
			report_unknown_component(c, type);
	}
}

/* Buttons and header formats of kinds not checked yet. */
static void check_unchecked_parts(struct kctx *c, const struct waba_tpl_button *b, size_t n,
                                  const struct waba_tpl_component *header)
{
	for (size_t i = 0; i < n; i++) {
		const struct waba_set_item *it = find_item(c, "template.button_types", &b[i].type);
		if (unchecked(it))
			note_unchecked(c, &b[i].type, it, PART_BUTTON);
	}
	if (header && header->present) {
		const struct waba_set_item *it = find_item(c, "template.header_formats", &header->format);
		if (unchecked(it))
			note_unchecked(c, &header->format, it, PART_HEADER);
	}
}

/* ------------------------------------------------------ limited-time offer */

static size_t count_type(const struct waba_tpl_button *b, size_t n, const char *type)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += waba_tpl_text_eq(&b[i].type, type, 1);
	return k;
}

static void check_lto(struct kctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_tpl_lto *l = &t->lto;
	if (!l->present)
		return;
	if (l->present > 1)
		waba_findings_add(c->fs, &RULE_LTO_TEXT, node_loc(c, t->node),
		                  _("the template has %d LIMITED_TIME_OFFER components; at most one is allowed"),
		                  l->present);
	if (t->category.s && !is_category(t, "MARKETING"))
		waba_findings_add(c->fs, &RULE_LTO_CATEGORY, waba_template_text_loc(t, &t->category),
		                  _("a limited-time-offer template is MARKETING, not '%.*s'"), (int)t->category.len,
		                  t->category.s);
	if (t->footer.present)
		waba_findings_add(c->fs, &RULE_LTO_FOOTER, node_loc(c, t->footer.node), "%s",
		                  _("a limited-time-offer template cannot have a FOOTER component"));
	long max = limit(c, "template.lto.text.max_length");
	if (!l->text.s) {
		waba_findings_add(c->fs, &RULE_LTO_TEXT, node_loc(c, l->node), "%s",
		                  _("the LIMITED_TIME_OFFER component has no limited_time_offer.text"));
	} else {
		size_t len = waba_utf8_length(l->text.s, l->text.len);
		if (len == 0 || (long)len > max)
			waba_findings_add(c->fs, &RULE_LTO_TEXT, waba_template_loc(t, &l->text, 0, l->text.len),
			                  _("the offer text has %zu characters; 1 to %ld are allowed"), len, max);
	}
	if (t->header.present) {
		const struct waba_tpl_text *f = &t->header.format;
		if (!find_item(c, "template.lto.header_formats", f)) {
			struct waba_strbuf head = WABA_STRBUF_INIT;
			const char *last = set_values(c, "template.lto.header_formats", &head);
			/* TRANSLATORS: "is A or B": the formats of template.lto.header_formats */
			if (f->s)
				waba_findings_add(c->fs, &RULE_LTO_HEADER, waba_template_loc(t, f, 0, f->len),
				                  _("a limited-time-offer header is %s or %s, not '%.*s'"),
				                  waba_strbuf_cstr(&head), last, (int)f->len, f->s);
			else
				waba_findings_add(c->fs, &RULE_LTO_HEADER, node_loc(c, t->header.node),
				                  _("a limited-time-offer header is %s or %s, not TEXT"),
				                  waba_strbuf_cstr(&head), last);
			waba_strbuf_release(&head);
		}
	}
	const struct waba_tpl_text *b = &t->body.text;
	long bmax = limit(c, "template.lto.body.max_length");
	if (b->s && (long)waba_utf8_length(b->s, b->len) > bmax)
		waba_findings_add(c->fs, &RULE_LTO_BODY, waba_template_loc(t, b, 0, b->len),
		                  _("the body has %zu characters; a limited-time offer allows %ld"),
		                  waba_utf8_length(b->s, b->len), bmax);
	const cJSON *where = t->buttons_node ? t->buttons_node : l->node;
	if (!count_type(t->buttons, t->nbuttons, "COPY_CODE"))
		waba_findings_add(c->fs, &RULE_LTO_BUTTONS, node_loc(c, where), "%s",
		                  _("a limited-time-offer template needs a COPY_CODE button with a sample offer code"));
	if (!count_type(t->buttons, t->nbuttons, "URL"))
		waba_findings_add(c->fs, &RULE_LTO_BUTTONS, node_loc(c, where), "%s",
		                  _("a limited-time-offer template needs a URL button"));
}

/* ------------------------------------------------------------- carousel */

/* The shape of a card, to compare cards: header format, body or not, button types in order. */
static void card_shape(const struct waba_tpl_card *k, struct waba_strbuf *out)
{
	waba_strbuf_reset(out);
	if (k->header.present && k->header.format.s)
		for (size_t i = 0; i < k->header.format.len; i++)
			waba_strbuf_addc(out, (char)((k->header.format.s[i] >= 'a' && k->header.format.s[i] <= 'z')
			                                 ? k->header.format.s[i] - 32
			                                 : k->header.format.s[i]));
	else
		waba_strbuf_adds(out, k->header.present ? "TEXT" : "-");
	waba_strbuf_adds(out, k->body.present ? " + BODY" : "");
	for (size_t i = 0; i < k->nbuttons; i++) {
		const struct waba_tpl_text *ty = &k->buttons[i].type;
		waba_strbuf_adds(out, " + ");
		for (size_t j = 0; ty->s && j < ty->len; j++)
			waba_strbuf_addc(out, (char)((ty->s[j] >= 'a' && ty->s[j] <= 'z') ? ty->s[j] - 32 : ty->s[j]));
	}
}

static void check_card(struct kctx *c, const struct waba_tpl_card *k, size_t idx, int product)
{
	const struct waba_template *t = c->tpl;
	size_t no = idx + 1;
	if (k->other)
		waba_findings_add(c->fs, &RULE_CARD_COMPONENTS, node_loc(c, k->other),
		                  _("card %zu has a '%s' component; a card takes HEADER, BODY and BUTTONS"), no,
		                  k->other->valuestring);
	if (k->header.present > 1 || k->body.present > 1 || k->buttons_present > 1)
		waba_findings_add(c->fs, &RULE_CARD_COMPONENTS, node_loc(c, k->node),
		                  _("card %zu repeats a component; a card has one HEADER, one BODY and one BUTTONS"), no);
	if (!k->header.present) {
		waba_findings_add(c->fs, &RULE_CARD_HEADER, node_loc(c, k->node), _("card %zu has no HEADER"), no);
	} else if (!product) {
		const struct waba_tpl_text *f = &k->header.format;
		if (!find_item(c, "template.carousel.card_header_formats", f)) {
			struct waba_strbuf head = WABA_STRBUF_INIT;
			const char *last = set_values(c, "template.carousel.card_header_formats", &head);
			/* TRANSLATORS: "A or B": the formats of template.carousel.card_header_formats */
			if (f->s)
				waba_findings_add(c->fs, &RULE_CARD_HEADER, waba_template_loc(t, f, 0, f->len),
				                  _("card %zu has a '%.*s' header; cards take %s or %s"), no,
				                  (int)f->len, f->s, waba_strbuf_cstr(&head), last);
			else
				waba_findings_add(c->fs, &RULE_CARD_HEADER, node_loc(c, k->header.node),
				                  _("card %zu's header has no 'format' (%s or %s)"), no,
				                  waba_strbuf_cstr(&head), last);
			waba_strbuf_release(&head);
		} else if (!k->header.has_handle && !t->is_txt) {
			waba_findings_add(c->fs, &RULE_CARD_HEADER, node_loc(c, k->header.node),
			                  _("card %zu's header has no sample in example.header_handle"), no);
		}
	}
	if (k->body.present) {
		const struct waba_tpl_text *b = &k->body.text;
		long max = limit(c, "template.carousel.card.body.max_length");
		size_t len = b->s ? waba_utf8_length(b->s, b->len) : 0;
		if (len == 0 || (long)len > max)
			waba_findings_add(c->fs, &RULE_CARD_BODY,
			                  b->s ? waba_template_loc(t, b, 0, b->len) : node_loc(c, k->body.node),
			                  _("card %zu's body has %zu characters; 1 to %ld are allowed"), no, len, max);
	}
	long maxb = limit(c, "template.carousel.card.max_buttons");
	if ((long)k->nbuttons > maxb)
		waba_findings_add(c->fs, &RULE_CARD_BUTTONS, node_loc(c, k->buttons_node),
		                  _("card %zu has %zu buttons; at most %ld"), no, k->nbuttons, maxb);
	for (size_t i = 0; i < k->nbuttons && !product; i++) {
		const struct waba_tpl_text *ty = &k->buttons[i].type;
		if (ty->s && !find_item(c, "template.carousel.card_button_types", ty)) {
			struct waba_strbuf head = WABA_STRBUF_INIT;
			const char *last = set_values(c, "template.carousel.card_button_types", &head);
			/* TRANSLATORS: "A, B and C": the types of template.carousel.card_button_types, all but the
			   last and the last */
			waba_findings_add(c->fs, &RULE_CARD_BUTTONS, waba_template_loc(t, ty, 0, ty->len),
			                  _("card %zu has a '%.*s' button; cards take %s and %s"), no, (int)ty->len,
			                  ty->s, waba_strbuf_cstr(&head), last);
			waba_strbuf_release(&head);
		}
	}
}

static void check_carousel(struct kctx *c)
{
	const struct waba_template *t = c->tpl;
	if (!t->carousel_present)
		return;
	if (t->carousel_present > 1)
		waba_findings_add(c->fs, &RULE_CARD_COMPONENTS, node_loc(c, t->node),
		                  _("the template has %d CAROUSEL components; at most one is allowed"),
		                  t->carousel_present);
	if (t->category.s && !is_category(t, "MARKETING"))
		waba_findings_add(c->fs, &RULE_CAROUSEL_CATEGORY, waba_template_text_loc(t, &t->category),
		                  _("a carousel template is MARKETING, not '%.*s'"), (int)t->category.len, t->category.s);
	long lo = limit(c, "template.carousel.cards.min"), hi = limit(c, "template.carousel.cards.max");
	if ((long)t->ncards < lo || (long)t->ncards > hi)
		waba_findings_add(c->fs, &RULE_CAROUSEL_CARDS, node_loc(c, t->carousel_node),
		                  waba_ngettext("the carousel has %zu card; %ld to %ld are allowed",
		                                "the carousel has %zu cards; %ld to %ld are allowed", t->ncards),
		                  t->ncards, lo, hi);
	const cJSON *extra = t->header.present    ? t->header.node
	                     : t->footer.present  ? t->footer.node
	                     : t->buttons_present ? t->buttons_node
	                                          : NULL;
	if (extra)
		waba_findings_add(
		    c->fs, &RULE_CAROUSEL_MESSAGE, node_loc(c, extra), "%s",
		    _("a carousel template has a message BODY and the CAROUSEL; headers and buttons go in the cards"));
	/* a product-card carousel (PRODUCT headers) is a kind not checked yet */
	int product = 0;
	for (size_t i = 0; i < t->ncards; i++)
		product |= t->cards[i].header.present && waba_tpl_text_eq(&t->cards[i].header.format, "PRODUCT", 1);
	struct waba_strbuf first = WABA_STRBUF_INIT, cur = WABA_STRBUF_INIT;
	for (size_t i = 0; i < t->ncards; i++) {
		const struct waba_tpl_card *k = &t->cards[i];
		check_card(c, k, i, product);
		waba_check_template_card_buttons(t, k->buttons, k->nbuttons, c->cl, c->fs);
		check_unchecked_parts(c, k->buttons, k->nbuttons, product && i == 0 ? &k->header : NULL);
		card_shape(k, i == 0 ? &first : &cur);
		if (i > 0 && strcmp(waba_strbuf_cstr(&first), waba_strbuf_cstr(&cur)) != 0)
			waba_findings_add(c->fs, &RULE_CARD_SAME, node_loc(c, k->node),
			                  _("card %zu is %s but card 1 is %s; all cards must have the same components"),
			                  i + 1, waba_strbuf_cstr(&cur), waba_strbuf_cstr(&first));
	}
	waba_strbuf_release(&first);
	waba_strbuf_release(&cur);
}

int waba_check_template_kinds(const struct waba_template *tpl, const struct waba_checklist *cl, struct waba_findings *fs)
{
	struct kctx c = { tpl, cl, fs };
	if (tpl->node && !cJSON_IsObject(tpl->node))
		return 0;
	check_other_components(&c);
	check_lto(&c);
	check_carousel(&c);
	if (tpl->call_permission && tpl->category.s && !is_category(tpl, "MARKETING") && !is_category(tpl, "UTILITY"))
		waba_findings_add(fs, &RULE_CPR_CATEGORY, waba_template_text_loc(tpl, &tpl->category),
		                  _("a call-permission-request template is MARKETING or UTILITY, not '%.*s'"),
		                  (int)tpl->category.len, tpl->category.s);
	check_unchecked_parts(&c, tpl->buttons, tpl->nbuttons, tpl->carousel_present ? NULL : &tpl->header);
	if (tpl->display_format.s) {
		const struct waba_set_item *it = find_item(&c, "template.display_formats", &tpl->display_format);
		if (unchecked(it))
			note_unchecked(&c, &tpl->display_format, it, PART_DISPLAY);
	}
	return 0;
}
