/* bench_pg.c - the emergency search done with PostGIS KNN, side by side with
 * domain/geoindex on the same instance (bench_knn.c has the details).
 *
 * Loads the 1,000,000 volunteers into a PostgreSQL table (id int, mask
 * bigint, geog geography(Point, 4326)) with a GiST index on geog, then runs
 * the 1,000 queries as one prepared statement:
 *
 *   SELECT id, geog <-> q FROM vol
 *   WHERE (mask & $3) = $3 AND ST_DWithin(geog, q, $4, false)
 *   ORDER BY geog <-> q LIMIT $5        q = ST_MakePoint($1, $2)::geography
 *
 * Distances are on PostGIS's sphere (`<->` on geography, and ST_DWithin
 * with use_spheroid = false), not the spheroid: the same great circle as the
 * index, on radius (2a + b) / 3 = 6371008.7714 m of WGS 84 where the index
 * uses 6371008.8 m, so distances agree to 4.5e-9 relative. Every answer is
 * compared with geoindex_nearest (itself checked against brute force by
 * bench_knn): the same ids in the same order, distances within 1e-8
 * relative.
 *
 * Plans: the planner cannot estimate (mask & $3) = $3 (it guesses one row),
 * so it prefers reading the whole 10 km box through a bitmap scan and
 * sorting; with enable_sort = off it takes the KNN plan (GiST index scan
 * in distance order, stopping after k rows that pass the filter). Both are
 * timed: the KNN plan for ROUNDS rounds, the planner's own choice for
 * DEFAULT_ROUNDS (environment PG_DEFAULT_ROUNDS, default 1; 0 skips it).
 * The session has jit = off and max_parallel_workers_per_gather = 0 (one
 * query at a time, latency per query). Each query is timed at the client:
 * clock_gettime around PQexecPrepared over the Unix socket, results parsed.
 *
 *   bench_pg DATADIR CONNINFO [ROUNDS]
 *
 * Prints a RESULT line per variant for run.sh. Exit status 0 only if every
 * answer agreed. */
#include "instances.h"

#include <libpq-fe.h>

#include "domain/geoindex.h"
#include "points.h"

#define K        20
#define RADIUS_M 10000.0

static PGconn *db;

static void sql(const char *q)
{
	PGresult *r = PQexec(db, q);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		fprintf(stderr, "postgres: %s: %s", q, PQerrorMessage(db));
		exit(2);
	}
	PQclear(r);
}

/* The first column of the first row of a query, as a number. */
static double sql_num(const char *q)
{
	PGresult *r = PQexec(db, q);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1) {
		fprintf(stderr, "postgres: %s: %s", q, PQerrorMessage(db));
		exit(2);
	}
	double v = strtod(PQgetvalue(r, 0, 0), NULL);
	PQclear(r);
	return v;
}

static double pct(const double *sorted, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return sorted[i < n ? i : n - 1];
}

/* COPY the points in, as text rows id, mask, lon, lat (%.17g: exact). */
static void copy_points(const struct pts *P)
{
	PGresult *r = PQexec(db, "COPY vol_raw FROM STDIN");
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		fprintf(stderr, "postgres: COPY: %s", PQerrorMessage(db));
		exit(2);
	}
	PQclear(r);
	char buf[1 << 16];
	size_t len = 0;
	for (int i = 0; i < P->n; i++) {
		int w = snprintf(buf + len, sizeof buf - len, "%d\t%lld\t%.17g\t%.17g\n", i,
		                 (long long)(int64_t)P->mask[i], P->lon[i], P->lat[i]);
		if (w < 0)
			die("snprintf");
		if ((size_t)w >= sizeof buf - len) { /* full: send and redo this row */
			if (PQputCopyData(db, buf, (int)len) != 1)
				die("PQputCopyData");
			len = 0;
			i--;
			continue;
		}
		len += (size_t)w;
	}
	if ((len && PQputCopyData(db, buf, (int)len) != 1) || PQputCopyEnd(db, NULL) != 1)
		die("COPY end");
	r = PQgetResult(db);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "postgres: COPY: %s", PQerrorMessage(db));
		exit(2);
	}
	PQclear(r);
	while ((r = PQgetResult(db)))
		PQclear(r);
}

/* The query: $1 lon, $2 lat, $3 required mask, $4 radius, $5 k. */
static const char KNN_SQL[] =
    "SELECT id, geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS d FROM vol "
    "WHERE (mask & $3) = $3 AND ST_DWithin(geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $4, false) "
    "ORDER BY geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography LIMIT $5";

