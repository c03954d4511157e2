/* t_import_gifts.c - a designated fundraising platform's statement imported
 * into a fund (POST /imports?kind=donations, 慈善法 Art. 27): the statement as
 * 腾讯公益 exports it (UTF-8 CSV), re-saved by Excel (GB18030 CSV, with a
 * 募捐平台 column) and as XLSX (tests/fixtures/import/gifts*); each row a
 * donation through POST /donations' path with the right fen, anonymous
 * donors anonymous, the fund's balance and trial balance right; matching by
 * the platform's transaction so that nothing is recorded twice (a re-import
 * skips every row, a gift recorded by hand is matched, another amount,
 * another fund or a voided gift is a row error); row errors naming their
 * columns in both languages; the options and who may import; the command
 * line; check-ledger after each. */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "care_world.h"

#define CSV "text/csv"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* "&platform=NAME", escaped. */
static const char *platform_opt(const char *name)
{
	return fmt("&platform=%s", url_escape(name));
}

/* A statement (body, len: 0 for strlen) imported into fund by tok with
 * the extra query; the finished job, NULL after a failed check. */
static json_t *import_gifts(struct srv *s, const char *tok, long long fund, const char *extra, const char *body,
			    size_t len, const char *ctype, const char *lang)
{
	struct resp *r = post_sheet(s, tok, fmt("kind=donations&fund_id=%lld%s", fund, extra), body, len, ctype, lang);
	if (!EXPECT_STATUS(r, 202))
		return NULL;
	return wait_job(s, tok, jint(r->json, "id"));
}

/* The same with a fixture of tests/fixtures/import/. */
static json_t *import_gift_file(struct srv *s, const char *tok, long long fund, const char *extra, const char *file,
				const char *lang)
{
	size_t len = 0;
	char *body = import_fixture(s, file, &len);
	if (!body)
		return NULL;
	return import_gifts(s, tok, fund, extra, body, len, strstr(file, ".xlsx") ? XLSX : CSV, lang);
}

/* The one donation of a platform's transaction (NULL after a failed check). */
static json_t *gift_of(struct srv *s, const char *tok, const char *ref)
{
	json_t *l = LIST_ALL(s, tok, fmt("/api/v1/donations?platform_ref=%s", url_escape(ref)));
	if (!CHECKM(l && json_array_size(l) == 1, "transaction %s: %zu donations", ref, l ? json_array_size(l) : 0))
		return NULL;
	return json_array_get(l, 0);
}

struct want_gift {
	const char *ref;
	long long fen;
	const char *donor;	/* NULL: anonymous */
	const char *on, *platform, *purpose;
};

/* Each gift recorded once, into fund, online, as the statement says: the
 * amount in fen, the day, the platform, anonymous donors anonymous (no
 * name, no receipt), named ones with a receipt number. */
static void check_gifts(struct srv *s, const char *tok, long long fund, const struct want_gift *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_t *d = gift_of(s, tok, w[i].ref);
		if (!d)
			continue;
		CHECK_INT(jint(d, "fund_id"), fund);
		CHECK_INT(jint(d, "amount_fen"), w[i].fen);
		CHECK_STR(jstr(d, "channel"), "online_platform");
		CHECK_STR(jstr(d, "platform"), w[i].platform);
		CHECK_STR(jstr(d, "received_on"), w[i].on);
		CHECK_STR(jstr(d, "status"), "recorded");
		if (w[i].purpose)
			CHECK_STR(jstr(d, "purpose"), w[i].purpose);
		if (w[i].donor) {
			CHECK_STR(jstr(d, "donor_name"), w[i].donor);
			CHECK(json_is_false(jget(d, "anonymous")));
			CHECK(jstr(d, "receipt_no") != NULL);
		} else {
			CHECKM(json_is_true(jget(d, "anonymous")), "%s is not anonymous", w[i].ref);
			CHECK(json_is_null(jget(d, "donor_name")) || !jget(d, "donor_name"));
			CHECK(json_is_null(jget(d, "receipt_no")) || !jget(d, "receipt_no"));
		}
	}
}

static void check_no_errors(json_t *j)
{
	CHECKM(j && json_array_size(jget(j, "errors")) == 0, "errors: %s",
	       j ? (char *)track(json_dumps(jget(j, "errors"), 0), free) : "(no job)");
}

