/* t_volunteers.c - volunteers: the unified volunteer number, the stage
 * pipeline one step at a time (no skipping, rejected is final), the stage
 * history with its actor, the age rules for minors, duplicates and filters. */
#include "tests.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct vworld {
	struct world w;
	long long org, org2, org_town;	/* in d1, in d2, in town1 */
};

static bool vworld(struct srv *s, struct vworld *v)
{
	if (!world_regions(s, &v->w))
		return false;
	v->org = MK_ORG(s, s->admin, "Hub D1", "volunteer_hub", v->w.d1, 0);
	v->org2 = MK_ORG(s, s->admin, "Hub D2", "volunteer_hub", v->w.d2, 0);
	v->org_town = MK_ORG(s, s->admin, "Team T1", "volunteer_team", v->w.town1, v->org);
	return v->org > 0 && v->org2 > 0 && v->org_town > 0;
}

static long long adult(struct srv *s, int n)
{
	char idn[19];
	idnum_n(idn, n);
	return MK_PERSON(s, s->admin, fmt("Adult %d", n), idn, NULL, 0);
}

static const char *vbody(long long person, long long org)
{
	return fmt("{\"person_id\":%lld,\"org_id\":%lld}", person, org);
}

static bool volunteer_no_ok(const char *no, const char *region6)
{
	if (no == NULL || strlen(no) != 17)
		return false;
	for (int i = 0; i < 17; i++)
		if (!isdigit((unsigned char)no[i]))
			return false;
	char year[8];
	snprintf(year, sizeof year, "%04d", this_year());
	return memcmp(no, region6, 6) == 0 && memcmp(no + 6, year, 4) == 0;
}

void t_volunteer_create_assigns_number_and_applied_stage(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long p1 = adult(s, 1), p2 = adult(s, 2), p3 = adult(s, 3);
	struct resp *r = http(s, "POST", "/api/v1/volunteers", s->admin, vbody(p1, v.org));
	if (!EXPECT_STATUS(r, 201))
		return;
	const char *no1 = jstr(r->json, "volunteer_no");
	CHECKM(volunteer_no_ok(no1, "421002"), "volunteer_no %s: want 421002%d + 7 digits",
		no1 ? no1 : "(none)", this_year());
	CHECK_STR(jstr(r->json, "stage"), "applied");
	CHECK_INT(jint(r->json, "person_id"), p1);
	CHECK_INT(jint(r->json, "org_id"), v.org);
	CHECKR(r, json_number_value(jget(r->json, "verified_hours")) == 0);
	CHECK_INT(jint(r->json, "stars"), 0);
	CHECKR(r, jstr(r->json, "created_at") != NULL);
	struct resp *g = http(s, "GET", fmt("/api/v1/volunteers/%lld", jint(r->json, "id")),
		s->admin, NULL);
	if (EXPECT_STATUS(g, 200))
		CHECK_STR(jstr(g->json, "volunteer_no"), no1);

	struct resp *r2 = http(s, "POST", "/api/v1/volunteers", s->admin,
		fmt("{\"person_id\":%lld,\"org_id\":%lld,\"stage\":\"applied\"}", p2, v.org));
	if (EXPECT_STATUS(r2, 201)) {
		const char *no2 = jstr(r2->json, "volunteer_no");
		CHECK(volunteer_no_ok(no2, "421002"));
		CHECKM(no1 && no2 && strcmp(no1, no2) != 0, "volunteer_no repeated: %s", no1);
	}
	struct resp *r3 = http(s, "POST", "/api/v1/volunteers", s->admin, vbody(p3, v.org2));
	if (EXPECT_STATUS(r3, 201))
		CHECKR(r3, volunteer_no_ok(jstr(r3->json, "volunteer_no"), "421003"));
	struct resp *r4 = http(s, "POST", "/api/v1/volunteers", s->admin, vbody(p3, v.org_town));
	if (EXPECT_STATUS(r4, 201))
		CHECKR(r4, volunteer_no_ok(jstr(r4->json, "volunteer_no"), "421002"));

	long long n = COUNT(s, "/api/v1/volunteers");
	long long p4 = adult(s, 4);
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(
		"{\"person_id\":%lld,\"org_id\":%lld,\"stage\":\"trial\"}", p4, v.org)),
		422, NULL, "stage");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(
		"{\"person_id\":%lld,\"org_id\":%lld,\"volunteer_no\":\"42100220260000099\"}", p4, v.org)),
		422, "read_only", "volunteer_no");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(
		"{\"person_id\":%lld,\"org_id\":%lld,\"verified_hours\":100}", p4, v.org)),
		422, "read_only", "verified_hours");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(
		"{\"org_id\":%lld}", v.org)), 422, "required", "person_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, vbody(999999, v.org)),
		422, NULL, "person_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, vbody(p4, 999999)),
		422, NULL, "org_id");
	CHECK_INT(COUNT(s, "/api/v1/volunteers"), n);
}

