/* t_net.c - issue 13's network and sign-in findings: slow clients cannot
 * starve the others, a busy port stops a second server unless every server
 * shares it on purpose, numeric path ids only in canonical form, database
 * files the owner's alone, the session cookie Secure over HTTPS, and login
 * throttling by account and by client address. */
#include "tests.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const proxy_args[] = {"--trusted-proxy", "127.0.0.1", NULL};

static void sleep_s(double secs)
{
	struct timespec ts = {(time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Restart the server with these extra serve options. */
static bool restart_with(struct srv *s, const char *const *args)
{
	srv_stop(s, SIGTERM);
	s->serve_args = args;
	return srv_start(s);
}

static int occurrences(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* --- slow clients --- */

/* A TCP connection from the loopback address `src` to the server, or -1. */
static int conn_from(const char *src, int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET}, d = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, src, &a.sin_addr);
	d.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
			connect(fd, (struct sockaddr *)&d, sizeof d) != 0)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Whether the server has closed fd (end of file or reset); waits up to ms. */
static bool peer_closed(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	if (poll(&p, 1, ms) <= 0)
		return false;
	char buf[512];
	ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* GET /api/v1/health over a new connection from `src`: the status, or 0
 * when no status line came within ms. */
static int health_from(const char *src, int port, int ms)
{
	int fd = conn_from(src, port);
	if (fd < 0)
		return 0;
	static const char rq[] = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
	int status = 0;
	char buf[64] = {0};
	size_t got = 0;
	double end = now_s() + ms / 1000.0;
	if (send(fd, rq, sizeof rq - 1, MSG_NOSIGNAL) == (ssize_t)(sizeof rq - 1)) {
		while (got < 12 && now_s() < end) {
			struct pollfd p = {.fd = fd, .events = POLLIN};
			if (poll(&p, 1, (int)((end - now_s()) * 1000) + 1) <= 0)
				continue;
			ssize_t n = recv(fd, buf + got, sizeof buf - 1 - got, 0);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got >= 12 && strncmp(buf, "HTTP/1.1 ", 9) == 0)
			status = (int)strtol(buf + 9, NULL, 10);
	}
	close(fd);
	return status;
}

/* 1,100 connections from one address trickle a header byte a second (the
 * attack held all 1,000 of the server's connections with the idle timeout
 * restarted by every byte). The address gets --max-conns-per-ip (64) of
 * them, a fresh client from another address is answered at once, and the
 * trickling ones are closed at the header deadline. */
void t_slow_clients_cannot_starve_others(struct srv *s)
{
	static const char *const args[] = {"--header-timeout", "2", NULL};
	if (!restart_with(s, args))
		return;
	enum { N = 1100 };
	int *fds = track(calloc(N, sizeof *fds), free);
	int opened = 0;
	double t0 = now_s();
	for (int i = 0; i < N; i++) {
		fds[i] = conn_from("127.0.0.3", s->port);
		if (fds[i] >= 0) {
			opened++;
			send(fds[i], "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n", 38, MSG_NOSIGNAL);
		}
	}
	CHECKM(opened == N, "opened %d of %d connections", opened, N);
	double t1 = now_s();
	int st = health_from("127.0.0.2", s->port, 3000);
	double took = now_s() - t1;
	CHECKM(st == 200, "health from a fresh address with %d trickling connections: status %d after %.1f s", opened,
	       st, took);
	note("opened %d trickling connections in %.2f s; health answered %d in %.3f s", opened, t1 - t0, st, took);
	/* trickle a byte a second; count those the server still holds */
	int live = 0;
	for (int round = 0; round < 5; round++) {
		live = 0;
		for (int i = 0; i < N; i++) {
			if (fds[i] < 0)
				continue;
			if (peer_closed(fds[i], 0) || send(fds[i], "X", 1, MSG_NOSIGNAL) != 1) {
				close(fds[i]);
				fds[i] = -1;
				continue;
			}
			live++;
		}
		if (round == 0)
			CHECKM(live <= 64, "%d connections from one address still open, want at most 64", live);
		if (live == 0)
			break;
		sleep_s(1);
	}
	double gone = now_s() - t0;
	CHECKM(live == 0, "%d trickling connections still open %.1f s after they opened (header deadline 2 s)", live,
	       gone);
	note("every trickling connection closed within %.1f s", gone);
	for (int i = 0; i < N; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	EXPECT_STATUS(http(s, "GET", "/api/v1/health", NULL, NULL), 200);
}

/* --- the listening port --- */

void t_busy_port_refused_unless_reuse_port(struct srv *s)
{
	const char *listen = fmt("127.0.0.1:%d", s->port);
	const char *argv[] = {s->bin, "serve", "--db", s->db, "--key-file", s->key, "--listen", listen, NULL};
	int rc = run_tool_for(s, argv, NULL, 6);
	CHECKM(rc == 1, "a second serve on the busy %s exited %d, want 1 (-1: it was serving)", listen, rc);
	char *log = slurp(s->log, NULL);
	CHECKM(log && strstr(log, fmt("address in use: %s", listen)), "the log does not say \"address in use: %s\"",
	       listen);

	static const char *const reuse[] = {"--reuse-port", NULL};
	if (!restart_with(s, reuse))
		return;
	listen = fmt("127.0.0.1:%d", s->port);
	const char *serving = fmt("serving on http://%s/", listen);
	/* the restarted server answers health as soon as it listens, and may
	 * write its "serving on" line a moment later: count once it is there */
	int before = 0;
	for (int i = 0; i < 200 && (before = occurrences(slurp(s->log, NULL), serving)) < 1; i++)
		sleep_s(0.01);
	const char *argv2[] = {s->bin, "serve", "--db", s->db, "--key-file", s->key, "--listen", listen,
			       "--reuse-port", NULL};
	rc = run_tool_for(s, argv2, NULL, 3);
	CHECKM(rc == -1, "a second serve with --reuse-port exited %d, want it serving until killed", rc);
	CHECK_INT(occurrences(slurp(s->log, NULL), serving), before + 1);
	EXPECT_STATUS(http(s, "GET", "/api/v1/health", NULL, NULL), 200);
}

/* --- path ids --- */

void t_numeric_path_ids_only_in_canonical_form(struct srv *s)
{
	long long id = MK_PERSON(s, s->admin, "Canonical", NULL, NULL, 0);
	if (id < 0)
		return;
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/people/%lld", id), s->admin, NULL), 200);
	const char *const bad[] = {"0%lld", "00%lld", "%lld%%00", "%lld%%00/stages", "+%lld", "%%2B%lld", "%lld%%20",
				   "%lld%%09", "-%lld"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *seg = fmt(bad[i], id);
		EXPECT_STATUS(http(s, "GET", fmt("/api/v1/people/%s", seg), s->admin, NULL), 404);
	}
	/* a %00 elsewhere in a path is not a cut either */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/people/%lld%%00x", id), s->admin, NULL), 404);
}

/* --- file modes --- */

static void check_owner_only(const char *path, bool required)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		CHECKM(!required, "%s is missing", path);
		return;
	}
	CHECKM((st.st_mode & 077) == 0, "%s has mode %03o, want no group or other access", path,
	       (unsigned)(st.st_mode & 0777));
}

void t_database_files_are_owner_only(struct srv *s)
{
	/* a write, so that SQLite's -wal and -shm exist */
	if (MK_PERSON(s, s->admin, "Private", NULL, NULL, 0) < 0)
		return;
	if (!pg_mode()) {
		check_owner_only(s->db, true);
		check_owner_only(fmt("%s-wal", s->db), false);
		check_owner_only(fmt("%s-shm", s->db), false);
	}
	check_owner_only(s->key, true);
	const char *bak = fmt("%s/backup.db", s->dir), *csv = fmt("%s/people.csv", s->dir);
	const char *backup[] = {s->bin, "backup", "--db", s->db, "--key-file", s->key, "--to", bak, NULL};
	const char *export[] = {s->bin, "export", "--db", s->db, "--key-file", s->key, "--kind", "people", "--out", csv,
				NULL};
	if (CHECK_INT(run_tool(s, backup, NULL), 0))
		check_owner_only(bak, true);
	if (CHECK_INT(run_tool(s, export, NULL), 0))
		check_owner_only(csv, true);
	/* a fresh deployment made by serve itself */
	struct srv fresh = *s;
	fresh.pid = 0;
	fresh.serve_args = NULL;
	if (!pg_mode() && srv_start_bare(&fresh)) {
		check_owner_only(fmt("%s/liandong.db", s->dir), true);
		check_owner_only(fmt("%s/liandong.db.key", s->dir), true);
		srv_stop(&fresh, SIGTERM);
	}
}

/* --- the session cookie --- */

static bool login_cookie_secure(struct srv *s, const char *extra_header)
{
	struct resp *r = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/login",
		.body = "{\"username\":\"" ADMIN_USER "\",\"password\":\"" ADMIN_PASS "\"}",
		.extra_header = extra_header});
	if (!EXPECT_STATUS(r, 200))
		return false;
	const char *line = resp_set_cookie(r, "ld_session");
	const char *csrf = resp_set_cookie(r, "ld_csrf");
	CHECKR(r, line != NULL && csrf != NULL);
	bool secure = line && strstr(line, "; Secure") != NULL;
	CHECKM(!csrf || (strstr(csrf, "; Secure") != NULL) == secure, "ld_csrf and ld_session differ in Secure");
	return secure;
}

