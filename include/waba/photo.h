/*
 * photo.h: the WhatsApp profile photo: decode (PNG through libpng, JPEG through
 * libjpeg-turbo) with resource limits, the `photo.` checks, and the fixer that writes
 * a compliant square PNG and a circular preview.
 *
 * Decoding is streaming: rows are folded into an area-averaged copy whose short side
 * is kept at or above `analysis_side` (an integer box reduction), so a 8000x8000 photo
 * needs a few MB, not 256. Dimensions are checked from the header before anything is
 * allocated; libpng's user limits and chunk limits, and libjpeg's memory limit and a
 * scan cap, back that up. Problems in the file are faults (later findings), not errors.
 */
#ifndef WABA_PHOTO_H
#define WABA_PHOTO_H

#include <stddef.h>
#include <stdio.h>
#include "checklist.h"
#include "report.h"
#include "strbuf.h"

enum waba_photo_format { WABA_PHOTO_NONE = 0, WABA_PHOTO_PNG, WABA_PHOTO_JPEG };

enum waba_photo_fault {
	WABA_PHOTO_OK = 0,
	WABA_PHOTO_EMPTY,     /* zero bytes */
	WABA_PHOTO_NOT_IMAGE, /* neither PNG nor JPEG; `detail` names what it looks like */
	WABA_PHOTO_TOO_LARGE, /* header dimensions over the decode limits: not decoded */
	WABA_PHOTO_TRUNCATED, /* the data ends before the image does */
	WABA_PHOTO_CORRUPT    /* bad CRC, bad compressed data, bad markers, too many scans */
};

/*
 * Hard ceilings on the decoding limits: a checklist (which a repository may bring with its
 * configuration) can lower the limits of photo.decode.*, photo.read.max_bytes and
 * photo.analysis.max_pixels but never raise them above these, so that no data can make the
 * decoder allocate gigabytes or read a file of any size (docs/security.md). They are four times
 * the bundled values; they are code, not policy, for that reason.
 */
#define WABA_PHOTO_CEIL_SIDE 65535UL             /* the largest side a header may claim */
#define WABA_PHOTO_CEIL_PIXELS 400000000ULL      /* width x height */
#define WABA_PHOTO_CEIL_CHUNK_BYTES (32UL << 20) /* one ancillary PNG chunk */
#define WABA_PHOTO_CEIL_CHUNKS 4000UL
#define WABA_PHOTO_CEIL_SCANS 1024UL               /* progressive JPEG scans */
#define WABA_PHOTO_CEIL_MEMORY (1024UL << 20)      /* libjpeg's memory; an interlaced PNG's frame */
#define WABA_PHOTO_CEIL_READ_BYTES (256UL << 20)   /* a larger file is sniffed, never decoded */
#define WABA_PHOTO_CEIL_ANALYSIS_PIXELS 16777216UL /* the reduced copy kept for analysis */

struct waba_photo_limits {
	unsigned long max_side;        /* a header width or height above this is refused */
	unsigned long long max_pixels; /* width x height above this is refused */
	unsigned long max_chunk_bytes; /* libpng: largest ancillary chunk kept in memory */
	unsigned long max_chunks;      /* libpng: most ancillary chunks kept */
	unsigned long max_scans;       /* JPEG: most progressive scans */
	unsigned long max_memory;      /* libjpeg's working memory; the interlaced-PNG frame buffer */
	unsigned analysis_side;        /* keep at least this many pixels on the short side */
	unsigned long analysis_pixels; /* and at most about this many pixels in all */
	unsigned long max_read_bytes;  /* a file above this is sniffed, not decoded */
};

/* Limits from the checklist (photo.decode.*, photo.analysis.*, photo.read.max_bytes; every one is
 * there, checked at start-up), each held at or under its WABA_PHOTO_CEIL_* ceiling. */
void waba_photo_limits_from(struct waba_photo_limits *out, const struct waba_checklist *cl);

struct waba_photo {
	enum waba_photo_format format;
	enum waba_photo_fault fault;
	char *detail;           /* what the decoder said, or the sniffed type; owned, or NULL */
	size_t fault_offset;    /* byte offset where decoding stopped */
	size_t bytes;           /* file size */
	unsigned width, height; /* as displayed: EXIF orientation applied (0: unknown) */
	unsigned stored_width, stored_height;
	int orientation;                /* EXIF orientation 1..8 (1: none or PNG) */
	int interlaced;                 /* PNG Adam7 or progressive JPEG */
	int bit_depth;                  /* per channel, as stored */
	const char *color;              /* "rgb", "rgba", "gray", "gray+alpha", "palette", "cmyk", ... */
	unsigned long long transparent; /* pixels with alpha < 255 (full resolution) */
	unsigned long long clear;       /* pixels with alpha == 0 */
	/* The decoded image as displayed, reduced by the integer factor `scale` (area average
	 * with alpha weighting), straight (non-premultiplied) RGBA, 8 bits; NULL unless decoded. */
	unsigned char *rgba;
	unsigned gw, gh, scale;
};

