/* store.h - the storage interface every service calls.
 *
 * A struct store is a pool of connections to one database; a request takes
 * one connection (store_acquire), runs its reads and writes in at most one
 * transaction, and gives it back. All SQL is in store/ (the files are listed
 * in store_int.h), written once for every backend; a backend (store/sqlite/,
 * store/pg/) only connects, prepares, binds and steps. No SQL is ever
 * assembled from input: the text is static, or derived at start-up from the
 * static entity descriptors.
 *
 * Errors: functions return enum err. ERR_NOT_FOUND for a missing row,
 * ERR_DUPLICATE (errinfo.field names the field) for a unique violation,
 * ERR_UNAVAILABLE when the database cannot be reached, ERR_INTERNAL else.
 * Strings returned belong to the arena passed in. */
#ifndef LD_STORE_H
#define LD_STORE_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "model/entity.h"

struct store;
struct store_conn;
/* struct scope (the caller's read scope) and struct role_row: model/entity.h. */

/* Open the database at `uri` ("path.db" for SQLite) with `nconns`
 * connections, creating it and applying migrations when `create` or when it
 * already exists. */
enum err store_open(const char *uri, int nconns, int create, struct store **out, struct errinfo *ei);
void store_close(struct store *s);
/* 1 if uri names a PostgreSQL database (postgresql:// or postgres://). */
int store_is_postgres(const char *uri);
const char *store_kind(const struct store *s);		/* "sqlite" or "postgres" */

struct store_conn *store_acquire(struct store *s);
void store_release(struct store_conn *c);
/* The pool: its connections, those taken, and threads waiting for one. */
void store_pool_stats(struct store *s, int *size, int *in_use, int *waiting);

/* The outbox's depth: notifications counted by channel and status
 * (ops_store.c, for GET /metrics). */
struct outbox_depth {
	const char *channel, *status;
	int64_t n;
};
enum err store_outbox_depth(struct store_conn *c, struct outbox_depth **out, int *n, struct arena *a,
			    struct errinfo *ei);

/* The reads that follow on c see one snapshot, taken at the first of them
 * (a read transaction where the backend gains from one: SQLite locks its
 * WAL once instead of once per statement), until store_read_end or the
 * connection's release. A statement that writes, or store_begin, ends the
 * snapshot first (writes keep their own transactions and their group
 * commit); the reads after a write take a new one. Used for every GET. */
void store_read_begin(struct store_conn *c);
void store_read_end(struct store_conn *c);

enum err store_begin(struct store_conn *c, int write);
enum err store_commit(struct store_conn *c);
/* store_commit that says why in ei (a full disk, ...). */
enum err store_commit_ei(struct store_conn *c, struct errinfo *ei);
void store_rollback(struct store_conn *c);
/* A bulk load run by one command (`liandong demo`): one write transaction
 * from store_bulk_begin to store_bulk_end, inside which every transaction
 * of c is a savepoint (its commit a release, its rollback undoes it alone),
 * so thousands of small writes cost one commit and one sync, and a load
 * that fails (end with ok 0) leaves nothing. Not for the server. */
enum err store_bulk_begin(struct store_conn *c, struct errinfo *ei);
enum err store_bulk_end(struct store_conn *c, int ok, struct errinfo *ei);
/* Let a bulk load of millions of rows keep up to `mib` MiB of pages in
 * memory on c (SQLite's page cache; PostgreSQL: nothing to do). */
enum err store_bulk_memory(struct store_conn *c, int mib, struct errinfo *ei);
/* Inside a transaction: mark a point (one level), then either keep what was
 * written since (release) or undo it and carry on (rollback): an import
 * runs each row this way, so a bad row leaves no trace in the rows kept. */
enum err store_savepoint(struct store_conn *c);
enum err store_savepoint_release(struct store_conn *c);
enum err store_savepoint_rollback(struct store_conn *c);

/* ---- generic entity operations ---- */
enum err store_insert(struct store_conn *c, struct rec *r, struct errinfo *ei);	/* sets r->id */
enum err store_update(struct store_conn *c, const struct rec *r, struct errinfo *ei);
/* Reads row `id` with its visibility flags for scope `sc` (not filtered). */
enum err store_get(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
		   struct rec *out, struct arena *a);
/* store_get of up to STORE_GET_MANY ids in one statement: the rows found,
 * in no particular order, each once, with their visibility flags for sc;
 * *n how many (an id with no row is left out). out must hold n_ids. */
#define STORE_GET_MANY 64
enum err store_get_many(struct store_conn *c, const struct entity *e, const int64_t *ids, int n_ids,
			const struct scope *sc, struct rec *out, int *n, struct arena *a);
