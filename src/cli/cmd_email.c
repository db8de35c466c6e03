/*
 * cmd_email.c: `waba-preflight email APPLICATION.json [-o FILE.eml] [--send URL]`
 *
 * Runs every check on the application (waba_check_application_file: business, numbers,
 * photo, display name, templates, readiness), adds the email.* checks of the request,
 * refuses to build the message while an error remains (unless --force, which lists
 * the open items at the top of the body), writes it atomically (or to stdout with
 * -o -), and optionally delivers it over SMTP. A delivery failure is exit 2, after
 * the message has been written. The body is in --lang, else in the application's
 * "language", else in the environment's.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "waba/business.h"
#include "waba/check_application.h"
#include "waba/email.h"
#include "waba/phone.h"
#include "waba/photo.h"
#include "waba/text.h"

#define DEFAULT_OUTPUT "request.eml"

/* ---- application -> request ----------------------------------------------------------- */

static struct waba_email_field field(const struct waba_application *app, const struct waba_app_str *s)
{
	struct waba_email_field f = { s->value, waba_application_loc(app, s) };
	return f;
}

/* The typed result of the first item of `type` at or after index *at, or NULL; *at moves past it. */
static const void *next_result(const struct waba_report *r, const struct waba_result_type *type, size_t *at)
{
	for (; *at < r->nitems; (*at)++) {
		const void *res = waba_report_result(r, *at, type);
		if (res) {
			(*at)++;
			return res;
		}
	}
	return NULL;
}

/* The numbers as written, with the phone family's verdict: waba_check_application_file
 * adds one "phone" item (its typed result: struct waba_phone_result) per number that
 * has a value, in the order of app->numbers. */
static void request_phones(struct waba_email_request *req, const struct waba_application *app,
                           const struct waba_report *r)
{
	size_t at = 0;
	req->phones = waba_xcalloc(app->nnumbers + 1, sizeof(*req->phones));
	for (size_t i = 0; i < app->nnumbers; i++) {
		const struct waba_app_number *n = &app->numbers[i];
		struct waba_email_phone *p = &req->phones[req->nphones++];
		p->number = field(app, &n->number);
		p->purpose = field(app, &n->purpose);
		const struct waba_phone_result *res = n->number.value ? next_result(r, &waba_phone_result_type, &at)
		                                                      : NULL;
		if (res && res->e164[0]) { /* a valid number: else its type is "unknown" */
			p->e164 = res->e164;
			p->type = waba_phone_type_name(res->type);
		}
	}
}

static void request_from_app(struct waba_email_request *req, const struct waba_application *app,
                             const struct waba_report *r)
{
	const struct waba_app_profile *pr = &app->profile;
	size_t at = 0;
	const struct waba_business_result *biz = next_result(r, &waba_business_result_type, &at);

	req->business_id = field(app, &app->business_id);
	req->verification_status = biz ? biz->verification_status : NULL;
	request_phones(req, app, r);
	req->display_name = field(app, &app->display_name);
	req->about = field(app, &pr->about);
	req->address = field(app, &pr->address);
	req->description = field(app, &pr->description);
	req->category = field(app, &pr->vertical);
	req->email = field(app, &pr->email);
	req->websites = waba_xcalloc(pr->nwebsites + 1, sizeof(*req->websites));
	for (size_t i = 0; i < pr->nwebsites; i++)
		if (pr->websites[i].value)
			req->websites[req->nwebsites++] = field(app, &pr->websites[i]);
	req->photo_path = field(app, &app->photo);
	req->contact_name = field(app, &app->contact.name);
	req->contact_email = field(app, &app->contact.email);
	req->contact_phone = field(app, &app->contact.phone);
	req->answers = app->answers;
	req->from_application = 1; /* absent required fields and profile texts are the other families' findings */
}

/* The photo's bytes for the attachment, read again with the e-mail's cap (the photo
 * family decoded it; photo.* rules judge it): a regular file inside the application's
 * folder, and only a valid PNG or JPEG image is attached, --force or not. Returns 0
 * with out->data NULL when the bytes are not an image (after a warning). */
static int read_photo(struct waba_source *out, const struct waba_app_check *c, const struct waba_checklist *cl, int quiet)
{
	long cap = waba_checklist_limit(cl, "email.photo.max_bytes");
	char *path = waba_app_path(c, c->app->photo.value);
	int err = waba_source_read_inside(out, path, waba_app_root(c), c->src.name, (size_t)cap);
	if (err == 0) {
		struct waba_photo_limits lim;
		struct waba_photo p;
		waba_photo_limits_from(&lim, cl);
		waba_photo_decode(&p, (const unsigned char *)out->data, out->len, &lim);
		if (p.fault != WABA_PHOTO_OK || p.format == WABA_PHOTO_NONE) {
			if (!quiet)
				cli_warn(_("the photo '%s' is not attached: it is not a valid PNG or JPEG image"), path);
			waba_source_release(out);
		}
		waba_photo_release(&p);
	}
	free(path);
	return err;
}

