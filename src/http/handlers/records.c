/* records.c - handlers for corrections of service records (issue 12):
 * the volunteer asks, staff refuse or resolve. */
#include "http/handlers/handlers.h"

/* POST /service-records/{id}/corrections {"reason"} */
void h_correction_ask(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const char *const names[] = {"reason"};
	const char *reason;
	struct rec out;
	struct errinfo ei;
	if (body_strings(r, names, &reason, 1) == 0)
		reply_rec(r, svc_correction_ask(x, r->path_id, reason, &out, &ei), &ei, &out, 201);
}

/* POST /corrections/{id}/refuse {"reason"} */
void h_correction_refuse(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const char *const names[] = {"reason"};
	const char *reason;
	struct rec out;
	struct errinfo ei;
	if (body_strings(r, names, &reason, 1) == 0)
		reply_rec(r, svc_correction_refuse(x, r->path_id, reason, &out, &ei), &ei, &out, 200);
}

/* POST /corrections/{id}/resolve {what the new record changes, "answer"} */
void h_correction_resolve(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in, out;
	struct errinfo ei;
	if (decode_rec(r, x, &correction_resolve_body, 1, &in) == 0)
		reply_rec(r, svc_correction_resolve(x, r->path_id, &in, &out, &ei), &ei, &out, 200);
}
