/*
 * check_template_text.c: the content rules of the `template.` family: promotional
 * wording in UTILITY/AUTHENTICATION templates, goods the policies prohibit, requests
 * for sensitive data, one-time codes outside AUTHENTICATION, threats, the purpose of
 * a UTILITY template, and links (shorteners, plain http).
 *
 * Every word list is data: checklists/terms.{pt,es,en}.xml (lists promotional,
 * percent_promo, prohibited, sensitive, otp, threat, utility_purposes) and the sets
 * of checklists/templates.xml. Matching is on whole words, folded for case and
 * accents (text.h), in the template's language (all three when it is unknown).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/template.h"
#include "waba/text.h"
#include "../parse/template_priv.h"
#include "check_template_priv.h"

#define SRC_TCAT "https://developers.facebook.com/docs/whatsapp/template-categorization"
#define SRC_TREV "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review"
#define SRC_GUIDE "https://developers.facebook.com/docs/whatsapp/message-templates/guidelines"

const struct waba_rule WABA_RULE_TEMPLATE_PROMOTIONAL = {
	.id = "template.content.promotional",
	.severity = WABA_SEV_WARNING,
	.summary = N_("promotional wording in a UTILITY or AUTHENTICATION template"),
	.hint = N_("remove the offer, or submit the template as MARKETING"),
	.source = SRC_TCAT,
	.explain = N_("A UTILITY template must carry no promotional intent (offers, discounts, 'buy now', upsells and "
	              "cross-sells, abandoned-cart reminders, coupon codes); a utility notice with an offer in it is a "
	              "mixed message, which Meta categorizes as MARKETING. Since 9 April 2025 Meta approves such a "
	              "template as MARKETING instead of rejecting it, and a disputed category ends as REJECTED / "
	              "INCORRECT_CATEGORY (policy §2.1, template.category.utility_non_promotional and "
	              "mixed_is_marketing). Matched on whole words and phrases of the list 'promotional' and on "
	              "percentages followed by a word of percent_promo ('20% off', '{{1}}% de desconto', '10% en tu "
	              "próxima compra') in checklists/terms.*.xml; every term is reported, not only the first. A "
	              "warning because the category is changed, not the template refused."),
	.example_bad = "UTILITY: \"Seu pedido {{1}} foi enviado. Aproveite 20% de desconto na próxima compra!\"",
	.example_good = "UTILITY: \"Seu pedido {{1}} foi enviado e chega amanhã.\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_PROHIBITED = {
	.id = "template.content.prohibited",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the template mentions goods or services WhatsApp's policies prohibit"),
	.hint = N_("WhatsApp may not be used to sell or promote these; remove them from the template"),
	.source = "https://business.whatsapp.com/policy",
	.explain = N_("The WhatsApp Business Messaging Policy forbids buying, selling or promoting firearms, drugs, "
	              "tobacco, adult products, gambling, payday loans and more; prices or descriptions of goods in a "
	              "template fall under it (policy §6.1, §6.2, §2.4 template.content.commerce_policy). Terms are in "
	              "the list 'prohibited' with the policy item as tag; since August 2024 alcohol, OTC medicine and "
	              "gambling businesses may message in LATAM without selling through WhatsApp (§6.3), so those "
	              "tags (set template.prohibited_tags) are warnings."),
	.example_bad = "\"Pistolas e munição com entrega em 24 horas\"",
	.example_good = "\"Sua encomenda {{1}} foi entregue\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_REGULATED = {
	.id = "template.content.regulated",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the template mentions a regulated good: alcohol, over-the-counter medicine or real-money gambling"),
	.hint = N_(
	    "only businesses allowed for this vertical may send it, where local law allows, never to people under 18, and nothing may be sold or paid for through WhatsApp"),
	.source = "https://business.whatsapp.com/policy",
	.explain = N_("Since 27 August 2024 alcohol, over-the-counter medicine and real-money gambling are regulated "
	              "verticals, not prohibited ones: such businesses may send marketing and utility messages in "
	              "LATAM and APAC, but buying, selling or paying for these goods through WhatsApp stays prohibited, "
	              "commerce features (catalog, payments) stay off, local law applies, no message may reach users "
	              "under 18, and online gambling needs Meta's written permission (policy §6.3; the profile "
	              "verticals ALCOHOL, OTC_DRUGS, ONLINE_GAMBLING and PHYSICAL_GAMBLING exist for them). Reported "
	              "for the tags with regulated=\"yes\" of the set template.prohibited_tags. A warning: the "
	              "template is fine for an allowed business in an allowed country, refused otherwise."),
	.example_bad = "\"Cerveja artesanal em dobro nesta sexta no Bar do Zé\"",
	.example_good = "\"Kit com 6 taças de vinho: seu pedido {{1}} foi enviado\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_SENSITIVE = {
	.id = "template.content.sensitive_data",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the template asks for a full card number, bank account or national ID number"),
	.hint = N_("never ask for these in a template; ask for the last 4 digits, or send a link to a secure page"),
	.source = SRC_TREV,
	.explain = N_(
	    "Meta's template review refuses templates that ask for full payment card numbers, financial "
	    "account numbers or national identity numbers (CPF, DNI, RG...); partial identifiers such as the "
	    "last 4 digits are allowed (policy §2.4, template.content.sensitive_ids). Card 'details' are matched only "
	    "in a request ('send us your card details'), not in 'update your card details in the app', which "
	    "asks for nothing in the chat. Passwords are not named "
	    "by Meta, so requests for them are warnings. Terms: list 'sensitive' with tags card, "
	    "bank_account, national_id, password."),
	.example_bad = "\"Para continuar, informe seu CPF e o número do cartão\"",
	.example_good = "\"Confirme os 4 últimos dígitos do cartão usado na compra\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_OTP = {
	.id = "template.content.otp_outside_auth",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a one-time code in a template that is not AUTHENTICATION"),
	.hint = N_("send verification codes with an AUTHENTICATION template"),
	.source = SRC_TCAT,
	.explain = N_("One-time passwords and verification codes may only be sent with AUTHENTICATION templates "
	              "(policy §2.1, template.category.otp_only_auth, Meta's categorization page). Terms: list 'otp'."),
	.example_bad = "UTILITY: \"Seu código de verificação é {{1}}. Não compartilhe.\"",
	.example_good = "AUTHENTICATION with Meta's preset body and an OTP button",
};
const struct waba_rule WABA_RULE_TEMPLATE_THREAT = {
	.id = "template.content.threat",
	.severity = WABA_SEV_ERROR,
	.summary = N_("wording that reads as a threat of legal action or public shaming"),
	.hint = N_("state the facts (amount, due date, how to pay) without threats"),
	.source = SRC_TREV,
	.explain = N_("Abusive or threatening content (threats of legal action, of adding the debtor to a group with "
	              "family) is rejected (policy §2.4, template.content.threat). Phrases that promise legal action, "
	              "arrest or seizure, or telling family, employer or the public about a debt are unambiguous and "
	              "an error (tags of the set template.threat_tags); words that may be plain information "
	              "(\"processo judicial\", \"negativar\") are a warning. Lists 'threat' in pt, es and en."),
	.example_bad = "\"Pague hoje ou tomaremos medidas judiciais\"",
	.example_good = "\"Sua fatura {{1}} vence em {{2}}. Pague pelo link abaixo.\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_PURPOSE = {
	.id = "template.category.utility_purpose",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a UTILITY template that names none of the notification purposes Meta allows"),
	.hint = N_(
	    "say what the message is about: the order, payment, appointment, reservation, delivery, ticket or account"),
	.source = SRC_TCAT,
	.explain = N_("UTILITY templates must be specific to the user's order, account or transaction, or essential "
	              "(policy §2.1, template.category.utility_non_promotional; the historical list of allowed "
	              "notification types is in §2.8). A body that names none of them (list 'utility_purposes') is "
	              "likely to be recategorized as MARKETING: a warning, as this is a heuristic."),
	.example_bad = "UTILITY: \"Olá {{1}}, temos novidades para você. Até breve!\"",
	.example_good = "UTILITY: \"Olá {{1}}, seu pagamento foi confirmado.\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_LANGUAGE_MATCH = {
	.id = "template.language.matches_content",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the body seems written in another language than the template's language"),
	.hint = N_("set \"language\" to the language the text is written in (Meta does not translate)"),
	.source = SRC_GUIDE,
	.explain = N_("The body must be in the declared language; text in another language, or a mix, is rejected "
	              "(policy §2.1, template.language.matches_content). Detected by counting common words of "
	              "Portuguese, Spanish and English (list 'language_markers' in checklists/terms.*.xml): at least 3 "
	              "words of another language and more than twice as many as of the declared one. When the body has "
	              "no common word of the declared language and at least 5 of another (limit "
	              "template.language.mismatch_error_words) it is written wholly in that language, which Meta "
	              "rejects: an error. A mixed or short text stays a warning, as the count is a heuristic there."),
	.example_bad = "language pt_BR: \"Hola, su pedido fue enviado y llega hoy. Gracias.\"",
	.example_good = "language es: \"Hola, su pedido fue enviado y llega hoy. Gracias.\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_SHORTENER = {
	.id = "template.url.shortener",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a link uses a URL shortener"),
	.hint = N_("use the full address on the business's own domain"),
	.source = SRC_GUIDE,
	.explain = N_("Meta's template guidelines list URL shorteners (bit.ly, tinyurl...) as a rejection reason because "
	              "they hide the destination; it applies to the body and to URL buttons (policy §2.2, "
	              "template.url.shortener). The domains are the set template.url_shorteners in "
	              "checklists/templates.xml. A warning, as the policy rates it."),
	.example_bad = "\"Acompanhe em https://bit.ly/3xYz\"",
	.example_good = "\"Acompanhe em https://loja.example.com.br/pedidos/123\"",
};
const struct waba_rule WABA_RULE_TEMPLATE_HTTPS = {
	.id = "template.url.https",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a link is not HTTPS"),
	.hint = N_("use https://"),
	.source = "https://www.twilio.com/docs/content/twilio-call-to-action",
	.explain = N_("Links must be http(s) and resolve to a public site (policy §2.2, template.buttons.url.scheme, "
	              "confidence B); Meta does not state that plain http is refused, so http:// is a warning: "
	              "WhatsApp users see the link, and browsers mark plain-http pages as not secure."),
	.example_bad = "\"Veja em http://loja.example.com\"",
	.example_good = "\"Veja em https://loja.example.com\"",
};

struct exceptions {
	struct {
		size_t start, end;
	} v[16];
	size_t len;
	int found; /* the list was matched on the text */
};

