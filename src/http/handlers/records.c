/* records.c - handlers for corrections of service records (issue 12):
 * the volunteer asks, staff refuse or resolve. */
#include "http/handlers/handlers.h"

/* A correction's step that takes only {"reason"} on the path's id: the
 * volunteer's ask (201) or the staff's refusal (200). */
struct reason_step {
	enum err (*fn)(struct ctx *x, int64_t id, const char *reason, struct rec *out, struct errinfo *ei);
	int status;
};
const struct reason_step correction_ask = {svc_correction_ask, 201}, correction_refuse = {svc_correction_refuse, 200};

/* POST /service-records/{id}/corrections and /corrections/{id}/refuse
 * {"reason"}; arg a struct reason_step. */
void h_correction_reason(struct req *r, struct ctx *x, const void *arg)
{
	const struct reason_step *step = arg;
	static const char *const names[] = {"reason"};
	const char *reason;
	struct rec out;
	struct errinfo ei;
	if (body_strings(r, names, &reason, 1) == 0)
		reply_rec(r, step->fn(x, r->path_id, reason, &out, &ei), &ei, &out, step->status);
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
