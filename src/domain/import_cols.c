/* import_cols.c - the header table, cell values and messages of an import;
 * see import_cols.h. */
#include "domain/import_cols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define H(...) ((const char *const[]){__VA_ARGS__, NULL})

#define P IK_PEOPLE
#define C IK_CLIENTS
#define D IK_DONATIONS

/* One line a column: the API name first, then the headers offices (and
 * platforms) write; the kinds of sheet that have it; whether the cell names
 * a record to look up; the kinds of sheet that must have it. */
static const struct import_col_def defs[IC__COUNT] = {
	{IC_NAME, IT_PERSON, "name", H("name", "姓名", "名字"), P | C, 0, P | C},
	{IC_ID_NUMBER, IT_PERSON, "id_number",
	 H("id_number", "身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码"), P | C, 0, P | C},
	{IC_PHONE, IT_PERSON, "phone", H("phone", "手机号", "联系电话", "手机", "手机号码", "电话"), P | C, 0, 0},
	{IC_GENDER, IT_PERSON, "gender", H("gender", "性别"), P | C, 0, 0},
	{IC_BIRTH_DATE, IT_PERSON, "birth_date", H("birth_date", "出生日期", "出生年月日"), P | C, 0, 0},
	{IC_ADDRESS, IT_PERSON, "address", H("address", "住址", "地址", "居住地址", "家庭住址"), P | C, 0, 0},
	{IC_SKILLS, IT_PERSON, "skills", H("skills", "技能", "特长", "技能/特长", "技能特长"), P, 0, 0},
	{IC_ROLE, IT_ROLE, NULL, H("role", "组织类型", "人员类型", "身份"), P, 0, 0},
	{IC_ORG, IT_VOLUNTEER, "org_id", H("org", "所属组织", "志愿者组织", "所属志愿服务组织"), P, 1, 0},
	{IC_SW_ORG, IT_SOCIAL_WORKER, "org_id", H("social_worker_org", "社工机构", "所属社工机构", "所属机构"), P, 1, 0},
	{IC_QUALIFICATION, IT_SOCIAL_WORKER, "qualification",
	 H("qualification", "职业资格", "社工资格", "职业水平", "资格等级"), P, 0, 0},
	{IC_CERTIFICATE_NO, IT_SOCIAL_WORKER, "certificate_no", H("certificate_no", "证书编号", "资格证书编号"), P, 0, 0},
	{IC_GUARDIAN_NAME, IT_VOLUNTEER, "guardian_name", H("guardian_name", "监护人", "监护人姓名"), P, 0, 0},
	{IC_GUARDIAN_CONSENT, IT_VOLUNTEER, "guardian_consent", H("guardian_consent", "监护人同意"), P, 0, 0},
	{IC_VOLUNTEER_NO, IT_NONE, NULL, H("volunteer_no", "志愿者编号", "志愿者证号"), P, 0, 0},
	{IC_CLIENT_ORG, IT_CLIENT, "org_id", H("org", "所属组织", "服务机构", "所属机构", "org_id"), C, 1, C},
	{IC_CATEGORY, IT_CLIENT, "category", H("category", "服务对象类别", "类别", "对象类别", "服务对象类型"), C, 0, C},
	{IC_CARE_LEVEL, IT_CLIENT, "care_level", H("care_level", "照护等级", "护理等级", "自理能力"), C, 0, 0},
	{IC_CONSENT, IT_CLIENT, "consent", H("consent", "知情同意", "本人同意", "是否同意"), C, 0, C},
	{IC_CAPACITY, IT_CLIENT, "capacity", H("capacity", "民事行为能力"), C, 0, 0},
	{IC_SOCIAL_WORKER, IT_CLIENT, "social_worker_id",
	 H("social_worker", "负责社工", "责任社工", "跟进社工", "social_worker_id"), C, 1, 0},
	/* a platform's statement: the amount is in yuan (not amount_fen) */
	{IC_PLATFORM_REF, IT_DONATION, "platform_ref", H("platform_ref", "交易号", "交易流水号", "订单号", "商户订单号"),
	 D, 0, D},
	{IC_AMOUNT, IT_DONATION, "amount_fen", H("amount", "金额", "捐赠金额", "捐款金额", "金额（元）", "金额(元)"), D, 0, D},
	{IC_DONOR_NAME, IT_DONATION, "donor_name", H("donor_name", "捐赠人", "捐赠人姓名", "昵称", "用户昵称"), D, 0, 0},
	{IC_RECEIVED_ON, IT_DONATION, "received_on", H("received_on", "捐赠时间", "支付时间", "日期", "捐赠日期"), D, 0, D},
	{IC_PLATFORM, IT_DONATION, "platform", H("platform", "平台", "募捐平台"), D, 0, 0},
	{IC_PURPOSE, IT_DONATION, "purpose", H("purpose", "留言", "备注", "用途"), D, 0, 0},
};

