/*
 * email_request.c: the activation request Botmaker asks for (policy §7), rendered in
 * the request's language (req->lang, else the messages' one) and composed with email_message.c.
 */
#include <stdlib.h>
#include <string.h>
#include "waba/email.h"
#include "waba/i18n.h"
#include "waba/readiness.h"
#include "waba/waba.h"

const char *waba_email_sniff_type(const unsigned char *d, size_t n)
{
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return "image/jpeg";
	return "application/octet-stream";
}

static const char *val(const struct waba_email_field *f)
{
	return f->value && *f->value ? f->value : NULL;
}

/* "   Label: value", continuation lines of a multi-line value indented under it. */
static void line(struct waba_strbuf *b, const char *label, const char *value)
{
	waba_strbuf_addf(b, "   %s ", label);
	if (!value) {
		waba_strbuf_addf(b, "%s\n", _("(not given)"));
		return;
	}
	for (const char *p = value; *p; p++) {
		if (*p == '\r')
			continue;
		waba_strbuf_addc(b, *p);
		if (*p == '\n')
			waba_strbuf_adds(b, "      ");
	}
	waba_strbuf_addc(b, '\n');
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* " (a landline)": the phone family's label for the type in the body's language, else
 * " (type: fixed_line)". */
static void phone_type(struct waba_strbuf *b, const char *type, const struct waba_checklist *cl)
{
	char *id = waba_xasprintf("phone.type_label.%s", type);
	const char *label = cl ? waba_checklist_text(cl, id, waba_i18n_lang()) : NULL;
	if (label)
		waba_strbuf_addf(b, " (%s)", label);
	else
		waba_strbuf_addf(b, " (%s %s)", _("type:"), type);
	free(id);
}

/* A value of a checklist set as the body's reader reads it: "verified" -> "verificada";
 * with `code`, "RETAIL (Compras e varejo)", the code Meta takes kept beside the label. */
static char *set_label(const struct waba_checklist *cl, const char *set_id, const char *value, int code)
{
	const struct waba_set_item *it = cl ? waba_set_find(waba_checklist_set(cl, set_id), value) : NULL;
	const char *label = it ? waba_set_item_label(it, waba_i18n_lang()) : NULL;
	if (!label || strcmp(label, value) == 0)
		return waba_xstrdup(value);
	return code ? waba_xasprintf("%s (%s)", value, label) : waba_xstrdup(label);
}

static void open_items(struct waba_strbuf *b, const struct waba_email_request *req)
{
	const struct waba_findings *fs = req->report ? &req->report->findings : NULL;
	size_t n = fs ? waba_email_open_count(req->report) : 0;
	if (n == 0)
		return;
	waba_strbuf_addf(b,
	                 waba_ngettext("ATTENTION: %zu item is still open; this request was sent before it was solved:",
	                               "ATTENTION: %zu items are still open; this request was sent before they were solved:",
	                               n),
	                 n);
	waba_strbuf_addc(b, '\n');
	for (size_t i = 0; i < fs->len; i++) {
		const struct waba_finding *f = &fs->v[i];
		if (!waba_email_finding_open(req->report, f))
			continue;
		waba_strbuf_addf(b, "   - [%s] %s\n", f->rule->id, f->message);
	}
	waba_strbuf_addc(b, '\n');
}

static void readiness(struct waba_strbuf *b, const struct waba_email_request *req, const struct waba_checklist *cl)
{
	struct waba_readiness rd = { 0 };
	struct waba_report empty = WABA_REPORT_INIT;
	struct waba_strbuf t = WABA_STRBUF_INIT;
	if (!cl)
		return;
	waba_readiness_evaluate(&rd, req->report ? req->report : &empty, req->answers, cl);
	waba_readiness_text(&rd, cl, waba_i18n_lang(), 0, &t);
	/* the checklist's own title becomes section 5 */
	for (const char *p = waba_strbuf_cstr(&t); *p;) {
		size_t n = strcspn(p, "\n");
		if (p == waba_strbuf_cstr(&t))
			waba_strbuf_addf(b, "5. %.*s\n", (int)n, p);
		else if (n)
			waba_strbuf_addf(b, "   %.*s\n", (int)n, p);
		else
			waba_strbuf_addc(b, '\n');
		p += n + (p[n] == '\n');
	}
	waba_strbuf_release(&t);
	waba_readiness_release(&rd);
}

char *waba_email_request_body(const struct waba_email_request *req, const struct waba_checklist *cl)
{
	struct waba_strbuf b = WABA_STRBUF_INIT;
	const char *name = val(&req->display_name);

	waba_strbuf_addf(&b, "%s\n\n", _("Hello, Botmaker team,"));
	waba_strbuf_addf(&b,
	                 _("Please activate a WhatsApp Business API account for %s. Below are the details "
	                   "Botmaker asks for in its activation process."),
	                 name ? name : _("our business"));
	waba_strbuf_adds(&b, "\n\n");
	open_items(&b, req);

	waba_strbuf_addf(&b, "1. %s\n", _("Business Manager"));
	line(&b, _("ID:"), val(&req->business_id));
	char *status = req->verification_status
	                   ? set_label(cl, "business.verification_status", req->verification_status, 0)
	                   : waba_xstrdup(_("not checked"));
	line(&b, _("Verification status:"), status);
	free(status);
	waba_strbuf_addc(&b, '\n');

	waba_strbuf_addf(&b, "2. %s\n", _("Phone numbers"));
	if (req->nphones == 0)
		waba_strbuf_addf(&b, "   %s\n", _("(not given)"));
	for (size_t i = 0; i < req->nphones; i++) {
		const struct waba_email_phone *p = &req->phones[i];
		const char *num = p->e164 ? p->e164 : val(&p->number);
		waba_strbuf_addf(&b, "   - %s", num ? num : "?");
		if (p->type)
			phone_type(&b, p->type, cl);
		if (val(&p->purpose))
			waba_strbuf_addf(&b, "; %s %s", _("purpose:"), p->purpose.value);
		waba_strbuf_addc(&b, '\n');
	}
	waba_strbuf_addc(&b, '\n');

	waba_strbuf_addf(&b, "3. %s\n", _("WhatsApp profile"));
	line(&b, _("Display name:"), name);
	line(&b, _("About:"), val(&req->about));
	line(&b, _("Address:"), val(&req->address));
	line(&b, _("Description:"), val(&req->description));
	char *category = val(&req->category) ? set_label(cl, "profile.verticals", req->category.value, 1) : NULL;
	line(&b, _("Category:"), category);
	free(category);
	line(&b, _("E-mail:"), val(&req->email));
	waba_strbuf_addf(&b, "   %s", _("Websites:"));
	if (req->nwebsites == 0)
		waba_strbuf_addf(&b, " %s", _("(not given)"));
	for (size_t i = 0; i < req->nwebsites; i++)
		waba_strbuf_addf(&b, "%s %s", i ? "," : "", req->websites[i].value ? req->websites[i].value : "");
	waba_strbuf_addc(&b, '\n');
	if (req->photo && val(&req->photo_path)) {
		char *s = waba_xasprintf(_("attached (%s, %zu bytes)"), base_name(req->photo_path.value), req->photo_len);
		line(&b, _("Photo:"), s);
		free(s);
	} else {
		line(&b, _("Photo:"), NULL);
	}
	waba_strbuf_addc(&b, '\n');

	waba_strbuf_addf(&b, "4. %s\n", _("Contact person"));
	line(&b, _("Name:"), val(&req->contact_name));
	line(&b, _("E-mail:"), val(&req->contact_email));
	line(&b, _("Phone:"), val(&req->contact_phone));
	waba_strbuf_addc(&b, '\n');

	readiness(&b, req, cl);

	waba_strbuf_addf(&b, "\n%s\n%s\n\n-- \n", _("Thank you,"),
	                 val(&req->contact_name) ? req->contact_name.value : "");
	waba_strbuf_addf(&b, _("Prepared with waba-preflight %s"), waba_version());
	waba_strbuf_addc(&b, '\n');
	return waba_strbuf_detach(&b);
}

struct compose_args {
	struct waba_strbuf *out;
	const struct waba_email_request *req;
	const struct waba_checklist *cl;
	time_t date;
};

static int compose(void *p)
{
	const struct compose_args *a = p;
	struct waba_strbuf *out = a->out;
	const struct waba_email_request *req = a->req;
	const struct waba_checklist *cl = a->cl;
	time_t date = a->date;
	struct waba_email msg = { 0 };
	struct waba_email_attachment photo = { 0 };
	const char *name = val(&req->display_name) ? req->display_name.value : val(&req->business_id);
	char *subject = waba_xasprintf(_("WhatsApp Business API activation request: %s"), name ? name : "?");
	char *body = waba_email_request_body(req, cl);
	int err;

	msg.from.name = val(&req->contact_name);
	msg.from.addr = req->contact_email.value;
	msg.to.addr = req->to.value;
	msg.subject = subject;
	msg.body = body;
	msg.date = date;
	if (req->photo && val(&req->photo_path)) {
		photo.filename = req->photo_path.value;
		photo.content_type = waba_email_sniff_type(req->photo, req->photo_len);
		photo.data = req->photo;
		photo.len = req->photo_len;
		msg.attachments = &photo;
		msg.nattachments = 1;
	}
	err = waba_email_compose(out, &msg);
	free(subject);
	free(body);
	return err;
}

int waba_email_request_compose(struct waba_strbuf *out, const struct waba_email_request *req,
                               const struct waba_checklist *cl, time_t date)
{
	struct compose_args a = { out, req, cl, date };
	if (!req->lang)
		return compose(&a);
	for (size_t i = 0; waba_i18n_language(i); i++)
		if (strcmp(req->lang, waba_i18n_language(i)) == 0)
			return waba_i18n_render_in(req->lang, compose, &a);
	return waba_error_set(WABA_EINVAL, _("no messages in the language '%s'"), req->lang);
}
