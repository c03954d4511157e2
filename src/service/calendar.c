/* calendar.c - the holiday calendar (the State Council's holidays and
 * make-up working days, table calendar_days) and what is counted in working
 * days with it: a record's due date (ledger_stamp) and the overdue list.
 *
 * The rule is domain/workdays.c's; this file reads the days it needs
 * (one range query) and keeps the calendar's writes to platform admins,
 * audited like every write. */
#include <string.h>

#include "domain/limits.h"
#include "domain/timefmt.h"
#include "domain/workdays.h"
#include "service/service.h"
#include "store/calendar_store.h"

/* The audit's name for a day ("calendar"), with no hooks. */
static const struct resource res_calendar = {.e = &calendar_day_body};

/* The most days one read takes: a year has at most 366. */
#define CAL_READ_MAX 400

static enum err read_days(struct ctx *x, int first, int last, struct calendar_row **rows, int *n,
			  struct errinfo *ei)
{
	enum err e = store_calendar_range(x->c, first, last, CAL_READ_MAX, rows, n, x->a);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

enum err svc_workcal(struct ctx *x, int64_t from, int days, struct workcal *cal, struct errinfo *ei)
{
	int first, last, n;
	struct calendar_row *rows;
	workdays_span(from, days, &first, &last);
	enum err e = read_days(x, first, last, &rows, &n, ei);
	if (e)
		return e;
	struct cal_day *d = arena_alloc(x->a, sizeof *d * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		d[i] = (struct cal_day){rows[i].ymd, cal_kind_parse(rows[i].kind) == CAL_WORKDAY ? CAL_WORKDAY
												: CAL_HOLIDAY};
	*cal = (struct workcal){d, n};
	return ERR_OK;
}

static int year_ok(int year)
{
	return year >= CALENDAR_YEAR_MIN && year <= CALENDAR_YEAR_MAX;
}

enum err svc_calendar_year(struct ctx *x, int year, struct calendar_row **rows, int *n, struct errinfo *ei)
{
	if (!year_ok(year))
		return err_setf(ei, ERR_INVALID, "year", "year must be from %d to %d", CALENDAR_YEAR_MIN,
				CALENDAR_YEAR_MAX);
	return read_days(x, year * 10000 + 101, year * 10000 + 1231, rows, n, ei);
}

/* The day of a path ("YYYY-MM-DD") as YYYYMMDD, or 422 naming "date". */
static enum err parse_day(const char *date, int *ymd, struct errinfo *ei)
{
	int y, m, d;
	if (!date || strlen(date) != 10 || date_parse(date, &y, &m, &d) || !year_ok(y))
		return err_setf(ei, ERR_INVALID, "date", "date must be a day YYYY-MM-DD of the years %d to %d",
				CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX);
	*ymd = y * 10000 + m * 100 + d;
	return ERR_OK;
}

static enum err admin_only(struct ctx *x, struct errinfo *ei)
{
	return access_platform(x->who) ? ERR_OK
				       : err_set(ei, ERR_FORBIDDEN, NULL, "only platform admins edit the holiday calendar");
}

/* The day as the audit keeps it (id YYYYMMDD), or NULL when absent. */
static struct rec *day_rec(struct ctx *x, const char *date, int ymd, const struct calendar_row *row)
{
	if (!row)
		return NULL;
	struct rec *r = arena_alloc(x->a, sizeof *r);
	rec_init(r, &calendar_day_body);
	r->id = ymd;
	rec_set_text(r, CALENDAR_DAY_DATE, date);
	rec_set_text(r, CALENDAR_DAY_KIND, row->kind);
	rec_set_text(r, CALENDAR_DAY_NAME, row->name);
	return r;
}

struct day_write {
	const char *date;
	int ymd;
	const struct calendar_row *put;	/* NULL: delete */
};

/* Records re-dated a batch at a time. */
#define REDUE_BATCH 500

/* After an edit of the day ymd: the records still 'recorded' whose due
 * window holds that day get their due date and late flag anew, under the
 * calendar as it now is (in the edit's transaction). */
static enum err redue(struct ctx *x, int ymd, struct errinfo *ei)
{
	int64_t day_start = civil_start(ymd / 10000, (unsigned)(ymd / 100 % 100), (unsigned)(ymd % 100));
	int64_t after = 0;
	for (;;) {
		struct due_anchor *rows;
		int n;
		enum err e = store_records_due_over(x->c, day_start, after, REDUE_BATCH, &rows, &n, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		for (int i = 0; i < n; i++) {
			struct workcal cal;
			if ((e = svc_workcal(x, rows[i].anchor, RECORD_DUE_WORKING_DAYS, &cal, ei)))
				return e;
			int64_t due = workdays_due(&cal, rows[i].anchor, RECORD_DUE_WORKING_DAYS);
			if ((e = store_record_set_due(x->c, rows[i].id, due, rows[i].created_at > due)))
				return err_set(ei, e, NULL, NULL);
		}
		if (n < REDUE_BATCH)
			return ERR_OK;
		after = rows[n - 1].id;
	}
}

static enum err do_day_write(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct day_write *w = arg;
	struct calendar_row *old;
	int n;
	enum err e = read_days(x, w->ymd, w->ymd, &old, &n, ei);
	if (e)
		return e;
	if (!w->put && !n)
		return err_setf(ei, ERR_NOT_FOUND, "date", "the calendar has no day %s", w->date);
	e = w->put ? store_calendar_put(x->c, w->ymd, w->put->kind, w->put->name) : store_calendar_delete(x->c, w->ymd);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if ((e = redue(x, w->ymd, ei)))
		return e;
	const char *action = !w->put ? "delete" : n ? "update" : "create";
	if ((e = svc_audit(x, action, &res_calendar, w->ymd, day_rec(x, w->date, w->ymd, n ? old : NULL),
			   day_rec(x, w->date, w->ymd, w->put))))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_calendar_put(struct ctx *x, const char *date, const struct rec *in, struct calendar_row *out,
			  struct errinfo *ei)
{
	struct day_write w = {date, 0, out};
	enum err e = admin_only(x, ei);
	if (!e)
		e = parse_day(date, &w.ymd, ei);
	if (e)
		return e;
	*out = (struct calendar_row){w.ymd, rec_text(in, CALENDAR_DAY_KIND), rec_text(in, CALENDAR_DAY_NAME)};
	return svc_tx(x, do_day_write, &w, ei);
}

enum err svc_calendar_delete(struct ctx *x, const char *date, struct errinfo *ei)
{
	struct day_write w = {date, 0, NULL};
	enum err e = admin_only(x, ei);
	if (!e)
		e = parse_day(date, &w.ymd, ei);
	return e ? e : svc_tx(x, do_day_write, &w, ei);
}

enum err svc_records_overdue(struct ctx *x, int64_t org_id, int64_t after_due, int64_t after_id, int limit,
			     struct due_record **rows, int *n, struct errinfo *ei)
{
	const struct principal *p = x->who;
	if (p && !access_platform(p) && !(p->role_mask & (ROLES_ORG_STAFF | RB(R_REGIONAL_ADMIN))))
		return err_set(ei, ERR_FORBIDDEN, NULL, "the overdue list is for the staff of orgs");
	enum err e;
	if (org_id) {
		const char *opath, *rpath;
		if ((e = org_paths(x, org_id, "org_id", &opath, &rpath, ei)))
			return e;
		if (!access_org(p, ROLES_ORG_STAFF, opath) && !access_region(p, rpath))
			return err_set(ei, ERR_FORBIDDEN, "org_id", "only the org's staff see its overdue records");
	}
	/* due_soon: due by the end of the third working day from today */
	struct workcal cal;
	if ((e = svc_workcal(x, x->now, RECORD_DUE_SOON_WORKING_DAYS, &cal, ei)))
		return e;
	int64_t soon = workdays_due(&cal, x->now, RECORD_DUE_SOON_WORKING_DAYS);
	struct scope sc = {.all = 1};
	if (p) {
		sc = p->scope;
		sc.self_person_id = sc.self_user_id = 0;
	}
	if ((e = store_records_due(x->c, &sc, org_id, soon, after_due, after_id, limit, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < *n; i++)
		(*rows)[i].state = (*rows)[i].due_at < x->now ? "overdue" : "due_soon";
	return ERR_OK;
}