#undef P
#undef C
#undef D

/* h without surrounding spaces (ASCII and the ideographic U+3000) and a
 * trailing '*' or '＊' (the "required" mark), into out. */
static void header_norm(const char *h, char *out, size_t cap)
{
	static const char *const sp[] = {" ", "\t", "\xe3\x80\x80", NULL};
	static const char *const tail[] = {" ", "\t", "\xe3\x80\x80", "*", "\xef\xbc\x8a", NULL};
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; sp[i]; i++)
			if (strncmp(h, sp[i], strlen(sp[i])) == 0) {
				h += strlen(sp[i]);
				again = 1;
			}
	}
	size_t n = strlen(h);
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; tail[i]; i++) {
			size_t k = strlen(tail[i]);
			if (n >= k && memcmp(h + n - k, tail[i], k) == 0) {
				n -= k;
				again = 1;
			}
		}
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(out, h, n);
	out[n] = 0;
}

const struct import_col_def *import_col_find(const char *h, enum import_kind kind)
{
	char norm[256];
	header_norm(h, norm, sizeof norm);
	for (int i = 0; i < IC__COUNT; i++)
		for (const char *const *p = defs[i].headers; (defs[i].kinds & kind) && *p; p++)
			if (strcasecmp(*p, norm) == 0)
				return &defs[i];
	return NULL;
}

enum import_kind import_kind_parse(const char *s)
{
	static const char *const names[] = {"people", "clients", "donations"}; /* IK_* in order */
	for (size_t i = 0; s && i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum import_kind)(1 << i);
	return 0;
}

const struct import_col_def *import_col_def(enum import_col c)
{
	return &defs[c];
}

const char *import_col_label(enum import_col c)
{
	return defs[c].headers[1];
}

/* s among the NULL-terminated names: the index of the match, or -1. */
static int pick(const char *s, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

int import_gender(const char *s, const char **out)
{
	static const char *const n[] = {"男", "male", "m", "女", "female", "f", NULL};
	int i = pick(s, n);
	if (i < 0)
		return -1;
	*out = i < 3 ? "male" : "female";
	return 0;
}

struct word {
	const char *text, *value;
};

/* s among the words (ASCII case ignored): its value, or -1. */
static int word_pick(const char *s, const struct word *w, size_t n, const char **out)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(s, w[i].text) == 0) {
			*out = w[i].value;
			return 0;
		}
	return -1;
}

#define WORDS(s, w, out) word_pick(s, w, sizeof w / sizeof *w, out)

int import_qualification(const char *s, const char **out)
{
	static const struct word q[] = {
		{"无", "none"}, {"none", "none"}, {"助理社会工作师", "assistant"}, {"assistant", "assistant"},
		{"社会工作师", "intermediate"}, {"中级社会工作师", "intermediate"}, {"intermediate", "intermediate"},
		{"高级社会工作师", "senior"}, {"senior", "senior"},
	};
	return WORDS(s, q, out);
}

/* The categories of domain/casework.h. 困境儿童 (children in difficulty,
 * 国发〔2016〕36号) shares left_behind_child, the one category of children
 * in need; 低保/特困 families are hardship_family. */
