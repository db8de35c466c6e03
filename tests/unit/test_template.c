/* test_template.c: template parsing (positions), the placeholder scanner and the template.* rules. */
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/template.h"

/* Lint `text` as file `name`; the findings are returned in *fs (release them). */
static void lint(struct waba_findings *fs, const char *name, const char *text)
{
	struct waba_source src;
	struct waba_report r = WABA_REPORT_INIT;
	waba_source_from_mem(&src, name, text, strlen(text));
	assert_int_equal(waba_lint_source(&r, &src, test_checklist()), 0);
	*fs = r.findings;
	r.findings.v = NULL;
	r.findings.len = r.findings.cap = 0;
	waba_report_release(&r);
	/* findings keep their own copy of the file name */
	waba_source_release(&src);
}

/* The body as a draft with a front block giving language and category. */
static void lint_body(struct waba_findings *fs, const char *lang, const char *category, const char *body)
{
	char *text = waba_xasprintf("---\nname: t\nlanguage: %s\ncategory: %s\n---\n%s\n", lang, category, body);
	lint(fs, "t.txt", text);
	free(text);
}

static void expect_rule(const struct waba_findings *fs, const char *rule, const char *input)
{
	if (rule && test_find_rule(fs, rule) < 0)
		fail_msg("'%s': expected %s, got [%s]", input, rule, test_rule_list(fs));
	if (!rule && waba_findings_count(fs, WABA_SEV_WARNING) > 0)
		fail_msg("'%s': expected no error or warning, got [%s]", input, test_rule_list(fs));
}

