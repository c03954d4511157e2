/* phone.c - normalisation and validation of mainland China mobile numbers. */
#include "domain/phone.h"

#include <string.h>

/* Longest accepted input after removing separators: "0086" + 11 digits. */
#define PHONE_MAX_RAW 15

int phone_normalize(const char *s, size_t len, char out[12])
{
	char buf[PHONE_MAX_RAW + 1];
	size_t n = 0;

	if (s == NULL || out == NULL)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || c == '-')
			continue;
		if (!(c >= '0' && c <= '9') && !(c == '+' && n == 0))
			return -1;
		if (n == PHONE_MAX_RAW)
			return -1;
		buf[n++] = c;
	}
	buf[n] = '\0';

	const char *p = buf;
	if (n == 14 && memcmp(buf, "+86", 3) == 0)
		p += 3;
	else if (n == 15 && memcmp(buf, "0086", 4) == 0)
		p += 4;
	else if (n == 13 && memcmp(buf, "86", 2) == 0)
		p += 2;
	else if (n != 11)
		return -1;

	/* '+' is only ever allowed as part of the "+86" prefix. */
	for (int i = 0; i < 11; i++)
		if (!(p[i] >= '0' && p[i] <= '9'))
			return -1;
	if (p[0] != '1' || p[1] < '3' || p[1] > '9')
		return -1;
	memcpy(out, p, 11);
	out[11] = '\0';
	return 0;
}
