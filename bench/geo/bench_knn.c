/* bench_knn.c - the emergency search benchmark for domain/geoindex (issue 5).
 *
 * Reads points.bin and queries.bin written by the repository's generator
 * (bench/instances/gen_points.c: 1,000,000 volunteers with 64-bit skill
 * masks in a Jingzhou-sized box, 1,000 queries), builds the index, checks
 * every query against a brute-force scan that uses the instances' own
 * haversine (bench/instances/instances.h), then times:
 *   - the build (1M puts), and the memory the index holds;
 *   - each query alone (clock_gettime around one call), over many rounds in
 *     a shuffled order, reporting p50 / p90 / p99 / max;
 *   - the brute-force scan per query (skill mask first, haversine on the
 *     rest), the baseline any index must beat;
 *   - the same after geoindex_compact (cells repacked in grid order);
 *   - two reader threads querying the same index at once (queries only
 *     read it), each query timed alone;
 *   - moves: 100,000 volunteers put somewhere else, then put back, after
 *     which every query is checked again.
 * GEO_BENCH_TRUTH_QUERIES=n limits the brute force and the checks to the
 * first n queries (for profiling runs).
 *
 *   bench_knn DATADIR [ROUNDS]
 *
 * Exit status 0 only if every answer matched. */
#include "instances.h"

#include <pthread.h>

#include "domain/geoindex.h"
#include "points.h"

#define K        20
#define RADIUS_M 10000.0

/* Brute force: every point, skill mask first, then the reference haversine;
 * keeps all hits within the radius, sorts, truncates to K. */
static int brute(const struct pts *P, double lat, double lon, uint64_t req, struct geo_hit *buf, struct geo_hit *out)
{
	int n = 0;
	for (int i = 0; i < P->n; i++) {
		if ((P->mask[i] & req) != req)
			continue;
		double d = haversine_m(lat, lon, P->lat[i], P->lon[i]);
		if (d <= RADIUS_M)
			buf[n++] = (struct geo_hit){i, d};
	}
	qsort(buf, (size_t)n, sizeof *buf, hit_cmp);
	if (n > K)
		n = K;
	memcpy(out, buf, (size_t)n * sizeof *out);
	return n;
}

static int same(const struct geo_hit *a, int na, const struct geo_hit *b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (a[i].id != b[i].id || a[i].distance_m != b[i].distance_m)
			return 0;
	return 1;
}

static double pct(const double *sorted, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return sorted[i < n ? i : n - 1];
}

/* Sorts us[] and prints its percentiles. */
static void report(const char *what, double *us, size_t n)
{
	qsort(us, n, sizeof *us, dbl_cmp);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += us[i];
	printf("%-28s n=%zu  mean %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (us)\n", what, n, sum / (double)n,
	       pct(us, n, 0.5), pct(us, n, 0.9), pct(us, n, 0.99), us[n - 1]);
}

/* For run.sh's comparison table; us[] sorted. */
static void result(const char *name, const double *us, size_t n, double build_ms, double mb, int exact, int of)
{
	printf("RESULT name=%s p50_us=%.2f p99_us=%.2f build_ms=%.0f mem_mb=%.1f exact=%d/%d\n", name, pct(us, n, 0.5),
	       pct(us, n, 0.99), build_ms, mb, exact, of);
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, res = 0;
	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &size, &res) != 2)
		res = -1;
	fclose(f);
	return res * 4;
}

static int check_all(const struct geoindex *ix, const struct pts *Q, struct geo_hit (*truth)[K], const int *ntruth,
                     const char *when)
{
	int bad = 0;
	struct geo_hit out[K];
	for (int q = 0; q < Q->n; q++) {
		int n = geoindex_nearest(ix, Q->lat[q], Q->lon[q], RADIUS_M, Q->mask[q], K, out);
		if (!same(out, n, truth[q], ntruth[q])) {
			if (bad < 5)
				fprintf(stderr, "MISMATCH %s query %d: got %d hits, want %d\n", when, q, n, ntruth[q]);
			bad++;
		}
	}
	printf("check %-22s %d/%d queries exact\n", when, Q->n - bad, Q->n);
	return bad;
}

