/* test_workdays.c - working days as China counts them (domain/workdays.c),
 * with days of the State Council's notices for 2025 and 2026. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/workdays.h"

#define H 3600
#define HOL CAL_HOLIDAY
#define WORK CAL_WORKDAY

/* From 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12) and
 * 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): Spring Festival
 * and National Day of 2025, Spring Festival and Labour Day of 2026. */
static const struct cal_day days[] = {
	{20250126, WORK}, {20250128, HOL}, {20250129, HOL}, {20250130, HOL}, {20250131, HOL},
	{20250201, HOL},  {20250202, HOL}, {20250203, HOL}, {20250204, HOL}, {20250208, WORK},
	{20250928, WORK}, {20251001, HOL}, {20251002, HOL}, {20251003, HOL}, {20251004, HOL},
	{20251005, HOL},  {20251006, HOL}, {20251007, HOL}, {20251008, HOL}, {20251011, WORK},
	{20260214, WORK}, {20260215, HOL}, {20260216, HOL}, {20260217, HOL}, {20260218, HOL},
	{20260219, HOL},  {20260220, HOL}, {20260221, HOL}, {20260222, HOL}, {20260223, HOL},
	{20260228, WORK}, {20260501, HOL}, {20260502, HOL}, {20260503, HOL}, {20260504, HOL},
	{20260505, HOL},  {20260509, WORK},
};
static const struct workcal cal = {days, (int)(sizeof days / sizeof *days)};

/* Local y-m-d at hh:00 in China. */
static int64_t at(int y, unsigned m, unsigned d, int hh)
{
	return civil_start(y, m, d) + hh * H;
}

static void assert_due(const struct workcal *c, int64_t from, int n, const char *want)
{
	char buf[32];
	time_format(workdays_due(c, from, n), buf);
	assert_string_equal(buf, want);
}

static void which_days_work(void **state)
{
	(void)state;
	assert_true(workday_is(&cal, 20250928));	/* Sunday, make-up */
	assert_false(workday_is(&cal, 20251001));	/* National Day */
	assert_false(workday_is(&cal, 20251008));	/* a Wednesday off */
	assert_true(workday_is(&cal, 20251009));	/* Thursday back */
	assert_true(workday_is(&cal, 20251011));	/* Saturday, make-up */
	assert_false(workday_is(&cal, 20251012));	/* a plain Sunday */
	assert_false(workday_is(&cal, 20251018));	/* a plain Saturday */
	assert_true(workday_is(&cal, 20251020));	/* a plain Monday */
	/* without a calendar: Monday to Friday */
	const struct workcal none = {NULL, 0};
	assert_true(workday_is(&none, 20251001));
	assert_false(workday_is(&none, 20251011));
	assert_true(workday_is(NULL, 20251001));
}

/* Issue 12: a record for 1 October 2025 was due 15 October, across the
 * holiday. 10/9 Thu, 10/10 Fri, 10/11 Sat (make-up), 10/13-17, 10/20, 10/21. */
static void national_day_2025(void **state)
{
	(void)state;
	assert_due(&cal, at(2025, 10, 1, 10), 10, "2025-10-21T23:59:59+08:00");
	/* weekends only, as before */
	assert_due(NULL, at(2025, 10, 1, 10), 10, "2025-10-15T23:59:59+08:00");
	/* the last day before the holiday: the first working day is 10/9 */
	assert_due(&cal, at(2025, 9, 30, 20), 1, "2025-10-09T23:59:59+08:00");
	/* ends on the make-up Sunday: counting starts on Monday */
	assert_due(&cal, at(2025, 9, 28, 15), 1, "2025-09-29T23:59:59+08:00");
}

/* Spring Festival 2026 (2/15-2/23 off, 2/14 and 2/28 Saturdays worked):
 * from Friday 2/13, 2/14, 2/24-27, 2/28, 3/2-3/5. */
static void spring_festival_2026(void **state)
{
	(void)state;
	assert_due(&cal, at(2026, 2, 13, 16), 10, "2026-03-05T23:59:59+08:00");
	assert_due(&cal, at(2026, 2, 13, 16), 2, "2026-02-24T23:59:59+08:00");
	/* 2025: 1/28-2/4 off; from Monday 1/27: 2/5-7, 2/8 Sat, 2/10-14, 2/17 */
	assert_due(&cal, at(2025, 1, 27, 9), 10, "2025-02-17T23:59:59+08:00");
}

