/* batch.c - batch assignment (svc_match, see matching.h): the shifts asked
 * for (ids, an activity's coming shifts or a region's in a window), every
 * eligible (shift, volunteer) pair of the pool as an edge scored by
 * domain/eligibility, the exact min-cost assignment of domain/match with a
 * volunteer taking one shift (or one of each group of overlapping shifts),
 * a greedy baseline to show what exactness buys, why the places left open
 * stay open; the proposal and its places are stored (match_proposals,
 * match_items) for proposals.c to read back and apply. */
#include "service/placement.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/match.h"
#include "store/match_store.h"

static enum err resolve_shifts(struct ctx *x, const struct match_request *rq, int64_t **ids, int *n,
			       struct errinfo *ei)
{
	enum err e = ERR_OK;
	if (rq->nshift_ids) {
		*ids = arena_alloc(x->a, sizeof **ids * (size_t)rq->nshift_ids);
		memcpy(*ids, rq->shift_ids, sizeof **ids * (size_t)rq->nshift_ids);
		qsort(*ids, (size_t)rq->nshift_ids, sizeof **ids, ids_cmp);
		int k = 0;
		for (int i = 0; i < rq->nshift_ids; i++)
			if (!k || (*ids)[k - 1] != (*ids)[i])
				(*ids)[k++] = (*ids)[i];
		*n = k;
	} else if (rq->activity_id) {
		struct rec a;
		if ((e = store_get(x->c, &activity_entity, rq->activity_id, NULL, &a, x->a)))
			return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "activity_id", "no activity %lld",
					(long long)rq->activity_id);
		e = store_activity_shifts(x->c, rq->activity_id, x->now, MATCH_MAX_SHIFTS + 1, ids, n, x->a);
	} else {
		struct rec r;
		if ((e = store_get(x->c, &region_entity, rq->region_id, NULL, &r, x->a)))
			return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "region_id", "no region %lld",
					(long long)rq->region_id);
		e = store_region_shifts(x->c, rq->region_id, rq->from, rq->to, MATCH_MAX_SHIFTS + 1, ids, n, x->a);
	}
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (*n > MATCH_MAX_SHIFTS)
		return err_setf(ei, ERR_INVALID, rq->nshift_ids ? "shift_ids" : rq->activity_id ? "activity_id" : "to",
				"at most %d shifts in one proposal", MATCH_MAX_SHIFTS);
	if (!*n)
		return err_set(ei, ERR_INVALID, rq->nshift_ids ? "shift_ids" : rq->activity_id ? "activity_id" : "region_id",
			       "no shifts to match");
	return ERR_OK;
}

/* Groups of shifts that overlap in time, transitively (an interval graph's
 * components): with more than one shift per volunteer allowed, a volunteer
 * takes at most one shift of each group. */
static int *overlap_groups(struct ctx *x, const struct mshift *sh, int n)
{
	int *order = arena_alloc(x->a, sizeof *order * (size_t)n), *g = arena_alloc(x->a, sizeof *g * (size_t)n);
	for (int i = 0; i < n; i++)
		order[i] = i;
	/* insertion sort by start: n is at most MATCH_MAX_SHIFTS */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && sh[order[j]].es.starts_at < sh[order[j - 1]].es.starts_at; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	int group = -1;
	int64_t reach = INT64_MIN;
	for (int i = 0; i < n; i++) {
		const struct elig_shift *s = &sh[order[i]].es;
		if (s->starts_at >= reach)
			group++;
		g[order[i]] = group;
		reach = s->ends_at > reach ? s->ends_at : reach;
	}
	return g;
}

struct edge {
	int32_t task, vol, group, worker;
	double score;
	struct candidate c;
};

static int by_edge_score(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->vol - y->vol;
}

static int by_vol_group(const void *a, const void *b)
{
	const struct edge *x = *(struct edge *const *)a, *y = *(struct edge *const *)b;
	if (x->vol != y->vol)
		return x->vol - y->vol;
	return x->group - y->group;
}

