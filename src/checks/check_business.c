/*
 * check_business.c: the `business.` rules: the Business Manager ID's format, and the
 * extraction of the ID from a pasted Business Manager URL.
 * Limits come from checklists/business.xml.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "waba/business.h"
#include "waba/i18n.h"
#include "waba/strbuf.h"

#define SRC_BIZ "https://developers.facebook.com/documentation/ads-commerce/marketing-api/reference/business"

static const struct waba_rule RULE_ID_FORMAT = {
	.id = "business.id.format",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a Business Manager ID is a number: digits only, no sign, no leading zero"),
	.hint = N_("copy the ID from Business Settings > Business info (business.facebook.com/settings/info)"),
	.source = SRC_BIZ,
	.explain = N_("Meta's Graph API documents the Business node's id as a numeric string. Botmaker's activation "
	              "request needs this ID (policy §7); anything with letters, a sign or a leading zero is not an "
	              "ID Meta issues. Limits: business.id.min_digits and business.id.max_digits in "
	              "checklists/business.xml. No length is documented by Meta, so the bounds are wide (5 to 20)."),
	.example_bad = "BM-17560137977232",
	.example_good = "175601379772329",
};

static const struct waba_rule RULE_ID_LENGTH = {
	.id = "business.id.length",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the ID is shorter or longer than Business Manager IDs seen in practice"),
	.hint = N_("check that you copied the whole Business Manager ID and not another ID (WABA, page, app)"),
	.source = SRC_BIZ,
	.explain = N_("Business Manager IDs in Meta's documentation and in public code are 15 or 16 digits long, but "
	              "Meta documents no length (policy §5: unconfirmed), so an ID outside 15 to 17 digits is a "
	              "warning, not an error."),
	.example_bad = "12345678",
	.example_good = "175601379772329",
};

static const struct waba_rule RULE_ID_NORMALIZED = {
	.id = "business.id.normalized",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the ID was extracted from what was pasted"),
	.hint = NULL,
	.source = "https://business.facebook.com/settings/info",
	.explain = N_("People paste the Business Settings URL or an ID with spaces; waba-preflight extracts the "
	              "business_id and says what it did, so the value that goes into the request is the bare ID."),
	.example_bad = "https://business.facebook.com/settings/info?business_id=175601379772329",
	.example_good = "175601379772329",
};

static const struct waba_rule RULE_ID_OTHER = {
	.id = "business.id.other_id",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the URL carries another kind of ID, not the Business Manager ID"),
	.hint = N_("open Business Settings > Business info and copy the ID shown there, or a URL with business_id="),
	.source = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/partner-led-business-verification",
	.explain = N_("WhatsApp Business Account IDs (asset_id, waba_id) and phone-number IDs are different numbers of "
	              "the same length as the Business Manager ID (policy §5, business.id.where). Botmaker needs "
	              "the Business Manager ID; sending a WABA ID delays the activation."),
	.example_bad = "https://business.facebook.com/wa/manage/home/?waba_id=102290129340398",
	.example_good = "https://business.facebook.com/settings/info?business_id=175601379772329",
};

static const struct waba_rule RULE_VERIFICATION = {
	.id = "business.verification.status",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the business portfolio is not verified by Meta"),
	.hint = NULL,
	.source = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/partner-led-business-verification",
	.explain = N_("Botmaker activates an account only for a verified Business Manager (policy §7), so every "
	              "verification_status other than 'verified' is an error, 'pending' included: nothing can be "
	              "activated until the review ends. The hint says what to do for each value Meta defines "
	              "(not_verified, pending, pending_submission, pending_need_more_info, rejected, failed, expired, "
	              "revoked, ineligible; texts business.status.* in checklists/business.xml). Meta documents only "
	              "the list of values, not their meaning (policy §5, §10 item 7): the guidance is our reading of "
	              "the names and of Botmaker's process (not verified -> start; pending -> wait 2 to 4 days; "
	              "rejected -> read the reason and resend the documents)."),
	.example_bad = "verification_status: not_verified",
	.example_good = "verification_status: verified",
};

static const struct waba_rule RULE_VERIFIED_NEXT = {
	.id = "business.verification.next_step",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the business portfolio is verified; the next step is Botmaker's request"),
	.hint = NULL,
	.source = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/partner-led-business-verification",
	.explain = N_("Once Meta shows the business as verified, activation starts when the business accepts the "
	              "request Botmaker sends to its Business Manager (Business Settings > Requests > Received); "
	              "without it nothing proceeds (policy §7, Botmaker's four activation steps). The wording is the "
	              "text business.status.verified in checklists/business.xml."),
	.example_bad = NULL,
	.example_good = "verification_status: verified",
};

static const struct waba_rule RULE_ID_UNKNOWN = {
	.id = "business.id.unknown",
	.severity = WABA_SEV_ERROR,
	.summary = N_("Meta does not know this Business Manager ID"),
	.hint = N_(
	    "copy the ID again from Business Settings > Business info (business.facebook.com/settings/info); it is not the WABA or phone-number ID"),
	.source = "https://developers.facebook.com/docs/graph-api/guides/error-handling",
	.explain = N_("With --online, the Graph API answers error 803 (\"Some of the aliases you requested do not "
	              "exist\") for an ID that names no object: the ID is well formed but no business has it, usually "
	              "a typo or another kind of ID. That is a finding on the ID (exit status 1), not a failure to "
	              "run; other \"not found\" answers (100 with subcode 33) may also mean the token cannot see the "
	              "business, so they stay a could-not-run reason (policy §5.1; 803 is known from SDK tests and "
	              "Meta's error answers, confidence O)."),
	.meta_codes = "803",
	.example_bad = "business --online 123456789012345 (an ID no business has)",
	.example_good = "business --online 506914307656634",
};

const struct waba_rule *const waba_rules_business[] = {
	&RULE_ID_FORMAT,    &RULE_ID_LENGTH,     &RULE_ID_NORMALIZED, &RULE_ID_OTHER,
	&RULE_VERIFICATION, &RULE_VERIFIED_NEXT, &RULE_ID_UNKNOWN,    NULL,
};

/* Value of query parameter `name` in url, or NULL; caller frees. */
static char *query_param(const char *url, const char *name)
{
	size_t nlen = strlen(name);
	for (const char *p = strchr(url, '?'); p; p = strpbrk(p + 1, "&#?")) {
		if (strncmp(p + 1, name, nlen) == 0 && p[1 + nlen] == '=') {
			const char *v = p + 2 + nlen;
			return waba_xstrndup(v, strcspn(v, "&#"));
		}
	}
	return NULL;
}

