/* test_import_cols.c - unit tests for domain/import_cols: every header of
 * the table finds its column (with spaces, a required mark and ASCII case
 * ignored), unknown headers find none, each kind's required columns, the
 * cell values offices write are normalised (性别, dates with or without a
 * time, 是/否, 职业资格, skills, anonymous donors), and messages fill
 * their placeholders in both languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/import_cols.h"

static void test_every_header_finds_its_column(void **state)
{
	(void)state;
	for (int c = 0; c < IC__COUNT; c++) {
		const struct import_col_def *d = import_col_def((enum import_col)c);
		assert_int_equal(d->col, c);
		for (int k = IK_PEOPLE; k <= IK_DONATIONS; k <<= 1)
			for (const char *const *h = d->headers; *h; h++) {
				const struct import_col_def *got = import_col_find(*h, (enum import_kind)k);
				if (!(d->kinds & (unsigned)k))
					continue;
				assert_non_null(got);
				assert_int_equal(got->col, c);
			}
	}
	static const struct {
		const char *header;
		enum import_kind kind;
		int col; /* -1: none */
	} found[] = {
		{" 身份证号* ", IK_PEOPLE, IC_ID_NUMBER},
		{"\xe3\x80\x80姓名\xef\xbc\x8a", IK_PEOPLE, IC_NAME},
		{"ID_Number", IK_CLIENTS, IC_ID_NUMBER},
		/* one header, two kinds: 所属组织 is the volunteer's org or the client's */
		{"所属组织", IK_PEOPLE, IC_ORG},
		{"所属组织", IK_CLIENTS, IC_CLIENT_ORG},
		{"服务对象类别", IK_PEOPLE, -1},
		{"技能", IK_CLIENTS, -1},
		/* a platform's statement: its headers, only in a sheet of gifts */
		{"交易流水号", IK_DONATIONS, IC_PLATFORM_REF},
		{"金额（元）", IK_DONATIONS, IC_AMOUNT},
		{"用户昵称", IK_DONATIONS, IC_DONOR_NAME},
		{"支付时间", IK_DONATIONS, IC_RECEIVED_ON},
		{"募捐平台", IK_DONATIONS, IC_PLATFORM},
		{"备注", IK_DONATIONS, IC_PURPOSE},
		{"备注", IK_PEOPLE, -1},
		{"姓名", IK_DONATIONS, -1},
		{"amount_fen", IK_DONATIONS, -1}, /* the sheet's amount is in yuan */
	};
	for (size_t i = 0; i < sizeof found / sizeof *found; i++) {
		const struct import_col_def *d = import_col_find(found[i].header, found[i].kind);
		assert_int_equal(d ? (int)d->col : -1, found[i].col);
	}
	assert_int_equal(import_kind_parse("clients"), IK_CLIENTS);
	assert_int_equal(import_kind_parse("needs"), 0);
	assert_int_equal(import_kind_parse("donations"), IK_DONATIONS);
	assert_int_equal(import_kind_parse("Donations"), 0);
	assert_int_equal(import_kind_parse(NULL), 0);
	assert_string_equal(import_col_label(IC_PLATFORM_REF), "交易号");
	assert_string_equal(import_col_label(IC_ID_NUMBER), "身份证号");
}

static void test_unknown_headers_find_nothing(void **state)
{
	(void)state;
	static const char *const unknown[] = {"备注", "", "*", "name2", "姓 名"};
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++)
		assert_null(import_col_find(unknown[i], IK_PEOPLE | IK_CLIENTS));
}

/* Each kind's columns that a sheet cannot do without. */
static void test_required_columns(void **state)
{
	(void)state;
	static const struct {
		enum import_kind k;
		enum import_col c[6];
		int n;
	} want[] = {
		{IK_PEOPLE, {IC_NAME, IC_ID_NUMBER}, 2},
		{IK_CLIENTS, {IC_NAME, IC_ID_NUMBER, IC_CLIENT_ORG, IC_CATEGORY, IC_CONSENT}, 5},
		{IK_DONATIONS, {IC_PLATFORM_REF, IC_AMOUNT, IC_RECEIVED_ON}, 3},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		int n = 0;
		for (int c = 0; c < IC__COUNT; c++) {
			const struct import_col_def *d = import_col_def((enum import_col)c);
			if (!(d->required & (unsigned)want[i].k))
				continue;
			assert_true(d->kinds & (unsigned)want[i].k);
			assert_true(n < want[i].n);
			assert_int_equal(c, want[i].c[n++]);
		}
		assert_int_equal(n, want[i].n);
	}
}

