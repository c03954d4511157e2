/* t_crash.c - kill -9 loops over every kind of acknowledged write: sign-up,
 * check-in and check-out, verifying and voiding a service record, a
 * volunteer's stage move, a need's status move, an answer to an emergency
 * call-out, an import job, a donation and a semester run (proposed, approved,
 * paid: each a batch, all or none).
 *
 * One engine drives every kind. A kind builds its world, then names a
 * number of targets, each written by a fixed sequence of steps (a need
 * walks six statuses, a check-in is followed by its check-out). Writer
 * threads take the targets of one trial and write their steps, recording
 * for each target how many steps were sent and how many acknowledged (2xx);
 * the server is killed with SIGKILL half-way, restarted, and every target of
 * every trial so far is read back through the API: the steps in effect must
 * be at least the acknowledged ones and at most the sent ones, and the
 * kind's history and totals must count each write once. Where the API is
 * idempotent the unanswered step is sent again after the restart, with the
 * same Idempotency-Key where the route takes one, and must then be in
 * effect exactly once. */
#include "svc_world.h"
#include "care_world.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CRASH_TRIALS 3
#define CRASH_THREADS 8
#define CRASH_MAX_STEPS 6
#define CRASH_HOURS 1.5		/* each service record's hours: exact in binary */
#define IMPORT_ROWS 20		/* rows of each import job's sheet */

struct crash;

struct kind {
	const char *name;
	int nsteps;
	/* Step k of target i, sent from a writer thread (untracked answer). */
	struct resp *(*step)(struct crash *c, int i, int k);
	/* After a restart, before the targets are read: lists and totals
	 * over every target written so far (may be NULL). */
	void (*read_back)(struct crash *c, int upto);
	/* The number of target i's steps in effect on the server, read back;
	 * a doubled write is reported here as a failure. -1: unreadable. */
	int (*state)(struct crash *c, int i);
	bool retry;		/* the unanswered step may be sent again */
	const char *id_key;	/* the answer's id to keep (NULL: "id") */
};

struct crash {
	struct srv *s;
	const struct kind *k;
	int n;			/* targets */
	int hi;			/* this trial's targets end at hi */
	atomic_int next;	/* the next target a writer takes */
	atomic_int acked_now;	/* steps acknowledged in this trial */
	int *sent, *acked;	/* per target: steps sent, steps acknowledged */
	long long *ack_id;	/* per target and step: the answer's "id" */
	double t0;
	pthread_mutex_t lock;
	long other_status;	/* an answer other than 2xx (0: none) */
	char other_body[700];
	/* the kind's world */
	struct svc sv;
	struct cworld cw;
	const char *tok;	/* the writers' token (when not per target) */
	long long *a, *b;	/* per target: ids the steps act on */
	int *owner;		/* per target: index of a volunteer or token */
	long long x;		/* one more id (the incident) */
	json_t *list;		/* read_back's list, for state */
	int *count;		/* read_back's per-target counts, for state */
	int done, failed;	/* import jobs found done and failed at the last read-back */
};

static bool ok2xx(long st)
{
	return st >= 200 && st < 300;
}

static void *writer(void *arg)
{
	struct crash *c = arg;
	for (;;) {
		int i = atomic_fetch_add(&c->next, 1);
		if (i >= c->hi || now_s() - c->t0 > 10)
			return NULL;
		for (int k = 0; k < c->k->nsteps; k++) {
			c->sent[i] = k + 1;
			struct resp *r = c->k->step(c, i, k);
			long st = r->status;
			if (ok2xx(st)) {
				c->acked[i] = k + 1;
				c->ack_id[i * CRASH_MAX_STEPS + k] = jint(r->json, c->k->id_key ? c->k->id_key : "id");
				atomic_fetch_add(&c->acked_now, 1);
			} else if (st != 0) {
				pthread_mutex_lock(&c->lock);
				if (c->other_status == 0) {
					c->other_status = st;
					snprintf(c->other_body, sizeof c->other_body, "%.320s %.300s", r->what, r->body);
				}
				pthread_mutex_unlock(&c->lock);
			}
			resp_free(r);
			if (st == 0)	/* the server is gone */
				return NULL;
			if (!ok2xx(st))
				break;
		}
	}
}

/* Targets [lo, hi) under writers; SIGKILL once half their steps are
 * acknowledged (or after 2 s); restart. Returns the steps in flight at the
 * kill (sent but never answered). */
