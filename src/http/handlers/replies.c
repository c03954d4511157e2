/* replies.c - the routes of replies and preferences (service/replies.h):
 * the SMS gateway's signed inbound webhook, the e-mail answer links, and
 * GET/PUT /me/notify-prefs. */
#include <stdio.h>
#include <string.h>

#include "domain/reply.h"
#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "service/replies.h"

/* ---- POST /sms/inbound ---- */

enum err sms_inbound_decode(json_t *body, struct arena *a, struct sms_inbound *out, struct errinfo *ei)
{
	*out = (struct sms_inbound){0};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "phone") == 0 && json_is_string(v)) {
			out->phone = arena_strdup(a, json_string_value(v));
		} else if (strcmp(key, "text") == 0 && json_is_string(v)) {
			out->text = arena_strdup(a, json_string_value(v));
		} else if (strcmp(key, "id") == 0 && json_is_string(v)) {
			out->id = arena_strdup(a, json_string_value(v));
		} else if (strcmp(key, "id") == 0 && json_is_integer(v)) {
			out->id = arena_printf(a, "%lld", (long long)json_integer_value(v));
		} else if (strcmp(key, "id") == 0 && json_is_null(v)) {
			out->id = NULL;
		} else {
			int known = !strcmp(key, "phone") || !strcmp(key, "text") || !strcmp(key, "id");
			return err_set(ei, known ? ERR_INVALID : ERR_UNKNOWN_FIELD, key,
				       known ? "has the wrong type" : "unknown field");
		}
	}
	if (!out->phone || !*out->phone)
		return err_set(ei, ERR_REQUIRED, "phone", "phone is required");
	if (strlen(out->phone) > 32)
		return err_set(ei, ERR_INVALID, "phone", "phone must be at most 32 bytes");
	if (!out->text)
		return err_set(ei, ERR_REQUIRED, "text", "text is required");
	if (strlen(out->text) > SMS_INBOUND_TEXT_MAX)
		return err_setf(ei, ERR_INVALID, "text", "text must be at most %d bytes", SMS_INBOUND_TEXT_MAX);
	if (out->id && (!*out->id || strlen(out->id) > SMS_INBOUND_ID_MAX))
		return err_setf(ei, ERR_INVALID, "id", "id must be 1 to %d bytes", SMS_INBOUND_ID_MAX);
	return ERR_OK;
}

void h_sms_inbound(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	if (!r->app->sms_webhook_secret) {
		reply_errc(r, ERR_UNAVAILABLE, NULL, "the SMS webhook is not configured (sms_webhook_secret)");
		return;
	}
	/* the signature before anything else: an unsigned body is not read */
	const char *ts = req_header(r, "X-Liandong-Timestamp"), *sig = req_header(r, "X-Liandong-Signature");
	int64_t t = 0;
	enum webhook_verdict v = webhook_verify(r->app->sms_webhook_secret, ts, sig, r->body, r->body_len, x->now, &t);
	if (v != WH_OK) {
		reply_errc(r, ERR_UNAUTHORIZED, v == WH_STALE ? "X-Liandong-Timestamp" : "X-Liandong-Signature",
			   webhook_verdict_message(v));
		return;
	}
	json_t *body = read_body(r);
	if (!body)
		return;
	struct sms_inbound in;
	struct sms_outcome out;
	struct errinfo ei;
	enum err e = sms_inbound_decode(body, x->a, &in, &ei);
	json_decref(body);
	/* the pair is taken in lower case: the same signature in other case
	 * is the same request */
	char *s = arena_strdup(x->a, sig);
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	if (e || (e = svc_sms_inbound(x, s, t, &in, &out, &ei))) {
		reply_err(r, &ei);
		return;
	}
	json_t *j = json_pack("{s:I,s:s,s:b}", "id", (json_int_t)out.id, "outcome", out.outcome, "duplicate",
			      out.duplicate);
	json_object_set_new(j, "callout_id", out.callout_id ? json_integer(out.callout_id) : json_null());
	json_object_set_new(j, "detail", out.detail ? json_string(out.detail) : json_null());
	reply_json(r, 200, j);
}

/* ---- e-mail answer links ---- */

static json_t *summary_json(const struct reply_summary *s)
{
	json_t *j = json_pack("{s:I,s:I,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}", "callout_id", (json_int_t)s->callout_id,
			      "emergency_id", (json_int_t)s->emergency_id, "status", s->status, "type", s->type,
			      "title", s->title, "place", s->place, "severity", s->severity, "emergency_status",
			      s->emergency_status);
	json_object_set_new(j, "distance_km", s->distance_km >= 0 ? json_real(s->distance_km) : json_null());
	char at[32];
	time_format(s->called_at, at);
	json_object_set_new(j, "called_at", json_string(at));
	time_format(s->expires_at, at);
	json_object_set_new(j, "expires_at", json_string(at));
	return j;
}

