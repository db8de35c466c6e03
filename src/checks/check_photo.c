/*
 * check_photo.c: the `photo.` rules: format by content, integrity (the whole image is
 * decoded), file size, square, minimum and recommended size, content in the corners
 * the contact-list circle cuts off, transparency, EXIF orientation.
 * Figures come from checklists/photo.xml; decoding is src/parse/photo_probe.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "waba/i18n.h"
#include "waba/confine.h"
#include "waba/photo.h"

#define SRC_OP_PHOTO "https://developers.facebook.com/docs/whatsapp/on-premises/reference/settings/profile/photo"
#define SRC_AYR "https://www.ayrshare.com/docs/media-guidelines/whatsapp"

static const struct waba_rule RULE_FORMAT = {
	.id = "photo.format",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile photo must be a PNG or JPEG image"),
	.hint = N_("export the logo as PNG or JPEG (the file's content decides, not its name)"),
	.source = SRC_AYR,
	.explain = N_("WhatsApp takes JPEG and PNG profile photos (policy §3, profile.photo.format; Ayrshare, Gupshup "
	              "and Vonage agree, Meta's Cloud API page says nothing: confidence B). The type is judged by the "
	              "file's first bytes, so a GIF, WebP, HEIC, SVG or a text file renamed to .png is refused, and an "
	              "empty file too."),
	.example_bad = "logo.png that is really a WebP image",
	.example_good = "logo.png starting with the PNG signature",
};

static const struct waba_rule RULE_CORRUPT = {
	.id = "photo.corrupt",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the image data is damaged: truncated, bad CRC or bad compressed data"),
	.hint = N_("export or download the photo again; the file was cut short or damaged on the way"),
	.source = "https://png-mng.sourceforge.net/pub/png/apps/pngcheck.html",
	.explain = N_("The whole image is decoded, not just its header (as pngcheck does): every PNG chunk's CRC "
	              "(ancillary ones too), the compressed data and its checksum, and every JPEG scan are "
	              "verified, and libjpeg's warnings (corrupt data, premature end) count as errors. A damaged "
	              "file may show half a logo or be refused when Botmaker uploads it."),
	.example_bad = "a PNG cut off in the middle of its IDAT chunk",
	.example_good = "a PNG that pngcheck reports as OK",
};

static const struct waba_rule RULE_DIMENSIONS_LIMIT = {
	.id = "photo.dimensions.limit",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the header claims dimensions too large to decode safely"),
	.hint = N_("scale the photo down to 640x640 before using it"),
	.source = "https://libpng.sourceforge.net/decompression_bombs.html",
	.explain = N_("A small file can claim a huge image (a decompression bomb). The dimensions are read from the "
	              "PNG IHDR or JPEG frame header and refused before anything is allocated; limits "
	              "photo.decode.* in checklists/photo.xml (20000 px a side, 100 million pixels). WhatsApp keeps "
	              "at most 640 px a side anyway (policy §3)."),
	.example_bad = "a 2 KB PNG whose header says 100000x100000",
	.example_good = "a 640x640 PNG",
};

static const struct waba_rule RULE_FILE_SIZE = {
	.id = "photo.file_size",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the file is over WhatsApp's size limit for profile photos"),
	.hint = N_("save it at 640x640; a logo at that size is a few hundred KB at most"),
	.source = SRC_OP_PHOTO,
	.explain = N_("Meta's On-Premises photo endpoint and BSPs (Ayrshare, Gupshup) give 5 MB (policy §3, "
	              "profile.photo.size). Vonage's dashboard says 800 KB, a BSP-specific limit; the Cloud API page "
	              "gives no figure (policy §10.6). Limit photo.max_bytes in checklists/photo.xml."),
	.example_bad = "a 12 MB camera JPEG",
	.example_good = "a 90 KB 640x640 PNG",
};

static const struct waba_rule RULE_SQUARE = {
	.id = "photo.square",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile photo must be square"),
	.hint = N_("pad or crop it to a square: waba-preflight photo FILE --fix OUT.png (add --crop to crop)"),
	.source = "https://developers.facebook.com/docs/whatsapp/error-codes",
	.explain = N_("BSPs reject non-square profile photos and Meta's Groups API error 131209 says width and height "
	              "must be equal (policy §3, profile.photo.square; M/B). Dimensions are judged as shown, after "
	              "the JPEG EXIF orientation."),
	.example_bad = "1200x800",
	.example_good = "640x640",
};

static const struct waba_rule RULE_MIN_SIZE = {
	.id = "photo.min_size",
	.severity = WABA_SEV_ERROR,
	.summary = N_("the profile photo is smaller than 192x192"),
	.hint = N_("export the logo again at 640x640 from its original (scaling a small image up blurs it)"),
	.source = SRC_OP_PHOTO,
	.explain = N_("Meta's On-Premises page says below 192 px the server-side resize may fail, and Groups API "
	              "error 131210 demands more than 192 px (policy §3, profile.photo.min; M/B). Limit "
	              "photo.min_side in checklists/photo.xml."),
	.example_bad = "128x128",
	.example_good = "640x640",
};

static const struct waba_rule RULE_RECOMMENDED = {
	.id = "photo.recommended_size",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the profile photo is below the recommended 640x640"),
	.hint = N_("export the logo again at 640x640 from its original"),
	.source = SRC_OP_PHOTO,
	.explain = N_("WhatsApp stores profile photos with up to a 640-px edge and Meta recommends 640x640 (policy §3, "
	              "profile.photo.recommended); a smaller photo is accepted but looks blurry when opened. Limit "
	              "photo.recommended_side in checklists/photo.xml."),
	.example_bad = "300x300",
	.example_good = "640x640",
};

static const struct waba_rule RULE_CIRCLE = {
	.id = "photo.circle",
	.severity = WABA_SEV_WARNING,
	.summary = N_("content lies in the corners that the contact list's circle cuts off"),
	.hint = N_("keep the logo inside the inscribed circle; --fix pads the photo, which shrinks the logo into it; "
	           "--preview OUT.png shows the circle"),
	.source = SRC_AYR,
	.explain = N_("The contact list and chat header show the profile photo cropped to a circle (policy §3, "
	              "profile.photo.circle; Ayrshare, confidence B, so a warning). The background is the most common "
	              "colour along the border; a pixel outside the inscribed circle counts as content when its "
	              "colour or opacity differs by more than photo.circle.tolerance, and the rule fires above "
	              "photo.circle.max_corner_permille of the corner area."),
	.example_bad = "a full-bleed rectangular logo reaching the corners",
	.example_good = "a round logo centred on a plain background",
};

static const struct waba_rule RULE_TRANSPARENCY = {
	.id = "photo.transparency",
	.severity = WABA_SEV_WARNING,
	.summary = N_("the photo has transparent pixels; WhatsApp shows them as black"),
	.hint = N_(
	    "flatten it onto the brand's background: waba-preflight photo FILE --fix OUT.png --background '#ffffff'"),
	.source = SRC_AYR,
	.explain = N_("Transparent areas of a PNG profile photo render black (policy §3, profile.photo.transparency; "
	              "Ayrshare, confidence B, so a warning). A dark logo on a transparent background then "
	              "disappears. Counted on every pixel of the decoded image (alpha channel, or tRNS)."),
	.example_bad = "a logo PNG with a transparent background",
	.example_good = "the same logo flattened onto white",
};

static const struct waba_rule RULE_ORIENTATION = {
	.id = "photo.orientation",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the JPEG's EXIF orientation rotates or mirrors what is shown"),
	.hint = N_("--fix writes the photo as shown, without an orientation tag"),
	.source = "https://www.cipa.jp/std/documents/download_e.html?DC-008-Translation-2023-E",
	.explain = N_("Cameras store the pixels as shot and an EXIF tag (0x0112) that says how to turn them. Viewers "
	              "honour it, so the checks (square, corners) use the photo as it will be seen; the note says so "
	              "because the stored width and height differ from what an image editor shows."),
	.example_bad = "a 3000x2000 JPEG with orientation 6 (shown 2000x3000)",
	.example_good = "a JPEG with orientation 1, or none",
};

static const struct waba_rule RULE_EXTENSION = {
	.id = "photo.extension",
	.severity = WABA_SEV_NOTE,
	.summary = N_("the file name's extension does not match its content"),
	.hint = N_("rename the file so that its extension says what it is (.png or .jpg)"),
	.source = SRC_AYR,
	.explain = N_("waba-preflight judges the content, but the activation e-mail attaches the file under its name "
	              "and some upload forms trust the extension; a PNG named .jpg may be refused there."),
	.example_bad = "logo.jpg containing a PNG",
	.example_good = "logo.png containing a PNG",
};

static const struct waba_rule RULE_FIXED = {
	.id = "photo.fixed",
	.severity = WABA_SEV_NOTE,
	.summary = N_("a compliant photo was written by --fix"),
	.hint = NULL,
	.source = SRC_OP_PHOTO,
	.explain = N_("--fix pads (or with --crop centre-crops) to square, flattens transparency onto the background, "
	              "scales down to photo.fix.side (640) with a Lanczos-3 filter and writes a PNG; the result is "
	              "decoded and checked by the same rules before it is written. Padding uses the photo's own "
	              "background (or --background) and, when the content reaches the corners that the contact "
	              "list's circle cuts off, pads further until all of it is inside. A smaller photo keeps its size "
	              "(scaling up only blurs it), and one whose square would be under photo.min_side is refused. "
	              "The run is judged on the written copy: the original's findings that the copy no longer has "
	              "become photo.fixed notes (\"...; fixed in OUT\")."),
	.example_bad = NULL,
	.example_good = "waba-preflight photo logo.jpg --fix logo-640.png",
};

const struct waba_rule *const waba_rules_photo[] = {
	&RULE_FORMAT,
	&RULE_CORRUPT,
	&RULE_DIMENSIONS_LIMIT,
	&RULE_FILE_SIZE,
	&RULE_SQUARE,
	&RULE_MIN_SIZE,
	&RULE_RECOMMENDED,
	&RULE_CIRCLE,
	&RULE_TRANSPARENCY,
	&RULE_ORIENTATION,
	&RULE_EXTENSION,
	&RULE_FIXED,
	NULL,
};

static struct waba_loc file_loc(const char *name)
{
	struct waba_loc loc = WABA_LOC_NONE;
	loc.file = name;
	return loc;
}

static void human_size(char *buf, size_t n, unsigned long long bytes)
{
	if (bytes >= 1024 * 1024)
		snprintf(buf, n, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
	else if (bytes >= 1024)
		snprintf(buf, n, "%.1f KB", (double)bytes / 1024.0);
	else
		snprintf(buf, n, "%llu bytes", bytes);
}

static void fix_hint(struct waba_finding *f, const struct waba_checklist *cl)
{
	const char *h = waba_checklist_text(cl, "photo.fix.hint", waba_i18n_lang());
	if (h)
		waba_finding_set_hint(f, "%s", h);
}

static const char *ext_of(const char *name)
{
	const char *slash = strrchr(name, '/'), *dot = strrchr(name, '.');
	return dot && (!slash || dot > slash) ? dot + 1 : NULL;
}

static void check_fault(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p)
{
	const char *fmt = p->format == WABA_PHOTO_PNG ? "PNG" : "JPEG";
	const char *ext = ext_of(loc.file ? loc.file : "");
	switch (p->fault) {
	case WABA_PHOTO_EMPTY:
		waba_findings_add(fs, &RULE_FORMAT, loc, "%s", _("the file is empty (0 bytes), not an image"));
		break;
	case WABA_PHOTO_NOT_IMAGE:
		if (ext)
			waba_findings_add(fs, &RULE_FORMAT, loc,
			                  _("the content is %s, not a PNG or JPEG image (the name says '.%s')"),
			                  p->detail, ext);
		else
			waba_findings_add(fs, &RULE_FORMAT, loc, _("the content is %s, not a PNG or JPEG image"),
			                  p->detail);
		break;
	case WABA_PHOTO_TOO_LARGE:
		if (!p->width) {
			waba_findings_add(fs, &RULE_DIMENSIONS_LIMIT, loc,
			                  _("the photo is %s; refused without decoding"), p->detail);
			break;
		}
		waba_findings_add(fs, &RULE_DIMENSIONS_LIMIT, loc,
		                  _("the %s header claims %s; refused without decoding"), fmt, p->detail);
		break;
	case WABA_PHOTO_TRUNCATED:
		waba_findings_add(fs, &RULE_CORRUPT, loc,
		                  _("the %s data ends at byte %zu before the image does (truncated): %s"), fmt,
		                  p->fault_offset, p->detail ? p->detail : "");
		break;
	case WABA_PHOTO_CORRUPT:
		waba_findings_add(fs, &RULE_CORRUPT, loc, _("the %s data is corrupt near byte %zu: %s"), fmt,
		                  p->fault_offset, p->detail ? p->detail : "");
		break;
	case WABA_PHOTO_OK:
		break;
	}
}

static void check_extension(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p)
{
	const char *ext = ext_of(loc.file ? loc.file : "");
	if (!ext || p->format == WABA_PHOTO_NONE)
		return;
	int says_png = strcasecmp(ext, "png") == 0;
	int says_jpeg = strcasecmp(ext, "jpg") == 0 || strcasecmp(ext, "jpeg") == 0 || strcasecmp(ext, "jpe") == 0;
	if ((says_png && p->format != WABA_PHOTO_PNG) || (says_jpeg && p->format != WABA_PHOTO_JPEG))
		waba_findings_add(fs, &RULE_EXTENSION, loc, _("the name ends in '.%s' but the content is %s"), ext,
		                  p->format == WABA_PHOTO_PNG ? "PNG" : "JPEG");
}

static void check_size(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p,
                       const struct waba_checklist *cl)
{
	long max = waba_checklist_limit(cl, "photo.max_bytes");
	char have[32], lim[32];
	if (max > 0 && p->bytes > (size_t)max) {
		human_size(have, sizeof(have), p->bytes);
		human_size(lim, sizeof(lim), (unsigned long long)max);
		waba_findings_add(fs, &RULE_FILE_SIZE, loc, _("the file is %s (%zu bytes); the limit is %s"), have,
		                  p->bytes, lim);
	}
}

static void check_dimensions(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p,
                             const struct waba_checklist *cl)
{
	long min = waba_checklist_limit(cl, "photo.min_side"), rec = waba_checklist_limit(cl, "photo.recommended_side");
	unsigned shortest = p->width < p->height ? p->width : p->height;
	if (p->width != p->height) {
		struct waba_finding *f = waba_findings_add(fs, &RULE_SQUARE, loc, _("the photo is %ux%u, not square"),
		                                           p->width, p->height);
		fix_hint(f, cl);
	}
	if (min > 0 && shortest < (unsigned long)min)
		waba_findings_add(fs, &RULE_MIN_SIZE, loc, _("the photo is %ux%u; the minimum is %ldx%ld"), p->width,
		                  p->height, min, min);
	else if (rec > 0 && shortest < (unsigned long)rec)
		waba_findings_add(fs, &RULE_RECOMMENDED, loc, _("the photo is %ux%u; %ldx%ld is recommended"), p->width,
		                  p->height, rec, rec);
}

static void check_orientation(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p)
{
	static const char *const how[] = { "",
		                           "",
		                           N_("mirrored"),
		                           N_("rotated 180 degrees"),
		                           N_("flipped upside down"),
		                           N_("transposed"),
		                           N_("rotated 90 degrees clockwise"),
		                           N_("transversed"),
		                           N_("rotated 90 degrees counter-clockwise") };
	if (p->format != WABA_PHOTO_JPEG || p->orientation <= 1 || p->orientation > 8)
		return;
	waba_findings_add(fs, &RULE_ORIENTATION, loc,
	                  _("EXIF orientation %d: stored %ux%u, shown %s as %ux%u; the checks use it as shown"),
	                  p->orientation, p->stored_width, p->stored_height, _(how[p->orientation]), p->width, p->height);
}

static void check_transparency(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p,
                               const struct waba_checklist *cl)
{
	if (!p->transparent)
		return;
	double all = (double)p->width * p->height;
	const char *appear = waba_checklist_text(cl, "photo.transparency.appearance", waba_i18n_lang());
	struct waba_finding *f = waba_findings_add(fs, &RULE_TRANSPARENCY, loc,
	                                           _("%.1f%% of the pixels are transparent (%.1f%% fully): %s"),
	                                           100.0 * (double)p->transparent / all, 100.0 * (double)p->clear / all,
	                                           appear ? appear : _("WhatsApp shows transparent areas as black"));
	(void)f;
}

/* Colour distance used for "differs from the background": opacity, then colour when both are opaque enough. */
static int differs(const unsigned char *px, const unsigned char *bg, int tol)
{
	int da = abs(px[3] - bg[3]);
	if (da > tol)
		return 1;
	if (px[3] < 128 && bg[3] < 128)
		return 0;
	for (int c = 0; c < 3; c++)
		if (abs(px[c] - bg[c]) > tol)
			return 1;
	return 0;
}

