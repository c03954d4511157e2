/* store.c - opening a store and lending its connections: the backend chosen
 * from the URI, a fixed pool of connections (the first one migrates the
 * schema), and transactions, with the writers of one process queued on a
 * mutex where the backend wants it and a commit made durable after the next
 * writer may start. The SQL itself is in the other files of store/ (see
 * store_int.h). */
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/stats_store.h"
#include "store/store_int.h"

int store_is_postgres(const char *uri)
{
	return strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0;
}

enum err store_open(const char *uri, int nconns, int create, struct store **out, struct errinfo *ei)
{
	ent_sql_init();
	struct store *s = xcalloc(1, sizeof *s);
	s->ops = store_is_postgres(uri) ? &pg_backend : &sqlite_backend;
	s->uri = xstrdup(uri);
	s->nconns = nconns < 1 ? 1 : nconns;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	pthread_mutex_init(&s->write_mu, NULL);
	s->all = xcalloc((size_t)s->nconns, sizeof *s->all);
	s->free = xcalloc((size_t)s->nconns, sizeof *s->free);
	for (int i = 0; i < s->nconns; i++) {
		s->all[i].s = s;
		s->all[i].db = s->ops->connect(uri, create && i == 0, ei);
		if (!s->all[i].db) {
			store_close(s);
			return ei ? ei->code : ERR_UNAVAILABLE;
		}
		if (i == 0) {
			enum err e = store_migrate(&s->all[0], ei);
			if (e) {
				store_close(s);
				return e;
			}
		}
		s->free[s->nfree++] = &s->all[i];
	}
	if (s->ops->serialize_writes && !(s->writer = s->ops->connect(uri, 0, ei))) {
		store_close(s);
		return ei ? ei->code : ERR_UNAVAILABLE;
	}
	*out = s;
	return ERR_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nconns; i++)
		if (s->all[i].db)
			s->ops->disconnect(s->all[i].db);
	if (s->writer)
		s->ops->disconnect(s->writer);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->write_mu);
	free(s->all);
	free(s->free);
	free(s->uri);
	free(s);
}

const char *store_kind(const struct store *s)
{
	return s->ops->kind;
}

struct store_conn *store_acquire(struct store *s)
{
	pthread_mutex_lock(&s->mu);
	s->nwait++;
	while (s->nfree == 0)
		pthread_cond_wait(&s->cv, &s->mu);
	s->nwait--;
	struct store_conn *c = s->free[--s->nfree];
	pthread_mutex_unlock(&s->mu);
	return c;
}

void store_pool_stats(struct store *s, int *size, int *in_use, int *waiting)
{
	pthread_mutex_lock(&s->mu);
	*size = s->nconns;
	*in_use = s->nconns - s->nfree;
	*waiting = s->nwait;
	pthread_mutex_unlock(&s->mu);
}

void store_read_begin(struct store_conn *c)
{
	c->read_wanted = c->s->ops->read_snapshot;
}

void store_read_close(struct store_conn *c)
{
	if (c->read_open) {
		/* a read transaction: its COMMIT only lets go of the snapshot */
		c->s->ops->exec(c->db, "COMMIT", NULL);
		c->read_open = 0;
	}
}

void store_read_end(struct store_conn *c)
{
	store_read_close(c);
	c->read_wanted = 0;
}

