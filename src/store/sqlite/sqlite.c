/* sqlite.c - the SQLite backend: the only file that includes sqlite3.h.
 *
 * One sqlite3 handle per pooled connection, used by one thread at a time.
 * WAL journal, foreign keys on, a busy timeout so writers queue instead of
 * failing. Statements are prepared once per connection and cached by slot
 * (backend.h).
 *
 * Group commit: connections commit with synchronous=NORMAL (the commit is
 * written to the WAL, not synced), then sq_durable() syncs the WAL once for
 * every commit finished so far: one thread calls fdatasync while the others
 * wait, so a burst of writers shares one sync. Nothing is acknowledged before
 * it is on disk; a process crash loses nothing (the page cache survives it)
 * and a power cut loses only writes not yet acknowledged. SQLite itself
 * syncs the WAL before every checkpoint in this mode. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "core/log.h"
#include "store/backend.h"

/* What the connections of one database file share: the WAL's sync state. */
struct sq_shared {
	struct sq_shared *next;
	char *path;
	int refs;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int wal_fd;			/* opened at the first sync */
	uint64_t committed, synced;	/* commit tickets issued and made durable */
	int syncing;
};

static pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;
static struct sq_shared *shared_list;

/* The transaction statements every request runs, prepared once per
 * connection rather than parsed at each sqlite3_exec. */
static const char *const tx_sql[] = {"BEGIN", "COMMIT", "ROLLBACK", "BEGIN IMMEDIATE"};
#define NTX (sizeof tx_sql / sizeof *tx_sql)

struct sq {
	sqlite3 *db;
	sqlite3_stmt **stmts;
	int nstmts;
	sqlite3_stmt *tx[NTX];
	struct sq_shared *shared;
};

/* Before the first connection: no memory statistics (each of SQLite's
 * allocations would take a process-wide mutex to count itself; nothing
 * here reads them). Too late, if something opened SQLite before: then it
 * stays on, which only costs time. */
static void sq_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static struct sq_shared *shared_get(const char *path)
{
	pthread_mutex_lock(&shared_mu);
	struct sq_shared *s = shared_list;
	while (s && strcmp(s->path, path) != 0)
		s = s->next;
	if (!s) {
		s = xcalloc(1, sizeof *s);
		s->path = xstrdup(path);
		s->wal_fd = -1;
		pthread_mutex_init(&s->mu, NULL);
		pthread_cond_init(&s->cv, NULL);
		s->next = shared_list;
		shared_list = s;
	}
	s->refs++;
	pthread_mutex_unlock(&shared_mu);
	return s;
}

static void shared_put(struct sq_shared *s)
{
	pthread_mutex_lock(&shared_mu);
	if (--s->refs == 0) {
		struct sq_shared **pp = &shared_list;
		while (*pp != s)
			pp = &(*pp)->next;
		*pp = s->next;
		if (s->wal_fd >= 0)
			close(s->wal_fd);
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		free(s->path);
		free(s);
	}
	pthread_mutex_unlock(&shared_mu);
}

/* fdatasync the WAL (flushes the file's data whichever descriptor wrote it). */
static int wal_sync(struct sq_shared *s)
{
	if (s->wal_fd < 0) {
		size_t n = strlen(s->path) + 5;
		char *wal = xmalloc(n);
		snprintf(wal, n, "%s-wal", s->path);
		s->wal_fd = open(wal, O_RDWR | O_CLOEXEC);
		free(wal);
		if (s->wal_fd < 0)
			return -1;
	}
	int rc;
	while ((rc = fdatasync(s->wal_fd)) < 0 && errno == EINTR)
		;
	return rc;
}

