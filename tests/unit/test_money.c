/* test_money.c - amounts in integer fen written in figures and in Chinese
 * capital numerals (domain/money.c): each rule of 《正确填写票据和结算凭证的
 * 基本规定》 that money.h lists, with the regulation's own examples, the
 * bounds, short buffers, and 10,000 pseudo-random amounts read back from
 * their words; amounts in yuan as statements write them read into fen
 * (money_parse_yuan), and every figure money_figures writes read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/money.h"

static void assert_words(int64_t fen, const char *want)
{
	char buf[MONEY_WORDS_MAX];
	const char *got = money_words_zh(fen, buf, sizeof buf);
	assert_ptr_equal(got, buf);
	if (strcmp(got, want) != 0)
		print_error("fen %lld\n", (long long)fen);
	assert_string_equal(got, want);
}

static void assert_figures(int64_t fen, const char *want)
{
	char buf[MONEY_FIGURES_MAX];
	const char *got = money_figures(fen, buf, sizeof buf);
	assert_ptr_equal(got, buf);
	assert_string_equal(got, want);
}

/* The examples money.h gives, as the brief states them. */
static void header_examples(void **state)
{
	(void)state;
	assert_words(0, "零元整");
	assert_words(100, "壹元整");
	/* 零 after 元 as the 元 digit is 0 (the rule money.h chose) */
	assert_words(10050, "壹佰元零伍角");
	assert_words(100005, "壹仟元零伍分");
	assert_words(1000000, "壹万元整");
	assert_words(100010000, "壹佰万零壹佰元整");
	assert_words(12345678901, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分");
}

/* The examples of item 四 of the regulation, in the forms money.h chose. */
static void regulation_examples(void **state)
{
	(void)state;
	assert_words(140950, "壹仟肆佰零玖元伍角");           /* ¥1,409.50 */
	assert_words(600714, "陆仟零柒元壹角肆分");           /* ¥6,007.14 */
	assert_words(168032, "壹仟陆佰捌拾元零叁角贰分");     /* ¥1,680.32 */
	assert_words(10700053, "壹拾万柒仟元零伍角叁分");     /* ¥107,000.53 */
	assert_words(1640902, "壹万陆仟肆佰零玖元零贰分");    /* ¥16,409.02 */
	assert_words(32504, "叁佰贰拾伍元零肆分");            /* ¥325.04 */
	assert_words(100000, "壹仟元整");                     /* ¥1,000.00 */
}

/* Item 一: every digit 壹..玖, never 一二三 or 十. */
static void every_digit(void **state)
{
	(void)state;
	assert_words(100, "壹元整");
	assert_words(200, "贰元整");
	assert_words(300, "叁元整");
	assert_words(400, "肆元整");
	assert_words(500, "伍元整");
	assert_words(600, "陆元整");
	assert_words(700, "柒元整");
	assert_words(800, "捌元整");
	assert_words(900, "玖元整");
	assert_words(98765432100, "玖亿捌仟柒佰陆拾伍万肆仟叁佰贰拾壹元整");
}

/* Item 二: ending at 元, 整 follows. */
static void zheng_after_yuan(void **state)
{
	(void)state;
	assert_words(10000, "壹佰元整");
	assert_words(100000, "壹仟元整");
	assert_words(32500, "叁佰贰拾伍元整");
}

/* Item 二: ending at 角, nothing follows (the choice where it allows 整). */
static void nothing_after_jiao(void **state)
{
	(void)state;
	assert_words(350, "叁元伍角");
	assert_words(110, "壹元壹角");
	assert_words(11550, "壹佰壹拾伍元伍角");
	assert_words(140950, "壹仟肆佰零玖元伍角"); /* item 四(一) */
}

/* Item 二: after 分 never 整. */
static void nothing_after_fen(void **state)
{
	(void)state;
	assert_words(123456, "壹仟贰佰叁拾肆元伍角陆分");
	assert_words(111, "壹元壹角壹分");
}

/* Item 四(一): a 0 between digits is written 零. */
static void zero_between_digits(void **state)
{
	(void)state;
	assert_words(100500, "壹仟零伍元整");
	assert_words(10100, "壹佰零壹元整");
	assert_words(101000, "壹仟零壹拾元整");
	assert_words(1640900, "壹万陆仟肆佰零玖元整");
}

/* Item 四(二): a run of 0s gives one 零. */
static void run_of_zeros_one_ling(void **state)
{
	(void)state;
	assert_words(600714, "陆仟零柒元壹角肆分");
	assert_words(100100, "壹仟零壹元整");
	assert_words(100000100, "壹佰万零壹元整");
}

/* A run of 0s across a 万 or 亿 that opens the lower group: one 零. */
static void zeros_across_groups(void **state)
{
	(void)state;
	assert_words(100010000, "壹佰万零壹佰元整");
	assert_words(10000000100, "壹亿零壹元整");       /* 100,000,001 yuan */
	assert_words(10000100000, "壹亿零壹仟元整");     /* 100,001,000 yuan */
	assert_words(10100000000, "壹亿零壹佰万元整");   /* 101,000,000 yuan */
	assert_words(100001000000, "壹拾亿零壹万元整");  /* 1,000,010,000 yuan */
	assert_words(2000300, "贰万零叁元整");
	assert_words(20002000000, "贰亿零贰万元整");
	assert_words(90090000, "玖拾万零玖佰元整");
	assert_words(300500000000, "叁拾亿零伍佰万元整"); /* 3,005,000,000 yuan */
}

/* 0s inside one group: one 零 (1001万 is 壹仟零壹万). */
static void zeros_inside_a_group(void **state)
{
	(void)state;
	assert_words(1001000000, "壹仟零壹万元整"); /* 10,010,000 yuan */
	assert_words(900900, "玖仟零玖元整");
	assert_words(909000000, "玖佰零玖万元整");
}

/* 0s closing a group before its 万/亿 give no 零 (the choice where item
 * 四(三) allows either): 壹拾万柒仟, as the regulation's first form. */
static void group_closing_zeros_unread(void **state)
{
	(void)state;
	assert_words(10700053, "壹拾万柒仟元零伍角叁分"); /* item 四(三) */
	assert_words(100100000, "壹佰万壹仟元整");
	assert_words(101000000000, "壹拾亿壹仟万元整");
	assert_words(11500000, "壹拾壹万伍仟元整");
}

/* Item 四(三): the 元 digit 0 with 角/分 following: 零 after 元 (choice). */
static void ling_after_yuan_digit_zero(void **state)
{
	(void)state;
	assert_words(168032, "壹仟陆佰捌拾元零叁角贰分");
	assert_words(10050, "壹佰元零伍角");
	assert_words(10000005, "壹拾万元零伍分");
	assert_words(1030, "壹拾元零叁角");
	assert_words(10000030, "壹拾万元零叁角");
}

/* Item 四(四): 角 0 with 分 not 0: 零 after 元, just one. */
static void ling_for_zero_jiao(void **state)
{
	(void)state;
	assert_words(1640902, "壹万陆仟肆佰零玖元零贰分");
	assert_words(32504, "叁佰贰拾伍元零肆分");
	assert_words(105, "壹元零伍分");
	assert_words(1005, "壹拾元零伍分"); /* 元 digit 0 too: still one 零 */
	assert_words(100005, "壹仟元零伍分");
}

/* Under one yuan: 角 and 分 alone, no leading 零元. */
static void under_one_yuan(void **state)
{
	(void)state;
	assert_words(50, "伍角");
	assert_words(5, "伍分");
	assert_words(55, "伍角伍分");
	assert_words(1, "壹分");
	assert_words(9, "玖分");
	assert_words(10, "壹角");
	assert_words(99, "玖角玖分");
}

/* A leading 拾 is 壹拾. */
static void leading_ten_is_yi_shi(void **state)
{
	(void)state;
	assert_words(1000, "壹拾元整");
	assert_words(1500, "壹拾伍元整");
	assert_words(10000000, "壹拾万元整");
	assert_words(100000000000, "壹拾亿元整");
	assert_words(11000, "壹佰壹拾元整"); /* and inside: 壹拾 */
}

/* Whole 万 and 亿. */
static void wan_and_yi(void **state)
{
	(void)state;
	assert_words(1000000, "壹万元整");
	assert_words(10000000000, "壹亿元整");
	assert_words(11000000000, "壹亿壹仟万元整");
	assert_words(12000000000, "壹亿贰仟万元整");
	assert_words(10001000000, "壹亿零壹万元整");
}

/* The small amounts one by one: 0, 1, 9, 10, 99, 100, 101, 1000, 1001. */
static void small_boundaries(void **state)
{
	(void)state;
	assert_words(0, "零元整");
	assert_words(1, "壹分");
	assert_words(9, "玖分");
	assert_words(10, "壹角");
	assert_words(99, "玖角玖分");
	assert_words(100, "壹元整");
	assert_words(101, "壹元零壹分");
	assert_words(199, "壹元玖角玖分");
	assert_words(1000, "壹拾元整");
	assert_words(1001, "壹拾元零壹分");
	assert_words(1010, "壹拾元零壹角");
}

/* Powers of ten up to the bound. */
static void powers_of_ten(void **state)
{
	(void)state;
	static const char *const want[] = {
		"壹分", "壹角", "壹元整", "壹拾元整", "壹佰元整", "壹仟元整", "壹万元整",
		"壹拾万元整", "壹佰万元整", "壹仟万元整", "壹亿元整", "壹拾亿元整", "壹佰亿元整",
	};
	int64_t fen = 1;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++, fen *= 10)
		assert_words(fen, want[i]);
}

