/* test_sheet.c - the sheet reader on CSV as Excel and WPS write it: UTF-8
 * with and without a BOM, GB18030, quoting with commas, quotes and line
 * breaks in cells, CRLF/LF/CR, empty rows counted but skipped, trailing
 * empty cells trimmed; and the files it must refuse: binary, mixed
 * encodings, an unclosed quote, too many columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_with_bom_quotes_and_line_breaks),
		cmocka_unit_test(gb18030_as_excel_saves_it),
		cmocka_unit_test(old_mac_line_ends),
		cmocka_unit_test(refused_with_a_reason),
		cmocka_unit_test(too_many_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
