/* t_ops.c - what an operator runs and reads (issue 17, points 4 and 5):
 * the JSON access and error lines on stderr (route templates, request ids,
 * never a token, cookie, password, ID number, phone or query), GET /metrics
 * read by Prometheus's own text parser (python3-prometheus-client) and
 * counting exactly, answered to loopback or the metrics token only, the
 * trusted proxy's X-Forwarded-For read from the right, a real nginx with
 * TLS in front (deploy/nginx.conf, a self-signed certificate) and the
 * systemd units checked by systemd-analyze verify. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "care_world.h"
#include "harness.h"
#include "tests.h"

#ifndef LD_SOURCE_DIR
#error "LD_SOURCE_DIR: the repository, for deploy/ (CMakeLists.txt)"
#endif

#define PY "/usr/bin/python3"	/* Debian's, with python3-prometheus-client */
#define METRICS_TOKEN "ops-metrics-token-5f1c0a9e7d"

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* The server's JSON log lines (stderr; the log holds stdout too). */
static json_t *log_lines(struct srv *s)
{
	json_t *all = track_json(json_array());
	char *text = slurp(s->log, NULL);
	for (char *p = text; p && *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n && p[0] == '{') {
			json_t *j = json_loadb(p, n, 0, NULL);
			if (CHECKM(j != NULL, "a log line that is not JSON: %.*s", (int)(n > 300 ? 300 : n), p))
				json_array_append_new(all, j);
		}
		p += n + (nl != NULL);
	}
	return all;
}

/* The first line with this msg (and level, and req_id, when not NULL). */
static json_t *line_of(json_t *lines, const char *msg, const char *level, const char *req_id)
{
	size_t i;
	json_t *l;
	json_array_foreach(lines, i, l) {
		const char *m = jstr(l, "msg"), *lv = jstr(l, "level"), *id = jstr(l, "req_id");
		if ((!msg || (m && strcmp(m, msg) == 0)) && (!level || (lv && strcmp(lv, level) == 0)) &&
		    (!req_id || (id && strcmp(id, req_id) == 0)))
			return l;
	}
	return NULL;
}

/* A header of a `curl -i` answer (the last response's), or NULL. */
static const char *raw_header(const char *raw, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = raw; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			v += strspn(v, " ");
			return fmt("%.*s", (int)strcspn(v, "\r\n"), v);
		}
	}
	return NULL;
}

static long raw_status(const char *raw)
{
	/* the last status line: curl -i prints each hop's (301, 100 ...) */
	const char *last = NULL;
	for (const char *p = raw; p && (p = strstr(p, "HTTP/")); p++)
		if (p == raw || p[-1] == '\n')
			last = p;
	return last ? strtol(last + strcspn(last, " "), NULL, 10) : 0;
}

static const char *raw_body(const char *raw)
{
	const char *b = raw ? strstr(raw, "\r\n\r\n") : NULL;
	return b ? b + 4 : "";
}

/* curl ARGS, its output with headers (-i); NULL when curl failed. */
static const char *curl(const char *args)
{
	int st;
	char *out = cmd_output(fmt("curl -s -i --max-time 10 %s 2>&1", args), &st);
	return st == 0 ? out : NULL;
}

/* ---- (a) the access and error lines ---- */

static bool is_template(const char *route)
{
	if (!route)
		return false;
	if (strcmp(route, "web") == 0 || strcmp(route, "/metrics") == 0 || strcmp(route, "unmatched") == 0)
		return true;
	if (strncmp(route, "/api/", 5) != 0 || strpbrk(route, "?&=%"))
		return false;
	/* no segment of digits: an id is {id} */
	for (const char *p = route; (p = strchr(p, '/')); p++)
		if (p[1] >= '0' && p[1] <= '9')
			return false;
	return true;
}

