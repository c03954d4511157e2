/* funds.c - funds, donations and their journal; see funds.h.
 *
 * Every movement of money is one journal entry written by fund_post() in the
 * transaction of the change that caused it, and every entry that moves
 * cash moves the fund's kept balance in the same transaction
 * (store_fund_cash_add: a conditional update, so the balance never goes
 * below zero and two writers of one fund queue on its row). */
#include "service/funds.h"

#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "domain/certificate.h"
#include "domain/funds.h"
#include "domain/money.h"
#include "domain/timefmt.h"
#include "store/fund_store.h"
#include "store/store.h"

/* ---- the journal ---- */

/* What an entry moving `amount` from `credit` to `debit` does to the
 * money free to spend (cash less payables). */
static int64_t free_delta(enum fund_account debit, enum fund_account credit, int64_t amount)
{
	int64_t d = 0;
	if (debit == ACC_CASH || debit == ACC_PAYABLES)
		d += amount;
	if (credit == ACC_CASH || credit == ACC_PAYABLES)
		d -= amount;
	return d;
}

enum err fund_post(struct ctx *x, int64_t fund_id, const char *kind, const char *memo, const char *ref_entity,
		   int64_t ref_id, int64_t reverses_id, enum fund_account debit, enum fund_account credit,
		   int64_t amount, struct errinfo *ei)
{
	struct journal_line lines[2] = {{fund_account_name(debit), amount, 0}, {fund_account_name(credit), 0, amount}};
	struct journal_entry je = {.fund_id = fund_id,
				   .kind = kind,
				   .memo = memo,
				   .ref_entity = ref_entity,
				   .ref_id = ref_id,
				   .reverses_id = reverses_id,
				   .created_by_user_id = x->who ? x->who->user_id : 0,
				   .created_at = x->now,
				   .lines = lines,
				   .nlines = 2};
	enum err e = store_journal_post(x->c, &je, ei);
	if (e)
		return e;
	int64_t delta = free_delta(debit, credit, amount);
	if (delta == 0)
		return ERR_OK;
	e = store_fund_cash_add(x->c, fund_id, delta, NULL);
	if (e == ERR_INSUFFICIENT)
		return err_setf(ei, e, "amount_fen", "the fund holds less than %lld fen", (long long)-delta);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* ---- funds ---- */

/* The user of field uid by username and by the name of the user's person
 * (issue 18: pages show people, not account numbers), into the two
 * virtual fields; left out of the audit's before/after. */
static void user_names(struct ctx *x, struct rec *r, int uid, int username_key, int name_key, int mask_all)
{
	const char *username = NULL, *name = NULL;
	int64_t id = rec_int(r, uid, 0);
	if (!mask_all && id && store_user_label(x->c, id, &username, &name, x->a) != ERR_OK)
		username = name = NULL;
	rec_set_text(r, username_key, username);
	rec_set_text(r, name_key, name);
}

static void fund_present(struct ctx *x, struct rec *r, int mask_all)
{
	user_names(x, r, FUND_MANAGER_USER_ID, FUND_MANAGER_USERNAME, FUND_MANAGER_NAME, mask_all);
}

static const int standards[][2] = {
	{FUND_STANDARD_PRIMARY_FEN, AID_STANDARD_PRIMARY_FEN},
	{FUND_STANDARD_JUNIOR_FEN, AID_STANDARD_JUNIOR_FEN},
	{FUND_STANDARD_SENIOR_FEN, AID_STANDARD_SENIOR_FEN},
};

static enum err fund_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	const char *opath;
	enum err e = org_paths(x, rec_int(nw, FUND_ORG_ID, 0), "org_id", &opath, NULL, ei);
	if (e)
		return e;
	if (!access_org(x->who, RB(R_ORG_ADMIN), opath))
		return err_set(ei, ERR_FORBIDDEN, "org_id", "only the org's admins keep its funds");
	int staff;
	int64_t manager = rec_int(nw, FUND_MANAGER_USER_ID, 0);
	if ((e = store_user_staff_in(x->c, manager, opath, &staff)))
		return err_set(ei, e, NULL, NULL);
	if (!staff)
		return err_setf(ei, ERR_INVALID, "manager_user_id",
				"user %lld holds no staff role in the fund's org", (long long)manager);
	return ERR_OK;
}