static const struct want_gift tencent[] = {
	{"TX20260901001", 10000, "张三", "2026-09-01", "腾讯公益", "助学加油"},
	{"TX20260901002", 100000, NULL, "2026-09-01", "腾讯公益", NULL},
	{"TX20260902003", 1, NULL, "2026-09-02", "腾讯公益", NULL},
	{"TX20260903004", 8850, "李四", "2026-09-03", "腾讯公益", "给孩子们买书"},
	{"TX20260903005", 2000, NULL, "2026-09-03", "腾讯公益", NULL},
};
#define TENCENT_FEN (10000 + 100000 + 1 + 8850 + 2000)

/* The three statements into a student-aid fund by the org's social worker:
 * a dry run writes nothing; each gift once with its fen; the balance and
 * the trial balance; a second import of each file records nothing new. */
void t_import_gifts_from_statements_into_a_fund(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA);
	const char *tx = platform_opt("腾讯公益"), *wb = platform_opt("新浪微公益");
	json_t *j = import_gift_file(s, c.sw_a, f, fmt("%s&dry_run=true", tx), "gifts_utf8.csv", NULL);
	job_counts(j, 5, 0, 0, 0);
	if (!j)
		return;
	CHECK_STR(jstr(j, "kind"), "donations");
	CHECK_INT(jint(j, "fund_id"), f);
	CHECK_STR(jstr(j, "platform"), "腾讯公益");
	CHECK_STR(jstr(j, "status"), "done");
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);
	CHECK_INT(COUNT(s, fmt("/api/v1/funds/%lld/ledger", f)), 0);
	CHECK_INT(balance_of(s, f), 0);

	/* UTF-8 as 腾讯公益 exports it */
	j = import_gift_file(s, c.sw_a, f, tx, "gifts_utf8.csv", NULL);
	job_counts(j, 5, 0, 0, 0);
	check_no_errors(j);
	CHECK_STR(jstr(j, "format"), "csv-utf8");
	check_gifts(s, c.sw_a, f, tencent, sizeof tencent / sizeof *tencent);
	CHECK_INT(balance_of(s, f), TENCENT_FEN);
	check_trial(s, f, TENCENT_FEN);

	/* GB18030 as Excel saves it, the platform in a column */
	static const struct want_gift alipay[] = {
		{"2026100100001", 123450, "王五", "2026-10-01", "支付宝公益", NULL},
		{"2026100200002", 6600, NULL, "2026-10-02", "支付宝公益", "助学"},
		{"2026100300003", 500, "赵六", "2026-10-03", "支付宝公益", NULL},
	};
	j = import_gift_file(s, c.sw_a, f, "", "gifts_gb18030.csv", NULL);
	job_counts(j, 3, 0, 0, 0);
	CHECK_STR(jstr(j, "format"), "csv-gb18030");
	check_gifts(s, c.sw_a, f, alipay, sizeof alipay / sizeof *alipay);

	/* XLSX: numbers, a date-time cell; a transaction stored as a number is refused by name */
	static const struct want_gift weibo[] = {
		{"WB-2026-11-01-0001", 20000, "钱七", "2026-11-01", "新浪微公益", "一起加油"},
		{"WB-2026-11-03-0003", 5050, NULL, "2026-11-03", "新浪微公益", NULL},
	};
	j = import_gift_file(s, c.sw_a, f, wb, "gifts.xlsx", "en");
	job_counts(j, 2, 0, 0, 1);
	CHECK_STR(jstr(j, "format"), "xlsx");
	check_errors(j, 1, (const int[]){3}, (const char *const[]){"订单号"});
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "stored as a number"));
	check_gifts(s, c.sw_a, f, weibo, sizeof weibo / sizeof *weibo);
	long long total = TENCENT_FEN + 123450 + 6600 + 500 + 20000 + 5050;
	CHECK_INT(COUNT(s, "/api/v1/donations"), 10);
	CHECK_INT(balance_of(s, f), total);
	check_trial(s, f, total);

	/* again: every row matched, nothing new */
	j = import_gift_file(s, c.sw_a, f, tx, "gifts_utf8.csv", NULL);
	job_counts(j, 0, 0, 5, 0);
	check_no_errors(j);
	j = import_gift_file(s, c.sw_a, f, "", "gifts_gb18030.csv", NULL);
	job_counts(j, 0, 0, 3, 0);
	check_no_errors(j);
	j = import_gift_file(s, c.sw_a, f, wb, "gifts.xlsx", "en");
	job_counts(j, 0, 0, 2, 1);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 10);
	CHECK_INT(COUNT(s, fmt("/api/v1/funds/%lld/ledger", f)), 10);
	CHECK_INT(balance_of(s, f), total);
	check_trial(s, f, total);
	char *out;
	CHECKM(check_ledger(s, &out) == 0 && strstr(out, "balanced"), "check-ledger: %s", out);
}

