/* t_analytics.c - workforce analytics (issue 15): a volunteer's hours this
 * year and last service, the volunteers below the yearly norm, retention
 * by quarterly cohort, and the inactive sweep, each figure exact over a
 * small world whose times are placed by hand (records at chosen dates
 * through the API, registration moves dated in the database). */
#include "svc_world.h"
#include "care_world.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* China time: the first day of the month `months` from this quarter's
 * first month, at hh:mm, as ISO 8601 with offset (day `day`). */
static const char *quarter_month_at(int months, int day, int hh, int mm)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	int mi = (tm.tm_year + 1900) * 12 + tm.tm_mon / 3 * 3 + months;
	return fmt("%04d-%02d-%02dT%02d:%02d:00+08:00", mi / 12, mi % 12 + 1, day, hh, mm);
}

/* A verified record of `hours` for volunteer v from `from` to `to`, made
 * by the station's social worker for the station and verified by its
 * second one; its id. */
static long long served(struct srv *srv, struct svc *s, long long v, const char *from, const char *to,
			const char *hours, bool verify)
{
	long long id = MK(srv, s->staff, "/api/v1/service-records",
			  fmt("{\"volunteer_id\":%lld,\"org_id\":%lld,\"content\":\"探访\",\"place\":\"幸福社区\","
			      "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"hours\":%s,\"person_in_charge\":\"李主任\"}",
			      v, s->org, from, to, hours));
	if (verify)
		EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", id), verifier_of(srv, s), NULL),
			      200);
	return id;
}

/* A registered volunteer of `org` (not the station's), with no login. */
static long long registered_in(struct srv *srv, long long org, int seq)
{
	char idn[19];
	idnum(idn, "421003", 1985, 7, 8, 600 + seq);
	long long p = MK_PERSON(srv, srv->admin, fmt("外区志愿者%d", seq), idn, NULL, org);
	long long v = MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org));
	for (size_t k = 0; k < 6; k++)
		EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/volunteers/%lld/stage", v), srv->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
	return v;
}

static void move(struct srv *srv, long long v, const char *to)
{
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/volunteers/%lld/stage", v), srv->admin, fmt("{\"to\":\"%s\"}", to)),
		      200);
}

struct ana_world {
	struct svc s;
	long long org2, v4, applied;
	const char *d2admin;
	int y;
};

/* v0..v3 registered at the station (d1), v4 registered at an agency in
 * d2, one applied volunteer at the station; this year (China time) v0 has
 * 15 + 10 verified hours, v1 19.5 verified and 10 only recorded, v2
 * nothing, v3 exactly 20, v4 3; last year v0 has 5. */
static bool hours_world(struct srv *srv, struct ana_world *w)
{
	memset(w, 0, sizeof *w);
	struct svc *s = &w->s;
	if (!setup(srv, s, 4))
		return false;
	w->y = this_year();
	w->org2 = MK_ORG(srv, srv->admin, "荆州区社会工作服务中心", "sw_agency", s->w.town2, 0);
	w->v4 = registered_in(srv, w->org2, 1);
	char idn[19];
	idnum(idn, "421002", 1991, 2, 3, 777);
	long long p = MK_PERSON(srv, srv->admin, "申请人", idn, NULL, s->org);
	w->applied = MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, s->org));
	int y = w->y;
	/* days 1..4 of January this year: in the past unless run on New Year's night */
#define DAY(d, h) fmt("%04d-01-%02dT%02d:00:00+08:00", y, (d), (h))
	served(srv, s, s->vol[0], DAY(1, 0), DAY(1, 23), "15", true);
	served(srv, s, s->vol[0], DAY(2, 0), DAY(2, 23), "10", true);
	served(srv, s, s->vol[0], fmt("%04d-06-01T08:00:00+08:00", y - 1), fmt("%04d-06-01T18:00:00+08:00", y - 1),
	       "5", true);
	served(srv, s, s->vol[1], DAY(1, 0), DAY(1, 23), "19.5", true);
	served(srv, s, s->vol[1], DAY(3, 0), DAY(3, 23), "10", false);
	served(srv, s, s->vol[3], DAY(1, 0), DAY(1, 23), "20", true);
	served(srv, s, w->v4, DAY(4, 0), DAY(4, 23), "3", true);
