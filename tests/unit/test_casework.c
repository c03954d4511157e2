/* test_casework.c - unit tests for domain/casework (case stages, client
 * category rules, care packages of 江陵县同心村, legal capacity by age, the
 * mandatory-report rule) and the name mask of domain/mask. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/casework.h"
#include "domain/mask.h"

static void test_case_stages_one_step_forward(void **state)
{
	(void)state;
	static const char *const want[] = {"intake", "assessment", "plan", "intervention", "evaluation", "closure"};
	for (int i = 0; i < CS__COUNT; i++) {
		enum case_stage s;
		assert_int_equal(case_stage_parse(want[i], &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(case_stage_parse("close", NULL), -1);
	for (int f = 0; f < CS__COUNT; f++)
		for (int t = 0; t < CS__COUNT; t++) {
			int ok = case_can_move((enum case_stage)f, (enum case_stage)t);
			if (ok != (t == f + 1))
				fail_msg("%s -> %s: got %d", want[f], want[t], ok);
		}
	/* closure is final */
	for (int t = 0; t <= CS__COUNT; t++)
		assert_false(case_can_move(CS_CLOSURE, (enum case_stage)t));
	assert_false(case_can_move((enum case_stage)-1, CS_INTAKE));
}

static void test_names_lists_are_complete(void **state)
{
	(void)state;
	static const char *const cats[] = {"elderly", "left_behind_child", "disabled", "hardship_family",
					   "dv_victim", "student_aid", "other"};
	for (int i = 0; i < CC__COUNT; i++) {
		enum client_category c;
		assert_string_equal(client_category_names[i], cats[i]);
		assert_int_equal(client_category_parse(cats[i], &c), 0);
		assert_int_equal(c, i);
	}
	assert_null(client_category_names[CC__COUNT]);
	assert_null(care_level_names[CL__COUNT]);
	assert_null(capacity_names[CAP__COUNT]);
	assert_null(case_stage_names[CS__COUNT]);
	enum care_level l;
	assert_int_equal(care_level_parse("partial", &l), 0);
	assert_int_equal(l, CL_PARTIAL);
	assert_int_equal(care_level_parse("semi", &l), -1);
	enum capacity cap;
	assert_int_equal(capacity_parse("none", &cap), 0);
	assert_int_equal(cap, CAP_NONE);
	assert_int_equal(capacity_parse(NULL, &cap), -1);
}

static int count(const char *const *list)
{
	int n = 0;
	while (list[n])
		n++;
	return n;
}

static void test_care_packages_follow_seed_001(void **state)
{
	(void)state;
	const char *const *self = care_package(CL_SELF_CARE), *const *part = care_package(CL_PARTIAL),
			  *const *dep = care_package(CL_DEPENDENT);
	assert_int_equal(count(self), 2);
	assert_string_equal(self[0], "日常健康监测");
	assert_string_equal(self[1], "精神文化活动");
	assert_int_equal(count(part), 2);
	assert_string_equal(part[0], "定期上门探访");
	assert_string_equal(part[1], "定期体检");
	assert_int_equal(count(dep), 2);
	assert_string_equal(dep[0], "照料协助");
	assert_int_equal(count(care_package(CL__COUNT)), 0);
}

static void test_client_category_rules(void **state)
{
	(void)state;
	assert_int_equal(client_check(CC_ELDERLY, 0, 0, 0), CR_CARE_LEVEL_REQUIRED);
	assert_int_equal(client_check(CC_ELDERLY, 1, 0, 0), CR_OK);
	for (int c = 1; c < CC__COUNT; c++)
		assert_int_equal(client_check((enum client_category)c, 1, 1, 1), CR_CARE_LEVEL_FORBIDDEN);
	assert_int_equal(client_check(CC_STUDENT_AID, 0, 0, 0), CR_SOCIAL_WORKER_REQUIRED);
	assert_int_equal(client_check(CC_STUDENT_AID, 0, 0, 1), CR_SOCIAL_WORKER_REQUIRED);
	assert_int_equal(client_check(CC_STUDENT_AID, 0, 1, 0), CR_VOLUNTEER_REQUIRED);
	assert_int_equal(client_check(CC_STUDENT_AID, 0, 1, 1), CR_OK);
	assert_int_equal(client_check(CC_DV_VICTIM, 0, 0, 0), CR_OK);
	assert_int_equal(client_check(CC_OTHER, 0, 0, 1), CR_OK);
}

