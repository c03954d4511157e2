/* t_linkage.c - the linkage itself (issue 15): qualifications gate work
 * (a supervisor, a professional activity's lead, a case's owner, the
 * domestic-violence and child-protection cases), and the rules a platform
 * admin changes. */
#include <string.h>

#include "care_world.h"
#include "svc_world.h"
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

/* A registered volunteer of q's org led by social worker `lead` (0: none). */
static long long led_volunteer(struct srv *s, struct qual_world *q, const char *name, long long lead)
{
	static int n;
	char idn[19];
	idnum_n(idn, 700 + n++);
	long long p = MK_PERSON(s, s->admin, name, idn, NULL, q->org);
	long long v = MK(s, s->admin, "/api/v1/volunteers",
			 lead ? fmt("{\"person_id\":%lld,\"org_id\":%lld,\"lead_social_worker_id\":%lld}", p, q->org, lead)
			      : fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, q->org));
	for (size_t k = 0; k < 6; k++)
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), s->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
	return v;
}

static const char *session(long long sup, const char *ids, const char *form, const char *day, const char *extra)
{
	return fmt("{\"supervisor_id\":%lld,\"social_worker_ids\":%s,\"form\":\"%s\",\"topic\":\"个案督导\","
		   "\"starts_at\":\"%sT14:00:00+08:00\",\"ends_at\":\"%sT15:30:00+08:00\"%s}",
		   sup, ids, form, day, day, extra ? extra : "");
}

/* The supervision chain: a volunteer's lead social worker, sessions of a
 * supervisor with social workers of their chain only, confidential notes
 * for the two sides only (sealed at rest), hours per worker and year, and
 * the 1:N ratios per worker, org and district. */
