/* t_workers.c - social workers: the qualification enum, certificate number
 * required unless "none", one record per person and org, the supervisor
 * link (another social worker, never itself) and the list filters. */
#include "tests.h"

#include <string.h>

static const char *swbody(long long person, long long org, const char *rest)
{
	return fmt("{\"person_id\":%lld,\"org_id\":%lld%s}", person, org, rest);
}

void t_social_worker_qualification_and_certificate_rules(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "Agency", "sw_agency", w.d1, 0);
	long long p[5];
	for (int i = 0; i < 5; i++)
		p[i] = MK_PERSON(s, s->admin, fmt("Worker %d", i), NULL, NULL, org);
	const char *path = "/api/v1/social-workers";
	EXPECT_ERR(http(s, "POST", path, s->admin, swbody(p[0], org,
		",\"qualification\":\"expert\",\"certificate_no\":\"C1\"")),
		422, "invalid_value", "qualification");
	EXPECT_ERR(http(s, "POST", path, s->admin, swbody(p[0], org,
		",\"qualification\":\"intermediate\"")), 422, NULL, "certificate_no");
	EXPECT_ERR(http(s, "POST", path, s->admin, swbody(p[0], org,
		",\"qualification\":\"senior\",\"certificate_no\":\"\"")), 422, NULL, "certificate_no");
	EXPECT_ERR(http(s, "POST", path, s->admin, swbody(p[0], org,
		",\"qualification\":\"assistant\",\"certificate_no\":null")), 422, NULL, "certificate_no");
	EXPECT_ERR(http(s, "POST", path, s->admin, swbody(999999, org,
		",\"qualification\":\"none\"")), 422, NULL, "person_id");
	CHECK_INT(COUNT(s, path), 0);

	struct resp *r = http(s, "POST", path, s->admin, swbody(p[0], org,
		",\"qualification\":\"none\""));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_STR(jstr(r->json, "qualification"), "none");
		CHECKR(r, jget(r->json, "certificate_no") == NULL || jisnull(r->json, "certificate_no"));
		CHECKR(r, jisnull(r->json, "supervisor_id"));
		CHECK_INT(jint(r->json, "person_id"), p[0]);
		CHECK_INT(jint(r->json, "org_id"), org);
	}
	r = http(s, "POST", path, s->admin, swbody(p[1], org,
		",\"qualification\":\"assistant\",\"certificate_no\":\"ZL2021420001\","
		"\"fields\":[\"elderly\",\"community\"]"));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_STR(jstr(r->json, "certificate_no"), "ZL2021420001");
		CHECK_STR(jstr(r->json, "fields.1"), "community");
		struct resp *g = http(s, "GET", fmt("%s/%lld", path, jint(r->json, "id")), s->admin, NULL);
		if (EXPECT_STATUS(g, 200))
			CHECK_STR(jstr(g->json, "qualification"), "assistant");
	}
	struct resp *d = http(s, "POST", path, s->admin, swbody(p[1], org,
		",\"qualification\":\"senior\",\"certificate_no\":\"G1\""));
	if (EXPECT_STATUS(d, 409)) {
		const char *c = jstr(d->json, "error.code");
		CHECKR(d, c && (strcmp(c, "duplicate") == 0 || strcmp(c, "conflict") == 0));
	}
	CHECK_INT(COUNT(s, path), 2);
}

