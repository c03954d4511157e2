/* stats.c - the statistics of the caller's scope; see stats.h. */
#include "service/stats.h"

#include <string.h>

#include "domain/timefmt.h"
#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "domain/workforce.h"
#include "store/stats_store.h"

static int prefix(const char *a, const char *b)
{
	return a && b && strncmp(b, a, strlen(a)) == 0;
}

/* May the caller read statistics of the region with path `path` (NULL:
 * its whole scope)? Org staff only when `org_staff`. */
static int may_read(const struct principal *p, const char *path, int org_staff)
{
	if (access_platform(p))
		return 1;
	for (int i = 0; i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		if (r == R_REGIONAL_ADMIN && (!path || prefix(p->roles[i].path, path)))
			return 1;
		if (org_staff && r >= 0 && (ROLES_ORG_STAFF & RB(r)) && p->roles[i].org_id) {
			const char *rp = p->roles[i].org_region_path;
			if (!path || prefix(rp, path) || prefix(path, rp))
				return 1;
		}
	}
	return 0;
}

/* May the caller read the statistics of region_id (0: its whole scope)?
 * ERR_OK, or 422 for a region that does not exist, 403 outside. */
static enum err stats_gate(struct ctx *x, int64_t region_id, struct errinfo *ei)
{
	const char *path = NULL;
	enum err e;
	if (region_id && (e = region_path(x, region_id, "region_id", &path, ei)))
		return e;
	if (!may_read(x->who, path, 1))
		return err_set(ei, ERR_FORBIDDEN, path ? "region_id" : NULL,
			       path ? "the region is outside the caller's scope" : "statistics are for staff");
	return ERR_OK;
}

static const struct scope *stats_scope(const struct ctx *x)
{
	static const struct scope everything = {.all = 1};
	return x->who ? &x->who->scope : &everything;
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

/* The last STATS_MONTHS months' bounds, this month last. */
static void set_months(const struct ctx *x, struct stats_overview *out)
{
	int ymd = today_ymd(x->now), y = ymd / 10000, m = ymd / 100 % 100;
	for (int i = 0; i <= STATS_MONTHS; i++)
		out->month_start[i] = month_start(y, m - (STATS_MONTHS - 1) + i);
}

/* What the service derives from the counts: the registered volunteers and
 * those per social worker. */
static void derive(struct stats_overview *out)
{
	for (int i = 0; i < out->nstages; i++)
		if (strcmp(out->stages[i].key, vstage_name(VS_REGISTERED)) == 0)
			out->volunteers_registered = out->stages[i].n;
	out->sw_volunteer_ratio = sw_volunteer_ratio(out->volunteers_registered, out->social_workers);
}

enum err svc_stats_overview(struct ctx *x, int64_t region_id, struct stats_overview *out, struct errinfo *ei)
{
	enum err e = stats_gate(x, region_id, ei);
	if (e)
		return e;
	memset(out, 0, sizeof *out);
	set_months(x, out);
	if ((e = store_stats_overview(x->c, stats_scope(x), region_id, out, x->a)))
		return err_set(ei, e, NULL, NULL);
	derive(out);
	return ERR_OK;
}

enum err svc_stats_screen(struct ctx *x, int64_t region_id, struct stats_screen *out, struct errinfo *ei)
{
	const char *path = NULL;
	enum err e;
	if (region_id <= 0)
		return err_set(ei, ERR_INVALID, "region_id", "region_id must be a positive id");
	if ((e = region_path(x, region_id, "region_id", &path, ei)))
		return e;
	if (!may_read(x->who, path, 0))
		return err_set(ei, ERR_FORBIDDEN, "region_id",
			       "the data screen is for platform admins and the regional admins of the region");
	memset(out, 0, sizeof *out);
	out->area.region_id = region_id;
	set_months(x, &out->area.s);
	if ((e = store_stats_screen(x->c, stats_scope(x), out, x->a)))
		return err_set(ei, e, e == ERR_NOT_FOUND ? "region_id" : NULL, NULL);
	derive(&out->area.s);
	for (int i = 0; i < out->nchildren; i++)
		derive(&out->children[i].s);
	return ERR_OK;
}

enum err svc_stats_ratios(struct ctx *x, int64_t region_id, int64_t target, struct stats_ratios *out,
			  struct errinfo *ei)
{
	enum err e = stats_gate(x, region_id, ei);
	if (e)
		return e;
	if (target < 1 || target > STATS_RATIO_TARGET_MAX)
		return err_setf(ei, ERR_INVALID, "target", "target must be from 1 to %d volunteers per social worker",
				STATS_RATIO_TARGET_MAX);
	memset(out, 0, sizeof *out);
	out->target = target;
	if ((e = store_stats_ratios(x->c, stats_scope(x), region_id, STATS_RATIO_ROWS,
				    &out->workers, &out->nworkers, &out->orgs, &out->norgs, &out->districts,
				    &out->ndistricts, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

_Static_assert(STATS_RETENTION_WINDOWS == RETENTION_NWINDOWS, "one count a retention window");

enum err svc_stats_below_norm(struct ctx *x, int64_t region_id, int year, int64_t after_id, int limit,
			      struct below_norm_page *out, struct errinfo *ei)
{
	enum err e = stats_gate(x, region_id, ei);
	if (e)
		return e;
	if (!year)
		year = today_ymd(x->now) / 10000;
	if (year < STATS_YEAR_MIN || year > STATS_YEAR_MAX)
		return err_setf(ei, ERR_INVALID, "year", "year must be from %d to %d", STATS_YEAR_MIN, STATS_YEAR_MAX);
	memset(out, 0, sizeof *out);
	out->year = year;
	if ((e = store_below_norm(x->c, stats_scope(x), region_id, year, VOLUNTEER_NORM_HOURS * 60, after_id, limit,
				  out, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_stats_retention(struct ctx *x, int64_t region_id, struct retention_cohort **out, int *n,
			     struct errinfo *ei)
{
	enum err e = stats_gate(x, region_id, ei);
	if (e)
		return e;
	const struct scope *sc = stats_scope(x);
	int64_t first = 0, now_q = quarter_start(x->now);
	*n = 0;
	*out = arena_alloc(x->a, sizeof **out * RETENTION_COHORTS_MAX);
	if ((e = store_first_registration(x->c, sc, region_id, &first)))
		return err_set(ei, e, NULL, NULL);
	if (!first)
		return ERR_OK;
	int64_t q = quarter_start(first), oldest = time_add_months(now_q, -3 * (RETENTION_COHORTS_MAX - 1));
	if (q < oldest)
		q = oldest;
	for (; q <= now_q; q = time_add_months(q, 3)) {
		struct retention_cohort *c = &(*out)[*n];
		int64_t w[2 * RETENTION_NWINDOWS];
		memset(c, 0, sizeof *c);
		c->quarter = q;
		for (int i = 0; i < RETENTION_NWINDOWS; i++) {
			retention_window(q, retention_months[i], &w[2 * i], &w[2 * i + 1]);
			if (w[2 * i + 1] > x->now)
				w[2 * i] = w[2 * i + 1] = 0;	/* not over: counted as nothing, said as null */
		}
		if ((e = store_retention_cohort(x->c, sc, region_id, time_add_months(q, 3), w, c, x->a)))
			return err_set(ei, e, NULL, NULL);
		for (int i = 0; i < RETENTION_NWINDOWS; i++)
			if (!w[2 * i + 1])
				c->retained[i] = -1;
		if (c->registered)
			(*n)++;
	}
	return ERR_OK;
}
