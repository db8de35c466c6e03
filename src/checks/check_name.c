/*
 * check_name.c: the `name.` rules: Meta's display-name guidelines (policy §1) applied to
 * one display name, and its consistency with the legal name and the website's brand.
 * Word lists, characters and limits come from checklists/names.xml (and the shared
 * "promotional" and "prohibited" lists of checklists/terms.*.xml).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "waba/i18n.h"
#include "waba/name.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "../core/input_rules.h"

#define SRC_DNG "https://www.facebook.com/business/help/757569725593362"
#define SRC_FAQ "https://faq.whatsapp.com/mr/android/26000091/?category=5245246&lang=de"
#define SRC_BM "https://help.botmaker.com/en/help/8717730687200028172"

static const struct waba_rule RULE_LENGTH_MIN = {
	.id = "name.length.min",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name is shorter than 3 characters"),
	.hint = N_("use the business's name as it appears on its website"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's naming FAQ, Meta's display-name guidelines and Botmaker all ask for at least 3 "
	              "characters (policy §1.1 display_name.length.min; limit name.length.min in checklists/names.xml)."),
	.example_bad = "AB",
	.example_good = "ABC Wine Glasses",
};

static const struct waba_rule RULE_LENGTH_MAX = {
	.id = "name.length.max",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name is longer than BSPs accept"),
	.hint = N_("keep the business's name only, without a description"),
	.source = "https://www.twilio.com/docs/api/errors/63124",
	.explain = N_("Meta publishes no maximum length (policy §1.1 display_name.length.max and §10 item 2: "
	              "unconfirmed); Twilio accepts 1 to 255 characters. A warning, since only BSPs state it; a name "
	              "that long is also a slogan or description, which Meta rejects."),
	.example_bad = "a 300-character name",
	.example_good = "Casa Aurora Móveis",
};

static const struct waba_rule RULE_NO_LETTERS = {
	.id = "name.no_letters",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name has no letters"),
	.hint = N_("use the business's name as it appears on its website"),
	.source = SRC_DNG,
	.explain = N_("A display name must represent the business, its service, product or department (policy §1.1); "
	              "digits and punctuation alone name nothing, and Meta's review reasons include names too general "
	              "to identify a business (§1.2)."),
	.example_bad = "123-456",
	.example_good = "Casa Aurora 24h",
};

static const struct waba_rule RULE_WHITESPACE = {
	.id = "name.whitespace",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name has extra spaces"),
	.hint = N_("use exactly one space between words, none at the start or end"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's naming FAQ and Botmaker ask for one space between words and no other spacing "
	              "changes (policy §1.1 display_name.whitespace). A warning: a brand written with its own spacing "
	              "is accepted when it is written that way elsewhere."),
	.example_bad = "Casa  Aurora ",
	.example_good = "Casa Aurora",
};

static const struct waba_rule RULE_EMOJI = {
	.id = "name.emoji",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name contains an emoji"),
	.hint = N_("remove the emoji"),
	.source = SRC_DNG,
	.explain = N_("Meta's guidelines, WhatsApp's FAQ, Botmaker and Twilio's error 63124 all list emoji as a reason "
	              "to reject a display name (policy §1.1 display_name.emoji)."),
	.example_bad = "Casa Aurora 🛋",
	.example_good = "Casa Aurora",
};

static const struct waba_rule RULE_SYMBOLS = {
	.id = "name.symbols",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name contains a symbol such as ®, ™ or ©"),
	.hint = N_("remove the symbol; the registered name is enough"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's naming FAQ and Botmaker exclude symbol characters (policy §1.1 display_name.symbols). "
	              "A warning: the formatting rules are waived for a name branded that way elsewhere."),
	.example_bad = "Casa Aurora®",
	.example_good = "Casa Aurora",
};

static const struct waba_rule RULE_PUNCTUATION = {
	.id = "name.punctuation",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name contains punctuation WhatsApp does not allow"),
	.hint = N_("remove the punctuation, unless the brand is written with it everywhere"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's naming FAQ lists ~ ! @ # $ % ^ & * ( ) _ + : ; \" ' { } [ ] \\ | < > , / ? as not "
	              "allowed, and runs of punctuation are a common rejection (policy §1.1 display_name.punctuation; "
	              "set name.punctuation in checklists/names.xml). An apostrophe inside a word (Tammy's, Lil' "
	              "Cupcakes) is accepted by Meta's own examples. Emoji and the joiners and variation selectors "
	              "inside them are not punctuation (name.emoji reports them). A warning, as the brand exception "
	              "applies."),
	.example_bad = "Casa Aurora!!",
	.example_good = "Tammy's Burritos and Tacos",
};

static const struct waba_rule RULE_URL = {
	.id = "name.url",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name is written as a web address or e-mail"),
	.hint = N_("write the business's name without www., .com or @"),
	.source = SRC_DNG,
	.explain = N_("Meta's current guidelines reject names formatted as a website or e-mail, to prevent phishing "
	              "(policy §1.1 display_name.url_or_email: https://minnismuffins.net, sarahssportinggoods.com and "
	              "hello@freshproducejuices.com are Meta's own rejected examples). Top-level domains: set name.tlds."),
	.example_bad = "sarahssportinggoods.com",
	.example_good = "Sarah's Sporting Goods",
};

static const struct waba_rule RULE_META_BRAND = {
	.id = "name.meta_brand",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name refers to Meta or one of its apps"),
	.hint = N_("remove the reference to Meta, WhatsApp, Facebook, Instagram or Messenger"),
	.source = SRC_DNG,
	.explain = N_("A display name must not reference Meta or its family of apps, in any spelling (policy §1.1 "
	              "display_name.meta_brand; Meta rejects \"Minni's Muffins - Meta\", \"Minni's Muffins WhatsApp\" and "
	              "\"Minni's Muffins pop-up on Facebook\"). List: name.meta_brands in checklists/names.xml."),
	.example_bad = "Minni's Muffins WhatsApp",
	.example_good = "Minni's Muffins",
};

static const struct waba_rule RULE_OFFICIAL = {
	.id = "name.official",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name claims to be official or verified"),
	.hint = N_("remove \"official\" / \"verified\"; the approved name is shown without them"),
	.source = SRC_DNG,
	.explain = N_("Meta's current guidelines reject Official and Verified in a name because they suggest an "
	              "endorsed status (policy §1.1 display_name.verified_official: \"Fresh Produce official account\" and "
	              "\"Verified Minni's Muffins\" are Meta's rejected examples); Oficial and Verificado are the pt/es "
	              "words. List: name.official."),
	.example_bad = "Verified Minni's Muffins",
	.example_good = "Minni's Muffins",
};

static const struct waba_rule RULE_PROMO = {
	.id = "name.promotional",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name contains promotional wording"),
	.hint = N_("keep the business's name only; say it in the profile's description or a template instead"),
	.source = SRC_DNG,
	.explain = N_("A display name reflects the business's name only, without advertising (policy §1.1 "
	              "display_name.slogan_or_promo: \"Sarah's Sporting Goods – 20% off sale\" and \"... Best rated "
	              "sporting goods store in Texas, US\" are Meta's rejected examples). Lists: promotional "
	              "(terms.*.xml), name.promotional and name.percent_words (names.xml)."),
	.example_bad = "Sarah's Sporting Goods – 20% off sale",
	.example_good = "Sarah's Sporting Goods",
};

static const struct waba_rule RULE_PROHIBITED = {
	.id = "name.policy.prohibited",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name advertises goods WhatsApp's policies prohibit"),
	.hint = N_(
	    "a division selling prohibited goods cannot have a WhatsApp Business account; name the compliant business"),
	.source = "https://business.whatsapp.com/policy",
	.explain = N_("A display name must not violate the WhatsApp Business Messaging Policy (policy §1.1 "
	              "display_name.policy.prohibited_line: Meta rejects \"Sarah's Sporting Goods Shop – Guns department\"). "
	              "Words come from the shared prohibited list (terms.*.xml) without the tags in "
	              "name.prohibited.skip_tags (alcohol is regulated, not prohibited, since 2024, §6.3). A warning, "
	              "since a word is not proof of what is sold."),
	.example_bad = "Sarah's Sporting Goods Shop – Guns department",
	.example_good = "Sarah's Sporting Goods Shop",
};

static const struct waba_rule RULE_CAPS_ALL = {
	.id = "name.caps.all",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name is written in capitals"),
	.hint = N_("capitalise only the first letter of each word; acronyms may stay in capitals"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's FAQ rejects all-capital names except acronyms (\"SWEET TREATS\" rejected, \"ABC Wine "
	              "Glasses\" fine; policy §1.1 display_name.all_caps). Words shorter than name.caps.min_word are "
	              "taken as acronyms. A warning: a brand written in capitals everywhere may keep them."),
	.example_bad = "SWEET TREATS",
	.example_good = "Sweet Treats",
};

static const struct waba_rule RULE_CAPS_RANDOM = {
	.id = "name.caps.random",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a word of the display name mixes capitals at random"),
	.hint = N_("write the word as the brand writes it elsewhere, usually with one initial capital"),
	.source = SRC_FAQ,
	.explain = N_("Meta asks for grammatically correct capitalisation that matches the brand (policy §1.1 "
	              "display_name.capitalization.grammatical); \"excessive capitals\" is a reported rejection reason "
	              "(§1.2). A word that switches from lower to upper case twice or more (\"sWeEt\") is flagged; one "
	              "switch (iPhone, McDonald) is a common brand style and passes."),
	.example_bad = "CaSa AuRoRa",
	.example_good = "Casa Aurora",
};

static const struct waba_rule RULE_CAPS_LOWER = {
	.id = "name.caps.lower",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name has no capital letters"),
	.hint = N_("start each word with a capital letter (small words such as \"and\", \"de\" stay lower case)"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's FAQ says the first letter of each word is capitalised; \"missing initial capitals\" "
	              "is a reported rejection reason (policy §1.1, §1.2). A warning: a brand written in lower case "
	              "everywhere may keep it."),
	.example_bad = "casa aurora móveis",
	.example_good = "Casa Aurora Móveis",
};

static const struct waba_rule RULE_CAPS_MINOR = {
	.id = "name.caps.minor_word",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a conjunction or preposition inside the display name is capitalised"),
	.hint = N_("write small words such as \"and\", \"e\", \"de\", \"y\" in lower case"),
	.source = SRC_FAQ,
	.explain = N_("WhatsApp's FAQ: conjunctions are not capitalised (\"Tammy's Burritos and Tacos\" accepted, "
	              "\"Tammy's Burritos And Tacos\" not; policy §1.1 display_name.capitalization.grammatical). "
	              "List: name.minor_words."),
	.example_bad = "Tammy's Burritos And Tacos",
	.example_good = "Tammy's Burritos and Tacos",
};

static const struct waba_rule RULE_GENERIC = {
	.id = "name.generic",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name is only generic words"),
	.hint = N_("use the business's own name, to which a generic word may be added (\"Casa Aurora Móveis\")"),
	.source = SRC_DNG,
	.explain = N_("A name that is only a generic term is rejected (policy §1.1 display_name.generic_term: "
	              "\"Fashion\" and \"Juice\" are Meta's examples). Generic words: name.generic (pt/es/en). The list "
	              "cannot be complete, so a generic name made of other words passes here and is still rejected "
	              "by Meta."),
	.example_bad = "Fashion",
	.example_good = "Fresh Produce Juices",
};

static const struct waba_rule RULE_PLACE = {
	.id = "name.place",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the display name is only a place"),
	.hint = N_("use the business's name; a place may be added to it (\"Fresh Produce Boston\")"),
	.source = SRC_DNG,
	.explain = N_("A generic geographic location alone is rejected (\"New York\"), while a place added to a brand "
	              "is accepted (\"Fresh Produce Boston\"; policy §1.1 display_name.generic_location). Places: "
	              "name.places."),
	.example_bad = "New York",
	.example_good = "Fresh Produce Boston",
};

static const struct waba_rule RULE_PERSON = {
	.id = "name.person",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name looks like a person's name alone"),
	.hint = N_("add what the business does (\"Tom Ford Chiropractor\"), as the business's website shows it"),
	.source = SRC_DNG,
	.explain = N_("A person's full name alone is rejected (WhatsApp FAQ, older guidelines); the current guidelines "
	              "accept a personal name only when external sources show the nature of the business (\"Tom Ford "
	              "Chiropractor\"), and reject \"Tom Ford Nike\" unless officially linked (policy §1.1 "
	              "display_name.person_name). Flagged when a short name starts with a common first name "
	              "(name.first_names) and has no business word (name.generic); a warning, as it is a guess."),
	.example_bad = "Tom Ford Nike",
	.example_good = "Tom Ford Chiropractor",
};

static const struct waba_rule RULE_LEGAL_MISMATCH = {
	.id = "name.business.mismatch",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name shares no word with the legal name"),
	.hint = NULL,
	.source = SRC_DNG,
	.explain = N_("Meta's review asks for a clear relationship between the display name and the business's legal "
	              "name or external branding, with \"Brand by Company\" when it is not obvious (policy §1.1 "
	              "display_name.relation.external_reference, relation.by_parent). Words compare with case and "
	              "accents folded; the name's own words count, not generic words, places, company forms "
	              "(name.legal_forms) or promotional words, unless it has no other (\"Móveis Baratos\" shares "
	              "\"Móveis\" with \"Casa Aurora Móveis e Decoração Ltda.\"); initials count too (\"FP\" for "
	              "Fresh Produce, which the current guidelines accept). A warning: the website may show the "
	              "relationship."),
	.example_bad = "Commercial Air (legal name Global Voyager Ltd.)",
	.example_good = "Fruit Snacks by Fresh Produce (legal name Fresh Produce Inc.)",
};

static const struct waba_rule RULE_SITE_MISMATCH = {
	.id = "name.website.mismatch",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the website does not call the business by the display name"),
	.hint = NULL,
	.source = SRC_DNG,
	.explain = N_("The display name must appear on the business's website or other external media (policy §1.1 "
	              "display_name.relation.external_reference; \"Digital Cloud Solutions\" is rejected because it "
	              "cannot be found on the website). The brand is read from the page's <title>, og:site_name, "
	              "og:title and schema.org Organization data; half or more of the name's own words must be there "
	              "after case and accent folding. A warning: the name may be on another page or on social media."),
	.example_bad = "Digital Cloud Solutions (website: \"Fresh Produce\")",
	.example_good = "Fresh Produce Juices (website: \"Fresh Produce Cold Pressed Juices\")",
};

static const struct waba_rule RULE_SITE_MATCH = {
	.id = "name.website.match",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the website calls the business by the display name"),
	.hint = NULL,
	.source = SRC_DNG,
	.explain = N_("Says where the website confirms the name, so that the reviewer's link can be chosen well "
	              "(policy §1.1 display_name.relation.external_reference)."),
	.example_bad = NULL,
	.example_good = "Casa Aurora Móveis (website title \"Casa Aurora Móveis | Móveis planejados\")",
};

static const struct waba_rule RULE_SITE_NO_BRAND = {
	.id = "name.website.no_brand",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the website's page names no brand to compare with"),
	.hint = N_("give the page a <title> and og:site_name with the business's name"),
	.source = SRC_DNG,
	.explain = N_("Without a title, og:site_name, og:title or schema.org Organization name the page says nothing "
	              "that ties it to the display name, and Meta's reviewer looks for exactly that (policy §1.1)."),
	.example_bad = "<html><body>...</body></html>",
	.example_good = "<title>Casa Aurora Móveis</title>",
};

static const struct waba_rule RULE_SITE_UNCHECKED = {
	.id = "name.website.unchecked",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the website could not be read, so the name was not compared with it"),
	.hint = N_("check that the address is right and the site is up (Meta's reviewer opens it too), then run again"),
	.source = SRC_DNG,
	.explain = N_("With --website the page is read to compare its brand with the display name. When it cannot be "
	              "read (no connection, a name that does not resolve, a TLS or HTTP error) the other checks still "
	              "run and this warning says why the comparison is missing: the reviewer looks for the name on "
	              "that page (policy §1.1 display_name.relation.external_reference)."),
	.example_bad = "waba-preflight name \"Casa Aurora\" --website https://www.casaaurora.invalid",
	.example_good = "waba-preflight name \"Casa Aurora\" --website https://www.casaaurora.com.br",
};

static const struct waba_rule RULE_UNVERIFIED = {
	.id = "name.relation.unverified",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the name's relationship with the business was not checked"),
	.hint = N_("give --website URL or --business \"LEGAL NAME\" to compare with them"),
	.source = SRC_DNG,
	.explain = N_("Meta's review rejects a name that cannot be found on external sources or tied to the legal name "
	              "(policy §1.1 display_name.relation.external_reference); offline, without either, waba-preflight "
	              "cannot tell, and says so."),
	.example_bad = "waba-preflight name \"Casa Aurora Móveis\"",
	.example_good = "waba-preflight name \"Casa Aurora Móveis\" --website https://www.casaaurora.com.br",
};

static const struct waba_rule RULE_BRAND = {
	.id = "name.brand.other",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the display name contains a well-known brand of another company"),
	.hint = N_(
	    "use your own business's name; a reseller or authorized service states the relation (\"Brand by Company\") and shows it on its website"),
	.source = "https://www.facebook.com/business/help/757569725593362",
	.explain = N_("Meta rejects a display name that contains an unrelated business's name or impersonates a brand "
	              "(policy §1.1 display_name.relation.by_parent and §1.2: \"Tom Ford Nike\" is rejected unless "
	              "officially linked). The brands are the list name.well_known_brands in checklists/names.xml, "
	              "meant to be extended; a name that states a relation with \"by\" or \"por\" is not reported. "
	              "A warning: the business may own the brand, which this check cannot see."),
	.example_bad = "Assistência Samsung Centro",
	.example_good = "Assistência Técnica Centro",
};

const struct waba_rule *const waba_rules_name[] = {
	&RULE_BRAND,          &RULE_LENGTH_MIN,  &RULE_LENGTH_MAX,
	&RULE_NO_LETTERS,     &RULE_WHITESPACE,  &RULE_EMOJI,
	&RULE_SYMBOLS,        &RULE_PUNCTUATION, &RULE_URL,
	&RULE_META_BRAND,     &RULE_OFFICIAL,    &RULE_PROMO,
	&RULE_PROHIBITED,     &RULE_CAPS_ALL,    &RULE_CAPS_RANDOM,
	&RULE_CAPS_LOWER,     &RULE_CAPS_MINOR,  &RULE_GENERIC,
	&RULE_PLACE,          &RULE_PERSON,      &RULE_LEGAL_MISMATCH,
	&RULE_SITE_MISMATCH,  &RULE_SITE_MATCH,  &RULE_SITE_NO_BRAND,
	&RULE_SITE_UNCHECKED, &RULE_UNVERIFIED,  NULL,
};

/* ---- the name being checked ------------------------------------------------------------ */

