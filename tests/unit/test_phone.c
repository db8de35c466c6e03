/* test_phone.c: phone parsing (libphonenumber through the shim) and the phone. rules,
 * over a table of numbers from many regions and of every type. */
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "waba/phone.h"

/* What waba_phone_parse must make of what people paste. */
static void test_parse_table(void **state)
{
	static const struct {
		const char *in, *region, *e164, *type, *where;
	} rows[] = {
		/* Brazil: landline, mobile with the ninth digit, formatting variants */
		{ "+55 (11) 3456-7890", NULL, "+551134567890", "fixed_line", "BR" },
		{ "+551134567890", NULL, "+551134567890", "fixed_line", "BR" },
		{ "011 3456 7890", "BR", "+551134567890", "fixed_line", "BR" },
		{ "011 3456 7890", "br", "+551134567890", "fixed_line", "BR" }, /* as application files write it */
		{ "(11) 3456-7890", "BR", "+551134567890", "fixed_line", "BR" },
		{ "+55 11 98765-4321", NULL, "+5511987654321", "mobile", "BR" },
		{ "11987654321", "BR", "+5511987654321", "mobile", "BR" },
		{ "0055 11 98765 4321", NULL, "+5511987654321", "mobile", "BR" },
		{ "tel:+55-11-98765-4321", NULL, "+5511987654321", "mobile", "BR" },
		{ "https://wa.me/5511987654321?text=oi", NULL, "+5511987654321", "mobile", "BR" },
		{ "wa.me/5511987654321", NULL, "+5511987654321", "mobile", "BR" },
		{ "https://api.whatsapp.com/send?phone=5511987654321&text=x", NULL, "+5511987654321", "mobile", "BR" },
		{ "0800 123 4567", "BR", "+558001234567", "toll_free", "BR" },
		{ "4004-1234", "BR", "+5540041234", "shared_cost", "BR" },
		{ "+55 300 12 3456", NULL, "+55300123456", "premium_rate", "BR" },
		/* Argentina: the mobile 9 after +54, and the domestic 0 .. 15 form */
		{ "+54 9 11 2345-6789", NULL, "+5491123456789", "mobile", "AR" },
		{ "+5491123456789", NULL, "+5491123456789", "mobile", "AR" },
		{ "+54 11 15 2345-6789", NULL, "+5491123456789", "mobile", "AR" },
		{ "011 15 2345-6789", "AR", "+5491123456789", "mobile", "AR" },
		{ "00 54 9 11 2345-6789", NULL, "+5491123456789", "mobile", "AR" },
		{ "00 54 9 11 2345-6789", "BR", "+5491123456789", "mobile", "AR" },
		{ "+54 11 2345-6789", NULL, "+541123456789", "fixed_line", "AR" },
		{ "+54 800-123-4567", NULL, "+548001234567", "toll_free", "AR" },
		{ "+54 810-123-4567", NULL, "+548101234567", "uan", "AR" },
		{ "+54 600-123-4567", NULL, "+546001234567", "premium_rate", "AR" },
		/* elsewhere */
		{ "+1 201 555 0123", NULL, "+12015550123", "fixed_line_or_mobile", "US" },
		{ "(201) 555-0123", "US", "+12015550123", "fixed_line_or_mobile", "US" },
		{ "+1 800 555 0100", NULL, "+18005550100", "toll_free", "US" },
		{ "+1 900 555 0100", NULL, "+19005550100", "premium_rate", "US" },
		{ "+1 500-234-5678", NULL, "+15002345678", "personal_number", "US" },
		{ "+44 20 7946 0958", NULL, "+442079460958", "fixed_line", "GB" },
		{ "+44 56 1234 5678", NULL, "+445612345678", "voip", "GB" },
		{ "+44 70 1234 5678", NULL, "+447012345678", "personal_number", "GB" },
		{ "+44 76 4012 3456", NULL, "+447640123456", "pager", "GB" },
		{ "+44 55 1234 5678", NULL, "+445512345678", "uan", "GB" },
		{ "+39 331 0123 4501", NULL, "+3933101234501", "voicemail", "IT" },
		{ "+39 312 345 6789", NULL, "+393123456789", "mobile", "IT" },
		{ "+33 9 12 34 56 78", NULL, "+33912345678", "voip", "FR" },
		{ "+49 180 1 2345", NULL, "+4918012345", "shared_cost", "DE" },
		{ "+56 2 2123 4567", NULL, "+56221234567", "fixed_line_or_mobile", "CL" },
		{ "+52 1 55 1234 5678", NULL, "+525512345678", "fixed_line_or_mobile", "MX" },
		{ "+57 601 2345678", NULL, "+576012345678", "fixed_line", "CO" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_phone p;
		waba_phone_parse(&p, rows[i].in, rows[i].region);
		if (!p.facts.valid || strcmp(p.facts.e164, rows[i].e164) != 0 ||
		    strcmp(waba_phone_type_name(p.facts.type), rows[i].type) != 0 || strcmp(p.facts.region, rows[i].where) != 0)
			fail_msg("%s (region %s): got valid=%d %s %s %s, want %s %s %s", rows[i].in,
			         rows[i].region ? rows[i].region : "-", p.facts.valid, p.facts.e164,
			         waba_phone_type_name(p.facts.type), p.facts.region, rows[i].e164, rows[i].type, rows[i].where);
		waba_phone_release(&p);
	}
}

/* Input that is not a number: a parse error, never a crash. */
static void test_parse_garbage(void **state)
{
	char digits[201], big[1001];
	memset(digits, '7', 200);
	digits[200] = '\0';
	memset(big, '+', 1000);
	big[1000] = '\0';
	static const char *const bad[] = { "", "   ", "abc", "phone: none", "+", "+999 1234 5678", "\xff\xfe",
	                                   "+55 11 \xc3(", "tel:", "https://wa.me/", "1234567" };
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct waba_phone p;
		waba_phone_parse(&p, bad[i], NULL);
		if (p.facts.valid)
			fail_msg("'%s' was taken for a valid number %s", bad[i], p.facts.e164);
		waba_phone_release(&p);
	}
	struct waba_phone p;
	waba_phone_parse(&p, digits, NULL);
	assert_false(p.facts.valid);
	waba_phone_release(&p);
	waba_phone_parse(&p, big, "BR");
	assert_int_equal(p.facts.parse_error, WABA_PHONE_ERR_INPUT_TOO_LONG);
	waba_phone_release(&p);
	waba_phone_parse(&p, "\xff\xfe", NULL);
	assert_int_equal(p.facts.parse_error, WABA_PHONE_ERR_BAD_UTF8);
	waba_phone_release(&p);
	waba_phone_parse(&p, NULL, NULL);
	assert_int_equal(p.facts.parse_error, WABA_PHONE_ERR_EMPTY);
	waba_phone_release(&p);
}

