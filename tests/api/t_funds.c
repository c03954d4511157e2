/* t_funds.c - funds, donations, receipts and the journal (issue 14): who
 * keeps a fund, what each donation channel must say, receipt numbers per
 * org in sequence, anonymous donors, retries under an Idempotency-Key
 * (also concurrent), voids by reversal, and the ledger's invariants after
 * 1,000 random operations, proved by `liandong check-ledger` (which must
 * also catch a balance or a line changed behind the server's back). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "care_world.h"

long long mk_fund(struct srv *s, const char *tok, long long org, const char *purpose, long long manager)
{
	return MK(s, tok, "/api/v1/funds",
		  fmt("{\"name\":\"基金%s\",\"org_id\":%lld,\"purpose\":\"%s\",\"manager_user_id\":%lld}", purpose, org,
		      purpose, manager));
}

static const char *cash_gift(long long fund, long long fen, const char *donor)
{
	return fmt("{\"fund_id\":%lld,\"amount_fen\":%lld,\"channel\":\"cash\",\"donor_name\":\"%s\","
		   "\"received_on\":\"2026-12-01\"}",
		   fund, fen, donor);
}

json_t *fund_of(struct srv *s, long long id)
{
	struct resp *r = http(s, "GET", fmt("/api/v1/funds/%lld", id), s->admin, NULL);
	return EXPECT_STATUS(r, 200) ? r->json : NULL;
}

long long balance_of(struct srv *s, long long id)
{
	json_t *f = fund_of(s, id);
	return f ? jint(f, "balance_fen") : -1;
}

/* The trial balance balances, and the fund's money free to spend (cash
 * less payables) is `cash`. */
void check_trial(struct srv *s, long long fund, long long cash)
{
	struct resp *t = http(s, "GET", fmt("/api/v1/funds/%lld/trial-balance", fund), s->admin, NULL);
	if (!EXPECT_STATUS(t, 200))
		return;
	CHECKM(json_is_true(jget(t->json, "balanced")), "fund %lld's trial balance: %s", fund, t->body);
	CHECK_INT(jint(t->json, "debit_fen"), jint(t->json, "credit_fen"));
	CHECK_INT(jint(t->json, "balance_fen"), cash);
	CHECK_INT(jint(t->json, "cash_fen") - jint(t->json, "payables_fen"), cash);
}

/* Org admins of the fund's org create and change it, with a manager who
 * holds a staff role there; others get 403; bad values 422 naming them. */
void t_funds_are_kept_by_their_org(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	struct resp *r = http(s, "POST", "/api/v1/funds", c.oa_a,
			      fmt("{\"name\":\"爱青助学\",\"org_id\":%lld,\"purpose\":\"student_aid\",\"manager_user_id\":%lld}",
				  c.A, c.uSWA));
	if (!EXPECT_STATUS(r, 201))
		return;
	long long f = jint(r->json, "id");
	CHECK_INT(jint(r->json, "standard_primary_fen"), 50000);
	CHECK_INT(jint(r->json, "standard_junior_fen"), 50000);
	CHECK_INT(jint(r->json, "standard_senior_fen"), 100000);
	CHECK_INT(jint(r->json, "balance_fen"), 0);
	const char *body = fmt("{\"name\":\"x\",\"org_id\":%lld,\"purpose\":\"pooled\",\"manager_user_id\":%lld}", c.A,
			       c.uSWA);
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.sw_a, body), 403, "forbidden", "org_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.oa_b, body), 403, "forbidden", "org_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.ra, body), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.oa_a,
			fmt("{\"name\":\"x\",\"org_id\":%lld,\"purpose\":\"pooled\",\"manager_user_id\":%lld}", c.A, c.uOB)),
		   422, "invalid_value", "manager_user_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.oa_a,
			fmt("{\"name\":\"x\",\"org_id\":%lld,\"purpose\":\"charity\",\"manager_user_id\":%lld}", c.A,
			    c.uSWA)),
		   422, "invalid_value", "purpose");
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.oa_a,
			fmt("{\"name\":\"x\",\"org_id\":%lld,\"purpose\":\"pooled\",\"manager_user_id\":%lld,"
			    "\"balance_fen\":100}", c.A, c.uSWA)),
		   422, "read_only", "balance_fen");
	EXPECT_ERR(http(s, "POST", "/api/v1/funds", c.oa_a,
			fmt("{\"name\":\"x\",\"org_id\":%lld,\"purpose\":\"pooled\",\"manager_user_id\":%lld,"
			    "\"standard_senior_fen\":-1}", c.A, c.uSWA)),
		   422, "invalid_value", "standard_senior_fen");
	CHECK_INT(COUNT(s, "/api/v1/funds"), 1);
	/* changes: a standard, never removed; purpose and org fixed */
	r = http(s, "PATCH", fmt("/api/v1/funds/%lld", f), c.oa_a, "{\"standard_senior_fen\":120000}");
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "standard_senior_fen"), 120000);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/funds/%lld", f), c.oa_a, "{\"standard_senior_fen\":null}"), 422,
		   "required", "standard_senior_fen");
	r = http(s, "PATCH", fmt("/api/v1/funds/%lld", f), c.oa_a, "{\"purpose\":\"pooled\"}");
	CHECKM(r->status == 422 && jstr(r->json, "error.field") && strcmp(jstr(r->json, "error.field"), "purpose") == 0,
	       "purpose changed: %ld %s", r->status, r->body);
	EXPECT_ERR(http(s, "PATCH", fmt("/api/v1/funds/%lld", f), c.sw_a, "{\"name\":\"改名\"}"), 403, "forbidden",
		   "org_id");
	/* reads: staff and the region's admin; another org's staff not */
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/funds/%lld", f), c.sw_a, NULL), 200);
	EXPECT_STATUS(http(s, "GET", fmt("/api/v1/funds/%lld", f), c.ra, NULL), 200);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/funds/%lld", f), c.oa_b, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/funds/%lld", f), c.vol, NULL), 403, "forbidden", NULL);
}

/* Each channel's rules, the bounds of amounts and dates: a 422 naming the
 * field, and nothing written (no donation, no journal entry, no cash). */
