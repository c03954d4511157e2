/* keys_store.c - the key state row and the re-sealing walk of
 * `liandong rotate-key` (service/keys.c, service/rotate.c): which key the
 * protected values are under, a rotation's cursor, and the rows of each
 * table that hold sealed values not yet under the new key. */
#include "store/store_int.h"

#include <string.h>

static struct stmt q_ks_get =
	STMT("SELECT key_id, prev_key_id, started_at, tbl, after_id FROM key_state WHERE id = 1");
static struct stmt q_ks_init =
	STMT("INSERT INTO key_state (id, key_id) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING");
static struct stmt q_ks_begin =
	STMT("UPDATE key_state SET key_id = ?1, prev_key_id = ?2, started_at = ?3, finished_at = NULL, tbl = NULL,"
	     " after_id = 0 WHERE id = 1");
static struct stmt q_ks_cursor = STMT("UPDATE key_state SET tbl = ?1, after_id = ?2 WHERE id = 1");
static struct stmt q_ks_end =
	STMT("UPDATE key_state SET prev_key_id = NULL, finished_at = ?1, tbl = NULL, after_id = 0 WHERE id = 1");
static struct stmt q_sessions_before = STMT("DELETE FROM sessions WHERE created_at < ?1");

/* Per table: the rows with a sealed value not under the key whose prefix
 * is ?2 (LIKE 'k2:%'), their count, and the compare-and-set that re-seals
 * one (a row a server changed since it was read is left for the next
 * pass). */
#define PEOPLE_PENDING                                                                                      \
	" FROM people WHERE id > ?1 AND ((id_number_enc IS NOT NULL AND id_number_enc NOT LIKE ?2) OR"       \
	" (phone_enc IS NOT NULL AND phone_enc NOT LIKE ?2))"
#define NOTES_PENDING " FROM case_notes WHERE id > ?1 AND text_enc NOT LIKE ?2"
#define SAME(col, p) " AND (" col " = " p " OR (" col " IS NULL AND " p " IS NULL))"

static struct stmt q_people_pending =
	STMT("SELECT id, id_number_enc, phone_enc" PEOPLE_PENDING " ORDER BY id LIMIT ?3");
static struct stmt q_people_count = STMT("SELECT COUNT(*)" PEOPLE_PENDING);
static struct stmt q_people_reseal =
	STMT("UPDATE people SET id_number_enc = ?2, id_number_hash = ?3, phone_enc = ?4, phone_hash = ?5"
	     " WHERE id = ?1" SAME("id_number_enc", "?6") SAME("phone_enc", "?7") " RETURNING id");
static struct stmt q_notes_pending = STMT("SELECT id, text_enc, NULL" NOTES_PENDING " ORDER BY id LIMIT ?3");
static struct stmt q_notes_count = STMT("SELECT COUNT(*)" NOTES_PENDING);
static struct stmt q_notes_reseal =
	STMT("UPDATE case_notes SET text_enc = ?2 WHERE id = ?1 AND text_enc = ?6 AND ?3 IS NULL AND ?4 IS NULL"
	     " AND ?5 IS NULL AND ?7 IS NULL RETURNING id");

#define SUPERVISION_PENDING " FROM supervision_sessions WHERE id > ?1 AND notes_enc IS NOT NULL AND notes_enc NOT LIKE ?2"
static struct stmt q_supervision_pending =
	STMT("SELECT id, notes_enc, NULL" SUPERVISION_PENDING " ORDER BY id LIMIT ?3");
static struct stmt q_supervision_count = STMT("SELECT COUNT(*)" SUPERVISION_PENDING);
static struct stmt q_supervision_reseal =
	STMT("UPDATE supervision_sessions SET notes_enc = ?2 WHERE id = ?1 AND notes_enc = ?6 AND ?3 IS NULL"
	     " AND ?4 IS NULL AND ?5 IS NULL AND ?7 IS NULL RETURNING id");

/* inbound SMS (issue 17): the sender's phone and its lookup hash, in the
 * second slot as people's phone is */
#define INBOUND_PENDING " FROM sms_inbound WHERE id > ?1 AND phone_enc IS NOT NULL AND phone_enc NOT LIKE ?2"
static struct stmt q_inbound_pending = STMT("SELECT id, NULL, phone_enc" INBOUND_PENDING " ORDER BY id LIMIT ?3");
static struct stmt q_inbound_count = STMT("SELECT COUNT(*)" INBOUND_PENDING);
static struct stmt q_inbound_reseal =
	STMT("UPDATE sms_inbound SET phone_enc = ?4, phone_hash = ?5 WHERE id = ?1 AND phone_enc = ?7 AND ?2 IS NULL"
	     " AND ?3 IS NULL AND ?6 IS NULL RETURNING id");

