/* needflow.h - the life of a need (信息联享 / 供需对接) and the
 * arithmetic of its response times.
 *
 * Main line, one step at a time, no skipping:
 *   new -> triaged -> planned -> matched -> in_service -> done -> closed
 * Side exit: new | triaged | planned | matched -> rejected.
 * closed and rejected are final; once service has started (in_service,
 * done) a need is finished, not rejected.
 *
 * Response time of a move is the time from the event that brought the need
 * into `from` to the event of the move; a report gives per move the count,
 * the mean and the median. The median of n sorted values is read from a
 * window of at most two of them, so a store can fetch just that window. */
#ifndef LD_DOMAIN_NEEDFLOW_H
#define LD_DOMAIN_NEEDFLOW_H

#include <stddef.h>
#include <stdint.h>

enum need_status {
	NS_NEW,
	NS_TRIAGED,
	NS_PLANNED,
	NS_MATCHED,
	NS_IN_SERVICE,
	NS_DONE,
	NS_CLOSED,
	NS_REJECTED,
	NS__COUNT
};

/* The NULL-terminated list of status names, in enum order (for validators). */
extern const char *const need_status_names[];

/* API name of a status ("in_service"), or NULL if out of range. */
const char *need_status_name(enum need_status s);
/* Parse an API name; 0 and *out set, or -1 if unknown (or NULL). */
int need_status_parse(const char *name, enum need_status *out);
/* 1 if a need may move from `from` to `to` (same status: 0). */
int need_can_move(enum need_status from, enum need_status to);
/* 1 for closed and rejected. */
int need_status_final(enum need_status s);

/* Every legal move, main line first then the rejections, in a fixed order
 * (the rows of a response-time report). Returns how many were written
 * (at most max). */
struct need_move {
	enum need_status from, to;
};
int need_moves(struct need_move *out, int max);

/* The median of n sorted values sits in the window of `*take` (1 or 2)
 * values starting at `*offset` (0-based). n <= 0 gives take 0. */
void median_window(int64_t n, int64_t *offset, int *take);
/* The median from that window's values; 0 when n <= 0. */
double median_of_window(int64_t n, const int64_t *window);
/* The median of n sorted values (a convenience over the two above). */
double median_sorted(const int64_t *sorted, size_t n);

#endif
