/* outbox_store.c - see outbox_store.h. */
#include <stdlib.h>
#include <string.h>

#include "store/outbox_store.h"
#include "store/store_int.h"

#define DUE " status = 'queued' AND channel IN (?5, ?6) AND (next_at IS NULL OR next_at <= ?1)" \
	    " AND (lease_until IS NULL OR lease_until <= ?1)"
#define CLAIM_RETURNING \
	" RETURNING id, priority, attempts, channel, subject, body," \
	" (SELECT p.phone_enc FROM people p WHERE p.id = notifications.person_id)," \
	" (SELECT p.email FROM people p WHERE p.id = COALESCE(notifications.person_id," \
	"   (SELECT u.person_id FROM users u WHERE u.id = notifications.user_id)))"

/* One statement per backend: PostgreSQL skips the rows another sender is
 * claiming; SQLite has one writer at a time (BEGIN IMMEDIATE). */
static struct stmt q_claim_pg = STMT("UPDATE notifications SET lease_until = ?2, lease_by = ?3 WHERE id IN"
				     " (SELECT id FROM notifications WHERE" DUE
				     " ORDER BY priority DESC, id LIMIT ?4 FOR UPDATE SKIP LOCKED)" CLAIM_RETURNING);
static struct stmt q_claim_sqlite = STMT("UPDATE notifications SET lease_until = ?2, lease_by = ?3 WHERE id IN"
					 " (SELECT id FROM notifications WHERE" DUE
					 " ORDER BY priority DESC, id LIMIT ?4)" CLAIM_RETURNING);

static int by_priority(const void *pa, const void *pb)
{
	const struct outbox_item *a = pa, *b = pb;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

enum err store_outbox_claim(struct store_conn *c, int64_t now, int64_t lease_until, const char *by, int max, int sms,
			    int email, struct outbox_item **items, int *n, struct arena *a)
{
	struct sval p[6] = {P_int(now), P_int(lease_until), P_text(by), P_int(max), P_text(sms ? "sms" : "-"),
			    P_text(email ? "email" : "-")};
	struct srows rows = {0};
	int pg = strcmp(store_kind(c->s), "postgres") == 0;
	enum err e = store_run(c, pg ? &q_claim_pg : &q_claim_sqlite, p, 6, &rows, max, a, NULL);
	*n = 0;
	if (e)
		return e;
	*items = arena_alloc(a, sizeof **items * (size_t)(rows.nrows ? rows.nrows : 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *r = srows_row(&rows, i);
		(*items)[i] = (struct outbox_item){
			.id = sv_int(&r[0]),
			.priority = sv_int(&r[1]),
			.attempts = (int)sv_int(&r[2]),
			.channel = sv_text(&r[3], a),
			.subject = sv_text(&r[4], a),
			.body = sv_text(&r[5], a),
			.phone_enc = sv_text(&r[6], a),
			.email = sv_text(&r[7], a),
		};
	}
	*n = rows.nrows;
	qsort(*items, (size_t)*n, sizeof **items, by_priority);
	return ERR_OK;
}

static struct stmt q_delivered = STMT("UPDATE notifications SET status = 'delivered', sent_at = ?2,"
				      " attempts = attempts + 1, last_error = NULL, next_at = NULL,"
				      " lease_until = NULL, lease_by = NULL WHERE id = ?1 AND status = 'queued'");

enum err store_outbox_delivered(struct store_conn *c, int64_t id, int64_t now)
{
	struct sval p[2] = {P_int(id), P_int(now)};
	return store_run(c, &q_delivered, p, 2, NULL, 0, NULL, NULL);
}

static struct stmt q_not_sent = STMT("UPDATE notifications SET attempts = attempts + 1, last_error = ?4,"
				     " status = CASE WHEN ?3 = 0 THEN 'failed' ELSE 'queued' END,"
				     " next_at = CASE WHEN ?3 = 0 THEN NULL ELSE ?3 END,"
				     " lease_until = NULL, lease_by = NULL"
				     " WHERE id = ?1 AND lease_by = ?2 AND status = 'queued'");

enum err store_outbox_not_sent(struct store_conn *c, int64_t id, const char *by, int64_t next_at, const char *error)
{
	struct sval p[4] = {P_int(id), P_text(by), P_int(next_at), P_text(error)};
	return store_run(c, &q_not_sent, p, 4, NULL, 0, NULL, NULL);
}

static struct stmt q_resend = STMT("UPDATE notifications SET status = 'queued', attempts = 0, next_at = ?2,"
				   " last_error = NULL, sent_at = NULL, lease_until = NULL, lease_by = NULL"
				   " WHERE id = ?1 AND status = 'failed' AND channel IN ('sms', 'email') RETURNING id");

enum err store_outbox_resend(struct store_conn *c, int64_t id, int64_t now, int *changed)
{
	struct sval p[2] = {P_int(id), P_int(now)};
	int64_t got = 0;
	enum err e = store_run_int(c, &q_resend, p, 2, &got);
	*changed = got == id;
	return e;
}

static struct stmt q_list = STMT(
	"SELECT n.id, n.person_id, n.user_id, n.ref_id, n.priority, n.created_at, n.next_at, n.sent_at, n.attempts,"
	" n.channel, n.kind, n.subject, n.status, n.last_error, n.ref_entity, p.phone_enc,"
	" (SELECT q.email FROM people q WHERE q.id = COALESCE(n.person_id,"
	"   (SELECT u.person_id FROM users u WHERE u.id = n.user_id)))"
	" FROM notifications n LEFT JOIN people p ON p.id = n.person_id"
	" WHERE n.channel IN ('sms', 'email') AND (?1 = '' OR n.status = ?1) AND (?2 = '' OR n.channel = ?2)"
	" AND (?3 = 0 OR n.id < ?3) ORDER BY n.id DESC LIMIT ?4");

enum err store_outbox_list(struct store_conn *c, const char *status, const char *channel, int64_t before, int max,
			   struct outbox_row *out, int *n, struct arena *a)
{
	struct sval p[4] = {P_text(status ? status : ""), P_text(channel ? channel : ""), P_int(before), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_list, p, 4, &rows, max, a, NULL);
	*n = 0;
	if (e)
		return e;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *r = srows_row(&rows, i);
		out[i] = (struct outbox_row){
			.id = sv_int(&r[0]),
			.person_id = sv_int(&r[1]),
			.user_id = sv_int(&r[2]),
			.ref_id = sv_int(&r[3]),
			.priority = sv_int(&r[4]),
			.created_at = sv_int(&r[5]),
			.next_at = sv_int(&r[6]),
			.sent_at = sv_int(&r[7]),
			.attempts = (int)sv_int(&r[8]),
			.channel = sv_text(&r[9], a),
			.kind = sv_text(&r[10], a),
			.subject = sv_text(&r[11], a),
			.status = sv_text(&r[12], a),
			.last_error = sv_text(&r[13], a),
			.ref_entity = sv_text(&r[14], a),
			.phone_enc = sv_text(&r[15], a),
			.email = sv_text(&r[16], a),
		};
	}
	*n = rows.nrows;
	return ERR_OK;
}

static struct stmt q_count = STMT("SELECT COUNT(*) FROM notifications WHERE status = ?1 AND channel = ?2");

enum err store_outbox_counts(struct store_conn *c, const char *status, const char *channel, int64_t *n)
{
	struct sval p[2] = {P_text(status), P_text(channel)};
	return store_run_int(c, &q_count, p, 2, n);
}
