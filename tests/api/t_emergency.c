/* t_emergency.c - emergency mobilisation (应急守护, issue 5): incidents
 * validated and scoped, assessed, mobilised to the nearest qualified
 * registered volunteers (oversubscribed), acknowledgements that are
 * idempotent, stand-down once enough accept, widening after the deadline,
 * feedback reports, the timeline; and every server process's volunteer
 * index following changes made through another process. */
#include "tests.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The incident's point; volunteers sit north of it, 0.001 degree of
 * latitude (about 111 m) per step. */
#define LAT0 30.3500
#define LON0 112.2000

struct ew {
	struct world w;
	long long A, B;			/* stations in town1 and town2 */
	long long sw_person, sw;	/* A's social worker */
	const char *swa, *swb;		/* tokens: social workers of A and of B */
	int npeople;
};

static const char *const stages[] = {"trial", "initial_training", "selection", "interview", "skills_training",
				     "registered"};

static bool ew_setup(struct srv *s, struct ew *e)
{
	memset(e, 0, sizeof *e);
	if (!world_regions(s, &e->w))
		return false;
	e->A = MK_ORG(s, s->admin, "中山街道社工站", "social_work_station", e->w.town1, 0);
	e->B = MK_ORG(s, s->admin, "西城街道社工站", "social_work_station", e->w.town2, 0);
	e->sw_person = MK_PERSON(s, s->admin, "社工甲", NULL, NULL, e->A);
	e->sw = MK(s, s->admin, "/api/v1/social-workers",
		   fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"intermediate\",\"certificate_no\":\"S-1\"}",
		       e->sw_person, e->A));
	MK_USER(s, s->admin, "swa", e->sw_person, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", e->A));
	MK_USER(s, s->admin, "swb", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", e->B));
	e->swa = LOGIN(s, "swa", USER_PASS);
	e->swb = LOGIN(s, "swb", USER_PASS);
	return e->swa && e->swb && test_failures() == 0;
}

/* A volunteer of org A, `step` steps north of the incident, with `skills`
 * (a JSON array), walked to `stage` (NULL: registered). *person gets the
 * person id. */
static long long vol_at(struct srv *s, struct ew *e, double step, const char *skills, const char *stage,
			long long *person)
{
	char idn[19];
	idnum_n(idn, 7000 + ++e->npeople);
	long long p = MK(s, s->admin, "/api/v1/people",
			 fmt("{\"name\":\"志愿者%d\",\"id_number\":\"%s\",\"org_id\":%lld,\"lat\":%.6f,\"lon\":%.6f,"
			     "\"skills\":%s}", e->npeople, idn, e->A, LAT0 + step * 0.001, LON0, skills));
	long long v = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, e->A));
	for (size_t k = 0; v > 0 && k < sizeof stages / sizeof *stages; k++) {
		if (stage && strcmp(stage, "applied") == 0)
			break;
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), s->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
		if (stage && strcmp(stage, stages[k]) == 0)
			break;
	}
	if (person)
		*person = p;
	return v;
}

/* A token for a volunteer's own account. */
static const char *vol_login(struct srv *s, struct ew *e, const char *name, long long person)
{
	MK_USER(s, s->admin, name, person, fmt("[{\"role\":\"volunteer\",\"org_id\":%lld}]", e->A));
	return LOGIN(s, name, USER_PASS);
}

static long long incident(struct srv *s, const char *tok, struct ew *e, const char *title)
{
	return MK(s, tok, "/api/v1/emergencies",
		  fmt("{\"type\":\"medical\",\"title\":\"%s\",\"place\":\"三眼井社区\",\"lat\":%.6f,\"lon\":%.6f,"
		      "\"region_id\":%lld,\"org_id\":%lld,\"severity\":\"critical\"}", title, LAT0, LON0, e->w.comm1, e->A));
}

static struct resp *assess(struct srv *s, const char *tok, long long em, const char *body)
{
	return http(s, "POST", fmt("/api/v1/emergencies/%lld/assess", em), tok, body);
}

static struct resp *mobilize(struct srv *s, const char *tok, long long em, const char *body)
{
	return http(s, "POST", fmt("/api/v1/emergencies/%lld/mobilize", em), tok, body);
}

static struct resp *ack(struct srv *s, const char *tok, long long em, long long vol, const char *answer)
{
	return http(s, "POST", fmt("/api/v1/emergencies/%lld/acks", em), tok,
		    fmt("{\"volunteer_id\":%lld,\"answer\":\"%s\"}", vol, answer));
}