/* A make-up Saturday counts: Labour Day 2026 (5/1-5/5 off, 5/9 worked). */
static void make_up_saturday(void **state)
{
	(void)state;
	assert_due(&cal, at(2026, 5, 8, 18), 1, "2026-05-09T23:59:59+08:00");
	/* from Thursday 4/30: 5/6, 5/7, 5/8, 5/9 Sat */
	assert_due(&cal, at(2026, 4, 30, 12), 4, "2026-05-09T23:59:59+08:00");
	assert_due(&cal, at(2026, 4, 30, 12), 5, "2026-05-11T23:59:59+08:00");
}

/* A plain week: Monday 2026-11-23 10:00 + 10 working days is Monday 12-07;
 * a Friday's or Saturday's next working day is Monday; 0 days is the end
 * of the same day. */
static void plain_weeks(void **state)
{
	(void)state;
	assert_due(&cal, at(2026, 11, 23, 10), 10, "2026-12-07T23:59:59+08:00");
	assert_due(&cal, at(2026, 11, 27, 10), 1, "2026-11-30T23:59:59+08:00");
	assert_due(&cal, at(2026, 11, 28, 10), 1, "2026-11-30T23:59:59+08:00");
	assert_due(&cal, at(2026, 11, 28, 10), 0, "2026-11-28T23:59:59+08:00");
	/* 23:30 local on Monday is still Monday (15:30 UTC) */
	assert_due(&cal, at(2026, 11, 23, 23) + 30 * 60, 1, "2026-11-24T23:59:59+08:00");
}

/* A shift ending at 24:00 ended on its own day: Thursday 2026-03-05 20:00
 * to 24:00 (2026-03-06 00:00) is due as one ending at 23:59:59, and its
 * span starts on Thursday. */
static void ends_at_midnight(void **state)
{
	(void)state;
	assert_due(&cal, at(2026, 3, 6, 0), 10, "2026-03-19T23:59:59+08:00");
	assert_due(&cal, at(2026, 3, 6, 0) - 1, 10, "2026-03-19T23:59:59+08:00");
	assert_due(&cal, at(2026, 3, 6, 0) + 1, 10, "2026-03-20T23:59:59+08:00");
	assert_due(&cal, at(2026, 3, 6, 0), 0, "2026-03-05T23:59:59+08:00");
	/* before the National Day holiday: ends 2025-10-01 00:00, 9/30 counts as
	 * the end day, so the first working day is 10/9 */
	assert_due(&cal, at(2025, 10, 1, 0), 1, "2025-10-09T23:59:59+08:00");
	int first, last;
	workdays_span(at(2026, 3, 6, 0), 10, &first, &last);
	assert_int_equal(first, 20260305);
}

static void kinds_and_spans(void **state)
{
	(void)state;
	assert_int_equal(cal_kind_parse("holiday"), CAL_HOLIDAY);
	assert_int_equal(cal_kind_parse("workday"), CAL_WORKDAY);
	assert_int_equal(cal_kind_parse("Holiday"), -1);
	assert_int_equal(cal_kind_parse(NULL), -1);
	assert_int_equal(ymd_of_time(at(2026, 2, 13, 23)), 20260213);
	assert_int_equal(ymd_of_time(at(2026, 2, 13, 0) - 1), 20260212);
	int first, last;
	workdays_span(at(2026, 2, 13, 16), 10, &first, &last);
	assert_int_equal(first, 20260213);
	assert_int_equal(last, 20260504); /* 80 days on */
	assert_true(last >= ymd_of_time(workdays_due(&cal, at(2026, 2, 13, 16), 10)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(which_days_work),    cmocka_unit_test(national_day_2025),
		cmocka_unit_test(spring_festival_2026), cmocka_unit_test(make_up_saturday),
		cmocka_unit_test(plain_weeks),        cmocka_unit_test(kinds_and_spans),
		cmocka_unit_test(ends_at_midnight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