/*
 * Decode `len` bytes. Always returns 0: what is wrong with the bytes is in out->fault
 * (and out->detail); out->rgba is set only when the whole image decoded cleanly.
 * Release with waba_photo_release().
 */
int waba_photo_decode(struct waba_photo *out, const unsigned char *data, size_t len, const struct waba_photo_limits *lim);
void waba_photo_release(struct waba_photo *p);

/* The most bytes waba_photo_sniff() looks at. */
#define WABA_PHOTO_SNIFF_BYTES 512

/*
 * The same for an open file of `size` bytes (from fstat), positioned at its start: its
 * first bytes are sniffed, then it is rewound and streamed into libpng / libjpeg, so
 * memory does not grow with the file. @return 0, or -1 when the file cannot be read or
 * rewound (out untouched).
 */
int waba_photo_decode_file(struct waba_photo *out, FILE *f, size_t size, const struct waba_photo_limits *lim);

/* "png", "jpeg" or NULL. */
const char *waba_photo_format_name(enum waba_photo_format f);

/* What the content is when it is not PNG or JPEG ("a GIF image", "text", ...); borrowed. */
const char *waba_photo_sniff(const unsigned char *data, size_t len, enum waba_photo_format *fmt);

/*
 * The photo family's result for one file: what the "photo" item of the JSON report
 * states (written from this struct). Attached to its item (waba_report_set_result());
 * read it with waba_report_photo().
 */
struct waba_photo_result {
	char *input;                   /* the file as named (first, the only owned member) */
	enum waba_photo_format format; /* WABA_PHOTO_NONE: not a PNG or JPEG */
	unsigned width, height;        /* as displayed; 0 when not known */
	size_t bytes;                  /* file size */
	int decoded;                   /* the image could be decoded */
};
extern const struct waba_result_type waba_photo_result_type;

/* The photo result of report item i, or NULL when it is not a photo item. */
const struct waba_photo_result *waba_report_photo(const struct waba_report *r, size_t i);

/*
 * Check the photo at `path`: add a `photo` item and the photo.* findings to `r`.
 * @return 0; WABA_ENOTFOUND / WABA_EIO when the file cannot be opened or read.
 */
int waba_check_photo(struct waba_report *r, const char *path, const struct waba_checklist *cl);

/* The same for bytes in memory, shown as `name`. Always 0. */
int waba_check_photo_mem(struct waba_report *r, const char *name, const unsigned char *data, size_t len,
                         const struct waba_checklist *cl);

/*
 * Decode the file at `path`, streamed (a file over photo.read.max_bytes is sniffed, not
 * decoded). out->bytes is the size from fstat. @return 0 (faults are in out->fault);
 * WABA_ENOTFOUND / WABA_EIO.
 */
int waba_photo_load(struct waba_photo *out, const char *path, const struct waba_checklist *cl);

/* The same two for a path named by an application: it must be a regular file inside
 * `root` (confine.h); `named_by` is the application. root NULL: anywhere. */
int waba_photo_load_inside(struct waba_photo *out, const char *path, const char *root, const char *named_by,
                           const struct waba_checklist *cl);
int waba_check_photo_inside(struct waba_report *r, const char *path, const char *root, const char *named_by,
                            const struct waba_checklist *cl);

/* Add the `photo` item for a decoded photo and its findings. */
void waba_photo_report(struct waba_report *r, const char *name, const struct waba_photo *p,
                       const struct waba_checklist *cl);

/*
 * Report a photo and the copy --fix wrote of it, judged on the copy: the photo's item with
 * each of its findings that the copy no longer has turned into a photo.fixed note
 * "...; fixed in OUT", then the copy's item, a photo.fixed note saying `how`, and the
 * copy's own findings (`cropped`: --crop was asked, which the photo.circle hint follows).
 */
void waba_photo_report_fix(struct waba_report *r, const char *in_name, const struct waba_photo *p, const char *out_path,
                           const struct waba_photo *fixed, const char *how, int cropped, const struct waba_checklist *cl);

/* The most common colour along the photo's border (all transparent pixels count as one
 * colour, alpha < 128): what the photo.circle check calls its background. */
void waba_photo_background(const struct waba_photo *p, unsigned char bg[4]);

/*
 * How far from the centre of the photo (in the decoded copy's pixels, gw x gh) its content
 * reaches: the farthest corner of a pixel that, flattened onto `flat`, differs from `bg`
 * by more than `tol` (as photo.circle counts content). 0 when nothing differs.
 */
double waba_photo_content_radius(const struct waba_photo *p, const unsigned char bg[3], const unsigned char flat[3],
                                 int tol);

