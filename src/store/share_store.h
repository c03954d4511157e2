/* share_store.h - the particular SQL of co-building links (issue 15):
 * the kind of one link, removing one, and the partner's volunteers' public
 * profiles. Same conventions as store.h: enum err, strings in the arena. */
#ifndef LD_STORE_SHARE_STORE_H
#define LD_STORE_SHARE_STORE_H

#include "model/share_rows.h"
#include "store/store.h"

/* The kind of the link org_id -> other_org_id; NULL when there is none. */
enum err store_link_kind(struct store_conn *c, int64_t org_id, int64_t other_org_id, const char **kind,
			 struct arena *a);
/* Remove link `id` (the caller has read and may remove it). */
enum err store_link_delete(struct store_conn *c, int64_t id);

/* The volunteers of org_id (that org only, not its subtree) at one of the
 * stages a partner sees (registered, inactive), by id after `after`, at
 * most `limit`. */
enum err store_volunteer_profiles(struct store_conn *c, int64_t org_id, int64_t after, int limit,
				  struct volunteer_profile **rows, int *n, struct arena *a);
/* Volunteer `id`'s profile at such a stage: *found 0 when it is not one. */
enum err store_volunteer_profile(struct store_conn *c, int64_t id, struct volunteer_profile *out, int *found,
				 struct arena *a);

#endif
