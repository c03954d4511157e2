/* t_matrix.c - the access matrix as one table: every route of the server
 * (from `liandong routes`) x every role x own scope / other scope, expected
 * allow or deny. The rows are in t_matrix_rows.h.
 *
 * The route list comes from the server binary, so a route added to
 * src/http/router.c without a row fails this test by name, and so does a
 * row whose route is gone, and a row that says a route is public (or not)
 * when the table says otherwise.
 *
 * World (care_world.c plus a few objects): org A (town1, in district d1)
 * with volunteer team T below it is the "own" org; org B (town2, in d2) is
 * the "other" one. The callers are one user per role bound in own scope:
 * platform_admin, regional_admin of d1, org_admin, supervisor and
 * social_worker of A, volunteer of T (person pV, volunteer vA), resident
 * (person pR1, living in comm1), donor, and the anonymous caller. For each
 * resource there is one object in own scope and one in other scope. Where a
 * resource belongs to a person rather than an org, the own object is the
 * volunteer caller's (its person, volunteer record, sign-up, attendance,
 * service record, correction, honor, certificate, invitation, notification,
 * call-out) or the resident's (its need); the other object is that of a
 * volunteer (or resident) of org B (town2).
 *
 * A cell is one request by the role on the route with {id} (or {code},
 * {date}) set to the scope's object, and the row's body (if any) with its
 * {name} placeholders set from the same scope: a create names the scope's
 * org, person or volunteer, so "other" is a create into org B. Letters:
 *   A  allowed: neither 401 nor 403, nor 404 (the object exists), nor 5xx;
 *      a 409 or 422 counts (the access check passed: the bodies are real
 *      and valid, so these are state conflicts such as "already verified");
 *   D  denied: 403 (401 for the anonymous caller), and a write changed
 *      nothing: the object's GET (or the list at the same path) reads the
 *      same to the platform admin before and after;
 *   N  denied as not found: 404, where the docs hide whether the object
 *      exists (a certificate's PDF).
 * Lists (GET without {id}) are rows of the route itself: the "other" cell
 * is the same request, and both cells also check that the list leaves out
 * the scope's object when the role may not read it (its GET /{id} row says
 * D). A list nested under a row ("/volunteers/{id}/honors") answers 200 with
 * only what the caller may read, like every list: it must be empty when the
 * role may not read the row above it.
 *
 * Expectations come from docs/API.md ("Roles and scope" and each resource's
 * access notes), not from the code. Writes that move a state (verify, void,
 * close...) are run by every allowed role in turn: the first moves it, the
 * later ones get 409/422; the routes run in the server's order.
 * LD_MATRIX_DUMP=1 prints the observed matrix as rows (with each cell's
 * status and the body of each 4xx other than 401/403), to review a change
 * against the docs before editing the table. */
#include "care_world.h"
#include "svc_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { R_PA, R_RA, R_OA, R_SUP, R_SW, R_VOL, R_RES, R_DON, R_ANON, NROLE };
static const char *const role_name[NROLE] = {"platform_admin", "regional_admin", "org_admin", "supervisor",
	"social_worker", "volunteer", "resident", "donor", "anonymous"};

/* own, other: one letter per role in the order above, A (allow) or D
 * (deny). id: the fixture set into {id}/{code}/{date} (default: the one of
 * the path's first segment); body: with {fixture} placeholders. */
struct row {
	const char *method, *pattern;
	const char *own, *other;
	const char *id, *body;
};

#include "t_matrix_rows.h"

/* A fixture: a value in own scope and one in other scope. */
struct fix {
	const char *name;
	char own[64], other[64];
};

#define NFIX 128
struct mx {
	struct cworld c;
	const char *tok[NROLE];
	const char *user[NROLE];	/* usernames, to log in again after logout */
	struct fix fix[NFIX];
	int nfix;
};

static void fix_set(struct mx *m, const char *name, const char *own, const char *other)
{
	if (m->nfix == NFIX) { /* a test that cannot hold its fixtures fails, never overruns */
		check_fail(__FILE__, __LINE__, NULL, "more than %d matrix fixtures: raise NFIX", NFIX);
		return;
	}
	struct fix *f = &m->fix[m->nfix++];
	f->name = name;
	snprintf(f->own, sizeof f->own, "%s", own ? own : "");
	snprintf(f->other, sizeof f->other, "%s", other ? other : "");
}

static void fix_id(struct mx *m, const char *name, long long own, long long other)
{
	fix_set(m, name, fmt("%lld", own), fmt("%lld", other));
}

static const struct fix *fix_get(const struct mx *m, const char *name, size_t n)
{
	for (int i = 0; i < m->nfix; i++)
		if (strlen(m->fix[i].name) == n && strncmp(m->fix[i].name, name, n) == 0)
			return &m->fix[i];
	return NULL;
}

/* `t` with each {name} (lower-case letters and digits) set to fixture
 * name's value in the scope; NULL (and a failure) for an unknown name. */
static const char *subst(const struct mx *m, const char *t, int other)
{
	const char *out = "";
	const char *p = t;
	for (;;) {
		const char *b = strchr(p, '{');
		size_t n = b ? strspn(b + 1, "abcdefghijklmnopqrstuvwxyz0123456789") : 0;
		if (!b) {
			return fmt("%s%s", out, p);
		}
		if (n == 0 || b[1 + n] != '}') {
			out = fmt("%s%.*s", out, (int)(b + 1 - p), p);
			p = b + 1;
			continue;
		}
		const struct fix *f = fix_get(m, b + 1, n);
		if (!CHECKM(f != NULL, "matrix: no fixture %.*s (in %s)", (int)n, b + 1, t))
			return NULL;
		out = fmt("%s%.*s%s", out, (int)(b - p), p, other ? f->other : f->own);
		p = b + n + 2;
	}
}

