/* ops_store.c - what the operator's /metrics reads from the database at
 * scrape time: the outbox's depth by channel and status. One GROUP BY over
 * notifications (the notifications_queue index on status covers the
 * queued rows; the table is read once per scrape, not per request). */
#include "store/store_int.h"

/* channel and status are short words; at most a few dozen pairs */
#define OUTBOX_PAIRS_MAX 256

static struct stmt q_outbox_depth =
	STMT("SELECT channel, status, COUNT(*) FROM notifications GROUP BY channel, status ORDER BY channel, status");

enum err store_outbox_depth(struct store_conn *c, struct outbox_depth **out, int *n, struct arena *a,
			    struct errinfo *ei)
{
	struct srows rows = {0};
	enum err e = store_run(c, &q_outbox_depth, NULL, 0, &rows, OUTBOX_PAIRS_MAX, a, ei);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		(*out)[i] = (struct outbox_depth){sv_text(&rows.v[i * 3], a), sv_text(&rows.v[i * 3 + 1], a),
						  sv_int(&rows.v[i * 3 + 2])};
	*n = rows.nrows;
	return ERR_OK;
}
