/* geoindex.h - an in-memory spatial index of volunteers for emergency
 * mobilisation (issue 5): "the k nearest volunteers holding every required
 * skill within R metres of a point", answered exactly.
 *
 * Distances are great-circle (haversine) on a sphere of radius
 * GEOINDEX_EARTH_R metres, the same formula and operation order as the
 * shared benchmark's haversine_m (bench/matching/common.h), so results are
 * bit-identical to a full scan: the k hits with the smallest distance, ties broken by the
 * smaller id. A volunteer qualifies when (skill_mask & required) == required
 * (so required 0 matches everyone) and its distance is <= radius_m.
 *
 * Ownership: the caller owns the index (geoindex_new / geoindex_free) and
 * every output array. The index copies what it is given.
 *
 * Threads: the index has no locks. Queries (geoindex_nearest, _count, _get)
 * only read it, so any number of them may run at once; a put, remove,
 * reserve or compact must not overlap anything else (the caller holds a
 * rwlock).
 *
 * Errors: functions returning int give 0 on success and -1 on invalid input
 * (NaN, latitude outside [-90, 90], longitude outside [-180, 180]) or when
 * memory runs out; the index is then unchanged. */
#ifndef LD_DOMAIN_GEOINDEX_H
#define LD_DOMAIN_GEOINDEX_H

#include <stddef.h>
#include <stdint.h>

/* Mean Earth radius in metres (the PostGIS sphere). */
#define GEOINDEX_EARTH_R 6371008.8

struct geoindex;

struct geo_hit {
	int64_t id;
	double distance_m;
};

/* A new empty index, or NULL when out of memory. */
struct geoindex *geoindex_new(void);
/* Free the index and everything in it (NULL is fine). */
void geoindex_free(struct geoindex *ix);

/* Make room for n volunteers in total so a bulk load does not rehash
 * (optional). 0 or -1 when out of memory. */
int geoindex_reserve(struct geoindex *ix, size_t n);

/* Repack every cell into one block, in grid order and without growth
 * slack, after a bulk load or now and then: a query then touches fewer
 * pages and the index holds less memory. O(n); while it runs it needs as
 * much memory again as the cells. 0, or -1 when out of memory (the index
 * is then unchanged). A writer, like put. */
int geoindex_compact(struct geoindex *ix);

/* Insert volunteer `id`, or move/update it if present. O(1) expected, plus
 * a short scan per skill in the mask (the index keeps, per skill, a grid of
 * the volunteers holding it, for queries needing rare or several skills). */
int geoindex_put(struct geoindex *ix, int64_t id, double lat, double lon, uint64_t skill_mask);
/* Remove `id`: 1 if it was there, 0 if not. O(1) expected, plus a short
 * scan per skill. */
int geoindex_remove(struct geoindex *ix, int64_t id);
/* Number of volunteers in the index. */
size_t geoindex_count(const struct geoindex *ix);
/* Look up `id`: 1 and the outputs set (each may be NULL), or 0 if absent. */
int geoindex_get(const struct geoindex *ix, int64_t id, double *lat, double *lon, uint64_t *skill_mask);

/* Write into out[0..k) the at most k nearest qualifying volunteers within
 * radius_m of (lat, lon), sorted by distance then id, and return how many
 * were written; -1 on invalid input (bad coordinates, radius NaN or < 0,
 * k < 0). Allocates nothing. */
int geoindex_nearest(const struct geoindex *ix, double lat, double lon, double radius_m, uint64_t required_mask, int k,
                     struct geo_hit *out);

/* The haversine distance in metres used by the index (for callers and
 * tests that need the very same numbers). */
double geoindex_distance_m(double lat1, double lon1, double lat2, double lon2);

/* Bytes of memory held by the index (allocations it made, not counting
 * allocator overhead). */
size_t geoindex_memory(const struct geoindex *ix);

#endif
