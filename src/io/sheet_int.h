/* sheet_int.h - what the sheet readers share (private to io/). sheet.c
 * detects the format and reads CSV; sheet_xlsx.c reads XLSX. Each fills a
 * struct sheet and answers its next() with cells in the caller's arena. */
#ifndef LD_IO_SHEET_INT_H
#define LD_IO_SHEET_INT_H

#include "io/sheet.h"

struct sheet {
	enum sheet_format format;
	struct arena *a;
	/* the next row: 1, 0 at the end, -1 with ei on a malformed file */
	int (*next)(struct sheet *s, const struct cell **cells, int *n, int *row, struct errinfo *ei);
	void (*close)(struct sheet *s);
	void *impl;	/* the reader's own state */
};

/* XLSX: data starts with a zip's local file header. */
enum err sheet_xlsx_open(struct sheet *s, const char *data, size_t len, struct errinfo *ei);

#endif
