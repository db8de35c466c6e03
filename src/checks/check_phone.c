/*
 * check_phone.c: the `phone.` rules: can a number be put on a WhatsApp Business API
 * account through Botmaker, and why not. Facts about the number come from
 * libphonenumber (src/parse/phone_parse.c); verdicts per number type and all guidance
 * come from checklists/phone.xml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/phone.h"
#include "waba/strbuf.h"
#include "waba/text.h"

#define SRC_PHONE \
	"https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/phone-numbers"
#define SRC_BR_NINE "https://algartelecom.com.br/empresas/atendimento/nono-digito.html"
#define SRC_WA_INTL "https://faq.whatsapp.com/1294841057948784"

static const struct waba_rule RULE_INVALID = {
	.id = "phone.number.invalid",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the number is not a valid phone number in any numbering plan"),
	.hint = N_("write the full number with + and the country code, e.g. +55 11 3456-7890"),
	.source = SRC_PHONE,
	.explain = N_("Meta requires a number with a country code and an area code that can receive an SMS or a "
	              "voice call (policy §4.1, phone.country_area_code, confidence M). waba-preflight asks "
	              "libphonenumber, the numbering-plan data Google maintains for Android: a number it cannot parse, "
	              "or whose length or range does not exist in its country's plan, cannot be registered. Garbage "
	              "(letters, empty text, invalid UTF-8, hundreds of digits) is reported here too."),
	.example_bad = "+55 11 1234",
	.example_good = "+55 11 3456-7890",
};

static const struct waba_rule RULE_SHORT_CODE = {
	.id = "phone.number.short_code",
	.severity = WABA_SEV_ERROR,
	.summary = N_("short codes cannot be registered"),
	.hint = N_("use a landline or a mobile number with country and area code"),
	.source = SRC_PHONE,
	.explain = N_("Meta's phone-number requirements say it plainly: short codes are not supported (policy §4.1, "
	              "phone.country_area_code, confidence M). A number that libphonenumber does not accept as a full "
	              "number but knows as a short number of its region (emergency, service or SMS short code) gets "
	              "this rule instead of phone.number.invalid, so the message names what it is."),
	.example_bad = "190 (with --region BR)",
	.example_good = "+55 11 3456-7890",
};

static const struct waba_rule RULE_UNSUPPORTED = {
	.id = "phone.type.unsupported",
	.severity = WABA_SEV_ERROR,
	.summary = N_("this type of number cannot be registered"),
	.hint = N_("use a landline or a mobile number the business owns"),
	.source = SRC_PHONE,
	.explain = N_("The number type comes from libphonenumber; the verdict per type comes from the phone.type set in "
	              "checklists/phone.xml (verdict=\"unsupported\"). Pager and voicemail-access numbers cannot take "
	              "the verification SMS or call, and a valid number of no known type cannot be judged. Premium-rate "
	              "numbers are an error by the project's decision, not Meta's: Meta's 2026 number-type table rates "
	              "them 'SMS not recommended, voice basic' (policy §4.1), while Botmaker's guides ask for a landline "
	              "or a mobile (§7) and a premium-rate line charges the people who call it. A checklist may downgrade "
	              "this with <rule id=\"phone.type.unsupported\" severity=\"warning\"/>."),
	.example_bad = "+1 900 555 0100",
	.example_good = "+1 201 555 0123",
};

static const struct waba_rule RULE_NOT_RECOMMENDED = {
	.id = "phone.type.not_recommended",
	.severity = WABA_SEV_WARNING,
	.summary = N_("Meta does not recommend this type of number: verification may fail"),
	.hint = N_("prefer a landline or a mobile number"),
	.source = SRC_PHONE,
	.explain = N_(
	    "Meta's number-type table (policy §4.1, phone.type.recommendation, confidence M) rates toll-free, "
	    "VoIP and universal-access numbers 'SMS not recommended, voice basic', and shared-cost and personal "
	    "numbers as recommended for neither. They are not forbidden, so this is a warning. Toll-free and IVR "
	    "numbers register only when they accept international calls and the call reaches a person "
	    "(phone.toll_free_ivr); the guidance per type is in checklists/phone.xml."),
	.example_bad = "0800 123 4567 (with --region BR)",
	.example_good = "+55 11 3456-7890",
};

static const struct waba_rule RULE_FIXED_LINE = {
	.id = "phone.type.fixed_line",
	.severity = WABA_SEV_NOTE,
	.summary = N_("a landline is eligible; the verification code will come by voice call"),
	.hint = NULL,
	.source = SRC_PHONE,
	.explain = N_("Landlines are explicitly acceptable (policy §4.1, confidence M) and Botmaker recommends them for "
	              "a business that brings its own number (§7). A landline cannot receive the SMS, so registration "
	              "uses code_method VOICE: someone must answer the call, which may come from abroad."),
	.example_bad = NULL,
	.example_good = "+55 11 3456-7890",
};

static const struct waba_rule RULE_USED_WHATSAPP = {
	.id = "phone.mobile.used_whatsapp",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the mobile number has used WhatsApp recently"),
	.hint = NULL,
	.source = SRC_PHONE,
	.explain = N_("Meta: a number in use on WhatsApp Messenger or the WhatsApp Business app cannot be registered "
	              "until that account is deleted (policy §4.1, phone.not_on_whatsapp, confidence M). Botmaker adds "
	              "that a mobile must not have used WhatsApp in the last 6 months (§7; a Botmaker rule, not found in "
	              "Meta's text, §10.1). The answer comes from --used-whatsapp yes; the months are "
	              "phone.whatsapp.quiet_months in checklists/phone.xml."),
	.example_bad = "+55 11 98765-4321 --used-whatsapp yes",
	.example_good = "+55 11 98765-4321 --used-whatsapp no",
};

static const struct waba_rule RULE_DELETE_APP_ACCOUNT = {
	.id = "phone.whatsapp.delete_app_account",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a number that used WhatsApp must leave the app before it is registered"),
	.hint = NULL,
	.source = SRC_PHONE,
	.explain = N_("Meta: a number in use on WhatsApp Messenger or the WhatsApp Business app cannot be registered "
	              "until that account is deleted (policy §4.1, phone.not_on_whatsapp, confidence M). This applies to "
	              "landlines too (the WhatsApp Business app verifies landlines by voice call). Botmaker's six-month "
	              "rule is stated for mobiles only (§7), so for other types --used-whatsapp yes is a warning that "
	              "asks to delete the app account first, not an error."),
	.example_bad = "+55 11 3456-7890 --used-whatsapp yes",
	.example_good = "+55 11 3456-7890 --used-whatsapp no",
};

static const struct waba_rule RULE_WHATSAPP_UNKNOWN = {
	.id = "phone.mobile.whatsapp_unknown",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a mobile number is eligible only if it has not used WhatsApp recently: answer the question"),
	.hint = NULL,
	.source = SRC_PHONE,
	.explain = N_("Whether a mobile has been on WhatsApp cannot be seen from the number. Without the answer "
	              "(--used-whatsapp yes|no) the number may be refused at registration (Meta, policy §4.1 "
	              "phone.not_on_whatsapp) or by Botmaker's six-month rule (§7), so this is a warning that asks. "
	              "Numbers whose plan does not tell landline from mobile (fixed_line_or_mobile, e.g. the US) are "
	              "asked too."),
	.example_bad = "+55 11 98765-4321",
	.example_good = "+55 11 98765-4321 --used-whatsapp no",
};

static const struct waba_rule RULE_BR_NINE = {
	.id = "phone.br.mobile_nine",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a Brazilian mobile number is missing its ninth digit"),
	.hint = NULL,
	.source = SRC_BR_NINE,
	.explain = N_("Brazilian mobiles have 9 digits after the area code (DDD), starting with 9, since Anatel's "
	              "rollout of 2012 to 2016 (policy §4.2, ANATEL-NEWS, LIBPN). An 8-digit subscriber number that "
	              "becomes a valid mobile once a 9 is put after the DDD is almost surely an old-style mobile: it is "
	              "not a valid number as written, so this is an error that shows the corrected form."),
	.example_bad = "+55 11 8765-4321",
	.example_good = "+55 11 98765-4321",
};

static const struct waba_rule RULE_AR_NINE = {
	.id = "phone.ar.mobile_nine",
	.severity = WABA_SEV_WARNING,
	.summary = N_("an Argentine mobile is written without the 9 that WhatsApp uses after +54"),
	.hint = NULL,
	.source = SRC_WA_INTL,
	.explain = N_("WhatsApp's help centre: in international form an Argentine mobile is +54 9 <area code without 0> "
	              "<number without 15> (policy §4.3, WA-FAQ-INTL). libphonenumber recognises the domestic form "
	              "(0 11 15 ...) and +54 11 15 ... as mobiles and normalises them; the warning shows the form to "
	              "give Meta and Botmaker, since a number written without the 9 is easily taken for a landline."),
	.example_bad = "+54 11 15 2345-6789",
	.example_good = "+54 9 11 2345-6789",
};

static const struct waba_rule RULE_DUPLICATE = {
	.id = "phone.batch.duplicate",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the same number is given more than once"),
	.hint = N_("list each number once"),
	.source = SRC_PHONE,
	.explain = N_("Numbers are compared in E.164 form, so '+55 (11) 3456-7890' and 'tel:+551134567890' are the same "
	              "number. A repeated number is usually a copy-paste slip; a new business portfolio may register only "
	              "2 numbers until it is verified (policy §4.1, phone.limit.per_portfolio), so each should count."),
	.example_bad = "+55 11 3456-7890 and 011 3456 7890 (--region BR)",
	.example_good = "+55 11 3456-7890",
};

static const struct waba_rule RULE_BOTMAKER_SUPPLY = {
	.id = "phone.botmaker.supply",
	.severity = WABA_SEV_NOTE,
	.summary = N_("no number is eligible: Botmaker can supply one"),
	.hint = NULL,
	.source = "https://www.botmaker.com/",
	.explain = N_("Botmaker's onboarding guides (policy §7, BM-GUIDES) say it can provide numbers in Brazil and "
	              "Argentina. When none of the numbers checked is eligible, this note says so, so that the "
	              "activation request can ask for one. The regions are the phone.botmaker.supply set in "
	              "checklists/phone.xml."),
	.example_bad = NULL,
	.example_good = NULL,
};

const struct waba_rule *const waba_rules_phone[] = {
	&RULE_AR_NINE,          &RULE_BOTMAKER_SUPPLY,    &RULE_BR_NINE, &RULE_DUPLICATE,  &RULE_USED_WHATSAPP,
	&RULE_WHATSAPP_UNKNOWN, &RULE_DELETE_APP_ACCOUNT, &RULE_INVALID, &RULE_SHORT_CODE, &RULE_FIXED_LINE,
	&RULE_NOT_RECOMMENDED,  &RULE_UNSUPPORTED,        NULL,
};

/*
 * Messages and hints are texts of checklists/phone.xml (phone.msg.*, phone.guide.*) in
 * pt/es/en, with {name} placeholders filled from the values below.
 */
