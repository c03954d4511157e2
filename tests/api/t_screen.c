/* t_screen.c - GET /api/v1/stats/screen (the city data screen, issue 18):
 * every figure exactly against a small world built by hand (the city, each
 * district, each of the last 12 months, each service mode, the 1:10
 * ratio), who may open it (platform admin, the region's regional admin;
 * 403 for anyone else and for a region outside the caller's) and bad
 * region ids (422 naming region_id). */
#include <string.h>

#include "svc_world.h"

struct screen_world {
	struct svc s;
	long long agency, sw1, client_activity;
	const char *d2admin;
	const char *rec_month, *plan_month;	/* "YYYY-MM" of the hand records, of the plan's record */
};

/* A record of `hours` for volunteer v (on activity act when not 0: in
 * its last 2.5 hours, else 40 to 24 hours ago) made by `maker`, verified
 * by `verifier` unless NULL; returns its starts_at month. */
static const char *record_by(struct srv *srv, const char *maker, const char *verifier, long long v, long long act,
			     const char *hours)
{
	long long from = act ? -9000 : -40 * 3600, to = act ? -60 : -24 * 3600;
	const char *a = act ? fmt("\"activity_id\":%lld,", act) : "";
	long long id = MK(srv, maker, "/api/v1/service-records",
			  fmt("{\"volunteer_id\":%lld,%s\"content\":\"入户探访\",\"place\":\"幸福社区\",\"starts_at\":\"%s\","
			      "\"ends_at\":\"%s\",\"hours\":%s,\"person_in_charge\":\"李主任\"}",
			      v, a, at(from), at(to), hours));
	if (verifier)
		EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", id), verifier, NULL), 200);
	const char *st = jstr(http(srv, "GET", fmt("/api/v1/service-records/%lld", id), maker, NULL)->json, "starts_at");
	return st ? fmt("%.7s", st) : "";
}

/* The same made by the station's staff, verified by its second social
 * worker when `verify`. */
static const char *record(struct srv *srv, struct svc *s, long long v, long long act, const char *hours, bool verify)
{
	return record_by(srv, s->staff, verify ? verifier_of(srv, s) : NULL, v, act, hours);
}

/* A need of `person` in `region`, walked into service when `serve`. */
static void need(struct srv *srv, long long person, long long region, long long worker, bool serve)
{
	long long id = MK(srv, srv->admin, "/api/v1/needs",
			  fmt("{\"title\":\"助老\",\"category\":\"elderly_care\",\"region_id\":%lld,\"urgency\":\"medium\","
			      "\"raised_by\":\"resident\",\"raised_by_person_id\":%lld}",
			      region, person));
	if (!serve || id < 0)
		return;
	const char *path = fmt("/api/v1/needs/%lld/status", id);
	EXPECT_STATUS(http(srv, "POST", path, srv->admin,
			   fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", worker)), 200);
	EXPECT_STATUS(http(srv, "POST", path, srv->admin, "{\"to\":\"planned\"}"), 200);
	EXPECT_STATUS(http(srv, "POST", path, srv->admin, fmt("{\"to\":\"matched\",\"social_worker_id\":%lld}", worker)),
		      200);
	EXPECT_STATUS(http(srv, "POST", path, srv->admin, "{\"to\":\"in_service\"}"), 200);
}

/* The city (421000) holds a volunteer hub of its own; d1 the station
 * (town1) with a room and a volunteer team, two social workers (one
 * certified), three registered volunteers (registered now) with 3 + 7
 * verified hours made by hand, 2 on an event, 12 recorded
 * only; a need of volunteer 0's person in service, one of volunteer 1's
 * person in service and volunteer 1's person a client whose plan's visit
 * (1 verified hour) counts once, a new need not served; d2 an agency
 * (town2) with a certified social worker, an applied volunteer, a need in
 * service of volunteer 2's person, and its regional admin. */
static bool build(struct srv *srv, struct screen_world *w)
{
	memset(w, 0, sizeof *w);
	struct svc *s = &w->s;
	if (!setup(srv, s, 3) || !world_menu(srv, &s->w))
		return false;
	MK_ORG(srv, srv->admin, "荆州市志愿服务联合会", "volunteer_hub", s->w.city, 0);
	MK_ORG(srv, srv->admin, "三眼井社区社工室", "social_work_room", s->w.comm1, s->org);
	MK_ORG(srv, srv->admin, "中山街道志愿服务队", "volunteer_team", s->w.town1, s->org);
	w->agency = MK_ORG(srv, srv->admin, "荆州区社会工作服务中心", "sw_agency", s->w.town2, 0);
	w->sw1 = mk_social_worker(srv, s->org, "intermediate", 1);
	mk_social_worker(srv, s->org, "none", 2);
	long long sw3 = mk_social_worker(srv, w->agency, "assistant", 3);
	char idn[19];
	idnum(idn, "421003", 1990, 5, 6, 701);
	long long p = MK_PERSON(srv, srv->admin, "申请人", idn, NULL, w->agency);
	MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, w->agency));

	w->rec_month = record(srv, s, s->vol[0], 0, "3", true);
	record(srv, s, s->vol[1], 0, "7", true);
	record(srv, s, s->vol[0], 0, "12", false);
	long long act;
	mk_activity(srv, s, "event", "open", NULL, &act);
	record(srv, s, s->vol[2], act, "2", true);

	need(srv, s->person[0], s->w.comm1, w->sw1, true);
	need(srv, s->person[1], s->w.comm1, w->sw1, true);
	need(srv, s->person[2], s->w.comm1, w->sw1, false);
	need(srv, s->person[2], s->w.town2, sw3, true);
	long long client = MK(srv, s->staff, "/api/v1/clients",
			      fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"elderly\",\"care_level\":\"partial\","
				  "\"consent\":true}",
				  s->person[1], s->org));
	struct resp *r = http(srv, "POST", "/api/v1/plans", s->staff,
			      fmt("{\"client_id\":%lld,\"title\":\"居家探访\",\"starts_on\":\"%.10s\"}", client, at(-3 * 86400)));
	if (!EXPECT_STATUS(r, 201))
		return false;
	w->client_activity = jint(r->json, "activity_id");
	w->plan_month = record(srv, s, s->vol[1], w->client_activity, "1", true);

	MK_USER(srv, srv->admin, "d2admin", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", s->w.d2));
	w->d2admin = LOGIN(srv, "d2admin", USER_PASS);
	return w->d2admin != NULL && test_failures() == 0;
}

