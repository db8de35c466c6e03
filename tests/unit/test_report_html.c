/*
 * test_report_html.c: the HTML report (--format html) of real inputs parsed back with
 * libxml2's HTML parser: well-formed (no parser error or warning), strict CSP, nothing
 * active (no script, no event attribute, no foreign element, links only to the page or
 * the rule docs), hostile template texts shown as text, WhatsApp formatting and samples
 * rendered, every finding anchored to a part whose span holds its line:col, the profile
 * card with the photo embedded and the readiness checklist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include "util.h"
#include "waba/check_application.h"
#include "waba/template.h"

static int parse_errors;

static void count_error(void *ctx, const xmlError *e)
{
	(void)ctx;
	fprintf(stderr, "libxml2: line %d: %s", e->line, e->message);
	parse_errors++;
}

struct page {
	char *html;
	htmlDocPtr doc;
	xmlXPathContextPtr xp;
	struct waba_report r;
};

static char *render(const struct waba_report *r)
{
	const struct waba_reporter *rep = waba_reporter_find("html");
	const struct waba_report_options o = { 0, 0, 0, NULL, "en", NULL, NULL };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(rep);
	assert_true(rep->views);
	assert_int_equal(rep->write(out, r, &o), 0);
	assert_int_equal(fclose(out), 0);
	return buf;
}

/* Parse the page back: no error and no warning from libxml2's HTML parser. */
static void parse(struct page *pg)
{
	parse_errors = 0;
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)count_error);
	pg->doc = htmlReadMemory(pg->html, (int)strlen(pg->html), "report.html", "UTF-8", HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	assert_non_null(pg->doc);
	assert_int_equal(parse_errors, 0);
	pg->xp = xmlXPathNewContext(pg->doc);
}

static void lint_page(struct page *pg, const char *const *files)
{
	struct waba_report r = WABA_REPORT_INIT;
	memset(pg, 0, sizeof(*pg));
	r.command = "lint";
	r.views = 1;
	for (size_t i = 0; files[i]; i++) {
		struct waba_source src = WABA_SOURCE_INIT;
		char path[512];
		snprintf(path, sizeof(path), "%s/html/inputs/%s", WABA_TEST_DATA, files[i]);
		assert_int_equal(waba_source_read(&src, path, WABA_SOURCE_MAX), 0);
		waba_lint_source(&r, &src, test_checklist());
		waba_source_release(&src); /* the views and findings are copies */
	}
	waba_findings_sort(&r.findings);
	pg->r = r;
	pg->html = render(&pg->r);
	parse(pg);
}

static void page_release(struct page *pg)
{
	xmlXPathFreeContext(pg->xp);
	xmlFreeDoc(pg->doc);
	free(pg->html);
	waba_report_release(&pg->r);
}

static double num(struct page *pg, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, pg->xp);
	assert_non_null(o);
	double v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

static char *str(struct page *pg, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, pg->xp);
	assert_non_null(o);
	xmlChar *s = xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	char *c = strdup((const char *)s);
	xmlFree(s);
	return c;
}

#define ASSERT_NUM(pg, expr, want)                                                            \
	do {                                                                                  \
		double got_ = num(pg, expr);                                                  \
		if (got_ != (double)(want))                                                   \
			fail_msg("%s: %g, expected %g", expr, got_, (double)(want));          \
	} while (0)

#define ASSERT_STR(pg, expr, want)                                                            \
	do {                                                                                  \
		char *got_ = str(pg, expr);                                                   \
		if (strcmp(got_, want) != 0)                                                  \
			fail_msg("%s: '%s', expected '%s'", expr, got_, want);                \
		free(got_);                                                                   \
	} while (0)

