/*
 * template.c: what both template parsers share: the dispatcher (JSON or a draft, by the
 * first byte), the set's growth and release, locations of texts and nodes, and the
 * placeholder scanner the checks use. template_json.c and template_txt.c depend on this
 * file only, not on each other.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "waba/strbuf.h"
#include "template_priv.h"

struct waba_template *waba_template_set_push(struct waba_template_set *set, struct waba_source *src)
{
	if (set->len == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 4;
		set->v = waba_xrealloc(set->v, set->cap * sizeof(*set->v));
	}
	struct waba_template *t = &set->v[set->len++];
	memset(t, 0, sizeof(*t));
	t->src = src;
	t->header.code_expiration_minutes = t->body.code_expiration_minutes = -1;
	t->footer.code_expiration_minutes = -1;
	return t;
}

int waba_template_parse(struct waba_template_set *out, struct waba_source *src, struct waba_findings *fs)
{
	size_t i = 0;
	if (src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < src->len && strchr(" \t\r\n", src->data[i]) && src->data[i])
		i++;
	if (i < src->len && (src->data[i] == '{' || src->data[i] == '['))
		return waba_template_parse_json(out, src, fs);
	return waba_template_parse_txt(out, src, fs);
}

static void component_release(struct waba_tpl_component *c)
{
	free(c->samples);
	free(c->named);
}

void waba_template_set_release(struct waba_template_set *set)
{
	for (size_t i = 0; i < set->len; i++) {
		struct waba_template *t = &set->v[i];
		component_release(&t->header);
		component_release(&t->body);
		component_release(&t->footer);
		free(t->buttons);
		for (size_t k = 0; k < t->ncards; k++) {
			component_release(&t->cards[k].header);
			component_release(&t->cards[k].body);
			free(t->cards[k].buttons);
		}
		free(t->cards);
		free(t->other_components);
		for (size_t k = 0; k < t->nsuppressions; k++)
			free(t->suppressions[k].rule);
		free(t->suppressions);
	}
	free(set->v);
	waba_json_release(&set->doc);
	memset(set, 0, sizeof(*set));
}

struct waba_loc waba_template_node_loc(const struct waba_template *tpl, const cJSON *node)
{
	if (tpl->doc && tpl->doc->root && node)
		return waba_json_loc(tpl->doc, node);
	return waba_source_loc(tpl->src, tpl->offset);
}

struct waba_loc waba_template_loc(const struct waba_template *tpl, const struct waba_tpl_text *t, size_t start, size_t end)
{
	if (!t || !t->s)
		return waba_source_loc(tpl->src, tpl->offset);
	if (t->node && tpl->doc)
		return waba_json_string_loc(tpl->doc, t->node, start, end);
	return waba_source_span(tpl->src, t->offset + start, t->offset + end);
}

struct waba_loc waba_template_text_loc(const struct waba_template *tpl, const struct waba_tpl_text *t)
{
	if (!t || !t->s)
		return waba_source_loc(tpl->src, tpl->offset);
	if (t->node && tpl->doc)
		return waba_json_loc(tpl->doc, t->node);
	return waba_source_span(tpl->src, t->offset, t->offset + t->len);
}

struct waba_loc waba_template_text_line(const struct waba_template *tpl, const struct waba_tpl_text *t)
{
	struct waba_source *src = tpl->src;
	size_t at = tpl->offset;
	if (t && t->s && t->node && tpl->doc) {
		src = tpl->doc->src;
		at = waba_json_offset(tpl->doc, t->node);
	} else if (t && t->s) {
		at = t->offset;
	}
	struct waba_loc loc = { src->name, waba_source_line_at(src, at), 0, 0, 0 };
	return loc;
}

int waba_tpl_text_eq(const struct waba_tpl_text *t, const char *s, int nocase)
{
	size_t n = strlen(s);
	if (!t->s || t->len != n)
		return 0;
	return nocase ? strncasecmp(t->s, s, n) == 0 : memcmp(t->s, s, n) == 0;
}

/* ---------------------------------------------------------- placeholders */

static int all_digits(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int ident_chars(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

size_t waba_tpl_vars(const char *s, size_t len, struct waba_tpl_var **out)
{
	size_t n = 0, cap = 0, i = 0;
	*out = NULL;
	while (i < len) {
		if (s[i] != '{' && s[i] != '}') {
			i++;
			continue;
		}
		size_t start = i, open = 0, close = 0;
		while (i < len && s[i] == '{')
			open++, i++;
		size_t cstart = i;
		while (i < len && s[i] != '{' && s[i] != '}' && s[i] != '\n' && i - cstart <= 64)
			i++;
		size_t cend = i;
		while (i < len && s[i] == '}')
			close++, i++;
		if (close == 0)
			i = cend; /* the content may open the next placeholder */
		const char *content = s + cstart;
		size_t clen = cend - cstart;
		struct waba_tpl_var v = { start, close ? i : cend, -1, NULL, 0, 0 };
		if (open == 2 && close == 2 && all_digits(content, clen) && content[0] != '0' && clen < 6) {
			v.number = atoi(content);
		} else if (open == 2 && close == 2 && ident_chars(content, clen)) {
			v.name = content;
			v.name_len = clen;
		} else if (open >= 2 || close >= 2 || (open == 1 && close == 1 && all_digits(content, clen)) ||
		           (open + close >= 2 && open > 0 && close > 0 && clen < 20 && !strchr(" \t", content[0]) &&
		            all_digits(content, clen))) {
			v.malformed = 1;
			if (open == 0 && clen > 0)
				v.start = cstart; /* a stray '}}': point at it, not at the text before */
		} else {
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = waba_xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[n++] = v;
	}
	return n;
}
