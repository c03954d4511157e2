/* stats_store.c - static SQL for the statistics; see stats_store.h.
 * Portable between SQLite and PostgreSQL: no date functions (the months are
 * bounds bound as parameters), subtrees as path-prefix ranges. */
#include "store/stats_store.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "model/scope_sql.h"
#include "store/figures_sql.h"
#include "store/store_int.h"

/* Parameters: ?1..?11 the caller's scope (model/entity.h), ?12 the region
 * filter (0 = none), ?13..?25 the month bounds. */
#define IN_SCOPE(col) "(?1 = 1 OR " IN_ORG_SCOPE(col) " OR " ORG_IN_REGION_SCOPE(col) ")"
/* col is an org (every org without a region filter): a list the planner
 * can seek an index by, org by org (migration 025), where "?12 = 0 OR col
 * IN (...)" read every row and tested it */
#define IN_FILTER(col)                                                                                     \
	col " IN (SELECT h.id FROM orgs h WHERE ?12 = 0 OR h.region_id IN (SELECT f2.id FROM regions f2,"   \
	" regions f1 WHERE f1.id = ?12 AND f2.path >= f1.path AND f2.path < f1.path || '~'))"
#define ORG_OK(col) IN_SCOPE(col) " AND " IN_FILTER(col)
#define KIND(k) "COALESCE(SUM(CASE WHEN o.kind " k " THEN 1 ELSE 0 END), 0)"
/* a month's minutes from the rollup (migration 026), whose keys are the
 * month bounds bound here */
#define MONTH(a, b) ", COALESCE(SUM(CASE WHEN m.month >= ?" #a " AND m.month < ?" #b " THEN m.minutes ELSE 0 END), 0)"

/* The read scope of a need, as in model/entities_care.c (without the
 * raiser's own: statistics are for staff). */
#define NEED_IN_SCOPE                                                                              \
	"(?1 = 1 OR " IN_ORG_SCOPE("n.raised_by_org_id")                                           \
	" OR n.assigned_social_worker_id IN (SELECT nw.id FROM social_workers nw WHERE "           \
	IN_ORG_SCOPE("nw.org_id") ")"                                                              \
	" OR n.region_id IN (SELECT nr.id FROM orgs nq, regions nqr, regions nr WHERE ("           \
	PATH_IN_ORG_SCOPE("nq.path") ") AND nqr.id = nq.region_id"                                 \
	" AND nr.path >= nqr.path AND nr.path < nqr.path || '~')"                                  \
	" OR " IN_REGION_SCOPE("n.region_id") ")"

/* col's org in district d's subtree: the district's orgs first, then the
 * rows by their org (an index seek each) */
#define IN_DISTRICT(col) col " IN (SELECT o.id FROM orgs o JOIN regions r ON r.id = o.region_id" \
	" WHERE r.path >= d.path AND r.path < d.path || '~') AND "

/* The distinct people among the volunteers of stage `stage` whose org (s.,
 * x.) passes `where`: the rows counted by the rollup (migration 026) less
 * the repeats among the people with several volunteer rows, who are few
 * (volunteer_people_multi); no volunteer row is read for anyone else. */
#define VOLUNTEER_PEOPLE(stage, where_s, where_x)                                                            \
	"(SELECT COALESCE(SUM(s.volunteers), 0) FROM org_stage_volunteers s WHERE s.stage = " stage " AND "  \
	where_s ") - (SELECT COUNT(*) - COUNT(DISTINCT x.person_id) FROM volunteer_people_multi mp"          \
	" CROSS JOIN volunteers x WHERE x.person_id = mp.person_id AND x.stage = " stage " AND " where_x ")"

static struct stmt q_orgs = STMT("SELECT " KIND("= 'social_work_station'") ", " KIND("= 'social_work_room'") ", "
				 KIND("= 'sw_agency'") ", " KIND("IN ('volunteer_hub', 'volunteer_team')")
				 " FROM orgs o WHERE " ORG_OK("o.id"));
static struct stmt q_workers =
	STMT("SELECT COUNT(DISTINCT w.person_id), COUNT(DISTINCT CASE WHEN w.qualification <> 'none'"
	     " THEN w.person_id END) FROM social_workers w WHERE " ORG_OK("w.org_id"));