void t_social_worker_supervisor_link_and_filters(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long a = MK_ORG(s, s->admin, "Station", "social_work_station", w.town1, 0);
	long long room = MK_ORG(s, s->admin, "Room", "social_work_room", w.comm1, a);
	long long b = MK_ORG(s, s->admin, "Other", "sw_agency", w.d2, 0);
	long long p[5];
	for (int i = 0; i < 5; i++)
		p[i] = MK_PERSON(s, s->admin, fmt("Worker %d", i), NULL, NULL, 0);
	const char *path = "/api/v1/social-workers";
	long long sup = MK(s, s->admin, path, swbody(p[0], a,
		",\"qualification\":\"senior\",\"certificate_no\":\"GJ-1\""));
	struct resp *r = http(s, "POST", path, s->admin, swbody(p[1], room, fmt(
		",\"qualification\":\"intermediate\",\"certificate_no\":\"SG-1\",\"supervisor_id\":%lld",
		sup)));
	long long w1 = -1;
	if (EXPECT_STATUS(r, 201)) {
		w1 = jint(r->json, "id");
		CHECK_INT(jint(r->json, "supervisor_id"), sup);
	}
	long long w2 = MK(s, s->admin, path, swbody(p[2], a, fmt(
		",\"qualification\":\"none\",\"supervisor_id\":%lld", sup)));
	long long w3 = MK(s, s->admin, path, swbody(p[3], b,
		",\"qualification\":\"assistant\",\"certificate_no\":\"ZL-3\""));
	EXPECT_ERR(http(s, "POST", path, s->admin, swbody(p[4], a,
		",\"qualification\":\"none\",\"supervisor_id\":999999")), 422, NULL, "supervisor_id");
	if (w1 > 0) {
		EXPECT_ERR(http(s, "PATCH", fmt("%s/%lld", path, w1), s->admin,
			fmt("{\"supervisor_id\":%lld}", w1)), 422, NULL, "supervisor_id");
		struct resp *g = http(s, "GET", fmt("%s/%lld", path, w1), s->admin, NULL);
		if (EXPECT_STATUS(g, 200))
			CHECK_INT(jint(g->json, "supervisor_id"), sup);
	}
	CHECK_INT(COUNT(s, path), 4);

	struct {
		const char *q;
		long long want[3];
		size_t n;
	} cases[] = {
		{"qualification=senior", {sup}, 1},
		{"qualification=none", {w2}, 1},
		{fmt("supervisor_id=%lld", sup), {w1, w2}, 2},
		{fmt("org_id=%lld", a), {sup, w1, w2}, 3},
		{fmt("region_id=%lld", w.d2), {w3}, 1},
		{fmt("region_id=%lld", w.comm1), {w1}, 1},
		{fmt("region_id=%lld", w.town1), {sup, w1, w2}, 3},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *l = LIST_ALL(s, s->admin, fmt("%s?%s", path, cases[i].q));
		if (l == NULL)
			continue;
		bool ok = json_array_size(l) == cases[i].n;
		for (size_t k = 0; k < cases[i].n; k++)
			ok = ok && arr_find_id(l, cases[i].want[k]) != NULL;
		CHECKM(ok, "?%s: want %zu specific records, got %zu items", cases[i].q,
			cases[i].n, json_array_size(l));
	}
}

/* issue 18: `q` finds regions, orgs, social workers and volunteers by a part
 * of the (person's) name, case folded, with % and _ taken literally; a bad q
 * is 400 naming it; social workers and volunteers carry the person's name. */
