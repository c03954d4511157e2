/* disclosure.c - where the money went: the donor's statement (慈善法 Art.
 * 42: a donor may query how the gift is managed and used) and the public
 * quarterly disclosure of each fund (Art. 79: at least every three months;
 * Art. 82: no personal data, no donor's name without consent).
 *
 * A statement shows a directed gift's student by a masked name and each
 * payment from the gift; a pooled gift, the fund's runs. The disclosure
 * has only counts and sums: income by channel (anonymous gifts counted),
 * voids, aid approved and paid, cash at both ends, students by school
 * stage - never a name, an id of a person or a client, or an amount of one
 * student. */
#include <string.h>

#include "domain/certificate.h"
#include "domain/funds.h"
#include "domain/mask.h"
#include "domain/timefmt.h"
#include "service/funds.h"
#include "store/fund_store.h"
#include "store/store.h"

/* The most gifts a statement lists, and payments or runs per gift. */
#define STATEMENT_MAX_GIFTS 500
#define STATEMENT_MAX_ROWS 20

/* Where gift d went. */
static enum err gift_trail(struct ctx *x, const struct rec *d, struct statement_gift *g)
{
	struct rec f;
	enum err e = store_get(x->c, &fund_entity, rec_int(d, DONATION_FUND_ID, 0), NULL, &f, x->a);
	if (e)
		return e;
	*g = (struct statement_gift){.donation_id = d->id,
				     .fund_id = f.id,
				     .amount_fen = rec_int(d, DONATION_AMOUNT_FEN, 0),
				     .fund_name = rec_text(&f, FUND_NAME),
				     .received_on = rec_text(d, DONATION_RECEIVED_ON),
				     .channel = rec_text(d, DONATION_CHANNEL),
				     .status = rec_text(d, DONATION_STATUS),
				     .receipt_no = rec_text(d, DONATION_RECEIPT_NO)};
	if (rec_has(d, DONATION_BENEFICIARY_CLIENT_ID)) {
		struct rec cl, p;
		if ((e = store_get(x->c, &client_entity, rec_int(d, DONATION_BENEFICIARY_CLIENT_ID, 0), NULL, &cl, x->a)) ||
		    (e = store_get(x->c, &person_entity, rec_int(&cl, CLIENT_PERSON_ID, 0), NULL, &p, x->a)))
			return e;
		const char *name = rec_text(&p, PERSON_NAME);
		size_t n = strlen(name ? name : "") + 8;
		char *masked = arena_alloc(x->a, n);
		mask_name(name ? name : "", masked, n);
		g->student = masked;
		return store_gift_payments(x->c, d->id, STATEMENT_MAX_ROWS, &g->payments, &g->npayments, x->a);
	}
	if ((e = store_fund_runs(x->c, f.id, STATEMENT_MAX_ROWS, &g->runs, &g->nruns, x->a)))
		return e;
	for (int i = 0; i < g->nruns; i++)
		if (strcmp(g->runs[i].status, "proposed") != 0)
			g->fund_spent_fen += g->runs[i].total_fen;
	return ERR_OK;
}

