/* emergency.c - the particular SQL of emergency mobilisation (see
 * store_emergency.h), numbered from SID_EMERGENCY. Portable between SQLite
 * and PostgreSQL. */
#include "store/store_emergency.h"

#include "store/store_int.h"

enum {
	Q_SKILLS,
	Q_SKILL_ADD,
	Q_GEO_ADD,
	Q_GEO_SINCE,
	Q_GEO_MAX,
	Q_GEO_LOAD,
	Q_GEO_PERSON,
	Q_CANDIDATE,
	Q_TALLY,
	Q_CALLOUT_OF,
	Q_CALLOUT_VOL_OF_PERSON,
	Q_CALLOUTS_IN,
	Q_PERSON_USERS,
	Q_PERSON_SW,
	Q__COUNT
};

/* ?3..?66: up to STORE_CANDIDATES_MAX volunteer ids (NULL for unused) */
#define CANDIDATE_IDS \
	"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, " \
	"?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, " \
	"?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, " \
	"?51, ?52, ?53, ?54, ?55, ?56, ?57, ?58, ?59, ?60, ?61, ?62, ?63, ?64, ?65, ?66"
#define LOCATED "CASE WHEN p.lat IS NOT NULL AND p.lon IS NOT NULL THEN 1 ELSE 0 END"

static const char *const sql[Q__COUNT] = {
	[Q_SKILLS] = "SELECT id, name FROM skills ORDER BY id",
	[Q_SKILL_ADD] = "INSERT INTO skills (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
	[Q_GEO_ADD] = "INSERT INTO geo_changes (seq, person_id, volunteer_id, at) VALUES (?1, ?2, ?3, ?4)",
	[Q_GEO_SINCE] = "SELECT seq, person_id FROM geo_changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
	[Q_GEO_MAX] = "SELECT COALESCE(MAX(seq), 0) FROM geo_changes",
	[Q_GEO_LOAD] = "SELECT v.id, 1, " LOCATED ", p.lat, p.lon, p.skills FROM volunteers v"
		       " JOIN people p ON p.id = v.person_id WHERE v.stage = 'registered'"
		       " AND p.lat IS NOT NULL AND p.lon IS NOT NULL AND v.id > ?1 ORDER BY v.id LIMIT ?2",
	[Q_GEO_PERSON] = "SELECT v.id, CASE WHEN v.stage = 'registered' THEN 1 ELSE 0 END, " LOCATED ","
			 " p.lat, p.lon, p.skills FROM volunteers v JOIN people p ON p.id = v.person_id"
			 " WHERE v.person_id = ?1 ORDER BY v.id",
	/* ?1 incident, ?2 now, ?3.. the volunteers; by person, so that one
	 * person with volunteer records in two orgs counts once */
	[Q_CANDIDATE] = "SELECT v.id, v.person_id, CASE WHEN v.stage = 'registered' THEN 1 ELSE 0 END, " LOCATED ","
			" p.lat, p.lon, p.name, p.skills,"
			" (SELECT COUNT(*) FROM callouts c WHERE c.emergency_id = ?1 AND c.person_id = v.person_id),"
			" (SELECT COUNT(*) FROM callouts c JOIN emergencies e ON e.id = c.emergency_id"
			" WHERE c.person_id = v.person_id AND c.status IN ('accepted', 'arrived')"
			" AND e.status <> 'closed' AND e.id <> ?1),"
			" (SELECT COUNT(*) FROM signups g JOIN shifts s ON s.id = g.shift_id"
			" JOIN volunteers w ON w.id = g.volunteer_id WHERE w.person_id = v.person_id"
			" AND g.status = 'accepted' AND s.starts_at <= ?2 AND s.ends_at > ?2),"
			" p.birth_date, v.availability, v.guardian_consent, v.max_distance_km"
			" FROM volunteers v JOIN people p ON p.id = v.person_id WHERE v.id IN ("
			CANDIDATE_IDS ")",
	[Q_TALLY] = "SELECT status, COUNT(*) FROM callouts WHERE emergency_id = ?1 GROUP BY status ORDER BY status",
	[Q_CALLOUT_OF] = "SELECT id FROM callouts WHERE emergency_id = ?1 AND volunteer_id = ?2",
	[Q_CALLOUT_VOL_OF_PERSON] = "SELECT volunteer_id FROM callouts WHERE emergency_id = ?1 AND person_id = ?2"
				    " ORDER BY id LIMIT 1",
	[Q_CALLOUTS_IN] = "SELECT id FROM callouts WHERE emergency_id = ?1 AND status = ?2 ORDER BY id LIMIT ?3",
	[Q_PERSON_USERS] = "SELECT id FROM users WHERE person_id = ?1 ORDER BY id LIMIT 5",
	[Q_PERSON_SW] = "SELECT id FROM social_workers WHERE person_id = ?1 ORDER BY id LIMIT 1",
};

