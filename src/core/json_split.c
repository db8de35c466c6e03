/*
 * json_split.c: find the elements of a template list (a bare array, or the "data" array
 * of a Graph API list response) with one pass over the bytes, so that each element can
 * be parsed on its own (waba_json_parse_range), by any thread.
 *
 * The pass is a strict JSON validator: it accepts only what cJSON surely accepts
 * (RFC 8259 JSON, valid UTF-8, no byte-order mark, numbers cJSON reads whole, surrogate
 * escapes in pairs, nesting far below cJSON's limit). Anything else, or any other
 * layout, is "not simple": the caller parses the whole document as before, so every
 * finding about malformed input stays what it was.
 */
#include <stdlib.h>
#include <string.h>
#include "waba/json_pos.h"
#include "waba/strbuf.h"
#include "waba/text.h"

#define SPLIT_MAX_DEPTH 256
#define NUMBER_MAX 63 /* cJSON 1.7 reads a number through a 64-byte buffer */

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const char *s, size_t len, size_t p)
{
	while (p < len && is_ws(s[p]))
		p++;
	return p;
}

static int hex_at(const char *s, size_t len, size_t p, unsigned *v)
{
	*v = 0;
	if (p + 4 > len)
		return 0;
	for (int i = 0; i < 4; i++) {
		char c = s[p + i];
		unsigned d = c >= '0' && c <= '9'                 ? (unsigned)(c - '0')
		             : (c | 32) >= 'a' && (c | 32) <= 'f' ? (unsigned)((c | 32) - 'a' + 10)
		                                                  : 16u;
		if (d == 16)
			return 0;
		*v = *v * 16 + d;
	}
	return 1;
}

/* The string opening at p: the offset after its closing quote, or 0 when it is not strict JSON. */
static size_t string_end(const char *s, size_t len, size_t p)
{
	for (p++; p < len; p++) {
		unsigned char c = (unsigned char)s[p];
		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return 0;
		if (c != '\\')
			continue;
		if (++p >= len)
			return 0;
		c = (unsigned char)s[p];
		if (c == 'u') {
			unsigned cp, lo;
			if (!hex_at(s, len, p + 1, &cp) || (cp >= 0xDC00 && cp <= 0xDFFF))
				return 0;
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) { /* a high surrogate: its low half must follow */
				if (p + 2 >= len || s[p + 1] != '\\' || s[p + 2] != 'u' ||
				    !hex_at(s, len, p + 3, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return 0;
				p += 6;
			}
		} else if (!strchr("\"\\/bfnrt", c) || !c) {
			return 0;
		}
	}
	return 0;
}

/* The number starting at p: the offset after it, or 0. */
static size_t number_end(const char *s, size_t len, size_t p)
{
	size_t start = p;
	if (p < len && s[p] == '-')
		p++;
	if (p < len && s[p] == '0')
		p++;
	else if (p < len && s[p] >= '1' && s[p] <= '9')
		while (p < len && s[p] >= '0' && s[p] <= '9')
			p++;
	else
		return 0;
	if (p < len && s[p] == '.') {
		size_t d = ++p;
		while (p < len && s[p] >= '0' && s[p] <= '9')
			p++;
		if (p == d)
			return 0;
	}
	if (p < len && (s[p] == 'e' || s[p] == 'E')) {
		p++;
		if (p < len && (s[p] == '+' || s[p] == '-'))
			p++;
		size_t d = p;
		while (p < len && s[p] >= '0' && s[p] <= '9')
			p++;
		if (p == d)
			return 0;
	}
	return p - start > NUMBER_MAX ? 0 : p;
}

/* A scalar value at p (string, number, literal): the offset after it, or 0. */
static size_t scalar_end(const char *s, size_t len, size_t p)
{
	switch (s[p]) {
	case '"':
		return string_end(s, len, p);
	case 't':
		return len - p >= 4 && memcmp(s + p, "true", 4) == 0 ? p + 4 : 0;
	case 'f':
		return len - p >= 5 && memcmp(s + p, "false", 5) == 0 ? p + 5 : 0;
	case 'n':
		return len - p >= 4 && memcmp(s + p, "null", 4) == 0 ? p + 4 : 0;
	default:
		return number_end(s, len, p);
	}
}

/* Does "data" (with its quotes) stand in s? */
static int has_data_key(const char *s, size_t len)
{
	for (const char *q = s, *end = s + len; (q = memchr(q, '"', (size_t)(end - q))) != NULL; q++)
		if (end - q >= 6 && memcmp(q + 1, "data\"", 5) == 0)
			return 1;
	return 0;
}

struct ranges {
	struct waba_json_range *v;
	size_t n, cap;
};

static void range_add(struct ranges *r, size_t from, size_t to)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = waba_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n].from = from;
	r->v[r->n].to = to;
	r->n++;
}

