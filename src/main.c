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
#include "core/files.h"
#include "crypto/crypto.h"
#include "demo/demo.h"
#include "domain/records.h"
#include "domain/service_rules.h"
#include "domain/workforce.h"
#include "http/http.h"
#include "service/geo.h"
#include "service/export.h"
#include "service/funds.h"
#include "service/import.h"
#include "service/keys.h"
#include "service/service.h"
#include "store/store.h"

struct opts {
	const char *db, *listen, *key_file, *username, *role, *from, *to, *stars;
	const char *public_url;
	const char *kind, *format, *encoding, *out, *on_existing, *lang, *fund, *platform;
	long long org, region, threads, volunteers;
	long long checkin_lead, checkout_grace;	/* minutes; -1 = the default */
	long long batch, pause;	/* rotate-key: rows per transaction, ms between */
	int password_stdin, force, dry_run, all_or_nothing;
	const char *trusted_proxy;
	long long max_conns_per_ip, header_timeout;
	long long inactive_after_months, inactive_sweep_interval;	/* -1 = the default */
	int reuse_port, secure_cookies;
};

enum otype { O_STR, O_INT, O_FLAG };

static const struct opt {
	const char *name;
	enum otype type;
	size_t off;
	const char *help;
} opt_table[] = {
	{"--db", O_STR, offsetof(struct opts, db), "a SQLite file (default ./liandong.db) or postgresql:// URI"},
	{"--listen", O_STR, offsetof(struct opts, listen), "address to serve on (default 127.0.0.1:8080)"},
	{"--key-file", O_STR, offsetof(struct opts, key_file), "key file (default <db>.key; ./liandong.key for PostgreSQL)"},
	{"--threads", O_INT, offsetof(struct opts, threads), "HTTP worker threads (default 2 x cores)"},
	{"--username", O_STR, offsetof(struct opts, username), "user add: the account name"},
	{"--role", O_STR, offsetof(struct opts, role), "user add: platform_admin, regional_admin, org_admin, ..."},
	{"--org", O_INT, offsetof(struct opts, org), "user add: org id the role is bound to"},
	{"--region", O_INT, offsetof(struct opts, region), "user add: region id the role is bound to"},
	{"--password-stdin", O_FLAG, offsetof(struct opts, password_stdin), "user add: read the password from stdin"},
	{"--volunteers", O_INT, offsetof(struct opts, volunteers), "demo: volunteers per team (default 12)"},
	{"--star-thresholds", O_STR, offsetof(struct opts, stars), "hours for ★1-★5 (default 100,300,600,1000,1500)"},
	{"--checkin-lead", O_INT, offsetof(struct opts, checkin_lead), "minutes before a shift a volunteer may check in (default 30)"},
	{"--checkout-grace", O_INT, offsetof(struct opts, checkout_grace), "minutes after a shift a volunteer may check out (default 120)"},
	{"--from", O_STR, offsetof(struct opts, from), "migrate-store: the SQLite file to copy; restore: the backup"},
	{"--to", O_STR, offsetof(struct opts, to), "migrate-store: the postgresql:// URI of an empty database; backup: the file"},
	{"--force", O_FLAG, offsetof(struct opts, force), "restore: replace an existing database (never a live one)"},
	{"--kind", O_STR, offsetof(struct opts, kind), "export: people, volunteers, social-workers, service-records, hours, national-volunteers, national-service-records; import: people, clients, donations"},
	{"--format", O_STR, offsetof(struct opts, format), "export: csv (default) or xlsx"},
	{"--encoding", O_STR, offsetof(struct opts, encoding), "export: utf-8 (default, with BOM) or gb18030 (CSV only)"},
	{"--out", O_STR, offsetof(struct opts, out), "export: the file to write"},
	{"--dry-run", O_FLAG, offsetof(struct opts, dry_run), "import: check every row, write nothing"},
	{"--on-existing", O_STR, offsetof(struct opts, on_existing), "import: skip (default) or update a known ID number"},
	{"--all-or-nothing", O_FLAG, offsetof(struct opts, all_or_nothing), "import: write nothing if any row is bad"},
	{"--public-url", O_STR, offsetof(struct opts, public_url), "serve: base URL of the links in certificates and QR codes, e.g. https://liandong.example.org"},
	{"--lang", O_STR, offsetof(struct opts, lang), "import: zh (default) or en messages"},
	{"--fund", O_STR, offsetof(struct opts, fund), "import --kind donations: the fund's id the statement's gifts go into"},
	{"--platform", O_STR, offsetof(struct opts, platform), "import --kind donations: the fundraising platform (腾讯公益, ...), unless the sheet has a 平台 column"},
	{"--reuse-port", O_FLAG, offsetof(struct opts, reuse_port), "serve: share the port with other liandong servers (SO_REUSEPORT); without it a busy port stops serve"},
	{"--max-conns-per-ip", O_INT, offsetof(struct opts, max_conns_per_ip), "serve: open connections of one client address (default 64; 0: no cap; a trusted proxy is exempt)"},
	{"--header-timeout", O_INT, offsetof(struct opts, header_timeout), "serve: seconds a request head may take, however slowly it arrives (default 10)"},
	{"--trusted-proxy", O_STR, offsetof(struct opts, trusted_proxy), "serve: the reverse proxy's address(es), comma-separated: its X-Forwarded-For and X-Forwarded-Proto are believed"},
	{"--secure-cookies", O_FLAG, offsetof(struct opts, secure_cookies), "serve: always mark cookies Secure (implied by an https:// --public-url)"},
	{"--inactive-after-months", O_INT, offsetof(struct opts, inactive_after_months), "serve, sweep-inactive: months without verified service before a registered volunteer becomes inactive (default 12; 0: never)"},
	{"--inactive-sweep-interval", O_INT, offsetof(struct opts, inactive_sweep_interval), "serve: seconds between the server's inactive sweeps (default 3600; the first at start)"},
	{"--batch", O_INT, offsetof(struct opts, batch), "rotate-key: rows re-encrypted per transaction (default 100, at most 1000)"},
	{"--pause", O_INT, offsetof(struct opts, pause), "rotate-key: milliseconds between transactions, to spare a busy database (default 0)"},
};

