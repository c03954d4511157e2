/* projects.h - service projects (项目化运作, issue 16; service/projects.c):
 * contracts with a funder, a period, a budget by line and indicators; the
 * activities, needs, plans and emergencies that belong to them; their
 * progress, evaluations (督导验收), expenses from the fund and report. */
#ifndef LD_SERVICE_PROJECTS_H
#define LD_SERVICE_PROJECTS_H

#include "model/rows_project.h"
#include "service/service.h"

extern const struct resource res_projects, res_indicators, res_indicator_reports, res_project_evaluators,
	res_evaluations, res_project_expenses;

/* May a thing of org `org_id` (0: not checked) in region `region_id` (0:
 * not checked) spanning [from, to) (0, 0: not checked) belong to project
 * `project_id`? 422 naming `field` when the project does not exist, is
 * over (accepted or failed), or the thing lies outside its orgs (its own
 * and its partners', with their subtrees), its region or its period. */
enum err project_attach(struct ctx *x, int64_t project_id, int64_t org_id, int64_t region_id, int64_t from,
			int64_t to, const char *field, struct errinfo *ei);

/* project_attach for a need, plan or emergency (nw, old as in a prepare
 * hook) whose project (field `key`) is given or changed. */
enum err project_join(struct ctx *x, const struct rec *nw, const struct rec *old, int key, int64_t org_id,
		      int64_t region_id, struct errinfo *ei);

/* An indicator's progress. */
struct indicator_progress {
	int64_t id;
	const char *name, *unit, *source;
	double target, actual, expected_by_now;
	int behind, measured;	/* measured: satisfaction with a rating, manual with a report; counts always */
};
struct budget_progress {
	const char *line;
	int64_t amount_fen, spent_fen;
};
struct project_progress {
	int64_t project_id;
	const char *as_of;		/* today, China time */
	double elapsed_share;
	struct indicator_progress *indicators;
	int nindicators;
	struct budget_progress *budget;	/* the budget's lines, then lines spent on outside it */
	int nbudget;
	int64_t budget_total_fen, spent_fen;
	struct project_figures fig;
};
/* GET /projects/{id}/progress: for whoever reads the project (404/403). */
enum err svc_project_progress(struct ctx *x, int64_t id, struct project_progress *out, struct errinfo *ei);
/* The project's activities and its verified service by volunteer team. */
enum err svc_project_activities(struct ctx *x, int64_t id, struct project_activity **rows, int *n,
				struct errinfo *ei);
enum err svc_project_teams(struct ctx *x, int64_t id, struct project_team **rows, int *n, struct errinfo *ei);
/* Void a posted expense with a reason: a reversing journal entry. */
enum err svc_project_expense_void(struct ctx *x, int64_t id, const char *reason, struct rec *out,
				  struct errinfo *ei);

#endif
