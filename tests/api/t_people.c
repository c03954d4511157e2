/* t_people.c - people: GB 11643 and field validation (table-driven, each
 * failure names its field and stores nothing), derived gender and birth
 * date, duplicates, phone normalisation, filters and PATCH. */
#include "tests.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct bad_case {
	const char *what;
	const char *body;
	long status;
	const char *code;	/* NULL: any code */
	const char *field;
};

void t_people_invalid_input_rejected_and_nothing_stored(struct srv *s)
{
	char good[19], feb30[19], future[19], badcheck[19], noprov[19], x[19];
	idnum(good, "421002", 1985, 6, 15, 123);
	idnum(feb30, "421002", 1990, 2, 30, 124);
	idnum(future, "421002", this_year() + 1, 1, 1, 125);
	idnum(noprov, "001002", 1985, 6, 15, 123);
	memcpy(badcheck, good, sizeof badcheck);
	badcheck[17] = good[17] == '0' ? '1' : '0';
	memcpy(x, good, sizeof x);
	x[6] = 'A';
	char skill41[42];
	memset(skill41, 's', 41);
	skill41[41] = '\0';
	const char *skills31 = "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\","
		"\"k\",\"l\",\"m\",\"n\",\"o\",\"p\",\"q\",\"r\",\"s\",\"t\",\"u\",\"v\","
		"\"w\",\"x\",\"y\",\"z\",\"aa\",\"bb\",\"cc\",\"dd\",\"ee\"]";

	const struct bad_case cases[] = {
		{"wrong check digit", fmt("{\"name\":\"A\",\"id_number\":\"%s\"}", badcheck),
			422, "invalid_value", "id_number"},
		{"Feb 30 with a right check digit", fmt("{\"name\":\"A\",\"id_number\":\"%s\"}", feb30),
			422, "invalid_value", "id_number"},
		{"birth date in the future", fmt("{\"name\":\"A\",\"id_number\":\"%s\"}", future),
			422, "invalid_value", "id_number"},
		{"17 characters", fmt("{\"name\":\"A\",\"id_number\":\"%.17s\"}", good),
			422, "invalid_value", "id_number"},
		{"no such province", fmt("{\"name\":\"A\",\"id_number\":\"%s\"}", noprov),
			422, "invalid_value", "id_number"},
		{"letter in the digits", fmt("{\"name\":\"A\",\"id_number\":\"%s\"}", x),
			422, "invalid_value", "id_number"},
		{"id_number of wrong type", "{\"name\":\"A\",\"id_number\":421002198506151234}",
			422, "invalid_value", "id_number"},
		{"bad phone", "{\"name\":\"A\",\"phone\":\"12345\"}", 422, "invalid_value", "phone"},
		{"landline-like phone", "{\"name\":\"A\",\"phone\":\"23800138000\"}",
			422, "invalid_value", "phone"},
		{"missing name", "{\"gender\":\"male\"}", 422, "required", "name"},
		{"empty body", "{}", 422, "required", "name"},
		{"unknown gender", "{\"name\":\"A\",\"gender\":\"x\"}", 422, "invalid_value", "gender"},
		{"name of wrong type", "{\"name\":5}", 422, "invalid_value", "name"},
		{"lat 91", "{\"name\":\"A\",\"lat\":91}", 422, "invalid_value", "lat"},
		{"lon -181", "{\"name\":\"A\",\"lon\":-181}", 422, "invalid_value", "lon"},
		{"gender disagrees with the ID",
			fmt("{\"name\":\"A\",\"id_number\":\"%s\",\"gender\":\"female\"}", good),
			422, NULL, "gender"},
		{"birth date disagrees with the ID",
			fmt("{\"name\":\"A\",\"id_number\":\"%s\",\"birth_date\":\"1985-06-16\"}", good),
			422, NULL, "birth_date"},
		{"impossible birth_date", "{\"name\":\"A\",\"birth_date\":\"1990-02-30\"}",
			422, "invalid_value", "birth_date"},
		{"skill over 40 characters", fmt("{\"name\":\"A\",\"skills\":[\"%s\"]}", skill41),
			422, "invalid_value", "skills"},
		{"31 skills", fmt("{\"name\":\"A\",\"skills\":%s}", skills31),
			422, "invalid_value", "skills"},
	};

	/* One stored person, so "nothing changed" is not just "still empty". */
	char keep[19];
	idnum(keep, "421002", 1970, 1, 1, 11);
	MK_PERSON(s, s->admin, "Keeper", keep, "13900000001", 0);
	long long before = COUNT(s, "/api/v1/people");
	CHECK_INT(before, 1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct bad_case *c = &cases[i];
		struct resp *r = http(s, "POST", "/api/v1/people", s->admin, c->body);
		if (!EXPECT_ERR(r, c->status, c->code, c->field))
			note("^ case: %s", c->what);
		long long now = COUNT(s, "/api/v1/people");
		CHECKM(now == before, "case \"%s\": people count %lld -> %lld", c->what, before, now);
	}
}

