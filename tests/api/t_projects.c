/* t_projects.c - service projects (项目化运作, issue 16): every computed
 * indicator exactly against hand-built data (hours from verified records
 * only, people counted once), progress against the period's elapsed share
 * and its flags, manual indicators with evidence; what may belong to a
 * project (its orgs, region and period); bad input named and nothing
 * written; the evaluator's scope (reads the project, writes only its
 * evaluations) and a final evaluation deciding the project; the budget
 * against spend from the fund's journal, voided by reversal. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "care_world.h"
#include "race.h"
#include "svc_world.h"
#include "tests.h"

/* The local (UTC+8) date `days` from today. */
static const char *day(int days)
{
	time_t t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static double jnum(json_t *j, const char *path)
{
	json_t *v = jget(j, path);
	return json_is_number(v) ? json_number_value(v) : -1;
}

static bool near(double got, double want)
{
	return got > want - 0.0005 && got < want + 0.0005;
}

/* The progress indicator of `source`. */
static json_t *indicator(json_t *progress, const char *source)
{
	json_t *arr = jget(progress, "indicators"), *o;
	size_t i;
	json_array_foreach(arr, i, o) if (strcmp(json_string_value(json_object_get(o, "source")), source) == 0) return o;
	return NULL;
}

/* A verified record of `hours` for volunteer v on activity `act`, `ago`
 * seconds ago; verified when `verify`. */
static long long served(struct srv *srv, struct svc *s, long long v, long long act, const char *hours, bool verify)
{
	long long id = MK(srv, s->staff, "/api/v1/service-records",
			  fmt("{\"volunteer_id\":%lld,\"activity_id\":%lld,\"content\":\"探访\",\"starts_at\":\"%s\","
			      "\"ends_at\":\"%s\",\"hours\":%s,\"person_in_charge\":\"李主任\"}",
			      v, act, at(-30 * 3600), at(-24 * 3600), hours));
	if (verify)
		EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", id), verifier_of(srv, s), NULL),
			      200);
	return id;
}

static long long activity_of(struct srv *srv, struct svc *s, long long project, const char *from, const char *to)
{
	const char *proj = project ? fmt(",\"project_id\":%lld", project) : "";
	return MK(srv, s->staff, "/api/v1/activities",
		  fmt("{\"title\":\"项目活动\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
		      "\"sign_up\":\"open\"%s}",
		      s->org, from, to, proj));
}

static const char *need_body(long long person, long long region, long long project)
{
	return fmt("{\"title\":\"助老\",\"category\":\"elderly_care\",\"region_id\":%lld,\"urgency\":\"medium\","
		   "\"raised_by\":\"resident\",\"raised_by_person_id\":%lld,\"project_id\":%lld}",
		   region, person, project);
}

