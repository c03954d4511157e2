/* t_sender.c - the outbox's senders (issue 17) with real peers on loopback:
 * a person's e-mail address, an HTTP SMS gateway written in python3 that
 * counts each message by its idempotency key (answering 200, 500 or never
 * as told), an SMTP server with STARTTLS (python3, a self-signed
 * certificate from openssl) that refuses a recipient, the outbox's admin
 * routes, and `liandong worker` processes sharing the queue and killed
 * mid-batch. */
#include "care_world.h"
#include "tests.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void t_sender_person_email_validated(struct srv *s)
{
	static const char *const bad[] = {
		"\"nobody\"", "\"a b@example.org\"", "\"a@example.org\\r\\nBcc: x@y.org\"", "\"a@b\"",
		"\"a@example.org, b@example.org\"", "\"Name <a@example.org>\"", "\"@example.org\"", "\"a@.org\"",
		"\"a..b@example.org\"", "\"\"", "5",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct resp *r = http(s, "POST", "/api/v1/people", s->admin, fmt("{\"name\":\"A\",\"email\":%s}", bad[i]));
		if (!EXPECT_ERR(r, 422, "invalid_value", "email"))
			note("email %s", bad[i]);
	}
	char longmail[300];
	memset(longmail, 'a', 250);
	memcpy(longmail + 250, "@example.org", 13);
	EXPECT_ERR(http(s, "POST", "/api/v1/people", s->admin, fmt("{\"name\":\"A\",\"email\":\"%s\"}", longmail)), 422,
		   "invalid_value", "email");
	struct resp *l = http(s, "GET", "/api/v1/people?name=A", s->admin, NULL);
	if (EXPECT_STATUS(l, 200))
		CHECK_INT((long long)json_array_size(jget(l->json, "items")), 0);
	struct resp *ok = http(s, "POST", "/api/v1/people", s->admin, "{\"name\":\"B\",\"email\":\"li.na+x@mail.example.cn\"}");
	if (EXPECT_STATUS(ok, 201)) {
		CHECK_STR(jstr(ok->json, "email"), "li.na+x@mail.example.cn");
		long long id = jint(ok->json, "id");
		EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/people/%lld", id), s->admin, "{\"email\":\"x y@z.org\"}"), 422,
			   "invalid_value", "email");
		struct resp *g = http(s, "GET", fmt("/api/v1/people/%lld", id), s->admin, NULL);
		if (EXPECT_STATUS(g, 200))
			CHECK_STR(jstr(g->json, "email"), "li.na+x@mail.example.cn");
		struct resp *n = http(s, "PATCH", fmt("/api/v1/people/%lld", id), s->admin, "{\"email\":null}");
		if (EXPECT_STATUS(n, 200))
			CHECK(jisnull(n->json, "email") || !jget(n->json, "email"));
	}
}

/* ---- the peers ---- */

struct peer {
	pid_t pid;
	char dir[700];
	int port;
};

static void peer_kill(void *p)
{
	struct peer *pr = p;
	if (pr->pid > 0) {
		kill(pr->pid, SIGKILL);
		waitpid(pr->pid, NULL, 0);
	}
	free(pr);
}

/* python3 tests/peers/SCRIPT DIR [ARG...] in s->dir/NAME; NULL if it does
 * not listen within 10 s. Killed when the test ends. */
static struct peer *peer_start(struct srv *s, const char *name, const char *script, const char *a1, const char *a2)
{
	struct peer *p = track(calloc(1, sizeof *p), peer_kill);
	snprintf(p->dir, sizeof p->dir, "%s/%s", s->dir, name);
	mkdir(p->dir, 0700);
	char path[800], log[800];
	snprintf(path, sizeof path, "%s/tests/peers/%s", LD_SOURCE_DIR, script);
	snprintf(log, sizeof log, "%s/log", p->dir);
	p->pid = fork();
	if (p->pid == 0) {
		FILE *f = freopen(log, "a", stdout);
		(void)f;
		dup2(1, 2);
		execlp("python3", "python3", path, p->dir, a1, a2, (char *)NULL);
		_exit(127);
	}
	char portf[800];
	snprintf(portf, sizeof portf, "%s/port", p->dir);
	for (double end = now_s() + 10; now_s() < end; usleep(20000)) {
		char *t = slurp(portf, NULL);
		if (t && (p->port = (int)strtol(t, NULL, 10)) > 0)
			return p;
	}
	check_fail(__FILE__, __LINE__, NULL, "%s did not start (see %s)", script, log);
	return NULL;
}

