/* ledger.c - the service-hours ledger (民政部令第67号 Art. 5-10).
 *
 * Append-only: a record is written once (by a check-out, or by hand by the
 * organising org's staff), verified by that org ("谁组织谁记录, 谁记录谁证明"),
 * and a mistake is voided with a reason and recorded again (replaces_id),
 * never edited. Hours are kept as exact minutes. Every verify or void
 * recomputes, in its own transaction, the record's year for the volunteer
 * from the verified records (the volunteer_hours rollup), then the
 * volunteer's verified hours and stars from the rollup: nothing is kept as
 * a running total that could drift. */
#include <string.h>

#include "domain/records.h"
#include "domain/timefmt.h"
#include "domain/service_rules.h"
#include "domain/workdays.h"
#include "service/service.h"
#include "store/service_store.h"

enum err ledger_stamp(struct ctx *x, struct rec *r, int64_t activity_end, struct errinfo *ei)
{
	struct workcal cal;
	enum err e = svc_workcal(x, activity_end, RECORD_DUE_WORKING_DAYS, &cal, ei);
	if (e)
		return e;
	int64_t due = workdays_due(&cal, activity_end, RECORD_DUE_WORKING_DAYS);
	rec_set_text(r, SERVICE_RECORD_STATUS, "recorded");
	rec_set_int(r, SERVICE_RECORD_RECORDER_USER_ID, x->who ? x->who->user_id : 0);
	rec_set_int(r, SERVICE_RECORD_DUE_AT, due);
	rec_set_int(r, SERVICE_RECORD_LATE, x->now > due);
	rec_set_int(r, SERVICE_RECORD_YEAR, today_ymd(rec_int(r, SERVICE_RECORD_STARTS_AT, 0)) / 10000);
	rec_set_int(r, SERVICE_RECORD_CREATED_AT, x->now);
	return ERR_OK;
}

/* The caller by name: their person's, else their username. */
static const char *caller_name(struct ctx *x)
{
	const char *me = x->who && x->who->person_id ? svc_person_name(x, x->who->person_id) : NULL;
	return me ? me : x->who ? x->who->username : "liandong 命令行";
}

void ledger_sign(struct ctx *x, struct rec *r, int manual)
{
	rec_set_text(r, SERVICE_RECORD_RECORDER_NAME, caller_name(x));
	rec_set_int(r, SERVICE_RECORD_MANUAL, manual);
	if (!rec_has(r, SERVICE_RECORD_OUTSIDE_WINDOW))
		rec_set_int(r, SERVICE_RECORD_OUTSIDE_WINDOW, 0);
	rec_set_int(r, SERVICE_RECORD_EXTENDED, 0);
	const char *pic = rec_text(r, SERVICE_RECORD_PERSON_IN_CHARGE);
	struct rec act, sw;
	if ((!pic || !*pic) && rec_has(r, SERVICE_RECORD_ACTIVITY_ID) &&
	    store_get(x->c, &activity_entity, rec_int(r, SERVICE_RECORD_ACTIVITY_ID, 0), NULL, &act, x->a) == ERR_OK &&
	    rec_has(&act, ACTIVITY_LEAD_SOCIAL_WORKER_ID) &&
	    store_get(x->c, &sw_entity, rec_int(&act, ACTIVITY_LEAD_SOCIAL_WORKER_ID, 0), NULL, &sw, x->a) == ERR_OK)
		rec_set_text(r, SERVICE_RECORD_PERSON_IN_CHARGE, svc_person_name(x, rec_int(&sw, SOCIAL_WORKER_PERSON_ID, 0)));
}

