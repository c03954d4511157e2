/* fund_store.h - the funds' double-entry journal and the queries that
 * check it (store/fund_store.c, issue 14). Same conventions as store.h:
 * enum err, strings in the arena, amounts in integer fen.
 *
 * The journal is append-only: store_journal_post is the one way in, and it
 * refuses an entry that does not balance (fewer than two lines, a line that
 * is not exactly one positive debit or credit, debits that differ from
 * credits), so no caller can write one, whatever it computed. */
#ifndef LD_STORE_FUND_STORE_H
#define LD_STORE_FUND_STORE_H

#include "model/rows.h"
#include "store/store.h"

/* The most lines one entry may have, and the most one line may move. */
#define JOURNAL_MAX_LINES 16
#define JOURNAL_LINE_MAX_FEN 1000000000000000LL

/* Append e with its lines (e->lines[0..nlines)): ERR_INVALID naming
 * "lines" when they do not balance; sets e->id and e->amount_fen. */
enum err store_journal_post(struct store_conn *c, struct journal_entry *e, struct errinfo *ei);
/* The entry of `kind` made for ref_entity/ref_id (the first), with its
 * lines: ERR_NOT_FOUND when none. */
enum err store_journal_for(struct store_conn *c, const char *kind, const char *ref_entity, int64_t ref_id,
			   struct journal_entry *out, struct arena *a);
/* Move the fund's cash by delta (row-locked until the transaction ends):
 * ERR_INSUFFICIENT when the balance would fall below zero; *balance the
 * new balance (may be NULL). */
enum err store_fund_cash_add(struct store_conn *c, int64_t fund_id, int64_t delta, int64_t *balance);
/* Entries of a fund with id > after, oldest first, at most limit, each with
 * its lines. */
enum err store_journal_page(struct store_conn *c, int64_t fund_id, int64_t after, int limit,
			    struct journal_entry **rows, int *n, struct arena *a);

/* A fund's accounts (fund_id > 0) or every fund's (0), by account name. */
enum err store_trial_balance(struct store_conn *c, int64_t fund_id, struct account_total **rows, int *n,
			     struct arena *a);

/* ---- what `liandong check-ledger` checks (each list at most max) ---- */
/* Entries whose lines do not balance, do not add up to the entry's
 * amount, or are fewer than two. */
enum err store_ledger_unbalanced(struct store_conn *c, int max, int64_t **ids, int *n, struct arena *a);
/* Funds whose kept balance differs from the cash their journal derives:
 * pairs (fund id, kept, derived) as three ints per fund. */
enum err store_ledger_cash_drift(struct store_conn *c, int max, int64_t **triples, int *n, struct arena *a);
/* Donations without exactly one posting of their amount into their fund,
 * or voided without exactly one reversal of it (or reversed and not
 * voided). */
enum err store_ledger_donations_astray(struct store_conn *c, int max, int64_t **ids, int *n, struct arena *a);
/* Semester runs whose approval and payment entries do not match their
 * status and total, or whose items do not add up to their total. */
enum err store_ledger_runs_astray(struct store_conn *c, int max, int64_t **ids, int *n, struct arena *a);
/* Totals: funds, entries, lines. */
enum err store_ledger_counts(struct store_conn *c, int64_t *funds, int64_t *entries, int64_t *lines);

/* ---- student aid by semester ---- */
struct aid_student_row {
	int64_t client_id;
	const char *school_stage;
};
/* Aided students (category student_aid with a school stage, case not
 * closed) of the org subtree at org_path, not yet paid or planned for
 * `semester` by any run, by id, at most max. */
enum err store_aid_students(struct store_conn *c, const char *org_path, const char *semester, int max,
			    struct aid_student_row **rows, int *n, struct arena *a);
/* The fund's directed cash gifts (recorded, not voided) with what no run
 * has yet planned of them (> 0), oldest first, at most max: triples
 * (donation id, client id, remaining fen). */
enum err store_aid_gifts(struct store_conn *c, int64_t fund_id, int max, int64_t **triples, int *n,
			 struct arena *a);
