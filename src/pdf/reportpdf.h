/* reportpdf.h - a general report as a PDF (the PDF module's second
 * document, beside the certificate): a title and subtitle, a block of
 * labelled fields, then sections, each a heading over a table. A project's
 * report (service/project_report.c) is one; the layout knows nothing of
 * projects. Plain data in, bytes out.
 *
 * What keeps it bounded whatever the content: at most REPORTPDF_MAX_ROWS
 * rows of a table are drawn, then a row "等 N 条" for the rest; a cell is
 * cut to REPORTPDF_CELL_MAX characters and a field's value to
 * REPORTPDF_TEXT_MAX ("…" where cut). */
#ifndef LD_PDF_REPORTPDF_H
#define LD_PDF_REPORTPDF_H

#include <stddef.h>

#include "core/arena.h"

#define REPORTPDF_MAX_ROWS 200
#define REPORTPDF_CELL_MAX 60
#define REPORTPDF_TEXT_MAX 400
#define REPORTPDF_MAX_COLS 10

struct reportpdf_field {
	const char *label, *value;
};

/* A table: ncols columns (at most REPORTPDF_MAX_COLS) whose widths are
 * shares of the text width (they need not add up to 1: they are scaled),
 * right[i] set for a number column; nrows rows of cells, row-major. */
struct reportpdf_table {
	const char *heading;
	int ncols;
	const char *const *head;
	const double *share;
	const int *right;
	const char *const *cells;
	int nrows;
	const char *empty;	/* said instead of the table when it has no rows (NULL: "无") */
	const char *note;	/* NULL, or a line under the table */
};

struct reportpdf_doc {
	const char *title, *subtitle;
	const struct reportpdf_field *fields;
	int nfields;
	const struct reportpdf_table *tables;
	int ntables;
	const char *footer;	/* the last line: who made it and when */
};

/* Render d into *pdf (arena) of *len bytes: 0, or -1 with a message in
 * err[0..n) (the font missing, a cairo failure). */
int reportpdf_render(const struct reportpdf_doc *d, struct arena *a, char **pdf, size_t *len, char *err, size_t n);

#endif
