/* needs.c - needs (信息联享, 供需对接): raised by residents for
 * themselves or recorded by org staff for a community, a council or an org;
 * triaged by a social worker and moved along domain/needflow.h, each move
 * timed and attributed in need_events and audited; response times per move
 * computed from that history.
 *
 * Who may do what:
 * - any signed-in user with a person raises a need for themself (raised_by
 *   resident) and edits it while it is new;
 * - org staff raise needs in their scope and edit and move the needs they
 *   see through their orgs (the need entity's org scope: the raising org,
 *   the assigned social worker's org, or an org whose region holds the
 *   need's region);
 * - regional admins read the needs of their region subtree and its
 *   response times; platform admins do everything. */
#include <string.h>

#include "domain/needflow.h"
#include "service/care.h"
#include "service/projects.h"
#include "store/store_care.h"

static int staff(const struct principal *p)
{
	return p && (p->role_mask & ROLES_ORG_STAFF);
}

static int is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The caller raises this need for themself, as a resident. */
static int resident_self(const struct ctx *x, const struct rec *r)
{
	return x->who && x->who->person_id && is(rec_text(r, NEED_RAISED_BY), "resident") &&
	       rec_int(r, NEED_RAISED_BY_PERSON_ID, 0) == x->who->person_id && !rec_has(r, NEED_RAISED_BY_ORG_ID);
}

/* Defaults of a new need: who raised it, its urgency and first status. */
static enum err need_defaults(struct ctx *x, struct rec *nw, struct errinfo *ei)
{
	/* Unsaid: an org's if an org is named; a resident's if a person is, or
	 * if the caller is no staff (a resident raising it); else staff record
	 * what the community needs. */
	if (!rec_has(nw, NEED_RAISED_BY))
		rec_set_text(nw, NEED_RAISED_BY, rec_has(nw, NEED_RAISED_BY_ORG_ID)	 ? "org"
					      : rec_has(nw, NEED_RAISED_BY_PERSON_ID) ? "resident"
					      : staff(x->who) || access_platform(x->who) ? "community"
									   : "resident");
	const char *by = rec_text(nw, NEED_RAISED_BY);
	if (is(by, "resident") && !rec_has(nw, NEED_RAISED_BY_PERSON_ID)) {
		if (!x->who || !x->who->person_id)
			return err_set(ei, ERR_REQUIRED, "raised_by_person_id",
				       "a need raised by a resident names the resident");
		rec_set_int(nw, NEED_RAISED_BY_PERSON_ID, x->who->person_id);
	}
	if (is(by, "org") && !rec_has(nw, NEED_RAISED_BY_ORG_ID))
		return err_set(ei, ERR_REQUIRED, "raised_by_org_id", "a need raised by an org names the org");
	if (!rec_has(nw, NEED_URGENCY))
		rec_set_text(nw, NEED_URGENCY, "medium");
	rec_set_text(nw, NEED_STATUS, need_status_name(NS_NEW));
	return ERR_OK;
}

static enum err need_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (!old && (e = need_defaults(x, nw, ei)))
		return e;
	if (access_platform(x->who))
		return ERR_OK;
	if (!old) {
		/* Only staff of an org raise needs in its name. */
		if (rec_has(nw, NEED_RAISED_BY_ORG_ID) && staff(x->who)) {
			const char *path;
			if ((e = org_paths(x, rec_int(nw, NEED_RAISED_BY_ORG_ID, 0), "raised_by_org_id", &path, NULL, ei)))
				return e;
			if (!access_org(x->who, ROLES_ORG_STAFF, path))
				return err_set(ei, ERR_FORBIDDEN, "raised_by_org_id",
					       "only the org's staff may raise a need in its name");
		}
		/* Staff are checked against the stored row in need_after. */
		if (resident_self(x, nw) || staff(x->who))
			return ERR_OK;
		if (!x->who->person_id)
			return err_set(ei, ERR_FORBIDDEN, "raised_by_person_id",
				       "only an account linked to a person may raise a need");
		const char *field = !is(rec_text(nw, NEED_RAISED_BY), "resident") ? "raised_by"
				    : rec_has(nw, NEED_RAISED_BY_ORG_ID)		    ? "raised_by_org_id"
										    : "raised_by_person_id";
		return err_set(ei, ERR_FORBIDDEN, field, "a resident may raise a need only for themself");
	}
	if (old->vis_org)
		return ERR_OK;
	if (old->vis_self && is(rec_text(old, NEED_STATUS), need_status_name(NS_NEW)))
		return ERR_OK;
	if (old->vis_self)
		return err_set(ei, ERR_FORBIDDEN, NULL, "a need may be edited by its resident only while it is new");
	return err_set(ei, ERR_FORBIDDEN, NULL, "the need is outside the caller's organisations");
}

