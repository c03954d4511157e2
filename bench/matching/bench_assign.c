/* bench_assign.c - time the exact assignment solver (src/domain/match.c) on
 * the reference instances (bench/instances/gen_assign.c) and check every
 * objective against the published optimum (bench/instances/assign.h).
 *
 *   bench_assign DIR [NAME ...]     (no NAME = every instance found in DIR)
 *
 * The file formats are in assign.h. Reading and converting costs to double
 * is not timed; the solve is, including the solver's own copies and the
 * result. Exit status 1 if any objective is off, any demand that the optimum
 * fills is left unfilled, or a NAME asked for is unknown or missing. */
#include "instances.h"
#include "assign.h"

#include <string.h>

#include "domain/match.h"

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

static int bench_one(const char *dir, const struct assign_instance *k, int asked)
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
		return asked;
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
		double rel = fabs(r.total_cost - k->optimum) / (k->optimum > 1 ? k->optimum : 1);
		bad = rel > 1e-12 || r.filled_slots != r.demand_slots;
		printf("%-20s %8.3f s  cost %.17g  optimum %.17g  filled %lld/%lld  %s\n", k->name, dt, r.total_cost,
		       k->optimum, (long long)r.filled_slots, (long long)r.demand_slots, bad ? "WRONG" : "ok");
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
	for (int a = 2; a < argc; a++) {
		int known = 0;
		for (int i = 0; i < ASSIGN_NINSTANCES && !known; i++)
			known = strcmp(argv[a], ASSIGN_INSTANCES[i].name) == 0;
		if (!known) {
			printf("%-20s  unknown instance\n", argv[a]);
			bad = 1;
		}
	}
	for (int i = 0; i < ASSIGN_NINSTANCES; i++) {
		int want = argc == 2;
		for (int a = 2; a < argc && !want; a++)
			want = strcmp(argv[a], ASSIGN_INSTANCES[i].name) == 0;
		if (want)
			bad |= bench_one(argv[1], &ASSIGN_INSTANCES[i], argc > 2);
	}
	return bad;
}