static const struct sealed_table {
	const char *name;
	int hashed;	/* values with a lookup hash beside them */
	struct stmt *pending, *count, *reseal;
} tables[SEALED__COUNT] = {
	[SEALED_PEOPLE] = {"people", 1, &q_people_pending, &q_people_count, &q_people_reseal},
	[SEALED_CASE_NOTES] = {"case_notes", 0, &q_notes_pending, &q_notes_count, &q_notes_reseal},
	[SEALED_SUPERVISION_NOTES] = {"supervision_sessions", 0, &q_supervision_pending, &q_supervision_count,
				      &q_supervision_reseal},
	[SEALED_SMS_INBOUND] = {"sms_inbound", 1, &q_inbound_pending, &q_inbound_count, &q_inbound_reseal},
};

const char *store_sealed_name(enum sealed_table_id t)
{
	return tables[t].name;
}

int store_sealed_hashed(enum sealed_table_id t)
{
	return tables[t].hashed;
}

enum err store_key_state(struct store_conn *c, struct key_state *out, struct arena *a)
{
	struct srows rows = {0};
	memset(out, 0, sizeof *out);
	enum err e = store_run(c, &q_ks_get, NULL, 0, &rows, 1, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	out->key_id = sv_int(&rows.v[0]);
	out->prev_key_id = sv_int(&rows.v[1]);
	out->started_at = sv_int(&rows.v[2]);
	out->tbl = sv_text(&rows.v[3], a);
	out->after = sv_int(&rows.v[4]);
	return ERR_OK;
}

enum err store_key_state_init(struct store_conn *c, int64_t key_id)
{
	struct sval p[1] = {P_int(key_id)};
	return store_run(c, &q_ks_init, p, 1, NULL, 0, NULL, NULL);
}

enum err store_key_rotation_begin(struct store_conn *c, int64_t key_id, int64_t prev_key_id, int64_t now)
{
	struct sval p[3] = {P_int(key_id), P_int(prev_key_id), P_int(now)};
	return store_run(c, &q_ks_begin, p, 3, NULL, 0, NULL, NULL);
}

enum err store_key_rotation_cursor(struct store_conn *c, enum sealed_table_id t, int64_t after)
{
	struct sval p[2] = {P_text(tables[t].name), P_int(after)};
	return store_run(c, &q_ks_cursor, p, 2, NULL, 0, NULL, NULL);
}

enum err store_key_rotation_end(struct store_conn *c, int64_t sessions_before, int64_t now)
{
	struct sval p[1] = {P_int(sessions_before)};
	enum err e = store_run(c, &q_sessions_before, p, 1, NULL, 0, NULL, NULL);
	if (e)
		return e;
	p[0] = P_int(now);
	return store_run(c, &q_ks_end, p, 1, NULL, 0, NULL, NULL);
}

enum err store_sealed_pending(struct store_conn *c, enum sealed_table_id t, const char *done_like, int64_t after,
			      int limit, struct sealed_row *rows, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(after), P_text(done_like), P_int(limit)};
	struct srows r = {0};
	*n = 0;
	enum err e = store_run(c, tables[t].pending, p, 3, &r, limit, a, NULL);
	if (e)
		return e;
	for (int i = 0; i < r.nrows; i++) {
		const struct sval *v = srows_row(&r, i);
		rows[i].id = sv_int(&v[0]);
		for (int k = 0; k < 2; k++)
			rows[i].enc[k] = v[1 + k].t == SV_NULL ? NULL : sv_text(&v[1 + k], a);
	}
	*n = r.nrows;
	return ERR_OK;
}

enum err store_sealed_count(struct store_conn *c, enum sealed_table_id t, const char *done_like, int64_t *n)
{
	struct sval p[2] = {P_int(0), P_text(done_like)};
	return store_run_int(c, tables[t].count, p, 2, n);
}

enum err store_sealed_reseal(struct store_conn *c, enum sealed_table_id t, const struct sealed_row *old,
			     const char *const enc[2], const char *const hash[2], int *changed)
{
	struct sval p[7] = {P_int(old->id), P_text(enc[0]),  P_text(hash[0]),    P_text(enc[1]),
			    P_text(hash[1]), P_text(old->enc[0]), P_text(old->enc[1])};
	int64_t id = 0;
	enum err e = store_run_int(c, tables[t].reseal, p, 7, &id);
	*changed = id != 0;
	return e;
}
