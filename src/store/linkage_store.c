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
