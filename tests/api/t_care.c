/* t_care.c - clients and casework (个案): creation rules by category
 * (care level and its service package for elderly only, the student-aid
 * pair, consent), case stages one step forward with their history, the
 * mandatory report for a domestic-violence victim without full capacity,
 * cross-org denial and masked regional reads, and case notes that are
 * confidential and never stored in plain text. */
#include "care_world.h"

#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *client(long long person, long long org, const char *category, const char *extra)
{
	return fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"%s\",\"consent\":true%s}", person, org,
		category, extra);
}

static bool list_is(json_t *l, size_t n, long long a, long long b)
{
	return l != NULL && json_array_size(l) == n && (a == 0 || arr_find_id(l, a)) && (b == 0 || arr_find_id(l, b));
}

static bool strings_are(json_t *arr, const char *a, const char *b)
{
	if (!json_is_array(arr))
		return false;
	if (a == NULL)
		return json_array_size(arr) == 0;
	return json_array_size(arr) == 2 && strcmp(json_string_value(json_array_get(arr, 0)), a) == 0 &&
		strcmp(json_string_value(json_array_get(arr, 1)), b) == 0;
}

void t_client_creation_rules(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long e1 = care_person(s, &c, "老人一", 75, c.w.comm1), e2 = care_person(s, &c, "老人二", 81, c.w.comm1);
	long long e3 = care_person(s, &c, "老人三", 88, c.w.comm1), kid = care_person(s, &c, "留守儿童", 10, c.w.comm1);
	long long stu = care_person(s, &c, "学生", 15, c.w.comm1), adult = care_person(s, &c, "成人", 40, c.w.comm1);
	const char *P = "/api/v1/clients";
	const char *sw_vol = fmt(",\"social_worker_id\":%lld,\"volunteer_id\":%lld", c.swA, c.vA);
	const struct {
		const char *tok, *body;
		long long status;
		const char *code, *field;
	} bad[] = {
		{s->admin, client(e1, c.A, "elderly", ""), 422, "required", "care_level"},
		{s->admin, client(e1, c.A, "elderly", ",\"care_level\":\"semi\""), 422, "invalid_value", "care_level"},
		{s->admin, client(adult, c.A, "disabled", ",\"care_level\":\"self_care\""), 422, "invalid_value",
			"care_level"},
		{s->admin, client(stu, c.A, "student_aid", ""), 422, "required", "social_worker_id"},
		{s->admin, client(stu, c.A, "student_aid", fmt(",\"social_worker_id\":%lld", c.swA)), 422, "required",
			"volunteer_id"},
		{s->admin, client(stu, c.A, "student_aid", fmt(",\"volunteer_id\":%lld", c.vA)), 422, "required",
			"social_worker_id"},
		{s->admin, client(stu, c.A, "student_aid", fmt(",\"social_worker_id\":%lld,\"volunteer_id\":%lld",
			c.swA, c.vN)), 422, "rule_violation", "volunteer_id"},
		{s->admin, client(stu, c.A, "student_aid", fmt(",\"social_worker_id\":%lld,\"volunteer_id\":%lld",
			c.swB, c.vA)), 422, "rule_violation", "social_worker_id"},
		{s->admin, client(stu, c.A, "student_aid", fmt(",\"social_worker_id\":999999,\"volunteer_id\":%lld",
			c.vA)), 422, "invalid_value", "social_worker_id"},
		{s->admin, fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"other\",\"consent\":false}", adult,
			c.A), 422, "rule_violation", "consent"},
		{s->admin, fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"other\"}", adult, c.A), 422,
			"required", "consent"},
		{s->admin, fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"other\",\"consent\":\"yes\"}", adult,
			c.A), 422, "invalid_value", "consent"},
		{s->admin, client(adult, c.A, "other", ",\"case_stage\":\"plan\""), 422, "read_only", "case_stage"},
		{s->admin, client(adult, c.A, "other", ",\"service_package\":[]"), 422, "read_only", "service_package"},
		{s->admin, client(kid, c.A, "left_behind_child", ",\"capacity\":\"full\""), 422, "invalid_value",
			"capacity"},
		{s->admin, client(adult, c.A, "other", ",\"capacity\":\"partial\""), 422, "invalid_value", "capacity"},
		{s->admin, client(adult, c.A, "orphan", ""), 422, "invalid_value", "category"},
		{s->admin, client(999999, c.A, "other", ""), 422, "invalid_value", "person_id"},
		{s->admin, fmt("{\"org_id\":%lld,\"category\":\"other\",\"consent\":true}", c.A), 422, "required",
			"person_id"},
		{c.sw_b, client(adult, c.A, "other", ""), 403, "forbidden", "org_id"},
		{c.oa_b, client(adult, c.A, "other", ""), 403, "forbidden", "org_id"},
		{c.ra, client(adult, c.A, "other", ""), 403, "forbidden", "org_id"},
		{c.res1, client(c.pR1, c.A, "other", ""), 403, "forbidden", "org_id"},
		{c.vol, client(adult, c.A, "other", ""), 403, "forbidden", "org_id"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (!EXPECT_ERR(http(s, "POST", P, bad[i].tok, bad[i].body), bad[i].status, bad[i].code, bad[i].field))
			note("^ case %zu", i);
	CHECK_INT(COUNT(s, P), 0);
	CHECK_INT(COUNT(s, "/api/v1/mandatory-reports"), 0);

	/* Elderly at every care level, with the packages of 江陵县同心村. */
	static const char *const level[] = {"self_care", "partial", "dependent"};
	static const char *const pkg[][2] = {{"日常健康监测", "精神文化活动"}, {"定期上门探访", "定期体检"},
		{"照料协助", "生活协助"}};
	long long elders[3] = {e1, e2, e3}, ids[3] = {0};
	for (int i = 0; i < 3; i++) {
		struct resp *r = http(s, "POST", P, c.sw_a, client(elders[i], c.A, "elderly",
			fmt(",\"care_level\":\"%s\",\"social_worker_id\":%lld", level[i], c.swA)));
		if (!EXPECT_STATUS(r, 201))
			continue;
		ids[i] = jint(r->json, "id");
		CHECK_STR(jstr(r->json, "care_level"), level[i]);
		CHECKM(strings_are(jget(r->json, "service_package"), pkg[i][0], pkg[i][1]), "package of %s", level[i]);
		CHECK_STR(jstr(r->json, "case_stage"), "intake");
		CHECK_STR(jstr(r->json, "capacity"), "full");
		CHECKR(r, json_is_true(jget(r->json, "consent")) && jstr(r->json, "consent_at") != NULL);
		CHECK_STR(jstr(r->json, "person_name"), i == 0 ? "老人一" : i == 1 ? "老人二" : "老人三");
	}
	/* Others: no care level, empty package; capacity from age. */
	struct resp *r = http(s, "POST", P, c.oa_a, client(kid, c.A, "left_behind_child", ""));
	if (EXPECT_STATUS(r, 201)) {
		CHECKR(r, jisnull(r->json, "care_level"));
		CHECKR(r, strings_are(jget(r->json, "service_package"), NULL, NULL));
		CHECK_STR(jstr(r->json, "capacity"), "limited");
	}
	/* Student aid: one social worker and one volunteer; a room's client
	 * may be followed by a worker of the station above it. */
	r = http(s, "POST", P, c.sw_a, client(stu, c.A2, "student_aid", sw_vol));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_INT(jint(r->json, "social_worker_id"), c.swA);
		CHECK_INT(jint(r->json, "volunteer_id"), c.vA);
		CHECK_INT(jint(r->json, "org_id"), c.A2);
	}
	EXPECT_ERR(http(s, "POST", P, s->admin, client(e1, c.A, "elderly", ",\"care_level\":\"partial\"")),
		409, "duplicate", "person_id");
	EXPECT_STATUS(http(s, "POST", P, s->admin, client(e1, c.A, "hardship_family", "")), 201);
	CHECK_INT(COUNT(s, P), 6);

	/* Changes: the package follows the care level; rules still hold. */
	const char *one = fmt("/api/v1/clients/%lld", ids[0]);
	r = http(s, "PATCH", one, c.sw_a, "{\"care_level\":\"dependent\"}");
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, strings_are(jget(r->json, "service_package"), "照料协助", "生活协助"));
	EXPECT_ERR(http(s, "PATCH", one, c.sw_a, "{\"care_level\":null}"), 422, "required", "care_level");
	EXPECT_ERR(http(s, "PATCH", one, c.sw_a, "{\"category\":\"disabled\"}"), 422, "invalid_value", "care_level");
	EXPECT_ERR(http(s, "PATCH", one, c.sw_a, "{\"consent\":false}"), 422, "rule_violation", "consent");
	EXPECT_ERR(http(s, "PATCH", one, c.sw_a, fmt("{\"person_id\":%lld}", e2)), 422, "read_only", "person_id");
	EXPECT_ERR(http(s, "PATCH", one, c.sw_a, "{\"case_stage\":\"closure\"}"), 422, "read_only", "case_stage");
	struct resp *g = http(s, "GET", one, c.oa_a, NULL);
	if (EXPECT_STATUS(g, 200)) {
		CHECK_STR(jstr(g->json, "care_level"), "dependent");
		CHECK_STR(jstr(g->json, "category"), "elderly");
		CHECK_STR(jstr(g->json, "case_stage"), "intake");
	}
	json_t *f = LIST_ALL(s, c.oa_a, "/api/v1/clients?category=elderly");
	CHECK(list_is(f, 3, ids[0], ids[1]));
	f = LIST_ALL(s, c.oa_a, "/api/v1/clients?care_level=partial");
	CHECK(list_is(f, 1, ids[1], 0));
	f = LIST_ALL(s, c.oa_a, fmt("/api/v1/clients?org_id=%lld", c.A2));
	CHECK(list_is(f, 1, 0, 0));
}

