/* money.h - an amount of money written out for a receipt or a statement,
 * and read from one.
 *
 * Money in Liandong is always integer fen (分, 1/100 yuan) in an int64_t,
 * never floating point. This module writes such an amount in figures
 * ("¥1,234.56") and in Chinese capital numerals (大写金额, "壹仟贰佰叁拾肆元
 * 伍角陆分"), as a donation receipt or a fund's statement shows it, and
 * reads an amount in yuan as a platform's statement writes it ("1,000.50")
 * digit by digit into fen. libc only.
 *
 * The capital numerals follow 中国人民银行《支付结算办法》(银发〔1997〕393号),
 * 附件一《正确填写票据和结算凭证的基本规定》, items 一 to 四; where an item
 * allows two forms, the one written here follows "choice:".
 *  - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分 and 整 (item 一;
 *    never 一二三, 十, 毛, 另);
 *  - ending at 元, 整 follows ("壹佰元整"); ending at 角, nothing follows
 *    (item 二 allows either; choice: "叁元伍角"); after 分 never 整 (item 二);
 *    of 整 and 正, choice: 整;
 *  - a 0 between digits gives 零, a run of 0s one 零 (item 四(一)(二):
 *    1,409.50 壹仟肆佰零玖元伍角, 6,007.14 陆仟零柒元壹角肆分), also across a
 *    万 or 亿 ("壹佰万零壹佰元整", "壹亿零壹元整", "壹仟零壹万元整",
 *    "壹亿零壹仟元整" for 100,001,000);
 *  - 0s that end a group of four before its 万 or 亿 give no 零: item 四(三)
 *    allows 零 there or none when the 万 digit is 0 (107,000.53 壹拾万柒仟元
 *    零伍角叁分 or 壹拾万零柒仟元伍角叁分); choice: none, as Chinese numbers
 *    are read ("壹拾万柒仟元整", "壹拾亿壹仟万元整");
 *  - the 元 digit 0 with 角 or 分 following: item 四(三) allows 零 after 元 or
 *    none (1,680.32 壹仟陆佰捌拾元零叁角贰分 or …捌拾元叁角贰分); choice:
 *    write 零 after 元 ("壹拾万柒仟元零伍角叁分" for 107,000.53);
 *  - 角 0 with 分 not 0: 零 after 元 (item 四(四): 16,409.02 壹万陆仟肆佰零玖元
 *    零贰分), one 零 only when the 元 digit is 0 as well ("壹拾元零伍分");
 *  - a leading 拾 is written 壹拾 ("壹拾元整", "壹拾万元整"), as on bills;
 *  - under one yuan no "零元" leads: 0.50 伍角, 0.05 伍分, 0.55 伍角伍分;
 *    0 is "零元整";
 *  - a negative amount gets a leading 负 ("负壹元整").
 * The "人民币" the rules ask before the words is the caller's (it is usually
 * printed on the form). */
#ifndef LD_DOMAIN_MONEY_H
#define LD_DOMAIN_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The most a single amount may be: 10^12 fen (10 billion yuan). */
#define MONEY_MAX_FEN 1000000000000LL

/* The amount in Chinese capital numerals as written on a receipt (大写金额),
 * into out (size n, at least MONEY_WORDS_MAX bytes), e.g. 0 -> "零元整",
 * 100 -> "壹元整", 10050 -> "壹佰元零伍角", 100005 -> "壹仟元零伍分",
 * 1000000 -> "壹万元整", 100010000 -> "壹佰万零壹佰元整", 12345678901 ->
 * "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分"; negative amounts get a
 * leading "负". Returns out. Amounts beyond MONEY_MAX_FEN in absolute value
 * abort() (a broken invariant: callers check bounds first). A smaller buffer
 * gets the words cut after a whole character, NUL-terminated (n = 0: out is
 * left alone). */
#define MONEY_WORDS_MAX 160
const char *money_words_zh(int64_t fen, char *out, size_t n);

/* The amount in figures: "¥1,234.56" (fen 123456), "¥0.05", "-¥12.00"
 * (¥ is U+00A5, as Intl writes CNY for zh-CN in the web app); into out (at
 * least MONEY_FIGURES_MAX bytes). Any int64_t is written, INT64_MIN too.
 * Returns out; a smaller buffer is cut as in money_words_zh. */
#define MONEY_FIGURES_MAX 40
const char *money_figures(int64_t fen, char *out, size_t n);

/* An amount in yuan as statements and sheets write it, as integer fen,
 * read digit by digit (never through a double): "100" -> 10000, "100.5" ->
 * 10050, "1,234.5" -> 123450, "¥8.00" -> 800, "0.01" -> 1. Surrounding
 * spaces (ASCII and the ideographic U+3000) are ignored; one sign ¥ (U+00A5)
 * or ￥ (U+FFE5) may lead, spaces after it too; the whole yuan are digits,
 * grouped by commas in threes or not at all ("1,234,567", "1234567"; not
 * "12,34"); then a point and one or two digits, or nothing. 0 with *fen
 * set; -1 for anything else, *fen untouched: empty, a sign (+ or -), a
 * third decimal, an exponent ("1e3"), a bare point ("1.", ".5"), any other
 * character, more than MONEY_MAX_FEN. "0" and "0.00" read as 0: whether an
 * amount may be 0 is the caller's rule. */
int money_parse_yuan(const char *s, int64_t *fen);

#endif
