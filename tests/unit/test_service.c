/* test_service.c - pure rules of service delivery: modes and roles, overlap,
 * night shifts, working-day due dates, stars, and check-in tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/timefmt.h"
#include "crypto/crypto.h"
#include "domain/service_rules.h"
#include "domain/workdays.h"
#include "service/service.h"

/* 2026-11-23 00:00 in China (a Monday). */
#define MON_CST (days_from_civil(2026, 11, 23) * 86400 - 8 * 3600)
#define H 3600

static void modes_give_default_roles(void **state)
{
	(void)state;
	static const char *const want[][3] = {
		{"daily", "supervises", "practises"},  {"professional", "practises", "assists"},
		{"event", "organises", "implements"},  {"emergency", "assesses", "participates"},
		{"advocacy", "promotes", "spreads"},
	};
	for (size_t i = 0; i < 5; i++) {
		const struct mode_roles *m = mode_roles(want[i][0]);
		assert_non_null(m);
		assert_string_equal(m->social_worker, want[i][1]);
		assert_string_equal(m->volunteer, want[i][2]);
	}
	assert_null(mode_roles("party"));
	assert_null(mode_roles(NULL));
}

static void overlap_is_half_open(void **state)
{
	(void)state;
	assert_true(intervals_overlap(0, 10, 5, 15));
	assert_true(intervals_overlap(5, 15, 0, 10));
	assert_true(intervals_overlap(0, 10, 2, 3));
	assert_false(intervals_overlap(0, 10, 10, 20)); /* back to back is fine */
	assert_false(intervals_overlap(10, 20, 0, 10));
}

static void night_is_22_to_06_local(void **state)
{
	(void)state;
	int64_t d = MON_CST;
	assert_false(shift_is_night(d + 9 * H, d + 17 * H));
	assert_false(shift_is_night(d + 6 * H, d + 22 * H)); /* the edges */
	assert_true(shift_is_night(d + 21 * H, d + 22 * H + 1));
	assert_true(shift_is_night(d + 5 * H, d + 7 * H));
	assert_true(shift_is_night(d + 23 * H, d + 25 * H));
	assert_true(shift_is_night(d + 2 * H, d + 3 * H));
	assert_true(shift_is_night(d + 9 * H, d + 33 * H)); /* a whole day */
	assert_false(shift_is_night(d + 9 * H, d + 9 * H));
}

static void records_due_in_ten_working_days(void **state)
{
	(void)state;
	char buf[32];
	/* ends Monday 2026-11-23 10:00: due Monday 2026-12-07 end of day */
	time_format(workdays_due(NULL, MON_CST + 10 * H, 10), buf);
	assert_string_equal(buf, "2026-12-07T23:59:59+08:00");
	/* ends Friday: the weekend does not count */
	time_format(workdays_due(NULL, MON_CST + 4 * 86400 + 10 * H, 1), buf);
	assert_string_equal(buf, "2026-11-30T23:59:59+08:00");
	/* ends Saturday: Monday is the first working day after */
	time_format(workdays_due(NULL, MON_CST + 5 * 86400 + 10 * H, 1), buf);
	assert_string_equal(buf, "2026-11-30T23:59:59+08:00");
}

static void stars_exactly_at_thresholds(void **state)
{
	(void)state;
	static const struct {
		int64_t minutes;
		int stars;
	} cases[] = {{0, 0},		 {5994, 0},	  {5999, 0},	   {6000, 1},	    {17999, 1},
		     {18000, 2},	 {36000, 3},	  {59999, 3},	   {60000, 4},	    {90000, 5},
		     {1000000, 5}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(stars_for_minutes(cases[i].minutes, stars_default_hours), cases[i].stars);
	static const int beijing[5] = {100, 200, 500, 800, 1000};
	assert_int_equal(stars_for_minutes(200 * 60, beijing), 2);
	assert_int_equal(stars_for_minutes(1000 * 60, beijing), 5);
	assert_true(minutes_to_hours(5994) == 99.9);
	assert_true(minutes_to_hours(6000) == 100.0);
	assert_true(minutes_to_hours(1) == 0.02);
}

static void checkin_tokens(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char secret[65], other[65];
	assert_int_equal(crypto_init(), 0);
	crypto_random_hex(secret);
	crypto_random_hex(other);
	char *t = checkin_token_make(secret, 42, 1000, &a);
	assert_non_null(t);
	assert_int_equal(checkin_token_check(secret, t, 42, 999, &a), TOKEN_OK);
	assert_int_equal(checkin_token_check(secret, t, 42, 1000, &a), TOKEN_OK);
	assert_int_equal(checkin_token_check(secret, t, 42, 1001, &a), TOKEN_EXPIRED);
	assert_int_equal(checkin_token_check(secret, t, 43, 999, &a), TOKEN_OTHER_SHIFT);
	assert_int_equal(checkin_token_check(other, t, 42, 999, &a), TOKEN_INVALID);
	/* a longer life written into the token breaks its MAC */
	char *forged = arena_printf(&a, "42.9999%s", strchr(strchr(t, '.') + 1, '.'));
	assert_int_equal(checkin_token_check(secret, forged, 42, 999, &a), TOKEN_INVALID);
	assert_int_equal(checkin_token_check(secret, "", 42, 999, &a), TOKEN_INVALID);
	assert_int_equal(checkin_token_check(secret, NULL, 42, 999, &a), TOKEN_INVALID);
	assert_int_equal(checkin_token_check(secret, "42.1000", 42, 999, &a), TOKEN_INVALID);
	assert_null(checkin_token_make("not-hex", 42, 1000, &a));
	arena_release(&a);
}

/* 社工带动义工: registered volunteers per social worker, none without one. */
static void ratio_is_volunteers_per_social_worker(void **state)
{
	(void)state;
	assert_true(sw_volunteer_ratio(17, 2) == 8.5);
	assert_true(sw_volunteer_ratio(0, 3) == 0.0);
	assert_true(sw_volunteer_ratio(40, 0) < 0);
	assert_int_equal(SW_VOLUNTEER_TARGET, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(modes_give_default_roles),
		cmocka_unit_test(overlap_is_half_open),
		cmocka_unit_test(night_is_22_to_06_local),
		cmocka_unit_test(records_due_in_ten_working_days),
		cmocka_unit_test(stars_exactly_at_thresholds),
		cmocka_unit_test(ratio_is_volunteers_per_social_worker),
		cmocka_unit_test(checkin_tokens),
	};
	return cmocka_run_group_tests_name("service rules", tests, NULL, NULL);
}