/* The fixture named by the path's first segment after /api/v1/. */
static const char *res_of(const char *pattern)
{
	static const struct {
		const char *seg, *fix;
	} map[] = {{"regions", "region"}, {"orgs", "org"}, {"people", "person"}, {"social-workers", "sw"},
		{"volunteers", "vol"}, {"service-menu", "menu"}, {"needs", "need"}, {"clients", "client"},
		{"mandatory-reports", "mreport"}, {"users", "user"}, {"courses", "course"},
		{"course-sessions", "session"}, {"plans", "plan"}, {"activities", "activity"},
		{"positions", "position"}, {"shifts", "shift"}, {"match", "match"}, {"invitations", "invitation"},
		{"signups", "signup"}, {"attendance", "attendance"}, {"service-records", "record"},
		{"notifications", "notification"}, {"emergencies", "emergency"}, {"callouts", "callout"},
		{"imports", "import"}, {"audit", "audit"}, {"corrections", "correction"},
		{"volunteer-honors", "honor"}, {"certificates", "cert"}, {"calendar", "date"},
		{"qualification-rules", "work"}, {"supervision-sessions", "supsession"},
		{"funds", "fund"}, {"donations", "donation"}, {"semester-runs", "run"},
		{"donor-statements", "statement"}, {"councils", "council"}, {"council-members", "cmember"},
		{"council-meetings", "cmeeting"}, {"council-issues", "cissue"}, {"resolutions", "resolution"},
		{"surveys", "survey"}, {"shift-feedback", "feedback"}, {"projects", "project"},
		{"project-indicators", "indicator"}, {"project-expenses", "pexpense"},
		{"project-evaluators", "pevaluator"}, {"project-evaluations", "pevaluation"},
		{"org-links", "link"}};
	const char *s = pattern + strlen("/api/v1/");
	size_t n = strcspn(s, "/");
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strlen(map[i].seg) == n && strncmp(map[i].seg, s, n) == 0)
			return map[i].fix;
	return NULL;
}

/* The pattern with its one {..} segment replaced by "{fixture}". */
static const char *path_template(const struct row *w)
{
	const char *b = strchr(w->pattern, '{');
	if (!b)
		return w->pattern;
	const char *e = strchr(b, '}');
	const char *f = w->id ? w->id : res_of(w->pattern);
	return fmt("%.*s{%s}%s", (int)(b - w->pattern), w->pattern, f ? f : "?", e + 1);
}

static const char *user_tok(struct srv *s, const char *name, long long person, const char *roles)
{
	return MK_USER(s, s->admin, name, person, roles) > 0 ? LOGIN(s, name, USER_PASS) : NULL;
}

static long long first_id(struct srv *s, const char *path)
{
	struct resp *r = http(s, "GET", path, s->admin, NULL);
	return EXPECT_STATUS(r, 200) ? jint(r->json, "items.0.id") : -1;
}

/* One org's objects: a client, a course and its session, an activity with
 * its position and shift, the volunteer's sign-up, attendance, records, a
 * certificate, a matching proposal applied (an invitation to the volunteer,
 * who is told in the inbox), an emergency the volunteer is called to. */
struct side {
	long long org, region, person, vol, sw;	/* given */
	double lat;				/* given: where the volunteer lives */
	const char *staff, *recorder, *vtok;	/* given: org admin, a social worker, the volunteer */
	long long client, course, session, activity, position, shift, mshift;
	long long signup, attendance, record, record2, match, invitation, notification;
	long long emergency, callout, honor, menu, plan, mreport;
	const char *cert;
	long long manager, donor;	/* given: the fund's manager, the own gift's donor (0: none) */
	long long fund, donation, run;
};

static long long item_of(struct srv *s, const char *tok, const char *path, const char *key, long long want)
{
	json_t *l = LIST_ALL(s, tok, path);
	for (size_t i = 0; l && i < json_array_size(l); i++)
		if (jint(json_array_get(l, i), key) == want)
			return jint(json_array_get(l, i), "id");
	check_fail(__FILE__, __LINE__, NULL, "matrix world: %s has no item with %s %lld", path, key, want);
	return -1;
}

/* A fund of the side's org and a gift to it (issue 14); the own gift names
 * the donor caller's person. */
static void build_funds(struct srv *s, struct mx *m, struct side *d)
{
	d->fund = MK(s, s->admin, "/api/v1/funds", fmt("{\"name\":\"助学金\",\"org_id\":%lld,\"purpose\":"
		"\"student_aid\",\"manager_user_id\":%lld}", d->org, d->manager));
	d->donation = MK(s, s->admin, "/api/v1/donations", fmt("{\"fund_id\":%lld,\"amount_fen\":500000,\"channel\":"
		"\"bank_transfer\",\"donor_name\":\"捐赠人\",\"received_on\":\"2026-12-01\"%s}", d->fund,
		d->donor ? fmt(",\"donor_person_id\":%lld", d->donor) : ""));
	/* an aided student and a semester run proposed by a social worker */
	long long ps = care_person(s, &m->c, "受助学生", 12, d->region);
	MK(s, s->admin, "/api/v1/clients", fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"student_aid\","
		"\"consent\":true,\"social_worker_id\":%lld,\"volunteer_id\":%lld,\"school_stage\":\"primary\"}", ps,
		d->org, d->sw, d->vol));
	d->run = MK(s, d->recorder, fmt("/api/v1/funds/%lld/semester-runs", d->fund), "{\"semester\":\"2026-2027-1\"}");
}

