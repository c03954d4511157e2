/* load.h - concurrent writers for the durability tests (t_durability.c,
 * t_backup.c): threads creating people through the real server, each
 * acknowledged (201) person recorded with the time its answer arrived; then
 * a check that those acknowledged before a moment are all still there. */
#ifndef API_LOAD_H
#define API_LOAD_H

#include <pthread.h>
#include <stdatomic.h>

#include "harness.h"

#define LOAD_THREADS 8
#define LOAD_MAX_PER_THREAD 400

struct acked {
	long long id;
	int n;		/* index into the ID number stream */
	double at;	/* now_s() when the 201 arrived */
};

struct load;
struct load_worker {
	struct load *ld;
	int index;
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
	pthread_t th[LOAD_THREADS];
	struct load_worker wk[LOAD_THREADS];
	int started;
};

/* Start the writers on s as the admin; each stops after LOAD_MAX_PER_THREAD
 * people, 10 s, load_join, or the server going away. */
void load_start(struct load *ld, struct srv *s);
void load_join(struct load *ld);
/* How many of the people acknowledged before `before` (now_s() time) are
 * missing on s, or stored with another name or ID number; the first few are
 * reported as failures. */
size_t load_missing(struct srv *s, const char *tok, const struct load *ld, double before);

#endif