enum phone_var {
	V_INPUT,
	V_E164,
	V_INTL,
	V_REGION,
	V_CC,
	V_DIGITS,
	V_TYPE,
	V_TYPE_LABEL,
	V_MONTHS,
	V_BYTES,
	V_MAX,
	V_FIXED,
	V_COUNT,
	V_FIRST,
	V_SECOND,
	V_REGIONS,
	V_EXAMPLE,
	V_COUNT_
};
static const char *const var_names[V_COUNT_] = {
	"input", "e164", "intl",  "region", "cc",    "digits", "type",    "type_label", "months",
	"bytes", "max",  "fixed", "count",  "first", "second", "regions", "example",
};

/*
 * What the checks read of one parsed number: waba_check_phone() takes it from
 * waba_phone_parse(); a batch keeps it packed between its two passes (struct packed).
 */
struct phone_seen {
	const char *input;             /* as given */
	struct waba_phone_facts facts; /* libphonenumber's */
	int form;                      /* enum waba_phone_form */
	int international;             /* typed with + or 00 */
	int after_cc_nine;             /* international, and the digits after the country code start with 9 */
	size_t digits;                 /* ASCII digits in what libphonenumber was given */
};

struct phone_ctx {
	struct waba_findings *fs; /* NULL: only the verdict is wanted, no finding is added */
	const struct waba_checklist *cl;
	const struct phone_seen *p;
	const char *where;  /* the report's command: hints are phrased for it (text id.<where>) */
	const char *region; /* the numbers' default region, for parsing again (var_value) */
	const char *var[V_COUNT_];
	char intl[64];          /* V_INTL once worked out */
	char num[V_COUNT_][24]; /* storage for numeric values */
};

