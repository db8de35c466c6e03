/*
 * email_addr.c: is a value safe in a header or a body, is an address an addr-spec we
 * can send to. Used by the e-mail checks (checks/check_email.c) and by the message
 * writer (compose/email_message.c), so it sits below both.
 */
#include <string.h>
#include "waba/email.h"
#include "waba/text.h"

static size_t unsafe(const char *s, size_t len, int body)
{
	size_t bad;
	if (!waba_utf8_valid(s, len, &bad))
		return bad + 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7f)
			return i + 1;
		if (c < 0x20 && !(body && (c == '\t' || c == '\n' || c == '\r')))
			return i + 1;
		/* C1 controls U+0080..U+009F (UTF-8 C2 80..C2 9F) */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0)
			return i + 1;
	}
	return 0;
}

size_t waba_email_header_unsafe(const char *s, size_t len)
{
	return unsafe(s, len, 0);
}

size_t waba_email_body_unsafe(const char *s, size_t len)
{
	return unsafe(s, len, 1);
}

int waba_email_atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

int waba_email_addr_valid(const char *addr)
{
	const char *at;
	if (!addr || !(at = strrchr(addr, '@')) || at == addr || !at[1] || strlen(addr) > 254)
		return 0;
	/* local part: dot-atom */
	for (const char *p = addr; p < at; p++)
		if (!(waba_email_atext((unsigned char)*p) || (*p == '.' && p != addr && p[1] != '.' && p + 1 != at)))
			return 0;
	/* domain: labels of letters, digits and hyphens */
	size_t label = 0;
	int dots = 0;
	for (const char *p = at + 1; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			label = 0;
			dots++;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		           (c == '-' && label > 0)) {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label > 0 && dots > 0;
}