void t_donations_follow_their_channel(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA);
	const char *base = fmt("\"fund_id\":%lld,\"received_on\":\"2026-12-01\"", f);
	static const struct {
		const char *body, *code, *field;
	} bad[] = {
		{"\"amount_fen\":0,\"channel\":\"cash\",\"donor_name\":\"甲\"", "invalid_value", "amount_fen"},
		{"\"amount_fen\":-500,\"channel\":\"cash\",\"donor_name\":\"甲\"", "invalid_value", "amount_fen"},
		{"\"amount_fen\":1000000000001,\"channel\":\"cash\",\"donor_name\":\"甲\"", "invalid_value", "amount_fen"},
		{"\"amount_fen\":10.5,\"channel\":\"cash\",\"donor_name\":\"甲\"", "invalid_value", "amount_fen"},
		{"\"amount_fen\":\"100\",\"channel\":\"cash\",\"donor_name\":\"甲\"", "invalid_value", "amount_fen"},
		{"\"amount_fen\":100,\"channel\":\"wechat\",\"donor_name\":\"甲\"", "invalid_value", "channel"},
		{"\"amount_fen\":100,\"channel\":\"cash\"", "invalid_value", "donor_name"},
		{"\"amount_fen\":100,\"channel\":\"online_platform\",\"donor_name\":\"甲\",\"platform_ref\":\"T1\"",
		 "invalid_value", "platform"},
		{"\"amount_fen\":100,\"channel\":\"online_platform\",\"donor_name\":\"甲\",\"platform\":\"腾讯公益\"",
		 "invalid_value", "platform_ref"},
		{"\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\",\"platform\":\"腾讯公益\"", "invalid_value",
		 "platform"},
		{"\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\",\"bank_ref\":\"B1\"", "invalid_value",
		 "bank_ref"},
		{"\"amount_fen\":100,\"channel\":\"in_kind\",\"donor_name\":\"甲\",\"valued_by\":\"李\"", "invalid_value",
		 "item_description"},
		{"\"amount_fen\":100,\"channel\":\"in_kind\",\"donor_name\":\"甲\",\"item_description\":\"书包\"",
		 "invalid_value", "valued_by"},
		{"\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\",\"valued_by\":\"李\"", "invalid_value",
		 "valued_by"},
		{"\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\",\"receipt_no\":\"2026-000009\"", "read_only",
		 "receipt_no"},
		{"\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\",\"status\":\"voided\"", "read_only",
		 "status"},
		{"\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\",\"donor_person_id\":999999", "invalid_value",
		 "donor_person_id"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a, fmt("{%s,%s}", base, bad[i].body)), 422, bad[i].code,
			   bad[i].field);
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a,
			fmt("{\"fund_id\":%lld,\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\","
			    "\"received_on\":\"2099-01-01\"}", f)),
		   422, "invalid_value", "received_on");
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a,
			"{\"fund_id\":999999,\"amount_fen\":100,\"channel\":\"cash\",\"donor_name\":\"甲\","
			"\"received_on\":\"2026-12-01\"}"),
		   422, "invalid_value", "fund_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a, fmt("{%s,\"amount_fen\":100,\"channel\":\"cash\","
								   "\"donor_name\":\"甲\",\"tip\":1}", base)),
		   400, "unknown_field", "tip");
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.oa_b, cash_gift(f, 100, "甲")), 403, "forbidden", "org_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.vol, cash_gift(f, 100, "甲")), 403, "forbidden", NULL);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);
	CHECK_INT(COUNT(s, fmt("/api/v1/funds/%lld/ledger", f)), 0);
	CHECK_INT(balance_of(s, f), 0);
	/* one of each channel: cash, bank, online raise the cash; in kind the goods */
	EXPECT_STATUS(http(s, "POST", "/api/v1/donations", c.sw_a, cash_gift(f, 1000000000000LL, "大额")), 201);
	EXPECT_STATUS(http(s, "POST", "/api/v1/donations", c.sw_a,
			   fmt("{%s,\"amount_fen\":30000,\"channel\":\"bank_transfer\",\"donor_name\":\"乙公司\","
			       "\"donor_kind\":\"org\",\"bank_ref\":\"ICBC-0001\"}", base)),
		      201);
	EXPECT_STATUS(http(s, "POST", "/api/v1/donations", c.sw_a,
			   fmt("{%s,\"amount_fen\":5000,\"channel\":\"online_platform\",\"donor_name\":\"丙\","
			       "\"platform\":\"腾讯公益\",\"platform_ref\":\"TX-1\"}", base)),
		      201);
	EXPECT_STATUS(http(s, "POST", "/api/v1/donations", c.sw_a,
			   fmt("{%s,\"amount_fen\":20000,\"channel\":\"in_kind\",\"donor_name\":\"丁\","
			       "\"item_description\":\"书包20个\",\"valued_by\":\"李会计\",\"valuation_basis\":\"发票\"}", base)),
		      201);
	CHECK_INT(balance_of(s, f), 1000000035000LL);
	check_trial(s, f, 1000000035000LL);
	struct resp *t = http(s, "GET", fmt("/api/v1/funds/%lld/trial-balance", f), s->admin, NULL);
	if (EXPECT_STATUS(t, 200)) {
		CHECK_STR(jstr(t->json, "accounts.1.account"), "goods");
		CHECK_INT(jint(t->json, "accounts.1.balance_fen"), 20000);
		CHECK_STR(jstr(t->json, "accounts.2.account"), "restricted_net_assets");
		CHECK_INT(jint(t->json, "accounts.2.balance_fen"), 1000000055000LL);
	}
	CHECK_INT(COUNT(s, fmt("/api/v1/funds/%lld/ledger", f)), 4);
	/* a pooled fund's gifts are unrestricted */
	long long pool = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA);
	EXPECT_STATUS(http(s, "POST", "/api/v1/donations", c.sw_a, cash_gift(pool, 700, "戊")), 201);
	struct resp *l = http(s, "GET", fmt("/api/v1/funds/%lld/ledger", pool), c.sw_a, NULL);
	if (EXPECT_STATUS(l, 200)) {
		CHECK_STR(jstr(l->json, "items.0.lines.0.account"), "cash");
		CHECK_INT(jint(l->json, "items.0.lines.0.debit_fen"), 700);
		CHECK_STR(jstr(l->json, "items.0.lines.1.account"), "unrestricted_net_assets");
		CHECK_INT(jint(l->json, "items.0.lines.1.credit_fen"), 700);
		CHECK_STR(jstr(l->json, "items.0.ref_entity"), "donations");
	}
	/* a donor, a volunteer, another org's staff do not read the books */
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/funds/%lld/ledger", pool), c.vol, NULL), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/funds/%lld/trial-balance", pool), c.oa_b, NULL), 403, "forbidden", NULL);
}

/* Art. 38: a receipt number per org, in sequence without gaps, unless the
 * donor is anonymous or declines one; the amount in words and figures;
 * anonymous donors are 爱心人士 outside the org that keeps the record. */