static int trial(struct crash *c, int lo, int hi, bool *up)
{
	pthread_t th[CRASH_THREADS];
	int started = 0;
	c->hi = hi;
	atomic_store(&c->next, lo);
	atomic_store(&c->acked_now, 0);
	c->t0 = now_s();
	for (int t = 0; t < CRASH_THREADS; t++)
		if (pthread_create(&th[t], NULL, writer, c) == 0)
			started++;
	int half = (hi - lo) * c->k->nsteps / 2;
	while (now_s() - c->t0 < 2.0 && atomic_load(&c->acked_now) < half) {
		struct timespec ts = {0, 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	srv_stop(c->s, SIGKILL);
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	int inflight = 0;
	for (int i = lo; i < hi; i++)
		inflight += c->sent[i] > c->acked[i];
	*up = srv_start(c->s);
	return inflight;
}

/* The kill loop of one kind over n targets (its world already built). */
static void crash_loop(struct srv *s, struct crash *c, const struct kind *k, int n)
{
	c->s = s;
	c->k = k;
	c->n = n;
	c->sent = track(calloc((size_t)n, sizeof *c->sent), free);
	c->acked = track(calloc((size_t)n, sizeof *c->acked), free);
	c->ack_id = track(calloc((size_t)n * CRASH_MAX_STEPS, sizeof *c->ack_id), free);
	pthread_mutex_init(&c->lock, NULL);
	int acked_total = 0, inflight_total = 0, retried = 0;
	for (int t = 0; t < CRASH_TRIALS && test_failures() == 0; t++) {
		int lo = t * n / CRASH_TRIALS, hi = (t + 1) * n / CRASH_TRIALS;
		bool up;
		int inflight = trial(c, lo, hi, &up);
		inflight_total += inflight;
		if (!CHECKM(up, "%s trial %d: the server did not restart", k->name, t + 1))
			break;
		CHECKM(c->other_status == 0, "%s: a write answered %ld: %s", k->name, c->other_status,
		       c->other_body);
		/* the unanswered step again: it takes effect once */
		for (int i = lo; k->retry && i < hi; i++) {
			if (c->sent[i] == c->acked[i])
				continue;
			struct resp *r = k->step(c, i, c->sent[i] - 1);
			if (CHECKM(ok2xx(r->status), "%s target %d: the retried step %d answered %ld: %s", k->name, i,
				   c->sent[i], r->status, r->body)) {
				c->acked[i] = c->sent[i];
				c->ack_id[i * CRASH_MAX_STEPS + c->sent[i] - 1] = jint(r->json, k->id_key ? k->id_key : "id");
				retried++;
			}
			resp_free(r);
		}
		if (k->read_back)
			k->read_back(c, hi);
		int lost = 0, extra = 0, acked = 0;
		for (int i = 0; i < hi; i++) {
			int got = k->state(c, i);
			if (got < c->acked[i] && lost++ < 5)
				check_fail(__FILE__, __LINE__, NULL, "%s target %d: %d steps acknowledged, %d in effect",
					   k->name, i, c->acked[i], got);
			if (got > c->sent[i] && extra++ < 5)
				check_fail(__FILE__, __LINE__, NULL, "%s target %d: %d steps sent, %d in effect", k->name,
					   i, c->sent[i], got);
			if (i >= lo)
				acked += c->acked[i];
		}
		acked_total += acked;
		CHECKM(lost == 0 && extra == 0, "%s trial %d: %d targets lost a write, %d have more than was sent",
		       k->name, t + 1, lost, extra);
	}
	CHECKM(acked_total >= CRASH_TRIALS, "%s: only %d writes acknowledged", k->name, acked_total);
	printf("    %s: %d trials, %d writes acknowledged, %d unanswered at the kills, %d retried; lost 0 unless "
	       "reported\n", k->name, CRASH_TRIALS, acked_total, inflight_total, retried);
	pthread_mutex_destroy(&c->lock);
}

static long long *ids(int n)
{
	return track(calloc((size_t)n, sizeof(long long)), free);
}

static int *ints(int n)
{
	return track(calloc((size_t)n, sizeof(int)), free);
}

/* The number of items of `arr` whose `key` is the string `want`. */
static int count_str(json_t *arr, const char *key, const char *want)
{
	int n = 0;
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
		n += jstr(it, key) && strcmp(jstr(it, key), want) == 0;
	return n;
}

/* The index of `got` in names[0..n), or -1. */
static int index_of(const char *got, const char *const *names, int n)
{
	for (int i = 0; got && i < n; i++)
		if (strcmp(got, names[i]) == 0)
			return i;
	return -1;
}

/* A volunteer of org, person n of this world, walked through `walk` stages
 * (6: registered), with `person_extra` JSON fields. */
static long long crash_volunteer(struct srv *s, long long org, int n, int walk, const char *person_extra)
{
	char idn[19];
	idnum_n(idn, 900 + n);
	long long p = MK(s, s->admin, "/api/v1/people",
			 fmt("{\"name\":\"Crash %d\",\"id_number\":\"%s\",\"org_id\":%lld%s}", n, idn, org,
			     person_extra ? person_extra : ""));
	long long v = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org));
	for (int k = 0; v > 0 && k < walk; k++)
		EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), s->admin,
				   fmt("{\"to\":\"%s\"}", stages[k])), 200);
	return v;
}

