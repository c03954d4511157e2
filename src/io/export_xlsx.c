/* export_xlsx.c - XLSX through libxlsxwriter (the only file that includes
 * xlsxwriter.h), in constant_memory mode: each row is flushed to the
 * library's temp file as it is written, so memory stays bounded however
 * many rows there are. The header row is bold; every text cell is written
 * with worksheet_write_string, so a value starting with "=" stays text and
 * is never a formula; numeric columns become number cells. */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/arena.h"
#include "io/export.h"

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_row_t row;
};

static void *xlsx_open(const char *path, enum export_encoding enc, const char *sheet, struct errinfo *ei)
{
	(void)enc; /* XLSX text is always UTF-8 */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		err_set(ei, ERR_INTERNAL, NULL, "cannot create the XLSX file");
		return NULL;
	}
	struct xlsx *x = xcalloc(1, sizeof *x);
	x->wb = wb;
	x->ws = workbook_add_worksheet(wb, sheet);
	x->bold = workbook_add_format(wb);
	format_set_bold(x->bold);
	if (!x->ws) {
		workbook_close(wb);
		free(x);
		err_set(ei, ERR_INTERNAL, NULL, "cannot add the XLSX worksheet");
		return NULL;
	}
	return x;
}

static int xlsx_row(void *h, const struct export_col *cols, int ncols, const char *const *cells, int header,
		    struct errinfo *ei)
{
	struct xlsx *x = h;
	if (x->row >= LXW_ROW_MAX)
		return err_set(ei, ERR_INVALID, "format", "more rows than an XLSX sheet holds; export as CSV"), -1;
	for (int i = 0; i < ncols; i++) {
		const char *s = cells[i];
		if (!s || !*s)
			continue;
		lxw_error e;
		char *end;
		double d = 0;
		if (!header && cols[i].numeric && (d = strtod(s, &end), *end == 0))
			e = worksheet_write_number(x->ws, x->row, (lxw_col_t)i, d, NULL);
		else
			e = worksheet_write_string(x->ws, x->row, (lxw_col_t)i, s, header ? x->bold : NULL);
		if (e != LXW_NO_ERROR)
			return err_setf(ei, ERR_INTERNAL, NULL, "cannot write an XLSX cell: %s", lxw_strerror(e)), -1;
	}
	x->row++;
	return 0;
}

static int xlsx_close(void *h, struct errinfo *ei)
{
	struct xlsx *x = h;
	lxw_error e = workbook_close(x->wb);
	free(x);
	if (e != LXW_NO_ERROR)
		return err_setf(ei, ERR_INTERNAL, NULL, "cannot finish the XLSX file: %s", lxw_strerror(e)), -1;
	return 0;
}

/* Another worksheet, written from its first row. */
static int xlsx_sheet(void *h, const char *name, struct errinfo *ei)
{
	struct xlsx *x = h;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	if (!ws)
		return err_set(ei, ERR_INTERNAL, NULL, "cannot add the XLSX worksheet"), -1;
	x->ws = ws;
	x->row = 0;
	return 0;
}

const struct export_backend export_xlsx_backend = {xlsx_open, xlsx_row, xlsx_close, xlsx_sheet};
