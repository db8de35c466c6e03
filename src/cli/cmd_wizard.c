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
#include <strings.h>
#include <unistd.h>
#include "waba/text.h"
#include "waba/business.h"
#include "waba/check_application.h"
#include "waba/graph.h"
#include "waba/phone.h"
#include "waba/photo.h"
#include "waba/email.h"
#include "waba/webhook.h"
#include "wizard.h"

#define DEFAULT_STATE "waba-preflight.json"
#define DEFAULT_EMAIL "request.eml"

struct step {
	const char *id;               /* "business": title wizard.step.<id> */
	int (*run)(struct wizard *w); /* WIZ_OK, WIZ_QUIT, or an exit code > 0 */
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

/* Make a fresh run's findings final, as `check` does (the verdict was loaded at start). */
static void settle(struct wizard *w, struct waba_report *r, unsigned flags)
{
	struct waba_verdict v;
	if (cli_run_verdict(w->run, &v) == 0)
		waba_findings_settle(&r->findings, &v, flags | WABA_SETTLE_NEW_RUN);
}

/*
 * Save the state, run every check on it, and show the findings whose rule starts with
 * one of `prefixes` (and, with `file`, that concern that file). If `number` is given,
 * *phone_type receives the type the phone family found for it (enum waba_phone_type;
 * WABA_PHONE_UNKNOWN when it is not valid or not found). `show` 2:
 * show the findings but no "ok" line when there are none (the caller has said what happened).
 * @return the number of errors shown, or -1 when the state could not be written.
 */
static long check_answer(struct wizard *w, const char *prefixes, const char *file, const char *number, int *phone_type,
                         int show)
{
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	long errors = 0;

	if (wiz_state_save(&w->st) < 0) {
		cli_fail("%s", waba_error_last());
		return -1;
	}
	r.command = "wizard";
	c.paths_anywhere = 1; /* the person typed the photo and template paths */
	if (waba_check_application_file(&c, &r, w->st.path, w->run->checklist) < 0)
		wiz_line("", waba_error_last());
	settle(w, &r, 0); /* as `check` would judge them */
	for (size_t i = 0; i < r.findings.len; i++) {
		struct waba_finding *f = &r.findings.v[i];
		if (!starts_with_any(f->rule->id, prefixes) || (file && !about_file(&r, f, file))) {
			f->severity = WABA_SEV_OFF;
			continue;
		}
		if (f->file && strcmp(f->file, w->st.path) != 0)
			continue; /* in a file the person named (a template): its line:column are shown */
		free(f->file);    /* the answer was typed: no place in the state file to point at */
		f->file = NULL;
		f->loc.line = f->loc.column = 0;
	}
	waba_findings_drop_off(&r.findings);
	if (phone_type)
		*phone_type = WABA_PHONE_UNKNOWN;
	for (size_t i = 0; phone_type && number && i < r.nitems; i++) {
		const struct waba_phone_result *res = waba_report_phone(&r, i);
		if (res && strcmp(res->input, number) == 0) {
			*phone_type = res->type;
			break;
		}
	}
	for (size_t i = 0; i < r.nitems; i++) {
		free(r.items[i].name); /* shown as the subject of item-less findings */
		r.items[i].name = NULL;
	}
	if (show && (show != 2 || r.findings.len))
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

/* ---- answers the tool can fix ------------------------------------------------------- */

/* A web address typed without its scheme ("casaaurora.com.br"): one word with a dot. */
static int bare_domain(const char *a)
{
	return *a && !strstr(a, "://") && strchr(a, '.') && !strpbrk(a, " @,") && a[0] != '.';
}

/* The category codes whose code or label (any language) matches the folded answer
 * exactly or as one of its words. */
static size_t vertical_matches(const struct wizard *w, const char *a, const struct waba_set_item **out, size_t max)
{
	static const char *const attrs[] = { "label_en", "label_pt", "label_es" };
	const struct waba_set *set = waba_checklist_set(w->run->checklist, "profile.verticals");
	char *fa = waba_text_fold(a, strlen(a));
	size_t n = 0;
	for (size_t i = 0; set && i < set->len; i++) {
		const struct waba_set_item *it = &set->items[i];
		int hit = strcasecmp(it->value, a) == 0;
		for (size_t k = 0; !hit && k < sizeof(attrs) / sizeof(attrs[0]); k++) {
			const char *label = waba_set_item_attr(it, attrs[k]);
			if (!label)
				continue;
			char *fl = waba_text_fold(label, strlen(label));
			struct waba_words words = WABA_WORDS_INIT;
			hit = strcmp(fl, fa) == 0;
			waba_text_words(&words, label, strlen(label));
			for (size_t j = 0; !hit && j < words.len; j++)
				hit = strlen(fa) > 2 && strcmp(words.v[j].folded, fa) == 0;
			waba_words_release(&words);
			free(fl);
		}
		if (hit && n < max)
			out[n++] = it;
	}
	free(fa);
	return n;
}

/*
 * Fix what is unambiguous in an answer, and say so: a website without https://, a
 * category typed in lower case or by its name in the person's language.
 */
static void wiz_normalise(struct wizard *w, const char *key, char **a)
{
	char *fixed = NULL;
	if ((strcmp(key, "website") == 0) && bare_domain(*a)) {
		fixed = waba_xasprintf("https://%s", *a);
	} else if (strcmp(key, "vertical") == 0 && **a) {
		const struct waba_set_item *m[4];
		size_t n = vertical_matches(w, *a, m, 4);
		if (n == 1 && strcmp(m[0]->value, *a) != 0) {
			fixed = waba_xstrdup(m[0]->value);
			char *shown = waba_xasprintf("%s (%s)", fixed, waba_set_item_label(m[0], w->lang));
			wiz_say(w, "wizard.normalised", "value", shown);
			free(shown);
			free(*a);
			*a = fixed;
			return;
		}
	}
	if (fixed) {
		wiz_say(w, "wizard.normalised", "value", fixed);
		free(*a);
		*a = fixed;
	}
}

static char *dup_or_null(const char *s)
{
	return s ? waba_xstrdup(s) : NULL;
}

/*
 * Ask a string field root[obj][key] (obj may be NULL), check it with `prefixes`; ask
 * again while it has errors and the person does not keep it. Only an accepted or an
 * explicitly kept answer stays in the state file and becomes the default: a rejected
 * one is taken out again before the keep question.
 */
static int ask_field(struct wizard *w, const char *qid, const char *obj, const char *key, const char *prefixes)
{
	char *old = dup_or_null(wiz_state_str(&w->st, obj, key));
	int rc;
	for (;;) {
		char *a;
		int keep;
		if (wiz_ask(w, qid, old, 0, &a) == WIZ_QUIT) {
			rc = WIZ_QUIT;
			break;
		}
		wiz_normalise(w, key, &a);
		wiz_state_set_str(&w->st, obj, key, a);
		long errors = check_answer(w, prefixes, NULL, NULL, NULL, 1);
		if (errors <= 0) {
			free(a);
			rc = errors < 0 ? CLI_EXIT_FAIL : WIZ_OK;
			break;
		}
		wiz_state_set_str(&w->st, obj, key, old);
		if (wiz_state_save(&w->st) < 0) {
			free(a);
			rc = cli_fail("%s", waba_error_last());
			break;
		}
		if (keep_anyway(w, errors, &keep) == WIZ_QUIT) {
			free(a);
			rc = WIZ_QUIT;
			break;
		}
		if (keep) {
			wiz_state_set_str(&w->st, obj, key, a);
			free(a);
			rc = wiz_state_save(&w->st) < 0 ? cli_fail("%s", waba_error_last()) : WIZ_OK;
			break;
		}
		free(a);
	}
	free(old);
	return rc;
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
	const struct waba_set *rcpt = waba_checklist_set(w->run->checklist, "email.recipient");
	wiz_say(w, "wizard.intro.email", "to", rcpt && rcpt->len ? rcpt->items[0].value : "");
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
	const char *id = wiz_state_str(&w->st, NULL, "business_id");
	struct waba_graph_options o;
	struct waba_graph_result res = { 0 };
	char *status = NULL;

	if (w->graph_token_error) {
		wiz_line("", w->graph_token_error);
		return NULL;
	}
	if (!w->graph_token || !id)
		return NULL;
	waba_graph_options_init(&o, w->run->checklist);
	o.token = w->graph_token;
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
		/* the status as the person chose it, in their language; the guidance for every
		 * status (the next step for 'verified' too) comes once, as the hint of its finding */
		char *label = waba_xasprintf("wizard.vstatus.%s", status);
		printf("%s\n", wiz_text(w, label));
		free(label);
	} else {
		wiz_say(w, "wizard.verification.unknown", NULL, NULL);
	}
	free(status);
	return check_answer(w, "business.verification", NULL, NULL, NULL, 1) < 0 ? CLI_EXIT_FAIL : WIZ_OK;
}

static cJSON *numbers_array(struct wizard *w)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(w->st.root, "numbers");
	if (cJSON_IsArray(a))
		return a;
	cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "numbers");
	return cJSON_AddArrayToObject(w->st.root, "numbers");
}

