/*
 * email_message.c: a small RFC 5322 / MIME writer (RFC 2045-2047, 2231).
 *
 * Shape: headers, then multipart/mixed with one text/plain; charset=UTF-8 part in
 * quoted-printable and each attachment in base64. Every line ends in CRLF; header
 * lines are folded to stay under 78 octets, QP and base64 lines are at most 76, so
 * no line reaches RFC 5322's hard limit of 998. The boundary starts with "=_", which
 * neither quoted-printable nor base64 output can contain.
 *
 * Header values are refused when they hold a control character (CR and LF above
 * all): a value can never start a header of its own. The checks on values and
 * addresses (waba_email_header_unsafe, waba_email_addr_valid) are in core/email_addr.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "waba/email.h"
#include "waba/status.h"
#include "waba/text.h"
#include "waba/waba.h"

#define LINE_SOFT 76 /* target width of header lines */

/* ---- encoders ------------------------------------------------------------------ */

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_chunk(struct waba_strbuf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		waba_strbuf_addc(out, B64[(v >> 18) & 63]);
		waba_strbuf_addc(out, B64[(v >> 12) & 63]);
		waba_strbuf_addc(out, i + 1 < n ? B64[(v >> 6) & 63] : '=');
		waba_strbuf_addc(out, i + 2 < n ? B64[v & 63] : '=');
	}
}

/* base64 body: 57 bytes -> 76 characters per line */
static void b64_body(struct waba_strbuf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 57) {
		b64_chunk(out, p + i, n - i < 57 ? n - i : 57);
		waba_strbuf_add(out, "\r\n", 2);
	}
}

static void qp_byte(struct waba_strbuf *out, unsigned char c)
{
	waba_strbuf_addf(out, "=%02X", c);
}

/* Quoted-printable (RFC 2045 6.7): lines of at most 76 characters, CRLF line ends. */
static void qp_body(struct waba_strbuf *out, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\r\n"), col = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			int last = i + 1 == n;
			int literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
			if (col == 0 && c == '.')
				literal = 0; /* a lone "." line ends SMTP DATA in careless relays */
			if (col == 0 && n - i >= 5 && strncmp(s + i, "From ", 5) == 0)
				literal = 0; /* mbox "From " lines */
			size_t w = literal ? 1 : 3;
			if (col + w > (last ? 76 : 75)) {
				waba_strbuf_add(out, "=\r\n", 3);
				col = 0;
				if (c == '.')
					literal = 0, w = 3;
			}
			if (literal)
				waba_strbuf_addc(out, (char)c);
			else
				qp_byte(out, c);
			col += w;
		}
		waba_strbuf_add(out, "\r\n", 2);
		s += n;
		if (*s == '\r' && s[1] == '\n')
			s += 2;
		else if (*s)
			s++;
	}
}

/* ---- headers -------------------------------------------------------------------- */

struct hdr {
	struct waba_strbuf *out;
	size_t col; /* column on the current header line */
};

static void hdr_start(struct hdr *h, const char *name)
{
	waba_strbuf_adds(h->out, name);
	waba_strbuf_add(h->out, ":", 1);
	h->col = strlen(name) + 1;
}

/* Append a token preceded by a space, folding first when the line would grow too long. */
static void hdr_token(struct hdr *h, const char *tok, size_t n)
{
	if (h->col + 1 + n > LINE_SOFT && h->col > 1) {
		waba_strbuf_add(h->out, "\r\n", 2);
		h->col = 0;
	}
	waba_strbuf_addc(h->out, ' ');
	waba_strbuf_add(h->out, tok, n);
	h->col += 1 + n;
}

static void hdr_end(struct hdr *h)
{
	waba_strbuf_add(h->out, "\r\n", 2);
}

static int needs_encoding(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80)
			return 1;
	return strstr(s, "=?") != NULL;
}

