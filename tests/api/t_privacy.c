/* t_privacy.c - the audit log (who changed what, before and after, PII
 * masked; platform admin only) and encryption at rest: after a clean stop,
 * no plain ID number or phone is found in the SQLite file, its -wal or -shm. */
#include "tests.h"

#include <ftw.h>
#include <sys/stat.h>

#include <signal.h>
#include <string.h>

void t_audit_records_create_and_update_with_actor(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "Station", "social_work_station", w.town1, 0);
	long long oa = MK_USER(s, s->admin, "station_admin", 0,
		fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org));
	const char *oatok = LOGIN(s, "station_admin", USER_PASS);
	char idn[19];
	idnum(idn, "421002", 1966, 10, 1, 333);
	long long p = MK_PERSON(s, s->admin, "Before", idn, "13712345678", org);
	if (p < 0 || oatok == NULL)
		return;
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", p), oatok,
		"{\"name\":\"After\"}"), 200);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/people/%lld", p), oatok,
		"{\"phone\":\"1\"}"), 422, NULL, "phone");

	struct resp *r = http(s, "GET", fmt("/api/v1/audit?entity=people&entity_id=%lld", p),
		s->admin, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECKR(r, strstr(r->body, idn) == NULL && strstr(r->body, "13712345678") == NULL);
	json_t *items = jget(r->json, "items");
	json_t *create = NULL, *update = NULL;
	size_t i, nupd = 0;
	json_t *it;
	json_array_foreach(items, i, it) {
		CHECK_STR(jstr(it, "entity"), "people");
		CHECK_INT(jint(it, "entity_id"), p);
		CHECKM(jstr(it, "at") != NULL, "audit entry without at");
		const char *act = jstr(it, "action");
		if (act && strcmp(act, "create") == 0)
			create = it;
		if (act && strcmp(act, "update") == 0) {
			update = it;
			nupd++;
		}
	}
	CHECKR(r, json_array_size(items) == 2);
	CHECKM(nupd == 1, "%zu update entries, want 1 (the failed PATCH must leave none)", nupd);
	if (CHECKR(r, create != NULL)) {
		CHECK_INT(jint(create, "user_id"), s->admin_id);
		CHECK_STR(jstr(create, "after.name"), "Before");
		CHECKR(r, is_masked_id(jstr(create, "after.id_number"), idn));
		CHECKR(r, is_masked_phone(jstr(create, "after.phone"), "13712345678"));
		CHECKR(r, jget(create, "before") == NULL || jisnull(create, "before"));
	}
	if (CHECKR(r, update != NULL)) {
		CHECK_INT(jint(update, "user_id"), oa);
		CHECK_STR(jstr(update, "before.name"), "Before");
		CHECK_STR(jstr(update, "after.name"), "After");
	}
	json_t *byuser = LIST_ALL(s, s->admin, fmt("/api/v1/audit?user_id=%lld", oa));
	if (byuser != NULL) {
		json_array_foreach(byuser, i, it)
			CHECK_INT(jint(it, "user_id"), oa);
		CHECKM(json_array_size(byuser) >= 1, "no audit entries for user %lld", oa);
	}
}

static bool has_action(json_t *items, const char *action, long long user)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		const char *a = jstr(it, "action");
		if (a != NULL && strcmp(a, action) == 0 && jint(it, "user_id") == user)
			return true;
	}
	return false;
}

void t_audit_records_stage_moves_and_logins(struct srv *s)
{
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	long long org = MK_ORG(s, s->admin, "Hub", "volunteer_hub", city, 0);
	long long oa = MK_USER(s, s->admin, "hub.admin", 0,
		fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org));
	const char *tok = LOGIN(s, "hub.admin", USER_PASS);
	char idn[19];
	idnum_n(idn, 42);
	long long p = MK_PERSON(s, s->admin, "Stage Mover", idn, NULL, 0);
	long long v = MK(s, s->admin, "/api/v1/volunteers",
		fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org));
	if (tok == NULL || v < 0)
		return;
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), tok,
		"{\"to\":\"trial\",\"note\":\"welcome\"}"), 200);
	EXPECT_STATUS(http(s, "POST", "/api/v1/logout", tok, NULL), 204);
	json_t *l = LIST_ALL(s, s->admin, fmt("/api/v1/audit?entity=volunteers&entity_id=%lld", v));
	if (l != NULL) {
		CHECKM(has_action(l, "create", s->admin_id), "no create entry for volunteer %lld", v);
		CHECKM(has_action(l, "stage", oa), "no stage entry by user %lld for volunteer %lld", oa, v);
	}
	l = LIST_ALL(s, s->admin, fmt("/api/v1/audit?user_id=%lld", oa));
	if (l != NULL) {
		CHECKM(has_action(l, "login", oa), "no login entry for user %lld", oa);
		CHECKM(has_action(l, "logout", oa), "no logout entry for user %lld", oa);
	}
}

