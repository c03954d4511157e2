/* match_store.h - the store's bulk reads for matching (供需对接): the pool
 * of registered volunteers a caller may place, with everything the
 * eligibility rules and the score need, in a few set-wise queries rather
 * than one query per volunteer. Same conventions as store.h. */
#ifndef LD_STORE_MATCH_STORE_H
#define LD_STORE_MATCH_STORE_H

#include "model/rows.h"
#include "store/store.h"

/* struct vol_facts (a volunteer as the rules see it): model/rows.h. */

/* Registered volunteers of orgs in scope `sc`, by id, at most `max`. */
enum err store_match_pool(struct store_conn *c, const struct scope *sc, int max, struct vol_facts **out, int *n,
			  struct arena *a);
/* One volunteer, whatever the stage (ERR_NOT_FOUND if none). */
enum err store_match_volunteer(struct store_conn *c, int64_t volunteer_id, struct vol_facts *out, struct arena *a);

/* (volunteer, shift) pairs: the volunteer holds the shift (pending,
 * accepted or waitlisted sign-up, or an open invitation) and the shift
 * touches [from, to). volunteer_id 0 = every volunteer. Ordered by
 * volunteer. */
struct held_shift {
	int64_t volunteer_id, shift_id, starts_at, ends_at;
};
enum err store_held_shifts(struct store_conn *c, int64_t volunteer_id, int64_t from, int64_t to,
			   struct held_shift **out, int *n, struct arena *a);

/* People who completed course `course_id`, ascending. */
enum err store_course_people(struct store_conn *c, int64_t course_id, int64_t **ids, int *n, struct arena *a);

/* Minutes of service recorded (not voided) since `since`, per volunteer,
 * ascending by volunteer. */
struct vol_minutes {
	int64_t volunteer_id, minutes;
};
enum err store_recent_minutes(struct store_conn *c, int64_t since, struct vol_minutes **out, int *n,
			      struct arena *a);

/* Volunteers who served activity `activity_id` before (a record not
 * voided), and those who served the client of the plan behind it (records
 * on any plan of the same client, or the client's paired volunteer);
 * both ascending. */
enum err store_served(struct store_conn *c, int64_t activity_id, int64_t **activity_ids, int *nact,
		      int64_t **client_ids, int *ncli, struct arena *a);

/* Open places of a shift: capacity minus accepted and pending sign-ups and
 * open invitations. */
enum err store_shift_open(struct store_conn *c, int64_t shift_id, int64_t *open);

/* Shift ids, soonest first, at most `max`: of one activity, ending after
 * `now`; or of activities of orgs in the region subtree, starting in
 * [from, to). */
enum err store_activity_shifts(struct store_conn *c, int64_t activity_id, int64_t now, int max, int64_t **ids,
			       int *n, struct arena *a);
enum err store_region_shifts(struct store_conn *c, int64_t region_id, int64_t from, int64_t to, int max,
			     int64_t **ids, int *n, struct arena *a);

/* Users whose person is the volunteer's (for invitations and call-outs). */
enum err store_volunteer_users(struct store_conn *c, int64_t volunteer_id, int64_t **ids, int *n, struct arena *a);

#endif
