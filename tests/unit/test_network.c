/* test_network.c - the placement table of organisations (domain/network.c):
 * the three-level chain, where hubs, teams, agencies and practice centres
 * may sit, and refusals that name the field and what is allowed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/network.h"

static int place(const char *kind, const char *level, const char *parent, const char **field, char *msg)
{
	return net_place_check(net_kind_parse(kind), net_level_parse(level), parent ? net_kind_parse(parent) : -1,
			       field, msg, 256);
}

static void the_social_work_chain(void **state)
{
	(void)state;
	const char *f = NULL;
	char m[256];
	assert_int_equal(place("social_work_dept", "city", NULL, &f, m), 0);
	assert_int_equal(place("social_work_dept", "district", "social_work_dept", &f, m), 0);
	assert_int_equal(place("social_work_station", "town", "social_work_dept", &f, m), 0);
	assert_int_equal(place("social_work_station", "town", NULL, &f, m), 0);
	assert_int_equal(place("social_work_room", "community", "social_work_station", &f, m), 0);
	/* the case: a room at city level under a volunteer hub */
	assert_int_equal(place("social_work_room", "city", "volunteer_hub", &f, m), -1);
	assert_string_equal(f, "region_id");
	assert_non_null(strstr(m, "community"));
	assert_int_equal(place("social_work_room", "community", "volunteer_hub", &f, m), -1);
	assert_string_equal(f, "parent_id");
	assert_non_null(strstr(m, "social_work_station"));
	assert_int_equal(place("social_work_station", "district", NULL, &f, m), -1);
	assert_string_equal(f, "region_id");
	assert_int_equal(place("social_work_dept", "town", NULL, &f, m), -1);
	assert_int_equal(place("social_work_station", "town", "social_work_room", &f, m), -1);
	assert_string_equal(f, "parent_id");
}

static void hubs_teams_agencies_and_practice(void **state)
{
	(void)state;
	const char *f = NULL;
	char m[256];
	assert_int_equal(place("volunteer_hub", "city", NULL, &f, m), 0);
	assert_int_equal(place("volunteer_hub", "community", NULL, &f, m), -1);
	/* a team anywhere, under whoever forms it, but not a department */
	for (int l = 0; l < NL__COUNT; l++)
		assert_int_equal(place("volunteer_team", net_level_name(l), "volunteer_hub", &f, m), 0);
	assert_int_equal(place("volunteer_team", "town", "social_work_station", &f, m), 0);
	assert_int_equal(place("volunteer_team", "town", "school", &f, m), 0);
	assert_int_equal(place("volunteer_team", "city", "social_work_dept", &f, m), -1);
	assert_string_equal(f, "parent_id");
	assert_int_equal(place("sw_agency", "district", NULL, &f, m), 0);
	assert_int_equal(place("sw_agency", "community", NULL, &f, m), -1);
	assert_int_equal(place("practice_center", "district", NULL, &f, m), 0);
	assert_int_equal(place("practice_station", "community", "practice_center", &f, m), 0);
	assert_int_equal(place("practice_station", "community", "social_work_station", &f, m), -1);
	assert_int_equal(place("other", "community", "sw_agency", &f, m), 0);
	assert_int_equal(place("school", "town", "government", &f, m), 0);
	assert_int_equal(place("enterprise", "town", "school", &f, m), -1);
}

static void names_and_bad_input(void **state)
{
	(void)state;
	const char *f = NULL;
	char m[256];
	assert_int_equal(net_kind_parse("nope"), -1);
	assert_int_equal(net_kind_parse(NULL), -1);
	assert_int_equal(net_level_parse("province"), -1);
	assert_string_equal(net_kind_name(NK_SW_ROOM), "social_work_room");
	assert_string_equal(net_kind_zh(NK_SW_STATION), "社工站");
	assert_int_equal(net_place_check(-1, 0, -1, &f, m, sizeof m), -1);
	assert_string_equal(f, "kind");
	assert_int_equal(net_place_check(0, 9, -1, &f, m, sizeof m), -1);
	assert_string_equal(f, "region_id");
	/* every kind has a level, and "or" joins the last of a list */
	for (int k = 0; k < NK__COUNT; k++)
		assert_true(net_levels_of(k) != 0);
	assert_int_equal(place("social_work_dept", "community", NULL, &f, m), -1);
	assert_non_null(strstr(m, "city or district"));
	/* a tiny buffer is cut, not overrun */
	char tiny[8];
	assert_int_equal(net_place_check(NK_SW_ROOM, NL_CITY, -1, &f, tiny, sizeof tiny), -1);
	assert_int_equal(strlen(tiny), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_social_work_chain),
		cmocka_unit_test(hubs_teams_agencies_and_practice),
		cmocka_unit_test(names_and_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
