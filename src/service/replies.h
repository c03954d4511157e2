/* replies.h - answers to call-outs that come back by SMS or by an e-mail
 * link, and each account's notification preferences (issue 17).
 *
 * SMS. The gateway posts each inbound message to POST /api/v1/sms/inbound,
 * signed: X-Liandong-Timestamp (unix seconds) and X-Liandong-Signature, the
 * hex HMAC-SHA256 of "<timestamp>.<body>" under sms_webhook_secret. A
 * timestamp more than WEBHOOK_SKEW seconds off, a wrong signature or a
 * (timestamp, signature) pair seen before is refused (401) before anything
 * is written. Each message is kept (the phone sealed, with its lookup
 * hash); the sender's latest call-out in an incident not closed is answered
 * by the reply word of domain/reply.h through the same code as POST
 * /emergencies/{id}/acks, so capacity, repeats and late answers behave the
 * same. A gateway's message id is taken once: a retry gets the first answer.
 *
 * E-mail links. notify.c puts <public_url>/r#<token> in a call-out's e-mail;
 * the token (32 random bytes) is kept as its keyed hash only, works once
 * and expires after REPLY_TOKEN_TTL or with the incident. */
#ifndef LD_SERVICE_REPLIES_H
#define LD_SERVICE_REPLIES_H

#include <stddef.h>
#include <stdint.h>

#include "service/service.h"

#define WEBHOOK_SKEW 300		/* seconds a signed request's timestamp may be off */
#define REPLY_TOKEN_TTL (24 * 3600)	/* an answer link's life at most */
#define SMS_INBOUND_TEXT_MAX 1000	/* bytes of an inbound message's text */
#define SMS_INBOUND_ID_MAX 128		/* bytes of the gateway's message id */

/* ---- the webhook's signature ---- */
enum webhook_verdict { WH_OK, WH_MISSING, WH_STALE, WH_BAD_SIGNATURE };
/* Check a signed request: `ts` and `sig` are the headers (NULL: absent),
 * body[0..len) the raw body. *ts_out gets the timestamp when it parses. */
enum webhook_verdict webhook_verify(const char *secret, const char *ts, const char *sig, const char *body,
				    size_t len, int64_t now, int64_t *ts_out);
/* A message of webhook_verify's verdict, for the 401. */
const char *webhook_verdict_message(enum webhook_verdict v);

/* ---- inbound SMS ---- */
struct sms_inbound {
	const char *phone, *text, *id;	/* id: the gateway's message id, NULL when it sends none */
};
struct sms_outcome {
	int64_t id;			/* the kept message */
	const char *outcome;		/* accepted, declined, unchanged, refused, unrecognised, unmatched */
	int64_t callout_id;		/* 0: none */
	const char *detail;		/* why refused, or NULL */
	int duplicate;			/* the gateway's id was taken before: the first outcome */
};
/* After webhook_verify said WH_OK: take the pair (ERR_UNAUTHORIZED when it
 * was seen before, nothing written) and the message, in one transaction. */
enum err svc_sms_inbound(struct ctx *x, const char *signature, int64_t ts, const struct sms_inbound *in,
			 struct sms_outcome *out, struct errinfo *ei);

/* ---- e-mail links ---- */
struct reply_summary {
	int64_t callout_id, emergency_id, called_at, expires_at;
	const char *status;			/* the call-out's */
	const char *type, *title, *place, *severity, *emergency_status;
	double distance_km;
};
/* What the link `token` answers: 404 naming token when unknown or
 * malformed, 410 when used or expired (or the incident is closed). */
enum err svc_reply_check(struct ctx *x, const char *token, struct reply_summary *out, struct errinfo *ei);
/* Answer with the link: "accept" or "decline" (422 naming answer else); the
 * token is used up only when the answer is taken. */
enum err svc_reply(struct ctx *x, const char *token, const char *answer, struct reply_summary *out, int *changed,
		   struct errinfo *ei);

/* ---- preferences ---- */
struct notify_prefs {
	int sms, email, inbox;
	int quiet_start, quiet_end;	/* minutes 0..1439; -1: no quiet hours */
	int64_t updated_at;		/* 0: never set (the defaults) */
};
enum err svc_prefs_get(struct ctx *x, struct notify_prefs *out, struct errinfo *ei);
/* Replace the caller's preferences (validated: 422 naming quiet_start or
 * quiet_end; both or neither, and not equal). */
enum err svc_prefs_put(struct ctx *x, const struct notify_prefs *in, struct notify_prefs *out, struct errinfo *ei);

#endif
