/* t_councils.c - councils (议事会, issue 15 item 4): a community's council
 * and its members, meetings with attendance, issues, resolutions with
 * their votes, a resolution that becomes a need or an activity (linked
 * both ways, once), what became of each issue, and who may write and
 * read. Every bad input writes nothing. */
#include <string.h>

#include "care_world.h"
#include "race.h"
#include "tests.h"

struct cw {
	struct cworld c;
	long long comm2;		/* a community under town2 */
	const char *ra2;		/* regional admin of d2 */
	long long council, other;	/* the council of comm1, and one of comm2 */
	long long m[3], m_other;	/* members: pR1 (chair), a social worker, a volunteer; one of the other */
};

static const char *member(long long council, long long person, const char *kind, const char *extra)
{
	return fmt("{\"council_id\":%lld,\"person_id\":%lld,\"kind\":\"%s\",\"joined_on\":\"2026-01-10\"%s}", council,
		   person, kind, extra);
}

static bool cw_setup(struct srv *s, struct cw *w)
{
	memset(w, 0, sizeof *w);
	struct cworld *c = &w->c;
	if (!care_world(s, c))
		return false;
	w->comm2 = MK_REGION(s, "421003001001", "西城社区", "community", c->w.town2);
	MK_USER(s, s->admin, "ra_d2", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", c->w.d2));
	w->ra2 = LOGIN(s, "ra_d2", USER_PASS);
	/* the service menus: a council's need takes the category of the
	 * community's own item before the town's (made first) */
	const char *menu = "{\"region_id\":%lld,\"category\":\"%s\",\"title\":\"%s\"}";
	MK(s, s->admin, "/api/v1/service-menu", fmt(menu, c->w.town1, "legal_aid", "法律咨询"));
	MK(s, s->admin, "/api/v1/service-menu", fmt(menu, c->w.comm1, "elderly_care", "助餐"));
	MK(s, s->admin, "/api/v1/service-menu", fmt(menu, c->w.town2, "community_affairs", "邻里事务"));
	return w->ra2 && !test_failures();
}

/* A count of the collection, then the same after `r`: nothing written. */
static void unchanged(struct srv *s, const char *path, long long before)
{
	CHECK_INT(COUNT(s, path), before);
}

void t_council_members_meetings_and_their_rules(struct srv *s)
{
	struct cw w;
	if (!cw_setup(s, &w))
		return;
	struct cworld *c = &w.c;
	const char *councils = "/api/v1/councils", *members = "/api/v1/council-members",
		   *meetings = "/api/v1/council-meetings", *issues = "/api/v1/council-issues";

	/* a council is a community's */
	long long n = COUNT(s, councils);
	EXPECT_ERR(http(s, "POST", councils, c->sw_a, fmt("{\"region_id\":%lld,\"name\":\"街道议事会\"}", c->w.town1)),
		   422, "rule_violation", "region_id");
	EXPECT_ERR(http(s, "POST", councils, c->sw_a, "{\"name\":\"议事会\"}"), 422, "required", "region_id");
	EXPECT_ERR(http(s, "POST", councils, c->sw_a, fmt("{\"region_id\":%lld,\"name\":\"\"}", c->w.comm1)), 422,
		   "invalid_value", "name");
	EXPECT_ERR(http(s, "POST", councils, c->sw_a, "{\"region_id\":999999,\"name\":\"议事会\"}"), 422,
		   "invalid_value", "region_id");
	/* outsiders: org B's staff, the other district's admin, a resident, a volunteer */
	const char *body = fmt("{\"region_id\":%lld,\"name\":\"三眼井社区议事会\",\"established_on\":\"2025-06-01\"}",
			       c->w.comm1);
	EXPECT_ERR(http(s, "POST", councils, c->oa_b, body), 403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", councils, w.ra2, body), 403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", councils, c->res1, body), 403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", councils, c->vol, body), 403, "forbidden", "region_id");
	unchanged(s, councils, n);
	/* the station above the community (org A, town1) and the district's admin keep it */
	w.council = MK(s, c->sw_a, councils, body);
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", councils, w.council), c->ra, "{\"note\":\"每月一次\"}"), 200);
	w.other = MK(s, w.ra2, councils, fmt("{\"region_id\":%lld,\"name\":\"西城社区议事会\"}", w.comm2));
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", councils, w.council), c->oa_b, "{\"note\":\"x\"}"), 403, "forbidden",
		   NULL);
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", councils, w.council), c->oa_a,
			fmt("{\"region_id\":%lld}", w.comm2)),
		   422, "read_only", "region_id");

	/* members */
	n = COUNT(s, members);
	EXPECT_ERR(http(s, "POST", members, c->sw_a, member(w.council, c->pR1, "mayor", "")), 422, "invalid_value",
		   "kind");
	EXPECT_ERR(http(s, "POST", members, c->sw_a, member(w.council, c->pR1, "resident", ",\"role\":\"boss\"")), 422,
		   "invalid_value", "role");
	EXPECT_ERR(http(s, "POST", members, c->sw_a,
			member(w.council, c->pR1, "resident", ",\"left_on\":\"2025-12-31\"")),
		   422, "invalid_value", "left_on");
	EXPECT_ERR(http(s, "POST", members, c->sw_a, member(w.council, 999999, "resident", "")), 422, "invalid_value",
		   "person_id");
	EXPECT_ERR(http(s, "POST", members, c->oa_b, member(w.council, c->pR1, "resident", "")), 403, "forbidden",
		   "council_id");
	EXPECT_ERR(http(s, "POST", members, c->res1, member(w.council, c->pR1, "resident", "")), 403, "forbidden",
		   "council_id");
	unchanged(s, members, n);
	w.m[0] = MK(s, c->sw_a, members, member(w.council, c->pR1, "resident", ",\"role\":\"chair\""));
	w.m[1] = MK(s, c->oa_a, members, member(w.council, c->pSWA, "social_worker", ""));
	w.m[2] = MK(s, c->ra, members, member(w.council, c->pV, "volunteer", ""));
	w.m_other = MK(s, s->admin, members, member(w.other, c->pR2, "resident", ""));
	EXPECT_ERR(http(s, "POST", members, c->sw_a, member(w.council, c->pR1, "official", "")), 409, "duplicate",
		   NULL);
	unchanged(s, members, n + 4);
	struct resp *r = http(s, "GET", fmt("%s/%lld", members, w.m[1]), c->sw_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "role"), "member");
		CHECK(jstr(r->json, "name") != NULL);
	}
	CHECK_STR(jstr(http(s, "GET", fmt("%s/%lld", members, w.m[0]), c->sw_a, NULL)->json, "role"), "chair");

	/* a member reads the council, its members; does not write */
	r = http(s, "GET", fmt("%s/%lld", councils, w.council), c->res1, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "note"), "每月一次");
	r = http(s, "GET", fmt("%s?council_id=%lld", members, w.council), c->res1, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 3);
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", councils, w.council), c->res1, "{\"note\":\"x\"}"), 403,
		   "forbidden", NULL);
	/* outsiders read nothing of it */
	EXPECT_STATUS(http(s, "GET", fmt("%s/%lld", councils, w.council), c->oa_b, NULL), 403);
	EXPECT_STATUS(http(s, "GET", fmt("%s/%lld", councils, w.council), w.ra2, NULL), 403);
	EXPECT_STATUS(http(s, "GET", fmt("%s/%lld", councils, w.council), c->res2, NULL), 403);
	EXPECT_STATUS(http(s, "GET", fmt("%s/%lld", members, w.m[0]), c->oa_b, NULL), 403);
	r = http(s, "GET", councils, c->oa_b, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK(arr_find_id(jget(r->json, "items"), w.council) == NULL);
	r = http(s, "GET", fmt("%s?person_id=%lld", councils, c->pR1), c->res1, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK(arr_find_id(jget(r->json, "items"), w.council) != NULL);

	/* meetings: attendance only of the council's own members, once each */
	n = COUNT(s, meetings);
	const char *mt = "{\"council_id\":%lld,\"held_at\":\"2026-11-05T19:00:00+08:00\",\"place\":\"社区活动室\","
			 "\"agenda\":[\"加装电梯\",\"助餐点\"],\"attendance\":%s,\"minutes\":\"议定两项\"}";
	EXPECT_ERR(http(s, "POST", meetings, c->sw_a, fmt(mt, w.council, fmt("[%lld,%lld]", w.m[0], w.m_other))), 422,
		   "invalid_value", "attendance");
	EXPECT_ERR(http(s, "POST", meetings, c->sw_a, fmt(mt, w.council, "[999999]")), 422, "invalid_value",
		   "attendance");
	EXPECT_ERR(http(s, "POST", meetings, c->sw_a, fmt(mt, w.council, fmt("[%lld,%lld]", w.m[0], w.m[0]))), 422,
		   "invalid_value", "attendance");
	EXPECT_ERR(http(s, "POST", meetings, c->sw_a, fmt(mt, w.council, "[\"x\"]")), 422, "invalid_value",
		   "attendance");
	EXPECT_ERR(http(s, "POST", meetings, c->oa_b,
			fmt(mt, w.council, fmt("[%lld]", w.m[0]))),
		   403, "forbidden", "council_id");
	EXPECT_ERR(http(s, "POST", meetings, c->sw_a, fmt("{\"council_id\":%lld,\"place\":\"x\"}", w.council)), 422,
		   "required", "held_at");
	unchanged(s, meetings, n);
	long long meet = MK(s, c->sw_a, meetings,
			    fmt(mt, w.council, fmt("[%lld,%lld,%lld]", w.m[0], w.m[1], w.m[2])));
	r = http(s, "GET", fmt("%s/%lld", meetings, meet), c->res1, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "agenda.1"), "助餐点");
		CHECK_INT(jint(r->json, "attendance.2"), w.m[2]);
		CHECK_STR(jstr(r->json, "minutes"), "议定两项");
	}
	EXPECT_STATUS(http(s, "GET", fmt("%s/%lld", meetings, meet), c->oa_b, NULL), 403);
	long long meet_other = MK(s, s->admin, meetings, fmt(mt, w.other, fmt("[%lld]", w.m_other)));

	/* issues: at a meeting or by a member, of the same council */
	n = COUNT(s, issues);
	EXPECT_ERR(http(s, "POST", issues, c->sw_a, fmt("{\"council_id\":%lld,\"title\":\"加装电梯\"}", w.council)),
		   422, "required", "meeting_id");
	EXPECT_ERR(http(s, "POST", issues, c->sw_a,
			fmt("{\"council_id\":%lld,\"meeting_id\":%lld,\"title\":\"加装电梯\"}", w.council, meet_other)),
		   422, "invalid_value", "meeting_id");
	EXPECT_ERR(http(s, "POST", issues, c->sw_a,
			fmt("{\"council_id\":%lld,\"raised_by_member_id\":%lld,\"title\":\"加装电梯\"}", w.council,
			    w.m_other)),
		   422, "invalid_value", "raised_by_member_id");
	EXPECT_ERR(http(s, "POST", issues, c->sw_a,
			fmt("{\"council_id\":%lld,\"meeting_id\":%lld,\"title\":\"x\",\"status\":\"done\"}", w.council,
			    meet)),
		   422, "invalid_value", "status");
	EXPECT_ERR(http(s, "POST", issues, w.ra2,
			fmt("{\"council_id\":%lld,\"meeting_id\":%lld,\"title\":\"x\"}", w.council, meet)),
		   403, "forbidden", "council_id");
	unchanged(s, issues, n);
	long long issue = MK(s, c->sw_a, issues,
			     fmt("{\"council_id\":%lld,\"meeting_id\":%lld,\"raised_by_member_id\":%lld,"
				 "\"title\":\"老人吃饭难\",\"description\":\"独居老人多\"}",
				 w.council, meet, w.m[0]));
	long long issue2 = MK(s, c->sw_a, issues,
			      fmt("{\"council_id\":%lld,\"raised_by_member_id\":%lld,\"title\":\"楼道堆物\"}", w.council,
				  w.m[1]));
	CHECK_STR(jstr(http(s, "GET", fmt("%s/%lld", issues, issue), c->sw_a, NULL)->json, "status"), "open");
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", issues, issue2), c->sw_a, "{\"status\":\"dropped\"}"), 200);
	(void)issue;
}

