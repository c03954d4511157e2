/* export.h - table writers for exports: CSV (UTF-8 with BOM, or GB18030)
 * and XLSX, one row at a time, in bounded memory.
 *
 * A writer writes to a file path it is given (the caller chooses a temp
 * file and streams it afterwards). Every cell is text; a column marked
 * numeric is written as a number in XLSX when its text is a number, as text
 * otherwise. Formula injection is defused here, once, for every export: a
 * cell starting with =, +, -, @, tab or carriage return gets a leading
 * single quote in CSV, and in XLSX every text cell is a string cell, never a
 * formula. ID numbers, phones and volunteer numbers are text columns, so
 * spreadsheets keep their digits. */
#ifndef LD_IO_EXPORT_H
#define LD_IO_EXPORT_H

#include "core/err.h"

enum export_format { EXPORT_CSV, EXPORT_XLSX };
enum export_encoding { EXPORT_UTF8, EXPORT_GB18030 };

struct export_col {
	const char *header;	/* Chinese header as offices write it */
	int numeric;		/* hours, stars: a number cell in XLSX */
};

struct export_writer;

/* Open a writer onto `path` (created or truncated) for `ncols` columns and
 * write the header row (bold in XLSX). NULL on failure with *ei set. */
struct export_writer *export_open(const char *path, enum export_format f, enum export_encoding enc,
				  const char *sheet, const struct export_col *cols, int ncols, struct errinfo *ei);
/* Write one row of ncols cells (NULL is an empty cell). 0, or -1 with *ei
 * set; the writer must still be closed. */
int export_row(struct export_writer *w, const char *const *cells, struct errinfo *ei);
/* Go on in another sheet named `sheet` of ncols columns (cols must
 * outlive the writer's use of it) and write its header row: XLSX, a new
 * worksheet; CSV, a blank line and the sheet's name, then the header. 0,
 * or -1 with *ei set; the writer must still be closed. */
int export_sheet(struct export_writer *w, const char *sheet, const struct export_col *cols, int ncols,
		 struct errinfo *ei);
/* Finish the file and free the writer; 0 or -1 with *ei set. */
int export_close(struct export_writer *w, struct errinfo *ei);

/* The format and encoding an export is asked for by name (NULL: csv,
 * utf-8): 0, or -1 with *ei (422) naming "format" or "encoding". GB18030 is
 * for CSV only: an XLSX file is always UTF-8. */
int export_parse(const char *format, const char *encoding, enum export_format *f, enum export_encoding *enc,
		 struct errinfo *ei);

/* The cell as written to CSV: whether it needs the injection quote. */
int export_cell_risky(const char *s);

/* Backends (export_csv.c, export_xlsx.c). */
struct export_backend {
	void *(*open)(const char *path, enum export_encoding enc, const char *sheet, struct errinfo *ei);
	int (*row)(void *h, const struct export_col *cols, int ncols, const char *const *cells, int header,
		   struct errinfo *ei);
	int (*close)(void *h, struct errinfo *ei);
	int (*sheet)(void *h, const char *name, struct errinfo *ei);
};
extern const struct export_backend export_csv_backend, export_xlsx_backend;

#endif
