/*
 * checklist_priv.h: the layout of struct waba_checklist, shared by the lookups
 * (core/checklist.c) and the XML loader (parse/checklist_xml.c). Private to libwaba.
 */
#ifndef WABA_CHECKLIST_PRIV_H
#define WABA_CHECKLIST_PRIV_H

#include "waba/checklist.h"

struct limit { char *id; long value; char *source; };
struct text { char *id; char lang[3]; char *value; };
struct override { char *id; enum waba_severity sev; };

struct waba_checklist {
	struct limit *limits;
	size_t nlimits;
	struct waba_termlist *termlists;
	size_t ntermlists;
	struct waba_set *sets;
	size_t nsets;
	struct text *texts;
	size_t ntexts;
	struct override *overrides;
	size_t noverrides;
	char *schema_path;
};

/* Sort every table by id so that the lookups can bsearch; after each file merged. */
void waba_checklist_sort(struct waba_checklist *cl);
void waba_term_release(struct waba_term *t);
void waba_set_item_release(struct waba_set_item *it);

#endif
