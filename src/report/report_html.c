/*
 * report_html.c: one self-contained page for people who would rather look than read:
 * the profile card (the photo in WhatsApp's contact-list circle, what the circle cuts
 * off shaded, the fields), every template as a chat bubble (WhatsApp's *bold*,
 * _italic_, ~strike~ and ```mono``` rendered, variables filled from the samples and
 * marked, buttons as WhatsApp draws them, carousel cards side by side), each finding
 * beside the part it concerns with its line:col, and the readiness checklist.
 *
 * No script, no network: the photo is a data: URI, the style is inline, and a
 * Content-Security-Policy meta forbids everything else. Every text from the input is
 * escaped (templates are untrusted in CI). The parts come from the items' views
 * (view.h); a finding goes to the part whose span holds its line and column.
 * Written whole (not streamed): the profile card gathers several items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/profile.h"
#include "waba/report.h"
#include "waba/strbuf.h"
#include "waba/template.h"
#include "waba/text.h"
#include "waba/view.h"
#include "waba/waba.h"

/* Formatting is parsed in the first bytes of a text only (a body may have 1,024
 * characters; a hostile one of megabytes is shown plain past this). */
#define FORMAT_MAX 8192
#define FORMAT_DEPTH 6

static const char CSP[] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
                          "form-action 'none'";

static const char CSS[] =
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:#f0f2f5;color:#111b21;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "'Noto Sans','DejaVu Sans',sans-serif;overflow-wrap:anywhere}"
    ".page{max-width:1100px;margin:0 auto;padding:12px}"
    "h1{font-size:20px;margin:4px 0}h2{font-size:17px;margin:22px 0 8px}h3{font-size:16px;margin:0}"
    ".sub{color:#54656f;margin:0 0 6px}"
    ".counts span{display:inline-block;border-radius:12px;padding:1px 10px;margin:2px 4px 2px 0;font-size:14px;"
    "background:#e9edef}"
    ".counts .n-error{background:#fde2e1;color:#a4161a}.counts .n-warning{background:#fff1c2;color:#7a5300}"
    ".counts .n-note{background:#dcecfb;color:#0b5394}"
    ".box{background:#fff;border-radius:10px;padding:12px;margin:10px 0;box-shadow:0 1px 2px rgba(11,20,26,.12)}"
    /* the profile card */
    ".prof{display:grid;grid-template-columns:minmax(0,1fr);gap:14px}"
    ".shot{display:flex;flex-direction:column;align-items:center;gap:10px;text-align:center}"
    ".photo{position:relative;max-width:100%;overflow:hidden;background:#000;border-radius:4px}"
    ".photo img{display:block;width:100%;height:100%}"
    ".circle{position:absolute;border-radius:50%;box-shadow:0 0 0 999px rgba(17,27,33,.62);"
    "outline:2px dashed rgba(255,255,255,.85)}"
    ".row{display:flex;align-items:center;gap:12px;width:100%;max-width:340px;padding:8px;border-radius:8px;"
    "background:#fff;border:1px solid #e9edef}"
    ".avatar{width:49px;height:49px;border-radius:50%;object-fit:cover;flex:none;background:#000}"
    ".noavatar{width:49px;height:49px;border-radius:50%;flex:none;background:#dfe5e7}"
    ".row b{display:block}.row span{color:#667781;font-size:13px;display:block}"
    ".fields{display:grid;gap:8px}"
    ".field{border-left:3px solid #e9edef;padding:2px 0 2px 10px}"
    ".field .k{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#667781}"
    ".field .v{white-space:pre-wrap}.field .v.none{color:#8696a0;font-style:italic}"
    /* parts with findings */
    ".p-error{outline:2px solid #e5484d;outline-offset:1px}.p-warning{outline:2px solid #f5a524;outline-offset:1px}"
    ".p-note{outline:2px dashed #3e8ed0;outline-offset:1px}"
    ".field.p-error,.field.p-warning,.field.p-note{outline:none}"
    ".field.p-error{border-left-color:#e5484d}.field.p-warning{border-left-color:#f5a524}"
    ".field.p-note{border-left-color:#3e8ed0}"
    ".mk{display:inline-block;min-width:18px;padding:0 5px;border-radius:9px;font:bold 11px/18px sans-serif;"
    "text-align:center;color:#fff;background:#3e8ed0;text-decoration:none;margin-left:4px;vertical-align:middle}"
    ".mk.error{background:#e5484d}.mk.warning{background:#b7791f}"
    /* templates */
    ".tpl-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px}"
    ".tag{font-size:12px;border-radius:4px;padding:0 6px;background:#e9edef;color:#3b4a54}"
    ".where{font-size:12px;color:#667781}"
    ".tgrid{display:grid;grid-template-columns:minmax(0,1fr);gap:12px;margin-top:8px}"
    ".chat{background:#efeae2;border-radius:8px;padding:14px 10px;min-width:0}"
    ".bubble{background:#fff;border-radius:0 8px 8px 8px;padding:4px 4px 6px;max-width:340px;"
    "box-shadow:0 1px .5px rgba(11,20,26,.13);font-size:14.2px;line-height:19px}"
    ".bubble>div{padding:2px 5px}"
    ".media{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:130px;"
    "border-radius:6px;background:#cfd8dc;color:#37474f;margin-bottom:4px;text-align:center;padding:8px}"
    ".media .ic{font-size:30px;line-height:36px}.media small{display:block;font-size:11px;max-width:100%}"
    ".htext{font-weight:bold}"
    ".body{white-space:pre-wrap}"
    ".foot{color:#667781;font-size:13px}"
    ".time{text-align:right;color:#667781;font-size:11px;line-height:14px;padding:0 5px}"
    ".var{background:#d9fdd3;color:inherit;border-bottom:2px solid #25d366;border-radius:2px;padding:0 1px}"
    ".var.miss{background:#fde2e1;border-bottom-color:#e5484d}"
    "code.mono{font-family:'DejaVu Sans Mono',ui-monospace,monospace;font-size:13px}"
    ".btns{max-width:340px}"
    ".btn{background:#fff;border-radius:8px;margin-top:2px;padding:8px;text-align:center;color:#027eb5;"
    "box-shadow:0 1px .5px rgba(11,20,26,.13);font-weight:500}"
    ".btn small{display:block;color:#667781;font-weight:normal;font-size:11px}"
    ".cards{display:flex;gap:8px;overflow-x:auto;margin-top:8px;padding-bottom:4px}"
    ".card{flex:0 0 220px;max-width:80%}"
    ".offer{background:#fff;border-radius:8px;padding:6px 9px;margin-bottom:4px;max-width:340px;"
    "border-left:4px solid #25d366}.offer small{display:block;color:#667781;font-size:12px}"
    ".card .bubble{border-radius:8px}"
    /* findings */
    ".findings{margin:0;padding:0;list-style:none;min-width:0}"
    ".fg{margin:0 0 8px}.fg>a{font-size:12px;font-weight:bold;color:#3b4a54;text-decoration:none}"
    ".fg ul{margin:2px 0 0;padding:0;list-style:none}"
    ".f{border-left:4px solid #3e8ed0;background:#f7f9fa;padding:4px 8px;margin:3px 0;border-radius:0 6px 6px 0}"
    ".f.error{border-left-color:#e5484d}.f.warning{border-left-color:#f5a524}"
    ".f .sev{font-weight:bold;font-size:12px;text-transform:uppercase;margin-right:4px}"
    ".f.error .sev{color:#a4161a}.f.warning .sev{color:#7a5300}.f.note .sev{color:#0b5394}"
    ".f .loc{font:12px 'DejaVu Sans Mono',ui-monospace,monospace;color:#54656f;margin-right:4px}"
    ".f .rule{font-size:11px;color:#667781}.f .hint{font-size:13px;color:#3b4a54}"
    ".ok{color:#1a7f37}.none{color:#667781}"
    /* readiness */
    ".ready{font-weight:bold;padding:6px 10px;border-radius:6px;background:#fff1c2}"
    ".ready.yes{background:#d9fdd3}"
    ".req{list-style:none;padding:0;margin:6px 0}.req li{padding:3px 0}"
    ".st{display:inline-block;min-width:92px;font-size:12px;font-weight:bold;border-radius:4px;padding:0 6px;"
    "margin-right:6px;text-align:center}"
    ".st.ok{background:#d9fdd3;color:#1a7f37}.st.missing{background:#fde2e1;color:#a4161a}"
    ".st.unknown{background:#fff1c2;color:#7a5300}"
    ".stages{margin:6px 0;padding-left:0;list-style:none}.stages li{padding:2px 0}.stages span{color:#667781}"
    ".gen{font-size:12px;color:#667781;margin-top:16px}"
    "@media (min-width:760px){.page{padding:20px}.prof{grid-template-columns:minmax(0,300px) minmax(0,1fr)}"
    ".tgrid{grid-template-columns:minmax(0,380px) minmax(0,1fr)}}";

