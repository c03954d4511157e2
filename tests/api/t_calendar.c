/* t_calendar.c - the holiday calendar (GET /calendar, PUT and DELETE
 * /calendar/{date}), the due dates it gives service records, and the
 * overdue list (GET /service-records/overdue). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "svc_world.h"

/* The item of `items` for date, or NULL. */
static json_t *day_of(json_t *items, const char *date)
{
	for (size_t i = 0; i < json_array_size(items); i++) {
		const char *d = jstr(json_array_get(items, i), "date");
		if (d && strcmp(d, date) == 0)
			return json_array_get(items, i);
	}
	return NULL;
}

static json_t *year_items(struct srv *srv, const char *tok, int year)
{
	struct resp *r = http(srv, "GET", fmt("/api/v1/calendar?year=%d", year), tok, NULL);
	EXPECT_STATUS(r, 200);
	return jget(r->json, "items");
}

static void check_day(json_t *items, const char *date, const char *kind, const char *name)
{
	json_t *d = day_of(items, date);
	if (!CHECKM(d != NULL, "the calendar has no %s", date))
		return;
	CHECK_STR(jstr(d, "kind"), kind);
	CHECK_STR(jstr(d, "name"), name);
}

/* The shipped notices, read by anyone signed in; a bad year is 422. */
void t_calendar_ships_the_state_council_notices(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	json_t *y2025 = year_items(srv, s.vtok[0], 2025);
	CHECK_INT((long long)json_array_size(y2025), 33);
	check_day(y2025, "2025-09-28", "workday", "国庆节、中秋节调休上班");
	check_day(y2025, "2025-10-01", "holiday", "国庆节、中秋节");
	check_day(y2025, "2025-10-08", "holiday", "国庆节、中秋节");
	check_day(y2025, "2025-10-11", "workday", "国庆节、中秋节调休上班");
	CHECKM(day_of(y2025, "2025-10-09") == NULL, "10-09 is a plain working day");
	/* by date, each day once */
	for (size_t i = 1; i < json_array_size(y2025); i++)
		CHECKM(strcmp(jstr(json_array_get(y2025, i - 1), "date"), jstr(json_array_get(y2025, i), "date")) < 0,
		       "items not in date order at %zu", i);
	json_t *y2026 = year_items(srv, s.staff, 2026);
	CHECK_INT((long long)json_array_size(y2026), 39);
	check_day(y2026, "2026-01-04", "workday", "元旦调休上班");
	check_day(y2026, "2026-02-14", "workday", "春节调休上班");
	check_day(y2026, "2026-02-23", "holiday", "春节");
	check_day(y2026, "2026-02-28", "workday", "春节调休上班");
	check_day(y2026, "2026-05-09", "workday", "劳动节调休上班");
	check_day(y2026, "2026-09-20", "workday", "国庆节调休上班");
	check_day(y2026, "2026-10-10", "workday", "国庆节调休上班");
	/* every year from 2020: 2020's Spring Festival as extended */
	for (int y = 2020; y <= 2026; y++)
		CHECKM(json_array_size(year_items(srv, srv->admin, y)) >= 25, "year %d is not shipped", y);
	json_t *y2020 = year_items(srv, srv->admin, 2020);
	check_day(y2020, "2020-02-01", "holiday", "春节");
	check_day(y2020, "2020-01-19", "workday", "春节调休上班");
	/* the 2023 notice's New Year starts in 2022 */
	check_day(year_items(srv, srv->admin, 2022), "2022-12-31", "holiday", "元旦");
	/* a year without a notice is empty, not an error */
	CHECK_INT((long long)json_array_size(year_items(srv, srv->admin, 2040)), 0);
	/* the year asked for, by default this one */
	struct resp *r = http(srv, "GET", "/api/v1/calendar", s.vtok[0], NULL);
	EXPECT_STATUS(r, 200);
	CHECK_INT(jint(r->json, "year"), this_year());
	EXPECT_ERR(http(srv, "GET", "/api/v1/calendar?year=abc", s.staff, NULL), 422, "invalid_value", "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/calendar?year=1999", s.staff, NULL), 422, "invalid_value", "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/calendar?year=20251", s.staff, NULL), 422, "invalid_value", "year");
	EXPECT_ERR(http(srv, "GET", "/api/v1/calendar?year=", s.staff, NULL), 422, "invalid_value", "year");
	EXPECT_STATUS(http(srv, "GET", "/api/v1/calendar?year=2025", NULL, NULL), 401);
}

