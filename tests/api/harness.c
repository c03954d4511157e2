/* harness.c - the test runner: temp directories, starting and stopping the
 * real `liandong` binary, failure recording and per-test allocation tracking.
 * See harness.h. */
#include "harness.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_fails;

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

/* ---------- files and processes ---------- */

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf == NULL)
		return NULL;
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return track(buf, free);
}

static void print_log_tail(const struct srv *s)
{
	size_t len = 0;
	char *log = slurp(s->log, &len);
	if (log == NULL || len == 0) {
		printf("    (server log %s is empty)\n", s->log);
		return;
	}
	size_t start = len > 3000 ? len - 3000 : 0;
	while (start > 0 && start < len && log[start - 1] != '\n')
		start++;
	printf("    --- server log tail (%s) ---\n", s->log);
	for (char *line = log + start; *line != '\0';) {
		char *nl = strchr(line, '\n');
		int n = nl ? (int)(nl - line) : (int)strlen(line);
		printf("    | %.*s\n", n, line);
		line += n + (nl != NULL);
	}
	printf("    ---\n");
}

/* Child side of a fork: log as stdout/stderr, cwd the temp dir, and die with
 * the test runner. */
static void child_setup(const struct srv *s, int in_fd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	int fd = open(s->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	if (in_fd >= 0) {
		dup2(in_fd, 0);
		close(in_fd);
	} else {
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0) {
			dup2(nul, 0);
			close(nul);
		}
	}
	if (chdir(s->dir) != 0)
		_exit(126);
	signal(SIGPIPE, SIG_DFL);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait for `pid` up to `secs`; returns the wait status or -1 on timeout. */
static int wait_for(pid_t pid, double secs)
{
	double end = now_s() + secs;
	for (;;) {
		int st;
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return st;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now_s() > end)
			return -1;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

/* Run `liandong argv...` to completion with `input` on stdin; exit code. */
static int run_tool(const struct srv *s, const char *const *argv, const char *input)
{
	int pfd[2] = {-1, -1};
	if (input != NULL && pipe(pfd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (pfd[1] >= 0)
			close(pfd[1]);
		child_setup(s, pfd[0]);
		execv(s->bin, (char *const *)argv);
		_exit(127);
	}
	if (input != NULL) {
		close(pfd[0]);
		size_t len = strlen(input), off = 0;
		while (off < len) {
			ssize_t w = write(pfd[1], input + off, len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		close(pfd[1]);
	}
	int st = wait_for(pid, 120);
	if (st == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	socklen_t al = sizeof a;
	int port = -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &al) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static bool start_once(struct srv *s)
{
	s->port = free_port();
	if (s->port <= 0)
		return false;
	char listen[64];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", s->port);
	const char *argv[] = {s->bin, "serve", "--db", s->db, "--listen", listen, NULL};
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		child_setup(s, -1);
		execv(s->bin, (char *const *)argv);
		_exit(127);
	}
	s->pid = pid;
	double end = now_s() + 10;
	while (now_s() < end) {
		int st;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			s->pid = 0;
			return false;
		}
		struct resp *r = http_req(s, &(struct req){.method = "GET",
			.path = "/api/v1/health", .untracked = true, .timeout_ms = 1000});
		long code = r->status;
		resp_free(r);
		if (code == 200)
			return true;
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	s->pid = 0;
	return false;
}

bool srv_start(struct srv *s)
{
	for (int attempt = 0; attempt < 3; attempt++)
		if (start_once(s))
			return true;
	check_fail(__FILE__, __LINE__, NULL,
		"server did not answer GET /api/v1/health with 200 within 10 s");
	return false;
}

int srv_stop(struct srv *s, int sig)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, sig);
	int st = wait_for(s->pid, 10);
	if (st == -1) {
		check_fail(__FILE__, __LINE__, NULL,
			"server did not exit within 10 s of signal %d; killed", sig);
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &st, 0);
	}
	s->pid = 0;
	return st;
}

static bool srv_setup(struct srv *s)
{
	const char *init[] = {s->bin, "init", "--db", s->db, NULL};
	int rc = run_tool(s, init, NULL);
	if (rc != 0) {
		check_fail(__FILE__, __LINE__, NULL, "`liandong init` exited %d", rc);
		return false;
	}
	const char *add[] = {s->bin, "user", "add", "--db", s->db, "--username",
		ADMIN_USER, "--role", "platform_admin", "--password-stdin", NULL};
	rc = run_tool(s, add, ADMIN_PASS "\n");
	if (rc != 0) {
		check_fail(__FILE__, __LINE__, NULL, "`liandong user add` exited %d", rc);
		return false;
	}
	if (!srv_start(s))
		return false;
	struct resp *r = http(s, "POST", "/api/v1/login", NULL,
		"{\"username\":\"" ADMIN_USER "\",\"password\":\"" ADMIN_PASS "\"}");
	if (!EXPECT_STATUS(r, 200))
		return false;
	s->admin = jstr(r->json, "token");
	s->admin_id = jint(r->json, "user.id");
	return CHECKR(r, s->admin != NULL && s->admin_id > 0);
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
	const char *bin = argv[1];
	const char *filter = argc > 2 ? argv[2] : NULL;
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "%s: not an executable: %s\n", argv[0], bin);
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
	int passed = 0, failed = 0;
	for (size_t i = 0; i < n; i++) {
		if (filter != NULL && strstr(tests[i].name, filter) == NULL)
			continue;
		struct srv s = {.bin = bin};
		snprintf(s.dir, sizeof s.dir, "%s/%02zu_%s", root, i, tests[i].name);
		snprintf(s.db, sizeof s.db, "%s/t.db", s.dir);
		snprintf(s.log, sizeof s.log, "%s/server.log", s.dir);
		pthread_mutex_lock(&g_lock);
		g_fails = 0;
		pthread_mutex_unlock(&g_lock);
		printf("---- %s\n", tests[i].name);
		double t0 = now_s();
		if (mkdir(s.dir, 0700) != 0)
			check_fail(__FILE__, __LINE__, NULL, "mkdir %s: %s", s.dir, strerror(errno));
		else if (srv_setup(&s))
			tests[i].fn(&s);
		if (s.pid > 0)
			srv_stop(&s, SIGTERM);
		int f = test_failures();
		if (f == 0) {
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
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
