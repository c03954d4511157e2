/* aid.c - student aid by semester (爱青助学, seed 004; issue 14): a run of a
 * student-aid fund proposes each aided student's payment at the semester
 * standard of their school stage, from the gifts directed to them first,
 * then from the pool (domain/funds.c, aid_plan); a second person approves
 * it (the expense and the payable enter the journal, and the money leaves
 * what the fund may spend, refused with 409 when it holds less); it is
 * paid with the bank's reference (the payable leaves the cash).
 *
 * Never twice: a student has one payee row per semester whatever the fund
 * (a unique index), so neither a second run nor another fund plans them
 * again. Never more than the fund holds: a proposal locks the fund's row
 * and counts what its other proposals plan and what directed gifts keep
 * aside; an approval moves the free money with the conditional update of
 * store_fund_cash_add, so two approvals racing cannot both spend it. Each
 * step is one transaction: a kill leaves the whole run or none of it. */
#include <stdio.h>
#include <string.h>

#include "domain/funds.h"
#include "service/funds.h"
#include "store/fund_store.h"
#include "store/store.h"

/* The most students one run pays, and directed gifts one run reads. */
#define AID_MAX_STUDENTS 5000
#define AID_MAX_GIFTS 20000

static int stage_index(const char *stage)
{
	return strcmp(stage, "primary") == 0 ? 0 : strcmp(stage, "junior") == 0 ? 1 : 2;
}

struct propose_args {
	int64_t fund_id, id;
	const char *semester;
};

