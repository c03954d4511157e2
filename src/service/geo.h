/* geo.h - each server process's in-memory index of registered volunteers
 * (domain/geoindex) for emergency mobilisation, kept correct across
 * processes through the store.
 *
 * Write side: every transaction that changes what the index holds (a
 * person's place or skills; a volunteer's creation, stage or org) calls a
 * geo_*_written hook, which appends a row to `geo_changes` in the same
 * transaction, numbered by counters('geo_seq'); the counter's row lock
 * orders the writers, so a reader never sees change n+1 committed before n.
 * The hooks also add a person's skills to the `skills` vocabulary.
 *
 * Read side: geo_sync, called outside any transaction before a query,
 * builds the index on first use (registered volunteers with a place) and
 * afterwards re-reads the people named by the changes after the last one
 * it applied (rebuilding when the backlog is long). Skill masks come from
 * the vocabulary: skill id k is bit (k - 1) mod 64, so the first 64 skills
 * never collide; callers re-check the person's full skill list after the
 * search, which keeps the answer exact with any number of skills.
 *
 * Threads: one process-wide index (struct app's geo) under a rwlock;
 * queries share it, a refresh takes it briefly for writing; one refresh at
 * a time. */
#ifndef LD_SERVICE_GEO_H
#define LD_SERVICE_GEO_H

#include "domain/geoindex.h"
#include "service/service.h"

struct geo_cache;

struct geo_cache *geo_cache_new(void);
void geo_cache_free(struct geo_cache *g);

/* ---- write side: in the caller's transaction ---- */
/* A person was created (old NULL) or changed: register the skills, and log
 * a change when the place or the skills differ. */
enum err geo_person_written(struct ctx *x, const struct rec *nw, const struct rec *old, struct errinfo *ei);
/* A volunteer record was created, or its stage or org changed. */
enum err geo_volunteer_written(struct ctx *x, int64_t volunteer_id, int64_t person_id, struct errinfo *ei);

/* ---- read side ---- */
/* Bring this process's index up to date with the store. Outside any
 * transaction on x->c (it may write the vocabulary in one of its own). */
enum err geo_sync(struct ctx *x, struct errinfo *ei);
/* The at most k nearest registered volunteers within radius_m holding (by
 * skill mask) every skill in `skills` (NULL-terminated; may be NULL), into
 * out[0..k), nearest first, ties by id. After geo_sync. */
enum err geo_nearest(struct ctx *x, double lat, double lon, double radius_m, const char *const *skills, int k,
		     struct geo_hit *out, int *n, struct errinfo *ei);
/* Volunteers in this process's index (for tests and the log). */
size_t geo_count(struct ctx *x);

#endif