/* --- sign-up: a volunteer (own login) to a shift ---------------------- */

#define SIGNUP_VOLS 4
#define SIGNUP_SHIFTS 60

static struct resp *signup_step(struct crash *c, int i, int k)
{
	(void)k;
	return http_req(c->s, &(struct req){.method = "POST", .path = fmt("/api/v1/shifts/%lld/signups", c->a[i]),
					    .token = c->sv.vtok[c->owner[i]],
					    .body = fmt("{\"volunteer_id\":%lld}", c->b[i]), .untracked = true,
					    .timeout_ms = 10000});
}

static int signup_state(struct crash *c, int i)
{
	json_t *all = LIST_ALL(c->s, c->sv.staff, fmt("/api/v1/shifts/%lld/signups", c->a[i]));
	if (all == NULL)
		return -1;
	int n = 0;
	size_t j;
	json_t *it;
	json_array_foreach(all, j, it)
		n += jint(it, "volunteer_id") == c->b[i];
	CHECKM(n <= 1, "volunteer %lld signed up %d times to shift %lld", c->b[i], n, c->a[i]);
	return n;
}

static const struct kind signup_kind = {"sign-up", 1, signup_step, NULL, signup_state, false, NULL};

void t_kill9_loop_signups(struct srv *s)
{
	struct crash c = {0};
	if (!setup(s, &c.sv, SIGNUP_VOLS))
		return;
	long long act, pos = mk_activity(s, &c.sv, "daily", "open", NULL, &act);
	int n = SIGNUP_VOLS * SIGNUP_SHIFTS;
	c.a = ids(n);
	c.b = ids(n);
	c.owner = ints(n);
	for (int j = 0; j < SIGNUP_SHIFTS; j++) {
		/* 55 minutes, 65 apart: no sign-up overlaps another */
		long long shift = mk_shift(s, &c.sv, pos, at(3600 + j * 3900LL), at(3600 + j * 3900LL + 3300), 10);
		for (int v = 0; v < SIGNUP_VOLS; v++) {
			/* the targets of one shift are spread over the trials */
			int i = v * SIGNUP_SHIFTS + j;
			c.a[i] = shift;
			c.b[i] = c.sv.vol[v];
			c.owner[i] = v;
		}
	}
	if (test_failures() == 0)
		crash_loop(s, &c, &signup_kind, n);
}

/* --- check-in and check-out, each with an Idempotency-Key -------------- */

#define ATT_VOLS 96

static struct resp *att_step(struct crash *c, int i, int k)
{
	return http_req(c->s, &(struct req){.method = "POST",
					    .path = k == 0 ? "/api/v1/attendance/check-in" : "/api/v1/attendance/check-out",
					    .token = c->sv.staff,
					    .body = fmt("{\"signup_id\":%lld,\"reason\":\"到场\"}", c->a[i]),
					    .extra_header = fmt("Idempotency-Key: crash-%s-%d", k == 0 ? "in" : "out", i),
					    .untracked = true, .timeout_ms = 10000});
}

static int att_state(struct crash *c, int i)
{
	long long n = COUNT(c->s, fmt("/api/v1/attendance?signup_id=%lld", c->a[i]));
	json_t *recs = LIST_ALL(c->s, c->sv.staff, fmt("/api/v1/service-records?volunteer_id=%lld", c->b[i]));
	if (n < 0 || recs == NULL)
		return -1;
	CHECKM(n <= 1, "signup %lld has %lld attendances", c->a[i], n);
	CHECKM(json_array_size(recs) <= 1, "volunteer %lld has %zu service records from one check-out", c->b[i],
	       json_array_size(recs));
	CHECKM(json_array_size(recs) == 0 || n == 1, "volunteer %lld: a record without an attendance", c->b[i]);
	long long rid = c->ack_id[i * CRASH_MAX_STEPS + 1];
	if (c->acked[i] == 2)
		CHECKM(json_array_size(recs) == 1 && jint(recs, "0.id") == rid,
		       "the record %lld of the acknowledged check-out of signup %lld is not the one stored", rid,
		       c->a[i]);
	return (int)(n + (long long)json_array_size(recs));
}

static const struct kind att_kind = {"check-in/check-out", 2, att_step, NULL, att_state, true,
					"service_record_id"};

void t_kill9_loop_checkins_and_checkouts(struct srv *s)
{
	struct crash c = {0};
	if (!setup(s, &c.sv, 0))
		return;
	long long act, pos = mk_activity(s, &c.sv, "daily", "open", NULL, &act);
	long long shift = mk_shift(s, &c.sv, pos, at(-3600), at(3600), ATT_VOLS);
	c.a = ids(ATT_VOLS);
	c.b = ids(ATT_VOLS);
	for (int i = 0; i < ATT_VOLS && test_failures() == 0; i++) {
		c.b[i] = crash_volunteer(s, c.sv.org, i, 6, NULL);
		c.a[i] = jint(sign_up(s, c.sv.staff, shift, c.b[i])->json, "id");
		CHECKM(c.a[i] > 0, "volunteer %lld not signed up", c.b[i]);
	}
	if (test_failures() == 0)
		crash_loop(s, &c, &att_kind, ATT_VOLS);
}

