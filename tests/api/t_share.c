/* t_share.c - what a co-building link (组织联建) shares (issue 15): for
 * each kind, the linked org's staff read exactly what the kind says of the
 * granting org (its raised needs, its volunteers' public profiles) and
 * nothing else; the partner's sub-orgs, its volunteers, other orgs and the
 * granting side gain nothing; a change of kind or a removal closes the read
 * at once; no write comes through a link; and the links' own input rules. */
#include <string.h>

#include "care_world.h"
#include "tests.h"

struct share_world {
	struct cworld c;
	long long B2, C;		/* a team under B; another station */
	long long nA1, nA2, nA2room, nRes, nB;	/* needs: two of A, one of room A2, a resident's, one of B */
	long long vAo, vAapplied, vB;	/* A's own registered volunteer, an applicant of A; B's volunteer */
	const char *vol_b, *sw_b2, *sw_c;	/* B's volunteer, a social worker of B2, of C */
};

static const char *tok_user(struct srv *s, const char *name, long long person, const char *roles)
{
	return MK_USER(s, s->admin, name, person, roles) > 0 ? LOGIN(s, name, USER_PASS) : NULL;
}

static long long need_of(struct srv *s, const char *tok, long long region, long long org, const char *title)
{
	const char *by = org ? fmt(",\"raised_by_org_id\":%lld", org) : "";
	return MK(s, tok, "/api/v1/needs",
		  fmt("{\"title\":\"%s\",\"category\":\"elderly_care\",\"region_id\":%lld%s}", title, region, by));
}

static long long registered_in(struct srv *s, long long person, long long org)
{
	static const char *const line[] = {"trial", "initial_training", "selection", "interview", "skills_training",
					   "registered"};
	long long v = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", person, org));
	for (size_t i = 0; i < sizeof line / sizeof *line; i++)
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), s->admin,
				   fmt("{\"to\":\"%s\"}", line[i])),
			      200);
	return v;
}

static bool share_world(struct srv *s, struct share_world *w)
{
	memset(w, 0, sizeof *w);
	struct cworld *c = &w->c;
	if (!care_world(s, c) || !world_menu(s, &c->w))
		return false;
	w->B2 = MK_ORG(s, s->admin, "Team B2", "volunteer_team", c->w.town2, c->B);
	w->C = MK_ORG(s, s->admin, "Station C", "social_work_station", c->w.town1, 0);
	MK(s, s->admin, "/api/v1/service-menu",
	   fmt("{\"region_id\":%lld,\"category\":\"elderly_care\",\"title\":\"助餐\"}", c->w.comm1));
	MK(s, s->admin, "/api/v1/service-menu",
	   fmt("{\"region_id\":%lld,\"category\":\"elderly_care\",\"title\":\"助餐\"}", c->w.town2));
	w->nA1 = need_of(s, c->oa_a, c->w.comm1, c->A, "助餐一");
	w->nA2 = need_of(s, c->sw_a, c->w.comm1, c->A, "助餐二");
	w->nA2room = need_of(s, s->admin, c->w.comm1, c->A2, "社工室的需求");
	w->nRes = need_of(s, c->res1, c->w.comm1, 0, "居民自己的需求");
	w->nB = need_of(s, c->oa_b, c->w.town2, c->B, "乙方需求");
	long long pAo = care_person(s, c, "王秀英", 40, c->w.comm1);
	w->vAo = registered_in(s, pAo, c->A);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", pAo), s->admin,
			   "{\"skills\":[\"first_aid\",\"cooking\"],\"address\":\"幸福路1号\"}"),
		      200);
	long long pAn = care_person(s, c, "申请人", 30, c->w.comm1);
	w->vAapplied = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", pAn, c->A));
	long long pB = care_person(s, c, "李四", 35, c->w.town2);
	w->vB = registered_in(s, pB, c->B);
	const char *org_role = "[{\"role\":\"%s\",\"org_id\":%lld}]";
	w->vol_b = tok_user(s, "vol_b", pB, fmt(org_role, "volunteer", c->B));
	long long pB2 = care_person(s, c, "社工B2", 30, c->w.town2);
	w->sw_b2 = tok_user(s, "sw_b2", pB2, fmt(org_role, "social_worker", w->B2));
	w->sw_c = tok_user(s, "sw_c", 0, fmt(org_role, "social_worker", w->C));
	return test_failures() == 0 && w->vol_b && w->sw_b2 && w->sw_c;
}

