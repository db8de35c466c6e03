/*
 * application.h: the application file, everything Botmaker's activation request needs
 * in one JSON document (format: docs/application.md, schema: docs/application.schema.json,
 * example: examples/application.json).
 *
 * The parser judges only the shape: a wrong type, an unknown key (with a "did you mean"),
 * a duplicate key, a value outside a closed list (used_whatsapp, language) or a missing
 * required field is an `input.application.*` finding located in the file. Whether the
 * values are acceptable to Meta is for the checks (name.*, profile.*, phone.*, ...).
 *
 * Every field remembers where its value stands (byte offset + the cJSON node), so a check
 * can point at the field, or at a character inside it, with waba_application_loc() and
 * waba_application_str_loc(). An application built in memory (the wizard) has no source:
 * its locations are WABA_LOC_NONE.
 */
#ifndef WABA_APPLICATION_H
#define WABA_APPLICATION_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "finding.h"
#include "json_pos.h"
#include "source.h"

/* One string field. */
struct waba_app_str {
	char *value;       /* owned; NULL when absent or not a string */
	int present;       /* the key is in the file (even with a wrong type) */
	size_t off;        /* offset of the value; when absent, of the object that lacks it */
	const cJSON *node; /* the JSON value (borrowed from the application's document), or NULL */
};

enum waba_used_whatsapp {
	WABA_USED_WHATSAPP_UNKNOWN = 0, /* "unknown", or not given */
	WABA_USED_WHATSAPP_YES,         /* "yes": the number has or had a WhatsApp (app) account */
	WABA_USED_WHATSAPP_NO           /* "no" */
};

struct waba_app_number {
	struct waba_app_str number;        /* as typed: "+55 11 3456-7890" (required) */
	struct waba_app_str region;        /* ISO 3166 region for numbers without +CC: "BR" (optional) */
	struct waba_app_str used_whatsapp; /* "yes" | "no" | "unknown" as written (optional) */
	enum waba_used_whatsapp used;      /* parsed used_whatsapp */
	struct waba_app_str purpose;       /* what the number is for: "atendimento e vendas" (optional) */
	size_t off;                        /* the number's object */
};

struct waba_app_profile {
	int present; /* "profile" is an object in the file */
	size_t off;
	struct waba_app_str about, address, description, email;
	struct waba_app_str vertical; /* "vertical" (Meta's field), or its alias "category" */
	struct waba_app_str *websites;
	size_t nwebsites;
	int has_websites; /* "websites" is an array in the file */
	size_t websites_off;
};

struct waba_app_contact {
	int present;
	size_t off;
	struct waba_app_str name, email, phone;
};

/* The message endpoint (optional): checked by `check --online` and the `webhook` command. */
struct waba_app_webhook {
	int present; /* "webhook" is an object in the file */
	size_t off;
	struct waba_app_str url; /* "https://bot.example.com/whatsapp" (required in the object) */
};

struct waba_application {
	struct waba_source *src;          /* borrowed (offsets point into it); NULL when built in memory */
	struct waba_json doc;             /* the parsed document (owned); nodes above point into it */
	int readable;                     /* the file was a JSON object: the fields below were read */
	struct waba_app_str business_id;  /* Business Manager ID, a string of digits (required) */
	struct waba_app_str legal_name;   /* registered company name (required) */
	struct waba_app_str display_name; /* the WhatsApp display name asked for (required) */
	struct waba_app_str website;      /* the business's main website (optional) */
	struct waba_app_str photo;        /* profile photo path, relative to the file's folder (required) */
	struct waba_app_str language;     /* "pt" | "es" | "en" (optional) */
	struct waba_app_number *numbers;  /* at least one (required) */
	size_t nnumbers;
	size_t numbers_off;
	struct waba_app_profile profile; /* required */
	struct waba_app_contact contact; /* required: who Botmaker talks to */
	struct waba_app_webhook webhook; /* the message endpoint (optional) */
	struct waba_app_str *templates;  /* template files, relative to the file's folder (optional) */
	size_t ntemplates;
	size_t templates_off;
	cJSON *answers; /* owned copy of "answers" ({"registered_company": true, ...}) or NULL */
	size_t answers_off;
};

/*
 * Parse the application in `src` (kept, borrowed, for locations: it must outlive
 * *out). Malformed JSON and shape problems are findings in `fs`; *out is always set
 * (free with waba_application_free), with readable = 0 when nothing could be read.
 * @return 0
 */
int waba_application_parse(struct waba_application **out, struct waba_source *src, struct waba_findings *fs);

/* "yes", "no", "unknown" */
const char *waba_used_whatsapp_name(enum waba_used_whatsapp u);

/* Location of a field's value (or of the object lacking it); WABA_LOC_NONE without a source. */
struct waba_loc waba_application_loc(const struct waba_application *app, const struct waba_app_str *f);

/* Location of the decoded bytes [start, end) of a string field, as written in the file. */
struct waba_loc waba_application_str_loc(const struct waba_application *app, const struct waba_app_str *f, size_t start,
                                         size_t end);

/* Location of byte offset `off` of the file (WABA_LOC_NONE without a source). */
struct waba_loc waba_application_loc_at(const struct waba_application *app, size_t off);

/*
 * The application as JSON, in the documented key order, leaving out absent fields
 * (the wizard's state file). Caller frees with cJSON_Delete. Never NULL.
 */
cJSON *waba_application_to_json(const struct waba_application *app);

void waba_application_free(struct waba_application *app);

#endif
