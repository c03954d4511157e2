/* session_cache.h - this process's short-lived copies of signed-in sessions.
 *
 * Every signed-in request needs its session: the user, the CSRF token and
 * the role bindings with their org and region paths. Read from the store
 * that is one query joining five tables (on PostgreSQL a round trip); the
 * cache keeps what the query answered for at most `ttl_ms`, keyed by the
 * token's hash, so a busy volunteer's requests read it once per TTL.
 *
 * Correctness:
 * - In this process a sign-out, a password change, a change of roles or of
 *   an org's or region's place takes effect at once: every committed write
 *   to the tables the session is read from moves the store's generation on
 *   (store_auth_generation), and an entry read under an older generation is
 *   never answered. The generation is read before the store is, so a read
 *   racing a write is tagged with the older value.
 * - In another process sharing the database (scale-out) such a change takes
 *   effect within the TTL (--session-cache-ttl, default 2 s; 0 turns the
 *   cache off).
 * - A session past its expiry is never answered, whatever the TTL.
 *
 * Bounded: SESSION_CACHE_SLOTS entries, direct-mapped by the key's hash (a
 * collision replaces), each slot under one of a few striped mutexes. */
#ifndef LD_SESSION_CACHE_H
#define LD_SESSION_CACHE_H

#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

#define SESSION_CACHE_SLOTS 8192
#define SESSION_CACHE_TTL_MAX 60 /* seconds */

struct session_cache;

/* A cache keeping entries for ttl_ms (> 0). */
struct session_cache *session_cache_new(int64_t ttl_ms);
void session_cache_free(struct session_cache *sc);

/* 1 and *out (copied into arena a) when `key` (a token hash) was read under
 * generation `gen`, less than the TTL ago, and is not expired at `now`
 * (seconds); else 0. */
int session_cache_get(struct session_cache *sc, const char *key, uint64_t gen, int64_t now, struct session_row *out,
		      struct arena *a);
/* Keep `row`, read under generation `gen`, for `key`. */
void session_cache_put(struct session_cache *sc, const char *key, uint64_t gen, const struct session_row *row);

#endif
