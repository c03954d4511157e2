/* t_matching.c - matching (供需对接, issue 5): ranked candidates with
 * reasons and the rule that excludes the others; the sign-up refusing
 * exactly what the ranking excludes; batch proposals solved exactly where a
 * greedy pass leaves a shift unstaffed; invitations accepted or declined,
 * once. */
#include "tests.h"

#include <math.h>
#include <string.h>

#include "svc_world.h"

/* The place of the activities: central Jingzhou. */
#define LAT 30.33
#define LON 112.24

/* An activity of s->org at (LAT, LON) with one position (extra JSON for
 * the position); returns the position id. */
static long long mk_placed_activity(struct srv *srv, struct svc *s, const char *mode, const char *position_extra,
				    long long *activity)
{
	*activity = MK(srv, s->staff, "/api/v1/activities",
		       fmt("{\"title\":\"助老服务\",\"mode\":\"%s\",\"org_ids\":[%lld],\"place\":\"幸福社区\","
			   "\"lat\":%.4f,\"lon\":%.4f,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"open\","
			   "\"positions\":[{\"title\":\"服务岗\",\"headcount\":2%s%s}]}",
			   mode, s->org, LAT, LON, at(-3 * 3600), at(3 * 86400), position_extra ? "," : "",
			   position_extra ? position_extra : ""));
	json_t *a = track_json(json_incref(http(srv, "GET", fmt("/api/v1/activities/%lld", *activity), s->staff, NULL)->json));
	return jint(a, "positions.0.id");
}

/* Put volunteer i's home `km` kilometres north of the place. */
static void home_at(struct srv *srv, struct svc *s, int i, double km)
{
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/people/%lld", s->person[i]), srv->admin,
			   fmt("{\"lat\":%.6f,\"lon\":%.6f}", LAT + km / 111.195, LON)), 200);
}

static void patch_volunteer(struct srv *srv, struct svc *s, int i, const char *body)
{
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/volunteers/%lld", s->vol[i]), srv->admin, body), 200);
}

static json_t *find_volunteer(json_t *arr, long long vol)
{
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
		if (json_integer_value(json_object_get(it, "volunteer_id")) == vol)
			return it;
	return NULL;
}

