/* entity.c - the generic entity operations every resource shares: insert,
 * update, read by id (plain or locking the row) or by a list of ids, keyset
 * list with the read scope and filters, existence and count. Values travel
 * between a struct rec (model/entity.h) and statement parameters by the
 * entity's field descriptors; the statements are those of entity_sql.c. */
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

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

/* The row of e with id through the scope sc (op EO_GET or EO_GET_LOCK), and
 * `then`, if any, in the same batch (store_run_batch). */
static enum err get_row(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
		       struct rec *out, struct arena *a, enum ent_op op, struct store_q *then)
{
	struct sval p[P_ID];
	struct srows rows = {0};
	scope_params(p, sc);
	p[P_ID - 1] = P_int(id);
	struct store_q q[2] = {{ent_stmt(c->s, e->id, op), p, P_ID, &rows, 1}};
	if (then)
		q[1] = *then;
	enum err err = store_run_batch(c, q, then ? 2 : 1, a, NULL);
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
	return get_row(c, e, id, sc, out, a, EO_GET, NULL);
}

enum err store_get_with(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
			struct rec *out, struct arena *a, struct store_q *then)
{
	return get_row(c, e, id, sc, out, a, EO_GET, then);
}

enum err store_get_locked(struct store_conn *c, const struct entity *e, int64_t id, const struct scope *sc,
			  struct rec *out, struct arena *a)
{
	return get_row(c, e, id, sc, out, a, EO_GET_LOCK, NULL);
}

enum err store_get_many(struct store_conn *c, const struct entity *e, const int64_t *ids, int n_ids,
			const struct scope *sc, struct rec *out, int *n, struct arena *a)
{
	struct sval p[P_ID - 1 + STORE_GET_MANY];
	struct srows rows = {0};
	*n = 0;
	if (n_ids < 0 || n_ids > STORE_GET_MANY)
		return ERR_INTERNAL;
	scope_params(p, sc);
	for (int i = 0; i < STORE_GET_MANY; i++)
		p[P_ID - 1 + i] = i < n_ids ? P_int(ids[i]) : P_null(SV_INT);
	enum err err = store_run(c, ent_stmt(c->s, e->id, EO_GET_MANY), p, P_ID - 1 + STORE_GET_MANY, &rows,
				 n_ids, a, NULL);
	if (err)
		return err;
	for (int i = 0; i < rows.nrows; i++)
		row_to_rec(e, srows_row(&rows, i), &out[i], a);
	*n = rows.nrows;
	return ERR_OK;
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
	enum ent_op op = EO_LIST;
	for (int i = 0; i < e->nfilters; i++) {
		const struct val *v = &filters[i];
		enum ftype ft = e->filters[i].type;
		/* bounded on the far side of the order: the ranged statement */
		if (v->set && !v->null && entity_filter_range(e, i) == (e->newest_first ? 1 : -1))
			op = EO_LIST_RANGED;
		if (!v->set || v->null)
			p[P_FILTER0 - 1 + i] = P_null(ft == FT_DATE ? SV_INT : ftype_sval(ft));
		else if (ft == FT_INT || ft == FT_TIME || ft == FT_DATE)	/* a date: its midnight */
			p[P_FILTER0 - 1 + i] = P_int(v->i);
		else
			p[P_FILTER0 - 1 + i] = P_text(v->s);
	}
	enum err err = store_run(c, ent_stmt(c->s, e->id, op), p, np, &rows, limit, a, NULL);
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