static void build_people(struct srv *s, struct mx *m, struct side *d)
{
	struct cworld *c = &m->c;
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", d->person), s->admin,
		fmt("{\"lat\":%.4f,\"lon\":112.2}", d->lat)), 200);
	long long pc = care_person(s, c, "案主", 70, d->region);
	long long pdv = care_person(s, c, "受害人", 40, d->region);
	/* followed by the side's volunteer, who reads it (and its plan) */
	d->client = MK(s, s->admin, "/api/v1/clients", fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":"
		"\"elderly\",\"care_level\":\"partial\",\"consent\":true,\"volunteer_id\":%lld}", pc, d->org, d->vol));
	long long dv = MK(s, s->admin, "/api/v1/clients", fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":"
		"\"dv_victim\",\"consent\":true,\"capacity\":\"limited\"}", pdv, d->org));
	d->mreport = first_id(s, fmt("/api/v1/clients/%lld/reports", dv));
	d->plan = MK(s, s->admin, "/api/v1/plans", fmt("{\"client_id\":%lld,\"title\":\"探访计划\","
		"\"starts_on\":\"%.10s\",\"horizon_days\":7}", d->client, tomorrow_at(9)));
	d->honor = MK(s, s->admin, "/api/v1/volunteer-honors", fmt("{\"volunteer_id\":%lld,\"kind\":\"award\","
		"\"title\":\"优秀志愿者\",\"level\":\"区级\",\"issuer\":\"民政局\",\"awarded_on\":\"2026-03-05\"}", d->vol));
	d->menu = MK(s, s->admin, "/api/v1/service-menu", fmt("{\"region_id\":%lld,\"category\":\"elderly_care\","
		"\"title\":\"助餐\"}", d->region));
}

static void build_service(struct srv *s, struct side *d, long long m_own_org)
{
	d->course = MK(s, s->admin, "/api/v1/courses", fmt("{\"title\":\"急救培训\",\"kind\":\"skill\","
		"\"hours\":4,\"org_id\":%lld}", d->org));
	d->session = MK(s, s->admin, "/api/v1/course-sessions", fmt("{\"course_id\":%lld,\"starts_at\":\"%s\","
		"\"ends_at\":\"%s\",\"place\":\"站点\"}", d->course, at(3600), at(7200)));
	d->activity = MK(s, s->admin, "/api/v1/activities", fmt("{\"title\":\"社区活动\",\"mode\":\"daily\","
		"\"org_ids\":[%lld],\"place\":\"社区\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"open\","
		"\"positions\":[{\"title\":\"服务岗\",\"headcount\":5}]}", d->org, at(-3600), at(5 * 86400)));
	d->position = jint(http(s, "GET", fmt("/api/v1/activities/%lld", d->activity), s->admin, NULL)->json,
		"positions.0.id");
	const char *shift = "{\"position_id\":%lld,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"capacity\":5}";
	d->shift = MK(s, s->admin, "/api/v1/shifts", fmt(shift, d->position, at(600), at(4 * 3600)));
	long long day = d->org == m_own_org ? 3 : 4; /* the proposals invite both volunteers */
	d->mshift = MK(s, s->admin, "/api/v1/shifts", fmt(shift, d->position, at(day * 86400), at(day * 86400 + 3600)));
	struct resp *g = sign_up(s, s->admin, d->shift, d->vol);
	d->signup = EXPECT_STATUS(g, 201) ? jint(g->json, "id") : -1;
	struct resp *in = http(s, "POST", "/api/v1/attendance/check-in", s->admin,
		fmt("{\"signup_id\":%lld,\"reason\":\"现场补签\"}", d->signup));
	d->attendance = EXPECT_STATUS(in, 201) ? jint(in->json, "id") : -1;
	/* a record made by hand by a social worker (so others may verify it),
	 * and one verified over which the certificate is issued */
	const char *rec = "{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
		"\"hours\":2,\"person_in_charge\":\"李主任\"}";
	d->record = MK(s, d->recorder, "/api/v1/service-records", fmt(rec, d->vol, at(-3 * 86400),
		at(-3 * 86400 + 3 * 3600)));
	d->record2 = MK(s, s->admin, "/api/v1/service-records", fmt(rec, d->vol, at(-4 * 86400),
		at(-4 * 86400 + 3 * 3600)));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/service-records/%lld/verify", d->record2), d->staff, NULL), 200);
	struct resp *ct = http(s, "POST", fmt("/api/v1/volunteers/%lld/certificates", d->vol), s->admin,
		fmt("{\"from\":\"%.10s\",\"to\":\"%.10s\"}", at(-30 * 86400), at(0)));
	d->cert = EXPECT_STATUS(ct, 201) && jstr(ct->json, "code") ? fmt("%s", jstr(ct->json, "code")) : "none";
	/* a proposal for the second shift, applied: an invitation to the volunteer */
	struct resp *mt = http(s, "POST", "/api/v1/match", s->admin, fmt("{\"shift_ids\":[%lld]}", d->mshift));
	d->match = EXPECT_STATUS(mt, 201) ? jint(mt->json, "id") : -1;
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/match/%lld/apply", d->match), s->admin, NULL), 200);
	d->invitation = item_of(s, s->admin, fmt("/api/v1/invitations?shift_id=%lld", d->mshift), "volunteer_id", d->vol);
	struct resp *nt = http(s, "GET", "/api/v1/notifications", d->vtok, NULL);
	d->notification = EXPECT_STATUS(nt, 200) ? jint(nt->json, "items.0.id") : -1;
}

