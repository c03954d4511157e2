/* replies.c - answers to call-outs by SMS and by e-mail link, and each
 * account's notification preferences; see replies.h. The answer itself is
 * mobilize.c's (emergency_reply_in), so an answer that comes back by SMS
 * or link obeys exactly the rules of one made in the app. */
#include "service/replies.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "domain/phone.h"
#include "domain/reply.h"
#include "service/emergency.h"
#include "service/geo.h"
#include "service/incident.h"
#include "service/keys.h"
#include "store/reply_store.h"

/* ---- the webhook's signature ---- */

enum webhook_verdict webhook_verify(const char *secret, const char *ts, const char *sig, const char *body,
				    size_t len, int64_t now, int64_t *ts_out)
{
	if (!secret || !*secret || !ts || !sig || !*ts || !*sig)
		return WH_MISSING;
	size_t n = strlen(ts);
	if (n > 12 || strspn(ts, "0123456789") != n)
		return WH_STALE;
	int64_t t = 0;
	for (size_t i = 0; i < n; i++)
		t = t * 10 + (ts[i] - '0');
	*ts_out = t;
	if (t < now - WEBHOOK_SKEW || t > now + WEBHOOK_SKEW)
		return WH_STALE;
	/* the signed message is "<timestamp>.<body>" */
	char *msg = xmalloc(n + 1 + len + 1);
	memcpy(msg, ts, n);
	msg[n] = '.';
	if (len)
		memcpy(msg + n + 1, body, len);
	int ok = crypto_hmac_sha256_verify_hex(secret, strlen(secret), msg, n + 1 + len, sig);
	free(msg);
	return ok ? WH_OK : WH_BAD_SIGNATURE;
}

const char *webhook_verdict_message(enum webhook_verdict v)
{
	switch (v) {
	case WH_OK:
		return "ok";
	case WH_MISSING:
		return "sign the request: X-Liandong-Timestamp and X-Liandong-Signature";
	case WH_STALE:
		return "X-Liandong-Timestamp must be unix seconds within 5 minutes of the server's clock";
	case WH_BAD_SIGNATURE:
		break;
	}
	return "the signature does not match";
}

/* ---- inbound SMS ---- */
struct in_args {
	const char *sig;
	int64_t ts;
	const struct sms_inbound *in;
	struct sms_outcome *out;
};

static void take_first(struct sms_outcome *out, const struct inbound_row *r)
{
	*out = (struct sms_outcome){r->id, r->outcome, r->callout_id, r->detail, 1};
}

/* Answer call-out co as the reply word says; the outcome to keep. A refusal
 * by the rules (too late, declined before, the incident closed) is kept as
 * "refused": the gateway is answered 200 and must not retry it. */
static enum err answer(struct ctx *x, int64_t co, enum reply_word w, struct sms_outcome *out, struct errinfo *ei)
{
	struct rec after;
	int changed = 0;
	enum err e = emergency_reply_in(x, co, w == RW_ACCEPT ? CA_ACCEPT : CA_DECLINE, "by SMS", &after, &changed, ei);
	if (e == ERR_CONFLICT || e == ERR_TRANSITION || e == ERR_RULE || e == ERR_FORBIDDEN) {
		out->outcome = "refused";
		out->detail = arena_strdup(x->a, ei->message);
		*ei = (struct errinfo){0};
		return ERR_OK;
	}
	if (e)
		return e;
	out->outcome = !changed ? "unchanged" : w == RW_ACCEPT ? "accepted" : "declined";
	return ERR_OK;
}

