/* test_funds.c - the pure rules of funds (domain/funds.c): the chart of
 * accounts, channels, receipt numbers, semesters and the semester plan
 * (directed gifts first, then the pool, never a partial standard). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/funds.h"

static void accounts_and_sides(void **state)
{
	(void)state;
	assert_int_equal(fund_account_parse("cash"), ACC_CASH);
	assert_int_equal(fund_account_parse("nope"), -1);
	assert_int_equal(fund_account_parse(NULL), -1);
	assert_int_equal(fund_account_balance(ACC_CASH, 100, 30), 70);
	assert_int_equal(fund_account_balance(ACC_PAYABLES, 30, 100), 70);
	assert_int_equal(fund_gift_account("pooled"), ACC_UNRESTRICTED);
	assert_int_equal(fund_gift_account("student_aid"), ACC_RESTRICTED);
	assert_int_equal(fund_gift_account("directed"), ACC_RESTRICTED);
	assert_string_equal(fund_account_zh(ACC_RESTRICTED), "限定性净资产");
}

static void channel_rules(void **state)
{
	(void)state;
	const char *f, *m;
	struct donation_facts d = {.channel = "cash", .has_donor_name = 1};
	assert_int_equal(donation_rule_broken(&d, &f, &m), 0);
	d.has_donor_name = 0;
	assert_int_equal(donation_rule_broken(&d, &f, &m), 1);
	assert_string_equal(f, "donor_name");
	d.anonymous = 1;
	assert_int_equal(donation_rule_broken(&d, &f, &m), 0);
	d = (struct donation_facts){.channel = "online_platform", .has_donor_name = 1, .has_platform = 1};
	assert_int_equal(donation_rule_broken(&d, &f, &m), 1);
	assert_string_equal(f, "platform_ref");
	d = (struct donation_facts){.channel = "in_kind", .has_donor_name = 1, .has_item = 1};
	assert_int_equal(donation_rule_broken(&d, &f, &m), 1);
	assert_string_equal(f, "valued_by");
	d = (struct donation_facts){.channel = "cash", .has_donor_name = 1, .has_valuation_basis = 1};
	assert_int_equal(donation_rule_broken(&d, &f, &m), 1);
	assert_string_equal(f, "valuation_basis");
	char no[DONATION_RECEIPT_NO_MAX];
	assert_string_equal(donation_receipt_no(2026, 42, no, sizeof no), "2026-000042");
	assert_string_equal(donation_channel_zh("in_kind"), "实物");
	assert_string_equal(relation_kind_zh("guardian"), "监护人");
}

static void semesters(void **state)
{
	(void)state;
	assert_int_equal(semester_check("2026-2027-1"), 0);
	assert_int_equal(semester_check("2026-2027-2"), 0);
	static const char *const bad[] = {"2026-2028-1", "2026-2027-3", "2026-2027-0", "2026-2027", "2026-2027-12",
					  "1999-2000-1", "2099-2100-1", "20a6-2027-1", "2026/2027-1", "", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(semester_check(bad[i]), -1);
	assert_int_equal(semester_check(NULL), -1);
}

static void plan_directed_first_then_pool(void **state)
{
	(void)state;
	const int64_t std[3] = {50000, 50000, 100000};
	struct aid_student s[] = {{1, 0}, {2, 2}, {3, 1}, {4, 2}};
	/* student 2 has two gifts (30000, then 90000), student 3 one of 20000 */
	struct aid_gift g[] = {{10, 2, 30000}, {11, 3, 20000}, {12, 2, 90000}};
	struct aid_item out[7];
	int unfunded;
	int64_t total;
	/* pool 110000: student 1 takes 50000, 2 is covered by gifts, 3 takes
	 * 30000 more, 4 needs 100000 and only 30000 is left: unfunded */
	int n = aid_plan(s, 4, g, 3, std, 110000, out, &unfunded, &total);
	assert_int_equal(n, 5);
	assert_int_equal(unfunded, 1);
	assert_int_equal(total, 50000 + 100000 + 50000);
	assert_true(out[0].client_id == 1 && out[0].amount_fen == 50000 && out[0].donation_id == 0);
	assert_true(out[1].client_id == 2 && out[1].amount_fen == 30000 && out[1].donation_id == 10);
	assert_true(out[2].client_id == 2 && out[2].amount_fen == 70000 && out[2].donation_id == 12);
	assert_true(out[3].client_id == 3 && out[3].amount_fen == 20000 && out[3].donation_id == 11);
	assert_true(out[4].client_id == 3 && out[4].amount_fen == 30000 && out[4].donation_id == 0);
	assert_int_equal(g[2].remaining_fen, 20000);
	/* nothing in the pool: only what gifts cover */
	struct aid_gift g2[] = {{10, 2, 30000}};
	n = aid_plan(s, 4, g2, 1, std, 0, out, &unfunded, &total);
	assert_int_equal(n, 1);
	assert_int_equal(unfunded, 4);
	assert_int_equal(total, 30000);
	/* exactly enough */
	n = aid_plan(s, 1, g2, 0, std, 50000, out, &unfunded, &total);
	assert_int_equal(n, 1);
	assert_int_equal(unfunded, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accounts_and_sides),
		cmocka_unit_test(channel_rules),
		cmocka_unit_test(semesters),
		cmocka_unit_test(plan_directed_first_then_pool),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
