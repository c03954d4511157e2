/* workforce.c - the two workforces: social workers (qualification,
 * certificate, supervisor) and volunteers (unified number, the recruitment
 * pipeline of domain/pipeline.h with its history, and its age rules). */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/eligibility.h"
#include "domain/idcard.h"
#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "domain/workforce.h"
#include "model/codec.h"
#include "service/geo.h"
#include "service/service.h"
#include "store/service_store.h"
#include "store/store.h"

/* Org staff of the record's org (or a platform admin) may write it. */
static enum err staff_authorize(struct ctx *x, int64_t org_id, unsigned roles, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	const char *opath;
	enum err e = org_paths(x, org_id, "org_id", &opath, NULL, ei);
	if (e)
		return e;
	if (access_org(x->who, roles, opath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "org_id", "the organisation is outside the caller's scope");
}

/* ---- social workers ---- */
static enum err sw_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return staff_authorize(x, rec_int(nw, SOCIAL_WORKER_ORG_ID, 0), RB(R_ORG_ADMIN), ei);
}

static enum err sw_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (strcmp(rec_text(nw, SOCIAL_WORKER_QUALIFICATION), "none") != 0 && !rec_has(nw, SOCIAL_WORKER_CERTIFICATE_NO))
		return err_set(ei, ERR_REQUIRED, "certificate_no", "a qualified social worker needs a certificate_no");
	if (old && rec_int(nw, SOCIAL_WORKER_SUPERVISOR_ID, 0) == old->id)
		return err_set(ei, ERR_INVALID, "supervisor_id", "a social worker cannot supervise themself");
	enum err e;
	int64_t sup = rec_int(nw, SOCIAL_WORKER_SUPERVISOR_ID, 0);
	/* a supervisor (督导) holds what the rule asks (issue 15) */
	if (sup && (!old || sup != rec_int(old, SOCIAL_WORKER_SUPERVISOR_ID, 0)) &&
	    (e = svc_qual_require(x, QW_SUPERVISOR, sup, "supervisor_id", ei)))
		return e;
	/* ... and keeps it while anyone names them */
	if (old && strcmp(rec_text(nw, SOCIAL_WORKER_QUALIFICATION), rec_text(old, SOCIAL_WORKER_QUALIFICATION)) != 0) {
		static const struct scope all = {.all = 1};
		struct val f[8] = {{0}};
		f[3] = (struct val){.set = 1, .i = old->id}; /* supervisor_id: sw_filters, model/entities.c */
		struct rec led;
		int n = 0;
		enum qual_level need;
		int held = qual_level_parse(rec_text(nw, SOCIAL_WORKER_QUALIFICATION));
		if ((e = store_list(x->c, &sw_entity, &all, 0, 1, f, &led, &n, x->a)))
			return err_set(ei, e, NULL, NULL);
		if (n && (e = svc_qual_needed(x, QW_SUPERVISOR, &need, ei)))
			return e;
		if (n && (held < 0 || !qual_enough((enum qual_level)held, need)))
			return err_setf(ei, ERR_RULE, "qualification",
					"this social worker supervises others, which needs %s (%s) or above",
					qual_level_zh(need), qual_level_name(need));
	}
	return ERR_OK;
}

const char *svc_person_name(struct ctx *x, int64_t person_id)
{
	struct rec p;
	if (!person_id || store_get(x->c, &person_entity, person_id, NULL, &p, x->a))
		return NULL;
	return rec_text(&p, PERSON_NAME);
}

/* The name of the person that row `id` of e names in field k, or NULL. */
static const char *named_person(struct ctx *x, const struct entity *e, int k, int64_t id)
{
	struct rec r;
	if (!id || store_get(x->c, e, id, NULL, &r, x->a))
		return NULL;
	return svc_person_name(x, rec_int(&r, k, 0));
}

const char *svc_worker_name(struct ctx *x, int64_t sw_id)
{
	return named_person(x, &sw_entity, SOCIAL_WORKER_PERSON_ID, sw_id);
}

const char *svc_volunteer_name(struct ctx *x, int64_t vol_id)
{
	return named_person(x, &vol_entity, VOLUNTEER_PERSON_ID, vol_id);
}

/* Lists and pickers show the person's name (issue 18); not in the audit. */
static void sw_present(struct ctx *x, struct rec *r, int mask_all)
{
	rec_set_text(r, SOCIAL_WORKER_NAME, mask_all ? NULL : svc_person_name(x, rec_int(r, SOCIAL_WORKER_PERSON_ID, 0)));
}

