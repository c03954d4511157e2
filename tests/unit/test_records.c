/* test_records.c - the pure rules of records that hold up
 * (domain/records.c): the attendance window and its edges, which attendance
 * is flagged, minutes served capped at the shift, who may verify and how a
 * verifier may change the hours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/records.h"

#define T0 1800000000
static const struct window w = {T0, T0 + 3600, 30 * 60, 2 * 3600};

static void checkin_from_lead_until_end(void **state)
{
	(void)state;
	assert_false(checkin_window(&w, T0 - 1801).ok);
	assert_string_equal(checkin_window(&w, T0 - 1801).field, "check_in");
	assert_non_null(strstr(checkin_window(&w, T0 - 1801).message, "too early"));
	assert_true(checkin_window(&w, T0 - 1800).ok);
	assert_true(checkin_window(&w, T0 + 3600).ok);
	assert_false(checkin_window(&w, T0 + 3601).ok);
	assert_non_null(strstr(checkin_window(&w, T0 + 3601).message, "too late"));
}

static void checkout_until_grace_after_end(void **state)
{
	(void)state;
	assert_true(checkout_window(&w, T0 + 3600 + 7200).ok);
	assert_false(checkout_window(&w, T0 + 3600 + 7201).ok);
	assert_string_equal(checkout_window(&w, T0 + 3600 + 7201).field, "check_out");
	const struct window none = {T0, T0 + 60, 0, 0};
	assert_true(checkin_window(&none, T0).ok);
	assert_false(checkin_window(&none, T0 - 1).ok);
	assert_false(checkout_window(&none, T0 + 61).ok);
}

static void only_manual_checks_outside_are_flagged(void **state)
{
	(void)state;
	assert_false(attendance_outside_window(&w, T0, 1, T0 + 3600, 1));
	assert_true(attendance_outside_window(&w, T0 - 1801, 1, T0 + 3600, 0));
	assert_true(attendance_outside_window(&w, T0, 0, T0 + 3600 + 7201, 1));
	/* a volunteer's own checks were held to the window when made */
	assert_false(attendance_outside_window(&w, T0 - 1801, 0, T0 + 3600 + 7201, 0));
}

static void minutes_served_capped_at_the_shift(void **state)
{
	(void)state;
	assert_int_equal(served_minutes(&w, T0, T0 + 1800), 30);
	assert_int_equal(served_minutes(&w, T0 - 1800, T0 + 3600 + 7200), 60);
	assert_int_equal(served_minutes(&w, T0, T0 + 29), 0);
	assert_int_equal(served_minutes(&w, T0, T0 + 30), 1);
	assert_int_equal(served_minutes(&w, T0 + 10, T0), 0);
}

static void nobody_verifies_their_own(void **state)
{
	(void)state;
	struct verdict v = verify_allowed(7, 70, 7, 0, 1);
	assert_false(v.ok);
	assert_string_equal(v.field, "volunteer_id");
	v = verify_allowed(8, 70, 7, 1, 70);
	assert_false(v.ok);
	assert_string_equal(v.field, "recorder_user_id");
	assert_true(verify_allowed(8, 70, 7, 0, 70).ok); /* from attendance: the recorder may verify */
	assert_true(verify_allowed(8, 71, 7, 1, 70).ok);
	assert_true(verify_allowed(0, 0, 7, 1, 0).ok);	 /* the command line */
}

static void hours_only_extended_with_a_reason(void **state)
{
	(void)state;
	int64_t m;
	int ext;
	assert_true(verify_minutes(60, 90, -1, NULL, &m, &ext).ok);
	assert_int_equal(m, 60);
	assert_false(ext);
	assert_true(verify_minutes(60, 90, 60, NULL, &m, &ext).ok);
	assert_false(ext);
	struct verdict v = verify_minutes(60, 90, 61, NULL, &m, &ext);
	assert_false(v.ok);
	assert_string_equal(v.field, "reason");
	assert_false(verify_minutes(60, 90, 61, "", &m, &ext).ok);
	assert_false(verify_minutes(60, 90, 91, "why", &m, &ext).ok);
	assert_false(verify_minutes(60, 90, 59, "why", &m, &ext).ok);
	assert_true(verify_minutes(60, 90, 90, "why", &m, &ext).ok);
	assert_int_equal(m, 90);
	assert_true(ext);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checkin_from_lead_until_end),
		cmocka_unit_test(checkout_until_grace_after_end),
		cmocka_unit_test(only_manual_checks_outside_are_flagged),
		cmocka_unit_test(minutes_served_capped_at_the_shift),
		cmocka_unit_test(nobody_verifies_their_own),
		cmocka_unit_test(hours_only_extended_with_a_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
