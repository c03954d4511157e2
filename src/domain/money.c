/* money.c - an amount in integer fen written in figures and in Chinese
 * capital numerals (大写金额). The rules, and the choices made where the
 * People's Bank's rules allow two forms, are listed in money.h.
 *
 * Both forms are built in a local buffer sized for the longest amount, then
 * copied out, cut after a whole UTF-8 character if the caller's buffer is
 * short. libc only. */
#include "domain/money.h"

#include <stdlib.h>
#include <string.h>

/* A string under construction; room for the longest words or figures. */
struct mbuf {
	char s[MONEY_WORDS_MAX];
	size_t len;
};

static const char *const cap_digit[10] = {
	"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
};
/* The unit of a digit's place within its group of four. */
static const char *const cap_place[4] = {"", "拾", "佰", "仟"};
/* The unit closing a group: 万 for the second group, 亿 for the third. */
static const char *const cap_group[3] = {"", "万", "亿"};

static void put(struct mbuf *b, const char *piece)
{
	size_t k = strlen(piece);
	if (b->len + k >= sizeof b->s)
		abort(); /* the buffer is sized for the longest amount */
	memcpy(b->s + b->len, piece, k);
	b->len += k;
	b->s[b->len] = '\0';
}

/* Copy src to out[0..n), cut after a whole UTF-8 character if it is too
 * long; always NUL-terminated when n > 0. */
static const char *copy_out(const struct mbuf *b, char *out, size_t n)
{
	if (out == NULL || n == 0)
		return out;
	size_t k = b->len < n - 1 ? b->len : n - 1;
	while (k > 0 && k < b->len && ((unsigned char)b->s[k] & 0xC0) == 0x80)
		k--; /* s[k] continues a character: cut before that character */
	memcpy(out, b->s, k);
	out[k] = '\0';
	return out;
}

/* Whole yuan (at most 10^10, so 11 digits: three groups) in capital
 * numerals, without 元. One 零 stands for each run of 0s before a nonzero
 * digit, except 0s that close a group before its 万/亿. */
static void put_yuan(struct mbuf *b, uint64_t yuan)
{
	unsigned d[12];
	int len = 0;
	for (uint64_t v = yuan; v > 0 && len < 12; v /= 10)
		d[len++] = (unsigned)(v % 10);

	int written = 0, zeros = 0, group_any = 0;
	for (int p = len - 1; p >= 0; p--) {
		if (d[p] == 0) {
			zeros = written;
		} else {
			if (zeros)
				put(b, cap_digit[0]);
			put(b, cap_digit[d[p]]);
			put(b, cap_place[p % 4]);
			written = group_any = 1;
			zeros = 0;
		}
		if (p % 4 == 0 && p > 0 && group_any) {
			put(b, cap_group[p / 4]);
			group_any = 0;
			zeros = 0; /* the group's closing 0s are not read */
		}
	}
}

/* The 角 and 分 that are not 0. */
static void put_jiao_fen(struct mbuf *b, unsigned jiao, unsigned fen)
{
	if (jiao != 0) {
		put(b, cap_digit[jiao]);
		put(b, "角");
	}
	if (fen != 0) {
		put(b, cap_digit[fen]);
		put(b, "分");
	}
}

/* 角 and 分 after whole yuan (yuan > 0): nothing but 整 if both are 0, else
 * one 零 when the 元 digit or the 角 digit is 0. */
static void put_cents_after_yuan(struct mbuf *b, uint64_t yuan, unsigned jiao, unsigned fen)
{
	if (jiao == 0 && fen == 0) {
		put(b, "整");
		return;
	}
	if (yuan % 10 == 0 || jiao == 0)
		put(b, cap_digit[0]);
	put_jiao_fen(b, jiao, fen);
}

/* An amount under one yuan: 角 and 分 alone, "零元整" for 0. */
static void put_cents_only(struct mbuf *b, unsigned jiao, unsigned fen)
{
	if (jiao == 0 && fen == 0) {
		put(b, "零元整");
		return;
	}
	put_jiao_fen(b, jiao, fen);
}

