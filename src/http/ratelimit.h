/* ratelimit.h - per-client-address token buckets, in this process's memory
 * (the public certificate lookup's throttle against enumeration).
 *
 * A bucket holds at most `burst` tokens and gains `per_minute` a minute; a
 * request takes one. Buckets are keyed by the client's address, an IPv6
 * address by its /64 (one site's network: an attacker has 2^64 addresses
 * in it, a household one), an IPv4-mapped IPv6 one as the IPv4 address.
 * The table has a fixed number of slots, by a hash of the key: an address
 * whose slot another took goes on with that bucket's tokens (never a fresh
 * full bucket, which two colliding addresses could use in turn to never run
 * out); at worst it waits for tokens another address spent. Thread-safe
 * (one mutex). Each server process keeps its own, so N processes allow N
 * times the rate: docs/API.md says so. */
#ifndef LD_HTTP_RATELIMIT_H
#define LD_HTTP_RATELIMIT_H

#include <stdint.h>

struct ratelimit;

/* Room for a key: an IPv6 address in text, and its NUL. */
#define RATELIMIT_KEY 48

/* The bucket's key of a client address (text) into out: the address, an
 * IPv6 one as its /64 ("2001:db8:1:2::"). */
void ratelimit_key(const char *addr, char out[RATELIMIT_KEY]);

struct ratelimit *ratelimit_new(int burst, int per_minute);
void ratelimit_free(struct ratelimit *rl);
/* Take a token for the client address `addr` at time `now_ms` (milliseconds, any monotonic
 * origin): 0 granted, or the seconds (>= 1) until one will be. */
int64_t ratelimit_take(struct ratelimit *rl, const char *addr, int64_t now_ms);

#endif