/* The slots of each task taken one by one in shift order by the best free
 * eligible worker: the baseline a rota clerk gets, to show what exactness
 * buys on a contended day. */
static void greedy(struct ctx *x, const struct mshift *sh, int nsh, const struct edge *ed, int64_t ne, int nworkers,
		   int64_t *filled, double *total)
{
	unsigned char *used = arena_alloc(x->a, (size_t)nworkers + 1);
	memset(used, 0, (size_t)nworkers + 1);
	*filled = 0;
	*total = 0;
	int64_t k = 0;
	for (int t = 0; t < nsh; t++) {
		int64_t k0 = k;
		while (k < ne && ed[k].task == t)
			k++;
		for (int64_t slot = 0; slot < sh[t].open; slot++) {
			int64_t best = -1;
			for (int64_t j = k0; j < k; j++)
				if (!used[ed[j].worker] && (best < 0 || ed[j].score > ed[best].score))
					best = j;
			if (best < 0)
				break;
			used[ed[best].worker] = 1;
			(*filled)++;
			*total += ed[best].score;
		}
	}
	*total = round(*total * 100) / 100;
}

/* Why the open places of shift t stay open. */
static const char *why_open(struct ctx *x, int eligible, const int *rules)
{
	if (eligible)
		return arena_printf(x->a, "all %d eligible volunteers are placed on other shifts where they add more",
				    eligible);
	int best = -1;
	for (int r = 1; r < ELIG__COUNT; r++)
		if (rules[r] && (best < 0 || rules[r] > rules[best]))
			best = r;
	if (best < 0)
		return "no registered volunteer in scope";
	return arena_printf(x->a, "no eligible volunteer; most often excluded by rule %s (%d volunteers)",
			    elig_rule_name((enum elig_rule)best), rules[best]);
}

struct proposal_args {
	const struct match_request *rq;
	struct proposal *p;
};

static enum err do_store_proposal(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct proposal_args *a = arg;
	struct proposal *p = a->p;
	struct rec r;
	rec_init(&r, &proposal_entity);
	rec_set_int(&r, MATCH_PROPOSAL_CREATED_BY_USER_ID, x->who ? x->who->user_id : 0);
	rec_set_text(&r, MATCH_PROPOSAL_REQUEST, a->rq->text ? a->rq->text : "{}");
	rec_set_real(&r, MATCH_PROPOSAL_TOTAL_SCORE, p->total_score);
	rec_set_int(&r, MATCH_PROPOSAL_DEMAND_SLOTS, p->demand_slots);
	rec_set_int(&r, MATCH_PROPOSAL_FILLED_SLOTS, p->filled_slots);
	rec_set_real(&r, MATCH_PROPOSAL_GREEDY_SCORE, p->greedy_score);
	rec_set_int(&r, MATCH_PROPOSAL_GREEDY_FILLED, p->greedy_filled);
	rec_set_text(&r, MATCH_PROPOSAL_STATUS, "proposed");
	rec_set_int(&r, MATCH_PROPOSAL_CREATED_AT, x->now);
	rec_set_null(&r, MATCH_PROPOSAL_APPLIED_AT);
	enum err e = store_insert(x->c, &r, ei);
	if (e)
		return e;
	p->id = r.id;
	for (int i = 0; i < p->nplaces; i++) {
		const struct match_place *m = &p->places[i];
		struct rec it;
		rec_init(&it, &match_item_entity);
		rec_set_int(&it, MATCH_ITEM_PROPOSAL_ID, p->id);
		rec_set_int(&it, MATCH_ITEM_SHIFT_ID, m->shift_id);
		if (m->volunteer_id) {
			rec_set_int(&it, MATCH_ITEM_VOLUNTEER_ID, m->volunteer_id);
			if (m->km >= 0)
				rec_set_real(&it, MATCH_ITEM_DISTANCE_KM, m->km);
			else
				rec_set_null(&it, MATCH_ITEM_DISTANCE_KM);
			rec_set_null(&it, MATCH_ITEM_WHY);
		} else {
			rec_set_null(&it, MATCH_ITEM_VOLUNTEER_ID);
			rec_set_null(&it, MATCH_ITEM_DISTANCE_KM);
			rec_set_text(&it, MATCH_ITEM_WHY, m->why);
		}
		rec_set_real(&it, MATCH_ITEM_SCORE, m->sc.total);
		rec_set_real(&it, MATCH_ITEM_P_DISTANCE, m->sc.part[SCORE_DISTANCE]);
		rec_set_real(&it, MATCH_ITEM_P_SKILL_FIT, m->sc.part[SCORE_SKILL_FIT]);
		rec_set_real(&it, MATCH_ITEM_P_CONTINUITY, m->sc.part[SCORE_CONTINUITY]);
		rec_set_real(&it, MATCH_ITEM_P_FAIRNESS, m->sc.part[SCORE_FAIRNESS]);
		rec_set_real(&it, MATCH_ITEM_P_PREFERENCE, m->sc.part[SCORE_PREFERENCE]);
		if ((e = store_insert(x->c, &it, ei)))
			return e;
	}
	return svc_audit(x, "propose", &res_proposals, p->id, NULL, &r) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									: ERR_OK;
}

