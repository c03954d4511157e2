/* match_store.c - static SQL for matching; see match_store.h. */
#include "store/match_store.h"

#include "model/scope_sql.h"
#include "store/store_int.h"

#define FACTS                                                                                               \
	"SELECT v.id, v.person_id, v.org_id, p.name, v.volunteer_no, v.stage, p.birth_date, v.insured_until,"  \
	" v.background_check, v.guardian_consent, p.lat, p.lon, p.skills, v.availability, v.preferred_modes," \
	" v.max_weekly_hours, v.max_distance_km FROM volunteers v JOIN people p ON p.id = v.person_id"

/* ?1 volunteer (0 = all), ?2 from, ?3 to */
#define HELD_WHERE " AND s.starts_at < ?3 AND s.ends_at > ?2 AND (?1 = 0 OR x.volunteer_id = ?1)"

static struct stmt q_pool = STMT(FACTS " WHERE v.stage = 'registered' AND (?1 = 1 OR " IN_ORG_SCOPE("v.org_id") " OR "
				 ORG_IN_REGION_SCOPE("v.org_id") ") ORDER BY v.id LIMIT ?12");
static struct stmt q_volunteer = STMT(FACTS " WHERE v.id = ?1");
static struct stmt q_held =
	STMT("SELECT x.volunteer_id, s.id, s.starts_at, s.ends_at FROM signups x JOIN shifts s ON s.id = x.shift_id"
	     " WHERE x.status IN ('pending', 'accepted', 'waitlisted')" HELD_WHERE
	     " UNION SELECT x.volunteer_id, s.id, s.starts_at, s.ends_at FROM invitations x"
	     " JOIN shifts s ON s.id = x.shift_id WHERE x.status = 'invited'" HELD_WHERE " ORDER BY 1, 3, 2");
static struct stmt q_course_people =
	STMT("SELECT person_id FROM course_completions WHERE course_id = ?1 ORDER BY person_id");
static struct stmt q_recent = STMT("SELECT volunteer_id, SUM(minutes) FROM service_records WHERE status <> 'voided'"
				   " AND starts_at >= ?1 GROUP BY volunteer_id ORDER BY volunteer_id");
static struct stmt q_served_activity = STMT("SELECT DISTINCT volunteer_id FROM service_records WHERE activity_id = ?1"
					    " AND status <> 'voided' ORDER BY volunteer_id");
static struct stmt q_served_client =
	STMT("SELECT r.volunteer_id FROM service_records r WHERE r.status <> 'voided'"
	     " AND r.activity_id IN (SELECT p2.activity_id FROM plans p1 JOIN plans p2"
	     " ON p2.client_id = p1.client_id WHERE p1.activity_id = ?1)"
	     " UNION SELECT c.volunteer_id FROM clients c JOIN plans p ON p.client_id = c.id"
	     " WHERE p.activity_id = ?1 AND c.volunteer_id IS NOT NULL ORDER BY 1");
static struct stmt q_shift_open =
	STMT("SELECT s.capacity - (SELECT COUNT(*) FROM signups g WHERE g.shift_id = s.id"
	     " AND g.status IN ('accepted', 'pending')) - (SELECT COUNT(*) FROM invitations i"
	     " WHERE i.shift_id = s.id AND i.status = 'invited') FROM shifts s WHERE s.id = ?1");
static struct stmt q_activity_shifts = STMT("SELECT id FROM shifts WHERE activity_id = ?1 AND ends_at > ?2"
					    " ORDER BY starts_at, id LIMIT ?3");
static struct stmt q_region_shifts =
	STMT("SELECT s.id FROM shifts s JOIN activities a ON a.id = s.activity_id"
	     " WHERE s.starts_at >= ?2 AND s.starts_at < ?3 AND a.org_id IN (SELECT h.id FROM orgs h"
	     " WHERE h.region_id IN (SELECT f2.id FROM regions f2, regions f1 WHERE f1.id = ?1"
	     " AND f2.path >= f1.path AND f2.path < f1.path || '~')) ORDER BY s.starts_at, s.id LIMIT ?4");
static struct stmt q_volunteer_users = STMT("SELECT u.id FROM users u JOIN volunteers v ON v.person_id = u.person_id"
					    " WHERE v.id = ?1 ORDER BY u.id LIMIT 10");

