/* test_cert.c - unit tests for domain/certificate (codes, numbers, periods),
 * the lookup throttle's token buckets (http/ratelimit) and the PDF's
 * pagination (pdf/certpdf; its text is read through poppler by the API
 * tests). */
#include <setjmp.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "domain/certificate.h"
#include "http/ratelimit.h"
#include "pdf/certpdf.h"

static void test_code_format_is_grouped_crockford_base32(void **state)
{
	(void)state;
	unsigned char zero[CERT_CODE_BYTES] = {0}, ones[CERT_CODE_BYTES];
	memset(ones, 0xff, sizeof ones);
	char out[CERT_CODE_LEN + 1];
	cert_code_format(zero, out);
	assert_string_equal(out, "0000-0000-0000-0000");
	cert_code_format(ones, out);
	assert_string_equal(out, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
	/* 0x08 0x42 ... : the bits read five at a time, most significant first */
	unsigned char raw[CERT_CODE_BYTES] = {0x08, 0x86, 0x42, 0x98, 0xe8, 0x4a, 0x96, 0xc6, 0xb9, 0xf0};
	cert_code_format(raw, out);
	assert_string_equal(out, "1234-5678-9ABC-DEFG");
}

static void test_code_parse_accepts_what_people_type(void **state)
{
	(void)state;
	char out[CERT_CODE_LEN + 1];
	assert_int_equal(cert_code_parse("1234-5678-9ABC-DEFG", out), 0);
	assert_string_equal(out, "1234-5678-9ABC-DEFG");
	assert_int_equal(cert_code_parse("123456789abcdefg", out), 0);
	assert_string_equal(out, "1234-5678-9ABC-DEFG");
	assert_int_equal(cert_code_parse("1234-5678-9abc-defg", out), 0);
	assert_string_equal(out, "1234-5678-9ABC-DEFG");
}

static void test_code_parse_refuses_anything_else(void **state)
{
	(void)state;
	char out[CERT_CODE_LEN + 1];
	const char *bad[] = {"", "1234", "1234-5678-9ABC-DEF", "1234-5678-9ABC-DEFGH", "12345-678-9ABC-DEFG",
			     "1234-5678-9ABC-DEFI", "1234-5678-9ABC-DEFL", "1234-5678-9ABC-DEFO", "1234-5678-9ABC-DEFU",
			     "1234_5678_9ABC_DEFG", "1234-56789ABC-DEFG", "123456789ABCDEF", "123456789ABCDEFGH",
			     "1234-5678-9ABC-DEF ", "王234-5678-9ABC-DEF", "-1234-5678-9ABC-DE", "1234-5678-9ABC-DE-G"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(cert_code_parse(bad[i], out), -1);
}

static void test_number_and_period(void **state)
{
	(void)state;
	char n[32];
	cert_number_format(2026, 123, n);
	assert_string_equal(n, "ZYZM-2026-000123");
	const char *field = NULL, *msg = NULL;
	assert_int_equal(cert_period_check("2026-01-01", "2026-06-30", 20261204, &field, &msg), 0);
	assert_int_equal(cert_period_check("2026-12-04", "2026-12-04", 20261204, &field, &msg), 0);
	assert_int_equal(cert_period_check("2026-07-01", "2026-06-30", 20261204, &field, &msg), -1);
	assert_string_equal(field, "to");
	assert_int_equal(cert_period_check("2026-01-01", "2026-12-05", 20261204, &field, &msg), -1);
	assert_string_equal(field, "to");
	assert_int_equal(cert_period_check("2026-12-05", "2026-12-06", 20261204, &field, &msg), -1);
	assert_string_equal(field, "from");
}

static void test_ratelimit_burst_then_refill_per_address(void **state)
{
	(void)state;
	struct ratelimit *rl = ratelimit_new(3, 6);	/* one token each 10 s */
	for (int i = 0; i < 3; i++)
		assert_int_equal(ratelimit_take(rl, "10.0.0.1", 1000), 0);
	assert_int_equal(ratelimit_take(rl, "10.0.0.1", 1000), 10);
	assert_int_equal(ratelimit_take(rl, "10.0.0.2", 1000), 0);	/* another address has its own */
	assert_int_equal(ratelimit_take(rl, "10.0.0.1", 6000), 5);	/* half a token back */
	assert_int_equal(ratelimit_take(rl, "10.0.0.1", 11000), 0);	/* a whole one */
	assert_int_equal(ratelimit_take(rl, "10.0.0.1", 11000), 10);
	/* a long pause refills to the burst, no more */
	for (int i = 0; i < 3; i++)
		assert_int_equal(ratelimit_take(rl, "10.0.0.1", 1000000), 0);
	assert_true(ratelimit_take(rl, "10.0.0.1", 1000000) > 0);
	ratelimit_free(rl);
}

/* Two addresses in one slot share its bucket, never a fresh one each:
 * 203.0.113.7 and 198.51.5.112 hash to the same slot (the review's pair). */
static void test_ratelimit_collision_keeps_the_tokens(void **state)
{
	(void)state;
	struct ratelimit *rl = ratelimit_new(20, 10);
	int granted = 0;
	for (int i = 0; i < 1000; i++)
		granted += ratelimit_take(rl, i % 2 ? "203.0.113.7" : "198.51.5.112", 5000) == 0;
	assert_int_equal(granted, 20);
	ratelimit_free(rl);
}

/* An IPv6 client is keyed by its /64; IPv4-mapped as the IPv4 address. */
static void test_ratelimit_keys_ipv6_by_64(void **state)
{
	(void)state;
	char k[RATELIMIT_KEY];
	ratelimit_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", k);
	assert_string_equal(k, "2001:db8:1:2::");
	ratelimit_key("2001:db8:1:3::1", k);
	assert_string_equal(k, "2001:db8:1:3::");
	ratelimit_key("::ffff:10.0.0.1", k);
	assert_string_equal(k, "10.0.0.1");
	ratelimit_key("10.0.0.1", k);
	assert_string_equal(k, "10.0.0.1");
	ratelimit_key("", k);
	assert_string_equal(k, "");
	struct ratelimit *rl = ratelimit_new(3, 6);
	char a[64];
	for (int i = 0; i < 3; i++) {
		snprintf(a, sizeof a, "2001:db8:1:2::%x", i + 1);
		assert_int_equal(ratelimit_take(rl, a, 1000), 0);
	}
	assert_true(ratelimit_take(rl, "2001:db8:1:2:ffff::9", 1000) > 0);	/* the same /64 */
	assert_int_equal(ratelimit_take(rl, "2001:db8:1:3::1", 1000), 0);	/* another /64 */
	ratelimit_free(rl);
}

/* `n` distinct CJK characters from U+4E00 + *next on (UTF-8, in a). */
static const char *cjk(struct arena *a, int *next, int n)
{
	char *s = arena_alloc(a, (size_t)n * 3 + 1), *q = s;
	for (int i = 0; i < n; i++, (*next)++) {
		unsigned c = 0x4E00 + (unsigned)(*next % 20000);
		*q++ = (char)(0xE0 | (c >> 12));
		*q++ = (char)(0x80 | ((c >> 6) & 0x3F));
		*q++ = (char)(0x80 | (c & 0x3F));
	}
	*q = 0;
	return s;
}

/* The worst case: 2000 records of the longest content (1000 characters)
 * and place (200), every character distinct, long summary and units: the
 * PDF stays under 300 KB and says how many records it did not list. */
static void *render_worst(void *arg)
{
	size_t *len = arg;
	struct arena a = ARENA_INIT;
	int next = 0, n = 2000;
	struct certpdf_line *lines = arena_alloc(&a, sizeof *lines * (size_t)n);
	for (int i = 0; i < n; i++)
		lines[i] = (struct certpdf_line){"2026-03-01", cjk(&a, &next, 1000), cjk(&a, &next, 200), cjk(&a, &next, 100),
						 "24.00"};
	struct certpdf_doc d = {.name = cjk(&a, &next, 100), .volunteer_no = "42100220260000001", .from = "2026-01-01",
				.to = "2026-12-31", .hours = "48000.00", .summary = cjk(&a, &next, 8000),
				.units = cjk(&a, &next, 2000), .number = "ZYZM-2026-000001", .code = "7K3M-Q9XD-2FHW-NB4T",
				.verify_url = "https://liandong.example.org/verify/7K3M-Q9XD-2FHW-NB4T",
				.issuer = cjk(&a, &next, 200), .issued_on = "2026-12-04", .school = cjk(&a, &next, 100),
				.revoked_on = "2026-12-05", .lines = lines, .nlines = n};
	char *pdf, err[200];
	*len = certpdf_render(&d, &a, &pdf, len, err, sizeof err) == 0 ? *len : 0;
	arena_release(&a);
	return NULL;
}

static void test_pdf_stays_under_300_kb_whatever_the_content(void **state)
{
	(void)state;
	size_t len = 0;
	pthread_t t;
	pthread_create(&t, NULL, render_worst, &len);
	pthread_join(t, NULL);
	print_message("worst-case certificate PDF: %zu bytes\n", len);
	assert_true(len > 1000);
	assert_true(len < 300 * 1024);
}

struct render {
	int nlines, pages, ok;
	size_t len;
};

/* Pages of a cairo PDF: its page tree's /Count. */
static int pdf_pages(const char *pdf, size_t len)
{
	int n = 0;
	for (size_t i = 0; i + 7 < len; i++)
		if (memcmp(pdf + i, "/Count ", 7) == 0)
			for (size_t j = i + 7, v = n = 0; j < len && pdf[j] >= '0' && pdf[j] <= '9'; j++)
				n = (int)(v = v * 10 + (size_t)(pdf[j] - '0'));
	return n;
}

/* In a thread of its own, as a server worker draws: pango keeps a font map
 * per thread and frees it when the thread ends. */
static void *render(void *arg)
{
	struct render *r = arg;
	struct arena a = ARENA_INIT;
	struct certpdf_line *lines = arena_alloc(&a, sizeof *lines * (size_t)r->nlines);
	for (int i = 0; i < r->nlines; i++)
		lines[i] = (struct certpdf_line){"2026-03-01", "社区敬老服务", "幸福社区", "中山街道社工站", "3.50"};
	struct certpdf_doc d = {.name = "王秀兰", .volunteer_no = "42100220260000001", .from = "2026-01-01",
				.to = "2026-12-31", .hours = "3.50", .summary = "社区敬老服务", .units = "中山街道社工站",
				.number = "ZYZM-2026-000001", .code = "7K3M-Q9XD-2FHW-NB4T",
				.verify_url = "http://127.0.0.1/verify/7K3M-Q9XD-2FHW-NB4T", .issuer = "中山街道社工站",
				.issued_on = "2026-12-04", .school = "武汉大学", .revoked_on = "2026-12-05",
				.lines = lines, .nlines = r->nlines};
	char *pdf, err[200];
	r->ok = certpdf_render(&d, &a, &pdf, &r->len, err, sizeof err) == 0 && memcmp(pdf, "%PDF-", 5) == 0;
	r->pages = r->ok ? pdf_pages(pdf, r->len) : 0;
	arena_release(&a);
	return NULL;
}

static void test_pdf_runs_over_pages_as_the_records_need(void **state)
{
	(void)state;
	assert_null(certpdf_font_missing());
	struct render one = {.nlines = 3}, many = {.nlines = 120};
	pthread_t t;
	pthread_create(&t, NULL, render, &one);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, render, &many);
	pthread_join(t, NULL);
	assert_true(one.ok && many.ok);
	assert_int_equal(one.pages, 1);
	/* 120 records: CERTPDF_MAX_LINES rows of ~15 pt (about 45 a page) and
	 * one "等 90 条" */
	assert_true(many.pages >= 1 && many.pages <= 2);
	assert_true(one.len < 300 * 1024 && many.len < 300 * 1024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_format_is_grouped_crockford_base32),
		cmocka_unit_test(test_code_parse_accepts_what_people_type),
		cmocka_unit_test(test_code_parse_refuses_anything_else),
		cmocka_unit_test(test_number_and_period),
		cmocka_unit_test(test_ratelimit_burst_then_refill_per_address),
		cmocka_unit_test(test_ratelimit_collision_keeps_the_tokens),
		cmocka_unit_test(test_ratelimit_keys_ipv6_by_64),
		cmocka_unit_test(test_pdf_runs_over_pages_as_the_records_need),
		cmocka_unit_test(test_pdf_stays_under_300_kb_whatever_the_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
