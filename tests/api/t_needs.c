/* t_needs.c - the service menu and needs: menu writes scoped to
 * the region, reads for everyone signed in; the need status machine
 * (illegal moves 422 invalid_transition on "to", nothing changed), its
 * history with actor and time, triage assigning a social worker, residents
 * raising and following their own needs only, staff and regional scope, and
 * response times computed from the history. */
#include "care_world.h"

#include <stdio.h>
#include <string.h>

static const char *need_body(long long region, const char *title)
{
	return fmt("{\"title\":\"%s\",\"category\":\"elderly_care\",\"region_id\":%lld}", title, region);
}

static const char *status_path(long long id)
{
	return fmt("/api/v1/needs/%lld/status", id);
}

static bool move(struct srv *s, const char *tok, long long id, const char *body)
{
	return EXPECT_STATUS(http(s, "POST", status_path(id), tok, body), 200);
}

static long long events(struct srv *s, long long need)
{
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/needs/%lld/events", need));
	return l ? (long long)json_array_size(l) : -1;
}

void t_service_menu_scoped_writes_public_reads_and_filters(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	const char *item = "{\"region_id\":%lld,\"category\":\"%s\",\"title\":\"%s\"}";
	long long city = MK(s, s->admin, "/api/v1/service-menu", fmt(item, c.w.city, "legal_aid", "法律援助"));
	long long town = MK(s, c.ra, "/api/v1/service-menu", fmt(item, c.w.town1, "mental_health", "情绪疏导"));
	struct resp *r = http(s, "POST", "/api/v1/service-menu", c.oa_a, fmt(item, c.w.comm1, "elderly_care", "助餐"));
	if (EXPECT_STATUS(r, 201)) {
		CHECKR(r, json_is_true(jget(r->json, "active")));
		CHECK_STR(jstr(r->json, "category"), "elderly_care");
		CHECK_INT(jint(r->json, "region_id"), c.w.comm1);
	}
	long long comm = jint(r->json, "id");
	MK(s, s->admin, "/api/v1/service-menu", fmt(item, c.w.town2, "child_care", "儿童托管"));
	long long n = COUNT(s, "/api/v1/service-menu");
	CHECK_INT(n, 4);

	/* Out of scope, bad values, duplicates: named errors, nothing stored. */
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", c.oa_a, fmt(item, c.w.town2, "other", "X")),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", c.ra, fmt(item, c.w.town2, "other", "X")),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", c.sw_a, fmt(item, c.w.comm1, "other", "X")),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", c.res1, fmt(item, c.w.comm1, "other", "X")),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", s->admin, fmt(item, c.w.comm1, "knitting", "X")),
		422, "invalid_value", "category");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", s->admin, fmt(item, c.w.comm1, "elderly_care", "助餐")),
		409, "duplicate", "title");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", s->admin, fmt(item, 999999LL, "other", "X")),
		422, "invalid_value", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", s->admin, "{\"category\":\"other\",\"title\":\"X\"}"),
		422, "required", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/service-menu", s->admin, fmt(item, c.w.comm1, "other", "")),
		422, "invalid_value", "title");
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/service-menu/%lld", comm), s->admin,
		fmt("{\"region_id\":%lld}", c.w.town2)), 422, "read_only", "region_id");
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/service-menu/%lld", comm), c.oa_b, "{\"active\":false}"),
		403, "forbidden", "region_id");
	CHECK_INT(COUNT(s, "/api/v1/service-menu"), n);

	/* Anyone signed in reads; filters. */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/service-menu/%lld", town), c.oa_a, "{\"active\":false}"), 200);
	json_t *all = LIST_ALL(s, c.res2, "/api/v1/service-menu");
	CHECK(all != NULL && json_array_size(all) == 4);
	json_t *cover = LIST_ALL(s, c.res1, fmt("/api/v1/service-menu?covering_region_id=%lld", c.w.comm1));
	CHECK(cover != NULL && json_array_size(cover) == 3 && arr_find_id(cover, city) && arr_find_id(cover, town) &&
		arr_find_id(cover, comm));
	json_t *act = LIST_ALL(s, c.res1,
		fmt("/api/v1/service-menu?covering_region_id=%lld&active=true", c.w.comm1));
	CHECK(act != NULL && json_array_size(act) == 2 && !arr_find_id(act, town));
	json_t *sub = LIST_ALL(s, c.vol, fmt("/api/v1/service-menu?region_id=%lld", c.w.d1));
	CHECK(sub != NULL && json_array_size(sub) == 2);
	json_t *cat = LIST_ALL(s, c.vol, "/api/v1/service-menu?category=legal_aid");
	CHECK(cat != NULL && json_array_size(cat) == 1 && arr_find_id(cat, city));
}

