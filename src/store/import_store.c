/* import_store.c - the statements of import jobs that the generic entity
 * operations do not cover: the keyed lookups of every row, and at start-up
 * the jobs a stopped process left queued or running are marked failed. Their rows were written in one
 * transaction that never committed, so nothing of them is in the store. */
#include "store/store_int.h"

static struct stmt q_abandon = STMT("UPDATE imports SET status = 'failed', message = ?2, finished_at = ?1"
				    " WHERE status IN ('queued', 'running')");

enum err store_imports_abandon(struct store_conn *c, int64_t now, const char *message)
{
	struct sval p[2] = {P_int(now), P_text(message)};
	return store_run(c, &q_abandon, p, 2, NULL, 0, NULL, NULL);
}

/* The lookups of every row, by the unique indexes (the generic list's
 * optional filters would scan the table once a row). */
static struct stmt q_person_by_hash = STMT("SELECT id FROM people WHERE id_number_hash = ?1");
static struct stmt q_volunteer_of = STMT("SELECT id FROM volunteers WHERE person_id = ?1 AND org_id = ?2");
static struct stmt q_social_worker_of = STMT("SELECT id FROM social_workers WHERE person_id = ?1 AND org_id = ?2");

enum err store_person_by_id_hash(struct store_conn *c, const char *hash, int64_t *id)
{
	struct sval p[1] = {P_text(hash)};
	return store_run_int(c, &q_person_by_hash, p, 1, id);
}

enum err store_workforce_of(struct store_conn *c, int social_worker, int64_t person_id, int64_t org_id, int64_t *id)
{
	struct sval p[2] = {P_int(person_id), P_int(org_id)};
	return store_run_int(c, social_worker ? &q_social_worker_of : &q_volunteer_of, p, 2, id);
}

static struct stmt q_client_of = STMT("SELECT id FROM clients WHERE person_id = ?1 AND org_id = ?2"
				      " AND case_stage <> 'closure'"
				      " ORDER BY CASE WHEN category = ?3 THEN 0 ELSE 1 END, id LIMIT 1");
static struct stmt q_sw_named = STMT("SELECT s.id FROM social_workers s JOIN people p ON p.id = s.person_id"
				     " WHERE s.org_id = ?1 AND p.name = ?2 ORDER BY s.id LIMIT 2");

enum err store_client_of(struct store_conn *c, int64_t person_id, int64_t org_id, const char *category, int64_t *id)
{
	struct sval p[3] = {P_int(person_id), P_int(org_id), P_text(category ? category : "")};
	return store_run_int(c, &q_client_of, p, 3, id);
}

/* Orgs named exactly `name` (at most 2: enough to tell one from several);
 * an org name is a cell an office typed, so no pattern is made of it. */
static struct stmt q_orgs_named = STMT("SELECT id FROM orgs WHERE name = ?1 ORDER BY id LIMIT 2");

enum err store_orgs_named(struct store_conn *c, const char *name, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_text(name)};
	return store_run_ids(c, &q_orgs_named, p, 1, 2, ids, n, a);
}

enum err store_social_workers_named(struct store_conn *c, int64_t org_id, const char *name, int64_t **ids, int *n,
				    struct arena *a)
{
	struct sval p[2] = {P_int(org_id), P_text(name)};
	return store_run_ids(c, &q_sw_named, p, 2, 2, ids, n, a);
}
