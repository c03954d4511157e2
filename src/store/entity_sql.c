/* entity_sql.c - the SQL of the generic entity operations, generated once
 * per process from the static entity descriptors (model/entity.h): for each
 * entity an INSERT, a read by id (plain and locking) and by a list of ids,
 * an UPDATE, a keyset
 * list with the read scope and the entity's filters, an existence check and
 * a count. One set per backend, since the locking read differs; each
 * statement is a struct stmt and gets its slot at its first run. Parameters
 * are written "?N" so one text serves SQLite and (translated to "$N")
 * PostgreSQL. No text comes from input. */
#include <pthread.h>

#include "store/store_int.h"

/* [0] SQLite, [1] PostgreSQL; written once under sql_once, read-only after. */
static struct stmt sets[2][E__COUNT][EO__COUNT];
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;

/* Append `frag`, replacing every bare '?' with "?n". */
static void sb_add_param(struct sb *b, const char *frag, int n)
{
	for (const char *p = frag; *p; p++) {
		if (*p == '?' && !(p[1] >= '0' && p[1] <= '9')) {
			sb_addf(b, "?%d", n);
		} else {
			char c[2] = {*p, 0};
			sb_add(b, c);
		}
	}
}

static void sb_cols(struct sb *b, const struct entity *e, const char *prefix)
{
	int first = 1;
	for (int i = 0; i < e->nfields; i++) {
		if (!field_stored(&e->fields[i]))
			continue;
		sb_addf(b, "%s%s%s", first ? "" : ", ", prefix, field_col(&e->fields[i]));
		first = 0;
	}
}

/* A false condition both backends accept where a boolean is needed. */
#define NEVER "1 = 0"

static void sb_flags(struct sb *b, const struct entity *e)
{
	if (e->public_read) {
		sb_add(b, ", 0, 1, 1");
		return;
	}
	/* the org and region scopes only for a caller who has one (their
	 * first path set; the service fills the slots in order): a subquery
	 * not asked for is never run, where SQLite would otherwise build a
	 * temporary table of its answer for every read of one row */
	sb_addf(b, ", (%s), CASE WHEN ?2 IS NULL THEN %s ELSE (%s) END, CASE WHEN ?6 IS NULL THEN %s ELSE (%s) END",
		e->scope_self ? e->scope_self : NEVER, NEVER, e->scope_org ? e->scope_org : NEVER, NEVER,
		e->scope_region ? e->scope_region : NEVER);
}

/* "SELECT t.id, <columns>, <visibility flags> FROM <table> t WHERE <cond>",
 * cond a format with one %d: the parameter of the id or cursor (?12). */
static void sb_select(struct sb *b, const struct entity *e, const char *cond)
{
	sb_add(b, "SELECT t.id, ");
	sb_cols(b, e, "t.");
	sb_flags(b, e);
	sb_addf(b, " FROM %s t WHERE ", e->table);
	sb_addf(b, cond, P_ID);
}

/* The ends of an unset range bound: far past any time or id, with room
 * for the fragment's own arithmetic ("? + 86400"). */
#define RANGE_LOWEST "-4611686018427387904"
#define RANGE_HIGHEST "4611686018427387904"

/* The list statement: keyset paging, ascending after the cursor, or newest
 * first below it (cursor 0: from the newest), the read scope and every
 * filter "?N IS NULL OR (...)". `ranged` (NULL for an entity without a
 * range filter: it has no such statement) writes the range filters as
 * plain comparisons instead, an
 * unset one at its end of the range, and orders by an expression of the id
 * so that no planner walks the id index: the statement for a list bounded
 * on the far side of its order (the audit's `to`), where walking the ids
 * from the newest would pass every row after the bound; the index on the
 * range's column (migration 024) reads the rows in the range and their
 * first page is sorted out of them. A list bounded on the near side only
 * (`from`, newest first) keeps the walk by id, which stops at its page. */
