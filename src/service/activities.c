/* activities.c - training (courses, sessions, completions) and activities
 * with their hosting orgs, positions and shifts.
 *
 * An activity is written by staff (org admin, supervisor, social worker) of
 * its organiser, the first of its org_ids; its positions and shifts by the
 * same people. Reading is open to every signed-in user: it is the public
 * face of the work. The mode fixes the default roles
 * (domain/service_rules.h). */
#include <string.h>

#include "domain/service_rules.h"
#include "model/codec.h"
#include "service/projects.h"
#include "service/service.h"
#include "store/service_store.h"

/* Staff of org `org_id` (or a platform admin). */
static enum err org_staff(struct ctx *x, int64_t org_id, const char *field, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	const char *opath;
	enum err e = org_paths(x, org_id, field, &opath, NULL, ei);
	if (e)
		return e;
	if (access_org(x->who, ROLES_ORG_STAFF, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, field, "only staff of the organising org may do this");
}

/* Staff of the organiser of activity `id`. */
enum err activity_staff(struct ctx *x, int64_t activity_id, struct errinfo *ei)
{
	struct rec a;
	enum err e = store_get(x->c, &activity_entity, activity_id, NULL, &a, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "activity_id", "no such activity");
	return org_staff(x, rec_int(&a, ACTIVITY_ORG_ID, 0), "activity_id", ei);
}

/* The span of a session, activity or shift: keys of its two times. */
static enum err ends_after_starts(const struct rec *r, int starts_at, int ends_at, struct errinfo *ei)
{
	if (rec_int(r, ends_at, 0) <= rec_int(r, starts_at, 0))
		return err_set(ei, ERR_INVALID, "ends_at", "ends_at must be after starts_at");
	return ERR_OK;
}

/* ---- courses ---- */
static enum err course_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	if (access_platform(x->who))
		return ERR_OK;
	if (!rec_has(nw, COURSE_ORG_ID))
		return err_set(ei, ERR_REQUIRED, "org_id", "a course belongs to an organisation");
	return org_staff(x, rec_int(nw, COURSE_ORG_ID, 0), "org_id", ei);
}

const struct resource res_courses = {
	.e = &course_entity,
	.authorize = course_authorize,
};

/* Staff of the course's org may write what hangs off it: its sessions,
 * their attendance, completions. */
static enum err course_staff(struct ctx *x, int64_t course_id, struct errinfo *ei)
{
	struct rec c;
	enum err e = store_get(x->c, &course_entity, course_id, NULL, &c, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "course_id", "no such course");
	return course_authorize(x, &c, NULL, ei);
}

static enum err session_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return course_staff(x, rec_int(nw, COURSE_SESSION_COURSE_ID, 0), ei);
}

static enum err completion_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return course_staff(x, rec_int(nw, COMPLETION_COURSE_ID, 0), ei);
}

static enum err session_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)x;
	(void)old;
	return ends_after_starts(nw, COURSE_SESSION_STARTS_AT, COURSE_SESSION_ENDS_AT, ei);
}

const struct resource res_course_sessions = {
	.e = &course_session_entity,
	.authorize = session_authorize,
	.prepare = session_prepare,
};

/* Who recorded a completion or an attendance (field `by`). */
static void stamp_recorder(struct ctx *x, struct rec *nw, int by)
{
	if (x->who)
		rec_set_int(nw, by, x->who->user_id);
	else
		rec_set_null(nw, by);
}

static enum err completion_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	(void)ei;
	stamp_recorder(x, nw, COMPLETION_RECORDED_BY_USER_ID);
	rec_set_int(nw, COMPLETION_COMPLETED_AT, x->now);
	return ERR_OK;
}

const struct resource res_completions = {
	.e = &completion_entity,
	.authorize = completion_authorize,
	.prepare = completion_prepare,
	.no_update = 1,
};

static enum err session_attendance_authorize(struct ctx *x, struct rec *nw, const struct rec *old,
					     struct errinfo *ei)
{
	(void)old;
	struct rec s;
	enum err e = store_get(x->c, &course_session_entity, rec_int(nw, SESSION_ATTENDANCE_SESSION_ID, 0), NULL, &s, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "session_id", "no such session");
	return course_staff(x, rec_int(&s, COURSE_SESSION_COURSE_ID, 0), ei);
}

static enum err session_attendance_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	(void)ei;
	stamp_recorder(x, nw, SESSION_ATTENDANCE_RECORDED_BY_USER_ID);
	return ERR_OK;
}

const struct resource res_session_attendance = {
	.e = &session_attendance_entity,
	.authorize = session_attendance_authorize,
	.prepare = session_attendance_prepare,
	.no_update = 1,
};

/* ---- activities ---- */

