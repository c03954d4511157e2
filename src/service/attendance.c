/* attendance.c - check-in and check-out, and the service record a check-out
 * makes.
 *
 * The leader's screen shows a QR code holding a short-lived token for the
 * shift: "<shift>.<expires>.<mac>", the MAC keyed by a secret kept in the
 * store (one for every server process). The volunteer's phone sends it with
 * the sign-up; staff may instead check people in or out by hand with a
 * reason. Both are idempotent twice over: a sign-up has one attendance row
 * (a repeated check-in answers the same row), and a request carrying an
 * Idempotency-Key gets the first answer to that key replayed, byte for byte,
 * stored in the same transaction as the write it answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/records.h"
#include "domain/timefmt.h"
#include "crypto/crypto.h"
#include "domain/service_rules.h"
#include "model/codec.h"
#include "qr/qr.h"
#include "service/service.h"
#include "store/service_store.h"


static enum err qr_secret(struct ctx *x, const char **secret, struct errinfo *ei)
{
	char fresh[65];
	crypto_random_hex(fresh);
	enum err e = store_secret(x->c, "checkin_qr", fresh, secret, x->a);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

char *checkin_token_make(const char *secret, int64_t shift_id, int64_t expires, struct arena *a)
{
	char msg[64], mac[33];
	snprintf(msg, sizeof msg, "%lld.%lld", (long long)shift_id, (long long)expires);
	if (crypto_mac_hex(secret, msg, mac) != 0)
		return NULL;
	return arena_printf(a, "%s.%s", msg, mac);
}

enum token_check checkin_token_check(const char *secret, const char *token, int64_t shift_id, int64_t now,
				     struct arena *a)
{
	long long sid = 0, exp = 0;
	char mac[40] = "";
	if (!token || strlen(token) > 100 || sscanf(token, "%lld.%lld.%39s", &sid, &exp, mac) != 3)
		return TOKEN_INVALID;
	const char *want = checkin_token_make(secret, sid, exp, a);
	if (!want || !crypto_streq(want, token))
		return TOKEN_INVALID;
	if (sid != shift_id)
		return TOKEN_OTHER_SHIFT;
	if (exp < now)
		return TOKEN_EXPIRED;
	return TOKEN_OK;
}

enum err svc_checkin_token(struct ctx *x, int64_t shift_id, const char *link_base, struct checkin_token *out,
			   struct errinfo *ei)
{
	struct rec shift;
	const char *secret;
	enum err e = store_get(x->c, &shift_entity, shift_id, NULL, &shift, x->a);
	if (e)
		return err_setf(ei, e, "id", "no shift %lld", (long long)shift_id);
	if ((e = activity_staff(x, rec_int(&shift, SHIFT_ACTIVITY_ID, 0), ei)) || (e = qr_secret(x, &secret, ei)))
		return e;
	out->expires_at = x->now + x->app->token_ttl;
	out->token = checkin_token_make(secret, shift_id, out->expires_at, x->a);
	if (!out->token)
		return err_set(ei, ERR_INTERNAL, NULL, "the check-in secret is malformed");
	out->link = arena_printf(x->a, "%s/checkin?token=%s", link_base ? link_base : "", out->token);
	out->qr_svg = qr_svg(out->link, x->a);
	return ERR_OK;
}

/* 0 if `token` is a live token for `shift_id`, else the error (field token). */
static enum err check_token(struct ctx *x, const char *token, int64_t shift_id, struct errinfo *ei)
{
	const char *secret;
	enum err e = qr_secret(x, &secret, ei);
	if (e)
		return e;
	switch (checkin_token_check(secret, token, shift_id, x->now, x->a)) {
	case TOKEN_OK: return ERR_OK;
	case TOKEN_OTHER_SHIFT: return err_set(ei, ERR_INVALID, "token", "the check-in code is for another shift");
	case TOKEN_EXPIRED: return err_set(ei, ERR_INVALID, "token", "the check-in code has expired; scan the current one");
	default: return err_set(ei, ERR_INVALID, "token", "the check-in code is not valid");
	}
}

struct check_args {
	int out;			/* 0 check-in, 1 check-out */
	int64_t signup_id;
	const char *token, *reason, *key, *route;
	int status;
	const char *body;
};

/* The answer to a check: status and JSON body, kept for idempotent replay. */
static void answer(struct check_args *c, struct ctx *x, int status, const char *body)
{
	c->status = status;
	c->body = arena_strdup(x->a, body);
}

/* The window a volunteer checks in and out of the shift by themself. */
static struct window shift_window(struct ctx *x, const struct rec *shift)
{
	return (struct window){rec_int(shift, SHIFT_STARTS_AT, 0), rec_int(shift, SHIFT_ENDS_AT, 0), x->app->checkin_lead,
			       x->app->checkout_grace};
}

/* Make the service record of a finished attendance: the time served,
 * capped at the shift's length; flagged outside_window when a check fell
 * outside the volunteer's window and manual when staff made either. */