static void gw_mode(const struct peer *g, const char *mode)
{
	char path[800], tmp[800];
	snprintf(path, sizeof path, "%s/mode", g->dir);
	snprintf(tmp, sizeof tmp, "%s/mode.tmp", g->dir);
	FILE *f = fopen(tmp, "w");
	if (f) {
		fputs(mode, f);
		fclose(f);
		rename(tmp, path);
	}
}

/* The gateway's hits so far, an array of objects. */
static json_t *gw_hits(const struct peer *g)
{
	char path[800];
	snprintf(path, sizeof path, "%s/hits", g->dir);
	json_t *a = track_json(json_array());
	char *t = slurp(path, NULL);
	for (char *line = t; line && *line;) {
		char *nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = 0;
		json_t *j = json_loads(line, 0, NULL);
		if (j)
			json_array_append_new(a, j);
		line = nl + 1;
	}
	return a;
}

/* Hits carrying key liandong-ID. */
static int gw_count(json_t *hits, long long id)
{
	char key[64];
	snprintf(key, sizeof key, "liandong-%lld", id);
	int n = 0;
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h)
	{
		const char *k = json_string_value(json_object_get(h, "key"));
		n += k && strcmp(k, key) == 0;
	}
	return n;
}

/* The server (and its tools) as senders to these peers: restart it. */
static bool as_sender(struct srv *s, const char *const *env)
{
	s->env = env;
	srv_stop(s, SIGTERM);
	return CHECK(srv_start(s));
}

static const char *const *sms_env(const struct peer *g, int timeout, int backoff, int attempts)
{
	const char **env = track(calloc(8, sizeof *env), free);
	env[0] = fmt("LIANDONG_SMS_GATEWAY_URL=http://127.0.0.1:%d/send", g->port);
	env[1] = "LIANDONG_SMS_GATEWAY_HEADER=Authorization: Bearer k-123";
	env[2] = fmt("LIANDONG_SENDER_TIMEOUT=%d", timeout);
	env[3] = fmt("LIANDONG_SENDER_BACKOFF=%d", backoff);
	env[4] = fmt("LIANDONG_SENDER_MAX_ATTEMPTS=%d", attempts);
	return env;
}

static long long person(struct srv *s, const char *name, const char *phone, const char *email)
{
	struct resp *r = http(s, "POST", "/api/v1/people", s->admin,
			      fmt("{\"name\":\"%s\"%s%s%s%s%s%s}", name, phone ? ",\"phone\":\"" : "", phone ? phone : "",
				  phone ? "\"" : "", email ? ",\"email\":\"" : "", email ? email : "", email ? "\"" : ""));
	return EXPECT_STATUS(r, 201) ? jint(r->json, "id") : 0;
}

/* Queue n messages on `channel` to person pid in one INSERT; the first
 * id (the ids are consecutive: nothing else writes the table meanwhile). */
static long long queue(struct srv *s, const char *channel, long long pid, const char *subject, const char *body, int n,
		       int priority)
{
	struct resp *before = http(s, "GET", "/api/v1/outbox?limit=1", s->admin, NULL);
	long long last = json_array_size(jget(before->json, "items")) ? jint(before->json, "items.0.id") : 0;
	long long now = (long long)time(NULL);
	if (!CHECK(db_exec(s, fmt("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
				  " INSERT INTO notifications (person_id, channel, kind, subject, body, status, attempts,"
				  " created_at, next_at, priority) SELECT %lld, '%s', 'test', '%s', '%s', 'queued', 0,"
				  " %lld, %lld, %d FROM k",
				  n, pid, channel, subject, body, now, now, priority))))
		return 0;
	struct resp *after = http(s, "GET", "/api/v1/outbox?limit=1", s->admin, NULL);
	long long newest = jint(after->json, "items.0.id");
	CHECKM(newest - last == n, "queued %lld of %d", newest - last, n);
	return newest - n + 1;
}