static void test_variables(void **state)
{
	static const struct { const char *body; const char *rule; } rows[] = {
		{ "Hi {{1}}, your order {{2}} shipped today.", NULL },
		{ "Hi {{1}}, your order {{3}} shipped today.", "template.param.sequence" },
		{ "Hi {{2}}, your order {{1}} shipped today.", "template.param.sequence" },
		{ "Hi {{1}}, order {{2}} for {{1}} has shipped today from our store.", NULL }, /* a repeat is not a gap */
		{ "{{1}} starts the body of this message", "template.param.leading_trailing" },
		{ "The body of this message ends with {{1}}", "template.param.leading_trailing" },
		{ "Hi {{1}} {{2}}, your order shipped today.", "template.param.adjacent" },
		{ "Hi {{1}}-{{2}}, your order shipped today.", "template.param.adjacent" },
		{ "Hi {{ 1 }}, your order shipped today.", "template.param.syntax" },
		{ "Hi {{1}, your order shipped today.", "template.param.syntax" },
		{ "Hi {1}}, your order shipped today.", "template.param.syntax" },
		{ "Hi {{{1}}}, your order shipped today.", "template.param.syntax" },
		{ "Hi {{$1}}, your order shipped today.", "template.param.syntax" },
		{ "Hi {{first_name}}, your order shipped today.", "template.param.format" },
		{ "A {{1}} b {{2}} c {{3}} d.", "template.param.ratio" },
		{ "Use {curly} braces and {{1}} in your order today.", NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_findings fs;
		lint_body(&fs, "en_US", "UTILITY", rows[i].body);
		expect_rule(&fs, rows[i].rule, rows[i].body);
		waba_findings_release(&fs);
	}
}

static void test_formatting(void **state)
{
	static const struct { const char *body; const char *rule; } rows[] = {
		{ "Your order is *confirmed* and _ships_ ~today~.", NULL },
		{ "Your order is *confirmed and ships today.", "template.markdown.balanced" },
		{ "Your order is **confirmed** today.", "template.markdown.balanced" },
		{ "Your order ```is confirmed today.", "template.markdown.balanced" },
		{ "See https://shop.example.com/my_order_list for your order.", NULL },
		{ "Your payment of 5 * 3 items is confirmed.", NULL },
		{ "Your order shipped.\n\n\n\n\nThanks.", "template.body.newlines" },
		{ "Your order shipped.\n\nThanks.", NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_findings fs;
		lint_body(&fs, "en_US", "UTILITY", rows[i].body);
		expect_rule(&fs, rows[i].rule, rows[i].body);
		waba_findings_release(&fs);
	}
}

static void test_content(void **state)
{
	static const struct { const char *lang, *cat, *body, *rule; } rows[] = {
		/* promotional wording only matters in UTILITY and AUTHENTICATION */
		{ "pt_BR", "UTILITY", "Seu pedido foi enviado. Compre já com frete grátis!", "template.content.promotional" },
		{ "pt_BR", "UTILITY", "Seu pedido foi enviado. PROMOÇÕES na loja!", "template.content.promotional" },
		{ "pt_BR", "MARKETING", "Aproveite: compre já com frete grátis e 30% de desconto!", NULL },
		{ "es_AR", "UTILITY", "Su pedido fue enviado. Descuentos en su próxima compra.", "template.content.promotional" },
		{ "es_AR", "UTILITY", "Su pedido fue enviado. 30 % de descuento en la tienda.", "template.content.promotional" },
		{ "en_US", "UTILITY", "Your order shipped. Get 50% off today.", "template.content.promotional" },
		{ "en_US", "UTILITY", "Your order shipped; 50% of it arrives today.", NULL },
		/* whole words: "sale" inside "wholesale" and "descontado" are not terms */
		{ "en_US", "UTILITY", "Your wholesale order has shipped.", NULL },
		/* prohibited goods in every category, in the template's language */
		{ "pt_BR", "MARKETING", "Temos armas de fogo e munição para entrega.", "template.content.prohibited" },
		{ "es", "MARKETING", "Vendemos cigarrillos y vapeadores con envío.", "template.content.prohibited" },
		{ "en_US", "MARKETING", "Payday loans approved in one hour for you.", "template.content.prohibited" },
		{ "pt_BR", "UTILITY", "Informe seu CPF para concluir o pedido.", "template.content.sensitive_data" },
		{ "en_US", "UTILITY", "Reply with your card number to pay the order.", "template.content.sensitive_data" },
		{ "pt_BR", "UTILITY", "Seu pedido foi pago com o cartão final 1234.", NULL },
		{ "pt_BR", "UTILITY", "Seu código de verificação é {{1}} para esta conta.", "template.content.otp_outside_auth" },
		{ "pt_BR", "UTILITY", "Olá {{1}}, temos novidades para você hoje.", "template.category.utility_purpose" },
		{ "pt_BR", "UTILITY", "Acompanhe seu pedido em https://bit.ly/abc agora.", "template.url.shortener" },
		{ "pt_BR", "UTILITY", "Acompanhe seu pedido em http://loja.example.com agora.", "template.url.https" },
		{ "pt_BR", "UTILITY", "Acompanhe seu pedido em https://loja.example.com agora.", NULL },
		/* the declared language must match the text */
		{ "en_US", "UTILITY", "Olá, seu pedido foi enviado e chega amanhã. Obrigado!", "template.language.matches_content" },
		{ "es", "UTILITY", "Hi, your order has shipped and will arrive tomorrow. Thank you!", "template.language.matches_content" },
		{ "pt_BR", "UTILITY", "Olá, seu pedido foi enviado e chega amanhã. Obrigado!", NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_findings fs;
		lint_body(&fs, rows[i].lang, rows[i].cat, rows[i].body);
		expect_rule(&fs, rows[i].rule, rows[i].body);
		waba_findings_release(&fs);
	}
}

/* Limited-time offers, carousels, call-permission requests and kinds not checked yet. */
static void test_kinds(void **state)
{
#define LTO_HEAD "{\"name\": \"o\", \"language\": \"pt_BR\", \"category\": \"%s\", \"components\": [" \
	"{\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::a\"]}}," \
	"{\"type\": \"LIMITED_TIME_OFFER\", \"limited_time_offer\": {\"text\": \"%s\", \"has_expiration\": true}}," \
	"{\"type\": \"BODY\", \"text\": \"Use o cupom {{1}} e ganhe 20%% em toda a loja.\", \"example\": {\"body_text\": [[\"X20\"]]}}," \
	"{\"type\": \"BUTTONS\", \"buttons\": [%s{\"type\": \"URL\", \"text\": \"Ver\", \"url\": \"https://loja.example.com\"}]}]}"
#define CARD(fmt, buttons) "{\"components\": [{\"type\": \"HEADER\", \"format\": \"" fmt "\", " \
	"\"example\": {\"header_handle\": [\"4::a\"]}}, {\"type\": \"BUTTONS\", \"buttons\": [" buttons "]}]}"
#define QR "{\"type\": \"QUICK_REPLY\", \"text\": \"Quero\"}"
#define URLB "{\"type\": \"URL\", \"text\": \"Comprar\", \"url\": \"https://loja.example.com\"}"
#define CAROUSEL(cat, cards) "{\"name\": \"c\", \"language\": \"pt_BR\", \"category\": \"" cat "\", \"components\": [" \
	"{\"type\": \"BODY\", \"text\": \"Veja os tênis mais vendidos da semana na nossa loja.\"}," \
	"{\"type\": \"CAROUSEL\", \"cards\": [" cards "]}]}"
	static const struct { const char *json, *rule; } rows[] = {
		{ CAROUSEL("MARKETING", CARD("IMAGE", QR "," URLB) "," CARD("IMAGE", QR "," URLB)), NULL },
		{ CAROUSEL("UTILITY", CARD("IMAGE", QR) "," CARD("IMAGE", QR)), "template.carousel.category" },
		{ CAROUSEL("MARKETING", CARD("IMAGE", QR)), "template.carousel.cards" },
		{ CAROUSEL("MARKETING", CARD("IMAGE", QR) "," CARD("VIDEO", QR)), "template.carousel.card.same" },
		{ CAROUSEL("MARKETING", CARD("DOCUMENT", QR) "," CARD("DOCUMENT", QR)), "template.carousel.card.header" },
		{ CAROUSEL("MARKETING", CARD("IMAGE", QR "," QR "," URLB) "," CARD("IMAGE", QR "," QR "," URLB)),
		  "template.carousel.card.buttons" },
		{ "{\"name\": \"l\", \"language\": \"pt_BR\", \"category\": \"UTILITY\", \"components\": ["
		  "{\"type\": \"BODY\", \"text\": \"Podemos ligar para falar do seu pedido hoje?\"},"
		  "{\"type\": \"CALL_PERMISSION_REQUEST\"}]}", NULL },
		{ "{\"name\": \"k\", \"language\": \"pt_BR\", \"category\": \"MARKETING\", \"components\": ["
		  "{\"type\": \"BODY\", \"text\": \"Veja as novidades do nosso catálogo de primavera.\"},"
		  "{\"type\": \"BUTTONS\", \"buttons\": [{\"type\": \"MPM\", \"text\": \"Ver itens\"}]}]}", "template.kind.unchecked" },
		{ "{\"name\": \"k\", \"language\": \"pt_BR\", \"category\": \"MARKETING\", \"components\": ["
		  "{\"type\": \"BODY\", \"text\": \"Veja as novidades do nosso catálogo de primavera.\"},"
		  "{\"type\": \"BANNER\"}]}", "template.structure" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_findings fs;
		lint(&fs, "k.json", rows[i].json);
		expect_rule(&fs, rows[i].rule, rows[i].json);
		waba_findings_release(&fs);
	}
	static const struct { const char *cat, *text, *copy, *rule; } lto[] = {
		{ "MARKETING", "Oferta relâmpago", "{\"type\": \"COPY_CODE\", \"example\": \"X20\"},", NULL },
		{ "UTILITY", "Oferta relâmpago", "{\"type\": \"COPY_CODE\", \"example\": \"X20\"},", "template.lto.category" },
		{ "MARKETING", "Oferta relâmpago de inverno", "{\"type\": \"COPY_CODE\", \"example\": \"X20\"},", "template.lto.text" },
		{ "MARKETING", "Oferta relâmpago", "", "template.lto.buttons" },
	};
	for (size_t i = 0; i < sizeof(lto) / sizeof(lto[0]); i++) {
		struct waba_findings fs;
		char *json = waba_xasprintf(LTO_HEAD, lto[i].cat, lto[i].text, lto[i].copy);
		lint(&fs, "o.json", json);
		expect_rule(&fs, lto[i].rule, json);
		waba_findings_release(&fs);
		free(json);
	}
}

/* Locations point into the file as written: through \n, \" and \u escapes and multi-byte letters. */
static void test_positions(void **state)
{
	const char *json = "{\"name\": \"pos\", \"language\": \"pt_BR\", \"category\": \"UTILITY\",\n"
	                   " \"components\": [{\"type\": \"BODY\",\n"
	                   "  \"text\": \"Ol\\u00e1 \\\"Jos\\u00e9\\\"\\nção do pedido {{1}} e {{3}} já saiu.\",\n"
	                   "  \"example\": {\"body_text\": [[\"a\", \"b\"]]}}]}\n";
	struct waba_findings fs;
	(void)state;
	lint(&fs, "pos.json", json);
	int i = test_find_rule(&fs, "template.param.sequence");
	assert_true(i >= 0);
	/* line 3: `  "text": "Ol\u00e1 \"Jos\u00e9\"\nção do pedido {{1}} e {{3}}` */
	assert_int_equal(fs.v[i].loc.line, 3);
	assert_int_equal(fs.v[i].loc.column, 58);
	assert_int_equal(fs.v[i].loc.end_column, 63);
	waba_findings_release(&fs);

	const char *txt = "---\nname: posição\n---\nAção número um.\nSegunda linha com {{2}} aqui.\n";
	lint(&fs, "pos.txt", txt);
	i = test_find_rule(&fs, "template.param.sequence");
	assert_true(i >= 0);
	assert_int_equal(fs.v[i].loc.line, 5);
	assert_int_equal(fs.v[i].loc.column, 19);
	i = test_find_rule(&fs, "template.name.charset");
	assert_true(i >= 0);
	assert_int_equal(fs.v[i].loc.line, 2);
	assert_int_equal(fs.v[i].loc.column, 11); /* "name: posi" then the 'ç' */
	waba_findings_release(&fs);
}

static void test_vars_scanner(void **state)
{
	struct waba_tpl_var *v;
	const char *s = "a {{1}} b {{name}} c {{ 2 }} d {3}} e }} f";
	size_t n = waba_tpl_vars(s, strlen(s), &v);
	(void)state;
	assert_int_equal(n, 5);
	assert_int_equal(v[0].number, 1);
	assert_int_equal(v[0].start, 2);
	assert_int_equal(v[0].end, 7);
	assert_int_equal(v[1].number, -1);
	assert_int_equal(v[1].name_len, 4);
	assert_true(v[2].malformed);
	assert_true(v[3].malformed);
	assert_true(v[4].malformed);
	free(v);
}

static void test_suppressions(void **state)
{
	struct waba_findings fs;
	(void)state;
	lint(&fs, "s.txt", "---\n# waba-preflight disable=template.param.adjacent -- approved\n---\n"
	                   "Hello {{1}} {{2}}, your order shipped today.\n");
	assert_int_equal(test_count_rule(&fs, "template.param.adjacent"), 0);
	assert_int_equal(test_count_rule(&fs, "template.suppression"), 0);
	waba_findings_release(&fs);
	lint(&fs, "s.txt", "---\n# waba-preflight disable=template.param.adjacent\n---\n"
	                   "Hello {{1}} {{2}}, your order shipped today.\n");
	assert_int_equal(test_count_rule(&fs, "template.param.adjacent"), 0);
	int i = test_find_rule(&fs, "template.suppression");
	assert_true(i >= 0);
	assert_int_equal(fs.v[i].severity, WABA_SEV_WARNING);
	waba_findings_release(&fs);
}

static void test_hostile_input(void **state)
{
	struct waba_findings fs;
	(void)state;
	lint(&fs, "bad.txt", "Ol\xe1 {{1}}");
	assert_true(test_find_rule(&fs, "input.encoding") >= 0);
	waba_findings_release(&fs);
	size_t n = 200000;
	char *deep = malloc(2 * n + 1);
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	deep[2 * n] = '\0';
	lint(&fs, "deep.json", deep);
	assert_true(test_find_rule(&fs, "input.json.depth") >= 0);
	waba_findings_release(&fs);
	free(deep);
	/* a huge body of placeholders must stay fast (no quadratic scans) */
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	for (int k = 0; k < 100000; k++)
		waba_strbuf_adds(&sb, k % 2 ? "{{1}} *a_ " : "{{name}} _b* ");
	lint(&fs, "huge.txt", waba_strbuf_cstr(&sb));
	assert_true(test_find_rule(&fs, "template.body.length") >= 0);
	waba_findings_release(&fs);
	waba_strbuf_release(&sb);
	lint(&fs, "odd.json", "[1, \"x\", null, {\"components\": [1, {\"type\": 2}, {\"type\": \"BUTTONS\", \"buttons\": [3]}]}]");
	assert_true(test_find_rule(&fs, "template.structure") >= 0);
	waba_findings_release(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variables),   cmocka_unit_test(test_formatting),
		cmocka_unit_test(test_content),     cmocka_unit_test(test_positions),
		cmocka_unit_test(test_vars_scanner), cmocka_unit_test(test_suppressions),
		cmocka_unit_test(test_hostile_input), cmocka_unit_test(test_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