/* Every computed source against data built by hand; progress and flags. */
void t_projects_indicators_computed_exactly(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 4) || !world_menu(srv, &s.w))
		return;
	struct resp *r = http(srv, "POST", "/api/v1/projects", s.staff,
			      fmt("{\"title\":\"长者关爱项目\",\"kind\":\"procured\",\"funder_name\":\"沙市区民政局\","
				  "\"contract_no\":\"SS-2026-01\",\"org_id\":%lld,\"region_id\":%lld,\"starts_on\":\"%s\","
				  "\"ends_on\":\"%s\",\"budget\":[{\"line\":\"staff\",\"amount_fen\":6000000},"
				  "{\"line\":\"volunteers\",\"amount_fen\":1500000}],"
				  "\"indicators\":[{\"name\":\"服务时长\",\"unit\":\"小时\",\"target\":10,\"source\":\"service_hours\"},"
				  "{\"name\":\"参与志愿者\",\"unit\":\"人\",\"target\":4,\"source\":\"volunteers\"},"
				  "{\"name\":\"开展活动\",\"unit\":\"场\",\"target\":10,\"source\":\"activities\"},"
				  "{\"name\":\"服务对象\",\"unit\":\"人\",\"target\":2,\"source\":\"people_served\"},"
				  "{\"name\":\"新注册志愿者\",\"unit\":\"人\",\"target\":4,\"source\":\"new_volunteers\"},"
				  "{\"name\":\"需求办结\",\"unit\":\"件\",\"target\":1,\"source\":\"needs_closed\"},"
				  "{\"name\":\"满意度\",\"unit\":\"分\",\"target\":4.5,\"source\":\"satisfaction\"},"
				  "{\"name\":\"培训次数\",\"unit\":\"次\",\"target\":3,\"source\":\"manual\"}]}",
				  s.org, s.w.d1, day(-30), day(60)));
	if (!EXPECT_STATUS(r, 201))
		return;
	long long p = jint(r->json, "id");
	CHECK_STR(jstr(r->json, "status"), "planned");
	CHECK_INT(jint(r->json, "budget_total_fen"), 7500000);
	CHECK_INT((long long)json_array_size(jget(r->json, "indicators")), 8);
	long long manual = jint(r->json, "indicators.7.id");

	/* two activities of the project (one ended), one outside it */
	long long a1 = activity_of(srv, &s, p, at(-2 * 86400), at(-86400 + 3600));
	long long a2 = activity_of(srv, &s, p, at(-3600), at(3 * 86400));
	long long other = activity_of(srv, &s, 0, at(-2 * 86400), at(-86400 + 3600));
	if (a1 < 0 || a2 < 0 || other < 0)
		return;
	/* hours from verified records only; a volunteer counted once */
	served(srv, &s, s.vol[0], a1, "2", true);
	served(srv, &s, s.vol[1], a1, "1.5", true);
	served(srv, &s, s.vol[0], a2, "1", true);
	served(srv, &s, s.vol[2], a1, "3", false);	/* recorded, not verified */
	served(srv, &s, s.vol[3], other, "5", true);	/* not the project's */
	long long voided = served(srv, &s, s.vol[3], a1, "4", true);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", voided), s.staff,
			   "{\"reason\":\"记错了\"}"),
		      200);

	/* people served: residents of its needs in or past service, once each */
	long long n1 = MK(srv, srv->admin, "/api/v1/needs", need_body(s.person[0], s.w.comm1, p));
	long long n2 = MK(srv, srv->admin, "/api/v1/needs", need_body(s.person[1], s.w.comm1, p));
	long long n3 = MK(srv, srv->admin, "/api/v1/needs", need_body(s.person[0], s.w.town1, p));
	long long n4 = MK(srv, srv->admin, "/api/v1/needs", need_body(s.person[2], s.w.comm1, p));
	db_exec(srv, fmt("UPDATE needs SET status = 'closed' WHERE id = %lld", n1));
	db_exec(srv, fmt("UPDATE needs SET status = 'in_service' WHERE id = %lld", n2));
	db_exec(srv, fmt("UPDATE needs SET status = 'done' WHERE id = %lld", n3));
	(void)n4; /* new: nobody served yet */
	/* a client's plan of the project: its visits' hours count, and the
	 * client is served (a person once, whatever else they asked) */
	long long client = MK(srv, s.staff, "/api/v1/clients",
			      fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"elderly\",\"care_level\":\"partial\","
				  "\"consent\":true}",
				  s.person[3], s.org));
	r = http(srv, "POST", "/api/v1/plans", s.staff,
		 fmt("{\"client_id\":%lld,\"title\":\"居家探访\",\"starts_on\":\"%s\",\"project_id\":%lld}", client,
		     day(-3), p));
	if (!EXPECT_STATUS(r, 201))
		return;
	served(srv, &s, s.vol[1], jint(r->json, "activity_id"), "1", true);
	/* satisfaction: the resident's rating of the closed need */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/needs/%lld/rating", n1), s.vtok[0], "{\"rating\":4}"), 201);
	/* and the scale answers of a survey of its activity's participants
	 * (written behind the server's back: the survey flow is t_voice.c's) */
	db_exec(srv, fmt("INSERT INTO surveys (org_id, title, scope_kind, scope_activity_id, status, questions_json,"
			 " created_at, updated_at) VALUES (%lld, '活动满意度', 'activity_participants', %lld, 'closed',"
			 " '[]', 1, 1)",
			 s.org, a1));
	db_exec(srv, "INSERT INTO survey_answers (survey_id, question_key, scale) SELECT id, 'q1', 5 FROM surveys");
	db_exec(srv, "INSERT INTO survey_answers (survey_id, question_key, scale) SELECT id, 'q1', 3 FROM surveys");
	db_exec(srv, "INSERT INTO survey_answers (survey_id, question_key, choice) SELECT id, 'q2', '好' FROM surveys");
	/* a manual figure with its evidence: the latest date's counts */
	const char *rep = fmt("/api/v1/project-indicators/%lld/reports", manual);
	EXPECT_STATUS(http(srv, "POST", rep, s.staff, fmt("{\"value\":3,\"as_of\":\"%s\",\"evidence\":\"签到表3份\"}", day(-1))),
		      201);
	EXPECT_STATUS(http(srv, "POST", rep, s.staff, fmt("{\"value\":2,\"as_of\":\"%s\",\"evidence\":\"签到表\"}", day(-5))),
		      201);
	EXPECT_ERR(http(srv, "POST", rep, s.staff, fmt("{\"value\":-1,\"as_of\":\"%s\",\"evidence\":\"x\"}", day(0))), 422,
		   "invalid_value", "value");
	EXPECT_ERR(http(srv, "POST", rep, s.staff, fmt("{\"value\":1,\"as_of\":\"%s\"}", day(0))), 422, "required",
		   "evidence");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/project-indicators/%lld/reports", manual - 1), s.staff,
			fmt("{\"value\":1,\"as_of\":\"%s\",\"evidence\":\"x\"}", day(0))),
		   422, "rule_violation", "indicator_id");
	EXPECT_ERR(http(srv, "POST", rep, s.vtok[0], fmt("{\"value\":9,\"as_of\":\"%s\",\"evidence\":\"x\"}", day(0))), 403,
		   "forbidden", "project_id");
	CHECK_INT(COUNT(srv, fmt("/api/v1/project-indicators/%lld/reports", manual)), 2);

	r = http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	double share = 31.0 / 91.0;
	CHECKR(r, near(jnum(r->json, "elapsed_share"), share));
	CHECK_STR(jstr(r->json, "as_of"), day(0));
	struct {
		const char *source;
		double actual, target;
		bool behind;
	} want[] = {
		{"service_hours", 5.5, 10, false},	/* 2 + 1.5 + 1, and the plan's 1 */
		{"volunteers", 2, 4, false},		/* vol 0 and 1 */
		{"activities", 1, 10, true},		/* a1 ended; 1 < 3.4 */
		{"people_served", 3, 2, false},		/* persons 0 and 1, the client (3) */
		{"new_volunteers", 4, 4, false},	/* registered by setup, in the period */
		{"needs_closed", 1, 1, false},
		{"satisfaction", 4, 4.5, true},		/* (4 + 5 + 3) / 3, a level: 4 < 4.5 */
		{"manual", 3, 3, false},		/* the latest as_of */
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		json_t *o = indicator(r->json, want[i].source);
		if (!CHECKM(o != NULL, "no %s indicator in %s", want[i].source, r->body))
			continue;
		CHECKM(near(jnum(o, "actual"), want[i].actual), "%s actual %g, want %g", want[i].source,
		       jnum(o, "actual"), want[i].actual);
		double expected = strcmp(want[i].source, "satisfaction") == 0 ? want[i].target : want[i].target * share;
		CHECKM(near(jnum(o, "expected_by_now"), expected), "%s expected %g, want %g", want[i].source,
		       jnum(o, "expected_by_now"), expected);
		CHECKM(json_is_true(jget(o, "behind")) == want[i].behind, "%s behind: %s", want[i].source,
		       json_dumps(o, 0));
	}
	CHECK_INT(jint(r->json, "figures.verified_minutes"), 330);
	CHECK_INT(jint(r->json, "figures.ratings"), 3);
	CHECK_INT(jint(r->json, "budget_total_fen"), 7500000);
	/* the project's own read carries the same actuals */
	r = http(srv, "GET", fmt("/api/v1/projects/%lld", p), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, near(jnum(r->json, "indicators.0.actual"), 5.5));
		CHECKR(r, near(jnum(r->json, "indicators.7.actual"), 3));
	}
	r = http(srv, "GET", fmt("/api/v1/project-indicators/%lld", manual - 7), s.staff, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, near(jnum(r->json, "actual"), 5.5));
	/* the activities with their verified service; hours by team */
	r = http(srv, "GET", fmt("/api/v1/projects/%lld/activities", p), s.staff, NULL);
	if (EXPECT_STATUS(r, 200) && CHECKR(r, json_array_size(jget(r->json, "items")) == 2)) {
		CHECK_INT(jint(r->json, "items.0.id"), a1);
		CHECK_INT(jint(r->json, "items.0.verified_minutes"), 210);
		CHECK_INT(jint(r->json, "items.0.volunteers"), 2);
		CHECK_INT(jint(r->json, "items.1.verified_minutes"), 60);
	}
	r = http(srv, "GET", fmt("/api/v1/projects/%lld/teams", p), s.staff, NULL);
	if (EXPECT_STATUS(r, 200) && CHECKR(r, json_array_size(jget(r->json, "items")) == 1)) {
		CHECK_INT(jint(r->json, "items.0.org_id"), s.org);
		CHECK_INT(jint(r->json, "items.0.verified_minutes"), 330);
		CHECK_INT(jint(r->json, "items.0.volunteers"), 2);
	}
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.staff, fmt("/api/v1/activities?project_id=%lld", p))), 2);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.staff, fmt("/api/v1/needs?project_id=%lld", p))), 4);

	/* what may belong to it: its period, its orgs, its region */
	long long before = COUNT(srv, "/api/v1/activities");
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", s.staff,
			fmt("{\"title\":\"x\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			    "\"sign_up\":\"open\",\"project_id\":%lld}",
			    s.org, at(59 * 86400), at(70 * 86400), p)),
		   422, "rule_violation", "project_id");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/activities/%lld", a2), s.staff,
			fmt("{\"ends_at\":\"%s\"}", at(90 * 86400))),
		   422, "rule_violation", "project_id");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/activities/%lld", other), s.staff,
			fmt("{\"project_id\":%lld}", p + 100)),
		   422, "invalid_value", "project_id");
	long long org2 = MK_ORG(srv, srv->admin, "西城街道社工站", "social_work_station", s.w.town2, 0);
	MK_USER(srv, srv->admin, "staff2", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org2));
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", LOGIN(srv, "staff2", USER_PASS),
			fmt("{\"title\":\"x\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			    "\"sign_up\":\"open\",\"project_id\":%lld}",
			    org2, at(86400), at(2 * 86400), p)),
		   422, "rule_violation", "project_id");
	CHECK_INT(COUNT(srv, "/api/v1/activities"), before);
	EXPECT_ERR(http(srv, "POST", "/api/v1/needs", srv->admin, need_body(s.person[0], s.w.town2, p)), 422,
		   "rule_violation", "project_id");
	/* the period cannot shrink past its activities */
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p), s.staff, fmt("{\"ends_on\":\"%s\"}", day(1))), 422,
		   "rule_violation", "ends_on");
	/* a partner's activity may belong to it */
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p), s.staff,
			   fmt("{\"partner_org_ids\":[%lld]}", org2)),
		      200);
	EXPECT_STATUS(http(srv, "POST", "/api/v1/activities", LOGIN(srv, "staff2", USER_PASS),
			   fmt("{\"title\":\"合作活动\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\","
			       "\"ends_at\":\"%s\",\"sign_up\":\"open\",\"project_id\":%lld}",
			       org2, at(86400), at(2 * 86400), p)),
		      201);
	/* the partner's staff read it; a stranger does not */
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), LOGIN(srv, "staff2", USER_PASS), NULL),
		      200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), s.vtok[0], NULL), 403, "forbidden", NULL);
}

