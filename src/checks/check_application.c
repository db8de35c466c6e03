/*
 * check_application.c: run every family on one application file, in the order of
 * Botmaker's request (policy §7): Business Manager, numbers, photo, display name,
 * profile, templates; then judge the readiness checklist from the whole report.
 * No rules of its own: each family keeps its rules (one rule, one place).
 */
#include <stdlib.h>
#include <string.h>
#include "waba/business.h"
#include "waba/check_application.h"
#include "waba/profile.h"
#include "waba/i18n.h"
#include "waba/name.h"
#include "waba/phone.h"
#include "waba/photo.h"
#include "waba/template.h"
#include "waba/webhook.h"

char *waba_app_path(const struct waba_app_check *c, const char *rel)
{
	if (rel[0] == '/' || !c->base_dir || strcmp(c->base_dir, ".") == 0)
		return waba_xstrdup(rel);
	return waba_xasprintf("%s/%s", c->base_dir, rel);
}

const char *waba_app_root(const struct waba_app_check *c)
{
	return c->paths_anywhere ? NULL : c->base_dir;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return waba_xstrdup(".");
	if (slash == path)
		return waba_xstrdup("/");
	return waba_xstrndup(path, (size_t)(slash - path));
}

static const char *verification_status(const struct waba_application *app)
{
	const cJSON *v = app->answers ? cJSON_GetObjectItemCaseSensitive(app->answers, WABA_APP_VERIFICATION_KEY) : NULL;
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

static void check_numbers(struct waba_report *r, const struct waba_application *app, const struct waba_checklist *cl)
{
	for (size_t i = 0; i < app->nnumbers; i++) {
		const struct waba_app_number *n = &app->numbers[i];
		int used = n->used == WABA_USED_WHATSAPP_YES ? 1 : n->used == WABA_USED_WHATSAPP_NO ? 0 : -1;
		if (n->number.value)
			waba_check_phone(r, n->number.value, n->region.value, used, cl);
	}
	if (app->nnumbers)
		waba_check_phone_finish(r, cl);
}

/* The display name (with the legal name and website) and the profile fields. */
static void check_texts(struct waba_report *r, const struct waba_application *app, const struct waba_checklist *cl)
{
	if (app->display_name.value)
		waba_check_name_app(r, app, NULL, cl); /* offline: `name --website` fetches the site */
	waba_check_profile(r, app, cl);
}

static int check_photo(struct waba_app_check *c, struct waba_report *r, const struct waba_checklist *cl)
{
	char *path = waba_app_path(c, c->app->photo.value);
	int err = waba_check_photo_inside(r, path, waba_app_root(c), c->src.name, cl);
	if (err < 0) { /* say which application the photo belongs to */
		char *why = waba_xstrdup(waba_error_last());
		err = waba_error_set(err, _("the photo of '%s': %s"), c->src.name, why);
		free(why);
	}
	free(path);
	return err;
}

static int check_templates(struct waba_app_check *c, struct waba_report *r, const struct waba_checklist *cl)
{
	const struct waba_application *app = c->app;
	c->tpl_src = waba_xcalloc(app->ntemplates + 1, sizeof(*c->tpl_src));
	for (size_t i = 0; i < app->ntemplates; i++) {
		if (!app->templates[i].value)
			continue;
		char *path = waba_app_path(c, app->templates[i].value);
		int err = waba_source_read_inside(&c->tpl_src[c->ntpl], path, waba_app_root(c), c->src.name,
		                                  WABA_SOURCE_MAX);
		free(path);
		if (err < 0) {
			char *why = waba_xstrdup(waba_error_last());
			err = waba_error_set(err, _("a template of '%s': %s"), c->src.name, why);
			free(why);
			return err;
		}
		waba_lint_source(r, &c->tpl_src[c->ntpl++], cl);
	}
	return 0;
}

int waba_check_application_file(struct waba_app_check *out, struct waba_report *r, const char *path,
                                const struct waba_checklist *cl)
{
	int err;
	out->base_dir = dir_of(path);
	if ((err = waba_source_read(&out->src, path, WABA_SOURCE_MAX)) < 0)
		return err;
	waba_application_parse(&out->app, &out->src, &r->findings);
	const struct waba_application *app = out->app;
	if (app->readable) {
		if (app->business_id.value)
			waba_check_business(r, app->business_id.value, verification_status(app), cl);
		check_numbers(r, app, cl);
		if (app->photo.value && (err = check_photo(out, r, cl)) < 0)
			return err;
		check_texts(r, app, cl);
		if ((err = check_templates(out, r, cl)) < 0)
			return err;
		/* offline, only what the URL itself says; `check --online` calls the endpoint */
		waba_report_end_item(r);
		if (app->webhook.url.value)
			waba_check_webhook_url(&r->findings, app->webhook.url.value,
			                       waba_application_loc(app, &app->webhook.url));
	}
	waba_report_end_item(r);
	return 0;
}

int waba_app_check_judge(struct waba_app_check *c, const struct waba_report *r, const struct waba_checklist *cl)
{
	waba_readiness_release(&c->readiness);
	return waba_readiness_evaluate(&c->readiness, r, c->app ? c->app->answers : NULL, cl);
}

void waba_app_check_release(struct waba_app_check *c)
{
	waba_readiness_release(&c->readiness);
	waba_application_free(c->app);
	for (size_t i = 0; i < c->ntpl; i++)
		waba_source_release(&c->tpl_src[i]);
	free(c->tpl_src);
	waba_source_release(&c->src);
	free(c->base_dir);
	memset(c, 0, sizeof(*c));
}
