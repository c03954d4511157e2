/* plans.c - personalised plans (个性定制): a social worker writes a
 * plan for a client whose recurring tasks (once, weekly, monthly, quarterly)
 * generate the visits as shifts over a horizon.
 *
 * A plan owns one activity (professional mode, by approval, hosted by the
 * client's org) with a position per task. Generating walks each active task's
 * occurrences from now to the horizon's end. Changing the tasks, the horizon
 * or the status regenerates: future shifts nobody ever signed up for are
 * removed and generated again from the tasks; past shifts, and future ones
 * with sign-ups, are never touched. */
#include <string.h>

#include "domain/timefmt.h"
#include "model/codec.h"
#include "service/projects.h"
#include "service/service.h"
#include "store/service_store.h"

#define DEFAULT_HORIZON_DAYS 90
#define MAX_TASKS 20
#define MAX_OCCURRENCES 400

static enum err client_staff(struct ctx *x, int64_t client_id, struct rec *client, struct errinfo *ei)
{
	enum err e = store_get(x->c, &client_entity, client_id, NULL, client, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "client_id", "no such client");
	if (access_platform(x->who))
		return ERR_OK;
	const char *opath;
	if ((e = org_paths(x, rec_int(client, CLIENT_ORG_ID, 0), "client_id", &opath, NULL, ei)))
		return e;
	if (access_org(x->who, ROLES_ORG_STAFF, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "client_id", "only staff of the client's org write its plans");
}

static enum err plan_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec client;
	return client_staff(x, rec_int(nw, PLAN_CLIENT_ID, 0), &client, ei);
}

/* The k-th occurrence of a task (k from 0). */
static int64_t occurrence(const struct rec *task, int k)
{
	int64_t first = rec_int(task, PLAN_TASK_FIRST_AT, 0);
	const char *r = rec_text(task, PLAN_TASK_RECURRENCE);
	if (strcmp(r, "weekly") == 0)
		return first + (int64_t)k * 7 * 86400;
	if (strcmp(r, "monthly") == 0)
		return time_add_months(first, k);
	if (strcmp(r, "quarterly") == 0)
		return time_add_months(first, 3 * k);
	return k == 0 ? first : INT64_MAX; /* once */
}

static int horizon_end(const struct rec *plan, int64_t *end)
{
	int64_t start = date_start(rec_text(plan, PLAN_STARTS_ON));
	*end = start + rec_int(plan, PLAN_HORIZON_DAYS, DEFAULT_HORIZON_DAYS) * 86400;
	return start < 0 ? -1 : 0;
}

static enum err plan_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (!rec_has(nw, PLAN_HORIZON_DAYS))
		rec_set_int(nw, PLAN_HORIZON_DAYS, DEFAULT_HORIZON_DAYS);
	if (!rec_has(nw, PLAN_STATUS))
		rec_set_text(nw, PLAN_STATUS, "active");
	if (old && strcmp(rec_text(old, PLAN_STATUS), "closed") == 0)
		return err_set(ei, ERR_CONFLICT, "status", "a closed plan cannot change");
	const char *tasks = rec_text(nw, PLAN_TASKS);
	if (tasks) {
		struct rec *list;
		int n;
		enum err e = codec_decode_list(tasks, &plan_task_entity, "plan_id", MAX_TASKS, &list, &n, x->a, ei);
		if (e)
			return err_set(ei, e, "tasks", ei->message);
	}
	if (!old)
		rec_set_null(nw, PLAN_ACTIVITY_ID);
	/* a project's plan is for a client of its orgs (issue 16) */
	struct rec client;
	if (rec_int(nw, PLAN_PROJECT_ID, 0)) {
		enum err e = store_get(x->c, &client_entity, rec_int(nw, PLAN_CLIENT_ID, 0), NULL, &client, x->a);
		if (e)
			return err_set(ei, e, "client_id", NULL);
		return project_join(x, nw, old, PLAN_PROJECT_ID, rec_int(&client, CLIENT_ORG_ID, 0), 0, ei);
	}
	return ERR_OK;
}