static enum err store_proposal(struct ctx *x, const struct match_request *rq, struct proposal *p,
			       struct errinfo *ei)
{
	struct proposal_args a = {rq, p};
	return svc_tx(x, do_store_proposal, &a, ei);
}

enum err svc_match(struct ctx *x, const struct match_request *rq, struct proposal *out, struct errinfo *ei)
{
	int64_t *ids;
	int nsh;
	enum err e = resolve_shifts(x, rq, &ids, &nsh, ei);
	if (e)
		return e;
	struct mshift *sh = arena_alloc(x->a, sizeof *sh * (size_t)nsh);
	for (int k = 0; k < nsh; k++) {
		/* only the organisers assign volunteers to their shifts */
		if ((e = mshift_load(x, ids[k], rq->nshift_ids ? "shift_ids" : NULL, &sh[k], ei)) ||
		    (e = activity_staff(x, sh[k].activity.id, ei)) || (e = mshift_served(x, &sh[k], ei)))
			return e;
		if ((e = store_shift_open(x->c, ids[k], &sh[k].open)))
			return err_set(ei, e, NULL, NULL);
		if (sh[k].open < 0 || sh[k].es.ends_at <= x->now)
			sh[k].open = 0;
	}
	struct pool P;
	if ((e = pool_load(x, sh, nsh, &P, ei)))
		return e;
	int *group = overlap_groups(x, sh, nsh);

	/* the edges: every eligible (shift, volunteer) pair, but for each shift
	 * only its `places` best volunteers, where places is the number of open
	 * places in the whole batch. That keeps an optimum: any other places
	 * take at most places - 1 volunteers, so whenever a shift holds a
	 * volunteer outside its own best `places`, one of those is free and at
	 * least as good, and the swap changes no one else. Greedy picks within
	 * the same lists for the same reason. */
	int64_t places = 0;
	for (int t = 0; t < nsh; t++)
		places += sh[t].open;
	int64_t cap = 1024, ne = 0;
	struct edge *ed = arena_alloc(x->a, sizeof *ed * (size_t)cap);
	int *eligible = arena_alloc(x->a, sizeof *eligible * (size_t)nsh);
	int *rules = arena_alloc(x->a, sizeof *rules * (size_t)nsh * ELIG__COUNT);
	memset(rules, 0, sizeof *rules * (size_t)nsh * ELIG__COUNT);
	for (int t = 0; t < nsh; t++) {
		eligible[t] = 0;
		for (int i = 0; i < P.n && sh[t].open > 0; i++) {
			struct candidate c;
			if (!pool_evaluate(x, &sh[t], &P, i, rq->radius_km, &c)) {
				rules[t * ELIG__COUNT + c.why.rule]++;
				continue;
			}
			if (ne == cap) {
				struct edge *bigger = arena_alloc(x->a, sizeof *ed * (size_t)cap * 2);
				memcpy(bigger, ed, sizeof *ed * (size_t)cap);
				ed = bigger;
				cap *= 2;
			}
			ed[ne++] = (struct edge){t, i, rq->one_shift_per_volunteer ? 0 : group[t], 0, c.sc.total, c};
			eligible[t]++;
		}
		int64_t first = ne - eligible[t];
		if (eligible[t] > places) {
			qsort(ed + first, (size_t)eligible[t], sizeof *ed, by_edge_score);
			ne = first + places;
		}
	}
	/* workers: one per volunteer, or one per (volunteer, overlap group) */
	struct edge **byw = arena_alloc(x->a, sizeof *byw * (size_t)(ne + 1));
	for (int64_t j = 0; j < ne; j++)
		byw[j] = &ed[j];
	qsort(byw, (size_t)ne, sizeof *byw, by_vol_group);
	int nworkers = 0;
	for (int64_t j = 0; j < ne; j++) {
		if (j && by_vol_group(&byw[j - 1], &byw[j]) != 0)
			nworkers++;
		byw[j]->worker = nworkers;
	}
	if (ne)
		nworkers++;

