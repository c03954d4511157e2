/* t_scaleout.c - growing beyond one process: `migrate-store` moves a SQLite
 * deployment into PostgreSQL with every row intact; two server processes
 * share one database with nothing lost or doubled; the server answers 503
 * while PostgreSQL is down and recovers by itself when it returns. */
#include "tests.h"

#include <libpq-fe.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- migrate-store ---- */

/* Equal as stored values: text equal, or both numbers of equal value. */
static bool same_value(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (strcmp(a, b) == 0)
		return true;
	char *ea, *eb;
	double x = strtod(a, &ea), y = strtod(b, &eb);
	return *a && *b && !*ea && !*eb && x == y;
}

/* Compare one table row by row; the SQLite side gives the column list. */
static void compare_table(sqlite3 *lite, PGconn *pg, const char *table, int64_t *rows)
{
	const char *cols = strcmp(table, "schema_migrations") == 0 ? "version, name" : "*";
	/* every column in the order, NULLs first on both sides: a table
	 * without a key (anonymous survey answers) has rows equal in their
	 * first column (the databases' text order is the same: PostgreSQL
	 * runs with the C.UTF-8 collation, code point order as SQLite's) */
	sqlite3_stmt *st = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(lite, fmt("SELECT %s FROM %s", cols, table), -1, &st, NULL) == SQLITE_OK)
		n = sqlite3_column_count(st);
	sqlite3_finalize(st);
	st = NULL;
	const char *order = "1 NULLS FIRST";
	for (int i = 2; i <= n; i++)
		order = fmt("%s, %d NULLS FIRST", order, i);
	const char *sql = fmt("SELECT %s FROM %s ORDER BY %s", cols, table, order);
	CHECKM(sqlite3_prepare_v2(lite, sql, -1, &st, NULL) == SQLITE_OK, "sqlite: %s", sqlite3_errmsg(lite));
	PGresult *r = PQexec(pg, sql);
	CHECKM(PQresultStatus(r) == PGRES_TUPLES_OK, "postgres: %s: %s", sql, PQerrorMessage(pg));
	if (st == NULL || PQresultStatus(r) != PGRES_TUPLES_OK) {
		sqlite3_finalize(st);
		PQclear(r);
		return;
	}
	int ncols = sqlite3_column_count(st), row = 0, bad = 0;
	CHECKM(ncols == PQnfields(r), "%s: %d columns in SQLite, %d in PostgreSQL", table, ncols, PQnfields(r));
	while (sqlite3_step(st) == SQLITE_ROW && bad < 3) {
		if (row >= PQntuples(r)) {
			row++;
			continue;
		}
		for (int c = 0; c < ncols && c < PQnfields(r); c++) {
			const char *b = PQgetisnull(r, row, c) ? NULL : PQgetvalue(r, row, c);
			/* SQLite renders doubles with 15 digits: compare a REAL by value */
			const char *a = sqlite3_column_type(st, c) == SQLITE_FLOAT
				? fmt("%.17g", sqlite3_column_double(st, c))
				: (const char *)sqlite3_column_text(st, c);
			if (!same_value(a, b)) {
				check_fail(__FILE__, __LINE__, NULL, "%s row %d column %s: SQLite %s, PostgreSQL %s",
					   table, row, sqlite3_column_name(st, c), a ? a : "NULL", b ? b : "NULL");
				bad++;
			}
		}
		row++;
	}
	CHECKM(row == PQntuples(r), "%s: %d rows in SQLite, %d in PostgreSQL", table, row, PQntuples(r));
	*rows = row;
	sqlite3_finalize(st);
	PQclear(r);
}