enum word_kind { W_OWN = 0, W_MINOR = 1, W_GENERIC = 2, W_PLACE = 4, W_FIRST = 8, W_LEGAL = 16, W_PROMO = 32 };

struct name {
	const char *s;
	size_t len;
	const struct waba_name_context *ctx;
	const struct waba_checklist *cl;
	struct waba_findings *fs;
	struct waba_words words;
	unsigned *kind; /* per word, OR of enum word_kind */
};

static struct waba_loc span(const struct name *n, size_t start, size_t end)
{
	if (n->ctx && n->ctx->app && n->ctx->field)
		return waba_application_str_loc(n->ctx->app, n->ctx->field, start, end);
	return WABA_LOC_NONE;
}

/* ---- characters ----------------------------------------------------------------------- */

static void check_length(struct name *n)
{
	size_t chars = waba_utf8_length(n->s, n->len);
	long min = waba_checklist_limit(n->cl, "name.length.min");
	long max = waba_checklist_limit(n->cl, "name.length.max");
	if (min > 0 && chars < (size_t)min)
		waba_findings_add(n->fs, &RULE_LENGTH_MIN, span(n, 0, n->len),
		                  waba_ngettext("the display name '%s' has %zu character; Meta asks for at least %ld",
		                                "the display name '%s' has %zu characters; Meta asks for at least %ld",
		                                chars),
		                  n->s, chars, min);
	if (max > 0 && chars > (size_t)max)
		waba_findings_add(n->fs, &RULE_LENGTH_MAX, span(n, 0, n->len),
		                  _("the display name has %zu characters; BSPs accept at most %ld"), chars, max);
	for (size_t i = 0; i < n->len;) {
		int32_t cp;
		i += waba_utf8_decode(n->s + i, n->len - i, &cp);
		if (cp >= 0 && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
		    utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO)
			return;
	}
	if (n->len)
		waba_findings_add(n->fs, &RULE_NO_LETTERS, span(n, 0, n->len), "%s",
		                  _("the display name has no letters"));
}