/* The plan's activity: made with the plan, stretched to its horizon. */
static enum err plan_activity(struct ctx *x, struct rec *plan, int64_t end, struct errinfo *ei)
{
	struct rec client, act;
	enum err e;
	if (rec_has(plan, PLAN_ACTIVITY_ID)) {
		if ((e = store_get(x->c, &activity_entity, rec_int(plan, PLAN_ACTIVITY_ID, 0), NULL, &act, x->a)))
			return err_set(ei, e, NULL, NULL);
		if (rec_int(&act, ACTIVITY_ENDS_AT, 0) < end + 86400) {
			rec_set_int(&act, ACTIVITY_ENDS_AT, end + 86400);
			rec_set_int(&act, ACTIVITY_UPDATED_AT, x->now);
			return store_update(x->c, &act, ei);
		}
		return ERR_OK;
	}
	if ((e = store_get(x->c, &client_entity, rec_int(plan, PLAN_CLIENT_ID, 0), NULL, &client, x->a)))
		return err_set(ei, e, NULL, NULL);
	int64_t org = rec_int(&client, CLIENT_ORG_ID, 0);
	rec_init(&act, &activity_entity);
	rec_set_text(&act, ACTIVITY_TITLE, arena_printf(x->a, "个案服务：%s", rec_text(plan, PLAN_TITLE)));
	rec_set_text(&act, ACTIVITY_MODE, "professional");
	rec_set_int(&act, ACTIVITY_ORG_ID, org);
	if (rec_has(plan, PLAN_SOCIAL_WORKER_ID))
		rec_set_int(&act, ACTIVITY_LEAD_SOCIAL_WORKER_ID, rec_int(plan, PLAN_SOCIAL_WORKER_ID, 0));
	rec_set_int(&act, ACTIVITY_STARTS_AT, date_start(rec_text(plan, PLAN_STARTS_ON)));
	rec_set_int(&act, ACTIVITY_ENDS_AT, end + 86400);
	rec_set_text(&act, ACTIVITY_SIGN_UP, "approval");
	rec_set_int(&act, ACTIVITY_INSURANCE_REQUIRED, 0);
	rec_set_int(&act, ACTIVITY_CREATED_AT, x->now);
	rec_set_int(&act, ACTIVITY_UPDATED_AT, x->now);
	if ((e = store_insert(x->c, &act, ei)) || (e = store_activity_orgs_set(x->c, act.id, &org, 1)))
		return e;
	rec_set_int(plan, PLAN_ACTIVITY_ID, act.id);
	return store_update(x->c, plan, ei);
}

/* New tasks replace the active ones, each with its own position. */
static enum err replace_tasks(struct ctx *x, struct rec *plan, struct errinfo *ei)
{
	struct rec *list;
	int n;
	enum err e = codec_decode_list(rec_text(plan, PLAN_TASKS), &plan_task_entity, "plan_id", MAX_TASKS, &list, &n, x->a,
				       ei);
	if (e || (e = store_tasks_deactivate(x->c, plan->id)))
		return e ? err_set(ei, e, "tasks", ei->message) : e;
	for (int i = 0; i < n; i++) {
		struct rec *t = &list[i], pos;
		rec_init(&pos, &position_entity);
		rec_set_int(&pos, POSITION_ACTIVITY_ID, rec_int(plan, PLAN_ACTIVITY_ID, 0));
		rec_set_text(&pos, POSITION_TITLE, rec_text(t, PLAN_TASK_TITLE));
		rec_set_int(&pos, POSITION_HEADCOUNT, rec_int(t, PLAN_TASK_HEADCOUNT, 1));
		if (rec_text(t, PLAN_TASK_REQUIRED_SKILLS))
			rec_set_text(&pos, POSITION_REQUIRED_SKILLS, rec_text(t, PLAN_TASK_REQUIRED_SKILLS));
		rec_set_int(&pos, POSITION_RISKY, 0);
		rec_set_int(&pos, POSITION_WORKS_WITH_MINORS, 0);
		rec_set_int(&pos, POSITION_CREATED_AT, x->now);
		if ((e = store_insert(x->c, &pos, ei)))
			return e;
		rec_set_int(t, PLAN_TASK_PLAN_ID, plan->id);
		if (!rec_has(t, PLAN_TASK_HEADCOUNT))
			rec_set_int(t, PLAN_TASK_HEADCOUNT, 1);
		rec_set_int(t, PLAN_TASK_POSITION_ID, pos.id);
		rec_set_int(t, PLAN_TASK_ACTIVE, 1);
		rec_set_int(t, PLAN_TASK_CREATED_AT, x->now);
		if ((e = store_insert(x->c, t, ei)))
			return e;
	}
	return ERR_OK;
}