/* The council world with a meeting of three present, an issue and a
 * resolution of each outcome; ids out. */
struct res_world {
	struct cw w;
	long long meet, meet_other, issue, issue_other, adopted, rejected;
};

static bool res_setup(struct srv *s, struct res_world *x)
{
	memset(x, 0, sizeof *x);
	struct cw *w = &x->w;
	if (!cw_setup(s, w))
		return false;
	struct cworld *c = &w->c;
	w->council = MK(s, c->sw_a, "/api/v1/councils", fmt("{\"region_id\":%lld,\"name\":\"议事会\"}", c->w.comm1));
	w->other = MK(s, s->admin, "/api/v1/councils", fmt("{\"region_id\":%lld,\"name\":\"西城\"}", w->comm2));
	w->m[0] = MK(s, c->sw_a, "/api/v1/council-members", member(w->council, c->pR1, "resident", ""));
	w->m[1] = MK(s, c->sw_a, "/api/v1/council-members", member(w->council, c->pSWA, "social_worker", ""));
	w->m[2] = MK(s, c->sw_a, "/api/v1/council-members", member(w->council, c->pV, "volunteer", ""));
	w->m_other = MK(s, s->admin, "/api/v1/council-members", member(w->other, c->pR2, "resident", ""));
	const char *mt = "{\"council_id\":%lld,\"held_at\":\"2026-11-05T19:00:00+08:00\",\"attendance\":%s}";
	x->meet = MK(s, c->sw_a, "/api/v1/council-meetings",
		     fmt(mt, w->council, fmt("[%lld,%lld,%lld]", w->m[0], w->m[1], w->m[2])));
	x->meet_other = MK(s, s->admin, "/api/v1/council-meetings", fmt(mt, w->other, fmt("[%lld]", w->m_other)));
	x->issue = MK(s, c->sw_a, "/api/v1/council-issues",
		      fmt("{\"council_id\":%lld,\"meeting_id\":%lld,\"title\":\"老人吃饭难\"}", w->council, x->meet));
	x->issue_other = MK(s, s->admin, "/api/v1/council-issues",
			    fmt("{\"council_id\":%lld,\"meeting_id\":%lld,\"title\":\"别处\"}", w->other, x->meet_other));
	return !test_failures();
}