/* Every query alone, rounds x shuffled order; prints the percentiles, over
 * all queries and by number of required skills, and a RESULT line. */
static void time_queries(const struct geoindex *ix, const struct pts *Qp, int rounds, const char *label,
                         double build_ms, int exact)
{
	struct pts Q = *Qp;
	size_t ns = (size_t)rounds * (size_t)Q.n;
	double *us = malloc(ns * sizeof *us);
	double *best = malloc((size_t)Q.n * sizeof *best);
	int *order = malloc((size_t)Q.n * sizeof *order);
	if (!us || !order || !best)
		die("out of memory");
	for (int q = 0; q < Q.n; q++) {
		order[q] = q;
		best[q] = HUGE_VAL;
	}
	struct rng r = {77};
	struct geo_hit out[K];
	size_t si = 0;
	long sink = 0;
	double tq = now_s();
	for (int rd = 0; rd < rounds; rd++) {
		for (int q = Q.n - 1; q > 0; q--) {
			int j = (int)rng_int(&r, 0, q), t = order[q];
			order[q] = order[j];
			order[j] = t;
		}
		for (int i = 0; i < Q.n; i++) {
			int q = order[i];
			struct timespec a, b;
			clock_gettime(CLOCK_MONOTONIC, &a);
			int n = geoindex_nearest(ix, Q.lat[q], Q.lon[q], RADIUS_M, Q.mask[q], K, out);
			clock_gettime(CLOCK_MONOTONIC, &b);
			sink += n;
			double t = (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) * 1e-3;
			us[si++] = t;
			if (t < best[q])
				best[q] = t;
		}
	}
	tq = now_s() - tq;
	char what[64];
	/* by number of required skills (the order of the timings is known:
	 * round by round, order[] of each round replayed) */
	double *by = malloc(ns * sizeof *by);
	if (!by)
		die("out of memory");
	for (int bits = 1; bits <= 3; bits++) {
		size_t m = 0;
		struct rng r2 = {77};
		for (int q = 0; q < Q.n; q++)
			order[q] = q;
		for (int rd = 0, k = 0; rd < rounds; rd++) {
			for (int q = Q.n - 1; q > 0; q--) {
				int j = (int)rng_int(&r2, 0, q), t = order[q];
				order[q] = order[j];
				order[j] = t;
			}
			for (int i = 0; i < Q.n; i++, k++)
				if (__builtin_popcountll(Q.mask[order[i]]) == bits)
					by[m++] = us[k];
		}
		if (!m)
			continue;
		snprintf(what, sizeof what, "index %s, %d skill%s", label, bits, bits > 1 ? "s" : "");
		report(what, by, m);
	}
	free(by);
	snprintf(what, sizeof what, "index %s, all runs", label);
	report(what, us, ns);
	snprintf(what, sizeof what, "geoindex_%s", label);
	result(what, us, ns, build_ms, (double)geoindex_memory(ix) / 1048576.0, exact, Q.n);
	/* the fastest of each query's runs: what the query costs when no other
	 * process takes the core away (this machine is shared) */
	snprintf(what, sizeof what, "index %s, best run", label);
	report(what, best, (size_t)Q.n);
	printf("index throughput %.0f queries/s on one thread (sink %ld)\n", (double)ns / tq, sink);
	free(us);
	free(best);
	free(order);
}

struct reader {
	const struct geoindex *ix;
	const struct pts *Q;
	int rounds;
	uint64_t seed;
	double *us; /* rounds * Q->n timings */
	long sink;
};