void t_need_illegal_moves_are_422_and_change_nothing(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	long long id = MK(s, s->admin, "/api/v1/needs", need_body(c.w.comm1, "助餐"));
	if (id < 0)
		return;
	static const char *const from_new[] = {"planned", "matched", "in_service", "done", "closed", "new"};
	for (size_t i = 0; i < sizeof from_new / sizeof *from_new; i++)
		EXPECT_ERR(http(s, "POST", status_path(id), s->admin, fmt("{\"to\":\"%s\"}", from_new[i])),
			422, "invalid_transition", "to");
	EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"to\":\"finished\"}"), 422, "invalid_value", "to");
	EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"note\":\"where to?\"}"), 422, "required", "to");
	EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"to\":\"triaged\"}"),
		422, "required", "assigned_social_worker_id");
	EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"to\":\"triaged\",\"assigned_social_worker_id\":999999}"),
		422, "invalid_value", "assigned_social_worker_id");
	EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"to\":\"triaged\",\"assigned_social_worker_id\":\"x\"}"),
		422, "invalid_value", "assigned_social_worker_id");
	EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"to\":\"triaged\",\"by\":1}"),
		400, "unknown_field", "by");
	EXPECT_ERR(http(s, "POST", status_path(999999), s->admin, "{\"to\":\"rejected\"}"), 404, "not_found", NULL);
	/* Status is not writable directly. */
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", id), s->admin, "{\"status\":\"closed\"}"),
		422, "read_only", "status");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", s->admin, fmt("{\"title\":\"t\",\"category\":\"other\","
		"\"region_id\":%lld,\"status\":\"done\"}", c.w.comm1)), 422, "read_only", "status");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", s->admin, fmt("{\"title\":\"t\",\"category\":\"other\","
		"\"region_id\":%lld,\"assigned_social_worker_id\":%lld}", c.w.comm1, c.swA)),
		422, "read_only", "assigned_social_worker_id");
	struct resp *g = http(s, "GET", fmt("/api/v1/needs/%lld", id), s->admin, NULL);
	if (EXPECT_STATUS(g, 200)) {
		CHECK_STR(jstr(g->json, "status"), "new");
		CHECKR(g, jisnull(g->json, "assigned_social_worker_id"));
	}
	CHECK_INT(events(s, id), 1);

	/* The main line, one step at a time; skipping and going back refused. */
	static const char *const line[] = {"triaged", "planned", "matched", "in_service", "done", "closed"};
	for (size_t i = 0; i < sizeof line / sizeof *line; i++) {
		if (i + 1 < sizeof line / sizeof *line)
			EXPECT_ERR(http(s, "POST", status_path(id), s->admin, fmt("{\"to\":\"%s\"%s}", line[i + 1],
				i == 0 ? fmt(",\"assigned_social_worker_id\":%lld", c.swA) : "")),
				422, "invalid_transition", "to");
		if (i > 0)
			EXPECT_ERR(http(s, "POST", status_path(id), s->admin, "{\"to\":\"new\"}"),
				422, "invalid_transition", "to");
		const char *body = i == 0 ? fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swA)
				   : strcmp(line[i], "matched") == 0 ? fmt("{\"to\":\"matched\",\"social_worker_id\":%lld}", c.swA)
								      : fmt("{\"to\":\"%s\"}", line[i]);
		struct resp *r = http(s, "POST", status_path(id), s->admin, body);
		if (!EXPECT_STATUS(r, 200))
			return;
		CHECK_STR(jstr(r->json, "status"), line[i]);
	}
	/* in_service and done cannot be rejected; closed and rejected are final. */
	static const char *const after[] = {"rejected", "new", "triaged", "done", "closed"};
	for (size_t i = 0; i < sizeof after / sizeof *after; i++)
		EXPECT_ERR(http(s, "POST", status_path(id), s->admin, fmt("{\"to\":\"%s\"}", after[i])),
			422, "invalid_transition", "to");
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", id), s->admin, "{\"title\":\"late\"}"),
		409, "conflict", NULL);
	CHECK_INT(events(s, id), 7);

	long long r2 = MK(s, s->admin, "/api/v1/needs", need_body(c.w.comm1, "路灯"));
	EXPECT_STATUS(http(s, "POST", status_path(r2), s->admin, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.swA)), 200);
	struct resp *rj = http(s, "POST", status_path(r2), s->admin, "{\"to\":\"rejected\",\"note\":\"物业负责\"}");
	if (EXPECT_STATUS(rj, 200))
		CHECK_STR(jstr(rj->json, "status"), "rejected");
	static const char *const dead[] = {"triaged", "planned", "closed", "new", "rejected"};
	for (size_t i = 0; i < sizeof dead / sizeof *dead; i++)
		EXPECT_ERR(http(s, "POST", status_path(r2), s->admin, fmt("{\"to\":\"%s\"}", dead[i])),
			422, "invalid_transition", "to");
	CHECK_INT(events(s, r2), 3);
	/* A late step of the main line may still be rejected. */
	long long r3 = MK(s, s->admin, "/api/v1/needs", need_body(c.w.comm1, "陪诊"));
	move(s, s->admin, r3, fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swA));
	move(s, s->admin, r3, "{\"to\":\"planned\"}");
	move(s, s->admin, r3, fmt("{\"to\":\"matched\",\"volunteer_id\":%lld}", c.vA));
	move(s, s->admin, r3, "{\"to\":\"rejected\"}");
}