static enum err fund_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	for (size_t i = 0; i < sizeof standards / sizeof *standards; i++) {
		if (rec_has(nw, standards[i][0]))
			continue;
		if (old)
			return err_setf(ei, ERR_REQUIRED, nw->e->fields[rec_idx(nw, standards[i][0])].name,
					"a semester standard cannot be removed, only changed");
		rec_set_int(nw, standards[i][0], standards[i][1]);
	}
	if (!old) {
		rec_set_int(nw, FUND_BALANCE_FEN, 0);
		rec_set_int(nw, FUND_CREATED_BY_USER_ID, x->who ? x->who->user_id : 0);
	}
	return ERR_OK;
}

const struct resource res_funds = {
	.e = &fund_entity,
	.authorize = fund_authorize,
	.prepare = fund_prepare,
	.present = fund_present,
	.gate_roles = ROLES_ORG_STAFF | RB(R_REGIONAL_ADMIN) | RB(R_DONOR),
};

/* ---- donations ---- */

static enum err donation_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec f;
	enum err e = store_get(x->c, &fund_entity, rec_int(nw, DONATION_FUND_ID, 0), NULL, &f, x->a);
	if (e)
		return err_set(ei, e, "fund_id", NULL);
	rec_set_int(nw, DONATION_ORG_ID, rec_int(&f, FUND_ORG_ID, 0));
	return record_staff(x, rec_int(&f, FUND_ORG_ID, 0), ei);
}

/* 慈善法 Art. 40: a directed gift (定向配对) goes to one aided student of the
 * fund's org subtree, from a student-aid or directed fund, with the donor's
 * declaration that the student is not an interested party; a relation
 * recorded between donor and student, directly or through the student's
 * guardian, family or household, refuses it naming the relation. */
