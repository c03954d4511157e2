/* store_int.h - what the store's own files share (private to store/).
 *
 * The store is split by concern, one file each: store.c (open, the
 * connection pool, transactions), migrate.c (schema migrations), stmt.c
 * (statements, their slots, their values), entity_sql.c (the per-entity SQL
 * generated at start-up), entity.c (the generic entity operations),
 * accounts.c (users, roles, sessions, login failures), audit.c (the audit
 * trail and counters), copy.c (migrate-store), import_store.c (import
 * jobs), and the particular SQL of
 * each feature (care.c, service_store.c, match_store.c, emergency.c,
 * stats_store.c).
 *
 * Statements. Every statement is a `struct stmt`: its SQL text and a slot,
 * the small integer under which each connection caches it prepared (an
 * array index in the backend: no hashing of SQL text per call) and under
 * which PostgreSQL names it ("s<slot>"). Slots are handed out by stmt.c at a
 * statement's first run, from one counter under a mutex, and never change
 * or repeat in the process; so no human keeps number ranges, a module adds a
 * statement by declaring it next to the code that runs it
 *
 *     static struct stmt q_skills = STMT("SELECT id, name FROM skills");
 *
 * and passes &q_skills to store_run(). Statements generated at start-up
 * (entity_sql.c) are struct stmt too, and get their slots the same way.
 * The fast path is one relaxed atomic load of the slot. Why not one enum of
 * all statements: the per-entity statements are generated at run time and
 * would still need computed numbers, and an enum of every module's list
 * would pull each module's SQL into one translation unit. */
#ifndef LD_STORE_INT_H
#define LD_STORE_INT_H

#include "store/backend.h"
#include "store/store.h"

#include <pthread.h>
#include <stdatomic.h>

struct store {
	const struct backend_ops *ops;
	/* bumped after each committed write to the tables a session is read
	 * from (sessions, users, user_roles, orgs, regions): a cached session
	 * read under an older value is stale (service/session_cache.c) */
	atomic_uint_fast64_t auth_gen;
	char *uri;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_mutex_t write_mu;	/* held by the one writing connection */
	/* Where writes are serialized (SQLite): the one backend handle every
	 * write transaction runs on, lent under write_mu. Its page cache stays
	 * warm: in WAL mode a handle empties its cache whenever another one has
	 * committed, so with every writer on its own pooled handle each write
	 * re-read its indexes page by page (a fifth of a check-in's CPU). */
	void *writer;
	struct store_conn **free;
	int nfree, nconns;
	int nwait;			/* threads waiting in store_acquire (under mu) */
	struct store_conn *all;
};

struct store_conn {
	struct store *s;
	void *db;
	int writing;	/* holds s->write_mu */
	void *own_db;	/* db while the writer's handle is lent to it */
	int in_tx;	/* between store_begin and its commit or rollback */
	int auth_dirty;	/* this transaction wrote a table sessions are read from */
	int bulk;	/* in store_bulk_begin's transaction: each one a savepoint */
	int read_wanted; /* store_read_begin: reads share a snapshot */
	int read_open;	/* that snapshot's read transaction is open */
};

/* ---- statements (stmt.c) ---- */
struct stmt {
	const char *sql;	/* "?N" parameters; static, or built before first run */
	atomic_int slot;	/* 0 until first run, then slot + 1 */
	atomic_int kind;	/* 0 until first run, then STMT_KNOWN and the
				 * STMT_WRITES, STMT_AUTH bits of sql_kind */
};
#define STMT(text) {.sql = (text)}

/* The statement's slot, handed out at its first call. */
int stmt_slot(struct stmt *st);

/* What a statement does, by its text: STMT_WRITES unless it is a plain
 * read (SELECT, or WITH ... SELECT naming no INSERT, UPDATE or DELETE);
 * STMT_AUTH if it writes a table a session is read from (see struct
 * store). STMT_KNOWN is always set. */
enum { STMT_KNOWN = 1, STMT_WRITES = 2, STMT_AUTH = 4 };
int sql_kind(const char *sql);
/* Whether `sql` writes a table a session is read from (see struct store). */
int sql_writes_auth(const char *sql);
/* End c's read snapshot, if one is open (store_read_begin). */
void store_read_close(struct store_conn *c);
/* c wrote such a table: at its commit, or now outside a transaction, the
 * store's auth_gen moves on. */
