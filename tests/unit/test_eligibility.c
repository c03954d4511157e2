/* test_eligibility.c - the placement rules and the candidate score
 * (domain/eligibility): each rule on its own, its order, the weekly windows
 * and hour cap in local time, and the score's parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/eligibility.h"
#include "domain/service_rules.h"

/* 2026-11-23 00:00 in China (a Monday). */
#define MON (days_from_civil(2026, 11, 23) * 86400 - 8 * 3600)
#define H 3600

static const char *const first_aid[] = {"first_aid"};
static const char *const both[] = {"first_aid", "driving"};
static const int64_t course7[] = {7};

/* Wednesday 2026-11-25 09:00-12:00 at the centre of Jingzhou, needing
 * first aid and course 7. */
static struct elig_shift shift(void)
{
	return (struct elig_shift){.id = 100,
				   .starts_at = MON + 2 * 24 * H + 9 * H,
				   .ends_at = MON + 2 * 24 * H + 12 * H,
				   .start_ymd = 20261125,
				   .end_ymd = 20261125,
				   .skills = first_aid,
				   .nskills = 1,
				   .courses = course7,
				   .ncourses = 1,
				   .has_place = 1,
				   .lat = 30.33,
				   .lon = 112.24};
}

/* An adult, registered, holding both skills and course 7, 1 km away. */
static struct elig_volunteer volunteer(void)
{
	return (struct elig_volunteer){.id = 1,
				       .registered = 1,
				       .birth_ymd = 19900101,
				       .skills = both,
				       .nskills = 2,
				       .courses_done = course7,
				       .ncourses_done = 1,
				       .has_home = 1,
				       .lat = 30.339,
				       .lon = 112.24};
}

static enum elig_rule check(const struct elig_shift *s, const struct elig_volunteer *v, struct elig_verdict *out)
{
	double km;
	return elig_check(s, v, MON, 0, &km, out);
}

static void eligible_adult_passes(void **state)
{
	(void)state;
	struct elig_shift s = shift();
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;
	double km;
	assert_int_equal(elig_check(&s, &v, MON, 0, &km, &out), ELIG_OK);
	assert_true(km > 0.9 && km < 1.1);
}

static void each_rule_names_its_field(void **state)
{
	(void)state;
	struct elig_shift s = shift();
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;

	v.registered = 0;
	assert_int_equal(check(&s, &v, &out), ELIG_STAGE);
	assert_string_equal(out.field, "volunteer_id");
	v = volunteer();
	v.ncourses_done = 0;
	assert_int_equal(check(&s, &v, &out), ELIG_COURSE);
	assert_int_equal(out.ref, 7);
	v = volunteer();
	v.skills = both + 1;
	v.nskills = 1;
	assert_int_equal(check(&s, &v, &out), ELIG_SKILL);
	assert_string_equal(out.missing, "first_aid");
	assert_string_equal(out.field, "required_skills");

	v = volunteer();
	s.risky = 1;
	assert_int_equal(check(&s, &v, &out), ELIG_INSURANCE);
	v.insured_until_ymd = 20261124; /* ends the day before */
	assert_int_equal(check(&s, &v, &out), ELIG_INSURANCE);
	v.insured_until_ymd = 20261125;
	assert_int_equal(check(&s, &v, &out), ELIG_OK);

	s = shift();
	s.with_minors = 1;
	v = volunteer();
	assert_int_equal(check(&s, &v, &out), ELIG_BACKGROUND);
	assert_string_equal(out.field, "background_check");
	v.background_ymd = 20251124; /* more than a year before */
	assert_int_equal(check(&s, &v, &out), ELIG_BACKGROUND);
	v.background_ymd = 20251125;
	assert_int_equal(check(&s, &v, &out), ELIG_OK);

	s = shift();
	assert_int_equal(elig_check(&s, &v, s.ends_at, 0, &(double){0}, &out), ELIG_ENDED);
}