void t_donation_receipts_in_sequence_per_org(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long fa = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA), fb = mk_fund(s, c.oa_b, c.B, "pooled", c.uSWB);
	long long pd = care_person(s, &c, "捐赠人", 50, c.w.comm1);
	const char *donor = MK_USER(s, s->admin, "donor1", pd, "[{\"role\":\"donor\"}]") > 0
				    ? LOGIN(s, "donor1", USER_PASS)
				    : NULL;
	int y = this_year();
	const char *want[] = {"000001", "000002", NULL, NULL, "000003"};
	const char *extra[] = {"", "", ",\"anonymous\":true", ",\"receipt_declined\":true", ""};
	long long ids[5];
	for (int i = 0; i < 5; i++) {
		struct resp *r = http(s, "POST", "/api/v1/donations", c.sw_a,
				      fmt("{\"fund_id\":%lld,\"amount_fen\":%d,\"channel\":\"cash\",\"donor_name\":\"赠%d\","
					  "\"received_on\":\"2026-12-01\",\"donor_person_id\":%lld%s}",
					  fa, 100050 + i, i, pd, extra[i]));
		if (!EXPECT_STATUS(r, 201))
			return;
		ids[i] = jint(r->json, "id");
		if (want[i])
			CHECK_STR(jstr(r->json, "receipt_no"), fmt("%d-%s", y, want[i]));
		else
			CHECKM(jisnull(r->json, "receipt_no"), "gift %d has a receipt: %s", i, r->body);
	}
	/* another org counts its own */
	struct resp *r = http(s, "POST", "/api/v1/donations", c.sw_b, cash_gift(fb, 100, "己"));
	if (EXPECT_STATUS(r, 201))
		CHECK_STR(jstr(r->json, "receipt_no"), fmt("%d-000001", y));
	r = http(s, "GET", fmt("/api/v1/donations/%lld/receipt", ids[0]), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "amount_words"), "壹仟元零伍角");
		CHECK_STR(jstr(r->json, "amount_figures"), "¥1,000.50");
		CHECK_INT(jint(r->json, "amount_fen"), 100050);
		CHECK_STR(jstr(r->json, "donor_name"), "赠0");
		CHECK_STR(jstr(r->json, "receipt_no"), fmt("%d-000001", y));
		CHECK_STR(jstr(r->json, "purpose"), "基金pooled");
		CHECK_STR(jstr(r->json, "received_on"), "2026-12-01");
		CHECKM(jstr(r->json, "org_name") != NULL, "the receipt names no org: %s", r->body);
	}
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/donations/%lld/receipt", ids[2]), c.oa_a, NULL), 404, "not_found",
		   "receipt_no");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/donations/%lld/receipt", ids[3]), c.oa_a, NULL), 404, "not_found",
		   "receipt_no");
	/* the anonymous donor's name: the keeping org and the donor see it,
	 * the region's admin sees 爱心人士 */
	r = http(s, "GET", fmt("/api/v1/donations/%lld", ids[2]), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "donor_name"), "赠2");
	r = http(s, "GET", fmt("/api/v1/donations/%lld", ids[2]), c.ra, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "donor_name"), "爱心人士");
	if (CHECK(donor != NULL)) {
		r = http(s, "GET", fmt("/api/v1/donations/%lld", ids[2]), donor, NULL);
		if (EXPECT_STATUS(r, 200))
			CHECK_STR(jstr(r->json, "donor_name"), "赠2");
		CHECK_INT((long long)json_array_size(LIST_ALL(s, donor, "/api/v1/donations")), 5);
		EXPECT_STATUS(http(s, "GET", fmt("/api/v1/funds/%lld", fa), donor, NULL), 200);
		EXPECT_ERR(http(s, "GET", fmt("/api/v1/funds/%lld", fb), donor, NULL), 403, "forbidden", NULL);
	}
}

struct race {
	struct srv *s;
	const char *tok, *body, *key;
	long long ids[16];
	long status[16];
	int next;
	pthread_mutex_t mu;
};

static void *race_worker(void *arg)
{
	struct race *r = arg;
	pthread_mutex_lock(&r->mu);
	int me = r->next++;
	pthread_mutex_unlock(&r->mu);
	struct resp *p = http_req(r->s, &(struct req){.method = "POST", .path = "/api/v1/donations", .token = r->tok,
						      .body = r->body, .extra_header = r->key, .untracked = true});
	r->status[me] = p->status;
	r->ids[me] = jint(p->json, "id");
	resp_free(p);
	return NULL;
}

/* A retried request under the same Idempotency-Key records one gift, also
 * sixteen at once; the key with another request is 409; a platform's
 * transaction is recorded once whatever the key. */
void t_donation_retries_count_once(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "directed", c.uSWA);
	const char *body = cash_gift(f, 12300, "庚");
	struct resp *a = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/donations", .token = c.sw_a,
						   .body = body, .extra_header = "Idempotency-Key: gift-1"});
	struct resp *b = http_req(s, &(struct req){.method = "POST", .path = "/api/v1/donations", .token = c.sw_a,
						   .body = body, .extra_header = "Idempotency-Key: gift-1"});
	if (!EXPECT_STATUS(a, 201) || !EXPECT_STATUS(b, 201))
		return;
	CHECK_INT(jint(b->json, "id"), jint(a->json, "id"));
	CHECK_STR(resp_header(b, "Idempotent-Replayed"), "true");
	CHECK_STR(jstr(b->json, "receipt_no"), jstr(a->json, "receipt_no"));
	EXPECT_ERR(http_req(s, &(struct req){.method = "POST", .path = "/api/v1/donations", .token = c.sw_a,
					     .body = cash_gift(f, 12400, "庚"), .extra_header = "Idempotency-Key: gift-1"}),
		   409, "conflict", "Idempotency-Key");
	EXPECT_ERR(http_req(s, &(struct req){.method = "POST", .path = "/api/v1/donations", .token = c.sw_a,
					     .body = body, .extra_header = fmt("Idempotency-Key: %0201d", 7)}),
		   422, "invalid_value", "Idempotency-Key");
	CHECK_INT(COUNT(s, "/api/v1/donations"), 1);
	CHECK_INT(balance_of(s, f), 12300);
	/* sixteen at once with one key */
	struct race r = {.s = s, .tok = c.sw_a, .body = cash_gift(f, 500, "辛"), .key = "Idempotency-Key: gift-2"};
	pthread_mutex_init(&r.mu, NULL);
	pthread_t th[16];
	for (int i = 0; i < 16; i++)
		pthread_create(&th[i], NULL, race_worker, &r);
	for (int i = 0; i < 16; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&r.mu);
	for (int i = 0; i < 16; i++) {
		CHECKM(r.status[i] == 201, "racer %d answered %ld", i, r.status[i]);
		CHECKM(r.ids[i] == r.ids[0], "racer %d got donation %lld, racer 0 %lld", i, r.ids[i], r.ids[0]);
	}
	CHECK_INT(COUNT(s, "/api/v1/donations"), 2);
	CHECK_INT(balance_of(s, f), 12800);
	check_trial(s, f, 12800);
	/* the platform's transaction once, under another key or none */
	const char *online = fmt("{\"fund_id\":%lld,\"amount_fen\":900,\"channel\":\"online_platform\",\"anonymous\":true,"
				 "\"platform\":\"支付宝公益\",\"platform_ref\":\"ALI-77\",\"received_on\":\"2026-12-01\"}", f);
	EXPECT_STATUS(http(s, "POST", "/api/v1/donations", c.sw_a, online), 201);
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.oa_a, online), 409, "duplicate", "platform_ref");
	CHECK_INT(COUNT(s, "/api/v1/donations"), 3);
	CHECK_INT(balance_of(s, f), 13700);
}

/* A void reverses the posting with a new entry, once, by the org's admins;
 * the receipt stays (marked voided); the money leaves the fund. */
