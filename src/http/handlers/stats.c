/* stats.c - GET /api/v1/stats/overview: the statistics of the caller's scope
 * (service/stats.h), with what the dashboard's charts need. */
#include <string.h>

#include "domain/timefmt.h"
#include "domain/service_rules.h"
#include "http/handlers/handlers.h"
#include "service/stats.h"

static json_t *counts(const struct stat_count *c, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:I}", "key", c[i].key, "count", (json_int_t)c[i].n));
	return a;
}

void h_stats_overview(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = 0;
	int got = query_int(r, "region_id", &region);
	if (got < 0)
		return;
	if (got && region <= 0) {
		reply_errc(r, ERR_INVALID, "region_id", "region_id must be a positive id");
		return;
	}
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
