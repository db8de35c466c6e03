/*
 * email.h: the activation request e-mail (policy §7: Botmaker asks for the Business
 * Manager ID, the phone numbers, the WhatsApp profile with its photo, and a contact).
 *
 * Three layers, each usable alone:
 *  - compose (src/compose/email_message.c): a generic RFC 5322 / MIME writer:
 *    multipart/mixed, a text/plain UTF-8 quoted-printable part, base64 attachments,
 *    RFC 2047 encoded words for non-ASCII header text, CRLF, no line over 78 octets
 *    except where a single token forces it (never over 998), Date and Message-ID.
 *    It refuses (WABA_EINVAL) any header value with a control character, so header
 *    injection is impossible even when a caller skipped the checks.
 *  - the request (src/compose/email_request.c + src/checks/check_email.c): the
 *    content Botmaker needs, checked (email.* rules), rendered in pt/es/en.
 *  - delivery (src/net/smtp_send.c): libcurl SMTP / SMTPS.
 */
#ifndef WABA_EMAIL_H
#define WABA_EMAIL_H

#include <stddef.h>
#include <time.h>
#include <cjson/cJSON.h>
#include "checklist.h"
#include "report.h"
#include "source.h"
#include "strbuf.h"

/* ---- compose ------------------------------------------------------------------- */

struct waba_email_address {
	const char *name; /* display name (UTF-8), or NULL */
	const char *addr; /* addr-spec, ASCII: local@domain */
};

struct waba_email_attachment {
	const char *filename;     /* UTF-8; only its last path component is used */
	const char *content_type; /* "image/png" */
	const unsigned char *data;
	size_t len;
};

struct waba_email {
	struct waba_email_address from, to;
	const struct waba_email_address *reply_to; /* or NULL */
	const char *subject;                       /* UTF-8 */
	const char *body;                          /* UTF-8 text, "\n" or "\r\n" line ends */
	time_t date;
	const struct waba_email_attachment *attachments;
	size_t nattachments;
};

/*
 * Offset + 1 of the first byte of s[0..len) that may not appear in a header value
 * (CR, LF, any other C0 control, DEL, or invalid UTF-8), or 0 when it is safe.
 */
size_t waba_email_header_unsafe(const char *s, size_t len);

/*
 * Offset + 1 of the first byte of s[0..len) that may not appear in the body text
 * (C0 controls other than TAB, LF and CR, DEL, or invalid UTF-8), or 0.
 */
size_t waba_email_body_unsafe(const char *s, size_t len);

/* 1 if `addr` is an ASCII addr-spec we can put in a header and an SMTP envelope. */
int waba_email_addr_valid(const char *addr);
/* 1 if c is an RFC 5322 atext character (letters, digits, !#$%&'*+-/=?^_`{|}~). */
int waba_email_atext(int c);

/*
 * Write the message to `out` (appended). @return 0, or WABA_EINVAL (a header value
 * or address that is not safe, with the reason) and nothing appended.
 */
int waba_email_compose(struct waba_strbuf *out, const struct waba_email *msg);

/* ---- the activation request ------------------------------------------------------ */

/* One value taken from the user, with where it came from (for findings). */
struct waba_email_field {
	const char *value; /* UTF-8, or NULL when absent */
	struct waba_loc loc;
};

struct waba_email_phone {
	struct waba_email_field number;  /* as written */
	const char *e164;                /* normalised, or NULL when unknown */
	const char *type;                /* the phone family's type ("fixed_line", "mobile", ...), or NULL */
	struct waba_email_field purpose; /* language, environment or country */
};

