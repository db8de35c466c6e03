/* test_graph.c: the pure parts of src/net/graph_api.c: classifying Graph answers,
 * rate-limit waits, --graph-url rules, token files. The network path is tested
 * end to end in tests/net/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "waba/graph.h"
#include "waba/webhook.h"
#include "waba/net.h"
#include "waba/status.h"

#define TOKEN "EAAunitTOKEN42"

static const struct {
	long http;
	const char *body;
	enum waba_graph_fail fail;
	int retry;
	const char *status;   /* verification_status on success */
	const char *detail;   /* substring of the detail, or NULL */
} classify_rows[] = {
	{ 200, "{\"id\":\"175601379772329\",\"name\":\"Acme\",\"verification_status\":\"verified\"}", WABA_GRAPH_OK, 0, "verified", NULL },
	{ 200, "{\"verification_status\":\"PENDING_NEED_MORE_INFO\"}", WABA_GRAPH_OK, 0, "pending_need_more_info", NULL },
	{ 200, "{\"id\":\"1\",\"name\":\"Acme\"}", WABA_GRAPH_BAD_ANSWER, 0, NULL, "no verification_status" },
	{ 200, "{\"verification_status\":\"<script>\"}", WABA_GRAPH_BAD_ANSWER, 0, NULL, "not a status name" },
	{ 200, "{\"verification_status\":", WABA_GRAPH_BAD_ANSWER, 0, NULL, "not a JSON object" },
	{ 200, "[1,2]", WABA_GRAPH_BAD_ANSWER, 0, NULL, "not a JSON object" },
	{ 400, "{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}", WABA_GRAPH_AUTH, 0, NULL, "Invalid OAuth" },
	{ 400, "{\"error\":{\"message\":\"x\",\"code\":102}}", WABA_GRAPH_AUTH, 0, NULL, NULL },
	{ 403, "{\"error\":{\"message\":\"(#200) Requires business_management\",\"code\":200}}", WABA_GRAPH_PERMISSION, 0, NULL, "business_management" },
	{ 400, "{\"error\":{\"message\":\"(#270) x\",\"code\":270}}", WABA_GRAPH_PERMISSION, 0, NULL, NULL },
	{ 400, "{\"error\":{\"message\":\"Unsupported get request\",\"code\":100,\"error_subcode\":33}}", WABA_GRAPH_NOT_FOUND, 0, NULL, NULL },
	{ 400, "{\"error\":{\"message\":\"Invalid parameter\",\"code\":100}}", WABA_GRAPH_REFUSED, 0, NULL, "Invalid parameter" },
	{ 400, "{\"error\":{\"message\":\"aliases\",\"code\":803}}", WABA_GRAPH_NOT_FOUND, 0, NULL, NULL },
	{ 400, "{\"error\":{\"message\":\"(#4) limit\",\"code\":4}}", WABA_GRAPH_RATE_LIMIT, 1, NULL, NULL },
	{ 400, "{\"error\":{\"message\":\"(#613)\",\"code\":613}}", WABA_GRAPH_RATE_LIMIT, 1, NULL, NULL },
	{ 500, "{\"error\":{\"message\":\"unknown\",\"code\":1}}", WABA_GRAPH_SERVER, 1, NULL, NULL },
	{ 400, "{\"error\":{\"message\":\"odd\",\"code\":131000,\"is_transient\":true}}", WABA_GRAPH_SERVER, 1, NULL, NULL },
	{ 400, "{\"error\":{\"message\":\"blocked\",\"code\":368}}", WABA_GRAPH_BLOCKED, 0, NULL, NULL },
	{ 502, "<html>Bad Gateway</html>", WABA_GRAPH_SERVER, 1, NULL, "Bad Gateway" },
	{ 401, "", WABA_GRAPH_AUTH, 0, NULL, NULL },
	{ 404, "not found", WABA_GRAPH_NOT_FOUND, 0, NULL, NULL },
	{ 429, "", WABA_GRAPH_RATE_LIMIT, 1, NULL, NULL },
	{ 418, "{}", WABA_GRAPH_REFUSED, 0, NULL, NULL },
	/* the server echoes the token: it must not survive into anything we keep */
	{ 400, "{\"error\":{\"message\":\"bad token " TOKEN " here\",\"code\":190}}", WABA_GRAPH_AUTH, 0, NULL, "bad token [token] here" },
	{ 400, "{\"error\":{\"message\":\"line\\nbreak\",\"code\":190}}", WABA_GRAPH_AUTH, 0, NULL, "line break" },
};

