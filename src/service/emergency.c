/* emergency.c - incidents (应急守护) beyond their record: read
 * after the lazy deadline check, assessed by a social worker (how many
 * volunteers, which skills, how far, the plan), closed when over, and the
 * volunteers' feedback reports. The record, its call-outs and the timeline
 * are incident.c's; the call-out itself is mobilize.c's. */
#include "service/incident.h"
#include "store/store_emergency.h"

/* ---- reading ---- */

enum err svc_emergency_gate(struct ctx *x, int64_t id, int staff_only, struct errinfo *ei)
{
	struct rec em;
	enum err e = svc_load_visible(x, &emergency_entity, id, &em, ei);
	if (!e && staff_only && !access_platform(x->who) && !em.vis_org && !em.vis_region)
		e = err_set(ei, ERR_FORBIDDEN, NULL, "the timeline is for the incident's staff");
	return e ? e : svc_emergency_settle(x, id, ei);
}

enum err svc_emergency_get(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei)
{
	enum err e = svc_emergency_gate(x, id, 0, ei);
	return e ? e : svc_get(x, &res_emergencies, id, out, ei);
}

/* ---- the assessment ---- */
struct assess_args {
	int64_t id;
	const struct rec *body;
};

/* The social worker who assesses: the one named, else the caller's own. */
static enum err assessor(struct ctx *x, const struct rec *body, int64_t *sw, struct errinfo *ei)
{
	*sw = rec_int(body, EMERGENCY_ASSESS_SOCIAL_WORKER_ID, 0);
	if (*sw) {
		int exists = 0;
		enum err e = store_exists(x->c, E_SOCIAL_WORKER, *sw, &exists);
		if (e)
			return err_set(ei, e, NULL, NULL);
		return exists ? ERR_OK
			      : err_setf(ei, ERR_INVALID, "social_worker_id", "no social worker with id %lld",
					 (long long)*sw);
	}
	enum err e = x->who && x->who->person_id ? store_person_social_worker(x->c, x->who->person_id, sw) : ERR_OK;
	if (e)
		return err_set(ei, e, NULL, NULL);
	return *sw ? ERR_OK
		   : err_set(ei, ERR_REQUIRED, "social_worker_id",
			     "the caller is no social worker: name the social worker who assessed");
}

