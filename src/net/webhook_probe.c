/*
 * webhook_probe.c: call a message endpoint the way Botmaker and Meta do (libcurl), and
 * record what happened for src/checks/check_webhook.c. See include/waba/webhook.h.
 *
 * TLS: peer and host name always verified, TLS 1.2 at least, redirects never followed.
 * When libcurl runs on OpenSSL (Debian's libcurl4-openssl), a verify callback that only
 * watches (it returns OpenSSL's own verdict unchanged) records why a certificate was
 * refused and the server certificate's dates, and an info callback the TLS version;
 * CURLINFO_CERTINFO gives the subject, issuer and expiry of a certificate that passed.
 *
 * Secrets: the verify token travels only in the handshake's query string, the app
 * secret only as the HMAC key; every text kept from the network (libcurl's error, a
 * Location header, a body) is scrubbed of both before it is stored.
 */
#include <cjson/cJSON.h>
#include "net/netlib.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/waba.h"
#include "waba/webhook.h"

#define SECRET_MAX 4096
#define BODY_KEEP 4096
#define TEXT_MAX 240

void waba_webhook_options_init(struct waba_webhook_options *o, const struct waba_checklist *cl)
{
	memset(o, 0, sizeof(*o));
	o->probes = waba_checklist_limit(cl, "webhook.probes.default");
	o->connect_timeout_s = waba_checklist_limit(cl, "webhook.timeout.connect_seconds");
	o->timeout_s = waba_checklist_limit(cl, "webhook.timeout.total_seconds");
	o->warn_ms = waba_checklist_limit(cl, "webhook.latency.warning_ms");
	o->error_ms = waba_checklist_limit(cl, "webhook.latency.error_ms");
	o->expiry_days = waba_checklist_limit(cl, "webhook.certificate.expiry_warning_days");
	o->cl = cl;
}

/* --- secrets ------------------------------------------------------------------------ */

const struct waba_secret_rules waba_webhook_secret_rules = { SECRET_MAX, WABA_SECRET_NO_CONTROLS };

/* --- payload and signature ---------------------------------------------------------- */

char *waba_webhook_payload(int n, time_t now)
{
	char ts[32], id[64], text[96];
	snprintf(ts, sizeof(ts), "%lld", (long long)now);
	snprintf(id, sizeof(id), "wamid.waba-preflight-%lld-%d", (long long)now, n);
	snprintf(text, sizeof(text), "waba-preflight: test message %d (endpoint check, please ignore)", n);
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "object", "whatsapp_business_account");
	cJSON *entry = cJSON_AddArrayToObject(root, "entry");
	cJSON *e = cJSON_CreateObject();
	cJSON_AddItemToArray(entry, e);
	cJSON_AddStringToObject(e, "id", "0");
	cJSON *changes = cJSON_AddArrayToObject(e, "changes");
	cJSON *ch = cJSON_CreateObject();
	cJSON_AddItemToArray(changes, ch);
	cJSON *value = cJSON_AddObjectToObject(ch, "value");
	cJSON_AddStringToObject(value, "messaging_product", "whatsapp");
	cJSON *meta = cJSON_AddObjectToObject(value, "metadata");
	cJSON_AddStringToObject(meta, "display_phone_number", "15550000000");
	cJSON_AddStringToObject(meta, "phone_number_id", "0");
	cJSON *contacts = cJSON_AddArrayToObject(value, "contacts");
	cJSON *contact = cJSON_CreateObject();
	cJSON_AddItemToArray(contacts, contact);
	cJSON *profile = cJSON_AddObjectToObject(contact, "profile");
	cJSON_AddStringToObject(profile, "name", "waba-preflight");
	cJSON_AddStringToObject(contact, "wa_id", "15550000001");
	cJSON *messages = cJSON_AddArrayToObject(value, "messages");
	cJSON *msg = cJSON_CreateObject();
	cJSON_AddItemToArray(messages, msg);
	cJSON_AddStringToObject(msg, "from", "15550000001");
	cJSON_AddStringToObject(msg, "id", id);
	cJSON_AddStringToObject(msg, "timestamp", ts);
	cJSON *t = cJSON_AddObjectToObject(msg, "text");
	cJSON_AddStringToObject(t, "body", text);
	cJSON_AddStringToObject(msg, "type", "text");
	cJSON_AddStringToObject(ch, "field", "messages");
	char *s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		waba_xmalloc((size_t)-1); /* aborts with the out-of-memory message */
	char *r = waba_xstrdup(s);
	cJSON_free(s);
	return r;
}

