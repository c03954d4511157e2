/* export_csv.c - CSV as Excel and WPS read it: RFC 4180 quoting, CRLF line
 * ends, UTF-8 with a byte-order mark (so Excel knows the encoding) or
 * GB18030 without one (older Excel on Chinese Windows), converted per row
 * with iconv. A cell a spreadsheet would run as a formula gets a leading
 * single quote (export_cell_risky). */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "io/export.h"

struct csv {
	FILE *f;
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 */
	char *line, *conv;
	size_t len, cap, conv_cap;
};

static void put(struct csv *c, const char *s, size_t n)
{
	if (c->len + n > c->cap) {
		c->cap = (c->len + n) * 2 + 256;
		c->line = xrealloc(c->line, c->cap);
	}
	memcpy(c->line + c->len, s, n);
	c->len += n;
}

static void put_cell(struct csv *c, const char *s)
{
	if (!s)
		return;
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		put(c, "\"", 1);
	if (export_cell_risky(s))
		put(c, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put(c, "\"", 1);
		put(c, p, 1);
	}
	if (quote)
		put(c, "\"", 1);
}

static void *csv_open(const char *path, enum export_encoding enc, const char *sheet, struct errinfo *ei)
{
	(void)sheet;
	iconv_t cd = (iconv_t)-1;
	if (enc == EXPORT_GB18030 && (cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		err_set(ei, ERR_INTERNAL, "encoding", "this system's iconv cannot write GB18030");
		return NULL;
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		err_setf(ei, ERR_INTERNAL, NULL, "cannot create the export file: %s", strerror(errno));
		return NULL;
	}
	struct csv *c = xcalloc(1, sizeof *c);
	c->f = f;
	c->cd = cd;
	if (cd == (iconv_t)-1)
		fputs("\xef\xbb\xbf", f);
	return c;
}

/* The row in c->line, converted to GB18030 into c->conv; the length or -1. */
static long to_gb18030(struct csv *c, struct errinfo *ei)
{
	if (c->conv_cap < c->len * 2 + 16) {
		c->conv_cap = c->len * 2 + 16; /* GB18030 takes at most 4 bytes where UTF-8 takes 2..4 */
		c->conv = xrealloc(c->conv, c->conv_cap);
	}
	char *in = c->line, *out = c->conv;
	size_t inleft = c->len, outleft = c->conv_cap;
	iconv(c->cd, NULL, NULL, NULL, NULL);
	if (iconv(c->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		err_setf(ei, ERR_INTERNAL, "encoding", "a value cannot be written in GB18030 (%s)",
			 errno == EILSEQ ? "not valid UTF-8" : strerror(errno));
		return -1;
	}
	return (long)(c->conv_cap - outleft);
}

static int csv_row(void *h, const struct export_col *cols, int ncols, const char *const *cells, int header,
		   struct errinfo *ei)
{
	struct csv *c = h;
	(void)cols;
	(void)header;
	c->len = 0;
	for (int i = 0; i < ncols; i++) {
		if (i)
			put(c, ",", 1);
		put_cell(c, cells[i]);
	}
	put(c, "\r\n", 2);
	const char *bytes = c->line;
	size_t n = c->len;
	if (c->cd != (iconv_t)-1) {
		long m = to_gb18030(c, ei);
		if (m < 0)
			return -1;
		bytes = c->conv;
		n = (size_t)m;
	}
	if (fwrite(bytes, 1, n, c->f) != n)
		return err_setf(ei, ERR_INTERNAL, NULL, "cannot write the export file: %s", strerror(errno)), -1;
	return 0;
}

static int csv_close(void *h, struct errinfo *ei)
{
	struct csv *c = h;
	int rc = fclose(c->f) ? -1 : 0;
	if (rc)
		err_setf(ei, ERR_INTERNAL, NULL, "cannot write the export file: %s", strerror(errno));
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	free(c->line);
	free(c->conv);
	free(c);
	return rc;
}

/* Another section of the same file: a blank line, then its name alone. */
static int csv_sheet(void *h, const char *name, struct errinfo *ei)
{
	const char *cells[1] = {name};
	return csv_row(h, NULL, 0, cells, 0, ei) || csv_row(h, NULL, 1, cells, 0, ei) ? -1 : 0;
}

const struct export_backend export_csv_backend = {csv_open, csv_row, csv_close, csv_sheet};
