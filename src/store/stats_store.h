/* stats_store.h - the statistics of a caller's scope (SPEC 3.16, GET
 * /api/v1/stats/overview): counts of orgs, social workers, volunteers,
 * verified hours, needs, in a few set-wise queries. Same conventions as
 * store.h. */
#ifndef LD_STORE_STATS_STORE_H
#define LD_STORE_STATS_STORE_H

#include "store/store.h"

#define STATS_MONTHS 12

struct stat_count {
	const char *key;	/* a stage or a status */
	int64_t n;
};

struct district_stat {
	int64_t region_id;
	const char *name;
	int64_t social_workers, volunteers_registered;
};

struct stats_overview {
	int64_t stations, rooms, agencies, volunteer_orgs;
	int64_t social_workers, certified_social_workers;	/* distinct people */
	int64_t minutes;					/* verified, all time */
	/* month_start[i] .. month_start[i + 1] (China time), oldest first */
	int64_t month_start[STATS_MONTHS + 1];
	int64_t month_minutes[STATS_MONTHS];
	struct stat_count *stages;	/* distinct people per volunteer stage */
	int nstages;
	struct stat_count *needs;	/* needs per status */
	int nneeds;
	struct district_stat *districts;	/* districts with anyone counted, by id */
	int ndistricts;
};

/* Everything counted over the orgs in scope `sc` (and, when region_id is
 * not 0, whose region lies in that region's subtree); needs by their own
 * read scope and region. out->month_start must be set by the caller. */
enum err store_stats_overview(struct store_conn *c, const struct scope *sc, int64_t region_id,
			      struct stats_overview *out, struct arena *a);

#endif
