/* match_sparse.c - match_solve(): the edge-list entry point. Checks the
 * input, builds the per-task edge lists (merging repeated pairs), and picks
 * the side to search from (see want_mirror). */
#include "domain/match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int match_counts_ok(int32_t nt, int32_t nw, const int32_t *demand, const int32_t *cap)
{
	if (nt < 0 || nw < 0 || nt > INT32_MAX - nw)
		return 0;
	for (int32_t t = 0; demand && t < nt; t++)
		if (demand[t] < 0)
			return 0;
	for (int32_t w = 0; cap && w < nw; w++)
		if (cap[w] < 0)
			return 0;
	return 1;
}

/* Build the CSR of a sparse problem, merging repeated pairs. */
static enum match_err build_sparse(struct match_solver *s, const struct match_problem *p)
{
	size_t nt = (size_t)p->ntasks, ne = (size_t)p->nedges;
	int32_t *mark = NULL;
	int64_t *where = NULL;
	enum match_err err = MATCH_ENOMEM;

	s->eoff = calloc(nt + 2, sizeof *s->eoff);
	s->ework = malloc((ne ? ne : 1) * sizeof *s->ework);
	s->etask = malloc((ne ? ne : 1) * sizeof *s->etask);
	s->ecost = malloc((ne ? ne : 1) * sizeof *s->ecost);
	s->eorig = malloc((ne ? ne : 1) * sizeof *s->eorig);
	mark = malloc(((size_t)p->nworkers ? (size_t)p->nworkers : 1) * sizeof *mark);
	where = malloc(((size_t)p->nworkers ? (size_t)p->nworkers : 1) * sizeof *where);
	if (!s->eoff || !s->ework || !s->etask || !s->ecost || !s->eorig || !mark || !where)
		goto out;
	for (size_t e = 0; e < ne; e++)
		s->eoff[p->task[e] + 2]++;
	for (size_t t = 0; t < nt; t++)
		s->eoff[t + 2] += s->eoff[t + 1];
	/* eoff[t + 1] is now task t's write cursor */
	for (size_t e = 0; e < ne; e++) {
		int64_t k = s->eoff[p->task[e] + 1]++;
		s->ework[k] = p->worker[e];
		s->etask[k] = p->task[e];
		s->ecost[k] = p->cost[e];
		s->eorig[k] = (int64_t)e;
	}
	/* merge repeated (task, worker) pairs, keeping the cheapest */
	for (int32_t w = 0; w < p->nworkers; w++)
		mark[w] = -1;
	int64_t out = 0;
	for (size_t t = 0; t < nt; t++) {
		int64_t b = s->eoff[t], e1 = s->eoff[t + 1];
		s->eoff[t] = out;
		for (int64_t e = b; e < e1; e++) {
			int32_t w = s->ework[e];
			if (mark[w] == (int32_t)t) {
				if (s->ecost[e] < s->ecost[where[w]]) {
					s->ecost[where[w]] = s->ecost[e];
					s->eorig[where[w]] = s->eorig[e];
				}
				continue;
			}
			mark[w] = (int32_t)t;
			where[w] = out;
			s->ework[out] = w;
			s->etask[out] = s->etask[e];
			s->ecost[out] = s->ecost[e];
			s->eorig[out] = s->eorig[e];
			out++;
		}
	}
	s->eoff[nt] = out;
	s->ne = out;
	err = MATCH_OK;
out:
	free(mark);
	free(where);
	return err;
}

static enum match_err solve_sparse(const struct match_problem *p, struct match_result *r)
{
	struct match_solver s;
	enum match_err err;

	memset(&s, 0, sizeof s);
	s.nt = p->ntasks;
	s.nw = p->nworkers;
	s.demand = p->demand;
	s.cap = p->cap;
	err = build_sparse(&s, p);
	if (err == MATCH_OK)
		err = match_solver_alloc(&s);
	if (err == MATCH_OK)
		err = match_solver_run(&s);
	if (err == MATCH_OK)
		err = match_result_fill(&s, r, p->nedges);
	match_solver_free(&s);
	return err;
}

/* Searches run from the side being filled and end on the other side's spare
 * capacity, so they stay short when that side is the abundant one. When
 * workers are scarcer than slots, solve the mirrored problem (workers as
 * tasks) and read the answer back through edge_chosen: the flow problem is
 * the same, so is its optimum. Returns 1 if mirroring pays. */
