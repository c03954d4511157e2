/* proposals.c - what becomes of a batch proposal (see matching.h): read
 * back with its places (svc_match_get), applied as invitations, each told to
 * the volunteer in the inbox (svc_match_apply, idempotent), and the
 * invitations answered: an acceptance signs the volunteer up through
 * signups.c under every placement rule, accepted at once since the
 * invitation is the organiser's approval. Proposals are made and stored by
 * batch.c. */
#include "service/placement.h"

#include <string.h>

#include "domain/timefmt.h"
#include "store/match_store.h"

/* Every row of entity e whose first filter (e->filters[0]) equals `v`. */
static enum err list_all(struct ctx *x, const struct entity *ent, int64_t v, struct rec **rows, int *n,
			 struct errinfo *ei)
{
	static const struct scope everything = {.all = 1};
	struct val f[ENTITY_MAX_FILTERS] = {{.set = 1, .i = v}};
	int cap = 256, got;
	*n = 0;
	*rows = arena_alloc(x->a, sizeof **rows * (size_t)cap);
	int64_t after = 0;
	for (;;) {
		if (*n + 256 > cap) {
			struct rec *bigger = arena_alloc(x->a, sizeof **rows * (size_t)cap * 2);
			memcpy(bigger, *rows, sizeof **rows * (size_t)*n);
			*rows = bigger;
			cap *= 2;
		}
		enum err e = store_list(x->c, ent, &everything, after, 256, f, *rows + *n, &got, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		*n += got;
		if (got < 256)
			return ERR_OK;
		after = (*rows)[*n - 1].id;
	}
}

static void proposal_from(const struct rec *r, struct proposal *p)
{
	memset(p, 0, sizeof *p);
	p->id = r->id;
	p->status = rec_text(r, MATCH_PROPOSAL_STATUS);
	p->created_at = rec_int(r, MATCH_PROPOSAL_CREATED_AT, 0);
	p->applied_at = rec_int(r, MATCH_PROPOSAL_APPLIED_AT, 0);
	p->total_score = rec_cval(r, MATCH_PROPOSAL_TOTAL_SCORE)->r;
	p->greedy_score = rec_cval(r, MATCH_PROPOSAL_GREEDY_SCORE)->r;
	p->demand_slots = rec_int(r, MATCH_PROPOSAL_DEMAND_SLOTS, 0);
	p->filled_slots = rec_int(r, MATCH_PROPOSAL_FILLED_SLOTS, 0);
	p->greedy_filled = rec_int(r, MATCH_PROPOSAL_GREEDY_FILLED, 0);
	p->solve_ms = -1;
}

enum err svc_match_get(struct ctx *x, int64_t id, struct proposal *out, struct errinfo *ei)
{
	struct rec r, *items;
	int n;
	enum err e = svc_load_visible(x, &proposal_entity, id, &r, ei);
	if (e || (e = list_all(x, &match_item_entity, id, &items, &n, ei)))
		return e;
	proposal_from(&r, out);
	out->places = arena_alloc(x->a, sizeof *out->places * (size_t)(n + 1));
	out->shift_ids = arena_alloc(x->a, sizeof *out->shift_ids * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		const struct rec *it = &items[i];
		struct match_place *m = &out->places[out->nplaces++];
		*m = (struct match_place){.shift_id = rec_int(it, MATCH_ITEM_SHIFT_ID, 0),
					  .volunteer_id = rec_int(it, MATCH_ITEM_VOLUNTEER_ID, 0),
					  .km = rec_has(it, MATCH_ITEM_DISTANCE_KM) ? rec_cval(it, MATCH_ITEM_DISTANCE_KM)->r : -1,
					  .why = rec_text(it, MATCH_ITEM_WHY)};
		static const int parts[SCORE__COUNT] = {MATCH_ITEM_P_DISTANCE, MATCH_ITEM_P_SKILL_FIT,
							MATCH_ITEM_P_CONTINUITY, MATCH_ITEM_P_FAIRNESS,
							MATCH_ITEM_P_PREFERENCE};
		for (int k = 0; k < SCORE__COUNT; k++)
			m->sc.part[k] = rec_cval(it, parts[k])->r;
		m->sc.total = rec_cval(it, MATCH_ITEM_SCORE)->r;
		if (m->volunteer_id) {
			struct vol_facts f;
			if (store_match_volunteer(x->c, m->volunteer_id, &f, x->a) == ERR_OK) {
				m->person_id = f.person_id;
				m->name = f.name;
			}
		}
		if (!out->nshifts || out->shift_ids[out->nshifts - 1] != m->shift_id)
			out->shift_ids[out->nshifts++] = m->shift_id;
	}
	return ERR_OK;
}

/* ---- invitations ---- */

struct apply_args {
	int64_t id;
};

static enum err do_apply(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct apply_args *a = arg;
	struct rec r, *items;
	int n;
	enum err e = svc_load_for_write(x, &proposal_entity, a->id, &r, ei);
	if (e || strcmp(rec_text(&r, MATCH_PROPOSAL_STATUS), "applied") == 0)
		return e;
	if ((e = list_all(x, &match_item_entity, a->id, &items, &n, ei)))
		return e;
	for (int i = 0; i < n; i++) {
		const struct rec *it = &items[i];
		if (!rec_has(it, MATCH_ITEM_VOLUNTEER_ID))
			continue;
		int64_t vid = rec_int(it, MATCH_ITEM_VOLUNTEER_ID, 0), shift_id = rec_int(it, MATCH_ITEM_SHIFT_ID, 0);
		struct rec inv;
		rec_init(&inv, &invitation_entity);
		rec_set_int(&inv, INVITATION_PROPOSAL_ID, a->id);
		rec_set_int(&inv, INVITATION_SHIFT_ID, shift_id);
		rec_set_int(&inv, INVITATION_VOLUNTEER_ID, vid);
		rec_set_real(&inv, INVITATION_SCORE, rec_cval(it, MATCH_ITEM_SCORE)->r);
		rec_set_text(&inv, INVITATION_STATUS, "invited");
		rec_set_null(&inv, INVITATION_SIGNUP_ID);
		rec_set_null(&inv, INVITATION_REASON);
		rec_set_int(&inv, INVITATION_CREATED_AT, x->now);
		rec_set_null(&inv, INVITATION_DECIDED_AT);
		if ((e = store_insert(x->c, &inv, ei)))
			return e;
		/* the volunteer is told in the inbox */
		struct mshift m;
		int64_t *users;
		int nu;
		if ((e = mshift_load(x, shift_id, NULL, &m, ei)))
			return e;
		if ((e = store_volunteer_users(x->c, vid, &users, &nu, x->a)))
			return err_set(ei, e, NULL, NULL);
		char when[32];
		time_format(m.es.starts_at, when);
		const char *body = arena_printf(x->a, "邀请您参加“%s”（%s）%s 的班次，请在“我的邀请”中接受或婉拒。",
						rec_text(&m.activity, ACTIVITY_TITLE), rec_text(&m.position, POSITION_TITLE), when);
		if ((e = notify_users(x, users, nu, "invitation", "服务邀请", body, "invitations", inv.id, ei)))
			return e;
	}
	struct rec nw = r;
	rec_set_text(&nw, MATCH_PROPOSAL_STATUS, "applied");
	rec_set_int(&nw, MATCH_PROPOSAL_APPLIED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	return svc_audit(x, "apply", &res_proposals, a->id, &r, &nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

enum err svc_match_apply(struct ctx *x, int64_t id, struct rec **rows, int *n, struct errinfo *ei)
{
	struct apply_args a = {id};
	enum err e = svc_tx(x, do_apply, &a, ei);
	return e ? e : list_all(x, &invitation_entity, id, rows, n, ei);
}

struct decide_args {
	int64_t id;
	const char *action, *reason;
};

static enum err do_decide(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct decide_args *d = arg;
	struct rec old;
	enum err e = svc_load_for_write(x, &invitation_entity, d->id, &old, ei);
	if (e)
		return e;
	int64_t shift_id = rec_int(&old, INVITATION_SHIFT_ID, 0), vid = rec_int(&old, INVITATION_VOLUNTEER_ID, 0);
	if ((e = signup_may_act(x, shift_id, vid, ei)))
		return e;
	const char *status = rec_text(&old, INVITATION_STATUS);
	const char *to = strcmp(d->action, "accept") == 0 ? "accepted" : "declined";
	if (strcmp(status, to) == 0)
		return ERR_OK; /* the same answer again */
	if (strcmp(status, "invited") != 0)
		return err_setf(ei, ERR_CONFLICT, "status", "the invitation is already %s", status);
	struct rec nw = old;
	rec_set_text(&nw, INVITATION_STATUS, to);
	rec_set_int(&nw, INVITATION_DECIDED_AT, x->now);
	if (d->reason)
		rec_set_text(&nw, INVITATION_REASON, d->reason);
	/* the invitation stops holding the place before the sign-up takes it */
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	if (strcmp(to, "accepted") == 0) {
		int64_t signup_id;
		if ((e = signup_place(x, shift_id, vid, 1, &signup_id, ei)))
			return e;
		rec_set_int(&nw, INVITATION_SIGNUP_ID, signup_id);
		if ((e = store_update(x->c, &nw, ei)))
			return e;
	}
	return svc_audit(x, d->action, &res_invitations, d->id, &old, &nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									   : ERR_OK;
}

enum err svc_invitation_decide(struct ctx *x, int64_t id, const char *action, const char *reason, struct rec *out,
			       struct errinfo *ei)
{
	struct decide_args d = {id, action, reason};
	enum err e = svc_tx(x, do_decide, &d, ei);
	return e ? e : svc_get(x, &res_invitations, id, out, ei);
}

const struct resource res_invitations = {
	.e = &invitation_entity,
	.no_create = 1,
	.no_update = 1,
};

const struct resource res_proposals = {
	.e = &proposal_entity,
	.no_create = 1,
	.no_update = 1,
};
