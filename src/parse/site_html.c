/*
 * site_html.c: what a web page says the business is called: <title>, og:site_name,
 * og:title and schema.org Organization data (JSON-LD), read with libxml2's HTML parser
 * (recovering: any bytes give a tree, possibly empty).
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>
#include "core/xmllib.h"
#include "waba/name.h"
#include "waba/strbuf.h"
#include "waba/text.h"

/* schema.org types whose "name" is the business's: Organization and its common subtypes. */
static const char *const org_types[] = {
	"Organization",
	"Corporation",
	"LocalBusiness",
	"Store",
	"OnlineStore",
	"OnlineBusiness",
	"FurnitureStore",
	"HomeGoodsStore",
	"ClothingStore",
	"Restaurant",
	"FoodEstablishment",
	"ProfessionalService",
	"MedicalBusiness",
	"NGO",
	"EducationalOrganization",
	"AutoDealer",
	"HealthAndBeautyBusiness",
	"SportsOrganization",
	"Brand",
	NULL,
};

/* Whitespace collapsed and trimmed copy; NULL when empty or not valid UTF-8. */
static char *clean(const char *s)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	int space = 0;
	size_t bad;
	if (!s)
		return NULL;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = sb.len > 0;
			continue;
		}
		if (space)
			waba_strbuf_addc(&sb, ' ');
		space = 0;
		waba_strbuf_addc(&sb, *s);
	}
	if (!sb.len || !waba_utf8_valid(sb.buf, sb.len, &bad)) {
		waba_strbuf_release(&sb);
		return NULL;
	}
	return waba_strbuf_detach(&sb);
}

static int is_org_type(const cJSON *type)
{
	const cJSON *t;
	if (cJSON_IsString(type)) {
		const char *v = type->valuestring;
		const char *slash = strrchr(v, '/'); /* "https://schema.org/Organization" */
		if (slash)
			v = slash + 1;
		for (size_t i = 0; org_types[i]; i++)
			if (strcmp(v, org_types[i]) == 0)
				return 1;
		return 0;
	}
	if (cJSON_IsArray(type))
		cJSON_ArrayForEach(t, type) if (is_org_type(t)) return 1;
	return 0;
}

static void add_org(struct waba_site_brand *b, const char *name)
{
	char *c = clean(name);
	if (!c)
		return;
	for (size_t i = 0; i < b->norg; i++)
		if (strcmp(b->org_names[i], c) == 0) {
			free(c);
			return;
		}
	b->org_names = waba_xrealloc(b->org_names, (b->norg + 1) * sizeof(*b->org_names));
	b->org_names[b->norg++] = c;
}

/* Walk JSON-LD: objects of an Organization type give "name" and "legalName"; @graph,
 * arrays and nested objects ("publisher", "brand") are searched too. */
static void walk_ld(struct waba_site_brand *b, const cJSON *v, int depth)
{
	const cJSON *c;
	if (depth > 16 || b->norg >= 8)
		return;
	if (cJSON_IsObject(v) && is_org_type(cJSON_GetObjectItemCaseSensitive(v, "@type"))) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(v, "name");
		const cJSON *legal = cJSON_GetObjectItemCaseSensitive(v, "legalName");
		if (cJSON_IsString(name))
			add_org(b, name->valuestring);
		if (cJSON_IsString(legal))
			add_org(b, legal->valuestring);
	}
	if (cJSON_IsObject(v) || cJSON_IsArray(v))
		cJSON_ArrayForEach(c, v) walk_ld(b, c, depth + 1);
}

static int attr_is(xmlNode *n, const char *attr, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	int yes = v && strcasecmp((const char *)v, value) == 0;
	xmlFree(v);
	return yes;
}

static void set_once(char **field, xmlChar *value)
{
	if (!*field)
		*field = clean((const char *)value);
}

static void visit(struct waba_site_brand *b, xmlNode *node, int depth)
{
	for (xmlNode *n = node; n && depth < 256; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = (const char *)n->name;
		if (strcasecmp(tag, "title") == 0 && !b->title) {
			xmlChar *t = xmlNodeGetContent(n);
			set_once(&b->title, t);
			xmlFree(t);
		} else if (strcasecmp(tag, "meta") == 0) {
			int site = attr_is(n, "property", "og:site_name") || attr_is(n, "name", "og:site_name");
			int title = attr_is(n, "property", "og:title") || attr_is(n, "name", "og:title");
			if (site || title) {
				xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
				set_once(site ? &b->og_site_name : &b->og_title, content);
				xmlFree(content);
			}
		} else if (strcasecmp(tag, "script") == 0 && attr_is(n, "type", "application/ld+json")) {
			xmlChar *t = xmlNodeGetContent(n);
			cJSON *j = t ? cJSON_Parse((const char *)t) : NULL;
			walk_ld(b, j, 0);
			cJSON_Delete(j);
			xmlFree(t);
		}
		visit(b, n->children, depth + 1);
	}
}

void waba_site_parse(struct waba_site_brand *out, const char *url, const char *html, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->url = waba_xstrdup(url ? url : "");
	if (!len || len > INT_MAX)
		return;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, url, NULL,
	                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                    HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (!doc)
		return;
	visit(out, xmlDocGetRootElement(doc), 0);
	xmlFreeDoc(doc);
}

void waba_site_brand_release(struct waba_site_brand *b)
{
	free(b->url);
	free(b->title);
	free(b->og_site_name);
	free(b->og_title);
	for (size_t i = 0; i < b->norg; i++)
		free(b->org_names[i]);
	free(b->org_names);
	memset(b, 0, sizeof(*b));
}