static const char *resolution(long long meet, const char *issue, int f, int a, int ab, const char *outcome)
{
	return fmt("{\"meeting_id\":%lld%s,\"text\":\"在活动室开设老年助餐点，每周五天\",\"votes_for\":%d,"
		   "\"votes_against\":%d,\"votes_abstain\":%d,\"outcome\":\"%s\"}",
		   meet, issue, f, a, ab, outcome);
}

void t_council_resolution_votes_become_a_need_once_and_the_outcome_shows(struct srv *s)
{
	struct res_world x;
	if (!res_setup(s, &x))
		return;
	struct cw *w = &x.w;
	struct cworld *c = &w->c;
	const char *rs = "/api/v1/resolutions", *needs = "/api/v1/needs", *acts = "/api/v1/activities";
	const char *on_issue = fmt(",\"issue_id\":%lld", x.issue);

	/* votes: non-negative, no more in all than members present */
	long long n = COUNT(s, rs);
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, resolution(x.meet, on_issue, -1, 0, 0, "adopted")), 422, "invalid_value",
		   "votes_for");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, resolution(x.meet, on_issue, 2, 1, 1, "adopted")), 422, "invalid_value",
		   "votes_abstain");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, resolution(x.meet, on_issue, 2, 2, 0, "adopted")), 422, "invalid_value",
		   "votes_against");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, resolution(x.meet, on_issue, 4, 0, 0, "adopted")), 422, "invalid_value",
		   "votes_for");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, resolution(x.meet, on_issue, 2, 0, 0, "passed")), 422, "invalid_value",
		   "outcome");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a,
			resolution(x.meet, fmt(",\"issue_id\":%lld", x.issue_other), 2, 0, 0, "adopted")),
		   422, "invalid_value", "issue_id");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, resolution(999999, "", 2, 0, 0, "adopted")), 422, "invalid_value",
		   "meeting_id");
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, "{\"meeting_id\":1,\"text\":\"x\",\"outcome\":\"adopted\"}"), 422,
		   "required", NULL);
	EXPECT_ERR(http(s, "POST", rs, c->sw_a, fmt("{\"meeting_id\":%lld,\"council_id\":%lld,\"text\":\"x\","
						      "\"votes_for\":1,\"votes_against\":0,\"votes_abstain\":0,"
						      "\"outcome\":\"adopted\"}", x.meet, w->council)),
		   422, "read_only", "council_id");
	EXPECT_ERR(http(s, "POST", rs, c->oa_b, resolution(x.meet, on_issue, 2, 1, 0, "adopted")), 403, "forbidden",
		   "meeting_id");
	EXPECT_ERR(http(s, "POST", rs, c->res1, resolution(x.meet, on_issue, 2, 1, 0, "adopted")), 403, "forbidden",
		   "meeting_id");
	unchanged(s, rs, n);
	x.adopted = MK(s, c->sw_a, rs, resolution(x.meet, on_issue, 2, 1, 0, "adopted"));
	x.rejected = MK(s, c->sw_a, rs, resolution(x.meet, "", 1, 1, 1, "rejected"));
	struct resp *r = http(s, "GET", fmt("%s/%lld", rs, x.adopted), c->res1, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "council_id"), w->council);
		CHECK_INT(jint(r->json, "votes_for"), 2);
		CHECK(jisnull(r->json, "need_id"));
	}
	EXPECT_STATUS(http(s, "GET", fmt("%s/%lld", rs, x.adopted), c->oa_b, NULL), 403);
	/* the attendance cannot shrink below a resolution's votes */
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/council-meetings/%lld", x.meet), c->sw_a,
			fmt("{\"attendance\":[%lld,%lld]}", w->m[0], w->m[1])),
		   422, "rule_violation", "attendance");
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", rs, x.adopted), c->sw_a, "{\"votes_abstain\":1}"), 422,
		   "invalid_value", "votes_abstain");
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", rs, x.adopted), c->sw_a, "{\"votes_for\":4}"), 422, "invalid_value",
		   "votes_for");

	/* only an adopted resolution becomes a need; outsiders and members may not */
	long long nn = COUNT(s, needs);
	const char *need_of = fmt("%s/%lld/need", rs, x.adopted);
	EXPECT_ERR(http(s, "POST", fmt("%s/%lld/need", rs, x.rejected), c->sw_a, NULL), 422, "rule_violation",
		   "outcome");
	EXPECT_ERR(http(s, "POST", need_of, c->oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", need_of, w->ra2, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", need_of, c->res1, NULL), 403, "forbidden", "id");
	EXPECT_ERR(http(s, "POST", need_of, c->sw_a, fmt("{\"region_id\":%lld}", w->comm2)), 422, "invalid_value",
		   "region_id");
	EXPECT_ERR(http(s, "POST", need_of, c->sw_a, "{\"category\":\"gardening\"}"), 422, "invalid_value",
		   "category");
	EXPECT_ERR(http(s, "POST", need_of, c->sw_a, "{\"resolution_id\":1}"), 422, "read_only", "resolution_id");
	EXPECT_ERR(http(s, "POST", need_of, c->sw_a, "{\"colour\":\"red\"}"), 400, "unknown_field", "colour");
	EXPECT_ERR(http(s, "POST", need_of, c->sw_a,
			"{\"window_start\":\"2026-12-02T09:00:00+08:00\",\"window_end\":\"2026-12-01T09:00:00+08:00\"}"),
		   422, "invalid_value", "window_end");
	EXPECT_ERR(http(s, "POST", "/api/v1/resolutions/999999/need", c->sw_a, NULL), 404, "not_found", NULL);
	unchanged(s, needs, nn);
	CHECK(jisnull(http(s, "GET", fmt("%s/%lld", rs, x.adopted), s->admin, NULL)->json, "need_id"));

	/* the station's social worker turns it into a need: the community's, its
	 * menu's category, the issue's title, raised by the council */
	r = http(s, "POST", need_of, c->sw_a, "{\"urgency\":\"high\"}");
	long long need = -1;
	if (EXPECT_STATUS(r, 201)) {
		need = jint(r->json, "id");
		CHECK_INT(jint(r->json, "region_id"), c->w.comm1);
		CHECK_INT(jint(r->json, "resolution_id"), x.adopted);
		CHECK_STR(jstr(r->json, "category"), "elderly_care");
		CHECK_STR(jstr(r->json, "title"), "老人吃饭难");
		CHECK_STR(jstr(r->json, "description"), "在活动室开设老年助餐点，每周五天");
		CHECK_STR(jstr(r->json, "raised_by"), "council");
		CHECK_STR(jstr(r->json, "urgency"), "high");
		CHECK_STR(jstr(r->json, "status"), "new");
	}
	unchanged(s, needs, nn + 1);
	/* the need's own history begins as every need's does */
	r = http(s, "GET", fmt("/api/v1/needs/%lld/events", need), c->sw_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "items.0.to"), "new");
	/* once: the second time is 409 and writes nothing */
	EXPECT_ERR(http(s, "POST", need_of, c->sw_a, NULL), 409, "duplicate", "need_id");
	EXPECT_ERR(http(s, "POST", need_of, s->admin, "{\"title\":\"再来一次\"}"), 409, "duplicate", "need_id");
	unchanged(s, needs, nn + 1);
	r = http(s, "GET", fmt("%s/%lld", rs, x.adopted), c->res1, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "need_id"), need);
		CHECK_STR(jstr(r->json, "need_status"), "new");
	}
	/* a resolution that became a need stays adopted */
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", rs, x.adopted), c->sw_a, "{\"outcome\":\"rejected\"}"), 409,
		   "conflict", "outcome");

	/* the community sees what became of the issue, as the need moves on */
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/needs/%lld/status", need), c->sw_a,
			   fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c->swA)),
		      200);
	r = http(s, "GET", fmt("/api/v1/council-issues?council_id=%lld", w->council), c->res1, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *row = arr_find_id(jget(r->json, "items"), x.issue);
		CHECK(row != NULL);
		CHECK_INT(jint(row, "resolutions.0.id"), x.adopted);
		CHECK_STR(jstr(row, "resolutions.0.outcome"), "adopted");
		CHECK_INT(jint(row, "resolutions.0.need_id"), need);
		CHECK_STR(jstr(row, "resolutions.0.need_status"), "triaged");
		CHECK_INT((long long)json_array_size(jget(row, "resolutions")), 1);
	}
	r = http(s, "GET", fmt("/api/v1/council-issues?council_id=%lld", w->council), c->oa_b, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 0);

	/* the same resolution becomes an activity too, once, with what an
	 * activity needs */
	long long na = COUNT(s, acts);
	const char *act_of = fmt("%s/%lld/activity", rs, x.adopted);
	const char *act = fmt("{\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			      "\"sign_up\":\"open\"}",
			      c->A, "2027-01-05T11:00:00+08:00", "2027-01-05T13:00:00+08:00");
	EXPECT_ERR(http(s, "POST", act_of, c->sw_a, "{\"sign_up\":\"open\"}"), 422, "required", "mode");
	EXPECT_ERR(http(s, "POST", fmt("%s/%lld/activity", rs, x.rejected), c->sw_a, act), 422, "rule_violation",
		   "outcome");
	EXPECT_ERR(http(s, "POST", act_of, c->oa_b, act), 403, "forbidden", NULL);
	unchanged(s, acts, na);
	r = http(s, "POST", act_of, c->sw_a, act);
	long long activity = -1;
	if (EXPECT_STATUS(r, 201)) {
		activity = jint(r->json, "id");
		CHECK_INT(jint(r->json, "resolution_id"), x.adopted);
		CHECK_STR(jstr(r->json, "title"), "老人吃饭难");
	}
	EXPECT_ERR(http(s, "POST", act_of, c->sw_a, act), 409, "duplicate", "activity_id");
	unchanged(s, acts, na + 1);
	r = http(s, "GET", fmt("%s/%lld", rs, x.adopted), c->sw_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "activity_id"), activity);
		CHECK_STR(jstr(r->json, "activity_title"), "老人吃饭难");
	}

	/* audited: the resolution's create and its two links */
	r = http(s, "GET", fmt("/api/v1/audit?entity=resolutions&entity_id=%lld", x.adopted), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *items = jget(r->json, "items");
		int create = 0, toneed = 0, toact = 0;
		for (size_t i = 0; i < json_array_size(items); i++) {
			const char *a = jstr(json_array_get(items, i), "action");
			create += a && strcmp(a, "create") == 0;
			toneed += a && strcmp(a, "need") == 0;
			toact += a && strcmp(a, "activity") == 0;
		}
		CHECK_INT(create, 1);
		CHECK_INT(toneed, 1);
		CHECK_INT(toact, 1);
	}
	r = http(s, "GET", fmt("/api/v1/audit?entity=needs&entity_id=%lld&action=create", need), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
}