static const char *const main_line[] = {"applied", "trial", "initial_training",
	"selection", "interview", "skills_training", "registered"};

void t_volunteer_pipeline_walks_one_step_at_a_time(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long vid = MK(s, s->admin, "/api/v1/volunteers", vbody(adult(s, 1), v.org));
	if (vid < 0)
		return;
	const char *path = fmt("/api/v1/volunteers/%lld/stage", vid);
	for (size_t i = 1; i < sizeof main_line / sizeof main_line[0]; i++) {
		struct resp *r = http(s, "POST", path, s->admin,
			fmt("{\"to\":\"%s\",\"note\":\"step %zu\"}", main_line[i], i));
		if (!EXPECT_STATUS(r, 200))
			return;
		CHECK_STR(jstr(r->json, "stage"), main_line[i]);
		CHECK_INT(jint(r->json, "id"), vid);
	}
	struct resp *g = http(s, "GET", fmt("/api/v1/volunteers/%lld", vid), s->admin, NULL);
	if (EXPECT_STATUS(g, 200))
		CHECK_STR(jstr(g->json, "stage"), "registered");
}

void t_volunteer_stage_skip_is_invalid_transition(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long vid = MK(s, s->admin, "/api/v1/volunteers", vbody(adult(s, 1), v.org));
	const char *path = fmt("/api/v1/volunteers/%lld/stage", vid);
	static const char *const bad[] = {"interview", "registered", "initial_training",
		"applied", "inactive"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		EXPECT_ERR(http(s, "POST", path, s->admin, fmt("{\"to\":\"%s\"}", bad[i])),
			422, "invalid_transition", "to");
	EXPECT_ERR(http(s, "POST", path, s->admin, "{\"to\":\"graduated\"}"), 422, NULL, "to");
	EXPECT_ERR(http(s, "POST", path, s->admin, "{\"note\":\"no target\"}"), 422, "required", "to");
	EXPECT_STATUS(http(s, "POST", path, s->admin, "{\"to\":\"trial\"}"), 200);
	EXPECT_ERR(http(s, "POST", path, s->admin, "{\"to\":\"applied\"}"), 422,
		"invalid_transition", "to");
	EXPECT_ERR(http(s, "POST", path, s->admin, "{\"to\":\"selection\"}"), 422,
		"invalid_transition", "to");
	struct resp *g = http(s, "GET", fmt("/api/v1/volunteers/%lld", vid), s->admin, NULL);
	if (EXPECT_STATUS(g, 200))
		CHECK_STR(jstr(g->json, "stage"), "trial");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers/999999/stage", s->admin,
		"{\"to\":\"trial\"}"), 404, "not_found", NULL);
}

