/* outbox.c - the admins' outbox (issue 17): GET /outbox (status, channel,
 * limit, cursor; newest first) and POST /outbox/{id}/resend. The phone is
 * never shown whole: `to` is the masked phone or the e-mail address. */
#include <stdio.h>

#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "service/sender.h"

static json_t *time_or_null(int64_t t)
{
	if (!t)
		return json_null();
	char s[32];
	time_format(t, s);
	return json_string(s);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *encode(const struct outbox_row *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "channel", str_or_null(o->channel));
	json_object_set_new(j, "status", str_or_null(o->status));
	json_object_set_new(j, "to", str_or_null(o->to));
	json_object_set_new(j, "person_id", o->person_id ? json_integer(o->person_id) : json_null());
	json_object_set_new(j, "user_id", o->user_id ? json_integer(o->user_id) : json_null());
	json_object_set_new(j, "kind", str_or_null(o->kind));
	json_object_set_new(j, "subject", str_or_null(o->subject));
	json_object_set_new(j, "ref_entity", str_or_null(o->ref_entity));
	json_object_set_new(j, "ref_id", o->ref_id ? json_integer(o->ref_id) : json_null());
	json_object_set_new(j, "priority", json_integer(o->priority));
	json_object_set_new(j, "attempts", json_integer(o->attempts));
	json_object_set_new(j, "last_error", str_or_null(o->last_error));
	json_object_set_new(j, "created_at", time_or_null(o->created_at));
	json_object_set_new(j, "next_at", time_or_null(o->next_at));
	json_object_set_new(j, "sent_at", time_or_null(o->sent_at));
	return j;
}

void h_outbox_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t before;
	int limit;
	struct errinfo ei;
	if (list_page(query_of, r, &before, &limit, &ei)) {
		reply_err(r, &ei);
		return;
	}
	struct outbox_row *rows = arena_alloc(&r->arena, sizeof *rows * (size_t)(limit + 1));
	int n = 0;
	if (svc_outbox_list(x, req_query(r, "status"), req_query(r, "channel"), before, limit + 1, rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++)
		json_array_append_new(items, encode(&rows[i]));
	json_t *next = n > limit ? json_string(arena_printf(&r->arena, "%lld", (long long)rows[limit - 1].id))
				 : json_null();
	reply_json(r, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next));
}

void h_outbox_resend(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct outbox_row row;
	struct errinfo ei;
	if (svc_outbox_resend(x, r->path_id, &row, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, encode(&row));
}