void t_migrate_store_copies_every_row(struct srv *s)
{
	const char *src = fmt("%s/src.db", s->dir);
	const char *init[] = {s->bin, "init", "--db", src, "--key-file", s->key, NULL};
	const char *add[] = {s->bin, "user", "add", "--db", src, "--key-file", s->key, "--username",
		"boss", "--role", "platform_admin", "--password-stdin", NULL};
	const char *demo[] = {s->bin, "demo", "--db", src, "--key-file", s->key, "--volunteers", "4", NULL};
	CHECK(run_tool(s, init, NULL) == 0);
	CHECK(run_tool(s, add, USER_PASS "\n") == 0);
	CHECK(run_tool(s, demo, NULL) == 0);
	if (test_failures())
		return;
	/* A supervisor with a larger id than its supervisee: the self-reference
	 * must survive the copy's ordering. */
	sqlite3 *lite = NULL;
	CHECK(sqlite3_open(src, &lite) == SQLITE_OK);
	CHECK(sqlite3_exec(lite, "UPDATE social_workers SET supervisor_id = (SELECT MAX(id) FROM social_workers)"
		" WHERE id = (SELECT MIN(id) FROM social_workers)", NULL, NULL, NULL) == SQLITE_OK);
	/* The holiday calendar as an admin edited it replaces the days the
	 * target's migration shipped (compared below with every table). */
	CHECK(sqlite3_exec(lite, "DELETE FROM calendar_days WHERE date = 20261010;"
		" UPDATE calendar_days SET name = '国庆节（改）' WHERE date = 20261001;"
		" INSERT INTO calendar_days (date, kind, name) VALUES (20301111, 'holiday', '测试')",
		NULL, NULL, NULL) == SQLITE_OK);
	/* A certificate with the records it counted (the demo issues none). */
	CHECK(sqlite3_exec(lite, "INSERT INTO certificates (volunteer_id, org_id, code, number, from_date, to_date,"
		" minutes, issued_at, holder_name, volunteer_no, issuer_name) SELECT volunteer_id, org_id,"
		" 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'ZYZM-2026-000001', '2025-01-01', '2026-12-31', minutes, 0, '王秀兰', '4201',"
		" '中山街道社工站' FROM service_records WHERE status = 'verified' ORDER BY id LIMIT 1;"
		" INSERT INTO certificate_records (certificate_id, record_id, org_name) SELECT c.id, r.id, '中山街道社工站'"
		" FROM certificates c,"
		" service_records r WHERE r.volunteer_id = c.volunteer_id AND r.status = 'verified'",
		NULL, NULL, NULL) == SQLITE_OK);

	char uri[sizeof s->db];
	const char *name = fmt("ldt_mig_%d", (int)getpid());
	if (!CHECK(pg_new_db(name, uri, sizeof uri))) {
		sqlite3_close(lite);
		return;
	}
	const char *mig[] = {s->bin, "migrate-store", "--from", src, "--to", uri, NULL};
	CHECKM(run_tool(s, mig, NULL) == 0, "migrate-store failed (see the server log)");
	CHECKM(run_tool(s, mig, NULL) != 0, "a second migrate-store into a full database must fail");

	PGconn *pg = PQconnectdb(uri);
	CHECKM(PQstatus(pg) == CONNECTION_OK, "cannot connect to %s", uri);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(lite, "SELECT name FROM sqlite_master WHERE type = 'table'"
		" AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &st, NULL);
	int tables = 0;
	int64_t total = 0;
	while (PQstatus(pg) == CONNECTION_OK && st != NULL && sqlite3_step(st) == SQLITE_ROW) {
		int64_t rows = 0;
		compare_table(lite, pg, (const char *)sqlite3_column_text(st, 0), &rows);
		tables++;
		total += rows;
	}
	sqlite3_finalize(st);
	printf("    %d tables, %lld rows compared\n", tables, (long long)total);
	CHECKM(tables >= 14, "only %d tables compared", tables);
	CHECKM(total > 500, "only %lld rows compared: did the demo load?", (long long)total);
	PQfinish(pg);
	sqlite3_close(lite);

	/* The moved deployment serves: same key, same accounts, readable PII. */
	struct srv moved = *s;
	moved.pid = 0;
	snprintf(moved.db, sizeof moved.db, "%s", uri);
	if (srv_start(&moved)) {
		const char *tok = LOGIN(&moved, "station", "liandong-demo");
		if (tok != NULL) {
			json_t *people = LIST_ALL(&moved, tok, "/api/v1/people");
			/* reads are masked for everyone; a reveal decrypts */
			long long first = people ? jint(json_array_get(people, 0), "id") : 0;
			struct resp *rv = http(&moved, "POST", fmt("/api/v1/people/%lld/reveal", first), tok,
					       "{\"fields\":[\"id_number\"],\"reason\":\"check after the move\"}");
			const char *idn = rv->status == 200 ? jstr(rv->json, "id_number") : NULL;
			CHECKM(idn != NULL && strlen(idn) == 18 && strchr(idn, '*') == NULL,
				"the org admin should reveal a decrypted ID number, got %s", idn ? idn : "(none)");
			/* new rows get fresh ids after the copied ones */
			long long id = MK_PERSON(&moved, tok, "After the move", NULL, NULL, 0);
			CHECKM(id > (long long)json_array_size(people), "new person got id %lld", id);
		}
		srv_stop(&moved, SIGTERM);
	}
	pg_drop_db(name);
}

/* ---- two server processes on one database ---- */

#define PAIR_THREADS 8
#define PAIR_ROUNDS 25

struct pair_load {
	struct srv *a, *b;
	const char *tok_a, *tok_b;	/* a session from each server, used on both */
	pthread_mutex_t lock;
	long long ids[PAIR_THREADS * PAIR_ROUNDS];
	int nids, bad;
	char why[300];
};

struct pair_worker {
	struct pair_load *ld;
	int index;
};

static void pair_bad(struct pair_load *ld, const char *what, struct resp *r)
{
	pthread_mutex_lock(&ld->lock);
	if (ld->bad++ == 0)
		snprintf(ld->why, sizeof ld->why, "%s: %ld %s", what, r->status, r->body ? r->body : "");
	pthread_mutex_unlock(&ld->lock);
}

/* Write on one process, read it back at once from the other, alternating. */
static void *pair_worker(void *arg)
{
	struct pair_worker *w = arg;
	struct pair_load *ld = w->ld;
	for (int i = 0; i < PAIR_ROUNDS; i++) {
		int n = w->index * PAIR_ROUNDS + i;
		struct srv *wr = n % 2 ? ld->a : ld->b, *rd = n % 2 ? ld->b : ld->a;
		const char *tok = n % 3 ? ld->tok_a : ld->tok_b;
		char idn[19], body[160];
		idnum_n(idn, 500000 + n);
		snprintf(body, sizeof body, "{\"name\":\"Pair %d\",\"id_number\":\"%s\"}", n, idn);
		struct resp *r = http_req(wr, &(struct req){.method = "POST", .path = "/api/v1/people",
			.token = tok, .body = body, .untracked = true});
		long long id = jint(r->json, "id");
		if (r->status != 201 || id <= 0) {
			pair_bad(ld, "create", r);
			resp_free(r);
			continue;
		}
		resp_free(r);
		pthread_mutex_lock(&ld->lock);
		ld->ids[ld->nids++] = id;
		pthread_mutex_unlock(&ld->lock);
		r = http_req(rd, &(struct req){.method = "GET", .path = fmt("/api/v1/people/%lld", id), .token = tok,
			.untracked = true});
		const char *name = jstr(r->json, "name");
		char want[32];
		snprintf(want, sizeof want, "Pair %d", n);
		if (r->status != 200 || name == NULL || strcmp(name, want) != 0)
			pair_bad(ld, "read on the other process", r);
		resp_free(r);
	}
	return NULL;
}

static bool has_id(json_t *items, long long id)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (jint(it, "id") == id)
			return true;
	return false;
}