void t_client_case_stage_one_step_at_a_time(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long p = care_person(s, &c, "案主", 50, c.w.comm1);
	long long id = MK(s, c.sw_a, "/api/v1/clients", client(p, c.A, "other", fmt(",\"social_worker_id\":%lld",
		c.swA)));
	if (id < 0)
		return;
	const char *path = fmt("/api/v1/clients/%lld/stage", id);
	static const char *const skip[] = {"plan", "intervention", "evaluation", "closure", "intake"};
	for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
		EXPECT_ERR(http(s, "POST", path, c.sw_a, fmt("{\"to\":\"%s\"}", skip[i])), 422, "invalid_transition",
			"to");
	EXPECT_ERR(http(s, "POST", path, c.sw_a, "{\"to\":\"closed\"}"), 422, "invalid_value", "to");
	EXPECT_ERR(http(s, "POST", path, c.sw_a, "{\"note\":\"?\"}"), 422, "required", "to");
	EXPECT_ERR(http(s, "POST", path, c.sw_a, "{\"to\":\"assessment\",\"when\":1}"), 400, "unknown_field", "when");
	EXPECT_ERR(http(s, "POST", path, c.oa_b, "{\"to\":\"assessment\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", path, c.ra, "{\"to\":\"assessment\"}"), 403, "forbidden", "org_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/clients/999999/stage", s->admin, "{\"to\":\"assessment\"}"),
		404, "not_found", NULL);
	static const char *const line[] = {"intake", "assessment", "plan", "intervention", "evaluation", "closure"};
	const char *tok[] = {NULL, c.sw_a, c.oa_a, c.sw_a2, s->admin, c.sw_a};
	long long uid[] = {0, c.uSWA, c.uOA, c.uSWA2, s->admin_id, c.uSWA};
	for (size_t i = 1; i < 6; i++) {
		struct resp *r = http(s, "POST", path, tok[i], fmt("{\"to\":\"%s\",\"note\":\"第%zu步\"}", line[i], i));
		if (!EXPECT_STATUS(r, 200))
			return;
		CHECK_STR(jstr(r->json, "case_stage"), line[i]);
		if (i + 1 < 6)
			EXPECT_ERR(http(s, "POST", path, s->admin, fmt("{\"to\":\"%s\"}", line[i - 1])), 422,
				"invalid_transition", "to");
	}
	for (size_t i = 0; i < 6; i++)
		EXPECT_ERR(http(s, "POST", path, s->admin, fmt("{\"to\":\"%s\"}", line[i])), 422, "invalid_transition",
			"to");
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/clients/%lld", id), s->admin, "{\"capacity\":\"limited\"}"),
		409, "conflict", NULL);
	struct resp *h = http(s, "GET", fmt("/api/v1/clients/%lld/stages", id), c.oa_a, NULL);
	if (EXPECT_STATUS(h, 200) && CHECKR(h, json_array_size(jget(h->json, "items")) == 6)) {
		json_t *items = jget(h->json, "items");
		CHECKR(h, jisnull(items, "0.from"));
		CHECK_STR(jstr(items, "0.to"), "intake");
		CHECK_INT(jint(items, "0.by_user_id"), c.uSWA);
		for (size_t i = 1; i < 6; i++) {
			json_t *it = json_array_get(items, i);
			CHECK_STR(jstr(it, "from"), line[i - 1]);
			CHECK_STR(jstr(it, "to"), line[i]);
			CHECK_STR(jstr(it, "note"), fmt("第%zu步", i));
			CHECK_INT(jint(it, "by_user_id"), uid[i]);
			CHECKM(jstr(it, "at") != NULL, "stage event %zu without at", i);
		}
	}
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/clients/%lld/stages", id), c.oa_b, NULL), 403, "forbidden", NULL);
	json_t *a = LIST_ALL(s, s->admin, fmt("/api/v1/audit?entity=clients&entity_id=%lld", id));
	size_t i, stages = 0;
	json_t *it;
	json_array_foreach(a, i, it) {
		const char *act = jstr(it, "action");
		stages += act && strcmp(act, "stage") == 0;
	}
	CHECKM(stages == 5, "%zu stage audit entries, want 5", stages);
	/* A closed case may be opened again for the same person. */
	EXPECT_STATUS(http(s, "POST", "/api/v1/clients", c.sw_a, client(p, c.A, "other", "")), 201);
	EXPECT_ERR(http(s, "POST", "/api/v1/clients", c.sw_a, client(p, c.A, "other", "")), 409, "duplicate",
		"person_id");
}

