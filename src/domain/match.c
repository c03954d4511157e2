/* match.c - the solver of domain/match: exact min-cost flow by successive
 * shortest paths, for the entry points in match_sparse.c and match_dense.c.
 *
 * The network: source -> task t (capacity demand[t]), task -> worker (1, cost),
 * worker -> sink (cap[w]). Node potentials pot[] keep every residual edge's
 * reduced cost c + pot[x] - pot[y] non-negative; the sink's potential stays 0,
 * so a worker with spare capacity always has potential 0 and the Dijkstra from
 * a task may stop at the first such worker it settles (Jonker-Volgenant).
 * After each search, settled nodes x with dist[x] < D take pot[x] += dist - D.
 *
 * Phase 1 fills the tasks one slot at a time (fill_task). A task that reaches
 * no free worker leaves a closed set behind, marked dead so that later
 * searches skip it; at the end the flow is of maximum size, and the cheapest
 * for the slots it fills. Phase 2 (improve_short) runs only when some slot
 * stays empty: it moves slots between tasks along negative cycles through
 * the source until none is left, which makes the flow the cheapest among
 * all flows of maximum size.
 *
 * Nodes: tasks 0..nt-1, workers nt..nt+nw-1. Edges are stored per task (CSR);
 * each worker keeps the list of its assigned edges. */
#include "domain/match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void heap_push(struct match_solver *s, double key, int32_t node)
{
	int64_t i = s->hn++;
	while (i > 0) {
		int64_t p = (i - 1) >> 1;
		if (s->heap[p].key <= key)
			break;
		s->heap[i] = s->heap[p];
		i = p;
	}
	s->heap[i].key = key;
	s->heap[i].node = node;
}

static struct match_heap_ent heap_pop(struct match_solver *s)
{
	struct match_heap_ent top = s->heap[0], last = s->heap[--s->hn];
	int64_t i = 0, n = s->hn;
	for (;;) {
		int64_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && s->heap[c + 1].key < s->heap[c].key)
			c++;
		if (last.key <= s->heap[c].key)
			break;
		s->heap[i] = s->heap[c];
		i = c;
	}
	if (n > 0)
		s->heap[i] = last;
	return top;
}

/* Pop the nearest node not yet settled in this search, settle it and give
 * its distance; 0 once the heap is empty (stale entries are skipped). */
static int settle_next(struct match_solver *s, int32_t *x, double *dx)
{
	while (s->hn > 0) {
		struct match_heap_ent h = heap_pop(s);
		if (s->done[h.node] == s->stamp || h.key > s->dist[h.node])
			continue;
		s->done[h.node] = s->stamp;
		s->settled[s->nsettled++] = h.node;
		*x = h.node;
		*dx = h.key;
		return 1;
	}
	return 0;
}

static void relax(struct match_solver *s, int32_t y, double nd, int64_t e)
{
	if (s->seen[y] != s->stamp || nd < s->dist[y]) {
		s->seen[y] = s->stamp;
		s->dist[y] = nd;
		s->pred[y] = e;
		heap_push(s, nd, y);
	}
}

/* Dijkstra from task t. Returns the worker with spare capacity that ends a
 * shortest path (its distance in *D), or -1 when none is reachable (then the
 * whole reachable set is settled). */
static int32_t search(struct match_solver *s, int32_t t, double *D)
{
	int32_t nt = s->nt;

	if (++s->stamp == 0) {
		memset(s->seen, 0, sizeof *s->seen * (size_t)(nt + s->nw));
		memset(s->done, 0, sizeof *s->done * (size_t)(nt + s->nw));
		s->stamp = 1;
	}
	s->hn = 0;
	s->nsettled = 0;
	s->seen[t] = s->stamp;
	s->dist[t] = 0;
	heap_push(s, 0, t);
	int32_t x;
	double dx;
	while (settle_next(s, &x, &dx)) {
		double px = s->pot[x];
		if (x >= nt) {
			int32_t w = x - nt;
			if (s->wload[w] < match_cap(s, w)) {
				*D = dx;
				return w;
			}
			for (int64_t k = s->woff[w]; k < s->woff[w] + s->wload[w]; k++) {
				int64_t e = s->wlist[k];
				int32_t u = s->etask[e];
				if (s->done[u] == s->stamp || s->dead[u])
					continue;
				double rc = -s->ecost[e] + px - s->pot[u];
				relax(s, u, dx + (rc > 0 ? rc : 0), e);
			}
		} else {
			for (int64_t e = s->eoff[x]; e < s->eoff[x + 1]; e++) {
				int32_t y = nt + s->ework[e];
				if (s->asg[e] || s->done[y] == s->stamp || s->dead[y])
					continue;
				double rc = s->ecost[e] + px - s->pot[y];
				relax(s, y, dx + (rc > 0 ? rc : 0), e);
			}
		}
	}
	return -1;
}

