/*
 * check_template_buttons.c: the `template.buttons.` rules (count and types, quick-reply
 * grouping, labels, URL, phone-number, copy-code and OTP buttons). The other structural
 * rules are in check_template.c; the button types and limits come from
 * checklists/templates.xml.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "check_template_priv.h"

#define SRC_COMP "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components"

const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_COUNT = {
	.id = "template.buttons.count",
	.severity = WABA_SEV_ERROR,
	.summary = N_("too many buttons, or too many of one type"),
	.hint = N_("at most 10 buttons: 10 quick replies, 2 URL, 1 phone number, 1 copy code"),
	.source = SRC_COMP,
	.explain = N_("Meta allows 10 buttons in all, of which at most 10 quick replies, 2 URL buttons, 1 phone-number "
	              "button and 1 copy-code button (policy §2.2; limits in checklists/templates.xml, set "
	              "template.button_types)."),
	.meta_codes = "100",
	.example_bad = "three URL buttons",
	.example_good = "two URL buttons and one phone-number button",
};
const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_TYPE = {
	.id = "template.buttons.type",
	.severity = WABA_SEV_ERROR,
	.summary = N_("unknown button type"),
	.hint = N_("use QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE or OTP"),
	.source = SRC_COMP,
	.explain = N_("Buttons are of the types Meta's components page lists (policy §2.2: QUICK_REPLY, URL, "
	              "PHONE_NUMBER, COPY_CODE, OTP and the FLOW/CATALOG/MPM/VOICE_CALL kinds)."),
	.meta_codes = "100",
	.example_bad = "{\"type\": \"LINK\", \"text\": \"Track\"}",
	.example_good = "{\"type\": \"URL\", \"text\": \"Track\", \"url\": \"https://example.com/t\"}",
};
const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_GROUPING = {
	.id = "template.buttons.grouping",
	.severity = WABA_SEV_ERROR,
	.summary = N_("quick replies must be grouped before or after the other buttons"),
	.hint = N_("reorder the buttons: all quick replies first, or all last"),
	.source = SRC_COMP,
	.explain = N_("Meta's components page: quick-reply buttons form one group before or after all other buttons "
	              "(QR,QR,URL is valid; QR,URL,QR is not) (policy §2.2)."),
	.meta_codes = "100",
	.example_bad = "QUICK_REPLY, URL, QUICK_REPLY",
	.example_good = "QUICK_REPLY, QUICK_REPLY, URL",
};
const struct waba_rule WABA_RULE_TEMPLATE_BUTTON_TEXT = {
	.id = "template.buttons.text.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a button label is empty or longer than 25 characters"),
	.hint = N_("write a label of 1 to 25 characters"),
	.source = SRC_COMP,
	.explain = N_("Button labels have 1 to 25 characters (policy §2.2, limit template.buttons.text.max_length); "
	              "longer fields fail with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "Click here to track your order now",
	.example_good = "Track order",
};
const struct waba_rule WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT = {
	.id = "template.buttons.text.format",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a button label should be plain text: no variables, emoji, line breaks or formatting"),
	.hint = N_("write the label as plain words"),
	.source = SRC_COMP,
	.explain = N_("Meta's parameter tables say labels are alphanumeric while its own examples contain spaces; "
	              "open-source validators (glific) refuse variables, emoji, newlines and * _ ~ in labels (policy "
	              "§2.2, confidence B), hence a warning."),
	.example_bad = "Track {{1}} 🚚",
	.example_good = "Track order",
};
const struct waba_rule WABA_RULE_TEMPLATE_URL_BUTTON = {
	.id = "template.buttons.url",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a URL button's address is missing, not http(s), too long, or has a misplaced variable"),
	.hint = N_("use a full https:// address of at most 2000 characters, with at most one {{1}} at its very end"),
	.source = SRC_COMP,
	.explain = N_("A URL button's url has at most 2000 characters and at most one variable, placed at the end "
	              "(https://example.com/track?id={{1}}), and when it has one an example is required (policy §2.2). "
	              "The address must be http(s) with a host."),
	.meta_codes = "100",
	.example_bad = "{\"type\": \"URL\", \"text\": \"Track\", \"url\": \"example.com/{{1}}/status\"}",
	.example_good = "{\"type\": \"URL\", \"text\": \"Track\", \"url\": \"https://example.com/t/{{1}}\", \"example\": [\"https://example.com/t/566701\"]}",
};
const struct waba_rule WABA_RULE_TEMPLATE_PHONE_BUTTON = {
	.id = "template.buttons.phone",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a phone-number button's number is missing, too long or not a number"),
	.hint = N_("write the number with its country code, digits only, at most 20 characters (e.g. +5511987654321)"),
	.source = SRC_COMP,
	.explain = N_("phone_number holds at most 20 characters (policy §2.2, limit template.buttons.phone.max_length); "
	              "it is dialled as given, so it must be a number with its country code."),
	.meta_codes = "2388040",
	.example_bad = "{\"type\": \"PHONE_NUMBER\", \"text\": \"Call\", \"phone_number\": \"call us\"}",
	.example_good = "{\"type\": \"PHONE_NUMBER\", \"text\": \"Call\", \"phone_number\": \"+551134567890\"}",
};
const struct waba_rule WABA_RULE_TEMPLATE_COPY_CODE = {
	.id = "template.buttons.copy_code",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a copy-code button needs a sample code of at most 15 characters"),
	.hint = N_("give \"example\": \"SUMMER25\" (at most 15 characters)"),
	.source = SRC_COMP,
	.explain = N_("A COPY_CODE button carries a sample code in example, at most 15 characters (policy §2.2, limit "
	              "template.buttons.copy_code.max_length)."),
	.meta_codes = "2388040",
	.example_bad = "{\"type\": \"COPY_CODE\", \"example\": \"THIS-CODE-IS-TOO-LONG\"}",
	.example_good = "{\"type\": \"COPY_CODE\", \"example\": \"250FF\"}",
};
const struct waba_rule WABA_RULE_TEMPLATE_BUTTONS_DUPLICATE = {
	.id = "template.buttons.duplicate",
	.severity = WABA_SEV_WARNING,
	.summary = N_("two buttons have the same label, or two URL buttons the same address"),
	.hint = N_("give every button its own label and every URL button its own address, or remove the repeated one"),
	.source = "https://github.com/glific/glific-frontend/issues/3314",
	.explain = N_("A user cannot tell two buttons with the same label apart, and a quick reply is answered by its "
	              "text, so a repeated label makes the answers ambiguous; BSPs refuse such templates (Glific: "
	              "\"each button within an interactive template must have distinct content\"). Meta's components "
	              "page does not state the rule, so this is a warning. Labels are compared folded for case and "
	              "accents; URLs as written, without a trailing slash. In a carousel, within each card."),
	.meta_codes = "100",
	.example_bad = "QUICK_REPLY \"Sim\", QUICK_REPLY \"sim\"",
	.example_good = "QUICK_REPLY \"Sim\", QUICK_REPLY \"Não\"",
};

/* Repeated labels (folded) and repeated URLs (without a trailing '/') among b[0..n). */
static void check_duplicates(struct ctx *c, const struct waba_tpl_button *b, size_t n)
{
	char **folded = waba_xcalloc(n + 1, sizeof(*folded));
	for (size_t i = 0; i < n; i++)
		folded[i] = b[i].text.s && b[i].text.len ? waba_text_fold(b[i].text.s, b[i].text.len) : NULL;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (folded[i] && folded[j] && strcmp(folded[i], folded[j]) == 0) {
				add_at(c, &WABA_RULE_TEMPLATE_BUTTONS_DUPLICATE, &b[i].text, 0, b[i].text.len,
				       _("button %zu has the same label as button %zu: '%.*s'"), i + 1, j + 1,
				       (int)(b[i].text.len > 40 ? 40 : b[i].text.len), b[i].text.s);
				break;
			}
			const struct waba_tpl_text *u = &b[i].url, *v = &b[j].url;
			size_t ul = u->len, vl = v->len;
			if (!u->s || !v->s)
				continue;
			while (ul && u->s[ul - 1] == '/')
				ul--;
			while (vl && v->s[vl - 1] == '/')
				vl--;
			if (ul && ul == vl && strncasecmp(u->s, v->s, ul) == 0) {
				add_at(c, &WABA_RULE_TEMPLATE_BUTTONS_DUPLICATE, u, 0, u->len,
				       _("button %zu opens the same address as button %zu: '%.*s'"), i + 1, j + 1,
				       (int)(u->len > 60 ? 60 : u->len), u->s);
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(folded[i]);
	free(folded);
}

static void check_button_label(struct ctx *c, const struct waba_tpl_button *b)
{
	const struct waba_tpl_text *x = &b->text;
	long max = limit(c, "template.buttons.text.max_length");
	size_t len = waba_utf8_length(x->s, x->len), first;
	struct waba_tpl_var *v = NULL;
	if (len == 0 || (long)len > max)
		add_at(c, &WABA_RULE_TEMPLATE_BUTTON_TEXT, x, 0, x->len,
		       _("button label '%.*s' has %zu characters; 1 to %ld are allowed"),
		       (int)(x->len > 40 ? 40 : x->len), x->s, len, max);
	size_t n = waba_tpl_vars(x->s, x->len, &v);
	if (n)
		add_at(c, &WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT, x, v[0].start, v[0].end, "%s",
		       _("a button label cannot contain variables"));
	else if (count_emoji(x->s, x->len, &first))
		add_at(c, &WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT, x, first, first + 1, "%s",
		       _("the button label contains an emoji"));
	else if (memchr(x->s, '\n', x->len))
		add_at(c, &WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT, x, 0, x->len, "%s",
		       _("the button label contains a line break"));
	else
		for (size_t i = 0; i < x->len; i++)
			if (strchr("*_~", x->s[i])) {
				add_at(c, &WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT, x, i, i + 1,
				       _("the button label contains the formatting character '%c'"), x->s[i]);
				break;
			}
	free(v);
}

static void check_url_button(struct ctx *c, const struct waba_tpl_button *b, int card)
{
	const struct waba_tpl_text *u = &b->url;
	struct waba_tpl_var *v = NULL;
	if (!card && is_category(c->tpl, "AUTHENTICATION"))
		add_at(c, &WABA_RULE_TEMPLATE_AUTH, &b->type, 0, b->type.len, "%s",
		       _("an AUTHENTICATION template cannot have URL buttons"));
	if (!u->s) {
		add_node(c, &WABA_RULE_TEMPLATE_URL_BUTTON, b->node, "%s", _("the URL button has no 'url'"));
		return;
	}
	long max = limit(c, "template.buttons.url.max_length");
	size_t len = waba_utf8_length(u->s, u->len);
	if ((long)len > max)
		add_at(c, &WABA_RULE_TEMPLATE_URL_BUTTON, u, 0, u->len,
		       _("the URL has %zu characters; the limit is %ld"), len, max);
	if (!(u->len > 8 && strncasecmp(u->s, "https://", 8) == 0) &&
	    !(u->len > 7 && strncasecmp(u->s, "http://", 7) == 0))
		add_at(c, &WABA_RULE_TEMPLATE_URL_BUTTON, u, 0, u->len,
		       _("the button URL '%.*s' does not start with https://"), (int)(u->len > 60 ? 60 : u->len), u->s);
	size_t n = waba_tpl_vars(u->s, u->len, &v), good = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].malformed) {
			add_at(c, &WABA_RULE_TEMPLATE_VAR_SYNTAX, u, v[i].start, v[i].end, "%s",
			       _("malformed variable in the button URL"));
			continue;
		}
		good++;
		if ((long)good > limit(c, "template.buttons.url.max_params"))
			add_at(c, &WABA_RULE_TEMPLATE_URL_BUTTON, u, v[i].start, v[i].end, "%s",
			       _("a button URL takes at most one variable"));
		else if (v[i].end != u->len)
			add_at(c, &WABA_RULE_TEMPLATE_URL_BUTTON, u, v[i].start, v[i].end, "%s",
			       _("the variable of a button URL must be at its very end"));
	}
	if (good && !b->example.s && !c->tpl->is_txt)
		add_node(c, &WABA_RULE_TEMPLATE_URL_BUTTON, b->node, "%s",
		         _("the URL has a variable but the button has no 'example' (the full URL or its suffix)"));
	waba_check_template_url(c->tpl, u, 0, u->len, c->cl, c->fs);
	free(v);
}

