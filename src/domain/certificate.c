/* certificate.c - codes, numbers and periods of certificates (certificate.h). */
#include "domain/certificate.h"

#include <stdio.h>
#include <string.h>

static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void cert_code_format(const unsigned char raw[CERT_CODE_BYTES], char out[CERT_CODE_LEN + 1])
{
	unsigned acc = 0;
	int bits = 0, n = 0;
	for (int i = 0; i < CERT_CODE_BYTES; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			if (n && n % 5 == 4)
				out[n++] = '-';
			out[n++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[n] = 0;
}

int cert_code_parse(const char *in, char out[CERT_CODE_LEN + 1])
{
	size_t len = strlen(in);
	int hyphens = len == CERT_CODE_LEN;
	if (!hyphens && len != CERT_CODE_CHARS)
		return -1;
	int n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = in[i];
		if (hyphens && i % 5 == 4) {
			if (c != '-')
				return -1;
			out[n++] = '-';
			continue;
		}
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!c || !strchr(b32, c))
			return -1;
		if (!hyphens && i && i % 4 == 0)
			out[n++] = '-';
		out[n++] = c;
	}
	out[n] = 0;
	return 0;
}

void cert_number_format(int year, int64_t seq, char out[32])
{
	snprintf(out, 32, "ZYZM-%04d-%06lld", year, (long long)seq);
}

static int ymd_of(const char *date)
{
	int y = 0, m = 0, d = 0;
	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

int cert_period_check(const char *from, const char *to, int today_ymd, const char **field, const char **message)
{
	if (ymd_of(from) > ymd_of(to)) {
		*field = "to";
		*message = "to must not be before from";
		return -1;
	}
	if (ymd_of(to) > today_ymd) {
		*field = ymd_of(from) > today_ymd ? "from" : "to";
		*message = "a certificate covers service already done: the period must not reach past today";
		return -1;
	}
	return 0;
}
