/*
 * graph_api.c: the Business node's verification status from Meta's Graph API
 * (libcurl + cJSON). See include/waba/graph.h for the contract.
 *
 * The token goes to libcurl through CURLOPT_XOAUTH2_BEARER and nowhere else: it is
 * never formatted into a string, and whatever the server sends back is scrubbed of it.
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include "net/netlib.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "waba/graph.h"
#include "waba/i18n.h"
#include "waba/net.h"
#include "waba/secret.h"
#include "waba/status.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "waba/waba.h"

#define TOKEN_MAX 8192
#define DETAIL_MAX 300
#define STATUS_MAX 64
#define NAME_MAX_BYTES 512

static const char *const fail_names[] = {
	[WABA_GRAPH_OK] = "ok",
	[WABA_GRAPH_AUTH] = "auth",
	[WABA_GRAPH_PERMISSION] = "permission",
	[WABA_GRAPH_NOT_FOUND] = "not_found",
	[WABA_GRAPH_RATE_LIMIT] = "rate_limit",
	[WABA_GRAPH_SERVER] = "server",
	[WABA_GRAPH_BLOCKED] = "blocked",
	[WABA_GRAPH_REFUSED] = "refused",
	[WABA_GRAPH_NETWORK] = "network",
	[WABA_GRAPH_TIMEOUT] = "timeout",
	[WABA_GRAPH_TLS] = "tls",
	[WABA_GRAPH_BAD_ANSWER] = "bad_answer",
	[WABA_GRAPH_USAGE] = "usage",
};

const char *waba_graph_fail_name(enum waba_graph_fail f)
{
	if ((size_t)f < sizeof(fail_names) / sizeof(fail_names[0]) && fail_names[f])
		return fail_names[f];
	return "refused";
}

static enum waba_graph_fail fail_from_name(const char *name)
{
	for (size_t i = 1; i < sizeof(fail_names) / sizeof(fail_names[0]); i++)
		if (name && fail_names[i] && strcmp(fail_names[i], name) == 0)
			return (enum waba_graph_fail)i;
	return WABA_GRAPH_REFUSED;
}

void waba_graph_options_init(struct waba_graph_options *o, const struct waba_checklist *cl)
{
	memset(o, 0, sizeof(*o));
	o->base_url = WABA_GRAPH_URL_DEFAULT;
	o->connect_timeout_s = waba_checklist_limit(cl, "graph.timeout.connect_seconds");
	o->timeout_s = waba_checklist_limit(cl, "graph.timeout.total_seconds");
	o->max_attempts = waba_checklist_limit(cl, "graph.retry.max_attempts");
	o->backoff_ms = waba_checklist_limit(cl, "graph.retry.backoff_ms");
	o->max_wait_s = waba_checklist_limit(cl, "graph.rate_limit.max_wait_seconds");
	o->max_body_bytes = waba_checklist_limit(cl, "graph.response.max_bytes");
	o->cl = cl;
}

void waba_graph_result_release(struct waba_graph_result *r)
{
	free(r->id);
	free(r->name);
	free(r->verification_status);
	free(r->detail);
	memset(r, 0, sizeof(*r));
}

/* --- tokens ------------------------------------------------------------------------- */

const struct waba_secret_rules waba_graph_token_rules = { TOKEN_MAX, WABA_SECRET_ONE_WORD };

/* --- URLs --------------------------------------------------------------------------- */

/* 0 and *plain_http set, or WABA_EINVAL. */
static int url_check(const char *url, int *plain_http)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL, *query = NULL;
	int err = 0;
	if (!u)
		return waba_error_set(WABA_ENOMEM, _("out of memory"));
	*plain_http = 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		err = waba_error_set(WABA_EINVAL, _("'%s' is not a URL (expected https://HOST/vNN.N)"), url);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
	    curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK) {
		err = waba_error_set(WABA_EINVAL, _("the URL must not carry credentials or a query; "
		                                    "the token comes from WABA_PREFLIGHT_TOKEN or --token-file"));
		goto done;
	}
	if (strcmp(scheme, "http") == 0) {
		if (!waba_host_is_loopback(host)) {
			err = waba_error_set(WABA_EINVAL, _("http:// is only allowed for a loopback host "
			                                    "(127.0.0.1, ::1, localhost); use https://"));
			goto done;
		}
		*plain_http = 1;
	} else if (strcmp(scheme, "https") != 0) {
		err = waba_error_set(WABA_EINVAL, _("scheme '%s' is not https"), scheme);
	}
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(query);
	curl_url_cleanup(u);
	return err;
}

