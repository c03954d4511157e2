/* backup.c - `liandong backup` and `restore` for SQLite, with SQLite's
 * online backup API (sqlite3_backup_*).
 *
 * Backup: a connection of its own opens one read transaction on the live
 * database (a snapshot of every commit made before it), and copies the pages
 * from that snapshot in steps into a temp file beside the target, which is
 * then synced and renamed over it (files.c). Because the snapshot stays open
 * across the steps, a server writing meanwhile never restarts the copy, and
 * in WAL mode (every Liandong database is) a reader never blocks a writer:
 * the server keeps committing while the copy runs; only its checkpoints stop
 * short of the snapshot until the copy ends.
 *
 * Restore: the backup file is opened read-only and immutable (it leaves no
 * -wal or -shm beside it; plainly read-only if it has a WAL), checked (a SQLite database, Liandong's
 * schema_migrations, a schema this binary knows, PRAGMA quick_check), copied
 * into a temp file beside the target, and renamed over it. An existing
 * target is replaced only with --force, and never while a server has it
 * open: restore takes the database's exclusive lock in exclusive locking
 * mode, which fails while any other connection holds it, even an idle one
 * (a WAL connection keeps a shared lock from its first read to its close);
 * holding that lock it retires the old WAL, so no stale WAL frame can be
 * applied to the new file, and renames. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "store/backend.h"

#define STEP_PAGES 256	/* 1 MiB of 4 KiB pages per step */

static enum err fail(struct errinfo *ei, sqlite3 *db, const char *what, const char *path)
{
	return err_setf(ei, ERR_UNAVAILABLE, NULL, "%s %s: %s", what, path,
			db ? sqlite3_errmsg(db) : "out of memory");
}

/* Copy every page of src's main database into dst, STEP_PAGES at a time. */
static enum err copy_pages(sqlite3 *dst, sqlite3 *src, const char *to, struct errinfo *ei)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return fail(ei, dst, "cannot start copying into", to);
	int rc;
	while ((rc = sqlite3_backup_step(b, STEP_PAGES)) == SQLITE_OK || rc == SQLITE_BUSY ||
	       rc == SQLITE_LOCKED)
		if (rc != SQLITE_OK)
			sqlite3_sleep(5);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot copy into %s: %s", to, sqlite3_errstr(rc));
	return ERR_OK;
}

