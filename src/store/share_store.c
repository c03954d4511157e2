/* share_store.c - static SQL for co-building links; see share_store.h. */
#include "store/share_store.h"

#include "store/store_int.h"

static struct stmt q_kind = STMT("SELECT kind FROM org_links WHERE org_id = ?1 AND other_org_id = ?2");
static struct stmt q_delete = STMT("DELETE FROM org_links WHERE id = ?1");
/* the stages a partner sees: volunteers who completed the pipeline */
#define PROFILE_SELECT                                                                       \
	"SELECT v.id, v.org_id, p.name, p.skills, v.stage, v.verified_hours, v.stars"        \
	" FROM volunteers v JOIN people p ON p.id = v.person_id"                             \
	" WHERE v.stage IN ('registered', 'inactive')"
static struct stmt q_profiles = STMT(PROFILE_SELECT " AND v.org_id = ?1 AND v.id > ?2 ORDER BY v.id LIMIT ?3");
static struct stmt q_profile = STMT(PROFILE_SELECT " AND v.id = ?1");

enum err store_link_kind(struct store_conn *c, int64_t org_id, int64_t other_org_id, const char **kind,
			 struct arena *a)
{
	struct sval p[2] = {P_int(org_id), P_int(other_org_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_kind, p, 2, &rows, 1, a, NULL);
	if (e)
		return e;
	*kind = rows.nrows ? sv_text(&srows_row(&rows, 0)[0], a) : NULL;
	return ERR_OK;
}

enum err store_link_delete(struct store_conn *c, int64_t id)
{
	struct sval p[1] = {P_int(id)};
	return store_run(c, &q_delete, p, 1, NULL, 0, NULL, NULL);
}

static void profile_of(const struct sval *v, struct volunteer_profile *out, struct arena *a)
{
	*out = (struct volunteer_profile){.id = sv_int(&v[0]),
					  .org_id = sv_int(&v[1]),
					  .name = sv_text(&v[2], a),
					  .skills = sv_text(&v[3], a),
					  .stage = sv_text(&v[4], a),
					  .verified_hours = sv_real(&v[5]),
					  .stars = sv_int(&v[6])};
}

enum err store_volunteer_profiles(struct store_conn *c, int64_t org_id, int64_t after, int limit,
				  struct volunteer_profile **out, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(org_id), P_int(after), P_int(limit)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_profiles, p, 3, &rows, limit, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		profile_of(srows_row(&rows, i), &(*out)[i], a);
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_volunteer_profile(struct store_conn *c, int64_t id, struct volunteer_profile *out, int *found,
				 struct arena *a)
{
	struct sval p[1] = {P_int(id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_profile, p, 1, &rows, 1, a, NULL);
	if (e)
		return e;
	*found = rows.nrows > 0;
	if (rows.nrows)
		profile_of(srows_row(&rows, 0), out, a);
	return ERR_OK;
}