/* MONEY_MAX_FEN and its neighbours. */
static void the_bound(void **state)
{
	(void)state;
	assert_words(MONEY_MAX_FEN, "壹佰亿元整");
	assert_words(-MONEY_MAX_FEN, "负壹佰亿元整");
	assert_words(MONEY_MAX_FEN - 1, "玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
	assert_words(-(MONEY_MAX_FEN - 1),
		     "负玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
}

/* Negative amounts get a leading 负. */
static void negative(void **state)
{
	(void)state;
	assert_words(-100, "负壹元整");
	assert_words(-1, "负壹分");
	assert_words(-55, "负伍角伍分");
	assert_words(-168032, "负壹仟陆佰捌拾元零叁角贰分");
}

/* The longest words fit MONEY_WORDS_MAX with room to spare. */
static void longest_words_fit(void **state)
{
	(void)state;
	char buf[MONEY_WORDS_MAX];
	money_words_zh(-(MONEY_MAX_FEN - 1), buf, sizeof buf);
	assert_true(strlen(buf) + 1 < sizeof buf);
	money_words_zh(-90909090909, buf, sizeof buf);
	assert_string_equal(buf, "负玖亿零玖佰零玖万零玖佰零玖元零玖分");
}

/* A short buffer gets whole characters only, NUL-terminated. */
static void short_buffer_cut_at_a_character(void **state)
{
	(void)state;
	char buf[16];
	memset(buf, 'x', sizeof buf);
	money_words_zh(100, buf, 0);
	assert_int_equal(buf[0], 'x'); /* n = 0: left alone */
	assert_string_equal(money_words_zh(100, buf, 1), "");
	assert_string_equal(money_words_zh(100, buf, 3), "");
	assert_string_equal(money_words_zh(100, buf, 4), "壹");
	assert_string_equal(money_words_zh(100, buf, 6), "壹");
	assert_string_equal(money_words_zh(100, buf, 7), "壹元");
	assert_string_equal(money_words_zh(100, buf, 10), "壹元整");
	assert_ptr_equal(money_words_zh(1, NULL, 0), NULL);
}

/* So do the figures ("¥" is two bytes). */
static void figures_short_buffer(void **state)
{
	(void)state;
	char buf[16];
	memset(buf, 'x', sizeof buf);
	money_figures(100, buf, 0);
	assert_int_equal(buf[0], 'x');
	assert_string_equal(money_figures(100, buf, 2), "");
	assert_string_equal(money_figures(100, buf, 3), "\xC2\xA5");
	assert_string_equal(money_figures(123456, buf, 6), "\xC2\xA5" "1,2");
	assert_string_equal(money_figures(-123456, buf, 12), "-\xC2\xA5" "1,234.56");
	assert_string_equal(money_figures(-123456, buf, 11), "-\xC2\xA5" "1,234.5");
}

static int aborts(int64_t fen)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(2);
		char buf[MONEY_WORDS_MAX];
		money_words_zh(fen, buf, sizeof buf);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

/* Beyond MONEY_MAX_FEN either way: abort(). */
static void beyond_the_bound_aborts(void **state)
{
	(void)state;
	assert_true(aborts(MONEY_MAX_FEN + 1));
	assert_true(aborts(-MONEY_MAX_FEN - 1));
	assert_true(aborts(INT64_MAX));
	assert_true(aborts(INT64_MIN));
	assert_false(aborts(MONEY_MAX_FEN));
	assert_false(aborts(-MONEY_MAX_FEN));
}

/* Figures: ¥, two decimals, a comma every three digits. */
static void figures_plain(void **state)
{
	(void)state;
	assert_figures(123456, "¥1,234.56");
	assert_figures(5, "¥0.05");
	assert_figures(0, "¥0.00");
	assert_figures(10, "¥0.10");
	assert_figures(100, "¥1.00");
	assert_figures(99999, "¥999.99");
}

static void figures_thousands(void **state)
{
	(void)state;
	assert_figures(100000, "¥1,000.00");
	assert_figures(1234567, "¥12,345.67");
	assert_figures(12345678, "¥123,456.78");
	assert_figures(123456789, "¥1,234,567.89");
	assert_figures(100000000, "¥1,000,000.00");
	assert_figures(MONEY_MAX_FEN, "¥10,000,000,000.00");
}

static void figures_negative(void **state)
{
	(void)state;
	assert_figures(-1200, "-¥12.00");
	assert_figures(-1, "-¥0.01");
	assert_figures(-123456, "-¥1,234.56");
	assert_figures(-MONEY_MAX_FEN, "-¥10,000,000,000.00");
}

/* The small amounts in figures. */
static void figures_small_boundaries(void **state)
{
	(void)state;
	assert_figures(1, "¥0.01");
	assert_figures(9, "¥0.09");
	assert_figures(99, "¥0.99");
	assert_figures(101, "¥1.01");
	assert_figures(1000, "¥10.00");
	assert_figures(99999999, "¥999,999.99");
	assert_figures(MONEY_MAX_FEN - 1, "¥9,999,999,999.99");
}

/* Figures take any int64_t, and the extremes fit MONEY_FIGURES_MAX. */
static void figures_extremes(void **state)
{
	(void)state;
	assert_figures(INT64_MAX, "¥92,233,720,368,547,758.07");
	assert_figures(INT64_MIN, "-¥92,233,720,368,547,758.08");
}

/* ---- reading the words back ---- */

/* The value of a capital digit, -1 if `c` (3 bytes) is not one. */
static int digit_of(const char *c)
{
	static const char *const d[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
	for (int i = 0; i < 10; i++)
		if (memcmp(c, d[i], 3) == 0)
			return i;
	return -1;
}

/* The amount in fen the words say, by the plain grammar of the numerals;
 * fails the test on a character out of place. */
static int64_t read_words(const char *w)
{
	int64_t sign = 1, total = 0, section = 0, digit = 0, yuan = 0, fen = 0;
	const char *p = w;
	if (strncmp(p, "负", 3) == 0) {
		sign = -1;
		p += 3;
	}
	for (; *p != '\0'; p += 3) {
		assert_true(strlen(p) >= 3);
		int d = digit_of(p);
		if (d >= 0)
			digit = d;
		else if (strncmp(p, "拾", 3) == 0)
			section += (digit != 0 ? digit : 1) * 10, digit = 0;
		else if (strncmp(p, "佰", 3) == 0)
			section += digit * 100, digit = 0;
		else if (strncmp(p, "仟", 3) == 0)
			section += digit * 1000, digit = 0;
		else if (strncmp(p, "亿", 3) == 0)
			total = (total + section + digit) * 100000000, section = digit = 0;
		else if (strncmp(p, "万", 3) == 0)
			total += (section + digit) * 10000, section = digit = 0;
		else if (strncmp(p, "元", 3) == 0)
			yuan = total + section + digit, total = section = digit = 0;
		else if (strncmp(p, "角", 3) == 0)
			fen += digit * 10, digit = 0;
		else if (strncmp(p, "分", 3) == 0)
			fen += digit, digit = 0;
		else if (strncmp(p, "整", 3) == 0)
			assert_true(p[3] == '\0');
		else
			fail_msg("unexpected character in %s", w);
	}
	assert_int_equal(total + section + digit, 0); /* nothing left unread */
	return sign * (yuan * 100 + fen);
}

static uint64_t lcg_state = 20250601;

static uint64_t lcg_next(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state >> 17;
}

/* A pseudo-random amount: half spread over the whole range, half made of
 * digits that are 0 more often than not (runs of 0s are where the rules
 * bite), at any length. */
static int64_t random_amount(void)
{
	int64_t fen;
	if (lcg_next() % 2 == 0) {
		fen = (int64_t)(lcg_next() % (uint64_t)(MONEY_MAX_FEN + 1));
	} else {
		int len = 1 + (int)(lcg_next() % 13);
		fen = 0;
		for (int i = 0; i < len; i++)
			fen = fen * 10 + (lcg_next() % 3 == 0 ? (int64_t)(lcg_next() % 10) : 0);
		if (fen > MONEY_MAX_FEN)
			fen = MONEY_MAX_FEN;
	}
	return lcg_next() % 4 == 0 ? -fen : fen;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && memcmp(s + n - k, tail, k) == 0;
}

/* 10,000 amounts: the words read back to the amount, hold no 零零, never end
 * in 零, say 零元 only as the whole 零元整 of 0, and end in 整 just when
 * there are no 角 and 分. */
static void random_amounts_read_back(void **state)
{
	(void)state;
	char buf[MONEY_WORDS_MAX];
	for (int i = 0; i < 10000; i++) {
		int64_t fen = random_amount();
		const char *w = money_words_zh(fen, buf, sizeof buf);
		if (read_words(w) != fen)
			fail_msg("fen %lld reads back as %lld: %s", (long long)fen,
				 (long long)read_words(w), w);
		assert_null(strstr(w, "零零"));
		assert_false(ends_with(w, "零"));
		if (fen == 0)
			assert_string_equal(w, "零元整");
		else
			assert_null(strstr(w, "零元"));
		assert_int_equal(ends_with(w, "整"), fen % 100 == 0);
		assert_int_equal(strncmp(w, "负", 3) == 0, fen < 0);
	}
}

/* The figures read back too: digits and commas in the right places. */
static void random_figures_read_back(void **state)
{
	(void)state;
	char buf[MONEY_FIGURES_MAX];
	lcg_state = 7;
	for (int i = 0; i < 10000; i++) {
		int64_t fen = random_amount();
		const char *s = money_figures(fen, buf, sizeof buf);
		const char *p = s;
		if (fen < 0)
			assert_int_equal(*p++, '-');
		assert_memory_equal(p, "\xC2\xA5", 2);
		p += 2;
		size_t int_len = strlen(p) - 3;
		int64_t v = 0;
		for (size_t k = 0; k < int_len; k++) {
			if ((int_len - k) % 4 == 0) {
				assert_int_equal(p[k], ',');
				continue;
			}
			assert_true(p[k] >= '0' && p[k] <= '9');
			v = v * 10 + (p[k] - '0');
		}
		assert_int_equal(p[int_len], '.');
		v = v * 100 + (p[int_len + 1] - '0') * 10 + (p[int_len + 2] - '0');
		assert_int_equal(fen < 0 ? -v : v, fen);
	}
}

static void assert_yuan(const char *s, int64_t want)
{
	int64_t got = -7;
	if (money_parse_yuan(s, &got) != 0)
		print_error("refused \"%s\"\n", s);
	assert_int_equal(money_parse_yuan(s, &got), 0);
	assert_int_equal(got, want);
}

static void assert_not_yuan(const char *s)
{
	int64_t got = -7;
	if (money_parse_yuan(s, &got) == 0)
		print_error("read \"%s\" as %lld\n", s, (long long)got);
	assert_int_equal(money_parse_yuan(s, &got), -1);
	assert_int_equal(got, -7); /* untouched */
}

/* The cases of the brief, exactly. */
static void yuan_brief_cases(void **state)
{
	(void)state;
	assert_yuan("0.01", 1);
	assert_yuan("100", 10000);
	assert_yuan("1,234.5", 123450);
	assert_yuan("\xC2\xA5" "8.00", 800);
	assert_not_yuan("1.234");
	assert_not_yuan("-1");
	assert_not_yuan("");
	assert_not_yuan("1e3");
	assert_not_yuan("1..2");
	/* the choice: surrounding spaces are trimmed */
	assert_yuan(" 12 ", 1200);
}

/* What statements write: decimals, groups, signs, spaces. */
static void yuan_as_statements_write_it(void **state)
{
	(void)state;
	assert_yuan("100.5", 10050);
	assert_yuan("100.50", 10050);
	assert_yuan("1,000.00", 100000);
	assert_yuan("\xC2\xA5" "1,000.00", 100000);
	assert_yuan("\xEF\xBF\xA5" "1,000.00", 100000); /* ￥, the full-width sign */
	assert_yuan("\xC2\xA5 20", 2000);
	assert_yuan("1,234,567.89", 123456789);
	assert_yuan("1234567.89", 123456789);
	assert_yuan("0", 0); /* 0 reads; whether it may be is the caller's rule */
	assert_yuan("0.00", 0);
	assert_yuan("007", 700);
	assert_yuan("\t 9.9\t", 990);
	assert_yuan("\xE3\x80\x80" "66" "\xE3\x80\x80", 6600); /* U+3000 on both sides */
	assert_yuan("0.1", 10);
}

static void yuan_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"+1", "- 1", "1-", "1.", ".5", "1.2.3", "12,34", "1,2345", "1234,567", ",123", "1,", "1,,234",
		"1,000,00", "1 000", "1e-2", "0x10", "abc", "100元", "\xC2\xA5", "\xC2\xA5\xC2\xA5" "1", "1" "\xC2\xA5",
		" ", "\xE3\x80\x80", "1.0.", "一百", "1\n", "NaN", "inf", "1.001", "12.345",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_not_yuan(bad[i]);
	int64_t fen = -7;
	assert_int_equal(money_parse_yuan(NULL, &fen), -1);
	assert_int_equal(fen, -7);
}

/* 10^12 fen (10^10 yuan) is the most; a digit more is refused, however
 * long the number (no overflow). */
static void yuan_bounds(void **state)
{
	(void)state;
	assert_yuan("10000000000", MONEY_MAX_FEN);
	assert_yuan("10,000,000,000.00", MONEY_MAX_FEN);
	assert_yuan("9999999999.99", MONEY_MAX_FEN - 1);
	assert_not_yuan("10000000000.01");
	assert_not_yuan("10000000001");
	assert_not_yuan("99999999999999999999999999999999");
	assert_not_yuan("92233720368547758.07");
	assert_yuan("00000000000000000000000000000001", 100);
}

/* Every figure money_figures writes (1 .. 10^12 fen) reads back. */
static void yuan_reads_figures_back(void **state)
{
	(void)state;
	char buf[MONEY_FIGURES_MAX];
	for (int i = 0; i < 10000; i++) {
		int64_t fen = random_amount();
		if (fen < 0)
			fen = -fen;
		assert_yuan(money_figures(fen, buf, sizeof buf), fen);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_examples),
		cmocka_unit_test(regulation_examples),
		cmocka_unit_test(every_digit),
		cmocka_unit_test(zheng_after_yuan),
		cmocka_unit_test(nothing_after_jiao),
		cmocka_unit_test(nothing_after_fen),
		cmocka_unit_test(zero_between_digits),
		cmocka_unit_test(run_of_zeros_one_ling),
		cmocka_unit_test(zeros_across_groups),
		cmocka_unit_test(zeros_inside_a_group),
		cmocka_unit_test(group_closing_zeros_unread),
		cmocka_unit_test(ling_after_yuan_digit_zero),
		cmocka_unit_test(ling_for_zero_jiao),
		cmocka_unit_test(under_one_yuan),
		cmocka_unit_test(leading_ten_is_yi_shi),
		cmocka_unit_test(wan_and_yi),
		cmocka_unit_test(small_boundaries),
		cmocka_unit_test(powers_of_ten),
		cmocka_unit_test(the_bound),
		cmocka_unit_test(negative),
		cmocka_unit_test(longest_words_fit),
		cmocka_unit_test(short_buffer_cut_at_a_character),
		cmocka_unit_test(figures_short_buffer),
		cmocka_unit_test(beyond_the_bound_aborts),
		cmocka_unit_test(figures_plain),
		cmocka_unit_test(figures_thousands),
		cmocka_unit_test(figures_negative),
		cmocka_unit_test(figures_small_boundaries),
		cmocka_unit_test(figures_extremes),
		cmocka_unit_test(random_amounts_read_back),
		cmocka_unit_test(random_figures_read_back),
		cmocka_unit_test(yuan_brief_cases),
		cmocka_unit_test(yuan_as_statements_write_it),
		cmocka_unit_test(yuan_refused),
		cmocka_unit_test(yuan_bounds),
		cmocka_unit_test(yuan_reads_figures_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
