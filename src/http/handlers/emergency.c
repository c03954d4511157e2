/* emergency.c - handlers of emergency mobilisation (应急守护): an
 * incident read after its lazy deadline check, its assessment, mobilise,
 * widen, acknowledgements and closing, and its call-outs, timeline and
 * reports. The collection itself uses the generic handlers. */
#include "domain/callout.h"
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/emergency.h"

/* GET /emergencies/{id} */
void h_emergency_get(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec out;
	struct errinfo ei;
	reply_rec(r, svc_emergency_get(x, r->path_id, &out, &ei), &ei, &out, 200);
}

/* POST /emergencies/{id}/assess {"needed_count", "radius_km", "required_skills", "plan", ...} */
void h_emergency_assess(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body, out;
	struct errinfo ei;
	if (decode_rec(r, x, &emergency_assess_body, 0, &body) == 0)
		reply_rec(r, svc_emergency_assess(x, r->path_id, &body, &out, &ei), &ei, &out, 200);
}

static void reply_mobilized(struct req *r, enum err e, const struct errinfo *ei, const struct mobilized *m)
{
	if (e) {
		reply_err(r, ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < m->n; i++)
		json_array_append_new(items, codec_encode(&m->rows[i], 0));
	reply_json(r, 200, json_pack("{s:o,s:I,s:I}", "items", items, "wave", (json_int_t)m->wave, "needed_count",
				     (json_int_t)m->needed));
}

/* POST /emergencies/{id}/mobilize {"count", "radius_km"} (both optional
 * once assessed) */
void h_emergency_mobilize(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body;
	struct mobilized m;
	struct errinfo ei;
	if (decode_rec(r, x, &emergency_mobilize_body, 1, &body) == 0)
		reply_mobilized(r, svc_emergency_mobilize(x, r->path_id, &body, &m, &ei), &ei, &m);
}

/* GET /emergencies/{id}/candidates?count=&radius_km= */
void h_emergency_candidates(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body;
	int64_t count;
	double radius;
	struct em_pick *p;
	int n, q;
	struct errinfo ei;
	rec_init(&body, &emergency_mobilize_body);
	if ((q = query_int(r, "count", &count)) < 0)
		return;
	if (q && (count < 1 || count > CALLOUT_MAX_NEEDED)) {
		reply_errc(r, ERR_INVALID, "count", "count is out of range");
		return;
	}
	if (q)
		rec_set_int(&body, EMERGENCY_MOBILIZE_COUNT, count);
	if ((q = query_real(r, "radius_km", CALLOUT_RADIUS_MIN_KM, CALLOUT_RADIUS_MAX_KM, &radius)) < 0)
		return;
	if (q)
		rec_set_real(&body, EMERGENCY_MOBILIZE_RADIUS_KM, radius);
	if (svc_emergency_candidates(x, r->path_id, &body, &p, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I,s:I,s:f}", "volunteer_id", (json_int_t)p[i].volunteer_id,
						       "person_id", (json_int_t)p[i].person_id, "distance_km",
						       p[i].distance_m / 1000.0));
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* POST /emergencies/{id}/widen */
void h_emergency_widen(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct mobilized m;
	struct errinfo ei;
	reply_mobilized(r, svc_emergency_widen(x, r->path_id, &m, &ei), &ei, &m);
}

/* POST /emergencies/{id}/acks {"volunteer_id", "answer", "note"} */
void h_emergency_ack(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body, out;
	struct errinfo ei;
	int changed = 0;
	if (decode_rec(r, x, &emergency_ack_body, 0, &body) == 0)
		reply_rec(r, svc_emergency_ack(x, r->path_id, &body, &out, &changed, &ei), &ei, &out, 200);
}

/* POST /emergencies/{id}/close, optionally {"note"} */
void h_emergency_close(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body, out;
	struct errinfo ei;
	if (decode_rec(r, x, &emergency_close_body, 1, &body) == 0)
		reply_rec(r, svc_emergency_close(x, r->path_id, rec_text(&body, EMERGENCY_CLOSE_NOTE), &out, &ei), &ei, &out, 200);
}

/* GET /emergencies/{id}/callouts, /timeline, /reports: behind the gate */
static void nested(struct req *r, struct ctx *x, const struct resource *res)
{
	struct errinfo ei;
	if (svc_emergency_gate(x, r->path_id, res == &res_emergency_events, &ei))
		reply_err(r, &ei);
	else
		list_nested(r, x, res, "emergency_id");
}

void h_emergency_callouts(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	nested(r, x, &res_callouts);
}

void h_emergency_timeline(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	nested(r, x, &res_emergency_events);
}

void h_emergency_reports_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	nested(r, x, &res_emergency_reports);
}

/* POST /emergencies/{id}/reports {"volunteer_id", "kind", "text"} */
void h_emergency_reports_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in, out;
	struct errinfo ei;
	if (svc_emergency_gate(x, r->path_id, 0, &ei)) {
		reply_err(r, &ei);
		return;
	}
	if (decode_rec(r, x, &emergency_report_entity, 0, &in))
		return;
	rec_set_int(&in, EMERGENCY_REPORT_EMERGENCY_ID, r->path_id);
	reply_rec(r, svc_create(x, &res_emergency_reports, &in, &out, &ei), &ei, &out, 201);
}
