/* store.c - the store's SQL, connection pool and dispatch to a backend.
 *
 * Statements are struct stmt (store_int.h): the static ones declared next to
 * the code that runs them, the per-entity ones (insert, get, update, list,
 * exists, count) generated once at start-up from the entity descriptors.
 * Each gets its slot at its first run. Parameters are written "?N" so one
 * text serves SQLite and (translated to "$N") PostgreSQL. */
#include "store/store.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/migrations.h"
#include "store/store_int.h"

static pthread_mutex_t slot_mu = PTHREAD_MUTEX_INITIALIZER;
static int slots_used;

int stmt_slot(struct stmt *st)
{
	/* relaxed: the slot is the only thing read, and once set it stays */
	int s = atomic_load_explicit(&st->slot, memory_order_relaxed);
	if (s)
		return s - 1;
	pthread_mutex_lock(&slot_mu);
	s = atomic_load_explicit(&st->slot, memory_order_relaxed);
	if (!s) {
		s = ++slots_used;
		atomic_store_explicit(&st->slot, s, memory_order_relaxed);
	}
	pthread_mutex_unlock(&slot_mu);
	return s - 1;
}

enum err store_run(struct store_conn *c, struct stmt *st, const struct sval *p, int np, struct srows *out,
		   int maxrows, struct arena *a, struct errinfo *ei)
{
	return c->s->ops->run(c->db, stmt_slot(st), st->sql, p, np, out, maxrows, a, ei);
}

enum err store_run_int(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int64_t *v)
{
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	enum err e = store_run(c, st, p, np, &rows, 1, &a, NULL);
	*v = !e && rows.nrows ? sv_int(&rows.v[0]) : 0;
	arena_release(&a);
	return e;
}

enum err store_run_ids(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int max,
		       int64_t **ids, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, st, p, np, &rows, max, a, NULL);
	if (e)
		return e;
	*ids = arena_alloc(a, sizeof **ids * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		(*ids)[i] = sv_int(&srows_row(&rows, i)[0]);
	*n = rows.nrows;
	return ERR_OK;
}

/* ---- values ---- */
int64_t sv_int(const struct sval *v)
{
	switch (v->t) {
	case SV_INT: return v->i;
	case SV_REAL: return (int64_t)v->r;
	case SV_TEXT: return strtoll(v->s, NULL, 10);
	default: return 0;
	}
}

double sv_real(const struct sval *v)
{
	switch (v->t) {
	case SV_INT: return (double)v->i;
	case SV_REAL: return v->r;
	case SV_TEXT: return strtod(v->s, NULL);
	default: return 0;
	}
}

const char *sv_text(const struct sval *v, struct arena *a)
{
	switch (v->t) {
	case SV_TEXT: return v->s;
	case SV_INT: return arena_printf(a, "%lld", (long long)v->i);
	case SV_REAL: return arena_printf(a, "%.17g", v->r);
	default: return NULL;
	}
}

struct sval P_int(int64_t i) { return (struct sval){.t = SV_INT, .decl = SV_INT, .i = i}; }
struct sval P_int0(int64_t i) { return i ? P_int(i) : P_null(SV_INT); }
struct sval P_real(double r) { return (struct sval){.t = SV_REAL, .decl = SV_REAL, .r = r}; }
struct sval P_text(const char *s)
{
	return (struct sval){.t = s ? SV_TEXT : SV_NULL, .decl = SV_TEXT, .s = s};
}
struct sval P_null(enum sval_type decl) { return (struct sval){.t = SV_NULL, .decl = decl}; }

void scope_params(struct sval *p, const struct scope *sc)
{
	p[0] = P_int(sc && sc->all ? 1 : 0);
	for (int i = 0; i < SCOPE_SLOTS; i++) {
		p[1 + i] = P_text(sc ? sc->org_paths[i] : NULL);
		p[5 + i] = P_text(sc ? sc->region_paths[i] : NULL);
	}
	p[9] = P_int(sc ? sc->self_person_id : 0);
	p[10] = P_int(sc ? sc->self_user_id : 0);
}

/* ---- building statement text ---- */
void sb_add(struct sb *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

void sb_addf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *tmp = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(tmp, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_add(b, tmp);
	free(tmp);
}

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
	sb_addf(b, ", (%s), (%s), (%s)", e->scope_self ? e->scope_self : NEVER,
		e->scope_org ? e->scope_org : NEVER, e->scope_region ? e->scope_region : NEVER);
}

