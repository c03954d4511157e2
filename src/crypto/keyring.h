/* keyring.h - the keys a process holds: the key file and, during a
 * rotation, the next key beside it.
 *
 * `<path>` is the key file; `liandong rotate-key` writes the next key into
 * `<path>.next`, re-encrypts every protected value under it, then renames
 * `<path>.next` over `<path>` (the old key is gone from disk). A keyring
 * loads whichever of the two exist, so it holds one key, or two during a
 * rotation. Which one writes is the store's word (service/keys.c): the
 * keyring only loads, and reloads when asked. Thread-safe: readers copy a
 * keyset under a mutex. */
#ifndef LD_CRYPTO_KEYRING_H
#define LD_CRYPTO_KEYRING_H

#include <stddef.h>

#include "crypto/crypto.h"

#define KEYSET_MAX 2

/* A copy of the keys held: key[write] seals and hashes new values. */
struct keyset {
	struct crypto_keys key[KEYSET_MAX];
	int n;
	int write;
};

struct keyring;

/* Load `path` (creating key 1 there when `create` and it is missing) and
 * `path`.next if it exists. NULL with a message in err on failure. */
struct keyring *keyring_open(const char *path, int create, char *err, size_t n);
void keyring_free(struct keyring *kr);
/* Read the files again; 0, or -1 (keeping the keys held) with a message. */
int keyring_reload(struct keyring *kr, char *err, size_t n);
/* Copy the keys held into out, the write key the one numbered `write_id`
 * (the highest when 0). -1 if no key has that number. */
int keyring_get(struct keyring *kr, int write_id, struct keyset *out);
/* The path of the key file and of the next key (static in kr). */
const char *keyring_path(const struct keyring *kr);
const char *keyring_next_path(const struct keyring *kr);

/* The key numbered id in ks, or NULL. */
const struct crypto_keys *keyset_find(const struct keyset *ks, int id);
/* Open a sealed value with whichever key of ks it is under; NULL if that
 * key is not held or the value does not authenticate. */
char *keyset_open(const struct keyset *ks, const char *sealed, struct arena *a);

#endif
