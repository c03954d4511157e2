/* ratelimit.h - per-client-address token buckets, in this process's memory
 * (the public certificate lookup's throttle against enumeration).
 *
 * A bucket holds at most `burst` tokens and gains `per_minute` a minute; a
 * request takes one. The table has a fixed number of slots, keyed by a hash
 * of the address: an address whose slot another took starts with a full
 * bucket, which can only let a few more requests through, never block one
 * wrongly. Thread-safe (one mutex). Each server process keeps its own, so
 * N processes allow N times the rate: docs/API.md says so. */
#ifndef LD_HTTP_RATELIMIT_H
#define LD_HTTP_RATELIMIT_H

#include <stdint.h>

struct ratelimit;

struct ratelimit *ratelimit_new(int burst, int per_minute);
void ratelimit_free(struct ratelimit *rl);
/* Take a token for `key` at time `now_ms` (milliseconds, any monotonic
 * origin): 0 granted, or the seconds (>= 1) until one will be. */
int64_t ratelimit_take(struct ratelimit *rl, const char *key, int64_t now_ms);

#endif