/* The one place SQLite result codes become enum err. */
static enum err map_err(sqlite3 *db, int rc, struct errinfo *ei)
{
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: {
		/* "UNIQUE constraint failed: people.id_number_hash[, ...]" */
		const char *col = strrchr(msg, ':');
		char field[64] = "";
		if (col) {
			const char *dot = strchr(col, '.');
			const char *p = dot ? dot + 1 : col + 2;
			size_t n = strcspn(p, ", ");
			if (n >= sizeof field)
				n = sizeof field - 1;
			memcpy(field, p, n);
			field[n] = 0;
		}
		return err_set(ei, ERR_DUPLICATE, field, NULL);
	}
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return err_set(ei, ERR_INVALID, NULL, "a referenced record does not exist");
	default:
		break;
	}
	/* the primary code: the extended ones (SQLITE_IOERR_WRITE...) too */
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return err_set(ei, ERR_UNAVAILABLE, NULL, DISK_FULL_MESSAGE);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
		return err_setf(ei, ERR_UNAVAILABLE, NULL, "database unavailable: %s", msg);
	default:
		log_error("sqlite error %d: %s", rc, msg);
		return err_setf(ei, ERR_INTERNAL, NULL, "database error");
	}
}

static void *sq_connect(const char *uri, int create, struct errinfo *ei)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_config);
	struct sq *q = xcalloc(1, sizeof *q);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(uri, &q->db, flags, NULL);
	if (rc != SQLITE_OK) {
		err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot open %s: %s", uri,
			 q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
		sqlite3_close(q->db);
		free(q);
		return NULL;
	}
	sqlite3_extended_result_codes(q->db, 1);
	q->shared = shared_get(uri);
	sqlite3_busy_timeout(q->db, 10000);
	static const char *const pragmas[] = {
		"PRAGMA journal_mode = WAL",
		"PRAGMA synchronous = NORMAL", /* synced by sq_durable: group commit */
		"PRAGMA foreign_keys = ON",
		"PRAGMA temp_store = MEMORY",
	};
	for (size_t i = 0; i < sizeof pragmas / sizeof *pragmas; i++) {
		rc = sqlite3_exec(q->db, pragmas[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			map_err(q->db, rc, ei);
			sqlite3_close(q->db);
			shared_put(q->shared);
			free(q);
			return NULL;
		}
	}
	return q;
}

static void sq_disconnect(void *h)
{
	struct sq *q = h;
	for (int i = 0; i < q->nstmts; i++)
		sqlite3_finalize(q->stmts[i]);
	for (size_t i = 0; i < NTX; i++)
		sqlite3_finalize(q->tx[i]);
	free(q->stmts);
	sqlite3_close(q->db);
	shared_put(q->shared);
	free(q);
}

static enum err sq_durable(void *h)
{
	struct sq_shared *s = ((struct sq *)h)->shared;
	enum err e = ERR_OK;
	pthread_mutex_lock(&s->mu);
	uint64_t mine = ++s->committed;
	while (s->synced < mine && !e) {
		if (s->syncing) {
			pthread_cond_wait(&s->cv, &s->mu);
			continue;
		}
		/* lead: one sync for every commit finished so far */
		s->syncing = 1;
		uint64_t target = s->committed;
		pthread_mutex_unlock(&s->mu);
		int rc = wal_sync(s);
		pthread_mutex_lock(&s->mu);
		s->syncing = 0;
		if (rc == 0) {
			if (target > s->synced)
				s->synced = target;
		} else {
			log_error("cannot sync the WAL of %s: %s", s->path, strerror(errno));
			e = ERR_UNAVAILABLE;
		}
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	return e;
}

static enum err sq_exec(void *h, const char *sql, struct errinfo *ei)
{
	struct sq *q = h;
	/* SQLite has already rolled back after some errors (SQLITE_FULL) */
	if (strcmp(sql, "ROLLBACK") == 0 && sqlite3_get_autocommit(q->db))
		return ERR_OK;
	for (size_t i = 0; i < NTX; i++) {
		if (strcmp(sql, tx_sql[i]) != 0)
			continue;
		if (!q->tx[i] && sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->tx[i], NULL))
			break; /* then as any other text */
		int rc = sqlite3_step(q->tx[i]);
		enum err e = rc == SQLITE_DONE ? ERR_OK : map_err(q->db, sqlite3_extended_errcode(q->db), ei);
		sqlite3_reset(q->tx[i]);
		return e;
	}
	int rc = sqlite3_exec(q->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ERR_OK : map_err(q->db, sqlite3_extended_errcode(q->db), ei);
}

static sqlite3_stmt *stmt_for(struct sq *q, int slot, const char *sql, struct errinfo *ei)
{
	if (slot >= q->nstmts) {
		int n = slot + 32;
		sqlite3_stmt **s = xrealloc(q->stmts, sizeof *s * (size_t)n);
		memset(s + q->nstmts, 0, sizeof *s * (size_t)(n - q->nstmts));
		q->stmts = s;
		q->nstmts = n;
	}
	if (!q->stmts[slot]) {
		int rc = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->stmts[slot], NULL);
		if (rc != SQLITE_OK) {
			log_error("cannot prepare statement %d: %s: %s", slot, sqlite3_errmsg(q->db), sql);
			map_err(q->db, rc, ei);
			return NULL;
		}
	}
	return q->stmts[slot];
}