static void build_emergency(struct srv *s, struct side *d)
{
	d->emergency = MK(s, s->admin, "/api/v1/emergencies", fmt("{\"type\":\"medical\",\"title\":\"突发\","
		"\"place\":\"社区\",\"lat\":%.4f,\"lon\":112.2,\"region_id\":%lld,\"org_id\":%lld,"
		"\"severity\":\"critical\"}", d->lat, d->region, d->org));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/assess", d->emergency), s->admin,
		fmt("{\"needed_count\":1,\"radius_km\":5,\"social_worker_id\":%lld}", d->sw)), 200);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/mobilize", d->emergency), s->admin, NULL), 200);
	d->callout = item_of(s, s->admin, fmt("/api/v1/emergencies/%lld/callouts", d->emergency), "volunteer_id", d->vol);
}

/* Voice (issue 15): each side's volunteer rated a past shift (fbsignup,
 * feedback), each side's resident rated a done need (ratedneed), and each
 * side's org sent a survey to its volunteers (survey, open). */
static void build_voice(struct srv *s, struct mx *m, const char *volb, long long vol_oth, long long pos_own,
			long long pos_oth)
{
	struct cworld *c = &m->c;
	long long pos[2] = {pos_own, pos_oth}, vol[2] = {c->vA, vol_oth}, su[2], fb[2], need[2], sv[2];
	const char *vtok[2] = {c->vol, volb}, *rtok[2] = {c->res1, c->res2};
	long long reg[2] = {c->w.comm1, c->w.town2}, org[2] = {c->A, c->B};
	for (int i = 0; i < 2; i++) {
		long long sh = MK(s, s->admin, "/api/v1/shifts", fmt("{\"position_id\":%lld,\"starts_at\":\"%s\","
			"\"ends_at\":\"%s\",\"capacity\":5}", pos[i], at(36 * 3600), at(37 * 3600)));
		struct resp *g = sign_up(s, s->admin, sh, vol[i]);
		su[i] = EXPECT_STATUS(g, 201) ? jint(g->json, "id") : -1;
		db_exec(s, fmt("UPDATE shifts SET starts_at = %lld, ends_at = %lld WHERE id = %lld",
			       (long long)time(NULL) - 7200, (long long)time(NULL) - 3600, sh));
		struct resp *f = http(s, "POST", fmt("/api/v1/signups/%lld/feedback", su[i]), vtok[i], "{\"rating\":4}");
		fb[i] = EXPECT_STATUS(f, 201) ? jint(f->json, "id") : -1;
		need[i] = MK(s, rtok[i], "/api/v1/needs",
			     fmt("{\"title\":\"助洁\",\"category\":\"elderly_care\",\"region_id\":%lld}", reg[i]));
		db_exec(s, fmt("UPDATE needs SET status = 'done' WHERE id = %lld", need[i]));
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/needs/%lld/rating", need[i]), rtok[i], "{\"rating\":5}"), 201);
		sv[i] = MK(s, s->admin, "/api/v1/surveys", fmt("{\"title\":\"满意度\",\"org_id\":%lld,\"scope_kind\":"
			"\"org_volunteers\",\"questions\":[{\"key\":\"q1\",\"text\":\"满意吗\",\"kind\":\"scale\"}]}", org[i]));
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/surveys/%lld/open", sv[i]), s->admin, NULL), 200);
	}
	fix_id(m, "fbsignup", su[0], su[1]);
	fix_id(m, "feedback", fb[0], fb[1]);
	fix_id(m, "ratedneed", need[0], need[1]);
	fix_id(m, "survey", sv[0], sv[1]);
}

