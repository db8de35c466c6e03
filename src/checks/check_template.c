/*
 * check_template.c: the `template.` rules for identity (name, language, category),
 * structure and limits (components, header, body, footer, buttons), variables and
 * formatting. Content terms are in check_template_text.c. Numbers and allowed values
 * come from checklists/templates.xml.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/template.h"
#include "waba/text.h"
#include "check_template_priv.h"

#define SRC_COMP "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components"
#define SRC_TOV "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview"
#define SRC_TREV "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review"
#define SRC_LANG \
	"https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/supported-languages"
#define SRC_TCAT "https://developers.facebook.com/docs/whatsapp/template-categorization"
#define SRC_AUTH "https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates"
#define SRC_ERR "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes"
#define SRC_FMT "https://faq.whatsapp.com/539178204879377"

static const struct waba_rule RULE_NAME_REQUIRED = {
	.id = "template.name.required",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the template has no name"),
	.hint = N_("add \"name\": lower-case letters, digits and underscores, e.g. \"order_update\""),
	.source = SRC_TOV,
	.explain = N_("name is a required field of POST /{WABA_ID}/message_templates (policy §2.1, §2.6). Drafts in .txt "
	              "may leave it out; JSON templates may not."),
	.meta_codes = "100",
	.example_bad = "{\"language\": \"pt_BR\", \"category\": \"UTILITY\", ...}",
	.example_good = "{\"name\": \"order_update\", \"language\": \"pt_BR\", ...}",
};
static const struct waba_rule RULE_NAME_CHARSET = {
	.id = "template.name.charset",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a template name takes only lower-case letters, digits and underscores"),
	.hint = N_("use lower case and replace spaces and dashes with '_'"),
	.source = SRC_TOV,
	.explain = N_("Meta's template overview and the utility and marketing template pages state the name may contain "
	              "only lower-case alphanumeric characters and underscores (policy §2.1, confirmed by Meta's own "
	              "text)."),
	.meta_codes = "100",
	.example_bad = "Order-Update",
	.example_good = "order_update",
};
static const struct waba_rule RULE_NAME_LENGTH = {
	.id = "template.name.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the template name is longer than Meta allows"),
	.hint = N_("shorten the name; it is an identifier, not a description"),
	.source = SRC_TOV,
	.explain = N_("Names are limited to 512 characters (policy §2.1; limit template.name.max_length). Over-long "
	              "fields fail with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "a name of 600 characters",
	.example_good = "order_update",
};
static const struct waba_rule RULE_LANGUAGE = {
	.id = "template.language.code",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the language code is not one Meta accepts"),
	.hint = N_("use one of Meta's codes, e.g. pt_BR, es, es_AR, es_MX, en_US"),
	.source = SRC_LANG,
	.explain = N_("language must be one of the 111 codes on Meta's supported-languages page (policy §2.1, LANG-LIST, "
	              "kept in checklists/templates.xml). Both 'xx' and 'xx_XX' forms exist and 'pt' alone is not one of "
	              "them, so a pattern check is not enough; a close code is suggested."),
	.meta_codes = "100",
	.example_bad = "pt-br",
	.example_good = "pt_BR",
};
static const struct waba_rule RULE_CATEGORY = {
	.id = "template.category.enum",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the category is not AUTHENTICATION, MARKETING or UTILITY"),
	.hint = N_("use AUTHENTICATION, MARKETING or UTILITY"),
	.source = SRC_TCAT,
	.explain = N_("Since 1 June 2023 Meta takes three categories (policy §2.1). Older names (TRANSACTIONAL, OTP, "
	              "ACCOUNT_UPDATE, SHIPPING_UPDATE... and Botmaker's labels like 'Account Update') are mapped to the "
	              "current one in checklists/templates.xml so the finding can say which to use."),
	.meta_codes = "100",
	.example_bad = "TRANSACTIONAL",
	.example_good = "UTILITY",
};
static const struct waba_rule RULE_PARAM_FORMAT = {
	.id = "template.param.format",
	.severity = WABA_SEV_ERROR,
	.summary = N_("positional and named variables do not match the template's parameter_format"),
	.hint = N_(
	    "use {{1}}, {{2}} ... with POSITIONAL (the default), or {{first_name}} with \"parameter_format\": \"NAMED\", never both"),
	.source = SRC_TOV,
	.explain = N_("parameter_format is POSITIONAL (default) or NAMED; named placeholders are lower-case letters and "
	              "underscores, and the two kinds cannot be mixed (policy §2.1, §2.3). Digits in a name are not "
	              "in Meta's text (unconfirmed), so they are only a warning."),
	.meta_codes = "2388072",
	.example_bad = "Hi {{first_name}}, order {{1}} shipped",
	.example_good = "Hi {{1}}, order {{2}} shipped",
};
static const struct waba_rule RULE_BODY_REQUIRED = {
	.id = "template.components.body",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the template has no BODY component, or its body has no text"),
	.hint = N_("add {\"type\": \"BODY\", \"text\": \"...\"}"),
	.source = SRC_COMP,
	.explain = N_("Every template has exactly one BODY component (policy §2.2); only AUTHENTICATION templates use "
	              "Meta's preset body without text."),
	.meta_codes = "2388072",
	.example_bad = "\"components\": [{\"type\": \"FOOTER\", \"text\": \"Thanks\"}]",
	.example_good = "\"components\": [{\"type\": \"BODY\", \"text\": \"Your order {{1}} shipped.\"}]",
};
static const struct waba_rule RULE_SINGLE = {
	.id = "template.components.single",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a component type appears more than once"),
	.hint = N_("merge them: one HEADER, one BODY, one FOOTER and one BUTTONS at most"),
	.source = SRC_COMP,
	.explain = N_("A template has at most one HEADER, exactly one BODY, at most one FOOTER and one BUTTONS "
	              "component (policy §2.2)."),
	.example_bad = "two {\"type\": \"BODY\"} components",
	.example_good = "one BODY component",
};
static const struct waba_rule RULE_HEADER_FORMAT = {
	.id = "template.header.format",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the header format is unknown, or not allowed in this category"),
	.hint = N_("use TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION"),
	.source = SRC_COMP,
	.explain = N_("A header's format is TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION or GIF (policy §2.2). LOCATION and "
	              "media headers are for UTILITY and MARKETING, GIF for MARKETING only; the allowed categories per "
	              "format are in checklists/templates.xml."),
	.meta_codes = "2388047",
	.example_bad = "{\"type\": \"HEADER\", \"format\": \"AUDIO\"}",
	.example_good = "{\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::aW...\"]}}",
};
static const struct waba_rule RULE_HEADER_MEDIA_EXAMPLE = {
	.id = "template.header.media_example",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a media header needs a sample (example.header_handle)"),
	.hint = N_("upload a sample with the Resumable Upload API and put its handle in example.header_handle"),
	.source = SRC_COMP,
	.explain = N_("IMAGE, VIDEO, DOCUMENT and GIF headers are submitted with a sample media handle "
	              "(example.header_handle, policy §2.2); reviewers reject media templates without one."),
	.meta_codes = "2388047",
	.example_bad = "{\"type\": \"HEADER\", \"format\": \"IMAGE\"}",
	.example_good = "{\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::aW...\"]}}",
};
static const struct waba_rule RULE_HEADER_LENGTH = {
	.id = "template.header.text.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the text header is empty or longer than 60 characters"),
	.hint = N_("shorten the header; put details in the body"),
	.source = SRC_COMP,
	.explain = N_("A TEXT header holds at most 60 characters (policy §2.2, limit template.header.text.max_length); "
	              "longer fields fail with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "a header of 61 characters",
	.example_good = "Order {{1}}",
};
static const struct waba_rule RULE_HEADER_PARAMS = {
	.id = "template.header.text.params",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a text header takes at most one variable"),
	.hint = N_("keep one variable in the header and move the others to the body"),
	.source = SRC_COMP,
	.explain = N_("A TEXT header supports one parameter (policy §2.2, limit template.header.text.max_params); header "
	              "formatting errors are sub-code 2388047."),
	.meta_codes = "2388047",
	.example_bad = "Order {{1}} for {{2}}",
	.example_good = "Order {{1}}",
};
static const struct waba_rule RULE_HEADER_MARKDOWN = {
	.id = "template.header.text.markdown",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a text header cannot use formatting characters (* _ ~ `)"),
	.hint = N_("remove the formatting characters from the header"),
	.source = SRC_COMP,
	.explain = N_("Meta's components page says markdown special characters are not supported in the header (policy "
	              "§2.2); they show literally. A warning because the page says 'avoid', not 'rejected'."),
	.meta_codes = "2388047",
	.example_bad = "*Order* {{1}}",
	.example_good = "Order {{1}}",
};
static const struct waba_rule RULE_HEADER_EMOJI = {
	.id = "template.header.text.emoji",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a text header should not contain emoji"),
	.hint = N_("move the emoji to the body"),
	.source = "https://docs.bird.com/api/touchpoints-api/supported-projects/whatsapp-approved-message-templates/creating-whatsapp-message-templates/text-templates",
	.explain = N_("BSP documentation (Bird, Twilio error 63040) says emoji are not supported in text headers; Meta's "
	              "own pages do not say so (policy §2.2, confidence B), hence a warning."),
	.meta_codes = "2388047",
	.example_bad = "Order shipped 🚚",
	.example_good = "Order shipped",
};
static const struct waba_rule RULE_HEADER_NEWLINE = {
	.id = "template.header.text.newline",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a text header should be a single line"),
	.hint = N_("remove the line break from the header"),
	.source = "https://docs.bird.com/api/touchpoints-api/supported-projects/whatsapp-approved-message-templates/creating-whatsapp-message-templates/text-templates",
	.explain = N_("BSPs treat the header as one line and Twilio's 63040 lists newlines in headers as a rejection "
	              "reason; Meta's text does not mention it (policy §2.2, unconfirmed), hence a warning."),
	.meta_codes = "2388047",
	.example_bad = "Order\\nshipped",
	.example_good = "Order shipped",
};
static const struct waba_rule RULE_BODY_LENGTH = {
	.id = "template.body.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the body is longer than 1024 characters"),
	.hint = N_("shorten the body; link to details instead of including them"),
	.source = SRC_COMP,
	.explain = N_("The body holds at most 1024 characters as typed, placeholders included (policy §2.2, limit "
	              "template.body.max_length); longer fields fail with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "a body of 1025 characters",
	.example_good = "a body of 1024 characters or fewer",
};
static const struct waba_rule RULE_BODY_EMOJI = {
	.id = "template.body.emoji_count",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the body has many emoji"),
	.hint = N_("keep a few emoji at most"),
	.source = SRC_TREV,
	.explain = N_("Meta's review page says the number of emoji in the body may be limited but publishes no number "
	              "(policy §2.2, unconfirmed); the threshold template.body.max_emoji (10) is a suggestion, hence a "
	              "warning."),
	.example_bad = "a body with 12 emoji",
	.example_good = "a body with 2 emoji",
};
static const struct waba_rule RULE_BODY_NEWLINES = {
	.id = "template.body.newlines",
	.severity = WABA_SEV_WARNING,
	.summary = N_("too many line breaks in a row"),
	.hint = N_("use at most one blank line between paragraphs"),
	.source = "https://help.engati.com/restrictions-for-wa-template-message",
	.explain = N_("BSPs (Engati, RVOps) report that four or more consecutive newlines get a template refused; "
	              "Meta's text does not say so (policy §2.2 notes, confidence B), hence a warning. The limit is "
	              "template.body.max_newlines_in_a_row."),
	.meta_codes = "2388072",
	.example_bad = "Hello\\n\\n\\n\\nBye",
	.example_good = "Hello\\n\\nBye",
};
static const struct waba_rule RULE_FOOTER_LENGTH = {
	.id = "template.footer.length",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the footer is empty or longer than 60 characters"),
	.hint = N_("shorten the footer"),
	.source = SRC_COMP,
	.explain = N_("A footer holds at most 60 characters (policy §2.2, limit template.footer.max_length); longer "
	              "fields fail with sub-code 2388040."),
	.meta_codes = "2388040",
	.example_bad = "a footer of 61 characters",
	.example_good = "Reply STOP to opt out",
};
static const struct waba_rule RULE_FOOTER_PARAMS = {
	.id = "template.footer.params",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the footer cannot contain variables"),
	.hint = N_("move the variable to the body"),
	.source = SRC_COMP,
	.explain = N_("Meta's component spec shows the footer as plain text without an example, BSPs reject variables "
	              "in it, and sub-code 2388073 is 'footer format incorrect'. One Meta page says footers support "
	              "variables: a documented conflict (policy §2.2, §10), resolved as an error as the policy advises."),
	.meta_codes = "2388073",
	.example_bad = "Sent by {{1}}",
	.example_good = "Sent by Loja Azul",
};
static const struct waba_rule RULE_FOOTER_FORMAT = {
	.id = "template.footer.format",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the footer should be one line without emoji or formatting"),
	.hint = N_("remove line breaks, emoji and * _ ~ from the footer"),
	.source = "https://static0.twilio.com/docs/api/errors/63040",
	.explain = N_("Twilio's error 63040 and BSPs list emoji and newlines in the footer as rejection reasons; Meta "
	              "only gives sub-code 2388073 for a badly formatted footer (policy §2.2, §2.7, confidence B), "
	              "hence a warning."),
	.meta_codes = "2388073",
	.example_bad = "Thanks! 😀",
	.example_good = "Thanks for shopping with us",
};
const struct waba_rule WABA_RULE_TEMPLATE_AUTH = {
	.id = "template.auth.structure",
	.severity = WABA_SEV_ERROR,
	.summary = N_("an AUTHENTICATION template must use Meta's preset body and one OTP button"),
	.hint = N_(
	    "body: {\"type\": \"BODY\", \"add_security_recommendation\": true}; buttons: [{\"type\": \"OTP\", \"otp_type\": \"COPY_CODE\"}]"),
	.source = SRC_AUTH,
	.explain = N_("AUTHENTICATION templates use Meta's preset text (no body text of your own), exactly one OTP "
	              "button with otp_type COPY_CODE, ONE_TAP or ZERO_TAP, no media header and no URL buttons; "
	              "code_expiration_minutes is 1 to 90; OTP buttons exist only in this category (policy §2.2, "
	              "template.auth.otp_button)."),
	.meta_codes = "100",
	.example_bad = "{\"category\": \"AUTHENTICATION\", \"components\": [{\"type\": \"BODY\", \"text\": \"Your code is {{1}}\"}]}",
	.example_good = "{\"category\": \"AUTHENTICATION\", \"components\": [{\"type\": \"BODY\", \"add_security_recommendation\": true}, {\"type\": \"BUTTONS\", \"buttons\": [{\"type\": \"OTP\", \"otp_type\": \"COPY_CODE\"}]}]}",
};
const struct waba_rule WABA_RULE_TEMPLATE_VAR_SYNTAX = {
	.id = "template.param.syntax",
	.severity = WABA_SEV_ERROR,
	.summary = N_("a variable is malformed: it must be exactly {{1}} or {{name}}"),
	.hint = N_("write two braces on each side with nothing else inside: {{1}}"),
	.source = SRC_TREV,
	.explain = N_("Placeholders are two braces, a number or a name, and two braces; missing or extra braces, spaces "
	              "and characters such as #, $ or % inside are rejected (policy §2.3, Meta's template review "
	              "page and rejection guidelines). Body formatting errors are sub-code 2388072."),
	.meta_codes = "2388072",
	.example_bad = "Hi {{ 1 }}, your order {1}} shipped",
	.example_good = "Hi {{1}}, your order {{2}} shipped",
};
static const struct waba_rule RULE_VAR_SEQUENCE = {
	.id = "template.param.sequence",
	.severity = WABA_SEV_ERROR,
	.summary = N_("variables must be numbered {{1}}, {{2}}, ... without gaps, in order"),
	.hint = N_("renumber the variables in the order they first appear"),
	.source = SRC_TREV,
	.explain = N_("Positional placeholders start at 1 and run without gaps in order of first appearance; "
	              "{{1}} {{2}} {{5}} {{4}} is rejected. The header counts separately from the body (policy §2.3, "
	              "Meta's template review page)."),
	.meta_codes = "2388072",
	.example_bad = "Hi {{1}}, order {{3}} shipped",
	.example_good = "Hi {{1}}, order {{2}} shipped",
};
static const struct waba_rule RULE_VAR_EDGE = {
	.id = "template.param.leading_trailing",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the body cannot start or end with a variable"),
	.hint = N_("add words before the first and after the last variable"),
	.source = SRC_ERR,
	.explain = N_("Meta refuses a body that starts or ends with a placeholder: sub-code 2388299 'leading or trailing "
	              "params not allowed' (policy §2.3, §2.7; a real rejection is quoted in Jaal-Yantra-Textiles/v2 "
	              "PR #2134). Whether trailing punctuation is enough is disputed (Meta's page says it avoids the "
	              "error, Maqsam says it does not), so a variable followed only by punctuation is a warning."),
	.meta_codes = "2388299",
	.example_bad = "{{1}}, your order shipped",
	.example_good = "Hi {{1}}, your order shipped. Thank you!",
};
static const struct waba_rule RULE_VAR_ADJACENT = {
	.id = "template.param.adjacent",
	.severity = WABA_SEV_WARNING,
	.summary = N_("two variables with no words between them"),
	.hint = N_("put words between the variables, or merge them into one"),
	.source = "https://www.twilio.com/docs/content/using-variables-with-content-api",
	.explain = N_("Twilio, Verloop and other BSPs report that adjacent placeholders ('{{1}} {{2}}', '{{1}}-{{2}}') "
	              "get templates rejected; Meta's text does not state it (policy §2.3, confidence B), hence a "
	              "warning."),
	.example_bad = "Hello {{1}} {{2}}, welcome",
	.example_good = "Hello {{1}}, welcome to {{2}}",
};
static const struct waba_rule RULE_VAR_RATIO = {
	.id = "template.param.ratio",
	.severity = WABA_SEV_WARNING,
	.summary = N_("too many variables for the amount of text"),
	.hint = N_("add fixed words around the variables, or use fewer variables"),
	.source = SRC_ERR,
	.explain = N_("Meta rejects templates whose ratio of parameters to words is too high (sub-code 2388293) but "
	              "publishes no formula (policy §2.3, §10: unconfirmed). The rule uses Maqsam's: x variables need "
	              "at least 2x+1 other words (limits template.param.ratio.*), as a warning."),
	.meta_codes = "2388293",
	.example_bad = "Hi {{1}} {{2}} {{3}} now",
	.example_good = "Hi {{1}}, your order {{2}} will arrive on {{3}}. Thank you for buying with us.",
};
static const struct waba_rule RULE_EXAMPLE_REQUIRED = {
	.id = "template.param.example",
	.severity = WABA_SEV_ERROR,
	.summary = N_("every variable needs one sample value in example, in the shape Meta takes"),
	.hint = N_(
	    "body: \"example\": {\"body_text\": [[\"Maria\", \"566701\"]]}; header: {\"header_text\": [\"566701\"]}"),
	.source = SRC_COMP,
	.explain = N_("Templates with placeholders are submitted with one sample per placeholder: body_text is an array "
	              "holding one array of strings, header_text an array of strings, named parameters go in "
	              "*_text_named_params. A missing or misshapen example fails with 'BODY component does not contain "
	              "the expected field(s) (example)'; a wrong count is refused too (policy §2.3). In .txt drafts "
	              "samples are optional; when 'example:' lines are given they are checked."),
	.meta_codes = "100",
	.example_bad = "{\"type\": \"BODY\", \"text\": \"Hi {{1}}\", \"example\": {\"body_text\": [\"Maria\"]}}",
	.example_good = "{\"type\": \"BODY\", \"text\": \"Hi {{1}}, welcome.\", \"example\": {\"body_text\": [[\"Maria\"]]}}",
};
static const struct waba_rule RULE_EXAMPLE_VALUE = {
	.id = "template.param.example_value",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a sample value is empty or contains a line break"),
	.hint = N_("give a realistic one-line sample for each variable"),
	.source = "https://github.com/shridarpatil/frappe_whatsapp/issues/81",
	.explain = N_("Samples show the reviewer what a variable holds; an empty one says nothing, and a sample with a "
	              "newline made creation fail in a reported case (policy §2.3, confidence O), hence a warning."),
	.example_bad = "\"body_text\": [[\"\"]]",
	.example_good = "\"body_text\": [[\"Maria\"]]",
};
static const struct waba_rule RULE_MARKDOWN = {
	.id = "template.markdown.balanced",
	.severity = WABA_SEV_WARNING,
	.summary = N_("WhatsApp formatting markers are unbalanced"),
	.hint = N_("close every *bold*, _italic_, ~strike~ and ```mono``` on the same line; **double** is not bold"),
	.source = SRC_FMT,
	.explain = N_("WhatsApp formats *bold*, _italic_, ~strikethrough~ and ```monospace```; a marker without its "
	              "partner shows literally, and **double** is not bold (policy §2.4, template.markdown.syntax). "
	              "Markers inside variables and links are ignored."),
	.example_bad = "Your order is *confirmed",
	.example_good = "Your order is *confirmed*",
};

const struct waba_rule *const waba_rules_template[] = {
	&WABA_RULE_TEMPLATE_STRUCTURE,
	&WABA_RULE_TEMPLATE_SUPPRESSION,
	&RULE_NAME_REQUIRED,
	&RULE_NAME_CHARSET,
	&RULE_NAME_LENGTH,
	&RULE_LANGUAGE,
	&RULE_CATEGORY,
	&RULE_PARAM_FORMAT,
	&RULE_BODY_REQUIRED,
	&RULE_SINGLE,
	&RULE_HEADER_FORMAT,
	&RULE_HEADER_MEDIA_EXAMPLE,
	&RULE_HEADER_LENGTH,
	&RULE_HEADER_PARAMS,
	&RULE_HEADER_MARKDOWN,
	&RULE_HEADER_EMOJI,
	&RULE_HEADER_NEWLINE,
	&RULE_BODY_LENGTH,
	&RULE_BODY_EMOJI,
	&RULE_BODY_NEWLINES,
	&RULE_FOOTER_LENGTH,
	&RULE_FOOTER_PARAMS,
	&RULE_FOOTER_FORMAT,
	&WABA_RULE_TEMPLATE_BUTTONS_COUNT,
	&WABA_RULE_TEMPLATE_BUTTONS_TYPE,
	&WABA_RULE_TEMPLATE_BUTTONS_GROUPING,
	&WABA_RULE_TEMPLATE_BUTTON_TEXT,
	&WABA_RULE_TEMPLATE_BUTTON_TEXT_FORMAT,
	&WABA_RULE_TEMPLATE_URL_BUTTON,
	&WABA_RULE_TEMPLATE_PHONE_BUTTON,
	&WABA_RULE_TEMPLATE_COPY_CODE,
	&WABA_RULE_TEMPLATE_BUTTONS_DUPLICATE,
	&WABA_RULE_TEMPLATE_AUTH,
	&WABA_RULE_TEMPLATE_VAR_SYNTAX,
	&RULE_VAR_SEQUENCE,
	&RULE_VAR_EDGE,
	&RULE_VAR_ADJACENT,
	&RULE_VAR_RATIO,
	&RULE_EXAMPLE_REQUIRED,
	&RULE_EXAMPLE_VALUE,
	&RULE_MARKDOWN,
	/* content rules, defined in check_template_text.c */
	&WABA_RULE_TEMPLATE_PROMOTIONAL,
	&WABA_RULE_TEMPLATE_PROHIBITED,
	&WABA_RULE_TEMPLATE_REGULATED,
	&WABA_RULE_TEMPLATE_SENSITIVE,
	&WABA_RULE_TEMPLATE_OTP,
	&WABA_RULE_TEMPLATE_THREAT,
	&WABA_RULE_TEMPLATE_PURPOSE,
	&WABA_RULE_TEMPLATE_SHORTENER,
	&WABA_RULE_TEMPLATE_HTTPS,
	&WABA_RULE_TEMPLATE_LANGUAGE_MATCH,
	/* across the templates of one run, defined in lint_template.c */
	&WABA_RULE_TEMPLATE_DUP_NAME,
	&WABA_RULE_TEMPLATE_DUP_CONTENT,
	NULL,
};