static char *list_sql(const struct entity *e, int ranged)
{
	if (ranged && !e->range_low && !e->range_high)
		return NULL;
	struct sb b = {0};
	sb_select(&b, e, e->newest_first ? "(?%1$d = 0 OR t.id < ?%1$d)" : "t.id > ?%d");
	if (!e->public_read)
		sb_addf(&b, " AND (?1 = 1 OR (%s) OR (%s) OR (%s))", e->scope_self ? e->scope_self : NEVER,
			e->scope_org ? e->scope_org : NEVER, e->scope_region ? e->scope_region : NEVER);
	for (int i = 0; i < e->nfilters; i++) {
		const struct filter *fl = &e->filters[i];
		int range = entity_filter_range(e, i);
		if (ranged && range) {
			sb_add(&b, " AND (");
			for (const char *p = fl->sql; *p; p++) {
				if (*p == '?' && !(p[1] >= '0' && p[1] <= '9')) {
					sb_addf(&b, "COALESCE(?%d, %s)", P_FILTER0 + i,
						range < 0 ? RANGE_LOWEST : RANGE_HIGHEST);
				} else {
					char c[2] = {*p, 0};
					sb_add(&b, c);
				}
			}
			sb_add(&b, ")");
			continue;
		}
		sb_addf(&b, " AND (?%d IS NULL OR (", P_FILTER0 + i);
		sb_add_param(&b, fl->sql, P_FILTER0 + i);
		sb_add(&b, "))");
	}
	sb_addf(&b, " ORDER BY t.id%s%s LIMIT ?%d", ranged ? " + 0" : "", e->newest_first ? " DESC" : "", P_LIMIT);
	return b.p;
}

static void build_set(struct stmt (*set)[EO__COUNT], const struct backend_ops *ops)
{
	for (int k = 0; k < E__COUNT; k++) {
		const struct entity *e = entities[k];
		struct sb b = {0};
		int n = 0;

		sb_addf(&b, "INSERT INTO %s (", e->table);
		sb_cols(&b, e, "");
		sb_add(&b, ") VALUES (");
		for (int i = 0; i < e->nfields; i++)
			if (field_stored(&e->fields[i])) {
				n++;
				sb_addf(&b, "%s?%d", n > 1 ? ", " : "", n);
			}
		sb_add(&b, ") RETURNING id");
		set[k][EO_INSERT].sql = b.p;

		b = (struct sb){0};
		sb_select(&b, e, "t.id = ?%d");
		set[k][EO_GET].sql = b.p;

		b = (struct sb){0};
		n = 0;
		sb_addf(&b, "UPDATE %s SET ", e->table);
		for (int i = 0; i < e->nfields; i++)
			if (field_stored(&e->fields[i])) {
				n++;
				sb_addf(&b, "%s%s = ?%d", n > 1 ? ", " : "", field_col(&e->fields[i]), n);
			}
		sb_addf(&b, " WHERE id = ?%d", n + 1);
		set[k][EO_UPDATE].sql = b.p;

		set[k][EO_LIST].sql = list_sql(e, 0);
		set[k][EO_LIST_RANGED].sql = list_sql(e, 1);

		b = (struct sb){0};
		sb_addf(&b, "SELECT 1 FROM %s WHERE id = ?1", e->table);
		set[k][EO_EXISTS].sql = b.p;

		b = (struct sb){0};
		sb_addf(&b, "SELECT COUNT(*) FROM %s", e->table);
		set[k][EO_COUNT].sql = b.p;

		b = (struct sb){0};
		sb_add(&b, set[k][EO_GET].sql);
		sb_add(&b, ops->for_update);
		set[k][EO_GET_LOCK].sql = b.p;

		b = (struct sb){0};
		sb_select(&b, e, "t.id IN (?%d");
		for (int i = 1; i < STORE_GET_MANY; i++)
			sb_addf(&b, ", ?%d", P_ID + i);
		sb_add(&b, ")");
		set[k][EO_GET_MANY].sql = b.p;
	}
}

static void build_sql(void)
{
	build_set(sets[0], &sqlite_backend);
	build_set(sets[1], &pg_backend);
}

void ent_sql_init(void)
{
	pthread_once(&sql_once, build_sql);
}

struct stmt *ent_stmt(const struct store *s, enum entity_id k, enum ent_op op)
{
	return &sets[s->ops == &pg_backend][k][op];
}
