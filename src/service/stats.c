/* stats.c - the statistics of the caller's scope; see stats.h. */
#include "service/stats.h"

#include <string.h>

#include "domain/timefmt.h"
#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "store/stats_store.h"

static int prefix(const char *a, const char *b)
{
	return a && b && strncmp(b, a, strlen(a)) == 0;
}

/* May the caller read statistics of the region with path `path` (NULL:
 * its whole scope)? */
static int may_read(const struct principal *p, const char *path)
{
	if (access_platform(p))
		return 1;
	for (int i = 0; i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		if (r == R_REGIONAL_ADMIN && (!path || prefix(p->roles[i].path, path)))
			return 1;
		if (r >= 0 && (ROLES_ORG_STAFF & RB(r)) && p->roles[i].org_id) {
			const char *rp = p->roles[i].org_region_path;
			if (!path || prefix(rp, path) || prefix(path, rp))
				return 1;
		}
	}
	return 0;
}

/* region_id (0: the caller's whole scope) exists (422) and the caller may
 * read its statistics (403). */
static enum err may_read_region(struct ctx *x, int64_t region_id, struct errinfo *ei)
{
	const char *path = NULL;
	enum err e;
	if (region_id && (e = region_path(x, region_id, "region_id", &path, ei)))
		return e;
	if (!may_read(x->who, path))
		return err_set(ei, ERR_FORBIDDEN, path ? "region_id" : NULL,
			       path ? "the region is outside the caller's scope" : "statistics are for staff");
	return ERR_OK;
}

/* Midnight, China time, starting the first day of month m of year y. */
static int64_t month_start(int y, int m)
{
	while (m < 1) {
		m += 12;
		y--;
	}
	while (m > 12) {
		m -= 12;
		y++;
	}
	return civil_start(y, (unsigned)m, 1);
}

enum err svc_stats_overview(struct ctx *x, int64_t region_id, struct stats_overview *out, struct errinfo *ei)
{
	static const struct scope everything = {.all = 1};
	enum err e = may_read_region(x, region_id, ei);
	if (e)
		return e;
	memset(out, 0, sizeof *out);
	int ymd = today_ymd(x->now), y = ymd / 10000, m = ymd / 100 % 100;
	for (int i = 0; i <= STATS_MONTHS; i++)
		out->month_start[i] = month_start(y, m - (STATS_MONTHS - 1) + i);
	if ((e = store_stats_overview(x->c, x->who ? &x->who->scope : &everything, region_id, out, x->a)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < out->nstages; i++)
		if (strcmp(out->stages[i].key, vstage_name(VS_REGISTERED)) == 0)
			out->volunteers_registered = out->stages[i].n;
	out->sw_volunteer_ratio = sw_volunteer_ratio(out->volunteers_registered, out->social_workers);
	return ERR_OK;
}

enum err svc_stats_ratios(struct ctx *x, int64_t region_id, int64_t target, struct stats_ratios *out,
			  struct errinfo *ei)
{
	static const struct scope everything = {.all = 1};
	enum err e = may_read_region(x, region_id, ei);
	if (e)
		return e;
	if (target < 1 || target > STATS_RATIO_TARGET_MAX)
		return err_setf(ei, ERR_INVALID, "target", "target must be from 1 to %d volunteers per social worker",
				STATS_RATIO_TARGET_MAX);
	memset(out, 0, sizeof *out);
	out->target = target;
	if ((e = store_stats_ratios(x->c, x->who ? &x->who->scope : &everything, region_id, STATS_RATIO_ROWS,
				    &out->workers, &out->nworkers, &out->orgs, &out->norgs, &out->districts,
				    &out->ndistricts, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}
