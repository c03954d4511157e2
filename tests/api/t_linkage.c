/* t_linkage.c - the linkage itself (issue 15): qualifications gate work
 * (a supervisor, a professional activity's lead, a case's owner, the
 * domestic-violence and child-protection cases), and the rules a platform
 * admin changes. */
#include <string.h>

#include "tests.h"

struct qual_world {
	struct world w;
	long long org, senior, mid, assistant, none, p[8];
};

static long long mk_worker(struct srv *s, struct qual_world *q, int i, const char *qual)
{
	const char *cert = strcmp(qual, "none") == 0 ? "" : fmt(",\"certificate_no\":\"Q-%d\"", i);
	return MK(s, s->admin, "/api/v1/social-workers",
		  fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"%s\"%s}", q->p[i], q->org, qual, cert));
}

static bool qual_setup(struct srv *s, struct qual_world *q)
{
	memset(q, 0, sizeof *q);
	if (!world_regions(s, &q->w))
		return false;
	q->org = MK_ORG(s, s->admin, "中山街道社工站", "social_work_station", q->w.town1, 0);
	for (int i = 0; i < 8; i++)
		q->p[i] = MK_PERSON(s, s->admin, fmt("社工%d", i), NULL, NULL, q->org);
	q->senior = mk_worker(s, q, 0, "senior");
	q->mid = mk_worker(s, q, 1, "intermediate");
	q->assistant = mk_worker(s, q, 2, "assistant");
	q->none = mk_worker(s, q, 3, "none");
	return !test_failures();
}

static const char *activity(struct qual_world *q, const char *mode, long long lead)
{
	return fmt("{\"title\":\"小组工作\",\"mode\":\"%s\",\"org_ids\":[%lld],\"place\":\"三眼井社区\","
		   "\"starts_at\":\"2027-03-01T09:00:00+08:00\",\"ends_at\":\"2027-03-01T11:00:00+08:00\","
		   "\"sign_up\":\"open\",\"lead_social_worker_id\":%lld}",
		   mode, q->org, lead);
}

static const char *client(struct qual_world *q, int person, const char *category, long long sw)
{
	return fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"%s\",\"consent\":true%s,"
		   "\"social_worker_id\":%lld}",
		   q->p[person], q->org, category, strcmp(category, "elderly") == 0 ? ",\"care_level\":\"partial\"" : "",
		   sw);
}

/* The refusal names the field and the qualification needed. */
static void refused(struct resp *r, const char *field, const char *needs)
{
	EXPECT_ERR(r, 422, "rule_violation", field);
	CHECKM(r->body && strstr(r->body, needs), "the refusal names %s: %s", needs, r->body ? r->body : "");
}

void t_qualifications_gate_work(struct srv *s)
{
	struct qual_world q;
	if (!qual_setup(s, &q))
		return;
	const char *sws = "/api/v1/social-workers";
	long long n_sw = COUNT(s, sws);
	/* a supervisor holds 社会工作师 or above */
	refused(http(s, "POST", sws, s->admin,
		     fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"none\",\"supervisor_id\":%lld}", q.p[4],
			 q.org, q.assistant)),
		"supervisor_id", "社会工作师 (intermediate)");
	CHECK_INT(COUNT(s, sws), n_sw);
	long long led = MK(s, s->admin, sws,
			   fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"none\",\"supervisor_id\":%lld}",
			       q.p[4], q.org, q.mid));
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", sws, q.none), s->admin, fmt("{\"supervisor_id\":%lld}", q.senior)),
		      200);
	refused(http(s, "PATCH", fmt("%s/%lld", sws, q.none), s->admin, fmt("{\"supervisor_id\":%lld}", q.assistant)),
		"supervisor_id", "intermediate");
	/* ... and keeps it while supervising */
	refused(http(s, "PATCH", fmt("%s/%lld", sws, q.mid), s->admin, "{\"qualification\":\"assistant\"}"),
		"qualification", "intermediate");
	struct resp *r = http(s, "GET", fmt("%s/%lld", sws, q.mid), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "qualification"), "intermediate");
	CHECK_INT(jint(http(s, "GET", fmt("%s/%lld", sws, led), s->admin, NULL)->json, "supervisor_id"), q.mid);

	/* a professional activity's lead holds 助理社会工作师 or above */
	const char *acts = "/api/v1/activities";
	long long n_act = COUNT(s, acts);
	refused(http(s, "POST", acts, s->admin, activity(&q, "professional", q.none)), "lead_social_worker_id",
		"助理社会工作师 (assistant)");
	CHECK_INT(COUNT(s, acts), n_act);
	MK(s, s->admin, acts, activity(&q, "professional", q.assistant));
	long long daily = MK(s, s->admin, acts, activity(&q, "daily", q.none));
	refused(http(s, "PATCH", fmt("%s/%lld", acts, daily), s->admin, "{\"mode\":\"professional\"}"),
		"lead_social_worker_id", "assistant");
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", acts, daily), s->admin, "{\"title\":\"日常探访\"}"), 200);

	/* a case's owner holds 助理社会工作师; domestic violence and a
	 * left-behind child need 社会工作师 */
	const char *cls = "/api/v1/clients";
	long long n_cl = COUNT(s, cls);
	refused(http(s, "POST", cls, s->admin, client(&q, 5, "elderly", q.none)), "social_worker_id", "assistant");
	refused(http(s, "POST", cls, s->admin, client(&q, 5, "dv_victim", q.assistant)), "social_worker_id",
		"家庭暴力个案");
	refused(http(s, "POST", cls, s->admin, client(&q, 6, "left_behind_child", q.assistant)), "social_worker_id",
		"intermediate");
	CHECK_INT(COUNT(s, cls), n_cl);
	long long elder = MK(s, s->admin, cls, client(&q, 5, "elderly", q.assistant));
	MK(s, s->admin, cls, client(&q, 6, "left_behind_child", q.mid));
	MK(s, s->admin, cls, client(&q, 7, "dv_victim", q.senior));
	/* the case changes hands or category: checked again */
	refused(http(s, "PATCH", fmt("%s/%lld", cls, elder), s->admin, fmt("{\"social_worker_id\":%lld}", q.none)),
		"social_worker_id", "assistant");
	CHECK_INT(COUNT(s, cls), n_cl + 3);
}

