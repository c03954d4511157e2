/* certpdf.h - the 志愿服务记录证明 as a PDF (cairo + pango, drawn through
 * the pen the PDF module's documents share: pdf/pdf_int.h; src/pdf/ is the
 * only user of their headers and of fontconfig's).
 *
 * One A4 document in Chinese with what 民政部令第67号 Art. 15 asks of a
 * certificate: the volunteer's name and unified volunteer number, the
 * period and total verified hours, the service content (a summary and the
 * list of records), the recording units, the certificate number, the date
 * and the issuing org; then a QR code of the verification page and the
 * short code printed beside it. The text is set by pango in WenQuanYi Micro
 * Hei, found through fontconfig, and cairo embeds the subset of the font the
 * page uses (why this font and not Noto CJK: docs/ARCHITECTURE.md). Plain
 * data in, bytes out: no model or store types. */
#ifndef LD_PDF_CERTPDF_H
#define LD_PDF_CERTPDF_H

#include <stddef.h>

#include "core/arena.h"

/* The font family the certificate is set in (Debian: fonts-wqy-microhei). */
#define CERTPDF_FONT "WenQuanYi Micro Hei"

struct certpdf_line {
	const char *date;	/* "2026-03-01" */
	const char *content, *place, *org;
	const char *hours;	/* "3.50" */
};

struct certpdf_doc {
	const char *name, *volunteer_no;
	const char *from, *to;		/* "YYYY-MM-DD" */
	const char *hours;		/* the total, "12.50" */
	const char *summary;		/* the service content in a sentence */
	const char *units;		/* the recording units, joined */
	const char *number, *code, *verify_url;
	const char *issuer;		/* the issuing org's name */
	const char *issued_on;		/* "YYYY-MM-DD" */
	const char *school;		/* NULL, or the school of a practice-credit certificate */
	const char *revoked_on;		/* NULL, or the date its records were voided */
	const struct certpdf_line *lines;
	int nlines;
};

/* What keeps a PDF under 300 KB whatever the content (the font subset grows
 * with every distinct character): at most CERTPDF_MAX_LINES records are
 * listed, then a row "等 N 条" for the rest; a record's content is cut to
 * CERTPDF_CELL_MAX characters, its place and unit to half that; the summary
 * and the units' list to CERTPDF_TEXT_MAX ("…" where cut). Measured by
 * tests/unit/test_cert.c with every character distinct. */
#define CERTPDF_MAX_LINES 30
#define CERTPDF_CELL_MAX 20
#define CERTPDF_TEXT_MAX 100

/* NULL when the font is installed, else a message saying what to install. */
const char *certpdf_font_missing(void);

/* Render d into *pdf (arena) of *len bytes: 0, or -1 with a message in
 * err[0..n) (the font missing, a cairo failure). */
int certpdf_render(const struct certpdf_doc *d, struct arena *a, char **pdf, size_t *len, char *err, size_t n);

#endif
