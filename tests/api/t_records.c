/* t_records.c - records that hold up (issue 12): the attendance window and
 * its edges, hours served capped at the shift and extended only with a
 * reason, the flags a verifier sees, who may verify, the person in charge
 * and the recorder, corrections and a volunteer's awards. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "svc_world.h"

static const char *iso(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		   tm.tm_min, tm.tm_sec);
}

/* Wait until time() (the clock the server reads, which may lag the precise
 * one by a tick) turns to the next second, so a few requests that follow
 * are answered within the second they read as now. */
static void next_second(void)
{
	time_t t = time(NULL);
	struct timespec ts = {0, 1000000L};
	while (time(NULL) == t)
		nanosleep(&ts, NULL);
}

/* Move the shift to [t0 + from, t0 + to), then check in or out (path) with
 * the volunteer's code, t0 being the second the request is answered in
 * (retried when the clock ticks between the two, which leaves the edge
 * untested). */
static struct resp *at_edge(struct srv *srv, struct svc *s, long long shift, long long from, long long to,
			    const char *path, long long g, const char *tok)
{
	for (int i = 0; i < 5; i++) {
		next_second();
		time_t t0 = time(NULL);
		EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/shifts/%lld", shift), s->staff,
				   fmt("{\"starts_at\":\"%s\",\"ends_at\":\"%s\"}", iso(t0 + from), iso(t0 + to))), 200);
		struct resp *r = http(srv, "POST", path, s->vtok[0], fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok));
		if (time(NULL) == t0)
			return r;
	}
	check_fail(__FILE__, __LINE__, NULL, "the clock ticked during every try");
	return NULL;
}

static bool says(struct resp *r, const char *what)
{
	const char *m = r ? jstr(r->json, "error.message") : NULL;
	return m && strstr(m, what);
}

void t_checkin_window_edges(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long shift = mk_shift(srv, &s, pos, at(86400), at(86400 + 3600), 5);
	long long g = jint(sign_up(srv, s.vtok[0], shift, s.vol[0])->json, "id");
	const char *tok = jstr(http(srv, "GET", fmt("/api/v1/shifts/%lld/check-in-token", shift), s.staff, NULL)->json, "token");
	if (!CHECK(g > 0 && tok))
		return;
	/* after the end: too late; one second before the lead time: too early */
	struct resp *r = at_edge(srv, &s, shift, -3600, -1, "/api/v1/attendance/check-in", g, tok);
	EXPECT_ERR(r, 422, "rule_violation", "check_in");
	CHECKR(r, says(r, "too late"));
	r = at_edge(srv, &s, shift, 30 * 60 + 1, 90 * 60, "/api/v1/attendance/check-in", g, tok);
	EXPECT_ERR(r, 422, "rule_violation", "check_in");
	CHECKR(r, says(r, "too early"));
	CHECK_INT(COUNT(srv, fmt("/api/v1/attendance?signup_id=%lld", g)), 0);
	/* exactly the lead time (30 minutes) before the start: accepted */
	EXPECT_STATUS(at_edge(srv, &s, shift, 30 * 60, 90 * 60, "/api/v1/attendance/check-in", g, tok), 201);
	/* check-out one second after the grace (2 hours) after the end: refused, nothing made */
	r = at_edge(srv, &s, shift, -9000, -2 * 3600 - 1, "/api/v1/attendance/check-out", g, tok);
	EXPECT_ERR(r, 422, "rule_violation", "check_out");
	CHECKR(r, says(r, "too late"));
	CHECK_INT(COUNT(srv, "/api/v1/service-records"), 0);
	/* exactly at the end of the grace: accepted */
	r = at_edge(srv, &s, shift, -9000, -2 * 3600, "/api/v1/attendance/check-out", g, tok);
	long long rid = r ? jint(r->json, "service_record_id") : -1;
	EXPECT_STATUS(r, 201);
	struct resp *rec = http(srv, "GET", fmt("/api/v1/service-records/%lld", rid), s.staff, NULL);
	if (EXPECT_STATUS(rec, 200)) {
		CHECK(json_is_false(jget(rec->json, "outside_window")));
		CHECK(json_is_false(jget(rec->json, "manual")));
		CHECK(json_is_false(jget(rec->json, "extended")));
		CHECK_STR(jstr(rec->json, "recorder_name"), "志愿者0");
	}
	/* no lead social worker: the verifier, who vouches for it, is the person in charge */
	struct resp *v = http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), s.staff, NULL);
	if (EXPECT_STATUS(v, 200))
		CHECK_STR(jstr(v->json, "person_in_charge"), "staff");
	/* a repeat after the window answers the same record */
	struct resp *again = http(srv, "POST", "/api/v1/attendance/check-out", s.vtok[0],
				  fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok));
	if (EXPECT_STATUS(again, 200))
		CHECK_INT(jint(again->json, "service_record_id"), rid);
}

