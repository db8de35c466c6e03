/*
 * check_profile.c: the `profile.` rules: the business-profile fields of an application
 * against Meta's limits (policy §3). Limits, the vertical list and the free e-mail
 * providers come from checklists/profile.xml.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/email.h"
#include "waba/i18n.h"
#include "waba/profile.h"
#include "waba/strbuf.h"
#include "waba/text.h"

#define SRC_PROF \
	"https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/business-profiles"

static const struct waba_rule RULE_ABOUT_LENGTH = {
	.id = "profile.about.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile's about text must have 1 to 139 characters"),
	.hint = N_("write one short sentence about the business"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference: about is required, 1 to 139 characters, on the Cloud API and "
	              "On-Premises alike (policy §3 profile.about.length; limits profile.about.min/max in "
	              "checklists/profile.xml). Characters are counted as Unicode code points."),
	.example_bad = "\"about\": \"\"",
	.example_good = "\"about\": \"Móveis planejados e decoração em São Paulo desde 1998.\"",
};

static const struct waba_rule RULE_ABOUT_MARKDOWN = {
	.id = "profile.about.markdown",
	.severity = WABA_SEV_WARNING,
	.summary = N_("formatting markers in the about text are shown as they are"),
	.hint = N_("remove the *, _, ~ or ` markers"),
	.source = SRC_PROF,
	.explain = N_("Meta's reference says the about text is shown without formatting, so WhatsApp's *bold*, _italic_, "
	              "~strike~ and `code` markers appear literally (policy §3 profile.about.markdown; set "
	              "profile.markdown)."),
	.example_bad = "\"about\": \"*Os melhores* móveis\"",
	.example_good = "\"about\": \"Móveis planejados em São Paulo\"",
};

static const struct waba_rule RULE_ADDRESS_LENGTH = {
	.id = "profile.address.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile's address is longer than 256 characters"),
	.hint = N_("keep street, number, district, city, state and postal code only"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference limits address to 256 characters (Cloud API and On-Premises; "
	              "policy §3 profile.address.length; limit profile.address.max)."),
	.example_bad = "a 300-character address",
	.example_good = "\"address\": \"Rua Augusta, 1500 - Consolação, São Paulo - SP, 01304-001\"",
};

static const struct waba_rule RULE_DESCRIPTION_LENGTH = {
	.id = "profile.description.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile's description is longer than 512 characters"),
	.hint = N_("shorten the description"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference limits description to 512 characters (policy §3 "
	              "profile.description.length; limit profile.description.max)."),
	.example_bad = "a 600-character description",
	.example_good = "a 200-character description",
};

static const struct waba_rule RULE_DESCRIPTION_BSP = {
	.id = "profile.description.bsp_length",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the description is longer than some BSP dashboards accept (256 characters)"),
	.hint = N_("keep it under 256 characters if the profile is edited in a BSP's dashboard"),
	.source = "https://developer.vonage.com/en/messages/whatsapp-provisioning/manage-profile",
	.explain = N_("CONFLICT (policy §3 profile.description.length): Meta states 512 characters, Vonage's dashboard "
	              "documentation 256. Between the two the API accepts it but a dashboard may not, hence a warning "
	              "(limit profile.description.bsp_max)."),
	.example_bad = "a 300-character description",
	.example_good = "a 200-character description",
};

static const struct waba_rule RULE_EMAIL_FORMAT = {
	.id = "profile.email.format",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile's e-mail is not a valid address of at most 128 characters"),
	.hint = N_("write one address such as contato@empresa.com.br"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference requires a valid e-mail address format, at most 128 characters "
	              "(policy §3 profile.email.format; limit profile.email.max). The syntax is RFC 5322's dot-atom "
	              "local part and a DNS domain, as the e-mail composer accepts it."),
	.example_bad = "\"email\": \"contato@casaaurora\"",
	.example_good = "\"email\": \"contato@casaaurora.com.br\"",
};

static const struct waba_rule RULE_EMAIL_DOMAIN = {
	.id = "profile.email.domain",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the profile's e-mail is not at the website's domain"),
	.hint = NULL,
	.source = SRC_PROF,
	.explain = N_("Meta does not require it, but its reviewers and customers tie a business to its domain: an "
	              "e-mail at the website's domain supports the display name's relationship with the business "
	              "(policy §1.1 display_name.relation.external_reference) and the accurate contact details the "
	              "Business Messaging Policy asks for (§3 profile.contact_present). A warning, with a specific hint "
	              "for free providers (set profile.email.free_domains)."),
	.example_bad = "\"email\": \"casaaurora@gmail.com\" with website https://www.casaaurora.com.br",
	.example_good = "\"email\": \"contato@casaaurora.com.br\"",
};

static const struct waba_rule RULE_WEBSITES_COUNT = {
	.id = "profile.websites.count",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile has more than 2 websites"),
	.hint = N_("keep the two most important addresses (the site and, say, the online store)"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference accepts at most 2 websites (policy §3 profile.websites.count; "
	              "limit profile.websites.max_count)."),
	.example_bad = "\"websites\": [\"https://a.com.br\", \"https://b.com.br\", \"https://c.com.br\"]",
	.example_good = "\"websites\": [\"https://www.casaaurora.com.br\"]",
};

static const struct waba_rule RULE_WEBSITES_SCHEME = {
	.id = "profile.websites.scheme",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a website must start with http:// or https://"),
	.hint = N_("write the full address, starting with https://"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference requires each website to include the http:// or https:// "
	              "prefix (policy §3 profile.websites.scheme); an address without a host is not a website either."),
	.example_bad = "\"websites\": [\"www.casaaurora.com.br\"]",
	.example_good = "\"websites\": [\"https://www.casaaurora.com.br\"]",
};

static const struct waba_rule RULE_WEBSITES_LENGTH = {
	.id = "profile.websites.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a website address is longer than 256 characters"),
	.hint = N_("use the site's home page, without tracking parameters"),
	.source = SRC_PROF,
	.explain = N_("Meta's business-profile reference limits each website to 256 characters (policy §3 "
	              "profile.websites.length; limit profile.websites.max_length)."),
	.example_bad = "https://www.casaaurora.com.br/?utm_source=...(300 characters)",
	.example_good = "https://www.casaaurora.com.br",
};

static const struct waba_rule RULE_CONTACT = {
	.id = "profile.contact.missing",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the profile gives customers no e-mail and no website"),
	.hint = N_("add the profile's email or a website"),
	.source = "https://business.whatsapp.com/policy",
	.explain = N_("The WhatsApp Business Messaging Policy asks the profile to carry accurate customer-support "
	              "contact information: an e-mail, a website or a phone number (policy §3 profile.contact_present). "
	              "The WhatsApp number itself does not count as a way to reach a person outside WhatsApp, hence a "
	              "warning when both e-mail and websites are missing."),
	.example_bad = "\"profile\": {\"about\": \"...\"}",
	.example_good = "\"profile\": {\"about\": \"...\", \"email\": \"contato@casaaurora.com.br\"}",
};

static const struct waba_rule RULE_VERTICAL = {
	.id = "profile.vertical.value",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the category (vertical) is not one of Meta's values"),
	.hint = NULL,
	.source = SRC_PROF,
	.explain = N_("The Cloud API's vertical is one of 21 values (ALCOHOL ... TRAVEL; policy §3 profile.vertical.enum, "
	              "set profile.verticals). Meta's sample value \"INDUSTRY\" is a placeholder, and a label such as "
	              "\"Shopping and retail\" must be sent as its value (RETAIL); the hint names the value when the "
	              "text is a label or differs only in case."),
	.example_bad = "\"vertical\": \"Furniture\"",
	.example_good = "\"vertical\": \"RETAIL\"",
};

static const struct waba_rule RULE_VERTICAL_LEGACY = {
	.id = "profile.vertical.legacy",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the category (vertical) is a value only older APIs use"),
	.hint = N_("choose one of Meta's current values, OTHER if none fits"),
	.source = SRC_PROF,
	.explain = N_("UNDEFINED and NOT_A_BIZ appear in older SDKs but not in Meta's current list (policy §3 "
	              "profile.vertical.enum: accept with a warning)."),
	.example_bad = "\"vertical\": \"UNDEFINED\"",
	.example_good = "\"vertical\": \"OTHER\"",
};

static const struct waba_rule RULE_VERTICAL_REGULATED = {
	.id = "profile.vertical.regulated",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the category is a regulated vertical"),
	.hint = N_("check that messaging about it is allowed in the business's country before applying"),
	.source = "https://business.whatsapp.com/policy",
	.explain = N_("ALCOHOL, OTC_DRUGS, ONLINE_GAMBLING and PHYSICAL_GAMBLING may message only in some countries "
	              "or with Meta's permission, and get no commerce features (policy §3 profile.vertical.regulated, "
	              "§6.3; attribute regulated in set profile.verticals)."),
	.example_bad = "\"vertical\": \"ALCOHOL\"",
	.example_good = "\"vertical\": \"RETAIL\"",
};

static const struct waba_rule RULE_VERTICAL_MISSING = {
	.id = "profile.vertical.missing",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the profile has no category (vertical)"),
	.hint = N_("add \"vertical\": one of Meta's values, e.g. RETAIL"),
	.source = SRC_PROF,
	.explain = N_("Meta accepts an empty vertical (policy §3 profile.vertical.enum), but the category is shown on the "
	              "profile and Botmaker's form asks for it."),
	.example_bad = "\"profile\": {}",
	.example_good = "\"profile\": {\"vertical\": \"RETAIL\"}",
};

const struct waba_rule *const waba_rules_profile[] = {
	&RULE_ABOUT_LENGTH,    &RULE_ABOUT_MARKDOWN,     &RULE_ADDRESS_LENGTH,   &RULE_DESCRIPTION_LENGTH,
	&RULE_DESCRIPTION_BSP, &RULE_EMAIL_FORMAT,       &RULE_EMAIL_DOMAIN,     &RULE_WEBSITES_COUNT,
	&RULE_WEBSITES_SCHEME, &RULE_WEBSITES_LENGTH,    &RULE_CONTACT,          &RULE_VERTICAL,
	&RULE_VERTICAL_LEGACY, &RULE_VERTICAL_REGULATED, &RULE_VERTICAL_MISSING, NULL,
};

struct ctx {
	const struct waba_application *app;
	const struct waba_checklist *cl;
	struct waba_findings *fs;
	struct waba_profile_result *res;
};

static size_t chars(const struct waba_app_str *f)
{
	return waba_utf8_length(f->value, strlen(f->value));
}

/* A field's length in characters for the result; -1 when the field is absent. */
static long length_of(const struct waba_app_str *f)
{
	return f->value ? (long)chars(f) : -1;
}