/* --- verify and void service records ---------------------------------- */

#define REC_VOLS 4
#define REC_PER_VOL 100

static struct resp *verify_step(struct crash *c, int i, int k)
{
	(void)k;
	return http_req(c->s, &(struct req){.method = "POST", .path = fmt("/api/v1/service-records/%lld/verify", c->a[i]),
					    .token = c->tok, .untracked = true, .timeout_ms = 10000});
}

static struct resp *void_step(struct crash *c, int i, int k)
{
	(void)k;
	return http_req(c->s, &(struct req){.method = "POST", .path = fmt("/api/v1/service-records/%lld/void", c->a[i]),
					    .token = c->sv.staff, .body = "{\"reason\":\"时长记错\"}", .untracked = true,
					    .timeout_ms = 10000});
}

/* Each volunteer's verified hours equal CRASH_HOURS times its records in
 * status verified: a verify or void counted once in the ledger. */
static void rec_read_back(struct crash *c, int upto)
{
	(void)upto;
	for (int v = 0; v < REC_VOLS; v++) {
		json_t *recs = LIST_ALL(c->s, c->sv.staff, fmt("/api/v1/service-records?volunteer_id=%lld", c->sv.vol[v]));
		struct resp *h = http(c->s, "GET", fmt("/api/v1/volunteers/%lld/hours", c->sv.vol[v]), c->sv.staff, NULL);
		if (recs == NULL || !EXPECT_STATUS(h, 200))
			continue;
		CHECK_INT((long long)json_array_size(recs), REC_PER_VOL);
		double want = CRASH_HOURS * count_str(recs, "status", "verified");
		double got = json_number_value(jget(h->json, "verified_hours"));
		CHECKM(fabs(got - want) < 1e-6, "volunteer %lld: %.2f verified hours, the verified records sum to %.2f",
		       c->sv.vol[v], got, want);
	}
}

/* 1 when target i's record is in status `done`, 0 when in `before`. */
static int rec_status(struct crash *c, int i, const char *before, const char *done)
{
	struct resp *r = http(c->s, "GET", fmt("/api/v1/service-records/%lld", c->a[i]), c->sv.staff, NULL);
	const char *st = jstr(r->json, "status");
	if (!EXPECT_STATUS(r, 200) || !CHECKR(r, st && (!strcmp(st, before) || !strcmp(st, done))))
		return -1;
	return strcmp(st, done) == 0;
}

static int verify_state(struct crash *c, int i)
{
	return rec_status(c, i, "recorded", "verified");
}

static int void_state(struct crash *c, int i)
{
	return rec_status(c, i, "verified", "voided");
}

static const struct kind verify_kind = {"verify", 1, verify_step, rec_read_back, verify_state, false, NULL};
static const struct kind void_kind = {"void", 1, void_step, rec_read_back, void_state, false, NULL};

/* REC_VOLS volunteers with REC_PER_VOL recorded hours each, verified when
 * `verified`; the targets are the records, volunteers interleaved. */
static bool rec_world(struct srv *s, struct crash *c, bool verified)
{
	if (!setup(s, &c->sv, REC_VOLS))
		return false;
	c->tok = verifier_of(s, &c->sv);
	int n = REC_VOLS * REC_PER_VOL;
	c->a = ids(n);
	for (int i = 0; i < n && test_failures() == 0; i++) {
		c->a[i] = MK(s, c->sv.staff, "/api/v1/service-records",
			     fmt("{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"place\":\"幸福社区\",\"starts_at\":\"%s\","
				 "\"ends_at\":\"%s\",\"hours\":%g,\"person_in_charge\":\"李主任\"}",
				 c->sv.vol[i % REC_VOLS], at(-10 * 86400), at(-86400), CRASH_HOURS));
		if (verified)
			EXPECT_STATUS(http(s, "POST", fmt("/api/v1/service-records/%lld/verify", c->a[i]), c->tok, NULL),
				      200);
	}
	return test_failures() == 0;
}

void t_kill9_loop_record_verifications(struct srv *s)
{
	struct crash c = {0};
	if (rec_world(s, &c, false))
		crash_loop(s, &c, &verify_kind, REC_VOLS * REC_PER_VOL);
}

void t_kill9_loop_record_voids(struct srv *s)
{
	struct crash c = {0};
	if (rec_world(s, &c, true))
		crash_loop(s, &c, &void_kind, REC_VOLS * REC_PER_VOL);
}

/* --- volunteer stage moves: applied -> registered ---------------------- */

#define STAGE_VOLS 90

