/* test_project.c - the rules of service projects (domain/project.c, issue
 * 16): status moves, the period's elapsed share, what each indicator
 * should have reached by now and when it is behind, the budget's sum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/project.h"

static void status_moves(void **state)
{
	(void)state;
	assert_int_equal(project_status_parse("closing"), PS_CLOSING);
	assert_int_equal(project_status_parse("done"), -1);
	assert_int_equal(project_status_parse(NULL), -1);
	assert_string_equal(project_status_name(PS_ACCEPTED), "accepted");
	assert_null(project_status_name(PS__COUNT));
	assert_true(project_status_can_move(PS_PLANNED, PS_RUNNING));
	assert_true(project_status_can_move(PS_RUNNING, PS_CLOSING));
	assert_true(project_status_can_move(PS_CLOSING, PS_RUNNING));
	assert_true(project_status_can_move(PS_ACCEPTED, PS_ACCEPTED));
	assert_false(project_status_can_move(PS_PLANNED, PS_CLOSING));
	assert_false(project_status_can_move(PS_CLOSING, PS_ACCEPTED)); /* only by a final evaluation */
	assert_false(project_status_can_move(PS_RUNNING, PS_FAILED));
	assert_false(project_status_can_move(PS_ACCEPTED, PS_RUNNING));
	assert_false(project_status_can_move(PS_FAILED, PS_PLANNED));
	/* evaluations: mid while running, final while running or closing */
	assert_true(project_evaluation_allowed(PS_RUNNING, 0));
	assert_false(project_evaluation_allowed(PS_CLOSING, 0));
	assert_false(project_evaluation_allowed(PS_PLANNED, 1));
	assert_true(project_evaluation_allowed(PS_CLOSING, 1));
	assert_false(project_evaluation_allowed(PS_ACCEPTED, 1));
	assert_int_equal(project_status_after_final("pass"), PS_ACCEPTED);
	assert_int_equal(project_status_after_final("fail"), PS_FAILED);
	assert_int_equal(project_status_after_final("rectify"), -1);
}

static void elapsed_share(void **state)
{
	(void)state;
	/* a 10-day period, days 100..109 */
	assert_true(project_elapsed_share(100, 109, 99) == 0.0);
	assert_true(project_elapsed_share(100, 109, 100) == 0.1);
	assert_true(project_elapsed_share(100, 109, 104) == 0.5);
	assert_true(project_elapsed_share(100, 109, 109) == 1.0);
	assert_true(project_elapsed_share(100, 109, 500) == 1.0);
	assert_true(project_elapsed_share(100, 100, 100) == 1.0); /* one day */
}

static void expected_and_behind(void **state)
{
	(void)state;
	assert_int_equal(indicator_source_parse("needs_closed"), IS_NEEDS_CLOSED);
	assert_int_equal(indicator_source_parse("stars"), -1);
	/* a count grows with the period */
	assert_true(indicator_expected(IS_SERVICE_HOURS, 200, 0.25) == 50);
	assert_true(indicator_behind(IS_SERVICE_HOURS, 49.9, 50, 1));
	assert_false(indicator_behind(IS_SERVICE_HOURS, 49.996, 50, 1)); /* within a hundredth */
	assert_false(indicator_behind(IS_SERVICE_HOURS, 50, 50, 1));
	assert_true(indicator_behind(IS_MANUAL, 0, 1, 0)); /* nothing reported by now is behind */
	/* a level is expected at its target once the period has begun */
	assert_true(indicator_expected(IS_SATISFACTION, 4.5, 0.1) == 4.5);
	assert_true(indicator_expected(IS_SATISFACTION, 4.5, 0) == 0);
	assert_true(indicator_behind(IS_SATISFACTION, 4.2, 4.5, 1));
	assert_false(indicator_behind(IS_SATISFACTION, 4.6, 4.5, 1));
	assert_false(indicator_behind(IS_SATISFACTION, 0, 4.5, 0)); /* no rating yet */
}

static void budget_sum(void **state)
{
	(void)state;
	const char *lines[] = {"staff", "volunteers", "staff"};
	int64_t amounts[] = {6000000, 1500000, 1}, sum = -1;
	int bad = -1;
	assert_int_equal(project_budget_sum(lines, amounts, 2, &sum, &bad), 0);
	assert_int_equal(sum, 7500000);
	assert_int_equal(project_budget_sum(lines, amounts, 0, &sum, &bad), 0);
	assert_int_equal(sum, 0);
	assert_int_equal(project_budget_sum(lines, amounts, 3, &sum, &bad), -1);
	assert_int_equal(bad, 2);
	const char *two[] = {"staff", "other"};
	int64_t huge[] = {INT64_MAX, 1};
	assert_int_equal(project_budget_sum(two, huge, 2, &sum, &bad), -1);
	assert_int_equal(bad, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_moves),
		cmocka_unit_test(elapsed_share),
		cmocka_unit_test(expected_and_behind),
		cmocka_unit_test(budget_sum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