static void prepare(void)
{
	PGresult *r = PQprepare(db, "knn", KNN_SQL, 5, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "postgres: prepare: %s", PQerrorMessage(db));
		exit(2);
	}
	PQclear(r);
}

/* One query through PostgreSQL; returns the number of hits. */
static int pg_query(double lat, double lon, uint64_t req, struct geo_hit *out)
{
	char a[4][40];
	snprintf(a[0], sizeof a[0], "%.17g", lon);
	snprintf(a[1], sizeof a[1], "%.17g", lat);
	snprintf(a[2], sizeof a[2], "%lld", (long long)(int64_t)req);
	snprintf(a[3], sizeof a[3], "%.17g", RADIUS_M);
	const char *v[5] = {a[0], a[1], a[2], a[3], "20"};
	PGresult *r = PQexecPrepared(db, "knn", 5, v, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "postgres: query: %s", PQerrorMessage(db));
		exit(2);
	}
	int n = PQntuples(r);
	if (n > K)
		n = K;
	for (int i = 0; i < n; i++) {
		out[i].id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
		out[i].distance_m = strtod(PQgetvalue(r, i, 1), NULL);
	}
	PQclear(r);
	return n;
}

/* Same ids in the same order and distances within 1e-8 relative; an order
 * swap between distances that close counts as agreeing too. */
static int agree(const struct geo_hit *got, int n, const struct geo_hit *want, int nw, double *maxrel)
{
	if (n != nw)
		return 0;
	for (int i = 0; i < n; i++) {
		double rel =
		    fabs(got[i].distance_m - want[i].distance_m) / (want[i].distance_m > 1 ? want[i].distance_m : 1);
		if (rel > *maxrel)
			*maxrel = rel;
		if (rel > 1e-8)
			return 0;
		if (got[i].id != want[i].id) {
			int j = 0;
			while (j < n && want[j].id != got[i].id)
				j++;
			if (j == n || fabs(want[j].distance_m - want[i].distance_m) > 1e-8 * want[i].distance_m)
				return 0;
		}
	}
	return 1;
}

/* Time `rounds` rounds of every query (shuffled order), check the first
 * round against geoindex; prints the percentiles and a RESULT line. */
