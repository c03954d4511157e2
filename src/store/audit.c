/* audit.c - the two bookkeeping writes every service uses: the audit trail
 * (who did what to which record, with its JSON before and after) and named
 * counters (volunteer numbers and the like), incremented atomically; and
 * the name the audit log shows for an entry's user. */
#include "store/store_int.h"

static struct stmt q_counter_next =
	STMT("INSERT INTO counters (name, value) VALUES (?1, 1)"
	     " ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value");
static struct stmt q_audit = STMT("INSERT INTO audit (at, user_id, action, entity, entity_id, before_json, after_json)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
static struct stmt q_user_label = STMT("SELECT u.username, p.name FROM users u"
				       " LEFT JOIN people p ON p.id = u.person_id WHERE u.id = ?1");

enum err store_counter_next(struct store_conn *c, const char *name, int64_t *value)
{
	struct sval p[1] = {P_text(name)};
	return store_run_int(c, &q_counter_next, p, 1, value);
}

enum err store_audit(struct store_conn *c, int64_t at, int64_t user_id, const char *action, const char *entity,
		     int64_t entity_id, const char *before, const char *after)
{
	struct sval p[7] = {P_int(at), P_int0(user_id), P_text(action), P_text(entity),
			    P_int0(entity_id), P_text(before), P_text(after)};
	return store_run(c, &q_audit, p, 7, NULL, 0, NULL, NULL);
}

enum err store_user_label(struct store_conn *c, int64_t user_id, const char **username, const char **name,
			  struct arena *a)
{
	struct sval p[1] = {P_int(user_id)};
	struct srows rows = {0};
	*username = *name = NULL;
	enum err e = store_run(c, &q_user_label, p, 1, &rows, 1, a, NULL);
	if (!e && rows.nrows) {
		*username = sv_text(&rows.v[0], a);
		*name = sv_text(&rows.v[1], a);
	}
	return e;
}