void t_people_create_derives_gender_and_birth_date(struct srv *s)
{
	char male[19], female[19];
	idnum(male, "421002", 1985, 6, 15, 123);
	idnum(female, "421003", 2000, 2, 29, 246);
	struct resp *r = http(s, "POST", "/api/v1/people", s->admin, fmt(
		"{\"name\":\"张伟\",\"id_number\":\"%s\",\"phone\":\"13800138000\","
		"\"address\":\"沙市区中山路1号\",\"lat\":30.3,\"lon\":112.25,"
		"\"skills\":[\"急救\",\"cooking\"]}", male));
	if (!EXPECT_STATUS(r, 201))
		return;
	long long id = jint(r->json, "id");
	CHECKR(r, id > 0);
	struct resp *g = http(s, "GET", fmt("/api/v1/people/%lld", id), s->admin, NULL);
	struct resp *both[] = {r, g};
	for (int i = 0; i < 2; i++) {
		json_t *p = both[i]->json;
		if (i == 1 && !EXPECT_STATUS(g, 200))
			break;
		CHECK_INT(jint(p, "id"), id);
		CHECK_STR(jstr(p, "name"), "张伟");
		CHECK_STR(jstr(p, "gender"), "male");
		/* Issue 13: masked for every role, the platform admin too, and the
		 * birth date reduced to the year (it would fill the ID back in). */
		CHECK_INT(jint(p, "birth_year"), 1985);
		CHECKR(both[i], jstr(p, "birth_date") == NULL);
		CHECKR(both[i], is_masked_id(jstr(p, "id_number"), male));
		CHECKR(both[i], is_masked_phone(jstr(p, "phone"), "13800138000"));
		CHECK_STR(jstr(p, "address"), "沙市区中山路1号");
		CHECK_STR(jstr(p, "skills.1"), "cooking");
		CHECKR(both[i], fabs(json_number_value(jget(p, "lat")) - 30.3) < 1e-9);
		CHECKR(both[i], jstr(p, "created_at") != NULL);
	}

	struct resp *f = http(s, "POST", "/api/v1/people", s->admin,
		fmt("{\"name\":\"李娜\",\"id_number\":\"%s\",\"gender\":\"female\"}", female));
	if (EXPECT_STATUS(f, 201)) {
		CHECK_STR(jstr(f->json, "gender"), "female");
		CHECK_INT(jint(f->json, "birth_year"), 2000);
	}
	/* Without an ID number, gender and birth date are taken as given. */
	struct resp *n = http(s, "POST", "/api/v1/people", s->admin,
		"{\"name\":\"No ID\",\"gender\":\"female\",\"birth_date\":\"1999-12-31\"}");
	if (EXPECT_STATUS(n, 201)) {
		CHECK_STR(jstr(n->json, "gender"), "female");
		CHECK_INT(jint(n->json, "birth_year"), 1999);
		CHECKR(n, jisnull(n->json, "id_number") || jget(n->json, "id_number") == NULL);
	}
	/* PATCH changes the name; a bad PATCH changes nothing. */
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", id), s->admin,
		"{\"name\":\"张伟伟\"}"), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/people/%lld", id), s->admin,
		"{\"name\":\"X\",\"phone\":\"123\"}"), 422, "invalid_value", "phone");
	g = http(s, "GET", fmt("/api/v1/people/%lld", id), s->admin, NULL);
	if (EXPECT_STATUS(g, 200)) {
		CHECK_STR(jstr(g->json, "name"), "张伟伟");
		CHECKR(g, is_masked_phone(jstr(g->json, "phone"), "13800138000"));
	}
	CHECK_INT(COUNT(s, "/api/v1/people?phone=13800138000"), 1);
}