void t_donation_void_reverses_once(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA);
	long long d = MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 80000, "壬"));
	MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 1000, "癸"));
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.sw_a, "{\"reason\":\"录错\"}"), 403,
		   "forbidden", "id");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.oa_b, "{\"reason\":\"录错\"}"), 403,
		   "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.oa_a, "{}"), 422, "required", "reason");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.oa_a, "{\"reason\":\" \\t \"}"), 422,
		   "required", "reason");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.oa_a, "{\"reason\":7}"), 422, NULL,
		   "reason");
	CHECK_INT(balance_of(s, f), 81000);
	struct resp *r = http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.oa_a, "{\"reason\":\"金额录错\"}");
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_STR(jstr(r->json, "status"), "voided");
	CHECK_STR(jstr(r->json, "void_reason"), "金额录错");
	CHECK_INT(balance_of(s, f), 1000);
	check_trial(s, f, 1000);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", d), c.oa_a, "{\"reason\":\"再来\"}"), 409,
		   "conflict", "status");
	CHECK_INT(balance_of(s, f), 1000);
	json_t *l = LIST_ALL(s, c.oa_a, fmt("/api/v1/funds/%lld/ledger", f));
	if (CHECK(l != NULL) && CHECK_INT((long long)json_array_size(l), 3)) {
		CHECK_STR(jstr(l, "2.kind"), "donation_void");
		CHECK_INT(jint(l, "2.reverses_id"), jint(l, "0.id"));
		CHECK_STR(jstr(l, "2.lines.0.account"), "restricted_net_assets");
		CHECK_INT(jint(l, "2.lines.0.debit_fen"), 80000);
		CHECK_STR(jstr(l, "2.lines.1.account"), "cash");
		CHECK_INT(jint(l, "2.lines.1.credit_fen"), 80000);
	}
	r = http(s, "GET", fmt("/api/v1/donations/%lld/receipt", d), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "status"), "voided");
	CHECKM(audit_count(s, fmt("?entity=donations&entity_id=%lld", d), "void", c.uOA) == 1,
	       "the void is not in the audit log");
}

/* `liandong check-ledger` on the test's database: its exit status and
 * output. */
int check_ledger(struct srv *s, char **out)
{
	int st = -1;
	*out = cmd_output(fmt("'%s' check-ledger --db '%s' --key-file '%s' 2>&1", s->bin, s->db, s->key), &st);
	if (!*out)
		*out = "(did not run)";
	return st;
}

/* A fixed pseudo-random sequence. */
static unsigned long long lcg(unsigned long long *x)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return *x >> 33;
}

#define OPS 1000
#define NFUNDS 3

/* 1,000 random operations over three funds (gifts by every channel,
 * anonymous or named, voids, refused ones); after every hundred each
 * fund's trial balance balances and its cash is what the test kept; at the
 * end check-ledger agrees, and catches a balance and a line changed behind
 * the server's back. */
void t_ledger_invariants_after_random_operations(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long funds[NFUNDS] = {mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA), mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA),
				   mk_fund(s, c.oa_b, c.B, "directed", c.uSWB)};
	const char *staff[NFUNDS] = {c.sw_a, c.sw_a, c.sw_b}, *admin[NFUNDS] = {c.oa_a, c.oa_a, c.oa_b};
	long long cash[NFUNDS] = {0}, gifts[OPS], gift_amount[OPS];
	int gift_fund[OPS], gift_cash[OPS], ngifts = 0, voided = 0, refused = 0;
	static const char *const channels[] = {"cash", "bank_transfer", "online_platform", "in_kind"};
	unsigned long long seed = 20261205;
	for (int op = 0; op < OPS && test_failures() == 0; op++) {
		unsigned roll = (unsigned)(lcg(&seed) % 100);
		int k = (int)(lcg(&seed) % NFUNDS);
		if (roll < 70 || ngifts == 0) {
			int ch = (int)(lcg(&seed) % 4);
			long long fen = 1 + (long long)(lcg(&seed) % 10000000);
			int anon = lcg(&seed) % 10 == 0;
			const char *extra = ch == 1   ? fmt(",\"bank_ref\":\"B%d\"", op)
					    : ch == 2 ? fmt(",\"platform\":\"腾讯公益\",\"platform_ref\":\"R%d\"", op)
					    : ch == 3 ? ",\"item_description\":\"物资\",\"valued_by\":\"会计\""
						      : "";
			struct resp *r = http(s, "POST", "/api/v1/donations", staff[k],
					      fmt("{\"fund_id\":%lld,\"amount_fen\":%lld,\"channel\":\"%s\",%s,"
						  "\"received_on\":\"2026-11-30\"%s}",
						  funds[k], fen, channels[ch], anon ? "\"anonymous\":true" : "\"donor_name\":\"某\"",
						  extra));
			if (!EXPECT_STATUS(r, 201))
				break;
			gifts[ngifts] = jint(r->json, "id");
			gift_amount[ngifts] = fen;
			gift_fund[ngifts] = k;
			gift_cash[ngifts] = ch != 3;
			ngifts++;
			cash[k] += ch != 3 ? fen : 0;
		} else if (roll < 90) {
			int g = (int)(lcg(&seed) % (unsigned long long)ngifts);
			int kf = gift_fund[g];
			struct resp *r = http(s, "POST", fmt("/api/v1/donations/%lld/void", gifts[g]), admin[kf],
					      "{\"reason\":\"随机作废\"}");
			if (gift_amount[g] < 0) { /* already voided */
				EXPECT_ERR(r, 409, "conflict", "status");
				refused++;
			} else if (EXPECT_STATUS(r, 200)) {
				cash[kf] -= gift_cash[g] ? gift_amount[g] : 0;
				gift_amount[g] = -gift_amount[g];
				voided++;
			}
		} else { /* refused: nothing written */
			EXPECT_ERR(http(s, "POST", "/api/v1/donations", staff[k],
					fmt("{\"fund_id\":%lld,\"amount_fen\":%d,\"channel\":\"cash\",\"donor_name\":\"某\","
					    "\"received_on\":\"2026-11-30\"}", funds[k], -(int)(lcg(&seed) % 1000))),
				   422, "invalid_value", "amount_fen");
			refused++;
		}
		if (op % 100 == 99)
			for (int f = 0; f < NFUNDS; f++)
				check_trial(s, funds[f], cash[f]);
	}
	note("%d gifts, %d voided, %d refused; cash %lld, %lld, %lld fen", ngifts, voided, refused, cash[0], cash[1],
	     cash[2]);
	CHECKM(voided > 50 && refused > 50, "the sequence did too few voids (%d) or refusals (%d)", voided, refused);
	CHECK_INT(COUNT(s, "/api/v1/donations"), ngifts);
	char *out;
	CHECKM(check_ledger(s, &out) == 0 && strstr(out, "balanced"), "check-ledger: %s", out);
	/* behind the server's back: a balance, then a line */
	if (!CHECK(db_exec(s, fmt("UPDATE funds SET balance_fen = balance_fen + 1 WHERE id = %lld", funds[1]))))
		return;
	CHECKM(check_ledger(s, &out) == 1 && strstr(out, fmt("fund %lld keeps a balance", funds[1])),
	       "check-ledger missed a balance changed: %s", out);
	db_exec(s, fmt("UPDATE funds SET balance_fen = balance_fen - 1 WHERE id = %lld", funds[1]));
	CHECKM(check_ledger(s, &out) == 0, "check-ledger after the repair: %s", out);
	if (!CHECK(db_exec(s, "UPDATE journal_lines SET credit_fen = credit_fen + 7 WHERE id = (SELECT MAX(id) FROM "
			      "journal_lines WHERE credit_fen > 0)")))
		return;
	CHECKM(check_ledger(s, &out) == 1 && strstr(out, "does not balance") && strstr(out, "trial balance"),
	       "check-ledger missed an unbalanced entry: %s", out);
}