static bool has_vol(json_t *items, long long vol)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (jint(it, "volunteer_id") == vol)
			return true;
	return false;
}

/* The call-out of `vol` in the incident's list, or NULL. */
static json_t *callout_of(struct srv *s, long long em, long long vol)
{
	json_t *all = LIST_ALL(s, s->admin, fmt("/api/v1/emergencies/%lld/callouts", em));
	size_t i;
	json_t *it;
	json_array_foreach(all, i, it)
		if (jint(it, "volunteer_id") == vol)
			return it;
	return NULL;
}

static int count_kind(json_t *timeline, const char *kind, long long vol)
{
	int n = 0;
	size_t i;
	json_t *it;
	json_array_foreach(timeline, i, it)
		n += jstr(it, "kind") && strcmp(jstr(it, "kind"), kind) == 0 && (vol == 0 || jint(it, "volunteer_id") == vol);
	return n;
}

void t_emergency_create_validation_and_scope(struct srv *s)
{
	struct ew e;
	if (!ew_setup(s, &e))
		return;
	const char *base = fmt("\"lat\":%.4f,\"lon\":%.4f,\"region_id\":%lld,\"org_id\":%lld", LAT0, LON0, e.w.comm1, e.A);
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa, fmt("{%s}", base)), 422, "required", "type");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa, fmt("{\"type\":\"volcano\",%s}", base)), 422,
		   "invalid_value", "type");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa,
			fmt("{\"type\":\"fire\",\"lat\":91,\"lon\":112,\"region_id\":%lld,\"org_id\":%lld}", e.w.comm1, e.A)),
		   422, "invalid_value", "lat");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa,
			fmt("{\"type\":\"fire\",\"lat\":30,\"region_id\":%lld,\"org_id\":%lld}", e.w.comm1, e.A)),
		   422, "required", "lon");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa, fmt("{\"type\":\"fire\",\"severity\":\"huge\",%s}", base)),
		   422, "invalid_value", "severity");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa, fmt("{\"type\":\"fire\",\"status\":\"closed\",%s}", base)),
		   422, "read_only", "status");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa, fmt("{\"type\":\"fire\",\"needed_count\":3,%s}", base)),
		   422, "read_only", "needed_count");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa, fmt("{\"type\":\"fire\",\"colour\":1,%s}", base)), 400,
		   "unknown_field", "colour");
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swa,
			fmt("{\"type\":\"fire\",\"lat\":30,\"lon\":112,\"region_id\":99999,\"org_id\":%lld}", e.A)),
		   422, "invalid_value", "region_id");
	/* staff of B may not report in A's name */
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", e.swb, fmt("{\"type\":\"fire\",%s}", base)), 403, "forbidden",
		   "org_id");
	CHECK_INT(COUNT(s, "/api/v1/emergencies"), 0);

	long long em = incident(s, e.swa, &e, "老人倒地");
	struct resp *r = http(s, "GET", fmt("/api/v1/emergencies/%lld", em), e.swa, NULL);
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "reported");
	CHECK_STR(jstr(r->json, "severity"), "critical");
	CHECK_STR(jstr(r->json, "type"), "medical");
	CHECK_INT(jint(r->json, "wave"), 0);
	CHECK(jisnull(r->json, "needed_count"));

	/* out-of-scope staff neither read nor list it; a volunteer cannot report */
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld", em), e.swb, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld/timeline", em), e.swb, NULL), 403, "forbidden", NULL);
	json_t *lb = LIST_ALL(s, e.swb, "/api/v1/emergencies");
	CHECK(lb != NULL && json_array_size(lb) == 0);
	long long vp;
	vol_at(s, &e, 1, "[]", NULL, &vp);
	const char *vt = vol_login(s, &e, "vol_1", vp);
	EXPECT_ERR(http(s, "POST", "/api/v1/emergencies", vt, fmt("{\"type\":\"fire\",%s}", base)), 403, "forbidden",
		   "org_id");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld", em), vt, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(mobilize(s, vt, em, "{\"count\":1,\"radius_km\":1}"), 403, "forbidden", NULL);
	EXPECT_STATUS(http(s, "GET", "/api/v1/emergencies/424242", e.swa, NULL), 404);

	/* a regional admin of the district reads it */
	MK_USER(s, s->admin, "reg_admin", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", e.w.d1));
	const char *ra = LOGIN(s, "reg_admin", USER_PASS);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/emergencies/%lld", em), ra, NULL), 200);
	EXPECT_ERR(assess(s, ra, em, "{\"needed_count\":1,\"radius_km\":1}"), 403, "forbidden", NULL);

	/* PATCH by its staff; closed incidents no longer change */
	r = http(s, "PATCH", fmt("/api/v1/emergencies/%lld", em), e.swa, "{\"place\":\"三眼井社区 3 栋\"}");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "place"), "三眼井社区 3 栋");
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/close", em), e.swa, NULL), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/emergencies/%lld", em), e.swa, "{\"place\":\"x\"}"), 409, "conflict",
		   NULL);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/close", em), e.swa, NULL), 409, "conflict", NULL);
}