int import_client_category(const char *s, const char **out)
{
	static const struct word w[] = {
		{"elderly", "elderly"}, {"老年人", "elderly"}, {"老人", "elderly"}, {"高龄老人", "elderly"},
		{"独居老人", "elderly"}, {"空巢老人", "elderly"},
		{"left_behind_child", "left_behind_child"}, {"留守儿童", "left_behind_child"},
		{"农村留守儿童", "left_behind_child"}, {"困境儿童", "left_behind_child"},
		{"disabled", "disabled"}, {"残疾人", "disabled"}, {"残障人士", "disabled"}, {"残疾", "disabled"},
		{"hardship_family", "hardship_family"}, {"困难家庭", "hardship_family"}, {"低保家庭", "hardship_family"},
		{"低保户", "hardship_family"}, {"特困家庭", "hardship_family"}, {"特困人员", "hardship_family"},
		{"dv_victim", "dv_victim"}, {"家暴受害者", "dv_victim"}, {"家暴受害人", "dv_victim"},
		{"家庭暴力受害者", "dv_victim"}, {"家庭暴力受害人", "dv_victim"},
		{"student_aid", "student_aid"}, {"助学对象", "student_aid"}, {"助学", "student_aid"},
		{"受助学生", "student_aid"},
		{"other", "other"}, {"其他", "other"}, {"其它", "other"},
	};
	return WORDS(s, w, out);
}

int import_care_level(const char *s, const char **out)
{
	static const struct word w[] = {
		{"self_care", "self_care"}, {"自理", "self_care"}, {"能自理", "self_care"}, {"完全自理", "self_care"},
		{"partial", "partial"}, {"半自理", "partial"}, {"部分自理", "partial"}, {"半失能", "partial"},
		{"dependent", "dependent"}, {"不能自理", "dependent"}, {"完全不能自理", "dependent"},
		{"失能", "dependent"},
	};
	return WORDS(s, w, out);
}

int import_capacity(const char *s, const char **out)
{
	static const struct word w[] = {
		{"full", "full"}, {"完全民事行为能力", "full"}, {"完全", "full"},
		{"limited", "limited"}, {"限制民事行为能力", "limited"}, {"限制", "limited"},
		{"none", "none"}, {"无民事行为能力", "none"}, {"无", "none"},
	};
	return WORDS(s, w, out);
}

int import_bool(const char *s, const char **out)
{
	static const char *const n[] = {"是", "true", "yes", "y", "1", "TRUE", "否", "false", "no", "n", "0", NULL};
	int i = pick(s, n);
	if (i < 0)
		return -1;
	*out = i < 6 ? "true" : "false";
	return 0;
}

int import_anonymous(const char *s)
{
	static const char *const n[] = {"匿名", "匿名用户", "爱心网友", "anonymous", NULL};
	return pick(s, n) >= 0;
}

int import_role(const char *s, int *social_worker)
{
	static const char *const n[] = {"志愿者", "volunteer", "社工", "社会工作者", "social_worker", NULL};
	int i = pick(s, n);
	if (i < 0)
		return -1;
	*social_worker = i >= 2;
	return 0;
}