static enum err directed_check(struct ctx *x, const struct rec *nw, struct errinfo *ei)
{
	struct rec f, cl;
	enum err e;
	if ((e = store_get(x->c, &fund_entity, rec_int(nw, DONATION_FUND_ID, 0), NULL, &f, x->a)) ||
	    (e = store_get(x->c, &client_entity, rec_int(nw, DONATION_BENEFICIARY_CLIENT_ID, 0), NULL, &cl, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (strcmp(rec_text(&f, FUND_PURPOSE), "pooled") == 0)
		return err_set(ei, ERR_INVALID, "beneficiary_client_id",
			       "a pooled fund's gifts are not directed (不定向): give them to a directed or student-aid fund");
	if (strcmp(rec_text(&cl, CLIENT_CATEGORY), "student_aid") != 0 || !rec_has(&cl, CLIENT_SCHOOL_STAGE))
		return err_setf(ei, ERR_INVALID, "beneficiary_client_id",
				"client %lld is not an aided student (category student_aid with a school_stage)",
				(long long)cl.id);
	if (strcmp(rec_text(&cl, CLIENT_CASE_STAGE), "closure") == 0)
		return err_setf(ei, ERR_INVALID, "beneficiary_client_id", "client %lld's case is closed", (long long)cl.id);
	const char *fpath, *cpath;
	if ((e = org_paths(x, rec_int(&f, FUND_ORG_ID, 0), "fund_id", &fpath, NULL, ei)) ||
	    (e = org_paths(x, rec_int(&cl, CLIENT_ORG_ID, 0), "beneficiary_client_id", &cpath, NULL, ei)))
		return e;
	if (strncmp(cpath, fpath, strlen(fpath)) != 0)
		return err_set(ei, ERR_INVALID, "beneficiary_client_id",
			       "the student is not a client of the fund's org or an org below it");
	if (!rec_int(nw, DONATION_NO_INTEREST_DECLARED, 0))
		return err_set(ei, ERR_REQUIRED, "no_interest_declared",
			       "a directed gift needs the donor's declaration that the student is not an interested party "
			       "(慈善法第四十条)");
	int64_t donor = rec_int(nw, DONATION_DONOR_PERSON_ID, 0), student = rec_int(&cl, CLIENT_PERSON_ID, 0), via;
	const char *k1, *k2;
	if (!donor)
		return ERR_OK;
	if (donor == student)
		return err_set(ei, ERR_RULE, "beneficiary_client_id", "the donor cannot be the beneficiary (慈善法第四十条)");
	e = store_relation_between(x->c, student, donor, &k1, &k2, &via, x->a);
	if (e == ERR_NOT_FOUND)
		return ERR_OK;
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (!via)
		return err_setf(ei, ERR_RULE, "beneficiary_client_id",
				"the donor and the student are related (%s, %s): a donor may not name an interested party "
				"as beneficiary (慈善法第四十条)",
				k1, relation_kind_zh(k1));
	return err_setf(ei, ERR_RULE, "beneficiary_client_id",
			"the donor is related (%s, %s) to person %lld, the student's %s (%s): a donor may not name an "
			"interested party as beneficiary, directly or indirectly (慈善法第四十条)",
			k2, relation_kind_zh(k2), (long long)via, relation_kind_zh(k1), k1);
}

static enum err donation_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct donation_facts d = {
		.channel = rec_text(nw, DONATION_CHANNEL),
		.anonymous = rec_int(nw, DONATION_ANONYMOUS, 0) != 0,
		.has_donor_name = rec_has(nw, DONATION_DONOR_NAME),
		.has_platform = rec_has(nw, DONATION_PLATFORM),
		.has_platform_ref = rec_has(nw, DONATION_PLATFORM_REF),
		.has_bank_ref = rec_has(nw, DONATION_BANK_REF),
		.has_item = rec_has(nw, DONATION_ITEM_DESCRIPTION),
		.has_valued_by = rec_has(nw, DONATION_VALUED_BY),
		.has_valuation_basis = rec_has(nw, DONATION_VALUATION_BASIS),
	};
	const char *field, *message;
	if (donation_rule_broken(&d, &field, &message))
		return err_set(ei, ERR_INVALID, field, message);
	const char *on = rec_text(nw, DONATION_RECEIVED_ON);
	char today[32];
	int t = today_ymd(x->now);
	snprintf(today, sizeof today, "%04d-%02d-%02d", t / 10000, t / 100 % 100, t % 100);
	if (strcmp(on, today) > 0)
		return err_setf(ei, ERR_INVALID, "received_on", "received_on %s is after today (%s)", on, today);
	if (!rec_has(nw, DONATION_DONOR_KIND))
		rec_set_text(nw, DONATION_DONOR_KIND, "person");
	if (rec_has(nw, DONATION_BENEFICIARY_CLIENT_ID)) {
		enum err e = directed_check(x, nw, ei);
		if (e)
			return e;
	}
	rec_set_int(nw, DONATION_NO_INTEREST_DECLARED, rec_int(nw, DONATION_NO_INTEREST_DECLARED, 0) != 0);
	rec_set_int(nw, DONATION_ANONYMOUS, d.anonymous);
	int declined = rec_int(nw, DONATION_RECEIPT_DECLINED, 0) != 0;
	rec_set_int(nw, DONATION_RECEIPT_DECLINED, declined);
	rec_set_text(nw, DONATION_STATUS, "recorded");
	rec_set_null(nw, DONATION_VOID_REASON);
	rec_set_null(nw, DONATION_VOIDED_AT);
	rec_set_int(nw, DONATION_RECORDED_BY_USER_ID, x->who ? x->who->user_id : 0);
	/* Art. 42: the code a donor without an account reads the statement by */
	unsigned char raw[CERT_CODE_BYTES];
	char code[CERT_CODE_LEN + 1];
	crypto_random_bytes(raw, sizeof raw);
	cert_code_format(raw, code);
	rec_set_text(nw, DONATION_STATEMENT_CODE, arena_strdup(x->a, code));
	/* Art. 38: a receipt unless the donor is anonymous or declines one;
	 * the counter moves in this transaction, so numbers have no gaps */
	if (d.anonymous || declined) {
		rec_set_null(nw, DONATION_RECEIPT_NO);
		return ERR_OK;
	}
	int year = t / 10000;
	int64_t seq;
	const char *counter =
		arena_printf(x->a, "receipt:%lld:%d", (long long)rec_int(nw, DONATION_ORG_ID, 0), year);
	enum err e = store_counter_next(x->c, counter, &seq);
	if (e)
		return err_set(ei, e, NULL, NULL);
	char no[DONATION_RECEIPT_NO_MAX];
	rec_set_text(nw, DONATION_RECEIPT_NO, arena_strdup(x->a, donation_receipt_no(year, seq, no, sizeof no)));
	return ERR_OK;
}

/* The asset a gift raises and the net assets it belongs to. */
static enum err donation_accounts(struct ctx *x, const struct rec *d, enum fund_account *asset,
				  enum fund_account *net, struct errinfo *ei)
{
	struct rec f;
	enum err e = store_get(x->c, &fund_entity, rec_int(d, DONATION_FUND_ID, 0), NULL, &f, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	*asset = strcmp(rec_text(d, DONATION_CHANNEL), "in_kind") == 0 ? ACC_GOODS : ACC_CASH;
	*net = fund_gift_account(rec_text(&f, FUND_PURPOSE));
	return ERR_OK;
}

static enum err donation_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	enum fund_account asset, net;
	enum err e = donation_accounts(x, nw, &asset, &net, ei);
	if (e)
		return e;
	const char *memo = arena_printf(x->a, "捐赠 #%lld（%s）", (long long)nw->id,
					donation_channel_zh(rec_text(nw, DONATION_CHANNEL)));
	return fund_post(x, rec_int(nw, DONATION_FUND_ID, 0), "donation", memo, "donations", nw->id, 0, asset, net,
		    rec_int(nw, DONATION_AMOUNT_FEN, 0), ei);
}

/* Anonymous donors are 爱心人士 to anyone but the org that keeps the record,
 * platform admins and the donor; the audit keeps the name. */
static void donation_present(struct ctx *x, struct rec *r, int mask_all)
{
	user_names(x, r, DONATION_RECORDED_BY_USER_ID, DONATION_RECORDED_BY_USERNAME, DONATION_RECORDED_BY_NAME, mask_all);
	if (mask_all || !rec_int(r, DONATION_ANONYMOUS, 0) || access_platform(x->who) || r->vis_org || r->vis_self)
		return;
	if (rec_has(r, DONATION_DONOR_NAME))
		rec_set_text(r, DONATION_DONOR_NAME, DONOR_ANONYMOUS_ZH);
}

const struct resource res_donations = {
	.e = &donation_entity,
	.authorize = donation_authorize,
	.prepare = donation_prepare,
	.after = donation_after,
	.present = donation_present,
	.no_update = 1,
	.gate_roles = ROLES_ORG_STAFF | RB(R_REGIONAL_ADMIN) | RB(R_DONOR),
};

/* ---- relations between people (the Art. 40 check reads them) ---- */

/* Staff over the subject person (a person of their org, or a client of
 * it) record its relations; platform admins too. */
static enum err relation_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	if (access_platform(x->who))
		return ERR_OK;
	int64_t of = rec_int(nw, PERSON_RELATION_OF_PERSON_ID, 0);
	struct rec p;
	if (store_get(x->c, &person_entity, of, &x->who->scope, &p, x->a) == ERR_OK && p.vis_org)
		return ERR_OK;
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	entity_filter_int(&client_entity, f, "person_id", of);
	struct rec cl[8];
	int n = 0;
	enum err e = store_list(x->c, &client_entity, &x->who->scope, 0, 8, f, cl, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	for (int i = 0; i < n; i++)
		if (cl[i].vis_org)
			return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "id", "only staff over the person (or the client case) record its relations");
}

static enum err relation_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	if (rec_int(nw, PERSON_RELATION_PERSON_ID, 0) == rec_int(nw, PERSON_RELATION_OF_PERSON_ID, 0))
		return err_set(ei, ERR_INVALID, "person_id", "a person is not related to themself");
	rec_set_int(nw, PERSON_RELATION_RECORDED_BY_USER_ID, x->who ? x->who->user_id : 0);
	return ERR_OK;
}