/* Platform admins write days (audited); anyone else is 403; bad input is
 * 422 naming the field and changes nothing. */
void t_calendar_admin_writes_and_bad_input_changes_nothing(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	const char *day = "/api/v1/calendar/2030-03-04";
	struct resp *r = http(srv, "PUT", day, srv->admin, "{\"kind\":\"holiday\",\"name\":\"测试假日\"}");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "date"), "2030-03-04");
		CHECK_STR(jstr(r->json, "kind"), "holiday");
		CHECK_STR(jstr(r->json, "name"), "测试假日");
	}
	r = http(srv, "PUT", day, srv->admin, "{\"kind\":\"workday\",\"name\":\"改为上班\"}");
	EXPECT_STATUS(r, 200);
	/* not an admin */
	EXPECT_ERR(http(srv, "PUT", day, s.staff, "{\"kind\":\"holiday\",\"name\":\"x\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "PUT", day, s.vtok[0], "{\"kind\":\"holiday\",\"name\":\"x\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "DELETE", day, s.staff, NULL), 403, "forbidden", NULL);
	EXPECT_STATUS(http(srv, "PUT", day, NULL, "{\"kind\":\"holiday\",\"name\":\"x\"}"), 401);
	/* bad input */
	const char *ok = "{\"kind\":\"holiday\",\"name\":\"x\"}";
	EXPECT_ERR(http(srv, "PUT", "/api/v1/calendar/2030-02-30", srv->admin, ok), 422, "invalid_value", "date");
	EXPECT_ERR(http(srv, "PUT", "/api/v1/calendar/20300304", srv->admin, ok), 422, "invalid_value", "date");
	EXPECT_ERR(http(srv, "PUT", "/api/v1/calendar/today", srv->admin, ok), 422, "invalid_value", "date");
	EXPECT_ERR(http(srv, "PUT", "/api/v1/calendar/1999-12-31", srv->admin, ok), 422, "invalid_value", "date");
	EXPECT_ERR(http(srv, "DELETE", "/api/v1/calendar/2030-13-01", srv->admin, NULL), 422, "invalid_value", "date");
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, "{\"kind\":\"off\",\"name\":\"x\"}"), 422, "invalid_value", "kind");
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, "{\"name\":\"x\"}"), 422, "required", "kind");
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, "{\"kind\":\"holiday\"}"), 422, "required", "name");
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, "{\"kind\":\"holiday\",\"name\":\"\"}"), 422, "invalid_value", "name");
	char longname[160] = "";
	for (size_t i = 0; i < 51; i++) /* 51 characters of 3 bytes */
		memcpy(longname + 3 * i, "假", 3);
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, fmt("{\"kind\":\"holiday\",\"name\":\"%s\"}", longname)), 422,
		   "invalid_value", "name");
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, "{\"kind\":\"holiday\",\"name\":\"x\",\"date\":\"2030-03-05\"}"),
		   422, "read_only", "date");
	EXPECT_ERR(http(srv, "PUT", day, srv->admin, "{\"kind\":\"holiday\",\"name\":\"x\",\"colour\":1}"), 400, NULL,
		   "colour");
	/* none of it changed the day */
	json_t *items = year_items(srv, s.vtok[0], 2030);
	CHECK_INT((long long)json_array_size(items), 1);
	check_day(items, "2030-03-04", "workday", "改为上班");
	/* delete, then it is gone; a second delete is 404 */
	EXPECT_STATUS(http(srv, "DELETE", day, srv->admin, NULL), 204);
	CHECK_INT((long long)json_array_size(year_items(srv, s.staff, 2030)), 0);
	EXPECT_ERR(http(srv, "DELETE", day, srv->admin, NULL), 404, "not_found", "date");
	/* a shipped day can be taken back */
	EXPECT_STATUS(http(srv, "DELETE", "/api/v1/calendar/2026-10-10", srv->admin, NULL), 204);
	CHECKM(day_of(year_items(srv, s.staff, 2026), "2026-10-10") == NULL, "2026-10-10 still there");
	/* audited: create, update, delete (newest first) */
	json_t *audit = LIST_ALL(srv, srv->admin, "/api/v1/audit?entity=calendar&entity_id=20300304");
	if (CHECKM(audit && json_array_size(audit) == 3, "want 3 audit entries for the day, got %zu",
		   audit ? json_array_size(audit) : 0)) {
		CHECK_STR(jstr(json_array_get(audit, 0), "action"), "delete");
		CHECK_STR(jstr(json_array_get(audit, 1), "action"), "update");
		CHECK_STR(jstr(json_array_get(audit, 2), "action"), "create");
	}
}