static bool has_id(struct resp *r, long long id)
{
	return r->status == 200 && arr_find_id(jget(r->json, "items"), id) != NULL;
}

/* What `tok` reads of A's shared needs and volunteers: exactly `needs`,
 * `vols` (else 403 on the lists, 404 on the items). An outsider (no staff
 * over A) also reads nothing of A's sub-orgs, nor A's rows by the ordinary
 * routes. */
/* who reads: A's staff (they see what A shares); staff of an org whose
 * region holds the needs' region (they read those needs by the ordinary
 * routes, link or not); anyone else */
enum { A_STAFF, NEIGHBOUR, OUTSIDER };

static void reads_as(struct srv *s, const char *tok, struct share_world *w, bool needs, bool vols, const char *who,
		     int outsider)
{
	struct cworld *c = &w->c;
	struct resp *r = http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs", c->A), tok, NULL);
	if (needs) {
		if (CHECKM(r->status == 200, "%s: shared needs %ld", who, r->status)) {
			CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2);
			CHECK(has_id(r, w->nA1) && has_id(r, w->nA2));
			CHECK(!has_id(r, w->nA2room) && !has_id(r, w->nRes) && !has_id(r, w->nB));
		}
		r = http(s, "GET", fmt("/api/v1/shared-needs/%lld", w->nA1), tok, NULL);
		if (EXPECT_STATUS(r, 200))
			CHECK_STR(jstr(r->json, "title"), "助餐一");
		/* the filters of the needs list apply */
		r = http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs?status=closed", c->A), tok, NULL);
		if (EXPECT_STATUS(r, 200))
			CHECK_INT((long long)json_array_size(jget(r->json, "items")), 0);
	} else {
		CHECKM(r->status == 403, "%s: shared needs %ld, want 403", who, r->status);
		EXPECT_ERR(http(s, "GET", fmt("/api/v1/shared-needs/%lld", w->nA1), tok, NULL), 404, "not_found", "id");
	}
	/* never a need no org raised (a resident's) */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shared-needs/%lld", w->nRes), tok, NULL), 404);
	r = http(s, "GET", fmt("/api/v1/orgs/%lld/shared-volunteers", c->A), tok, NULL);
	if (vols) {
		if (CHECKM(r->status == 200, "%s: shared volunteers %ld", who, r->status)) {
			CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
			json_t *p = jget(r->json, "items.0");
			CHECK_INT(jint(p, "id"), w->vAo);
			CHECK_STR(jstr(p, "name"), "王**");
			CHECK_STR(jstr(p, "stage"), "registered");
			CHECK_STR(jstr(p, "skills.0"), "first_aid");
			CHECK(jget(p, "verified_hours") && jget(p, "stars"));
			static const char *const never[] = {"id_number", "phone", "address", "birth_date", "birth_year",
							    "person_id", "lat", "lon", "guardian_name", "volunteer_no"};
			for (size_t i = 0; i < sizeof never / sizeof *never; i++)
				CHECKM(!jget(p, never[i]), "%s: a public profile holds %s", who, never[i]);
		}
		r = http(s, "GET", fmt("/api/v1/shared-volunteers/%lld", w->vAo), tok, NULL);
		if (EXPECT_STATUS(r, 200))
			CHECK_STR(jstr(r->json, "name"), "王**");
	} else {
		CHECKM(r->status == 403, "%s: shared volunteers %ld, want 403", who, r->status);
		EXPECT_ERR(http(s, "GET", fmt("/api/v1/shared-volunteers/%lld", w->vAo), tok, NULL), 404, "not_found",
			   "id");
	}
	/* an applicant is nobody's to share; T's volunteer is T's, not A's */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shared-volunteers/%lld", w->vAapplied), tok, NULL), 404);
	/* activities: every signed-in user reads them, link or not */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/activities?org_id=%lld", c->A), tok, NULL), 200);
	if (outsider == A_STAFF)
		return;
	/* A's link covers A's own rows, not its room A2's */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shared-needs/%lld", w->nA2room), tok, NULL), 404);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs", w->c.A2), tok, NULL), 403);
	if (outsider == NEIGHBOUR)
		return;
	/* a link opens only these views: the ordinary reads stay closed */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/needs/%lld", w->nA1), tok, NULL), 403);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/volunteers/%lld", w->vAo), tok, NULL), 403);
	r = http(s, "GET", "/api/v1/needs?limit=200", tok, NULL);
	CHECK(r->status == 200 && !has_id(r, w->nA1));
}

