/* harness.c - the test runner (temp directories, one fresh server per test,
 * the summary line), failure recording and per-test allocation tracking.
 * See harness.h. */
#include "harness.h"

#include <curl/curl.h>
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_fails;
static char g_skip[200];	/* why the running test skipped a part it cannot run here */

struct tracked {
	void *p;
	void (*fn)(void *);
};
static struct tracked *g_track;
static size_t g_ntrack, g_captrack;

/* ---------- allocation tracking ---------- */

void *track(void *p, void (*fn)(void *))
{
	if (p == NULL)
		return NULL;
	pthread_mutex_lock(&g_lock);
	if (g_ntrack == g_captrack) {
		size_t cap = g_captrack ? g_captrack * 2 : 256;
		struct tracked *t = realloc(g_track, cap * sizeof *t);
		if (t == NULL) {
			pthread_mutex_unlock(&g_lock);
			fputs("out of memory\n", stderr);
			abort();
		}
		g_track = t;
		g_captrack = cap;
	}
	g_track[g_ntrack++] = (struct tracked){p, fn};
	pthread_mutex_unlock(&g_lock);
	return p;
}

static void free_tracked(void)
{
	while (g_ntrack > 0) {
		struct tracked *t = &g_track[--g_ntrack];
		t->fn(t->p);
	}
}

char *fmt(const char *f, ...)
{
	va_list ap;
	char *out = NULL;

	va_start(ap, f);
	int n = vasprintf(&out, f, ap);
	va_end(ap);
	if (n < 0) {
		fputs("out of memory\n", stderr);
		abort();
	}
	return track(out, free);
}

static void json_free(void *p)
{
	json_decref(p);
}

json_t *track_json(json_t *j)
{
	return track(j, json_free);
}

/* ---------- failure recording ---------- */

static void print_resp(const struct resp *r)
{
	if (r == NULL)
		return;
	if (r->status == 0) {
		printf("      request: %s -> transport error: %s\n", r->what, r->err);
		return;
	}
	int n = r->len > 600 ? 600 : (int)r->len;
	printf("      request: %s -> %ld\n      body: %.*s%s\n", r->what,
		r->status, n, r->body ? r->body : "", r->len > 600 ? "..." : "");
}

void check_fail(const char *file, int line, const struct resp *r, const char *f, ...)
{
	va_list ap;

	pthread_mutex_lock(&g_lock);
	g_fails++;
	const char *base = strrchr(file, '/');
	printf("    %s:%d: ", base ? base + 1 : file, line);
	va_start(ap, f);
	vprintf(f, ap);
	va_end(ap);
	putchar('\n');
	print_resp(r);
	fflush(stdout);
	pthread_mutex_unlock(&g_lock);
}

void note(const char *f, ...)
{
	va_list ap;

	pthread_mutex_lock(&g_lock);
	fputs("      ", stdout);
	va_start(ap, f);
	vprintf(f, ap);
	va_end(ap);
	putchar('\n');
	pthread_mutex_unlock(&g_lock);
}

void test_skip(const char *why)
{
	pthread_mutex_lock(&g_lock);
	snprintf(g_skip, sizeof g_skip, "%s", why);
	pthread_mutex_unlock(&g_lock);
}

int test_failures(void)
{
	pthread_mutex_lock(&g_lock);
	int n = g_fails;
	pthread_mutex_unlock(&g_lock);
	return n;
}

/* Every error body must be {"error": {"code": str, "message": str, ...}}. */
static bool error_shape_ok(const struct resp *r)
{
	const char *code = jstr(r->json, "error.code");
	const char *msg = jstr(r->json, "error.message");
	return code != NULL && *code != '\0' && msg != NULL && *msg != '\0';
}

bool expect_status(const char *file, int line, const struct resp *r, long st)
{
	if (r == NULL || r->status != st) {
		check_fail(file, line, r, "expected status %ld, got %ld", st,
			r ? r->status : 0L);
		return false;
	}
	if (st >= 400 && !error_shape_ok(r)) {
		check_fail(file, line, r, "error body lacks error.code/error.message");
		return false;
	}
	return true;
}

