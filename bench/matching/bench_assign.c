/* bench_assign.c - time the exact assignment solver (src/domain/match.c) on
 * the reference instances of /work/shared/bench/matching (gen_assign) and
 * check every objective against the published optimum.
 *
 *   bench_assign DIR [NAME ...]     (no NAME = every instance found in DIR)
 *
 * File formats (little endian, see the generator's common.h):
 *   sparse: "ASGNv1\0\0" | int32 nT | int32 nV | int64 nE | int32 demand[nT]
 *           | int32 task[nE] | int32 vol[nE] | int32 cost[nE]
 *   dense : "DENSv1\0\0" | int32 n | int32 kind (0 int32, 1 float64) | n*n costs
 * Reading and converting costs to double is not timed; the solve is, including
 * the solver's own copies and the result. Exit status 1 if any objective is
 * off or any demand that the optimum fills is left unfilled. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c17 */
#include "domain/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct known {
	const char *name;
	double opt;
	int dense;
};

static const struct known KNOWN[] = {
    {"dense_int_1000", 163540, 1},
    {"dense_int_2000", 162999, 1},
    {"dense_int_5000", 160387, 1},
    {"dense_flt_1000", 1.6696042743614528, 1},
    {"dense_flt_2000", 1.6354383501351752, 1},
    {"dense_flt_5000", 1.6532102187239968, 1},
    {"rand_10k_100k_d50", 206165, 0},
    {"geo_10k_100k_k50", 2375559, 0},
    {"geob_5k_100k_k60", 5636301, 0},
    {"geot_20k_25k_k40", 12842790, 0},
    {"rand_50k_1m_d30", 1663529, 0},
    {"geo_50k_1m_k30", 3757762, 0},
};
#define NKNOWN (int)(sizeof KNOWN / sizeof KNOWN[0])

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int read_all(FILE *f, void *p, size_t size, size_t n)
{
	return fread(p, size, n, f) == n;
}

struct inst {
	int dense;
	int32_t nt, nw;
	int64_t ne;
	int32_t *demand, *task, *worker;
	double *cost; /* edges, or the n*n matrix */
};

static void inst_free(struct inst *in)
{
	free(in->demand);
	free(in->task);
	free(in->worker);
	free(in->cost);
	memset(in, 0, sizeof *in);
}

static int load(const char *path, struct inst *in)
{
	FILE *f = fopen(path, "rb");
	char magic[8];
	int ok = 0;
	int32_t *tmp = NULL;

	memset(in, 0, sizeof *in);
	if (!f)
		return 0;
	if (!read_all(f, magic, 1, 8))
		goto out;
	if (memcmp(magic, "DENSv1", 6) == 0) {
		int32_t n, kind;
		if (!read_all(f, &n, 4, 1) || !read_all(f, &kind, 4, 1) || n <= 0)
			goto out;
		size_t nn = (size_t)n * (size_t)n;
		in->dense = 1;
		in->nt = in->nw = n;
		in->cost = malloc(nn * sizeof *in->cost);
		if (!in->cost)
			goto out;
		if (kind == 1) {
			if (!read_all(f, in->cost, 8, nn))
				goto out;
		} else {
			tmp = malloc(nn * sizeof *tmp);
			if (!tmp || !read_all(f, tmp, 4, nn))
				goto out;
			for (size_t i = 0; i < nn; i++)
				in->cost[i] = tmp[i];
		}
		ok = 1;
	} else if (memcmp(magic, "ASGNv1", 6) == 0) {
		if (!read_all(f, &in->nt, 4, 1) || !read_all(f, &in->nw, 4, 1) || !read_all(f, &in->ne, 8, 1) ||
		    in->nt < 0 || in->nw < 0 || in->ne < 0)
			goto out;
		size_t ne = (size_t)in->ne;
		in->demand = malloc((size_t)in->nt * 4 + 4);
		in->task = malloc(ne * 4 + 4);
		in->worker = malloc(ne * 4 + 4);
		in->cost = malloc(ne * 8 + 8);
		tmp = malloc(ne * 4 + 4);
		if (!in->demand || !in->task || !in->worker || !in->cost || !tmp)
			goto out;
		if (!read_all(f, in->demand, 4, (size_t)in->nt) || !read_all(f, in->task, 4, ne) ||
		    !read_all(f, in->worker, 4, ne) || !read_all(f, tmp, 4, ne))
			goto out;
		for (size_t i = 0; i < ne; i++)
			in->cost[i] = tmp[i];
		ok = 1;
	}
out:
	free(tmp);
	fclose(f);
	if (!ok)
		inst_free(in);
	return ok;
}

static int bench_one(const char *dir, const struct known *k)
{
	char path[4096];
	struct inst in;
	struct match_result r;
	enum match_err err;
	int n = snprintf(path, sizeof path, "%s/%s.bin", dir, k->name);

	if (n < 0 || (size_t)n >= sizeof path)
		return 0;
	if (!load(path, &in)) {
		printf("%-20s  (not found: %s)\n", k->name, path);
		return 0;
	}
	double t0 = now_s();
	if (in.dense) {
		err = match_solve_dense(in.nt, in.nw, in.cost, NULL, NULL, &r);
	} else {
		struct match_problem p = {
		    .ntasks = in.nt,
		    .nworkers = in.nw,
		    .demand = in.demand,
		    .cap = NULL,
		    .nedges = in.ne,
		    .task = in.task,
		    .worker = in.worker,
		    .cost = in.cost,
		};
		err = match_solve(&p, &r);
	}
	double dt = now_s() - t0;
	int bad = 1;
	if (err != MATCH_OK) {
		printf("%-20s  error %d\n", k->name, (int)err);
	} else {
		double rel = fabs(r.total_cost - k->opt) / (k->opt > 1 ? k->opt : 1);
		bad = rel > 1e-12 || r.filled_slots != r.demand_slots;
		printf("%-20s %8.3f s  cost %.17g  optimum %.17g  filled %lld/%lld  %s\n", k->name, dt, r.total_cost,
		       k->opt, (long long)r.filled_slots, (long long)r.demand_slots, bad ? "WRONG" : "ok");
	}
	fflush(stdout);
	match_result_free(&r);
	inst_free(&in);
	return bad;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [NAME ...]\n", argv[0]);
		return 2;
	}
	for (int i = 0; i < NKNOWN; i++) {
		int want = argc == 2;
		for (int a = 2; a < argc; a++)
			if (strcmp(argv[a], KNOWN[i].name) == 0)
				want = 1;
		if (want)
			bad |= bench_one(argv[1], &KNOWN[i]);
	}
	return bad;
}
