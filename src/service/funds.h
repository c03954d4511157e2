/* funds.h - funds, donations and the double-entry journal behind them
 * (issue 14; service/funds.c). Money is integer fen everywhere.
 *
 * A fund belongs to an org and has a manager; org admins of the org create
 * and change it. A donation is recorded by the org's staff (a gift received
 * in cash, by bank transfer, in kind, or through a designated online
 * fundraising platform: 慈善法 Art. 27, Liandong records it, never takes the
 * payment) and posted to the fund's journal in the same transaction; a
 * receipt number (Art. 38) is given unless the donor is anonymous or
 * declines one. A mistake is voided: a reversing entry, never an edit. */
#ifndef LD_SERVICE_FUNDS_H
#define LD_SERVICE_FUNDS_H

#include "domain/funds.h"
#include "model/rows.h"
#include "service/service.h"

extern const struct resource res_funds, res_donations, res_person_relations, res_semester_runs;

/* One journal entry in the caller's transaction (service/ only): `amount`
 * debited to `debit` and credited to `credit`, with the fund's money free
 * to spend (cash less payables) moved to match: ERR_INSUFFICIENT naming
 * amount_fen when it would fall below zero. */
enum err fund_post(struct ctx *x, int64_t fund_id, const char *kind, const char *memo, const char *ref_entity,
		   int64_t ref_id, int64_t reverses_id, enum fund_account debit, enum fund_account credit,
		   int64_t amount, struct errinfo *ei);

/* ---- the donor's statement (慈善法 Art. 42) and public disclosure (Art.
 * 79, 82) (service/disclosure.c) ---- */
struct statement_gift {
	int64_t donation_id, fund_id, amount_fen;
	const char *fund_name, *received_on, *channel, *status, *receipt_no;
	const char *student;		/* a directed gift: the student's masked name, else NULL */
	struct gift_payment *payments;	/* a directed gift: what was paid from it */
	int npayments;
	struct fund_run_summary *runs;	/* another gift: the fund's runs, newest first */
	int nruns;
	int64_t fund_spent_fen;		/* the fund's aid approved so far */
};
/* Each gift of the signed-in user's person (code NULL), or the one gift of
 * a statement code (anyone, as typed: 404 when not well-formed or
 * unknown), and where it went. */
enum err svc_donor_statement(struct ctx *x, const char *code, struct statement_gift **gifts, int *n,
			     struct errinfo *ei);

struct disclosure {
	int64_t fund_id;
	const char *fund_name, *org_name, *purpose, *quarter;
	int64_t from, to;
	int64_t opening_cash_fen, closing_cash_fen, income_fen, voided_fen, in_kind_fen, approved_fen, paid_fen;
	struct channel_total *channels;
	int nchannels;
	struct stage_total *stages;
	int nstages;
	int64_t students;
};
/* The quarter's disclosure of one fund (fund_id > 0) or of every fund
 * (at most DISCLOSURE_MAX_FUNDS), without a caller: counts and sums only,
 * no personal data. */
#define DISCLOSURE_MAX_FUNDS 200
enum err svc_disclosures(struct ctx *x, int64_t fund_id, const char *quarter, struct disclosure **out, int *n,
			 struct errinfo *ei);

/* Student aid by semester (service/aid.c): propose a run of a student-aid
 * fund for `semester` ("2026-2027-1"); approve it (not by its proposer) or
 * pay it (paying, with the bank's reference). */
enum err svc_run_propose(struct ctx *x, int64_t fund_id, const char *semester, struct rec *out, struct errinfo *ei);
enum err svc_run_decide(struct ctx *x, int64_t id, const char *bank_ref, int paying, struct rec *out,
			struct errinfo *ei);

/* Record a donation; with an Idempotency-Key (idem, may be NULL) a retry
 * of the same request answers the donation already recorded (*replayed 1)
 * and a different request under the same key is 409. */
enum err svc_donation_create(struct ctx *x, struct rec *in, const char *idem, struct rec *out, int *replayed,
			     struct errinfo *ei);
/* Void a donation with a reason: its posting reversed (409
 * insufficient_funds when the fund has spent the money). */
enum err svc_donation_void(struct ctx *x, int64_t id, const char *reason, struct rec *out, struct errinfo *ei);

/* A donation's receipt as printed (Art. 38). */
struct donation_receipt {
	const char *receipt_no, *org_name, *fund_name, *donor_name, *purpose, *received_on, *channel, *status;
	const char *amount_words, *amount_figures, *recorded_by;
	int64_t donation_id, amount_fen;
};
/* 404 naming receipt_no when the donation has no receipt (anonymous or
 * declined). */
enum err svc_donation_receipt(struct ctx *x, int64_t id, struct donation_receipt *out, struct errinfo *ei);

/* A page of a fund's journal, oldest first: entries with id > after. */
enum err svc_fund_ledger(struct ctx *x, int64_t fund_id, int64_t after, int limit, struct journal_entry **rows,
			 int *n, struct errinfo *ei);

/* A fund's trial balance: every account's debits and credits and their
 * balance as the account shows it. */
struct trial_row {
	const char *account, *name_zh;
	int64_t debit_fen, credit_fen, balance_fen;
};
struct trial_balance {
	int64_t fund_id, debit_fen, credit_fen;
	int64_t balance_fen;	/* the fund's kept money free to spend */
	int64_t cash_fen;	/* the cash the journal derives */
	int64_t payables_fen;	/* aid approved, not yet paid */
	int balanced;		/* debits = credits and kept = cash - payables */
	struct trial_row rows[16];
	int nrows;
};
enum err svc_fund_trial(struct ctx *x, int64_t fund_id, struct trial_balance *out, struct errinfo *ei);

/* `liandong check-ledger`: every check of the whole journal; each problem
 * is written to say(), and *problems counts them. */
struct ledger_report {
	int64_t funds, entries, lines, debit_fen, credit_fen;
	int problems;
};
enum err svc_ledger_check(struct ctx *x, void (*say)(const char *line, void *arg), void *arg,
			  struct ledger_report *out, struct errinfo *ei);

#endif
