/* pg.c - the PostgreSQL backend: the only file that includes libpq-fe.h.
 *
 * One PGconn per pooled connection, used by one thread at a time. Statements
 * are prepared once per connection under the name "s<slot>" (backend.h),
 * with "?N" placeholders rewritten to "$N"; values travel as text. A lost
 * connection is reset on the next use (prepared statements are then prepared
 * again), and while the server cannot be reached every call answers
 * ERR_UNAVAILABLE at once (503), so the server neither hangs nor crashes and
 * recovers by itself when the database comes back. Each session runs with a
 * statement timeout. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/backend.h"

/* Per session: a statement timeout, generic plans for our prepared
 * statements, and no JIT. Their scope and filter parameters are mostly NULL,
 * and custom planning on every call cost more than running them (bench:
 * single reads 2,750 -> 3,865/s, p99 46 -> 22 ms with generic plans). But a
 * generic plan is costed without its parameters, so on a city-sized table
 * it looks expensive (above jit_above_cost) and PostgreSQL compiled it with
 * LLVM on every execution: the people list took 190 ms, of which 0.3 ms ran
 * the query (load.sh: 12.8 req/s). Our statements are short OLTP reads that
 * JIT never pays for. */
#define PG_SESSION "SET statement_timeout = '15s'; SET plan_cache_mode = force_generic_plan; SET jit = off"

/* Type oids from pg_type.h (not installed with libpq-dev). */
#define BOOLOID 16
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700
#define TEXTOID 25

struct pg {
	PGconn *conn;
	unsigned char *prepared;	/* prepared[slot] */
	int nprepared;
	int in_tx;		/* inside BEGIN ... COMMIT/ROLLBACK */
	int stale;		/* talking to a server that is no longer the primary */
};

/* Whether res failed because the connection is gone: broken, or the server
 * said it was shutting down (57P01 and 57P02: after a restart libpq reads
 * that goodbye first and the connection can still look fine) or lost it
 * (class 08). */
static int lost(struct pg *g, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return PQstatus(g->conn) != CONNECTION_OK ||
	       (state && (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 || strcmp(state, "57P02") == 0));
}

/* The one place SQLSTATEs become enum err. */
static enum err map_res(struct pg *g, PGresult *res, struct errinfo *ei)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(g->conn);
	/* no SQLSTATE: libpq's own failure; 57P03: the server is starting */
	if (lost(g, res) || !state || strcmp(state, "57P03") == 0)
		return err_set(ei, ERR_UNAVAILABLE, NULL, "the database cannot be reached");
	if (strcmp(state, "23505") == 0) {
		/* detail: Key (id_number_hash)=(...) already exists. */
		const char *d = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
		char field[64] = "";
		const char *open = d ? strchr(d, '(') : NULL;
		if (open) {
			size_t n = strcspn(open + 1, ",)");
			if (n >= sizeof field)
				n = sizeof field - 1;
			memcpy(field, open + 1, n);
			field[n] = 0;
		}
		return err_set(ei, ERR_DUPLICATE, field, NULL);
	}
	if (strcmp(state, "25006") == 0) {
		/* read-only transaction: after a failover this connection reaches
		 * a standby; reconnect (to the new primary) on the next use */
		g->stale = 1;
		return err_set(ei, ERR_UNAVAILABLE, NULL, "the database is read-only (failover in progress?)");
	}
	if (strncmp(state, "53100", 5) == 0)	/* disk_full */
		return err_set(ei, ERR_UNAVAILABLE, NULL, DISK_FULL_MESSAGE);
	if (strcmp(state, "23503") == 0)
		return err_set(ei, ERR_INVALID, NULL, "a referenced record does not exist");
	if (strcmp(state, "57014") == 0 || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "53300") == 0)
		return err_setf(ei, ERR_UNAVAILABLE, NULL, "database busy (%s)", state);
	/* the primary message only: DETAIL may quote a row's values */
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	log_error("postgres error %s: %s", state, primary ? primary : msg);
	return err_set(ei, ERR_INTERNAL, NULL, "database error");
}

