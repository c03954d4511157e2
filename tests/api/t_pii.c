/* t_pii.c - issue 13: accounts for admins only, weak passwords refused,
 * personal data on a need-to-know basis (masked everywhere, revealed on
 * request with a reason, the person's own data in full). */
#include "tests.h"

#include <string.h>

/* Every /users route is for admins: a social worker or supervisor of the
 * org gets 403 on the list, a read, a create and an update; /me still works
 * for everyone; admins keep their scoped access. */
void t_users_routes_are_for_admins_only(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "Station", "social_work_station", w.town1, 0);
	const char *in_org = fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org);
	long long sw = MK_USER(s, s->admin, "pii.sw", 0, in_org);
	MK_USER(s, s->admin, "pii.sup", 0, fmt("[{\"role\":\"supervisor\",\"org_id\":%lld}]", org));
	long long oa = MK_USER(s, s->admin, "pii.oa", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org));
	MK_USER(s, s->admin, "pii.ra", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", w.d1));
	static const char *const staff[] = {"pii.sw", "pii.sup"};
	for (size_t i = 0; i < 2; i++) {
		const char *tok = LOGIN(s, staff[i], USER_PASS);
		if (tok == NULL)
			continue;
		EXPECT_ERR(http(s, "GET", "/api/v1/users", tok, NULL), 403, "forbidden", NULL);
		EXPECT_ERR(http(s, "GET", fmt("/api/v1/users/%lld", oa), tok, NULL), 403, "forbidden", NULL);
		EXPECT_ERR(http(s, "GET", fmt("/api/v1/users/%lld", sw), tok, NULL), 403, "forbidden", NULL);
		EXPECT_ERR(http(s, "POST", "/api/v1/users", tok,
			fmt("{\"username\":\"made.by.staff\",\"password\":\"" USER_PASS "\",\"roles\":%s}", in_org)),
			403, "forbidden", NULL);
		EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/users/%lld", sw), tok, "{\"person_id\":null}"),
			403, "forbidden", NULL);
		struct resp *me = http(s, "GET", "/api/v1/me", tok, NULL);
		if (EXPECT_STATUS(me, 200))
			CHECK_STR(jstr(me->json, "username"), staff[i]);
	}
	CHECK_INT(COUNT(s, "/api/v1/users?role=social_worker"), 1);
	static const char *const admins[] = {"pii.oa", "pii.ra"};
	for (size_t i = 0; i < 2; i++) {
		const char *tok = LOGIN(s, admins[i], USER_PASS);
		if (tok == NULL)
			continue;
		json_t *l = LIST_ALL(s, tok, "/api/v1/users");
		if (l != NULL)
			CHECKM(arr_find_id(l, sw) != NULL, "%s does not see the social worker", admins[i]);
		EXPECT_STATUS(http(s, "GET", fmt("/api/v1/users/%lld", sw), tok, NULL), 200);
	}
}

/* Weak passwords get 422 naming password on create, on change and reset
 * (PATCH), and from `liandong user add`; nothing is written. */
void t_weak_passwords_are_refused(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Org", "other", city, 0);
	const char *roles = fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org);
	static const char *const weak[] = {
		"short7!",                   /* below the minimum */
		"        ",                  /* eight spaces */
		" \t  \t   ",                /* only white space */
		"password", "PassWord", "12345678", "123456789", "qwerty123", "11111111", "abc12345",
		"iloveyou", "woaini1314", "a123456789",
		"weak.user", "xWEAK.USERx1", /* the username, or holding it */
		"abababababab",              /* two characters over and over */
	};
	long long before = COUNT(s, "/api/v1/users");
	for (size_t i = 0; i < sizeof weak / sizeof *weak; i++) {
		json_t *o = json_pack("{s:s, s:s}", "username", "weak.user", "password", weak[i]);
		json_object_set_new(o, "roles", json_loads(roles, 0, NULL));
		char *body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		if (!EXPECT_ERR(http(s, "POST", "/api/v1/users", s->admin, body), 422, "invalid_value", "password"))
			note("^ password \"%s\"", weak[i]);
		free(body);
	}
	CHECK_INT(COUNT(s, "/api/v1/users"), before);

	long long u = MK_USER(s, s->admin, "weak.user", 0, roles);
	if (u < 0)
		return;
	const char *path = fmt("/api/v1/users/%lld", u);
	EXPECT_ERR(http(s, "PATCH", path, s->admin, "{\"password\":\"12345678\"}"), 422, "invalid_value", "password");
	EXPECT_ERR(http(s, "PATCH", path, s->admin, "{\"password\":\"my-weak.user-pw\"}"), 422, "invalid_value",
		"password");
	/* The old password still works; a strong new one is taken. */
	CHECK(LOGIN(s, "weak.user", USER_PASS) != NULL);
	EXPECT_STATUS(http(s, "PATCH", path, s->admin, "{\"password\":\"river-lamp-73\"}"), 200);
	CHECK(LOGIN(s, "weak.user", "river-lamp-73") != NULL);

	static const char *const cli_weak[] = {"12345678\n", "        \n", "cli.user1\n", "woaini1314\n"};
	for (size_t i = 0; i < sizeof cli_weak / sizeof *cli_weak; i++) {
		const char *add[] = {s->bin, "user", "add", "--db", s->db, "--key-file", s->key, "--username",
			"cli.user", "--role", "platform_admin", "--password-stdin", NULL};
		int rc = run_tool(s, add, cli_weak[i]);
		CHECKM(rc == 1, "`liandong user add` with a weak password (#%zu) exited %d, want 1", i, rc);
	}
	CHECK_INT(COUNT(s, "/api/v1/users?role=platform_admin"), 1);
}