static void check_whitespace(struct name *n)
{
	const char *s = n->s;
	size_t len = n->len;
	if (len && (isspace((unsigned char)s[0]) || isspace((unsigned char)s[len - 1]))) {
		size_t at = isspace((unsigned char)s[0]) ? 0 : len - 1;
		waba_findings_add(n->fs, &RULE_WHITESPACE, span(n, at, at + 1), "%s",
		                  _("the display name starts or ends with a space"));
	}
	for (size_t i = 0; i + 1 < len; i++)
		if ((isspace((unsigned char)s[i]) && isspace((unsigned char)s[i + 1])) ||
		    (isspace((unsigned char)s[i]) && s[i] != ' ')) {
			waba_findings_add(n->fs, &RULE_WHITESPACE, span(n, i, i + 2), "%s",
			                  _("the display name has two spaces in a row, or a tab or line break"));
			return;
		}
}

static void check_emoji_symbols(struct name *n)
{
	size_t at = waba_text_find_emoji(n->s, n->len);
	if (at) {
		int32_t cp;
		size_t w = waba_utf8_decode(n->s + at - 1, n->len - at + 1, &cp);
		waba_findings_add(n->fs, &RULE_EMOJI, span(n, at - 1, at - 1 + w),
		                  _("the display name '%s' contains the emoji '%.*s'"), n->s, (int)w, n->s + at - 1);
		return; /* emoji are symbols too: one finding is enough */
	}
	for (size_t i = 0; i < n->len;) {
		int32_t cp;
		size_t w = waba_utf8_decode(n->s + i, n->len - i, &cp);
		utf8proc_category_t c = cp >= 0x80 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
		if (c == UTF8PROC_CATEGORY_SO || c == UTF8PROC_CATEGORY_SM || c == UTF8PROC_CATEGORY_SC) {
			waba_findings_add(n->fs, &RULE_SYMBOLS, span(n, i, i + w),
			                  _("the display name contains the symbol '%.*s'"), (int)w, n->s + i);
			return;
		}
		i += w;
	}
}

