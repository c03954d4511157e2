/* keyring.c - the keys a process holds; see keyring.h. */
#include "crypto/keyring.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

struct keyring {
	pthread_mutex_t mu;
	char *path, *next;
	struct keyset held;	/* write unused: chosen by keyring_get */
};

/* Load both files into ks: the key file must exist, the next key may not.
 * Two files holding the same number count once. */
static int load(const struct keyring *kr, int create, struct keyset *ks, char *err, size_t n)
{
	memset(ks, 0, sizeof *ks);
	if (crypto_load_key(kr->path, create, &ks->key[0], err, n) != 0)
		return -1;
	ks->n = 1;
	struct crypto_keys next;
	if (crypto_load_key(kr->next, 0, &next, err, n) == 0) {
		if (next.id != ks->key[0].id)
			ks->key[ks->n++] = next;
	} else if (errno != ENOENT) {
		return -1;
	}
	memset(&next, 0, sizeof next);
	return 0;
}

struct keyring *keyring_open(const char *path, int create, char *err, size_t n)
{
	struct keyring *kr = xcalloc(1, sizeof *kr);
	pthread_mutex_init(&kr->mu, NULL);
	kr->path = xstrdup(path);
	size_t len = strlen(path) + sizeof ".next";
	kr->next = xmalloc(len);
	snprintf(kr->next, len, "%s.next", path);
	if (load(kr, create, &kr->held, err, n) != 0) {
		keyring_free(kr);
		return NULL;
	}
	return kr;
}

void keyring_free(struct keyring *kr)
{
	if (!kr)
		return;
	memset(&kr->held, 0, sizeof kr->held);
	pthread_mutex_destroy(&kr->mu);
	free(kr->path);
	free(kr->next);
	free(kr);
}

int keyring_reload(struct keyring *kr, char *err, size_t n)
{
	struct keyset ks;
	int rc = load(kr, 0, &ks, err, n);
	if (rc == 0) {
		pthread_mutex_lock(&kr->mu);
		kr->held = ks;
		pthread_mutex_unlock(&kr->mu);
	}
	memset(&ks, 0, sizeof ks);
	return rc;
}

int keyring_get(struct keyring *kr, int write_id, struct keyset *out)
{
	pthread_mutex_lock(&kr->mu);
	*out = kr->held;
	pthread_mutex_unlock(&kr->mu);
	out->write = -1;
	for (int i = 0; i < out->n; i++)
		if (write_id ? out->key[i].id == write_id : out->write < 0 || out->key[i].id > out->key[out->write].id)
			out->write = i;
	return out->write < 0 ? -1 : 0;
}

const char *keyring_path(const struct keyring *kr)
{
	return kr->path;
}

const char *keyring_next_path(const struct keyring *kr)
{
	return kr->next;
}

const struct crypto_keys *keyset_find(const struct keyset *ks, int id)
{
	for (int i = 0; i < ks->n; i++)
		if (ks->key[i].id == id)
			return &ks->key[i];
	return NULL;
}

char *keyset_open(const struct keyset *ks, const char *sealed, struct arena *a)
{
	const struct crypto_keys *k = keyset_find(ks, crypto_sealed_key_id(sealed));
	return k ? crypto_open(k, sealed, a) : NULL;
}