void t_candidates_ranked_with_reasons_and_exclusions(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 4))
		return;
	home_at(srv, &s, 0, 0.5);
	home_at(srv, &s, 1, 3);
	home_at(srv, &s, 2, 1);
	home_at(srv, &s, 3, 2);
	/* volunteer 2 caps the week at one hour; volunteer 3 is free on Sunday
	 * mornings only */
	patch_volunteer(srv, &s, 2, "{\"max_weekly_hours\":1}");
	patch_volunteer(srv, &s, 3, "{\"availability\":[\"sun 08:00-09:00\"],\"preferred_modes\":[\"daily\"]}");
	long long act, pos = mk_placed_activity(srv, &s, "daily", "\"required_skills\":[\"助老\"]", &act);
	long long shift = mk_shift(srv, &s, pos, tomorrow_at(9), tomorrow_at(11), 2);

	struct resp *r = http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?explain=1", shift), s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_INT(jint(r->json, "considered"), 4);
	CHECK_INT(jint(r->json, "eligible"), 2);
	CHECK_INT(jint(r->json, "items.0.volunteer_id"), s.vol[0]); /* nearer first, all else equal */
	CHECK_INT(jint(r->json, "items.1.volunteer_id"), s.vol[1]);
	double d0 = json_real_value(jget(r->json, "items.0.distance_km"));
	CHECKM(fabs(d0 - 0.5) < 0.01, "distance %.3f", d0);
	json_t *reasons = jget(r->json, "items.0.reasons");
	CHECK_INT((long long)json_array_size(reasons), 5);
	CHECK_STR(jstr(r->json, "items.0.reasons.0.factor"), "distance");
	CHECK_STR(jstr(r->json, "items.0.reasons.0.detail"), "0.5 km from the place");
	double sum = 0;
	size_t k;
	json_t *it;
	json_array_foreach(reasons, k, it)
		sum += json_real_value(json_object_get(it, "points"));
	CHECKM(fabs(sum - json_real_value(jget(r->json, "items.0.score"))) < 0.011, "parts add up to the score");
	/* the excluded, nearest first, with the rule and field */
	json_t *ex = jget(r->json, "excluded");
	CHECK_INT(jint(r->json, "excluded.0.volunteer_id"), s.vol[2]);
	json_t *e2 = find_volunteer(ex, s.vol[2]), *e3 = find_volunteer(ex, s.vol[3]);
	if (CHECK(e2 && e3)) {
		CHECK_STR(jstr(e2, "rule"), "hour_cap");
		CHECK_STR(jstr(e2, "field"), "max_weekly_hours");
		CHECK_STR(jstr(e3, "rule"), "availability");
	}

	/* the sign-up refuses exactly what the ranking excluded */
	EXPECT_ERR(sign_up(srv, s.vtok[2], shift, s.vol[2]), 422, "rule_violation", "max_weekly_hours");
	EXPECT_ERR(sign_up(srv, s.vtok[3], shift, s.vol[3]), 422, "rule_violation", "availability");
	CHECK_INT(COUNT(srv, fmt("/api/v1/signups?shift_id=%lld", shift)), 0);

	/* a radius keeps the nearest only; a signed-up volunteer is held */
	r = http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?radius_km=1&explain=1", shift), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "eligible"), 1);
		json_t *e1 = find_volunteer(jget(r->json, "excluded"), s.vol[1]);
		CHECK(e1 && strcmp(jstr(e1, "field"), "radius_km") == 0);
	}
	EXPECT_STATUS(sign_up(srv, s.vtok[0], shift, s.vol[0]), 201);
	r = http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?explain=1&limit=10", shift), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *e0 = find_volunteer(jget(r->json, "excluded"), s.vol[0]);
		CHECK(e0 && strcmp(jstr(e0, "rule"), "held") == 0);
		CHECK(jget(r->json, "excluded") && json_array_size(jget(r->json, "excluded")) == 3);
	}
	/* without explain, no exclusions are listed; limit cuts the list */
	r = http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?limit=1", shift), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK(jget(r->json, "excluded") == NULL);
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
	}

	/* a one-place shift goes to the best of its candidates */
	long long pm = mk_shift(srv, &s, pos, tomorrow_at(14), tomorrow_at(16), 1);
	r = http(srv, "POST", "/api/v1/match", s.staff, fmt("{\"shift_ids\":[%lld]}", pm));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_INT(jint(r->json, "filled_slots"), 1);
		CHECK_INT(jint(r->json, "shifts.0.assigned.0.volunteer_id"), s.vol[0]);
		CHECK_INT(jint(r->json, "greedy.filled_slots"), 1);
	}

	/* bad parameters name themselves; volunteers may not rank */
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?limit=0", shift), s.staff, NULL), 422,
		   "invalid_value", "limit");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?radius_km=-1", shift), s.staff, NULL), 422,
		   "invalid_value", "radius_km");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?explain=2", shift), s.staff, NULL), 422,
		   "invalid_value", "explain");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates", shift), s.vtok[1], NULL), 403, "forbidden",
		   NULL);
	EXPECT_ERR(http(srv, "GET", "/api/v1/shifts/999999/candidates", s.staff, NULL), 404, "not_found", NULL);
	/* bad matching preferences are refused and change nothing */
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/volunteers/%lld", s.vol[1]), srv->admin,
			"{\"availability\":[\"someday 08:00-09:00\"]}"),
		   422, "invalid_value", "availability");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/volunteers/%lld", s.vol[1]), srv->admin,
			"{\"preferred_modes\":[\"party\"]}"),
		   422, "invalid_value", "preferred_modes");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/volunteers/%lld", s.vol[1]), srv->admin, "{\"max_weekly_hours\":200}"),
		   422, "invalid_value", "max_weekly_hours");
	r = http(srv, "GET", fmt("/api/v1/volunteers/%lld", s.vol[1]), srv->admin, NULL);
	CHECK(jisnull(r->json, "availability") && jisnull(r->json, "max_weekly_hours"));
}

void t_work_with_minors_needs_a_background_check(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long act, pos = mk_placed_activity(srv, &s, "professional", "\"works_with_minors\":true", &act);
	long long shift = mk_shift(srv, &s, pos, tomorrow_at(14), tomorrow_at(16), 2);
	struct resp *r = http(srv, "GET", fmt("/api/v1/shifts/%lld/candidates?explain=1", shift), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "eligible"), 0);
		CHECK_STR(jstr(r->json, "excluded.0.rule"), "background");
	}
	EXPECT_ERR(sign_up(srv, s.vtok[0], shift, s.vol[0]), 422, "rule_violation", "background_check");
	int y, m, d;
	date_ago(2, 0, &y, &m, &d); /* a check two years old does not count */
	patch_volunteer(srv, &s, 0, fmt("{\"background_check\":\"%04d-%02d-%02d\"}", y, m, d));
	EXPECT_ERR(sign_up(srv, s.vtok[0], shift, s.vol[0]), 422, "rule_violation", "background_check");
	date_ago(0, 30, &y, &m, &d);
	patch_volunteer(srv, &s, 0, fmt("{\"background_check\":\"%04d-%02d-%02d\"}", y, m, d));
	EXPECT_STATUS(sign_up(srv, s.vtok[0], shift, s.vol[0]), 201);
}

