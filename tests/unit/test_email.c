/* test_email.c: the MIME composer and the email.* checks. */
#include <string.h>
#include <stdlib.h>
#include "util.h"
#include "waba/email.h"
#include "waba/i18n.h"
#include "waba/status.h"

static const unsigned char PNG[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR binary \r\n\0\xff tail";

static struct waba_email sample(void)
{
	static struct waba_email_attachment att;
	struct waba_email m = { 0 };
	att.filename = "dir/foto perfil é.png";
	att.content_type = "image/png";
	att.data = PNG;
	att.len = sizeof(PNG) - 1;
	m.from.name = "Ana Souza";
	m.from.addr = "ana@example.com.br";
	m.to.addr = "servico@botmaker.com";
	m.subject = "Solicitação de ativação: Padaria São João";
	m.body = "Olá\n.\nFrom here\nlinha com espaço no fim \n";
	m.date = 1700000000;
	m.attachments = &att;
	m.nattachments = 1;
	return m;
}

/* Every line ends in CRLF, no bare CR or LF, no line over 998 octets; returns the longest. */
static size_t check_lines(const char *s, size_t len)
{
	size_t longest = 0, start = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			assert_true(i + 1 < len && s[i + 1] == '\n');
			if (i - start > longest)
				longest = i - start;
			start = i + 2;
			i++;
		} else {
			assert_int_not_equal(s[i], '\n');
		}
	}
	assert_int_equal(start, len); /* ends with CRLF */
	assert_true(longest <= 998);
	return longest;
}

