/*
 * template_txt.c: plain-text template drafts.
 *
 *   ---
 *   name: order_update
 *   language: pt_BR
 *   category: UTILITY
 *   # waba-preflight disable=template.param.adjacent -- the reviewer approved it in 2025
 *   example: Maria
 *   ---
 *   Olá {{1}}, seu pedido foi enviado.
 *
 * 'example:' lines give the body's samples in order of first appearance, for positional and
 * named variables alike. The front block is optional; everything after it is the body. Texts point into the
 * source, so locations are exact.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "../core/input_rules.h"
#include "template_priv.h"

const struct waba_rule WABA_RULE_TEMPLATE_SUPPRESSION = {
	.id = "template.suppression",
	.severity = WABA_SEV_WARNING,
	.summary = N_("a suppression comment without a reason, for an unknown rule, or unused"),
	.hint = N_("write it as '# waba-preflight disable=RULE -- why this is acceptable'"),
	.source = "https://eslint.org/docs/latest/use/configure/rules#comment-descriptions",
	.explain = N_("A draft's front block may turn a rule off for that file with '# waba-preflight disable=RULE -- "
	              "reason' (conventions §3.6, after ESLint's disable comments). A suppression hides a finding "
	              "from every later reader, so it must say why; one without a reason, one naming a rule that "
	              "does not exist (a typo suppresses nothing), and one that no longer suppresses anything are "
	              "reported, the last as a note."),
	.example_bad = "# waba-preflight disable=template.param.adjacent",
	.example_good = "# waba-preflight disable=template.param.adjacent -- approved by Meta on 2025-03-02",
};

struct line {
	size_t start, end; /* without the newline (and without a trailing \r) */
	size_t next;       /* start of the next line */
};

static int next_line(const char *s, size_t len, size_t at, struct line *l)
{
	if (at >= len)
		return 0;
	const char *nl = memchr(s + at, '\n', len - at);
	l->start = at;
	l->end = nl ? (size_t)(nl - s) : len;
	l->next = nl ? l->end + 1 : len;
	if (l->end > l->start && s[l->end - 1] == '\r')
		l->end--;
	return 1;
}

static int is_fence(const char *s, const struct line *l)
{
	size_t n = l->end - l->start;
	while (n > 3 && (s[l->start + n - 1] == ' ' || s[l->start + n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(s + l->start, "---", 3) == 0;
}

static void set_span(struct waba_tpl_text *t, const char *data, size_t start, size_t end)
{
	while (start < end && (data[start] == ' ' || data[start] == '\t'))
		start++;
	while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\t'))
		end--;
	t->s = data + start;
	t->len = end - start;
	t->offset = start;
	t->node = NULL;
}

static void add_sample(struct waba_tpl_component *c, const char *data, size_t start, size_t end)
{
	c->samples = waba_xrealloc(c->samples, (c->nsamples + 1) * sizeof(*c->samples));
	set_span(&c->samples[c->nsamples++], data, start, end);
	c->has_example = c->example_shape_ok = 1;
}

/* "# waba-preflight disable=a.b,c.d -- reason" */
static void parse_suppression(struct waba_template *t, const char *s, const struct line *l)
{
	static const char key[] = "waba-preflight disable=";
	size_t p = l->start + 1;
	while (p < l->end && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (l->end - p < sizeof(key) - 1 || memcmp(s + p, key, sizeof(key) - 1) != 0)
		return; /* an ordinary comment */
	p += sizeof(key) - 1;
	const char *dash = NULL;
	for (size_t q = p; q + 1 < l->end; q++)
		if (s[q] == '-' && s[q + 1] == '-' && (q == p || s[q - 1] == ' ' || s[q - 1] == '\t')) {
			dash = s + q;
			break;
		}
	size_t rules_end = dash ? (size_t)(dash - s) : l->end;
	int has_reason = 0;
	if (dash)
		for (const char *r = dash + 2; r < s + l->end; r++)
			if (!isspace((unsigned char)*r))
				has_reason = 1;
	while (p < rules_end) {
		while (p < rules_end && (s[p] == ',' || s[p] == ' ' || s[p] == '\t'))
			p++;
		size_t q = p;
		while (q < rules_end && s[q] != ',' && s[q] != ' ' && s[q] != '\t')
			q++;
		if (q > p) {
			t->suppressions = waba_xrealloc(t->suppressions,
			                                (t->nsuppressions + 1) * sizeof(*t->suppressions));
			struct waba_tpl_suppression *sp = &t->suppressions[t->nsuppressions++];
			sp->rule = waba_xstrndup(s + p, q - p);
			sp->has_reason = has_reason;
			sp->offset = l->start;
			sp->rule_offset = p;
			sp->used = 0;
		}
		p = q;
	}
}

static void front_line(struct waba_template *t, const char *s, const struct line *l, struct waba_findings *fs)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "name", offsetof(struct waba_template, name) },
		{ "language", offsetof(struct waba_template, language) },
		{ "category", offsetof(struct waba_template, category) },
		{ "parameter_format", offsetof(struct waba_template, parameter_format) },
	};
	size_t p = l->start;
	while (p < l->end && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p == l->end)
		return;
	if (s[p] == '#') {
		parse_suppression(t, s, &(struct line){ p, l->end, l->next });
		return;
	}
	const char *colon = memchr(s + p, ':', l->end - p);
	size_t klen = colon ? (size_t)(colon - (s + p)) : 0;
	while (klen && (s[p + klen - 1] == ' ' || s[p + klen - 1] == '\t'))
		klen--;
	size_t vstart = colon ? (size_t)(colon - s) + 1 : l->end;
	for (size_t i = 0; colon && i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].key) == klen && memcmp(keys[i].key, s + p, klen) == 0) {
			set_span((struct waba_tpl_text *)((char *)t + keys[i].off), s, vstart, l->end);
			return;
		}
	if (colon && klen == 6 && memcmp(s + p, "header", 6) == 0) {
		t->header.present = 1;
		set_span(&t->header.format, "TEXT", 0, 4);
		t->header.format.offset = p;
		set_span(&t->header.text, s, vstart, l->end);
	} else if (colon && klen == 6 && memcmp(s + p, "footer", 6) == 0) {
		t->footer.present = 1;
		set_span(&t->footer.text, s, vstart, l->end);
	} else if (colon && klen == 7 && memcmp(s + p, "example", 7) == 0) {
		add_sample(&t->body, s, vstart, l->end);
	} else if (colon && klen == 14 && memcmp(s + p, "header_example", 14) == 0) {
		add_sample(&t->header, s, vstart, l->end);
	} else {
		waba_findings_add(fs, &WABA_RULE_TEMPLATE_STRUCTURE, waba_source_span(t->src, p, l->end),
		                  _("unknown front-block line '%.*s' (keys: name, language, category, "
		                    "parameter_format, header, header_example, footer, example; or '# ...')"),
		                  (int)(l->end - p > 40 ? 40 : l->end - p), s + p);
	}
}