/* The outbox row `id` (the admin's view). */
static json_t *row(struct srv *s, long long id)
{
	struct resp *r = http(s, "GET", fmt("/api/v1/outbox?cursor=%lld&limit=1", id + 1), s->admin, NULL);
	json_t *it = jget(r->json, "items.0");
	return it && jint(it, "id") == id ? it : NULL;
}

/* Wait up to secs for row id to reach status. */
static json_t *wait_row(struct srv *s, long long id, const char *status, double secs)
{
	json_t *j = NULL;
	for (double end = now_s() + secs; now_s() < end; usleep(100000)) {
		j = row(s, id);
		if (j && jstr(j, "status") && strcmp(jstr(j, "status"), status) == 0)
			return j;
	}
	check_fail(__FILE__, __LINE__, NULL, "message %lld not %s within %.0f s (now %s, last_error %s)", id, status, secs,
	       j ? jstr(j, "status") : "?", j && jstr(j, "last_error") ? jstr(j, "last_error") : "-");
	return j;
}

/* Messages of the outbox in `status` (all pages). */
static int count_status(struct srv *s, const char *status)
{
	int n = 0;
	const char *cursor = NULL;
	do {
		struct resp *r = http(s, "GET", fmt("/api/v1/outbox?status=%s&limit=200%s%s", status, cursor ? "&cursor=" : "",
						    cursor ? cursor : ""),
				      s->admin, NULL);
		if (!EXPECT_STATUS(r, 200))
			return -1;
		n += (int)json_array_size(jget(r->json, "items"));
		cursor = jstr(r->json, "next_cursor");
	} while (cursor);
	return n;
}

void t_sender_sms_delivered_with_exact_body_and_key(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g || !as_sender(s, sms_env(g, 5, 1, 3)))
		return;
	char phone[12];
	phone_n(phone, 7001);
	long long p = person(s, "Li", phone, NULL);
	long long id = queue(s, "sms", p, "紧急召集", "请速到 \"3号楼\"\\n回复 1 接受", 1, 10);
	json_t *r = wait_row(s, id, "delivered", 10);
	json_t *hits = gw_hits(g);
	CHECK_INT(gw_count(hits, id), 1);
	json_t *h = json_array_get(hits, 0);
	CHECK_STR(jstr(h, "auth"), "Bearer k-123");
	CHECK_STR(jstr(h, "type"), "application/json; charset=utf-8");
	CHECK_STR(jstr(h, "body"), fmt("{\"phone\":\"%s\",\"text\":\"紧急召集：请速到 \\\"3号楼\\\"\\\\n回复 1 接受\",\"id\":%lld}", phone, id));
	if (r) {
		CHECK_INT(jint(r, "attempts"), 1);
		CHECK(jstr(r, "sent_at") != NULL);
		CHECK(jisnull(r, "last_error"));
		CHECK(jstr(r, "to") && is_masked_phone(jstr(r, "to"), phone));
		CHECK_INT(jint(r, "priority"), 10);
	}
	/* never the phone, the body or the key in the server's log */
	char *log = slurp(s->log, NULL);
	CHECK(log && !strstr(log, phone) && !strstr(log, "k-123") && !strstr(log, "3号楼"));
	/* the list: admins only, filters checked */
	long long city = MK_REGION(s, "421000", "荆州市", "city", 0);
	MK_USER(s, s->admin, "region-admin", 0, fmt("[{\"role\":\"regional_admin\",\"region_id\":%lld}]", city));
	const char *ra = LOGIN(s, "region-admin", USER_PASS);
	EXPECT_ERR(http(s, "GET", "/api/v1/outbox", ra, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/outbox/%lld/resend", id), ra, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", "/api/v1/outbox?status=lost", s->admin, NULL), 400, "bad_request", "status");
	EXPECT_ERR(http(s, "GET", "/api/v1/outbox?channel=fax", s->admin, NULL), 400, "bad_request", "channel");
	EXPECT_STATUS(http(s, "GET", "/api/v1/outbox", NULL, NULL), 401);
}