const struct resource res_social_workers = {
	.e = &sw_entity,
	.authorize = sw_authorize,
	.prepare = sw_prepare,
	.present = sw_present,
};

/* ---- volunteers ---- */
static enum err vol_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	/* A signed-in person may apply for themself. */
	if (!old && x->who && x->who->person_id && rec_int(nw, VOLUNTEER_PERSON_ID, 0) == x->who->person_id &&
	    !access_platform(x->who)) {
		const char *opath;
		enum err e = org_paths(x, rec_int(nw, VOLUNTEER_ORG_ID, 0), "org_id", &opath, NULL, ei);
		if (e)
			return e;
		if (!access_org(x->who, ROLES_ORG_STAFF, opath))
			return ERR_OK;
	}
	return staff_authorize(x, rec_int(nw, VOLUNTEER_ORG_ID, 0), ROLES_ORG_STAFF, ei);
}

/* Age rules: under 14 may not apply; 14-17 need a guardian's consent. */
static enum err age_check(struct ctx *x, const struct rec *nw, struct errinfo *ei)
{
	struct rec person;
	enum err e = store_get(x->c, &person_entity, rec_int(nw, VOLUNTEER_PERSON_ID, 0), NULL, &person, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "person_id", "no such person");
	int y, m, d;
	const char *birth = rec_text(&person, PERSON_BIRTH_DATE);
	if (!birth || date_parse(birth, &y, &m, &d))
		return err_set(ei, ERR_RULE, "person_id",
			       "the person has no birth date; record their ID number first");
	switch (volunteer_age_rule(age_on(y, m, d, today_ymd(x->now)))) {
	case AGE_TOO_YOUNG:
		return err_set(ei, ERR_RULE, "person_id", "volunteers must be at least 14 years old");
	case AGE_MINOR_CONSENT:
		if (!rec_int(nw, VOLUNTEER_GUARDIAN_CONSENT, 0))
			return err_set(ei, ERR_REQUIRED, "guardian_consent",
				       "a volunteer under 18 needs a guardian's consent");
		if (!rec_has(nw, VOLUNTEER_GUARDIAN_NAME))
			return err_set(ei, ERR_REQUIRED, "guardian_name",
				       "a volunteer under 18 needs the guardian's name");
		return ERR_OK;
	case AGE_ADULT:
		return ERR_OK;
	}
	return ERR_OK;
}

/* 志愿者统一编号: the org region's 6-digit code, the year, a 7-digit
 * sequence per region and year. */
static enum err volunteer_no(struct ctx *x, struct rec *nw, struct errinfo *ei)
{
	struct rec org, region;
	enum err e = store_get(x->c, &org_entity, rec_int(nw, VOLUNTEER_ORG_ID, 0), NULL, &org, x->a);
	if (!e)
		e = store_get(x->c, &region_entity, rec_int(&org, ORG_REGION_ID, 0), NULL, &region, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "org_id", "no such organisation");
	char code[7];
	snprintf(code, sizeof code, "%.6s", rec_text(&region, REGION_CODE));
	int year = today_ymd(x->now) / 10000;
	int64_t seq;
	if ((e = store_counter_next(x->c, arena_printf(x->a, "volunteer_no:%s:%d", code, year), &seq)))
		return err_set(ei, e, NULL, NULL);
	if (seq > 9999999)
		return err_set(ei, ERR_CONFLICT, "org_id", "the region has used every volunteer number this year");
	rec_set_text(nw, VOLUNTEER_VOLUNTEER_NO, arena_printf(x->a, "%s%04d%07lld", code, year, (long long)seq));
	return ERR_OK;
}

/* What the volunteer states for matching: weekly windows that parse and
 * activity modes that exist. */
static enum err matching_prefs(struct ctx *x, const struct rec *nw, struct errinfo *ei)
{
	const char **items;
	int n = codec_strings(rec_text(nw, VOLUNTEER_AVAILABILITY), &items, x->a);
	for (int i = 0; i < n; i++) {
		struct avail_window w;
		if (avail_parse(items[i], &w))
			return err_setf(ei, ERR_INVALID, "availability",
					"\"%s\" is not a weekly window like \"mon 08:00-12:00\"", items[i]);
	}
	n = codec_strings(rec_text(nw, VOLUNTEER_PREFERRED_MODES), &items, x->a);
	for (int i = 0; i < n; i++)
		if (!mode_roles(items[i]))
			return err_setf(ei, ERR_INVALID, "preferred_modes", "unknown activity mode \"%s\"", items[i]);
	return ERR_OK;
}