int waba_graph_url_check(const char *url)
{
	int plain;
	return url_check(url, &plain);
}

/* --- answers ------------------------------------------------------------------------ */

/* A copy of s fit for a one-line message: control bytes become spaces, the token
 * becomes "[token]", at most DETAIL_MAX bytes cut on a UTF-8 boundary. */
static char *scrub(const char *s, size_t len, const char *token)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	size_t tlen = token ? strlen(token) : 0;
	for (size_t i = 0; i < len && sb.len < DETAIL_MAX;) {
		if (tlen && len - i >= tlen && memcmp(s + i, token, tlen) == 0) {
			waba_strbuf_adds(&sb, "[token]");
			i += tlen;
			continue;
		}
		unsigned char c = (unsigned char)s[i++];
		waba_strbuf_addc(&sb, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	if (sb.len >= DETAIL_MAX) {
		size_t n = sb.len;
		while (n && ((unsigned char)sb.buf[n] & 0xC0) == 0x80)
			n--;
		sb.len = n;
		sb.buf[n] = '\0';
		waba_strbuf_adds(&sb, "...");
	}
	char *r = waba_strbuf_detach(&sb);
	if (!waba_utf8_valid(r, strlen(r), NULL)) {
		for (char *p = r; *p; p++)
			if ((unsigned char)*p >= 0x80)
				*p = '?';
	}
	return r;
}

/* Look a Graph error code up in graph.error_codes: "code/subcode", "code", "lo-hi". */
static int lookup_kind(const struct waba_checklist *cl, long code, long subcode, enum waba_graph_fail *out)
{
	const struct waba_set *set = cl ? waba_checklist_set(cl, "graph.error_codes") : NULL;
	char key[48];
	const struct waba_set_item *it = NULL;
	if (!set)
		return 0;
	if (subcode) {
		snprintf(key, sizeof(key), "%ld/%ld", code, subcode);
		it = waba_set_find(set, key);
	}
	if (!it) {
		snprintf(key, sizeof(key), "%ld", code);
		it = waba_set_find(set, key);
	}
	for (size_t i = 0; !it && i < set->len; i++) {
		char *dash;
		long lo = strtol(set->items[i].value, &dash, 10), hi;
		if (*dash == '-' && (hi = strtol(dash + 1, NULL, 10)) >= lo && code >= lo && code <= hi)
			it = &set->items[i];
	}
	if (!it)
		return 0;
	*out = fail_from_name(waba_set_item_attr(it, "kind"));
	return 1;
}

static enum waba_graph_fail kind_from_http(long status)
{
	if (status == 401)
		return WABA_GRAPH_AUTH;
	if (status == 403)
		return WABA_GRAPH_PERMISSION;
	if (status == 404)
		return WABA_GRAPH_NOT_FOUND;
	if (status == 429)
		return WABA_GRAPH_RATE_LIMIT;
	if (status >= 500)
		return WABA_GRAPH_SERVER;
	return WABA_GRAPH_REFUSED;
}

static long json_long(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e12)
		return (long)v->valuedouble;
	if (cJSON_IsString(v))
		return strtol(v->valuestring, NULL, 10);
	return 0;
}

/* A status Meta could send: [A-Za-z_], lower-cased; NULL otherwise. */
static char *status_value(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > STATUS_MAX)
		return NULL;
	char *r = waba_xstrdup(s);
	for (char *p = r; *p; p++) {
		if (!(isalpha((unsigned char)*p) || *p == '_')) {
			free(r);
			return NULL;
		}
		*p = (char)tolower((unsigned char)*p);
	}
	return r;
}

