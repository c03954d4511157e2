/* test_replies.c - unit tests for the reply rules (domain/reply.c): the
 * reply words of a call-out SMS and quiet hours in China time; and the
 * webhook's signature (crypto_hmac_sha256_verify_hex against RFC 4231's
 * vectors, webhook_verify's window, replay-independent verdicts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "domain/reply.h"
#include "service/replies.h"

static void test_reply_words(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum reply_word want;
	} cases[] = {
		{"1", RW_ACCEPT},
		{"Y", RW_ACCEPT},
		{"y", RW_ACCEPT},
		{"是", RW_ACCEPT},
		{"１", RW_ACCEPT},
		{" 1\n", RW_ACCEPT},
		{"\xe3\x80\x80是\xe3\x80\x80", RW_ACCEPT},
		{"2", RW_DECLINE},
		{"N", RW_DECLINE},
		{"n", RW_DECLINE},
		{"否", RW_DECLINE},
		{"２", RW_DECLINE},
		{"\t2 ", RW_DECLINE},
		{"", RW_UNKNOWN},
		{"   ", RW_UNKNOWN},
		{"12", RW_UNKNOWN},
		{"yes", RW_UNKNOWN},
		{"1 2", RW_UNKNOWN},
		{"3", RW_UNKNOWN},
		{"是的", RW_UNKNOWN},
		{"\xe3\x80", RW_UNKNOWN},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum reply_word got = reply_word_parse(cases[i].text, strlen(cases[i].text));
		if (got != cases[i].want)
			fail_msg("\"%s\": got %d, want %d", cases[i].text, got, cases[i].want);
	}
	assert_int_equal(reply_word_parse(NULL, 0), RW_UNKNOWN);
	/* the length counts, not a NUL */
	assert_int_equal(reply_word_parse("1 and more", 1), RW_ACCEPT);
}

/* Unix time of a China-time clock reading on 2026-12-06 (a day whose
 * local midnight is 2026-12-05T16:00Z = 1796486400). */
static int64_t at(int h, int m)
{
	return 1796486400 + h * 3600 + m * 60;
}

static void test_quiet_hours(void **state)
{
	(void)state;
	/* 13:00-14:00 */
	assert_int_equal(quiet_until(at(12, 59), 780, 840), 0);
	assert_int_equal(quiet_until(at(13, 0), 780, 840), at(14, 0));
	assert_int_equal(quiet_until(at(13, 59), 780, 840), at(14, 0));
	assert_int_equal(quiet_until(at(14, 0), 780, 840), 0);
	/* 22:00-07:00 wraps midnight */
	assert_int_equal(quiet_until(at(21, 59), 1320, 420), 0);
	assert_int_equal(quiet_until(at(22, 0), 1320, 420), at(7, 0) + 86400);
	assert_int_equal(quiet_until(at(23, 59), 1320, 420), at(7, 0) + 86400);
	assert_int_equal(quiet_until(at(0, 0), 1320, 420), at(7, 0));
	assert_int_equal(quiet_until(at(6, 59), 1320, 420), at(7, 0));
	assert_int_equal(quiet_until(at(7, 0), 1320, 420), 0);
	/* none, or nonsense */
	assert_int_equal(quiet_until(at(3, 0), 600, 600), 0);
	assert_int_equal(quiet_until(at(3, 0), -1, -1), 0);
	assert_int_equal(quiet_until(at(3, 0), 0, 1440), 0);
	/* the whole day but the last minute */
	assert_int_equal(quiet_until(at(23, 58), 0, 1439), at(23, 59));
	assert_int_equal(quiet_until(at(23, 59), 0, 1439), 0);
}