static void reads(struct srv *s, const char *tok, struct share_world *w, bool needs, bool vols, const char *who)
{
	reads_as(s, tok, w, needs, vols, who, OUTSIDER);
}

/* Nobody else gains anything, whatever the link's kind. */
static void others_read_nothing(struct srv *s, struct share_world *w)
{
	struct cworld *c = &w->c;
	const char *toks[] = {w->vol_b, w->sw_b2, w->sw_c, c->sup, c->res2};
	const char *names[] = {"B's volunteer", "B2's social worker", "C's social worker", "G's supervisor",
			       "a resident"};
	/* C (town1) and G (district 1) read the needs of comm1 by region */
	const int kind[] = {OUTSIDER, OUTSIDER, NEIGHBOUR, NEIGHBOUR, OUTSIDER};
	for (size_t i = 0; i < sizeof toks / sizeof *toks; i++)
		reads_as(s, toks[i], w, false, false, names[i], kind[i]);
	/* the direction holds: A's link gives A nothing of B */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs", c->B), c->sw_a, NULL), 403);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-volunteers", c->B), c->oa_a, NULL), 403);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shared-needs/%lld", w->nB), c->sw_a, NULL), 404);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/shared-volunteers/%lld", w->vB), c->sw_a, NULL), 404);
}

/* No write comes through a link. */
static void no_writes(struct srv *s, struct share_world *w, const char *tok)
{
	const char *before = http(s, "GET", fmt("/api/v1/needs/%lld", w->nA1), s->admin, NULL)->body;
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/needs/%lld", w->nA1), tok, "{\"title\":\"改掉\"}"), 403);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/needs/%lld/status", w->nA1), tok,
			   fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", w->c.swB)),
		      403);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/volunteers/%lld", w->vAo), tok, "{\"max_weekly_hours\":3}"), 403);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", w->vAo), tok, "{\"to\":\"inactive\"}"),
		      403);
	CHECK_STR(http(s, "GET", fmt("/api/v1/needs/%lld", w->nA1), s->admin, NULL)->body, before);
}