/* ------------------------------------------------------------------ escaping */

/* s[0..len) as HTML text or attribute value: valid UTF-8, & < > " ' escaped, control
 * characters (but tab and line feed) as U+FFFD. */
static void esc_n(struct waba_strbuf *o, const char *s, size_t len)
{
	char *c = NULL;
	if (!s)
		return;
	if (!waba_text_is_clean(s, len, 0, 0)) {
		c = waba_text_clean(s, len, 0, 0);
		s = c;
		len = strlen(c);
	}
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		const char *rep = NULL;
		size_t skip = 1;
		if (ch == '&')
			rep = "&amp;";
		else if (ch == '<')
			rep = "&lt;";
		else if (ch == '>')
			rep = "&gt;";
		else if (ch == '"')
			rep = "&quot;";
		else if (ch == '\'')
			rep = "&#39;";
		else if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f)
			rep = "\xef\xbf\xbd";
		else if (ch == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f)
			rep = "\xef\xbf\xbd", skip = 2; /* C1 controls */
		if (!rep)
			continue;
		waba_strbuf_add(o, s + run, i - run);
		waba_strbuf_adds(o, rep);
		i += skip - 1;
		run = i + 1;
	}
	waba_strbuf_add(o, s + run, len - run);
	free(c);
}

static void esc(struct waba_strbuf *o, const char *s)
{
	if (s)
		esc_n(o, s, strlen(s));
}

static void base64(struct waba_strbuf *o, const unsigned char *p, size_t n)
{
	static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		waba_strbuf_addc(o, B64[(v >> 18) & 63]);
		waba_strbuf_addc(o, B64[(v >> 12) & 63]);
		waba_strbuf_addc(o, i + 1 < n ? B64[(v >> 6) & 63] : '=');
		waba_strbuf_addc(o, i + 2 < n ? B64[v & 63] : '=');
	}
}

static const char *sev_class(enum waba_severity s)
{
	return s == WABA_SEV_ERROR ? "error" : s == WABA_SEV_WARNING ? "warning" : "note";
}

static const char *sev_word(enum waba_severity s)
{
	return s == WABA_SEV_ERROR ? _("error") : s == WABA_SEV_WARNING ? _("warning") : _("note");
}

/* ------------------------------------------------------------------ parts and findings */

#define MAX_SPANS 6

/* A part of an item shown on the page (a template's body, a profile's e-mail...): the
 * spans of the file it stands for, and the findings put beside it. */
struct part {
	char id[64];
	char label[96];
	struct waba_loc spans[MAX_SPANS];
	int nspans;
	int point; /* the spans are points: a finding at exactly that line:col */
	size_t *f; /* indexes into the report's findings */
	size_t nf;
	enum waba_severity worst;
};

struct parts {
	struct part *v;
	size_t len;
};

static struct part *part_add(struct parts *ps, const char *id, const char *label)
{
	ps->v = waba_xrealloc(ps->v, (ps->len + 1) * sizeof(*ps->v));
	struct part *p = &ps->v[ps->len++];
	memset(p, 0, sizeof(*p));
	snprintf(p->id, sizeof(p->id), "%s", id);
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->worst = WABA_SEV_OFF;
	return p;
}

static void part_span(struct part *p, const struct waba_loc *loc)
{
	if (loc->line && p->nspans < MAX_SPANS)
		p->spans[p->nspans++] = *loc;
}

static void part_take(struct part *p, const struct waba_report *r, size_t i)
{
	p->f = waba_xrealloc(p->f, (p->nf + 1) * sizeof(*p->f));
	p->f[p->nf++] = i;
	enum waba_severity s = r->findings.v[i].severity;
	if (p->worst == WABA_SEV_OFF || s > p->worst)
		p->worst = s;
}

static int part_has(const struct part *p, const struct waba_finding *f)
{
	for (int k = 0; k < p->nspans; k++) {
		const struct waba_loc *l = &p->spans[k];
		if (p->point ? (l->line == f->loc.line && l->column == (f->loc.column ? f->loc.column : 1))
		             : waba_view_loc_has(l, f->loc.line, f->loc.column))
			return 1;
	}
	return 0;
}

/* Give each finding of the items `which` (indexes, n of them) to the first part that
 * holds it, else to `rest`; findings of an item listed in `whole_of` go to that part. */
static void parts_fill(struct parts *ps, const struct waba_report *r, const int *which, size_t n, struct part *rest)
{
	for (size_t i = 0; i < r->findings.len; i++) {
		const struct waba_finding *f = &r->findings.v[i];
		size_t k;
		for (k = 0; k < n && which[k] != f->item; k++)
			;
		if (k == n)
			continue;
		struct part *to = NULL;
		for (size_t j = 0; j < ps->len && !to; j++)
			if (&ps->v[j] != rest && f->loc.line && part_has(&ps->v[j], f))
				to = &ps->v[j];
		part_take(to ? to : rest, r, i);
	}
}

static void parts_release(struct parts *ps)
{
	for (size_t i = 0; i < ps->len; i++)
		free(ps->v[i].f);
	free(ps->v);
	ps->v = NULL;
	ps->len = 0;
}

