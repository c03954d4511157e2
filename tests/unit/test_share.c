/* test_share.c - the kinds of co-building link (domain/share.c): what each
 * shares, the default sharing nothing, names both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/share.h"

static void each_kind_shares_what_it_says(void **state)
{
	(void)state;
	assert_int_equal(share_kind_bits("co_building"), SHARE_ACTIVITIES | SHARE_NEEDS | SHARE_VOLUNTEERS);
	assert_int_equal(share_kind_bits("service_partner"), SHARE_ACTIVITIES | SHARE_NEEDS);
	assert_int_equal(share_kind_bits("volunteer_share"), SHARE_ACTIVITIES | SHARE_VOLUNTEERS);
	assert_int_equal(share_kind_bits("liaison"), 0);
	/* the default (first) kind shares nothing: sharing needs consent */
	assert_string_equal(share_kind_names[0], "liaison");
	assert_int_equal(share_kind_bits(share_kind_names[0]), 0);
}

static void names_and_bad_input(void **state)
{
	(void)state;
	for (int k = 0; k < SK__COUNT; k++) {
		assert_int_equal(share_kind_parse(share_kind_name(k)), k);
		assert_non_null(share_kind_zh(k));
	}
	assert_null(share_kind_names[SK__COUNT]);
	assert_string_equal(share_kind_zh(SK_CO_BUILDING), "联建");
	assert_int_equal(share_kind_parse("Co_Building"), -1);
	assert_int_equal(share_kind_parse(""), -1);
	assert_int_equal(share_kind_parse(NULL), -1);
	assert_int_equal(share_kind_bits("everything"), 0);
	assert_int_equal(share_kind_bits(NULL), 0);
	assert_null(share_kind_name(SK__COUNT));
	assert_null(share_kind_zh((enum share_kind)-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_kind_shares_what_it_says),
		cmocka_unit_test(names_and_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
