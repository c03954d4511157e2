/* dump.c - `liandong backup` and `restore` for PostgreSQL, by PostgreSQL's
 * own tools: pg_dump -Fc (a consistent snapshot taken while the servers keep
 * writing) into a temp file beside the target, synced and renamed over it
 * (files.c); pg_restore into an empty database, in one transaction. The
 * tools come with postgresql-client (found on PATH, else in
 * /usr/lib/postgresql/VERSION/bin, the newest first); without them the
 * commands say so. For continuous archiving and point-in-time recovery
 * pgBackRest is the tool (docs/OPERATIONS.md).
 *
 * Restore checks first that the file is a pg_dump archive holding
 * Liandong's schema_migrations at a version this binary knows (read with
 * `pg_restore --data-only --table=schema_migrations --file=-`), that the
 * target holds no tables (else --force, which lets pg_restore drop and
 * recreate ours), and that no other session is connected to it (live:
 * refused even with --force). */
#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/files.h"
#include "store/backend.h"

extern char **environ;

/* The path of PostgreSQL client tool `name` (malloc), or NULL. */
static char *find_tool(const char *name)
{
	const char *path = getenv("PATH");
	char buf[4096];
	for (const char *p = path ? path : ""; *p;) {
		size_t n = strcspn(p, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, name);
		if (n && access(buf, X_OK) == 0)
			return xstrdup(buf);
		p += n + (p[n] == ':');
	}
	/* Debian keeps the versioned tools here; take the highest version */
	DIR *d = opendir("/usr/lib/postgresql");
	long best = -1;
	if (d) {
		struct dirent *de;
		while ((de = readdir(d))) {
			char *end;
			long v = strtol(de->d_name, &end, 10);
			snprintf(buf, sizeof buf, "/usr/lib/postgresql/%s/bin/%s", de->d_name, name);
			if (end != de->d_name && !*end && v > best && access(buf, X_OK) == 0)
				best = v;
		}
		closedir(d);
	}
	if (best < 0)
		return NULL;
	snprintf(buf, sizeof buf, "/usr/lib/postgresql/%ld/bin/%s", best, name);
	return xstrdup(buf);
}

static enum err no_tool(const char *name, struct errinfo *ei)
{
	return err_setf(ei, ERR_UNAVAILABLE, NULL,
			"%s is not installed: install postgresql-client (apt install postgresql-client), or back up"
			" PostgreSQL with pg_dump/pg_restore or pgBackRest directly",
			name);
}

/* Run argv (argv[0] a path) to completion; its stdout into *out (malloc,
 * NUL-terminated) when out is not NULL, else inherited. Exit status, or -1. */