static void profile_result_free(void *p)
{
	struct waba_profile_result *res = p;
	free(res->email);
	free(res->input);
	for (size_t i = 0; i < res->nwebsites; i++)
		free(res->websites[i]);
	free(res->websites);
	free(res->vertical);
	free(res->vertical_label);
	free(res);
}

static void put_length(cJSON *item, const char *key, long n)
{
	if (n >= 0)
		cJSON_AddNumberToObject(item, key, (double)n);
	else
		cJSON_AddNullToObject(item, key);
}

/* The contract's "profile" item members after "kind" and "input", from the result. */
static void profile_json(cJSON *item, const void *p)
{
	const struct waba_profile_result *res = p;
	put_length(item, "about_length", res->about_length);
	put_length(item, "address_length", res->address_length);
	put_length(item, "description_length", res->description_length);
	waba_item_add_str(item, "email", res->email);
	cJSON *arr = cJSON_AddArrayToObject(item, "websites");
	for (size_t i = 0; i < res->nwebsites; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(res->websites[i]));
	waba_item_add_str(item, "vertical", res->vertical);
	waba_item_add_str(item, "vertical_label", res->vertical_label);
}

const struct waba_result_type waba_profile_result_type = { profile_json, profile_result_free };

const struct waba_profile_result *waba_report_profile(const struct waba_report *r, size_t i)
{
	return waba_report_result(r, i, &waba_profile_result_type);
}