static void check_phone_button(struct ctx *c, const struct waba_tpl_button *b, int card)
{
	(void)card;
	const struct waba_tpl_text *p = &b->phone;
	if (!p->s) {
		add_node(c, &WABA_RULE_TEMPLATE_PHONE_BUTTON, b->node, "%s",
		         _("the PHONE_NUMBER button has no 'phone_number'"));
		return;
	}
	long max = limit(c, "template.buttons.phone.max_length");
	size_t digits = 0;
	for (size_t i = 0; i < p->len; i++) {
		if (isdigit((unsigned char)p->s[i])) {
			digits++;
		} else if (!strchr("+-() ", p->s[i]) || (p->s[i] == '+' && i != 0)) {
			add_at(c, &WABA_RULE_TEMPLATE_PHONE_BUTTON, p, i, i + 1,
			       _("the phone number '%.*s' contains '%c'"), (int)(p->len > 30 ? 30 : p->len), p->s,
			       p->s[i]);
			return;
		}
	}
	if ((long)p->len > max || digits < 8)
		add_at(c, &WABA_RULE_TEMPLATE_PHONE_BUTTON, p, 0, p->len,
		       _("the phone number '%.*s' has %zu characters and %zu digits; at most %ld characters, with the country code"),
		       (int)(p->len > 30 ? 30 : p->len), p->s, p->len, digits, max);
}