static struct stmt q_stages =
	STMT("SELECT g.stage, " VOLUNTEER_PEOPLE("g.stage", ORG_OK("s.org_id"), ORG_OK("x.org_id"))
	     " FROM (SELECT DISTINCT stage FROM org_stage_volunteers t WHERE " ORG_OK("t.org_id") ") g"
	     " ORDER BY g.stage");
static struct stmt q_hours =
	STMT("SELECT COALESCE(SUM(m.minutes), 0)" MONTH(13, 14) MONTH(14, 15) MONTH(15, 16) MONTH(16, 17)
	     MONTH(17, 18) MONTH(18, 19) MONTH(19, 20) MONTH(20, 21) MONTH(21, 22) MONTH(22, 23)
	     MONTH(23, 24) MONTH(24, 25)
	     " FROM org_month_minutes m WHERE " ORG_OK("m.org_id"));
static struct stmt q_needs =
	STMT("SELECT n.status, COUNT(*) FROM needs n WHERE " NEED_IN_SCOPE
	     " AND (?12 = 0 OR n.region_id IN (SELECT f2.id FROM regions f2, regions f1 WHERE f1.id = ?12"
	     " AND f2.path >= f1.path AND f2.path < f1.path || '~')) GROUP BY n.status ORDER BY n.status");
static struct stmt q_districts =
	STMT("SELECT d.id, d.name,"
	     " (SELECT COUNT(DISTINCT x.person_id) FROM social_workers x WHERE " IN_DISTRICT("x.org_id")
	     ORG_OK("x.org_id") "), "
	     VOLUNTEER_PEOPLE("'registered'", IN_DISTRICT("s.org_id") ORG_OK("s.org_id"),
			      IN_DISTRICT("x.org_id") ORG_OK("x.org_id"))
	     " FROM regions d WHERE d.level = 'district' ORDER BY d.id");

#define IN_SUBTREE(a, o) a ".path >= " o ".path AND " a ".path < " o ".path || '~'"
static struct stmt q_ratio_workers =
	STMT("SELECT w.id, p.name, w.org_id, 1, (SELECT COUNT(*) FROM volunteers v WHERE v.lead_social_worker_id = w.id"
	     " AND v.stage = 'registered') FROM social_workers w JOIN people p ON p.id = w.person_id WHERE "
	     ORG_OK("w.org_id") " ORDER BY w.id LIMIT ?13");
static struct stmt q_ratio_orgs =
	STMT("SELECT o.id, o.name, o.id,"
	     " (SELECT COUNT(DISTINCT x.person_id) FROM social_workers x JOIN orgs ox ON ox.id = x.org_id WHERE "
	     IN_SUBTREE("ox", "o") "),"
	     " (SELECT COUNT(DISTINCT x.person_id) FROM volunteers x WHERE x.stage = 'registered' AND x.org_id IN"
	     " (SELECT ox.id FROM orgs ox WHERE " IN_SUBTREE("ox", "o") "))"
	     " FROM orgs o WHERE " ORG_OK("o.id") " AND EXISTS (SELECT 1 FROM social_workers w WHERE w.org_id = o.id)"
	     " ORDER BY o.id LIMIT ?13");

#define NPARAMS (12 + STATS_MONTHS + 1)

static enum err counts(struct store_conn *c, struct stmt *st, const struct sval *p, int np, struct stat_count **out,
		       int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, st, p, np, &rows, 1000, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct stat_count){sv_text(&v[0], a), sv_int(&v[1])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

/* The districts with anyone counted (parameters ?1..?12 of p). */
static enum err district_counts(struct store_conn *c, const struct sval *p, struct district_stat **out, int *n,
				struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, &q_districts, p, 12, &rows, 100000, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	*n = 0;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		struct district_stat d = {sv_int(&v[0]), sv_text(&v[1], a), sv_int(&v[2]), sv_int(&v[3])};
		if (d.social_workers || d.volunteers_registered)
			(*out)[(*n)++] = d;
	}
	return ERR_OK;
}

/* The counts of the overview but its needs and districts (p as there). */
static enum err stats_counts(struct store_conn *c, const struct sval *p, struct stats_overview *out, struct arena *a)
{
	struct srows rows = {0};
	enum err e;

