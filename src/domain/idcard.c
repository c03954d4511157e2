/* idcard.c - validation of Chinese resident identity numbers (GB 11643-1999)
 * and the small date helpers it needs. */
#include "domain/idcard.h"

#include <string.h>

static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char check_chars[] = "10X98765432";

/* The real province-level codes (GB/T 2260). */
static const int provinces[] = {
	11, 12, 13, 14, 15,
	21, 22, 23,
	31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46,
	50, 51, 52, 53, 54,
	61, 62, 63, 64, 65,
	71, 81, 82,
};

char idcard_check_char(const char *first17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weights[i];
	return check_chars[sum % 11];
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_province(int code)
{
	for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (provinces[i] == code)
			return 1;
	return 0;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	int max = mdays[m - 1] + (m == 2 && leap(y));
	return d <= max;
}

int age_on(int y, int m, int d, int on)
{
	int oy = on / 10000, om = on / 100 % 100, od = on % 100;
	int age = oy - y;

	/* A Feb-29 birthday falls on Mar 1 in common years: comparing (m, d)
	 * pairs gives exactly that, since Feb 28 < Feb 29 < Mar 1. */
	if (om < m || (om == m && od < d))
		age--;
	return age;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

enum idcard_err idcard_parse(const char *s, size_t len, int today, struct idcard *out)
{
	char num[19];

	if (s == NULL || len != 18)
		return IDCARD_LENGTH;
	memcpy(num, s, 18);
	num[18] = '\0';
	for (int i = 0; i < 17; i++)
		if (!is_digit(num[i]))
			return IDCARD_CHARS;
	if (num[17] == 'x')
		num[17] = 'X';
	if (!is_digit(num[17]) && num[17] != 'X')
		return IDCARD_CHARS;

	if (!is_province(digits(num, 2)))
		return IDCARD_REGION;

	int y = digits(num + 6, 4), m = digits(num + 10, 2), d = digits(num + 12, 2);
	if (y < 1900 || !date_valid(y, m, d) || y * 10000 + m * 100 + d > today)
		return IDCARD_BIRTH;

	if (idcard_check_char(num) != num[17])
		return IDCARD_CHECK;

	if (out != NULL) {
		memcpy(out->number, num, sizeof out->number);
		memcpy(out->region, num, 6);
		out->region[6] = '\0';
		out->year = y;
		out->month = m;
		out->day = d;
		out->male = (num[16] - '0') % 2;
	}
	return IDCARD_OK;
}

const char *idcard_strerror(enum idcard_err e)
{
	switch (e) {
	case IDCARD_OK:
		return "ok";
	case IDCARD_LENGTH:
		return "must be 18 characters";
	case IDCARD_CHARS:
		return "must be 17 digits followed by a digit or X";
	case IDCARD_REGION:
		return "region code is not a valid province";
	case IDCARD_BIRTH:
		return "birth date is not valid";
	case IDCARD_CHECK:
		return "check digit does not match";
	}
	return "invalid identity number";
}