static void test_cell_values(void **state)
{
	(void)state;
	const char *v;
	assert_int_equal(import_gender("男", &v), 0);
	assert_string_equal(v, "male");
	assert_int_equal(import_gender("Female", &v), 0);
	assert_string_equal(v, "female");
	assert_int_equal(import_gender("未知", &v), -1);
	assert_int_equal(import_bool("是", &v), 0);
	assert_string_equal(v, "true");
	assert_int_equal(import_bool("否", &v), 0);
	assert_string_equal(v, "false");
	assert_int_equal(import_bool("也许", &v), -1);
	assert_int_equal(import_qualification("助理社会工作师", &v), 0);
	assert_string_equal(v, "assistant");
	assert_int_equal(import_qualification("高级社会工作师", &v), 0);
	assert_string_equal(v, "senior");
	assert_int_equal(import_qualification("社会工作师", &v), 0);
	assert_string_equal(v, "intermediate");
	assert_int_equal(import_qualification("博士", &v), -1);
	static const char *const cats[][2] = {
		{"老年人", "elderly"}, {"留守儿童", "left_behind_child"}, {"困境儿童", "left_behind_child"},
		{"残疾人", "disabled"}, {"低保家庭", "hardship_family"}, {"家暴受害者", "dv_victim"},
		{"助学对象", "student_aid"}, {"其他", "other"}, {"dv_victim", "dv_victim"},
	};
	for (size_t i = 0; i < sizeof cats / sizeof *cats; i++) {
		assert_int_equal(import_client_category(cats[i][0], &v), 0);
		assert_string_equal(v, cats[i][1]);
	}
	assert_int_equal(import_client_category("青少年", &v), -1);
	assert_int_equal(import_care_level("半自理", &v), 0);
	assert_string_equal(v, "partial");
	assert_int_equal(import_care_level("不能自理", &v), 0);
	assert_string_equal(v, "dependent");
	assert_int_equal(import_care_level("一级", &v), -1);
	assert_int_equal(import_capacity("限制民事行为能力", &v), 0);
	assert_string_equal(v, "limited");
	assert_int_equal(import_capacity("部分", &v), -1);
	int sw = -1;
	assert_int_equal(import_role("社工", &sw), 0);
	assert_int_equal(sw, 1);
	assert_int_equal(import_role("志愿者", &sw), 0);
	assert_int_equal(sw, 0);
}

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} ok[] = {{"1980-01-31", "1980-01-31"}, {"1980/1/31", "1980-01-31"}, {"1980.1.3", "1980-01-03"},
		  {"1980年1月31日", "1980-01-31"}, {"2000-02-29", "2000-02-29"}};
	char out[11];
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		assert_int_equal(import_date(ok[i].in, out), 0);
		assert_string_equal(out, ok[i].want);
	}
	static const char *const bad[] = {"1900-02-29", "1980-02-30", "1980-13-01", "80-1-1", "1980-01-01x",
					  "1980-1", "", "1899-12-31", "2001-02-29"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(import_date(bad[i], out), -1);
		assert_int_equal(import_date_time(bad[i], out), -1);
	}
	/* with a time after the date, as statements write it: the day */
	static const struct {
		const char *in, *want;
	} dt[] = {{"2026-09-01 10:23:45", "2026-09-01"}, {"2026/9/1 9:05", "2026-09-01"},
		  {"2026-09-01T10:23:45.123", "2026-09-01"}, {"2026年9月1日 23:59:60", "2026-09-01"},
		  {"2026-09-01  00:00", "2026-09-01"}, {"2026-09-01", "2026-09-01"}};
	for (size_t i = 0; i < sizeof dt / sizeof *dt; i++) {
		assert_int_equal(import_date_time(dt[i].in, out), 0);
		assert_string_equal(out, dt[i].want);
	}
	static const char *const bad_dt[] = {"2026-09-01 24:00", "2026-09-01 10:60", "2026-09-01 10", "2026-09-01 ",
					     "2026-09-01 10:23:45 PM", "2026-09-31 10:00", "2026-09-01T", "T10:00",
					     "2026-09-01 10:23:45.", "2026-09-01 上午10:23"};
	for (size_t i = 0; i < sizeof bad_dt / sizeof *bad_dt; i++)
		assert_int_equal(import_date_time(bad_dt[i], out), -1);
	/* a birth date takes no time */
	assert_int_equal(import_date("2026-09-01 10:23:45", out), -1);
}

