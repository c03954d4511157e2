/* councils.c - councils (议事会, issue 15 item 4, SPEC 3.6): a community's
 * council, its members (residents, social workers, volunteers, officials),
 * its meetings with agenda and attendance, the issues raised and the
 * resolutions voted on; an adopted resolution becomes a need or an
 * activity through the very flow of POST /needs or /activities, linked both
 * ways, and each issue shows what became of it.
 *
 * Who writes: org staff of an org whose region holds the council's
 * community (its own orgs, the town station above) and regional admins
 * over it, and platform admins; who reads: the same and the council's
 * members (model/entities_council.c). */
#include <string.h>

#include "model/codec.h"
#include "service/care.h"
#include "service/councils.h"
#include "store/store.h"

static const struct scope all_rows = {.all = 1};

/* Record id of entity e, unscoped: 422 naming `field` when it is missing. */
static enum err load_ref(struct ctx *x, const struct entity *e, int64_t id, const char *field, struct rec *out,
			 struct errinfo *ei)
{
	enum err err = store_get(x->c, e, id, NULL, out, x->a);
	if (err == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, field, "%s %lld does not exist", field, (long long)id);
	return err ? err_set(ei, err, NULL, NULL) : ERR_OK;
}

/* May the caller write what belongs to a council of region `region_id`?
 * 403 naming `field` otherwise. */
static enum err region_gate(struct ctx *x, int64_t region_id, const char *field, struct errinfo *ei)
{
	const char *path;
	enum err e = region_path(x, region_id, field, &path, ei);
	if (e || access_platform(x->who) || access_over_region(x->who, ROLES_ORG_STAFF, path))
		return e;
	return err_set(ei, ERR_FORBIDDEN, field,
		       "a council is kept by the staff of its community's orgs (or the town station above) and "
		       "its regional admins");
}

/* The same for a thing of council `council_id` (the council in *c). */
static enum err council_gate(struct ctx *x, int64_t council_id, const char *field, struct rec *c, struct errinfo *ei)
{
	enum err e = load_ref(x, &council_entity, council_id, field, c, ei);
	return e ? e : region_gate(x, rec_int(c, COUNCIL_REGION_ID, 0), field, ei);
}

/* A member's, meeting's or issue's write: the gate of its council (key). */
static enum err child_gate(struct ctx *x, const struct rec *nw, const struct rec *old, int key, struct errinfo *ei)
{
	struct rec c;
	return council_gate(x, rec_int(old ? old : nw, key, 0), "council_id", &c, ei);
}

/* ---- councils ---- */

static enum err council_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return region_gate(x, rec_int(old ? old : nw, COUNCIL_REGION_ID, 0), "region_id", ei);
}

static enum err council_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct rec region;
	enum err e;
	if (old)
		return ERR_OK;
	if ((e = load_ref(x, &region_entity, rec_int(nw, COUNCIL_REGION_ID, 0), "region_id", &region, ei)))
		return e;
	const char *level = rec_text(&region, REGION_LEVEL);
	if (!level || strcmp(level, "community") != 0)
		return err_set(ei, ERR_RULE, "region_id", "a council is a community's: region_id names a community");
	return ERR_OK;
}

const struct resource res_councils = {
	.e = &council_entity,
	.authorize = council_authorize,
	.prepare = council_prepare,
};

/* ---- members ---- */

static enum err member_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return child_gate(x, nw, old, COUNCIL_MEMBER_COUNCIL_ID, ei);
}

static enum err member_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)x;
	(void)old;
	if (!rec_has(nw, COUNCIL_MEMBER_ROLE))
		rec_set_text(nw, COUNCIL_MEMBER_ROLE, "member");
	const char *from = rec_text(nw, COUNCIL_MEMBER_JOINED_ON), *to = rec_text(nw, COUNCIL_MEMBER_LEFT_ON);
	if (from && to && strcmp(to, from) < 0)
		return err_set(ei, ERR_INVALID, "left_on", "left_on must not be before joined_on");
	return ERR_OK;
}

static void member_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	struct rec p;
	if (store_get(x->c, &person_entity, rec_int(r, COUNCIL_MEMBER_PERSON_ID, 0), NULL, &p, x->a) == ERR_OK)
		rec_set_text(r, COUNCIL_MEMBER_NAME, rec_text(&p, PERSON_NAME));
}

