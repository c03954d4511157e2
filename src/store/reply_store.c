/* reply_store.c - the SQL of reply_store.h: portable statements run the
 * same on SQLite and PostgreSQL. */
#include "store/reply_store.h"
#include "store/store_int.h"

static struct stmt q_prefs_user = STMT(
	"SELECT sms, email, inbox, quiet_start, quiet_end, updated_at, person_id FROM notify_prefs WHERE user_id = ?1");
static struct stmt q_prefs_person =
	STMT("SELECT sms, email, inbox, quiet_start, quiet_end, updated_at, person_id FROM notify_prefs WHERE person_id = ?1"
	     " ORDER BY updated_at DESC, user_id DESC LIMIT 1");
static struct stmt q_prefs_put =
	STMT("INSERT INTO notify_prefs (user_id, person_id, sms, email, inbox, quiet_start, quiet_end, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (user_id) DO UPDATE SET person_id = excluded.person_id,"
	     " sms = excluded.sms, email = excluded.email, inbox = excluded.inbox, quiet_start = excluded.quiet_start,"
	     " quiet_end = excluded.quiet_end, updated_at = excluded.updated_at");
static struct stmt q_person_email = STMT("SELECT email FROM people WHERE id = ?1");
static struct stmt q_nonce_prune = STMT("DELETE FROM webhook_nonces WHERE seen_at < ?1");
static struct stmt q_nonce_add = STMT("INSERT INTO webhook_nonces (signature, ts, seen_at) VALUES (?1, ?2, ?3)"
				      " ON CONFLICT (signature) DO NOTHING RETURNING 1");
static struct stmt q_inbound_by_gw =
	STMT("SELECT id, person_id, callout_id, outcome, detail FROM sms_inbound WHERE gateway_id = ?1");
static struct stmt q_inbound_add =
	STMT("INSERT INTO sms_inbound (gateway_id, phone_enc, phone_hash, body, outcome, received_at)"
	     " VALUES (?1, ?2, ?3, ?4, 'received', ?5) ON CONFLICT (gateway_id) DO NOTHING RETURNING id");
static struct stmt q_inbound_outcome =
	STMT("UPDATE sms_inbound SET person_id = ?2, callout_id = ?3, outcome = ?4, detail = ?5 WHERE id = ?1");
static struct stmt q_open_callout =
	STMT("SELECT c.id, c.person_id FROM callouts c JOIN people p ON p.id = c.person_id"
	     " JOIN emergencies e ON e.id = c.emergency_id"
	     " WHERE p.phone_hash IN (substr(?1, 1, 64), substr(?1, 66, 64)) AND e.status <> 'closed'"
	     " ORDER BY c.called_at DESC, c.id DESC LIMIT 1");
static struct stmt q_person_by_phone =
	STMT("SELECT id FROM people WHERE phone_hash IN (substr(?1, 1, 64), substr(?1, 66, 64)) ORDER BY id LIMIT 1");