void t_need_validation_errors_name_the_field(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	const struct {
		const char *body;
		long long status;
		const char *code, *field;
	} bad[] = {
		{"{\"category\":\"other\",\"region_id\":%lld}", 422, "required", "title"},
		{"{\"title\":\"t\",\"region_id\":%lld}", 422, "required", "category"},
		{"{\"title\":\"t\",\"category\":\"other\"}", 422, "required", "region_id"},
		{"{\"title\":\"t\",\"category\":\"gardening\",\"region_id\":%lld}", 422, "invalid_value", "category"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"urgency\":\"asap\"}", 422, "invalid_value",
			"urgency"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"lat\":95}", 422, "invalid_value", "lat"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"required_skills\":\"急救\"}", 422,
			"invalid_value", "required_skills"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"window_start\":\"2026-05-01T10:00:00+08:00\","
			"\"window_end\":\"2026-05-01T09:00:00+08:00\"}", 422, "invalid_value", "window_end"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"window_start\":\"tomorrow\"}", 422,
			"invalid_value", "window_start"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"raised_by\":\"mayor\"}", 422,
			"invalid_value", "raised_by"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"raised_by\":\"org\"}", 422, "required",
			"raised_by_org_id"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"raised_by_person_id\":999999}", 422,
			"invalid_value", "raised_by_person_id"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"created_at\":\"2026-01-01T00:00:00Z\"}",
			422, "read_only", "created_at"},
		{"{\"title\":\"t\",\"category\":\"other\",\"region_id\":%lld,\"colour\":\"red\"}", 400, "unknown_field",
			"colour"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (!EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.oa_a, fmt(bad[i].body, c.w.comm1)),
			bad[i].status, bad[i].code, bad[i].field))
			note("^ case %zu", i);
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.oa_a, need_body(999999, "t")), 422, "invalid_value", "region_id");
	CHECK_INT(COUNT(s, "/api/v1/needs"), 0);
	struct resp *r = http(s, "POST", "/api/v1/needs", c.oa_a, fmt("{\"title\":\"助浴\",\"category\":\"elderly_care\","
		"\"region_id\":%lld,\"raised_by\":\"org\",\"raised_by_org_id\":%lld,\"urgency\":\"high\","
		"\"required_skills\":[\"助老\"],\"place\":\"三眼井社区12栋\",\"lat\":30.3,\"lon\":112.2,"
		"\"window_start\":\"2026-05-01T09:00:00+08:00\",\"window_end\":\"2026-05-01T11:00:00+08:00\"}",
		c.w.comm1, c.A));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_STR(jstr(r->json, "status"), "new");
		CHECK_STR(jstr(r->json, "urgency"), "high");
		CHECK_STR(jstr(r->json, "raised_by"), "org");
		CHECK_INT(jint(r->json, "raised_by_org_id"), c.A);
		CHECK_STR(jstr(r->json, "required_skills.0"), "助老");
		CHECK_STR(jstr(r->json, "window_start"), "2026-05-01T09:00:00+08:00");
		CHECKR(r, jstr(r->json, "created_at") && jstr(r->json, "updated_at"));
		EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", jint(r->json, "id")), c.oa_a,
			fmt("{\"raised_by_org_id\":%lld}", c.B)), 422, "read_only", "raised_by_org_id");
	}
	struct resp *d = http(s, "POST", "/api/v1/needs", c.oa_a, fmt("{\"title\":\"议事会反映\","
		"\"category\":\"community_affairs\",\"region_id\":%lld,\"raised_by\":\"council\"}", c.w.town1));
	if (EXPECT_STATUS(d, 201))
		CHECK_STR(jstr(d->json, "urgency"), "medium");
	CHECK_INT(COUNT(s, "/api/v1/needs"), 2);
}

