/* t_access.c - the access matrix: role x resource, for reads (GET one, list)
 * and writes, with masking of ID numbers and phones by role, and 401 for the
 * unauthenticated everywhere.
 *
 * World: districts D1 and D2; org A (in D1) with child A2, org B (in D2).
 * People registered in A, A2 and B; volunteers V (in A, the volunteer user's
 * own person) and VB (in B); social workers SWA (A) and SWB (B). Users: a
 * regional admin of D1, org admins of A and B, a social worker of A, a
 * volunteer (own person V) and a resident. */
#include "tests.h"

#include <string.h>

enum { P_A, P_A2, P_B, P_V, P_VB, P_SWA, P_SWB, NP };

struct acc {
	struct world w;
	long long A, A2, B;
	long long p[NP];
	char id[NP][19];
	char ph[NP][12];
	long long vA, vB, swA, swB;
	long long uRA, uOA, uOB, uSW, uVol, uRes;
	const char *ra, *oaA, *oaB, *sw, *vol, *res;
};

static bool acc_setup(struct srv *s, struct acc *a)
{
	memset(a, 0, sizeof *a);
	if (!world_regions(s, &a->w))
		return false;
	a->A = MK_ORG(s, s->admin, "Station A", "social_work_station", a->w.town1, 0);
	a->A2 = MK_ORG(s, s->admin, "Room A2", "social_work_room", a->w.comm1, a->A);
	a->B = MK_ORG(s, s->admin, "Station B", "social_work_station", a->w.town2, 0);
	const long long org[NP] = {a->A, a->A2, a->B, a->A, a->B, a->A, a->B};
	static const char *names[NP] = {"Person A", "Person A2", "Person B",
		"Volunteer V", "Volunteer VB", "Worker SWA", "Worker SWB"};
	for (int i = 0; i < NP; i++) {
		idnum_n(a->id[i], 100 + i * 7);
		phone_n(a->ph[i], 5000 + i);
		a->p[i] = MK_PERSON(s, s->admin, names[i], a->id[i], a->ph[i], org[i]);
	}
	a->vA = MK(s, s->admin, "/api/v1/volunteers", fmt(
		"{\"person_id\":%lld,\"org_id\":%lld}", a->p[P_V], a->A));
	a->vB = MK(s, s->admin, "/api/v1/volunteers", fmt(
		"{\"person_id\":%lld,\"org_id\":%lld}", a->p[P_VB], a->B));
	a->swA = MK(s, s->admin, "/api/v1/social-workers", fmt("{\"person_id\":%lld,"
		"\"org_id\":%lld,\"qualification\":\"intermediate\",\"certificate_no\":\"SW-A-1\"}",
		a->p[P_SWA], a->A));
	a->swB = MK(s, s->admin, "/api/v1/social-workers", fmt("{\"person_id\":%lld,"
		"\"org_id\":%lld,\"qualification\":\"assistant\",\"certificate_no\":\"SW-B-1\"}",
		a->p[P_SWB], a->B));
	a->uRA = MK_USER(s, s->admin, "ra_d1", 0,
		fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", a->w.d1));
	a->uOA = MK_USER(s, s->admin, "oa_a", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", a->A));
	a->uOB = MK_USER(s, s->admin, "oa_b", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", a->B));
	a->uSW = MK_USER(s, s->admin, "sw_a", a->p[P_SWA],
		fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", a->A));
	a->uVol = MK_USER(s, s->admin, "vol_a", a->p[P_V],
		fmt("[{\"role\":\"volunteer\",\"org_id\":%lld}]", a->A));
	a->uRes = MK_USER(s, s->admin, "resident", 0, "[{\"role\":\"resident\"}]");
	a->ra = LOGIN(s, "ra_d1", USER_PASS);
	a->oaA = LOGIN(s, "oa_a", USER_PASS);
	a->oaB = LOGIN(s, "oa_b", USER_PASS);
	a->sw = LOGIN(s, "sw_a", USER_PASS);
	a->vol = LOGIN(s, "vol_a", USER_PASS);
	a->res = LOGIN(s, "resident", USER_PASS);
	return test_failures() == 0;
}

/* Issue 13: ID numbers and phones are masked for every role (the admins'
 * and social workers' unmasked views were the finding); only the person
 * sees their own in full. */
enum view { V_DENY, V_FULL, V_MASKED, V_ANY };

static void check_view(struct resp *r, const char *who, const struct acc *a, int p, enum view v)
{
	const char *idn = jstr(r->json, "id_number");
	const char *ph = jstr(r->json, "phone");
	switch (v) {
	case V_FULL:
		CHECKM(idn && strcmp(idn, a->id[p]) == 0 && ph && strcmp(ph, a->ph[p]) == 0,
			"%s sees person %d: want id and phone unmasked, got %s / %s", who, p,
			idn ? idn : "(none)", ph ? ph : "(none)");
		break;
	case V_MASKED:
		CHECKM(is_masked_id(idn, a->id[p]) && is_masked_phone(ph, a->ph[p]),
			"%s sees person %d: want id and phone masked, got %s / %s", who, p,
			idn ? idn : "(none)", ph ? ph : "(none)");
		break;
	case V_DENY:
	case V_ANY:
		break;
	}
}

void t_access_people_scoped_by_role(struct srv *s)
{
	struct acc a;
	if (!acc_setup(s, &a))
		return;
	const struct {
		const char *who, *tok;
		int p;
		enum view v;
	} get[] = {
		{"admin", s->admin, P_A, V_MASKED}, {"admin", s->admin, P_B, V_MASKED},
		{"org admin B", a.oaB, P_A, V_DENY}, {"org admin B", a.oaB, P_A2, V_DENY},
		{"org admin B", a.oaB, P_V, V_DENY}, {"org admin B", a.oaB, P_B, V_MASKED},
		{"org admin B", a.oaB, P_VB, V_MASKED},
		{"org admin A", a.oaA, P_A, V_MASKED}, {"org admin A", a.oaA, P_A2, V_MASKED},
		{"org admin A", a.oaA, P_V, V_MASKED}, {"org admin A", a.oaA, P_B, V_DENY},
		{"org admin A", a.oaA, P_VB, V_DENY},
		{"regional admin D1", a.ra, P_A, V_MASKED}, {"regional admin D1", a.ra, P_A2, V_MASKED},
		{"regional admin D1", a.ra, P_B, V_DENY}, {"regional admin D1", a.ra, P_SWB, V_DENY},
		{"social worker A", a.sw, P_A, V_MASKED}, {"social worker A", a.sw, P_A2, V_MASKED},
		{"social worker A", a.sw, P_B, V_DENY},
		{"volunteer", a.vol, P_V, V_ANY}, {"volunteer", a.vol, P_A, V_DENY},
		{"volunteer", a.vol, P_B, V_DENY},
		{"resident", a.res, P_A, V_DENY},
	};
	for (size_t i = 0; i < sizeof get / sizeof get[0]; i++) {
		struct resp *r = http(s, "GET", fmt("/api/v1/people/%lld", a.p[get[i].p]),
			get[i].tok, NULL);
		if (get[i].v == V_DENY) {
			if (!EXPECT_ERR(r, 403, "forbidden", NULL))
				note("^ %s GET person %d", get[i].who, get[i].p);
			continue;
		}
		if (!EXPECT_STATUS(r, 200)) {
			note("^ %s GET person %d", get[i].who, get[i].p);
			continue;
		}
		check_view(r, get[i].who, &a, get[i].p, get[i].v);
	}

	/* Lists: in[p] = 1 must be listed (and masked as for GET), 0 must not. */
	const struct {
		const char *who, *tok;
		signed char in[NP];
		enum view v;
		bool exact;
		int own;	/* the caller's own person (any view), or -1 */
	} lists[] = {
		{"org admin B", a.oaB, {0, 0, 1, 0, 1, 0, 1}, V_MASKED, false, -1},
		{"org admin A", a.oaA, {1, 1, 0, 1, 0, 1, 0}, V_MASKED, false, -1},
		{"regional admin D1", a.ra, {1, 1, 0, 1, 0, 1, 0}, V_MASKED, false, -1},
		{"social worker A", a.sw, {1, 1, 0, 1, 0, 1, 0}, V_MASKED, false, P_SWA},
		{"volunteer", a.vol, {0, 0, 0, 1, 0, 0, 0}, V_ANY, true, P_V},
	};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		json_t *l = LIST_ALL(s, lists[i].tok, "/api/v1/people");
		if (l == NULL)
			continue;
		if (lists[i].exact)
			CHECKM(json_array_size(l) == 1, "%s lists %zu people, want only self",
				lists[i].who, json_array_size(l));
		for (int p = 0; p < NP; p++) {
			json_t *it = arr_find_id(l, a.p[p]);
			CHECKM((it != NULL) == (lists[i].in[p] == 1), "%s list: person %d %s",
				lists[i].who, p, it ? "listed but out of scope" : "missing");
			if (it != NULL && lists[i].in[p] == 1 && p != lists[i].own) {
				struct resp fake = {.status = 200, .json = it};
				snprintf(fake.what, sizeof fake.what, "list item");
				check_view(&fake, lists[i].who, &a, p, lists[i].v);
			}
		}
	}
}

struct get_case {
	const char *who, *tok, *path;
	long status;
};

static void run_gets(struct srv *s, const struct get_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct resp *r = http(s, "GET", c[i].path, c[i].tok, NULL);
		if (!EXPECT_STATUS(r, c[i].status))
			note("^ as %s", c[i].who);
	}
}

static void check_list(struct srv *s, const char *who, const char *tok, const char *path,
	const long long *in, size_t nin, const long long *out, size_t nout)
{
	json_t *l = LIST_ALL(s, tok, path);
	if (l == NULL)
		return;
	for (size_t i = 0; i < nin; i++)
		CHECKM(arr_find_id(l, in[i]) != NULL, "%s: %s lacks id %lld", who, path, in[i]);
	for (size_t i = 0; i < nout; i++)
		CHECKM(arr_find_id(l, out[i]) == NULL, "%s: %s shows out-of-scope id %lld",
			who, path, out[i]);
}

#define LIST_IN_OUT(s, who, tok, path, IN, OUT) do { \
	const long long in_[] = IN, out_[] = OUT; \
	check_list((s), (who), (tok), (path), in_, sizeof in_ / sizeof in_[0], \
		out_, sizeof out_ / sizeof out_[0]); \
} while (0)
#define L(...) {__VA_ARGS__}

void t_access_volunteers_workers_users_orgs_scoped(struct srv *s)
{
	struct acc a;
	if (!acc_setup(s, &a))
		return;
	const char *vA = fmt("/api/v1/volunteers/%lld", a.vA);
	const char *vB = fmt("/api/v1/volunteers/%lld", a.vB);
	const char *swA = fmt("/api/v1/social-workers/%lld", a.swA);
	const char *swB = fmt("/api/v1/social-workers/%lld", a.swB);
	const char *uSW = fmt("/api/v1/users/%lld", a.uSW);
	const char *uOB = fmt("/api/v1/users/%lld", a.uOB);
	const char *oA = fmt("/api/v1/orgs/%lld", a.A);
	const char *oB = fmt("/api/v1/orgs/%lld", a.B);
	const char *rD2 = fmt("/api/v1/regions/%lld", a.w.d2);
	const struct get_case gets[] = {
		{"org admin A", a.oaA, vA, 200}, {"org admin A", a.oaA, vB, 403},
		{"org admin B", a.oaB, vA, 403}, {"org admin B", a.oaB, vB, 200},
		{"regional admin D1", a.ra, vA, 200}, {"regional admin D1", a.ra, vB, 403},
		{"social worker A", a.sw, vA, 200}, {"social worker A", a.sw, vB, 403},
		{"volunteer", a.vol, vA, 200}, {"volunteer", a.vol, vB, 403},
		{"org admin A", a.oaA, swA, 200}, {"org admin A", a.oaA, swB, 403},
		{"org admin B", a.oaB, swA, 403}, {"regional admin D1", a.ra, swA, 200},
		{"regional admin D1", a.ra, swB, 403}, {"volunteer", a.vol, swA, 403},
		{"org admin A", a.oaA, uSW, 200}, {"org admin B", a.oaB, uSW, 403},
		{"regional admin D1", a.ra, uSW, 200}, {"regional admin D1", a.ra, uOB, 403},
		{"org admin A", a.oaA, uOB, 403}, {"volunteer", a.vol, uSW, 403},
		{"resident", a.res, uSW, 403},
		{"volunteer", a.vol, oB, 200}, {"org admin A", a.oaA, oB, 200},
		{"resident", a.res, oA, 200}, {"regional admin D1", a.ra, rD2, 200},
		{"volunteer", a.vol, rD2, 200},
		{"org admin B", a.oaB, "/api/v1/people/999999", 404},
		{"volunteer", a.vol, "/api/v1/volunteers/999999", 404},
		{"regional admin D1", a.ra, "/api/v1/social-workers/999999", 404},
	};
	run_gets(s, gets, sizeof gets / sizeof gets[0]);

	LIST_IN_OUT(s, "org admin B", a.oaB, "/api/v1/volunteers", L(a.vB), L(a.vA));
	LIST_IN_OUT(s, "org admin A", a.oaA, "/api/v1/volunteers", L(a.vA), L(a.vB));
	LIST_IN_OUT(s, "regional admin D1", a.ra, "/api/v1/volunteers", L(a.vA), L(a.vB));
	LIST_IN_OUT(s, "volunteer", a.vol, "/api/v1/volunteers", L(a.vA), L(a.vB));
	LIST_IN_OUT(s, "org admin B", a.oaB, "/api/v1/social-workers", L(a.swB), L(a.swA));
	LIST_IN_OUT(s, "regional admin D1", a.ra, "/api/v1/social-workers", L(a.swA), L(a.swB));
	LIST_IN_OUT(s, "social worker A", a.sw, "/api/v1/social-workers", L(a.swA), L(a.swB));
	LIST_IN_OUT(s, "org admin B", a.oaB, "/api/v1/users", L(a.uOB), L(a.uOA, a.uSW, a.uVol, a.uRA));
	LIST_IN_OUT(s, "org admin A", a.oaA, "/api/v1/users", L(a.uOA, a.uSW, a.uVol), L(a.uOB));
	LIST_IN_OUT(s, "regional admin D1", a.ra, "/api/v1/users",
		L(a.uOA, a.uSW, a.uVol), L(a.uOB, s->admin_id));
	LIST_IN_OUT(s, "volunteer", a.vol, "/api/v1/orgs", L(a.A, a.A2, a.B), L(0));
	LIST_IN_OUT(s, "regional admin D1", a.ra, "/api/v1/orgs", L(a.A, a.A2, a.B), L(0));
	LIST_IN_OUT(s, "resident", a.res, "/api/v1/regions", L(a.w.city, a.w.d1, a.w.d2), L(0));
	json_t *vl = LIST_ALL(s, a.vol, "/api/v1/volunteers");
	if (vl != NULL)
		CHECKM(json_array_size(vl) == 1, "volunteer lists %zu volunteer records, want 1",
			json_array_size(vl));
	EXPECT_ERR(http(s, "GET", "/api/v1/audit", a.oaA, NULL), 403, "forbidden", NULL);
}

struct write_case {
	const char *who, *tok, *method, *path, *body;
	long status;
};

void t_access_writes_scoped_by_role(struct srv *s)
{
	struct acc a;
	if (!acc_setup(s, &a))
		return;
	char idn[19];
	idnum_n(idn, 900);
	const char *person = fmt("{\"name\":\"New\",\"org_id\":%lld}", a.A);
	const char *pA = fmt("/api/v1/people/%lld", a.p[P_A]);
	const char *role = "{\"username\":\"%s\",\"password\":\"" USER_PASS "\","
		"\"roles\":[{\"role\":\"%s\",\"%s\":%lld}]}";
	const struct write_case denied[] = {
		{"volunteer", a.vol, "POST", "/api/v1/people", person, 403},
		{"resident", a.res, "POST", "/api/v1/people", person, 403},
		{"org admin B", a.oaB, "POST", "/api/v1/people", person, 403},
		{"org admin B", a.oaB, "POST", "/api/v1/volunteers",
			fmt("{\"person_id\":%lld,\"org_id\":%lld}", a.p[P_B], a.A), 403},
		{"org admin B", a.oaB, "PATCH", pA, "{\"name\":\"Hijacked\"}", 403},
		{"regional admin D1", a.ra, "PATCH", pA, "{\"name\":\"Hijacked\"}", 403},
		{"volunteer", a.vol, "PATCH", pA, "{\"phone\":\"13911112222\"}", 403},
		{"social worker A", a.sw, "POST", "/api/v1/people",
			fmt("{\"name\":\"New\",\"org_id\":%lld}", a.B), 403},
		{"org admin B", a.oaB, "POST", fmt("/api/v1/volunteers/%lld/stage", a.vA),
			"{\"to\":\"trial\"}", 403},
		{"regional admin D1", a.ra, "POST", "/api/v1/orgs", fmt("{\"name\":\"X\","
			"\"kind\":\"other\",\"region_id\":%lld}", a.w.d2), 403},
		{"regional admin D1", a.ra, "POST", "/api/v1/regions", fmt("{\"code\":\"421003002\","
			"\"name\":\"X\",\"level\":\"town\",\"parent_id\":%lld}", a.w.d2), 403},
		{"org admin B", a.oaB, "PATCH", fmt("/api/v1/orgs/%lld", a.A), "{\"name\":\"X\"}", 403},
		{"org admin A", a.oaA, "POST", "/api/v1/orgs", fmt("{\"name\":\"X\","
			"\"kind\":\"other\",\"region_id\":%lld,\"parent_id\":%lld}", a.w.d2, a.B), 403},
		{"org admin A", a.oaA, "POST", "/api/v1/regions", fmt("{\"code\":\"421002002\","
			"\"name\":\"X\",\"level\":\"town\",\"parent_id\":%lld}", a.w.d1), 403},
		{"org admin A", a.oaA, "POST", "/api/v1/users", "{\"username\":\"boss\","
			"\"password\":\"" USER_PASS "\",\"roles\":[{\"role\":\"platform_admin\"}]}", 403},
		{"org admin A", a.oaA, "POST", "/api/v1/users",
			fmt(role, "oa_b2", "org_admin", "org_id", a.B), 403},
		{"org admin A", a.oaA, "POST", "/api/v1/users",
			fmt(role, "ra_x", "regional_admin", "region_id", a.w.d1), 403},
		{"regional admin D1", a.ra, "POST", "/api/v1/users", "{\"username\":\"boss\","
			"\"password\":\"" USER_PASS "\",\"roles\":[{\"role\":\"platform_admin\"}]}", 403},
		{"regional admin D1", a.ra, "POST", "/api/v1/users",
			fmt(role, "ra_same", "regional_admin", "region_id", a.w.d1), 403},
		{"regional admin D1", a.ra, "POST", "/api/v1/users",
			fmt(role, "ra_up", "regional_admin", "region_id", a.w.city), 403},
		{"regional admin D1", a.ra, "POST", "/api/v1/users",
			fmt(role, "oa_b3", "org_admin", "org_id", a.B), 403},
		{"social worker A", a.sw, "POST", "/api/v1/users",
			fmt(role, "sw_x", "social_worker", "org_id", a.A), 403},
	};
	long long n_people = COUNT(s, "/api/v1/people"), n_orgs = COUNT(s, "/api/v1/orgs");
	long long n_users = COUNT(s, "/api/v1/users"), n_regions = COUNT(s, "/api/v1/regions");
	for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
		const struct write_case *c = &denied[i];
		struct resp *r = http(s, c->method, c->path, c->tok, c->body);
		if (!EXPECT_ERR(r, c->status, "forbidden", NULL))
			note("^ as %s", c->who);
	}
	CHECK_INT(COUNT(s, "/api/v1/people"), n_people);
	CHECK_INT(COUNT(s, "/api/v1/orgs"), n_orgs);
	CHECK_INT(COUNT(s, "/api/v1/users"), n_users);
	CHECK_INT(COUNT(s, "/api/v1/regions"), n_regions);
	struct resp *g = http(s, "GET", pA, s->admin, NULL);
	if (EXPECT_STATUS(g, 200)) {
		CHECK_STR(jstr(g->json, "name"), "Person A");
		CHECKR(g, is_masked_phone(jstr(g->json, "phone"), a.ph[P_A]));
	}
	g = http(s, "GET", fmt("/api/v1/volunteers/%lld", a.vA), s->admin, NULL);
	if (EXPECT_STATUS(g, 200))
		CHECK_STR(jstr(g->json, "stage"), "applied");

	/* ... and the same kinds of writes inside scope succeed. */
	const struct write_case allowed[] = {
		{"regional admin D1", a.ra, "POST", "/api/v1/orgs", fmt("{\"name\":\"RA org\","
			"\"kind\":\"other\",\"region_id\":%lld}", a.w.d1), 201},
		{"regional admin D1", a.ra, "POST", "/api/v1/orgs", fmt("{\"name\":\"RA org 2\","
			"\"kind\":\"volunteer_team\",\"region_id\":%lld}", a.w.comm1), 201},
		{"regional admin D1", a.ra, "POST", "/api/v1/regions", fmt("{\"code\":\"421002002\","
			"\"name\":\"RA town\",\"level\":\"town\",\"parent_id\":%lld}", a.w.d1), 201},
		{"regional admin D1", a.ra, "POST", "/api/v1/users",
			fmt(role, "ra_town", "regional_admin", "region_id", a.w.town1), 201},
		{"regional admin D1", a.ra, "POST", "/api/v1/users",
			fmt(role, "oa_a2", "org_admin", "org_id", a.A), 201},
		{"org admin A", a.oaA, "POST", "/api/v1/users",
			fmt(role, "sw_a2", "social_worker", "org_id", a.A2), 201},
		{"org admin A", a.oaA, "POST", "/api/v1/orgs", fmt("{\"name\":\"Child\","
			"\"kind\":\"volunteer_team\",\"region_id\":%lld,\"parent_id\":%lld}",
			a.w.town1, a.A), 201},
		{"org admin A", a.oaA, "PATCH", fmt("/api/v1/orgs/%lld", a.A2), "{\"name\":\"A2b\"}", 200},
		{"org admin A", a.oaA, "PATCH", fmt("/api/v1/people/%lld", a.p[P_A2]),
			"{\"address\":\"2 Road\"}", 200},
		{"org admin B", a.oaB, "POST", "/api/v1/people",
			fmt("{\"name\":\"In B\",\"org_id\":%lld,\"id_number\":\"%s\"}", a.B, idn), 201},
		{"social worker A", a.sw, "POST", "/api/v1/people", person, 201},
		{"social worker A", a.sw, "POST", fmt("/api/v1/volunteers/%lld/stage", a.vA),
			"{\"to\":\"trial\",\"note\":\"ok\"}", 200},
	};
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
		const struct write_case *c = &allowed[i];
		if (!EXPECT_STATUS(http(s, c->method, c->path, c->tok, c->body), c->status))
			note("^ as %s", c->who);
	}
	/* Filtering by ID number does not reveal a person outside the scope. */
	json_t *hits = LIST_ALL(s, a.ra, fmt("/api/v1/people?id_number=%s", idn));
	if (hits != NULL)
		CHECK_INT((long long)json_array_size(hits), 0);
}

