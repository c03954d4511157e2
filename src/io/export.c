/* export.c - the writer front: picks the CSV or XLSX backend and writes the
 * header row; the rule for cells that a spreadsheet would run as a formula. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The header row of the writer's columns. */
static int header_row(struct export_writer *w, struct errinfo *ei)
{
	const char **hdr = xcalloc((size_t)w->ncols + 1, sizeof *hdr);
	for (int i = 0; i < w->ncols; i++)
		hdr[i] = w->cols[i].header;
	int rc = w->b->row(w->h, w->cols, w->ncols, hdr, 1, ei);
	free(hdr);
	return rc;
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
	if (header_row(w, ei)) {
		struct errinfo ignored;
		export_close(w, &ignored);
		return NULL;
	}
	return w;
}

int export_sheet(struct export_writer *w, const char *sheet, const struct export_col *cols, int ncols,
		 struct errinfo *ei)
{
	if (w->b->sheet(w->h, sheet, ei))
		return -1;
	w->cols = cols;
	w->ncols = ncols;
	return header_row(w, ei);
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

int export_parse(const char *format, const char *encoding, enum export_format *f, enum export_encoding *enc,
		 struct errinfo *ei)
{
	*f = EXPORT_CSV;
	*enc = EXPORT_UTF8;
	if (format && strcmp(format, "xlsx") == 0)
		*f = EXPORT_XLSX;
	else if (format && strcmp(format, "csv") != 0)
		return err_set(ei, ERR_INVALID, "format", "format must be csv or xlsx"), -1;
	if (encoding && strcasecmp(encoding, "gb18030") == 0)
		*enc = EXPORT_GB18030;
	else if (encoding && strcasecmp(encoding, "utf-8") != 0 && strcasecmp(encoding, "utf8") != 0)
		return err_set(ei, ERR_INVALID, "encoding", "encoding must be utf-8 or gb18030"), -1;
	if (*f == EXPORT_XLSX && *enc == EXPORT_GB18030)
		return err_set(ei, ERR_INVALID, "encoding", "an XLSX file is always UTF-8; gb18030 is for CSV"), -1;
	return 0;
}
