/* import_runner.c - the thread that runs import jobs, one at a time, in
 * the order they came. A job waits in memory with a copy of its file and of
 * its author (the principal as the router resolved it), runs with a
 * connection from the store's pool like any request (its one write
 * transaction takes the store's write lock as a request's would), and
 * publishes its progress here for GET /imports/{id}. Stopping the runner
 * abandons the running job between two rows: its transaction is rolled
 * back and the job is failed, so nothing is ever half-written. */
#include <stdlib.h>
#include <string.h>

#include "core/bgthread.h"
#include "service/import.h"
#include "store/store.h"

struct job_item {
	int64_t id;
	char *data;
	size_t len;
	struct principal *who;	/* NULL: the command line */
	struct arena a;		/* who's strings */
	struct job_item *next;
};

struct import_runner {
	struct app *app;
	struct bgthread bg;
	struct job_item *head, *tail;	/* under bg.mu */
	int64_t cur_id, done, total;	/* under bg.mu */
};

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* A deep copy of p in a: the job outlives the request. */
static struct principal *principal_copy(const struct principal *p, struct arena *a)
{
	struct principal *c = arena_alloc(a, sizeof *c);
	*c = *p;
	c->username = dup_or_null(a, p->username);
	c->csrf = dup_or_null(a, p->csrf);
	c->roles = arena_alloc(a, sizeof *c->roles * (size_t)(p->nroles ? p->nroles : 1));
	for (int i = 0; i < p->nroles; i++) {
		c->roles[i] = p->roles[i];
		c->roles[i].role = dup_or_null(a, p->roles[i].role);
		c->roles[i].path = dup_or_null(a, p->roles[i].path);
		c->roles[i].org_region_path = dup_or_null(a, p->roles[i].org_region_path);
	}
	for (int i = 0; i < SCOPE_SLOTS; i++) {
		c->scope.org_paths[i] = dup_or_null(a, p->scope.org_paths[i]);
		c->scope.region_paths[i] = dup_or_null(a, p->scope.region_paths[i]);
	}
	return c;
}

static void item_free(struct job_item *it)
{
	free(it->data);
	arena_release(&it->a);
	free(it);
}

static void on_progress(int64_t done, int64_t total, void *arg)
{
	struct import_runner *r = arg;
	pthread_mutex_lock(&r->bg.mu);
	r->done = done;
	r->total = total;
	pthread_mutex_unlock(&r->bg.mu);
}

static void run_one(struct import_runner *r, struct job_item *it)
{
	struct arena a = ARENA_INIT;
	struct ctx x;
	struct rec job;
	struct errinfo ei = {0};
	struct import_hooks h = {on_progress, NULL, r, &r->bg.stop};
	svc_ctx_begin(&x, r->app, &a);
	x.who = it->who;
	(void)svc_import_run(&x, it->id, it->data, it->len, &h, &job, &ei);
	svc_ctx_end(&x);
	arena_release(&a);
}

static void *worker(void *arg)
{
	struct import_runner *r = arg;
	pthread_mutex_lock(&r->bg.mu);
	for (;;) {
		while (!r->head && !r->bg.quit)
			bg_wait(&r->bg, 0);
		if (r->bg.quit)
			break;
		struct job_item *it = r->head;
		r->head = it->next;
		if (!r->head)
			r->tail = NULL;
		r->cur_id = it->id;
		r->done = r->total = 0;
		pthread_mutex_unlock(&r->bg.mu);
		run_one(r, it);
		item_free(it);
		pthread_mutex_lock(&r->bg.mu);
		r->cur_id = 0;
	}
	pthread_mutex_unlock(&r->bg.mu);
	return NULL;
}

/* Jobs left queued or running (by a stopped process, or by this one's
 * stop) become failed. */
static void abandon(struct app *app, const char *message)
{
	struct arena a = ARENA_INIT;
	struct ctx x;
	svc_ctx_begin(&x, app, &a);
	if (store_begin(x.c, 1) == ERR_OK) {
		if (store_imports_abandon(x.c, x.now, message) || store_commit(x.c))
			store_rollback(x.c);
	}
	svc_ctx_end(&x);
	arena_release(&a);
}

void import_runner_start(struct app *app)
{
	abandon(app, "the server stopped before the import finished; nothing was written");
	struct import_runner *r = xcalloc(1, sizeof *r);
	r->app = app;
	if (bg_start(&r->bg, worker, r) != 0) {
		free(r);
		return; /* imports answer 503 */
	}
	app->imports = r;
}

void import_runner_stop(struct app *app)
{
	struct import_runner *r = app->imports;
	if (!r)
		return;
	bg_stop(&r->bg);
	while (r->head) {
		struct job_item *it = r->head;
		r->head = it->next;
		item_free(it);
	}
	app->imports = NULL;
	abandon(app, "the server stopped before the import ran; nothing was written");
	free(r);
}

enum err svc_import_submit(struct ctx *x, int64_t id, const char *data, size_t len, struct errinfo *ei)
{
	struct import_runner *r = x->app->imports;
	if (!r)
		return err_set(ei, ERR_UNAVAILABLE, NULL, "imports are not running in this process");
	struct job_item *it = xcalloc(1, sizeof *it);
	it->id = id;
	it->data = xmalloc(len + 1);
	memcpy(it->data, data, len);
	it->data[len] = 0;
	it->len = len;
	it->who = x->who ? principal_copy(x->who, &it->a) : NULL;
	pthread_mutex_lock(&r->bg.mu);
	if (r->tail)
		r->tail->next = it;
	else
		r->head = it;
	r->tail = it;
	pthread_cond_signal(&r->bg.cv);
	pthread_mutex_unlock(&r->bg.mu);
	return ERR_OK;
}

int import_runner_progress(struct app *app, int64_t id, int64_t *done, int64_t *total)
{
	struct import_runner *r = app->imports;
	if (!r)
		return 0;
	pthread_mutex_lock(&r->bg.mu);
	int hit = r->cur_id == id && r->total > 0;
	*done = r->done;
	*total = r->total;
	pthread_mutex_unlock(&r->bg.mu);
	return hit;
}

void import_runner_counts(struct app *app, int *running, int *queued)
{
	struct import_runner *r = app->imports;
	*running = *queued = 0;
	if (!r)
		return;
	pthread_mutex_lock(&r->bg.mu);
	*running = r->cur_id != 0;
	for (const struct job_item *it = r->head; it; it = it->next)
		++*queued;
	pthread_mutex_unlock(&r->bg.mu);
}
