/* test_import_cols.c - unit tests for domain/import_cols: every header of
 * the table finds its column (with spaces, a required mark and ASCII case
 * ignored), unknown headers find none, the cell values offices write are
 * normalised (性别, dates, 是/否, 职业资格, skills), and messages fill
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
		for (int k = IK_PEOPLE; k <= IK_CLIENTS; k <<= 1)
			for (const char *const *h = d->headers; *h; h++) {
				const struct import_col_def *got = import_col_find(*h, (enum import_kind)k);
				if (!(d->kinds & (unsigned)k))
					continue;
				assert_non_null(got);
				assert_int_equal(got->col, c);
			}
	}
	assert_int_equal(import_col_find(" 身份证号* ", IK_PEOPLE)->col, IC_ID_NUMBER);
	assert_int_equal(import_col_find("\xe3\x80\x80姓名\xef\xbc\x8a", IK_PEOPLE)->col, IC_NAME);
	assert_int_equal(import_col_find("ID_Number", IK_CLIENTS)->col, IC_ID_NUMBER);
	/* one header, two kinds: 所属组织 is the volunteer's org or the client's */
	assert_int_equal(import_col_find("所属组织", IK_PEOPLE)->col, IC_ORG);
	assert_int_equal(import_col_find("所属组织", IK_CLIENTS)->col, IC_CLIENT_ORG);
	assert_null(import_col_find("服务对象类别", IK_PEOPLE));
	assert_null(import_col_find("技能", IK_CLIENTS));
	assert_int_equal(import_kind_parse("clients"), IK_CLIENTS);
	assert_int_equal(import_kind_parse("needs"), 0);
	assert_string_equal(import_col_label(IC_ID_NUMBER), "身份证号");
}

static void test_unknown_headers_find_nothing(void **state)
{
	(void)state;
	static const char *const unknown[] = {"备注", "", "*", "name2", "姓 名"};
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++)
		assert_null(import_col_find(unknown[i], IK_PEOPLE | IK_CLIENTS));
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
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(import_date(bad[i], out), -1);
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
	assert_non_null(import_api_msg_zh("phone", "invalid_value"));
	assert_non_null(import_api_msg_zh("anything", "forbidden"));
	assert_null(import_api_msg_zh("phone", "rule_violation"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_header_finds_its_column),
		cmocka_unit_test(test_unknown_headers_find_nothing),
		cmocka_unit_test(test_cell_values),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_skills_split_on_every_separator),
		cmocka_unit_test(test_messages),
	};
	return cmocka_run_group_tests_name("import_cols", tests, NULL, NULL);
}