char *waba_webhook_signature(const char *key, const char *body, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	if (!HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)body, len, md, &mdlen))
		mdlen = 0;
	waba_strbuf_adds(&sb, "sha256=");
	for (unsigned int i = 0; i < mdlen; i++)
		waba_strbuf_addf(&sb, "%02x", md[i]);
	explicit_bzero(md, sizeof(md));
	return waba_strbuf_detach(&sb);
}

/* --- what TLS showed ---------------------------------------------------------------- */

struct tls_seen {
	long verify_error;
	int have_leaf;
	time_t leaf_not_after;
	int leaf_self_signed;
	char subject[256], issuer[256];
	char version[16];
};

static int seen_idx = -1;

static time_t asn1_to_time(const ASN1_TIME *t)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return timegm(&tm);
}

static struct tls_seen *seen_of(const SSL *ssl)
{
	return ssl && seen_idx >= 0 ? SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), seen_idx) : NULL;
}

/* Watches only: returns OpenSSL's verdict unchanged. */
static int verify_cb(int ok, X509_STORE_CTX *xs)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(xs, SSL_get_ex_data_X509_STORE_CTX_idx());
	struct tls_seen *s = seen_of(ssl);
	if (!s)
		return ok;
	if (!ok && !s->verify_error)
		s->verify_error = X509_STORE_CTX_get_error(xs);
	X509 *cert = X509_STORE_CTX_get_current_cert(xs);
	if (X509_STORE_CTX_get_error_depth(xs) == 0 && cert) {
		s->have_leaf = 1;
		s->leaf_not_after = asn1_to_time(X509_get0_notAfter(cert));
		s->leaf_self_signed = X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0;
		X509_NAME_oneline(X509_get_subject_name(cert), s->subject, sizeof(s->subject));
		X509_NAME_oneline(X509_get_issuer_name(cert), s->issuer, sizeof(s->issuer));
	}
	return ok;
}

static void info_cb(const SSL *ssl, int where, int ret)
{
	(void)ret;
	struct tls_seen *s;
	if ((where & SSL_CB_HANDSHAKE_DONE) && (s = seen_of(ssl)) != NULL)
		snprintf(s->version, sizeof(s->version), "%s", SSL_get_version(ssl));
}

static CURLcode ssl_ctx_cb(CURL *c, void *sslctx, void *userp)
{
	(void)c;
	SSL_CTX *ctx = sslctx;
	SSL_CTX_set_ex_data(ctx, seen_idx, userp);
	SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), verify_cb);
	SSL_CTX_set_info_callback(ctx, info_cb);
	return CURLE_OK;
}

static int curl_on_openssl(void)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	return v && v->ssl_version && strncmp(v->ssl_version, "OpenSSL/", 8) == 0;
}

/* "Dec  2 15:00:00 2027 GMT" (OpenSSL's ASN1_TIME_print, as CURLINFO_CERTINFO gives it) */
time_t waba_webhook_cert_date(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4];
	int d, h, mi, sec, y;
	struct tm tm;
	if (sscanf(s, "%3s %2d %2d:%2d:%2d %4d", mon, &d, &h, &mi, &sec, &y) != 6 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || y < 1970)
		return 0;
	const char *p = strstr(months, mon);
	if (!p || (p - months) % 3)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = (int)(p - months) / 3;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	return timegm(&tm);
}

/* --- requests ----------------------------------------------------------------------- */

struct probe {
	CURL *c;
	const struct waba_webhook_options *o;
	struct waba_webhook_result *res;
	struct tls_seen seen;
	int openssl;
	char errbuf[CURL_ERROR_SIZE];
	char *ua;
	int ca_bad; /* the --cacert file is not a usable PEM bundle */
};

/* A copy fit for a one-line message: secrets replaced, control bytes made spaces,
 * cut at TEXT_MAX bytes on a UTF-8 boundary. */
