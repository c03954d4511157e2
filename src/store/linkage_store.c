/* linkage_store.c - static SQL for the linkage's own tables; see
 * linkage_store.h. */
#include "store/linkage_store.h"

#include "store/store_int.h"

static struct stmt q_rules = STMT("SELECT work, min_qualification, updated_at, updated_by_user_id"
				  " FROM qualification_rules ORDER BY work LIMIT ?1");
static struct stmt q_rule = STMT("SELECT min_qualification FROM qualification_rules WHERE work = ?1");
static struct stmt q_rule_put =
	STMT("INSERT INTO qualification_rules (work, min_qualification, updated_at, updated_by_user_id)"
	     " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (work) DO UPDATE SET min_qualification = excluded.min_qualification,"
	     " updated_at = excluded.updated_at, updated_by_user_id = excluded.updated_by_user_id");
static struct stmt q_rule_count = STMT("SELECT COUNT(*) FROM qualification_rules WHERE work = ?1");
static struct stmt q_rule_delete = STMT("DELETE FROM qualification_rules WHERE work = ?1");
static struct stmt q_attendees =
	STMT("SELECT social_worker_id FROM supervision_attendees WHERE session_id = ?1 ORDER BY social_worker_id");
static struct stmt q_attendees_clear = STMT("DELETE FROM supervision_attendees WHERE session_id = ?1");
static struct stmt q_attendee_add = STMT("INSERT INTO supervision_attendees (session_id, social_worker_id) VALUES (?1, ?2)");
/* each social worker of the org subtree (path ?1) with the supervision
 * they received and gave in [?2, ?3) */
#define IN_YEAR(s) " AND " s ".starts_at >= ?2 AND " s ".starts_at < ?3"
static struct stmt q_supervision_hours =
	STMT("SELECT sw.id, p.name, sw.org_id, sw.qualification, sw.supervisor_id,"
	     " (SELECT COALESCE(SUM(s.hours), 0) FROM supervision_attendees a JOIN supervision_sessions s"
	     " ON s.id = a.session_id WHERE a.social_worker_id = sw.id" IN_YEAR("s") "),"
	     " (SELECT COUNT(*) FROM supervision_attendees a JOIN supervision_sessions s"
	     " ON s.id = a.session_id WHERE a.social_worker_id = sw.id" IN_YEAR("s") "),"
	     " (SELECT COALESCE(SUM(s.hours), 0) FROM supervision_sessions s WHERE s.supervisor_id = sw.id"
	     IN_YEAR("s") "),"
	     " (SELECT COUNT(*) FROM supervision_sessions s WHERE s.supervisor_id = sw.id" IN_YEAR("s") ")"
	     " FROM social_workers sw JOIN people p ON p.id = sw.person_id JOIN orgs o ON o.id = sw.org_id"
	     " WHERE o.path >= ?1 AND o.path < ?1 || '~' AND sw.id > ?4 ORDER BY sw.id LIMIT ?5");

enum err store_qual_rules(struct store_conn *c, int max, struct qual_rule_row **out, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_rules, p, 1, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct qual_rule_row){sv_text(&v[0], a), sv_text(&v[1], a), sv_int(&v[2]), sv_int(&v[3])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_qual_rule_get(struct store_conn *c, const char *work, const char **min, int *found, struct arena *a)
{
	struct sval p[1] = {P_text(work)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_rule, p, 1, &rows, 1, a, NULL);
	if (e)
		return e;
	*found = rows.nrows > 0;
	*min = rows.nrows ? sv_text(&srows_row(&rows, 0)[0], a) : NULL;
	return ERR_OK;
}

enum err store_qual_rule_put(struct store_conn *c, const struct qual_rule_row *r)
{
	struct sval p[4] = {P_text(r->work), P_text(r->min_qualification), P_int(r->updated_at),
			    P_int0(r->updated_by_user_id)};
	return store_run(c, &q_rule_put, p, 4, NULL, 0, NULL, NULL);
}

enum err store_qual_rule_delete(struct store_conn *c, const char *work)
{
	struct sval p[1] = {P_text(work)};
	int64_t have = 0;
	enum err e = store_run_int(c, &q_rule_count, p, 1, &have);
	if (!e && !have)
		e = ERR_NOT_FOUND;
	return e ? e : store_run(c, &q_rule_delete, p, 1, NULL, 0, NULL, NULL);
}

enum err store_supervision_attendees(struct store_conn *c, int64_t session_id, int64_t **ids, int *n,
				     struct arena *a)
{
	struct sval p[1] = {P_int(session_id)};
	return store_run_ids(c, &q_attendees, p, 1, SUPERVISION_MAX_ATTENDEES, ids, n, a);
}

enum err store_supervision_attendees_set(struct store_conn *c, int64_t session_id, const int64_t *ids, int n)
{
	return store_run_set(c, &q_attendees_clear, &q_attendee_add, session_id, ids, n);
}

enum err store_supervision_hours(struct store_conn *c, const char *org_path, int64_t from, int64_t to, int64_t after,
				 int limit, struct supervision_hours_row **out, int *n, struct arena *a)
{
	struct sval p[5] = {P_text(org_path), P_int(from), P_int(to), P_int(after), P_int(limit)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_supervision_hours, p, 5, &rows, limit, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct supervision_hours_row){
			sv_int(&v[0]), sv_text(&v[1], a), sv_int(&v[2]), sv_text(&v[3], a), sv_int(&v[4]),
			sv_real(&v[5]), sv_int(&v[6]), sv_real(&v[7]), sv_int(&v[8])};
	}
	*n = rows.nrows;
	return ERR_OK;
}