/* ------------------------------------------------------------ identity */

static void check_name(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_tpl_text *n = &t->name;
	if (!n->s) {
		if (!t->is_txt && !cJSON_GetObjectItemCaseSensitive(t->node, "name"))
			add_node(c, &RULE_NAME_REQUIRED, t->node, "%s", _("the template has no 'name'"));
		return;
	}
	for (size_t i = 0; i < n->len; i++) {
		unsigned char ch = (unsigned char)n->s[i];
		if (!(islower(ch) || isdigit(ch) || ch == '_')) {
			char *name = dup_text(n);
			struct waba_finding
			    *f = add_at(c, &RULE_NAME_CHARSET, n, i, i + 1,
			                _("template name '%s' contains '%c'; only a-z, 0-9 and '_' are allowed"), name,
			                ch < 0x80 && isprint(ch) ? ch : '?');
			/* suggest the fixed name */
			struct waba_strbuf sb = WABA_STRBUF_INIT;
			for (size_t k = 0; k < n->len; k++) {
				unsigned char d = (unsigned char)n->s[k];
				if (isalnum(d))
					waba_strbuf_addc(&sb, (char)tolower(d));
				else if (d < 0x80 && sb.len && sb.buf[sb.len - 1] != '_')
					waba_strbuf_addc(&sb, '_');
			}
			if (sb.len)
				waba_finding_set_hint(f, _("rename it '%s'"), waba_strbuf_cstr(&sb));
			waba_strbuf_release(&sb);
			free(name);
			break;
		}
	}
	long max = limit(c, "template.name.max_length");
	size_t len = waba_utf8_length(n->s, n->len);
	if (len == 0)
		add_at(c, &RULE_NAME_LENGTH, n, 0, 0, "%s", _("the template name is empty"));
	else if ((long)len > max)
		add_at(c, &RULE_NAME_LENGTH, n, 0, n->len, _("the template name has %zu characters; the limit is %ld"),
		       len, max);
}