static void check_copy_code_button(struct ctx *c, const struct waba_tpl_button *b, int card)
{
	(void)card;
	long mxc = limit(c, "template.buttons.copy_code.max_length");
	if (!b->example.s)
		add_node(c, &WABA_RULE_TEMPLATE_COPY_CODE, b->node, "%s",
		         _("the COPY_CODE button has no sample code in 'example'"));
	else if ((long)waba_utf8_length(b->example.s, b->example.len) > mxc || b->example.len == 0)
		add_at(c, &WABA_RULE_TEMPLATE_COPY_CODE, &b->example, 0, b->example.len,
		       _("the sample code '%.*s' is over %ld characters"),
		       (int)(b->example.len > 30 ? 30 : b->example.len), b->example.s, mxc);
}

static void check_otp_button(struct ctx *c, const struct waba_tpl_button *b, int card)
{
	(void)card;
	if (!is_category(c->tpl, "AUTHENTICATION"))
		add_at(c, &WABA_RULE_TEMPLATE_AUTH, &b->type, 0, b->type.len, "%s",
		       _("OTP buttons are only for AUTHENTICATION templates"));
	const struct waba_set *types = waba_checklist_set(c->cl, "template.otp_types");
	char *ot = b->otp_type.s ? dup_text(&b->otp_type) : NULL;
	struct waba_strbuf head = WABA_STRBUF_INIT;
	const char *last;
	waba_set_values_or(types, NULL, &head, &last); /* the list's words are arguments, as the category's */
	if (!ot)
		/* TRANSLATORS: "(A, B or C)": the otp_type values, all but the last and the last */
		add_node(c, &WABA_RULE_TEMPLATE_AUTH, b->node, _("the OTP button has no 'otp_type' (%s or %s)"),
		         waba_strbuf_cstr(&head), last ? last : "");
	else if (!waba_set_find_nocase(types, ot))
		/* TRANSLATORS: "is not A, B or C": the otp_type values, all but the last and the last (pt "nem", es "ni") */
		add_at(c, &WABA_RULE_TEMPLATE_AUTH, &b->otp_type, 0, b->otp_type.len,
		       _("otp_type '%s' is not %s or %s"), ot, waba_strbuf_cstr(&head), last ? last : "");
	waba_strbuf_release(&head);
	free(ot);
}