void t_need_history_records_actor_time_and_audit(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	long long id = MK(s, c.res1, "/api/v1/needs", need_body(c.w.comm1, "独居老人助餐"));
	if (id < 0)
		return;
	move(s, c.oa_a, id, fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld,\"note\":\"分诊\"}", c.swA));
	move(s, c.sw_a, id, "{\"to\":\"planned\",\"note\":\"方案\"}");
	move(s, s->admin, id, fmt("{\"to\":\"matched\",\"volunteer_id\":%lld}", c.vA));
	EXPECT_ERR(http(s, "POST", status_path(id), c.res1, "{\"to\":\"in_service\"}"), 403, "forbidden", NULL);
	struct resp *h = http(s, "GET", fmt("/api/v1/needs/%lld/events", id), c.res1, NULL);
	if (!EXPECT_STATUS(h, 200))
		return;
	json_t *items = jget(h->json, "items");
	if (!CHECKR(h, json_array_size(items) == 4))
		return;
	static const char *const from[] = {NULL, "new", "triaged", "planned"};
	static const char *const to[] = {"new", "triaged", "planned", "matched"};
	long long by[] = {c.uR1, c.uOA, c.uSWA, s->admin_id};
	for (size_t i = 0; i < 4; i++) {
		json_t *it = json_array_get(items, i);
		if (from[i])
			CHECK_STR(jstr(it, "from"), from[i]);
		else
			CHECKR(h, jisnull(it, "from"));
		CHECK_STR(jstr(it, "to"), to[i]);
		CHECK_INT(jint(it, "by_user_id"), by[i]);
		CHECK_INT(jint(it, "need_id"), id);
		CHECKM(jstr(it, "at") != NULL && strlen(jstr(it, "at")) == 25, "event %zu: at %s", i,
			jstr(it, "at") ? jstr(it, "at") : "(none)");
	}
	CHECK_STR(jstr(items, "1.note"), "分诊");
	CHECK_INT(jint(items, "1.assigned_social_worker_id"), c.swA);
	CHECK_STR(jstr(items, "2.note"), "方案");
	/* Audited: the create and each move, with the actor. */
	json_t *a = LIST_ALL(s, s->admin, fmt("/api/v1/audit?entity=needs&entity_id=%lld", id));
	if (a != NULL) {
		int creates = 0, moves = 0;
		size_t i;
		json_t *it;
		json_array_foreach(a, i, it) {
			const char *act = jstr(it, "action");
			creates += act && strcmp(act, "create") == 0 && jint(it, "user_id") == c.uR1;
			moves += act && strcmp(act, "status") == 0;
		}
		CHECK_INT(creates, 1);
		CHECK_INT(moves, 3);
		json_t *last = json_array_get(a, 0);	/* newest first */
		CHECK_STR(jstr(last, "before.status"), "planned");
		CHECK_STR(jstr(last, "after.status"), "matched");
		CHECK_INT(jint(last, "user_id"), s->admin_id);
	}
	/* Other callers cannot read the history. */
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/%lld/events", id), c.res2, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/%lld/events", id), c.oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", "/api/v1/needs/999999/events", s->admin, NULL), 404, "not_found", NULL);
}

