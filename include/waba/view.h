/*
 * view.h: what a visual report (`--format html`) shows of an item beside the
 * contract's JSON: a template's texts, samples and buttons, a profile's fields, a small
 * preview of the photo. Each text keeps the span of the file it came from, so that a
 * reporter can put every finding beside the part it concerns (by its line and column).
 *
 * Views are copies (owned strings, cleaned to valid UTF-8): they outlive the parsed
 * files. The checks make them only when the report asks (`r->views`, set from the
 * reporter's `views` flag), and attach them to the item they just added:
 *
 *   waba_report_add_item(r, "template", ...);
 *   if (r->views)
 *           waba_report_set_view(r, waba_view_template(tpl));
 */
#ifndef WABA_VIEW_H
#define WABA_VIEW_H

#include <stddef.h>
#include "source.h"

struct waba_template;
struct waba_application;
struct waba_photo;
struct waba_checklist;

/* A text and the span it came from: [loc.line:loc.column .. loc.end_line:loc.end_column],
 * both ends included (for JSON, from the opening quote to the closing one); loc.line 0:
 * not from a file. loc.file is NULL. */
struct waba_view_text {
	char *s; /* owned; NULL: absent */
	struct waba_loc loc;
};

/* A text with {{...}} placeholders and the samples that fill them. */
struct waba_view_part {
	struct waba_view_text text;
	char **samples; /* samples[i] fills {{i+1}} */
	size_t nsamples;
	char **names, **values; /* {{names[i]}} is filled by values[i] */
	size_t nnamed;
};

struct waba_view_button {
	char *type;                    /* as given, upper-cased: QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, ... */
	char *otp_type;                /* OTP: COPY_CODE, ONE_TAP, ZERO_TAP; else NULL */
	struct waba_view_text text;    /* the label */
	struct waba_view_text value;   /* URL, phone number, or the copy-code sample */
	struct waba_view_text example; /* URL: the sample that fills its {{1}} */
	struct waba_loc loc;           /* where the button starts */
};

/* One message bubble: a template, or one card of a carousel. */
struct waba_view_bubble {
	char *header_format;          /* TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, GIF, ...; NULL: no header */
	struct waba_view_part header; /* text header */
	char *media_sample;           /* media header: the sample given (handle or URL), or NULL */
	struct waba_loc header_loc;   /* the header component (media headers) */
	struct waba_view_part body;
	struct waba_view_text footer;
	struct waba_view_button *buttons;
	size_t nbuttons;
	int security_recommendation;  /* AUTHENTICATION: the body adds the security sentence */
	long code_expiration_minutes; /* AUTHENTICATION: the footer says when the code expires; -1: no */
};

struct waba_view_template {
	struct waba_view_text name, language, category;
	struct waba_view_bubble msg;
	struct waba_view_bubble *cards; /* carousel cards, shown side by side */
	size_t ncards;
	int has_offer; /* a limited-time offer: its text, and whether it expires */
	struct waba_view_text offer;
	int offer_expires;
	struct waba_loc loc; /* where the template starts */
};

struct waba_view_profile {
	struct waba_view_text display_name, about, address, description, email, vertical;
	struct waba_view_text *websites;
	size_t nwebsites;
};

struct waba_view_photo {
	unsigned char *png; /* a small PNG of the photo as displayed (whole, not cropped); owned */
	size_t len;
	unsigned width, height; /* of that PNG */
};

enum waba_view_kind { WABA_VIEW_TEMPLATE, WABA_VIEW_PROFILE, WABA_VIEW_PHOTO };

struct waba_view {
	enum waba_view_kind kind;
	union {
		struct waba_view_template tpl;
		struct waba_view_profile profile;
		struct waba_view_photo photo;
	} u;
};

/* The view of a parsed template. Never NULL. */
struct waba_view *waba_view_template(const struct waba_template *tpl);

/* The view of an application's display name and profile fields. Never NULL. */
struct waba_view *waba_view_profile(const struct waba_application *app);

/* Longest side of the photo preview, in pixels (enough for a 2x screen at 128 CSS px). */
#define WABA_VIEW_PHOTO_SIDE 256

/* A preview of a decoded photo as displayed (whole, not cropped; transparency flattened on
 * the colour WhatsApp shows behind it, photo.preview.transparent_rgb), at most
 * WABA_VIEW_PHOTO_SIDE pixels on its long side; NULL when the photo was not decoded. */
struct waba_view *waba_view_photo(const struct waba_photo *p, const struct waba_checklist *cl);

void waba_view_free(struct waba_view *v);

/* Does (line, column) fall inside span `loc` (both ends included; a span without an end
 * is one point)? 0 when either is unknown. */
int waba_view_loc_has(const struct waba_loc *loc, unsigned line, unsigned column);

#endif
