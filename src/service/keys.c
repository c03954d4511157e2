/* keys.c - the keys of a process, following the store's key state; see
 * keys.h. */
#include "service/keys.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "service/service.h"
#include "store/store.h"

/* Reads check the store's key state at most this often. */
#define KEYS_CHECK_NS (1000LL * 1000 * 1000)

struct key_holder {
	struct keyring *ring;
	pthread_mutex_t mu;
	int64_t key_id, prev_key_id;	/* the key state last seen (0: not yet) */
	int64_t checked_ns;		/* when, monotonic */
};

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct key_holder *keys_open(const char *path, int create, char *err, size_t n)
{
	struct keyring *ring = keyring_open(path, create, err, n);
	if (!ring)
		return NULL;
	struct key_holder *k = xcalloc(1, sizeof *k);
	k->ring = ring;
	pthread_mutex_init(&k->mu, NULL);
	return k;
}

void keys_free(struct key_holder *k)
{
	if (!k)
		return;
	keyring_free(k->ring);
	pthread_mutex_destroy(&k->mu);
	free(k);
}

struct keyring *keys_ring(struct key_holder *k)
{
	return k->ring;
}

/* Take the store's key state st into k: read the key files again when it
 * names other keys than last seen. */
static void follow(struct key_holder *k, const struct key_state *st)
{
	pthread_mutex_lock(&k->mu);
	if (st->key_id != k->key_id || st->prev_key_id != k->prev_key_id) {
		char err[256];
		struct keyset ks;
		if (keyring_reload(k->ring, err, sizeof err) != 0)
			fprintf(stderr, "liandong: %s\n", err);
		else if (keyring_get(k->ring, (int)st->key_id, &ks) != 0)
			fprintf(stderr, "liandong: the database's key %lld is not in %s or %s\n", (long long)st->key_id,
				keyring_path(k->ring), keyring_next_path(k->ring));
		k->key_id = st->key_id;
		k->prev_key_id = st->prev_key_id;
	}
	k->checked_ns = mono_ns();
	pthread_mutex_unlock(&k->mu);
}

enum err keys_attach(struct app *app, struct errinfo *ei)
{
	struct key_holder *k = app->keys;
	struct arena a = ARENA_INIT;
	struct store_conn *c = store_acquire(app->store);
	struct keyset ks;
	struct key_state st;
	keyring_get(k->ring, 0, &ks);
	/* key[0] is the key file's own key: the database's if it has none */
	enum err e = store_key_state_init(c, ks.key[0].id);
	if (!e)
		e = store_key_state(c, &st, &a);
	store_release(c);
	if (e) {
		arena_release(&a);
		return err_set(ei, e, NULL, "cannot read the database's key state");
	}
	follow(k, &st);
	keyring_get(k->ring, 0, &ks);
	if (!keyset_find(&ks, (int)st.key_id)) {
		err_setf(ei, ERR_INVALID, NULL,
			 "the database is under key %lld%s but %s holds key %d%s (the key file of another database, "
			 "or of a backup from before a rotation?)",
			 (long long)st.key_id, st.prev_key_id ? " (rotating)" : "", keyring_path(k->ring), ks.key[0].id,
			 ks.n > 1 ? " and its .next" : "");
		arena_release(&a);
		return ERR_INVALID;
	}
	arena_release(&a);
	return ERR_OK;
}

const struct keyset *svc_keys(struct ctx *x, int force, struct errinfo *ei)
{
	struct key_holder *k = x->app->keys;
	pthread_mutex_lock(&k->mu);
	int stale = force || mono_ns() - k->checked_ns >= KEYS_CHECK_NS;
	pthread_mutex_unlock(&k->mu);
	if (stale || !x->keys_held) {
		struct key_state st;
		if (stale && store_key_state(x->c, &st, x->a) == ERR_OK)
			follow(k, &st);
		pthread_mutex_lock(&k->mu);
		int write_id = (int)k->key_id;
		pthread_mutex_unlock(&k->mu);
		x->keys_held = keyring_get(k->ring, write_id, &x->keys) == 0;
		if (!x->keys_held) {
			err_setf(ei, ERR_UNAVAILABLE, NULL, "this server does not hold key %d, which the database is under now"
				 " (copy the new key file here)", write_id);
			return NULL;
		}
	}
	return &x->keys;
}

enum err svc_protect(struct ctx *x, const char *plain, const char **sealed, const char **hash, struct errinfo *ei)
{
	const struct keyset *ks = svc_keys(x, 1, ei);
	if (!ks)
		return ei->code;
	const struct crypto_keys *w = &ks->key[ks->write];
	*sealed = crypto_seal(w, plain, x->a);
	if (hash)
		*hash = crypto_lookup_hash(w, plain, x->a);
	return ERR_OK;
}

char *svc_open(struct ctx *x, const char *sealed)
{
	struct errinfo ei = {0};
	const struct keyset *ks = svc_keys(x, 0, &ei);
	if (ks && !keyset_find(ks, crypto_sealed_key_id(sealed)))
		ks = svc_keys(x, 1, &ei);	/* a key this server has not seen yet */
	return ks ? keyset_open(ks, sealed, x->a) : NULL;
}

/* The keys in the order to try: the write key first. */
static const struct crypto_keys *nth(const struct keyset *ks, int i)
{
	return &ks->key[i == 0 ? ks->write : i == ks->write ? 0 : i];
}

const char *svc_lookup_filter(struct ctx *x, const char *plain, struct errinfo *ei)
{
	const struct keyset *ks = svc_keys(x, 1, ei);
	if (!ks)
		return NULL;
	const char *h1 = crypto_lookup_hash(nth(ks, 0), plain, x->a);
	const char *h2 = ks->n > 1 ? crypto_lookup_hash(nth(ks, 1), plain, x->a) : h1;
	return arena_printf(x->a, "%s,%s", h1, h2);
}

enum err svc_person_by_id_number(struct ctx *x, const char *number, int64_t *id, struct errinfo *ei)
{
	const struct keyset *ks = svc_keys(x, 1, ei);
	*id = 0;
	if (!ks)
		return ei->code;
	for (int i = 0; i < ks->n && !*id; i++) {
		enum err e = store_person_by_id_hash(x->c, crypto_lookup_hash(nth(ks, i), number, x->a), id);
		if (e)
			return err_set(ei, e, NULL, NULL);
	}
	return ERR_OK;
}

int svc_token_hashes(struct ctx *x, const char *token, int force, char out[KEYSET_MAX][65])
{
	struct errinfo ei = {0};
	const struct keyset *ks = svc_keys(x, force, &ei);
	if (!ks)
		return 0;
	for (int i = 0; i < ks->n; i++)
		crypto_token_hash(nth(ks, i), token, out[i]);
	return ks->n;
}
