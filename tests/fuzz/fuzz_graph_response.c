/*
 * fuzz_graph_response.c: what the Graph API sends back (src/net/graph_api.c):
 * waba_graph_classify over a hostile body and HTTP status, and the rate-limit headers
 * (Retry-After, X-Business-Use-Case-Usage). Properties: the token never appears in
 * anything kept from the answer; a success has a status name of [a-z_]; a retry
 * wait is never negative except -1.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/graph.h"

#define TOKEN "EAAGfuzzTOKEN0123456789"

static void no_token(const char *s, const char *what)
{
	FUZZ_ASSERT(!s || !strstr(s, TOKEN), "the token leaked into %s", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 400, 401, 403, 404, 429, 500, 502, 503, 0, 302, 999 };
	struct waba_graph_result res;
	if (size > FUZZ_MAX_INPUT || size < 1)
		return 0;
	memset(&res, 0, sizeof(res));
	res.retry_after_s = -1;
	long status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	(void)waba_graph_classify(&res, status, (const char *)data + 1, size - 1, fuzz_checklist(), TOKEN);
	no_token(res.detail, "the detail");
	no_token(res.id, "the id");
	no_token(res.name, "the name");
	if (res.fail == WABA_GRAPH_OK) {
		FUZZ_ASSERT(res.verification_status && *res.verification_status, "success without a status");
		for (const char *p = res.verification_status; *p; p++)
			FUZZ_ASSERT((*p >= 'a' && *p <= 'z') || *p == '_', "status holds '%c'", *p);
	}
	(void)waba_graph_fail_name(res.fail);
	waba_graph_result_release(&res);

	/* the same bytes as the two rate-limit headers, split at the first NUL */
	char *f[2];
	fuzz_split(f, 2, data + 1, size - 1, 0);
	long wait = waba_graph_retry_after(f[0], f[1]);
	FUZZ_ASSERT(wait >= -1, "retry wait %ld", wait);
	(void)waba_graph_url_check(f[0]);
	fuzz_fields_free(f, 2);
	return 0;
}