/* Finding when f has more than `limit_id` characters. */
static void check_max(struct ctx *c, const struct waba_app_str *f, const char *limit_id, const struct waba_rule *rule,
                      const char *field)
{
	long max = waba_checklist_limit(c->cl, limit_id);
	size_t n;
	if (!f->value || max < 0 || (n = chars(f)) <= (size_t)max)
		return;
	waba_findings_add(c->fs, rule, waba_application_loc(c->app, f),
	                  _("the profile's %s has %zu characters; the limit is %ld"), field, n, max);
}

static void check_about(struct ctx *c)
{
	const struct waba_app_str *f = &c->app->profile.about;
	long min = waba_checklist_limit(c->cl, "profile.about.min");
	c->res->about_length = length_of(f);
	if (!f->value) {
		if (!f->present) /* a wrong type was reported by the parser */
			waba_findings_add(c->fs, &RULE_ABOUT_LENGTH, waba_application_loc(c->app, f), "%s",
			                  _("the profile has no 'about' text; Meta requires one"));
		return;
	}
	if (min > 0 && chars(f) < (size_t)min)
		waba_findings_add(c->fs, &RULE_ABOUT_LENGTH, waba_application_loc(c->app, f), "%s",
		                  _("the profile's about text is empty; Meta requires at least one character"));
	check_max(c, f, "profile.about.max", &RULE_ABOUT_LENGTH, "about text");
	/* formatting markers: "```", or a pair *x* / _x_ / ~x~ around text */
	const struct waba_set *marks = waba_checklist_set(c->cl, "profile.markdown");
	const char *s = f->value;
	for (size_t i = 0; marks && i < marks->len; i++) {
		const char *m = marks->items[i].value;
		size_t ml = strlen(m);
		for (const char *p = strstr(s, m); p; p = strstr(p + ml, m)) {
			const char *close = ml == 1 ? strchr(p + 1, m[0]) : p;
			if (ml == 1 && (!close || close == p + 1 || isspace((unsigned char)p[1]) ||
			                isspace((unsigned char)close[-1])))
				continue;
			size_t at = (size_t)(p - s);
			waba_findings_add(c->fs, &RULE_ABOUT_MARKDOWN, waba_application_str_loc(c->app, f, at, at + ml),
			                  _("the about text uses the formatting marker '%s', which the profile shows as it is"),
			                  m);
			return;
		}
	}
}

