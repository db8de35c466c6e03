/*
 * strbuf.h: a growable, always NUL-terminated byte buffer.
 *
 *   struct waba_strbuf sb = WABA_STRBUF_INIT;
 *   waba_strbuf_addf(&sb, "%s:%u", file, line);
 *   char *s = waba_strbuf_detach(&sb);    // caller frees s
 *
 * Allocation failure aborts the process with a message (as cmark's xcalloc does):
 * buffers are small and an out-of-memory state cannot be reported usefully anyway.
 */
#ifndef WABA_STRBUF_H
#define WABA_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include "status.h"

struct waba_strbuf {
	char *buf;  /* NULL until the first add; read through waba_strbuf_cstr() */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap;
};
/* clang-format off */
#define WABA_STRBUF_INIT { NULL, 0, 0 }
/* clang-format on */

void waba_strbuf_grow(struct waba_strbuf *sb, size_t extra);
void waba_strbuf_add(struct waba_strbuf *sb, const void *data, size_t len);
void waba_strbuf_adds(struct waba_strbuf *sb, const char *s);
void waba_strbuf_addc(struct waba_strbuf *sb, char c);
void waba_strbuf_addf(struct waba_strbuf *sb, const char *fmt, ...) WABA_PRINTF(2, 3);
void waba_strbuf_vaddf(struct waba_strbuf *sb, const char *fmt, va_list ap) WABA_PRINTF(2, 0);
/* One more value of a list that a translated "%s or %s" shows: every value but the last,
 * joined by ", ", goes to `head`; *last (NULL before the first call) is the last so far. */
void waba_strbuf_add_or_item(struct waba_strbuf *head, const char **last, const char *value);
const char *waba_strbuf_cstr(const struct waba_strbuf *sb); /* "" when empty */
void waba_strbuf_reset(struct waba_strbuf *sb);             /* len = 0, keeps memory */
char *waba_strbuf_detach(struct waba_strbuf *sb);           /* caller frees; never NULL */
void waba_strbuf_release(struct waba_strbuf *sb);

/* Allocation helpers that abort on failure (the only place that decides so). */
void *waba_xmalloc(size_t n);
void *waba_xcalloc(size_t n, size_t size);
void *waba_xrealloc(void *p, size_t n);
char *waba_xstrdup(const char *s);
char *waba_xstrndup(const char *s, size_t n);
/* Copy of s without leading and trailing ASCII white space. */
char *waba_xstrdup_trim(const char *s);
char *waba_xasprintf(const char *fmt, ...) WABA_PRINTF(1, 2);

/*
 * An arena: many small allocations handed out from big blocks and freed together.
 * Each allocation is 8-byte aligned and preceded by `prefix` zeroed bytes the owner
 * may use (set prefix before the first allocation; a multiple of 8).
 */
struct waba_arena_block;
struct waba_arena {
	struct waba_arena_block *blocks; /* newest first */
	char *cur, *end;
	size_t prefix;
	size_t first; /* the first block's size; 0: 64 KiB */
};
/* clang-format off */
#define WABA_ARENA_INIT { NULL, NULL, NULL, 0, 0 }
/* clang-format on */
void *waba_arena_alloc(struct waba_arena *a, size_t n);
int waba_arena_owns(const struct waba_arena *a, const void *p); /* p was handed out by a */
void waba_arena_release(struct waba_arena *a);
/*
 * cJSON's allocations on this thread come from `a` (NULL: from the heap again), and its
 * frees are ignored meanwhile (the arena frees everything at once); returns the arena set
 * before. A tree built so must never reach cJSON_Delete: release its arena instead.
 */
struct waba_arena *waba_json_arena_set(struct waba_arena *a);

#endif
