/* share.h - what a co-building link (组织联建) lets the partner read
 * (issue 15, domain/share.h). A link org A -> org B, written by A's
 * admins, lets the staff (org_admin, supervisor, social_worker) bound to
 * B itself read what its kind shares of A's own rows: the needs A raised,
 * and the public profiles of A's registered (and inactive) volunteers. Not
 * B's sub-orgs or parents, not B's volunteers, residents or donors, and
 * never a write. Those who read A's data anyway (platform admins, staff
 * over A, regional admins over A's region) see the same views, to check
 * what A shares. */
#ifndef LD_SERVICE_SHARE_H
#define LD_SERVICE_SHARE_H

#include "model/share_rows.h"
#include "service/service.h"

/* The needs org_id raised (filters f as the needs list's, its
 * raised_by_org_id replaced), by id after `after`, at most `limit`. 404
 * naming id for no such org; 403 unless the caller may read them. */
enum err svc_shared_needs(struct ctx *x, int64_t org_id, int64_t after, int limit, struct val *f, struct rec *rows,
			  int *n, struct errinfo *ei);
/* Need `id`, when an org raised it and the caller may read that org's
 * shared needs; 404 otherwise (whether or not it exists). */
enum err svc_shared_need(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei);
/* The public profiles of org_id's volunteers, names masked; as
 * svc_shared_needs. */
enum err svc_shared_volunteers(struct ctx *x, int64_t org_id, int64_t after, int limit,
			       struct volunteer_profile **rows, int *n, struct errinfo *ei);
/* One profile; 404 unless the caller may read it. */
enum err svc_shared_volunteer(struct ctx *x, int64_t id, struct volunteer_profile *out, struct errinfo *ei);
/* Remove link `id`: whoever may write it (its granting org's admins,
 * regional admins over that org, platform admins; 403 else), audited as
 * "delete". Its access ends with the commit. */
enum err svc_org_link_delete(struct ctx *x, int64_t id, struct errinfo *ei);

#endif
