/* rotate.c - `liandong rotate-key`: every protected value re-sealed under a
 * new key while the servers keep serving, then the old key retired.
 *
 * 1. Begin: the next key is written to `<keyfile>.next` (0600, synced, its
 *    directory too) unless a stopped run left it there, then the store's
 *    key state names it the write key and the key file's key the previous
 *    one; from that commit every server seals under the new key (service/
 *    keys.c) and can still open the old.
 * 2. Walk: each table in id order, in transactions of BATCH rows: open
 *    each value with whichever key it is under, seal it (and hash it) under
 *    the new key, write it only if the row still holds what was read (a
 *    server's change in between wins, and is under the new key already),
 *    and record the cursor in the same transaction, so a run killed at any
 *    point resumes at the last batch committed. Progress: rows done / rows
 *    to do, per table.
 * 3. Sweep: the walk again until a pass finds no value under another key
 *    (a server that sealed under the old key before it saw the new one).
 * 4. Retire: `<keyfile>.next` is renamed over `<keyfile>` (the old key is
 *    gone from the disk), then the key state drops the previous key and the
 *    sessions begun before the rotation end (their token hashes are under
 *    the old key). A run stopped between the two finds the new key in
 *    `<keyfile>`, nothing to re-seal, and finishes. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "core/files.h"
#include "service/keys.h"
#include "store/store.h"

#define MAX_PASSES 5

struct rot {
	struct app *app;
	struct store_conn *c;
	struct keyset ks;	/* every key held; ks.key[ks.write] the new one */
	char like[24];		/* "k<new>:%": values already under the new key */
	FILE *out;
	struct errinfo *ei;
	int batch;		/* rows per transaction */
	int pause_ms;		/* between transactions */
};

/* One batch of table t after *after: *n rows re-sealed, *seen rows read. */
static enum err batch(struct rot *r, enum sealed_table_id t, int64_t *after, int *seen, int64_t *done)
{
	struct arena a = ARENA_INIT;
	struct sealed_row *rows = arena_alloc(&a, sizeof *rows * (size_t)r->batch);
	const struct crypto_keys *nk = &r->ks.key[r->ks.write];
	enum err e = store_begin(r->c, 1);
	if (!e)
		e = store_sealed_pending(r->c, t, r->like, *after, r->batch, rows, seen, &a);
	for (int i = 0; !e && i < *seen; i++) {
		const char *enc[2] = {NULL, NULL}, *hash[2] = {NULL, NULL};
		for (int k = 0; k < 2 && !e; k++) {
			if (!rows[i].enc[k])
				continue;
			const char *plain = keyset_open(&r->ks, rows[i].enc[k], &a);
			if (!plain) {
				e = err_setf(r->ei, ERR_INVALID, NULL,
					     "%s row %lld holds a value under key %d, which no key file here opens",
					     store_sealed_name(t), (long long)rows[i].id,
					     crypto_sealed_key_id(rows[i].enc[k]));
				break;
			}
			enc[k] = crypto_seal(nk, plain, &a);
			if (store_sealed_hashed(t))
				hash[k] = crypto_lookup_hash(nk, plain, &a);
		}
		int changed = 0;
		if (!e && (e = store_sealed_reseal(r->c, t, &rows[i], enc, hash, &changed)))
			err_setf(r->ei, e, NULL, "cannot re-seal %s row %lld%s", store_sealed_name(t),
				 (long long)rows[i].id,
				 e == ERR_DUPLICATE ? ": another person has the same ID number (merge them, then run again)"
						    : "");
		*done += changed;
		*after = rows[i].id;
	}
	if (!e && *seen)
		e = store_key_rotation_cursor(r->c, t, *after);
	if (!e)
		e = store_commit_ei(r->c, r->ei);
	else
		store_rollback(r->c);
	arena_release(&a);
	if (e && !r->ei->message[0])
		err_set(r->ei, e, NULL, "the database refused the re-sealed values");
	return e;
}

/* Walk every table from the cursor (table `from`, after `from_after`);
 * *left the values found under another key. */
static enum err walk(struct rot *r, const char *from, int64_t from_after, int64_t *left)
{
	int started = from == NULL;
	*left = 0;
	for (int t = 0; t < SEALED__COUNT; t++) {
		int64_t after = 0, done = 0, total = 0;
		if (!started && strcmp(from, store_sealed_name(t)) != 0)
			continue;
		if (!started)
			after = from_after;
		started = 1;
		enum err e = store_sealed_count(r->c, t, r->like, &total);
		if (e)
			return err_set(r->ei, e, NULL, "cannot count the rows to re-seal");
		*left += total;
		fprintf(r->out, "%s: 0/%lld\n", store_sealed_name(t), (long long)total);
		for (int seen = r->batch; seen == r->batch;) {
			if ((e = batch(r, t, &after, &seen, &done)))
				return e;
			fprintf(r->out, "%s: %lld/%lld\n", store_sealed_name(t), (long long)done, (long long)total);
			fflush(r->out);
			if (r->pause_ms && seen == r->batch)
				nanosleep(&(struct timespec){r->pause_ms / 1000, (long)(r->pause_ms % 1000) * 1000000L}, NULL);
		}
	}
	return ERR_OK;
}