struct content {
	const struct waba_template *tpl;
	const struct waba_checklist *cl;
	struct waba_findings *fs;
	const char *lang; /* "pt", "es", "en", or NULL for all */
	const struct waba_tpl_text *text;
	const struct waba_rule *rule;
	const struct waba_set *severities; /* tag -> severity, or NULL */
	char reported[32][48];             /* tags (or the term, untagged) already reported for this template */
	size_t nreported;
	size_t matches;
	/* spans of the list 'prohibited_exceptions' in each text ("taças de vinho"), found once
	 * per text: a prohibited term inside one is not reported */
	struct exceptions *excs; /* per text */
	const struct exceptions *cur;
	const struct waba_termlist *exceptions; /* the list 'prohibited_exceptions' */
	int mixed;                              /* a UTILITY template that also names a utility purpose */
};

static const char *term_lang(const struct waba_tpl_text *language)
{
	static const char *const langs[] = { "pt", "es", "en" };
	for (size_t i = 0; language->s && i < 3; i++)
		if (language->len >= 2 && strncasecmp(language->s, langs[i], 2) == 0 &&
		    (language->len == 2 || language->s[2] == '_' || language->s[2] == '-'))
			return langs[i];
	return NULL;
}

static int seen_tag(struct content *c, const char *tag)
{
	const char *t = tag ? tag : "";
	for (size_t i = 0; i < c->nreported; i++)
		if (strncmp(c->reported[i], t, sizeof(c->reported[i]) - 1) == 0)
			return 1;
	if (c->nreported < sizeof(c->reported) / sizeof(c->reported[0])) {
		strncpy(c->reported[c->nreported], t, sizeof(c->reported[0]) - 1);
		c->reported[c->nreported++][sizeof(c->reported[0]) - 1] = '\0';
	}
	return 0;
}