/* The most common colour along the border (4 bits a channel; all transparent pixels are one colour). */
void waba_photo_background(const struct waba_photo *p, unsigned char bg[4])
{
	enum { NBINS = 4097 };
	unsigned *count = waba_xcalloc(NBINS, sizeof(unsigned));
	unsigned long long(*sum)[4] = waba_xcalloc(NBINS, sizeof(*sum));
	unsigned w = p->gw, h = p->gh;
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x += (y == 0 || y == h - 1) ? 1 : (w > 1 ? w - 1 : 1)) {
			const unsigned char *px = p->rgba + ((size_t)y * w + x) * 4;
			unsigned bin = px[3] < 128
			                   ? 4096
			                   : (unsigned)(px[0] >> 4) << 8 | (unsigned)(px[1] >> 4) << 4 | (px[2] >> 4);
			count[bin]++;
			for (int c = 0; c < 4; c++)
				sum[bin][c] += px[c];
		}
	unsigned best = 0;
	for (unsigned b = 1; b < NBINS; b++)
		if (count[b] > count[best])
			best = b;
	for (int c = 0; c < 4; c++)
		bg[c] = count[best] ? (unsigned char)(sum[best][c] / count[best]) : 0;
	free(count);
	free(sum);
}

double waba_photo_content_radius(const struct waba_photo *p, const unsigned char bg[3], const unsigned char flat[3],
                                 int tol)
{
	const unsigned char opaque_bg[4] = { bg[0], bg[1], bg[2], 255 };
	double cx = p->gw / 2.0, cy = p->gh / 2.0, far = 0;
	for (unsigned y = 0; p->rgba && y < p->gh; y++) {
		double dy = fabs(y - cy) > fabs(y + 1 - cy) ? fabs(y - cy) : fabs(y + 1 - cy);
		for (unsigned x = 0; x < p->gw; x++) {
			const unsigned char *s = p->rgba + ((size_t)y * p->gw + x) * 4;
			unsigned char px[4] = { 0, 0, 0, 255 };
			for (int c = 0; c < 3; c++)
				px[c] = (unsigned char)((s[c] * s[3] + flat[c] * (255 - s[3]) + 127) / 255);
			if (!differs(px, opaque_bg, tol))
				continue;
			double dx = fabs(x - cx) > fabs(x + 1 - cx) ? fabs(x - cx) : fabs(x + 1 - cx);
			double d = sqrt(dx * dx + dy * dy);
			if (d > far)
				far = d;
		}
	}
	return far;
}

