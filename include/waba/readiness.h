/*
 * readiness.h: the readiness checklist (Botmaker's requirements, policy §7) judged
 * from a finished report, and the four activation stages. The requirements and how
 * each is judged are data: checklists/readiness.xml.
 */
#ifndef WABA_READINESS_H
#define WABA_READINESS_H

#include <cjson/cJSON.h>
#include "checklist.h"
#include "report.h"
#include "strbuf.h"

enum waba_readiness_status { WABA_READY_OK, WABA_READY_MISSING, WABA_READY_UNKNOWN };

struct waba_readiness_entry {
	const char *id; /* borrowed from the checklist */
	enum waba_readiness_status status;
	int optional;
};

struct waba_readiness {
	struct waba_readiness_entry *v;
	size_t len;
	int ready; /* every non-optional requirement is ok */
};

/*
 * Judge every requirement from the report's items and error findings (severities
 * final). `answers` is the application's "answers" object ({"registered_company": true,
 * ...}) or NULL. Returns 0.
 */
int waba_readiness_evaluate(struct waba_readiness *out, const struct waba_report *r, const cJSON *answers,
                            const struct waba_checklist *cl);

/* "ok", "missing", "unknown" */
const char *waba_readiness_status_name(enum waba_readiness_status s);

/* The checklist and the stages for people, in `lang`, appended to `out`. */
void waba_readiness_text(const struct waba_readiness *rd, const struct waba_checklist *cl, const char *lang, int color,
                         struct waba_strbuf *out);

/* {"ready": b, "requirements": [{"id","status","title"}], "stages": [{"id","title","duration"}]} */
cJSON *waba_readiness_json(const struct waba_readiness *rd, const struct waba_checklist *cl, const char *lang);

void waba_readiness_release(struct waba_readiness *rd);

#endif
