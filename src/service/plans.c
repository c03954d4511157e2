/* plans.c - personalised plans (个性定制, SPEC 3.7): a social worker writes a
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

#include "core/timefmt.h"
#include "model/codec.h"
#include "service/service.h"

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
	if ((e = org_paths(x, rec_int(client, "org_id", 0), "client_id", &opath, NULL, ei)))
		return e;
	if (access_org(x->who, ROLES_ORG_STAFF, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "client_id", "only staff of the client's org write its plans");
}

static enum err plan_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec client;
	return client_staff(x, rec_int(nw, "client_id", 0), &client, ei);
}

/* The k-th occurrence of a task (k from 0). */
static int64_t occurrence(const struct rec *task, int k)
{
	int64_t first = rec_int(task, "first_at", 0);
	const char *r = rec_text(task, "recurrence");
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
	int64_t start = date_start(rec_text(plan, "starts_on"));
	*end = start + rec_int(plan, "horizon_days", DEFAULT_HORIZON_DAYS) * 86400;
	return start < 0 ? -1 : 0;
}

static enum err plan_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (!rec_has(nw, "horizon_days"))
		rec_set_int(nw, "horizon_days", DEFAULT_HORIZON_DAYS);
	if (!rec_has(nw, "status"))
		rec_set_text(nw, "status", "active");
	if (old && strcmp(rec_text(old, "status"), "closed") == 0)
		return err_set(ei, ERR_CONFLICT, "status", "a closed plan cannot change");
	const char *tasks = rec_text(nw, "tasks");
	if (tasks) {
		struct rec *list;
		int n;
		enum err e = codec_decode_list(tasks, &plan_task_entity, "plan_id", MAX_TASKS, &list, &n, x->a, ei);
		if (e)
			return err_set(ei, e, "tasks", ei->message);
	}
	if (!old)
		rec_set_null(nw, "activity_id");
	return ERR_OK;
}

/* The plan's activity: made with the plan, stretched to its horizon. */
static enum err plan_activity(struct ctx *x, struct rec *plan, int64_t end, struct errinfo *ei)
{
	struct rec client, act;
	enum err e;
	if (rec_has(plan, "activity_id")) {
		if ((e = store_get(x->c, &activity_entity, rec_int(plan, "activity_id", 0), NULL, &act, x->a)))
			return err_set(ei, e, NULL, NULL);
		if (rec_int(&act, "ends_at", 0) < end + 86400) {
			rec_set_int(&act, "ends_at", end + 86400);
			rec_set_int(&act, "updated_at", x->now);
			return store_update(x->c, &act, ei);
		}
		return ERR_OK;
	}
	if ((e = store_get(x->c, &client_entity, rec_int(plan, "client_id", 0), NULL, &client, x->a)))
		return err_set(ei, e, NULL, NULL);
	int64_t org = rec_int(&client, "org_id", 0);
	rec_init(&act, &activity_entity);
	rec_set_text(&act, "title", arena_printf(x->a, "个案服务：%s", rec_text(plan, "title")));
	rec_set_text(&act, "mode", "professional");
	rec_set_int(&act, "org_id", org);
	if (rec_has(plan, "social_worker_id"))
		rec_set_int(&act, "lead_social_worker_id", rec_int(plan, "social_worker_id", 0));
	rec_set_int(&act, "starts_at", date_start(rec_text(plan, "starts_on")));
	rec_set_int(&act, "ends_at", end + 86400);
	rec_set_text(&act, "sign_up", "approval");
	rec_set_int(&act, "insurance_required", 0);
	rec_set_int(&act, "created_at", x->now);
	rec_set_int(&act, "updated_at", x->now);
	if ((e = store_insert(x->c, &act, ei)) || (e = store_activity_orgs_set(x->c, act.id, &org, 1)))
		return e;
	rec_set_int(plan, "activity_id", act.id);
	return store_update(x->c, plan, ei);
}

/* New tasks replace the active ones, each with its own position. */
static enum err replace_tasks(struct ctx *x, struct rec *plan, struct errinfo *ei)
{
	struct rec *list;
	int n;
	enum err e = codec_decode_list(rec_text(plan, "tasks"), &plan_task_entity, "plan_id", MAX_TASKS, &list, &n, x->a,
				       ei);
	if (e || (e = store_tasks_deactivate(x->c, plan->id)))
		return e ? err_set(ei, e, "tasks", ei->message) : e;
	for (int i = 0; i < n; i++) {
		struct rec *t = &list[i], pos;
		rec_init(&pos, &position_entity);
		rec_set_int(&pos, "activity_id", rec_int(plan, "activity_id", 0));
		rec_set_text(&pos, "title", rec_text(t, "title"));
		rec_set_int(&pos, "headcount", rec_int(t, "headcount", 1));
		if (rec_text(t, "required_skills"))
			rec_set_text(&pos, "required_skills", rec_text(t, "required_skills"));
		rec_set_int(&pos, "risky", 0);
		rec_set_int(&pos, "works_with_minors", 0);
		rec_set_int(&pos, "created_at", x->now);
		if ((e = store_insert(x->c, &pos, ei)))
			return e;
		rec_set_int(t, "plan_id", plan->id);
		if (!rec_has(t, "headcount"))
			rec_set_int(t, "headcount", 1);
		rec_set_int(t, "position_id", pos.id);
		rec_set_int(t, "active", 1);
		rec_set_int(t, "created_at", x->now);
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
	int64_t act = rec_int(plan, "activity_id", 0), *pairs;
	int npairs;
	enum err e = store_free_shifts_delete(x->c, act, x->now);
	if (!e)
		e = store_kept_shifts(x->c, act, x->now, &pairs, &npairs, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (strcmp(rec_text(plan, "status"), "closed") == 0)
		return ERR_OK;
	struct rec *tasks = arena_alloc(x->a, sizeof *tasks * (MAX_TASKS + 1));
	struct val f[4] = {{.set = 1, .i = plan->id}, {.set = 1, .i = 1}};
	static const struct scope all = {.all = 1};
	int n = 0;
	if ((e = store_list(x->c, &plan_task_entity, &all, 0, MAX_TASKS + 1, f, tasks, &n, x->a)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++) {
		int64_t pos = rec_int(&tasks[i], "position_id", 0), dur = rec_int(&tasks[i], "duration_minutes", 60) * 60;
		for (int k = 0; k < MAX_OCCURRENCES; k++) {
			int64_t at = occurrence(&tasks[i], k);
			if (at >= end)
				break;
			if (at <= x->now || kept(pairs, npairs, pos, at))
				continue;
			struct rec s;
			rec_init(&s, &shift_entity);
			rec_set_int(&s, "activity_id", act);
			rec_set_int(&s, "position_id", pos);
			rec_set_int(&s, "starts_at", at);
			rec_set_int(&s, "ends_at", at + dur);
			rec_set_int(&s, "capacity", rec_int(&tasks[i], "headcount", 1));
			rec_set_int(&s, "created_at", x->now);
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
	if (rec_text(nw, "tasks") && (e = replace_tasks(x, nw, ei)))
		return e;
	int changed = !old || rec_text(nw, "tasks") || rec_int(nw, "horizon_days", 0) != rec_int(old, "horizon_days", 0) ||
		      strcmp(rec_text(nw, "status"), rec_text(old, "status")) != 0;
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
		rec_set_text(r, "tasks", codec_dump_list(tasks, n, x->a));
}

const struct resource res_plans = {
	.e = &plan_entity,
	.authorize = plan_authorize,
	.prepare = plan_prepare,
	.after = plan_after,
	.present = plan_present,
};