void t_audit_is_platform_admin_only(struct srv *s)
{
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "Station", "social_work_station", w.town1, 0);
	MK_USER(s, s->admin, "oa1", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", org));
	MK_USER(s, s->admin, "ra1", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", w.city));
	MK_USER(s, s->admin, "sw1", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org));
	static const char *const users[] = {"oa1", "ra1", "sw1"};
	for (size_t i = 0; i < 3; i++) {
		const char *tok = LOGIN(s, users[i], USER_PASS);
		if (tok != NULL && !EXPECT_ERR(http(s, "GET", "/api/v1/audit", tok, NULL),
			403, "forbidden", NULL))
			note("^ as %s", users[i]);
	}
	EXPECT_STATUS(http(s, "GET", "/api/v1/audit", s->admin, NULL), 200);
}

static bool contains(const char *hay, size_t n, const char *needle)
{
	return hay != NULL && memmem(hay, n, needle, strlen(needle)) != NULL;
}

/* What a scan looks for, and what it found. */
static struct scan {
	const char *when;
	char (*ids)[19];
	char (*phones)[12];
	int n, files;
	bool marker;
} g_scan;

static void scan_file(const char *path)
{
	size_t len = 0;
	char *data = slurp(path, &len);
	if (data == NULL)
		return;
	g_scan.files++;
	g_scan.marker = g_scan.marker || contains(data, len, "PrivacyMarkerGamma");
	for (int i = 0; i < g_scan.n; i++) {
		CHECKM(!contains(data, len, g_scan.ids[i]), "%s: %s holds ID number %s in plain",
			g_scan.when, path, g_scan.ids[i]);
		CHECKM(!contains(data, len, g_scan.phones[i]), "%s: %s holds phone %s in plain",
			g_scan.when, path, g_scan.phones[i]);
	}
}

static int scan_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F)
		scan_file(path);
	return 0;
}

/* Scan the database and its side files (SQLite), or the whole data directory
 * with its WAL (PostgreSQL), for plain identifiers; `when` names the moment
 * for messages. */
void db_scan_plain(struct srv *s, const char *when, char ids[][19], char phones[][12], int n)
{
	g_scan = (struct scan){when, ids, phones, n, 0, false};
	const char *where = s->db;
	if (s->pg) {
		where = getenv("LD_TEST_PG_DATA");
		CHECKM(where != NULL, "%s: LD_TEST_PG_DATA is not set", when);
		if (where != NULL)
			nftw(where, scan_entry, 32, FTW_PHYS);
	} else {
		static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
		for (size_t f = 0; f < sizeof suffix / sizeof suffix[0]; f++)
			scan_file(fmt("%s%s", s->db, suffix[f]));
	}
	CHECKM(g_scan.files > 0, "%s: no database file at %s", when, where ? where : "?");
	CHECKM(g_scan.marker, "%s: the scan found no person name either: is %s the database?",
		when, where ? where : "?");
}

void t_pii_not_stored_in_plain_at_rest(struct srv *s)
{
	char ids[4][19], phones[4][12];
	for (int i = 0; i < 4; i++) {
		idnum(ids[i], i % 2 ? "110105" : "440306", 1950 + i * 13, 1 + i * 3, 9 + i, 201 + i);
		phone_n(phones[i], 67676700 + i);
	}
	long long p0 = MK_PERSON(s, s->admin, "PrivacyMarkerAlpha", ids[0], phones[0], 0);
	MK_PERSON(s, s->admin, "PrivacyMarkerBeta", ids[1], phones[1], 0);
	MK(s, s->admin, "/api/v1/people", fmt("{\"name\":\"PrivacyMarkerGamma\","
		"\"id_number\":\"%s\",\"phone\":\"+86 %.3s-%.4s-%.4s\"}", ids[2], phones[2],
		phones[2] + 3, phones[2] + 7));
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", p0), s->admin,
		fmt("{\"phone\":\"%s\",\"id_number\":\"%s\"}", phones[3], ids[3])), 200);
	/* Exercise the lookups too (keyed hashes, not plain copies). */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/people?id_number=%s", ids[1]), s->admin, NULL), 200);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/people?phone=%s", phones[1]), s->admin, NULL), 200);
	if (test_failures() > 0)
		return;
	/* While serving, the newest pages may live only in the -wal file. */
	db_scan_plain(s, "while serving", ids, phones, 4);
	srv_stop(s, SIGTERM);
	db_scan_plain(s, "after SIGTERM", ids, phones, 4);
}