static enum err record_attendance(struct ctx *x, const struct rec *g, const struct rec *att, int64_t *record_id,
				  int64_t *minutes, struct errinfo *ei)
{
	struct rec shift, act, pos, r;
	enum err e;
	if ((e = store_get(x->c, &shift_entity, rec_int(g, SIGNUP_SHIFT_ID, 0), NULL, &shift, x->a)) ||
	    (e = store_get(x->c, &activity_entity, rec_int(&shift, SHIFT_ACTIVITY_ID, 0), NULL, &act, x->a)) ||
	    (e = store_get(x->c, &position_entity, rec_int(&shift, SHIFT_POSITION_ID, 0), NULL, &pos, x->a)))
		return err_set(ei, e, NULL, NULL);
	int64_t in = rec_int(att, ATTENDANCE_CHECK_IN_AT, 0), out = rec_int(att, ATTENDANCE_CHECK_OUT_AT, 0);
	struct window w = shift_window(x, &shift);
	*minutes = served_minutes(&w, in, out);
	int in_manual = strcmp(rec_text(att, ATTENDANCE_CHECK_IN_METHOD), "qr") != 0,
	    out_manual = strcmp(rec_text(att, ATTENDANCE_CHECK_OUT_METHOD), "qr") != 0;
	rec_init(&r, &service_record_entity);
	rec_set_int(&r, SERVICE_RECORD_VOLUNTEER_ID, rec_int(g, SIGNUP_VOLUNTEER_ID, 0));
	rec_set_int(&r, SERVICE_RECORD_ORG_ID, rec_int(&act, ACTIVITY_ORG_ID, 0));
	rec_set_int(&r, SERVICE_RECORD_ACTIVITY_ID, act.id);
	rec_set_int(&r, SERVICE_RECORD_SIGNUP_ID, g->id);
	rec_set_text(&r, SERVICE_RECORD_CONTENT, arena_printf(x->a, "%s - %s", rec_text(&act, ACTIVITY_TITLE), rec_text(&pos, POSITION_TITLE)));
	rec_set_text(&r, SERVICE_RECORD_PLACE, rec_text(&act, ACTIVITY_PLACE));
	rec_set_int(&r, SERVICE_RECORD_STARTS_AT, in);
	rec_set_int(&r, SERVICE_RECORD_ENDS_AT, out);
	rec_set_int(&r, SERVICE_RECORD_MINUTES, *minutes);
	if ((e = ledger_stamp(x, &r, rec_int(&shift, SHIFT_ENDS_AT, 0), ei)))
		return e;
	rec_set_int(&r, SERVICE_RECORD_OUTSIDE_WINDOW, attendance_outside_window(&w, in, in_manual, out, out_manual));
	ledger_sign(x, &r, in_manual || out_manual);
	if ((e = store_insert(x->c, &r, ei)))
		return e;
	*record_id = r.id;
	return svc_audit(x, "create", &res_service_records, r.id, NULL, &r) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									  : ERR_OK;
}