/* A community without a menu of its own: the need takes the category of
 * the town's menu above it; a regional admin's need follows the need rules
 * (an account with no person raises none). */
void t_council_resolution_need_defaults_and_need_rules(struct srv *s)
{
	struct res_world x;
	if (!res_setup(s, &x))
		return;
	struct cw *w = &x.w;
	struct cworld *c = &w->c;
	long long other = MK(s, s->admin, "/api/v1/resolutions",
			     resolution(x.meet_other, "", 1, 0, 0, "adopted"));
	long long nn = COUNT(s, "/api/v1/needs");
	struct resp *r = http(s, "POST", fmt("/api/v1/resolutions/%lld/need", other), w->ra2, NULL);
	EXPECT_ERR(r, 403, "forbidden", "raised_by_person_id");
	CHECK_INT(COUNT(s, "/api/v1/needs"), nn);
	CHECK(jisnull(http(s, "GET", fmt("/api/v1/resolutions/%lld", other), s->admin, NULL)->json, "need_id"));
	r = http(s, "POST", fmt("/api/v1/resolutions/%lld/need", other), s->admin, NULL);
	if (EXPECT_STATUS(r, 201)) {
		CHECK_STR(jstr(r->json, "category"), "community_affairs");
		CHECK_INT(jint(r->json, "region_id"), w->comm2);
		CHECK_STR(jstr(r->json, "title"), "在活动室开设老年助餐点，每周五天");
	}
	/* with no menu item serving the community, the need is `other` and
	 * says what it is by its title (the need rule asks a note) */
	json_t *items = LIST_ALL(s, s->admin, fmt("/api/v1/service-menu?covering_region_id=%lld", w->comm2));
	for (size_t i = 0; i < json_array_size(items); i++)
		EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/service-menu/%lld", jint(json_array_get(items, i), "id")),
				   s->admin, "{\"active\":false}"),
			      200);
	long long bare = MK(s, s->admin, "/api/v1/resolutions", resolution(x.meet_other, "", 1, 0, 0, "adopted"));
	r = http(s, "POST", fmt("/api/v1/resolutions/%lld/need", bare), s->admin, NULL);
	if (EXPECT_STATUS(r, 201)) {
		CHECK_STR(jstr(r->json, "category"), "other");
		CHECK_STR(jstr(r->json, "category_note"), jstr(r->json, "title"));
	}
	(void)c;
}

