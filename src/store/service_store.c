/* service_store.c - static SQL for activities, sign-ups, attendance, hours
 * and idempotency; see service_store.h. */
#include "store/service_store.h"

#include <string.h>

#include "store/store_int.h"

static struct stmt q_act_orgs = STMT("SELECT org_id FROM activity_orgs WHERE activity_id = ?1 ORDER BY id");
static struct stmt q_act_orgs_clear = STMT("DELETE FROM activity_orgs WHERE activity_id = ?1");
static struct stmt q_act_org_add = STMT("INSERT INTO activity_orgs (activity_id, org_id) VALUES (?1, ?2)");
static struct stmt q_signup_count = STMT("SELECT COUNT(*) FROM signups WHERE shift_id = ?1 AND status = ?2");
static struct stmt q_waitlist_head =
	STMT("SELECT id FROM signups WHERE shift_id = ?1 AND status = 'waitlisted' ORDER BY id LIMIT 1");
static struct stmt q_completed = STMT("SELECT 1 FROM course_completions WHERE person_id = ?1 AND course_id = ?2");
static struct stmt q_attendance_of = STMT("SELECT id FROM attendance WHERE signup_id = ?1");
static struct stmt q_verified_minutes =
	STMT("SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hours WHERE volunteer_id = ?1");
static struct stmt q_year_minutes = STMT("SELECT COALESCE(SUM(minutes), 0) FROM service_records"
					 " WHERE volunteer_id = ?1 AND status = 'verified' AND year = ?2");
static struct stmt q_hours_upsert = STMT("INSERT INTO volunteer_hours (volunteer_id, year, minutes) VALUES (?1, ?2, ?3)"
					 " ON CONFLICT (volunteer_id, year) DO UPDATE SET minutes = excluded.minutes");
static struct stmt q_volunteer_hours_set = STMT("UPDATE volunteers SET verified_hours = ?2, stars = ?3 WHERE id = ?1");
/* the rollup's years, beside one seek of service_records(volunteer_id,
 * status, starts_at) (015) for the latest verified service: one row
 * without a year when there is none */
static struct stmt q_hours_of =
	STMT("SELECT x.last, y.year, y.minutes FROM (SELECT MAX(starts_at) AS last FROM service_records"
	     " WHERE volunteer_id = ?1 AND status = 'verified') x"
	     " LEFT JOIN volunteer_hours y ON y.volunteer_id = ?1 AND y.minutes > 0 ORDER BY y.year");
static struct stmt q_idle_registered =
	STMT("SELECT v.id FROM volunteers v WHERE v.stage = 'registered' AND v.id > ?2 AND (?3 = 0 OR v.id = ?3)"
	     " AND NOT EXISTS (SELECT 1 FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'verified'"
	     " AND r.starts_at >= ?1) AND NOT EXISTS (SELECT 1 FROM volunteer_stage_events e"
	     " WHERE e.volunteer_id = v.id AND e.to_stage = 'registered' AND e.at >= ?1) ORDER BY v.id LIMIT ?4");
static struct stmt q_minutes_by_year = STMT("SELECT year, minutes FROM volunteer_hours"
					    " WHERE volunteer_id = ?1 AND minutes > 0 ORDER BY year");
/* driven from the region's volunteers (index volunteers_org_stage), then the
 * rollup by (volunteer_id, year): bounded by the region's size */
static struct stmt q_recognition =
	STMT("SELECT v.id, v.person_id, v.org_id, p.name, v.volunteer_no, y.minutes"
	     " FROM volunteers v JOIN volunteer_hours y ON y.volunteer_id = v.id AND y.year = ?2"
	     " JOIN people p ON p.id = v.person_id"
	     " WHERE y.minutes > 0 AND v.org_id IN (SELECT o.id FROM orgs o"
	     " WHERE o.region_id IN (SELECT f2.id FROM regions f2, regions f1 WHERE f1.id = ?1"
	     " AND f2.path >= f1.path AND f2.path < f1.path || '~'))"
	     " ORDER BY y.minutes DESC, v.id LIMIT ?3");
static struct stmt q_upcoming =
	STMT("SELECT g.id, s.id, a.id, a.title || ' - ' || p.title, a.place, s.starts_at, s.ends_at"
	     " FROM signups g JOIN shifts s ON s.id = g.shift_id JOIN activities a ON a.id = s.activity_id"
	     " JOIN positions p ON p.id = s.position_id"
	     " WHERE g.volunteer_id = ?1 AND g.status = 'accepted' AND s.ends_at > ?2"
	     " ORDER BY s.starts_at, s.id LIMIT ?3");