/* An aided student of org A (seed 004: followed by one social worker and
 * one volunteer), at `stage`. */
static long long mk_student(struct srv *s, struct cworld *c, const char *name, const char *stage, long long *person)
{
	*person = care_person(s, c, name, 12, c->w.comm1);
	return MK(s, c->sw_a, "/api/v1/clients",
		  fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"student_aid\",\"consent\":true,"
		      "\"social_worker_id\":%lld,\"volunteer_id\":%lld,\"school_stage\":\"%s\"}",
		      *person, c->A, c->swA, c->vA, stage));
}

static const char *directed_gift(long long fund, long long client, long long donor, int declared)
{
	return fmt("{\"fund_id\":%lld,\"amount_fen\":50000,\"channel\":\"cash\",\"donor_name\":\"定向捐赠人\","
		   "\"received_on\":\"2026-12-01\",\"beneficiary_client_id\":%lld,\"donor_person_id\":%lld%s}",
		   fund, client, donor, declared ? ",\"no_interest_declared\":true" : "");
}

/* A directed gift (定向配对) goes to one aided student with the donor's
 * declaration; 慈善法 Art. 40 refuses it when a recorded relation makes the
 * student the donor's interested party, directly or through the student's
 * guardian; nothing is written when refused. */
void t_directed_gifts_refuse_interested_parties(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long fund = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA), pool = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA);
	long long pS, pG = care_person(s, &c, "监护人", 40, c.w.comm1), pE = care_person(s, &c, "企业主", 50, c.w.comm1),
		      pD = care_person(s, &c, "热心人", 45, c.w.comm1);
	long long student = mk_student(s, &c, "学生甲", "junior", &pS);
	struct resp *r = http(s, "GET", fmt("/api/v1/clients/%lld", student), c.sw_a, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "school_stage"), "junior");
	long long pO = care_person(s, &c, "老人", 75, c.w.comm1);
	EXPECT_ERR(http(s, "POST", "/api/v1/clients", c.sw_a,
			fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"elderly\",\"care_level\":\"partial\","
			    "\"consent\":true,\"school_stage\":\"primary\"}", pO, c.A)),
		   422, "invalid_value", "school_stage");
	long long elder = MK(s, c.sw_a, "/api/v1/clients",
			     fmt("{\"person_id\":%lld,\"org_id\":%lld,\"category\":\"elderly\",\"care_level\":\"partial\","
				 "\"consent\":true}", pO, c.A));
	/* relations: recorded by staff over the student, once */
	const char *guardian = fmt("{\"person_id\":%lld,\"kind\":\"guardian\"}", pG);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/people/%lld/relations", pS), c.oa_b, guardian), 403, "forbidden", "id");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/people/%lld/relations", pS), c.vol, guardian), 403, "forbidden", NULL);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/people/%lld/relations", pS), c.sw_a, guardian), 201);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/people/%lld/relations", pS), c.sw_a, guardian), 409, "duplicate",
		   "person_id");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/people/%lld/relations", pS), c.sw_a,
			fmt("{\"person_id\":%lld,\"kind\":\"guardian\"}", pS)),
		   422, "invalid_value", "person_id");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/people/%lld/relations", pS), c.sw_a,
			fmt("{\"person_id\":%lld,\"kind\":\"friend\"}", pE)),
		   422, "invalid_value", "kind");
	/* the guardian's employer (recorded on the guardian, a person of no org:
	 * the platform admin records it) */
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/people/%lld/relations", pG), s->admin,
			   fmt("{\"person_id\":%lld,\"kind\":\"employer\"}", pE)),
		      201);
	json_t *rels = LIST_ALL(s, c.sw_a, fmt("/api/v1/people/%lld/relations", pS));
	if (CHECK(rels != NULL) && CHECK_INT((long long)json_array_size(rels), 1)) {
		CHECK_INT(jint(rels, "0.person_id"), pG);
		CHECK_STR(jstr(rels, "0.kind"), "guardian");
	}
	/* refusals name the field; nothing written */
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(fund, elder, pD, 1)), 422, "invalid_value",
		   "beneficiary_client_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(pool, student, pD, 1)), 422,
		   "invalid_value", "beneficiary_client_id");
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(fund, student, pD, 0)), 422, "required",
		   "no_interest_declared");
	r = http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(fund, student, pG, 1));
	if (EXPECT_ERR(r, 422, "rule_violation", "beneficiary_client_id"))
		CHECKM(strstr(r->body, "guardian") && strstr(r->body, "第四十条"), "the refusal names no relation: %s",
		       r->body);
	r = http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(fund, student, pE, 1));
	if (EXPECT_ERR(r, 422, "rule_violation", "beneficiary_client_id"))
		CHECKM(strstr(r->body, "employer") && strstr(r->body, "indirectly"), "the indirect refusal: %s", r->body);
	EXPECT_ERR(http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(fund, student, pS, 1)), 422,
		   "rule_violation", "beneficiary_client_id");
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);
	CHECK_INT(balance_of(s, fund), 0);
	/* an unrelated donor: paired, with the declaration kept */
	r = http(s, "POST", "/api/v1/donations", c.sw_a, directed_gift(fund, student, pD, 1));
	if (EXPECT_STATUS(r, 201)) {
		CHECK_INT(jint(r->json, "beneficiary_client_id"), student);
		CHECKM(json_is_true(jget(r->json, "no_interest_declared")), "the declaration is not kept: %s", r->body);
	}
	CHECK_INT(COUNT(s, fmt("/api/v1/donations?beneficiary_client_id=%lld", student)), 1);
	CHECK_INT(balance_of(s, fund), 50000);
}

/* The item of a run's `items` paying client (and of donation, 0: the pool). */
static json_t *item_of(json_t *run, long long client, long long donation)
{
	json_t *items = jget(run, "items");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (jint(it, "client_id") == client &&
		    (donation ? jint(it, "donation_id") == donation : jisnull(it, "donation_id")))
			return it;
	}
	return NULL;
}

/* Seed 004's semester aid: the standard of each student's school stage,
 * directed gifts first, then the pool; no partial standard from the pool;
 * four eyes; paid with the bank's reference; each student once a
 * semester; the journal balances throughout. */
