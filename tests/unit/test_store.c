/* test_store.c - the store contract on a real SQLite file: migrations,
 * generic insert/get/update/list with scope, duplicates, sessions, throttle
 * records, counters, and refusing a database newer than the binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fund_store.h"
#include "store/outbox_store.h"
#include "service/session_cache.h"
#include "store/store.h"
#include "store/store_int.h"

struct fx {
	char dir[64];
	char db[128];
	struct store *s;
	struct store_conn *c;
	struct arena a;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/ld-store-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	struct errinfo ei = {0};
	if (store_open(f->db, 2, 1, &f->s, &ei))
		return -1;
	f->c = store_acquire(f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char path[160];
	store_release(f->c);
	store_close(f->s);
	arena_release(&f->a);
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", f->db, suffix[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t add_region(struct fx *f, const char *code, const char *path_parent, int64_t parent)
{
	struct rec r;
	struct errinfo ei = {0};
	rec_init(&r, &region_entity);
	rec_set_text(&r, REGION_CODE, code);
	rec_set_text(&r, REGION_NAME, code);
	rec_set_text(&r, REGION_LEVEL, parent ? "district" : "city");
	if (parent)
		rec_set_int(&r, REGION_PARENT_ID, parent);
	else
		rec_set_null(&r, REGION_PARENT_ID);
	rec_set_text(&r, REGION_PATH, "");
	rec_set_int(&r, REGION_CREATED_AT, 1);
	assert_int_equal(store_insert(f->c, &r, &ei), ERR_OK);
	rec_set_text(&r, REGION_PATH, arena_printf(&f->a, "%s%lld/", path_parent, (long long)r.id));
	assert_int_equal(store_update(f->c, &r, &ei), ERR_OK);
	return r.id;
}

static void insert_get_update_duplicate(void **state)
{
	struct fx *f = *state;
	int64_t city = add_region(f, "421000", "/", 0);
	struct rec r;
	assert_int_equal(store_get(f->c, &region_entity, city, NULL, &r, &f->a), ERR_OK);
	assert_string_equal(rec_text(&r, REGION_CODE), "421000");
	assert_string_equal(rec_text(&r, REGION_PATH), "/1/");
	assert_true(r.vis_org); /* public_read entity */
	assert_int_equal(store_get(f->c, &region_entity, 999, NULL, &r, &f->a), ERR_NOT_FOUND);

	struct rec dup;
	struct errinfo ei = {0};
	rec_init(&dup, &region_entity);
	rec_set_text(&dup, REGION_CODE, "421000");
	rec_set_text(&dup, REGION_NAME, "x");
	rec_set_text(&dup, REGION_LEVEL, "city");
	rec_set_text(&dup, REGION_PATH, "/x/");
	rec_set_int(&dup, REGION_CREATED_AT, 1);
	assert_int_equal(store_insert(f->c, &dup, &ei), ERR_DUPLICATE);
	assert_string_equal(ei.field, "code");
	int exists = 0;
	assert_int_equal(store_exists(f->c, E_REGION, city, &exists), ERR_OK);
	assert_true(exists);
	assert_int_equal(store_exists(f->c, E_REGION, 77, &exists), ERR_OK);
	assert_false(exists);
}

