/* match_dense.c - match_solve_dense(): full cost matrices. Solves on the
 * cheapest edges of each row and proves the answer optimal for the whole
 * matrix with the solver's dual potentials, widening the edge set until the
 * proof holds (on uniform random matrices the first try suffices). */
#include "domain/match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Partial quickselect: put the k smallest of v[idx[0..n)] first. */
static void select_k(const double *v, int32_t *idx, int32_t n, int32_t k)
{
	int32_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double piv = v[idx[lo + (hi - lo) / 2]];
		int32_t i = lo, j = hi;
		while (i <= j) {
			while (v[idx[i]] < piv)
				i++;
			while (v[idx[j]] > piv)
				j--;
			if (i <= j) {
				int32_t tmp = idx[i];
				idx[i] = idx[j];
				idx[j] = tmp;
				i++;
				j--;
			}
		}
		if (k - 1 <= j)
			hi = j;
		else if (k - 1 >= i)
			lo = i;
		else
			break;
	}
}

static enum match_err build_dense(struct match_solver *s, const double *cost, int32_t k, int32_t *idx)
{
	int32_t nt = s->nt, nw = s->nw;
	size_t ne = (size_t)nt * (size_t)k;

	s->eoff = malloc(((size_t)nt + 1) * sizeof *s->eoff);
	s->ework = malloc((ne ? ne : 1) * sizeof *s->ework);
	s->etask = malloc((ne ? ne : 1) * sizeof *s->etask);
	s->ecost = malloc((ne ? ne : 1) * sizeof *s->ecost);
	if (!s->eoff || !s->ework || !s->etask || !s->ecost)
		return MATCH_ENOMEM;
	for (int32_t t = 0; t < nt; t++) {
		const double *row = cost + (size_t)t * (size_t)nw;
		for (int32_t w = 0; w < nw; w++)
			idx[w] = w;
		if (k < nw)
			select_k(row, idx, nw, k);
		s->eoff[t] = (int64_t)t * k;
		for (int32_t j = 0; j < k; j++) {
			size_t e = (size_t)t * (size_t)k + (size_t)j;
			s->ework[e] = idx[j];
			s->etask[e] = t;
			s->ecost[e] = row[idx[j]];
		}
	}
	s->eoff[nt] = (int64_t)ne;
	s->ne = (int64_t)ne;
	return MATCH_OK;
}

/* 1 if no edge outside the solution has negative reduced cost. */
static int dense_proved(const struct match_solver *s, const double *cost, double tol, unsigned char *inrow)
{
	int32_t nt = s->nt, nw = s->nw;
	const double *pw = s->pot + nt;

	memset(inrow, 0, (size_t)nw);
	for (int32_t t = 0; t < nt; t++) {
		const double *row = cost + (size_t)t * (size_t)nw;
		double pt = s->pot[t];
		for (int64_t e = s->eoff[t]; e < s->eoff[t + 1]; e++)
			if (s->asg[e])
				inrow[s->ework[e]] = 1;
		int bad = 0;
		for (int32_t w = 0; w < nw; w++)
			if (row[w] + pt - pw[w] < -tol && !inrow[w])
				bad = 1;
		for (int64_t e = s->eoff[t]; e < s->eoff[t + 1]; e++)
			inrow[s->ework[e]] = 0;
		if (bad)
			return 0;
	}
	return 1;
}

enum match_err match_solve_dense(int32_t ntasks, int32_t nworkers, const double *cost, const int32_t *demand,
                                 const int32_t *cap, struct match_result *r)
{
	enum match_err err = MATCH_OK;
	int32_t *idx = NULL;
	unsigned char *inrow = NULL;
	double maxabs = 0;
	int64_t need = 0;

	memset(r, 0, sizeof *r);
	if (!match_counts_ok(ntasks, nworkers, demand, cap) || (ntasks > 0 && nworkers > 0 && !cost))
		return MATCH_EINVAL;
	for (size_t i = 0; i < (size_t)ntasks * (size_t)nworkers; i++) {
		if (!isfinite(cost[i]))
			return MATCH_EINVAL;
		if (fabs(cost[i]) > maxabs)
			maxabs = fabs(cost[i]);
	}
	for (int32_t t = 0; t < ntasks; t++)
		need += demand ? demand[t] : 1;
	idx = malloc(((size_t)nworkers ? (size_t)nworkers : 1) * sizeof *idx);
	inrow = malloc((size_t)nworkers ? (size_t)nworkers : 1);
	if (!idx || !inrow) {
		err = MATCH_ENOMEM;
		goto out;
	}
	/* the rank of an optimal edge in its row is small on typical data; on
	 * random matrices it grows like log n, so start from 2 log2 n (at
	 * least 16): dense_flt_2000 needed a second, wider solve from 16 */
	int32_t k = 16;
	while (k < 64 && ((int64_t)1 << (k / 2)) < (int64_t)nworkers)
		k += 2;
	for (int32_t t = 0; demand && t < ntasks; t++)
		if (demand[t] > k / 2)
			k = demand[t] < INT32_MAX / 2 ? 2 * demand[t] : INT32_MAX;
	for (;;) {
		struct match_solver s;
		if (k > nworkers)
			k = nworkers;
		memset(&s, 0, sizeof s);
		s.nt = ntasks;
		s.nw = nworkers;
		s.demand = demand;
		s.cap = cap;
		err = build_dense(&s, cost, k, idx);
		if (err == MATCH_OK)
			err = match_solver_alloc(&s);
		if (err == MATCH_OK)
			err = match_solver_run(&s);
		if (err == MATCH_OK) {
			int64_t got = 0;
			for (int32_t t = 0; t < ntasks; t++)
				got += s.filled[t];
			/* a full answer with a dual proof is optimal for the
			 * whole matrix; else widen (all edges needs no proof) */
			if (k == nworkers || (got == need && dense_proved(&s, cost, 1e-12 * (1 + maxabs), inrow))) {
				err = match_result_fill(&s, r, 0);
				match_solver_free(&s);
				break;
			}
		}
		match_solver_free(&s);
		if (err != MATCH_OK)
			break;
		k = k < nworkers / 4 ? 4 * k : nworkers;
	}
out:
	free(idx);
	free(inrow);
	if (err != MATCH_OK)
		match_result_free(r);
	return err;
}