void t_semester_runs_pay_each_student_once(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA), pool = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA);
	long long p1, p2, p3, pD = care_person(s, &c, "热心人", 45, c.w.comm1);
	long long s1 = mk_student(s, &c, "小学生", "primary", &p1), s2 = mk_student(s, &c, "高中生", "senior", &p2),
		  s3 = mk_student(s, &c, "初中生", "junior", &p3);
	MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 100000, "爱心企业"));
	long long dg = MK(s, c.sw_a, "/api/v1/donations",
			  fmt("{\"fund_id\":%lld,\"amount_fen\":30000,\"channel\":\"cash\",\"donor_name\":\"定向\","
			      "\"received_on\":\"2026-12-01\",\"beneficiary_client_id\":%lld,\"donor_person_id\":%lld,"
			      "\"no_interest_declared\":true}", f, s2, pD));
	const char *runs = fmt("/api/v1/funds/%lld/semester-runs", f);
	EXPECT_ERR(http(s, "POST", runs, c.sw_a, "{}"), 422, "required", "semester");
	EXPECT_ERR(http(s, "POST", runs, c.sw_a, "{\"semester\":\"2026-2028-1\"}"), 422, "invalid_value", "semester");
	EXPECT_ERR(http(s, "POST", runs, c.oa_b, "{\"semester\":\"2026-2027-1\"}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/funds/%lld/semester-runs", pool), c.sw_a, "{\"semester\":\"2026-2027-1\"}"),
		   422, "invalid_value", "fund_id");
	CHECK_INT(COUNT(s, "/api/v1/semester-runs"), 0);
	/* 130000 held, 30000 of it directed to s2: s1 ¥500 from the pool, s2
	 * the directed ¥300 (the pool cannot add the ¥700 left after s1), s3
	 * ¥500 from the pool */
	struct resp *r = http(s, "POST", runs, c.sw_a, "{\"semester\":\"2026-2027-1\"}");
	if (!EXPECT_STATUS(r, 201))
		return;
	long long run = jint(r->json, "id");
	CHECK_STR(jstr(r->json, "status"), "proposed");
	CHECK_INT(jint(r->json, "total_fen"), 130000);
	CHECK_INT(jint(r->json, "students"), 2);
	CHECK_INT(jint(r->json, "unfunded"), 1);
	CHECK_INT((long long)json_array_size(jget(r->json, "items")), 3);
	json_t *it = item_of(r->json, s1, 0);
	CHECKM(it && jint(it, "amount_fen") == 50000 && strcmp(jstr(it, "source"), "pool") == 0, "s1: %s", r->body);
	it = item_of(r->json, s2, dg);
	CHECKM(it && jint(it, "amount_fen") == 30000 && strcmp(jstr(it, "source"), "directed") == 0, "s2: %s", r->body);
	it = item_of(r->json, s3, 0);
	CHECKM(it && jint(it, "amount_fen") == 50000, "s3: %s", r->body);
	CHECK_INT(balance_of(s, f), 130000); /* a proposal moves no money */
	/* once a semester: the run exists */
	EXPECT_ERR(http(s, "POST", runs, c.oa_a, "{\"semester\":\"2026-2027-1\"}"), 409, "duplicate", "semester");
	/* four eyes: the proposer (here also the manager) may not approve */
	const char *approve = fmt("/api/v1/semester-runs/%lld/approve", run), *pay = fmt("/api/v1/semester-runs/%lld/pay", run);
	EXPECT_ERR(http(s, "POST", approve, c.sw_a, NULL), 403, "forbidden", "id");
	EXPECT_ERR(http(s, "POST", approve, c.sw_a2, NULL), 403, "forbidden", "id");
	EXPECT_ERR(http(s, "POST", pay, c.oa_a, "{\"bank_ref\":\"X\"}"), 409, "conflict", "status");
	r = http(s, "POST", approve, c.oa_a, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_STR(jstr(r->json, "status"), "approved");
	CHECK_INT(jint(r->json, "approved_by_user_id"), c.uOA);
	CHECK_INT(balance_of(s, f), 0);
	struct resp *t = http(s, "GET", fmt("/api/v1/funds/%lld/trial-balance", f), c.oa_a, NULL);
	if (EXPECT_STATUS(t, 200)) {
		CHECKM(json_is_true(jget(t->json, "balanced")), "after approval: %s", t->body);
		CHECK_INT(jint(t->json, "cash_fen"), 130000);
		CHECK_INT(jint(t->json, "payables_fen"), 130000);
	}
	EXPECT_ERR(http(s, "POST", approve, c.oa_a, NULL), 409, "conflict", "status");
	EXPECT_ERR(http(s, "POST", fmt("/api/v1/donations/%lld/void", dg), c.oa_a, "{\"reason\":\"撤回\"}"), 409,
		   "conflict", "id");
	EXPECT_ERR(http(s, "POST", pay, c.oa_a, "{}"), 422, "required", "bank_ref");
	r = http(s, "POST", pay, c.sw_a, "{\"bank_ref\":\"ICBC-20260901-001\"}");
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "paid");
		CHECK_STR(jstr(r->json, "bank_ref"), "ICBC-20260901-001");
	}
	t = http(s, "GET", fmt("/api/v1/funds/%lld/trial-balance", f), c.oa_a, NULL);
	if (EXPECT_STATUS(t, 200)) {
		CHECKM(json_is_true(jget(t->json, "balanced")), "after payment: %s", t->body);
		CHECK_INT(jint(t->json, "cash_fen"), 0);
		CHECK_INT(jint(t->json, "payables_fen"), 0);
	}
	EXPECT_ERR(http(s, "POST", pay, c.oa_a, "{\"bank_ref\":\"again\"}"), 409, "conflict", "status");
	/* the next semester: nothing left to pay with */
	EXPECT_ERR(http(s, "POST", runs, c.sw_a, "{\"semester\":\"2026-2027-2\"}"), 409, "insufficient_funds", "fund_id");
	CHECK_INT(COUNT(s, fmt("/api/v1/funds/%lld/semester-runs", f)), 1);
	char *out;
	CHECKM(check_ledger(s, &out) == 0, "check-ledger: %s", out);
	/* a run's total changed behind the server's back is caught */
	if (CHECK(db_exec(s, fmt("UPDATE semester_runs SET total_fen = total_fen + 1 WHERE id = %lld", run))))
		CHECKM(check_ledger(s, &out) == 1 && strstr(out, fmt("semester run %lld", run)),
		       "check-ledger missed a run's total changed: %s", out);
}

struct duel {
	struct srv *s;
	const char *tok, *path, *body;
	long status;
};

static void *duel_worker(void *arg)
{
	struct duel *d = arg;
	struct resp *r = http_req(d->s, &(struct req){.method = "POST", .path = d->path, .token = d->tok, .body = d->body,
						      .untracked = true});
	d->status = r->status;
	resp_free(r);
	return NULL;
}

/* Two requests at once; their statuses. */
static void duel(struct duel *a, struct duel *b)
{
	pthread_t th[2];
	pthread_create(&th[0], NULL, duel_worker, a);
	pthread_create(&th[1], NULL, duel_worker, b);
	pthread_join(th[0], NULL);
	pthread_join(th[1], NULL);
}

/* Two proposals at once when the fund holds one semester's aid: one goes
 * through. Then two approvals at once of runs that each fit but not
 * together (a gift was voided after they were proposed): one goes
 * through, the other is 409 insufficient_funds; the fund never spends what
 * it does not hold, and check-ledger agrees. */