void t_supervision_chain_sessions_hours_and_ratios(struct srv *s)
{
	struct qual_world q;
	if (!qual_setup(s, &q))
		return;
	const char *sws = "/api/v1/social-workers";
	/* the chain: the senior supervises the assistant and the uncertified */
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", sws, q.assistant), s->admin, fmt("{\"supervisor_id\":%lld}", q.senior)), 200);
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", sws, q.none), s->admin, fmt("{\"supervisor_id\":%lld}", q.senior)), 200);
	MK_USER(s, s->admin, "sup_u", q.p[0], fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", q.org));
	MK_USER(s, s->admin, "asst_u", q.p[2], fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", q.org));
	MK_USER(s, s->admin, "mid_u", q.p[1], fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", q.org));
	MK_USER(s, s->admin, "oa_s", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", q.org));
	const char *sup = LOGIN(s, "sup_u", USER_PASS), *asst = LOGIN(s, "asst_u", USER_PASS),
		   *mid = LOGIN(s, "mid_u", USER_PASS), *oa = LOGIN(s, "oa_s", USER_PASS);
	if (test_failures())
		return;

	/* volunteers led: three by the assistant, one by nobody; a lead of
	 * another org's subtree is refused */
	long long v1 = led_volunteer(s, &q, "志愿者甲", q.assistant);
	led_volunteer(s, &q, "志愿者乙", q.assistant);
	led_volunteer(s, &q, "志愿者丙", q.assistant);
	led_volunteer(s, &q, "志愿者丁", 0);
	long long other = MK_ORG(s, s->admin, "西城街道社工站", "social_work_station", q.w.town2, 0);
	long long po = MK_PERSON(s, s->admin, "外站社工", NULL, NULL, other);
	long long swo = MK(s, s->admin, sws, fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"assistant\","
						 "\"certificate_no\":\"O-1\"}", po, other));
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/volunteers/%lld", v1), s->admin,
			fmt("{\"lead_social_worker_id\":%lld}", swo)), 422, "rule_violation", "lead_social_worker_id");
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/volunteers?lead_social_worker_id=%lld", q.assistant));
	CHECK_INT((long long)json_array_size(l), 3);

	/* sessions: the supervisor records one with each of the chain */
	const char *ss = "/api/v1/supervision-sessions";
	long long n0 = COUNT(s, ss);
	const char *pair = fmt("[%lld]", q.assistant), *group = fmt("[%lld,%lld]", q.assistant, q.none);
	long long s1 = MK(s, sup, ss, session(q.senior, pair, "individual", "2026-03-02",
					       ",\"minutes\":\"讨论案主家庭关系\",\"confidential_notes\":\"社工情绪耗竭，需减少个案量\""));
	long long s2 = MK(s, oa, ss, session(q.senior, group, "group", "2026-04-06", NULL));
	MK(s, sup, ss, session(q.senior, pair, "individual", "2025-12-01", NULL)); /* last year */
	/* outside the chain: 403; wrong shapes: 422; nothing written */
	EXPECT_ERR(http(s, "POST", ss, sup, session(q.senior, fmt("[%lld]", q.mid), "individual", "2026-03-03", NULL)),
		   403, "forbidden", "social_worker_ids");
	EXPECT_ERR(http(s, "POST", ss, mid, session(q.senior, pair, "individual", "2026-03-03", NULL)), 403,
		   "forbidden", "supervisor_id");
	EXPECT_ERR(http(s, "POST", ss, sup, session(q.senior, group, "individual", "2026-03-03", NULL)), 422,
		   "invalid_value", "social_worker_ids");
	EXPECT_ERR(http(s, "POST", ss, sup, session(q.senior, pair, "group", "2026-03-03", NULL)), 422,
		   "invalid_value", "form");
	EXPECT_ERR(http(s, "POST", ss, sup, session(q.senior, fmt("[%lld,%lld]", q.assistant, q.assistant), "group",
						 "2026-03-03", NULL)),
		   422, "invalid_value", "social_worker_ids");
	EXPECT_ERR(http(s, "POST", ss, sup, session(q.senior, "[]", "individual", "2026-03-03", NULL)), 422, NULL,
		   "social_worker_ids");
	EXPECT_ERR(http(s, "POST", ss, sup, session(q.senior, pair, "individual", "2099-03-03", NULL)), 422,
		   "invalid_value", "starts_at");
	EXPECT_ERR(http(s, "POST", ss, sup,
			fmt("{\"supervisor_id\":%lld,\"social_worker_ids\":%s,\"form\":\"individual\",\"topic\":\"x\","
			    "\"starts_at\":\"2026-03-03T15:00:00+08:00\",\"ends_at\":\"2026-03-03T14:00:00+08:00\"}",
			    q.senior, pair)),
		   422, "invalid_value", "ends_at");
	EXPECT_ERR(http(s, "POST", ss, sup, fmt("{\"social_worker_ids\":%s,\"form\":\"individual\",\"topic\":\"x\"}", pair)),
		   422, "required", NULL);
	CHECK_INT(COUNT(s, ss), n0 + 3);

	/* the confidential notes: the two sides read them, nobody else */
	const char *p1 = fmt("%s/%lld", ss, s1);
	struct resp *r = http(s, "GET", p1, sup, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "confidential_notes"), "社工情绪耗竭，需减少个案量");
		CHECK_STR(jstr(r->json, "minutes"), "讨论案主家庭关系");
		CHECKM(json_real_value(jget(r->json, "hours")) == 1.5, "1.5 hours: %s", r->body);
		CHECK_INT(jint(r->json, "social_worker_ids.0"), q.assistant);
	}
	r = http(s, "GET", p1, asst, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "confidential_notes"), "社工情绪耗竭，需减少个案量");
	const char *others[] = {oa, s->admin};
	for (int i = 0; i < 2; i++) {
		r = http(s, "GET", p1, others[i], NULL);
		if (EXPECT_STATUS(r, 200)) {
			CHECKM(jisnull(r->json, "confidential_notes"), "notes hidden from a third party: %s", r->body);
			CHECK_STR(jstr(r->json, "minutes"), "讨论案主家庭关系");
		}
	}
	CHECKM(!strstr(http(s, "GET", fmt("/api/v1/audit?entity=supervision-sessions&entity_id=%lld", s1), s->admin,
			    NULL)->body, "情绪耗竭"),
	       "the audit never holds the notes");
	db_exec(s, "CREATE TABLE t_notes_check (n BIGINT CHECK (n = 0))");
	db_exec(s, fmt("INSERT INTO t_notes_check SELECT COUNT(*) FROM supervision_sessions WHERE id = %lld AND"
		       " (notes_enc IS NULL OR notes_enc LIKE '%%情绪耗竭%%')", s1));
	db_exec(s, "DROP TABLE t_notes_check");
	/* a social worker outside the session (same org) does not read the
	 * notes; the list filters by worker */
	r = http(s, "GET", p1, mid, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKM(jisnull(r->json, "confidential_notes"), "notes hidden from a colleague: %s", r->body);
	CHECK_INT((long long)json_array_size(LIST_ALL(s, oa, fmt("%s?social_worker_id=%lld", ss, q.none))), 1);
	CHECK_INT((long long)json_array_size(LIST_ALL(s, oa, fmt("%s?supervisor_id=%lld", ss, q.senior))), 3);
	/* an edit: the minutes by the supervisor; the group reshaped needs its
	 * workers named again */
	EXPECT_STATUS(http(s, "PATCH", p1, sup, "{\"minutes\":\"讨论案主家庭关系；下次跟进\"}"), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", ss, s2), oa, "{\"form\":\"individual\"}"), 422, "required",
		   "social_worker_ids");
	EXPECT_ERR(http(s, "PATCH", p1, mid, "{\"minutes\":\"x\"}"), 403, "forbidden", NULL);

	/* hours per worker and year: 2026 has 1.5 + 1.5 for the assistant,
	 * 1.5 for the uncertified, 3 given by the senior */
	r = http(s, "GET", fmt("/api/v1/stats/supervision?org_id=%lld&year=2026", q.org), oa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *items = jget(r->json, "items");
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			long long id = jint(it, "social_worker_id");
			double got = json_real_value(jget(it, "hours_received")), given = json_real_value(jget(it, "hours_given"));
			double want = id == q.assistant ? 3.0 : id == q.none ? 1.5 : 0;
			CHECKM(got == want, "worker %lld received %.2f hours, want %.2f", id, got, want);
			CHECKM(given == (id == q.senior ? 3.0 : 0), "worker %lld gave %.2f hours", id, given);
			if (id == q.assistant)
				CHECK_INT(jint(it, "sessions_received"), 2);
		}
		CHECK_INT((long long)json_array_size(items), 4);
	}
	r = http(s, "GET", fmt("/api/v1/stats/supervision?org_id=%lld&year=2025", q.org), oa, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKM(strstr(r->body, "\"hours_given\": 1.5") || strstr(r->body, "\"hours_given\":1.5"), "2025: %s", r->body);
	EXPECT_ERR(http(s, "GET", "/api/v1/stats/supervision", oa, NULL), 422, "required", "org_id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/stats/supervision?org_id=%lld&year=x", q.org), oa, NULL), 400, NULL, "year");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/stats/supervision?org_id=%lld&year=1999", q.org), oa, NULL), 422,
		   "invalid_value", "year");
	MK_USER(s, s->admin, "oa_other", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", other));
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/stats/supervision?org_id=%lld", q.org), LOGIN(s, "oa_other", USER_PASS), NULL),
		   403, "forbidden", "org_id");

	/* ratios against 1:10 (and 1:3): the assistant leads 3; the station
	 * has 4 registered volunteers for its 4 social workers */
	r = http(s, "GET", fmt("/api/v1/stats/ratios?region_id=%lld", q.w.town1), oa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "target"), 10);
		json_t *ws = jget(r->json, "workers");
		CHECK_INT((long long)json_array_size(ws), 4);
		for (size_t i = 0; i < json_array_size(ws); i++) {
			json_t *w = json_array_get(ws, i);
			long long id = jint(w, "social_worker_id");
			CHECK_INT(jint(w, "volunteers_led"), id == q.assistant ? 3 : 0);
			CHECKM(json_is_true(jget(w, "below_target")), "every worker is below 10: %s", r->body);
		}
		json_t *o = json_array_get(jget(r->json, "orgs"), 0);
		CHECK_INT(jint(o, "org_id"), q.org);
		CHECK_INT(jint(o, "social_workers"), 4);
		CHECK_INT(jint(o, "volunteers_registered"), 4);
		CHECKM(json_real_value(jget(o, "volunteers_per_social_worker")) == 1.0 && json_is_true(jget(o, "below_target")),
		       "1 volunteer a worker, below: %s", r->body);
		CHECK_INT((long long)json_array_size(jget(r->json, "orgs")), 1);
		json_t *d = json_array_get(jget(r->json, "districts"), 0);
		CHECK_INT(jint(d, "region_id"), q.w.d1);
		CHECK_INT(jint(d, "volunteers_registered"), 4);
	}
	r = http(s, "GET", fmt("/api/v1/stats/ratios?region_id=%lld&target=1", q.w.town1), oa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKM(json_is_false(jget(json_array_get(jget(r->json, "orgs"), 0), "below_target")), "1:1 meets 1: %s",
		       r->body);
		json_t *ws = jget(r->json, "workers");
		for (size_t i = 0; i < json_array_size(ws); i++)
			CHECKM(json_is_true(jget(json_array_get(ws, i), "below_target")) ==
				       (jint(json_array_get(ws, i), "social_worker_id") != q.assistant),
			       "only the assistant leads one or more: %s", r->body);
	}
	EXPECT_ERR(http(s, "GET", "/api/v1/stats/ratios?target=0", oa, NULL), 422, "invalid_value", "target");
	EXPECT_ERR(http(s, "GET", "/api/v1/stats/ratios?region_id=x", oa, NULL), 400, NULL, "region_id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/stats/ratios?region_id=%lld", q.w.town2), oa, NULL), 403, "forbidden",
		   "region_id");
}