int waba_graph_classify(struct waba_graph_result *out, long http_status, const char *body, size_t len,
                        const struct waba_checklist *cl, const char *token)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(root, "error");

	out->http_status = http_status;
	out->code = out->subcode = 0;
	free(out->detail);
	out->detail = NULL;
	if (cJSON_IsObject(error)) {
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");
		out->code = json_long(error, "code");
		out->subcode = json_long(error, "error_subcode");
		if (cJSON_IsString(msg))
			out->detail = scrub(msg->valuestring, strlen(msg->valuestring), token);
		if (!out->code || !lookup_kind(cl, out->code, out->subcode, &out->fail))
			out->fail = kind_from_http(http_status);
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(error, "is_transient")) &&
		    out->fail == WABA_GRAPH_REFUSED)
			out->fail = WABA_GRAPH_SERVER;
	} else if (http_status != 200) {
		out->fail = kind_from_http(http_status);
		if (len && !root)
			out->detail = scrub(body, len < 120 ? len : 120, token);
	} else if (!cJSON_IsObject(root)) {
		out->fail = WABA_GRAPH_BAD_ANSWER;
		out->detail = waba_xstrdup(_("the answer is not a JSON object"));
	} else {
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "verification_status");
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
		char *status = cJSON_IsString(st) ? status_value(st->valuestring) : NULL;
		if (!status) {
			out->fail = WABA_GRAPH_BAD_ANSWER;
			out->detail = waba_xstrdup(cJSON_IsString(st)
			                               ? _("the answer's verification_status is not a status name")
			                               : _("the answer has no verification_status (a token without "
			                                   "business_management may not see it)"));
		} else {
			out->fail = WABA_GRAPH_OK;
			free(out->verification_status);
			out->verification_status = status;
			if (cJSON_IsString(id) && strlen(id->valuestring) <= 32)
				out->id = scrub(id->valuestring, strlen(id->valuestring), token);
			if (cJSON_IsString(name) && strlen(name->valuestring) <= NAME_MAX_BYTES &&
			    waba_utf8_valid(name->valuestring, strlen(name->valuestring), NULL))
				out->name = scrub(name->valuestring, strlen(name->valuestring), token);
		}
	}
	cJSON_Delete(root);
	return out->fail == WABA_GRAPH_SERVER || out->fail == WABA_GRAPH_RATE_LIMIT;
}

long waba_graph_retry_after(const char *retry_after, const char *buc_usage)
{
	long best = -1;
	if (retry_after) {
		char *end;
		long v = strtol(retry_after, &end, 10);
		while (*end == ' ')
			end++;
		if (end != retry_after && *end == '\0' && v >= 0)
			best = v;
	}
	/* {"<business-id>":[{"type":"..","call_count":..,"estimated_time_to_regain_access":MINUTES}]} */
	cJSON *root = buc_usage ? cJSON_Parse(buc_usage) : NULL;
	const cJSON *biz, *entry;
	cJSON_ArrayForEach(biz, root)
	{
		cJSON_ArrayForEach(entry, biz)
		{
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(entry, "estimated_time_to_regain_access");
			if (cJSON_IsNumber(m) && m->valuedouble >= 0 && m->valuedouble < 1e6 &&
			    (long)m->valuedouble * 60 > best)
				best = (long)m->valuedouble * 60;
		}
	}
	cJSON_Delete(root);
	return best;
}

/* --- the request -------------------------------------------------------------------- */

struct body {
	struct waba_strbuf sb;
	size_t max;
	int too_big;
};

static size_t write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
	struct body *b = userp;
	size_t n = size * nmemb;
	if (b->sb.len + n > b->max) {
		b->too_big = 1;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	waba_strbuf_add(&b->sb, data, n);
	return n;
}

