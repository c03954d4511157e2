/* test_domain.c - unit tests for the pure domain modules: identity numbers,
 * dates and ages, phone numbers, masking and the volunteer pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/idcard.h"
#include "domain/mask.h"
#include "domain/phone.h"
#include "domain/pipeline.h"
#include "domain/timefmt.h"
#include "domain/utf8.h"
#include "domain/workforce.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Fixed "today" for every ID test, so results do not depend on the clock. */
#define TODAY 20240615

/* ---- identity numbers ---------------------------------------------------- */

/* Independent MOD 11-2 check character: weight of position i (0-based, from
 * the left, 18 positions) is 2^(17-i) mod 11, computed here by repeated
 * doubling rather than from a table; check value is (12 - sum mod 11) mod 11,
 * with 10 written as X. */
static char ref_check(const char *body17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int w = 1;
		for (int k = 0; k < 17 - i; k++)
			w = w * 2 % 11;
		sum += (body17[i] - '0') * w;
	}
	int v = (12 - sum % 11) % 11;
	return v == 10 ? 'X' : (char)('0' + v);
}

/* Build an 18-character ID from a 17-digit body. last == 0 appends the
 * correct check character, last == '!' a wrong one, anything else as is. */
static void make_id(const char *body17, char last, char out[19])
{
	memcpy(out, body17, 17);
	char good = ref_check(body17);
	if (last == 0) {
		out[17] = good;
	} else if (last == '!') {
		out[17] = good == '0' ? '1' : '0';
	} else {
		out[17] = last;
	}
	out[18] = '\0';
}

static void test_ref_check_matches_standard(void **state)
{
	(void)state;
	/* Examples printed in GB 11643-1999 itself: they pin down ref_check. */
	assert_int_equal(ref_check("11010519491231002"), 'X');
	assert_int_equal(ref_check("44052418800101001"), '4');
}

static void test_check_char(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		"11010519491231002", "44052418800101001", "42010219900101123",
		"31011519851120431", "65010220000229000", "82000019991231999",
		"00000000000000000", "99999999999999999", "12345678901234567",
		"51010720101010777", "21020219770707070", "37028319880808088",
	};
	for (size_t i = 0; i < N_ELEMS(bodies); i++) {
		char want = ref_check(bodies[i]);
		char got = idcard_check_char(bodies[i]);
		if (got != want)
			fail_msg("body %s: want %c got %c", bodies[i], want, got);
	}
	/* Every check value must be reachable: vary the last body digit. */
	int seen[11] = {0};
	char body[18] = "1101051949123100";
	for (int a = 0; a < 10; a++) {
		for (int b = 0; b < 10; b++) {
			body[15] = (char)('0' + a);
			body[16] = (char)('0' + b);
			body[17] = '\0';
			char c = idcard_check_char(body);
			assert_int_equal(c, ref_check(body));
			seen[c == 'X' ? 10 : c - '0'] = 1;
		}
	}
	for (int v = 0; v < 11; v++)
		assert_true(seen[v]);
}

struct id_good {
	const char *body;	/* 17 digits */
	char last;		/* 0: correct check char; else literal */
	const char *number;	/* expected normalised number, NULL: body+check */
	const char *region;
	int year, month, day, male;
};

