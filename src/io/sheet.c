/* sheet.c - the sheet reader's front: detect the format of the bytes (a zip
 * is XLSX, read by sheet_xlsx.c; anything else must be CSV text) and read
 * CSV as Excel and WPS write it: RFC 4180 quoting (a quoted cell may hold
 * commas, doubled quotes and line breaks), CRLF, LF or CR line ends, UTF-8
 * with or without a byte-order mark, or GB18030 (what "CSV (逗号分隔)"
 * gives on a Chinese Windows). The text is made UTF-8 once, up front. */
#include "io/sheet_int.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

struct csv {
	const char *p, *end;	/* UTF-8 text still to read */
	int row;		/* number of the last row read */
	struct cell *cells;	/* SHEET_MAX_CELLS, reused for every row */
	char *buf;		/* one cell's bytes while it is read */
};

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid. */
static int utf8_seq(const unsigned char *p, const unsigned char *end)
{
	int n = p[0] < 0x80 ? 1 : p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3
		: p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
	if (n == 0 || end - p < n)
		return 0;
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
		return 0; /* overlong, or a UTF-16 surrogate */
	if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
		return 0; /* overlong, or past U+10FFFF */
	return n;
}

/* What the bytes are, judged line by line: 0 valid UTF-8 throughout; -1
 * not UTF-8 (some line has bytes that are not, and no line has multi-byte
 * UTF-8); 1 two encodings, with *utf8_line and *other_line the first line
 * of each. A GB18030 line is valid UTF-8 by chance only when every one of
 * its characters happens to be, which real rows of names and addresses are
 * not. */
static int utf8_check(const char *data, size_t len, int *utf8_line, int *other_line)
{
	const unsigned char *p = (const unsigned char *)data, *end = p + len;
	int line = 1, multi = 0, bad = 0;
	*utf8_line = *other_line = 0;
	while (p <= end) {
		if (p == end || *p == '\n') {
			if (bad && !*other_line)
				*other_line = line;
			else if (!bad && multi && !*utf8_line)
				*utf8_line = line;
			multi = bad = 0;
			line++;
			p++;
			continue;
		}
		int n = utf8_seq(p, end);
		if (n == 0) {
			bad = 1;
			p++;
			continue;
		}
		multi |= n > 1;
		p += n;
	}
	return !*other_line ? 0 : !*utf8_line ? -1 : 1;
}

/* GB18030 to UTF-8 into the arena; NULL when the bytes are not GB18030. */
static char *from_gb18030(const char *data, size_t len, size_t *outlen, struct arena *a)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	/* a GB18030 character is at most 4 bytes and becomes at most 4 */
	size_t cap = len * 2 + 4;
	char *out = arena_alloc(a, cap), *o = out;
	char *in = (char *)data;
	size_t inleft = len, outleft = cap - 1;
	size_t r = iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	if (r == (size_t)-1 || inleft)
		return NULL;
	*o = 0;
	*outlen = (size_t)(o - out);
	return out;
}