/* Check the number just added (the last one); ask the six-month question for mobiles.
 * *errors receives the number of errors shown. */
static int check_number(struct wizard *w, cJSON *entry, const char *number, long *errors_out)
{
	int type;
	long errors = check_answer(w, "phone.", NULL, number, &type, 0);
	if (errors < 0)
		return CLI_EXIT_FAIL;
	if (type != WABA_PHONE_UNKNOWN) { /* invalid: the error says why */
		char *label = waba_xasprintf("wizard.ptype.%s", waba_phone_type_name(type));
		wiz_say(w, "wizard.phone.type", "type", wiz_text(w, label));
		free(label);
		if (type == WABA_PHONE_MOBILE || type == WABA_PHONE_FIXED_LINE_OR_MOBILE) {
			int used;
			if (wiz_yesno(w, "used_whatsapp", -1, &used) == WIZ_QUIT)
				return WIZ_QUIT;
			cJSON_DeleteItemFromObjectCaseSensitive(entry, "used_whatsapp");
			cJSON_AddStringToObject(entry, "used_whatsapp", used ? "yes" : "no");
		}
	}
	errors = check_answer(w, "phone.", NULL, NULL, NULL, 1);
	*errors_out = errors;
	return errors < 0 ? CLI_EXIT_FAIL : WIZ_OK;
}

/* ---- lists: numbers, websites and templates (keep, remove, replace, add) ---------------- */

struct list_kind {
	const char *first_qid, *more_qid; /* the question for the first entry, for another one */
	int files;                        /* Tab completes file names */
	/* Check `answer` and put it at index `at` of the list (kept or not: the list is as
	 * before when it is not). */
	int (*add)(struct wizard *w, cJSON *list, int at, const char *answer);
};

static const char *entry_text(const cJSON *e)
{
	const cJSON *num = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e, "number") : e;
	return cJSON_IsString(num) ? num->valuestring : "?";
}

/*
 * Show the list and edit it: Enter keeps it; N replaces entry N (asked with its value as
 * the default); -N removes it; anything else is added.
 */