void t_semester_runs_race_never_overspend(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA), p;
	for (int i = 0; i < 2; i++)
		mk_student(s, &c, fmt("学生%d", i), "primary", &p);
	MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 100000, "甲"));
	const char *runs = fmt("/api/v1/funds/%lld/semester-runs", f);
	const char *sem[2] = {"2026-2027-1", "2026-2027-2"};
	struct duel a = {s, c.sw_a, runs, fmt("{\"semester\":\"%s\"}", sem[0]), 0},
		    b = {s, c.sw_a, runs, fmt("{\"semester\":\"%s\"}", sem[1]), 0};
	duel(&a, &b);
	CHECKM((a.status == 201 && b.status == 409) || (a.status == 409 && b.status == 201),
	       "two proposals for ¥1000 with ¥1000 held answered %ld and %ld", a.status, b.status);
	/* a second gift: the other semester fits now */
	long long g2 = MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 100000, "乙"));
	EXPECT_STATUS(http(s, "POST", runs, c.sw_a, fmt("{\"semester\":\"%s\"}", a.status == 201 ? sem[1] : sem[0])), 201);
	json_t *all = LIST_ALL(s, c.oa_a, runs);
	if (!CHECK(all != NULL) || !CHECK_INT((long long)json_array_size(all), 2))
		return;
	CHECK_INT(jint(all, "0.total_fen") + jint(all, "1.total_fen"), 200000);
	/* the second gift goes back: the fund holds one run's money */
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/donations/%lld/void", g2), c.oa_a, "{\"reason\":\"退回\"}"), 200);
	CHECK_INT(balance_of(s, f), 100000);
	struct duel x = {s, c.oa_a, fmt("/api/v1/semester-runs/%lld/approve", jint(all, "0.id")), NULL, 0},
		    y = {s, c.oa_a, fmt("/api/v1/semester-runs/%lld/approve", jint(all, "1.id")), NULL, 0};
	duel(&x, &y);
	CHECKM((x.status == 200 && y.status == 409) || (x.status == 409 && y.status == 200),
	       "two approvals for ¥1000 each with ¥1000 held answered %ld and %ld", x.status, y.status);
	CHECK_INT(balance_of(s, f), 0);
	check_trial(s, f, 0);
	all = LIST_ALL(s, c.oa_a, fmt("%s?status=approved", runs));
	CHECK_INT(all ? (long long)json_array_size(all) : -1, 1);
	char *out;
	CHECKM(check_ledger(s, &out) == 0, "check-ledger: %s", out);
}

/* This quarter as disclosures name it ("2026Q4"), in China time. */
static const char *this_quarter(void)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%dQ%d", tm.tm_year + 1900, tm.tm_mon / 3 + 1);
}

/* Art. 42: a donor reads each gift and where it went, signed in or by the
 * gift's statement code; Art. 79 and 82: the fund's quarter in public,
 * counts and sums only, no personal data. */
void t_donor_statements_and_public_disclosure(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA), p1;
	long long pD = care_person(s, &c, "热心人王五", 45, c.w.comm1);
	const char *donor = MK_USER(s, s->admin, "donor2", pD, "[{\"role\":\"donor\"}]") > 0 ? LOGIN(s, "donor2", USER_PASS)
											    : NULL;
	long long s1 = mk_student(s, &c, "李小明", "primary", &p1);
	long long dg = MK(s, c.sw_a, "/api/v1/donations",
			  fmt("{\"fund_id\":%lld,\"amount_fen\":30000,\"channel\":\"cash\",\"donor_name\":\"热心人王五\","
			      "\"received_on\":\"2026-12-01\",\"beneficiary_client_id\":%lld,\"donor_person_id\":%lld,"
			      "\"no_interest_declared\":true}", f, s1, pD));
	long long dp = MK(s, c.sw_a, "/api/v1/donations",
			  fmt("{\"fund_id\":%lld,\"amount_fen\":100000,\"channel\":\"bank_transfer\",\"donor_name\":\"热心人王五\","
			      "\"received_on\":\"2026-12-01\",\"donor_person_id\":%lld}", f, pD));
	MK(s, c.sw_a, "/api/v1/donations", fmt("{\"fund_id\":%lld,\"amount_fen\":5000,\"channel\":\"online_platform\","
					       "\"anonymous\":true,\"donor_name\":\"匿名张三\",\"platform\":\"腾讯公益\","
					       "\"platform_ref\":\"TX-9\",\"received_on\":\"2026-12-01\"}", f));
	MK(s, c.sw_a, "/api/v1/donations", fmt("{\"fund_id\":%lld,\"amount_fen\":2000,\"channel\":\"in_kind\",\"donor_name\":"
					       "\"文具店赵六\",\"item_description\":\"文具\",\"valued_by\":\"会计\","
					       "\"received_on\":\"2026-12-01\"}", f));
	long long dv = MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 1000, "钱七"));
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/donations/%lld/void", dv), c.oa_a, "{\"reason\":\"重复\"}"), 200);
	long long run = MK(s, c.sw_a, fmt("/api/v1/funds/%lld/semester-runs", f), "{\"semester\":\"2026-2027-1\"}");
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/semester-runs/%lld/approve", run), c.oa_a, NULL), 200);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/semester-runs/%lld/pay", run), c.oa_a, "{\"bank_ref\":\"B-1\"}"), 200);
	/* the donor's statement, signed in */
	if (CHECK(donor != NULL)) {
		struct resp *r = http(s, "GET", "/api/v1/donor-statement", donor, NULL);
		if (EXPECT_STATUS(r, 200) && CHECK_INT((long long)json_array_size(jget(r->json, "items")), 2)) {
			CHECK_INT(jint(r->json, "items.0.donation_id"), dg);
			CHECK_STR(jstr(r->json, "items.0.directed.student"), "李**");
			CHECK_STR(jstr(r->json, "items.0.directed.payments.0.semester"), "2026-2027-1");
			CHECK_STR(jstr(r->json, "items.0.directed.payments.0.status"), "paid");
			CHECK_INT(jint(r->json, "items.0.directed.payments.0.amount_fen"), 30000);
			CHECK_INT(jint(r->json, "items.1.donation_id"), dp);
			CHECK_INT(jint(r->json, "items.1.pooled.fund_spent_fen"), 50000);
			CHECK_INT(jint(r->json, "items.1.pooled.runs.0.students"), 1);
			CHECKM(!strstr(r->body, "李小明"), "the statement names the student: %s", r->body);
		}
	}
	struct resp *e = http(s, "GET", "/api/v1/donor-statement", c.oa_a, NULL);
	if (EXPECT_STATUS(e, 200))
		CHECK_INT((long long)json_array_size(jget(e->json, "items")), 0);
	/* by code, without signing in, as typed in lower case */
	struct resp *g = http(s, "GET", fmt("/api/v1/donations/%lld", dg), c.sw_a, NULL);
	const char *code = EXPECT_STATUS(g, 200) ? jstr(g->json, "statement_code") : NULL;
	if (CHECK(code != NULL)) {
		char lower[64];
		snprintf(lower, sizeof lower, "%s", code);
		for (char *q = lower; *q; q++)
			*q = (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q);
		struct resp *r = http(s, "GET", fmt("/api/v1/donor-statements/%s", lower), NULL, NULL);
		if (EXPECT_STATUS(r, 200)) {
			CHECK_INT((long long)json_array_size(jget(r->json, "items")), 1);
			CHECK_INT(jint(r->json, "items.0.directed.payments.0.amount_fen"), 30000);
		}
	}
	EXPECT_ERR(http(s, "GET", "/api/v1/donor-statements/ABCD-EFGH-JKMN-PQRS", NULL, NULL), 404, "not_found", "code");
	EXPECT_ERR(http(s, "GET", "/api/v1/donor-statements/nonsense", NULL, NULL), 404, "not_found", "code");
	/* the quarter in public */
	const char *q = this_quarter();
	struct resp *d = http(s, "GET", fmt("/api/v1/disclosures?quarter=%s&fund_id=%lld", q, f), NULL, NULL);
	if (EXPECT_STATUS(d, 200) && CHECK_INT((long long)json_array_size(jget(d->json, "items")), 1)) {
		json_t *it = jget(d->json, "items.0");
		CHECK_INT(jint(it, "opening_cash_fen"), 0);
		CHECK_INT(jint(it, "income_fen"), 138000);
		CHECK_INT(jint(it, "in_kind_fen"), 2000);
		CHECK_INT(jint(it, "voided_fen"), 1000);
		CHECK_INT(jint(it, "approved_fen"), 50000);
		CHECK_INT(jint(it, "paid_fen"), 50000);
		CHECK_INT(jint(it, "closing_cash_fen"), 30000 + 100000 + 5000 - 50000);
		CHECK_INT(jint(it, "beneficiaries.students"), 1);
		CHECK_STR(jstr(it, "beneficiaries.by_stage.0.school_stage"), "primary");
		json_t *ch = jget(it, "income_by_channel");
		long long gifts = 0, anon = 0, sum = 0;
		for (size_t i = 0; i < json_array_size(ch); i++) {
			gifts += jint(json_array_get(ch, i), "gifts");
			anon += jint(json_array_get(ch, i), "anonymous");
			sum += jint(json_array_get(ch, i), "amount_fen");
		}
		CHECK_INT(gifts, 4); /* the voided one is not counted */
		CHECK_INT(anon, 1);
		CHECK_INT(sum, 137000);
		/* no personal data: no name of a donor or a student, no person or
		 * client, no receipt or statement code */
		static const char *const never[] = {"王五", "李小明", "匿名张三", "赵六", "钱七", "person", "client",
						    "donor", "receipt", "statement", "bank_ref", NULL};
		for (int i = 0; never[i]; i++)
			CHECKM(!strstr(d->body, never[i]), "the disclosure shows \"%s\": %s", never[i], d->body);
	}
	EXPECT_ERR(http(s, "GET", "/api/v1/disclosures", NULL, NULL), 422, "required", "quarter");
	EXPECT_ERR(http(s, "GET", "/api/v1/disclosures?quarter=2026Q5", NULL, NULL), 422, "invalid_value", "quarter");
	EXPECT_ERR(http(s, "GET", "/api/v1/disclosures?quarter=2099Q1", NULL, NULL), 422, "invalid_value", "quarter");
	EXPECT_ERR(http(s, "GET", fmt("/api/v1/disclosures?quarter=%s&fund_id=999999", q), NULL, NULL), 404, "not_found",
		   "fund_id");
	mk_fund(s, c.oa_b, c.B, "pooled", c.uSWB);
	d = http(s, "GET", fmt("/api/v1/disclosures?quarter=%s", q), NULL, NULL);
	if (EXPECT_STATUS(d, 200))
		CHECK_INT((long long)json_array_size(jget(d->json, "items")), 2);
	/* an earlier quarter: nothing happened then */
	d = http(s, "GET", fmt("/api/v1/disclosures?quarter=2025Q1&fund_id=%lld", f), NULL, NULL);
	if (EXPECT_STATUS(d, 200))
		CHECK_INT(jint(d->json, "items.0.income_fen"), 0);
}