void t_sender_gateway_500_retries_with_backoff_then_fails_and_resend(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g)
		return;
	gw_mode(g, "500");
	if (!as_sender(s, sms_env(g, 5, 1, 3)))
		return;
	char phone[12];
	phone_n(phone, 7002);
	long long id = queue(s, "sms", person(s, "Wang", phone, NULL), "s", "hello", 1, 0);
	json_t *r = wait_row(s, id, "failed", 20);
	json_t *hits = gw_hits(g);
	CHECK_INT(gw_count(hits, id), 3);
	if (json_array_size(hits) == 3) {
		double t0 = json_real_value(jget(hits, "0.t")), t1 = json_real_value(jget(hits, "1.t")),
		       t2 = json_real_value(jget(hits, "2.t"));
		/* backoff at least 1 s, then at least 2 s */
		CHECKM(t1 - t0 >= 0.95 && t2 - t1 >= 1.95, "hits at +%.2f and +%.2f s", t1 - t0,
		       t2 - t0);
	}
	if (r) {
		CHECK_INT(jint(r, "attempts"), 3);
		const char *le = jstr(r, "last_error");
		CHECKM(le && strncmp(le, "HTTP 500", 8) == 0 && !strstr(le, "13912345678"), "last_error %s", le ? le : "-");
	}
	/* resend: only a failed one, by an admin */
	gw_mode(g, "ok");
	struct resp *rs = http(s, "POST", fmt("/api/v1/outbox/%lld/resend", id), s->admin, NULL);
	if (EXPECT_STATUS(rs, 200)) {
		CHECK_STR(jstr(rs->json, "status"), "queued");
		CHECK_INT(jint(rs->json, "attempts"), 0);
	}
	r = wait_row(s, id, "delivered", 10);
	if (r)
		CHECK_INT(jint(r, "attempts"), 1);
	CHECK_INT(gw_count(gw_hits(g), id), 4);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/outbox/%lld/resend", id), s->admin, NULL), 409, "conflict", "status");
	EXPECT_ERR(http(s, "POST", "/api/v1/outbox/999999/resend", s->admin, NULL), 404, "not_found", NULL);
	/* a 4xx other than 408/429: failed at once */
	gw_mode(g, "400");
	long long id2 = queue(s, "sms", person(s, "Zhao", phone, NULL), "s", "x", 1, 0);
	r = wait_row(s, id2, "failed", 10);
	if (r)
		CHECK_INT(jint(r, "attempts"), 1);
	CHECK_INT(gw_count(gw_hits(g), id2), 1);
}

void t_sender_hanging_gateway_times_out_and_retries(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g)
		return;
	gw_mode(g, "hang");
	if (!as_sender(s, sms_env(g, 1, 1, 5)))
		return;
	char phone[12];
	phone_n(phone, 7003);
	long long id = queue(s, "sms", person(s, "Sun", phone, NULL), "s", "hello", 1, 0);
	json_t *r = NULL;
	for (double end = now_s() + 10; now_s() < end; usleep(100000)) {
		r = row(s, id);
		if (r && jint(r, "attempts") >= 1)
			break;
	}
	if (CHECK(r && jint(r, "attempts") >= 1)) {
		CHECK_STR(jstr(r, "status"), "queued");
		CHECK(jstr(r, "last_error") && strstr(jstr(r, "last_error"), "timed out"));
		CHECK(jstr(r, "next_at") != NULL);
	}
	gw_mode(g, "ok");
	r = wait_row(s, id, "delivered", 15);
	CHECK(gw_count(gw_hits(g), id) >= 2);
}