static int is_alnum_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	int32_t cp;
	waba_utf8_decode(s + i, len - i, &cp);
	if (cp < 0)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO && c != UTF8PROC_CATEGORY_MN &&
	       c != UTF8PROC_CATEGORY_MC && c != UTF8PROC_CATEGORY_ME;
}

/* Punctuation for the runs check: ASCII that is not a letter, digit or space, or a
 * Unicode punctuation character (P*). Emoji, symbols and the marks and joiners that
 * belong to an emoji (U+FE0F, ZWJ) are not: name.emoji and name.symbols report them. */
static int is_punct_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return !isalnum(c) && !isspace(c) && !iscntrl(c);
	int32_t cp;
	waba_utf8_decode(s + i, len - i, &cp);
	if (cp < 0)
		return 0;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

/* Start of the code point before byte i. */
static size_t prev_cp(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
		;
	return i;
}

static void check_punctuation(struct name *n)
{
	const struct waba_set *set = waba_checklist_set(n->cl, "name.punctuation");
	const char *s = n->s;
	for (size_t i = 0; set && i < n->len; i++) {
		char one[2] = { s[i], 0 };
		if ((unsigned char)s[i] >= 0x80 || !waba_set_find(set, one))
			continue;
		/* an apostrophe after a letter is part of the brand (Tammy's, Lil' Cupcakes) */
		if (s[i] == '\'' && i > 0 && is_alnum_at(s, n->len, prev_cp(s, i)))
			continue;
		waba_findings_add(n->fs, &RULE_PUNCTUATION, span(n, i, i + 1),
		                  _("the display name contains '%c', which WhatsApp does not allow in names"), s[i]);
		return;
	}
	/* runs of punctuation: "Aurora!!", "Casa -- Aurora" */
	for (size_t i = 0; i < n->len;) {
		int32_t cp;
		size_t w = waba_utf8_decode(s + i, n->len - i, &cp);
		size_t j = i + w;
		if (is_punct_at(s, n->len, i) && is_punct_at(s, n->len, j)) {
			int32_t cp2;
			size_t w2 = waba_utf8_decode(s + j, n->len - j, &cp2);
			waba_findings_add(n->fs, &RULE_PUNCTUATION, span(n, i, j + w2),
			                  _("the display name has consecutive punctuation '%.*s'"), (int)(j + w2 - i),
			                  s + i);
			return;
		}
		i = j;
	}
}

