/*
 * webhook.h: the message endpoint (webhook) checked the way Botmaker and Meta call it.
 *
 *   struct waba_webhook_options o;
 *   waba_webhook_options_init(&o, cl);          // limits webhook.* of checklists/webhook.xml
 *   o.url = "https://bot.example.com/whatsapp";
 *   o.verify_token = token;                     // optional secrets, borrowed
 *   struct waba_webhook_result res;
 *   if (waba_webhook_probe(&res, &o) < 0) ...   // bad URL or --cacert file: could not run
 *   waba_check_webhook(&report, &o, &res);      // pure: findings webhook.* and an item
 *   waba_webhook_result_release(&res);
 *
 * The probe (src/net/webhook_probe.c, libcurl) sends N POSTs of an inbound-message
 * payload shaped like Meta's, the GET verification handshake when a verify token is
 * given, and signed, unsigned and wrongly signed POSTs when an app secret is given.
 * TLS is always verified (chain and host name; --cacert adds a private CA) and never
 * below TLS 1.2; redirects are not followed. The endpoint's failures (refused, DNS,
 * timeout, TLS) are recorded in the result, not returned as errors: they are what the
 * check reports. Secrets go to the network only (the verify token in the handshake's
 * query, the app secret as an HMAC key) and every text kept from the network is
 * scrubbed of them.
 */
#ifndef WABA_WEBHOOK_H
#define WABA_WEBHOOK_H

#include <stddef.h>
#include <time.h>
#include "checklist.h"
#include "secret.h"
#include "report.h"

#define WABA_WEBHOOK_VERIFY_TOKEN_ENV "WABA_PREFLIGHT_VERIFY_TOKEN"
#define WABA_WEBHOOK_APP_SECRET_ENV "WABA_PREFLIGHT_APP_SECRET"

struct waba_webhook_options {
	const char *url;          /* the endpoint, https:// (http:// is probed and reported) */
	long probes;              /* POSTs to send, >= 1 */
	const char *ca_file;      /* PEM file of extra trusted CAs, or NULL (system store) */
	const char *verify_token; /* borrowed secret, or NULL: no handshake check */
	const char *app_secret;   /* borrowed secret, or NULL: POSTs unsigned, no signature check */
	long connect_timeout_s;   /* per request */
	long timeout_s;           /* per request, whole transfer */
	long warn_ms;             /* a POST slower than this is a warning */
	long error_ms;            /* a POST slower than this is an error */
	long expiry_days;         /* a certificate expiring within this many days is a warning */
	const struct waba_checklist *cl;
};

/* Fill `o` from the checklist's webhook.* limits (defaults where a limit is absent). */
void waba_webhook_options_init(struct waba_webhook_options *o, const struct waba_checklist *cl);

/* Why a request got no HTTP answer. */
enum waba_webhook_fail {
	WABA_WEBHOOK_OK = 0,
	WABA_WEBHOOK_DNS,           /* the host name does not resolve */
	WABA_WEBHOOK_REFUSED,       /* connection refused */
	WABA_WEBHOOK_TIMEOUT,       /* connect or total timeout */
	WABA_WEBHOOK_NETWORK,       /* reset, unreachable, proxy, anything else */
	WABA_WEBHOOK_TLS_UNTRUSTED, /* chain not trusted, expired, not yet valid */
	WABA_WEBHOOK_TLS_SELF_SIGNED,
	WABA_WEBHOOK_TLS_HOST,    /* the certificate is for another host name */
	WABA_WEBHOOK_TLS_VERSION, /* no common TLS version >= 1.2 */
	WABA_WEBHOOK_TLS_OTHER    /* any other handshake failure */
};

/* One request and its answer. */
struct waba_webhook_answer {
	int done; /* the request was made */
	enum waba_webhook_fail fail;
	char *reason;   /* libcurl's / OpenSSL's words when fail != OK (scrubbed), or NULL */
	long status;    /* HTTP status, 0 when none */
	char *location; /* Location of a 3xx (scrubbed), or NULL */
	char *body;     /* the first bytes of the body (handshake: compared with the challenge), or NULL */
	size_t body_len;
	long ms; /* total time in milliseconds */
};

struct waba_webhook_tls {
	int known;              /* a TLS connection was made and described */
	char *version;          /* "TLSv1.3", or NULL */
	int version_ok;         /* 1.2 or later */
	char *subject, *issuer; /* of the server's certificate, or NULL */
	int self_signed;        /* subject == issuer */
	time_t not_after;       /* 0 when unknown */
	long verify_error;      /* OpenSSL X509_V_ERR_* when verification failed, else 0 */
};

struct waba_webhook_result {
	char *url;      /* as given */
	int plain_http; /* the URL is http:// */
	time_t now;     /* when the probe ran (expiry is judged against it) */
	struct waba_webhook_tls tls;
	struct waba_webhook_answer *posts; /* the N POSTs (signed when an app secret is given) */
	size_t nposts;
	int stopped;                /* the POSTs stopped after a connection or TLS failure */
	int handshake;              /* the handshake was tried (verify token given, https) */
	int handshake_skipped_http; /* a verify token was given but the URL is http:// */
	char *challenge;            /* the challenge sent */
	struct waba_webhook_answer hs_right, hs_wrong;
	int signatures; /* the signature checks were made (app secret given) */
	struct waba_webhook_answer sig_none, sig_bad;
};

/*
 * Probe the endpoint. Returns 0 (whatever the endpoint did), or WABA_EINVAL (the URL
 * is not an http(s) URL, probes < 1) / WABA_ENOTFOUND (the --cacert file cannot be
 * read) / WABA_ENOMEM with a message. Release `out` in every case.
 */
int waba_webhook_probe(struct waba_webhook_result *out, const struct waba_webhook_options *o);

void waba_webhook_result_release(struct waba_webhook_result *r);

/* Add the "webhook" item and the webhook.* findings for a probe's result. Pure. */
void waba_check_webhook(struct waba_report *r, const struct waba_webhook_options *o,
                        const struct waba_webhook_result *res);

/*
 * What the endpoint sent, made fit for a one-line message: the verify token and the
 * app secret of `o` replaced by "[secret]", control bytes made spaces, cut at 240 bytes
 * on a UTF-8 boundary. Pure (used by the probe on every text it keeps, and the fuzzer).
 */
char *waba_webhook_scrub(const struct waba_webhook_options *o, const char *s, size_t len);

/* An "Expire date" of CURLINFO_CERTINFO ("Dec  2 15:00:00 2027 GMT") as a time, or 0. */
time_t waba_webhook_cert_date(const char *s);

/* The payload of POST number `n` (1-based): a WhatsApp inbound text message in Meta's
 * webhook shape. Caller frees. */
char *waba_webhook_payload(int n, time_t now);

/* "sha256=" + hex HMAC-SHA256 of body with key: X-Hub-Signature-256. Caller frees. */
char *waba_webhook_signature(const char *key, const char *body, size_t len);

/* What a verify token or an app secret may hold (secret.h): at most 4 KiB, no control
 * characters. Read them with waba_secret_get(). */
extern const struct waba_secret_rules waba_webhook_secret_rules;

/*
 * The URL alone, offline (the application file's webhook.url, at `loc`): a finding
 * webhook.url.https when it is not an https:// URL. Pure.
 */
void waba_check_webhook_url(struct waba_findings *fs, const char *url, struct waba_loc loc);

#endif
