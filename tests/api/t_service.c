/* t_service.c - service delivery: training requirements, sign-up with
 * capacity, waiting list and promotion, overlap, minors and insurance rules,
 * QR and manual attendance (idempotent under retries and concurrency), and
 * the append-only hours ledger with stars exactly at the thresholds. */
#include "tests.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "svc_world.h"

void t_signup_needs_the_positions_course_named(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long course = MK(srv, s.staff, "/api/v1/courses",
			      fmt("{\"title\":\"急救培训\",\"kind\":\"skill\",\"hours\":4,\"org_id\":%lld}", s.org));
	long long act, pos = mk_activity(srv, &s, "professional", "open", fmt("\"required_course_ids\":[%lld]", course), &act);
	long long shift = mk_shift(srv, &s, pos, at(3600), at(7200), 2);
	struct resp *r = sign_up(srv, s.vtok[0], shift, s.vol[0]);
	if (EXPECT_ERR(r, 422, "rule_violation", "required_course_ids"))
		CHECKR(r, strstr(jstr(r->json, "error.message"), "急救培训") != NULL);
	CHECK_INT(COUNT(srv, fmt("/api/v1/signups?shift_id=%lld", shift)), 0);
	MK(srv, s.staff, fmt("/api/v1/courses/%lld/completions", course), fmt("{\"person_id\":%lld}", s.person[0]));
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/courses/%lld/completions", course), s.staff,
			fmt("{\"person_id\":%lld}", s.person[0])), 409, "duplicate", NULL);
	r = sign_up(srv, s.vtok[0], shift, s.vol[0]);
	if (EXPECT_STATUS(r, 201))
		CHECK_STR(jstr(r->json, "status"), "accepted");
	/* a required skill the person lacks is named too */
	long long act2, pos2 = mk_activity(srv, &s, "daily", "open", "\"required_skills\":[\"手语\"]", &act2);
	long long shift2 = mk_shift(srv, &s, pos2, at(86400), at(86400 + 3600), 2);
	EXPECT_ERR(sign_up(srv, s.vtok[0], shift2, s.vol[0]), 422, "rule_violation", "required_skills");
}

/* A course's sessions, their attendance and its completions are written by
 * the course org's staff; anyone else gets 403 (and the server stays up: a
 * session was once checked with a completion's field key). */
void t_course_sessions_and_attendance_by_course_staff(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long course = MK(srv, s.staff, "/api/v1/courses",
			      fmt("{\"title\":\"理念培训\",\"kind\":\"concept\",\"hours\":2,\"org_id\":%lld}", s.org));
	const char *body = fmt("{\"course_id\":%lld,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"place\":\"站点\"}", course,
			       at(3600), at(7200));
	EXPECT_ERR(http(srv, "POST", "/api/v1/course-sessions", s.vtok[0], body), 403, "forbidden", NULL);
	long long session = MK(srv, s.staff, "/api/v1/course-sessions", body);
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/course-sessions/%lld", session), s.vtok[0], "{\"place\":\"别处\"}"),
		   403, "forbidden", NULL);
	struct resp *r = http(srv, "PATCH", fmt("/api/v1/course-sessions/%lld", session), s.staff, "{\"place\":\"社工站\"}");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "place"), "社工站");
	const char *who = fmt("{\"person_id\":%lld}", s.person[0]);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/course-sessions/%lld/attendance", session), s.vtok[0], who), 403,
		   "forbidden", NULL);
	MK(srv, s.staff, fmt("/api/v1/course-sessions/%lld/attendance", session), who);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/courses/%lld/completions", course), s.vtok[0], who), 403, "forbidden",
		   NULL);
	MK(srv, s.staff, fmt("/api/v1/courses/%lld/completions", course), who);
	EXPECT_STATUS(http(srv, "GET", "/api/v1/health", NULL, NULL), 200);
}