static void minors_rules(void **state)
{
	(void)state;
	struct elig_shift s = shift();
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;
	v.birth_ymd = 20091126; /* 17 on the day, 18 the day after */
	assert_int_equal(check(&s, &v, &out), ELIG_CONSENT);
	v.guardian_consent = 1;
	assert_int_equal(check(&s, &v, &out), ELIG_OK);
	s.emergency = 1;
	assert_int_equal(check(&s, &v, &out), ELIG_MINOR_EMERGENCY);
	s = shift();
	s.ends_at = s.starts_at + 14 * H; /* until 23:00 */
	assert_int_equal(check(&s, &v, &out), ELIG_MINOR_NIGHT);
	v.birth_ymd = 20071125; /* 18 that very day */
	v.guardian_consent = 0;
	assert_int_equal(check(&s, &v, &out), ELIG_OK);
}

static void distance_limits(void **state)
{
	(void)state;
	struct elig_shift s = shift();
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;
	double km;
	v.max_distance_km = 0.5;
	assert_int_equal(elig_check(&s, &v, MON, 0, &km, &out), ELIG_DISTANCE);
	assert_string_equal(out.field, "max_distance_km");
	assert_true(out.value > 0.9 && out.limit == 0.5);
	v.max_distance_km = 2;
	assert_int_equal(elig_check(&s, &v, MON, 0.8, &km, &out), ELIG_DISTANCE);
	assert_string_equal(out.field, "radius_km");
	assert_int_equal(elig_check(&s, &v, MON, 1.5, &km, &out), ELIG_OK);
	/* an unknown home passes the volunteer's own limit but not a radius */
	v.has_home = 0;
	assert_int_equal(elig_check(&s, &v, MON, 0, &km, &out), ELIG_OK);
	assert_true(km < 0);
	assert_int_equal(elig_check(&s, &v, MON, 5, &km, &out), ELIG_DISTANCE);
}

static void weekly_windows(void **state)
{
	(void)state;
	struct avail_window w[3];
	assert_int_equal(avail_parse("wed 08:00-12:00", &w[0]), 0);
	assert_int_equal(w[0].from, 2 * 1440 + 480);
	assert_int_equal(w[0].to, 2 * 1440 + 720);
	assert_int_equal(avail_parse("sun 20:00-24:00", &w[1]), 0);
	assert_int_equal(w[1].to, 7 * 1440);
	assert_int_equal(avail_parse("xyz 08:00-12:00", &w[2]), -1);
	assert_int_equal(avail_parse("wed 12:00-08:00", &w[2]), -1);
	assert_int_equal(avail_parse("wed 08:00-24:30", &w[2]), -1);
	assert_int_equal(avail_parse("wed 8:00-12:00", &w[2]), -1);
	assert_int_equal(avail_parse(NULL, &w[2]), -1);

	struct elig_shift s = shift(); /* wed 09:00-12:00 */
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;
	v.windows = w;
	v.nwindows = 2;
	assert_int_equal(check(&s, &v, &out), ELIG_OK);
	s.ends_at += 1800; /* to 12:30: past the window */
	assert_int_equal(check(&s, &v, &out), ELIG_AVAILABILITY);
	assert_string_equal(out.field, "availability");
	/* two adjoining windows cover the joined time */
	assert_int_equal(avail_parse("wed 12:00-13:00", &w[2]), 0);
	v.nwindows = 3;
	assert_int_equal(check(&s, &v, &out), ELIG_OK);
}

