/* share.c - the reads a co-building link opens, and removing a link; see
 * share.h. The link is looked up on every read, so a link removed or
 * changed to a kind that shares less closes the read at once. */
#include "service/share.h"

#include <string.h>

#include "domain/mask.h"
#include "domain/share.h"
#include "store/share_store.h"
#include "store/store.h"

static const struct scope all = {.all = 1};

static const char *what_name(unsigned bit)
{
	return bit == SHARE_NEEDS ? "needs" : "volunteers";
}

/* May the caller read org_id's rows of kind `bit`? 404 naming id when there
 * is no such org, 403 when no link grants it. */
static enum err share_gate(struct ctx *x, int64_t org_id, unsigned bit, struct errinfo *ei)
{
	struct rec org;
	enum err e = store_get(x->c, &org_entity, org_id, NULL, &org, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_NOT_FOUND, "id", "no orgs with id %lld", (long long)org_id);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (access_platform(x->who) || access_org(x->who, ROLES_ORG_STAFF, rec_text(&org, ORG_PATH)))
		return ERR_OK;
	const char *rpath = NULL;
	if ((e = region_path(x, rec_int(&org, ORG_REGION_ID, 0), "id", &rpath, ei)))
		return e;
	if (access_region(x->who, rpath))
		return ERR_OK;
	/* staff bound to an org this one links to, by a kind that shares it */
	for (int i = 0; i < x->who->nroles; i++) {
		const struct role_row *b = &x->who->roles[i];
		int r = role_parse(b->role);
		if (r < 0 || !(ROLES_ORG_STAFF & RB(r)) || !b->org_id || b->org_id == org_id)
			continue;
		const char *kind = NULL;
		if ((e = store_link_kind(x->c, org_id, b->org_id, &kind, x->a)))
			return err_set(ei, e, NULL, NULL);
		if (kind && (share_kind_bits(kind) & bit))
			return ERR_OK;
	}
	return err_setf(ei, ERR_FORBIDDEN, NULL, "%s does not share its %s with the caller's organisations",
			rec_text(&org, ORG_NAME), what_name(bit));
}

/* A forbidden single read looks like a missing one. */
static enum err hidden(enum err e, const char *what, int64_t id, struct errinfo *ei)
{
	if (e == ERR_FORBIDDEN || e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_NOT_FOUND, "id", "no shared %s with id %lld", what, (long long)id);
	return e;
}

enum err svc_shared_needs(struct ctx *x, int64_t org_id, int64_t after, int limit, struct val *f, struct rec *rows,
			  int *n, struct errinfo *ei)
{
	enum err e = share_gate(x, org_id, SHARE_NEEDS, ei);
	if (e)
		return e;
	entity_filter_int(&need_entity, f, "raised_by_org_id", org_id);
	if ((e = store_list(x->c, &need_entity, &all, after, limit, f, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_shared_need(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei)
{
	enum err e = store_get(x->c, &need_entity, id, &all, out, x->a);
	if (e && e != ERR_NOT_FOUND)
		return err_set(ei, e, NULL, NULL);
	int64_t org = e ? 0 : rec_int(out, NEED_RAISED_BY_ORG_ID, 0);
	e = org ? share_gate(x, org, SHARE_NEEDS, ei) : ERR_NOT_FOUND;
	return hidden(e, "need", id, ei);
}

static void mask_profile(struct ctx *x, struct volunteer_profile *p)
{
	const char *name = p->name ? p->name : "";
	size_t len = mask_name(name, NULL, 0);
	char *m = arena_alloc(x->a, len + 1);
	mask_name(name, m, len + 1);
	p->name = m;
}

enum err svc_shared_volunteers(struct ctx *x, int64_t org_id, int64_t after, int limit,
			       struct volunteer_profile **rows, int *n, struct errinfo *ei)
{
	enum err e = share_gate(x, org_id, SHARE_VOLUNTEERS, ei);
	if (e)
		return e;
	if ((e = store_volunteer_profiles(x->c, org_id, after, limit, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < *n; i++)
		mask_profile(x, &(*rows)[i]);
	return ERR_OK;
}

enum err svc_shared_volunteer(struct ctx *x, int64_t id, struct volunteer_profile *out, struct errinfo *ei)
{
	int found = 0;
	enum err e = store_volunteer_profile(x->c, id, out, &found, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	e = found ? share_gate(x, out->org_id, SHARE_VOLUNTEERS, ei) : ERR_NOT_FOUND;
	if (e)
		return hidden(e, "volunteer", id, ei);
	mask_profile(x, out);
	return ERR_OK;
}

static enum err do_link_delete(struct ctx *x, void *arg, struct errinfo *ei)
{
	int64_t id = *(const int64_t *)arg;
	struct rec *old = arena_alloc(x->a, sizeof *old);
	enum err e = svc_load_for_write(x, &org_link_entity, id, old, ei);
	if (e || (e = res_org_links.authorize(x, old, old, ei)))
		return e;
	if ((e = store_link_delete(x->c, id)))
		return err_set(ei, e, NULL, NULL);
	if ((e = svc_audit(x, "delete", &res_org_links, id, old, NULL)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_org_link_delete(struct ctx *x, int64_t id, struct errinfo *ei)
{
	return svc_tx(x, do_link_delete, &id, ei);
}
