/*
 * cmd_email.c: `waba-preflight email APPLICATION.json [-o FILE.eml] [--send URL]`
 *
 * Reads the application, runs the checks the request depends on, refuses to build
 * the message while an error remains (unless --force), writes it atomically (or to
 * stdout with -o -), and optionally delivers it over SMTP. A delivery failure is
 * exit 2, after the message has been written.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "waba/business.h"
#include "waba/email.h"

#define DEFAULT_OUTPUT "request.eml"

struct email_args {
	const char *output, *send, *to;
	int force;
};

/* ---- application file -> request ---------------------------------------------------
 * The application format: { "business": {"id", "verification_status"},
 *   "phones": [{"number", "purpose"} | "number"], "profile": {"display_name", "about",
 *   "address", "description", "category", "email", "websites": [..], "photo"},
 *   "contact": {"name", "email", "phone"}, "answers": {..} } */

static struct waba_email_field field(const struct waba_json *doc, const cJSON *obj, const char *key)
{
	struct waba_email_field f = { NULL, WABA_LOC_NONE };
	const cJSON *v = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
	if (cJSON_IsString(v)) {
		f.value = v->valuestring;
		f.loc = waba_json_loc(doc, v);
	} else if (v) {
		f.loc = waba_json_loc(doc, v);
	}
	return f;
}

static void request_from_json(struct waba_email_request *req, const struct waba_json *doc)
{
	const cJSON *root = doc->root;
	const cJSON *biz = cJSON_GetObjectItemCaseSensitive(root, "business");
	const cJSON *profile = cJSON_GetObjectItemCaseSensitive(root, "profile");
	const cJSON *contact = cJSON_GetObjectItemCaseSensitive(root, "contact");
	const cJSON *phones = cJSON_GetObjectItemCaseSensitive(root, "phones");
	const cJSON *sites = cJSON_GetObjectItemCaseSensitive(profile, "websites");
	const cJSON *v;

	req->business_id = field(doc, biz, "id");
	req->verification_status = field(doc, biz, "verification_status").value;
	req->display_name = field(doc, profile, "display_name");
	req->about = field(doc, profile, "about");
	req->address = field(doc, profile, "address");
	req->description = field(doc, profile, "description");
	req->category = field(doc, profile, "category");
	req->email = field(doc, profile, "email");
	req->photo_path = field(doc, profile, "photo");
	req->contact_name = field(doc, contact, "name");
	req->contact_email = field(doc, contact, "email");
	req->contact_phone = field(doc, contact, "phone");
	req->answers = cJSON_GetObjectItemCaseSensitive(root, "answers");
	if (cJSON_IsArray(phones)) {
		req->phones = waba_xcalloc((size_t)cJSON_GetArraySize(phones) + 1, sizeof(*req->phones));
		cJSON_ArrayForEach(v, phones) {
			struct waba_email_phone *p = &req->phones[req->nphones++];
			if (cJSON_IsString(v)) {
				p->number.value = v->valuestring;
				p->number.loc = waba_json_loc(doc, v);
			} else {
				p->number = field(doc, v, "number");
				p->purpose = field(doc, v, "purpose");
			}
		}
	}
	if (cJSON_IsArray(sites)) {
		req->websites = waba_xcalloc((size_t)cJSON_GetArraySize(sites) + 1, sizeof(*req->websites));
		cJSON_ArrayForEach(v, sites)
			if (cJSON_IsString(v)) {
				req->websites[req->nwebsites].value = v->valuestring;
				req->websites[req->nwebsites++].loc = waba_json_loc(doc, v);
			}
	}
}

/* The photo's path is relative to the application file's folder. */
static int read_photo(struct waba_source *out, const char *app_path, const char *photo, size_t cap)
{
	char *path;
	const char *slash = strrchr(app_path, '/');
	if (photo[0] == '/' || !slash)
		path = waba_xstrdup(photo);
	else
		path = waba_xasprintf("%.*s/%s", (int)(slash - app_path), app_path, photo);
	int err = waba_source_read(out, path, cap);
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
	if (waba_atomic_write(output, msg->buf, msg->len, 0644) < 0)
		return cli_fail("%s", waba_error_last());
	return 0;
}

static int send_message(const struct email_args *a, const struct waba_email_request *req,
                        const struct waba_strbuf *msg)
{
	struct waba_smtp_options o = { 0 };
	o.url = a->send;
	o.from = req->contact_email.value;
	o.rcpt = req->to.value;
	o.user = getenv("WABA_PREFLIGHT_SMTP_USER");
	o.password = getenv("WABA_PREFLIGHT_SMTP_PASSWORD");
	return waba_smtp_send(&o, msg->buf, msg->len);
}

