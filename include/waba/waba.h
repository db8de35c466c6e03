/*
 * waba.h: the public API of libwaba, the library behind waba-preflight.
 * Checks are pure: parsed input + checklist -> findings in a report.
 */
#ifndef WABA_H
#define WABA_H

#include "status.h"
#include "strbuf.h"
#include "source.h"
#include "rule.h"
#include "finding.h"
#include "checklist.h"
#include "text.h"
#include "json_pos.h"
#include "report.h"
#include "atomic_file.h"
#include "i18n.h"
#include "verdict.h"

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *waba_version(void);
/* The version with the `git describe` of the checkout it was built from, when there was one
 * (for --version; reports carry waba_version()). */
const char *waba_version_long(void);

#endif