/* "matched" needs a match (issue 15): a move to matched names a
 * volunteer, social worker, activity or shift the caller reads; other
 * moves name none; the need shows what it was matched with. */
void t_need_matched_names_its_match(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	long long id = MK(s, c.oa_a, "/api/v1/needs",
			  fmt("{\"title\":\"独居老人助餐\",\"category\":\"elderly_care\",\"region_id\":%lld}", c.w.comm1));
	const char *st = fmt("/api/v1/needs/%lld/status", id);
	EXPECT_STATUS(http(s, "POST", st, c.oa_a, fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swA)),
		      200);
	EXPECT_ERR(http(s, "POST", st, c.oa_a, fmt("{\"to\":\"planned\",\"volunteer_id\":%lld}", c.vA)), 422,
		   "invalid_value", "volunteer_id");
	EXPECT_STATUS(http(s, "POST", st, c.oa_a, "{\"to\":\"planned\"}"), 200);
	long long before = (long long)json_array_size(LIST_ALL(s, s->admin, fmt("/api/v1/needs/%lld/events", id)));
	EXPECT_ERR(http(s, "POST", st, c.oa_a, "{\"to\":\"matched\"}"), 422, "required", "volunteer_id");
	EXPECT_ERR(http(s, "POST", st, c.oa_a, "{\"to\":\"matched\",\"activity_id\":999999}"), 422, "invalid_value",
		   "activity_id");
	/* org B's social worker is not A's to read */
	EXPECT_ERR(http(s, "POST", st, c.oa_a, fmt("{\"to\":\"matched\",\"social_worker_id\":%lld}", c.swB)), 422,
		   "invalid_value", "social_worker_id");
	EXPECT_ERR(http(s, "POST", st, c.oa_a, "{\"to\":\"matched\",\"volunteer_id\":\"x\"}"), 422, NULL, "volunteer_id");
	struct resp *r = http(s, "GET", fmt("/api/v1/needs/%lld", id), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "planned");
		CHECKM(jisnull(r->json, "match_volunteer_id"), "no match yet: %s", r->body);
	}
	CHECK_INT((long long)json_array_size(LIST_ALL(s, s->admin, fmt("/api/v1/needs/%lld/events", id))), before);
	r = http(s, "POST", st, c.oa_a, fmt("{\"to\":\"matched\",\"volunteer_id\":%lld,\"social_worker_id\":%lld}", c.vA, c.swA));
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "matched");
		CHECK_INT(jint(r->json, "match_volunteer_id"), c.vA);
		CHECK_INT(jint(r->json, "match_social_worker_id"), c.swA);
		CHECKM(jisnull(r->json, "match_activity_id"), "%s", r->body);
	}
	/* the match is the server's to write */
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", id), c.oa_a, fmt("{\"match_volunteer_id\":%lld}", c.vA)),
		   422, "read_only", "match_volunteer_id");
}