static enum err do_assess(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct assess_args *a = arg;
	struct rec old, nw;
	enum err e;
	int64_t sw;
	if ((e = emergency_load_staff(x, a->id, &old, "assess", ei)) || (e = assessor(x, a->body, &sw, ei)))
		return e;
	nw = old;
	rec_set_int(&nw, EMERGENCY_NEEDED_COUNT, rec_int(a->body, EMERGENCY_ASSESS_NEEDED_COUNT, 1));
	rec_set_real(&nw, EMERGENCY_RADIUS_KM, rec_cval(a->body, EMERGENCY_ASSESS_RADIUS_KM)->r);
	if (rec_cval(a->body, EMERGENCY_ASSESS_REQUIRED_SKILLS)->set)
		*rec_val(&nw, EMERGENCY_REQUIRED_SKILLS) = *rec_cval(a->body, EMERGENCY_ASSESS_REQUIRED_SKILLS);
	if (rec_has(a->body, EMERGENCY_ASSESS_PLAN))
		rec_set_text(&nw, EMERGENCY_PLAN, rec_text(a->body, EMERGENCY_ASSESS_PLAN));
	if (rec_has(a->body, EMERGENCY_ASSESS_OVERSUBSCRIPTION))
		rec_set_real(&nw, EMERGENCY_OVERSUBSCRIPTION, rec_cval(a->body, EMERGENCY_ASSESS_OVERSUBSCRIPTION)->r);
	if (rec_has(a->body, EMERGENCY_ASSESS_ACK_DEADLINE_S))
		rec_set_int(&nw, EMERGENCY_ACK_DEADLINE_S, rec_int(a->body, EMERGENCY_ASSESS_ACK_DEADLINE_S, CALLOUT_DEADLINE_DEFAULT));
	if (rec_has(a->body, EMERGENCY_ASSESS_SEVERITY))
		rec_set_text(&nw, EMERGENCY_SEVERITY, rec_text(a->body, EMERGENCY_ASSESS_SEVERITY));
	rec_set_int(&nw, EMERGENCY_ASSESSED_BY_SOCIAL_WORKER_ID, sw);
	rec_set_int(&nw, EMERGENCY_ASSESSED_AT, x->now);
	if (emergency_status_is(&old, "reported"))
		rec_set_text(&nw, EMERGENCY_STATUS, "assessed");
	rec_set_int(&nw, EMERGENCY_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	const char *detail = arena_printf(x->a, "needed %lld within %g km", (long long)rec_int(&nw, EMERGENCY_NEEDED_COUNT, 0),
					  rec_cval(&nw, EMERGENCY_RADIUS_KM)->r);
	if ((e = emergency_event(x, a->id, "assessed", 0, detail, ei)))
		return e;
	/* fewer needed than have accepted: the rest are not needed */
	struct callout_counts c;
	if ((e = emergency_enough(x, &nw, &c, ei)))
		return e;
	if ((e = svc_audit(x, "assess", &res_emergencies, a->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_emergency_assess(struct ctx *x, int64_t id, const struct rec *body, struct rec *out,
			      struct errinfo *ei)
{
	struct assess_args a = {id, body};
	enum err e = svc_tx(x, do_assess, &a, ei);
	return e ? e : svc_get(x, &res_emergencies, id, out, ei);
}

/* ---- closing ---- */
struct close_args {
	int64_t id;
	const char *note;
};

static enum err do_close(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct close_args *a = arg;
	struct rec old, nw;
	enum err e;
	if ((e = svc_load_for_write(x, &emergency_entity, a->id, &old, ei)))
		return e;
	if (!emergency_staff(x, &old))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only staff of the incident's organisations may close it");
	if (emergency_status_is(&old, "closed"))
		return err_set(ei, ERR_CONFLICT, NULL, "the incident is already closed");
	if ((e = emergency_stand_down(x, &old, "the incident is closed", ei)))
		return e;
	nw = old;
	rec_set_text(&nw, EMERGENCY_STATUS, "closed");
	rec_set_int(&nw, EMERGENCY_CLOSED_AT, x->now);
	rec_set_null(&nw, EMERGENCY_WAVE_DEADLINE);
	rec_set_int(&nw, EMERGENCY_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)) || (e = emergency_event(x, a->id, "closed", 0, a->note, ei)))
		return e;
	if ((e = svc_audit(x, "close", &res_emergencies, a->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_emergency_close(struct ctx *x, int64_t id, const char *note, struct rec *out, struct errinfo *ei)
{
	struct close_args a = {id, note};
	enum err e = svc_tx(x, do_close, &a, ei);
	return e ? e : svc_get(x, &res_emergencies, id, out, ei);
}

/* ---- volunteers' feedback reports ---- */

/* The incident must be visible; the volunteer defaults to the caller's
 * call-out; a volunteer files for themself, staff for anyone called. */
static enum err report_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec em, vol;
	int64_t em_id = rec_int(nw, EMERGENCY_REPORT_EMERGENCY_ID, 0), vid = rec_int(nw, EMERGENCY_REPORT_VOLUNTEER_ID, 0), callout = 0;
	enum err e = svc_load_visible(x, &emergency_entity, em_id, &em, ei);
	if (e)
		return e;
	if (!vid && x->who && x->who->person_id &&
	    (e = store_callout_volunteer_of_person(x->c, em_id, x->who->person_id, &vid)))
		return err_set(ei, e, NULL, NULL);
	if (!vid)
		return err_set(ei, ERR_REQUIRED, "volunteer_id", "name the volunteer who reports");
	rec_set_int(nw, EMERGENCY_REPORT_VOLUNTEER_ID, vid);
	if ((e = store_callout_of(x->c, em_id, vid, &callout)))
		return err_set(ei, e, NULL, NULL);
	if (!callout)
		return err_set(ei, ERR_RULE, "volunteer_id", "only volunteers called to the incident file reports");
	if ((e = store_get(x->c, &vol_entity, vid, NULL, &vol, x->a)))
		return err_set(ei, e, "volunteer_id", NULL);
	int self = x->who && x->who->person_id && rec_int(&vol, VOLUNTEER_PERSON_ID, 0) == x->who->person_id;
	if (!self && !emergency_staff(x, &em))
		return err_set(ei, ERR_FORBIDDEN, "volunteer_id", "a volunteer files reports only for themself");
	return ERR_OK;
}

static enum err report_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	(void)ei;
	if (!rec_has(nw, EMERGENCY_REPORT_KIND))
		rec_set_text(nw, EMERGENCY_REPORT_KIND, "feedback");
	if (x->who)
		rec_set_int(nw, EMERGENCY_REPORT_BY_USER_ID, x->who->user_id);
	else
		rec_set_null(nw, EMERGENCY_REPORT_BY_USER_ID);
	return ERR_OK;
}

static enum err report_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return emergency_event(x, rec_int(nw, EMERGENCY_REPORT_EMERGENCY_ID, 0), "report", rec_int(nw, EMERGENCY_REPORT_VOLUNTEER_ID, 0),
			       arena_printf(x->a, "%s #%lld", rec_text(nw, EMERGENCY_REPORT_KIND), (long long)nw->id), ei);
}

const struct resource res_emergency_reports = {
	.e = &emergency_report_entity,
	.authorize = report_authorize,
	.prepare = report_prepare,
	.after = report_after,
	.no_update = 1,
};