static const char *header_value(CURL *c, const char *name)
{
	struct curl_header *h = NULL;
	if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h)
		return h->value;
	return NULL;
}

static enum waba_graph_fail kind_from_curl(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return WABA_GRAPH_TIMEOUT;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return WABA_GRAPH_TLS;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return WABA_GRAPH_USAGE;
	default:
		return WABA_GRAPH_NETWORK;
	}
}

/* Sleep ms milliseconds. */
static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Exponential backoff with jitter: half the step plus a random share of the other half. */
static long backoff_delay(long base_ms, int attempt, unsigned *seed)
{
	long step = base_ms;
	for (int i = 1; i < attempt && step < 60000; i++)
		step *= 2;
	if (step <= 1)
		return step;
	return step / 2 + (long)(rand_r(seed) % (unsigned)(step / 2 + 1));
}

/* "(HTTP 400, code 100/33: message)" or "" */
static void add_context(struct waba_strbuf *sb, const struct waba_graph_result *r)
{
	if (!r->http_status && !r->detail)
		return;
	waba_strbuf_adds(sb, " (");
	if (r->http_status)
		waba_strbuf_addf(sb, "HTTP %ld", r->http_status);
	if (r->code) {
		waba_strbuf_addf(sb, ", code %ld", r->code);
		if (r->subcode)
			waba_strbuf_addf(sb, "/%ld", r->subcode);
	}
	if (r->detail)
		waba_strbuf_addf(sb, "%s%s", r->http_status ? ": " : "", r->detail);
	waba_strbuf_addc(sb, ')');
}

static int set_failure(const struct waba_graph_result *r, const char *id)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	int code = WABA_ENET;
	switch (r->fail) {
	case WABA_GRAPH_AUTH:
		waba_strbuf_adds(&sb, _("the Graph API refused the token: invalid or expired"));
		code = WABA_EAUTH;
		break;
	case WABA_GRAPH_PERMISSION:
		waba_strbuf_addf(&sb, _("the token lacks the permission to read business %s"), id);
		code = WABA_EAUTH;
		break;
	case WABA_GRAPH_NOT_FOUND:
		waba_strbuf_addf(&sb, _("business %s is unknown to the Graph API, or this token cannot see it"), id);
		break;
	case WABA_GRAPH_RATE_LIMIT:
		if (r->retry_after_s >= 0)
			waba_strbuf_addf(&sb, _("the Graph API is rate-limiting these calls; retry after %ld seconds"),
			                 r->retry_after_s);
		else
			waba_strbuf_adds(&sb, _("the Graph API is rate-limiting these calls"));
		break;
	case WABA_GRAPH_SERVER:
		waba_strbuf_addf(&sb, _("the Graph API failed %d times in a row"), r->attempts);
		break;
	case WABA_GRAPH_BLOCKED:
		waba_strbuf_adds(&sb, _("Meta blocked the request for a policy reason"));
		break;
	case WABA_GRAPH_BAD_ANSWER:
		waba_strbuf_adds(&sb, _("the Graph API's answer cannot be used"));
		break;
	default:
		waba_strbuf_adds(&sb, _("the Graph API refused the request"));
		break;
	}
	add_context(&sb, r);
	int err = waba_error_set(code, "%s", waba_strbuf_cstr(&sb));
	waba_strbuf_release(&sb);
	return err;
}

