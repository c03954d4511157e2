/* t_mydata.c - issue 13: GET /me/data (PIPL Art. 45, everything stored
 * about the signed-in user's person) and POST /me/password (one's own
 * password, since /users is for admins). */
#include "care_world.h"
#include "svc_world.h"

#include <string.h>

static const char *const every_section[] = {"user", "person", "volunteers", "volunteer_stages", "social_workers",
	"signups", "attendance", "service_records", "corrections", "honors", "certificates", "course_completions",
	"course_attendance", "invitations", "callouts", "emergency_reports", "needs", "client_cases",
	"notifications", "audit", "sessions"};

/* The volunteer's data in every kind of row: a course completed and a
 * session attended, a shift signed up for and checked in to, two service
 * records (one verified, with a correction asked), an award, a
 * certificate, an invitation (and its notification), a call-out, a need
 * raised and a client case of its own. */
static bool vol_data(struct srv *s, struct cworld *c)
{
	long long course = MK(s, s->admin, "/api/v1/courses", fmt("{\"title\":\"急救培训\",\"kind\":\"skill\","
		"\"hours\":4,\"org_id\":%lld}", c->A));
	MK(s, s->admin, fmt("/api/v1/courses/%lld/completions", course), fmt("{\"person_id\":%lld}", c->pV));
	long long session = MK(s, s->admin, "/api/v1/course-sessions", fmt("{\"course_id\":%lld,\"starts_at\":\"%s\","
		"\"ends_at\":\"%s\",\"place\":\"站点\"}", course, at(3600), at(7200)));
	MK(s, s->admin, fmt("/api/v1/course-sessions/%lld/attendance", session), fmt("{\"person_id\":%lld}", c->pV));
	long long activity = MK(s, s->admin, "/api/v1/activities", fmt("{\"title\":\"社区活动\",\"mode\":\"daily\","
		"\"org_ids\":[%lld],\"place\":\"社区\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"open\","
		"\"positions\":[{\"title\":\"服务岗\",\"headcount\":5}]}", c->A, at(-3600), at(5 * 86400)));
	long long pos = jint(http(s, "GET", fmt("/api/v1/activities/%lld", activity), s->admin, NULL)->json,
		"positions.0.id");
	const char *shift = "{\"position_id\":%lld,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"capacity\":5}";
	long long sh = MK(s, s->admin, "/api/v1/shifts", fmt(shift, pos, at(600), at(4 * 3600)));
	long long msh = MK(s, s->admin, "/api/v1/shifts", fmt(shift, pos, at(3 * 86400), at(3 * 86400 + 3600)));
	struct resp *g = sign_up(s, s->admin, sh, c->vA);
	long long signup = EXPECT_STATUS(g, 201) ? jint(g->json, "id") : -1;
	EXPECT_STATUS(http(s, "POST", "/api/v1/attendance/check-in", s->admin,
		fmt("{\"signup_id\":%lld,\"reason\":\"现场补签\"}", signup)), 201);
	const char *rec = "{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
		"\"hours\":2,\"person_in_charge\":\"李主任\"}";
	long long r2 = MK(s, s->admin, "/api/v1/service-records", fmt(rec, c->vA, at(-4 * 86400),
		at(-4 * 86400 + 3 * 3600)));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/service-records/%lld/verify", r2), c->oa_a, NULL), 200);
	MK(s, c->vol, fmt("/api/v1/service-records/%lld/corrections", r2), "{\"reason\":\"少记一小时\"}");
	MK(s, s->admin, "/api/v1/volunteer-honors", fmt("{\"volunteer_id\":%lld,\"kind\":\"award\","
		"\"title\":\"优秀志愿者\",\"level\":\"区级\",\"issuer\":\"民政局\",\"awarded_on\":\"2026-03-05\"}", c->vA));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/certificates", c->vA), s->admin,
		fmt("{\"from\":\"%.10s\",\"to\":\"%.10s\"}", at(-30 * 86400), at(0))), 201);
	struct resp *mt = http(s, "POST", "/api/v1/match", s->admin, fmt("{\"shift_ids\":[%lld]}", msh));
	if (EXPECT_STATUS(mt, 201))
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/match/%lld/apply", jint(mt->json, "id")), s->admin, NULL), 200);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", c->pV), s->admin,
		"{\"lat\":30.35,\"lon\":112.2}"), 200);
	long long em = MK(s, s->admin, "/api/v1/emergencies", fmt("{\"type\":\"medical\",\"title\":\"突发\","
		"\"place\":\"社区\",\"lat\":30.35,\"lon\":112.2,\"region_id\":%lld,\"org_id\":%lld,"
		"\"severity\":\"critical\"}", c->w.comm1, c->A));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/assess", em), s->admin,
		fmt("{\"needed_count\":1,\"radius_km\":5,\"social_worker_id\":%lld}", c->swA)), 200);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/mobilize", em), s->admin, NULL), 200);
	world_menu(s, &c->w);
	MK(s, c->vol, "/api/v1/needs", fmt("{\"title\":\"助餐\",\"category\":\"elderly_care\",\"region_id\":%lld}",
		c->w.comm1));
	MK(s, s->admin, "/api/v1/clients", fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"disabled\","
		"\"consent\":true}", c->pV, c->A));
	/* a resident's need, which is not the volunteer's */
	MK(s, c->res1, "/api/v1/needs", fmt("{\"title\":\"助浴\",\"category\":\"elderly_care\",\"region_id\":%lld}",
		c->w.comm1));
	return test_failures() == 0;
}