static int in_exception(const struct content *c, size_t start, size_t end)
{
	for (size_t i = 0; c->cur && i < c->cur->len; i++)
		if (c->cur->v[i].start <= start && end <= c->cur->v[i].end)
			return 1;
	return 0;
}

static int on_match(const struct waba_term_match *m, void *payload)
{
	struct content *c = payload;
	if (in_exception(c, m->start, m->end))
		return 0;
	c->matches++;
	if (!c->rule)
		return 1; /* only asked whether there is one */
	/* one finding per tag; untagged terms (promotional) each once: every term is reported */
	if (seen_tag(c, m->term->tag ? m->term->tag : m->term->text))
		return 0;
	const struct waba_tpl_text *t = c->text;
	struct waba_loc loc = waba_template_loc(c->tpl, t, m->start, m->end);
	struct waba_finding *f;
	int n = (int)(m->end - m->start);
	const char *w = t->s + m->start;
	const struct waba_set_item *tag = m->term->tag ? waba_set_find(c->severities, m->term->tag) : NULL;
	const char *regulated = waba_set_item_attr(tag, "regulated");
	if (regulated && strcmp(regulated, "yes") == 0)
		f = waba_findings_add(
		    c->fs, &WABA_RULE_TEMPLATE_REGULATED, loc,
		    _("'%.*s' (%s): a regulated vertical; allowed only to approved businesses, where the law allows, with no sale through WhatsApp"),
		    n, w, m->term->tag);
	else if (m->term->tag)
		f = waba_findings_add(c->fs, c->rule, loc, _("'%.*s' (%s): %s"), n, w, m->term->tag, _(c->rule->summary));
	else if (c->rule == &WABA_RULE_TEMPLATE_PROMOTIONAL && c->mixed)
		f = waba_findings_add(
		    c->fs, c->rule, loc,
		    _("'%.*s': an offer inside a UTILITY notice makes a mixed message, which Meta categorizes as MARKETING"),
		    n, w);
	else
		f = waba_findings_add(c->fs, c->rule, loc, _("'%.*s': %s"), n, w, _(c->rule->summary));
	const char *sev = waba_set_item_attr(tag, "severity");
	enum waba_severity s;
	if (sev && waba_severity_parse(sev, &s) == 0)
		f->severity = s;
	else if (c->rule == &WABA_RULE_TEMPLATE_THREAT)
		f->severity = WABA_SEV_WARNING; /* an untagged threat word may be plain information */
	return 0;
}