const struct resource res_council_members = {
	.e = &council_member_entity,
	.authorize = member_authorize,
	.prepare = member_prepare,
	.present = member_present,
};

/* ---- meetings ---- */

/* Member `id` of council `council_id`, or 422 naming `field`. */
static enum err member_of(struct ctx *x, int64_t id, int64_t council_id, const char *field, struct errinfo *ei)
{
	struct rec m;
	if (store_get(x->c, &council_member_entity, id, NULL, &m, x->a) != ERR_OK ||
	    rec_int(&m, COUNCIL_MEMBER_COUNCIL_ID, 0) != council_id)
		return err_setf(ei, ERR_INVALID, field, "%lld is not a member of council %lld", (long long)id,
				(long long)council_id);
	return ERR_OK;
}

/* The number of members present at meeting m. */
static int attendance_count(const struct rec *m, struct arena *a)
{
	int64_t *ids;
	int n = 0;
	struct errinfo ignored;
	const char *json = rec_text(m, COUNCIL_MEETING_ATTENDANCE);
	if (!json || codec_ids(json, COUNCIL_MAX_ATTENDANCE, &ids, &n, a, &ignored))
		return 0;
	return n;
}

/* The largest vote count of meeting `id`'s resolutions. */
static enum err most_votes(struct ctx *x, int64_t id, int64_t *most, struct errinfo *ei)
{
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	entity_filter_int(&resolution_entity, f, "meeting_id", id);
	struct rec *rows = arena_alloc(x->a, sizeof *rows * 100);
	int64_t after = 0;
	*most = 0;
	for (;;) {
		int n = 0;
		enum err e = store_list(x->c, &resolution_entity, &all_rows, after, 100, f, rows, &n, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		for (int i = 0; i < n; i++) {
			int64_t t = rec_int(&rows[i], RESOLUTION_VOTES_FOR, 0) +
				    rec_int(&rows[i], RESOLUTION_VOTES_AGAINST, 0) +
				    rec_int(&rows[i], RESOLUTION_VOTES_ABSTAIN, 0);
			if (t > *most)
				*most = t;
		}
		if (n < 100)
			return ERR_OK;
		after = rows[n - 1].id;
	}
}

static enum err meeting_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return child_gate(x, nw, old, COUNCIL_MEETING_COUNCIL_ID, ei);
}

/* Attendance: distinct members of the meeting's own council, and no fewer
 * than a resolution of the meeting already counted votes. */
static enum err meeting_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (!rec_has(nw, COUNCIL_MEETING_ATTENDANCE))
		return ERR_OK;
	int64_t *ids, council = rec_int(nw, COUNCIL_MEETING_COUNCIL_ID, 0);
	int n;
	enum err e = codec_ids(rec_text(nw, COUNCIL_MEETING_ATTENDANCE), COUNCIL_MAX_ATTENDANCE, &ids, &n, x->a, ei);
	if (e)
		return err_set(ei, e, "attendance", ei->message);
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i])
				return err_setf(ei, ERR_INVALID, "attendance", "attendance names member %lld twice",
						(long long)ids[i]);
		if ((e = member_of(x, ids[i], council, "attendance", ei)))
			return e;
	}
	int64_t most = 0;
	if (old && (e = most_votes(x, old->id, &most, ei)))
		return e;
	if (most > n)
		return err_setf(ei, ERR_RULE, "attendance",
				"a resolution of this meeting counted %lld votes: attendance cannot be fewer",
				(long long)most);
	return ERR_OK;
}

const struct resource res_council_meetings = {
	.e = &council_meeting_entity,
	.authorize = meeting_authorize,
	.prepare = meeting_prepare,
};

/* ---- issues ---- */

static enum err issue_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return child_gate(x, nw, old, COUNCIL_ISSUE_COUNCIL_ID, ei);
}

/* Meeting `id` of council `council_id`, or 422 naming `field`. */
static enum err meeting_of(struct ctx *x, int64_t id, int64_t council_id, const char *field, struct rec *m,
			   struct errinfo *ei)
{
	enum err e = load_ref(x, &council_meeting_entity, id, field, m, ei);
	if (!e && rec_int(m, COUNCIL_MEETING_COUNCIL_ID, 0) != council_id)
		return err_setf(ei, ERR_INVALID, field, "meeting %lld is not one of council %lld", (long long)id,
				(long long)council_id);
	return e;
}

