/* stmt.c - statements: their slots, running them on a connection's backend,
 * the values they bind and return, and the text builder for the SQL made at
 * start-up.
 *
 * A slot is the key under which every connection caches a statement
 * prepared (see store_int.h): handed out at the statement's first run, one
 * process-wide counter under a mutex, so two statements never share one and
 * a statement never changes its. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static int ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/* Whether `sql` writes (INSERT, UPDATE, DELETE, REPLACE, WITH ...) and names
 * a table a session is read from, as a whole word. A write that only reads
 * such a table in a subquery counts too: one needless cache flush. */
int sql_writes_auth(const char *sql)
{
	static const char *const verbs[] = {"INSERT", "UPDATE", "DELETE", "REPLACE", "WITH"};
	static const char *const tables[] = {"sessions", "users", "user_roles", "orgs", "regions"};
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	int writes = 0;
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs && !writes; i++) {
		size_t n = strlen(verbs[i]);
		writes = strncasecmp(sql, verbs[i], n) == 0 && !ident_char(sql[n]);
	}
	if (!writes)
		return 0;
	for (const char *w = sql; *w; w++) {
		if (ident_char(*w) && (w == sql || !ident_char(w[-1])))
			for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
				size_t n = strlen(tables[i]);
				if (strncmp(w, tables[i], n) == 0 && !ident_char(w[n]))
					return 1;
			}
	}
	return 0;
}

/* A word of sql, anywhere outside the first: the read that names a verb
 * in a string literal counts as a write, which only costs its snapshot. */
static int has_word(const char *sql, const char *word)
{
	size_t n = strlen(word);
	for (const char *w = sql; *w; w++)
		if (!ident_char(*w) || (w > sql && ident_char(w[-1])))
			continue;
		else if (strncasecmp(w, word, n) == 0 && !ident_char(w[n]))
			return 1;
	return 0;
}

int sql_kind(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	int reads = (strncasecmp(sql, "SELECT", 6) == 0 && !ident_char(sql[6])) ||
		    (strncasecmp(sql, "WITH", 4) == 0 && !ident_char(sql[4]) && !has_word(sql, "INSERT") &&
		     !has_word(sql, "UPDATE") && !has_word(sql, "DELETE"));
	/* SELECT ... FOR UPDATE locks rows: a write transaction's read */
	if (reads && has_word(sql, "FOR") && has_word(sql, "UPDATE"))
		reads = 0;
	return STMT_KNOWN | (reads ? 0 : STMT_WRITES) | (sql_writes_auth(sql) ? STMT_AUTH : 0);
}

/* sql_kind of st, worked out at its first run and kept. */
static int stmt_kind(struct stmt *st)
{
	int kind = atomic_load_explicit(&st->kind, memory_order_relaxed);
	if (!kind) {
		kind = sql_kind(st->sql);
		atomic_store_explicit(&st->kind, kind, memory_order_relaxed);
	}
	return kind;
}

enum err store_run(struct store_conn *c, struct stmt *st, const struct sval *p, int np, struct srows *out,
		   int maxrows, struct arena *a, struct errinfo *ei)
{
	int kind = stmt_kind(st);
	if (c->read_wanted && !c->in_tx) {
		if (kind & STMT_WRITES) {
			store_read_close(c); /* the write commits on its own */
		} else if (!c->read_open) {
			enum err e = c->s->ops->exec(c->db, "BEGIN", ei);
			if (e)
				return e;
			c->read_open = 1;
		}
	}
	enum err e = c->s->ops->run(c->db, stmt_slot(st), st->sql, p, np, out, maxrows, a, ei);
	if (!e && (kind & STMT_AUTH))
		store_auth_changed(c);
	return e;
}

enum err store_run_batch(struct store_conn *c, struct store_q *q, int n, struct arena *a, struct errinfo *ei)
{
	int together = c->s->ops->run_batch && n > 1 && n <= STORE_BATCH_MAX && !(c->read_wanted && !c->in_tx);
	for (int i = 0; i < n && together; i++)
		together = !(stmt_kind(q[i].st) & STMT_WRITES);
	if (!together) {
		enum err e = ERR_OK;
		for (int i = 0; i < n && !e; i++)
			e = store_run(c, q[i].st, q[i].p, q[i].np, q[i].out, q[i].maxrows, a, ei);
		return e;
	}
	struct brun b[STORE_BATCH_MAX];
	for (int i = 0; i < n; i++)
		b[i] = (struct brun){stmt_slot(q[i].st), q[i].st->sql, q[i].p, q[i].np, q[i].out, q[i].maxrows};
	return c->s->ops->run_batch(c->db, b, n, a, ei);
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

enum err store_run_set(struct store_conn *c, struct stmt *clear, struct stmt *add, int64_t owner,
		       const int64_t *ids, int n)
{
	struct sval p[2] = {P_int(owner)};
	enum err e = store_run(c, clear, p, 1, NULL, 0, NULL, NULL);
	for (int i = 0; i < n && !e; i++) {
		p[1] = P_int(ids[i]);
		e = store_run(c, add, p, 2, NULL, 0, NULL, NULL);
	}
	return e;
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