void t_access_volunteer_self_service(struct srv *s)
{
	struct acc a;
	if (!acc_setup(s, &a))
		return;
	const char *own = fmt("/api/v1/people/%lld", a.p[P_V]);
	EXPECT_STATUS(http(s, "PATCH", own, a.vol,
		"{\"phone\":\"13922223333\",\"address\":\"3 Lane\",\"skills\":[\"singing\"]}"), 200);
	struct resp *g = http(s, "GET", own, a.vol, NULL); /* the person's own record: in full */
	if (EXPECT_STATUS(g, 200)) {
		CHECK_STR(jstr(g->json, "phone"), "13922223333");
		CHECK_STR(jstr(g->json, "skills.0"), "singing");
	}
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", a.vol, fmt(
		"{\"person_id\":%lld,\"org_id\":%lld}", a.p[P_A], a.A)), 403, "forbidden", NULL);
	struct resp *r = http(s, "POST", "/api/v1/volunteers", a.vol, fmt(
		"{\"person_id\":%lld,\"org_id\":%lld}", a.p[P_V], a.B));
	if (!EXPECT_STATUS(r, 201))
		return;
	CHECK_STR(jstr(r->json, "stage"), "applied");
	const char *stage = fmt("/api/v1/volunteers/%lld/stage", jint(r->json, "id"));
	EXPECT_ERR(http(s, "POST", stage, a.vol, "{\"to\":\"trial\"}"), 403, "forbidden", NULL);
	struct resp *w = http(s, "POST", stage, a.vol, "{\"to\":\"withdrawn\"}");
	if (EXPECT_STATUS(w, 200))
		CHECK_STR(jstr(w->json, "stage"), "withdrawn");
	LIST_IN_OUT(s, "volunteer", a.vol, "/api/v1/volunteers",
		L(a.vA, jint(r->json, "id")), L(a.vB));
	EXPECT_ERR(http(s, "POST", "/api/v1/social-workers", a.vol, fmt("{\"person_id\":%lld,"
		"\"org_id\":%lld,\"qualification\":\"none\"}", a.p[P_V], a.A)), 403, "forbidden", NULL);
}