#undef DAY
	MK_USER(srv, srv->admin, "d2admin", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", s->w.d2));
	w->d2admin = LOGIN(srv, "d2admin", USER_PASS);
	return w->d2admin != NULL && test_failures() == 0;
}

/* items of a below-norm answer are exactly ids[0..n) with hours[0..n) */
static void check_items(json_t *o, const long long *ids, const double *hours, int n)
{
	json_t *items = jget(o, "items");
	if (!CHECK_INT((long long)json_array_size(items), n))
		return;
	for (int i = 0; i < n; i++) {
		json_t *it = json_array_get(items, (size_t)i);
		CHECK_INT(jint(it, "volunteer_id"), ids[i]);
		CHECKM(stat_num(it, "hours") == hours[i], "item %d: want %g hours, got %g", i, hours[i], stat_num(it, "hours"));
		CHECK(jstr(it, "name") != NULL && jstr(it, "volunteer_no") != NULL);
	}
}

void t_workforce_hours_this_year_and_last_service(struct srv *srv)
{
	struct ana_world w;
	if (!hours_world(srv, &w))
		return;
	struct resp *r = http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", w.s.vol[0]), w.s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "year"), w.y);
		CHECKM(stat_num(r->json, "hours_this_year") == 25.0, "want 25 h this year, got %g", stat_num(r->json, "hours_this_year"));
		CHECK_INT(jint(r->json, "norm_hours"), 20);
		CHECKM(stat_num(r->json, "verified_hours") == 30.0, "want 30 h in all");
		CHECK_STR(jstr(r->json, "last_service_date"), fmt("%04d-01-02", w.y));
		CHECK_STR(jstr(r->json, "last_service_at"), fmt("%04d-01-02T00:00:00+08:00", w.y));
	}
	/* only recorded hours do not count; nothing verified: null */
	r = http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", w.s.vol[1]), w.s.vtok[1], NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKM(stat_num(r->json, "hours_this_year") == 19.5, "want 19.5 h this year");
		CHECK_STR(jstr(r->json, "last_service_date"), fmt("%04d-01-01", w.y));
	}
	r = http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", w.s.vol[2]), w.s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKM(stat_num(r->json, "hours_this_year") == 0.0, "no hours");
		CHECK(jisnull(r->json, "last_service_at"));
		CHECK(jisnull(r->json, "last_service_date"));
	}
}

