/* t_durability.c - nothing acknowledged is lost and nothing is counted
 * twice: kill -9 under concurrent writes, then restart and check every
 * acknowledged person; many threads racing for one ID number or username. */
#include "tests.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KILL_THREADS 8
#define KILL_MAX_PER_THREAD 400

struct acked {
	long long id;
	int n;		/* index into the ID number stream */
};

struct load {
	struct srv *s;
	const char *token;
	atomic_bool stop;
	atomic_int attempts;
	pthread_mutex_t lock;
	struct acked *acked;
	size_t nacked;
	int other_status;	/* a status other than 201 (0 = none seen) */
	char other_body[300];
	double t0;
};

struct worker {
	struct load *ld;
	int index;
};

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *kill_worker(void *arg)
{
	struct worker *w = arg;
	struct load *ld = w->ld;
	for (int i = 0; i < KILL_MAX_PER_THREAD && !atomic_load(&ld->stop); i++) {
		if (mono() - ld->t0 > 10)
			break;
		int n = w->index * KILL_MAX_PER_THREAD + i;
		char idn[19], body[160];
		idnum_n(idn, n);
		snprintf(body, sizeof body, "{\"name\":\"Durable %d\",\"id_number\":\"%s\"}", n, idn);
		atomic_fetch_add(&ld->attempts, 1);
		struct resp *r = http_req(ld->s, &(struct req){.method = "POST",
			.path = "/api/v1/people", .token = ld->token, .body = body,
			.untracked = true, .timeout_ms = 10000});
		long st = r->status;
		long long id = jint(r->json, "id");
		pthread_mutex_lock(&ld->lock);
		if (st == 201 && id > 0) {
			ld->acked[ld->nacked++] = (struct acked){id, n};
		} else if (st != 0 && ld->other_status == 0) {
			ld->other_status = (int)st;
			snprintf(ld->other_body, sizeof ld->other_body, "%s", r->body);
		}
		pthread_mutex_unlock(&ld->lock);
		resp_free(r);
		if (st == 0)	/* the server is gone */
			break;
	}
	return NULL;
}

