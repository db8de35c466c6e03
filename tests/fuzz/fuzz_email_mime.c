/*
 * fuzz_email_mime.c: MIME assembly of hostile values (src/compose/email_message.c).
 *
 * Input: fields separated by 0x1f: from name, from address, to name, to address,
 * subject, attachment file name, body; the attachment's bytes are the whole input.
 * Properties checked on every message the composer accepts:
 *  - every line ends in CRLF, no bare CR or LF, no line over 998 octets (RFC 5322 2.1.1);
 *  - the header block holds only the headers the composer writes (a value never
 *    starts a header of its own: no injection), and continuation lines start with a space;
 *  - no NUL byte.
 * A refused message must leave the output untouched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/email.h"

static const char *const known_headers[] = {
	"Date:", "Message-ID:", "From:", "To:", "Reply-To:", "Subject:", "User-Agent:",
	"MIME-Version:", "Content-Type:", NULL
};

static int known_header(const char *line, size_t n)
{
	for (const char *const *h = known_headers; *h; h++)
		if (n >= strlen(*h) && memcmp(line, *h, strlen(*h)) == 0)
			return 1;
	return 0;
}

static void check_message(const char *m, size_t len)
{
	int in_headers = 1;
	size_t i = 0;
	FUZZ_ASSERT(memchr(m, '\0', len) == NULL, "NUL byte in the message");
	while (i < len) {
		const char *nl = memchr(m + i, '\n', len - i);
		FUZZ_ASSERT(nl != NULL, "the message does not end in CRLF");
		size_t end = (size_t)(nl - m);
		FUZZ_ASSERT(end > 0 && m[end - 1] == '\r', "bare LF at byte %zu", end);
		size_t n = end - 1 - i; /* line length without CRLF */
		FUZZ_ASSERT(memchr(m + i, '\r', n) == NULL, "bare CR in line at byte %zu", i);
		FUZZ_ASSERT(n <= 998, "line of %zu octets at byte %zu", n, i);
		if (in_headers) {
			if (n == 0)
				in_headers = 0;
			else
				FUZZ_ASSERT(m[i] == ' ' || known_header(m + i, n),
				            "unexpected header line at byte %zu: %.40s", i, m + i);
		}
		i = end + 1;
	}
	FUZZ_ASSERT(!in_headers, "no blank line after the headers");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *f[7];
	if (size > 256 * 1024)
		return 0;
	fuzz_split(f, 7, data, size, 0x1f);
	struct waba_email_attachment att = { f[5], "image/png", data, size };
	struct waba_email_address reply = { f[0], f[1] };
	struct waba_email msg = {
		{ f[0][0] ? f[0] : NULL, f[1] }, { f[2][0] ? f[2] : NULL, f[3] },
		size > 0 && (data[0] & 1) ? &reply : NULL,
		f[4], f[6], (time_t)1767225600, &att, f[5][0] ? 1 : 0
	};
	struct waba_strbuf out = WABA_STRBUF_INIT;
	waba_strbuf_adds(&out, "x");
	if (waba_email_compose(&out, &msg) == 0)
		check_message(out.buf + 1, out.len - 1);
	else
		FUZZ_ASSERT(out.len == 1, "a refused message left %zu bytes", out.len - 1);
	/* the safety predicates on every field, and the address check */
	for (size_t i = 0; i < 7; i++) {
		size_t bad = waba_email_header_unsafe(f[i], strlen(f[i]));
		FUZZ_ASSERT(bad <= strlen(f[i]), "unsafe offset past the end");
		(void)waba_email_body_unsafe(f[i], strlen(f[i]));
		(void)waba_email_addr_valid(f[i]);
	}
	int loopback = 0;
	(void)waba_smtp_url_check(f[6], &loopback);
	(void)waba_email_sniff_type(data, size);
	waba_strbuf_release(&out);
	fuzz_fields_free(f, 7);
	return 0;
}