static void check_circle(struct waba_findings *fs, struct waba_loc loc, const struct waba_photo *p,
                         const struct waba_checklist *cl)
{
	static const char *const corner_names[] = { N_("top left"), N_("top right"), N_("bottom left"),
		                                    N_("bottom right") };
	long tol = waba_checklist_limit(cl, "photo.circle.tolerance");
	long warn = waba_checklist_limit(cl, "photo.circle.max_corner_permille");
	long named = waba_checklist_limit(cl, "photo.circle.corner_permille");
	unsigned char bg[4];
	unsigned long long total[4] = { 0 }, content[4] = { 0 }, all_total = 0, all_content = 0;
	if (!p->rgba || tol < 0 || warn < 0)
		return;
	waba_photo_background(p, bg);
	unsigned s = p->gw < p->gh ? p->gw : p->gh, ox = (p->gw - s) / 2, oy = (p->gh - s) / 2;
	double r = s / 2.0;
	for (unsigned y = 0; y < s; y++) {
		double dy = y + 0.5 - r;
		for (unsigned x = 0; x < s; x++) {
			double dx = x + 0.5 - r;
			if (dx * dx + dy * dy <= r * r)
				continue;
			int q = (dy > 0) * 2 + (dx > 0);
			total[q]++;
			content[q] += differs(p->rgba + ((size_t)(y + oy) * p->gw + x + ox) * 4, bg, (int)tol);
		}
	}
	for (int q = 0; q < 4; q++)
		all_total += total[q], all_content += content[q];
	if (!all_total || all_content * 1000 <= all_total * (unsigned long long)warn)
		return;
	struct waba_strbuf where = WABA_STRBUF_INIT;
	for (int q = 0; q < 4; q++)
		if (total[q] && content[q] * 1000 > total[q] * (unsigned long long)(named > 0 ? named : warn))
			waba_strbuf_addf(&where, "%s%s", where.len ? ", " : "", _(corner_names[q]));
	char bgname[16];
	if (bg[3] < 128)
		snprintf(bgname, sizeof(bgname), "%s", _("transparent"));
	else
		snprintf(bgname, sizeof(bgname), "#%02x%02x%02x", bg[0], bg[1], bg[2]);
	double area = (double)s * s;
	waba_findings_add(fs, &RULE_CIRCLE, loc,
	                  _("%.1f%% of the corner area outside the circle (%.1f%% of the photo) differs from the background %s; "
	                    "the contact list cuts it off (%s)"),
	                  100.0 * (double)all_content / (double)all_total, 100.0 * (double)all_content / area, bgname,
	                  waba_strbuf_cstr(&where));
	waba_strbuf_release(&where);
}