/* Step 1: the next key on disk and in the store's key state. */
static enum err begin(struct rot *r, struct key_state *st)
{
	struct keyring *ring = keys_ring(r->app->keys);
	const struct crypto_keys *kf = &r->ks.key[0];	/* the key file's */
	char err[256];
	if (kf->id != st->key_id)
		return err_setf(r->ei, ERR_INVALID, NULL, "%s holds key %d but the database is under key %lld",
				keyring_path(ring), kf->id, (long long)st->key_id);
	if (r->ks.n > 1 && r->ks.key[1].id != kf->id + 1)
		return err_setf(r->ei, ERR_INVALID, NULL, "%s holds key %d, not the next key %d: remove it",
				keyring_next_path(ring), r->ks.key[1].id, kf->id + 1);
	if (r->ks.n == 1) {
		if (crypto_new_key_file(keyring_next_path(ring), kf->id + 1, &r->ks.key[1], err, sizeof err) != 0)
			return err_set(r->ei, ERR_UNAVAILABLE, NULL, err);
		r->ks.n = 2;
		enum err e = file_sync_dir_of(keyring_next_path(ring), r->ei);
		if (e)
			return e;
		fprintf(r->out, "wrote key %d to %s\n", kf->id + 1, keyring_next_path(ring));
	}
	*st = (struct key_state){.key_id = kf->id + 1, .prev_key_id = kf->id, .started_at = (int64_t)time(NULL)};
	enum err e = store_begin(r->c, 1);
	if (!e)
		e = store_key_rotation_begin(r->c, st->key_id, st->prev_key_id, st->started_at);
	if (!e)
		e = store_commit_ei(r->c, r->ei);
	else
		store_rollback(r->c);
	if (e)
		return err_set(r->ei, e, NULL, "cannot record the rotation's start in the database");
	fprintf(r->out, "rotating from key %lld to key %lld: servers seal new values under key %lld from now\n",
		(long long)st->prev_key_id, (long long)st->key_id, (long long)st->key_id);
	return ERR_OK;
}

/* Step 4: the old key off the disk, then out of the key state. */
static enum err retire(struct rot *r, const struct key_state *st)
{
	struct keyring *ring = keys_ring(r->app->keys);
	enum err e;
	if (r->ks.n > 1) {
		if ((e = file_rename_synced(keyring_next_path(ring), keyring_path(ring), r->ei)))
			return e;
	}
	e = store_begin(r->c, 1);
	if (!e)
		e = store_key_rotation_end(r->c, st->started_at, (int64_t)time(NULL));
	if (!e)
		e = store_commit_ei(r->c, r->ei);
	else
		store_rollback(r->c);
	if (e)
		return err_set(r->ei, e, NULL, "cannot record the rotation's end in the database");
	fprintf(r->out, "retired key %lld: %s now holds key %lld; sessions begun before the rotation have ended\n",
		(long long)st->prev_key_id, keyring_path(ring), (long long)st->key_id);
	return ERR_OK;
}

enum err keys_rotate(struct app *app, int batch_rows, int pause_ms, FILE *out, struct errinfo *ei)
{
	struct rot r = {.app = app, .out = out, .ei = ei, .batch = batch_rows, .pause_ms = pause_ms};
	struct arena a = ARENA_INIT;
	struct key_state st;
	char err[256];
	struct keyring *ring = keys_ring(app->keys);
	r.c = store_acquire(app->store);
	enum err e = store_key_state(r.c, &st, &a);
	if (e)
		err_set(ei, e, NULL, "cannot read the database's key state");
	else if (keyring_reload(ring, err, sizeof err) != 0)
		e = err_set(ei, ERR_UNAVAILABLE, NULL, err);
	if (!e) {
		keyring_get(ring, 0, &r.ks);
		if (!st.prev_key_id)
			e = begin(&r, &st);
		else
			fprintf(out, "resuming the rotation from key %lld to key %lld\n", (long long)st.prev_key_id,
				(long long)st.key_id);
	}
	if (!e) {
		const struct crypto_keys *nk = keyset_find(&r.ks, (int)st.key_id);
		if (!nk)
			e = err_setf(ei, ERR_INVALID, NULL, "the new key %lld is in neither %s nor %s",
				     (long long)st.key_id, keyring_path(ring), keyring_next_path(ring));
		else
			r.ks.write = (int)(nk - r.ks.key);
		snprintf(r.like, sizeof r.like, "k%lld:%%", (long long)st.key_id);
	}
	int64_t left = 1;
	for (int pass = 0; !e && left && pass < MAX_PASSES; pass++)
		e = walk(&r, pass ? NULL : st.tbl, pass ? 0 : st.after, &left);
	if (!e && left)
		e = err_setf(ei, ERR_CONFLICT, NULL,
			     "%lld values are still sealed under the old key after %d passes: a server still writes "
			     "with it (restart the servers, then run rotate-key again)",
			     (long long)left, MAX_PASSES);
	if (!e)
		e = retire(&r, &st);
	store_release(r.c);
	arena_release(&a);
	memset(&r.ks, 0, sizeof r.ks);
	return e;
}