static int on_exception(const struct waba_term_match *m, void *payload)
{
	struct exceptions *e = payload;
	if (e->len < sizeof(e->v) / sizeof(e->v[0])) {
		e->v[e->len].start = m->start;
		e->v[e->len++].end = m->end;
	}
	return 0;
}

/* Report the terms of `tl` in every text piece (hits[i]: the terms found in texts[i]) with
 * `rule` (NULL: only count). */
static size_t match_list(struct content *c, const struct waba_tpl_text *const *texts, const struct waba_term_hits *hits,
                         size_t n, const struct waba_termlist *tl, const struct waba_rule *rule, const char *severities)
{
	c->rule = rule;
	c->severities = severities ? waba_checklist_set(c->cl, severities) : NULL;
	c->nreported = 0;
	c->matches = 0;
	for (size_t i = 0; tl && i < n; i++) {
		if (!texts[i] || !texts[i]->s || hits[i].words->len == 0)
			continue;
		c->text = texts[i];
		if (c->exceptions && !c->excs[i].found) {
			waba_term_hits_find(&hits[i], c->exceptions, c->lang, on_exception, &c->excs[i]);
			c->excs[i].found = 1;
		}
		c->cur = &c->excs[i];
		waba_term_hits_find(&hits[i], tl, c->lang, on_match, c);
	}
	c->cur = NULL;
	return c->matches;
}

static int first_word_match(const struct waba_term_match *m, void *payload)
{
	size_t *hit = payload;
	if (m->start == 0)
		*hit = m->end;
	return 1;
}

/* "50% off", "30 % de desconto", "{{1}}% en tu próxima compra": a percentage (digits or a
 * placeholder) followed by a word of list percent_promo. Every one is reported. */