/* Host of an http(s) URL, lower case, without "www."; NULL if none. Caller frees. */
static char *url_host(const char *url)
{
	const char *p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	if (!n)
		return NULL;
	char *h = waba_xstrndup(p, n);
	for (char *q = h; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	if (strncmp(h, "www.", 4) == 0)
		memmove(h, h + 4, strlen(h + 4) + 1);
	return h;
}

/* a == b, or one is a subdomain of the other */
static int same_site(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la == lb)
		return strcasecmp(a, b) == 0;
	const char *longer = la > lb ? a : b, *shorter = la > lb ? b : a;
	size_t ll = la > lb ? la : lb, ls = la > lb ? lb : la;
	return longer[ll - ls - 1] == '.' && strcasecmp(longer + ll - ls, shorter) == 0;
}

static void check_email(struct ctx *c)
{
	const struct waba_app_str *f = &c->app->profile.email;
	long max = waba_checklist_limit(c->cl, "profile.email.max");
	if (!f->value)
		return;
	c->res->email = waba_report_str(f->value);
	if (!waba_email_addr_valid(f->value) || (max > 0 && strlen(f->value) > (size_t)max)) {
		waba_findings_add(c->fs, &RULE_EMAIL_FORMAT, waba_application_loc(c->app, f),
		                  _("the profile's e-mail '%s' is not a valid address"), f->value);
		return;
	}
	/* the domain against the website's (the application's website, else the profile's first) */
	const struct waba_app_str *site = c->app->website.value       ? &c->app->website
	                                  : c->app->profile.nwebsites ? &c->app->profile.websites[0]
	                                                              : NULL;
	char *host = site ? url_host(site->value) : NULL;
	const char *domain = strrchr(f->value, '@') + 1;
	if (host && !same_site(domain, host)) {
		const struct waba_set *free_domains = waba_checklist_set(c->cl, "profile.email.free_domains");
		struct waba_finding *fd = waba_findings_add(c->fs, &RULE_EMAIL_DOMAIN,
		                                            waba_application_str_loc(c->app, f,
		                                                                     (size_t)(domain - f->value),
		                                                                     strlen(f->value)),
		                                            _("the profile's e-mail is at '%s', the website at '%s'"),
		                                            domain, host);
		if (free_domains && waba_set_find_nocase(free_domains, domain))
			waba_finding_set_hint(
			    fd,
			    _("'%s' is a free e-mail provider; an address such as contato@%s shows the e-mail belongs to the business"),
			    domain, host);
		else
			waba_finding_set_hint(
			    fd, _("use an address at %s, or check that the website in the application is the business's"),
			    host);
	}
	free(host);
}