static struct stmt q_idem_get =
	STMT("SELECT route, status, body FROM idempotency WHERE user_id = ?1 AND idem_key = ?2");
static struct stmt q_idem_put = STMT("INSERT INTO idempotency (user_id, idem_key, route, status, body, created_at)"
				     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct stmt q_secret_put =
	STMT("INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
static struct stmt q_secret_get = STMT("SELECT value FROM secrets WHERE name = ?1");
static struct stmt q_free_shifts_delete = STMT("DELETE FROM shifts WHERE activity_id = ?1 AND starts_at > ?2"
					       " AND id NOT IN (SELECT shift_id FROM signups)");
static struct stmt q_kept_shifts =
	STMT("SELECT position_id, starts_at FROM shifts WHERE activity_id = ?1 AND starts_at > ?2");
static struct stmt q_org_staff_users =
	STMT("SELECT DISTINCT user_id FROM user_roles WHERE org_id = ?1"
	     " AND role IN ('org_admin', 'supervisor', 'social_worker') ORDER BY user_id LIMIT 50");
static struct stmt q_tasks_deactivate = STMT("UPDATE plan_tasks SET active = 0 WHERE plan_id = ?1 AND active = 1");

enum err store_activity_orgs(struct store_conn *c, int64_t activity_id, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(activity_id)};
	return store_run_ids(c, &q_act_orgs, p, 1, 64, ids, n, a);
}

enum err store_activity_orgs_set(struct store_conn *c, int64_t activity_id, const int64_t *ids, int n)
{
	return store_run_set(c, &q_act_orgs_clear, &q_act_org_add, activity_id, ids, n);
}

enum err store_signup_count(struct store_conn *c, int64_t shift_id, const char *status, int64_t *n)
{
	struct sval p[2] = {P_int(shift_id), P_text(status)};
	return store_run_int(c, &q_signup_count, p, 2, n);
}

enum err store_waitlist_head(struct store_conn *c, int64_t shift_id, int64_t *id)
{
	struct sval p[1] = {P_int(shift_id)};
	return store_run_int(c, &q_waitlist_head, p, 1, id);
}

enum err store_course_completed(struct store_conn *c, int64_t person_id, int64_t course_id, int *yes)
{
	struct sval p[2] = {P_int(person_id), P_int(course_id)};
	int64_t v;
	enum err e = store_run_int(c, &q_completed, p, 2, &v);
	*yes = v != 0;
	return e;
}

enum err store_attendance_of(struct store_conn *c, int64_t signup_id, int64_t *id)
{
	struct sval p[1] = {P_int(signup_id)};
	return store_run_int(c, &q_attendance_of, p, 1, id);
}

enum err store_verified_minutes(struct store_conn *c, int64_t volunteer_id, int64_t *minutes)
{
	struct sval p[1] = {P_int(volunteer_id)};
	return store_run_int(c, &q_verified_minutes, p, 1, minutes);
}

enum err store_hours_of(struct store_conn *c, const struct entity *ve, const struct scope *sc, int64_t volunteer_id,
			struct rec *vol, int64_t *minutes, struct year_minutes **years, int *nyears,
			int64_t *last_service_at, struct arena *a)
{
	struct sval p[1] = {P_int(volunteer_id)};
	struct srows rows = {0};
	struct store_q q = {&q_hours_of, p, 1, &rows, 200};
	enum err e = store_get_with(c, ve, volunteer_id, sc, vol, a, &q);
	if (e)
		return e;
	*years = arena_alloc(a, sizeof **years * (size_t)(rows.nrows + 1));
	*nyears = 0;
	*minutes = 0;
	*last_service_at = rows.nrows ? sv_int(&rows.v[0]) : 0;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		if (v[1].t == SV_NULL)
			continue;
		(*years)[(*nyears)++] = (struct year_minutes){(int)sv_int(&v[1]), sv_int(&v[2])};
		*minutes += sv_int(&v[2]);
	}
	return ERR_OK;
}

enum err store_idle_registered(struct store_conn *c, int64_t cutoff, int64_t after_id, int64_t only_id, int max,
			       int64_t **ids, int *n, struct arena *a)
{
	struct sval p[4] = {P_int(cutoff), P_int(after_id), P_int(only_id), P_int(max)};
	return store_run_ids(c, &q_idle_registered, p, 4, max, ids, n, a);
}

