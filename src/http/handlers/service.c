/* service.c - handlers for training, activities, shifts, sign-ups,
 * attendance and the hours ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/limits.h"
#include "domain/service_rules.h"
#include "domain/workforce.h"
#include "http/handlers/handlers.h"
#include "http/json_out.h"
#include "model/codec.h"

/* POST /parents/{id}/children: the body is a new child whose `parent`
 * field comes from the path. */
void h_nested_create(struct req *r, struct ctx *x, const void *arg)
{
	const struct nested *n = arg;
	struct rec in, out;
	struct errinfo ei;
	if (decode_rec(r, x, n->res->e, 0, &in))
		return;
	rec_set_int(&in, n->parent_key, r->path_id);
	reply_rec(r, svc_create(x, n->res, &in, &out, &ei), &ei, &out, 201);
}

void void_with_reason(struct req *r, struct ctx *x,
		      enum err (*void_fn)(struct ctx *, int64_t, const char *, struct rec *, struct errinfo *))
{
	static const char *const names[] = {"reason"};
	const char *vals[1];
	struct rec out;
	struct errinfo ei;
	if (body_strings(r, names, vals, 1))
		return;
	if (void_fn(x, r->path_id, vals[0], &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

void h_nested_list(struct req *r, struct ctx *x, const void *arg)
{
	const struct nested *n = arg;
	list_nested(r, x, n->res, n->parent);
}

void h_signup_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in, out;
	struct errinfo ei;
	if (decode_rec(r, x, &signup_entity, 0, &in) == 0)
		reply_rec(r, svc_signup(x, r->path_id, &in, &out, &ei), &ei, &out, 201);
}

/* POST /signups/{id}/accept | reject | cancel; arg is the action. */
void h_signup_decide(struct req *r, struct ctx *x, const void *arg)
{
	struct rec out;
	struct errinfo ei;
	const char *note = NULL;
	if (r->body_len) { /* an optional {"note"} */
		static const char *const names[] = {"note"};
		if (body_strings(r, names, &note, 1))
			return;
	}
	if (svc_signup_decide(x, r->path_id, arg, note, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

/* The longest Host header taken as a link's host (a DNS name and a port). */
#define LINK_HOST_MAX 260

const char *req_public_base(struct req *r)
{
	if (r->app && r->app->public_url)
		return r->app->public_url;
	const char *host = req_header(r, "Host");
	if (!host || !*host || strlen(host) > LINK_HOST_MAX ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(host))
		return NULL;
	return arena_printf(&r->arena, "http://%s", host);
}

/* The scheme and host the volunteer's phone should open. */
const char *req_link_base(struct req *r)
{
	const char *base = req_public_base(r);
	return base ? base : "http://127.0.0.1:8080";
}

void h_checkin_token(struct req *r, struct ctx *x, const void *arg)
{
	struct checkin_token t;
	struct errinfo ei;
	if (svc_checkin_token(x, r->path_id, req_link_base(r), &t, &ei)) {
		reply_err(r, &ei);
		return;
	}
	if (arg) { /* the QR image itself */
		r->status = 200;
		r->resp = t.qr_svg;
		r->resp_len = t.qr_svg ? strlen(t.qr_svg) : 0;
		r->content_type = "image/svg+xml";
		return;
	}
	char exp[32];
	time_format(t.expires_at, exp);
	reply_json(r, 200, json_pack("{s:s,s:s,s:s,s:s?}", "token", t.token, "expires_at", exp, "link", t.link, "qr_svg",
				     t.qr_svg));
}

enum err check_body_decode(json_t *body, struct arena *a, struct check_body *out, struct errinfo *ei)
{
	*out = (struct check_body){0};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "signup_id") == 0 && json_is_integer(v)) {
			out->signup_id = json_integer_value(v);
		} else if (strcmp(key, "token") == 0 && json_is_string(v)) {
			out->token = arena_strdup(a, json_string_value(v));
		} else if (strcmp(key, "reason") == 0 && json_is_string(v)) {
			out->reason = arena_strdup(a, json_string_value(v));
		} else {
			int known = !strcmp(key, "signup_id") || !strcmp(key, "token") || !strcmp(key, "reason");
			return err_set(ei, known ? ERR_INVALID : ERR_UNKNOWN_FIELD, key,
				       known ? "has the wrong type" : "unknown field");
		}
	}
	if (out->signup_id <= 0)
		return err_set(ei, ERR_REQUIRED, "signup_id", "signup_id is required");
	if (out->reason && strlen(out->reason) > REASON_MAX)
		return err_setf(ei, ERR_INVALID, "reason", "reason must be at most %d bytes", REASON_MAX);
	return ERR_OK;
}

/* POST /attendance/check-in and /check-out; arg non-NULL for check-out. */
void h_check(struct req *r, struct ctx *x, const void *arg)
{
	json_t *body = read_body(r);
	if (!body)
		return;
	struct check_body b;
	struct errinfo ei;
	enum err e = check_body_decode(body, x->a, &b, &ei);
	json_decref(body);
	if (e) {
		reply_err(r, &ei);
		return;
	}
	const char *idem = req_header(r, "Idempotency-Key");
	if (idem && (!*idem || strlen(idem) > IDEM_KEY_MAX)) {
		reply_errc(r, ERR_INVALID, "Idempotency-Key",
			   arena_printf(x->a, "Idempotency-Key must be 1 to %d characters", IDEM_KEY_MAX));
		return;
	}
	int status;
	const char *out;
	if (svc_check(x, arg != NULL, b.signup_id, b.token, b.reason, idem, &status, &out, &ei)) {
		reply_err(r, &ei);
		return;
	}
	r->status = status;
	r->resp = out;
	r->resp_len = strlen(out);
	r->content_type = "application/json; charset=utf-8";
}

/* POST /service-records/{id}/verify with an optional {"hours", "reason",
 * "evaluation", "person_in_charge"}, and /void {"reason"}; arg "void". */
void h_record_change(struct req *r, struct ctx *x, const void *arg)
{
	struct rec out, in;
	struct errinfo ei;
	enum err e;
	if (arg) {
		static const char *const names[] = {"reason"};
		const char *vals[1];
		if (body_strings(r, names, vals, 1))
			return;
		e = svc_record_void(x, r->path_id, vals[0], &out, &ei);
	} else {
		if (decode_rec(r, x, &record_verify_body, 1, &in))
			return;
		struct record_verify v = {
			rec_has(&in, RECORD_VERIFY_HOURS) ? (int64_t)(rec_real(&in, RECORD_VERIFY_HOURS, 0) * 60.0 + 0.5) : -1,
			rec_text(&in, RECORD_VERIFY_REASON), rec_text(&in, RECORD_VERIFY_EVALUATION),
			rec_text(&in, RECORD_VERIFY_PERSON_IN_CHARGE)};
		e = svc_record_verify(x, r->path_id, &v, &out, &ei);
	}
	if (e)
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

void h_volunteer_hours(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct hours_summary h;
	struct errinfo ei;
	if (svc_volunteer_hours(x, r->path_id, &h, &ei)) {
		reply_err(r, &ei);
		return;
	}
	/* a volunteer's most read answer: written as made (json_out.h) */
	struct jw w;
	jw_init(&w, &r->arena);
	jw_object(&w, NULL);
	jw_real(&w, "verified_hours", minutes_to_hours(h.minutes));
	jw_int(&w, "stars", h.stars);
	jw_array(&w, "by_year");
	for (int i = 0; i < h.nyears; i++) {
		jw_object(&w, NULL);
		jw_int(&w, "year", h.years[i].year);
		jw_real(&w, "hours", minutes_to_hours(h.years[i].minutes));
		jw_close(&w);
	}
	jw_close(&w);
	jw_int(&w, "year", h.year);
	jw_real(&w, "hours_this_year", minutes_to_hours(h.year_minutes));
	char at[32];
	time_format(h.last_service_at, at);
	if (h.last_service_at) {
		jw_str(&w, "last_service_at", at);
		jw_strn(&w, "last_service_date", at, 10);
	} else {
		jw_null(&w, "last_service_at");
		jw_null(&w, "last_service_date");
	}
	jw_int(&w, "norm_hours", VOLUNTEER_NORM_HOURS);
	jw_close(&w);
	reply_jw(r, 200, &w);
}

void h_volunteer_shifts(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct upcoming *u;
	int n;
	struct errinfo ei;
	if (svc_volunteer_shifts(x, r->path_id, &u, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	struct jw w;
	jw_init(&w, &r->arena);
	jw_object(&w, NULL);
	jw_array(&w, "items");
	for (int i = 0; i < n; i++) {
		char s[32], e[32];
		time_format(u[i].starts_at, s);
		time_format(u[i].ends_at, e);
		jw_object(&w, NULL);
		jw_int(&w, "signup_id", u[i].signup_id);
		jw_int(&w, "shift_id", u[i].shift_id);
		jw_int(&w, "activity_id", u[i].activity_id);
		jw_str(&w, "title", u[i].title);
		jw_str(&w, "place", u[i].place);
		jw_str(&w, "starts_at", s);
		jw_str(&w, "ends_at", e);
		jw_close(&w);
	}
	jw_close(&w);
	jw_close(&w);
	reply_jw(r, 200, &w);
}

void h_recognition(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t region = 0, year = today_ymd(x->now) / 10000, limit = RECOGNITION_LIMIT_DEFAULT;
	int got = query_int(r, "region_id", &region);
	if (got < 0 || query_int(r, "year", &year) < 0 || query_int(r, "limit", &limit) < 0)
		return;
	if (!got) {
		reply_errc(r, ERR_REQUIRED, "region_id", "region_id is required");
		return;
	}
	if (limit < 1 || limit > RECOGNITION_LIMIT_MAX) {
		reply_errc(r, ERR_BAD_REQUEST, "limit",
			   arena_printf(x->a, "limit must be from 1 to %d", RECOGNITION_LIMIT_MAX));
		return;
	}
	struct ranked *rows;
	int n;
	struct errinfo ei;
	if (svc_recognition(x, region, (int)year, (int)limit, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:i,s:I,s:I,s:s,s:s,s:I,s:f}", "rank", i + 1, "volunteer_id",
						       (json_int_t)rows[i].volunteer_id, "person_id",
						       (json_int_t)rows[i].person_id, "name", rows[i].name,
						       "volunteer_no", rows[i].volunteer_no, "org_id",
						       (json_int_t)rows[i].org_id, "hours", minutes_to_hours(rows[i].minutes)));
	reply_json(r, 200, json_pack("{s:i,s:I,s:o}", "year", (int)year, "region_id", (json_int_t)region, "items", items));
}

void h_notification_read(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec out;
	struct errinfo ei;
	if (svc_notification_read(x, r->path_id, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}
