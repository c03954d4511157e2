/* projects.c - handlers for service projects (issue 16): projects,
 * indicators, evaluators, evaluations and expenses are generic resources
 * (router.c); here GET /projects/{id}/progress, /activities and /teams,
 * and POST /project-expenses/{id}/void. */
#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/projects.h"

/* GET /projects/{id}/progress */
void h_project_progress(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct project_progress p;
	struct errinfo ei;
	if (svc_project_progress(x, r->path_id, &p, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *inds = json_array(), *budget = json_array();
	for (int i = 0; i < p.nindicators; i++) {
		const struct indicator_progress *ip = &p.indicators[i];
		json_t *o = json_pack("{s:I,s:s,s:s?,s:s,s:f,s:f,s:f,s:b}", "id", (json_int_t)ip->id, "name", ip->name,
				      "unit", ip->unit, "source", ip->source, "target", ip->target, "actual", ip->actual,
				      "expected_by_now", ip->expected_by_now, "behind", ip->behind);
		json_object_set_new(o, "measured", json_boolean(ip->measured));
		json_array_append_new(inds, o);
	}
	for (int i = 0; i < p.nbudget; i++)
		json_array_append_new(budget, json_pack("{s:s,s:I,s:I}", "line", p.budget[i].line, "amount_fen",
							(json_int_t)p.budget[i].amount_fen, "spent_fen",
							(json_int_t)p.budget[i].spent_fen));
	const struct project_figures *f = &p.fig;
	json_t *o = json_pack("{s:I,s:s,s:f,s:o,s:o,s:I,s:I}", "project_id", (json_int_t)p.project_id, "as_of", p.as_of,
			      "elapsed_share", p.elapsed_share, "indicators", inds, "budget", budget, "budget_total_fen",
			      (json_int_t)p.budget_total_fen, "spent_fen", (json_int_t)p.spent_fen);
	json_object_set_new(o, "figures",
			    json_pack("{s:f,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "service_hours",
				      (double)f->verified_minutes / 60.0, "verified_minutes", (json_int_t)f->verified_minutes,
				      "volunteers", (json_int_t)f->volunteers, "activities", (json_int_t)f->activities_held,
				      "people_served", (json_int_t)f->people_served, "new_volunteers",
				      (json_int_t)f->new_volunteers, "needs_closed", (json_int_t)f->needs_closed,
				      "emergencies", (json_int_t)f->emergencies));
	json_object_set_new(json_object_get(o, "figures"), "satisfaction",
			    f->ratings ? json_real((double)f->rating_sum / (double)f->ratings) : json_null());
	json_object_set_new(json_object_get(o, "figures"), "ratings", json_integer(f->ratings));
	reply_json(r, 200, o);
}

/* GET /projects/{id}/activities */
void h_project_activities(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct project_activity *a;
	int n;
	struct errinfo ei;
	if (svc_project_activities(x, r->path_id, &a, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		char s[32], e[32];
		time_format(a[i].starts_at, s);
		time_format(a[i].ends_at, e);
		json_array_append_new(items,
				      json_pack("{s:I,s:s,s:s,s:s?,s:I,s:s,s:s,s:I,s:I}", "id", (json_int_t)a[i].id, "title",
						a[i].title, "mode", a[i].mode, "place", a[i].place, "org_id",
						(json_int_t)a[i].org_id, "starts_at", s, "ends_at", e, "verified_minutes",
						(json_int_t)a[i].minutes, "volunteers", (json_int_t)a[i].volunteers));
	}
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* GET /projects/{id}/teams: verified service by volunteer team */
void h_project_teams(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct project_team *t;
	int n;
	struct errinfo ei;
	if (svc_project_teams(x, r->path_id, &t, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:I,s:I}", "org_id", (json_int_t)t[i].org_id, "org_name",
						       t[i].org_name, "volunteers", (json_int_t)t[i].volunteers,
						       "verified_minutes", (json_int_t)t[i].minutes));
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* POST /project-expenses/{id}/void {"reason"} */
void h_project_expense_void(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	void_with_reason(r, x, svc_project_expense_void);
}