void t_need_triage_assigns_a_social_worker(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	/* Raised by B's station for a town2 address: A's staff do not see it. */
	long long nb = MK(s, c.oa_b, "/api/v1/needs", need_body(c.w.town2, "B need"));
	long long id = MK(s, c.res1, "/api/v1/needs", need_body(c.w.comm1, "A need"));
	if (id < 0 || nb < 0)
		return;
	/* Not a social worker (a person id, a volunteer id), or another org's. */
	EXPECT_ERR(http(s, "POST", status_path(id), c.oa_a, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.pR2 + 1000)), 422, "invalid_value", "assigned_social_worker_id");
	EXPECT_ERR(http(s, "POST", status_path(id), c.oa_a, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.swB)), 422, "rule_violation", "assigned_social_worker_id");
	EXPECT_ERR(http(s, "POST", status_path(id), c.oa_b, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.swB)), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", status_path(id), c.ra, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.swA)), 403, "forbidden", NULL);
	CHECK_INT(events(s, id), 1);
	struct resp *r = http(s, "POST", status_path(id), c.oa_a, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.swA2));
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "triaged");
		CHECK_INT(jint(r->json, "assigned_social_worker_id"), c.swA2);
		/* the board shows the assignee by name (issue 18) */
		CHECK_STR(jstr(r->json, "assigned_social_worker_name"), "社工乙");
		CHECKR(r, jisnull(r->json, "match_social_worker_name") && jisnull(r->json, "match_volunteer_name"));
	}
	/* Reassigned with the next move; the filter finds it by assignee. */
	r = http(s, "POST", status_path(id), c.sw_a, fmt("{\"to\":\"planned\",\"assigned_social_worker_id\":%lld}",
		c.swA));
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "assigned_social_worker_id"), c.swA);
	json_t *mine = LIST_ALL(s, c.sw_a, fmt("/api/v1/needs?assigned_social_worker_id=%lld", c.swA));
	CHECK(mine != NULL && json_array_size(mine) == 1 && arr_find_id(mine, id));
	if (mine && json_array_size(mine) == 1)
		CHECK_STR(json_string_value(json_object_get(json_array_get(mine, 0), "assigned_social_worker_name")), "社工甲");
	/* The platform admin may assign anyone; the assignee's org then sees it. */
	struct resp *x = http(s, "POST", status_path(nb), s->admin, fmt("{\"to\":\"triaged\","
		"\"assigned_social_worker_id\":%lld}", c.swA));
	if (EXPECT_STATUS(x, 200))
		EXPECT_STATUS(http(s, "GET", fmt("/api/v1/needs/%lld", nb), c.sw_a, NULL), 200);
	json_t *st = LIST_ALL(s, s->admin, "/api/v1/needs?status=triaged");
	CHECK(st != NULL && json_array_size(st) == 1 && arr_find_id(st, nb));
}

