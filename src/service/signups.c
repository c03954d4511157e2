/* signups.c - signing up for shifts: open sign-up or by approval
 * (two-way selection), capacity and a waiting list whose head is promoted
 * when an accepted volunteer cancels, and the rules a placement must keep:
 * only registered volunteers; the position's required courses and skills;
 * accident insurance for risky work (志愿服务条例 Art. 12, 17); no two
 * overlapping shifts; minors never on emergency-mode or night work.
 *
 * Every change locks the shift's row first, so capacity is counted by one
 * writer at a time on either backend. The rules are asked of placement.c
 * (placement_check); an accepted invitation (proposals.c) signs up through
 * signup_place. */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/idcard.h"
#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "model/codec.h"
#include "service/placement.h"
#include "store/service_store.h"

struct placement {
	struct rec shift, position, activity, volunteer, person;
};

static enum err load_placement(struct ctx *x, int64_t shift_id, int64_t volunteer_id, struct placement *p,
			       struct errinfo *ei)
{
	enum err e = store_get_locked(x->c, &shift_entity, shift_id, NULL, &p->shift, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_NOT_FOUND : e, "id", "no shift %lld", (long long)shift_id);
	if ((e = store_get(x->c, &position_entity, rec_int(&p->shift, SHIFT_POSITION_ID, 0), NULL, &p->position, x->a)) ||
	    (e = store_get(x->c, &activity_entity, rec_int(&p->shift, SHIFT_ACTIVITY_ID, 0), NULL, &p->activity, x->a)))
		return err_set(ei, e, NULL, NULL);
	e = store_get(x->c, &vol_entity, volunteer_id, NULL, &p->volunteer, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "volunteer_id", "no volunteer %lld",
				(long long)volunteer_id);
	if ((e = store_get(x->c, &person_entity, rec_int(&p->volunteer, VOLUNTEER_PERSON_ID, 0), NULL, &p->person, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

/* The volunteer themself, staff of the organiser, or staff of the
 * volunteer's own org. */
static enum err may_act_for(struct ctx *x, const struct placement *p, struct errinfo *ei)
{
	if (x->who && x->who->person_id && x->who->person_id == rec_int(&p->volunteer, VOLUNTEER_PERSON_ID, 0))
		return ERR_OK;
	if (activity_staff(x, p->activity.id, ei) == ERR_OK)
		return ERR_OK;
	const char *opath;
	enum err e = org_paths(x, rec_int(&p->volunteer, VOLUNTEER_ORG_ID, 0), "volunteer_id", &opath, NULL, ei);
	if (!e && access_org(x->who, ROLES_ORG_STAFF, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "volunteer_id", "only the volunteer or the organisers may do this");
}

static int has_room(struct ctx *x, const struct rec *shift, enum err *e)
{
	int64_t accepted = 0;
	*e = store_signup_count(x->c, shift->id, "accepted", &accepted);
	return accepted < rec_int(shift, SHIFT_CAPACITY, 0);
}

struct signup_args {
	int64_t shift_id, id;
	struct rec *in;
	const char *action, *note;
};

/* Place the volunteer of `r` on the shift, in the caller's transaction:
 * every rule of domain/eligibility, then the place: accepted on open
 * sign-up or an invitation, pending on approval, waitlisted when full (an
 * invitation to a full shift is refused). */
static enum err place(struct ctx *x, int64_t shift_id, struct rec *r, int invited, struct errinfo *ei)
{
	struct placement p;
	enum err e;
	if ((e = load_placement(x, shift_id, rec_int(r, SIGNUP_VOLUNTEER_ID, 0), &p, ei)) ||
	    (e = may_act_for(x, &p, ei)) || (e = placement_check(x, shift_id, p.volunteer.id, ei)))
		return e;
	int room = has_room(x, &p.shift, &e);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (invited && !room)
		return err_set(ei, ERR_CONFLICT, "shift_id", "the shift is full");
	const char *status = !room ? "waitlisted"
			     : invited || strcmp(rec_text(&p.activity, ACTIVITY_SIGN_UP), "open") == 0 ? "accepted"
												 : "pending";
	rec_set_int(r, SIGNUP_SHIFT_ID, p.shift.id);
	rec_set_text(r, SIGNUP_STATUS, status);
	rec_set_null(r, SIGNUP_DECIDED_BY_USER_ID);
	rec_set_null(r, SIGNUP_DECIDED_AT);
	rec_set_null(r, SIGNUP_DECISION_NOTE);
	rec_set_int(r, SIGNUP_CREATED_AT, x->now);
	rec_set_int(r, SIGNUP_UPDATED_AT, x->now);
	if ((e = store_insert(x->c, r, ei)))
		return e;
	return svc_audit(x, "signup", &res_signups, r->id, NULL, r) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

static enum err do_signup(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct signup_args *s = arg;
	enum err e = place(x, s->shift_id, s->in, 0, ei);
	s->id = s->in->id;
	return e;
}

enum err signup_place(struct ctx *x, int64_t shift_id, int64_t volunteer_id, int invited, int64_t *id,
		      struct errinfo *ei)
{
	struct rec r;
	rec_init(&r, &signup_entity);
	rec_set_int(&r, SIGNUP_VOLUNTEER_ID, volunteer_id);
	rec_set_null(&r, SIGNUP_NOTE);
	enum err e = place(x, shift_id, &r, invited, ei);
	*id = r.id;
	return e;
}

enum err signup_may_act(struct ctx *x, int64_t shift_id, int64_t volunteer_id, struct errinfo *ei)
{
	struct placement p;
	enum err e = load_placement(x, shift_id, volunteer_id, &p, ei);
	return e ? e : may_act_for(x, &p, ei);
}

enum err svc_signup(struct ctx *x, int64_t shift_id, struct rec *in, struct rec *out, struct errinfo *ei)
{
	struct signup_args s = {.shift_id = shift_id, .in = in};
	enum err e = svc_tx(x, do_signup, &s, ei);
	return e ? e : svc_get(x, &res_signups, s.id, out, ei);
}

/* Set a sign-up's status, stamped with the decision's note (NULL: none)
 * and audited under `action`. */
static enum err set_status(struct ctx *x, struct rec *old, const char *status, const char *action,
			   const char *note, struct errinfo *ei)
{
	struct rec nw = *old;
	rec_set_text(&nw, SIGNUP_STATUS, status);
	rec_set_int(&nw, SIGNUP_UPDATED_AT, x->now);
	if (x->who)
		rec_set_int(&nw, SIGNUP_DECIDED_BY_USER_ID, x->who->user_id);
	rec_set_int(&nw, SIGNUP_DECIDED_AT, x->now);
	rec_set_text(&nw, SIGNUP_DECISION_NOTE, note);
	enum err e = store_update(x->c, &nw, ei);
	if (!e && svc_audit(x, action, &res_signups, nw.id, old, &nw))
		e = err_set(ei, ERR_INTERNAL, NULL, NULL);
	return e;
}

static int is(const struct rec *r, const char *status)
{
	return strcmp(rec_text(r, SIGNUP_STATUS), status) == 0;
}

static enum err do_decide(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct signup_args *s = arg;
	struct rec g;
	struct placement p;
	enum err e = store_get(x->c, &signup_entity, s->id, NULL, &g, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_NOT_FOUND : e, "id", "no sign-up %lld", (long long)s->id);
	/* lock the shift, then read the sign-up again under the lock */
	if ((e = load_placement(x, rec_int(&g, SIGNUP_SHIFT_ID, 0), rec_int(&g, SIGNUP_VOLUNTEER_ID, 0), &p, ei)) ||
	    (e = store_get_locked(x->c, &signup_entity, s->id, NULL, &g, x->a)))
		return e;

	if (strcmp(s->action, "cancel") == 0) {
		if ((e = may_act_for(x, &p, ei)))
			return e;
		if (!is(&g, "pending") && !is(&g, "accepted") && !is(&g, "waitlisted"))
			return err_setf(ei, ERR_CONFLICT, "status", "a %s sign-up cannot be cancelled", rec_text(&g, SIGNUP_STATUS));
		int64_t att = 0;
		if ((e = store_attendance_of(x->c, g.id, &att)))
			return err_set(ei, e, NULL, NULL);
		if (att)
			return err_set(ei, ERR_CONFLICT, "status", "the volunteer has already checked in");
		int was_accepted = is(&g, "accepted");
		if ((e = set_status(x, &g, "cancelled", "cancel", s->note, ei)))
			return e;
		/* the organiser is told (志愿服务条例 Art. 22) */
		if (x->who && x->who->person_id == rec_int(&p.volunteer, VOLUNTEER_PERSON_ID, 0)) {
			char when[32];
			time_format(rec_int(&p.shift, SHIFT_STARTS_AT, 0), when);
			const char *body = arena_printf(x->a, "%s（%s）取消了“%s”%s 的班次。", rec_text(&p.person, PERSON_NAME),
							rec_text(&p.volunteer, VOLUNTEER_VOLUNTEER_NO), rec_text(&p.activity, ACTIVITY_TITLE),
							when);
			if ((e = notify_org_staff(x, rec_int(&p.activity, ACTIVITY_ORG_ID, 0), "signup_cancelled", "志愿者取消报名",
						  body, "signups", g.id, ei)))
				return e;
		}
		/* the head of the waiting list takes the freed place */
		int64_t head = 0;
		if (was_accepted && (e = store_waitlist_head(x->c, p.shift.id, &head)))
			return err_set(ei, e, NULL, NULL);
		if (head) {
			struct rec h;
			if ((e = store_get(x->c, &signup_entity, head, NULL, &h, x->a)))
				return err_set(ei, e, NULL, NULL);
			const char *to = strcmp(rec_text(&p.activity, ACTIVITY_SIGN_UP), "open") == 0 ? "accepted" : "pending";
			return set_status(x, &h, to, "promote", NULL, ei);
		}
		return ERR_OK;
	}
	/* accept and reject are the organisers' */
	if ((e = activity_staff(x, p.activity.id, ei)))
		return e;
	if (!is(&g, "pending") && !is(&g, "waitlisted"))
		return err_setf(ei, ERR_CONFLICT, "status", "a %s sign-up cannot be %sed", rec_text(&g, SIGNUP_STATUS),
				s->action);
	if (strcmp(s->action, "reject") == 0)
		return set_status(x, &g, "rejected", "reject", s->note, ei);
	int room = has_room(x, &p.shift, &e);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (!room)
		return err_set(ei, ERR_CONFLICT, "shift_id", "the shift is full");
	return set_status(x, &g, "accepted", "accept", s->note, ei);
}

/* Characters of UTF-8 text: the bytes that do not continue one. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

enum err svc_signup_decide(struct ctx *x, int64_t id, const char *action, const char *note, struct rec *out,
			   struct errinfo *ei)
{
	const struct field *f = &signup_entity.fields[FIELD_IDX(SIGNUP_DECISION_NOTE)];
	if (note && chars(note) > (size_t)f->max) /* the field's own limit */
		return err_setf(ei, ERR_INVALID, "note", "note must be 0 to %d characters", (int)f->max);
	struct signup_args s = {.id = id, .action = action, .note = note};
	enum err e = svc_tx(x, do_decide, &s, ei);
	return e ? e : svc_get(x, &res_signups, id, out, ei);
}

const struct resource res_signups = {
	.e = &signup_entity,
	.no_create = 1,
	.no_update = 1,
};
