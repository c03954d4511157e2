/* incident.c - the incident and its call-outs as every emergency use case
 * sees them (see incident.h): the incident resource with its hooks (report,
 * change, present the tally), the call-outs and the timeline as read-only
 * resources, the staff check, the timeline, the tally, and call-outs moved
 * along, expired or stood down with the person told. Below both
 * emergency.c and mobilize.c. */
#include <string.h>

#include "service/incident.h"
#include "service/projects.h"
#include "store/store_emergency.h"

/* ---- the incident: status, staff, timeline, tally ---- */

int emergency_status_is(const struct rec *em, const char *status)
{
	const char *s = rec_text(em, EMERGENCY_STATUS);
	return s && strcmp(s, status) == 0;
}

int emergency_staff(const struct ctx *x, const struct rec *em)
{
	return access_platform(x->who) || (em->vis_org && (x->who->role_mask & ROLES_ORG_STAFF));
}

enum err emergency_event(struct ctx *x, int64_t emergency_id, const char *kind, int64_t volunteer_id,
			 const char *detail, struct errinfo *ei)
{
	struct rec ev;
	rec_init(&ev, &emergency_event_entity);
	rec_set_int(&ev, EMERGENCY_EVENT_EMERGENCY_ID, emergency_id);
	rec_set_int(&ev, EMERGENCY_EVENT_AT, x->now);
	rec_set_text(&ev, EMERGENCY_EVENT_KIND, kind);
	if (volunteer_id)
		rec_set_int(&ev, EMERGENCY_EVENT_VOLUNTEER_ID, volunteer_id);
	else
		rec_set_null(&ev, EMERGENCY_EVENT_VOLUNTEER_ID);
	if (x->who)
		rec_set_int(&ev, EMERGENCY_EVENT_USER_ID, x->who->user_id);
	else
		rec_set_null(&ev, EMERGENCY_EVENT_USER_ID);
	rec_set_text(&ev, EMERGENCY_EVENT_DETAIL, detail);
	return store_insert(x->c, &ev, ei);
}

