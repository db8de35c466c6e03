// phone_shim.cc: the only C++ file. Wraps libphonenumber behind the C API of
// phone_shim.h; every call catches exceptions so none reaches C code.
#include "parse/phone_shim.h"

#include <cstdio>
#include <cstring>
#include <string>

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <phonenumbers/shortnumberinfo.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using i18n::phonenumbers::ShortNumberInfo;

namespace {

PhoneNumberUtil *util()
{
	static PhoneNumberUtil *u = [] {
		PhoneNumberUtil *p = PhoneNumberUtil::GetInstance();
		p->SetLogger(new i18n::phonenumbers::NullLogger()); // the library would log to stdout
		return p;
	}();
	return u;
}

const ShortNumberInfo &short_info()
{
	static const ShortNumberInfo info;
	return info;
}

template <size_t N> void copy(char (&dst)[N], const std::string &s)
{
	std::snprintf(dst, N, "%s", s.c_str());
}

int map_error(PhoneNumberUtil::ErrorType e)
{
	switch (e) {
	case PhoneNumberUtil::NO_PARSING_ERROR: return WABA_PHONE_PARSED;
	case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return WABA_PHONE_ERR_COUNTRY_CODE;
	case PhoneNumberUtil::NOT_A_NUMBER: return WABA_PHONE_ERR_NOT_A_NUMBER;
	case PhoneNumberUtil::TOO_SHORT_AFTER_IDD: return WABA_PHONE_ERR_TOO_SHORT_AFTER_IDD;
	case PhoneNumberUtil::TOO_SHORT_NSN: return WABA_PHONE_ERR_TOO_SHORT;
	case PhoneNumberUtil::TOO_LONG_NSN: return WABA_PHONE_ERR_TOO_LONG;
	}
	return WABA_PHONE_ERR_NOT_A_NUMBER;
}

int map_type(PhoneNumberUtil::PhoneNumberType t)
{
	switch (t) {
	case PhoneNumberUtil::FIXED_LINE: return WABA_PHONE_FIXED_LINE;
	case PhoneNumberUtil::MOBILE: return WABA_PHONE_MOBILE;
	case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return WABA_PHONE_FIXED_LINE_OR_MOBILE;
	case PhoneNumberUtil::TOLL_FREE: return WABA_PHONE_TOLL_FREE;
	case PhoneNumberUtil::PREMIUM_RATE: return WABA_PHONE_PREMIUM_RATE;
	case PhoneNumberUtil::SHARED_COST: return WABA_PHONE_SHARED_COST;
	case PhoneNumberUtil::VOIP: return WABA_PHONE_VOIP;
	case PhoneNumberUtil::PERSONAL_NUMBER: return WABA_PHONE_PERSONAL_NUMBER;
	case PhoneNumberUtil::PAGER: return WABA_PHONE_PAGER;
	case PhoneNumberUtil::UAN: return WABA_PHONE_UAN;
	case PhoneNumberUtil::VOICEMAIL: return WABA_PHONE_VOICEMAIL;
	case PhoneNumberUtil::UNKNOWN: return WABA_PHONE_UNKNOWN;
	}
	return WABA_PHONE_UNKNOWN;
}

int map_possible(PhoneNumberUtil::ValidationResult v)
{
	switch (v) {
	case PhoneNumberUtil::IS_POSSIBLE: return WABA_PHONE_IS_POSSIBLE;
	case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY: return WABA_PHONE_IS_POSSIBLE_LOCAL_ONLY;
	case PhoneNumberUtil::INVALID_COUNTRY_CODE: return WABA_PHONE_INVALID_COUNTRY_CODE;
	case PhoneNumberUtil::TOO_SHORT: return WABA_PHONE_TOO_SHORT;
	case PhoneNumberUtil::INVALID_LENGTH: return WABA_PHONE_INVALID_LENGTH;
	case PhoneNumberUtil::TOO_LONG: return WABA_PHONE_TOO_LONG;
	}
	return WABA_PHONE_INVALID_LENGTH;
}

// The length against full numbers of the types a business registers (landline, mobile):
// a length possible only locally (without the area code) is too short for them.
int full_length(PhoneNumberUtil *u, const PhoneNumber &n)
{
	static const PhoneNumberUtil::PhoneNumberType types[] = { PhoneNumberUtil::FIXED_LINE, PhoneNumberUtil::MOBILE };
	int shorter = 0, longer = 0;
	for (PhoneNumberUtil::PhoneNumberType t : types) {
		PhoneNumberUtil::ValidationResult v = u->IsPossibleNumberForTypeWithReason(n, t);
		if (v == PhoneNumberUtil::IS_POSSIBLE)
			return WABA_PHONE_IS_POSSIBLE;
		shorter += v == PhoneNumberUtil::TOO_SHORT || v == PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY;
		longer += v == PhoneNumberUtil::TOO_LONG;
	}
	return shorter == 2 ? WABA_PHONE_TOO_SHORT : longer == 2 ? WABA_PHONE_TOO_LONG : WABA_PHONE_INVALID_LENGTH;
}

} // namespace

