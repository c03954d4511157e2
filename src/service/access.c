/* access.c - who may write what: role bindings against org/region paths.
 *
 * Reads are scoped in SQL (see model/entity.h); writes are checked here
 * against the path of the org or region the record belongs to. A binding
 * covers a path when the path starts with the binding's own path. */
#include <string.h>

#include "service/service.h"
#include "store/store.h"

static int covers(const char *binding_path, const char *path)
{
	return binding_path && path && strncmp(path, binding_path, strlen(binding_path)) == 0;
}

int access_platform(const struct principal *p)
{
	return !p || (p->role_mask & RB(R_PLATFORM_ADMIN));
}

int access_org(const struct principal *p, unsigned roles, const char *org_path)
{
	if (access_platform(p))
		return 1;
	for (int i = 0; i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		if (r >= 0 && (roles & RB(r)) && p->roles[i].org_id && covers(p->roles[i].path, org_path))
			return 1;
	}
	return 0;
}

int access_region(const struct principal *p, const char *region_path)
{
	if (access_platform(p))
		return 1;
	for (int i = 0; i < p->nroles; i++)
		if (strcmp(p->roles[i].role, "regional_admin") == 0 && covers(p->roles[i].path, region_path))
			return 1;
	return 0;
}

int access_over_region(const struct principal *p, unsigned roles, const char *region_path)
{
	if (access_region(p, region_path))
		return 1;
	for (int i = 0; p && i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		if (r >= 0 && (roles & RB(r)) && p->roles[i].org_id && covers(p->roles[i].org_region_path, region_path))
			return 1;
	}
	return 0;
}

enum err region_path(struct ctx *x, int64_t region_id, const char *field, const char **path, struct errinfo *ei)
{
	struct rec r;
	enum err e = store_get(x->c, entity_get(E_REGION), region_id, NULL, &r, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, field, "%s %lld does not exist", field, (long long)region_id);
	if (e)
		return err_set(ei, e, NULL, NULL);
	*path = rec_text(&r, REGION_PATH);
	return ERR_OK;
}

enum err org_paths(struct ctx *x, int64_t org_id, const char *field, const char **org_path,
		   const char **region_path_out, struct errinfo *ei)
{
	struct rec r;
	enum err e = store_get(x->c, entity_get(E_ORG), org_id, NULL, &r, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, field, "%s %lld does not exist", field, (long long)org_id);
	if (e)
		return err_set(ei, e, NULL, NULL);
	*org_path = rec_text(&r, ORG_PATH);
	if (region_path_out)
		return region_path(x, rec_int(&r, ORG_REGION_ID, 0), field, region_path_out, ei);
	return ERR_OK;
}