static void check_language(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_set *set = waba_checklist_set(c->cl, "template.languages");
	if (!t->language.s) {
		if (!t->is_txt)
			add_node(c, &RULE_LANGUAGE, t->node, "%s", _("the template has no 'language'"));
		return;
	}
	char *lang = dup_text(&t->language);
	if (!waba_set_find(set, lang)) {
		struct waba_finding *f = add_at(c, &RULE_LANGUAGE, &t->language, 0, t->language.len,
		                                _("language '%s' is not a code Meta accepts"), lang);
		/* did you mean: same letters with '_' and the region upper-cased, or the region variants */
		struct waba_strbuf sb = WABA_STRBUF_INIT, alts = WABA_STRBUF_INIT;
		for (size_t i = 0; lang[i]; i++) {
			char ch = lang[i] == '-' ? '_' : lang[i];
			int after = strchr(waba_strbuf_cstr(&sb), '_') != NULL;
			waba_strbuf_addc(&sb,
			                 after ? (char)toupper((unsigned char)ch) : (char)tolower((unsigned char)ch));
		}
		const struct waba_set_item *hit = waba_set_find(set, waba_strbuf_cstr(&sb));
		if (!hit) {
			const char *base = waba_strbuf_cstr(&sb);
			size_t blen = strcspn(base, "_");
			for (size_t i = 0; set && i < set->len; i++)
				if (strncmp(set->items[i].value, base, blen) == 0 &&
				    (set->items[i].value[blen] == '_' || set->items[i].value[blen] == '\0')) {
					waba_strbuf_addf(&alts, "%s%s", alts.len ? ", " : "", set->items[i].value);
					if (alts.len > 60)
						break;
				}
		}
		if (hit)
			waba_finding_set_hint(f, _("did you mean '%s'?"), hit->value);
		else if (alts.len)
			waba_finding_set_hint(f, _("did you mean one of: %s?"), waba_strbuf_cstr(&alts));
		waba_strbuf_release(&sb);
		waba_strbuf_release(&alts);
	}
	free(lang);
}