static PGconn *open_conn(const char *uri)
{
	/* connect_timeout first: a value in the URI overrides it. */
	const char *keys[] = {"connect_timeout", "dbname", "application_name", NULL};
	const char *vals[] = {"3", uri, "liandong", NULL};
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	if (c && PQstatus(c) == CONNECTION_OK) {
		PGresult *r = PQexec(c, PG_SESSION);
		PQclear(r);
		r = PQexec(c, "SET client_min_messages = warning");
		PQclear(r);
	}
	return c;
}

static void *pg_connect(const char *uri, int create, struct errinfo *ei)
{
	(void)create; /* the database itself is created by its administrator */
	struct pg *g = xcalloc(1, sizeof *g);
	g->conn = open_conn(uri);
	if (!g->conn || PQstatus(g->conn) != CONNECTION_OK) {
		err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot connect to PostgreSQL: %s",
			 g->conn ? PQerrorMessage(g->conn) : "out of memory");
		PQfinish(g->conn);
		free(g);
		return NULL;
	}
	return g;
}

static void pg_disconnect(void *h)
{
	struct pg *g = h;
	PQfinish(g->conn);
	free(g->prepared);
	free(g);
}

/* Reconnect a broken connection; 0 when usable. Never inside a transaction:
 * the caller's transaction is gone with the connection. */
static int ensure(struct pg *g)
{
	if (PQstatus(g->conn) == CONNECTION_OK && !g->stale)
		return 0;
	g->stale = 0;
	PQreset(g->conn);
	if (PQstatus(g->conn) != CONNECTION_OK)
		return -1;
	PGresult *r = PQexec(g->conn, PG_SESSION);
	PQclear(r);
	if (g->prepared)
		memset(g->prepared, 0, (size_t)g->nprepared);
	return 0;
}

/* A statement failed (result r) because the connection was gone: outside a
 * transaction it can simply be run again on a fresh connection. */
static int retryable(struct pg *g, const PGresult *r)
{
	if (g->in_tx || !lost(g, r))
		return 0;
	g->stale = 1; /* ensure resets it whatever libpq thinks */
	return ensure(g) == 0;
}

static enum err pg_exec(void *h, const char *sql, struct errinfo *ei)
{
	struct pg *g = h;
	int begin = strncmp(sql, "BEGIN", 5) == 0;
	if (begin) {
		if (ensure(g))
			return err_set(ei, ERR_UNAVAILABLE, NULL, "the database cannot be reached");
		g->in_tx = 0;
	}
	for (int attempt = 0;; attempt++) {
		PGresult *r = PQexec(g->conn, sql);
		ExecStatusType st = PQresultStatus(r);
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
			PQclear(r);
			/* "ROLLBACK TO SAVEPOINT" stays in the transaction */
			int ends = strncmp(sql, "COMMIT", 6) == 0 ||
				   (strncmp(sql, "ROLLBACK", 8) == 0 && strncmp(sql, "ROLLBACK TO", 11) != 0);
			g->in_tx = begin ? 1 : ends ? 0 : g->in_tx;
			return ERR_OK;
		}
		if (attempt == 0 && begin && retryable(g, r)) {
			PQclear(r);
			continue;
		}
		enum err e = map_res(g, r, ei);
		PQclear(r);
		if (!begin && strncmp(sql, "ROLLBACK", 8) == 0)
			g->in_tx = 0;
		return e;
	}
}

/* "?12" -> "$12" (the store writes no '?' anywhere else). */
static char *dollar(const char *sql)
{
	size_t n = strlen(sql);
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		out[i] = sql[i] == '?' ? '$' : sql[i];
	return out;
}

static Oid sval_oid(const struct sval *v)
{
	switch (v->t != SV_NULL ? v->t : v->decl) {
	case SV_INT: return INT8OID;
	case SV_REAL: return FLOAT8OID;
	case SV_TEXT: return TEXTOID;
	default: return 0;
	}
}

/* The most parameters one of our statements binds (store/emergency.c's
 * candidate check binds 66). */
#define PG_MAX_PARAMS 96

