/* pdf_int.h - what the PDF documents share (private to pdf/): an A4 page
 * in points, a pen that sets text with pango and draws with cairo, tables
 * whose rows run over pages with their header repeated, text clipped to a
 * number of characters, and the frame of a render (the font checked, the
 * cairo PDF surface written into the caller's arena). certpdf.c draws the
 * certificate with it, reportpdf.c a general report. */
#ifndef LD_PDF_PDF_INT_H
#define LD_PDF_PDF_INT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

#include "core/arena.h"
#include "pdf/certpdf.h"

/* Every document of the module is set in the certificate's font. */
#define PDF_FONT CERTPDF_FONT

#define PDF_PAGE_W 595.28
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 56.0
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN)	/* 483.28 */

struct pen {
	cairo_t *cr;
	PangoLayout *l;
	PangoFontDescription *fd;
	double y;	/* where the next line goes on the page */
	int measuring;	/* lay text out without drawing it */
};

/* Set `s` at (x, y) in a box `w` wide at `size` points, aligned left (0),
 * centred (1) or right (2); returns its height. */
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };
double pdf_put(struct pen *p, double x, double y, double w, double size, enum pdf_align al, const char *s);
/* A paragraph across the text width at p->y, then a gap. */
void pdf_para(struct pen *p, double size, const char *s);
/* The current page is done; the pen goes to the top of the next. */
void pdf_new_page(struct pen *p);
/* Text colour (0..1 each). */
void pdf_color(struct pen *p, double r, double g, double b);

/* s cut to at most `max` characters (UTF-8), with "…" when cut. */
const char *pdf_clip(const char *s, int max, struct arena *a);

/* A table's columns: ncols widths (points, filling the text width) and
 * which are numbers (set to the right). */
struct pdf_cols {
	int ncols;
	const double *w;
	const int *right;	/* NULL: all left */
	const char *const *head;	/* NULL: a table without a header row */
	double size;		/* points */
};
/* The header row of t at p->y. */
void pdf_table_head(struct pen *p, const struct pdf_cols *t);
/* A row of t's cells at p->y, on a new page (the header repeated) when it
 * does not fit above the bottom margin. */
void pdf_table_row(struct pen *p, const struct pdf_cols *t, const char *const *cells);

/* NULL when the font (`family`) is installed, else a message saying what
 * to install. */
const char *pdf_font_missing(const char *family);

/* Render a document: check the font, open an A4 PDF surface titled
 * `title`, call draw(p, doc, a) with the pen at the top of the first page,
 * and put the bytes into *pdf (arena) of *len. 0, or -1 with a message in
 * err[0..n) (the font missing, a cairo failure). */
int pdf_render(const char *title, void (*draw)(struct pen *p, const void *doc, struct arena *a), const void *doc,
	       struct arena *a, char **pdf, size_t *len, char *err, size_t n);

#endif