static void update_pot(struct match_solver *s, double D)
{
	for (int32_t i = 0; i < s->nsettled; i++) {
		int32_t x = s->settled[i];
		if (s->dist[x] < D)
			s->pot[x] += s->dist[x] - D;
	}
}

static void assign_edge(struct match_solver *s, int64_t e)
{
	int32_t w = s->ework[e];
	int64_t k = s->woff[w] + s->wload[w]++;
	s->asg[e] = 1;
	s->wlist[k] = e;
	s->epos[e] = (int32_t)(k - s->woff[w]);
}

static void unassign_edge(struct match_solver *s, int64_t e)
{
	int32_t w = s->ework[e];
	int64_t last = s->wlist[s->woff[w] + --s->wload[w]];
	s->wlist[s->woff[w] + s->epos[e]] = last;
	s->epos[last] = s->epos[e];
	s->asg[e] = 0;
}

/* Flip the search path from task t to worker w. */
static void augment(struct match_solver *s, int32_t t, int32_t w)
{
	for (;;) {
		int64_t e = s->pred[s->nt + w];
		int32_t u = s->etask[e];
		assign_edge(s, e);
		if (u == t)
			return;
		int64_t back = s->pred[u];
		unassign_edge(s, back);
		w = s->ework[back];
	}
}

/* Phase 1: fill task t's slots by shortest paths to free workers. Returns 0
 * when all are filled, 1 when some cannot be. A failed search has settled the whole set R reachable
 * from t: R holds no free worker and no residual edge leaves it, and later
 * augmentations (which end at free workers) can never enter it, so R stays
 * closed. Its nodes are marked dead and never expanded again. Each search
 * lowers settled potentials by at most D; dead potentials are all lowered by
 * exactly D (lazily, through dead_shift), which keeps the reduced costs of
 * edges into R non-negative. */
static int fill_task(struct match_solver *s, int32_t t)
{
	int32_t nt = s->nt;

	while (s->filled[t] < match_demand(s, t)) {
		/* fast path: the cheapest reduced edge goes to a free worker */
		double best = INFINITY;
		int64_t be = -1;
		for (int64_t e = s->eoff[t]; e < s->eoff[t + 1]; e++) {
			int32_t y = nt + s->ework[e];
			if (s->asg[e] || s->dead[y])
				continue;
			double rc = s->ecost[e] + s->pot[t] - s->pot[y];
			if (rc < best) {
				best = rc;
				be = e;
			}
		}
		if (be >= 0 && s->wload[s->ework[be]] < match_cap(s, s->ework[be])) {
			if (best < 0)
				best = 0;
			s->pot[t] -= best;
			s->dead_shift += best;
			assign_edge(s, be);
			s->filled[t]++;
			continue;
		}
		double D;
		int32_t w = be >= 0 ? search(s, t, &D) : -1;
		if (w >= 0) {
			update_pot(s, D);
			s->dead_shift += D;
			augment(s, t, w);
			s->filled[t]++;
			continue;
		}
		if (be < 0) { /* nothing reachable but t itself */
			s->nsettled = 1;
			s->settled[0] = t;
		}
		for (int32_t i = 0; i < s->nsettled; i++) {
			int32_t x = s->settled[i];
			if (!s->dead[x]) {
				s->dead[x] = 1;
				s->pot[x] += s->dead_shift;
			}
		}
		return 1;
	}
	return 0;
}

/* Phase 2 search: Dijkstra from every task with an empty slot at once, each
 * starting at minus its potential, so that dist[u] + pot[u] is the least real
 * cost of a path from some short task to u. Explores everything reachable
 * (no free worker is: the flow is maximum). Returns the number of sources. */
