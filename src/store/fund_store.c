/* fund_store.c - static SQL for the funds' journal; see fund_store.h. */
#include "store/fund_store.h"

#include <string.h>

#include "store/store_int.h"

static struct stmt q_entry_add =
	STMT("INSERT INTO journal_entries (fund_id, kind, memo, ref_entity, ref_id, reverses_id, amount_fen,"
	     " created_by_user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
static struct stmt q_line_add = STMT("INSERT INTO journal_lines (entry_id, fund_id, account, debit_fen, credit_fen)"
				     " VALUES (?1, ?2, ?3, ?4, ?5)");
/* the conditional update is the check and the row lock at once */
static struct stmt q_cash_add = STMT("UPDATE funds SET balance_fen = balance_fen + ?2"
				     " WHERE id = ?1 AND balance_fen + ?2 >= 0 RETURNING balance_fen");
static struct stmt q_fund_exists = STMT("SELECT COUNT(*) FROM funds WHERE id = ?1");
#define ENTRY_COLS \
	"SELECT id, fund_id, kind, memo, ref_entity, ref_id, reverses_id, amount_fen, created_by_user_id, created_at" \
	" FROM journal_entries"
static struct stmt q_entry_for = STMT(ENTRY_COLS " WHERE ref_entity = ?2 AND ref_id = ?3 AND kind = ?1"
						 " ORDER BY id LIMIT 1");
static struct stmt q_page = STMT(ENTRY_COLS " WHERE fund_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
/* index journal_lines_entry */
static struct stmt q_lines = STMT("SELECT entry_id, account, debit_fen, credit_fen FROM journal_lines"
				  " WHERE entry_id >= ?1 AND entry_id <= ?2 AND fund_id = ?3 ORDER BY entry_id, id");
static struct stmt q_trial = STMT("SELECT account, SUM(debit_fen), SUM(credit_fen) FROM journal_lines"
				  " WHERE (?1 = 0 OR fund_id = ?1) GROUP BY account ORDER BY account");
static struct stmt q_unbalanced =
	STMT("SELECT e.id FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id"
	     " GROUP BY e.id, e.amount_fen HAVING COUNT(l.id) < 2"
	     " OR COALESCE(SUM(l.debit_fen), 0) <> COALESCE(SUM(l.credit_fen), 0)"
	     " OR COALESCE(SUM(l.debit_fen), 0) <> e.amount_fen ORDER BY e.id LIMIT ?1");
/* the money free to spend: cash less payables (aid approved, not yet paid) */
#define FREE_CASH                                                                                       \
	"COALESCE((SELECT SUM(CASE l.account WHEN 'cash' THEN l.debit_fen - l.credit_fen"                 \
	" WHEN 'payables' THEN l.debit_fen - l.credit_fen ELSE 0 END) FROM journal_lines l WHERE l.fund_id = f.id" \
	" AND l.account IN ('cash', 'payables')), 0)"
static struct stmt q_drift = STMT("SELECT f.id, f.balance_fen, " FREE_CASH " FROM funds f WHERE f.balance_fen <> "
				  FREE_CASH " ORDER BY f.id LIMIT ?1");
/* a donation's posting: one entry of kind donation for its fund and amount;
 * its reversal: one entry of kind donation_void reversing that posting,
 * exactly when the donation is voided */
static struct stmt q_astray =
	STMT("SELECT d.id FROM donations d WHERE"
	     " (SELECT COUNT(*) FROM journal_entries e WHERE e.ref_entity = 'donations' AND e.ref_id = d.id"
	     " AND e.kind = 'donation' AND e.fund_id = d.fund_id AND e.amount_fen = d.amount_fen) <> 1"
	     " OR (SELECT COUNT(*) FROM journal_entries e WHERE e.ref_entity = 'donations' AND e.ref_id = d.id"
	     " AND e.kind = 'donation') <> 1"
	     " OR (SELECT COUNT(*) FROM journal_entries r JOIN journal_entries e ON e.id = r.reverses_id"
	     " WHERE r.ref_entity = 'donations' AND r.ref_id = d.id AND r.kind = 'donation_void'"
	     " AND e.ref_entity = 'donations' AND e.ref_id = d.id AND r.amount_fen = d.amount_fen)"
	     " <> CASE WHEN d.status = 'voided' THEN 1 ELSE 0 END"
	     " OR (SELECT COUNT(*) FROM journal_entries r WHERE r.ref_entity = 'donations' AND r.ref_id = d.id"
	     " AND r.kind = 'donation_void') <> CASE WHEN d.status = 'voided' THEN 1 ELSE 0 END"
	     " ORDER BY d.id LIMIT ?1");
/* a run's approval and payment entries: one each of its total, exactly
 * when it is approved (or paid) and paid; its items add up to its total */
#define RUN_ENTRIES(kind) \
	"(SELECT COUNT(*) FROM journal_entries e WHERE e.ref_entity = 'semester-runs' AND e.ref_id = r.id" \
	" AND e.kind = '" kind "' AND e.amount_fen = r.total_fen AND e.fund_id = r.fund_id)"
static struct stmt q_runs_astray =
	STMT("SELECT r.id FROM semester_runs r WHERE " RUN_ENTRIES("aid_approval") " <> CASE WHEN r.status = 'proposed'"
	     " THEN 0 ELSE 1 END OR " RUN_ENTRIES("aid_payment") " <> CASE WHEN r.status = 'paid' THEN 1 ELSE 0 END"
	     " OR (SELECT COUNT(*) FROM journal_entries e WHERE e.ref_entity = 'semester-runs' AND e.ref_id = r.id)"
	     " <> CASE r.status WHEN 'proposed' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END"
	     " OR r.total_fen <> (SELECT COALESCE(SUM(i.amount_fen), 0) FROM semester_run_items i WHERE i.run_id = r.id)"
	     " ORDER BY r.id LIMIT ?1");
static struct stmt q_counts = STMT("SELECT (SELECT COUNT(*) FROM funds), (SELECT COUNT(*) FROM journal_entries),"
				   " (SELECT COUNT(*) FROM journal_lines)");
static struct stmt q_staff_in = STMT("SELECT COUNT(*) FROM user_roles ur JOIN orgs o ON o.id = ur.org_id"
				      " WHERE ur.user_id = ?1 AND ur.role IN ('org_admin', 'supervisor', 'social_worker')"
				      " AND o.path >= ?2 AND o.path < ?2 || '~'");
static struct stmt q_rel_direct =
	STMT("SELECT kind FROM person_relations WHERE (person_id = ?1 AND of_person_id = ?2)"
	     " OR (person_id = ?2 AND of_person_id = ?1) ORDER BY id LIMIT 1");
static struct stmt q_rel_via =
	STMT("SELECT a.kind, b.kind, a.x FROM (SELECT kind, CASE WHEN person_id = ?1 THEN of_person_id ELSE person_id END"
	     " AS x FROM person_relations WHERE (person_id = ?1 OR of_person_id = ?1)"
	     " AND kind IN ('guardian', 'family', 'household')) a JOIN person_relations b"
	     " ON (b.person_id = a.x AND b.of_person_id = ?2) OR (b.of_person_id = a.x AND b.person_id = ?2)"
	     " ORDER BY a.x LIMIT 1");
static struct stmt q_aid_students =
	STMT("SELECT c.id, c.school_stage FROM clients c JOIN orgs o ON o.id = c.org_id"
	     " WHERE c.category = 'student_aid' AND c.school_stage IS NOT NULL AND c.case_stage <> 'closure'"
	     " AND o.path >= ?1 AND o.path < ?1 || '~'"
	     " AND NOT EXISTS (SELECT 1 FROM semester_payees sp WHERE sp.client_id = c.id AND sp.semester = ?2)"
	     " ORDER BY c.id LIMIT ?3");
#define PLANNED(d) "COALESCE((SELECT SUM(i.amount_fen) FROM semester_run_items i WHERE i.donation_id = " d "), 0)"
static struct stmt q_aid_gifts =
	STMT("SELECT d.id, d.beneficiary_client_id, d.amount_fen - " PLANNED("d.id") " FROM donations d"
	     " WHERE d.fund_id = ?1 AND d.status = 'recorded' AND d.beneficiary_client_id IS NOT NULL"
	     " AND d.channel <> 'in_kind' AND d.amount_fen > " PLANNED("d.id") " ORDER BY d.id LIMIT ?2");
static struct stmt q_aid_proposed =
	STMT("SELECT COALESCE(SUM(total_fen), 0) FROM semester_runs WHERE fund_id = ?1 AND status = 'proposed'");
static struct stmt q_item_add = STMT("INSERT INTO semester_run_items (run_id, client_id, amount_fen, source, donation_id)"
				     " VALUES (?1, ?2, ?3, ?4, ?5)");
static struct stmt q_payee_add = STMT("INSERT INTO semester_payees (client_id, semester, run_id) VALUES (?1, ?2, ?3)");
static struct stmt q_items = STMT("SELECT client_id, amount_fen, COALESCE(donation_id, 0), 0 FROM semester_run_items"
				  " WHERE run_id = ?1 ORDER BY id LIMIT ?2");
static struct stmt q_allocated = STMT("SELECT " PLANNED("?1"));
static struct stmt q_by_statement = STMT("SELECT id FROM donations WHERE statement_code = ?1");
static struct stmt q_gift_payments =
	STMT("SELECT r.semester, r.status, i.amount_fen FROM semester_run_items i JOIN semester_runs r ON r.id = i.run_id"
	     " WHERE i.donation_id = ?1 ORDER BY i.id LIMIT ?2");
static struct stmt q_fund_runs = STMT("SELECT semester, status, total_fen, students FROM semester_runs"
				      " WHERE fund_id = ?1 ORDER BY id DESC LIMIT ?2");
static struct stmt q_period = STMT("SELECT e.kind, l.account, SUM(l.debit_fen), SUM(l.credit_fen) FROM journal_lines l"
				   " JOIN journal_entries e ON e.id = l.entry_id WHERE l.fund_id = ?1"
				   " AND e.created_at >= ?2 AND e.created_at < ?3 GROUP BY e.kind, l.account"
				   " ORDER BY e.kind, l.account");
static struct stmt q_cash_before = STMT("SELECT COALESCE(SUM(l.debit_fen - l.credit_fen), 0) FROM journal_lines l"
					" JOIN journal_entries e ON e.id = l.entry_id WHERE l.fund_id = ?1"
					" AND l.account = 'cash' AND e.created_at < ?2");
static struct stmt q_by_channel =
	STMT("SELECT channel, COUNT(*), SUM(amount_fen), SUM(anonymous) FROM donations WHERE fund_id = ?1"
	     " AND created_at >= ?2 AND created_at < ?3 AND status = 'recorded' GROUP BY channel ORDER BY channel");
static struct stmt q_by_stage =
	STMT("SELECT c.school_stage, COUNT(DISTINCT i.client_id), SUM(i.amount_fen) FROM semester_run_items i"
	     " JOIN semester_runs r ON r.id = i.run_id JOIN clients c ON c.id = i.client_id WHERE r.fund_id = ?1"
	     " AND r.approved_at >= ?2 AND r.approved_at < ?3 GROUP BY c.school_stage ORDER BY c.school_stage");
static struct stmt q_by_idem = STMT("SELECT id FROM donations WHERE idem_key = ?2 AND recorded_by_user_id = ?1");
static struct stmt q_by_platform_ref = STMT("SELECT id FROM donations WHERE platform_ref = ?2 AND platform = ?1");

/* Each line one positive debit or credit, at least two, debits = credits;
 * the total into *amount. */
static enum err balanced(const struct journal_entry *e, int64_t *amount, struct errinfo *ei)
{
	int64_t d = 0, c = 0;
	if (e->nlines < 2 || e->nlines > JOURNAL_MAX_LINES)
		return err_setf(ei, ERR_INVALID, "lines", "an entry has 2 to %d lines, not %d", JOURNAL_MAX_LINES,
				e->nlines);
	for (int i = 0; i < e->nlines; i++) {
		const struct journal_line *l = &e->lines[i];
		if (!l->account || !*l->account || l->debit_fen < 0 || l->credit_fen < 0 ||
		    (l->debit_fen == 0) == (l->credit_fen == 0) || l->debit_fen > JOURNAL_LINE_MAX_FEN ||
		    l->credit_fen > JOURNAL_LINE_MAX_FEN)
			return err_setf(ei, ERR_INVALID, "lines", "line %d is not one positive debit or credit", i + 1);
		d += l->debit_fen;
		c += l->credit_fen;
	}
	if (d != c)
		return err_setf(ei, ERR_INVALID, "lines", "debits %lld and credits %lld differ", (long long)d,
				(long long)c);
	*amount = d;
	return ERR_OK;
}

enum err store_journal_post(struct store_conn *c, struct journal_entry *e, struct errinfo *ei)
{
	int64_t amount = 0, id;
	enum err r = balanced(e, &amount, ei);
	if (r)
		return r;
	struct sval p[9] = {P_int(e->fund_id), P_text(e->kind), P_text(e->memo), P_text(e->ref_entity),
			    P_int0(e->ref_id), P_int0(e->reverses_id), P_int(amount), P_int0(e->created_by_user_id),
			    P_int(e->created_at)};
	if ((r = store_run_int(c, &q_entry_add, p, 9, &id)))
		return err_set(ei, r, NULL, NULL);
	for (int i = 0; i < e->nlines; i++) {
		struct sval lp[5] = {P_int(id), P_int(e->fund_id), P_text(e->lines[i].account),
				     P_int(e->lines[i].debit_fen), P_int(e->lines[i].credit_fen)};
		if ((r = store_run(c, &q_line_add, lp, 5, NULL, 0, NULL, ei)))
			return r;
	}
	e->id = id;
	e->amount_fen = amount;
	return ERR_OK;
}

enum err store_fund_cash_add(struct store_conn *c, int64_t fund_id, int64_t delta, int64_t *balance)
{
	struct sval p[2] = {P_int(fund_id), P_int(delta)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, &q_cash_add, p, 2, &rows, 1, &a, NULL);
	if (!e && rows.nrows == 1 && balance)
		*balance = sv_int(&rows.v[0]);
	int found = rows.nrows;
	arena_release(&a);
	if (e || found)
		return e;
	int64_t n;
	e = store_run_int(c, &q_fund_exists, p, 1, &n);
	return e ? e : n ? ERR_INSUFFICIENT : ERR_NOT_FOUND;
}

static void entry_row(const struct sval *v, struct journal_entry *e, struct arena *a)
{
	*e = (struct journal_entry){.id = sv_int(&v[0]),
				    .fund_id = sv_int(&v[1]),
				    .kind = sv_text(&v[2], a),
				    .memo = sv_text(&v[3], a),
				    .ref_entity = sv_text(&v[4], a),
				    .ref_id = sv_int(&v[5]),
				    .reverses_id = sv_int(&v[6]),
				    .amount_fen = sv_int(&v[7]),
				    .created_by_user_id = sv_int(&v[8]),
				    .created_at = sv_int(&v[9])};
}

/* The lines of rows[0..n) (one fund, ids ascending). */
static enum err attach_lines(struct store_conn *c, struct journal_entry *rows, int n, struct arena *a)
{
	if (n == 0)
		return ERR_OK;
	struct sval p[3] = {P_int(rows[0].id), P_int(rows[n - 1].id), P_int(rows[0].fund_id)};
	struct srows lr = {0};
	enum err e = store_run(c, &q_lines, p, 3, &lr, n * JOURNAL_MAX_LINES, a, NULL);
	if (e)
		return e;
	for (int i = 0; i < n; i++)
		rows[i].lines = arena_alloc(a, sizeof *rows[i].lines * JOURNAL_MAX_LINES);
	int k = 0;
	for (int j = 0; j < lr.nrows; j++) {
		const struct sval *v = srows_row(&lr, j);
		int64_t entry = sv_int(&v[0]);
		while (k < n && rows[k].id < entry)
			k++;
		if (k == n || rows[k].id != entry || rows[k].nlines == JOURNAL_MAX_LINES)
			continue; /* another fund's entry in the id range */
		rows[k].lines[rows[k].nlines++] = (struct journal_line){sv_text(&v[1], a), sv_int(&v[2]), sv_int(&v[3])};
	}
	return ERR_OK;
}

enum err store_journal_for(struct store_conn *c, const char *kind, const char *ref_entity, int64_t ref_id,
			   struct journal_entry *out, struct arena *a)
{
	struct sval p[3] = {P_text(kind), P_text(ref_entity), P_int(ref_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_entry_for, p, 3, &rows, 1, a, NULL);
	if (e)
		return e;
	if (rows.nrows == 0)
		return ERR_NOT_FOUND;
	entry_row(rows.v, out, a);
	return attach_lines(c, out, 1, a);
}

enum err store_journal_page(struct store_conn *c, int64_t fund_id, int64_t after, int limit,
			    struct journal_entry **out, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(fund_id), P_int(after), P_int(limit)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_page, p, 3, &rows, limit, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		entry_row(srows_row(&rows, i), &(*out)[i], a);
	*n = rows.nrows;
	return attach_lines(c, *out, *n, a);
}

enum err store_trial_balance(struct store_conn *c, int64_t fund_id, struct account_total **out, int *n,
			     struct arena *a)
{
	struct sval p[1] = {P_int(fund_id)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_trial, p, 1, &rows, 64, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct account_total){sv_text(&v[0], a), sv_int(&v[1]), sv_int(&v[2])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_ledger_unbalanced(struct store_conn *c, int max, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(max)};
	return store_run_ids(c, &q_unbalanced, p, 1, max, ids, n, a);
}

/* Rows of k integer columns as one array. */
static enum err int_rows(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int k, int max,
			 int64_t **out, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, st, p, np, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(k * rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++)
		for (int j = 0; j < k; j++)
			(*out)[k * i + j] = sv_int(&srows_row(&rows, i)[j]);
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_ledger_cash_drift(struct store_conn *c, int max, int64_t **triples, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(max)};
	return int_rows(c, &q_drift, p, 1, 3, max, triples, n, a);
}

enum err store_ledger_donations_astray(struct store_conn *c, int max, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(max)};
	return store_run_ids(c, &q_astray, p, 1, max, ids, n, a);
}

enum err store_ledger_runs_astray(struct store_conn *c, int max, int64_t **ids, int *n, struct arena *a)
{
	struct sval p[1] = {P_int(max)};
	return store_run_ids(c, &q_runs_astray, p, 1, max, ids, n, a);
}

enum err store_ledger_counts(struct store_conn *c, int64_t *funds, int64_t *entries, int64_t *lines)
{
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, &q_counts, NULL, 0, &rows, 1, &a, NULL);
	if (!e) {
		*funds = sv_int(&rows.v[0]);
		*entries = sv_int(&rows.v[1]);
		*lines = sv_int(&rows.v[2]);
	}
	arena_release(&a);
	return e;
}

enum err store_donation_by_idem(struct store_conn *c, int64_t user_id, const char *key, int64_t *id)
{
	struct sval p[2] = {P_int(user_id), P_text(key)};
	enum err e = store_run_int(c, &q_by_idem, p, 2, id);
	return e ? e : *id ? ERR_OK : ERR_NOT_FOUND;
}

enum err store_donation_by_platform_ref(struct store_conn *c, const char *platform, const char *ref, int64_t *id)
{
	struct sval p[2] = {P_text(platform), P_text(ref)};
	enum err e = store_run_int(c, &q_by_platform_ref, p, 2, id);
	return e ? e : *id ? ERR_OK : ERR_NOT_FOUND;
}

enum err store_user_staff_in(struct store_conn *c, int64_t user_id, const char *org_path, int *yes)
{
	struct sval p[2] = {P_int(user_id), P_text(org_path)};
	int64_t n;
	enum err e = store_run_int(c, &q_staff_in, p, 2, &n);
	*yes = n > 0;
	return e;
}

enum err store_relation_between(struct store_conn *c, int64_t a, int64_t b, const char **k1, const char **k2,
				int64_t *via, struct arena *ar)
{
	struct sval p[2] = {P_int(a), P_int(b)};
	struct srows rows = {0};
	*k1 = *k2 = NULL;
	*via = 0;
	enum err e = store_run(c, &q_rel_direct, p, 2, &rows, 1, ar, NULL);
	if (e || rows.nrows) {
		if (!e)
			*k1 = sv_text(&rows.v[0], ar);
		return e;
	}
	if ((e = store_run(c, &q_rel_via, p, 2, &rows, 1, ar, NULL)))
		return e;
	if (!rows.nrows)
		return ERR_NOT_FOUND;
	*k1 = sv_text(&rows.v[0], ar);
	*k2 = sv_text(&rows.v[1], ar);
	*via = sv_int(&rows.v[2]);
	return ERR_OK;
}

enum err store_aid_students(struct store_conn *c, const char *org_path, const char *semester, int max,
			    struct aid_student_row **out, int *n, struct arena *a)
{
	struct sval p[3] = {P_text(org_path), P_text(semester), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_aid_students, p, 3, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct aid_student_row){sv_int(&v[0]), sv_text(&v[1], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_aid_gifts(struct store_conn *c, int64_t fund_id, int max, int64_t **triples, int *n,
			 struct arena *a)
{
	struct sval p[2] = {P_int(fund_id), P_int(max)};
	return int_rows(c, &q_aid_gifts, p, 2, 3, max, triples, n, a);
}

enum err store_aid_proposed_total(struct store_conn *c, int64_t fund_id, int64_t *fen)
{
	struct sval p[1] = {P_int(fund_id)};
	return store_run_int(c, &q_aid_proposed, p, 1, fen);
}

enum err store_run_items_add(struct store_conn *c, int64_t run_id, const char *semester, const int64_t *client,
			     const int64_t *amount, const int64_t *donation, int n, struct errinfo *ei)
{
	enum err e = ERR_OK;
	for (int i = 0; i < n && !e; i++) {
		struct sval p[5] = {P_int(run_id), P_int(client[i]), P_int(amount[i]),
				    P_text(donation[i] ? "directed" : "pool"), P_int0(donation[i])};
		e = store_run(c, &q_item_add, p, 5, NULL, 0, NULL, ei);
		/* items of one student are adjacent: one payee row each */
		if (!e && (i == 0 || client[i] != client[i - 1])) {
			struct sval q[3] = {P_int(client[i]), P_text(semester), P_int(run_id)};
			e = store_run(c, &q_payee_add, q, 3, NULL, 0, NULL, ei);
		}
	}
	return e;
}

enum err store_run_items(struct store_conn *c, int64_t run_id, int max, int64_t **quads, int *n, struct arena *a)
{
	struct sval p[2] = {P_int(run_id), P_int(max)};
	return int_rows(c, &q_items, p, 2, 4, max, quads, n, a);
}

enum err store_donation_allocated(struct store_conn *c, int64_t donation_id, int64_t *fen)
{
	struct sval p[1] = {P_int(donation_id)};
	return store_run_int(c, &q_allocated, p, 1, fen);
}

enum err store_donation_by_statement(struct store_conn *c, const char *code, int64_t *id)
{
	struct sval p[1] = {P_text(code)};
	enum err e = store_run_int(c, &q_by_statement, p, 1, id);
	return e ? e : *id ? ERR_OK : ERR_NOT_FOUND;
}

/* Rows of text and integer columns: ntext texts first, then nint ints, into
 * structs of `size` bytes whose members are those pointers then int64s. */
static enum err mixed_rows(struct store_conn *c, struct stmt *st, const struct sval *p, int np, int ntext, int nint,
			   size_t size, int max, void **out, int *n, struct arena *a)
{
	struct srows rows = {0};
	enum err e = store_run(c, st, p, np, &rows, max, a, NULL);
	if (e)
		return e;
	char *buf = arena_alloc(a, size * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		const char **t = (const char **)(void *)(buf + size * (size_t)i);
		for (int k = 0; k < ntext; k++)
			t[k] = sv_text(&v[k], a);
		int64_t *x = (int64_t *)(void *)(t + ntext);
		for (int k = 0; k < nint; k++)
			x[k] = sv_int(&v[ntext + k]);
	}
	*out = buf;
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_gift_payments(struct store_conn *c, int64_t donation_id, int max, struct gift_payment **rows,
			     int *n, struct arena *a)
{
	struct sval p[2] = {P_int(donation_id), P_int(max)};
	return mixed_rows(c, &q_gift_payments, p, 2, 2, 1, sizeof **rows, max, (void **)rows, n, a);
}

enum err store_fund_runs(struct store_conn *c, int64_t fund_id, int max, struct fund_run_summary **rows, int *n,
			 struct arena *a)
{
	struct sval p[2] = {P_int(fund_id), P_int(max)};
	return mixed_rows(c, &q_fund_runs, p, 2, 2, 2, sizeof **rows, max, (void **)rows, n, a);
}

enum err store_fund_period(struct store_conn *c, int64_t fund_id, int64_t from, int64_t to,
			   struct kind_account_total **rows, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(fund_id), P_int(from), P_int(to)};
	return mixed_rows(c, &q_period, p, 3, 2, 2, sizeof **rows, 64, (void **)rows, n, a);
}

enum err store_fund_cash_before(struct store_conn *c, int64_t fund_id, int64_t at, int64_t *fen)
{
	struct sval p[2] = {P_int(fund_id), P_int(at)};
	return store_run_int(c, &q_cash_before, p, 2, fen);
}

enum err store_fund_gifts_by_channel(struct store_conn *c, int64_t fund_id, int64_t from, int64_t to,
				     struct channel_total **rows, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(fund_id), P_int(from), P_int(to)};
	return mixed_rows(c, &q_by_channel, p, 3, 1, 3, sizeof **rows, 8, (void **)rows, n, a);
}

enum err store_fund_aided_by_stage(struct store_conn *c, int64_t fund_id, int64_t from, int64_t to,
				   struct stage_total **rows, int *n, struct arena *a)
{
	struct sval p[3] = {P_int(fund_id), P_int(from), P_int(to)};
	return mixed_rows(c, &q_by_stage, p, 3, 1, 2, sizeof **rows, 8, (void **)rows, n, a);
}