static enum err vol_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e = matching_prefs(x, nw, ei);
	if (e)
		return e;
	if (!old) {
		const char *stage = rec_text(nw, VOLUNTEER_STAGE);
		if (stage && strcmp(stage, "applied") != 0)
			return err_set(ei, ERR_INVALID, "stage", "a new volunteer starts at stage applied");
		rec_set_text(nw, VOLUNTEER_STAGE, "applied");
		rec_set_real(nw, VOLUNTEER_VERIFIED_HOURS, 0);
		rec_set_int(nw, VOLUNTEER_STARS, 0);
		if (!rec_has(nw, VOLUNTEER_GUARDIAN_CONSENT))
			rec_set_int(nw, VOLUNTEER_GUARDIAN_CONSENT, 0);
		if ((e = volunteer_no(x, nw, ei)))
			return e;
	} else if (!rec_has(nw, VOLUNTEER_GUARDIAN_CONSENT)) {
		rec_set_int(nw, VOLUNTEER_GUARDIAN_CONSENT, 0);
	}
	/* the lead social worker (带教社工) works in the volunteer's org or
	 * one above it (a station's worker leads the station team's volunteers) */
	int64_t lead = rec_int(nw, VOLUNTEER_LEAD_SOCIAL_WORKER_ID, 0);
	if (lead && (!old || lead != rec_int(old, VOLUNTEER_LEAD_SOCIAL_WORKER_ID, 0)) &&
	    (e = svc_sw_over_org(x, lead, rec_int(nw, VOLUNTEER_ORG_ID, 0), "lead_social_worker_id", ei)))
		return e;
	return age_check(x, nw, ei);
}

static enum err stage_event(struct ctx *x, int64_t volunteer_id, const char *from, const char *to, const char *note,
			    struct errinfo *ei)
{
	struct rec ev;
	static const struct history_keys k = {&stage_event_entity, STAGE_EVENT_VOLUNTEER_ID, STAGE_EVENT_FROM,
						     STAGE_EVENT_TO, STAGE_EVENT_NOTE, STAGE_EVENT_BY_USER_ID,
						     STAGE_EVENT_AT};
	svc_history(x, &ev, &k, volunteer_id, from, to, note);
	return store_insert(x->c, &ev, ei);
}

static enum err vol_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e = old ? ERR_OK : stage_event(x, nw->id, NULL, "applied", "application", ei);
	/* the emergency index of every process (stage and org are fixed on PATCH) */
	if (!e && !old)
		e = geo_volunteer_written(x, nw->id, rec_int(nw, VOLUNTEER_PERSON_ID, 0), ei);
	return e;
}

static void vol_present(struct ctx *x, struct rec *r, int mask_all)
{
	rec_set_text(r, VOLUNTEER_NAME, mask_all ? NULL : svc_person_name(x, rec_int(r, VOLUNTEER_PERSON_ID, 0)));
}

const struct resource res_volunteers = {
	.e = &vol_entity,
	.authorize = vol_authorize,
	.prepare = vol_prepare,
	.after = vol_after,
	.present = vol_present,
};

struct stage_args {
	int64_t id;
	const char *to, *note;
};

