/* termindex.h: the term lists' automatons (core/text.c), private to libwaba. */
#ifndef WABA_TERMINDEX_H
#define WABA_TERMINDEX_H

#include "waba/checklist.h"

/* Drop a list's automaton (its terms changed); waba_terms_find() builds it again on first use. */
void waba_termlist_index_free(struct waba_termlist *l);

/* Drop a checklist's term sets (waba_checklist_termset): its lists changed, or it is freed. */
struct waba_checklist;
void waba_checklist_termsets_free(struct waba_checklist *cl);

/* ---- the compiled form of the term sets (core/checklist_blob.c writes and reads them with
 * the checklists' tables; bundled ones are compiled into the program) ---- */
struct waba_strbuf;
/* cl's term sets, one by one (i from 0; NULL past the last), and a set's lists. */
const struct waba_termset *waba_checklist_termset_at(const struct waba_checklist *cl, size_t i);
const struct waba_termlist *const *waba_termset_lists(const struct waba_termset *set, size_t *n);
/* The set's tables appended to b, each at a multiple of 4 bytes from where they start. */
void waba_termset_write(const struct waba_termset *set, struct waba_strbuf *b);
/* The set over lists[0..n) whose tables waba_termset_write wrote at p (4-byte aligned),
 * read in place (p must outlive it); NULL when they are not of these lists, not aligned
 * or of another byte order: the set is then built on first use. */
struct waba_termset *waba_termset_read(const unsigned char *p, size_t len, const struct waba_termlist *const *lists,
                                       size_t n);
/* Keep `set` as one of cl's term sets (waba_checklist_termset finds it). */
void waba_checklist_termset_add(struct waba_checklist *cl, struct waba_termset *set);

#endif