static bool mx_world(struct srv *s, struct mx *m)
{
	memset(m, 0, sizeof *m);
	struct cworld *c = &m->c;
	if (!care_world(s, c) || !world_menu(s, &c->w))
		return false;
	const char *org_role = "[{\"role\":\"%s\",\"org_id\":%lld}]";
	const char *sup = user_tok(s, "sup_a", 0, fmt(org_role, "supervisor", c->A));
	/* the donor has a person: the own side's gift names it (issue 14) */
	long long pDon = care_person(s, c, "捐赠人", 45, c->w.comm1);
	const char *don = user_tok(s, "donor", pDon, "[{\"role\":\"donor\"}]");
	long long uOwn = MK_USER(s, s->admin, "u_own", 0, fmt(org_role, "social_worker", c->A));
	const char *toks[NROLE] = {s->admin, c->ra, c->oa_a, sup, c->sw_a, c->vol, c->res1, don, NULL};
	const char *users[NROLE] = {ADMIN_USER, "ra_d1", "oa_a", "sup_a", "sw_a", "vol", "res1", "donor", NULL};
	memcpy(m->tok, toks, sizeof toks);
	memcpy(m->user, users, sizeof users);
	/* the other side's volunteer, on a person of org B with a login */
	long long pVB = care_person(s, c, "志愿者乙方", 30, c->w.town2);
	long long vB = mk_registered(s, pVB, c->B);
	const char *volb = user_tok(s, "vol_b", pVB, fmt(org_role, "volunteer", c->B));
	long long pVBN = care_person(s, c, "申请人乙方", 30, c->w.town2);
	long long vBN = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", pVBN, c->B));
	struct side own = {.org = c->A, .region = c->w.comm1, .person = c->pV, .vol = c->vA, .sw = c->swA,
		.lat = 30.35, .staff = c->oa_a, .recorder = c->sw_a2, .vtok = c->vol};
	struct side oth = {.org = c->B, .region = c->w.town2, .person = pVB, .vol = vB, .sw = c->swB,
		.lat = 31.35, .staff = c->oa_b, .recorder = c->sw_b, .vtok = volb};
	if (!sup || !don || !volb)
		return false;
	struct side *sides[] = {&own, &oth};
	own.manager = c->uOA;
	own.donor = pDon;
	oth.manager = c->uOB;
	for (int i = 0; i < 2; i++) {
		build_funds(s, m, sides[i]);
		build_people(s, m, sides[i]);
		build_service(s, sides[i], own.org);
		build_emergency(s, sides[i]);
	}
	if (test_failures())
		return false;
	fix_id(m, "region", c->w.town1, c->w.town2);
	fix_id(m, "org", c->A, c->B);
	fix_id(m, "orgx", c->G, c->G);
	fix_id(m, "person", c->pV, pVB);
	fix_id(m, "sw", c->swA, c->swB);
	fix_id(m, "vol", c->vA, vB);
	fix_id(m, "vapplied", c->vN, vBN);
	fix_id(m, "user", uOwn, c->uOB);
#define SIDE(name, f) fix_id(m, name, own.f, oth.f)
	SIDE("menu", menu);
	SIDE("client", client);
	SIDE("mreport", mreport);
	SIDE("course", course);
	SIDE("session", session);
	SIDE("plan", plan);
	SIDE("activity", activity);
	SIDE("position", position);
	SIDE("shift", shift);
	SIDE("signup", signup);
	SIDE("attendance", attendance);
	SIDE("record", record);
	SIDE("verified", record2);
	SIDE("match", match);
	SIDE("honor", honor);
	SIDE("emergency", emergency);
	SIDE("callout", callout);
	SIDE("invitation", invitation);
	SIDE("notification", notification);
	SIDE("fund", fund);
	SIDE("manager", manager);
	SIDE("donation", donation);
	SIDE("run", run);
	fix_set(m, "statement", jstr(http(s, "GET", fmt("/api/v1/donations/%lld", own.donation), s->admin, NULL)->json,
				      "statement_code"),
		jstr(http(s, "GET", fmt("/api/v1/donations/%lld", oth.donation), s->admin, NULL)->json, "statement_code"));
#undef SIDE
	/* supervision (issue 15): SUP (agency G) supervises SWA of A; org B
	 * gets a supervisor of its own over SWB; a session on each side */
	long long pSupB = care_person(s, c, "乙方督导", 50, c->w.town2);
	long long supB = MK(s, s->admin, "/api/v1/social-workers",
			    fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"senior\",\"certificate_no\":\"MX-S\"}",
				pSupB, c->B));
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/social-workers/%lld", c->swB), s->admin,
			   fmt("{\"supervisor_id\":%lld}", supB)), 200);
	const char *sess = "{\"supervisor_id\":%lld,\"social_worker_ids\":[%lld],\"form\":\"individual\",\"topic\":\"督导\","
			   "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"confidential_notes\":\"保密\"}";
	fix_id(m, "supsession",
	       MK(s, s->admin, "/api/v1/supervision-sessions", fmt(sess, c->swSup, c->swA, at(-5 * 86400), at(-5 * 86400 + 3600))),
	       MK(s, s->admin, "/api/v1/supervision-sessions", fmt(sess, supB, c->swB, at(-5 * 86400), at(-5 * 86400 + 3600))));
	fix_id(m, "supsw", c->swSup, supB);
	/* councils (issue 15): one of comm1 whose member is the resident (pR1),
	 * one of a community of town2 with pR2; a meeting, an issue and an
	 * adopted resolution each */
	long long comm2 = MK_REGION(s, "421003001001", "西城社区", "community", c->w.town2);
	long long cl[2], cm[2], cg[2], ci[2], cr[2], creg[2] = {c->w.comm1, comm2}, cp[2] = {c->pR1, c->pR2};
	for (int i = 0; i < 2; i++) {
		cl[i] = MK(s, s->admin, "/api/v1/councils", fmt("{\"region_id\":%lld,\"name\":\"议事会\"}", creg[i]));
		cm[i] = MK(s, s->admin, "/api/v1/council-members", fmt("{\"council_id\":%lld,\"person_id\":%lld,"
			"\"kind\":\"resident\",\"joined_on\":\"2026-01-01\"}", cl[i], cp[i]));
		cg[i] = MK(s, s->admin, "/api/v1/council-meetings", fmt("{\"council_id\":%lld,\"held_at\":\"%s\","
			"\"attendance\":[%lld]}", cl[i], at(-5 * 86400), cm[i]));
		ci[i] = MK(s, s->admin, "/api/v1/council-issues", fmt("{\"council_id\":%lld,\"meeting_id\":%lld,"
			"\"title\":\"议题\"}", cl[i], cg[i]));
		cr[i] = MK(s, s->admin, "/api/v1/resolutions", fmt("{\"meeting_id\":%lld,\"issue_id\":%lld,"
			"\"text\":\"决议\",\"votes_for\":1,\"votes_against\":0,\"votes_abstain\":0,"
			"\"outcome\":\"adopted\"}", cg[i], ci[i]));
	}
	fix_id(m, "creg", creg[0], creg[1]);
	fix_id(m, "council", cl[0], cl[1]);
	fix_id(m, "cmember", cm[0], cm[1]);
	fix_id(m, "cmeeting", cg[0], cg[1]);
	fix_id(m, "cissue", ci[0], ci[1]);
	fix_id(m, "resolution", cr[0], cr[1]);
	fix_id(m, "cperson", c->pSWA, c->pSWB);
	/* co-building links (issue 15): B shares everything with A; the links
	 * changed and removed are A's to B and B's to G (liaison); a need
	 * raised by each org */
	const char *lk = "{\"org_id\":%lld,\"kind\":\"%s\"}";
	MK(s, s->admin, fmt("/api/v1/orgs/%lld/links", c->B), fmt(lk, c->A, "co_building"));
	fix_id(m, "link", MK(s, s->admin, fmt("/api/v1/orgs/%lld/links", c->A), fmt(lk, c->B, "liaison")),
	       MK(s, s->admin, fmt("/api/v1/orgs/%lld/links", c->B), fmt(lk, c->G, "liaison")));
	fix_id(m, "linkto", c->B, c->G);
	const char *oneed = "{\"title\":\"组织需求\",\"category\":\"elderly_care\",\"region_id\":%lld,\"raised_by_org_id\":%lld}";
	fix_id(m, "oneed", MK(s, s->admin, "/api/v1/needs", fmt(oneed, c->w.comm1, c->A)),
	       MK(s, s->admin, "/api/v1/needs", fmt(oneed, c->w.town2, c->B)));
	/* service projects (issue 16): one of A (d1) and one of B (d2), each
	 * running and tied to its org's fund, with an indicator (manual), an
	 * expense, an evaluator (a user with no role) and a mid evaluation */
	long long pj[2], pi[2], px[2], pe[2], pv[2], preg[2] = {c->w.d1, c->w.d2};
	struct side *pside[2] = {&own, &oth};
	for (int i = 0; i < 2; i++) {
		pj[i] = MK(s, s->admin, "/api/v1/projects",
			   fmt("{\"title\":\"矩阵项目\",\"kind\":\"own\",\"org_id\":%lld,\"region_id\":%lld,"
			       "\"starts_on\":\"2026-01-01\",\"ends_on\":\"2027-12-31\",\"fund_id\":%lld,"
			       "\"budget\":[{\"line\":\"staff\",\"amount_fen\":100}],"
			       "\"indicators\":[{\"name\":\"培训\",\"target\":2,\"source\":\"manual\"}]}",
			       pside[i]->org, preg[i], pside[i]->fund));
		EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/projects/%lld", pj[i]), s->admin, "{\"status\":\"running\"}"),
			      200);
		pi[i] = jint(http(s, "GET", fmt("/api/v1/projects/%lld", pj[i]), s->admin, NULL)->json, "indicators.0.id");
		px[i] = MK(s, s->admin, fmt("/api/v1/projects/%lld/expenses", pj[i]),
			   "{\"line\":\"staff\",\"amount_fen\":1,\"memo\":\"矩阵\",\"spent_on\":\"2026-12-01\"}");
		long long u = MK_USER(s, s->admin, fmt("evaluator%d", i), 0, "[]");
		pv[i] = MK(s, s->admin, fmt("/api/v1/projects/%lld/evaluators", pj[i]),
			   fmt("{\"user_id\":%lld,\"kind\":\"third_party\"}", u));
		pe[i] = MK(s, s->admin, fmt("/api/v1/projects/%lld/evaluations", pj[i]),
			   "{\"stage\":\"mid\",\"scores\":[{\"criterion\":\"a\",\"score\":1,\"max\":2}],\"findings\":\"矩阵\","
			   "\"decision\":\"pass\"}");
	}
	fix_id(m, "project", pj[0], pj[1]);
	fix_id(m, "indicator", pi[0], pi[1]);
	fix_id(m, "pexpense", px[0], px[1]);
	fix_id(m, "pevaluator", pv[0], pv[1]);
	fix_id(m, "pevaluation", pe[0], pe[1]);
	fix_id(m, "evaluatoruser", MK_USER(s, s->admin, "evaluator_new0", 0, "[]"),
	       MK_USER(s, s->admin, "evaluator_new1", 0, "[]"));
	fix_set(m, "cert", own.cert, oth.cert);
	fix_set(m, "date", "2031-05-02", "2031-05-03");
	fix_set(m, "work", "case_owner", "case_dv_victim");
	fix_set(m, "minq", "assistant", "intermediate");
	fix_set(m, "newcode", "421002099", "421003099");
	fix_id(m, "district", c->w.d1, c->w.d2);
	fix_id(m, "relp", c->pR1, c->pR2);
	fix_set(m, "t1", at(2 * 86400), at(2 * 86400));
	fix_set(m, "t2", at(2 * 86400 + 3600), at(2 * 86400 + 3600));
	fix_set(m, "p1", at(-5 * 86400), at(-5 * 86400));
	fix_set(m, "p2", at(-5 * 86400 + 3600), at(-5 * 86400 + 3600));
	fix_set(m, "day", fmt("%.10s", tomorrow_at(9)), fmt("%.10s", tomorrow_at(9)));
	fix_set(m, "d0", fmt("%.10s", at(-30 * 86400)), fmt("%.10s", at(-30 * 86400)));
	fix_set(m, "d9", fmt("%.10s", at(0)), fmt("%.10s", at(0)));
	/* the resident's own need, and one of a resident of town2 */
	const char *need = "{\"title\":\"助餐\",\"category\":\"elderly_care\",\"region_id\":%lld}";
	long long nOwn = MK(s, c->res1, "/api/v1/needs", fmt(need, c->w.comm1));
	long long nOth = MK(s, c->res2, "/api/v1/needs", fmt(need, c->w.town2));
	fix_id(m, "need", nOwn, nOth);
	/* a correction asked by each volunteer on its verified record */
	long long kOwn = MK(s, c->vol, fmt("/api/v1/service-records/%lld/corrections", own.record2), "{\"reason\":\"少记一小时\"}");
	long long kOth = MK(s, volb, fmt("/api/v1/service-records/%lld/corrections", oth.record2), "{\"reason\":\"少记一小时\"}");
	fix_id(m, "correction", kOwn, kOth);
	/* an import job by a social worker of A and by the org admin of B */
	const char *csv = "姓名,身份证号\n";
	struct resp *j1 = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/imports?kind=people&dry_run=true",
		.token = c->sw_a, .body = csv, .content_type = "text/csv"});
	struct resp *j2 = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/imports?kind=people&dry_run=true",
		.token = c->oa_b, .body = csv, .content_type = "text/csv"});
	fix_id(m, "import", jint(j1->json, "id"), jint(j2->json, "id"));
	build_voice(s, m, volb, vB, own.position, oth.position);
	long long audit = first_id(s, "/api/v1/audit");
	fix_id(m, "audit", audit, audit);
	return test_failures() == 0;
}