void t_signup_capacity_waitlist_and_promotion(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 3))
		return;
	long long act, pos = mk_activity(srv, &s, "event", "open", NULL, &act);
	long long shift = mk_shift(srv, &s, pos, at(3600), at(7200), 2);
	long long g[3];
	static const char *const want[] = {"accepted", "accepted", "waitlisted"};
	for (int i = 0; i < 3; i++) {
		struct resp *r = sign_up(srv, s.vtok[i], shift, s.vol[i]);
		g[i] = jint(r->json, "id");
		if (EXPECT_STATUS(r, 201))
			CHECK_STR(jstr(r->json, "status"), want[i]);
	}
	struct resp *sh = http(srv, "GET", fmt("/api/v1/shifts/%lld", shift), s.staff, NULL);
	CHECK_INT(jint(sh->json, "accepted"), 2);
	CHECK_INT(jint(sh->json, "waitlisted"), 1);
	EXPECT_ERR(sign_up(srv, s.vtok[0], shift, s.vol[0]), 409, "duplicate", "volunteer_id");
	/* another volunteer may not act for vol 1 */
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g[1]), s.vtok[0], NULL), 403, "forbidden", NULL);
	/* a cancellation promotes the head of the waiting list */
	struct resp *c = http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g[0]), s.vtok[0], NULL);
	if (EXPECT_STATUS(c, 200))
		CHECK_STR(jstr(c->json, "status"), "cancelled");
	struct resp *p = http(srv, "GET", fmt("/api/v1/signups/%lld", g[2]), s.vtok[2], NULL);
	CHECK_STR(jstr(p->json, "status"), "accepted");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g[0]), s.vtok[0], NULL), 409, "conflict", "status");

	/* by approval: pending until the organiser accepts; never over capacity */
	long long act2, pos2 = mk_activity(srv, &s, "professional", "approval", NULL, &act2);
	long long shift2 = mk_shift(srv, &s, pos2, at(86400 * 2), at(86400 * 2 + 3600), 1);
	long long a = jint(sign_up(srv, s.vtok[0], shift2, s.vol[0])->json, "id");
	long long b = jint(sign_up(srv, s.vtok[1], shift2, s.vol[1])->json, "id");
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/signups/%lld", a), s.staff, NULL)->json, "status"), "pending");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/signups/%lld/accept", a), s.vtok[0], NULL), 403, "forbidden", NULL);
	CHECK_STR(jstr(http(srv, "POST", fmt("/api/v1/signups/%lld/accept", a), s.staff, NULL)->json, "status"), "accepted");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/signups/%lld/accept", b), s.staff, NULL), 409, "conflict", "shift_id");
	CHECK_STR(jstr(http(srv, "POST", fmt("/api/v1/signups/%lld/reject", b), s.staff, NULL)->json, "status"), "rejected");
}

void t_signup_rules_overlap_stage_minors_insurance(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long s1 = mk_shift(srv, &s, pos, at(3600), at(3 * 3600), 5);
	long long s2 = mk_shift(srv, &s, pos, at(2 * 3600), at(4 * 3600), 5);
	long long s3 = mk_shift(srv, &s, pos, at(5 * 3600), at(6 * 3600), 5);
	EXPECT_STATUS(sign_up(srv, s.vtok[0], s1, s.vol[0]), 201);
	EXPECT_ERR(sign_up(srv, s.vtok[0], s2, s.vol[0]), 409, "conflict", "shift_id");
	EXPECT_STATUS(sign_up(srv, s.vtok[0], s3, s.vol[0]), 201);
	CHECK_INT(COUNT(srv, fmt("/api/v1/signups?volunteer_id=%lld", s.vol[0])), 2);

	/* not yet registered */
	long long p = MK_PERSON(srv, srv->admin, "新人", NULL, NULL, s.org);
	char idn[19];
	idnum(idn, "421002", 1990, 5, 5, 777);
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/people/%lld", p), srv->admin, fmt("{\"id_number\":\"%s\"}", idn)), 200);
	long long v = MK(srv, srv->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, s.org));
	EXPECT_ERR(sign_up(srv, s.staff, s1, v), 422, "rule_violation", "volunteer_id");

	/* a minor: not on emergency work, not at night, fine by day */
	if (!mk_volunteer(srv, &s, 1, 16, NULL))
		return;
	long long eact, epos = mk_activity(srv, &s, "emergency", "open", NULL, &eact);
	long long es = mk_shift(srv, &s, epos, at(3600), at(7200), 5);
	EXPECT_ERR(sign_up(srv, s.vtok[1], es, s.vol[1]), 422, "rule_violation", "shift_id");
	long long night = mk_shift(srv, &s, pos, tomorrow_at(22), tomorrow_at(23), 5);
	EXPECT_ERR(sign_up(srv, s.vtok[1], night, s.vol[1]), 422, "rule_violation", "shift_id");
	long long day = mk_shift(srv, &s, pos, tomorrow_at(9), tomorrow_at(11), 5);
	EXPECT_STATUS(sign_up(srv, s.vtok[1], day, s.vol[1]), 201);

	/* risky work needs accident insurance covering the shift */
	long long ract, rpos = mk_activity(srv, &s, "event", "open", "\"risky\":true", &ract);
	long long rs = mk_shift(srv, &s, rpos, at(86400 * 2), at(86400 * 2 + 3600), 5);
	EXPECT_ERR(sign_up(srv, s.vtok[0], rs, s.vol[0]), 422, "rule_violation", "insured_until");
	int y, m, d;
	date_ago(-1, 0, &y, &m, &d);
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/volunteers/%lld", s.vol[0]), srv->admin,
			   fmt("{\"insured_until\":\"%04d-%02d-%02d\"}", y, m, d)), 200);
	EXPECT_STATUS(sign_up(srv, s.vtok[0], rs, s.vol[0]), 201);
}

