/* stats_store.h - the statistics of a caller's scope (GET
 * /api/v1/stats/overview): counts of orgs, social workers, volunteers,
 * verified hours, needs, in a few set-wise queries. Same conventions as
 * store.h. */
#ifndef LD_STORE_STATS_STORE_H
#define LD_STORE_STATS_STORE_H

#include "model/rows.h"
#include "store/store.h"

/* Everything counted over the orgs in scope `sc` (and, when region_id is
 * not 0, whose region lies in that region's subtree); needs by their own
 * read scope and region. out->month_start must be set by the caller. */
enum err store_stats_overview(struct store_conn *c, const struct scope *sc, int64_t region_id,
			      struct stats_overview *out, struct arena *a);

#endif