void waba_business_input_parse(struct waba_business_input *out, const char *input)
{
	static const char *const other_params[] = { "asset_id", "waba_id", "phone_number_id", "page_id", "app_id" };
	memset(out, 0, sizeof(*out));
	out->input = waba_xstrdup(input);
	char *s = waba_xstrdup_trim(input);
	if (strstr(s, "://") || strncmp(s, "business.facebook.com", 21) == 0 || strchr(s, '?')) {
		char *v = query_param(s, "business_id");
		if (v) {
			out->from_url = 1;
			out->id = v;
		} else {
			for (size_t i = 0; i < sizeof(other_params) / sizeof(other_params[0]); i++)
				if ((v = query_param(s, other_params[i])) != NULL) {
					out->other_param = waba_xstrdup(other_params[i]);
					free(v);
					break;
				}
		}
		free(s);
		return;
	}
	/* An ID typed with grouping: "1756 0137 9772 329", "175.601.379.772.329" */
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	/* a sign is never a separator: "-175601379772329" is not an ID */
	int only_digits_and_separators = *s != '\0' && *s != '-' && *s != '+';
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			waba_strbuf_addc(&sb, *p);
		else if (*p == ' ' || *p == '.' || *p == '-' || *p == '\t')
			out->stripped = 1;
		else
			only_digits_and_separators = 0;
	}
	if (only_digits_and_separators && sb.len) {
		out->id = waba_strbuf_detach(&sb);
		free(s);
	} else {
		waba_strbuf_release(&sb);
		out->stripped = 0;
		out->id = s; /* as typed: the format rule will say what is wrong */
	}
}

void waba_business_input_release(struct waba_business_input *b)
{
	free(b->input);
	free(b->id);
	free(b->other_param);
	memset(b, 0, sizeof(*b));
}