static struct resp *stage_step(struct crash *c, int i, int k)
{
	return http_req(c->s, &(struct req){.method = "POST", .path = fmt("/api/v1/volunteers/%lld/stage", c->a[i]),
					    .token = c->sv.staff, .body = fmt("{\"to\":\"%s\"}", stages[k]),
					    .untracked = true, .timeout_ms = 10000});
}

/* The stage reached, and the history holds each move reached once. */
static int stage_state(struct crash *c, int i)
{
	struct resp *v = http(c->s, "GET", fmt("/api/v1/volunteers/%lld", c->a[i]), c->sv.staff, NULL);
	struct resp *h = http(c->s, "GET", fmt("/api/v1/volunteers/%lld/stages", c->a[i]), c->sv.staff, NULL);
	if (!EXPECT_STATUS(v, 200) || !EXPECT_STATUS(h, 200))
		return -1;
	const char *st = jstr(v->json, "stage");
	int got = st && strcmp(st, "applied") == 0 ? 0 : index_of(st, stages, 6) + 1;
	if (!CHECKR(v, got >= 0 && (got > 0 || (st && strcmp(st, "applied") == 0))))
		return -1;
	for (int k = 0; k < 6; k++) {
		int moves = count_str(jget(h->json, "items"), "to", stages[k]);
		CHECKM(moves == (k < got), "volunteer %lld at stage %s: %d moves to %s in its history", c->a[i], st,
		       moves, stages[k]);
	}
	return got;
}

static const struct kind stage_kind = {"stage move", 6, stage_step, NULL, stage_state, false, NULL};

void t_kill9_loop_stage_moves(struct srv *s)
{
	struct crash c = {0};
	if (!setup(s, &c.sv, 0))
		return;
	c.a = ids(STAGE_VOLS);
	for (int i = 0; i < STAGE_VOLS && test_failures() == 0; i++)
		c.a[i] = crash_volunteer(s, c.sv.org, i, 0, NULL);
	if (test_failures() == 0)
		crash_loop(s, &c, &stage_kind, STAGE_VOLS);
}

/* --- need status moves: new -> closed ---------------------------------- */

#define NEEDS 90

static const char *const need_line[] = {"triaged", "planned", "matched", "in_service", "done", "closed"};

static struct resp *need_step(struct crash *c, int i, int k)
{
	return http_req(c->s, &(struct req){.method = "POST", .path = fmt("/api/v1/needs/%lld/status", c->a[i]),
					    .token = c->s->admin,
					    .body = k == 0 ? fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c->x)
						    : k == 2 ? fmt("{\"to\":\"matched\",\"social_worker_id\":%lld}", c->x)
							     : fmt("{\"to\":\"%s\"}", need_line[k]),
					    .untracked = true, .timeout_ms = 10000});
}

/* The status reached, and one event per move reached (after the first, new). */
static int need_state(struct crash *c, int i)
{
	struct resp *g = http(c->s, "GET", fmt("/api/v1/needs/%lld", c->a[i]), c->s->admin, NULL);
	json_t *ev = LIST_ALL(c->s, c->s->admin, fmt("/api/v1/needs/%lld/events", c->a[i]));
	if (!EXPECT_STATUS(g, 200) || ev == NULL)
		return -1;
	const char *st = jstr(g->json, "status");
	int got = st && strcmp(st, "new") == 0 ? 0 : index_of(st, need_line, 6) + 1;
	if (!CHECKR(g, got >= 0 && (got > 0 || (st && strcmp(st, "new") == 0))))
		return -1;
	CHECKM(json_array_size(ev) == (size_t)got + 1, "need %lld at %s has %zu events, want %d", c->a[i], st,
	       json_array_size(ev), got + 1);
	for (int k = 0; k < 6; k++)
		CHECKM(count_str(ev, "to", need_line[k]) == (k < got), "need %lld at %s: %d events to %s", c->a[i], st,
		       count_str(ev, "to", need_line[k]), need_line[k]);
	return got;
}

static const struct kind need_kind = {"need move", 6, need_step, NULL, need_state, false, NULL};

void t_kill9_loop_need_moves(struct srv *s)
{
	struct crash c = {0};
	if (!care_world(s, &c.cw) || !world_menu(s, &c.cw.w))
		return;
	c.x = c.cw.swA;
	c.a = ids(NEEDS);
	for (int i = 0; i < NEEDS && test_failures() == 0; i++)
		c.a[i] = MK(s, s->admin, "/api/v1/needs",
			    fmt("{\"title\":\"助餐 %d\",\"category\":\"elderly_care\",\"region_id\":%lld}", i, c.cw.w.comm1));
	if (test_failures() == 0)
		crash_loop(s, &c, &need_kind, NEEDS);
}

/* --- answers to an emergency call-out: accept, then arrived ------------ */

#define CALLED 60
#define LAT0 30.3500
#define LON0 112.2000