static void hour_cap_counts_the_local_week(void **state)
{
	(void)state;
	struct elig_shift s = shift(); /* 3 hours on Wednesday */
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;
	struct elig_booking b[3] = {
		{1, MON + 10 * H, MON + 14 * H},		 /* Monday, 4 h */
		{2, MON - 2 * H, MON + 1 * H},			 /* Sunday 22:00 - Monday 01:00: 1 h this week */
		{100, s.starts_at, s.ends_at},			 /* this very shift: held already */
	};
	v.bookings = b;
	v.nbookings = 3;
	assert_int_equal(check(&s, &v, &out), ELIG_HELD);
	assert_string_equal(out.field, "volunteer_id");
	v.nbookings = 2;
	v.max_weekly_hours = 8;
	assert_int_equal(check(&s, &v, &out), ELIG_OK); /* 4 + 1 + 3 = 8 */
	v.max_weekly_hours = 7.5;
	assert_int_equal(check(&s, &v, &out), ELIG_HOUR_CAP);
	assert_true(out.value == 480 && out.limit == 450);
	assert_string_equal(out.field, "max_weekly_hours");
	assert_int_equal(week_start_of(MON + 6 * 24 * H + 23 * H), MON);
	assert_int_equal(week_start_of(MON - 1), MON - 7 * 24 * H);
	assert_int_equal(minutes_in_week(MON - 2 * H, MON + H, MON), 60);
}

static void overlap_names_the_other_shift(void **state)
{
	(void)state;
	struct elig_shift s = shift();
	struct elig_volunteer v = volunteer();
	struct elig_verdict out;
	struct elig_booking b[2] = {{5, s.ends_at, s.ends_at + H}, {6, s.starts_at - H, s.starts_at + 1}};
	v.bookings = b;
	v.nbookings = 1;
	assert_int_equal(check(&s, &v, &out), ELIG_OK); /* back to back is fine */
	v.nbookings = 2;
	assert_int_equal(check(&s, &v, &out), ELIG_OVERLAP);
	assert_int_equal(out.ref, 6);
}

static void score_parts(void **state)
{
	(void)state;
	struct score sc;
	struct score_facts f = {.km = 5, .required_skills = 1, .held_skills = 3, .recent_minutes = 600};
	elig_score(&f, &sc);
	assert_true(sc.part[SCORE_DISTANCE] == 30.0);
	assert_true(sc.part[SCORE_SKILL_FIT] == 10.0);
	assert_true(sc.part[SCORE_CONTINUITY] == 0.0);
	assert_true(sc.part[SCORE_FAIRNESS] == 7.5);
	assert_true(sc.part[SCORE_PREFERENCE] == 5.0);
	assert_true(sc.total == 52.5);
	f = (struct score_facts){.km = -1, .served_client = 1, .served_activity = 1, .recent_minutes = 1200 * 60,
				 .stated_preferences = 1, .prefers_mode = 1};
	elig_score(&f, &sc);
	assert_true(sc.part[SCORE_DISTANCE] == 10.0);
	assert_true(sc.part[SCORE_SKILL_FIT] == 20.0);
	assert_true(sc.part[SCORE_CONTINUITY] == 25.0);
	assert_true(sc.part[SCORE_FAIRNESS] == 0.0);
	assert_true(sc.total == 65.0);
	f.km = 25;
	f.stated_preferences = 1;
	f.prefers_mode = 0;
	f.served_client = 0;
	elig_score(&f, &sc);
	assert_true(sc.part[SCORE_DISTANCE] == 0.0 && sc.part[SCORE_CONTINUITY] == 10.0 &&
		    sc.part[SCORE_PREFERENCE] == 0.0);
	assert_string_equal(score_factor_name(SCORE_FAIRNESS), "fairness");
	assert_string_equal(elig_rule_name(ELIG_HOUR_CAP), "hour_cap");
}

static const char *words(const struct elig_verdict *w, const char *title)
{
	static char buf[512];
	size_t n = elig_message(w, title, buf, sizeof buf);
	assert_int_equal(n, strlen(buf));
	return buf;
}

/* Every rule's message with its facts put in, as the API has always worded
 * it; a short buffer gets a cut message and the whole length. */
