/*
 * netlib.h: libcurl and OpenSSL (with their ~30 shared libraries: GnuTLS, Kerberos, LDAP,
 * ssh2, nghttp2...) are loaded only by the commands that go to the network or sign a
 * webhook. The plugin waba-net.so (net/netlib_plugin.c, linked with both) hands over a
 * table of their functions; net/netlib.c opens it with dlopen() on first use, found the
 * way the phone plugin is (waba_data_dir(WABA_DATA_PLUGINS)).
 *
 * A file of src/net/ includes <curl/curl.h> and the OpenSSL headers it uses, then this
 * header: the names below then call through the table, so the code reads as plain libcurl.
 * Start-up of every other command (lint, --version) no longer pays for the dynamic linking
 * of these libraries (bench/README.md: about 18 M instructions).
 */
#ifndef WABA_NETLIB_H
#define WABA_NETLIB_H

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

struct waba_netlib {
	int version; /* WABA_NETLIB_VERSION: the plugin and the program were built together */
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption option, ...);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	CURLcode (*easy_perform)(CURL *c);
	void (*easy_cleanup)(CURL *c);
	void (*easy_reset)(CURL *c);
	const char *(*easy_strerror)(CURLcode rc);
	char *(*easy_escape)(CURL *c, const char *s, int len);
	CURLHcode (*easy_header)(CURL *c, const char *name, size_t index, unsigned int origin, int request,
	                         struct curl_header **out);
	void (*free)(void *p);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
	curl_version_info_data *(*version_info)(CURLversion v);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *u);
	__typeof__(curl_url_get) *url_get; /* its CURLU is const only from curl 8.x */
	CURLUcode (*url_set)(CURLU *u, CURLUPart what, const char *part, unsigned int flags);

	unsigned char *(*hmac)(const EVP_MD *md, const void *key, int keylen, const unsigned char *d, size_t n,
	                       unsigned char *out, unsigned int *outlen);
	const EVP_MD *(*evp_sha256)(void);
	int (*rand_bytes)(unsigned char *buf, int num);
	int (*asn1_time_to_tm)(const ASN1_TIME *s, struct tm *tm);
	int (*ssl_ctx_get_ex_new_index)(void);
	void *(*ssl_ctx_get_ex_data)(const SSL_CTX *ctx, int idx);
	int (*ssl_ctx_set_ex_data)(SSL_CTX *ctx, int idx, void *data);
	int (*ssl_ctx_get_verify_mode)(const SSL_CTX *ctx);
	void (*ssl_ctx_set_verify)(SSL_CTX *ctx, int mode, SSL_verify_cb cb);
	void (*ssl_ctx_set_info_callback)(SSL_CTX *ctx, void (*cb)(const SSL *ssl, int type, int val));
	SSL_CTX *(*ssl_get_ssl_ctx)(const SSL *ssl);
	int (*ssl_get_ex_data_x509_store_ctx_idx)(void);
	const char *(*ssl_get_version)(const SSL *ssl);
	void *(*x509_store_ctx_get_ex_data)(const X509_STORE_CTX *xs, int idx);
	int (*x509_store_ctx_get_error)(const X509_STORE_CTX *xs);
	int (*x509_store_ctx_get_error_depth)(const X509_STORE_CTX *xs);
	X509 *(*x509_store_ctx_get_current_cert)(const X509_STORE_CTX *xs);
	const ASN1_TIME *(*x509_get0_not_after)(const X509 *x);
	X509_NAME *(*x509_get_subject_name)(const X509 *x);
	X509_NAME *(*x509_get_issuer_name)(const X509 *x);
	int (*x509_name_cmp)(const X509_NAME *a, const X509_NAME *b);
	char *(*x509_name_oneline)(const X509_NAME *a, char *buf, int size);
};

#define WABA_NETLIB_VERSION 1

/* The plugin's one symbol. */
const struct waba_netlib *waba_netlib_plugin(void);

#ifndef WABA_NETLIB_PLUGIN
/*
 * The table, the plugin opened on first call. When it cannot be opened (a broken
 * install), the program says so on stderr and exits 2: there is nothing a network command
 * can do without it.
 */
const struct waba_netlib *waba_netlib(void);

#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init (*waba_netlib()->global_init)
#define curl_easy_init (*waba_netlib()->easy_init)
#define curl_easy_setopt (*waba_netlib()->easy_setopt)
#define curl_easy_getinfo (*waba_netlib()->easy_getinfo)
#define curl_easy_perform (*waba_netlib()->easy_perform)
#define curl_easy_cleanup (*waba_netlib()->easy_cleanup)
#define curl_easy_reset (*waba_netlib()->easy_reset)
#define curl_easy_strerror (*waba_netlib()->easy_strerror)
#define curl_easy_escape (*waba_netlib()->easy_escape)
#define curl_easy_header (*waba_netlib()->easy_header)
#define curl_free (*waba_netlib()->free)
#define curl_slist_append (*waba_netlib()->slist_append)
#define curl_slist_free_all (*waba_netlib()->slist_free_all)
#define curl_version_info (*waba_netlib()->version_info)
#define curl_url (*waba_netlib()->url)
#define curl_url_cleanup (*waba_netlib()->url_cleanup)
#define curl_url_get (*waba_netlib()->url_get)
#define curl_url_set (*waba_netlib()->url_set)

#undef SSL_CTX_get_ex_new_index
#define HMAC (*waba_netlib()->hmac)
#define EVP_sha256 (*waba_netlib()->evp_sha256)
#define RAND_bytes (*waba_netlib()->rand_bytes)
#define ASN1_TIME_to_tm (*waba_netlib()->asn1_time_to_tm)
#define SSL_CTX_get_ex_new_index(l, p, newf, dupf, freef) ((*waba_netlib()->ssl_ctx_get_ex_new_index)())
#define SSL_CTX_get_ex_data (*waba_netlib()->ssl_ctx_get_ex_data)
#define SSL_CTX_set_ex_data (*waba_netlib()->ssl_ctx_set_ex_data)
#define SSL_CTX_get_verify_mode (*waba_netlib()->ssl_ctx_get_verify_mode)
#define SSL_CTX_set_verify (*waba_netlib()->ssl_ctx_set_verify)
#define SSL_CTX_set_info_callback (*waba_netlib()->ssl_ctx_set_info_callback)
#define SSL_get_SSL_CTX (*waba_netlib()->ssl_get_ssl_ctx)
#define SSL_get_ex_data_X509_STORE_CTX_idx (*waba_netlib()->ssl_get_ex_data_x509_store_ctx_idx)
#define SSL_get_version (*waba_netlib()->ssl_get_version)
#define X509_STORE_CTX_get_ex_data (*waba_netlib()->x509_store_ctx_get_ex_data)
#define X509_STORE_CTX_get_error (*waba_netlib()->x509_store_ctx_get_error)
#define X509_STORE_CTX_get_error_depth (*waba_netlib()->x509_store_ctx_get_error_depth)
#define X509_STORE_CTX_get_current_cert (*waba_netlib()->x509_store_ctx_get_current_cert)
#define X509_get0_notAfter (*waba_netlib()->x509_get0_not_after)
#define X509_get_subject_name (*waba_netlib()->x509_get_subject_name)
#define X509_get_issuer_name (*waba_netlib()->x509_get_issuer_name)
#define X509_NAME_cmp (*waba_netlib()->x509_name_cmp)
#define X509_NAME_oneline (*waba_netlib()->x509_name_oneline)
#endif

#endif
