/* main.c - the liandong command: serve, init, user add, demo, migrate-store,
 * backup, restore, export.
 *
 * One option table drives parsing, defaults and --help. Every command opens
 * the store (applying migrations), loads the key that encrypts personal
 * identifiers, and builds the struct app passed to every layer. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "core/config.h"
#include "core/files.h"
#include "crypto/crypto.h"
#include "demo/demo.h"
#include "domain/records.h"
#include "domain/outmsg.h"
#include "domain/service_rules.h"
#include "domain/workforce.h"
#include "http/http.h"
#include "service/geo.h"
#include "service/export.h"
#include "service/funds.h"
#include "service/import.h"
#include "service/keys.h"
#include "service/sender.h"
#include "service/service.h"
#include "service/session_cache.h"
#include "store/stats_store.h"
#include "store/store.h"

struct opts {
	const char *config, *db, *listen, *key_file, *username, *role, *from, *to, *stars;
	const char *public_url;
	const char *kind, *format, *encoding, *out, *on_existing, *lang, *fund, *platform;
	const char *scale;	/* demo: "city" or "city/N" */
	long long org, region, threads, volunteers;
	long long checkin_lead, checkout_grace;	/* minutes */
	long long batch, pause;	/* rotate-key: rows per transaction, ms between */
	int password_stdin, force, dry_run, all_or_nothing, repair;
	const char *trusted_proxies, *metrics_token;
	long long max_conns_per_ip, header_timeout;
	long long inactive_after_months, inactive_sweep_interval;
	long long session_cache_ttl;	/* seconds */
	const char *sms_webhook_secret;
	int reuse_port, secure_cookies;
	/* the outbox's senders (issue 17) */
	const char *sms_gateway_url, *sms_gateway_header, *sms_body_template;
	const char *smtp_url, *smtp_user, *smtp_password, *mail_from, *smtp_ca_file;
	long long sender_timeout, sender_backoff, sender_max_attempts, sender_connections;
};

/* The commands, as bits of an option's `cmds`. */
enum {
	C_SERVE = 1u << 0, C_INIT = 1u << 1, C_USER = 1u << 2, C_DEMO = 1u << 3, C_EXPORT = 1u << 4,
	C_MIGRATE = 1u << 5, C_BACKUP = 1u << 6, C_RESTORE = 1u << 7, C_ROTATE = 1u << 8, C_IMPORT = 1u << 9,
	C_LEDGER = 1u << 10, C_SWEEP = 1u << 11, C_WORKER = 1u << 12, C_ROLLUPS = 1u << 13,
};
#define C_STORE (C_SERVE | C_INIT | C_USER | C_DEMO | C_EXPORT | C_BACKUP | C_RESTORE | C_ROTATE | C_IMPORT | \
		 C_LEDGER | C_SWEEP | C_WORKER | C_ROLLUPS)
#define C_ALL (C_STORE | C_MIGRATE)

static const struct command {
	const char *name;
	unsigned bit;
	const char *summary;
} commands[] = {
	{"serve", C_SERVE, "serve the web UI and JSON API (creating the database and key if absent)"},
	{"init", C_INIT, "create the database and key file"},
	{"user add", C_USER, "add an account (--username --role [--org|--region] --password-stdin)"},
	{"demo", C_DEMO, "load a demo city (regions, orgs, people, workforces)"},
	{"export", C_EXPORT, "write an export file (--kind K [--format csv|xlsx] [--encoding gb18030] --out FILE)"},
	{"migrate-store", C_MIGRATE, "copy a SQLite deployment into PostgreSQL (--from PATH.db --to URI)"},
	{"backup", C_BACKUP, "a consistent copy while serving (--to FILE); keep the key file too"},
	{"rotate-key", C_ROTATE, "re-encrypt the ID numbers, phones and case notes under a new key while serving;"
				 " the old key is retired"},
	{"restore", C_RESTORE, "a backup becomes the database (--from FILE [--force])"},
	{"import", C_IMPORT, "import FILE: read a CSV/XLSX sheet of people or clients (--kind people|clients"
			     " [--dry-run] [--on-existing]), or a platform's statement of gifts into a fund (--kind"
			     " donations --fund ID --platform NAME)"},
	{"check-ledger", C_LEDGER, "prove the funds' journal: every entry balances, the trial balance agrees, each"
				   " fund's balance is its journal's cash, each donation posted once; exit 1 if not"},
	{"check-rollups", C_ROLLUPS, "compare each statistics rollup with what its rows give now; exit 1 if one"
				     " differs (--repair: build them all again from the rows)"},
	{"sweep-inactive", C_SWEEP, "move registered volunteers without verified service for --inactive-after-months"
				    " months (default 12) to inactive, once (serve does it at start and hourly)"},
	{"worker", C_WORKER, "send the outbox's SMS and e-mail only (no HTTP); run several on PostgreSQL to share the"
			     " queue"},
	{"routes", 0, "print every API route: METHOD PATTERN public|auth, one a line"},
	{"version", 0, "print the version (also --version)"},
};

#define XSTR(x) STR_(x)
#define STR_(x) #x
#define O(name, type, field) #name, type, offsetof(struct opts, field)
#define CONF OPT_CONF

/* Every option: its name (the file's key, LIANDONG_ + upper case in the
 * environment, --name on the command line), default, sources, commands. */