struct want {
	long long stations, rooms, agencies, vorgs, sws, cert, vols, served;
	double hours;
};

static void check_area(json_t *o, const char *name, const struct want *w)
{
	CHECK_STR(jstr(o, "name"), name);
	CHECK_INT(jint(o, "stations"), w->stations);
	CHECK_INT(jint(o, "rooms"), w->rooms);
	CHECK_INT(jint(o, "agencies"), w->agencies);
	CHECK_INT(jint(o, "volunteer_orgs"), w->vorgs);
	CHECK_INT(jint(o, "social_workers"), w->sws);
	CHECK_INT(jint(o, "certified_social_workers"), w->cert);
	CHECK_INT(jint(o, "volunteers_registered"), w->vols);
	CHECK_INT(jint(o, "people_served"), w->served);
	CHECKM(stat_num(o, "service_hours") == w->hours, "%s: want %g hours, got %g", name, w->hours,
	       stat_num(o, "service_hours"));
}

/* The month entry `ym` of by_month, or NULL. */
static json_t *month(json_t *o, const char *ym)
{
	json_t *a = jget(o, "by_month");
	for (size_t i = 0; i < json_array_size(a); i++)
		if (strcmp(jstr(json_array_get(a, i), "month"), ym) == 0)
			return json_array_get(a, i);
	return NULL;
}