/* What a button type checks beyond its label, by its value in template.button_types;
 * `card`: a carousel card's button (template.carousel.card.buttons says which types a
 * card takes; only the kinds marked on_card are checked there). */
static const struct button_kind {
	const char *type;
	void (*check)(struct ctx *c, const struct waba_tpl_button *b, int card);
	int on_card;
} button_kinds[] = {
	{ "URL", check_url_button, 1 },
	{ "PHONE_NUMBER", check_phone_button, 1 },
	{ "COPY_CODE", check_copy_code_button, 0 },
	{ "OTP", check_otp_button, 0 },
};

/* One button of type `it`: its label, then what its type checks. */
static void check_button(struct ctx *c, const struct waba_tpl_button *b, const struct waba_set_item *it, int card)
{
	const char *label = waba_set_item_attr(it, "label");
	if (b->text.s)
		check_button_label(c, b);
	else if (label && strcmp(label, "yes") == 0)
		add_node(c, &WABA_RULE_TEMPLATE_BUTTON_TEXT, b->node, _("the %s button has no 'text' label"), it->value);
	for (size_t k = 0; k < sizeof(button_kinds) / sizeof(button_kinds[0]); k++)
		if (strcmp(it->value, button_kinds[k].type) == 0 && (!card || button_kinds[k].on_card))
			button_kinds[k].check(c, b, card);
}