/* Every row of every list is the caller's: its person_id, volunteer_id,
 * user_id and the audit entries' subjects are the caller's own. */
static void only_own(json_t *doc, const char *who, long long person, long long vol, long long user)
{
	const char *key;
	json_t *sec;
	json_object_foreach(doc, key, sec) {
		json_t *items = json_object_get(sec, "items");
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it) {
			json_t *p = json_object_get(it, "person_id"), *v = json_object_get(it, "volunteer_id");
			json_t *u = json_object_get(it, "user_id");
			if (strcmp(key, "audit") == 0) {
				const char *e = jstr(it, "entity");
				long long id = jint(it, "entity_id");
				CHECKM(e && ((strcmp(e, "users") == 0 && id == user) || (strcmp(e, "people") == 0 &&
					id == person) || (strcmp(e, "volunteers") == 0 && id == vol) ||
					strcmp(e, "social-workers") == 0), "%s: audit entry about %s %lld", who, e ? e : "?", id);
				continue;
			}
			CHECKM(!json_is_integer(p) || json_integer_value(p) == person, "%s: %s.%zu has person_id %lld",
				who, key, i, (long long)json_integer_value(p));
			CHECKM(!json_is_integer(v) || json_integer_value(v) == vol, "%s: %s.%zu has volunteer_id %lld",
				who, key, i, (long long)json_integer_value(v));
			if (strcmp(key, "notifications") == 0)
				CHECKM(json_integer_value(u) == user, "%s: a notification of user %lld", who,
					(long long)json_integer_value(u));
		}
	}
}

static size_t items(json_t *doc, const char *section)
{
	return json_array_size(jget(doc, fmt("%s.items", section)));
}

/* A volunteer with data in every kind of row gets every section, its own
 * values in full, and nothing of anyone else's; no secret is in it; it is
 * audited; ?download=1 makes it a file. */
