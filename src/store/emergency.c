/* emergency.c - the particular SQL of emergency mobilisation (see
 * store_emergency.h). Portable between SQLite and PostgreSQL. */
#include "store/store_emergency.h"

#include "store/store_int.h"

/* ?3..?66: up to STORE_CANDIDATES_MAX volunteer ids (NULL for unused) */
#define CANDIDATE_IDS \
	"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, " \
	"?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, " \
	"?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, " \
	"?51, ?52, ?53, ?54, ?55, ?56, ?57, ?58, ?59, ?60, ?61, ?62, ?63, ?64, ?65, ?66"
#define LOCATED "CASE WHEN p.lat IS NOT NULL AND p.lon IS NOT NULL THEN 1 ELSE 0 END"

static struct stmt q_skills = STMT("SELECT id, name FROM skills ORDER BY id");
static struct stmt q_skill_add = STMT("INSERT INTO skills (name) VALUES (?1) ON CONFLICT (name) DO NOTHING");
static struct stmt q_geo_add =
	STMT("INSERT INTO geo_changes (seq, person_id, volunteer_id, at) VALUES (?1, ?2, ?3, ?4)");
static struct stmt q_geo_since = STMT("SELECT seq, person_id FROM geo_changes WHERE seq > ?1 ORDER BY seq LIMIT ?2");
static struct stmt q_geo_max = STMT("SELECT COALESCE(MAX(seq), 0) FROM geo_changes");
static struct stmt q_geo_load =
	STMT("SELECT v.id, 1, " LOCATED ", p.lat, p.lon, p.skills FROM volunteers v"
	     " JOIN people p ON p.id = v.person_id WHERE v.stage = 'registered'"
	     " AND p.lat IS NOT NULL AND p.lon IS NOT NULL AND v.id > ?1 ORDER BY v.id LIMIT ?2");
static struct stmt q_geo_person = STMT("SELECT v.id, CASE WHEN v.stage = 'registered' THEN 1 ELSE 0 END, " LOCATED ","
				       " p.lat, p.lon, p.skills FROM volunteers v JOIN people p ON p.id = v.person_id"
				       " WHERE v.person_id = ?1 ORDER BY v.id");
/* ?1 incident, ?2 now, ?3.. the volunteers; by person, so that one
 * person with volunteer records in two orgs counts once */
static struct stmt q_candidate =
	STMT("SELECT v.id, v.person_id, CASE WHEN v.stage = 'registered' THEN 1 ELSE 0 END, " LOCATED ","
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
	     CANDIDATE_IDS ")");
static struct stmt q_tally =
	STMT("SELECT status, COUNT(*) FROM callouts WHERE emergency_id = ?1 GROUP BY status ORDER BY status");
static struct stmt q_callout_of = STMT("SELECT id FROM callouts WHERE emergency_id = ?1 AND volunteer_id = ?2");
static struct stmt q_callout_vol_of_person =
	STMT("SELECT volunteer_id FROM callouts WHERE emergency_id = ?1 AND person_id = ?2"
	     " ORDER BY id LIMIT 1");
static struct stmt q_callouts_in =
	STMT("SELECT id FROM callouts WHERE emergency_id = ?1 AND status = ?2 ORDER BY id LIMIT ?3");
static struct stmt q_person_users = STMT("SELECT id FROM users WHERE person_id = ?1 ORDER BY id LIMIT 5");
static struct stmt q_person_sw = STMT("SELECT id FROM social_workers WHERE person_id = ?1 ORDER BY id LIMIT 1");

enum err store_skills(struct store_conn *c, struct skill_row **out, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, &q_skills, NULL, 0, &rows, 1000000, a, NULL);
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
	return store_run(c, &q_skill_add, p, 1, NULL, 0, NULL, NULL);
}

enum err store_geo_change(struct store_conn *c, int64_t seq, int64_t person_id, int64_t volunteer_id, int64_t at)
{
	struct sval p[4] = {P_int(seq), P_int(person_id), P_int0(volunteer_id), P_int(at)};
	return store_run(c, &q_geo_add, p, 4, NULL, 0, NULL, NULL);
}

enum err store_geo_changes(struct store_conn *c, int64_t after, int limit, struct geo_change_row **out, int *n,
			   struct arena *a)
{
	struct sval p[2] = {P_int(after), P_int(limit)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_geo_since, p, 2, &rows, limit, a, NULL);
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
	return store_run_int(c, &q_geo_max, NULL, 0, seq);
}

static void vol_rows(const struct srows *rows, struct geo_vol_row **out, int *n, struct arena *a)
{
	*out = arena_alloc(a, sizeof **out * (size_t)(rows->nrows + 1));
	for (int i = 0; i < rows->nrows; i++) {
		const struct sval *v = srows_row(rows, i);
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
	enum err e = store_run(c, &q_geo_load, p, 2, &rows, limit, a, NULL);
	if (!e)
		vol_rows(&rows, out, n, a);
	return e;
}

enum err store_geo_person(struct store_conn *c, int64_t person_id, struct geo_vol_row **out, int *n,
			  struct arena *a)
{
	struct sval p[1] = {P_int(person_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_geo_person, p, 1, &rows, 1000, a, NULL);
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
		p[2 + i] = i < n ? P_int(ids[i]) : P_null(SV_INT);
	enum err e = store_run(c, &q_candidate, p, 2 + STORE_CANDIDATES_MAX, &rows, STORE_CANDIDATES_MAX, a, NULL);
	if (e)
		return e;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
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
	enum err e = store_run(c, &q_tally, p, 1, &rows, 100, a, NULL);
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
	return store_run_int(c, &q_callout_of, p, 2, id);
}

enum err store_callout_volunteer_of_person(struct store_conn *c, int64_t emergency_id, int64_t person_id,
					   int64_t *volunteer_id)
{
	struct sval p[2] = {P_int(emergency_id), P_int(person_id)};
	return store_run_int(c, &q_callout_vol_of_person, p, 2, volunteer_id);
}

enum err store_callouts_in(struct store_conn *c, int64_t emergency_id, const char *status, int limit,
			   int64_t **ids, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(emergency_id), P_text(status), P_int(limit)};
	return store_run_ids(c, &q_callouts_in, p, 3, limit, ids, n, a);
}

enum err store_person_users(struct store_conn *c, int64_t person_id, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(person_id)};
	return store_run_ids(c, &q_person_users, p, 1, 5, ids, n, a);
}

enum err store_person_social_worker(struct store_conn *c, int64_t person_id, int64_t *id)
{
	struct sval p[1] = {P_int(person_id)};
	return store_run_int(c, &q_person_sw, p, 1, id);
}