	if ((e = store_run(c, &q_orgs, p, 12, &rows, 1, a, NULL)))
		return e;
	if (rows.nrows) {
		out->stations = sv_int(&rows.v[0]);
		out->rooms = sv_int(&rows.v[1]);
		out->agencies = sv_int(&rows.v[2]);
		out->volunteer_orgs = sv_int(&rows.v[3]);
	}
	if ((e = store_run(c, &q_workers, p, 12, &rows, 1, a, NULL)))
		return e;
	if (rows.nrows) {
		out->social_workers = sv_int(&rows.v[0]);
		out->certified_social_workers = sv_int(&rows.v[1]);
	}
	if ((e = store_run(c, &q_hours, p, NPARAMS, &rows, 1, a, NULL)))
		return e;
	if (rows.nrows) {
		out->minutes = sv_int(&rows.v[0]);
		for (int i = 0; i < STATS_MONTHS; i++)
			out->month_minutes[i] = sv_int(&rows.v[1 + i]);
	}
	return counts(c, &q_stages, p, 12, &out->stages, &out->nstages, a);
}

static void stats_params(struct sval p[NPARAMS], const struct scope *sc, int64_t region_id,
			 const struct stats_overview *out)
{
	scope_params(p, sc);
	p[11] = P_int(region_id);
	for (int i = 0; i <= STATS_MONTHS; i++)
		p[12 + i] = P_int(out->month_start[i]);
}

enum err store_stats_overview(struct store_conn *c, const struct scope *sc, int64_t region_id,
			      struct stats_overview *out, struct arena *a)
{
	struct sval p[NPARAMS];
	enum err e;
	stats_params(p, sc, region_id, out);
	if ((e = stats_counts(c, p, out, a)))
		return e;
	if ((e = counts(c, &q_needs, p, 12, &out->needs, &out->nneeds, a)))
		return e;
	return district_counts(c, p, &out->districts, &out->ndistricts, a);
}

/* ---- the city data screen (issue 18) ----
 * Parameters as the overview's: ?1..?11 the scope, ?12 the region filter,
 * then each statement's own. */

/* Needs in the caller's read scope and in region ?12's subtree. */
#define NEED_OK                                                                                           	NEED_IN_SCOPE " AND (?12 = 0 OR n.region_id IN (SELECT f2.id FROM regions f2, regions f1 WHERE"     	" f1.id = ?12 AND f2.path >= f1.path AND f2.path < f1.path || '~'))"
/* ?13, ?14 the period: needs that went into service in it, clients with
 * verified service starting in it */
static struct stmt q_served =
	STMT("SELECT COUNT(*) FROM " PEOPLE_SERVED(NEED_OK " AND EXISTS (SELECT 1 FROM need_events ne WHERE"
						    " ne.need_id = n.id AND ne.to_status = 'in_service' AND ne.at >= ?13"
						    " AND ne.at < ?14)", ORG_OK("c.org_id"),
						    "sr.starts_at >= ?13 AND sr.starts_at < ?14") " served");
/* driven from the period's moves into registered (migration 025), not
 * from every volunteer: FIRST_REGISTERED_IN (figures_sql.h) with its
 * events first */
static struct stmt q_new_volunteers =
	STMT("SELECT COUNT(DISTINCT v.person_id) FROM volunteer_stage_events e JOIN volunteers v ON v.id = e.volunteer_id"
	     " WHERE e.to_stage = 'registered' AND e.at >= ?13 AND e.at < ?14 AND NOT EXISTS (SELECT 1"
	     " FROM volunteer_stage_events e0 WHERE e0.volunteer_id = e.volunteer_id AND e0.to_stage = 'registered'"
	     " AND e0.at < ?13) AND " ORG_OK("v.org_id"));
/* Per activity mode: the activities, minutes and distinct people of the
 * verified records, from the index of migration 027 only. The people are
 * the distinct volunteer rows less the repeats among the people with
 * several (volunteer_people_multi, as VOLUNTEER_PEOPLE): no volunteer row
 * is read for anyone else. */
