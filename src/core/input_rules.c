/*
 * input_rules.c: the `input.` family: input that cannot be read as what it claims to
 * be. Emitted by the parsers (json_pos.c, the template and application parsers).
 */
#include "waba/rule.h"
#include "input_rules.h"

const struct waba_rule WABA_RULE_INPUT_JSON = {
	.id = "input.json.syntax",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the file is not valid JSON"),
	.hint = N_("fix the JSON syntax at the position shown (a JSON validator or `jq .` shows the same place)"),
	.source = "https://www.rfc-editor.org/rfc/rfc8259",
	.explain = N_("Meta's Graph API and waba-preflight read templates and application files as JSON (RFC 8259). "
	              "A syntax error means nothing else in the file can be checked, so it is reported at the "
	              "line and column where parsing stopped."),
	.example_bad = "{\"name\": \"order_update\",}",
	.example_good = "{\"name\": \"order_update\"}",
};

const struct waba_rule WABA_RULE_INPUT_ENCODING = {
	.id = "input.encoding",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the file is not valid UTF-8"),
	.hint = N_("save the file as UTF-8 (most editors offer \"Save with encoding\")"),
	.source = "https://www.rfc-editor.org/rfc/rfc8259#section-8.1",
	.explain = N_("JSON exchanged between systems must be UTF-8 (RFC 8259 section 8.1), and Meta shows template "
	              "text as UTF-8. A file saved as Latin-1 or Windows-1252 turns accented Portuguese and "
	              "Spanish letters into invalid bytes; the first one is reported."),
	.example_bad = "Ol\\xe1 {{1}} (Latin-1 byte for \"a\" with an accent)",
	.example_good = "Olá {{1}} (UTF-8)",
};

const struct waba_rule WABA_RULE_INPUT_NUL = {
	.id = "input.nul",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the file contains a NUL byte"),
	.hint = N_("remove the NUL bytes; the file may be binary or saved as UTF-16"),
	.source = "https://www.rfc-editor.org/rfc/rfc8259#section-7",
	.explain = N_("A NUL byte cannot appear unescaped in JSON or in template text; its presence usually means "
	              "the file is UTF-16 or not a text file at all."),
	.example_bad = "a file saved as UTF-16",
	.example_good = "the same file saved as UTF-8",
};

const struct waba_rule WABA_RULE_INPUT_DEPTH = {
	.id = "input.json.depth",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the JSON is nested too deeply"),
	.hint = N_("a template or application file needs only a few levels of nesting; check for a runaway bracket"),
	.source = "https://www.rfc-editor.org/rfc/rfc8259#section-9",
	.explain = N_("RFC 8259 lets parsers limit nesting depth. waba-preflight stops at 1000 levels so that hostile "
	              "input cannot exhaust the stack; no real template comes near it."),
	.example_bad = "[[[[[[ ... 100000 levels ... ]]]]]]",
	.example_good = "{\"components\": [{\"type\": \"BODY\"}]}",
};

const struct waba_rule WABA_RULE_INPUT_SIZE = {
	.id = "input.size",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the file is too large to be what it claims to be"),
	.hint = N_("check that the right file was given"),
	.source = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components",
	.explain = N_("Templates are limited to a few kilobytes of text and the profile photo to 5 MB; a much larger "
	              "input is refused before it is parsed so that it cannot exhaust memory."),
	.example_bad = "a 1 GB file passed to `lint`",
	.example_good = "a template JSON of a few kilobytes",
};

const struct waba_rule *const waba_rules_input[] = {
	&WABA_RULE_INPUT_JSON,        &WABA_RULE_INPUT_ENCODING,    &WABA_RULE_INPUT_NUL,
	&WABA_RULE_INPUT_DEPTH,       &WABA_RULE_INPUT_SIZE,        &WABA_RULE_INPUT_BASELINE_UNUSED,
	&WABA_RULE_INPUT_APP_TYPE,    &WABA_RULE_INPUT_APP_UNKNOWN, &WABA_RULE_INPUT_APP_DUPLICATE,
	&WABA_RULE_INPUT_APP_MISSING, &WABA_RULE_INPUT_APP_VALUE,   NULL,
};