static const struct opt opt_table[] = {
	{O(config, O_STR, config), NULL, 0, C_STORE,
	 "the configuration file (default /etc/liandong/liandong.conf when it exists, or $LIANDONG_CONFIG)", NULL},
	{O(db, O_STR, db), "liandong.db", CONF, C_STORE, "a SQLite file or postgresql:// URI", NULL},
	{O(listen, O_STR, listen), "127.0.0.1:8080", CONF, C_SERVE, "address to serve on", NULL},
	{O(key_file, O_STR, key_file), NULL, CONF, C_STORE,
	 "key file (default <db>.key; ./liandong.key for PostgreSQL)", NULL},
	{O(threads, O_INT, threads), NULL, CONF, C_SERVE, "HTTP worker threads (default 2 x cores)", NULL},
	{O(public_url, O_STR, public_url), NULL, CONF, C_SERVE,
	 "base URL of the links in certificates, QR codes and messages, e.g. https://liandong.example.org", NULL},
	{O(trusted_proxies, O_STR, trusted_proxies), NULL, CONF, C_SERVE,
	 "the reverse proxy's address(es), comma-separated: its X-Forwarded-For and X-Forwarded-Proto are believed",
	 "trusted_proxy"},
	{O(metrics_token, O_STR, metrics_token), NULL, CONF | OPT_SECRET, C_SERVE,
	 "GET /metrics also answers a client sending Authorization: Bearer <this> (loopback always may)", NULL},
	{O(secure_cookies, O_FLAG, secure_cookies), NULL, CONF, C_SERVE,
	 "always mark cookies Secure (implied by an https:// public_url)", NULL},
	{O(reuse_port, O_FLAG, reuse_port), NULL, CONF, C_SERVE,
	 "share the port with other liandong servers (SO_REUSEPORT); without it a busy port stops serve", NULL},
	{O(session_cache_ttl, O_INT, session_cache_ttl), "2", CONF, C_SERVE,
	 "seconds a server may answer from its copy of a session: a sign-out or a change of roles made through"
	 " another server process takes effect here within it (its own at once; 0: read every request's session)",
	 NULL},
	{O(max_conns_per_ip, O_INT, max_conns_per_ip), "64", CONF, C_SERVE,
	 "open connections of one client address (0: no cap; a trusted proxy is exempt)", NULL},
	{O(header_timeout, O_INT, header_timeout), "10", CONF, C_SERVE,
	 "seconds a request head may take, however slowly it arrives", NULL},
	{O(star_thresholds, O_STR, stars), NULL, CONF, C_STORE, "hours for stars 1-5 (default 100,300,600,1000,1500)",
	 NULL},
	{O(checkin_lead, O_INT, checkin_lead), XSTR(CHECKIN_LEAD_DEFAULT_MIN), CONF, C_STORE,
	 "minutes before a shift a volunteer may check in", NULL},
	{O(checkout_grace, O_INT, checkout_grace), XSTR(CHECKOUT_GRACE_DEFAULT_MIN), CONF, C_STORE,
	 "minutes after a shift a volunteer may check out", NULL},
	{O(inactive_after_months, O_INT, inactive_after_months), XSTR(INACTIVE_AFTER_MONTHS_DEFAULT), CONF,
	 C_SERVE | C_SWEEP, "months without verified service before a registered volunteer becomes inactive (0: never)",
	 NULL},
	{O(inactive_sweep_interval, O_INT, inactive_sweep_interval), XSTR(INACTIVE_SWEEP_SECS_DEFAULT), CONF, C_SERVE,
	 "seconds between the server's inactive sweeps (the first at start)", NULL},
	{O(sms_gateway_url, O_STR, sms_gateway_url), NULL, CONF, C_SERVE | C_WORKER,
	 "the SMS gateway's URL (http:// or https://); each queued SMS is POSTed there (docs/MESSAGING.md)", NULL},
	{O(sms_gateway_header, O_STR, sms_gateway_header), NULL, CONF | OPT_SECRET, C_SERVE | C_WORKER,
	 "one header line sent to the gateway, e.g. \"Authorization: Bearer KEY\"", NULL},
	{O(sms_body_template, O_STR, sms_body_template), NULL, CONF, C_SERVE | C_WORKER,
	 "the gateway's request body with {phone}, {text} and {id} (default " SMS_TEMPLATE_DEFAULT "); JSON-escaped"
	 " when it starts with { or [, else a percent-encoded form", NULL},
	{O(smtp_url, O_STR, smtp_url), NULL, CONF, C_SERVE | C_WORKER,
	 "the mail server, smtp://host:587 (STARTTLS required) or smtps://host:465; ?starttls=optional only for a"
	 " server on this machine", NULL},
	{O(smtp_user, O_STR, smtp_user), NULL, CONF, C_SERVE | C_WORKER, "the SMTP login (none: no AUTH)", NULL},
	{O(smtp_password, O_STR, smtp_password), NULL, CONF | OPT_SECRET, C_SERVE | C_WORKER, "the SMTP password", NULL},
	{O(mail_from, O_STR, mail_from), NULL, CONF, C_SERVE | C_WORKER, "the sender address of e-mail", NULL},
	{O(smtp_ca_file, O_STR, smtp_ca_file), NULL, CONF, C_SERVE | C_WORKER,
	 "CA certificates (PEM) the SMTP server's certificate is checked against (default: the system's)", NULL},
	{O(sender_timeout, O_INT, sender_timeout), "10", CONF, C_SERVE | C_WORKER,
	 "seconds a gateway or SMTP server has to answer one message", NULL},
	{O(sender_backoff, O_INT, sender_backoff), "30", CONF, C_SERVE | C_WORKER,
	 "seconds before the first retry; doubled each time, at most an hour", NULL},
	{O(sender_max_attempts, O_INT, sender_max_attempts), "6", CONF, C_SERVE | C_WORKER,
	 "tries of a message before it is failed (an admin may resend it)", NULL},
	{O(sender_connections, O_INT, sender_connections), "32", CONF, C_SERVE | C_WORKER,
	 "connections a sender keeps open to the gateway (and SMTP server) at once; raise it for a slow gateway", NULL},
	{O(sms_webhook_secret, O_STR, sms_webhook_secret), NULL, CONF | OPT_SECRET, C_SERVE,
	 "the key the SMS gateway signs its inbound webhook with (HMAC-SHA256; without it the webhook answers 503)",
	 NULL},
	{O(username, O_STR, username), NULL, 0, C_USER, "the account name", NULL},
	{O(role, O_STR, role), NULL, 0, C_USER, "platform_admin, regional_admin, org_admin, ...", NULL},
	{O(org, O_INT, org), NULL, 0, C_USER, "org id the role is bound to", NULL},
	{O(region, O_INT, region), NULL, 0, C_USER, "region id the role is bound to", NULL},
	{O(password_stdin, O_FLAG, password_stdin), NULL, 0, C_USER, "read the password from stdin", NULL},
	{O(volunteers, O_INT, volunteers), "12", 0, C_DEMO, "volunteers per team", NULL},
	{O(scale, O_STR, scale), NULL, 0, C_DEMO,
	 "city: grow the demo to seed 001's size (1.12 M volunteers, 6.51 M hours; docs/DEMO.md); city/N: the same"
	 " structure with its volunteers and hours divided by N (1 to " DEMO_SCALE_MAX_TEXT ")", NULL},
	{O(from, O_STR, from), NULL, 0, C_MIGRATE | C_RESTORE, "migrate-store: the SQLite file to copy; restore: the backup",
	 NULL},
	{O(to, O_STR, to), NULL, 0, C_MIGRATE | C_BACKUP,
	 "migrate-store: the postgresql:// URI of an empty database; backup: the file", NULL},
	{O(force, O_FLAG, force), NULL, 0, C_RESTORE, "replace an existing database (never a live one)", NULL},
	{O(kind, O_STR, kind), NULL, 0, C_EXPORT | C_IMPORT,
	 "export: people, volunteers, social-workers, service-records, hours, national-volunteers,"
	 " national-service-records; import: people, clients, donations", NULL},
	{O(format, O_STR, format), NULL, 0, C_EXPORT, "csv (default) or xlsx", NULL},
	{O(encoding, O_STR, encoding), NULL, 0, C_EXPORT, "utf-8 (default, with BOM) or gb18030 (CSV only)", NULL},
	{O(out, O_STR, out), NULL, 0, C_EXPORT, "the file to write", NULL},
	{O(dry_run, O_FLAG, dry_run), NULL, 0, C_IMPORT, "check every row, write nothing", NULL},
	{O(repair, O_FLAG, repair), NULL, 0, C_ROLLUPS, "build every rollup again from the rows, then check", NULL},
	{O(on_existing, O_STR, on_existing), NULL, 0, C_IMPORT, "skip (default) or update a known ID number", NULL},
	{O(all_or_nothing, O_FLAG, all_or_nothing), NULL, 0, C_IMPORT, "write nothing if any row is bad", NULL},
	{O(lang, O_STR, lang), NULL, 0, C_IMPORT, "zh (default) or en messages", NULL},
	{O(fund, O_STR, fund), NULL, 0, C_IMPORT, "--kind donations: the fund's id the statement's gifts go into", NULL},
	{O(platform, O_STR, platform), NULL, 0, C_IMPORT,
	 "--kind donations: the fundraising platform (腾讯公益, ...), unless the sheet has a 平台 column", NULL},
	{O(batch, O_INT, batch), "100", 0, C_ROTATE, "rows re-encrypted per transaction (at most 1000)", NULL},
	{O(pause, O_INT, pause), "0", 0, C_ROTATE, "milliseconds between transactions, to spare a busy database", NULL},
};

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void usage(FILE *f, const struct optset *set)
{
	fputs("usage: liandong COMMAND [options]      (liandong COMMAND --help: the command's options)\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-16s %s\n", commands[i].name, commands[i].summary);
	fputs("\nsettings (the configuration file's keys; LIANDONG_ + upper case in the environment; --key as a flag;\n"
	      "a flag beats the environment, which beats the file):\n",
	      f);
	config_help(set, C_ALL, f);
}