/* Raised at a meeting or by a member (at least one), of its own council. */
static enum err issue_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	struct rec m;
	int64_t council = rec_int(nw, COUNCIL_ISSUE_COUNCIL_ID, 0);
	if (!rec_has(nw, COUNCIL_ISSUE_STATUS))
		rec_set_text(nw, COUNCIL_ISSUE_STATUS, "open");
	if (old)
		return ERR_OK;
	if (!rec_has(nw, COUNCIL_ISSUE_MEETING_ID) && !rec_has(nw, COUNCIL_ISSUE_RAISED_BY_MEMBER_ID))
		return err_set(ei, ERR_REQUIRED, "meeting_id",
			       "an issue is raised at a meeting (meeting_id) or by a member (raised_by_member_id)");
	if (rec_has(nw, COUNCIL_ISSUE_MEETING_ID) &&
	    (e = meeting_of(x, rec_int(nw, COUNCIL_ISSUE_MEETING_ID, 0), council, "meeting_id", &m, ei)))
		return e;
	if (rec_has(nw, COUNCIL_ISSUE_RAISED_BY_MEMBER_ID) &&
	    (e = member_of(x, rec_int(nw, COUNCIL_ISSUE_RAISED_BY_MEMBER_ID, 0), council, "raised_by_member_id", ei)))
		return e;
	return ERR_OK;
}

static enum err resolution_derive(struct ctx *x, struct rec *r, struct errinfo *ei);

/* What became of the issue: its resolutions, each with the status of the
 * need or the title of the activity it became. */
static enum err issue_derive(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	entity_filter_int(&resolution_entity, f, "issue_id", r->id);
	enum { MAX = 100 };
	struct rec *rows = arena_alloc(x->a, sizeof *rows * MAX);
	int n = 0;
	enum err e = store_list(x->c, &resolution_entity, &all_rows, 0, MAX, f, rows, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++)
		if ((e = resolution_derive(x, &rows[i], ei)))
			return e;
	rec_set_text(r, COUNCIL_ISSUE_RESOLUTIONS, codec_dump_list(rows, n, x->a));
	return ERR_OK;
}

const struct resource res_council_issues = {
	.e = &council_issue_entity,
	.authorize = issue_authorize,
	.prepare = issue_prepare,
	.derive = issue_derive,
};

/* ---- resolutions ---- */

/* The resolution's council follows from its meeting. */
static enum err resolution_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct rec m, c;
	enum err e;
	if (old)
		return council_gate(x, rec_int(old, RESOLUTION_COUNCIL_ID, 0), "meeting_id", &c, ei);
	if ((e = load_ref(x, &council_meeting_entity, rec_int(nw, RESOLUTION_MEETING_ID, 0), "meeting_id", &m, ei)))
		return e;
	rec_set_int(nw, RESOLUTION_COUNCIL_ID, rec_int(&m, COUNCIL_MEETING_COUNCIL_ID, 0));
	return council_gate(x, rec_int(nw, RESOLUTION_COUNCIL_ID, 0), "meeting_id", &c, ei);
}

/* Votes: no more in all than members present (the first count that goes
 * past names itself); the issue is one of the council's; a resolution that
 * became a need or an activity stays adopted. */
