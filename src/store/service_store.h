/* service_store.h - the store's particular queries for activities, sign-ups,
 * attendance, the hours ledger and idempotent requests (store/service_store.c).
 * Same conventions as store.h: enum err, strings in the arena. */
#ifndef LD_STORE_SERVICE_STORE_H
#define LD_STORE_SERVICE_STORE_H

#include "model/rows.h"
#include "store/store.h"

/* activity_orgs: the hosting orgs of an activity, organiser first */
enum err store_activity_orgs(struct store_conn *c, int64_t activity_id, int64_t **ids, int *n, struct arena *a);
enum err store_activity_orgs_set(struct store_conn *c, int64_t activity_id, const int64_t *ids, int n);

/* sign-ups */
enum err store_signup_count(struct store_conn *c, int64_t shift_id, const char *status, int64_t *n);
/* The oldest waitlisted sign-up of the shift, or 0. */
enum err store_waitlist_head(struct store_conn *c, int64_t shift_id, int64_t *id);
enum err store_course_completed(struct store_conn *c, int64_t person_id, int64_t course_id, int *yes);
/* The attendance row of a sign-up (0 when none). */
enum err store_attendance_of(struct store_conn *c, int64_t signup_id, int64_t *id);

/* hours: verified minutes per volunteer and year (the volunteer_hours rollup) */
/* Recompute one year of a volunteer from its verified records. */
enum err store_year_refresh(struct store_conn *c, int64_t volunteer_id, int year);
enum err store_verified_minutes(struct store_conn *c, int64_t volunteer_id, int64_t *minutes);
enum err store_volunteer_hours_set(struct store_conn *c, int64_t volunteer_id, double hours, int stars);
/* A volunteer's row (entity ve, through the read scope sc, into *vol;
 * ERR_NOT_FOUND without it) and their hours in one statement, both in one
 * round trip where the backend can (store_get_with): the verified minutes
 * in all, by year (years with none left out, ascending) and the start of
 * the latest verified record (0: none). */
enum err store_hours_of(struct store_conn *c, const struct entity *ve, const struct scope *sc, int64_t volunteer_id,
			struct rec *vol, int64_t *minutes, struct year_minutes **years, int *nyears,
			int64_t *last_service_at, struct arena *a);
/* Registered volunteers with no verified record starting at or after
 * `cutoff` and no move into registered since: ids above after_id, at most
 * max, ascending; only_id (0: any) narrows it to one volunteer. */
enum err store_idle_registered(struct store_conn *c, int64_t cutoff, int64_t after_id, int64_t only_id, int max,
			       int64_t **ids, int *n, struct arena *a);
enum err store_minutes_by_year(struct store_conn *c, int64_t volunteer_id, struct year_minutes **rows, int *n,
			       struct arena *a);
/* Volunteers of orgs in the region subtree, by verified minutes in `year`,
 * from the rollup. */
enum err store_recognition(struct store_conn *c, int64_t region_id, int year, int limit, struct ranked **rows,
			   int *n, struct arena *a);
/* A volunteer's row (as store_hours_of reads it) and their accepted shifts
 * ending after `now`, soonest first. */
enum err store_upcoming(struct store_conn *c, const struct entity *ve, const struct scope *sc, int64_t volunteer_id,
			struct rec *vol, int64_t now, int limit, struct upcoming **rows, int *n, struct arena *a);

/* plans: delete the activity's shifts starting after `after` that nobody
 * ever signed up for; list the (position_id, starts_at) pairs of the future
 * shifts that stay; retire a plan's current tasks. */
enum err store_free_shifts_delete(struct store_conn *c, int64_t activity_id, int64_t after);
enum err store_kept_shifts(struct store_conn *c, int64_t activity_id, int64_t after, int64_t **pairs, int *n,
			   struct arena *a);
enum err store_tasks_deactivate(struct store_conn *c, int64_t plan_id);

/* Users holding a staff role bound to exactly this org (at most 50). */
enum err store_org_staff_users(struct store_conn *c, int64_t org_id, int64_t **ids, int *n, struct arena *a);

/* Idempotency-Key records: ERR_NOT_FOUND when the key is new. */
enum err store_idem_get(struct store_conn *c, int64_t user_id, const char *key, const char **route, int *status,
			const char **body, struct arena *a);
enum err store_idem_put(struct store_conn *c, int64_t user_id, const char *key, const char *route, int status,
			const char *body, int64_t now);

/* A named secret shared by every process: created with `fresh` the first
 * time, read back after. */
enum err store_secret(struct store_conn *c, const char *name, const char *fresh, const char **value,
		      struct arena *a);

#endif
