/* funds.c - funds, donations, receipts and the journal (issue 14): the
 * handlers of the routes the generic ones do not serve. */
#include <string.h>

#include "domain/limits.h"
#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/funds.h"

/* POST /donations, with an optional Idempotency-Key: a retry answers the
 * donation recorded the first time (201 again, Idempotent-Replayed: true). */
void h_donation_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	const char *idem = req_header(r, "Idempotency-Key");
	if (idem && (!*idem || strlen(idem) > IDEM_KEY_MAX)) {
		reply_errc(r, ERR_INVALID, "Idempotency-Key",
			   arena_printf(x->a, "Idempotency-Key must be 1 to %d characters", IDEM_KEY_MAX));
		return;
	}
	struct rec in, out;
	struct errinfo ei;
	int replayed;
	if (decode_rec(r, x, &donation_entity, 0, &in))
		return;
	if (svc_donation_create(x, &in, idem, &out, &replayed, &ei)) {
		reply_err(r, &ei);
		return;
	}
	if (replayed)
		resp_header(r, "Idempotent-Replayed", "true");
	reply_json(r, 201, codec_encode(&out, 0));
}

/* POST /donations/{id}/void {"reason"} */
void h_donation_void(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	void_with_reason(r, x, svc_donation_void);
}

/* GET /donations/{id}/receipt */
void h_donation_receipt(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct donation_receipt d;
	struct errinfo ei;
	if (svc_donation_receipt(x, r->path_id, &d, &ei)) {
		reply_err(r, &ei);
		return;
	}
	reply_json(r, 200,
		   json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s?}", "donation_id",
			     (json_int_t)d.donation_id, "receipt_no", d.receipt_no, "org_name", d.org_name, "fund_name",
			     d.fund_name, "donor_name", d.donor_name, "purpose", d.purpose, "received_on",
			     d.received_on, "channel", d.channel, "amount_fen", (json_int_t)d.amount_fen,
			     "amount_words", d.amount_words, "amount_figures", d.amount_figures, "status", d.status,
			     "recorded_by", d.recorded_by));
}

static json_t *entry_json(const struct journal_entry *e)
{
	json_t *lines = json_array();
	for (int i = 0; i < e->nlines; i++)
		json_array_append_new(lines, json_pack("{s:s,s:I,s:I}", "account", e->lines[i].account, "debit_fen",
						       (json_int_t)e->lines[i].debit_fen, "credit_fen",
						       (json_int_t)e->lines[i].credit_fen));
	char at[32];
	time_format(e->created_at, at);
	json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:o}", "id", (json_int_t)e->id, "fund_id",
			      (json_int_t)e->fund_id, "kind", e->kind, "memo", e->memo, "amount_fen",
			      (json_int_t)e->amount_fen, "created_at", at, "lines", lines);
	json_object_set_new(j, "ref_entity", e->ref_entity ? json_string(e->ref_entity) : json_null());
	json_object_set_new(j, "ref_id", e->ref_id ? json_integer(e->ref_id) : json_null());
	json_object_set_new(j, "reverses_id", e->reverses_id ? json_integer(e->reverses_id) : json_null());
	json_object_set_new(j, "created_by_user_id",
			    e->created_by_user_id ? json_integer(e->created_by_user_id) : json_null());
	return j;
}

/* GET /funds/{id}/ledger?limit=&cursor= : the journal, oldest first. */
void h_fund_ledger(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const struct entity no_filters = {.name = "ledger"};
	int64_t after;
	int limit;
	struct errinfo ei;
	struct journal_entry *rows;
	int n;
	if (list_query(&no_filters, query_of, r, &after, &limit, NULL, x->a, &ei) ||
	    svc_fund_ledger(x, r->path_id, after, limit + 1, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++)
		json_array_append_new(items, entry_json(&rows[i]));
	json_t *next = n > limit ? json_string(arena_printf(x->a, "%lld", (long long)rows[limit - 1].id)) : json_null();
	reply_json(r, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next));
}