static void set_num(struct phone_ctx *c, enum phone_var v, long n)
{
	snprintf(c->num[v], sizeof(c->num[v]), "%ld", n);
	c->var[v] = c->num[v];
}

/*
 * The value of a placeholder. A batch parses without the international form of a valid
 * number (WABA_PHONE_PARSE_NO_INTERNATIONAL: a sixth of libphonenumber's work, and few
 * texts show it): the first text that does has the number parsed again with every fact.
 */
static const char *var_value(struct phone_ctx *c, size_t i)
{
	if (i == V_INTL && c->p && c->p->facts.valid && !c->p->facts.international[0]) {
		if (!c->intl[0]) {
			struct waba_phone again;
			waba_phone_parse(&again, c->p->input, c->region);
			snprintf(c->intl, sizeof(c->intl), "%s", again.facts.international);
			waba_phone_release(&again);
		}
		return c->intl;
	}
	return c->var[i];
}

/* The text `id` of the checklist in the current language with {placeholders} filled. */
static char *expand(struct phone_ctx *c, const char *id)
{
	const char *t = waba_checklist_text_for(c->cl, id, waba_i18n_lang(), c->where);
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	if (!t)
		return NULL;
	while (*t) {
		const char *close = *t == '{' ? strchr(t, '}') : NULL;
		size_t i = V_COUNT_;
		if (close)
			for (i = 0; i < V_COUNT_; i++)
				if (strlen(var_names[i]) == (size_t)(close - t - 1) &&
				    strncmp(t + 1, var_names[i], close - t - 1) == 0)
					break;
		if (i < V_COUNT_) {
			const char *v = var_value(c, i);
			waba_strbuf_adds(&sb, v ? v : "?");
			t = close + 1;
		} else { /* up to the next '{' in one piece */
			const char *open = strchr(t + 1, '{');
			size_t n = open ? (size_t)(open - t) : strlen(t);
			waba_strbuf_add(&sb, t, n);
			t += n;
		}
	}
	return waba_strbuf_detach(&sb);
}