static int edit_list(struct wizard *w, cJSON *list, const struct list_kind *k)
{
	for (;;) {
		int n = cJSON_GetArraySize(list), rc;
		char *a, *end;
		for (int i = 0; i < n; i++) {
			char num[16];
			snprintf(num, sizeof(num), "  %d) ", i + 1);
			wiz_line(num, entry_text(cJSON_GetArrayItem(list, i)));
		}
		if (n > 0)
			wiz_say(w, "wizard.list.how", NULL, NULL);
		if (wiz_ask(w, n ? k->more_qid : k->first_qid, NULL, k->files, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		if (!*a) {
			free(a);
			return WIZ_OK;
		}
		long idx = strtol(a[0] == '-' ? a + 1 : a, &end, 10);
		if (n > 0 && !*end && end != a + (a[0] == '-') && idx >= 1 && idx <= n) {
			int remove = a[0] == '-';
			free(a);
			cJSON *old = cJSON_DetachItemFromArray(list, (int)idx - 1);
			if (remove) {
				wiz_say(w, "wizard.list.removed", "value", entry_text(old));
				cJSON_Delete(old);
			} else {
				if (wiz_ask(w, k->first_qid, entry_text(old), k->files, &a) == WIZ_QUIT) {
					cJSON_InsertItemInArray(list, (int)idx - 1, old);
					return WIZ_QUIT;
				}
				int before = cJSON_GetArraySize(list);
				rc = k->add(w, list, (int)idx - 1, a);
				free(a);
				if (cJSON_GetArraySize(list) == before) /* not taken: the old entry stays */
					cJSON_InsertItemInArray(list, (int)idx - 1, old);
				else
					cJSON_Delete(old);
				if (rc != WIZ_OK)
					return rc;
			}
		} else {
			rc = k->add(w, list, n, a);
			free(a);
			if (rc != WIZ_OK)
				return rc;
		}
		if (wiz_state_save(&w->st) < 0)
			return cli_fail("%s", waba_error_last());
	}
}

static void insert_at(cJSON *list, int at, cJSON *item)
{
	if (at >= cJSON_GetArraySize(list))
		cJSON_AddItemToArray(list, item);
	else
		cJSON_InsertItemInArray(list, at, item);
}

/*
 * An entry just put at index `at` of `list` drew `errors`: it is taken out of the state
 * (not saved until kept) and the person decides whether to keep it anyway.
 */
static int keep_or_drop(struct wizard *w, cJSON *list, int at, cJSON *entry, long errors)
{
	int keep;
	if (errors <= 0)
		return WIZ_OK;
	cJSON *detached = cJSON_DetachItemViaPointer(list, entry);
	if (wiz_state_save(&w->st) < 0) {
		cJSON_Delete(detached);
		return cli_fail("%s", waba_error_last());
	}
	if (keep_anyway(w, errors, &keep) == WIZ_QUIT) {
		cJSON_Delete(detached);
		return WIZ_QUIT;
	}
	if (keep)
		insert_at(list, at, detached);
	else
		cJSON_Delete(detached);
	return WIZ_OK;
}

static int add_number(struct wizard *w, cJSON *numbers, int at, const char *a)
{
	cJSON *entry = cJSON_CreateObject();
	cJSON_AddStringToObject(entry, "number", a);
	insert_at(numbers, at, entry);
	long errors = 0;
	int rc = check_number(w, entry, a, &errors);
	if (rc != WIZ_OK)
		return rc;
	return keep_or_drop(w, numbers, at, entry, errors);
}

static const struct list_kind number_list = { "phone", "phone_more", 0, add_number };

static int step_numbers(struct wizard *w)
{
	wiz_say(w, "wizard.phone.intro", NULL, NULL);
	return edit_list(w, numbers_array(w), &number_list);
}

/* The path as the state file should hold it: relative to the state file's folder. */
static char *path_for_state(const struct wizard *w, const char *typed)
{
	if (typed[0] == '/' || !strchr(w->st.path, '/'))
		return waba_xstrdup(typed);
	char *abs = realpath(typed, NULL);
	return abs ? abs : waba_xstrdup(typed);
}

/* Write the fixed square copy of `path` to `out` (as `photo --fix` does). @return 0 or < 0. */
static int fix_photo(struct wizard *w, const char *path, const char *out)
{
	const struct waba_checklist *cl = w->run->checklist;
	struct waba_photo photo = { 0 }, fixed = { 0 };
	struct waba_strbuf png = WABA_STRBUF_INIT;
	struct waba_photo_fix_options fo;
	int err;

	waba_photo_fix_defaults(&fo, cl);
	if ((err = waba_photo_load(&photo, path, cl)) == 0) {
		if (!photo.rgba)
			err = waba_error_set(WABA_ERROR,
			                     _("'%s' could not be decoded, so nothing was written (see the findings)"),
			                     path);
		else if ((err = waba_photo_fix(&png, &fixed, NULL, &photo, &fo, out, cl)) == 0)
			err = waba_atomic_write(out, png.buf, png.len, 0666);
	}
	waba_strbuf_release(&png);
	waba_photo_release(&fixed);
	waba_photo_release(&photo);
	return err;
}

/* Can --fix make something of the photo (decoded, not too small)? */
static int photo_fixable(struct wizard *w, const char *path)
{
	const struct waba_checklist *cl = w->run->checklist;
	struct waba_photo photo = { 0 };
	struct waba_photo_fix_options fo;
	int ok;
	waba_photo_fix_defaults(&fo, cl);
	ok = waba_photo_load(&photo, path, cl) == 0 && waba_photo_fixable(&photo, &fo, cl) == 0;
	waba_photo_release(&photo);
	return ok;
}

/*
 * Offer the fix; on success the fixed copy becomes the photo and is checked (its
 * findings shown once). *errors receives the errors left (unchanged when declined).
 */
static int offer_fix(struct wizard *w, const char *path, long *errors)
{
	int yes;
	if (!photo_fixable(w, path)) /* too small: the findings say to export it again */
		return WIZ_OK;
	if (wiz_yesno(w, "photo_fix", 1, &yes) == WIZ_QUIT)
		return WIZ_QUIT;
	if (!yes)
		return WIZ_OK;
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
	char *out = waba_xasprintf("%.*s-whatsapp.png", (int)stem, path);
	if (fix_photo(w, path, out) < 0) {
		wiz_say(w, "wizard.photo.not_fixed", "reason", waba_error_last());
	} else {
		char *stored = path_for_state(w, out);
		wiz_say(w, "wizard.photo.fixed", "file", out);
		wiz_state_set_str(&w->st, NULL, "photo", stored);
		free(stored);
		*errors = check_answer(w, "photo.", NULL, NULL, NULL, 2); /* "Using the copy" said it */
	}
	free(out);
	return *errors < 0 ? CLI_EXIT_FAIL : WIZ_OK;
}

static int step_photo(struct wizard *w)
{
	char *old = dup_or_null(wiz_state_str(&w->st, NULL, "photo"));
	int rc;
	for (;;) {
		char *a;
		int keep;
		if ((rc = wiz_ask(w, "photo", old, 1, &a)) == WIZ_QUIT)
			break;
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
		wiz_state_set_str(&w->st, NULL, "photo", stored);
		free(stored);
		long errors = check_answer(w, "photo.", NULL, NULL, NULL, 1);
		rc = errors > 0 ? offer_fix(w, a, &errors) : WIZ_OK;
		free(a);
		if (errors < 0)
			rc = CLI_EXIT_FAIL;
		if (rc != WIZ_OK || errors == 0)
			break;
		char *rejected = waba_xstrdup(wiz_state_str(&w->st, NULL, "photo"));
		wiz_state_set_str(&w->st, NULL, "photo", old); /* not saved until kept */
		if (wiz_state_save(&w->st) < 0) {
			free(rejected);
			rc = cli_fail("%s", waba_error_last());
			break;
		}
		if ((rc = keep_anyway(w, errors, &keep)) == WIZ_OK && keep) {
			wiz_state_set_str(&w->st, NULL, "photo", rejected);
			if (wiz_state_save(&w->st) < 0)
				rc = cli_fail("%s", waba_error_last());
		}
		free(rejected);
		if (rc != WIZ_OK || keep)
			break;
	}
	free(old);
	return rc;
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

/* The profile's websites, as a list in the state: at first the company website, if given. */
static cJSON *websites_list(struct wizard *w)
{
	cJSON *profile = wiz_state_obj(&w->st, "profile");
	cJSON *list = cJSON_GetObjectItemCaseSensitive(profile, "websites");
	if (cJSON_IsArray(list))
		return list;
	cJSON_DeleteItemFromObjectCaseSensitive(profile, "websites");
	list = cJSON_AddArrayToObject(profile, "websites");
	if (wiz_state_str(&w->st, NULL, "website"))
		cJSON_AddItemToArray(list, cJSON_CreateString(wiz_state_str(&w->st, NULL, "website")));
	return list;
}

/* One website (or several typed with commas, as the question once asked), each checked
 * with the list it joins (the count of websites is a rule too). */
static int add_website(struct wizard *w, cJSON *list, int at, const char *a)
{
	char *copy = waba_xstrdup(a), *save = NULL;
	int rc = WIZ_OK;
	for (char *t = strtok_r(copy, ", ", &save); t && rc == WIZ_OK; t = strtok_r(NULL, ", ", &save)) {
		char *one = waba_xstrdup(t);
		wiz_normalise(w, "website", &one);
		cJSON *entry = cJSON_CreateString(one);
		free(one);
		insert_at(list, at, entry);
		long errors = check_answer(w, "profile.website", NULL, NULL, NULL, 1);
		rc = errors < 0 ? CLI_EXIT_FAIL : keep_or_drop(w, list, at, entry, errors);
		if (cJSON_GetArraySize(list) > at && cJSON_GetArrayItem(list, at) == entry)
			at++;
	}
	free(copy);
	return rc;
}

static const struct list_kind website_list = { "websites", "websites_more", 0, add_website };

static int by_label(const void *a, const void *b)
{
	const struct wiz_choice *x = a, *y = b;
	char *fx = waba_text_fold(x->label, strlen(x->label)), *fy = waba_text_fold(y->label, strlen(y->label));
	int c = strcmp(fx, fy);
	free(fx);
	free(fy);
	return c;
}

/* Meta's current categories (not the legacy ones), by their name in the person's language. */
static struct wiz_choice *vertical_choices(const struct wizard *w, size_t *n)
{
	const struct waba_set *set = waba_checklist_set(w->run->checklist, "profile.verticals");
	struct wiz_choice *v = waba_xcalloc(set ? set->len : 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; set && i < set->len; i++) {
		if (waba_set_item_attr(&set->items[i], "legacy"))
			continue;
		v[*n].label = waba_set_item_label(&set->items[i], w->lang);
		v[(*n)++].value = set->items[i].value;
	}
	qsort(v, *n, sizeof(*v), by_label);
	return v;
}

static int step_profile(struct wizard *w)
{
	static const char *const fields[] = { "about", "address", "description", "vertical", "email" };
	int rc;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *prefix = waba_xasprintf("profile.%s", fields[i]);
		struct wiz_choice *choices = NULL;
		if (strcmp(fields[i], "vertical") == 0) /* Tab and ? offer the categories by name */
			w->choices = choices = vertical_choices(w, &w->nchoices);
		rc = ask_field(w, fields[i], "profile", fields[i], prefix);
		w->choices = NULL;
		w->nchoices = 0;
		free(choices);
		free(prefix);
		if (rc != WIZ_OK)
			return rc;
	}
	cJSON *sites = websites_list(w);
	rc = edit_list(w, sites, &website_list);
	if (rc == WIZ_OK && cJSON_GetArraySize(sites) == 0)
		cJSON_DeleteItemFromObjectCaseSensitive(wiz_state_obj(&w->st, "profile"), "websites");
	return rc;
}

/* A template file: it must exist; its findings are shown; it is kept (templates are optional
 * and never hold the request back; the review can remove it). */
static int add_template(struct wizard *w, cJSON *list, int at, const char *a)
{
	if (access(a, R_OK) != 0) {
		wiz_say(w, "wizard.no_file", "file", a);
		return WIZ_OK;
	}
	char *stored = path_for_state(w, a);
	insert_at(list, at, cJSON_CreateString(stored));
	long errors = check_answer(w, "template.,input.", stored, NULL, NULL, 1);
	free(stored);
	return errors < 0 ? CLI_EXIT_FAIL : WIZ_OK;
}

static const struct list_kind template_list = { "template", "template_more", 1, add_template };

static int step_templates(struct wizard *w)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(w->st.root, "templates");
	if (!cJSON_IsArray(list)) {
		cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "templates");
		list = cJSON_AddArrayToObject(w->st.root, "templates");
	}
	wiz_say(w, "wizard.templates.intro", NULL, NULL);
	int rc = edit_list(w, list, &template_list);
	if (rc == WIZ_OK && cJSON_GetArraySize(list) == 0)
		cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "templates");
	return rc;
}

