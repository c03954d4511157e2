/* idcard.h - Chinese resident identity numbers (GB 11643-1999).
 *
 * An 18-character number: 6-digit administrative region code, 8-digit birth
 * date YYYYMMDD, 3-digit sequence (odd = male, even = female) and an ISO 7064
 * MOD 11-2 check character (0-9 or X). Pure functions, no allocation. */
#ifndef LD_DOMAIN_IDCARD_H
#define LD_DOMAIN_IDCARD_H

#include <stddef.h>

enum idcard_err {
	IDCARD_OK = 0,
	IDCARD_LENGTH,	/* not 18 characters */
	IDCARD_CHARS,	/* a non-digit among the first 17, or a bad last char */
	IDCARD_REGION,	/* region code does not start with a province code 11-82 */
	IDCARD_BIRTH,	/* not a real date, before 1900, or after `today` */
	IDCARD_CHECK,	/* check character does not match */
};

struct idcard {
	char number[19];	/* normalised: upper-case X, NUL-terminated */
	char region[7];		/* first six digits */
	int year, month, day;	/* birth date */
	int male;		/* 1 male, 0 female (17th digit odd/even) */
};

/* The check character for the first 17 digits ('0'..'9' or 'X'). */
char idcard_check_char(const char *first17);

/* Validate s[0..len) against GB 11643. `today` is YYYYMMDD (birth dates after
 * it are refused). On IDCARD_OK fills *out (may be NULL). A lower-case 'x' is
 * accepted and normalised. */
enum idcard_err idcard_parse(const char *s, size_t len, int today, struct idcard *out);

/* A short English explanation of an error, for API messages. */
const char *idcard_strerror(enum idcard_err e);

/* 1 if y-m-d is a real Gregorian date. */
int date_valid(int y, int m, int d);

/* Whole years of age on date `on` (YYYYMMDD) for someone born y-m-d. */
int age_on(int y, int m, int d, int on);

#endif
