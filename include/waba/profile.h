/*
 * profile.h: the WhatsApp business-profile fields of an application (the `profile.` rules):
 * about, address, description, e-mail, websites and the category (vertical), each against
 * the limit Meta states (checklists/profile.xml).
 */
#ifndef WABA_PROFILE_H
#define WABA_PROFILE_H

#include "application.h"
#include "checklist.h"
#include "report.h"

/*
 * The profile family's result: what the "profile" item of the JSON report states
 * (written from this struct). Attached to its item (waba_report_set_result()); read it
 * with waba_report_profile().
 */
struct waba_profile_result {
	char *input;                                           /* the application file, or NULL */
	long about_length, address_length, description_length; /* characters; -1 when absent */
	char *email;                                           /* or NULL */
	char **websites;                                       /* as written */
	size_t nwebsites;
	char *vertical;       /* the category as written; NULL when absent or empty */
	char *vertical_label; /* its name in the report's language; NULL when not one of Meta's */
};
extern const struct waba_result_type waba_profile_result_type;

/* The profile result of report item i, or NULL when it is not a profile item. */
const struct waba_profile_result *waba_report_profile(const struct waba_report *r, size_t i);

/*
 * Check app->profile. Adds one item {"kind":"profile","input":FILE,"about_length":N|null,
 * "address_length":N|null,"description_length":N|null,"email":..|null,"websites":[..],
 * "vertical":..|null,"vertical_label":..|null} and its findings (located in the file).
 * An application without a readable profile adds nothing (the parser said why).
 * @return 0
 */
int waba_check_profile(struct waba_report *r, const struct waba_application *app, const struct waba_checklist *cl);

#endif