static void test_hmac_rfc4231(void **state)
{
	(void)state;
	/* RFC 4231 test case 2 */
	const char *want = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
	const char *msg = "what do ya want for nothing?";
	char hex[65];
	crypto_hmac_sha256_hex("Jefe", 4, msg, strlen(msg), hex);
	assert_string_equal(hex, want);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg), want), 1);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg),
						       "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"),
			 1);
	/* one digit, one byte short, a non-hex digit, another key, another message */
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg),
						       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3844"),
			 0);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg),
						       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec38"),
			 0);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg),
						       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384g"),
			 0);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jeff", 4, msg, strlen(msg), want), 0);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg) - 1, want), 0);
	assert_int_equal(crypto_hmac_sha256_verify_hex("Jefe", 4, msg, strlen(msg), NULL), 0);
	/* RFC 4231 test case 6: a key longer than the block */
	char key[131];
	memset(key, 0xaa, sizeof key);
	const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
	crypto_hmac_sha256_hex(key, sizeof key, m6, strlen(m6), hex);
	assert_string_equal(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void test_webhook_window_and_signature(void **state)
{
	(void)state;
	const char *secret = "a-webhook-secret-of-the-gateway", *body = "{\"phone\":\"13912345678\",\"text\":\"1\"}";
	const int64_t now = 1800000000;
	char msg[256], sig[65], ts[24];
	int64_t got = 0;
	for (int skew = -WEBHOOK_SKEW - 1; skew <= WEBHOOK_SKEW + 1; skew += WEBHOOK_SKEW) {
		snprintf(ts, sizeof ts, "%lld", (long long)(now + skew));
		snprintf(msg, sizeof msg, "%s.%s", ts, body);
		crypto_hmac_sha256_hex(secret, strlen(secret), msg, strlen(msg), sig);
		int inside = skew >= -WEBHOOK_SKEW && skew <= WEBHOOK_SKEW;
		assert_int_equal(webhook_verify(secret, ts, sig, body, strlen(body), now, &got), inside ? WH_OK : WH_STALE);
	}
	snprintf(ts, sizeof ts, "%lld", (long long)now);
	snprintf(msg, sizeof msg, "%s.%s", ts, body);
	crypto_hmac_sha256_hex(secret, strlen(secret), msg, strlen(msg), sig);
	assert_int_equal(webhook_verify(secret, ts, sig, body, strlen(body), now, &got), WH_OK);
	assert_int_equal(got, now);
	/* the body is signed: one byte more or less fails */
	assert_int_equal(webhook_verify(secret, ts, sig, body, strlen(body) - 1, now, &got), WH_BAD_SIGNATURE);
	assert_int_equal(webhook_verify("another-secret", ts, sig, body, strlen(body), now, &got), WH_BAD_SIGNATURE);
	/* missing pieces, a timestamp that is not unix seconds */
	assert_int_equal(webhook_verify(secret, NULL, sig, body, strlen(body), now, &got), WH_MISSING);
	assert_int_equal(webhook_verify(secret, ts, NULL, body, strlen(body), now, &got), WH_MISSING);
	assert_int_equal(webhook_verify(NULL, ts, sig, body, strlen(body), now, &got), WH_MISSING);
	assert_int_equal(webhook_verify("", ts, sig, body, strlen(body), now, &got), WH_MISSING);
	assert_int_equal(webhook_verify(secret, "+1800000000", sig, body, strlen(body), now, &got), WH_STALE);
	assert_int_equal(webhook_verify(secret, "1800000000.5", sig, body, strlen(body), now, &got), WH_STALE);
	assert_int_equal(webhook_verify(secret, "99999999999999999999", sig, body, strlen(body), now, &got), WH_STALE);
	/* an empty body signs too */
	snprintf(msg, sizeof msg, "%s.", ts);
	crypto_hmac_sha256_hex(secret, strlen(secret), msg, strlen(msg), sig);
	assert_int_equal(webhook_verify(secret, ts, sig, "", 0, now, &got), WH_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply_words),
		cmocka_unit_test(test_quiet_hours),
		cmocka_unit_test(test_hmac_rfc4231),
		cmocka_unit_test(test_webhook_window_and_signature),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
