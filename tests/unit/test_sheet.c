/* test_sheet.c - the sheet reader on CSV as Excel and WPS write it: UTF-8
 * with and without a BOM, GB18030, quoting with commas, quotes and line
 * breaks in cells, CRLF/LF/CR, empty rows counted but skipped, trailing
 * empty cells trimmed; and the files it must refuse: binary, mixed
 * encodings, an unclosed quote, too many columns. Then the committed
 * fixtures (tests/fixtures, made by make_fixtures.py): an XLSX as Excel
 * writes it and one written by libxlsxwriter, every kind of cell; the same
 * rows as Excel's two CSVs; both date systems; and the workbooks refused: a
 * truncated or corrupt zip, a zip bomb, a part that lies about its size, a
 * zip that is not a workbook, a workbook with no sheet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/sheet.h"

struct got {
	int rows[8];
	const char *cells[8][4];
	int n[8];
	int count;
};

/* Read every row of text; returns what sheet_next last answered. */
static int read_all(const char *text, size_t len, struct arena *a, struct got *g, enum sheet_format *fmt,
		    struct errinfo *ei)
{
	struct sheet *s;
	memset(g, 0, sizeof *g);
	if (sheet_open(text, len, a, &s, ei))
		return -2;
	*fmt = sheet_format(s);
	const struct cell *cells;
	int n, row, r;
	while ((r = sheet_next(s, &cells, &n, &row, ei)) == 1) {
		assert_true(g->count < 8);
		g->rows[g->count] = row;
		g->n[g->count] = n;
		for (int i = 0; i < n && i < 4; i++)
			g->cells[g->count][i] = cells[i].text;
		g->count++;
	}
	sheet_close(s);
	return r;
}

static void utf8_with_bom_quotes_and_line_breaks(void **state)
{
	(void)state;
	static const char text[] = "\xef\xbb\xbf姓名,住址,备注\r\n"
				   "张三,\"荆州市沙市区, 中山路1号\",\"他说\"\"好\"\"\"\r\n"
				   "\r\n"
				   "李四,\"两行\r\n地址\",\r\n"
				   "王五,,,\r\n";
	struct arena a = ARENA_INIT;
	struct got g;
	enum sheet_format fmt;
	struct errinfo ei = {0};
	assert_int_equal(read_all(text, sizeof text - 1, &a, &g, &fmt, &ei), 0);
	assert_int_equal(fmt, SHEET_CSV_UTF8);
	assert_int_equal(g.count, 4);
	assert_string_equal(g.cells[0][0], "姓名");
	assert_int_equal(g.rows[1], 2);
	assert_string_equal(g.cells[1][1], "荆州市沙市区, 中山路1号");
	assert_string_equal(g.cells[1][2], "他说\"好\"");
	/* the empty row 3 is skipped but counted */
	assert_int_equal(g.rows[2], 4);
	assert_string_equal(g.cells[2][1], "两行\r\n地址");
	assert_int_equal(g.n[2], 2);
	/* trailing empty cells trimmed */
	assert_int_equal(g.rows[3], 5);
	assert_int_equal(g.n[3], 1);
	arena_release(&a);
}

static void gb18030_as_excel_saves_it(void **state)
{
	(void)state;
	/* "姓名,性别\n张三,男\n" in GB18030 (GBK range), LF line ends, no BOM */
	static const char text[] = "\xd0\xd5\xc3\xfb,\xd0\xd4\xb1\xf0\n\xd5\xc5\xc8\xfd,\xc4\xd0\n";
	struct arena a = ARENA_INIT;
	struct got g;
	enum sheet_format fmt;
	struct errinfo ei = {0};
	assert_int_equal(read_all(text, sizeof text - 1, &a, &g, &fmt, &ei), 0);
	assert_int_equal(fmt, SHEET_CSV_GB18030);
	assert_int_equal(g.count, 2);
	assert_string_equal(g.cells[0][0], "姓名");
	assert_string_equal(g.cells[0][1], "性别");
	assert_string_equal(g.cells[1][0], "张三");
	assert_string_equal(g.cells[1][1], "男");
	arena_release(&a);
}

static void old_mac_line_ends(void **state)
{
	(void)state;
	static const char text[] = "a,b\rc,d\r";
	struct arena a = ARENA_INIT;
	struct got g;
	enum sheet_format fmt;
	struct errinfo ei = {0};
	assert_int_equal(read_all(text, sizeof text - 1, &a, &g, &fmt, &ei), 0);
	assert_int_equal(g.count, 2);
	assert_string_equal(g.cells[1][1], "d");
	assert_int_equal(g.rows[1], 2);
	arena_release(&a);
}