/* GET /funds/{id}/trial-balance */
void h_fund_trial(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct trial_balance t;
	struct errinfo ei;
	if (svc_fund_trial(x, r->path_id, &t, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *accounts = json_array();
	for (int i = 0; i < t.nrows; i++)
		json_array_append_new(accounts, json_pack("{s:s,s:s?,s:I,s:I,s:I}", "account", t.rows[i].account, "name",
							  t.rows[i].name_zh, "debit_fen", (json_int_t)t.rows[i].debit_fen,
							  "credit_fen", (json_int_t)t.rows[i].credit_fen, "balance_fen",
							  (json_int_t)t.rows[i].balance_fen));
	reply_json(r, 200,
		   json_pack("{s:I,s:I,s:I,s:b,s:I,s:I,s:I,s:o}", "fund_id", (json_int_t)t.fund_id, "debit_fen",
			     (json_int_t)t.debit_fen, "credit_fen", (json_int_t)t.credit_fen, "balanced", t.balanced,
			     "balance_fen", (json_int_t)t.balance_fen, "cash_fen", (json_int_t)t.cash_fen, "payables_fen",
			     (json_int_t)t.payables_fen, "accounts", accounts));
}

/* POST /funds/{id}/semester-runs {"semester"} */
void h_run_propose(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const char *const names[] = {"semester"};
	const char *vals[1];
	struct rec out;
	struct errinfo ei;
	if (body_strings(r, names, vals, 1))
		return;
	if (svc_run_propose(x, r->path_id, vals[0], &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 201, codec_encode(&out, 0));
}

/* POST /semester-runs/{id}/approve, and /pay {"bank_ref"} (arg "pay") */
void h_run_decide(struct req *r, struct ctx *x, const void *arg)
{
	static const char *const names[] = {"bank_ref"};
	const char *vals[1] = {NULL};
	struct rec out;
	struct errinfo ei;
	if (arg && body_strings(r, names, vals, 1))
		return;
	if (svc_run_decide(x, r->path_id, vals[0], arg != NULL, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

static json_t *gift_json(const struct statement_gift *g)
{
	json_t *j = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s?}", "donation_id", (json_int_t)g->donation_id, "fund_id",
			      (json_int_t)g->fund_id, "fund_name", g->fund_name, "amount_fen", (json_int_t)g->amount_fen,
			      "received_on", g->received_on, "channel", g->channel, "status", g->status, "receipt_no",
			      g->receipt_no);
	if (g->student) {
		json_t *pay = json_array();
		for (int i = 0; i < g->npayments; i++)
			json_array_append_new(pay, json_pack("{s:s,s:s,s:I}", "semester", g->payments[i].semester,
							     "status", g->payments[i].status, "amount_fen",
							     (json_int_t)g->payments[i].amount_fen));
		json_object_set_new(j, "directed", json_pack("{s:s,s:o}", "student", g->student, "payments", pay));
		return j;
	}
	json_t *runs = json_array();
	for (int i = 0; i < g->nruns; i++)
		json_array_append_new(runs, json_pack("{s:s,s:s,s:I,s:I}", "semester", g->runs[i].semester, "status",
						      g->runs[i].status, "total_fen", (json_int_t)g->runs[i].total_fen,
						      "students", (json_int_t)g->runs[i].students));
	json_object_set_new(j, "pooled", json_pack("{s:I,s:o}", "fund_spent_fen", (json_int_t)g->fund_spent_fen, "runs", runs));
	return j;
}

static void reply_statement(struct req *r, struct ctx *x, const char *code)
{
	struct statement_gift *g;
	int n;
	struct errinfo ei;
	if (svc_donor_statement(x, code, &g, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, gift_json(&g[i]));
	resp_header(r, "Cache-Control", "no-store");
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* GET /donor-statement: the signed-in donor's gifts and where they went. */
void h_donor_statement(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	reply_statement(r, x, NULL);
}

/* GET /donor-statements/{code}: one gift by its statement code, without
 * signing in (throttled like certificate lookups). */
void h_donor_statement_public(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	if (r->app->cert_lookups && public_lookup_throttle(r))
		return;
	reply_statement(r, x, r->path_seg);
}

/* GET /disclosures?quarter=2026Q4[&fund_id=] without signing in. */
void h_disclosures(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t fund_id = 0;
	if (query_int(r, "fund_id", &fund_id) < 0)
		return;
	struct disclosure *d;
	int n;
	struct errinfo ei;
	if (svc_disclosures(x, fund_id, req_query(r, "quarter"), &d, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		json_t *ch = json_array(), *st = json_array();
		for (int k = 0; k < d[i].nchannels; k++)
			json_array_append_new(ch, json_pack("{s:s,s:I,s:I,s:I}", "channel", d[i].channels[k].channel, "gifts",
							    (json_int_t)d[i].channels[k].gifts, "amount_fen",
							    (json_int_t)d[i].channels[k].amount_fen, "anonymous",
							    (json_int_t)d[i].channels[k].anonymous));
		for (int k = 0; k < d[i].nstages; k++)
			json_array_append_new(st, json_pack("{s:s,s:I,s:I}", "school_stage", d[i].stages[k].stage, "students",
							    (json_int_t)d[i].stages[k].students, "amount_fen",
							    (json_int_t)d[i].stages[k].amount_fen));
		char from[32], to[32];
		time_format(d[i].from, from);
		time_format(d[i].to, to);
		json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}", "fund_id",
				      (json_int_t)d[i].fund_id, "fund_name", d[i].fund_name, "org_name", d[i].org_name,
				      "purpose", d[i].purpose, "quarter", d[i].quarter, "from", from, "to", to,
				      "opening_cash_fen", (json_int_t)d[i].opening_cash_fen, "income_fen",
				      (json_int_t)d[i].income_fen, "in_kind_fen", (json_int_t)d[i].in_kind_fen,
				      "voided_fen", (json_int_t)d[i].voided_fen, "approved_fen", (json_int_t)d[i].approved_fen,
				      "paid_fen", (json_int_t)d[i].paid_fen, "closing_cash_fen",
				      (json_int_t)d[i].closing_cash_fen, "income_by_channel", ch);
		json_object_set_new(j, "beneficiaries",
				    json_pack("{s:I,s:o}", "students", (json_int_t)d[i].students, "by_stage", st));
		json_array_append_new(items, j);
	}
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}