void t_emergency_mobilize_nearest_qualified_registered(struct srv *s)
{
	struct ew e;
	if (!ew_setup(s, &e))
		return;
	long long pnear;
	long long v_applied = vol_at(s, &e, 0.2, "[\"first_aid\"]", "applied", NULL);	/* nearest, not registered */
	long long v_noskill = vol_at(s, &e, 0.5, "[\"cooking\"]", NULL, NULL);		/* lacks the skill */
	long long v1 = vol_at(s, &e, 3, "[\"first_aid\",\"cpr\"]", NULL, &pnear);
	long long v2 = vol_at(s, &e, 1, "[\"first_aid\"]", NULL, NULL);
	long long v3 = vol_at(s, &e, 6, "[\"driving\",\"first_aid\"]", NULL, NULL);
	long long v4 = vol_at(s, &e, 9, "[\"first_aid\"]", NULL, NULL);
	long long v5 = vol_at(s, &e, 12, "[\"first_aid\"]", NULL, NULL);
	long long v_far = vol_at(s, &e, 40, "[\"first_aid\"]", NULL, NULL);		/* 4.4 km: outside 2 km */
	long long v_trial = vol_at(s, &e, 2, "[\"first_aid\"]", "trial", NULL);
	const char *vt = vol_login(s, &e, "near", pnear);
	long long em = incident(s, e.swa, &e, "心脏骤停");
	if (test_failures())
		return;

	/* mobilising before any assessment needs a count and a radius */
	EXPECT_ERR(mobilize(s, e.swa, em, NULL), 422, "required", "count");
	EXPECT_ERR(mobilize(s, e.swa, em, "{\"count\":2}"), 422, "required", "radius_km");
	/* the assessment: its bounds name the field */
	EXPECT_ERR(assess(s, e.swa, em, "{\"radius_km\":2}"), 422, "required", "needed_count");
	EXPECT_ERR(assess(s, e.swa, em, "{\"needed_count\":0,\"radius_km\":2}"), 422, "invalid_value", "needed_count");
	EXPECT_ERR(assess(s, e.swa, em, "{\"needed_count\":2,\"radius_km\":2,\"oversubscription\":9}"), 422,
		   "invalid_value", "oversubscription");
	EXPECT_ERR(assess(s, s->admin, em, "{\"needed_count\":2,\"radius_km\":2}"), 422, "required", "social_worker_id");
	struct resp *r = assess(s, e.swa, em,
				"{\"needed_count\":2,\"radius_km\":2,\"required_skills\":[\"first_aid\"],"
				"\"oversubscription\":1.5,\"plan\":\"两人心肺复苏，一人引导救护车\"}");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "assessed");
	CHECK_INT(jint(r->json, "needed_count"), 2);
	CHECK_INT(jint(r->json, "assessed_by_social_worker_id"), e.sw);
	CHECK(json_real_value(jget(r->json, "oversubscription")) == 1.5);

	/* bad mobilise bodies change nothing */
	EXPECT_ERR(mobilize(s, e.swa, em, "{\"count\":0}"), 422, "invalid_value", "count");
	EXPECT_ERR(mobilize(s, e.swa, em, "{\"count\":\"two\"}"), 422, "invalid_value", "count");
	EXPECT_ERR(mobilize(s, e.swa, em, "{\"radius_km\":-1}"), 422, "invalid_value", "radius_km");
	EXPECT_ERR(mobilize(s, e.swa, em, "{\"everyone\":true}"), 400, "unknown_field", "everyone");
	CHECK_INT(COUNT(s, fmt("/api/v1/emergencies/%lld/callouts", em)), 0);

	/* the preview answers who would be called, and calls no one */
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates?count=3", em), e.swa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 3);
		CHECK_INT(jint(r->json, "items.0.volunteer_id"), v2);
		CHECK_INT(jint(r->json, "items.1.volunteer_id"), v1);
		CHECK_INT(jint(r->json, "items.2.volunteer_id"), v3);
	}
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates?count=10&radius_km=0.5", em), e.swa, NULL);
	if (EXPECT_STATUS(r, 200)) /* 0.11 and 0.33 km; 0.67 km is beyond */
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates?count=0", em), e.swa, NULL), 422,
		   "invalid_value", "count");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates?radius_km=x", em), e.swa, NULL), 422,
		   "invalid_value", "radius_km");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates", em), vt, NULL), 403, "forbidden", NULL);
	CHECK_INT(COUNT(s, fmt("/api/v1/emergencies/%lld/callouts", em)), 0);

	/* ceil(2 x 1.5) = 3 called: the three nearest registered with the skill */
	r = mobilize(s, e.swa, em, NULL);
	EXPECT_STATUS(r, 200);
	json_t *items = jget(r->json, "items");
	CHECK_INT((long long)json_array_size(items), 3);
	CHECK_INT(jint(r->json, "wave"), 1);
	CHECK_INT(jint(r->json, "needed_count"), 2);
	CHECK_INT(jint(r->json, "items.0.volunteer_id"), v2);
	CHECK_INT(jint(r->json, "items.1.volunteer_id"), v1);
	CHECK_INT(jint(r->json, "items.2.volunteer_id"), v3);
	double last = -1;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		double d = json_real_value(jget(it, "distance_km"));
		CHECKM(d >= last && d <= 2.0, "distance %g after %g", d, last);
		last = d;
		CHECK_STR(jstr(it, "status"), "called");
		CHECK(jint(it, "person_id") > 0);
		CHECK(jstr(it, "name") != NULL);
		CHECK_INT(jint(it, "wave"), 1);
	}
	CHECK(json_real_value(jget(r->json, "items.0.distance_km")) > 0.10 &&
	      json_real_value(jget(r->json, "items.0.distance_km")) < 0.12);
	CHECK(!has_vol(items, v_applied) && !has_vol(items, v_noskill) && !has_vol(items, v_far) &&
	      !has_vol(items, v_trial) && !has_vol(items, v4) && !has_vol(items, v5));

	/* the preview now skips those called */
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates?count=2", em), e.swa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "items.0.volunteer_id"), v4);
		CHECK_INT(jint(r->json, "items.1.volunteer_id"), v5);
	}

	/* everybody needed is called: a second mobilise calls nobody; a larger
	 * count tops up with the next nearest */
	r = mobilize(s, e.swa, em, NULL);
	EXPECT_STATUS(r, 200);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 0);
	r = mobilize(s, e.swa, em, "{\"count\":3}");
	EXPECT_STATUS(r, 200);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2); /* ceil(4.5) = 5, 3 pending */
	CHECK_INT(jint(r->json, "items.0.volunteer_id"), v4);
	CHECK_INT(jint(r->json, "items.1.volunteer_id"), v5);
	CHECK_INT(jint(r->json, "wave"), 2);
	/* nobody left within the radius */
	r = mobilize(s, e.swa, em, "{\"count\":10}");
	EXPECT_STATUS(r, 200);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 0);
	CHECK_INT(COUNT(s, fmt("/api/v1/emergencies/%lld/callouts", em)), 5);

	/* the volunteer is told in the inbox, and reads the incident and its own call-out */
	json_t *inbox = LIST_ALL(s, vt, "/api/v1/notifications?kind=emergency_callout");
	CHECK(inbox != NULL && json_array_size(inbox) == 1);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/emergencies/%lld", em), vt, NULL), 200);
	json_t *mine = LIST_ALL(s, vt, "/api/v1/callouts");
	CHECK(mine != NULL && json_array_size(mine) == 1 && jint(json_array_get(mine, 0), "volunteer_id") == v1);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/emergencies/%lld/timeline", em), vt, NULL), 403, "forbidden", NULL);
	/* still a volunteer: no mobilising, no widening */
	EXPECT_ERR(mobilize(s, vt, em, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/widen", em), vt, NULL), 403, "forbidden", NULL);
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld", em), e.swa, NULL);
	CHECK_STR(jstr(r->json, "status"), "mobilizing");
	CHECK_INT(jint(r->json, "pending_count"), 5);
}

void t_emergency_acks_idempotent_stand_down_reports_timeline(struct srv *s)
{
	struct ew e;
	if (!ew_setup(s, &e))
		return;
	long long p[5], v[5];
	for (int k = 0; k < 5; k++)
		v[k] = vol_at(s, &e, 1 + k, "[\"first_aid\"]", NULL, &p[k]);
	long long v_other = vol_at(s, &e, 30, "[\"first_aid\"]", NULL, NULL); /* never called */
	const char *t0 = vol_login(s, &e, "vol_a", p[0]);
	const char *t3 = vol_login(s, &e, "vol_d", p[3]);
	long long em = incident(s, e.swa, &e, "溺水");
	EXPECT_STATUS(assess(s, e.swa, em, "{\"needed_count\":2,\"radius_km\":1,\"required_skills\":[\"first_aid\"]}"),
		      200);
	struct resp *r = mobilize(s, e.swa, em, NULL);
	EXPECT_STATUS(r, 200);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 4); /* default oversubscription 2 */
	if (test_failures())
		return;

	/* bad acks */
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/acks", em), t0, fmt("{\"volunteer_id\":%lld}", v[0])),
		   422, "required", "answer");
	EXPECT_ERR(ack(s, t0, em, v[0], "maybe"), 422, "invalid_value", "answer");
	EXPECT_ERR(ack(s, t0, em, v[1], "accept"), 403, "forbidden", "volunteer_id");
	EXPECT_ERR(ack(s, e.swa, em, v_other, "accept"), 422, "rule_violation", "volunteer_id");

	/* accept, and again: the same state, nothing written twice */
	r = ack(s, t0, em, v[0], "accept");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "accepted");
	long long answered = jint(r->json, "id");
	r = ack(s, t0, em, v[0], "accept");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "accepted");
	CHECK_INT(jint(r->json, "id"), answered);
	/* staff answer for a volunteer on the phone: a decline, twice */
	EXPECT_STATUS(ack(s, e.swa, em, v[1], "decline"), 200);
	r = ack(s, e.swa, em, v[1], "decline");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "declined");
	EXPECT_ERR(ack(s, e.swa, em, v[1], "accept"), 422, "invalid_transition", "answer");
	json_t *tl = LIST_ALL(s, e.swa, fmt("/api/v1/emergencies/%lld/timeline", em));
	CHECK_INT(count_kind(tl, "accepted", v[0]), 1);
	CHECK_INT(count_kind(tl, "declined", v[1]), 1);

	/* the second accept is enough: the one still called is stood down and told */
	r = ack(s, e.swa, em, v[2], "accept");
	EXPECT_STATUS(r, 200);
	json_t *co3 = callout_of(s, em, v[3]);
	CHECK(co3 != NULL && strcmp(jstr(co3, "status"), "stood_down") == 0);
	json_t *told = LIST_ALL(s, t3, "/api/v1/notifications?kind=emergency_stand_down");
	CHECK(told != NULL && json_array_size(told) == 1);
	/* an accept after the stand-down is answered, not counted */
	EXPECT_ERR(ack(s, t3, em, v[3], "accept"), 409, "conflict", "answer");
	r = ack(s, t3, em, v[3], "decline"); /* harmless */
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "stood_down");
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld", em), e.swa, NULL);
	CHECK_INT(jint(r->json, "accepted_count"), 2);
	CHECK_INT(jint(r->json, "pending_count"), 0);

	/* arrival, repeated; leaving is no decline */
	EXPECT_STATUS(ack(s, t0, em, v[0], "arrived"), 200);
	r = ack(s, t0, em, v[0], "arrived");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "arrived");
	CHECK(jstr(r->json, "arrived_at") != NULL);
	EXPECT_ERR(ack(s, t0, em, v[0], "decline"), 422, "invalid_transition", "answer");
	/* a withdrawal after accepting leaves one short and nobody pending: the
	 * next nearest not yet called is called at once */
	r = ack(s, e.swa, em, v[2], "decline");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "declined");
	json_t *co4 = callout_of(s, em, v[4]);
	CHECK(co4 != NULL && strcmp(jstr(co4, "status"), "called") == 0 && jint(co4, "wave") == 2);
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld", em), e.swa, NULL);
	CHECK_INT(jint(r->json, "accepted_count"), 1);
	CHECK_INT(jint(r->json, "pending_count"), 1);
	/* ... and the stood-down one may now accept, since a volunteer is needed;
	 * that is enough again, so the new call stands down */
	r = ack(s, t3, em, v[3], "accept");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "accepted");
	co4 = callout_of(s, em, v[4]);
	CHECK(co4 != NULL && strcmp(jstr(co4, "status"), "stood_down") == 0);

	/* reports: by a called volunteer for themself; not by others */
	r = http(s, "POST", fmt("/api/v1/emergencies/%lld/reports", em), t0,
		 "{\"kind\":\"situation\",\"text\":\"已到场，患者意识恢复\"}");
	EXPECT_STATUS(r, 201);
	CHECK_INT(jint(r->json, "volunteer_id"), v[0]);
	CHECK_STR(jstr(r->json, "kind"), "situation");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/reports", em), t0, "{\"text\":\"\"}"), 422,
		   "invalid_value", "text");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/reports", em), t0,
			fmt("{\"volunteer_id\":%lld,\"text\":\"替别人写\"}", v[3])),
		   403, "forbidden", "volunteer_id");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/reports", em), e.swa,
			fmt("{\"volunteer_id\":%lld,\"text\":\"未被召集\"}", v_other)),
		   422, "rule_violation", "volunteer_id");
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/reports", em), t3, "{\"text\":\"路上\"}"), 201);
	CHECK_INT(COUNT(s, fmt("/api/v1/emergencies/%lld/reports", em)), 2);
	json_t *own = LIST_ALL(s, t0, fmt("/api/v1/emergencies/%lld/reports", em));
	CHECK(own != NULL && json_array_size(own) == 1);

	/* closing stands nobody down twice and refuses later answers */
	r = http(s, "POST", fmt("/api/v1/emergencies/%lld/close", em), e.swa, "{\"note\":\"已送医\"}");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "closed");
	EXPECT_ERR(ack(s, t3, em, v[3], "decline"), 409, "conflict", "answer");
	r = ack(s, t0, em, v[0], "arrived"); /* a repeat still answers with the state */
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "arrived");
	EXPECT_ERR(mobilize(s, e.swa, em, NULL), 409, "conflict", NULL);

	/* the timeline, oldest first, tells the story once */
	tl = LIST_ALL(s, e.swa, fmt("/api/v1/emergencies/%lld/timeline", em));
	if (!CHECK(tl != NULL && json_array_size(tl) > 10))
		return;
	CHECK_STR(jstr(json_array_get(tl, 0), "kind"), "reported");
	CHECK_STR(jstr(json_array_get(tl, 1), "kind"), "assessed");
	CHECK_STR(jstr(json_array_get(tl, json_array_size(tl) - 1), "kind"), "closed");
	long long prev_id = 0;
	size_t i;
	json_t *it;
	json_array_foreach(tl, i, it) {
		CHECK(jint(it, "id") > prev_id);
		prev_id = jint(it, "id");
	}
	CHECK_INT(count_kind(tl, "called", 0), 5);
	CHECK_INT(count_kind(tl, "stood_down", v[4]), 1);
	CHECK_INT(count_kind(tl, "mobilized", 0), 1);
	CHECK_INT(count_kind(tl, "accepted", v[0]), 1);
	CHECK_INT(count_kind(tl, "arrived", v[0]), 1);
	CHECK_INT(count_kind(tl, "stood_down", v[3]), 1);
	CHECK_INT(count_kind(tl, "accepted", v[3]), 1);
	CHECK_INT(count_kind(tl, "report", 0), 2);
}