static void refused_with_a_reason(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t len; /* 0: strlen */
		int at_open;
		const char *says;
	} cases[] = {
		{"\x89PNG\r\n\x1a\n\0\0\0", 11, 1, "neither CSV"},
		/* a UTF-8 line (张三) and a GB18030 line (李四) */
		{"\xe5\xbc\xa0\xe4\xb8\x89,1\n\xc0\xee\xcb\xc4,2\n", 0, 1, "two text encodings"},
		{"\xef\xbb\xbfname\n\xc0\xee\xcb\xc4\n", 0, 1, "marked UTF-8"},
		{"a,\"open\nb,c\n", 0, 0, "not closed"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct arena a = ARENA_INIT;
		struct got g;
		enum sheet_format fmt;
		struct errinfo ei = {0};
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		int r = read_all(cases[i].text, len, &a, &g, &fmt, &ei);
		assert_int_equal(r, cases[i].at_open ? -2 : -1);
		assert_string_equal(ei.field, "file");
		assert_non_null(strstr(ei.message, cases[i].says));
		arena_release(&a);
	}
}

static void too_many_columns(void **state)
{
	(void)state;
	char text[SHEET_MAX_CELLS * 2 + 8];
	size_t n = 0;
	for (int i = 0; i <= SHEET_MAX_CELLS; i++) {
		text[n++] = 'x';
		text[n++] = ',';
	}
	text[n++] = '\n';
	struct arena a = ARENA_INIT;
	struct got g;
	enum sheet_format fmt;
	struct errinfo ei = {0};
	assert_int_equal(read_all(text, n, &a, &g, &fmt, &ei), -1);
	assert_non_null(strstr(ei.message, "columns"));
	arena_release(&a);
}

/* ---- the fixtures ---- */

