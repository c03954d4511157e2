/* backend.h - what a storage backend implements (private to store/).
 *
 * The store's files own all SQL and hand a backend statements with "?N"
 * parameters, each with its slot: a small integer, unique in the process and
 * fixed for the statement's life, handed out by stmt.c at the statement's
 * first run (see struct stmt in store_int.h). The backend prepares each
 * statement once per connection and caches it in an array indexed by slot
 * (PostgreSQL names it "s<slot>"), binds, steps, and copies result rows into
 * the caller's arena. Slots are dense (0, 1, 2 ... in the order statements
 * first run), so that array is as long as the number of statements in use.
 * Result values come back typed when the backend knows the type, as text
 * otherwise; the store converts through sv_*. A backend maps its own error
 * codes to enum err in exactly one function. */
#ifndef LD_STORE_BACKEND_H
#define LD_STORE_BACKEND_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

enum sval_type { SV_NULL, SV_INT, SV_REAL, SV_TEXT };

struct sval {
	enum sval_type t;
	enum sval_type decl;	/* declared type, also when t is SV_NULL */
	int64_t i;
	double r;
	const char *s;
};

struct srows {
	int nrows, ncols;
	struct sval *v;		/* nrows * ncols, row-major */
};

/* One statement of a batch (backend_ops.run_batch): run's arguments. */
struct brun {
	int slot;
	const char *sql;
	const struct sval *p;
	int np;
	struct srows *out;
	int maxrows;
};

/* The message of the 503 a write gets when the database's disk is full
 * (SQLITE_FULL, PostgreSQL's SQLSTATE 53100). */
#define DISK_FULL_MESSAGE "the database's disk is full: nothing was written; writes resume once space is freed"

struct backend_ops {
	const char *kind;
	/* Returns a connection handle or NULL with *ei set. */
	void *(*connect)(const char *uri, int create, struct errinfo *ei);
	void (*disconnect)(void *db);
	/* Run SQL text with no parameters and no result (DDL, BEGIN). */
	enum err (*exec)(void *db, const char *sql, struct errinfo *ei);
	/* Run the statement of slot `slot` (text `sql`, prepared once per
	 * connection: the same slot always comes with the same text on a
	 * connection) with `np` parameters; collect at most `maxrows` rows
	 * (0 = none) into out. */
	enum err (*run)(void *db, int slot, const char *sql, const struct sval *p, int np,
			struct srows *out, int maxrows, struct arena *a, struct errinfo *ei);
	/* Run reads one after another (each as `run` would, at most
	 * q[i].maxrows rows into q[i].out) in one round trip; the first error
	 * is the answer. NULL when the backend gains nothing over calling run
	 * for each (SQLite, in-process). */
	enum err (*run_batch)(void *db, const struct brun *q, int n, struct arena *a, struct errinfo *ei);
	/* What the schema template's tokens become: @PK@ an auto-assigned
	 * integer primary key, @C@ a byte-order collation clause. */
	const char *pk_type;
	const char *collate_c;
	/* SQL for a write transaction's BEGIN. */
	const char *begin_write;
	/* Appended to a read that precedes a write of the same row (alias t),
	 * so that concurrent writers cannot both act on what they read. */
	const char *for_update;
	/* After rows were copied in with their ids: a statement (one %s for
	 * the table name, used twice) that moves the id generator past them;
	 * NULL when the backend needs none. */
	const char *reset_id;
	/* After a write transaction committed: return once it is on disk. A
	 * backend that commits without syncing (SQLite, synchronous=NORMAL)
	 * syncs here, once for every commit that finished before: group
	 * commit. NULL when COMMIT is already durable. */
	enum err (*durable)(void *db);
	/* Writers of one process queue on a mutex (SQLite: one writer at a
	 * time anyway; queueing beats sleeping in the busy handler). */
	int serialize_writes;
	/* The reads of one request share one read transaction (store.h,
	 * store_read_begin): SQLite takes its WAL read lock once, not per
	 * statement. PostgreSQL does not (a BEGIN and a COMMIT would be two more
	 * round trips). */
	int read_snapshot;
	/* `liandong backup`: a consistent copy of the live database at uri,
	 * taken while its servers keep writing, into the file `to` (written
	 * whole or not at all, see files.c). */
	enum err (*backup)(const char *uri, const char *to, struct errinfo *ei);
	/* `liandong restore`: the database at uri becomes the backup `from`.
	 * Refuses (ERR_CONFLICT) a target that holds data unless `force`, and
	 * one a server is using (live) even then; refuses (ERR_INVALID) a file
	 * that is not a backup of ours or whose schema is newer than
	 * `newest_schema`. */
	enum err (*restore)(const char *from, const char *uri, int force, int64_t newest_schema,
			    struct errinfo *ei);
};

extern const struct backend_ops sqlite_backend;
extern const struct backend_ops pg_backend;

/* The backends' backup and restore (sqlite/backup.c, pg/dump.c). */
enum err sq_backup(const char *uri, const char *to, struct errinfo *ei);
enum err sq_restore(const char *from, const char *uri, int force, int64_t newest_schema, struct errinfo *ei);
enum err pg_backup(const char *uri, const char *to, struct errinfo *ei);
enum err pg_restore_into(const char *from, const char *uri, int force, int64_t newest_schema,
			 struct errinfo *ei);


#endif
