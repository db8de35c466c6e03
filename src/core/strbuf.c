/* strbuf.c: growable byte buffer and allocation helpers that abort on failure. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "waba/strbuf.h"

static void out_of_memory(size_t n)
{
	fprintf(stderr, "waba-preflight: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *waba_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

/*
 * cJSON allocates through waba_xmalloc too, so that an allocation failure anywhere ends
 * the program here, with one message, instead of a NULL every cJSON_Create*, cJSON_Add*
 * and cJSON_Print caller would have to check. Installed before main() (and before any
 * test or fuzzer), since every program linking libwaba links this file.
 */
static _Thread_local struct waba_arena *json_arena; /* waba_json_arena_set() */

static void *json_malloc(size_t n)
{
	return json_arena ? waba_arena_alloc(json_arena, n) : waba_xmalloc(n);
}

static void json_free(void *p)
{
	if (!json_arena)
		free(p);
}

struct waba_arena *waba_json_arena_set(struct waba_arena *a)
{
	struct waba_arena *before = json_arena;
	json_arena = a;
	return before;
}

__attribute__((constructor)) static void json_hooks(void)
{
	cJSON_Hooks hooks = { json_malloc, json_free };
	cJSON_InitHooks(&hooks);
}

void *waba_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *waba_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *waba_xstrdup(const char *s)
{
	return waba_xstrndup(s, strlen(s));
}

char *waba_xstrndup(const char *s, size_t n)
{
	char *p = waba_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *waba_xstrdup_trim(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return waba_xstrndup(s, n);
}

char *waba_xasprintf(const char *fmt, ...)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	waba_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return waba_strbuf_detach(&sb);
}

void waba_strbuf_grow(struct waba_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->buf = waba_xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void waba_strbuf_add(struct waba_strbuf *sb, const void *data, size_t len)
{
	waba_strbuf_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void waba_strbuf_adds(struct waba_strbuf *sb, const char *s)
{
	waba_strbuf_add(sb, s, strlen(s));
}

void waba_strbuf_addc(struct waba_strbuf *sb, char c)
{
	waba_strbuf_add(sb, &c, 1);
}

void waba_strbuf_add_or_item(struct waba_strbuf *head, const char **last, const char *value)
{
	if (*last)
		waba_strbuf_addf(head, "%s%s", head->len ? ", " : "", *last);
	*last = value;
}

void waba_strbuf_vaddf(struct waba_strbuf *sb, const char *fmt, va_list ap)
{
	/* one formatting pass when the text is short (most are), a second after growing */
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		waba_strbuf_add(sb, small, (size_t)n);
		return;
	}
	waba_strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void waba_strbuf_addf(struct waba_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	waba_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *waba_strbuf_cstr(const struct waba_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void waba_strbuf_reset(struct waba_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *waba_strbuf_detach(struct waba_strbuf *sb)
{
	char *p = sb->buf ? sb->buf : waba_xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void waba_strbuf_release(struct waba_strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

struct waba_arena_block {
	struct waba_arena_block *next;
	char *start, *end;
};

#define ARENA_FIRST ((size_t)64 << 10)

void *waba_arena_alloc(struct waba_arena *a, size_t n)
{
	size_t need = a->prefix + ((n + 7) & ~(size_t)7);
	if (n > SIZE_MAX / 2 || need < n)
		out_of_memory(n);
	if ((size_t)(a->end - a->cur) < need) {
		/* each block twice the one before (pages never touched cost no memory) */
		size_t size = a->blocks  ? (size_t)(a->blocks->end - a->blocks->start) * 2
		              : a->first ? a->first
		                         : ARENA_FIRST;
		while (size < need)
			size *= 2;
		struct waba_arena_block *b = waba_xmalloc(sizeof(*b) + size);
		b->start = (char *)(b + 1);
		b->end = b->start + size;
		b->next = a->blocks;
		a->blocks = b;
		a->cur = b->start;
		a->end = b->end;
	}
	char *p = a->cur;
	a->cur += need;
	memset(p, 0, a->prefix);
	return p + a->prefix;
}

int waba_arena_owns(const struct waba_arena *a, const void *p)
{
	const char *c = p;
	for (const struct waba_arena_block *b = a->blocks; b; b = b->next)
		if (c >= b->start && c < b->end)
			return 1;
	return 0;
}

void waba_arena_release(struct waba_arena *a)
{
	while (a->blocks) {
		struct waba_arena_block *next = a->blocks->next;
		free(a->blocks);
		a->blocks = next;
	}
	a->cur = a->end = NULL;
}
