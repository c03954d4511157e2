/* project_store.c - static SQL for service projects; see project_store.h. */
#include "store/project_store.h"

#include "store/figures_sql.h"
#include "store/store_int.h"

/* The project's activities (?1 the project): its own and its plans'. */
#define PACTS                                                                                        \
	"(SELECT pa.id FROM activities pa WHERE pa.project_id = ?1 UNION SELECT pl.activity_id FROM plans pl" \
	" WHERE pl.project_id = ?1 AND pl.activity_id IS NOT NULL)"
/* Its verified service starting in [?2, ?3). */
#define SERVED " sr.status = 'verified' AND sr.starts_at >= ?2 AND sr.starts_at < ?3 AND sr.activity_id IN " PACTS
/* Orgs (alias o) under the project's org or a partner. */
#define UNDER_PROJECT_ORGS(o)                                                                         \
	"EXISTS (SELECT 1 FROM orgs g WHERE (g.id = (SELECT pj.org_id FROM projects pj WHERE pj.id = ?1)"   \
	" OR g.id IN (SELECT po.org_id FROM project_orgs po WHERE po.project_id = ?1))"                    \
	" AND " o ".path >= g.path AND " o ".path < g.path || '~')"

/* The ratings (1-5) of the project (?1): its needs' ratings, its
 * activities' shift feedback, and the scale answers of the surveys sent
 * to its activities' participants. */
#define RATINGS                                                                                        \
	"(SELECT r.rating AS v FROM need_ratings r JOIN needs n ON n.id = r.need_id WHERE n.project_id = ?1" \
	" UNION ALL SELECT f.rating FROM shift_feedback f WHERE f.activity_id IN " PACTS                     \
	" UNION ALL SELECT sa.scale FROM survey_answers sa JOIN surveys sv ON sv.id = sa.survey_id"          \
	" WHERE sa.scale IS NOT NULL AND sv.scope_activity_id IN " PACTS ")"

/* one row of every count: ?1 project, ?2 from, ?3 to, ?4 now */
static struct stmt q_figures = STMT(
	"SELECT (SELECT COALESCE(SUM(sr.minutes), 0) FROM service_records sr WHERE" SERVED "),"
	" (SELECT COUNT(DISTINCT v.person_id) FROM service_records sr JOIN volunteers v ON v.id = sr.volunteer_id"
	" WHERE" SERVED "),"
	" (SELECT COUNT(*) FROM activities a WHERE a.project_id = ?1 AND a.ends_at <= ?4),"
	" (SELECT COUNT(*) FROM " PEOPLE_SERVED("n.project_id = ?1", "pl.project_id = ?1",
						  "sr.starts_at >= ?2 AND sr.starts_at < ?3") " served),"
	" (SELECT COUNT(DISTINCT v.person_id) FROM volunteers v JOIN orgs o ON o.id = v.org_id WHERE " UNDER_PROJECT_ORGS("o")
	" AND " FIRST_REGISTERED_IN("v", "?2", "?3") "),"
	" (SELECT COUNT(*) FROM needs n WHERE n.project_id = ?1 AND n.status = 'closed'),"
	" rt.n, rt.total,"
	" (SELECT COUNT(*) FROM emergencies em WHERE em.project_id = ?1)"
	" FROM (SELECT COUNT(*) AS n, COALESCE(SUM(rr.v), 0) AS total FROM " RATINGS " rr) rt");
static struct stmt q_latest = STMT("SELECT value FROM indicator_reports WHERE indicator_id = ?1"
				   " ORDER BY as_of DESC, id DESC LIMIT 1");
static struct stmt q_teams =
	STMT("SELECT o.id, o.name, COUNT(DISTINCT v.person_id), SUM(sr.minutes) FROM service_records sr"
	     " JOIN volunteers v ON v.id = sr.volunteer_id JOIN orgs o ON o.id = v.org_id WHERE" SERVED
	     " GROUP BY o.id, o.name ORDER BY 4 DESC, o.id LIMIT ?4");
static struct stmt q_activities =
	STMT("SELECT a.id, a.org_id, a.starts_at, a.ends_at, a.title, a.mode, a.place,"
	     " (SELECT COALESCE(SUM(sr.minutes), 0) FROM service_records sr WHERE sr.activity_id = a.id"
	     " AND sr.status = 'verified'),"
	     " (SELECT COUNT(DISTINCT sr.volunteer_id) FROM service_records sr WHERE sr.activity_id = a.id"
	     " AND sr.status = 'verified')"
	     " FROM activities a WHERE a.project_id = ?1 ORDER BY a.starts_at, a.id LIMIT ?2");
static struct stmt q_spend = STMT("SELECT line, SUM(amount_fen) FROM project_expenses WHERE project_id = ?1"
				  " AND status = 'posted' GROUP BY line ORDER BY line");
