/* t_durability.c - nothing acknowledged is lost and nothing is counted
 * twice: kill -9 under concurrent writes, then restart and check every
 * acknowledged person; many threads racing for one ID number or username. */
#include "tests.h"
#include "load.h"
#include "race.h"
#include "svc_world.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void t_kill9_loses_no_acknowledged_person(struct srv *s)
{
	struct load ld = {0};
	load_start(&ld, s);
	/* Kill after ~1 s of load, or earlier if half the work is already done,
	 * so that requests are surely in flight. */
	int half = ld.started * LOAD_MAX_PER_THREAD / 2;
	while (now_s() - ld.t0 < 1.0 && atomic_load(&ld.attempts) < half) {
		struct timespec ts = {0, 5 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	srv_stop(s, SIGKILL);
	int attempts_at_kill = atomic_load(&ld.attempts);
	load_join(&ld);
	printf("    %d attempts at the kill, %zu acknowledged\n", attempts_at_kill, ld.nacked);
	CHECKM(ld.other_status == 0, "a create answered %d: %s", ld.other_status, ld.other_body);
	CHECKM(ld.nacked >= 10, "only %zu creates acknowledged before the kill", ld.nacked);
	if (!srv_start(s))
		return;

	const char *tok = LOGIN(s, ADMIN_USER, ADMIN_PASS);
	if (tok == NULL)
		return;
	s->admin = tok;
	size_t lost = load_missing(s, tok, &ld, 1e300);
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
	idnum_n(idn, LOAD_THREADS * LOAD_MAX_PER_THREAD + 1);
	MK_PERSON(s, tok, "After restart", idn, NULL, 0);
}

struct racer {
	struct race *rc;
	int index;
};

static void *race_worker(void *arg)
{
	struct racer *me = arg;
	struct race *rc = me->rc;
	pthread_barrier_wait(&rc->bar);
	struct resp *r = http_req(rc->s, &(struct req){.method = "POST",
		.path = rc->paths[me->index], .token = rc->token,
		.body = rc->bodies[me->index], .untracked = true});
	rc->status[me->index] = r->status;
	const char *f = jstr(r->json, "error.field"), *c = jstr(r->json, "error.code");
	const char *v = rc->value_key ? jstr(r->json, rc->value_key) : NULL;
	snprintf(rc->field[me->index], sizeof rc->field[0], "%s", f ? f : "");
	snprintf(rc->code[me->index], sizeof rc->code[0], "%s", c ? c : "");
	snprintf(rc->value[me->index], sizeof rc->value[0], "%s", v ? v : "");
	resp_free(r);
	return NULL;
}

/* Fire all RACERS requests at once (a barrier releases them together). */
void race_run(struct race *rc)
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
}

/* Exactly one racer gets `win`, every other one `lose` with code and field. */
void race_one_wins(struct race *rc, long win, long lose, const char *code,
	const char *field)
{
	race_run(rc);
	int won = 0, lost = 0;
	for (int i = 0; i < RACERS; i++) {
		if (rc->status[i] == win)
			won++;
		else if (rc->status[i] == lose && strcmp(rc->field[i], field) == 0 &&
			 strcmp(rc->code[i], code) == 0)
			lost++;
		else
			check_fail(__FILE__, __LINE__, NULL, "racer %d: status %ld code %s field %s",
				i, rc->status[i], rc->code[i], rc->field[i]);
	}
	CHECKM(won == 1 && lost == RACERS - 1,
		"%d got %ld and %d got %ld %s (field %s); want 1 and %d", won, win, lost,
		lose, code, field, RACERS - 1);
}

/* Issue 15: one person's answers to a survey sent sixteen times at once
 * are taken once (a unique key on the survey and the person). */
void t_concurrent_survey_answers_taken_once(struct srv *s)
{
	struct svc sv;
	if (!setup(s, &sv, 1))
		return;
	long long id = MK(s, sv.staff, "/api/v1/surveys",
			  fmt("{\"title\":\"t\",\"org_id\":%lld,\"scope_kind\":\"org_volunteers\",\"anonymous\":true,"
			      "\"questions\":[{\"key\":\"q1\",\"text\":\"t\",\"kind\":\"scale\"}]}", sv.org));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/surveys/%lld/open", id), sv.staff, NULL), 200);
	struct race rc = {.s = s, .token = sv.vtok[0]};
	for (int i = 0; i < RACERS; i++) {
		rc.paths[i] = fmt("/api/v1/surveys/%lld/answers", id);
		rc.bodies[i] = fmt("{\"answers\":{\"q1\":%d}}", 1 + i % 5);
	}
	race_one_wins(&rc, 201, 409, "duplicate", "answers");
	struct resp *r = http(s, "GET", fmt("/api/v1/surveys/%lld/results", id), sv.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "responses"), 1);
		CHECK_INT(jint(r->json, "questions.0.answered"), 1);
	}
}

