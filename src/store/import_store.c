/* import_store.c - the one statement of import jobs that the generic entity
 * operations do not cover: at start-up, the jobs a stopped process left
 * queued or running are marked failed. Their rows were written in one
 * transaction that never committed, so nothing of them is in the store. */
#include "store/store_int.h"

static struct stmt q_abandon = STMT("UPDATE imports SET status = 'failed', message = ?2, finished_at = ?1"
				    " WHERE status IN ('queued', 'running')");

enum err store_imports_abandon(struct store_conn *c, int64_t now, const char *message)
{
	struct sval p[2] = {P_int(now), P_text(message)};
	return store_run(c, &q_abandon, p, 2, NULL, 0, NULL, NULL);
}