static const struct part *part_by_id(const struct parts *ps, const char *id)
{
	for (size_t i = 0; i < ps->len; i++)
		if (strcmp(ps->v[i].id, id) == 0)
			return &ps->v[i];
	return NULL;
}

/* class=".. p-error" and data-span of a part's element; the marker after it. */
static void part_attrs(struct waba_strbuf *o, const struct part *p, const char *cls)
{
	waba_strbuf_addf(o, " id=\"%s\" class=\"%s%s%s\"", p->id, cls, p->nf ? " p-" : "",
	                 p->nf ? sev_class(p->worst) : "");
	/* data-span: the spans of the file the part stands for, "line:col-line:col ..." */
	for (int k = 0; k < p->nspans; k++) {
		const struct waba_loc *l = &p->spans[k];
		waba_strbuf_addf(o, "%s%u:%u-%u:%u", k ? " " : " data-span=\"", l->line, l->column ? l->column : 1,
		                 l->end_line ? l->end_line : l->line,
		                 l->end_line ? l->end_column : (l->column ? l->column : 1));
	}
	if (p->nspans)
		waba_strbuf_adds(o, "\"");
}

static void part_mark(struct waba_strbuf *o, const struct part *p)
{
	if (p->nf)
		waba_strbuf_addf(o, "<a class=\"mk %s\" href=\"#%s-f\" title=\"%zu\">%zu</a>", sev_class(p->worst),
		                 p->id, p->nf, p->nf);
}

static void write_finding(struct waba_strbuf *o, const struct waba_report *r, size_t i, const char *part_id)
{
	const struct waba_finding *f = &r->findings.v[i];
	waba_strbuf_addf(o, "<li class=\"f %s\" id=\"f%zu\"", sev_class(f->severity), i + 1);
	if (part_id)
		waba_strbuf_addf(o, " data-part=\"%s\"", part_id);
	if (f->loc.line)
		waba_strbuf_addf(o, " data-loc=\"%u:%u\"", f->loc.line, f->loc.column ? f->loc.column : 1);
	waba_strbuf_adds(o, ">");
	const char *file = f->file;
	if (!file && f->item >= 0 && (size_t)f->item < r->nitems)
		file = r->items[f->item].file;
	if (file || f->loc.line) {
		waba_strbuf_adds(o, "<span class=\"loc\">");
		esc(o, file);
		if (f->loc.line)
			waba_strbuf_addf(o, "%s%u:%u", file ? ":" : "", f->loc.line, f->loc.column ? f->loc.column : 1);
		waba_strbuf_adds(o, "</span>");
	}
	waba_strbuf_addf(o, "<span class=\"sev\">%s</span>", sev_word(f->severity));
	esc(o, f->message);
	char *anchor = waba_rule_anchor(f->rule->id);
	waba_strbuf_addf(o, " <a class=\"rule\" rel=\"noreferrer\" href=\"%s#%s\">[", WABA_DOCS_URL, anchor);
	esc(o, f->rule->id);
	waba_strbuf_adds(o, "]</a>");
	free(anchor);
	const char *hint = waba_finding_hint(f);
	if (hint) {
		waba_strbuf_addf(o, "<div class=\"hint\">%s ", _("hint:"));
		esc(o, hint);
		waba_strbuf_adds(o, "</div>");
	}
	waba_strbuf_adds(o, "</li>\n");
}

/* The findings of the parts, a group per part that has some, linked to the part. */
static void write_groups(struct waba_strbuf *o, const struct waba_report *r, const struct parts *ps)
{
	size_t total = 0;
	for (size_t i = 0; i < ps->len; i++)
		total += ps->v[i].nf;
	waba_strbuf_adds(o, "<div class=\"findings\">");
	if (!total)
		waba_strbuf_addf(o, "<p class=\"ok\">%s</p>", _("No findings."));
	for (size_t i = 0; i < ps->len; i++) {
		const struct part *p = &ps->v[i];
		if (!p->nf)
			continue;
		waba_strbuf_addf(o, "<div class=\"fg\" id=\"%s-f\"><a href=\"#%s\">", p->id, p->id);
		esc(o, p->label);
		waba_strbuf_adds(o, "</a>");
		if (p->nspans) /* where the part stands in its file */
			waba_strbuf_addf(o, " <span class=\"where\">%u:%u</span>", p->spans[0].line,
			                 p->spans[0].column ? p->spans[0].column : 1);
		waba_strbuf_adds(o, "<ul>\n");
		for (size_t k = 0; k < p->nf; k++)
			write_finding(o, r, p->f[k], p->id);
		waba_strbuf_adds(o, "</ul></div>");
	}
	waba_strbuf_adds(o, "</div>\n");
}

/* ------------------------------------------------------------------ WhatsApp text */

struct wtext {
	const char *s;
	size_t len;
	int *var; /* per byte: -1 text, k >= 0 start of placeholder k, -2 inside one */
	struct waba_tpl_var *vars;
	size_t nvars;
	const struct waba_view_part *part;
	char **order; /* named placeholders in order of first appearance */
	size_t norder;
};