static enum err do_stage(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct stage_args *s = arg;
	struct rec old, nw;
	enum vstage from, to;
	enum err e;

	if ((e = svc_load_for_write(x, &vol_entity, s->id, &old, ei)))
		return e;
	if (vstage_parse(s->to, &to) < 0)
		return err_set(ei, ERR_INVALID, "to", "to is not a volunteer stage");
	if (vstage_parse(rec_text(&old, VOLUNTEER_STAGE), &from) < 0)
		return err_set(ei, ERR_INTERNAL, NULL, "stored stage is unknown");
	int self_withdraw = old.vis_self && to == VS_WITHDRAWN;
	if (!self_withdraw && (e = staff_authorize(x, rec_int(&old, VOLUNTEER_ORG_ID, 0), ROLES_ORG_STAFF, ei)))
		return e;
	if (!vstage_can_move(from, to))
		return err_setf(ei, ERR_TRANSITION, "to", "a volunteer cannot move from %s to %s", vstage_name(from),
				vstage_name(to));
	nw = old;
	rec_set_text(&nw, VOLUNTEER_STAGE, vstage_name(to));
	rec_set_int(&nw, VOLUNTEER_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)) ||
	    (e = stage_event(x, s->id, vstage_name(from), vstage_name(to), s->note, ei)) ||
	    (e = geo_volunteer_written(x, s->id, rec_int(&old, VOLUNTEER_PERSON_ID, 0), ei)))
		return e;
	if ((e = svc_audit(x, "stage", &res_volunteers, s->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_volunteer_stage(struct ctx *x, int64_t id, const char *to, const char *note, struct rec *out,
			     struct errinfo *ei)
{
	struct stage_args s = {id, to, note};
	enum err e = svc_tx(x, do_stage, &s, ei);
	return e ? e : svc_get(x, &res_volunteers, id, out, ei);
}

/* ---- inactivity (issue 15) ---- */
/* A stage move by the system, in the caller's transaction: no caller, so
 * the history's by_user_id and the audit's user are empty. */
static enum err system_move(struct ctx *x, int64_t id, enum vstage to, const char *note, struct errinfo *ei)
{
	struct ctx sys = *x;
	sys.who = NULL;
	struct stage_args s = {id, vstage_name(to), note};
	return do_stage(&sys, &s, ei);
}

/* Volunteers moved by one transaction: one commit and one sync for many
 * (a first sweep over a city may move tens of thousands), while a request
 * waits for the write lock no longer than a few milliseconds. */
#define SWEEP_PER_TX 32

struct sweep_args {
	const int64_t *ids;
	int n;
	int64_t cutoff;
	int moved;
};

static enum err sweep_some(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct sweep_args *a = arg;
	a->moved = 0;
	for (int i = 0; i < a->n; i++) {
		struct rec v;
		int64_t *ids, id = a->ids[i];
		int n;
		/* the lock a verify takes too (ledger.c), then the check again */
		enum err e = store_get_locked(x->c, &vol_entity, id, NULL, &v, x->a);
		if (!e)
			e = store_idle_registered(x->c, a->cutoff, id - 1, id, 1, &ids, &n, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		if (n && (e = system_move(x, id, VS_INACTIVE, INACTIVE_NOTE, ei)))
			return e;
		a->moved += n > 0;
	}
	return ERR_OK;
}

static enum err sweep_all(struct ctx *x, int months, const atomic_int *stop, int64_t *moved, struct errinfo *ei)
{
	enum { BATCH = 500 };
	int64_t cutoff = inactive_cutoff(x->now, months), after = 0;
	enum err e = ERR_OK;
	*moved = 0;
	for (int n = BATCH; !e && n == BATCH;) {
		int64_t *ids;
		struct arena a = ARENA_INIT;	/* a batch's reads and moves, freed whole */
		struct ctx bx = *x;
		bx.a = &a;
		if ((e = store_idle_registered(x->c, cutoff, after, 0, BATCH, &ids, &n, &a)))
			err_set(ei, e, NULL, NULL);
		if (stop && atomic_load(stop))
			n = 0;
		for (int i = 0; !e && i < n && !(stop && atomic_load(stop)); i += SWEEP_PER_TX) {
			struct sweep_args s = {ids + i, n - i < SWEEP_PER_TX ? n - i : SWEEP_PER_TX, cutoff, 0};
			if (!(e = svc_tx(&bx, sweep_some, &s, ei)))
				*moved += s.moved;
		}
		after = n ? ids[n - 1] : after;
		arena_release(&a);
	}
	return e;
}

enum err svc_sweep_inactive(struct app *app, const atomic_int *stop, int64_t *moved, struct errinfo *ei)
{
	struct arena a = ARENA_INIT;
	struct ctx x;
	svc_ctx_begin(&x, app, &a);
	enum err e = sweep_all(&x, app->inactive_after_months, stop, moved, ei);
	svc_ctx_end(&x);
	arena_release(&a);
	return e;
}

enum err volunteer_served(struct ctx *x, int64_t volunteer_id, int64_t served_at, struct errinfo *ei)
{
	struct rec v;
	enum err e = store_get(x->c, &vol_entity, volunteer_id, NULL, &v, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	int months = x->app->inactive_after_months > 0 ? x->app->inactive_after_months : INACTIVE_AFTER_MONTHS_DEFAULT;
	if (strcmp(rec_text(&v, VOLUNTEER_STAGE), vstage_name(VS_INACTIVE)) != 0 ||
	    served_at < inactive_cutoff(x->now, months))
		return ERR_OK;
	return system_move(x, volunteer_id, VS_REGISTERED, RETURN_NOTE, ei);
}

const struct resource res_stage_events = {
	.e = &stage_event_entity,
	.no_create = 1,
	.no_update = 1,
};
