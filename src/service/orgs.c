/* orgs.c - regions, organisations and co-building links.
 *
 * Both regions and orgs keep a materialised path ("/1/4/9/") so that a
 * subtree is a prefix range: scope checks and subtree filters need no
 * recursion. The path holds the row's own id, so it is written right after
 * the insert, in the same transaction. */
#include <string.h>

#include "domain/network.h"
#include "domain/share.h"
#include "service/service.h"
#include "store/store.h"

static enum err region_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	const char *path = NULL;
	enum err e;
	if (old) {
		path = rec_text(old, REGION_PATH);
	} else if (rec_has(nw, REGION_PARENT_ID)) {
		if ((e = region_path(x, rec_int(nw, REGION_PARENT_ID, 0), "parent_id", &path, ei)))
			return e;
	}
	if (!path || !access_region(x->who, path))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only a regional admin of an enclosing region may do this");
	return ERR_OK;
}

static enum err region_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	const char *code = rec_text(nw, REGION_CODE);
	size_t n = strlen(code);
	if (strspn(code, "0123456789") != n || (n != 6 && n != 9 && n != 12))
		return err_set(ei, ERR_INVALID, "code", "code must be 6, 9 or 12 digits");
	int rank = net_level_parse(rec_text(nw, REGION_LEVEL));
	if (rec_has(nw, REGION_PARENT_ID)) {
		struct rec parent;
		enum err e = store_get(x->c, entity_get(E_REGION), rec_int(nw, REGION_PARENT_ID, 0), NULL, &parent, x->a);
		if (e)
			return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "parent_id", "no such parent region");
		if (net_level_parse(rec_text(&parent, REGION_LEVEL)) >= rank)
			return err_set(ei, ERR_INVALID, "level", "a region's level must be below its parent's");
	} else if (rank != 0) {
		return err_set(ei, ERR_REQUIRED, "parent_id", "only a city may have no parent region");
	}
	if (!old)
		rec_set_text(nw, REGION_PATH, "");
	return ERR_OK;
}

/* Write "<parent path><id>/" once the id is known, for a region or an org
 * (keys of its parent_id and path; the parent is of the same entity). */
static enum err set_path(struct ctx *x, struct rec *nw, int parent_id, int path, struct errinfo *ei)
{
	const char *ppath = "/";
	if (rec_has(nw, parent_id)) {
		struct rec parent;
		enum err e = store_get(x->c, nw->e, rec_int(nw, parent_id, 0), NULL, &parent, x->a);
		if (e)
			return err_set(ei, e, "parent_id", NULL);
		ppath = rec_text(&parent, path);
	}
	rec_set_text(nw, path, arena_printf(x->a, "%s%lld/", ppath, (long long)nw->id));
	return store_update(x->c, nw, ei);
}

static enum err region_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return old ? ERR_OK : set_path(x, nw, REGION_PARENT_ID, REGION_PATH, ei);
}

const struct resource res_regions = {
	.e = &region_entity,
	.authorize = region_authorize,
	.prepare = region_prepare,
	.after = region_after,
};

static enum err org_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	const char *rpath = NULL, *opath = NULL;
	enum err e;
	if ((e = region_path(x, rec_int(nw, ORG_REGION_ID, 0), "region_id", &rpath, ei)))
		return e;
	if (old) {
		const char *old_rpath = NULL;
		if ((e = region_path(x, rec_int(old, ORG_REGION_ID, 0), "region_id", &old_rpath, ei)))
			return e;
		if (access_region(x->who, old_rpath) && access_region(x->who, rpath))
			return ERR_OK;
		if (access_org(x->who, RB(R_ORG_ADMIN), rec_text(old, ORG_PATH)) &&
		    rec_int(old, ORG_REGION_ID, 0) == rec_int(nw, ORG_REGION_ID, 0))
			return ERR_OK;
	} else {
		if (access_region(x->who, rpath))
			return ERR_OK;
		if (rec_has(nw, ORG_PARENT_ID)) {
			if ((e = org_paths(x, rec_int(nw, ORG_PARENT_ID, 0), "parent_id", &opath, NULL, ei)))
				return e;
			if (access_org(x->who, RB(R_ORG_ADMIN), opath))
				return ERR_OK;
		}
	}
	return err_set(ei, ERR_FORBIDDEN, NULL, "the organisation is outside the caller's scope");
}

/* The level and path of region `id`, named as `region_id`. */
static enum err region_of(struct ctx *x, int64_t id, int *level, const char **path, struct errinfo *ei)
{
	struct rec r;
	enum err e = store_get(x->c, &region_entity, id, NULL, &r, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, "region_id", "region_id %lld does not exist", (long long)id);
	if (e)
		return err_set(ei, e, NULL, NULL);
	*level = net_level_parse(rec_text(&r, REGION_LEVEL));
	*path = rec_text(&r, REGION_PATH);
	return ERR_OK;
}

static int path_inside(const char *path, const char *outer)
{
	return path && outer && strncmp(path, outer, strlen(outer)) == 0;
}

