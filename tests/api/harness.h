/* harness.h - the black-box API test harness.
 *
 * Every test gets a fresh server: a temp directory, `liandong init`, a
 * platform admin made with `liandong user add`, `liandong serve` on a free
 * loopback port and the admin's bearer token. Tests drive it over HTTP with
 * libcurl and record failures with CHECK macros (file:line, the request and
 * the response body) instead of aborting. Everything a test allocates through
 * the harness (responses, fmt() strings, lists) is freed when the test ends. */
#ifndef API_HARNESS_H
#define API_HARNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define ADMIN_USER "admin"
#define ADMIN_PASS "harbour-lantern-41"	/* not holding the username (issue 13) */
#define USER_PASS "user-password-1"	/* password of every user a test makes */
/* sms_webhook_secret of every server a test starts (LIANDONG_SMS_WEBHOOK_SECRET) */
#define TEST_SMS_SECRET "test-sms-webhook-secret-0123456789"

struct srv {
	const char *bin;	/* the liandong binary */
	char dir[512];		/* this test's temp directory */
	char db[600];		/* dir/t.db, or a postgresql:// URI in PostgreSQL mode */
	char key[600];		/* dir/t.key: the key file every command is given */
	bool pg;		/* PostgreSQL mode (LD_TEST_PG_HOST set) */
	char log[600];		/* dir/server.log: stdout and stderr of every run */
	int port;
	pid_t pid;		/* 0 when not running */
	const char *admin;	/* platform admin's bearer token */
	long long admin_id;	/* platform admin's user id */
	const char *public_url;	/* when set, serve is given --public-url (restart to apply) */
	const char *const *serve_args;	/* more serve options, NULL-terminated (restart to apply) */
	const char *const *env;	/* "LIANDONG_X=value" strings every child gets, NULL-terminated */
};

struct resp {
	long status;		/* 0 when the request failed at transport level */
	char *body;		/* NUL-terminated */
	size_t len;
	json_t *json;		/* the parsed body, or NULL */
	char *headers;		/* raw header lines of the final response */
	char what[320];		/* "METHOD /path" for messages */
	char err[256];		/* curl's message when status is 0 */
	bool tracked;
};

struct req {
	const char *method;
	const char *path;
	const char *token;	/* Authorization: Bearer */
	const char *cookie;	/* Cookie header value */
	const char *csrf;	/* X-CSRF-Token header value */
	const char *body;
	size_t body_len;	/* 0: strlen(body) */
	const char *extra_header;	/* one more "Name: value" line, any length */
	const char *extra_header2;	/* and another (a signed webhook's timestamp and signature) */
	const char *content_type;	/* default application/json with a body */
	bool allow_expect;	/* keep curl's Expect: 100-continue */
	bool untracked;		/* the caller frees it with resp_free */
	long timeout_ms;	/* default 15000 */
};

typedef void (*test_fn)(struct srv *s);

struct test {
	const char *name;
	test_fn fn;
	bool pg_only;		/* needs a PostgreSQL server: skipped on SQLite */
};

/* --- runner (harness.c) --- */
int harness_main(int argc, char **argv, const struct test *tests, size_t n);

/* --- server control (server.c) --- */
/* init the database, add the platform admin, serve and log the admin in. */
bool srv_setup(struct srv *s);
bool srv_start(struct srv *s);
/* `liandong serve --listen ADDR` alone, in s->dir (the defaults there). */
bool srv_start_bare(struct srv *s);
/* Run `liandong argv...` (argv[0] = s->bin) to completion with `input` on
 * stdin (may be NULL), output to the server log; its exit code or -1. */
int run_tool(const struct srv *s, const char *const *argv, const char *input);
/* run_tool, but killed after `secs` seconds (then -1). */
int run_tool_for(const struct srv *s, const char *const *argv, const char *input, double secs);
/* Start `liandong argv...` like run_tool without waiting: its pid (-1). */
pid_t spawn_tool(const struct srv *s, const char *const *argv);
/* Send `sig` and wait (10 s, then SIGKILL); returns the wait status or -1. */
int srv_stop(struct srv *s, int sig);
/* Read a whole file into a malloc'd buffer (tracked); NULL if it is absent. */
char *slurp(const char *path, size_t *len);
void print_log_tail(const struct srv *s);
double now_s(void);	/* monotonic seconds */