char *waba_webhook_scrub(const struct waba_webhook_options *o, const char *s, size_t len)
{
	const char *secrets[2] = { o->verify_token, o->app_secret };
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	for (size_t i = 0; i < len && sb.len < TEXT_MAX;) {
		int hit = 0;
		for (int k = 0; k < 2 && !hit; k++) {
			size_t n = secrets[k] ? strlen(secrets[k]) : 0;
			if (n && len - i >= n && memcmp(s + i, secrets[k], n) == 0) {
				waba_strbuf_adds(&sb, "[secret]");
				i += n;
				hit = 1;
			}
		}
		if (hit)
			continue;
		unsigned char ch = (unsigned char)s[i++];
		waba_strbuf_addc(&sb, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
	}
	if (sb.len >= TEXT_MAX) {
		size_t n = sb.len;
		while (n && ((unsigned char)sb.buf[n] & 0xC0) == 0x80)
			n--;
		sb.len = n;
		sb.buf[n] = '\0';
		waba_strbuf_adds(&sb, "...");
	}
	return waba_strbuf_detach(&sb);
}

struct body {
	char buf[BODY_KEEP];
	size_t len;
};

static size_t write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
	struct body *b = userp;
	size_t n = size * nmemb, room = sizeof(b->buf) - b->len;
	memcpy(b->buf + b->len, data, n < room ? n : room);
	b->len += n < room ? n : room;
	return n; /* the rest is read and dropped: a big answer is not a failure */
}

static enum waba_webhook_fail tls_kind(const struct probe *p, const char *why)
{
	switch (p->seen.verify_error) {
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		return WABA_WEBHOOK_TLS_SELF_SIGNED;
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return WABA_WEBHOOK_TLS_HOST;
	case 0:
		break;
	default:
		return WABA_WEBHOOK_TLS_UNTRUSTED;
	}
	if (strstr(why, "self-signed") || strstr(why, "self signed"))
		return WABA_WEBHOOK_TLS_SELF_SIGNED;
	if (strstr(why, "subject name") || strstr(why, "host name"))
		return WABA_WEBHOOK_TLS_HOST;
	if (strstr(why, "unsupported protocol") || strstr(why, "protocol version") ||
	    strstr(why, "no protocols available") || strstr(why, "wrong version number"))
		return WABA_WEBHOOK_TLS_VERSION;
	if (strstr(why, "certificate"))
		return WABA_WEBHOOK_TLS_UNTRUSTED;
	return WABA_WEBHOOK_TLS_OTHER;
}

static enum waba_webhook_fail kind_of(const struct probe *p, CURLcode rc, const char *why)
{
	long oserr = 0;
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return WABA_WEBHOOK_DNS;
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(p->c, CURLINFO_OS_ERRNO, &oserr);
		return oserr == ECONNREFUSED || strstr(why, "refused") ? WABA_WEBHOOK_REFUSED : WABA_WEBHOOK_NETWORK;
	case CURLE_OPERATION_TIMEDOUT:
		return WABA_WEBHOOK_TIMEOUT;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CERTPROBLEM:
		return tls_kind(p, why);
	default:
		return WABA_WEBHOOK_NETWORK;
	}
}

/* Record the TLS facts of the connection just used (once). */
static void note_tls(struct probe *p)
{
	struct waba_webhook_tls *t = &p->res->tls;
	struct curl_certinfo *ci = NULL;
	if (t->known || p->res->plain_http)
		return;
	t->known = 1;
	if (p->seen.version[0]) {
		t->version = waba_xstrdup(p->seen.version);
		t->version_ok = strcmp(p->seen.version, "TLSv1.2") == 0 || strcmp(p->seen.version, "TLSv1.3") == 0;
	}
	if (p->seen.have_leaf) {
		t->subject = waba_xstrdup(p->seen.subject);
		t->issuer = waba_xstrdup(p->seen.issuer);
		t->self_signed = p->seen.leaf_self_signed;
		t->not_after = p->seen.leaf_not_after;
	}
	/* the certificate the server sent, as libcurl describes it (any TLS backend) */
	if (curl_easy_getinfo(p->c, CURLINFO_CERTINFO, &ci) == CURLE_OK && ci && ci->num_of_certs > 0) {
		const char *subject = NULL, *issuer = NULL;
		for (struct curl_slist *l = ci->certinfo[0]; l; l = l->next) {
			if (strncmp(l->data, "Subject:", 8) == 0)
				subject = l->data + 8;
			else if (strncmp(l->data, "Issuer:", 7) == 0)
				issuer = l->data + 7;
			else if (strncmp(l->data, "Expire date:", 12) == 0) {
				time_t na = waba_webhook_cert_date(l->data + 12);
				if (na)
					t->not_after = na;
			}
		}
		if (subject && issuer) {
			free(t->subject);
			free(t->issuer);
			t->subject = waba_xstrdup(subject);
			t->issuer = waba_xstrdup(issuer);
			t->self_signed = strcmp(subject, issuer) == 0;
		}
	}
}