static long long reports_of(struct srv *s, long long client_id)
{
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/clients/%lld/reports", client_id));
	return l ? (long long)json_array_size(l) : -1;
}

void t_client_dv_victim_raises_mandatory_report(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long a1 = care_person(s, &c, "受害人一", 34, c.w.comm1), a2 = care_person(s, &c, "受害人二", 29, c.w.comm1);
	long long kid = care_person(s, &c, "受害儿童", 12, c.w.comm1), a3 = care_person(s, &c, "其他", 40, c.w.comm1);
	const char *P = "/api/v1/clients";
	long long limited = MK(s, c.sw_a, P, client(a1, c.A, "dv_victim", ",\"capacity\":\"limited\""));
	long long full = MK(s, c.sw_a, P, client(a2, c.A, "dv_victim", ""));
	long long child = MK(s, c.sw_a, P, client(kid, c.A, "dv_victim", ""));
	long long other = MK(s, c.sw_a, P, client(a3, c.A, "other", ",\"capacity\":\"none\""));
	if (limited < 0 || full < 0 || child < 0 || other < 0)
		return;
	CHECK_INT(reports_of(s, limited), 1);
	CHECK_INT(reports_of(s, full), 0);
	CHECK_INT(reports_of(s, child), 1);
	CHECK_INT(reports_of(s, other), 0);
	struct resp *r = http(s, "GET", fmt("/api/v1/clients/%lld/reports", limited), c.sw_a, NULL);
	long long rep = -1;
	if (EXPECT_STATUS(r, 200)) {
		json_t *it = jget(r->json, "items.0");
		rep = jint(it, "id");
		CHECK_STR(jstr(it, "status"), "open");
		CHECK_INT(jint(it, "client_id"), limited);
		CHECKR(r, jstr(it, "reason") && strstr(jstr(it, "reason"), "反家庭暴力法"));
		CHECKR(r, jstr(it, "created_at") != NULL && jisnull(it, "filed_at"));
	}
	/* Capacity found limited later: the report is raised then, once. */
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", P, full), c.sw_a, "{\"capacity\":\"none\"}"), 200);
	CHECK_INT(reports_of(s, full), 1);
	EXPECT_STATUS(http(s, "PATCH", fmt("%s/%lld", P, full), c.sw_a, "{\"capacity\":\"limited\"}"), 200);
	CHECK_INT(reports_of(s, full), 1);
	json_t *open = LIST_ALL(s, c.oa_a, "/api/v1/mandatory-reports?status=open");
	CHECK(list_is(open, 3, 0, 0));
	json_t *none = LIST_ALL(s, c.oa_b, "/api/v1/mandatory-reports");
	CHECK(list_is(none, 0, 0, 0));

	/* Filing: staff of the client's org, once. */
	const char *file = fmt("/api/v1/mandatory-reports/%lld/file", rep);
	EXPECT_ERR(http(s, "POST", file, c.oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", file, c.ra, NULL), 403, "forbidden", "org_id");
	EXPECT_ERR(http(s, "POST", file, c.sw_a, "{\"receipt\":\"1\"}"), 400, "unknown_field", "receipt");
	EXPECT_ERR(http(s, "POST", "/api/v1/mandatory-reports/999999/file", s->admin, NULL), 404, "not_found", NULL);
	r = http(s, "POST", file, c.sw_a, "{\"note\":\"已向沙市区公安分局报案，回执号 2026-118\"}");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "filed");
		CHECK_INT(jint(r->json, "filed_by_user_id"), c.uSWA);
		CHECKR(r, jstr(r->json, "filed_at") != NULL);
		CHECK_STR(jstr(r->json, "filed_note"), "已向沙市区公安分局报案，回执号 2026-118");
	}
	EXPECT_ERR(http(s, "POST", file, c.oa_a, NULL), 409, "conflict", NULL);
	open = LIST_ALL(s, c.oa_a, "/api/v1/mandatory-reports?status=open");
	CHECK(list_is(open, 2, 0, 0));
	/* Read scope: the client's org and region, not another org. */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/mandatory-reports/%lld", rep), c.ra, NULL), 200);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/mandatory-reports/%lld", rep), c.oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/clients/%lld/reports", limited), c.oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", "/api/v1/mandatory-reports", s->admin, "{}"), 405, "method_not_allowed", NULL);
	json_t *a = LIST_ALL(s, s->admin, fmt("/api/v1/audit?entity=mandatory-reports&entity_id=%lld", rep));
	CHECK(a != NULL && json_array_size(a) == 2);
}

