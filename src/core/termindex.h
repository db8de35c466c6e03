/* termindex.h: the term-list index built by the checklist loader (private). */
#ifndef WABA_TERMINDEX_H
#define WABA_TERMINDEX_H

#include "waba/checklist.h"

void waba_termlist_index(struct waba_termlist *l);
void waba_termlist_index_free(struct waba_termlist *l);

#endif