static int is_word(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The sample of placeholder k, or NULL. */
static const char *sample_of(const struct wtext *w, size_t k)
{
	const struct waba_tpl_var *v = &w->vars[k];
	const struct waba_view_part *p = w->part;
	if (v->number > 0)
		return (size_t)v->number <= p->nsamples ? p->samples[v->number - 1] : NULL;
	for (size_t i = 0; i < p->nnamed; i++)
		if (strlen(p->names[i]) == v->name_len && memcmp(p->names[i], v->name, v->name_len) == 0)
			return p->values[i];
	/* a draft gives the samples of named placeholders in order of first appearance */
	for (size_t i = 0; i < w->norder && i < p->nsamples; i++)
		if (strlen(w->order[i]) == v->name_len && memcmp(w->order[i], v->name, v->name_len) == 0)
			return p->samples[i];
	return NULL;
}

static void put_var(struct waba_strbuf *o, const struct wtext *w, size_t k)
{
	const struct waba_tpl_var *v = &w->vars[k];
	const char *sample = sample_of(w, k);
	waba_strbuf_addf(o, "<span class=\"var%s\" title=\"", sample ? "" : " miss");
	esc_n(o, w->s + v->start, v->end - v->start);
	waba_strbuf_adds(o, "\">");
	if (sample)
		esc(o, sample);
	else
		esc_n(o, w->s + v->start, v->end - v->start);
	waba_strbuf_adds(o, "</span>");
}

/* Is byte i plain text (not inside a placeholder)? */
static int plain(const struct wtext *w, size_t i)
{
	return w->var[i] == -1;
}

/* A closing `m` for the marker at i, on the same line, before end; 0 if none. */
static size_t closing(const struct wtext *w, size_t i, size_t end, char m)
{
	for (size_t k = i + 2; k < end; k++) {
		if (w->s[k] == '\n')
			return 0;
		if (w->s[k] == m && plain(w, k) && (!plain(w, k - 1) || !is_space((unsigned char)w->s[k - 1])) &&
		    w->s[k - 1] != m && (k + 1 >= end || w->s[k + 1] != m) &&
		    (k + 1 >= end || !plain(w, k + 1) || !is_word((unsigned char)w->s[k + 1])))
			return k;
	}
	return 0;
}

static void render(struct waba_strbuf *o, const struct wtext *w, size_t from, size_t end, int depth)
{
	size_t run = from;
#define FLUSH(to)                                       \
	do {                                            \
		if ((to) > run)                         \
			esc_n(o, w->s + run, (to)-run); \
	} while (0)
	for (size_t i = from; i < end; i++) {
		if (w->var[i] >= 0) {
			FLUSH(i);
			size_t k = (size_t)w->var[i];
			put_var(o, w, k);
			i = w->vars[k].end - 1;
			run = w->vars[k].end;
			continue;
		}
		if (w->var[i] == -2 || depth >= FORMAT_DEPTH || i >= FORMAT_MAX)
			continue;
		char c = w->s[i];
		/* a marker opens at the start, or after a space or punctuation (not after a placeholder) */
		int opens = i == from || (plain(w, i - 1) && !is_word((unsigned char)w->s[i - 1]));
		if (c == '`' && i + 3 < end && w->s[i + 1] == '`' && w->s[i + 2] == '`') {
			size_t k;
			for (k = i + 3; k + 2 < end && !(w->s[k] == '`' && w->s[k + 1] == '`' && w->s[k + 2] == '`'); k++)
				;
			if (k + 2 < end && k > i + 3) {
				FLUSH(i);
				waba_strbuf_adds(o, "<code class=\"mono\">");
				render(o, w, i + 3, k, FORMAT_DEPTH); /* no formatting inside */
				waba_strbuf_adds(o, "</code>");
				i = k + 2;
				run = k + 3;
			}
			continue;
		}
		/* "**double**" is not bold: a doubled marker shows as it is */
		if ((c == '*' || c == '_' || c == '~') && opens && i + 1 < end && w->s[i + 1] != c &&
		    !(i > from && w->s[i - 1] == c) && (!plain(w, i + 1) || !is_space((unsigned char)w->s[i + 1]))) {
			size_t k = closing(w, i, end, c);
			if (!k)
				continue;
			const char *tag = c == '*' ? "strong" : c == '_' ? "em" : "del";
			FLUSH(i);
			waba_strbuf_addf(o, "<%s>", tag);
			render(o, w, i + 1, k, depth + 1);
			waba_strbuf_addf(o, "</%s>", tag);
			i = k;
			run = k + 1;
		}
	}
	FLUSH(end);
#undef FLUSH
}

/* A text with WhatsApp formatting and its placeholders filled from the part's samples. */
static void whatsapp_text(struct waba_strbuf *o, const struct waba_view_part *p, const char *s)
{
	struct wtext w = { 0 };
	w.s = s;
	w.len = strlen(s);
	w.part = p;
	w.var = waba_xmalloc((w.len + 1) * sizeof(int));
	for (size_t i = 0; i < w.len; i++)
		w.var[i] = -1;
	w.nvars = waba_tpl_vars(s, w.len, &w.vars);
	w.order = waba_xcalloc(w.nvars + 1, sizeof(char *));
	for (size_t k = 0; k < w.nvars; k++) {
		const struct waba_tpl_var *v = &w.vars[k];
		if (v->malformed || v->end <= v->start || v->end > w.len)
			continue;
		w.var[v->start] = (int)k;
		for (size_t i = v->start + 1; i < v->end; i++)
			w.var[i] = -2;
		if (v->number < 0 && v->name) {
			size_t j;
			for (j = 0; j < w.norder && !(strlen(w.order[j]) == v->name_len &&
			                              memcmp(w.order[j], v->name, v->name_len) == 0);
			     j++)
				;
			if (j == w.norder)
				w.order[w.norder++] = waba_xstrndup(v->name, v->name_len);
		}
	}
	render(o, &w, 0, w.len, 0);
	for (size_t j = 0; j < w.norder; j++)
		free(w.order[j]);
	free(w.order);
	free(w.vars);
	free(w.var);
}

/* ------------------------------------------------------------------ templates */

static const char *media_icon(const char *fmt)
{
	/* symbols that common fonts (DejaVu) have: no emoji font needed */
	if (!strcmp(fmt, "IMAGE"))
		return "\xe2\x96\xa7"; /* ▧ */
	if (!strcmp(fmt, "VIDEO"))
		return "\xe2\x96\xb6"; /* ▶ */
	if (!strcmp(fmt, "DOCUMENT"))
		return "\xe2\x96\xa4"; /* ▤ */
	if (!strcmp(fmt, "LOCATION"))
		return "\xe2\x8c\x96"; /* ⌖ */
	return "\xe2\x97\xbb";         /* ◻ */
}

static const char *media_word(const char *fmt)
{
	if (!strcmp(fmt, "IMAGE"))
		return _("image");
	if (!strcmp(fmt, "VIDEO"))
		return _("video");
	if (!strcmp(fmt, "DOCUMENT"))
		return _("document");
	if (!strcmp(fmt, "LOCATION"))
		return _("location");
	return NULL;
}

/* Define the parts of a bubble (prefix "t3" or "t3-c2"). */
static void bubble_parts(struct parts *ps, const struct waba_view_bubble *b, const char *prefix, const char *card)
{
	char id[64], label[96];
	struct part *p;
	for (size_t i = 0; i < b->nbuttons; i++) {
		snprintf(id, sizeof(id), "%s-b%zu", prefix, i + 1);
		snprintf(id, sizeof(id), _("Button %zu"), i + 1);
		snprintf(label, sizeof(label), "%s%s", card, id);
		snprintf(id, sizeof(id), "%s-b%zu", prefix, i + 1);
		p = part_add(ps, id, label);
		part_span(p, &b->buttons[i].text.loc);
		part_span(p, &b->buttons[i].value.loc);
		part_span(p, &b->buttons[i].example.loc);
	}
	if (b->header_format) {
		snprintf(id, sizeof(id), "%s-h", prefix);
		snprintf(label, sizeof(label), "%s%s", card, _("Header"));
		part_span(part_add(ps, id, label), &b->header.text.loc);
	}
	snprintf(id, sizeof(id), "%s-body", prefix);
	snprintf(label, sizeof(label), "%s%s", card, _("Body"));
	part_span(part_add(ps, id, label), &b->body.text.loc);
	if (b->footer.s) {
		snprintf(id, sizeof(id), "%s-ft", prefix);
		snprintf(label, sizeof(label), "%s%s", card, _("Footer"));
		part_span(part_add(ps, id, label), &b->footer.loc);
	}
}

/* Points: a finding at exactly where a button or a media header starts. */
static void point_add(struct parts *ps, const char *id, const struct waba_loc *loc)
{
	char label[96] = "";
	const struct part *q = part_by_id(ps, id);
	if (q)
		snprintf(label, sizeof(label), "%s", q->label); /* part_add moves the parts */
	struct part *p = part_add(ps, id, label);
	p->point = 1;
	part_span(p, loc);
}

static void bubble_points(struct parts *ps, const struct waba_view_bubble *b, const char *prefix)
{
	char id[64];
	for (size_t i = 0; i < b->nbuttons; i++) {
		snprintf(id, sizeof(id), "%s-b%zu", prefix, i + 1);
		point_add(ps, id, &b->buttons[i].loc);
	}
	if (b->header_format) {
		snprintf(id, sizeof(id), "%s-h", prefix);
		point_add(ps, id, &b->header_loc);
	}
}

/* A point part's findings join the part of the same id that is shown. */
static void parts_merge_points(struct parts *ps, const struct waba_report *r)
{
	for (size_t i = 0; i < ps->len; i++) {
		struct part *p = &ps->v[i];
		if (!p->point || !p->nf)
			continue;
		for (size_t j = 0; j < ps->len; j++)
			if (!ps->v[j].point && strcmp(ps->v[j].id, p->id) == 0) {
				part_span(&ps->v[j], &p->spans[0]);
				for (size_t k = 0; k < p->nf; k++)
					part_take(&ps->v[j], r, p->f[k]);
				p->nf = 0;
				break;
			}
	}
}

static const struct part *shown(const struct parts *ps, const char *id)
{
	for (size_t i = 0; i < ps->len; i++)
		if (!ps->v[i].point && strcmp(ps->v[i].id, id) == 0)
			return &ps->v[i];
	return NULL;
}

static void write_button(struct waba_strbuf *o, const struct waba_view_button *b, const struct part *p)
{
	const char *t = b->type ? b->type : "";
	const char *icon = "\xe2\x86\xa9"; /* ↩ quick reply */
	const char *label = b->text.s;
	if (!strcmp(t, "URL"))
		icon = "\xe2\x86\x97"; /* ↗ */
	else if (!strcmp(t, "PHONE_NUMBER"))
		icon = "\xe2\x98\x8e"; /* ☎ */
	else if (!strcmp(t, "COPY_CODE"))
		icon = "\xe2\x9d\x90"; /* ❐ */
	else if (!strcmp(t, "OTP")) {
		int copy = !b->otp_type || !strcmp(b->otp_type, "COPY_CODE");
		icon = copy ? "\xe2\x9d\x90" : "\xe2\x86\xa9";
		if (!label)
			label = copy ? _("Copy code") : _("Autofill");
	}
	waba_strbuf_adds(o, "<div");
	part_attrs(o, p, "btn");
	waba_strbuf_addf(o, ">%s ", icon);
	if (label)
		esc(o, label);
	else if (!strcmp(t, "COPY_CODE"))
		esc(o, _("Copy offer code"));
	part_mark(o, p);
	const char *small = NULL;
	char *filled = NULL;
	const char *var = b->value.s ? strstr(b->value.s, "{{") : NULL;
	if (!strcmp(t, "URL") && var && b->example.s && !strstr(b->example.s, "://")) {
		/* the sample is the part that fills {{1}} (Meta's suffix sample) */
		const char *close = strstr(var, "}}");
		filled = waba_xasprintf("%.*s%s%s", (int)(var - b->value.s), b->value.s, b->example.s,
		                        close ? close + 2 : "");
		small = filled;
	} else if (!strcmp(t, "URL"))
		small = b->example.s && var ? b->example.s : b->value.s;
	else if (!strcmp(t, "PHONE_NUMBER") || !strcmp(t, "COPY_CODE"))
		small = b->value.s;
	if (small) {
		waba_strbuf_adds(o, "<small>");
		esc(o, small);
		waba_strbuf_adds(o, "</small>");
	}
	free(filled);
	waba_strbuf_adds(o, "</div>\n");
}

static void write_bubble(struct waba_strbuf *o, const struct waba_view_bubble *b, const struct parts *ps,
                         const char *prefix, int auth)
{
	char id[64];
	const struct part *p;
	waba_strbuf_adds(o, "<div class=\"bubble\">");
	snprintf(id, sizeof(id), "%s-h", prefix);
	if (b->header_format && (p = shown(ps, id)) != NULL) {
		const char *word = media_word(b->header_format);
		if (!strcmp(b->header_format, "TEXT")) {
			waba_strbuf_adds(o, "<div");
			part_attrs(o, p, "htext");
			waba_strbuf_adds(o, ">");
			if (b->header.text.s)
				whatsapp_text(o, &b->header, b->header.text.s);
		} else {
			waba_strbuf_adds(o, "<div");
			part_attrs(o, p, "media");
			waba_strbuf_addf(o, "><span class=\"ic\">%s</span>", media_icon(b->header_format));
			esc(o, word ? word : b->header_format);
			waba_strbuf_adds(o, "<small>");
			if (b->media_sample) {
				waba_strbuf_addf(o, "%s ", _("sample:"));
				esc(o, b->media_sample);
			} else {
				esc(o, _("no sample given"));
			}
			waba_strbuf_adds(o, "</small>");
		}
		part_mark(o, p);
		waba_strbuf_adds(o, "</div>");
	}
	snprintf(id, sizeof(id), "%s-body", prefix);
	if ((p = shown(ps, id)) != NULL) {
		waba_strbuf_adds(o, "<div");
		part_attrs(o, p, "body");
		waba_strbuf_adds(o, ">");
		if (b->body.text.s) {
			whatsapp_text(o, &b->body, b->body.text.s);
		} else if (auth) { /* Meta writes an authentication template's body */
			waba_strbuf_adds(o, "<span class=\"var\" title=\"{{1}}\"><strong>123456</strong></span> ");
			esc(o, _("is your verification code."));
		}
		if (b->security_recommendation) {
			waba_strbuf_adds(o, "\n");
			esc(o, _("For your security, do not share this code."));
		}
		part_mark(o, p);
		waba_strbuf_adds(o, "</div>");
	}
	snprintf(id, sizeof(id), "%s-ft", prefix);
	if (b->footer.s && (p = shown(ps, id)) != NULL) {
		waba_strbuf_adds(o, "<div");
		part_attrs(o, p, "foot");
		waba_strbuf_adds(o, ">");
		esc(o, b->footer.s);
		part_mark(o, p);
		waba_strbuf_adds(o, "</div>");
	} else if (b->code_expiration_minutes > 0) {
		waba_strbuf_adds(o, "<div class=\"foot\">");
		waba_strbuf_addf(o,
		                 waba_ngettext("This code expires in %ld minute.", "This code expires in %ld minutes.",
		                               (unsigned long)b->code_expiration_minutes),
		                 b->code_expiration_minutes);
		waba_strbuf_adds(o, "</div>");
	}
	waba_strbuf_adds(o, "<div class=\"time\">12:00</div></div>\n");
	if (b->nbuttons) {
		waba_strbuf_adds(o, "<div class=\"btns\">");
		for (size_t i = 0; i < b->nbuttons; i++) {
			snprintf(id, sizeof(id), "%s-b%zu", prefix, i + 1);
			if ((p = shown(ps, id)) != NULL)
				write_button(o, &b->buttons[i], p);
		}
		waba_strbuf_adds(o, "</div>\n");
	}
}

static void write_template(struct waba_strbuf *o, const struct waba_report *r, int item, size_t n)
{
	const struct waba_item *it = &r->items[item];
	const struct waba_view_template *t = &it->view->u.tpl;
	struct parts ps = { 0 };
	char prefix[24], id[64], card[48];
	snprintf(prefix, sizeof(prefix), "t%zu", n);
	/* most specific first: buttons, header, body, footer, cards, then the template's fields */
	bubble_parts(&ps, &t->msg, prefix, "");
	for (size_t c = 0; c < t->ncards; c++) {
		snprintf(id, sizeof(id), "%s-c%zu", prefix, c + 1);
		snprintf(card, sizeof(card), _("Card %zu: "), c + 1);
		bubble_parts(&ps, &t->cards[c], id, card);
	}
	if (t->has_offer) {
		snprintf(id, sizeof(id), "%s-offer", prefix);
		part_span(part_add(&ps, id, _("Limited-time offer")), &t->offer.loc);
	}
	snprintf(id, sizeof(id), "%s-name", prefix);
	part_span(part_add(&ps, id, _("Name")), &t->name.loc);
	snprintf(id, sizeof(id), "%s-lang", prefix);
	part_span(part_add(&ps, id, _("Language")), &t->language.loc);
	snprintf(id, sizeof(id), "%s-cat", prefix);
	part_span(part_add(&ps, id, _("Category")), &t->category.loc);
	bubble_points(&ps, &t->msg, prefix);
	for (size_t c = 0; c < t->ncards; c++) {
		snprintf(id, sizeof(id), "%s-c%zu", prefix, c + 1);
		bubble_points(&ps, &t->cards[c], id);
	}
	struct part *rest = part_add(&ps, prefix, _("The template as a whole"));
	parts_fill(&ps, r, &item, 1, rest);
	parts_merge_points(&ps, r);

	waba_strbuf_adds(o, "<div class=\"box tpl\"");
	waba_strbuf_addf(o, " id=\"%s\"><div class=\"tpl-head\">", prefix);
	snprintf(id, sizeof(id), "%s-name", prefix);
	const struct part *p = shown(&ps, id);
	waba_strbuf_adds(o, "<h3");
	part_attrs(o, p, "");
	waba_strbuf_adds(o, ">");
	esc(o, t->name.s ? t->name.s : it->name);
	part_mark(o, p);
	waba_strbuf_adds(o, "</h3>");
	snprintf(id, sizeof(id), "%s-lang", prefix);
	p = shown(&ps, id);
	waba_strbuf_adds(o, "<span");
	part_attrs(o, p, "tag");
	waba_strbuf_adds(o, ">");
	esc(o, t->language.s ? t->language.s : "?");
	part_mark(o, p);
	waba_strbuf_adds(o, "</span>");
	snprintf(id, sizeof(id), "%s-cat", prefix);
	p = shown(&ps, id);
	waba_strbuf_adds(o, "<span");
	part_attrs(o, p, "tag");
	waba_strbuf_adds(o, ">");
	esc(o, t->category.s ? t->category.s : "?");
	part_mark(o, p);
	waba_strbuf_adds(o, "</span><span class=\"where\">");
	esc(o, it->file);
	if (t->loc.line)
		waba_strbuf_addf(o, ":%u:%u", t->loc.line, t->loc.column ? t->loc.column : 1);
	waba_strbuf_adds(o, "</span>");
	part_mark(o, rest);
	waba_strbuf_adds(o, "</div>\n<div class=\"tgrid\"><div class=\"chat\">");
	snprintf(id, sizeof(id), "%s-offer", prefix);
	if (t->has_offer && (p = shown(&ps, id)) != NULL) { /* the offer banner above the message */
		waba_strbuf_adds(o, "<div");
		part_attrs(o, p, "offer");
		waba_strbuf_adds(o, "><b>");
		esc(o, t->offer.s ? t->offer.s : "");
		waba_strbuf_adds(o, "</b>");
		if (t->offer_expires)
			waba_strbuf_addf(o, "<small>%s</small>", _("Offer ends in 1 day"));
		part_mark(o, p);
		waba_strbuf_adds(o, "</div>");
	}
	int auth = t->msg.security_recommendation || (t->category.s && !strcmp(t->category.s, "AUTHENTICATION"));
	write_bubble(o, &t->msg, &ps, prefix, auth);
	if (t->ncards) {
		waba_strbuf_adds(o, "<div class=\"cards\">");
		for (size_t c = 0; c < t->ncards; c++) {
			snprintf(id, sizeof(id), "%s-c%zu", prefix, c + 1);
			waba_strbuf_addf(o, "<div class=\"card\" id=\"%s\">", id);
			write_bubble(o, &t->cards[c], &ps, id, 0);
			waba_strbuf_adds(o, "</div>");
		}
		waba_strbuf_adds(o, "</div>");
	}
	waba_strbuf_adds(o, "</div>\n");
	write_groups(o, r, &ps);
	waba_strbuf_adds(o, "</div></div>\n");
	parts_release(&ps);
}

/* ------------------------------------------------------------------ profile card */

static void photo_img(struct waba_strbuf *o, const struct waba_view_photo *ph, const char *cls, const char *alt)
{
	waba_strbuf_addf(o, "<img class=\"%s\" alt=\"", cls);
	esc(o, alt);
	waba_strbuf_addf(o, "\" width=\"%u\" height=\"%u\" src=\"data:image/png;base64,", ph->width, ph->height);
	base64(o, ph->png, ph->len);
	waba_strbuf_adds(o, "\">");
}

static void field(struct waba_strbuf *o, const struct part *p, const char *value, const char *extra)
{
	waba_strbuf_adds(o, "<div");
	part_attrs(o, p, "field");
	waba_strbuf_adds(o, "><div class=\"k\">");
	esc(o, p->label);
	part_mark(o, p);
	waba_strbuf_addf(o, "</div><div class=\"v%s\">", value ? "" : " none");
	esc(o, value ? value : _("(not given)"));
	if (value && extra) {
		waba_strbuf_adds(o, " <span class=\"tag\">");
		esc(o, extra);
		waba_strbuf_adds(o, "</span>");
	}
	waba_strbuf_adds(o, "</div></div>\n");
}

/* The profile card from the items photo, name and profile (indexes, -1 when absent). */
static void write_profile(struct waba_strbuf *o, const struct waba_report *r, int photo, int name, int prof)
{
	const struct waba_view_profile *pv = prof >= 0 && r->items[prof].view ? &r->items[prof].view->u.profile : NULL;
	const struct waba_view_photo *ph = photo >= 0 && r->items[photo].view ? &r->items[photo].view->u.photo : NULL;
	struct parts ps = { 0 };
	struct part *pn = part_add(&ps, "p-name", _("Display name"));
	if (pv) {
		part_span(pn, &pv->display_name.loc); /* before the next part_add moves it */
		part_span(part_add(&ps, "p-about", _("About")), &pv->about.loc);
		part_span(part_add(&ps, "p-address", _("Address")), &pv->address.loc);
		part_span(part_add(&ps, "p-desc", _("Description")), &pv->description.loc);
		part_span(part_add(&ps, "p-cat", _("Category")), &pv->vertical.loc);
		part_span(part_add(&ps, "p-email", _("E-mail")), &pv->email.loc);
		for (size_t i = 0; i < pv->nwebsites; i++) {
			char id[64], label[96];
			snprintf(id, sizeof(id), "p-web%zu", i + 1);
			snprintf(label, sizeof(label), _("Website %zu"), i + 1);
			part_span(part_add(&ps, id, label), &pv->websites[i].loc);
		}
	}
	part_add(&ps, "p-photo", _("Photo"));
	struct part *rest = part_add(&ps, "p", _("The profile as a whole"));
	struct part *pp = &ps.v[ps.len - 2];
	pn = &ps.v[0];
	/* the photo's and the name's findings are about the photo and the name, wherever they point */
	for (size_t i = 0; i < r->findings.len; i++) {
		int item = r->findings.v[i].item;
		if (item >= 0 && item == photo)
			part_take(pp, r, i);
		else if (item >= 0 && item == name)
			part_take(pn, r, i);
	}
	if (prof >= 0)
		parts_fill(&ps, r, &prof, 1, rest);

	const char *dname = pv && pv->display_name.s ? pv->display_name.s : name >= 0 ? r->items[name].name : NULL;
	const char *about = pv ? pv->about.s : NULL;
	waba_strbuf_addf(o, "<h2>%s</h2>\n<div class=\"box prof\"><div class=\"shot\">", _("Profile"));
	if (photo >= 0) {
		waba_strbuf_adds(o, "<div");
		part_attrs(o, pp, "photo-part");
		waba_strbuf_adds(o, ">");
		if (ph) {
			/* CSS pixels: the long side at 200; the circle is inscribed in the centred square */
			unsigned lw = ph->width, lh = ph->height, longest = lw > lh ? lw : lh;
			double w = 200.0 * lw / longest, h = 200.0 * lh / longest, d = w < h ? w : h;
			waba_strbuf_addf(o, "<div class=\"photo\" style=\"width:%.0fpx;height:%.0fpx\">", w, h);
			photo_img(o, ph, "full", _("the photo as uploaded"));
			waba_strbuf_addf(
			    o,
			    "<div class=\"circle\" style=\"left:%.2f%%;top:%.2f%%;width:%.2f%%;height:%.2f%%\"></div></div>",
			    100.0 * (w - d) / 2 / w, 100.0 * (h - d) / 2 / h, 100.0 * d / w, 100.0 * d / h);
			waba_strbuf_addf(o, "<p class=\"sub\">%s</p>",
			                 _("Shaded: what the contact-list circle cuts off."));
		} else {
			waba_strbuf_addf(o, "<p class=\"none\">%s</p>",
			                 _("The photo could not be decoded, so there is no preview."));
		}
		part_mark(o, pp);
		waba_strbuf_adds(o, "</div>");
	}
	waba_strbuf_adds(o, "<div class=\"row\">");
	if (ph)
		photo_img(o, ph, "avatar", _("the photo in the contact list"));
	else
		waba_strbuf_adds(o, "<span class=\"noavatar\"></span>");
	waba_strbuf_adds(o, "<div><b>");
	esc(o, dname ? dname : "?");
	waba_strbuf_adds(o, "</b><span>");
	esc(o, about ? about : "");
	waba_strbuf_adds(o, "</span></div></div></div>\n<div class=\"fields\">");
	field(o, pn, dname, NULL);
	if (pv) {
		field(o, part_by_id(&ps, "p-about"), pv->about.s, NULL);
		field(o, part_by_id(&ps, "p-address"), pv->address.s, NULL);
		field(o, part_by_id(&ps, "p-desc"), pv->description.s, NULL);
		const struct waba_profile_result *res = waba_report_profile(r, (size_t)prof);
		const char *lab = res ? res->vertical_label : NULL;
		field(o, part_by_id(&ps, "p-cat"), lab ? lab : pv->vertical.s, lab ? pv->vertical.s : NULL);
		field(o, part_by_id(&ps, "p-email"), pv->email.s, NULL);
		for (size_t i = 0; i < pv->nwebsites; i++) {
			char id[64];
			snprintf(id, sizeof(id), "p-web%zu", i + 1);
			field(o, part_by_id(&ps, id), pv->websites[i].s, NULL);
		}
	}
	waba_strbuf_adds(o, "</div>");
	write_groups(o, r, &ps);
	waba_strbuf_adds(o, "</div>\n");
	parts_release(&ps);
}

/* ------------------------------------------------------------------ other items */

static const char *kind_label(const char *kind)
{
	if (!strcmp(kind, "business"))
		return _("Business Manager");
	if (!strcmp(kind, "phone"))
		return _("Phone number");
	if (!strcmp(kind, "photo"))
		return _("Photo");
	if (!strcmp(kind, "name"))
		return _("Display name");
	if (!strcmp(kind, "profile"))
		return _("Profile");
	if (!strcmp(kind, "template"))
		return _("Template");
	if (!strcmp(kind, "email"))
		return _("E-mail");
	return kind;
}

static void write_item(struct waba_strbuf *o, const struct waba_report *r, int item, size_t n)
{
	const struct waba_item *it = &r->items[item];
	struct parts ps = { 0 };
	char id[24];
	snprintf(id, sizeof(id), "i%zu", n);
	struct part *p = part_add(&ps, id, kind_label(it->kind));
	for (size_t i = 0; i < r->findings.len; i++)
		if (r->findings.v[i].item == item)
			part_take(p, r, i);
	waba_strbuf_adds(o, "<div class=\"box item\"><div class=\"tpl-head\"><h3");
	part_attrs(o, p, "");
	waba_strbuf_adds(o, ">");
	esc(o, it->name);
	part_mark(o, p);
	waba_strbuf_adds(o, "</h3><span class=\"tag\">");
	esc(o, kind_label(it->kind));
	waba_strbuf_adds(o, "</span>");
	if (it->file && strcmp(it->file, it->name) != 0) {
		waba_strbuf_adds(o, "<span class=\"where\">");
		esc(o, it->file);
		waba_strbuf_adds(o, "</span>");
	}
	waba_strbuf_adds(o, "</div>");
	write_groups(o, r, &ps);
	waba_strbuf_adds(o, "</div>\n");
	parts_release(&ps);
}

/* ------------------------------------------------------------------ readiness */

static void write_readiness(struct waba_strbuf *o, const cJSON *rd)
{
	const cJSON *ready = cJSON_GetObjectItemCaseSensitive(rd, "ready");
	const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(rd, "requirements");
	const cJSON *stages = cJSON_GetObjectItemCaseSensitive(rd, "stages");
	const cJSON *e;
	waba_strbuf_addf(o, "<h2 id=\"readiness\">%s</h2>\n<div class=\"box\">", _("Readiness checklist"));
	waba_strbuf_addf(o, "<p class=\"ready%s\">%s</p><ul class=\"req\">\n", cJSON_IsTrue(ready) ? " yes" : "",
	                 cJSON_IsTrue(ready) ? _("Ready to send the activation request to Botmaker.")
	                                     : _("Not ready yet: fix what is missing, confirm what is unknown."));
	cJSON_ArrayForEach(e, reqs)
	{
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(e, "status");
		const cJSON *title = cJSON_GetObjectItemCaseSensitive(e, "title");
		const char *s = cJSON_IsString(st) ? st->valuestring : "unknown";
		const char *word = !strcmp(s, "ok") ? _("ok") : !strcmp(s, "missing") ? _("missing") : _("unknown");
		const char *cls = !strcmp(s, "ok") ? "ok" : !strcmp(s, "missing") ? "missing" : "unknown";
		waba_strbuf_addf(o, "<li><span class=\"st %s\">%s</span>", cls, word);
		esc(o, cJSON_IsString(title) ? title->valuestring : "");
		waba_strbuf_adds(o, "</li>\n");
	}
	waba_strbuf_adds(o, "</ul>");
	if (cJSON_GetArraySize(stages) > 0) {
		waba_strbuf_addf(o, "<h3>%s</h3><ul class=\"stages\">\n",
		                 _("Activation stages after you write to Botmaker"));
		cJSON_ArrayForEach(e, stages)
		{
			const cJSON *title = cJSON_GetObjectItemCaseSensitive(e, "title");
			const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "duration");
			waba_strbuf_adds(o, "<li>");
			esc(o, cJSON_IsString(title) ? title->valuestring : "");
			if (cJSON_IsString(d)) {
				waba_strbuf_adds(o, " <span>(");
				esc(o, d->valuestring);
				waba_strbuf_adds(o, ")</span>");
			}
			waba_strbuf_adds(o, "</li>\n");
		}
		waba_strbuf_adds(o, "</ul>");
	}
	waba_strbuf_adds(o, "</div>\n");
}