void t_need_resident_raises_and_follows_own_need(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	struct resp *r = http(s, "POST", "/api/v1/needs", c.res1, fmt("{\"title\":\"想参加书法活动\","
		"\"category\":\"elderly_care\",\"region_id\":%lld,\"description\":\"每周一次\"}", c.w.comm1));
	if (!EXPECT_STATUS(r, 201))
		return;
	long long mine = jint(r->json, "id");
	CHECK_STR(jstr(r->json, "raised_by"), "resident");
	CHECK_INT(jint(r->json, "raised_by_person_id"), c.pR1);
	CHECK_STR(jstr(r->json, "status"), "new");
	CHECKR(r, jisnull(r->json, "raised_by_org_id"));
	long long theirs = MK(s, c.res2, "/api/v1/needs", need_body(c.w.town2, "res2 need"));
	long long staff = MK(s, c.oa_a, "/api/v1/needs", need_body(c.w.comm1, "staff need"));

	/* Only for themself, as a resident, with a region. */
	long long n = COUNT(s, "/api/v1/needs");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, fmt("{\"title\":\"t\",\"category\":\"other\","
		"\"region_id\":%lld,\"raised_by_person_id\":%lld}", c.w.comm1, c.pR2)), 403, "forbidden",
		"raised_by_person_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, fmt("{\"title\":\"t\",\"category\":\"other\","
		"\"region_id\":%lld,\"raised_by_org_id\":%lld}", c.w.comm1, c.A)), 403, "forbidden", "raised_by");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, fmt("{\"title\":\"t\",\"category\":\"other\","
		"\"region_id\":%lld,\"raised_by\":\"council\"}", c.w.comm1)), 403, "forbidden", "raised_by");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.res1, "{\"title\":\"t\",\"category\":\"other\"}"),
		422, "required", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.nobody, need_body(c.w.comm1, "t")), 422, "required",
		"raised_by_person_id");
	CHECK_INT(COUNT(s, "/api/v1/needs"), n);

	/* Follows its own need and sees nobody else's. */
	json_t *l = LIST_ALL(s, c.res1, "/api/v1/needs");
	CHECK(l != NULL && json_array_size(l) == 1 && arr_find_id(l, mine));
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/needs/%lld", mine), c.res1, NULL), 200);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/%lld", theirs), c.res1, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/%lld", staff), c.res1, NULL), 403, "forbidden", NULL);
	json_t *l2 = LIST_ALL(s, c.res2, "/api/v1/needs");
	CHECK(l2 != NULL && json_array_size(l2) == 1 && arr_find_id(l2, theirs));
	json_t *l3 = LIST_ALL(s, c.vol, "/api/v1/needs");
	CHECK(l3 != NULL && json_array_size(l3) == 0);

	/* Edits it while new; not its status, not someone else's, not later. */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/needs/%lld", mine), c.res1, "{\"urgency\":\"high\"}"), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", theirs), c.res1, "{\"urgency\":\"high\"}"),
		403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", status_path(mine), c.res1, "{\"to\":\"rejected\"}"), 403, "forbidden", NULL);
	move(s, c.sw_a, mine, fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swA));
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", mine), c.res1, "{\"urgency\":\"low\"}"),
		403, "forbidden", NULL);
	struct resp *g = http(s, "GET", fmt("/api/v1/needs/%lld", mine), c.res1, NULL);
	if (EXPECT_STATUS(g, 200)) {
		CHECK_STR(jstr(g->json, "status"), "triaged");
		CHECK_STR(jstr(g->json, "urgency"), "high");
		CHECK_INT(jint(g->json, "assigned_social_worker_id"), c.swA);
	}
	json_t *ev = LIST_ALL(s, c.res1, fmt("/api/v1/needs/%lld/events", mine));
	CHECK(ev != NULL && json_array_size(ev) == 2);
}

