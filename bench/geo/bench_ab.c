/* bench_ab.c - two builds of domain/geoindex in one process, timed query by
 * query in turns (ab.sh builds them with their public names prefixed A_ and
 * B_). On a shared machine the noise of other tenants moves two separate
 * runs further apart than most changes do; taking every query on both
 * indexes one after the other, in alternating order, exposes both to the
 * same moment. Same protocol as bench_knn otherwise: both indexes built,
 * compacted, every round the 1,000 queries in a new shuffled order (each
 * index is cold for its own query: the other one ran in between). Checks
 * that both give the same answers.
 *
 *   bench_ab DATADIR [ROUNDS] */
#include "instances.h"

#include "domain/geoindex.h"
#include "points.h"

#define K 20

#define DECLARE(P)                                                                                                     \
	struct geoindex *P##_new(void);                                                                                \
	int P##_reserve(struct geoindex *ix, size_t n);                                                                \
	int P##_compact(struct geoindex *ix);                                                                          \
	int P##_put(struct geoindex *ix, int64_t id, double lat, double lon, uint64_t mask);                           \
	int P##_nearest(const struct geoindex *ix, double lat, double lon, double r, uint64_t req, int k,              \
	                struct geo_hit *out);                                                                          \
	size_t P##_memory(const struct geoindex *ix);
DECLARE(A)
DECLARE(B)

static double pct(const double *sorted, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return sorted[i < n ? i : n - 1];
}

static double us_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec * 1e-3;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DATADIR [ROUNDS]\n", argv[0]);
		return 1;
	}
	int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 20;
	if (rounds < 1)
		rounds = 1;
	struct pts P = read_pts(argv[1], "points.bin"), Q = read_pts(argv[1], "queries.bin");
	struct geoindex *a = A_new(), *b = B_new();
	if (!a || !b || A_reserve(a, (size_t)P.n) < 0 || B_reserve(b, (size_t)P.n) < 0)
		die("out of memory");
	double ta = 0, tb = 0;
	for (int i = 0; i < P.n; i++) {
		double s = us_now();
		if (A_put(a, i, P.lat[i], P.lon[i], P.mask[i]) < 0)
			die("put");
		double m = us_now();
		if (B_put(b, i, P.lat[i], P.lon[i], P.mask[i]) < 0)
			die("put");
		ta += m - s;
		tb += us_now() - m;
	}
	if (A_compact(a) < 0 || B_compact(b) < 0)
		die("compact");
	printf("build: A %.0f ms, B %.0f ms; memory after compact: A %.1f MB, B %.1f MB\n", ta / 1e3, tb / 1e3,
	       (double)A_memory(a) / 1048576.0, (double)B_memory(b) / 1048576.0);

	size_t N = (size_t)rounds * (size_t)Q.n;
	double *t[2][4];
	size_t nt[4] = {0};
	for (int s = 0; s < 2; s++)
		for (int c = 0; c < 4; c++)
			if (!(t[s][c] = malloc(N * sizeof(double))))
				die("out of memory");
	int *order = malloc((size_t)Q.n * sizeof *order);
	if (!order)
		die("out of memory");
	for (int q = 0; q < Q.n; q++)
		order[q] = q;
	struct rng r = {77};
	struct geo_hit oa[K], ob[K];
	int differ = 0;
	for (int rd = 0; rd < rounds; rd++) {
		for (int q = Q.n - 1; q > 0; q--) {
			int j = (int)rng_int(&r, 0, q), x = order[q];
			order[q] = order[j];
			order[j] = x;
		}
		for (int i = 0; i < Q.n; i++) {
			int q = order[i], c = __builtin_popcountll(Q.mask[q]);
			double x, y, s;
			int na, nb;
			if (i & 1) {
				s = us_now();
				na = A_nearest(a, Q.lat[q], Q.lon[q], 10000, Q.mask[q], K, oa);
				x = us_now() - s;
				s = us_now();
				nb = B_nearest(b, Q.lat[q], Q.lon[q], 10000, Q.mask[q], K, ob);
				y = us_now() - s;
			} else {
				s = us_now();
				nb = B_nearest(b, Q.lat[q], Q.lon[q], 10000, Q.mask[q], K, ob);
				y = us_now() - s;
				s = us_now();
				na = A_nearest(a, Q.lat[q], Q.lon[q], 10000, Q.mask[q], K, oa);
				x = us_now() - s;
			}
			int same = na == nb;
			for (int j = 0; same && j < na; j++)
				same = oa[j].id == ob[j].id && oa[j].distance_m == ob[j].distance_m;
			differ += !same;
			if (c > 3)
				c = 3;
			t[0][c][nt[c]] = x;
			t[1][c][nt[c]++] = y;
			t[0][0][nt[0]] = x;
			t[1][0][nt[0]++] = y;
		}
	}
	static const char *cls[4] = {"all", "1 skill", "2 skills", "3 skills"};
	printf("%-9s %27s | %27s\n", "", "A: p50 / p90 / p99 us", "B: p50 / p90 / p99 us");
	for (int c = 0; c < 4; c++) {
		if (!nt[c])
			continue;
		for (int s = 0; s < 2; s++)
			qsort(t[s][c], nt[c], sizeof(double), dbl_cmp);
		printf("%-9s %8.2f %8.2f %9.2f | %8.2f %8.2f %9.2f\n", cls[c], pct(t[0][c], nt[c], 0.5),
		       pct(t[0][c], nt[c], 0.9), pct(t[0][c], nt[c], 0.99), pct(t[1][c], nt[c], 0.5),
		       pct(t[1][c], nt[c], 0.9), pct(t[1][c], nt[c], 0.99));
	}
	printf("%s\n", differ ? "ANSWERS DIFFER" : "same answers");
	return differ ? 1 : 0;
}