void t_two_processes_share_one_database(struct srv *s)
{
	struct srv two = *s;
	two.pid = 0;
	if (!srv_start(&two))
		return;
	struct pair_load ld = {.a = s, .b = &two};
	pthread_mutex_init(&ld.lock, NULL);
	ld.tok_a = LOGIN(s, ADMIN_USER, ADMIN_PASS);
	ld.tok_b = LOGIN(&two, ADMIN_USER, ADMIN_PASS);
	if (ld.tok_a == NULL || ld.tok_b == NULL) {
		srv_stop(&two, SIGTERM);
		return;
	}
	pthread_t th[PAIR_THREADS];
	struct pair_worker wk[PAIR_THREADS];
	for (int i = 0; i < PAIR_THREADS; i++) {
		wk[i] = (struct pair_worker){&ld, i};
		pthread_create(&th[i], NULL, pair_worker, &wk[i]);
	}
	for (int i = 0; i < PAIR_THREADS; i++)
		pthread_join(th[i], NULL);
	CHECKM(ld.bad == 0, "%d failures; first: %s", ld.bad, ld.why);
	CHECKM(ld.nids == PAIR_THREADS * PAIR_ROUNDS, "%d of %d creates acknowledged", ld.nids,
		PAIR_THREADS * PAIR_ROUNDS);
	/* Both processes list the same people: every acknowledged one, once. */
	json_t *la = LIST_ALL(s, ld.tok_b, "/api/v1/people?q=Pair");
	json_t *lb = LIST_ALL(&two, ld.tok_a, "/api/v1/people?q=Pair");
	if (la != NULL && lb != NULL) {
		CHECKM(json_array_size(la) == (size_t)ld.nids, "process 1 lists %zu, %d acknowledged",
			json_array_size(la), ld.nids);
		CHECKM(json_array_size(lb) == (size_t)ld.nids, "process 2 lists %zu, %d acknowledged",
			json_array_size(lb), ld.nids);
		int missing = 0;
		for (int i = 0; i < ld.nids; i++)
			missing += !has_id(la, ld.ids[i]) || !has_id(lb, ld.ids[i]);
		CHECKM(missing == 0, "%d acknowledged people missing from a list", missing);
	}
	pthread_mutex_destroy(&ld.lock);
	srv_stop(&two, SIGTERM);
}