static int is_current(const struct waba_set_item *it)
{
	return waba_set_item_attr(it, "current") != NULL;
}

static void check_category(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_set *set = waba_checklist_set(c->cl, "template.categories");
	if (!t->category.s) {
		if (!t->is_txt)
			add_node(c, &RULE_CATEGORY, t->node, "%s", _("the template has no 'category'"));
		return;
	}
	char *cat = dup_text(&t->category);
	const struct waba_set_item *it = waba_set_find_nocase(set, cat);
	const char *current = waba_set_item_attr(it, "current");
	if (!it || !current) {
		/* the current categories, from the checklist: "AUTHENTICATION, MARKETING or UTILITY" */
		struct waba_strbuf head = WABA_STRBUF_INIT;
		const char *last;
		waba_set_values_or(set, is_current, &head, &last);
		/* the list's words are arguments, the "or" is in the translated format: the finding's
		 * content (its SARIF/GitLab fingerprint) is then the same in every language */
		struct waba_finding *f = head.len
		                             ? add_at(c, &RULE_CATEGORY, &t->category, 0, t->category.len,
		                                      /* TRANSLATORS: "is not A, B or C": the last two values after "is not"
			                     (pt "nem", es "ni") */
		                                      _("category '%s' is not %s or %s"), cat, waba_strbuf_cstr(&head),
		                                      last)
		                             : add_at(c, &RULE_CATEGORY, &t->category, 0, t->category.len,
		                                      _("category '%s' is not %s"), cat, last ? last : "");
		const char *to = waba_set_item_attr(it, "maps_to");
		if (to)
			waba_finding_set_hint(f, _("'%s' is an old category name: use '%s'"), cat, to);
		else if (head.len)
			/* TRANSLATORS: "use A, B or C": the current categories of the checklist set
			   template.categories, all but the last and the last */
			waba_finding_set_hint(f, _("use %s or %s"), waba_strbuf_cstr(&head), last);
		else if (last)
			waba_finding_set_hint(f, _("use %s"), last);
		waba_strbuf_release(&head);
	}
	free(cat);
}