static struct stmt q_modes =
	STMT("SELECT g.mode, g.activities, g.minutes, g.volunteers - COALESCE(k.repeats, 0) FROM"
	     " (SELECT COALESCE(a.mode, '') AS mode, COUNT(DISTINCT a.id) AS activities, SUM(r.minutes) AS minutes,"
	     " COUNT(DISTINCT r.volunteer_id) AS volunteers FROM service_records r"
	     " LEFT JOIN activities a ON a.id = r.activity_id WHERE r.status = 'verified' AND " ORG_OK("r.org_id")
	     " GROUP BY COALESCE(a.mode, '')) g"
	     " LEFT JOIN (SELECT m.mode, SUM(m.n - 1) AS repeats FROM (SELECT COALESCE(xa.mode, '') AS mode,"
	     " x.person_id, COUNT(DISTINCT x.id) AS n FROM volunteer_people_multi mp CROSS JOIN volunteers x"
	     " CROSS JOIN service_records xr LEFT JOIN activities xa ON xa.id = xr.activity_id"
	     " WHERE x.person_id = mp.person_id AND xr.volunteer_id = x.id AND xr.status = 'verified' AND "
	     ORG_OK("xr.org_id") " GROUP BY COALESCE(xa.mode, ''), x.person_id) m GROUP BY m.mode) k"
	     " ON k.mode = g.mode ORDER BY 3 DESC, 1");
/* the region ?1 first, then its children by id */
static struct stmt q_region_children =
	STMT("SELECT id, name, level FROM regions WHERE id = ?1 OR parent_id = ?1"
	     " ORDER BY CASE WHEN id = ?1 THEN 0 ELSE 1 END, id");

static enum err screen_served(struct store_conn *c, struct sval *p, int64_t from, int64_t to, int64_t *n)
{
	p[12] = P_int(from);
	p[13] = P_int(to);
	return store_run_int(c, &q_served, p, 14, n);
}

/* The area's counts, all-time people served included. */
static enum err screen_area(struct store_conn *c, const struct scope *sc, struct screen_area *out, struct arena *a)
{
	struct sval p[NPARAMS];
	enum err e;
	stats_params(p, sc, out->region_id, &out->s);
	if ((e = stats_counts(c, p, &out->s, a)))
		return e;
	return screen_served(c, p, INT64_MIN, INT64_MAX, &out->people_served);
}

enum err store_stats_screen(struct store_conn *c, const struct scope *sc, struct stats_screen *out, struct arena *a)
{
	struct sval p[NPARAMS];
	struct srows rows = {0};
	enum err e;

	p[0] = P_int(out->area.region_id);
	if ((e = store_run(c, &q_region_children, p, 1, &rows, 10000, a, NULL)))
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	out->children = arena_alloc(a, sizeof *out->children * (size_t)rows.nrows);
	out->nchildren = rows.nrows - 1;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		struct screen_area *ar = i ? &out->children[i - 1] : &out->area;
		ar->region_id = sv_int(&v[0]);
		ar->name = sv_text(&v[1], a);
		ar->level = sv_text(&v[2], a);
		if (i)
			memcpy(ar->s.month_start, out->area.s.month_start, sizeof ar->s.month_start);
	}
	if ((e = screen_area(c, sc, &out->area, a)))
		return e;
	for (int i = 0; i < out->nchildren; i++)
		if ((e = screen_area(c, sc, &out->children[i], a)))
			return e;

	stats_params(p, sc, out->area.region_id, &out->area.s);
	for (int i = 0; i < STATS_MONTHS; i++) {
		int64_t from = out->area.s.month_start[i], to = out->area.s.month_start[i + 1];
		if ((e = screen_served(c, p, from, to, &out->month_served[i])))
			return e;
		if ((e = store_run_int(c, &q_new_volunteers, p, 14, &out->month_new_volunteers[i])))
			return e;
	}
	if ((e = store_run(c, &q_modes, p, 12, &rows, 100, a, NULL)))
		return e;
	out->modes = arena_alloc(a, sizeof *out->modes * (size_t)(rows.nrows + 1));
	out->nmodes = rows.nrows;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		out->modes[i] = (struct screen_mode){sv_text(&v[0], a), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[3])};
	}
	return ERR_OK;
}