static void test_classify(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(classify_rows) / sizeof(classify_rows[0]); i++) {
		struct waba_graph_result r;
		memset(&r, 0, sizeof(r));
		const char *body = classify_rows[i].body;
		int retry = waba_graph_classify(&r, classify_rows[i].http, body, strlen(body), test_checklist(), TOKEN);
		if (r.fail != classify_rows[i].fail || retry != classify_rows[i].retry)
			fail_msg("row %zu (%s): fail %s retry %d, want %s retry %d", i, body, waba_graph_fail_name(r.fail),
			         retry, waba_graph_fail_name(classify_rows[i].fail), classify_rows[i].retry);
		if (classify_rows[i].status)
			assert_string_equal(r.verification_status, classify_rows[i].status);
		else
			assert_null(r.verification_status);
		if (classify_rows[i].detail) {
			assert_non_null(r.detail);
			if (!strstr(r.detail, classify_rows[i].detail))
				fail_msg("row %zu: detail '%s' lacks '%s'", i, r.detail, classify_rows[i].detail);
		}
		assert_null(r.detail ? strstr(r.detail, TOKEN) : NULL);
		waba_graph_result_release(&r);
	}
}

static void test_success_fields(void **state)
{
	(void)state;
	struct waba_graph_result r;
	memset(&r, 0, sizeof(r));
	const char *body = "{\"id\":\"175601379772329\",\"name\":\"Padaria Pão de Açúcar\",\"verification_status\":\"rejected\"}";
	waba_graph_classify(&r, 200, body, strlen(body), test_checklist(), TOKEN);
	assert_int_equal(r.fail, WABA_GRAPH_OK);
	assert_string_equal(r.id, "175601379772329");
	assert_string_equal(r.name, "Padaria Pão de Açúcar");
	waba_graph_result_release(&r);
	/* a name that is not UTF-8 is dropped, not passed on to the report */
	memset(&r, 0, sizeof(r));
	const char bad[] = "{\"name\":\"\xff\xfe\",\"verification_status\":\"verified\"}";
	waba_graph_classify(&r, 200, bad, sizeof(bad) - 1, test_checklist(), TOKEN);
	assert_int_equal(r.fail, WABA_GRAPH_OK);
	assert_null(r.name);
	waba_graph_result_release(&r);
}

static void test_retry_after(void **state)
{
	(void)state;
	assert_int_equal(waba_graph_retry_after(NULL, NULL), -1);
	assert_int_equal(waba_graph_retry_after("5", NULL), 5);
	assert_int_equal(waba_graph_retry_after("soon", NULL), -1);
	assert_int_equal(waba_graph_retry_after("-3", NULL), -1);
	assert_int_equal(waba_graph_retry_after(NULL,
		"{\"1\":[{\"type\":\"pages\",\"call_count\":100,\"estimated_time_to_regain_access\":15}]}"), 900);
	/* the longer of the two */
	assert_int_equal(waba_graph_retry_after("1000",
		"{\"1\":[{\"estimated_time_to_regain_access\":2}]}"), 1000);
	assert_int_equal(waba_graph_retry_after(NULL, "not json"), -1);
}

static void test_url_rules(void **state)
{
	(void)state;
	assert_int_equal(waba_graph_url_check("https://graph.facebook.com/v21.0"), 0);
	assert_int_equal(waba_graph_url_check("http://127.0.0.1:8080/v21.0"), 0);
	assert_int_equal(waba_graph_url_check("http://[::1]:8080/v21.0"), 0);
	assert_int_equal(waba_graph_url_check("http://localhost/v21.0"), 0);
	assert_int_equal(waba_graph_url_check("http://graph.facebook.com/v21.0"), WABA_EINVAL);
	assert_int_equal(waba_graph_url_check("http://127.evil.com/v21.0"), WABA_EINVAL);
	assert_int_equal(waba_graph_url_check("ftp://graph.facebook.com/"), WABA_EINVAL);
	assert_int_equal(waba_graph_url_check("https://user:pw@graph.facebook.com/v21.0"), WABA_EINVAL);
	assert_int_equal(waba_graph_url_check("https://graph.facebook.com/v21.0?access_token=x"), WABA_EINVAL);
	assert_int_equal(waba_graph_url_check("not a url"), WABA_EINVAL);
	assert_int_equal(waba_host_is_loopback("127.0.0.1"), 1);
	assert_int_equal(waba_host_is_loopback("127.0.0.1.nip.io"), 0);
}