/* Offset of `needle` (ASCII, lower case) in s ignoring case, or (size_t)-1. */
static size_t find_nocase(const char *s, const char *needle)
{
	size_t nl = strlen(needle);
	for (size_t i = 0; s[i]; i++)
		if (strncasecmp(s + i, needle, nl) == 0)
			return i;
	return (size_t)-1;
}

/* "www.", "://", "x@y.z", "word.tld" */
static int check_url(struct name *n)
{
	const char *s = n->s;
	const struct waba_set *tlds = waba_checklist_set(n->cl, "name.tlds");
	const char *hit = strstr(s, "://");
	size_t at = 0, end = 0;
	if (hit) {
		at = 0;
		end = n->len;
	} else if ((at = find_nocase(s, "www.")) != (size_t)-1) {
		hit = s + at;
		end = at + 4;
	} else if ((hit = strchr(s, '@')) != NULL && hit > s && !isspace((unsigned char)hit[-1]) && hit[1] &&
	           !isspace((unsigned char)hit[1]) && strchr(hit, '.')) {
		at = (size_t)(hit - s);
		end = at + 1;
	} else {
		for (size_t i = 1; tlds && i + 2 < n->len && !hit; i++) {
			if (s[i] != '.' || !isalnum((unsigned char)s[i - 1]))
				continue;
			size_t k = i + 1;
			while (k < n->len && isalpha((unsigned char)s[k]))
				k++;
			if (k - i - 1 < 2 || (k < n->len && isalnum((unsigned char)s[k])))
				continue;
			char *tld = waba_xstrndup(s + i + 1, k - i - 1);
			for (char *p = tld; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			if (waba_set_find(tlds, tld)) {
				hit = s + i;
				at = i;
				end = k;
			}
			free(tld);
		}
	}
	if (hit)
		waba_findings_add(n->fs, &RULE_URL, span(n, at, end),
		                  _("the display name '%s' is written like a web address or e-mail"), n->s);
	return hit != NULL;
}

/* ---- words ---------------------------------------------------------------------------- */

struct term_payload {
	struct name *n;
	const struct waba_rule *rule; /* report each match with it, or NULL: mark word kinds */
	unsigned mark;
	const struct waba_set *skip_tags;
	int reported;
};

static void mark_span(struct name *n, size_t start, size_t end, unsigned mark)
{
	for (size_t i = 0; i < n->words.len; i++)
		if (n->words.v[i].start >= start && n->words.v[i].end <= end)
			n->kind[i] |= mark;
}

static int on_term(const struct waba_term_match *m, void *payload)
{
	struct term_payload *p = payload;
	struct name *n = p->n;
	if (!p->rule) {
		mark_span(n, m->start, m->end, p->mark);
		return 0;
	}
	if (p->skip_tags && m->term->tag && waba_set_find(p->skip_tags, m->term->tag))
		return 0;
	int w = (int)(m->end - m->start);
	if (p->rule == &RULE_META_BRAND)
		waba_findings_add(n->fs, p->rule, span(n, m->start, m->end),
		                  _("the display name mentions '%.*s'; names must not refer to Meta or its apps"), w,
		                  n->s + m->start);
	else if (p->rule == &RULE_OFFICIAL)
		waba_findings_add(n->fs, p->rule, span(n, m->start, m->end),
		                  _("the display name contains '%.*s', which suggests an endorsement"), w,
		                  n->s + m->start);
	else if (p->rule == &RULE_BRAND)
		waba_findings_add(n->fs, p->rule, span(n, m->start, m->end),
		                  _("the display name contains '%.*s', a brand of another company, with no stated relation"),
		                  w, n->s + m->start);
	else if (p->rule == &RULE_PROMO)
		waba_findings_add(n->fs, p->rule, span(n, m->start, m->end),
		                  _("the display name contains the promotional '%.*s'"), w, n->s + m->start);
	else
		waba_findings_add(n->fs, p->rule, span(n, m->start, m->end),
		                  _("the display name contains '%.*s' (%s), which WhatsApp's policies prohibit"), w,
		                  n->s + m->start, m->term->tag ? m->term->tag : _("prohibited goods"));
	p->reported++;
	return 0;
}

static int find_terms(struct name *n, const char *list, const struct waba_rule *rule, unsigned mark)
{
	const struct waba_termlist *tl = waba_checklist_terms(n->cl, list);
	struct term_payload p = { n, rule, mark, NULL, 0 };
	if (!tl)
		return 0;
	if (rule == &RULE_PROHIBITED)
		p.skip_tags = waba_checklist_set(n->cl, "name.prohibited.skip_tags");
	waba_terms_find(tl, &n->words, NULL, on_term, &p);
	return p.reported;
}

static int first_match_start(const struct waba_term_match *m, void *payload)
{
	*(size_t *)payload = m->start;
	return 1;
}

/* "20% off", "30% de desconto": a number, '%', then a percent word right after it. */
static void check_percent(struct name *n)
{
	const char *pct = memchr(n->s, '%', n->len);
	const struct waba_termlist *tl = waba_checklist_terms(n->cl, "name.percent_words");
	if (!pct || pct == n->s || !isdigit((unsigned char)pct[-1]) || !tl)
		return;
	size_t off = (size_t)(pct - n->s), first = (size_t)-1;
	struct waba_words rest = WABA_WORDS_INIT;
	waba_text_words(&rest, pct + 1, n->len - off - 1);
	if (rest.len && waba_terms_find(tl, &rest, NULL, first_match_start, &first) && first == rest.v[0].start &&
	    first <= 1) {
		size_t start = off;
		while (start > 0 && isdigit((unsigned char)n->s[start - 1]))
			start--;
		size_t end = off + 1 + rest.v[0].end;
		waba_findings_add(n->fs, &RULE_PROMO, span(n, start, end),
		                  _("the display name contains the promotional '%.*s'"), (int)(end - start),
		                  n->s + start);
	}
	waba_words_release(&rest);
}

/* Does the original word have an upper / lower case letter? */
static void word_case(const char *s, size_t start, size_t end, int *upper, int *lower, int *switches)
{
	int prev_lower = 0;
	*upper = *lower = *switches = 0;
	for (size_t i = start; i < end;) {
		int32_t cp;
		i += waba_utf8_decode(s + i, end - i, &cp);
		if (cp < 0)
			continue;
		utf8proc_category_t c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_LU) {
			(*upper)++;
			if (prev_lower)
				(*switches)++;
			prev_lower = 0;
		} else if (c == UTF8PROC_CATEGORY_LL) {
			(*lower)++;
			prev_lower = 1;
		}
	}
}

