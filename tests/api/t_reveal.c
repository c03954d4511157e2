/* t_reveal.c - issue 13: POST /people/{id}/reveal {"fields", "reason"}.
 *
 * A role allowed to see a value in full asks for it with a reason and gets
 * it; every other role gets 403 naming the fields; bad input is 422 naming
 * the field; every reveal is one audit entry with the fields and the reason
 * and never the values; a request that reveals nothing writes no entry. */
#include "tests.h"

#include <string.h>

#define PHONE "13712345601"
#define REASON "回访核实身份"

/* The world: org A in d1 and org B in d2; person P of A (ID number,
 * phone, birth date 1950-03-04) and Q of A without a phone; users: org
 * admin, supervisor and social worker of A; the social worker assigned to
 * P's client case (with a person and a social-worker record of A); P
 * themself; a regional admin of d1; the org admin of B; a volunteer of A
 * (another person); and one user who is org admin of B and social worker
 * of A at once. */
struct rv {
	long long A, B, p, q;
	char idn[19];
	const char *oa, *sup, *sw, *case_sw, *self, *ra, *oa_b, *vol, *mixed;
};

static const char *user_tok(struct srv *s, const char *name, long long person, const char *roles)
{
	return MK_USER(s, s->admin, name, person, roles) > 0 ? LOGIN(s, name, USER_PASS) : NULL;
}

static bool rv_world(struct srv *s, struct rv *v)
{
	struct world w;
	if (!world_regions(s, &w))
		return false;
	v->A = MK_ORG(s, s->admin, "Station A", "social_work_station", w.town1, 0);
	v->B = MK_ORG(s, s->admin, "Station B", "social_work_station", w.town2, 0);
	idnum(v->idn, "421002", 1950, 3, 4, 123);
	v->p = MK_PERSON(s, s->admin, "PrivacyMarkerGamma", v->idn, PHONE, v->A);
	v->q = MK(s, s->admin, "/api/v1/people", fmt("{\"name\":\"No Phone\",\"org_id\":%lld}", v->A));
	char idw[19], idv[19];
	idnum_n(idw, 9101);
	idnum_n(idv, 9102);
	long long pw = MK_PERSON(s, s->admin, "Case Worker", idw, "13712345602", v->A);
	long long pv = MK_PERSON(s, s->admin, "Other Volunteer", idv, "13712345603", v->A);
	long long sw = MK(s, s->admin, "/api/v1/social-workers", fmt("{\"person_id\":%lld,\"org_id\":%lld,"
		"\"qualification\":\"assistant\",\"certificate_no\":\"RV-1\"}", pw, v->A));
	MK(s, s->admin, "/api/v1/clients", fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"elderly\","
		"\"care_level\":\"partial\",\"consent\":true,\"social_worker_id\":%lld}", v->p, v->A, sw));
	const char *in_a = "[{\"role\":\"%s\",\"org_id\":%lld}]";
	v->oa = user_tok(s, "rv.oa", 0, fmt(in_a, "org_admin", v->A));
	v->sup = user_tok(s, "rv.sup", 0, fmt(in_a, "supervisor", v->A));
	v->sw = user_tok(s, "rv.sw", 0, fmt(in_a, "social_worker", v->A));
	v->case_sw = user_tok(s, "rv.case", pw, fmt(in_a, "social_worker", v->A));
	v->self = user_tok(s, "rv.self", v->p, fmt(in_a, "volunteer", v->A));
	v->ra = user_tok(s, "rv.ra", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", w.d1));
	v->oa_b = user_tok(s, "rv.oab", 0, fmt(in_a, "org_admin", v->B));
	v->vol = user_tok(s, "rv.vol", pv, fmt(in_a, "volunteer", v->A));
	v->mixed = user_tok(s, "rv.mixed", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld},"
		"{\"role\":\"social_worker\",\"org_id\":%lld}]", v->B, v->A));
	return test_failures() == 0;
}

static struct resp *reveal(struct srv *s, const char *tok, long long person, const char *fields)
{
	return http(s, "POST", fmt("/api/v1/people/%lld/reveal", person), tok,
		fmt("{\"fields\":%s,\"reason\":\"" REASON "\"}", fields));
}