/* The direct children of org `id` still hold under it as `kind` in the
 * region of path `rpath` (an edit of its kind or region); a refusal names
 * `field`, the child and what it needs. */
static enum err children_hold(struct ctx *x, int64_t id, int kind, const char *rpath, const char *field,
			      struct errinfo *ei)
{
	static const struct scope all = {.all = 1};
	struct val f[5] = {{0}, {.set = 1, .i = id}}; /* every filter of org_entity: parent_id second */
	struct rec *rows = arena_alloc(x->a, sizeof *rows * 100);
	int64_t after = 0;
	for (;;) {
		int n = 0;
		enum err e = store_list(x->c, &org_entity, &all, after, 100, f, rows, &n, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		for (int i = 0; i < n; i++) {
			const char *child = rec_text(&rows[i], ORG_NAME), *cpath;
			int ck = net_kind_parse(rec_text(&rows[i], ORG_KIND)), clevel;
			if (ck >= 0 && !(net_parents_of(ck) & (1u << kind)))
				return err_setf(ei, ERR_INVALID, field, "its child %s (a %s) cannot sit under a %s", child,
						net_kind_name(ck), net_kind_name(kind));
			if ((e = region_of(x, rec_int(&rows[i], ORG_REGION_ID, 0), &clevel, &cpath, ei)))
				return e;
			if (!path_inside(cpath, rpath))
				return err_setf(ei, ERR_INVALID, field, "its child %s lies outside that region", child);
		}
		if (n < 100)
			return ERR_OK;
		after = rows[n - 1].id;
	}
}

/* The network holds (domain/network.h): the kind at its region's level,
 * under a parent of a kind the table allows, inside the parent's region;
 * on an edit of the kind or region, the children too. */
static enum err org_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	if (!old)
		rec_set_text(nw, ORG_PATH, "");
	int kind = net_kind_parse(rec_text(nw, ORG_KIND));
	int64_t region = rec_int(nw, ORG_REGION_ID, 0);
	int moved = old && region != rec_int(old, ORG_REGION_ID, 0);
	int rekinded = old && strcmp(rec_text(nw, ORG_KIND), rec_text(old, ORG_KIND)) != 0;
	if (old && !moved && !rekinded)
		return ERR_OK;
	int level, plevel, pkind = -1;
	const char *rpath, *ppath = NULL, *field, *pname = NULL;
	enum err e;
	if ((e = region_of(x, region, &level, &rpath, ei)))
		return e;
	if (rec_has(nw, ORG_PARENT_ID)) {
		struct rec parent;
		if ((e = store_get(x->c, &org_entity, rec_int(nw, ORG_PARENT_ID, 0), NULL, &parent, x->a)))
			return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "parent_id", "no such parent organisation");
		pkind = net_kind_parse(rec_text(&parent, ORG_KIND));
		pname = rec_text(&parent, ORG_NAME);
		if ((e = region_of(x, rec_int(&parent, ORG_REGION_ID, 0), &plevel, &ppath, ei)))
			return e;
	}
	char msg[256];
	if (net_place_check(kind, level, pkind, &field, msg, sizeof msg))
		return err_set(ei, ERR_INVALID, rekinded && strcmp(field, "region_id") == 0 ? "kind" : field, msg);
	if (ppath && !path_inside(rpath, ppath))
		return err_setf(ei, ERR_INVALID, "region_id", "the region must lie inside the region of its parent %s",
				pname);
	return old ? children_hold(x, old->id, kind, rpath, moved ? "region_id" : "kind", ei) : ERR_OK;
}

static enum err org_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return old ? ERR_OK : set_path(x, nw, ORG_PARENT_ID, ORG_PATH, ei);
}

const struct resource res_orgs = {
	.e = &org_entity,
	.authorize = org_authorize,
	.prepare = org_prepare,
	.after = org_after,
};

/* A link is written by whoever may update its org. */
static enum err link_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec org;
	enum err e = svc_load_visible(x, &org_entity, rec_int(nw, ORG_LINK_ORG_ID, 0), &org, ei);
	if (e)
		return e;
	return org_authorize(x, &org, &org, ei);
}

static enum err link_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)x;
	(void)old;
	if (rec_int(nw, ORG_LINK_ORG_ID, 0) == rec_int(nw, ORG_LINK_OTHER_ORG_ID, 0))
		return err_set(ei, ERR_INVALID, "other_org_id", "an organisation cannot link to itself");
	/* sharing needs the granting org's word: a link without one shares
	 * nothing (domain/share.h) */
	if (!rec_has(nw, ORG_LINK_KIND))
		rec_set_text(nw, ORG_LINK_KIND, share_kind_name(SK_LIAISON));
	return ERR_OK;
}

/* Links are changed (kind, note: PATCH /org-links/{id}) and removed
 * (service/share.c) by whoever may write them, as they are made. */
const struct resource res_org_links = {
	.e = &org_link_entity,
	.authorize = link_authorize,
	.prepare = link_prepare,
};