static char *write_tmp(const char *content, mode_t mode)
{
	char *path = strdup("/tmp/waba-token-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	chmod(path, mode);
	return path;
}

static void test_token_file(void **state)
{
	(void)state;
	char *tok = NULL;
	int loose = -1;
	char *p = write_tmp(TOKEN "\r\n", 0600);
	assert_int_equal(waba_secret_load(&tok, p, "Graph API token", &waba_graph_token_rules, &loose), 0);
	assert_string_equal(tok, TOKEN);
	assert_int_equal(loose, 0);
	waba_secret_free(tok);
	unlink(p);
	free(p);

	p = write_tmp(TOKEN "\n", 0644);
	assert_int_equal(waba_secret_load(&tok, p, "Graph API token", &waba_graph_token_rules, &loose), 0);
	assert_int_equal(loose, 1);
	waba_secret_free(tok);
	unlink(p);
	free(p);

	static const char *const bad[] = { "", "\n\n", TOKEN "\nX-Evil: 1\n", "two words", "caf\xc3\xa9" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = write_tmp(bad[i], 0600);
		assert_int_equal(waba_secret_load(&tok, p, "Graph API token", &waba_graph_token_rules, &loose), WABA_EINVAL);
		assert_null(tok);
		assert_null(strstr(waba_error_last(), TOKEN));
		unlink(p);
		free(p);
	}
	assert_int_equal(waba_secret_load(&tok, "/nonexistent/token", "Graph API token", &waba_graph_token_rules, &loose), WABA_ENOTFOUND);
	assert_int_equal(waba_secret_load(&tok, "/tmp", "Graph API token", &waba_graph_token_rules, &loose), WABA_EINVAL);
}

/* The one secret helper (src/core/secret.c): its character rules are a parameter; the
 * environment's copy is wiped and unset, accepted or not; nothing says the value. */
static void test_secret_rules_and_environment(void **state)
{
	(void)state;
	char *s = NULL;
	/* a verify token may hold spaces and non-ASCII, a bearer token may not */
	assert_int_equal(waba_secret_check("two words ç", "verify token", &waba_webhook_secret_rules), 0);
	assert_int_equal(waba_secret_check("two words", "Graph API token", &waba_graph_token_rules), WABA_EINVAL);
	assert_non_null(strstr(waba_error_last(), "one word"));
	assert_int_equal(waba_secret_check("a\x1b[2Kb", "verify token", &waba_webhook_secret_rules), WABA_EINVAL);
	assert_non_null(strstr(waba_error_last(), "position 2"));

	setenv("WABA_TEST_SECRET", TOKEN, 1);
	char *env = getenv("WABA_TEST_SECRET");
	size_t n = strlen(env);
	assert_int_equal(waba_secret_from_env(&s, "WABA_TEST_SECRET", "Graph API token", &waba_graph_token_rules), 0);
	assert_string_equal(s, TOKEN);
	assert_null(getenv("WABA_TEST_SECRET"));
	for (size_t i = 0; i < n; i++) /* glibc keeps the string setenv made: it must be zeroed */
		assert_int_equal(env[i], 0);
	waba_secret_free(s);

	setenv("WABA_TEST_SECRET", TOKEN " X-Evil: 1", 1);
	env = getenv("WABA_TEST_SECRET");
	assert_int_equal(waba_secret_from_env(&s, "WABA_TEST_SECRET", "Graph API token", &waba_graph_token_rules),
	                 WABA_EINVAL);
	assert_null(s);
	assert_null(getenv("WABA_TEST_SECRET"));
	assert_int_equal(env[0], 0);
	assert_null(strstr(waba_error_last(), TOKEN));
	assert_non_null(strstr(waba_error_last(), "WABA_TEST_SECRET"));
	assert_int_equal(waba_secret_from_env(&s, "WABA_TEST_SECRET", "x", &waba_graph_token_rules), 0);
	assert_null(s); /* unset: no secret, no error */
	waba_secret_free(NULL);
}

static void test_options_from_checklist(void **state)
{
	(void)state;
	struct waba_graph_options o;
	waba_graph_options_init(&o, test_checklist());
	assert_string_equal(o.base_url, WABA_GRAPH_URL_DEFAULT);
	assert_int_equal(o.max_attempts, waba_checklist_limit(test_checklist(), "graph.retry.max_attempts"));
	assert_int_equal(o.max_body_bytes, waba_checklist_limit(test_checklist(), "graph.response.max_bytes"));
	assert_true(o.timeout_s > 0 && o.connect_timeout_s > 0);
	/* every kind named in graph.error_codes has guidance in the three languages */
	const struct waba_set *set = waba_checklist_set(test_checklist(), "graph.error_codes");
	assert_non_null(set);
	for (size_t i = 0; i < set->len; i++) {
		char key[64];
		snprintf(key, sizeof(key), "graph.error.%s", waba_set_item_attr(&set->items[i], "kind"));
		for (const char *const *lang = (const char *const[]){ "pt", "es", "en", NULL }; *lang; lang++)
			if (!waba_checklist_text(test_checklist(), key, *lang))
				fail_msg("no text %s in %s", key, *lang);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_success_fields),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_url_rules),
		cmocka_unit_test(test_token_file),
		cmocka_unit_test(test_secret_rules_and_environment),
		cmocka_unit_test(test_options_from_checklist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