/* A gift recorded by hand (POST /donations) into fund f. */
static long long hand_gift(struct srv *s, const char *tok, long long fund, const char *platform, const char *ref,
			   long long fen)
{
	return MK(s, tok, "/api/v1/donations",
		  fmt("{\"fund_id\":%lld,\"amount_fen\":%lld,\"channel\":\"online_platform\",\"donor_name\":\"手录\","
		      "\"platform\":\"%s\",\"platform_ref\":\"%s\",\"received_on\":\"2026-09-01\"}",
		      fund, fen, platform, ref));
}

/* Matching by (transaction, platform): a gift recorded by hand with the
 * same amount is skipped; another amount is an error on the amount column;
 * another fund or a voided gift an error on the transaction column; the
 * same transaction on another platform is another gift; twice in one file,
 * the second row is an error naming the first. */
void t_import_gifts_match_by_transaction_never_twice(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA), g = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA);
	hand_gift(s, c.sw_a, f, "腾讯公益", "TX20260901001", 10000);
	hand_gift(s, c.sw_a, f, "腾讯公益", "TX20260901002", 99900);
	hand_gift(s, c.sw_a, g, "腾讯公益", "TX20260902003", 1);
	long long v = hand_gift(s, c.sw_a, f, "腾讯公益", "TX20260903004", 8850);
	hand_gift(s, c.sw_a, f, "支付宝公益", "TX20260903005", 5000);
	EXPECT_STATUS(http(s, "POST", fmt("/api/v1/donations/%lld/void", v), c.oa_a, "{\"reason\":\"录错了\"}"), 200);
	long long cash = 10000 + 99900 + 5000;
	CHECK_INT(balance_of(s, f), cash);

	json_t *j = import_gift_file(s, c.sw_a, f, platform_opt("腾讯公益"), "gifts_utf8.csv", NULL);
	job_counts(j, 1, 0, 1, 3);
	check_errors(j, 3, (const int[]){3, 4, 5}, (const char *const[]){"金额（元）", "交易流水号", "交易流水号"});
	CHECK_STR(jstr(j, "errors.0.message"), "交易号 TX20260901002 已登记为 999.00 元，与本行金额不同");
	CHECK(jstr(j, "errors.1.message") && strstr(jstr(j, "errors.1.message"), "另一个基金"));
	CHECK(jstr(j, "errors.2.message") && strstr(jstr(j, "errors.2.message"), "作废"));
	cash += 2000; /* TX20260903005 on 腾讯公益: not the 支付宝公益 gift of that number */
	CHECK_INT(COUNT(s, "/api/v1/donations"), 6);
	CHECK_INT(COUNT(s, "/api/v1/donations?platform_ref=TX20260903005"), 2);
	CHECK_INT(balance_of(s, f), cash);
	/* in English too */
	j = import_gift_file(s, c.sw_a, f, fmt("%s&dry_run=true", platform_opt("腾讯公益")), "gifts_utf8.csv", "en");
	job_counts(j, 0, 0, 2, 3);
	CHECK_STR(jstr(j, "errors.0.message"),
		  "transaction TX20260901002 is already recorded as 999.00 yuan, not this row's amount");

	/* one transaction twice in a file */
	const char *csv = "交易号,金额,捐赠时间\r\nD-1,10,2026-11-01\r\nD-2,20,2026-11-01\r\nD-1,10,2026-11-02\r\n";
	j = import_gifts(s, c.sw_a, f, platform_opt("腾讯公益"), csv, 0, CSV, NULL);
	job_counts(j, 2, 0, 0, 1);
	check_errors(j, 1, (const int[]){4}, (const char *const[]){"交易号"});
	CHECK_STR(jstr(j, "errors.0.message"), "该交易号与第2行重复");
	cash += 3000;
	j = import_gifts(s, c.sw_a, f, platform_opt("腾讯公益"), csv, 0, CSV, NULL);
	job_counts(j, 0, 0, 2, 1);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 8);
	CHECK_INT(balance_of(s, f), cash);
	check_trial(s, f, cash);
	check_trial(s, g, 1);
	char *out;
	CHECKM(check_ledger(s, &out) == 0 && strstr(out, "balanced"), "check-ledger: %s", out);
}

/* Bad amounts and dates are row errors naming their columns, in the
 * run's language (the importer's own words, or the donation path's: an
 * amount of 0, a day after today, a missing transaction); all_or_nothing
 * writes nothing; a missing required column or an unknown one stops the
 * job at the header. */
