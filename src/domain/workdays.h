/* workdays.h - working days as China counts them.
 *
 * A working day is Monday to Friday, local time, unless the State Council's
 * annual notice (国务院办公厅关于YYYY年部分节假日安排的通知) makes it a
 * holiday; a Saturday or Sunday is a working day only when the notice makes
 * it a make-up working day (调休上班). The notices' days are the holiday
 * calendar (store table calendar_days, shipped by the migration
 * 009_calendar.sql and edited by platform admins); a day the calendar does
 * not name follows the weekday. Pure: the service reads the calendar days of
 * the range it needs and passes them in. libc only. */
#ifndef LD_DOMAIN_WORKDAYS_H
#define LD_DOMAIN_WORKDAYS_H

#include <stdint.h>

enum cal_kind { CAL_HOLIDAY, CAL_WORKDAY };

/* One day of the calendar: its date as YYYYMMDD and what it is. */
struct cal_day {
	int ymd;
	enum cal_kind kind;
};

/* The calendar days the service read, sorted by ymd ascending, each date
 * once. { NULL, 0 } is a calendar without holidays (Monday to Friday). */
struct workcal {
	const struct cal_day *days;
	int n;
};

/* The API names of the kinds ("holiday", "workday"), NULL-terminated, in
 * enum order; cal_kind_parse gives the kind of a name, or -1. */
extern const char *const cal_kind_names[];
int cal_kind_parse(const char *name);

/* The working days that 民政部令第67号 gives to record a service (Art. 10:
 * within 10 working days of the activity's end). */
#define RECORD_DUE_WORKING_DAYS 10
/* A recorded record is "due soon" when its due date falls within this many
 * working days of now (the overdue list, docs/API.md). */
#define RECORD_DUE_SOON_WORKING_DAYS 3

/* The years the calendar API takes (GET ?year=, PUT/DELETE /{date}) and the
 * longest name of a day, in characters (docs/API.md "Holiday calendar"). */
#define CALENDAR_YEAR_MIN 2000
#define CALENDAR_YEAR_MAX 2099
#define CALENDAR_NAME_MAX 50

/* 1 if the local day `ymd` (YYYYMMDD) is a working day under cal. */
int workday_is(const struct workcal *cal, int ymd);

/* The moment something is due `days` working days after the moment `from`
 * (an end time, exclusive: 00:00 local belongs to the day before, so a
 * shift ending at 24:00 ended on its own day): the days are counted from
 * the local day after from's, and it is due at the end (23:59:59 local) of
 * the last of them. With days 0, the end of from's own day. */
int64_t workdays_due(const struct workcal *cal, int64_t from, int days);

/* The YYYYMMDD of local day number `day` (days since 1970-01-01), and of
 * the local day holding unix time t. */
int ymd_of_day(int64_t day);
int ymd_of_time(int64_t t);

/* The span of calendar days workdays_due(cal, from, days) may look at, as
 * YYYYMMDD first..last: what the service reads. Generous (70 days, and one
 * more for each working day), so that no run of holidays a notice sets
 * reaches past it; a day past it would be counted by its weekday. */
void workdays_span(int64_t from, int days, int *first, int *last);

#endif