/* The note given with a decision (accept, reject, cancel) is kept on the
 * sign-up as decision_note, shown wherever the sign-up is and in the audit
 * entry of the decision; a decision without one leaves none; a note past
 * 500 characters is refused and changes nothing. */
void t_signup_decision_note_is_kept_and_shown(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 3))
		return;
	long long act, pos = mk_activity(srv, &s, "professional", "approval", NULL, &act);
	long long shift = mk_shift(srv, &s, pos, at(86400), at(86400 + 3600), 1);
	long long g[3];
	for (int i = 0; i < 3; i++)
		g[i] = jint(sign_up(srv, s.vtok[i], shift, s.vol[i])->json, "id");
	CHECK(jisnull(http(srv, "GET", fmt("/api/v1/signups/%lld", g[0]), s.staff, NULL)->json, "decision_note"));

	const char *welcome = "欢迎！请提前十分钟到场";
	struct resp *r = http(srv, "POST", fmt("/api/v1/signups/%lld/accept", g[0]), s.staff,
			      fmt("{\"note\":\"%s\"}", welcome));
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "accepted");
		CHECK_STR(jstr(r->json, "decision_note"), welcome);
	}
	/* the volunteer reads it on the sign-up */
	CHECK_STR(jstr(http(srv, "GET", fmt("/api/v1/signups/%lld", g[0]), s.vtok[0], NULL)->json, "decision_note"),
		  welcome);
	r = http(srv, "POST", fmt("/api/v1/signups/%lld/reject", g[1]), s.staff, "{\"note\":\"名额已满，下次再约\"}");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "decision_note"), "名额已满，下次再约");
	json_t *rows = LIST_ALL(srv, s.staff, fmt("/api/v1/signups?shift_id=%lld", shift));
	CHECK_STR(jstr(arr_find_id(rows, g[1]), "decision_note"), "名额已满，下次再约");
	/* kept in the audit entry of the decision */
	json_t *audit = LIST_ALL(srv, srv->admin, fmt("/api/v1/audit?entity=signups&entity_id=%lld", g[1]));
	size_t i;
	json_t *it;
	int seen = 0;
	json_array_foreach(audit, i, it) {
		const char *action = jstr(it, "action");
		if (action && strcmp(action, "reject") == 0)
			seen += CHECK_STR(jstr(it, "after.decision_note"), "名额已满，下次再约");
	}
	CHECK_INT(seen, 1);

	/* 501 characters are refused, writing nothing; 500 are kept */
	char note[501 * 3 + 1];
	for (int k = 0; k < 501; k++)
		memcpy(note + 3 * k, "字", 3); /* three bytes, one character */
	note[501 * 3] = 0;
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g[2]), s.vtok[2], fmt("{\"note\":\"%s\"}", note)),
		   422, "invalid_value", "note");
	r = http(srv, "GET", fmt("/api/v1/signups/%lld", g[2]), s.vtok[2], NULL);
	CHECK_STR(jstr(r->json, "status"), "pending");
	CHECK(jisnull(r->json, "decision_note"));
	note[500 * 3] = 0;
	r = http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g[2]), s.vtok[2], fmt("{\"note\":\"%s\"}", note));
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "decision_note"), note);

	/* a later decision without a note leaves none */
	r = http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g[0]), s.vtok[0], NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "cancelled");
		CHECK(jisnull(r->json, "decision_note"));
	}
}

/* A shift running now with one accepted sign-up of volunteer 0. */
static long long running_signup(struct srv *srv, struct svc *s, long long *shift)
{
	long long act, pos = mk_activity(srv, s, "daily", "open", NULL, &act);
	*shift = mk_shift(srv, s, pos, at(-3600), at(3600), 5);
	return jint(sign_up(srv, s->vtok[0], *shift, s->vol[0])->json, "id");
}

