/* t_plans.c - personalised plans: recurring tasks generate the visits ahead
 * over the horizon; changing the plan regenerates only future shifts that
 * nobody signed up for, never past ones; closing stops what is left. */
#include "tests.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *at(long long secs)
{
	time_t t = time(NULL) + (time_t)secs;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		   tm.tm_min, tm.tm_sec);
}

static const char *today(void)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The shifts of an activity: ids in start order, and their count. */
static int shifts_of(struct srv *s, long long activity, long long ids[16], long long starts_in[16])
{
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/shifts?activity_id=%lld", activity));
	if (!l)
		return -1;
	size_t i;
	json_t *it;
	json_array_foreach(l, i, it)
	{
		if (i < 16) {
			ids[i] = jint(it, "id");
			(void)starts_in;
		}
	}
	return (int)json_array_size(l);
}

void t_plan_generates_and_regenerates_only_future_shifts(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "社工站", "social_work_station", w.town1, 0);
	long long other = MK_ORG(s, s->admin, "另一社工站", "social_work_station", w.town2, 0);
	MK_USER(s, s->admin, "sw_own", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org));
	MK_USER(s, s->admin, "sw_other", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", other));
	const char *sw = LOGIN(s, "sw_own", USER_PASS), *sw_other = LOGIN(s, "sw_other", USER_PASS);
	char idn[19];
	idnum(idn, "421002", 1940, 3, 3, 101);
	long long person = MK_PERSON(s, s->admin, "王奶奶", idn, NULL, org);
	long long client = MK(s, sw, "/api/v1/clients",
			      fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"elderly\",\"care_level\":\"partial\","
				  "\"consent\":true}", person, org));
	/* a registered volunteer of the org */
	char vid[19];
	idnum(vid, "421002", 1990, 6, 6, 102);
	long long vp = MK_PERSON(s, s->admin, "志愿者", vid, NULL, org);
	long long vol = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", vp, org));
	static const char *const stages[] = {"trial", "initial_training", "selection", "interview", "skills_training",
					     "registered"};
	for (size_t i = 0; i < 6; i++)
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", vol), s->admin,
				   fmt("{\"to\":\"%s\"}", stages[i])), 200);
	if (test_failures())
		return;

	/* bad input writes nothing; another org's staff may not write */
	const char *head = fmt("\"client_id\":%lld,\"title\":\"居家探访计划\",\"starts_on\":\"%s\",\"horizon_days\":35", client,
			       today());
	EXPECT_ERR(http(s, "POST", "/api/v1/plans", sw,
			fmt("{%s,\"tasks\":[{\"title\":\"探访\",\"recurrence\":\"daily\",\"first_at\":\"%s\",\"duration_minutes\":60}]}",
			    head, at(60))), 422, "invalid_value", "tasks");
	EXPECT_ERR(http(s, "POST", "/api/v1/plans", sw_other, fmt("{%s}", head)), 403, "forbidden", "client_id");
	CHECK_INT(COUNT(s, "/api/v1/plans"), 0);

	/* weekly from 3 s from now: five visits fit in 35 days */
	struct resp *p = http(s, "POST", "/api/v1/plans", sw,
			      fmt("{%s,\"tasks\":[{\"title\":\"入户探访\",\"recurrence\":\"weekly\",\"first_at\":\"%s\","
				  "\"duration_minutes\":60}]}", head, at(3)));
	if (!EXPECT_STATUS(p, 201))
		return;
	long long plan = jint(p->json, "id"), act = jint(p->json, "activity_id");
	CHECKR(p, act > 0 && json_array_size(jget(p->json, "tasks")) == 1);
	long long ids[16], unused[16];
	CHECK_INT(shifts_of(s, act, ids, unused), 5);
	long long first = ids[0], second = ids[1], third = ids[2];
	/* a volunteer signs up for the third visit */
	long long g = MK(s, s->admin, fmt("/api/v1/shifts/%lld/signups", third), fmt("{\"volunteer_id\":%lld}", vol));
	CHECK(g > 0);

	sleep(4); /* the first visit is now in the past */

	/* new times: the past visit and the signed-up one stay, the rest regenerate */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/plans/%lld", plan), sw,
			   fmt("{\"tasks\":[{\"title\":\"入户探访\",\"recurrence\":\"weekly\",\"first_at\":\"%s\","
			       "\"duration_minutes\":90}]}", at(3600))), 200);
	int n = shifts_of(s, act, ids, unused);
	CHECKM(n == 7, "after regenerating: %d shifts, want 7 (the past one, the signed-up one, 5 new)", n);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shifts/%lld", first), s->admin, NULL), 200);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shifts/%lld", third), s->admin, NULL), 200);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/shifts/%lld", second), s->admin, NULL), 404, "not_found", NULL);
	struct resp *pl = http(s, "GET", fmt("/api/v1/plans/%lld", plan), sw, NULL);
	CHECKR(pl, json_array_size(jget(pl->json, "tasks")) == 1 && jint(pl->json, "tasks.0.duration_minutes") == 90);

	/* another change regenerates again without touching the past */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/plans/%lld", plan), sw, "{\"horizon_days\":14}"), 200);
	n = shifts_of(s, act, ids, unused);
	CHECKM(n == 4, "a 14-day horizon: %d shifts, want 4 (past, signed-up, 2 new)", n);
	/* closing removes what nobody signed up for */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/plans/%lld", plan), sw, "{\"status\":\"closed\"}"), 200);
	n = shifts_of(s, act, ids, unused);
	CHECKM(n == 2, "closed: %d shifts, want 2 (the past and the signed-up one)", n);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/plans/%lld", plan), sw, "{\"title\":\"x\"}"), 409, "conflict", "status");
}