/* RFC 2047 B encoded words, never splitting a UTF-8 character; 36 bytes -> 60-char words. */
static void hdr_encoded_words(struct hdr *h, const char *s)
{
	size_t len = strlen(s);
	struct waba_strbuf w = WABA_STRBUF_INIT;
	for (size_t i = 0; i < len;) {
		size_t n = len - i < 36 ? len - i : 36;
		while (i + n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		waba_strbuf_reset(&w);
		waba_strbuf_adds(&w, "=?UTF-8?B?");
		b64_chunk(&w, (const unsigned char *)s + i, n);
		waba_strbuf_adds(&w, "?=");
		hdr_token(h, w.buf, w.len);
		i += n;
	}
	waba_strbuf_release(&w);
}

/* Longest run of bytes without a space or tab. */
static size_t longest_word(const char *s)
{
	size_t best = 0;
	while (*s) {
		s += strspn(s, " \t");
		size_t n = strcspn(s, " \t");
		if (n > best)
			best = n;
		s += n;
	}
	return best;
}

/* Unstructured text (Subject): words as they are when ASCII, else encoded words.
 * A word too long for one line (RFC 5322's 998 octets) is encoded too: encoded
 * words can be folded, a plain word cannot (found by tests/fuzz/fuzz_email_mime.c). */
static void hdr_text(struct hdr *h, const char *s)
{
	if (needs_encoding(s) || longest_word(s) > 900) {
		hdr_encoded_words(h, s);
		return;
	}
	while (*s) {
		size_t sp = strspn(s, " \t");
		s += sp;
		size_t n = strcspn(s, " \t");
		if (n > 0)
			hdr_token(h, s, n);
		s += n;
	}
}

static int phrase_is_atoms(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!waba_email_atext((unsigned char)*p) && *p != ' ')
			return 0;
	return *s != '\0';
}

static void hdr_address(struct hdr *h, const struct waba_email_address *a)
{
	if (a->name && *a->name) {
		if (needs_encoding(a->name)) {
			hdr_encoded_words(h, a->name);
		} else if (phrase_is_atoms(a->name)) {
			hdr_text(h, a->name);
		} else {
			struct waba_strbuf q = WABA_STRBUF_INIT;
			waba_strbuf_addc(&q, '"');
			for (const char *p = a->name; *p; p++) {
				if (*p == '"' || *p == '\\')
					waba_strbuf_addc(&q, '\\');
				waba_strbuf_addc(&q, *p);
			}
			waba_strbuf_addc(&q, '"');
			if (q.len + h->col < 900) /* a quoted string cannot be folded inside */
				hdr_token(h, q.buf, q.len);
			else
				hdr_encoded_words(h, a->name);
			waba_strbuf_release(&q);
		}
		char *angle = waba_xasprintf("<%s>", a->addr);
		hdr_token(h, angle, strlen(angle));
		free(angle);
	} else {
		hdr_token(h, a->addr, strlen(a->addr));
	}
}

static int check_value(const char *what, const char *s)
{
	size_t bad;
	if (s && (bad = waba_email_header_unsafe(s, strlen(s))) != 0)
		return waba_error_set(WABA_EINVAL,
		                      _("the %s contains a control character or invalid UTF-8 at byte %zu; "
		                        "it cannot go into a header"),
		                      _(what), bad - 1);
	return 0;
}