/* What a write's DENY must leave unchanged: the object's GET, or the list
 * at the same path; NULL when neither route exists. */
static const char *snapshot_path(const struct row *w, const char *path)
{
	const char *b = strchr(w->pattern, '{');
	if (b) {
		const char *e = strchr(b, '}');
		const char *base = fmt("%.*s", (int)(e + 1 - w->pattern), w->pattern);
		for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
			if (strcmp(rows[i].method, "GET") == 0 && strcmp(rows[i].pattern, base) == 0)
				return fmt("%.*s", (int)(strcspn(path + (b - w->pattern), "/") + (size_t)(b - w->pattern)),
					path);
		return NULL;
	}
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		if (strcmp(rows[i].method, "GET") == 0 && strcmp(rows[i].pattern, w->pattern) == 0)
			return fmt("%s?limit=200", path);
	return NULL;
}

static const char *admin_body(struct srv *s, const char *path)
{
	if (!path)
		return "";
	struct resp *r = http(s, "GET", path, s->admin, NULL);
	return fmt("%ld %s", r->status, r->body ? r->body : "");
}

static const struct row *row_of(const char *method, const char *pattern)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		if (strcmp(rows[i].method, method) == 0 && strcmp(rows[i].pattern, pattern) == 0)
			return &rows[i];
	return NULL;
}

