/* password.c - refusing weak passwords: length, white space, repetition,
 * the username, and a short list of the most common passwords. */
#include "domain/password.h"

#include <ctype.h>
#include <string.h>

/* The most common passwords of PASSWORD_MIN or more characters (shorter
 * ones fail the length rule anyway), lower case. Compiled by hand from the
 * published top lists of leaked passwords: the 2011 CSDN leak's top entries
 * as reported in its public analyses (the favourites of Chinese users:
 * 123456789, 12345678, 11111111, dearbook, 00000000, 123123123, 88888888,
 * 147258369, 987654321, a123456789, 1qaz2wsx, woaini1314, qq123456 ...) and
 * the yearly "most common passwords" lists of SplashData (2011-2019) and
 * NordPass (2019-2023). Kept small on purpose: the length, repetition and
 * username rules catch the rest of the obvious ones. */
static const char *const common[] = {
	"00000000", "0000000000", "0123456789", "1111111111", "11111111", "111111111", "110110110",
	"11223344", "12121212", "12341234", "12344321", "123123123", "1234567890", "123456123",
	"12345678", "123456789", "123456789a", "123456aa", "123456abc", "12345qwert", "123654789",
	"123qweasd", "147258369", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "1qazxsw2", "22222222",
	"31415926", "5201314520", "520520520", "66666666", "77777777", "789456123", "87654321",
	"88888888", "987654321", "99999999", "a1234567", "a12345678", "a123456789", "aa123456",
	"aaaaaaaa", "abc12345", "abc123456", "abcd1234", "asdasdasd", "asdf1234", "asdfghjkl",
	"baseball", "dearbook", "football", "iloveyou", "iloveyou1", "letmein1", "liandong",
	"p@ssw0rd", "passw0rd", "password", "password1", "password123", "q1w2e3r4", "qazwsxedc",
	"qq123456", "qwe123456", "qweasdzxc", "qwer1234", "qwerty12", "qwerty123", "qwertyuiop",
	"sunshine", "superman", "wangyang", "welcome1", "wo123456", "woaini1314", "woaini520",
	"xiaoming", "zhang123", "zxcvbnm1", "zxcvbnm123",
};

static int same_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; n && strlen(hay) >= n; hay++) {
		size_t i = 0;
		while (i < n && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Distinct bytes, counted up to 3. */
static int few_distinct(const char *s)
{
	unsigned char seen[3];
	int n = 0;
	for (; *s && n < 3; s++) {
		int k = 0;
		while (k < n && seen[k] != (unsigned char)*s)
			k++;
		if (k == n)
			seen[n++] = (unsigned char)*s;
	}
	return n < 3;
}

const char *password_weakness(const char *username, const char *password)
{
	size_t len = password ? strlen(password) : 0;
	if (len < PASSWORD_MIN)
		return "password must be at least 8 characters";
	if (len > PASSWORD_MAX)
		return "password must be at most 200 characters";
	if (strspn(password, " \t\r\n\v\f") == len)
		return "password must not be only white space";
	if (few_distinct(password))
		return "password must hold at least 3 different characters";
	if (username && *username && contains_nocase(password, username))
		return "password must not contain the username";
	for (size_t i = 0; i < sizeof common / sizeof *common; i++)
		if (same_nocase(password, common[i]))
			return "password is one of the most common passwords";
	return NULL;
}
