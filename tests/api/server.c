/* server.c - the real `liandong` binary as a child process: `init` and
 * `user add` runs, `serve` on a free loopback port with a health poll,
 * stopping by signal, and the log tail shown when a test fails. */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

void print_log_tail(const struct srv *s)
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
	/* every server can take signed SMS webhooks (t_replies.c); a test's
	 * own environment comes after and may change it */
	setenv("LIANDONG_SMS_WEBHOOK_SECRET", TEST_SMS_SECRET, 1);
	for (size_t i = 0; s->env && s->env[i]; i++)
		putenv((char *)s->env[i]);
	signal(SIGPIPE, SIG_DFL);
}

double now_s(void)
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
int run_tool(const struct srv *s, const char *const *argv, const char *input)
{
	return run_tool_for(s, argv, input, 120);
}

int run_tool_for(const struct srv *s, const char *const *argv, const char *input, double secs)
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
	int st = wait_for(pid, secs);
	if (st == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

pid_t spawn_tool(const struct srv *s, const char *const *argv)
{
	pid_t pid = fork();
	if (pid == 0) {
		child_setup(s, -1);
		execv(s->bin, (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* A loopback TCP port free at this moment (harness.h). */
int free_port(void)
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

static bool start_once(struct srv *s, bool bare)
{
	s->port = free_port();
	if (s->port <= 0)
		return false;
	char listen[64];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", s->port);
	const char *argv[24] = {s->bin, "serve", "--db", s->db, "--key-file", s->key, "--listen", listen};
	size_t na = 8;
	if (s->public_url) {
		argv[na++] = "--public-url";
		argv[na++] = s->public_url;
	}
	for (size_t i = 0; s->serve_args && s->serve_args[i] && na + 1 < sizeof argv / sizeof *argv; i++)
		argv[na++] = s->serve_args[i];
	const char *bare_argv[] = {s->bin, "serve", "--listen", listen, NULL};
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		child_setup(s, -1);
		execv(s->bin, (char *const *)(bare ? bare_argv : argv));
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

static bool start(struct srv *s, bool bare)
{
	for (int attempt = 0; attempt < 3; attempt++)
		if (start_once(s, bare))
			return true;
	check_fail(__FILE__, __LINE__, NULL,
		"server did not answer GET /api/v1/health with 200 within 10 s");
	return false;
}

bool srv_start(struct srv *s)
{
	return start(s, false);
}

bool srv_start_bare(struct srv *s)
{
	return start(s, true);
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
	} else if (sig == SIGTERM && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
		/* A clean shutdown exits 0; under ASan a leak or error makes it
		 * exit non-zero with the report in the server log. */
		check_fail(__FILE__, __LINE__, NULL, "server did not exit cleanly after SIGTERM (status 0x%x)", st);
	}
	s->pid = 0;
	return st;
}

bool srv_setup(struct srv *s)
{
	const char *init[] = {s->bin, "init", "--db", s->db, "--key-file", s->key, NULL};
	int rc = run_tool(s, init, NULL);
	if (rc != 0) {
		check_fail(__FILE__, __LINE__, NULL, "`liandong init` exited %d", rc);
		return false;
	}
	const char *add[] = {s->bin, "user", "add", "--db", s->db, "--key-file", s->key, "--username",
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