/* A manual record of volunteer v of the station ending at `end`; returns
 * its id and gives its due_at and late. */
static long long record_ending(struct srv *srv, struct svc *s, const char *start, const char *end, const char **due,
			       int *late)
{
	struct resp *r = http(srv, "POST", "/api/v1/service-records", s->staff,
			      fmt("{\"volunteer_id\":%lld,\"content\":\"入户探访\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
				  "\"person_in_charge\":\"李社工\"}",
				  s->vol[0], start, end));
	if (!EXPECT_STATUS(r, 201))
		return -1;
	*due = jstr(r->json, "due_at");
	json_t *l = jget(r->json, "late");
	*late = json_is_true(l);
	return jint(r->json, "id");
}

static void check_due(struct srv *srv, struct svc *s, const char *start, const char *end, const char *want)
{
	const char *due = NULL;
	int late;
	if (record_ending(srv, s, start, end, &due, &late) > 0)
		CHECKM(due && strcmp(due, want) == 0, "a record ending %s is due %s, want %s", end, due ? due : "(none)",
		       want);
}

/* Due 10 working days after the activity's end, as China counts them:
 * across National Day 2025, Spring Festival 2026, a make-up Saturday, and
 * the calendar as an admin edits it. */
void t_record_due_dates_follow_the_holiday_calendar(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	const char *due = NULL;
	int late = 0;
	/* issue 12: 1 October was due 15 October; the holiday runs to 10-08,
	 * 10-11 (Saturday) is worked: 10/9, 10/10, 10/11, 10/13-17, 10/20, 10/21 */
	if (record_ending(srv, &s, "2025-10-01T08:00:00+08:00", "2025-10-01T10:00:00+08:00", &due, &late) > 0) {
		CHECK_STR(due, "2025-10-21T23:59:59+08:00");
		CHECKM(late, "recorded long after its due date: late");
	}
	/* Spring Festival 2026: 2/14 Sat worked, 2/15-23 off, 2/28 Sat worked */
	check_due(srv, &s, "2026-02-13T14:00:00+08:00", "2026-02-13T16:00:00+08:00", "2026-03-05T23:59:59+08:00");
	/* Labour Day 2026: 5/9 Saturday counts (weekends alone would give 5/22) */
	check_due(srv, &s, "2026-05-08T15:00:00+08:00", "2026-05-08T18:00:00+08:00", "2026-05-21T23:59:59+08:00");
	/* an hour ago: not late */
	if (record_ending(srv, &s, at(-3 * 3600), at(-3600), &due, &late) > 0)
		CHECKM(!late, "a record made at once is not late");
	/* a plain fortnight, then the admin's edits count: a Wednesday off
	 * moves it a day, a Saturday worked moves it back */
	const char *start = "2026-11-20T09:00:00+08:00", *end = "2026-11-20T12:00:00+08:00";
	check_due(srv, &s, start, end, "2026-12-04T23:59:59+08:00");
	EXPECT_STATUS(http(srv, "PUT", "/api/v1/calendar/2026-11-25", srv->admin, "{\"kind\":\"holiday\",\"name\":\"停工\"}"),
		      200);
	check_due(srv, &s, start, end, "2026-12-07T23:59:59+08:00");
	EXPECT_STATUS(http(srv, "PUT", "/api/v1/calendar/2026-11-28", srv->admin, "{\"kind\":\"workday\",\"name\":\"补班\"}"),
		      200);
	check_due(srv, &s, start, end, "2026-12-04T23:59:59+08:00");
}