/* Bad input: each named, nothing written. */
void t_projects_bad_input_named(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 0))
		return;
	const char *base = fmt("\"org_id\":%lld,\"region_id\":%lld", s.org, s.w.d1);
	struct {
		const char *body;
		int status;
		const char *code, *field;
	} bad[] = {
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-03-01\",\"ends_on\":\"2026-02-28\"}", base), 422,
		 "invalid_value", "ends_on"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"indicators\":[{\"name\":\"a\",\"target\":1,\"source\":\"activities\"},"
		     "{\"name\":\"b\",\"target\":-5,\"source\":\"volunteers\"}]}",
		     base),
		 422, "invalid_value", "indicators[1].target"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"indicators\":[{\"name\":\"a\",\"target\":1,\"source\":\"stars\"}]}",
		     base),
		 422, "invalid_value", "indicators[0].source"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"budget_total_fen\":100,\"budget\":[{\"line\":\"staff\",\"amount_fen\":60},"
		     "{\"line\":\"materials\",\"amount_fen\":30}]}",
		     base),
		 422, "invalid_value", "budget_total_fen"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"budget\":[{\"line\":\"staff\",\"amount_fen\":60},{\"line\":\"staff\",\"amount_fen\":30}]}",
		     base),
		 422, "invalid_value", "budget[1].line"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"budget\":[{\"line\":\"staff\",\"amount_fen\":-1}]}",
		     base),
		 422, "invalid_value", "budget[0].amount_fen"},
		{fmt("{\"title\":\"x\",\"kind\":\"procured\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\"}", base),
		 422, "required", "funder_name"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"partner_org_ids\":[99999]}",
		     base),
		 422, "invalid_value", "partner_org_ids"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"partner_org_ids\":[%lld]}",
		     base, s.org),
		 422, "invalid_value", "partner_org_ids"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"status\":\"running\"}",
		     base),
		 422, "invalid_transition", "status"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
		     "\"spent_fen\":5}",
		     base),
		 422, "read_only", "spent_fen"},
		{fmt("{\"title\":\"x\",\"kind\":\"own\",%s,\"starts_on\":\"2026-02-30\",\"ends_on\":\"2026-12-31\"}", base), 422,
		 "invalid_value", "starts_on"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(srv, "POST", "/api/v1/projects", s.staff, bad[i].body), bad[i].status, bad[i].code,
			   bad[i].field);
	CHECK_INT(COUNT(srv, "/api/v1/projects"), 0);
	CHECK_INT(COUNT(srv, "/api/v1/project-indicators"), 0);
	/* a volunteer or another org's staff writes none */
	long long org2 = MK_ORG(srv, srv->admin, "西城街道社工站", "social_work_station", s.w.town2, 0);
	MK_USER(srv, srv->admin, "staff2", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org2));
	const char *ok = fmt("{\"title\":\"项目\",\"kind\":\"own\",%s,\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\","
			     "\"indicators\":[{\"name\":\"a\",\"target\":1,\"source\":\"activities\"}]}",
			     base);
	EXPECT_ERR(http(srv, "POST", "/api/v1/projects", LOGIN(srv, "staff2", USER_PASS), ok), 403, "forbidden", "org_id");
	long long p = MK(srv, s.staff, "/api/v1/projects", ok);
	/* status moves planned -> running -> closing (and back), not further by hand */
	const char *path = fmt("/api/v1/projects/%lld", p);
	EXPECT_ERR(http(srv, "PATCH", path, s.staff, "{\"status\":\"closing\"}"), 422, "invalid_transition", "status");
	EXPECT_ERR(http(srv, "PATCH", path, s.staff, "{\"status\":\"accepted\"}"), 422, "invalid_transition", "status");
	EXPECT_ERR(http(srv, "PATCH", path, s.staff, "{\"indicators\":[]}"), 422, "read_only", "indicators");
	EXPECT_ERR(http(srv, "PATCH", path, s.staff, fmt("{\"org_id\":%lld}", org2)), 422, "read_only", "org_id");
	EXPECT_ERR(http(srv, "PATCH", path, LOGIN(srv, "staff2", USER_PASS), "{\"title\":\"改\"}"), 403, "forbidden", NULL);
	EXPECT_STATUS(http(srv, "PATCH", path, s.staff, "{\"status\":\"running\"}"), 200);
	EXPECT_STATUS(http(srv, "PATCH", path, s.staff, "{\"status\":\"closing\"}"), 200);
	EXPECT_STATUS(http(srv, "PATCH", path, s.staff, "{\"status\":\"running\"}"), 200);
	/* a budget changed alone sets its total; a total against the lines is refused */
	struct resp *r = http(srv, "PATCH", path, s.staff, "{\"budget\":[{\"line\":\"staff\",\"amount_fen\":700}]}");
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "budget_total_fen"), 700);
	EXPECT_ERR(http(srv, "PATCH", path, s.staff, "{\"budget_total_fen\":800}"), 422, "invalid_value", "budget_total_fen");
	/* indicators of their own: targets never negative, the source fixed */
	EXPECT_ERR(http(srv, "POST", "/api/v1/project-indicators", s.staff,
			fmt("{\"project_id\":%lld,\"name\":\"b\",\"target\":-1,\"source\":\"volunteers\"}", p)),
		   422, "invalid_value", "target");
	long long ind = jint(http(srv, "GET", path, s.staff, NULL)->json, "indicators.0.id");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/project-indicators/%lld", ind), s.staff, "{\"source\":\"manual\"}"), 422,
		   "read_only", "source");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/project-indicators/%lld", ind), LOGIN(srv, "staff2", USER_PASS),
			"{\"target\":2}"),
		   403, "forbidden", NULL);
	r = http(srv, "PATCH", fmt("/api/v1/project-indicators/%lld", ind), s.staff, "{\"target\":12}");
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, near(jnum(r->json, "target"), 12));
	CHECK_INT(COUNT(srv, "/api/v1/projects"), 1);
}