static enum err resolution_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct rec m, issue;
	int64_t council = rec_int(nw, RESOLUTION_COUNCIL_ID, 0);
	enum err e = load_ref(x, &council_meeting_entity, rec_int(nw, RESOLUTION_MEETING_ID, 0), "meeting_id", &m, ei);
	if (e)
		return e;
	if (!old && rec_has(nw, RESOLUTION_ISSUE_ID)) {
		if ((e = load_ref(x, &council_issue_entity, rec_int(nw, RESOLUTION_ISSUE_ID, 0), "issue_id", &issue, ei)))
			return e;
		if (rec_int(&issue, COUNCIL_ISSUE_COUNCIL_ID, 0) != council)
			return err_setf(ei, ERR_INVALID, "issue_id", "issue %lld is not one of the meeting's council",
					(long long)issue.id);
	}
	static const struct {
		int key;
		const char *name;
	} votes[] = {
		{RESOLUTION_VOTES_FOR, "votes_for"},
		{RESOLUTION_VOTES_AGAINST, "votes_against"},
		{RESOLUTION_VOTES_ABSTAIN, "votes_abstain"},
	};
	int present = attendance_count(&m, x->a);
	int64_t total = 0;
	for (size_t i = 0; i < sizeof votes / sizeof *votes; i++) {
		total += rec_int(nw, votes[i].key, 0);
		if (total > present)
			return err_setf(ei, ERR_INVALID, votes[i].name,
					"%lld votes in all but %d members present at the meeting", (long long)total,
					present);
	}
	if (old && (rec_has(old, RESOLUTION_NEED_ID) || rec_has(old, RESOLUTION_ACTIVITY_ID)) &&
	    strcmp(rec_text(nw, RESOLUTION_OUTCOME), "adopted") != 0)
		return err_set(ei, ERR_CONFLICT, "outcome", "the resolution became a need or an activity: it stays adopted");
	return ERR_OK;
}

static enum err resolution_derive(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	(void)ei;
	struct rec o;
	if (rec_has(r, RESOLUTION_NEED_ID) &&
	    store_get(x->c, &need_entity, rec_int(r, RESOLUTION_NEED_ID, 0), NULL, &o, x->a) == ERR_OK)
		rec_set_text(r, RESOLUTION_NEED_STATUS, rec_text(&o, NEED_STATUS));
	if (rec_has(r, RESOLUTION_ACTIVITY_ID) &&
	    store_get(x->c, &activity_entity, rec_int(r, RESOLUTION_ACTIVITY_ID, 0), NULL, &o, x->a) == ERR_OK)
		rec_set_text(r, RESOLUTION_ACTIVITY_TITLE, rec_text(&o, ACTIVITY_TITLE));
	return ERR_OK;
}

const struct resource res_resolutions = {
	.e = &resolution_entity,
	.authorize = resolution_authorize,
	.prepare = resolution_prepare,
	.derive = resolution_derive,
};

/* ---- a resolution becomes a need or an activity ---- */

/* s cut to at most max characters (UTF-8), in the arena. */
static const char *cut(const char *s, size_t max, struct arena *a)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			break;
	char *out = arena_alloc(a, i + 1);
	memcpy(out, s, i);
	out[i] = 0;
	return out;
}

/* What the need or the activity is made from when the body leaves it out. */
struct become {
	int64_t id;
	int activity;
	struct rec *body;
	int64_t made;
};

/* The first active item of the community's own menu, else of the menu
 * serving it from above (the town's), else other. */