/* "SELECT t.id, <columns>, <visibility flags> FROM <table> t WHERE t.id <cmp> ?12" */
static void sb_select(struct sb *b, const struct entity *e, const char *cmp)
{
	sb_add(b, "SELECT t.id, ");
	sb_cols(b, e, "t.");
	sb_flags(b, e);
	sb_addf(b, " FROM %s t WHERE t.id %s ?%d", e->table, cmp, P_ID);
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
		sb_select(&b, e, "=");
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

		b = (struct sb){0};
		sb_select(&b, e, ">");
		if (!e->public_read)
			sb_addf(&b, " AND (?1 = 1 OR (%s) OR (%s) OR (%s))", e->scope_self ? e->scope_self : NEVER,
				e->scope_org ? e->scope_org : NEVER, e->scope_region ? e->scope_region : NEVER);
		for (int i = 0; i < e->nfilters; i++) {
			sb_addf(&b, " AND (?%d IS NULL OR (", P_FILTER0 + i);
			sb_add_param(&b, e->filters[i].sql, P_FILTER0 + i);
			sb_add(&b, "))");
		}
		sb_addf(&b, " ORDER BY t.id LIMIT ?%d", P_LIMIT);
		set[k][EO_LIST].sql = b.p;

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

static enum sval_type ftype_sval(enum ftype t)
{
	switch (t) {
	case FT_INT: case FT_BOOL: case FT_TIME: return SV_INT;
	case FT_REAL: return SV_REAL;
	default: return SV_TEXT;
	}
}

static struct sval val_param(const struct field *f, const struct val *v)
{
	enum sval_type t = ftype_sval(f->type);
	if (!v->set || v->null)
		return P_null(t);
	switch (t) {
	case SV_INT: return P_int(v->i);
	case SV_REAL: return P_real(v->r);
	default: return P_text(v->s);
	}
}

static void val_from(const struct field *f, const struct sval *s, struct val *v, struct arena *a)
{
	v->set = 1;
	if (s->t == SV_NULL) {
		v->null = 1;
		return;
	}
	switch (f->type) {
	case FT_INT: case FT_BOOL: case FT_TIME: v->i = sv_int(s); break;
	case FT_REAL: v->r = sv_real(s); break;
	default: v->s = sv_text(s, a); break;
	}
}

static void row_to_rec(const struct entity *e, const struct sval *row, struct rec *r, struct arena *a)
{
	int c = 1;
	rec_init(r, e);
	r->id = sv_int(&row[0]);
	for (int i = 0; i < e->nfields; i++)
		if (field_stored(&e->fields[i]))
			val_from(&e->fields[i], &row[c++], &r->v[i], a);
	r->vis_self = sv_int(&row[c]) != 0;
	r->vis_org = sv_int(&row[c + 1]) != 0;
	r->vis_region = sv_int(&row[c + 2]) != 0;
}

static int rec_params(const struct rec *r, struct sval *p)
{
	const struct entity *e = r->e;
	int n = 0;
	for (int i = 0; i < e->nfields; i++)
		if (field_stored(&e->fields[i]))
			p[n++] = val_param(&e->fields[i], &r->v[i]);
	return n;
}

/* Map a backend's duplicate column ("id_number_hash") to its API field. */
static void dup_field(const struct entity *e, enum err code, struct errinfo *ei)
{
	if (!ei || code != ERR_DUPLICATE)
		return;
	for (int i = 0; i < e->nfields; i++) {
		const char *col = field_col(&e->fields[i]);
		if (strcmp(col, ei->field) != 0)
			continue;
		size_t n = strlen(col);
		if (n > 5 && strcmp(col + n - 5, "_hash") == 0)
			ei->field[n - 5] = 0;
		else
			snprintf(ei->field, sizeof ei->field, "%s", e->fields[i].name);
		return;
	}
}

enum err store_insert(struct store_conn *c, struct rec *r, struct errinfo *ei)
{
	struct sval p[REC_MAXF];
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	int n = rec_params(r, p);
	enum err e = store_run(c, ent_stmt(c->s, r->e->id, EO_INSERT), p, n, &rows, 1, &a, ei);
	if (!e)
		r->id = rows.nrows ? sv_int(&rows.v[0]) : 0;
	dup_field(r->e, e, ei);
	arena_release(&a);
	return e;
}

enum err store_update(struct store_conn *c, const struct rec *r, struct errinfo *ei)
{
	struct sval p[REC_MAXF + 1];
	int n = rec_params(r, p);
	p[n++] = P_int(r->id);
	enum err e = store_run(c, ent_stmt(c->s, r->e->id, EO_UPDATE), p, n, NULL, 0, NULL, ei);
	dup_field(r->e, e, ei);
	return e;
}

static enum err get_row(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
		       struct rec *out, struct arena *a, enum ent_op op)
{
	struct sval p[P_ID];
	struct srows rows = {0};
	scope_params(p, sc);
	p[P_ID - 1] = P_int(id);
	enum err err = store_run(c, ent_stmt(c->s, e->id, op), p, P_ID, &rows, 1, a, NULL);
	if (err)
		return err;
	if (rows.nrows == 0)
		return ERR_NOT_FOUND;
	row_to_rec(e, rows.v, out, a);
	return ERR_OK;
}

enum err store_get(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
		   struct rec *out, struct arena *a)
{
	return get_row(c, e, id, sc, out, a, EO_GET);
}

enum err store_get_locked(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
			  struct rec *out, struct arena *a)
{
	return get_row(c, e, id, sc, out, a, EO_GET_LOCK);
}

enum err store_list(struct store_conn *c, const struct entity *e, const struct scope *sc, int64_t after,
		    int limit, const struct val *filters, struct rec *rows_out, int *n, struct arena *a)
{
	struct sval p[P_FILTER0 - 1 + 16];
	struct srows rows = {0};
	int np = P_FILTER0 - 1 + e->nfilters;
	scope_params(p, sc);
	p[P_ID - 1] = P_int(after);
	p[P_LIMIT - 1] = P_int(limit);
	for (int i = 0; i < e->nfilters; i++) {
		const struct val *v = &filters[i];
		if (!v->set || v->null)
			p[P_FILTER0 - 1 + i] = P_null(ftype_sval(e->filters[i].type));
		else if (e->filters[i].type == FT_INT || e->filters[i].type == FT_TIME)
			p[P_FILTER0 - 1 + i] = P_int(v->i);
		else
			p[P_FILTER0 - 1 + i] = P_text(v->s);
	}
	enum err err = store_run(c, ent_stmt(c->s, e->id, EO_LIST), p, np, &rows, limit, a, NULL);
	if (err)
		return err;
	for (int i = 0; i < rows.nrows; i++)
		row_to_rec(e, srows_row(&rows, i), &rows_out[i], a);
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_exists(struct store_conn *c, enum entity_id k, int64_t id, int *exists)
{
	struct sval p[1] = {P_int(id)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, ent_stmt(c->s, k, EO_EXISTS), p, 1, &rows, 1, &a, NULL);
	*exists = rows.nrows > 0;
	arena_release(&a);
	return e;
}

enum err store_count(struct store_conn *c, enum entity_id k, int64_t *n)
{
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, ent_stmt(c->s, k, EO_COUNT), NULL, 0, &rows, 1, &a, NULL);
	*n = !e && rows.nrows ? sv_int(&rows.v[0]) : 0;
	arena_release(&a);
	return e;
}

static struct stmt q_max = STMT("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
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

enum err store_migrate(struct store_conn *c, struct errinfo *ei)
{
	struct store *s = c->s;
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	enum err e = s->ops->exec(c->db, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY,"
				  " name TEXT NOT NULL, applied_at BIGINT NOT NULL)", ei);
	if (e)
		return e;
	if ((e = store_run(c, &q_max, NULL, 0, &rows, 1, &a, ei)))
		goto out;
	int64_t have = sv_int(&rows.v[0]);
	/* a migration's version is its file number ("002_service.sql" -> 2) */
	int64_t newest = migrations_count ? strtoll(migrations[migrations_count - 1].name, NULL, 10) : 0;
	if (have > newest) {
		e = err_setf(ei, ERR_INTERNAL, NULL,
			     "the database schema (version %lld) is newer than this binary (%d); upgrade liandong",
			     (long long)have, (int)newest);
		goto out;
	}
	for (int v = 0; v < migrations_count; v++) {
		int64_t version = strtoll(migrations[v].name, NULL, 10);
		if (version <= have)
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
out:
	arena_release(&a);
	return e;
}

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
	while (s->nfree == 0)
		pthread_cond_wait(&s->cv, &s->mu);
	struct store_conn *c = s->free[--s->nfree];
	pthread_mutex_unlock(&s->mu);
	return c;
}

void store_release(struct store_conn *c)
{
	struct store *s = c->s;
	pthread_mutex_lock(&s->mu);
	s->free[s->nfree++] = c;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static void write_unlock(struct store_conn *c)
{
	if (c->writing) {
		c->writing = 0;
		pthread_mutex_unlock(&c->s->write_mu);
	}
}

enum err store_begin(struct store_conn *c, int write)
{
	if (write && c->s->ops->serialize_writes) {
		pthread_mutex_lock(&c->s->write_mu);
		c->writing = 1;
	}
	enum err e = c->s->ops->exec(c->db, write ? c->s->ops->begin_write : "BEGIN", NULL);
	if (e)
		write_unlock(c);
	return e;
}

enum err store_commit(struct store_conn *c)
{
	enum err e = c->s->ops->exec(c->db, "COMMIT", NULL);
	if (e)
		return e;
	int was_writing = c->writing;
	write_unlock(c); /* the next writer commits while this one syncs */
	if (was_writing && c->s->ops->durable)
		e = c->s->ops->durable(c->db);
	return e;
}

void store_rollback(struct store_conn *c)
{
	c->s->ops->exec(c->db, "ROLLBACK", NULL);
	write_unlock(c);
}

static struct stmt q_user_by_name = STMT("SELECT id, password_hash FROM users WHERE username = ?1");
static struct stmt q_roles = STMT("SELECT ur.role, ur.org_id, ur.region_id, COALESCE(o.path, r.path), orr.path"
				  " FROM user_roles ur LEFT JOIN orgs o ON o.id = ur.org_id"
				  " LEFT JOIN regions r ON r.id = ur.region_id"
				  " LEFT JOIN regions orr ON orr.id = o.region_id"
				  " WHERE ur.user_id = ?1 ORDER BY ur.id");
static struct stmt q_role_add =
	STMT("INSERT INTO user_roles (user_id, role, org_id, region_id) VALUES (?1, ?2, ?3, ?4)");
static struct stmt q_roles_clear = STMT("DELETE FROM user_roles WHERE user_id = ?1");
static struct stmt q_session_put = STMT("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)"
					" VALUES (?1, ?2, ?3, ?4, ?5)");
/* the session, its user and every role binding (one row each, or one row
 * with a NULL role): one round trip per signed-in request */
static struct stmt q_session_get = STMT("SELECT s.user_id, s.csrf, s.expires_at, u.username, u.person_id,"
					" ur.role, ur.org_id, ur.region_id, COALESCE(o.path, r.path), orr.path"
					" FROM sessions s JOIN users u ON u.id = s.user_id"
					" LEFT JOIN user_roles ur ON ur.user_id = u.id"
					" LEFT JOIN orgs o ON o.id = ur.org_id"
					" LEFT JOIN regions r ON r.id = ur.region_id"
					" LEFT JOIN regions orr ON orr.id = o.region_id"
					" WHERE s.token_hash = ?1 AND s.expires_at > ?2 ORDER BY ur.id");
static struct stmt q_session_del = STMT("DELETE FROM sessions WHERE token_hash = ?1");
static struct stmt q_session_gc = STMT("DELETE FROM sessions WHERE expires_at < ?1");
static struct stmt q_login_fail_count =
	STMT("SELECT COUNT(*), MIN(at) FROM login_failures WHERE username = ?1 AND at > ?2");
static struct stmt q_login_fail_add = STMT("INSERT INTO login_failures (username, at) VALUES (?1, ?2)");
static struct stmt q_login_fail_clear = STMT("DELETE FROM login_failures WHERE username = ?1");

/* A role binding from 5 columns: role, org_id, region_id, path, org's region path. */
static struct role_row role_of(const struct sval *v, struct arena *a)
{
	return (struct role_row){sv_text(&v[0], a), sv_int(&v[1]), sv_int(&v[2]), sv_text(&v[3], a),
				 sv_text(&v[4], a)};
}

enum err store_user_by_name(struct store_conn *c, const char *username, int64_t *id, const char **hash,
			    struct arena *a)
{
	struct sval p[1] = {P_text(username)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_user_by_name, p, 1, &rows, 1, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	*id = sv_int(&rows.v[0]);
	*hash = sv_text(&rows.v[1], a);
	return ERR_OK;
}

enum err store_roles(struct store_conn *c, int64_t user_id, struct role_row **out, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(user_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_roles, p, 1, &rows, 64, a, NULL);
	if (e)
		return e;
	struct role_row *r = arena_alloc(a, sizeof *r * (size_t)(rows.nrows ? rows.nrows : 1));
	for (int i = 0; i < rows.nrows; i++)
		r[i] = role_of(srows_row(&rows, i), a);
	*out = r;
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_role_add(struct store_conn *c, int64_t user_id, const char *role, int64_t org_id, int64_t region_id)
{
	struct sval p[4] = {P_int(user_id), P_text(role), P_int0(org_id), P_int0(region_id)};
	return store_run(c, &q_role_add, p, 4, NULL, 0, NULL, NULL);
}

enum err store_roles_clear(struct store_conn *c, int64_t user_id)
{
	struct sval p[1] = {P_int(user_id)};
	return store_run(c, &q_roles_clear, p, 1, NULL, 0, NULL, NULL);
}

enum err store_session_put(struct store_conn *c, const char *hash, int64_t user_id, const char *csrf,
			   int64_t now, int64_t expires)
{
	struct sval gc[1] = {P_int(now)};
	enum err e = store_run(c, &q_session_gc, gc, 1, NULL, 0, NULL, NULL);
	if (e)
		return e;
	struct sval p[5] = {P_text(hash), P_int(user_id), P_text(csrf), P_int(now), P_int(expires)};
	return store_run(c, &q_session_put, p, 5, NULL, 0, NULL, NULL);
}

enum err store_session_get(struct store_conn *c, const char *hash, int64_t now, struct session_row *out,
			   struct arena *a)
{
	struct sval p[2] = {P_text(hash), P_int(now)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_session_get, p, 2, &rows, 64, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	out->user_id = sv_int(&rows.v[0]);
	out->csrf = sv_text(&rows.v[1], a);
	out->expires = sv_int(&rows.v[2]);
	out->username = sv_text(&rows.v[3], a);
	out->person_id = sv_int(&rows.v[4]);
	out->roles = arena_alloc(a, sizeof *out->roles * (size_t)rows.nrows);
	out->nroles = 0;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		if (v[5].t == SV_NULL)
			continue;
		out->roles[out->nroles++] = role_of(&v[5], a);
	}
	return ERR_OK;
}

enum err store_session_del(struct store_conn *c, const char *hash)
{
	struct sval p[1] = {P_text(hash)};
	return store_run(c, &q_session_del, p, 1, NULL, 0, NULL, NULL);
}

enum err store_login_failures(struct store_conn *c, const char *username, int64_t since, int64_t *count,
			      int64_t *oldest)
{
	struct sval p[2] = {P_text(username), P_int(since)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, &q_login_fail_count, p, 2, &rows, 1, &a, NULL);
	*count = !e && rows.nrows ? sv_int(&rows.v[0]) : 0;
	*oldest = !e && rows.nrows ? sv_int(&rows.v[1]) : 0;
	arena_release(&a);
	return e;
}

enum err store_login_failure_add(struct store_conn *c, const char *username, int64_t at)
{
	struct sval p[2] = {P_text(username), P_int(at)};
	return store_run(c, &q_login_fail_add, p, 2, NULL, 0, NULL, NULL);
}

enum err store_login_failures_clear(struct store_conn *c, const char *username)
{
	struct sval p[1] = {P_text(username)};
	return store_run(c, &q_login_fail_clear, p, 1, NULL, 0, NULL, NULL);
}

static struct stmt q_counter_next =
	STMT("INSERT INTO counters (name, value) VALUES (?1, 1)"
	     " ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value");
static struct stmt q_audit = STMT("INSERT INTO audit (at, user_id, action, entity, entity_id, before_json, after_json)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");

enum err store_counter_next(struct store_conn *c, const char *name, int64_t *value)
{
	struct sval p[1] = {P_text(name)};
	return store_run_int(c, &q_counter_next, p, 1, value);
}

enum err store_audit(struct store_conn *c, int64_t at, int64_t user_id, const char *action, const char *entity,
		     int64_t entity_id, const char *before, const char *after)
{
	struct sval p[7] = {P_int(at), P_int0(user_id), P_text(action), P_text(entity),
			    P_int0(entity_id), P_text(before), P_text(after)};
	return store_run(c, &q_audit, p, 7, NULL, 0, NULL, NULL);
}