static int id_is_digits(const char *id)
{
	if (!*id || strlen(id) > 32)
		return 0;
	for (const char *p = id; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

int waba_graph_business_status(struct waba_graph_result *out, const struct waba_graph_options *o, const char *business_id)
{
	static int global_done;
	const char *base = o->base_url ? o->base_url : WABA_GRAPH_URL_DEFAULT;
	char errbuf[CURL_ERROR_SIZE];
	char *url = NULL, *ua = NULL;
	struct body b = { WABA_STRBUF_INIT, 0, 0 };
	int plain_http, err = 0;
	unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	CURL *c;

	memset(out, 0, sizeof(*out));
	out->retry_after_s = -1;
	out->fail = WABA_GRAPH_USAGE;
	if ((err = url_check(base, &plain_http)) < 0)
		return err;
	if (!id_is_digits(business_id))
		return waba_error_set(WABA_EINVAL, _("'%s' is not a Business Manager ID"), business_id);
	if (!o->token || waba_secret_check(o->token, _("Graph API token"), &waba_graph_token_rules) < 0)
		return waba_error_set(WABA_EINVAL, "%s", _("no usable Graph API token"));
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return waba_error_set(WABA_ENET, _("cannot initialise libcurl"));
		global_done = 1;
	}
	if (!(c = curl_easy_init()))
		return waba_error_set(WABA_ENOMEM, _("cannot initialise libcurl"));

	size_t blen = strlen(base);
	while (blen && base[blen - 1] == '/')
		blen--;
	url = waba_xasprintf("%.*s/%s?fields=id,name,verification_status", (int)blen, base, business_id);
	ua = waba_xasprintf("waba-preflight/%s", waba_version());
	b.max = o->max_body_bytes > 0 ? (size_t)o->max_body_bytes : 1048576;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, plain_http ? "http" : "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_bundle)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_bundle);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER);
	curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, o->token);
	curl_easy_setopt(c, CURLOPT_USERAGENT, ua);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s > 0 ? o->connect_timeout_s : 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s > 0 ? o->timeout_s : 30L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);

	long attempts = o->max_attempts > 0 ? o->max_attempts : 1;
	for (int attempt = 1;; attempt++) {
		errbuf[0] = '\0';
		b.sb.len = 0;
		b.too_big = 0;
		out->attempts = attempt;
		CURLcode rc = curl_easy_perform(c);
		if (rc != CURLE_OK) {
			const char *why = *errbuf ? errbuf : curl_easy_strerror(rc);
			char *safe = scrub(why, strlen(why), o->token);
			out->http_status = 0;
			if (b.too_big) {
				out->fail = WABA_GRAPH_BAD_ANSWER;
				err = waba_error_set(WABA_ENET, _("the Graph API's answer is larger than %ld bytes"),
				                     (long)b.max);
			} else {
				out->fail = kind_from_curl(rc);
				if (out->fail == WABA_GRAPH_TIMEOUT)
					err = waba_error_set(WABA_ENET, _("no answer from '%.*s' in time (%s)"),
					                     (int)blen, base, safe);
				else if (out->fail == WABA_GRAPH_TLS)
					err = waba_error_set(WABA_ENET, _("TLS failure with '%.*s': %s"), (int)blen,
					                     base, safe);
				else
					err = waba_error_set(WABA_ENET, _("cannot reach '%.*s': %s"), (int)blen, base,
					                     safe);
			}
			free(safe);
			break;
		}
		long status = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		int retry = waba_graph_classify(out, status, b.sb.buf ? b.sb.buf : "", b.sb.len, o->cl, o->token);
		if (out->fail == WABA_GRAPH_OK) {
			err = 0;
			break;
		}
		out->retry_after_s = waba_graph_retry_after(header_value(c, "Retry-After"),
		                                            header_value(c, "X-Business-Use-Case-Usage"));
		if (!retry || attempt >= attempts) {
			err = set_failure(out, business_id);
			break;
		}
		long wait_ms;
		if (out->fail == WABA_GRAPH_RATE_LIMIT && out->retry_after_s >= 0) {
			if (out->retry_after_s > o->max_wait_s) {
				err = set_failure(out, business_id);
				break;
			}
			wait_ms = out->retry_after_s * 1000 + backoff_delay(o->backoff_ms, 1, &seed) / 4;
		} else {
			wait_ms = backoff_delay(o->backoff_ms, attempt, &seed);
		}
		sleep_ms(wait_ms);
	}
	/* the token was only ever handed to libcurl; make it forget before returning */
	curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, NULL);
	curl_easy_cleanup(c);
	waba_strbuf_release(&b.sb);
	free(url);
	free(ua);
	return err;
}
