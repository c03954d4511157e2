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

#include "model/rows_project.h"
#include "store/store.h"

enum err store_project_figures(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int64_t now,
			       struct project_figures *out);

/* A manual indicator's latest figure (by as_of, then the latest report);
 * *found 0 when none. */
enum err store_indicator_latest(struct store_conn *c, int64_t indicator_id, double *value, int *found);

enum err store_project_teams(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int max,
			     struct project_team **rows, int *n, struct arena *a);

enum err store_project_activities(struct store_conn *c, int64_t project_id, int max, struct project_activity **rows,
				  int *n, struct arena *a);

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
