/* outbox_store.h - the outbox's queue (issue 17): the notifications that
 * wait for an outbound channel (status 'queued', channel sms or email),
 * claimed by senders under a lease, and their results.
 *
 * A claim takes due rows (next_at NULL or past, no live lease) in priority
 * order, highest first, then by id, and writes a lease on them (until, by):
 * on PostgreSQL with FOR UPDATE SKIP LOCKED, so senders in several
 * processes share the queue without waiting on each other or taking a row
 * twice; on SQLite inside the caller's BEGIN IMMEDIATE. A sender that dies
 * leaves its lease to lapse and another takes the row again: delivery is
 * at least once. Results clear the lease. */
#ifndef LD_STORE_OUTBOX_STORE_H
#define LD_STORE_OUTBOX_STORE_H

#include "model/rows.h"
#include "store/store.h"

/* Claim at most `max` due rows at `now` for `by` until `lease_until`, of
 * the channels asked for (sms, email), in the caller's write transaction;
 * *items (arena) in priority order. */
enum err store_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, const char *by, int max, int sms,
			    int email, struct outbox_item **items, int *n, struct arena *a);
/* Sent: delivered at `now`, one more attempt; whoever holds the lease
 * (a lapsed one's row sent by two senders is delivered once here). */
enum err store_outbox_delivered(struct store_conn *c, int64_t id, int64_t now);
/* Not sent: one more attempt with `error`, and either tried again from
 * `next_at` (retry) or failed for good (next_at 0). Only while `by` holds
 * the lease and the row is still queued. */
enum err store_outbox_not_sent(struct store_conn *c, int64_t id, const char *by, int64_t next_at, const char *error);
/* A failed row queued again from `now` with no attempts; *changed 0 when
 * the row was not failed. */
enum err store_outbox_resend(struct store_conn *c, int64_t id, int64_t now, int *changed);
/* The outbox (sms and email rows), newest first below cursor `before` (0:
 * from the newest), optionally of one status and one channel; at most
 * `max` rows into out. */
enum err store_outbox_list(struct store_conn *c, const char *status, const char *channel, int64_t before, int max,
			   struct outbox_row *out, int *n, struct arena *a);
/* Rows of the outbox by status and channel, for the queue's depth. */
enum err store_outbox_counts(struct store_conn *c, const char *status, const char *channel, int64_t *n);

#endif