void t_client_cross_org_denied_and_regional_masked(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long pa = care_person(s, &c, "王秀英", 15, c.w.comm1);
	char phone[12];
	memcpy(phone, c.last_phone, sizeof phone);
	long long pb = care_person(s, &c, "李四", 70, c.w.town2);
	long long ca = MK(s, c.sw_a, "/api/v1/clients", client(pa, c.A, "student_aid",
		fmt(",\"social_worker_id\":%lld,\"volunteer_id\":%lld", c.swA, c.vA)));
	long long cb = MK(s, c.oa_b, "/api/v1/clients", client(pb, c.B, "elderly", ",\"care_level\":\"partial\""));
	if (ca < 0 || cb < 0)
		return;
	const char *A = fmt("/api/v1/clients/%lld", ca), *B = fmt("/api/v1/clients/%lld", cb);
	/* Another org: never, read or write. */
	const char *others[] = {c.oa_b, c.sw_b};
	for (int i = 0; i < 2; i++) {
		EXPECT_ERR(http(s, "GET", A, others[i], NULL), 403, "forbidden", NULL);
		EXPECT_ERR(http(s, "PATCH", A, others[i], "{\"capacity\":\"limited\"}"), 403, "forbidden", NULL);
		EXPECT_ERR(http(s, "POST", fmt("%s/stage", A), others[i], "{\"to\":\"assessment\"}"), 403, "forbidden",
			NULL);
		EXPECT_ERR(http(s, "GET", fmt("%s/stages", A), others[i], NULL), 403, "forbidden", NULL);
		EXPECT_ERR(http(s, "GET", fmt("%s/notes", A), others[i], NULL), 403, "forbidden", NULL);
		json_t *l = LIST_ALL(s, others[i], "/api/v1/clients");
		CHECK(list_is(l, 1, cb, 0));
		l = LIST_ALL(s, others[i], fmt("/api/v1/clients?person_id=%lld", pa));
		CHECK(list_is(l, 0, 0, 0));
	}
	EXPECT_ERR(http(s, "GET", B, c.oa_a, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", B, c.sw_a, NULL), 403, "forbidden", NULL);
	CHECK(list_is(LIST_ALL(s, c.oa_a, "/api/v1/clients"), 1, ca, 0));
	/* Staff of the org: the person in full. */
	struct resp *r = http(s, "GET", A, c.sw_a2, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "person_id"), pa);
		CHECK_STR(jstr(r->json, "person_name"), "王秀英");
		CHECKR(r, is_masked_phone(jstr(r->json, "person_phone"), phone)); /* masked for all (issue 13) */
	}
	/* Regional admin: the client, but no raw PII. */
	r = http(s, "GET", A, c.ra, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, jisnull(r->json, "person_id"));
		CHECK_STR(jstr(r->json, "person_name"), "王**");
		CHECKR(r, is_masked_phone(jstr(r->json, "person_phone"), phone));
		CHECK_STR(jstr(r->json, "category"), "student_aid");
		CHECKR(r, strstr(r->body, "王秀英") == NULL && strstr(r->body, phone) == NULL);
	}
	json_t *l = LIST_ALL(s, c.ra, "/api/v1/clients");
	CHECK(list_is(l, 1, ca, 0));
	if (l && json_array_size(l) == 1)
		CHECK_STR(jstr(json_array_get(l, 0), "person_name"), "王**");
	EXPECT_ERR(http(s, "GET", B, c.ra, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/clients?person_id=%lld", pa), c.ra, NULL), 403, "forbidden",
		"person_id");
	EXPECT_ERR(http(s, "PATCH", A, c.ra, "{\"capacity\":\"none\"}"), 403, "forbidden", "org_id");
	/* The volunteer who follows the client and the worker's supervisor. */
	r = http(s, "GET", A, c.vol, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "person_name"), "王秀英");
		CHECKR(r, is_masked_phone(jstr(r->json, "person_phone"), phone));
	}
	EXPECT_ERR(http(s, "PATCH", A, c.vol, "{\"capacity\":\"none\"}"), 403, "forbidden", "org_id");
	EXPECT_STATUS(http(s, "GET", A, c.sup, NULL), 200);
	CHECK(list_is(LIST_ALL(s, c.vol, "/api/v1/clients"), 1, ca, 0));
	/* Residents see no clients. */
	EXPECT_ERR(http(s, "GET", A, c.res1, NULL), 403, "forbidden", NULL);
	CHECK(list_is(LIST_ALL(s, c.res1, "/api/v1/clients"), 0, 0, 0));
	EXPECT_ERR(http(s, "GET", "/api/v1/clients/999999", s->admin, NULL), 404, "not_found", NULL);
}

