/* termindex.h: the term lists' automatons (core/text.c), private to libwaba. */
#ifndef WABA_TERMINDEX_H
#define WABA_TERMINDEX_H

#include "waba/checklist.h"

/* Drop a list's automaton (its terms changed); waba_terms_find() builds it again on first use. */
void waba_termlist_index_free(struct waba_termlist *l);

#endif
