/* gen_points.c - writes the emergency search instance: volunteers with
 * skills scattered over the city, and the incidents that ask for the nearest
 * of them. The geo benchmarks (bench/geo/) read it; their brute-force scan is
 * the ground truth.
 *
 *   gen_points OUTDIR [N] [Q]      (defaults: N = 1000000 volunteers,
 *                                   Q = 1000 queries)
 *
 * Volunteers (splitmix64 seed 6001, instances.h), one after another: a
 * latitude and a longitude uniform in the city box, then 64 draws, one per
 * skill b = 0..63, the skill held when the draw is below p_b = 0.25 * 0.95^b
 * (a quarter hold skill 0, 1% skill 63, 4.8 skills each on average).
 * Queries (seed 6002), one after another: a latitude and a longitude, one
 * draw u choosing how many skills are required (1 if u < 0.4, 2 if u < 0.8,
 * else 3), then skills drawn with probability proportional to p_b until that
 * many distinct ones are set (a repeat costs a draw and changes nothing).
 * A query's answer: the 20 nearest volunteers (haversine) holding every
 * required skill, within 10 km, ties to the smaller id. With the defaults,
 * 130 of the 1,000 queries have fewer than 20 answers.
 *
 * Files (native byte order, little endian on x86-64 and arm64):
 *   points.bin   int32 N | double lat[N] | double lon[N] | uint64 mask[N]
 *   queries.bin  int32 Q | double lat[Q] | double lon[Q] | uint64 req[Q]
 *   points.csv   id,mask,lon,lat per line, the mask as a signed 64-bit
 *                integer (for PostgreSQL's COPY into a bigint)
 *   queries.csv  id,req,lon,lat
 * Build with -ffp-contract=off (see instances.h). Exit status 0, 1 for a
 * usage error, 2 when a file cannot be written. */
#include "instances.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>

#define NSKILLS 64

struct sample {
	int32_t n;
	double *lat, *lon;
	uint64_t *mask; /* skills held (points) or required (queries) */
};

static void sample_init(struct sample *s, int32_t n)
{
	s->n = n;
	s->lat = alloc_or_die((size_t)n, sizeof *s->lat);
	s->lon = alloc_or_die((size_t)n, sizeof *s->lon);
	s->mask = alloc_or_die((size_t)n, sizeof *s->mask);
}

static void sample_release(struct sample *s)
{
	free(s->lat);
	free(s->lon);
	free(s->mask);
}

static int bits_set(uint64_t m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

static void gen_volunteers(struct sample *s, const double *p)
{
	struct rng r = {6001};

	for (int32_t i = 0; i < s->n; i++) {
		uint64_t m = 0;
		rng_point(&r, &s->lat[i], &s->lon[i]);
		for (int b = 0; b < NSKILLS; b++)
			if (rng_unif(&r) < p[b])
				m |= UINT64_C(1) << b;
		s->mask[i] = m;
	}
}

static void gen_queries(struct sample *s, const double *p, double psum)
{
	struct rng r = {6002};

	for (int32_t i = 0; i < s->n; i++) {
		uint64_t m = 0;
		rng_point(&r, &s->lat[i], &s->lon[i]);
		double u = rng_unif(&r);
		int want = u < 0.4 ? 1 : (u < 0.8 ? 2 : 3);
		while (bits_set(m) < want) {
			/* skill b with probability p_b / psum: walk the
			 * cumulative sum (the last skill takes any rounding) */
			double x = rng_unif(&r) * psum;
			int b = 0;
			for (; b < NSKILLS - 1 && x >= p[b]; b++)
				x -= p[b];
			m |= UINT64_C(1) << b;
		}
		s->mask[i] = m;
	}
}

static FILE *open_in(const char *dir, const char *name, const char *mode, char *path, size_t size)
{
	int n = snprintf(path, size, "%s/%s", dir, name);
	FILE *f;

	if (n < 0 || (size_t)n >= size)
		die("output path too long");
	f = fopen(path, mode);
	if (!f)
		die(path);
	return f;
}

static void finish(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f) != 0)
		die(path);
}

/* DIR/BASE.bin and DIR/BASE.csv */
static void write_sample(const char *dir, const char *base, const struct sample *s)
{
	char name[64], path[4096];
	size_t n = (size_t)s->n;
	FILE *f;

	snprintf(name, sizeof name, "%s.bin", base);
	f = open_in(dir, name, "wb", path, sizeof path);
	if (fwrite(&s->n, 4, 1, f) != 1 || fwrite(s->lat, 8, n, f) != n || fwrite(s->lon, 8, n, f) != n ||
	    fwrite(s->mask, 8, n, f) != n)
		die(path);
	finish(f, path);

	snprintf(name, sizeof name, "%s.csv", base);
	f = open_in(dir, name, "w", path, sizeof path);
	for (int32_t i = 0; i < s->n; i++)
		fprintf(f, "%" PRId32 ",%" PRId64 ",%.17g,%.17g\n", i, (int64_t)s->mask[i], s->lon[i], s->lat[i]);
	finish(f, path);
}

/* A count from the command line: digits only, 1 to INT32_MAX. */
static int parse_count(const char *arg, int32_t *out)
{
	char *end;
	long long v;

	if (arg[0] < '0' || arg[0] > '9')
		return 0;
	v = strtoll(arg, &end, 10);
	if (*end != '\0' || v < 1 || v > INT32_MAX)
		return 0;
	*out = (int32_t)v;
	return 1;
}

int main(int argc, char **argv)
{
	int32_t npoints = 1000000, nqueries = 1000;
	double p[NSKILLS], psum = 0;
	struct sample points, queries;

	if (argc < 2 || argc > 4 || argv[1][0] == '-' || (argc > 2 && !parse_count(argv[2], &npoints)) ||
	    (argc > 3 && !parse_count(argv[3], &nqueries))) {
		fprintf(stderr, "usage: %s OUTDIR [N] [Q]\n", argv[0]);
		return 1;
	}
	for (int b = 0; b < NSKILLS; b++) {
		p[b] = 0.25 * pow(0.95, b);
		psum += p[b];
	}

	sample_init(&points, npoints);
	gen_volunteers(&points, p);
	write_sample(argv[1], "points", &points);
	sample_release(&points);

	sample_init(&queries, nqueries);
	gen_queries(&queries, p, psum);
	write_sample(argv[1], "queries", &queries);
	sample_release(&queries);

	printf("wrote %" PRId32 " points, %" PRId32 " queries to %s\n", npoints, nqueries, argv[1]);
	return 0;
}
