/* t_audit.c - reading the audit log (issue 18): newest first, paged on the
 * cursor with no entry lost or repeated, the filters by user, entity,
 * action and date (China time), the name of each entry's user, and bad
 * filters refused naming the parameter. */
#include "tests.h"

#include <string.h>
#include <time.h>

/* Today in China time, moved by `days`, as YYYY-MM-DD. */
static const char *china_day(int days)
{
	time_t t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The ids of /audit`query` read page by page with `limit`, checking every
 * page is newest first and below the one before; NULL on a failure. */
static json_t *ids_paged(struct srv *s, const char *query, int limit, int *pages)
{
	json_t *ids = track_json(json_array());
	const char *cursor = NULL;
	long long last = -1;
	*pages = 0;
	for (;;) {
		struct resp *r = http(s, "GET", fmt("/api/v1/audit%s%slimit=%d%s%s", query, *query ? "&" : "?", limit,
						     cursor ? "&cursor=" : "", cursor ? cursor : ""),
				      s->admin, NULL);
		if (!EXPECT_STATUS(r, 200))
			return NULL;
		json_t *items = jget(r->json, "items");
		(*pages)++;
		CHECKR(r, json_array_size(items) <= (size_t)limit);
		for (size_t i = 0; i < json_array_size(items); i++) {
			long long id = jint(items, fmt("%zu.id", i));
			if (!CHECKM(last < 0 || id < last, "entry %lld after %lld: not newest first", id, last))
				return NULL;
			last = id;
			json_array_append_new(ids, json_integer(id));
		}
		cursor = jstr(r->json, "next_cursor");
		if (!cursor)
			return ids;
		cursor = fmt("%s", cursor);
		if (!CHECKM(*pages < 100, "paging does not end"))
			return NULL;
	}
}

/* The standard regions and a station in town 1 (-1 on a failure). */
static long long station(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return -1;
	return MK_ORG(s, s->admin, "Station", "social_work_station", w.town1, 0);
}

void t_audit_newest_first_paged_without_loss_or_repeat(struct srv *s)
{
	long long org = station(s);
	if (org < 0)
		return;
	long long made[23];
	for (int i = 0; i < 23; i++) {
		char idn[19];
		idnum_n(idn, 500 + i);
		made[i] = MK_PERSON(s, s->admin, fmt("Person %d", i), idn, NULL, org);
		if (made[i] < 0)
			return;
	}
	/* every entry, at several page sizes: the same ids in the same order */
	int pages;
	json_t *all = ids_paged(s, "", 200, &pages);
	if (!all)
		return;
	CHECKM(json_array_size(all) >= 25, "%zu entries", json_array_size(all));
	int sizes[] = {1, 4, 7, 23, 24};
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		json_t *got = ids_paged(s, "", sizes[k], &pages);
		if (!got)
			return;
		CHECKM(json_equal(got, all), "limit %d pages differ from one page", sizes[k]);
		CHECKM(pages >= (int)((json_array_size(all) + (size_t)sizes[k] - 1) / (size_t)sizes[k]),
		       "limit %d: %d pages", sizes[k], pages);
	}
	/* the people's creates, newest first: the last person first */
	json_t *ppl = ids_paged(s, "?entity=people&action=create", 5, &pages);
	if (!ppl || !CHECK_INT((long long)json_array_size(ppl), 23))
		return;
	CHECK_INT(pages, 5);
	struct resp *first = http(s, "GET", "/api/v1/audit?entity=people&limit=1", s->admin, NULL);
	if (EXPECT_STATUS(first, 200))
		CHECK_INT(jint(first->json, "items.0.entity_id"), made[22]);
	struct resp *last = http(s, "GET", fmt("/api/v1/audit?entity=people&cursor=%lld", (long long)json_integer_value(json_array_get(ppl, 21))), s->admin, NULL);
	if (EXPECT_STATUS(last, 200)) {
		CHECK_INT((long long)json_array_size(jget(last->json, "items")), 1);
		CHECK_INT(jint(last->json, "items.0.entity_id"), made[0]);
	}
	/* a new entry while paging lands above the cursor: the pages below
	 * neither repeat nor lose one */
	struct resp *p1 = http(s, "GET", "/api/v1/audit?entity=people&limit=10", s->admin, NULL);
	if (!EXPECT_STATUS(p1, 200))
		return;
	const char *cur = fmt("%s", jstr(p1->json, "next_cursor"));
	char idn[19];
	idnum_n(idn, 600);
	MK_PERSON(s, s->admin, "Late", idn, NULL, org);
	struct resp *rest = http(s, "GET", fmt("/api/v1/audit?entity=people&limit=100&cursor=%s", cur), s->admin, NULL);
	if (EXPECT_STATUS(rest, 200)) {
		CHECK_INT((long long)json_array_size(jget(rest->json, "items")), 13);
		CHECK_INT(jint(rest->json, "items.0.entity_id"), made[12]);
		CHECK_INT(jint(rest->json, "items.12.entity_id"), made[0]);
	}
}