const char *money_words_zh(int64_t fen, char *out, size_t n)
{
	if (fen > MONEY_MAX_FEN || fen < -MONEY_MAX_FEN)
		abort(); /* callers check the bound first */
	struct mbuf b = {.len = 0}; /* all zero: an empty string */
	if (fen < 0)
		put(&b, "负");
	uint64_t abs = fen < 0 ? (uint64_t)-fen : (uint64_t)fen;
	uint64_t yuan = abs / 100;
	unsigned jiao = (unsigned)(abs / 10 % 10), cents = (unsigned)(abs % 10);
	if (yuan == 0) {
		put_cents_only(&b, jiao, cents);
	} else {
		put_yuan(&b, yuan);
		put(&b, "元");
		put_cents_after_yuan(&b, yuan, jiao, cents);
	}
	return copy_out(&b, out, n);
}

/* Whole yuan in figures with a comma every three digits ("1,234"). */
static void put_grouped(struct mbuf *b, uint64_t yuan)
{
	char digits[24];
	int len = 0;
	do {
		digits[len++] = (char)('0' + yuan % 10);
		yuan /= 10;
	} while (yuan > 0);
	for (int i = len - 1; i >= 0; i--) {
		char one[2] = {digits[i], '\0'};
		put(b, one);
		if (i > 0 && i % 3 == 0)
			put(b, ",");
	}
}

const char *money_figures(int64_t fen, char *out, size_t n)
{
	struct mbuf b = {.len = 0}; /* all zero: an empty string */
	/* the magnitude in unsigned arithmetic, so INT64_MIN has one too */
	uint64_t abs = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	if (fen < 0)
		put(&b, "-");
	put(&b, "\xC2\xA5"); /* ¥ U+00A5 */
	put_grouped(&b, abs / 100);
	char cents[4] = {'.', (char)('0' + abs / 10 % 10), (char)('0' + abs % 10), '\0'};
	put(&b, cents);
	if (b.len + 1 > MONEY_FIGURES_MAX)
		abort(); /* MONEY_FIGURES_MAX is sized for INT64_MIN */
	return copy_out(&b, out, n);
}

/* ---- reading an amount in yuan ---- */

/* The bytes of a space at p (ASCII space, tab, U+3000), or 0. */
static size_t space_at(const char *p)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	return strncmp(p, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

/* The bytes of a space ending at end (after start), or 0. */
static size_t space_before(const char *start, const char *end)
{
	if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		return 1;
	return end - start >= 3 && memcmp(end - 3, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

static const char *skip_spaces(const char *p)
{
	for (size_t k; (k = space_at(p));)
		p += k;
	return p;
}

/* Whole yuan at *p up to end: digits, grouped by commas in threes or not
 * at all; *p moves past them. -1 when malformed or beyond the bound. */
static int read_yuan(const char **p, const char *end, int64_t *yuan)
{
	int64_t v = 0;
	int digits = 0, group = -1; /* digits since the last comma; -1: no comma yet */
	for (; *p < end && ((**p >= '0' && **p <= '9') || **p == ','); (*p)++) {
		if (**p == ',') {
			if (!digits || (group < 0 ? digits > 3 : group != 3))
				return -1;
			group = 0;
			continue;
		}
		if (v > MONEY_MAX_FEN / 100)
			return -1;
		v = v * 10 + (**p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (!digits || (group >= 0 && group != 3))
		return -1;
	*yuan = v;
	return 0;
}

int money_parse_yuan(const char *s, int64_t *fen)
{
	static const char *const signs[] = {"\xC2\xA5", "\xEF\xBF\xA5"}; /* ¥ U+00A5, ￥ U+FFE5 */
	if (!s)
		return -1;
	const char *p = skip_spaces(s), *end = p + strlen(p);
	for (size_t k; (k = space_before(p, end));)
		end -= k;
	for (size_t i = 0; i < sizeof signs / sizeof *signs; i++)
		if ((size_t)(end - p) >= strlen(signs[i]) && strncmp(p, signs[i], strlen(signs[i])) == 0) {
			p = skip_spaces(p + strlen(signs[i]));
			break;
		}
	int64_t yuan, cents = 0;
	if (read_yuan(&p, end, &yuan))
		return -1;
	if (p < end && *p == '.') {
		int k = 0;
		for (p++; p < end && *p >= '0' && *p <= '9' && k < 3; p++, k++)
			cents = cents * 10 + (*p - '0');
		if (k == 0 || k > 2)
			return -1;
		if (k == 1)
			cents *= 10;
	}
	if (p != end || yuan * 100 + cents > MONEY_MAX_FEN)
		return -1;
	*fen = yuan * 100 + cents;
	return 0;
}