static enum err prepare(struct pg *g, int slot, const char *sql, const struct sval *p, int np, char *name,
			struct errinfo *ei)
{
	if (slot >= g->nprepared) {
		int n = slot + 32;
		unsigned char *grown = xrealloc(g->prepared, (size_t)n);
		memset(grown + g->nprepared, 0, (size_t)(n - g->nprepared));
		g->prepared = grown;
		g->nprepared = n;
	}
	if (g->prepared[slot])
		return ERR_OK;
	char *text = dollar(sql);
	Oid types[PG_MAX_PARAMS];
	if (np > PG_MAX_PARAMS)
		abort(); /* a statement of ours with too many parameters: a bug */
	for (int i = 0; i < np; i++)
		types[i] = sval_oid(&p[i]);
	PGresult *r = PQprepare(g->conn, name, text, np, types);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && retryable(g, r)) {
		/* the first use of this statement on a connection that was gone */
		PQclear(r);
		r = PQprepare(g->conn, name, text, np, types);
	}
	free(text);
	enum err e = ERR_OK;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		e = map_res(g, r, ei);
		if (e == ERR_INTERNAL)
			log_error("cannot prepare statement %d: %s", slot, sql);
	} else {
		g->prepared[slot] = 1;
	}
	PQclear(r);
	return e;
}

static struct sval to_sval(PGresult *r, int row, int col, struct arena *a)
{
	if (PQgetisnull(r, row, col))
		return (struct sval){.t = SV_NULL};
	const char *v = PQgetvalue(r, row, col);
	switch (PQftype(r, col)) {
	case BOOLOID: return (struct sval){.t = SV_INT, .i = v[0] == 't'};
	case INT2OID:
	case INT4OID:
	case INT8OID: return (struct sval){.t = SV_INT, .i = strtoll(v, NULL, 10)};
	case FLOAT4OID:
	case FLOAT8OID:
	case NUMERICOID: return (struct sval){.t = SV_REAL, .r = strtod(v, NULL)};
	default: return (struct sval){.t = SV_TEXT, .s = arena_strndup(a, v, (size_t)PQgetlength(r, row, col))};
	}
}

/* Parameters as text, the way PQexecPrepared takes them. */
static void bind_text(const struct sval *p, int np, const char **vals, char (*bufs)[32])
{
	if (np > PG_MAX_PARAMS)
		abort();
	for (int i = 0; i < np; i++) {
		switch (p[i].t) {
		case SV_NULL: vals[i] = NULL; break;
		case SV_INT: snprintf(bufs[i], 32, "%lld", (long long)p[i].i); vals[i] = bufs[i]; break;
		case SV_REAL: snprintf(bufs[i], 32, "%.17g", p[i].r); vals[i] = bufs[i]; break;
		case SV_TEXT: vals[i] = p[i].s; break;
		}
	}
}

/* At most maxrows rows of r into out (values in a); nothing when out is NULL. */
static void copy_rows(PGresult *r, struct srows *out, int maxrows, struct arena *a)
{
	if (!out)
		return;
	int nrows = PQntuples(r), ncols = PQnfields(r);
	if (nrows > maxrows)
		nrows = maxrows;
	*out = (struct srows){.nrows = nrows, .ncols = ncols};
	out->v = nrows ? arena_alloc(a, sizeof *out->v * (size_t)nrows * (size_t)ncols) : NULL;
	for (int i = 0; i < nrows; i++)
		for (int c = 0; c < ncols; c++)
			out->v[(size_t)i * (size_t)ncols + (size_t)c] = to_sval(r, i, c, a);
}

static enum err pg_run(void *h, int slot, const char *sql, const struct sval *p, int np, struct srows *out,
		       int maxrows, struct arena *a, struct errinfo *ei)
{
	struct pg *g = h;
	char name[16];
	snprintf(name, sizeof name, "s%d", slot);
	if ((PQstatus(g->conn) != CONNECTION_OK || g->stale) && (g->in_tx || ensure(g)))
		return err_set(ei, ERR_UNAVAILABLE, NULL, "the database cannot be reached");
	enum err e = prepare(g, slot, sql, p, np, name, ei);
	if (e)
		return e;

	const char *vals[PG_MAX_PARAMS];
	char bufs[PG_MAX_PARAMS][32];
	bind_text(p, np, vals, bufs);
	PGresult *r = PQexecPrepared(g->conn, name, np, vals, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && retryable(g, r)) {
		/* reconnected: prepare again and run once more */
		PQclear(r);
		if ((e = prepare(g, slot, sql, p, np, name, ei)))
			return e;
		r = PQexecPrepared(g->conn, name, np, vals, NULL, NULL, 0);
		st = PQresultStatus(r);
	}
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		e = map_res(g, r, ei);
		PQclear(r);
		return e;
	}
	copy_rows(r, out, maxrows, a);
	PQclear(r);
	return ERR_OK;
}