enum err store_year_refresh(struct store_conn *c, int64_t volunteer_id, int year)
{
	struct sval p[3] = {P_int(volunteer_id), P_int(year)};
	int64_t minutes;
	enum err e = store_run_int(c, &q_year_minutes, p, 2, &minutes);
	if (e)
		return e;
	p[2] = P_int(minutes);
	return store_run(c, &q_hours_upsert, p, 3, NULL, 0, NULL, NULL);
}

enum err store_volunteer_hours_set(struct store_conn *c, int64_t volunteer_id, double hours, int stars)
{
	struct sval p[3] = {P_int(volunteer_id), P_real(hours), P_int(stars)};
	return store_run(c, &q_volunteer_hours_set, p, 3, NULL, 0, NULL, NULL);
}

enum err store_minutes_by_year(struct store_conn *c, int64_t volunteer_id, struct year_minutes **out, int *n,
			       struct arena *a)
{
	struct sval p[1] = {P_int(volunteer_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_minutes_by_year, p, 1, &rows, 200, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		(*out)[i] = (struct year_minutes){(int)sv_int(&rows.v[i * 2]), sv_int(&rows.v[i * 2 + 1])};
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_recognition(struct store_conn *c, int64_t region_id, int year, int limit, struct ranked **out,
			   int *n, struct arena *a)
{
	struct sval p[3] = {P_int(region_id), P_int(year), P_int(limit)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_recognition, p, 3, &rows, limit, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct ranked){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[5]),
					    sv_text(&v[3], a), sv_text(&v[4], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_upcoming(struct store_conn *c, const struct entity *ve, const struct scope *sc, int64_t volunteer_id,
			struct rec *vol, int64_t now, int limit, struct upcoming **out, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(volunteer_id), P_int(now), P_int(limit)};
	struct srows rows = {0};
	struct store_q q = {&q_upcoming, p, 3, &rows, limit};
	enum err e = store_get_with(c, ve, volunteer_id, sc, vol, a, &q);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct upcoming){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[5]),
					      sv_int(&v[6]), sv_text(&v[3], a), sv_text(&v[4], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_idem_get(struct store_conn *c, int64_t user_id, const char *key, const char **route, int *status,
			const char **body, struct arena *a)
{
	struct sval p[2] = {P_int(user_id), P_text(key)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_idem_get, p, 2, &rows, 1, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	*route = sv_text(&rows.v[0], a);
	*status = (int)sv_int(&rows.v[1]);
	*body = sv_text(&rows.v[2], a);
	return ERR_OK;
}

enum err store_idem_put(struct store_conn *c, int64_t user_id, const char *key, const char *route, int status,
			const char *body, int64_t now)
{
	struct sval p[6] = {P_int(user_id), P_text(key), P_text(route), P_int(status), P_text(body), P_int(now)};
	return store_run(c, &q_idem_put, p, 6, NULL, 0, NULL, NULL);
}

enum err store_secret(struct store_conn *c, const char *name, const char *fresh, const char **value,
		      struct arena *a)
{
	struct sval p[2] = {P_text(name), P_text(fresh)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_secret_put, p, 2, NULL, 0, NULL, NULL);
	if (!e)
		e = store_run(c, &q_secret_get, p, 1, &rows, 1, a, NULL);
	if (!e && !rows.nrows)
		e = ERR_INTERNAL;
	if (!e)
		*value = sv_text(&rows.v[0], a);
	return e;
}

enum err store_free_shifts_delete(struct store_conn *c, int64_t activity_id, int64_t after)
{
	struct sval p[2] = {P_int(activity_id), P_int(after)};
	return store_run(c, &q_free_shifts_delete, p, 2, NULL, 0, NULL, NULL);
}

enum err store_kept_shifts(struct store_conn *c, int64_t activity_id, int64_t after, int64_t **pairs, int *n,
			   struct arena *a)
{
	struct sval p[2] = {P_int(activity_id), P_int(after)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_kept_shifts, p, 2, &rows, 100000, a, NULL);
	if (e)
		return e;
	*pairs = arena_alloc(a, sizeof **pairs * (size_t)(2 * rows.nrows + 2));
	for (int i = 0; i < 2 * rows.nrows; i++)
		(*pairs)[i] = sv_int(&rows.v[i]);
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_tasks_deactivate(struct store_conn *c, int64_t plan_id)
{
	struct sval p[1] = {P_int(plan_id)};
	return store_run(c, &q_tasks_deactivate, p, 1, NULL, 0, NULL, NULL);
}

enum err store_org_staff_users(struct store_conn *c, int64_t org_id, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(org_id)};
	return store_run_ids(c, &q_org_staff_users, p, 1, 50, ids, n, a);
}