int waba_template_parse_txt(struct waba_template_set *out, struct waba_source *src, struct waba_findings *fs)
{
	const char *s = src->data;
	size_t len = src->len, bad, body_at = 0;
	struct line l;

	const char *nul = memchr(s, '\0', len);
	if (nul) {
		waba_findings_add(fs, &WABA_RULE_INPUT_NUL, waba_source_loc(src, (size_t)(nul - s)),
		                  _("the file contains a NUL byte at offset %zu"), (size_t)(nul - s));
		return 0;
	}
	if (!waba_utf8_valid(s, len, &bad)) {
		waba_findings_add(fs, &WABA_RULE_INPUT_ENCODING, waba_source_loc(src, bad),
		                  _("invalid UTF-8 byte 0x%02X at offset %zu"), (unsigned)(unsigned char)s[bad], bad);
		return 0;
	}
	struct waba_template *t = waba_template_set_push(out, src);
	t->is_txt = 1;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		body_at = 3;
	if (next_line(s, len, body_at, &l) && is_fence(s, &l)) {
		size_t at = l.next;
		int closed = 0;
		while (next_line(s, len, at, &l)) {
			at = l.next;
			if (is_fence(s, &l)) {
				closed = 1;
				break;
			}
			front_line(t, s, &l, fs);
		}
		if (!closed)
			waba_findings_add(fs, &WABA_RULE_TEMPLATE_STRUCTURE, waba_source_loc(src, len), "%s",
			                  _("the front block opened with '---' is never closed by a second '---' line"));
		body_at = at;
	}
	/* the body: without the blank lines around it */
	size_t end = len;
	while (body_at < end && (s[body_at] == '\n' || s[body_at] == '\r'))
		body_at++;
	while (end > body_at && isspace((unsigned char)s[end - 1]))
		end--;
	t->offset = body_at;
	t->body.present = 1;
	t->body.text.s = s + body_at;
	t->body.text.len = end - body_at;
	t->body.text.offset = body_at;
	return 0;
}

void waba_template_apply_suppressions(struct waba_template *tpl, struct waba_findings *fs, size_t from)
{
	size_t w = from;
	for (size_t i = from; i < fs->len; i++) {
		struct waba_finding *f = &fs->v[i];
		int drop = 0;
		for (size_t k = 0; k < tpl->nsuppressions && !drop; k++)
			if (strcmp(tpl->suppressions[k].rule, f->rule->id) == 0 &&
			    f->rule != &WABA_RULE_TEMPLATE_SUPPRESSION) {
				tpl->suppressions[k].used = drop = 1;
			}
		if (drop) {
			free(f->file);
			free(f->message);
			free(f->hint);
			continue;
		}
		fs->v[w++] = *f;
	}
	fs->len = w;
	for (size_t k = 0; k < tpl->nsuppressions; k++) {
		struct waba_tpl_suppression *sp = &tpl->suppressions[k];
		struct waba_loc loc = waba_source_span(tpl->src, sp->rule_offset, sp->rule_offset + strlen(sp->rule));
		if (!waba_rule_find(sp->rule)) {
			const char *near = waba_rule_suggest(sp->rule);
			struct waba_finding *f = waba_findings_add(fs, &WABA_RULE_TEMPLATE_SUPPRESSION, loc,
			                                           _("the suppression names an unknown rule '%s'"),
			                                           sp->rule);
			if (near)
				waba_finding_set_hint(f, _("did you mean '%s'?"), near);
			continue;
		}
		if (!sp->has_reason)
			waba_findings_add(fs, &WABA_RULE_TEMPLATE_SUPPRESSION, loc,
			                  _("the suppression of '%s' gives no reason after ' -- '"), sp->rule);
		if (!sp->used) {
			struct waba_finding *f = waba_findings_add(
			    fs, &WABA_RULE_TEMPLATE_SUPPRESSION, loc,
			    _("the suppression of '%s' is unused: the rule finds nothing here"), sp->rule);
			f->severity = WABA_SEV_NOTE;
			waba_finding_set_hint(f, "%s", _("remove the comment"));
		}
	}
}
