/* t_orgs.c - regions and organisations: the region tree and its level and
 * code rules, subtree filters, org kinds and required fields, PATCH, and
 * cursor pagination. */
#include "tests.h"

#include <stdlib.h>
#include <string.h>

static bool ids_are(json_t *arr, const long long *want, size_t n)
{
	if (arr == NULL || json_array_size(arr) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (arr_find_id(arr, want[i]) == NULL)
			return false;
	return true;
}

#define CHECK_IDS(arr, ...) do { \
	const long long want_[] = {__VA_ARGS__}; \
	json_t *arr_ = (arr); \
	char *got_ = arr_ ? json_dumps(arr_, JSON_COMPACT) : NULL; \
	CHECKM(ids_are(arr_, want_, sizeof want_ / sizeof want_[0]), \
		"%s: wrong set of ids: %.600s", #arr, got_ ? got_ : "(null)"); \
	free(got_); \
} while (0)

void t_regions_tree_and_subtree_filters(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	struct resp *r = http(s, "GET", fmt("/api/v1/regions/%lld", w.d1), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "code"), "421002");
		CHECK_STR(jstr(r->json, "level"), "district");
		CHECK_INT(jint(r->json, "parent_id"), w.city);
	}
	r = http(s, "GET", fmt("/api/v1/regions/%lld", w.city), s->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, jisnull(r->json, "parent_id"));
	CHECK_IDS(LIST_ALL(s, s->admin, fmt("/api/v1/regions?region_id=%lld", w.d1)),
		w.d1, w.town1, w.comm1);
	CHECK_IDS(LIST_ALL(s, s->admin, fmt("/api/v1/regions?parent_id=%lld", w.city)),
		w.d1, w.d2);
	CHECK_IDS(LIST_ALL(s, s->admin, "/api/v1/regions?level=town"), w.town1, w.town2);

	long long a = MK_ORG(s, s->admin, "A", "social_work_station", w.town1, 0);
	long long a2 = MK_ORG(s, s->admin, "A2", "social_work_room", w.comm1, a);
	long long b = MK_ORG(s, s->admin, "B", "social_work_station", w.town2, 0);
	long long h = MK_ORG(s, s->admin, "Hub", "volunteer_hub", w.d1, 0);
	CHECK_IDS(LIST_ALL(s, s->admin, fmt("/api/v1/orgs?region_id=%lld", w.d1)), a, a2, h);
	CHECK_IDS(LIST_ALL(s, s->admin, fmt("/api/v1/orgs?region_id=%lld", w.city)), a, a2, b, h);
	CHECK_IDS(LIST_ALL(s, s->admin, fmt("/api/v1/orgs?parent_id=%lld", a)), a2);
	CHECK_IDS(LIST_ALL(s, s->admin, fmt("/api/v1/orgs?org_id=%lld", a)), a, a2);
	CHECK_IDS(LIST_ALL(s, s->admin, "/api/v1/orgs?kind=social_work_station"), a, b);
}

void t_region_level_and_code_rules(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long before = COUNT(s, "/api/v1/regions");
	struct resp *r = http(s, "POST", "/api/v1/regions", s->admin, fmt(
		"{\"code\":\"421002001002\",\"name\":\"x\",\"level\":\"district\",\"parent_id\":%lld}",
		w.comm1));
	if (EXPECT_ERR(r, 422, NULL, NULL)) {
		const char *f = jstr(r->json, "error.field");
		CHECKR(r, f != NULL && (strcmp(f, "level") == 0 || strcmp(f, "parent_id") == 0));
	}
	r = http(s, "POST", "/api/v1/regions", s->admin, fmt(
		"{\"code\":\"429000\",\"name\":\"x\",\"level\":\"city\",\"parent_id\":%lld}", w.city));
	if (EXPECT_ERR(r, 422, NULL, NULL)) {
		const char *f = jstr(r->json, "error.field");
		CHECKR(r, f != NULL && (strcmp(f, "level") == 0 || strcmp(f, "parent_id") == 0));
	}
	EXPECT_ERR(http(s, "POST", "/api/v1/regions", s->admin,
		"{\"code\":\"421004\",\"name\":\"x\",\"level\":\"district\",\"parent_id\":null}"),
		422, NULL, "parent_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/regions", s->admin, fmt(
		"{\"code\":\"421005\",\"name\":\"x\",\"level\":\"province\",\"parent_id\":%lld}", w.city)),
		422, "invalid_value", "level");
	EXPECT_ERR(http(s, "POST", "/api/v1/regions", s->admin, fmt(
		"{\"code\":\"421002\",\"name\":\"again\",\"level\":\"district\",\"parent_id\":%lld}",
		w.city)), 409, "duplicate", "code");
	EXPECT_ERR(http(s, "POST", "/api/v1/regions", s->admin, fmt(
		"{\"code\":\"42100\",\"name\":\"x\",\"level\":\"district\",\"parent_id\":%lld}", w.city)),
		422, "invalid_value", "code");
	EXPECT_ERR(http(s, "POST", "/api/v1/regions", s->admin, fmt(
		"{\"code\":\"42100A\",\"name\":\"x\",\"level\":\"district\",\"parent_id\":%lld}", w.city)),
		422, "invalid_value", "code");
	EXPECT_ERR(http(s, "POST", "/api/v1/regions", s->admin,
		"{\"code\":\"421006\",\"name\":\"x\",\"level\":\"district\",\"parent_id\":999999}"),
		422, NULL, "parent_id");
	CHECK_INT(COUNT(s, "/api/v1/regions"), before);
}