void t_workforce_below_norm_exact_paged_and_scoped(struct srv *srv)
{
	struct ana_world w;
	if (!hours_world(srv, &w))
		return;
	struct svc *s = &w.s;
	struct resp *r = http(srv, "GET", "/api/v1/stats/below-norm", srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "norm_hours"), 20);
		CHECK_INT(jint(r->json, "year"), w.y);
		CHECK_INT(jint(r->json, "registered"), 5);
		CHECK_INT(jint(r->json, "below_norm"), 3);
		CHECK(jisnull(r->json, "next_cursor"));
		long long ids[] = {s->vol[1], s->vol[2], w.v4};
		double hours[] = {19.5, 0, 3};
		check_items(r->json, ids, hours, 3);
		CHECK_STR(jstr(r->json, "items.0.name"), "志愿者1");
		CHECK_STR(jstr(r->json, "items.0.last_service_date"), fmt("%04d-01-01", w.y));
		CHECK(jisnull(r->json, "items.1.last_service_date"));
		CHECK_STR(jstr(r->json, "items.2.last_service_date"), fmt("%04d-01-04", w.y));
	}
	/* last year: everyone, v0 with its 5 hours */
	r = http(srv, "GET", fmt("/api/v1/stats/below-norm?year=%d", w.y - 1), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "below_norm"), 5);
		long long ids[] = {s->vol[0], s->vol[1], s->vol[2], s->vol[3], w.v4};
		double hours[] = {5, 0, 0, 0, 0};
		check_items(r->json, ids, hours, 5);
		/* the latest service of any year, not of the year asked */
		CHECK_STR(jstr(r->json, "items.0.last_service_date"), fmt("%04d-01-02", w.y));
	}
	/* pages of one, following next_cursor */
	long long want[] = {s->vol[1], s->vol[2], w.v4};
	const char *cursor = NULL;
	for (int i = 0; i < 3; i++) {
		r = http(srv, "GET", fmt("/api/v1/stats/below-norm?limit=1%s%s", cursor ? "&cursor=" : "", cursor ? cursor : ""),
			 srv->admin, NULL);
		if (!EXPECT_STATUS(r, 200))
			return;
		CHECK_INT(jint(r->json, "items.0.volunteer_id"), want[i]);
		CHECK_INT(jint(r->json, "below_norm"), 3);
		cursor = jstr(r->json, "next_cursor");
		CHECK(i < 2 ? cursor != NULL : jisnull(r->json, "next_cursor"));
	}
	/* a region, and the callers' scopes */
	r = http(srv, "GET", fmt("/api/v1/stats/below-norm?region_id=%lld", s->w.d2), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "registered"), 1);
		CHECK_INT(jint(r->json, "region_id"), s->w.d2);
		check_items(r->json, &w.v4, (double[]){3}, 1);
	}
	r = http(srv, "GET", "/api/v1/stats/below-norm", s->staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "registered"), 4);
		check_items(r->json, (long long[]){s->vol[1], s->vol[2]}, (double[]){19.5, 0}, 2);
	}
	r = http(srv, "GET", "/api/v1/stats/below-norm", w.d2admin, NULL);
	if (EXPECT_STATUS(r, 200))
		check_items(r->json, &w.v4, (double[]){3}, 1);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/below-norm?region_id=%lld", s->w.d1), w.d2admin, NULL), 403,
		   "forbidden", "region_id");
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/below-norm?region_id=%lld", s->w.d2), s->staff, NULL), 403,
		   "forbidden", "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm", s->vtok[0], NULL), 403, "forbidden", NULL);
	EXPECT_STATUS(http(srv, "GET", "/api/v1/stats/below-norm", NULL, NULL), 401);
	/* bad input names its field */
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?year=abc", srv->admin, NULL), 400, NULL, "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?year=1999", srv->admin, NULL), 422, "invalid_value", "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?year=-5", srv->admin, NULL), 422, "invalid_value", "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?year=0", srv->admin, NULL), 422, "invalid_value", "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?year=99999999999", srv->admin, NULL), 422, "invalid_value",
		   "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?region_id=x", srv->admin, NULL), 400, NULL, "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?region_id=0", srv->admin, NULL), 422, "invalid_value",
		   "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?region_id=999999", srv->admin, NULL), 422,
		   "invalid_value", "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?limit=0", srv->admin, NULL), 400, NULL, "limit");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/below-norm?cursor=x1", srv->admin, NULL), 400, NULL, "cursor");
}

/* Unix time of quarter_month_at(months, day, hh, 0). */
static long long quarter_month_unix(int months, int day, int hh)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	int mi = (tm.tm_year + 1900) * 12 + tm.tm_mon / 3 * 3 + months;
	long long y = mi / 12, m = mi % 12 + 1;
	/* days from 1970-01-01 (H. Hinnant's days_from_civil) */
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400 + hh * 3600 - 8 * 3600;
}

static void registered_at(struct srv *srv, long long v, int months, int day)
{
	db_exec(srv, fmt("UPDATE volunteer_stage_events SET at = %lld WHERE volunteer_id = %lld AND to_stage = 'registered'",
			 quarter_month_unix(months, day, 10), v));
}

/* A record of `hours` starting on day `day` of month `months` from this
 * quarter, 10:00. */
static void served_in(struct srv *srv, struct svc *s, long long v, int months, int day, bool verify)
{
	served(srv, s, v, quarter_month_at(months, day, 10, 0), quarter_month_at(months, day, 12, 0), "2", verify);
}