long long audit_count(struct srv *s, const char *query, const char *action, long long user)
{
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/audit%s", query));
	long long n = 0;
	for (size_t i = 0; l && i < json_array_size(l); i++) {
		const char *a = jstr(json_array_get(l, i), "action");
		n += a && strcmp(a, action) == 0 && (user < 0 || jint(json_array_get(l, i), "user_id") == user);
	}
	return l ? n : -1;
}

static long long reveal_entries(struct srv *s)
{
	return audit_count(s, "", "reveal", -1);
}

/* Who gets what in full (docs/API.md "Roles and scope"): the platform
 * admin, the org admin over the person, the social worker of the person's
 * client case and the person themself every field; supervisors and social
 * workers over the person the phone only; anyone else 403 naming fields. */
void t_reveal_full_values_to_allowed_roles_only(struct srv *s)
{
	struct rv v;
	if (!rv_world(s, &v))
		return;
	const char *all = "[\"id_number\",\"phone\",\"birth_date\"]";
	const char *every[] = {s->admin, v.oa, v.case_sw, v.self};
	const char *every_name[] = {"platform_admin", "org_admin", "case social worker", "the person"};
	for (size_t i = 0; i < 4; i++) {
		struct resp *r = reveal(s, every[i], v.p, all);
		if (!EXPECT_STATUS(r, 200)) {
			note("^ as %s", every_name[i]);
			continue;
		}
		CHECK_STR(jstr(r->json, "id_number"), v.idn);
		CHECK_STR(jstr(r->json, "phone"), PHONE);
		CHECK_STR(jstr(r->json, "birth_date"), "1950-03-04");
		CHECK_INT(jint(r->json, "id"), v.p);
		CHECKR(r, resp_header(r, "Cache-Control") && strstr(resp_header(r, "Cache-Control"), "no-store"));
	}
	/* phone only: supervisors and social workers over the person, and one
	 * who is org admin elsewhere (B) but only a social worker of A */
	const char *phone_only[] = {v.sup, v.sw, v.mixed};
	for (size_t i = 0; i < 3; i++) {
		struct resp *r = reveal(s, phone_only[i], v.p, "[\"phone\"]");
		if (EXPECT_STATUS(r, 200)) {
			CHECK_STR(jstr(r->json, "phone"), PHONE);
			CHECKR(r, jget(r->json, "id_number") == NULL && strstr(r->body, v.idn) == NULL);
		}
		if (!EXPECT_ERR(reveal(s, phone_only[i], v.p, "[\"phone\",\"id_number\"]"), 403, "forbidden", "fields"))
			note("^ phone-only caller #%zu asked for the ID number", i);
		EXPECT_ERR(reveal(s, phone_only[i], v.p, "[\"birth_date\"]"), 403, "forbidden", "fields");
	}
	/* no field at all: a regional admin over the person; out of scope: the
	 * org admin of B and another volunteer */
	EXPECT_ERR(reveal(s, v.ra, v.p, "[\"phone\"]"), 403, "forbidden", "fields");
	EXPECT_ERR(reveal(s, v.oa_b, v.p, "[\"phone\"]"), 403, "forbidden", NULL);
	EXPECT_ERR(reveal(s, v.vol, v.p, "[\"phone\"]"), 403, "forbidden", NULL);
	EXPECT_ERR(reveal(s, s->admin, 999999, "[\"phone\"]"), 404, "not_found", NULL);
	EXPECT_ERR(reveal(s, NULL, v.p, "[\"phone\"]"), 401, "unauthorized", NULL);
	/* 4 + 3 granted requests; nothing refused is in the log */
	CHECK_INT(reveal_entries(s), 7);
}