void t_ops_access_log_is_json_without_secrets(struct srv *s)
{
	char idn[19], ph[12];
	idnum_n(idn, 4711);
	phone_n(ph, 4711);
	long long person = MK_PERSON(s, s->admin, "LogProbe", idn, ph, 0);
	if (person < 0)
		return;
	/* a cookie session as the browser has it */
	struct resp *lg = http(s, "POST", "/api/v1/login", NULL,
			       "{\"username\":\"" ADMIN_USER "\",\"password\":\"" ADMIN_PASS "\"}");
	const char *cookie = resp_cookie(lg, "ld_session"), *csrf = jstr(lg->json, "csrf_token");
	const char *tok2 = jstr(lg->json, "token");
	if (!EXPECT_STATUS(lg, 200) || !CHECK(cookie && csrf && tok2))
		return;
	struct resp *g = http_req(s, &(struct req){.method = "GET", .path = fmt("/api/v1/people/%lld", person),
						   .cookie = fmt("ld_session=%s", cookie)});
	EXPECT_STATUS(g, 200);
	/* the phone in a query string and a body */
	http(s, "GET", fmt("/api/v1/people?phone=%s&id_number=%s", ph, idn), s->admin, NULL);
	EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/people/%lld", person), s->admin,
			   fmt("{\"phone\":\"%s\",\"id_number\":\"%s\"}", ph, idn)), 200);
	/* an untrusted client cannot choose its request id */
	struct resp *forged = http_req(s, &(struct req){.method = "GET", .path = "/api/v1/health",
							.extra_header = "X-Request-Id: chosen-by-client"});
	const char *fid = resp_header(forged, "X-Request-Id");
	CHECKM(fid && strcmp(fid, "chosen-by-client") != 0 && strlen(fid) == 16, "X-Request-Id %s", fid ? fid : "-");
	/* a failure of the server: an error line with the request id */
	if (!db_exec(s, "ALTER TABLE regions RENAME TO regions_away"))
		return;
	struct resp *bad = http(s, "GET", "/api/v1/regions", s->admin, NULL);
	db_exec(s, "ALTER TABLE regions_away RENAME TO regions");
	CHECKR(bad, bad->status == 500);
	const char *bad_id = resp_header(bad, "X-Request-Id");

	json_t *lines = log_lines(s);
	json_t *serving = line_of(lines, "serving", "info", NULL);
	CHECKM(serving && jstr(serving, "listen"), "no JSON start line with the address");
	/* the access line of GET /people/{id}: the template, the user, 200 */
	const char *gid = resp_header(g, "X-Request-Id");
	json_t *acc = gid ? line_of(lines, "access", "info", gid) : NULL;
	if (CHECKM(acc, "no access line for X-Request-Id %s", gid ? gid : "(none)")) {
		CHECK_STR(jstr(acc, "route"), "/api/v1/people/{id}");
		CHECK_STR(jstr(acc, "method"), "GET");
		CHECK_INT(jint(acc, "status"), 200);
		CHECK_INT(jint(acc, "user_id"), s->admin_id);
		CHECK(json_is_number(jget(acc, "dur_ms")) && json_number_value(jget(acc, "dur_ms")) >= 0);
		CHECK(jstr(acc, "ts") && strlen(jstr(acc, "ts")) == 24 && jstr(acc, "ts")[23] == 'Z');
	}
	json_t *facc = fid ? line_of(lines, "access", NULL, fid) : NULL;
	CHECKM(facc && jisnull(facc, "user_id"), "the anonymous health check's user_id is not null");
	/* every access line: a template, never a raw path or query */
	size_t i, naccess = 0;
	json_t *l;
	json_array_foreach(lines, i, l) {
		if (!jstr(l, "msg") || strcmp(jstr(l, "msg"), "access") != 0)
			continue;
		naccess++;
		CHECKM(is_template(jstr(l, "route")), "access line with route %s", jstr(l, "route"));
		CHECKM(jstr(l, "req_id") && json_is_integer(jget(l, "status")), "access line without req_id or status");
	}
	CHECKM(naccess >= 7, "%zu access lines", naccess);
	/* the failure: its error line and its access line share the id */
	json_t *err = bad_id ? line_of(lines, NULL, "error", bad_id) : NULL;
	CHECKM(err, "no error line with req_id %s", bad_id ? bad_id : "(none)");
	json_t *bacc = bad_id ? line_of(lines, "access", NULL, bad_id) : NULL;
	CHECKM(bacc && jint(bacc, "status") == 500 && jstr(bacc, "route") &&
		       strcmp(jstr(bacc, "route"), "/api/v1/regions") == 0,
	       "the failed request's access line");
	/* nothing secret anywhere in the log */
	char *text = slurp(s->log, NULL);
	const char *secrets[] = {s->admin, tok2, cookie, csrf, ADMIN_PASS, idn, ph};
	for (size_t k = 0; text && k < sizeof secrets / sizeof *secrets; k++)
		CHECKM(!strstr(text, secrets[k]), "the log holds secret #%zu", k);
	CHECKM(text && !strstr(text, "phone="), "the log holds a query string");
}

