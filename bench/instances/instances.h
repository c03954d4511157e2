/* instances.h - what the reference-instance generators (gen_assign.c,
 * gen_points.c) and the benchmarks reading their files have in common: the
 * pseudo-random generator every instance is drawn from, the city box the
 * geographic instances live in, the great-circle distance, a monotonic clock
 * and the exit used when a benchmark cannot go on.
 *
 * The generator is splitmix64 (Steele, Lea, Flood 2014): 64 bits of state, a
 * fixed increment, two xor-shift-multiply rounds. An instance is a pure
 * function of its seed and of the order in which values are drawn, so its
 * file is the same bit for bit on any machine with an IEEE double, a C library
 * whose sin/cos/asin/sqrt/pow round the same way, and a compiler that does
 * not fuse a multiply and an add (build with -ffp-contract=off, as the
 * scripts do). The published optima of bench/instances/assign.h hold for
 * exactly these files: drawing one value more, fewer or in another order
 * gives other instances.
 *
 * Header-only (static inline), for small programs that are one file each.
 * Include it before any system header: it asks for POSIX (clock_gettime)
 * when the compiler is in strict C17 mode. */
#ifndef BENCH_INSTANCES_H
#define BENCH_INSTANCES_H

#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* --- splitmix64 ---------------------------------------------------------- */

struct rng {
	uint64_t s; /* the state: the seed, then advanced by each draw */
};

/* The next 64 random bits. */
static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A double uniform in [0, 1): the top 53 bits of one draw, scaled. */
static inline double rng_unif(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* An integer uniform in [lo, hi], both included; hi - lo < 2^32. One draw:
 * its top 32 bits scaled to the range by a multiply and a shift (Lemire's
 * method without the rejection step: a bias below 2^-32 per value, part of
 * the instances' definition). */
static inline int64_t rng_int(struct rng *r, int64_t lo, int64_t hi)
{
	uint64_t range = (uint64_t)(hi - lo + 1);
	return lo + (int64_t)(((rng_next(r) >> 32) * range) >> 32);
}

/* --- the city ------------------------------------------------------------ */

/* A box the size of Jingzhou (about 111 km north-south by 192 km east-west),
 * in degrees. Points are drawn uniformly in latitude and longitude. */
#define LAT_MIN 29.8
#define LAT_MAX 30.8
#define LON_MIN 111.5
#define LON_MAX 113.5

/* The mean Earth radius in metres, the sphere PostGIS's geography uses. */
#define EARTH_R 6371008.8
/* pi to the digits of glibc's M_PI (not declared under strict C17) */
#define INST_PI 3.14159265358979323846
#define DEG2RAD (INST_PI / 180.0)

/* A point uniform in the box: two draws, the latitude's first. */
static inline void rng_point(struct rng *r, double *lat, double *lon)
{
	*lat = LAT_MIN + (LAT_MAX - LAT_MIN) * rng_unif(r);
	*lon = LON_MIN + (LON_MAX - LON_MIN) * rng_unif(r);
}

/* The great-circle distance in metres between two points given in degrees
 * (the haversine formula). The geographic instances' costs and the emergency
 * search's ground truth are both defined by this exact sequence of
 * operations. */
static inline double haversine_m(double lat1, double lon1, double lat2, double lon2)
{
	double phi1 = lat1 * DEG2RAD, phi2 = lat2 * DEG2RAD;
	double dphi = phi2 - phi1, dlambda = (lon2 - lon1) * DEG2RAD;
	double sphi = sin(dphi * 0.5), slambda = sin(dlambda * 0.5);
	double h = sphi * sphi + cos(phi1) * cos(phi2) * slambda * slambda;
	return 2.0 * EARTH_R * asin(sqrt(h));
}

/* --- running ------------------------------------------------------------- */

/* Seconds on the monotonic clock, for timing one step. */
static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A generator or benchmark that cannot go on (a file it cannot open or
 * write, no memory) says what failed and exits with status 2. */
static inline void die(const char *what)
{
	fprintf(stderr, "fatal: %s\n", what);
	exit(2);
}

/* n objects of size bytes, zeroed, or die: a benchmark has no use for a
 * partial answer. */
static inline void *alloc_or_die(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("out of memory");
	return p;
}

#endif
