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
	const char *sql = fmt("SELECT %s FROM %s ORDER BY 1", cols, table);
	sqlite3_stmt *st = NULL;
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
			const char *idn = people ? jstr(json_array_get(people, 0), "id_number") : NULL;
			CHECKM(idn != NULL && strlen(idn) == 18 && strchr(idn, '*') == NULL,
				"the org admin should read a decrypted ID number, got %s", idn ? idn : "(none)");
			/* new rows get fresh ids after the copied ones */
			long long id = MK_PERSON(&moved, tok, "After the move", NULL, NULL, 0);
			CHECKM(id > (long long)json_array_size(people), "new person got id %lld", id);
		}
		srv_stop(&moved, SIGTERM);
	}
	pg_drop_db(name);
}
