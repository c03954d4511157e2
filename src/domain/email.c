/* email.c - see email.h. */
#include "domain/email.h"

#include <string.h>

static int local_char(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c && strchr("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
}

static int domain_ok(const char *d, size_t n)
{
	if (n < 3 || n > 253)
		return 0;
	int dots = 0;
	size_t label = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)d[i];
		if (c == '.') {
			if (label == 0 || d[i - 1] == '-')
				return 0;
			dots++, label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	return dots > 0 && label > 0 && d[n - 1] != '-';
}

int email_valid(const char *s, size_t len)
{
	if (!s || len < 5 || len > EMAIL_MAX)
		return 0;
	const char *at = memchr(s, '@', len);
	if (!at)
		return 0;
	size_t local = (size_t)(at - s), dom = len - local - 1;
	if (local == 0 || local > 64 || s[0] == '.' || s[local - 1] == '.')
		return 0;
	for (size_t i = 0; i < local; i++)
		if (!local_char((unsigned char)s[i]) || (s[i] == '.' && s[i + 1] == '.'))
			return 0;
	return domain_ok(at + 1, dom);
}
