/*
 * cmd_wizard.c: `waba-preflight wizard [--state FILE]`: the whole onboarding, one
 * question at a time, in the order of Botmaker's process (policy §7): requirements,
 * Business Manager ID, verification, numbers, photo, display name, profile, templates,
 * contact; then a review where any answer can be changed, the readiness checklist and
 * the activation e-mail.
 *
 * Every answer goes into the state file (an application file) at once, atomically;
 * then the same checks as `check` run on it and the findings about that answer are
 * shown with their hints. The wording is data: checklists/wizard.xml.
 */
#include <string.h>
#include <unistd.h>
#include "waba/business.h"
#include "waba/check_application.h"
#include "waba/graph.h"
#include "wizard.h"

#define DEFAULT_STATE "waba-preflight.json"
#define DEFAULT_EMAIL "request.eml"

struct step {
	const char *id;                      /* "business": title wizard.step.<id> */
	int (*run)(struct wizard *w);        /* WIZ_OK, WIZ_QUIT, or an exit code > 0 */
};

/* ---- checking one answer ------------------------------------------------------------ */

static int starts_with_any(const char *id, const char *prefixes)
{
	for (const char *p = prefixes; *p;) {
		size_t n = strcspn(p, ",");
		if (n && strncmp(id, p, n) == 0)
			return 1;
		p += n + (p[n] == ',');
	}
	return 0;
}

/* Does finding f concern the file `file` (through its own file or its item's)? */
static int about_file(const struct waba_report *r, const struct waba_finding *f, const char *file)
{
	const char *ff = f->file;
	if (!ff && f->item >= 0 && (size_t)f->item < r->nitems)
		ff = r->items[f->item].file;
	return ff && strcmp(ff, file) == 0;
}

/*
 * Save the state, run every check on it, and show the findings whose rule starts with
 * one of `prefixes` (and, with `file`, that concern that file). If `kind`/`input` are
 * given, *item receives a copy of that item's JSON (free with cJSON_Delete).
 * @return the number of errors shown, or -1 when the state could not be written.
 */
static long check_answer(struct wizard *w, const char *prefixes, const char *file, const char *kind,
                         const char *input, cJSON **item, int show)
{
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	long errors = 0;

	if (wiz_state_save(&w->st) < 0) {
		cli_fail("%s", waba_error_last());
		return -1;
	}
	r.command = "wizard";
	if (waba_check_application_file(&c, &r, w->st.path, w->run->checklist) < 0)
		printf("%s\n", waba_error_last());
	for (size_t i = 0; i < r.findings.len; i++) {
		struct waba_finding *f = &r.findings.v[i];
		if (!starts_with_any(f->rule->id, prefixes) || (file && !about_file(&r, f, file))) {
			f->severity = WABA_SEV_OFF;
			continue;
		}
		free(f->file); /* the answer was typed: no place in the state file to point at */
		f->file = NULL;
		f->loc.line = f->loc.column = 0;
	}
	waba_findings_drop_off(&r.findings);
	for (size_t i = 0; item && kind && i < r.nitems; i++) {
		const cJSON *in = cJSON_GetObjectItemCaseSensitive(r.items[i].json, "input");
		if (strcmp(r.items[i].kind, kind) == 0 && cJSON_IsString(in) && strcmp(in->valuestring, input) == 0) {
			*item = cJSON_Duplicate(r.items[i].json, 1);
			break;
		}
	}
	for (size_t i = 0; i < r.nitems; i++) {
		free(r.items[i].name);    /* shown as the subject of item-less findings */
		r.items[i].name = NULL;
	}
	if (show)
		errors = (long)wiz_show_findings(w, &r);
	waba_report_release(&r);
	waba_app_check_release(&c);
	return errors;
}

