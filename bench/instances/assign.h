/* assign.h - the reference assignment instances: their names, shapes, seeds
 * and published optima, and the format of the files gen_assign writes.
 *
 * One table for the generator (gen_assign.c: what to draw) and the benchmark
 * (bench/matching/bench_assign.c: what the solver must reach), so an
 * instance and its optimum cannot drift apart. The optima were published
 * with the instances, each agreed on by three independent solvers (scipy,
 * LEMON and GLPK); `scripts/reference-instances.sh` (part of `make test`)
 * checks domain/match against every one of them.
 *
 * Files (little endian, as written by x86-64 and arm64):
 *   sparse  "ASGNv1\0\0" | int32 ntasks | int32 nvols | int64 nedges
 *           | int32 demand[ntasks] | int32 task[nedges] (non-decreasing)
 *           | int32 vol[nedges] | int32 cost[nedges]
 *   dense   "DENSv1\0\0" | int32 n | int32 kind (0 int32 costs, 1 float64)
 *           | n * n costs, row by row (row = task, column = volunteer)
 * Every volunteer can take one task; a task needs `demand` volunteers. */
#ifndef BENCH_ASSIGN_H
#define BENCH_ASSIGN_H

#include <stdint.h>

enum assign_kind {
	ASSIGN_DENSE_INT,   /* n x n, costs uniform integers in [0, 99999] */
	ASSIGN_DENSE_FLOAT, /* n x n, costs uniform doubles in [0, 1) */
	ASSIGN_RANDOM,      /* each task: `degree` distinct random volunteers,
			       costs uniform integers in [1, 1000] */
	ASSIGN_GEO,         /* tasks and volunteers uniform in the city box;
			       each task: its `degree` nearest volunteers,
			       cost 1 + metres rounded */
	ASSIGN_GEO_GROUPS,  /* as ASSIGN_GEO, each task needing 1 to 5 people */
};

struct assign_instance {
	const char *name; /* the file is NAME.bin */
	enum assign_kind kind;
	int32_t ntasks, nvols;
	int32_t degree;   /* candidates per task (sparse kinds only) */
	uint64_t seed;    /* the splitmix64 seed (instances.h) */
	double optimum;   /* the published minimum total cost */
};

/* Smallest first: the order of `gen_assign --list`, the benchmark's
 * output and the reference check. */
static const struct assign_instance ASSIGN_INSTANCES[] = {
    {"dense_int_1000", ASSIGN_DENSE_INT, 1000, 1000, 0, 1001, 163540},
    {"dense_int_2000", ASSIGN_DENSE_INT, 2000, 2000, 0, 1002, 162999},
    {"dense_int_5000", ASSIGN_DENSE_INT, 5000, 5000, 0, 1005, 160387},
    {"dense_flt_1000", ASSIGN_DENSE_FLOAT, 1000, 1000, 0, 2001, 1.6696042743614528},
    {"dense_flt_2000", ASSIGN_DENSE_FLOAT, 2000, 2000, 0, 2002, 1.6354383501351752},
    {"dense_flt_5000", ASSIGN_DENSE_FLOAT, 5000, 5000, 0, 2005, 1.6532102187239968},
    {"rand_10k_100k_d50", ASSIGN_RANDOM, 10000, 100000, 50, 3001, 206165},
    {"geo_10k_100k_k50", ASSIGN_GEO, 10000, 100000, 50, 4001, 2375559},
    {"geob_5k_100k_k60", ASSIGN_GEO_GROUPS, 5000, 100000, 60, 5001, 5636301},
    /* high contention, a disaster day: greedy "cheapest edge first" leaves
     * 210 of its tasks unstaffed where the optimum staffs them all */
    {"geot_20k_25k_k40", ASSIGN_GEO, 20000, 25000, 40, 6001, 12842790},
    {"rand_50k_1m_d30", ASSIGN_RANDOM, 50000, 1000000, 30, 3002, 1663529},
    {"geo_50k_1m_k30", ASSIGN_GEO, 50000, 1000000, 30, 4002, 3757762},
};
#define ASSIGN_NINSTANCES ((int)(sizeof ASSIGN_INSTANCES / sizeof ASSIGN_INSTANCES[0]))

#endif
