/* workdays.c - see workdays.h. */
#include "domain/workdays.h"

#include <stddef.h>
#include <string.h>

#include "domain/timefmt.h"

#define DAY 86400

const char *const cal_kind_names[] = {"holiday", "workday", NULL};

int cal_kind_parse(const char *name)
{
	for (int i = 0; name && cal_kind_names[i]; i++)
		if (strcmp(cal_kind_names[i], name) == 0)
			return i;
	return -1;
}

int ymd_of_day(int64_t day)
{
	return today_ymd(day * DAY - LOCAL_UTC_OFFSET);
}

int ymd_of_time(int64_t t)
{
	return ymd_of_day(local_day(t));
}

/* The calendar's entry for ymd, or NULL (binary search: days are sorted). */
static const struct cal_day *find(const struct workcal *cal, int ymd)
{
	int lo = 0, hi = cal ? cal->n : 0;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (cal->days[mid].ymd < ymd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cal && lo < cal->n && cal->days[lo].ymd == ymd ? &cal->days[lo] : NULL;
}

static int day_is_working(const struct workcal *cal, int64_t day)
{
	const struct cal_day *c = find(cal, ymd_of_day(day));
	if (c)
		return c->kind == CAL_WORKDAY;
	return day_weekday(day) < 5;
}

int workday_is(const struct workcal *cal, int ymd)
{
	int64_t day = days_from_civil(ymd / 10000, (unsigned)(ymd / 100 % 100), (unsigned)(ymd % 100));
	return day_is_working(cal, day);
}

/* The local day an end moment belongs to: `from` is exclusive, so a shift
 * ending at 24:00 (the next day's 00:00) ended on the day before. */
static int64_t end_day(int64_t from)
{
	return local_day(from - 1);
}

int64_t workdays_due(const struct workcal *cal, int64_t from, int days)
{
	int64_t day = end_day(from);
	while (days > 0) {
		day++;
		if (day_is_working(cal, day))
			days--;
	}
	/* due at the end of that working day */
	return (day + 1) * DAY - 1 - LOCAL_UTC_OFFSET;
}

void workdays_span(int64_t from, int days, int *first, int *last)
{
	int64_t day = end_day(from);
	*first = ymd_of_day(day);
	*last = ymd_of_day(day + 70 + (int64_t)(days > 0 ? days : 0));
}