static struct stmt q_orgs_clear = STMT("DELETE FROM project_orgs WHERE project_id = ?1");
static struct stmt q_orgs_add = STMT("INSERT INTO project_orgs (project_id, org_id) VALUES (?1, ?2)");
static struct stmt q_org_covers =
	STMT("SELECT COUNT(*) FROM orgs o WHERE o.id = ?2 AND " UNDER_PROJECT_ORGS("o"));
static struct stmt q_outside = STMT("SELECT COUNT(*) FROM activities WHERE project_id = ?1"
				    " AND (starts_at < ?2 OR ends_at > ?3)");
static struct stmt q_expense_entry = STMT("SELECT id FROM journal_entries WHERE ref_entity = 'project_expenses'"
					  " AND ref_id = ?1 AND kind = 'project_expense'");
static struct stmt q_evaluator = STMT("SELECT kind FROM project_evaluators WHERE project_id = ?1 AND user_id = ?2"
				      " AND active = 1");

enum err store_project_figures(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int64_t now,
			       struct project_figures *out)
{
	struct sval p[4] = {P_int(project_id), P_int(from), P_int(to), P_int(now)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, &q_figures, p, 4, &rows, 1, &a, NULL);
	*out = (struct project_figures){0};
	if (!e && rows.nrows == 1) {
		const struct sval *v = srows_row(&rows, 0);
		*out = (struct project_figures){.verified_minutes = sv_int(&v[0]),
						.volunteers = sv_int(&v[1]),
						.activities_held = sv_int(&v[2]),
						.people_served = sv_int(&v[3]),
						.new_volunteers = sv_int(&v[4]),
						.needs_closed = sv_int(&v[5]),
						.ratings = sv_int(&v[6]),
						.rating_sum = sv_int(&v[7]),
						.emergencies = sv_int(&v[8])};
	}
	arena_release(&a);
	return e;
}

enum err store_indicator_latest(struct store_conn *c, int64_t indicator_id, double *value, int *found)
{
	struct sval p[1] = {P_int(indicator_id)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, &q_latest, p, 1, &rows, 1, &a, NULL);
	*found = !e && rows.nrows == 1;
	*value = *found ? sv_real(srows_row(&rows, 0)) : 0;
	arena_release(&a);
	return e;
}

enum err store_project_teams(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int max,
			     struct project_team **out, int *n, struct arena *a)
{
	struct sval p[4] = {P_int(project_id), P_int(from), P_int(to), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_teams, p, 4, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct project_team){.org_id = sv_int(&v[0]), .org_name = sv_text(&v[1], a),
						  .volunteers = sv_int(&v[2]), .minutes = sv_int(&v[3])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_project_activities(struct store_conn *c, int64_t project_id, int max, struct project_activity **out,
				  int *n, struct arena *a)
{
	struct sval p[2] = {P_int(project_id), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_activities, p, 2, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct project_activity){.id = sv_int(&v[0]), .org_id = sv_int(&v[1]),
						      .starts_at = sv_int(&v[2]), .ends_at = sv_int(&v[3]),
						      .title = sv_text(&v[4], a), .mode = sv_text(&v[5], a),
						      .place = sv_text(&v[6], a), .minutes = sv_int(&v[7]),
						      .volunteers = sv_int(&v[8])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_project_spend(struct store_conn *c, int64_t project_id, struct project_spend **out, int *n,
			     struct arena *a)
{
	struct sval p[1] = {P_int(project_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_spend, p, 1, &rows, 20, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct project_spend){.line = sv_text(&v[0], a), .fen = sv_int(&v[1])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_project_orgs_set(struct store_conn *c, int64_t project_id, const int64_t *ids, int n)
{
	return store_run_set(c, &q_orgs_clear, &q_orgs_add, project_id, ids, n);
}

enum err store_project_org_covers(struct store_conn *c, int64_t project_id, int64_t org_id, int *yes)
{
	struct sval p[2] = {P_int(project_id), P_int(org_id)};
	int64_t v = 0;
	enum err e = store_run_int(c, &q_org_covers, p, 2, &v);
	*yes = v > 0;
	return e;
}

enum err store_project_evaluator(struct store_conn *c, int64_t project_id, int64_t user_id, const char **kind,
				 struct arena *a)
{
	struct sval p[2] = {P_int(project_id), P_int(user_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_evaluator, p, 2, &rows, 1, a, NULL);
	*kind = !e && rows.nrows == 1 ? sv_text(srows_row(&rows, 0), a) : NULL;
	return e;
}

enum err store_project_outside(struct store_conn *c, int64_t project_id, int64_t from, int64_t to, int64_t *n)
{
	struct sval p[3] = {P_int(project_id), P_int(from), P_int(to)};
	return store_run_int(c, &q_outside, p, 3, n);
}

enum err store_project_expense_entry(struct store_conn *c, int64_t expense_id, int64_t *entry_id)
{
	struct sval p[1] = {P_int(expense_id)};
	return store_run_int(c, &q_expense_entry, p, 1, entry_id);
}
