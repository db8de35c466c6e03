/*
 * phone_parse.c: from what people paste to libphonenumber's facts. Handles the
 * wrappers libphonenumber does not (tel: URIs, wa.me and api.whatsapp.com links, the
 * "00" international prefix when no region is given), refuses what must not reach it
 * (invalid UTF-8, oversized input) and records how the number was typed.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include "parse/phone_shim.h"
#include "waba/phone.h"
#include "waba/strbuf.h"
#include "waba/text.h"

/* libphonenumber refuses longer input itself (kMaxInputStringLength); stop before it. */
#define PHONE_INPUT_MAX 250

static const char *const type_names[] = {
	"fixed_line",  "mobile",  "fixed_line_or_mobile", "toll_free", "premium_rate",
	"shared_cost", "voip",    "personal_number",      "pager",     "uan",
	"voicemail",   "unknown",
};

const char *waba_phone_type_name(int type)
{
	if (type < 0 || type > WABA_PHONE_UNKNOWN)
		type = WABA_PHONE_UNKNOWN;
	return type_names[type];
}

int waba_phone_region_known(const char *region)
{
	return waba_phone_call_region_known(region);
}

static int starts_nocase(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* The number inside a WhatsApp click-to-chat link, as "+digits"; NULL when s is no such link. */
static char *from_wa_link(const char *s)
{
	static const char *const schemes[] = { "https://", "http://", "whatsapp://", "" };
	static const char *const hosts[] = { "www.wa.me/", "wa.me/", "api.whatsapp.com/send", "web.whatsapp.com/send",
		                             "send" };
	const char *p = NULL;
	int path_form = 0;
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]) && !p; i++) {
		if (!starts_nocase(s, schemes[i]))
			continue;
		const char *rest = s + strlen(schemes[i]);
		for (size_t j = 0; j < sizeof(hosts) / sizeof(hosts[0]); j++) {
			/* "send" alone only after whatsapp:// */
			if (strcmp(hosts[j], "send") == 0 && strcmp(schemes[i], "whatsapp://") != 0)
				continue;
			if (starts_nocase(rest, hosts[j])) {
				p = rest + strlen(hosts[j]);
				path_form = strstr(hosts[j], "wa.me/") != NULL;
				break;
			}
		}
	}
	if (!p)
		return NULL;
	if (!path_form) {
		const char *q = strstr(p, "phone=");
		if (!q || (q[-1] != '?' && q[-1] != '&'))
			return waba_xstrdup(""); /* a link without a number */
		p = q + 6;
	}
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_addc(&sb, '+');
	if (strncasecmp(p, "%2B", 3) == 0)
		p += 3;
	else if (*p == '+')
		p++;
	for (; *p && !strchr("?#&/", *p); p++)
		waba_strbuf_addc(&sb, *p);
	return waba_strbuf_detach(&sb);
}

/* "00 54 9 ..." -> "+54 9 ..."; NULL when s does not start with 00. */
static char *idd_to_plus(const char *s)
{
	if (s[0] != '0' || s[1] != '0')
		return NULL;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_addc(&sb, '+');
	waba_strbuf_adds(&sb, s + 2);
	return waba_strbuf_detach(&sb);
}

/* ASCII digits of an international number after its country code. */
static char *digits_after_cc(const char *cleaned, int country_code)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	size_t skip = 0;
	for (int cc = country_code; cc > 0; cc /= 10)
		skip++;
	for (const char *p = cleaned; *p; p++)
		if (isdigit((unsigned char)*p)) {
			if (skip)
				skip--;
			else
				waba_strbuf_addc(&sb, *p);
		}
	return waba_strbuf_detach(&sb);
}

void waba_phone_parse(struct waba_phone *out, const char *input, const char *region)
{
	waba_phone_parse_with(out, input, region, 0);
}

void waba_phone_parse_with(struct waba_phone *out, const char *input, const char *region, unsigned flags)
{
	size_t len = input ? strlen(input) : 0, bad = 0;
	memset(out, 0, sizeof(*out));
	out->input = waba_xstrdup(input ? input : "");
	out->facts.type = WABA_PHONE_UNKNOWN;
	out->after_cc = waba_xstrdup("");
	if (len > PHONE_INPUT_MAX) {
		out->facts.parse_error = WABA_PHONE_ERR_INPUT_TOO_LONG;
		out->cleaned = waba_xstrdup("");
		return;
	}
	if (!waba_utf8_valid(out->input, len, &bad)) {
		out->facts.parse_error = WABA_PHONE_ERR_BAD_UTF8;
		out->cleaned = waba_xstrdup("");
		return;
	}
	/* region codes are upper case to libphonenumber; application files may say "br" */
	char reg[8] = "";
	for (size_t i = 0; region && region[i] && i + 1 < sizeof(reg); i++)
		reg[i] = (char)toupper((unsigned char)region[i]);
	region = reg[0] ? reg : NULL;
	char *s = waba_xstrdup_trim(out->input), *link;
	if (starts_nocase(s, "tel:")) {
		out->form = WABA_PHONE_FORM_TEL_URI;
		char *t = waba_xstrndup(s + 4, strcspn(s + 4, ";"));
		free(s);
		s = waba_xstrdup_trim(t);
		free(t);
	} else if ((link = from_wa_link(s)) != NULL) {
		out->form = WABA_PHONE_FORM_WA_LINK;
		free(s);
		s = link;
		if (strcmp(s, "+") == 0)
			s[0] = '\0'; /* "https://wa.me/": a link without a number */
	}
	out->cleaned = s;
	if (!*s) {
		out->facts.parse_error = WABA_PHONE_ERR_EMPTY;
		return;
	}
	char *plus = idd_to_plus(s);
	if (plus && !(region && *region)) {
		/* no region: "00" can only be the international prefix */
		out->cleaned = plus;
		free(s);
		plus = NULL;
	}
	waba_phone_call_parse(out->cleaned, region, flags, &out->facts);
	if (plus) {
		/* a region was given, but its own rules found nothing valid: try "00" as "+" */
		struct waba_phone_facts alt;
		if (!out->facts.valid && waba_phone_call_parse(plus, region, flags, &alt) == WABA_PHONE_PARSED &&
		    alt.valid) {
			out->facts = alt;
			free(out->cleaned);
			out->cleaned = plus;
			plus = NULL;
		}
		free(plus);
	}
	out->international = out->cleaned[0] == '+';
	if (out->international && out->facts.parse_error == WABA_PHONE_PARSED) {
		free(out->after_cc);
		out->after_cc = digits_after_cc(out->cleaned, out->facts.country_code);
	}
}

void waba_phone_release(struct waba_phone *p)
{
	free(p->input);
	free(p->cleaned);
	free(p->after_cc);
	memset(p, 0, sizeof(*p));
}
