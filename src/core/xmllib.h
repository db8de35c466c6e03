/*
 * xmllib.h: libxml2 (with ICU, libstdc++, zlib and liblzma, which Debian's libxml2 pulls in:
 * about 6 ms of every start on the reference machine, bench/startup) is loaded only by what
 * reads or writes XML: a checklist that is not the bundled one (parse/checklist_xml.c), a
 * JUnit report (report/report_junit.c), a web page's brand (parse/site_html.c). The plugin
 * waba-xml.so (core/xmllib_plugin.c, linked with libxml2) hands over a table of the
 * functions used; core/xmllib.c opens it on first use (core/plugin.c), as the network
 * plugin is opened (net/netlib.h).
 *
 * A file that uses libxml2 includes its headers, then this one: the names below then call
 * through the table, so the code reads as plain libxml2. A function newly used goes in
 * WABA_XMLLIB_FUNCTIONS and gets its #define below.
 */
#ifndef WABA_XMLLIB_H
#define WABA_XMLLIB_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include "core/plugin.h"

#define WABA_XMLLIB_FUNCTIONS(X)               \
	X(xmlNewParserCtxt)                    \
	X(xmlFreeParserCtxt)                   \
	X(xmlCtxtReadMemory)                   \
	X(xmlCtxtReadFile)                     \
	X(xmlCtxtGetLastError)                 \
	X(xmlFreeDoc)                          \
	X(xmlDocGetRootElement)                \
	X(xmlNodeGetContent)                   \
	X(xmlGetProp)                          \
	X(xmlSetStructuredErrorFunc)           \
	X(xmlSetGenericErrorFunc)              \
	X(xmlRelaxNGNewParserCtxt)             \
	X(xmlRelaxNGFreeParserCtxt)            \
	X(xmlRelaxNGSetParserStructuredErrors) \
	X(xmlRelaxNGParse)                     \
	X(xmlRelaxNGFree)                      \
	X(xmlRelaxNGNewValidCtxt)              \
	X(xmlRelaxNGFreeValidCtxt)             \
	X(xmlRelaxNGSetValidStructuredErrors)  \
	X(xmlRelaxNGValidateDoc)               \
	X(xmlBufferCreate)                     \
	X(xmlBufferFree)                       \
	X(xmlBufferContent)                    \
	X(xmlBufferLength)                     \
	X(xmlNewTextWriterMemory)              \
	X(xmlFreeTextWriter)                   \
	X(xmlTextWriterSetIndent)              \
	X(xmlTextWriterSetIndentString)        \
	X(xmlTextWriterStartDocument)          \
	X(xmlTextWriterEndDocument)            \
	X(xmlTextWriterStartElement)           \
	X(xmlTextWriterEndElement)             \
	X(xmlTextWriterWriteAttribute)         \
	X(xmlTextWriterWriteFormatAttribute)   \
	X(xmlTextWriterWriteElement)           \
	X(xmlTextWriterWriteString)            \
	X(htmlReadMemory)

struct waba_xmllib {
	int version;           /* WABA_XMLLIB_VERSION: the plugin and the program were built together */
	void (*free)(void *p); /* xmlFree: a variable in libxml2, the plugin wraps it */
	WABA_XMLLIB_FUNCTIONS(WABA_PLUGIN_MEMBER)
};

#define WABA_XMLLIB_VERSION 1

/* The plugin's one symbol. */
const struct waba_xmllib *waba_xmllib_plugin(void);

#ifndef WABA_XMLLIB_PLUGIN
/* The table, the plugin opened on first call; when it cannot be opened (a broken install),
 * the program says so on stderr and exits 2. */
const struct waba_xmllib *waba_xmllib(void);

/* clang-format off */
#undef xmlFree
#define xmlFree (*waba_xmllib()->free)
#define xmlNewParserCtxt (*waba_xmllib()->xmlNewParserCtxt)
#define xmlFreeParserCtxt (*waba_xmllib()->xmlFreeParserCtxt)
#define xmlCtxtReadMemory (*waba_xmllib()->xmlCtxtReadMemory)
#define xmlCtxtReadFile (*waba_xmllib()->xmlCtxtReadFile)
#define xmlCtxtGetLastError (*waba_xmllib()->xmlCtxtGetLastError)
#define xmlFreeDoc (*waba_xmllib()->xmlFreeDoc)
#define xmlDocGetRootElement (*waba_xmllib()->xmlDocGetRootElement)
#define xmlNodeGetContent (*waba_xmllib()->xmlNodeGetContent)
#define xmlGetProp (*waba_xmllib()->xmlGetProp)
#define xmlSetStructuredErrorFunc (*waba_xmllib()->xmlSetStructuredErrorFunc)
#define xmlSetGenericErrorFunc (*waba_xmllib()->xmlSetGenericErrorFunc)
#define xmlRelaxNGNewParserCtxt (*waba_xmllib()->xmlRelaxNGNewParserCtxt)
#define xmlRelaxNGFreeParserCtxt (*waba_xmllib()->xmlRelaxNGFreeParserCtxt)
#define xmlRelaxNGSetParserStructuredErrors (*waba_xmllib()->xmlRelaxNGSetParserStructuredErrors)
#define xmlRelaxNGParse (*waba_xmllib()->xmlRelaxNGParse)
#define xmlRelaxNGFree (*waba_xmllib()->xmlRelaxNGFree)
#define xmlRelaxNGNewValidCtxt (*waba_xmllib()->xmlRelaxNGNewValidCtxt)
#define xmlRelaxNGFreeValidCtxt (*waba_xmllib()->xmlRelaxNGFreeValidCtxt)
#define xmlRelaxNGSetValidStructuredErrors (*waba_xmllib()->xmlRelaxNGSetValidStructuredErrors)
#define xmlRelaxNGValidateDoc (*waba_xmllib()->xmlRelaxNGValidateDoc)
#define xmlBufferCreate (*waba_xmllib()->xmlBufferCreate)
#define xmlBufferFree (*waba_xmllib()->xmlBufferFree)
#define xmlBufferContent (*waba_xmllib()->xmlBufferContent)
#define xmlBufferLength (*waba_xmllib()->xmlBufferLength)
#define xmlNewTextWriterMemory (*waba_xmllib()->xmlNewTextWriterMemory)
#define xmlFreeTextWriter (*waba_xmllib()->xmlFreeTextWriter)
#define xmlTextWriterSetIndent (*waba_xmllib()->xmlTextWriterSetIndent)
#define xmlTextWriterSetIndentString (*waba_xmllib()->xmlTextWriterSetIndentString)
#define xmlTextWriterStartDocument (*waba_xmllib()->xmlTextWriterStartDocument)
#define xmlTextWriterEndDocument (*waba_xmllib()->xmlTextWriterEndDocument)
#define xmlTextWriterStartElement (*waba_xmllib()->xmlTextWriterStartElement)
#define xmlTextWriterEndElement (*waba_xmllib()->xmlTextWriterEndElement)
#define xmlTextWriterWriteAttribute (*waba_xmllib()->xmlTextWriterWriteAttribute)
#define xmlTextWriterWriteFormatAttribute (*waba_xmllib()->xmlTextWriterWriteFormatAttribute)
#define xmlTextWriterWriteElement (*waba_xmllib()->xmlTextWriterWriteElement)
#define xmlTextWriterWriteString (*waba_xmllib()->xmlTextWriterWriteString)
#define htmlReadMemory (*waba_xmllib()->htmlReadMemory)
/* clang-format on */
#endif

#endif