void t_checkin_by_qr_token_and_checkout_makes_a_record(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long shift, other;
	long long g = running_signup(srv, &s, &shift);
	long long g2 = jint(sign_up(srv, s.vtok[1], shift, s.vol[1])->json, "id");
	running_signup(srv, &s, &other);
	/* only the organisers get the token */
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/shifts/%lld/check-in-token", shift), s.vtok[0], NULL), 403, "forbidden", NULL);
	struct resp *t = http(srv, "GET", fmt("/api/v1/shifts/%lld/check-in-token", shift), s.staff, NULL);
	const char *tok = jstr(t->json, "token");
	if (!CHECKR(t, tok != NULL && jstr(t->json, "qr_svg") != NULL && strstr(jstr(t->json, "qr_svg"), "<svg")))
		return;
	struct resp *svg = http(srv, "GET", fmt("/api/v1/shifts/%lld/check-in-qr.svg", shift), s.staff, NULL);
	CHECKR(svg, svg->status == 200 && strstr(resp_header(svg, "Content-Type"), "image/svg+xml"));
	const char *other_tok = jstr(http(srv, "GET", fmt("/api/v1/shifts/%lld/check-in-token", other), s.staff, NULL)->json,
				     "token");
	/* forged, other shift's, and someone else's use of a good code: refused, nothing stored */
	char *forged = fmt("%s", tok);
	forged[strlen(forged) - 1] = forged[strlen(forged) - 1] == '0' ? '1' : '0';
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[0],
			fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, forged)), 422, "invalid_value", "token");
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[0],
			fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, other_tok)), 422, "invalid_value", "token");
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[1],
			fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok)), 403, "forbidden", "signup_id");
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[0], fmt("{\"signup_id\":%lld,\"reason\":\"x\"}", g)),
		   403, "forbidden", "reason");
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-in", s.staff, fmt("{\"signup_id\":%lld}", g)), 422,
		   "required", "token");
	CHECK_INT(COUNT(srv, fmt("/api/v1/attendance?shift_id=%lld", shift)), 0);
	/* check-out before check-in */
	EXPECT_ERR(http(srv, "POST", "/api/v1/attendance/check-out", s.vtok[0],
			fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok)), 409, "conflict", "signup_id");

	struct resp *in = http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[0],
			       fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok));
	if (EXPECT_STATUS(in, 201))
		CHECK_STR(jstr(in->json, "check_in_method"), "qr");
	EXPECT_STATUS(http(srv, "POST", "/api/v1/attendance/check-in", s.vtok[0],
			   fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok)), 200);
	struct resp *out = http(srv, "POST", "/api/v1/attendance/check-out", s.vtok[0],
				fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok));
	long long rid = jint(out->json, "service_record_id");
	if (EXPECT_STATUS(out, 201))
		CHECKR(out, rid > 0 && json_is_number(jget(out->json, "hours")));
	struct resp *again = http(srv, "POST", "/api/v1/attendance/check-out", s.vtok[0],
				  fmt("{\"signup_id\":%lld,\"token\":\"%s\"}", g, tok));
	if (EXPECT_STATUS(again, 200))
		CHECK_INT(jint(again->json, "service_record_id"), rid);
	struct resp *rec = http(srv, "GET", fmt("/api/v1/service-records/%lld", rid), s.vtok[0], NULL);
	if (EXPECT_STATUS(rec, 200)) {
		CHECK_STR(jstr(rec->json, "status"), "recorded");
		CHECK_INT(jint(rec->json, "volunteer_id"), s.vol[0]);
		CHECKR(rec, jstr(rec->json, "content") && jstr(rec->json, "due_at"));
	}
	/* staff by hand, with a reason */
	EXPECT_STATUS(http(srv, "POST", "/api/v1/attendance/check-in", s.staff,
			   fmt("{\"signup_id\":%lld,\"reason\":\"手机没电\"}", g2)), 201);
	CHECK_INT(COUNT(srv, "/api/v1/service-records"), 1);
}

struct race {
	struct srv *srv;
	const char *tok, *body, *key;
	int created, ok, bad;
	pthread_mutex_t mu;
};

static void *race_worker(void *arg)
{
	struct race *r = arg;
	struct resp *p = http_req(r->srv, &(struct req){.method = "POST", .path = "/api/v1/attendance/check-in",
			.token = r->tok, .body = r->body, .untracked = true,
			.extra_header = r->key});
	pthread_mutex_lock(&r->mu);
	r->created += p->status == 201;
	r->ok += p->status == 200;
	r->bad += p->status != 200 && p->status != 201;
	pthread_mutex_unlock(&r->mu);
	resp_free(p);
	return NULL;
}