/* Add a finding whose message is phone.msg.<msg> and whose hint is `hint_id` (may be NULL);
 * nothing without c->fs. */
static void add(struct phone_ctx *c, const struct waba_rule *rule, const char *msg, const char *hint_id)
{
	char id[64];
	if (!c->fs)
		return;
	snprintf(id, sizeof(id), "phone.msg.%s", msg);
	char *text = expand(c, id);
	/* a checklist that drops the text still gets a message: the rule's summary */
	struct waba_finding *f = waba_findings_add(c->fs, rule, WABA_LOC_NONE, "%s", text ? text : _(rule->summary));
	free(text);
	if (hint_id && (text = expand(c, hint_id)) != NULL) {
		waba_finding_set_hint(f, "%s", text);
		free(text);
	}
}

/* Valid UTF-8 copy of s, invalid bytes replaced by U+FFFD; cut to `max` bytes plus "..." (0: no cut). */
static char *printable(const char *s, size_t max)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	size_t len = strlen(s), pos = 0, bad = 0;
	while (pos < len) {
		if (waba_utf8_valid(s + pos, len - pos, &bad)) {
			waba_strbuf_add(&sb, s + pos, len - pos);
			break;
		}
		waba_strbuf_add(&sb, s + pos, bad);
		waba_strbuf_adds(&sb, "\xEF\xBF\xBD");
		pos += bad + 1;
	}
	if (max && sb.len > max) {
		size_t cut = max;
		while (cut > 0 && ((unsigned char)sb.buf[cut] & 0xC0) == 0x80)
			cut--; /* do not split a character */
		sb.len = cut;
		waba_strbuf_adds(&sb, "...");
	}
	return waba_strbuf_detach(&sb);
}

/*
 * Brazil: an 8-digit subscriber number that becomes a valid mobile with a 9 after the
 * DDD. Returns 1 (and reports) when that is the case.
 */
static int check_br_nine(struct phone_ctx *c)
{
	const struct waba_phone_facts *f = &c->p->facts;
	long cc = waba_checklist_limit(c->cl, "phone.br.country_code");
	long ddd = waba_checklist_limit(c->cl, "phone.br.area_code_digits");
	if (cc <= 0 || ddd <= 0 || f->parse_error != WABA_PHONE_PARSED || f->country_code != cc || f->valid)
		return 0;
	if (strlen(f->nsn) != (size_t)ddd + 8)
		return 0;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_addf(&sb, "+%ld%.*s9%s", cc, (int)ddd, f->nsn, f->nsn + ddd);
	struct waba_phone fixed;
	waba_phone_parse(&fixed, waba_strbuf_cstr(&sb), NULL);
	waba_strbuf_release(&sb);
	int found = fixed.facts.valid && fixed.facts.type == WABA_PHONE_MOBILE;
	if (found) {
		c->var[V_FIXED] = fixed.facts.international;
		add(c, &RULE_BR_NINE, "br_nine", "phone.hint.br_nine");
		c->var[V_FIXED] = NULL;
	}
	waba_phone_release(&fixed);
	return found;
}

/* Argentina: a mobile typed without "9" after +54 (or in the domestic 0 .. 15 form). */
static void check_ar_nine(struct phone_ctx *c)
{
	const struct waba_phone_facts *f = &c->p->facts;
	long cc = waba_checklist_limit(c->cl, "phone.ar.country_code");
	if (cc <= 0 || f->country_code != cc || f->type != WABA_PHONE_MOBILE)
		return;
	if (!c->p->international)
		add(c, &RULE_AR_NINE, "ar_nine_domestic", "phone.hint.ar_nine");
	else if (!c->p->after_cc_nine)
		add(c, &RULE_AR_NINE, "ar_nine_intl", "phone.hint.ar_nine");
}