void t_list_q_finds_by_part_of_the_name(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long a = MK_ORG(s, s->admin, "汉阳区阳光社工服务中心", "sw_agency", w.d1, 0);
	long long b = MK_ORG(s, s->admin, "Sunny 100% Team", "volunteer_team", w.d1, 0);
	long long c = MK_ORG(s, s->admin, "Sunny_Hub", "volunteer_team", w.d1, 0);
	long long pa = MK_PERSON(s, s->admin, "欧阳明月", NULL, NULL, a);
	long long pb = MK_PERSON(s, s->admin, "明亮", NULL, NULL, a);
	long long swa = MK(s, s->admin, "/api/v1/social-workers", swbody(pa, a, ",\"qualification\":\"none\""));
	long long swb = MK(s, s->admin, "/api/v1/social-workers", swbody(pb, a, ",\"qualification\":\"none\""));
	long long va = MK(s, s->admin, "/api/v1/people", "{\"name\":\"张小阳\",\"birth_date\":\"1990-05-01\"}");
	long long vol = va > 0 ? MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", va, b)) : -1;
	struct {
		const char *path;
		long long want[2];
		size_t n;
	} cases[] = {
		{fmt("/api/v1/orgs?q=%s", url_escape("阳光")), {a}, 1},
		{fmt("/api/v1/orgs?q=%s", url_escape("sunny")), {b, c}, 2},
		{fmt("/api/v1/orgs?q=%s", url_escape("100%")), {b}, 1},
		{fmt("/api/v1/orgs?q=%s", url_escape("y_")), {c}, 1},
		{fmt("/api/v1/orgs?q=%s", url_escape("%")), {b}, 1},
		{fmt("/api/v1/social-workers?q=%s", url_escape("明")), {swa, swb}, 2},
		{fmt("/api/v1/social-workers?q=%s", url_escape("月")), {swa}, 1},
		{fmt("/api/v1/volunteers?q=%s", url_escape("小阳")), {vol}, 1},
		{fmt("/api/v1/volunteers?q=%s", url_escape("明")), {0}, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *l = LIST_ALL(s, s->admin, cases[i].path);
		if (l == NULL)
			continue;
		bool ok = json_array_size(l) == cases[i].n;
		for (size_t k = 0; k < cases[i].n; k++)
			ok = ok && arr_find_id(l, cases[i].want[k]) != NULL;
		CHECKM(ok, "%s: want %zu specific records, got %zu items", cases[i].path, cases[i].n, json_array_size(l));
	}
	/* regions: the world's names, found by a part */
	struct resp *g = http(s, "GET", fmt("/api/v1/regions/%lld", w.town1), s->admin, NULL);
	if (EXPECT_STATUS(g, 200)) {
		const char *name = jstr(g->json, "name");
		json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/regions?q=%s", url_escape(name)));
		CHECK(l != NULL && arr_find_id(l, w.town1) && !arr_find_id(l, w.city));
	}
	json_t *none = LIST_ALL(s, s->admin, fmt("/api/v1/regions?q=%s", url_escape("没有这个地方")));
	CHECK(none != NULL && json_array_size(none) == 0);
	/* the person's name on a social worker and a volunteer */
	struct resp *r = http(s, "GET", fmt("/api/v1/social-workers/%lld", swa), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "name"), "欧阳明月");
	r = http(s, "GET", fmt("/api/v1/volunteers/%lld", vol), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "name"), "张小阳");
	/* a bad q: too long, a control character, not UTF-8 */
	/* 阳 is %E9%98%B3: 9 characters of URL each */
	char longq[1000], okq[1000];
	for (int i = 0; i < 101; i++)
		memcpy(longq + 9 * i, "%E9%98%B3", 9);
	longq[9 * 101] = 0;
	memcpy(okq, longq, 9 * 100);
	okq[9 * 100] = 0;
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/orgs?q=%s", longq), s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/social-workers?q=a%01b", s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/volunteers?q=%FF%FE", s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/people?q=%0A", s->admin, NULL), 400, NULL, "q");
	/* not UTF-8 (domain/utf8.c): an overlong '/', a surrogate, a cut
	 * sequence, past U+10FFFF; a character of four bytes is one */
	EXPECT_ERR(http(s, "GET", "/api/v1/people?q=%C0%AF", s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs?q=a%ED%A0%80", s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/regions?q=%E9%98", s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/volunteers?q=%F4%90%80%80", s->admin, NULL), 400, NULL, "q");
	char emoji[1000] = "/api/v1/orgs?q=";
	size_t at = strlen(emoji);
	for (int i = 0; i < 100; i++) {
		const char *ch = i < 60 ? "%F0%9F%98%80" : "a";
		memcpy(emoji + at, ch, strlen(ch));
		at += strlen(ch);
	}
	emoji[at] = 0; /* 60 of four bytes and 40 of one: 100 characters */
	EXPECT_STATUS(http(s, "GET", emoji, s->admin, NULL), 200);
	memcpy(emoji + at, "a", 2);
	EXPECT_ERR(http(s, "GET", emoji, s->admin, NULL), 400, NULL, "q");
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/regions?q=%s", okq), s->admin, NULL), 200);
}

/* issue 18: users are found by a part of the username or of their person's
 * name (case folded, % and _ literal), within the caller's scope; a user
 * carries the person's name (not in the audit's before/after); a bad q is
 * 400 naming it. */
void t_users_q_finds_by_username_or_person_name(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long a = MK_ORG(s, s->admin, "用户搜索甲中心", "sw_agency", w.d1, 0);
	long long b = MK_ORG(s, s->admin, "用户搜索乙中心", "sw_agency", w.d1, 0);
	long long pa = MK_PERSON(s, s->admin, "司马青云", NULL, NULL, a);
	long long pb = MK_PERSON(s, s->admin, "青木", NULL, NULL, b);
	const char *in_a = fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", a);
	long long ua = MK_USER(s, s->admin, "qsearch.Alpha", pa, in_a);
	long long ub = MK_USER(s, s->admin, "qsearch_beta", pb, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", b));
	long long uc = MK_USER(s, s->admin, "qsearch-gamma", 0, in_a);
	long long oa = MK_USER(s, s->admin, "qsearch.admin", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", a));
	const char *tok = LOGIN(s, "qsearch.admin", USER_PASS);
	if (ua < 0 || ub < 0 || uc < 0 || oa < 0 || tok == NULL)
		return;
	struct {
		const char *who, *tok, *q;
		long long want[4];
		size_t n;
	} cases[] = {
		{"admin", s->admin, "qsearch", {ua, ub, uc, oa}, 4},
		{"admin", s->admin, "ALPHA", {ua}, 1},
		{"admin", s->admin, "青", {ua, ub}, 2},
		{"admin", s->admin, "青云", {ua}, 1},
		{"admin", s->admin, "h_b", {ub}, 1},
		{"admin", s->admin, "h-g", {uc}, 1},
		{"admin", s->admin, "%", {0}, 0},
		{"admin", s->admin, "_", {ub}, 1},
		{"admin", s->admin, "没有这个人", {0}, 0},
		/* the org admin of a: its org's users only */
		{"org admin", tok, "qsearch", {ua, uc, oa}, 3},
		{"org admin", tok, "青", {ua}, 1},
		{"org admin", tok, "beta", {0}, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *l = LIST_ALL(s, cases[i].tok, fmt("/api/v1/users?q=%s", url_escape(cases[i].q)));
		if (l == NULL)
			continue;
		bool ok = json_array_size(l) == cases[i].n;
		for (size_t k = 0; k < cases[i].n; k++)
			ok = ok && arr_find_id(l, cases[i].want[k]) != NULL;
		CHECKM(ok, "%s, users?q=%s: want %zu specific users, got %zu", cases[i].who, cases[i].q, cases[i].n,
		       json_array_size(l));
	}
	/* with the other filters */
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/users?q=qsearch&org_id=%lld&role=social_worker", a));
	CHECK(l != NULL && json_array_size(l) == 2 && arr_find_id(l, ua) && arr_find_id(l, uc));
	/* the person's name on the user; none without a person */
	struct resp *r = http(s, "GET", fmt("/api/v1/users/%lld", ua), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "name"), "司马青云");
	r = http(s, "GET", fmt("/api/v1/users/%lld", uc), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK(json_is_null(json_object_get(r->json, "name")));
	r = http(s, "GET", fmt("/api/v1/audit?entity=users&entity_id=%lld&action=create", ua), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *after = json_object_get(json_array_get(json_object_get(r->json, "items"), 0), "after");
		json_t *name = json_is_object(after) ? json_object_get(after, "name") : NULL;
		CHECK(json_is_object(after) && (name == NULL || json_is_null(name)));
		CHECK_STR(jstr(after, "username"), "qsearch.Alpha");
	}
	/* a bad q, as on every list */
	char longq[1000];
	for (int i = 0; i < 101; i++)
		memcpy(longq + 9 * i, "%E9%98%B3", 9);
	longq[9 * 101] = 0;
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/users?q=%s", longq), s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/users?q=a%01b", s->admin, NULL), 400, NULL, "q");
	EXPECT_ERR(http(s, "GET", "/api/v1/users?q=%FF%FE", s->admin, NULL), 400, NULL, "q");
	/* staff who may not list users still may not, q or none */
	EXPECT_STATUS(http(s, "GET", "/api/v1/users?q=qsearch", LOGIN(s, "qsearch.Alpha", USER_PASS), NULL), 403);
}