/* Nothing in the page can run or fetch anything. */
static void assert_inert(struct page *pg)
{
	ASSERT_NUM(pg, "count(//script|//iframe|//frame|//object|//embed|//svg|//math|//form|//button|//input|"
	               "//base|//link|//audio|//video|//source|//template|//textarea|//select)", 0);
	ASSERT_NUM(pg, "count(//@*[starts-with(translate(name(),'ON','on'),'on')])", 0);
	ASSERT_NUM(pg, "count(//style)", 1);
	ASSERT_NUM(pg, "count(//meta)", 4);
	ASSERT_NUM(pg, "count(//meta[@http-equiv])", 1);
	ASSERT_STR(pg, "string(//meta[@http-equiv='Content-Security-Policy']/@content)",
	           "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
	ASSERT_NUM(pg, "count(//img[not(starts-with(@src,'data:image/png;base64,'))])", 0);
	ASSERT_NUM(pg, "count(//a[not(starts-with(@href,'#')) and "
	               "not(starts-with(@href,'https://github.com/waba-preflight/waba-preflight/blob/main/docs/rules.md#'))])", 0);
	ASSERT_NUM(pg, "count(//@style[contains(.,'url(') or contains(.,'@import') or contains(.,'expression')])", 0);
	ASSERT_NUM(pg, "count(//@*[contains(.,'javascript:')][name()!='title'])", 0);
}

/* Every finding is in the page once, in a list beside its part, and the part's span holds it. */
static void assert_anchored(struct page *pg)
{
	char expr[256];
	ASSERT_NUM(pg, "count(//li[contains(concat(' ',@class,' '),' f ')])", pg->r.findings.len);
	for (size_t i = 0; i < pg->r.findings.len; i++) {
		snprintf(expr, sizeof(expr), "string(//li[@id='f%zu']/@data-part)", i + 1);
		char *part = str(pg, expr);
		assert_true(*part);
		snprintf(expr, sizeof(expr), "count(//*[@id='%s'])", part);
		ASSERT_NUM(pg, expr, 1);
		snprintf(expr, sizeof(expr), "count(//*[@id='%s-f']//li[@id='f%zu'])", part, i + 1);
		ASSERT_NUM(pg, expr, 1);
		const struct waba_finding *f = &pg->r.findings.v[i];
		if (f->loc.line) {
			char want[32];
			snprintf(want, sizeof(want), "%u:%u", f->loc.line, f->loc.column ? f->loc.column : 1);
			snprintf(expr, sizeof(expr), "string(//li[@id='f%zu']/@data-loc)", i + 1);
			ASSERT_STR(pg, expr, want);
			snprintf(expr, sizeof(expr), "contains(string(//li[@id='f%zu']/span[@class='loc']), ':%s')", i + 1, want);
			ASSERT_NUM(pg, expr, 1);
		}
		snprintf(expr, sizeof(expr), "string(//*[@id='%s']/@data-span)", part);
		char *span = str(pg, expr);
		unsigned l0, c0, l1, c1, l = f->loc.line, c = f->loc.column ? f->loc.column : 1;
		int inside = 0, n = 0;
		for (char *tok = strtok(span, " "); tok; tok = strtok(NULL, " ")) {
			assert_int_equal(sscanf(tok, "%u:%u-%u:%u", &l0, &c0, &l1, &c1), 4);
			n++;
			if (!((l < l0 || (l == l0 && c < c0)) || (l > l1 || (l == l1 && c > c1))))
				inside = 1;
		}
		/* a part that stands for spans of the file holds each of its findings that has a line */
		if (n && f->loc.line && !inside)
			fail_msg("finding %zu at %u:%u is outside its part %s (%s)", i + 1, l, c, part, span);
		free(span);
		free(part);
	}
}

static void test_showcase(void **state)
{
	static const char *const files[] = { "showcase.json", NULL };
	struct page pg;
	(void)state;
	lint_page(&pg, files);
	assert_inert(&pg);
	assert_anchored(&pg);
	ASSERT_STR(&pg, "string(/html/@lang)", "en");
	ASSERT_NUM(&pg, "count(//div[contains(@class,'tpl')][contains(@class,'box')])", 4);
	/* formatting, with the samples marked inside it */
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/strong/span[contains(@class,'var')][@title='{{2}}'])", "4821");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/span[contains(@class,'var')][@title='{{1}}'])", "Maria");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/em)", "até sexta-feira");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/em/span[contains(@class,'var')]/@title)", "{{3}}");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/del)", "grátis");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/code[@class='mono'])", "AURORA-2024");
	/* the media header, footer and buttons */
	ASSERT_NUM(&pg, "count(//*[@id='t1-h'][contains(@class,'media')])", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t1-h'], 'https://example.com/caixa.jpg')", 1);
	ASSERT_STR(&pg, "string(//*[@id='t1-ft'])", "Casa Aurora Móveis");
	ASSERT_NUM(&pg, "contains(//*[@id='t1-b1'], 'Acompanhar')", 1);
	ASSERT_STR(&pg, "string(//*[@id='t1-b1']/small)", "https://www.casaaurora.com.br/pedido/4821");
	ASSERT_STR(&pg, "string(//*[@id='t1-b2']/small)", "+551134567890");
	/* named samples, in the header and the body */
	ASSERT_STR(&pg, "string(//*[@id='t2-h']/span[contains(@class,'var')][@title='{{cliente}}'])", "Maria");
	ASSERT_STR(&pg, "string(//*[@id='t2-body']/span[contains(@class,'var')][@title='{{cupom}}'])", "VOLTE10");
	ASSERT_NUM(&pg, "count(//*[starts-with(@id,'t2-b')][contains(@class,'btn')])", 3);
	ASSERT_STR(&pg, "string(//*[@id='t2-b3']/small)", "VOLTE10");
	/* authentication: Meta's body, the security sentence, the expiry, the OTP button */
	ASSERT_NUM(&pg, "contains(//*[@id='t3-body'], 'is your verification code.')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t3-body'], 'do not share this code')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t3'], 'This code expires in 10 minutes.')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t3-b1'], 'Copiar código')", 1);
	/* a placeholder without a sample is marked as such; the findings sit beside the body */
	ASSERT_NUM(&pg, "count(//*[@id='t4-body']/span[contains(@class,'var')][contains(@class,'miss')])", 2);
	ASSERT_NUM(&pg, "count(//*[@id='t4-body-f']//li)", 3);
	ASSERT_NUM(&pg, "count(//*[@id='t4-body'][contains(@class,'p-error')])", 1);
	ASSERT_STR(&pg, "string(//*[@id='t4-body']/a[contains(@class,'mk')])", "3");
	page_release(&pg);
}

