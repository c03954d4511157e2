/* councils.c - handlers for councils (议事会, issue 15): the councils,
 * members, meetings, issues and resolutions are generic resources
 * (router.c); here POST /resolutions/{id}/need and /activity, whose body
 * is a need's or an activity's, every field optional (the rest comes from
 * the resolution). */
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/councils.h"

static void become(struct req *r, struct ctx *x, int activity)
{
	const struct entity *e = activity ? &activity_entity : &need_entity;
	struct rec body, out;
	struct errinfo ei;
	if (r->body_len == 0) {
		rec_init(&body, e);
	} else {
		json_t *j = read_body(r);
		if (!j)
			return;
		enum err err = codec_decode(j, e, 0, &body, x->a, &ei);
		json_decref(j);
		if (err) {
			reply_err(r, &ei);
			return;
		}
	}
	reply_rec(r, svc_resolution_become(x, r->path_id, activity, &body, &out, &ei), &ei, &out, 201);
}

void h_resolution_need(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	become(r, x, 0);
}

void h_resolution_activity(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	become(r, x, 1);
}
