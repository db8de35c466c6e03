/*
 * text_clean.c: text that came from outside, made safe to show: valid UTF-8, no
 * control characters (one line, nothing a terminal would obey), bounded length.
 * Used where every message passes (findings, items, cli_fail), so a check may quote
 * what the user gave without caring what it holds (issue #10, docs/security.md).
 */
#include <stdlib.h>
#include <string.h>
#include "waba/strbuf.h"
#include "waba/text.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define ELLIPSIS " \xE2\x80\xA6 "  /* " … " */

static int is_control(int32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

/* From i, the end of the run of ASCII bytes that stay as they are (no control
 * character when `controls`), eight bytes at a time; then at most 7 more to look at. */
static size_t plain_ascii_end(const char *s, size_t len, size_t i, int controls)
{
	while (len - i >= 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w & 0x8080808080808080ULL) || (controls && (waba_word_below(w, 0x20) | waba_word_has(w, 0x7f))))
			break;
		i += 8;
	}
	return i;
}

int waba_text_is_clean(const char *s, size_t len, int flags, size_t max)
{
	if (max && len > max)
		return 0;
	for (size_t i = 0; i < len;) {
		i = plain_ascii_end(s, len, i, flags & WABA_CLEAN_CONTROLS);
		if (i >= len)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((flags & WABA_CLEAN_CONTROLS) && (c < 0x20 || c == 0x7f))
				return 0;
			i++;
			continue;
		}
		int32_t cp;
		size_t n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp < 0 || ((flags & WABA_CLEAN_CONTROLS) && is_control(cp)))
			return 0;
		i += n;
	}
	return 1;
}

/* Append s[0..len) cleaned: the runs that stay as they are copied whole. */
static void clean_into(struct waba_strbuf *sb, const char *s, size_t len, int flags)
{
	int controls = flags & WABA_CLEAN_CONTROLS;
	size_t run = 0; /* where the run kept as is started */
	waba_strbuf_grow(sb, len);
	for (size_t i = 0; i < len;) {
		i = plain_ascii_end(s, len, i, controls);
		if (i >= len)
			break;
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c;
		size_t n = 1;
		if (c >= 0x80)
			n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0 && !(controls && is_control(cp))) {
			i += n;
			continue;
		}
		waba_strbuf_add(sb, s + run, i - run);
		if (cp >= 0 && (cp == '\t' || cp == '\n' || cp == '\r'))
			waba_strbuf_addc(sb, ' ');
		else
			waba_strbuf_adds(sb, REPLACEMENT);
		i += n;
		run = i;
	}
	waba_strbuf_add(sb, s + run, len - run);
}

/* Largest cut <= want that does not split a UTF-8 sequence of s (cleaned text). */
static size_t char_floor(const char *s, size_t want)
{
	while (want > 0 && ((unsigned char)s[want] & 0xC0) == 0x80)
		want--;
	return want;
}

char *waba_text_clean(const char *s, size_t len, int flags, size_t max)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	if (!s)
		return NULL;
	if (max && max < 16)
		max = 16;
	/* only the two ends survive elision: clean just those (a 20 MB input costs nothing) */
	if (max && len > 4 * max) {
		struct waba_strbuf head = WABA_STRBUF_INIT, tail = WABA_STRBUF_INIT;
		size_t t = len - max;
		while (t < len && ((unsigned char)s[t] & 0xC0) == 0x80)
			t++;
		clean_into(&head, s, char_floor(s, max), flags);
		clean_into(&tail, s + t, len - t, flags);
		/* the join falls inside the part elided below: each end is longer than `keep` */
		waba_strbuf_add(&sb, head.buf, head.len);
		waba_strbuf_add(&sb, tail.buf, tail.len);
		waba_strbuf_release(&head);
		waba_strbuf_release(&tail);
	} else {
		clean_into(&sb, s, len, flags);
	}
	if (max && sb.len > max) {
		/* keep the first and last (max - 5) / 2 bytes: the subject and what is said about it */
		size_t keep = (max - strlen(ELLIPSIS)) / 2;
		size_t head = char_floor(sb.buf, keep);
		size_t tail = sb.len - keep;
		while (tail < sb.len && ((unsigned char)sb.buf[tail] & 0xC0) == 0x80)
			tail++;
		struct waba_strbuf out = WABA_STRBUF_INIT;
		waba_strbuf_add(&out, sb.buf, head);
		waba_strbuf_adds(&out, ELLIPSIS);
		waba_strbuf_add(&out, sb.buf + tail, sb.len - tail);
		waba_strbuf_release(&sb);
		return waba_strbuf_detach(&out);
	}
	return waba_strbuf_detach(&sb);
}

char *waba_text_clean_owned(char *s, int flags, size_t max)
{
	if (!s || waba_text_is_clean(s, strlen(s), flags, max))
		return s;
	char *c = waba_text_clean(s, strlen(s), flags, max);
	free(s);
	return c;
}

/* Shown escaped by waba_text_escape_add(): C1 controls, bidirectional controls, separators. */
static int is_unsafe_unicode(int32_t cp)
{
	return (cp >= 0x80 && cp < 0xa0) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void waba_text_escape_add(struct waba_strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '\n')
				waba_strbuf_adds(sb, "\\n");
			else if (c == '\r')
				waba_strbuf_adds(sb, "\\r");
			else if (c == '\t')
				waba_strbuf_adds(sb, "\\t");
			else if (c < 0x20 || c == 0x7f)
				waba_strbuf_addf(sb, "\\x%02x", c);
			else
				waba_strbuf_addc(sb, (char)c);
			i++;
			continue;
		}
		int32_t cp;
		size_t n = waba_utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			for (size_t k = 0; k < n; k++)
				waba_strbuf_addf(sb, "\\x%02x", (unsigned char)s[i + k]);
		} else if (is_unsafe_unicode(cp)) {
			waba_strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		} else {
			waba_strbuf_add(sb, s + i, n);
		}
		i += n;
	}
}

char *waba_text_escape(const char *s)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	if (!s)
		return NULL;
	waba_text_escape_add(&sb, s, strlen(s));
	return waba_strbuf_detach(&sb);
}