void t_sender_no_valid_phone_fails_without_gateway_call(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g || !as_sender(s, sms_env(g, 5, 1, 3)))
		return;
	char id18[19];
	idnum_n(id18, 31);
	struct resp *pr = http(s, "POST", "/api/v1/people", s->admin, fmt("{\"name\":\"Qian\",\"id_number\":\"%s\"}", id18));
	if (!EXPECT_STATUS(pr, 201))
		return;
	long long p = jint(pr->json, "id");
	/* a sealed value that opens to something other than a mobile number */
	CHECK(db_exec(s, fmt("UPDATE people SET phone_enc = id_number_enc WHERE id = %lld", p)));
	long long bad = queue(s, "sms", p, "s", "hello", 1, 0);
	long long none = queue(s, "sms", person(s, "Zhou", NULL, NULL), "s", "hello", 1, 0);
	json_t *r = wait_row(s, bad, "failed", 10);
	if (r) {
		CHECK_INT(jint(r, "attempts"), 1);
		CHECK_STR(jstr(r, "last_error"), "the phone is not a valid mainland mobile number");
		CHECK(jisnull(r, "to") || !strstr(jstr(r, "to"), id18));
	}
	r = wait_row(s, none, "failed", 10);
	if (r)
		CHECK_STR(jstr(r, "last_error"), "the person has no phone");
	CHECK_INT((long long)json_array_size(gw_hits(g)), 0);
	char *log = slurp(s->log, NULL);
	CHECK(log && !strstr(log, id18));
}

/* ---- e-mail ---- */

void t_sender_smtp_starttls_delivers_and_refused_recipient_fails(struct srv *s)
{
	char cert[700], key[700];
	snprintf(cert, sizeof cert, "%s/cert.pem", s->dir);
	snprintf(key, sizeof key, "%s/key.pem", s->dir);
	int st = 0;
	cmd_output(fmt("openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s -days 2 -subj /CN=127.0.0.1"
		       " -addext subjectAltName=IP:127.0.0.1 2>/dev/null", key, cert), &st);
	if (!CHECK(st == 0))
		return;
	struct peer *m = peer_start(s, "smtp", "smtp_server.py", cert, key);
	if (!m)
		return;
	const char **env = track(calloc(10, sizeof *env), free);
	env[0] = fmt("LIANDONG_SMTP_URL=smtp://127.0.0.1:%d", m->port);
	env[1] = "LIANDONG_SMTP_USER=liandong";
	env[2] = "LIANDONG_SMTP_PASSWORD=mail-s3cret";
	env[3] = "LIANDONG_MAIL_FROM=noreply@liandong.example.org";
	env[4] = fmt("LIANDONG_SMTP_CA_FILE=%s", cert);
	env[5] = "LIANDONG_SENDER_TIMEOUT=5";
	env[6] = "LIANDONG_SENDER_BACKOFF=1";
	env[7] = "LIANDONG_SENDER_MAX_ATTEMPTS=3";
	if (!as_sender(s, env))
		return;
	long long ok = queue(s, "email", person(s, "Ma", NULL, "ma.li@example.org"), "紧急召集：三眼井社区需要志愿者支援",
			     "请回复。Line two.", 1, 10);
	long long no = queue(s, "email", person(s, "Niu", NULL, "refuse.me@example.org"), "hello", "body", 1, 0);
	json_t *r = wait_row(s, ok, "delivered", 15);
	if (r)
		CHECK_STR(jstr(r, "to"), "ma.li@example.org");
	r = wait_row(s, no, "failed", 15);
	if (r) {
		CHECK_INT(jint(r, "attempts"), 1);
		const char *le = jstr(r, "last_error");
		CHECKM(le && strstr(le, "550") && strstr(le, "recipient address rejected"), "last_error %s", le ? le : "-");
	}
	char path[800];
	snprintf(path, sizeof path, "%s/mail-1.env", m->dir);
	char *envl = slurp(path, NULL);
	CHECK(envl && strstr(envl, "from=<noreply@liandong.example.org>") && strstr(envl, "to=ma.li@example.org") &&
	      strstr(envl, "tls=True") && strstr(envl, "user=liandong"));
	snprintf(path, sizeof path, "%s/mail-1.eml", m->dir);
	char *eml = slurp(path, NULL);
	if (!CHECK(eml))
		return;
	/* the message as a mail reader sees it: python's email parser */
	char *dec = cmd_output(fmt("python3 -c 'import email,email.policy,sys;"
				   "m=email.message_from_binary_file(open(sys.argv[1],\"rb\"),policy=email.policy.default);"
				   "print(m[\"Subject\"]);print(m[\"To\"]);print(bool(m[\"Message-ID\"]),bool(m[\"Date\"].datetime));"
				   "print(m.get_content().strip())' %s", path),
			       &st);
	CHECKM(dec && strcmp(dec, "紧急召集：三眼井社区需要志愿者支援\nma.li@example.org\nTrue True\n请回复。Line two.\n") == 0,
	       "parsed: %s", dec ? dec : "-");
	CHECK(!strstr(eml, "mail-s3cret"));
	char *log = slurp(s->log, NULL);
	CHECK(log && !strstr(log, "mail-s3cret"));
}

