/* migrate.c - schema migrations: the numbered files of src/store/schema/
 * (embedded at build time, see migrations.h) that the database has not
 * recorded yet, applied in order, each inside one write transaction with its
 * row in schema_migrations, after the backend's tokens in the portable text
 * are replaced. Every shipped version missing from schema_migrations is
 * applied, not only those above the highest recorded: a branch may ship a
 * lower number after a higher one was deployed. A database newer than the
 * binary is refused. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/migrations.h"
#include "store/stats_store.h"
#include "store/store_int.h"

/* more versions than any binary ships; the highest come last */
#define MIGRATIONS_READ_MAX 10000
static struct stmt q_versions = STMT("SELECT version FROM schema_migrations ORDER BY version LIMIT ?1");
static struct stmt q_add = STMT("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");

/* The portable schema text with the backend's tokens substituted (malloc). */
static char *schema_text(const struct backend_ops *ops, const char *sql, struct arena *a)
{
	struct sb b = {0};
	const char *p = sql, *q;
	while ((q = strchr(p, '@'))) {
		sb_add(&b, arena_strndup(a, p, (size_t)(q - p)));
		if (strncmp(q, "@PK@", 4) == 0) {
			sb_add(&b, ops->pk_type);
			p = q + 4;
		} else if (strncmp(q, "@C@", 3) == 0) {
			sb_add(&b, ops->collate_c);
			p = q + 3;
		} else if (strncmp(q, "@IF ", 4) == 0 && strchr(q + 4, '@') && strstr(q, "@END@")) {
			/* "@IF kind@ ... @END@": that backend's part only */
			const char *kind = q + 4, *end = strchr(kind, '@');
			int mine = strlen(ops->kind) == (size_t)(end - kind) &&
				   strncmp(kind, ops->kind, (size_t)(end - kind)) == 0;
			p = mine ? end + 1 : strstr(q, "@END@") + 5;
		} else if (strncmp(q, "@END@", 5) == 0) {
			p = q + 5;
		} else {
			sb_add(&b, "@");
			p = q + 1;
		}
	}
	sb_add(&b, p);
	return b.p;
}

/* Whether `version` is among the recorded (sorted) ones. */
static int recorded(const struct srows *rows, int64_t version)
{
	int lo = 0, hi = rows->nrows;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		int64_t v = sv_int(&srows_row(rows, mid)[0]);
		if (v == version)
			return 1;
		if (v < version)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int64_t store_schema_newest(void)
{
	/* a migration's version is its file number ("002_service.sql" -> 2) */
	return migrations_count ? strtoll(migrations[migrations_count - 1].name, NULL, 10) : 0;
}

enum err store_migrate(struct store_conn *c, struct errinfo *ei)
{
	struct store *s = c->s;
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	enum err e = s->ops->exec(c->db, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY,"
				  " name TEXT NOT NULL, applied_at BIGINT NOT NULL)", ei);
	if (e)
		return e;
	struct sval lp[1] = {P_int(MIGRATIONS_READ_MAX)};
	if ((e = store_run(c, &q_versions, lp, 1, &rows, MIGRATIONS_READ_MAX, &a, ei)))
		goto out;
	int64_t have = rows.nrows ? sv_int(&srows_row(&rows, rows.nrows - 1)[0]) : 0;
	int64_t newest = store_schema_newest();
	if (have > newest) {
		e = err_setf(ei, ERR_INTERNAL, NULL,
			     "the database schema (version %lld) is newer than this binary (%d); upgrade liandong",
			     (long long)have, (int)newest);
		goto out;
	}
	for (int v = 0; v < migrations_count; v++) {
		int64_t version = strtoll(migrations[v].name, NULL, 10);
		if (recorded(&rows, version))
			continue;
		char *text = schema_text(s->ops, migrations[v].sql, &a);
		if ((e = s->ops->exec(c->db, s->ops->begin_write, ei)))
			goto next;
		if ((e = s->ops->exec(c->db, text, ei))) {
			s->ops->exec(c->db, "ROLLBACK", NULL);
			goto next;
		}
		struct sval mp[3] = {P_int(version), P_text(migrations[v].name), P_int(time(NULL))};
		if ((e = store_run(c, &q_add, mp, 3, NULL, 0, &a, ei)) ||
		    (e = s->ops->exec(c->db, "COMMIT", ei)))
			s->ops->exec(c->db, "ROLLBACK", NULL);
		else if (s->ops->durable && (e = s->ops->durable(c->db)))
			err_set(ei, e, NULL, "cannot sync the schema change to disk");
	next:
		free(text);
		if (e)
			goto out;
	}
	/* the rollups a migration (or a stopped process) left paused; read
	 * first, so that a start with nothing paused writes nothing */
	int paused = 0;
	if ((e = store_rollups_paused(c, &paused))) {
		err_set(ei, e, NULL, "cannot read whether the statistics' rollups are paused");
		goto out;
	}
	if (!paused)
		goto out;
	if ((e = s->ops->exec(c->db, s->ops->begin_write, ei)))
		goto out;
	if ((e = store_rollups_rebuild(c)) || (e = s->ops->exec(c->db, "COMMIT", ei))) {
		s->ops->exec(c->db, "ROLLBACK", NULL);
		err_set(ei, e, NULL, "cannot build the statistics' rollups");
	} else if (s->ops->durable && (e = s->ops->durable(c->db)))
		err_set(ei, e, NULL, "cannot sync the statistics' rollups to disk");
out:
	arena_release(&a);
	return e;
}
