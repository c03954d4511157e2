/* matching.c - handlers for candidates, batch proposals and invitations
 * (供需对接; docs/API.md "Matching"). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/limits.h"
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/matching.h"

static json_t *km_json(double km)
{
	return km < 0 ? json_null() : json_real(round(km * 1000) / 1000);
}

/* The parts of a score as [{factor, points, detail}]; details only when
 * the facts are known (f may be NULL). */
static json_t *reasons_json(const struct score *sc, const struct score_facts *f, const char *mode)
{
	json_t *a = json_array();
	for (int k = 0; k < SCORE__COUNT; k++) {
		char d[160] = "";
		if (f) {
			switch (k) {
			case SCORE_DISTANCE:
				if (f->km < 0)
					snprintf(d, sizeof d, "distance unknown");
				else
					snprintf(d, sizeof d, "%.1f km from the place", f->km);
				break;
			case SCORE_SKILL_FIT:
				snprintf(d, sizeof d, "holds %d skills; the position needs %d", f->held_skills,
					 f->required_skills);
				break;
			case SCORE_CONTINUITY:
				snprintf(d, sizeof d, "%s",
					 f->served_client     ? "served this client before"
					 : f->served_activity ? "served this activity before"
							      : "new to this work");
				break;
			case SCORE_FAIRNESS:
				snprintf(d, sizeof d, "%.1f h of service in the last 30 days",
					 (double)f->recent_minutes / 60.0);
				break;
			case SCORE_PREFERENCE:
				if (!f->stated_preferences)
					snprintf(d, sizeof d, "no stated preference");
				else
					snprintf(d, sizeof d, "%s %s activities", f->prefers_mode ? "prefers" : "does not list",
						 mode ? mode : "?");
				break;
			}
		}
		json_t *o = json_pack("{s:s,s:f}", "factor", score_factor_name((enum elig_factor)k), "points",
				      sc->part[k]);
		if (f)
			json_object_set_new(o, "detail", json_string(d));
		json_array_append_new(a, o);
	}
	return a;
}