/* issue 18: an evaluator is appointed by username as well as by user id
 * (an outside body's account holds no role, so its appointers cannot list
 * it); an unknown or mismatched username is 422 naming it, neither is 422
 * naming user_id, and nothing is written. */
void t_projects_evaluator_by_username(struct srv *srv)
{
	struct cworld c;
	if (!care_world(srv, &c))
		return;
	long long p = MK(srv, c.sw_a, "/api/v1/projects",
			 fmt("{\"title\":\"按账号委托\",\"kind\":\"grant\",\"funder_name\":\"荆州市慈善总会\",\"org_id\":%lld,"
			     "\"region_id\":%lld,\"starts_on\":\"%s\",\"ends_on\":\"%s\","
			     "\"indicators\":[{\"name\":\"a\",\"target\":1,\"source\":\"activities\"}]}",
			     c.A, c.w.d1, day(-10), day(100)));
	long long eva = MK_USER(srv, srv->admin, "eval.centre", 0, "[]");
	long long other = MK_USER(srv, srv->admin, "eval.other", 0, "[]");
	if (p < 0 || eva < 0 || other < 0)
		return;
	const char *path = fmt("/api/v1/projects/%lld/evaluators", p);
	struct {
		const char *body;
		int status;
		const char *code, *field;
	} bad[] = {
		{"{\"username\":\"no.such.user\",\"kind\":\"third_party\"}", 422, "invalid_value", "username"},
		{fmt("{\"username\":\"eval.centre\",\"user_id\":%lld,\"kind\":\"third_party\"}", other), 422,
		 "invalid_value", "username"},
		{"{\"kind\":\"third_party\"}", 422, "required", "user_id"},
		{"{\"username\":\"\",\"kind\":\"third_party\"}", 422, NULL, "username"},
		{"{\"username\":7,\"kind\":\"third_party\"}", 422, NULL, "username"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(srv, "POST", path, c.oa_a, bad[i].body), bad[i].status, bad[i].code, bad[i].field);
	json_t *none = LIST_ALL(srv, c.oa_a, path);
	CHECK(none != NULL && json_array_size(none) == 0);
	/* by username, and both agreeing */
	struct resp *r = http(srv, "POST", path, c.oa_a,
			      "{\"username\":\"eval.centre\",\"kind\":\"third_party\",\"body_name\":\"楚天评估中心\"}");
	if (!EXPECT_STATUS(r, 201))
		return;
	CHECK_INT(jint(r->json, "user_id"), eva);
	CHECK_STR(jstr(r->json, "username"), "eval.centre");
	long long appointment = jint(r->json, "id");
	EXPECT_ERR(http(srv, "POST", path, c.oa_a, "{\"username\":\"eval.centre\",\"kind\":\"supervisor\"}"), 409,
		   "duplicate", NULL);
	r = http(srv, "POST", path, c.oa_a,
		 fmt("{\"username\":\"eval.other\",\"user_id\":%lld,\"kind\":\"supervisor\"}", other));
	if (EXPECT_STATUS(r, 201))
		CHECK_INT(jint(r->json, "user_id"), other);
	/* the appointed reads the project; the username cannot be changed */
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld", p), LOGIN(srv, "eval.centre", USER_PASS), NULL), 200);
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/project-evaluators/%lld", appointment), c.oa_a,
			"{\"username\":\"eval.other\"}"),
		   422, NULL, "username");
}