void t_emergency_widens_after_the_deadline(struct srv *s)
{
	struct ew e;
	if (!ew_setup(s, &e))
		return;
	long long v[6];
	for (int k = 0; k < 6; k++)
		v[k] = vol_at(s, &e, 1 + k, "[\"first_aid\"]", NULL, NULL);
	long long em = incident(s, e.swa, &e, "走失老人");
	EXPECT_STATUS(assess(s, e.swa, em,
			     "{\"needed_count\":2,\"radius_km\":1,\"oversubscription\":1,\"ack_deadline_s\":3}"), 200);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/emergencies/%lld/widen", em), e.swa, NULL), 409, "conflict", NULL);
	struct resp *r = mobilize(s, e.swa, em, NULL);
	EXPECT_STATUS(r, 200);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2);
	EXPECT_STATUS(ack(s, e.swa, em, v[0], "accept"), 200);
	if (test_failures())
		return;
	/* v[1] does not answer; once the deadline passed, the next read widens.
	 * Times are whole seconds, so a 3 s deadline leaves the checks after
	 * the widening at least 2 s before the next one, even under ASan. */
	sleep(4);
	r = http(s, "GET", fmt("/api/v1/emergencies/%lld", em), e.swa, NULL);
	EXPECT_STATUS(r, 200);
	CHECK_INT(jint(r->json, "wave"), 2);
	json_t *c1 = callout_of(s, em, v[1]), *c2 = callout_of(s, em, v[2]);
	CHECK(c1 != NULL && strcmp(jstr(c1, "status"), "expired") == 0);
	CHECK(c2 != NULL && strcmp(jstr(c2, "status"), "called") == 0 && jint(c2, "wave") == 2);
	CHECK(callout_of(s, em, v[3]) == NULL);
	/* reading again before the new deadline changes nothing */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/emergencies/%lld/callouts", em), e.swa, NULL), 200);
	CHECK_INT(COUNT(s, fmt("/api/v1/emergencies/%lld/callouts", em)), 3);
	/* the expired one answering late is still welcome while needed */
	r = ack(s, e.swa, em, v[1], "accept");
	EXPECT_STATUS(r, 200);
	CHECK_STR(jstr(r->json, "status"), "accepted");
	c2 = callout_of(s, em, v[2]);
	CHECK(c2 != NULL && strcmp(jstr(c2, "status"), "stood_down") == 0);

	/* staff widen by hand: a new incident, nobody answers, widen now */
	long long em2 = incident(s, e.swa, &e, "二次召集");
	EXPECT_STATUS(assess(s, e.swa, em2, "{\"needed_count\":1,\"radius_km\":1,\"oversubscription\":1}"), 200);
	r = mobilize(s, e.swa, em2, NULL);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
	long long first = jint(r->json, "items.0.volunteer_id");
	r = http(s, "POST", fmt("/api/v1/emergencies/%lld/widen", em2), e.swa, NULL);
	EXPECT_STATUS(r, 200);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
	CHECK(jint(r->json, "items.0.volunteer_id") != first);
	CHECK_INT(jint(r->json, "wave"), 2);
	json_t *c = callout_of(s, em2, first);
	CHECK(c != NULL && strcmp(jstr(c, "status"), "expired") == 0);
	json_t *tl = LIST_ALL(s, e.swa, fmt("/api/v1/emergencies/%lld/timeline", em));
	CHECK_INT(count_kind(tl, "expired", v[1]), 1);
	CHECK_INT(count_kind(tl, "widened", 0), 1);
}

