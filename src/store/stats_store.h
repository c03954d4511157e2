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

/* The city data screen (issue 18), in the same scope: out->area.region_id
 * and out->area.s.month_start set by the caller; fills the area and each
 * child region with the overview's counts and the people served (all
 * time), the people served and the volunteers first registered in each
 * month, and the verified service by activity mode. ERR_NOT_FOUND for a
 * region that does not exist. */
enum err store_stats_screen(struct store_conn *c, const struct scope *sc, struct stats_screen *out, struct arena *a);

/* For the ratios (issue 15), in the same scope and region filter as the
 * overview: each social worker with the registered volunteers they lead,
 * each org that employs social workers with its subtree's social workers
 * and registered volunteers, each district as in the overview; at most
 * `limit` workers and orgs, by id. */
enum err store_stats_ratios(struct store_conn *c, const struct scope *sc, int64_t region_id, int limit,
			    struct ratio_row **workers, int *nworkers, struct ratio_row **orgs, int *norgs,
			    struct district_stat **districts, int *ndistricts, struct arena *a);
/* Issue 15. A page (after_id, at most `limit`) of the registered
 * volunteers in scope and region whose verified minutes of `year` are below
 * norm_minutes, by id, with the totals of the whole scope. */
enum err store_below_norm(struct store_conn *c, const struct scope *sc, int64_t region_id, int year,
			  int64_t norm_minutes, int64_t after_id, int limit, struct below_norm_page *out,
			  struct arena *a);
/* The earliest move into registered of a volunteer in scope (0: none). */
enum err store_first_registration(struct store_conn *c, const struct scope *sc, int64_t region_id, int64_t *at);
/* The cohort of the volunteers in scope whose first move into registered
 * is in [out->quarter, to): how many, how many are inactive or withdrawn
 * now, and how many have a verified record starting in each window
 * [windows[2i], windows[2i + 1]) (an empty window counts 0). */
enum err store_retention_cohort(struct store_conn *c, const struct scope *sc, int64_t region_id, int64_t to,
				const int64_t windows[2 * STATS_RETENTION_WINDOWS], struct retention_cohort *out,
				struct arena *a);

/* When paused: the rollups of migration 026 (minutes per org and month,
 * volunteers per org and stage, retention's cohorts) built whole from the
 * rows, and the triggers that keep them resumed. store_migrate calls it at
 * every start, store_bulk_end before it commits. */
enum err store_rollups_rebuild(struct store_conn *c);
/* Pause the triggers for the rest of this transaction: a bulk load then
 * calls store_rollups_rebuild before it commits. */
enum err store_rollups_pause(struct store_conn *c);
/* *paused 1 when the rollups are paused (a read, outside any transaction:
 * store_migrate starts a write only when there is a rebuild to do). */
enum err store_rollups_paused(struct store_conn *c, int *paused);
/* Each rollup compared with what its rows give now, one statement (one
 * snapshot) a rollup, in the order they are built: each(table, rows the
 * table lacks, rows it has that the rows do not give, its rows, arg).
 * *bad: how many rollups differ. A rollup differs only after a change that
 * bypassed the triggers (a hand-made edit, a restore of a partial copy);
 * `liandong check-rollups --repair` builds them again. */
typedef void rollup_check_fn(const char *table, int64_t missing, int64_t extra, int64_t rows, void *arg);
enum err store_rollups_check(struct store_conn *c, rollup_check_fn *each, void *arg, int *bad);

#endif