static const char *const answers[] = {"accept", "arrived"};
static const char *const answered[] = {"called", "accepted", "arrived"};

static struct resp *callout_step(struct crash *c, int i, int k)
{
	return http_req(c->s, &(struct req){.method = "POST", .path = fmt("/api/v1/emergencies/%lld/acks", c->x),
					    .token = c->sv.staff,
					    .body = fmt("{\"volunteer_id\":%lld,\"answer\":\"%s\"}", c->a[i], answers[k]),
					    .untracked = true, .timeout_ms = 10000});
}

/* The call-outs, the timeline's count of each answer and the incident's
 * accepted count. */
static void callout_read_back(struct crash *c, int upto)
{
	json_t *calls = LIST_ALL(c->s, c->sv.staff, fmt("/api/v1/emergencies/%lld/callouts", c->x));
	json_t *tl = LIST_ALL(c->s, c->sv.staff, fmt("/api/v1/emergencies/%lld/timeline", c->x));
	struct resp *em = http(c->s, "GET", fmt("/api/v1/emergencies/%lld", c->x), c->sv.staff, NULL);
	c->list = calls;
	if (calls == NULL || tl == NULL || !EXPECT_STATUS(em, 200))
		return;
	CHECK_INT((long long)json_array_size(calls), CALLED);
	int accepted = 0;
	for (int i = 0; i < CALLED; i++) {
		json_t *co = NULL, *it;
		size_t j;
		json_array_foreach(calls, j, it)
			if (jint(it, "volunteer_id") == c->a[i])
				co = it;
		int got = co ? index_of(jstr(co, "status"), answered, 3) : -1;
		c->count[i] = got;
		accepted += got > 0;
		for (int k = 0; i < upto && got >= 0 && k < 2; k++) {
			int n = 0;
			json_array_foreach(tl, j, it)
				n += jint(it, "volunteer_id") == c->a[i] && jstr(it, "kind") &&
				     strcmp(jstr(it, "kind"), answered[k + 1]) == 0;
			CHECKM(n == (k < got), "volunteer %lld %s: %d %s events in the timeline", c->a[i], answered[got],
			       n, answered[k + 1]);
		}
	}
	CHECK_INT(jint(em->json, "accepted_count"), accepted);
}

static int callout_state(struct crash *c, int i)
{
	if (c->list == NULL)
		return -1;
	CHECKM(c->count[i] >= 0, "volunteer %lld: no call-out, or one in an unexpected status", c->a[i]);
	return c->count[i];
}

static const struct kind callout_kind = {"call-out answer", 2, callout_step, callout_read_back, callout_state, true,
					NULL};

void t_kill9_loop_callout_answers(struct srv *s)
{
	struct crash c = {0};
	if (!setup(s, &c.sv, 0))
		return;
	c.a = ids(CALLED);
	c.count = ints(CALLED);
	for (int i = 0; i < CALLED && test_failures() == 0; i++)
		c.a[i] = crash_volunteer(s, c.sv.org, i, 6,
					 fmt(",\"lat\":%.6f,\"lon\":%.6f,\"skills\":[\"first_aid\"]", LAT0 + 0.0001 * i, LON0));
	c.x = MK(s, c.sv.staff, "/api/v1/emergencies",
		 fmt("{\"type\":\"medical\",\"title\":\"溺水\",\"place\":\"三眼井社区\",\"lat\":%.6f,\"lon\":%.6f,"
		     "\"region_id\":%lld,\"org_id\":%lld,\"severity\":\"critical\"}",
		     LAT0, LON0, c.sv.w.comm1, c.sv.org));
	long long swp = MK_PERSON(s, s->admin, "社工甲", NULL, NULL, c.sv.org);
	long long sw = MK(s, s->admin, "/api/v1/social-workers",
			  fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"intermediate\","
			      "\"certificate_no\":\"S-1\"}", swp, c.sv.org));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/assess", c.x), c.sv.staff,
			   fmt("{\"needed_count\":%d,\"radius_km\":5,\"required_skills\":[\"first_aid\"],"
			       "\"social_worker_id\":%lld}", CALLED, sw)),
		      200);
	struct resp *m = http(s, "POST", fmt("/api/v1/emergencies/%lld/mobilize", c.x), c.sv.staff, NULL);
	if (EXPECT_STATUS(m, 200))
		CHECK_INT((long long)json_array_size(jget(m->json, "items")), CALLED);
	if (test_failures() == 0)
		crash_loop(s, &c, &callout_kind, CALLED);
}

/* --- import jobs: all of a job's rows or none --------------------------- */

#define IMPORT_JOBS 45

