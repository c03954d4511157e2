/* test_cert.c - unit tests for domain/certificate (codes, numbers, periods)
 * and the lookup throttle's token buckets (http/ratelimit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/certificate.h"
#include "http/ratelimit.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_format_is_grouped_crockford_base32),
		cmocka_unit_test(test_code_parse_accepts_what_people_type),
		cmocka_unit_test(test_code_parse_refuses_anything_else),
		cmocka_unit_test(test_number_and_period),
		cmocka_unit_test(test_ratelimit_burst_then_refill_per_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