/* ---- the index of every process follows changes made through another ---- */

static json_t *mobilized_on(struct srv *s, const char *tok, struct ew *e, const char *title, int count)
{
	long long em = incident(s, tok, e, title);
	EXPECT_STATUS(assess(s, tok, em, "{\"needed_count\":1,\"radius_km\":1.5,\"required_skills\":[\"first_aid\"]}"),
		      200);
	struct resp *r = mobilize(s, tok, em, fmt("{\"count\":%d}", count));
	return EXPECT_STATUS(r, 200) ? jget(r->json, "items") : NULL;
}

void t_emergency_index_follows_other_processes(struct srv *s)
{
	struct ew e;
	if (!ew_setup(s, &e))
		return;
	long long p_far, p_noskill, p_leaving;
	long long v_near = vol_at(s, &e, 2, "[\"first_aid\"]", NULL, NULL);
	long long v_far = vol_at(s, &e, 50, "[\"first_aid\"]", NULL, &p_far);		/* 5.5 km away */
	long long v_noskill = vol_at(s, &e, 3, "[\"cooking\"]", NULL, &p_noskill);
	long long v_leaving = vol_at(s, &e, 4, "[\"first_aid\"]", NULL, &p_leaving);
	if (test_failures())
		return;
	struct srv two = *s;
	two.pid = 0;
	if (!srv_start(&two))
		return;
	const char *tok_b = LOGIN(&two, "swa", USER_PASS);

	/* process A builds its index with its first mobilisation */
	json_t *items = mobilized_on(s, e.swa, &e, "A1", 10);
	CHECK(items != NULL && json_array_size(items) == 2 && has_vol(items, v_near) && has_vol(items, v_leaving));

	/* through process B: a volunteer moves close, another learns the skill,
	 * a third leaves, a fourth is registered */
	EXPECT_STATUS(http(&two, "PATCH", fmt("/api/v1/people/%lld", p_far), tok_b,
			   fmt("{\"lat\":%.6f,\"lon\":%.6f}", LAT0 + 0.005, LON0)), 200);
	EXPECT_STATUS(http(&two, "PATCH", fmt("/api/v1/people/%lld", p_noskill), tok_b,
			   "{\"skills\":[\"cooking\",\"first_aid\"]}"), 200);
	EXPECT_STATUS(http(&two, "POST", fmt("/api/v1/volunteers/%lld/stage", v_leaving), tok_b, "{\"to\":\"inactive\"}"),
		      200);
	char idn[19];
	idnum_n(idn, 9100);
	long long p_new = MK(&two, tok_b, "/api/v1/people",
			     fmt("{\"name\":\"新志愿者\",\"id_number\":\"%s\",\"org_id\":%lld,\"lat\":%.6f,\"lon\":%.6f,"
				 "\"skills\":[\"first_aid\"]}", idn, e.A, LAT0 - 0.001, LON0));
	long long v_new = MK(&two, tok_b, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p_new, e.A));
	for (size_t k = 0; k < sizeof stages / sizeof *stages; k++)
		EXPECT_STATUS(http(&two, "POST", fmt("/api/v1/volunteers/%lld/stage", v_new), tok_b,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);

	/* process A's next mobilisation sees all of it */
	items = mobilized_on(s, e.swa, &e, "A2", 10);
	CHECK(items != NULL && json_array_size(items) == 4);
	CHECK(has_vol(items, v_near) && has_vol(items, v_far) && has_vol(items, v_noskill) && has_vol(items, v_new));
	CHECK(!has_vol(items, v_leaving));
	CHECK_INT(jint(json_array_get(items, 0), "volunteer_id"), v_new); /* 111 m */
	CHECK_INT(jint(json_array_get(items, 3), "volunteer_id"), v_far); /* 555 m */

	/* and back through A: B's index follows A's change too */
	items = mobilized_on(&two, tok_b, &e, "B1", 10);
	CHECK(items != NULL && json_array_size(items) == 4);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", p_far), e.swa,
			   fmt("{\"lat\":%.6f,\"lon\":%.6f}", LAT0 + 0.05, LON0)), 200);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v_leaving), e.swa, "{\"to\":\"registered\"}"),
		      200);
	items = mobilized_on(&two, tok_b, &e, "B2", 10);
	CHECK(items != NULL && json_array_size(items) == 4 && !has_vol(items, v_far) && has_vol(items, v_leaving));
	srv_stop(&two, SIGTERM);
}

