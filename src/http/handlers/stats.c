/* stats.c - GET /api/v1/stats/overview: the statistics of the caller's scope
 * (service/stats.h), with what the dashboard's charts need; and the
 * workforce analytics of issue 15: /stats/below-norm, /stats/retention. */
#include <string.h>

#include "domain/timefmt.h"
#include "domain/service_rules.h"
#include "domain/workforce.h"
#include "http/handlers/handlers.h"
#include "service/stats.h"

static json_t *counts(const struct stat_count *c, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:I}", "key", c[i].key, "count", (json_int_t)c[i].n));
	return a;
}

/* The optional region_id: 0 (absent or read into *region), or -1 after
 * replying 400 (not an integer) or 422 (not a positive id). */
static int query_region(struct req *r, int64_t *region)
{
	int got = query_int(r, "region_id", region);
	if (got < 0)
		return -1;
	if (got && *region <= 0) {
		reply_errc(r, ERR_INVALID, "region_id", "region_id must be a positive id");
		return -1;
	}
	return 0;
}

void h_stats_overview(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = 0;
	if (query_region(r, &region) < 0)
		return;
	struct stats_overview s;
	struct errinfo ei;
	if (svc_stats_overview(x, region, &s, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *months = json_array();
	for (int i = 0; i < STATS_MONTHS; i++) {
		char t[32], ym[8];
		time_format(s.month_start[i] + 12 * 3600, t);
		memcpy(ym, t, 7);
		ym[7] = 0;
		json_array_append_new(months, json_pack("{s:s,s:f}", "month", ym, "hours",
							minutes_to_hours(s.month_minutes[i])));
	}
	json_t *districts = json_array();
	for (int i = 0; i < s.ndistricts; i++)
		json_array_append_new(districts, json_pack("{s:I,s:s,s:I,s:I}", "region_id",
							   (json_int_t)s.districts[i].region_id, "name",
							   s.districts[i].name, "social_workers",
							   (json_int_t)s.districts[i].social_workers,
							   "volunteers_registered",
							   (json_int_t)s.districts[i].volunteers_registered));
	json_t *ratio = s.sw_volunteer_ratio >= 0 ? json_real(s.sw_volunteer_ratio) : json_null();
	json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:o}", "stations", (json_int_t)s.stations, "rooms",
			      (json_int_t)s.rooms, "agencies", (json_int_t)s.agencies, "social_workers",
			      (json_int_t)s.social_workers, "certified_social_workers",
			      (json_int_t)s.certified_social_workers, "volunteers_registered", (json_int_t)s.volunteers_registered,
			      "volunteer_orgs", (json_int_t)s.volunteer_orgs, "service_hours",
			      minutes_to_hours(s.minutes), "social_worker_volunteer_ratio", ratio);
	json_object_set_new(o, "social_worker_volunteer_target", json_integer(SW_VOLUNTEER_TARGET));
	json_object_set_new(o, "region_id", region ? json_integer(region) : json_null());
	json_object_set_new(o, "hours_by_month", months);
	json_object_set_new(o, "volunteers_by_stage", counts(s.stages, s.nstages));
	json_object_set_new(o, "by_district", districts);
	json_object_set_new(o, "needs_by_status", counts(s.needs, s.nneeds));
	reply_json(r, 200, o);
}

/* The figures of a screen area (the region asked or a child region). */
static json_t *screen_area_json(const struct screen_area *a)
{
	const struct stats_overview *s = &a->s;
	json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:I}", "region_id",
			      (json_int_t)a->region_id, "name", a->name, "level", a->level, "stations",
			      (json_int_t)s->stations, "rooms", (json_int_t)s->rooms, "agencies", (json_int_t)s->agencies,
			      "social_workers", (json_int_t)s->social_workers, "certified_social_workers",
			      (json_int_t)s->certified_social_workers, "volunteers_registered",
			      (json_int_t)s->volunteers_registered, "volunteer_orgs", (json_int_t)s->volunteer_orgs,
			      "service_hours", minutes_to_hours(s->minutes), "people_served", (json_int_t)a->people_served);
	int has = s->sw_volunteer_ratio >= 0;
	json_object_set_new(o, "social_worker_volunteer_ratio", has ? json_real(s->sw_volunteer_ratio) : json_null());
	json_object_set_new(o, "meets_target", json_boolean(has && s->sw_volunteer_ratio >= SW_VOLUNTEER_TARGET));
	return o;
}