/*
 * One request: GET when body is NULL, else POST of body with the signature header
 * when sig is given. Fills *a.
 */
static void request(struct probe *p, const char *url, const char *body, const char *sig, struct waba_webhook_answer *a)
{
	const struct waba_webhook_options *o = p->o;
	struct body got;
	struct curl_slist *hdrs = NULL;
	CURL *c = p->c;
	char *hsig = NULL;

	memset(a, 0, sizeof(*a));
	got.len = 0;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, p->res->plain_http ? "http" : "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	curl_easy_setopt(c, CURLOPT_CERTINFO, 1L);
	if (o->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	if (p->openssl) {
		curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
		curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, &p->seen);
	}
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(c, CURLOPT_USERAGENT, p->ua);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s > 0 ? o->connect_timeout_s : 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s > 0 ? o->timeout_s : 15L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, p->errbuf);
	if (body) {
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
		if (sig) {
			hsig = waba_xasprintf("X-Hub-Signature-256: %s", sig);
			hdrs = curl_slist_append(hdrs, hsig);
		}
		hdrs = curl_slist_append(hdrs, "Expect:");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	p->errbuf[0] = '\0';
	CURLcode rc = curl_easy_perform(c);
	a->done = 1;
	curl_off_t us = 0;
	if (curl_easy_getinfo(c, CURLINFO_TOTAL_TIME_T, &us) == CURLE_OK)
		a->ms = (long)(us / 1000);
	if (rc == CURLE_SSL_CACERT_BADFILE) {
		p->ca_bad = 1;
	} else if (rc != CURLE_OK) {
		const char *why = p->errbuf[0] ? p->errbuf : curl_easy_strerror(rc);
		a->fail = kind_of(p, rc, why);
		a->reason = waba_webhook_scrub(o, why, strlen(why));
		if (a->fail >= WABA_WEBHOOK_TLS_UNTRUSTED && p->seen.have_leaf && !p->res->tls.not_after) {
			p->res->tls.not_after = p->seen.leaf_not_after;
			p->res->tls.verify_error = p->seen.verify_error;
		}
	} else {
		char *loc = NULL;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
		if (a->status >= 300 && a->status < 400 &&
		    curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
			a->location = waba_webhook_scrub(o, loc, strlen(loc));
		a->body = waba_xstrndup(got.buf, got.len);
		a->body_len = got.len;
		note_tls(p);
	}
	curl_slist_free_all(hdrs);
	free(hsig);
}

static void answer_release(struct waba_webhook_answer *a)
{
	free(a->reason);
	free(a->location);
	if (a->body)
		explicit_bzero(a->body, a->body_len);
	free(a->body);
	memset(a, 0, sizeof(*a));
}

void waba_webhook_result_release(struct waba_webhook_result *r)
{
	free(r->url);
	free(r->tls.version);
	free(r->tls.subject);
	free(r->tls.issuer);
	for (size_t i = 0; i < r->nposts; i++)
		answer_release(&r->posts[i]);
	free(r->posts);
	free(r->challenge);
	answer_release(&r->hs_right);
	answer_release(&r->hs_wrong);
	answer_release(&r->sig_none);
	answer_release(&r->sig_bad);
	memset(r, 0, sizeof(*r));
}

/* 40 random hex digits. */
static char *random_hex(void)
{
	unsigned char b[20];
	if (RAND_bytes(b, sizeof(b)) != 1) {
		unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
		for (size_t i = 0; i < sizeof(b); i++)
			b[i] = (unsigned char)rand_r(&seed);
	}
	char *r = waba_xmalloc(2 * sizeof(b) + 1);
	for (size_t i = 0; i < sizeof(b); i++)
		snprintf(r + 2 * i, 3, "%02x", b[i]);
	return r;
}

/* The handshake URL: url + ?|& hub.mode=subscribe&hub.verify_token=..&hub.challenge=.. */
static char *handshake_url(CURL *c, const char *url, const char *token, const char *challenge)
{
	char *t = curl_easy_escape(c, token, 0);
	const char *q = strchr(url, '?');
	size_t ulen = strcspn(url, "#");
	char *r = waba_xasprintf("%.*s%shub.mode=subscribe&hub.verify_token=%s&hub.challenge=%s", (int)ulen, url,
	                         q ? "&" : "?", t ? t : "", challenge);
	if (t) {
		explicit_bzero(t, strlen(t));
		curl_free(t);
	}
	return r;
}

/* 0 and *plain set, or WABA_EINVAL. */
static int url_check(const char *url, int *plain)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int err = 0;
	if (!u)
		return waba_error_set(WABA_ENOMEM, _("out of memory"));
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host) {
		err = waba_error_set(WABA_EINVAL, _("'%s' is not a URL (expected https://HOST/PATH)"), url);
	} else if (strcmp(scheme, "http") == 0) {
		*plain = 1;
	} else if (strcmp(scheme, "https") == 0) {
		*plain = 0;
	} else {
		err = waba_error_set(WABA_EINVAL, _("'%s': scheme '%s' is not https"), url, scheme);
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return err;
}