static enum err do_inbound(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct in_args *a = arg;
	const struct sms_inbound *in = a->in;
	struct sms_outcome *out = a->out;
	int fresh = 0;
	enum err e = store_nonce_take(x->c, a->sig, a->ts, x->now, x->now - 2 * WEBHOOK_SKEW - 60, &fresh);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (!fresh)
		return err_set(ei, ERR_UNAUTHORIZED, "X-Liandong-Signature", "this signed request was taken before (replay)");
	struct inbound_row first;
	if (in->id) {
		if ((e = store_inbound_by_gateway_id(x->c, in->id, &first, x->a)))
			return err_set(ei, e, NULL, NULL);
		if (first.id) {
			take_first(out, &first);
			return ERR_OK;
		}
	}
	/* the phone sealed with its lookup hash, never in clear */
	char phone[12];
	int valid = phone_normalize(in->phone, strlen(in->phone), phone) == 0;
	const char *sealed = NULL, *hash = NULL, *hashes = NULL;
	if ((e = svc_protect(x, valid ? phone : in->phone, &sealed, valid ? &hash : NULL, ei)))
		return e;
	if (valid && !(hashes = svc_lookup_filter(x, phone, ei)))
		return ei->code;
	int64_t id = 0;
	if ((e = store_inbound_add(x->c, in->id, sealed, hash, in->text, x->now, &id)))
		return err_set(ei, e, NULL, NULL);
	if (!id) { /* the same id, taken by a request that raced this one */
		if ((e = store_inbound_by_gateway_id(x->c, in->id, &first, x->a)))
			return err_set(ei, e, NULL, NULL);
		take_first(out, &first);
		return ERR_OK;
	}
	*out = (struct sms_outcome){id, "unmatched", 0, NULL, 0};
	int64_t co = 0, person = 0;
	if (hashes && (e = store_open_callout_by_phone(x->c, hashes, &co, &person)))
		return err_set(ei, e, NULL, NULL);
	if (person && !co)
		out->detail = "no open call-out for this phone";
	else if (!person)
		out->detail = valid ? "no person has this phone" : "not a mainland mobile number";
	if (co) {
		out->callout_id = co;
		enum reply_word w = reply_word_parse(in->text, strlen(in->text));
		if (w == RW_UNKNOWN) {
			out->outcome = "unrecognised";
			out->detail = "answer 1 (accept) or 2 (decline)";
		} else if ((e = answer(x, co, w, out, ei))) {
			return e;
		}
	}
	if ((e = store_inbound_outcome(x->c, id, person, co, out->outcome, out->detail)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_sms_inbound(struct ctx *x, const char *signature, int64_t ts, const struct sms_inbound *in,
			 struct sms_outcome *out, struct errinfo *ei)
{
	/* an answer may call the next candidates: the index first, outside
	 * the transaction (as the app's acknowledgement does) */
	enum err e = geo_sync(x, ei);
	struct in_args a = {signature, ts, in, out};
	return e ? e : svc_tx(x, do_inbound, &a, ei);
}

/* ---- e-mail links ---- */

static int token_shape(const char *t)
{
	return t && strlen(t) == 43 &&
	       strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43;
}

static enum err find_token(struct ctx *x, const char *token, struct token_row *t, struct errinfo *ei)
{
	char h[KEYSET_MAX][65];
	if (!token_shape(token))
		return err_set(ei, ERR_NOT_FOUND, "token", "no such answer link");
	int n = svc_token_hashes(x, token, 1, h);
	if (n < 1)
		return err_set(ei, ERR_UNAVAILABLE, NULL, "the write key is not held by this server");
	enum err e = store_reply_token_find(x->c, h, n, t);
	if (e)
		return err_set(ei, e, NULL, NULL);
	return t->id ? ERR_OK : err_set(ei, ERR_NOT_FOUND, "token", "no such answer link");
}

/* The call-out and its incident, without anyone's personal data. */
static enum err summarize(struct ctx *x, int64_t callout_id, const struct token_row *t, struct reply_summary *out,
			  struct errinfo *ei)
{
	struct rec co, em;
	enum err e = store_get(x->c, &callout_entity, callout_id, NULL, &co, x->a);
	if (!e)
		e = store_get(x->c, &emergency_entity, rec_int(&co, CALLOUT_EMERGENCY_ID, 0), NULL, &em, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	res_callouts.present(x, &co, 1);
	*out = (struct reply_summary){
		.callout_id = callout_id,
		.emergency_id = em.id,
		.called_at = rec_int(&co, CALLOUT_CALLED_AT, 0),
		.expires_at = t->expires_at,
		.status = rec_text(&co, CALLOUT_STATUS),
		.type = rec_text(&em, EMERGENCY_TYPE),
		.title = rec_text(&em, EMERGENCY_TITLE),
		.place = rec_text(&em, EMERGENCY_PLACE),
		.severity = rec_text(&em, EMERGENCY_SEVERITY),
		.emergency_status = rec_text(&em, EMERGENCY_STATUS),
		.distance_km = rec_has(&co, CALLOUT_DISTANCE_KM) ? rec_cval(&co, CALLOUT_DISTANCE_KM)->r : -1,
	};
	return ERR_OK;
}

/* 410 when the link may no longer answer. */
static enum err live(struct ctx *x, const struct token_row *t, const struct reply_summary *s, struct errinfo *ei)
{
	if (t->used_at)
		return err_set(ei, ERR_GONE, "token", "the link was used already: it works once");
	if (t->expires_at <= x->now)
		return err_set(ei, ERR_GONE, "token", "the link has expired");
	if (s->emergency_status && strcmp(s->emergency_status, "closed") == 0)
		return err_set(ei, ERR_GONE, "token", "the incident is closed; thank you");
	return ERR_OK;
}

enum err svc_reply_check(struct ctx *x, const char *token, struct reply_summary *out, struct errinfo *ei)
{
	struct token_row t;
	enum err e = find_token(x, token, &t, ei);
	if (!e)
		e = summarize(x, t.callout_id, &t, out, ei);
	return e ? e : live(x, &t, out, ei);
}

struct reply_args {
	const char *token;
	enum callout_answer answer;
	struct reply_summary *out;
	int changed;
};

static enum err do_reply(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct reply_args *a = arg;
	struct token_row t;
	struct rec after;
	int took = 0;
	enum err e;
	if ((e = find_token(x, a->token, &t, ei)) || (e = summarize(x, t.callout_id, &t, a->out, ei)) ||
	    (e = live(x, &t, a->out, ei)))
		return e;
	if ((e = store_reply_token_use(x->c, t.id, callout_answer_names[a->answer], x->now, &took)))
		return err_set(ei, e, NULL, NULL);
	if (!took) /* a request with the same link won the race */
		return err_set(ei, ERR_GONE, "token", "the link was used already: it works once");
	if ((e = emergency_reply_in(x, t.callout_id, a->answer, "by e-mail link", &after, &a->changed, ei)))
		return e;
	return summarize(x, t.callout_id, &t, a->out, ei);
}

enum err svc_reply(struct ctx *x, const char *token, const char *answer, struct reply_summary *out, int *changed,
		   struct errinfo *ei)
{
	struct reply_args a = {token, CA_ACCEPT, out, 0};
	if (!answer)
		return err_set(ei, ERR_REQUIRED, "answer", "answer is accept or decline");
	if (callout_answer_parse(answer, &a.answer) || a.answer == CA_ARRIVED)
		return err_set(ei, ERR_INVALID, "answer", "answer is accept or decline");
	enum err e = geo_sync(x, ei);
	if (!e)
		e = svc_tx(x, do_reply, &a, ei);
	*changed = a.changed;
	return e;
}

/* ---- preferences ---- */

static void from_row(const struct prefs_row *r, struct notify_prefs *out)
{
	*out = (struct notify_prefs){r->sms, r->email, r->inbox, r->quiet_start, r->quiet_end, r->updated_at};
}

enum err svc_prefs_get(struct ctx *x, struct notify_prefs *out, struct errinfo *ei)
{
	struct prefs_row r;
	if (!x->who)
		return err_set(ei, ERR_UNAUTHORIZED, NULL, NULL);
	enum err e = store_prefs_of_user(x->c, x->who->user_id, &r);
	if (e)
		return err_set(ei, e, NULL, NULL);
	from_row(&r, out);
	return ERR_OK;
}

static enum err do_prefs_put(struct ctx *x, void *arg, struct errinfo *ei)
{
	const struct notify_prefs *in = arg;
	struct prefs_row r = {1, in->sms, in->email, in->inbox, in->quiet_start, in->quiet_end, x->now, x->who->person_id};
	enum err e = store_prefs_put(x->c, x->who->user_id, x->who->person_id, &r);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

enum err svc_prefs_put(struct ctx *x, const struct notify_prefs *in, struct notify_prefs *out, struct errinfo *ei)
{
	if (!x->who)
		return err_set(ei, ERR_UNAUTHORIZED, NULL, NULL);
	if ((in->quiet_start < 0) != (in->quiet_end < 0))
		return err_set(ei, ERR_REQUIRED, in->quiet_start < 0 ? "quiet_start" : "quiet_end",
			       "quiet hours need both quiet_start and quiet_end (or neither)");
	if (in->quiet_start > QUIET_MINUTES_MAX || in->quiet_start < -1)
		return err_set(ei, ERR_INVALID, "quiet_start", "quiet_start is minutes after midnight, 0 to 1439");
	if (in->quiet_end > QUIET_MINUTES_MAX || in->quiet_end < -1)
		return err_set(ei, ERR_INVALID, "quiet_end", "quiet_end is minutes after midnight, 0 to 1439");
	if (in->quiet_start >= 0 && in->quiet_start == in->quiet_end)
		return err_set(ei, ERR_INVALID, "quiet_end", "quiet_end must differ from quiet_start");
	enum err e = svc_tx(x, do_prefs_put, (void *)in, ei);
	return e ? e : svc_prefs_get(x, out, ei);
}
