/*
 * check_email.c: the `email.` rules: is the activation request complete (policy §7),
 * and is every value taken from the user safe to put into the message?
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "waba/email.h"
#include "waba/i18n.h"
#include "waba/text.h"

#define SRC_BOTMAKER "https://botmaker.com"
#define SRC_RFC5322 "https://www.rfc-editor.org/rfc/rfc5322"

static const struct waba_rule RULE_CONTROL = {
	.id = "email.value.control",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a value contains a line break or control character that cannot go into the e-mail"),
	.hint = N_("remove line breaks, tabs and other control characters from this value"),
	.source = SRC_RFC5322 "#section-2.2",
	.explain = N_("Header fields (RFC 5322 section 2.2) end at CR LF: a display name, contact name, address or file "
	              "name holding a line break would start a header of its own (header injection: an extra Bcc, a "
	              "forged From). Values that go into headers may hold no control character at all; values that "
	              "go into the body may hold line breaks and tabs but no other control character (they are "
	              "invisible and make mail filters suspicious). Certain: this is the message format itself."),
	.example_bad = "\"contact\": {\"name\": \"Ana\\r\\nBcc: everyone@example.com\"}",
	.example_good = "\"contact\": {\"name\": \"Ana Souza\"}",
};

static const struct waba_rule RULE_ADDRESS = {
	.id = "email.address.invalid",
	.severity = WABA_SEV_ERROR,
	.summary = N_("an e-mail address of the request is not a valid address"),
	.hint = N_("write a plain address such as name@example.com, without a display name or spaces"),
	.source = SRC_RFC5322 "#section-3.4.1",
	.explain = N_("The request is sent from the contact person's address to Botmaker's activation address (or "
	              "--to); both go into the From/To headers and the SMTP envelope, so each must be an addr-spec "
	              "(RFC 5322 section 3.4.1) in ASCII: local part, '@', a domain with at least one dot. Certain."),
	.example_bad = "ana.souza@@example",
	.example_good = "ana.souza@example.com.br",
};

static const struct waba_rule RULE_MISSING = {
	.id = "email.content.missing",
	.severity = WABA_SEV_ERROR,
	.summary = N_("something Botmaker's activation request needs is missing"),
	.hint = N_("fill in the field in the application file"),
	.source = SRC_BOTMAKER,
	.explain = N_("Botmaker's onboarding guides (policy §7, BM-GUIDES, 2020) ask the activation e-mail to carry the "
	              "Business Manager ID, the phone numbers to use and the WhatsApp profile with a square photo; a "
	              "contact person is needed to receive Botmaker's answer and the request it sends to the "
	              "Business Manager. Without any of these the request goes back and forth. The list is "
	              "Botmaker's own, from its guides; it is not published as a web page. When the request is "
	              "read from an application file, a field that is absent is input.application.missing "
	              "(one rule, one place) and this rule reports the ones that are present but blank."),
	.example_bad = "\"contact\": {\"name\": \"  \", \"email\": \"ana@example.com.br\"}",
	.example_good = "\"contact\": {\"name\": \"Ana Souza\", \"email\": \"ana@example.com.br\"}",
};

static const struct waba_rule RULE_PROFILE = {
	.id = "email.profile.incomplete",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a profile text Botmaker's guide lists is empty"),
	.hint = N_("add the field to the application's profile, or say in the e-mail why it stays empty"),
	.source = SRC_BOTMAKER,
	.explain = N_("Botmaker's guide (policy §7) lists the profile texts to send: about, address, business "
	              "description, category, contact e-mail and website. Meta lets most of them stay empty, and "
	              "it is not confirmed that Botmaker refuses a request without them, so this is a warning. "
	              "For an application file the profile.* rules already report a missing about text, a "
	              "missing category and a profile with neither e-mail nor website; this rule adds the rest."),
	.example_bad = "\"profile\": {\"about\": \"\"}",
	.example_good = "\"profile\": {\"about\": \"Atendimento de segunda a sexta\"}",
};

static const struct waba_rule RULE_FORCED = {
	.id = "email.forced",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the request was built with --force while errors remain"),
	.hint = N_("fix the errors and build the request again, or tell Botmaker how they will be solved"),
	.source = SRC_BOTMAKER,
	.explain = N_("waba-preflight refuses to build the activation request while an error-level finding remains, "
	              "because each one is a reason for Botmaker or Meta to send it back (policy §7: the requirements "
	              "and the four activation steps). --force builds it anyway and lists the open items at the top "
	              "of the body, so the recipient sees them."),
	.example_bad = "waba-preflight email application.json --force   (with open errors)",
	.example_good = "waba-preflight email application.json",
};

const struct waba_rule *const waba_rules_email[] = {
	&RULE_ADDRESS, &RULE_MISSING, &RULE_FORCED, &RULE_PROFILE, &RULE_CONTROL, NULL,
};

/* `what` names a field as its key is written in the application file (docs/application.md). */
static void check_control(struct waba_findings *fs, const char *what, const struct waba_email_field *f, int header)
{
	if (!f->value)
		return;
	size_t len = strlen(f->value);
	size_t bad = header ? waba_email_header_unsafe(f->value, len) : waba_email_body_unsafe(f->value, len);
	if (!bad)
		return;
	int32_t cp = -1;
	waba_utf8_decode(f->value + bad - 1, len - (bad - 1), &cp);
	if (cp < 0)
		waba_findings_add(fs, &RULE_CONTROL, f->loc, _("'%s' is not valid UTF-8 at byte %zu"), what, bad - 1);
	else
		waba_findings_add(fs, &RULE_CONTROL, f->loc, _("'%s' contains the control character U+%04X at byte %zu"),
		                  what, (unsigned)cp, bad - 1);
}