enum err emergency_counts(struct ctx *x, const struct rec *em, struct callout_counts *out, struct errinfo *ei)
{
	const char **status;
	int64_t *count;
	int n;
	enum err e = store_callout_tally(x->c, em->id, &status, &count, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	*out = (struct callout_counts){(int)rec_int(em, EMERGENCY_NEEDED_COUNT, 0), 0, 0};
	for (int i = 0; i < n; i++) {
		enum callout_status s;
		if (callout_status_parse(status[i], &s))
			continue;
		if (callout_counts_accepted(s))
			out->accepted += (int)count[i];
		else if (s == CO_CALLED)
			out->pending += (int)count[i];
	}
	return ERR_OK;
}

enum err emergency_load_staff(struct ctx *x, int64_t id, struct rec *em, const char *what, struct errinfo *ei)
{
	enum err e = svc_load_for_write(x, &emergency_entity, id, em, ei);
	if (e)
		return e;
	if (!emergency_staff(x, em))
		return err_setf(ei, ERR_FORBIDDEN, NULL, "only staff of the incident's organisations may %s it", what);
	if (emergency_status_is(em, "closed"))
		return err_set(ei, ERR_CONFLICT, NULL, "the incident is closed");
	return ERR_OK;
}

const char *emergency_label(struct ctx *x, const struct rec *em)
{
	const char *t = rec_text(em, EMERGENCY_TITLE);
	return arena_printf(x->a, "%s%s%s", rec_text(em, EMERGENCY_TYPE), t ? " " : "", t ? t : "");
}

/* ---- call-outs moved along ---- */

enum err emergency_notify_person(struct ctx *x, int64_t person_id, const char *kind, const char *subject,
				 const char *body, int64_t emergency_id, int64_t callout_id, struct errinfo *ei)
{
	int64_t *users;
	int n;
	enum err e = store_person_users(x->c, person_id, &users, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	/* the person's SMS (and e-mail), then each account's inbox */
	const struct notice msg = {kind, subject, body, "emergencies", emergency_id, callout_id};
	if ((e = notify_person(x, person_id, &msg, ei)))
		return e;
	for (int i = 0; i < n; i++)
		if ((e = notify_insert(x, users[i], person_id, kind, subject, body, "emergencies", emergency_id, ei)))
			return e;
	return ERR_OK;
}

enum err emergency_callout_move(struct ctx *x, struct rec *co, enum callout_status to, struct errinfo *ei)
{
	rec_set_text(co, CALLOUT_STATUS, callout_status_name(to));
	if (to == CO_ACCEPTED || to == CO_DECLINED || (to == CO_ARRIVED && !rec_has(co, CALLOUT_ANSWERED_AT)))
		rec_set_int(co, CALLOUT_ANSWERED_AT, x->now);
	if (to == CO_ARRIVED)
		rec_set_int(co, CALLOUT_ARRIVED_AT, x->now);
	if (to == CO_STOOD_DOWN || to == CO_EXPIRED)
		rec_set_int(co, CALLOUT_CLOSED_AT, x->now);
	else
		rec_set_null(co, CALLOUT_CLOSED_AT);
	rec_set_int(co, CALLOUT_UPDATED_AT, x->now);
	return store_update(x->c, co, ei);
}

enum err emergency_close_called(struct ctx *x, const struct rec *em, enum callout_status to, const char *why,
				struct errinfo *ei)
{
	int64_t *ids;
	int n;
	enum err e = store_callouts_in(x->c, em->id, "called", CALLOUT_MAX_CALLED * 4, &ids, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++) {
		struct rec co;
		if ((e = store_get(x->c, &callout_entity, ids[i], NULL, &co, x->a)))
			return err_set(ei, e, NULL, NULL);
		if ((e = emergency_callout_move(x, &co, to, ei)) ||
		    (e = emergency_event(x, em->id, callout_status_name(to), rec_int(&co, CALLOUT_VOLUNTEER_ID, 0), why, ei)))
			return e;
		if (to == CO_STOOD_DOWN &&
		    (e = emergency_notify_person(
			     x, rec_int(&co, CALLOUT_PERSON_ID, 0), "emergency_stand_down",
			     arena_printf(x->a, "应急召集取消 (stand down): %s", emergency_label(x, em)),
			     arena_printf(x->a, "无需前往: %s。谢谢！(No need to come: %s. Thank you.)", why, why), em->id, 0,
			     ei)))
			return e;
	}
	return ERR_OK;
}

enum err emergency_stand_down(struct ctx *x, const struct rec *em, const char *why, struct errinfo *ei)
{
	return emergency_close_called(x, em, CO_STOOD_DOWN, why, ei);
}

enum err emergency_enough(struct ctx *x, const struct rec *em, struct callout_counts *c, struct errinfo *ei)
{
	enum err e = emergency_counts(x, em, c, ei);
	if (!e && callout_stand_down(c))
		e = emergency_stand_down(x, em, "enough volunteers have accepted", ei);
	return e;
}

/* ---- the incident resource ---- */


static enum err em_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	if (old)
		return emergency_staff(x, old) ? ERR_OK
					       : err_set(ei, ERR_FORBIDDEN, NULL,
							 "only staff of the incident's organisations may change it");
	const char *path;
	enum err e = org_paths(x, rec_int(nw, EMERGENCY_ORG_ID, 0), "org_id", &path, NULL, ei);
	if (e)
		return e;
	if (!access_org(x->who, ROLES_ORG_STAFF, path))
		return err_set(ei, ERR_FORBIDDEN, "org_id", "only the org's staff may report an incident in its name");
	return ERR_OK;
}

static enum err em_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (old && emergency_status_is(old, "closed"))
		return err_set(ei, ERR_CONFLICT, NULL, "a closed incident cannot be changed");
	if (!rec_has(nw, EMERGENCY_SEVERITY))
		rec_set_text(nw, EMERGENCY_SEVERITY, old ? rec_text(old, EMERGENCY_SEVERITY) : "medium");
	/* a project's emergency is its orgs' and in its region (issue 16) */
	enum err e = project_join(x, nw, old, EMERGENCY_PROJECT_ID, rec_int(nw, EMERGENCY_ORG_ID, 0),
				  rec_int(nw, EMERGENCY_REGION_ID, 0), ei);
	if (e || old)
		return e;
	rec_set_text(nw, EMERGENCY_STATUS, "reported");
	rec_set_real(nw, EMERGENCY_OVERSUBSCRIPTION, CALLOUT_OVERSUB_DEFAULT);
	rec_set_int(nw, EMERGENCY_ACK_DEADLINE_S, CALLOUT_DEADLINE_DEFAULT);
	rec_set_int(nw, EMERGENCY_WAVE, 0);
	if (x->who)
		rec_set_int(nw, EMERGENCY_REPORTED_BY_USER_ID, x->who->user_id);
	return ERR_OK;
}

static enum err em_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return emergency_event(x, nw->id, old ? "updated" : "reported", 0, old ? NULL : rec_text(nw, EMERGENCY_TITLE), ei);
}

static void em_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	struct callout_counts c = {0, 0, 0};
	struct errinfo ei;
	if (r->id && emergency_counts(x, r, &c, &ei) == ERR_OK) {
		rec_set_int(r, EMERGENCY_ACCEPTED_COUNT, c.accepted);
		rec_set_int(r, EMERGENCY_PENDING_COUNT, c.pending);
	}
}

const struct resource res_emergencies = {
	.e = &emergency_entity,
	.authorize = em_authorize,
	.prepare = em_prepare,
	.after = em_after,
	.present = em_present,
};

/* ---- call-outs and the timeline: read-only resources ---- */

static void callout_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	struct rec p;
	if (store_get(x->c, &person_entity, rec_int(r, CALLOUT_PERSON_ID, 0), NULL, &p, x->a) == ERR_OK)
		rec_set_text(r, CALLOUT_NAME, rec_text(&p, PERSON_NAME));
	const struct val *d = rec_cval(r, CALLOUT_DISTANCE_M);
	if (d->set && !d->null)
		rec_set_real(r, CALLOUT_DISTANCE_KM, (double)(int64_t)(d->r + 0.5) / 1000.0);
}

const struct resource res_callouts = {
	.e = &callout_entity,
	.present = callout_present,
	.no_create = 1,
	.no_update = 1,
};

const struct resource res_emergency_events = {
	.e = &emergency_event_entity,
	.no_create = 1,
	.no_update = 1,
};