/* Staff of the record's org, or a platform admin. */
enum err record_staff(struct ctx *x, int64_t org_id, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	const char *opath;
	enum err e = org_paths(x, org_id, "org_id", &opath, NULL, ei);
	if (e)
		return e;
	if (access_org(x->who, ROLES_ORG_STAFF, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "org_id", "only the organising org's staff keep its records");
}

static enum err record_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	enum err e;
	if (!rec_has(nw, SERVICE_RECORD_ORG_ID)) {
		/* default: the activity's organiser, else the volunteer's org */
		struct rec src;
		int act = rec_has(nw, SERVICE_RECORD_ACTIVITY_ID);
		e = act ? store_get(x->c, &activity_entity, rec_int(nw, SERVICE_RECORD_ACTIVITY_ID, 0), NULL, &src, x->a)
			: store_get(x->c, &vol_entity, rec_int(nw, SERVICE_RECORD_VOLUNTEER_ID, 0), NULL, &src, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		rec_set_int(nw, SERVICE_RECORD_ORG_ID, rec_int(&src, act ? ACTIVITY_ORG_ID : VOLUNTEER_ORG_ID, 0));
	}
	return record_staff(x, rec_int(nw, SERVICE_RECORD_ORG_ID, 0), ei);
}

static enum err record_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	int64_t start = rec_int(nw, SERVICE_RECORD_STARTS_AT, 0), end = rec_int(nw, SERVICE_RECORD_ENDS_AT, 0);
	if (end <= start)
		return err_set(ei, ERR_INVALID, "ends_at", "ends_at must be after starts_at");
	if (end > x->now + 3600)
		return err_set(ei, ERR_INVALID, "ends_at", "service cannot be recorded before it happens");
	int64_t window = (end - start + 30) / 60, minutes = window;
	const struct val *h = rec_cval(nw, SERVICE_RECORD_HOURS);
	if (h->set && !h->null) {
		minutes = (int64_t)(h->r * 60.0 + 0.5);
		if (minutes < 1 || minutes > window)
			return err_set(ei, ERR_INVALID, "hours", "hours must be more than 0 and at most the time between starts_at and ends_at");
	}
	rec_set_int(nw, SERVICE_RECORD_MINUTES, minutes);
	if (rec_has(nw, SERVICE_RECORD_REPLACES_ID)) {
		struct rec prev;
		enum err e = store_get(x->c, &service_record_entity, rec_int(nw, SERVICE_RECORD_REPLACES_ID, 0), NULL, &prev, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		if (strcmp(rec_text(&prev, SERVICE_RECORD_STATUS), "voided") != 0 ||
		    rec_int(&prev, SERVICE_RECORD_VOLUNTEER_ID, 0) != rec_int(nw, SERVICE_RECORD_VOLUNTEER_ID, 0))
			return err_set(ei, ERR_INVALID, "replaces_id", "a record replaces a voided record of the same volunteer");
	}
	int64_t activity_end = end;
	if (rec_has(nw, SERVICE_RECORD_ACTIVITY_ID)) {
		struct rec act;
		if (store_get(x->c, &activity_entity, rec_int(nw, SERVICE_RECORD_ACTIVITY_ID, 0), NULL, &act, x->a) == ERR_OK)
			activity_end = rec_int(&act, ACTIVITY_ENDS_AT, end);
	}
	enum err stamped = ledger_stamp(x, nw, activity_end, ei);
	if (stamped)
		return stamped;
	ledger_sign(x, nw, 1);
	const char *pic = rec_text(nw, SERVICE_RECORD_PERSON_IN_CHARGE);
	if (!pic || !*pic)
		return err_set(ei, ERR_REQUIRED, "person_in_charge",
			       "the person in charge is required when the activity has no lead social worker");
	return ERR_OK;
}

static void record_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)x;
	(void)mask_all;
	rec_set_real(r, SERVICE_RECORD_HOURS, minutes_to_hours(rec_int(r, SERVICE_RECORD_MINUTES, 0)));
}

const struct resource res_service_records = {
	.e = &service_record_entity,
	.authorize = record_authorize,
	.prepare = record_prepare,
	.present = record_present,
	.no_update = 1,
};

/* Recompute a volunteer's year and then verified hours and stars from the
 * ledger. The volunteer's row is locked first: two verifies or voids of
 * the same volunteer's records then recompute one after the other, the
 * second seeing the first's record (on PostgreSQL, READ COMMITTED, each
 * would otherwise sum without the other's and the later total would drop
 * one; SQLite's writers are serial already). */
