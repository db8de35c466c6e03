/* fuzz_common.h: shared by the fuzz targets (header-only so each target stays one file). */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "waba/waba.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_INPUT ((size_t)1 << 20)

#ifndef WABA_SOURCE_DIR
#error "WABA_SOURCE_DIR must be defined by the build"
#endif

static inline void fuzz_init_env(void)
{
	setenv("WABA_PREFLIGHT_CHECKLISTS", WABA_SOURCE_DIR "/checklists", 0);
}

/* The bundled checklists, loaded once. */
static inline const struct waba_checklist *fuzz_checklist(void)
{
	static struct waba_checklist *cl;
	if (!cl) {
		fuzz_init_env();
		if (waba_checklist_load_default(&cl) < 0) {
			fprintf(stderr, "fuzz: cannot load checklists: %s\n", waba_error_last());
			abort();
		}
	}
	return cl;
}

/* Render the report through every reporter into /dev/null (they must not crash either). */
static inline void fuzz_render_all(struct waba_report *r)
{
	static FILE *null;
	struct waba_report_options o = { 0, 1, 0, NULL, "en", NULL, NULL };
	if (!null)
		null = fopen("/dev/null", "w");
	waba_findings_sort(&r->findings);
	for (const struct waba_reporter *const *rep = waba_reporters(); *rep; rep++)
		(*rep)->write(null, r, &o);
}

static inline void fuzz_walk_json(const struct waba_json *doc, const cJSON *node)
{
	for (const cJSON *c = node; c; c = c->next) {
		(void)waba_json_loc(doc, c);
		(void)waba_json_key_loc(doc, c);
		if (cJSON_IsString(c) && c->valuestring) {
			size_t n = 0;
			while (c->valuestring[n])
				n++;
			for (size_t i = 0; i <= n; i += 7)
				(void)waba_json_string_loc(doc, c, i, n);
		}
		if (c->child)
			fuzz_walk_json(doc, c->child);
	}
}

/*
 * Split data[0..size) at every byte `sep` into at most n NUL-terminated strings
 * (the last field takes the rest, separators included). Missing fields are "".
 * Free with fuzz_fields_free(). A NUL inside a field ends it, as in argv.
 */
static inline void fuzz_split(char **out, size_t n, const uint8_t *data, size_t size, uint8_t sep)
{
	size_t start = 0;
	for (size_t f = 0; f < n; f++) {
		if (start > size)
			start = size;
		size_t end = start;
		if (f + 1 < n)
			while (end < size && data[end] != sep)
				end++;
		else
			end = size;
		out[f] = waba_xstrndup((const char *)data + start, end - start);
		start = end + 1;
	}
}

static inline void fuzz_fields_free(char **f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i]);
}

/* A property the target checks did not hold: say which, then crash so libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond, ...)                                                                          \
	do {                                                                                            \
		if (!(cond)) {                                                                          \
			fprintf(stderr, "fuzz: property failed: " __VA_ARGS__);                         \
			fputc('\n', stderr);                                                            \
			abort();                                                                        \
		}                                                                                       \
	} while (0)

#endif