/* ---- workers ---- */

static pid_t worker(struct srv *s)
{
	const char *argv[] = {s->bin, "worker", "--db", s->db, "--key-file", s->key, NULL};
	return spawn_tool(s, argv);
}

static void stop_pid(pid_t pid, int sig)
{
	if (pid > 0) {
		kill(pid, sig);
		waitpid(pid, NULL, 0);
	}
}

/* Every key liandong-first..first+n-1 hit; returns how many were hit more
 * than once, or -1 if any was never hit. */
static int keys_seen(json_t *hits, long long first, int n, int *twice)
{
	char *seen = calloc((size_t)n, 1);
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h)
	{
		const char *k = json_string_value(json_object_get(h, "key"));
		long long id = k && strncmp(k, "liandong-", 9) == 0 ? strtoll(k + 9, NULL, 10) : 0;
		if (id >= first && id < first + n && seen[id - first] < 100)
			seen[id - first]++;
	}
	int missing = 0;
	*twice = 0;
	for (int k = 0; k < n; k++)
		missing += seen[k] == 0, *twice += seen[k] > 1;
	free(seen);
	return missing ? -1 : 0;
}

void t_sender_two_workers_share_the_queue_once_each(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g)
		return;
	/* the server sends nothing (no gateway in its environment); two workers do */
	char phone[12];
	phone_n(phone, 7010);
	long long p = person(s, "Lin", phone, NULL);
	long long first = queue(s, "sms", p, "s", "call-out", 200, 10);
	if (!first)
		return;
	/* few connections: several small claims each, interleaved */
	const char **env = (const char **)sms_env(g, 5, 1, 3);
	env[5] = "LIANDONG_SENDER_CONNECTIONS=4";
	s->env = env;
	pid_t w1 = worker(s), w2 = worker(s);
	int delivered = 0;
	for (double end = now_s() + 30; now_s() < end && delivered < 200; usleep(200000))
		delivered = count_status(s, "delivered");
	CHECK_INT(delivered, 200);
	usleep(300000);
	stop_pid(w1, SIGTERM);
	stop_pid(w2, SIGTERM);
	json_t *hits = gw_hits(g);
	int twice = 0;
	CHECK(keys_seen(hits, first, 200, &twice) == 0);
	CHECK_INT(twice, 0);
	CHECK_INT((long long)json_array_size(hits), 200);
	CHECK_INT(count_status(s, "queued"), 0);
}

void t_sender_worker_killed_mid_batch_loses_nothing(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g)
		return;
	gw_mode(g, "slow");
	char phone[12];
	phone_n(phone, 7011);
	long long first = queue(s, "sms", person(s, "Kong", phone, NULL), "s", "call-out", 300, 10);
	if (!first)
		return;
	s->env = sms_env(g, 1, 1, 5);
	pid_t w1 = worker(s);
	/* kill it while a batch is on the wire: some sent, not all recorded */
	int hit = 0;
	for (double end = now_s() + 15; now_s() < end && hit < 40; usleep(5000))
		hit = (int)json_array_size(gw_hits(g));
	stop_pid(w1, SIGKILL);
	int before = count_status(s, "delivered");
	CHECKM(hit >= 40 && before < 300, "killed after %d hits with %d delivered", hit, before);
	gw_mode(g, "ok");
	pid_t w2 = worker(s);
	int delivered = 0;
	/* the dead worker's leases lapse (2 x timeout + 10 s) before its rows go again */
	for (double end = now_s() + 40; now_s() < end && delivered < 300; usleep(200000))
		delivered = count_status(s, "delivered");
	stop_pid(w2, SIGTERM);
	CHECK_INT(delivered, 300);
	CHECK_INT(count_status(s, "queued"), 0);
	CHECK_INT(count_status(s, "failed"), 0);
	int twice = 0;
	CHECK(keys_seen(gw_hits(g), first, 300, &twice) == 0);
	note("%d messages delivered before the kill, %d sent twice with the same key", before, twice);
}

