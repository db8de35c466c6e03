/*
 * json_pos.c: JSON through cJSON (into an arena), then one more walk over the same text
 * that records where every value and key starts, so findings can point at line and column.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/json_pos.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "input_rules.h"

/*
 * The tree is built in the document's arena (cJSON allocates there while it parses: no
 * malloc and no free per node), and every allocation is preceded by a record of where
 * the node stands: the walk fills it in for each node, so a node's offsets are found
 * without a lookup table. The record is two 32-bit offsets (a million nodes and strings
 * in a 15 MB file: 8 MB), or two size_t for a text of 4 GiB or more.
 */
struct pos32 {
	uint32_t value, key1; /* key1: key offset + 1; 0: the node is not an object member */
};
struct pos64 {
	size_t value, key1;
};

static void pos_put(struct waba_json *doc, const cJSON *node, size_t value, size_t key)
{
	char *at = (char *)(uintptr_t)node - doc->arena.prefix;
	if (doc->arena.prefix == sizeof(struct pos32)) {
		struct pos32 p = { (uint32_t)value, (uint32_t)(key + 1) };
		memcpy(at, &p, sizeof(p));
	} else {
		struct pos64 p = { value, key + 1 };
		memcpy(at, &p, sizeof(p));
	}
}

/* Offsets of node: *key1 is its key's offset + 1, 0 when it has none; 0 when node is not in doc. */
static int pos_get(const struct waba_json *doc, const cJSON *node, size_t *value, size_t *key1)
{
	if (!node || !doc->root || !waba_arena_owns(&doc->arena, node))
		return 0;
	const char *at = (const char *)node - doc->arena.prefix;
	if (doc->arena.prefix == sizeof(struct pos32)) {
		struct pos32 p;
		memcpy(&p, at, sizeof(p));
		*value = p.value;
		*key1 = p.key1;
	} else {
		struct pos64 p;
		memcpy(&p, at, sizeof(p));
		*value = p.value;
		*key1 = p.key1;
	}
	return 1;
}

static size_t skip_ws(const char *s, size_t len, size_t p)
{
	while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
		p++;
	return p;
}

/* After the string opening at p: the next quote not escaped (an even run of backslashes before it). */
static size_t skip_string(const char *s, size_t len, size_t p)
{
	size_t open = p++;
	const char *q;
	while (p < len && (q = memchr(s + p, '"', len - p)) != NULL) {
		size_t at = (size_t)(q - s), run = 0;
		while (at - run > open + 1 && s[at - run - 1] == '\\')
			run++;
		if (run % 2 == 0)
			return at + 1;
		p = at + 1;
	}
	return len;
}

static size_t skip_scalar(const char *s, size_t len, size_t p)
{
	for (; p < len; p++)
		switch (s[p]) {
		case ',':
		case ']':
		case '}':
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			return p;
		default:
			break;
		}
	return p;
}

/* Walk the text of `node` starting at p; returns the offset after it. */
static size_t scan(struct waba_json *doc, const cJSON *node, size_t p, size_t key)
{
	const char *s = doc->src->data;
	size_t len = doc->src->len;
	int type = node->type & 0xFF; /* cJSON_IsObject() and the like, without a call per node */
	p = skip_ws(s, len, p);
	pos_put(doc, node, p, key);
	if (type == cJSON_Object || type == cJSON_Array) {
		int is_obj = type == cJSON_Object;
		p++;
		for (const cJSON *c = node->child; c; c = c->next) {
			size_t k = (size_t)-1;
			p = skip_ws(s, len, p);
			if (is_obj) {
				k = p;
				p = skip_ws(s, len, skip_string(s, len, p));
				p++; /* ':' */
			}
			p = skip_ws(s, len, scan(doc, c, p, k));
			if (p < len && s[p] == ',')
				p++;
		}
		p = skip_ws(s, len, p);
		return p < len ? p + 1 : len;
	}
	if (type == cJSON_String)
		return skip_string(s, len, p);
	return skip_scalar(s, len, p);
}

/* Offset where nesting first exceeds the limit, or (size_t)-1; *open: depth left at the end. */
static size_t too_deep_at(const char *s, size_t len, size_t *open)
{
	size_t depth = 0;
	*open = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '"') {
			i = skip_string(s, len, i) - 1;
		} else if (c == '[' || c == '{') {
			if (++depth > WABA_JSON_MAX_DEPTH)
				return i;
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	*open = depth;
	return (size_t)-1;
}

/* The syntax error at byte `at`, said by where it is and what kind of text stands there,
 * never by quoting it: a file that is not JSON at all (a token, a key, a .env) must not have
 * its content echoed into a report or a CI log (issue #17). */