void t_screen_figures_exact_by_district_month_and_mode(struct srv *srv)
{
	struct screen_world w;
	if (!build(srv, &w))
		return;
	struct resp *r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.city), srv->admin, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	json_t *o = r->json;
	CHECKR(r, jstr(o, "as_of") != NULL && strlen(jstr(o, "as_of")) >= 19);
	CHECK_INT(jint(o, "social_worker_volunteer_target"), 10);
	/* the city: the hub counts there and in no district; 3 + 7 + 2 + 1
	 * verified hours; people served: persons 0, 1 (a need and a client,
	 * once) and 2 (d2's need) */
	check_area(jget(o, "totals"), "荆州市",
		   &(struct want){.stations = 1, .rooms = 1, .agencies = 1, .vorgs = 2, .sws = 3, .cert = 2, .vols = 3,
				  .served = 3, .hours = 13});
	CHECK_INT(jint(o, "totals.region_id"), w.s.w.city);
	CHECK_STR(jstr(o, "totals.level"), "city");
	CHECKM(stat_num(o, "totals.social_worker_volunteer_ratio") == 1.0, "3 volunteers for 3 social workers");
	CHECK(json_is_false(jget(o, "totals.meets_target")));

	/* each child region, by id */
	CHECK_INT((long long)json_array_size(jget(o, "by_district")), 2);
	CHECK_INT(jint(o, "by_district.0.region_id"), w.s.w.d1);
	check_area(jget(o, "by_district.0"), "沙市区",
		   &(struct want){.stations = 1, .rooms = 1, .vorgs = 1, .sws = 2, .cert = 1, .vols = 3, .served = 2,
				  .hours = 13});
	CHECKM(stat_num(o, "by_district.0.social_worker_volunteer_ratio") == 1.5, "3 volunteers for 2 social workers");
	CHECK_INT(jint(o, "by_district.1.region_id"), w.s.w.d2);
	check_area(jget(o, "by_district.1"), "荆州区",
		   &(struct want){.agencies = 1, .sws = 1, .cert = 1, .served = 1, .hours = 0});
	CHECKM(stat_num(o, "by_district.1.social_worker_volunteer_ratio") == 0.0, "no volunteers in d2");

	/* the last 12 months: hours where the records start, the three
	 * volunteers first registered this month, the needs served this
	 * month and the client in the month of the plan's record */
	json_t *months = jget(o, "by_month");
	CHECK_INT((long long)json_array_size(months), 12);
	const char *this_month = jstr(json_array_get(months, 11), "month");
	double hours = 0;
	long long served = 0, fresh = 0;
	for (size_t i = 0; i < json_array_size(months); i++) {
		json_t *m = json_array_get(months, i);
		hours += stat_num(m, "service_hours");
		served += jint(m, "people_served");
		fresh += jint(m, "new_volunteers");
	}
	CHECKM(hours == 13.0, "13 hours over the months, got %g", hours);
	CHECK_INT(fresh, 3);
	CHECK_INT(jint(json_array_get(months, 11), "new_volunteers"), 3);
	json_t *rm = month(o, w.rec_month), *pm = month(o, w.plan_month), *tm = month(o, this_month);
	if (CHECKM(rm && pm && tm, "months %s, %s in %s", w.rec_month, w.plan_month, r->body)) {
		double in_rec = stat_num(rm, "service_hours");
		CHECKM(in_rec == 13.0, "the records' month %s has %g hours", w.rec_month, in_rec);
		/* persons 0, 1, 2 by their needs this month; person 1 again by the
		 * plan's record, once if in the same month */
		long long want_this = 3, want_plan = strcmp(w.plan_month, this_month) ? 1 : 3;
		CHECK_INT(jint(tm, "people_served"), want_this);
		CHECK_INT(jint(pm, "people_served"), want_plan);
		CHECK_INT(served, want_this + (strcmp(w.plan_month, this_month) ? 1 : 0));
	}

	/* by mode: hand records (no activity) first with 10 hours, then the
	 * event's 2 and the plan's visit (a professional activity) 1 */
	json_t *modes = jget(o, "by_mode");
	CHECK_INT((long long)json_array_size(modes), 3);
	CHECK(jisnull(o, "by_mode.0.mode"));
	CHECKM(stat_num(o, "by_mode.0.service_hours") == 10.0, "10 hours without an activity");
	CHECK_INT(jint(o, "by_mode.0.activities"), 0);
	CHECK_INT(jint(o, "by_mode.0.volunteers"), 2);
	CHECK_STR(jstr(o, "by_mode.1.mode"), "event");
	CHECKM(stat_num(o, "by_mode.1.service_hours") == 2.0, "2 hours at the event");
	CHECK_INT(jint(o, "by_mode.1.activities"), 1);
	CHECK_INT(jint(o, "by_mode.1.volunteers"), 1);
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/activities/%lld", w.client_activity), w.s.staff, NULL)->json, "mode"),
		  "professional");
	CHECK_STR(jstr(o, "by_mode.2.mode"), "professional");
	CHECKM(stat_num(o, "by_mode.2.service_hours") == 1.0, "the plan's hour");
	CHECK_INT(jint(o, "by_mode.2.activities"), 1);

	/* a district: its towns; 1:10 met when the volunteers are there */
	r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.d1), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		check_area(jget(r->json, "totals"), "沙市区",
			   &(struct want){.stations = 1, .rooms = 1, .vorgs = 1, .sws = 2, .cert = 1, .vols = 3,
					  .served = 2, .hours = 13});
		CHECK_INT((long long)json_array_size(jget(r->json, "by_district")), 1);
		CHECK_INT(jint(r->json, "by_district.0.region_id"), w.s.w.town1);
	}
	/* a community with nobody: zeros, no ratio, no target met */
	r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.comm1), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "totals.rooms"), 1);
		CHECK(jisnull(r->json, "totals.social_worker_volunteer_ratio"));
		CHECK(json_is_false(jget(r->json, "totals.meets_target")));
		CHECK_INT((long long)json_array_size(jget(r->json, "by_district")), 0);
		CHECK_INT((long long)json_array_size(jget(r->json, "by_mode")), 0);
	}
	/* ten more registered volunteers per social worker in d2 meets 1:10 */
	for (int i = 0; i < 10; i++) {
		char idn[19];
		idnum(idn, "421003", 1991, 1, 2, 710 + i);
		long long p = MK_PERSON(srv, srv->admin, fmt("新志愿者%d", i), idn, NULL, w.agency);
		long long v = MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, w.agency));
		for (size_t k = 0; k < 6; k++)
			http(srv, "POST", fmt("/api/v1/volunteers/%lld/stage", v), srv->admin, fmt("{\"to\":\"%s\"}", stages[k]));
	}
	r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.city), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "by_district.1.volunteers_registered"), 10);
		CHECKM(stat_num(r->json, "by_district.1.social_worker_volunteer_ratio") == 10.0, "10 volunteers, 1 worker");
		CHECK(json_is_true(jget(r->json, "by_district.1.meets_target")));
		CHECK(json_is_false(jget(r->json, "by_district.0.meets_target")));
		CHECK_INT(jint(r->json, "totals.volunteers_registered"), 13);
		CHECK_INT(jint(r->json, "by_month.11.new_volunteers"), 13);
	}
}