/* The masked ID number is never shown beside the birth date that fills it
 * back in: for every role (org admin and platform admin too) lists and reads
 * give ID number and phone masked and birth_year instead of birth_date; the
 * person reading their own record sees it in full. */
void t_id_numbers_and_phones_masked_for_every_role(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "Station", "social_work_station", w.town1, 0);
	char idn[19];
	idnum(idn, "421002", 1966, 10, 1, 123);
	long long p = MK_PERSON(s, s->admin, "Masked One", idn, "13712345678", org);
	MK_USER(s, s->admin, "mask.oa", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org));
	MK_USER(s, s->admin, "mask.sw", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org));
	MK_USER(s, s->admin, "mask.self", p, fmt("[{\"role\":\"volunteer\",\"org_id\":%lld}]", org));
	if (p < 0)
		return;
	const char *toks[] = {s->admin, LOGIN(s, "mask.oa", USER_PASS), LOGIN(s, "mask.sw", USER_PASS)};
	for (size_t i = 0; i < 3; i++) {
		if (toks[i] == NULL)
			continue;
		struct resp *r = http(s, "GET", fmt("/api/v1/people/%lld", p), toks[i], NULL);
		if (!EXPECT_STATUS(r, 200))
			continue;
		CHECKR(r, strstr(r->body, idn) == NULL && strstr(r->body, "13712345678") == NULL);
		CHECKR(r, is_masked_id(jstr(r->json, "id_number"), idn));
		CHECKR(r, is_masked_phone(jstr(r->json, "phone"), "13712345678"));
		CHECKR(r, jstr(r->json, "birth_date") == NULL && strstr(r->body, "1966-10-01") == NULL);
		CHECK_INT(jint(r->json, "birth_year"), 1966);
		r = http(s, "GET", fmt("/api/v1/people?org_id=%lld", org), toks[i], NULL);
		if (EXPECT_STATUS(r, 200))
			CHECKR(r, strstr(r->body, idn) == NULL && strstr(r->body, "1966-10-01") == NULL &&
				strstr(r->body, "13712345678") == NULL);
		r = http(s, "GET", fmt("/api/v1/exports/people?org_id=%lld", org), toks[i], NULL);
		if (EXPECT_STATUS(r, 200))
			CHECKR(r, strstr(r->body, idn) == NULL && strstr(r->body, "1966-10-01") == NULL &&
				strstr(r->body, "13712345678") == NULL && strstr(r->body, "1966") != NULL);
	}
	const char *self = LOGIN(s, "mask.self", USER_PASS);
	if (self != NULL) {
		struct resp *r = http(s, "GET", fmt("/api/v1/people/%lld", p), self, NULL);
		if (EXPECT_STATUS(r, 200)) {
			CHECK_STR(jstr(r->json, "id_number"), idn);
			CHECK_STR(jstr(r->json, "phone"), "13712345678");
			CHECK_STR(jstr(r->json, "birth_date"), "1966-10-01");
		}
	}
}

/* Without an ID number the birth date is checked on its own: not after
 * today (422 naming birth_date, nothing written). */
void t_future_birth_date_is_refused(struct srv *s)
{
	long long before = COUNT(s, "/api/v1/people");
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin,
		fmt("{\"name\":\"Not Born\",\"birth_date\":\"%d-01-01\"}", this_year() + 1)),
		422, "invalid_value", "birth_date");
	CHECK_INT(COUNT(s, "/api/v1/people"), before);
	long long p = MK(s, s->admin, "/api/v1/people", "{\"name\":\"Born\",\"birth_date\":\"1990-05-06\"}");
	if (p > 0)
		EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/people/%lld", p), s->admin,
			fmt("{\"birth_date\":\"%d-12-31\"}", this_year() + 2)), 422, "invalid_value", "birth_date");
}
