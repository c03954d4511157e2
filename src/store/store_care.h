/* store_care.h - the particular queries of service delivery (store/care.c):
 * response times of needs, computed from their status history.
 *
 * The response time of a move is the time between the event that brought a
 * need into `from` and the event of the move (a negative difference, from
 * clocks of two servers disagreeing, counts as 0). Both queries take the
 * region whose subtree they cover (0 = every region) and an optional
 * category (NULL = all). */
#ifndef LD_STORE_CARE_H
#define LD_STORE_CARE_H

#include "store/store.h"

struct need_move_stat {
	const char *from, *to;	/* arena strings */
	int64_t count;
	double avg_seconds;
};

/* Count and mean per (from, to) pair that occurred, at most `max` rows. */
enum err store_need_move_stats(struct store_conn *c, int64_t region_id, const char *category,
			       struct need_move_stat *out, int max, int *n, struct arena *a);

/* The durations of one move, ascending, from `offset`: at most `take`
 * values (up to 2) into vals; *n how many there were. */
enum err store_need_move_durations(struct store_conn *c, int64_t region_id, const char *category, const char *from,
				   const char *to, int64_t offset, int take, int64_t *vals, int *n);

#endif