void t_qualification_rules_are_the_admins(struct srv *s)
{
	struct qual_world q;
	if (!qual_setup(s, &q))
		return;
	const char *rules = "/api/v1/qualification-rules";
	MK_USER(s, s->admin, "oa_q", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", q.org));
	const char *oa = LOGIN(s, "oa_q", USER_PASS);
	/* the defaults, readable by staff */
	struct resp *r = http(s, "GET", rules, oa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *items = jget(r->json, "items");
		CHECK_INT((long long)json_array_size(items), 5);
		static const char *want[][2] = {{"supervisor", "intermediate"},
						{"professional_activity_lead", "assistant"},
						{"case_owner", "assistant"},
						{"case_dv_victim", "intermediate"},
						{"case_left_behind_child", "intermediate"}};
		for (size_t i = 0; i < 5 && i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			CHECK_STR(jstr(it, "work"), want[i][0]);
			CHECK_STR(jstr(it, "min_qualification"), want[i][1]);
			CHECK_STR(jstr(it, "default"), want[i][1]);
			CHECKM(json_is_false(jget(it, "changed")) && jisnull(it, "updated_at"), "unchanged: %s", r->body);
		}
	}
	EXPECT_STATUS(http(s, "GET", rules, NULL, NULL), 401);
	/* only a platform admin changes one; bad input names the field */
	const char *dv = fmt("%s/case_dv_victim", rules);
	EXPECT_ERR(http(s, "PUT", dv, oa, "{\"min_qualification\":\"assistant\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "PUT", fmt("%s/juggling", rules), s->admin, "{\"min_qualification\":\"assistant\"}"), 404,
		   "not_found", "work");
	EXPECT_ERR(http(s, "PUT", dv, s->admin, "{\"min_qualification\":\"expert\"}"), 422, "invalid_value",
		   "min_qualification");
	EXPECT_ERR(http(s, "PUT", dv, s->admin, "{}"), 422, "required", "min_qualification");
	EXPECT_ERR(http(s, "PUT", dv, s->admin, "{\"min_qualification\":\"assistant\",\"work\":\"x\"}"), 422, NULL,
		   "work");
	EXPECT_ERR(http(s, "DELETE", dv, s->admin, NULL), 404, "not_found", "work");
	const char *cls = "/api/v1/clients";
	EXPECT_ERR(http(s, "POST", cls, s->admin, client(&q, 5, "dv_victim", q.assistant)), 422, "rule_violation",
		   "social_worker_id");
	/* lowered: an assistant may own a domestic-violence case */
	r = http(s, "PUT", dv, s->admin, "{\"min_qualification\":\"assistant\"}");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "min_qualification"), "assistant");
		CHECK_STR(jstr(r->json, "default"), "intermediate");
		CHECKM(json_is_true(jget(r->json, "changed")) && jint(r->json, "updated_by_user_id") > 0, "%s", r->body);
	}
	MK(s, s->admin, cls, client(&q, 5, "dv_victim", q.assistant));
	r = http(s, "GET", rules, oa, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(json_array_get(jget(r->json, "items"), 3), "min_qualification"), "assistant");
	/* raised: a supervisor must be senior */
	EXPECT_STATUS(http(s, "PUT", fmt("%s/supervisor", rules), s->admin, "{\"min_qualification\":\"senior\"}"), 200);
	EXPECT_ERR(http(s, "POST", "/api/v1/social-workers", s->admin,
			fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"none\",\"supervisor_id\":%lld}",
			    q.p[4], q.org, q.mid)),
		   422, "rule_violation", "supervisor_id");
	/* back to the default, in the audit */
	EXPECT_STATUS(http(s, "DELETE", dv, s->admin, NULL), 204);
	EXPECT_ERR(http(s, "POST", cls, s->admin, client(&q, 6, "dv_victim", q.assistant)), 422, "rule_violation",
		   "social_worker_id");
	r = http(s, "GET", "/api/v1/audit?entity=qualification-rules", s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKM(json_array_size(jget(r->json, "items")) == 3, "create, create, delete audited: %s", r->body);
}