/* After errors: keep the answer anyway? (No by default: ask again.) */
static int keep_anyway(struct wizard *w, long errors, int *keep)
{
	*keep = errors <= 0;
	if (errors <= 0)
		return WIZ_OK;
	return wiz_yesno(w, "keep", 0, keep);
}

/*
 * Ask a string field root[obj][key] (obj may be NULL), save it, check it with
 * `prefixes`; ask again while it has errors and the user does not keep it.
 */
static int ask_field(struct wizard *w, const char *qid, const char *obj, const char *key, const char *prefixes)
{
	for (;;) {
		char *a;
		int keep;
		const char *def = wiz_state_str(&w->st, obj, key);
		if (wiz_ask(w, qid, def, 0, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		wiz_state_set_str(&w->st, obj, key, a);
		free(a);
		long errors = check_answer(w, prefixes, NULL, NULL, NULL, NULL, 1);
		if (errors < 0)
			return CLI_EXIT_FAIL;
		if (keep_anyway(w, errors, &keep) == WIZ_QUIT)
			return WIZ_QUIT;
		if (keep)
			return WIZ_OK;
	}
}

/* ---- the steps ---------------------------------------------------------------------- */

static int step_requirements(struct wizard *w)
{
	const struct waba_set *req = waba_checklist_set(w->run->checklist, "readiness.requirements");
	wiz_say(w, "wizard.intro", NULL, NULL);
	for (size_t i = 0; req && i < req->len; i++) {
		char *id = waba_xasprintf("readiness.%s.title", req->items[i].value);
		printf("  - %s\n", wiz_text(w, id));
		free(id);
	}
	putchar('\n');
	cJSON *answers = wiz_state_obj(&w->st, "answers");
	for (size_t i = 0; req && i < req->len; i++) {
		const char *ask = waba_set_item_attr(&req->items[i], "ask");
		if (!ask || strcmp(ask, "yes") != 0)
			continue;
		const cJSON *old = cJSON_GetObjectItemCaseSensitive(answers, req->items[i].value);
		char *qid = waba_xasprintf("req.%s", req->items[i].value);
		int yes;
		int rc = wiz_yesno(w, qid, cJSON_IsBool(old) ? cJSON_IsTrue(old) : -1, &yes);
		free(qid);
		if (rc == WIZ_QUIT)
			return WIZ_QUIT;
		cJSON_DeleteItemFromObjectCaseSensitive(answers, req->items[i].value);
		cJSON_AddBoolToObject(answers, req->items[i].value, yes);
		if (!yes) {
			char *id = waba_xasprintf("wizard.q.req.%s.no", req->items[i].value);
			wiz_say(w, id, NULL, NULL);
			free(id);
		}
		if (wiz_state_save(&w->st) < 0)
			return cli_fail("%s", waba_error_last());
	}
	return WIZ_OK;
}

static int step_business(struct wizard *w)
{
	wiz_say(w, "wizard.business.where", NULL, NULL);
	int rc = ask_field(w, "business_id", NULL, "business_id", "business.id.");
	const char *typed = wiz_state_str(&w->st, NULL, "business_id");
	if (rc == WIZ_OK && typed) {
		struct waba_business_input b;
		waba_business_input_parse(&b, typed);
		if (b.id && strcmp(b.id, typed) != 0) { /* keep the ID, not the URL it came in */
			wiz_state_set_str(&w->st, NULL, "business_id", b.id);
			if (wiz_state_save(&w->st) < 0)
				rc = cli_fail("%s", waba_error_last());
		}
		waba_business_input_release(&b);
	}
	return rc;
}

/* The status from Meta when a token is set; NULL (and a line saying why) otherwise. */
static char *status_online(struct wizard *w)
{
	const char *token = getenv(WABA_GRAPH_TOKEN_ENV);
	const char *id = wiz_state_str(&w->st, NULL, "business_id");
	struct waba_graph_options o;
	struct waba_graph_result res = { 0 };
	char *status = NULL;

	if (!token || !*token || !id)
		return NULL;
	if (waba_graph_token_check(token, WABA_GRAPH_TOKEN_ENV) < 0) {
		printf("%s\n", waba_error_last());
		return NULL;
	}
	waba_graph_options_init(&o, w->run->checklist);
	o.token = token;
	wiz_say(w, "wizard.verification.online", NULL, NULL);
	if (waba_graph_business_status(&res, &o, id) == 0 && res.verification_status)
		status = waba_xstrdup(res.verification_status);
	else
		wiz_say(w, "wizard.verification.online_failed", "reason", waba_error_last());
	waba_graph_result_release(&res);
	return status;
}

static int ask_status(struct wizard *w, const struct waba_set *set, char **out)
{
	const char *old = NULL;
	cJSON *answers = wiz_state_obj(&w->st, "answers");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, WABA_APP_VERIFICATION_KEY);
	if (cJSON_IsString(v))
		old = v->valuestring;
	for (size_t i = 0; set && i < set->len; i++) {
		char *label = waba_xasprintf("wizard.vstatus.%s", set->items[i].value);
		printf("  %2zu) %s\n", i + 1, wiz_text(w, label));
		free(label);
	}
	for (;;) {
		char *a, *end;
		if (wiz_ask(w, "verification", old, 0, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		unsigned long n = strtoul(a, &end, 10);
		if (!*a) {
			*out = a; /* not known */
			return WIZ_OK;
		}
		if (!*end && n >= 1 && set && n <= set->len) {
			free(a);
			*out = waba_xstrdup(set->items[n - 1].value);
			return WIZ_OK;
		}
		if (set && waba_set_find_nocase(set, a)) {
			*out = a;
			return WIZ_OK;
		}
		wiz_say(w, "wizard.choose_again", NULL, NULL);
		free(a);
	}
}

static int step_verification(struct wizard *w)
{
	const struct waba_set *set = waba_checklist_set(w->run->checklist, "business.verification_status");
	char *status = status_online(w);
	if (!status && ask_status(w, set, &status) == WIZ_QUIT)
		return WIZ_QUIT;
	cJSON *answers = wiz_state_obj(&w->st, "answers");
	cJSON_DeleteItemFromObjectCaseSensitive(answers, WABA_APP_VERIFICATION_KEY);
	if (*status) {
		cJSON_AddStringToObject(answers, WABA_APP_VERIFICATION_KEY, status);
		char *guide = waba_xasprintf("business.status.%s", status);
		const char *t = waba_checklist_text(w->run->checklist, guide, w->lang);
		printf("%s: %s\n", status, t ? t : "");
		free(guide);
	} else {
		wiz_say(w, "wizard.verification.unknown", NULL, NULL);
	}
	free(status);
	return check_answer(w, "business.verification", NULL, NULL, NULL, NULL, 1) < 0 ? CLI_EXIT_FAIL : WIZ_OK;
}

static cJSON *numbers_array(struct wizard *w)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(w->st.root, "numbers");
	if (cJSON_IsArray(a))
		return a;
	cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "numbers");
	return cJSON_AddArrayToObject(w->st.root, "numbers");
}

/* Check the number just added (the last one); ask the six-month question for mobiles. */
static int check_number(struct wizard *w, cJSON *entry, const char *number, int *keep)
{
	cJSON *item = NULL;
	long errors = check_answer(w, "phone.", NULL, "phone", number, &item, 0);
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
	if (errors < 0) {
		cJSON_Delete(item);
		return CLI_EXIT_FAIL;
	}
	if (cJSON_IsString(type)) {
		char *label = waba_xasprintf("wizard.ptype.%s", type->valuestring);
		wiz_say(w, "wizard.phone.type", "type", wiz_text(w, label));
		free(label);
		if (strcmp(type->valuestring, "mobile") == 0 || strcmp(type->valuestring, "fixed_line_or_mobile") == 0) {
			int used;
			if (wiz_yesno(w, "used_whatsapp", -1, &used) == WIZ_QUIT) {
				cJSON_Delete(item);
				return WIZ_QUIT;
			}
			cJSON_DeleteItemFromObjectCaseSensitive(entry, "used_whatsapp");
			cJSON_AddStringToObject(entry, "used_whatsapp", used ? "yes" : "no");
			cJSON_Delete(item);
			item = NULL;
		}
	}
	errors = check_answer(w, "phone.", NULL, NULL, NULL, NULL, 1);
	cJSON_Delete(item);
	if (errors < 0)
		return CLI_EXIT_FAIL;
	return keep_anyway(w, errors, keep);
}

static int step_numbers(struct wizard *w)
{
	cJSON *numbers = numbers_array(w);
	const cJSON *n;
	wiz_say(w, "wizard.phone.intro", NULL, NULL);
	cJSON_ArrayForEach(n, numbers) {
		const cJSON *num = cJSON_GetObjectItemCaseSensitive(n, "number");
		if (cJSON_IsString(num))
			printf("  - %s\n", num->valuestring);
	}
	for (;;) {
		char *a;
		int keep, rc;
		if (wiz_ask(w, cJSON_GetArraySize(numbers) ? "phone_more" : "phone", NULL, 0, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		if (!*a) {
			free(a);
			return WIZ_OK;
		}
		cJSON *entry = cJSON_CreateObject();
		cJSON_AddStringToObject(entry, "number", a);
		cJSON_AddItemToArray(numbers, entry);
		rc = check_number(w, entry, a, &keep);
		free(a);
		if (rc != WIZ_OK)
			return rc;
		if (!keep)
			cJSON_DeleteItemFromArray(numbers, cJSON_GetArraySize(numbers) - 1);
		if (wiz_state_save(&w->st) < 0)
			return cli_fail("%s", waba_error_last());
	}
}

/* The path as the state file should hold it: relative to the state file's folder. */
static char *path_for_state(const struct wizard *w, const char *typed)
{
	if (typed[0] == '/' || !strchr(w->st.path, '/'))
		return waba_xstrdup(typed);
	char *abs = realpath(typed, NULL);
	return abs ? abs : waba_xstrdup(typed);
}

/* Offer `photo --fix`; on success the fixed copy becomes the photo. */
static int offer_fix(struct wizard *w, const char *path)
{
	int yes;
	if (wiz_yesno(w, "photo_fix", 1, &yes) == WIZ_QUIT)
		return WIZ_QUIT;
	if (!yes)
		return WIZ_OK;
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
	char *out = waba_xasprintf("%.*s-whatsapp.png", (int)stem, path);
	char *argv[] = { (char *)"photo", (char *)path, (char *)"--fix", out, (char *)"--lang",
	                 (char *)w->lang, (char *)"--quiet", w->color ? NULL : (char *)"--no-color", NULL };
	cmd_photo(w->color ? 7 : 8, argv);
	waba_i18n_init(w->lang);
	if (access(out, R_OK) == 0) {
		char *stored = path_for_state(w, out);
		wiz_say(w, "wizard.photo.fixed", "file", out);
		wiz_state_set_str(&w->st, NULL, "photo", stored);
		free(stored);
		check_answer(w, "photo.", NULL, NULL, NULL, NULL, 1);
	}
	free(out);
	return WIZ_OK;
}

static int step_photo(struct wizard *w)
{
	for (;;) {
		char *a;
		int keep, rc;
		if (wiz_ask(w, "photo", wiz_state_str(&w->st, NULL, "photo"), 1, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		if (!*a) {
			free(a);
			return WIZ_OK;
		}
		if (access(a, R_OK) != 0) {
			wiz_say(w, "wizard.no_file", "file", a);
			free(a);
			continue;
		}
		char *stored = path_for_state(w, a);
		wiz_state_set_str(&w->st, NULL, "photo", stored);
		free(stored);
		long errors = check_answer(w, "photo.", NULL, NULL, NULL, NULL, 1);
		if (errors < 0) {
			free(a);
			return CLI_EXIT_FAIL;
		}
		rc = errors > 0 ? offer_fix(w, a) : WIZ_OK;
		free(a);
		if (rc != WIZ_OK)
			return rc;
		if (errors > 0 && (errors = check_answer(w, "photo.", NULL, NULL, NULL, NULL, 1)) < 0)
			return CLI_EXIT_FAIL;
		if (keep_anyway(w, errors, &keep) == WIZ_QUIT)
			return WIZ_QUIT;
		if (keep)
			return WIZ_OK;
	}
}

static int step_name(struct wizard *w)
{
	int rc;
	if ((rc = ask_field(w, "legal_name", NULL, "legal_name", "name.business.")) != WIZ_OK)
		return rc;
	if ((rc = ask_field(w, "website", NULL, "website", "name.website")) != WIZ_OK)
		return rc;
	return ask_field(w, "display_name", NULL, "display_name", "name.");
}

static int ask_websites(struct wizard *w)
{
	cJSON *profile = wiz_state_obj(&w->st, "profile");
	const cJSON *old = cJSON_GetObjectItemCaseSensitive(profile, "websites"), *v;
	struct waba_strbuf def = WABA_STRBUF_INIT;
	cJSON_ArrayForEach(v, old)
		if (cJSON_IsString(v))
			waba_strbuf_addf(&def, "%s%s", def.len ? ", " : "", v->valuestring);
	if (!def.len && wiz_state_str(&w->st, NULL, "website"))
		waba_strbuf_adds(&def, wiz_state_str(&w->st, NULL, "website"));
	for (;;) {
		char *a, *save = NULL;
		int keep;
		if (wiz_ask(w, "websites", def.len ? def.buf : NULL, 0, &a) == WIZ_QUIT) {
			waba_strbuf_release(&def);
			return WIZ_QUIT;
		}
		cJSON *list = cJSON_CreateArray();
		for (char *t = strtok_r(a, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
			cJSON_AddItemToArray(list, cJSON_CreateString(t));
		free(a);
		cJSON_DeleteItemFromObjectCaseSensitive(profile, "websites");
		if (cJSON_GetArraySize(list))
			cJSON_AddItemToObject(profile, "websites", list);
		else
			cJSON_Delete(list);
		long errors = check_answer(w, "profile.website", NULL, NULL, NULL, NULL, 1);
		if (errors < 0 || keep_anyway(w, errors, &keep) == WIZ_QUIT) {
			waba_strbuf_release(&def);
			return errors < 0 ? CLI_EXIT_FAIL : WIZ_QUIT;
		}
		if (keep) {
			waba_strbuf_release(&def);
			return WIZ_OK;
		}
	}
}

static int step_profile(struct wizard *w)
{
	static const char *const fields[] = { "about", "address", "description", "vertical", "email" };
	int rc;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *prefix = waba_xasprintf("profile.%s", fields[i]);
		rc = ask_field(w, fields[i], "profile", fields[i], prefix);
		free(prefix);
		if (rc != WIZ_OK)
			return rc;
	}
	return ask_websites(w);
}

static int step_templates(struct wizard *w)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(w->st.root, "templates");
	if (!cJSON_IsArray(list)) {
		cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "templates");
		list = cJSON_AddArrayToObject(w->st.root, "templates");
	}
	wiz_say(w, "wizard.templates.intro", NULL, NULL);
	for (;;) {
		char *a;
		if (wiz_ask(w, "template", NULL, 1, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		if (!*a) {
			free(a);
			break;
		}
		if (access(a, R_OK) != 0) {
			wiz_say(w, "wizard.no_file", "file", a);
			free(a);
			continue;
		}
		char *stored = path_for_state(w, a);
		cJSON_AddItemToArray(list, cJSON_CreateString(stored));
		long errors = check_answer(w, "template.,input.", stored, NULL, NULL, NULL, 1);
		free(stored);
		free(a);
		if (errors < 0)
			return CLI_EXIT_FAIL;
	}
	if (cJSON_GetArraySize(list) == 0)
		cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "templates");
	return WIZ_OK;
}

static int step_contact(struct wizard *w)
{
	static const char *const fields[] = { "name", "email", "phone" };
	int rc;
	wiz_say(w, "wizard.contact.intro", NULL, NULL);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *qid = waba_xasprintf("contact_%s", fields[i]);
		char *prefix = waba_xasprintf("email.contact.%s", fields[i]);
		rc = ask_field(w, qid, "contact", fields[i], prefix);
		free(qid);
		free(prefix);
		if (rc != WIZ_OK)
			return rc;
	}
	return WIZ_OK;
}

static const struct step steps[] = {
	{ "requirements", step_requirements },
	{ "business", step_business },
	{ "verification", step_verification },
	{ "numbers", step_numbers },
	{ "photo", step_photo },
	{ "name", step_name },
	{ "profile", step_profile },
	{ "templates", step_templates },
	{ "contact", step_contact },
};
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static int run_step(struct wizard *w, size_t i)
{
	char *title = waba_xasprintf("wizard.step.%s", steps[i].id);
	char *num = waba_xasprintf("%zu/%zu", i + 1, NSTEPS);
	printf("\n%s[%s] %s%s\n", w->color ? "\033[1m" : "", num, wiz_text(w, title), w->color ? "\033[0m" : "");
	free(title);
	free(num);
	int rc = steps[i].run(w);
	if (rc != WIZ_OK)
		return rc;
	wiz_state_mark_done(&w->st, steps[i].id);
	return wiz_state_save(&w->st) < 0 ? cli_fail("%s", waba_error_last()) : WIZ_OK;
}

/* ---- review, readiness, e-mail ------------------------------------------------------ */

static int review(struct wizard *w)
{
	for (;;) {
		char *a, *end;
		wiz_heading(w, "wizard.review");
		for (size_t i = 0; i < NSTEPS; i++) {
			char *title = waba_xasprintf("wizard.step.%s", steps[i].id);
			printf("  %zu) %s\n", i + 1, wiz_text(w, title));
			free(title);
		}
		if (wiz_ask(w, "review", NULL, 0, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		unsigned long n = strtoul(a, &end, 10);
		int empty = !*a, valid = *a && !*end && n >= 1 && n <= NSTEPS;
		free(a);
		if (empty)
			return WIZ_OK;
		if (!valid) {
			wiz_say(w, "wizard.choose_again", NULL, NULL);
			continue;
		}
		int rc = run_step(w, n - 1);
		if (rc != WIZ_OK)
			return rc;
	}
}

/* The whole report on the state, with the readiness checklist. Returns 0 or 1 (errors). */
static int readiness(struct wizard *w)
{
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	struct waba_strbuf text = WABA_STRBUF_INIT;
	struct waba_report_options o = { 0 };

	wiz_heading(w, "wizard.readiness");
	r.command = "check";
	if (waba_check_application_file(&c, &r, w->st.path, w->run->checklist) < 0)
		printf("%s\n", waba_error_last());
	waba_findings_sort(&r.findings);
	waba_readiness_text(&c.readiness, w->run->checklist, w->lang, w->color, &text);
	r.appendix = waba_strbuf_detach(&text);
	o.color = w->color;
	o.lang = w->lang;
	waba_reporter_find("text")->write(stdout, &r, &o);
	int rc = waba_findings_count(&r.findings, WABA_SEV_ERROR) > 0 ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
	waba_report_release(&r);
	waba_app_check_release(&c);
	return rc;
}

static int offer_email(struct wizard *w)
{
	int yes;
	char *url;
	if (wiz_yesno(w, "write_email", 1, &yes) == WIZ_QUIT)
		return WIZ_QUIT;
	if (!yes)
		return WIZ_OK;
	if (wiz_ask(w, "send_email", NULL, 0, &url) == WIZ_QUIT)
		return WIZ_QUIT;
	char *argv[12];
	int argc = 0;
	argv[argc++] = (char *)"email";
	argv[argc++] = (char *)w->st.path;
	argv[argc++] = (char *)"-o";
	argv[argc++] = (char *)DEFAULT_EMAIL;
	argv[argc++] = (char *)"--lang";
	argv[argc++] = (char *)w->lang;
	argv[argc++] = (char *)"--quiet";
	if (!w->color)
		argv[argc++] = (char *)"--no-color";
	if (*url) {
		argv[argc++] = (char *)"--send";
		argv[argc++] = url;
	}
	argv[argc] = NULL;
	int rc = cmd_email(argc, argv);
	waba_i18n_init(w->lang);
	if (rc == CLI_EXIT_OK || access(DEFAULT_EMAIL, R_OK) == 0)
		wiz_say(w, "wizard.email.written", "file", DEFAULT_EMAIL);
	free(url);
	return WIZ_OK;
}

/* ---- the command -------------------------------------------------------------------- */

static int offer_resume(struct wizard *w)
{
	int yes;
	if (!w->st.root->child)
		return WIZ_OK;
	wiz_say(w, "wizard.resume.found", "file", w->st.path);
	if (wiz_yesno(w, "resume", 1, &yes) == WIZ_QUIT)
		return WIZ_QUIT;
	if (!yes) {
		wiz_state_forget_steps(&w->st); /* start over, the old answers as defaults */
		wiz_say(w, "wizard.resume.restart", NULL, NULL);
	}
	return WIZ_OK;
}

static int run_wizard(struct wizard *w)
{
	int rc;
	wiz_signals_install(w);
	printf("%s%s%s\n", w->color ? "\033[1m" : "", wiz_text(w, "wizard.title"), w->color ? "\033[0m" : "");
	wiz_say(w, "wizard.how", "file", w->st.path);
	if ((rc = offer_resume(w)) != WIZ_OK)
		return rc;
	for (size_t i = 0; i < NSTEPS; i++)
		if (!wiz_state_done(&w->st, steps[i].id) && (rc = run_step(w, i)) != WIZ_OK)
			return rc;
	if ((rc = review(w)) != WIZ_OK)
		return rc;
	int verdict = readiness(w);
	if ((rc = offer_email(w)) != WIZ_OK)
		return rc;
	wiz_say(w, "wizard.done", "file", w->st.path);
	return verdict;
}

int cmd_wizard(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct wizard w;
	const char *state = NULL;
	int rc, existed;
	cli_run_init(&run, "wizard");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("state", &state, "FILE", N_("where every answer is saved, and resumed from "
		                                           "(default: waba-preflight.json in the current folder)")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, "",
	                   N_("answer the questions of the activation request one at a time; "
	                      "every answer is checked and saved at once"));
	if (rc != CLI_CONTINUE)
		return rc;
	memset(&w, 0, sizeof(w));
	w.run = &run;
	if (args.len != 0) {
		rc = cli_fail("%s", _("wizard: takes no arguments (try --help)"));
		goto done;
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	w.lang = waba_i18n_lang();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		rc = cli_fail("%s", wiz_text(&w, "wizard.no_tty"));
		goto done;
	}
	w.color = run.report_options.color;
	if (wiz_state_load(&w.st, state ? state : DEFAULT_STATE, &existed) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	rc = run_wizard(&w);
	if (rc == WIZ_QUIT) {
		wiz_say_saved(&w);
		rc = CLI_EXIT_INTERRUPTED;
	}
done:
	wiz_state_release(&w.st);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