static size_t count_digits(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

/* The finding for a number libphonenumber could not parse or does not accept. */
static void report_invalid(struct phone_ctx *c)
{
	static const char *const by_error[] = {
		[WABA_PHONE_ERR_EMPTY] = "empty",
		[WABA_PHONE_ERR_BAD_UTF8] = "bad_utf8",
		[WABA_PHONE_ERR_INPUT_TOO_LONG] = "input_too_long",
		[WABA_PHONE_ERR_NOT_A_NUMBER] = "not_a_number",
		[WABA_PHONE_ERR_TOO_SHORT_AFTER_IDD] = "too_short",
		[WABA_PHONE_ERR_TOO_SHORT] = "too_short",
		[WABA_PHONE_ERR_TOO_LONG] = "too_long",
		[WABA_PHONE_ERR_INTERNAL] = "internal",
	};
	const struct waba_phone_facts *f = &c->p->facts;
	long max = waba_checklist_limit(c->cl, "phone.e164.max_digits");
	size_t digits = c->p->digits;

	if (f->parse_error != WABA_PHONE_PARSED && f->parse_error != WABA_PHONE_ERR_INPUT_TOO_LONG && max > 0 &&
	    (long)digits > max) {
		/* libphonenumber's first complaint about 200 digits would be the country code */
		set_num(c, V_DIGITS, (long)digits);
		set_num(c, V_MAX, max);
		add(c, &RULE_INVALID, "too_many_digits", "phone.guide.no_country");
	} else if (f->parse_error == WABA_PHONE_ERR_EMPTY && c->p->form != WABA_PHONE_FORM_TEXT) {
		add(c, &RULE_INVALID, "no_number_in_link", "phone.guide.no_country");
	} else if (f->parse_error == WABA_PHONE_ERR_COUNTRY_CODE) {
		add(c, &RULE_INVALID, c->p->international ? "unknown_cc" : "no_cc", "phone.guide.no_country");
	} else if (f->parse_error != WABA_PHONE_PARSED) {
		size_t e = (size_t)f->parse_error;
		add(c, &RULE_INVALID,
		    e < sizeof(by_error) / sizeof(by_error[0]) && by_error[e] ? by_error[e] : "not_a_number",
		    "phone.guide.no_country");
	} else if (f->short_code) {
		add(c, &RULE_SHORT_CODE, "short_code", "phone.guide.short_code");
	} else if (c->p->international) {
		/* the country code is there: what is wrong is the rest, so the hint is about the digits */
		const char *hint = c->var[V_EXAMPLE] ? "phone.guide.check_digits" : "phone.guide.check_digits_plain";
		set_num(c, V_DIGITS, (long)strlen(f->nsn));
		if (f->full_length == WABA_PHONE_TOO_SHORT)
			add(c, &RULE_INVALID, "short_digits", hint);
		else if (f->full_length == WABA_PHONE_TOO_LONG)
			add(c, &RULE_INVALID, "long_digits", hint);
		else if (f->possible == WABA_PHONE_IS_POSSIBLE || f->full_length == WABA_PHONE_IS_POSSIBLE)
			add(c, &RULE_INVALID, "no_range", hint);
		else
			add(c, &RULE_INVALID, "bad_length", hint);
	} else if (f->possible == WABA_PHONE_IS_POSSIBLE_LOCAL_ONLY) {
		add(c, &RULE_INVALID, "local_only", "phone.guide.no_country");
	} else if (f->possible == WABA_PHONE_IS_POSSIBLE) {
		add(c, &RULE_INVALID, "no_range", "phone.guide.no_country");
	} else {
		set_num(c, V_DIGITS, (long)strlen(f->nsn));
		add(c, &RULE_INVALID, "bad_length", "phone.guide.no_country");
	}
}

/* Findings for a valid number's type; returns 1 when the type can be registered. */
static int check_type(struct phone_ctx *c, int used_whatsapp)
{
	const struct waba_phone_facts *f = &c->p->facts;
	const struct waba_set_item *it = waba_set_find(waba_checklist_set(c->cl, "phone.type"),
	                                               waba_phone_type_name(f->type));
	const char *verdict = waba_set_item_attr(it, "verdict");
	const char *ask = waba_set_item_attr(it, "ask_whatsapp");
	const char *verification = waba_set_item_attr(it, "verification");
	int eligible = 1;

	if (!verdict || strcmp(verdict, "unsupported") == 0) {
		add(c, &RULE_UNSUPPORTED, "unsupported", "phone.guide.unsupported");
		eligible = 0;
	} else if (strcmp(verdict, "not_recommended") == 0) {
		add(c, &RULE_NOT_RECOMMENDED, "not_recommended",
		    f->type == WABA_PHONE_TOLL_FREE ? "phone.guide.toll_free" : "phone.guide.not_recommended");
	} else if (verification && strcmp(verification, "voice") == 0) {
		add(c, &RULE_FIXED_LINE, "fixed_line", "phone.guide.fixed_line");
	}
	if (eligible && ask && strcmp(ask, "yes") == 0) {
		if (used_whatsapp == 1) {
			add(c, &RULE_USED_WHATSAPP, "used_whatsapp", "phone.guide.used_whatsapp");
			eligible = 0;
		} else if (used_whatsapp < 0) {
			add(c, &RULE_WHATSAPP_UNKNOWN, "whatsapp_unknown", "phone.guide.ask_whatsapp");
		}
	} else if (eligible && used_whatsapp == 1) {
		add(c, &RULE_DELETE_APP_ACCOUNT, "delete_app_account", "phone.guide.delete_app_account");
	}
	return eligible;
}

/* The contract's "phone" item members after "kind" and "input", from the result. */
static void phone_json(cJSON *item, const void *p)
{
	const struct waba_phone_result *res = p;
	waba_item_add_str(item, "e164", res->e164[0] ? res->e164 : NULL);
	waba_item_add_str(item, "region", res->region[0] ? res->region : NULL);
	cJSON_AddStringToObject(item, "type", waba_phone_type_name(res->type));
	cJSON_AddBoolToObject(item, "eligible", res->eligible);
}

const struct waba_result_type waba_phone_result_type = { phone_json, waba_result_free_first_string };

const struct waba_phone_result *waba_report_phone(const struct waba_report *r, size_t i)
{
	return waba_report_result(r, i, &waba_phone_result_type);
}

/* The checks' view of a number waba_phone_parse() gave (borrows p's input). */
static void seen_from(struct phone_seen *s, const struct waba_phone *p)
{
	s->input = p->input;
	s->facts = p->facts;
	s->form = p->form;
	s->international = p->international;
	s->after_cc_nine = p->after_cc[0] == '9';
	s->digits = count_digits(p->cleaned);
}

/*
 * One number's "phone" item and its findings, added to r; the item stays the current
 * one (the caller may add the duplicate finding to it, then ends it). Returns 1 when
 * the number is eligible.
 */
static int check_seen(struct waba_report *r, const struct phone_seen *p, const char *region, int used_whatsapp,
                      const struct waba_checklist *cl)
{
	struct phone_ctx c;
	struct waba_strbuf label_id = WABA_STRBUF_INIT;
	int eligible = 0;

	const struct waba_phone_facts *f = &p->facts;
	char *shown = printable(p->input, 60);
	struct waba_phone_result *res = waba_xcalloc(1, sizeof(*res));
	res->input = printable(p->input, 0);
	memset(&c, 0, sizeof(c));
	c.fs = &r->findings;
	c.cl = cl;
	c.p = p;
	c.where = r->command;
	c.region = region;
	c.var[V_INPUT] = shown;
	c.var[V_EXAMPLE] = f->example[0] ? f->example : NULL;
	c.var[V_E164] = f->e164;
	c.var[V_INTL] = f->international;
	c.var[V_REGION] = f->country_region[0] ? f->country_region : (region ? region : "?");
	c.var[V_TYPE] = waba_phone_type_name(f->type);
	waba_strbuf_addf(&label_id, "phone.type_label.%s", waba_phone_type_name(f->type));
	c.var[V_TYPE_LABEL] = waba_checklist_text(cl, waba_strbuf_cstr(&label_id), waba_i18n_lang());
	if (!c.var[V_TYPE_LABEL])
		c.var[V_TYPE_LABEL] = c.var[V_TYPE];
	set_num(&c, V_CC, f->country_code);
	set_num(&c, V_MONTHS, waba_checklist_limit(cl, "phone.whatsapp.quiet_months"));
	set_num(&c, V_BYTES, (long)strlen(p->input));

	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "phone");
	cJSON_AddStringToObject(item, "input", res->input);
	waba_report_add_item(r, "phone", f->valid ? f->e164 : shown, NULL, item);

	if (f->parse_error != WABA_PHONE_PARSED || !f->valid) {
		if (!check_br_nine(&c))
			report_invalid(&c);
	} else {
		eligible = check_type(&c, used_whatsapp);
		check_ar_nine(&c);
	}
	if (f->valid)
		snprintf(res->e164, sizeof(res->e164), "%s", f->e164);
	const char *reg = f->valid && f->region[0] ? f->region : f->country_region;
	if (f->parse_error == WABA_PHONE_PARSED)
		snprintf(res->region, sizeof(res->region), "%s", reg);
	res->type = f->type;
	res->eligible = eligible;
	waba_report_set_result(r, &waba_phone_result_type, res); /* the item owns it */
	waba_strbuf_release(&label_id);
	free(shown);
	return eligible;
}