enum err svc_donor_statement(struct ctx *x, const char *code, struct statement_gift **gifts, int *n,
			     struct errinfo *ei)
{
	static const struct scope all = {.all = 1};
	struct rec *rows;
	enum err e;
	*n = 0;
	*gifts = NULL;
	if (code) {
		char canon[CERT_CODE_LEN + 1];
		int64_t id;
		rows = arena_alloc(x->a, sizeof *rows);
		if (cert_code_parse(code, canon) || (e = store_donation_by_statement(x->c, canon, &id)) == ERR_NOT_FOUND)
			return err_set(ei, ERR_NOT_FOUND, "code", "no statement has this code");
		if (e || (e = store_get(x->c, &donation_entity, id, NULL, rows, x->a)))
			return err_set(ei, e, NULL, NULL);
		*n = 1;
	} else {
		if (!x->who || !x->who->person_id) /* gifts name a donor's person: none of this account's */
			return ERR_OK;
		struct val f[ENTITY_MAX_FILTERS] = {{0}};
		entity_filter_int(&donation_entity, f, "donor_person_id", x->who->person_id);
		rows = arena_alloc(x->a, sizeof *rows * STATEMENT_MAX_GIFTS);
		if ((e = store_list(x->c, &donation_entity, &all, 0, STATEMENT_MAX_GIFTS, f, rows, n, x->a)))
			return err_set(ei, e, NULL, NULL);
	}
	*gifts = arena_alloc(x->a, sizeof **gifts * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++)
		if ((e = gift_trail(x, &rows[i], &(*gifts)[i])))
			return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

/* One fund's quarter [d->from, d->to). */
static enum err disclose(struct ctx *x, const struct rec *f, struct disclosure *d)
{
	struct rec o;
	enum err e = store_get(x->c, &org_entity, rec_int(f, FUND_ORG_ID, 0), NULL, &o, x->a);
	if (e)
		return e;
	d->fund_id = f->id;
	d->fund_name = rec_text(f, FUND_NAME);
	d->org_name = rec_text(&o, ORG_NAME);
	d->purpose = rec_text(f, FUND_PURPOSE);
	struct kind_account_total *t;
	int n;
	if ((e = store_fund_cash_before(x->c, f->id, d->from, &d->opening_cash_fen)) ||
	    (e = store_fund_cash_before(x->c, f->id, d->to, &d->closing_cash_fen)) ||
	    (e = store_fund_period(x->c, f->id, d->from, d->to, &t, &n, x->a)) ||
	    (e = store_fund_gifts_by_channel(x->c, f->id, d->from, d->to, &d->channels, &d->nchannels, x->a)) ||
	    (e = store_fund_aided_by_stage(x->c, f->id, d->from, d->to, &d->stages, &d->nstages, x->a)))
		return e;
	for (int i = 0; i < n; i++) {
		int acc = fund_account_parse(t[i].account);
		int net = acc == ACC_RESTRICTED || acc == ACC_UNRESTRICTED;
		if (strcmp(t[i].kind, "donation") == 0 && net)
			d->income_fen += t[i].credit_fen;
		if (strcmp(t[i].kind, "donation") == 0 && acc == ACC_GOODS)
			d->in_kind_fen += t[i].debit_fen;
		if (strcmp(t[i].kind, "donation_void") == 0 && net)
			d->voided_fen += t[i].debit_fen;
		if (strcmp(t[i].kind, "aid_approval") == 0 && acc == ACC_EXPENSES)
			d->approved_fen += t[i].debit_fen;
		if (strcmp(t[i].kind, "aid_payment") == 0 && acc == ACC_CASH)
			d->paid_fen += t[i].credit_fen;
	}
	for (int i = 0; i < d->nstages; i++)
		d->students += d->stages[i].students;
	return ERR_OK;
}

enum err svc_disclosures(struct ctx *x, int64_t fund_id, const char *quarter, struct disclosure **out, int *n,
			 struct errinfo *ei)
{
	int y, q;
	if (!quarter)
		return err_set(ei, ERR_REQUIRED, "quarter", "quarter is required, e.g. 2026Q4");
	if (quarter_parse(quarter, &y, &q))
		return err_set(ei, ERR_INVALID, "quarter", "quarter is a year and a quarter, e.g. 2026Q4");
	int64_t from = civil_start(y, (unsigned)(3 * q - 2), 1), to = q == 4 ? civil_start(y + 1, 1, 1)
									    : civil_start(y, (unsigned)(3 * q + 1), 1);
	if (from > x->now)
		return err_setf(ei, ERR_INVALID, "quarter", "%s has not begun", quarter);
	static const struct scope all = {.all = 1};
	struct rec *funds = arena_alloc(x->a, sizeof *funds * DISCLOSURE_MAX_FUNDS);
	enum err e;
	*n = 0;
	if (fund_id) {
		if ((e = store_get(x->c, &fund_entity, fund_id, NULL, funds, x->a)) == ERR_NOT_FOUND)
			return err_setf(ei, ERR_NOT_FOUND, "fund_id", "no fund with id %lld", (long long)fund_id);
		*n = 1;
	} else {
		struct val f[ENTITY_MAX_FILTERS] = {{0}};
		e = store_list(x->c, &fund_entity, &all, 0, DISCLOSURE_MAX_FUNDS, f, funds, n, x->a);
	}
	if (e)
		return err_set(ei, e, NULL, NULL);
	*out = arena_alloc(x->a, sizeof **out * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++) {
		(*out)[i] = (struct disclosure){.quarter = quarter, .from = from, .to = to};
		if ((e = disclose(x, &funds[i], &(*out)[i])))
			return err_set(ei, e, NULL, NULL);
	}
	return ERR_OK;
}