static int run(char *const argv[], char **out)
{
	int pfd[2] = {-1, -1};
	if (out && pipe(pfd) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (out) {
		posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
		posix_spawn_file_actions_addclose(&fa, pfd[0]);
		posix_spawn_file_actions_addclose(&fa, pfd[1]);
	}
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (out) {
		close(pfd[1]);
		size_t len = 0, cap = 4096;
		char *b = xmalloc(cap);
		ssize_t got;
		while (rc == 0 && (got = read(pfd[0], b + len, cap - len - 1)) != 0) {
			if (got < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			len += (size_t)got;
			if (cap - len < 2)
				b = xrealloc(b, cap *= 2);
		}
		b[len] = 0;
		close(pfd[0]);
		*out = b;
	}
	if (rc != 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

enum err pg_backup(const char *uri, const char *to, struct errinfo *ei)
{
	char *tool = find_tool("pg_dump");
	if (!tool)
		return no_tool("pg_dump", ei);
	char *tmp = file_temp_beside(to, ei);
	if (!tmp) {
		free(tool);
		return ei->code;
	}
	size_t n = strlen(tmp) + 8;
	char *file_arg = xmalloc(n), *db_arg = xmalloc(strlen(uri) + 10);
	snprintf(file_arg, n, "--file=%s", tmp);
	snprintf(db_arg, strlen(uri) + 10, "--dbname=%s", uri);
	char *argv[] = {tool, "--format=custom", "--no-password", file_arg, db_arg, NULL};
	int rc = run(argv, NULL);
	enum err e = rc == 0 ? file_commit(tmp, to, ei)
			     : (file_discard(tmp),
				err_setf(ei, ERR_UNAVAILABLE, NULL, "pg_dump failed (exit %d); nothing written to %s", rc, to));
	free(file_arg);
	free(db_arg);
	free(tool);
	return e;
}

/* The highest schema_migrations version in the archive `from`: the lines of
 * its COPY block ("1\t001_init.sql\t..."). 0 when it has none. */
static enum err archive_version(const char *tool, const char *from, int64_t *version, struct errinfo *ei)
{
	char *argv[] = {(char *)tool, "--data-only", "--table=schema_migrations", "--file=-", (char *)from, NULL};
	char *out = NULL;
	int rc = run(argv, &out);
	*version = 0;
	if (rc != 0) {
		free(out);
		return err_setf(ei, ERR_INVALID, NULL, "%s is not a pg_dump -Fc archive (pg_restore exit %d)", from, rc);
	}
	const char *p = strstr(out, "\nCOPY ");
	p = p && strstr(p, "schema_migrations") ? strchr(p + 1, '\n') : NULL;
	while (p && p[1] && strncmp(p + 1, "\\.", 2) != 0) {
		long long v = strtoll(p + 1, NULL, 10);
		if (v > *version)
			*version = v;
		p = strchr(p + 1, '\n');
	}
	free(out);
	return ERR_OK;
}

/* How many tables the target holds and how many other sessions use it. */
static enum err target_state(const char *uri, long *tables, long *others, struct errinfo *ei)
{
	const char *keys[] = {"connect_timeout", "dbname", "application_name", NULL};
	const char *vals[] = {"3", uri, "liandong restore", NULL};
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	enum err e = ERR_OK;
	PGresult *r = NULL;
	if (PQstatus(c) != CONNECTION_OK)
		e = err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot connect to PostgreSQL: %s", PQerrorMessage(c));
	else if (r = PQexec(c, "SELECT (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'),"
			       " (SELECT count(*) FROM pg_catalog.pg_stat_activity"
			       "  WHERE datname = current_database() AND pid <> pg_backend_pid())"),
		 PQresultStatus(r) != PGRES_TUPLES_OK)
		e = err_setf(ei, ERR_UNAVAILABLE, NULL, "cannot inspect the target: %s", PQerrorMessage(c));
	else {
		*tables = strtol(PQgetvalue(r, 0, 0), NULL, 10);
		*others = strtol(PQgetvalue(r, 0, 1), NULL, 10);
	}
	PQclear(r);
	PQfinish(c);
	return e;
}

enum err pg_restore_into(const char *from, const char *uri, int force, int64_t newest, struct errinfo *ei)
{
	if (access(from, R_OK) != 0)
		return err_setf(ei, ERR_NOT_FOUND, NULL, "cannot read %s: %s", from, strerror(errno));
	char *tool = find_tool("pg_restore");
	if (!tool)
		return no_tool("pg_restore", ei);
	int64_t v = 0;
	long tables = 0, others = 0;
	enum err e = archive_version(tool, from, &v, ei);
	if (e)
		goto out;
	if (v < 1)
		e = err_setf(ei, ERR_INVALID, NULL, "%s is not a Liandong backup (no schema_migrations)", from);
	else if (v > newest)
		e = err_setf(ei, ERR_INVALID, NULL,
			     "%s has schema version %lld, newer than this binary's %lld: restore it with a newer liandong",
			     from, (long long)v, (long long)newest);
	else if (!(e = target_state(uri, &tables, &others, ei))) {
		if (others > 0)
			e = err_setf(ei, ERR_CONFLICT, NULL,
				     "the target database is live: %ld other session(s) are connected to it; stop its"
				     " servers first, --force does not replace a database in use",
				     others);
		else if (tables > 0 && !force)
			e = err_setf(ei, ERR_CONFLICT, NULL,
				     "the target database is not empty (%ld tables); restore into an empty database,"
				     " or add --force to drop and replace its tables",
				     tables);
	}
	if (e)
		goto out;
	char *db_arg = xmalloc(strlen(uri) + 10);
	snprintf(db_arg, strlen(uri) + 10, "--dbname=%s", uri);
	char *argv[12];
	int n = 0;
	argv[n++] = tool;
	argv[n++] = "--exit-on-error";
	argv[n++] = "--single-transaction";
	argv[n++] = "--no-owner";
	argv[n++] = "--no-privileges";
	argv[n++] = "--no-password";
	argv[n++] = db_arg;
	if (force && tables) {
		argv[n++] = "--clean";
		argv[n++] = "--if-exists";
	}
	argv[n++] = (char *)from;
	argv[n] = NULL;
	int rc = run(argv, NULL);
	free(db_arg);
	if (rc != 0)
		e = err_setf(ei, ERR_UNAVAILABLE, NULL, "pg_restore failed (exit %d); the target is unchanged", rc);
out:
	free(tool);
	return e;
}