static struct stmt q_token_add =
	STMT("INSERT INTO reply_tokens (token_hash, notification_id, callout_id, person_id, expires_at, created_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct stmt q_token_find =
	STMT("SELECT id, callout_id, person_id, expires_at, used_at FROM reply_tokens WHERE token_hash IN (?1, ?2)"
	     " ORDER BY id LIMIT 1");
static struct stmt q_token_use =
	STMT("UPDATE reply_tokens SET used_at = ?3, answer = ?2 WHERE id = ?1 AND used_at IS NULL RETURNING id");

static enum err prefs(struct store_conn *c, struct stmt *st, int64_t id, struct prefs_row *out)
{
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	struct sval p[1] = {P_int(id)};
	enum err e = store_run(c, st, p, 1, &rows, 1, &a, NULL);
	*out = (struct prefs_row){0, 1, 1, 1, -1, -1, 0, 0};
	if (!e && rows.nrows) {
		const struct sval *v = srows_row(&rows, 0);
		out->found = 1;
		out->sms = sv_int(&v[0]) != 0;
		out->email = sv_int(&v[1]) != 0;
		out->inbox = sv_int(&v[2]) != 0;
		out->quiet_start = v[3].t == SV_NULL ? -1 : (int)sv_int(&v[3]);
		out->quiet_end = v[4].t == SV_NULL ? -1 : (int)sv_int(&v[4]);
		out->updated_at = sv_int(&v[5]);
		out->person_id = v[6].t == SV_NULL ? 0 : sv_int(&v[6]);
	}
	arena_release(&a);
	return e;
}

enum err store_prefs_of_user(struct store_conn *c, int64_t user_id, struct prefs_row *out)
{
	return prefs(c, &q_prefs_user, user_id, out);
}

enum err store_prefs_of_person(struct store_conn *c, int64_t person_id, struct prefs_row *out)
{
	return prefs(c, &q_prefs_person, person_id, out);
}

enum err store_prefs_put(struct store_conn *c, int64_t user_id, int64_t person_id, const struct prefs_row *r)
{
	struct sval p[8] = {P_int(user_id),
			    P_int0(person_id),
			    P_int(r->sms),
			    P_int(r->email),
			    P_int(r->inbox),
			    r->quiet_start < 0 ? P_null(SV_INT) : P_int(r->quiet_start),
			    r->quiet_end < 0 ? P_null(SV_INT) : P_int(r->quiet_end),
			    P_int(r->updated_at)};
	return store_run(c, &q_prefs_put, p, 8, NULL, 0, NULL, NULL);
}

enum err store_person_email(struct store_conn *c, int64_t person_id, const char **email, struct arena *a)
{
	struct srows rows = {0};
	struct sval p[1] = {P_int(person_id)};
	enum err e = store_run(c, &q_person_email, p, 1, &rows, 1, a, NULL);
	*email = !e && rows.nrows && rows.v[0].t != SV_NULL ? sv_text(&rows.v[0], a) : NULL;
	if (*email && !**email)
		*email = NULL;
	return e;
}

enum err store_nonce_take(struct store_conn *c, const char *signature, int64_t ts, int64_t now,
			  int64_t prune_before, int *fresh)
{
	struct sval pp[1] = {P_int(prune_before)};
	enum err e = store_run(c, &q_nonce_prune, pp, 1, NULL, 0, NULL, NULL);
	if (e)
		return e;
	int64_t one = 0;
	struct sval p[3] = {P_text(signature), P_int(ts), P_int(now)};
	e = store_run_int(c, &q_nonce_add, p, 3, &one);
	*fresh = one == 1;
	return e;
}

enum err store_inbound_by_gateway_id(struct store_conn *c, const char *gateway_id, struct inbound_row *out,
				     struct arena *a)
{
	struct srows rows = {0};
	struct sval p[1] = {P_text(gateway_id)};
	enum err e = store_run(c, &q_inbound_by_gw, p, 1, &rows, 1, a, NULL);
	*out = (struct inbound_row){0};
	if (!e && rows.nrows) {
		const struct sval *v = srows_row(&rows, 0);
		out->id = sv_int(&v[0]);
		out->person_id = sv_int(&v[1]);
		out->callout_id = sv_int(&v[2]);
		out->outcome = sv_text(&v[3], a);
		out->detail = v[4].t == SV_NULL ? NULL : sv_text(&v[4], a);
	}
	return e;
}

enum err store_inbound_add(struct store_conn *c, const char *gateway_id, const char *phone_enc,
			   const char *phone_hash, const char *body, int64_t now, int64_t *id)
{
	struct sval p[5] = {gateway_id ? P_text(gateway_id) : P_null(SV_TEXT),
			    phone_enc ? P_text(phone_enc) : P_null(SV_TEXT),
			    phone_hash ? P_text(phone_hash) : P_null(SV_TEXT), P_text(body), P_int(now)};
	return store_run_int(c, &q_inbound_add, p, 5, id);
}

enum err store_inbound_outcome(struct store_conn *c, int64_t id, int64_t person_id, int64_t callout_id,
			       const char *outcome, const char *detail)
{
	struct sval p[5] = {P_int(id), P_int0(person_id), P_int0(callout_id), P_text(outcome),
			    detail ? P_text(detail) : P_null(SV_TEXT)};
	return store_run(c, &q_inbound_outcome, p, 5, NULL, 0, NULL, NULL);
}

enum err store_open_callout_by_phone(struct store_conn *c, const char *hashes, int64_t *callout_id,
				     int64_t *person_id)
{
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	struct sval p[1] = {P_text(hashes)};
	enum err e = store_run(c, &q_open_callout, p, 1, &rows, 1, &a, NULL);
	*callout_id = *person_id = 0;
	if (!e && rows.nrows) {
		*callout_id = sv_int(&rows.v[0]);
		*person_id = sv_int(&rows.v[1]);
	}
	arena_release(&a);
	if (!e && !*callout_id)
		e = store_run_int(c, &q_person_by_phone, p, 1, person_id);
	return e;
}

enum err store_reply_token_add(struct store_conn *c, const char *hash, int64_t notification_id, int64_t callout_id,
			       int64_t person_id, int64_t expires_at, int64_t now)
{
	struct sval p[6] = {P_text(hash),	  P_int0(notification_id), P_int(callout_id),
			    P_int(person_id), P_int(expires_at),	   P_int(now)};
	return store_run(c, &q_token_add, p, 6, NULL, 0, NULL, NULL);
}

enum err store_reply_token_find(struct store_conn *c, char (*h)[65], int n, struct token_row *out)
{
	struct arena a = ARENA_INIT;
	struct srows rows = {0};
	struct sval p[2] = {P_text(h[0]), P_text(n > 1 ? h[1] : h[0])};
	enum err e = store_run(c, &q_token_find, p, 2, &rows, 1, &a, NULL);
	*out = (struct token_row){0};
	if (!e && rows.nrows) {
		const struct sval *v = srows_row(&rows, 0);
		*out = (struct token_row){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[3]),
					  v[4].t == SV_NULL ? 0 : sv_int(&v[4])};
	}
	arena_release(&a);
	return e;
}

enum err store_reply_token_use(struct store_conn *c, int64_t id, const char *answer, int64_t now, int *took)
{
	int64_t got = 0;
	struct sval p[3] = {P_int(id), P_text(answer), P_int(now)};
	enum err e = store_run_int(c, &q_token_use, p, 3, &got);
	*took = got == id;
	return e;
}