/* ----------------------------------------------------------- variables */

/* Check the placeholders of one text; returns the number of distinct positional ones. */
struct vars_result {
	size_t distinct; /* positional numbers, or named names */
	size_t total;    /* well-formed occurrences */
	int any_named, any_positional;
};

static int named_ok(const struct waba_tpl_var *v, int *digits)
{
	*digits = 0;
	for (size_t i = 0; i < v->name_len; i++) {
		unsigned char ch = (unsigned char)v->name[i];
		if (isdigit(ch))
			*digits = 1;
		else if (!islower(ch) && ch != '_')
			return 0;
	}
	return 1;
}

static struct vars_result check_vars(struct ctx *c, const struct waba_tpl_text *t, struct waba_tpl_var *v, size_t n,
                                     const char *where)
{
	struct vars_result r = { 0, 0, 0, 0 };
	int seen[1024] = { 0 };
	int reported_seq = 0;
	size_t positional = 0;
	const char **names = waba_xcalloc(n + 1, sizeof(*names));
	size_t *name_lens = waba_xcalloc(n + 1, sizeof(*name_lens));
	for (size_t i = 0; i < n; i++) {
		if (v[i].malformed) {
			add_at(c, &WABA_RULE_TEMPLATE_VAR_SYNTAX, t, v[i].start, v[i].end,
			       _("malformed variable '%.*s' in the %s"),
			       (int)(v[i].end - v[i].start > 30 ? 30 : v[i].end - v[i].start), t->s + v[i].start, where);
			continue;
		}
		r.total++;
		if (v[i].number > 0) {
			r.any_positional = 1;
			int num = v[i].number;
			if (num < (int)(sizeof(seen) / sizeof(seen[0])) && seen[num])
				continue;
			if (num < (int)(sizeof(seen) / sizeof(seen[0])))
				seen[num] = 1;
			r.distinct++;
			positional++;
			if ((size_t)num != positional && !reported_seq) {
				reported_seq = 1;
				struct waba_finding *f;
				if (positional == 1)
					f = add_at(c, &RULE_VAR_SEQUENCE, t, v[i].start, v[i].end,
					           _("variables must be numbered {{1}}, {{2}}, ... without gaps; the %s starts with {{%d}}"),
					           where, num);
				else
					f = add_at(c, &RULE_VAR_SEQUENCE, t, v[i].start, v[i].end,
					           _("variables must be numbered {{1}}, {{2}}, ... without gaps; found {{%zu}} then {{%d}}"),
					           positional - 1, num);
				waba_finding_set_hint(f, _("rename {{%d}} to {{%zu}}"), num, positional);
			}
		} else {
			r.any_named = 1;
			int digits, dup = 0;
			size_t nnames = r.distinct - positional;
			/* names are compared pairwise: bounded, so that hostile input stays linear */
			for (size_t k = 0; k < nnames && k < 256 && !dup; k++)
				dup = name_lens[k] == v[i].name_len && memcmp(names[k], v[i].name, v[i].name_len) == 0;
			if (!dup) {
				names[nnames] = v[i].name;
				name_lens[nnames] = v[i].name_len;
				r.distinct++;
			}
			if (!named_ok(&v[i], &digits)) {
				add_at(c, &RULE_PARAM_FORMAT, t, v[i].start, v[i].end,
				       _("named variable '%.*s' may use only lower-case letters and '_'"),
				       (int)v[i].name_len, v[i].name);
			} else if (digits) {
				struct waba_finding *f = add_at(
				    c, &RULE_PARAM_FORMAT, t, v[i].start, v[i].end,
				    _("named variable '%.*s' contains digits, which Meta's documentation does not allow for"),
				    (int)v[i].name_len, v[i].name);
				f->severity = WABA_SEV_WARNING;
			}
		}
	}
	if (r.any_named && r.any_positional)
		add_at(c, &RULE_PARAM_FORMAT, t, 0, t->len,
		       _("the %s mixes positional {{1}} and named {{name}} variables"), where);
	else if (r.any_named && !c->named_format)
		add_at(c, &RULE_PARAM_FORMAT, t, 0, t->len,
		       _("the %s uses named variables but the template's parameter_format is not NAMED"), where);
	else if (r.any_positional && c->named_format)
		add_at(c, &RULE_PARAM_FORMAT, t, 0, t->len,
		       _("the %s uses positional variables but the template's parameter_format is NAMED"), where);
	free(names);
	free(name_lens);
	return r;
}