static void test_anonymous_donors(void **state)
{
	(void)state;
	static const char *const anon[] = {"匿名", "匿名用户", "爱心网友", "Anonymous"};
	for (size_t i = 0; i < sizeof anon / sizeof *anon; i++)
		assert_int_equal(import_anonymous(anon[i]), 1);
	static const char *const named[] = {"张三", "爱心人士", "匿名者", "网友"};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		assert_int_equal(import_anonymous(named[i]), 0);
}

static void test_skills_split_on_every_separator(void **state)
{
	(void)state;
	char out[64];
	int n = import_skills("急救、驾驶，心理疏导; 法律/助老", out, sizeof out);
	assert_int_equal(n, (int)strlen(out));
	assert_string_equal(out, "急救\n驾驶\n心理疏导\n法律\n助老");
	assert_int_equal(import_skills("、、", out, sizeof out), 0);
	assert_string_equal(out, "");
	char tiny[4];
	assert_int_equal(import_skills("急救", tiny, sizeof tiny), -1);
}

static void test_messages(void **state)
{
	(void)state;
	char buf[256];
	for (int m = 0; m < IM__COUNT; m++) {
		assert_non_null(import_msg_text((enum import_msg)m, "zh"));
		assert_non_null(import_msg_text((enum import_msg)m, "en"));
	}
	import_msg_fill(import_msg_text(IM_ID_AS_NUMBER, "en"), "身份证号", "", buf, sizeof buf);
	assert_string_equal(buf, "身份证号 was stored as a number and lost its last digits; format the column as text");
	import_msg_fill(import_msg_text(IM_DUP_IN_FILE, "zh"), "", "7", buf, sizeof buf);
	assert_string_equal(buf, "该身份证号与第7行重复");
	import_msg_fill("{col}{col}{col}", "abcdef", "", buf, 8);
	assert_string_equal(buf, "abcdefa");
	import_msg_fill2(import_msg_text(IM_REF_AMOUNT_DIFFERS, "zh"), "金额", "TX-9", "100.00", buf, sizeof buf);
	assert_string_equal(buf, "交易号 TX-9 已登记为 100.00 元，与本行金额不同");
	import_msg_fill2("{val}/{val2}/{val}", "", "a", NULL, buf, sizeof buf);
	assert_string_equal(buf, "a//a");
	import_msg_fill("{val2}{val}", "", "v", buf, sizeof buf);
	assert_string_equal(buf, "v");
	assert_non_null(import_api_msg_zh("amount_fen", "invalid_value"));
	assert_non_null(import_api_msg_zh("received_on", "invalid_value"));
	assert_non_null(import_api_msg_zh("phone", "invalid_value"));
	assert_non_null(import_api_msg_zh("anything", "forbidden"));
	assert_null(import_api_msg_zh("phone", "rule_violation"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_header_finds_its_column),
		cmocka_unit_test(test_unknown_headers_find_nothing),
		cmocka_unit_test(test_required_columns),
		cmocka_unit_test(test_cell_values),
		cmocka_unit_test(test_anonymous_donors),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_skills_split_on_every_separator),
		cmocka_unit_test(test_messages),
	};
	return cmocka_run_group_tests_name("import_cols", tests, NULL, NULL);
}