void t_hours_capped_at_the_shift_and_extended_with_a_reason(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	/* a shift of one second that ended two hours ago (signed up for before) */
	long long shift = mk_shift(srv, &s, pos, at(86400), at(86401), 5);
	long long g = jint(sign_up(srv, s.vtok[0], shift, s.vol[0])->json, "id");
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/shifts/%lld", shift), s.staff,
			   fmt("{\"starts_at\":\"%s\",\"ends_at\":\"%s\"}", at(-7200), at(-7199))), 200);
	const char *tok = jstr(http(srv, "GET", fmt("/api/v1/shifts/%lld/check-in-token", shift), s.staff, NULL)->json, "token");
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[0], fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok)),
		   422, "rule_violation", "check_in");
	/* staff may, with a reason; 31 seconds served would round to a minute */
	EXPECT_STATUS(http(srv, "POST", "/api/v1/attendance/check-in", s.staff,
			   fmt("{\"signup_id\":%lld,\"reason\":\"补录：忘记签到\"}", g)), 201);
	struct timespec ts = {31, 0};
	nanosleep(&ts, NULL);
	struct resp *out = http(srv, "POST", "/api/v1/attendance/check-out", s.staff,
				fmt("{\"signup_id\":%lld,\"reason\":\"补录\"}", g));
	long long rid = jint(out->json, "service_record_id");
	if (!EXPECT_STATUS(out, 201))
		return;
	struct resp *rec = http(srv, "GET", fmt("/api/v1/service-records/%lld", rid), s.staff, NULL);
	if (EXPECT_STATUS(rec, 200)) {
		CHECKR(rec, json_number_value(jget(rec->json, "hours")) == 0.0); /* capped at one second */
		CHECK(json_is_true(jget(rec->json, "outside_window")));
		CHECK(json_is_true(jget(rec->json, "manual")));
	}
	/* the staff member who recorded it by hand may not verify it */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), s.staff, NULL), 403, "forbidden",
		   "recorder_user_id");
	const char *ver = verifier_of(srv, &s);
	/* more hours need a reason; never more than the time between in and out; never fewer */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), ver, "{\"hours\":0.01}"), 422,
		   "invalid_value", "reason");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), ver,
			"{\"hours\":2,\"reason\":\"在现场多服务了两小时\"}"), 422, "invalid_value", "hours");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), ver, "{\"hours\":\"1\"}"), 422,
		   "invalid_value", "hours");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), ver, "{\"minutes\":1}"), 400,
		   "unknown_field", "minutes");
	rec = http(srv, "GET", fmt("/api/v1/service-records/%lld", rid), s.staff, NULL);
	CHECK_STR(jstr(rec->json, "status"), "recorded");
	CHECK(json_is_false(jget(rec->json, "extended")));
	struct resp *v = http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rid), ver,
			      "{\"hours\":0.01,\"reason\":\"签到晚于实际到场\",\"evaluation\":\"认真\",\"person_in_charge\":\"李主任\"}");
	if (EXPECT_STATUS(v, 200)) {
		CHECK_STR(jstr(v->json, "status"), "verified");
		CHECK(json_is_true(jget(v->json, "extended")));
		CHECK_STR(jstr(v->json, "extension_reason"), "签到晚于实际到场");
		CHECK_STR(jstr(v->json, "evaluation"), "认真");
		CHECKR(v, json_number_value(jget(v->json, "hours")) == 0.02);
		CHECK_STR(jstr(v->json, "person_in_charge"), "李主任");
	}
}