static int run(const char *label, const char *name, const struct pts *Q, int rounds, struct geo_hit (*want)[K],
               const int *nwant, double build_ms, double mb)
{
	size_t ns = (size_t)rounds * (size_t)Q->n, si = 0;
	double *us = malloc(ns * sizeof *us);
	int *order = malloc((size_t)Q->n * sizeof *order);
	if (!us || !order)
		die("out of memory");
	for (int q = 0; q < Q->n; q++)
		order[q] = q;
	struct rng r = {79};
	int bad = 0;
	double maxrel = 0;
	struct geo_hit got[K];
	for (int rd = 0; rd < rounds; rd++) {
		for (int q = Q->n - 1; q > 0; q--) {
			int j = (int)rng_int(&r, 0, q), t = order[q];
			order[q] = order[j];
			order[j] = t;
		}
		for (int i = 0; i < Q->n; i++) {
			int q = order[i];
			double s = now_s();
			int n = pg_query(Q->lat[q], Q->lon[q], Q->mask[q], got);
			us[si++] = (now_s() - s) * 1e6;
			if (rd == 0 && !agree(got, n, want[q], nwant[q], &maxrel)) {
				if (bad < 5)
					fprintf(stderr, "DISAGREE %s query %d: %d hits, geoindex %d\n", name, q, n,
					        nwant[q]);
				bad++;
			}
		}
	}
	qsort(us, ns, sizeof *us, dbl_cmp);
	double sum = 0;
	for (size_t i = 0; i < ns; i++)
		sum += us[i];
	printf("check %s: %d/%d queries agree with geoindex (largest distance difference %.2g relative)\n", name,
	       Q->n - bad, Q->n, maxrel);
	printf("%-28s n=%zu  mean %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (us)\n", label, ns, sum / (double)ns,
	       pct(us, ns, 0.5), pct(us, ns, 0.9), pct(us, ns, 0.99), us[ns - 1]);
	printf("RESULT name=%s p50_us=%.2f p99_us=%.2f build_ms=%.0f mem_mb=%.1f exact=%d/%d\n", name, pct(us, ns, 0.5),
	       pct(us, ns, 0.99), build_ms, mb, Q->n - bad, Q->n);
	free(us);
	free(order);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s DATADIR CONNINFO [ROUNDS]\n", argv[0]);
		return 1;
	}
	int rounds = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 3;
	if (rounds < 1)
		rounds = 1;
	const char *dr = getenv("PG_DEFAULT_ROUNDS");
	int default_rounds = dr ? (int)strtol(dr, NULL, 10) : 1;
	struct pts P = read_pts(argv[1], "points.bin");
	struct pts Q = read_pts(argv[1], "queries.bin");
	db = PQconnectdb(argv[2]);
	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "postgres: %s", PQerrorMessage(db));
		return 2;
	}
	sql("SET client_min_messages = warning");
	sql("CREATE EXTENSION IF NOT EXISTS postgis");
	PGresult *vr = PQexec(db, "SELECT version(), postgis_lib_version(), current_setting('shared_buffers')");
	if (PQresultStatus(vr) == PGRES_TUPLES_OK && PQntuples(vr) == 1)
		printf("%s; PostGIS %s; shared_buffers %s\n", PQgetvalue(vr, 0, 0), PQgetvalue(vr, 0, 1),
		       PQgetvalue(vr, 0, 2));
	PQclear(vr);
	printf("points %d, queries %d, rounds %d (KNN plan), %d (planner's choice)\n", P.n, Q.n, rounds,
	       default_rounds);

	/* build: load, geography column, GiST index, statistics */
	sql("DROP TABLE IF EXISTS vol, vol_raw");
	sql("CREATE UNLOGGED TABLE vol_raw (id int, mask bigint, lon float8, lat float8)");
	double t0 = now_s();
	copy_points(&P);
	double t1 = now_s();
	sql("CREATE TABLE vol AS SELECT id, mask, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography(Point, 4326) "
	    "AS geog FROM vol_raw");
	sql("ALTER TABLE vol ADD PRIMARY KEY (id)");
	double t2 = now_s();
	sql("CREATE INDEX vol_geog ON vol USING gist (geog)");
	double t3 = now_s();
	sql("VACUUM ANALYZE vol");
	double t4 = now_s();
	sql("DROP TABLE vol_raw");
	double build_ms = (t4 - t0) * 1e3;
	double heap = sql_num("SELECT pg_relation_size('vol')"), gist = sql_num("SELECT pg_relation_size('vol_geog')"),
	       total = sql_num("SELECT pg_total_relation_size('vol')");
	printf("build %.0f ms: COPY %.0f ms, table with geography and primary key %.0f ms, GiST index %.0f ms, "
	       "VACUUM ANALYZE %.0f ms\n",
	       build_ms, (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t4 - t3) * 1e3);
	printf("sizes: table %.1f MB, GiST index %.1f MB, total with primary key and TOAST %.1f MB\n", heap / 1048576.0,
	       gist / 1048576.0, total / 1048576.0);

	/* the answers to agree with */
	struct geoindex *ix = geoindex_new();
	if (!ix || geoindex_reserve(ix, (size_t)P.n) < 0)
		die("out of memory");
	for (int i = 0; i < P.n; i++)
		if (geoindex_put(ix, i, P.lat[i], P.lon[i], P.mask[i]) < 0)
			die("put");
	struct geo_hit(*want)[K] = malloc((size_t)Q.n * sizeof *want);
	int *nwant = malloc((size_t)Q.n * sizeof *nwant);
	if (!want || !nwant)
		die("out of memory");
	for (int q = 0; q < Q.n; q++)
		nwant[q] = geoindex_nearest(ix, Q.lat[q], Q.lon[q], RADIUS_M, Q.mask[q], K, want[q]);
	geoindex_free(ix);

	sql("SET jit = off");
	sql("SET max_parallel_workers_per_gather = 0");
	prepare();
	double mb = total / 1048576.0;
	int bad = 0;
	sql("SET enable_sort = off");
	/* one query to warm the plan cache, then the timed rounds */
	struct geo_hit tmp[K];
	pg_query(Q.lat[0], Q.lon[0], Q.mask[0], tmp);
	bad += run("PostGIS KNN per query", "postgis_knn", &Q, rounds, want, nwant, build_ms, mb);
	if (default_rounds > 0) {
		sql("RESET enable_sort");
		sql("DEALLOCATE knn");
		prepare();
		pg_query(Q.lat[0], Q.lon[0], Q.mask[0], tmp);
		bad += run("PostGIS, planner's plan", "postgis_default", &Q, default_rounds, want, nwant, build_ms, mb);
	}
	PQfinish(db);
	return bad ? 1 : 0;
}
