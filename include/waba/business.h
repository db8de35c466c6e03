/*
 * business.h: the Business Manager ID (business portfolio ID).
 */
#ifndef WABA_BUSINESS_H
#define WABA_BUSINESS_H

#include "checklist.h"
#include "report.h"

/* What the user gave, and the ID extracted from it. */
struct waba_business_input {
	char *input;       /* as typed */
	char *id;          /* the digits we extracted, or NULL when none could be found */
	int from_url;      /* the ID came from a URL's business_id= parameter */
	int stripped;      /* spaces, dots or dashes were removed */
	char *other_param; /* a URL parameter that names another kind of ID (asset_id, waba_id ...), or NULL */
};

/* Extract the ID from an ID or a pasted Business Manager URL. Pure; never fails. */
void waba_business_input_parse(struct waba_business_input *out, const char *input);
void waba_business_input_release(struct waba_business_input *b);

/* 1 when `id` (digits, as extracted) is a well-formed Business Manager ID. */
int waba_business_id_valid(const char *id, const struct waba_checklist *cl);

/*
 * The business family's result for one ID or URL: what the "business" item of the JSON
 * report states (written from this struct), for the callers that use it (the e-mail
 * request). Attached to its item (waba_report_set_result()); read it with
 * waba_report_business().
 */
struct waba_business_result {
	char *input;               /* as given */
	char *id;                  /* the ID when well-formed, else NULL */
	int valid;                 /* a well-formed Business Manager ID */
	int known;                 /* 0 when Meta's Graph API said no object has this ID */
	char *verification_status; /* Meta's value when known (e.g. "verified"), else NULL */
	int asked;                 /* Meta's Graph API answered about the ID: `name` is stated */
	char *name;                /* the business's name in Meta's answer, or NULL */
};
extern const struct waba_result_type waba_business_result_type;

/* The business result of report item i, or NULL when it is not a business item. */
const struct waba_business_result *waba_report_business(const struct waba_report *r, size_t i);

/*
 * Check one Business Manager ID or URL: add a "business" item and its findings to
 * `r`. `verification_status` is Meta's value when known (e.g. from the Graph API),
 * or NULL. Returns 0.
 */
int waba_check_business(struct waba_report *r, const char *input, const char *verification_status,
                        const struct waba_checklist *cl);

/*
 * The same with what Meta's Graph API answered about the ID: its verification status
 * and its name (either may be NULL: Meta gave none). Returns 0.
 */
int waba_check_business_graph(struct waba_report *r, const char *input, const char *verification_status,
                              const char *name, const struct waba_checklist *cl);

/*
 * The same for an ID the Graph API said does not exist (error 803, `graph_code`): the
 * item gets "known": false and a business.id.unknown finding. Returns 0.
 */
int waba_check_business_unknown(struct waba_report *r, const char *input, long graph_code,
                                const struct waba_checklist *cl);

#endif