void t_volunteer_rejected_is_final(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long vid = MK(s, s->admin, "/api/v1/volunteers", vbody(adult(s, 1), v.org));
	const char *path = fmt("/api/v1/volunteers/%lld/stage", vid);
	struct resp *r = http(s, "POST", path, s->admin, "{\"to\":\"rejected\",\"note\":\"no\"}");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "stage"), "rejected");
	static const char *const after[] = {"applied", "trial", "registered", "withdrawn",
		"inactive"};
	for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
		EXPECT_ERR(http(s, "POST", path, s->admin, fmt("{\"to\":\"%s\"}", after[i])),
			422, "invalid_transition", "to");
	struct resp *g = http(s, "GET", fmt("/api/v1/volunteers/%lld", vid), s->admin, NULL);
	if (EXPECT_STATUS(g, 200))
		CHECK_STR(jstr(g->json, "stage"), "rejected");
}

void t_volunteer_stage_history_records_actor(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long vid = MK(s, s->admin, "/api/v1/volunteers", vbody(adult(s, 1), v.org));
	long long oa = MK_USER(s, s->admin, "hub_admin", 0,
		fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", v.org));
	const char *oatok = LOGIN(s, "hub_admin", USER_PASS);
	if (vid < 0 || oa < 0 || oatok == NULL)
		return;
	const char *path = fmt("/api/v1/volunteers/%lld/stage", vid);
	size_t nsteps = sizeof main_line / sizeof main_line[0];
	for (size_t i = 1; i < nsteps; i++) {
		const char *tok = i == 2 ? oatok : s->admin;
		if (!EXPECT_STATUS(http(s, "POST", path, tok,
			fmt("{\"to\":\"%s\",\"note\":\"step %zu\"}", main_line[i], i)), 200))
			return;
	}
	struct resp *h = http(s, "GET", fmt("/api/v1/volunteers/%lld/stages", vid), s->admin, NULL);
	if (!EXPECT_STATUS(h, 200))
		return;
	json_t *items = jget(h->json, "items");
	size_t n = json_array_size(items);
	/* The creation may or may not be an entry of its own; the six moves are
	 * the last six entries, in order. */
	if (!CHECKR(h, n == nsteps - 1 || n == nsteps))
		return;
	size_t off = n - (nsteps - 1);
	if (off == 1)
		CHECK_STR(jstr(items, "0.to"), "applied");
	for (size_t i = 1; i < nsteps; i++) {
		json_t *it = json_array_get(items, off + i - 1);
		CHECK_STR(jstr(it, "from"), main_line[i - 1]);
		CHECK_STR(jstr(it, "to"), main_line[i]);
		CHECK_STR(jstr(it, "note"), fmt("step %zu", i));
		CHECK_INT(jint(it, "by_user_id"), i == 2 ? oa : s->admin_id);
		CHECKM(jstr(it, "at") != NULL, "history entry %zu lacks at", i);
	}
}

void t_volunteer_minor_rules(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	int y, m, d;
	char id15[19], id13[19], id14[19], id17[19], id18[19];
	date_ago(15, 10, &y, &m, &d);
	idnum(id15, "421002", y, m, d, 151);
	date_ago(13, 10, &y, &m, &d);
	idnum(id13, "421002", y, m, d, 131);
	date_ago(14, -2, &y, &m, &d);	/* turns 14 in two days */
	idnum(id14, "421002", y, m, d, 141);
	date_ago(18, -2, &y, &m, &d);	/* turns 18 in two days */
	idnum(id17, "421002", y, m, d, 171);
	date_ago(18, 2, &y, &m, &d);	/* turned 18 two days ago */
	idnum(id18, "421002", y, m, d, 181);
	long long p15 = MK_PERSON(s, s->admin, "Fifteen", id15, NULL, 0);
	long long p13 = MK_PERSON(s, s->admin, "Thirteen", id13, NULL, 0);
	long long p14 = MK_PERSON(s, s->admin, "Nearly fourteen", id14, NULL, 0);
	long long p17 = MK_PERSON(s, s->admin, "Nearly eighteen", id17, NULL, 0);
	long long p18 = MK_PERSON(s, s->admin, "Eighteen", id18, NULL, 0);
	long long pnb = MK_PERSON(s, s->admin, "No birth date", NULL, NULL, 0);
	const char *consent = ",\"guardian_consent\":true,\"guardian_name\":\"王芳\"";
	const char *post = "{\"person_id\":%lld,\"org_id\":%lld%s}";

	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p15, v.org, "")),
		422, NULL, "guardian_consent");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p15, v.org,
		",\"guardian_consent\":false,\"guardian_name\":\"王芳\"")), 422, NULL, "guardian_consent");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p15, v.org,
		",\"guardian_consent\":true")), 422, NULL, "guardian_name");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p13, v.org, consent)),
		422, "rule_violation", "person_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p14, v.org, consent)),
		422, "rule_violation", "person_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p17, v.org, "")),
		422, NULL, "guardian_consent");
	EXPECT_ERR(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, pnb, v.org, "")),
		422, NULL, "person_id");
	CHECK_INT(COUNT(s, "/api/v1/volunteers"), 0);

	struct resp *r = http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p15, v.org, consent));
	if (EXPECT_STATUS(r, 201)) {
		CHECKR(r, json_is_true(jget(r->json, "guardian_consent")));
		CHECK_STR(jstr(r->json, "guardian_name"), "王芳");
	}
	EXPECT_STATUS(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p17, v.org, consent)), 201);
	EXPECT_STATUS(http(s, "POST", "/api/v1/volunteers", s->admin, fmt(post, p18, v.org, "")), 201);
	CHECK_INT(COUNT(s, "/api/v1/volunteers"), 3);
}