static void race(struct srv *srv, const char *tok, const char *body, const char *key, int *created, int *ok, int *bad)
{
	struct race r = {srv, tok, body, key, 0, 0, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[50];
	for (int i = 0; i < 50; i++)
		pthread_create(&th[i], NULL, race_worker, &r);
	for (int i = 0; i < 50; i++)
		pthread_join(th[i], NULL);
	*created = r.created;
	*ok = r.ok;
	*bad = r.bad;
}

void t_fifty_concurrent_checkins_make_one_attendance(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long shift;
	long long g = running_signup(srv, &s, &shift);
	int created, ok, bad;
	race(srv, s.staff, fmt("{\"signup_id\":%lld,\"reason\":\"到场\"}", g), NULL, &created, &ok, &bad);
	CHECKM(created == 1 && ok == 49 && bad == 0, "50 check-ins: %d created, %d repeats, %d errors", created, ok, bad);
	CHECK_INT(COUNT(srv, fmt("/api/v1/attendance?signup_id=%lld", g)), 1);
	/* the same with one Idempotency-Key: one attendance, every answer the first */
	long long g2 = jint(sign_up(srv, s.vtok[1], shift, s.vol[1])->json, "id");
	race(srv, s.staff, fmt("{\"signup_id\":%lld,\"reason\":\"到场\"}", g2), "Idempotency-Key: race-1", &created, &ok,
	     &bad);
	CHECKM(created == 50 && bad == 0, "keyed: %d answered 201 (want all 50, the first answer replayed), %d errors",
	       created, bad);
	CHECK_INT(COUNT(srv, fmt("/api/v1/attendance?signup_id=%lld", g2)), 1);
}

void t_idempotency_key_replays_the_first_answer(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long shift;
	long long g = running_signup(srv, &s, &shift);
	long long g2 = jint(sign_up(srv, s.vtok[1], shift, s.vol[1])->json, "id");
	const char *body = fmt("{\"signup_id\":%lld,\"reason\":\"补签\"}", g);
	struct resp *a = http_req(srv, &(struct req){.method = "POST", .path = "/api/v1/attendance/check-out",
			.token = s.staff, .body = body, .extra_header = "Idempotency-Key: k-out"});
	EXPECT_ERR(a, 409, "conflict", "signup_id"); /* a refused request stores nothing under the key */
	a = http_req(srv, &(struct req){.method = "POST", .path = "/api/v1/attendance/check-in", .token = s.staff,
			.body = body, .extra_header = "Idempotency-Key: k1"});
	struct resp *b = http_req(srv, &(struct req){.method = "POST", .path = "/api/v1/attendance/check-in",
			.token = s.staff, .body = body, .extra_header = "Idempotency-Key: k1"});
	EXPECT_STATUS(a, 201);
	EXPECT_STATUS(b, 201);
	CHECKR(b, a->body && b->body && strcmp(a->body, b->body) == 0);
	EXPECT_ERR(http_req(srv, &(struct req){.method = "POST", .path = "/api/v1/attendance/check-in", .token = s.staff,
			.body = fmt("{\"signup_id\":%lld,\"reason\":\"补签\"}", g2), .extra_header = "Idempotency-Key: k1"}),
		   422, "invalid_value", "Idempotency-Key");
	CHECK_INT(COUNT(srv, fmt("/api/v1/attendance?signup_id=%lld", g2)), 0);
}

/* A manual record of `hours` for volunteer v, ending a day ago. */
static long long mk_record(struct srv *srv, struct svc *s, long long v, const char *hours)
{
	return MK(srv, s->staff, "/api/v1/service-records",
		  fmt("{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"place\":\"幸福社区\",\"starts_at\":\"%s\","
		      "\"ends_at\":\"%s\",\"hours\":%s,\"evaluation\":\"好\",\"person_in_charge\":\"李主任\"}", v, at(-10 * 86400),
		      at(-86400), hours));
}

static double hours_of(struct srv *srv, const char *tok, long long v, long long *stars)
{
	struct resp *h = http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", v), tok, NULL);
	*stars = jint(h->json, "stars");
	json_t *x = jget(h->json, "verified_hours");
	return x ? json_number_value(x) : -1;
}

void t_voided_record_keeps_total_and_history(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0], st;
	long long a = mk_record(srv, &s, v, "2"), b = mk_record(srv, &s, v, "3.5");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", a), verifier_of(srv, &s), NULL), 200);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", b), verifier_of(srv, &s), NULL), 200);
	CHECKM(hours_of(srv, s.vtok[0], v, &st) == 5.5, "want 5.5 verified hours");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", a), verifier_of(srv, &s), NULL), 409, "conflict", "status");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", b), s.staff, "{}"), 422, "required", "reason");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", b), s.vtok[0], "{\"reason\":\"x\"}"), 403,
		   "forbidden", NULL);
	struct resp *vd = http(srv, "POST", fmt("/api/v1/service-records/%lld/void", b), s.staff, "{\"reason\":\"时长记错\"}");
	if (EXPECT_STATUS(vd, 200))
		CHECK_STR(jstr(vd->json, "status"), "voided");
	CHECKM(hours_of(srv, s.vtok[0], v, &st) == 2.0, "want 2 verified hours after the void");
	CHECKM(json_number_value(jget(http(srv, "GET", fmt("/api/v1/volunteers/%lld", v), s.staff, NULL)->json,
				      "verified_hours")) == 2.0, "the volunteer's verified_hours follows the ledger");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", b), s.staff, "{\"reason\":\"again\"}"), 409,
		   "conflict", "status");
	/* never edited: PATCH does not exist; corrected by re-recording */
	EXPECT_ERR(http(srv, "PATCH", fmt("/api/v1/service-records/%lld", b), s.staff, "{\"evaluation\":\"x\"}"), 405,
		   "method_not_allowed", NULL);
	long long c = MK(srv, s.staff, "/api/v1/service-records",
			 fmt("{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			     "\"hours\":3,\"replaces_id\":%lld,\"person_in_charge\":\"李主任\"}", v, at(-10 * 86400), at(-86400), b));
	EXPECT_ERR(http(srv, "POST", "/api/v1/service-records", s.staff,
			fmt("{\"volunteer_id\":%lld,\"content\":\"x\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"replaces_id\":%lld}",
			    v, at(-7200), at(-3600), a)), 422, "invalid_value", "replaces_id");
	EXPECT_ERR(http(srv, "POST", "/api/v1/service-records", s.staff,
			fmt("{\"volunteer_id\":%lld,\"content\":\"x\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"hours\":2}", v,
			    at(-7200), at(-3600))), 422, "invalid_value", "hours");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", c), verifier_of(srv, &s), NULL), 200);
	CHECKM(hours_of(srv, s.vtok[0], v, &st) == 5.0, "want 5 verified hours after re-recording");
	json_t *all = LIST_ALL(srv, s.staff, fmt("/api/v1/service-records?volunteer_id=%lld", v));
	CHECKM(all && json_array_size(all) == 3, "history keeps all 3 records");
	json_t *audit = LIST_ALL(srv, srv->admin, fmt("/api/v1/audit?entity=service-records&entity_id=%lld", b));
	CHECKM(audit && json_array_size(audit) == 3, "record %lld: create, verify and void in the audit log", b);
}