void t_import_gifts_row_errors_name_their_columns(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "pooled", c.uSWA);
	const char *tx = platform_opt("腾讯公益");
	const char *csv = "交易号,捐赠人,金额,支付时间,留言\r\n"
			  "E-1,甲,1.234,2026-11-01,\r\n"
			  "E-2,乙,-5,2026-11-01,\r\n"
			  "E-3,丙,0,2026-11-01,\r\n"
			  "E-4,丁,10000000000.01,2026-11-01,\r\n"
			  "E-5,戊,10,2026-13-01,\r\n"
			  "E-6,己,10,2099-01-01 08:00:00,\r\n"
			  ",庚,10,2026-11-01,\r\n"
			  "E-8,辛,10,2026-11-01 10:61,\r\n"
			  "E-9,壬,\"1,000.00\",2026-11-01 10:00,\r\n"
			  "E-10,癸,1e3,2026-11-01,\r\n";
	static const int rows[] = {2, 3, 4, 5, 6, 7, 8, 9, 11};
	static const char *const cols[] = {"金额", "金额", "金额", "金额", "支付时间", "支付时间", "交易号", "支付时间", "金额"};
	json_t *j = import_gifts(s, c.sw_a, f, fmt("%s&dry_run=true", tx), csv, 0, CSV, "en");
	job_counts(j, 1, 0, 0, 9);
	check_errors(j, 9, rows, cols);
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "at most two decimals"));
	CHECK(jstr(j, "errors.2.message") && strstr(jstr(j, "errors.2.message"), "amount_fen"));
	j = import_gifts(s, c.sw_a, f, fmt("%s&dry_run=true", tx), csv, 0, CSV, NULL);
	check_errors(j, 9, rows, cols);
	CHECK_STR(jstr(j, "errors.0.message"), "金额应为以元为单位的金额，如 100、100.50 或 1,000.00（最多两位小数）");
	CHECK_STR(jstr(j, "errors.2.message"), "金额应大于 0 元，且不超过 100 亿元");
	CHECK_STR(jstr(j, "errors.4.message"), "支付时间应为日期，如 2026-09-01，可带时间（2026-09-01 10:23:45）");
	CHECK_STR(jstr(j, "errors.5.message"), "支付时间不能晚于今天");
	CHECK(jstr(j, "errors.6.message") && strstr(jstr(j, "errors.6.message"), "交易号不能为空"));
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);

	j = import_gifts(s, c.sw_a, f, fmt("%s&all_or_nothing=true", tx), csv, 0, CSV, NULL);
	CHECK_STR(jstr(j, "status"), "failed");
	job_counts(j, 0, 0, 0, 9);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);
	CHECK_INT(balance_of(s, f), 0);
	j = import_gifts(s, c.sw_a, f, tx, csv, 0, CSV, NULL);
	job_counts(j, 1, 0, 0, 9);
	CHECK_INT(balance_of(s, f), 100000);
	check_trial(s, f, 100000);

	/* the header: a required column missing, an unknown one */
	j = import_gifts(s, c.sw_a, f, tx, "交易号,捐赠时间\r\nH-1,2026-11-01\r\n", 0, CSV, "en");
	CHECK_STR(jstr(j, "status"), "failed");
	CHECK(jisnull(j, "errors.0.column"));
	CHECK(jstr(j, "errors.0.message") && strstr(jstr(j, "errors.0.message"), "金额"));
	j = import_gifts(s, c.sw_a, f, tx, "交易号,金额,捐赠时间,手续费\r\nH-1,10,2026-11-01,0.01\r\n", 0, CSV, "en");
	CHECK_STR(jstr(j, "status"), "failed");
	CHECK_STR(jstr(j, "errors.0.column"), "手续费");
	CHECK_INT(COUNT(s, "/api/v1/donations"), 1);
	char *out;
	CHECKM(check_ledger(s, &out) == 0, "check-ledger: %s", out);
}

/* fund_id and platform: required for kind=donations (422 naming them),
 * refused for other kinds; another org's staff, a regional admin and a
 * volunteer get 403; a row's 平台 overrides the option. */