/* China's local date `days` from today, as "YYYY-MM-DD". */
static const char *local_date(int days)
{
	time_t t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static json_t *overdue(struct srv *srv, const char *tok, const char *query)
{
	struct resp *r = http(srv, "GET", fmt("/api/v1/service-records/overdue%s", query), tok, NULL);
	EXPECT_STATUS(r, 200);
	return jget(r->json, "items");
}

/* Every day worked for the test, so due dates are plain day counts: a
 * record ending k days ago is due at the end of day 10 - k from today. */
void t_overdue_list_due_soon_and_overdue_for_staff(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	for (int d = -30; d <= 15; d++)
		EXPECT_STATUS(http(srv, "PUT", fmt("/api/v1/calendar/%s", local_date(d)), srv->admin,
				   "{\"kind\":\"workday\",\"name\":\"测试\"}"), 200);
	if (test_failures())
		return;
	const char *due;
	int late;
	/* ended k days ago: due in 10 - k days */
	long long ago15 = record_ending(srv, &s, at(-15 * 86400 - 3600), at(-15 * 86400), &due, &late);	/* overdue */
	long long ago11 = record_ending(srv, &s, at(-11 * 86400 - 3600), at(-11 * 86400), &due, &late);	/* overdue */
	long long ago8 = record_ending(srv, &s, at(-8 * 86400 - 3600), at(-8 * 86400), &due, &late);	/* in 2 days */
	long long ago7 = record_ending(srv, &s, at(-7 * 86400 - 3600), at(-7 * 86400), &due, &late);	/* in 3: soon */
	long long ago6 = record_ending(srv, &s, at(-6 * 86400 - 3600), at(-6 * 86400), &due, &late);	/* in 4: not yet */
	long long verified = record_ending(srv, &s, at(-20 * 86400 - 3600), at(-20 * 86400), &due, &late);
	long long voided = record_ending(srv, &s, at(-20 * 86400 - 3600), at(-20 * 86400), &due, &late);
	/* verified by another of the station's staff than the recorder */
	MK_USER(srv, srv->admin, "verifier", 0, fmt("[{\"role\":\"supervisor\",\"org_id\":%lld}]", s.org));
	const char *vtok = LOGIN(srv, "verifier", USER_PASS);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", verified), vtok, NULL), 200);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/void", voided), s.staff, "{\"reason\":\"重复\"}"),
		      200);
	if (test_failures())
		return;
	json_t *items = overdue(srv, s.staff, fmt("?org_id=%lld", s.org));
	long long want[] = {ago15, ago11, ago8, ago7};
	const char *state[] = {"overdue", "overdue", "due_soon", "due_soon"};
	if (CHECKM(json_array_size(items) == 4, "want 4 records on the list, got %zu", json_array_size(items))) {
		for (int i = 0; i < 4; i++) {
			json_t *it = json_array_get(items, (size_t)i);
			CHECK_INT(jint(it, "id"), want[i]);
			CHECK_STR(jstr(it, "state"), state[i]);
			CHECK_STR(jstr(it, "volunteer_name"), "志愿者0");
			CHECK_STR(jstr(it, "org_name"), "中山街道社工站");
			CHECK_INT(jint(it, "org_id"), s.org);
			CHECK(jstr(it, "due_at") && jisnull(it, "activity_id"));
		}
		CHECK_STR(jstr(json_array_get(items, 2), "due_at"), fmt("%sT23:59:59+08:00", local_date(2)));
		CHECK_STR(jstr(json_array_get(items, 3), "due_at"), fmt("%sT23:59:59+08:00", local_date(3)));
	}
	(void)ago6;
	/* the same without org_id (the caller's orgs), for the admin, and
	 * limited */
	CHECK_INT((long long)json_array_size(overdue(srv, s.staff, "")), 4);
	CHECK_INT((long long)json_array_size(overdue(srv, srv->admin, "")), 4);
	json_t *one = overdue(srv, s.staff, "?limit=1");
	CHECK_INT(jint(json_array_get(one, 0), "id"), ago15);
	CHECK_INT((long long)json_array_size(one), 1);
	/* another org's staff see none of it, and may not ask for this org */
	long long other = MK_ORG(srv, srv->admin, "另一社工站", "social_work_station", s.w.town2, 0);
	MK_USER(srv, srv->admin, "other", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", other));
	const char *otok = LOGIN(srv, "other", USER_PASS);
	CHECK_INT((long long)json_array_size(overdue(srv, otok, "")), 0);
	CHECK_INT((long long)json_array_size(overdue(srv, otok, fmt("?org_id=%lld", other))), 0);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/service-records/overdue?org_id=%lld", s.org), otok, NULL), 403,
		   "forbidden", "org_id");
	/* a volunteer is not staff */
	EXPECT_ERR(http(srv, "GET", "/api/v1/service-records/overdue", s.vtok[0], NULL), 403, "forbidden", NULL);
	/* bad parameters */
	EXPECT_ERR(http(srv, "GET", "/api/v1/service-records/overdue?org_id=999999", s.staff, NULL), 422, "invalid_value",
		   "org_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/service-records/overdue?org_id=x", s.staff, NULL), 400, NULL, "org_id");
	EXPECT_ERR(http(srv, "GET", "/api/v1/service-records/overdue?limit=0", s.staff, NULL), 400, NULL, "limit");
	EXPECT_STATUS(http(srv, "GET", "/api/v1/service-records/overdue", NULL, NULL), 401);
	/* verified, it leaves the list */
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", ago15), vtok, NULL), 200);
	items = overdue(srv, s.staff, fmt("?org_id=%lld", s.org));
	CHECK_INT((long long)json_array_size(items), 3);
	CHECK_INT(jint(json_array_get(items, 0), "id"), ago11);
}