void t_stars_change_exactly_at_the_thresholds(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0], st;
	long long a = mk_record(srv, &s, v, "99.9");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", a), verifier_of(srv, &s), NULL), 200);
	double h = hours_of(srv, s.vtok[0], v, &st);
	CHECKM(h == 99.9 && st == 0, "99.9 h: got %.2f h, %lld stars; want no star", h, st);
	long long b = mk_record(srv, &s, v, "0.1");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", b), verifier_of(srv, &s), NULL), 200);
	h = hours_of(srv, s.vtok[0], v, &st);
	CHECKM(h == 100.0 && st == 1, "100 h: got %.2f h, %lld stars; want ★1", h, st);
	CHECK_INT(jint(http(srv, "GET", fmt("/api/v1/volunteers/%lld", v), s.staff, NULL)->json, "stars"), 1);
	long long c = mk_record(srv, &s, v, "199.9");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", c), verifier_of(srv, &s), NULL), 200);
	h = hours_of(srv, s.vtok[0], v, &st);
	CHECKM(h == 299.9 && st == 1, "299.9 h: got %.2f h, %lld stars; want ★1", h, st);
	long long d = mk_record(srv, &s, v, "0.1");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", d), verifier_of(srv, &s), NULL), 200);
	h = hours_of(srv, s.vtok[0], v, &st);
	CHECKM(h == 300.0 && st == 2, "300 h: got %.2f h, %lld stars; want ★2", h, st);
	struct resp *y = http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", v), s.vtok[0], NULL);
	CHECK_INT(jint(y->json, "by_year.0.year") > 2000, 1);
}

/* PostgreSQL: a volunteer's hours and upcoming shifts are read with the
 * volunteer's row in one pipelined round trip (pg_run_batch). Killing the
 * server's connections between requests (pg_terminate_backend) leaves
 * libpq believing them fine: the next read sends its pipeline into a dead
 * connection, and must notice, reconnect and run the statements again one
 * by one, with the same answer, not a 503. The requests go to the pool's
 * last used connection, whose statements are prepared by the reads just
 * before, and the caller's session comes from the session cache, so the
 * pipeline is the first use of the dead connection. */
