/*
 * fuzz_template.c: message templates (src/parse/template_json.c, template_txt.c):
 * JSON or a plain-text draft, chosen by content as `lint` does, then the location of
 * every text and of spans inside it (carousel cards and the limited-time offer too) (the source-position mapping through escapes and
 * multi-byte characters), the placeholder scanner, the template checks, and every reporter over the findings.
 * Property: every location is inside the file (line <= lines + 1). A list that the split
 * (json_split.c) takes, parsed element by element, gives the whole parse's findings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "waba/template.h"

static unsigned nlines;

static void check_loc(struct waba_loc l)
{
	FUZZ_ASSERT(l.line <= nlines + 1, "location line %u in a file of %u lines", l.line, nlines);
	FUZZ_ASSERT(!l.end_line || l.end_line >= l.line, "span ends (%u) before it starts (%u)", l.end_line, l.line);
}

static void walk_text(const struct waba_template *t, const struct waba_tpl_text *x)
{
	if (!x->s)
		return;
	check_loc(waba_template_text_loc(t, x));
	for (size_t i = 0; i <= x->len; i += 5)
		check_loc(waba_template_loc(t, x, i, i + 3 < x->len ? i + 3 : x->len));
	struct waba_tpl_var *v = NULL;
	size_t n = waba_tpl_vars(x->s, x->len, &v);
	for (size_t i = 0; i < n; i++) {
		FUZZ_ASSERT(v[i].start < v[i].end && v[i].end <= x->len, "placeholder span out of the text");
		check_loc(waba_template_loc(t, x, v[i].start, v[i].end));
	}
	free(v);
	(void)waba_tpl_text_eq(x, "MARKETING", 1);
}

static void walk_component(const struct waba_template *t, const struct waba_tpl_component *c)
{
	walk_text(t, &c->format);
	walk_text(t, &c->text);
	for (size_t i = 0; i < c->nsamples; i++)
		walk_text(t, &c->samples[i]);
	for (size_t i = 0; i < c->nnamed; i++) {
		walk_text(t, &c->named[i].name);
		walk_text(t, &c->named[i].example);
	}
	check_loc(waba_template_node_loc(t, c->node));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waba_source src;
	struct waba_report r = WABA_REPORT_INIT;
	struct waba_template_set set = WABA_TEMPLATE_SET_INIT;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	fuzz_checklist();
	waba_source_from_mem(&src, "fuzz.json", (const char *)data, size);
	nlines = 1;
	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	waba_template_parse(&set, &src, &r.findings);
	struct waba_json_range *rg = NULL;
	size_t n = 0, seen = 0;
	if (waba_json_split_list(&src, &rg, &n) == 0) {
		FUZZ_ASSERT(n == set.len, "%zu elements split, %zu templates parsed", n, set.len);
		for (size_t i = 0; i < n; i++) {
			struct waba_template_set one = WABA_TEMPLATE_SET_INIT;
			struct waba_findings fs = WABA_FINDINGS_INIT;
			FUZZ_ASSERT(waba_template_parse_json_range(&one, &src, rg[i].from, rg[i].to, &fs) == 0 &&
			                one.len == 1,
			            "element %zu does not parse", i);
			FUZZ_ASSERT(one.v[0].offset == set.v[i].offset, "template %zu starts elsewhere", i);
			for (size_t k = 0; k < fs.len; k++, seen++) {
				FUZZ_ASSERT(seen < r.findings.len, "more findings element by element");
				const struct waba_finding *a = &r.findings.v[seen], *b = &fs.v[k];
				FUZZ_ASSERT(a->rule == b->rule && a->loc.line == b->loc.line &&
				                a->loc.column == b->loc.column && strcmp(a->message, b->message) == 0,
				            "finding %zu differs element by element", seen);
			}
			waba_findings_release(&fs);
			waba_template_set_release(&one);
		}
		FUZZ_ASSERT(seen == r.findings.len, "fewer findings element by element");
	}
	free(rg);
	for (size_t k = 0; k < set.len; k++) {
		struct waba_template *t = &set.v[k];
		walk_text(t, &t->name);
		walk_text(t, &t->language);
		walk_text(t, &t->category);
		walk_text(t, &t->parameter_format);
		walk_component(t, &t->header);
		walk_component(t, &t->body);
		walk_component(t, &t->footer);
		for (size_t i = 0; i < t->nbuttons; i++) {
			const struct waba_tpl_button *b = &t->buttons[i];
			walk_text(t, &b->type);
			walk_text(t, &b->text);
			walk_text(t, &b->url);
			walk_text(t, &b->phone);
			walk_text(t, &b->otp_type);
			walk_text(t, &b->example);
			check_loc(waba_template_node_loc(t, b->node));
		}
		for (size_t i = 0; i < t->ncards; i++) {
			const struct waba_tpl_card *cd = &t->cards[i];
			walk_component(t, &cd->header);
			walk_component(t, &cd->body);
			for (size_t j = 0; j < cd->nbuttons; j++) {
				walk_text(t, &cd->buttons[j].type);
				walk_text(t, &cd->buttons[j].text);
				walk_text(t, &cd->buttons[j].url);
				check_loc(waba_template_node_loc(t, cd->buttons[j].node));
			}
			check_loc(waba_template_node_loc(t, cd->node));
		}
		walk_text(t, &t->lto.text);
		walk_text(t, &t->display_format);
		waba_check_template(t, fuzz_checklist(), &r.findings);
		waba_template_apply_suppressions(t, &r.findings, 0);
	}
	/* the HTML report's view of each template (formatting, samples, buttons) */
	r.views = 1;
	for (size_t k = 0; k < set.len; k++) {
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "kind", "template");
		waba_report_add_item(&r, "template", "fuzz", "fuzz.json", item);
		waba_report_set_view(&r, waba_view_template(&set.v[k]));
	}
	fuzz_render_all(&r);
	waba_template_set_release(&set);
	waba_report_release(&r);
	waba_source_release(&src);
	return 0;
}
