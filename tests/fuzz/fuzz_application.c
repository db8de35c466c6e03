/*
 * fuzz_application.c: the application file (src/parse/application.c): parse, the
 * location of every field and of characters inside it, the serializer (the wizard's
 * state file: what it writes must parse back), and the pure checks that read the
 * parsed application (name, profile), through every reporter. No file is opened:
 * the photo and template paths stay paths.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/application.h"
#include "waba/name.h"
#include "waba/profile.h"

static unsigned nlines;

static void field(const struct waba_application *app, const struct waba_app_str *f)
{
	struct waba_loc l = waba_application_loc(app, f);
	FUZZ_ASSERT(l.line <= nlines + 1, "field at line %u of %u", l.line, nlines);
	if (f->value) {
		size_t n = strlen(f->value);
		for (size_t i = 0; i <= n; i += 3) {
			l = waba_application_str_loc(app, f, i, i + 2 < n ? i + 2 : n);
			FUZZ_ASSERT(l.line <= nlines + 1, "character at line %u of %u", l.line, nlines);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_source src;
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_application *app = NULL;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	const struct waba_checklist *cl = fuzz_checklist();
	waba_source_from_mem(&src, "application.json", (const char *)data, size);
	nlines = 1;
	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	waba_application_parse(&app, &src, &r.findings);
	FUZZ_ASSERT(app != NULL, "no application returned");
	if (app->readable) {
		field(app, &app->business_id);
		field(app, &app->legal_name);
		field(app, &app->display_name);
		field(app, &app->website);
		field(app, &app->photo);
		field(app, &app->language);
		for (size_t i = 0; i < app->nnumbers; i++) {
			field(app, &app->numbers[i].number);
			field(app, &app->numbers[i].region);
			field(app, &app->numbers[i].used_whatsapp);
			field(app, &app->numbers[i].purpose);
		}
		field(app, &app->profile.about);
		field(app, &app->profile.address);
		field(app, &app->profile.description);
		field(app, &app->profile.email);
		field(app, &app->profile.vertical);
		for (size_t i = 0; i < app->profile.nwebsites; i++)
			field(app, &app->profile.websites[i]);
		field(app, &app->contact.name);
		field(app, &app->contact.email);
		field(app, &app->contact.phone);
		for (size_t i = 0; i < app->ntemplates; i++)
			field(app, &app->templates[i]);
		(void)waba_application_loc_at(app, size);

		/* the wizard writes this back: it must be JSON again */
		cJSON *j = waba_application_to_json(app);
		char *text = cJSON_PrintUnformatted(j);
		FUZZ_ASSERT(text != NULL, "the serialized application does not print");
		cJSON *again = cJSON_Parse(text);
		FUZZ_ASSERT(again != NULL, "the serialized application does not parse back");
		cJSON_Delete(again);
		free(text);
		cJSON_Delete(j);

		r.views = 1; /* the HTML report's profile card */
		waba_check_name_app(&r, app, NULL, cl);
		waba_check_profile(&r, app, cl);
	}
	fuzz_render_all(&r);
	waba_application_free(app);
	waba_report_release(&r);
	waba_source_release(&src);
	return 0;
}
