/* gen_assign.c - writes the reference assignment instances of assign.h, the
 * ones the matching benchmark and `make test` solve and compare with their
 * published optima.
 *
 *   gen_assign OUTDIR [NAME ...]   write OUTDIR/NAME.bin for each NAME
 *                                  (no NAME: all twelve, about 1.3 GB)
 *   gen_assign --list              print the names, smallest first
 *
 * Each instance is drawn from splitmix64 started at its own seed
 * (instances.h), in a fixed order that is part of its definition:
 *   dense     the n * n costs row by row, one draw each;
 *   random    task by task: for each of its candidates, a volunteer (drawn
 *             again while it repeats one of the task's earlier candidates),
 *             then the cost;
 *   geo       every volunteer (latitude, then longitude), then every task
 *             (latitude, longitude and, for ASSIGN_GEO_GROUPS, its demand);
 *             no draw after that: the candidates are computed.
 * A task's candidates are its `degree` nearest volunteers by haversine,
 * ties to the smaller id, found on a uniform grid of about eight volunteers
 * per cell searched ring by ring around the task's cell, and stored nearest
 * first. Build with -ffp-contract=off (see instances.h).
 *
 * Exit status 0, 1 for a usage error (an unknown name), 2 when a file cannot
 * be written. */
#include "instances.h"
#include "assign.h"

#include <string.h>

/* --- writing ------------------------------------------------------------- */

struct out {
	FILE *f;
	const char *path;
};

static void out_open(struct out *o, const char *path)
{
	o->path = path;
	o->f = fopen(path, "wb");
	if (!o->f)
		die(path);
}

static void out_put(struct out *o, const void *p, size_t size, size_t n)
{
	if (fwrite(p, size, n, o->f) != n)
		die(o->path);
}

static void out_close(struct out *o)
{
	if (fclose(o->f) != 0)
		die(o->path);
	o->f = NULL;
}

/* A sparse instance: the header, demands, then the three edge arrays. */
static void write_sparse(const char *path, const struct assign_instance *in, int64_t nedges, const int32_t *demand,
			 const int32_t *task, const int32_t *vol, const int32_t *cost)
{
	static const char magic[8] = "ASGNv1";
	struct out o;

	out_open(&o, path);
	out_put(&o, magic, 1, sizeof magic);
	out_put(&o, &in->ntasks, 4, 1);
	out_put(&o, &in->nvols, 4, 1);
	out_put(&o, &nedges, 8, 1);
	out_put(&o, demand, 4, (size_t)in->ntasks);
	out_put(&o, task, 4, (size_t)nedges);
	out_put(&o, vol, 4, (size_t)nedges);
	out_put(&o, cost, 4, (size_t)nedges);
	out_close(&o);
}

/* --- dense --------------------------------------------------------------- */

static void gen_dense(const struct assign_instance *in, const char *path)
{
	static const char magic[8] = "DENSv1";
	struct rng r = {in->seed};
	int32_t n = in->ntasks;
	int32_t kind = in->kind == ASSIGN_DENSE_INT ? 0 : 1;
	struct out o;

	out_open(&o, path);
	out_put(&o, magic, 1, sizeof magic);
	out_put(&o, &n, 4, 1);
	out_put(&o, &kind, 4, 1);
	if (kind == 0) {
		int32_t *row = alloc_or_die((size_t)n, sizeof *row);
		for (int32_t i = 0; i < n; i++) {
			for (int32_t j = 0; j < n; j++)
				row[j] = (int32_t)rng_int(&r, 0, 99999);
			out_put(&o, row, sizeof *row, (size_t)n);
		}
		free(row);
	} else {
		double *row = alloc_or_die((size_t)n, sizeof *row);
		for (int32_t i = 0; i < n; i++) {
			for (int32_t j = 0; j < n; j++)
				row[j] = rng_unif(&r);
			out_put(&o, row, sizeof *row, (size_t)n);
		}
		free(row);
	}
	out_close(&o);
}

/* --- random sparse ------------------------------------------------------- */

static void gen_random(const struct assign_instance *in, const char *path)
{
	struct rng r = {in->seed};
	int32_t d = in->degree;
	int64_t nedges = (int64_t)in->ntasks * d, e = 0;
	int32_t *demand = alloc_or_die((size_t)in->ntasks, sizeof *demand);
	int32_t *task = alloc_or_die((size_t)nedges, sizeof *task);
	int32_t *vol = alloc_or_die((size_t)nedges, sizeof *vol);
	int32_t *cost = alloc_or_die((size_t)nedges, sizeof *cost);

	for (int32_t t = 0; t < in->ntasks; t++) {
		const int32_t *mine = vol + e; /* this task's candidates so far */
		demand[t] = 1;
		for (int32_t k = 0; k < d; k++, e++) {
			int repeated;
			do {
				vol[e] = (int32_t)rng_int(&r, 0, in->nvols - 1);
				repeated = 0;
				for (int32_t j = 0; j < k && !repeated; j++)
					repeated = mine[j] == vol[e];
			} while (repeated);
			task[e] = t;
			cost[e] = (int32_t)rng_int(&r, 1, 1000);
		}
	}
	write_sparse(path, in, nedges, demand, task, vol, cost);
	free(demand);
	free(task);
	free(vol);
	free(cost);
}