/* The contact person is checked only when the e-mail is built: check the address and
 * the phone here, where they are typed. Returns the wizard text id of the problem, or NULL. */
static const char *contact_problem(const char *field, const char *a)
{
	if (!*a)
		return strcmp(field, "phone") == 0 ? NULL : "wizard.contact.empty";
	if (strcmp(field, "email") == 0)
		return waba_email_addr_valid(a) ? NULL : "wizard.contact.email_bad";
	if (strcmp(field, "phone") != 0)
		return NULL;
	struct waba_phone p;
	const char *problem = NULL;
	waba_phone_parse(&p, a, NULL);
	if (p.facts.parse_error != WABA_PHONE_PARSED || !p.international)
		problem = "wizard.contact.phone_country";
	else if (p.facts.possible == WABA_PHONE_TOO_SHORT)
		problem = "wizard.contact.phone_short";
	else if (p.facts.possible == WABA_PHONE_TOO_LONG)
		problem = "wizard.contact.phone_long";
	else if (!p.facts.valid)
		problem = "wizard.contact.phone_bad";
	waba_phone_release(&p);
	return problem;
}

static int step_contact(struct wizard *w)
{
	static const char *const fields[] = { "name", "email", "phone" };
	wiz_say(w, "wizard.contact.intro", NULL, NULL);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *qid = waba_xasprintf("contact_%s", fields[i]);
		char *old = dup_or_null(wiz_state_str(&w->st, "contact", fields[i]));
		int rc;
		for (;;) {
			char *a;
			if ((rc = wiz_ask(w, qid, old, 0, &a)) == WIZ_QUIT)
				break;
			const char *problem = contact_problem(fields[i], a);
			if (problem) {
				wiz_say(w, problem, "value", a);
				free(a);
				continue;
			}
			wiz_state_set_str(&w->st, "contact", fields[i], a);
			free(a);
			if (wiz_state_save(&w->st) < 0)
				rc = cli_fail("%s", waba_error_last());
			break;
		}
		free(qid);
		free(old);
		if (rc != WIZ_OK)
			return rc;
	}
	return WIZ_OK;
}

