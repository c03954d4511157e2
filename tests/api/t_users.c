/* t_users.c - user accounts: username and password rules, unique usernames,
 * role bindings (org_id, region_id, none), the password never returned, and
 * a new user able to log in. */
#include "tests.h"

#include <string.h>

void t_users_validation_and_role_bindings(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Org", "other", city, 0);
	const char *u = "/api/v1/users";
	const char *tmpl = "{\"username\":\"%s\",\"password\":\"%s\",\"roles\":%s}";
	const char *oa = fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org);
	long long before = COUNT(s, u);
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "ab", USER_PASS, oa)),
		422, "invalid_value", "username");
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "bad name!", USER_PASS, oa)),
		422, "invalid_value", "username");
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "good.name", "short7!", oa)),
		422, "invalid_value", "password");
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt("{\"username\":\"good.name\",\"roles\":%s}", oa)),
		422, "required", "password");
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "good.name", USER_PASS,
		"[{\"role\":\"overlord\"}]")), 422, "invalid_value", NULL);
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "good.name", USER_PASS,
		"[{\"role\":\"org_admin\"}]")), 422, NULL, NULL);
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "good.name", USER_PASS,
		"[{\"role\":\"regional_admin\"}]")), 422, NULL, NULL);
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, "good.name", USER_PASS,
		"[{\"role\":\"org_admin\",\"org_id\":999999}]")), 422, NULL, NULL);
	EXPECT_ERR(http(s, "POST", u, s->admin, fmt(tmpl, ADMIN_USER, USER_PASS, oa)),
		409, "duplicate", "username");
	CHECK_INT(COUNT(s, u), before);

	struct resp *r = http(s, "POST", u, s->admin, fmt(tmpl, "good.name-1_x", USER_PASS, oa));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_STR(jstr(r->json, "username"), "good.name-1_x");
		CHECK_STR(jstr(r->json, "roles.0.role"), "org_admin");
		CHECK_INT(jint(r->json, "roles.0.org_id"), org);
		CHECKR(r, jget(r->json, "password") == NULL && strstr(r->body, USER_PASS) == NULL);
		CHECKR(r, jstr(r->json, "created_at") != NULL);
		struct resp *g = http(s, "GET", fmt("%s/%lld", u, jint(r->json, "id")), s->admin, NULL);
		if (EXPECT_STATUS(g, 200))
			CHECKR(g, strstr(g->body, USER_PASS) == NULL && jget(g->json, "password") == NULL);
	}
	long long ra = MK_USER(s, s->admin, "city.admin", 0,
		fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", city));
	struct resp *g = http(s, "GET", fmt("%s/%lld", u, ra), s->admin, NULL);
	if (EXPECT_STATUS(g, 200))
		CHECK_INT(jint(g->json, "roles.0.region_id"), city);
	MK_USER(s, s->admin, "second.admin", 0, "[{\"role\":\"platform_admin\"}]");
	const char *tok = LOGIN(s, "second.admin", USER_PASS);
	if (tok != NULL)
		EXPECT_STATUS(http(s, "GET", "/api/v1/audit", tok, NULL), 200);
	json_t *l = LIST_ALL(s, s->admin, fmt("%s?role=regional_admin", u));
	if (l != NULL)
		CHECKM(json_array_size(l) == 1 && arr_find_id(l, ra), "?role=regional_admin: %zu users",
			json_array_size(l));
	l = LIST_ALL(s, s->admin, fmt("%s?org_id=%lld", u, org));
	if (l != NULL)
		CHECKM(json_array_size(l) == 1, "?org_id: %zu users, want 1", json_array_size(l));
}
