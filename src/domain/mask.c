/* mask.c - masking of ID numbers and phone numbers for display. */
#include "domain/mask.h"

#include <string.h>

/* Keep `head` leading and `tail` trailing characters of `in`, '*' for the
 * rest; if `in` is no longer than head + tail, mask all of it. Behaves like
 * snprintf: writes at most n - 1 characters plus a NUL, returns the full
 * length. */
static size_t mask_keep(const char *in, size_t head, size_t tail, char *out, size_t n)
{
	size_t len = in != NULL ? strlen(in) : 0;
	int whole = len <= head + tail;

	if (n == 0 || out == NULL)
		return len;
	size_t w = len < n - 1 ? len : n - 1;
	for (size_t i = 0; i < w; i++) {
		int keep = !whole && (i < head || i >= len - tail);
		out[i] = keep ? in[i] : '*';
	}
	out[w] = '\0';
	return len;
}

size_t mask_id_number(const char *in, char *out, size_t n)
{
	return mask_keep(in, 6, 4, out, n);
}

size_t mask_phone(const char *in, char *out, size_t n)
{
	return mask_keep(in, 3, 4, out, n);
}

size_t mask_name(const char *in, char *out, size_t n)
{
	size_t len = 0, chars = 0, first = 0;
	char buf[256];

	for (const char *p = in ? in : ""; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == 1)
			first = (size_t)(p - in);
	if (chars == 1)
		first = 0;
	if (chars > 1 && first < sizeof buf) {
		memcpy(buf, in, first);
		len = first;
	}
	for (size_t i = len ? 1 : 0; i < chars && len + 1 < sizeof buf; i++)
		buf[len++] = '*';
	buf[len] = '\0';
	if (n > 0 && out != NULL) {
		size_t w = len < n - 1 ? len : n - 1;
		memcpy(out, buf, w);
		out[w] = '\0';
	}
	return len;
}
