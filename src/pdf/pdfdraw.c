/* pdfdraw.c - the pen, tables and render frame the PDF documents share
 * (pdf_int.h). Text is laid out in points on an A4 page. */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"

#define CELL_PAD 3.0

const char *pdf_font_missing(const char *family)
{
	FcPattern *p = FcNameParse((const FcChar8 *)family);
	if (!p)
		return "cannot ask fontconfig for the PDF font";
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcPattern *m = FcFontMatch(NULL, p, &r);
	int ok = 0;
	FcChar8 *fam;
	for (int i = 0; m && FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
		ok |= strcmp((const char *)fam, family) == 0;
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(p);
	return ok ? NULL
		  : "the certificate font " PDF_FONT " is not installed (Debian: apt-get install fonts-wqy-microhei)";
}

double pdf_put(struct pen *p, double x, double y, double w, double size, enum pdf_align al, const char *s)
{
	static const PangoAlignment pal[] = {[PDF_LEFT] = PANGO_ALIGN_LEFT, [PDF_CENTER] = PANGO_ALIGN_CENTER,
					     [PDF_RIGHT] = PANGO_ALIGN_RIGHT};
	pango_font_description_set_absolute_size(p->fd, size * PANGO_SCALE);
	pango_layout_set_font_description(p->l, p->fd);
	pango_layout_set_width(p->l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(p->l, pal[al]);
	pango_layout_set_text(p->l, s ? s : "", -1);
	if (!p->measuring) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, p->l);
	}
	int pw, ph;
	pango_layout_get_size(p->l, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

void pdf_para(struct pen *p, double size, const char *s)
{
	p->y += pdf_put(p, PDF_MARGIN, p->y, PDF_TEXT_W, size, PDF_LEFT, s) + size * 0.6;
}

void pdf_new_page(struct pen *p)
{
	cairo_show_page(p->cr);
	p->y = PDF_MARGIN;
}

void pdf_color(struct pen *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
}

const char *pdf_clip(const char *s, int max, struct arena *a)
{
	const char *q = s ? s : "";
	for (int k = 0; *q && k < max; k++)
		do
			q++;
		while ((*q & 0xC0) == 0x80);
	return *q ? arena_printf(a, "%.*s…", (int)(q - s), s) : s;
}

/* One row of cells: its height; drawn unless measure_only. */
static double cells_at(struct pen *p, const struct pdf_cols *t, const char *const *cells, int measure_only)
{
	double h = 0, x = PDF_MARGIN;
	p->measuring = measure_only;
	for (int i = 0; i < t->ncols; i++) {
		double ch = pdf_put(p, x + CELL_PAD, p->y + CELL_PAD, t->w[i] - 2 * CELL_PAD, t->size,
				    t->right && t->right[i] ? PDF_RIGHT : PDF_LEFT, cells[i]);
		if (ch > h)
			h = ch;
		x += t->w[i];
	}
	p->measuring = 0;
	return h + 2 * CELL_PAD;
}

static void draw_row(struct pen *p, const struct pdf_cols *t, const char *const *cells, int header)
{
	double h = cells_at(p, t, cells, 1), x = PDF_MARGIN, tw = 0;
	for (int i = 0; i < t->ncols; i++)
		tw += t->w[i];
	if (header) {
		cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
		cairo_rectangle(p->cr, PDF_MARGIN, p->y, tw, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	cells_at(p, t, cells, 0);
	cairo_set_line_width(p->cr, 0.5);
	for (int i = 0; i < t->ncols; i++) {
		cairo_rectangle(p->cr, x, p->y, t->w[i], h);
		x += t->w[i];
	}
	cairo_stroke(p->cr);
	p->y += h;
}

void pdf_table_head(struct pen *p, const struct pdf_cols *t)
{
	if (t->head)
		draw_row(p, t, t->head, 1);
}

void pdf_table_row(struct pen *p, const struct pdf_cols *t, const char *const *cells)
{
	if (p->y + cells_at(p, t, cells, 1) > PDF_PAGE_H - PDF_MARGIN) {
		pdf_new_page(p);
		pdf_table_head(p, t);
	}
	draw_row(p, t, cells, 0);
}

struct out {
	char *p;
	size_t len, cap;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
	struct out *o = closure;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 65536;
		while (cap < o->len + n)
			cap *= 2;
		o->p = xrealloc(o->p, cap);
		o->cap = cap;
	}
	memcpy(o->p + o->len, data, n);
	o->len += n;
	return CAIRO_STATUS_SUCCESS;
}

int pdf_render(const char *title, void (*draw)(struct pen *p, const void *doc, struct arena *a), const void *doc,
	       struct arena *a, char **pdf, size_t *len, char *err, size_t n)
{
	const char *missing = pdf_font_missing(PDF_FONT);
	if (missing) {
		snprintf(err, n, "%s", missing);
		return -1;
	}
	struct out o = {0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, &o, PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Liandong");
	cairo_t *cr = cairo_create(s);
	struct pen p = {.cr = cr, .l = pango_cairo_create_layout(cr),
			.fd = pango_font_description_from_string(PDF_FONT), .y = PDF_MARGIN};
	pango_layout_set_wrap(p.l, PANGO_WRAP_WORD_CHAR);
	cairo_set_source_rgb(cr, 0, 0, 0);
	draw(&p, doc, a);
	g_object_unref(p.l);
	pango_font_description_free(p.fd);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		free(o.p);
		snprintf(err, n, "cannot write the PDF: %s", cairo_status_to_string(st));
		return -1;
	}
	*pdf = arena_alloc(a, o.len ? o.len : 1);
	memcpy(*pdf, o.p, o.len);
	*len = o.len;
	free(o.p);
	return 0;
}