/* "Your systems" (optional): the message endpoint. The URL is checked offline as it is
 * typed; calling it is offered, with the secrets from the environment only (never typed
 * here, where the terminal would show them). */
static int step_systems(struct wizard *w)
{
	char *old = dup_or_null(wiz_state_str(&w->st, "webhook", "url"));
	int rc, now = 0;
	wiz_say(w, "wizard.systems.intro", NULL, NULL);
	for (;;) {
		char *a;
		struct waba_findings fs = WABA_FINDINGS_INIT;
		if ((rc = wiz_ask(w, "webhook_url", old, 0, &a)) == WIZ_QUIT)
			break;
		if (!*a || strcmp(a, "-") == 0) {
			cJSON_DeleteItemFromObjectCaseSensitive(w->st.root, "webhook");
			free(a);
			if (wiz_state_save(&w->st) < 0)
				rc = cli_fail("%s", waba_error_last());
			break;
		}
		waba_check_webhook_url(&fs, a, WABA_LOC_NONE);
		if (fs.len) {
			wiz_say(w, "wizard.systems.not_https", "value", a);
			waba_findings_release(&fs);
			free(a);
			continue;
		}
		wiz_state_set_str(&w->st, "webhook", "url", a);
		if (wiz_state_save(&w->st) < 0) {
			free(a);
			rc = cli_fail("%s", waba_error_last());
			break;
		}
		if ((rc = wiz_yesno(w, "webhook_check", 0, &now)) == WIZ_OK && now) {
			struct waba_webhook_options o;
			struct waba_webhook_result res;
			struct waba_report rep = WABA_REPORT_INIT;
			if (w->webhook_secret_error)
				cli_warn("%s", w->webhook_secret_error);
			waba_webhook_options_init(&o, w->run->checklist);
			o.url = a;
			o.verify_token = w->verify_token;
			o.app_secret = w->app_secret;
			if (waba_webhook_probe(&res, &o) < 0) {
				cli_warn("%s", waba_error_last());
			} else {
				waba_check_webhook(&rep, &o, &res);
				if (wiz_show_findings(w, &rep) == 0)
					wiz_say(w, "wizard.systems.ok", NULL, NULL);
			}
			waba_webhook_result_release(&res);
			waba_report_release(&rep);
		}
		free(a);
		break;
	}
	free(old);
	return rc;
}

