/*
 * phone.h: phone numbers for a WhatsApp Business API account (the `phone.` rules).
 *
 * Parsing and numbering-plan facts come from libphonenumber (through the C shim in
 * src/parse/phone_shim.cc); eligibility verdicts and guidance come from
 * checklists/phone.xml.
 *
 *   struct waba_phone p;
 *   waba_phone_parse(&p, "wa.me/5511987654321", NULL);   // p.facts.e164 "+5511987654321"
 *   waba_phone_release(&p);
 *
 *   for each number: waba_check_phone(r, number, region, used_whatsapp, cl);
 *   waba_check_phone_finish(r, cl);   // duplicates, "Botmaker can supply numbers"
 */
#ifndef WABA_PHONE_H
#define WABA_PHONE_H

#include <stddef.h>
#include "checklist.h"
#include "report.h"

/* libphonenumber's PhoneNumberType, in the same order. */
enum waba_phone_type {
	WABA_PHONE_FIXED_LINE,
	WABA_PHONE_MOBILE,
	WABA_PHONE_FIXED_LINE_OR_MOBILE,
	WABA_PHONE_TOLL_FREE,
	WABA_PHONE_PREMIUM_RATE,
	WABA_PHONE_SHARED_COST,
	WABA_PHONE_VOIP,
	WABA_PHONE_PERSONAL_NUMBER,
	WABA_PHONE_PAGER,
	WABA_PHONE_UAN,
	WABA_PHONE_VOICEMAIL,
	WABA_PHONE_UNKNOWN
};

/* Why parsing failed (libphonenumber's ErrorType), or WABA_PHONE_PARSED. */
enum waba_phone_parse_error {
	WABA_PHONE_PARSED = 0,
	WABA_PHONE_ERR_COUNTRY_CODE, /* no or unknown country code */
	WABA_PHONE_ERR_NOT_A_NUMBER,
	WABA_PHONE_ERR_TOO_SHORT_AFTER_IDD,
	WABA_PHONE_ERR_TOO_SHORT,
	WABA_PHONE_ERR_TOO_LONG,
	WABA_PHONE_ERR_INTERNAL, /* the library threw (out of memory) */
	/* found before libphonenumber is asked: */
	WABA_PHONE_ERR_EMPTY,
	WABA_PHONE_ERR_BAD_UTF8,
	WABA_PHONE_ERR_INPUT_TOO_LONG
};

/* libphonenumber's IsPossibleNumberWithReason. */
enum waba_phone_possible {
	WABA_PHONE_IS_POSSIBLE,
	WABA_PHONE_IS_POSSIBLE_LOCAL_ONLY,
	WABA_PHONE_INVALID_COUNTRY_CODE,
	WABA_PHONE_TOO_SHORT,
	WABA_PHONE_INVALID_LENGTH,
	WABA_PHONE_TOO_LONG
};

struct waba_phone_facts {
	int parse_error;        /* enum waba_phone_parse_error; the rest is set only when PARSED */
	int country_code;       /* 55 */
	char e164[40];          /* "+5511987654321" (for invalid numbers too: the digits, normalised) */
	char international[64]; /* "+55 11 98765-4321" (the E.164 form when not valid) */
	char region[8];         /* region of a valid number: "BR"; "001" non-geographic; "" */
	char country_region[8]; /* main region of the country code ("BR"), "" if none */
	char nsn[40];           /* national significant number "11987654321" */
	int valid;              /* IsValidNumber */
	int possible;           /* enum waba_phone_possible (IS_POSSIBLE when valid) */
	int type;               /* enum waba_phone_type (UNKNOWN unless valid) */
	int short_code;         /* not valid, but a valid short number (emergency, SMS short code) */
	/* not valid: the length judged against full landline and mobile numbers only (a length
	 * that is possible only for a local number, without its area code, counts as too short);
	 * IS_POSSIBLE when either type has numbers of that length */
	int full_length;  /* enum waba_phone_possible */
	char example[64]; /* not valid: a landline of the country, "+55 11 2345-6789" ("" none) */
};

/* How the number was given. */
enum waba_phone_form { WABA_PHONE_FORM_TEXT, WABA_PHONE_FORM_TEL_URI, WABA_PHONE_FORM_WA_LINK };

struct waba_phone {
	char *input;       /* as given (owned) */
	char *cleaned;     /* what libphonenumber was given: URI/link parts and "00" handled (owned) */
	int form;          /* enum waba_phone_form */
	int international; /* typed with + or 00 (or a wa.me link, which is always international) */
	char *after_cc;    /* digits typed after the country code, when international (owned; "" else) */
	struct waba_phone_facts facts;
};