static void test_compose_shape(void **state)
{
	(void)state;
	struct waba_strbuf out = WABA_STRBUF_INIT;
	struct waba_email m = sample();
	assert_int_equal(waba_email_compose(&out, &m), 0);
	const char *s = waba_strbuf_cstr(&out);
	assert_true(check_lines(s, out.len) <= 78);
	assert_non_null(strstr(s, "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"));
	assert_non_null(strstr(s, "\r\nMessage-ID: <1700000000."));
	assert_non_null(strstr(s, "@example.com.br>\r\n"));
	assert_non_null(strstr(s, "From: Ana Souza <ana@example.com.br>\r\n"));
	assert_non_null(strstr(s, "To: servico@botmaker.com\r\n"));
	assert_non_null(strstr(s, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(s, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(s, "Content-Type: multipart/mixed;"));
	assert_non_null(strstr(s, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"));
	/* QP: non-ASCII encoded, a lone dot and "From " at line start encoded, trailing space encoded */
	assert_non_null(strstr(s, "Ol=C3=A1\r\n=2E\r\n=46rom here\r\n"));
	assert_non_null(strstr(s, "no fim=20\r\n"));
	/* attachment: RFC 2231 file name (non-ASCII), base64 */
	assert_non_null(strstr(s, "filename*0*=UTF-8''foto%20perfil%20%C3%A9.png"));
	assert_non_null(strstr(s, "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo"));
	waba_strbuf_release(&out);
}

static void test_long_subject_folds(void **state)
{
	(void)state;
	struct waba_strbuf out = WABA_STRBUF_INIT;
	struct waba_email m = sample();
	char subject[5001];
	for (size_t i = 0; i < 1000; i++)
		memcpy(subject + 5 * i, "çç ", 5); /* "ç" is 2 bytes; words + spaces */
	subject[5000] = 0;
	m.subject = subject;
	m.from.name = "Ünïcødé Ñame, \"quoted\"";
	assert_int_equal(waba_email_compose(&out, &m), 0);
	assert_true(check_lines(out.buf, out.len) <= 78);
	waba_strbuf_release(&out);
}

/* Header injection: a value with CR/LF/control can never reach a header. */
static void test_injection_refused(void **state)
{
	(void)state;
	static const char *const evil[] = {
		"Ana\r\nBcc: victim@example.com", "Ana\nBcc: victim@example.com", "Ana\rBcc: x@y.z",
		"Ana\x0b", "Ana\x7f", "Ana\xc2\x85" /* U+0085 NEL */, "Ana\xff",
	};
	for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		struct waba_strbuf out = WABA_STRBUF_INIT;
		struct waba_email m = sample();
		m.from.name = evil[i];
		assert_int_equal(waba_email_compose(&out, &m), WABA_EINVAL);
		assert_int_equal(out.len, 0);
		m = sample();
		m.subject = evil[i];
		assert_int_equal(waba_email_compose(&out, &m), WABA_EINVAL);
		m = sample();
		m.attachments = &(struct waba_email_attachment){ evil[i], "image/png", PNG, 4 };
		assert_int_equal(waba_email_compose(&out, &m), WABA_EINVAL);
		assert_int_equal(out.len, 0);
	}
	struct waba_strbuf out = WABA_STRBUF_INIT;
	struct waba_email m = sample();
	m.to.addr = "servico@botmaker.com\r\nBcc: victim@example.com";
	assert_int_equal(waba_email_compose(&out, &m), WABA_EINVAL);
	m = sample();
	m.from.addr = "ana@example.com>, evil@example.com";
	assert_int_equal(waba_email_compose(&out, &m), WABA_EINVAL);
	assert_int_equal(out.len, 0);
}

static void test_addr_valid(void **state)
{
	(void)state;
	static const struct { const char *a; int ok; } rows[] = {
		{ "ana@example.com", 1 }, { "ana.souza+waba@sub.example.com.br", 1 }, { "a@b.co", 1 },
		{ "ana@@example.com", 0 }, { "ana@example", 0 }, { "@example.com", 0 }, { "ana@", 0 },
		{ "ana souza@example.com", 0 }, { ".ana@example.com", 0 }, { "ana.@example.com", 0 },
		{ "a..b@example.com", 0 }, { "ana@-example.com", 0 }, { "ana@example-.com", 0 },
		{ "ana@exa mple.com", 0 }, { "añа@example.com", 0 }, { "Ana <ana@example.com>", 0 },
		{ "ana@example.com\n", 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (waba_email_addr_valid(rows[i].a) != rows[i].ok)
			fail_msg("waba_email_addr_valid(\"%s\") != %d", rows[i].a, rows[i].ok);
}

static struct waba_email_request full_request(void)
{
	static struct waba_email_phone phone = { { "+55 11 3456-7890", { 0 } }, "+551134567890", "fixed_line",
	                                         { "production", { 0 } } };
	static struct waba_email_field site = { "https://example.com.br", { 0 } };
	struct waba_email_request r = { 0 };
	r.business_id.value = "175601379772329";
	r.phones = &phone;
	r.nphones = 1;
	r.display_name.value = "Padaria São João";
	r.about.value = "Pães frescos";
	r.address.value = "Rua A, 1\nSão Paulo";
	r.description.value = "Padaria";
	r.category.value = "Food & Grocery";
	r.email.value = "contato@example.com.br";
	r.websites = &site;
	r.nwebsites = 1;
	r.photo_path.value = "logo.png";
	r.photo = PNG;
	r.photo_len = sizeof(PNG) - 1;
	r.contact_name.value = "Ana Souza";
	r.contact_email.value = "ana@example.com.br";
	r.to.value = "servico@botmaker.com";
	return r;
}

static void test_check_clean_and_missing(void **state)
{
	(void)state;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_email_request r = full_request();
	waba_check_email(&r, test_checklist(), &fs);
	assert_int_equal(fs.len, 0);
	r.business_id.value = NULL;
	r.nphones = 0;
	r.photo_path.value = "  ";
	r.about.value = NULL;
	waba_check_email(&r, test_checklist(), &fs);
	assert_int_equal(test_count_rule(&fs, "email.content.missing"), 3);
	assert_int_equal(test_count_rule(&fs, "email.profile.incomplete"), 1);
	waba_findings_release(&fs);
	/* from an application file: absent required fields are the parser's
	 * (input.application.missing); only the blank photo is ours */
	r.from_application = 1;
	waba_check_email(&r, test_checklist(), &fs);
	assert_int_equal(test_count_rule(&fs, "email.content.missing"), 1);
	assert_non_null(strstr(fs.v[test_find_rule(&fs, "email.content.missing")].message, "'photo' is missing"));
	/* ... and the profile family reports the missing about text (profile.about.length) */
	assert_int_equal(test_count_rule(&fs, "email.profile.incomplete"), 0);
	waba_findings_release(&fs);
	/* neither e-mail nor website is profile.contact.missing; one of them missing is ours */
	r = full_request();
	r.from_application = 1;
	r.email.value = NULL;
	r.nwebsites = 0;
	waba_check_email(&r, test_checklist(), &fs);
	assert_int_equal(test_count_rule(&fs, "email.profile.incomplete"), 0);
	r.nwebsites = 1;
	waba_check_email(&r, test_checklist(), &fs);
	assert_int_equal(test_count_rule(&fs, "email.profile.incomplete"), 1);
	assert_non_null(strstr(fs.v[test_find_rule(&fs, "email.profile.incomplete")].message, "'profile.email'"));
	waba_findings_release(&fs);
}

static void test_check_injection_and_address(void **state)
{
	(void)state;
	struct waba_findings fs = WABA_FINDINGS_INIT;
	struct waba_email_request r = full_request();
	r.contact_name.value = "Ana\r\nBcc: victim@example.com";
	r.description.value = "line one\nline two\ttab"; /* fine in the body */
	r.about.value = "bell\a";                         /* not fine anywhere */
	r.to.value = "not-an-address";
	waba_check_email(&r, test_checklist(), &fs);
	assert_int_equal(test_count_rule(&fs, "email.value.control"), 2);
	assert_int_equal(test_count_rule(&fs, "email.address.invalid"), 1);
	int i = test_find_rule(&fs, "email.value.control");
	assert_non_null(strstr(fs.v[i].message, "contact.name"));
	assert_non_null(strstr(fs.v[i].message, "U+000D"));
	waba_findings_release(&fs);
}

static void test_request_compose(void **state)
{
	(void)state;
	struct waba_strbuf out = WABA_STRBUF_INIT;
	struct waba_email_request r = full_request();
	char *body = waba_email_request_body(&r, test_checklist());
	assert_non_null(strstr(body, "175601379772329"));
	/* the phone family's label for the type, in the body's language */
	assert_non_null(strstr(body, "+551134567890 (a landline); purpose: production"));
	assert_non_null(strstr(body, "Rua A, 1\n      São Paulo"));
	assert_non_null(strstr(body, "attached (logo.png, "));
	free(body);
	/* a type without a label in the checklist is shown as it is spelt */
	struct waba_email_phone odd = r.phones[0];
	odd.type = "satellite";
	r.phones = &odd;
	body = waba_email_request_body(&r, test_checklist());
	assert_non_null(strstr(body, "+551134567890 (type: satellite); purpose: production"));
	free(body);
	r = full_request();
	assert_int_equal(waba_email_request_compose(&out, &r, test_checklist(), 0), 0);
	assert_non_null(strstr(out.buf, "filename=\"logo.png\""));
	assert_non_null(strstr(out.buf, "Content-Type: image/png\r\n"));
	waba_strbuf_release(&out);
}

#define ATTENTION_ONE "ATTENTION: %zu item is still open; this request was sent before it was solved:"
#define ATTENTION_MANY "ATTENTION: %zu items are still open; this request was sent before they were solved:"

struct body_in { const struct waba_email_request *req; char *body; };

static int render_body(void *p)
{
	struct body_in *b = p;
	b->body = waba_email_request_body(b->req, test_checklist());
	return 0;
}

static int nested_es(void *p)
{
	(void)p;
	return strcmp(waba_i18n_lang(), "es") == 0 && strcmp(_("Hello, Botmaker team,"), "Hola, equipo de Botmaker:") == 0
	               ? 7 : -2;
}

static int plurals_pt(void *p)
{
	(void)p;
	assert_string_equal(waba_i18n_lang(), "pt");
	assert_non_null(strstr(waba_ngettext(ATTENTION_ONE, ATTENTION_MANY, 1), "item ainda"));
	assert_non_null(strstr(waba_ngettext(ATTENTION_ONE, ATTENTION_MANY, 2), "itens ainda"));
	assert_non_null(strstr(waba_ngettext(ATTENTION_ONE, ATTENTION_MANY, 0), "itens ainda"));
	/* not in the catalogue: the English text */
	assert_string_equal(_("a message nobody translated"), "a message nobody translated");
	assert_int_equal(waba_i18n_render_in("es", nested_es, NULL), 7); /* calls nest */
	assert_string_equal(waba_i18n_lang(), "pt");
	return 3;
}

/* A request rendered in another language leaves the process's language as it was. */
static void test_request_language(void **state)
{
	(void)state;
	struct waba_strbuf out = WABA_STRBUF_INIT;
	struct waba_email_request r = full_request();
	struct body_in b = { &r, NULL };
	assert_int_equal(waba_i18n_init("en"), 0);
	assert_int_equal(waba_i18n_render_in("es", render_body, &b), 0);
	assert_non_null(strstr(b.body, "Hola, equipo de Botmaker:"));
	free(b.body);
	assert_string_equal(waba_i18n_lang(), "en");
	assert_string_equal(_("Hello, Botmaker team,"), "Hello, Botmaker team,");
	assert_int_equal(waba_i18n_render_in("pt", plurals_pt, NULL), 3);
	assert_int_equal(waba_i18n_render_in("xx", plurals_pt, NULL), -1); /* not run */
	r.lang = "pt";
	assert_int_equal(waba_email_request_compose(&out, &r, test_checklist(), 0), 0);
	assert_string_equal(waba_i18n_lang(), "en");
	waba_strbuf_release(&out);
	r.lang = "xx";
	assert_true(waba_email_request_compose(&out, &r, test_checklist(), 0) < 0);
	assert_non_null(strstr(waba_error_last(), "'xx'"));
	waba_strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compose_shape),
		cmocka_unit_test(test_long_subject_folds),
		cmocka_unit_test(test_injection_refused),
		cmocka_unit_test(test_addr_valid),
		cmocka_unit_test(test_check_clean_and_missing),
		cmocka_unit_test(test_check_injection_and_address),
		cmocka_unit_test(test_request_compose),
		cmocka_unit_test(test_request_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