/* ---- PostgreSQL stops and comes back under a running server ---- */

static bool pg_ctl(const char *verb)
{
	const char *script = getenv("LD_TEST_PG_SCRIPT");
	if (!CHECKM(script != NULL, "LD_TEST_PG_SCRIPT is not set"))
		return false;
	const char *cmd = fmt("'%s' %s '%s' %s >/dev/null", script, verb, getenv("LD_TEST_PG_HOST"),
		strcmp(verb, "up") == 0 ? getenv("LD_TEST_PG_PORT") : "");
	return CHECKM(system(cmd) == 0, "%s failed", cmd);
}

void t_database_restart_gives_503_then_recovers(struct srv *s)
{
	EXPECT_STATUS(http(s, "GET", "/api/v1/people", s->admin, NULL), 200);
	/* a volunteer's hours: two reads in one round trip (pipeline mode) */
	long long region = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Team R", "volunteer_team", region, 0);
	char idn[19];
	idnum_n(idn, 700001);
	long long vol = MK(s, s->admin, "/api/v1/volunteers",
			   fmt("{\"person_id\":%lld,\"org_id\":%lld}", MK_PERSON(s, s->admin, "Restart Vol", idn, NULL, 0),
			       org));
	const char *hours = fmt("/api/v1/volunteers/%lld/hours", vol);
	EXPECT_STATUS(http(s, "GET", hours, s->admin, NULL), 200);
	if (!pg_ctl("stop"))
		return;
	double t0 = now_s();
	struct resp *r = http_req(s, &(struct req){.method = "GET", .path = "/api/v1/people", .token = s->admin,
		.timeout_ms = 10000});
	EXPECT_ERR(r, 503, "unavailable", NULL);
	EXPECT_ERR(http_req(s, &(struct req){.method = "GET", .path = hours, .token = s->admin, .timeout_ms = 10000}),
		   503, "unavailable", NULL);
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin, "{\"name\":\"While down\"}"), 503,
		"unavailable", NULL);
	CHECKM(now_s() - t0 < 8, "503 answers took %.1f s: the server should not hang", now_s() - t0);
	/* the server itself is still up and says so */
	EXPECT_STATUS(http(s, "GET", "/api/v1/health", NULL, NULL), 200);
	if (!pg_ctl("up"))
		return;
	EXPECT_STATUS(http(s, "GET", "/api/v1/people", s->admin, NULL), 200);
	long long id = MK_PERSON(s, s->admin, "After restart", NULL, NULL, 0);
	CHECKM(id > 0, "no create after the restart");
	json_t *l = LIST_ALL(s, s->admin, "/api/v1/people?q=While");
	CHECKM(l != NULL && json_array_size(l) == 0, "a write answered 503 must not be stored");
	CHECKM(LOGIN(s, ADMIN_USER, ADMIN_PASS) != NULL, "cannot sign in after the restart");
	/* restarted with no request in between: the connection the next read
	 * takes still looks fine to libpq and breaks mid-pipeline; the read
	 * reconnects and runs again instead of answering 503 */
	if (!pg_ctl("stop") || !pg_ctl("up"))
		return;
	EXPECT_STATUS(http(s, "GET", hours, s->admin, NULL), 200);
}