void t_audit_filters_by_user_entity_action_and_date(struct srv *s)
{
	long long org = station(s);
	if (org < 0)
		return;
	char idn[19];
	idnum_n(idn, 700);
	long long staff_person = MK_PERSON(s, s->admin, "王小红", idn, NULL, org);
	long long staff = MK_USER(s, s->admin, "wangxh", staff_person,
				  fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org));
	const char *tok = LOGIN(s, "wangxh", USER_PASS);
	if (staff < 0 || !tok)
		return;
	idnum_n(idn, 701);
	long long p = MK_PERSON(s, tok, "李四", idn, NULL, org);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", p), tok, "{\"address\":\"幸福路1号\"}"), 200);

	/* by user: the staff member's login, create and update, each with the
	 * user's username and the person's name */
	json_t *mine = LIST_ALL(s, s->admin, fmt("/api/v1/audit?user_id=%lld", staff));
	if (!CHECK(mine != NULL))
		return;
	CHECK_INT((long long)json_array_size(mine), 3);
	size_t i;
	json_t *it;
	json_array_foreach(mine, i, it) {
		CHECK_INT(jint(it, "user_id"), staff);
		CHECK_STR(jstr(it, "username"), "wangxh");
		CHECK_STR(jstr(it, "user_name"), "王小红");
	}
	CHECK_STR(jstr(mine, "0.action"), "update");
	CHECK_STR(jstr(mine, "1.action"), "create");
	CHECK_STR(jstr(mine, "2.action"), "login");
	/* the admin has no person: a username and a null name */
	struct resp *r = http(s, "GET", fmt("/api/v1/audit?user_id=%lld&limit=1", s->admin_id), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, jstr(r->json, "items.0.username") != NULL);
		CHECKR(r, jisnull(r->json, "items.0.user_name"));
	}
	/* one entry by id has the same */
	r = http(s, "GET", fmt("/api/v1/audit/%lld", jint(mine, "0.id")), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "user_name"), "王小红");
		CHECK_STR(jstr(r->json, "before.address"), NULL);
		CHECK_STR(jstr(r->json, "after.address"), "幸福路1号");
	}

	/* by action and entity: each narrows, and together */
	long long creates = COUNT(s, "/api/v1/audit?action=create");
	long long people = COUNT(s, "/api/v1/audit?entity=people");
	long long all = COUNT(s, "/api/v1/audit");
	CHECKM(creates > 0 && creates < all, "create %lld of %lld", creates, all);
	CHECKM(people > 0 && people < all, "people %lld of %lld", people, all);
	CHECK_INT(COUNT(s, "/api/v1/audit?entity=people&action=update"), 1);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?entity=people&action=create&user_id=%lld", staff)), 1);
	CHECK_INT(COUNT(s, "/api/v1/audit?action=logout"), 0);
	/* every action the log holds is one the filter accepts, and selects
	 * only its own */
	json_t *every = LIST_ALL(s, s->admin, "/api/v1/audit");
	json_array_foreach(every, i, it) {
		const char *a = jstr(it, "action");
		json_t *same = LIST_ALL(s, s->admin, fmt("/api/v1/audit?action=%s", a));
		if (!CHECKM(same != NULL, "action %s refused", a))
			break;
		size_t k;
		json_t *x;
		json_array_foreach(same, k, x) CHECK_STR(jstr(x, "action"), a);
	}

	/* by date, China time, both ends taking the whole day */
	const char *today = china_day(0), *yesterday = china_day(-1), *tomorrow = china_day(1);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?from=%s&to=%s", today, today)), all);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?from=%s", today)), all);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?to=%s", today)), all);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?to=%s", yesterday)), 0);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?from=%s", tomorrow)), 0);
	CHECK_INT(COUNT(s, fmt("/api/v1/audit?from=%s&to=%s&entity=people&action=update", yesterday, tomorrow)), 1);
}

void t_audit_bad_filters_are_refused_naming_them(struct srv *s)
{
	struct {
		const char *query;
		long status;
		const char *field;
	} bad[] = {
		{"from=2026-13-01", 422, "from"},
		{"from=2026-02-30", 422, "from"},
		{"to=yesterday", 422, "to"},
		{"from=2026/12/01", 422, "from"},
		{"from=2026-12-02&to=2026-12-01", 422, "to"},
		{"action=frobnicate", 422, "action"},
		{"action=", 422, "action"},
		{"user_id=abc", 400, "user_id"},
		{"limit=0", 400, "limit"},
		{"cursor=-5", 400, "cursor"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(s, "GET", fmt("/api/v1/audit?%s", bad[i].query), s->admin, NULL), bad[i].status, NULL,
			   bad[i].field);
	/* the same day at both ends is a whole day, not an empty range */
	EXPECT_STATUS(http(s, "GET", "/api/v1/audit?from=2026-12-01&to=2026-12-01", s->admin, NULL), 200);
}