/* Hostile texts everywhere a template has text: shown as text, nothing injected. */
static void test_xss(void **state)
{
	static const char *const files[] = { "xss.json", "xss.txt", NULL };
	struct page pg;
	(void)state;
	lint_page(&pg, files);
	assert_inert(&pg);
	assert_anchored(&pg);
	assert_null(strstr(pg.html, "<script"));
	assert_null(strstr(pg.html, "<img src=x"));
	ASSERT_STR(&pg, "string(//*[@id='t1-name']/text()[1])", "<script>alert('name')</script>");
	ASSERT_NUM(&pg, "contains(//*[@id='t1-lang'], '\"><img src=x onerror=alert(1)>')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t1-h'], '<iframe src=\"javascript:alert(3)\"></iframe>')", 1);
	ASSERT_STR(&pg, "string(//*[@id='t1-h']/span[contains(@class,'var')])", "<svg onload=alert(4)>");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/strong)", "<b onclick=alert(5)>negrito</b>");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/em)", "<style>body{display:none}</style>");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/del)", "</mark></div></body>");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/code)", "<base href=//evil.example/>");
	ASSERT_STR(&pg, "string(//*[@id='t1-body']/span[contains(@class,'var')][@title='{{1}}'])", "<script>alert(7)</script>");
	ASSERT_NUM(&pg, "contains(//*[@id='t1-body'], '&lt;script&gt; &#x3C;img')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t1-body'], '\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t1-b2'], 'evil.example/x.css>')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t1-b3'], '<!-- comment --><![CDATA[x]]>')", 1);
	ASSERT_NUM(&pg, "contains(//*[@id='t2-h'], '\" onerror=\"alert(11)')", 1);
	ASSERT_STR(&pg, "string(//*[@id='t2-body']/span[contains(@class,'var')][@title='{{who}}'])", "</mark><script>alert(12)</script>");
	/* the draft: front-block values and the sample */
	ASSERT_STR(&pg, "string(//*[@id='t3-name']/text()[1])", "<script>alert(14)</script>");
	ASSERT_STR(&pg, "string(//*[@id='t3-h']/text()[1])", "<img src=x onerror=alert(15)>");
	ASSERT_STR(&pg, "string(//*[@id='t3-body']/span[contains(@class,'var')])", "<svg/onload=alert(17)>");
	page_release(&pg);
}

/* Meta's carousel and limited-time-offer examples: cards side by side, the offer banner. */
static void test_carousel_offer(void **state)
{
	static const char *const files[] = { "carousel.json", "offer.json", NULL };
	struct page pg;
	(void)state;
	lint_page(&pg, files);
	assert_inert(&pg);
	assert_anchored(&pg);
	ASSERT_NUM(&pg, "count(//*[@id='t1']//div[@class='cards']/div[@class='card'])", 3);
	ASSERT_NUM(&pg, "count(//*[@id='t1-c2-h'][contains(@class,'media')])", 1);
	ASSERT_NUM(&pg, "count(//*[starts-with(@id,'t1-c3-b')][contains(@class,'btn')])", 2);
	ASSERT_STR(&pg, "string(//*[@id='t2-offer']/b)", "Expiring offer!");
	ASSERT_NUM(&pg, "contains(//*[@id='t2-b2']/small, 'https://awesomedestinations.com/offers?ref=')", 1);
	page_release(&pg);
}

