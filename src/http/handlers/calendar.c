/* calendar.c - handlers for the holiday calendar (GET /calendar?year=, PUT
 * and DELETE /calendar/{date}) and the overdue list of records
 * (GET /service-records/overdue). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/limits.h"
#include "domain/timefmt.h"
#include "domain/workdays.h"
#include "http/handlers/handlers.h"

/* "YYYY-MM-DD" of a YYYYMMDD day. */
static const char *day_text(struct arena *a, int ymd)
{
	return arena_printf(a, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static json_t *day_json(struct arena *a, const struct calendar_row *d)
{
	return json_pack("{s:s,s:s,s:s}", "date", day_text(a, d->ymd), "kind", d->kind, "name", d->name);
}

void h_calendar_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int year = today_ymd(x->now) / 10000;
	const char *q = req_query(r, "year");
	if (q) {
		char *end;
		long v = strtol(q, &end, 10);
		if (strlen(q) != 4 || strspn(q, "0123456789") != 4 || *end) {
			reply_errc(r, ERR_INVALID, "year", "year must be a year such as 2026");
			return;
		}
		year = (int)v;
	}
	struct calendar_row *rows;
	int n;
	struct errinfo ei;
	if (svc_calendar_year(x, year, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, day_json(&r->arena, &rows[i]));
	reply_json(r, 200, json_pack("{s:i,s:o}", "year", year, "items", items));
}

void h_calendar_put(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in;
	struct calendar_row out;
	struct errinfo ei;
	if (decode_rec(r, x, &calendar_day_body, 0, &in))
		return;
	if (svc_calendar_put(x, r->path_seg, &in, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, day_json(&r->arena, &out));
}

void h_calendar_delete(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct errinfo ei;
	if (svc_calendar_delete(x, r->path_seg, &ei))
		reply_err(r, &ei);
	else
		reply_empty(r, 204);
}

void h_records_overdue(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t org_id = 0, limit = LIST_LIMIT_DEFAULT;
	if (query_int(r, "org_id", &org_id) < 0 || query_int(r, "limit", &limit) < 0)
		return;
	if (org_id < 0) {
		reply_errc(r, ERR_BAD_REQUEST, "org_id", "org_id must be a positive id");
		return;
	}
	if (limit < 1 || limit > LIST_LIMIT_MAX) {
		reply_errc(r, ERR_BAD_REQUEST, "limit", arena_printf(x->a, "limit must be from 1 to %d", LIST_LIMIT_MAX));
		return;
	}
	/* the keyset cursor: "due_at.id" of the last item of the page before */
	long long after_due = -1, after_id = 0;
	const char *cur = req_query(r, "cursor");
	if (cur) {
		int used = 0;
		if (sscanf(cur, "%lld.%lld%n", &after_due, &after_id, &used) != 2 || (size_t)used != strlen(cur) ||
		    after_due < 0 || after_id < 1 || !isdigit((unsigned char)cur[0])) {
			reply_errc(r, ERR_BAD_REQUEST, "cursor", "cursor is not one this server gave");
			return;
		}
	}
	struct due_record *rows;
	int n;
	struct errinfo ei;
	if (svc_records_overdue(x, org_id, after_due, after_id, (int)limit + 1, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *next = n > limit ? json_string(arena_printf(&r->arena, "%lld.%lld", (long long)rows[limit - 1].due_at,
							    (long long)rows[limit - 1].id))
				 : json_null();
	if (n > limit)
		n = (int)limit;
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		const struct due_record *d = &rows[i];
		char s[32], e[32], due[32];
		time_format(d->starts_at, s);
		time_format(d->ends_at, e);
		time_format(d->due_at, due);
		json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)d->id, "volunteer_id",
				      (json_int_t)d->volunteer_id, "volunteer_name", d->volunteer_name, "org_id",
				      (json_int_t)d->org_id, "org_name", d->org_name, "content", d->content, "starts_at", s,
				      "ends_at", e, "due_at", due, "state", d->state);
		json_object_set_new(o, "activity_id", d->activity_id ? json_integer(d->activity_id) : json_null());
		json_array_append_new(items, o);
	}
	reply_json(r, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next));
}
