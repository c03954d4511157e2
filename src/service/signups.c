/* signups.c - signing up for shifts (SPEC 3.8): open sign-up or by approval
 * (two-way selection), capacity and a waiting list whose head is promoted
 * when an accepted volunteer cancels, and the rules a placement must keep:
 * only registered volunteers; the position's required courses and skills;
 * accident insurance for risky work (志愿服务条例 Art. 12, 17); no two
 * overlapping shifts; minors never on emergency-mode or night work.
 *
 * Every change locks the shift's row first, so capacity is counted by one
 * writer at a time on either backend. */
#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"
#include "domain/idcard.h"
#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "model/codec.h"
#include "service/service.h"
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
	if ((e = store_get(x->c, &position_entity, rec_int(&p->shift, "position_id", 0), NULL, &p->position, x->a)) ||
	    (e = store_get(x->c, &activity_entity, rec_int(&p->shift, "activity_id", 0), NULL, &p->activity, x->a)))
		return err_set(ei, e, NULL, NULL);
	e = store_get(x->c, &vol_entity, volunteer_id, NULL, &p->volunteer, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "volunteer_id", "no volunteer %lld",
				(long long)volunteer_id);
	if ((e = store_get(x->c, &person_entity, rec_int(&p->volunteer, "person_id", 0), NULL, &p->person, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

/* The volunteer themself, staff of the organiser, or staff of the
 * volunteer's own org. */
static enum err may_act_for(struct ctx *x, const struct placement *p, struct errinfo *ei)
{
	if (x->who && x->who->person_id && x->who->person_id == rec_int(&p->volunteer, "person_id", 0))
		return ERR_OK;
	if (activity_staff(x, p->activity.id, ei) == ERR_OK)
		return ERR_OK;
	const char *opath;
	enum err e = org_paths(x, rec_int(&p->volunteer, "org_id", 0), "volunteer_id", &opath, NULL, ei);
	if (!e && access_org(x->who, ROLES_ORG_STAFF, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "volunteer_id", "only the volunteer or the organisers may do this");
}

/* The rules a placement must keep; the first broken one names its field. */
static enum err placement_rules(struct ctx *x, const struct placement *p, struct errinfo *ei)
{
	enum err e;
	int64_t start = rec_int(&p->shift, "starts_at", 0), end = rec_int(&p->shift, "ends_at", 0);
	if (end <= x->now)
		return err_set(ei, ERR_RULE, "shift_id", "the shift has already ended");
	if (strcmp(rec_text(&p->volunteer, "stage"), "registered") != 0)
		return err_setf(ei, ERR_RULE, "volunteer_id", "only registered volunteers may sign up (stage is %s)",
				rec_text(&p->volunteer, "stage"));

	/* required courses, named when missing */
	const char *courses = rec_text(&p->position, "required_course_ids");
	if (courses) {
		int64_t *ids;
		int n;
		if ((e = codec_ids(courses, 20, &ids, &n, x->a, ei)))
			return err_set(ei, ERR_INTERNAL, NULL, "stored course list is malformed");
		for (int i = 0; i < n; i++) {
			int done = 0;
			if ((e = store_course_completed(x->c, p->person.id, ids[i], &done)))
				return err_set(ei, e, NULL, NULL);
			if (!done) {
				struct rec c;
				const char *title = store_get(x->c, &course_entity, ids[i], NULL, &c, x->a) == ERR_OK
							    ? rec_text(&c, "title") : "?";
				return err_setf(ei, ERR_RULE, "required_course_ids",
						"the position requires course %lld (%s), which the volunteer has not completed",
						(long long)ids[i], title);
			}
		}
	}
	/* required skills */
	const char *missing;
	if (!codec_list_covers(rec_text(&p->person, "skills"), rec_text(&p->position, "required_skills"), &missing,
			       x->a))
		return err_setf(ei, ERR_RULE, "required_skills", "the position requires the skill %s", missing);
	/* accident insurance for risky work */
	if (rec_int(&p->position, "risky", 0) || rec_int(&p->activity, "insurance_required", 0)) {
		const char *until = rec_text(&p->volunteer, "insured_until");
		int y, m, d;
		int shift_day = today_ymd(end);
		if (!until || date_parse(until, &y, &m, &d) || y * 10000 + m * 100 + d < shift_day)
			return err_set(ei, ERR_RULE, "insured_until",
				       "risky work needs accident insurance covering the shift (志愿服务条例 Art. 12)");
	}
	/* minors: guardian consent, no emergency work, no night work */
	int y, m, d;
	const char *birth = rec_text(&p->person, "birth_date");
	if (birth && !date_parse(birth, &y, &m, &d) && age_on(y, m, d, today_ymd(start)) < 18) {
		if (!rec_int(&p->volunteer, "guardian_consent", 0))
			return err_set(ei, ERR_RULE, "guardian_consent", "a minor needs a guardian's consent");
		if (strcmp(rec_text(&p->activity, "mode"), "emergency") == 0)
			return err_set(ei, ERR_RULE, "shift_id", "minors are not placed on emergency work");
		if (shift_is_night(start, end))
			return err_set(ei, ERR_RULE, "shift_id", "minors are not placed on night work (22:00-06:00)");
	}
	/* one active sign-up per shift, no overlapping shifts */
	int64_t other;
	if ((e = store_signup_active(x->c, p->shift.id, p->volunteer.id, &other)))
		return err_set(ei, e, NULL, NULL);
	if (other)
		return err_setf(ei, ERR_DUPLICATE, "volunteer_id", "the volunteer already holds sign-up %lld for this shift",
				(long long)other);
	if ((e = store_signup_overlap(x->c, p->volunteer.id, start, end, p->shift.id, &other)))
		return err_set(ei, e, NULL, NULL);
	if (other)
		return err_setf(ei, ERR_CONFLICT, "shift_id", "the volunteer already holds shift %lld at that time",
				(long long)other);
	return ERR_OK;
}

static int has_room(struct ctx *x, const struct rec *shift, enum err *e)
{
	int64_t accepted = 0;
	*e = store_signup_count(x->c, shift->id, "accepted", &accepted);
	return accepted < rec_int(shift, "capacity", 0);
}

struct signup_args {
	int64_t shift_id, id;
	struct rec *in;
	const char *action;
};

static enum err do_signup(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct signup_args *s = arg;
	struct placement p;
	enum err e;
	if ((e = load_placement(x, s->shift_id, rec_int(s->in, "volunteer_id", 0), &p, ei)) ||
	    (e = may_act_for(x, &p, ei)) || (e = placement_rules(x, &p, ei)))
		return e;
	int room = has_room(x, &p.shift, &e);
	if (e)
		return err_set(ei, e, NULL, NULL);
	const char *status = !room ? "waitlisted" : strcmp(rec_text(&p.activity, "sign_up"), "open") == 0 ? "accepted"
										  : "pending";
	struct rec *r = s->in;
	rec_set_int(r, "shift_id", p.shift.id);
	rec_set_text(r, "status", status);
	rec_set_null(r, "decided_by_user_id");
	rec_set_null(r, "decided_at");
	rec_set_int(r, "created_at", x->now);
	rec_set_int(r, "updated_at", x->now);
	if ((e = store_insert(x->c, r, ei)))
		return e;
	s->id = r->id;
	return svc_audit(x, "signup", &res_signups, r->id, NULL, r) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

enum err svc_signup(struct ctx *x, int64_t shift_id, struct rec *in, struct rec *out, struct errinfo *ei)
{
	struct signup_args s = {.shift_id = shift_id, .in = in};
	enum err e = svc_tx(x, do_signup, &s, ei);
	return e ? e : svc_get(x, &res_signups, s.id, out, ei);
}

/* Set a sign-up's status, stamped and audited under `action`. */
static enum err set_status(struct ctx *x, struct rec *old, const char *status, const char *action,
			   struct errinfo *ei)
{
	struct rec nw = *old;
	rec_set_text(&nw, "status", status);
	rec_set_int(&nw, "updated_at", x->now);
	if (x->who)
		rec_set_int(&nw, "decided_by_user_id", x->who->user_id);
	rec_set_int(&nw, "decided_at", x->now);
	enum err e = store_update(x->c, &nw, ei);
	if (!e && svc_audit(x, action, &res_signups, nw.id, old, &nw))
		e = err_set(ei, ERR_INTERNAL, NULL, NULL);
	return e;
}

static int is(const struct rec *r, const char *status)
{
	return strcmp(rec_text(r, "status"), status) == 0;
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
	if ((e = load_placement(x, rec_int(&g, "shift_id", 0), rec_int(&g, "volunteer_id", 0), &p, ei)) ||
	    (e = store_get_locked(x->c, &signup_entity, s->id, NULL, &g, x->a)))
		return e;

	if (strcmp(s->action, "cancel") == 0) {
		if ((e = may_act_for(x, &p, ei)))
			return e;
		if (!is(&g, "pending") && !is(&g, "accepted") && !is(&g, "waitlisted"))
			return err_setf(ei, ERR_CONFLICT, "status", "a %s sign-up cannot be cancelled", rec_text(&g, "status"));
		int64_t att = 0;
		if ((e = store_attendance_of(x->c, g.id, &att)))
			return err_set(ei, e, NULL, NULL);
		if (att)
			return err_set(ei, ERR_CONFLICT, "status", "the volunteer has already checked in");
		int was_accepted = is(&g, "accepted");
		if ((e = set_status(x, &g, "cancelled", "cancel", ei)))
			return e;
		/* the organiser is told (志愿服务条例 Art. 22) */
		if (x->who && x->who->person_id == rec_int(&p.volunteer, "person_id", 0)) {
			char when[32];
			time_format(rec_int(&p.shift, "starts_at", 0), when);
			const char *body = arena_printf(x->a, "%s（%s）取消了“%s”%s 的班次。", rec_text(&p.person, "name"),
							rec_text(&p.volunteer, "volunteer_no"), rec_text(&p.activity, "title"),
							when);
			if ((e = notify_org_staff(x, rec_int(&p.activity, "org_id", 0), "signup_cancelled", "志愿者取消报名",
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
			const char *to = strcmp(rec_text(&p.activity, "sign_up"), "open") == 0 ? "accepted" : "pending";
			return set_status(x, &h, to, "promote", ei);
		}
		return ERR_OK;
	}
	/* accept and reject are the organisers' */
	if ((e = activity_staff(x, p.activity.id, ei)))
		return e;
	if (!is(&g, "pending") && !is(&g, "waitlisted"))
		return err_setf(ei, ERR_CONFLICT, "status", "a %s sign-up cannot be %sed", rec_text(&g, "status"),
				s->action);
	if (strcmp(s->action, "reject") == 0)
		return set_status(x, &g, "rejected", "reject", ei);
	int room = has_room(x, &p.shift, &e);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (!room)
		return err_set(ei, ERR_CONFLICT, "shift_id", "the shift is full");
	return set_status(x, &g, "accepted", "accept", ei);
}

enum err svc_signup_decide(struct ctx *x, int64_t id, const char *action, struct rec *out, struct errinfo *ei)
{
	struct signup_args s = {.id = id, .action = action};
	enum err e = svc_tx(x, do_decide, &s, ei);
	return e ? e : svc_get(x, &res_signups, id, out, ei);
}

const struct resource res_signups = {
	.e = &signup_entity,
	.no_create = 1,
	.no_update = 1,
};