static const struct step steps[] = {
	{ "requirements", step_requirements }, { "business", step_business },   { "verification", step_verification },
	{ "numbers", step_numbers },           { "photo", step_photo },         { "name", step_name },
	{ "profile", step_profile },           { "templates", step_templates }, { "systems", step_systems },
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

/* One answer under its section in the review ("-" when not given). */
static void show_value(const char *v)
{
	wiz_line("       ", v && *v ? v : "-");
}

static void show_obj_fields(const struct wizard *w, const char *obj, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		show_value(wiz_state_str(&w->st, obj, keys[i]));
}

/* The current answers of section `id`, each list entry on its own line. */
static void show_answers(struct wizard *w, const char *id)
{
	const cJSON *answers = cJSON_GetObjectItemCaseSensitive(w->st.root, "answers"), *v;
	if (strcmp(id, "requirements") == 0) {
		const struct waba_set *req = waba_checklist_set(w->run->checklist, "readiness.requirements");
		for (size_t i = 0; req && i < req->len; i++) {
			const char *ask = waba_set_item_attr(&req->items[i], "ask");
			if (!ask || strcmp(ask, "yes") != 0)
				continue;
			char *q = waba_xasprintf("readiness.%s.title", req->items[i].value);
			v = cJSON_GetObjectItemCaseSensitive(answers, req->items[i].value);
			printf("       %s: %s\n", wiz_text(w, q),
			       wiz_text(w, cJSON_IsTrue(v)    ? "wizard.word.yes"
			                   : cJSON_IsFalse(v) ? "wizard.word.no"
			                                      : "wizard.word.unanswered"));
			free(q);
		}
	} else if (strcmp(id, "business") == 0) {
		show_value(wiz_state_str(&w->st, NULL, "business_id"));
	} else if (strcmp(id, "verification") == 0) {
		v = cJSON_GetObjectItemCaseSensitive(answers, WABA_APP_VERIFICATION_KEY);
		char *label = cJSON_IsString(v) ? waba_xasprintf("wizard.vstatus.%s", v->valuestring) : NULL;
		show_value(label ? wiz_text(w, label) : NULL);
		free(label);
	} else if (strcmp(id, "numbers") == 0 || strcmp(id, "templates") == 0) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(w->st.root, id);
		int n = 0;
		cJSON_ArrayForEach(v, list)
		{
			char num[24];
			snprintf(num, sizeof(num), "       %d) ", ++n);
			wiz_line(num, entry_text(v));
		}
		if (!n)
			show_value(NULL);
	} else if (strcmp(id, "systems") == 0) {
		show_value(wiz_state_str(&w->st, "webhook", "url"));
	} else if (strcmp(id, "photo") == 0) {
		show_value(wiz_state_str(&w->st, NULL, "photo"));
	} else if (strcmp(id, "name") == 0) {
		static const char *const keys[] = { "legal_name", "website", "display_name" };
		show_obj_fields(w, NULL, keys, 3);
	} else if (strcmp(id, "profile") == 0) {
		static const char *const keys[] = { "about", "address", "description" };
		show_obj_fields(w, "profile", keys, 3);
		/* the category as the person reads it, Meta's code beside it: "RETAIL (Compras e varejo)" */
		const char *vertical = wiz_state_str(&w->st, "profile", "vertical");
		const struct waba_set_item *it = vertical ? waba_set_find(waba_checklist_set(w->run->checklist,
		                                                                             "profile.verticals"),
		                                                          vertical)
		                                          : NULL;
		if (it) {
			char *shown = waba_xasprintf("%s (%s)", vertical, waba_set_item_label(it, w->lang));
			show_value(shown);
			free(shown);
		} else {
			show_value(vertical);
		}
		show_value(wiz_state_str(&w->st, "profile", "email"));
		const cJSON *profile = cJSON_GetObjectItemCaseSensitive(w->st.root, "profile");
		cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(profile, "websites")) if (cJSON_IsString(v))
		    show_value(v->valuestring);
	} else if (strcmp(id, "systems") == 0) {
		show_value(wiz_state_str(&w->st, "webhook", "url"));
	} else if (strcmp(id, "contact") == 0) {
		static const char *const keys[] = { "name", "email", "phone" };
		show_obj_fields(w, "contact", keys, 3);
	}
}