/* --- failure recording (harness.c) --- */
void check_fail(const char *file, int line, const struct resp *r,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
bool expect_status(const char *file, int line, const struct resp *r, long st);
bool expect_err(const char *file, int line, const struct resp *r, long st,
	const char *code, const char *field);
bool check_str(const char *file, int line, const char *what,
	const char *got, const char *want);
bool check_int(const char *file, int line, const char *what,
	long long got, long long want);
int test_failures(void);
/* The test cannot run (a part of) itself on this machine: it is counted
 * as skipped, with why, unless a check failed. */
void test_skip(const char *why);
/* Print context for the failure just recorded (not counted as one). */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(c) ((c) ? true : (check_fail(__FILE__, __LINE__, NULL, "%s", #c), false))
#define CHECKM(c, ...) ((c) ? true : (check_fail(__FILE__, __LINE__, NULL, __VA_ARGS__), false))
#define CHECKR(r, c) ((c) ? true : (check_fail(__FILE__, __LINE__, (r), "%s", #c), false))
#define EXPECT_STATUS(r, st) expect_status(__FILE__, __LINE__, (r), (st))
#define EXPECT_ERR(r, st, code, field) expect_err(__FILE__, __LINE__, (r), (st), (code), (field))
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, #got, (got), (want))
#define CHECK_INT(got, want) check_int(__FILE__, __LINE__, #got, (got), (want))

/* --- allocation tracking (harness.c) --- */
void *track(void *p, void (*fn)(void *));
char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
json_t *track_json(json_t *j);

/* --- HTTP and JSON (http.c) --- */
struct resp *http_req(struct srv *s, const struct req *q);
struct resp *http(struct srv *s, const char *method, const char *path,
	const char *token, const char *body);
void resp_free(struct resp *r);
const char *resp_header(const struct resp *r, const char *name);
const char *resp_set_cookie(const struct resp *r, const char *cookie);
const char *resp_cookie(const struct resp *r, const char *cookie);
char *url_escape(const char *s);
json_t *jget(json_t *j, const char *path);	/* "items.0.id" */
const char *jstr(json_t *j, const char *path);	/* NULL unless a string */
long long jint(json_t *j, const char *path);	/* -1 unless an integer */
bool jisnull(json_t *j, const char *path);	/* present and null */

/* The standard output of the shell command `cmd` (tracked; NULL if it
 * cannot run) and its exit status in *status. */
char *cmd_output(const char *cmd, int *status);

/* --- fixtures (fixtures.c) --- */
/* A GB 11643 number from a 6-digit region, birth date and 3-digit sequence. */
void idnum(char out[19], const char *region6, int y, int m, int d, int seq);
/* The n-th of a stream of distinct valid numbers (region 421002). */
void idnum_n(char out[19], int n);
void phone_n(char out[12], int n);	/* 139xxxxxxxx, distinct per n */
/* Today's date (China time) minus `years` years and `days` days. */
void date_ago(int years, int days, int *y, int *m, int *d);
int this_year(void);
bool is_masked_id(const char *got, const char *plain);
bool is_masked_phone(const char *got, const char *plain);

/* POST `body` to `path`, expect 201 and return the new id (-1 on failure). */
long long mk_at(const char *file, int line, struct srv *s, const char *tok,
	const char *path, const char *body);
long long mk_region_at(const char *file, int line, struct srv *s,
	const char *code, const char *name, const char *level, long long parent);
long long mk_org_at(const char *file, int line, struct srv *s, const char *tok,
	const char *name, const char *kind, long long region, long long parent);
long long mk_person_at(const char *file, int line, struct srv *s, const char *tok,
	const char *name, const char *idn, const char *phone, long long org);
/* A user with password USER_PASS; roles is a JSON array; person 0 = none. */
long long mk_user_at(const char *file, int line, struct srv *s, const char *tok,
	const char *username, long long person, const char *roles);
const char *login_at(const char *file, int line, struct srv *s,
	const char *user, const char *pass);
/* Every item of a collection, following next_cursor (tracked), or NULL. */
json_t *list_all_at(const char *file, int line, struct srv *s, const char *tok,
	const char *path);
json_t *arr_find_id(json_t *arr, long long id);
/* Number of items in a collection as the admin sees it, or -1. */
long long count_at(const char *file, int line, struct srv *s, const char *path);

#define MK(s, tok, path, body) mk_at(__FILE__, __LINE__, (s), (tok), (path), (body))
#define MK_REGION(s, code, name, level, parent) \
	mk_region_at(__FILE__, __LINE__, (s), (code), (name), (level), (parent))
#define MK_ORG(s, tok, name, kind, region, parent) \
	mk_org_at(__FILE__, __LINE__, (s), (tok), (name), (kind), (region), (parent))
#define MK_PERSON(s, tok, name, idn, phone, org) \
	mk_person_at(__FILE__, __LINE__, (s), (tok), (name), (idn), (phone), (org))
#define MK_USER(s, tok, username, person, roles) \
	mk_user_at(__FILE__, __LINE__, (s), (tok), (username), (person), (roles))
#define LOGIN(s, user, pass) login_at(__FILE__, __LINE__, (s), (user), (pass))
#define LIST_ALL(s, tok, path) list_all_at(__FILE__, __LINE__, (s), (tok), (path))
#define COUNT(s, path) count_at(__FILE__, __LINE__, (s), (path))

/* The standard region tree: city 421000 -> districts 421002 (d1) and 421003
 * (d2); town 421002001 under d1, community 421002001001 under the town;
 * town 421003001 under d2. */
struct world {
	long long city, d1, d2, town1, comm1, town2;
};
bool world_regions(struct srv *s, struct world *w);
/* The city's service menu: elderly_care and community_affairs, serving
 * every region of the world (a need's category must be on its region's
 * menu, issue 15). */
bool world_menu(struct srv *s, const struct world *w);

/* PostgreSQL mode: LD_TEST_PG_HOST (socket directory), LD_TEST_PG_PORT and
 * LD_TEST_PG_DATA (data directory, for the at-rest scan) name a running
 * server; every test gets a fresh database there. */
bool pg_mode(void);
bool pg_create_db(struct srv *s, const char *name);
/* Create an empty database `name` and write its URI into uri. */
bool pg_new_db(const char *name, char *uri, size_t n);
void pg_drop_db(const char *name);
/* "store" the health endpoint must report: "sqlite" or "postgres". */
const char *expected_store(void);

/* A loopback TCP port free at this moment (server.c). */
int free_port(void);

#endif