static void command_help(FILE *f, const struct command *c, const struct optset *set)
{
	fprintf(f, "usage: liandong %s [options]\n  %s\n\noptions:\n", c->name, c->summary);
	config_help(set, c->bit, f);
}

/* The options of a command: defaults, then the configuration file (named
 * by --config, $LIANDONG_CONFIG or the system's default), the LIANDONG_*
 * environment, and the flags. Prints the reason and returns -1 when any
 * source is bad. */
static int load_opts(struct optset *set, int argc, char **argv, int start, int uses_store)
{
	extern char **environ;
	char err[512];
	const char *path = getenv("LIANDONG_CONFIG");
	int must = path != NULL;
	for (int i = start; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			path = argv[i + 1], must = 1;
		else if (strncmp(argv[i], "--config=", 9) == 0)
			path = argv[i] + 9, must = 1;
	}
	if (!path)
		path = "/etc/liandong/liandong.conf";
	if (config_defaults(set, err, sizeof err) ||
	    (uses_store && config_load_file(set, path, must, err, sizeof err)) ||
	    (uses_store && config_load_env(set, environ, err, sizeof err)) ||
	    config_parse_args(set, argc, argv, start, err, sizeof err)) {
		fprintf(stderr, "liandong: %s\n", err);
		return -1;
	}
	return 0;
}

/* `liandong routes`: the API's route table, one "METHOD PATTERN public|auth"
 * line per route, in the order the router tries them (needs no database). */