/* 1 when the ID is well-formed; adds the format findings otherwise. */
static int check_id_format(struct waba_findings *fs, const char *id, const struct waba_checklist *cl)
{
	long min = waba_checklist_limit(cl, "business.id.min_digits");
	long max = waba_checklist_limit(cl, "business.id.max_digits");
	size_t len = strlen(id);
	struct waba_finding *f;

	if (len == 0) {
		waba_findings_add(fs, &RULE_ID_FORMAT, WABA_LOC_NONE, "%s", _("the Business Manager ID is empty"));
		return 0;
	}
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)id[i])) {
			if (i == 0 && (id[0] == '-' || id[0] == '+'))
				f = waba_findings_add(fs, &RULE_ID_FORMAT, WABA_LOC_NONE,
				                      _("'%s' has a sign; a Business Manager ID is digits only"), id);
			else
				f = waba_findings_add(
				    fs, &RULE_ID_FORMAT, WABA_LOC_NONE,
				    _("'%s' is not a Business Manager ID: it contains '%c'; only digits are allowed"),
				    id, id[i]);
			(void)f;
			return 0;
		}
	if (id[0] == '0') {
		waba_findings_add(fs, &RULE_ID_FORMAT, WABA_LOC_NONE,
		                  _("'%s' starts with 0; Business Manager IDs never do"), id);
		return 0;
	}
	if ((min > 0 && (long)len < min) || (max > 0 && (long)len > max)) {
		waba_findings_add(fs, &RULE_ID_FORMAT, WABA_LOC_NONE,
		                  waba_ngettext("'%.40s%s' has %zu digit; a Business Manager ID has %ld to %ld",
		                                "'%.40s%s' has %zu digits; a Business Manager ID has %ld to %ld", len),
		                  id, len > 40 ? "..." : "", len, min, max);
		return 0;
	}
	return 1;
}

static void check_id_length(struct waba_findings *fs, const char *id, const struct waba_checklist *cl)
{
	long lo = waba_checklist_limit(cl, "business.id.typical_min_digits");
	long hi = waba_checklist_limit(cl, "business.id.typical_max_digits");
	long len = (long)strlen(id);
	if ((lo > 0 && len < lo) || (hi > 0 && len > hi))
		waba_findings_add(fs, &RULE_ID_LENGTH, WABA_LOC_NONE,
		                  _("'%s' has %ld digits; Business Manager IDs usually have %ld to %ld"), id, len, lo,
		                  hi);
}

static void check_verification(struct waba_findings *fs, const char *status, const struct waba_checklist *cl)
{
	const struct waba_set *set = waba_checklist_set(cl, "business.verification_status");
	const struct waba_set_item *it = waba_set_find_nocase(set, status);
	const char *verdict = waba_set_item_attr(it, "verdict");
	struct waba_strbuf key = WABA_STRBUF_INIT;
	struct waba_finding *f;

	/* the status as a person reads it in the report's language (label_* in the set) */
	const char *shown = it ? waba_set_item_label(it, waba_i18n_lang()) : status;

	if (verdict && strcmp(verdict, "ok") == 0)
		f = waba_findings_add(fs, &RULE_VERIFIED_NEXT, WABA_LOC_NONE, "%s", _("the business is verified"));
	else
		f = waba_findings_add(fs, &RULE_VERIFICATION, WABA_LOC_NONE,
		                      _("the business verification status is '%s'"), shown);
	waba_strbuf_addf(&key, "business.status.%s", it ? it->value : "unknown");
	const char *guide = waba_checklist_text(cl, waba_strbuf_cstr(&key), waba_i18n_lang());
	if (guide)
		waba_finding_set_hint(f, "%s", guide);
	waba_strbuf_release(&key);
}

int waba_business_id_valid(const char *id, const struct waba_checklist *cl)
{
	struct waba_findings scratch = WABA_FINDINGS_INIT;
	int ok = id && check_id_format(&scratch, id, cl);
	waba_findings_release(&scratch);
	return ok;
}

static void business_result_free(void *p)
{
	struct waba_business_result *res = p;
	free(res->input);
	free(res->id);
	free(res->verification_status);
	free(res->name);
	free(res);
}

