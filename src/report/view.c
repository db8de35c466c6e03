/*
 * view.c: copies of what a visual report shows of a template, a profile and a photo
 * (include/waba/view.h), with the span of the file each text came from.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "waba/application.h"
#include "waba/photo.h"
#include "waba/strbuf.h"
#include "waba/template.h"
#include "waba/text.h"
#include "waba/view.h"

static char *clean_copy(const char *s, size_t len)
{
	return s ? waba_text_clean(s, len, 0, 0) : NULL;
}

int waba_view_loc_has(const struct waba_loc *loc, unsigned line, unsigned column)
{
	if (!loc->line || !line)
		return 0;
	unsigned el = loc->end_line ? loc->end_line : loc->line;
	unsigned ec = loc->end_line ? loc->end_column : loc->column;
	if (!column)
		column = 1;
	if (line < loc->line || (line == loc->line && column < loc->column))
		return 0;
	if (line > el || (line == el && column > ec))
		return 0;
	return 1;
}

/* ------------------------------------------------------------------ templates */

/* From where the text starts (JSON: its opening quote) to where it ends (its closing quote). */
static struct waba_loc tpl_span(const struct waba_template *tpl, const struct waba_tpl_text *t)
{
	struct waba_loc a = waba_template_text_loc(tpl, t);
	struct waba_loc b = waba_template_loc(tpl, t, t->len, t->len);
	a.file = NULL;
	a.end_line = b.line;
	a.end_column = b.column;
	return a;
}

static void tpl_text(struct waba_view_text *out, const struct waba_template *tpl, const struct waba_tpl_text *t)
{
	memset(out, 0, sizeof(*out));
	if (!t->s)
		return;
	out->s = clean_copy(t->s, t->len);
	out->loc = tpl_span(tpl, t);
}

static void tpl_part(struct waba_view_part *out, const struct waba_template *tpl, const struct waba_tpl_component *c)
{
	memset(out, 0, sizeof(*out));
	tpl_text(&out->text, tpl, &c->text);
	if (c->nsamples) {
		out->samples = waba_xcalloc(c->nsamples, sizeof(char *));
		for (size_t i = 0; i < c->nsamples; i++)
			out->samples[i] = clean_copy(c->samples[i].s ? c->samples[i].s : "", c->samples[i].len);
		out->nsamples = c->nsamples;
	}
	if (c->nnamed) {
		out->names = waba_xcalloc(c->nnamed, sizeof(char *));
		out->values = waba_xcalloc(c->nnamed, sizeof(char *));
		for (size_t i = 0; i < c->nnamed; i++) {
			const struct waba_tpl_named *n = &c->named[i];
			out->names[i] = clean_copy(n->name.s ? n->name.s : "", n->name.len);
			out->values[i] = clean_copy(n->example.s ? n->example.s : "", n->example.len);
		}
		out->nnamed = c->nnamed;
	}
}