/* ---- case notes at rest ---- */
#define NOTE_MARKER "CaseNoteMarkerZeta"
#define SCAN_SENTINEL "NoteScanSentinel"

static struct {
	const char *when;
	int files;
	bool sentinel;
} g_scan;

static void scan_file(const char *path)
{
	size_t len = 0;
	char *data = slurp(path, &len);
	if (data == NULL)
		return;
	g_scan.files++;
	g_scan.sentinel = g_scan.sentinel || memmem(data, len, SCAN_SENTINEL, strlen(SCAN_SENTINEL));
	CHECKM(memmem(data, len, NOTE_MARKER, strlen(NOTE_MARKER)) == NULL, "%s: %s holds a case note in plain",
		g_scan.when, path);
}

static int scan_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F)
		scan_file(path);
	return 0;
}

static void scan_db(struct srv *s, const char *when)
{
	g_scan.when = when;
	g_scan.files = 0;
	g_scan.sentinel = false;
	if (s->pg) {
		const char *dir = getenv("LD_TEST_PG_DATA");
		if (CHECKM(dir != NULL, "LD_TEST_PG_DATA is not set"))
			nftw(dir, scan_entry, 32, FTW_PHYS);
	} else {
		static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
		for (size_t f = 0; f < sizeof suffix / sizeof *suffix; f++)
			scan_file(fmt("%s%s", s->db, suffix[f]));
	}
	CHECKM(g_scan.files > 0 && g_scan.sentinel, "%s: the scan did not find the database", when);
}