static int only_class(const char *s, size_t a, size_t b, int punct_ok)
{
	for (size_t i = a; i < b; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (isspace(ch))
			continue;
		if (punct_ok && ch < 0x80 && ispunct(ch))
			continue;
		return 0;
	}
	return 1;
}

static void check_edges_and_adjacency(struct ctx *c, const struct waba_tpl_text *t, struct waba_tpl_var *v, size_t n)
{
	size_t first = n, last = n;
	for (size_t i = 0; i < n; i++)
		if (!v[i].malformed) {
			if (first == n)
				first = i;
			last = i;
		}
	if (first == n)
		return;
	if (only_class(t->s, 0, v[first].start, 0))
		add_at(c, &RULE_VAR_EDGE, t, v[first].start, v[first].end, _("the body starts with the variable '%.*s'"),
		       (int)(v[first].end - v[first].start), t->s + v[first].start);
	if (only_class(t->s, v[last].end, t->len, 0)) {
		add_at(c, &RULE_VAR_EDGE, t, v[last].start, v[last].end, _("the body ends with the variable '%.*s'"),
		       (int)(v[last].end - v[last].start), t->s + v[last].start);
	} else if (only_class(t->s, v[last].end, t->len, 1)) {
		struct waba_finding *f = add_at(c, &RULE_VAR_EDGE, t, v[last].start, v[last].end,
		                                _("the body ends with the variable '%.*s' followed only by punctuation"),
		                                (int)(v[last].end - v[last].start), t->s + v[last].start);
		f->severity = WABA_SEV_WARNING;
	}
	size_t prev = n;
	for (size_t i = 0; i < n; i++) {
		if (v[i].malformed)
			continue;
		if (prev != n && only_class(t->s, v[prev].end, v[i].start, 1))
			add_at(c, &RULE_VAR_ADJACENT, t, v[prev].start, v[i].end,
			       _("variables '%.*s' and '%.*s' have no words between them"),
			       (int)(v[prev].end - v[prev].start), t->s + v[prev].start, (int)(v[i].end - v[i].start),
			       t->s + v[i].start);
		prev = i;
	}
}

static void check_ratio(struct ctx *c, const struct waba_tpl_text *t, struct waba_tpl_var *v, size_t n, size_t occurrences)
{
	const struct waba_words *w = &c->body; /* t is the body */
	size_t words = 0, k = 0;
	if (occurrences == 0)
		return;
	for (size_t i = 0; i < w->len; i++) {
		while (k < n && v[k].end <= w->v[i].start)
			k++;
		if (k < n && w->v[i].start >= v[k].start && w->v[i].end <= v[k].end)
			continue; /* the "1" inside {{1}} */
		words++;
	}
	long a = limit(c, "template.param.ratio.words_per_param");
	long b = limit(c, "template.param.ratio.extra_words");
	size_t need = (size_t)a * occurrences + (size_t)b;
	if (words < need)
		add_at(c, &RULE_VAR_RATIO, t, 0, t->len,
		       _("%zu variables need at least %zu other words; the body has %zu"), occurrences, need, words);
}

static void check_samples(struct ctx *c, const struct waba_tpl_component *comp, const struct waba_tpl_text *t,
                          const struct vars_result *r, const char *where)
{
	const struct waba_template *tpl = c->tpl;
	const cJSON *at = comp->node;
	if (r->distinct == 0)
		return;
	if (tpl->is_txt && !comp->has_example)
		return; /* drafts may leave samples for later */
	if (!comp->has_example) {
		struct waba_finding *f = add_at(c, &RULE_EXAMPLE_REQUIRED, t, 0, t->len,
		                                _("the %s has %zu variables but no sample values ('example')"), where,
		                                r->distinct);
		(void)f;
		return;
	}
	if (!comp->example_shape_ok)
		add_node(c, &RULE_EXAMPLE_REQUIRED, at,
		         _("the %s's example has the wrong shape: body_text must be an array holding one array of strings"),
		         where);
	if (r->any_named && r->any_positional)
		return; /* template.param.format says what is wrong */
	/* a .txt draft gives its samples as 'example:' lines in order, whatever the parameter format */
	size_t given = r->any_named && !tpl->is_txt ? comp->nnamed : comp->nsamples;
	if (given != r->distinct)
		add_node(c, &RULE_EXAMPLE_REQUIRED, at, _("the %s has %zu variables but %zu sample values"), where,
		         r->distinct, given);
	for (size_t i = 0; i < comp->nsamples; i++) {
		const struct waba_tpl_text *s = &comp->samples[i];
		if (s->len == 0 || only_class(s->s, 0, s->len, 0))
			add_at(c, &RULE_EXAMPLE_VALUE, s, 0, s->len, _("sample value %zu of the %s is empty"), i + 1,
			       where);
		else if (memchr(s->s, '\n', s->len))
			add_at(c, &RULE_EXAMPLE_VALUE, s, 0, s->len,
			       _("sample value %zu of the %s contains a line break"), i + 1, where);
	}
}

/* ---------------------------------------------------------- formatting */

/* Inside a placeholder or a link? (formatting characters there are not markers) */
static int in_span(size_t i, const struct waba_tpl_var *v, size_t n)
{
	/* the placeholders are in text order and do not overlap: binary search */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].end <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && i >= v[lo].start && i < v[lo].end;
}

static size_t url_end(const char *s, size_t len, size_t i)
{
	while (i < len && !isspace((unsigned char)s[i]))
		i++;
	return i;
}

