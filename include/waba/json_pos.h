/*
 * json_pos.h: JSON parsed with cJSON, plus where each value stands in the file.
 *
 * cJSON gives no positions, so after cJSON has parsed a document we walk the same
 * text once more and record the byte offset of every value and every object key.
 * Checks then ask for the location of a node, or of a character inside a string
 * value (escapes such as \n and \u00e9 are accounted for).
 *
 * The tree lives in the document's arena: read it, duplicate parts of it, but never
 * change it or cJSON_Delete any of it; waba_json_release() frees it all.
 */
#ifndef WABA_JSON_POS_H
#define WABA_JSON_POS_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "finding.h"
#include "source.h"
#include "strbuf.h"

struct waba_json {
	cJSON *root;             /* NULL when the text is not valid JSON */
	struct waba_source *src; /* borrowed */
	struct waba_arena arena; /* the tree, each node with its offsets (json_pos.c) */
};
/* clang-format off */
#define WABA_JSON_INIT { NULL, NULL, WABA_ARENA_INIT }
/* clang-format on */

/* Maximum nesting accepted (cJSON's own limit, stated for messages). */
#define WABA_JSON_MAX_DEPTH 1000

/*
 * Parse src as JSON. Malformed input (bad syntax, invalid UTF-8, too deep) is an
 * `input.*` finding located where the problem is, and leaves out->root NULL; that
 * is not an error. @return 0
 */
int waba_json_parse(struct waba_json *out, struct waba_source *src, struct waba_findings *fs);

/* Byte offset where the value `node` starts (its quote, brace, digit...). */
size_t waba_json_offset(const struct waba_json *doc, const cJSON *node);
/* Byte offset of the key of `node` inside its object (the opening quote). */
size_t waba_json_key_offset(const struct waba_json *doc, const cJSON *node);

struct waba_loc waba_json_loc(const struct waba_json *doc, const cJSON *node);
struct waba_loc waba_json_key_loc(const struct waba_json *doc, const cJSON *node);

/*
 * Location of the decoded bytes [start, end) of string value `node` (offsets into
 * node->valuestring) in the file as written.
 */
struct waba_loc waba_json_string_loc(const struct waba_json *doc, const cJSON *node, size_t start, size_t end);

/* Offset in the file of decoded byte `index` of string value `node`. */
size_t waba_json_string_offset(const struct waba_json *doc, const cJSON *node, size_t index);

void waba_json_release(struct waba_json *doc);

/*
 * One large template list parsed in pieces (lint: the templates of one big file on
 * several threads, each freed once checked). waba_json_split_list() finds the elements
 * of a bare array or of the "data" array of a Graph API list response (an object without
 * "components"), with one pass that accepts only strict JSON cJSON surely takes (valid
 * UTF-8, no NUL, no byte-order mark, nesting under 256); *out (free it) gets each
 * element's byte range. -1 for anything else: then parse the whole document
 * (waba_json_parse), which says what is wrong exactly as always.
 */
struct waba_json_range {
	size_t from, to;
};
int waba_json_split_list(const struct waba_source *src, struct waba_json_range **out, size_t *n);

/*
 * Parse the value at src bytes [from, to) (an element found by waba_json_split_list) as
 * a document of its own: offsets and locations are those of the whole file. No finding:
 * -1 when it does not parse whole (it does when the split accepted the file).
 */
int waba_json_parse_range(struct waba_json *out, struct waba_source *src, size_t from, size_t to);

#endif