static enum err menu_category(struct ctx *x, int64_t region_id, const char **category, struct errinfo *ei)
{
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	entity_filter_int(&service_menu_entity, f, "covering_region_id", region_id);
	struct rec *rows = arena_alloc(x->a, sizeof *rows * 50);
	int n = 0;
	enum err e = store_list(x->c, &service_menu_entity, &all_rows, 0, 50, f, rows, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	*category = "other";
	for (int own = 1; own >= 0; own--)
		for (int i = 0; i < n; i++)
			if (rec_int(&rows[i], SERVICE_MENU_ACTIVE, 1) &&
			    (rec_int(&rows[i], SERVICE_MENU_REGION_ID, 0) == region_id) == own) {
				*category = rec_text(&rows[i], SERVICE_MENU_CATEGORY);
				return ERR_OK;
			}
	return ERR_OK;
}

/* Every required field of r given (after the defaults), else 422. */
static enum err required_given(const struct rec *r, struct errinfo *ei)
{
	for (int i = 0; i < r->e->nfields; i++) {
		const struct field *f = &r->e->fields[i];
		if ((f->flags & FF_REQUIRED) && !(f->flags & FF_SERVER) && (!r->v[i].set || r->v[i].null))
			return err_setf(ei, ERR_REQUIRED, f->name, "%s is required", f->name);
	}
	return ERR_OK;
}

static enum err need_from(struct ctx *x, const struct rec *res, const struct rec *c, const char *title,
			  struct rec *b, struct errinfo *ei)
{
	int64_t region = rec_int(c, COUNCIL_REGION_ID, 0);
	enum err e;
	if (rec_has(b, NEED_REGION_ID) && rec_int(b, NEED_REGION_ID, 0) != region)
		return err_set(ei, ERR_INVALID, "region_id", "a council's need is its community's: region_id is the council's");
	rec_set_int(b, NEED_REGION_ID, region);
	if (!rec_has(b, NEED_TITLE))
		rec_set_text(b, NEED_TITLE, cut(title, 200, x->a));
	if (!rec_has(b, NEED_DESCRIPTION))
		rec_set_text(b, NEED_DESCRIPTION, cut(rec_text(res, RESOLUTION_TEXT), 4000, x->a));
	if (!rec_has(b, NEED_RAISED_BY))
		rec_set_text(b, NEED_RAISED_BY, "council");
	if (!rec_has(b, NEED_CATEGORY)) {
		const char *category;
		if ((e = menu_category(x, region, &category, ei)))
			return e;
		rec_set_text(b, NEED_CATEGORY, category);
	}
	/* an `other` need says what it is (needs.c): unsaid, its title */
	if (strcmp(rec_text(b, NEED_CATEGORY), "other") == 0 && !rec_has(b, NEED_CATEGORY_NOTE))
		rec_set_text(b, NEED_CATEGORY_NOTE, rec_text(b, NEED_TITLE));
	if ((e = required_given(b, ei)))
		return e;
	rec_set_int(b, NEED_RESOLUTION_ID, res->id);
	return ERR_OK;
}

static enum err activity_from(struct ctx *x, const struct rec *res, const char *title, struct rec *b,
			      struct errinfo *ei)
{
	enum err e;
	if (!rec_has(b, ACTIVITY_TITLE))
		rec_set_text(b, ACTIVITY_TITLE, cut(title, 200, x->a));
	if (!rec_has(b, ACTIVITY_DESCRIPTION))
		rec_set_text(b, ACTIVITY_DESCRIPTION, cut(rec_text(res, RESOLUTION_TEXT), 4000, x->a));
	if ((e = required_given(b, ei)))
		return e;
	rec_set_int(b, ACTIVITY_RESOLUTION_ID, res->id);
	return ERR_OK;
}

static enum err do_become(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct become *w = arg;
	struct rec old, nw, c, issue;
	enum err e;
	int made_key = w->activity ? RESOLUTION_ACTIVITY_ID : RESOLUTION_NEED_ID;
	const char *made_name = w->activity ? "activity_id" : "need_id";

	if ((e = svc_load_for_write(x, &resolution_entity, w->id, &old, ei)) ||
	    (e = council_gate(x, rec_int(&old, RESOLUTION_COUNCIL_ID, 0), "id", &c, ei)))
		return e;
	if (strcmp(rec_text(&old, RESOLUTION_OUTCOME), "adopted") != 0)
		return err_set(ei, ERR_RULE, "outcome", "only an adopted resolution becomes a need or an activity");
	if (rec_has(&old, made_key))
		return err_setf(ei, ERR_DUPLICATE, made_name, "the resolution became %s %lld already",
				w->activity ? "activity" : "need", (long long)rec_int(&old, made_key, 0));
	const char *title = rec_text(&old, RESOLUTION_TEXT);
	if (rec_has(&old, RESOLUTION_ISSUE_ID) &&
	    store_get(x->c, &council_issue_entity, rec_int(&old, RESOLUTION_ISSUE_ID, 0), NULL, &issue, x->a) == ERR_OK)
		title = rec_text(&issue, COUNCIL_ISSUE_TITLE);
	if ((e = w->activity ? activity_from(x, &old, title, w->body, ei) : need_from(x, &old, &c, title, w->body, ei)) ||
	    (e = svc_create_in(x, w->activity ? &res_activities : &res_needs, w->body, &w->made, ei)))
		return e;
	nw = old;
	rec_set_int(&nw, made_key, w->made);
	rec_set_int(&nw, RESOLUTION_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	if ((e = svc_audit(x, w->activity ? "activity" : "need", &res_resolutions, w->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_resolution_become(struct ctx *x, int64_t id, int activity, struct rec *body, struct rec *out,
			       struct errinfo *ei)
{
	struct become w = {id, activity, body, 0};
	enum err e = svc_tx(x, do_become, &w, ei);
	return e ? e : svc_get(x, activity ? &res_activities : &res_needs, w.made, out, ei);
}
