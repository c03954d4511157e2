/* test_qualify.c - the qualification each work needs (domain/qualify.c):
 * the defaults of issue 15, the order of the levels, the case categories
 * that ask more. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/qualify.h"

static void defaults_and_order(void **state)
{
	(void)state;
	assert_int_equal(qual_work_default(QW_SUPERVISOR), QL_INTERMEDIATE);
	assert_int_equal(qual_work_default(QW_ACTIVITY_LEAD), QL_ASSISTANT);
	assert_int_equal(qual_work_default(QW_CASE_OWNER), QL_ASSISTANT);
	assert_int_equal(qual_work_default(QW_CASE_DV), QL_INTERMEDIATE);
	assert_int_equal(qual_work_default(QW_CASE_CHILD), QL_INTERMEDIATE);
	assert_true(qual_enough(QL_SENIOR, QL_INTERMEDIATE));
	assert_true(qual_enough(QL_INTERMEDIATE, QL_INTERMEDIATE));
	assert_false(qual_enough(QL_ASSISTANT, QL_INTERMEDIATE));
	assert_false(qual_enough(QL_NONE, QL_ASSISTANT));
	assert_true(qual_enough(QL_NONE, QL_NONE));
}

static void names(void **state)
{
	(void)state;
	assert_int_equal(qual_level_parse("intermediate"), QL_INTERMEDIATE);
	assert_int_equal(qual_level_parse("expert"), -1);
	assert_int_equal(qual_level_parse(NULL), -1);
	assert_string_equal(qual_level_zh(QL_ASSISTANT), "助理社会工作师");
	assert_string_equal(qual_level_zh(QL_SENIOR), "高级社会工作师");
	assert_int_equal(qual_work_parse("case_dv_victim"), QW_CASE_DV);
	assert_int_equal(qual_work_parse("juggling"), -1);
	for (int w = 0; w < QW__COUNT; w++)
		assert_int_equal(qual_work_parse(qual_work_name(w)), w);
	assert_string_equal(qual_work_zh(QW_SUPERVISOR), "督导");
}

static void case_categories(void **state)
{
	(void)state;
	assert_int_equal(qual_case_work("dv_victim"), QW_CASE_DV);
	assert_int_equal(qual_case_work("left_behind_child"), QW_CASE_CHILD);
	assert_int_equal(qual_case_work("elderly"), -1);
	assert_int_equal(qual_case_work(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_and_order),
		cmocka_unit_test(names),
		cmocka_unit_test(case_categories),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