static void check_cohort(json_t *c, const char *label, long long reg, const long long ret[4], long long inactive,
			 long long withdrawn)
{
	static const char *const k[] = {"3", "6", "12", "24"};
	CHECK_STR(jstr(c, "cohort"), label);
	CHECK_INT(jint(c, "registered"), reg);
	for (int i = 0; i < 4; i++) {
		const char *path = fmt("retained.%s", k[i]);
		if (ret[i] < 0)
			CHECKM(jisnull(c, path), "%s: retained at %s months should be null", label, k[i]);
		else
			CHECKM(jint(c, path) == ret[i], "%s: retained at %s months: want %lld, got %lld", label, k[i],
			       ret[i], jint(c, path));
	}
	CHECK_INT(jint(c, "churned.inactive"), inactive);
	CHECK_INT(jint(c, "churned.withdrawn"), withdrawn);
}

/* The label of the quarter `months` from this one. */
static const char *quarter_label_of(int months)
{
	const char *d = quarter_month_at(months, 1, 0, 0);
	int y = (int)strtol(d, NULL, 10), m = (int)strtol(d + 5, NULL, 10);
	return fmt("%04dQ%d", y, (m - 1) / 3 + 1);
}

void t_workforce_retention_by_cohort_exact_and_scoped(struct srv *srv)
{
	struct ana_world w;
	memset(&w, 0, sizeof w);
	struct svc *s = &w.s;
	if (!setup(srv, s, 4))
		return;
	w.org2 = MK_ORG(srv, srv->admin, "荆州区社会工作服务中心", "sw_agency", s->w.town2, 0);
	w.v4 = registered_in(srv, w.org2, 1);
	MK_USER(srv, srv->admin, "d2admin", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", s->w.d2));
	w.d2admin = LOGIN(srv, "d2admin", USER_PASS);
	/* cohort A, 9 quarters back: v0, v1, v3 (now inactive); cohort B, 2
	 * quarters back: v2 and v4 (d2, now withdrawn) */
	registered_at(srv, s->vol[0], -27, 10);
	registered_at(srv, s->vol[1], -25, 20);
	registered_at(srv, s->vol[3], -26, 5);
	registered_at(srv, s->vol[2], -6, 15);
	registered_at(srv, w.v4, -4, 1);
	move(srv, s->vol[3], "inactive");
	move(srv, w.v4, "withdrawn");
	/* A's windows: 3 = months -24..-22, 6 = -21..-19, 12 = -15..-13,
	 * 24 = -3..-1 */
	served_in(srv, s, s->vol[0], -23, 10, true);
	served_in(srv, s, s->vol[0], -14, 10, true);
	long long late = served(srv, s, s->vol[0], quarter_month_at(-2, 10, 10, 0), quarter_month_at(-2, 10, 12, 0), "2",
				true);
	served(srv, s, s->vol[1], quarter_month_at(-24, 1, 0, 0), quarter_month_at(-24, 1, 2, 0), "2", true);
	served_in(srv, s, s->vol[1], -19, 10, true);
	served_in(srv, s, s->vol[1], -14, 10, false);	/* only recorded */
	/* B's window 3 = -3..-1; its 6 is this quarter, not over */
	served_in(srv, s, s->vol[2], -5, 10, true);	/* in its own quarter */
	served_in(srv, s, s->vol[2], -2, 5, true);
	if (test_failures())
		return;

	const char *qa = quarter_label_of(-27), *qb = quarter_label_of(-6);
	struct resp *r = http(srv, "GET", "/api/v1/stats/retention", srv->admin, NULL);
	if (EXPECT_STATUS(r, 200) && CHECK_INT((long long)json_array_size(jget(r->json, "cohorts")), 2)) {
		check_cohort(jget(r->json, "cohorts.0"), qa, 3, (long long[]){2, 1, 1, 1}, 1, 0);
		check_cohort(jget(r->json, "cohorts.1"), qb, 2, (long long[]){1, -1, -1, -1}, 0, 1);
		CHECK(jisnull(r->json, "region_id"));
	}
	r = http(srv, "GET", fmt("/api/v1/stats/retention?region_id=%lld", s->w.d2), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200) && CHECK_INT((long long)json_array_size(jget(r->json, "cohorts")), 1))
		check_cohort(jget(r->json, "cohorts.0"), qb, 1, (long long[]){0, -1, -1, -1}, 0, 1);
	r = http(srv, "GET", "/api/v1/stats/retention", w.d2admin, NULL);
	if (EXPECT_STATUS(r, 200) && CHECK_INT((long long)json_array_size(jget(r->json, "cohorts")), 1))
		check_cohort(jget(r->json, "cohorts.0"), qb, 1, (long long[]){0, -1, -1, -1}, 0, 1);
	r = http(srv, "GET", "/api/v1/stats/retention", s->staff, NULL);
	if (EXPECT_STATUS(r, 200) && CHECK_INT((long long)json_array_size(jget(r->json, "cohorts")), 2)) {
		check_cohort(jget(r->json, "cohorts.0"), qa, 3, (long long[]){2, 1, 1, 1}, 1, 0);
		check_cohort(jget(r->json, "cohorts.1"), qb, 1, (long long[]){1, -1, -1, -1}, 0, 0);
	}
	/* the counts are rollups kept by each write (migration 026): a void
	 * leaves A's 24-month window; v3 registered again stays in A, no
	 * longer inactive */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", late), s->staff,
			   "{\"reason\":\"时长记错\"}"), 200);
	move(srv, s->vol[3], "registered");
	r = http(srv, "GET", "/api/v1/stats/retention", srv->admin, NULL);
	if (EXPECT_STATUS(r, 200) && CHECK_INT((long long)json_array_size(jget(r->json, "cohorts")), 2)) {
		check_cohort(jget(r->json, "cohorts.0"), qa, 3, (long long[]){2, 1, 1, 0}, 0, 0);
		check_cohort(jget(r->json, "cohorts.1"), qb, 2, (long long[]){1, -1, -1, -1}, 0, 1);
	}
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/retention?region_id=%lld", s->w.d1), w.d2admin, NULL), 403,
		   "forbidden", "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/retention", s->vtok[0], NULL), 403, "forbidden", NULL);
	EXPECT_STATUS(http(srv, "GET", "/api/v1/stats/retention", NULL, NULL), 401);
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/retention?region_id=x", srv->admin, NULL), 400, NULL, "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/stats/retention?region_id=-1", srv->admin, NULL), 422, "invalid_value",
		   "region_id");
	/* nobody registered in a region: no cohorts */
	r = http(srv, "GET", fmt("/api/v1/stats/retention?region_id=%lld", s->w.comm1), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "cohorts")), 0);
}