void t_share_each_kind_opens_exactly_what_it_says(struct srv *s)
{
	struct share_world w;
	if (!share_world(s, &w))
		return;
	struct cworld *c = &w.c;
	/* without a link, and with a link of no kind said: nothing */
	reads(s, c->sw_b, &w, false, false, "B before any link");
	struct resp *r = http(s, "POST", fmt("/api/v1/orgs/%lld/links", c->A), c->oa_a,
			      fmt("{\"org_id\":%lld,\"note\":\"共建\"}", c->B));
	long long link = EXPECT_STATUS(r, 201) ? jint(r->json, "id") : -1;
	CHECK_STR(jstr(r->json, "kind"), "liaison");
	reads(s, c->sw_b, &w, false, false, "B under liaison");
	/* A's own staff and a regional admin over A see what A shares */
	reads_as(s, c->sw_a, &w, true, true, "A's social worker", A_STAFF);
	reads_as(s, c->ra, &w, true, true, "the regional admin over A", A_STAFF);
	static const struct {
		const char *kind;
		bool needs, vols;
	} kinds[] = {{"co_building", true, true},
		     {"service_partner", true, false},
		     {"volunteer_share", false, true},
		     {"liaison", false, false},
		     {"co_building", true, true}};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		r = http(s, "PATCH", fmt("/api/v1/org-links/%lld", link), c->oa_a,
			 fmt("{\"kind\":\"%s\"}", kinds[k].kind));
		if (EXPECT_STATUS(r, 200))
			CHECK_STR(jstr(r->json, "kind"), kinds[k].kind);
		const char *who = fmt("B's staff under %s", kinds[k].kind);
		reads(s, c->sw_b, &w, kinds[k].needs, kinds[k].vols, who);
		reads(s, c->oa_b, &w, kinds[k].needs, kinds[k].vols, who);
		others_read_nothing(s, &w);
		no_writes(s, &w, c->sw_b);
		no_writes(s, &w, c->oa_b);
	}
	/* only the granting side's admins change or remove the link */
	const char *link_path = fmt("/api/v1/org-links/%lld", link);
	const char *before = http(s, "GET", link_path, s->admin, NULL)->body;
	const char *not_admins[] = {c->oa_b, c->sw_b, c->sw_a, w.vol_b, c->res1};
	for (size_t i = 0; i < sizeof not_admins / sizeof *not_admins; i++) {
		EXPECT_STATUS(http(s, "PATCH", link_path, not_admins[i], "{\"kind\":\"liaison\"}"), 403);
		EXPECT_STATUS(http(s, "DELETE", link_path, not_admins[i], NULL), 403);
	}
	CHECK_STR(http(s, "GET", link_path, s->admin, NULL)->body, before);
	/* removed: the read ends at once */
	EXPECT_STATUS(http(s, "DELETE", link_path, c->oa_a, NULL), 204);
	EXPECT_ERR(http(s, "GET", link_path, c->sw_b, NULL), 404, "not_found", "id");
	EXPECT_STATUS(http(s, "DELETE", link_path, c->oa_a, NULL), 404);
	reads(s, c->sw_b, &w, false, false, "B after the removal");
	/* every change and the removal are in the audit log, by A's admin */
	json_t *log = LIST_ALL(s, s->admin, fmt("/api/v1/audit?entity=org-links&entity_id=%lld", link));
	int creates = 0, updates = 0, deletes = 0;
	for (size_t i = 0; log && i < json_array_size(log); i++) {
		json_t *e = json_array_get(log, i);
		const char *a = jstr(e, "action");
		CHECK_INT(jint(e, "user_id"), c->uOA);
		creates += a && strcmp(a, "create") == 0;
		updates += a && strcmp(a, "update") == 0;
		deletes += a && strcmp(a, "delete") == 0;
	}
	CHECK_INT(creates, 1);
	CHECK_INT(updates, (int)(sizeof kinds / sizeof *kinds));
	CHECK_INT(deletes, 1);
}

