/*
 * site_fetch.c: GET the business's web page for `name --website` (libcurl): http/https
 * only (also across redirects), TLS always verified, a redirect limit, a timeout and a
 * cap on the bytes read, all from checklists/names.xml.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "net/netlib.h"
#include "waba/i18n.h"
#include "waba/name.h"
#include "waba/status.h"
#include "waba/strbuf.h"
#include "waba/waba.h"

struct body {
	struct waba_strbuf sb;
	size_t cap;
	int over;
};

static size_t on_data(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct body *b = userdata;
	size_t n = size * nmemb;
	if (b->sb.len + n > b->cap) {
		b->over = 1;
		return 0; /* abort the transfer */
	}
	waba_strbuf_add(&b->sb, data, n);
	return n;
}

/* libcurl's message without its timing (" after 12 ms", " after 1002 milliseconds"), so
 * that a report says the same thing each run (a baseline or an expected output keeps matching). */
static void drop_timing(char *msg)
{
	static const char *const units[] = { " milliseconds", " ms" };
	for (char *p = strstr(msg, " after "); p; p = strstr(p + 1, " after ")) {
		char *q = p + 7;
		while (*q >= '0' && *q <= '9')
			q++;
		for (size_t u = 0; q > p + 7 && u < sizeof(units) / sizeof(units[0]); u++) {
			size_t n = strlen(units[u]);
			if (strncmp(q, units[u], n) == 0 && (q[n] == 0 || q[n] == ' ' || q[n] == ':' || q[n] == ',')) {
				memmove(p, q + n, strlen(q + n) + 1);
				return;
			}
		}
	}
}

int waba_site_fetch(struct waba_site_brand *out, const char *url, const struct waba_checklist *cl)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct body b = { WABA_STRBUF_INIT, (size_t)waba_checklist_limit(cl, "name.website.max_bytes"), 0 };
	long status = 0;
	char *ua;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)
		return waba_error_set(WABA_EINVAL,
		                      _("'%s' is not a web address: it must start with http:// or https://"), url);
	CURL *c = curl_easy_init();
	if (!c)
		return waba_error_set(WABA_ENOMEM, _("cannot start libcurl"));
	ua = waba_xasprintf("waba-preflight/%s (+https://github.com/waba-preflight/waba-preflight)", waba_version());
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, waba_checklist_limit(cl, "name.website.max_redirects"));
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, waba_checklist_limit(cl, "name.website.timeout_seconds"));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* gzip/deflate/br as libcurl supports */
	curl_easy_setopt(c, CURLOPT_USERAGENT, ua);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);

	CURLcode res = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (b.over) {
		rc = waba_error_set(WABA_ENET, _("'%s': the page is larger than %zu bytes (name.website.max_bytes)"),
		                    url, b.cap);
	} else if (res == CURLE_TOO_MANY_REDIRECTS) {
		rc = waba_error_set(WABA_ENET, _("'%s': more than %ld redirects"), url,
		                    waba_checklist_limit(cl, "name.website.max_redirects"));
	} else if (res != CURLE_OK) {
		drop_timing(errbuf);
		rc = waba_error_set(WABA_ENET, _("cannot read '%s': %s"), url,
		                    *errbuf ? errbuf : curl_easy_strerror(res));
	} else if (status >= 400) {
		rc = waba_error_set(WABA_ENET, _("cannot read '%s': the server answered HTTP %ld"), url, status);
	} else {
		char *final = NULL;
		curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final);
		waba_site_parse(out, final ? final : url, waba_strbuf_cstr(&b.sb), b.sb.len);
	}
	curl_easy_cleanup(c);
	waba_strbuf_release(&b.sb);
	free(ua);
	return rc;
}