void t_session_cookie_secure_over_https(struct srv *s)
{
	CHECKM(!login_cookie_secure(s, NULL), "Secure on a plain http:// server");
	/* X-Forwarded-Proto from anyone but a trusted proxy is not believed */
	CHECKM(!login_cookie_secure(s, "X-Forwarded-Proto: https"), "Secure from an untrusted X-Forwarded-Proto");
	s->public_url = "https://liandong.example.org";
	if (!restart_with(s, NULL))
		return;
	CHECKM(login_cookie_secure(s, NULL), "no Secure with an https:// --public-url");
	s->public_url = NULL;
	if (!restart_with(s, proxy_args))
		return;
	CHECKM(login_cookie_secure(s, "X-Forwarded-Proto: https"), "no Secure behind a trusted proxy over https");
	CHECKM(!login_cookie_secure(s, "X-Forwarded-Proto: http"), "Secure behind a trusted proxy over http");
	static const char *const forced[] = {"--secure-cookies", NULL};
	if (!restart_with(s, forced))
		return;
	CHECKM(login_cookie_secure(s, NULL), "no Secure with --secure-cookies");
}

/* --- login throttling --- */

static struct resp *login_from(struct srv *s, const char *addr, const char *user, const char *pass)
{
	return http_req(s, &(struct req){.method = "POST", .path = "/api/v1/login",
		.body = fmt("{\"username\":\"%s\",\"password\":\"%s\"}", user, pass),
		.extra_header = fmt("X-Forwarded-For: 10.9.9.9, %s", addr)});
}