/* store_get inside a write transaction, for a row about to be changed: the
 * row stays locked against other writers until commit or rollback. */
enum err store_get_locked(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
			  struct rec *out, struct arena *a);
/* Rows visible to `sc` with id > after, ascending, at most `limit`;
 * filters[i] applies e->filters[i] when set. rows must hold `limit`. */
enum err store_list(struct store_conn *c, const struct entity *e, const struct scope *sc, int64_t after,
		    int limit, const struct val *filters, struct rec *rows, int *n, struct arena *a);
enum err store_exists(struct store_conn *c, enum entity_id e, int64_t id, int *exists);
/* Rows of entity e counted (for tests and demo). */
enum err store_count(struct store_conn *c, enum entity_id e, int64_t *n);

/* ---- accounts ---- */
enum err store_user_by_name(struct store_conn *c, const char *username, int64_t *id, const char **hash,
			    struct arena *a);
enum err store_roles(struct store_conn *c, int64_t user_id, struct role_row **rows, int *n, struct arena *a);
enum err store_role_add(struct store_conn *c, int64_t user_id, const char *role, int64_t org_id, int64_t region_id);
enum err store_roles_clear(struct store_conn *c, int64_t user_id);

enum err store_session_put(struct store_conn *c, const char *hash, int64_t user_id, const char *csrf,
			   int64_t now, int64_t expires);
/* A number that moves on after every committed write to the tables a
 * session is read from (sessions, users, user_roles, orgs, regions) by this
 * process: a session read while it had an older value may be stale. */
uint64_t store_auth_generation(struct store *s);
/* A live session with its user and role bindings (one query on every
 * signed-in request the session cache does not answer). */
struct session_row {
	int64_t user_id, person_id, expires;
	const char *csrf, *username;
	struct role_row *roles;
	int nroles;
};
/* ERR_NOT_FOUND if missing or expired at `now`. */
enum err store_session_get(struct store_conn *c, const char *hash, int64_t now, struct session_row *out,
			   struct arena *a);
enum err store_session_del(struct store_conn *c, const char *hash);
/* A user's own view of a live session (GET /me/data): never its token
 * hash or CSRF token. */
struct session_info {
	int64_t created_at, expires_at;
	int current;	/* the session of this request */
};
/* The user's live sessions at `now`, oldest first, at most `max`; `cur1`
 * and `cur2` are the hashes of this request's token (the same twice when
 * one key is held). out must hold `max`. */
enum err store_sessions_of_user(struct store_conn *c, int64_t user_id, int64_t now, const char *cur1,
				const char *cur2, int max, struct session_info *out, int *n);
/* End every session of the user but the one whose hash is keep1 or keep2. */
enum err store_sessions_end_others(struct store_conn *c, int64_t user_id, const char *keep1, const char *keep2);
/* Set the user's password hash (own password change, issue 13). */
enum err store_password_set(struct store_conn *c, int64_t user_id, const char *hash);

/* Failed sign-ins after `since`: of username from addr (their number and
 * the latest's time), and of addr whatever the username (their number and
 * the oldest's time). addr is a client address key (ratelimit_key). */
struct login_failures {
	int64_t account, account_latest;
	int64_t addr, addr_oldest;
};
enum err store_login_failures(struct store_conn *c, const char *username, const char *addr, int64_t since,
			      struct login_failures *out);
/* Record a failure at `at`, and forget every failure before forget_before
 * (older than the login window: they no longer count). */
enum err store_login_failure_add(struct store_conn *c, const char *username, const char *addr, int64_t at,
				 int64_t forget_before);
/* Forget username's failures from addr (a sign-in from there succeeded);
 * those from other addresses stay. */
enum err store_login_failures_clear(struct store_conn *c, const char *username, const char *addr);

/* ---- moving a deployment (copy.c) ---- */
/* Copy every row of every table from `from` into the empty database `to`,
 * ids included, in one transaction on `to`; report each table's row count
 * through `progress` (may be NULL). ERR_CONFLICT if `to` is not empty. */
enum err store_copy(struct store *from, struct store *to,
		    void (*progress)(const char *table, int64_t rows, void *arg), void *arg, struct errinfo *ei);

/* ---- backup and restore (backup.c) ---- */
/* A consistent copy of the database at uri (SQLite file or postgresql://)
 * into the file `to` while its servers keep writing: SQLite's online backup
 * API, or pg_dump -Fc. `to` appears whole or not at all. ERR_UNAVAILABLE
 * when a tool is missing or the copy fails, ERR_INVALID for a bad target. */