int waba_json_split_list(const struct waba_source *src, struct waba_json_range **out, size_t *n)
{
	const char *s = src->data;
	size_t len = src->len, bad, p;
	char stack[SPLIT_MAX_DEPTH]; /* '[' or '{' per open container */
	size_t depth = 0;
	size_t list_depth = 0; /* depth inside the list (1: bare array, 2: "data"), 0 while unknown */
	size_t elem = 0;       /* where the element being read started */
	int data_seen = 0, components = 0, list_found = 0;
	struct ranges r = { NULL, 0, 0 };

	*out = NULL;
	*n = 0;
	p = skip_ws(s, len, 0);
	if (p >= len || (s[p] != '[' && s[p] != '{'))
		return -1;
	/* an object is a list only with a "data" key written without escapes (see below):
	 * one template a file (the usual folder) is refused without validating it all */
	if (s[p] == '{' && !has_data_key(s + p, len - p))
		return -1;
	if (memchr(s, '\0', len) || !waba_utf8_valid(s, len, &bad))
		return -1;
	if (s[p] == '[')
		list_depth = 1;
	/* a value is expected at p (after skipping blanks) */
	for (;;) {
		p = skip_ws(s, len, p);
		if (p >= len)
			goto fail;
		size_t start = p;
		int at_list = list_depth && depth == list_depth;
		if (s[p] == '[' || s[p] == '{') {
			if (depth == SPLIT_MAX_DEPTH)
				goto fail;
			stack[depth++] = s[p++];
			p = skip_ws(s, len, p);
			if (at_list)
				elem = start;
			if (p < len && (s[p] == ']' || s[p] == '}')) { /* empty: closed below */
				if ((s[p] == ']') != (stack[depth - 1] == '['))
					goto fail;
			} else if (stack[depth - 1] == '{') {
				goto key;
			} else {
				continue; /* the first element */
			}
		} else {
			p = scalar_end(s, len, p);
			if (!p)
				goto fail;
			if (at_list)
				range_add(&r, start, p);
			p = skip_ws(s, len, p);
		}
		/* after a value: a comma and the next one, or closing brackets */
		for (;;) {
			if (depth == 0) {
				if (p != len)
					goto fail;
				goto done;
			}
			if (p >= len)
				goto fail;
			char open = stack[depth - 1];
			if (s[p] == ',') {
				p++;
				if (open == '[')
					break; /* the next value */
				p = skip_ws(s, len, p);
				goto key;
			}
			if (s[p] != (open == '[' ? ']' : '}'))
				goto fail;
			p++;
			depth--;
			if (list_depth && depth == list_depth)
				range_add(&r, elem, p);
			if (list_depth && depth + 1 == list_depth) {
				list_found = 1; /* the list closed: nothing after it is an element */
				list_depth = 0;
			}
			p = skip_ws(s, len, p);
		}
		continue;
	key:
		/* an object member: "key" : value */
		if (p >= len || s[p] != '"')
			goto fail;
		{
			size_t kend = string_end(s, len, p);
			if (!kend)
				goto fail;
			if (depth == 1 && stack[0] == '{') {
				const char *k = s + p + 1;
				size_t kl = kend - p - 2;
				if (memchr(k, '\\', kl))
					goto fail; /* an escaped key may spell "data": not simple */
				if (kl == 10 && memcmp(k, "components", 10) == 0)
					components = 1;
				int is_data = kl == 4 && memcmp(k, "data", 4) == 0 && !data_seen;
				data_seen |= kl == 4 && memcmp(k, "data", 4) == 0;
				p = skip_ws(s, len, kend);
				if (p >= len || s[p] != ':')
					goto fail;
				p = skip_ws(s, len, p + 1);
				if (is_data) {
					if (p >= len || s[p] != '[')
						goto fail; /* the list response's "data" is not an array: not simple */
					list_depth = 2;
				}
				continue;
			}
			p = skip_ws(s, len, kend);
			if (p >= len || s[p] != ':')
				goto fail;
			p++;
		}
	}
done:
	if (!list_found || components || r.n == 0)
		goto fail;
	*out = r.v;
	*n = r.n;
	return 0;
fail:
	free(r.v);
	return -1;
}