/* A need's category is an item of the service menu that serves its
 * region (the region's own items and its ancestors', active), or `other`
 * with a note saying what it is (issue 15). Checked when the category or
 * the region is set or changed; a menu item withdrawn later leaves the
 * needs already raised under it as they are. */
static enum err check_menu(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	const char *cat = rec_text(nw, NEED_CATEGORY);
	if (is(cat, "other")) {
		const char *note = rec_text(nw, NEED_CATEGORY_NOTE);
		while (note && *note == ' ')
			note++;
		if (!note || !*note)
			return err_set(ei, ERR_REQUIRED, "category_note", "a need of category other says what it is");
		return ERR_OK;
	}
	if (old && is(cat, rec_text(old, NEED_CATEGORY)) &&
	    rec_int(nw, NEED_REGION_ID, 0) == rec_int(old, NEED_REGION_ID, 0))
		return ERR_OK;
	static const struct scope all = {.all = 1};
	/* every filter of the menu entity: region_id, covering_region_id,
	 * category, active */
	struct val f[ENTITY_MAX_FILTERS] = {{0}, {.set = 1, .i = rec_int(nw, NEED_REGION_ID, 0)}, {.set = 1, .s = cat},
					    {.set = 1, .s = "true"}};
	struct rec item;
	int n = 0;
	enum err e = store_list(x->c, &service_menu_entity, &all, 0, 1, f, &item, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (!n)
		return err_setf(ei, ERR_RULE, "category",
				"%s is not on the service menu of the need's community: choose one of its items, or "
				"other with a category_note",
				cat);
	return ERR_OK;
}

static enum err need_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum need_status st;
	if (old && need_status_parse(rec_text(old, NEED_STATUS), &st) == 0 && need_status_final(st))
		return err_setf(ei, ERR_CONFLICT, NULL, "a %s need cannot be changed", need_status_name(st));
	if (rec_has(nw, NEED_WINDOW_START) && rec_has(nw, NEED_WINDOW_END) &&
	    rec_int(nw, NEED_WINDOW_END, 0) <= rec_int(nw, NEED_WINDOW_START, 0))
		return err_set(ei, ERR_INVALID, "window_end", "window_end must be after window_start");
	const char *by = rec_text(nw, NEED_RAISED_BY);
	if (is(by, "resident") && !rec_has(nw, NEED_RAISED_BY_PERSON_ID))
		return err_set(ei, ERR_REQUIRED, "raised_by_person_id", "a need raised by a resident names the resident");
	if (!rec_has(nw, NEED_URGENCY))
		rec_set_text(nw, NEED_URGENCY, old ? rec_text(old, NEED_URGENCY) : "medium");
	/* a project's need lies in its region (issue 16) */
	enum err e = project_join(x, nw, old, NEED_PROJECT_ID, 0, rec_int(nw, NEED_REGION_ID, 0), ei);
	return e ? e : check_menu(x, nw, old, ei);
}

static enum err need_event(struct ctx *x, int64_t need_id, const char *from, const char *to, const char *note,
			   int64_t assignee, struct errinfo *ei)
{
	struct rec ev;
	static const struct history_keys k = {&need_event_entity, NEED_EVENT_NEED_ID, NEED_EVENT_FROM, NEED_EVENT_TO,
						     NEED_EVENT_NOTE, NEED_EVENT_BY_USER_ID, NEED_EVENT_AT};
	svc_history(x, &ev, &k, need_id, from, to, note);
	if (assignee)
		rec_set_int(&ev, NEED_EVENT_ASSIGNED_SOCIAL_WORKER_ID, assignee);
	else
		rec_set_null(&ev, NEED_EVENT_ASSIGNED_SOCIAL_WORKER_ID);
	return store_insert(x->c, &ev, ei);
}