/* A record of volunteer v made by hand by staff; person_in_charge given. */
static long long by_hand(struct srv *srv, struct svc *s, long long v, const char *extra)
{
	return MK(srv, s->staff, "/api/v1/service-records",
		  fmt("{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
		      "\"hours\":2%s}", v, at(-3 * 86400), at(-3 * 86400 + 3 * 3600), extra));
}

void t_who_may_verify_and_the_person_in_charge(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	/* the volunteer is also a social worker of the station */
	MK_USER(srv, srv->admin, "volstaff", s.person[0], fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", s.org));
	const char *volstaff = LOGIN(srv, "volstaff", USER_PASS);
	/* no activity and no person in charge: required */
	EXPECT_ERR(http(srv, "POST", "/api/v1/service-records", s.staff,
			fmt("{\"volunteer_id\":%lld,\"content\":\"x\",\"starts_at\":\"%s\",\"ends_at\":\"%s\"}", s.vol[0],
			    at(-7200), at(-3600))), 422, "required", "person_in_charge");
	CHECK_INT(COUNT(srv, "/api/v1/service-records"), 0);
	long long r = by_hand(srv, &s, s.vol[0], ",\"person_in_charge\":\"李主任\"");
	struct resp *got = http(srv, "GET", fmt("/api/v1/service-records/%lld", r), s.staff, NULL);
	CHECK(json_is_true(jget(got->json, "manual")));
	CHECK_STR(jstr(got->json, "recorder_name"), "staff");
	struct resp *own = http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", r), volstaff, NULL);
	EXPECT_ERR(own, 403, "forbidden", "volunteer_id");
	CHECKR(own, says(own, "you cannot verify your own service"));
	struct resp *mine = http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", r), s.staff, NULL);
	EXPECT_ERR(mine, 403, "forbidden", "recorder_user_id");
	CHECKR(mine, says(mine, "someone other than its recorder"));
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/service-records/%lld", r), s.staff, NULL)->json, "status"), "recorded");
	/* the evaluation is added when verifying only if there is none */
	long long r2 = by_hand(srv, &s, s.vol[0], ",\"person_in_charge\":\"李主任\",\"evaluation\":\"好\"");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", r2), verifier_of(srv, &s),
			"{\"evaluation\":\"很好\"}"), 409, "conflict", "evaluation");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", r), verifier_of(srv, &s),
			   "{\"evaluation\":\"服务认真\"}"), 200);
	/* the activity's lead social worker is the person in charge by default */
	char idn[19];
	idnum(idn, "421002", 1985, 3, 4, 777);
	long long p = MK_PERSON(srv, srv->admin, "王社工", idn, NULL, s.org);
	long long sw = MK(srv, srv->admin, "/api/v1/social-workers",
			  fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"none\"}", p, s.org));
	long long act;
	mk_activity(srv, &s, "daily", "open", NULL, &act);
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/activities/%lld", act), s.staff,
			   fmt("{\"lead_social_worker_id\":%lld}", sw)), 200);
	long long r3 = by_hand(srv, &s, s.vol[0], fmt(",\"activity_id\":%lld", act));
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/service-records/%lld", r3), s.staff, NULL)->json, "person_in_charge"),
		  "王社工");
}