void t_my_data_has_every_section_and_only_mine(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c) || !vol_data(s, &c))
		return;
	/* a fresh session, so its token and CSRF token are known */
	struct resp *li = http(s, "POST", "/api/v1/login", NULL, "{\"username\":\"vol\",\"password\":\"" USER_PASS "\"}");
	if (!EXPECT_STATUS(li, 200))
		return;
	const char *tok = fmt("%s", jstr(li->json, "token")), *csrf = fmt("%s", jstr(li->json, "csrf_token"));
	struct resp *r = http(s, "GET", "/api/v1/me/data", tok, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	for (size_t i = 0; i < sizeof every_section / sizeof *every_section; i++)
		CHECKM(jget(r->json, every_section[i]) != NULL, "section %s is missing", every_section[i]);
	static const char *const filled[] = {"volunteers", "volunteer_stages", "signups", "attendance",
		"service_records", "corrections", "honors", "certificates", "course_completions", "course_attendance",
		"invitations", "callouts", "needs", "client_cases", "notifications", "audit", "sessions"};
	for (size_t i = 0; i < sizeof filled / sizeof *filled; i++) {
		CHECKM(items(r->json, filled[i]) > 0, "section %s is empty", filled[i]);
		CHECKM(json_is_false(jget(r->json, fmt("%s.truncated", filled[i]))), "%s.truncated is not false",
			filled[i]);
	}
	CHECK_INT((long long)items(r->json, "needs"), 1);
	CHECK_INT((long long)items(r->json, "social_workers"), 0);
	CHECK_INT(jint(r->json, "user.id"), c.uVol);
	CHECK_STR(jstr(r->json, "user.username"), "vol");
	CHECK_INT(jint(r->json, "person.id"), c.pV);
	/* the person's own values in full, as GET /people/{id} gives them */
	struct resp *p = http(s, "GET", fmt("/api/v1/people/%lld", c.pV), c.vol, NULL);
	if (EXPECT_STATUS(p, 200)) {
		CHECK_STR(jstr(r->json, "person.id_number"), jstr(p->json, "id_number"));
		CHECK_STR(jstr(r->json, "person.phone"), jstr(p->json, "phone"));
		CHECKR(r, jstr(r->json, "person.phone") && !strchr(jstr(r->json, "person.phone"), '*'));
	}
	only_own(r->json, "vol", c.pV, c.vA, c.uVol);
	/* sessions: this one is current; no hash, no token, no CSRF token */
	json_t *ss = jget(r->json, "sessions.items");
	int current = 0;
	for (size_t i = 0; i < json_array_size(ss); i++)
		current += json_is_true(json_object_get(json_array_get(ss, i), "current"));
	CHECK_INT(current, 1);
	CHECKR(r, !strstr(r->body, tok) && !strstr(r->body, csrf) && !strstr(r->body, "argon2") &&
		!strstr(r->body, "password_hash") && !strstr(r->body, "token_hash") && !strstr(r->body, "csrf"));
	CHECKR(r, resp_header(r, "Content-Disposition") == NULL);
	/* the export is in the audit log, by the volunteer */
	CHECK_INT(audit_count(s, fmt("?entity=users&entity_id=%lld", c.uVol), "data_export", c.uVol), 1);
	/* as a file */
	struct resp *d = http(s, "GET", "/api/v1/me/data?download=1", tok, NULL);
	if (EXPECT_STATUS(d, 200)) {
		const char *cd = resp_header(d, "Content-Disposition");
		CHECKR(d, cd && strstr(cd, "attachment") && strstr(cd, "filename=") && strstr(cd, ".json"));
		CHECKR(d, jint(d->json, "person.id") == c.pV);
	}
	EXPECT_ERR(http(s, "GET", "/api/v1/me/data?download=maybe", tok, NULL), 422, "invalid_value", "download");
	EXPECT_ERR(http(s, "GET", "/api/v1/me/data", NULL, NULL), 401, "unauthorized", NULL);

	/* others get their own and nothing of the volunteer's: a resident, a
	 * social worker over the volunteer's org, the platform admin */
	struct resp *res = http(s, "GET", "/api/v1/me/data", c.res1, NULL);
	if (EXPECT_STATUS(res, 200)) {
		only_own(res->json, "res1", c.pR1, -1, c.uR1);
		CHECK_INT((long long)items(res->json, "needs"), 1);
		CHECK_INT((long long)items(res->json, "volunteers"), 0);
		CHECK_INT((long long)items(res->json, "service_records"), 0);
	}
	struct resp *sw = http(s, "GET", "/api/v1/me/data", c.sw_a, NULL);
	if (EXPECT_STATUS(sw, 200)) {
		only_own(sw->json, "sw_a", c.pSWA, -1, c.uSWA);
		CHECK_INT((long long)items(sw->json, "social_workers"), 1);
		CHECK_INT((long long)items(sw->json, "volunteers"), 0);
		CHECK_INT((long long)items(sw->json, "client_cases"), 0);
		CHECK_INT((long long)items(sw->json, "certificates"), 0);
	}
	struct resp *ad = http(s, "GET", "/api/v1/me/data", s->admin, NULL);
	if (EXPECT_STATUS(ad, 200)) {
		CHECKR(ad, jisnull(ad->json, "person"));
		only_own(ad->json, "admin", -1, -1, s->admin_id);
		CHECK_INT((long long)items(ad->json, "needs"), 0);
		CHECK_INT((long long)items(ad->json, "notifications"), 0);
	}
}