static const char *stage_of(struct srv *srv, long long v)
{
	return jstr(http(srv, "GET", fmt("/api/v1/volunteers/%lld", v), srv->admin, NULL)->json, "stage");
}

/* The volunteer's latest stage move is `from` -> `to` with a note starting
 * "system" and no user, or, when by >= 0, by user `by`. */
static void last_move(struct srv *srv, long long v, const char *from, const char *to, long long by)
{
	json_t *h = jget(http(srv, "GET", fmt("/api/v1/volunteers/%lld/stages", v), srv->admin, NULL)->json, "items");
	json_t *m = json_array_get(h, json_array_size(h) - 1);
	if (!CHECKM(m != NULL, "volunteer %lld has no history", v))
		return;
	CHECK_STR(jstr(m, "from"), from);
	CHECK_STR(jstr(m, "to"), to);
	if (by < 0) {
		CHECK(jisnull(m, "by_user_id"));
		CHECKM(jstr(m, "note") && strncmp(jstr(m, "note"), "system", 6) == 0, "the system's note, got %s",
		       jstr(m, "note") ? jstr(m, "note") : "none");
	} else {
		CHECK_INT(jint(m, "by_user_id"), by);
	}
}

static int sweep(struct srv *srv, const char *months)
{
	const char *argv[] = {srv->bin, "sweep-inactive", "--db", srv->db, "--key-file", srv->key,
			      "--inactive-after-months", months, NULL};
	return run_tool(srv, argv, NULL);
}

