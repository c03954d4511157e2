/* inactive_runner.c - the server's thread that sweeps registered
 * volunteers without service into inactive (svc_sweep_inactive): once at
 * start, then every app->inactive_sweep_secs, with a connection from the
 * store's pool like any request. Several servers on one database may each
 * sweep: every move re-checks under the volunteer's row lock. Stopping
 * ends a sweep under way between two of its transactions (up to 32 moves
 * each, workforce.c). */
#include <stdio.h>
#include <stdlib.h>

#include "core/bgthread.h"
#include "core/log.h"
#include "core/metrics.h"
#include "service/service.h"

struct inactive_runner {
	struct app *app;
	struct bgthread bg;
};

static void sweep(struct inactive_runner *r)
{
	struct app *app = r->app;
	struct errinfo ei = {0};
	int64_t moved = 0;
	if (svc_sweep_inactive(app, &r->bg.stop, &moved, &ei)) {
		log_error("inactive sweep failed: %s", ei.message);
		return;
	}
	metrics_count("liandong_inactive_sweeps_total", NULL, 1);
	if (moved)
		log_info("inactive sweep: %lld volunteers without service for %d months now inactive", (long long)moved,
			 app->inactive_after_months);
}

static void *worker(void *arg)
{
	struct inactive_runner *r = arg;
	pthread_mutex_lock(&r->bg.mu);
	while (!r->bg.quit) {
		pthread_mutex_unlock(&r->bg.mu);
		sweep(r);
		pthread_mutex_lock(&r->bg.mu);
		bg_wait(&r->bg, r->app->inactive_sweep_secs);
	}
	pthread_mutex_unlock(&r->bg.mu);
	return NULL;
}

void inactive_runner_start(struct app *app)
{
	if (app->inactive_after_months <= 0)
		return;
	struct inactive_runner *r = xcalloc(1, sizeof *r);
	r->app = app;
	if (bg_start(&r->bg, worker, r) != 0) {
		log_error("cannot start the inactive sweep");
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
	bg_stop(&r->bg);
	free(r);
	app->sweeper = NULL;
}