	int32_t *task = arena_alloc(x->a, sizeof *task * (size_t)(ne + 1));
	int32_t *worker = arena_alloc(x->a, sizeof *worker * (size_t)(ne + 1));
	double *cost = arena_alloc(x->a, sizeof *cost * (size_t)(ne + 1));
	int32_t *demand = arena_alloc(x->a, sizeof *demand * (size_t)nsh);
	for (int64_t j = 0; j < ne; j++) {
		task[j] = ed[j].task;
		worker[j] = ed[j].worker;
		cost[j] = -(double)llround(ed[j].score * 100); /* hundredths: exact */
	}
	for (int t = 0; t < nsh; t++)
		demand[t] = (int32_t)(sh[t].open < eligible[t] ? sh[t].open : eligible[t]);
	/* places beyond the eligible count can never be filled: they are
	 * reported open without costing the solver anything */
	struct match_problem mp = {nsh, nworkers, demand, NULL, ne, task, worker, cost};
	struct match_result mr;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum match_err me = match_solve(&mp, &mr);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (me) {
		match_result_free(&mr);
		return err_set(ei, ERR_INTERNAL, NULL, "the assignment solver failed");
	}

	memset(out, 0, sizeof *out);
	out->solve_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	out->shift_ids = ids;
	out->nshifts = nsh;
	int64_t nplaces = 0;
	for (int t = 0; t < nsh; t++)
		nplaces += sh[t].open;
	out->places = arena_alloc(x->a, sizeof *out->places * (size_t)(nplaces + 1));
	int64_t score_cents = 0;
	for (int t = 0, j = 0; t < nsh; t++) {
		int filled = 0;
		for (; j < ne && ed[j].task == t; j++) {
			if (!mr.edge_chosen[j])
				continue;
			const struct candidate *c = &ed[j].c;
			out->places[out->nplaces++] = (struct match_place){ids[t], c->v->volunteer_id, c->v->person_id,
									   c->v->name, c->km, c->sc, NULL};
			score_cents += llround(c->sc.total * 100);
			filled++;
		}
		const char *why = why_open(x, eligible[t], &rules[t * ELIG__COUNT]);
		for (int64_t k = filled; k < sh[t].open; k++)
			out->places[out->nplaces++] = (struct match_place){.shift_id = ids[t], .km = -1, .why = why};
		out->demand_slots += sh[t].open;
		out->filled_slots += filled;
	}
	out->total_score = (double)score_cents / 100;
	match_result_free(&mr);
	greedy(x, sh, nsh, ed, ne, nworkers, &out->greedy_filled, &out->greedy_score);
	out->status = "proposed";
	out->created_at = x->now;
	return store_proposal(x, rq, out, ei);
}