static struct resp *import_step(struct crash *c, int i, int k)
{
	(void)k;
	size_t cap = IMPORT_ROWS * 48 + 64, len = 0;
	char *csv = track(malloc(cap), free);
	len += (size_t)snprintf(csv, cap, "姓名,身份证号\r\n");
	for (int r = 0; r < IMPORT_ROWS; r++) {
		char idn[19];
		idnum_n(idn, 5000 + i * IMPORT_ROWS + r);
		len += (size_t)snprintf(csv + len, cap - len, "Imp%d-%d,%s\r\n", i, r, idn);
	}
	return http_req(c->s, &(struct req){.method = "POST", .path = "/api/v1/imports?kind=people",
					    .token = c->s->admin, .body = csv, .body_len = len,
					    .content_type = "text/csv", .untracked = true, .timeout_ms = 10000});
}

/* Each job's rows present, counted by the names the sheet gave them. */
static void import_read_back(struct crash *c, int upto)
{
	memset(c->count, 0, sizeof *c->count * (size_t)c->n);
	c->done = c->failed = 0;
	json_t *people = LIST_ALL(c->s, c->s->admin, "/api/v1/people");
	c->list = people;
	size_t j;
	json_t *it;
	json_array_foreach(people, j, it) {
		int job, row;
		if (jstr(it, "name") && sscanf(jstr(it, "name"), "Imp%d-%d", &job, &row) == 2 && job >= 0 && job < upto)
			c->count[job]++;
	}
}

/* An acknowledged job is still there, done with every row or failed with
 * none; an unanswered one wrote every row or none. */
static int import_state(struct crash *c, int i)
{
	if (c->list == NULL)
		return -1;
	int rows = c->count[i];
	CHECKM(rows == 0 || rows == IMPORT_ROWS, "import %d: %d of its %d rows stored", i, rows, IMPORT_ROWS);
	if (c->acked[i] == 0)
		return rows ? c->sent[i] : 0;
	long long id = c->ack_id[i * CRASH_MAX_STEPS];
	struct resp *g = http(c->s, "GET", fmt("/api/v1/imports/%lld", id), c->s->admin, NULL);
	if (!EXPECT_STATUS(g, 200))
		return 0;
	const char *st = jstr(g->json, "status");
	bool done = st && strcmp(st, "done") == 0 && jint(g->json, "created") == IMPORT_ROWS;
	bool failed = st && strcmp(st, "failed") == 0;
	c->done += done;
	c->failed += failed;
	CHECKM((done && rows == IMPORT_ROWS) || (failed && rows == 0), "import job %lld is %s with %d of %d rows",
	       id, st ? st : "(none)", rows, IMPORT_ROWS);
	return 1;
}

static const struct kind import_kind = {"import job", 1, import_step, import_read_back, import_state, false,
					NULL};

void t_kill9_loop_import_jobs(struct srv *s)
{
	struct crash c = {0};
	c.count = ints(IMPORT_JOBS);
	crash_loop(s, &c, &import_kind, IMPORT_JOBS);
	printf("    acknowledged import jobs: %d done with every row, %d failed with none\n", c.done, c.failed);
}

/* --- donations, each with an Idempotency-Key (issue 14) ------------------ */

#define GIFTS 90

static struct resp *gift_step(struct crash *c, int i, int k)
{
	(void)k;
	return http_req(c->s, &(struct req){.method = "POST", .path = "/api/v1/donations", .token = c->tok,
					    .body = fmt("{\"fund_id\":%lld,\"amount_fen\":%d,\"channel\":\"cash\","
							"\"donor_name\":\"Crash%d\",\"received_on\":\"2026-12-01\"}",
							c->x, 100 + i, i),
					    .extra_header = fmt("Idempotency-Key: crash-gift-%d", i), .untracked = true,
					    .timeout_ms = 10000});
}

/* Each target's gifts, and the fund: its balance is the sum of the gifts
 * stored and its trial balance balances. */
static void gift_read_back(struct crash *c, int upto)
{
	(void)upto;
	json_t *all = LIST_ALL(c->s, c->s->admin, fmt("/api/v1/donations?fund_id=%lld", c->x));
	struct resp *t = http(c->s, "GET", fmt("/api/v1/funds/%lld/trial-balance", c->x), c->s->admin, NULL);
	c->list = all;
	if (all == NULL || !EXPECT_STATUS(t, 200))
		return;
	long long sum = 0;
	for (int i = 0; i < GIFTS; i++)
		c->count[i] = 0;
	size_t j;
	json_t *it;
	json_array_foreach(all, j, it) {
		int i;
		if (jstr(it, "donor_name") && sscanf(jstr(it, "donor_name"), "Crash%d", &i) == 1 && i >= 0 && i < GIFTS)
			c->count[i]++;
		sum += jint(it, "amount_fen");
	}
	CHECKM(json_is_true(jget(t->json, "balanced")), "the fund's trial balance after a kill: %s", t->body);
	CHECK_INT(jint(t->json, "balance_fen"), sum);
}

static int gift_state(struct crash *c, int i)
{
	if (c->list == NULL)
		return -1;
	CHECKM(c->count[i] <= 1, "gift %d recorded %d times", i, c->count[i]);
	return c->count[i];
}

