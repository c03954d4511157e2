/* reply.c - JSON bodies in and out, and the error format of docs/API.md:
 * {"error": {"code", "message", "field"}}. */
#include "http/reply.h"
#include "http/json_out.h"

#include "core/log.h"
#include "model/codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void reply_json(struct req *r, int status, json_t *j)
{
	size_t len = 2;
	const char *text = json_out(j, &r->arena, &len);
	r->status = status;
	r->resp = text ? text : "{}";
	r->resp_len = text ? len : 2;
	r->content_type = "application/json; charset=utf-8";
	json_decref(j);
}

void reply_jw(struct req *r, int status, struct jw *w)
{
	size_t len = 0;
	const char *text = jw_done(w, &len);
	if (!text) {
		reply_errc(r, ERR_INTERNAL, NULL, "the answer could not be written");
		return;
	}
	r->status = status;
	r->resp = text;
	r->resp_len = len;
	r->content_type = "application/json; charset=utf-8";
}

void reply_err(struct req *r, const struct errinfo *ei)
{
	if (err_http_status(ei->code) >= 500) {
		/* the server's failure, not the client's: an error line that
		 * joins the access line by its request id */
		struct logline l;
		logline_begin(&l, "error", ei->message[0] ? ei->message : err_message(ei->code));
		logline_str(&l, "req_id", r->req_id);
		logline_str(&l, "code", err_code(ei->code));
		logline_str(&l, "route", r->route);
		logline_end(&l);
	}
	json_t *e = json_object();
	json_object_set_new(e, "code", json_string(err_code(ei->code)));
	json_object_set_new(e, "message", json_string(ei->message[0] ? ei->message : err_message(ei->code)));
	if (ei->field[0])
		json_object_set_new(e, "field", json_string(ei->field));
	reply_json(r, err_http_status(ei->code), json_pack("{s:o}", "error", e));
}

void reply_errc(struct req *r, enum err e, const char *field, const char *message)
{
	struct errinfo ei;
	err_set(&ei, e, field, message);
	reply_err(r, &ei);
}

void reply_empty(struct req *r, int status)
{
	r->status = status;
	r->resp = NULL;
	r->resp_len = 0;
}

json_t *read_body(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) != 0 || (ct[16] && ct[16] != ';' && ct[16] != ' ')) {
		reply_errc(r, ERR_MEDIA_TYPE, NULL, "the body must be application/json");
		return NULL;
	}
	json_error_t je;
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		char msg[256];
		snprintf(msg, sizeof msg, "invalid JSON at line %d, column %d: %s", je.line, je.column, je.text);
		reply_errc(r, ERR_BAD_JSON, NULL, msg);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		reply_errc(r, ERR_BAD_REQUEST, NULL, "the body must be a JSON object");
		return NULL;
	}
	return j;
}

int query_int_text(const char *name, const char *s, int64_t *out, struct errinfo *ei)
{
	if (!s)
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || s[0] == ' ' || s[0] == '+') {
		err_setf(ei, ERR_BAD_REQUEST, name, "%s must be an integer", name);
		return -1;
	}
	*out = v;
	return 1;
}

int query_int(struct req *r, const char *name, int64_t *out)
{
	struct errinfo ei;
	int got = query_int_text(name, req_query(r, name), out, &ei);
	if (got < 0)
		reply_err(r, &ei);
	return got;
}

int query_real(struct req *r, const char *name, double lo, double hi, double *out)
{
	const char *s = req_query(r, name);
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	if (!*s || *end || s[0] == ' ' || !(v >= lo && v <= hi)) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s must be a number from %g to %g", name, lo, hi);
		reply_errc(r, ERR_INVALID, name, msg);
		return -1;
	}
	*out = v;
	return 1;
}

enum err body_strings_json(json_t *body, const char *const *names, const char **vals, int n, struct arena *a,
			   struct errinfo *ei)
{
	for (int i = 0; i < n; i++)
		vals[i] = NULL;
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		int i = 0;
		while (i < n && strcmp(names[i], key) != 0)
			i++;
		if (i == n || !(json_is_string(v) || json_is_null(v)))
			return err_set(ei, i == n ? ERR_UNKNOWN_FIELD : ERR_INVALID, key,
				       i == n ? "unknown field" : "must be a string");
		if (json_is_string(v))
			vals[i] = arena_strdup(a, json_string_value(v));
	}
	return ERR_OK;
}

int body_strings(struct req *r, const char *const *names, const char **vals, int n)
{
	json_t *body = read_body(r);
	if (!body)
		return -1;
	struct errinfo ei;
	enum err e = body_strings_json(body, names, vals, n, &r->arena, &ei);
	json_decref(body);
	if (e) {
		reply_err(r, &ei);
		return -1;
	}
	return 0;
}

/* decode_rec; with text, the body as compact JSON with sorted keys too. */
static int decode(struct req *r, struct ctx *x, const struct entity *e, int optional, struct rec *out,
		  const char **text)
{
	struct errinfo ei;
	if (optional && r->body_len == 0) {
		rec_init(out, e);
		return 0;
	}
	json_t *body = read_body(r);
	if (!body)
		return -1;
	enum err err = codec_decode(body, e, 1, out, x->a, &ei);
	if (!err && text) {
		char *s = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
		*text = s ? arena_strdup(x->a, s) : NULL;
		free(s);
	}
	json_decref(body);
	if (err) {
		reply_err(r, &ei);
		return -1;
	}
	return 0;
}

int decode_rec(struct req *r, struct ctx *x, const struct entity *e, int optional, struct rec *out)
{
	return decode(r, x, e, optional, out, NULL);
}

int decode_rec_text(struct req *r, struct ctx *x, const struct entity *e, struct rec *out, const char **text)
{
	return decode(r, x, e, 0, out, text);
}

void reply_rec(struct req *r, enum err e, const struct errinfo *ei, const struct rec *out, int status)
{
	if (e)
		reply_err(r, ei);
	else
		reply_json(r, status, codec_encode(out, 0));
}