/* The pure checks on a decoded photo (the item must already be added). */
void waba_check_photo_decoded(struct waba_findings *fs, const char *name, const struct waba_photo *p,
                              const struct waba_checklist *cl);

/* ---- compose: the fixer and the preview (src/compose/photo_fix.c) ---- */

struct waba_photo_fix_options {
	int crop;                    /* 1: centre-crop to square; 0: pad with the background */
	unsigned char background[3]; /* flatten transparency onto this (and pad with it, see below) */
	int background_given;        /* 1: pad with `background` too; 0: pad with the photo's own
	                                background (waba_photo_background) when it is opaque */
	unsigned side;               /* the largest output side in pixels (photo.fix.side, 640); a
	                                smaller photo is written at its own size, never scaled up */
};

/* What the fixer did, to say so (waba_photo_fix_describe). */
struct waba_photo_fix_done {
	int squared;          /* the photo was not square: padded (or, with crop, cropped) */
	int cropped;          /* with crop, and something was cut */
	int circle;           /* padded further so that all the content stays inside the circle */
	int flattened;        /* transparent pixels flattened onto `background` */
	int reoriented;       /* the JPEG's EXIF orientation applied */
	unsigned char pad[3]; /* the padding colour */
	unsigned char background[3];
	unsigned from;   /* the square taken from the photo (with its padding), in the photo's pixels */
	unsigned side;   /* the side written: at most `target`, never more than `from` */
	unsigned target; /* the options' side (photo.fix.side, 640) */
};

/* Parse "#rrggbb", "rrggbb", "#rgb", "white", "black"; 0, or -1 if not a colour. */
int waba_photo_parse_color(const char *s, unsigned char out[3]);

/*
 * Make the compliant image from a decoded photo: square (pad or crop), flattened,
 * resampled to side x side with a Lanczos-3 filter. *out receives side*side*3 RGB bytes
 * (caller frees). The photo must have been decoded (p->rgba != NULL).
 */
void waba_photo_fix_rgb(unsigned char **out, struct waba_photo_fix_done *done, const struct waba_photo *p,
                        const struct waba_photo_fix_options *o, const struct waba_checklist *cl);

/*
 * Can the photo be fixed? It must be decoded, and the square --fix takes from it (the long
 * side when padding, the short side with crop) at least photo.min_side: --fix does not scale
 * a photo up. @return 0, or WABA_ERROR with the reason (waba_error_last()).
 */
int waba_photo_fixable(const struct waba_photo *p, const struct waba_photo_fix_options *o,
                       const struct waba_checklist *cl);

/* One line (translated) saying what the fixer did: "padded to a square with #ffffff, ...". */
void waba_photo_fix_describe(struct waba_strbuf *out, const struct waba_photo_fix_done *d);

/*
 * The circular contact-list crop: the centre square, transparent areas shown as
 * `behind` (WhatsApp shows black), resampled to side x side, outside the circle
 * transparent with an anti-aliased edge. *out receives side*side*4 RGBA bytes.
 */
void waba_photo_preview_rgba(unsigned char **out, const struct waba_photo *p, const unsigned char behind[3],
                             unsigned side);

/* Options from the checklist: photo.fix.side, photo.fix.background_rgb; no crop. */
void waba_photo_fix_defaults(struct waba_photo_fix_options *o, const struct waba_checklist *cl);

/*
 * The whole fixer: check that it can (waba_photo_fixable), make the image, encode it as PNG
 * into `png`, decode that again into `fixed` and run the photo checks on it (shown as
 * `name`). Only photo.circle (with crop) and photo.recommended_size (a small photo is not
 * scaled up) may remain. `done` (may be NULL) says what was done.
 * @return 0; WABA_ERROR when the photo cannot be fixed or the result does not pass.
 * Release `fixed` with waba_photo_release() in both cases.
 */
int waba_photo_fix(struct waba_strbuf *png, struct waba_photo *fixed, struct waba_photo_fix_done *done,
                   const struct waba_photo *p, const struct waba_photo_fix_options *o, const char *name,
                   const struct waba_checklist *cl);

/* The circular preview of a decoded photo as an RGBA PNG (photo.fix.side px; transparent
 * areas shown as photo.preview.transparent_rgb). @return 0, or WABA_ERROR. */
int waba_photo_preview_png(struct waba_strbuf *png, const struct waba_photo *p, const struct waba_checklist *cl);

/* Encode 8-bit RGB (channels 3) or RGBA (4) as PNG into `out`. @return 0, or WABA_ERROR. */
int waba_photo_encode_png(struct waba_strbuf *out, const unsigned char *pixels, unsigned w, unsigned h, int channels);

/* Resample an RGBA image with a separable Lanczos-3 filter (area-weighted when shrinking). */
void waba_photo_resample_rgba(unsigned char *dst, unsigned dw, unsigned dh, const unsigned char *src, unsigned sw,
                              unsigned sh);

#endif