static const struct kind gift_kind = {"donation", 1, gift_step, gift_read_back, gift_state, true, NULL};

void t_kill9_loop_donations(struct srv *s)
{
	struct crash c = {0};
	if (!care_world(s, &c.cw))
		return;
	c.count = ints(GIFTS);
	c.tok = c.cw.sw_a;
	c.x = MK(s, c.cw.oa_a, "/api/v1/funds", fmt("{\"name\":\"爱青助学\",\"org_id\":%lld,\"purpose\":\"student_aid\","
						   "\"manager_user_id\":%lld}", c.cw.A, c.cw.uSWA));
	if (test_failures() == 0)
		crash_loop(s, &c, &gift_kind, GIFTS);
}

/* --- semester runs: propose, approve, pay; a batch all or none ---------- */

#define RUNS 45
#define RUN_STUDENTS 5

static const char *run_semester(int i)
{
	return fmt("%d-%d-1", 2030 + i, 2031 + i);
}

static struct resp *run_step(struct crash *c, int i, int k)
{
	long long id = c->ack_id[i * CRASH_MAX_STEPS];
	const char *path = k == 0 ? fmt("/api/v1/funds/%lld/semester-runs", c->x)
			   : k == 1 ? fmt("/api/v1/semester-runs/%lld/approve", id)
				    : fmt("/api/v1/semester-runs/%lld/pay", id);
	return http_req(c->s, &(struct req){.method = "POST", .path = path, .token = k == 0 ? c->cw.sw_a : c->cw.oa_a,
					    .body = k == 0 ? fmt("{\"semester\":\"%s\"}", run_semester(i))
						    : k == 2 ? "{\"bank_ref\":\"CRASH\"}"
							     : NULL,
					    .untracked = true, .timeout_ms = 10000});
}

/* Every run is whole (its five students, its total) and the books agree
 * (check-ledger on the database after the restart). */
static void run_read_back(struct crash *c, int upto)
{
	(void)upto;
	json_t *all = LIST_ALL(c->s, c->s->admin, fmt("/api/v1/funds/%lld/semester-runs", c->x));
	c->list = all;
	for (int i = 0; i < RUNS; i++)
		c->count[i] = 0;
	size_t j;
	json_t *it;
	json_array_foreach(all, j, it) {
		int y;
		if (!jstr(it, "semester") || sscanf(jstr(it, "semester"), "%d", &y) != 1 || y < 2030 || y >= 2030 + RUNS)
			continue;
		const char *st = jstr(it, "status");
		c->count[y - 2030] = 1 + (st && strcmp(st, "proposed") != 0) + (st && strcmp(st, "paid") == 0);
		CHECKM(json_array_size(jget(it, "items")) == RUN_STUDENTS && jint(it, "total_fen") == RUN_STUDENTS * 50000,
		       "run %lld is not whole: %zu items, %lld fen", jint(it, "id"), json_array_size(jget(it, "items")),
		       jint(it, "total_fen"));
	}
	int st = -1;
	char *out = cmd_output(fmt("'%s' check-ledger --db '%s' --key-file '%s' 2>&1", c->s->bin, c->s->db, c->s->key), &st);
	CHECKM(st == 0, "check-ledger after a kill: %s", out ? out : "(did not run)");
}

static int run_state(struct crash *c, int i)
{
	return c->list == NULL ? -1 : c->count[i];
}

static const struct kind run_kind = {"semester run", 3, run_step, run_read_back, run_state, false, NULL};

void t_kill9_loop_semester_runs(struct srv *s)
{
	struct crash c = {0};
	if (!care_world(s, &c.cw))
		return;
	c.count = ints(RUNS);
	c.x = MK(s, c.cw.oa_a, "/api/v1/funds", fmt("{\"name\":\"爱青助学\",\"org_id\":%lld,\"purpose\":\"student_aid\","
						   "\"manager_user_id\":%lld}", c.cw.A, c.cw.uSWA));
	for (int i = 0; i < RUN_STUDENTS; i++) {
		long long p = care_person(s, &c.cw, fmt("学生%d", i), 12, c.cw.w.comm1);
		MK(s, c.cw.sw_a, "/api/v1/clients",
		   fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"student_aid\",\"consent\":true,"
		       "\"social_worker_id\":%lld,\"volunteer_id\":%lld,\"school_stage\":\"primary\"}",
		       p, c.cw.A, c.cw.swA, c.cw.vA));
	}
	MK(s, c.cw.sw_a, "/api/v1/donations", fmt("{\"fund_id\":%lld,\"amount_fen\":%d,\"channel\":\"bank_transfer\","
						  "\"donor_name\":\"基金会\",\"received_on\":\"2026-12-01\"}",
						  c.x, RUNS * RUN_STUDENTS * 50000));
	if (test_failures() == 0)
		crash_loop(s, &c, &run_kind, RUNS);
}