void t_kill9_loses_no_acknowledged_person(struct srv *s)
{
	struct load ld = {.s = s, .token = s->admin, .t0 = mono()};
	pthread_mutex_init(&ld.lock, NULL);
	ld.acked = track(calloc(KILL_THREADS * KILL_MAX_PER_THREAD, sizeof *ld.acked), free);
	pthread_t th[KILL_THREADS];
	struct worker wk[KILL_THREADS];
	int started = 0;
	for (int i = 0; i < KILL_THREADS; i++) {
		wk[i] = (struct worker){&ld, i};
		if (pthread_create(&th[i], NULL, kill_worker, &wk[i]) == 0)
			started++;
		else
			break;
	}
	/* Kill after ~1 s of load, or earlier if half the work is already done,
	 * so that requests are surely in flight. */
	int half = started * KILL_MAX_PER_THREAD / 2;
	while (mono() - ld.t0 < 1.0 && atomic_load(&ld.attempts) < half) {
		struct timespec ts = {0, 5 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	srv_stop(s, SIGKILL);
	int attempts_at_kill = atomic_load(&ld.attempts);
	atomic_store(&ld.stop, true);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&ld.lock);
	printf("    %d attempts at the kill, %zu acknowledged\n", attempts_at_kill, ld.nacked);
	CHECKM(ld.other_status == 0, "a create answered %d: %s", ld.other_status, ld.other_body);
	CHECKM(ld.nacked >= 10, "only %zu creates acknowledged before the kill", ld.nacked);
	if (!srv_start(s))
		return;

	const char *tok = LOGIN(s, ADMIN_USER, ADMIN_PASS);
	if (tok == NULL)
		return;
	s->admin = tok;
	size_t lost = 0;
	for (size_t i = 0; i < ld.nacked; i++) {
		struct resp *r = http_req(s, &(struct req){.method = "GET",
			.path = fmt("/api/v1/people/%lld", ld.acked[i].id), .token = tok,
			.untracked = true});
		char idn[19];
		idnum_n(idn, ld.acked[i].n);
		char name[40];
		snprintf(name, sizeof name, "Durable %d", ld.acked[i].n);
		const char *got = jstr(r->json, "name");
		const char *gid = jstr(r->json, "id_number");
		if (r->status != 200 || got == NULL || strcmp(got, name) != 0 ||
		    gid == NULL || strcmp(gid, idn) != 0) {
			if (lost++ < 5)
				check_fail(__FILE__, __LINE__, r, "acknowledged person %lld (%s) lost",
					ld.acked[i].id, name);
		}
		resp_free(r);
	}
	CHECKM(lost == 0, "%zu of %zu acknowledged people lost", lost, ld.nacked);
	json_t *all = LIST_ALL(s, tok, "/api/v1/people");
	if (all == NULL)
		return;
	CHECKM(json_array_size(all) >= ld.nacked, "%zu people stored, %zu acknowledged",
		json_array_size(all), ld.nacked);
	json_t *seen = track_json(json_object());
	size_t i, dups = 0;
	json_t *it;
	json_array_foreach(all, i, it) {
		const char *idn = jstr(it, "id_number");
		if (idn == NULL)
			continue;
		if (json_object_get(seen, idn) != NULL && dups++ < 5)
			check_fail(__FILE__, __LINE__, NULL, "id_number %s stored twice", idn);
		json_object_set_new(seen, idn, json_true());
	}
	CHECKM(dups == 0, "%zu duplicate id_numbers", dups);
	/* The restarted server still writes. */
	char idn[19];
	idnum_n(idn, KILL_THREADS * KILL_MAX_PER_THREAD + 1);
	MK_PERSON(s, tok, "After restart", idn, NULL, 0);
}

#define RACERS 16

struct race {
	struct srv *s;
	const char *path, *token;
	const char *bodies[RACERS];
	pthread_barrier_t bar;
	long status[RACERS];
	char field[RACERS][32];
	char code[RACERS][32];
};

struct racer {
	struct race *rc;
	int index;
};

static void *race_worker(void *arg)
{
	struct racer *me = arg;
	struct race *rc = me->rc;
	pthread_barrier_wait(&rc->bar);
	struct resp *r = http_req(rc->s, &(struct req){.method = "POST", .path = rc->path,
		.token = rc->token, .body = rc->bodies[me->index], .untracked = true});
	rc->status[me->index] = r->status;
	const char *f = jstr(r->json, "error.field"), *c = jstr(r->json, "error.code");
	snprintf(rc->field[me->index], sizeof rc->field[0], "%s", f ? f : "");
	snprintf(rc->code[me->index], sizeof rc->code[0], "%s", c ? c : "");
	resp_free(r);
	return NULL;
}

static void race(struct race *rc, const char *field)
{
	pthread_t th[RACERS];
	struct racer rs[RACERS];
	pthread_barrier_init(&rc->bar, NULL, RACERS);
	for (int i = 0; i < RACERS; i++) {
		rs[i] = (struct racer){rc, i};
		if (pthread_create(&th[i], NULL, race_worker, &rs[i]) != 0) {
			fputs("pthread_create failed\n", stderr);
			abort();
		}
	}
	for (int i = 0; i < RACERS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&rc->bar);
	int created = 0, dup = 0;
	for (int i = 0; i < RACERS; i++) {
		if (rc->status[i] == 201)
			created++;
		else if (rc->status[i] == 409 && strcmp(rc->field[i], field) == 0 &&
			 strcmp(rc->code[i], "duplicate") == 0)
			dup++;
		else
			check_fail(__FILE__, __LINE__, NULL, "racer %d: status %ld code %s field %s",
				i, rc->status[i], rc->code[i], rc->field[i]);
	}
	CHECKM(created == 1 && dup == RACERS - 1,
		"%d created and %d duplicate (409, field %s); want 1 and %d", created, dup,
		field, RACERS - 1);
}

void t_concurrent_same_id_number_one_wins(struct srv *s)
{
	struct race rc = {.s = s, .path = "/api/v1/people", .token = s->admin};
	char idn[19];
	idnum(idn, "421002", 1991, 9, 9, 99);
	for (int i = 0; i < RACERS; i++)
		rc.bodies[i] = fmt("{\"name\":\"Racer %d\",\"id_number\":\"%s\"}", i, idn);
	race(&rc, "id_number");
	CHECK_INT(COUNT(s, fmt("/api/v1/people?id_number=%s", idn)), 1);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
}

void t_concurrent_same_username_one_wins(struct srv *s)
{
	struct race rc = {.s = s, .path = "/api/v1/users", .token = s->admin};
	for (int i = 0; i < RACERS; i++)
		rc.bodies[i] = fmt("{\"username\":\"same.name\",\"password\":\"racer-pass-%02d\","
			"\"roles\":[{\"role\":\"resident\"}]}", i);
	race(&rc, "username");
	json_t *users = LIST_ALL(s, s->admin, "/api/v1/users");
	size_t i, n = 0;
	json_t *it;
	json_array_foreach(users, i, it)
		n += jstr(it, "username") && strcmp(jstr(it, "username"), "same.name") == 0;
	CHECKM(n == 1, "%zu users named same.name", n);
}