static void facts_of(const struct sval *v, struct vol_facts *f, struct arena *a)
{
	*f = (struct vol_facts){
		.volunteer_id = sv_int(&v[0]),
		.person_id = sv_int(&v[1]),
		.org_id = sv_int(&v[2]),
		.name = sv_text(&v[3], a),
		.volunteer_no = sv_text(&v[4], a),
		.stage = sv_text(&v[5], a),
		.birth_date = sv_text(&v[6], a),
		.insured_until = sv_text(&v[7], a),
		.background_check = sv_text(&v[8], a),
		.guardian_consent = sv_int(&v[9]) != 0,
		.has_home = v[10].t != SV_NULL && v[11].t != SV_NULL,
		.lat = sv_real(&v[10]),
		.lon = sv_real(&v[11]),
		.skills = sv_text(&v[12], a),
		.availability = sv_text(&v[13], a),
		.preferred_modes = sv_text(&v[14], a),
		.max_weekly_hours = sv_real(&v[15]),
		.max_distance_km = sv_real(&v[16]),
	};
}

enum err store_match_pool(struct store_conn *c, const struct scope *sc, int max, struct vol_facts **out, int *n,
			  struct arena *a)
{
	struct sval p[12];
	struct srows rows = {0};
	scope_params(p, sc);
	p[11] = P_int(max);
	enum err e = store_run(c, &q_pool, p, 12, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		facts_of(srows_row(&rows, i), &(*out)[i], a);
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_match_volunteer(struct store_conn *c, int64_t volunteer_id, struct vol_facts *out, struct arena *a)
{
	struct sval p[1] = {P_int(volunteer_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_volunteer, p, 1, &rows, 1, a, NULL);
	if (e)
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	facts_of(srows_row(&rows, 0), out, a);
	return ERR_OK;
}

enum err store_held_shifts(struct store_conn *c, int64_t volunteer_id, int64_t from, int64_t to,
			   struct held_shift **out, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(volunteer_id), P_int(from), P_int(to)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_held, p, 3, &rows, 1 << 22, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct held_shift){sv_int(&v[0]), sv_int(&v[1]), sv_int(&v[2]), sv_int(&v[3])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_course_people(struct store_conn *c, int64_t course_id, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(course_id)};
	return store_run_ids(c, &q_course_people, p, 1, 1 << 22, ids, n, a);
}

enum err store_recent_minutes(struct store_conn *c, int64_t since, struct vol_minutes **out, int *n,
			      struct arena *a)
{
	struct sval p[1] = {P_int(since)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_recent, p, 1, &rows, 1 << 22, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct vol_minutes){sv_int(&v[0]), sv_int(&v[1])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_served(struct store_conn *c, int64_t activity_id, int64_t **activity_ids, int *nact,
		      int64_t **client_ids, int *ncli, struct arena *a)
{
	struct sval p[1] = {P_int(activity_id)};
	enum err e = store_run_ids(c, &q_served_activity, p, 1, 1 << 22, activity_ids, nact, a);
	return e ? e : store_run_ids(c, &q_served_client, p, 1, 1 << 22, client_ids, ncli, a);
}

enum err store_shift_open(struct store_conn *c, int64_t shift_id, int64_t *open)
{
	struct sval p[1] = {P_int(shift_id)};
	return store_run_int(c, &q_shift_open, p, 1, open);
}

enum err store_activity_shifts(struct store_conn *c, int64_t activity_id, int64_t now, int max, int64_t **ids,
			       int *n, struct arena *a)
{
	struct sval p[3] = {P_int(activity_id), P_int(now), P_int(max)};
	return store_run_ids(c, &q_activity_shifts, p, 3, max, ids, n, a);
}

enum err store_region_shifts(struct store_conn *c, int64_t region_id, int64_t from, int64_t to, int max,
			     int64_t **ids, int *n, struct arena *a)
{
	struct sval p[4] = {P_int(region_id), P_int(from), P_int(to), P_int(max)};
	return store_run_ids(c, &q_region_shifts, p, 4, max, ids, n, a);
}

enum err store_volunteer_users(struct store_conn *c, int64_t volunteer_id, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(volunteer_id)};
	return store_run_ids(c, &q_volunteer_users, p, 1, 10, ids, n, a);
}