/* Bad input is 422 naming the field and writes nothing to the log. */
void t_reveal_bad_input_is_422_and_not_audited(struct srv *s)
{
	struct rv v;
	if (!rv_world(s, &v))
		return;
	const char *path = fmt("/api/v1/people/%lld/reveal", v.p);
	EXPECT_ERR(http(s, "POST", path, v.oa, "{\"fields\":[\"phone\"]}"), 422, "required", "reason");
	EXPECT_ERR(http(s, "POST", path, v.oa, "{\"fields\":[\"phone\"],\"reason\":\"\"}"), 422, NULL, "reason");
	EXPECT_ERR(http(s, "POST", path, v.oa, "{\"fields\":[\"phone\"],\"reason\":\" \\t \\n\"}"), 422,
		"invalid_value", "reason");
	EXPECT_ERR(http(s, "POST", path, v.oa, "{\"reason\":\"" REASON "\"}"), 422, "required", "fields");
	EXPECT_ERR(reveal(s, v.oa, v.p, "[]"), 422, "invalid_value", "fields");
	EXPECT_ERR(reveal(s, v.oa, v.p, "[\"email\"]"), 422, "invalid_value", "fields");
	EXPECT_ERR(reveal(s, v.oa, v.p, "[\"phone\",\"name\"]"), 422, "invalid_value", "fields");
	EXPECT_ERR(reveal(s, v.oa, v.p, "\"phone\""), 422, NULL, "fields");
	EXPECT_ERR(reveal(s, v.oa, v.p, "[1]"), 422, NULL, "fields");
	EXPECT_ERR(http(s, "POST", path, v.oa, "{\"fields\":[\"phone\"],\"reason\":\"x\",\"why\":1}"), 400, NULL, "why");
	/* nothing to reveal: Q has no phone and no ID number */
	struct resp *r = reveal(s, v.oa, v.q, "[\"phone\",\"id_number\"]");
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, jisnull(r->json, "phone") && jisnull(r->json, "id_number"));
	CHECK_INT(reveal_entries(s), 0);
}

/* Each reveal is one audit entry by the caller on the person, with the
 * fields revealed and the reason, and never the values; the values are in
 * plain nowhere in the database. */
void t_reveal_audited_with_reason_never_values(struct srv *s)
{
	struct rv v;
	if (!rv_world(s, &v))
		return;
	EXPECT_STATUS(reveal(s, v.oa, v.p, "[\"id_number\",\"birth_date\"]"), 200);
	EXPECT_STATUS(reveal(s, v.sw, v.p, "[\"phone\"]"), 200);
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/audit?entity=people&entity_id=%lld", v.p));
	json_t *got[2] = {NULL, NULL};
	int n = 0;
	for (size_t i = 0; l && i < json_array_size(l); i++) {
		json_t *a = json_array_get(l, i);
		if (jstr(a, "action") && strcmp(jstr(a, "action"), "reveal") == 0 && n < 2)
			got[1 - n++] = a;	/* newest first: the second reveal, then the first */
		char *dump = json_dumps(a, JSON_COMPACT);
		CHECKM(dump && !strstr(dump, v.idn) && !strstr(dump, PHONE) && !strstr(dump, "1950-03-04"),
			"an audit entry holds a revealed value: %s", dump ? dump : "?");
		free(dump);
	}
	if (!CHECKM(n == 2, "%d reveal entries on the person, want 2", n))
		return;
	struct resp *me = http(s, "GET", "/api/v1/users?role=org_admin", s->admin, NULL);
	long long oa_id = jint(me->json, "items.0.id");
	CHECK_INT(jint(got[0], "user_id"), oa_id);
	CHECK_INT(jint(got[0], "entity_id"), v.p);
	json_t *f0 = jget(got[0], "after.fields"), *f1 = jget(got[1], "after.fields");
	CHECKM(json_array_size(f0) == 2 && strcmp(json_string_value(json_array_get(f0, 0)), "id_number") == 0 &&
		strcmp(json_string_value(json_array_get(f0, 1)), "birth_date") == 0, "fields of the first reveal");
	CHECKM(json_array_size(f1) == 1 && strcmp(json_string_value(json_array_get(f1, 0)), "phone") == 0,
		"fields of the second reveal");
	CHECK_STR(jstr(got[0], "after.reason"), REASON);
	CHECK_STR(jstr(got[1], "after.reason"), REASON);
	char ids[1][19], phones[1][12];
	memcpy(ids[0], v.idn, sizeof ids[0]);
	memcpy(phones[0], PHONE, sizeof phones[0]);
	db_scan_plain(s, "after reveals", ids, phones, 1);
}