/* Reads in one round trip: libpq's pipeline mode sends every statement and
 * one Sync, then collects the answers in order. The statements are prepared
 * first (once per connection, as pg_run does). A broken connection, or one
 * that cannot enter pipeline mode, runs them one by one through pg_run,
 * which reconnects. */
static enum err pg_run_batch(void *h, const struct brun *q, int n, struct arena *a, struct errinfo *ei)
{
	struct pg *g = h;
	char name[16];
	enum err e = ERR_OK;
	if (PQstatus(g->conn) != CONNECTION_OK || g->stale)
		goto one_by_one;
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "s%d", q[i].slot);
		if ((e = prepare(g, q[i].slot, q[i].sql, q[i].p, q[i].np, name, ei)))
			return e;
	}
	for (int i = 0; i < n; i++)
		if (!g->prepared[q[i].slot]) /* a later one's prepare reconnected */
			goto one_by_one;
	if (!PQenterPipelineMode(g->conn))
		goto one_by_one;
	int sent = 0;
	for (; sent < n; sent++) {
		const char *vals[PG_MAX_PARAMS];
		char bufs[PG_MAX_PARAMS][32];
		bind_text(q[sent].p, q[sent].np, vals, bufs);
		snprintf(name, sizeof name, "s%d", q[sent].slot);
		if (!PQsendQueryPrepared(g->conn, name, q[sent].np, vals, NULL, NULL, 0))
			break;
	}
	if (sent < n || !PQpipelineSync(g->conn)) {
		/* could not send (the connection broke): leave the pipeline, or
		 * if part of it went out have the connection reset, and start
		 * over on the slow path */
		if (!PQexitPipelineMode(g->conn))
			g->stale = 1;
		goto one_by_one;
	}
	/* each statement's answer, then NULL; after the last, the Sync's */
	PGresult *r;
	int got = 0, gone = 0;
	for (int i = 0; i < n; i++) {
		while ((r = PQgetResult(g->conn))) {
			ExecStatusType st = PQresultStatus(r);
			if (!e && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)) {
				copy_rows(r, q[i].out, q[i].maxrows, a);
			} else if (!e) {
				gone = lost(g, r);
				e = map_res(g, r, ei);
			}
			got++;
			PQclear(r);
		}
		if (PQstatus(g->conn) != CONNECTION_OK)
			break;
	}
	while (PQstatus(g->conn) == CONNECTION_OK && (r = PQgetResult(g->conn))) {
		int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (sync)
			break;
	}
	if (!PQexitPipelineMode(g->conn))
		g->stale = 1; /* answers left over: the next use starts afresh */
	if ((gone || PQstatus(g->conn) != CONNECTION_OK) && !g->in_tx) {
		/* the connection was gone (the server restarted since its last
		 * use): reads outside a transaction run again on a new one */
		g->stale = 1;
		e = ERR_OK;
		goto one_by_one;
	}
	if (!e && got < n)
		e = err_set(ei, ERR_UNAVAILABLE, NULL, "the database cannot be reached");
	return e;

one_by_one:
	for (int i = 0; i < n && !e; i++)
		e = pg_run(g, q[i].slot, q[i].sql, q[i].p, q[i].np, q[i].out, q[i].maxrows, a, ei);
	return e;
}

const struct backend_ops pg_backend = {
	.kind = "postgres",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.exec = pg_exec,
	.run = pg_run,
	.run_batch = pg_run_batch,
	.pk_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.collate_c = " COLLATE \"C\"",
	.begin_write = "BEGIN",
	.for_update = " FOR UPDATE OF t",
	.backup = pg_backup,
	.restore = pg_restore_into,
	.reset_id = "SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM %s), false)",
};