static enum err ratio_rows(struct store_conn *c, struct stmt *st, const struct sval *p, int limit,
			   struct ratio_row **out, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, st, p, 13, &rows, limit, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct ratio_row){sv_int(&v[0]), sv_text(&v[1], a), sv_int(&v[2]), sv_int(&v[3]),
					       sv_int(&v[4])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_stats_ratios(struct store_conn *c, const struct scope *sc, int64_t region_id, int limit,
			    struct ratio_row **workers, int *nworkers, struct ratio_row **orgs, int *norgs,
			    struct district_stat **districts, int *ndistricts, struct arena *a)
{
	struct sval p[13];
	scope_params(p, sc);
	p[11] = P_int(region_id);
	p[12] = P_int(limit);
	enum err e = ratio_rows(c, &q_ratio_workers, p, limit, workers, nworkers, a);
	if (!e)
		e = ratio_rows(c, &q_ratio_orgs, p, limit, orgs, norgs, a);
	if (!e)
		e = district_counts(c, p, districts, ndistricts, a);
	return e;
}

/* ---- workforce analytics (issue 15) ----
 * Parameters as above (?1..?11 the scope, ?12 the region filter), then
 * each statement's own. */

/* Registered volunteers in scope with their verified minutes of year ?13
 * from the rollup (volunteer_hours, kept by every verify and void). */
#define HOURS_OF_YEAR " LEFT JOIN volunteer_hours h ON h.volunteer_id = v.id AND h.year = ?13"
#define REGISTERED_IN_SCOPE " WHERE v.stage = 'registered' AND " ORG_OK("v.org_id")

/* ?14 the norm in minutes, ?15 the last id of the page before, ?16 the
 * page's size */
static struct stmt q_below_norm =
	STMT("SELECT v.id, p.name, v.volunteer_no, COALESCE(h.minutes, 0), (SELECT MAX(r.starts_at)"
	     " FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'verified')"
	     " FROM volunteers v JOIN people p ON p.id = v.person_id" HOURS_OF_YEAR REGISTERED_IN_SCOPE
	     " AND COALESCE(h.minutes, 0) < ?14 AND v.id > ?15 ORDER BY v.id LIMIT ?16");
static struct stmt q_below_norm_totals =
	STMT("SELECT COUNT(*), COALESCE(SUM(CASE WHEN COALESCE(h.minutes, 0) < ?14 THEN 1 ELSE 0 END), 0)"
	     " FROM volunteers v" HOURS_OF_YEAR REGISTERED_IN_SCOPE);

enum err store_below_norm(struct store_conn *c, const struct scope *sc, int64_t region_id, int year,
			  int64_t norm_minutes, int64_t after_id, int limit, struct below_norm_page *out,
			  struct arena *a)
{
	struct sval p[16];
	struct srows rows = {0};
	enum err e;

	scope_params(p, sc);
	p[11] = P_int(region_id);
	p[12] = P_int(year);
	p[13] = P_int(norm_minutes);
	p[14] = P_int(after_id);
	p[15] = P_int(limit + 1);
	if ((e = store_run(c, &q_below_norm_totals, p, 14, &rows, 1, a, NULL)))
		return e;
	out->registered = rows.nrows ? sv_int(&rows.v[0]) : 0;
	out->below = rows.nrows ? sv_int(&rows.v[1]) : 0;
	if ((e = store_run(c, &q_below_norm, p, 16, &rows, limit + 1, a, NULL)))
		return e;
	out->more = rows.nrows > limit;
	out->n = out->more ? limit : rows.nrows;
	out->items = arena_alloc(a, sizeof *out->items * (size_t)(out->n + 1));
	for (int i = 0; i < out->n; i++) {
		const struct sval *v = srows_row(&rows, i);
		out->items[i] = (struct below_norm_row){sv_int(&v[0]), sv_text(&v[1], a), sv_text(&v[2], a),
							sv_int(&v[3]), sv_int(&v[4])};
	}
	return ERR_OK;
}

/* Retention from the cohort rollups (migration 026): a volunteer's cohort
 * is the quarter of its first move into registered, [?13, ?14) the cohort
 * asked for, each window a calendar quarter [?15, ?16) ... [?21, ?22)
 * (0, 0 for a window not over). */
#define SERVED(a, b) ", COALESCE(SUM(CASE WHEN s.quarter >= ?" #a " AND s.quarter < ?" #b " THEN s.volunteers ELSE 0 END), 0)"

static struct stmt q_first_registration =
	STMT("SELECT MIN(k.cohort) FROM cohort_volunteers k WHERE " ORG_OK("k.org_id"));
static struct stmt q_cohort =
	STMT("SELECT a.n, a.inactive, a.withdrawn, b.w1, b.w2, b.w3, b.w4 FROM (SELECT COALESCE(SUM(k.volunteers), 0) AS n,"
	     " COALESCE(SUM(CASE WHEN k.stage = 'inactive' THEN k.volunteers ELSE 0 END), 0) AS inactive,"
	     " COALESCE(SUM(CASE WHEN k.stage = 'withdrawn' THEN k.volunteers ELSE 0 END), 0) AS withdrawn"
	     " FROM cohort_volunteers k WHERE k.cohort >= ?13 AND k.cohort < ?14 AND " ORG_OK("k.org_id") ") a,"
	     " (SELECT 0 AS z" SERVED(15, 16) " AS w1" SERVED(17, 18) " AS w2" SERVED(19, 20) " AS w3" SERVED(21, 22)
	     " AS w4 FROM cohort_served s WHERE s.cohort >= ?13 AND s.cohort < ?14 AND " ORG_OK("s.org_id") ") b");

enum err store_first_registration(struct store_conn *c, const struct scope *sc, int64_t region_id, int64_t *at)
{
	struct sval p[12];
	scope_params(p, sc);
	p[11] = P_int(region_id);
	return store_run_int(c, &q_first_registration, p, 12, at);
}

enum err store_retention_cohort(struct store_conn *c, const struct scope *sc, int64_t region_id, int64_t to,
				const int64_t windows[2 * STATS_RETENTION_WINDOWS], struct retention_cohort *out,
				struct arena *a)
{
	struct sval p[14 + 2 * STATS_RETENTION_WINDOWS];
	struct srows rows = {0};
	scope_params(p, sc);
	p[11] = P_int(region_id);
	p[12] = P_int(out->quarter);
	p[13] = P_int(to);
	for (int i = 0; i < 2 * STATS_RETENTION_WINDOWS; i++)
		p[14 + i] = P_int(windows[i]);
	enum err e = store_run(c, &q_cohort, p, 14 + 2 * STATS_RETENTION_WINDOWS, &rows, 1, a, NULL);
	if (e || !rows.nrows)
		return e;
	out->registered = sv_int(&rows.v[0]);
	out->inactive = sv_int(&rows.v[1]);
	out->withdrawn = sv_int(&rows.v[2]);
	for (int i = 0; i < STATS_RETENTION_WINDOWS; i++)
		out->retained[i] = sv_int(&rows.v[3 + i]);
	return ERR_OK;
}

/* ---- the rollups of migration 026, built whole ---- */

/* the quarter (or month) starting at or before col, 0 before 1970 */
#define QUARTER_OF(col)                                                                                   \
	"COALESCE((SELECT m.quarter_at FROM stats_months m WHERE m.start_at <= " col                      \
	" ORDER BY m.start_at DESC LIMIT 1), 0)"
#define MONTH_OF(col) "COALESCE((SELECT MAX(m.start_at) FROM stats_months m WHERE m.start_at <= " col "), 0)"

/* Each rollup: its table, its columns, and the SELECT of them from the
 * rows. In order: cohort_volunteers and cohort_served read volunteer_cohorts
 * and volunteer_quarters, so they come after them (and a check of them
 * compares them with those two, checked just before). */
static const struct rollup {
	const char *table, *cols, *select;
} rollups[] = {
	{"org_month_minutes", "org_id, month, minutes, records",
	 "SELECT r.org_id, " MONTH_OF("r.starts_at") ", SUM(r.minutes), COUNT(*) FROM service_records r"
	 " WHERE r.status = 'verified' GROUP BY 1, 2"},
	{"org_stage_volunteers", "org_id, stage, volunteers",
	 "SELECT org_id, stage, COUNT(*) FROM volunteers GROUP BY org_id, stage"},
	{"volunteer_people_multi", "person_id",
	 "SELECT person_id FROM volunteers GROUP BY person_id HAVING COUNT(*) > 1"},
	{"volunteer_cohorts", "volunteer_id, cohort",
	 "SELECT f.volunteer_id, " QUARTER_OF("f.first") " FROM (SELECT volunteer_id, MIN(at) AS first"
	 " FROM volunteer_stage_events WHERE to_stage = 'registered' GROUP BY volunteer_id) f"},
	{"volunteer_quarters", "volunteer_id, quarter, records",
	 "SELECT r.volunteer_id, " QUARTER_OF("r.starts_at") ", COUNT(*) FROM service_records r"
	 " WHERE r.status = 'verified' GROUP BY 1, 2"},
	{"cohort_volunteers", "org_id, cohort, stage, volunteers",
	 "SELECT v.org_id, c.cohort, v.stage, COUNT(*) FROM volunteers v JOIN volunteer_cohorts c"
	 " ON c.volunteer_id = v.id GROUP BY v.org_id, c.cohort, v.stage"},
	{"cohort_served", "org_id, cohort, quarter, volunteers",
	 "SELECT v.org_id, c.cohort, q.quarter, COUNT(*) FROM volunteer_quarters q JOIN volunteer_cohorts c"
	 " ON c.volunteer_id = q.volunteer_id JOIN volunteers v ON v.id = q.volunteer_id"
	 " GROUP BY v.org_id, c.cohort, q.quarter"},
};
#define NROLLUPS ((int)(sizeof rollups / sizeof *rollups))

/* Built once from the table: each rollup emptied, filled from its SELECT,
 * and checked against it (the rows its SELECT gives that the table lacks,
 * the table's rows its SELECT does not give, the table's rows: one
 * statement, so one snapshot, per rollup). */
static struct stmt q_empty[NROLLUPS], q_fill[NROLLUPS], q_check[NROLLUPS];
static pthread_once_t rollup_sql_once = PTHREAD_ONCE_INIT;

static void build_rollup_sql(void)
{
	for (int i = 0; i < NROLLUPS; i++) {
		const struct rollup *r = &rollups[i];
		struct sb b = {0};
		sb_addf(&b, "DELETE FROM %s", r->table);
		q_empty[i].sql = b.p;
		b = (struct sb){0};
		sb_addf(&b, "INSERT INTO %s (%s) %s", r->table, r->cols, r->select);
		q_fill[i].sql = b.p;
		b = (struct sb){0};
		sb_addf(&b, "SELECT (SELECT COUNT(*) FROM (%s EXCEPT SELECT %s FROM %s) m),", r->select, r->cols, r->table);
		sb_addf(&b, " (SELECT COUNT(*) FROM (SELECT %s FROM %s EXCEPT %s) x),", r->cols, r->table, r->select);
		sb_addf(&b, " (SELECT COUNT(*) FROM %s)", r->table);
		q_check[i].sql = b.p;
	}
}

/* the pause taken: on PostgreSQL a second process starting at once waits
 * for the first's rebuild here, then finds nothing to take */
static struct stmt q_paused = STMT("DELETE FROM stats_rollups_paused RETURNING paused");
static struct stmt q_pause = STMT("INSERT INTO stats_rollups_paused (paused) VALUES (1)");
static struct stmt q_is_paused = STMT("SELECT 1 FROM stats_rollups_paused LIMIT 1");

enum err store_rollups_pause(struct store_conn *c)
{
	return store_run(c, &q_pause, NULL, 0, NULL, 0, NULL, NULL);
}

enum err store_rollups_paused(struct store_conn *c, int *paused)
{
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	enum err e = store_run(c, &q_is_paused, NULL, 0, &rows, 1, &a, NULL);
	*paused = !e && rows.nrows > 0;
	arena_release(&a);
	return e;
}

enum err store_rollups_rebuild(struct store_conn *c)
{
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	pthread_once(&rollup_sql_once, build_rollup_sql);
	enum err e = store_run(c, &q_paused, NULL, 0, &rows, 1, &a, NULL);
	for (int i = 0; !e && rows.nrows && i < NROLLUPS; i++)
		e = store_run(c, &q_empty[i], NULL, 0, NULL, 0, NULL, NULL);
	for (int i = 0; !e && rows.nrows && i < NROLLUPS; i++)
		e = store_run(c, &q_fill[i], NULL, 0, NULL, 0, NULL, NULL);
	arena_release(&a);
	return e;
}

enum err store_rollups_check(struct store_conn *c, rollup_check_fn *each, void *arg, int *bad)
{
	pthread_once(&rollup_sql_once, build_rollup_sql);
	*bad = 0;
	for (int i = 0; i < NROLLUPS; i++) {
		struct arena a = ARENA_INIT;
		struct srows rows = {0};
		enum err e = store_run(c, &q_check[i], NULL, 0, &rows, 1, &a, NULL);
		if (!e && rows.nrows) {
			int64_t missing = sv_int(&rows.v[0]), extra = sv_int(&rows.v[1]);
			*bad += missing || extra;
			each(rollups[i].table, missing, extra, sv_int(&rows.v[2]), arg);
		}
		arena_release(&a);
		if (e)
			return e;
	}
	return ERR_OK;
}