static enum err q(struct store_conn *c, int id, const struct sval *p, int np, struct srows *out, int maxrows,
		  struct arena *a)
{
	return store_run(c, store_first_free_sid() + SID_EMERGENCY + id, sql[id], p, np, out, maxrows, a, NULL);
}

static enum err q_int(struct store_conn *c, int id, const struct sval *p, int np, int64_t *v)
{
	return store_run_int(c, store_first_free_sid() + SID_EMERGENCY + id, sql[id], p, np, v);
}

static enum err q_ids(struct store_conn *c, int id, const struct sval *p, int np, int max, int64_t **ids, int *n,
		      struct arena *a)
{
	return store_run_ids(c, store_first_free_sid() + SID_EMERGENCY + id, sql[id], p, np, max, ids, n, a);
}

enum err store_skills(struct store_conn *c, struct skill_row **out, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = q(c, Q_SKILLS, NULL, 0, &rows, 1000000, a);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		(*out)[i] = (struct skill_row){sv_int(&rows.v[i * 2]), sv_text(&rows.v[i * 2 + 1], a)};
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_skill_add(struct store_conn *c, const char *name)
{
	struct sval p[1] = {P_text(name)};
	return q(c, Q_SKILL_ADD, p, 1, NULL, 0, NULL);
}

enum err store_geo_change(struct store_conn *c, int64_t seq, int64_t person_id, int64_t volunteer_id, int64_t at)
{
	struct sval p[4] = {P_int(seq), P_int(person_id),
			    volunteer_id ? P_int(volunteer_id) : (struct sval){.t = SV_NULL, .decl = SV_INT}, P_int(at)};
	return q(c, Q_GEO_ADD, p, 4, NULL, 0, NULL);
}

enum err store_geo_changes(struct store_conn *c, int64_t after, int limit, struct geo_change_row **out, int *n,
			   struct arena *a)
{
	struct sval p[2] = {P_int(after), P_int(limit)};
	struct srows rows = {0};
	enum err e = q(c, Q_GEO_SINCE, p, 2, &rows, limit, a);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		(*out)[i] = (struct geo_change_row){sv_int(&rows.v[i * 2]), sv_int(&rows.v[i * 2 + 1])};
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_geo_max(struct store_conn *c, int64_t *seq)
{
	return q_int(c, Q_GEO_MAX, NULL, 0, seq);
}

static void vol_rows(const struct srows *rows, struct geo_vol_row **out, int *n, struct arena *a)
{
	*out = arena_alloc(a, sizeof **out * (size_t)(rows->nrows + 1));
	for (int i = 0; i < rows->nrows; i++) {
		const struct sval *v = rows->v + (size_t)i * (size_t)rows->ncols;
		(*out)[i] = (struct geo_vol_row){sv_int(&v[0]), (int)sv_int(&v[1]), (int)sv_int(&v[2]),
						 sv_real(&v[3]), sv_real(&v[4]), sv_text(&v[5], a)};
	}
	*n = rows->nrows;
}

enum err store_geo_load(struct store_conn *c, int64_t after, int limit, struct geo_vol_row **out, int *n,
			struct arena *a)
{
	struct sval p[2] = {P_int(after), P_int(limit)};
	struct srows rows = {0};
	enum err e = q(c, Q_GEO_LOAD, p, 2, &rows, limit, a);
	if (!e)
		vol_rows(&rows, out, n, a);
	return e;
}

enum err store_geo_person(struct store_conn *c, int64_t person_id, struct geo_vol_row **out, int *n,
			  struct arena *a)
{
	struct sval p[1] = {P_int(person_id)};
	struct srows rows = {0};
	enum err e = q(c, Q_GEO_PERSON, p, 1, &rows, 1000, a);
	if (!e)
		vol_rows(&rows, out, n, a);
	return e;
}

enum err store_candidates(struct store_conn *c, const int64_t *ids, int n, int64_t emergency_id, int64_t now,
			  struct candidate_row *out, int *nout, struct arena *a)
{
	struct sval p[2 + STORE_CANDIDATES_MAX];
	struct srows rows = {0};
	p[0] = P_int(emergency_id);
	p[1] = P_int(now);
	for (int i = 0; i < STORE_CANDIDATES_MAX; i++)
		p[2 + i] = i < n ? P_int(ids[i]) : (struct sval){.t = SV_NULL, .decl = SV_INT};
	enum err e = q(c, Q_CANDIDATE, p, 2 + STORE_CANDIDATES_MAX, &rows, STORE_CANDIDATES_MAX, a);
	if (e)
		return e;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = rows.v + (size_t)i * (size_t)rows.ncols;
		out[i] = (struct candidate_row){sv_int(&v[0]), sv_int(&v[1]), (int)sv_int(&v[2]), (int)sv_int(&v[3]),
						sv_real(&v[4]), sv_real(&v[5]), sv_text(&v[6], a), sv_text(&v[7], a),
						sv_int(&v[8]) > 0, sv_int(&v[9]) > 0, sv_int(&v[10]) > 0,
						sv_text(&v[11], a), sv_text(&v[12], a), sv_int(&v[13]) != 0,
						sv_real(&v[14])};
	}
	*nout = rows.nrows;
	return ERR_OK;
}

enum err store_callout_tally(struct store_conn *c, int64_t emergency_id, const char ***status, int64_t **count,
			     int *n, struct arena *a)
{
	struct sval p[1] = {P_int(emergency_id)};
	struct srows rows = {0};
	enum err e = q(c, Q_TALLY, p, 1, &rows, 100, a);
	if (e)
		return e;
	*status = arena_alloc(a, sizeof **status * (size_t)(rows.nrows + 1));
	*count = arena_alloc(a, sizeof **count * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		(*status)[i] = sv_text(&rows.v[i * 2], a);
		(*count)[i] = sv_int(&rows.v[i * 2 + 1]);
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_callout_of(struct store_conn *c, int64_t emergency_id, int64_t volunteer_id, int64_t *id)
{
	struct sval p[2] = {P_int(emergency_id), P_int(volunteer_id)};
	return q_int(c, Q_CALLOUT_OF, p, 2, id);
}

enum err store_callout_volunteer_of_person(struct store_conn *c, int64_t emergency_id, int64_t person_id,
					   int64_t *volunteer_id)
{
	struct sval p[2] = {P_int(emergency_id), P_int(person_id)};
	return q_int(c, Q_CALLOUT_VOL_OF_PERSON, p, 2, volunteer_id);
}

enum err store_callouts_in(struct store_conn *c, int64_t emergency_id, const char *status, int limit,
			   int64_t **ids, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(emergency_id), P_text(status), P_int(limit)};
	return q_ids(c, Q_CALLOUTS_IN, p, 3, limit, ids, n, a);
}

enum err store_person_users(struct store_conn *c, int64_t person_id, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(person_id)};
	return q_ids(c, Q_PERSON_USERS, p, 1, 5, ids, n, a);
}

enum err store_person_social_worker(struct store_conn *c, int64_t person_id, int64_t *id)
{
	struct sval p[1] = {P_int(person_id)};
	return q_int(c, Q_PERSON_SW, p, 1, id);
}