static void check_caps(struct name *n)
{
	long min_word = waba_checklist_limit(n->cl, "name.caps.min_word");
	int long_words = 0, long_caps = 0, any_upper = 0, any_lower = 0;
	for (size_t i = 0; i < n->words.len; i++) {
		const struct waba_word *w = &n->words.v[i];
		int up, lo, sw;
		word_case(n->s, w->start, w->end, &up, &lo, &sw);
		any_upper |= up > 0;
		any_lower |= lo > 0;
		if (min_word > 0 && up + lo >= min_word) {
			long_words++;
			long_caps += lo == 0;
		}
		if (sw >= 2 || (lo && up >= 2 && sw >= 1 && islower((unsigned char)n->s[w->start]))) {
			waba_findings_add(n->fs, &RULE_CAPS_RANDOM, span(n, w->start, w->end),
			                  _("the word '%.*s' mixes capital and small letters"),
			                  (int)(w->end - w->start), n->s + w->start);
			break;
		}
	}
	if (long_words && long_caps == long_words)
		waba_findings_add(n->fs, &RULE_CAPS_ALL, span(n, 0, n->len),
		                  _("the display name '%s' is written in capitals"), n->s);
	else if (any_lower && !any_upper)
		waba_findings_add(n->fs, &RULE_CAPS_LOWER, span(n, 0, n->len),
		                  _("the display name '%s' has no capital letters"), n->s);
	for (size_t i = 1; i < n->words.len && !(long_words && long_caps == long_words); i++) {
		const struct waba_word *w = &n->words.v[i];
		int up, lo, sw;
		if (!(n->kind[i] & W_MINOR) || w->end - w->start < 1)
			continue;
		word_case(n->s, w->start, w->end, &up, &lo, &sw);
		/* "And", "De": capitalised small word (a lone capital like "E" may be an initial) */
		if (up == 1 && lo >= 1 && isupper((unsigned char)n->s[w->start]) && n->s[w->start - 1] == ' ') {
			waba_findings_add(n->fs, &RULE_CAPS_MINOR, span(n, w->start, w->end),
			                  _("'%.*s' is capitalised; small words stay in lower case inside a name"),
			                  (int)(w->end - w->start), n->s + w->start);
			break;
		}
	}
}

/* Words that carry the name: not small words, not one-letter leftovers ("Sarah's" -> "s"). */
static int is_content(const struct name *n, size_t i)
{
	return !(n->kind[i] & W_MINOR) && strlen(n->words.v[i].folded) > 1;
}

static void check_kind_of_name(struct name *n)
{
	size_t content = 0, generic = 0, place = 0, own = 0;
	for (size_t i = 0; i < n->words.len; i++) {
		if (!is_content(n, i))
			continue;
		content++;
		generic += (n->kind[i] & W_GENERIC) != 0;
		place += (n->kind[i] & W_PLACE) != 0;
		own += !(n->kind[i] & (W_GENERIC | W_PLACE));
	}
	if (!content)
		return;
	if (!own && place && !generic) {
		waba_findings_add(n->fs, &RULE_PLACE, span(n, 0, n->len), _("the display name '%s' is only a place"),
		                  n->s);
		return;
	}
	if (!own) {
		waba_findings_add(n->fs, &RULE_GENERIC, span(n, 0, n->len),
		                  _("the display name '%s' is only generic words"), n->s);
		return;
	}
	/* a person's name alone: a first name, at most 3 words, no business word */
	size_t first = 0;
	while (first < n->words.len && !is_content(n, first))
		first++;
	if (first < n->words.len && (n->kind[first] & W_FIRST) && !generic && content <= 3 && content >= 2 &&
	    n->words.v[first].end < n->len && n->s[n->words.v[first].end] == ' ')
		waba_findings_add(n->fs, &RULE_PERSON, span(n, 0, n->len),
		                  _("the display name '%s' looks like a person's name without the business"), n->s);
}