static enum err refresh_volunteer(struct ctx *x, int64_t volunteer_id, int year, struct errinfo *ei)
{
	int64_t minutes = 0;
	struct rec vol;
	enum err e = store_get_locked(x->c, &vol_entity, volunteer_id, NULL, &vol, x->a);
	if (!e)
		e = store_year_refresh(x->c, volunteer_id, year);
	if (!e)
		e = store_verified_minutes(x->c, volunteer_id, &minutes);
	if (!e)
		e = store_volunteer_hours_set(x->c, volunteer_id, minutes_to_hours(minutes),
					      stars_for_minutes(minutes, x->app->star_hours));
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

struct change_args {
	int64_t id;
	const char *to, *reason;
	const struct record_verify *v;	/* verifying: what the verifier adds, or NULL */
};

/* The verifier's additions to nw (old as read): the who-may-verify rule,
 * hours extended with a reason, the evaluation and the person in charge
 * when the record has none. */
static enum err verify_fill(struct ctx *x, const struct record_verify *v, struct rec *nw, struct errinfo *ei)
{
	struct rec vol;
	enum err e = store_get(x->c, &vol_entity, rec_int(nw, SERVICE_RECORD_VOLUNTEER_ID, 0), NULL, &vol, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	struct verdict vd = verify_allowed(x->who ? x->who->person_id : 0, x->who ? x->who->user_id : 0,
					   rec_int(&vol, VOLUNTEER_PERSON_ID, 0), (int)rec_int(nw, SERVICE_RECORD_MANUAL, 0),
					   rec_int(nw, SERVICE_RECORD_RECORDER_USER_ID, 0));
	if (!vd.ok)
		return err_set(ei, ERR_FORBIDDEN, vd.field, vd.message);
	int64_t minutes, span = (rec_int(nw, SERVICE_RECORD_ENDS_AT, 0) - rec_int(nw, SERVICE_RECORD_STARTS_AT, 0) + 30) / 60;
	int extended;
	vd = verify_minutes(rec_int(nw, SERVICE_RECORD_MINUTES, 0), span, v ? v->minutes : -1, v ? v->reason : NULL,
			    &minutes, &extended);
	if (!vd.ok)
		return err_set(ei, ERR_INVALID, vd.field, vd.message);
	if (extended) {
		rec_set_int(nw, SERVICE_RECORD_MINUTES, minutes);
		rec_set_int(nw, SERVICE_RECORD_EXTENDED, 1);
		rec_set_text(nw, SERVICE_RECORD_EXTENSION_REASON, v->reason);
	}
	if (v && v->evaluation) {
		if (rec_has(nw, SERVICE_RECORD_EVALUATION))
			return err_set(ei, ERR_CONFLICT, "evaluation", "the record already has an evaluation");
		rec_set_text(nw, SERVICE_RECORD_EVALUATION, v->evaluation);
	}
	if (v && v->person_in_charge) {
		if (rec_has(nw, SERVICE_RECORD_PERSON_IN_CHARGE))
			return err_set(ei, ERR_CONFLICT, "person_in_charge", "the record already names its person in charge");
		rec_set_text(nw, SERVICE_RECORD_PERSON_IN_CHARGE, v->person_in_charge);
	}
	/* an attendance of an activity without a lead: the verifier vouches */
	if (!rec_has(nw, SERVICE_RECORD_PERSON_IN_CHARGE))
		rec_set_text(nw, SERVICE_RECORD_PERSON_IN_CHARGE, caller_name(x));
	rec_set_int(nw, SERVICE_RECORD_VERIFIER_USER_ID, x->who ? x->who->user_id : 0);
	rec_set_int(nw, SERVICE_RECORD_VERIFIED_AT, x->now);
	return ERR_OK;
}

static enum err do_change(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct change_args *c = arg;
	struct rec old, nw;
	enum err e = svc_load_for_write(x, &service_record_entity, c->id, &old, ei);
	if (e || (e = record_staff(x, rec_int(&old, SERVICE_RECORD_ORG_ID, 0), ei)))
		return e;
	const char *from = rec_text(&old, SERVICE_RECORD_STATUS);
	int verifying = strcmp(c->to, "verified") == 0;
	if (verifying ? strcmp(from, "recorded") != 0 : strcmp(from, "voided") == 0)
		return err_setf(ei, ERR_CONFLICT, "status", "a %s record cannot be %s", from, c->to);
	nw = old;
	rec_set_text(&nw, SERVICE_RECORD_STATUS, c->to);
	if (verifying) {
		if ((e = verify_fill(x, c->v, &nw, ei)))
			return e;
	} else {
		rec_set_text(&nw, SERVICE_RECORD_VOID_REASON, c->reason);
		rec_set_int(&nw, SERVICE_RECORD_VOIDED_BY_USER_ID, x->who ? x->who->user_id : 0);
		rec_set_int(&nw, SERVICE_RECORD_VOIDED_AT, x->now);
	}
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	if ((verifying || strcmp(from, "verified") == 0) &&
	    (e = refresh_volunteer(x, rec_int(&nw, SERVICE_RECORD_VOLUNTEER_ID, 0), (int)rec_int(&nw, SERVICE_RECORD_YEAR, 0), ei)))
		return e;
	/* service again: an inactive volunteer returns (issue 15) */
	if (verifying && (e = volunteer_served(x, rec_int(&nw, SERVICE_RECORD_VOLUNTEER_ID, 0),
					       rec_int(&nw, SERVICE_RECORD_STARTS_AT, 0), ei)))
		return e;
	return svc_audit(x, verifying ? "verify" : "void", &res_service_records, c->id, &old, &nw)
		       ? err_set(ei, ERR_INTERNAL, NULL, NULL)
		       : ERR_OK;
}

enum err svc_record_verify(struct ctx *x, int64_t id, const struct record_verify *v, struct rec *out,
			   struct errinfo *ei)
{
	struct change_args c = {id, "verified", NULL, v};
	enum err e = svc_tx(x, do_change, &c, ei);
	return e ? e : svc_get(x, &res_service_records, id, out, ei);
}

/* A void's reason: required, at most 1000 bytes. */
static enum err void_reason_check(const char *reason, struct errinfo *ei)
{
	if (!reason || !*reason)
		return err_set(ei, ERR_REQUIRED, "reason", "a void needs a reason");
	if (strlen(reason) > 1000)
		return err_set(ei, ERR_INVALID, "reason", "reason must be at most 1000 bytes");
	return ERR_OK;
}

enum err ledger_void_in(struct ctx *x, int64_t id, const char *reason, struct errinfo *ei)
{
	struct change_args c = {id, "voided", reason, NULL};
	enum err e = void_reason_check(reason, ei);
	return e ? e : do_change(x, &c, ei);
}

enum err svc_record_void(struct ctx *x, int64_t id, const char *reason, struct rec *out, struct errinfo *ei)
{
	enum err e = void_reason_check(reason, ei);
	if (e)
		return e;
	struct change_args c = {id, "voided", reason, NULL};
	if ((e = svc_tx(x, do_change, &c, ei)))
		return e;
	return svc_get(x, &res_service_records, id, out, ei);
}

enum err svc_volunteer_hours(struct ctx *x, int64_t volunteer_id, struct hours_summary *out, struct errinfo *ei)
{
	struct rec v;
	enum err e = store_hours_of(x->c, &vol_entity, svc_scope(x, &vol_entity), volunteer_id, &v, &out->minutes,
				    &out->years, &out->nyears, &out->last_service_at, x->a);
	if ((e = svc_loaded(x, &vol_entity, volunteer_id, e, &v, ei)))
		return e;
	out->year = today_ymd(x->now) / 10000;
	out->year_minutes = 0;
	for (int i = 0; i < out->nyears; i++)
		if (out->years[i].year == out->year)
			out->year_minutes = out->years[i].minutes;
	out->stars = stars_for_minutes(out->minutes, x->app->star_hours);
	return ERR_OK;
}

enum err svc_volunteer_shifts(struct ctx *x, int64_t volunteer_id, struct upcoming **rows, int *n,
			      struct errinfo *ei)
{
	struct rec v;
	enum err e = store_upcoming(x->c, &vol_entity, svc_scope(x, &vol_entity), volunteer_id, &v, x->now, 100, rows,
				    n, x->a);
	return svc_loaded(x, &vol_entity, volunteer_id, e, &v, ei);
}

enum err svc_recognition(struct ctx *x, int64_t region_id, int year, int limit, struct ranked **rows, int *n,
			 struct errinfo *ei)
{
	const char *path;
	enum err e = region_path(x, region_id, "region_id", &path, ei);
	if (e)
		return e;
	/* who may read a region's list: its regional admins, staff of orgs in
	 * it, platform admins */
	int ok = access_platform(x->who) || access_region(x->who, path);
	for (int i = 0; !ok && x->who && i < x->who->nroles; i++) {
		const char *rp = x->who->roles[i].org_region_path;
		int r = role_parse(x->who->roles[i].role);
		ok = r >= 0 && (ROLES_ORG_STAFF & RB(r)) && rp && strncmp(rp, path, strlen(path)) == 0;
	}
	if (!ok)
		return err_set(ei, ERR_FORBIDDEN, "region_id", "the region is outside the caller's scope");
	if ((e = store_recognition(x->c, region_id, year, limit, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}