/*
 * Parse what a person pasted: "+55 (11) 3456-7890", "011 3456 7890" with region "BR",
 * "00 54 9 11 2345-6789", "tel:+54-9-11-2345-6789", "https://wa.me/5491123456789".
 * `region` ("BR", upper case) may be NULL. Never fails: the outcome is in
 * out->facts.parse_error. Release with waba_phone_release().
 */
void waba_phone_parse(struct waba_phone *out, const char *input, const char *region);

/* What a caller that does not print it may have waba_phone_parse_with() leave out. */
enum {
	/* a valid number's international form: facts.international left "" (libphonenumber
	 * matches the formatting rules again for it: a sixth of the parse's work) */
	WABA_PHONE_PARSE_NO_INTERNATIONAL = 1
};
/* waba_phone_parse() with `flags` (WABA_PHONE_PARSE_*; 0: every fact). */
void waba_phone_parse_with(struct waba_phone *out, const char *input, const char *region, unsigned flags);
void waba_phone_release(struct waba_phone *p);

/* The contract's spelling of a type: "fixed_line", "mobile", ... "unknown". */
const char *waba_phone_type_name(int type);

/*
 * libphonenumber is a plugin (waba-phone.so, with ICU and protobuf), loaded on first use so
 * that commands without phone numbers start without it. Load it now: 0, or -1 with a
 * translated reason in waba_phone_plugin_error() (the path and dlopen's words).
 */
int waba_phone_plugin_load(void);
const char *waba_phone_plugin_error(void);

/* 1 when libphonenumber knows the region code (upper case, "BR"). */
int waba_phone_region_known(const char *region);

/*
 * The phone family's result for one number: the facts the "phone" item of the JSON
 * report states (written from this struct), for the callers that use them (the e-mail
 * request, the duplicates, the wizard). Attached to its item (waba_report_set_result());
 * read it with waba_report_phone().
 */
struct waba_phone_result {
	char *input;    /* as given, control characters made printable (owned; first, the only owned member) */
	char e164[40];  /* "+5511987654321" when the number is valid, else "" */
	char region[8]; /* "BR" ("001" non-geographic); "" when not known */
	int type;       /* enum waba_phone_type (UNKNOWN unless valid) */
	int eligible;   /* can be the account's number */
};
extern const struct waba_result_type waba_phone_result_type;

/* The phone result of report item i, or NULL when it is not a phone item. */
const struct waba_phone_result *waba_report_phone(const struct waba_report *r, size_t i);

/*
 * Check one number and add a "phone" item with its findings to r. `region` is the
 * --region default (may be NULL); `used_whatsapp`: -1 not answered, 0 no, 1 yes.
 * Returns 1 when the number is eligible, else 0.
 */
int waba_check_phone(struct waba_report *r, const char *number, const char *region, int used_whatsapp,
                     const struct waba_checklist *cl);

/*
 * After the last waba_check_phone() of a batch: report numbers given more than once
 * (in any format) and, when no number is eligible, where Botmaker can supply one.
 */
void waba_check_phone_finish(struct waba_report *r, const struct waba_checklist *cl);

/*
 * The same checks over a list known in full (the `phone` command), for a report written
 * number by number: waba_phone_batch_new() parses every number first (libphonenumber's
 * work) and keeps its facts packed, so that each number's part of the report can then
 * be made whole, the finding about a repeated number (on its second mention, saying how
 * many times it is given) included.
 *
 *   struct waba_phone_batch *b = waba_phone_batch_new(numbers, n, region, used_whatsapp, cl);
 *   waba_phone_batch_head(b, r);   // no number eligible: where Botmaker can supply one
 *   for (i = 0; i < n; i++)
 *           waba_phone_batch_check(b, i, r);   // then write r's part and clear it, or go on
 *   waba_phone_batch_free(b);
 *
 * The items and findings are those of waba_check_phone() on each number followed by
 * waba_check_phone_finish(): the same once sorted (waba_findings_sort). `numbers` and
 * `region` are borrowed until waba_phone_batch_free().
 */
struct waba_phone_batch;
struct waba_phone_batch *waba_phone_batch_new(const char *const *numbers, size_t n, const char *region,
                                              int used_whatsapp, const struct waba_checklist *cl);
/* The findings tied to no number (added to r). */
void waba_phone_batch_head(const struct waba_phone_batch *b, struct waba_report *r);
/* Number i's item and findings (added to r); 1 when it is eligible. */
int waba_phone_batch_check(const struct waba_phone_batch *b, size_t i, struct waba_report *r);
void waba_phone_batch_free(struct waba_phone_batch *b);

#endif
