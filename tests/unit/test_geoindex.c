/* test_geoindex.c - unit tests for domain/geoindex: every query is checked
 * against a brute-force scan of a plain array model (same ids, distances
 * bit for bit, same order), on random sets small and medium, around the
 * radius boundary, with ties, with k past the hits, with no hits, with
 * required mask 0, with the antimeridian and the poles, and with many puts,
 * moves and removes interleaved with queries. Queries needing several
 * skills, or one rare skill, walk the index's per-skill grids: the skewed
 * 64-bit masks below (skill b held with probability 0.25 * 0.95^b, as in
 * the emergency benchmark) send them there, and the same model checks
 * them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geoindex.h"

/* ---- deterministic random numbers (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double rng_unif(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static double rng_range(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_unif(r);
}

/* A mask with each of the low `bits` bits set with probability 1/2^shift. */
static uint64_t rng_mask(struct rng *r, int bits, int shift)
{
	uint64_t m = 0;
	for (int b = 0; b < bits; b++)
		if ((rng_next(r) >> (64 - shift)) == 0)
			m |= 1ULL << b;
	return m;
}

/* A mask of all 64 skills, skill b held with probability 0.25 * 0.95^b
 * (the emergency benchmark's distribution: a few common skills, many rare
 * ones). */
static uint64_t rng_skewed_mask(struct rng *r)
{
	uint64_t m = 0;
	double p = 0.25;
	for (int b = 0; b < 64; b++, p *= 0.95)
		if (rng_unif(r) < p)
			m |= 1ULL << b;
	return m;
}

/* A required mask of 1-3 skills drawn like the benchmark's queries
 * (skill b with weight 0.95^b), or sometimes one of the rarest. */
static uint64_t rng_skewed_req(struct rng *r)
{
	int nb = 1 + (int)(rng_next(r) % 3);
	uint64_t m = 0;
	while (__builtin_popcountll(m) < nb) {
		int b = 0;
		while (b < 63 && rng_unif(r) < 0.95)
			b++;
		m |= 1ULL << b;
	}
	if (rng_next(r) % 8 == 0)
		m |= 1ULL << (50 + rng_next(r) % 14);
	return m;
}

/* ---- the model: a plain array scanned in full ---- */

struct pt {
	int64_t id;
	double lat, lon;
	uint64_t mask;
	int alive;
};

struct model {
	struct pt *p;
	int n, cap;
};

static struct pt *model_find(struct model *m, int64_t id)
{
	for (int i = 0; i < m->n; i++)
		if (m->p[i].alive && m->p[i].id == id)
			return &m->p[i];
	return NULL;
}

static void model_put(struct model *m, int64_t id, double lat, double lon, uint64_t mask)
{
	struct pt *e = NULL;
	for (int i = 0; i < m->n && !e; i++) /* reuse the slot of a removed id */
		if (m->p[i].id == id)
			e = &m->p[i];
	if (!e) {
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 64;
			m->p = realloc(m->p, (size_t)m->cap * sizeof *m->p);
			assert_non_null(m->p);
		}
		e = &m->p[m->n++];
	}
	*e = (struct pt){id, lat, lon, mask, 1};
}

static void model_remove(struct model *m, int64_t id)
{
	struct pt *e = model_find(m, id);
	if (e)
		e->alive = 0;
}

/* The haversine of the reference (bench/matching/common.h), written out
 * independently of the index. */
static double ref_distance(double lat1, double lon1, double lat2, double lon2)
{
	const double d2r = 3.14159265358979323846 / 180.0;
	double p1 = lat1 * d2r, p2 = lat2 * d2r;
	double dp = p2 - p1, dl = (lon2 - lon1) * d2r;
	double s1 = sin(dp * 0.5), s2 = sin(dl * 0.5);
	double a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2;
	return 2.0 * 6371008.8 * asin(sqrt(a));
}

