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
 * Check app->profile. Adds one item {"kind":"profile","input":FILE,"about_length":N|null,
 * "address_length":N|null,"description_length":N|null,"email":..|null,"websites":[..],
 * "vertical":..|null,"vertical_label":..|null} and its findings (located in the file).
 * An application without a readable profile adds nothing (the parser said why).
 * @return 0
 */
int waba_check_profile(struct waba_report *r, const struct waba_application *app, const struct waba_checklist *cl);

#endif
