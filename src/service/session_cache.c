/* session_cache.c - this process's short-lived copies of signed-in sessions
 * (see session_cache.h for what it promises). */
#include "service/session_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STRIPES 64
#define KEY_MAX 64

struct slot {
	char key[KEY_MAX + 1];	/* "" when empty */
	uint64_t gen;
	int64_t read_ms;	/* monotonic time of the store read */
	struct session_row row;	/* its strings and roles in blob */
	char *blob;
};

struct session_cache {
	int64_t ttl_ms;
	pthread_mutex_t mu[STRIPES];
	struct slot slots[SESSION_CACHE_SLOTS];
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* FNV-1a of the key: the token hash is already uniform, any bits do. */
static size_t slot_of(const char *key)
{
	uint64_t h = 1469598103934665603u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h % SESSION_CACHE_SLOTS);
}

struct session_cache *session_cache_new(int64_t ttl_ms)
{
	struct session_cache *sc = xcalloc(1, sizeof *sc);
	sc->ttl_ms = ttl_ms;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&sc->mu[i], NULL);
	return sc;
}

void session_cache_free(struct session_cache *sc)
{
	if (!sc)
		return;
	for (size_t i = 0; i < SESSION_CACHE_SLOTS; i++)
		free(sc->slots[i].blob);
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_destroy(&sc->mu[i]);
	free(sc);
}

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* The bytes row's roles and strings take laid out by copy_row. */
static size_t row_size(const struct session_row *row)
{
	size_t n = sizeof *row->roles * (size_t)row->nroles + str_size(row->csrf) + str_size(row->username);
	for (int i = 0; i < row->nroles; i++)
		n += str_size(row->roles[i].role) + str_size(row->roles[i].path) + str_size(row->roles[i].org_region_path);
	return n;
}

static const char *put_str(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = memcpy(*at, s, n);
	*at += n;
	return d;
}

/* *dst = src with its roles and strings in buf (row_size(src) bytes,
 * aligned for struct role_row). */
static void copy_row(struct session_row *dst, const struct session_row *src, char *buf)
{
	*dst = *src;
	dst->roles = (struct role_row *)(void *)buf;
	char *at = buf + sizeof *src->roles * (size_t)src->nroles;
	for (int i = 0; i < src->nroles; i++) {
		dst->roles[i] = src->roles[i];
		dst->roles[i].role = put_str(&at, src->roles[i].role);
		dst->roles[i].path = put_str(&at, src->roles[i].path);
		dst->roles[i].org_region_path = put_str(&at, src->roles[i].org_region_path);
	}
	dst->csrf = put_str(&at, src->csrf);
	dst->username = put_str(&at, src->username);
}

int session_cache_get(struct session_cache *sc, const char *key, uint64_t gen, int64_t now, struct session_row *out,
		      struct arena *a)
{
	size_t i = slot_of(key);
	struct slot *s = &sc->slots[i];
	int hit = 0;
	pthread_mutex_lock(&sc->mu[i % STRIPES]);
	if (s->blob && s->gen == gen && strcmp(s->key, key) == 0 && mono_ms() - s->read_ms < sc->ttl_ms &&
	    s->row.expires > now) {
		copy_row(out, &s->row, arena_alloc(a, row_size(&s->row)));
		hit = 1;
	}
	pthread_mutex_unlock(&sc->mu[i % STRIPES]);
	return hit;
}

void session_cache_put(struct session_cache *sc, const char *key, uint64_t gen, const struct session_row *row)
{
	size_t klen = strlen(key);
	if (klen > KEY_MAX)
		return;
	char *blob = xmalloc(row_size(row) + 1); /* + 1: never a zero-byte block */
	size_t i = slot_of(key);
	struct slot *s = &sc->slots[i];
	pthread_mutex_lock(&sc->mu[i % STRIPES]);
	free(s->blob);
	s->blob = blob;
	copy_row(&s->row, row, blob);
	memcpy(s->key, key, klen + 1);
	s->gen = gen;
	s->read_ms = mono_ms();
	pthread_mutex_unlock(&sc->mu[i % STRIPES]);
}
