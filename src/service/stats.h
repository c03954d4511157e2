/* stats.h - the statistics of the caller's scope (GET
 * /api/v1/stats/overview). */
#ifndef LD_SERVICE_STATS_H
#define LD_SERVICE_STATS_H

#include "model/rows.h"
#include "service/service.h"

/* The overview for the caller's scope, narrowed to region_id's subtree when
 * it is not 0. For platform admins, regional admins and org staff
 * (org_admin, supervisor, social_worker); anyone else is 403. A region_id
 * that does not exist is 422; one the caller's scope does not reach is 403
 * (a regional admin reaches its region subtree; org staff the region of
 * their org, its ancestors and its descendants: the counts stay those of
 * their org subtree). */
enum err svc_stats_overview(struct ctx *x, int64_t region_id, struct stats_overview *out, struct errinfo *ei);

/* The city data screen (issue 18) of region_id (required: 0 or less is
 * 422 naming region_id, as is one that does not exist): its subtree's
 * counts, people served and service modes, each child region's, and the
 * last STATS_MONTHS months. Platform admins, and regional admins whose
 * region holds region_id; anyone else 403. */
enum err svc_stats_screen(struct ctx *x, int64_t region_id, struct stats_screen *out, struct errinfo *ei);

/* The linkage against its target (issue 15): each social worker with the
 * registered volunteers they lead, each org that employs social workers
 * and each district with its volunteers per social worker, against
 * `target` volunteers a social worker (1..STATS_RATIO_TARGET_MAX, else
 * 422 naming target; SW_VOLUNTEER_TARGET by default). Scope and region as
 * the overview; at most STATS_RATIO_ROWS workers and orgs. */
#define STATS_RATIO_TARGET_MAX 1000
#define STATS_RATIO_ROWS 2000
struct stats_ratios {
	int64_t target;
	struct ratio_row *workers, *orgs;
	int nworkers, norgs;
	struct district_stat *districts;
	int ndistricts;
};
enum err svc_stats_ratios(struct ctx *x, int64_t region_id, int64_t target, struct stats_ratios *out,
			  struct errinfo *ei);
/* Issue 15, same callers and region rules as the overview. A page (after
 * volunteer id after_id, at most limit) of the registered volunteers
 * whose verified hours in `year` (0: this year; China time) are below
 * VOLUNTEER_NORM_HOURS, by volunteer id, with the totals. A year outside
 * STATS_YEAR_MIN..MAX is 422 naming it. */
enum err svc_stats_below_norm(struct ctx *x, int64_t region_id, int year, int64_t after_id, int limit,
			      struct below_norm_page *out, struct errinfo *ei);
/* The quarterly cohorts of first registration, oldest first, from the
 * first in scope (at most RETENTION_COHORTS_MAX quarters back) to this
 * quarter, leaving out quarters with nobody; see domain/workforce.h for the
 * windows. */
enum err svc_stats_retention(struct ctx *x, int64_t region_id, struct retention_cohort **out, int *n,
			     struct errinfo *ei);

#endif