/* Open a fresh temp file beside `path` to copy into; NULL with *ei set. */
static sqlite3 *open_temp(const char *path, char **tmp, struct errinfo *ei)
{
	sqlite3 *db = NULL;
	if (!(*tmp = file_temp_beside(path, ei)))
		return NULL;
	/* no journal: a failed copy is discarded whole, and file_commit syncs */
	if (sqlite3_open_v2(*tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK) {
		fail(ei, db, "cannot open", *tmp);
		sqlite3_close(db);
		file_discard(*tmp);
		*tmp = NULL;
		return NULL;
	}
	return db;
}

/* Copy src into a temp file beside `to` and rename it over `to`. */
static enum err copy_to(sqlite3 *src, const char *to, struct errinfo *ei)
{
	char *tmp = NULL;
	sqlite3 *dst = open_temp(to, &tmp, ei);
	if (!dst)
		return ei->code;
	enum err e = copy_pages(dst, src, to, ei);
	if (sqlite3_close(dst) != SQLITE_OK && !e)
		e = err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot close %s", tmp);
	if (e) {
		file_discard(tmp);
		return e;
	}
	return file_commit(tmp, to, ei);
}

enum err sq_backup(const char *uri, const char *to, struct errinfo *ei)
{
	sqlite3 *src = NULL;
	if (access(uri, F_OK) != 0)
		return err_setf(ei, ERR_NOT_FOUND, NULL, "no database at %s", uri);
	if (sqlite3_open_v2(uri, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		enum err e = fail(ei, src, "cannot open", uri);
		sqlite3_close(src);
		return e;
	}
	sqlite3_busy_timeout(src, 10000);
	/* The snapshot: a read transaction held until the last page is copied. */
	enum err e = ERR_OK;
	if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
		e = fail(ei, src, "cannot read", uri);
	else
		e = copy_to(src, to, ei);
	sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(src);
	return e;
}

/* "file:PATH?immutable=1" with PATH's %, ? and # escaped (malloc); PATH
 * itself when a WAL lies beside it (a database file given as the backup:
 * its last commits may be only in the WAL, which immutable would ignore). */
static char *source_uri(const char *path)
{
	size_t wn = strlen(path) + 5;
	char *wal = xmalloc(wn);
	snprintf(wal, wn, "%s-wal", path);
	int has_wal = access(wal, F_OK) == 0;
	free(wal);
	if (has_wal)
		return xstrdup(path);
	size_t n = strlen(path) * 3 + 32, o = 0;
	char *u = xmalloc(n);
	o += (size_t)snprintf(u, n, "file:");
	for (const char *p = path; *p; p++)
		o += (size_t)(strchr("%?#", *p) ? snprintf(u + o, n - o, "%%%02X", (unsigned char)*p)
						 : snprintf(u + o, n - o, "%c", *p));
	snprintf(u + o, n - o, "?immutable=1");
	return u;
}

static int64_t one_int(sqlite3 *db, const char *sql, int *rc)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if ((*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) == SQLITE_OK) {
		if ((*rc = sqlite3_step(st)) == SQLITE_ROW)
			v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
		*rc = *rc == SQLITE_ROW ? SQLITE_OK : *rc;
	}
	sqlite3_finalize(st);
	return v;
}

/* Whether `from` is a sound Liandong backup this binary can serve. */
static enum err check_backup(sqlite3 *db, const char *from, int64_t newest, struct errinfo *ei)
{
	int rc;
	int64_t v = one_int(db, "SELECT MAX(version) FROM schema_migrations", &rc);
	if (rc == SQLITE_NOTADB)
		return err_setf(ei, ERR_INVALID, NULL, "%s is not a SQLite database", from);
	if (rc != SQLITE_OK || v < 1)
		return err_setf(ei, ERR_INVALID, NULL, "%s is not a Liandong database (no schema_migrations)", from);
	if (v > newest)
		return err_setf(ei, ERR_INVALID, NULL,
				"%s has schema version %lld, newer than this binary's %lld: restore it with a newer liandong",
				from, (long long)v, (long long)newest);
	sqlite3_stmt *st = NULL;
	const char *res = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		res = (const char *)sqlite3_column_text(st, 0);
	enum err e = res && strcmp(res, "ok") == 0
		? ERR_OK
		: err_setf(ei, ERR_INVALID, NULL, "%s is damaged: %s", from, res ? res : sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return e;
}

/* Take the exclusive lock of the existing database at uri and keep it
 * (exclusive locking mode); retire its WAL. ERR_CONFLICT if it is live. */
static enum err claim(const char *uri, sqlite3 **out, struct errinfo *ei)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		enum err e = fail(ei, db, "cannot open", uri);
		sqlite3_close(db);
		return e;
	}
	sqlite3_busy_timeout(db, 500);
	int rc = sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT", NULL, NULL, NULL);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		sqlite3_close(db);
		return err_setf(ei, ERR_CONFLICT, NULL,
				"%s is live: a liandong server (or another program) has it open; stop it first,"
				" --force does not replace a database in use",
				uri);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_NOTADB) {
		enum err e = fail(ei, db, "cannot lock", uri);
		sqlite3_close(db);
		return e;
	}
	/* not a database (--force replaces it) or locked: either way no one's */
	size_t n = strlen(uri) + 5;
	char *shm = xmalloc(n);
	snprintf(shm, n, "%s-shm", uri);
	unlink(shm);
	free(shm);
	*out = db;
	return ERR_OK;
}

enum err sq_restore(const char *from, const char *uri, int force, int64_t newest, struct errinfo *ei)
{
	int exists = access(uri, F_OK) == 0;
	if (exists && !force)
		return err_setf(ei, ERR_CONFLICT, NULL,
				"a database already exists at %s; stop its server and add --force to replace it", uri);
	if (access(from, R_OK) != 0)
		return err_setf(ei, ERR_NOT_FOUND, NULL, "cannot read %s: %s", from, strerror(errno));
	char *u = source_uri(from);
	sqlite3 *src = NULL, *old = NULL;
	enum err e = ERR_OK;
	if (sqlite3_open_v2(u, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
		e = fail(ei, src, "cannot open", from);
	else if (!(e = check_backup(src, from, newest, ei)) && (!exists || !(e = claim(uri, &old, ei))))
		e = copy_to(src, uri, ei);
	sqlite3_close(old); /* after the rename: the lock covered it */
	sqlite3_close(src);
	free(u);
	return e;
}