static void test_idcard_good(void **state)
{
	(void)state;
	static const struct id_good cases[] = {
		/* The standard's own example, female (17th digit 2). */
		{"11010519491231002", 'X', "11010519491231002X", "110105", 1949, 12, 31, 0},
		/* Lower-case x accepted and normalised. */
		{"11010519491231002", 'x', "11010519491231002X", "110105", 1949, 12, 31, 0},
		{"42010219900101123", 0, NULL, "420102", 1990, 1, 1, 1},
		{"31011519851120432", 0, NULL, "310115", 1985, 11, 20, 0},
		/* Feb 29 in 2000 is a real date (divisible by 400). */
		{"65010220000229001", 0, NULL, "650102", 2000, 2, 29, 1},
		/* First and last province codes, edge years. */
		{"11000019000101005", 0, NULL, "110000", 1900, 1, 1, 1},
		{"82000020240615008", 0, NULL, "820000", 2024, 6, 15, 0},
		{"71000020240229009", 0, NULL, "710000", 2024, 2, 29, 1},
		{"81000019991231990", 0, NULL, "810000", 1999, 12, 31, 0},
		{"50010319770707071", 0, NULL, "500103", 1977, 7, 7, 1},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		const struct id_good *c = &cases[i];
		char id[19];
		make_id(c->body, c->last, id);
		char want[19];
		if (c->number != NULL)
			memcpy(want, c->number, sizeof want);
		else
			make_id(c->body, 0, want);

		struct idcard out;
		memset(&out, 0x55, sizeof out);
		enum idcard_err e = idcard_parse(id, 18, TODAY, &out);
		if (e != IDCARD_OK)
			fail_msg("case %zu (%s): err %d (%s)", i, id, (int)e, idcard_strerror(e));
		if (strcmp(out.number, want) != 0 || strcmp(out.region, c->region) != 0 ||
		    out.year != c->year || out.month != c->month || out.day != c->day ||
		    out.male != c->male)
			fail_msg("case %zu (%s): got %.19s %.7s %d-%d-%d male=%d", i, id,
				 out.number, out.region, out.year, out.month, out.day, out.male);
		/* out may be NULL. */
		assert_int_equal(idcard_parse(id, 18, TODAY, NULL), IDCARD_OK);
	}
}

struct id_bad {
	const char *s;		/* full string when body is NULL */
	const char *body;	/* 17 chars to pass through make_id */
	char last;
	int today;
	enum idcard_err want;
};