/* ---- the placement rules hold for call-outs too ---- */

/* Minors are never called to emergency work (志愿服务条例: no risky work for
 * minors), a volunteer is called only inside their weekly windows, and
 * never farther than they said they travel. */
void t_emergency_calls_no_minor_and_respects_windows(struct srv *s)
{
	struct ew e;
	if (!ew_setup(s, &e))
		return;
	/* the nearest: a 16-year-old with a guardian's consent and the skill */
	char idn[19];
	int y, m, d;
	date_ago(16, 30, &y, &m, &d);
	idnum(idn, "421002", y, m, d, 901);
	long long pm = MK(s, s->admin, "/api/v1/people",
			  fmt("{\"name\":\"少年志愿者\",\"id_number\":\"%s\",\"org_id\":%lld,\"lat\":%.6f,\"lon\":%.6f,"
			      "\"skills\":[\"first_aid\"]}", idn, e.A, LAT0 + 0.0001, LON0));
	long long minor = MK(s, s->admin, "/api/v1/volunteers",
			     fmt("{\"person_id\":%lld,\"org_id\":%lld,\"guardian_consent\":true,\"guardian_name\":\"母亲\"}",
				 pm, e.A));
	for (size_t k = 0; minor > 0 && k < sizeof stages / sizeof *stages; k++)
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", minor), s->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
	/* next: an adult free only on another weekday than today (China time) */
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	time_t now = time(NULL) + 8 * 3600;
	int wday = (int)((now / 86400 + 3) % 7); /* 1970-01-01 was a Thursday: 0 = Monday */
	long long busyday = vol_at(s, &e, 0.3, "[\"first_aid\"]", NULL, NULL);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/volunteers/%lld", busyday), s->admin,
			   fmt("{\"availability\":[\"%s 00:00-24:00\"]}", days[(wday + 1) % 7])), 200);
	/* then one who travels at most 100 m (they live 550 m away) */
	long long homebody = vol_at(s, &e, 5, "[\"first_aid\"]", NULL, NULL);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/volunteers/%lld", homebody), s->admin, "{\"max_distance_km\":0.1}"),
		      200);
	/* and last, one who can come */
	long long able = vol_at(s, &e, 8, "[\"first_aid\"]", NULL, NULL);
	long long em = incident(s, e.swa, &e, "溺水");
	EXPECT_STATUS(assess(s, e.swa, em,
			     "{\"needed_count\":1,\"radius_km\":2,\"required_skills\":[\"first_aid\"],\"oversubscription\":1}"),
		      200);
	if (test_failures())
		return;
	struct resp *r = http(s, "GET", fmt("/api/v1/emergencies/%lld/candidates?count=5", em), e.swa, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
		CHECK_INT(jint(r->json, "items.0.volunteer_id"), able);
	}
	r = mobilize(s, e.swa, em, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
		CHECK_INT(jint(r->json, "items.0.volunteer_id"), able);
	}
	CHECK(callout_of(s, em, minor) == NULL && callout_of(s, em, busyday) == NULL && callout_of(s, em, homebody) == NULL);
}