void t_corrections_asked_refused_and_resolved(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long r = by_hand(srv, &s, s.vol[0], ",\"person_in_charge\":\"李主任\"");
	const char *path = fmt("/api/v1/service-records/%lld/corrections", r);
	EXPECT_ERR(http(srv, "POST", path, s.vtok[1], "{\"reason\":\"x\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "POST", path, s.staff, "{\"reason\":\"x\"}"), 403, "forbidden", "id");
	EXPECT_ERR(http(srv, "POST", path, s.vtok[0], "{}"), 422, "required", "reason");
	EXPECT_ERR(http(srv, "POST", path, s.vtok[0], "{\"reason\":1}"), 422, "invalid_value", "reason");
	CHECK_INT(COUNT(srv, "/api/v1/corrections"), 0);
	struct resp *k = http(srv, "POST", path, s.vtok[0], "{\"reason\":\"实际服务了3小时\"}");
	long long kid = jint(k->json, "id");
	if (EXPECT_STATUS(k, 201)) {
		CHECK_STR(jstr(k->json, "status"), "open");
		CHECK_INT(jint(k->json, "record_id"), r);
		CHECK_STR(jstr(k->json, "reason"), "实际服务了3小时");
	}
	EXPECT_ERR(http(srv, "POST", path, s.vtok[0], "{\"reason\":\"again\"}"), 409, "conflict", "record_id");
	/* staff see the open corrections of their org; another volunteer sees none */
	json_t *open = LIST_ALL(srv, s.staff, "/api/v1/corrections?status=open");
	CHECKM(open && json_array_size(open) == 1, "one open correction for staff");
	json_t *other = LIST_ALL(srv, s.vtok[1], "/api/v1/corrections");
	CHECKM(other && json_array_size(other) == 0, "another volunteer sees none");
	/* refuse: staff only, with a reason */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/refuse", kid), s.staff, "{}"), 422, "required", "reason");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/refuse", kid), s.vtok[0], "{\"reason\":\"x\"}"), 403,
		   "forbidden", NULL);
	struct resp *no = http(srv, "POST", fmt("/api/v1/corrections/%lld/refuse", kid), s.staff,
			       "{\"reason\":\"签到记录显示2小时\"}");
	if (EXPECT_STATUS(no, 200)) {
		CHECK_STR(jstr(no->json, "status"), "refused");
		CHECK_STR(jstr(no->json, "answer"), "签到记录显示2小时");
	}
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/refuse", kid), s.staff, "{\"reason\":\"x\"}"), 409,
		   "conflict", "status");
	/* asked again; resolving with bad input changes nothing */
	k = http(srv, "POST", path, s.vtok[0], "{\"reason\":\"有照片为证：3小时\"}");
	kid = jint(k->json, "id");
	EXPECT_STATUS(k, 201);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/resolve", kid), s.staff, "{\"hours\":4}"), 422,
		   "invalid_value", "hours");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/resolve", kid), s.staff, "{\"minutes\":4}"), 400,
		   "unknown_field", "minutes");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/resolve", kid), s.vtok[0], "{\"hours\":3}"), 403,
		   "forbidden", NULL);
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/service-records/%lld", r), s.staff, NULL)->json, "status"), "recorded");
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/corrections/%lld", kid), s.staff, NULL)->json, "status"), "open");
	CHECK_INT(COUNT(srv, "/api/v1/service-records"), 1);
	/* resolve: voided and recorded again, in one step */
	struct resp *ok = http(srv, "POST", fmt("/api/v1/corrections/%lld/resolve", kid), s.staff, "{\"hours\":3}");
	long long nid = jint(ok->json, "new_record_id");
	if (EXPECT_STATUS(ok, 200))
		CHECK_STR(jstr(ok->json, "status"), "done");
	struct resp *old = http(srv, "GET", fmt("/api/v1/service-records/%lld", r), s.vtok[0], NULL);
	CHECK_STR(jstr(old->json, "status"), "voided");
	struct resp *nw = http(srv, "GET", fmt("/api/v1/service-records/%lld", nid), s.vtok[0], NULL);
	if (EXPECT_STATUS(nw, 200)) {
		CHECK_INT(jint(nw->json, "replaces_id"), r);
		CHECK_STR(jstr(nw->json, "status"), "recorded");
		CHECKR(nw, json_number_value(jget(nw->json, "hours")) == 3.0);
		CHECK_STR(jstr(nw->json, "person_in_charge"), "李主任");
	}
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/corrections/%lld/resolve", kid), s.staff, "{}"), 409, "conflict", "status");
	/* the volunteer sees both answers, in the list and the inbox */
	json_t *mine = LIST_ALL(srv, s.vtok[0], fmt("/api/v1/service-records/%lld/corrections", r));
	CHECKM(mine && json_array_size(mine) == 2, "both corrections listed for the volunteer");
	json_t *inbox = LIST_ALL(srv, s.vtok[0], "/api/v1/notifications?kind=correction");
	CHECKM(inbox && json_array_size(inbox) == 2, "two answers in the volunteer's inbox");
	/* a voided record cannot be corrected */
	EXPECT_ERR(http(srv, "POST", path, s.vtok[0], "{\"reason\":\"x\"}"), 409, "conflict", "status");
}