void t_share_links_are_one_way_and_their_input_is_checked(struct srv *s)
{
	struct share_world w;
	if (!share_world(s, &w))
		return;
	struct cworld *c = &w.c;
	const char *links_a = fmt("/api/v1/orgs/%lld/links", c->A);
	long long n = COUNT(s, links_a);
	EXPECT_ERR(http(s, "POST", links_a, c->oa_a, fmt("{\"org_id\":%lld,\"kind\":\"friends\"}", c->B)), 422,
		   "invalid_value", "kind");
	EXPECT_ERR(http(s, "POST", links_a, c->oa_a, fmt("{\"org_id\":%lld}", c->A)), 422, "invalid_value",
		   "other_org_id");
	EXPECT_ERR(http(s, "POST", links_a, c->oa_a, "{\"org_id\":999999,\"kind\":\"co_building\"}"), 422,
		   "invalid_value", "other_org_id");
	/* staff who are no admins do not make links; nor B's admin for A */
	EXPECT_STATUS(http(s, "POST", links_a, c->sw_a, fmt("{\"org_id\":%lld,\"kind\":\"co_building\"}", c->B)), 403);
	EXPECT_STATUS(http(s, "POST", links_a, c->oa_b, fmt("{\"org_id\":%lld,\"kind\":\"co_building\"}", c->B)), 403);
	CHECK_INT(COUNT(s, links_a), n);
	struct resp *r = http(s, "POST", links_a, c->oa_a, fmt("{\"org_id\":%lld,\"kind\":\"service_partner\"}", c->B));
	long long ab = EXPECT_STATUS(r, 201) ? jint(r->json, "id") : -1;
	CHECK_STR(jstr(r->json, "kind"), "service_partner");
	CHECK_INT(jint(r->json, "org_id"), c->A);
	CHECK_INT(jint(r->json, "other_org_id"), c->B);
	EXPECT_STATUS(http(s, "POST", links_a, c->oa_a, fmt("{\"org_id\":%lld,\"kind\":\"co_building\"}", c->B)), 409);
	/* a PATCH changes kind and note only, and checks them */
	const char *p = fmt("/api/v1/org-links/%lld", ab);
	const char *before = http(s, "GET", p, s->admin, NULL)->body;
	EXPECT_ERR(http(s, "PATCH", p, c->oa_a, "{\"kind\":\"everything\"}"), 422, "invalid_value", "kind");
	EXPECT_ERR(http(s, "PATCH", p, c->oa_a, fmt("{\"other_org_id\":%lld}", w.C)), 422, "read_only",
		   "other_org_id");
	EXPECT_ERR(http(s, "PATCH", p, c->oa_a, fmt("{\"org_id\":%lld}", w.C)), 422, "read_only", "org_id");
	EXPECT_ERR(http(s, "PATCH", p, c->oa_a, "{\"colour\":\"red\"}"), 400, "unknown_field", "colour");
	CHECK_STR(http(s, "GET", p, s->admin, NULL)->body, before);
	/* both sides list the link, with its kind */
	r = http(s, "GET", fmt("/api/v1/orgs/%lld/links?kind=service_partner", c->B), c->sw_b, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK(has_id(r, ab));
	/* the link is one way: B reads A's needs, A reads nothing of B */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs", c->A), c->sw_b, NULL), 200);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs", c->B), c->sw_a, NULL), 403);
	/* sharing back is B's own link, by B's admin */
	r = http(s, "POST", fmt("/api/v1/orgs/%lld/links", c->B), c->oa_b,
		 fmt("{\"org_id\":%lld,\"kind\":\"volunteer_share\"}", c->A));
	long long ba = EXPECT_STATUS(r, 201) ? jint(r->json, "id") : -1;
	r = http(s, "GET", fmt("/api/v1/orgs/%lld/shared-volunteers", c->B), c->sw_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK(has_id(r, w.vB));
		CHECK_STR(jstr(r->json, "items.0.name"), "李*");
	}
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs", c->B), c->sw_a, NULL), 403);
	/* each side's links are its own: A's admin cannot end B's grant */
	EXPECT_STATUS(http(s, "DELETE", fmt("/api/v1/org-links/%lld", ba), c->oa_a, NULL), 403);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/org-links/%lld", ba), c->oa_a, "{\"kind\":\"co_building\"}"), 403);
	/* staff of A's sub-orgs gain nothing from B's link to A */
	long long pT = care_person(s, c, "队员社工", 30, c->w.town1);
	const char *sw_t = tok_user(s, "sw_t", pT, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", c->T));
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-volunteers", c->B), sw_t, NULL), 403);
	/* an unknown org is 404, a bad cursor 400 */
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs/999999/shared-needs", c->sw_a, NULL), 404, "not_found", "id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-volunteers?cursor=x", c->B), c->sw_a, NULL), 400,
		   "bad_request", "cursor");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/orgs/%lld/shared-needs?limit=0", c->A), c->sw_b, NULL), 400,
		   "bad_request", "limit");
	/* an old link made before kinds shares nothing: liaison */
	CHECK(db_exec(s, fmt("INSERT INTO org_links (org_id, other_org_id, created_at) VALUES (%lld, %lld, 0)", w.C,
			     c->B)));
	r = http(s, "GET", fmt("/api/v1/orgs/%lld/links", w.C), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "items.0.kind"), "liaison");
}
