/* project_store.h - the figures of service projects (migration
 * 020_projects.sql, issue 16) read from the rest of the store: each
 * computed indicator, hours by volunteer team, the project's activities
 * and its spend by budget line; and the partner orgs it keeps for the read
 * scope. Same conventions as store.h: enum err, strings in the arena.
 *
 * A project's activities are those with its project_id and those of its
 * plans (a plan's shifts live in the plan's activity). Its service is the
 * verified records of those activities starting within [from, to). */
#ifndef LD_STORE_PROJECT_STORE_H
#define LD_STORE_PROJECT_STORE_H

#include "store/store.h"

/* What the project's data says, each computed source's figure. */
struct project_figures {
	int64_t verified_minutes;	/* service_hours x 60 */
	int64_t volunteers;		/* distinct people with a verified record */
	int64_t activities_held;	/* its own activities ended by `now` */
	int64_t people_served;		/* distinct people: residents of its needs in or past service, clients of
					 * its plans with verified service */
	int64_t new_volunteers;		/* people first registered in [from, to) with its org or a partner */
	int64_t needs_closed;
	int64_t ratings, rating_sum;	/* need ratings and shift feedback on its needs and activities */
	int64_t emergencies;		/* emergencies it answered */
};
enum err store_project_figures(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int64_t now,
			       struct project_figures *out);

/* A manual indicator's latest figure (by as_of, then the latest report);
 * *found 0 when none. */
enum err store_indicator_latest(struct store_conn *c, int64_t indicator_id, double *value, int *found);

/* Verified service by the volunteers' orgs (teams), most minutes first. */
struct project_team {
	int64_t org_id, volunteers, minutes;
	const char *org_name;
};
enum err store_project_teams(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int max,
			     struct project_team **rows, int *n, struct arena *a);

/* The project's own activities by start, with their verified service. */
struct project_activity {
	int64_t id, org_id, starts_at, ends_at, minutes, volunteers;
	const char *title, *mode, *place;
};
enum err store_project_activities(struct store_conn *c, int64_t project_id, int max, struct project_activity **rows,
				  int *n, struct arena *a);

/* Posted expenses by budget line (fen). */
struct project_spend {
	const char *line;
	int64_t fen;
};
enum err store_project_spend(struct store_conn *c, int64_t project_id, struct project_spend **rows, int *n,
			     struct arena *a);

/* Replace the project's partner orgs. */
enum err store_project_orgs_set(struct store_conn *c, int64_t project_id, const int64_t *ids, int n);
/* Is org_id one of the project's orgs (its own, a partner) or under one? */
enum err store_project_org_covers(struct store_conn *c, int64_t project_id, int64_t org_id, int *yes);
/* Is the user an active evaluator of the project (*kind "supervisor" or
 * "third_party", NULL when not)? */
enum err store_project_evaluator(struct store_conn *c, int64_t project_id, int64_t user_id, const char **kind,
				 struct arena *a);

/* How many of the project's own activities lie outside [from, to). */
enum err store_project_outside(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int64_t *n);
/* The journal entry that posted an expense (0 when none). */
enum err store_project_expense_entry(struct store_conn *c, int64_t expense_id, int64_t *entry_id);

#endif