/* A list (GET without {id}) must not show the scope's object of its
 * resource to a role whose GET /{id} row says DENY; a list nested under a
 * row ("/volunteers/{id}/honors") must be empty for a role that may not
 * read that row. True when it holds. */
static bool list_hides(const struct mx *m, const struct row *w, int role, int other, struct resp *r)
{
	json_t *items = jget(r->json, "items");
	const char *b = strchr(w->pattern, '{');
	if (b) {
		const char *e = strchr(b, '}');
		const struct row *parent = row_of("GET", fmt("%.*s", (int)(e + 1 - w->pattern), w->pattern));
		if (!parent || (other ? parent->other : parent->own)[role] == 'A' || json_array_size(items) == 0)
			return true;
		check_fail(__FILE__, __LINE__, r, "matrix: %s as %s (%s scope) lists %zu items under a row it may "
			"not read", w->pattern, role_name[role], other ? "other" : "own", json_array_size(items));
		return false;
	}
	const char *res = res_of(w->pattern);
	const struct row *one = row_of("GET", fmt("%s/{id}", w->pattern));
	const struct fix *f = res ? fix_get(m, res, strlen(res)) : NULL;
	long long id = f ? atoll(other ? f->other : f->own) : 0;
	if (!one || !f || (other ? one->other : one->own)[role] == 'A' || id <= 0 || !arr_find_id(items, id))
		return true;
	check_fail(__FILE__, __LINE__, r, "matrix: %s as %s lists the %s scope's %s %lld, which it may not read",
		w->pattern, role_name[role], other ? "other" : "own", res, id);
	return false;
}

struct tally {
	int cells, mismatches;
	char got[2][NROLE + 1];
	long status[2][NROLE];
};

/* POST spec's JSON to spec's path as the platform admin and make the new
 * object the path's fixture in scope `other` (a DELETE row's body). */
static void recreate_fixture(struct srv *s, struct mx *m, const struct row *w, int other, const char *spec)
{
	const char *sp = strchr(spec, ' ');
	const char *name = w->id ? w->id : res_of(w->pattern);
	struct fix *f = name ? (struct fix *)fix_get(m, name, strlen(name)) : NULL;
	if (!CHECKM(sp && f, "matrix: %s cannot re-create its object from \"%s\"", w->pattern, spec))
		return;
	long long id = MK(s, s->admin, fmt("%.*s", (int)(sp - spec), spec), sp + 1);
	snprintf(other ? f->other : f->own, sizeof f->own, "%lld", id);
}

