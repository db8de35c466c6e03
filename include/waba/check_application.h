/*
 * check_application.h: every check on one application file (the `check` command, and
 * the wizard after each answer): the Business Manager ID and its verification status,
 * the phone numbers, the photo, the display name with the legal name, the profile and
 * the template files; then, once the findings are final, the readiness checklist
 * judged from all of it.
 *
 *   struct waba_app_check c = WABA_APP_CHECK_INIT;
 *   if (waba_check_application_file(&c, &report, "application.json", cl) < 0)
 *           ... waba_error_last() says which file could not be read ...
 *   waba_findings_settle(&report.findings, &verdict, WABA_SETTLE_UNUSED);
 *   waba_app_check_judge(&c, &report, cl);
 *   ... report.findings, c.readiness ...
 *   waba_app_check_release(&c);     // after the report: findings borrow file names
 */
#ifndef WABA_CHECK_APPLICATION_H
#define WABA_CHECK_APPLICATION_H

#include "application.h"
#include "checklist.h"
#include "readiness.h"
#include "report.h"
#include "source.h"

/* The application's "answers" member that carries the verification status when no
 * token is at hand (the wizard asks for it): answers.verification_status. */
#define WABA_APP_VERIFICATION_KEY "verification_status"

struct waba_app_check {
	struct waba_source src;       /* the application's bytes (findings point into it) */
	struct waba_application *app; /* parsed; NULL until read */
	struct waba_source *tpl_src;  /* the template files' bytes */
	size_t ntpl;
	struct waba_readiness readiness; /* judged by waba_app_check_judge() */
	char *base_dir;                  /* the application's folder ("." for a bare name) */
	int paths_anywhere;              /* 1: the photo and templates may lie outside base_dir
	                                    * (the wizard: the person typed them); 0: confined */
};
/* clang-format off */
#define WABA_APP_CHECK_INIT { WABA_SOURCE_INIT, NULL, NULL, 0, { NULL, 0, 0 }, NULL, 0 }
/* clang-format on */

/*
 * Read, parse and check the application at `path`; items and (raw) findings go to `r`.
 * Problems in the files are findings. Paths in
 * the application (photo, templates) are relative to its folder and must stay inside it
 * once symbolic links are resolved, unless paths_anywhere is set (confine.h); only
 * regular files are opened.
 * @return 0; WABA_ENOTFOUND / WABA_EIO when the application, its photo or a template
 * cannot be read (the reason names the file).
 */
int waba_check_application_file(struct waba_app_check *out, struct waba_report *r, const char *path,
                                const struct waba_checklist *cl);

/* Judge the readiness checklist into c->readiness from r's items and findings, which
 * must be final (waba_findings_settle). Judging again replaces the earlier verdict. */
int waba_app_check_judge(struct waba_app_check *c, const struct waba_report *r, const struct waba_checklist *cl);

/* A path written in the application, resolved against its folder; caller frees. */
char *waba_app_path(const struct waba_app_check *c, const char *rel);

/* The folder the application's paths must stay in: base_dir, or NULL (paths_anywhere). */
const char *waba_app_root(const struct waba_app_check *c);

void waba_app_check_release(struct waba_app_check *c);

#endif
