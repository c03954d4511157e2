/* calendar_store.h - the holiday calendar (table calendar_days, migration
 * 009_calendar.sql) and the records due for verification, read by the
 * working-day rules (store/calendar_store.c). Same conventions as store.h:
 * enum err, strings in the arena. */
#ifndef LD_STORE_CALENDAR_STORE_H
#define LD_STORE_CALENDAR_STORE_H

#include "model/rows.h"
#include "store/store.h"

/* The calendar days from first to last (YYYYMMDD, both included), by date:
 * one range of the primary key. At most `max` rows. */
enum err store_calendar_range(struct store_conn *c, int first, int last, int max, struct calendar_row **rows,
			      int *n, struct arena *a);
/* Write a day (insert, or replace its kind and name). */
enum err store_calendar_put(struct store_conn *c, int ymd, const char *kind, const char *name);
/* Remove a day; ERR_NOT_FOUND when the calendar has none. */
enum err store_calendar_delete(struct store_conn *c, int ymd);

/* Records still 'recorded' due at or before `due_by`, in the orgs the read
 * scope `sc` sees through its org and region bindings (never the caller's
 * own records as a volunteer) and, when org_id is not 0, in that org's
 * subtree; by due_at, then id; at most `limit`. */
enum err store_records_due(struct store_conn *c, const struct scope *sc, int64_t org_id, int64_t due_by,
			   int64_t after_due, int64_t after_id, int limit, struct due_record **rows, int *n,
			   struct arena *a);

/* One record whose due date a calendar edit may move. */
struct due_anchor {
	int64_t id, anchor, created_at;
};
/* Records still 'recorded' whose due window holds the moment `day_start`
 * (the start of a local day): counted from the end of their shift (a
 * check-out's), else of their activity, else their own ends_at (what
 * ledger_stamp was given), ending at or before day_start and due at or
 * after it; by id after `after_id`, at most `max`. */
enum err store_records_due_over(struct store_conn *c, int64_t day_start, int64_t after_id, int max,
				struct due_anchor **rows, int *n, struct arena *a);
/* Set a record's due date and late flag. */
enum err store_record_set_due(struct store_conn *c, int64_t id, int64_t due_at, int late);

#endif
