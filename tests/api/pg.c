/* pg.c - PostgreSQL mode of the API suite: a fresh database per test on the
 * server that scripts/run-tests.sh started (scripts/pg-server.sh). */
#include "harness.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pg_mode(void)
{
	return getenv("LD_TEST_PG_HOST") != NULL;
}

const char *expected_store(void)
{
	return pg_mode() ? "postgres" : "sqlite";
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static PGconn *admin_conn(void)
{
	char uri[700];
	snprintf(uri, sizeof uri, "postgresql:///postgres?host=%s&port=%s&user=postgres", getenv("LD_TEST_PG_HOST"),
		 getenv("LD_TEST_PG_PORT") ? getenv("LD_TEST_PG_PORT") : "5432");
	PGconn *c = PQconnectdb(uri);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "pg: cannot connect: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, quiet, NULL);
	return c;
}

static bool admin_exec(const char *sql)
{
	PGconn *c = admin_conn();
	if (!c)
		return false;
	PGresult *r = PQexec(c, sql);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "pg: %s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok;
}

bool pg_new_db(const char *name, char *uri, size_t n)
{
	char sql[200];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	admin_exec(sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	if (!admin_exec(sql))
		return false;
	snprintf(uri, n, "postgresql:///%s?host=%s&port=%s&user=postgres", name, getenv("LD_TEST_PG_HOST"),
		 getenv("LD_TEST_PG_PORT") ? getenv("LD_TEST_PG_PORT") : "5432");
	return true;
}

bool pg_create_db(struct srv *s, const char *name)
{
	if (!pg_new_db(name, s->db, sizeof s->db))
		return false;
	s->pg = true;
	return true;
}

void pg_drop_db(const char *name)
{
	char sql[200];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	admin_exec(sql);
}