static size_t check_percent(struct content *c, const struct waba_tpl_text *t)
{
	const struct waba_termlist *tl = waba_checklist_terms(c->cl, "percent_promo");
	size_t found = 0;
	for (size_t i = 1; tl && i < t->len; i++) {
		if (t->s[i] != '%')
			continue;
		size_t d = i;
		while (d > 0 && t->s[d - 1] == ' ')
			d--;
		size_t num = d;
		if (d >= 2 && t->s[d - 1] == '}' && t->s[d - 2] == '}') {
			/* a placeholder: back to its "{{" */
			size_t k = d - 2;
			while (k > 0 && t->s[k - 1] != '{' && t->s[k - 1] != '}' && d - k < 40)
				k--;
			if (k < 2 || t->s[k - 1] != '{' || t->s[k - 2] != '{')
				continue;
			num = k - 2;
		} else {
			if (d == 0 || !isdigit((unsigned char)t->s[d - 1]))
				continue;
			while (num > 0 &&
			       (isdigit((unsigned char)t->s[num - 1]) || t->s[num - 1] == ',' || t->s[num - 1] == '.'))
				num--;
		}
		size_t from = i + 1;
		while (from < t->len && t->s[from] == ' ')
			from++;
		size_t to = from + 40 < t->len ? from + 40 : t->len;
		struct waba_words w = WABA_WORDS_INIT;
		size_t hit = 0;
		waba_text_words(&w, t->s + from, to - from);
		if (w.len && w.v[0].start == 0)
			waba_terms_find(tl, &w, c->lang, first_word_match, &hit);
		waba_words_release(&w);
		if (hit) {
			found++;
			if (c->mixed)
				waba_findings_add(
				    c->fs, &WABA_RULE_TEMPLATE_PROMOTIONAL, waba_template_loc(c->tpl, t, num, from + hit),
				    _("'%.*s': an offer inside a UTILITY notice makes a mixed message, which Meta categorizes as MARKETING"),
				    (int)(from + hit - num), t->s + num);
			else
				waba_findings_add(c->fs, &WABA_RULE_TEMPLATE_PROMOTIONAL,
				                  waba_template_loc(c->tpl, t, num, from + hit), _("'%.*s': %s"),
				                  (int)(from + hit - num), t->s + num,
				                  _(WABA_RULE_TEMPLATE_PROMOTIONAL.summary));
			i = from + hit - 1;
		}
	}
	return found;
}

void waba_check_template_url(const struct waba_template *tpl, const struct waba_tpl_text *t, size_t start, size_t end,
                             const struct waba_checklist *cl, struct waba_findings *fs)
{
	const char *u = t->s + start;
	size_t len = end - start, h = 0;
	if (len > 7 && strncasecmp(u, "http://", 7) == 0) {
		waba_findings_add(fs, &WABA_RULE_TEMPLATE_HTTPS, waba_template_loc(tpl, t, start, end),
		                  _("the link '%.*s' is not HTTPS"), (int)(len > 60 ? 60 : len), u);
		h = 7;
	} else if (len > 8 && strncasecmp(u, "https://", 8) == 0) {
		h = 8;
	}
	size_t hend = h;
	while (hend < len && !strchr("/?#:", u[hend]))
		hend++;
	const struct waba_set *set = waba_checklist_set(cl, "template.url_shorteners");
	size_t hl = hend - h;
	const char *host = u + h;
	if (hl >= 4 && strncasecmp(host, "www.", 4) == 0)
		host += 4, hl -= 4;
	for (size_t i = 0; set && i < set->len; i++) {
		const char *d = set->items[i].value;
		size_t dl = strlen(d);
		if (dl && (dl > hl || tolower((unsigned char)host[hl - 1]) != tolower((unsigned char)d[dl - 1])))
			continue; /* the host does not end as the domain does */
		if ((hl == dl && strncasecmp(host, d, dl) == 0) ||
		    (hl > dl && host[hl - dl - 1] == '.' && strncasecmp(host + hl - dl, d, dl) == 0)) {
			waba_findings_add(fs, &WABA_RULE_TEMPLATE_SHORTENER, waba_template_loc(tpl, t, start, end),
			                  _("the link '%.*s' uses the URL shortener '%s'"), (int)(len > 60 ? 60 : len),
			                  u, d);
			return;
		}
	}
}

static int count_match(const struct waba_term_match *m, void *payload)
{
	(void)m;
	++*(size_t *)payload;
	return 0;
}