void t_volunteer_duplicate_person_org_is_409(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long p = adult(s, 1);
	MK(s, s->admin, "/api/v1/volunteers", vbody(p, v.org));
	struct resp *r = http(s, "POST", "/api/v1/volunteers", s->admin, vbody(p, v.org));
	if (EXPECT_STATUS(r, 409)) {
		const char *c = jstr(r->json, "error.code");
		CHECKR(r, c && (strcmp(c, "duplicate") == 0 || strcmp(c, "conflict") == 0));
	}
	CHECK_INT(COUNT(s, "/api/v1/volunteers"), 1);
	EXPECT_STATUS(http(s, "POST", "/api/v1/volunteers", s->admin, vbody(p, v.org2)), 201);
}

void t_volunteer_filters_by_stage_person_org_region(struct srv *s)
{
	struct vworld v;
	if (!vworld(s, &v))
		return;
	long long p1 = adult(s, 1), p2 = adult(s, 2), p3 = adult(s, 3);
	long long v1 = MK(s, s->admin, "/api/v1/volunteers", vbody(p1, v.org));
	long long v2 = MK(s, s->admin, "/api/v1/volunteers", vbody(p2, v.org_town));
	long long v3 = MK(s, s->admin, "/api/v1/volunteers", vbody(p3, v.org2));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v2), s->admin,
		"{\"to\":\"trial\"}"), 200);
	struct {
		const char *q;
		long long a, b;	/* expected ids, 0 = none */
	} cases[] = {
		{"stage=applied", v1, v3},
		{"stage=trial", v2, 0},
		{fmt("person_id=%lld", p3), v3, 0},
		{fmt("org_id=%lld", v.org), v1, v2},
		{fmt("region_id=%lld", v.w.d2), v3, 0},
		{fmt("region_id=%lld", v.w.town1), v2, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/volunteers?%s", cases[i].q));
		if (l == NULL)
			continue;
		size_t want = cases[i].b ? 2 : 1;
		CHECKM(json_array_size(l) == want && arr_find_id(l, cases[i].a) &&
			(cases[i].b == 0 || arr_find_id(l, cases[i].b)),
			"?%s: want ids %lld %lld, got %zu items", cases[i].q, cases[i].a,
			cases[i].b, json_array_size(l));
		size_t k;
		json_t *it;
		if (strncmp(cases[i].q, "stage=", 6) == 0)
			json_array_foreach(l, k, it)
				CHECK_STR(jstr(it, "stage"), cases[i].q + 6);
	}
}