static void check_websites(struct ctx *c)
{
	const struct waba_app_profile *p = &c->app->profile;
	long max_count = waba_checklist_limit(c->cl, "profile.websites.max_count");
	c->res->websites = waba_xcalloc(p->nwebsites + 1, sizeof(*c->res->websites));
	if (max_count >= 0 && p->nwebsites > (size_t)max_count)
		waba_findings_add(c->fs, &RULE_WEBSITES_COUNT, waba_application_loc(c->app, &p->websites[max_count]),
		                  _("the profile has %zu websites; Meta accepts at most %ld"), p->nwebsites, max_count);
	for (size_t i = 0; i < p->nwebsites; i++) {
		const struct waba_app_str *w = &p->websites[i];
		char *host = url_host(w->value);
		c->res->websites[c->res->nwebsites++] = waba_report_str(w->value);
		if ((strncasecmp(w->value, "http://", 7) != 0 && strncasecmp(w->value, "https://", 8) != 0) || !host ||
		    strchr(w->value, ' '))
			waba_findings_add(c->fs, &RULE_WEBSITES_SCHEME, waba_application_loc(c->app, w),
			                  _("the website '%s' must be a full address starting with http:// or https://"),
			                  w->value);
		free(host);
		check_max(c, w, "profile.websites.max_length", &RULE_WEBSITES_LENGTH, "website");
	}
}

/* The item of `set` whose label (any language) is `text`, ignoring case and accents. */
static const struct waba_set_item *find_label(const struct waba_set *set, const char *text)
{
	static const char *const labels[] = { "label_en", "label_pt", "label_es" };
	char *want = waba_text_fold(text, strlen(text));
	const struct waba_set_item *hit = NULL;
	for (size_t i = 0; !hit && i < set->len; i++)
		for (size_t k = 0; !hit && k < 3; k++) {
			const char *l = waba_set_item_attr(&set->items[i], labels[k]);
			char *fl = l ? waba_text_fold(l, strlen(l)) : NULL;
			if (fl && strcmp(fl, want) == 0)
				hit = &set->items[i];
			free(fl);
		}
	free(want);
	return hit;
}