void t_concurrent_same_id_number_one_wins(struct srv *s)
{
	struct race rc = {.s = s, .token = s->admin};
	char idn[19];
	idnum(idn, "421002", 1991, 9, 9, 99);
	for (int i = 0; i < RACERS; i++) {
		rc.paths[i] = "/api/v1/people";
		rc.bodies[i] = fmt("{\"name\":\"Racer %d\",\"id_number\":\"%s\"}", i, idn);
	}
	race_one_wins(&rc, 201, 409, "duplicate", "id_number");
	CHECK_INT(COUNT(s, fmt("/api/v1/people?id_number=%s", idn)), 1);
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
}

void t_concurrent_same_username_one_wins(struct srv *s)
{
	struct race rc = {.s = s, .token = s->admin};
	for (int i = 0; i < RACERS; i++) {
		rc.paths[i] = "/api/v1/users";
		rc.bodies[i] = fmt("{\"username\":\"same.name\",\"password\":\"racer-pass-%02d\","
			"\"roles\":[{\"role\":\"resident\"}]}", i);
	}
	race_one_wins(&rc, 201, 409, "duplicate", "username");
	json_t *users = LIST_ALL(s, s->admin, "/api/v1/users");
	size_t i, n = 0;
	json_t *it;
	json_array_foreach(users, i, it)
		n += jstr(it, "username") && strcmp(jstr(it, "username"), "same.name") == 0;
	CHECKM(n == 1, "%zu users named same.name", n);
}

void t_concurrent_stage_move_happens_once(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Hub", "volunteer_hub", city, 0);
	char idn[19];
	idnum_n(idn, 5);
	long long p = MK_PERSON(s, s->admin, "Mover", idn, NULL, 0);
	long long v = MK(s, s->admin, "/api/v1/volunteers",
		fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org));
	if (v < 0)
		return;
	struct race rc = {.s = s, .token = s->admin};
	for (int i = 0; i < RACERS; i++) {
		rc.paths[i] = fmt("/api/v1/volunteers/%lld/stage", v);
		rc.bodies[i] = fmt("{\"to\":\"trial\",\"note\":\"racer %d\"}", i);
	}
	race_one_wins(&rc, 200, 422, "invalid_transition", "to");
	struct resp *h = http(s, "GET", fmt("/api/v1/volunteers/%lld/stages", v), s->admin, NULL);
	if (EXPECT_STATUS(h, 200)) {
		size_t i, moves = 0;
		json_t *it;
		json_array_foreach(jget(h->json, "items"), i, it)
			moves += jstr(it, "to") && strcmp(jstr(it, "to"), "trial") == 0;
		CHECKM(moves == 1, "%zu history entries to trial, want 1", moves);
	}
}

void t_concurrent_volunteers_get_distinct_numbers(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long d = MK_REGION(s, "421002", "沙市区", "district", city);
	long long org = MK_ORG(s, s->admin, "Hub", "volunteer_hub", d, 0);
	struct race rc = {.s = s, .token = s->admin, .value_key = "volunteer_no"};
	for (int i = 0; i < RACERS; i++) {
		char idn[19];
		idnum_n(idn, 10 + i);
		long long p = MK_PERSON(s, s->admin, fmt("Applicant %d", i), idn, NULL, 0);
		rc.paths[i] = "/api/v1/volunteers";
		rc.bodies[i] = fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org);
	}
	if (test_failures() > 0)
		return;
	race_run(&rc);
	for (int i = 0; i < RACERS; i++) {
		CHECKM(rc.status[i] == 201, "racer %d: status %ld code %s", i, rc.status[i],
			rc.code[i]);
		CHECKM(strlen(rc.value[i]) == 17, "racer %d: volunteer_no \"%s\"", i, rc.value[i]);
		for (int k = 0; k < i; k++)
			CHECKM(strcmp(rc.value[i], rc.value[k]) != 0,
				"racers %d and %d share volunteer_no %s", k, i, rc.value[i]);
	}
	CHECK_INT(COUNT(s, "/api/v1/volunteers"), RACERS);
}