static void test_regions(void **state)
{
	(void)state;
	assert_true(waba_phone_region_known("BR"));
	assert_true(waba_phone_region_known("AR"));
	assert_false(waba_phone_region_known("XX"));
	assert_false(waba_phone_region_known(""));
	assert_false(waba_phone_region_known(NULL));
	assert_string_equal(waba_phone_type_name(99), "unknown");
}

/* One number through waba_check_phone: its rule ids (sorted as emitted) and eligibility. */
static void test_check_table(void **state)
{
	static const struct {
		const char *in, *region;
		int used;
		const char *rules; /* comma-separated, in emission order; "" none */
		int eligible;
	} rows[] = {
		{ "+55 (11) 3456-7890", NULL, -1, "phone.type.fixed_line", 1 },
		{ "+55 11 98765-4321", NULL, -1, "phone.mobile.whatsapp_unknown", 1 },
		{ "+55 11 98765-4321", NULL, 0, "", 1 },
		{ "+55 11 98765-4321", NULL, 1, "phone.mobile.used_whatsapp", 0 },
		/* Botmaker's six months are about mobiles; Meta still wants the app account deleted */
		{ "+55 11 3456-7890", NULL, 1, "phone.type.fixed_line,phone.whatsapp.delete_app_account", 1 },
		{ "+55 11 3456-7890", NULL, 0, "phone.type.fixed_line", 1 },
		{ "+55 11 8765-4321", NULL, -1, "phone.br.mobile_nine", 0 },
		{ "11 8765-4321", "BR", -1, "phone.br.mobile_nine", 0 },
		{ "+54 9 11 2345-6789", NULL, 0, "", 1 },
		{ "+54 11 15 2345-6789", NULL, 0, "phone.ar.mobile_nine", 1 },
		{ "011 15 2345-6789", "AR", 0, "phone.ar.mobile_nine", 1 },
		{ "+1 201 555 0123", NULL, -1, "phone.mobile.whatsapp_unknown", 1 },
		{ "0800 123 4567", "BR", -1, "phone.type.not_recommended", 1 },
		{ "4004-1234", "BR", -1, "phone.type.not_recommended", 1 },
		{ "+44 56 1234 5678", NULL, -1, "phone.type.not_recommended", 1 },
		{ "+1 900 555 0100", NULL, -1, "phone.type.unsupported", 0 },
		{ "+44 76 4012 3456", NULL, -1, "phone.type.unsupported", 0 },
		{ "+39 331 0123 4501", NULL, -1, "phone.type.unsupported", 0 },
		{ "190", "BR", -1, "phone.number.short_code", 0 },
		{ "911", "US", -1, "phone.number.short_code", 0 },
		{ "3456-7890", "BR", -1, "phone.number.invalid", 0 },
		{ "11 3456 7890", NULL, -1, "phone.number.invalid", 0 },
		{ "+55 11 1234", NULL, -1, "phone.number.invalid", 0 },
		{ "hello", NULL, -1, "phone.number.invalid", 0 },
		{ "", NULL, -1, "phone.number.invalid", 0 },
		{ "\xc3\x28", NULL, -1, "phone.number.invalid", 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_report r = WABA_REPORT_INIT;
		int el = waba_check_phone(&r, rows[i].in, rows[i].region, rows[i].used, test_checklist());
		const char *got = test_rule_list(&r.findings);
		if (strcmp(got, rows[i].rules) != 0 || el != rows[i].eligible)
			fail_msg("'%s': rules [%s] eligible %d, want [%s] eligible %d", rows[i].in, got, el, rows[i].rules,
			         rows[i].eligible);
		assert_int_equal(r.nitems, 1);
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(r.items[0].json, "eligible");
		assert_int_equal(cJSON_IsTrue(e), rows[i].eligible);
		waba_report_release(&r);
	}
}

/* Messages name the type and give the corrected form. */
static void test_messages(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	waba_check_phone(&r, "+1 900 555 0100", NULL, -1, test_checklist());
	assert_non_null(strstr(r.findings.v[0].message, "premium_rate"));
	waba_report_release(&r);

	struct waba_report r2 = WABA_REPORT_INIT;
	waba_check_phone(&r2, "+55 11 8765-4321", NULL, -1, test_checklist());
	assert_non_null(strstr(waba_finding_hint(&r2.findings.v[0]), "+55 11 98765-4321"));
	waba_report_release(&r2);

	struct waba_report r3 = WABA_REPORT_INIT;
	waba_check_phone(&r3, "+54 11 15 2345-6789", NULL, 0, test_checklist());
	assert_non_null(strstr(waba_finding_hint(&r3.findings.v[0]), "+5491123456789"));
	waba_report_release(&r3);
}

/* A number given twice in different formats is reported once; none eligible -> Botmaker note. */
static void test_batch(void **state)
{
	struct waba_report r = WABA_REPORT_INIT;
	(void)state;
	waba_check_phone(&r, "+55 (11) 3456-7890", NULL, -1, test_checklist());
	waba_check_phone(&r, "011 3456 7890", "BR", -1, test_checklist());
	waba_check_phone(&r, "tel:+551134567890", NULL, -1, test_checklist());
	waba_check_phone(&r, "+54 9 11 2345-6789", NULL, 0, test_checklist());
	waba_check_phone_finish(&r, test_checklist());
	assert_int_equal(test_count_rule(&r.findings, "phone.batch.duplicate"), 1);
	int d = test_find_rule(&r.findings, "phone.batch.duplicate");
	assert_int_equal(r.findings.v[d].item, 1);
	assert_non_null(strstr(r.findings.v[d].message, "3 times"));
	assert_int_equal(test_count_rule(&r.findings, "phone.botmaker.supply"), 0);
	waba_report_release(&r);

	struct waba_report r2 = WABA_REPORT_INIT;
	waba_check_phone(&r2, "+55 11 98765-4321", NULL, 1, test_checklist());
	waba_check_phone(&r2, "190", "BR", 1, test_checklist());
	waba_check_phone_finish(&r2, test_checklist());
	assert_int_equal(test_count_rule(&r2.findings, "phone.botmaker.supply"), 1);
	assert_int_equal(test_count_rule(&r2.findings, "phone.batch.duplicate"), 0);
	int s = test_find_rule(&r2.findings, "phone.botmaker.supply");
	assert_non_null(strstr(r2.findings.v[s].message, "BR, AR"));
	waba_report_release(&r2);
}

/* The typed result is what callers read; the report's "phone" item is written from it. */
static void test_result(void **state)
{
	static const struct {
		const char *in, *region, *e164, *reg, *type;
		int used, eligible;
	} rows[] = {
		{ "+55 11 98765-4321", NULL, "+5511987654321", "BR", "mobile", 0, 1 },
		{ "+55 11 98765-4321", NULL, "+5511987654321", "BR", "mobile", 1, 0 },
		{ "011 3456 7890", "BR", "+551134567890", "BR", "fixed_line", -1, 1 },
		{ "+55 11 3456-789", NULL, "", "BR", "unknown", -1, 0 },
		{ "not a number", NULL, "", "", "unknown", -1, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct waba_report r = WABA_REPORT_INIT;
		int el = waba_check_phone(&r, rows[i].in, rows[i].region, rows[i].used, test_checklist());
		const struct waba_phone_result *res = waba_report_phone(&r, 0);
		assert_non_null(res);
		assert_string_equal(res->input, rows[i].in);
		assert_string_equal(res->e164, rows[i].e164);
		assert_string_equal(res->region, rows[i].reg);
		assert_string_equal(waba_phone_type_name(res->type), rows[i].type);
		assert_int_equal(res->eligible, rows[i].eligible);
		assert_int_equal(el, rows[i].eligible);
		const cJSON *e164 = cJSON_GetObjectItemCaseSensitive(r.items[0].json, "e164");
		if (rows[i].e164[0])
			assert_string_equal(cJSON_GetStringValue(e164), rows[i].e164);
		else
			assert_true(cJSON_IsNull(e164));
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r.items[0].json, "type")),
		                    rows[i].type);
		assert_null(waba_report_phone(&r, 1));
		waba_report_release(&r);
	}
}

