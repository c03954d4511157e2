/* utf8.c - well-formed UTF-8 (see utf8.h). */
#include "domain/utf8.h"

long utf8_chars(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	long chars = 0;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len;
		unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
		if (c < 0x80) {
			len = 1;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0; /* below: overlong */
			else if (c == 0xED)
				hi = 0x9F; /* above: a surrogate */
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90; /* below: overlong */
			else if (c == 0xF4)
				hi = 0x8F; /* above: past U+10FFFF */
		} else {
			return -1; /* a continuation byte alone, C0/C1 (overlong), F5..FF */
		}
		if (len > n - i)
			return -1; /* cut short */
		for (size_t k = 1; k < len; k++) {
			unsigned b = p[i + k];
			if (k == 1 ? b < lo || b > hi : b < 0x80 || b > 0xBF)
				return -1;
		}
		i += len;
		chars++;
	}
	return chars;
}