/* ---- relationship with the legal name and the website ---------------------------------- */

/* Folded words of `text` that are not small words, company forms... as a NULL-terminated list. */
static int text_has_word(const struct waba_words *w, const char *folded)
{
	for (size_t i = 0; i < w->len; i++)
		if (strcmp(w->v[i].folded, folded) == 0)
			return 1;
	return 0;
}

/* "FP" = initials of consecutive words of `w` ("Fresh Produce"). */
static int initials_of(const struct waba_words *w, const char *folded)
{
	size_t len = strlen(folded);
	if (len < 2 || len > 6)
		return 0;
	for (size_t i = 0; i + len <= w->len; i++) {
		size_t k = 0;
		while (k < len && w->v[i + k].folded[0] == folded[k])
			k++;
		if (k == len)
			return 1;
	}
	return 0;
}

/* How many of the name's key words appear in `text`, out of how many. Key words are the
 * name's own words (not generic, place, small, company-form or promotional words), else all
 * content words. Words compare folded (case and accents, utf8proc). */
static void count_shared(const struct name *n, const char *text, size_t *found, size_t *total)
{
	enum { NOT_OWN = W_GENERIC | W_PLACE | W_LEGAL | W_PROMO };
	struct waba_words tw = WABA_WORDS_INIT;
	size_t own = 0;
	waba_text_words(&tw, text, strlen(text));
	for (size_t i = 0; i < n->words.len; i++)
		own += is_content(n, i) && !(n->kind[i] & NOT_OWN);
	*found = *total = 0;
	for (size_t i = 0; i < n->words.len; i++) {
		if (!is_content(n, i) || (own && (n->kind[i] & NOT_OWN)))
			continue;
		(*total)++;
		if (text_has_word(&tw, n->words.v[i].folded) || initials_of(&tw, n->words.v[i].folded))
			(*found)++;
	}
	waba_words_release(&tw);
}

static void name_result_free(void *p)
{
	struct waba_name_result *res = p;
	free(res->input);
	free(res->legal_name);
	if (res->website)
		waba_site_brand_release(res->website);
	free(res->website);
	free(res);
}

static cJSON *site_json(const struct waba_site_brand *b);

/* The contract's "name" item members after "kind" and "input", from the result. A name
 * that was not valid UTF-8 was not compared: its legal name is not stated. */
static void name_json(cJSON *item, const void *p)
{
	const struct waba_name_result *res = p;
	cJSON_AddNumberToObject(item, "length", (double)res->length);
	if (!res->legal_name)
		cJSON_AddNullToObject(item, "legal_name");
	else if (res->checked)
		cJSON_AddStringToObject(item, "legal_name", res->legal_name);
	if (res->website)
		cJSON_AddItemToObject(item, "website", site_json(res->website)); /* the page's brand */
	else
		cJSON_AddNullToObject(item, "website");
	if (res->website_match >= 0)
		cJSON_AddBoolToObject(item, "website_match", res->website_match);
	else
		cJSON_AddNullToObject(item, "website_match");
}

const struct waba_result_type waba_name_result_type = { name_json, name_result_free };

const struct waba_name_result *waba_report_name(const struct waba_report *r, size_t i)
{
	return waba_report_result(r, i, &waba_name_result_type);
}

static void check_legal(struct name *n, struct waba_name_result *res)
{
	const char *legal = n->ctx ? n->ctx->legal_name : NULL;
	size_t found, total;
	if (!legal)
		return;
	res->legal_name = waba_report_str(legal);
	count_shared(n, legal, &found, &total);
	if (total && !found) {
		struct waba_finding *f = waba_findings_add(n->fs, &RULE_LEGAL_MISMATCH, span(n, 0, n->len),
		                                           _("the display name '%s' shares no word with the legal name '%s'"),
		                                           n->s, legal);
		const char *by = waba_checklist_text(n->cl, "name.by_company", waba_i18n_lang());
		if (by)
			waba_finding_set_hint(f, "%s", by);
	}
}

static struct waba_site_brand *site_copy(const struct waba_site_brand *b)
{
	struct waba_site_brand *c = waba_xcalloc(1, sizeof(*c));
	c->url = waba_report_str(b->url ? b->url : "");
	c->title = waba_report_str(b->title);
	c->og_site_name = waba_report_str(b->og_site_name);
	c->og_title = waba_report_str(b->og_title);
	c->org_names = waba_xcalloc(b->norg + 1, sizeof(*c->org_names));
	for (size_t i = 0; i < b->norg; i++)
		c->org_names[c->norg++] = waba_report_str(b->org_names[i]);
	return c;
}

static cJSON *site_json(const struct waba_site_brand *b)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "url", b->url ? b->url : "");
	b->title ? cJSON_AddStringToObject(o, "title", b->title) : cJSON_AddNullToObject(o, "title");
	b->og_site_name ? cJSON_AddStringToObject(o, "og_site_name", b->og_site_name)
	                : cJSON_AddNullToObject(o, "og_site_name");
	b->og_title ? cJSON_AddStringToObject(o, "og_title", b->og_title) : cJSON_AddNullToObject(o, "og_title");
	cJSON *orgs = cJSON_AddArrayToObject(o, "organization");
	for (size_t i = 0; i < b->norg; i++)
		cJSON_AddItemToArray(orgs, cJSON_CreateString(b->org_names[i]));
	return o;
}