static void usage(FILE *f)
{
	fputs("usage: liandong COMMAND [options]\n\n"
	      "commands:\n"
	      "  serve                 serve the web UI and JSON API (creating the database and key if absent)\n"
	      "  init                  create the database and key file\n"
	      "  user add              add an account (--username --role [--org|--region] --password-stdin)\n"
	      "  demo                  load a demo city (regions, orgs, people, workforces)\n"
	      "  export                write an export file (--kind K [--format csv|xlsx] [--encoding gb18030] --out FILE)\n"
	      "  migrate-store         copy a SQLite deployment into PostgreSQL (--from PATH.db --to URI)\n"
	      "  backup                a consistent copy while serving (--to FILE); keep the key file too\n"
	      "  rotate-key            re-encrypt the ID numbers, phones and case notes under a new key while serving; the old key is retired\n"
	      "  restore               a backup becomes the database (--from FILE [--force])\n"
	      "  import FILE           read a CSV/XLSX sheet of people or clients (--kind people|clients [--dry-run] [--on-existing]),\n"
	      "                        or a platform's statement of gifts into a fund (--kind donations --fund ID --platform NAME)\n"
	      "  check-ledger          prove the funds' journal: every entry balances, the trial balance agrees,\n"
	      "                        each fund's balance is its journal's cash, each donation posted once; exit 1 if not\n"
	      "  sweep-inactive        move registered volunteers without verified service for --inactive-after-months\n"
	      "                        months (default 12) to inactive, once (serve does it at start and hourly)\n"
	      "  routes                print every API route: METHOD PATTERN public|auth, one a line\n"
	      "  version               print the version\n\noptions:\n",
	      f);
	for (size_t i = 0; i < sizeof opt_table / sizeof *opt_table; i++)
		fprintf(f, "  %-18s %s\n", opt_table[i].name, opt_table[i].help);
}

