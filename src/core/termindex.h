/* termindex.h: the term lists' automatons (core/text.c), private to libwaba. */
#ifndef WABA_TERMINDEX_H
#define WABA_TERMINDEX_H

#include "waba/checklist.h"

/* Drop a list's automaton (its terms changed); waba_terms_find() builds it again on first use. */
void waba_termlist_index_free(struct waba_termlist *l);

/* Drop a checklist's term sets (waba_checklist_termset): its lists changed, or it is freed. */
struct waba_checklist;
void waba_checklist_termsets_free(struct waba_checklist *cl);

#endif