void t_people_duplicate_id_number_is_409(struct srv *s)
{
	char idn[19];
	idnum(idn, "421002", 1988, 8, 8, 88);
	if (MK_PERSON(s, s->admin, "First", idn, NULL, 0) < 0)
		return;
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		fmt("{\"name\":\"Second\",\"id_number\":\"%s\"}", idn)), 409, "duplicate", "id_number");
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
	/* Nor may a PATCH take another person's number. */
	long long other = MK_PERSON(s, s->admin, "Other", NULL, NULL, 0);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/people/%lld", other), s->admin,
		fmt("{\"id_number\":\"%s\"}", idn)), 409, "duplicate", "id_number");
	json_t *hits = LIST_ALL(s, s->admin, fmt("/api/v1/people?id_number=%s", idn));
	if (CHECK(hits != NULL) && CHECK_INT((long long)json_array_size(hits), 1))
		CHECK_STR(jstr(hits, "0.name"), "First");
}

void t_people_lowercase_x_accepted_and_normalised(struct srv *s)
{
	char idn[19] = "";
	for (int seq = 1; seq < 1000; seq++) {
		idnum(idn, "421002", 1979, 3, 21, seq);
		if (idn[17] == 'X')
			break;
	}
	if (!CHECK(idn[17] == 'X'))
		return;
	char lower[19];
	memcpy(lower, idn, sizeof lower);
	lower[17] = 'x';
	struct resp *r = http(s, "POST", "/api/v1/people", s->admin,
		fmt("{\"name\":\"Lower X\",\"id_number\":\"%s\"}", lower));
	if (EXPECT_STATUS(r, 201))
		CHECKR(r, is_masked_id(jstr(r->json, "id_number"), idn));
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		fmt("{\"name\":\"Upper X\",\"id_number\":\"%s\"}", idn)), 409, "duplicate", "id_number");
	CHECK_INT(COUNT(s, "/api/v1/people"), 1);
	CHECK_INT(COUNT(s, fmt("/api/v1/people?id_number=%s", idn)), 1);
}

void t_people_phone_normalised(struct srv *s)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"+86 138 0013 8001", "13800138001"},
		{"138-0013-8002", "13800138002"},
		{"+8613800138003", "13800138003"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp *r = http(s, "POST", "/api/v1/people", s->admin,
			fmt("{\"name\":\"P%zu\",\"phone\":\"%s\"}", i, cases[i].in));
		if (EXPECT_STATUS(r, 201)) { /* masked (issue 13); the lookup hash matches the normal form */
			CHECKR(r, is_masked_phone(jstr(r->json, "phone"), cases[i].out));
			CHECK_INT(COUNT(s, fmt("/api/v1/people?phone=%s", cases[i].out)), 1);
		}
	}
	json_t *hit = LIST_ALL(s, s->admin, "/api/v1/people?phone=13800138002");
	if (CHECK(hit != NULL) && CHECK_INT((long long)json_array_size(hit), 1))
		CHECK_STR(jstr(hit, "0.name"), "P1");
}

void t_people_filters_by_name_region_and_org(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long a = MK_ORG(s, s->admin, "Station A", "social_work_station", w.town1, 0);
	long long a2 = MK_ORG(s, s->admin, "Room A2", "social_work_room", w.comm1, a);
	long long b = MK_ORG(s, s->admin, "Station B", "social_work_station", w.town2, 0);
	long long p1 = MK(s, s->admin, "/api/v1/people", fmt(
		"{\"name\":\"王小明\",\"region_id\":%lld,\"org_id\":%lld}", w.comm1, a2));
	long long p2 = MK(s, s->admin, "/api/v1/people", fmt(
		"{\"name\":\"王大力\",\"region_id\":%lld,\"org_id\":%lld}", w.town2, b));
	long long p3 = MK(s, s->admin, "/api/v1/people", fmt(
		"{\"name\":\"李四\",\"region_id\":%lld,\"org_id\":%lld}", w.d1, a));

	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/people?q=%s", url_escape("王")));
	if (CHECK(l != NULL)) {
		CHECK_INT((long long)json_array_size(l), 2);
		CHECK(arr_find_id(l, p1) && arr_find_id(l, p2) && !arr_find_id(l, p3));
	}
	l = LIST_ALL(s, s->admin, fmt("/api/v1/people?region_id=%lld", w.d1));
	if (CHECK(l != NULL))
		CHECK(arr_find_id(l, p1) && !arr_find_id(l, p2) && arr_find_id(l, p3));
	l = LIST_ALL(s, s->admin, fmt("/api/v1/people?org_id=%lld", a));
	if (CHECK(l != NULL))
		CHECK(arr_find_id(l, p1) && !arr_find_id(l, p2) && arr_find_id(l, p3));
	l = LIST_ALL(s, s->admin, fmt("/api/v1/people?org_id=%lld", b));
	if (CHECK(l != NULL))
		CHECK(!arr_find_id(l, p1) && arr_find_id(l, p2) && !arr_find_id(l, p3));
}