void waba_check_template_buttons(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_set *types = waba_checklist_set(c->cl, "template.button_types");
	long max_total = limit(c, "template.buttons.max_total");
	int auth = is_category(t, "AUTHENTICATION"), otp = 0;
	if ((long)t->nbuttons > max_total)
		add_node(c, &WABA_RULE_TEMPLATE_BUTTONS_COUNT, t->buttons_node,
		         _("the template has %zu buttons; at most %ld"), t->nbuttons, max_total);
	/* per type counts */
	size_t ntypes = types ? types->len : 0;
	size_t *counts = waba_xcalloc(ntypes + 1, sizeof(*counts));
	int groups = 0, last_qr = -1; /* quick-reply groups */
	for (size_t i = 0; i < t->nbuttons; i++) {
		const struct waba_tpl_button *b = &t->buttons[i];
		if (!b->type.s)
			continue;
		char *type = dup_text(&b->type);
		const struct waba_set_item *it = waba_set_find_nocase(types, type);
		if (!it) {
			struct waba_finding *f = add_at(c, &WABA_RULE_TEMPLATE_BUTTONS_TYPE, &b->type, 0, b->type.len,
			                                _("unknown button type '%s'"), type);
			struct waba_strbuf head = WABA_STRBUF_INIT;
			const char *last;
			waba_set_values_or(types, item_checked, &head, &last);
			if (head.len)
				waba_finding_set_hint(f, _("use %s or %s"), waba_strbuf_cstr(&head), last);
			else if (last)
				waba_finding_set_hint(f, _("use %s"), last);
			waba_strbuf_release(&head);
			free(type);
			continue;
		}
		size_t k = (size_t)(it - types->items);
		const char *mx = waba_set_item_attr(it, "max");
		if (++counts[k] == (size_t)(mx ? atol(mx) : 10) + 1)
			add_at(c, &WABA_RULE_TEMPLATE_BUTTONS_COUNT, &b->type, 0, b->type.len,
			       _("more than %s %s buttons"), mx ? mx : "10", it->value);
		int qr = strcmp(it->value, "QUICK_REPLY") == 0;
		if (qr && last_qr != 1)
			groups++;
		if (qr && groups == 2 && last_qr == 0)
			add_at(c, &WABA_RULE_TEMPLATE_BUTTONS_GROUPING, &b->type, 0, b->type.len, "%s",
			       _("this quick reply is separated from the other quick replies by another button"));
		last_qr = qr;
		otp += strcmp(it->value, "OTP") == 0;
		check_button(c, b, it, 0);
		free(type);
	}
	if (auth && otp == 0 && !t->is_txt)
		add_node(c, &WABA_RULE_TEMPLATE_AUTH, t->buttons_node ? t->buttons_node : t->node, "%s",
		         _("an AUTHENTICATION template needs one OTP button"));
	if (auth && t->header.present && t->header.format.s && !waba_tpl_text_eq(&t->header.format, "TEXT", 1))
		add_at(c, &WABA_RULE_TEMPLATE_AUTH, &t->header.format, 0, t->header.format.len, "%s",
		       _("an AUTHENTICATION template cannot have a media or location header"));
	free(counts);
	check_duplicates(c, t->buttons, t->nbuttons);
}

void waba_check_template_card_buttons(const struct waba_template *tpl, const struct waba_tpl_button *b, size_t n,
                                      const struct waba_checklist *cl, struct waba_findings *fs)
{
	struct ctx cx = { tpl, cl, fs, 0, WABA_WORDS_INIT };
	const struct waba_set *types = waba_checklist_set(cl, "template.button_types");
	for (size_t i = 0; i < n; i++) {
		if (!b[i].type.s)
			continue;
		char *type = dup_text(&b[i].type);
		const struct waba_set_item *it = waba_set_find_nocase(types, type);
		free(type);
		if (it) /* else template.carousel.card.buttons says what a card takes */
			check_button(&cx, &b[i], it, 1);
	}
	check_duplicates(&cx, b, n);
}