void t_need_staff_and_regional_scope(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	long long in_comm = MK(s, c.res1, "/api/v1/needs", need_body(c.w.comm1, "comm1"));
	long long in_town = MK(s, s->admin, "/api/v1/needs", fmt("{\"title\":\"council\",\"category\":\"community_affairs\","
		"\"region_id\":%lld,\"raised_by\":\"council\"}", c.w.town1));
	long long in_town2 = MK(s, c.res2, "/api/v1/needs", need_body(c.w.town2, "town2"));
	long long by_b = MK(s, c.oa_b, "/api/v1/needs", fmt("{\"title\":\"B outreach\",\"category\":\"other\",\"category_note\":\"外展\","
		"\"region_id\":%lld,\"raised_by\":\"org\",\"raised_by_org_id\":%lld}", c.w.town2, c.B));
	if (in_comm < 0 || in_town < 0 || in_town2 < 0 || by_b < 0)
		return;
	/* A's staff see the needs of A's town (and its communities). */
	const char *a_staff[] = {c.oa_a, c.sw_a, c.sw_a2};
	for (size_t i = 0; i < 3; i++) {
		json_t *l = LIST_ALL(s, a_staff[i], "/api/v1/needs");
		CHECKM(l != NULL && json_array_size(l) == 2 && arr_find_id(l, in_comm) && arr_find_id(l, in_town),
			"A staff %zu sees %zu needs", i, l ? json_array_size(l) : 0);
	}
	json_t *lb = LIST_ALL(s, c.sw_b, "/api/v1/needs");
	CHECK(lb != NULL && json_array_size(lb) == 2 && arr_find_id(lb, in_town2) && arr_find_id(lb, by_b));
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/%lld", in_comm), c.oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", in_comm), c.oa_b, "{\"urgency\":\"low\"}"),
		403, "forbidden", NULL);
	/* The agency G sits in d1, whose subtree holds town1: its staff see A's. */
	json_t *lg = LIST_ALL(s, c.sup, "/api/v1/needs");
	CHECK(lg != NULL && json_array_size(lg) == 2);
	/* Regional admin of d1 reads d1's needs, writes none. */
	json_t *lr = LIST_ALL(s, c.ra, "/api/v1/needs");
	CHECK(lr != NULL && json_array_size(lr) == 2 && arr_find_id(lr, in_comm) && arr_find_id(lr, in_town));
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/needs/%lld", in_comm), c.ra, NULL), 200);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/%lld", in_town2), c.ra, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/needs/%lld", in_comm), c.ra, "{\"urgency\":\"low\"}"),
		403, "forbidden", NULL);
	/* Staff may raise needs only inside their scope. */
	long long n = COUNT(s, "/api/v1/needs");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.oa_a, need_body(c.w.town2, "elsewhere")), 403, "forbidden",
		"region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.oa_a, fmt("{\"title\":\"t\",\"category\":\"other\","
		"\"region_id\":%lld,\"raised_by\":\"org\",\"raised_by_org_id\":%lld}", c.w.comm1, c.B)), 403, "forbidden",
		"raised_by_org_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/needs", c.ra, need_body(c.w.comm1, "ra")), 422, "required",
		"raised_by_person_id");
	CHECK_INT(COUNT(s, "/api/v1/needs"), n);
	/* Filters */
	json_t *f = LIST_ALL(s, s->admin, fmt("/api/v1/needs?region_id=%lld", c.w.d2));
	CHECK(f != NULL && json_array_size(f) == 2);
	f = LIST_ALL(s, s->admin, "/api/v1/needs?raised_by=council");
	CHECK(f != NULL && json_array_size(f) == 1 && arr_find_id(f, in_town));
	f = LIST_ALL(s, s->admin, fmt("/api/v1/needs?raised_by_person_id=%lld", c.pR2));
	CHECK(f != NULL && json_array_size(f) == 1 && arr_find_id(f, in_town2));
	f = LIST_ALL(s, s->admin, fmt("/api/v1/needs?raised_by_org_id=%lld", c.B));
	CHECK(f != NULL && json_array_size(f) == 1 && arr_find_id(f, by_b));
	EXPECT_ERR(http(s, "GET", "/api/v1/needs?region_id=abc", s->admin, NULL), 400, "bad_request", "region_id");
}

/* Place a need's events at base + offsets[i] (seconds), in event order. */
static void set_times(struct srv *s, long long need, long long base, const long long *offsets, size_t n)
{
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/needs/%lld/events", need));
	if (!CHECK(l != NULL && json_array_size(l) == n))
		return;
	for (size_t i = 0; i < n; i++)
		db_exec(s, fmt("UPDATE need_events SET at = %lld WHERE id = %lld", base + offsets[i],
			jint(json_array_get(l, i), "id")));
}

static json_t *row(json_t *items, const char *from, const char *to)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		const char *f = jstr(it, "from"), *t = jstr(it, "to");
		if (f && t && strcmp(f, from) == 0 && strcmp(t, to) == 0)
			return it;
	}
	return NULL;
}

static void check_row(struct resp *r, const char *from, const char *to, long long count, double avg, double median)
{
	json_t *it = row(jget(r->json, "items"), from, to);
	if (!CHECKM(it != NULL, "no row %s -> %s", from, to))
		return;
	CHECKM(jint(it, "count") == count, "%s -> %s: count %lld, want %lld", from, to, jint(it, "count"), count);
	if (count == 0) {
		CHECKM(jisnull(it, "avg_seconds") && jisnull(it, "median_seconds"), "%s -> %s: empty row not null",
			from, to);
		return;
	}
	double a = json_number_value(jget(it, "avg_seconds")), m = json_number_value(jget(it, "median_seconds"));
	if (avg < 0) { /* times as they happened: only sane */
		CHECKM(a >= 0 && m >= 0 && m < 3600, "%s -> %s: avg %g, median %g", from, to, a, m);
		return;
	}
	CHECKM(a > avg - 0.001 && a < avg + 0.001, "%s -> %s: avg %g, want %g", from, to, a, avg);
	CHECKM(m == median, "%s -> %s: median %g, want %g", from, to, m, median);
}