static enum err do_check(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct check_args *c = arg;
	struct rec g, shift, att, vol;
	enum err e;

	/* lock the sign-up: concurrent checks of one sign-up queue here */
	e = store_get_locked(x->c, &signup_entity, c->signup_id, NULL, &g, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "signup_id", "no sign-up %lld",
				(long long)c->signup_id);
	if (c->key && x->who) {
		const char *route, *body;
		int status;
		e = store_idem_get(x->c, x->who->user_id, c->key, &route, &status, &body, x->a);
		if (e == ERR_OK) {
			if (strcmp(route, c->route) != 0)
				return err_set(ei, ERR_INVALID, "Idempotency-Key", "this key was used for another request");
			answer(c, x, status, body);
			return ERR_OK;
		}
		if (e != ERR_NOT_FOUND)
			return err_set(ei, e, NULL, NULL);
	}
	if ((e = store_get(x->c, &shift_entity, rec_int(&g, SIGNUP_SHIFT_ID, 0), NULL, &shift, x->a)) ||
	    (e = store_get(x->c, &vol_entity, rec_int(&g, SIGNUP_VOLUNTEER_ID, 0), NULL, &vol, x->a)))
		return err_set(ei, e, NULL, NULL);

	/* who: the volunteer with a live code, or staff by hand with a reason */
	int self = x->who && x->who->person_id && x->who->person_id == rec_int(&vol, VOLUNTEER_PERSON_ID, 0);
	if (c->token) {
		if (!self)
			return err_set(ei, ERR_FORBIDDEN, "signup_id", "only the volunteer checks in with a code");
		if ((e = check_token(x, c->token, shift.id, ei)))
			return e;
	} else {
		if (!c->reason || !*c->reason)
			return err_set(ei, ERR_REQUIRED, "token", "give the scanned token, or (staff) a reason");
		if ((e = activity_staff(x, rec_int(&shift, SHIFT_ACTIVITY_ID, 0), ei)))
			return err_set(ei, ERR_FORBIDDEN, "reason", "only the organisers check people in by hand");
	}
	if (strcmp(rec_text(&g, SIGNUP_STATUS), "accepted") != 0)
		return err_setf(ei, ERR_CONFLICT, "signup_id", "the sign-up is %s, not accepted", rec_text(&g, SIGNUP_STATUS));

	int64_t att_id = 0;
	if ((e = store_attendance_of(x->c, g.id, &att_id)))
		return err_set(ei, e, NULL, NULL);
	if (att_id && (e = store_get(x->c, &attendance_entity, att_id, NULL, &att, x->a)))
		return err_set(ei, e, NULL, NULL);
	const char *method = c->token ? "qr" : "manual";

	/* a volunteer's own check-in and check-out keep to the shift's window;
	 * staff may record outside it, with their reason, and it is flagged */
	struct window w = shift_window(x, &shift);
	struct verdict vd = {1, NULL, NULL};
	if (c->token && (c->out ? att_id && !rec_has(&att, ATTENDANCE_SERVICE_RECORD_ID) : !att_id))
		vd = c->out ? checkout_window(&w, x->now) : checkin_window(&w, x->now);
	if (!vd.ok)
		return err_set(ei, ERR_RULE, vd.field, vd.message);

	if (!c->out) {
		if (att_id) { /* already in: the same answer, nothing new */
			answer(c, x, 200, codec_dump(&att, 0, x->a));
		} else {
			rec_init(&att, &attendance_entity);
			rec_set_int(&att, ATTENDANCE_SIGNUP_ID, g.id);
			rec_set_int(&att, ATTENDANCE_CHECK_IN_AT, x->now);
			rec_set_text(&att, ATTENDANCE_CHECK_IN_METHOD, method);
			rec_set_text(&att, ATTENDANCE_CHECK_IN_REASON, c->reason);
			rec_set_int(&att, ATTENDANCE_CHECK_IN_BY_USER_ID, x->who ? x->who->user_id : 0);
			if ((e = store_insert(x->c, &att, ei)))
				return e;
			if (svc_audit(x, "check_in", &res_attendance, att.id, NULL, &att))
				return err_set(ei, ERR_INTERNAL, NULL, NULL);
			answer(c, x, 201, codec_dump(&att, 0, x->a));
		}
	} else {
		if (!att_id)
			return err_set(ei, ERR_CONFLICT, "signup_id", "check in before checking out");
		int64_t rid = rec_int(&att, ATTENDANCE_SERVICE_RECORD_ID, 0), minutes = 0;
		int made = !rid;
		if (rid) { /* already out: the same answer */
			struct rec r;
			if ((e = store_get(x->c, &service_record_entity, rid, NULL, &r, x->a)))
				return err_set(ei, e, NULL, NULL);
			minutes = rec_int(&r, SERVICE_RECORD_MINUTES, 0);
		} else {
			struct rec before = att;
			rec_set_int(&att, ATTENDANCE_CHECK_OUT_AT, x->now);
			rec_set_text(&att, ATTENDANCE_CHECK_OUT_METHOD, method);
			rec_set_text(&att, ATTENDANCE_CHECK_OUT_REASON, c->reason);
			rec_set_int(&att, ATTENDANCE_CHECK_OUT_BY_USER_ID, x->who ? x->who->user_id : 0);
			if ((e = record_attendance(x, &g, &att, &rid, &minutes, ei)))
				return e;
			rec_set_int(&att, ATTENDANCE_SERVICE_RECORD_ID, rid);
			if ((e = store_update(x->c, &att, ei)))
				return e;
			if (svc_audit(x, "check_out", &res_attendance, att.id, &before, &att))
				return err_set(ei, ERR_INTERNAL, NULL, NULL);
		}
		answer(c, x, made ? 201 : 200,
		       arena_printf(x->a, "{\"service_record_id\":%lld,\"hours\":%.2f,\"attendance_id\":%lld}",
				    (long long)rid, minutes_to_hours(minutes), (long long)att.id));
	}
	if (c->key && x->who && (e = store_idem_put(x->c, x->who->user_id, c->key, c->route, c->status, c->body, x->now)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_check(struct ctx *x, int out, int64_t signup_id, const char *token, const char *reason,
		   const char *idem_key, int *status, const char **body, struct errinfo *ei)
{
	struct check_args c = {out, signup_id, token, reason, idem_key,
			       arena_printf(x->a, "%s:%lld", out ? "check-out" : "check-in", (long long)signup_id), 0,
			       NULL};
	enum err e = svc_tx(x, do_check, &c, ei);
	if (!e) {
		*status = c.status;
		*body = c.body;
	}
	return e;
}

const struct resource res_attendance = {
	.e = &attendance_entity,
	.no_create = 1,
	.no_update = 1,
};
