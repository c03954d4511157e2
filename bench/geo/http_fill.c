/* http_fill.c - the store side of the HTTP mobilisation benchmark
 * (bench/geo/http.sh).
 *
 *   http_fill fill DB DIR ORG REGION   load DIR/points.bin as 1M registered
 *                                      volunteers (volunteer and person id =
 *                                      point index + 1, skill bit b = skill
 *                                      "s<b>" = skills.id b + 1) and each of
 *                                      DIR/queries.bin as an assessed incident
 *                                      (id = query index + 1: count 20,
 *                                      radius 10 km), straight into the
 *                                      SQLite file of a stopped server
 *   http_fill check DIR ANSWERS        compare the server's answers (lines
 *                                      "query id id ...") with a brute-force
 *                                      scan; exit 1 on any difference
 *
 * Bench code, not the product: it writes the tables directly, in one
 * transaction, bypassing the service (a million people through the API would
 * take the benchmark's whole budget). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/geoindex.h"

static void die(const char *what)
{
	fprintf(stderr, "http_fill: %s\n", what);
	exit(2);
}

#include "points.h"

#define K 20
#define RADIUS_M 10000.0

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "http_fill: %s: %s\n", sql, err ? err : "?");
		exit(2);
	}
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "http_fill: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	return st;
}

static void step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "http_fill: %s\n", sqlite3_errmsg(db));
		exit(2);
	}
	sqlite3_reset(st);
}

/* The skill names of a mask as a JSON list. */
static void skills_json(uint64_t mask, char *out, size_t n)
{
	size_t k = 0;
	out[k++] = '[';
	for (int b = 0; b < 64; b++)
		if (mask >> b & 1)
			k += (size_t)snprintf(out + k, n - k, "%s\"s%02d\"", k > 1 ? "," : "", b);
	out[k++] = ']';
	out[k] = 0;
}

static int fill(const char *path, const char *dir, long long org, long long region)
{
	struct pts p = read_pts(dir, "points.bin"), q = read_pts(dir, "queries.bin");
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("cannot open the database");
	exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN");
	long long now = (long long)time(NULL);
	char json[64 * 6 + 8];
	sqlite3_stmt *st = prep(db, "INSERT INTO skills (id, name) VALUES (?1, ?2)");
	for (int b = 0; b < 64; b++) {
		char name[8];
		snprintf(name, sizeof name, "s%02d", b);
		sqlite3_bind_int(st, 1, b + 1);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		step(db, st);
	}
	sqlite3_finalize(st);
	sqlite3_stmt *pe = prep(db, "INSERT INTO people (id, name, region_id, org_id, lat, lon, skills, created_at,"
				    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
	sqlite3_stmt *vo = prep(db, "INSERT INTO volunteers (id, person_id, org_id, volunteer_no, stage, verified_hours,"
				    " stars, guardian_consent, created_at, updated_at)"
				    " VALUES (?1, ?1, ?2, ?3, 'registered', 0, 0, 0, ?4, ?4)");
	for (int i = 0; i < p.n; i++) {
		char name[16], no[24];
		snprintf(name, sizeof name, "v%d", i);
		snprintf(no, sizeof no, "B%09d", i);
		skills_json(p.mask[i], json, sizeof json);
		sqlite3_bind_int64(pe, 1, i + 1);
		sqlite3_bind_text(pe, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(pe, 3, region);
		sqlite3_bind_int64(pe, 4, org);
		sqlite3_bind_double(pe, 5, p.lat[i]);
		sqlite3_bind_double(pe, 6, p.lon[i]);
		sqlite3_bind_text(pe, 7, json, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(pe, 8, now);
		step(db, pe);
		sqlite3_bind_int64(vo, 1, i + 1);
		sqlite3_bind_int64(vo, 2, org);
		sqlite3_bind_text(vo, 3, no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(vo, 4, now);
		step(db, vo);
	}
	sqlite3_finalize(pe);
	sqlite3_finalize(vo);
	st = prep(db, "INSERT INTO emergencies (id, type, lat, lon, region_id, org_id, severity, required_skills, status,"
		      " needed_count, radius_km, oversubscription, ack_deadline_s, wave, created_at, updated_at)"
		      " VALUES (?1, 'bench', ?2, ?3, ?4, ?5, 'high', ?6, 'assessed', 20, 10, 1, 180, 0, ?7, ?7)");
	for (int i = 0; i < q.n; i++) {
		skills_json(q.mask[i], json, sizeof json);
		sqlite3_bind_int64(st, 1, i + 1);
		sqlite3_bind_double(st, 2, q.lat[i]);
		sqlite3_bind_double(st, 3, q.lon[i]);
		sqlite3_bind_int64(st, 4, region);
		sqlite3_bind_int64(st, 5, org);
		sqlite3_bind_text(st, 6, json, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 7, now);
		step(db, st);
	}
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	sqlite3_close(db);
	printf("filled: %d volunteers, %d incidents\n", p.n, q.n);
	return 0;
}

/* Brute force: the K nearest within RADIUS_M holding every bit of the
 * query's mask, by (distance, id). */
static int truth(const struct pts *p, double lat, double lon, uint64_t need, struct geo_hit *out)
{
	int n = 0;
	for (int i = 0; i < p->n; i++) {
		if ((p->mask[i] & need) != need)
			continue;
		double d = geoindex_distance_m(lat, lon, p->lat[i], p->lon[i]);
		if (d > RADIUS_M || (n == K && (d > out[K - 1].distance_m ||
						(d == out[K - 1].distance_m && i + 1 > out[K - 1].id))))
			continue;
		int j = n < K ? n++ : K - 1;
		while (j > 0 && (out[j - 1].distance_m > d || (out[j - 1].distance_m == d && out[j - 1].id > i + 1))) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = (struct geo_hit){i + 1, d};
	}
	return n;
}

static int check(const char *dir, const char *answers)
{
	struct pts p = read_pts(dir, "points.bin"), q = read_pts(dir, "queries.bin");
	FILE *f = fopen(answers, "r");
	if (!f)
		die("cannot open the answers");
	char line[4096];
	int checked = 0, bad = 0, short_answers = 0;
	while (fgets(line, sizeof line, f)) {
		char *s = line, *end;
		long qi = strtol(s, &end, 10) - 1;
		if (end == s || qi < 0 || qi >= q.n)
			die("bad answer line");
		long long got[K + 1];
		int ng = 0;
		for (s = end;; s = end) {
			long long v = strtoll(s, &end, 10);
			if (end == s)
				break;
			if (ng <= K)
				got[ng++] = v;
		}
		struct geo_hit want[K];
		int nw = truth(&p, q.lat[qi], q.lon[qi], q.mask[qi], want);
		int ok = nw == ng;
		for (int i = 0; ok && i < nw; i++)
			ok = want[i].id == got[i];
		if (!ok && bad++ < 5)
			fprintf(stderr, "query %ld: %d answers, brute force %d\n", qi + 1, ng, nw);
		short_answers += nw < K;
		checked++;
	}
	fclose(f);
	printf("checked %d answers against brute force: %d differ (%d with fewer than %d answers)\n", checked, bad,
	       short_answers, K);
	return bad || checked != q.n;
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "fill") == 0)
		return fill(argv[2], argv[3], atoll(argv[4]), atoll(argv[5]));
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return check(argv[2], argv[3]);
	fprintf(stderr, "usage: http_fill fill DB DIR ORG REGION | check DIR ANSWERS\n");
	return 2;
}