enum err store_backup(const char *uri, const char *to, struct errinfo *ei);
/* The database at uri becomes the backup `from` (SQLite: a file made by
 * store_backup; PostgreSQL: a pg_dump -Fc archive, through pg_restore).
 * ERR_CONFLICT if the target holds data and not `force`, or is live (a
 * server uses it) even with `force`; ERR_INVALID if `from` is not a backup
 * of ours or its schema is newer than this binary's. */
enum err store_restore(const char *from, const char *uri, int force, struct errinfo *ei);

/* ---- misc ---- */
/* Increment counter `name` (creating it at 1) and return the new value. */
enum err store_counter_next(struct store_conn *c, const char *name, int64_t *value);
/* Import jobs left queued or running by a process that stopped: failed,
 * with `message` (their rows were never committed: one transaction). */
enum err store_imports_abandon(struct store_conn *c, int64_t now, const char *message);
/* The person whose ID number has lookup hash `hash`, and the volunteer (or
 * social-worker) record of a person in an org: *id, 0 when there is none. */
enum err store_person_by_id_hash(struct store_conn *c, const char *hash, int64_t *id);
enum err store_workforce_of(struct store_conn *c, int social_worker, int64_t person_id, int64_t org_id, int64_t *id);
/* The person's open case in org (0 when none), the one of `category`
 * first; and the social workers of org whose person is named `name` (at
 * most 2, enough to tell one from several). */
enum err store_client_of(struct store_conn *c, int64_t person_id, int64_t org_id, const char *category, int64_t *id);
enum err store_social_workers_named(struct store_conn *c, int64_t org_id, const char *name, int64_t **ids, int *n,
				    struct arena *a);
/* The orgs named exactly `name`, at most 2. */
enum err store_orgs_named(struct store_conn *c, const char *name, int64_t **ids, int *n, struct arena *a);
enum err store_audit(struct store_conn *c, int64_t at, int64_t user_id, const char *action, const char *entity,
		     int64_t entity_id, const char *before, const char *after);
/* A user's username and the name of the user's person (NULL: no person);
 * both NULL when the user does not exist (any more). */
enum err store_user_label(struct store_conn *c, int64_t user_id, const char **username, const char **name,
			  struct arena *a);

/* ---- keys (keys_store.c): the key state row and `rotate-key`'s walk ---- */
struct key_state {
	int64_t key_id;		/* the key new values are sealed under */
	int64_t prev_key_id;	/* during a rotation: the key being retired; else 0 */
	int64_t started_at;	/* when the rotation began */
	const char *tbl;	/* the rotation's cursor: table (NULL: none yet) */
	int64_t after;		/* and the last id done there */
};
enum err store_key_state(struct store_conn *c, struct key_state *out, struct arena *a);
/* Record key_id as the key of a database that has no key state yet. */
enum err store_key_state_init(struct store_conn *c, int64_t key_id);
enum err store_key_rotation_begin(struct store_conn *c, int64_t key_id, int64_t prev_key_id, int64_t now);
/* The end: no previous key, and the sessions that began before
 * `sessions_before` (their token hashes are under the retired key) end. */
enum err store_key_rotation_end(struct store_conn *c, int64_t sessions_before, int64_t now);

/* The tables holding sealed values; rows have up to two (people: ID number
 * and phone, each with its lookup hash; case_notes: the text). */
enum sealed_table_id { SEALED_PEOPLE, SEALED_CASE_NOTES, SEALED_SUPERVISION_NOTES, SEALED_SMS_INBOUND, SEALED__COUNT };
struct sealed_row {
	int64_t id;
	const char *enc[2];
};
const char *store_sealed_name(enum sealed_table_id t);
int store_sealed_hashed(enum sealed_table_id t);
enum err store_key_rotation_cursor(struct store_conn *c, enum sealed_table_id t, int64_t after);
/* Rows with id > after holding a sealed value that does not match
 * `done_like` (the new key's prefix, "k2:%"), ascending, at most limit. */
enum err store_sealed_pending(struct store_conn *c, enum sealed_table_id t, const char *done_like, int64_t after,
			      int limit, struct sealed_row *rows, int *n, struct arena *a);
enum err store_sealed_count(struct store_conn *c, enum sealed_table_id t, const char *done_like, int64_t *n);
/* Replace a row's sealed values (and hashes) if they are still `old`'s:
 * *changed 0 when a server changed the row meanwhile. */
enum err store_sealed_reseal(struct store_conn *c, enum sealed_table_id t, const struct sealed_row *old,
			     const char *const enc[2], const char *const hash[2], int *changed);

#endif
