/* keys.h - the keys of a process and what the services seal, open and hash
 * with them, following the store's key state (see crypto/keyring.h).
 *
 * The store's key_state row names the key new values are sealed under
 * (key_id) and, during `liandong rotate-key`, the key being retired
 * (prev_key_id). Every server follows it: writes read the row in their
 * transaction (so no server seals under the old key once the rotation has
 * begun, on any number of processes and hosts), reads at most once a second
 * or when they meet a value under a key they do not hold; when the row
 * names keys other than those last seen, the key files are read again. A
 * lookup (an ID number or phone filter, the uniqueness of an ID number)
 * tries the hash under every key held, so a row is found whether the
 * rotation has reached it or not. Sessions: a token is hashed under the
 * write key and looked up under each key held; the sessions that began
 * before a rotation end with it (their hashes are under the retired key). */
#ifndef LD_SERVICE_KEYS_H
#define LD_SERVICE_KEYS_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "core/err.h"
#include "crypto/keyring.h"

struct app;
struct ctx;
struct key_holder;

/* Load the key file at path (and path.next); NULL with a message. */
struct key_holder *keys_open(const char *path, int create, char *err, size_t n);
void keys_free(struct key_holder *k);
struct keyring *keys_ring(struct key_holder *k);
/* At start-up, with the store open: record the key file's key as the
 * database's when it has none yet, and check this process holds the keys
 * the database is under (ERR_INVALID with a message naming them if not). */
enum err keys_attach(struct app *app, struct errinfo *ei);

/* The keys for this request; `force` reads the store's key state now.
 * NULL (ERR_UNAVAILABLE) when the write key is not held here. */
const struct keyset *svc_keys(struct ctx *x, int force, struct errinfo *ei);
/* Seal `plain` under the write key, with its lookup hash (hash may be NULL). */
enum err svc_protect(struct ctx *x, const char *plain, const char **sealed, const char **hash, struct errinfo *ei);
/* Open a sealed value; NULL if no key held opens it. */
char *svc_open(struct ctx *x, const char *sealed);
/* The value of an exact-match filter on a lookup hash: the hashes of plain
 * under the write key and the other key held (the same twice when one),
 * "h1,h2" for the filters' IN (substr(?, 1, 64), substr(?, 66, 64)). */
const char *svc_lookup_filter(struct ctx *x, const char *plain, struct errinfo *ei);
/* The person with this ID number under any key held (0 when none). */
enum err svc_person_by_id_number(struct ctx *x, const char *number, int64_t *id, struct errinfo *ei);
/* The hashes of a session token to look up, the write key's first: their
 * number. */
int svc_token_hashes(struct ctx *x, const char *token, int force, char out[KEYSET_MAX][65]);

/* `liandong rotate-key` (rotate.c): re-seal every protected value under a
 * new key, `batch_rows` rows per transaction with a pause of `pause_ms`
 * between them, resuming a stopped rotation, progress on out; the old key
 * retired at the end. */
enum err keys_rotate(struct app *app, int batch_rows, int pause_ms, FILE *out, struct errinfo *ei);

#endif
