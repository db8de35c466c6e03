/*
 * graph.h: ask Meta's Graph API for a business portfolio's verification status.
 *
 *   GET {base}/{business-id}?fields=id,name,verification_status
 *   Authorization: Bearer <token>
 *
 * The token is handed to libcurl only (CURLOPT_XOAUTH2_BEARER): it is never put in a
 * URL, a message or a log, and anything the server sends back is scrubbed of it
 * before it reaches an error message.
 *
 * TLS is always verified (a CA bundle may be given for corporate proxies). Plain
 * http:// is accepted only for a loopback host (tests, local mocks). Proxies come
 * from the environment (http_proxy, https_proxy, no_proxy) as libcurl reads them.
 *
 * Timeouts, retries, the rate-limit wait and the size cap come from the checklist
 * (limits graph.* in checklists/graph.xml), and so does the table that maps Graph
 * error codes to kinds of failure (set graph.error_codes).
 */
#ifndef WABA_GRAPH_H
#define WABA_GRAPH_H

#include <stddef.h>
#include "checklist.h"
#include "secret.h"

#define WABA_GRAPH_URL_DEFAULT "https://graph.facebook.com/v21.0"
#define WABA_GRAPH_TOKEN_ENV "WABA_PREFLIGHT_TOKEN"

/* Why a request did not give an answer; the name (waba_graph_fail_name) keys the
 * guidance text graph.error.<name> in the checklist. */
enum waba_graph_fail {
	WABA_GRAPH_OK = 0,
	WABA_GRAPH_AUTH,       /* token invalid, expired, session gone (190, 102, 401) */
	WABA_GRAPH_PERMISSION, /* the token lacks a permission (10, 200-299, 403) */
	WABA_GRAPH_NOT_FOUND,  /* unknown ID, or no access to it (100/33, 803, 404) */
	WABA_GRAPH_RATE_LIMIT, /* throttled (4, 17, 32, 613, ..., 429) and no retry left or too long to wait */
	WABA_GRAPH_SERVER,     /* 5xx or transient Graph error after the bounded retries */
	WABA_GRAPH_BLOCKED,    /* account or app blocked for policy reasons (368, 131031) */
	WABA_GRAPH_REFUSED,    /* any other Graph error */
	WABA_GRAPH_NETWORK,    /* DNS, connect, proxy, reset */
	WABA_GRAPH_TIMEOUT,    /* connect or total timeout */
	WABA_GRAPH_TLS,        /* certificate not trusted, handshake failed */
	WABA_GRAPH_BAD_ANSWER, /* not JSON, too large, no verification_status */
	WABA_GRAPH_USAGE       /* bad base URL, bad CA bundle path */
};

struct waba_graph_options {
	const char *base_url;            /* NULL: WABA_GRAPH_URL_DEFAULT */
	const char *token;               /* borrowed; required */
	const char *ca_bundle;           /* PEM file of trusted CAs, or NULL for the system store */
	long connect_timeout_s;          /* per attempt */
	long timeout_s;                  /* per attempt, whole transfer */
	long max_attempts;               /* >= 1; 5xx, transient errors and short rate limits are retried */
	long backoff_ms;                 /* first wait before a retry; doubles, with jitter */
	long max_wait_s;                 /* longest rate-limit wait honoured before giving up */
	long max_body_bytes;             /* larger answers are refused */
	const struct waba_checklist *cl; /* graph.error_codes; may be NULL (HTTP status only) */
};

/* Fill `o` from the checklist's graph.* limits (defaults where a limit is absent). */
void waba_graph_options_init(struct waba_graph_options *o, const struct waba_checklist *cl);

struct waba_graph_result {
	char *id;                  /* as Meta returned it, or NULL */
	char *name;                /* the business name, or NULL */
	char *verification_status; /* e.g. "verified"; NULL unless the call succeeded */
	enum waba_graph_fail fail; /* WABA_GRAPH_OK when the call succeeded */
	long http_status;          /* last HTTP status, 0 when none */
	long code, subcode;        /* Graph error.code / error_subcode, 0 when none */
	long retry_after_s;        /* when Meta says to come back (rate limits), -1 when it did not say */
	int attempts;              /* requests made */
	char *detail;              /* what the server said (Graph error.message, scrubbed of the token), or NULL */
};

/*
 * Ask for the verification status of `business_id` (digits). Returns 0 with
 * out->verification_status set, or a negative status (WABA_EAUTH for a refused token,
 * WABA_EINVAL for bad options, WABA_ENET otherwise) with out->fail set and a one-line
 * message in waba_error_last() that never contains the token.
 * Release `out` with waba_graph_result_release() in both cases.
 */
int waba_graph_business_status(struct waba_graph_result *out, const struct waba_graph_options *o,
                               const char *business_id);

void waba_graph_result_release(struct waba_graph_result *r);

/*
 * Classify one HTTP answer (pure; used by waba_graph_business_status and tests).
 * Fills out->fail, http_status, code, subcode, detail (any occurrence of `token` is
 * replaced by "[token]"), and on success id/name/verification_status. Returns 1 when
 * the request may be retried (5xx, transient, rate limit), 0 otherwise.
 */
int waba_graph_classify(struct waba_graph_result *out, long http_status, const char *body, size_t len,
                        const struct waba_checklist *cl, const char *token);

/* "auth", "permission", "not_found", ...: the key of graph.error.<name> texts. */
const char *waba_graph_fail_name(enum waba_graph_fail f);

/*
 * Check a base URL: https://, or http:// to a loopback host. 0, or WABA_EINVAL with
 * a message (naming no option: the CLI adds "option --graph-url: ").
 */
int waba_graph_url_check(const char *url);

/* What a Graph API token may hold (secret.h): at most 8 KiB of printable ASCII without
 * spaces, since it goes into the Authorization header. */
extern const struct waba_secret_rules waba_graph_token_rules;

/* Parse Retry-After (seconds) and X-Business-Use-Case-Usage's
 * estimated_time_to_regain_access (minutes); the larger wait in seconds, or -1. */
long waba_graph_retry_after(const char *retry_after, const char *buc_usage);

#endif
