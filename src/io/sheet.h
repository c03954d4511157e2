/* sheet.h - reading the sheets offices keep: CSV (UTF-8 with or without a
 * BOM, or GB18030 as Excel and WPS save "CSV (逗号分隔)") and XLSX (the
 * first worksheet), as rows of UTF-8 cells. The format and the encoding are
 * detected from the bytes, never asked.
 *
 * The reader knows files, not entities: it says what each cell held (text,
 * a number, a date, a formula) and the import decides what that means for
 * its column (an ID number that Excel stored as a number has lost its last
 * digits, and the import refuses it by name). Rows are numbered as the
 * sheet shows them: the first row is 1.
 *
 * Ownership: the reader works on the caller's bytes (which must outlive
 * it) and puts everything it makes in the caller's arena; sheet_close
 * releases the rest. Limits protect the process from hostile files: at
 * most SHEET_MAX_BYTES uncompressed in all (a zip bomb is refused), at
 * most SHEET_MAX_CELLS cells in a row and SHEET_MAX_CELL bytes in a cell. */
#ifndef LD_IO_SHEET_H
#define LD_IO_SHEET_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

#define SHEET_MAX_BYTES (256u << 20)
#define SHEET_MAX_CELLS 256
#define SHEET_MAX_CELL 32768

enum sheet_format { SHEET_CSV_UTF8, SHEET_CSV_GB18030, SHEET_XLSX };

enum cell_kind {
	CELL_EMPTY,
	CELL_TEXT,	/* a string (CSV: every non-empty cell) */
	CELL_NUMBER,	/* XLSX: a number; text is as stored ("4.21002198001011E+17") */
	CELL_DATE,	/* XLSX: a number styled as a date; text is "YYYY-MM-DD" */
	CELL_BOOL,	/* XLSX: text is "TRUE" or "FALSE" */
	CELL_FORMULA,	/* XLSX: a formula cell; text is its cached value, never the formula */
	CELL_ERROR,	/* XLSX: an error value ("#N/A") */
};

struct cell {
	enum cell_kind kind;
	const char *text;	/* UTF-8, NUL-terminated; "" when empty */
};

struct sheet;

/* Detect the format of data[0..len) and open its first sheet. 422
 * (ERR_INVALID, field "file") when the bytes are neither CSV nor XLSX, the
 * zip is truncated or over the limits, or the text is in no encoding we
 * read; the message says which. */
enum err sheet_open(const char *data, size_t len, struct arena *a, struct sheet **out, struct errinfo *ei);

enum sheet_format sheet_format(const struct sheet *s);

/* The next row: 1 with *cells (n of them, trailing empty cells trimmed) and
 * *row (its number), 0 at the end, -1 on a malformed file (ei says where).
 * Wholly empty rows are skipped, their numbers still counted. */
int sheet_next(struct sheet *s, const struct cell **cells, int *n, int *row, struct errinfo *ei);

void sheet_close(struct sheet *s);

#endif