static void check_markdown(struct ctx *c, const struct waba_tpl_text *t, const struct waba_tpl_var *v, size_t n)
{
	const char *s = t->s;
	size_t line = 0;
	size_t fences = 0, fence_at = 0;
	for (size_t i = 0; i + 2 < t->len; i++) {
		const char *q = memchr(s + i, '`', t->len - 2 - i); /* a fence starts with one */
		if (!q)
			break;
		i = (size_t)(q - s);
		if (memcmp(s + i, "```", 3) == 0) {
			if (fences++ % 2 == 0)
				fence_at = i;
			i += 2;
		}
	}
	if (fences % 2)
		add_at(c, &RULE_MARKDOWN, t, fence_at, fence_at + 3, "%s",
		       _("'```' opens monospace text that is never closed"));
	while (line < t->len) {
		const char *nl = memchr(s + line, '\n', t->len - line);
		size_t eol = nl ? (size_t)(nl - s) : t->len;
		static const char marks[] = "*_~";
		for (const char *m = marks; *m; m++) {
			size_t count = 0, last = 0;
			if (!memchr(s + line, *m, eol - line))
				continue; /* no marker on the line: nothing opens */
			for (size_t i = line; i < eol; i++) {
				if ((s[i] == 'h' && (eol - i > 7) &&
				     (strncmp(s + i, "http://", 7) == 0 || strncmp(s + i, "https://", 8) == 0)) ||
				    (s[i] == 'w' && eol - i > 4 && strncmp(s + i, "www.", 4) == 0)) {
					i = url_end(s, eol, i);
					continue;
				}
				if (s[i] != *m || in_span(i, v, n))
					continue;
				if (*m == '*' && i + 1 < eol && s[i + 1] == '*') {
					add_at(c, &RULE_MARKDOWN, t, i, i + 2, "%s",
					       _("'**' is not bold in WhatsApp: it shows literally; use single '*'"));
					i++;
					count = 0;
					break;
				}
				/* a lone marker between spaces ("5 * 3", "a _ b") is not formatting */
				int space_before = i == line || isspace((unsigned char)s[i - 1]);
				int space_after = i + 1 >= eol || isspace((unsigned char)s[i + 1]);
				if (space_before && space_after)
					continue;
				/* '_' inside a word (snake_case) is not formatting either */
				if (*m == '_' && !space_before && !space_after && isalnum((unsigned char)s[i - 1]) &&
				    isalnum((unsigned char)s[i + 1]))
					continue;
				count++;
				last = i;
			}
			if (count % 2)
				add_at(c, &RULE_MARKDOWN, t, last, last + 1,
				       _("'%c' opens formatting that is not closed on the same line"), *m);
		}
		line = eol + 1;
	}
}

static int blank(char ch)
{
	return ch == '\n' || ch == '\r' || ch == ' ' || ch == '\t';
}

static void check_newlines(struct ctx *c, const struct waba_tpl_text *t)
{
	long max = limit(c, "template.body.max_newlines_in_a_row");
	for (size_t i = 0; i <= t->len; i++) {
		if (max >= 0) { /* a run of white space is too long only from a line break: go to the next */
			const char *nl = i < t->len ? memchr(t->s + i, '\n', t->len - i) : NULL;
			if (!nl)
				return;
			i = (size_t)(nl - t->s);
		}
		size_t run = 0, run_start = 0;
		for (; i < t->len && blank(t->s[i]); i++)
			if (t->s[i] == '\n' && run++ == 0)
				run_start = i;
		if ((long)run > max) {
			add_at(c, &RULE_BODY_NEWLINES, t, run_start, run_start + 1,
			       _("%zu line breaks in a row; at most %ld"), run, max);
			return;
		}
	}
}

/* ----------------------------------------------------------- components */

static void check_component_counts(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	static const char *const names[] = { "HEADER", "BODY", "FOOTER", "BUTTONS" };
	int counts[] = { t->header.present, t->body.present, t->footer.present, t->buttons_present };
	for (size_t i = 0; i < 4; i++)
		if (counts[i] > 1)
			add_node(c, &RULE_SINGLE, t->node,
			         _("the template has %d %s components; at most one is allowed"), counts[i], names[i]);
}