static void run_cell(struct srv *s, struct mx *m, const struct row *w, int role, int other, struct tally *t)
{
	const char *path = subst(m, path_template(w), other);
	const char *body = w->body ? subst(m, w->body, other) : NULL;
	if (!path || (w->body && !body))
		return;
	/* a DELETE row's body is no request body: it re-creates what an allowed
	 * DELETE removed ("<POST path> <JSON>"), so the next caller meets an
	 * object again; the fixture of the path then names the new one */
	const char *recreate = strcmp(w->method, "DELETE") == 0 ? body : NULL;
	if (recreate)
		body = NULL;
	const char *tok = m->tok[role];
	if (strcmp(w->pattern, "/api/v1/logout") == 0 && role != R_ANON)
		tok = LOGIN(s, m->user[role], role == R_PA ? ADMIN_PASS : USER_PASS);
	char want = (other ? w->other : w->own)[role];
	int write = strcmp(w->method, "GET") != 0;
	const char *snap = write && want != 'A' ? snapshot_path(w, path) : NULL;
	const char *before = snap ? admin_body(s, snap) : NULL;
	struct resp *r;
	if (body && body[0] == '?') /* a GET's query */
		r = http(s, w->method, fmt("%s%s", path, body), tok, NULL);
	else if (body && strncmp(body, "csv:", 4) == 0) /* a sheet to import, checked only */
		r = http_req(s, &(struct req){.method = w->method, .path = fmt("%s?kind=people&dry_run=true", path),
			.token = tok, .body = body + 4, .content_type = "text/csv"});
	else if (body && strncmp(body, "signed:", 7) == 0) { /* the SMS gateway's webhook, a message id per cell */
		struct req q = sms_signed_req(fmt("{\"phone\":\"13900000000\",\"text\":\"%s\",\"id\":\"mx-%d-%d\"}",
						  body + 7, other, role));
		r = http_req(s, &q);
	} else if (!write && !strchr(w->pattern, '{') && !body) /* a list: its first page holds every object */
		r = http(s, w->method, fmt("%s?limit=200", path), tok, NULL);
	else
		r = http(s, w->method, path, tok, body);
	int denied = r->status == 401 || r->status == 403;
	t->got[other][role] = denied ? 'D' : r->status == 404 ? 'N' : 'A';
	t->status[other][role] = r->status;
	if (getenv("LD_MATRIX_DUMP") && r->status >= 400 && !denied)
		printf("\t/* %s %s as %s (%s): %ld %.200s */\n", w->method, path, role_name[role],
			other ? "other" : "own", r->status, r->body ? r->body : "");
	t->cells++;
	int ok;
	if (want == 'A')
		ok = r->status >= 200 && r->status < 500 && !denied && r->status != 404;
	else
		ok = r->status == (role == R_ANON ? 401 : want == 'N' ? 404 : 403);
	if (ok && before)
		ok = CHECKM(strcmp(before, admin_body(s, snap)) == 0, "matrix: %s %s as %s (%s scope) was denied "
			"but changed %s", w->method, path, role_name[role], other ? "other" : "own", snap);
	else if (!ok)
		check_fail(__FILE__, __LINE__, r, "matrix: %s %s as %s (%s scope): want %s, got %ld", w->method,
			w->pattern, role_name[role], other ? "other" : "own",
			want == 'A' ? "ALLOW" : want == 'N' ? "DENY (404)" : "DENY", r->status);
	if (!ok)
		t->mismatches++;
	if (recreate && r->status >= 200 && r->status < 300)
		recreate_fixture(s, m, w, other, recreate);
	if (!write && r->status == 200 && json_is_array(jget(r->json, "items")) && !list_hides(m, w, role, other, r))
		t->mismatches++;
}

/* The row with the observed letters, as C, for LD_MATRIX_DUMP. */
static void dump_row(const struct row *w, const struct tally *t)
{
	printf("\t%s(\"%s\", \"%s\", \"%s\", \"%s\"", w->id || w->body ? "RB" : "R", w->method, w->pattern,
		t->got[0], t->got[1]);
	if (w->id || w->body)
		printf(", %s%s%s", w->id ? "\"" : "", w->id ? w->id : "NULL", w->id ? "\"" : "");
	if (w->body) {
		fputs(", \"", stdout);
		for (const char *p = w->body; *p; p++)
			if (*p == '\n')
				fputs("\\n", stdout);
			else
				printf("%s%c", *p == '"' ? "\\" : "", *p);
		putchar('"');
	} else if (w->id) {
		fputs(", NULL", stdout);
	}
	puts("),");
	for (int o = 0; o < 2; o++) {
		printf("\t/* %s:", o ? "other" : "own");
		for (int i = 0; i < NROLE; i++)
			printf(" %ld", t->status[o][i]);
		puts(" */");
	}
}

void t_matrix_every_route_role_and_scope(struct srv *s)
{
	int st;
	char *out = cmd_output(fmt("'%s' routes", s->bin), &st);
	if (!CHECKM(out && st == 0, "liandong routes failed (%d)", st))
		return;
	struct mx *m = track(calloc(1, sizeof *m), free);
	if (!mx_world(s, m))
		return;
	bool dump = getenv("LD_MATRIX_DUMP") != NULL;
	struct tally t = {0};
	size_t nroutes = 0;
	int unlisted = 0;
	bool *seen = track(calloc(sizeof rows / sizeof *rows + 1, sizeof *seen), free);
	double t0 = now_s();
	for (char *line = out, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		char method[16], pattern[256], auth[16];
		if (!CHECKM(sscanf(line, "%15s %255s %15s", method, pattern, auth) == 3, "bad routes line: %s", line))
			continue;
		nroutes++;
		const struct row *w = row_of(method, pattern);
		if (!CHECKM(w != NULL, "matrix: route %s %s has no row in tests/api/t_matrix_rows.h", method, pattern)) {
			unlisted++;
			continue;
		}
		seen[w - rows] = true;
		CHECKM(strlen(w->own) == NROLE && strlen(w->other) == NROLE, "matrix: row %s %s needs %d letters",
			method, pattern, NROLE);
		CHECKM((w->own[R_ANON] == 'A') == (strcmp(auth, "public") == 0), "matrix: %s %s is %s but its row "
			"says anonymous %c", method, pattern, auth, w->own[R_ANON]);
		memset(t.got, 0, sizeof t.got);
		for (int other = 0; other < 2; other++)
			for (int role = 0; role < NROLE; role++)
				run_cell(s, m, w, role, other, &t);
		if (dump)
			dump_row(w, &t);
	}
	int stale = 0;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		if (!CHECKM(seen[i], "matrix: row %s %s has no route in the server", rows[i].method, rows[i].pattern))
			stale++;
	printf("  access matrix: %zu routes x %d roles x 2 scopes = %d cells, %d mismatches; %d routes without "
		"a row, %d rows without a route; %.1f s\n", nroutes, NROLE, t.cells, t.mismatches, unlisted, stale,
		now_s() - t0);
}