void t_import_gifts_options_and_access(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA);
	const char *csv = "交易号,金额,捐赠时间\r\nO-1,10,2026-11-01\r\n";
	const char *tx = platform_opt("腾讯公益");
	static const struct {
		const char *query, *code, *field;
	} bad[] = {
		{"kind=donations", "required", "fund_id"},
		{"kind=donations&fund_id=abc&platform=x", "invalid_value", "fund_id"},
		{"kind=donations&fund_id=0&platform=x", "invalid_value", "fund_id"},
		{"kind=donations&fund_id=999999&platform=x", "invalid_value", "fund_id"},
		{"kind=donations&fund_id={f}", "required", "platform"},
		{"kind=donations&fund_id={f}&platform=", "invalid_value", "platform"},
		{"kind=donations&fund_id={f}&platform=x&on_existing=update", "invalid_value", "on_existing"},
		{"kind=people&fund_id={f}", "invalid_value", "fund_id"},
		{"kind=clients&platform=x", "invalid_value", "platform"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *q = bad[i].query, *at = strstr(q, "{f}");
		if (at)
			q = fmt("%.*s%lld%s", (int)(at - q), q, f, at + 3);
		EXPECT_ERR(post_sheet(s, c.sw_a, q, csv, 0, CSV, NULL), 422, bad[i].code, bad[i].field);
	}
	const char *q = fmt("kind=donations&fund_id=%lld%s", f, tx);
	EXPECT_ERR(post_sheet(s, c.oa_b, q, csv, 0, CSV, NULL), 403, "forbidden", "fund_id");
	EXPECT_ERR(post_sheet(s, c.sw_b, q, csv, 0, CSV, NULL), 403, "forbidden", "fund_id");
	EXPECT_ERR(post_sheet(s, c.ra, q, csv, 0, CSV, NULL), 403, "forbidden", "fund_id");
	EXPECT_ERR(post_sheet(s, c.vol, q, csv, 0, CSV, NULL), 403, "forbidden", NULL);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);

	/* the org's admin may; a row's 平台 overrides the option */
	json_t *j = import_gifts(s, c.oa_a, f, tx,
				 "交易号,金额,捐赠时间,平台\r\nO-1,10,2026-11-01,支付宝公益\r\nO-2,20,2026-11-01,\r\n", 0, CSV,
				 NULL);
	job_counts(j, 2, 0, 0, 0);
	json_t *d = gift_of(s, c.oa_a, "O-1");
	CHECK_STR(d ? jstr(d, "platform") : NULL, "支付宝公益");
	d = gift_of(s, c.oa_a, "O-2");
	CHECK_STR(d ? jstr(d, "platform") : NULL, "腾讯公益");
	/* a sheet with a 平台 column needs no option */
	j = import_gifts(s, c.sw_a, f, "", "交易号,金额,捐赠时间,募捐平台\r\nO-3,30,2026-11-01,支付宝公益\r\n", 0, CSV, NULL);
	job_counts(j, 1, 0, 0, 0);
	check_trial(s, f, 6000);
}

/* `liandong import --kind donations --fund ID --platform NAME FILE`: a dry
 * run writes nothing; the run records the gifts; again, nothing new (exit
 * 0: no bad row); without --fund, exit 1. */
void t_import_gifts_from_the_command_line(struct srv *s)
{
	struct cworld c;
	if (!care_world(s, &c))
		return;
	long long f = mk_fund(s, c.oa_a, c.A, "student_aid", c.uSWA);
	char *bin = track(strdup(s->bin), free);
	const char *file = fmt("%s/../tests/fixtures/import/gifts_utf8.csv", dirname(bin)), *fs = fmt("%lld", f);
	const char *dry[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "donations", "--fund", fs,
			     "--platform", "腾讯公益", "--dry-run", file, NULL};
	CHECK_INT(run_tool(s, dry, NULL), 0);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 0);
	const char *real[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "donations", "--fund", fs,
			      "--platform", "腾讯公益", file, NULL};
	CHECK_INT(run_tool(s, real, NULL), 0);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 5);
	check_gifts(s, s->admin, f, tencent, sizeof tencent / sizeof *tencent);
	CHECK_INT(run_tool(s, real, NULL), 0);
	CHECK_INT(COUNT(s, "/api/v1/donations"), 5);
	const char *no_fund[] = {s->bin, "import", "--db", s->db, "--key-file", s->key, "--kind", "donations",
				 "--platform", "腾讯公益", file, NULL};
	CHECK_INT(run_tool(s, no_fund, NULL), 1);
	CHECK_INT(balance_of(s, f), TENCENT_FEN);
	check_trial(s, f, TENCENT_FEN);
	char *out;
	CHECKM(check_ledger(s, &out) == 0 && strstr(out, "balanced"), "check-ledger: %s", out);
}
