/* match.h - exact min-cost assignment of volunteers to shifts (issue 5).
 *
 * Tasks (shifts) t each need demand[t] distinct workers (volunteers); worker
 * w may take at most cap[w] tasks. An edge (task, worker, cost) says that the
 * worker may fill one slot of the task. The solver finds, exactly:
 *   1. the largest possible number of filled slots, then
 *   2. among those, the least total cost.
 * So when every demand can be met it returns a min-cost assignment that
 * meets every demand; otherwise it reports the tasks left short.
 *
 * Algorithm: successive shortest augmenting paths (Jonker-Volgenant style):
 * one Dijkstra per slot from its task over reduced costs (node potentials),
 * stopping at the first worker with spare capacity; a closed set that a
 * short task reaches is never searched again. If slots stay empty, a second
 * phase cancels the negative cycles through the source (a short task taking
 * a worker from another task when that is cheaper). When workers have less
 * room than tasks have slots, the mirrored problem (workers filled from
 * tasks) is solved instead: searches then end on the abundant side.
 *
 * Complexity: O(S * E log E) worst case for S slots and E edges, memory
 * O(E + tasks + workers). In practice most searches touch a few dozen nodes:
 * 50k tasks x 1M workers x 1.5M edges in about 0.2 s (bench/matching). The
 * slow case is a large instance where workers exactly match the slots and
 * compete (20k x 20k with 40 local candidates: about 8 s): augmenting paths
 * get long near the end.
 *
 * Exactness: costs are doubles. With integer costs whose path sums stay below
 * 2^53 every step is exact; with fractional costs the optimum is exact up to
 * floating-point rounding (about 1e-12 relative). Negative costs are allowed.
 *
 * Pure C, libc only, no global state: safe to call from several threads on
 * different problems. The caller owns the problem and the result; free the
 * result with match_result_free(). */
#ifndef LD_DOMAIN_MATCH_H
#define LD_DOMAIN_MATCH_H

#include <stdint.h>

enum match_err {
	MATCH_OK = 0,
	MATCH_EINVAL, /* an index out of range, a negative count, a NaN cost */
	MATCH_ENOMEM, /* allocation failed; the result is left empty */
};

/* A sparse problem: nedges edges given as three parallel arrays (borrowed,
 * any order). A repeated (task, worker) pair counts once, at its least cost. */
struct match_problem {
	int32_t ntasks;
	int32_t nworkers;
	const int32_t *demand; /* [ntasks] slots per task, >= 0; NULL = all 1 */
	const int32_t *cap;    /* [nworkers] tasks per worker, >= 0; NULL = all 1 */
	int64_t nedges;
	const int32_t *task;   /* [nedges] in 0..ntasks-1 */
	const int32_t *worker; /* [nedges] in 0..nworkers-1 */
	const double *cost;    /* [nedges] finite */
};

/* The answer. Task t's slots are slot_worker[slot_off[t] .. slot_off[t+1]),
 * each a worker index or -1 for an unfilled slot (filled ones first). */
struct match_result {
	int32_t ntasks;
	int64_t *slot_off;          /* [ntasks + 1] */
	int32_t *slot_worker;       /* [slot_off[ntasks]] */
	unsigned char *edge_chosen; /* [nedges] 1 if the edge is used;
	                             * NULL from match_solve_dense */
	double total_cost;          /* sum of the costs of used edges */
	int64_t demand_slots;       /* sum of demand */
	int64_t filled_slots;       /* slots filled (maximum possible) */
	int32_t unfilled_tasks;     /* tasks with at least one empty slot */
};

/* Solve `p` into `r` (which need not be initialised; on error it is left
 * empty and safe to free). */
enum match_err match_solve(const struct match_problem *p, struct match_result *r);

/* Solve a dense problem: every task may take every worker, cost[t * nworkers
 * + w] (row-major, borrowed). Solves on the cheapest edges of each row first
 * and proves the answer optimal for the full matrix with the dual potentials,
 * widening the edge set until the proof holds. demand/cap as above. There
 * is no mirroring here: when workers are the scarce side, pass the
 * transposed matrix (workers as tasks) for speed. */
enum match_err match_solve_dense(int32_t ntasks, int32_t nworkers, const double *cost, const int32_t *demand,
                                 const int32_t *cap, struct match_result *r);

void match_result_free(struct match_result *r);

#endif