extern "C" int waba_phone_shim_parse_with(const char *text, const char *default_region, unsigned flags,
                                          struct waba_phone_facts *out)
{
	std::memset(out, 0, sizeof(*out));
	out->type = WABA_PHONE_UNKNOWN;
	try {
		PhoneNumberUtil *u = util();
		PhoneNumber n;
		const std::string region = default_region && *default_region ? default_region : "ZZ";
		out->parse_error = map_error(u->Parse(text ? text : "", region, &n));
		if (out->parse_error != WABA_PHONE_PARSED)
			return out->parse_error;
		// Several of these calls append to the string they are given: a fresh one each time.
		// The numbering-plan matching (ICU regular expressions) is the cost, so each kind of
		// match runs once: GetNumberType() is UNKNOWN exactly when IsValidNumber() is false.
		std::string e164, nsn, cc_region;
		out->country_code = n.country_code();
		u->Format(n, PhoneNumberUtil::E164, &e164);
		copy(out->e164, e164);
		u->GetNationalSignificantNumber(n, &nsn);
		copy(out->nsn, nsn);
		u->GetRegionCodeForCountryCode(n.country_code(), &cc_region);
		copy(out->country_region, cc_region == "ZZ" ? std::string() : cc_region);
		out->type = map_type(u->GetNumberType(n));
		out->valid = out->type != WABA_PHONE_UNKNOWN;
		if (out->valid) {
			std::string intl, region_of;
			// the international form is formatting rules matched again (a sixth of a parse's
			// instructions): only for a caller that prints it
			if (!(flags & WABA_PHONE_PARSE_NO_INTERNATIONAL)) {
				u->Format(n, PhoneNumberUtil::INTERNATIONAL, &intl);
				copy(out->international, intl);
			}
			u->GetRegionCodeForNumber(n, &region_of);
			copy(out->region, region_of == "ZZ" ? std::string() : region_of);
			out->possible = WABA_PHONE_IS_POSSIBLE;
		} else {
			copy(out->international, e164);
			out->possible = map_possible(u->IsPossibleNumberWithReason(n));
			out->short_code = short_info().IsValidShortNumber(n);
			out->full_length = full_length(u, n);
			PhoneNumber ex;
			std::string ex_text;
			if (!cc_region.empty() && cc_region != "ZZ" &&
			    u->GetExampleNumberForType(cc_region, PhoneNumberUtil::FIXED_LINE, &ex)) {
				u->Format(ex, PhoneNumberUtil::INTERNATIONAL, &ex_text);
				copy(out->example, ex_text);
			}
		}
	} catch (...) {
		std::memset(out, 0, sizeof(*out));
		out->type = WABA_PHONE_UNKNOWN;
		out->parse_error = WABA_PHONE_ERR_INTERNAL;
	}
	return out->parse_error;
}

extern "C" int waba_phone_shim_region_known(const char *region)
{
	if (!region || !*region)
		return 0;
	try {
		return util()->GetCountryCodeForRegion(region) != 0;
	} catch (...) {
		return 0;
	}
}