static char *upper_copy(const struct waba_tpl_text *t)
{
	if (!t->s)
		return NULL;
	char *s = clean_copy(t->s, t->len);
	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

/* A media header's sample: example.header_handle[0] (or a string), as given. */
static char *media_sample(const cJSON *header)
{
	const cJSON *ex = header ? cJSON_GetObjectItemCaseSensitive(header, "example") : NULL;
	const cJSON *h = ex ? cJSON_GetObjectItemCaseSensitive(ex, "header_handle") : NULL;
	if (cJSON_IsArray(h))
		h = cJSON_GetArrayItem(h, 0);
	if (cJSON_IsString(h) && h->valuestring)
		return clean_copy(h->valuestring, strlen(h->valuestring));
	return NULL;
}

static void tpl_buttons(struct waba_view_bubble *m, const struct waba_template *tpl,
                        const struct waba_tpl_button *buttons, size_t n)
{
	if (!n)
		return;
	m->buttons = waba_xcalloc(n, sizeof(*m->buttons));
	m->nbuttons = n;
	for (size_t i = 0; i < n; i++) {
		const struct waba_tpl_button *b = &buttons[i];
		struct waba_view_button *o = &m->buttons[i];
		o->type = upper_copy(&b->type);
		o->otp_type = upper_copy(&b->otp_type);
		tpl_text(&o->text, tpl, &b->text);
		if (b->url.s) {
			tpl_text(&o->value, tpl, &b->url);
			tpl_text(&o->example, tpl, &b->example);
		} else if (b->phone.s) {
			tpl_text(&o->value, tpl, &b->phone);
		} else {
			tpl_text(&o->value, tpl, &b->example);
		}
		o->loc = waba_template_node_loc(tpl, b->node);
		o->loc.file = NULL;
	}
}

static void tpl_header(struct waba_view_bubble *m, const struct waba_template *tpl, const struct waba_tpl_component *h)
{
	if (!h->present)
		return;
	m->header_format = h->format.s ? upper_copy(&h->format) : waba_xstrdup("TEXT");
	tpl_part(&m->header, tpl, h);
	m->media_sample = media_sample(h->node);
	m->header_loc = waba_template_node_loc(tpl, h->node);
	m->header_loc.file = NULL;
}

struct waba_view *waba_view_template(const struct waba_template *tpl)
{
	struct waba_view *v = waba_xcalloc(1, sizeof(*v));
	struct waba_view_template *t = &v->u.tpl;
	struct waba_view_bubble *m = &t->msg;
	v->kind = WABA_VIEW_TEMPLATE;
	tpl_text(&t->name, tpl, &tpl->name);
	tpl_text(&t->language, tpl, &tpl->language);
	tpl_text(&t->category, tpl, &tpl->category);
	t->loc = waba_template_node_loc(tpl, tpl->node);
	t->loc.file = NULL;
	m->code_expiration_minutes = -1;
	tpl_header(m, tpl, &tpl->header);
	tpl_part(&m->body, tpl, &tpl->body);
	m->security_recommendation = tpl->body.add_security_recommendation;
	if (tpl->footer.present) {
		tpl_text(&m->footer, tpl, &tpl->footer.text);
		m->code_expiration_minutes = tpl->footer.code_expiration_minutes;
	}
	tpl_buttons(m, tpl, tpl->buttons, tpl->nbuttons);
	if (tpl->lto.present) {
		tpl_text(&t->offer, tpl, &tpl->lto.text);
		t->offer_expires = tpl->lto.has_expiration;
		t->has_offer = 1;
	}
	if (tpl->ncards) {
		t->cards = waba_xcalloc(tpl->ncards, sizeof(*t->cards));
		t->ncards = tpl->ncards;
	}
	for (size_t c = 0; c < tpl->ncards; c++) {
		const struct waba_tpl_card *card = &tpl->cards[c];
		struct waba_view_bubble *b = &t->cards[c];
		b->code_expiration_minutes = -1;
		tpl_header(b, tpl, &card->header);
		tpl_part(&b->body, tpl, &card->body);
		tpl_buttons(b, tpl, card->buttons, card->nbuttons);
	}
	return v;
}

/* ------------------------------------------------------------------ profile */

static void app_text(struct waba_view_text *out, const struct waba_application *app, const struct waba_app_str *f)
{
	memset(out, 0, sizeof(*out));
	if (!f->value)
		return;
	out->s = clean_copy(f->value, strlen(f->value));
	if (!app->src)
		return;
	struct waba_loc a = waba_application_loc(app, f);
	struct waba_loc b = waba_application_str_loc(app, f, strlen(f->value), strlen(f->value));
	a.file = NULL;
	a.end_line = b.line;
	a.end_column = b.column;
	out->loc = a;
}

struct waba_view *waba_view_profile(const struct waba_application *app)
{
	struct waba_view *v = waba_xcalloc(1, sizeof(*v));
	struct waba_view_profile *p = &v->u.profile;
	const struct waba_app_profile *ap = &app->profile;
	v->kind = WABA_VIEW_PROFILE;
	app_text(&p->display_name, app, &app->display_name);
	app_text(&p->about, app, &ap->about);
	app_text(&p->address, app, &ap->address);
	app_text(&p->description, app, &ap->description);
	app_text(&p->email, app, &ap->email);
	app_text(&p->vertical, app, &ap->vertical);
	if (ap->nwebsites) {
		p->websites = waba_xcalloc(ap->nwebsites, sizeof(*p->websites));
		p->nwebsites = ap->nwebsites;
		for (size_t i = 0; i < ap->nwebsites; i++)
			app_text(&p->websites[i], app, &ap->websites[i]);
	}
	return v;
}

/* ------------------------------------------------------------------ photo */

struct waba_view *waba_view_photo(const struct waba_photo *p, const struct waba_checklist *cl)
{
	if (!p->rgba || !p->gw || !p->gh)
		return NULL;
	unsigned long long longest = p->gw > p->gh ? p->gw : p->gh;
	unsigned side = longest < WABA_VIEW_PHOTO_SIDE ? (unsigned)longest : WABA_VIEW_PHOTO_SIDE;
	unsigned w = (unsigned)((p->gw * (unsigned long long)side + longest / 2) / longest);
	unsigned h = (unsigned)((p->gh * (unsigned long long)side + longest / 2) / longest);
	w = w ? w : 1, h = h ? h : 1;
	unsigned char *px = waba_xmalloc((size_t)w * h * 4);
	waba_photo_resample_rgba(px, w, h, p->rgba, p->gw, p->gh);
	/* what WhatsApp shows behind transparent pixels */
	long tr = waba_checklist_limit(cl, "photo.preview.transparent_rgb");
	unsigned char behind[3] = { (unsigned char)(tr >> 16 & 0xff), (unsigned char)(tr >> 8 & 0xff),
		                    (unsigned char)(tr & 0xff) };
	unsigned char *rgb = waba_xmalloc((size_t)w * h * 3);
	for (size_t i = 0; i < (size_t)w * h; i++)
		for (int c = 0; c < 3; c++)
			rgb[i * 3 + c] = (unsigned char)((px[i * 4 + c] * px[i * 4 + 3] +
			                                  behind[c] * (255 - px[i * 4 + 3]) + 127) /
			                                 255);
	free(px);
	struct waba_strbuf png = WABA_STRBUF_INIT;
	int err = waba_photo_encode_png(&png, rgb, w, h, 3);
	free(rgb);
	if (err < 0) {
		waba_strbuf_release(&png);
		return NULL;
	}
	struct waba_view *v = waba_xcalloc(1, sizeof(*v));
	v->kind = WABA_VIEW_PHOTO;
	v->u.photo.len = png.len;
	v->u.photo.png = (unsigned char *)waba_strbuf_detach(&png);
	v->u.photo.width = w;
	v->u.photo.height = h;
	return v;
}

/* ------------------------------------------------------------------ free */

static void text_free(struct waba_view_text *t)
{
	free(t->s);
}

static void part_free(struct waba_view_part *p)
{
	text_free(&p->text);
	for (size_t i = 0; i < p->nsamples; i++)
		free(p->samples[i]);
	free(p->samples);
	for (size_t i = 0; i < p->nnamed; i++) {
		free(p->names[i]);
		free(p->values[i]);
	}
	free(p->names);
	free(p->values);
}

static void bubble_free(struct waba_view_bubble *b)
{
	free(b->header_format);
	part_free(&b->header);
	free(b->media_sample);
	part_free(&b->body);
	text_free(&b->footer);
	for (size_t i = 0; i < b->nbuttons; i++) {
		free(b->buttons[i].type);
		free(b->buttons[i].otp_type);
		text_free(&b->buttons[i].text);
		text_free(&b->buttons[i].value);
		text_free(&b->buttons[i].example);
	}
	free(b->buttons);
}

void waba_view_free(struct waba_view *v)
{
	if (!v)
		return;
	switch (v->kind) {
	case WABA_VIEW_TEMPLATE:
		text_free(&v->u.tpl.name);
		text_free(&v->u.tpl.language);
		text_free(&v->u.tpl.category);
		text_free(&v->u.tpl.offer);
		bubble_free(&v->u.tpl.msg);
		for (size_t i = 0; i < v->u.tpl.ncards; i++)
			bubble_free(&v->u.tpl.cards[i]);
		free(v->u.tpl.cards);
		break;
	case WABA_VIEW_PROFILE: {
		struct waba_view_profile *p = &v->u.profile;
		text_free(&p->display_name);
		text_free(&p->about);
		text_free(&p->address);
		text_free(&p->description);
		text_free(&p->email);
		text_free(&p->vertical);
		for (size_t i = 0; i < p->nwebsites; i++)
			text_free(&p->websites[i]);
		free(p->websites);
		break;
	}
	case WABA_VIEW_PHOTO:
		free(v->u.photo.png);
		break;
	}
	free(v);
}
