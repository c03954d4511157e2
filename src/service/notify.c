/* notify.c - the notification outbox. A notification is written
 * in the transaction of the event it reports; the in-app inbox delivers it
 * at once, an SMS or e-mail waits in the outbox (status queued, next_at)
 * for a sender. Users read and mark their own.
 *
 * Who gets what on which channel (issue 17): a notification to a person
 * goes by SMS when the person takes SMS, and by e-mail when the person has
 * an address and takes e-mail; in the person's quiet hours it waits until
 * they end (next_at). A notification to an account goes to its inbox; once
 * the account has set its preferences, to the inbox only if it takes the
 * inbox, and also by SMS and e-mail to its person as it chose (the same
 * quiet hours). An emergency's messages override both: an
 * SMS always, the inbox always, all at once (an e-mail too when the person
 * takes e-mail). A call-out's SMS says how to answer by SMS; its e-mail
 * carries a single-use answer link, of which only the token's hash is kept
 * (reply_tokens). */
#include <string.h>

#include "domain/reply.h"
#include "service/keys.h"
#include "service/replies.h"
#include "service/service.h"
#include "store/reply_store.h"
#include "store/service_store.h"

int notice_urgent(const struct notice *n)
{
	return n->ref_entity && strcmp(n->ref_entity, "emergencies") == 0;
}

/* One row of the outbox or the inbox; *id gets its id. */
static enum err put(struct ctx *x, int64_t user_id, int64_t person_id, const char *channel, const struct notice *n,
		    const char *body, int64_t next_at, int64_t *id, struct errinfo *ei)
{
	struct rec r;
	int inbox = strcmp(channel, "inbox") == 0;
	rec_init(&r, &notification_entity);
	if (user_id)
		rec_set_int(&r, NOTIFICATION_USER_ID, user_id);
	else
		rec_set_null(&r, NOTIFICATION_USER_ID);
	if (person_id)
		rec_set_int(&r, NOTIFICATION_PERSON_ID, person_id);
	rec_set_text(&r, NOTIFICATION_CHANNEL, channel);
	rec_set_text(&r, NOTIFICATION_KIND, n->kind);
	rec_set_text(&r, NOTIFICATION_SUBJECT, n->subject);
	rec_set_text(&r, NOTIFICATION_BODY, body);
	rec_set_text(&r, NOTIFICATION_REF_ENTITY, n->ref_entity);
	rec_set_int(&r, NOTIFICATION_REF_ID, n->ref_id);
	/* the inbox delivers at once; an SMS or e-mail waits for its sender */
	rec_set_text(&r, NOTIFICATION_STATUS, inbox ? "delivered" : "queued");
	rec_set_int(&r, NOTIFICATION_ATTEMPTS, inbox ? 1 : 0);
	rec_set_int(&r, NOTIFICATION_CREATED_AT, x->now);
	rec_set_null(&r, NOTIFICATION_READ_AT);
	/* an emergency's messages go out before any other */
	rec_set_int(&r, NOTIFICATION_PRIORITY, notice_urgent(n) ? 10 : 0);
	if (!inbox)
		rec_set_int(&r, NOTIFICATION_NEXT_AT, next_at);
	enum err e = store_insert(x->c, &r, ei);
	if (!e && id)
		*id = r.id;
	return e;
}

/* The e-mail of a call-out: its text and a fresh answer link; the token's
 * hash is kept with the notification once that is written. */
static enum err callout_mail(struct ctx *x, int64_t person_id, const struct notice *n, int64_t next_at,
			     struct errinfo *ei)
{
	char token[44], hashes[KEYSET_MAX][65];
	crypto_token(token);
	if (svc_token_hashes(x, token, 1, hashes) < 1)
		return err_set(ei, ERR_UNAVAILABLE, NULL, "the write key is not held by this server");
	const char *base = x->app && x->app->public_url ? x->app->public_url : "";
	const char *body = arena_printf(x->a,
					"%s\n\n接受或拒绝请打开 (accept or decline here): %s/r#%s\n"
					"此链接只能使用一次 (the link works once).",
					n->body, base, token);
	int64_t id = 0;
	enum err e = put(x, 0, person_id, "email", n, body, next_at, &id, ei);
	if (!e && (e = store_reply_token_add(x->c, hashes[0], id, n->callout_id, person_id, x->now + REPLY_TOKEN_TTL,
					     x->now)))
		e = err_set(ei, e, NULL, NULL);
	return e;
}