/* ------------------------------------------------------------------ the page */

static void write_page(struct waba_strbuf *o, const struct waba_report *r, const struct waba_report_options *opt)
{
	const char *lang = opt->lang ? opt->lang : "en";
	const char *cmd = r->command ? r->command : "";
	size_t e = waba_findings_count_exact(&r->findings, WABA_SEV_ERROR);
	size_t w = waba_findings_count_exact(&r->findings, WABA_SEV_WARNING);
	size_t n = waba_findings_count_exact(&r->findings, WABA_SEV_NOTE);
	int photo = -1, name = -1, prof = -1;
	for (size_t i = 0; i < r->nitems; i++) {
		const char *k = r->items[i].kind;
		if (!strcmp(k, "photo") && photo < 0)
			photo = (int)i;
		else if (!strcmp(k, "name") && name < 0)
			name = (int)i;
		else if (!strcmp(k, "profile") && prof < 0 && r->items[i].view)
			prof = (int)i;
	}
	int card = prof >= 0 || (photo >= 0 && name >= 0);
	waba_strbuf_addf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang);
	waba_strbuf_addf(o, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", CSP);
	waba_strbuf_adds(o, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                    "<meta name=\"referrer\" content=\"no-referrer\">\n<title>waba-preflight ");
	esc(o, cmd);
	for (size_t i = 0; i < r->nitems && i < 1; i++)
		if (r->items[i].file) {
			waba_strbuf_adds(o, ": ");
			esc(o, r->items[i].file);
		}
	waba_strbuf_addf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<div class=\"page\">\n", CSS);
	waba_strbuf_adds(o, "<h1>waba-preflight ");
	esc(o, cmd);
	waba_strbuf_adds(o, "</h1>\n<p class=\"counts\">");
	waba_strbuf_adds(o, "<span class=\"n-items\">");
	waba_strbuf_addf(o, waba_ngettext("%zu item checked", "%zu items checked", r->nitems), r->nitems);
	waba_strbuf_addf(o, "</span><span class=\"n-error\">");
	waba_strbuf_addf(o, waba_ngettext("%zu error", "%zu errors", e), e);
	waba_strbuf_addf(o, "</span><span class=\"n-warning\">");
	waba_strbuf_addf(o, waba_ngettext("%zu warning", "%zu warnings", w), w);
	waba_strbuf_addf(o, "</span><span class=\"n-note\">");
	waba_strbuf_addf(o, waba_ngettext("%zu note", "%zu notes", n), n);
	waba_strbuf_adds(o, "</span></p>\n");

	if (card)
		write_profile(o, r, photo, name, prof);
	size_t ntpl = 0, nother = 0;
	for (size_t i = 0; i < r->nitems; i++)
		if (r->items[i].view && r->items[i].view->kind == WABA_VIEW_TEMPLATE) {
			if (!ntpl++)
				waba_strbuf_addf(o, "<h2>%s</h2>\n", _("Templates"));
			write_template(o, r, (int)i, ntpl);
		}
	for (size_t i = 0; i < r->nitems; i++) {
		const struct waba_item *it = &r->items[i];
		if (it->view && it->view->kind == WABA_VIEW_TEMPLATE)
			continue;
		if (card && ((int)i == photo || (int)i == name || (int)i == prof))
			continue;
		if (!nother++)
			waba_strbuf_addf(o, "<h2>%s</h2>\n", ntpl || card ? _("Other checks") : _("Checks"));
		write_item(o, r, (int)i, i + 1);
	}
	/* findings tied to no item */
	struct parts ps = { 0 };
	struct part *g = part_add(&ps, "general", _("General"));
	for (size_t i = 0; i < r->findings.len; i++)
		if (r->findings.v[i].item < 0 || (size_t)r->findings.v[i].item >= r->nitems)
			part_take(g, r, i);
	if (g->nf) {
		waba_strbuf_addf(o, "<h2 id=\"general\">%s</h2>\n<div class=\"box\">", _("General"));
		write_groups(o, r, &ps);
		waba_strbuf_adds(o, "</div>\n");
	}
	parts_release(&ps);
	const cJSON *rd = r->extra ? cJSON_GetObjectItemCaseSensitive(r->extra, "readiness") : NULL;
	if (cJSON_IsObject(rd))
		write_readiness(o, rd);
	waba_strbuf_addf(o, "<p class=\"gen\">waba-preflight %s</p>\n</div>\n</body>\n</html>\n", waba_version());
}

static int write_html(FILE *out, const struct waba_report *r, const struct waba_report_options *o)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	write_page(&sb, r, o);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, out);
	waba_strbuf_release(&sb);
	return ferror(out) ? waba_error_set(WABA_EIO, _("cannot write the report")) : 0;
}

const struct waba_reporter waba_reporter_html = {
	"html",     N_("one self-contained page: the profile card, templates as WhatsApp bubbles, the checklist"),
	write_html, NULL,
	NULL,       NULL, /* written whole: the profile card gathers several items */
	1,
};