static void test_capacity_by_age(void **state)
{
	(void)state;
	assert_int_equal(capacity_for_age(0), CAP_NONE);
	assert_int_equal(capacity_for_age(7), CAP_NONE);
	assert_int_equal(capacity_for_age(8), CAP_LIMITED);
	assert_int_equal(capacity_for_age(17), CAP_LIMITED);
	assert_int_equal(capacity_for_age(18), CAP_FULL);
	assert_int_equal(capacity_for_age(90), CAP_FULL);
	/* Civil Code: under 8 only none; 8-15 never full; 16-17 self-supporting
	 * may be full; adults any (a court may declare otherwise). */
	assert_true(capacity_allowed(5, CAP_NONE));
	assert_false(capacity_allowed(5, CAP_LIMITED));
	assert_false(capacity_allowed(5, CAP_FULL));
	assert_true(capacity_allowed(12, CAP_LIMITED));
	assert_true(capacity_allowed(12, CAP_NONE));
	assert_false(capacity_allowed(15, CAP_FULL));
	assert_true(capacity_allowed(16, CAP_FULL));
	for (int c = 0; c < CAP__COUNT; c++)
		assert_true(capacity_allowed(40, (enum capacity)c));
	assert_false(capacity_allowed(40, CAP__COUNT));
}

static void test_mandatory_report_rule(void **state)
{
	(void)state;
	for (int c = 0; c < CC__COUNT; c++)
		for (int k = 0; k < CAP__COUNT; k++)
			assert_int_equal(mandatory_report_due((enum client_category)c, (enum capacity)k),
					 c == CC_DV_VICTIM && k != CAP_FULL);
}

static void test_mask_name(void **state)
{
	(void)state;
	char buf[64];
	assert_int_equal(mask_name("王秀英", buf, sizeof buf), strlen("王**"));
	assert_string_equal(buf, "王**");
	mask_name("李四", buf, sizeof buf);
	assert_string_equal(buf, "李*");
	mask_name("张", buf, sizeof buf);
	assert_string_equal(buf, "*");
	mask_name("Ann Lee", buf, sizeof buf);
	assert_string_equal(buf, "A******");
	mask_name("", buf, sizeof buf);
	assert_string_equal(buf, "");
	mask_name(NULL, buf, sizeof buf);
	assert_string_equal(buf, "");
	/* truncated like snprintf, full length returned */
	assert_int_equal(mask_name("欧阳娜娜", buf, 4), strlen("欧***"));
	assert_string_equal(buf, "欧");
}

static void test_mask_name_ends(void **state)
{
	(void)state;
	char buf[64];
	assert_int_equal(mask_name_ends("王秀兰", buf, sizeof buf), strlen("王*兰"));
	assert_string_equal(buf, "王*兰");
	mask_name_ends("欧阳娜娜", buf, sizeof buf);
	assert_string_equal(buf, "欧**娜");
	mask_name_ends("李四", buf, sizeof buf);
	assert_string_equal(buf, "李*");
	mask_name_ends("张", buf, sizeof buf);
	assert_string_equal(buf, "*");
	mask_name_ends("Ann Lee", buf, sizeof buf);
	assert_string_equal(buf, "A*****e");
	mask_name_ends(NULL, buf, sizeof buf);
	assert_string_equal(buf, "");
	assert_int_equal(mask_name_ends("王秀兰", buf, 5), strlen("王*兰"));
	assert_string_equal(buf, "王*");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_stages_one_step_forward),
		cmocka_unit_test(test_names_lists_are_complete),
		cmocka_unit_test(test_care_packages_follow_seed_001),
		cmocka_unit_test(test_client_category_rules),
		cmocka_unit_test(test_capacity_by_age),
		cmocka_unit_test(test_mandatory_report_rule),
		cmocka_unit_test(test_mask_name),
		cmocka_unit_test(test_mask_name_ends),
	};
	return cmocka_run_group_tests_name("casework", tests, NULL, NULL);
}