/* GET /api/v1/stats/screen?region_id=N: the city data screen (issue 18). */
void h_stats_screen(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = 0;
	struct errinfo ei;
	int got = query_int_text("region_id", req_query(r, "region_id"), &region, &ei);
	if (got <= 0) {
		reply_errc(r, ERR_INVALID, "region_id", "region_id is required: the id of a region");
		return;
	}
	struct stats_screen s;
	if (svc_stats_screen(x, region, &s, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *districts = json_array();
	for (int i = 0; i < s.nchildren; i++)
		json_array_append_new(districts, screen_area_json(&s.children[i]));
	json_t *months = json_array();
	for (int i = 0; i < STATS_MONTHS; i++) {
		char t[32];
		time_format(s.area.s.month_start[i] + 12 * 3600, t);
		json_array_append_new(months, json_pack("{s:s#,s:f,s:I,s:I}", "month", t, 7, "service_hours",
							minutes_to_hours(s.area.s.month_minutes[i]), "people_served",
							(json_int_t)s.month_served[i], "new_volunteers",
							(json_int_t)s.month_new_volunteers[i]));
	}
	json_t *modes = json_array();
	for (int i = 0; i < s.nmodes; i++) {
		const struct screen_mode *m = &s.modes[i];
		json_array_append_new(modes, json_pack("{s:o,s:I,s:f,s:I}", "mode",
						       *m->mode ? json_string(m->mode) : json_null(), "activities",
						       (json_int_t)m->activities, "service_hours",
						       minutes_to_hours(m->minutes), "volunteers", (json_int_t)m->volunteers));
	}
	char asof[32];
	time_format(x->now, asof);
	json_t *o = json_pack("{s:s,s:i,s:o,s:o,s:o,s:o}", "as_of", asof, "social_worker_volunteer_target",
			      SW_VOLUNTEER_TARGET, "totals", screen_area_json(&s.area), "by_district", districts,
			      "by_month", months, "by_mode", modes);
	reply_json(r, 200, o);
}

void h_stats_below_norm(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = 0, year = 0, after;
	int limit;
	struct errinfo ei;
	int got;
	if (query_region(r, &region) < 0 || (got = query_int(r, "year", &year)) < 0)
		return;
	if (list_page(query_of, r, &after, &limit, &ei)) {
		reply_err(r, &ei);
		return;
	}
	/* absent: 0, this year; out of range: -1, which the service refuses */
	int y = !got ? 0 : year >= STATS_YEAR_MIN && year <= STATS_YEAR_MAX ? (int)year : -1;
	struct below_norm_page pg;
	if (svc_stats_below_norm(x, region, y, after, limit, &pg, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < pg.n; i++) {
		const struct below_norm_row *b = &pg.items[i];
		json_t *it = json_pack("{s:I,s:s,s:s,s:f}", "volunteer_id", (json_int_t)b->volunteer_id, "name", b->name,
				       "volunteer_no", b->volunteer_no, "hours", minutes_to_hours(b->minutes));
		char at[32];
		time_format(b->last_service_at, at);
		json_object_set_new(it, "last_service_date", b->last_service_at ? json_stringn(at, 10) : json_null());
		json_array_append_new(items, it);
	}
	json_t *next = pg.more ? json_string(arena_printf(&r->arena, "%lld", (long long)pg.items[pg.n - 1].volunteer_id))
			       : json_null();
	json_t *o = json_pack("{s:i,s:i,s:I,s:I,s:o,s:o}", "norm_hours", VOLUNTEER_NORM_HOURS, "year", pg.year,
			      "registered", (json_int_t)pg.registered, "below_norm", (json_int_t)pg.below, "items",
			      items, "next_cursor", next);
	json_object_set_new(o, "region_id", region ? json_integer(region) : json_null());
	reply_json(r, 200, o);
}

void h_stats_retention(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = 0;
	if (query_region(r, &region) < 0)
		return;
	struct retention_cohort *c;
	int n;
	struct errinfo ei;
	if (svc_stats_retention(x, region, &c, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *cohorts = json_array();
	for (int i = 0; i < n; i++) {
		char label[12];
		quarter_label(c[i].quarter, label);
		json_t *ret = json_object();
		for (int k = 0; k < RETENTION_NWINDOWS; k++)
			json_object_set_new(ret, arena_printf(&r->arena, "%d", retention_months[k]),
					    c[i].retained[k] < 0 ? json_null() : json_integer(c[i].retained[k]));
		json_array_append_new(cohorts, json_pack("{s:s,s:I,s:o,s:{s:I,s:I}}", "cohort", label, "registered",
							 (json_int_t)c[i].registered, "retained", ret, "churned",
							 "inactive", (json_int_t)c[i].inactive, "withdrawn",
							 (json_int_t)c[i].withdrawn));
	}
	json_t *o = json_pack("{s:o}", "cohorts", cohorts);
	json_object_set_new(o, "region_id", region ? json_integer(region) : json_null());
	reply_json(r, 200, o);
}
