/* resource.c - the create/read/update/list flow shared by every entity.
 *
 * Each flow: one transaction; references checked to exist (422 naming the
 * field); the entity's authorize, prepare and after hooks; the audit entry in
 * the same transaction; commit or rollback at one place. A failed request
 * changes nothing. */
#include <string.h>

#include "model/codec.h"
#include "service/service.h"
#include "store/store.h"

int svc_visible(const struct ctx *x, const struct rec *r)
{
	if (r->e->own_only && x->who)
		return r->vis_self;
	return access_platform(x->who) || r->e->public_read || r->vis_self || r->vis_org || r->vis_region;
}

/* The rows of e the caller may reach: its roles' scope, or for an own_only
 * entity (notifications) its own rows alone. */
const struct scope *svc_scope(const struct ctx *x, const struct entity *e)
{
	static const struct scope all = {.all = 1};
	if (!x->who)
		return &all;
	if (!e->own_only)
		return &x->who->scope;
	struct scope *own = arena_alloc(x->a, sizeof *own);
	*own = (struct scope){.self_person_id = x->who->scope.self_person_id,
			      .self_user_id = x->who->scope.self_user_id};
	return own;
}

enum err svc_tx(struct ctx *x, enum err (*fn)(struct ctx *, void *, struct errinfo *), void *arg,
		struct errinfo *ei)
{
	enum err e = store_begin(x->c, 1);
	if (e)
		return err_set(ei, e, NULL, NULL);
	e = fn(x, arg, ei);
	if (!e)
		e = store_commit_ei(x->c, ei);
	if (e)
		store_rollback(x->c);
	return e;
}

enum err svc_audit(struct ctx *x, const char *action, const struct resource *res, int64_t id,
		   struct rec *before, struct rec *after)
{
	const char *b = NULL, *a = NULL;
	if (before) {
		if (res->present)
			res->present(x, before, 1);
		b = codec_dump(before, 1, x->a);
	}
	if (after) {
		if (res->present)
			res->present(x, after, 1);
		a = codec_dump(after, 1, x->a);
	}
	return store_audit(x->c, x->now, x->who ? x->who->user_id : 0, action, res->e->name, id, b, a);
}

void svc_history(struct ctx *x, struct rec *ev, const struct history_keys *k, int64_t parent_id, const char *from,
		 const char *to, const char *note)
{
	rec_init(ev, k->e);
	rec_set_int(ev, k->parent, parent_id);
	rec_set_text(ev, k->from, from);
	rec_set_text(ev, k->to, to);
	rec_set_text(ev, k->note, note);
	if (x->who)
		rec_set_int(ev, k->by_user_id, x->who->user_id);
	else
		rec_set_null(ev, k->by_user_id);
	rec_set_int(ev, k->at, x->now);
}

/* Every reference given must exist. */
static enum err check_refs(struct ctx *x, const struct rec *r, const struct rec *old, struct errinfo *ei)
{
	const struct entity *e = r->e;
	for (int i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const struct val *v = &r->v[i];
		if (!f->ref || !v->set || v->null)
			continue;
		if (old && old->v[i].set && !old->v[i].null && old->v[i].i == v->i)
			continue;
		int exists = 0;
		enum err err = store_exists(x->c, (enum entity_id)(f->ref - 1), v->i, &exists);
		if (err)
			return err_set(ei, err, NULL, NULL);
		if (!exists)
			return err_setf(ei, ERR_INVALID, f->name, "%s %lld does not exist", f->name, (long long)v->i);
	}
	return ERR_OK;
}

static void stamp(struct rec *r, int64_t now, int creating)
{
	for (int i = 0; i < r->e->nfields; i++)
		if ((r->e->fields[i].flags & FF_UPDATED) || (creating && (r->e->fields[i].flags & FF_CREATED)))
			r->v[i] = (struct val){.set = 1, .i = now};
}