static time_t message_date(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible output */
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long t = strtoll(sde, &end, 10);
		if (!errno && !*end && t >= 0)
			return (time_t)t;
	}
	return time(NULL);
}

static int write_message(const char *output, const struct waba_strbuf *msg)
{
	if (strcmp(output, "-") == 0) {
		if (fwrite(msg->buf, 1, msg->len, stdout) != msg->len || fflush(stdout) != 0)
			return cli_fail("%s", _("cannot write the message to standard output"));
		return 0;
	}
	if (waba_atomic_write(output, msg->buf, msg->len, 0600) < 0)
		return cli_fail("%s", waba_error_last());
	return 0;
}

/*
 * Take the SMTP password out of the environment: copied, then wiped and unset, so that
 * no child process and no /proc/PID/environ holds it after this point. Caller wipes and
 * frees the copy. NULL when not set.
 */
static char *take_smtp_password(void)
{
	char *env = getenv("WABA_PREFLIGHT_SMTP_PASSWORD");
	char *copy;
	if (!env)
		return NULL;
	copy = waba_xstrdup(env);
	explicit_bzero(env, strlen(env));
	unsetenv("WABA_PREFLIGHT_SMTP_PASSWORD");
	return copy;
}

static int send_message(const struct cli_email_opts *a, const struct waba_email_request *req,
                        const struct waba_strbuf *msg)
{
	struct waba_smtp_options o = { 0 };
	char *password = take_smtp_password();
	o.url = a->send;
	o.from = req->contact_email.value;
	o.rcpt = req->to.value;
	o.user = getenv("WABA_PREFLIGHT_SMTP_USER");
	o.password = password;
	cli_note(_("sending the request to %s through %s"), o.rcpt ? o.rcpt : "?", a->send); /* always, --quiet too */
	int err = waba_smtp_send(&o, msg->buf, msg->len);
	if (password) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	return err;
}

/*
 * The body's language when it is not the report's: the application's "language" (a
 * language we have messages in) unless --lang was given. NULL: the report's.
 */
static const char *body_language(const struct cli_run *run, const struct waba_application *app)
{
	const char *lang = app->language.value;
	if (run->common.lang || !lang || strcmp(lang, waba_i18n_lang()) == 0)
		return NULL;
	for (size_t i = 0; waba_i18n_language(i); i++)
		if (strcmp(lang, waba_i18n_language(i)) == 0)
			return waba_i18n_language(i);
	return NULL;
}

struct body_run {
	struct cli_run *run;
	struct waba_app_check *c2;
	struct waba_report *scratch;
	const char *app_path;
	const struct waba_email_request *req;
};

static int body_checks(void *p)
{
	struct body_run *b = p;
	b->scratch->command = b->run->command;
	if (waba_check_application_file(b->c2, b->scratch, b->app_path, b->run->checklist) < 0)
		return -1;
	waba_check_email(b->req, b->run->checklist, &b->scratch->findings);
	waba_findings_follow(&b->scratch->findings, &b->run->report.findings);
	return 0;
}

/*
 * The open items the body lists must read in the body's language `lang`: the checks
 * run again, rendered in it, into `scratch`, and the run's verdict is carried over
 * finding by finding (waba_findings_follow), so that the body lists exactly what the
 * report settled. Returns the report the body lists, `scratch` or, should the second
 * run fail, the run's own.
 */
static const struct waba_report *body_report(struct cli_run *run, struct waba_app_check *c2, struct waba_report *scratch,
                                             const char *app_path, const struct waba_email_request *req, const char *lang)
{
	struct body_run b = { run, c2, scratch, app_path, req };
	return waba_i18n_render_in(lang, body_checks, &b) == 0 ? scratch : &run->report;
}

