/* t_backup.c - `liandong backup` and `restore`, and `serve` on an empty
 * directory. A backup taken while eight clients keep creating people holds
 * every person acknowledged before it started, restores into a consistent
 * database a server can serve; restore refuses to replace an existing
 * database without --force and a live one even with it; `serve` with no
 * flags creates the database and key as `init` would. On both backends
 * (PostgreSQL through pg_dump -Fc / pg_restore). */
#include "tests.h"
#include "load.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000 * 1000};
	nanosleep(&ts, NULL);
}

/* A restore target beside s: a file in its directory, or a fresh empty
 * PostgreSQL database (dropped by the caller with pg_drop_db(name)). */
static bool restore_target(struct srv *s, const char *tag, char *db, size_t n, const char **pgname)
{
	*pgname = NULL;
	if (!s->pg) {
		snprintf(db, n, "%s/%s.db", s->dir, tag);
		return true;
	}
	*pgname = fmt("ldt_%s_%d", tag, (int)getpid());
	return CHECK(pg_new_db(*pgname, db, n));
}

static int run_backup(struct srv *s, const char *to)
{
	const char *argv[] = {s->bin, "backup", "--db", s->db, "--key-file", s->key, "--to", to, NULL};
	return run_tool(s, argv, NULL);
}

static int run_restore(struct srv *s, const char *from, const char *db, bool force)
{
	const char *argv[] = {s->bin, "restore", "--from", from, "--db", db, force ? "--force" : NULL, NULL};
	return run_tool(s, argv, NULL);
}

