/* supervision.c - the supervision chain (督导+社工+志愿者, issue 15, SPEC
 * 3.5): supervision sessions of a supervisor with social workers of their
 * own chain (those whose supervisor_id names them), the hours each gets a
 * year, and a social worker over an org (a volunteer's lead, a client's
 * worker). Confidential notes are sealed like case notes and opened only
 * for the two sides: the supervisor and the session's social workers, as
 * people; not for their orgs' admins, not for platform admins, never in
 * the audit. */
#include <string.h>

#include "domain/timefmt.h"
#include "model/codec.h"
#include "service/keys.h"
#include "service/service.h"
#include "store/linkage_store.h"
#include "store/store.h"

/* A session is at most this long. */
#define SUPERVISION_MAX_SECONDS (12 * 3600)

enum err svc_sw_over_org(struct ctx *x, int64_t social_worker_id, int64_t org_id, const char *field,
			 struct errinfo *ei)
{
	struct rec sw;
	const char *org_path, *sw_path;
	enum err e = store_get(x->c, &sw_entity, social_worker_id, NULL, &sw, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, field, "no such social worker");
	if ((e = org_paths(x, org_id, "org_id", &org_path, NULL, ei)) ||
	    (e = org_paths(x, rec_int(&sw, SOCIAL_WORKER_ORG_ID, 0), field, &sw_path, NULL, ei)))
		return e;
	if (strncmp(org_path, sw_path, strlen(sw_path)) != 0)
		return err_set(ei, ERR_RULE, field, "the social worker must belong to the organisation or one above it");
	return ERR_OK;
}

/* The supervisor's record (for the session nw or old). */
static enum err supervisor_of(struct ctx *x, const struct rec *r, struct rec *sw, struct errinfo *ei)
{
	enum err e = store_get(x->c, &sw_entity, rec_int(r, SUPERVISION_SESSION_SUPERVISOR_ID, 0), NULL, sw, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "supervisor_id", "no such social worker");
	return ERR_OK;
}

/* May the caller, as org admin or supervisor, act over social worker id's
 * org? */
static int over_worker(struct ctx *x, int64_t id)
{
	struct rec sw;
	const char *opath;
	struct errinfo ignored;
	return store_get(x->c, &sw_entity, id, NULL, &sw, x->a) == ERR_OK &&
	       org_paths(x, rec_int(&sw, SOCIAL_WORKER_ORG_ID, 0), "social_worker_ids", &opath, NULL, &ignored) ==
		       ERR_OK &&
	       access_org(x->who, RB(R_ORG_ADMIN) | RB(R_SUPERVISOR), opath);
}

/* The supervisor themself, an org admin or supervisor-role user over the
 * supervisor's org or over a session's social worker's org (the station
 * that buys in an agency's supervisor), or a platform admin records and
 * edits a session. */
static enum err session_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct rec sup;
	enum err e = supervisor_of(x, old ? old : nw, &sup, ei);
	if (e || access_platform(x->who))
		return e;
	if (x->who && x->who->person_id && x->who->person_id == rec_int(&sup, SOCIAL_WORKER_PERSON_ID, 0))
		return ERR_OK;
	if (over_worker(x, sup.id))
		return ERR_OK;
	int64_t *ids = NULL;
	int n = 0;
	struct errinfo ignored;
	if (old)
		e = store_supervision_attendees(x->c, old->id, &ids, &n, x->a);
	else if (rec_text(nw, SUPERVISION_SESSION_SOCIAL_WORKER_IDS))
		e = codec_ids(rec_text(nw, SUPERVISION_SESSION_SOCIAL_WORKER_IDS), SUPERVISION_MAX_ATTENDEES, &ids, &n,
			      x->a, &ignored);
	for (int i = 0; !e && i < n; i++)
		if (over_worker(x, ids[i]))
			return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "supervisor_id",
		       "only the supervisor, or an org admin or supervisor of their org or of a session's social "
		       "worker, records their sessions");
}

