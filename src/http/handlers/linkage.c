/* linkage.c - handlers for the linkage itself (issue 15): where each org
 * kind sits (GET /org-kinds), the qualification rules (GET
 * /qualification-rules, PUT and DELETE /qualification-rules/{work}), the
 * supervision each social worker received and gave (GET
 * /stats/supervision) and the linkage against its 1:N target (GET
 * /stats/ratios). */
#include "domain/limits.h"
#include "domain/network.h"
#include "domain/timefmt.h"
#include <stdio.h>
#include <string.h>

#include "domain/service_rules.h"
#include "http/handlers/handlers.h"
#include "service/stats.h"

static json_t *rule_json(const struct qual_rule *q)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:b}", "work", qual_work_name(q->work), "name", qual_work_zh(q->work),
			      "min_qualification", qual_level_name(q->need), "default", qual_level_name(q->standard),
			      "changed", q->updated_at != 0);
	char at[32];
	time_format(q->updated_at, at);
	json_object_set_new(o, "updated_at", q->updated_at ? json_string(at) : json_null());
	json_object_set_new(o, "updated_by_user_id",
			    q->updated_by_user_id ? json_integer(q->updated_by_user_id) : json_null());
	json_object_set_new(o, "updated_by_username",
			    q->updated_by_username ? json_string(q->updated_by_username) : json_null());
	json_object_set_new(o, "updated_by_name", q->updated_by_name ? json_string(q->updated_by_name) : json_null());
	return o;
}

void h_qual_rules_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct qual_rule rules[QW__COUNT];
	struct errinfo ei;
	if (svc_qual_rules(x, rules, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < QW__COUNT; i++)
		json_array_append_new(items, rule_json(&rules[i]));
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void h_qual_rule_put(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in;
	struct qual_rule out;
	struct errinfo ei;
	if (decode_rec(r, x, &qualification_rule_body, 0, &in))
		return;
	if (svc_qual_rule_put(x, r->path_seg, &in, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, rule_json(&out));
}

void h_qual_rule_delete(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct errinfo ei;
	if (svc_qual_rule_delete(x, r->path_seg, &ei))
		reply_err(r, &ei);
	else
		reply_empty(r, 204);
}

/* The names whose bits are set in `set`, as a JSON array. */
static json_t *names_json(unsigned set, int n, const char *(*name)(int))
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		if ((set >> i) & 1)
			json_array_append_new(a, json_string(name(i)));
	return a;
}

/* The placement table of domain/network.c, for the forms that create an
 * org: each kind with its Chinese name, levels and parent kinds. */
void h_org_kinds(struct req *r, struct ctx *x, const void *arg)
{
	(void)x;
	(void)arg;
	json_t *items = json_array();
	for (int k = 0; k < NK__COUNT; k++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:o,s:o}", "kind", net_kind_name(k),
						       "name", net_kind_zh(k), "levels",
						       names_json(net_levels_of((enum net_kind)k), NL__COUNT, net_level_name),
						       "parent_kinds",
						       names_json(net_parents_of((enum net_kind)k), NK__COUNT, net_kind_name)));
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* A positive id from the query (0 when absent); -1 after an error reply. */
static int64_t query_id(struct req *r, const char *name)
{
	int64_t v = 0;
	int got = query_int(r, name, &v);
	if (got < 0)
		return -1;
	if (got && v <= 0) {
		reply_errc(r, ERR_BAD_REQUEST, name, arena_printf(&r->arena, "%s must be a positive id", name));
		return -1;
	}
	return v;
}

