/* funds.h - the pure rules of funds and donations (issue 14): the accounts
 * every fund keeps in its double-entry journal, which of them a gift goes
 * to, the semester standards of student aid (seed 004), what each donation
 * channel must say (慈善法 Art. 27, 38) and the receipt number. */
#ifndef LD_DOMAIN_FUNDS_H
#define LD_DOMAIN_FUNDS_H

#include <stddef.h>
#include <stdint.h>

/* The chart of accounts, after 民间非营利组织会计制度: assets (cash and bank,
 * goods given in kind), a liability (payables: aid approved, not yet paid),
 * net assets restricted by the donor's purpose or not, and expenses. */
#define FUND_ACCOUNTS(X)                                         \
	X(CASH, "cash", "货币资金", 1)                           \
	X(GOODS, "goods", "实物资产", 1)                         \
	X(PAYABLES, "payables", "应付款项", 0)                   \
	X(RESTRICTED, "restricted_net_assets", "限定性净资产", 0) \
	X(UNRESTRICTED, "unrestricted_net_assets", "非限定性净资产", 0) \
	X(EXPENSES, "expenses", "业务活动成本", 1)

enum fund_account {
#define X(id, name, zh, debit) ACC_##id,
	FUND_ACCOUNTS(X)
#undef X
	ACC__COUNT
};

/* The account's API name, its Chinese name, and whether a debit raises it. */
const char *fund_account_name(enum fund_account a);
const char *fund_account_zh(enum fund_account a);
int fund_account_debit_normal(enum fund_account a);
/* The account of an API name, or -1. */
int fund_account_parse(const char *name);
/* A balance as the account shows it: debits less credits for an account a
 * debit raises, credits less debits otherwise. */
int64_t fund_account_balance(enum fund_account a, int64_t debit_fen, int64_t credit_fen);

/* The net assets a gift to a fund of this purpose raises: a pooled fund's
 * gifts are unrestricted (不定向), a directed or student-aid fund's are
 * restricted to its purpose (定向; 慈善法 Art. 56). */
enum fund_account fund_gift_account(const char *purpose);

/* Seed 004 (爱青助学): a semester's aid, primary and junior ¥500, senior
 * high ¥1000; a fund may set its own. */
#define AID_STANDARD_PRIMARY_FEN 50000
#define AID_STANDARD_JUNIOR_FEN 50000
#define AID_STANDARD_SENIOR_FEN 100000

/* A school year's semester as written in China, "2026-2027-1" (the
 * autumn term of the 2026-2027 school year) or "...-2" (spring): 0 when
 * well-formed (the second year follows the first, 2000-2098), else -1. */
int semester_check(const char *s);

/* A quarter as disclosures name it, "2026Q4": 0 with *year and *q (1-4),
 * else -1. */
int quarter_parse(const char *s, int *year, int *q);

/* A semester run's plan: each eligible student's payment, the semester
 * standard of their school stage (stage 0 primary, 1 junior, 2 senior),
 * from the directed gifts to them first (oldest gift first, each only up to
 * what remains of it), then from the pool (what the fund holds that no
 * gift directs), students in the order given. A student whose remaining
 * need the pool cannot meet in full gets nothing from the pool (a partial
 * standard is not paid) and counts as unfunded, keeping what directed
 * gifts cover. gifts[].remaining_fen is spent in place; out needs room for
 * ns + ngifts items. Returns the number of items. */
struct aid_student {
	int64_t client_id;
	int stage;
};
struct aid_gift {
	int64_t donation_id, client_id, remaining_fen;
};
struct aid_item {
	int64_t client_id, amount_fen, donation_id; /* donation_id 0: from the pool */
};
int aid_plan(const struct aid_student *s, int ns, struct aid_gift *gifts, int ngifts, const int64_t standard[3],
	     int64_t pool_fen, struct aid_item *out, int *unfunded, int64_t *total_fen);

/* What a donation says, for the channel's rules. */
struct donation_facts {
	const char *channel;	/* cash, bank_transfer, online_platform, in_kind */
	int anonymous;
	int has_donor_name, has_platform, has_platform_ref, has_bank_ref;
	int has_item, has_valued_by, has_valuation_basis;
};

/* The first rule the donation breaks: 0 when none, else 1 with *field and
 * *message set (static text). Online gifts name the designated platform
 * and its transaction (Art. 27: received there, only recorded here); a gift
 * in kind says what it is and who valued it; a named donor has a name
 * (anonymous gifts are still recorded, with who recorded them); fields of
 * another channel are refused rather than kept unread. */
int donation_rule_broken(const struct donation_facts *d, const char **field, const char **message);

/* A channel's Chinese name for memos and receipts (现金, 银行转账, 网络募捐平台,
 * 实物); the name itself when unknown. */
const char *donation_channel_zh(const char *channel);

/* A relation kind's Chinese name (监护人, 家庭成员, 共同生活的人, 雇主); the
 * name itself when unknown. */
const char *relation_kind_zh(const char *kind);

/* The receipt number (Art. 38): the org's sequence within the year,
 * "2026-000042"; out at least DONATION_RECEIPT_NO_MAX bytes. */
#define DONATION_RECEIPT_NO_MAX 24
const char *donation_receipt_no(int year, int64_t seq, char *out, size_t n);

/* How anonymous donors are shown to anyone but the org that keeps the
 * record: 爱心人士. */
#define DONOR_ANONYMOUS_ZH "爱心人士"

#endif