void store_auth_changed(struct store_conn *c);

/* Run `st` on c's backend with `np` parameters, collecting at most
 * `maxrows` rows (0 = none) into out (values in arena a). */
enum err store_run(struct store_conn *c, struct stmt *st, const struct sval *p, int np, struct srows *out,
		   int maxrows, struct arena *a, struct errinfo *ei);
/* One statement of store_run_batch: store_run's arguments. */
struct store_q {
	struct stmt *st;
	const struct sval *p;
	int np;
	struct srows *out;
	int maxrows;
};
/* Reads run in order as store_run would run each, in one round trip where
 * the backend can (PostgreSQL's pipeline mode; see backend_ops.run_batch);
 * the first error is the answer. A statement that writes makes it run them
 * one by one. */
#define STORE_BATCH_MAX 4
enum err store_run_batch(struct store_conn *c, struct store_q *q, int n, struct arena *a, struct errinfo *ei);
/* store_get (store.h) of e's row through the scope sc, and `then` (a read)
 * in the same round trip where the backend can. ERR_NOT_FOUND without the
 * row, whatever `then` found. */
enum err store_get_with(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
			struct rec *out, struct arena *a, struct store_q *then);
/* store_run for a statement whose answer is one integer (0 without a row),
 * or the first column of at most `max` rows as an array of ids (arena). */
enum err store_run_int(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int64_t *v);
enum err store_run_ids(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int max,
		       int64_t **ids, int *n, struct arena *a);
/* Replace the ids a row links to: `clear` (?1 the owner) and then `add`
 * (?1 the owner, ?2 each id in turn). */
enum err store_run_set(struct store_conn *c, struct stmt *clear, struct stmt *add, int64_t owner,
		       const int64_t *ids, int n);

/* Row i of a result. */
static inline const struct sval *srows_row(const struct srows *r, int i)
{
	return r->v + (size_t)i * (size_t)r->ncols;
}

/* Result values, converted whatever type the backend gave. */
int64_t sv_int(const struct sval *v);
double sv_real(const struct sval *v);
const char *sv_text(const struct sval *v, struct arena *a);
/* Parameters. P_int0 binds 0 as NULL (an optional reference); P_null is a
 * NULL that declares its type. */
struct sval P_int(int64_t i);
struct sval P_int0(int64_t i);
struct sval P_real(double r);
struct sval P_text(const char *s);
struct sval P_null(enum sval_type decl);

/* Bind a read scope as the parameters ?1..?11 of model/entity.h. */
void scope_params(struct sval *p, const struct scope *sc);

/* A growable string for SQL built from static text (start-up, copy). */
struct sb {
	char *p;
	size_t len, cap;
};
void sb_add(struct sb *b, const char *s);
void sb_addf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- per-entity statements (entity_sql.c, used by entity.c) ---- */
/* EO_LIST_RANGED: the list when a range filter is set (struct filter's
 * range; NULL text for an entity without one). */
/* EO_GET_MANY: rows by a list of STORE_GET_MANY ids (?12 on; NULL for
 * the slots not used). */
enum ent_op {
	EO_INSERT, EO_GET, EO_UPDATE, EO_LIST, EO_LIST_RANGED, EO_EXISTS, EO_COUNT, EO_GET_LOCK, EO_GET_MANY,
	EO__COUNT
};

/* Parameters shared by reads: scope ?1..?11, then ?12 id/cursor, ?13 limit,
 * filters from ?14. */
#define P_SCOPE 11
#define P_ID 12
#define P_LIMIT 13
#define P_FILTER0 14

/* Build every entity's statements for both backends (once per process). */
void ent_sql_init(void);
/* Statement `op` of entity k in the SQL of s's backend. */
struct stmt *ent_stmt(const struct store *s, enum entity_id k, enum ent_op op);

/* ---- migrate.c ---- */
/* Apply the embedded migrations the database has not seen, on c. */
enum err store_migrate(struct store_conn *c, struct errinfo *ei);
/* The schema version of the newest embedded migration. */
int64_t store_schema_newest(void);

#endif