void t_orgs_kind_and_required_fields(struct srv *s)
{
	/* each kind at a level the network allows it (issue 15) */
	static const struct {
		const char *kind;
		int level;	/* 0 city .. 3 community */
	} kinds[] = {{"social_work_dept", 0}, {"social_work_station", 2}, {"social_work_room", 3},
		     {"sw_agency", 1}, {"volunteer_hub", 0}, {"volunteer_team", 3}, {"practice_center", 1},
		     {"practice_station", 3}, {"government", 0}, {"enterprise", 2}, {"school", 1}, {"other", 0}};
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long at[4] = {city, MK_REGION(s, "421002", "沙市区", "district", city), 0, 0};
	at[2] = MK_REGION(s, "421002001", "中山街道", "town", at[1]);
	at[3] = MK_REGION(s, "421002001001", "三眼井社区", "community", at[2]);
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(
		"{\"name\":\"X\",\"kind\":\"charity\",\"region_id\":%lld}", city)),
		422, "invalid_value", "kind");
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(
		"{\"kind\":\"other\",\"region_id\":%lld}", city)), 422, "required", "name");
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(
		"{\"name\":\"X\",\"region_id\":%lld}", city)), 422, "required", "kind");
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin,
		"{\"name\":\"X\",\"kind\":\"other\"}"), 422, "required", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin,
		"{\"name\":\"X\",\"kind\":\"other\",\"region_id\":999999}"), 422, NULL, "region_id");
	CHECK_INT(COUNT(s, "/api/v1/orgs"), 0);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct resp *r = http(s, "POST", "/api/v1/orgs", s->admin, fmt(
			"{\"name\":\"Org %zu\",\"kind\":\"%s\",\"region_id\":%lld,"
			"\"address\":\"1 Road\",\"phone\":\"13900000000\"}", i, kinds[i].kind, at[kinds[i].level]));
		if (EXPECT_STATUS(r, 201)) {
			CHECK_STR(jstr(r->json, "kind"), kinds[i].kind);
			CHECK_INT(jint(r->json, "region_id"), at[kinds[i].level]);
			CHECKR(r, jisnull(r->json, "parent_id"));
			CHECK_STR(jstr(r->json, "address"), "1 Road");
		}
	}
	CHECK_INT(COUNT(s, "/api/v1/orgs"), 12);
}

void t_regions_and_orgs_patch(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Old name", "other", city, 0);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/regions/%lld", city), s->admin,
		"{\"name\":\"荆州\"}"), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/regions/%lld", city), s->admin,
		"{\"name\":\"bad\",\"code\":\"12\"}"), 422, "invalid_value", "code");
	struct resp *r = http(s, "GET", fmt("/api/v1/regions/%lld", city), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "name"), "荆州");
		CHECK_STR(jstr(r->json, "code"), "421000");
	}
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/orgs/%lld", org), s->admin,
		"{\"name\":\"New name\"}"), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/orgs/%lld", org), s->admin,
		"{\"kind\":\"charity\"}"), 422, "invalid_value", "kind");
	r = http(s, "GET", fmt("/api/v1/orgs/%lld", org), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "name"), "New name");
		CHECK_STR(jstr(r->json, "kind"), "other");
	}
	EXPECT_ERR(http(s, "PATCH", "/api/v1/orgs/999999", s->admin, "{\"name\":\"x\"}"),
		404, "not_found", NULL);
}