int waba_check_phone(struct waba_report *r, const char *number, const char *region, int used_whatsapp,
                     const struct waba_checklist *cl)
{
	struct waba_phone p;
	struct phone_seen s;
	waba_phone_parse(&p, number, region);
	seen_from(&s, &p);
	int eligible = check_seen(r, &s, region, used_whatsapp, cl);
	waba_report_end_item(r);
	waba_phone_release(&p);
	return eligible;
}

/* The finding on the second mention of a number given `count` times (first, second: as typed, printable). */
static void add_duplicate(struct waba_findings *fs, const struct waba_checklist *cl, const char *e164,
                          const char *first, const char *second, size_t count)
{
	struct phone_ctx c;
	memset(&c, 0, sizeof(c));
	c.fs = fs;
	c.cl = cl;
	c.var[V_E164] = e164;
	c.var[V_FIRST] = first;
	c.var[V_SECOND] = second;
	set_num(&c, V_COUNT, (long)count);
	add(&c, &RULE_DUPLICATE, "duplicate", "phone.hint.duplicate");
}

/* The note that Botmaker can supply a number (its regions from the checklist), tied to no item. */
static void add_supply(struct waba_findings *fs, const struct waba_checklist *cl)
{
	const struct waba_set *supply = waba_checklist_set(cl, "phone.botmaker.supply");
	if (!supply || supply->len == 0)
		return;
	struct waba_strbuf regions = WABA_STRBUF_INIT;
	for (size_t i = 0; i < supply->len; i++)
		waba_strbuf_addf(&regions, "%s%s", i ? ", " : "", supply->items[i].value);
	struct phone_ctx c;
	memset(&c, 0, sizeof(c));
	c.fs = fs;
	c.cl = cl;
	c.var[V_REGIONS] = waba_strbuf_cstr(&regions);
	add(&c, &RULE_BOTMAKER_SUPPLY, "botmaker_supply", "phone.guide.botmaker_supply");
	waba_strbuf_release(&regions);
}