/* The session's social workers: distinct, existing, each of the
 * supervisor's own chain (403 otherwise), one for an individual session
 * and more for a group. */
static enum err attendees_check(struct ctx *x, const struct rec *nw, struct errinfo *ei)
{
	int64_t *ids;
	int n;
	enum err e = codec_ids(rec_text(nw, SUPERVISION_SESSION_SOCIAL_WORKER_IDS), SUPERVISION_MAX_ATTENDEES, &ids, &n,
			       x->a, ei);
	if (e)
		return err_set(ei, e, "social_worker_ids", ei->message);
	int individual = strcmp(rec_text(nw, SUPERVISION_SESSION_FORM), "individual") == 0;
	if (n < 1 || (individual && n != 1))
		return err_set(ei, ERR_INVALID, "social_worker_ids",
			       individual ? "an individual session is with exactly one social worker"
					  : "a session needs at least one social worker");
	if (!individual && n < 2)
		return err_set(ei, ERR_INVALID, "form", "a session with one social worker is individual");
	int64_t sup = rec_int(nw, SUPERVISION_SESSION_SUPERVISOR_ID, 0);
	for (int i = 0; i < n; i++) {
		struct rec sw;
		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i])
				return err_set(ei, ERR_INVALID, "social_worker_ids", "social_worker_ids repeats a social worker");
		if ((e = store_get(x->c, &sw_entity, ids[i], NULL, &sw, x->a)))
			return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "social_worker_ids",
					"no social worker %lld", (long long)ids[i]);
		if (rec_int(&sw, SOCIAL_WORKER_SUPERVISOR_ID, 0) != sup)
			return err_setf(ei, ERR_FORBIDDEN, "social_worker_ids",
					"social worker %lld is not in supervisor %lld's chain (their supervisor_id)",
					(long long)ids[i], (long long)sup);
	}
	return ERR_OK;
}

static enum err session_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	struct rec sup;
	if (!old && (e = svc_qual_require(x, QW_SUPERVISOR, rec_int(nw, SUPERVISION_SESSION_SUPERVISOR_ID, 0),
					  "supervisor_id", ei)))
		return e;
	if ((e = supervisor_of(x, nw, &sup, ei)))
		return e;
	if (rec_text(nw, SUPERVISION_SESSION_SOCIAL_WORKER_IDS)) {
		if ((e = attendees_check(x, nw, ei)))
			return e;
	} else if (old && strcmp(rec_text(nw, SUPERVISION_SESSION_FORM), rec_text(old, SUPERVISION_SESSION_FORM)) != 0) {
		return err_set(ei, ERR_REQUIRED, "social_worker_ids", "a change of form names the social workers again");
	}
	int64_t from = rec_int(nw, SUPERVISION_SESSION_STARTS_AT, 0), to = rec_int(nw, SUPERVISION_SESSION_ENDS_AT, 0);
	if (to <= from)
		return err_set(ei, ERR_INVALID, "ends_at", "ends_at must be after starts_at");
	if (to - from > SUPERVISION_MAX_SECONDS)
		return err_set(ei, ERR_INVALID, "ends_at", "a supervision session lasts at most 12 hours");
	if (from > x->now)
		return err_set(ei, ERR_INVALID, "starts_at", "a session is recorded once it has taken place");
	rec_set_real(nw, SUPERVISION_SESSION_HOURS, (double)((to - from) / 36) / 100.0);
	rec_set_int(nw, SUPERVISION_SESSION_ORG_ID, rec_int(&sup, SOCIAL_WORKER_ORG_ID, 0));
	if (rec_has(nw, SUPERVISION_SESSION_CONFIDENTIAL_NOTES)) {
		const char *notes = rec_text(nw, SUPERVISION_SESSION_CONFIDENTIAL_NOTES), *sealed = NULL;
		if (notes && *notes && (e = svc_protect(x, notes, &sealed, NULL, ei)))
			return e;
		if (sealed)
			rec_set_text(nw, SUPERVISION_SESSION_NOTES_ENC, sealed);
		else
			rec_set_null(nw, SUPERVISION_SESSION_NOTES_ENC);
	}
	if (!old) {
		if (x->who)
			rec_set_int(nw, SUPERVISION_SESSION_RECORDED_BY_USER_ID, x->who->user_id);
		else
			rec_set_null(nw, SUPERVISION_SESSION_RECORDED_BY_USER_ID);
	}
	return ERR_OK;
}