/* The evaluator reads the project and writes only its evaluations; a final
 * evaluation decides it; the project is then over. */
void t_projects_evaluator_scope(struct srv *srv)
{
	struct cworld c;
	if (!care_world(srv, &c))
		return;
	const char *body = fmt("{\"title\":\"%%s\",\"kind\":\"grant\",\"funder_name\":\"荆州市慈善总会\",\"org_id\":%lld,"
			       "\"region_id\":%lld,\"starts_on\":\"%s\",\"ends_on\":\"%s\","
			       "\"indicators\":[{\"name\":\"a\",\"target\":1,\"source\":\"activities\"}]}",
			       c.A, c.w.d1, day(-10), day(100));
	long long p = MK(srv, c.sw_a, "/api/v1/projects", fmt(body, "龙城飞鹰"));
	long long q = MK(srv, c.sw_a, "/api/v1/projects", fmt(body, "长青树"));
	long long eva = MK_USER(srv, srv->admin, "eva", 0, "[]");
	const char *ev = LOGIN(srv, "eva", USER_PASS);
	if (p < 0 || q < 0 || eva < 0 || !ev)
		return;
	/* appointed by the org's admins or supervisors, not its social workers */
	const char *appoint = fmt("{\"user_id\":%lld,\"kind\":\"third_party\",\"body_name\":\"楚天评估中心\"}", eva);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluators", p), c.sw_a, appoint), 403, "forbidden",
		   "project_id");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluators", p), c.oa_a,
			"{\"user_id\":99999,\"kind\":\"third_party\"}"),
		   422, "invalid_value", "user_id");
	struct resp *r = http(srv, "POST", fmt("/api/v1/projects/%lld/evaluators", p), c.oa_a, appoint);
	if (!EXPECT_STATUS(r, 201))
		return;
	long long appointment = jint(r->json, "id");
	CHECK_STR(jstr(r->json, "username"), "eva");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluators", p), c.oa_a, appoint), 409, "duplicate", NULL);

	/* reads the project and its data, not the other one */
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld", p), ev, NULL), 200);
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), ev, NULL), 200);
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld/activities", p), ev, NULL), 200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/projects/%lld", q), ev, NULL), 403, "forbidden", NULL);
	json_t *mine = LIST_ALL(srv, ev, "/api/v1/projects");
	if (CHECK(mine && json_array_size(mine) == 1))
		CHECK_INT(jint(json_array_get(mine, 0), "id"), p);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, ev, fmt("/api/v1/projects?evaluator_user_id=%lld", eva))), 1);
	/* writes nothing else of it */
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p), ev, "{\"title\":\"改\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "POST", "/api/v1/project-indicators", ev,
			fmt("{\"project_id\":%lld,\"name\":\"b\",\"target\":1,\"source\":\"volunteers\"}", p)),
		   403, "forbidden", "project_id");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluators", p), ev, appoint), 403, "forbidden",
		   "project_id");
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", ev,
			fmt("{\"title\":\"x\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			    "\"sign_up\":\"open\",\"project_id\":%lld}",
			    c.A, at(86400), at(2 * 86400), p)),
		   403, "forbidden", NULL);
	const char *mid = "{\"stage\":\"mid\",\"scores\":[{\"criterion\":\"项目管理\",\"score\":18,\"max\":20},"
			  "{\"criterion\":\"服务成效\",\"score\":35,\"max\":40}],\"findings\":\"进度正常\","
			  "\"documents\":[\"中期评估报告.pdf\"],\"decision\":\"pass\"}";
	/* evaluations: on its project only, while it runs */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", q), ev, mid), 403, "forbidden", "project_id");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev, mid), 422, "rule_violation", "stage");
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p), c.sw_a, "{\"status\":\"running\"}"), 200);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev,
			"{\"stage\":\"mid\",\"scores\":[{\"criterion\":\"a\",\"score\":21,\"max\":20}],\"findings\":\"x\","
			"\"decision\":\"pass\"}"),
		   422, "invalid_value", "scores[0].score");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev,
			"{\"stage\":\"mid\",\"scores\":[],\"findings\":\"x\",\"decision\":\"pass\"}"),
		   422, "required", "scores");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev,
			"{\"stage\":\"mid\",\"scores\":[{\"criterion\":\"a\",\"score\":1,\"max\":2}],\"findings\":\"x\","
			"\"decision\":\"maybe\"}"),
		   422, "invalid_value", "decision");
	CHECK_INT(COUNT(srv, fmt("/api/v1/projects/%lld/evaluations", p)), 0);
	r = http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev, mid);
	if (EXPECT_STATUS(r, 201)) {
		CHECKR(r, near(jnum(r->json, "total_score"), 53));
		CHECKR(r, near(jnum(r->json, "max_score"), 60));
		CHECK_STR(jstr(r->json, "evaluator_kind"), "third_party");
		CHECK_INT(jint(r->json, "evaluator_user_id"), eva);
		CHECK_STR(jstr(r->json, "evaluated_on"), day(0));
	}
	/* a social worker of the org is no evaluator; a supervisor of it is */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), c.sw_a, mid), 403, "forbidden",
		   "project_id");
	/* a final rectify leaves it; a final fail ends it */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev,
			   "{\"stage\":\"final\",\"scores\":[{\"criterion\":\"a\",\"score\":10,\"max\":20}],"
			   "\"findings\":\"需整改\",\"decision\":\"rectify\"}"),
		      201);
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/projects/%lld", p), ev, NULL)->json, "status"), "running");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev,
			   "{\"stage\":\"final\",\"scores\":[{\"criterion\":\"a\",\"score\":18,\"max\":20}],"
			   "\"findings\":\"整改到位\",\"decision\":\"pass\"}"),
		      201);
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/projects/%lld", p), ev, NULL)->json, "status"), "accepted");
	CHECK_INT(COUNT(srv, fmt("/api/v1/projects/%lld/evaluations", p)), 3);
	/* over: no more evaluations, nothing new belongs to it, no status by hand */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/evaluations", p), ev, mid), 422, "rule_violation", "stage");
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", c.sw_a,
			fmt("{\"title\":\"x\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			    "\"sign_up\":\"open\",\"project_id\":%lld}",
			    c.A, at(86400), at(2 * 86400), p)),
		   422, "rule_violation", "project_id");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p), c.sw_a, "{\"status\":\"running\"}"), 422,
		   "invalid_transition", "status");
	/* withdrawn, the evaluator reads it no more */
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/project-evaluators/%lld", appointment), c.oa_a, "{\"active\":false}"),
		      200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/projects/%lld", p), ev, NULL), 403, "forbidden", NULL);
	/* the regional admin over its region reads it */
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), c.ra, NULL), 200);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, c.ra, fmt("/api/v1/projects?region_id=%lld", c.w.d1))), 2);
}