void t_volunteer_awards_and_evaluations(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	const char *body = fmt("{\"volunteer_id\":%lld,\"kind\":\"award\",\"title\":\"优秀志愿者\",\"level\":\"区级\","
			       "\"issuer\":\"荆州区民政局\",\"awarded_on\":\"2026-03-05\",\"note\":\"助老服务\"}", s.vol[0]);
	EXPECT_ERR(http(srv, "POST", "/api/v1/volunteer-honors", s.vtok[0], body), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "POST", "/api/v1/volunteer-honors", s.staff,
			fmt("{\"volunteer_id\":%lld,\"kind\":\"medal\",\"title\":\"x\",\"issuer\":\"y\",\"awarded_on\":\"2026-03-05\"}",
			    s.vol[0])), 422, "invalid_value", "kind");
	EXPECT_ERR(http(srv, "POST", "/api/v1/volunteer-honors", s.staff,
			fmt("{\"volunteer_id\":%lld,\"kind\":\"evaluation\",\"title\":\"x\",\"awarded_on\":\"2026-03-05\"}",
			    s.vol[0])), 422, "required", "issuer");
	CHECK_INT(COUNT(srv, "/api/v1/volunteer-honors"), 0);
	struct resp *h = http(srv, "POST", "/api/v1/volunteer-honors", s.staff, body);
	if (EXPECT_STATUS(h, 201)) {
		CHECK_INT(jint(h->json, "org_id"), s.org);
		CHECK_STR(jstr(h->json, "awarded_on"), "2026-03-05");
	}
	EXPECT_STATUS(http(srv, "POST", "/api/v1/volunteer-honors", s.staff,
			   fmt("{\"volunteer_id\":%lld,\"kind\":\"evaluation\",\"title\":\"年度考评：优秀\",\"issuer\":\"中山街道社工站\","
			       "\"awarded_on\":\"2026-01-10\"}", s.vol[0])), 201);
	json_t *mine = LIST_ALL(srv, s.vtok[0], fmt("/api/v1/volunteers/%lld/honors", s.vol[0]));
	CHECKM(mine && json_array_size(mine) == 2, "the volunteer reads their own two");
	json_t *other = LIST_ALL(srv, s.vtok[1], "/api/v1/volunteer-honors");
	CHECKM(other && json_array_size(other) == 0, "another volunteer reads none");
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/volunteer-honors/%lld", jint(h->json, "id")), s.staff, "{\"title\":\"x\"}"),
		   405, "method_not_allowed", NULL);
}

/* `--checkin-lead` and `--checkout-grace` take 0 to a week of minutes;
 * anything else stops the command before it opens the store (shown with
 * `init` on a new file, which a serve would do first). */
void t_window_options_are_checked(struct srv *srv)
{
	static const char *const opts[][2] = {
		{"--checkin-lead", "10081"}, {"--checkout-grace", "10081"}, {"--checkin-lead", "-5"},
		{"--checkout-grace", "2h"}, {"--checkin-lead", ""}, {"--checkin-lead", "0"}, {"--checkout-grace", "10080"},
	};
	static const int want[] = {1, 1, 2, 2, 2, 0, 0};
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		const char *db = fmt("%s/opt%zu.db", srv->dir, i);
		const char *argv[] = {srv->bin, "init", "--db", db, "--key-file", fmt("%s.key", db), opts[i][0], opts[i][1], NULL};
		int rc = run_tool(srv, argv, NULL);
		CHECKM(rc == want[i], "%s '%s' exited %d, want %d", opts[i][0], opts[i][1], rc, want[i]);
	}
}