void t_orgs_pagination_walks_every_item_once(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long ids[7];
	for (int i = 0; i < 7; i++)
		ids[i] = MK_ORG(s, s->admin, fmt("Team %d", i), "volunteer_team", city, 0);
	int seen[7] = {0}, pages = 0, total = 0;
	long long last = 0;
	const char *cursor = NULL;
	for (;;) {
		const char *url = cursor ? fmt("/api/v1/orgs?limit=3&cursor=%s", url_escape(cursor))
			: "/api/v1/orgs?limit=3";
		struct resp *r = http(s, "GET", url, s->admin, NULL);
		if (!EXPECT_STATUS(r, 200) || ++pages > 5)
			break;
		json_t *items = jget(r->json, "items");
		size_t i;
		json_t *it;
		CHECKR(r, json_array_size(items) == (pages < 3 ? 3u : 1u));
		json_array_foreach(items, i, it) {
			long long id = jint(it, "id");
			CHECKM(id > last, "ids not ascending: %lld after %lld", id, last);
			last = id;
			total++;
			for (int k = 0; k < 7; k++)
				seen[k] += ids[k] == id;
		}
		json_t *next = jget(r->json, "next_cursor");
		if (json_is_null(next))
			break;
		if (!CHECKR(r, json_is_string(next)))
			break;
		cursor = json_string_value(next);
	}
	CHECK_INT(pages, 3);
	CHECK_INT(total, 7);
	for (int k = 0; k < 7; k++)
		CHECKM(seen[k] == 1, "org %lld seen %d times", ids[k], seen[k]);
}

void t_bad_cursor_and_limit_are_400(struct srv *s)
{
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs?cursor=not-a-real-cursor%21%21", s->admin, NULL),
		400, "bad_request", "cursor");
	EXPECT_ERR(http(s, "GET", "/api/v1/people?cursor=%21%21bogus%21%21", s->admin, NULL),
		400, "bad_request", "cursor");
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs?limit=0", s->admin, NULL), 400, NULL, "limit");
	EXPECT_ERR(http(s, "GET", "/api/v1/orgs?limit=201", s->admin, NULL), 400, NULL, "limit");
	EXPECT_STATUS(http(s, "GET", "/api/v1/orgs?limit=200", s->admin, NULL), 200);
}