static enum err admin_gate(const struct ctx *x, const struct resource *res, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	if (res->admin_only)
		return err_setf(ei, ERR_FORBIDDEN, NULL, "only platform admins may read %s", res->e->name);
	if (res->gate_roles && !(x->who->role_mask & res->gate_roles))
		return err_setf(ei, ERR_FORBIDDEN, NULL, "only admins may see or change %s", res->e->name);
	return ERR_OK;
}

struct write_args {
	const struct resource *res;
	struct rec *in;
	int64_t id;
};

static enum err do_create(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct write_args *w = arg;
	const struct resource *res = w->res;
	struct rec *r = w->in;
	enum err e;

	if ((e = admin_gate(x, res, ei)) || (e = check_refs(x, r, NULL, ei)))
		return e;
	if (res->authorize && (e = res->authorize(x, r, NULL, ei)))
		return e;
	if (res->prepare && (e = res->prepare(x, r, NULL, ei)))
		return e;
	stamp(r, x->now, 1);
	if ((e = store_insert(x->c, r, ei)))
		return e;
	if (res->after && (e = res->after(x, r, NULL, ei)))
		return e;
	w->id = r->id;
	if ((e = svc_audit(x, "create", res, r->id, NULL, r)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_create(struct ctx *x, const struct resource *res, struct rec *in, struct rec *out,
		    struct errinfo *ei)
{
	if (res->no_create)
		return err_set(ei, ERR_METHOD, NULL, NULL);
	struct write_args w = {res, in, 0};
	enum err e = svc_tx(x, do_create, &w, ei);
	if (e)
		return e;
	return svc_get(x, res, w.id, out, ei);
}

enum err svc_create_in(struct ctx *x, const struct resource *res, struct rec *in, int64_t *id, struct errinfo *ei)
{
	if (res->no_create)
		return err_set(ei, ERR_METHOD, NULL, NULL);
	struct write_args w = {res, in, 0};
	enum err e = do_create(x, &w, ei);
	*id = w.id;
	return e;
}

static enum err load(struct ctx *x, const struct entity *e, int64_t id, struct rec *out, int lock, struct errinfo *ei)
{
	enum err err = lock ? store_get_locked(x->c, e, id, svc_scope(x, e), out, x->a)
			    : store_get(x->c, e, id, svc_scope(x, e), out, x->a);
	return svc_loaded(x, e, id, err, out, ei);
}

enum err svc_loaded(struct ctx *x, const struct entity *e, int64_t id, enum err err, const struct rec *out,
		    struct errinfo *ei)
{
	if (err == ERR_NOT_FOUND)
		return err_setf(ei, ERR_NOT_FOUND, "id", "no %s with id %lld", e->name, (long long)id);
	if (err)
		return err_set(ei, err, NULL, NULL);
	if (!svc_visible(x, out))
		return err_set(ei, ERR_FORBIDDEN, NULL, "this record is outside the caller's scope");
	return ERR_OK;
}

enum err svc_load_visible(struct ctx *x, const struct entity *e, int64_t id, struct rec *out, struct errinfo *ei)
{
	return load(x, e, id, out, 0, ei);
}

enum err svc_load_for_write(struct ctx *x, const struct entity *e, int64_t id, struct rec *out, struct errinfo *ei)
{
	return load(x, e, id, out, 1, ei);
}

static enum err do_update(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct write_args *w = arg;
	const struct resource *res = w->res;
	const struct entity *ent = res->e;
	struct rec *old = arena_alloc(x->a, sizeof *old), *nw = arena_alloc(x->a, sizeof *nw);
	enum err e;

	if ((e = admin_gate(x, res, ei)) || (e = svc_load_for_write(x, ent, w->id, old, ei)))
		return e;
	*nw = *old;
	for (int i = 0; i < ent->nfields; i++) {
		const struct val *p = &w->in->v[i];
		if (!p->set)
			continue;
		const struct field *f = &ent->fields[i];
		if (f->flags & FF_FIXED) {
			const struct val *o = &old->v[i];
			int same = p->null == o->null &&
				   (p->null || (f->type == FT_INT || f->type == FT_BOOL ? p->i == o->i
					       : f->type == FT_REAL ? p->r == o->r
					       : (p->s && o->s && strcmp(p->s, o->s) == 0)));
			if (!same)
				return err_setf(ei, ERR_READ_ONLY, f->name, "%s cannot be changed", f->name);
		}
		nw->v[i] = *p;
	}
	if ((e = check_refs(x, nw, old, ei)))
		return e;
	if (res->authorize && (e = res->authorize(x, nw, old, ei)))
		return e;
	if (res->prepare && (e = res->prepare(x, nw, old, ei)))
		return e;
	stamp(nw, x->now, 0);
	if ((e = store_update(x->c, nw, ei)))
		return e;
	if (res->after && (e = res->after(x, nw, old, ei)))
		return e;
	if ((e = svc_audit(x, "update", res, w->id, old, nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_update(struct ctx *x, const struct resource *res, int64_t id, struct rec *patch, struct rec *out,
		    struct errinfo *ei)
{
	if (res->no_update)
		return err_set(ei, ERR_METHOD, NULL, NULL);
	struct write_args w = {res, patch, id};
	enum err e = svc_tx(x, do_update, &w, ei);
	if (e)
		return e;
	return svc_get(x, res, id, out, ei);
}

enum err svc_update_in(struct ctx *x, const struct resource *res, int64_t id, struct rec *patch,
		       struct errinfo *ei)
{
	if (res->no_update)
		return err_set(ei, ERR_METHOD, NULL, NULL);
	struct write_args w = {res, patch, id};
	return do_update(x, &w, ei);
}


enum err svc_get(struct ctx *x, const struct resource *res, int64_t id, struct rec *out, struct errinfo *ei)
{
	enum err e = admin_gate(x, res, ei);
	if (e)
		return e;
	e = svc_load_visible(x, res->e, id, out, ei);
	if (e)
		return e;
	if (res->present)
		res->present(x, out, 0);
	return res->derive ? res->derive(x, out, ei) : ERR_OK;
}

enum err svc_get_many_shown(struct ctx *x, const struct resource *res, const int64_t *ids, int n_ids,
			    struct rec *out, int *n, struct errinfo *ei)
{
	struct errinfo gate_ei;
	int gate = admin_gate(x, res, &gate_ei) == ERR_OK;
	*n = 0;
	for (int i = 0; i < n_ids; i += STORE_GET_MANY) {
		int got, k = n_ids - i < STORE_GET_MANY ? n_ids - i : STORE_GET_MANY;
		enum err e = store_get_many(x->c, res->e, ids + i, k, svc_scope(x, res->e), out + *n, &got, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		for (int j = 0; j < got; j++) {
			struct rec *r = &out[*n + j];
			int full = gate && svc_visible(x, r);
			if (res->present)
				res->present(x, r, !full);
			if (full && res->derive && (e = res->derive(x, r, ei)))
				return e;
		}
		*n += got;
	}
	return ERR_OK;
}

enum err svc_list(struct ctx *x, const struct resource *res, int64_t after, int limit, struct val *filters,
		  struct rec *rows, int *n, struct errinfo *ei)
{
	enum err e;
	if ((e = admin_gate(x, res, ei)))
		return e;
	if (res->filters && (e = res->filters(x, filters, ei)))
		return e;
	if ((e = store_list(x->c, res->e, svc_scope(x, res->e), after, limit, filters, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (res->present)
		for (int i = 0; i < *n; i++)
			res->present(x, &rows[i], 0);
	for (int i = 0; res->derive && i < *n; i++)
		if ((e = res->derive(x, &rows[i], ei)))
			return e;
	return ERR_OK;
}