static void list_pages_and_filters(void **state)
{
	struct fx *f = *state;
	int64_t city = add_region(f, "421000", "/", 0);
	for (int i = 0; i < 5; i++)
		add_region(f, arena_printf(&f->a, "42100%d", i + 1), "/1/", city);
	struct rec rows[10];
	struct val filt[8] = {{0}};
	int n = 0;
	assert_int_equal(store_list(f->c, &region_entity, NULL, 0, 3, filt, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_list(f->c, &region_entity, NULL, rows[2].id, 10, filt, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 3);
	/* filter: parent_id */
	filt[0] = (struct val){.set = 1, .i = city};
	assert_int_equal(store_list(f->c, &region_entity, NULL, 0, 10, filt, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 5);
	/* filter: region_id subtree of the city = all 6 */
	filt[0] = (struct val){0};
	filt[2] = (struct val){.set = 1, .i = city};
	assert_int_equal(store_list(f->c, &region_entity, NULL, 0, 10, filt, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 6);
}

/* People visible through region scope only when their region is inside. */
static void scope_limits_rows(void **state)
{
	struct fx *f = *state;
	int64_t city = add_region(f, "421000", "/", 0);
	int64_t d1 = add_region(f, "421002", "/1/", city), d2 = add_region(f, "421003", "/1/", city);
	struct errinfo ei = {0};
	int64_t ids[2];
	int64_t regions[2] = {d1, d2};
	for (int i = 0; i < 2; i++) {
		struct rec p;
		rec_init(&p, &person_entity);
		rec_set_text(&p, PERSON_NAME, i ? "B" : "A");
		rec_set_int(&p, PERSON_REGION_ID, regions[i]);
		rec_set_int(&p, PERSON_CREATED_AT, 1);
		rec_set_int(&p, PERSON_UPDATED_AT, 1);
		assert_int_equal(store_insert(f->c, &p, &ei), ERR_OK);
		ids[i] = p.id;
	}
	struct scope sc = {.region_paths = {arena_printf(&f->a, "/1/%lld/", (long long)d1)}};
	struct rec rows[4], one;
	struct val filt[8] = {{0}};
	int n = 0;
	assert_int_equal(store_list(f->c, &person_entity, &sc, 0, 4, filt, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, ids[0]);
	assert_int_equal(store_get(f->c, &person_entity, ids[1], &sc, &one, &f->a), ERR_OK);
	assert_false(one.vis_region || one.vis_org || one.vis_self);
	struct scope self = {.self_person_id = ids[1]};
	assert_int_equal(store_get(f->c, &person_entity, ids[1], &self, &one, &f->a), ERR_OK);
	assert_true(one.vis_self);
	struct scope none = {0};
	assert_int_equal(store_list(f->c, &person_entity, &none, 0, 4, filt, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 0);
}

/* store_get_many: the rows of the ids that exist, each once, with the
 * same visibility flags as store_get; none for no ids; more than
 * STORE_GET_MANY ids refused. */
static void get_many_reads_a_list_of_ids(void **state)
{
	struct fx *f = *state;
	int64_t city = add_region(f, "421000", "/", 0);
	int64_t d1 = add_region(f, "421002", "/1/", city), d2 = add_region(f, "421003", "/1/", city);
	struct errinfo ei = {0};
	int64_t ids[STORE_GET_MANY + 1];
	for (int i = 0; i < 3; i++) {
		struct rec p;
		rec_init(&p, &person_entity);
		rec_set_text(&p, PERSON_NAME, i ? "B" : "A");
		rec_set_int(&p, PERSON_REGION_ID, i ? d2 : d1);
		rec_set_int(&p, PERSON_CREATED_AT, 1);
		rec_set_int(&p, PERSON_UPDATED_AT, 1);
		assert_int_equal(store_insert(f->c, &p, &ei), ERR_OK);
		ids[i] = p.id;
	}
	struct scope sc = {.region_paths = {arena_printf(&f->a, "/1/%lld/", (long long)d1)}};
	int64_t ask[] = {ids[2], 999999, ids[0], ids[0]};
	struct rec rows[STORE_GET_MANY + 1];
	int n = -1;
	assert_int_equal(store_get_many(f->c, &person_entity, ask, 4, &sc, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 2);
	for (int i = 0; i < n; i++) {
		assert_true(rows[i].id == ids[0] || rows[i].id == ids[2]);
		assert_int_equal(rows[i].vis_region, rows[i].id == ids[0]);
		assert_string_equal(rec_text(&rows[i], PERSON_NAME), rows[i].id == ids[0] ? "A" : "B");
	}
	assert_true(rows[0].id != rows[1].id);
	assert_int_equal(store_get_many(f->c, &person_entity, ask, 0, &sc, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 0);
	for (int i = 0; i <= STORE_GET_MANY; i++)
		ids[i] = ids[i % 3];
	assert_int_equal(store_get_many(f->c, &person_entity, ids, STORE_GET_MANY, NULL, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_get_many(f->c, &person_entity, ids, STORE_GET_MANY + 1, NULL, rows, &n, &f->a),
			 ERR_INTERNAL);
}

/* A user "u1" without a person; its id. */
static int64_t add_user(struct fx *f)
{
	struct errinfo ei = {0};
	struct rec u;
	rec_init(&u, &user_entity);
	rec_set_text(&u, USER_USERNAME, "u1");
	rec_set_text(&u, USER_PASSWORD_HASH, "h");
	rec_set_null(&u, USER_PERSON_ID);
	rec_set_int(&u, USER_CREATED_AT, 1);
	assert_int_equal(store_insert(f->c, &u, &ei), ERR_OK);
	return u.id;
}

static void sessions_throttle_counters(void **state)
{
	struct fx *f = *state;
	int64_t uid = add_user(f);
	assert_int_equal(store_session_put(f->c, "hash1", uid, "csrf1", 100, 200), ERR_OK);
	struct session_row sr;
	assert_int_equal(store_session_get(f->c, "hash1", 150, &sr, &f->a), ERR_OK);
	assert_int_equal(sr.user_id, uid);
	assert_string_equal(sr.csrf, "csrf1");
	assert_string_equal(sr.username, "u1");
	assert_int_equal(sr.person_id, 0);
	assert_int_equal(sr.expires, 200);
	assert_int_equal(store_session_get(f->c, "hash1", 200, &sr, &f->a), ERR_NOT_FOUND);
	assert_int_equal(store_session_del(f->c, "hash1"), ERR_OK);
	assert_int_equal(store_session_get(f->c, "hash1", 150, &sr, &f->a), ERR_NOT_FOUND);

	struct login_failures lf;
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_login_failure_add(f->c, "u1", "192.0.2.1", 10 + i, 0), ERR_OK);
	assert_int_equal(store_login_failure_add(f->c, "u2", "192.0.2.1", 13, 0), ERR_OK);
	assert_int_equal(store_login_failure_add(f->c, "u1", "192.0.2.9", 14, 0), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "192.0.2.1", 10, &lf), ERR_OK);
	assert_int_equal(lf.account, 2);	/* u1 from .1 after 10 */
	assert_int_equal(lf.account_latest, 12);
	assert_int_equal(lf.addr, 3);		/* anyone from .1 after 10 */
	assert_int_equal(lf.addr_oldest, 11);
	assert_int_equal(store_login_failures_clear(f->c, "u1", "192.0.2.1"), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "192.0.2.1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 0);
	assert_int_equal(lf.addr, 1);		/* u2's stays */
	assert_int_equal(store_login_failures(f->c, "u1", "192.0.2.9", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 1);	/* and u1's from elsewhere */
	/* a new failure forgets those before the window, whoever's */
	assert_int_equal(store_login_failure_add(f->c, "u3", "192.0.2.7", 20, 14), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u2", "192.0.2.1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 0);
	assert_int_equal(lf.addr, 0);
	assert_int_equal(store_login_failures(f->c, "u1", "192.0.2.9", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 1);	/* at 14: kept */

	int64_t v;
	assert_int_equal(store_counter_next(f->c, "c", &v), ERR_OK);
	assert_int_equal(v, 1);
	assert_int_equal(store_counter_next(f->c, "c", &v), ERR_OK);
	assert_int_equal(v, 2);
}

static void rollback_discards(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_begin(f->c, 1), ERR_OK);
	add_region(f, "421000", "/", 0);
	store_rollback(f->c);
	int64_t n = -1;
	assert_int_equal(store_count(f->c, E_REGION, &n), ERR_OK);
	assert_int_equal(n, 0);
}

/* The journal (issue 14): an entry whose lines do not balance, or a line
 * that is not one positive debit or credit, is refused by the store
 * itself and writes nothing; a balanced one is kept with its lines; cash
 * never goes below zero. */
static void journal_refuses_unbalanced_entries(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO regions (code, name, level, path, created_at) VALUES ('42', 'r', 'city', '/1/', 0);"
				      "INSERT INTO orgs (name, kind, region_id, path, created_at) VALUES ('o', 'other', 1, '/1/', 0);"
				      "INSERT INTO users (username, password_hash, created_at) VALUES ('u', 'x', 0);"
				      "INSERT INTO funds (name, org_id, purpose, manager_user_id, standard_primary_fen,"
				      " standard_junior_fen, standard_senior_fen, created_at) VALUES ('f', 1, 'pooled', 1, 1, 1, 1, 0);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct errinfo ei = {0};
	struct journal_line uneven[] = {{"cash", 100, 0}, {"unrestricted_net_assets", 0, 99}};
	struct journal_line both[] = {{"cash", 100, 100}, {"unrestricted_net_assets", 0, 0}};
	struct journal_line negative[] = {{"cash", -100, 0}, {"unrestricted_net_assets", 0, -100}};
	struct journal_line good[] = {{"cash", 100, 0}, {"goods", 50, 0}, {"restricted_net_assets", 0, 150}};
	struct journal_entry e = {.fund_id = 1, .kind = "donation", .memo = "m", .created_at = 1};
	struct {
		struct journal_line *l;
		int n;
	} bad[] = {{uneven, 2}, {both, 2}, {negative, 2}, {good, 1}, {good, 0}};
	assert_int_equal(store_begin(f->c, 1), ERR_OK);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		e.lines = bad[i].l;
		e.nlines = bad[i].n;
		assert_int_equal(store_journal_post(f->c, &e, &ei), ERR_INVALID);
		assert_string_equal(ei.field, "lines");
	}
	int64_t funds, entries, lines;
	assert_int_equal(store_ledger_counts(f->c, &funds, &entries, &lines), ERR_OK);
	assert_int_equal(entries, 0);
	assert_int_equal(lines, 0);
	e.lines = good;
	e.nlines = 3;
	assert_int_equal(store_journal_post(f->c, &e, &ei), ERR_OK);
	assert_true(e.id > 0);
	assert_int_equal(e.amount_fen, 150);
	int64_t bal = -1;
	assert_int_equal(store_fund_cash_add(f->c, 1, 100, &bal), ERR_OK);
	assert_int_equal(bal, 100);
	assert_int_equal(store_fund_cash_add(f->c, 1, -101, &bal), ERR_INSUFFICIENT);
	assert_int_equal(store_fund_cash_add(f->c, 99, 1, &bal), ERR_NOT_FOUND);
	assert_int_equal(store_commit(f->c), ERR_OK);
	assert_int_equal(store_ledger_counts(f->c, &funds, &entries, &lines), ERR_OK);
	assert_int_equal(entries, 1);
	assert_int_equal(lines, 3);
	int64_t *ids;
	int n = -1;
	assert_int_equal(store_ledger_unbalanced(f->c, 10, &ids, &n, &f->a), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_ledger_cash_drift(f->c, 10, &ids, &n, &f->a), ERR_OK);
	assert_int_equal(n, 0);
}

static void refuses_newer_schema(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (999, 'future', 0)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct store *s2 = NULL;
	struct errinfo ei = {0};
	assert_int_not_equal(store_open(f->db, 1, 0, &s2, &ei), ERR_OK);
	assert_non_null(strstr(ei.message, "newer"));
}

/* A database that recorded a higher version before a lower one shipped
 * (here: 009 missing, later ones applied) gets the lower one on open. */
static void applies_a_missing_lower_version(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "DROP INDEX service_records_status_due; DROP TABLE calendar_days;"
				      " DELETE FROM schema_migrations WHERE version = 9",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct store *s2 = NULL;
	struct errinfo ei = {0};
	assert_int_equal(store_open(f->db, 1, 0, &s2, &ei), ERR_OK);
	store_close(s2);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT COUNT(*) FROM schema_migrations WHERE version = 9),"
					    " (SELECT COUNT(*) FROM calendar_days WHERE date = 20251001)",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The outbox's queue (issue 17): a claim takes due rows, priority first,
 * of the channels asked, and not those under a live lease; results and
 * resend move them as the sender needs. */
static void outbox_claim_and_results(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	/* 1 sms due, 2 sms due later, 3 email due, 4 sms due with priority,
	 * 5 inbox (never the sender's) */
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO people (id, name, created_at, updated_at) VALUES (1, 'P', 1, 1);"
		"INSERT INTO notifications (id, person_id, channel, kind, subject, body, status, attempts, created_at, next_at,"
		" priority) VALUES (1, 1, 'sms', 'k', 's', 'b', 'queued', 0, 100, 100, 0),"
		" (2, 1, 'sms', 'k', 's', 'b', 'queued', 0, 100, 500, 0),"
		" (3, 1, 'email', 'k', 's', 'b', 'queued', 0, 100, NULL, 0),"
		" (4, 1, 'sms', 'k', 's', 'b', 'queued', 0, 100, 100, 10),"
		" (5, 1, 'inbox', 'k', 's', 'b', 'queued', 0, 100, NULL, 0)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct outbox_item *it;
	int n;
	assert_int_equal(store_begin(f->c, 1), ERR_OK);
	assert_int_equal(store_outbox_claim(f->c, 200, 260, "a", 10, 1, 0, &it, &n, &f->a), ERR_OK);
	assert_int_equal(store_commit(f->c), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(it[0].id, 4);
	assert_int_equal(it[0].priority, 10);
	assert_int_equal(it[1].id, 1);
	assert_string_equal(it[1].channel, "sms");
	/* leased: another claim before the lease lapses gets nothing of them */
	assert_int_equal(store_outbox_claim(f->c, 250, 300, "b", 10, 1, 1, &it, &n, &f->a), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(it[0].id, 3);
	/* results: 4 delivered; 1 retried by its holder only */
	assert_int_equal(store_outbox_delivered(f->c, 4, 251), ERR_OK);
	assert_int_equal(store_outbox_not_sent(f->c, 1, "b", 400, "HTTP 500"), ERR_OK); /* not b's: no change */
	assert_int_equal(store_outbox_not_sent(f->c, 1, "a", 400, "HTTP 500"), ERR_OK);
	assert_int_equal(store_outbox_not_sent(f->c, 3, "b", 0, "SMTP 550"), ERR_OK);
	int64_t c;
	assert_int_equal(store_outbox_counts(f->c, "delivered", "sms", &c), ERR_OK);
	assert_int_equal(c, 1);
	assert_int_equal(store_outbox_counts(f->c, "failed", "email", &c), ERR_OK);
	assert_int_equal(c, 1);
	assert_int_equal(store_outbox_counts(f->c, "queued", "sms", &c), ERR_OK);
	assert_int_equal(c, 2);
	/* 1 is due again at 400 with one attempt */
	assert_int_equal(store_outbox_claim(f->c, 399, 460, "c", 10, 1, 1, &it, &n, &f->a), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_outbox_claim(f->c, 600, 660, "c", 10, 1, 1, &it, &n, &f->a), ERR_OK);
	assert_int_equal(n, 2); /* 1 (retry) and 2 (due at 500) */
	assert_int_equal(it[0].id, 1);
	assert_int_equal(it[0].attempts, 1);
	/* a lapsed lease: taken again by another */
	assert_int_equal(store_outbox_claim(f->c, 700, 760, "d", 10, 1, 1, &it, &n, &f->a), ERR_OK);
	assert_int_equal(n, 2);
	/* resend: only the failed one */
	int changed = 0;
	assert_int_equal(store_outbox_resend(f->c, 1, 800, &changed), ERR_OK);
	assert_int_equal(changed, 0);
	assert_int_equal(store_outbox_resend(f->c, 3, 800, &changed), ERR_OK);
	assert_int_equal(changed, 1);
	struct outbox_row rows[10];
	assert_int_equal(store_outbox_list(f->c, "queued", "email", 0, 10, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 3);
	assert_int_equal(rows[0].attempts, 0);
	assert_null(rows[0].last_error);
	/* the list: newest first, no inbox, the cursor below */
	assert_int_equal(store_outbox_list(f->c, NULL, NULL, 0, 10, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].id, 4);
	assert_int_equal(store_outbox_list(f->c, NULL, NULL, 3, 10, rows, &n, &f->a), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 2);
}

/* Which statements move the session generation on: writes naming a table a
 * session is read from, as a whole word. */
static void sql_writes_auth_by_verb_and_table(void **state)
{
	(void)state;
	assert_true(sql_writes_auth("DELETE FROM sessions WHERE token_hash = ?1"));
	assert_true(sql_writes_auth("  insert into user_roles (user_id, role) VALUES (?1, ?2)"));
	assert_true(sql_writes_auth("UPDATE users SET password_hash = ?2 WHERE id = ?1"));
	assert_true(sql_writes_auth("UPDATE orgs SET path = ?2 WHERE id = ?1"));
	assert_true(sql_writes_auth("\nUPDATE regions SET path = ?2"));
	assert_true(sql_writes_auth("WITH x AS (SELECT 1) DELETE FROM sessions"));
	assert_false(sql_writes_auth("SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id"));
	/* a write naming users even in a literal counts: one needless flush */
	assert_true(sql_writes_auth("INSERT INTO audit (entity) VALUES ('users')"));
	assert_false(sql_writes_auth("INSERT INTO volunteers (org_id) VALUES (?1)"));
	assert_false(sql_writes_auth("UPDATE people SET name = ?2 WHERE id = ?1"));
	assert_false(sql_writes_auth("INSERT INTO orgs_history (org_id) VALUES (?1)"));
	assert_false(sql_writes_auth("UPDATE myusers SET x = 1"));
	assert_false(sql_writes_auth("UPDATER sessions"));
	assert_false(sql_writes_auth(""));
}

/* What a statement is, by its text: a plain read, or a write (which ends a
 * read snapshot), and whether it writes the session tables. */
static void sql_kind_tells_reads_from_writes(void **state)
{
	(void)state;
	assert_int_equal(sql_kind("SELECT id FROM people WHERE id = ?1"), STMT_KNOWN);
	assert_int_equal(sql_kind("  select 1"), STMT_KNOWN);
	assert_int_equal(sql_kind("WITH t AS (SELECT 1) SELECT * FROM t"), STMT_KNOWN);
	assert_int_equal(sql_kind("INSERT INTO people (name) VALUES (?1)"), STMT_KNOWN | STMT_WRITES);
	assert_int_equal(sql_kind("DELETE FROM sessions WHERE token_hash = ?1"),
			 STMT_KNOWN | STMT_WRITES | STMT_AUTH);
	assert_int_equal(sql_kind("WITH x AS (SELECT 1) UPDATE people SET name = ?2"), STMT_KNOWN | STMT_WRITES);
	/* a row lock belongs to a write transaction */
	assert_int_equal(sql_kind("SELECT * FROM people t WHERE id = ?1 FOR UPDATE"), STMT_KNOWN | STMT_WRITES);
	/* anything else is taken for a write: at worst the snapshot ends early */
	assert_int_equal(sql_kind("PRAGMA user_version"), STMT_KNOWN | STMT_WRITES);
	assert_int_equal(sql_kind("SELECTED"), STMT_KNOWN | STMT_WRITES);
}

/* Reads after store_read_begin share one snapshot: another connection's
 * commit shows only once this one writes, begins a transaction or ends
 * the snapshot (or gives the connection back). */
static void read_snapshot_until_a_write_or_its_end(void **state)
{
	struct fx *f = *state;
	struct store_conn *other = store_acquire(f->s);
	struct login_failures lf;
	store_read_begin(f->c);
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 0);
	assert_int_equal(store_login_failure_add(other, "u1", "a1", 10, 0), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 0); /* the snapshot */
	/* its own write: the snapshot ends before it, the next read is fresh */
	assert_int_equal(store_login_failure_add(f->c, "u1", "a1", 11, 0), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 2);
	assert_int_equal(store_login_failure_add(other, "u1", "a1", 12, 0), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 2);
	/* a write transaction starts from a fresh snapshot, and commits */
	assert_int_equal(store_begin(f->c, 1), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 3);
	assert_int_equal(store_login_failure_add(f->c, "u1", "a1", 13, 0), ERR_OK);
	assert_int_equal(store_commit(f->c), ERR_OK);
	assert_int_equal(store_login_failures(other, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 4);
	/* after the end, every read sees the latest commit */
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	store_read_end(f->c);
	assert_int_equal(store_login_failure_add(other, "u1", "a1", 14, 0), ERR_OK);
	assert_int_equal(store_login_failures(f->c, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 5);
	/* released with a snapshot open: the pool gets it back closed */
	store_read_begin(other);
	assert_int_equal(store_login_failures(other, "u1", "a1", 0, &lf), ERR_OK);
	store_release(other);
	assert_int_equal(store_login_failure_add(f->c, "u1", "a1", 15, 0), ERR_OK);
	other = store_acquire(f->s);
	assert_int_equal(store_login_failures(other, "u1", "a1", 0, &lf), ERR_OK);
	assert_int_equal(lf.account, 6);
	store_release(other);
}

/* The generation moves on at the commit of a write to sessions, at once
 * for such a write outside a transaction, never for a rollback, a read or
 * another table's write. */
static void auth_generation_moves_on_committed_session_writes(void **state)
{
	struct fx *f = *state;
	uint64_t g = store_auth_generation(f->s);
	int64_t uid = add_user(f);
	assert_true(store_auth_generation(f->s) > g);
	g = store_auth_generation(f->s);
	assert_int_equal(store_session_put(f->c, "hash1", uid, "csrf1", 100, 200), ERR_OK);
	assert_true(store_auth_generation(f->s) > g);
	g = store_auth_generation(f->s);
	struct session_row sr;
	assert_int_equal(store_session_get(f->c, "hash1", 150, &sr, &f->a), ERR_OK);
	assert_int_equal(store_auth_generation(f->s), g);
	/* in a transaction: at the commit, not before; never on a rollback */
	assert_int_equal(store_begin(f->c, 1), ERR_OK);
	assert_int_equal(store_session_del(f->c, "hash1"), ERR_OK);
	assert_int_equal(store_auth_generation(f->s), g);
	store_rollback(f->c);
	assert_int_equal(store_auth_generation(f->s), g);
	assert_int_equal(store_begin(f->c, 1), ERR_OK);
	assert_int_equal(store_session_del(f->c, "hash1"), ERR_OK);
	assert_int_equal(store_auth_generation(f->s), g);
	assert_int_equal(store_commit(f->c), ERR_OK);
	assert_true(store_auth_generation(f->s) > g);
	g = store_auth_generation(f->s);
	/* another table's write */
	assert_int_equal(store_login_failure_add(f->c, "u1", "192.0.2.1", 10, 0), ERR_OK);
	assert_int_equal(store_auth_generation(f->s), g);
}

/* The cache answers a copy of what it was given while the generation, the
 * TTL and the session's expiry all allow, and nothing else. */
static void session_cache_answers_only_fresh_copies(void **state)
{
	struct fx *f = *state;
	struct role_row roles[2] = {{"org_admin", 7, 0, "/1/7/", "/1/"}, {"resident", 0, 0, NULL, NULL}};
	char csrf[] = "csrf-1", name[] = "u1";
	struct session_row row = {.user_id = 5, .person_id = 9, .expires = 200, .csrf = csrf, .username = name,
				  .roles = roles, .nroles = 2};
	struct session_cache *sc = session_cache_new(60000);
	assert_non_null(sc);
	struct session_row out;
	assert_false(session_cache_get(sc, "k1", 3, 100, &out, &f->a));
	session_cache_put(sc, "k1", 3, &row);
	csrf[0] = 'X'; /* the cache holds its own copy */
	roles[0].path = "/changed/";
	assert_true(session_cache_get(sc, "k1", 3, 100, &out, &f->a));
	assert_int_equal(out.user_id, 5);
	assert_int_equal(out.person_id, 9);
	assert_string_equal(out.csrf, "csrf-1");
	assert_string_equal(out.username, "u1");
	assert_int_equal(out.nroles, 2);
	assert_string_equal(out.roles[0].role, "org_admin");
	assert_int_equal(out.roles[0].org_id, 7);
	assert_string_equal(out.roles[0].path, "/1/7/");
	assert_string_equal(out.roles[0].org_region_path, "/1/");
	assert_string_equal(out.roles[1].role, "resident");
	assert_null(out.roles[1].path);
	assert_false(session_cache_get(sc, "k1", 4, 100, &out, &f->a));	/* a newer generation */
	assert_false(session_cache_get(sc, "k1", 3, 200, &out, &f->a));	/* expired */
	assert_false(session_cache_get(sc, "k2", 3, 100, &out, &f->a));	/* another token */
	session_cache_free(sc);
	/* past the TTL */
	sc = session_cache_new(1);
	session_cache_put(sc, "k1", 3, &row);
	usleep(5000);
	assert_false(session_cache_get(sc, "k1", 3, 100, &out, &f->a));
	session_cache_free(sc);
}

/* The plan SQLite makes for sql: every row's detail, joined by "; ". */
static const char *plan_of(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, arena_printf(&f->a, "EXPLAIN QUERY PLAN %s", sql), -1, &st, NULL),
			 SQLITE_OK);
	const char *plan = "";
	while (sqlite3_step(st) == SQLITE_ROW)
		plan = arena_printf(&f->a, "%s%s; ", plan, (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return plan;
}

/* issue 18, migration 024: a list of the audit log bounded by `to` reads
 * the index on its time (the statement for the other lists walks the log
 * newest first, passing every entry after the bound), and the lists answer
 * the same rows a page at a time, whichever bounds are set. */
static void audit_date_filters_use_the_index(void **state)
{
	struct fx *f = *state;
	const char *ranged = ent_stmt(f->s, E_AUDIT, EO_LIST_RANGED)->sql;
	assert_non_null(ranged);
	assert_null(ent_stmt(f->s, E_PERSON, EO_LIST_RANGED)->sql);
	const char *plan = plan_of(f, ranged);
	if (!strstr(plan, "INDEX audit_at"))
		fail_msg("the date-filtered audit list does not use audit_at: %s", plan);
	/* 30 entries a day apart from day 0 */
	const int64_t day = 86400, t0 = 1767196800; /* 2026-01-01 00:00 China time */
	for (int i = 0; i < 30; i++)
		assert_int_equal(store_audit(f->c, t0 + i * day + 3600, 1, "update", "people", i + 1, NULL, NULL), ERR_OK);
	struct scope all = {.all = 1};
	struct val filt[8] = {{0}};
	int from = entity_filter(&audit_entity, "from"), to = entity_filter(&audit_entity, "to");
	struct {
		int64_t from, to; /* day numbers, -1 unset */
		int first, n;     /* the newest entry's day, how many */
	} cases[] = {{5, 9, 9, 5}, {25, -1, 29, 5}, {-1, 2, 2, 3}, {40, -1, 0, 0}, {-1, -1, 29, 30}};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		filt[from] = (struct val){.set = cases[k].from >= 0, .i = t0 + cases[k].from * day};
		filt[to] = (struct val){.set = cases[k].to >= 0, .i = t0 + cases[k].to * day};
		struct rec rows[3];
		int n = 0, total = 0;
		int64_t after = 0, last = 0;
		do {
			assert_int_equal(store_list(f->c, &audit_entity, &all, after, 3, filt, rows, &n, &f->a), ERR_OK);
			for (int i = 0; i < n && i < 2; i++) {
				int64_t d = (rec_int(&rows[i], AUDIT_AT, 0) - t0) / day;
				if (total == 0)
					assert_int_equal(d, cases[k].first);
				else
					assert_true(rows[i].id < last);
				last = rows[i].id;
				total++;
			}
			after = n > 2 ? rows[1].id : 0;
		} while (after);
		assert_int_equal(total, cases[k].n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(insert_get_update_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(list_pages_and_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(get_many_reads_a_list_of_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_date_filters_use_the_index, setup, teardown),
		cmocka_unit_test_setup_teardown(scope_limits_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(sessions_throttle_counters, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_discards, setup, teardown),
		cmocka_unit_test(sql_writes_auth_by_verb_and_table),
		cmocka_unit_test_setup_teardown(auth_generation_moves_on_committed_session_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(session_cache_answers_only_fresh_copies, setup, teardown),
		cmocka_unit_test(sql_kind_tells_reads_from_writes),
		cmocka_unit_test_setup_teardown(read_snapshot_until_a_write_or_its_end, setup, teardown),
		cmocka_unit_test_setup_teardown(outbox_claim_and_results, setup, teardown),
		cmocka_unit_test_setup_teardown(journal_refuses_unbalanced_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(applies_a_missing_lower_version, setup, teardown),
	};
	return cmocka_run_group_tests_name("store (sqlite)", tests, NULL, NULL);
}