/* Needs on the menu (issue 15): a need's category is an active item of
 * the service menu serving its region (its own or an ancestor's), or
 * `other` with a category_note; checked on create and when the category
 * or region changes; refusals write nothing. */
void t_need_category_is_on_the_menu(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	const char *item = "{\"region_id\":%lld,\"category\":\"%s\",\"title\":\"%s\"}";
	MK(s, s->admin, "/api/v1/service-menu", fmt(item, c.w.town1, "mental_health", "情绪疏导"));
	long long meals = MK(s, s->admin, "/api/v1/service-menu", fmt(item, c.w.comm1, "elderly_care", "助餐"));
	const char *need = "{\"title\":\"%s\",\"category\":\"%s\",\"region_id\":%lld%s}";
	long long before = COUNT(s, "/api/v1/needs");
	/* not on any menu serving comm1; town2 has no menu at all */
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, fmt(need, "陪诊", "medical", c.w.comm1, "")), 422,
		   "rule_violation", "category");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res2, fmt(need, "助餐", "elderly_care", c.w.town2, "")), 422,
		   "rule_violation", "category");
	/* a community's item does not serve the town above it */
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.oa_a, fmt(need, "助餐", "elderly_care", c.w.town1, "")), 422,
		   "rule_violation", "category");
	/* other needs a note saying what it is */
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, fmt(need, "修水管", "other", c.w.comm1, "")), 422, "required",
		   "category_note");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1,
			fmt(need, "修水管", "other", c.w.comm1, ",\"category_note\":\"   \"")),
		   422, "required", "category_note");
	CHECK_INT(COUNT(s, "/api/v1/needs"), before);

	/* the community's own item, the town's item serving the community,
	 * and other with its note */
	long long own = MK(s, c.res1, "/api/v1/needs", fmt(need, "助餐", "elderly_care", c.w.comm1, ""));
	long long up = MK(s, c.res1, "/api/v1/needs", fmt(need, "失眠焦虑", "mental_health", c.w.comm1, ""));
	long long meal = MK(s, c.res1, "/api/v1/needs", fmt(need, "助浴", "elderly_care", c.w.comm1, ""));
	struct resp *r = http(s, "POST", "/api/v1/needs", c.res1,
			      fmt(need, "修水管", "other", c.w.comm1, ",\"category_note\":\"家中水管漏水\""));
	if (EXPECT_STATUS(r, 201))
		CHECK_STR(jstr(r->json, "category_note"), "家中水管漏水");
	CHECKM(own > 0 && up > 0 && meal > 0, "needs on the menu are raised");

	/* a change of category or region is checked again */
	const char *one = fmt("/api/v1/needs/%lld", own);
	EXPECT_ERR(http(s, "PATCH", one, c.res1, "{\"category\":\"legal_aid\"}"), 422, "rule_violation", "category");
	EXPECT_ERR(http(s, "PATCH", one, c.res1, fmt("{\"region_id\":%lld}", c.w.town2)), 422, "rule_violation",
		   "category");
	EXPECT_STATUS(http(s, "PATCH", one, c.res1, "{\"category\":\"mental_health\"}"), 200);
	CHECK_STR(jstr(http(s, "GET", one, c.res1, NULL)->json, "category"), "mental_health");

	/* a withdrawn item serves no new need, and leaves the raised ones */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/service-menu/%lld", meals), s->admin, "{\"active\":false}"), 200);
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, fmt(need, "助餐", "elderly_care", c.w.comm1, "")), 422,
		   "rule_violation", "category");
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/needs/%lld", meal), c.res1, "{\"title\":\"助浴服务\"}"), 200);
	CHECK_INT(COUNT(s, "/api/v1/needs"), before + 4);
}