static void check_integrity(const char *db)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	const char *res = NULL;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		res = (const char *)sqlite3_column_text(st, 0);
	CHECKM(res && strcmp(res, "ok") == 0, "integrity_check of %s: %s", db, res ? res : sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

void t_backup_under_writes_restores_every_acknowledged_write(struct srv *s)
{
	struct load ld = {0};
	load_start(&ld, s);
	/* some writes acknowledged first, then the backup while they go on */
	while (now_s() - ld.t0 < 3 && atomic_load(&ld.attempts) < 200)
		sleep_ms(5);
	const char *file = fmt("%s/backup.ldb", s->dir);
	double start = now_s();
	int rc = run_backup(s, file);
	double end = now_s();
	sleep_ms(200);
	load_join(&ld);
	size_t before = 0, during = 0;
	for (size_t i = 0; i < ld.nacked; i++) {
		before += ld.acked[i].at < start;
		during += ld.acked[i].at >= start && ld.acked[i].at < end;
	}
	printf("    backup took %.2f s; %zu creates acknowledged before it, %zu while it ran, %zu in all\n",
	       end - start, before, during, ld.nacked);
	CHECKM(rc == 0, "`liandong backup` exited %d (see the server log)", rc);
	CHECKM(ld.other_status == 0, "a create answered %d: %s", ld.other_status, ld.other_body);
	CHECKM(before >= 20, "only %zu creates acknowledged before the backup", before);
	CHECKM(access(file, F_OK) == 0, "no backup at %s", file);
	if (test_failures())
		return;
	/* the output says where the key is, and that it must be kept */
	char *log = slurp(s->log, NULL);
	char *key = realpath(s->key, NULL);
	CHECKM(log && key && strstr(log, fmt("keep the key file %s too", key)),
	       "the backup's output does not name the key file %s", key ? key : s->key);
	free(key);

	struct srv r = *s;
	const char *pgname;
	if (!restore_target(s, "restored", r.db, sizeof r.db, &pgname))
		return;
	CHECKM(run_restore(s, file, r.db, false) == 0, "`liandong restore` into a new database failed");
	if (!s->pg)
		check_integrity(r.db);
	r.pid = 0;
	if (!test_failures() && srv_start(&r)) {
		const char *tok = LOGIN(&r, ADMIN_USER, ADMIN_PASS);
		size_t lost = tok ? load_missing(&r, tok, &ld, start) : before;
		CHECKM(lost == 0, "%zu of %zu people acknowledged before the backup are not in it", lost, before);
		long long n = tok ? COUNT(&r, "/api/v1/people") : -1;
		CHECKM(n >= (long long)before && n <= (long long)ld.nacked,
		       "%lld people restored; %zu acknowledged before the backup, %zu in all", n, before, ld.nacked);
		/* the restored copy takes writes */
		char idn[19];
		idnum_n(idn, LOAD_THREADS * LOAD_MAX_PER_THREAD + 7);
		if (tok)
			MK_PERSON(&r, tok, "After restore", idn, NULL, 0);
		srv_stop(&r, SIGTERM);
	}
	if (pgname)
		pg_drop_db(pgname);
}

void t_restore_refuses_existing_and_live_databases(struct srv *s)
{
	char idn[19];
	idnum_n(idn, 1);
	long long kept = MK_PERSON(s, s->admin, "Kept", idn, NULL, 0);
	const char *file = fmt("%s/b.ldb", s->dir);
	if (!CHECK(run_backup(s, file) == 0))
		return;
	/* the live database: refused, with --force too, and left serving */
	CHECKM(run_restore(s, file, s->db, false) != 0, "restore over the live database without --force succeeded");
	CHECKM(run_restore(s, file, s->db, true) != 0, "restore over the live database with --force succeeded");
	char *log = slurp(s->log, NULL);
	CHECKM(log && strstr(log, "live"), "the refusal does not say the database is live");
	idnum_n(idn, 2);
	MK_PERSON(s, s->admin, "Still serving", idn, NULL, 0);
	struct resp *r = http(s, "GET", fmt("/api/v1/people/%lld", kept), s->admin, NULL);
	EXPECT_STATUS(r, 200);

	/* not a backup: refused, and nothing made */
	char db[sizeof s->db];
	const char *pgname;
	if (!restore_target(s, "target", db, sizeof db, &pgname))
		return;
	CHECKM(run_restore(s, s->log, db, false) != 0, "a text file was restored");
	if (!s->pg)
		CHECKM(access(db, F_OK) != 0, "a refused restore left a file at %s", db);
	/* a database that exists (a file, or a PostgreSQL database with our
	 * tables) and is not live: only with --force */
	CHECKM(run_restore(s, file, db, false) == 0, "restore into a new database failed");
	CHECKM(run_restore(s, file, db, false) != 0, "restore over an existing database without --force succeeded");
	CHECKM(run_restore(s, file, db, true) == 0, "restore over a stopped database with --force failed");
	if (!s->pg)
		check_integrity(db);
	struct srv t = *s;
	snprintf(t.db, sizeof t.db, "%s", db);
	t.pid = 0;
	if (!test_failures() && srv_start(&t)) {
		const char *tok = LOGIN(&t, ADMIN_USER, ADMIN_PASS);
		r = http(&t, "GET", fmt("/api/v1/people/%lld", kept), tok, NULL);
		if (EXPECT_STATUS(r, 200))
			CHECK_STR(jstr(r->json, "name"), "Kept");
		CHECK_INT(COUNT(&t, "/api/v1/people"), 1);
		/* served now: live */
		CHECKM(run_restore(s, file, db, true) != 0, "restore over a served database with --force succeeded");
		srv_stop(&t, SIGTERM);
	}
	if (pgname)
		pg_drop_db(pgname);
}

void t_serve_on_empty_directory_creates_database_and_key(struct srv *s)
{
	struct srv e = *s;
	if (!CHECK(snprintf(e.dir, sizeof e.dir, "%s/fresh", s->dir) < (int)sizeof e.dir))
		return;
	snprintf(e.db, sizeof e.db, "%s/liandong.db", e.dir);
	snprintf(e.key, sizeof e.key, "%s/liandong.db.key", e.dir);
	snprintf(e.log, sizeof e.log, "%s/fresh.log", s->dir);
	e.pid = 0;
	if (!CHECK(mkdir(e.dir, 0700) == 0) || !srv_start_bare(&e))
		return;
	struct resp *r = http(&e, "GET", "/api/v1/health", NULL, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "store"), "sqlite");
	struct stat st;
	CHECKM(stat(e.db, &st) == 0, "no database at %s", e.db);
	CHECKM(stat(e.key, &st) == 0 && (st.st_mode & 0077) == 0, "no private key file at %s", e.key);
	char *log = slurp(e.log, NULL);
	CHECKM(log && strstr(log, fmt("serving on http://127.0.0.1:%d/", e.port)), "serve does not print its URL");
	srv_stop(&e, SIGTERM);
	size_t keylen = 0;
	char *key = slurp(e.key, &keylen);
	/* again: the same database and key, as they are */
	if (srv_start_bare(&e))
		srv_stop(&e, SIGTERM);
	char *again = slurp(e.key, NULL);
	CHECKM(key && again && memcmp(key, again, keylen) == 0, "a second serve changed the key file");
	/* init on the existing database still works */
	const char *init[] = {e.bin, "init", NULL};
	CHECKM(run_tool(&e, init, NULL) == 0, "`liandong init` on an existing database failed");
	/* a database without its key is never given a new one */
	CHECK(unlink(e.key) == 0);
	const char *serve[] = {e.bin, "serve", "--listen", "127.0.0.1:1", NULL};
	CHECKM(run_tool(&e, serve, NULL) != 0, "serve started on a database whose key is gone");
	CHECKM(access(e.key, F_OK) != 0, "serve made a new key for an existing database");
}
