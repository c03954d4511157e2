/* care.c - handlers of service delivery: need status moves, history and
 * response times; client case stages, mandatory reports and case notes.
 * The collections themselves (service menu, needs, clients) use the generic
 * handlers of resources.c. */
#include <string.h>

#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/care.h"

/* POST /needs/{id}/status {"to", "note", "assigned_social_worker_id"} */
void h_need_move(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body, out;
	struct errinfo ei;
	if (decode_rec(r, x, &need_move_body, 0, &body) == 0)
		reply_rec(r, svc_need_move(x, r->path_id, &body, &out, &ei), &ei, &out, 200);
}

/* GET /needs/{id}/events: the status history. */
void h_need_events(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec need;
	struct errinfo ei;
	if (svc_load_visible(x, &need_entity, r->path_id, &need, &ei))
		reply_err(r, &ei);
	else
		list_nested(r, x, &res_need_events, "need_id");
}

/* GET /needs/response-times?region_id=&category= */
void h_need_response_times(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region_id = 0;
	if (query_int(r, "region_id", &region_id) < 0)
		return;
	const char *category = req_query(r, "category");
	struct need_response_time *rows;
	int n = 0;
	struct errinfo ei;
	if (svc_need_response_times(x, region_id, category, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s,s:s,s:I}", "from", rows[i].from, "to", rows[i].to, "count",
				      (json_int_t)rows[i].count);
		json_object_set_new(o, "avg_seconds", rows[i].count ? json_real(rows[i].avg_seconds) : json_null());
		json_object_set_new(o, "median_seconds",
				    rows[i].count ? json_real(rows[i].median_seconds) : json_null());
		json_array_append_new(items, o);
	}
	json_t *out = json_object();
	json_object_set_new(out, "region_id", region_id ? json_integer(region_id) : json_null());
	json_object_set_new(out, "category", category ? json_string(category) : json_null());
	json_object_set_new(out, "items", items);
	reply_json(r, 200, out);
}

/* POST /clients/{id}/stage {"to", "note"} */
void h_client_move(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body, out;
	struct errinfo ei;
	if (decode_rec(r, x, &case_move_body, 0, &body) == 0)
		reply_rec(r, svc_client_move(x, r->path_id, rec_text(&body, CASE_MOVE_TO), rec_text(&body, CASE_MOVE_NOTE), &out, &ei),
			  &ei, &out, 200);
}

/* GET /clients/{id}/stages and /clients/{id}/reports */
static void client_nested(struct req *r, struct ctx *x, const struct resource *res)
{
	struct rec client;
	struct errinfo ei;
	if (svc_load_visible(x, &client_entity, r->path_id, &client, &ei))
		reply_err(r, &ei);
	else
		list_nested(r, x, res, "client_id");
}

void h_client_stages(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	client_nested(r, x, &res_client_stages);
}

void h_client_reports(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	client_nested(r, x, &res_mandatory_reports);
}

/* POST /mandatory-reports/{id}/file, with an optional body {"note"}. */
void h_report_file(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body, out;
	struct errinfo ei;
	rec_init(&body, &report_file_body);
	if (r->body_len && decode_rec(r, x, &report_file_body, 0, &body))
		return;
	reply_rec(r, svc_report_file(x, r->path_id, rec_text(&body, REPORT_FILE_NOTE), &out, &ei), &ei, &out, 200);
}

/* GET /clients/{id}/notes: confidential, behind the case-notes gate. */
void h_case_notes_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct errinfo ei;
	if (svc_case_notes_gate(x, r->path_id, &ei))
		reply_err(r, &ei);
	else
		list_nested(r, x, &res_case_notes, "client_id");
}

/* POST /clients/{id}/notes {"text"} */
void h_case_notes_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in, out;
	struct errinfo ei;
	/* The gate first: a missing client is 404 on its path, not a bad field. */
	if (svc_case_notes_gate(x, r->path_id, &ei)) {
		reply_err(r, &ei);
		return;
	}
	if (decode_rec(r, x, &case_note_entity, 0, &in))
		return;
	rec_set_int(&in, CASE_NOTE_CLIENT_ID, r->path_id);
	reply_rec(r, svc_create(x, &res_case_notes, &in, &out, &ei), &ei, &out, 201);
}
