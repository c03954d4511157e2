/* me.c - GET /me/data (issue 13, PIPL Art. 45): the signed-in user's own
 * data as one JSON document; ?download=1 makes it a file to save. Each
 * list is {"items": [...], "truncated": bool}. */
#include <string.h>

#include "http/handlers/handlers.h"
#include "domain/timefmt.h"
#include "model/codec.h"

/* The section's {"items", "truncated"} object in doc, made on first use. */
static json_t *section(json_t *doc, const char *name)
{
	json_t *s = json_object_get(doc, name);
	if (!s) {
		s = json_pack("{s:[],s:b}", "items", "truncated", 0);
		json_object_set_new(doc, name, s);
	}
	return s;
}

static void put_one(void *arg, const char *name, const struct rec *r)
{
	json_object_set_new(arg, name, r ? codec_encode(r, 0) : json_null());
}

static void put_rows(void *arg, const char *name, const struct rec *rows, int n)
{
	json_t *items = json_object_get(section(arg, name), "items");
	for (int i = 0; i < n; i++)
		json_array_append_new(items, codec_encode(&rows[i], 0));
}

static void put_end(void *arg, const char *name, int truncated)
{
	json_object_set_new(section(arg, name), "truncated", json_boolean(truncated));
}

static void put_session(void *arg, int64_t created_at, int64_t expires_at, int current)
{
	char c[32], e[32];
	time_format(created_at, c);
	time_format(expires_at, e);
	json_array_append_new(json_object_get(section(arg, "sessions"), "items"),
			      json_pack("{s:s,s:s,s:b}", "created_at", c, "expires_at", e, "current", current));
}

void h_me_data(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int download = query_bool(r, "download", 0);
	if (download < 0)
		return;
	char now[32];
	time_format(x->now, now);
	json_t *doc = json_pack("{s:s}", "generated_at", now);
	struct mydata_sink sink = {doc, put_one, put_rows, put_end, put_session};
	struct errinfo ei;
	if (svc_me_data(x, req_session_token(r), &sink, &ei)) {
		json_decref(doc);
		reply_err(r, &ei);
		return;
	}
	resp_header(r, "Cache-Control", "no-store");
	if (download)
		resp_header(r, "Content-Disposition",
			    arena_printf(&r->arena, "attachment; filename=\"liandong-my-data-%s-%.10s.json\"",
					 x->who->username, now));
	reply_json(r, 200, doc);
}