/* Count marker words of pt, es and en in the body; warn when another language dominates. */
static void check_language_match(struct content *c, const struct waba_term_hits *body, const struct waba_termlist *tl)
{
	static const char *const langs[] = { "pt", "es", "en" };
	static const char *const names[] = { N_("Portuguese"), N_("Spanish"), N_("English") };
	size_t count[3] = { 0, 0, 0 }, decl = 3;
	if (!c->lang || !tl)
		return;
	for (size_t i = 0; i < 3; i++) {
		waba_term_hits_find(body, tl, langs[i], count_match, &count[i]);
		if (strcmp(langs[i], c->lang) == 0)
			decl = i;
	}
	long whole = waba_checklist_limit(c->cl, "template.language.mismatch_error_words");
	for (size_t i = 0; i < 3 && decl < 3; i++)
		if (i != decl && count[i] >= 3 && count[i] > 2 * count[decl]) {
			const struct waba_tpl_text *lang = &c->tpl->language;
			struct waba_finding *f;
			if (count[decl] == 0 && (long)count[i] >= whole) {
				f = waba_findings_add(
				    c->fs, &WABA_RULE_TEMPLATE_LANGUAGE_MATCH, waba_template_text_loc(c->tpl, lang),
				    _("the body is written in %s (%zu common %s words, none of the declared language) but 'language' is '%.*s'"),
				    _(names[i]), count[i], _(names[i]), (int)lang->len, lang->s);
				f->severity = WABA_SEV_ERROR;
			} else {
				waba_findings_add(
				    c->fs, &WABA_RULE_TEMPLATE_LANGUAGE_MATCH, waba_template_text_loc(c->tpl, lang),
				    _("the body reads as %s (%zu common %s words, %zu of the declared language) but 'language' is '%.*s'"),
				    _(names[i]), count[i], _(names[i]), count[decl], (int)lang->len, lang->s);
			}
			return;
		}
}

static void check_links(struct content *c, const struct waba_tpl_text *t)
{
	for (size_t i = 0; t && t->s && i < t->len; i++) {
		char first = (char)(t->s[i] | 0x20); /* 'h' or 'w' begin every prefix below */
		if ((first != 'h' && first != 'w') || (i > 0 && isalnum((unsigned char)t->s[i - 1])))
			continue; /* a link starts a word */
		if ((t->len - i > 7 && strncasecmp(t->s + i, "http://", 7) == 0) ||
		    (t->len - i > 8 && strncasecmp(t->s + i, "https://", 8) == 0) ||
		    (t->len - i > 4 && strncasecmp(t->s + i, "www.", 4) == 0)) {
			size_t e = i;
			while (e < t->len && !isspace((unsigned char)t->s[e]))
				e++;
			while (e > i && strchr(".,;:!?)", t->s[e - 1]))
				e--;
			waba_check_template_url(c->tpl, t, i, e, c->cl, c->fs);
			i = e;
		}
	}
}

int waba_check_template_text(const struct waba_template *tpl, const struct waba_checklist *cl, struct waba_findings *fs)
{
	struct waba_words body = WABA_WORDS_INIT;
	if (tpl->body.text.s)
		waba_text_words(&body, tpl->body.text.s, tpl->body.text.len);
	int rc = waba_check_template_text_words(tpl, cl, fs, &body);
	waba_words_release(&body);
	return rc;
}

/* The term lists matched in one pass over a template's texts. */
enum { PURPOSES, PROMOTIONAL, PROHIBITED, EXCEPTIONS, SENSITIVE, OTP, THREAT, MARKERS, NLISTS };

static const struct waba_termset *template_termset(const struct waba_checklist *cl,
                                                   const struct waba_termlist *lists[NLISTS])
{
	lists[PURPOSES] = waba_checklist_terms(cl, "utility_purposes");
	lists[PROMOTIONAL] = waba_checklist_terms(cl, "promotional");
	lists[PROHIBITED] = waba_checklist_terms(cl, "prohibited");
	lists[EXCEPTIONS] = waba_checklist_terms(cl, "prohibited_exceptions");
	lists[SENSITIVE] = waba_checklist_terms(cl, "sensitive");
	lists[OTP] = waba_checklist_terms(cl, "otp");
	lists[THREAT] = waba_checklist_terms(cl, "threat");
	lists[MARKERS] = waba_checklist_terms(cl, "language_markers");
	return waba_checklist_termset(cl, lists, NLISTS);
}

void waba_check_template_prepare(const struct waba_checklist *cl)
{
	const struct waba_termlist *lists[NLISTS];
	template_termset(cl, lists);
}