static void test_idcard_bad(void **state)
{
	(void)state;
	static const struct id_bad cases[] = {
		/* Length comes first, whatever else is wrong. */
		{"", NULL, 0, TODAY, IDCARD_LENGTH},
		{"42010219900101123", NULL, 0, TODAY, IDCARD_LENGTH},		/* 17 */
		{"4201021990010112345", NULL, 0, TODAY, IDCARD_LENGTH},	/* 19 */
		{"9901021990A10112", NULL, 0, TODAY, IDCARD_LENGTH},
		/* Characters. */
		{NULL, "4201021990010112A", '0', TODAY, IDCARD_CHARS},
		{NULL, "A2010219900101123", 0, TODAY, IDCARD_CHARS},
		{NULL, "42010219900101123", 'Y', TODAY, IDCARD_CHARS},
		{NULL, "42010219900101123", ' ', TODAY, IDCARD_CHARS},
		{NULL, "4201021990010112x", 'X', TODAY, IDCARD_CHARS},
		{NULL, "42010 19900101123", 0, TODAY, IDCARD_CHARS},
		{NULL, "-4201021990010112", 0, TODAY, IDCARD_CHARS},
		/* Characters before region. */
		{NULL, "9901021990010112A", 0, TODAY, IDCARD_CHARS},
		/* Region: not a province-level code. */
		{NULL, "99010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "00010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "10010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "16010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "20010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "38010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "55010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "66010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "72010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "80010219900101123", 0, TODAY, IDCARD_REGION},
		{NULL, "83010219900101123", 0, TODAY, IDCARD_REGION},
		/* Region before birth date. */
		{NULL, "99010219901301123", 0, TODAY, IDCARD_REGION},
		/* Birth date. */
		{NULL, "42010219000229123", 0, TODAY, IDCARD_BIRTH},	/* 1900 not leap */
		{NULL, "42010220230229123", 0, TODAY, IDCARD_BIRTH},
		{NULL, "42010219991301123", 0, TODAY, IDCARD_BIRTH},
		{NULL, "42010219990001123", 0, TODAY, IDCARD_BIRTH},
		{NULL, "42010219990100123", 0, TODAY, IDCARD_BIRTH},
		{NULL, "42010219990431123", 0, TODAY, IDCARD_BIRTH},
		{NULL, "42010218991231123", 0, TODAY, IDCARD_BIRTH},	/* before 1900 */
		{NULL, "44052418800101001", 0, TODAY, IDCARD_BIRTH},	/* standard's 1880 example */
		{NULL, "42010220240616123", 0, TODAY, IDCARD_BIRTH},	/* tomorrow */
		{NULL, "42010220300101123", 0, TODAY, IDCARD_BIRTH},	/* future */
		{NULL, "42010220000229123", 0, 20000228, IDCARD_BIRTH},	/* after today */
		/* Birth date before check digit. */
		{NULL, "42010219000229123", '!', TODAY, IDCARD_BIRTH},
		/* Check digit. */
		{NULL, "42010219900101123", '!', TODAY, IDCARD_CHECK},
		{NULL, "65010220000229001", '!', TODAY, IDCARD_CHECK},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		const struct id_bad *c = &cases[i];
		char buf[19];
		const char *s = c->s;
		if (s == NULL) {
			make_id(c->body, c->last, buf);
			s = buf;
		}
		struct idcard out;
		enum idcard_err e = idcard_parse(s, strlen(s), c->today, &out);
		if (e != c->want)
			fail_msg("case %zu (\"%s\"): want %d got %d", i, s, (int)c->want, (int)e);
	}
}

static void test_idcard_wrong_check_every_char(void **state)
{
	(void)state;
	/* Only the single right check character is accepted. */
	static const char all[] = "0123456789X";
	const char *body = "42010219900101123";
	char good = ref_check(body);
	int accepted = 0;
	for (size_t i = 0; i < sizeof all - 1; i++) {
		char id[19];
		make_id(body, all[i], id);
		enum idcard_err e = idcard_parse(id, 18, TODAY, NULL);
		if (all[i] == good) {
			assert_int_equal(e, IDCARD_OK);
			accepted++;
		} else {
			assert_int_equal(e, IDCARD_CHECK);
		}
	}
	assert_int_equal(accepted, 1);
}

static void test_idcard_len_not_nul(void **state)
{
	(void)state;
	char id[32];
	make_id("42010219900101123", 0, id);
	/* The length given wins over the NUL: trailing text is not looked at,
	 * but a short length is refused. */
	memcpy(id + 18, "999", 4);
	assert_int_equal(idcard_parse(id, 18, TODAY, NULL), IDCARD_OK);
	assert_int_equal(idcard_parse(id, 21, TODAY, NULL), IDCARD_LENGTH);
	assert_int_equal(idcard_parse(id, 17, TODAY, NULL), IDCARD_LENGTH);
	assert_int_equal(idcard_parse(id, 0, TODAY, NULL), IDCARD_LENGTH);
}

static void test_idcard_all_provinces(void **state)
{
	(void)state;
	static const int valid[] = {
		11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
		41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
		71, 81, 82,
	};
	for (int p = 0; p < 100; p++) {
		int want_ok = 0;
		for (size_t k = 0; k < N_ELEMS(valid); k++)
			if (valid[k] == p)
				want_ok = 1;
		char body[18];
		body[0] = (char)('0' + p / 10);
		body[1] = (char)('0' + p % 10);
		memcpy(body + 2, "010219900101123", 16);
		char id[19];
		make_id(body, 0, id);
		enum idcard_err e = idcard_parse(id, 18, TODAY, NULL);
		if (e != (want_ok ? IDCARD_OK : IDCARD_REGION))
			fail_msg("province %02d: got %d", p, (int)e);
	}
}

static void test_idcard_strerror(void **state)
{
	(void)state;
	assert_string_equal(idcard_strerror(IDCARD_LENGTH), "must be 18 characters");
	assert_string_equal(idcard_strerror(IDCARD_CHECK), "check digit does not match");
	const enum idcard_err all[] = {
		IDCARD_OK, IDCARD_LENGTH, IDCARD_CHARS, IDCARD_REGION, IDCARD_BIRTH, IDCARD_CHECK,
	};
	for (size_t i = 0; i < N_ELEMS(all); i++) {
		const char *m = idcard_strerror(all[i]);
		assert_non_null(m);
		assert_true(strlen(m) > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(m, idcard_strerror(all[j]));
	}
	assert_non_null(idcard_strerror((enum idcard_err)99));
}

/* ---- dates and ages ------------------------------------------------------ */

static void test_date_valid(void **state)
{
	(void)state;
	static const struct { int y, m, d, ok; } cases[] = {
		{2000, 2, 29, 1}, {1900, 2, 29, 0}, {2100, 2, 29, 0}, {2400, 2, 29, 1},
		{2024, 2, 29, 1}, {2023, 2, 29, 0}, {2023, 2, 28, 1}, {2024, 2, 30, 0},
		{2023, 1, 31, 1}, {2023, 3, 31, 1}, {2023, 4, 30, 1}, {2023, 4, 31, 0},
		{2023, 5, 31, 1}, {2023, 6, 31, 0}, {2023, 7, 31, 1}, {2023, 8, 31, 1},
		{2023, 9, 31, 0}, {2023, 10, 31, 1}, {2023, 11, 31, 0}, {2023, 12, 31, 1},
		{2023, 12, 32, 0}, {2023, 13, 1, 0}, {2023, 0, 1, 0}, {2023, 1, 0, 0},
		{2023, -1, 1, 0}, {2023, 1, -1, 0}, {1900, 1, 1, 1},
		/* Leap years add a day to February only. */
		{2024, 1, 32, 0}, {2024, 4, 31, 0}, {2000, 6, 31, 0}, {2024, 12, 32, 0},
		/* There is no year 0. */
		{0, 1, 1, 0}, {-1, 1, 1, 0},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		int got = date_valid(cases[i].y, cases[i].m, cases[i].d);
		if (got != cases[i].ok)
			fail_msg("%04d-%02d-%02d: want %d got %d", cases[i].y, cases[i].m,
				 cases[i].d, cases[i].ok, got);
	}
}

static void test_age_on(void **state)
{
	(void)state;
	static const struct { int y, m, d, on, age; } cases[] = {
		{2010, 6, 15, 20240614, 13},
		{2010, 6, 15, 20240615, 14},
		{2010, 6, 15, 20240616, 14},
		{2006, 6, 15, 20240614, 17},
		{2006, 6, 15, 20240615, 18},
		{2010, 12, 31, 20241230, 13},
		{2010, 12, 31, 20241231, 14},
		{2010, 1, 1, 20231231, 13},
		{2010, 1, 1, 20240101, 14},
		{2024, 6, 15, 20240615, 0},
		/* Feb 29 birthday: reached on Mar 1 in common years. */
		{2004, 2, 29, 20230228, 18},
		{2004, 2, 29, 20230301, 19},
		{2004, 2, 29, 20240228, 19},
		{2004, 2, 29, 20240229, 20},
		{2000, 2, 29, 20140228, 13},
		{2000, 2, 29, 20140301, 14},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		int got = age_on(cases[i].y, cases[i].m, cases[i].d, cases[i].on);
		if (got != cases[i].age)
			fail_msg("born %04d-%02d-%02d on %d: want %d got %d", cases[i].y,
				 cases[i].m, cases[i].d, cases[i].on, cases[i].age, got);
	}
}

static void test_age_rule(void **state)
{
	(void)state;
	static const struct { int age; enum age_rule want; } cases[] = {
		{-1, AGE_TOO_YOUNG}, {0, AGE_TOO_YOUNG}, {13, AGE_TOO_YOUNG},
		{14, AGE_MINOR_CONSENT}, {15, AGE_MINOR_CONSENT}, {17, AGE_MINOR_CONSENT},
		{18, AGE_ADULT}, {19, AGE_ADULT}, {120, AGE_ADULT},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++)
		if (volunteer_age_rule(cases[i].age) != cases[i].want)
			fail_msg("age %d: want %d", cases[i].age, (int)cases[i].want);
}

static void test_age_from_idcard(void **state)
{
	(void)state;
	/* End to end: parse an ID, take the age on a date, apply the rule. */
	static const struct { const char *body; int on; int age; enum age_rule want; } cases[] = {
		{"42010220100615123", 20240614, 13, AGE_TOO_YOUNG},
		{"42010220100615123", 20240615, 14, AGE_MINOR_CONSENT},
		{"42010220060615123", 20240614, 17, AGE_MINOR_CONSENT},
		{"42010220060615123", 20240615, 18, AGE_ADULT},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		char id[19];
		make_id(cases[i].body, 0, id);
		struct idcard c;
		assert_int_equal(idcard_parse(id, 18, cases[i].on, &c), IDCARD_OK);
		int age = age_on(c.year, c.month, c.day, cases[i].on);
		assert_int_equal(age, cases[i].age);
		assert_int_equal(volunteer_age_rule(age), cases[i].want);
	}
}

/* ---- phones -------------------------------------------------------------- */

static void test_phone(void **state)
{
	(void)state;
	static const struct { const char *in; const char *want; } cases[] = {
		/* want NULL: must be refused. */
		{"13812345678", "13812345678"},
		{"19912345678", "19912345678"},
		{"13012345678", "13012345678"},
		{"+8613812345678", "13812345678"},
		{"+86 138 1234 5678", "13812345678"},
		{"+86-138-1234-5678", "13812345678"},
		{" 138 1234 5678 ", "13812345678"},
		{"138-1234-5678", "13812345678"},
		{"008613812345678", "13812345678"},
		{"0086 138 1234 5678", "13812345678"},
		{"8613812345678", "13812345678"},
		{"86 13812345678", "13812345678"},
		{"+86  138--1234  5678", "13812345678"},
		{"", NULL},
		{"   ", NULL},
		{"12812345678", NULL},		/* second digit 2 */
		{"11812345678", NULL},
		{"10812345678", NULL},
		{"23812345678", NULL},		/* first digit not 1 */
		{"1381234567", NULL},		/* 10 digits */
		{"138123456789", NULL},		/* 12 digits */
		{"+86138123456", NULL},		/* prefix, then 9 digits */
		{"+861381234567", NULL},	/* prefix, then 10 */
		{"+86138123456789", NULL},	/* prefix, then 12 */
		{"861381234567", NULL},		/* 12 digits starting 86 */
		{"86138123456", NULL},		/* 11 digits starting 86: not a mobile */
		{"00861381234567", NULL},
		{"+13812345678", NULL},		/* + without 86 */
		{"+8513812345678", NULL},
		{"+0086 13812345678", NULL},
		{"+86+13812345678", NULL},
		{"86+13812345678", NULL},
		{"13812345678+", NULL},
		{"1381234567a", NULL},
		{"138.1234.5678", NULL},
		{"(138)12345678", NULL},
		{"138\t1234\t5678", NULL},
		{"+8612812345678", NULL},
		{"8623812345678", NULL},
		{"0013812345678", NULL},
		{"138 1234 5678 0000 0000 0000", NULL},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		char out[12];
		memset(out, '#', sizeof out);
		int rc = phone_normalize(cases[i].in, strlen(cases[i].in), out);
		if (cases[i].want == NULL) {
			if (rc != -1)
				fail_msg("\"%s\": accepted", cases[i].in);
		} else {
			if (rc != 0)
				fail_msg("\"%s\": refused", cases[i].in);
			assert_memory_equal(out, cases[i].want, 12);
		}
	}
}

static void test_phone_len(void **state)
{
	(void)state;
	char out[12];
	/* Only s[0..len) is read. */
	assert_int_equal(phone_normalize("13812345678999", 11, out), 0);
	assert_string_equal(out, "13812345678");
	assert_int_equal(phone_normalize("13812345678", 10, out), -1);
	assert_int_equal(phone_normalize("13812345678", 0, out), -1);
	/* An embedded NUL inside the length is just a bad character. */
	assert_int_equal(phone_normalize("13812345678", 12, out), -1);
}

/* ---- masking ------------------------------------------------------------- */

typedef size_t (*mask_fn)(const char *, char *, size_t);

static void test_mask(void **state)
{
	(void)state;
	static const struct { int phone; const char *in; const char *want; } cases[] = {
		{0, "420102199001011234", "420102********1234"},
		{0, "42010219900101123X", "420102********123X"},
		{0, "420102900101123", "420102*****1123"},
		{0, "12345678901", "123456*8901"},
		{0, "1234567890", "**********"},
		{0, "123456789", "*********"},
		{0, "1", "*"},
		{0, "", ""},
		{1, "13812345678", "138****5678"},
		{1, "12345678", "123*5678"},
		{1, "1234567", "*******"},
		{1, "123456", "******"},
		{1, "1", "*"},
		{1, "", ""},
		{1, "+8613812345678", "+86*******5678"},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		mask_fn f = cases[i].phone ? mask_phone : mask_id_number;
		char out[64];
		memset(out, '#', sizeof out);
		size_t r = f(cases[i].in, out, sizeof out);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(r, strlen(cases[i].want));
	}
}

static void test_mask_truncate(void **state)
{
	(void)state;
	const char *id = "420102199001011234";
	char out[32];

	/* n == 0: nothing written, full length still returned. */
	memset(out, '#', sizeof out);
	assert_int_equal(mask_id_number(id, out, 0), 18);
	assert_int_equal(out[0], '#');
	assert_int_equal(mask_id_number(id, NULL, 0), 18);

	static const struct { size_t n; const char *want; } cases[] = {
		{1, ""}, {2, "4"}, {7, "420102"}, {8, "420102*"},
		{16, "420102********1"}, {18, "420102********123"},
		{19, "420102********1234"}, {32, "420102********1234"},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		memset(out, '#', sizeof out);
		assert_int_equal(mask_id_number(id, out, cases[i].n), 18);
		assert_string_equal(out, cases[i].want);
		/* Nothing past the buffer given was touched. */
		if (cases[i].n < sizeof out)
			assert_int_equal(out[cases[i].n], '#');
	}

	memset(out, '#', sizeof out);
	assert_int_equal(mask_phone("13812345678", out, 5), 11);
	assert_string_equal(out, "138*");
	assert_int_equal(out[5], '#');
	/* Short input masked whole even when truncated. */
	assert_int_equal(mask_phone("1234567", out, 4), 7);
	assert_string_equal(out, "***");
}

/* ---- pipeline ------------------------------------------------------------ */

static void test_stage_names(void **state)
{
	(void)state;
	static const char *const want[] = {
		"applied", "trial", "initial_training", "selection", "interview",
		"skills_training", "registered", "rejected", "withdrawn", "inactive",
	};
	_Static_assert(N_ELEMS(want) == VS__COUNT, "ten stages");
	for (int i = 0; i < VS__COUNT; i++) {
		assert_non_null(vstage_names[i]);
		assert_string_equal(vstage_names[i], want[i]);
		assert_string_equal(vstage_name((enum vstage)i), want[i]);
		enum vstage s = VS__COUNT;
		assert_int_equal(vstage_parse(want[i], &s), 0);
		assert_int_equal(s, i);
	}
	assert_null(vstage_names[VS__COUNT]);
	assert_null(vstage_name(VS__COUNT));
	assert_null(vstage_name((enum vstage)-1));
	assert_null(vstage_name((enum vstage)1000));

	static const char *const bad[] = {
		"", "Applied", "APPLIED", "applied ", " applied", "register",
		"initial-training", "initialtraining", "skills", "active", "applie",
	};
	for (size_t i = 0; i < N_ELEMS(bad); i++) {
		enum vstage s = VS_INTERVIEW;
		if (vstage_parse(bad[i], &s) != -1)
			fail_msg("\"%s\" parsed", bad[i]);
		assert_int_equal(s, VS_INTERVIEW);
	}
}

static void test_transitions(void **state)
{
	(void)state;
	/* expect[from][to], columns in enum order:
	 *            app tri ini sel int ski reg rej wdr ina */
	static const int expect[VS__COUNT][VS__COUNT] = {
		/* applied */		{0, 1, 0, 0, 0, 0, 0, 1, 1, 0},
		/* trial */		{0, 0, 1, 0, 0, 0, 0, 1, 1, 0},
		/* initial_training */	{0, 0, 0, 1, 0, 0, 0, 1, 1, 0},
		/* selection */		{0, 0, 0, 0, 1, 0, 0, 1, 1, 0},
		/* interview */		{0, 0, 0, 0, 0, 1, 0, 1, 1, 0},
		/* skills_training */	{0, 0, 0, 0, 0, 0, 1, 1, 1, 0},
		/* registered */	{0, 0, 0, 0, 0, 0, 0, 0, 1, 1},
		/* rejected */		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		/* withdrawn */		{1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		/* inactive */		{0, 0, 0, 0, 0, 0, 1, 0, 1, 0},
	};
	int allowed = 0;
	for (int f = 0; f < VS__COUNT; f++) {
		for (int t = 0; t < VS__COUNT; t++) {
			int got = vstage_can_move((enum vstage)f, (enum vstage)t);
			if (got != expect[f][t])
				fail_msg("%s -> %s: want %d got %d", vstage_names[f],
					 vstage_names[t], expect[f][t], got);
			allowed += got;
		}
	}
	assert_int_equal(allowed, 6 * 3 + 2 + 0 + 1 + 2);
	/* Out of range never moves. */
	assert_int_equal(vstage_can_move(VS__COUNT, VS_APPLIED), 0);
	assert_int_equal(vstage_can_move(VS_WITHDRAWN, VS__COUNT), 0);
	assert_int_equal(vstage_can_move((enum vstage)-1, VS_TRIAL), 0);
}

/* Quarters, cohort windows and the inactivity cutoff, in China time. */
static void test_workforce_quarters(void **state)
{
	(void)state;
	char label[12];
	/* 2026-03-31 23:30 China time is still Q1; 2026-04-01 00:00 is Q2 */
	int64_t t = civil_start(2026, 3, 31) + 23 * 3600 + 1800;
	assert_int_equal(quarter_start(t), civil_start(2026, 1, 1));
	assert_int_equal(quarter_start(civil_start(2026, 4, 1)), civil_start(2026, 4, 1));
	assert_int_equal(quarter_start(civil_start(2026, 12, 31)), civil_start(2026, 10, 1));
	quarter_label(civil_start(2026, 10, 1), label);
	assert_string_equal(label, "2026Q4");
	quarter_label(quarter_start(t), label);
	assert_string_equal(label, "2026Q1");
	/* cohort 2025Q3: 3 months = 2025Q4, 6 = 2026Q1, 12 = 2026Q3, 24 = 2027Q3 */
	int64_t q = civil_start(2025, 7, 1), from, to;
	static const int64_t want[][2] = {{2025, 10}, {2026, 1}, {2026, 7}, {2027, 7}};
	for (int i = 0; i < RETENTION_NWINDOWS; i++) {
		retention_window(q, retention_months[i], &from, &to);
		assert_int_equal(from, civil_start(want[i][0], (unsigned)want[i][1], 1));
		assert_int_equal(to, time_add_months(from, 3));
	}
	/* 12 months before 2026-02-28 10:00 is 2025-02-28 10:00 */
	assert_int_equal(inactive_cutoff(civil_start(2026, 2, 28) + 36000, 12), civil_start(2025, 2, 28) + 36000);
}

/* ---- utf8 ---- */

#define U8(lit) utf8_chars(lit, sizeof lit - 1)

static void test_utf8_good(void **state)
{
	(void)state;
	assert_int_equal(U8(""), 0);
	assert_int_equal(U8("abc"), 3);
	assert_int_equal(U8("中山街道"), 4);
	assert_int_equal(U8("\x7f"), 1);
	assert_int_equal(U8("\xc2\x80"), 1);	 /* U+0080, the smallest of two bytes */
	assert_int_equal(U8("\xdf\xbf"), 1);	 /* U+07FF */
	assert_int_equal(U8("\xe0\xa0\x80"), 1); /* U+0800, the smallest of three */
	assert_int_equal(U8("\xed\x9f\xbf"), 1); /* U+D7FF, just below the surrogates */
	assert_int_equal(U8("\xee\x80\x80"), 1); /* U+E000, just above */
	assert_int_equal(U8("\xef\xbf\xbf"), 1); /* U+FFFF */
	assert_int_equal(U8("\xf0\x90\x80\x80"), 1); /* U+10000, the smallest of four */
	assert_int_equal(U8("\xf0\x9f\x98\x80"), 1); /* an emoji */
	assert_int_equal(U8("\xf4\x8f\xbf\xbf"), 1); /* U+10FFFF, the last */
	assert_int_equal(U8("a\0b"), 3);	     /* a NUL within n is a character */
	assert_int_equal(utf8_chars("abc\xff", 3), 3); /* only n bytes are read */
	assert_int_equal(utf8_chars(NULL, 0), 0);
}

static void test_utf8_bad(void **state)
{
	(void)state;
	/* overlong forms */
	assert_int_equal(U8("\xc0\xaf"), -1); /* '/' in two bytes */
	assert_int_equal(U8("\xc0\x80"), -1); /* NUL in two bytes (modified UTF-8) */
	assert_int_equal(U8("\xc1\xbf"), -1);
	assert_int_equal(U8("\xe0\x80\xaf"), -1);
	assert_int_equal(U8("\xe0\x9f\xbf"), -1); /* U+07FF in three */
	assert_int_equal(U8("\xf0\x80\x80\xaf"), -1);
	assert_int_equal(U8("\xf0\x8f\xbf\xbf"), -1); /* U+FFFF in four */
	assert_int_equal(U8("\xf8\x88\x80\x80\x80"), -1); /* five bytes */
	/* surrogates, alone and as a CESU-8 pair */
	assert_int_equal(U8("\xed\xa0\x80"), -1); /* U+D800 */
	assert_int_equal(U8("\xed\xbf\xbf"), -1); /* U+DFFF */
	assert_int_equal(U8("\xed\xa0\xbd\xed\xb8\x80"), -1);
	/* past U+10FFFF, and bytes never used */
	assert_int_equal(U8("\xf4\x90\x80\x80"), -1);
	assert_int_equal(U8("\xf5\x80\x80\x80"), -1);
	assert_int_equal(U8("\xfe"), -1);
	assert_int_equal(U8("\xff"), -1);
	/* truncated sequences, at the end and before another character */
	assert_int_equal(U8("\xc3"), -1);
	assert_int_equal(U8("\xe4\xb8"), -1);
	assert_int_equal(U8("\xf0\x9f\x98"), -1);
	assert_int_equal(U8("abc\xe4"), -1);
	assert_int_equal(U8("\xe4\xb8" "a"), -1);
	assert_int_equal(utf8_chars("\xe4\xb8\xad", 2), -1); /* cut by n */
	/* continuation bytes alone or missing */
	assert_int_equal(U8("\x80"), -1);
	assert_int_equal(U8("a\xbf"), -1);
	assert_int_equal(U8("\xc3\x28"), -1);
	assert_int_equal(U8("\xe4\x28\xad"), -1);
	assert_int_equal(U8("\xf0\x9f\x28\x80"), -1);
}

/* A reference decoder written the other way round: decode the code point
 * from the lead byte's length, then reject by value. */
static long ref_chars(const unsigned char *p, size_t n)
{
	long chars = 0;
	for (size_t i = 0; i < n; chars++) {
		unsigned c = p[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n)
			return -1;
		unsigned long cp = len == 1 ? c : c & (0x7Fu >> len);
		for (size_t k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return -1;
			cp = cp << 6 | (p[i + k] & 0x3F);
		}
		static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
		if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return -1;
		i += len;
	}
	return chars;
}

/* Every sequence of one to three bytes, and every four-byte one over the
 * lead bytes and second bytes that matter, agree with the reference. */
static void test_utf8_exhaustive(void **state)
{
	(void)state;
	unsigned char b[4];
	for (unsigned x = 0; x < 1u << 24; x++) {
		b[0] = (unsigned char)(x >> 16), b[1] = (unsigned char)(x >> 8), b[2] = (unsigned char)x;
		for (size_t n = 1; n <= 3; n++)
			if (n == 3 || (x & ((1u << (8 * (3 - n))) - 1)) == 0)
				if (utf8_chars((const char *)b, n) != ref_chars(b, n)) {
					print_error("%02x %02x %02x (%zu bytes)\n", b[0], b[1], b[2], n);
					fail();
				}
	}
	for (unsigned x = 0; x < 1u << 16; x++)
		for (unsigned t = 0; t < 4; t++) {
			static const unsigned char tail[4][2] = {{0x80, 0x80}, {0xBF, 0xBF}, {0x28, 0x80}, {0x80, 0xC0}};
			b[0] = (unsigned char)(x >> 8), b[1] = (unsigned char)x, b[2] = tail[t][0], b[3] = tail[t][1];
			if (utf8_chars((const char *)b, 4) != ref_chars(b, 4)) {
				print_error("%02x %02x %02x %02x\n", b[0], b[1], b[2], b[3]);
				fail();
			}
		}
}

int main(void)
{
	const struct CMUnitTest idcard_tests[] = {
		cmocka_unit_test(test_ref_check_matches_standard),
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_idcard_good),
		cmocka_unit_test(test_idcard_bad),
		cmocka_unit_test(test_idcard_wrong_check_every_char),
		cmocka_unit_test(test_idcard_len_not_nul),
		cmocka_unit_test(test_idcard_all_provinces),
		cmocka_unit_test(test_idcard_strerror),
	};
	const struct CMUnitTest date_tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_age_on),
		cmocka_unit_test(test_age_rule),
		cmocka_unit_test(test_age_from_idcard),
	};
	const struct CMUnitTest phone_tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_phone_len),
	};
	const struct CMUnitTest mask_tests[] = {
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_mask_truncate),
	};
	const struct CMUnitTest pipeline_tests[] = {
		cmocka_unit_test(test_stage_names),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_workforce_quarters),
	};
	const struct CMUnitTest utf8_tests[] = {
		cmocka_unit_test(test_utf8_good),
		cmocka_unit_test(test_utf8_bad),
		cmocka_unit_test(test_utf8_exhaustive),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("idcard", idcard_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("dates", date_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("phone", phone_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("mask", mask_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("pipeline", pipeline_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("utf8", utf8_tests, NULL, NULL);
	return failed != 0;
}