/* The overdue list pages by (due_at, id) with next_cursor, like every
 * list: records due the same day come by id, no page repeats or skips one. */
void t_overdue_list_pages_with_a_keyset_cursor(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	const char *due;
	int late;
	long long want[5];
	/* three ending 15 days ago (one due date), two 12 days ago */
	for (int i = 0; i < 5; i++) {
		int64_t end = (i < 3 ? -15 : -12) * 86400 + i * 60;
		want[i] = record_ending(srv, &s, at(end - 3600), at(end), &due, &late);
	}
	if (test_failures())
		return;
	long long got[8];
	int n = 0, pages = 0;
	const char *cursor = NULL;
	do {
		struct resp *r = http(srv, "GET", fmt("/api/v1/service-records/overdue?limit=2%s%s", cursor ? "&cursor=" : "",
						       cursor ? url_escape(cursor) : ""), s.staff, NULL);
		if (!EXPECT_STATUS(r, 200))
			return;
		json_t *items = jget(r->json, "items");
		for (size_t i = 0; i < json_array_size(items) && n < 8; i++)
			got[n++] = jint(json_array_get(items, i), "id");
		cursor = jstr(r->json, "next_cursor");
		cursor = cursor ? track(strdup(cursor), free) : NULL;
		CHECKM(cursor || jisnull(r->json, "next_cursor"), "next_cursor is a string or null");
	} while (cursor && ++pages < 5);
	CHECK_INT(n, 5);
	for (int i = 0; i < n && i < 5; i++)
		CHECK_INT(got[i], want[i]);
	const char *bad[] = {"x", "1", "1.", ".1", "-1.5", "1.0", "1.2x", "1.2.3"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(srv, "GET", fmt("/api/v1/service-records/overdue?cursor=%s", bad[i]), s.staff, NULL), 400,
			   NULL, "cursor");
}