static enum err need_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (old)
		return ERR_OK;
	enum err e = need_event(x, nw->id, NULL, need_status_name(NS_NEW), "raised", 0, ei);
	if (e || access_platform(x->who) || resident_self(x, nw))
		return e;
	/* Staff raise needs only where they would see them. */
	struct rec back;
	if ((e = store_get(x->c, &need_entity, nw->id, &x->who->scope, &back, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (!back.vis_org)
		return err_set(ei, ERR_FORBIDDEN, rec_has(nw, NEED_RAISED_BY_ORG_ID) ? "raised_by_org_id" : "region_id",
			       "the need would be outside the caller's organisations");
	return ERR_OK;
}

/* The board shows who, not numbers (issue 18); not in the audit. */
static void need_present(struct ctx *x, struct rec *r, int mask_all)
{
	rec_set_text(r, NEED_ASSIGNED_SOCIAL_WORKER_NAME,
		     mask_all ? NULL : svc_worker_name(x, rec_int(r, NEED_ASSIGNED_SOCIAL_WORKER_ID, 0)));
	rec_set_text(r, NEED_MATCH_SOCIAL_WORKER_NAME,
		     mask_all ? NULL : svc_worker_name(x, rec_int(r, NEED_MATCH_SOCIAL_WORKER_ID, 0)));
	rec_set_text(r, NEED_MATCH_VOLUNTEER_NAME,
		     mask_all ? NULL : svc_volunteer_name(x, rec_int(r, NEED_MATCH_VOLUNTEER_ID, 0)));
}

const struct resource res_needs = {
	.e = &need_entity,
	.authorize = need_authorize,
	.prepare = need_prepare,
	.after = need_after,
	.present = need_present,
};

const struct resource res_need_events = {
	.e = &need_event_entity,
	.no_create = 1,
	.no_update = 1,
};

/* ---- status moves ---- */
struct move_args {
	int64_t id;
	const struct rec *body;
};

/* The social worker a move assigns: it must exist and be one the caller
 * sees through its orgs. */
static enum err check_assignee(struct ctx *x, int64_t sw_id, struct errinfo *ei)
{
	static const struct scope all = {.all = 1};
	struct rec sw;
	enum err e = store_get(x->c, &sw_entity, sw_id, x->who ? &x->who->scope : &all, &sw, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, "assigned_social_worker_id", "no social worker with id %lld",
				(long long)sw_id);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (!access_platform(x->who) && !sw.vis_org)
		return err_set(ei, ERR_RULE, "assigned_social_worker_id",
			       "the social worker is not in the caller's organisations");
	return ERR_OK;
}

/* A move to matched names what the need is matched with (issue 15): a
 * volunteer, a social worker, an activity or a shift the caller reads, at
 * least one; other moves name none. */
static enum err attach_match(struct ctx *x, const struct rec *body, enum need_status to, struct rec *nw,
			     struct errinfo *ei)
{
	static const struct {
		int body, need;
		const struct entity *e;
		const char *field;
	} match[] = {
		{NEED_MOVE_VOLUNTEER_ID, NEED_MATCH_VOLUNTEER_ID, &vol_entity, "volunteer_id"},
		{NEED_MOVE_SOCIAL_WORKER_ID, NEED_MATCH_SOCIAL_WORKER_ID, &sw_entity, "social_worker_id"},
		{NEED_MOVE_ACTIVITY_ID, NEED_MATCH_ACTIVITY_ID, &activity_entity, "activity_id"},
		{NEED_MOVE_SHIFT_ID, NEED_MATCH_SHIFT_ID, &shift_entity, "shift_id"},
	};
	int named = 0;
	for (size_t i = 0; i < sizeof match / sizeof *match; i++) {
		if (!rec_has(body, match[i].body))
			continue;
		if (to != NS_MATCHED)
			return err_set(ei, ERR_INVALID, match[i].field, "only a move to matched names a match");
		struct rec r;
		int64_t id = rec_int(body, match[i].body, 0);
		enum err e = svc_load_visible(x, match[i].e, id, &r, ei);
		if (e == ERR_NOT_FOUND || e == ERR_FORBIDDEN)
			return err_setf(ei, ERR_INVALID, match[i].field, "no %s %lld the caller may read", match[i].field,
					(long long)id);
		if (e)
			return e;
		rec_set_int(nw, match[i].need, id);
		named++;
	}
	if (to == NS_MATCHED && !named)
		return err_set(ei, ERR_REQUIRED, "volunteer_id",
			       "a matched need names its match: volunteer_id, social_worker_id, activity_id or shift_id");
	return ERR_OK;
}

static enum err do_move(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct move_args *m = arg;
	struct rec old, nw;
	enum need_status from, to;
	enum err e;

	if ((e = svc_load_for_write(x, &need_entity, m->id, &old, ei)))
		return e;
	if (!access_platform(x->who) && !old.vis_org)
		return err_set(ei, ERR_FORBIDDEN, NULL, "only staff of the need's organisations may move it");
	if (need_status_parse(rec_text(m->body, NEED_MOVE_TO), &to) < 0)
		return err_set(ei, ERR_INVALID, "to", "to is not a need status");
	if (need_status_parse(rec_text(&old, NEED_STATUS), &from) < 0)
		return err_set(ei, ERR_INTERNAL, NULL, "stored status is unknown");
	if (!need_can_move(from, to))
		return err_setf(ei, ERR_TRANSITION, "to", "a need cannot move from %s to %s", need_status_name(from),
				need_status_name(to));
	int64_t assignee = rec_int(m->body, NEED_MOVE_ASSIGNED_SOCIAL_WORKER_ID, 0);
	if (to == NS_TRIAGED && !assignee)
		return err_set(ei, ERR_REQUIRED, "assigned_social_worker_id",
			       "triage assigns the need to a social worker");
	if (assignee && (e = check_assignee(x, assignee, ei)))
		return e;
	nw = old;
	if ((e = attach_match(x, m->body, to, &nw, ei)))
		return e;
	rec_set_text(&nw, NEED_STATUS, need_status_name(to));
	if (assignee)
		rec_set_int(&nw, NEED_ASSIGNED_SOCIAL_WORKER_ID, assignee);
	rec_set_int(&nw, NEED_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)) ||
	    (e = need_event(x, m->id, need_status_name(from), need_status_name(to), rec_text(m->body, NEED_MOVE_NOTE),
			    assignee, ei)))
		return e;
	if ((e = svc_audit(x, "status", &res_needs, m->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_need_move(struct ctx *x, int64_t id, const struct rec *body, struct rec *out, struct errinfo *ei)
{
	struct move_args m = {id, body};
	enum err e = svc_tx(x, do_move, &m, ei);
	return e ? e : svc_get(x, &res_needs, id, out, ei);
}

/* ---- response times ---- */

static int known_category(const char *c)
{
	const struct field *f = &need_entity.fields[FIELD_IDX(NEED_CATEGORY)];
	for (const char *const *v = f->enums; *v; v++)
		if (strcmp(*v, c) == 0)
			return 1;
	return 0;
}

/* Fill one row per legal move from the stats and the median windows. */
static enum err response_times(struct ctx *x, int64_t region_id, const char *category, const struct need_move *moves,
			       int nmoves, struct need_response_time **rows, struct errinfo *ei)
{
	struct need_move_stat stats[NS__COUNT * NS__COUNT];
	int nstats = 0;
	enum err e = store_need_move_stats(x->c, region_id, category, stats, NS__COUNT * NS__COUNT, &nstats, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	struct need_response_time *out = arena_alloc(x->a, sizeof *out * (size_t)nmoves);
	for (int i = 0; i < nmoves; i++) {
		const char *from = need_status_name(moves[i].from), *to = need_status_name(moves[i].to);
		out[i] = (struct need_response_time){from, to, 0, 0, 0};
		for (int k = 0; k < nstats; k++)
			if (is(stats[k].from, from) && is(stats[k].to, to)) {
				out[i].count = stats[k].count;
				out[i].avg_seconds = stats[k].avg_seconds;
			}
		if (!out[i].count)
			continue;
		int64_t off, window[2];
		int take, got = 0;
		median_window(out[i].count, &off, &take);
		if ((e = store_need_move_durations(x->c, region_id, category, from, to, off, take, window, &got)))
			return err_set(ei, e, NULL, NULL);
		if (got != take)
			return err_set(ei, ERR_CONFLICT, NULL, "the need history changed while it was read; try again");
		out[i].median_seconds = median_of_window(out[i].count, window);
	}
	*rows = out;
	return ERR_OK;
}

enum err svc_need_response_times(struct ctx *x, int64_t region_id, const char *category,
				 struct need_response_time **rows, int *n, struct errinfo *ei)
{
	enum err e;
	if (region_id) {
		const char *path;
		if ((e = region_path(x, region_id, "region_id", &path, ei)))
			return e;
		if (!access_platform(x->who) && !access_over_region(x->who, ROLES_ORG_STAFF, path))
			return err_set(ei, ERR_FORBIDDEN, "region_id", "the region is outside the caller's scope");
	} else if (!access_platform(x->who)) {
		return err_set(ei, ERR_REQUIRED, "region_id", "region_id is required");
	}
	if (category && !known_category(category))
		return err_set(ei, ERR_INVALID, "category", "category is not a service category");

	struct need_move moves[NS__COUNT * 2];
	int nmoves = need_moves(moves, NS__COUNT * 2);
	/* One read transaction: the counts and the median windows agree (on
	 * PostgreSQL each statement may still see newer commits; a window that
	 * came up short is reported as a conflict). */
	if ((e = store_begin(x->c, 0)))
		return err_set(ei, e, NULL, NULL);
	e = response_times(x, region_id, category, moves, nmoves, rows, ei);
	store_rollback(x->c);
	if (!e)
		*n = nmoves;
	return e;
}