void t_lists_default_to_50_items(struct srv *s)
{
	for (int i = 0; i < 51; i++)
		if (MK_PERSON(s, s->admin, fmt("Many %02d", i), NULL, NULL, 0) < 0)
			return;
	struct resp *r = http(s, "GET", "/api/v1/people", s->admin, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECKR(r, json_array_size(jget(r->json, "items")) == 50);
	const char *next = jstr(r->json, "next_cursor");
	if (!CHECKR(r, next != NULL))
		return;
	r = http(s, "GET", fmt("/api/v1/people?cursor=%s", url_escape(next)), s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECKR(r, json_array_size(jget(r->json, "items")) == 1);
		CHECK_STR(jstr(r->json, "items.0.name"), "Many 50");
		CHECKR(r, jisnull(r->json, "next_cursor"));
	}
}

/* The three-level network holds (issue 15, domain/network.c): a kind only
 * at the levels it sits at, under parents of the kinds it may have and
 * inside the parent's region; an edit of an org's kind or region keeps its
 * children valid. Each refusal names the field and changes nothing. */
void t_network_places_orgs_by_level_and_parent(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long dept = MK_ORG(s, s->admin, "荆州市委社会工作部", "social_work_dept", w.city, 0);
	long long hub = MK_ORG(s, s->admin, "志愿服务联合会", "volunteer_hub", w.city, 0);
	long long st = MK_ORG(s, s->admin, "中山街道社工站", "social_work_station", w.town1, dept);
	long long room = MK_ORG(s, s->admin, "三眼井社区社工室", "social_work_room", w.comm1, st);
	long long team = MK_ORG(s, s->admin, "社工站志愿队", "volunteer_team", w.comm1, st);
	if (test_failures())
		return;
	long long n = COUNT(s, "/api/v1/orgs");
	const char *mk = "{\"name\":\"X\",\"kind\":\"%s\",\"region_id\":%lld,\"parent_id\":%lld}";
	/* the case: a community room at city level under a hub */
	struct resp *r = http(s, "POST", "/api/v1/orgs", s->admin, fmt(mk, "social_work_room", w.city, hub));
	EXPECT_ERR(r, 422, "invalid_value", "region_id");
	CHECKM(r->body && strstr(r->body, "community"), "the refusal says where a room sits: %s", r->body);
	r = http(s, "POST", "/api/v1/orgs", s->admin, fmt(mk, "social_work_room", w.comm1, hub));
	EXPECT_ERR(r, 422, "invalid_value", "parent_id");
	CHECKM(r->body && strstr(r->body, "social_work_station"), "the refusal names the parent kind: %s", r->body);
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(mk, "social_work_station", w.d1, dept)), 422,
		   "invalid_value", "region_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(mk, "social_work_station", w.town1, room)), 422,
		   "invalid_value", "parent_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(mk, "volunteer_team", w.town1, dept)), 422,
		   "invalid_value", "parent_id");
	/* inside the parent's region: a room of town 1's station in town 2 */
	long long comm2 = MK_REGION(s, "421003001001", "西城社区", "community", w.town2);
	EXPECT_ERR(http(s, "POST", "/api/v1/orgs", s->admin, fmt(mk, "social_work_room", comm2, st)), 422,
		   "invalid_value", "region_id");
	CHECK_INT(COUNT(s, "/api/v1/orgs"), n);
	/* edits: a room moved up to the town, a station moved away from its
	 * room, a station turned into a hub with a room under it */
	const char *org_st = fmt("/api/v1/orgs/%lld", st), *org_room = fmt("/api/v1/orgs/%lld", room);
	EXPECT_ERR(http(s, "PATCH", org_room, s->admin, fmt("{\"region_id\":%lld}", w.town1)), 422, "invalid_value",
		   "region_id");
	EXPECT_ERR(http(s, "PATCH", org_st, s->admin, fmt("{\"region_id\":%lld}", w.town2)), 422, "invalid_value",
		   "region_id");
	r = http(s, "PATCH", org_st, s->admin, "{\"kind\":\"volunteer_hub\"}");
	EXPECT_ERR(r, 422, "invalid_value", "kind");
	CHECKM(r->body && strstr(r->body, "三眼井社区社工室"), "the refusal names the child: %s", r->body);
	EXPECT_ERR(http(s, "PATCH", org_st, s->admin, "{\"kind\":\"social_work_room\"}"), 422, "invalid_value", "kind");
	r = http(s, "GET", org_st, s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "kind"), "social_work_station");
		CHECK_INT(jint(r->json, "region_id"), w.town1);
	}
	/* what the table allows goes through: a room within its town, a team
	 * of the station moved to the town, a name edit */
	long long comm1b = MK_REGION(s, "421002001002", "园林社区", "community", w.town1);
	EXPECT_STATUS(http(s, "PATCH", org_room, s->admin, fmt("{\"region_id\":%lld}", comm1b)), 200);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/orgs/%lld", team), s->admin, fmt("{\"region_id\":%lld}", w.town1)),
		      200);
	EXPECT_STATUS(http(s, "PATCH", org_st, s->admin, "{\"name\":\"中山街道社会工作服务站\"}"), 200);
	CHECK_INT(COUNT(s, "/api/v1/orgs"), n);
	/* the table, for the forms */
	r = http(s, "GET", "/api/v1/org-kinds", s->admin, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *items = jget(r->json, "items");
		CHECK_INT((long long)json_array_size(items), 12);
		json_t *rk = json_array_get(items, 2);
		CHECK_STR(jstr(rk, "kind"), "social_work_room");
		CHECK_STR(jstr(rk, "name"), "社工室");
		CHECK_INT((long long)json_array_size(jget(rk, "levels")), 1);
		CHECK_STR(jstr(rk, "levels.0"), "community");
		CHECK_STR(jstr(rk, "parent_kinds.0"), "social_work_station");
		CHECK_INT((long long)json_array_size(jget(json_array_get(items, 11), "parent_kinds")), 12);
	}
	EXPECT_STATUS(http(s, "GET", "/api/v1/org-kinds", NULL, NULL), 401);
}
