/* store_emergency.h - the particular queries of emergency mobilisation
 * (store/emergency.c): the skills vocabulary, the change log and the rows
 * behind each server process's volunteer index, a candidate's availability,
 * and call-out tallies. Same conventions as store.h: enum err, strings in
 * the arena. */
#ifndef LD_STORE_EMERGENCY_H
#define LD_STORE_EMERGENCY_H

#include "store/store.h"

/* ---- the skills vocabulary (ids never change once committed) ---- */
struct skill_row {
	int64_t id;
	const char *name;
};
enum err store_skills(struct store_conn *c, struct skill_row **rows, int *n, struct arena *a);
/* Add `name` unless it is there. */
enum err store_skill_add(struct store_conn *c, const char *name);

/* ---- the change log of the volunteer index ---- */
/* Append change `seq` (from store_counter_next("geo_seq") in the same
 * transaction) about a person's volunteers (volunteer_id 0: all of them). */
enum err store_geo_change(struct store_conn *c, int64_t seq, int64_t person_id, int64_t volunteer_id, int64_t at);
struct geo_change_row {
	int64_t seq, person_id;
};
/* Changes with seq > after, in seq order, at most `limit`. */
enum err store_geo_changes(struct store_conn *c, int64_t after, int limit, struct geo_change_row **rows, int *n,
			   struct arena *a);
enum err store_geo_max(struct store_conn *c, int64_t *seq);

/* A volunteer as the index sees it. */
struct geo_vol_row {
	int64_t id;
	int registered, located;	/* stage registered; lat and lon set */
	double lat, lon;
	const char *skills;		/* JSON text or NULL */
};
/* Registered, located volunteers with id > after, by id, at most `limit`. */
enum err store_geo_load(struct store_conn *c, int64_t after, int limit, struct geo_vol_row **rows, int *n,
			struct arena *a);
/* Every volunteer record of a person, whatever its stage. */
enum err store_geo_person(struct store_conn *c, int64_t person_id, struct geo_vol_row **rows, int *n,
			  struct arena *a);

/* ---- candidates and call-outs ---- */
struct candidate_row {
	int64_t volunteer_id, person_id;
	int registered, located;
	double lat, lon;
	const char *name, *skills;
	int called_here;	/* the person already has a call-out for this incident */
	int busy_elsewhere;	/* accepted or arrived at another open incident */
	int on_shift;		/* holds an accepted shift happening at `now` */
	/* what the placement rules need besides (domain/eligibility) */
	const char *birth_date, *availability;
	int guardian_consent;
	double max_distance_km;	/* 0 = none */
};
/* The rows of the volunteers ids[0..n) (n <= STORE_CANDIDATES_MAX) that
 * exist, in any order, in one query. */
#define STORE_CANDIDATES_MAX 64
enum err store_candidates(struct store_conn *c, const int64_t *ids, int n, int64_t emergency_id, int64_t now,
			  struct candidate_row *out, int *nout, struct arena *a);
/* Call-outs of an incident by status: status[i] has count[i]. */
enum err store_callout_tally(struct store_conn *c, int64_t emergency_id, const char ***status, int64_t **count,
			     int *n, struct arena *a);
/* The call-out of a volunteer for an incident, or 0. */
enum err store_callout_of(struct store_conn *c, int64_t emergency_id, int64_t volunteer_id, int64_t *id);
/* A person's first call-out's volunteer for an incident, or 0. */
enum err store_callout_volunteer_of_person(struct store_conn *c, int64_t emergency_id, int64_t person_id,
					   int64_t *volunteer_id);
/* Ids of an incident's call-outs in `status`, oldest first, at most limit. */
enum err store_callouts_in(struct store_conn *c, int64_t emergency_id, const char *status, int limit,
			   int64_t **ids, int *n, struct arena *a);
/* Users of a person (at most 5), and the person's first social-worker
 * record (0 when none). */
enum err store_person_users(struct store_conn *c, int64_t person_id, int64_t **ids, int *n, struct arena *a);
enum err store_person_social_worker(struct store_conn *c, int64_t person_id, int64_t *id);

#endif