int waba_check_template_text_words(const struct waba_template *tpl, const struct waba_checklist *cl,
                                   struct waba_findings *fs, const struct waba_words *body)
{
	struct content c;
	memset(&c, 0, sizeof(c));
	c.tpl = tpl;
	c.cl = cl;
	c.fs = fs;
	c.lang = term_lang(&tpl->language);
	/* every text a user reads: header, body, footer, button labels, the offer text, the cards */
	size_t cap = 4 + tpl->nbuttons, n = 0;
	for (size_t k = 0; k < tpl->ncards; k++)
		cap += 1 + tpl->cards[k].nbuttons;
	/* on the stack for up to eight texts (header, body, footer, buttons, offer: most templates) */
	enum { FEW = 8 };
	const struct waba_tpl_text *few_texts[FEW] = { NULL };
	struct waba_words few_words[FEW];
	struct waba_term_hits few_hits[FEW];
	struct exceptions few_excs[FEW];
	const struct waba_tpl_text **texts = cap <= FEW ? few_texts : waba_xcalloc(cap, sizeof(*texts));
	texts[n++] = &tpl->header.text;
	texts[n++] = &tpl->body.text;
	texts[n++] = &tpl->footer.text;
	for (size_t i = 0; i < tpl->nbuttons; i++)
		texts[n++] = &tpl->buttons[i].text;
	texts[n++] = &tpl->lto.text;
	for (size_t k = 0; k < tpl->ncards; k++) {
		texts[n++] = &tpl->cards[k].body.text;
		for (size_t i = 0; i < tpl->cards[k].nbuttons; i++)
			texts[n++] = &tpl->cards[k].buttons[i].text;
	}

	/* every list in one pass over each text's folded words; each list reads the pass's results */
	const struct waba_termlist *lists[NLISTS];
	const struct waba_termset *set = template_termset(cl, lists);
	struct waba_words *words = n <= FEW ? few_words : waba_xmalloc(n * sizeof(*words));
	struct waba_term_hits *hits = n <= FEW ? few_hits : waba_xmalloc(n * sizeof(*hits));
	c.excs = n <= FEW ? few_excs : waba_xmalloc(n * sizeof(*c.excs));
	memset(words, 0, n * sizeof(*words));
	memset(c.excs, 0, n * sizeof(*c.excs));
	c.exceptions = lists[EXCEPTIONS];
	for (size_t i = 0; i < n; i++) {
		if (texts[i]->s && i != 1)
			waba_text_words(&words[i], texts[i]->s, texts[i]->len);
		waba_termset_scan(set, i == 1 ? body : &words[i], &hits[i]); /* texts[1] is the body */
	}
	int utility = waba_tpl_text_eq(&tpl->category, "UTILITY", 1);
	int auth = waba_tpl_text_eq(&tpl->category, "AUTHENTICATION", 1);
	int marketing = waba_tpl_text_eq(&tpl->category, "MARKETING", 1);
	int purpose = utility && tpl->body.text.s && tpl->body.text.len > 0 &&
	              match_list(&c, texts, hits, 2, lists[PURPOSES], NULL, NULL) > 0;
	if (utility || auth) {
		c.mixed = purpose;
		match_list(&c, texts, hits, n, lists[PROMOTIONAL], &WABA_RULE_TEMPLATE_PROMOTIONAL, NULL);
		for (size_t i = 0; i < 3; i++)
			if (texts[i]->s)
				check_percent(&c, texts[i]);
		c.mixed = 0;
	}
	match_list(&c, texts, hits, n, lists[PROHIBITED], &WABA_RULE_TEMPLATE_PROHIBITED, "template.prohibited_tags");
	match_list(&c, texts, hits, n, lists[SENSITIVE], &WABA_RULE_TEMPLATE_SENSITIVE, "template.sensitive_tags");
	if (utility || marketing)
		match_list(&c, texts, hits, n, lists[OTP], &WABA_RULE_TEMPLATE_OTP, NULL);
	match_list(&c, texts, hits, n, lists[THREAT], &WABA_RULE_TEMPLATE_THREAT, "template.threat_tags");
	if (utility && tpl->body.text.s && tpl->body.text.len > 0 && !purpose)
		waba_findings_add(
		    fs, &WABA_RULE_TEMPLATE_PURPOSE, waba_template_text_loc(tpl, &tpl->body.text), "%s",
		    _("the UTILITY template does not say which order, account, payment, appointment or delivery it is about"));
	check_language_match(&c, &hits[1], lists[MARKERS]);
	for (size_t i = 0; i < n; i++) {
		waba_term_hits_release(&hits[i]);
		waba_words_release(&words[i]);
	}
	if (n > FEW) {
		free(hits);
		free(words);
		free(c.excs);
	}
	if (texts != few_texts)
		free(texts);
	check_links(&c, &tpl->body.text);
	return 0;
}
