/* care_world.c - the world of the service-delivery tests; see care_world.h. */
#include "care_world.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long long care_person(struct srv *s, struct cworld *c, const char *name, int age, long long region)
{
	int y, m, d;
	char idn[19], ph[12];
	c->npeople++;
	date_ago(age, 100 + c->npeople, &y, &m, &d);
	idnum(idn, "421002", y, m, d, 500 + c->npeople);
	phone_n(ph, 88000000 + c->npeople);
	memcpy(c->last_phone, ph, sizeof ph);
	json_t *o = json_pack("{s:s,s:s,s:s}", "name", name, "id_number", idn, "phone", ph);
	if (region > 0)
		json_object_set_new(o, "region_id", json_integer(region));
	char *body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	track(body, free);
	return MK(s, s->admin, "/api/v1/people", body);
}

static long long sw(struct srv *s, long long person, long long org, const char *qual, long long sup)
{
	const char *extra = sup > 0 ? fmt(",\"supervisor_id\":%lld", sup) : "";
	return MK(s, s->admin, "/api/v1/social-workers", fmt("{\"person_id\":%lld,\"org_id\":%lld,"
		"\"qualification\":\"%s\",\"certificate_no\":\"C-%lld\"%s}", person, org, qual, person, extra));
}

static const char *user(struct srv *s, const char *name, long long person, const char *roles, long long *id)
{
	long long u = MK_USER(s, s->admin, name, person, roles);
	if (id)
		*id = u;
	return u > 0 ? LOGIN(s, name, USER_PASS) : NULL;
}

bool care_world(struct srv *s, struct cworld *c)
{
	memset(c, 0, sizeof *c);
	if (!world_regions(s, &c->w))
		return false;
	struct world *w = &c->w;
	c->A = MK_ORG(s, s->admin, "Station A", "social_work_station", w->town1, 0);
	c->A2 = MK_ORG(s, s->admin, "Room A2", "social_work_room", w->comm1, c->A);
	c->T = MK_ORG(s, s->admin, "Team T", "volunteer_team", w->town1, c->A);
	c->B = MK_ORG(s, s->admin, "Station B", "social_work_station", w->town2, 0);
	c->G = MK_ORG(s, s->admin, "Agency G", "sw_agency", w->d1, 0);
	c->pSWA = care_person(s, c, "社工甲", 30, w->town1);
	c->pSWA2 = care_person(s, c, "社工乙", 28, w->town1);
	c->pSUP = care_person(s, c, "督导丙", 45, w->d1);
	c->pSWB = care_person(s, c, "社工丁", 33, w->town2);
	c->pV = care_person(s, c, "志愿者戊", 25, w->comm1);
	c->pVN = care_person(s, c, "志愿者己", 26, w->comm1);
	c->pR1 = care_person(s, c, "居民庚", 60, w->comm1);
	c->pR2 = care_person(s, c, "居民辛", 55, w->town2);
	c->swSup = sw(s, c->pSUP, c->G, "senior", 0);
	c->swA = sw(s, c->pSWA, c->A, "intermediate", c->swSup);
	c->swA2 = sw(s, c->pSWA2, c->A, "assistant", 0);
	c->swB = sw(s, c->pSWB, c->B, "assistant", 0);
	c->vA = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", c->pV, c->T));
	c->vN = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", c->pVN, c->T));
	static const char *const line[] = {"trial", "initial_training", "selection", "interview",
		"skills_training", "registered"};
	for (size_t i = 0; i < sizeof line / sizeof *line; i++)
		if (!EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", c->vA), s->admin,
			fmt("{\"to\":\"%s\"}", line[i])), 200))
			return false;
	const char *org_role = "[{\"role\":\"%s\",\"org_id\":%lld}]";
	c->oa_a = user(s, "oa_a", 0, fmt(org_role, "org_admin", c->A), &c->uOA);
	c->oa_b = user(s, "oa_b", 0, fmt(org_role, "org_admin", c->B), &c->uOB);
	c->sw_a = user(s, "sw_a", c->pSWA, fmt(org_role, "social_worker", c->A), &c->uSWA);
	c->sw_a2 = user(s, "sw_a2", c->pSWA2, fmt(org_role, "social_worker", c->A), &c->uSWA2);
	c->sup = user(s, "sup", c->pSUP, fmt(org_role, "supervisor", c->G), &c->uSUP);
	c->sw_b = user(s, "sw_b", c->pSWB, fmt(org_role, "social_worker", c->B), &c->uSWB);
	c->ra = user(s, "ra_d1", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", w->d1), &c->uRA);
	c->res1 = user(s, "res1", c->pR1, "[{\"role\":\"resident\"}]", &c->uR1);
	c->res2 = user(s, "res2", c->pR2, "[{\"role\":\"resident\"}]", &c->uR2);
	c->vol = user(s, "vol", c->pV, fmt(org_role, "volunteer", c->T), &c->uVol);
	c->nobody = user(s, "nobody", 0, "[{\"role\":\"resident\"}]", NULL);
	return test_failures() == 0 && c->oa_a && c->oa_b && c->sw_a && c->sw_a2 && c->sup && c->sw_b &&
		c->ra && c->res1 && c->res2 && c->vol && c->nobody;
}

bool db_exec(struct srv *s, const char *sql)
{
	if (s->pg) {
		PGconn *pg = PQconnectdb(s->db);
		bool ok = PQstatus(pg) == CONNECTION_OK;
		if (ok) {
			PGresult *r = PQexec(pg, sql);
			ok = PQresultStatus(r) == PGRES_COMMAND_OK;
			CHECKM(ok, "postgres: %s: %s", sql, PQerrorMessage(pg));
			PQclear(r);
		} else {
			CHECKM(ok, "cannot connect to %s", s->db);
		}
		PQfinish(pg);
		return ok;
	}
	sqlite3 *db = NULL;
	bool ok = sqlite3_open(s->db, &db) == SQLITE_OK;
	if (ok) {
		sqlite3_busy_timeout(db, 10000);
		char *err = NULL;
		ok = sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK;
		CHECKM(ok, "sqlite: %s: %s", sql, err ? err : "?");
		sqlite3_free(err);
	} else {
		CHECKM(ok, "cannot open %s", s->db);
	}
	sqlite3_close(db);
	return ok;
}

char *db_text(struct srv *s, const char *sql)
{
	char *out = NULL;
	if (s->pg) {
		PGconn *pg = PQconnectdb(s->db);
		if (PQstatus(pg) == CONNECTION_OK) {
			PGresult *r = PQexec(pg, sql);
			if (PQresultStatus(r) == PGRES_TUPLES_OK) {
				if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
					out = fmt("%s", PQgetvalue(r, 0, 0));
			} else {
				check_fail(__FILE__, __LINE__, NULL, "postgres: %s: %s", sql, PQerrorMessage(pg));
			}
			PQclear(r);
		} else {
			check_fail(__FILE__, __LINE__, NULL, "cannot connect to %s", s->db);
		}
		PQfinish(pg);
		return out;
	}
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_open(s->db, &db) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
				out = fmt("%s", (const char *)sqlite3_column_text(st, 0));
		} else {
			check_fail(__FILE__, __LINE__, NULL, "sqlite: %s: %s", sql, sqlite3_errmsg(db));
		}
		sqlite3_finalize(st);
	} else {
		check_fail(__FILE__, __LINE__, NULL, "cannot open %s", s->db);
	}
	sqlite3_close(db);
	return out;
}

long long db_int(struct srv *s, const char *sql)
{
	char *t = db_text(s, sql);
	return t ? strtoll(t, NULL, 10) : -1;
}