/* ---- (b) /metrics ---- */

/* The samples of a Prometheus text, parsed by prometheus_client: an object
 * "name{k=v,...}" (labels sorted) -> value, and "#type FAMILY" -> type. */
static json_t *prom_parse(struct srv *s, const char *text)
{
	const char *path = fmt("%s/metrics.txt", s->dir);
	FILE *f = fopen(path, "w");
	if (!CHECK(f != NULL))
		return NULL;
	fputs(text, f);
	fclose(f);
	const char *py = "import sys, json\n"
			 "from prometheus_client.parser import text_string_to_metric_families as parse\n"
			 "out = {}\n"
			 "for fam in parse(open(sys.argv[1]).read()):\n"
			 "    out['#type ' + fam.name] = fam.type\n"
			 "    for s in fam.samples:\n"
			 "        k = s.name + '{' + ','.join('%s=%s' % (n, s.labels[n]) for n in sorted(s.labels)) + '}'\n"
			 "        out[k] = s.value\n"
			 "print(json.dumps(out))\n";
	const char *script = fmt("%s/prom.py", s->dir);
	f = fopen(script, "w");
	if (!CHECK(f != NULL))
		return NULL;
	fputs(py, f);
	fclose(f);
	int st;
	char *out = cmd_output(fmt(PY " '%s' '%s' 2>&1", script, path), &st);
	json_t *j = out && st == 0 ? json_loads(out, 0, NULL) : NULL;
	CHECKM(j != NULL, "the Prometheus parser refused /metrics: %s", out ? out : "(no output)");
	return j ? track_json(j) : NULL;
}

static double sample(json_t *m, const char *key)
{
	json_t *v = m ? json_object_get(m, key) : NULL;
	return json_is_number(v) ? json_number_value(v) : -1;
}

static json_t *scrape(struct srv *s)
{
	struct resp *r = http(s, "GET", "/metrics", NULL, NULL);
	if (!EXPECT_STATUS(r, 200))
		return NULL;
	const char *ct = resp_header(r, "Content-Type");
	CHECKM(ct && strstr(ct, "text/plain") && strstr(ct, "version=0.0.4"), "Content-Type %s", ct ? ct : "-");
	return prom_parse(s, r->body);
}

#define HEALTH_OK "liandong_http_requests_total{method=GET,route=/api/v1/health,status=200}"