/* The notice by SMS and e-mail as preferences p say. */
static enum err route(struct ctx *x, int64_t person_id, const struct prefs_row *pp, const struct notice *n,
		      struct errinfo *ei)
{
	const struct prefs_row p = *pp;
	const char *email = NULL;
	enum err e = store_person_email(x->c, person_id, &email, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	int urgent = notice_urgent(n);
	int64_t next_at = x->now;
	if (!urgent) {
		int64_t until = quiet_until(x->now, p.quiet_start, p.quiet_end);
		if (until)
			next_at = until;
	}
	if (urgent || p.sms) {
		const char *body = n->callout_id ? arena_printf(x->a, "%s 回复1接受，2拒绝。", n->body) : n->body;
		if ((e = put(x, 0, person_id, "sms", n, body, next_at, NULL, ei)))
			return e;
	}
	if (email && p.email) {
		if (n->callout_id)
			e = callout_mail(x, person_id, n, next_at, ei);
		else
			e = put(x, 0, person_id, "email", n, n->body, next_at, NULL, ei);
	}
	return e;
}

enum err notify_person(struct ctx *x, int64_t person_id, const struct notice *n, struct errinfo *ei)
{
	struct prefs_row p;
	enum err e = store_prefs_of_person(x->c, person_id, &p);
	return e ? err_set(ei, e, NULL, NULL) : route(x, person_id, &p, n, ei);
}

enum err notify_insert(struct ctx *x, int64_t user_id, int64_t person_id, const char *kind, const char *subject,
		       const char *body, const char *ref_entity, int64_t ref_id, struct errinfo *ei)
{
	const struct notice n = {kind, subject, body, ref_entity, ref_id, 0};
	if (!user_id)
		return notify_person(x, person_id, &n, ei);
	if (notice_urgent(&n)) /* the person's SMS is the caller's (emergency_notify_person) */
		return put(x, user_id, person_id, "inbox", &n, body, 0, NULL, ei);
	/* an account that set its preferences gets what it chose: the inbox,
	 * and the SMS or e-mail to its person; without, the inbox alone */
	struct prefs_row p;
	enum err e = store_prefs_of_user(x->c, user_id, &p);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (p.inbox && (e = put(x, user_id, person_id, "inbox", &n, body, 0, NULL, ei)))
		return e;
	if (p.found && p.person_id && (p.sms || p.email))
		e = route(x, p.person_id, &p, &n, ei);
	return e;
}

enum err notify_users(struct ctx *x, const int64_t *users, int n, const char *kind, const char *subject,
		      const char *body, const char *ref_entity, int64_t ref_id, struct errinfo *ei)
{
	enum err e;
	for (int i = 0; i < n; i++)
		if ((e = notify_insert(x, users[i], 0, kind, subject, body, ref_entity, ref_id, ei)))
			return e;
	return ERR_OK;
}

enum err notify_org_staff(struct ctx *x, int64_t org_id, const char *kind, const char *subject, const char *body,
			  const char *ref_entity, int64_t ref_id, struct errinfo *ei)
{
	int64_t *users;
	int n;
	enum err e = store_org_staff_users(x->c, org_id, &users, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	return notify_users(x, users, n, kind, subject, body, ref_entity, ref_id, ei);
}

static enum err do_read(struct ctx *x, void *arg, struct errinfo *ei)
{
	int64_t id = *(int64_t *)arg;
	struct rec r;
	enum err e = svc_load_for_write(x, &notification_entity, id, &r, ei);
	if (e)
		return e;
	if (!rec_has(&r, NOTIFICATION_READ_AT)) {
		rec_set_int(&r, NOTIFICATION_READ_AT, x->now);
		e = store_update(x->c, &r, ei);
	}
	return e;
}

enum err svc_notification_read(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei)
{
	enum err e = svc_tx(x, do_read, &id, ei);
	return e ? e : svc_get(x, &res_notifications, id, out, ei);
}

const struct resource res_notifications = {
	.e = &notification_entity,
	.no_create = 1,
	.no_update = 1,
};
