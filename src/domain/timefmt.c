/* timefmt.c - ISO 8601 formatting and parsing without the C library's
 * time-zone state (thread-safe, no TZ dependence). */
#include "domain/timefmt.h"

#include <stdio.h>
#include <string.h>


int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

void time_format(int64_t t, char out[32])
{
	int64_t local = t + LOCAL_UTC_OFFSET;
	int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	int64_t secs = local - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	/* a wide scratch buffer: the compiler cannot bound the year */
	char buf[96];
	int n = snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, (int)(secs / 3600),
			 (int)(secs / 60 % 60), (int)(secs % 60));
	if (n < 0)
		n = 0;
	if (n > 31)
		n = 31;
	memcpy(out, buf, (size_t)n);
	out[n] = 0;
}

int today_ymd(int64_t now)
{
	int64_t local = now + LOCAL_UTC_OFFSET;
	int y, m, d;
	civil_from_days(local / 86400, &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_parse(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, y) || digits(s + 5, 2, m) ||
	    digits(s + 8, 2, d))
		return -1;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	if (*d > mdays[*m - 1] + (*m == 2 && leap(*y)))
		return -1;
	return 0;
}

int time_parse(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 1;
	char date[11];
	if (strlen(s) < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return -1;
	memcpy(date, s, 10);
	date[10] = 0;
	if (date_parse(date, &y, &mo, &d) || digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
	    digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 59)
		return -1;
	const char *p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (strlen(p) != 6 || p[3] != ':' || digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) || oh > 23 ||
		    om > 59)
			return -1;
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se -
	       sign * (oh * 3600 + om * 60);
	return 0;
}

int64_t time_add_months(int64_t t, int months)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t local = t + LOCAL_UTC_OFFSET;
	int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	int64_t secs = local - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	int64_t mi = (int64_t)y * 12 + (m - 1) + months;
	y = (int)(mi >= 0 ? mi / 12 : (mi - 11) / 12);
	m = (int)(mi - (int64_t)y * 12) + 1;
	int last = mdays[m - 1] + (m == 2 && leap(y));
	if (d > last)
		d = last;
	return days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 + secs - LOCAL_UTC_OFFSET;
}

int64_t date_start(const char *date)
{
	int y, m, d;
	if (date_parse(date, &y, &m, &d))
		return -1;
	return civil_start(y, (unsigned)m, (unsigned)d);
}

int64_t civil_start(int64_t y, unsigned m, unsigned d)
{
	return days_from_civil(y, m, d) * 86400 - LOCAL_UTC_OFFSET;
}

int64_t local_day(int64_t t)
{
	int64_t local = t + LOCAL_UTC_OFFSET;
	return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

int64_t local_day_start(int64_t t)
{
	return local_day(t) * 86400 - LOCAL_UTC_OFFSET;
}

int day_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday */
	int64_t w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}