static int csv_next(struct sheet *s, const struct cell **cells, int *n, int *row, struct errinfo *ei)
{
	struct csv *c = s->impl;
	while (c->p < c->end) {
		int nc = 0, nonempty = 0;
		c->row++;
		for (;;) {
			/* one cell */
			size_t len = 0;
			int quoted = c->p < c->end && *c->p == '"';
			if (quoted) {
				c->p++;
				for (;;) {
					if (c->p >= c->end) {
						err_setf(ei, ERR_INVALID, "file", "row %d: a quoted cell is not closed",
							 c->row);
						return -1;
					}
					if (*c->p == '"') {
						if (c->p + 1 < c->end && c->p[1] == '"') {
							c->p++;
						} else {
							c->p++;
							break;
						}
					}
					if (len >= SHEET_MAX_CELL) {
						err_setf(ei, ERR_INVALID, "file", "row %d: a cell is longer than %u bytes",
							 c->row, SHEET_MAX_CELL);
						return -1;
					}
					c->buf[len++] = *c->p++;
				}
			}
			/* unquoted text, or what follows a closing quote (kept, as Excel does) */
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
				if (len >= SHEET_MAX_CELL) {
					err_setf(ei, ERR_INVALID, "file", "row %d: a cell is longer than %u bytes", c->row,
						 SHEET_MAX_CELL);
					return -1;
				}
				c->buf[len++] = *c->p++;
			}
			if (nc >= SHEET_MAX_CELLS) {
				err_setf(ei, ERR_INVALID, "file", "row %d has more than %d columns", c->row,
					 SHEET_MAX_CELLS);
				return -1;
			}
			c->cells[nc].kind = len ? CELL_TEXT : CELL_EMPTY;
			c->cells[nc].text = arena_strndup(s->a, c->buf, len);
			nonempty |= len > 0;
			nc++;
			if (c->p < c->end && *c->p == ',') {
				c->p++;
				continue;
			}
			break;
		}
		/* the line end: CRLF, LF or CR */
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
		if (!nonempty)
			continue;
		while (nc > 0 && c->cells[nc - 1].kind == CELL_EMPTY)
			nc--;
		*cells = c->cells;
		*n = nc;
		*row = c->row;
		return 1;
	}
	return 0;
}

static void csv_close(struct sheet *s)
{
	(void)s; /* everything is in the arena */
}

static enum err csv_open(struct sheet *s, const char *data, size_t len, struct errinfo *ei)
{
	if (memchr(data, 0, len))
		return err_set(ei, ERR_INVALID, "file", "the file is neither CSV text nor an XLSX workbook");
	const char *text = data;
	size_t tlen = len;
	int bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0;
	if (bom) {
		text += 3;
		tlen -= 3;
	}
	int utf8_line, other_line;
	int u = utf8_check(text, tlen, &utf8_line, &other_line);
	if (bom && u < 0)
		return err_setf(ei, ERR_INVALID, "file",
				"the file is marked UTF-8 but line %d is not; save it again in one encoding",
				other_line);
	if (u > 0)
		return err_setf(ei, ERR_INVALID, "file",
				"the file mixes two text encodings: line %d is UTF-8, line %d is not; save it again"
				" in one",
				utf8_line, other_line);
	s->format = SHEET_CSV_UTF8;
	if (u < 0) {
		text = from_gb18030(data, len, &tlen, s->a);
		if (!text)
			return err_set(ei, ERR_INVALID, "file", "the text is neither UTF-8 nor GB18030");
		s->format = SHEET_CSV_GB18030;
	}
	struct csv *c = arena_alloc(s->a, sizeof *c);
	c->p = text;
	c->end = text + tlen;
	c->cells = arena_alloc(s->a, sizeof *c->cells * SHEET_MAX_CELLS);
	c->buf = arena_alloc(s->a, SHEET_MAX_CELL);
	s->impl = c;
	s->next = csv_next;
	s->close = csv_close;
	return ERR_OK;
}

enum err sheet_open(const char *data, size_t len, struct arena *a, struct sheet **out, struct errinfo *ei)
{
	*out = NULL;
	if (len > SHEET_MAX_BYTES)
		return err_setf(ei, ERR_INVALID, "file", "the file is larger than %u MiB", SHEET_MAX_BYTES >> 20);
	struct sheet *s = arena_alloc(a, sizeof *s);
	s->a = a;
	enum err e;
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		s->format = SHEET_XLSX;
		e = sheet_xlsx_open(s, data, len, ei);
	} else {
		e = csv_open(s, data, len, ei);
	}
	if (e)
		return e;
	*out = s;
	return ERR_OK;
}

enum sheet_format sheet_format(const struct sheet *s)
{
	return s->format;
}

int sheet_next(struct sheet *s, const struct cell **cells, int *n, int *row, struct errinfo *ei)
{
	return s->next(s, cells, n, row, ei);
}

void sheet_close(struct sheet *s)
{
	if (s && s->close)
		s->close(s);
}