static int check_address(const char *what, const struct waba_email_address *a)
{
	int err;
	if ((err = check_value(what, a->name)) < 0)
		return err;
	if (!waba_email_addr_valid(a->addr))
		return waba_error_set(WABA_EINVAL, _("the %s address '%s' is not a valid e-mail address"), _(what),
		                      a->addr && !waba_email_header_unsafe(a->addr, strlen(a->addr)) ? a->addr : "?");
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static void date_header(struct waba_strbuf *out, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	gmtime_r(&t, &tm);
	waba_strbuf_addf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
	                 months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void random_hex(char *out, size_t nbytes)
{
	unsigned char r[32];
	if (nbytes > sizeof(r))
		nbytes = sizeof(r);
	if (getentropy(r, nbytes) != 0) {
		/* no entropy source: time and pid still make the value unique enough */
		uint64_t x = (uint64_t)time(NULL) * 6364136223846793005ULL ^ (uint64_t)getpid();
		for (size_t i = 0; i < nbytes; i++, x = x * 6364136223846793005ULL + 1442695040888963407ULL)
			r[i] = (unsigned char)(x >> 56);
	}
	for (size_t i = 0; i < nbytes; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* filename parameter: quoted when short plain ASCII, else RFC 2231 continuations. */
static void disposition_header(struct waba_strbuf *out, const char *name)
{
	int plain = strlen(name) <= 60 && !needs_encoding(name);
	for (const char *p = name; plain && *p; p++)
		if (*p == '"' || *p == '\\')
			plain = 0;
	if (plain) {
		waba_strbuf_addf(out, "Content-Disposition: attachment; filename=\"%s\"\r\n", name);
		return;
	}
	waba_strbuf_adds(out, "Content-Disposition: attachment");
	struct waba_strbuf seg = WABA_STRBUF_INIT;
	unsigned part = 0;
	waba_strbuf_adds(&seg, "UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name;; p++) {
		if (*p && (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || (*p >= '0' && *p <= '9') ||
		           strchr("!#$&+-.^_`|~", *p)))
			waba_strbuf_addc(&seg, (char)*p);
		else if (*p)
			waba_strbuf_addf(&seg, "%%%02X", *p);
		if (!*p || seg.len >= 50) {
			waba_strbuf_addf(out, ";\r\n filename*%u*=%s", part++, waba_strbuf_cstr(&seg));
			waba_strbuf_reset(&seg);
		}
		if (!*p)
			break;
	}
	waba_strbuf_release(&seg);
	waba_strbuf_add(out, "\r\n", 2);
}

int waba_email_compose(struct waba_strbuf *out, const struct waba_email *msg)
{
	struct waba_strbuf m = WABA_STRBUF_INIT;
	struct hdr h = { &m, 0 };
	char boundary[48], id[33];
	int err;

	if ((err = check_address(N_("sender"), &msg->from)) < 0 || (err = check_address(N_("recipient"), &msg->to)) < 0 ||
	    (msg->reply_to && (err = check_address(N_("reply-to"), msg->reply_to)) < 0) ||
	    (err = check_value(N_("subject"), msg->subject)) < 0)
		return err;
	for (size_t i = 0; i < msg->nattachments; i++)
		if ((err = check_value(N_("attachment name"), msg->attachments[i].filename)) < 0 ||
		    (err = check_value(N_("attachment type"), msg->attachments[i].content_type)) < 0)
			return err;

	date_header(&m, msg->date);
	random_hex(id, 16);
	const char *domain = strrchr(msg->from.addr, '@') + 1;
	waba_strbuf_addf(&m, "Message-ID: <%lld.%s@%s>\r\n", (long long)msg->date, id, domain);
	hdr_start(&h, "From");
	hdr_address(&h, &msg->from);
	hdr_end(&h);
	hdr_start(&h, "To");
	hdr_address(&h, &msg->to);
	hdr_end(&h);
	if (msg->reply_to) {
		hdr_start(&h, "Reply-To");
		hdr_address(&h, msg->reply_to);
		hdr_end(&h);
	}
	hdr_start(&h, "Subject");
	hdr_text(&h, msg->subject ? msg->subject : "");
	hdr_end(&h);
	waba_strbuf_addf(&m, "User-Agent: waba-preflight/%s\r\n", waba_version());
	waba_strbuf_adds(&m, "MIME-Version: 1.0\r\n");
	random_hex(id, 12);
	snprintf(boundary, sizeof(boundary), "=_waba_%s", id);
	waba_strbuf_addf(&m, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", boundary);
	waba_strbuf_adds(&m, "This is a MIME message.\r\n");

	waba_strbuf_addf(&m, "\r\n--%s\r\n", boundary);
	waba_strbuf_adds(&m,
	                 "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
	qp_body(&m, msg->body ? msg->body : "");
	for (size_t i = 0; i < msg->nattachments; i++) {
		const struct waba_email_attachment *a = &msg->attachments[i];
		const char *name = base_name(a->filename);
		waba_strbuf_addf(&m, "\r\n--%s\r\n", boundary);
		waba_strbuf_addf(&m, "Content-Type: %s\r\n", a->content_type);
		disposition_header(&m, name);
		waba_strbuf_adds(&m, "Content-Transfer-Encoding: base64\r\n\r\n");
		b64_body(&m, a->data, a->len);
	}
	waba_strbuf_addf(&m, "\r\n--%s--\r\n", boundary);
	waba_strbuf_add(out, m.buf, m.len);
	waba_strbuf_release(&m);
	return 0;
}