int waba_webhook_probe(struct waba_webhook_result *out, const struct waba_webhook_options *o)
{
	static int global_done;
	struct probe p;
	int err;

	memset(out, 0, sizeof(*out));
	out->now = time(NULL);
	if (!o->url)
		return waba_error_set(WABA_EINVAL, "%s", _("no endpoint URL given"));
	out->url = waba_xstrdup(o->url);
	if ((err = url_check(o->url, &out->plain_http)) < 0)
		return err;
	if (o->probes < 1)
		return waba_error_set(WABA_EINVAL, _("the number of POSTs must be at least 1, not %ld"), o->probes);
	if (o->ca_file) {
		int fd = open(o->ca_file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return waba_error_set(errno == ENOENT ? WABA_ENOTFOUND : WABA_EIO,
			                      _("cannot open CA file '%s': %s"), o->ca_file, strerror(errno));
		close(fd);
	}
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return waba_error_set(WABA_ENET, "%s", _("cannot initialise libcurl"));
		global_done = 1;
	}
	memset(&p, 0, sizeof(p));
	p.o = o;
	p.res = out;
	p.openssl = curl_on_openssl();
	if (p.openssl && seen_idx < 0)
		seen_idx = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	if (!(p.c = curl_easy_init()))
		return waba_error_set(WABA_ENOMEM, "%s", _("cannot initialise libcurl"));
	p.ua = waba_xasprintf("waba-preflight/%s (webhook check)", waba_version());

	out->posts = waba_xcalloc((size_t)o->probes, sizeof(*out->posts));
	for (long i = 0; i < o->probes; i++) {
		char *body = waba_webhook_payload((int)i + 1, out->now);
		char *sig = o->app_secret ? waba_webhook_signature(o->app_secret, body, strlen(body)) : NULL;
		struct waba_webhook_answer *a = &out->posts[out->nposts++];
		request(&p, o->url, body, sig, a);
		free(body);
		free(sig);
		if (p.ca_bad) {
			curl_easy_cleanup(p.c);
			free(p.ua);
			return waba_error_set(WABA_EINVAL, _("cannot use CA file '%s': not a PEM file of certificates"),
			                      o->ca_file);
		}
		if (a->fail != WABA_WEBHOOK_OK) {
			out->stopped = 1;
			break;
		}
	}
	if (!out->stopped && o->verify_token) {
		if (out->plain_http) {
			out->handshake_skipped_http = 1;
		} else {
			char *wrong = random_hex(), *wrong_token = waba_xasprintf("waba-preflight-wrong-%s", wrong);
			out->handshake = 1;
			out->challenge = random_hex();
			char *u = handshake_url(p.c, o->url, o->verify_token, out->challenge);
			request(&p, u, NULL, NULL, &out->hs_right);
			explicit_bzero(u, strlen(u));
			free(u);
			u = handshake_url(p.c, o->url, wrong_token, out->challenge);
			request(&p, u, NULL, NULL, &out->hs_wrong);
			free(u);
			free(wrong);
			free(wrong_token);
		}
	}
	if (!out->stopped && o->app_secret) {
		char *body = waba_webhook_payload((int)o->probes + 1, out->now);
		out->signatures = 1;
		request(&p, o->url, body, NULL, &out->sig_none);
		free(body);
		body = waba_webhook_payload((int)o->probes + 2, out->now);
		/* signed with another key: what a forger without the app secret can send */
		char *bad_key = random_hex();
		char *sig = waba_webhook_signature(bad_key, body, strlen(body));
		request(&p, o->url, body, sig, &out->sig_bad);
		free(bad_key);
		free(sig);
		free(body);
	}
	curl_easy_cleanup(p.c);
	free(p.ua);
	return 0;
}