static int kept(const int64_t *pairs, int n, int64_t position, int64_t start)
{
	for (int i = 0; i < n; i++)
		if (pairs[2 * i] == position && pairs[2 * i + 1] == start)
			return 1;
	return 0;
}

/* Future shifts from the active tasks; past and signed-up ones stay. */
static enum err generate(struct ctx *x, const struct rec *plan, int64_t end, struct errinfo *ei)
{
	int64_t act = rec_int(plan, PLAN_ACTIVITY_ID, 0), *pairs;
	int npairs;
	enum err e = store_free_shifts_delete(x->c, act, x->now);
	if (!e)
		e = store_kept_shifts(x->c, act, x->now, &pairs, &npairs, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (strcmp(rec_text(plan, PLAN_STATUS), "closed") == 0)
		return ERR_OK;
	struct rec *tasks = arena_alloc(x->a, sizeof *tasks * (MAX_TASKS + 1));
	struct val f[4] = {{.set = 1, .i = plan->id}, {.set = 1, .i = 1}};
	static const struct scope all = {.all = 1};
	int n = 0;
	if ((e = store_list(x->c, &plan_task_entity, &all, 0, MAX_TASKS + 1, f, tasks, &n, x->a)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++) {
		int64_t pos = rec_int(&tasks[i], PLAN_TASK_POSITION_ID, 0), dur = rec_int(&tasks[i], PLAN_TASK_DURATION_MINUTES, 60) * 60;
		for (int k = 0; k < MAX_OCCURRENCES; k++) {
			int64_t at = occurrence(&tasks[i], k);
			if (at >= end)
				break;
			if (at <= x->now || kept(pairs, npairs, pos, at))
				continue;
			struct rec s;
			rec_init(&s, &shift_entity);
			rec_set_int(&s, SHIFT_ACTIVITY_ID, act);
			rec_set_int(&s, SHIFT_POSITION_ID, pos);
			rec_set_int(&s, SHIFT_STARTS_AT, at);
			rec_set_int(&s, SHIFT_ENDS_AT, at + dur);
			rec_set_int(&s, SHIFT_CAPACITY, rec_int(&tasks[i], PLAN_TASK_HEADCOUNT, 1));
			rec_set_int(&s, SHIFT_CREATED_AT, x->now);
			if ((e = store_insert(x->c, &s, ei)))
				return e;
		}
	}
	return ERR_OK;
}

static enum err plan_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	int64_t end;
	enum err e;
	if (horizon_end(nw, &end))
		return err_set(ei, ERR_INVALID, "starts_on", "starts_on must be a date");
	if ((e = plan_activity(x, nw, end, ei)))
		return e;
	if (rec_text(nw, PLAN_TASKS) && (e = replace_tasks(x, nw, ei)))
		return e;
	int changed = !old || rec_text(nw, PLAN_TASKS) || rec_int(nw, PLAN_HORIZON_DAYS, 0) != rec_int(old, PLAN_HORIZON_DAYS, 0) ||
		      strcmp(rec_text(nw, PLAN_STATUS), rec_text(old, PLAN_STATUS)) != 0;
	return changed ? generate(x, nw, end, ei) : ERR_OK;
}

static void plan_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	struct rec *tasks = arena_alloc(x->a, sizeof *tasks * (MAX_TASKS + 1));
	struct val f[4] = {{.set = 1, .i = r->id}, {.set = 1, .i = 1}};
	static const struct scope all = {.all = 1};
	int n = 0;
	if (store_list(x->c, &plan_task_entity, &all, 0, MAX_TASKS + 1, f, tasks, &n, x->a) == ERR_OK)
		rec_set_text(r, PLAN_TASKS, codec_dump_list(tasks, n, x->a));
}

const struct resource res_plans = {
	.e = &plan_entity,
	.authorize = plan_authorize,
	.prepare = plan_prepare,
	.after = plan_after,
	.present = plan_present,
};
