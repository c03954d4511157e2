/* timefmt.h - ISO 8601 times for the API.
 *
 * The server writes times in China Standard Time with an explicit offset
 * ("2026-11-22T21:33:12+08:00") and accepts any offset or Z on input. */
#ifndef LD_DOMAIN_TIMEFMT_H
#define LD_DOMAIN_TIMEFMT_H

#include <stdint.h>

/* Local time: China Standard Time, UTC+8 all year (no daylight saving).
 * The one definition; every day, week and month boundary derives from it. */
#define LOCAL_UTC_OFFSET (8 * 3600)

/* The local midnight starting the day of unix time t. */
int64_t local_day_start(int64_t t);
/* The local day of unix time t as days since 1970-01-01, and the weekday of
 * such a day number: 0 = Monday ... 6 = Sunday. */
int64_t local_day(int64_t t);
int day_weekday(int64_t day);
/* The local midnight starting civil date y-m-d. */
int64_t civil_start(int64_t y, unsigned m, unsigned d);

/* Format unix seconds; out needs 32 bytes. */
void time_format(int64_t t, char out[32]);
/* Parse "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)"; 0 ok, -1 bad. */
int time_parse(const char *s, int64_t *out);
/* Today's date in China as YYYYMMDD. */
int today_ymd(int64_t now);
/* Days from 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
/* `t` plus `months` calendar months in China time, keeping the time of day;
 * a day past the month's end becomes its last day (Jan 31 + 1 = Feb 28). */
int64_t time_add_months(int64_t t, int months);
/* Midnight (China time) starting the date "YYYY-MM-DD"; -1 if bad. */
int64_t date_start(const char *date);

/* Parse "YYYY-MM-DD" into y, m, d; 0 ok (a real date), -1 bad. */
int date_parse(const char *s, int *y, int *m, int *d);

#endif