static const char *const token_names[] = {"token"};
static const char *const reply_names[] = {"token", "answer"};

void h_reply_check(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	const char *v[1];
	if (body_strings(r, token_names, v, 1))
		return;
	struct reply_summary s;
	struct errinfo ei;
	if (svc_reply_check(x, v[0], &s, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, summary_json(&s));
}

void h_reply(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	const char *v[2];
	if (body_strings(r, reply_names, v, 2))
		return;
	struct reply_summary s;
	struct errinfo ei;
	int changed = 0;
	if (svc_reply(x, v[0], v[1], &s, &changed, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *j = summary_json(&s);
	json_object_set_new(j, "changed", json_boolean(changed));
	reply_json(r, 200, j);
}

/* ---- GET/PUT /me/notify-prefs ---- */

static const char *const channel_names[] = {"sms", "email", "inbox"};

static json_t *prefs_json(const struct notify_prefs *p)
{
	json_t *ch = json_array();
	int on[3] = {p->sms, p->email, p->inbox};
	for (int i = 0; i < 3; i++)
		if (on[i])
			json_array_append_new(ch, json_string(channel_names[i]));
	json_t *j = json_pack("{s:o}", "channels", ch);
	json_object_set_new(j, "quiet_start", p->quiet_start >= 0 ? json_integer(p->quiet_start) : json_null());
	json_object_set_new(j, "quiet_end", p->quiet_end >= 0 ? json_integer(p->quiet_end) : json_null());
	char at[32];
	if (p->updated_at)
		time_format(p->updated_at, at);
	json_object_set_new(j, "updated_at", p->updated_at ? json_string(at) : json_null());
	json_object_set_new(j, "timezone", json_string("Asia/Shanghai"));
	return j;
}

/* A quiet-hours field: null/absent -1, else an integer 0..1439. */
static enum err minutes(json_t *v, const char *name, int *out, struct errinfo *ei)
{
	*out = -1;
	if (!v || json_is_null(v))
		return ERR_OK;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > QUIET_MINUTES_MAX)
		return err_setf(ei, ERR_INVALID, name, "%s is minutes after midnight, 0 to %d (or null)", name,
				QUIET_MINUTES_MAX);
	*out = (int)json_integer_value(v);
	return ERR_OK;
}

enum err notify_prefs_decode(json_t *body, struct notify_prefs *out, struct errinfo *ei)
{
	*out = (struct notify_prefs){0, 0, 0, -1, -1, 0};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "channels") && strcmp(key, "quiet_start") && strcmp(key, "quiet_end"))
			return err_set(ei, ERR_UNKNOWN_FIELD, key, "unknown field");
	}
	json_t *ch = json_object_get(body, "channels");
	if (!ch)
		return err_set(ei, ERR_REQUIRED, "channels", "channels is required: a list of sms, email, inbox");
	if (!json_is_array(ch))
		return err_set(ei, ERR_INVALID, "channels", "channels is a list of sms, email, inbox");
	size_t i;
	json_array_foreach(ch, i, v)
	{
		const char *s = json_is_string(v) ? json_string_value(v) : NULL;
		int *slot = !s ? NULL : !strcmp(s, "sms") ? &out->sms : !strcmp(s, "email") ? &out->email
								     : !strcmp(s, "inbox") ? &out->inbox : NULL;
		if (!slot)
			return err_setf(ei, ERR_INVALID, "channels", "channels[%zu] is not one of sms, email, inbox", i);
		if (*slot)
			return err_setf(ei, ERR_INVALID, "channels", "channels[%zu] repeats %s", i, s);
		*slot = 1;
	}
	enum err e = minutes(json_object_get(body, "quiet_start"), "quiet_start", &out->quiet_start, ei);
	return e ? e : minutes(json_object_get(body, "quiet_end"), "quiet_end", &out->quiet_end, ei);
}

void h_notify_prefs_get(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct notify_prefs p;
	struct errinfo ei;
	if (svc_prefs_get(x, &p, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, prefs_json(&p));
}

void h_notify_prefs_put(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	json_t *body = read_body(r);
	if (!body)
		return;
	struct notify_prefs in, out;
	struct errinfo ei;
	enum err e = notify_prefs_decode(body, &in, &ei);
	json_decref(body);
	if (e || svc_prefs_put(x, &in, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, prefs_json(&out));
}
