/* test_export.c - unit tests for io/export: CSV bytes exactly (BOM, CRLF,
 * RFC 4180 quoting, the injection quote on =, +, -, @, tab and CR),
 * GB18030 bytes of a known string, and an XLSX that is a zip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/export.h"

static const struct export_col cols[] = {{"姓名", 0}, {"备注", 0}, {"时长", 1}};

/* Write rows[0..n) of 3 cells to a temp file; its bytes (malloc'd) and length. */
static char *write_file(enum export_format f, enum export_encoding enc, const char *const (*rows)[3], int n,
			size_t *len)
{
	char path[] = "/tmp/ld-test-export-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	struct errinfo ei = {0};
	struct export_writer *w = export_open(path, f, enc, "表", cols, 3, &ei);
	assert_non_null(w);
	for (int i = 0; i < n; i++)
		assert_int_equal(export_row(w, rows[i], &ei), 0);
	assert_int_equal(export_close(w, &ei), 0);
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *buf = calloc(1, 1 << 16);
	*len = fread(buf, 1, (1 << 16) - 1, fp);
	fclose(fp);
	unlink(path);
	return buf;
}

static void test_csv_quoting_and_injection(void **state)
{
	(void)state;
	static const char *const rows[][3] = {
		{"张三", "a,b", "1.50"},
		{"x\"y", "line1\nline2", NULL},
		{"=HYPERLINK(\"u\")", "+1", "-2"},
		{"@SUM(A1)", "\tx", "\rx"},
		{"a=b", "", "3"},
	};
	size_t len;
	char *got = write_file(EXPORT_CSV, EXPORT_UTF8, rows, 5, &len);
	const char *want = "\xef\xbb\xbf姓名,备注,时长\r\n"
			   "张三,\"a,b\",1.50\r\n"
			   "\"x\"\"y\",\"line1\nline2\",\r\n"
			   "\"'=HYPERLINK(\"\"u\"\")\",'+1,'-2\r\n"
			   "'@SUM(A1),'\tx,\"'\rx\"\r\n"
			   "a=b,,3\r\n";
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	free(got);
}

static void test_gb18030_bytes(void **state)
{
	(void)state;
	static const char *const rows[][3] = {{"中文", "€", "1"}};
	size_t len;
	char *got = write_file(EXPORT_CSV, EXPORT_GB18030, rows, 1, &len);
	/* 姓名,备注,时长 CRLF 中文,€,1 CRLF in GB18030, no BOM */
	const char want[] = "\xd0\xd5\xc3\xfb,\xb1\xb8\xd7\xa2,\xca\xb1\xb3\xa4\r\n"
			    "\xd6\xd0\xce\xc4,\xa2\xe3,1\r\n";
	assert_int_equal(len, sizeof want - 1);
	assert_memory_equal(got, want, len);
	free(got);
}

static void test_xlsx_is_a_zip(void **state)
{
	(void)state;
	static const char *const rows[][3] = {{"=1+1", "421002198506151234", "2.5"}};
	size_t len;
	char *got = write_file(EXPORT_XLSX, EXPORT_UTF8, rows, 1, &len);
	assert_true(len > 1000);
	assert_memory_equal(got, "PK\x03\x04", 4);
	free(got);
}

static void test_risky_cells(void **state)
{
	(void)state;
	const char *risky[] = {"=", "+1", "-1", "@a", "\tx", "\rx"};
	for (size_t i = 0; i < sizeof risky / sizeof *risky; i++)
		assert_true(export_cell_risky(risky[i]));
	const char *safe[] = {"", "a=b", " =1", "1-2", "中文", NULL};
	for (size_t i = 0; i < sizeof safe / sizeof *safe; i++)
		assert_false(export_cell_risky(safe[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting_and_injection),
		cmocka_unit_test(test_gb18030_bytes),
		cmocka_unit_test(test_xlsx_is_a_zip),
		cmocka_unit_test(test_risky_cells),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