static enum match_err want_mirror(const struct match_problem *p, int *mirror)
{
	int64_t *deg = calloc((size_t)p->ntasks + (size_t)p->nworkers + 1, sizeof *deg);
	int64_t slots = 0, room = 0;

	*mirror = 0;
	if (!deg)
		return MATCH_ENOMEM;
	for (int64_t e = 0; e < p->nedges; e++) {
		deg[p->task[e]]++;
		deg[p->ntasks + p->worker[e]]++;
	}
	for (int32_t t = 0; t < p->ntasks; t++) {
		int64_t d = p->demand ? p->demand[t] : 1;
		slots += d < deg[t] ? d : deg[t];
	}
	for (int32_t w = 0; w < p->nworkers; w++) {
		int64_t c = p->cap ? p->cap[w] : 1, g = deg[p->ntasks + w];
		room += c < g ? c : g;
	}
	free(deg);
	*mirror = room < slots;
	return MATCH_OK;
}

static enum match_err solve_mirrored(const struct match_problem *p, struct match_result *r)
{
	struct match_problem q = {
	    .ntasks = p->nworkers,
	    .nworkers = p->ntasks,
	    .demand = p->cap,
	    .cap = p->demand,
	    .nedges = p->nedges,
	    .task = p->worker,
	    .worker = p->task,
	    .cost = p->cost,
	};
	struct match_result m;
	int32_t *cnt = NULL;
	enum match_err err = solve_sparse(&q, &m);

	if (err != MATCH_OK)
		return err;
	err = MATCH_ENOMEM;
	r->ntasks = p->ntasks;
	r->slot_off = malloc(((size_t)p->ntasks + 1) * sizeof *r->slot_off);
	cnt = calloc((size_t)p->ntasks + 1, sizeof *cnt);
	if (!r->slot_off || !cnt)
		goto out;
	r->slot_off[0] = 0;
	for (int32_t t = 0; t < p->ntasks; t++)
		r->slot_off[t + 1] = r->slot_off[t] + (p->demand ? p->demand[t] : 1);
	r->demand_slots = r->slot_off[p->ntasks];
	r->slot_worker = malloc((size_t)(r->demand_slots ? r->demand_slots : 1) * sizeof *r->slot_worker);
	if (!r->slot_worker)
		goto out;
	for (int64_t e = 0; e < p->nedges; e++) {
		if (!m.edge_chosen[e])
			continue;
		int32_t t = p->task[e];
		r->slot_worker[r->slot_off[t] + cnt[t]++] = p->worker[e];
		r->total_cost += p->cost[e];
		r->filled_slots++;
	}
	for (int32_t t = 0; t < p->ntasks; t++) {
		int64_t k = r->slot_off[t] + cnt[t];
		if (k < r->slot_off[t + 1])
			r->unfilled_tasks++;
		for (; k < r->slot_off[t + 1]; k++)
			r->slot_worker[k] = -1;
	}
	r->edge_chosen = m.edge_chosen; /* same edges, same indices */
	m.edge_chosen = NULL;
	err = MATCH_OK;
out:
	free(cnt);
	match_result_free(&m);
	return err;
}

enum match_err match_solve(const struct match_problem *p, struct match_result *r)
{
	enum match_err err;
	int mirror;

	memset(r, 0, sizeof *r);
	if (!p || !match_counts_ok(p->ntasks, p->nworkers, p->demand, p->cap) || p->nedges < 0 ||
	    (p->nedges > 0 && (!p->task || !p->worker || !p->cost)))
		return MATCH_EINVAL;
	for (int64_t e = 0; e < p->nedges; e++)
		if (p->task[e] < 0 || p->task[e] >= p->ntasks || p->worker[e] < 0 || p->worker[e] >= p->nworkers ||
		    !isfinite(p->cost[e]))
			return MATCH_EINVAL;
	err = want_mirror(p, &mirror);
	if (err == MATCH_OK)
		err = mirror ? solve_mirrored(p, r) : solve_sparse(p, r);
	if (err != MATCH_OK)
		match_result_free(r);
	return err;
}

void match_result_free(struct match_result *r)
{
	if (!r)
		return;
	free(r->slot_off);
	free(r->slot_worker);
	free(r->edge_chosen);
	memset(r, 0, sizeof *r);
}