/* Two shifts at the same time: A needs 助老, B needs 手语. Volunteer 0 has
 * both and lives next door, volunteer 1 has 助老 only and lives 8 km
 * away. Taking shifts in order, each with its best volunteer, gives A to
 * volunteer 0 and leaves B empty; the optimum staffs both. */
struct contended {
	struct svc s;
	long long act, a, b, c;
};

static bool contended_day(struct srv *srv, struct contended *t)
{
	struct svc *s = &t->s;
	memset(t, 0, sizeof *t);
	if (!setup(srv, s, 0) || !mk_volunteer(srv, s, 0, 30, "[\"助老\",\"手语\"]") ||
	    !mk_volunteer(srv, s, 1, 31, "[\"助老\"]"))
		return false;
	home_at(srv, s, 0, 0.2);
	home_at(srv, s, 1, 8);
	t->act = MK(srv, s->staff, "/api/v1/activities",
		    fmt("{\"title\":\"重阳节活动\",\"mode\":\"event\",\"org_ids\":[%lld],\"place\":\"幸福社区\","
			"\"lat\":%.4f,\"lon\":%.4f,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"open\","
			"\"positions\":[{\"title\":\"陪护\",\"headcount\":1,\"required_skills\":[\"助老\"]},"
			"{\"title\":\"手语翻译\",\"headcount\":1,\"required_skills\":[\"手语\"]},"
			"{\"title\":\"司机\",\"headcount\":1,\"required_skills\":[\"驾驶\"]}]}",
			s->org, LAT, LON, at(-3 * 3600), at(3 * 86400)));
	json_t *a = track_json(json_incref(http(srv, "GET", fmt("/api/v1/activities/%lld", t->act), s->staff, NULL)->json));
	t->a = mk_shift(srv, s, jint(a, "positions.0.id"), tomorrow_at(9), tomorrow_at(11), 1);
	t->b = mk_shift(srv, s, jint(a, "positions.1.id"), tomorrow_at(9), tomorrow_at(11), 1);
	t->c = mk_shift(srv, s, jint(a, "positions.2.id"), tomorrow_at(9), tomorrow_at(11), 1);
	return s->staff && t->a > 0 && t->b > 0 && t->c > 0 && test_failures() == 0;
}

/* The volunteer assigned to `shift` in a proposal, or -1. */
static long long assigned(json_t *p, long long shift)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(p, "shifts"), i, it)
		if (json_integer_value(json_object_get(it, "shift_id")) == shift)
			return jint(it, "assigned.0.volunteer_id");
	return -1;
}

