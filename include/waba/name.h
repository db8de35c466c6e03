/*
 * name.h: the display-name review (the `name.` rules) and what a business's website says
 * its brand is (for `name --website`).
 *
 * waba_check_name() is pure: the name, optionally the legal name and the brand read from
 * the website, and the checklist (checklists/names.xml) -> one "name" item and its
 * findings. Fetching the website is separate (waba_site_fetch, the only network code).
 */
#ifndef WABA_NAME_H
#define WABA_NAME_H

#include <stddef.h>
#include "application.h"
#include "checklist.h"
#include "report.h"

/* What a web page says the business is called. Strings owned; NULL when absent. */
struct waba_site_brand {
	char *url;          /* the page actually read (after redirects) */
	char *title;        /* <title> */
	char *og_site_name; /* <meta property="og:site_name"> */
	char *og_title;     /* <meta property="og:title"> */
	char **org_names;   /* schema.org Organization (and subtypes) "name" / "legalName" in JSON-LD */
	size_t norg;
};

/*
 * Read the brand from an HTML page with libxml2's HTML parser (total: any bytes are
 * accepted; a page without any of the fields gives an empty brand). `url` is copied.
 */
void waba_site_parse(struct waba_site_brand *out, const char *url, const char *html, size_t len);

/*
 * GET `url` (http or https; TLS verified) following redirects, within the checklist's
 * limits name.website.timeout_seconds, .max_redirects and .max_bytes, and parse it.
 * @return 0; WABA_EINVAL (not an http(s) URL), WABA_ENET (network, TLS, HTTP status >= 400,
 *         page over the size cap), with a one-line message.
 */
int waba_site_fetch(struct waba_site_brand *out, const char *url, const struct waba_checklist *cl);

void waba_site_brand_release(struct waba_site_brand *b);

struct waba_name_context {
	const char *legal_name;             /* compare with it; NULL: not given */
	const struct waba_site_brand *site; /* compare with it; NULL: no --website */
	const struct waba_application *app; /* the name comes from this application file (locations); or NULL */
	const struct waba_app_str *field;   /* ... its display_name field */
	const char *site_error;             /* the website was given but could not be read: why
	                                       (name.website.unchecked); NULL otherwise */
};

/*
 * The name family's result: what the "name" item of the JSON report states (written
 * from this struct). Attached to its item (waba_report_set_result()); read it with
 * waba_report_name().
 */
struct waba_name_result {
	char *input;                     /* the name as given */
	size_t length;                   /* in characters (code points) */
	int checked;                     /* the name was valid UTF-8 and reviewed */
	char *legal_name;                /* the legal name it was compared with, or NULL */
	struct waba_site_brand *website; /* the page it was compared with (a copy), or NULL */
	int website_match;               /* 1 the page names the business so, 0 it does not, -1 not known */
};
extern const struct waba_result_type waba_name_result_type;

/* The name result of report item i, or NULL when it is not a name item. */
const struct waba_name_result *waba_report_name(const struct waba_report *r, size_t i);

/*
 * Review `name` (UTF-8; invalid bytes are an input.encoding finding). Adds one item
 * {"kind":"name","input":..,"length":N,"legal_name":..,"website":{..}|null,
 * "website_match":true|false|null} and its findings to `r`. ctx may be NULL.
 * @return 0
 */
int waba_check_name(struct waba_report *r, const char *name, const struct waba_name_context *ctx,
                    const struct waba_checklist *cl);

/* The display name of an application file, compared with its legal name; `site` may be NULL. */
int waba_check_name_app(struct waba_report *r, const struct waba_application *app, const struct waba_site_brand *site,
                        const struct waba_checklist *cl);

#endif