const struct resource res_person_relations = {
	.e = &person_relation_entity,
	.authorize = relation_authorize,
	.prepare = relation_prepare,
	.no_update = 1,
	.gate_roles = ROLES_ORG_STAFF | RB(R_REGIONAL_ADMIN),
};

/* The donation already recorded under this key answers a retry of the same
 * request; another request under the key is a conflict. */
static enum err replay(struct ctx *x, int64_t id, const struct rec *in, struct rec *out, struct errinfo *ei)
{
	enum err e = svc_get(x, &res_donations, id, out, ei);
	if (e)
		return e;
	static const int same[] = {DONATION_FUND_ID, DONATION_AMOUNT_FEN};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		if (rec_int(in, same[i], 0) != rec_int(out, same[i], 0))
			return err_setf(ei, ERR_CONFLICT, "Idempotency-Key",
					"the key was used for donation %lld with another fund or amount", (long long)id);
	if (strcmp(rec_text(in, DONATION_CHANNEL), rec_text(out, DONATION_CHANNEL)) != 0)
		return err_setf(ei, ERR_CONFLICT, "Idempotency-Key",
				"the key was used for donation %lld through another channel", (long long)id);
	return ERR_OK;
}

enum err svc_donation_create(struct ctx *x, struct rec *in, const char *idem, struct rec *out, int *replayed,
			     struct errinfo *ei)
{
	*replayed = 0;
	int64_t id;
	enum err e;
	if (idem && x->who) {
		if ((e = store_donation_by_idem(x->c, x->who->user_id, idem, &id)) == ERR_OK) {
			*replayed = 1;
			return replay(x, id, in, out, ei);
		}
		if (e != ERR_NOT_FOUND)
			return err_set(ei, e, NULL, NULL);
		rec_set_text(in, DONATION_IDEM_KEY, idem);
	}
	e = svc_create(x, &res_donations, in, out, ei);
	/* the same key sent twice at once: the other request won the insert */
	if (e == ERR_DUPLICATE && idem && x->who && strcmp(ei->field, "idem_key") == 0 &&
	    store_donation_by_idem(x->c, x->who->user_id, idem, &id) == ERR_OK) {
		*replayed = 1;
		return replay(x, id, in, out, ei);
	}
	return e;
}