static int hit_cmp(const void *a, const void *b)
{
	const struct geo_hit *x = a, *y = b;
	if (x->distance_m != y->distance_m)
		return x->distance_m < y->distance_m ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int model_nearest(const struct model *m, double lat, double lon, double radius, uint64_t req, int k,
                         struct geo_hit *out)
{
	struct geo_hit *all = malloc(((size_t)m->n + 1) * sizeof *all);
	assert_non_null(all);
	int n = 0;
	for (int i = 0; i < m->n; i++) {
		const struct pt *p = &m->p[i];
		if (!p->alive || (p->mask & req) != req)
			continue;
		double d = ref_distance(lat, lon, p->lat, p->lon);
		if (d <= radius)
			all[n++] = (struct geo_hit){p->id, d};
	}
	qsort(all, (size_t)n, sizeof *all, hit_cmp);
	if (n > k)
		n = k;
	memcpy(out, all, (size_t)n * sizeof *out);
	free(all);
	return n;
}

/* Query both and compare exactly; returns the number of hits. */
static int check_query(const struct geoindex *ix, const struct model *m, double lat, double lon, double radius,
                       uint64_t req, int k)
{
	struct geo_hit *got = malloc(((size_t)k + 1) * sizeof *got);
	struct geo_hit *want = malloc(((size_t)k + 1) * sizeof *want);
	assert_non_null(got);
	assert_non_null(want);
	int n = geoindex_nearest(ix, lat, lon, radius, req, k, got);
	int nw = model_nearest(m, lat, lon, radius, req, k, want);
	assert_int_equal(n, nw);
	for (int i = 0; i < n; i++) {
		assert_int_equal(got[i].id, want[i].id);
		assert_true(got[i].distance_m == want[i].distance_m);
	}
	free(got);
	free(want);
	return n;
}

static void fill_random(struct geoindex *ix, struct model *m, struct rng *r, int n, double lat0, double lat1,
                        double lon0, double lon1, int bits, int shift)
{
	for (int i = 0; i < n; i++) {
		double lat = rng_range(r, lat0, lat1), lon = rng_range(r, lon0, lon1);
		uint64_t mask = rng_mask(r, bits, shift);
		assert_int_equal(geoindex_put(ix, i, lat, lon, mask), 0);
		model_put(m, i, lat, lon, mask);
	}
}

/* ---- tests ---- */

static void test_empty_and_invalid(void **state)
{
	(void)state;
	struct geoindex *ix = geoindex_new();
	struct geo_hit out[4];
	assert_non_null(ix);
	assert_int_equal(geoindex_count(ix), 0);
	assert_int_equal(geoindex_nearest(ix, 30, 112, 1000, 0, 4, out), 0);
	assert_int_equal(geoindex_compact(ix), 0);
	assert_int_equal(geoindex_remove(ix, 7), 0);
	assert_int_equal(geoindex_put(ix, 1, 91, 0, 0), -1);
	assert_int_equal(geoindex_put(ix, 1, 0, 180.5, 0), -1);
	assert_int_equal(geoindex_put(ix, 1, NAN, 0, 0), -1);
	assert_int_equal(geoindex_count(ix), 0);
	assert_int_equal(geoindex_put(ix, 1, 30, 112, 3), 0);
	assert_int_equal(geoindex_nearest(ix, 30, 112, -1, 0, 4, out), -1);
	assert_int_equal(geoindex_nearest(ix, 30, 112, NAN, 0, 4, out), -1);
	assert_int_equal(geoindex_nearest(ix, 30, 112, 10, 0, -1, out), -1);
	assert_int_equal(geoindex_nearest(ix, -91, 112, 10, 0, 1, out), -1);
	assert_int_equal(geoindex_nearest(ix, 30, 112, 10, 0, 0, out), 0);
	assert_int_equal(geoindex_nearest(ix, 30, 112, 0, 0, 4, out), 1);
	assert_int_equal(out[0].id, 1);
	assert_true(out[0].distance_m == 0.0);
	assert_int_equal(geoindex_nearest(ix, 30, 112, 0, 4, 4, out), 0);
	geoindex_free(ix);
	geoindex_free(NULL);
}

static void test_put_get_move_remove(void **state)
{
	(void)state;
	struct geoindex *ix = geoindex_new();
	double lat, lon;
	uint64_t mask;
	assert_int_equal(geoindex_put(ix, -5, 30.1, 112.2, 9), 0);
	assert_int_equal(geoindex_put(ix, INT64_MAX, 30.1, 112.2, 1), 0);
	assert_int_equal(geoindex_count(ix), 2);
	assert_int_equal(geoindex_get(ix, -5, &lat, &lon, &mask), 1);
	assert_true(fabs(lat - 30.1) < 1e-12 && lon == 112.2 && mask == 9);
	assert_int_equal(geoindex_put(ix, -5, -33.9, 151.2, 2), 0); /* move far */
	assert_int_equal(geoindex_count(ix), 2);
	assert_int_equal(geoindex_get(ix, -5, &lat, &lon, &mask), 1);
	assert_true(fabs(lat + 33.9) < 1e-12 && lon == 151.2 && mask == 2);
	struct geo_hit out[2];
	assert_int_equal(geoindex_nearest(ix, 30.1, 112.2, 1000, 0, 2, out), 1);
	assert_int_equal(out[0].id, INT64_MAX);
	assert_int_equal(geoindex_remove(ix, INT64_MAX), 1);
	assert_int_equal(geoindex_remove(ix, INT64_MAX), 0);
	assert_int_equal(geoindex_get(ix, INT64_MAX, NULL, NULL, NULL), 0);
	assert_int_equal(geoindex_count(ix), 1);
	assert_true(geoindex_memory(ix) > 0);
	geoindex_free(ix);
}

static void test_random_small_sets(void **state)
{
	(void)state;
	struct rng r = {11};
	for (int round = 0; round < 30; round++) {
		struct geoindex *ix = geoindex_new();
		struct model m = {0};
		int n = 1 + (int)(rng_next(&r) % 300);
		fill_random(ix, &m, &r, n, 30.0, 30.05, 112.0, 112.05, 4, 1);
		for (int qn = 0; qn < 40; qn++) {
			double lat = rng_range(&r, 29.99, 30.06), lon = rng_range(&r, 111.99, 112.06);
			double radius = rng_range(&r, 0, 8000);
			int k = 1 + (int)(rng_next(&r) % 40);
			check_query(ix, &m, lat, lon, radius, rng_mask(&r, 4, 2), k);
		}
		free(m.p);
		geoindex_free(ix);
	}
}

/* The Jingzhou box of the emergency benchmark, 20,000 volunteers. */
static void test_jingzhou_medium(void **state)
{
	(void)state;
	struct rng r = {12};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	assert_int_equal(geoindex_reserve(ix, 20000), 0);
	fill_random(ix, &m, &r, 20000, 29.8, 30.8, 111.5, 113.5, 8, 2);
	assert_int_equal(geoindex_count(ix), 20000);
	if (geoindex_compact(ix) == 0) /* only the memory layout changes */
		assert_int_equal(geoindex_count(ix), 20000);
	int short_answers = 0;
	for (int qn = 0; qn < 300; qn++) {
		double lat = rng_range(&r, 29.8, 30.8), lon = rng_range(&r, 111.5, 113.5);
		uint64_t req = rng_mask(&r, 8, 2);
		if (check_query(ix, &m, lat, lon, 10000, req, 20) < 20)
			short_answers++;
	}
	assert_true(short_answers > 0 && short_answers < 300);
	/* big radii and big k: the whole box and beyond */
	for (int qn = 0; qn < 5; qn++)
		check_query(ix, &m, rng_range(&r, 29.8, 30.8), rng_range(&r, 111.5, 113.5), 500000, rng_mask(&r, 8, 1),
		            500);
	free(m.p);
	geoindex_free(ix);
}

/* A radius equal to a volunteer's distance includes it; one ulp less does
 * not. */
static void test_radius_boundary(void **state)
{
	(void)state;
	struct rng r = {13};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	fill_random(ix, &m, &r, 2000, 30.0, 30.2, 112.0, 112.2, 2, 1);
	for (int qn = 0; qn < 200; qn++) {
		double lat = rng_range(&r, 30.0, 30.2), lon = rng_range(&r, 112.0, 112.2);
		const struct pt *p = &m.p[rng_next(&r) % (uint64_t)m.n];
		double d = geoindex_distance_m(lat, lon, p->lat, p->lon);
		assert_true(d == ref_distance(lat, lon, p->lat, p->lon));
		check_query(ix, &m, lat, lon, d, 0, 5000);
		check_query(ix, &m, lat, lon, nextafter(d, 0), 0, 5000);
		check_query(ix, &m, lat, lon, d, p->mask, 3);
	}
	free(m.p);
	geoindex_free(ix);
}

/* Many volunteers at the very same spots: equal distances go by id. */
static void test_ties_by_id(void **state)
{
	(void)state;
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	static const double spots[3][2] = {{30.5, 112.5}, {30.51, 112.5}, {30.5, 112.51}};
	for (int i = 0; i < 300; i++) {
		int64_t id = (int64_t)((i * 7919) % 300) - 100;
		const double *s = spots[i % 3];
		assert_int_equal(geoindex_put(ix, id, s[0], s[1], (uint64_t)(i & 3)), 0);
		model_put(&m, id, s[0], s[1], (uint64_t)(i & 3));
	}
	for (int k = 1; k <= 310; k += 7) {
		check_query(ix, &m, 30.5, 112.5, 5000, 0, k);
		check_query(ix, &m, 30.505, 112.5, 5000, 1, k);
		check_query(ix, &m, 30.505, 112.505, 5000, 2, k);
	}
	struct geo_hit out[5];
	assert_int_equal(geoindex_nearest(ix, 30.5, 112.5, 10, 0, 5, out), 5);
	for (int i = 0; i < 5; i++)
		assert_true(out[i].distance_m == 0.0);
	assert_true(out[0].id < out[1].id && out[3].id < out[4].id);
	free(m.p);
	geoindex_free(ix);
}

static void test_k_past_hits_and_no_hits(void **state)
{
	(void)state;
	struct rng r = {14};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	fill_random(ix, &m, &r, 3000, 30.0, 30.3, 112.0, 112.3, 6, 2);
	assert_true(check_query(ix, &m, 30.1, 112.1, 60000, 0, 5000) == 3000);
	assert_true(check_query(ix, &m, 30.1, 112.1, 2000, 0, 5000) < 3000);
	assert_int_equal(check_query(ix, &m, 30.1, 112.1, 20000, 1ULL << 40, 20), 0);
	assert_int_equal(check_query(ix, &m, 10.0, 10.0, 20000, 0, 20), 0);
	assert_int_equal(check_query(ix, &m, 30.1, 112.1, 20000, 0x3f, 20),
	                 check_query(ix, &m, 30.1, 112.1, 20000, 0x3f, 20));
	free(m.p);
	geoindex_free(ix);
}

/* The antimeridian, the poles and continental radii. */
static void test_global_edges(void **state)
{
	(void)state;
	struct rng r = {15};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	fill_random(ix, &m, &r, 500, -90, 90, -180, 180, 3, 1);
	int64_t id = 1000;
	for (int i = 0; i < 300; i++, id++) {
		double lat = rng_range(&r, -5, 5),
		       lon = rng_unif(&r) < 0.5 ? rng_range(&r, 179.9, 180) : rng_range(&r, -180, -179.9);
		geoindex_put(ix, id, lat, lon, 1);
		model_put(&m, id, lat, lon, 1);
	}
	for (int i = 0; i < 200; i++, id++) {
		double lat = rng_unif(&r) < 0.5 ? rng_range(&r, 89.9, 90) : rng_range(&r, -90, -89.9);
		double lon = rng_range(&r, -180, 180);
		geoindex_put(ix, id, lat, lon, 2);
		model_put(&m, id, lat, lon, 2);
	}
	geoindex_put(ix, id, 90, 180, 2);
	model_put(&m, id++, 90, 180, 2);
	geoindex_put(ix, id, -90, -180, 2);
	model_put(&m, id++, -90, -180, 2);
	static const double radii[] = {0, 500, 5000, 30000, 1e6, 2.1e7};
	for (int qn = 0; qn < 60; qn++) {
		double lat, lon;
		switch (qn % 3) {
		case 0:
			lat = rng_range(&r, -5, 5);
			lon = qn % 2 ? 180 : -179.99;
			break;
		case 1:
			lat = qn % 2 ? 90 : -89.97;
			lon = rng_range(&r, -180, 180);
			break;
		default:
			lat = rng_range(&r, -90, 90);
			lon = rng_range(&r, -180, 180);
		}
		double radius = radii[qn % 6];
		check_query(ix, &m, lat, lon, radius, (uint64_t)(qn % 3), 1 + qn % 25);
	}
	free(m.p);
	geoindex_free(ix);
}

/* Puts (new, moved, re-skilled), removes and queries interleaved. */
static void test_updates_interleaved(void **state)
{
	(void)state;
	struct rng r = {16};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	for (int step = 0; step < 30000; step++) {
		int64_t id = (int64_t)(rng_next(&r) % 3000);
		uint64_t op = rng_next(&r) % 100;
		if (op < 55) {
			double lat = rng_range(&r, 30.0, 30.1), lon = rng_range(&r, 112.0, 112.1);
			uint64_t mask = rng_mask(&r, 5, 1);
			assert_int_equal(geoindex_put(ix, id, lat, lon, mask), 0);
			model_put(&m, id, lat, lon, mask);
		} else if (op < 65) {
			/* same spot, new skills (fewer bits: the cell OR shrinks) */
			struct pt *p = model_find(&m, id);
			if (p) {
				uint64_t mask = p->mask & rng_mask(&r, 5, 1);
				assert_int_equal(geoindex_put(ix, id, p->lat, p->lon, mask), 0);
				model_put(&m, id, p->lat, p->lon, mask);
			}
		} else if (op < 90) {
			int had = model_find(&m, id) != NULL;
			assert_int_equal(geoindex_remove(ix, id), had);
			model_remove(&m, id);
		} else {
			double lat = rng_range(&r, 30.0, 30.1), lon = rng_range(&r, 112.0, 112.1);
			check_query(ix, &m, lat, lon, rng_range(&r, 100, 6000), rng_mask(&r, 5, 2),
			            1 + (int)(rng_next(&r) % 30));
		}
		if (step % 7000 == 6999)
			assert_int_equal(geoindex_compact(ix), 0);
		if (step % 5000 == 0) {
			int alive = 0;
			for (int i = 0; i < m.n; i++)
				alive += m.p[i].alive;
			assert_int_equal(geoindex_count(ix), alive);
		}
	}
	for (int64_t id = 0; id < 3000; id++) {
		geoindex_remove(ix, id);
		model_remove(&m, id);
	}
	assert_int_equal(geoindex_count(ix), 0);
	check_query(ix, &m, 30.05, 112.05, 10000, 0, 10);
	free(m.p);
	geoindex_free(ix);
}

/* 64-bit skewed masks: queries with several or rare skills go through the
 * per-skill grids, checked fresh, after compact and after updates that
 * move volunteers and change their skills (their entries in those grids
 * must follow), including across skill-cell boundaries (0.018 degree). */
static void test_skill_grids(void **state)
{
	(void)state;
	struct rng r = {17};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	const int n = 8000;
	for (int i = 0; i < n; i++) {
		double lat = rng_range(&r, 30.0, 30.25), lon = rng_range(&r, 112.0, 112.4);
		uint64_t mask = rng_skewed_mask(&r);
		assert_int_equal(geoindex_put(ix, i, lat, lon, mask), 0);
		model_put(&m, i, lat, lon, mask);
	}
	int short_answers = 0;
	for (int round = 0; round < 3; round++) {
		for (int qn = 0; qn < 150; qn++) {
			double lat = rng_range(&r, 29.95, 30.3), lon = rng_range(&r, 111.95, 112.45);
			double radius = qn % 5 == 0 ? rng_range(&r, 0, 1500) : rng_range(&r, 1000, 15000);
			int k = 1 + (int)(rng_next(&r) % 40);
			if (check_query(ix, &m, lat, lon, radius, rng_skewed_req(&r), k) < k)
				short_answers++;
		}
		/* the three kinds of update, on a tenth of the volunteers */
		for (int i = 0; i < n / 10; i++) {
			int64_t id = (int64_t)(rng_next(&r) % (uint64_t)n);
			struct pt *p = model_find(&m, id);
			uint64_t op = rng_next(&r) % 4;
			if (op == 0 && p) { /* a few metres: often the same cells */
				double lat = p->lat + rng_range(&r, -0.002, 0.002),
				       lon = p->lon + rng_range(&r, -0.002, 0.002);
				assert_int_equal(geoindex_put(ix, id, lat, lon, p->mask), 0);
				model_put(&m, id, lat, lon, p->mask);
			} else if (op == 1 && p) { /* same spot, other skills */
				uint64_t mask = rng_skewed_mask(&r);
				assert_int_equal(geoindex_put(ix, id, p->lat, p->lon, mask), 0);
				model_put(&m, id, p->lat, p->lon, mask);
			} else if (op == 2) { /* anywhere, any skills */
				double lat = rng_range(&r, 30.0, 30.25), lon = rng_range(&r, 112.0, 112.4);
				uint64_t mask = rng_skewed_mask(&r);
				assert_int_equal(geoindex_put(ix, id, lat, lon, mask), 0);
				model_put(&m, id, lat, lon, mask);
			} else {
				assert_int_equal(geoindex_remove(ix, id), p != NULL);
				model_remove(&m, id);
			}
		}
		if (round == 1)
			assert_int_equal(geoindex_compact(ix), 0);
	}
	assert_true(short_answers > 0);
	/* the rarest skills, and all 64 at once */
	check_query(ix, &m, 30.1, 112.2, 50000, 1ULL << 63 | 1ULL << 62 | 1, 10);
	assert_int_equal(check_query(ix, &m, 30.1, 112.2, 50000, UINT64_MAX, 10), 0);
	/* big radii: the skill grid's fallback scan of every cell */
	check_query(ix, &m, 30.1, 112.2, 3e6, rng_skewed_req(&r) | 1ULL << 40, 50);
	check_query(ix, &m, 30.1, 112.2, 2.1e7, 3, 30);
	free(m.p);
	geoindex_free(ix);
}

/* A skill held by one volunteer, then by nobody, then by one again. */
static void test_lone_skill(void **state)
{
	(void)state;
	struct rng r = {19};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	fill_random(ix, &m, &r, 2000, 30.0, 30.1, 112.0, 112.1, 8, 1);
	const uint64_t lone = 1ULL << 63;
	struct geo_hit out[4];
	assert_int_equal(geoindex_nearest(ix, 30.05, 112.05, 20000, lone, 4, out), 0);
	assert_int_equal(geoindex_put(ix, 5000, 30.05, 112.05, lone | 1), 0);
	model_put(&m, 5000, 30.05, 112.05, lone | 1);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone, 4), 1);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone | 1, 4), 1);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone | 2, 4), 0);
	assert_int_equal(geoindex_put(ix, 5000, 30.09, 112.01, lone), 0); /* moved */
	model_put(&m, 5000, 30.09, 112.01, lone);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone, 4), 1);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone | 1, 4), 0);
	assert_int_equal(geoindex_remove(ix, 5000), 1);
	model_remove(&m, 5000);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone, 4), 0);
	assert_int_equal(geoindex_put(ix, 7, 30.02, 112.08, lone | 4), 0); /* an old id gets it */
	model_put(&m, 7, 30.02, 112.08, lone | 4);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone, 4), 1);
	assert_int_equal(check_query(ix, &m, 30.06, 112.05, 20000, lone | 4, 4), 1);
	free(m.p);
	geoindex_free(ix);
}