static unsigned long long str_hash(const char *s)
{
	unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Where a number given more than once is mentioned again (index i of a list). */
struct mention {
	size_t first;  /* on a number's second mention: 1 + the index of its first; else 0 */
	size_t second; /* on the first mention of a number given twice or more: 1 + the index of its second */
	size_t count;  /* on a first mention: how many times the number is given */
};

/*
 * The mentions of every valid number of a list of n, whose E.164 forms e164_of() gives
 * (NULL: not a valid number): one pass into a hash table on E.164, linear in n.
 */
static struct mention *count_mentions(size_t n, const char *(*e164_of)(const void *list, size_t i), const void *list)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	struct slot {
		unsigned long long hash;
		size_t first; /* 1 + index; 0: empty */
	} *t = waba_xcalloc(cap, sizeof(*t));
	struct mention *m = waba_xcalloc(n ? n : 1, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		const char *e = e164_of(list, i);
		if (!e)
			continue;
		unsigned long long h = str_hash(e);
		size_t k = (size_t)h & (cap - 1);
		while (t[k].first && (t[k].hash != h || strcmp(e164_of(list, t[k].first - 1), e) != 0))
			k = (k + 1) & (cap - 1);
		if (!t[k].first) {
			t[k].hash = h;
			t[k].first = i + 1;
			m[i].count = 1;
		} else if (++m[t[k].first - 1].count == 2) {
			m[t[k].first - 1].second = i + 1;
			m[i].first = t[k].first;
		}
	}
	free(t);
	return m;
}

/* The E.164 form of the report's item i when it is a valid number, else NULL. */
static const char *report_e164(const void *report, size_t i)
{
	const struct waba_phone_result *res = waba_report_phone(report, i);
	return res && res->e164[0] ? res->e164 : NULL;
}

/* Report each number given more than once, on its second mention, in the order of the
 * first mentions. */
static void report_duplicates(struct waba_report *r, const struct waba_checklist *cl)
{
	struct mention *m = count_mentions(r->nitems, report_e164, r);
	for (size_t i = 0; i < r->nitems; i++) {
		if (!m[i].second)
			continue;
		size_t second = m[i].second - 1;
		r->findings.current_item = (int)second;
		add_duplicate(&r->findings, cl, report_e164(r, i), waba_report_phone(r, i)->input,
		              waba_report_phone(r, second)->input, m[i].count);
		waba_report_end_item(r);
	}
	free(m);
}

void waba_check_phone_finish(struct waba_report *r, const struct waba_checklist *cl)
{
	size_t phones = 0, eligible = 0;
	report_duplicates(r, cl);
	for (size_t i = 0; i < r->nitems; i++) {
		const struct waba_phone_result *res = waba_report_phone(r, i);
		phones += res != NULL;
		eligible += res && res->eligible;
	}
	if (phones > 0 && eligible == 0)
		add_supply(&r->findings, cl);
}

/* ---- a batch: every number parsed first, then reported number by number ------------- */

/* A parsed number between the two passes: its facts, the strings packed in the batch's text. */
struct packed {
	size_t text; /* e164, international, region, country_region, nsn, example: each ends in '\0' */
	int country_code;
	signed char parse_error, possible, type, full_length, form;
	unsigned char flags; /* PACKED_* */
	unsigned short digits;
};
enum { PACKED_VALID = 1, PACKED_SHORT_CODE = 2, PACKED_INTERNATIONAL = 4, PACKED_AFTER_CC_NINE = 8 };

struct waba_phone_batch {
	const char *const *numbers; /* the caller's */
	const char *region;         /* the caller's, or NULL */
	int used_whatsapp;
	const struct waba_checklist *cl;
	size_t n;
	struct packed *v;
	struct waba_strbuf text;
	struct mention *mentions; /* of the valid numbers */
	int any_eligible;
};