static int cmd_routes(void)
{
	static const char *const names[] = {"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OTHER"};
	enum http_method m;
	const char *pattern;
	int auth;
	for (size_t i = 0; router_route(i, &m, &pattern, &auth) == 0; i++)
		printf("%s %s %s\n", names[m], pattern, auth ? "auth" : "public");
	return fflush(stdout) == 0 ? 0 : 1;
}

/* "100,300,600,1000,1500": five ascending whole hours. */
/* The base of printed links from --public-url (malloc, without a trailing
 * slash), or NULL when it is not an http(s) URL of sane length and
 * characters. */
static char *public_url_parse(const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	size_t scheme = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
	if (!scheme || n <= scheme || n > 200 ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]/_~%") < n)
		return NULL;
	return strndup(s, n);
}

/* Whether s is a comma list of IPv4/IPv6 addresses. */
static int trusted_proxy_ok(const char *s)
{
	do {
		size_t n = strcspn(s, ",");
		char one[INET6_ADDRSTRLEN];
		unsigned char bin[16];
		if (n == 0 || n >= sizeof one)
			return 0;
		memcpy(one, s, n);
		one[n] = 0;
		if (inet_pton(strchr(one, ':') ? AF_INET6 : AF_INET, one, bin) != 1)
			return 0;
		s += n;
	} while (*s++ == ',');
	return 1;
}

static int parse_stars(const char *s, int out[5])
{
	for (int i = 0; i < 5; i++) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > 100000 || (i && v <= out[i - 1]) || *end != (i < 4 ? ',' : '\0'))
			return -1;
		out[i] = (int)v;
		s = end + 1;
	}
	return 0;
}

/* The key file (malloc): --key-file, else beside a SQLite file, else (for
 * PostgreSQL) in the working directory; every process of one deployment
 * must use the same key. */
static char *key_path(const struct opts *o)
{
	if (o->key_file)
		return xstrdup(o->key_file);
	size_t n = strlen(o->db) + 5;
	char *key = xmalloc(n);
	snprintf(key, n, "%s.key", store_is_postgres(o->db) ? "liandong" : o->db);
	return key;
}

static int open_app(struct app *app, const struct opts *o, int create, int nconns)
{
	char err[256];
	struct errinfo ei = {0};
	app->version = LD_VERSION;
	app->max_body = 1 << 20;
	app->max_upload = (size_t)64 << 20;
	app->session_ttl = 12 * 3600;
	app->login_max_failures = 5;
	app->login_window = 15 * 60;
	app->login_addr_max_failures = 20;
	app->token_ttl = 60;
	memcpy(app->star_hours, stars_default_hours, sizeof app->star_hours);
	if (o->checkin_lead > ATTENDANCE_MINUTES_MAX || o->checkout_grace > ATTENDANCE_MINUTES_MAX) {
		fprintf(stderr, "liandong: --checkin-lead and --checkout-grace are at most %d minutes\n", ATTENDANCE_MINUTES_MAX);
		return -1;
	}
	app->checkin_lead = 60 * o->checkin_lead;
	app->checkout_grace = 60 * o->checkout_grace;
	if (o->stars && parse_stars(o->stars, app->star_hours)) {
		fputs("liandong: --star-thresholds needs five ascending whole hours, e.g. 100,200,500,800,1000\n", stderr);
		return -1;
	}
	if (o->public_url && !(app->public_url = public_url_parse(o->public_url))) {
		fputs("liandong: --public-url needs an http:// or https:// URL of at most 200 characters, without a query,"
		      " e.g. https://liandong.example.org\n", stderr);
		return -1;
	}
	app->reuse_port = o->reuse_port;
	app->max_conns_per_ip = (int)o->max_conns_per_ip;
	app->trusted_proxies = o->trusted_proxies;
	if (o->metrics_token && strlen(o->metrics_token) < 16) {
		fputs("liandong: metrics_token needs at least 16 characters\n", stderr);
		return -1;
	}
	app->metrics_token = o->metrics_token;
	app->secure_cookies = o->secure_cookies || (app->public_url && strncmp(app->public_url, "https://", 8) == 0);
	if (o->max_conns_per_ip > 100000 || o->header_timeout < 1 || o->header_timeout > 3600) {
		fputs("liandong: --max-conns-per-ip is at most 100000, --header-timeout 1 to 3600 seconds\n", stderr);
		return -1;
	}
	app->header_timeout = (int)o->header_timeout;
	if (o->session_cache_ttl < 0 || o->session_cache_ttl > SESSION_CACHE_TTL_MAX) {
		fprintf(stderr, "liandong: --session-cache-ttl is 0 to %d seconds\n", SESSION_CACHE_TTL_MAX);
		return -1;
	}
	if (o->inactive_after_months > INACTIVE_AFTER_MONTHS_MAX || o->inactive_sweep_interval < 1 ||
	    o->inactive_sweep_interval > 86400 * 31) {
		fprintf(stderr, "liandong: --inactive-after-months is 0 to %d, --inactive-sweep-interval 1 to %d seconds\n",
			INACTIVE_AFTER_MONTHS_MAX, 86400 * 31);
		return -1;
	}
	app->inactive_after_months = (int)o->inactive_after_months;
	app->inactive_sweep_secs = (int)o->inactive_sweep_interval;
	app->sms_webhook_secret = o->sms_webhook_secret && *o->sms_webhook_secret ? o->sms_webhook_secret : NULL;
	if (app->sms_webhook_secret && strlen(app->sms_webhook_secret) < 16) {
		fputs("liandong: sms_webhook_secret needs at least 16 characters\n", stderr);
		return -1;
	}
	if (o->trusted_proxies && !trusted_proxy_ok(o->trusted_proxies)) {
		fputs("liandong: --trusted-proxies needs IP addresses separated by commas, e.g. 127.0.0.1,::1\n", stderr);
		return -1;
	}
	if (o->sms_gateway_url || o->smtp_url) {
		struct sender_conf sc = {
			.sms_url = o->sms_gateway_url, .sms_header = o->sms_gateway_header,
			.sms_template = o->sms_body_template, .smtp_url = o->smtp_url, .smtp_user = o->smtp_user,
			.smtp_password = o->smtp_password, .mail_from = o->mail_from, .smtp_ca_file = o->smtp_ca_file,
			.timeout_s = (int)o->sender_timeout, .backoff_s = (int)o->sender_backoff,
			.max_attempts = (int)o->sender_max_attempts, .connections = (int)o->sender_connections,
		};
		if (o->sender_timeout > 300 || o->sender_backoff > SENDER_BACKOFF_CAP || o->sender_max_attempts > 100 ||
		    o->sender_connections > SENDER_CONNECTIONS_MAX)
			sc.timeout_s = 0; /* out of int's range too: refused below */
		if (sender_conf_check(&sc, err, sizeof err)) {
			fprintf(stderr, "liandong: %s\n", err);
			return -1;
		}
		app->sender = xmalloc(sizeof *app->sender);
		*app->sender = sc;
	}
	if (crypto_init() != 0) {
		fputs("liandong: cannot initialise libsodium\n", stderr);
		return -1;
	}
	int pg = store_is_postgres(o->db);
	char *key = key_path(o);
	app->keys = keys_open(key, create, err, sizeof err);
	free(key);
	if (!app->keys) {
		fprintf(stderr, "liandong: %s (run `liandong init` first)\n", err);
		return -1;
	}
	if (!pg && access(o->db, F_OK) != 0 && !create) {
		fprintf(stderr, "liandong: no database at %s (run `liandong init --db %s` first)\n", o->db, o->db);
		goto fail_keys;
	}
	if (store_open(o->db, nconns, create, &app->store, &ei)) {
		fprintf(stderr, "liandong: cannot open the store: %s\n", ei.message);
		goto fail_keys;
	}
	if (keys_attach(app, &ei)) {
		fprintf(stderr, "liandong: %s\n", ei.message);
		store_close(app->store);
		goto fail_keys;
	}
	app->geo = geo_cache_new();
	return 0;
fail_keys:
	keys_free(app->keys);
	app->keys = NULL;
	return -1;
}