static struct waba_finding *add_syntax_error(struct waba_findings *fs, struct waba_source *src, size_t at)
{
	unsigned char c = (unsigned char)src->data[at];
	struct waba_loc loc = waba_source_loc(src, at);
	if (isalnum(c) || c == '_' || c >= 0x80)
		return waba_findings_add(fs, &WABA_RULE_INPUT_JSON, loc,
		                         _("invalid JSON: unquoted text here (a key or string without quotes?)"));
	return waba_findings_add(fs, &WABA_RULE_INPUT_JSON, loc,
	                         _("invalid JSON at this position (a comma, bracket, colon or quote missing or "
	                           "extra just before it?)"));
}

/*
 * Too deep is said before any syntax error, where nesting first goes past the limit.
 * cJSON refuses nesting deeper than ours, so a document it took whole is never too deep:
 * the brackets are counted only when it did not (*open: brackets left open at the end).
 */
_Static_assert(CJSON_NESTING_LIMIT <= WABA_JSON_MAX_DEPTH, "cJSON takes deeper documents than we say");
static int too_deep(struct waba_source *src, struct waba_findings *fs, size_t *open)
{
	size_t bad = too_deep_at(src->data, src->len, open);
	if (bad == (size_t)-1)
		return 0;
	waba_findings_add(fs, &WABA_RULE_INPUT_DEPTH, waba_source_loc(src, bad),
	                  _("JSON nested more than %d levels deep"), WABA_JSON_MAX_DEPTH);
	return 1;
}

/* The arena's first block for a text of n bytes: its tree takes about eight times the text
 * (a small template's few kilobytes, not 64 KiB each: less memory touched per template). */
static size_t first_block(size_t n)
{
	size_t size = 4096;
	while (size < n * 8 && size < ((size_t)64 << 10))
		size *= 2;
	return size;
}

int waba_json_parse(struct waba_json *out, struct waba_source *src, struct waba_findings *fs)
{
	struct waba_json init = WABA_JSON_INIT;
	const char *end = NULL;
	size_t bad;

	*out = init;
	out->src = src;
	const char *nul = memchr(src->data, '\0', src->len);
	if (nul) {
		waba_findings_add(fs, &WABA_RULE_INPUT_NUL, waba_source_loc(src, (size_t)(nul - src->data)),
		                  _("the file contains a NUL byte at offset %zu"), (size_t)(nul - src->data));
		return 0;
	}
	if (!waba_utf8_valid(src->data, src->len, &bad)) {
		waba_findings_add(fs, &WABA_RULE_INPUT_ENCODING, waba_source_loc(src, bad),
		                  _("invalid UTF-8 byte 0x%02X at offset %zu"), (unsigned)(unsigned char)src->data[bad],
		                  bad);
		return 0;
	}
	out->arena.prefix = src->len < UINT32_MAX ? sizeof(struct pos32) : sizeof(struct pos64);
	out->arena.first = first_block(src->len);
	struct waba_arena *before = waba_json_arena_set(&out->arena);
	out->root = cJSON_ParseWithLengthOpts(src->data, src->len, &end, 0);
	waba_json_arena_set(before);
	if (!out->root) {
		size_t open_brackets;
		waba_arena_release(&out->arena);
		if (too_deep(src, fs, &open_brackets))
			return 0;
		size_t at = end && end >= src->data ? (size_t)(end - src->data) : 0;
		if (at > src->len)
			at = src->len;
		struct waba_finding *f;
		if ((at >= src->len || open_brackets > 0) && src->len > 0)
			f = waba_findings_add(fs, &WABA_RULE_INPUT_JSON, waba_source_loc(src, src->len),
			                      _("unexpected end of file: the JSON is incomplete"));
		else if (src->len == 0)
			f = waba_findings_add(fs, &WABA_RULE_INPUT_JSON, waba_source_loc(src, 0), _("the file is empty"));
		else
			f = add_syntax_error(fs, src, at);
		(void)f;
		return 0;
	}
	/* trailing garbage after the document */
	size_t after = skip_ws(src->data, src->len, (size_t)(end - src->data));
	if (after < src->len) {
		size_t open_brackets;
		out->root = NULL;
		waba_arena_release(&out->arena);
		if (!too_deep(src, fs, &open_brackets))
			waba_findings_add(fs, &WABA_RULE_INPUT_JSON, waba_source_loc(src, after),
			                  _("unexpected text after the end of the JSON document"));
		return 0;
	}
	/* cJSON skips a UTF-8 byte-order mark before the document: so does the walk, or every
	 * position would be off by it */
	size_t start = src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	scan(out, out->root, start, (size_t)-1);
	return 0;
}