static int review(struct wizard *w)
{
	for (;;) {
		char *a, *end;
		wiz_heading(w, "wizard.review");
		for (size_t i = 0; i < NSTEPS; i++) {
			char *title = waba_xasprintf("wizard.step.%s", steps[i].id);
			printf("  %zu) %s\n", i + 1, wiz_text(w, title));
			free(title);
			show_answers(w, steps[i].id);
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

/* ---- the end: readiness, what holds the request back, the e-mail, what next ---------- */

/* The section where finding f is answered: its index in steps[], or NSTEPS for none. */
static size_t step_of(const struct waba_report *r, const struct waba_finding *f)
{
	static const char *const map[][2] = {
		{ "business.verification", "verification" },
		{ "business.", "business" },
		{ "phone.", "numbers" },
		{ "photo.", "photo" },
		{ "name.", "name" },
		{ "profile.", "profile" },
		{ "template.", "templates" },
		{ "email.", "contact" },
		{ "webhook.", "systems" },
	};
	static const char *const kinds[][2] = {
		{ "business", "business" }, { "phone", "numbers" },   { "photo", "photo" },
		{ "name", "name" },         { "profile", "profile" }, { "template", "templates" },
	};
	const char *id = NULL;
	for (size_t i = 0; !id && i < sizeof(map) / sizeof(map[0]); i++)
		if (strncmp(f->rule->id, map[i][0], strlen(map[i][0])) == 0)
			id = map[i][1];
	for (size_t i = 0; !id && f->item >= 0 && (size_t)f->item < r->nitems && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(r->items[f->item].kind, kinds[i][0]) == 0)
			id = kinds[i][1];
	for (size_t i = 0; id && i < NSTEPS; i++)
		if (strcmp(steps[i].id, id) == 0)
			return i;
	return NSTEPS;
}

/* What holds the request back: one line per error that is not about a template. */
struct blockers {
	size_t n, first;         /* how many; the section of the first (NSTEPS: none) */
	size_t template_errors;  /* errors in the optional templates: never a reason to hold it */
	struct waba_strbuf list; /* the lines shown */
};

/* The whole report on the state, with the readiness checklist; fills *b. */
static void readiness(struct wizard *w, struct blockers *b)
{
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	struct waba_strbuf text = WABA_STRBUF_INIT;
	struct waba_report_options o = { 0 };

	wiz_heading(w, "wizard.readiness");
	r.command = "check";
	r.views = 1; /* for report.html */
	c.paths_anywhere = 1;
	if (waba_check_application_file(&c, &r, w->st.path, w->run->checklist) < 0)
		wiz_line("", waba_error_last());
	settle(w, &r, WABA_SETTLE_UNUSED);
	waba_app_check_judge(&c, &r, w->run->checklist);
	waba_findings_sort(&r.findings);
	waba_readiness_text(&c.readiness, w->run->checklist, w->lang, w->color, &text);
	r.appendix = waba_strbuf_detach(&text);
	o.color = w->color;
	o.lang = w->lang;
	waba_reporter_find("text")->write(stdout, &r, &o);
	/* the same report as a page, report.html beside the request (docs/formats.md) */
	r.extra = cJSON_CreateObject();
	cJSON_AddItemToObject(r.extra, "readiness", waba_readiness_json(&c.readiness, w->run->checklist, w->lang));
	char *page = NULL;
	size_t page_len = 0;
	FILE *mem = open_memstream(&page, &page_len);
	o.color = 0;
	if (mem) {
		int err = waba_reporter_find("html")->write(mem, &r, &o);
		if (fclose(mem) == 0 && err == 0 && waba_atomic_write("report.html", page, page_len, 0644) < 0)
			wiz_line("", waba_error_last());
	}
	free(page);
	b->n = b->template_errors = 0;
	b->first = NSTEPS;
	waba_strbuf_reset(&b->list);
	for (size_t i = 0; i < r.findings.len; i++) {
		const struct waba_finding *f = &r.findings.v[i];
		if (f->severity != WABA_SEV_ERROR)
			continue;
		if (!waba_email_finding_open(&r, f)) {
			b->template_errors++;
			continue;
		}
		size_t st = step_of(&r, f);
		if (b->n++ == 0)
			b->first = st;
		if (st < NSTEPS) {
			char *title = waba_xasprintf("wizard.step.%s", steps[st].id);
			waba_strbuf_addf(&b->list, "  %zu) %s: ", st + 1, wiz_text(w, title));
			free(title);
		} else {
			waba_strbuf_adds(&b->list, "   - ");
		}
		waba_text_escape_add(&b->list, f->message, strlen(f->message));
		waba_strbuf_addc(&b->list, '\n');
	}
	waba_report_release(&r);
	waba_app_check_release(&c);
}

/* Is the answer one of the words of set `id` (case-insensitive)? */
static int answer_in(const struct wizard *w, const char *id, const char *a)
{
	const struct waba_set *set = waba_checklist_set(w->run->checklist, id);
	return set && waba_set_find_nocase(set, a) != NULL;
}

enum { END_WRITE = -2, END_FORCE = -3 };

/*
 * The screen of what holds the request back: go to a section now (its number; Enter:
 * the first one's), or write the e-mail anyway after an explicit confirmation.
 * *choice: a step index, or END_FORCE.
 */
static int blocking_screen(struct wizard *w, const struct blockers *b, int *choice)
{
	char n[32], def[16];
	snprintf(n, sizeof(n), "%zu", b->n);
	wiz_heading(w, "wizard.blocking");
	wiz_say(w, "wizard.blocking.intro", "n", n);
	fputs(waba_strbuf_cstr(&b->list), stdout);
	snprintf(def, sizeof(def), "%zu", b->first < NSTEPS ? b->first + 1 : (size_t)NSTEPS);
	for (;;) {
		char *a, *end;
		if (wiz_ask(w, "blocking", def, 0, &a) == WIZ_QUIT)
			return WIZ_QUIT;
		unsigned long k = strtoul(a, &end, 10);
		if (*a && !*end && k >= 1 && k <= NSTEPS) {
			free(a);
			*choice = (int)k - 1;
			return WIZ_OK;
		}
		int write = answer_in(w, "wizard.answers.write", a);
		free(a);
		if (!write) {
			wiz_say(w, "wizard.blocking.again", NULL, NULL);
			continue;
		}
		int yes;
		wiz_say(w, "wizard.force.warn", "n", n);
		if (wiz_yesno(w, "force", 0, &yes) == WIZ_QUIT)
			return WIZ_QUIT;
		if (yes) {
			*choice = END_FORCE;
			return WIZ_OK;
		}
	}
}

/*
 * Build the e-mail (and send it when a server is given). *written: the file was
 * written now; *sent: it was delivered too.
 */
static int write_email(struct wizard *w, int force, const char *url, int *written, int *sent)
{
	struct cli_run run;
	struct cli_email_opts o = { DEFAULT_EMAIL, url && *url ? url : NULL, NULL, force, 1, 0, 0 };
	cli_run_init(&run, "email");
	run.common.lang = w->lang;
	run.common.quiet = 1;
	run.no_report = 1;                        /* the findings are on the screen already */
	int rc = cli_email(&run, w->st.path, &o); /* the person typed the paths in this wizard */
	*written = o.written;
	*sent = o.sent && rc != CLI_EXIT_FAIL;
	return rc;
}

/* The four activation stages with how long each takes (checklists/readiness.xml). */
static void say_stages(const struct wizard *w)
{
	const struct waba_set *set = waba_checklist_set(w->run->checklist, "readiness.stages");
	char attr[16];
	snprintf(attr, sizeof(attr), "duration_%s", w->lang);
	for (size_t i = 0; set && i < set->len; i++) {
		char *id = waba_xasprintf("readiness.%s.title", set->items[i].value);
		const char *d = waba_set_item_attr(&set->items[i], attr);
		if (!d)
			d = waba_set_item_attr(&set->items[i], "duration_en");
		printf("  %s (%s)\n", wiz_text(w, id), d ? d : "");
		free(id);
	}
}

/* The last screen: where the request is, where it goes, and what happens next. */
static void final_screen(struct wizard *w, int sent, int forced)
{
	const struct waba_set *rcpt = waba_checklist_set(w->run->checklist, "email.recipient");
	const char *to = rcpt && rcpt->len ? rcpt->items[0].value : "";
	char *abs = realpath(DEFAULT_EMAIL, NULL);
	wiz_heading(w, "wizard.next");
	wiz_say(w, sent ? "wizard.next.sent" : "wizard.next.written", "to", to);
	wiz_say(w, "wizard.next.file", "file", abs ? abs : DEFAULT_EMAIL);
	if (forced)
		wiz_say(w, "wizard.next.forced", NULL, NULL);
	wiz_say(w, "wizard.next.accept", NULL, NULL);
	wiz_say(w, "wizard.next.stages", NULL, NULL);
	say_stages(w);
	free(abs);
	putchar('\n');
	wiz_say(w, "wizard.done", "file", w->st.path);
}

/*
 * After the review: the readiness, then until the e-mail is written: what holds it
 * back (go to a section, or write anyway), the e-mail, and the next steps.
 */
static int finish(struct wizard *w)
{
	struct blockers b = { 0, NSTEPS, 0, WABA_STRBUF_INIT };
	int rc = WIZ_OK;
	for (;;) {
		int choice = END_WRITE, yes, written, sent;
		char *url = NULL;
		readiness(w, &b);
		if (b.n > 0) {
			if ((rc = blocking_screen(w, &b, &choice)) != WIZ_OK)
				break;
			if (choice >= 0) {
				if ((rc = run_step(w, (size_t)choice)) != WIZ_OK)
					break;
				continue;
			}
		} else {
			if (b.template_errors > 0)
				wiz_say(w, "wizard.templates.not_blocking", NULL, NULL);
			if ((rc = wiz_yesno(w, "write_email", 1, &yes)) != WIZ_OK)
				break;
			if (!yes) {
				wiz_say(w, "wizard.email.later", "file", w->st.path);
				break;
			}
		}
		if ((rc = wiz_ask(w, "send_email", NULL, 0, &url)) != WIZ_OK)
			break;
		int erc = write_email(w, choice == END_FORCE, url, &written, &sent);
		free(url);
		if (written) {
			final_screen(w, sent, choice == END_FORCE);
			rc = erc == CLI_EXIT_FAIL ? CLI_EXIT_FAIL : b.n > 0 ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
			break;
		}
		wiz_say(w, "wizard.email.not_written", NULL, NULL);
	}
	waba_strbuf_release(&b.list);
	return rc;
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
	/* the e-mail and later commands read the language from the state (saved with the first answer) */
	wiz_state_set_str(&w->st, NULL, "language", w->lang);
	for (size_t i = 0; i < NSTEPS; i++)
		if (!wiz_state_done(&w->st, steps[i].id) && (rc = run_step(w, i)) != WIZ_OK)
			return rc;
	if ((rc = review(w)) != WIZ_OK)
		return rc;
	return finish(w);
}

/* Take the secrets out of the environment at once (waba_secret_from_env wipes and unsets
 * each variable), as `business` and `webhook` do: the wizard may run for an hour. */
static void take_secrets(struct wizard *w)
{
	if (waba_secret_from_env(&w->graph_token, WABA_GRAPH_TOKEN_ENV, _("Graph API token"), &waba_graph_token_rules) < 0)
		w->graph_token_error = waba_xstrdup(waba_error_last());
	if (waba_secret_from_env(&w->verify_token, WABA_WEBHOOK_VERIFY_TOKEN_ENV, _("verify token"),
	                         &waba_webhook_secret_rules) < 0)
		w->webhook_secret_error = waba_xstrdup(waba_error_last());
	if (waba_secret_from_env(&w->app_secret, WABA_WEBHOOK_APP_SECRET_ENV, _("app secret"),
	                         &waba_webhook_secret_rules) < 0 &&
	    !w->webhook_secret_error)
		w->webhook_secret_error = waba_xstrdup(waba_error_last());
}

static void drop_secrets(struct wizard *w)
{
	waba_secret_free(w->graph_token);
	waba_secret_free(w->verify_token);
	waba_secret_free(w->app_secret);
	free(w->graph_token_error);
	free(w->webhook_secret_error);
	w->graph_token = w->verify_token = w->app_secret = NULL;
	w->graph_token_error = w->webhook_secret_error = NULL;
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
		CLI_OPT_STRING("state", &state, N_("FILE"),
		               N_("where every answer is saved, and resumed from "
		                  "(default: waba-preflight.json in the current folder)")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, "",
	                   N_("answer the questions of the activation request one at a time; "
	                      "every answer is checked and saved at once"));
	if (rc != CLI_CONTINUE)
		return rc;
	memset(&w, 0, sizeof(w));
	w.st.lock_fd = -1;
	w.run = &run;
	if (args.len != 0) {
		rc = cli_fail("%s", _("wizard: takes no arguments (try --help)"));
		goto done;
	}
	struct waba_verdict verdict;
	if ((rc = cli_run_setup(&run)) != 0 || (rc = cli_need_phone()) != 0 || (rc = cli_run_verdict(&run, &verdict)) != 0)
		goto done;
	w.lang = waba_i18n_lang();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		rc = cli_fail("%s", wiz_text(&w, "wizard.no_tty"));
		goto done;
	}
	w.color = run.report_options.color;
	take_secrets(&w);
	if (wiz_state_lock(&w.st, state ? state : DEFAULT_STATE) < 0 ||
	    wiz_state_load(&w.st, state ? state : DEFAULT_STATE, &existed) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	/* without --lang, a resumed run speaks the language of the run it resumes */
	const char *lang = wiz_state_str(&w.st, NULL, "language");
	if (!run.common.lang && lang && waba_i18n_init(lang) == 0)
		w.lang = waba_i18n_lang();
	rc = run_wizard(&w);
	if (rc == WIZ_QUIT) {
		wiz_say_saved(&w);
		rc = CLI_EXIT_INTERRUPTED;
	}
done:
	wiz_state_release(&w.st);
	drop_secrets(&w);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