/* --- geographic ---------------------------------------------------------- */

/* The volunteers bucketed on a grid of square cells (in degrees): cell c
 * holds idx[start[c] .. start[c + 1]), in increasing id order. */
struct grid {
	double side;
	int nx, ny;
	int32_t *start, *idx;
};

static int grid_axis(double v, double min, double side, int n)
{
	int c = (int)((v - min) / side);
	return c < n ? c : n - 1;
}

static int grid_cell(const struct grid *g, double lat, double lon)
{
	return grid_axis(lat, LAT_MIN, g->side, g->ny) * g->nx + grid_axis(lon, LON_MIN, g->side, g->nx);
}

/* About eight volunteers per cell. */
static void grid_build(struct grid *g, int32_t n, const double *lat, const double *lon)
{
	int32_t *fill;
	int ncells;

	g->side = sqrt((LAT_MAX - LAT_MIN) * (LON_MAX - LON_MIN) * 8.0 / n);
	g->ny = (int)ceil((LAT_MAX - LAT_MIN) / g->side);
	g->nx = (int)ceil((LON_MAX - LON_MIN) / g->side);
	ncells = g->nx * g->ny;
	g->start = alloc_or_die((size_t)ncells + 1, sizeof *g->start);
	g->idx = alloc_or_die((size_t)n, sizeof *g->idx);
	for (int32_t j = 0; j < n; j++)
		g->start[grid_cell(g, lat[j], lon[j]) + 1]++;
	for (int c = 0; c < ncells; c++)
		g->start[c + 1] += g->start[c];
	fill = alloc_or_die((size_t)ncells, sizeof *fill);
	memcpy(fill, g->start, (size_t)ncells * sizeof *fill);
	for (int32_t j = 0; j < n; j++)
		g->idx[fill[grid_cell(g, lat[j], lon[j])]++] = j;
	free(fill);
}

static void grid_release(struct grid *g)
{
	free(g->start);
	free(g->idx);
}

/* The k best (nearest, then smaller id) seen so far, best first. */
struct nearest {
	int k, n;
	double *dist;
	int32_t *id;
};

static int nearest_before(double d1, int32_t id1, double d2, int32_t id2)
{
	return d1 < d2 || (d1 == d2 && id1 < id2);
}

static void nearest_offer(struct nearest *b, double d, int32_t id)
{
	int q;

	if (b->n == b->k && !nearest_before(d, id, b->dist[b->n - 1], b->id[b->n - 1]))
		return;
	q = b->n < b->k ? b->n++ : b->k - 1;
	for (; q > 0 && nearest_before(d, id, b->dist[q - 1], b->id[q - 1]); q--) {
		b->dist[q] = b->dist[q - 1];
		b->id[q] = b->id[q - 1];
	}
	b->dist[q] = d;
	b->id[q] = id;
}

/* Offer every volunteer of the cells on the square ring at Chebyshev
 * distance `ring` around (cy, cx). */
static void nearest_ring(struct nearest *b, const struct grid *g, int cy, int cx, int ring, double lat, double lon,
			 const double *vlat, const double *vlon)
{
	for (int y = cy - ring; y <= cy + ring; y++) {
		if (y < 0 || y >= g->ny)
			continue;
		for (int x = cx - ring; x <= cx + ring; x++) {
			if (x < 0 || x >= g->nx)
				continue;
			if (y != cy - ring && y != cy + ring && x != cx - ring && x != cx + ring)
				continue; /* inside the ring: seen already */
			for (int32_t p = g->start[y * g->nx + x]; p < g->start[y * g->nx + x + 1]; p++) {
				int32_t j = g->idx[p];
				nearest_offer(b, haversine_m(lat, lon, vlat[j], vlon[j]), j);
			}
		}
	}
}

/* The k nearest volunteers of (lat, lon) into b. Rings are added until the
 * k-th best is no farther than the ring's inner edge can be anywhere in the
 * box (with a 1% margin), or the grid is exhausted. */