void t_match_staffs_what_greedy_leaves_empty(struct srv *srv)
{
	struct contended t;
	if (!contended_day(srv, &t))
		return;
	struct svc *s = &t.s;
	struct resp *r = http(srv, "POST", "/api/v1/match", s->staff,
			      fmt("{\"shift_ids\":[%lld,%lld,%lld]}", t.a, t.b, t.c));
	if (!EXPECT_STATUS(r, 201))
		return;
	json_t *p = r->json;
	long long id = jint(p, "id");
	CHECK_STR(jstr(p, "status"), "proposed");
	CHECK_INT(jint(p, "demand_slots"), 3);
	CHECK_INT(jint(p, "filled_slots"), 2);
	CHECK_INT(assigned(p, t.a), s->vol[1]);
	CHECK_INT(assigned(p, t.b), s->vol[0]);
	CHECK_INT(jint(p, "greedy.filled_slots"), 1); /* greedy gives A to volunteer 0 */
	/* the driver's shift stays open, and says why */
	CHECK_INT((long long)json_array_size(jget(p, "unfilled_shifts")), 1);
	CHECK_INT(jint(p, "unfilled_shifts.0.shift_id"), t.c);
	const char *why = jstr(p, "unfilled_shifts.0.why");
	CHECKM(why && strstr(why, "skill"), "why: %s", why ? why : "(none)");
	double total = json_real_value(jget(p, "total_score"));
	double parts = json_real_value(jget(p, "shifts.0.assigned.0.score")) +
		       json_real_value(jget(p, "shifts.1.assigned.0.score"));
	CHECKM(fabs(total - parts) < 0.005, "total %.2f = %.2f", total, parts);

	/* the proposal reads back the same */
	r = http(srv, "GET", fmt("/api/v1/match/%lld", id), s->staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "filled_slots"), 2);
		CHECK_INT(assigned(r->json, t.b), s->vol[0]);
		CHECKM(fabs(json_real_value(jget(r->json, "total_score")) - total) < 1e-9, "same total");
	}

	/* applying makes one invitation per placed volunteer, once */
	r = http(srv, "POST", fmt("/api/v1/match/%lld/apply", id), s->staff, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2);
	r = http(srv, "POST", fmt("/api/v1/match/%lld/apply", id), s->staff, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2);
	CHECK_INT(COUNT(srv, fmt("/api/v1/invitations?proposal_id=%lld", id)), 2);
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/match/%lld", id), s->staff, NULL)->json, "status"), "applied");

	/* each volunteer sees their own invitation and is told in the inbox */
	r = http(srv, "GET", "/api/v1/invitations", s->vtok[0], NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
	long long inv0 = jint(r->json, "items.0.id");
	CHECK_INT(jint(r->json, "items.0.shift_id"), t.b);
	r = http(srv, "GET", "/api/v1/notifications?kind=invitation", s->vtok[0], NULL);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
	long long inv1 = jint(http(srv, "GET", "/api/v1/invitations", s->vtok[1], NULL)->json, "items.0.id");

	/* a volunteer may not answer another's invitation */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/invitations/%lld/accept", inv0), s->vtok[1], NULL), 403, "forbidden",
		   NULL);
	/* accepting signs up, accepted at once; the same answer again is the
	 * same; a different one conflicts */
	r = http(srv, "POST", fmt("/api/v1/invitations/%lld/accept", inv0), s->vtok[0], NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "accepted");
		long long g = jint(r->json, "signup_id");
		CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/signups/%lld", g), s->vtok[0], NULL)->json, "status"),
			  "accepted");
	}
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/invitations/%lld/accept", inv0), s->vtok[0], NULL), 200);
	CHECK_INT(COUNT(srv, fmt("/api/v1/signups?shift_id=%lld", t.b)), 1);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/invitations/%lld/decline", inv0), s->vtok[0], NULL), 409, "conflict",
		   "status");
	/* a decline keeps its reason and frees the place for the next match */
	r = http(srv, "POST", fmt("/api/v1/invitations/%lld/decline", inv1), s->vtok[1], "{\"reason\":\"那天要上班\"}");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "declined");
		CHECK_STR(jstr(r->json, "reason"), "那天要上班");
	}
	CHECK_INT(COUNT(srv, fmt("/api/v1/signups?shift_id=%lld", t.a)), 0);
	r = http(srv, "POST", "/api/v1/match", s->staff, fmt("{\"shift_ids\":[%lld,%lld]}", t.a, t.b));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_INT(jint(r->json, "demand_slots"), 1); /* B is taken */
		/* volunteer 0 now holds B at that time: only volunteer 1 is left */
		CHECK_INT(assigned(r->json, t.a), s->vol[1]);
	}
}

