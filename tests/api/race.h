/* race.h - firing RACERS requests at once (t_durability.c): the same write
 * by many clients, of which exactly one may win. */
#ifndef API_RACE_H
#define API_RACE_H

#include <pthread.h>

#include "harness.h"

#define RACERS 16

struct race {
	struct srv *s;
	const char *token;
	const char *paths[RACERS];
	const char *bodies[RACERS];
	pthread_barrier_t bar;
	long status[RACERS];
	char field[RACERS][32];
	char code[RACERS][32];
	char value[RACERS][40];	/* the response's `value_key` string, if any */
	const char *value_key;
};

/* Fire all RACERS POSTs at once (a barrier releases them together). */
void race_run(struct race *rc);
/* Exactly one racer gets `win`, every other one `lose` with code and field. */
void race_one_wins(struct race *rc, long win, long lose, const char *code, const char *field);

#endif