/* ---- configuration ---- */

void t_sender_bad_configuration_refused_naming_it(struct srv *s)
{
	static const struct {
		const char *env, *says;
	} cases[] = {
		{"LIANDONG_SMS_GATEWAY_URL=ftp://gw.example.org/", "sms_gateway_url"},
		{"LIANDONG_SMS_BODY_TEMPLATE=p={phone}", "sms_body_template"},
		{"LIANDONG_SMS_BODY_TEMPLATE=p={phone}&t={text}&x={txt}", "sms_body_template"},
		{"LIANDONG_SMS_GATEWAY_HEADER=no colon here", "sms_gateway_header"},
		{"LIANDONG_SENDER_TIMEOUT=0", "sender_timeout"},
		{"LIANDONG_SENDER_MAX_ATTEMPTS=1000", "sender_max_attempts"},
		{"LIANDONG_SENDER_CONNECTIONS=0", "sender_connections"},
		{"LIANDONG_SENDER_CONNECTIONS=100000", "sender_connections"},
		{"LIANDONG_SMTP_URL=http://mail.example.org", "smtp_url"},
		{"LIANDONG_MAIL_FROM=x", "mail_from"},
		{"LIANDONG_SMTP_CA_FILE=/nonexistent/ca.pem", "smtp_ca_file"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *env[5] = {"LIANDONG_SMS_GATEWAY_URL=http://127.0.0.1:9/sms", cases[i].env, NULL, NULL};
		if (strncmp(cases[i].env, "LIANDONG_SMS_GATEWAY_URL", 24) == 0)
			env[0] = cases[i].env, env[1] = NULL;
		if (strstr(cases[i].env, "MAIL_FROM") || strstr(cases[i].env, "CA_FILE"))
			env[1] = "LIANDONG_SMTP_URL=smtp://127.0.0.1:25", env[2] = cases[i].env;
		if (strstr(cases[i].env, "CA_FILE"))
			env[3] = "LIANDONG_MAIL_FROM=liandong@example.org";
		s->env = env;
		char logpath[700];
		snprintf(logpath, sizeof logpath, "%s", s->log);
		size_t before = 0;
		slurp(logpath, &before);
		const char *argv[] = {s->bin, "worker", "--db", s->db, "--key-file", s->key, NULL};
		int rc = run_tool_for(s, argv, NULL, 10);
		char *log = slurp(logpath, NULL);
		CHECKM(rc != 0 && rc != -1 && log && strstr(log + before, cases[i].says), "%s: exit %d, log: %s", cases[i].env, rc,
		       log ? log + before : "-");
	}
	/* a secret on the command line is refused; no channel: nothing to do */
	s->env = NULL;
	const char *flag[] = {s->bin, "worker", "--db", s->db, "--key-file", s->key, "--sms-gateway-header", "X-Key: k", NULL};
	CHECK(run_tool_for(s, flag, NULL, 10) == 2);
	const char *bare[] = {s->bin, "worker", "--db", s->db, "--key-file", s->key, NULL};
	CHECK(run_tool_for(s, bare, NULL, 10) == 2);
	char *log = slurp(s->log, NULL);
	CHECK(log && strstr(log, "worker needs sms_gateway_url or smtp_url") && !strstr(log, "X-Key: k"));
}

/* ---- a real call-out ---- */

/* An incident's mobilisation queues an SMS to each called volunteer in its
 * transaction; the server's sender delivers them, emergency first, each
 * with its key and the call-out's text, the phone the volunteer's. */
void t_sender_callout_sms_reach_the_gateway(struct srv *s)
{
	struct peer *g = peer_start(s, "gw", "sms_gateway.py", NULL, NULL);
	if (!g || !as_sender(s, sms_env(g, 5, 1, 3)))
		return;
	struct world w;
	if (!world_regions(s, &w))
		return;
	long long org = MK_ORG(s, s->admin, "中山街道社工站", "social_work_station", w.town1, 0);
	long long swp = MK_PERSON(s, s->admin, "社工甲", NULL, NULL, org);
	MK(s, s->admin, "/api/v1/social-workers",
	   fmt("{\"person_id\":%lld,\"org_id\":%lld,\"qualification\":\"intermediate\",\"certificate_no\":\"S-1\"}", swp, org));
	MK_USER(s, s->admin, "swa", swp, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", org));
	const char *sw = LOGIN(s, "swa", USER_PASS);
	static const char *const stages[] = {"trial", "initial_training", "selection", "interview", "skills_training",
					     "registered"};
	char phones[3][12];
	for (int i = 0; i < 3; i++) {
		char idn[19];
		idnum_n(idn, 8100 + i);
		phone_n(phones[i], 8100 + i);
		long long p = MK(s, s->admin, "/api/v1/people",
				 fmt("{\"name\":\"志愿者%d\",\"id_number\":\"%s\",\"phone\":\"%s\",\"org_id\":%lld,\"lat\":%.6f,"
				     "\"lon\":112.2,\"skills\":[\"first_aid\"]}",
				     i, idn, phones[i], org, 30.35 + 0.001 * (i + 1)));
		long long v = MK(s, s->admin, "/api/v1/volunteers", fmt("{\"person_id\":%lld,\"org_id\":%lld}", p, org));
		for (size_t k = 0; v > 0 && k < sizeof stages / sizeof *stages; k++)
			EXPECT_STATUS(http(s, "POST", fmt("/api/v1/volunteers/%lld/stage", v), s->admin,
					   fmt("{\"to\":\"%s\"}", stages[k])), 200);
	}
	long long em = MK(s, sw, "/api/v1/emergencies",
			  fmt("{\"type\":\"medical\",\"title\":\"老人晕倒\",\"place\":\"三眼井社区\",\"lat\":30.35,\"lon\":112.2,"
			      "\"region_id\":%lld,\"org_id\":%lld,\"severity\":\"critical\"}", w.comm1, org));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/emergencies/%lld/assess", em), sw,
			   "{\"needed_count\":3,\"radius_km\":2,\"oversubscription\":1}"), 200);
	if (test_failures())
		return;
	double t0 = now_s();
	struct resp *m = http(s, "POST", fmt("/api/v1/emergencies/%lld/mobilize", em), sw, "{}");
	if (!EXPECT_STATUS(m, 200) || !CHECK(json_array_size(jget(m->json, "items")) == 3))
		return;
	json_t *hits = NULL;
	for (double end = now_s() + 10; now_s() < end; usleep(20000)) {
		hits = gw_hits(g);
		if (json_array_size(hits) >= 3)
			break;
	}
	double took = now_s() - t0;
	if (!CHECK_INT((long long)json_array_size(hits), 3))
		return;
	note("3 call-out SMS at the gateway %.2f s after the mobilise request", took);
	CHECKM(took < 2, "the call-out's SMS took %.2f s", took);
	for (int i = 0; i < 3; i++) {
		int found = 0;
		size_t k;
		json_t *h;
		json_array_foreach(hits, k, h)
		{
			const char *b = jstr(h, "body");
			json_t *body = b ? track_json(json_loads(b, 0, NULL)) : NULL;
			if (body && strcmp(jstr(body, "phone") ? jstr(body, "phone") : "", phones[i]) == 0) {
				found++;
				long long id = jint(body, "id");
				CHECK_STR(jstr(h, "key"), fmt("liandong-%lld", id));
				CHECK(jstr(body, "text") && strstr(jstr(body, "text"), "老人晕倒"));
				json_t *r = wait_row(s, id, "delivered", 5);
				if (r) {
					CHECK_INT(jint(r, "priority"), 10);
					CHECK_STR(jstr(r, "kind"), "emergency_callout");
					CHECK_INT(jint(r, "ref_id"), em);
				}
			}
		}
		CHECKM(found == 1, "volunteer %d's phone got %d SMS", i, found);
	}
}
