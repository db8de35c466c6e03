/*
 * netlib_plugin.c: waba-net.so, the one piece linked with libcurl and OpenSSL. It hands
 * the program a table of their functions (net/netlib.h); net/netlib.c opens it on first
 * use, so only the commands that go to the network load these libraries.
 */
#define WABA_NETLIB_PLUGIN 1
#include "net/netlib.h"

/* SSL_CTX_get_ex_new_index is a macro over CRYPTO_get_ex_new_index. */
static int ctx_ex_new_index(void)
{
	return SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static const struct waba_netlib table = {
	.version = WABA_NETLIB_VERSION,
	.global_init = curl_global_init,
	.easy_init = curl_easy_init,
	.easy_setopt = curl_easy_setopt,
	.easy_getinfo = curl_easy_getinfo,
	.easy_perform = curl_easy_perform,
	.easy_cleanup = curl_easy_cleanup,
	.easy_reset = curl_easy_reset,
	.easy_strerror = curl_easy_strerror,
	.easy_escape = curl_easy_escape,
	.easy_header = curl_easy_header,
	.free = curl_free,
	.slist_append = curl_slist_append,
	.slist_free_all = curl_slist_free_all,
	.version_info = curl_version_info,
	.url = curl_url,
	.url_cleanup = curl_url_cleanup,
	.url_get = curl_url_get,
	.url_set = curl_url_set,
	.hmac = HMAC,
	.evp_sha256 = EVP_sha256,
	.rand_bytes = RAND_bytes,
	.asn1_time_to_tm = ASN1_TIME_to_tm,
	.ssl_ctx_get_ex_new_index = ctx_ex_new_index,
	.ssl_ctx_get_ex_data = SSL_CTX_get_ex_data,
	.ssl_ctx_set_ex_data = SSL_CTX_set_ex_data,
	.ssl_ctx_get_verify_mode = SSL_CTX_get_verify_mode,
	.ssl_ctx_set_verify = SSL_CTX_set_verify,
	.ssl_ctx_set_info_callback = SSL_CTX_set_info_callback,
	.ssl_get_ssl_ctx = SSL_get_SSL_CTX,
	.ssl_get_ex_data_x509_store_ctx_idx = SSL_get_ex_data_X509_STORE_CTX_idx,
	.ssl_get_version = SSL_get_version,
	.x509_store_ctx_get_ex_data = X509_STORE_CTX_get_ex_data,
	.x509_store_ctx_get_error = X509_STORE_CTX_get_error,
	.x509_store_ctx_get_error_depth = X509_STORE_CTX_get_error_depth,
	.x509_store_ctx_get_current_cert = X509_STORE_CTX_get_current_cert,
	.x509_get0_not_after = X509_get0_notAfter,
	.x509_get_subject_name = X509_get_subject_name,
	.x509_get_issuer_name = X509_get_issuer_name,
	.x509_name_cmp = X509_NAME_cmp,
	.x509_name_oneline = X509_NAME_oneline,
};

const struct waba_netlib *waba_netlib_plugin(void)
{
	return &table;
}