void waba_check_photo_decoded(struct waba_findings *fs, const char *name, const struct waba_photo *p,
                              const struct waba_checklist *cl)
{
	struct waba_loc loc = file_loc(name);
	check_extension(fs, loc, p);
	check_size(fs, loc, p, cl);
	if (p->fault != WABA_PHOTO_OK) {
		check_fault(fs, loc, p);
		return;
	}
	check_orientation(fs, loc, p);
	check_dimensions(fs, loc, p, cl);
	check_transparency(fs, loc, p, cl);
	check_circle(fs, loc, p, cl);
}

/* The contract's "photo" item members after "kind" and "input", from the result. */
static void photo_json(cJSON *item, const void *p)
{
	const struct waba_photo_result *res = p;
	waba_item_add_str(item, "format", waba_photo_format_name(res->format));
	if (res->width && res->height) {
		cJSON_AddNumberToObject(item, "width", res->width);
		cJSON_AddNumberToObject(item, "height", res->height);
	} else {
		cJSON_AddNullToObject(item, "width");
		cJSON_AddNullToObject(item, "height");
	}
	cJSON_AddNumberToObject(item, "bytes", (double)res->bytes);
	cJSON_AddBoolToObject(item, "decoded", res->decoded);
}

const struct waba_result_type waba_photo_result_type = { photo_json, waba_result_free_first_string };