static void nearest_find(struct nearest *b, const struct grid *g, double lat, double lon, const double *vlat,
			 const double *vlon)
{
	/* a cell's narrowest side in metres: east-west at the box's north edge */
	double side_min_m = g->side * DEG2RAD * EARTH_R * cos(LAT_MAX * DEG2RAD);
	int cy = grid_axis(lat, LAT_MIN, g->side, g->ny), cx = grid_axis(lon, LON_MIN, g->side, g->nx);

	b->n = 0;
	for (int ring = 0;; ring++) {
		nearest_ring(b, g, cy, cx, ring, lat, lon, vlat, vlon);
		if (b->n == b->k && b->dist[b->k - 1] <= 0.99 * ring * side_min_m)
			break;
		if (ring > g->nx + g->ny)
			break;
	}
}

static void gen_geo(const struct assign_instance *in, const char *path)
{
	struct rng r = {in->seed};
	int32_t nt = in->ntasks, nv = in->nvols;
	double *vlat = alloc_or_die((size_t)nv, sizeof *vlat), *vlon = alloc_or_die((size_t)nv, sizeof *vlon);
	double *tlat = alloc_or_die((size_t)nt, sizeof *tlat), *tlon = alloc_or_die((size_t)nt, sizeof *tlon);
	int32_t *demand = alloc_or_die((size_t)nt, sizeof *demand);
	int64_t cap = (int64_t)nt * in->degree, e = 0;
	int32_t *task = alloc_or_die((size_t)cap, sizeof *task);
	int32_t *vol = alloc_or_die((size_t)cap, sizeof *vol);
	int32_t *cost = alloc_or_die((size_t)cap, sizeof *cost);
	struct nearest best = {.k = in->degree};
	struct grid g;

	for (int32_t j = 0; j < nv; j++)
		rng_point(&r, &vlat[j], &vlon[j]);
	for (int32_t t = 0; t < nt; t++) {
		rng_point(&r, &tlat[t], &tlon[t]);
		demand[t] = in->kind == ASSIGN_GEO_GROUPS ? (int32_t)rng_int(&r, 1, 5) : 1;
	}
	grid_build(&g, nv, vlat, vlon);
	best.dist = alloc_or_die((size_t)best.k, sizeof *best.dist);
	best.id = alloc_or_die((size_t)best.k, sizeof *best.id);
	for (int32_t t = 0; t < nt; t++) {
		nearest_find(&best, &g, tlat[t], tlon[t], vlat, vlon);
		for (int k = 0; k < best.n; k++, e++) {
			task[e] = t;
			vol[e] = best.id[k];
			cost[e] = 1 + (int32_t)lround(best.dist[k]);
		}
	}
	write_sparse(path, in, e, demand, task, vol, cost);
	grid_release(&g);
	free(best.dist);
	free(best.id);
	free(vlat);
	free(vlon);
	free(tlat);
	free(tlon);
	free(demand);
	free(task);
	free(vol);
	free(cost);
}

/* --- main ---------------------------------------------------------------- */

static const struct assign_instance *find_instance(const char *name)
{
	for (int i = 0; i < ASSIGN_NINSTANCES; i++)
		if (strcmp(ASSIGN_INSTANCES[i].name, name) == 0)
			return &ASSIGN_INSTANCES[i];
	return NULL;
}

static void generate(const char *dir, const struct assign_instance *in)
{
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/%s.bin", dir, in->name);
	double t0 = now_s();

	if (n < 0 || (size_t)n >= sizeof path)
		die("output path too long");
	switch (in->kind) {
	case ASSIGN_DENSE_INT:
	case ASSIGN_DENSE_FLOAT:
		gen_dense(in, path);
		break;
	case ASSIGN_RANDOM:
		gen_random(in, path);
		break;
	case ASSIGN_GEO:
	case ASSIGN_GEO_GROUPS:
		gen_geo(in, path);
		break;
	}
	printf("%-20s seed %llu  %s  (%.1f s)\n", in->name, (unsigned long long)in->seed, path, now_s() - t0);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (int i = 0; i < ASSIGN_NINSTANCES; i++)
			printf("%s\n", ASSIGN_INSTANCES[i].name);
		return 0;
	}
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: %s OUTDIR [NAME ...]\n       %s --list\n", argv[0], argv[0]);
		return 1;
	}
	for (int a = 2; a < argc; a++) {
		if (!find_instance(argv[a])) {
			fprintf(stderr, "%s: no instance named %s (see --list)\n", argv[0], argv[a]);
			return 1;
		}
	}
	for (int i = 0; i < ASSIGN_NINSTANCES; i++) {
		int want = argc == 2;
		for (int a = 2; a < argc && !want; a++)
			want = strcmp(argv[a], ASSIGN_INSTANCES[i].name) == 0;
		if (want)
			generate(argv[1], &ASSIGN_INSTANCES[i]);
	}
	return 0;
}