void t_volunteer_reads_survive_killed_connections(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	long long v = s.vol[0], stars, act;
	long long pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long shift = mk_shift(srv, &s, pos, at(86400), at(86400 + 3600), 5);
	EXPECT_STATUS(sign_up(srv, s.vtok[0], shift, v), 201);
	long long rec = mk_record(srv, &s, v, "2");
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rec), verifier_of(srv, &s), NULL), 200);
	const char *shifts = fmt("/api/v1/volunteers/%lld/shifts", v);
	PGconn *pg = PQconnectdb(srv->db);
	if (!CHECKM(PQstatus(pg) == CONNECTION_OK, "%s", PQerrorMessage(pg)))
		goto out;
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 2; i++) {
			CHECKM(hours_of(srv, s.vtok[0], v, &stars) == 2.0, "round %d: 2 verified hours before the kill", round);
			EXPECT_STATUS(http(srv, "GET", shifts, s.vtok[0], NULL), 200);
		}
		PGresult *k = PQexec(pg, "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					 " WHERE datname = current_database() AND pid <> pg_backend_pid()) t");
		CHECKM(PQresultStatus(k) == PGRES_TUPLES_OK && strtol(PQgetvalue(k, 0, 0), NULL, 10) > 0,
		       "round %d: no connection of the server was killed: %s", round, PQerrorMessage(pg));
		PQclear(k);
		usleep(100 * 1000); /* the killed backends exit */
		struct resp *h = http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", v), s.vtok[0], NULL);
		if (EXPECT_STATUS(h, 200))
			CHECKM(json_number_value(jget(h->json, "verified_hours")) == 2.0, "round %d: %s", round, h->body);
		struct resp *u = http(srv, "GET", shifts, s.vtok[0], NULL);
		if (EXPECT_STATUS(u, 200))
			CHECK_INT(jint(u->json, "items.0.shift_id"), shift);
	}
out:
	PQfinish(pg);
}

void t_upcoming_shifts_and_recognition_list(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long later = mk_shift(srv, &s, pos, at(2 * 86400), at(2 * 86400 + 3600), 5);
	long long sooner = mk_shift(srv, &s, pos, at(86400), at(86400 + 3600), 5);
	long long waiting = mk_shift(srv, &s, pos, at(5 * 43200), at(5 * 43200 + 3600), 1);
	EXPECT_STATUS(sign_up(srv, s.vtok[0], later, s.vol[0]), 201);
	EXPECT_STATUS(sign_up(srv, s.vtok[0], sooner, s.vol[0]), 201);
	EXPECT_STATUS(sign_up(srv, s.vtok[1], waiting, s.vol[1]), 201);
	EXPECT_STATUS(sign_up(srv, s.vtok[0], waiting, s.vol[0]), 201); /* waitlisted: not upcoming */
	struct resp *u = http(srv, "GET", fmt("/api/v1/volunteers/%lld/shifts", s.vol[0]), s.vtok[0], NULL);
	if (EXPECT_STATUS(u, 200)) {
		CHECK_INT((long long)json_array_size(jget(u->json, "items")), 2);
		CHECK_INT(jint(u->json, "items.0.shift_id"), sooner);
		CHECK_INT(jint(u->json, "items.1.shift_id"), later);
	}
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/volunteers/%lld/shifts", s.vol[0]), s.vtok[1], NULL), 403, "forbidden", NULL);
	/* the volunteer's row and the answer are read together (one round trip
	 * on PostgreSQL): another volunteer still gets 403, a missing one 404 */
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/volunteers/%lld/hours", s.vol[0]), s.vtok[1], NULL), 403, "forbidden", NULL);
	for (int i = 0; i < 2; i++)
		EXPECT_ERR(http(srv, "GET", fmt("/api/v1/volunteers/%lld/%s", s.vol[1] + 100000, i ? "shifts" : "hours"),
				s.staff, NULL), 404, "not_found", "id");
	/* the year's ranking in the district */
	long long a = mk_record(srv, &s, s.vol[0], "3"), b = mk_record(srv, &s, s.vol[1], "7");
	mk_record(srv, &s, s.vol[0], "50"); /* recorded, not verified: does not count */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", a), verifier_of(srv, &s), NULL), 200);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", b), verifier_of(srv, &s), NULL), 200);
	/* the records' own year: in early January they fall in the last one */
	long long year = jint(http(srv, "GET", fmt("/api/v1/service-records/%lld", a), s.staff, NULL)->json, "year");
	struct resp *r = http(srv, "GET", fmt("/api/v1/recognition?region_id=%lld&year=%lld", s.w.d1, year), s.staff,
			      NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "items.0.volunteer_id"), s.vol[1]);
		CHECK_INT(jint(r->json, "items.1.volunteer_id"), s.vol[0]);
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2);
	}
	struct resp *other = http(srv, "GET", fmt("/api/v1/recognition?region_id=%lld", s.w.d2), s.staff, NULL);
	EXPECT_ERR(other, 403, "forbidden", "region_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/recognition", s.staff, NULL), 422, "required", "region_id");
}

