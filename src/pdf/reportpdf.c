/* reportpdf.c - a general report PDF (reportpdf.h): the title block, the
 * labelled fields in two columns of label and value, then each section's
 * heading and table, the tables running over as many pages as they need. */
#include "pdf/reportpdf.h"

#include "pdf/pdf_int.h"

#define LABEL_W 110.0
#define HEAD_SIZE 13.0

/* A heading kept with at least a row of what follows it. */
static void heading(struct pen *p, const char *s)
{
	if (p->y + 60 > PDF_PAGE_H - PDF_MARGIN)
		pdf_new_page(p);
	p->y += 6;
	p->y += pdf_put(p, PDF_MARGIN, p->y, PDF_TEXT_W, HEAD_SIZE, PDF_LEFT, s) + 6;
}

static void fields(struct pen *p, const struct reportpdf_doc *d, struct arena *a)
{
	static const double w[] = {LABEL_W, PDF_TEXT_W - LABEL_W};
	static const struct pdf_cols cols = {2, w, NULL, NULL, 10.0};
	for (int i = 0; i < d->nfields; i++) {
		const char *cells[] = {d->fields[i].label, pdf_clip(d->fields[i].value, REPORTPDF_TEXT_MAX, a)};
		pdf_table_row(p, &cols, cells);
	}
}

static void table(struct pen *p, const struct reportpdf_table *t, struct arena *a)
{
	heading(p, t->heading);
	if (t->nrows == 0) {
		pdf_para(p, 10, t->empty ? t->empty : "无");
		return;
	}
	int nc = t->ncols < REPORTPDF_MAX_COLS ? t->ncols : REPORTPDF_MAX_COLS;
	double sum = 0, *w = arena_alloc(a, sizeof *w * (size_t)nc);
	for (int i = 0; i < nc; i++)
		sum += t->share[i];
	for (int i = 0; i < nc; i++)
		w[i] = PDF_TEXT_W * t->share[i] / (sum > 0 ? sum : 1);
	const struct pdf_cols cols = {nc, w, t->right, t->head, 9.0};
	pdf_table_head(p, &cols);
	int shown = t->nrows < REPORTPDF_MAX_ROWS ? t->nrows : REPORTPDF_MAX_ROWS;
	const char **cells = arena_alloc(a, sizeof *cells * (size_t)nc);
	for (int r = 0; r < shown; r++) {
		for (int c = 0; c < nc; c++)
			cells[c] = pdf_clip(t->cells[r * t->ncols + c], REPORTPDF_CELL_MAX, a);
		pdf_table_row(p, &cols, cells);
	}
	if (shown < t->nrows) {
		for (int c = 0; c < nc; c++)
			cells[c] = "";
		cells[0] = arena_printf(a, "等 %d 条", t->nrows - shown);
		pdf_table_row(p, &cols, cells);
	}
	p->y += 4;
	if (t->note)
		pdf_para(p, 9, t->note);
}

static void body(struct pen *p, const void *doc, struct arena *a)
{
	const struct reportpdf_doc *d = doc;
	p->y += pdf_put(p, PDF_MARGIN, p->y, PDF_TEXT_W, 20, PDF_CENTER, d->title) + 4;
	if (d->subtitle)
		p->y += pdf_put(p, PDF_MARGIN, p->y, PDF_TEXT_W, 11, PDF_CENTER, d->subtitle);
	p->y += 14;
	fields(p, d, a);
	p->y += 6;
	for (int i = 0; i < d->ntables; i++)
		table(p, &d->tables[i], a);
	if (d->footer) {
		p->y += 10;
		if (p->y + 20 > PDF_PAGE_H - PDF_MARGIN)
			pdf_new_page(p);
		pdf_color(p, 0.35, 0.35, 0.35);
		pdf_para(p, 9, d->footer);
		pdf_color(p, 0, 0, 0);
	}
}

int reportpdf_render(const struct reportpdf_doc *d, struct arena *a, char **pdf, size_t *len, char *err, size_t n)
{
	return pdf_render(d->title, body, d, a, pdf, len, err, n);
}