static int32_t search_short(struct match_solver *s)
{
	int32_t nt = s->nt, nsrc = 0;

	if (++s->stamp == 0) {
		memset(s->seen, 0, sizeof *s->seen * (size_t)(nt + s->nw));
		memset(s->done, 0, sizeof *s->done * (size_t)(nt + s->nw));
		s->stamp = 1;
	}
	s->hn = 0;
	s->nsettled = 0;
	for (int32_t t = 0; t < nt; t++)
		if (s->filled[t] < match_demand(s, t) && s->eoff[t] < s->eoff[t + 1]) {
			s->seen[t] = s->stamp;
			s->dist[t] = -s->pot[t];
			s->pred[t] = -1;
			heap_push(s, -s->pot[t], t);
			nsrc++;
		}
	int32_t x;
	double dx;
	while (settle_next(s, &x, &dx)) {
		double px = s->pot[x];
		if (x >= nt) {
			int32_t w = x - nt;
			for (int64_t k = s->woff[w]; k < s->woff[w] + s->wload[w]; k++) {
				int64_t e = s->wlist[k];
				int32_t u = s->etask[e];
				if (s->done[u] == s->stamp)
					continue;
				double rc = -s->ecost[e] + px - s->pot[u];
				relax(s, u, dx + (rc > 0 ? rc : 0), e);
			}
		} else {
			for (int64_t e = s->eoff[x]; e < s->eoff[x + 1]; e++) {
				int32_t y = nt + s->ework[e];
				if (s->asg[e] || s->done[y] == s->stamp)
					continue;
				double rc = s->ecost[e] + px - s->pot[y];
				relax(s, y, dx + (rc > 0 ? rc : 0), e);
			}
		}
	}
	return nsrc;
}

/* Phase 2: the flow is of maximum size and the cheapest for the set of slots
 * it fills; it is the cheapest maximum flow unless a short task t reaches a
 * task u holding a worker along a path of negative real cost (a negative
 * cycle through the source): then t takes the slot and u goes short. Each
 * round finds all such paths with one search, makes every tree edge tight
 * (so reversing tree paths keeps reduced costs >= 0), and cancels a set of
 * node-disjoint ones, best first; it stops when none is left. */
static void improve_short(struct match_solver *s, unsigned char *used)
{
	int32_t nt = s->nt;

	for (;;) {
		if (search_short(s) == 0)
			return;
		double dmax = -INFINITY;
		int32_t ncand = 0;
		for (int32_t i = 0; i < s->nsettled; i++) {
			int32_t x = s->settled[i];
			if (s->dist[x] > dmax)
				dmax = s->dist[x];
			if (x < nt && s->pred[x] >= 0 && s->dist[x] + s->pot[x] < -s->eps)
				s->settled[ncand++] = x; /* reuse: candidates */
		}
		/* tighten: reached nodes move by dist - dmax, others stay */
		for (int32_t x = 0; x < nt + s->nw; x++)
			if (s->done[x] == s->stamp)
				s->pot[x] += s->dist[x] - dmax;
		if (ncand == 0)
			return;
		/* best first: selection of the minimum, candidates are few */
		memset(used, 0, (size_t)(nt + s->nw));
		for (int32_t i = 0; i < ncand; i++) {
			int32_t bi = i;
			for (int32_t j = i + 1; j < ncand; j++)
				if (s->dist[s->settled[j]] + s->pot[s->settled[j]] <
				    s->dist[s->settled[bi]] + s->pot[s->settled[bi]])
					bi = j;
			int32_t u = s->settled[bi];
			s->settled[bi] = s->settled[i];
			s->settled[i] = u;
			/* walk back to the source; the path must be unused */
			int ok = !used[u] && s->filled[u] > 0;
			int32_t x = u, src = -1;
			while (ok) {
				if (x < nt && s->pred[x] < 0) {
					src = x;
					break;
				}
				int64_t e = s->pred[x];
				x = x < nt ? nt + s->ework[e] : s->etask[e];
				ok = !used[x];
			}
			if (!ok || src == u || s->filled[src] >= match_demand(s, src))
				continue;
			for (x = u;;) {
				used[x] = 1;
				if (x == src)
					break;
				int64_t e = s->pred[x];
				x = x < nt ? nt + s->ework[e] : s->etask[e];
			}
			int64_t back = s->pred[u];
			unassign_edge(s, back);
			augment(s, src, s->ework[back]);
			s->filled[src]++;
			s->filled[u]--;
		}
	}
}

void match_solver_free(struct match_solver *s)
{
	free(s->eoff);
	free(s->ework);
	free(s->etask);
	free(s->ecost);
	free(s->eorig);
	free(s->asg);
	free(s->woff);
	free(s->wload);
	free(s->wlist);
	free(s->epos);
	free(s->filled);
	free(s->pot);
	free(s->dist);
	free(s->pred);
	free(s->seen);
	free(s->done);
	free(s->settled);
	free(s->heap);
	free(s->dead);
}

/* Allocate everything once the CSR (eoff, ework, etask, ecost) is built. */
enum match_err match_solver_alloc(struct match_solver *s)
{
	size_t nt = (size_t)s->nt, nw = (size_t)s->nw, ne = (size_t)s->ne;
	size_t nn = nt + nw;