/* Findings and items of r as a person reads them, one line each, in report order. */
static char *report_lines(struct waba_report *r)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_findings_sort(&r->findings);
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		const char *hint = waba_finding_hint(f);
		waba_strbuf_addf(&sb, "%d %s %s: %s | %s\n", f->item, f->rule->id, waba_severity_name(f->severity),
		                 f->message, hint ? hint : "-");
	}
	for (size_t i = 0; i < r->nitems; i++) {
		char *json = cJSON_PrintUnformatted(r->items[i].json);
		waba_strbuf_addf(&sb, "%s %s\n", r->items[i].name, json);
		free(json);
	}
	return waba_strbuf_detach(&sb);
}

/* The batch (the phone command, report written number by number) says what the
 * number-by-number checks and their finish say: messages, hints, items. */
static void test_batch_same(void **state)
{
	static const char *const lists[][9] = {
		/* given three times in three forms, twice; Argentine mobiles without the 9 (the
		 * hint shows the international form, which the batch works out again) */
		{ "+55 (11) 3456-7890", "+54 11 15 2345-6789", "tel:+551134567890", "011 15 2345-6789", "+551134567890",
		  "+54 11 15 2345-6789", "+55 11 8765-4321", "\xc3\x28", "https://wa.me/" },
		/* nothing eligible: where Botmaker can supply a number comes first */
		{ "+1 900 555 0100", "190", "+1 900 555 0100", "hello", "", "+55 11 3456-789", "+44 76 4012 3456",
		  "00 1 900 555 0100", "3456-7890" },
	};
	static const char *const regions[] = { NULL, "AR", "BR" };
	(void)state;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (size_t g = 0; g < sizeof(regions) / sizeof(regions[0]); g++)
			for (int used = -1; used <= 1; used++) {
				struct waba_report one = WABA_REPORT_INIT, batch = WABA_REPORT_INIT;
				one.command = batch.command = "phone";
				for (size_t i = 0; i < 9; i++)
					waba_check_phone(&one, lists[l][i], regions[g], used, test_checklist());
				waba_check_phone_finish(&one, test_checklist());
				struct waba_phone_batch *b =
				    waba_phone_batch_new(lists[l], 9, regions[g], used, test_checklist());
				waba_phone_batch_head(b, &batch);
				for (size_t i = 0; i < 9; i++)
					waba_phone_batch_check(b, i, &batch);
				waba_phone_batch_free(b);
				char *want = report_lines(&one), *got = report_lines(&batch);
				if (strcmp(want, got) != 0)
					fail_msg("list %zu, region %s, used %d:\n--- one by one\n%s--- batch\n%s", l,
					         regions[g] ? regions[g] : "-", used, want, got);
				if (!strstr(got, l == 0 ? "given 3 times" : "phone.botmaker.supply"))
					fail_msg("%s", got);
				if (l == 0 && used == 0)
					assert_non_null(strstr(got, "Give it as +54 9 11 2345-6789"));
				free(want);
				free(got);
				waba_report_release(&one);
				waba_report_release(&batch);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table), cmocka_unit_test(test_parse_garbage), cmocka_unit_test(test_regions),
		cmocka_unit_test(test_check_table), cmocka_unit_test(test_messages),    cmocka_unit_test(test_batch),
		cmocka_unit_test(test_result),     cmocka_unit_test(test_batch_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
