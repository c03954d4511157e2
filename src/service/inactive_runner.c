/* inactive_runner.c - the server's thread that sweeps registered
 * volunteers without service into inactive (svc_sweep_inactive): once at
 * start, then every app->inactive_sweep_secs, with a connection from the
 * store's pool like any request. Several servers on one database may each
 * sweep: every move re-checks under the volunteer's row lock. Stopping
 * ends a sweep under way between two volunteers. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "service/service.h"

struct inactive_runner {
	struct app *app;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int quit;		/* under mu */
	atomic_int stop;	/* read by the sweep between volunteers */
};

static void sweep(struct inactive_runner *r)
{
	struct app *app = r->app;
	struct errinfo ei = {0};
	int64_t moved = 0;
	if (svc_sweep_inactive(app, &r->stop, &moved, &ei))
		fprintf(stderr, "liandong: inactive sweep failed: %s\n", ei.message);
	else if (moved)
		fprintf(stderr, "liandong: inactive sweep: %lld volunteers without service for %d months now inactive\n",
			(long long)moved, app->inactive_after_months);
}

static void *worker(void *arg)
{
	struct inactive_runner *r = arg;
	pthread_mutex_lock(&r->mu);
	while (!r->quit) {
		pthread_mutex_unlock(&r->mu);
		sweep(r);
		pthread_mutex_lock(&r->mu);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += r->app->inactive_sweep_secs;
		while (!r->quit && pthread_cond_timedwait(&r->cv, &r->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

void inactive_runner_start(struct app *app)
{
	if (app->inactive_after_months <= 0)
		return;
	struct inactive_runner *r = xcalloc(1, sizeof *r);
	r->app = app;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	atomic_init(&r->stop, 0);
	if (pthread_create(&r->thread, NULL, worker, r) != 0) {
		fputs("liandong: cannot start the inactive sweep\n", stderr);
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
		free(r);
		return;
	}
	app->sweeper = r;
}

void inactive_runner_stop(struct app *app)
{
	struct inactive_runner *r = app->sweeper;
	if (!r)
		return;
	pthread_mutex_lock(&r->mu);
	r->quit = 1;
	atomic_store(&r->stop, 1);
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r);
	app->sweeper = NULL;
}
