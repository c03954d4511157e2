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

/* Keep the first character (UTF-8) of a name of two or more, and its last
 * too when keep_last and it has three or more; '*' for every other one. */
static size_t mask_chars(const char *in, int keep_last, char *out, size_t n)
{
	size_t len = 0, chars = 0, first = 0, last = 0;
	char buf[256];

	in = in ? in : "";
	for (const char *p = in; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if (chars++ == 1)
				first = (size_t)(p - in);
			last = (size_t)(p - in);
		}
	keep_last = keep_last && chars >= 3 && strlen(in) - first < sizeof buf;
	if (chars == 1)
		first = 0;
	if (chars > 1 && first < sizeof buf) {
		memcpy(buf, in, first);
		len = first;
	}
	for (size_t i = len ? 1 : 0; i < chars - (keep_last ? 1 : 0) && len + 1 < sizeof buf; i++)
		buf[len++] = '*';
	if (keep_last) {
		size_t tail = strlen(in) - last;
		if (len + tail < sizeof buf) {
			memcpy(buf + len, in + last, tail);
			len += tail;
		}
	}
	buf[len] = '\0';
	if (n > 0 && out != NULL) {
		size_t w = len < n - 1 ? len : n - 1;
		memcpy(out, buf, w);
		out[w] = '\0';
	}
	return len;
}

size_t mask_name(const char *in, char *out, size_t n)
{
	return mask_chars(in, 0, out, n);
}

size_t mask_name_ends(const char *in, char *out, size_t n)
{
	return mask_chars(in, 1, out, n);
}
