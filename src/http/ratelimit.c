/* ratelimit.c - token buckets per client address (ratelimit.h). */
#include "http/ratelimit.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define RL_SLOTS 4096

struct slot {
	char key[RATELIMIT_KEY];
	int64_t at_ms;		/* when `milli` was last brought up to date */
	int64_t milli;		/* tokens x 1000 */
};

struct ratelimit {
	pthread_mutex_t mu;
	int64_t burst_milli;
	int per_minute;
	struct slot slots[RL_SLOTS];
};

struct ratelimit *ratelimit_new(int burst, int per_minute)
{
	struct ratelimit *rl = xcalloc(1, sizeof *rl);
	pthread_mutex_init(&rl->mu, NULL);
	rl->burst_milli = (int64_t)burst * 1000;
	rl->per_minute = per_minute > 0 ? per_minute : 1;
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->mu);
	free(rl);
}

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void ratelimit_key(const char *addr, char out[RATELIMIT_KEY])
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];
	if (addr && strchr(addr, ':') && inet_pton(AF_INET6, addr, a) == 1) {
		static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (memcmp(a, v4mapped, sizeof v4mapped) == 0 && inet_ntop(AF_INET, a + 12, text, sizeof text)) {
			addr = text;
		} else {
			memset(a + 8, 0, 8);	/* the /64: one site's whole network */
			if (inet_ntop(AF_INET6, a, text, sizeof text))
				addr = text;
		}
	}
	size_t n = addr ? strnlen(addr, RATELIMIT_KEY - 1) : 0;
	memcpy(out, addr ? addr : "", n);
	out[n] = 0;
}

int64_t ratelimit_take(struct ratelimit *rl, const char *addr, int64_t now_ms)
{
	char k[RATELIMIT_KEY];
	ratelimit_key(addr, k);
	int64_t wait = 0;
	pthread_mutex_lock(&rl->mu);
	struct slot *s = &rl->slots[fnv1a(k) % RL_SLOTS];
	if (!s->key[0] && !s->at_ms) {
		s->milli = rl->burst_milli;	/* a slot never used starts full */
	} else if (now_ms > s->at_ms) {
		/* per_minute tokens a minute: per_minute * 1000 milli-tokens in 60000 ms */
		s->milli += (now_ms - s->at_ms) * rl->per_minute / 60;
		if (s->milli > rl->burst_milli)
			s->milli = rl->burst_milli;
	}
	/* a newcomer to a taken slot goes on with the occupant's tokens, never
	 * a fresh bucket: colliding addresses share one bucket */
	if (strcmp(s->key, k) != 0)
		memcpy(s->key, k, sizeof s->key);
	s->at_ms = now_ms;
	if (s->milli >= 1000) {
		s->milli -= 1000;
	} else {
		int64_t ms = (1000 - s->milli) * 60 / rl->per_minute;
		wait = (ms + 999) / 1000;
		if (wait < 1)
			wait = 1;
	}
	pthread_mutex_unlock(&rl->mu);
	return wait;
}
