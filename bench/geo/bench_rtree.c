/* bench_rtree.c - the emergency search done with SQLite's R*Tree, side by side
 * with domain/geoindex on the same instance (bench_knn.c has the details).
 *
 * SQLite has no k-nearest query, so this is what an application would write:
 * an in-memory database with an R*Tree of points (lat, lon boxes of size 0)
 * joined to a table holding the skill mask; one statement selects the
 * volunteers with the skills inside the bounding box of the 10 km circle,
 * then C computes the haversine, drops those beyond 10 km, sorts and keeps
 * 20. Every answer is compared with geoindex_nearest (itself checked
 * against brute force by bench_knn).
 *
 *   bench_rtree DATADIR [ROUNDS] */
#include "instances.h"

#include <sqlite3.h>

#include "domain/geoindex.h"
#include "points.h"

#define K        20
#define RADIUS_M 10000.0

static double pct(const double *sorted, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return sorted[i < n ? i : n - 1];
}

static void report(const char *what, double *us, size_t n)
{
	qsort(us, n, sizeof *us, dbl_cmp);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += us[i];
	printf("%-28s n=%zu  mean %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (us)\n", what, n, sum / (double)n,
	       pct(us, n, 0.5), pct(us, n, 0.9), pct(us, n, 0.99), us[n - 1]);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s: %s\n", sql, err ? err : "?");
		exit(2);
	}
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	return st;
}

/* One query through SQLite; hits sorted and cut to K. */
static int rtree_query(sqlite3_stmt *st, double lat, double lon, uint64_t req, struct geo_hit *buf, int cap,
                       struct geo_hit *out)
{
	/* the circle's bounding box, made a little larger to be safe */
	double dlat = RADIUS_M / EARTH_R / DEG2RAD * 1.001;
	double maxlat = fabs(lat) + dlat;
	double dlon = dlat / cos((maxlat > 89.9 ? 89.9 : maxlat) * DEG2RAD);
	sqlite3_bind_double(st, 1, lat + dlat);
	sqlite3_bind_double(st, 2, lat - dlat);
	sqlite3_bind_double(st, 3, lon + dlon);
	sqlite3_bind_double(st, 4, lon - dlon);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)req);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		double plat = sqlite3_column_double(st, 1), plon = sqlite3_column_double(st, 2);
		double d = haversine_m(lat, lon, plat, plon);
		if (d <= RADIUS_M && n < cap)
			buf[n++] = (struct geo_hit){sqlite3_column_int64(st, 0), d};
	}
	sqlite3_reset(st);
	qsort(buf, (size_t)n, sizeof *buf, hit_cmp);
	if (n > K)
		n = K;
	memcpy(out, buf, (size_t)n * sizeof *out);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DATADIR [ROUNDS]\n", argv[0]);
		return 1;
	}
	int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 3;
	if (rounds < 1)
		rounds = 1;
	struct pts P = read_pts(argv[1], "points.bin");
	struct pts Q = read_pts(argv[1], "queries.bin");
	printf("SQLite %s R*Tree, points %d, queries %d, rounds %d\n", sqlite3_libversion(), P.n, Q.n, rounds);

	sqlite3 *db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		die("sqlite3_open");
	exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;");
	exec(db, "CREATE TABLE vol(id INTEGER PRIMARY KEY, mask INTEGER NOT NULL, lat REAL NOT "
	         "NULL, lon REAL NOT NULL);"
	         "CREATE VIRTUAL TABLE pts USING rtree(id, minlat, maxlat, minlon, maxlon);");
	double t0 = now_s();
	exec(db, "BEGIN");
	sqlite3_stmt *iv = prepare(db, "INSERT INTO vol VALUES (?1, ?2, ?3, ?4)");
	sqlite3_stmt *ip = prepare(db, "INSERT INTO pts VALUES (?1, ?2, ?2, ?3, ?3)");
	for (int i = 0; i < P.n; i++) {
		sqlite3_bind_int64(iv, 1, i);
		sqlite3_bind_int64(iv, 2, (sqlite3_int64)P.mask[i]);
		sqlite3_bind_double(iv, 3, P.lat[i]);
		sqlite3_bind_double(iv, 4, P.lon[i]);
		if (sqlite3_step(iv) != SQLITE_DONE)
			die("insert vol");
		sqlite3_reset(iv);
		sqlite3_bind_int64(ip, 1, i);
		sqlite3_bind_double(ip, 2, P.lat[i]);
		sqlite3_bind_double(ip, 3, P.lon[i]);
		if (sqlite3_step(ip) != SQLITE_DONE)
			die("insert pts");
		sqlite3_reset(ip);
	}
	exec(db, "COMMIT");
	double tb = now_s() - t0;
	sqlite3_int64 cur, hi;
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hi, 0);
	printf("build %.0f ms, SQLite memory %lld bytes (%.1f MB)\n", tb * 1e3, (long long)cur,
	       (double)cur / 1048576.0);

	sqlite3_stmt *st = prepare(db, "SELECT v.id, v.lat, v.lon FROM pts p JOIN vol v ON v.id = "
	                               "p.id WHERE p.minlat <= ?1 AND p.maxlat >= ?2 AND "
	                               "p.minlon <= ?3 AND p.maxlon >= ?4 AND (v.mask & ?5) = ?5");

	struct geoindex *ix = geoindex_new();
	if (!ix || geoindex_reserve(ix, (size_t)P.n) < 0)
		die("out of memory");
	for (int i = 0; i < P.n; i++)
		if (geoindex_put(ix, i, P.lat[i], P.lon[i], P.mask[i]) < 0)
			die("put");

	int cap = P.n;
	struct geo_hit *buf = malloc((size_t)cap * sizeof *buf);
	double *us = malloc((size_t)rounds * (size_t)Q.n * sizeof *us);
	if (!buf || !us)
		die("out of memory");
	struct geo_hit got[K], want[K];
	int bad = 0;
	size_t si = 0;
	for (int rd = 0; rd < rounds; rd++) {
		for (int q = 0; q < Q.n; q++) {
			double s = now_s();
			int n = rtree_query(st, Q.lat[q], Q.lon[q], Q.mask[q], buf, cap, got);
			us[si++] = (now_s() - s) * 1e6;
			if (rd > 0)
				continue;
			int nw = geoindex_nearest(ix, Q.lat[q], Q.lon[q], RADIUS_M, Q.mask[q], K, want);
			int ok = n == nw;
			for (int i = 0; ok && i < n; i++)
				ok = got[i].id == want[i].id && got[i].distance_m == want[i].distance_m;
			bad += !ok;
		}
	}
	printf("check: %d/%d queries agree with geoindex\n", Q.n - bad, Q.n);
	report("SQLite R*Tree per query", us, si);
	printf("RESULT name=sqlite_rtree p50_us=%.2f p99_us=%.2f build_ms=%.0f mem_mb=%.1f exact=%d/%d\n",
	       pct(us, si, 0.5), pct(us, si, 0.99), tb * 1e3, (double)cur / 1048576.0, Q.n - bad, Q.n);
	sqlite3_finalize(st);
	sqlite3_finalize(iv);
	sqlite3_finalize(ip);
	sqlite3_close(db);
	geoindex_free(ix);
	return bad ? 1 : 0;
}
