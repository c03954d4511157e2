/* t_config.c - issue 17 item 3: one option table drives the configuration
 * file, the LIANDONG_* environment, the flags and each command's --help;
 * a flag beats the environment, which beats the file; a mistake in any of
 * them stops the server before it serves, naming the key. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "tests.h"

static bool answers_once(struct srv *s, int port)
{
	struct srv at = *s;
	at.port = port;
	struct resp *r = http_req(&at, &(struct req){.method = "GET", .path = "/api/v1/health", .untracked = true,
						      .timeout_ms = 300});
	long st = r->status;
	resp_free(r);
	return st == 200;
}

/* Spawn `serve` with argv, see which of the ports answers (within 10 s),
 * stop it. */
static int serving_port(struct srv *s, const char *const *argv, const int *ports, int n)
{
	pid_t pid = spawn_tool(s, argv);
	int got = -1;
	for (int round = 0; pid > 0 && round < 100 && got < 0; round++) {
		for (int i = 0; i < n && got < 0; i++)
			if (answers_once(s, ports[i]))
				got = ports[i];
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
	return got;
}

static const char *write_conf(struct srv *s, const char *name, const char *text)
{
	const char *path = fmt("%s/%s", s->dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

void t_config_file_env_and_flags_in_that_order(struct srv *s)
{
	srv_stop(s, SIGTERM);
	int p1 = free_port(), p2 = free_port(), p3 = free_port();
	if (!CHECK(p1 > 0 && p2 > 0 && p3 > 0 && p1 != p2 && p2 != p3 && p1 != p3))
		return;
	const char *conf = write_conf(s, "liandong.conf",
				      fmt("# a deployment's settings\n\ndb = %s\nkey_file = \"%s\"\nlisten = 127.0.0.1:%d\n"
					  "header_timeout = 5\nsecure_cookies = false\n",
					  s->db, s->key, p1));
	if (!CHECK(conf))
		return;
	int ports[] = {p1, p2, p3};
	const char *with_file[] = {s->bin, "serve", "--config", conf, NULL};
	CHECK_INT(serving_port(s, with_file, ports, 3), p1);

	const char *env2[] = {fmt("LIANDONG_LISTEN=127.0.0.1:%d", p2), NULL};
	s->env = env2;
	CHECK_INT(serving_port(s, with_file, (int[]){p2, p1, p3}, 3), p2);

	const char *with_flag[] = {s->bin, "serve", "--config", conf, "--listen", fmt("127.0.0.1:%d", p3), NULL};
	CHECK_INT(serving_port(s, with_flag, (int[]){p3, p1, p2}, 3), p3);

	/* the file named by the environment, no flag at all */
	const char *env_conf[] = {fmt("LIANDONG_CONFIG=%s", conf), NULL};
	s->env = env_conf;
	const char *bare[] = {s->bin, "serve", NULL};
	CHECK_INT(serving_port(s, bare, ports, 3), p1);
	s->env = NULL;
	srv_start(s);
}

/* `serve` with this file (and environment) must exit before serving (2: a
 * source cannot be read; 1: a value is out of range), its message holding
 * `want`. */
static void refused(struct srv *s, const char *text, const char *const *env, const char *want)
{
	const char *conf = write_conf(s, "bad.conf", text);
	const char *argv[] = {s->bin, "serve", "--config", conf, "--listen", fmt("127.0.0.1:%d", free_port()), NULL};
	size_t before = 0;
	slurp(s->log, &before);
	s->env = env;
	int rc = run_tool_for(s, argv, NULL, 20);
	s->env = NULL;
	CHECKM(rc == 1 || rc == 2, "serve with a bad setting (%s) exited %d, want 1 or 2 before serving", want, rc);
	char *log = slurp(s->log, NULL);
	CHECKM(log && strlen(log) > before && strstr(log + before, want), "the refusal does not say \"%s\"", want);
}

void t_config_mistakes_stop_the_server_and_name_them(struct srv *s)
{
	const char *base = fmt("db = %s\nkey_file = %s\n", s->db, s->key);
	refused(s, fmt("%slisten_on = 127.0.0.1:1\n", base), NULL, "bad.conf:3: unknown key \"listen_on\"");
	refused(s, fmt("%sheader_timeout = ten\n", base), NULL, "bad.conf:3: header_timeout needs a non-negative integer");
	refused(s, fmt("%sreuse_port = maybe\n", base), NULL, "reuse_port is true or false");
	refused(s, fmt("%sdb = other.db\n", base), NULL, "bad.conf:3: db is set twice");
	refused(s, fmt("%susername = admin\n", base), NULL, "username is a command's argument");
	refused(s, fmt("%sthreads\n", base), NULL, "bad.conf:3: expected `key = value`");
	refused(s, fmt("%sheader_timeout = 0\n", base), NULL, "--header-timeout 1 to 3600 seconds");
	refused(s, fmt("%strusted_proxies = proxy.example\n", base), NULL, "trusted-proxies needs IP addresses");
	refused(s, base, (const char *[]){"LIANDONG_LISTN=127.0.0.1:1", NULL}, "unknown environment variable LIANDONG_LISTN");
	refused(s, base, (const char *[]){"LIANDONG_THREADS=-2", NULL}, "LIANDONG_THREADS: threads needs a non-negative");

	const char *missing[] = {s->bin, "serve", "--config", fmt("%s/none.conf", s->dir), NULL};
	CHECK_INT(run_tool_for(s, missing, NULL, 20), 2);
	const char *unknown[] = {s->bin, "serve", "--lisen", "127.0.0.1:1", NULL};
	CHECK_INT(run_tool_for(s, unknown, NULL, 20), 2);
	char *log = slurp(s->log, NULL);
	CHECK(log && strstr(log, "none.conf: No such file"));
	CHECK(log && strstr(log, "unknown option --lisen"));
	/* the server that was running is the one still answering */
	EXPECT_STATUS(http(s, "GET", "/api/v1/health", NULL, NULL), 200);
}

void t_config_help_for_every_command_and_version(struct srv *s)
{
	static const char *const cmds[] = {"serve", "init", "user add", "demo", "export", "migrate-store", "backup",
					   "rotate-key", "restore", "import", "check-ledger", "check-rollups", "sweep-inactive",
					   "worker"};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		int st = -1;
		char *out = cmd_output(fmt("'%s' %s --help", s->bin, cmds[i]), &st);
		CHECKM(st == 0 && out && strstr(out, fmt("usage: liandong %s", cmds[i])), "`%s --help` exited %d",
		       cmds[i], st);
	}
	int st = -1;
	char *out = cmd_output(fmt("'%s' serve --help", s->bin), &st);
	CHECK_INT(st, 0);
	/* issue 17's contract keys; the secrets have no flag, only the file and
	 * the environment */
	static const char *const keys[] = {"--listen", "--db", "--key_file", "--trusted_proxies", "LIANDONG_LISTEN",
					   "LIANDONG_KEY_FILE", "(default 127.0.0.1:8080)", "--sms_gateway_url",
					   "  sms_gateway_header ", "--sms_body_template", "--smtp_url", "--smtp_user",
					   "  smtp_password ", "--mail_from", "  metrics_token ", "LIANDONG_SMTP_PASSWORD",
					   "LIANDONG_SMS_GATEWAY_HEADER", "LIANDONG_METRICS_TOKEN"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		CHECKM(out && strstr(out, keys[i]), "serve --help does not show %s", keys[i]);
	/* a secret on the command line stops the command, named, its value not echoed */
	out = cmd_output(fmt("'%s' serve --db '%s' --smtp_password hunter2secret 2>&1", s->bin, s->db), &st);
	CHECK_INT(st, 2);
	CHECKM(out && strstr(out, "smtp_password is a secret") && !strstr(out, "hunter2secret"),
	       "a secret flag answered: %s", out ? out : "nothing");
	out = cmd_output(fmt("'%s' --version", s->bin), &st);
	CHECKM(st == 0 && out && strncmp(out, "liandong ", 9) == 0, "--version printed %s", out ? out : "nothing");
	/* the old spellings still work: --key-file and --trusted-proxy */
	out = cmd_output(fmt("'%s' check-ledger --db '%s' --key-file '%s' --trusted-proxy 127.0.0.1", s->bin, s->db,
			     s->key), &st);
	CHECKM(st == 0, "check-ledger with the old flag spellings exited %d", st);
}