static void check_site(struct name *n, struct waba_name_result *res)
{
	const struct waba_site_brand *b = n->ctx ? n->ctx->site : NULL;
	if (!b)
		return;
	res->website = site_copy(b);
	const char *what[] = { "og:site_name", "<title>", "og:title" };
	const char *val[] = { b->og_site_name, b->title, b->og_title };
	struct waba_strbuf said = WABA_STRBUF_INIT;
	int any = 0;
	for (size_t i = 0; i < 3 + b->norg; i++) {
		const char *label = i < 3 ? what[i] : "schema.org Organization";
		const char *v = i < 3 ? val[i] : b->org_names[i - 3];
		size_t found, total;
		if (!v || !*v)
			continue;
		any = 1;
		count_shared(n, v, &found, &total);
		if (total && found * 2 >= total) {
			waba_findings_add(n->fs, &RULE_SITE_MATCH, span(n, 0, n->len),
			                  _("the website's %s says '%s', which matches the display name '%s'"), label,
			                  v, n->s);
			res->website_match = 1;
			waba_strbuf_release(&said);
			return;
		}
		waba_strbuf_addf(&said, "%s%s '%s'", said.len ? "; " : "", label, v);
	}
	if (!any) {
		waba_findings_add(n->fs, &RULE_SITE_NO_BRAND, WABA_LOC_NONE,
		                  _("the page '%s' has no title, og:site_name, og:title or schema.org Organization name"),
		                  b->url ? b->url : "");
	} else {
		struct waba_finding *f = waba_findings_add(n->fs, &RULE_SITE_MISMATCH, span(n, 0, n->len),
		                                           _("the website does not call the business '%s': %s"), n->s,
		                                           waba_strbuf_cstr(&said));
		waba_finding_set_hint(f,
		                      _("use the name the website shows, or put '%s' on the website (title, og:site_name)"),
		                      n->s);
		res->website_match = 0;
	}
	waba_strbuf_release(&said);
}

int waba_check_name(struct waba_report *r, const char *name, const struct waba_name_context *ctx,
                    const struct waba_checklist *cl)
{
	struct name n = { name, strlen(name), ctx, cl, &r->findings, WABA_WORDS_INIT, NULL };
	cJSON *item = cJSON_CreateObject();
	size_t bad;
	const char *file = ctx && ctx->app && ctx->app->src ? ctx->app->src->name : NULL;
	struct waba_name_result *res = waba_xcalloc(1, sizeof(*res));
	res->input = waba_report_str(name);
	res->length = waba_utf8_length(name, n.len);
	res->website_match = -1;
	cJSON_AddStringToObject(item, "kind", "name");
	cJSON_AddStringToObject(item, "input", name);
	waba_report_add_item(r, "name", name, file, item);
	if (!waba_utf8_valid(name, n.len, &bad)) {
		waba_findings_add(n.fs, &WABA_RULE_INPUT_ENCODING, span(&n, bad, bad + 1), "%s",
		                  _("the display name is not valid UTF-8"));
		res->legal_name = ctx && ctx->legal_name ? waba_report_str(ctx->legal_name) : NULL;
		waba_report_set_result(r, &waba_name_result_type, res); /* the item owns it */
		return 0;
	}
	res->checked = 1;
	waba_text_words(&n.words, name, n.len);
	n.kind = waba_xcalloc(n.words.len + 1, sizeof(*n.kind));
	find_terms(&n, "name.minor_words", NULL, W_MINOR);
	find_terms(&n, "name.generic", NULL, W_GENERIC);
	find_terms(&n, "name.places", NULL, W_PLACE);
	find_terms(&n, "name.first_names", NULL, W_FIRST);
	find_terms(&n, "name.legal_forms", NULL, W_LEGAL);
	find_terms(&n, "promotional", NULL, W_PROMO);
	find_terms(&n, "name.promotional", NULL, W_PROMO);

	check_length(&n);
	check_whitespace(&n);
	check_emoji_symbols(&n);
	int url = check_url(&n);
	if (!url) /* an address has its own punctuation and case */
		check_punctuation(&n);
	find_terms(&n, "name.meta_brands", &RULE_META_BRAND, 0);
	find_terms(&n, "name.official", &RULE_OFFICIAL, 0);
	if (!find_terms(&n, "promotional", &RULE_PROMO, 0) && !find_terms(&n, "name.promotional", &RULE_PROMO, 0))
		check_percent(&n);
	find_terms(&n, "prohibited", &RULE_PROHIBITED, 0);
	/* another company's brand, unless the name states the relation ("Brand by Company") */
	int related = 0;
	for (size_t i = 0; i < n.words.len; i++)
		related |= strcmp(n.words.v[i].folded, "by") == 0 || strcmp(n.words.v[i].folded, "por") == 0;
	if (!related)
		find_terms(&n, "name.well_known_brands", &RULE_BRAND, 0);
	if (!url) {
		check_caps(&n);
		check_kind_of_name(&n);
	}
	check_legal(&n, res);
	check_site(&n, res);
	if (ctx && ctx->site_error)
		waba_findings_add(n.fs, &RULE_SITE_UNCHECKED, WABA_LOC_NONE,
		                  _("the name was not compared with the website: %s"), ctx->site_error);
	else if (!ctx || (!ctx->legal_name && !ctx->site))
		waba_findings_add(
		    n.fs, &RULE_UNVERIFIED, span(&n, 0, n.len),
		    _("nothing to compare '%s' with: Meta's reviewer looks for it on the website or in the legal name"),
		    name);
	free(n.kind);
	waba_words_release(&n.words);
	waba_report_set_result(r, &waba_name_result_type, res); /* the item owns it */
	waba_report_end_item(r);
	return 0;
}

int waba_check_name_app(struct waba_report *r, const struct waba_application *app, const struct waba_site_brand *site,
                        const struct waba_checklist *cl)
{
	struct waba_name_context ctx = { app->legal_name.value, site, app, &app->display_name, NULL };
	if (!app->display_name.value)
		return 0; /* missing or mistyped: the parser said so */
	return waba_check_name(r, app->display_name.value, &ctx, cl);
}
