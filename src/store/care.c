/* care.c - the particular SQL of service delivery (see store_care.h).
 *
 * Portable between SQLite and PostgreSQL: a CTE of per-move durations (the
 * previous event of the same need found by a correlated ORDER BY id DESC
 * LIMIT 1), GROUP BY for count and mean, and ORDER BY ... LIMIT/OFFSET for
 * the median window, since SQLite has no PERCENTILE_CONT. */
#include "store/store_care.h"

#include "store/store_int.h"

/* ?1 region id or NULL, ?2 category or NULL. */
#define MOVE_DURATIONS                                                                                       \
	"WITH d AS (SELECT e.from_status AS f, e.to_status AS t,"                                             \
	" e.at - (SELECT p.at FROM need_events p WHERE p.need_id = e.need_id AND p.id < e.id"                  \
	" ORDER BY p.id DESC LIMIT 1) AS secs"                                                                \
	" FROM need_events e JOIN needs n ON n.id = e.need_id"                                                \
	" WHERE e.from_status IS NOT NULL"                                                                    \
	" AND (?1 IS NULL OR n.region_id IN (SELECT r2.id FROM regions r2, regions r1 WHERE r1.id = ?1"         \
	" AND r2.path >= r1.path AND r2.path < r1.path || '~'))"                                              \
	" AND (?2 IS NULL OR n.category = ?2))"

static struct stmt q_move_stats =
	STMT(MOVE_DURATIONS
	     " SELECT f, t, COUNT(*), AVG(CASE WHEN secs < 0 THEN 0 ELSE secs END) FROM d GROUP BY f, t ORDER BY f, t");
static struct stmt q_move_durations =
	STMT(MOVE_DURATIONS
	     " SELECT CASE WHEN secs < 0 THEN 0 ELSE secs END AS s FROM d WHERE f = ?3 AND t = ?4"
	     " ORDER BY s LIMIT ?6 OFFSET ?5");

static void scope_args(struct sval *p, int64_t region_id, const char *category)
{
	p[0] = P_int0(region_id);
	p[1] = P_text(category);
}

enum err store_need_move_stats(struct store_conn *c, int64_t region_id, const char *category,
			       struct need_move_stat *out, int max, int *n, struct arena *a)
{
	struct sval p[2];
	struct srows rows = {0};
	scope_args(p, region_id, category);
	enum err e = store_run(c, &q_move_stats, p, 2, &rows, max, a, NULL);
	if (e)
		return e;
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		out[i] = (struct need_move_stat){sv_text(&v[0], a), sv_text(&v[1], a), sv_int(&v[2]), sv_real(&v[3])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_need_move_durations(struct store_conn *c, int64_t region_id, const char *category, const char *from,
				   const char *to, int64_t offset, int take, int64_t *vals, int *n)
{
	struct sval p[6];
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	scope_args(p, region_id, category);
	p[2] = P_text(from);
	p[3] = P_text(to);
	p[4] = P_int(offset);
	p[5] = P_int(take);
	enum err e = store_run(c, &q_move_durations, p, 6, &rows, take, &a, NULL);
	*n = 0;
	for (int i = 0; !e && i < rows.nrows && i < take; i++)
		vals[(*n)++] = sv_int(&srows_row(&rows, i)[0]);
	arena_release(&a);
	return e;
}