/* org_ids: a JSON array of 1-10 distinct existing org ids. */
static enum err parse_org_ids(struct ctx *x, const char *json, int64_t **ids, int *n, struct errinfo *ei)
{
	enum err e = codec_ids(json, 10, ids, n, x->a, ei);
	if (e)
		return err_set(ei, e, "org_ids", ei->message);
	if (*n < 1)
		return err_set(ei, ERR_INVALID, "org_ids", "org_ids needs at least the organising org");
	for (int i = 0; i < *n; i++) {
		int exists = 0;
		for (int j = 0; j < i; j++)
			if ((*ids)[j] == (*ids)[i])
				return err_set(ei, ERR_INVALID, "org_ids", "org_ids repeats an org");
		if ((e = store_exists(x->c, E_ORG, (*ids)[i], &exists)))
			return err_set(ei, e, NULL, NULL);
		if (!exists)
			return err_setf(ei, ERR_INVALID, "org_ids", "org %lld does not exist", (long long)(*ids)[i]);
	}
	return ERR_OK;
}

static enum err activity_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (old && (e = org_staff(x, rec_int(old, ACTIVITY_ORG_ID, 0), "org_ids", ei)))
		return e;
	if (rec_text(nw, ACTIVITY_ORG_IDS)) {
		int64_t *ids;
		int n;
		if ((e = parse_org_ids(x, rec_text(nw, ACTIVITY_ORG_IDS), &ids, &n, ei)))
			return e;
		if (old && ids[0] != rec_int(old, ACTIVITY_ORG_ID, 0))
			return err_set(ei, ERR_READ_ONLY, "org_ids", "the organising org (the first) cannot change");
		rec_set_int(nw, ACTIVITY_ORG_ID, ids[0]);
		return org_staff(x, ids[0], "org_ids", ei);
	}
	return ERR_OK;
}

/* Positions given inline with a new activity: each decoded and checked. */
static enum err inline_positions(struct ctx *x, struct rec *act, struct errinfo *ei);

static enum err activity_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (old && rec_text(nw, ACTIVITY_POSITIONS))
		return err_set(ei, ERR_READ_ONLY, "positions", "add or change positions at /api/v1/positions");
	/* a professional activity's lead holds what the rule asks (issue 15),
	 * checked when the lead or the mode changes */
	int64_t lead = rec_int(nw, ACTIVITY_LEAD_SOCIAL_WORKER_ID, 0);
	enum err e;
	if (lead && strcmp(rec_text(nw, ACTIVITY_MODE), "professional") == 0 &&
	    (!old || lead != rec_int(old, ACTIVITY_LEAD_SOCIAL_WORKER_ID, 0) ||
	     strcmp(rec_text(old, ACTIVITY_MODE), "professional") != 0) &&
	    (e = svc_qual_require(x, QW_ACTIVITY_LEAD, lead, "lead_social_worker_id", ei)))
		return e;
	if (!rec_has(nw, ACTIVITY_INSURANCE_REQUIRED))
		rec_set_int(nw, ACTIVITY_INSURANCE_REQUIRED, 0);
	if ((e = ends_after_starts(nw, ACTIVITY_STARTS_AT, ACTIVITY_ENDS_AT, ei)))
		return e;
	/* a project's activity is the project's orgs' and within its period
	 * (issue 16), checked when it joins or moves */
	int64_t project = rec_int(nw, ACTIVITY_PROJECT_ID, 0);
	int64_t from = rec_int(nw, ACTIVITY_STARTS_AT, 0), to = rec_int(nw, ACTIVITY_ENDS_AT, 0);
	if (project && (!old || project != rec_int(old, ACTIVITY_PROJECT_ID, 0) ||
			from != rec_int(old, ACTIVITY_STARTS_AT, 0) || to != rec_int(old, ACTIVITY_ENDS_AT, 0)))
		return project_attach(x, project, rec_int(nw, ACTIVITY_ORG_ID, 0), 0, from, to, "project_id", ei);
	return ERR_OK;
}

static enum err activity_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (rec_text(nw, ACTIVITY_ORG_IDS)) {
		int64_t *ids;
		int n;
		if ((e = parse_org_ids(x, rec_text(nw, ACTIVITY_ORG_IDS), &ids, &n, ei)))
			return e;
		if ((e = store_activity_orgs_set(x->c, nw->id, ids, n)))
			return err_set(ei, e, NULL, NULL);
	}
	if (!old && rec_text(nw, ACTIVITY_POSITIONS))
		return inline_positions(x, nw, ei);
	return ERR_OK;
}