static enum err sq_run(void *h, int slot, const char *sql, const struct sval *p, int np, struct srows *out,
		       int maxrows, struct arena *a, struct errinfo *ei)
{
	struct sq *q = h;
	sqlite3_stmt *st = stmt_for(q, slot, sql, ei);
	if (!st)
		return ei ? ei->code : ERR_INTERNAL;
	for (int i = 0; i < np; i++) {
		switch (p[i].t) {
		case SV_NULL: sqlite3_bind_null(st, i + 1); break;
		case SV_INT: sqlite3_bind_int64(st, i + 1, p[i].i); break;
		case SV_REAL: sqlite3_bind_double(st, i + 1, p[i].r); break;
		case SV_TEXT: sqlite3_bind_text(st, i + 1, p[i].s, -1, SQLITE_STATIC); break;
		}
	}
	int ncols = sqlite3_column_count(st), cap = 0, rc;
	if (out)
		*out = (struct srows){.ncols = ncols};
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!out || out->nrows >= maxrows)
			continue;
		if (out->nrows == cap) {
			int ncap = cap ? cap * 2 : (maxrows < 16 ? maxrows : 16);
			struct sval *v = arena_alloc(a, sizeof *v * (size_t)ncap * (size_t)ncols);
			if (cap)
				memcpy(v, out->v, sizeof *v * (size_t)cap * (size_t)ncols);
			out->v = v;
			cap = ncap;
		}
		struct sval *row = out->v + (size_t)out->nrows * (size_t)ncols;
		for (int c = 0; c < ncols; c++) {
			switch (sqlite3_column_type(st, c)) {
			case SQLITE_NULL: row[c] = (struct sval){.t = SV_NULL}; break;
			case SQLITE_INTEGER: row[c] = (struct sval){.t = SV_INT, .i = sqlite3_column_int64(st, c)}; break;
			case SQLITE_FLOAT: row[c] = (struct sval){.t = SV_REAL, .r = sqlite3_column_double(st, c)}; break;
			default:
				row[c] = (struct sval){.t = SV_TEXT,
						       .s = arena_strndup(a, (const char *)sqlite3_column_text(st, c),
									  (size_t)sqlite3_column_bytes(st, c))};
			}
		}
		out->nrows++;
	}
	enum err e = rc == SQLITE_DONE ? ERR_OK : map_err(q->db, sqlite3_extended_errcode(q->db), ei);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return e;
}

const struct backend_ops sqlite_backend = {
	.kind = "sqlite",
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.exec = sq_exec,
	.run = sq_run,
	.pk_type = "INTEGER PRIMARY KEY",
	.collate_c = "",
	.begin_write = "BEGIN IMMEDIATE",
	.for_update = "", /* BEGIN IMMEDIATE already excludes other writers */
	.serialize_writes = 1,
	.read_snapshot = 1,
	.durable = sq_durable,
	.backup = sq_backup,
	.restore = sq_restore,
};