void store_release(struct store_conn *c)
{
	store_read_end(c);
	struct store *s = c->s;
	pthread_mutex_lock(&s->mu);
	s->free[s->nfree++] = c;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static void write_unlock(struct store_conn *c)
{
	if (c->writing) {
		if (c->own_db) { /* the writer's handle goes back first */
			c->db = c->own_db;
			c->own_db = NULL;
		}
		c->writing = 0;
		pthread_mutex_unlock(&c->s->write_mu);
	}
}

enum err store_begin(struct store_conn *c, int write)
{
	if (c->bulk)
		return c->s->ops->exec(c->db, "SAVEPOINT ld_bulk", NULL);
	store_read_close(c); /* a transaction of its own, from a fresh snapshot */
	if (write && c->s->ops->serialize_writes) {
		pthread_mutex_lock(&c->s->write_mu);
		c->writing = 1;
		if (c->s->writer) {
			c->own_db = c->db;
			c->db = c->s->writer;
		}
	}
	enum err e = c->s->ops->exec(c->db, write ? c->s->ops->begin_write : "BEGIN", NULL);
	if (e)
		write_unlock(c);
	else
		c->in_tx = 1;
	return e;
}

void store_auth_changed(struct store_conn *c)
{
	if (c->in_tx)
		c->auth_dirty = 1;
	else
		atomic_fetch_add(&c->s->auth_gen, 1);
}

uint64_t store_auth_generation(struct store *s)
{
	return atomic_load(&s->auth_gen);
}

/* The transaction is over: a committed write to the session tables moves
 * auth_gen on (after the commit, so a session read before it is stale). */
static void tx_over(struct store_conn *c, int committed)
{
	if (committed && c->auth_dirty)
		atomic_fetch_add(&c->s->auth_gen, 1);
	c->auth_dirty = 0;
	c->in_tx = 0;
}

enum err store_commit(struct store_conn *c)
{
	return store_commit_ei(c, NULL);
}

enum err store_commit_ei(struct store_conn *c, struct errinfo *ei)
{
	if (c->bulk)
		return c->s->ops->exec(c->db, "RELEASE SAVEPOINT ld_bulk", ei);
	enum err e = c->s->ops->exec(c->db, "COMMIT", ei);
	if (e)
		return e;
	tx_over(c, 1);
	int was_writing = c->writing;
	write_unlock(c); /* the next writer commits while this one syncs */
	if (was_writing && c->s->ops->durable && (e = c->s->ops->durable(c->db)))
		err_set(ei, e, NULL, "the write could not be made durable (see the server log)");
	return e;
}

void store_rollback(struct store_conn *c)
{
	if (c->bulk) {
		c->s->ops->exec(c->db, "ROLLBACK TO SAVEPOINT ld_bulk", NULL);
		c->s->ops->exec(c->db, "RELEASE SAVEPOINT ld_bulk", NULL);
		return;
	}
	c->s->ops->exec(c->db, "ROLLBACK", NULL);
	tx_over(c, 0);
	write_unlock(c);
}

enum err store_bulk_begin(struct store_conn *c, struct errinfo *ei)
{
	enum err e = store_begin(c, 1);
	if (!e && (e = store_rollups_pause(c)))
		store_rollback(c);
	if (e)
		return err_set(ei, e, NULL, "cannot begin the bulk load's transaction");
	c->bulk = 1;
	return ERR_OK;
}

enum err store_bulk_end(struct store_conn *c, int ok, struct errinfo *ei)
{
	c->bulk = 0;
	if (!ok) {
		store_rollback(c);
		return ERR_OK;
	}
	/* the rollups paused by store_bulk_begin, built whole from the load
	 * (unless the load built them already) */
	enum err e = store_rollups_rebuild(c);
	if (e) {
		store_rollback(c);
		return err_set(ei, e, NULL, "cannot build the statistics' rollups");
	}
	return store_commit_ei(c, ei);
}

enum err store_bulk_memory(struct store_conn *c, int mib, struct errinfo *ei)
{
	char sql[64];
	if (strcmp(c->s->ops->kind, "sqlite") != 0)
		return ERR_OK;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", mib * 1024);
	return c->s->ops->exec(c->db, sql, ei);
}

enum err store_savepoint(struct store_conn *c)
{
	return c->s->ops->exec(c->db, "SAVEPOINT ld_row", NULL);
}

enum err store_savepoint_release(struct store_conn *c)
{
	return c->s->ops->exec(c->db, "RELEASE SAVEPOINT ld_row", NULL);
}

enum err store_savepoint_rollback(struct store_conn *c)
{
	return c->s->ops->exec(c->db, "ROLLBACK TO SAVEPOINT ld_row", NULL);
}