void t_activity_input_errors_write_nothing(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	const char *good = fmt("\"title\":\"活动\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"open\"",
			       s.org, at(3600), at(7200));
	static const struct {
		const char *extra;
		int status;
		const char *code, *field;
	} cases[] = {
		{"\"mode\":\"party\"", 422, "invalid_value", "mode"},
		{"\"mode\":\"daily\",\"positions\":[{\"headcount\":1}]", 422, "required", "positions"},
		{"\"mode\":\"daily\",\"positions\":[{\"title\":\"x\",\"headcount\":1,\"required_course_ids\":[999]}]", 422,
		 "invalid_value", "positions"},
		{"\"mode\":\"daily\",\"bogus\":1", 400, "unknown_field", "bogus"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		EXPECT_ERR(http(srv, "POST", "/api/v1/activities", s.staff, fmt("{%s,%s}", good, cases[i].extra)),
			   cases[i].status, cases[i].code, cases[i].field);
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", s.staff,
			fmt("{\"title\":\"活动\",\"mode\":\"daily\",\"org_ids\":[],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			    "\"sign_up\":\"open\"}", at(3600), at(7200))), 422, "invalid_value", "org_ids");
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", s.staff,
			fmt("{\"title\":\"活动\",\"mode\":\"daily\",\"org_ids\":[%lld],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
			    "\"sign_up\":\"open\"}", s.org, at(7200), at(3600))), 422, "invalid_value", "ends_at");
	EXPECT_ERR(http(srv, "POST", "/api/v1/activities", s.vtok[0], fmt("{%s,\"mode\":\"daily\"}", good)), 403,
		   "forbidden", NULL);
	CHECK_INT(COUNT(srv, "/api/v1/activities"), 0);
	CHECK_INT(COUNT(srv, "/api/v1/positions"), 0);
	/* the mode gives the default roles */
	long long act, pos = mk_activity(srv, &s, "emergency", "open", NULL, &act);
	struct resp *a = http(srv, "GET", fmt("/api/v1/activities/%lld", act), s.vtok[0], NULL);
	CHECK_STR(jstr(a->json, "roles.social_worker"), "assesses");
	CHECK_STR(jstr(a->json, "roles.volunteer"), "participates");
	EXPECT_ERR(http(srv, "POST", "/api/v1/shifts", s.staff,
			fmt("{\"position_id\":%lld,\"starts_at\":\"%s\",\"ends_at\":\"%s\"}", pos, at(10 * 86400),
			    at(10 * 86400 + 3600))), 422, "invalid_value", "starts_at");
	CHECK_INT(COUNT(srv, "/api/v1/shifts"), 0);
}

void t_cancellation_tells_the_organisers(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 2))
		return;
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long shift = mk_shift(srv, &s, pos, at(86400), at(86400 + 3600), 5);
	long long g = jint(sign_up(srv, s.vtok[0], shift, s.vol[0])->json, "id");
	long long g2 = jint(sign_up(srv, s.vtok[1], shift, s.vol[1])->json, "id");
	/* nobody's inbox holds anything yet (each reads only their own) */
	const char *inboxes[] = {s.staff, s.vtok[0], s.vtok[1]};
	for (int i = 0; i < 3; i++)
		CHECK_INT((long long)json_array_size(LIST_ALL(srv, inboxes[i], "/api/v1/notifications")), 0);
	/* a cancellation by staff tells nobody new; by the volunteer, the organisers */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g2), s.staff, NULL), 200);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.staff, "/api/v1/notifications")), 0);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", g), s.vtok[0], NULL), 200);
	json_t *inbox = LIST_ALL(srv, s.staff, "/api/v1/notifications");
	if (!CHECKM(inbox && json_array_size(inbox) == 1, "the organiser's inbox should hold one notification"))
		return;
	json_t *n = json_array_get(inbox, 0);
	CHECK_STR(jstr(n, "kind"), "signup_cancelled");
	CHECK_STR(jstr(n, "ref_entity"), "signups");
	CHECK_INT(jint(n, "ref_id"), g);
	CHECKR(NULL, jstr(n, "body") && strstr(jstr(n, "body"), "社区活动"));
	/* nobody else reads it */
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.vtok[0], "/api/v1/notifications")), 0);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/notifications/%lld", jint(n, "id")), s.vtok[0], NULL), 403, "forbidden",
		   NULL);
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/notifications/%lld/read", jint(n, "id")), s.vtok[0], NULL), 403,
		   "forbidden", NULL);
	/* read once, stays read */
	struct resp *rd = http(srv, "POST", fmt("/api/v1/notifications/%lld/read", jint(n, "id")), s.staff, NULL);
	CHECKR(rd, rd->status == 200 && jstr(rd->json, "read_at") != NULL);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.staff, "/api/v1/notifications?unread=1")), 0);
}