bool expect_err(const char *file, int line, const struct resp *r, long st,
	const char *code, const char *field)
{
	if (!expect_status(file, line, r, st))
		return false;
	bool ok = true;
	const char *c = jstr(r->json, "error.code");
	if (code != NULL && (c == NULL || strcmp(c, code) != 0)) {
		check_fail(file, line, r, "expected error.code \"%s\", got \"%s\"",
			code, c ? c : "(none)");
		ok = false;
	}
	const char *fl = jstr(r->json, "error.field");
	if (field != NULL && (fl == NULL || strcmp(fl, field) != 0)) {
		check_fail(file, line, r, "expected error.field \"%s\", got \"%s\"",
			field, fl ? fl : "(none)");
		ok = false;
	}
	return ok;
}

bool check_str(const char *file, int line, const char *what, const char *got,
	const char *want)
{
	if (got != NULL && want != NULL && strcmp(got, want) == 0)
		return true;
	if (got == NULL && want == NULL)
		return true;
	check_fail(file, line, NULL, "%s: expected \"%s\", got \"%s\"", what,
		want ? want : "(null)", got ? got : "(null)");
	return false;
}

bool check_int(const char *file, int line, const char *what, long long got,
	long long want)
{
	if (got == want)
		return true;
	check_fail(file, line, NULL, "%s: expected %lld, got %lld", what, want, got);
	return false;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int harness_main(int argc, char **argv, const struct test *tests, size_t n)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s /path/to/liandong [name-filter]\n", argv[0]);
		return 2;
	}
	/* The tests run the server from their own directories: resolve it. */
	char *bin = realpath(argv[1], NULL);
	const char *filter = argc > 2 ? argv[2] : NULL;
	if (!bin || access(bin, X_OK) != 0) {
		fprintf(stderr, "%s: not an executable: %s\n", argv[0], argv[1]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	char root[] = "/tmp/ld_api_XXXXXX";
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	int passed = 0, failed = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		if (filter != NULL && strstr(tests[i].name, filter) == NULL)
			continue;
		if (tests[i].pg_only && !pg_mode()) {
			printf("skip %s (needs PostgreSQL)\n", tests[i].name);
			skipped++;
			continue;
		}
		struct srv s = {.bin = bin};
		snprintf(s.dir, sizeof s.dir, "%s/%02zu_%s", root, i, tests[i].name);
		snprintf(s.db, sizeof s.db, "%s/t.db", s.dir);
		snprintf(s.key, sizeof s.key, "%s/t.key", s.dir);
		char pgdb[64] = "";
		if (pg_mode()) {
			snprintf(pgdb, sizeof pgdb, "ldt_%d_%zu", (int)getpid(), i);
			if (!pg_create_db(&s, pgdb))
				check_fail(__FILE__, __LINE__, NULL, "cannot create database %s", pgdb);
		}
		snprintf(s.log, sizeof s.log, "%s/server.log", s.dir);
		pthread_mutex_lock(&g_lock);
		g_fails = 0;
		g_skip[0] = 0;
		pthread_mutex_unlock(&g_lock);
		printf("---- %s\n", tests[i].name);
		double t0 = now_s();
		if (mkdir(s.dir, 0700) != 0)
			check_fail(__FILE__, __LINE__, NULL, "mkdir %s: %s", s.dir, strerror(errno));
		else if (srv_setup(&s))
			tests[i].fn(&s);
		if (s.pid > 0)
			srv_stop(&s, SIGTERM);
		if (pgdb[0])
			pg_drop_db(pgdb);
		int f = test_failures();
		if (f == 0 && g_skip[0]) {
			skipped++;
			printf("skip %s (%s; %.1f s)\n", tests[i].name, g_skip, now_s() - t0);
		} else if (f == 0) {
			passed++;
			printf("ok   %s (%.1f s)\n", tests[i].name, now_s() - t0);
		} else {
			failed++;
			print_log_tail(&s);
			printf("FAIL %s (%d failed checks, %.1f s)\n", tests[i].name, f,
				now_s() - t0);
		}
		free_tracked();
	}
	free(g_track);
	if (getenv("LD_API_KEEP_TMP") == NULL)
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	else
		printf("kept %s\n", root);
	curl_global_cleanup();
	printf("%s: %d passed, %d failed, %d skipped\n", expected_store(), passed, failed, skipped);
	free(bin);
	return failed == 0 ? 0 : 1;
}
