/* funds.c - the pure rules of funds and donations; see funds.h. */
#include "domain/funds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *zh;
	int debit_normal;
} accounts[ACC__COUNT] = {
#define X(id, nm, z, debit) [ACC_##id] = {nm, z, debit},
	FUND_ACCOUNTS(X)
#undef X
};

const char *fund_account_name(enum fund_account a)
{
	return accounts[a].name;
}

const char *fund_account_zh(enum fund_account a)
{
	return accounts[a].zh;
}

int fund_account_debit_normal(enum fund_account a)
{
	return accounts[a].debit_normal;
}

int fund_account_parse(const char *name)
{
	for (int i = 0; name && i < ACC__COUNT; i++)
		if (strcmp(accounts[i].name, name) == 0)
			return i;
	return -1;
}

int64_t fund_account_balance(enum fund_account a, int64_t debit_fen, int64_t credit_fen)
{
	return accounts[a].debit_normal ? debit_fen - credit_fen : credit_fen - debit_fen;
}

enum fund_account fund_gift_account(const char *purpose)
{
	return purpose && strcmp(purpose, "pooled") == 0 ? ACC_UNRESTRICTED : ACC_RESTRICTED;
}

static int fail(const char **field, const char **message, const char *f, const char *m)
{
	*field = f;
	*message = m;
	return 1;
}

int donation_rule_broken(const struct donation_facts *d, const char **field, const char **message)
{
	int online = strcmp(d->channel, "online_platform") == 0;
	int in_kind = strcmp(d->channel, "in_kind") == 0;
	if (!d->anonymous && !d->has_donor_name)
		return fail(field, message, "donor_name",
			    "donor_name is required unless the donor is anonymous (an anonymous gift is still recorded)");
	if (online && !d->has_platform)
		return fail(field, message, "platform",
			    "an online gift names the designated fundraising platform that received it");
	if (online && !d->has_platform_ref)
		return fail(field, message, "platform_ref", "an online gift names the platform's transaction reference");
	if (!online && d->has_platform)
		return fail(field, message, "platform", "platform is only for channel online_platform");
	if (!online && d->has_platform_ref)
		return fail(field, message, "platform_ref", "platform_ref is only for channel online_platform");
	if (d->has_bank_ref && strcmp(d->channel, "bank_transfer") != 0)
		return fail(field, message, "bank_ref", "bank_ref is only for channel bank_transfer");
	if (in_kind && !d->has_item)
		return fail(field, message, "item_description", "a gift in kind says what was given");
	if (in_kind && !d->has_valued_by)
		return fail(field, message, "valued_by", "a gift in kind says who valued it");
	if (!in_kind && (d->has_item || d->has_valued_by || d->has_valuation_basis))
		return fail(field, message,
			    d->has_item	       ? "item_description"
			    : d->has_valued_by ? "valued_by"
					       : "valuation_basis",
			    "item_description, valued_by and valuation_basis are only for channel in_kind");
	return 0;
}

const char *donation_receipt_no(int year, int64_t seq, char *out, size_t n)
{
	if (seq < 1 || seq > 999999999 || year < 1000 || year > 9999)
		abort(); /* a broken invariant: the counter starts at 1 */
	snprintf(out, n, "%04d-%06lld", year, (long long)seq);
	return out;
}

/* The second name of the pair whose first is `name`, else `name`. */
static const char *zh_of(const char *const (*names)[2], size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(names[i][0], name) == 0)
			return names[i][1];
	return name;
}

const char *donation_channel_zh(const char *channel)
{
	static const char *const names[][2] = {
		{"cash", "现金"}, {"bank_transfer", "银行转账"}, {"online_platform", "网络募捐平台"}, {"in_kind", "实物"}};
	return zh_of(names, sizeof names / sizeof *names, channel);
}

const char *relation_kind_zh(const char *kind)
{
	static const char *const names[][2] = {
		{"guardian", "监护人"}, {"family", "家庭成员"}, {"household", "共同生活的人"}, {"employer", "雇主"}};
	return zh_of(names, sizeof names / sizeof *names, kind);
}

int semester_check(const char *s)
{
	if (!s || strlen(s) != 11 || s[4] != '-' || s[9] != '-' || (s[10] != '1' && s[10] != '2'))
		return -1;
	int y1 = 0, y2 = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9' || s[5 + i] < '0' || s[5 + i] > '9')
			return -1;
		y1 = y1 * 10 + (s[i] - '0');
		y2 = y2 * 10 + (s[5 + i] - '0');
	}
	return y1 >= 2000 && y1 <= 2098 && y2 == y1 + 1 ? 0 : -1;
}

int aid_plan(const struct aid_student *s, int ns, struct aid_gift *gifts, int ngifts, const int64_t standard[3],
	     int64_t pool_fen, struct aid_item *out, int *unfunded, int64_t *total_fen)
{
	int n = 0;
	*unfunded = 0;
	*total_fen = 0;
	for (int i = 0; i < ns; i++) {
		int64_t need = standard[s[i].stage];
		for (int g = 0; g < ngifts && need > 0; g++) {
			if (gifts[g].client_id != s[i].client_id || gifts[g].remaining_fen <= 0)
				continue;
			int64_t take = gifts[g].remaining_fen < need ? gifts[g].remaining_fen : need;
			gifts[g].remaining_fen -= take;
			need -= take;
			out[n++] = (struct aid_item){s[i].client_id, take, gifts[g].donation_id};
			*total_fen += take;
		}
		if (need > 0 && need <= pool_fen) {
			pool_fen -= need;
			out[n++] = (struct aid_item){s[i].client_id, need, 0};
			*total_fen += need;
			need = 0;
		}
		*unfunded += need > 0;
	}
	return n;
}

int quarter_parse(const char *s, int *year, int *q)
{
	if (!s || strlen(s) != 6 || s[4] != 'Q' || s[5] < '1' || s[5] > '4')
		return -1;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 2000)
		return -1;
	*year = y;
	*q = s[5] - '0';
	return 0;
}