/* The volunteer changes its own password: bad input is 422 naming the
 * field, a wrong current password 403 naming current_password (and
 * throttled like a sign-in), success ends its other sessions and keeps
 * this one; PATCH /users stays for admins. */
void t_my_password_change(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	const char *t1 = LOGIN(s, "vol", USER_PASS), *t2 = LOGIN(s, "vol", USER_PASS);
	if (!t1 || !t2)
		return;
	const char *path = "/api/v1/me/password";
	EXPECT_ERR(http(s, "POST", path, t1, "{\"new_password\":\"river-lamp-73\"}"), 422, "required",
		"current_password");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":\"" USER_PASS "\"}"), 422, "required",
		"new_password");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":\"" USER_PASS "\",\"new_password\":\"12345678\"}"),
		422, "invalid_value", "new_password");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":\"" USER_PASS "\",\"new_password\":\"my-vol-pw\"}"),
		422, "invalid_value", "new_password");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":\"" USER_PASS "\",\"new_password\":\"" USER_PASS
		"\"}"), 422, "invalid_value", "new_password");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":1,\"new_password\":\"river-lamp-73\"}"), 422, NULL,
		"current_password");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":\"x\",\"new_password\":\"river-lamp-73\",\"a\":1}"),
		400, NULL, "a");
	EXPECT_ERR(http(s, "POST", path, t1, "{\"current_password\":\"wrong-pass-1\",\"new_password\":\"river-lamp-73\"}"),
		403, "forbidden", "current_password");
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/users/%lld", c.uVol), t1, "{\"password\":\"river-lamp-73\"}"),
		403, "forbidden", NULL);
	/* nothing changed so far */
	CHECK(LOGIN(s, "vol", USER_PASS) != NULL);
	EXPECT_STATUS(http(s, "GET", "/api/v1/me", t2, NULL), 200);

	struct resp *ok = http(s, "POST", path, t1,
		"{\"current_password\":\"" USER_PASS "\",\"new_password\":\"river-lamp-73\"}");
	EXPECT_STATUS(ok, 204);
	EXPECT_STATUS(http(s, "GET", "/api/v1/me", t1, NULL), 200);
	EXPECT_ERR(http(s, "GET", "/api/v1/me", t2, NULL), 401, "unauthorized", NULL);
	EXPECT_STATUS(http(s, "POST", "/api/v1/login", NULL,
		"{\"username\":\"vol\",\"password\":\"" USER_PASS "\"}"), 401);
	CHECK(LOGIN(s, "vol", "river-lamp-73") != NULL);
	CHECK_INT(audit_count(s, fmt("?entity=users&entity_id=%lld", c.uVol), "password_change", c.uVol), 1);
	/* the platform admin changes its own the same way */
	EXPECT_STATUS(http(s, "POST", path, s->admin,
		"{\"current_password\":\"" ADMIN_PASS "\",\"new_password\":\"harbour-lantern-42\"}"), 204);
	CHECK(LOGIN(s, ADMIN_USER, "harbour-lantern-42") != NULL);
}

/* Guessing the current password is throttled like a sign-in: after the
 * free failures the next try is 429 with Retry-After, even with the right
 * password, and nothing changes. */
void t_my_password_guessing_is_throttled(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	const char *path = "/api/v1/me/password";
	int throttled = 0;
	for (int i = 0; i < 12 && !throttled; i++) {
		struct resp *r = http(s, "POST", path, c.vol,
			fmt("{\"current_password\":\"guess-%d-xyz\",\"new_password\":\"river-lamp-73\"}", i));
		throttled = r->status == 429;
		if (!throttled)
			EXPECT_ERR(r, 403, "forbidden", "current_password");
		else
			CHECKR(r, resp_header(r, "Retry-After") != NULL);
	}
	CHECKM(throttled, "12 wrong current passwords were never throttled");
	EXPECT_ERR(http(s, "POST", path, c.vol, "{\"current_password\":\"" USER_PASS "\",\"new_password\":"
		"\"river-lamp-73\"}"), 429, "too_many_requests", NULL);
	EXPECT_STATUS(http(s, "GET", "/api/v1/me", c.vol, NULL), 200);
}