static void expect_429(struct resp *r, long max_wait)
{
	if (!EXPECT_ERR(r, 429, "too_many_requests", NULL))
		return;
	const char *ra = resp_header(r, "Retry-After");
	long secs = ra ? strtol(ra, NULL, 10) : -1;
	CHECKM(secs >= 1 && secs <= max_wait, "Retry-After %s, want 1..%ld", ra ? ra : "(none)", max_wait);
}

/* Wrong passwords from one address do not keep the owner out elsewhere. */
void t_login_lockout_by_another_address_fails(struct srv *s)
{
	if (MK_USER(s, s->admin, "owner", 0, "[{\"role\":\"resident\"}]") < 0 || !restart_with(s, proxy_args))
		return;
	struct resp *r = NULL;
	for (int i = 0; i < 8; i++) {
		r = login_from(s, "203.0.113.7", "owner", "wrong-password");
		CHECKR(r, r->status == 401 || r->status == 429);
	}
	/* the guesser is slowed down */
	expect_429(r, 900);
	EXPECT_STATUS(login_from(s, "198.51.100.9", "owner", USER_PASS), 200);
	/* and stays slowed down after the owner signed in */
	expect_429(login_from(s, "203.0.113.7", "owner", USER_PASS), 900);
}

/* Guessing across usernames from one address stops after 20 failures,
 * whatever username comes next; other addresses are not affected. */
void t_login_spraying_from_one_address_is_stopped(struct srv *s)
{
	if (!restart_with(s, proxy_args))
		return;
	for (int i = 0; i < 20; i++)
		EXPECT_ERR(login_from(s, "203.0.113.8", fmt("sprayed%d", i), "wrong-password"), 401, "unauthorized", NULL);
	expect_429(login_from(s, "203.0.113.8", "sprayed99", "wrong-password"), 900);
	expect_429(login_from(s, "203.0.113.8", ADMIN_USER, ADMIN_PASS), 900);
	EXPECT_STATUS(login_from(s, "198.51.100.10", ADMIN_USER, ADMIN_PASS), 200);
	/* the address is the last X-Forwarded-For entry, the one the proxy
	 * appended: a client cannot pick another one by sending its own */
	expect_429(http_req(s, &(struct req){.method = "POST", .path = "/api/v1/login",
		.body = "{\"username\":\"" ADMIN_USER "\",\"password\":\"" ADMIN_PASS "\"}",
		.extra_header = "X-Forwarded-For: 198.51.100.11, 203.0.113.8"}), 900);
}

/* The throttle lives in the store: failures seen by one server process
 * count in another. */
void t_login_throttle_holds_across_server_processes(struct srv *s)
{
	if (!restart_with(s, proxy_args))
		return;
	struct srv two = *s;
	two.pid = 0;
	if (!srv_start(&two))
		return;
	for (int i = 0; i < 20; i++)
		EXPECT_ERR(login_from(i % 2 ? &two : s, "203.0.113.9", fmt("sprayed%d", i), "wrong-password"), 401,
			   "unauthorized", NULL);
	expect_429(login_from(&two, "203.0.113.9", ADMIN_USER, ADMIN_PASS), 900);
	expect_429(login_from(s, "203.0.113.9", ADMIN_USER, ADMIN_PASS), 900);
	srv_stop(&two, SIGTERM);
}
