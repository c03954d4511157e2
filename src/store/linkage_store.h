/* linkage_store.h - the linkage's own tables (migration 016_linkage.sql):
 * the qualification rules a platform admin changed. Same conventions as
 * store.h: enum err, strings in the arena. */
#ifndef LD_STORE_LINKAGE_STORE_H
#define LD_STORE_LINKAGE_STORE_H

#include "model/rows.h"
#include "store/store.h"

struct qual_rule_row {
	const char *work, *min_qualification;
	int64_t updated_at, updated_by_user_id; /* 0 = none */
};

/* Every changed rule, by work; at most `max`. */
enum err store_qual_rules(struct store_conn *c, int max, struct qual_rule_row **rows, int *n, struct arena *a);
/* The level a platform admin set for `work`: *found 0 when it has none. */
enum err store_qual_rule_get(struct store_conn *c, const char *work, const char **min, int *found, struct arena *a);
/* Write a rule (insert, or replace its level and who changed it). */
enum err store_qual_rule_put(struct store_conn *c, const struct qual_rule_row *r);
/* Back to the default: remove the rule; ERR_NOT_FOUND when there is none. */
enum err store_qual_rule_delete(struct store_conn *c, const char *work);

/* At most this many social workers in one supervision session. */
#define SUPERVISION_MAX_ATTENDEES 30

/* The social workers a supervision session was for, by id. */
enum err store_supervision_attendees(struct store_conn *c, int64_t session_id, int64_t **ids, int *n,
				     struct arena *a);
enum err store_supervision_attendees_set(struct store_conn *c, int64_t session_id, const int64_t *ids, int n);

/* The social workers of the orgs under path `org_path` with id > after, by
 * id, at most `limit`, with their supervision in [from, to). */
enum err store_supervision_hours(struct store_conn *c, const char *org_path, int64_t from, int64_t to, int64_t after,
				 int limit, struct supervision_hours_row **rows, int *n, struct arena *a);

#endif