void t_match_bad_requests_write_nothing(struct srv *srv)
{
	struct contended t;
	if (!contended_day(srv, &t))
		return;
	struct svc *s = &t.s;
	static const struct {
		const char *body;
		int status;
		const char *code, *field;
	} bad[] = {
		{"{}", 422, "required", "shift_ids"},
		{"{\"shift_ids\":[]}", 422, "invalid_value", "shift_ids"},
		{"{\"shift_ids\":[0]}", 422, "invalid_value", "shift_ids"},
		{"{\"shift_ids\":[\"1\"]}", 422, "invalid_value", "shift_ids"},
		{"{\"shift_ids\":[999999]}", 422, "invalid_value", "shift_ids"},
		{"{\"shift_ids\":[1],\"activity_id\":1}", 422, "invalid_value", "shift_ids"},
		{"{\"activity_id\":999999}", 422, "invalid_value", "activity_id"},
		{"{\"region_id\":1}", 422, "required", "from"},
		{"{\"activity_id\":1,\"from\":\"2026-01-01T00:00:00+08:00\"}", 422, "invalid_value", "from"},
		{"{\"shift_ids\":[1],\"radius_km\":-3}", 422, "invalid_value", "radius_km"},
		{"{\"shift_ids\":[1],\"one_shift_per_volunteer\":1}", 422, "invalid_value", "one_shift_per_volunteer"},
		{"{\"shift_ids\":[1],\"colour\":\"red\"}", 400, "unknown_field", "colour"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(srv, "POST", "/api/v1/match", s->staff, bad[i].body), bad[i].status, bad[i].code,
			   bad[i].field);
	EXPECT_ERR(http(srv, "POST", "/api/v1/match", s->staff,
			fmt("{\"region_id\":%lld,\"from\":\"%s\",\"to\":\"%s\"}", s->w.town1, tomorrow_at(12), tomorrow_at(8))),
		   422, "invalid_value", "to");
	/* volunteers do not assign */
	EXPECT_ERR(http(srv, "POST", "/api/v1/match", s->vtok[0], fmt("{\"shift_ids\":[%lld]}", t.a)), 403, "forbidden",
		   NULL);
	EXPECT_ERR(http(srv, "POST", "/api/v1/match/999999/apply", s->staff, NULL), 404, "not_found", NULL);
	CHECK_INT(COUNT(srv, "/api/v1/invitations"), 0);

	/* by activity and by region and dates: the same three shifts */
	struct resp *r = http(srv, "POST", "/api/v1/match", s->staff, fmt("{\"activity_id\":%lld}", t.act));
	if (EXPECT_STATUS(r, 201))
		CHECK_INT((long long)json_array_size(jget(r->json, "shifts")), 3);
	r = http(srv, "POST", "/api/v1/match", s->staff,
		 fmt("{\"region_id\":%lld,\"from\":\"%s\",\"to\":\"%s\"}", s->w.d1, tomorrow_at(0), tomorrow_at(23)));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_INT((long long)json_array_size(jget(r->json, "shifts")), 3);
		CHECK_INT(jint(r->json, "filled_slots"), 2);
	}
	/* another staff member cannot read or apply the proposal */
	MK_USER(srv, srv->admin, "other", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", s->org));
	const char *other = LOGIN(srv, "other", USER_PASS);
	long long id = jint(r->json, "id");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/match/%lld", id), other, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/match/%lld/apply", id), other, NULL), 403, "forbidden", NULL);
	CHECK_INT(COUNT(srv, "/api/v1/invitations"), 0);
}

/* One volunteer, a morning and an afternoon shift: one shift each by
 * default; both when a volunteer may take one shift of each time group,
 * and both invitations then sign up without overlap. */
void t_match_more_shifts_per_volunteer_never_overlap(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	home_at(srv, &s, 0, 1);
	long long act, pos = mk_placed_activity(srv, &s, "daily", NULL, &act);
	long long am = mk_shift(srv, &s, pos, tomorrow_at(9), tomorrow_at(11), 1);
	long long noon = mk_shift(srv, &s, pos, tomorrow_at(10), tomorrow_at(12), 1);
	long long pm = mk_shift(srv, &s, pos, tomorrow_at(14), tomorrow_at(16), 1);
	const char *ids = fmt("[%lld,%lld,%lld]", am, noon, pm);
	struct resp *r = http(srv, "POST", "/api/v1/match", s.staff, fmt("{\"shift_ids\":%s}", ids));
	if (EXPECT_STATUS(r, 201))
		CHECK_INT(jint(r->json, "filled_slots"), 1);
	r = http(srv, "POST", "/api/v1/match", s.staff,
		 fmt("{\"shift_ids\":%s,\"one_shift_per_volunteer\":false}", ids));
	if (!EXPECT_STATUS(r, 201))
		return;
	CHECK_INT(jint(r->json, "filled_slots"), 2); /* the afternoon and one of the overlapping two */
	CHECK_INT(assigned(r->json, pm), s.vol[0]);
	CHECK(assigned(r->json, am) == s.vol[0] || assigned(r->json, noon) == s.vol[0]);
	CHECK(!(assigned(r->json, am) == s.vol[0] && assigned(r->json, noon) == s.vol[0]));
	long long id = jint(r->json, "id");
	r = http(srv, "POST", fmt("/api/v1/match/%lld/apply", id), s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	for (int i = 0; i < 2; i++)
		EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/invitations/%lld/accept", jint(r->json, fmt("items.%d.id", i))),
				   s.vtok[0], NULL),
			      200);
	CHECK_INT(COUNT(srv, fmt("/api/v1/signups?volunteer_id=%lld&status=accepted", s.vol[0])), 2);
}
