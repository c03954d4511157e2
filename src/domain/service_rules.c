/* service_rules.c - see service_rules.h. */
#include "domain/service_rules.h"

#include <string.h>

#include "domain/timefmt.h"

#define DAY 86400

static const struct mode_roles roles[] = {
	{"daily", "supervises", "practises"},
	{"professional", "practises", "assists"},
	{"event", "organises", "implements"},
	{"emergency", "assesses", "participates"},
	{"advocacy", "promotes", "spreads"},
};

const struct mode_roles *mode_roles(const char *mode)
{
	for (size_t i = 0; mode && i < sizeof roles / sizeof *roles; i++)
		if (strcmp(roles[i].mode, mode) == 0)
			return &roles[i];
	return NULL;
}

int intervals_overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
	return a0 < b1 && b0 < a1;
}

int shift_is_night(int64_t start, int64_t end)
{
	if (end <= start)
		return 0;
	/* Walk the local days the shift touches; each has a night part
	 * [00:00, 06:00) and [22:00, 24:00). */
	int64_t s = start + LOCAL_UTC_OFFSET, e = end + LOCAL_UTC_OFFSET;
	for (int64_t day = local_day(start); day * DAY < e; day++) {
		int64_t d0 = day * DAY;
		if (intervals_overlap(s, e, d0, d0 + 6 * 3600) || intervals_overlap(s, e, d0 + 22 * 3600, d0 + DAY))
			return 1;
	}
	return 0;
}

int64_t week_start_of(int64_t t)
{
	int64_t day = local_day(t);
	return (day - day_weekday(day)) * DAY - LOCAL_UTC_OFFSET;
}

int64_t minutes_in_week(int64_t start, int64_t end, int64_t week_start)
{
	int64_t a = start > week_start ? start : week_start;
	int64_t b = end < week_start + 7 * DAY ? end : week_start + 7 * DAY;
	return b > a ? (b - a) / 60 : 0;
}

const int stars_default_hours[5] = {100, 300, 600, 1000, 1500};

int stars_for_minutes(int64_t minutes, const int thresholds_hours[5])
{
	int stars = 0;
	for (int i = 0; i < 5; i++)
		if (minutes >= (int64_t)thresholds_hours[i] * 60)
			stars = i + 1;
	return stars;
}

double minutes_to_hours(int64_t minutes)
{
	/* exact to the minute, shown to two decimals */
	int64_t hundredths = (minutes * 100 + 30) / 60;
	return (double)hundredths / 100.0;
}

double sw_volunteer_ratio(int64_t volunteers_registered, int64_t social_workers)
{
	return social_workers > 0 ? (double)volunteers_registered / (double)social_workers : -1;
}