/* The per-skill grids at the antimeridian and the poles. */
static void test_skill_grids_global(void **state)
{
	(void)state;
	struct rng r = {18};
	struct geoindex *ix = geoindex_new();
	struct model m = {0};
	for (int i = 0; i < 3000; i++) { /* 5/10 antimeridian, 4/10 poles, 1/10 anywhere */
		double lat, lon;
		if (i % 10 < 5) {
			lat = rng_range(&r, -3, 3);
			lon = rng_unif(&r) < 0.5 ? rng_range(&r, 179.95, 180) : rng_range(&r, -180, -179.95);
		} else if (i % 10 < 9) {
			lat = rng_unif(&r) < 0.5 ? rng_range(&r, 89.95, 90) : rng_range(&r, -90, -89.95);
			lon = rng_range(&r, -180, 180);
		} else {
			lat = rng_range(&r, -90, 90);
			lon = rng_range(&r, -180, 180);
		}
		uint64_t mask = rng_skewed_mask(&r) | (uint64_t)(i & 1) << 40;
		assert_int_equal(geoindex_put(ix, i, lat, lon, mask), 0);
		model_put(&m, i, lat, lon, mask);
	}
	static const double radii[] = {0, 800, 8000, 60000, 1e6, 2.1e7};
	for (int qn = 0; qn < 90; qn++) {
		double lat, lon;
		switch (qn % 3) {
		case 0:
			lat = rng_range(&r, -3, 3);
			lon = qn % 2 ? 180 : -179.99;
			break;
		case 1:
			lat = qn % 2 ? 90 : -89.98;
			lon = rng_range(&r, -180, 180);
			break;
		default:
			lat = rng_range(&r, -90, 90);
			lon = rng_range(&r, -180, 180);
		}
		uint64_t req = qn % 4 == 0 ? 1ULL << 40 | 1 : rng_skewed_req(&r);
		check_query(ix, &m, lat, lon, radii[qn % 6], req, 1 + qn % 25);
	}
	free(m.p);
	geoindex_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_and_invalid),       cmocka_unit_test(test_put_get_move_remove),
	    cmocka_unit_test(test_random_small_sets),       cmocka_unit_test(test_jingzhou_medium),
	    cmocka_unit_test(test_radius_boundary),         cmocka_unit_test(test_ties_by_id),
	    cmocka_unit_test(test_k_past_hits_and_no_hits), cmocka_unit_test(test_global_edges),
	    cmocka_unit_test(test_updates_interleaved),     cmocka_unit_test(test_skill_grids),
	    cmocka_unit_test(test_skill_grids_global),      cmocka_unit_test(test_lone_skill),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