/* A run of 1..max digits at *p as a number; -1 when there is none. */
static int digits(const char **p, int max)
{
	int v = 0, n = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

/* Skip one separator of a date: - / . or 年 月. */
static int date_sep(const char **p)
{
	static const char *const seps[] = {"-", "/", ".", "年", "月", NULL};
	for (int i = 0; seps[i]; i++)
		if (strncmp(*p, seps[i], strlen(seps[i])) == 0) {
			*p += strlen(seps[i]);
			return 0;
		}
	return -1;
}

int import_date(const char *s, char out[11])
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = s;
	int y = digits(&p, 4);
	if (y < 1900 || date_sep(&p))
		return -1;
	int m = digits(&p, 2);
	if (m < 1 || m > 12 || date_sep(&p))
		return -1;
	int d = digits(&p, 2);
	if (strcmp(p, "日") == 0)
		p += strlen("日");
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (*p || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 0;
}

/* A time of day: H:MM, H:MM:SS or H:MM:SS.fff, and nothing after it. */
static int time_of_day(const char *p)
{
	int h = digits(&p, 2);
	if (h < 0 || h > 23 || *p++ != ':')
		return -1;
	int m = digits(&p, 2);
	if (m < 0 || m > 59)
		return -1;
	if (*p == ':') {
		p++;
		int sec = digits(&p, 2);
		if (sec < 0 || sec > 60)
			return -1;
		if (*p == '.' && (p++, digits(&p, 9) < 0))
			return -1;
	}
	return *p ? -1 : 0;
}

int import_date_time(const char *s, char out[11])
{
	const char *t = strpbrk(s, " T");
	if (!t)
		return import_date(s, out);
	char day[32];
	size_t n = (size_t)(t - s);
	if (n >= sizeof day)
		return -1;
	memcpy(day, s, n);
	day[n] = 0;
	if (*t == 'T') /* 2026-09-01T10:23 */
		t++;
	else
		while (*t == ' ')
			t++;
	return time_of_day(t) || import_date(day, out) ? -1 : 0;
}

int import_skills(const char *s, char *out, size_t cap)
{
	static const char *const seps[] = {"、", ",", "，", ";", "；", "/", " ", "\xe3\x80\x80", NULL};
	size_t n = 0;
	int item = 0;
	for (const char *p = s; *p;) {
		size_t k = 0;
		for (int i = 0; seps[i] && !k; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				k = strlen(seps[i]);
		if (k) {
			p += k;
			item = 0;
			continue;
		}
		if (!item && n) {
			if (n + 1 >= cap)
				return -1;
			out[n++] = '\n';
		}
		item = 1;
		if (n + 1 >= cap)
			return -1;
		out[n++] = *p++;
	}
	out[n] = 0;
	return (int)n;
}

static const char *const msgs[IM__COUNT][2] = {
	/* en, zh */
	[IM_UNKNOWN_HEADER] = {"unknown column \"{col}\": rename it to a known header (see docs/API.md) or remove it",
			       "无法识别的列“{col}”：请改为可识别的列名（见说明）或删除该列"},
	[IM_DUP_HEADER] = {"column \"{col}\" is in the sheet twice", "列“{col}”在表中出现了两次"},
	[IM_MISSING_COLUMN] = {"the sheet has no {col} column", "表中缺少“{col}”列"},
	[IM_NO_ROWS] = {"the sheet has a header but no rows", "表中只有表头，没有数据行"},
	[IM_ID_AS_NUMBER] = {"{col} was stored as a number and lost its last digits; format the column as text",
			     "{col}被存成了数字，末几位已丢失；请把该列设为文本格式后重新填写"},
	[IM_FORMULA] = {"{col} is a formula; paste the values instead", "{col}是公式；请改为粘贴数值"},
	[IM_ERROR_CELL] = {"{col} holds the error {val}", "{col}是错误值 {val}"},
	[IM_ID_REQUIRED] = {"{col} is required: the ID number is what keeps a re-import from duplicating people",
			    "{col}不能为空：身份证号是避免重复导入的依据"},
	[IM_DUP_IN_FILE] = {"this ID number is already on row {val}", "该身份证号与第{val}行重复"},
	[IM_GENDER] = {"{col} must be 男 or 女 (male or female)", "{col}应为“男”或“女”"},
	[IM_DATE] = {"{col} must be a date like 1980-01-31", "{col}应为日期，如 1980-01-31"},
	[IM_BOOL] = {"{col} must be 是 or 否 (yes or no)", "{col}应填“是”或“否”"},
	[IM_QUALIFICATION] = {"{col} must be one of 无, 助理社会工作师, 社会工作师, 高级社会工作师",
			      "{col}应为：无、助理社会工作师、社会工作师、高级社会工作师之一"},
	[IM_ROLE] = {"{col} must be 志愿者 or 社工 (volunteer or social_worker)", "{col}应为“志愿者”或“社工”"},
	[IM_ORG_UNKNOWN] = {"no organisation named \"{val}\"", "找不到名为“{val}”的组织"},
	[IM_ORG_AMBIGUOUS] = {"several organisations are named \"{val}\"; give its id instead",
			      "有多个组织名为“{val}”，请改填组织编号"},
	[IM_VOLUNTEER_NO_IGNORED] = {"{col} is assigned by Liandong (志愿者统一编号); the numbers in the file are not kept",
				     "{col}由系统统一编制；文件中的编号不会导入"},
	[IM_SKILLS] = {"{col} is too long", "{col}过长"},
	[IM_HEADER_ERRORS] = {"nothing was imported: fix the header first", "未导入任何数据：请先修正表头"},
	[IM_CATEGORY] = {"{col} must be one of 老年人, 留守儿童, 困境儿童, 残疾人, 困难家庭, 家暴受害者, 助学对象, 其他",
			 "{col}应为：老年人、留守儿童、困境儿童、残疾人、困难家庭、家暴受害者、助学对象、其他之一"},
	[IM_CARE_LEVEL] = {"{col} must be 自理, 半自理 or 不能自理 (self_care, partial, dependent)",
			   "{col}应为“自理”“半自理”或“不能自理”"},
	[IM_CAPACITY] = {"{col} must be 完全, 限制 or 无民事行为能力 (full, limited, none)",
			 "{col}应为“完全民事行为能力”“限制民事行为能力”或“无民事行为能力”"},
	[IM_SW_UNKNOWN] = {"no social worker named \"{val}\" in the client's organisation",
			   "服务机构中找不到名为“{val}”的社工"},
	[IM_SW_AMBIGUOUS] = {"several social workers of the organisation are named \"{val}\"; give the social worker's id instead",
			     "服务机构中有多名社工名为“{val}”，请改填社工编号"},
	[IM_ALL_OR_NOTHING] = {"nothing was imported: some rows have errors (all_or_nothing)",
			       "未导入任何数据：部分行有错误（全部成功才导入）"},
	[IM_AMOUNT] = {"{col} must be an amount in yuan like 100, 100.50 or 1,000.00 (at most two decimals)",
		       "{col}应为以元为单位的金额，如 100、100.50 或 1,000.00（最多两位小数）"},
	[IM_DATE_TIME] = {"{col} must be a date like 2026-09-01, with or without a time (2026-09-01 10:23:45)",
			  "{col}应为日期，如 2026-09-01，可带时间（2026-09-01 10:23:45）"},
	[IM_REF_DUP_IN_FILE] = {"this transaction is already on row {val}", "该交易号与第{val}行重复"},
	[IM_REF_AMOUNT_DIFFERS] = {"transaction {val} is already recorded as {val2} yuan, not this row's amount",
				   "交易号 {val} 已登记为 {val2} 元，与本行金额不同"},
	[IM_REF_OTHER_FUND] = {"transaction {val} is already recorded into another fund",
			       "交易号 {val} 已登记到另一个基金"},
	[IM_REF_VOIDED] = {"transaction {val} was recorded and voided; a voided gift is not recorded again",
			   "交易号 {val} 已登记并已作废，不能再次登记"},
};

const char *import_msg_text(enum import_msg m, const char *lang)
{
	return msgs[m][lang && strcmp(lang, "en") == 0 ? 0 : 1];
}

static const struct {
	const char *field, *code, *zh;
} api_zh[] = {
	{"name", "required", "{col}不能为空"},
	{"name", "invalid_value", "{col}应为 1 到 100 个字"},
	{"id_number", "invalid_value", "{col}不是有效的身份证号（号码、出生日期或校验位不符合 GB 11643）"},
	{"phone", "invalid_value", "{col}不是有效的手机号（11 位，以 13–19 开头）"},
	{"gender", "invalid_value", "{col}与身份证号不符"},
	{"birth_date", "invalid_value", "{col}与身份证号不符"},
	{"address", "invalid_value", "{col}过长（最多 500 字）"},
	{"skills", "invalid_value", "{col}无效（最多 30 项）"},
	{"org_id", "forbidden", "{col}不在您的管理范围内"},
	{"org_id", "invalid_value", "找不到{col}中的组织"},
	{"person_id", "rule_violation", "年龄不符合志愿者要求：未满 14 周岁，或没有出生日期"},
	{"guardian_consent", "required", "未满 18 周岁的志愿者需要监护人同意（“监护人同意”列填“是”）"},
	{"guardian_name", "required", "未满 18 周岁的志愿者需要填写监护人姓名"},
	{"guardian_name", "invalid_value", "{col}应为 1 到 100 个字"},
	{"certificate_no", "required", "持证社工需要填写证书编号"},
	{"certificate_no", "invalid_value", "{col}应为 1 到 64 个字符"},
	{"qualification", "required", "社工需要填写职业资格"},
	{"consent", "rule_violation", "需要服务对象本人知情同意（“{col}”列填“是”）"},
	{"consent", "required", "需要服务对象本人知情同意（“{col}”列填“是”）"},
	{"category", "required", "{col}不能为空"},
	{"care_level", "required", "老年人服务对象需要填写照护等级（自理、半自理、不能自理）"},
	{"care_level", "invalid_value", "只有老年人服务对象才有照护等级"},
	{"capacity", "invalid_value", "{col}与年龄不符（未满 8 周岁为无民事行为能力，未满 16 周岁不能为完全民事行为能力）"},
	{"social_worker_id", "required", "助学对象需要一名负责社工"},
	{"social_worker_id", "rule_violation", "负责社工须属于服务对象所在机构或其上级机构"},
	{"volunteer_id", "required", "助学对象需要一名结对志愿者（请在系统中为其指定后再导入，或改用其他类别）"},
	{"person_id", "duplicate", "此人在该机构已有同类别的未结案个案"},
	{"amount_fen", "required", "{col}不能为空"},
	{"amount_fen", "invalid_value", "{col}应大于 0 元，且不超过 100 亿元"},
	{"received_on", "required", "{col}不能为空"},
	{"received_on", "invalid_value", "{col}不能晚于今天"},
	{"platform", "invalid_value", "须写明收到这笔捐赠的募捐平台（{col}，最多 100 个字）"},
	{"platform_ref", "invalid_value", "{col}不能为空，最多 100 个字符：交易号是避免重复登记的依据"},
	{"donor_name", "invalid_value", "{col}应为 1 到 200 个字"},
	{"purpose", "invalid_value", "{col}过长（最多 500 字）"},
	{NULL, "forbidden", "您无权修改此人：不在您的组织范围内"},
	{NULL, "duplicate", "{col}与已有记录重复"},
};

const char *import_api_msg_zh(const char *field, const char *code)
{
	for (size_t i = 0; i < sizeof api_zh / sizeof *api_zh; i++)
		if ((!api_zh[i].field || (field && strcmp(field, api_zh[i].field) == 0)) &&
		    strcmp(code, api_zh[i].code) == 0)
			return api_zh[i].zh;
	return NULL;
}

void import_msg_fill2(const char *tmpl, const char *col, const char *val, const char *val2, char *out, size_t cap)
{
	const struct {
		const char *key, *sub;
	} subs[] = {{"{col}", col}, {"{val}", val}, {"{val2}", val2}};
	size_t n = 0;
	for (const char *p = tmpl; *p && n + 1 < cap;) {
		const char *sub = NULL;
		for (size_t i = 0; i < sizeof subs / sizeof *subs && !sub; i++)
			if (strncmp(p, subs[i].key, strlen(subs[i].key)) == 0) {
				sub = subs[i].sub ? subs[i].sub : "";
				p += strlen(subs[i].key);
			}
		if (sub) {
			size_t k = strlen(sub);
			if (k > cap - 1 - n)
				k = cap - 1 - n;
			memcpy(out + n, sub, k);
			n += k;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = 0;
}

void import_msg_fill(const char *tmpl, const char *col, const char *val, char *out, size_t cap)
{
	import_msg_fill2(tmpl, col, val, "", out, cap);
}
