/* calendar_store.c - static SQL for the holiday calendar and the records
 * due; see calendar_store.h. */
#include "store/calendar_store.h"

#include "model/scope_sql.h"
#include "store/store_int.h"

static struct stmt q_range =
	STMT("SELECT date, kind, name FROM calendar_days WHERE date >= ?1 AND date <= ?2 ORDER BY date LIMIT ?3");
static struct stmt q_put = STMT("INSERT INTO calendar_days (date, kind, name) VALUES (?1, ?2, ?3)"
				" ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name");
static struct stmt q_delete = STMT("DELETE FROM calendar_days WHERE date = ?1");
static struct stmt q_count_day = STMT("SELECT COUNT(*) FROM calendar_days WHERE date = ?1");
/* from the index service_records(status, due_at); the scope as the
 * service-records list's (model/entities_service.c) less the self part */
static struct stmt q_due =
	STMT("SELECT t.id, t.volunteer_id, t.org_id, t.activity_id, t.starts_at, t.ends_at, t.due_at, p.name, o.name,"
	     " t.content FROM service_records t JOIN volunteers v ON v.id = t.volunteer_id"
	     " JOIN people p ON p.id = v.person_id JOIN orgs o ON o.id = t.org_id"
	     " WHERE t.status = 'recorded' AND t.due_at <= ?12"
	     " AND (?1 = 1 OR " IN_ORG_SCOPE("t.org_id") " OR " ORG_IN_REGION_SCOPE("t.org_id") ")"
	     " AND (?13 = 0 OR t.org_id IN (SELECT g2.id FROM orgs g2, orgs g1 WHERE g1.id = ?13"
	     " AND g2.path >= g1.path AND g2.path < g1.path || '~'))"
	     " AND (t.due_at > ?15 OR (t.due_at = ?15 AND t.id > ?16))"
	     " ORDER BY t.due_at, t.id LIMIT ?14");

/* the anchor as ledger_stamp's callers give it: the shift's end for a
 * check-out (signup_id), the activity's end, else the record's */
#define DUE_ANCHOR "COALESCE(sh.ends_at, a.ends_at, r.ends_at)"
static struct stmt q_due_over =
	STMT("SELECT r.id, " DUE_ANCHOR ", r.created_at FROM service_records r"
	     " LEFT JOIN signups g ON g.id = r.signup_id LEFT JOIN shifts sh ON sh.id = g.shift_id"
	     " LEFT JOIN activities a ON a.id = r.activity_id"
	     " WHERE r.status = 'recorded' AND r.due_at >= ?1 AND " DUE_ANCHOR " <= ?1 AND r.id > ?2"
	     " ORDER BY r.id LIMIT ?3");
static struct stmt q_set_due = STMT("UPDATE service_records SET due_at = ?2, late = ?3 WHERE id = ?1");

enum err store_records_due_over(struct store_conn *c, int64_t day_start, int64_t after_id, int max,
				struct due_anchor **out, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(day_start), P_int(after_id), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_due_over, p, 3, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct due_anchor){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_record_set_due(struct store_conn *c, int64_t id, int64_t due_at, int late)
{
	struct sval p[3] = {P_int(id), P_int(due_at), P_int(late)};
	return store_run(c, &q_set_due, p, 3, NULL, 0, NULL, NULL);
}

enum err store_calendar_range(struct store_conn *c, int first, int last, int max, struct calendar_row **out,
			      int *n, struct arena *a)
{
	struct sval p[3] = {P_int(first), P_int(last), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_range, p, 3, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct calendar_row){(int)sv_int(&v[0]), sv_text(&v[1], a), sv_text(&v[2], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_calendar_put(struct store_conn *c, int ymd, const char *kind, const char *name)
{
	struct sval p[3] = {P_int(ymd), P_text(kind), P_text(name)};
	return store_run(c, &q_put, p, 3, NULL, 0, NULL, NULL);
}

enum err store_calendar_delete(struct store_conn *c, int ymd)
{
	struct sval p[1] = {P_int(ymd)};
	int64_t have = 0;
	enum err e = store_run_int(c, &q_count_day, p, 1, &have);
	if (!e && !have)
		e = ERR_NOT_FOUND;
	return e ? e : store_run(c, &q_delete, p, 1, NULL, 0, NULL, NULL);
}

enum err store_records_due(struct store_conn *c, const struct scope *sc, int64_t org_id, int64_t due_by,
			   int64_t after_due, int64_t after_id, int limit, struct due_record **out, int *n,
			   struct arena *a)
{
	struct sval p[P_SCOPE + 5];
	scope_params(p, sc);
	p[P_SCOPE] = P_int(due_by);
	p[P_SCOPE + 1] = P_int(org_id);
	p[P_SCOPE + 2] = P_int(limit);
	p[P_SCOPE + 3] = P_int(after_due);
	p[P_SCOPE + 4] = P_int(after_id);
	struct srows rows = {0};
	enum err e = store_run(c, &q_due, p, P_SCOPE + 5, &rows, limit, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct due_record){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[3]),
						sv_int(&v[4]), sv_int(&v[5]), sv_int(&v[6]),
						sv_text(&v[7], a), sv_text(&v[8], a), sv_text(&v[9], a), NULL};
	}
	*n = rows.nrows;
	return ERR_OK;
}