void t_ops_metrics_parse_and_count_exactly(struct srv *s)
{
	/* the outbox as the senders leave it: 3 SMS queued, 1 e-mail failed */
	for (int i = 0; i < 4; i++)
		if (!db_exec(s, fmt("INSERT INTO notifications (user_id, channel, kind, subject, body, status, created_at)"
				    " VALUES (%lld, '%s', 'callout', 'x', 'y', '%s', 1)",
				    s->admin_id, i < 3 ? "sms" : "email", i < 3 ? "queued" : "failed")))
			return;
	json_t *m1 = scrape(s);
	if (!m1)
		return;
	double before = sample(m1, HEALTH_OK);
	CHECKM(before >= 1, "the harness's health checks not counted: %g", before);
	for (int i = 0; i < 7; i++)
		EXPECT_STATUS(http(s, "GET", "/api/v1/health", NULL, NULL), 200);
	EXPECT_STATUS(http(s, "GET", "/api/v1/people/999999", s->admin, NULL), 404);
	json_t *m2 = scrape(s);
	if (!m2)
		return;
	CHECKM(sample(m2, HEALTH_OK) == before + 7, "health counted %g, want %g", sample(m2, HEALTH_OK), before + 7);
	CHECK(sample(m2, "liandong_http_requests_total{method=GET,route=/api/v1/people/{id},status=404}") == 1);
	/* the first scrape itself, counted once it was answered */
	CHECK(sample(m2, "liandong_http_requests_total{method=GET,route=/metrics,status=200}") >= 1);
	CHECK(sample(m2, "liandong_http_request_duration_seconds_count{route=/api/v1/health}") == before + 7);
	CHECK(sample(m2, "liandong_http_request_duration_seconds_bucket{le=+Inf,route=/api/v1/health}") == before + 7);
	json_t *t = json_object_get(m2, "#type liandong_http_request_duration_seconds");
	CHECK_STR(json_string_value(t), "histogram");
	CHECK_STR(json_string_value(json_object_get(m2, "#type liandong_http_requests")), "counter");
	CHECK(sample(m2, "liandong_sender_failures_total{channel=sms}") == 0);
	CHECK(sample(m2, "liandong_outbox_messages{channel=sms,status=queued}") == 3);
	CHECK(sample(m2, "liandong_outbox_messages{channel=email,status=failed}") == 1);
	CHECK(sample(m2, "liandong_outbox_read_ok{}") == 1);
	CHECK(sample(m2, "liandong_store_pool_connections{}") >= 1);
	CHECK(sample(m2, "liandong_store_pool_in_use{}") == 0);
	CHECK(sample(m2, "liandong_import_jobs{state=running}") == 0);
	CHECK(sample(m2, "liandong_import_jobs{state=queued}") == 0);
	struct resp *h = http(s, "GET", "/api/v1/health", NULL, NULL);
	CHECK(sample(m2, fmt("liandong_build_info{store=%s,version=%s}", expected_store(), jstr(h->json, "version"))) ==
	      1);
	/* no raw path became a label */
	const char *k;
	json_t *v;
	json_object_foreach(m2, k, v)
		CHECKM(!strstr(k, "999999"), "a raw path in a metric: %s", k);
	/* a POST is not a scrape */
	EXPECT_STATUS(http(s, "POST", "/metrics", NULL, "{}"), 405);
}

