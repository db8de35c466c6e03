/*
 * smtp_send.c: deliver a composed message with libcurl's SMTP.
 *
 * smtp:// must upgrade with STARTTLS (CURLUSESSL_ALL) unless the host is loopback,
 * where a local relay or a test server may not offer TLS (then STARTTLS is used when
 * offered). smtps:// is TLS from the first byte. Certificates are always verified.
 * Credentials are passed to libcurl only; no message we build contains them, and
 * URLs carrying user:password are refused so they cannot leak through logs.
 */
#include "net/netlib.h"
#include <stdlib.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/email.h"
#include "waba/net.h"
#include "waba/status.h"
#include "waba/strbuf.h"

struct reader {
	const char *data;
	size_t len, pos;
};

static size_t read_cb(char *buf, size_t size, size_t nmemb, void *userp)
{
	struct reader *r = userp;
	size_t n = size * nmemb, left = r->len - r->pos;
	if (n > left)
		n = left;
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	return n;
}

int waba_smtp_url_check(const char *url, int *loopback)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL, *path = NULL;
	int err = 0;
	if (!u)
		return waba_error_set(WABA_ENOMEM, _("out of memory"));
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		err = waba_error_set(WABA_EINVAL,
		                     _("'%s' is not a URL (expected smtp://HOST:PORT or smtps://HOST:PORT)"), url);
		goto done;
	}
	if (strcmp(scheme, "smtp") != 0 && strcmp(scheme, "smtps") != 0) {
		err = waba_error_set(WABA_EINVAL, _("scheme '%s' is not smtp or smtps"), scheme);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK) {
		err = waba_error_set(WABA_EINVAL, _("put credentials in WABA_PREFLIGHT_SMTP_USER and "
		                                    "WABA_PREFLIGHT_SMTP_PASSWORD, not in the URL"));
		goto done;
	}
	if (curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK && strcmp(path, "/") != 0 && *path) {
		err = waba_error_set(WABA_EINVAL, _("the URL must not have a path ('%s')"), path);
		goto done;
	}
	*loopback = waba_host_is_loopback(host);
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(path);
	curl_url_cleanup(u);
	return err;
}

static int map_error(CURLcode rc, const char *url, const char *errbuf)
{
	const char *why = *errbuf ? errbuf : curl_easy_strerror(rc);
	switch (rc) {
	case CURLE_LOGIN_DENIED:
		return waba_error_set(WABA_EAUTH, _("cannot send to '%s': the server refused the login (%s)"), url, why);
	case CURLE_USE_SSL_FAILED:
		return waba_error_set(WABA_ENET,
		                      _("cannot send to '%s': the server does not offer STARTTLS and "
		                        "the message is not sent in clear text to a remote host"),
		                      url);
	default:
		return waba_error_set(WABA_ENET, _("cannot send to '%s': %s"), url, why);
	}
}

int waba_smtp_send(const struct waba_smtp_options *o, const char *msg, size_t len)
{
	static int global_done;
	struct reader rd = { msg, len, 0 };
	struct curl_slist *rcpt = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	char *from = NULL, *to = NULL;
	int loopback = 0, err;
	CURL *c;

	if ((err = waba_smtp_url_check(o->url, &loopback)) < 0)
		return err;
	if (!waba_email_addr_valid(o->from) || !waba_email_addr_valid(o->rcpt))
		return waba_error_set(WABA_EINVAL,
		                      _("cannot send: the sender or recipient is not a valid e-mail address"));
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return waba_error_set(WABA_ENET, _("cannot initialise libcurl"));
		global_done = 1;
	}
	if (!(c = curl_easy_init()))
		return waba_error_set(WABA_ENOMEM, _("cannot initialise libcurl"));
	from = waba_xasprintf("<%s>", o->from);
	to = waba_xasprintf("<%s>", o->rcpt);
	rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_URL, o->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(loopback ? CURLUSESSL_TRY : CURLUSESSL_ALL));
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	if (o->user && *o->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, o->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, o->password ? o->password : "");
	}
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &rd);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_seconds > 0 ? o->timeout_seconds : 120L);
	CURLcode rc = curl_easy_perform(c);
	err = rc == CURLE_OK ? 0 : map_error(rc, o->url, errbuf);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	free(from);
	free(to);
	return err;
}