static void set_day(struct srv *srv, int days, const char *kind)
{
	EXPECT_STATUS(http(srv, "PUT", fmt("/api/v1/calendar/%s", local_date(days)), srv->admin,
			   fmt("{\"kind\":\"%s\",\"name\":\"测试\"}", kind)), 200);
}

static void check_record_due(struct srv *srv, const char *tok, long long id, int days, bool late)
{
	struct resp *r = http(srv, "GET", fmt("/api/v1/service-records/%lld", id), tok, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_STR(jstr(r->json, "due_at"), fmt("%sT23:59:59+08:00", local_date(days)));
	CHECKM(json_is_true(jget(r->json, "late")) == late, "record %lld: late should be %d", id, late);
}

/* Local noon `days` from today (UTC+8), and an hour before it: a
 * record's local end day must not depend on the hour the test runs at
 * (30 minutes ago is yesterday just after midnight). */
static const char *local_at(int days, int hh)
{
	return fmt("%sT%02d:00:00+08:00", local_date(days), hh);
}

static long long record_on_day(struct srv *srv, struct svc *s, int days)
{
	const char *due;
	int late;
	return record_ending(srv, s, local_at(days, 11), local_at(days, 12), &due, &late);
}

/* A platform admin's edit of a day moves the due date (and late flag) of
 * the open records whose due window holds it, in the same write; verified
 * records and records ending after the day keep theirs. */
void t_calendar_edit_moves_open_records_due_dates(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 1))
		return;
	for (int d = -30; d <= 30; d++)
		set_day(srv, d, "workday");
	if (test_failures())
		return;
	/* every day worked: ended on day -k, due at the end of day 10 - k */
	long long open3 = record_on_day(srv, &s, -3);
	long long open12 = record_on_day(srv, &s, -12);
	long long done = record_on_day(srv, &s, -3);
	long long later = record_on_day(srv, &s, -1);
	MK_USER(srv, srv->admin, "verifier", 0, fmt("[{\"role\":\"supervisor\",\"org_id\":%lld}]", s.org));
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", done),
			   LOGIN(srv, "verifier", USER_PASS), NULL), 200);
	if (test_failures())
		return;
	check_record_due(srv, s.staff, open3, 7, false);
	check_record_due(srv, s.staff, open12, -2, true);
	/* a holiday the day before yesterday: inside open3's window, not
	 * after later's end */
	set_day(srv, -2, "holiday");
	check_record_due(srv, s.staff, open3, 8, false);
	check_record_due(srv, s.staff, done, 7, false);
	check_record_due(srv, s.staff, later, 9, false);
	/* two more holidays inside open12's window: due tomorrow, no longer
	 * late */
	set_day(srv, -5, "holiday");
	check_record_due(srv, s.staff, open12, 0, false);
	set_day(srv, -4, "holiday");
	check_record_due(srv, s.staff, open12, 1, false);
	/* worked again: back */
	set_day(srv, -2, "workday");
	check_record_due(srv, s.staff, open3, 7, false);
	/* the overdue list follows */
	struct resp *r = http(srv, "GET", "/api/v1/service-records/overdue", s.staff, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "items.0.state"), "due_soon");
}
