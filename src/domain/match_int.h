/* match_int.h - internals shared by the files of the matching module
 * (match.c: the solver; match_sparse.c, match_dense.c: the entry points).
 * Not for use outside src/domain/match*.c. */
#ifndef LD_DOMAIN_MATCH_INT_H
#define LD_DOMAIN_MATCH_INT_H

#include "domain/match.h"

struct match_heap_ent {
	double key;
	int32_t node;
};

struct match_solver {
	int32_t nt, nw;
	int64_t ne;
	const int32_t *demand, *cap; /* may be NULL = all 1 */
	/* CSR by task */
	int64_t *eoff;      /* [nt + 1] */
	int32_t *ework;     /* [ne] */
	int32_t *etask;     /* [ne] */
	double *ecost;      /* [ne] */
	int64_t *eorig;     /* [ne] original edge index, or NULL */
	unsigned char *asg; /* [ne] edge in use */
	/* workers */
	int64_t *woff;   /* [nw + 1] assigned-edge list slots */
	int32_t *wload;  /* [nw] */
	int64_t *wlist;  /* [woff[nw]] assigned CSR edges */
	int32_t *epos;   /* [ne] position of an assigned edge in its list */
	int32_t *filled; /* [nt] */
	/* search state */
	double *pot, *dist;    /* [nt + nw] */
	int64_t *pred;         /* [nt + nw] edge used to reach the node */
	uint32_t *seen, *done; /* [nt + nw] stamps */
	uint32_t stamp;
	int32_t *settled; /* [nt + nw] */
	int32_t nsettled;
	struct match_heap_ent *heap;
	int64_t hn;
	/* phase 1: nodes in closed sets without free workers (see fill_task) */
	unsigned char *dead; /* [nt + nw] */
	double dead_shift;   /* dead potentials are stored plus this */
	double eps;          /* phase 2 ignores gains smaller than this */
};

static inline int32_t match_demand(const struct match_solver *s, int32_t t)
{
	return s->demand ? s->demand[t] : 1;
}

static inline int32_t match_cap(const struct match_solver *s, int32_t w)
{
	return s->cap ? s->cap[w] : 1;
}

/* After the caller has set nt, nw, demand, cap and built the CSR (eoff,
 * ework, etask, ecost, optionally eorig; ne): allocate the rest. */
enum match_err match_solver_alloc(struct match_solver *s);
/* Free everything the solver holds (safe on a zeroed or partial solver). */
void match_solver_free(struct match_solver *s);
/* Solve: phase 1 (a shortest path per slot), then phase 2 if short. */
enum match_err match_solver_run(struct match_solver *s);
/* Write the answer; edge_chosen only if s->eorig (norig original edges). */
enum match_err match_result_fill(const struct match_solver *s, struct match_result *r, int64_t norig);
/* 1 if the counts and the demand/cap arrays are valid. */
int match_counts_ok(int32_t nt, int32_t nw, const int32_t *demand, const int32_t *cap);

#endif