static int cmd_rotate_key(struct app *app, const struct opts *o)
{
	struct errinfo ei = {0};
	if (o->batch < 0 || o->batch > 1000 || o->pause < 0 || o->pause > 60000) {
		fputs("liandong: --batch is 1 to 1000 rows, --pause 0 to 60000 ms\n", stderr);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (keys_rotate(app, o->batch ? (int)o->batch : 100, (int)o->pause, stdout, &ei)) {
		fprintf(stderr, "liandong: rotate-key: %s\n", ei.message);
		return 1;
	}
	puts("rotate-key: done");
	return 0;
}

static int read_password(char *buf, size_t n)
{
	if (!fgets(buf, (int)n, stdin))
		return -1;
	buf[strcspn(buf, "\r\n")] = 0;
	return 0;
}

static int cmd_user_add(struct app *app, const struct opts *o)
{
	char pw[256];
	if (!o->username || !o->role || !o->password_stdin) {
		fputs("liandong: user add needs --username, --role and --password-stdin\n", stderr);
		return 2;
	}
	if (read_password(pw, sizeof pw)) {
		fputs("liandong: no password on stdin\n", stderr);
		return 2;
	}
	struct arena a = ARENA_INIT;
	struct ctx x;
	svc_ctx_begin(&x, app, &a);
	struct errinfo ei = {0};
	int64_t id = 0;
	enum err e = users_add_cli(&x, o->username, pw, o->role, o->org, o->region, &id, &ei);
	svc_ctx_end(&x);
	arena_release(&a);
	if (e) {
		fprintf(stderr, "liandong: cannot add user: %s%s%s%s\n", ei.message, ei.field[0] ? " (field " : "",
			ei.field[0] ? ei.field : "", ei.field[0] ? ")" : "");
		return 1;
	}
	printf("user %s added with id %lld\n", o->username, (long long)id);
	return 0;
}

static int cmd_demo(struct app *app, const struct opts *o)
{
	struct arena a = ARENA_INIT;
	struct ctx x;
	svc_ctx_begin(&x, app, &a);
	struct errinfo ei = {0};
	/* thousands of small writes in one transaction (store.h), all or nothing */
	int divisor = 0;
	if (o->scale)
		demo_scale_parse(o->scale, &divisor); /* checked in main */
	enum err e = store_bulk_begin(x.c, &ei);
	if (!e && divisor)
		e = store_bulk_memory(x.c, 1024, &ei);
	if (!e) {
		e = demo_load(&x, o->volunteers ? (int)o->volunteers : 12, &ei);
		if (!e && divisor)
			e = demo_city(&x, divisor, &ei);
		enum err end = store_bulk_end(x.c, !e, e ? NULL : &ei);
		if (!e)
			e = end;
	}
	svc_ctx_end(&x);
	arena_release(&a);
	if (e) {
		fprintf(stderr, "liandong: demo failed: %s %s\n", ei.message, ei.field);
		return 1;
	}
	return 0;
}

static void say_line(const char *line, void *arg)
{
	fprintf(arg, "check-ledger: %s\n", line);
}

/* `liandong check-ledger`: every check of service/funds.c's
 * svc_ledger_check over the whole journal, in one read snapshot. */
static int cmd_check_ledger(struct app *app)
{
	struct arena a = ARENA_INIT;
	struct ctx x;
	svc_ctx_begin(&x, app, &a);
	struct errinfo ei = {0};
	struct ledger_report r;
	enum err e = svc_ledger_check(&x, say_line, stdout, &r, &ei);
	svc_ctx_end(&x);
	arena_release(&a);
	if (e) {
		fprintf(stderr, "liandong: check-ledger: %s\n", ei.message);
		return 1;
	}
	printf("check-ledger: %lld funds, %lld entries, %lld lines; debits %lld fen, credits %lld fen: %s\n",
	       (long long)r.funds, (long long)r.entries, (long long)r.lines, (long long)r.debit_fen,
	       (long long)r.credit_fen, r.problems ? "PROBLEMS FOUND" : "balanced");
	return r.problems ? 1 : 0;
}

static void say_rollup(const char *table, int64_t missing, int64_t extra, int64_t rows, void *arg)
{
	(void)arg;
	printf("check-rollups: %-22s %10lld rows: %s", table, (long long)rows, missing || extra ? "DIFFERS" : "agrees");
	if (missing || extra)
		printf(" (%lld rows missing or wrong, %lld rows too many or wrong)", (long long)missing, (long long)extra);
	putchar('\n');
}

/* `liandong check-rollups [--repair]`: store_rollups_check, after (with
 * --repair) a rebuild in one write transaction, as a bulk load ends. */
static int cmd_check_rollups(struct app *app, const struct opts *o)
{
	struct store_conn *c = store_acquire(app->store);
	struct errinfo ei = {0};
	enum err e = ERR_OK;
	if (o->repair) {
		if (!(e = store_begin(c, 1)) && !(e = store_rollups_pause(c)) && !(e = store_rollups_rebuild(c)))
			e = store_commit_ei(c, &ei);
		if (e)
			store_rollback(c);
		else
			puts("check-rollups: every rollup built again from the rows");
	}
	int bad = 0;
	if (!e)
		e = store_rollups_check(c, say_rollup, NULL, &bad);
	store_release(c);
	if (e) {
		fprintf(stderr, "liandong: check-rollups: %s\n", ei.message[0] ? ei.message : err_code(e));
		return 1;
	}
	printf("check-rollups: %s\n", bad ? "ROLLUPS DIFFER (liandong check-rollups --repair)" : "every rollup agrees");
	return bad ? 1 : 0;
}

/* `liandong sweep-inactive`: one sweep, as the system. */
static int cmd_sweep_inactive(struct app *app)
{
	if (app->inactive_after_months <= 0) {
		fputs("liandong: sweep-inactive needs --inactive-after-months of at least 1\n", stderr);
		return 2;
	}
	struct errinfo ei = {0};
	int64_t moved = 0;
	if (svc_sweep_inactive(app, NULL, &moved, &ei)) {
		fprintf(stderr, "liandong: sweep-inactive: %s\n", ei.message);
		return 1;
	}
	printf("sweep-inactive: %lld volunteers without verified service for %d months moved to inactive\n",
	       (long long)moved, app->inactive_after_months);
	return 0;
}

/* Export as the platform: every row, ID numbers and phones unmasked. */
static int cmd_export(struct app *app, const struct opts *o)
{
	const struct export_kind *k = export_kind_find(o->kind);
	if (!k || !o->out) {
		fputs("liandong: export needs --kind (people, volunteers, social-workers, service-records, hours,"
		      " national-volunteers, national-service-records) and --out FILE\n", stderr);
		return 2;
	}
	struct export_req rq = {.kind = k, .filters_json = "{}"};
	struct errinfo ei = {0};
	if (export_parse(o->format, o->encoding, &rq.format, &rq.encoding, &ei)) {
		fprintf(stderr, "liandong: --%s: %s\n", ei.field, ei.message);
		return 2;
	}
	/* written beside --out and renamed over it when complete, so a failure
	 * never leaves a cut-off file (or clobbers the one there) */
	char *tmp = file_temp_beside(o->out, &ei);
	if (!tmp) {
		fprintf(stderr, "liandong: export failed, %s not written: %s\n", o->out, ei.message);
		return 1;
	}
	struct arena a = ARENA_INIT;
	struct ctx x;
	svc_ctx_begin(&x, app, &a);
	int64_t rows = 0;
	enum err e = svc_export(&x, &rq, tmp, &rows, &ei);
	svc_ctx_end(&x);
	arena_release(&a);
	if (e)
		file_discard(tmp);
	else
		e = file_commit(tmp, o->out, &ei);
	if (e) {
		fprintf(stderr, "liandong: export failed, %s not written: %s\n", o->out, ei.message);
		return 1;
	}
	printf("exported %lld %s rows to %s\n"
	       "note: the command line exports as the platform: every row, ID numbers and phones UNMASKED;"
	       " keep the file safe (the export is in the audit log)\n",
	       (long long)rows, o->kind, o->out);
	return 0;
}

static void copy_progress(const char *table, int64_t rows, void *arg)
{
	(void)arg;
	printf("  %-24s %lld rows\n", table, (long long)rows);
}

/* Copy every row of a SQLite deployment into an empty PostgreSQL database.
 * The key file stays the same: encrypted fields are copied as they are. */
static int cmd_migrate_store(const struct opts *o)
{
	struct store *from = NULL, *to = NULL;
	struct errinfo ei = {0};
	if (!o->from || !o->to) {
		fputs("liandong: migrate-store needs --from PATH.db and --to postgresql://...\n", stderr);
		return 2;
	}
	if (access(o->from, R_OK) != 0) {
		fprintf(stderr, "liandong: cannot read %s\n", o->from);
		return 1;
	}
	if (store_open(o->from, 1, 0, &from, &ei) || store_open(o->to, 1, 1, &to, &ei)) {
		fprintf(stderr, "liandong: cannot open the stores: %s\n", ei.message);
		store_close(from);
		return 1;
	}
	printf("copying %s into %s\n", o->from, o->to);
	enum err e = store_copy(from, to, copy_progress, NULL, &ei);
	store_close(from);
	store_close(to);
	if (e) {
		fprintf(stderr, "liandong: migrate-store failed, the target is unchanged: %s\n", ei.message);
		return 1;
	}
	puts("done: every row copied; serve with --db set to the new URI and the same key file");
	return 0;
}

/* `liandong backup`: the copy, then where the key is, since the backup is
 * unreadable without it and must not travel with it. */
static int cmd_backup(const struct opts *o)
{
	struct errinfo ei = {0};
	if (!o->to) {
		fputs("liandong: backup needs --to FILE\n", stderr);
		return 2;
	}
	if (store_backup(o->db, o->to, &ei)) {
		fprintf(stderr, "liandong: backup failed, %s not written: %s\n", o->to, ei.message);
		return 1;
	}
	char *key = key_path(o), *abs = realpath(key, NULL);
	printf("backup of %s written to %s (%s)\n", o->db, o->to,
	       store_is_postgres(o->db) ? "a pg_dump -Fc archive" : "a SQLite database");
	if (abs)
		printf("keep the key file %s too: the ID numbers and phones in the backup are encrypted with it and\n"
		       "cannot be read without it. Store a copy with your backups but apart from them (whoever holds\n"
		       "both can read the data), and give it to the server after a restore (--key-file).\n",
		       abs);
	else
		printf("warning: the key file %s was not found; the encrypted fields of this backup can only be read\n"
		       "with the key file the server uses (--key-file): keep a copy of it, stored apart from the backup.\n",
		       key);
	free(abs);
	free(key);
	return 0;
}

static int cmd_restore(const struct opts *o)
{
	struct errinfo ei = {0};
	if (!o->from) {
		fputs("liandong: restore needs --from FILE (and --db, default ./liandong.db)\n", stderr);
		return 2;
	}
	if (store_restore(o->from, o->db, o->force, &ei)) {
		fprintf(stderr, "liandong: restore failed, %s unchanged: %s\n", o->db, ei.message);
		return 1;
	}
	char *key = key_path(o);
	printf("restored %s into %s\n", o->from, o->db);
	if (access(key, F_OK) == 0)
		printf("serve it with the key file kept with the backup; %s is there now and must be that same key\n", key);
	else
		printf("serve it with the key file kept with the backup: copy it to %s, or pass --key-file\n", key);
	free(key);
	return 0;
}

/* The import's progress: a line rewritten in place on a terminal, a line
 * per 10% otherwise. */
static void import_progress(int64_t done, int64_t total, void *arg)
{
	int tty = *(int *)arg;
	if (tty) {
		printf("\r  %lld/%lld rows", (long long)done, (long long)total);
		fflush(stdout);
	} else if (total && (done == total || done % ((total + 9) / 10) == 0)) {
		printf("  %lld/%lld rows\n", (long long)done, (long long)total);
	}
}

static void import_row_error(int row, const char *column, const char *message, int warning, void *arg)
{
	int tty = *(int *)arg;
	printf("%srow %d%s%s: %s%s\n", tty ? "\r\033[K" : "", row, column ? ", column " : "", column ? column : "",
	       warning ? "warning: " : "", message);
}

/* Read a whole file into a malloc'd buffer; past `max` bytes it stops (the
 * reader then refuses the file as too large). NULL with errno set when the
 * file cannot be opened or read: a read error never passes for the end. */
static char *read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = xmalloc(cap);
	for (size_t got; (got = fread(buf + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n > max)
			break;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	int bad = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (bad) {
		free(buf);
		errno = bad;
		return NULL;
	}
	*len = n;
	return buf;
}

/* `liandong import FILE`: as the platform admin, in this process. Exit 0
 * when every row was good, 1 when the import failed or some rows were bad. */
static int cmd_import(struct app *app, const struct opts *o, const char *path)
{
	size_t len = 0;
	char *data = read_file(path, app->max_upload * 4, &len);
	if (!data) {
		fprintf(stderr, "liandong: cannot read %s: %s\n", path, strerror(errno));
		return 1;
	}
	const char *base = strrchr(path, '/');
	struct import_opts io = {.kind = o->kind,
				 .dry_run = o->dry_run,
				 .all_or_nothing = o->all_or_nothing,
				 .on_existing = o->on_existing,
				 .filename = base ? base + 1 : path,
				 .lang = o->lang,
				 .fund_id = o->fund,
				 .platform = o->platform};
	struct arena a = ARENA_INIT;
	struct ctx x;
	struct rec job;
	struct errinfo ei = {0};
	int tty = isatty(STDOUT_FILENO);
	struct import_hooks h = {import_progress, import_row_error, &tty, NULL};
	svc_ctx_begin(&x, app, &a);
	enum err e = svc_import_new(&x, &io, data, len, &job, &ei);
	if (!e)
		e = svc_import_run(&x, job.id, data, len, &h, &job, &ei);
	svc_ctx_end(&x);
	free(data);
	if (e) {
		fprintf(stderr, "liandong: import failed: %s%s%s\n", ei.message, ei.field[0] ? " - " : "", ei.field);
		arena_release(&a);
		return 1;
	}
	if (tty)
		putchar('\n');
	const char *msg = rec_text(&job, IMPORT_MESSAGE);
	printf("import %lld %s%s: %lld created, %lld updated, %lld skipped, %lld rows with errors%s%s\n",
	       (long long)job.id, rec_text(&job, IMPORT_STATUS), rec_int(&job, IMPORT_DRY_RUN, 0) ? " (dry run)" : "",
	       (long long)rec_int(&job, IMPORT_CREATED, 0), (long long)rec_int(&job, IMPORT_UPDATED, 0),
	       (long long)rec_int(&job, IMPORT_SKIPPED, 0), (long long)rec_int(&job, IMPORT_REJECTED, 0),
	       msg ? "; " : "", msg ? msg : "");
	int rc = strcmp(rec_text(&job, IMPORT_STATUS), "done") == 0 && !rec_int(&job, IMPORT_REJECTED, 0) ? 0 : 1;
	arena_release(&a);
	return rc;
}

/* A command that opens the store: serve, init, user add, demo, export,
 * import, rotate-key, check-ledger, check-rollups, sweep-inactive. */
static int run_store_command(const struct command *c, const struct opts *op, const char *file)
{
	const struct opts o = *op;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct app app = {0};
	app.threads = o.threads ? (int)o.threads : (int)(cores > 0 ? cores * 2 : 4);
	int serve = c->bit == C_SERVE;
	/* serve on a fresh directory starts as init would: a new SQLite file and
	 * its key (an existing key is used, never replaced) */
	int fresh = serve && !store_is_postgres(o.db) && access(o.db, F_OK) != 0;
	if (open_app(&app, &o, c->bit == C_INIT || fresh, serve ? app.threads + 3 : 1)) {
		free(app.sender);
		return 1;
	}
	if (fresh) {
		char *key = key_path(&o);
		printf("created %s and its key file %s (keep a copy of the key apart from the database)\n", o.db, key);
		free(key);
	}
	int rc = 0;
	if (c->bit == C_INIT)
		printf("initialised %s\n", o.db);
	else if (serve) {
		if (o.session_cache_ttl > 0)
			app.sessions = session_cache_new(1000 * o.session_cache_ttl);
		import_runner_start(&app);
		inactive_runner_start(&app);
		sender_runner_start(&app);
		rc = http_serve(&app, o.listen);
		sender_runner_stop(&app);
		inactive_runner_stop(&app);
		import_runner_stop(&app);
	} else if (c->bit == C_IMPORT)
		rc = cmd_import(&app, &o, file);
	else if (c->bit == C_USER)
		rc = cmd_user_add(&app, &o);
	else if (c->bit == C_EXPORT)
		rc = cmd_export(&app, &o);
	else if (c->bit == C_ROTATE)
		rc = cmd_rotate_key(&app, &o);
	else if (c->bit == C_LEDGER)
		rc = cmd_check_ledger(&app);
	else if (c->bit == C_SWEEP)
		rc = cmd_sweep_inactive(&app);
	else if (c->bit == C_ROLLUPS)
		rc = cmd_check_rollups(&app, &o);
	else if (c->bit == C_WORKER)
		rc = sender_worker(&app);
	else
		rc = cmd_demo(&app, &o);
	session_cache_free(app.sessions);
	store_close(app.store);
	keys_free(app.keys);
	geo_cache_free(app.geo);
	free((char *)app.public_url);
	free(app.sender);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct optset set = {opt_table, sizeof opt_table / sizeof *opt_table, &o, NULL, 0};
	/* every file we create (the database and its -wal/-shm, the key,
	 * backups, exports and their temp files) is the owner's alone */
	umask(077);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout, &set);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("liandong %s\n", LD_VERSION);
		return 0;
	}
	int start = 2;
	char name[32];
	snprintf(name, sizeof name, "%s", cmd);
	if (strcmp(cmd, "user") == 0) {
		if (argc < 3 || strcmp(argv[2], "add") != 0) {
			fputs("liandong: usage: liandong user add --username U --role R --password-stdin\n", stderr);
			return 2;
		}
		snprintf(name, sizeof name, "user add");
		start = 3;
	}
	const struct command *c = command_find(name);
	if (!c) {
		fprintf(stderr, "liandong: unknown command %s\n", cmd);
		usage(stderr, &set);
		return 2;
	}
	for (int i = start; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			command_help(stdout, c, &set);
			return 0;
		}
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes();
	if (c->bit == C_IMPORT) {
		if (argc < 3 || strncmp(argv[argc - 1], "--", 2) == 0) {
			fputs("liandong: usage: liandong import --db DB --kind people|clients [--dry-run] [--on-existing update|skip] FILE\n"
			      "       liandong import --db DB --kind donations --fund ID [--platform NAME] [--dry-run] FILE\n",
			      stderr);
			return 2;
		}
		argc--; /* FILE is argv[argc] */
	}
	int rc = load_opts(&set, argc, argv, start, c->bit != C_MIGRATE) ? 2 : -1;
	int divisor;
	if (rc < 0 && c->bit == C_DEMO && o.scale && demo_scale_parse(o.scale, &divisor)) {
		fprintf(stderr, "liandong: --scale must be city or city/N with N from 1 to %d (got \"%s\")\n",
			DEMO_SCALE_MAX_DIVISOR, o.scale);
		rc = 2;
	}
	if (rc < 0 && c->bit == C_MIGRATE)
		rc = crypto_init() != 0 ? 1 : cmd_migrate_store(&o);
	else if (rc < 0 && (c->bit == C_BACKUP || c->bit == C_RESTORE))
		rc = c->bit == C_BACKUP ? cmd_backup(&o) : cmd_restore(&o);
	if (rc < 0)
		rc = run_store_command(c, &o, argv[argc]);
	config_free(&set);
	return rc;
}