static void check_header(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_tpl_component *h = &t->header;
	const struct waba_set *formats = waba_checklist_set(c->cl, "template.header_formats");
	if (!h->present)
		return;
	char *fmt = h->format.s ? dup_text(&h->format) : waba_xstrdup(h->text.s ? "TEXT" : "");
	const struct waba_set_item *it = waba_set_find_nocase(formats, fmt);
	if (!it) {
		if (h->format.s) {
			struct waba_strbuf head = WABA_STRBUF_INIT;
			const char *last;
			waba_set_values_or(formats, item_checked, &head, &last);
			/* TRANSLATORS: "is not A, B or C": the header formats, all but the last and the last
			   (pt "nem", es "ni") */
			add_at(c, &RULE_HEADER_FORMAT, &h->format, 0, h->format.len,
			       _("header format '%s' is not %s or %s"), fmt, waba_strbuf_cstr(&head), last ? last : "");
			waba_strbuf_release(&head);
		} else
			add_node(c, &RULE_HEADER_FORMAT, h->node, "%s", _("the header has no 'format'"));
		free(fmt);
		return;
	}
	const char *cats = waba_set_item_attr(it, "categories");
	if (cats && t->category.s) {
		char *cat = dup_text(&t->category);
		for (char *p = cat; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		size_t cl = strlen(cat);
		int ok = 0;
		for (const char *p = cats; *p; p += strspn(p, " ")) {
			size_t w = strcspn(p, " ");
			ok |= w == cl && strncmp(p, cat, w) == 0;
			p += w;
		}
		if (!ok)
			add_at(c, &RULE_HEADER_FORMAT, &h->format, 0, h->format.len,
			       _("a %s header is allowed only in %s templates, not %s"), it->value, cats, cat);
		free(cat);
	}
	const char *media = waba_set_item_attr(it, "media");
	if (media && strcmp(media, "yes") == 0 && !h->has_handle && !t->is_txt)
		add_node(c, &RULE_HEADER_MEDIA_EXAMPLE, h->node,
		         _("the %s header has no sample in example.header_handle"), it->value);
	if (strcmp(it->value, "TEXT") == 0) {
		const struct waba_tpl_text *x = &h->text;
		struct waba_tpl_var *v = NULL;
		if (!x->s) {
			add_node(c, &RULE_HEADER_LENGTH, h->node, "%s", _("the TEXT header has no 'text'"));
			free(fmt);
			return;
		}
		long max = limit(c, "template.header.text.max_length");
		size_t len = waba_utf8_length(x->s, x->len);
		if (len == 0 || (long)len > max)
			add_at(c, &RULE_HEADER_LENGTH, x, 0, x->len,
			       _("the header has %zu characters; the limit is %ld"), len, max);
		size_t n = waba_tpl_vars(x->s, x->len, &v);
		struct vars_result r = check_vars(c, x, v, n, _("header"));
		long maxp = limit(c, "template.header.text.max_params");
		if ((long)r.total > maxp)
			add_at(c, &RULE_HEADER_PARAMS, x, 0, x->len, _("the header has %zu variables; at most %ld"),
			       r.total, maxp);
		check_samples(c, h, x, &r, _("header"));
		for (size_t i = 0; i < x->len; i++)
			if (strchr("*_~`", x->s[i]) && !in_span(i, v, n)) {
				add_at(c, &RULE_HEADER_MARKDOWN, x, i, i + 1,
				       _("the header contains the formatting character '%c'"), x->s[i]);
				break;
			}
		size_t first;
		if (count_emoji(x->s, x->len, &first))
			add_at(c, &RULE_HEADER_EMOJI, x, first, first + 1, "%s", _("the header contains an emoji"));
		const char *nl = memchr(x->s, '\n', x->len);
		if (nl)
			add_at(c, &RULE_HEADER_NEWLINE, x, (size_t)(nl - x->s), (size_t)(nl - x->s) + 1, "%s",
			       _("the header contains a line break"));
		free(v);
	}
	free(fmt);
}

static void check_body(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_tpl_component *b = &t->body;
	const struct waba_tpl_text *x = &b->text;
	struct waba_tpl_var *v = NULL;
	if (!b->present) {
		add_node(c, &RULE_BODY_REQUIRED, t->node, "%s", _("the template has no BODY component"));
		return;
	}
	if (!x->s) {
		if (!is_category(t, "AUTHENTICATION"))
			add_node(c, &RULE_BODY_REQUIRED, b->node, "%s", _("the BODY component has no 'text'"));
		return;
	}
	if (is_category(t, "AUTHENTICATION"))
		add_at(c, &WABA_RULE_TEMPLATE_AUTH, x, 0, x->len, "%s",
		       _("an AUTHENTICATION template uses Meta's preset body: remove 'text' and set add_security_recommendation"));
	long max = limit(c, "template.body.max_length");
	size_t len = waba_utf8_length(x->s, x->len);
	if (len == 0)
		add_at(c, &RULE_BODY_REQUIRED, x, 0, 0, "%s", _("the body text is empty"));
	else if ((long)len > max)
		add_at(c, &RULE_BODY_LENGTH, x, 0, x->len, _("the body has %zu characters; the limit is %ld"), len, max);
	size_t n = waba_tpl_vars(x->s, x->len, &v);
	struct vars_result r = check_vars(c, x, v, n, _("body"));
	check_edges_and_adjacency(c, x, v, n);
	check_ratio(c, x, v, n, r.total);
	check_samples(c, b, x, &r, _("body"));
	check_markdown(c, x, v, n);
	check_newlines(c, x);
	size_t first, emoji = count_emoji(x->s, x->len, &first);
	long max_emoji = limit(c, "template.body.max_emoji");
	if ((long)emoji > max_emoji)
		add_at(c, &RULE_BODY_EMOJI, x, first, first + 1,
		       _("the body has %zu emoji; more than %ld may be refused"), emoji, max_emoji);
	free(v);
}

static void check_footer(struct ctx *c)
{
	const struct waba_template *t = c->tpl;
	const struct waba_tpl_component *ft = &t->footer;
	const struct waba_tpl_text *x = &ft->text;
	struct waba_tpl_var *v = NULL;
	if (!ft->present)
		return;
	if (is_category(t, "AUTHENTICATION")) {
		long e = ft->code_expiration_minutes;
		long lo = limit(c, "template.auth.code_expiration.min"),
		     hi = limit(c, "template.auth.code_expiration.max");
		if (e != -1 && (e < lo || e > hi))
			add_node(c, &WABA_RULE_TEMPLATE_AUTH, ft->node,
			         _("code_expiration_minutes is %ld; it must be %ld to %ld"), e, lo, hi);
		if (!x->s)
			return;
	}
	if (!x->s) {
		add_node(c, &RULE_FOOTER_LENGTH, ft->node, "%s", _("the FOOTER component has no 'text'"));
		return;
	}
	long max = limit(c, "template.footer.max_length");
	size_t len = waba_utf8_length(x->s, x->len);
	if (len == 0 || (long)len > max)
		add_at(c, &RULE_FOOTER_LENGTH, x, 0, x->len, _("the footer has %zu characters; the limit is %ld"), len,
		       max);
	size_t n = waba_tpl_vars(x->s, x->len, &v);
	for (size_t i = 0; i < n; i++)
		if (!v[i].malformed) {
			add_at(c, &RULE_FOOTER_PARAMS, x, v[i].start, v[i].end,
			       _("the footer contains the variable '%.*s'"), (int)(v[i].end - v[i].start),
			       x->s + v[i].start);
			break;
		}
	size_t first;
	const char *nl = memchr(x->s, '\n', x->len);
	if (count_emoji(x->s, x->len, &first))
		add_at(c, &RULE_FOOTER_FORMAT, x, first, first + 1, "%s", _("the footer contains an emoji"));
	else if (nl)
		add_at(c, &RULE_FOOTER_FORMAT, x, (size_t)(nl - x->s), (size_t)(nl - x->s) + 1, "%s",
		       _("the footer contains a line break"));
	else
		for (size_t i = 0; i < x->len; i++)
			if (strchr("*_~", x->s[i]) && !in_span(i, v, n)) {
				add_at(c, &RULE_FOOTER_FORMAT, x, i, i + 1,
				       _("the footer contains the formatting character '%c'"), x->s[i]);
				break;
			}
	free(v);
}

int waba_check_template(const struct waba_template *tpl, const struct waba_checklist *cl, struct waba_findings *fs)
{
	struct ctx c = { tpl, cl, fs, 0, WABA_WORDS_INIT };
	if (tpl->node && !cJSON_IsObject(tpl->node))
		return 0; /* already reported by the parser */
	if (tpl->body.text.s)
		waba_text_words(&c.body, tpl->body.text.s, tpl->body.text.len);
	if (tpl->parameter_format.s) {
		char *pf = dup_text(&tpl->parameter_format);
		if (!waba_set_find_nocase(waba_checklist_set(cl, "template.parameter_formats"), pf))
			add_at(&c, &RULE_PARAM_FORMAT, &tpl->parameter_format, 0, tpl->parameter_format.len,
			       _("parameter_format '%s' is not POSITIONAL or NAMED"), pf);
		c.named_format = strcasecmp(pf, "NAMED") == 0;
		free(pf);
	}
	check_name(&c);
	check_language(&c);
	check_category(&c);
	check_component_counts(&c);
	check_header(&c);
	check_body(&c);
	check_footer(&c);
	waba_check_template_buttons(&c);
	waba_check_template_kinds(tpl, cl, fs);
	int rc = waba_check_template_text_words(tpl, cl, fs, &c.body);
	waba_words_release(&c.body);
	return rc;
}