static enum err session_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	const char *json = rec_text(nw, SUPERVISION_SESSION_SOCIAL_WORKER_IDS);
	if (!json)
		return ERR_OK;
	int64_t *ids;
	int n;
	enum err e = codec_ids(json, SUPERVISION_MAX_ATTENDEES, &ids, &n, x->a, ei);
	if (!e)
		e = store_supervision_attendees_set(x->c, nw->id, ids, n);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* A person holds few social-worker records (one per org they work for). */
#define SIDE_MAX_RECORDS 8

/* Is the caller, as a person, one of the two sides of session r (its
 * supervisor or one of its n social workers)? One query for the caller's
 * own social-worker records, whatever the number of attendees. */
static int caller_is_side(struct ctx *x, const struct rec *r, const int64_t *ids, int n)
{
	if (!x->who || !x->who->person_id)
		return 0;
	static const struct scope all = {.all = 1};
	/* every filter of the entity: org_id, region_id, qualification,
	 * supervisor_id, person_id */
	struct val f[ENTITY_MAX_FILTERS] = {{0}, {0}, {0}, {0}, {.set = 1, .i = x->who->person_id}};
	struct rec *mine = arena_alloc(x->a, sizeof *mine * SIDE_MAX_RECORDS);
	int k = 0;
	if (store_list(x->c, &sw_entity, &all, 0, SIDE_MAX_RECORDS, f, mine, &k, x->a) != ERR_OK)
		return 0;
	for (int j = 0; j < k; j++) {
		if (mine[j].id == rec_int(r, SUPERVISION_SESSION_SUPERVISOR_ID, 0))
			return 1;
		for (int i = 0; i < n; i++)
			if (mine[j].id == ids[i])
				return 1;
	}
	return 0;
}

static void session_present(struct ctx *x, struct rec *r, int mask_all)
{
	int64_t *ids = NULL;
	int n = 0;
	if (store_supervision_attendees(x->c, r->id, &ids, &n, x->a) == ERR_OK)
		rec_set_text(r, SUPERVISION_SESSION_SOCIAL_WORKER_IDS, codec_ids_dump(ids, n, x->a));
	const char *enc = rec_text(r, SUPERVISION_SESSION_NOTES_ENC);
	int side = !mask_all && enc && caller_is_side(x, r, ids, n);
	rec_set_text(r, SUPERVISION_SESSION_CONFIDENTIAL_NOTES, side ? svc_open(x, enc) : NULL);
}

const struct resource res_supervision_sessions = {
	.e = &supervision_session_entity,
	.authorize = session_authorize,
	.prepare = session_prepare,
	.after = session_after,
	.present = session_present,
};

enum err svc_supervision_hours(struct ctx *x, int64_t org_id, int year, int64_t after, int limit,
			       struct supervision_hours_row **rows, int *n, struct errinfo *ei)
{
	const char *opath, *rpath;
	enum err e = org_paths(x, org_id, "org_id", &opath, &rpath, ei);
	if (e)
		return e;
	if (!access_platform(x->who) && !access_org(x->who, ROLES_ORG_STAFF, opath) && !access_region(x->who, rpath))
		return err_set(ei, ERR_FORBIDDEN, "org_id", "supervision hours are for the org's staff");
	if (year < 2000 || year > 2100)
		return err_set(ei, ERR_INVALID, "year", "year must be a year such as 2026");
	if ((e = store_supervision_hours(x->c, opath, civil_start(year, 1, 1), civil_start(year + 1, 1, 1), after, limit,
					 rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}