void t_need_response_times_from_history(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !world_menu(s, &c.w))
		return;
	long long n1 = MK(s, c.res1, "/api/v1/needs", need_body(c.w.comm1, "n1"));
	long long n2 = MK(s, c.res1, "/api/v1/needs", need_body(c.w.comm1, "n2"));
	long long n3 = MK(s, c.oa_a, "/api/v1/needs", need_body(c.w.town1, "n3"));
	long long n4 = MK(s, c.res2, "/api/v1/needs", need_body(c.w.town2, "n4"));
	if (n1 < 0 || n2 < 0 || n3 < 0 || n4 < 0)
		return;
	const char *triage = fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swA);
	move(s, c.sw_a, n1, triage);
	move(s, c.sw_a, n2, triage);
	move(s, c.sw_a, n3, triage);
	move(s, c.sw_a, n1, "{\"to\":\"planned\"}");
	move(s, c.sw_a, n2, "{\"to\":\"planned\"}");
	move(s, c.sw_a, n3, "{\"to\":\"rejected\"}");
	move(s, c.sw_b, n4, fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swB));

	/* As it happened (within seconds): counts right, times sane. */
	struct resp *r = http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.town1), c.ra, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_INT(jint(r->json, "region_id"), c.w.town1);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 10);
	check_row(r, "new", "triaged", 3, -1, -1);
	check_row(r, "triaged", "planned", 2, -1, -1);
	check_row(r, "triaged", "rejected", 1, -1, -1);
	check_row(r, "planned", "matched", 0, 0, 0);
	check_row(r, "new", "rejected", 0, 0, 0);

	/* With the history placed at known times, exact means and medians:
	 * new -> triaged 60, 600, 120 s (mean 260, median 120); triaged ->
	 * planned 30, 90 s (60, 60); triaged -> rejected 3600 s. */
	const long long base = 1767225600; /* 2026-01-01 */
	const long long t1[] = {0, 60, 90}, t2[] = {0, 600, 690}, t3[] = {0, 120, 3720}, t4[] = {0, 5};
	set_times(s, n1, base, t1, 3);
	set_times(s, n2, base + 1000, t2, 3);
	set_times(s, n3, base + 2000, t3, 3);
	set_times(s, n4, base + 3000, t4, 2);
	if (test_failures())
		return;
	r = http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.town1), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		check_row(r, "new", "triaged", 3, 260, 120);
		check_row(r, "triaged", "planned", 2, 60, 60);
		check_row(r, "triaged", "rejected", 1, 3600, 3600);
	}
	r = http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.city), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		check_row(r, "new", "triaged", 4, (60 + 600 + 120 + 5) / 4.0, (60 + 120) / 2.0);
	r = http(s, "GET", "/api/v1/needs/response-times", s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, jisnull(r->json, "region_id"));
		check_row(r, "new", "triaged", 4, (60 + 600 + 120 + 5) / 4.0, 90);
	}
	r = http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.town2), c.sw_b, NULL);
	if (EXPECT_STATUS(r, 200)) {
		check_row(r, "new", "triaged", 1, 5, 5);
		check_row(r, "triaged", "planned", 0, 0, 0);
	}
	r = http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld&category=legal_aid", c.w.city), s->admin,
		NULL);
	if (EXPECT_STATUS(r, 200))
		check_row(r, "new", "triaged", 0, 0, 0);

	/* Scope and bad input. */
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.town2), c.ra, NULL),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.town1), c.oa_b, NULL),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld", c.w.town1), c.res1, NULL),
		403, "forbidden", "region_id");
	EXPECT_ERR(http(s, "GET", "/api/v1/needs/response-times", c.ra, NULL), 422, "required", "region_id");
	EXPECT_ERR(http(s, "GET", "/api/v1/needs/response-times?region_id=999999", s->admin, NULL),
		422, "invalid_value", "region_id");
	EXPECT_ERR(http(s, "GET", "/api/v1/needs/response-times?region_id=x", s->admin, NULL),
		400, "bad_request", "region_id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/needs/response-times?region_id=%lld&category=x", c.w.city), s->admin,
		NULL), 422, "invalid_value", "category");
}