int waba_json_parse_range(struct waba_json *out, struct waba_source *src, size_t from, size_t to)
{
	struct waba_json init = WABA_JSON_INIT;
	const char *end = NULL;
	*out = init;
	out->src = src;
	if (from >= to || to > src->len)
		return -1;
	out->arena.prefix = src->len < UINT32_MAX ? sizeof(struct pos32) : sizeof(struct pos64);
	out->arena.first = first_block(to - from);
	struct waba_arena *before = waba_json_arena_set(&out->arena);
	out->root = cJSON_ParseWithLengthOpts(src->data + from, to - from, &end, 0);
	waba_json_arena_set(before);
	if (!out->root || end != src->data + to) {
		out->root = NULL;
		waba_arena_release(&out->arena);
		return -1;
	}
	scan(out, out->root, from, (size_t)-1);
	return 0;
}

size_t waba_json_offset(const struct waba_json *doc, const cJSON *node)
{
	size_t value, key1;
	return pos_get(doc, node, &value, &key1) ? value : 0;
}

size_t waba_json_key_offset(const struct waba_json *doc, const cJSON *node)
{
	size_t value, key1;
	if (!pos_get(doc, node, &value, &key1))
		return 0;
	return key1 == 0 ? value : key1 - 1;
}

struct waba_loc waba_json_loc(const struct waba_json *doc, const cJSON *node)
{
	return waba_source_loc(doc->src, waba_json_offset(doc, node));
}

struct waba_loc waba_json_key_loc(const struct waba_json *doc, const cJSON *node)
{
	return waba_source_loc(doc->src, waba_json_key_offset(doc, node));
}

static size_t utf8_len_of(unsigned long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static unsigned long hex4(const char *s)
{
	unsigned long v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v = v * 16 + (unsigned long)(c >= '0' && c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
	}
	return v;
}

/* From offset p inside a string, *decoded bytes of its value before p: the offset of its
 * value's byte `index`, or of the string's closing quote (*decoded: the bytes before it).
 * Runs without a backslash are taken whole (a quote in one closes the string). */
static size_t string_offset_from(const char *s, size_t len, size_t p, size_t *decoded_io, size_t index)
{
	size_t decoded = *decoded_io;
	while (p < len && s[p] != '"' && decoded < index) {
		if (s[p] != '\\') {
			size_t want = index - decoded < len - p ? index - decoded : len - p;
			const char *bs = memchr(s + p, '\\', want);
			size_t run = bs ? (size_t)(bs - (s + p)) : want;
			const char *q = memchr(s + p, '"', run);
			if (q) {
				decoded += (size_t)(q - (s + p));
				p = (size_t)(q - s);
				break;
			}
			p += run;
			decoded += run;
			continue;
		}
		if (p + 1 < len && s[p + 1] == 'u' && p + 6 <= len) {
			unsigned long cp = hex4(s + p + 2);
			size_t used = 6;
			if (cp >= 0xD800 && cp <= 0xDBFF && p + 12 <= len && s[p + 6] == '\\' && s[p + 7] == 'u') {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(s + p + 8) - 0xDC00);
				used = 12;
			}
			decoded += utf8_len_of(cp);
			p += used;
		} else {
			decoded++;
			p += 2;
		}
	}
	*decoded_io = decoded;
	return p;
}

/* The offset after the opening quote of string node, or (size_t)-1 when it is not a string in the text. */
static size_t string_start(const struct waba_json *doc, const cJSON *node)
{
	size_t p = waba_json_offset(doc, node);
	return p < doc->src->len && doc->src->data[p] == '"' ? p + 1 : (size_t)-1;
}

size_t waba_json_string_offset(const struct waba_json *doc, const cJSON *node, size_t index)
{
	size_t p = string_start(doc, node);
	if (p == (size_t)-1)
		return waba_json_offset(doc, node);
	size_t decoded = 0;
	return string_offset_from(doc->src->data, doc->src->len, p, &decoded, index);
}

struct waba_loc waba_json_string_loc(const struct waba_json *doc, const cJSON *node, size_t start, size_t end)
{
	size_t p = string_start(doc, node);
	if (p == (size_t)-1) {
		size_t at = waba_json_offset(doc, node);
		return waba_source_span(doc->src, at, at);
	}
	/* the walk to `end` passes where the walk to `start` stops: it goes on from there */
	size_t decoded = 0, a = string_offset_from(doc->src->data, doc->src->len, p, &decoded, start), b;
	if (end < start) {
		decoded = 0;
		b = string_offset_from(doc->src->data, doc->src->len, p, &decoded, end);
	} else {
		b = string_offset_from(doc->src->data, doc->src->len, a, &decoded, end);
	}
	return waba_source_span(doc->src, a, b);
}

void waba_json_release(struct waba_json *doc)
{
	waba_arena_release(&doc->arena); /* the whole tree: never cJSON_Delete */
	doc->root = NULL;
}