static void check_vertical(struct ctx *c)
{
	const struct waba_app_str *f = &c->app->profile.vertical;
	const struct waba_set *set = waba_checklist_set(c->cl, "profile.verticals");
	const struct waba_set_item *it;
	if (!f->value || !*f->value) {
		if (!f->present || (f->value && !*f->value))
			waba_findings_add(c->fs, &RULE_VERTICAL_MISSING, waba_application_loc(c->app, f), "%s",
			                  _("the profile has no category (vertical)"));
		return;
	}
	c->res->vertical = waba_report_str(f->value);
	if (!set)
		return;
	if ((it = waba_set_find(set, f->value)) != NULL) {
		c->res->vertical_label = waba_report_str(waba_set_item_label(it, waba_i18n_lang()));
		if (waba_set_item_attr(it, "legacy"))
			waba_findings_add(c->fs, &RULE_VERTICAL_LEGACY, waba_application_loc(c->app, f),
			                  _("the category '%s' is not in Meta's current list"), f->value);
		if (waba_set_item_attr(it, "regulated"))
			waba_findings_add(c->fs, &RULE_VERTICAL_REGULATED, waba_application_loc(c->app, f),
			                  _("the category '%s' is a regulated vertical"), f->value);
		return;
	}
	struct waba_finding *fd = waba_findings_add(c->fs, &RULE_VERTICAL, waba_application_loc(c->app, f),
	                                            _("the category '%s' is not one of Meta's values"), f->value);
	if ((it = waba_set_find_nocase(set, f->value)) != NULL || (it = find_label(set, f->value)) != NULL) {
		waba_finding_set_hint(fd, _("write it as '%s'"), it->value);
	} else {
		struct waba_strbuf sb = WABA_STRBUF_INIT;
		for (size_t i = 0; i < set->len; i++)
			if (!waba_set_item_attr(&set->items[i], "legacy"))
				waba_strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", set->items[i].value);
		waba_finding_set_hint(fd, _("use one of %s"), waba_strbuf_cstr(&sb));
		waba_strbuf_release(&sb);
	}
}

int waba_check_profile(struct waba_report *r, const struct waba_application *app, const struct waba_checklist *cl)
{
	const struct waba_app_profile *p = &app->profile;
	const char *file = app->src ? app->src->name : NULL;
	struct ctx c = { app, cl, &r->findings, NULL };
	if (!p->present)
		return 0;
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "profile");
	file ? cJSON_AddStringToObject(item, "input", file) : cJSON_AddNullToObject(item, "input");
	waba_report_add_item(r, "profile", app->display_name.value ? app->display_name.value : "profile", file, item);
	c.res = waba_xcalloc(1, sizeof(*c.res));
	c.res->input = waba_report_str(file);
	if (r->views)
		waba_report_set_view(r, waba_view_profile(app));
	check_about(&c);
	c.res->address_length = length_of(&p->address);
	check_max(&c, &p->address, "profile.address.max", &RULE_ADDRESS_LENGTH, "address");
	c.res->description_length = length_of(&p->description);
	check_max(&c, &p->description, "profile.description.max", &RULE_DESCRIPTION_LENGTH, "description");
	long bsp = waba_checklist_limit(cl, "profile.description.bsp_max");
	long max = waba_checklist_limit(cl, "profile.description.max");
	if (p->description.value && bsp > 0 && chars(&p->description) > (size_t)bsp &&
	    (max < 0 || chars(&p->description) <= (size_t)max))
		waba_findings_add(c.fs, &RULE_DESCRIPTION_BSP, waba_application_loc(app, &p->description),
		                  _("the description has %zu characters; some BSP dashboards accept only %ld"),
		                  chars(&p->description), bsp);
	check_email(&c);
	check_websites(&c);
	if (!p->email.value && !p->nwebsites)
		waba_findings_add(c.fs, &RULE_CONTACT, waba_application_loc_at(app, p->off), "%s",
		                  _("the profile gives customers no e-mail and no website"));
	check_vertical(&c);
	waba_report_set_result(r, &waba_profile_result_type, c.res); /* the item owns it */
	waba_report_end_item(r);
	return 0;
}