/* Months ago (at least 1 day more), as an ISO time. */
static const char *months_ago(int months, int hh)
{
	return at(-(long long)months * 31 * 86400 - 86400 + hh * 3600);
}

void t_workforce_inactive_sweep_and_return(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 4))
		return;
	/* all registered 14 months ago, except v3 (today); v1 served 11
	 * months ago, v2 13 months ago (and a record 2 months ago only
	 * recorded), v0 never */
	for (int i = 0; i < 3; i++)
		db_exec(srv, fmt("UPDATE volunteer_stage_events SET at = %lld WHERE volunteer_id = %lld AND to_stage = "
				 "'registered'", (long long)time(NULL) - 14LL * 31 * 86400, s.vol[i]));
	served(srv, &s, s.vol[1], months_ago(11, 0), months_ago(11, 2), "2", true);
	served(srv, &s, s.vol[2], months_ago(13, 0), months_ago(13, 2), "2", true);
	long long pending = served(srv, &s, s.vol[2], months_ago(2, 0), months_ago(2, 2), "2", false);
	if (test_failures())
		return;

	CHECK_INT(sweep(srv, "12"), 0);
	CHECK_STR(stage_of(srv, s.vol[0]), "inactive");
	CHECK_STR(stage_of(srv, s.vol[1]), "registered");
	CHECK_STR(stage_of(srv, s.vol[2]), "inactive");
	CHECK_STR(stage_of(srv, s.vol[3]), "registered");
	last_move(srv, s.vol[0], "registered", "inactive", -1);
	/* again: nothing more; 0 months is refused */
	CHECK_INT(sweep(srv, "12"), 0);
	CHECK_STR(stage_of(srv, s.vol[1]), "registered");
	CHECK_INT(sweep(srv, "0"), 2);
	/* the retention churn counts them */
	struct resp *r = http(srv, "GET", "/api/v1/stats/retention", srv->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *c = jget(r->json, "cohorts.0");
		CHECK_INT(jint(c, "registered"), 3);
		CHECK_INT(jint(c, "churned.inactive"), 2);
	}

	/* verifying recent service brings v2 back, as the system */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", pending), verifier_of(srv, &s), NULL),
		      200);
	CHECK_STR(stage_of(srv, s.vol[2]), "registered");
	last_move(srv, s.vol[2], "inactive", "registered", -1);
	/* service older than the window does not */
	served(srv, &s, s.vol[0], months_ago(20, 0), months_ago(20, 2), "2", true);
	CHECK_STR(stage_of(srv, s.vol[0]), "inactive");
	/* an explicit move does, by its user; the sweep then leaves v0 alone */
	json_t *me = http(srv, "GET", "/api/v1/me", s.staff, NULL)->json;
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/volunteers/%lld/stage", s.vol[0]), s.staff,
			   "{\"to\":\"registered\",\"note\":\"回来了\"}"),
		      200);
	last_move(srv, s.vol[0], "inactive", "registered", jint(me, "id"));
	CHECK_INT(sweep(srv, "12"), 0);
	CHECK_STR(stage_of(srv, s.vol[0]), "registered");
	CHECK_STR(stage_of(srv, s.vol[2]), "registered");

	/* the server's own sweep, every second, here after 6 months: v1 (11
	 * months) goes */
	srv_stop(srv, SIGTERM);
	static const char *const args[] = {"--inactive-after-months", "6", "--inactive-sweep-interval", "1", NULL};
	srv->serve_args = args;
	if (!CHECK(srv_start(srv)))
		return;
	const char *st = NULL;
	for (int i = 0; i < 50 && !(st && strcmp(st, "inactive") == 0); i++) {
		st = stage_of(srv, s.vol[1]);
		if (strcmp(st ? st : "", "inactive") != 0)
			nanosleep(&(struct timespec){0, 100000000}, NULL);
	}
	CHECK_STR(st, "inactive");
	last_move(srv, s.vol[1], "registered", "inactive", -1);
	CHECK_STR(stage_of(srv, s.vol[3]), "registered");
	/* out of range: refused before anything runs */
	CHECK(sweep(srv, "121") != 0);
}