static int present(const struct waba_email_field *f)
{
	if (!f->value)
		return 0;
	for (const char *p = f->value; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 1;
	return 0;
}

static void check_missing(struct waba_findings *fs, const char *what, const struct waba_email_field *f,
                          const struct waba_rule *rule)
{
	if (!present(f))
		waba_findings_add(fs, rule, f->loc, _("'%s' is missing"), what);
}

/* A field the application requires: absent is the parser's finding, blank is ours. */
static void check_required(struct waba_findings *fs, const struct waba_email_request *req, const char *what,
                           const struct waba_email_field *f)
{
	if (!(req->from_application && !f->value) && !present(f))
		waba_findings_add(fs, &RULE_MISSING, f->loc, _("'%s' is missing"), what);
}

static void check_address(struct waba_findings *fs, const char *what, const struct waba_email_field *f)
{
	if (present(f) && !waba_email_header_unsafe(f->value, strlen(f->value)) && !waba_email_addr_valid(f->value))
		waba_findings_add(fs, &RULE_ADDRESS, f->loc, _("'%s' is not a valid e-mail address: '%s'"), what,
		                  f->value);
}

int waba_check_email(const struct waba_email_request *req, const struct waba_checklist *cl, struct waba_findings *fs)
{
	(void)cl;
	/* header-bound values: display name (Subject), contact (From), recipient (To), photo (file name) */
	check_control(fs, "display_name", &req->display_name, 1);
	check_control(fs, "contact.name", &req->contact_name, 1);
	check_control(fs, "contact.email", &req->contact_email, 1);
	check_control(fs, "to", &req->to, 1);
	check_control(fs, "photo", &req->photo_path, 1);
	/* body values */
	check_control(fs, "business_id", &req->business_id, 0);
	check_control(fs, "profile.about", &req->about, 0);
	check_control(fs, "profile.address", &req->address, 0);
	check_control(fs, "profile.description", &req->description, 0);
	check_control(fs, "profile.vertical", &req->category, 0);
	check_control(fs, "profile.email", &req->email, 0);
	check_control(fs, "contact.phone", &req->contact_phone, 0);
	for (size_t i = 0; i < req->nwebsites; i++)
		check_control(fs, "profile.websites", &req->websites[i], 0);
	for (size_t i = 0; i < req->nphones; i++) {
		check_control(fs, "numbers[].number", &req->phones[i].number, 0);
		check_control(fs, "numbers[].purpose", &req->phones[i].purpose, 0);
	}

	check_required(fs, req, "business_id", &req->business_id);
	if (req->nphones == 0 && !req->from_application)
		waba_findings_add(fs, &RULE_MISSING, WABA_LOC_NONE, _("'%s' is missing"), "numbers");
	check_required(fs, req, "display_name", &req->display_name);
	check_required(fs, req, "photo", &req->photo_path);
	check_required(fs, req, "contact.name", &req->contact_name);
	check_required(fs, req, "contact.email", &req->contact_email);
	check_address(fs, "contact.email", &req->contact_email);
	check_address(fs, "to", &req->to);

	/* From an application, the profile family already reports a missing about text
	 * (profile.about.length), category (profile.vertical.missing), and a profile with
	 * neither e-mail nor website (profile.contact.missing): one rule, one place. */
	if (!req->from_application) {
		check_missing(fs, "profile.about", &req->about, &RULE_PROFILE);
		check_missing(fs, "profile.vertical", &req->category, &RULE_PROFILE);
	}
	check_missing(fs, "profile.address", &req->address, &RULE_PROFILE);
	check_missing(fs, "profile.description", &req->description, &RULE_PROFILE);
	if (!req->from_application || present(&req->email) || req->nwebsites > 0) {
		check_missing(fs, "profile.email", &req->email, &RULE_PROFILE);
		if (req->nwebsites == 0)
			waba_findings_add(fs, &RULE_PROFILE, WABA_LOC_NONE, _("'%s' is missing"), "profile.websites");
	}
	return 0;
}

int waba_email_finding_open(const struct waba_report *r, const struct waba_finding *f)
{
	if (f->severity != WABA_SEV_ERROR)
		return 0;
	if (strncmp(f->rule->id, "template.", 9) == 0)
		return 0;
	if (f->item >= 0 && (size_t)f->item < r->nitems && strcmp(r->items[f->item].kind, "template") == 0)
		return 0;
	return 1;
}

size_t waba_email_open_count(const struct waba_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->findings.len; i++)
		n += (size_t)waba_email_finding_open(r, &r->findings.v[i]);
	return n;
}

void waba_email_note_forced(struct waba_findings *fs, size_t open)
{
	waba_findings_add(fs, &RULE_FORCED, WABA_LOC_NONE,
	                  waba_ngettext("the request was built with %zu open error (--force); the body lists it",
	                                "the request was built with %zu open errors (--force); the body lists them", open),
	                  open);
}

/* The contract's "email" item members after "kind", from the result. */
static void email_json(cJSON *item, const void *p)
{
	const struct waba_email_result *res = p;
	waba_item_add_str(item, "output", res->output);
	cJSON_AddBoolToObject(item, "sent", res->sent);
}

const struct waba_result_type waba_email_result_type = { email_json, waba_result_free_first_string };