void h_stats_supervision(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t org = query_id(r, "org_id"), after = query_id(r, "cursor"), year = today_ymd(x->now) / 10000,
		limit = LIST_LIMIT_DEFAULT;
	if (org < 0 || after < 0 || query_int(r, "year", &year) < 0 || query_int(r, "limit", &limit) < 0)
		return;
	if (!org) {
		reply_errc(r, ERR_REQUIRED, "org_id", "org_id is required");
		return;
	}
	if (limit < 1 || limit > LIST_LIMIT_MAX) {
		reply_errc(r, ERR_BAD_REQUEST, "limit", arena_printf(&r->arena, "limit must be from 1 to %d", LIST_LIMIT_MAX));
		return;
	}
	struct supervision_hours_row *rows;
	int n;
	struct errinfo ei;
	if (svc_supervision_hours(x, org, (int)year, after, (int)limit + 1, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *next = n > limit ? json_string(arena_printf(&r->arena, "%lld", (long long)rows[limit - 1].social_worker_id))
				 : json_null();
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++) {
		const struct supervision_hours_row *w = &rows[i];
		json_t *o = json_pack("{s:I,s:s,s:I,s:s,s:f,s:I,s:f,s:I}", "social_worker_id", (json_int_t)w->social_worker_id,
				      "name", w->name, "org_id", (json_int_t)w->org_id, "qualification", w->qualification,
				      "hours_received", w->hours_received, "sessions_received", (json_int_t)w->sessions_received,
				      "hours_given", w->hours_given, "sessions_given", (json_int_t)w->sessions_given);
		json_object_set_new(o, "supervisor_id", w->supervisor_id ? json_integer(w->supervisor_id) : json_null());
		json_array_append_new(items, o);
	}
	reply_json(r, 200, json_pack("{s:I,s:o,s:o}", "year", (json_int_t)year, "items", items, "next_cursor", next));
}

/* volunteers per social worker, rounded to hundredths (null without any) */
static json_t *per_worker(int64_t volunteers, int64_t workers)
{
	return workers > 0 ? json_real((double)(volunteers * 100 / workers) / 100.0) : json_null();
}

void h_stats_ratios(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = query_id(r, "region_id"), target = SW_VOLUNTEER_TARGET;
	if (region < 0 || query_int(r, "target", &target) < 0)
		return;
	struct stats_ratios s;
	struct errinfo ei;
	if (svc_stats_ratios(x, region, target, &s, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *workers = json_array(), *orgs = json_array(), *districts = json_array();
	for (int i = 0; i < s.nworkers; i++)
		json_array_append_new(workers, json_pack("{s:I,s:s,s:I,s:I,s:b}", "social_worker_id",
							 (json_int_t)s.workers[i].id, "name", s.workers[i].name, "org_id",
							 (json_int_t)s.workers[i].org_id, "volunteers_led",
							 (json_int_t)s.workers[i].volunteers, "below_target",
							 s.workers[i].volunteers < target));
	for (int i = 0; i < s.norgs; i++) {
		const struct ratio_row *o = &s.orgs[i];
		json_t *j = json_pack("{s:I,s:s,s:I,s:I,s:b}", "org_id", (json_int_t)o->id, "name", o->name, "social_workers",
				      (json_int_t)o->social_workers, "volunteers_registered", (json_int_t)o->volunteers,
				      "below_target", o->volunteers < target * o->social_workers);
		json_object_set_new(j, "volunteers_per_social_worker", per_worker(o->volunteers, o->social_workers));
		json_array_append_new(orgs, j);
	}
	for (int i = 0; i < s.ndistricts; i++) {
		const struct district_stat *d = &s.districts[i];
		json_t *j = json_pack("{s:I,s:s,s:I,s:I,s:b}", "region_id", (json_int_t)d->region_id, "name", d->name,
				      "social_workers", (json_int_t)d->social_workers, "volunteers_registered",
				      (json_int_t)d->volunteers_registered, "below_target",
				      d->volunteers_registered < target * d->social_workers);
		json_object_set_new(j, "volunteers_per_social_worker",
				    per_worker(d->volunteers_registered, d->social_workers));
		json_array_append_new(districts, j);
	}
	json_t *o = json_pack("{s:I,s:o,s:o,s:o}", "target", (json_int_t)target, "workers", workers, "orgs", orgs,
			      "districts", districts);
	json_object_set_new(o, "region_id", region ? json_integer(region) : json_null());
	reply_json(r, 200, o);
}