static void each_rule_has_its_message(void **state)
{
	(void)state;
	static const struct {
		struct elig_verdict w;
		const char *title, *want;
	} cases[] = {
		{{.rule = ELIG_OK}, NULL, "eligible"},
		{{.rule = ELIG_ENDED}, NULL, "the shift has already ended"},
		{{.rule = ELIG_STAGE, .stage = "trial"}, NULL, "only registered volunteers may sign up (stage is trial)"},
		{{.rule = ELIG_HELD}, NULL, "the volunteer already holds this shift (a sign-up or an open invitation)"},
		{{.rule = ELIG_COURSE, .ref = 7}, "急救培训",
		 "the position requires course 7 (急救培训), which the volunteer has not completed"},
		{{.rule = ELIG_COURSE, .ref = 7}, NULL,
		 "the position requires course 7 (?), which the volunteer has not completed"},
		{{.rule = ELIG_SKILL, .missing = "first_aid"}, NULL, "the position requires the skill first_aid"},
		{{.rule = ELIG_INSURANCE}, NULL,
		 "risky work needs accident insurance covering the shift (志愿服务条例 Art. 12)"},
		{{.rule = ELIG_CONSENT}, NULL, "a minor needs a guardian's consent"},
		{{.rule = ELIG_MINOR_EMERGENCY}, NULL, "minors are not placed on emergency work"},
		{{.rule = ELIG_MINOR_NIGHT}, NULL, "minors are not placed on night work (22:00-06:00)"},
		{{.rule = ELIG_BACKGROUND}, NULL,
		 "work with minors needs a background check dated within the year before the shift "
		 "(未成年人保护法 Art. 62)"},
		{{.rule = ELIG_DISTANCE, .field = "max_distance_km", .value = 1.26, .limit = 0.5}, NULL,
		 "1.3 km away, beyond the volunteer's limit of 0.5 km"},
		{{.rule = ELIG_DISTANCE, .field = "radius_km", .value = 12.04, .limit = 10}, NULL,
		 "12.0 km away, beyond the radius asked of 10.0 km"},
		{{.rule = ELIG_DISTANCE, .field = "radius_km", .value = -1, .limit = 5}, NULL,
		 "the volunteer's home is not located, and a radius was asked"},
		{{.rule = ELIG_AVAILABILITY}, NULL, "the shift falls outside the volunteer's weekly availability"},
		{{.rule = ELIG_HOUR_CAP, .value = 480, .limit = 450}, NULL,
		 "the shift would bring the week to 8.0 h, above the volunteer's cap of 7.5 h"},
		{{.rule = ELIG_OVERLAP, .ref = 6}, NULL, "the volunteer already holds shift 6 at that time"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_string_equal(words(&cases[i].w, cases[i].title), cases[i].want);
	char shrt[8];
	struct elig_verdict w = {.rule = ELIG_OVERLAP, .ref = 6};
	assert_int_equal(elig_message(&w, NULL, shrt, sizeof shrt), strlen(cases[17].want));
	assert_string_equal(shrt, "the vol");
	assert_int_equal(elig_message(&w, NULL, NULL, 0), strlen(cases[17].want));

	/* the stage comes from the volunteer */
	struct elig_shift s = shift();
	struct elig_volunteer v = volunteer();
	v.registered = 0;
	v.stage = "interview";
	assert_int_equal(check(&s, &v, &w), ELIG_STAGE);
	assert_string_equal(words(&w, NULL), "only registered volunteers may sign up (stage is interview)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eligible_adult_passes),
		cmocka_unit_test(each_rule_names_its_field),
		cmocka_unit_test(minors_rules),
		cmocka_unit_test(distance_limits),
		cmocka_unit_test(weekly_windows),
		cmocka_unit_test(hour_cap_counts_the_local_week),
		cmocka_unit_test(overlap_names_the_other_shift),
		cmocka_unit_test(score_parts),
		cmocka_unit_test(each_rule_has_its_message),
	};
	return cmocka_run_group_tests_name("eligibility", tests, NULL, NULL);
}