static void stop_pid(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return;
		sleep_ms(100);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

void t_ops_metrics_token_off_loopback(struct srv *s)
{
	/* a secret is refused as a flag */
	const char *flag[] = {s->bin, "serve", "--db", s->db, "--metrics-token", METRICS_TOKEN, NULL};
	CHECKM(run_tool_for(s, flag, NULL, 5) > 0, "--metrics-token accepted on the command line");
	/* from loopback, a proxy's X-Forwarded-For does not matter: the peer is loopback */
	srv_stop(s, SIGTERM);
	s->serve_args = (const char *const[]){"--trusted-proxies", "127.0.0.1", NULL};
	if (!srv_start(s))
		return;
	EXPECT_STATUS(http_req(s, &(struct req){.method = "GET", .path = "/metrics",
						.extra_header = "X-Forwarded-For: 203.0.113.50"}), 200);
	/* another client of this machine, 127.0.0.2, is not the loopback
	 * address a local scraper uses (127.0.0.1): it needs the token; and
	 * as a trusted proxy, what it says of the client (127.0.0.1!) still
	 * does not open /metrics. The server listens on 127.0.0.1 only. */
	srv_stop(s, SIGTERM);
	int port = free_port();
	struct srv t = *s;
	t.env = (const char *const[]){"LIANDONG_METRICS_TOKEN=" METRICS_TOKEN, NULL};
	const char *listen = fmt("127.0.0.1:%d", port);
	const char *argv[] = {s->bin, "serve", "--db", s->db, "--key-file", s->key, "--listen", listen,
			      "--trusted-proxies", "127.0.0.2", NULL};
	pid_t pid = spawn_tool(&t, argv);
	if (!CHECK(pid > 0))
		return;
	const char *base = fmt("--interface 127.0.0.2 'http://127.0.0.1:%d", port);
	const char *r = NULL;
	for (int i = 0; i < 100 && raw_status(r ? r : "") != 200; i++) {
		sleep_ms(100);
		r = curl(fmt("%s/api/v1/health'", base));
	}
	if (CHECKM(raw_status(r ? r : "") == 200, "the server on %s did not answer", listen)) {
		const char *none = curl(fmt("%s/metrics'", base));
		CHECKM(none && raw_status(none) == 404 && strstr(raw_body(none), "\"not_found\"") &&
			       !strstr(none, "liandong_"),
		       "/metrics without the token: %s", none ? none : "(curl failed)");
		const char *wrong = curl(fmt("-H 'Authorization: Bearer %sX' %s/metrics'", METRICS_TOKEN, base));
		CHECKM(wrong && raw_status(wrong) == 404, "a wrong token: %s", wrong ? wrong : "-");
		const char *prefix = curl(fmt("-H 'Authorization: Bearer ops-metrics' %s/metrics'", base));
		CHECKM(prefix && raw_status(prefix) == 404, "a prefix of the token: %s", prefix ? prefix : "-");
		const char *xff = curl(fmt("-H 'X-Forwarded-For: 127.0.0.1' %s/metrics'", base));
		CHECKM(xff && raw_status(xff) == 404, "X-Forwarded-For: 127.0.0.1 opened /metrics");
		const char *good = curl(fmt("-H 'Authorization: Bearer %s' %s/metrics'", METRICS_TOKEN, base));
		CHECKM(good && raw_status(good) == 200 && strstr(raw_body(good), "liandong_http_requests_total{"),
		       "the right token: %s", good ? good : "-");
		if (good)
			prom_parse(s, raw_body(good));
		/* and loopback still may, token or not */
		const char *lo = curl(fmt("'http://127.0.0.1:%d/metrics'", port));
		CHECKM(lo && raw_status(lo) == 200, "loopback refused");
	}
	stop_pid(pid);
}

/* ---- X-Forwarded-For from the right ---- */

void t_ops_forwarded_for_right_most_untrusted(struct srv *s)
{
	srv_stop(s, SIGTERM);
	s->serve_args = (const char *const[]){"--trusted-proxies", "127.0.0.1,127.0.0.3", NULL};
	if (!srv_start(s))
		return;
	/* two proxies (127.0.0.3, then 127.0.0.1, our peer): the client is the
	 * right-most address that is not a proxy; further left is the client's
	 * own say */
	const char *r = curl(fmt("-H 'X-Forwarded-For: 198.51.100.1, 203.0.113.5, 127.0.0.3' -H 'X-Request-Id: ops-chain-1'"
				 " 'http://127.0.0.1:%d/api/v1/health'",
				 s->port));
	CHECKM(r && raw_status(r) == 200, "health from the proxy chain: %s", r ? r : "-");
	CHECK_STR(r ? raw_header(r, "X-Request-Id") : NULL, "ops-chain-1");
	/* a request id that is not sane is replaced */
	struct resp *w = http_req(s, &(struct req){.method = "GET", .path = "/api/v1/health",
						   .extra_header = "X-Request-Id: <script>"});
	const char *wid = resp_header(w, "X-Request-Id");
	CHECKM(wid && strcmp(wid, "<script>") != 0 && strlen(wid) == 16, "X-Request-Id %s", wid ? wid : "-");
	/* a client connecting directly (127.0.0.2, not a proxy) is not believed */
	const char *direct = curl(fmt("--interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.77'"
				      " -H 'X-Request-Id: ops-forged-1' 'http://127.0.0.1:%d/api/v1/health'",
				      s->port));
	const char *did = direct ? raw_header(direct, "X-Request-Id") : NULL;
	CHECKM(did && strcmp(did, "ops-forged-1") != 0, "an untrusted client chose its request id");
	json_t *lines = log_lines(s);
	json_t *chain = line_of(lines, "access", NULL, "ops-chain-1");
	if (CHECKM(chain, "no access line ops-chain-1"))
		CHECK_STR(jstr(chain, "client"), "203.0.113.5");
	json_t *d = did ? line_of(lines, "access", NULL, did) : NULL;
	if (CHECKM(d, "no access line for the direct client"))
		CHECK_STR(jstr(d, "client"), "127.0.0.2");
}

/* ---- nginx with TLS in front ---- */

static pid_t read_pid(const char *path)
{
	char *t = slurp(path, NULL);
	return t ? (pid_t)strtol(t, NULL, 10) : 0;
}

void t_ops_nginx_tls_in_front(struct srv *s)
{
	const char *nginx = "/usr/sbin/nginx";
	if (!CHECKM(access(nginx, X_OK) == 0, "nginx is not installed (scripts/deps.sh installs nginx-light)"))
		return;
	srv_stop(s, SIGTERM);
	s->serve_args = (const char *const[]){"--trusted-proxies", "127.0.0.1", NULL};
	if (!srv_start(s))
		return;
	const char *dir = fmt("%s/nginx", s->dir);
	int tls = free_port(), plain = free_port(), st;
	if (!CHECK(mkdir(dir, 0755) == 0 && tls > 0 && plain > 0 && tls != plain))
		return;
	cmd_output(fmt("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout '%s/key.pem'"
		       " -out '%s/cert.pem' 2>&1",
		       dir, dir),
		   &st);
	if (!CHECKM(st == 0, "openssl req -x509 failed"))
		return;
	/* deploy/nginx.conf with this test's ports and certificate */
	cmd_output(fmt("sed -e 's|listen 80;|listen 127.0.0.1:%d;|' -e '/listen \\[::\\]/d'"
		       " -e 's|listen 443 ssl http2;|listen 127.0.0.1:%d ssl http2;|'"
		       " -e 's|/etc/letsencrypt/live/liandong.example.org/fullchain.pem|%s/cert.pem|'"
		       " -e 's|/etc/letsencrypt/live/liandong.example.org/privkey.pem|%s/key.pem|'"
		       " -e 's|http://127.0.0.1:8080|http://127.0.0.1:%d|' '%s/deploy/nginx.conf' > '%s/site.conf'",
		       plain, tls, dir, dir, s->port, LD_SOURCE_DIR, dir),
		   &st);
	char *site = slurp(fmt("%s/site.conf", dir), NULL);
	if (!CHECKM(st == 0 && site && strstr(site, fmt("127.0.0.1:%d ssl", tls)) &&
			    strstr(site, fmt("http://127.0.0.1:%d;", s->port)) && strstr(site, "/cert.pem") &&
			    strstr(site, "X-Forwarded-Proto $scheme") && strstr(site, "$proxy_add_x_forwarded_for"),
		    "deploy/nginx.conf no longer has the lines the test substitutes"))
		return;
	FILE *f = fopen(fmt("%s/nginx.conf", dir), "w");
	if (!CHECK(f != NULL))
		return;
	fprintf(f,
		"pid %s/nginx.pid;\nerror_log %s/error.log;\nworker_processes 1;\n"
		"events { worker_connections 64; }\n"
		"http {\n access_log %s/access.log;\n client_body_temp_path %s/body;\n proxy_temp_path %s/proxy;\n"
		" fastcgi_temp_path %s/fcgi;\n uwsgi_temp_path %s/uwsgi;\n scgi_temp_path %s/scgi;\n"
		" include %s/site.conf;\n}\n",
		dir, dir, dir, dir, dir, dir, dir, dir, dir);
	fclose(f);
	char *out = cmd_output(fmt("%s -p '%s' -c '%s/nginx.conf' 2>&1", nginx, dir, dir), &st);
	if (!CHECKM(st == 0, "nginx did not start: %s", out ? out : ""))
		return;
	pid_t npid = 0;
	for (int i = 0; i < 50 && npid <= 0; i++) {
		sleep_ms(100);
		npid = read_pid(fmt("%s/nginx.pid", dir));
	}
	const char *https = fmt("https://127.0.0.1:%d", tls);
	/* the client on 127.0.0.2 (nginx is 127.0.0.1, the trusted proxy),
	 * forging an X-Forwarded-For of its own */
	const char *login = curl(fmt("-k --interface 127.0.0.2 -H 'Content-Type: application/json'"
				     " -H 'X-Forwarded-For: 203.0.113.66'"
				     " -d '{\"username\":\"" ADMIN_USER "\",\"password\":\"" ADMIN_PASS "\"}'"
				     " '%s/api/v1/login'",
				     https));
	if (CHECKM(login && raw_status(login) == 200, "login through nginx: %s", login ? login : "(curl failed)")) {
		const char *cookie = NULL;
		for (const char *p = login; (p = strcasestr(p, "\nSet-Cookie: ld_session=")); p++) {
			cookie = fmt("%.*s", (int)strcspn(p + 1, "\r\n"), p + 1);
			break;
		}
		CHECKM(cookie && strstr(cookie, "; Secure") && strstr(cookie, "HttpOnly"),
		       "the session cookie through TLS: %s", cookie ? cookie : "(none)");
		json_t *j = track_json(json_loads(raw_body(login), 0, NULL));
		const char *tok = jstr(j, "token");
		const char *rid = raw_header(login, "X-Request-Id");
		/* nginx's $request_id: 32 hex digits, kept by liandong */
		CHECKM(rid && strlen(rid) == 32, "X-Request-Id through nginx: %s", rid ? rid : "-");
		const char *me = tok ? curl(fmt("-k -H 'Authorization: Bearer %s' '%s/api/v1/me'", tok, https)) : NULL;
		CHECKM(me && raw_status(me) == 200 && strstr(raw_body(me), "\"" ADMIN_USER "\""), "GET /me through nginx: %s",
		       me ? me : "-");
		json_t *lines = log_lines(s);
		json_t *acc = rid ? line_of(lines, "access", NULL, rid) : NULL;
		if (CHECKM(acc, "no access line for nginx's request id %s", rid ? rid : "-")) {
			/* the right-most entry nginx appended, not the forged one */
			CHECK_STR(jstr(acc, "client"), "127.0.0.2");
			CHECK_STR(jstr(acc, "route"), "/api/v1/login");
		}
	}
	/* /metrics is not served to the world through the proxy */
	const char *m = curl(fmt("-k '%s/metrics'", https));
	CHECKM(m && raw_status(m) == 404, "/metrics through nginx: %s", m ? m : "-");
	/* plain HTTP only redirects */
	const char *p80 = curl(fmt("'http://127.0.0.1:%d/api/v1/health'", plain));
	CHECKM(p80 && raw_status(p80) == 301 && raw_header(p80, "Location") &&
		       strncmp(raw_header(p80, "Location"), "https://", 8) == 0,
	       "plain HTTP: %s", p80 ? p80 : "-");
	if (npid > 0) {
		kill(npid, SIGQUIT);
		for (int i = 0; i < 50 && kill(npid, 0) == 0; i++)
			sleep_ms(100);
	}
}

/* ---- the systemd units ---- */

void t_ops_systemd_units_verify(struct srv *s)
{
	int st;
	cmd_output("command -v systemd-analyze", &st);
	if (st != 0) {
		test_skip("systemd-analyze is not installed");
		return;
	}
	const char *units[] = {"liandong.service", "liandong-worker.service"};
	for (size_t i = 0; i < 2; i++) {
		const char *src = fmt("%s/deploy/%s", LD_SOURCE_DIR, units[i]);
		char *text = slurp(src, NULL);
		if (!CHECKM(text, "%s is missing", src))
			continue;
		const char *must[] = {"User=liandong", "ProtectSystem=strict", "StateDirectory=liandong",
				      "ConfigurationDirectory=liandong", "NoNewPrivileges=yes", "PrivateTmp=yes",
				      "ProtectHome=yes", "RestrictAddressFamilies=", "SystemCallFilter=@system-service",
				      "\nCapabilityBoundingSet=\n", "ExecStart=/usr/bin/liandong ",
				      "--config /etc/liandong/liandong.conf"};
		for (size_t k = 0; k < sizeof must / sizeof *must; k++)
			CHECKM(strstr(text, must[k]), "%s lacks %s", units[i], must[k]);
		/* verify needs ExecStart's binary: this build's, in a copy */
		const char *copy = fmt("%s/%s", s->dir, units[i]);
		cmd_output(fmt("sed 's|/usr/bin/liandong|%s|' '%s' > '%s'", s->bin, src, copy), &st);
		char *out = cmd_output(fmt("systemd-analyze verify '%s' 2>&1", copy), &st);
		CHECKM(st == 0 && out && !out[0], "systemd-analyze verify %s: %s", units[i], out ? out : "");
	}
	/* the check can fail: a unit whose binary is absent */
	const char *broken = fmt("%s/broken.service", s->dir);
	cmd_output(fmt("sed 's|/usr/bin/liandong|%s/no-such-binary|' '%s/deploy/liandong.service' > '%s'", s->dir,
		       LD_SOURCE_DIR, broken),
		   &st);
	cmd_output(fmt("systemd-analyze verify '%s' 2>&1", broken), &st);
	CHECKM(st != 0, "systemd-analyze verify passed a unit without its binary");
	/* the user the units name is created by the sysusers file */
	char *su = slurp(fmt("%s/deploy/liandong.sysusers", LD_SOURCE_DIR), NULL);
	CHECKM(su && strstr(su, "\nu liandong "), "deploy/liandong.sysusers does not create the user liandong");
}