static void activity_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	int64_t *ids;
	int n;
	if (store_activity_orgs(x->c, r->id, &ids, &n, x->a) == ERR_OK)
		rec_set_text(r, ACTIVITY_ORG_IDS, codec_ids_dump(ids, n, x->a));
	const struct mode_roles *m = mode_roles(rec_text(r, ACTIVITY_MODE));
	if (m)
		rec_set_text(r, ACTIVITY_ROLES, arena_printf(x->a, "{\"social_worker\":\"%s\",\"volunteer\":\"%s\"}",
						      m->social_worker, m->volunteer));
	struct rec *rows = arena_alloc(x->a, sizeof *rows * 101);
	struct val f[4] = {{.set = 1, .i = r->id}};
	static const struct scope all = {.all = 1};
	int k = 0;
	if (store_list(x->c, &position_entity, &all, 0, 100, f, rows, &k, x->a) == ERR_OK)
		rec_set_text(r, ACTIVITY_POSITIONS, codec_dump_list(rows, k, x->a));
}

const struct resource res_activities = {
	.e = &activity_entity,
	.authorize = activity_authorize,
	.prepare = activity_prepare,
	.after = activity_after,
	.present = activity_present,
};

/* ---- positions ---- */
static enum err position_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return activity_staff(x, rec_int(nw, POSITION_ACTIVITY_ID, 0), ei);
}

static enum err position_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	if (!rec_has(nw, POSITION_RISKY))
		rec_set_int(nw, POSITION_RISKY, 0);
	if (!rec_has(nw, POSITION_WORKS_WITH_MINORS))
		rec_set_int(nw, POSITION_WORKS_WITH_MINORS, 0);
	const char *json = rec_text(nw, POSITION_REQUIRED_COURSE_IDS);
	if (!json)
		return ERR_OK;
	int64_t *ids;
	int n;
	enum err e = codec_ids(json, 20, &ids, &n, x->a, ei);
	if (e)
		return err_set(ei, e, "required_course_ids", ei->message);
	for (int i = 0; i < n; i++) {
		int exists = 0;
		if ((e = store_exists(x->c, E_COURSE, ids[i], &exists)))
			return err_set(ei, e, NULL, NULL);
		if (!exists)
			return err_setf(ei, ERR_INVALID, "required_course_ids", "course %lld does not exist",
					(long long)ids[i]);
	}
	return ERR_OK;
}

const struct resource res_positions = {
	.e = &position_entity,
	.authorize = position_authorize,
	.prepare = position_prepare,
};

static enum err inline_positions(struct ctx *x, struct rec *act, struct errinfo *ei)
{
	struct rec *list;
	int n;
	enum err e = codec_decode_list(rec_text(act, ACTIVITY_POSITIONS), &position_entity, "activity_id", 50, &list, &n,
				       x->a, ei);
	if (e)
		return err_set(ei, e, "positions", ei->message);
	for (int i = 0; i < n; i++) {
		rec_set_int(&list[i], POSITION_ACTIVITY_ID, act->id);
		rec_set_int(&list[i], POSITION_CREATED_AT, x->now);
		if ((e = position_prepare(x, &list[i], NULL, ei)))
			return err_setf(ei, e, "positions", "positions[%d]: %s", i, ei->message);
		if ((e = store_insert(x->c, &list[i], ei)))
			return e;
	}
	return ERR_OK;
}

/* ---- shifts ---- */
static enum err shift_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec p;
	enum err e = store_get(x->c, &position_entity, rec_int(nw, SHIFT_POSITION_ID, 0), NULL, &p, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "position_id", "no such position");
	rec_set_int(nw, SHIFT_ACTIVITY_ID, rec_int(&p, POSITION_ACTIVITY_ID, 0));
	if (!rec_has(nw, SHIFT_CAPACITY))
		rec_set_int(nw, SHIFT_CAPACITY, rec_int(&p, POSITION_HEADCOUNT, 1));
	return activity_staff(x, rec_int(&p, POSITION_ACTIVITY_ID, 0), ei);
}

static enum err shift_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec a;
	enum err e = ends_after_starts(nw, SHIFT_STARTS_AT, SHIFT_ENDS_AT, ei);
	if (e)
		return e;
	if ((e = store_get(x->c, &activity_entity, rec_int(nw, SHIFT_ACTIVITY_ID, 0), NULL, &a, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (rec_int(nw, SHIFT_STARTS_AT, 0) < rec_int(&a, ACTIVITY_STARTS_AT, 0) ||
	    rec_int(nw, SHIFT_ENDS_AT, 0) > rec_int(&a, ACTIVITY_ENDS_AT, 0))
		return err_set(ei, ERR_INVALID, "starts_at", "a shift must lie within its activity's time");
	return ERR_OK;
}

static void shift_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	int64_t n = 0;
	if (store_signup_count(x->c, r->id, "accepted", &n) == ERR_OK)
		rec_set_int(r, SHIFT_ACCEPTED, n);
	if (store_signup_count(x->c, r->id, "waitlisted", &n) == ERR_OK)
		rec_set_int(r, SHIFT_WAITLISTED, n);
}

const struct resource res_shifts = {
	.e = &shift_entity,
	.authorize = shift_authorize,
	.prepare = shift_prepare,
	.present = shift_present,
};