	s->asg = calloc(ne ? ne : 1, 1);
	s->woff = calloc(nw + 1, sizeof *s->woff);
	s->wload = calloc(nw ? nw : 1, sizeof *s->wload);
	s->epos = malloc((ne ? ne : 1) * sizeof *s->epos);
	s->filled = calloc(nt ? nt : 1, sizeof *s->filled);
	s->pot = calloc(nn ? nn : 1, sizeof *s->pot);
	s->dist = malloc((nn ? nn : 1) * sizeof *s->dist);
	s->pred = malloc((nn ? nn : 1) * sizeof *s->pred);
	s->seen = calloc(nn ? nn : 1, sizeof *s->seen);
	s->done = calloc(nn ? nn : 1, sizeof *s->done);
	s->settled = malloc((nn ? nn : 1) * sizeof *s->settled);
	/* a search pushes its sources (at most nt) and relaxes each edge at
	 * most once, from its settled tail */
	s->heap = malloc((ne + nt + 2) * sizeof *s->heap);
	s->dead = calloc(nn ? nn : 1, 1);
	if (!s->dead || !s->asg || !s->woff || !s->wload || !s->epos || !s->filled || !s->pot || !s->dist || !s->pred ||
	    !s->seen || !s->done || !s->settled || !s->heap)
		return MATCH_ENOMEM;
	/* a worker's list holds at most min(cap, degree) edges */
	for (size_t e = 0; e < ne; e++)
		s->woff[s->ework[e] + 1]++;
	for (size_t w = 0; w < nw; w++) {
		int64_t d = s->woff[w + 1], c = match_cap(s, (int32_t)w);
		s->woff[w + 1] = s->woff[w] + (d < c ? d : c);
	}
	s->wlist = malloc((size_t)(s->woff[nw] ? s->woff[nw] : 1) * sizeof *s->wlist);
	if (!s->wlist)
		return MATCH_ENOMEM;
	/* task potentials: the cheapest edge has reduced cost 0 */
	for (size_t t = 0; t < nt; t++) {
		double m = 0;
		for (int64_t e = s->eoff[t]; e < s->eoff[t + 1]; e++)
			if (e == s->eoff[t] || s->ecost[e] < m)
				m = s->ecost[e];
		s->pot[t] = -m;
	}
	double maxabs = 0;
	for (size_t e = 0; e < ne; e++)
		if (fabs(s->ecost[e]) > maxabs)
			maxabs = fabs(s->ecost[e]);
	s->eps = 1e-11 * (1 + maxabs);
	return MATCH_OK;
}

enum match_err match_solver_run(struct match_solver *s)
{
	int32_t nn = s->nt + s->nw, nshort = 0;

	for (int32_t t = 0; t < s->nt; t++)
		nshort += fill_task(s, t);
	for (int32_t x = 0; x < nn; x++)
		if (s->dead[x]) {
			s->pot[x] -= s->dead_shift;
			s->dead[x] = 0;
		}
	if (nshort == 0)
		return MATCH_OK;
	/* the dead marks are no longer needed: reuse them as `used` */
	improve_short(s, s->dead);
	memset(s->dead, 0, (size_t)nn);
	return MATCH_OK;
}

enum match_err match_result_fill(const struct match_solver *s, struct match_result *r, int64_t norig)
{
	int32_t nt = s->nt;

	r->ntasks = nt;
	r->slot_off = malloc(((size_t)nt + 1) * sizeof *r->slot_off);
	if (!r->slot_off)
		return MATCH_ENOMEM;
	r->slot_off[0] = 0;
	for (int32_t t = 0; t < nt; t++)
		r->slot_off[t + 1] = r->slot_off[t] + match_demand(s, t);
	r->demand_slots = r->slot_off[nt];
	r->slot_worker = malloc((size_t)(r->demand_slots ? r->demand_slots : 1) * sizeof *r->slot_worker);
	if (!r->slot_worker)
		return MATCH_ENOMEM;
	if (s->eorig) {
		r->edge_chosen = calloc(norig ? (size_t)norig : 1, 1);
		if (!r->edge_chosen)
			return MATCH_ENOMEM;
	}
	for (int32_t t = 0; t < nt; t++) {
		int64_t k = r->slot_off[t];
		for (int64_t e = s->eoff[t]; e < s->eoff[t + 1]; e++) {
			if (!s->asg[e])
				continue;
			r->slot_worker[k++] = s->ework[e];
			r->total_cost += s->ecost[e];
			r->filled_slots++;
			if (r->edge_chosen)
				r->edge_chosen[s->eorig[e]] = 1;
		}
		if (k < r->slot_off[t + 1])
			r->unfilled_tasks++;
		while (k < r->slot_off[t + 1])
			r->slot_worker[k++] = -1;
	}
	return MATCH_OK;
}