struct waba_email_request {
	struct waba_email_field business_id;
	const char *verification_status; /* Meta's value when known, else NULL */
	struct waba_email_phone *phones;
	size_t nphones;
	/* profile */
	struct waba_email_field display_name, about, address, description, category, email;
	struct waba_email_field *websites;
	size_t nwebsites;
	struct waba_email_field photo_path; /* file name as written in the application */
	const unsigned char *photo;         /* its bytes, or NULL when not read */
	size_t photo_len;
	/* contact person (the sender of the request) */
	struct waba_email_field contact_name, contact_email, contact_phone;
	/* recipient: --to, or the checklist's email.recipient */
	struct waba_email_field to;
	/* the other checks' report (open items = its error findings) and the application's
	 * "answers" object for the readiness checklist; either may be NULL */
	const struct waba_report *report;
	const cJSON *answers;
	int forced; /* --force: build it even with open items */
	/* the language the message is written in ("pt", "es", "en"; rendered in it with
	 * waba_i18n_render_in), or NULL: the messages' language */
	const char *lang;
	/* the values come from an application file that every family checked (as
	 * waba_check_application_file does): its parser reports an absent required field
	 * (input.application.missing) and the profile family a missing about text, category
	 * or contact, so the email.* checks leave those out (one rule, one place) */
	int from_application;
};

/*
 * Check what the request needs and that every value is safe to put in the message
 * (email.* rules); findings go to `fs`. Pure. @return 0.
 */
int waba_check_email(const struct waba_email_request *req, const struct waba_checklist *cl, struct waba_findings *fs);

/*
 * Does finding f (of report r) hold the request back? An error that is not about a
 * template: the activation request does not carry templates (they are created later,
 * in Botmaker), so their errors are for then, never a reason to hold the request.
 */
int waba_email_finding_open(const struct waba_report *r, const struct waba_finding *f);

/* How many findings of r hold the request back (waba_email_finding_open). */
size_t waba_email_open_count(const struct waba_report *r);

/*
 * The e-mail family's result: what the "email" item of the JSON report states (written
 * from this struct) once the request was built or not. Attached to its item
 * (waba_report_set_result()).
 */
struct waba_email_result {
	char *output; /* the file written ("-": standard output), or NULL: not written (first, the only owned member) */
	int sent;     /* delivered through --send */
};
extern const struct waba_result_type waba_email_result_type;

/* Add the email.forced finding: the request was built with --force while `open` errors remain. */
void waba_email_note_forced(struct waba_findings *fs, size_t open);

/* Content type of an image from its first bytes: "image/png", "image/jpeg", else "application/octet-stream". */
const char *waba_email_sniff_type(const unsigned char *data, size_t len);

/*
 * Render the request as a message in the current gettext language and compose it
 * into `out`. `date` is the Date header. The recipient is req->to.
 * @return 0, or WABA_EINVAL (as waba_email_compose).
 */
int waba_email_request_compose(struct waba_strbuf *out, const struct waba_email_request *req,
                               const struct waba_checklist *cl, time_t date);

/* The body text alone (UTF-8, "\n" line ends); caller frees. */
char *waba_email_request_body(const struct waba_email_request *req, const struct waba_checklist *cl);

/* ---- delivery ---------------------------------------------------------------------- */

struct waba_smtp_options {
	const char *url;      /* smtp://host[:port] or smtps://host[:port] */
	const char *from;     /* envelope sender (addr-spec) */
	const char *rcpt;     /* envelope recipient (addr-spec) */
	const char *user;     /* or NULL: no AUTH */
	const char *password; /* or NULL */
	long timeout_seconds; /* whole transfer; 0: 120 */
};

/*
 * Check an SMTP URL: scheme smtp or smtps, a host, no credentials, no path.
 * *loopback is set when the host is 127.0.0.0/8, ::1 or "localhost".
 * @return 0, or WABA_EINVAL with the reason (it names no option: the CLI adds
 * "option --send: ").
 */
int waba_smtp_url_check(const char *url, int *loopback);

/*
 * Deliver msg[0..len) (CRLF line ends). smtp:// requires STARTTLS unless the host is
 * loopback; certificates are verified. The password never appears in messages.
 * @return 0; WABA_EINVAL (bad URL), WABA_EAUTH (login refused), WABA_ENET.
 */
int waba_smtp_send(const struct waba_smtp_options *o, const char *msg, size_t len);

#endif