const struct waba_photo_result *waba_report_photo(const struct waba_report *r, size_t i)
{
	return waba_report_result(r, i, &waba_photo_result_type);
}

static void add_item(struct waba_report *r, const char *name, const struct waba_photo *p)
{
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "kind", "photo");
	cJSON_AddStringToObject(item, "input", name);
	waba_report_add_item(r, "photo", name, name, item);
	struct waba_photo_result *res = waba_xcalloc(1, sizeof(*res));
	res->input = waba_report_str(name);
	res->format = p->format;
	res->width = p->width;
	res->height = p->height;
	res->bytes = p->bytes;
	res->decoded = p->fault == WABA_PHOTO_OK;
	waba_report_set_result(r, &waba_photo_result_type, res); /* the item owns it */
}

void waba_photo_report(struct waba_report *r, const char *name, const struct waba_photo *p,
                       const struct waba_checklist *cl)
{
	const char *lang = waba_i18n_lang();
	const char *here = waba_checklist_text_for(cl, "photo.fix.hint", lang, r->command);
	size_t first = r->findings.len;
	add_item(r, name, p);
	if (r->views)
		waba_report_set_view(r, waba_view_photo(p, cl));
	waba_check_photo_decoded(&r->findings, name, p, cl);
	/* where the fix is offered otherwise (the wizard asks next): its own words, not the command
	 * line's; not for a photo under the minimum, which it does not offer to fix */
	int small = 0;
	for (size_t i = first; i < r->findings.len; i++)
		small |= r->findings.v[i].rule == &RULE_MIN_SIZE;
	if (here && !small && here != waba_checklist_text(cl, "photo.fix.hint", lang))
		for (size_t i = first; i < r->findings.len; i++) {
			const struct waba_rule *rule = r->findings.v[i].rule;
			if (rule == &RULE_SQUARE || rule == &RULE_TRANSPARENCY || rule == &RULE_CIRCLE)
				waba_finding_set_hint(&r->findings.v[i], "%s", here);
		}
	waba_report_end_item(r);
}