static void pack(struct waba_phone_batch *b, size_t i, const struct phone_seen *s)
{
	const struct waba_phone_facts *f = &s->facts;
	struct packed *k = &b->v[i];
	const char *strings[] = { f->e164, f->international, f->region, f->country_region, f->nsn, f->example };
	k->text = b->text.len;
	for (size_t j = 0; j < sizeof(strings) / sizeof(strings[0]); j++)
		waba_strbuf_add(&b->text, strings[j], strlen(strings[j]) + 1);
	k->country_code = f->country_code;
	k->parse_error = (signed char)f->parse_error;
	k->possible = (signed char)f->possible;
	k->type = (signed char)f->type;
	k->full_length = (signed char)f->full_length;
	k->form = (signed char)s->form;
	k->flags = (unsigned char)((f->valid ? PACKED_VALID : 0) | (f->short_code ? PACKED_SHORT_CODE : 0) |
	                           (s->international ? PACKED_INTERNATIONAL : 0) |
	                           (s->after_cc_nine ? PACKED_AFTER_CC_NINE : 0));
	k->digits = (unsigned short)s->digits; /* at most the input's 250 bytes and a '+' */
}

/* The next packed string into dst (sized as the facts' member it came from); returns what follows. */
static const char *unpack_str(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
	return src + strlen(src) + 1;
}

static void unpack(const struct waba_phone_batch *b, size_t i, struct phone_seen *s)
{
	const struct packed *k = &b->v[i];
	struct waba_phone_facts *f = &s->facts;
	const char *t = b->text.buf + k->text;
	memset(s, 0, sizeof(*s));
	s->input = b->numbers[i] ? b->numbers[i] : "";
	t = unpack_str(f->e164, sizeof(f->e164), t);
	t = unpack_str(f->international, sizeof(f->international), t);
	t = unpack_str(f->region, sizeof(f->region), t);
	t = unpack_str(f->country_region, sizeof(f->country_region), t);
	t = unpack_str(f->nsn, sizeof(f->nsn), t);
	unpack_str(f->example, sizeof(f->example), t);
	f->country_code = k->country_code;
	f->parse_error = k->parse_error;
	f->possible = k->possible;
	f->type = k->type;
	f->full_length = k->full_length;
	f->valid = (k->flags & PACKED_VALID) != 0;
	f->short_code = (k->flags & PACKED_SHORT_CODE) != 0;
	s->form = k->form;
	s->international = (k->flags & PACKED_INTERNATIONAL) != 0;
	s->after_cc_nine = (k->flags & PACKED_AFTER_CC_NINE) != 0;
	s->digits = k->digits;
}

/* The E.164 form of the batch's number i when it is valid, else NULL. */
static const char *batch_e164(const void *batch, size_t i)
{
	const struct waba_phone_batch *b = batch;
	return b->v[i].flags & PACKED_VALID ? b->text.buf + b->v[i].text : NULL;
}

struct waba_phone_batch *waba_phone_batch_new(const char *const *numbers, size_t n, const char *region,
                                              int used_whatsapp, const struct waba_checklist *cl)
{
	struct waba_phone_batch *b = waba_xcalloc(1, sizeof(*b));
	b->numbers = numbers;
	b->region = region;
	b->used_whatsapp = used_whatsapp;
	b->cl = cl;
	b->n = n;
	b->v = waba_xcalloc(n ? n : 1, sizeof(*b->v));
	for (size_t i = 0; i < n; i++) {
		struct waba_phone p;
		struct phone_seen s;
		waba_phone_parse_with(&p, numbers[i], region, WABA_PHONE_PARSE_NO_INTERNATIONAL);
		seen_from(&s, &p);
		pack(b, i, &s);
		if (!b->any_eligible && s.facts.parse_error == WABA_PHONE_PARSED && s.facts.valid) {
			/* the verdict check_seen() will reach, without its findings */
			struct phone_ctx c;
			memset(&c, 0, sizeof(c));
			c.cl = cl;
			c.p = &s;
			b->any_eligible = check_type(&c, used_whatsapp);
		}
		waba_phone_release(&p);
	}
	b->mentions = count_mentions(n, batch_e164, b);
	return b;
}

void waba_phone_batch_head(const struct waba_phone_batch *b, struct waba_report *r)
{
	waba_report_end_item(r);
	if (b->n > 0 && !b->any_eligible)
		add_supply(&r->findings, b->cl);
}

int waba_phone_batch_check(const struct waba_phone_batch *b, size_t i, struct waba_report *r)
{
	struct phone_seen s;
	unpack(b, i, &s);
	int eligible = check_seen(r, &s, b->region, b->used_whatsapp, b->cl);
	if (b->mentions[i].first) {
		size_t first = b->mentions[i].first - 1;
		char *a = printable(b->numbers[first] ? b->numbers[first] : "", 0), *c = printable(s.input, 0);
		add_duplicate(&r->findings, b->cl, s.facts.e164, a, c, b->mentions[first].count);
		free(a);
		free(c);
	}
	waba_report_end_item(r);
	return eligible;
}

void waba_phone_batch_free(struct waba_phone_batch *b)
{
	if (!b)
		return;
	free(b->v);
	free(b->mentions);
	waba_strbuf_release(&b->text);
	free(b);
}