/* WhatsApp's formatting rules: markers at word boundaries on one line, not '**'. */
static void test_formatting(void **state)
{
	static const char *const files[] = { "format.txt", NULL };
	struct page pg;
	(void)state;
	lint_page(&pg, files);
	assert_inert(&pg);
	const char *want = "<div id=\"t1-body\" class=\"body";
	const char *body = strstr(pg.html, want);
	assert_non_null(body);
	body = strchr(body, '>') + 1;
	const char *end = strstr(body, "</div>");
	char *got = strndup(body, (size_t)(end - body));
	/* cut the finding marker, if any */
	char *mk = strstr(got, "<a class=\"mk");
	if (mk)
		*mk = 0;
	assert_string_equal(got, "<strong>bold</strong> <em>italic</em> <del>strike</del> <code class=\"mono\">mono *x*</code>\n"
	                         "2 * 3 * 4 = 24; snake_case_name; *open\n"
	                         "**double** <strong><em>both</em></strong> a*b*c <strong>two words</strong>\n"
	                         "*cross\nline*");
	free(got);
	page_release(&pg);
}

/* `check`: the profile card with the photo embedded, the fields, the readiness checklist. */
static void test_profile_card(void **state)
{
	struct page pg;
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	(void)state;
	memset(&pg, 0, sizeof(pg));
	struct waba_report r = WABA_REPORT_INIT;
	r.command = "check";
	r.views = 1;
	assert_int_equal(waba_check_application_file(&c, &r, WABA_TEST_DATA "/../examples/application.json",
	                                             test_checklist()), 0);
	r.extra = cJSON_CreateObject();
	cJSON_AddItemToObject(r.extra, "readiness", waba_readiness_json(&c.readiness, test_checklist(), "en"));
	waba_findings_sort(&r.findings);
	pg.r = r;
	pg.html = render(&pg.r);
	parse(&pg);
	assert_inert(&pg);
	assert_anchored(&pg);
	ASSERT_NUM(&pg, "count(//img[starts-with(@src,'data:image/png;base64,iVBORw0KGgo')])", 2);
	ASSERT_NUM(&pg, "count(//div[@class='photo']/div[@class='circle'])", 1);
	ASSERT_STR(&pg, "string(//*[@id='p-name']/div[@class='v'])", "Casa Aurora Móveis");
	ASSERT_STR(&pg, "string(//*[@id='p-cat']/div[@class='v'])", "Shopping and retail RETAIL");
	ASSERT_STR(&pg, "string(//*[@id='p-email']/div[@class='v'])", "contato@casaaurora.com.br");
	ASSERT_NUM(&pg, "count(//*[starts-with(@id,'p-web')])", 2);
	ASSERT_NUM(&pg, "count(//*[@id='p-about'][@data-span])", 1);
	ASSERT_NUM(&pg, "count(//div[contains(@class,'tpl')][contains(@class,'box')])", 2);
	ASSERT_NUM(&pg, "count(//ul[@class='req']/li)", c.readiness.len);
	ASSERT_NUM(&pg, "count(//ul[@class='req']/li/span[contains(@class,'st ')])", c.readiness.len);
	ASSERT_NUM(&pg, "count(//ul[@class='stages']/li)", 4);
	page_release(&pg);
	waba_app_check_release(&c);
}

/* A broken application: findings beside the fields they concern. */
static void test_profile_findings(void **state)
{
	struct page pg;
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	(void)state;
	memset(&pg, 0, sizeof(pg));
	struct waba_report r = WABA_REPORT_INIT;
	r.command = "check";
	r.views = 1;
	assert_int_equal(waba_check_application_file(&c, &r, WABA_TEST_DATA "/html/inputs/app-bad.json", test_checklist()), 0);
	waba_findings_sort(&r.findings);
	pg.r = r;
	pg.html = render(&pg.r);
	parse(&pg);
	assert_inert(&pg);
	assert_anchored(&pg);
	ASSERT_NUM(&pg, "count(//*[@id='p-email-f']//li[contains(.,'profile.email.format')])", 1);
	ASSERT_NUM(&pg, "count(//*[@id='p-web1-f']//li[contains(.,'profile.websites.scheme')])", 1);
	ASSERT_NUM(&pg, "count(//*[@id='p-about-f']//li[contains(.,'profile.about.markdown')])", 1);
	ASSERT_NUM(&pg, "count(//*[@id='p-cat-f']//li[contains(.,'profile.vertical')])", 1);
	ASSERT_NUM(&pg, "count(//*[@id='p-name-f']//li[contains(.,'name.')])>0", 1);
	ASSERT_NUM(&pg, "count(//*[@id='p-email'][contains(@class,'p-error')])", 1);
	page_release(&pg);
	waba_app_check_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_showcase),
		cmocka_unit_test(test_xss),
		cmocka_unit_test(test_formatting),
		cmocka_unit_test(test_carousel_offer),
		cmocka_unit_test(test_profile_card),
		cmocka_unit_test(test_profile_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