void t_access_unauthenticated_is_401_everywhere(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Org", "other", city, 0);
	long long p = MK_PERSON(s, s->admin, "P", NULL, NULL, org);
	static const char *const gets[] = {"/api/v1/people", "/api/v1/volunteers",
		"/api/v1/social-workers", "/api/v1/users", "/api/v1/orgs", "/api/v1/regions",
		"/api/v1/audit", "/api/v1/me"};
	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++)
		EXPECT_ERR(http(s, "GET", gets[i], NULL, NULL), 401, "unauthorized", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/people/%lld", p), NULL, NULL), 401, "unauthorized", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/orgs/%lld", org), NULL, NULL), 401, "unauthorized", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/regions/%lld", city), NULL, NULL), 401, "unauthorized", NULL);
	const struct {
		const char *method, *path, *body;
	} writes[] = {
		{"POST", "/api/v1/people", "{\"name\":\"X\"}"},
		{"PATCH", fmt("/api/v1/people/%lld", p), "{\"name\":\"X\"}"},
		{"POST", "/api/v1/orgs", fmt("{\"name\":\"X\",\"kind\":\"other\",\"region_id\":%lld}", city)},
		{"PATCH", fmt("/api/v1/orgs/%lld", org), "{\"name\":\"X\"}"},
		{"POST", "/api/v1/regions", "{\"code\":\"429000\",\"name\":\"X\",\"level\":\"city\"}"},
		{"POST", "/api/v1/users", "{\"username\":\"xx1\",\"password\":\"12345678\",\"roles\":[]}"},
		{"POST", "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org)},
		{"POST", "/api/v1/social-workers", fmt("{\"person_id\":%lld,\"org_id\":%lld,"
			"\"qualification\":\"none\"}", p, org)},
		{"POST", "/api/v1/logout", NULL},
	};
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++)
		EXPECT_ERR(http(s, writes[i].method, writes[i].path, NULL, writes[i].body),
			401, "unauthorized", NULL);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
	CHECK_INT(COUNT(s, "/api/v1/orgs"), 1);
	CHECK_INT(COUNT(s, "/api/v1/regions"), 1);
	CHECK_INT(COUNT(s, "/api/v1/volunteers"), 0);
}