/* Many clients turn the same resolution into a need at once: one need,
 * every other client 409 duplicate. */
void t_council_resolution_need_race_makes_one(struct srv *s)
{
	struct res_world x;
	if (!res_setup(s, &x))
		return;
	struct cworld *c = &x.w.c;
	long long res = MK(s, c->sw_a, "/api/v1/resolutions",
			   resolution(x.meet, fmt(",\"issue_id\":%lld", x.issue), 3, 0, 0, "adopted"));
	long long nn = COUNT(s, "/api/v1/needs");
	struct race rc = {.s = s, .token = c->sw_a};
	for (int i = 0; i < RACERS; i++) {
		rc.paths[i] = fmt("/api/v1/resolutions/%lld/need", res);
		rc.bodies[i] = fmt("{\"title\":\"助餐点 %d\"}", i);
	}
	race_one_wins(&rc, 201, 409, "duplicate", "need_id");
	CHECK_INT(COUNT(s, "/api/v1/needs"), nn + 1);
	struct resp *r = http(s, "GET", fmt("/api/v1/resolutions/%lld", res), c->sw_a, NULL);
	long long need = EXPECT_STATUS(r, 200) ? jint(r->json, "need_id") : -1;
	r = http(s, "GET", fmt("/api/v1/needs/%lld", need), c->sw_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "resolution_id"), res);
}