static enum err do_propose(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct propose_args *a = arg;
	struct rec f;
	enum err e = svc_load_for_write(x, &fund_entity, a->fund_id, &f, ei);
	if (e || (e = record_staff(x, rec_int(&f, FUND_ORG_ID, 0), ei)))
		return e;
	if (strcmp(rec_text(&f, FUND_PURPOSE), "student_aid") != 0)
		return err_set(ei, ERR_INVALID, "fund_id", "semester runs belong to student-aid funds");
	/* one run per fund and semester: said before "nobody awaits it",
	 * which a run that planned everyone would also make true */
	static const struct scope all = {.all = 1};
	struct val flt[4] = {{.set = 1, .i = f.id}, {0}, {.set = 1, .s = a->semester}, {0}}; /* every filter of the entity */
	struct rec prior;
	int nprior = 0;
	if ((e = store_list(x->c, &semester_run_entity, &all, 0, 1, flt, &prior, &nprior, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (nprior)
		return err_setf(ei, ERR_DUPLICATE, "semester", "the fund's run for %s exists (id %lld)", a->semester,
				(long long)prior.id);
	const char *path;
	if ((e = org_paths(x, rec_int(&f, FUND_ORG_ID, 0), "fund_id", &path, NULL, ei)))
		return e;
	struct aid_student_row *rows;
	int64_t *g, proposed;
	int ns, ng;
	if ((e = store_aid_students(x->c, path, a->semester, AID_MAX_STUDENTS, &rows, &ns, x->a)) ||
	    (e = store_aid_gifts(x->c, f.id, AID_MAX_GIFTS, &g, &ng, x->a)) ||
	    (e = store_aid_proposed_total(x->c, f.id, &proposed)))
		return err_set(ei, e, NULL, NULL);
	if (ns == 0)
		return err_setf(ei, ERR_INVALID, "semester", "no aided student of the fund's org awaits %s", a->semester);
	struct aid_student *s = arena_alloc(x->a, sizeof *s * (size_t)ns);
	struct aid_gift *gifts = arena_alloc(x->a, sizeof *gifts * (size_t)(ng + 1));
	int64_t kept = 0; /* what directed gifts keep aside */
	for (int i = 0; i < ns; i++)
		s[i] = (struct aid_student){rows[i].client_id, stage_index(rows[i].school_stage)};
	for (int i = 0; i < ng; i++) {
		gifts[i] = (struct aid_gift){g[3 * i], g[3 * i + 1], g[3 * i + 2]};
		kept += g[3 * i + 2];
	}
	int64_t pool = rec_int(&f, FUND_BALANCE_FEN, 0) - kept - proposed;
	const int64_t standard[3] = {rec_int(&f, FUND_STANDARD_PRIMARY_FEN, 0), rec_int(&f, FUND_STANDARD_JUNIOR_FEN, 0),
				     rec_int(&f, FUND_STANDARD_SENIOR_FEN, 0)};
	struct aid_item *items = arena_alloc(x->a, sizeof *items * (size_t)(ns + ng));
	int unfunded;
	int64_t total;
	int n = aid_plan(s, ns, gifts, ng, standard, pool > 0 ? pool : 0, items, &unfunded, &total);
	if (n == 0)
		return err_setf(ei, ERR_INSUFFICIENT, "fund_id",
				"the fund cannot pay any of the %d students: %lld fen free after directed gifts and "
				"other proposals", ns, (long long)(pool > 0 ? pool : 0));
	struct rec r;
	rec_init(&r, &semester_run_entity);
	rec_set_int(&r, SEMESTER_RUN_FUND_ID, f.id);
	rec_set_int(&r, SEMESTER_RUN_ORG_ID, rec_int(&f, FUND_ORG_ID, 0));
	rec_set_text(&r, SEMESTER_RUN_SEMESTER, a->semester);
	rec_set_text(&r, SEMESTER_RUN_STATUS, "proposed");
	rec_set_int(&r, SEMESTER_RUN_TOTAL_FEN, total);
	rec_set_int(&r, SEMESTER_RUN_STUDENTS, ns - unfunded);
	rec_set_int(&r, SEMESTER_RUN_UNFUNDED, unfunded);
	rec_set_int(&r, SEMESTER_RUN_PROPOSED_BY_USER_ID, x->who ? x->who->user_id : 0);
	static const int unset[] = {SEMESTER_RUN_APPROVED_BY_USER_ID, SEMESTER_RUN_APPROVED_AT,
				    SEMESTER_RUN_PAID_BY_USER_ID, SEMESTER_RUN_PAID_AT, SEMESTER_RUN_BANK_REF};
	for (size_t i = 0; i < sizeof unset / sizeof *unset; i++)
		rec_set_null(&r, unset[i]);
	rec_set_int(&r, SEMESTER_RUN_CREATED_AT, x->now);
	if ((e = store_insert(x->c, &r, ei))) /* a run of this fund and semester exists: 409 semester */
		return e;
	int64_t *client = arena_alloc(x->a, sizeof *client * (size_t)n), *amount = arena_alloc(x->a, sizeof *amount * (size_t)n),
		*donation = arena_alloc(x->a, sizeof *donation * (size_t)n);
	for (int i = 0; i < n; i++) {
		client[i] = items[i].client_id;
		amount[i] = items[i].amount_fen;
		donation[i] = items[i].donation_id;
	}
	if ((e = store_run_items_add(x->c, r.id, a->semester, client, amount, donation, n, ei)))
		return e == ERR_DUPLICATE ? err_set(ei, e, "semester", "a student of the run is already planned for "
									 "this semester (by another run)")
					  : e;
	a->id = r.id;
	return svc_audit(x, "create", &res_semester_runs, r.id, NULL, &r) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									   : ERR_OK;
}

enum err svc_run_propose(struct ctx *x, int64_t fund_id, const char *semester, struct rec *out, struct errinfo *ei)
{
	if (!semester || !*semester)
		return err_set(ei, ERR_REQUIRED, "semester", "semester is required, e.g. 2026-2027-1");
	if (semester_check(semester))
		return err_set(ei, ERR_INVALID, "semester",
			       "semester is the school year and term, e.g. 2026-2027-1 (autumn) or 2026-2027-2 (spring)");
	struct propose_args a = {fund_id, 0, semester};
	enum err e = svc_tx(x, do_propose, &a, ei);
	return e ? e : svc_get(x, &res_semester_runs, a.id, out, ei);
}

/* The fund's org admins and its manager decide (and platform admins). */
static enum err run_decider(struct ctx *x, const struct rec *run, struct rec *fund, struct errinfo *ei)
{
	enum err e = store_get(x->c, &fund_entity, rec_int(run, SEMESTER_RUN_FUND_ID, 0), NULL, fund, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (access_platform(x->who) || rec_int(fund, FUND_MANAGER_USER_ID, 0) == x->who->user_id)
		return ERR_OK;
	const char *path;
	if ((e = org_paths(x, rec_int(fund, FUND_ORG_ID, 0), "fund_id", &path, NULL, ei)))
		return e;
	return access_org(x->who, RB(R_ORG_ADMIN), path)
		       ? ERR_OK
		       : err_set(ei, ERR_FORBIDDEN, "id", "the fund's manager or its org's admins approve and pay its runs");
}

struct decide_args {
	int64_t id;
	const char *bank_ref;	/* paying */
};

static enum err do_decide(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct decide_args *a = arg;
	struct rec r, f;
	enum err e = svc_load_for_write(x, &semester_run_entity, a->id, &r, ei);
	if (e || (e = run_decider(x, &r, &f, ei)))
		return e;
	const char *want = a->bank_ref ? "approved" : "proposed", *status = rec_text(&r, SEMESTER_RUN_STATUS);
	if (strcmp(status, want) != 0)
		return err_setf(ei, ERR_CONFLICT, "status", "the run is %s, not %s", status, want);
	int64_t me = x->who ? x->who->user_id : 0, total = rec_int(&r, SEMESTER_RUN_TOTAL_FEN, 0);
	if (!a->bank_ref && me && me == rec_int(&r, SEMESTER_RUN_PROPOSED_BY_USER_ID, 0))
		return err_set(ei, ERR_FORBIDDEN, "id", "a run is approved by someone other than who proposed it");
	const char *memo = arena_printf(x->a, "%s学期助学 %s（批次 #%lld）", a->bank_ref ? "支付" : "批准",
					rec_text(&r, SEMESTER_RUN_SEMESTER), (long long)r.id);
	e = a->bank_ref ? fund_post(x, f.id, "aid_payment", memo, "semester-runs", r.id, 0, ACC_PAYABLES, ACC_CASH,
				    total, ei)
			: fund_post(x, f.id, "aid_approval", memo, "semester-runs", r.id, 0, ACC_EXPENSES, ACC_PAYABLES,
				    total, ei);
	if (e == ERR_INSUFFICIENT)
		return err_setf(ei, e, "fund_id", "the fund can spend %lld fen, the run needs %lld",
				(long long)rec_int(&f, FUND_BALANCE_FEN, 0), (long long)total);
	if (e)
		return e;
	struct rec nw = r;
	rec_set_text(&nw, SEMESTER_RUN_STATUS, a->bank_ref ? "paid" : "approved");
	rec_set_int(&nw, a->bank_ref ? SEMESTER_RUN_PAID_BY_USER_ID : SEMESTER_RUN_APPROVED_BY_USER_ID, me);
	rec_set_int(&nw, a->bank_ref ? SEMESTER_RUN_PAID_AT : SEMESTER_RUN_APPROVED_AT, x->now);
	if (a->bank_ref)
		rec_set_text(&nw, SEMESTER_RUN_BANK_REF, a->bank_ref);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	return svc_audit(x, a->bank_ref ? "pay" : "approve", &res_semester_runs, r.id, &r, &nw)
		       ? err_set(ei, ERR_INTERNAL, NULL, NULL)
		       : ERR_OK;
}

enum err svc_run_decide(struct ctx *x, int64_t id, const char *bank_ref, int paying, struct rec *out,
			struct errinfo *ei)
{
	if (paying && (!bank_ref || !*bank_ref))
		return err_set(ei, ERR_REQUIRED, "bank_ref", "the bank's reference of the transfer is required");
	if (paying && strlen(bank_ref) > 100)
		return err_set(ei, ERR_INVALID, "bank_ref", "bank_ref must be at most 100 bytes");
	struct decide_args a = {id, paying ? bank_ref : NULL};
	enum err e = svc_tx(x, do_decide, &a, ei);
	return e ? e : svc_get(x, &res_semester_runs, id, out, ei);
}

/* items: the run's payments as JSON text. */
static enum err run_items(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	int64_t *q;
	int n;
	enum err e = store_run_items(x->c, r->id, AID_MAX_STUDENTS + AID_MAX_GIFTS, &q, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	/* an item is at most ITEM_MAX bytes: three 16-digit numbers and text */
	enum { ITEM_MAX = 128 };
	size_t cap = (size_t)n * ITEM_MAX + 3, len = 0;
	char *s = arena_alloc(x->a, cap);
	s[len++] = '[';
	for (int i = 0; i < n; i++) {
		char donation[24] = "null";
		if (q[4 * i + 2])
			snprintf(donation, sizeof donation, "%lld", (long long)q[4 * i + 2]);
		len += (size_t)snprintf(s + len, cap - len,
					"%s{\"client_id\":%lld,\"amount_fen\":%lld,\"source\":\"%s\",\"donation_id\":%s}",
					i ? "," : "", (long long)q[4 * i], (long long)q[4 * i + 1],
					q[4 * i + 2] ? "directed" : "pool", donation);
	}
	snprintf(s + len, cap - len, "]");
	rec_set_text(r, SEMESTER_RUN_ITEMS, s);
	return ERR_OK;
}

const struct resource res_semester_runs = {
	.e = &semester_run_entity,
	.no_create = 1,
	.no_update = 1,
	.derive = run_items,
	.gate_roles = ROLES_ORG_STAFF | RB(R_REGIONAL_ADMIN),
};