/* Budget against spend from the fund's journal: an expense is an entry, a
 * void its reversal; the fund cannot go below zero. */
void t_projects_spend_from_the_fund(struct srv *srv)
{
	struct cworld c;
	if (!care_world(srv, &c))
		return;
	long long fund = mk_fund(srv, c.oa_a, c.A, "pooled", c.uOA);
	long long other = mk_fund(srv, c.oa_b, c.B, "pooled", c.uOB);
	EXPECT_STATUS(http(srv, "POST", "/api/v1/donations", c.oa_a,
			   fmt("{\"fund_id\":%lld,\"amount_fen\":100000,\"channel\":\"cash\",\"donor_name\":\"王先生\","
			       "\"received_on\":\"%s\"}",
			       fund, day(-1))),
		      201);
	const char *body = fmt("{\"title\":\"爱青助学\",\"kind\":\"fund\",\"funder_name\":\"荆小爱\",\"org_id\":%lld,"
			       "\"region_id\":%lld,\"starts_on\":\"%s\",\"ends_on\":\"%s\",\"fund_id\":%%lld,"
			       "\"budget\":[{\"line\":\"staff\",\"amount_fen\":50000},{\"line\":\"materials\",\"amount_fen\":30000}]}",
			       c.A, c.w.d1, day(-10), day(100));
	EXPECT_ERR(http(srv, "POST", "/api/v1/projects", c.sw_a, fmt(body, other)), 422, "rule_violation", "fund_id");
	long long p = MK(srv, c.sw_a, "/api/v1/projects", fmt(body, fund));
	long long bare = MK(srv, c.sw_a, "/api/v1/projects",
			    fmt("{\"title\":\"无资金项目\",\"kind\":\"own\",\"org_id\":%lld,\"region_id\":%lld,"
				"\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
				c.A, c.w.d1, day(-10), day(100)));
	if (p < 0 || bare < 0)
		return;
	const char *spend = fmt("/api/v1/projects/%lld/expenses", p);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/projects/%lld/expenses", bare), c.oa_a,
			fmt("{\"line\":\"staff\",\"amount_fen\":100,\"memo\":\"x\",\"spent_on\":\"%s\"}", day(0))),
		   422, "rule_violation", "fund_id");
	/* the fund's manager or its org's admins spend; a social worker does not */
	EXPECT_ERR(http(srv, "POST", spend, c.sw_a,
			fmt("{\"line\":\"staff\",\"amount_fen\":100,\"memo\":\"x\",\"spent_on\":\"%s\"}", day(0))),
		   403, "forbidden", "fund_id");
	EXPECT_ERR(http(srv, "POST", spend, c.oa_a,
			fmt("{\"line\":\"staff\",\"amount_fen\":0,\"memo\":\"x\",\"spent_on\":\"%s\"}", day(0))),
		   422, "invalid_value", "amount_fen");
	EXPECT_ERR(http(srv, "POST", spend, c.oa_a,
			fmt("{\"line\":\"travel\",\"amount_fen\":10,\"memo\":\"x\",\"spent_on\":\"%s\"}", day(0))),
		   422, "invalid_value", "line");
	/* more than the fund holds: refused, nothing written */
	EXPECT_ERR(http(srv, "POST", spend, c.oa_a,
			fmt("{\"line\":\"staff\",\"amount_fen\":100001,\"memo\":\"社工薪酬\",\"spent_on\":\"%s\"}", day(0))),
		   409, "insufficient_funds", "amount_fen");
	CHECK_INT(COUNT(srv, spend), 0);
	CHECK_INT(balance_of(srv, fund), 100000);
	long long e1 = MK(srv, c.oa_a, spend,
			  fmt("{\"line\":\"staff\",\"amount_fen\":42000,\"memo\":\"社工薪酬\",\"spent_on\":\"%s\"}", day(0)));
	long long e2 = MK(srv, c.oa_a, spend,
			  fmt("{\"line\":\"materials\",\"amount_fen\":12345,\"memo\":\"慰问品\",\"spent_on\":\"%s\"}", day(0)));
	MK(srv, c.oa_a, spend, fmt("{\"line\":\"other\",\"amount_fen\":655,\"memo\":\"打印\",\"spent_on\":\"%s\"}", day(0)));
	CHECK_INT(balance_of(srv, fund), 100000 - 42000 - 12345 - 655);
	check_trial(srv, fund, 100000 - 42000 - 12345 - 655);
	struct resp *r = http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), c.sw_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "spent_fen"), 55000);
		CHECK_INT(jint(r->json, "budget_total_fen"), 80000);
		CHECK_STR(jstr(r->json, "budget.0.line"), "staff");
		CHECK_INT(jint(r->json, "budget.0.spent_fen"), 42000);
		CHECK_INT(jint(r->json, "budget.1.spent_fen"), 12345);
		CHECK_STR(jstr(r->json, "budget.2.line"), "other"); /* spent outside the budget's lines */
		CHECK_INT(jint(r->json, "budget.2.amount_fen"), 0);
		CHECK_INT(jint(r->json, "budget.2.spent_fen"), 655);
	}
	/* a void is a reversing entry; twice is a conflict */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/project-expenses/%lld/void", e2), c.oa_a, "{\"reason\":\" \"}"), 422,
		   "required", "reason");
	r = http(srv, "POST", fmt("/api/v1/project-expenses/%lld/void", e2), c.oa_a, "{\"reason\":\"重复录入\"}");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "status"), "void");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/project-expenses/%lld/void", e2), c.oa_a, "{\"reason\":\"再来\"}"), 409,
		   "conflict", "status");
	CHECK_INT(balance_of(srv, fund), 100000 - 42000 - 655);
	check_trial(srv, fund, 100000 - 42000 - 655);
	r = http(srv, "GET", fmt("/api/v1/projects/%lld", p), c.sw_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "spent_fen"), 42655);
	/* the journal holds each entry with its reference */
	r = http(srv, "GET", fmt("/api/v1/funds/%lld/ledger", fund), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, strstr(r->body, "project_expense_void") && strstr(r->body, "社工薪酬"));
	(void)e1;
	/* the partner's and the region's readers see the spend, a stranger does not */
	EXPECT_STATUS(http(srv, "GET", spend, c.ra, NULL), 200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/project-expenses/%lld", e2), c.oa_b, NULL), 403, "forbidden", NULL);
}

