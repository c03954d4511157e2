/* notify.c - the notification outbox. A notification is written
 * in the transaction of the event it reports; the in-app inbox delivers it
 * at once. Users read and mark their own. */
#include <string.h>

#include "service/service.h"
#include "store/service_store.h"

enum err notify_insert(struct ctx *x, int64_t user_id, int64_t person_id, const char *kind, const char *subject,
		       const char *body, const char *ref_entity, int64_t ref_id, struct errinfo *ei)
{
	struct rec r;
	rec_init(&r, &notification_entity);
	if (user_id)
		rec_set_int(&r, NOTIFICATION_USER_ID, user_id);
	else
		rec_set_null(&r, NOTIFICATION_USER_ID);
	if (person_id)
		rec_set_int(&r, NOTIFICATION_PERSON_ID, person_id);
	rec_set_text(&r, NOTIFICATION_CHANNEL, user_id ? "inbox" : "sms");
	rec_set_text(&r, NOTIFICATION_KIND, kind);
	rec_set_text(&r, NOTIFICATION_SUBJECT, subject);
	rec_set_text(&r, NOTIFICATION_BODY, body);
	rec_set_text(&r, NOTIFICATION_REF_ENTITY, ref_entity);
	rec_set_int(&r, NOTIFICATION_REF_ID, ref_id);
	/* the inbox delivers at once; an SMS waits for the gateway */
	rec_set_text(&r, NOTIFICATION_STATUS, user_id ? "delivered" : "queued");
	rec_set_int(&r, NOTIFICATION_ATTEMPTS, user_id ? 1 : 0);
	rec_set_int(&r, NOTIFICATION_CREATED_AT, x->now);
	rec_set_null(&r, NOTIFICATION_READ_AT);
	/* an emergency's messages go out before any other */
	rec_set_int(&r, NOTIFICATION_PRIORITY, ref_entity && strcmp(ref_entity, "emergencies") == 0 ? 10 : 0);
	if (!user_id)
		rec_set_int(&r, NOTIFICATION_NEXT_AT, x->now);
	return store_insert(x->c, &r, ei);
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