/* A person who volunteers for two orgs counts once in a mode's people
 * (the statement counts volunteer rows and takes off the repeats among
 * the people with several, migration 027): persons 0 and 2 join the
 * city's hub too, each with a verified hand record there; the hand
 * records' people stay persons 0, 1 and 2 in the city (four volunteer
 * rows), and d1, where the hub's records are not, keeps its two. */
void t_screen_modes_count_a_person_once(struct srv *srv)
{
	struct screen_world w;
	if (!build(srv, &w))
		return;
	long long hub = MK_ORG(srv, srv->admin, "荆州市志愿者协会", "volunteer_hub", w.s.w.city, 0);
	MK_USER(srv, srv->admin, "admin2", 0, "[{\"role\":\"platform_admin\"}]");
	const char *admin2 = LOGIN(srv, "admin2", USER_PASS);
	long long pv[2] = {w.s.person[0], w.s.person[2]};
	for (int i = 0; i < 2; i++) {
		long long v = MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", pv[i], hub));
		for (size_t k = 0; k < 6; k++)
			EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/volunteers/%lld/stage", v), srv->admin,
					   fmt("{\"to\":\"%s\"}", stages[k])),
				      200);
		record_by(srv, srv->admin, admin2, v, 0, "1");
	}
	struct resp *r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.city), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK(jisnull(r->json, "by_mode.0.mode"));
		CHECKM(stat_num(r->json, "by_mode.0.service_hours") == 12.0, "10 + 2 hand hours");
		CHECK_INT(jint(r->json, "by_mode.0.volunteers"), 3);
		CHECK_STR(jstr(r->json, "by_mode.1.mode"), "event");
		CHECK_INT(jint(r->json, "by_mode.1.volunteers"), 1);
		/* the overview's registered people count them once too */
		CHECK_INT(jint(r->json, "totals.volunteers_registered"), 3);
	}
	r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.d1), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKM(stat_num(r->json, "by_mode.0.service_hours") == 10.0, "d1's hand hours");
		CHECK_INT(jint(r->json, "by_mode.0.volunteers"), 2);
	}
}

void t_screen_scope_and_bad_region(struct srv *srv)
{
	struct screen_world w;
	if (!build(srv, &w))
		return;
	/* d2's regional admin: d2 and below, nothing above or beside */
	struct resp *r = http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.d2), w.d2admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		check_area(jget(r->json, "totals"), "荆州区",
			   &(struct want){.agencies = 1, .sws = 1, .cert = 1, .served = 1, .hours = 0});
		CHECK_INT(jint(r->json, "by_district.0.region_id"), w.s.w.town2);
		CHECK_INT(jint(r->json, "by_district.0.agencies"), 1);
		CHECK_INT(jint(r->json, "by_district.0.people_served"), 1);
	}
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.town2), w.d2admin, NULL), 200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.city), w.d2admin, NULL), 403,
		   "forbidden", "region_id");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.d1), w.d2admin, NULL), 403,
		   "forbidden", "region_id");
	/* org staff read the overview, not the screen; volunteers neither */
	EXPECT_STATUS(http(srv, "GET", "/api/v1/stats/overview", w.s.staff, NULL), 200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.town1), w.s.staff, NULL), 403,
		   "forbidden", "region_id");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.city), w.s.vtok[0], NULL), 403,
		   "forbidden", "region_id");
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/stats/screen?region_id=%lld", w.s.w.city), NULL, NULL), 401);
	/* bad region ids: missing, not a number, not positive, unknown */
	static const char *const bad[] = {"", "?region_id=", "?region_id=abc", "?region_id=0", "?region_id=-3",
					  "?region_id=999999", "?region_id=1.5"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/screen%s", bad[i]), srv->admin, NULL), 422, "invalid_value",
			   "region_id");
}