static int parse_opts(int argc, char **argv, int start, struct opts *o)
{
	for (int i = start; i < argc; i++) {
		const struct opt *hit = NULL;
		for (size_t k = 0; k < sizeof opt_table / sizeof *opt_table; k++)
			if (strcmp(argv[i], opt_table[k].name) == 0)
				hit = &opt_table[k];
		if (!hit) {
			fprintf(stderr, "liandong: unknown option %s\n", argv[i]);
			return -1;
		}
		char *slot = (char *)o + hit->off;
		if (hit->type == O_FLAG) {
			*(int *)(void *)slot = 1;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "liandong: %s needs a value\n", argv[i]);
			return -1;
		}
		const char *v = argv[++i];
		if (hit->type == O_STR) {
			*(const char **)(void *)slot = v;
		} else {
			char *end;
			errno = 0;
			long long n = strtoll(v, &end, 10);
			if (errno || *end || !*v || n < 0) {
				fprintf(stderr, "liandong: %s needs a non-negative integer\n", hit->name);
				return -1;
			}
			*(long long *)(void *)slot = n;
		}
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
	app->checkin_lead = 60 * (o->checkin_lead >= 0 ? o->checkin_lead : CHECKIN_LEAD_DEFAULT_MIN);
	app->checkout_grace = 60 * (o->checkout_grace >= 0 ? o->checkout_grace : CHECKOUT_GRACE_DEFAULT_MIN);
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
	app->trusted_proxies = o->trusted_proxy;
	app->secure_cookies = o->secure_cookies || (app->public_url && strncmp(app->public_url, "https://", 8) == 0);
	if (o->max_conns_per_ip > 100000 || o->header_timeout < 1 || o->header_timeout > 3600) {
		fputs("liandong: --max-conns-per-ip is at most 100000, --header-timeout 1 to 3600 seconds\n", stderr);
		return -1;
	}
	app->header_timeout = (int)o->header_timeout;
	if (o->inactive_after_months > INACTIVE_AFTER_MONTHS_MAX || o->inactive_after_months < -1 ||
	    o->inactive_sweep_interval == 0 || o->inactive_sweep_interval < -1 ||
	    o->inactive_sweep_interval > 86400 * 31) {
		fprintf(stderr, "liandong: --inactive-after-months is 0 to %d, --inactive-sweep-interval 1 to %d seconds\n",
			INACTIVE_AFTER_MONTHS_MAX, 86400 * 31);
		return -1;
	}
	app->inactive_after_months =
		(int)(o->inactive_after_months >= 0 ? o->inactive_after_months : INACTIVE_AFTER_MONTHS_DEFAULT);
	app->inactive_sweep_secs =
		(int)(o->inactive_sweep_interval > 0 ? o->inactive_sweep_interval : INACTIVE_SWEEP_SECS_DEFAULT);
	if (o->trusted_proxy && !trusted_proxy_ok(o->trusted_proxy)) {
		fputs("liandong: --trusted-proxy needs IP addresses separated by commas, e.g. 127.0.0.1,::1\n", stderr);
		return -1;
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
	enum err e = demo_load(&x, o->volunteers ? (int)o->volunteers : 12, &ei);
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

int main(int argc, char **argv)
{
	struct opts o = {.db = "liandong.db", .listen = "127.0.0.1:8080", .checkin_lead = -1, .checkout_grace = -1,
			 .max_conns_per_ip = 64, .header_timeout = 10, .inactive_after_months = -1,
			 .inactive_sweep_interval = -1};
	/* every file we create (the database and its -wal/-shm, the key,
	 * backups, exports and their temp files) is the owner's alone */
	umask(077);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	int start = 2;
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes();
	if (strcmp(cmd, "version") == 0) {
		printf("liandong %s\n", LD_VERSION);
		return 0;
	}
	if (strcmp(cmd, "user") == 0) {
		if (argc < 3 || strcmp(argv[2], "add") != 0) {
			fputs("liandong: usage: liandong user add --username U --role R --password-stdin\n", stderr);
			return 2;
		}
		start = 3;
	} else if (strcmp(cmd, "migrate-store") == 0) {
		if (parse_opts(argc, argv, 2, &o))
			return 2;
		if (crypto_init() != 0)
			return 1;
		return cmd_migrate_store(&o);
	} else if (strcmp(cmd, "backup") == 0 || strcmp(cmd, "restore") == 0) {
		if (parse_opts(argc, argv, 2, &o))
			return 2;
		return strcmp(cmd, "backup") == 0 ? cmd_backup(&o) : cmd_restore(&o);
	} else if (strcmp(cmd, "import") == 0) {
		if (argc < 3 || strncmp(argv[argc - 1], "--", 2) == 0) {
			fputs("liandong: usage: liandong import --db DB --kind people|clients [--dry-run] [--on-existing update|skip] FILE\n"
			      "       liandong import --db DB --kind donations --fund ID [--platform NAME] [--dry-run] FILE\n",
			      stderr);
			return 2;
		}
		argc--; /* FILE is argv[argc] */
	} else if (strcmp(cmd, "serve") && strcmp(cmd, "init") && strcmp(cmd, "demo") && strcmp(cmd, "export") &&
		   strcmp(cmd, "rotate-key") && strcmp(cmd, "check-ledger") && strcmp(cmd, "sweep-inactive")) {
		fprintf(stderr, "liandong: unknown command %s\n", cmd);
		usage(stderr);
		return 2;
	}
	if (parse_opts(argc, argv, start, &o))
		return 2;

	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct app app = {0};
	app.threads = o.threads ? (int)o.threads : (int)(cores > 0 ? cores * 2 : 4);
	int serve = strcmp(cmd, "serve") == 0;
	/* serve on a fresh directory starts as init would: a new SQLite file and
	 * its key (an existing key is used, never replaced) */
	int fresh = serve && !store_is_postgres(o.db) && access(o.db, F_OK) != 0;
	if (open_app(&app, &o, strcmp(cmd, "init") == 0 || fresh, serve ? app.threads + 2 : 1))
		return 1;
	if (fresh) {
		char *key = key_path(&o);
		printf("created %s and its key file %s (keep a copy of the key apart from the database)\n", o.db, key);
		free(key);
	}
	int rc = 0;
	if (strcmp(cmd, "init") == 0)
		printf("initialised %s\n", o.db);
	else if (serve) {
		import_runner_start(&app);
		inactive_runner_start(&app);
		rc = http_serve(&app, o.listen);
		inactive_runner_stop(&app);
		import_runner_stop(&app);
	} else if (strcmp(cmd, "import") == 0)
		rc = cmd_import(&app, &o, argv[argc]);
	else if (strcmp(cmd, "user") == 0)
		rc = cmd_user_add(&app, &o);
	else if (strcmp(cmd, "export") == 0)
		rc = cmd_export(&app, &o);
	else if (strcmp(cmd, "rotate-key") == 0)
		rc = cmd_rotate_key(&app, &o);
	else if (strcmp(cmd, "check-ledger") == 0)
		rc = cmd_check_ledger(&app);
	else if (strcmp(cmd, "sweep-inactive") == 0)
		rc = cmd_sweep_inactive(&app);
	else
		rc = cmd_demo(&app, &o);
	store_close(app.store);
	keys_free(app.keys);
	geo_cache_free(app.geo);
	free((char *)app.public_url);
	return rc;
}