static int has_rule(const struct waba_findings *fs, const struct waba_rule *rule)
{
	for (size_t i = 0; i < fs->len; i++)
		if (fs->v[i].rule == rule)
			return 1;
	return 0;
}

void waba_photo_report_fix(struct waba_report *r, const char *in_name, const struct waba_photo *p, const char *out_path,
                           const struct waba_photo *fixed, const char *how, int cropped, const struct waba_checklist *cl)
{
	struct waba_findings was = WABA_FINDINGS_INIT, now = WABA_FINDINGS_INIT;
	waba_check_photo_decoded(&was, in_name, p, cl);
	waba_check_photo_decoded(&now, out_path, fixed, cl);
	add_item(r, in_name, p);
	if (r->views)
		waba_report_set_view(r, waba_view_photo(p, cl));
	for (size_t i = 0; i < was.len; i++) {
		const struct waba_finding *f = &was.v[i];
		if (has_rule(&now, f->rule))
			continue; /* still there: the copy's finding says it */
		struct waba_loc loc = f->loc;
		loc.file = f->file;
		waba_findings_add(&r->findings, &RULE_FIXED, loc, _("%s; fixed in %s"), f->message, out_path);
	}
	waba_report_end_item(r);
	add_item(r, out_path, fixed);
	waba_findings_add(&r->findings, &RULE_FIXED, file_loc(out_path), _("wrote a %ux%u PNG (%zu bytes): %s"),
	                  fixed->width, fixed->height, fixed->bytes, how);
	size_t first = r->findings.len;
	waba_check_photo_decoded(&r->findings, out_path, fixed, cl);
	for (size_t i = first; i < r->findings.len; i++) /* never "use --fix" about what --fix wrote */
		if (r->findings.v[i].rule == &RULE_CIRCLE)
			waba_finding_set_hint(&r->findings.v[i], "%s",
			                      cropped
			                          ? _("--crop keeps what reaches the corners, and the contact list's circle "
			                              "cuts it off; without --crop the photo is padded so that all of it "
			                              "stays inside the circle")
			                          : _("the contact list's circle cuts off what reaches the corners; "
			                              "--preview OUT.png shows what stays"));
	waba_report_end_item(r);
	waba_findings_release(&was);
	waba_findings_release(&now);
}