static int run_email(struct cli_run *run, const struct email_args *a, const char *app_path)
{
	struct waba_source src = WABA_SOURCE_INIT, photo = WABA_SOURCE_INIT;
	struct waba_json doc = { 0 };
	struct waba_email_request req = { 0 };
	struct waba_strbuf msg = WABA_STRBUF_INIT;
	const char *output = a->output ? a->output : DEFAULT_OUTPUT;
	int rc = CLI_EXIT_OK, loopback, send_err = 0;
	cJSON *item = NULL;

	if (a->send && waba_smtp_url_check(a->send, &loopback) < 0)
		return cli_fail("%s", waba_error_last());
	if (waba_source_read(&src, app_path, WABA_SOURCE_MAX) < 0)
		return cli_fail("%s", waba_error_last());
	if (strcmp(output, "-") == 0)
		run->out = stderr; /* the message owns stdout */
	waba_json_parse(&doc, &src, &run->report.findings);
	if (doc.root && !cJSON_IsObject(doc.root)) {
		rc = cli_fail(_("'%s': the application must be a JSON object"), app_path);
		goto done;
	}
	if (doc.root) {
		request_from_json(&req, &doc);
		if (req.business_id.value)
			waba_check_business(&run->report, req.business_id.value, req.verification_status, run->checklist);
	}
	const struct waba_set *rcpt = waba_checklist_set(run->checklist, "email.recipient");
	req.to.value = a->to ? a->to : rcpt && rcpt->len ? rcpt->items[0].value : NULL;
	if (req.photo_path.value && !waba_email_header_unsafe(req.photo_path.value, strlen(req.photo_path.value))) {
		long cap = waba_checklist_limit(run->checklist, "email.photo.max_bytes");
		if (read_photo(&photo, app_path, req.photo_path.value, cap > 0 ? (size_t)cap : WABA_SOURCE_MAX) < 0) {
			rc = cli_fail("%s", waba_error_last());
			goto done;
		}
		req.photo = (const unsigned char *)photo.data;
		req.photo_len = photo.len;
	}

	item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "email");
	cJSON_AddNullToObject(item, "output");
	cJSON_AddBoolToObject(item, "sent", 0);
	waba_report_add_item(&run->report, "email", "email", app_path, item);
	if (doc.root)
		waba_check_email(&req, run->checklist, &run->report.findings);
	waba_report_end_item(&run->report);

	size_t open = waba_findings_count(&run->report.findings, WABA_SEV_ERROR);
	if (!doc.root || (open > 0 && !a->force)) {
		if (!run->common.quiet)
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
	if (waba_email_request_compose(&msg, &req, run->checklist, message_date()) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	if ((rc = write_message(output, &msg)) != 0)
		goto done;
	cJSON_ReplaceItemInObject(item, "output", cJSON_CreateString(output));
	if (a->send) {
		send_err = send_message(a, &req, &msg);
		cJSON_ReplaceItemInObject(item, "sent", cJSON_CreateBool(send_err == 0));
	}
finish:
	rc = cli_run_finish(run);
	if (send_err < 0)
		rc = cli_fail(_("the message was written to '%s' but not sent: %s"), output, waba_error_last());
done:
	waba_strbuf_release(&msg);
	free(req.phones);
	free(req.websites);
	waba_json_release(&doc);
	waba_source_release(&photo);
	waba_source_release(&src);
	return rc;
}

int cmd_email(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct email_args a = { 0 };
	int rc;
	cli_run_init(&run, "email");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("output", &a.output, "FILE", N_("write the message to FILE, atomically; '-' for standard output (-o; default: request.eml)")),
		CLI_OPT_STRING("send", &a.send, "URL", N_("deliver it: smtp://HOST:PORT (STARTTLS required unless loopback) or smtps://HOST:PORT; "
		                                          "credentials from WABA_PREFLIGHT_SMTP_USER and WABA_PREFLIGHT_SMTP_PASSWORD")),
		CLI_OPT_STRING("to", &a.to, "ADDRESS", N_("recipient (default: Botmaker's activation address, from checklists/email.xml)")),
		CLI_OPT_FLAG("force", &a.force, N_("build the message even while errors remain; the body lists them")),
		CLI_OPT_END(),
	};
	if (cli_opt_parse(opts, argc, argv, &args) < 0) {
		free(args.v);
		return CLI_EXIT_FAIL;
	}
	if (cli_handle_help(&run, "APPLICATION.json", N_("assemble the activation request e-mail for Botmaker (and send it)"), opts)) {
		free(args.v);
		return CLI_EXIT_OK;
	}
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("email: give exactly one application file (try --help)"));
	}
	if ((rc = cli_run_setup(&run)) == 0)
		rc = run_email(&run, &a, args.v[0]);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