/* GET /shifts/{id}/candidates?limit=&explain=1&radius_km= */
void h_candidates(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t limit = CANDIDATES_LIMIT_DEFAULT, explain = 0;
	double radius = 0;
	int q;
	if ((q = query_int(r, "limit", &limit)) < 0 || (q = query_int(r, "explain", &explain)) < 0 ||
	    query_real(r, "radius_km", 0, MATCH_RADIUS_MAX_KM, &radius) < 0)
		return;
	if (limit < 1 || limit > CANDIDATES_MAX) {
		reply_errc(r, ERR_INVALID, "limit", arena_printf(x->a, "limit must be from 1 to %d", CANDIDATES_MAX));
		return;
	}
	if (explain != 0 && explain != 1) {
		reply_errc(r, ERR_INVALID, "explain", "explain must be 0 or 1");
		return;
	}
	struct candidates c;
	struct errinfo ei;
	if (svc_candidates(x, r->path_id, (int)limit, (int)explain, radius, &c, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < c.n; i++) {
		const struct candidate *k = &c.items[i];
		json_array_append_new(items,
				      json_pack("{s:I,s:I,s:s?,s:s?,s:o,s:f,s:o}", "volunteer_id",
						(json_int_t)k->v->volunteer_id, "person_id", (json_int_t)k->v->person_id,
						"name", k->v->name, "volunteer_no", k->v->volunteer_no, "distance_km",
						km_json(k->km), "score", k->sc.total, "reasons",
						reasons_json(&k->sc, &k->sf, NULL)));
	}
	json_t *o = json_pack("{s:I,s:i,s:i,s:o}", "shift_id", (json_int_t)c.shift_id, "considered", c.considered,
			      "eligible", c.eligible, "items", items);
	if (explain) {
		json_t *ex = json_array();
		for (int i = 0; i < c.nexcluded; i++) {
			const struct candidate *k = &c.excluded[i];
			json_array_append_new(ex, json_pack("{s:I,s:I,s:s?,s:o,s:s,s:s?,s:s}", "volunteer_id",
							    (json_int_t)k->v->volunteer_id, "person_id",
							    (json_int_t)k->v->person_id, "name", k->v->name,
							    "distance_km", km_json(k->km), "rule", elig_rule_name(k->why.rule),
							    "field", k->why.field, "message", k->message));
		}
		json_object_set_new(o, "excluded", ex);
	}
	reply_json(r, 200, o);
}

static json_t *proposal_json(const struct proposal *p)
{
	json_t *shifts = json_array();
	for (int s = 0, i = 0; s < p->nshifts; s++) {
		json_t *assigned = json_array();
		int open = 0;
		const char *why = NULL;
		for (; i < p->nplaces && p->places[i].shift_id == p->shift_ids[s]; i++) {
			const struct match_place *m = &p->places[i];
			if (!m->volunteer_id) {
				open++;
				why = m->why;
				continue;
			}
			json_array_append_new(assigned,
					      json_pack("{s:I,s:I,s:s?,s:o,s:f,s:o}", "volunteer_id",
							(json_int_t)m->volunteer_id, "person_id", (json_int_t)m->person_id,
							"name", m->name, "distance_km", km_json(m->km), "score", m->sc.total,
							"reasons", reasons_json(&m->sc, NULL, NULL)));
		}
		json_array_append_new(shifts, json_pack("{s:I,s:i,s:o,s:i,s:s?}", "shift_id", (json_int_t)p->shift_ids[s],
							"places", (int)json_array_size(assigned) + open, "assigned",
							assigned, "unfilled", open, "why", why));
	}
	json_t *unfilled = json_array();
	json_t *item;
	size_t k;
	json_array_foreach(shifts, k, item)
		if (json_integer_value(json_object_get(item, "unfilled")) > 0)
			json_array_append_new(unfilled, json_pack("{s:O,s:O,s:O}", "shift_id", json_object_get(item, "shift_id"),
								  "unfilled", json_object_get(item, "unfilled"), "why",
								  json_object_get(item, "why")));
	char created[32];
	time_format(p->created_at, created);
	json_t *o = json_pack("{s:I,s:s,s:f,s:I,s:I,s:o,s:o,s:{s:I,s:f},s:s}", "id", (json_int_t)p->id, "status",
			      p->status, "total_score", p->total_score, "demand_slots", (json_int_t)p->demand_slots,
			      "filled_slots", (json_int_t)p->filled_slots, "shifts", shifts, "unfilled_shifts", unfilled,
			      "greedy", "filled_slots", (json_int_t)p->greedy_filled, "total_score", p->greedy_score,
			      "created_at", created);
	if (p->solve_ms >= 0)
		json_object_set_new(o, "solve_ms", json_real(round(p->solve_ms * 1000) / 1000));
	return o;
}

/* Decode POST /match: the fields by the codec (match_request_body), then
 * which of them go together; -1 after replying. */
static int match_request(struct req *r, struct ctx *x, struct match_request *rq)
{
	struct rec b;
	const char *text;
	if (decode_rec_text(r, x, &match_request_body, &b, &text))
		return -1;
	*rq = (struct match_request){
		.activity_id = rec_int(&b, MATCH_REQUEST_ACTIVITY_ID, 0),
		.region_id = rec_int(&b, MATCH_REQUEST_REGION_ID, 0),
		.from = rec_int(&b, MATCH_REQUEST_FROM, 0),
		.to = rec_int(&b, MATCH_REQUEST_TO, 0),
		.radius_km = rec_real(&b, MATCH_REQUEST_RADIUS_KM, 0),
		.one_shift_per_volunteer = rec_int(&b, MATCH_REQUEST_ONE_SHIFT_PER_VOLUNTEER, 1) != 0,
		.text = text,
	};
	const char *ids = rec_text(&b, MATCH_REQUEST_SHIFT_IDS);
	if (ids) {
		int64_t *shift_ids;
		struct errinfo ei;
		if (codec_ids(ids, MATCH_MAX_SHIFTS, &shift_ids, &rq->nshift_ids, x->a, &ei)) {
			reply_err(r, &ei);
			return -1;
		}
		rq->shift_ids = shift_ids;
	}
	int got_from = rec_has(&b, MATCH_REQUEST_FROM), got_to = rec_has(&b, MATCH_REQUEST_TO);
	int selectors = (rq->nshift_ids > 0) + (rq->activity_id > 0) + (rq->region_id > 0);
	if (selectors != 1) {
		reply_errc(r, selectors ? ERR_INVALID : ERR_REQUIRED, "shift_ids",
			   "give exactly one of shift_ids, activity_id, or region_id with from and to");
		return -1;
	}
	if (rq->region_id && (!got_from || !got_to)) {
		reply_errc(r, ERR_REQUIRED, got_from ? "to" : "from", "a region is matched over a time range: from and to");
		return -1;
	}
	if (!rq->region_id && (got_from || got_to)) {
		reply_errc(r, ERR_INVALID, got_from ? "from" : "to", "from and to go with region_id");
		return -1;
	}
	if (rq->region_id && (rq->to <= rq->from || rq->to - rq->from > MATCH_WINDOW_DAYS * 86400)) {
		reply_errc(r, ERR_INVALID, "to",
			   arena_printf(x->a, "to must be after from, at most %d days later", MATCH_WINDOW_DAYS));
		return -1;
	}
	return 0;
}

void h_match_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct match_request rq;
	if (match_request(r, x, &rq))
		return;
	struct proposal p;
	struct errinfo ei;
	if (svc_match(x, &rq, &p, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 201, proposal_json(&p));
}

void h_match_get(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct proposal p;
	struct errinfo ei;
	if (svc_match_get(x, r->path_id, &p, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, proposal_json(&p));
}

void h_match_apply(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec *rows;
	int n;
	struct errinfo ei;
	if (svc_match_apply(x, r->path_id, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, codec_encode(&rows[i], 0));
	reply_json(r, 200, json_pack("{s:I,s:o}", "proposal_id", (json_int_t)r->path_id, "items", items));
}

/* POST /invitations/{id}/accept | decline, optional {"reason"}. */
void h_invitation_decide(struct req *r, struct ctx *x, const void *arg)
{
	const char *reason = NULL;
	if (r->body_len) {
		static const char *const names[] = {"reason"};
		if (body_strings(r, names, &reason, 1))
			return;
		if (reason && strlen(reason) > REASON_MAX) {
			reply_errc(r, ERR_INVALID, "reason",
				   arena_printf(x->a, "reason is at most %d characters", REASON_MAX));
			return;
		}
	}
	struct rec out;
	struct errinfo ei;
	if (svc_invitation_decide(x, r->path_id, arg, reason, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}
