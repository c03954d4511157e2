/* t_demo.c - the demo city's shape (`liandong demo`, docs/DEMO.md, issue
 * 18): loaded into the test's own database (SQLite or PostgreSQL), its city
 * data screen shows districts of different sizes and activity, most at or
 * above the 1:10 social-worker-to-volunteer target and at least one below,
 * a year of service with a shape by month (more around 学雷锋日 in March) and
 * by mode; and on SQLite a second load into a fresh file makes the same
 * people and the same service records (deterministic). */
#include "tests.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* The distinct values of district figure `key` (a number) among `ds`. */
static int distinct(json_t *ds, const char *key)
{
	double seen[64];
	int n = 0;
	size_t i;
	json_t *d;
	json_array_foreach(ds, i, d) {
		double v = json_number_value(json_object_get(d, key));
		int k = 0;
		while (k < n && seen[k] != v)
			k++;
		if (k == n && n < 64)
			seen[n++] = v;
	}
	return n;
}

/* The rows of `sql` on the SQLite file `path`: their number to *rows and
 * an FNV-1a hash of every value (-1 rows when it cannot be read). */
static unsigned long long digest(const char *path, const char *sql, long long *rows)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	unsigned long long h = 1469598103934665603ULL;
	*rows = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		*rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			++*rows;
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				for (const unsigned char *p = v ? v : (const unsigned char *)"(null)"; ; p++) {
					h = (h ^ *p) * 1099511628211ULL;
					if (!*p)
						break;
				}
			}
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return h;
}