void t_case_notes_confidential_and_encrypted_at_rest(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long p = care_person(s, &c, SCAN_SENTINEL, 14, c.w.comm1);
	long long id = MK(s, c.sw_a, "/api/v1/clients", client(p, c.A, "student_aid",
		fmt(",\"social_worker_id\":%lld,\"volunteer_id\":%lld", c.swA, c.vA)));
	if (id < 0)
		return;
	const char *notes = fmt("/api/v1/clients/%lld/notes", id);
	const char *text = NOTE_MARKER " 案主透露父亲酗酒后动手，需持续关注";
	struct resp *r = http(s, "POST", notes, c.sw_a, fmt("{\"text\":\"%s\"}", text));
	if (!EXPECT_STATUS(r, 201))
		return;
	CHECK_STR(jstr(r->json, "text"), text);
	CHECK_INT(jint(r->json, "client_id"), id);
	CHECK_INT(jint(r->json, "by_user_id"), c.uSWA);
	CHECKR(r, jstr(r->json, "at") != NULL && jget(r->json, "text_enc") == NULL);
	EXPECT_STATUS(http(s, "POST", notes, c.oa_a, "{\"text\":\"" NOTE_MARKER " 机构督办\"}"), 201);
	EXPECT_STATUS(http(s, "POST", notes, c.sup, "{\"text\":\"" NOTE_MARKER " 督导意见\"}"), 201);

	/* Readers: the social worker, its supervisor, org admins, platform. */
	const char *readers[] = {c.sw_a, c.sup, c.oa_a, s->admin};
	for (int i = 0; i < 4; i++) {
		json_t *l = LIST_ALL(s, readers[i], notes);
		if (CHECKM(l != NULL && json_array_size(l) == 3, "reader %d", i))
			CHECK_STR(jstr(json_array_get(l, 0), "text"), text);
	}
	/* Nobody else, not even staff of the same org or the volunteer. */
	const char *denied[] = {c.sw_a2, c.ra, c.vol, c.oa_b, c.sw_b, c.res1};
	for (int i = 0; i < 6; i++) {
		if (!EXPECT_ERR(http(s, "GET", notes, denied[i], NULL), 403, "forbidden", NULL))
			note("^ reader %d", i);
		if (!EXPECT_ERR(http(s, "POST", notes, denied[i], "{\"text\":\"x\"}"), 403, "forbidden", NULL))
			note("^ writer %d", i);
	}
	EXPECT_ERR(http(s, "POST", notes, c.sw_a, "{\"text\":\"\"}"), 422, "invalid_value", "text");
	EXPECT_ERR(http(s, "POST", notes, c.sw_a, "{}"), 422, "required", "text");
	EXPECT_ERR(http(s, "POST", notes, c.sw_a, fmt("{\"text\":\"x\",\"client_id\":%lld}", id)), 422, "read_only",
		"client_id");
	EXPECT_ERR(http(s, "POST", notes, c.sw_a, "{\"text\":\"x\",\"secret\":true}"), 400, "unknown_field", "secret");
	EXPECT_ERR(http(s, "GET", "/api/v1/clients/999999/notes", s->admin, NULL), 404, "not_found", NULL);
	EXPECT_ERR(http(s, "POST", "/api/v1/clients/999999/notes", s->admin, "{\"text\":\"x\"}"), 404, "not_found",
		NULL);
	CHECK(list_is(LIST_ALL(s, s->admin, notes), 3, 0, 0));
	/* Audited without the text. */
	json_t *a = LIST_ALL(s, s->admin, "/api/v1/audit?entity=case-notes");
	CHECK(a != NULL && json_array_size(a) == 3);
	struct resp *ar = http(s, "GET", "/api/v1/audit?entity=case-notes", s->admin, NULL);
	CHECKR(ar, strstr(ar->body, NOTE_MARKER) == NULL);
	if (test_failures())
		return;
	scan_db(s, "while serving");
	srv_stop(s, SIGTERM);
	scan_db(s, "after SIGTERM");
}

void t_care_unauthenticated_is_401(struct srv *s)
{
	static const char *const gets[] = {"/api/v1/service-menu", "/api/v1/needs", "/api/v1/needs/1",
		"/api/v1/needs/response-times?region_id=1", "/api/v1/needs/1/events", "/api/v1/clients",
		"/api/v1/clients/1", "/api/v1/clients/1/stages", "/api/v1/clients/1/reports", "/api/v1/clients/1/notes",
		"/api/v1/mandatory-reports", "/api/v1/mandatory-reports/1"};
	for (size_t i = 0; i < sizeof gets / sizeof *gets; i++)
		EXPECT_ERR(http(s, "GET", gets[i], NULL, NULL), 401, "unauthorized", NULL);
	static const char *const posts[] = {"/api/v1/service-menu", "/api/v1/needs", "/api/v1/needs/1/status",
		"/api/v1/clients", "/api/v1/clients/1/stage", "/api/v1/clients/1/notes",
		"/api/v1/mandatory-reports/1/file"};
	for (size_t i = 0; i < sizeof posts / sizeof *posts; i++)
		EXPECT_ERR(http(s, "POST", posts[i], NULL, "{}"), 401, "unauthorized", NULL);
}