static void *reader_run(void *arg)
{
	struct reader *rd = arg;
	const struct pts *Q = rd->Q;
	struct rng r = {rd->seed};
	struct geo_hit out[K];
	size_t si = 0;
	for (int round = 0; round < rd->rounds; round++) {
		for (int i = 0; i < Q->n; i++) {
			int q = (int)rng_int(&r, 0, Q->n - 1);
			struct timespec a, b;
			clock_gettime(CLOCK_MONOTONIC, &a);
			rd->sink += geoindex_nearest(rd->ix, Q->lat[q], Q->lon[q], RADIUS_M, Q->mask[q], K, out);
			clock_gettime(CLOCK_MONOTONIC, &b);
			rd->us[si++] = (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) * 1e-3;
		}
	}
	return NULL;
}

/* Two threads querying at once; percentiles over both, total throughput. */
static void time_two_readers(const struct geoindex *ix, const struct pts *Q, int rounds)
{
	size_t per = (size_t)rounds * (size_t)Q->n;
	double *us = malloc(2 * per * sizeof *us);
	if (!us)
		die("out of memory");
	struct reader rd[2] = {{ix, Q, rounds, 101, us, 0}, {ix, Q, rounds, 202, us + per, 0}};
	pthread_t th[2];
	double t = now_s();
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, reader_run, &rd[i]) != 0)
			die("pthread_create");
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	t = now_s() - t;
	report("index, 2 reader threads", us, 2 * per);
	printf("2 reader threads: %.0f queries/s in total (sink %ld)\n", 2.0 * (double)per / t,
	       rd[0].sink + rd[1].sink);
	free(us);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DATADIR [ROUNDS]\n", argv[0]);
		return 1;
	}
	int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 50;
	if (rounds < 1)
		rounds = 1;
	struct pts P = read_pts(argv[1], "points.bin");
	struct pts Q = read_pts(argv[1], "queries.bin");
	double load[3] = {0, 0, 0};
	FILE *lf = fopen("/proc/loadavg", "r");
	if (lf) {
		if (fscanf(lf, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
			load[0] = -1;
		fclose(lf);
	}
	printf("load average at start %.2f %.2f %.2f\n", load[0], load[1], load[2]);
	printf("points %d, queries %d, k %d, radius %.0f m, rounds %d\n", P.n, Q.n, K, RADIUS_M, rounds);

	/* build */
	long rss0 = rss_kb();
	double t0 = now_s();
	struct geoindex *ix = geoindex_new();
	if (!ix || geoindex_reserve(ix, (size_t)P.n) < 0)
		die("out of memory");
	for (int i = 0; i < P.n; i++)
		if (geoindex_put(ix, i, P.lat[i], P.lon[i], P.mask[i]) < 0)
			die("put failed");
	double tb = now_s() - t0;
	long rss1 = rss_kb();
	size_t mem = geoindex_memory(ix);
	printf("build %.1f ms (%.0f ns/put), index memory %zu bytes (%.1f MB, %.1f B/point), RSS "
	       "+%ld kB\n",
	       tb * 1e3, tb * 1e9 / P.n, mem, (double)mem / 1048576.0, (double)mem / P.n, rss1 - rss0);

	/* ground truth and brute-force timing */
	struct geo_hit(*truth)[K] = malloc((size_t)Q.n * sizeof *truth);
	int *ntruth = calloc((size_t)Q.n, sizeof *ntruth);
	struct geo_hit *buf = malloc((size_t)P.n * sizeof *buf);
	double *bus = malloc((size_t)Q.n * sizeof *bus);
	if (!truth || !ntruth || !buf || !bus)
		die("out of memory");
	int short_answers = 0;
	/* GEO_BENCH_TRUTH_QUERIES=n checks only the first n queries (profiling) */
	const char *tq_env = getenv("GEO_BENCH_TRUTH_QUERIES");
	int nbrute = tq_env ? (int)strtol(tq_env, NULL, 10) : Q.n;
	if (nbrute < 1 || nbrute > Q.n)
		nbrute = Q.n;
	int qn_all = Q.n;
	Q.n = nbrute;
	for (int q = 0; q < Q.n; q++) {
		double s = now_s();
		ntruth[q] = brute(&P, Q.lat[q], Q.lon[q], Q.mask[q], buf, truth[q]);
		bus[q] = (now_s() - s) * 1e6;
		short_answers += ntruth[q] < K;
	}
	printf("brute force: %d queries with fewer than %d answers\n", short_answers, K);
	report("brute force per query", bus, (size_t)Q.n);
	result("brute_force", bus, (size_t)Q.n, 0, 24.0 * P.n / 1048576.0, Q.n, Q.n);

	int bad = check_all(ix, &Q, truth, ntruth, "after build");
	Q.n = qn_all;

	time_queries(ix, &Q, rounds, "fresh", tb * 1e3, nbrute - bad);
	double tc = now_s();
	if (geoindex_compact(ix) < 0)
		die("compact failed");
	tc = now_s() - tc;
	mem = geoindex_memory(ix);
	printf("compact %.1f ms, index memory now %zu bytes (%.1f MB, %.1f B/point)\n", tc * 1e3, mem,
	       (double)mem / 1048576.0, (double)mem / P.n);
	Q.n = nbrute;
	int bad_c = check_all(ix, &Q, truth, ntruth, "after compact");
	bad += bad_c;
	Q.n = qn_all;
	time_queries(ix, &Q, rounds, "compacted", (tb + tc) * 1e3, nbrute - bad_c);
	time_two_readers(ix, &Q, rounds);
	struct rng r = {78};
	struct geo_hit out[K];
	long sink = 0;
	double *permed = malloc((size_t)Q.n * sizeof *permed);
	if (!permed)
		die("out of memory");

	/* the same, grouped by number of required skills */
	for (int bits = 1; bits <= 3; bits++) {
		size_t m = 0;
		for (int q = 0; q < Q.n; q++) {
			if (__builtin_popcountll(Q.mask[q]) != bits)
				continue;
			double s = now_s();
			for (int rd = 0; rd < 20; rd++)
				sink += geoindex_nearest(ix, Q.lat[q], Q.lon[q], RADIUS_M, Q.mask[q], K, out);
			permed[m++] = (now_s() - s) * 1e6 / 20;
		}
		char label[64];
		snprintf(label, sizeof label, "index, %d required skill%s", bits, bits > 1 ? "s" : "");
		report(label, permed, m);
	}

	/* moves: 100k volunteers somewhere else, then back */
	int nm = P.n < 100000 ? P.n : 100000;
	double *mus = malloc((size_t)nm * sizeof *mus);
	int *who = malloc((size_t)nm * sizeof *who);
	if (!mus || !who)
		die("out of memory");
	for (int i = 0; i < nm; i++)
		who[i] = (int)rng_int(&r, 0, P.n - 1);
	double tm = now_s();
	for (int i = 0; i < nm; i++) {
		double lat = LAT_MIN + (LAT_MAX - LAT_MIN) * rng_unif(&r);
		double lon = LON_MIN + (LON_MAX - LON_MIN) * rng_unif(&r);
		geoindex_put(ix, who[i], lat, lon, P.mask[who[i]] ^ 1);
	}
	tm = now_s() - tm;
	double tr = now_s();
	for (int i = nm - 1; i >= 0; i--)
		geoindex_put(ix, who[i], P.lat[who[i]], P.lon[who[i]], P.mask[who[i]]);
	tr = now_s() - tr;
	printf("moves: %d far moves %.0f ns each, %d moves back %.0f ns each\n", nm, tm * 1e9 / nm, nm, tr * 1e9 / nm);
	double trm = now_s();
	for (int i = 0; i < nm; i++)
		geoindex_remove(ix, i);
	trm = now_s() - trm;
	for (int i = 0; i < nm; i++)
		geoindex_put(ix, i, P.lat[i], P.lon[i], P.mask[i]);
	printf("removes: %.0f ns each; count back to %zu\n", trm * 1e9 / nm, geoindex_count(ix));
	Q.n = nbrute;
	bad += check_all(ix, &Q, truth, ntruth, "after moves");

	geoindex_free(ix);
	printf("%s\n", bad ? "FAIL" : "OK: every answer exact");
	return bad ? 1 : 0;
}