/* The contract's "business" item members after "kind" and "input", from the result. */
static void business_json(cJSON *item, const void *p)
{
	const struct waba_business_result *res = p;
	if (!res->known)
		cJSON_AddBoolToObject(item, "known", 0);
	waba_item_add_str(item, "id", res->id);
	cJSON_AddBoolToObject(item, "valid", res->valid);
	waba_item_add_str(item, "verification_status", res->verification_status);
	if (res->asked)
		waba_item_add_str(item, "name", res->name);
}

const struct waba_result_type waba_business_result_type = { business_json, business_result_free };

const struct waba_business_result *waba_report_business(const struct waba_report *r, size_t i)
{
	return waba_report_result(r, i, &waba_business_result_type);
}

/* What is known about the ID besides the input: Meta's answer when it was asked. */
struct business_given {
	const char *verification_status; /* or NULL */
	const char *name;                /* or NULL */
	int asked;                       /* Meta answered (the name is stated) */
	long unknown_code;               /* Meta said no such ID (its error code), else 0 */
};

static int check_business(struct waba_report *r, const char *input, const struct business_given *g,
                          const struct waba_checklist *cl);

int waba_check_business(struct waba_report *r, const char *input, const char *verification_status,
                        const struct waba_checklist *cl)
{
	const struct business_given g = { verification_status, NULL, 0, 0 };
	return check_business(r, input, &g, cl);
}

int waba_check_business_graph(struct waba_report *r, const char *input, const char *verification_status,
                              const char *name, const struct waba_checklist *cl)
{
	const struct business_given g = { verification_status, name, 1, 0 };
	return check_business(r, input, &g, cl);
}

int waba_check_business_unknown(struct waba_report *r, const char *input, long graph_code, const struct waba_checklist *cl)
{
	const struct business_given g = { NULL, NULL, 0, graph_code ? graph_code : 803 };
	return check_business(r, input, &g, cl);
}

static int check_business(struct waba_report *r, const char *input, const struct business_given *g,
                          const struct waba_checklist *cl)
{
	struct waba_business_input b;
	struct waba_findings *fs = &r->findings;
	const char *verification_status = g->verification_status;
	long unknown_code = g->unknown_code;
	int valid = 0;

	waba_business_input_parse(&b, input);
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "business");
	cJSON_AddStringToObject(item, "input", input);
	waba_report_add_item(r, "business", b.id && *b.id ? b.id : input, NULL, item);

	if (b.other_param) {
		waba_findings_add(fs, &RULE_ID_OTHER, WABA_LOC_NONE,
		                  _("the URL has '%s' but no business_id: that is not the Business Manager ID"),
		                  b.other_param);
	} else if (!b.id) {
		waba_findings_add(fs, &RULE_ID_FORMAT, WABA_LOC_NONE, "%s", _("no business_id= found in the URL"));
	} else if ((valid = check_id_format(fs, b.id, cl))) {
		check_id_length(fs, b.id, cl);
		if (b.from_url)
			waba_findings_add(fs, &RULE_ID_NORMALIZED, WABA_LOC_NONE,
			                  _("took the ID %s from the URL's business_id parameter"), b.id);
		else if (b.stripped)
			waba_findings_add(fs, &RULE_ID_NORMALIZED, WABA_LOC_NONE,
			                  _("removed spaces and separators: the ID is %s"), b.id);
		if (verification_status)
			check_verification(fs, verification_status, cl);
		if (unknown_code) {
			struct waba_finding *f = waba_findings_add(fs, &RULE_ID_UNKNOWN, WABA_LOC_NONE,
			                                           _("Meta's Graph API does not know the ID %s (error %ld)"),
			                                           b.id, unknown_code);
			const char *todo = waba_checklist_text(cl, "graph.error.not_found", waba_i18n_lang());
			if (todo)
				waba_finding_set_hint(f, "%s", todo);
		}
	}
	struct waba_business_result *res = waba_xcalloc(1, sizeof(*res));
	res->input = waba_report_str(input);
	res->id = valid ? waba_report_str(b.id) : NULL;
	res->valid = valid;
	res->known = !unknown_code;
	res->verification_status = waba_report_str(verification_status);
	res->asked = g->asked;
	res->name = waba_report_str(g->name);
	waba_report_set_result(r, &waba_business_result_type, res); /* the item owns it */
	waba_report_end_item(r);
	waba_business_input_release(&b);
	return 0;
}