/* Many clients at once: sixteen final evaluations accept the project once
 * (every other one finds it over); sixteen expenses of a tenth of the
 * fund's money each: exactly ten are posted, the rest find it empty, and
 * the fund's journal balances at zero. */
void t_projects_races_decide_once_and_spend_what_is_there(struct srv *srv)
{
	struct cworld c;
	if (!care_world(srv, &c))
		return;
	long long fund = mk_fund(srv, c.oa_a, c.A, "pooled", c.uOA);
	EXPECT_STATUS(http(srv, "POST", "/api/v1/donations", c.oa_a,
			   fmt("{\"fund_id\":%lld,\"amount_fen\":100000,\"channel\":\"cash\",\"donor_name\":\"王先生\","
			       "\"received_on\":\"%s\"}",
			       fund, day(-1))),
		      201);
	long long p = MK(srv, c.sw_a, "/api/v1/projects",
			 fmt("{\"title\":\"竞速项目\",\"kind\":\"own\",\"org_id\":%lld,\"region_id\":%lld,\"starts_on\":\"%s\","
			     "\"ends_on\":\"%s\",\"fund_id\":%lld}",
			     c.A, c.w.d1, day(-10), day(100), fund));
	if (p < 0)
		return;
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p), c.sw_a, "{\"status\":\"running\"}"), 200);
	struct race rc = {.s = srv, .token = srv->admin};
	for (int i = 0; i < RACERS; i++) {
		rc.paths[i] = fmt("/api/v1/projects/%lld/evaluations", p);
		rc.bodies[i] = fmt("{\"stage\":\"final\",\"scores\":[{\"criterion\":\"a\",\"score\":%d,\"max\":20}],"
				   "\"findings\":\"终期 %d\",\"decision\":\"pass\"}",
				   i + 1, i);
	}
	race_one_wins(&rc, 201, 422, "rule_violation", "stage");
	CHECK_INT(COUNT(srv, fmt("/api/v1/projects/%lld/evaluations", p)), 1);
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/projects/%lld", p), c.sw_a, NULL)->json, "status"), "accepted");

	struct race ex = {.s = srv, .token = c.oa_a};
	for (int i = 0; i < RACERS; i++) {
		ex.paths[i] = fmt("/api/v1/projects/%lld/expenses", p);
		ex.bodies[i] = fmt("{\"line\":\"staff\",\"amount_fen\":10000,\"memo\":\"第%d笔\",\"spent_on\":\"%s\"}", i,
				   day(0));
	}
	race_run(&ex);
	int posted = 0, empty = 0;
	for (int i = 0; i < RACERS; i++) {
		posted += ex.status[i] == 201;
		empty += ex.status[i] == 409 && strcmp(ex.code[i], "insufficient_funds") == 0;
	}
	CHECKM(posted == 10 && empty == 6, "%d posted, %d refused as insufficient", posted, empty);
	CHECK_INT(COUNT(srv, fmt("/api/v1/projects/%lld/expenses", p)), 10);
	CHECK_INT(balance_of(srv, fund), 0);
	check_trial(srv, fund, 0);
	CHECK_INT(jint(http(srv, "GET", fmt("/api/v1/projects/%lld/progress", p), c.sw_a, NULL)->json, "spent_fen"),
		  100000);
}