static int run_email(struct cli_run *run, struct waba_app_check *c, struct cli_email_opts *a, const char *app_path)
{
	struct waba_source photo = WABA_SOURCE_INIT;
	struct waba_email_request req = { 0 };
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	struct waba_app_check c2 = WABA_APP_CHECK_INIT;
	struct waba_report scratch = WABA_REPORT_INIT;
	const char *output = a->output ? a->output : DEFAULT_OUTPUT;
	int rc = CLI_EXIT_OK, loopback, send_err = 0;

	if (a->send && waba_smtp_url_check(a->send, &loopback) < 0)
		return a->typed ? cli_fail("%s", waba_error_last()) /* the library names no option */
		                : cli_fail(_("option --send: %s"), waba_error_last());
	if (strcmp(output, "-") == 0)
		run->out = stderr; /* the message owns stdout */
	c->paths_anywhere = c2.paths_anywhere = a->typed;
	if (waba_check_application_file(c, &run->report, app_path, run->checklist) < 0)
		return cli_fail("%s", waba_error_last());
	const struct waba_application *app = c->app;
	if (app->readable)
		request_from_app(&req, app, &run->report);
	req.to.value = a->to ? a->to : run->recipient; /* a checklist cannot redirect the request */
	if (req.photo_path.value && !waba_email_header_unsafe(req.photo_path.value, strlen(req.photo_path.value))) {
		if (read_photo(&photo, c, run->checklist, run->common.quiet) < 0) {
			rc = cli_fail("%s", waba_error_last());
			goto done;
		}
		req.photo = (const unsigned char *)photo.data;
		req.photo_len = photo.len;
	}

	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "email");
	waba_report_add_item(&run->report, "email", "email", app_path, item); /* the last item: its result at finish */
	if (app->readable)
		waba_check_email(&req, run->checklist, &run->report.findings);
	waba_report_end_item(&run->report);

	/* severities are final (config, checklists, baseline) before deciding to build */
	if ((rc = cli_run_settle(run)) != 0)
		goto done;
	size_t open = waba_email_open_count(&run->report); /* template errors do not hold the request */
	if (!app->readable || (open > 0 && !a->force)) {
		if (run->common.quiet)
			;
		else if (!app->readable) /* --force cannot help: there is nothing to build from */
			cli_warn("%s",
			         _("the request was not built: the application file could not be read (see the errors above)"));
		else
			cli_warn(_("the request was not built: %zu error(s) remain (fix them, or use --force)"), open);
		goto finish;
	}
	if (open > 0) {
		run->report.findings.current_item = (int)run->report.nitems - 1;
		waba_email_note_forced(&run->report.findings, open);
		waba_report_end_item(&run->report);
	}
	req.report = &run->report;
	req.forced = a->force;
	req.lang = body_language(run, app);
	if (req.lang && open > 0)
		req.report = body_report(run, &c2, &scratch, app_path, &req, req.lang);
	int err = waba_email_request_compose(&msg, &req, run->checklist, message_date());
	if (err < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	if ((rc = write_message(output, &msg)) != 0)
		goto done;
	a->written = 1;
	if (strcmp(output, "-") != 0 && !run->common.quiet && !a->send) {
		char *o = waba_text_escape(output), *to = waba_text_escape(req.to.value ? req.to.value : "?"),
		     *from = waba_text_escape(req.contact_email.value ? req.contact_email.value : "?");
		fprintf(stderr, _("waba-preflight: the request is in %s; send it to %s from %s\n"), o, to, from);
		free(o);
		free(to);
		free(from);
	}
	if (a->send) {
		send_err = send_message(a, &req, &msg);
		a->sent = send_err == 0;
	}
finish:;
	struct waba_email_result *res = waba_xcalloc(1, sizeof(*res));
	res->output = a->written ? waba_report_str(output) : NULL;
	res->sent = a->sent;
	waba_report_set_result(&run->report, &waba_email_result_type, res); /* the item owns it */
	rc = cli_run_finish(run);
	if (send_err < 0)
		rc = cli_fail(_("the message was written to '%s' but not sent: %s"), output, waba_error_last());
	else if (a->sent && !run->common.quiet) {
		char *to = waba_text_escape(req.to.value ? req.to.value : "?"), *o = waba_text_escape(output);
		fprintf(stderr, _("waba-preflight: the request was sent to %s (a copy is in %s)\n"), to, o);
		free(to);
		free(o);
	}
done:
	waba_strbuf_release(&msg);
	free(req.phones);
	free(req.websites);
	waba_source_release(&photo);
	waba_report_release(&scratch); /* before c2: its findings borrow c2's file names */
	waba_app_check_release(&c2);
	return rc;
}

int cli_email(struct cli_run *run, const char *app_path, struct cli_email_opts *o)
{
	struct waba_app_check c = WABA_APP_CHECK_INIT;
	int rc;
	o->written = o->sent = 0;
	if ((rc = cli_run_setup(run)) == 0 && (rc = cli_need_phone()) == 0)
		rc = run_email(run, &c, o, app_path);
	cli_run_release(run); /* the report first: its findings borrow the sources in c */
	waba_app_check_release(&c);
	return rc;
}

int cmd_email(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct cli_email_opts a = { 0 };
	int rc;
	cli_run_init(&run, "email");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("output", &a.output, N_("FILE"),
		               N_("write the message to FILE, atomically; '-' for standard output (-o; default: request.eml)")),
		CLI_OPT_STRING("send", &a.send, N_("URL"),
		               N_("deliver it: smtp://HOST:PORT (STARTTLS required unless loopback) or smtps://HOST:PORT; "
		                  "credentials from WABA_PREFLIGHT_SMTP_USER and WABA_PREFLIGHT_SMTP_PASSWORD")),
		CLI_OPT_STRING("to", &a.to, N_("ADDRESS"),
		               N_("recipient (default: Botmaker's activation address, from checklists/email.xml)")),
		CLI_OPT_FLAG("force", &a.force, N_("build the message even while errors remain; the body lists them")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("APPLICATION.json"),
	                   N_("assemble the activation request e-mail for Botmaker (and send it)"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("email: give exactly one application file (try --help)"));
	}
	rc = cli_email(&run, args.v[0], &a);
	free(args.v);
	return rc;
}