/* issue 18: a fund names its manager and a donation who recorded it (the
 * username and the person's name, null without a person), for every
 * reader, so that pages show people and not account numbers; neither is in
 * the audit's before/after. The qualification rules name who changed them. */
void t_funds_name_their_manager_and_recorder(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA);
	if (f < 0)
		return;
	const char *readers[] = {c.oa_a, c.sw_a2, s->admin};
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
		struct resp *r = http(s, "GET", fmt("/api/v1/funds/%lld", f), readers[i], NULL);
		if (!EXPECT_STATUS(r, 200))
			continue;
		CHECK_STR(jstr(r->json, "manager_username"), "sw_a");
		CHECK_STR(jstr(r->json, "manager_name"), "社工甲");
	}
	/* a manager without a person: the username alone */
	CHECK(EXPECT_STATUS(http(s, "PATCH", fmt("/api/v1/funds/%lld", f), c.oa_a,
				 fmt("{\"manager_user_id\":%lld}", c.uOA)), 200));
	json_t *fund = fund_of(s, f);
	if (fund) {
		CHECK_STR(jstr(fund, "manager_username"), "oa_a");
		CHECK(json_is_null(jget(fund, "manager_name")));
	}
	long long d = MK(s, c.sw_a, "/api/v1/donations", cash_gift(f, 500, "王先生"));
	struct resp *r = http(s, "GET", fmt("/api/v1/donations/%lld", d), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "recorded_by_username"), "sw_a");
		CHECK_STR(jstr(r->json, "recorded_by_name"), "社工甲");
	}
	json_t *l = LIST_ALL(s, c.sw_a2, fmt("/api/v1/donations?fund_id=%lld", f));
	if (CHECK(l && json_array_size(l) == 1))
		CHECK_STR(jstr(json_array_get(l, 0), "recorded_by_name"), "社工甲");
	/* not in the audit */
	const char *entries[][2] = {{"funds", "create"}, {"funds", "update"}, {"donations", "create"}};
	long long ids[] = {f, f, d};
	for (int i = 0; i < 3; i++) {
		r = http(s, "GET", fmt("/api/v1/audit?entity=%s&entity_id=%lld&action=%s", entries[i][0], ids[i], entries[i][1]),
			 s->admin, NULL);
		if (!EXPECT_STATUS(r, 200))
			continue;
		json_t *after = jget(json_array_get(jget(r->json, "items"), 0), "after");
		CHECKM(json_is_object(after), "%s %s: %s", entries[i][0], entries[i][1], r->body);
		const char *names[] = {"manager_username", "manager_name", "recorded_by_username", "recorded_by_name"};
		for (int k = 0; k < 4; k++) {
			json_t *v = json_is_object(after) ? json_object_get(after, names[k]) : NULL;
			CHECKM(v == NULL || json_is_null(v), "%s %s carries %s", entries[i][0], entries[i][1], names[k]);
		}
	}
	/* the qualification rules: who changed one, by name */
	const char *rule = "/api/v1/qualification-rules/case_dv_victim";
	r = http(s, "PUT", rule, s->admin, "{\"min_qualification\":\"assistant\"}");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "updated_by_username"), ADMIN_USER);
	r = http(s, "GET", "/api/v1/qualification-rules", c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		json_t *items = jget(r->json, "items");
		int changed = 0;
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *q = json_array_get(items, i);
			if (!json_is_true(jget(q, "changed")))
				continue;
			changed++;
			CHECK_STR(jstr(q, "updated_by_username"), ADMIN_USER);
		}
		CHECK_INT(changed, 1);
	}
}
