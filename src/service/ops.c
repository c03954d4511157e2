/* ops.c - the operator's gauges for GET /metrics, read when scraped: the
 * store's connection pool, the outbox's depth by channel and status (from
 * the notifications table, so every sender process's work shows) and this
 * process's import jobs. */
#include "service/import.h"
#include "service/service.h"
#include "store/store.h"

void svc_ops_gauges(struct ctx *x, struct ops_gauges *g)
{
	*g = (struct ops_gauges){0};
	/* the connections taken, but for the one this scrape holds */
	store_pool_stats(x->app->store, &g->pool_size, &g->pool_in_use, &g->pool_waiting);
	if (g->pool_in_use > 0)
		g->pool_in_use--;	/* not the scrape's own */
	import_runner_counts(x->app, &g->imports_running, &g->imports_queued);
	struct errinfo ei = {0};
	struct outbox_depth *d = NULL;
	int n = 0;
	if (store_begin(x->c, 0))
		return;
	if (store_outbox_depth(x->c, &d, &n, x->a, &ei) == ERR_OK) {
		g->outbox = arena_alloc(x->a, sizeof *g->outbox * (size_t)(n + 1));
		for (int i = 0; i < n; i++)
			g->outbox[i] = (struct ops_outbox){d[i].channel, d[i].status, d[i].n};
		g->noutbox = n;
		g->outbox_ok = 1;
	}
	store_rollback(x->c);
}