int waba_photo_load_inside(struct waba_photo *out, const char *path, const char *root, const char *named_by,
                           const struct waba_checklist *cl)
{
	struct waba_photo_limits lim;
	struct stat st;
	int fd, err;
	memset(out, 0, sizeof(*out));
	waba_photo_limits_from(&lim, cl);
	unsigned long cap = lim.max_read_bytes;
	if ((err = waba_open_regular(path, root, named_by, &fd)) < 0) /* never blocks on a FIFO */
		return err;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return waba_error_set(WABA_EIO, _("cannot read '%s': %s"), path, strerror(errno));
	}
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return waba_error_set(WABA_EIO, _("cannot read '%s': not a regular file"), path);
	}
	size_t size = (size_t)st.st_size;
	int bad = 0;
	setvbuf(f, NULL, _IOFBF, 64 * 1024);
	if (size > cap) { /* not decoded: say what it is */
		unsigned char head[WABA_PHOTO_SNIFF_BYTES];
		size_t got = fread(head, 1, sizeof(head), f);
		char msg[96];
		bad = ferror(f);
		waba_photo_sniff(head, got, &out->format);
		snprintf(msg, sizeof(msg), "a %zu-byte file, over the %lu bytes waba-preflight decodes", size, cap);
		out->fault = WABA_PHOTO_TOO_LARGE;
		out->detail = waba_xstrdup(msg);
		out->orientation = 1;
	} else {
		bad = waba_photo_decode_file(out, f, size, &lim) < 0 || ferror(f);
	}
	fclose(f);
	if (bad) {
		waba_photo_release(out);
		return waba_error_set(WABA_EIO, _("cannot read '%s'"), path);
	}
	out->bytes = size; /* photo.file_size judges the size on disk */
	return 0;
}

int waba_photo_load(struct waba_photo *out, const char *path, const struct waba_checklist *cl)
{
	return waba_photo_load_inside(out, path, NULL, NULL, cl);
}

int waba_check_photo_inside(struct waba_report *r, const char *path, const char *root, const char *named_by,
                            const struct waba_checklist *cl)
{
	struct waba_photo p;
	int err = waba_photo_load_inside(&p, path, root, named_by, cl);
	if (err < 0)
		return err;
	waba_photo_report(r, path, &p, cl);
	waba_photo_release(&p);
	return 0;
}

int waba_check_photo(struct waba_report *r, const char *path, const struct waba_checklist *cl)
{
	return waba_check_photo_inside(r, path, NULL, NULL, cl);
}

int waba_check_photo_mem(struct waba_report *r, const char *name, const unsigned char *data, size_t len,
                         const struct waba_checklist *cl)
{
	struct waba_photo_limits lim;
	struct waba_photo p;
	waba_photo_limits_from(&lim, cl);
	waba_photo_decode(&p, data, len, &lim);
	waba_photo_report(r, name, &p, cl);
	waba_photo_release(&p);
	return 0;
}