/* What the fund's proposed (not yet approved) runs plan to pay in all. */
enum err store_aid_proposed_total(struct store_conn *c, int64_t fund_id, int64_t *fen);
/* A run's items, and one payee row per student of them for `semester`
 * (ERR_DUPLICATE naming client_id when a student is already planned). */
enum err store_run_items_add(struct store_conn *c, int64_t run_id, const char *semester, const int64_t *client,
			     const int64_t *amount, const int64_t *donation, int n, struct errinfo *ei);
/* A run's items by id: rows of four (client id, amount, donation id or 0,
 * 0) - source is "directed" when the donation id is set. */
enum err store_run_items(struct store_conn *c, int64_t run_id, int max, int64_t **quads, int *n, struct arena *a);
/* What runs have planned of a donation, in all. */
enum err store_donation_allocated(struct store_conn *c, int64_t donation_id, int64_t *fen);

/* ---- the donor's statement (Art. 42) and public disclosure (Art. 79) ---- */
/* The donation of a statement code: ERR_NOT_FOUND when none. */
enum err store_donation_by_statement(struct store_conn *c, const char *code, int64_t *id);
/* Where a directed gift went: rows of (semester, run status, amount fen),
 * oldest first, at most max. */
enum err store_gift_payments(struct store_conn *c, int64_t donation_id, int max, struct gift_payment **rows,
			     int *n, struct arena *a);
/* A fund's runs, newest first, at most max: (semester, status, total fen,
 * students paid in full). */
enum err store_fund_runs(struct store_conn *c, int64_t fund_id, int max, struct fund_run_summary **rows, int *n,
			 struct arena *a);
/* A fund's journal over [from, to): each (entry kind, account) with its
 * debits and credits. */
struct kind_account_total {
	const char *kind, *account;
	int64_t debit_fen, credit_fen;
};
enum err store_fund_period(struct store_conn *c, int64_t fund_id, int64_t from, int64_t to,
			   struct kind_account_total **rows, int *n, struct arena *a);
/* A fund's cash before `at`. */
enum err store_fund_cash_before(struct store_conn *c, int64_t fund_id, int64_t at, int64_t *fen);
/* Gifts recorded into a fund over [from, to) and not voided, by channel:
 * (channel, gifts, amount fen, anonymous gifts). */
enum err store_fund_gifts_by_channel(struct store_conn *c, int64_t fund_id, int64_t from, int64_t to,
				     struct channel_total **rows, int *n, struct arena *a);
/* Students of the fund's runs approved over [from, to), by school stage:
 * (stage, students, amount fen). */
enum err store_fund_aided_by_stage(struct store_conn *c, int64_t fund_id, int64_t from, int64_t to,
				   struct stage_total **rows, int *n, struct arena *a);

/* Whether user_id holds a staff role (org admin, supervisor, social
 * worker) bound to an org of the subtree at org_path: *yes 0 or 1. */
enum err store_user_staff_in(struct store_conn *c, int64_t user_id, const char *org_path, int *yes);

/* Art. 40: how person a and person b are related, directly (either way
 * round: *via 0, kind in k1) or through one person x who is a guardian,
 * family or household member of a (either way round) and related to b in
 * any way (*via x, k1 the first relation's kind, k2 the second's).
 * ERR_NOT_FOUND when neither. */
enum err store_relation_between(struct store_conn *c, int64_t a, int64_t b, const char **k1, const char **k2,
				int64_t *via, struct arena *ar);

/* The donation recorded by user_id under an Idempotency-Key: ERR_NOT_FOUND
 * when none. */
enum err store_donation_by_idem(struct store_conn *c, int64_t user_id, const char *key, int64_t *id);
/* The donation recorded for a platform's transaction (the unique index on
 * platform_ref, platform; voided ones too): ERR_NOT_FOUND when none. */
enum err store_donation_by_platform_ref(struct store_conn *c, const char *platform, const char *ref, int64_t *id);

#endif