void t_demo_city_districts_differ_around_the_1_to_10_target(struct srv *s)
{
	const char *demo[] = {s->bin, "demo", "--db", s->db, "--key-file", s->key, NULL};
	double t0 = now_s();
	if (!CHECKM(run_tool(s, demo, NULL) == 0, "liandong demo failed (see the server log)"))
		return;
	printf("    demo loaded in %.1f s\n", now_s() - t0);
	json_t *city = http(s, "GET", "/api/v1/regions?level=city&limit=1", s->admin, NULL)->json;
	long long city_id = jint(city, "items.0.id");
	struct resp *r = http(s, "GET", fmt("/api/v1/stats/screen?region_id=%lld", city_id), s->admin, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	json_t *ds = jget(r->json, "by_district");
	CHECK_INT((long long)json_array_size(ds), 4);
	/* districts differ in size and activity */
	static const char *const keys[] = {"stations", "rooms", "social_workers", "volunteers_registered",
					   "volunteer_orgs", "people_served", "service_hours"};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		CHECKM(distinct(ds, keys[k]) >= 3, "the districts' %s: only %d different values", keys[k],
		       distinct(ds, keys[k]));
	/* most districts at or above 1:10, at least one below; the ratio is
	 * registered volunteers per social worker */
	int above = 0, below = 0;
	size_t i;
	json_t *d;
	json_array_foreach(ds, i, d) {
		double ratio = json_number_value(json_object_get(d, "social_worker_volunteer_ratio"));
		bool meets = json_is_true(json_object_get(d, "meets_target"));
		CHECKM(meets == (ratio >= 10), "%s: ratio %.2f, meets_target %d", jstr(d, "name"), ratio, meets);
		CHECKM(jint(d, "social_workers") > 0 && ratio > 1, "%s: ratio %.2f", jstr(d, "name"), ratio);
		if (meets)
			above++;
		else
			below++;
	}
	CHECKM(above > below && below >= 1, "%d districts at or above 1:10, %d below", above, below);
	CHECKM(jint(r->json, "totals.volunteers_registered") >= 300 && jint(r->json, "totals.people_served") >= 50,
	       "the city: %lld registered volunteers, %lld people served", jint(r->json, "totals.volunteers_registered"),
	       jint(r->json, "totals.people_served"));
	/* every past month has service, people served and new volunteers, not
	 * the same hours each month: the busiest at least twice the quietest,
	 * and March (学雷锋日) among the three busiest (the current month, the
	 * last, counts its days so far only) */
	json_t *months = jget(r->json, "by_month");
	CHECK_INT((long long)json_array_size(months), 12);
	double lo = 1e18, hi = 0, hours[12] = {0};
	int march = -1;
	for (size_t m = 0; m + 1 < json_array_size(months) && m < 12; m++) {
		json_t *mo = json_array_get(months, m);
		hours[m] = json_number_value(json_object_get(mo, "service_hours"));
		CHECKM(hours[m] > 0 && jint(mo, "people_served") > 0 && jint(mo, "new_volunteers") > 0,
		       "%s: %.1f hours, %lld people served, %lld new volunteers", jstr(mo, "month"), hours[m],
		       jint(mo, "people_served"), jint(mo, "new_volunteers"));
		lo = hours[m] < lo ? hours[m] : lo;
		hi = hours[m] > hi ? hours[m] : hi;
		const char *name = jstr(mo, "month");
		if (name && strlen(name) == 7 && strcmp(name + 5, "03") == 0)
			march = (int)m;
	}
	CHECKM(hi >= 2 * lo, "the months' hours from %.1f to %.1f: flat", lo, hi);
	if (march >= 0) {
		int busier = 0;
		for (int m = 0; m < 11; m++)
			busier += hours[m] > hours[march];
		CHECKM(busier < 3, "%d months busier than March (%.1f hours)", busier, hours[march]);
	}
	/* all five service modes, not flat either */
	json_t *modes = jget(r->json, "by_mode");
	double mlo = 1e18, mhi = 0;
	int nmodes = 0;
	json_array_foreach(modes, i, d) {
		if (!json_is_string(json_object_get(d, "mode")))
			continue;
		double h = json_number_value(json_object_get(d, "service_hours"));
		nmodes++;
		mlo = h < mlo ? h : mlo;
		mhi = h > mhi ? h : mhi;
	}
	CHECK_INT(nmodes, 5);
	CHECKM(mlo > 0 && mhi >= 2 * mlo, "the modes' hours from %.1f to %.1f", mlo, mhi);

	/* deterministic: a second load into a fresh SQLite file makes the same
	 * people and service records */
	if (s->pg)
		return;
	const char *other = fmt("%s/again.db", s->dir);
	const char *init[] = {s->bin, "init", "--db", other, "--key-file", s->key, NULL};
	const char *again[] = {s->bin, "demo", "--db", other, "--key-file", s->key, NULL};
	if (!CHECK(run_tool(s, init, NULL) == 0) || !CHECK(run_tool(s, again, NULL) == 0))
		return;
	static const char *const sql[] = {
		"SELECT id, name, gender, birth_date, region_id, org_id FROM people ORDER BY id",
		"SELECT id, org_id, stage, lead_social_worker_id FROM volunteers ORDER BY id",
		/* the year of service, on civil dates (the rest of the demo is
		 * dated from the second it runs) */
		"SELECT id, volunteer_id, org_id, activity_id, content, starts_at, ends_at, minutes, status"
		" FROM service_records WHERE activity_id IN (SELECT id FROM activities WHERE title LIKE '%常态化服务%')"
		" ORDER BY id",
	};
	for (size_t q = 0; q < sizeof sql / sizeof *sql; q++) {
		long long na, nb;
		unsigned long long a = digest(s->db, sql[q], &na), b = digest(other, sql[q], &nb);
		CHECKM(na > 100 && na == nb && a == b, "two loads differ (%lld and %lld rows) in: %s", na, nb, sql[q]);
	}
}

/* The overview's volunteers of every stage and its hours (-1: no answer). */
static long long overview_volunteers(struct srv *s, double *hours)
{
	struct resp *r = http(s, "GET", "/api/v1/stats/overview", s->admin, NULL);
	if (!EXPECT_STATUS(r, 200))
		return -1;
	long long n = 0;
	size_t i;
	json_t *st;
	json_array_foreach(jget(r->json, "volunteers_by_stage"), i, st)
		n += jint(st, "count");
	*hours = json_number_value(jget(r->json, "service_hours"));
	return n;
}

/* `liandong demo --scale city/500` (docs/DEMO.md): the structure of seed
 * 001 in full (129 stations, 221 rooms, 54 agencies, 5,825 social workers,
 * 3,689 volunteer orgs) and a 500th of its volunteers and hours (2,240 and
 * 13,020), counted by the dashboard; a city volunteer's verified hours,
 * stars and years are the sum of its verified records; and a bad --scale is
 * refused, naming the option, with nothing written. */
void t_demo_scale_city_totals_are_the_seeds_and_the_ledgers(struct srv *s)
{
	static const char *const bad[] = {"city/0", "city/501", "town", "city/2x", "city/", "City"};
	double hours0, hours;
	long long before = overview_volunteers(s, &hours0);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *argv[] = {s->bin, "demo", "--db", s->db, "--key-file", s->key, "--scale", bad[i], NULL};
		CHECKM(run_tool(s, argv, NULL) == 2, "--scale %s was not refused", bad[i]);
		char *log = slurp(s->log, NULL);
		CHECKM(log && strstr(log, fmt("--scale must be city or city/N with N from 1 to 500 (got \"%s\")", bad[i])),
		       "no message naming --scale %s in the log", bad[i]);
	}
	CHECK_INT(overview_volunteers(s, &hours), before);
	CHECKM(hours == hours0, "hours moved from %.2f to %.2f", hours0, hours);

	const char *demo[] = {s->bin, "demo", "--db", s->db, "--key-file", s->key, "--scale", "city/500", NULL};
	double t0 = now_s();
	if (!CHECKM(run_tool(s, demo, NULL) == 0, "liandong demo --scale city/500 failed (see the server log)"))
		return;
	printf("    city/500 loaded in %.1f s\n", now_s() - t0);
	struct resp *r = http(s, "GET", "/api/v1/stats/overview", s->admin, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_INT(jint(r->json, "stations"), 129);
	CHECK_INT(jint(r->json, "rooms"), 221);
	CHECK_INT(jint(r->json, "agencies"), 54);
	CHECK_INT(jint(r->json, "social_workers"), 5825);
	CHECK_INT(jint(r->json, "volunteer_orgs"), 3689);
	CHECK_INT(overview_volunteers(s, &hours), 1120000 / 500);
	CHECKM(hours == 6510000 / 500, "%.2f service hours, not %d", hours, 6510000 / 500);

	/* the registered volunteers of a town the city added: their hours,
	 * stars and years are their verified records' */
	json_t *town = http(s, "GET", "/api/v1/regions?code=421002011", s->admin, NULL)->json;
	long long town_id = jint(town, "items.0.id");
	json_t *vols = http(s, "GET", fmt("/api/v1/volunteers?region_id=%lld&stage=registered&limit=8", town_id), s->admin,
			    NULL)->json;
	size_t i;
	json_t *v;
	int checked = 0;
	json_array_foreach(jget(vols, "items"), i, v) {
		long long id = jint(v, "id");
		json_t *h = http(s, "GET", fmt("/api/v1/volunteers/%lld/hours", id), s->admin, NULL)->json;
		json_t *recs = http(s, "GET", fmt("/api/v1/service-records?volunteer_id=%lld&status=verified&limit=200", id),
				    s->admin, NULL)->json;
		double sum = 0, by_year = 0;
		size_t k;
		json_t *x;
		json_array_foreach(jget(recs, "items"), k, x) sum += json_number_value(json_object_get(x, "hours"));
		json_array_foreach(jget(h, "by_year"), k, x) by_year += json_number_value(json_object_get(x, "hours"));
		double vh = json_number_value(jget(h, "verified_hours"));
		long long stars = jint(h, "stars");
		CHECKM(sum > 0 && fabs(vh - sum) < 0.005 && fabs(by_year - sum) < 0.005 &&
			       fabs(json_number_value(json_object_get(v, "verified_hours")) - sum) < 0.005,
		       "volunteer %lld: records %.2f h, summary %.2f h, by year %.2f h", id, sum, vh, by_year);
		CHECKM(stars == (sum >= 1500 ? 5 : sum >= 1000 ? 4 : sum >= 600 ? 3 : sum >= 300 ? 2 : sum >= 100 ? 1 : 0) &&
			       jint(v, "stars") == stars,
		       "volunteer %lld: %.2f h and %lld stars", id, sum, stars);
		checked++;
	}
	CHECKM(checked >= 3, "only %d registered volunteers of the city's town 421002011", checked);

	/* every registered volunteer of the city served in the past twelve
	 * months or registered in them: the inactive sweep moves none */
	const char *overview = fmt("/api/v1/stats/overview?region_id=%lld", town_id);
	long long registered = jint(http(s, "GET", overview, s->admin, NULL)->json, "volunteers_registered");
	const char *sweep[] = {s->bin, "sweep-inactive", "--db", s->db, "--key-file", s->key, NULL};
	CHECK(run_tool(s, sweep, NULL) == 0);
	CHECKM(registered > 0 &&
		       jint(http(s, "GET", overview, s->admin, NULL)->json, "volunteers_registered") == registered,
	       "the sweep moved volunteers of town 421002011 (%lld registered before)", registered);
}
