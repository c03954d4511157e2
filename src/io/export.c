/* export.c - the writer front: picks the CSV or XLSX backend and writes the
 * header row; the rule for cells that a spreadsheet would run as a formula. */
#include <stdlib.h>

#include "io/export.h"

#include "core/arena.h"

struct export_writer {
	const struct export_backend *b;
	void *h;
	const struct export_col *cols;
	int ncols;
};

int export_cell_risky(const char *s)
{
	return s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

struct export_writer *export_open(const char *path, enum export_format f, enum export_encoding enc,
				  const char *sheet, const struct export_col *cols, int ncols, struct errinfo *ei)
{
	const struct export_backend *b = f == EXPORT_XLSX ? &export_xlsx_backend : &export_csv_backend;
	void *h = b->open(path, enc, sheet, ei);
	if (!h)
		return NULL;
	struct export_writer *w = xcalloc(1, sizeof *w);
	*w = (struct export_writer){b, h, cols, ncols};
	const char **hdr = xcalloc((size_t)ncols, sizeof *hdr);
	for (int i = 0; i < ncols; i++)
		hdr[i] = cols[i].header;
	int rc = b->row(h, cols, ncols, hdr, 1, ei);
	free(hdr);
	if (rc) {
		struct errinfo ignored;
		export_close(w, &ignored);
		return NULL;
	}
	return w;
}

int export_row(struct export_writer *w, const char *const *cells, struct errinfo *ei)
{
	return w->b->row(w->h, w->cols, w->ncols, cells, 0, ei);
}

int export_close(struct export_writer *w, struct errinfo *ei)
{
	int rc = w->b->close(w->h, ei);
	free(w);
	return rc;
}
