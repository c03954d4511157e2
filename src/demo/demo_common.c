/* demo_common.c - the builders every part of the demo shares (see
 * demo_int.h): a record created through its service, rows found by filter,
 * a person with a valid ID number, a sign-in account. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_int.h"
#include "domain/idcard.h"
#include "model/codec.h"

/* Forty common surnames, the ten most common first (drawn more often), and
 * given names by sex and generation. */
static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴",
				       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
				       "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
				       "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "余"};
static const char *const given_names[3][2][20] = {
	{{"桂英", "秀英", "桂兰", "秀珍", "淑芬", "玉兰", "凤英", "秀兰", "翠华", "春梅",
	  "丽华", "淑华", "芳", "红", "霞", "英", "萍", "玉珍", "金凤", "素琴"},
	 {"建国", "建华", "国强", "德福", "志强", "卫东", "建军", "国华", "永福", "振华",
	  "长林", "德明", "明", "刚", "勇", "平", "军", "林", "新民", "福生"}},
	{{"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "婷",
	  "玲", "丹", "晓燕", "丽娟", "海燕", "雪梅", "慧", "琳", "倩", "颖"},
	 {"伟", "磊", "军", "勇", "杰", "涛", "斌", "超", "强", "鹏",
	  "亮", "浩", "波", "辉", "海涛", "志刚", "俊峰", "建波", "晓东", "文杰"}},
	{{"子涵", "欣怡", "梓涵", "思琪", "雨涵", "佳怡", "诗涵", "可欣", "梦瑶", "雨欣",
	  "紫萱", "一诺", "欣", "悦", "琪", "萱", "璐", "妍", "瑶", "婧"},
	 {"浩宇", "子轩", "宇航", "俊杰", "博文", "子豪", "家豪", "一鸣", "浩然", "天佑",
	  "梓豪", "思远", "明轩", "宇", "晨", "旭", "航", "睿", "哲", "凯"}},
};

void demo_name(uint64_t r, int male, int birth_year, char *out, size_t n)
{
	int gen = birth_year < 1975 ? 0 : birth_year < 1995 ? 1 : 2;
	/* half the draws among the ten most common surnames */
	size_t s = r % 2 ? r / 2 % 10 : r / 2 % (sizeof surnames / sizeof *surnames);
	snprintf(out, n, "%s%s", surnames[s], given_names[gen][male ? 1 : 0][r / 64 % 20]);
}

enum err demo_create(struct demo *d, const struct resource *res, struct rec *in, int64_t *id)
{
	struct rec out;
	enum err e = svc_create(d->x, res, in, &out, d->ei);
	if (!e && id)
		*id = out.id;
	return e;
}

enum err demo_find(struct demo *d, const struct resource *res, const char *p1, const char *s1, int64_t i1,
		   const char *p2, const char *s2, int64_t i2, struct rec *rows, int *n)
{
	const struct entity *e = res->e;
	struct val f[16] = {{0}};
	for (int i = 0; i < e->nfilters && i < 16; i++) {
		const char *p = e->filters[i].param;
		if (p1 && strcmp(p, p1) == 0)
			f[i] = s1 ? (struct val){.set = 1, .s = s1} : (struct val){.set = 1, .i = i1};
		if (p2 && strcmp(p, p2) == 0)
			f[i] = s2 ? (struct val){.set = 1, .s = s2} : (struct val){.set = 1, .i = i2};
	}
	return svc_list(d->x, res, 0, DEMO_MAXROWS, f, rows, n, d->ei);
}

enum err demo_person(struct demo *d, const struct demo_person *p, int64_t *id)
{
	char id17[32], idn[40];
	snprintf(id17, sizeof id17, "%.6s%08d%03d", p->area, p->birth_ymd, p->serial);
	snprintf(idn, sizeof idn, "%.17s%c", id17, idcard_check_char(id17));
	struct rec r;
	rec_init(&r, &person_entity);
	rec_set_text(&r, PERSON_NAME, arena_strdup(d->x->a, p->name));
	rec_set_text(&r, PERSON_ID_NUMBER, arena_strdup(d->x->a, idn));
	rec_set_text(&r, PERSON_PHONE, arena_strdup(d->x->a, p->phone));
	rec_set_int(&r, PERSON_REGION_ID, p->region_id);
	if (p->org_id)
		rec_set_int(&r, PERSON_ORG_ID, p->org_id);
	if (p->located) {
		rec_set_real(&r, PERSON_LAT, p->lat);
		rec_set_real(&r, PERSON_LON, p->lon);
	}
	if (p->skills)
		rec_set_text(&r, PERSON_SKILLS, arena_strdup(d->x->a, p->skills));
	return demo_create(d, &res_people, &r, id);
}

enum err demo_account_roles(struct demo *d, const char *username, int64_t person_id, const struct role_in *roles,
			    int n)
{
	struct rec r;
	rec_init(&r, &user_entity);
	rec_set_text(&r, USER_USERNAME, username);
	rec_set_text(&r, USER_PASSWORD, DEMO_PASSWORD);
	if (person_id)
		rec_set_int(&r, USER_PERSON_ID, person_id);
	rec_set_text(&r, USER_ROLES, codec_roles_dump(roles, n, d->x->a));
	return demo_create(d, &res_users, &r, NULL);
}

enum err demo_account(struct demo *d, const char *username, int64_t person_id, const char *role, int64_t org_id,
		      int64_t region_id)
{
	struct role_in ri = {role, org_id, region_id};
	return demo_account_roles(d, username, person_id, &ri, 1);
}