/* a fixture's bytes (xmalloc'd), *len its size */
static char *fixture(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", LD_FIXTURES, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	char *buf = xmalloc((size_t)n);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

#define MAXR 10
#define MAXC 12

struct sheetgot {
	int rows[MAXR], n[MAXR], count;
	enum cell_kind kind[MAXR][MAXC];
	const char *text[MAXR][MAXC];
	enum sheet_format fmt;
	struct errinfo ei;
};

/* Open and read every row of data: 0 the end, -1 an error at a row, -2 an
 * error at open (g->ei says which). */
static int read_sheet(const char *data, size_t len, struct arena *a, struct sheetgot *g)
{
	struct sheet *s;
	memset(g, 0, sizeof *g);
	if (sheet_open(data, len, a, &s, &g->ei))
		return -2;
	g->fmt = sheet_format(s);
	const struct cell *cells;
	int n, row, r;
	while ((r = sheet_next(s, &cells, &n, &row, &g->ei)) == 1) {
		assert_true(g->count < MAXR);
		assert_true(n <= MAXC);
		g->rows[g->count] = row;
		g->n[g->count] = n;
		for (int i = 0; i < n; i++) {
			g->kind[g->count][i] = cells[i].kind;
			g->text[g->count][i] = cells[i].text;
		}
		g->count++;
	}
	sheet_close(s);
	return r;
}

static int read_fixture(const char *name, struct arena *a, struct sheetgot *g)
{
	size_t len;
	char *data = fixture(name, &len);
	int r = read_sheet(data, len, a, g);
	free(data);
	return r;
}

#define CELL(g, r, c, k, t)                                    \
	do {                                                   \
		assert_int_equal((g)->kind[r][c], (k));        \
		assert_string_equal((g)->text[r][c], (t));     \
	} while (0)

static const char *const header[] = {"姓名", "身份证号", "手机号", "性别", "住址", "技能", "所属组织", "登记日期", "个人主页"};

static void header_row(const struct sheetgot *g)
{
	assert_int_equal(g->rows[0], 1);
	assert_int_equal(g->n[0], 9);
	for (int i = 0; i < 9; i++)
		CELL(g, 0, i, CELL_TEXT, header[i]);
}

static void xlsx_as_excel_writes_it(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sheetgot g;
	assert_int_equal(read_fixture("people.xlsx", &a, &g), 0);
	assert_int_equal(g.fmt, SHEET_XLSX);
	assert_int_equal(g.count, 4);
	header_row(&g);
	/* row 2: shared strings, a text ID, a phone stored as a number, rich
	 * text runs joined, a built-in date format, =HYPERLINK's cached text */
	assert_int_equal(g.rows[1], 2);
	assert_int_equal(g.n[1], 9);
	CELL(&g, 1, 0, CELL_TEXT, "张三");
	CELL(&g, 1, 1, CELL_TEXT, "421002198001010015");
	CELL(&g, 1, 2, CELL_NUMBER, "13800138000");
	CELL(&g, 1, 3, CELL_TEXT, "男");
	CELL(&g, 1, 4, CELL_TEXT, "湖北省荆州市沙市区中山路1号");
	CELL(&g, 1, 5, CELL_TEXT, "助老、陪伴");
	CELL(&g, 1, 6, CELL_TEXT, "沙市区青年志愿者协会");
	CELL(&g, 1, 7, CELL_DATE, "2023-05-01");
	CELL(&g, 1, 8, CELL_FORMULA, "张三的主页");
	/* row 3: the ID number as Excel stored it (the importer refuses it),
	 * no phonetic run, spaces kept by xml:space and _x000D_ decoded, a
	 * custom 年月日 date, an error value from a formula */
	assert_int_equal(g.rows[2], 3);
	CELL(&g, 2, 0, CELL_TEXT, "李四");
	CELL(&g, 2, 1, CELL_NUMBER, "4.21002198001011E+17");
	CELL(&g, 2, 4, CELL_TEXT, "  荆州区\r\n学苑路2号");
	CELL(&g, 2, 7, CELL_DATE, "2023-01-01");
	CELL(&g, 2, 8, CELL_FORMULA, "#N/A");
	/* row 4 is empty: skipped, counted; row 5: inline strings (runs), a
	 * gap, a boolean, a Chinese built-in date with a time of day, and a
	 * formatted cell with no value trimmed */
	assert_int_equal(g.rows[3], 5);
	assert_int_equal(g.n[3], 8);
	CELL(&g, 3, 2, CELL_TEXT, "13700137000");
	CELL(&g, 3, 3, CELL_EMPTY, "");
	CELL(&g, 3, 4, CELL_TEXT, "荆州市 江陵县");
	CELL(&g, 3, 5, CELL_BOOL, "TRUE");
	CELL(&g, 3, 7, CELL_DATE, "2024-01-01");
	arena_release(&a);
}

static void xlsx_by_libxlsxwriter(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sheetgot g;
	assert_int_equal(read_fixture("people_xlsxwriter.xlsx", &a, &g), 0);
	assert_int_equal(g.count, 3);
	header_row(&g);
	CELL(&g, 1, 1, CELL_TEXT, "421002198001010015");
	CELL(&g, 1, 2, CELL_NUMBER, "13800138000");
	CELL(&g, 1, 7, CELL_DATE, "2023-05-01");
	CELL(&g, 1, 8, CELL_FORMULA, "张三的主页");
	assert_int_equal(g.n[2], 6);
	assert_int_equal(g.kind[2][1], CELL_NUMBER);
	assert_non_null(strstr(g.text[2][1], "E+17"));
	CELL(&g, 2, 2, CELL_EMPTY, "");
	CELL(&g, 2, 5, CELL_BOOL, "TRUE");
	arena_release(&a);
}

/* Excel's "CSV UTF-8" and "CSV (逗号分隔)" of the same rows read alike. */
static void csv_as_excel_saves_the_rows(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sheetgot u, gb;
	assert_int_equal(read_fixture("people_utf8.csv", &a, &u), 0);
	assert_int_equal(u.fmt, SHEET_CSV_UTF8);
	assert_int_equal(read_fixture("people_gb18030.csv", &a, &gb), 0);
	assert_int_equal(gb.fmt, SHEET_CSV_GB18030);
	header_row(&u);
	assert_int_equal(u.count, 4);
	assert_int_equal(gb.count, 4);
	for (int r = 0; r < 4; r++) {
		assert_int_equal(u.rows[r], gb.rows[r]);
		assert_int_equal(u.n[r], gb.n[r]);
		for (int c = 0; c < u.n[r]; c++) {
			assert_int_equal(u.kind[r][c], gb.kind[r][c]);
			assert_string_equal(u.text[r][c], gb.text[r][c]);
		}
	}
	CELL(&u, 1, 7, CELL_TEXT, "2023/5/1");
	CELL(&u, 2, 1, CELL_TEXT, "4.21002E+17");
	CELL(&u, 2, 4, CELL_TEXT, "  荆州区\n学苑路2号");
	assert_int_equal(u.rows[3], 5);
	CELL(&u, 3, 3, CELL_EMPTY, "");
	CELL(&u, 3, 7, CELL_TEXT, "2024年1月1日");
	arena_release(&a);
}

static void xlsx_date_systems(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sheetgot g;
	assert_int_equal(read_fixture("dates1900.xlsx", &a, &g), 0);
	assert_int_equal(g.count, 8);
	CELL(&g, 1, 0, CELL_DATE, "1900-01-01");
	CELL(&g, 2, 0, CELL_DATE, "1900-02-28");
	CELL(&g, 3, 0, CELL_DATE, "1900-02-29"); /* Excel's day that never was */
	CELL(&g, 4, 0, CELL_DATE, "1900-03-01");
	CELL(&g, 5, 0, CELL_NUMBER, "0.5");	  /* h:mm is a time, not a date */
	CELL(&g, 6, 0, CELL_NUMBER, "-1");	  /* before the first day */
	CELL(&g, 7, 0, CELL_DATE, "2023-05-01");  /* t="d": an ISO 8601 date */
	assert_int_equal(read_fixture("dates1904.xlsx", &a, &g), 0);
	assert_int_equal(g.count, 3);
	CELL(&g, 1, 0, CELL_DATE, "1904-01-01");
	CELL(&g, 2, 0, CELL_DATE, "2027-05-02"); /* 45047 is 2023-05-01 in the 1900 system */
	arena_release(&a);
}

static void xlsx_blank_sheet_has_no_rows(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sheetgot g;
	assert_int_equal(read_fixture("blank_sheet.xlsx", &a, &g), 0);
	assert_int_equal(g.fmt, SHEET_XLSX);
	assert_int_equal(g.count, 0);
	arena_release(&a);
}

static void xlsx_refused_with_a_reason(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		int at; /* -2 at open, -1 at a row */
		const char *says;
	} cases[] = {
		{"bomb.xlsx", -2, "zip bomb"},
		{"not_a_workbook.zip", -2, "not an XLSX workbook"},
		{"empty_workbook.xlsx", -2, "no worksheet"},
		{"liar.xlsx", -1, "damaged"},
		{"wide_row.xlsx", -1, "row 1 has more than 256 columns"},
		{"bad_string.xlsx", -1, "row 2: a cell names a shared string the workbook does not have"},
		{"rows_out_of_order.xlsx", -1, "the row after row 2 is numbered 1: out of order"},
		{"dtd.xlsx", -2, "DTD"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct arena a = ARENA_INIT;
		struct sheetgot g;
		assert_int_equal(read_fixture(cases[i].file, &a, &g), cases[i].at);
		assert_int_equal(g.ei.code, ERR_INVALID);
		assert_string_equal(g.ei.field, "file");
		if (!strstr(g.ei.message, cases[i].says))
			fail_msg("%s: %s", cases[i].file, g.ei.message);
		arena_release(&a);
	}
}

/* Cut anywhere, or with bytes changed anywhere, the workbook is refused
 * (at open or at a row) with a message naming the file, never read wrong. */
static void xlsx_truncated_or_corrupt(void **state)
{
	(void)state;
	size_t len;
	char *data = fixture("people.xlsx", &len);
	struct sheetgot g;
	for (size_t cut = 4; cut < len; cut += len / 37 + 1) {
		struct arena a = ARENA_INIT;
		int r = read_sheet(data, cut, &a, &g);
		assert_true(r < 0);
		assert_string_equal(g.ei.field, "file");
		arena_release(&a);
	}
	struct arena a = ARENA_INIT;
	assert_int_equal(read_sheet(data, len / 2, &a, &g), -2);
	assert_non_null(strstr(g.ei.message, "truncated"));
	arena_release(&a);
	/* every stretch of 16 bytes overwritten in turn: refused, or (where
	 * the bytes were never read: docProps, the theme) read as before */
	char *bad = xmalloc(len);
	int refused = 0;
	for (size_t at = 0; at + 16 <= len; at += 16) {
		memcpy(bad, data, len);
		memset(bad + at, 0x5a, 16);
		struct arena b = ARENA_INIT;
		int r = read_sheet(bad, len, &b, &g);
		if (r < 0) {
			refused++;
			assert_string_equal(g.ei.field, "file");
			assert_true(g.ei.message[0] != 0);
		} else {
			assert_int_equal(g.count, 4);
			CELL(&g, 2, 1, CELL_NUMBER, "4.21002198001011E+17");
		}
		arena_release(&b);
	}
	assert_true(refused > 0);
	free(bad);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_with_bom_quotes_and_line_breaks),
		cmocka_unit_test(gb18030_as_excel_saves_it),
		cmocka_unit_test(old_mac_line_ends),
		cmocka_unit_test(refused_with_a_reason),
		cmocka_unit_test(too_many_columns),
		cmocka_unit_test(xlsx_as_excel_writes_it),
		cmocka_unit_test(xlsx_by_libxlsxwriter),
		cmocka_unit_test(csv_as_excel_saves_the_rows),
		cmocka_unit_test(xlsx_date_systems),
		cmocka_unit_test(xlsx_blank_sheet_has_no_rows),
		cmocka_unit_test(xlsx_refused_with_a_reason),
		cmocka_unit_test(xlsx_truncated_or_corrupt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