struct void_args {
	int64_t id;
	const char *reason;
};

static enum err do_void(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct void_args *a = arg;
	struct rec d, f;
	enum err e = svc_load_for_write(x, &donation_entity, a->id, &d, ei);
	if (e)
		return e;
	const char *opath;
	if ((e = org_paths(x, rec_int(&d, DONATION_ORG_ID, 0), "org_id", &opath, NULL, ei)))
		return e;
	if (!access_org(x->who, RB(R_ORG_ADMIN), opath))
		return err_set(ei, ERR_FORBIDDEN, "id", "only the org's admins void a donation");
	if (strcmp(rec_text(&d, DONATION_STATUS), "voided") == 0)
		return err_set(ei, ERR_CONFLICT, "status", "the donation is already voided");
	int64_t planned;
	if ((e = store_donation_allocated(x->c, d.id, &planned)))
		return err_set(ei, e, NULL, NULL);
	if (planned)
		return err_setf(ei, ERR_CONFLICT, "id",
				"%lld fen of this directed gift are planned in a semester run: it can no longer be voided",
				(long long)planned);
	if ((e = store_get(x->c, &fund_entity, rec_int(&d, DONATION_FUND_ID, 0), NULL, &f, x->a)))
		return err_set(ei, e, NULL, NULL);
	struct journal_entry je;
	if ((e = store_journal_for(x->c, "donation", "donations", d.id, &je, x->a)))
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INTERNAL : e, NULL, "the donation's posting is missing");
	enum fund_account asset, net;
	if ((e = donation_accounts(x, &d, &asset, &net, ei)))
		return e;
	const char *memo = arena_printf(x->a, "作废捐赠 #%lld：%s", (long long)d.id, a->reason);
	e = fund_post(x, f.id, "donation_void", memo, "donations", d.id, je.id, net, asset,
		 rec_int(&d, DONATION_AMOUNT_FEN, 0), ei);
	if (e == ERR_INSUFFICIENT)
		return err_setf(ei, e, "id", "the fund has already spent part of this gift: it holds %lld fen",
				(long long)rec_int(&f, FUND_BALANCE_FEN, 0));
	if (e)
		return e;
	struct rec nw = d;
	rec_set_text(&nw, DONATION_STATUS, "voided");
	rec_set_text(&nw, DONATION_VOID_REASON, a->reason);
	rec_set_int(&nw, DONATION_VOIDED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	return svc_audit(x, "void", &res_donations, d.id, &d, &nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

enum err svc_donation_void(struct ctx *x, int64_t id, const char *reason, struct rec *out, struct errinfo *ei)
{
	if (!reason || strspn(reason, " \t\r\n") == strlen(reason))
		return err_set(ei, ERR_REQUIRED, "reason", "reason is required (not only spaces)");
	if (strlen(reason) > 500)
		return err_set(ei, ERR_INVALID, "reason", "reason must be at most 500 bytes");
	struct void_args a = {id, reason};
	enum err e = svc_tx(x, do_void, &a, ei);
	return e ? e : svc_get(x, &res_donations, id, out, ei);
}

enum err svc_donation_receipt(struct ctx *x, int64_t id, struct donation_receipt *out, struct errinfo *ei)
{
	struct rec d, f, o, u;
	enum err e = svc_get(x, &res_donations, id, &d, ei);
	if (e)
		return e;
	if (!rec_has(&d, DONATION_RECEIPT_NO))
		return err_set(ei, ERR_NOT_FOUND, "receipt_no",
			       rec_int(&d, DONATION_ANONYMOUS, 0) ? "an anonymous gift has no receipt"
								 : "the donor declined a receipt");
	if ((e = store_get(x->c, &fund_entity, rec_int(&d, DONATION_FUND_ID, 0), NULL, &f, x->a)) ||
	    (e = store_get(x->c, &org_entity, rec_int(&d, DONATION_ORG_ID, 0), NULL, &o, x->a)))
		return err_set(ei, e, NULL, NULL);
	int64_t amount = rec_int(&d, DONATION_AMOUNT_FEN, 0);
	char *words = arena_alloc(x->a, MONEY_WORDS_MAX), *figures = arena_alloc(x->a, MONEY_FIGURES_MAX);
	*out = (struct donation_receipt){
		.receipt_no = rec_text(&d, DONATION_RECEIPT_NO),
		.org_name = rec_text(&o, ORG_NAME),
		.fund_name = rec_text(&f, FUND_NAME),
		.donor_name = rec_text(&d, DONATION_DONOR_NAME),
		.purpose = rec_has(&d, DONATION_PURPOSE) ? rec_text(&d, DONATION_PURPOSE) : rec_text(&f, FUND_NAME),
		.received_on = rec_text(&d, DONATION_RECEIVED_ON),
		.channel = rec_text(&d, DONATION_CHANNEL),
		.status = rec_text(&d, DONATION_STATUS),
		.amount_words = money_words_zh(amount, words, MONEY_WORDS_MAX),
		.amount_figures = money_figures(amount, figures, MONEY_FIGURES_MAX),
		.donation_id = d.id,
		.amount_fen = amount,
	};
	int64_t by = rec_int(&d, DONATION_RECORDED_BY_USER_ID, 0);
	if (by && store_get(x->c, &user_entity, by, NULL, &u, x->a) == ERR_OK)
		out->recorded_by = rec_text(&u, USER_USERNAME);
	return ERR_OK;
}

/* ---- reading the journal ---- */

/* The fund, if the caller may read its books: staff and regional admins
 * over its org, its manager, platform admins (a donor reads the fund, not
 * its books: the donor statement says where the gift went). */
static enum err books_open(struct ctx *x, int64_t fund_id, struct rec *f, struct errinfo *ei)
{
	enum err e = svc_load_visible(x, &fund_entity, fund_id, f, ei);
	if (e)
		return e;
	if (access_platform(x->who) || f->vis_org || f->vis_region ||
	    rec_int(f, FUND_MANAGER_USER_ID, 0) == x->who->user_id)
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "id", "a fund's books are for its org's staff, its manager and admins");
}

enum err svc_fund_ledger(struct ctx *x, int64_t fund_id, int64_t after, int limit, struct journal_entry **rows,
			 int *n, struct errinfo *ei)
{
	struct rec f;
	enum err e = books_open(x, fund_id, &f, ei);
	if (e)
		return e;
	e = store_journal_page(x->c, fund_id, after, limit, rows, n, x->a);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

enum err svc_fund_trial(struct ctx *x, int64_t fund_id, struct trial_balance *out, struct errinfo *ei)
{
	struct rec f;
	enum err e = books_open(x, fund_id, &f, ei);
	if (e)
		return e;
	struct account_total *t;
	int n;
	if ((e = store_trial_balance(x->c, fund_id, &t, &n, x->a)))
		return err_set(ei, e, NULL, NULL);
	*out = (struct trial_balance){.fund_id = fund_id, .balance_fen = rec_int(&f, FUND_BALANCE_FEN, 0)};
	for (int i = 0; i < n && out->nrows < (int)(sizeof out->rows / sizeof *out->rows); i++) {
		int acc = fund_account_parse(t[i].account);
		struct trial_row *r = &out->rows[out->nrows++];
		*r = (struct trial_row){t[i].account, acc < 0 ? NULL : fund_account_zh(acc), t[i].debit_fen,
					t[i].credit_fen,
					acc < 0 ? 0 : fund_account_balance(acc, t[i].debit_fen, t[i].credit_fen)};
		out->debit_fen += t[i].debit_fen;
		out->credit_fen += t[i].credit_fen;
		if (acc == ACC_CASH)
			out->cash_fen = r->balance_fen;
		if (acc == ACC_PAYABLES)
			out->payables_fen = r->balance_fen;
	}
	out->balanced = out->debit_fen == out->credit_fen && out->cash_fen - out->payables_fen == out->balance_fen;
	return ERR_OK;
}

/* ---- check-ledger ---- */

#define CHECK_MAX 100

static void sayf(void (*say)(const char *, void *), void *arg, struct ledger_report *r, const char *line)
{
	r->problems++;
	say(line, arg);
}

enum err svc_ledger_check(struct ctx *x, void (*say)(const char *line, void *arg), void *arg,
			  struct ledger_report *out, struct errinfo *ei)
{
	*out = (struct ledger_report){0};
	enum err e = store_begin(x->c, 0);
	if (e)
		return err_set(ei, e, NULL, NULL);
	int64_t *ids;
	int n;
	struct account_total *t;
	if ((e = store_ledger_counts(x->c, &out->funds, &out->entries, &out->lines)) ||
	    (e = store_trial_balance(x->c, 0, &t, &n, x->a)))
		goto out;
	for (int i = 0; i < n; i++) {
		out->debit_fen += t[i].debit_fen;
		out->credit_fen += t[i].credit_fen;
		if (fund_account_parse(t[i].account) < 0)
			sayf(say, arg, out, arena_printf(x->a, "account %s is not in the chart of accounts", t[i].account));
	}
	if (out->debit_fen != out->credit_fen)
		sayf(say, arg, out,
		     arena_printf(x->a, "trial balance: debits %lld fen, credits %lld fen", (long long)out->debit_fen,
				  (long long)out->credit_fen));
	if ((e = store_ledger_unbalanced(x->c, CHECK_MAX, &ids, &n, x->a)))
		goto out;
	for (int i = 0; i < n; i++)
		sayf(say, arg, out, arena_printf(x->a, "journal entry %lld does not balance", (long long)ids[i]));
	if ((e = store_ledger_cash_drift(x->c, CHECK_MAX, &ids, &n, x->a)))
		goto out;
	for (int i = 0; i < n; i++)
		sayf(say, arg, out,
		     arena_printf(x->a, "fund %lld keeps a balance of %lld fen, its journal's cash is %lld fen",
				  (long long)ids[3 * i], (long long)ids[3 * i + 1], (long long)ids[3 * i + 2]));
	if ((e = store_ledger_donations_astray(x->c, CHECK_MAX, &ids, &n, x->a)))
		goto out;
	for (int i = 0; i < n; i++)
		sayf(say, arg, out,
		     arena_printf(x->a, "donation %lld is not posted exactly once (and reversed once if voided)",
				  (long long)ids[i]));
	if ((e = store_ledger_runs_astray(x->c, CHECK_MAX, &ids, &n, x->a)))
		goto out;
	for (int i = 0; i < n; i++)
		sayf(say, arg, out,
		     arena_printf(x->a, "semester run %lld: its entries do not match its status and total, or its items "
				  "do not add up", (long long)ids[i]));
out:
	store_rollback(x->c);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}
