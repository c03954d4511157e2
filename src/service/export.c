/* export.c - the export use case: one table of kinds, each a resource (so
 * the rows are the ones its list endpoint gives this caller, through the
 * same scope) with its columns and a function filling a row's cells.
 *
 * Rows are read page by page (keyset pagination by id), each page in an
 * arena reset before the next, and written straight to the file, so memory
 * stays bounded whatever the row count. ID numbers and phones come from the
 * people resource's present hook: masked by the same rule as GET /people
 * (for every role; the birth year where the birth date would fill a masked
 * ID number back in). The people of a page of volunteers or social workers
 * are read together, 64 to a statement; other joined names (the org, the
 * activity, a record's volunteer) through small caches, a row at a time.
 * The audit entry is written once the file is complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "domain/timefmt.h"
#include "service/export.h"
#include "store/service_store.h"
#include "store/store.h"

#define EXPORT_PAGE 500
#define MAX_COLS 16

/* Names joined to the rows (orgs, activities, a record's volunteer), kept
 * across pages in a small direct-mapped cache of copies: a long export reads
 * each org once, not once a row, and memory stays fixed. */
#define JOIN_SLOTS 256
struct join_slot {
	int64_t id;		/* 0: empty */
	char *a, *b;		/* xmalloc'd copies; NULL for a NULL value */
};
struct joins {
	struct join_slot org[JOIN_SLOTS], activity[JOIN_SLOTS], volunteer[JOIN_SLOTS];
	/* the page's people, read together before its rows are filled (in the
	 * page's arena, sorted by id; NULL for a kind without them) */
	const struct rec *people;
	int npeople;
};

typedef void fill_fn(struct ctx *x, struct joins *j, const struct rec *r, const char **cells);

struct export_kind {
	const char *name, *title;
	const struct resource *res;
	const struct export_col *cols;
	int ncols;
	fill_fn *fill;
	const char *only_status;	/* service records: only this status */
	int person_field;		/* the row's person id, read a page at a time; -1: none */
};

/* ---- joined values ---- */

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct rec *)a)->id, y = ((const struct rec *)b)->id;
	return (x > y) - (x < y);
}

/* The person as this caller may see them: through the scoped read and the
 * people resource's present hook; a person outside the caller's scope (seen
 * through a visible volunteer or record) comes masked, as in the audit.
 * From the page's people when they were read together; NULL: none. */
static const struct rec *person_for(struct ctx *x, const struct joins *j, int64_t id)
{
	struct errinfo ei;
	if (!id)
		return NULL;
	struct rec key = {.id = id}, *p;
	if (j->people && (p = bsearch(&key, j->people, (size_t)j->npeople, sizeof *p, by_id)))
		return p;
	p = arena_alloc(x->a, sizeof *p);
	if (svc_get(x, &res_people, id, p, &ei) == ERR_OK)
		return p;
	if (store_get(x->c, &person_entity, id, NULL, p, x->a))
		return NULL;
	res_people.present(x, p, 1);
	return p;
}

/* The people of a page's rows (field f of each), read together into
 * j->people: STORE_GET_MANY to a statement instead of one each. */
static enum err page_people(struct ctx *x, struct joins *j, const struct rec *rows, int n, int f,
			    struct errinfo *ei)
{
	int64_t *ids = arena_alloc(x->a, sizeof *ids * (size_t)(n ? n : 1));
	int nids = 0;
	for (int i = 0; i < n; i++)
		if (rec_int(&rows[i], f, 0))
			ids[nids++] = rec_int(&rows[i], f, 0);
	struct rec *people = arena_alloc(x->a, sizeof *people * (size_t)(nids ? nids : 1));
	enum err e = svc_get_many_shown(x, &res_people, ids, nids, people, &j->npeople, ei);
	if (e)
		return e;
	qsort(people, (size_t)j->npeople, sizeof *people, by_id);
	j->people = people;
	return ERR_OK;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The slot of `id` in tab, or NULL after emptying it for a new value. */
static struct join_slot *join_find(struct join_slot *tab, int64_t id, struct join_slot **fresh)
{
	struct join_slot *sl = &tab[(uint64_t)id % JOIN_SLOTS];
	if (sl->id == id)
		return sl;
	free(sl->a);
	free(sl->b);
	*sl = (struct join_slot){0};
	*fresh = sl;
	return NULL;
}

static void joins_free(struct joins *j)
{
	struct join_slot *tabs[] = {j->org, j->activity, j->volunteer};
	for (size_t t = 0; t < sizeof tabs / sizeof *tabs; t++)
		for (int i = 0; i < JOIN_SLOTS; i++) {
			free(tabs[t][i].a);
			free(tabs[t][i].b);
		}
}

/* Text field `key` of row `id` of entity e (read unscoped: a name, not
 * personal data), through the cache tab. */
static const char *join_text(struct ctx *x, struct join_slot *tab, const struct entity *e, int64_t id, int key)
{
	struct join_slot *fresh = NULL, *sl;
	if (!id)
		return NULL;
	if ((sl = join_find(tab, id, &fresh)))
		return sl->a;
	struct rec row;
	if (store_get(x->c, e, id, NULL, &row, x->a))
		return NULL;
	*fresh = (struct join_slot){id, dup_or_null(rec_text(&row, key)), NULL};
	return fresh->a;
}

static const char *org_name(struct ctx *x, struct joins *j, int64_t id)
{
	return join_text(x, j->org, &org_entity, id, ORG_NAME);
}

static const char *gender_zh(const char *g)
{
	return !g ? NULL : strcmp(g, "male") == 0 ? "男" : strcmp(g, "female") == 0 ? "女" : g;
}

static const char *stage_zh(const char *s)
{
	static const char *const zh[VS__COUNT] = {
		[VS_APPLIED] = "已申请", [VS_TRIAL] = "试用", [VS_INITIAL_TRAINING] = "岗前培训",
		[VS_SELECTION] = "甄选", [VS_INTERVIEW] = "面试", [VS_SKILLS_TRAINING] = "技能培训",
		[VS_REGISTERED] = "已注册", [VS_REJECTED] = "未通过", [VS_WITHDRAWN] = "已退出",
		[VS_INACTIVE] = "不活跃",
	};
	enum vstage v;
	return s && vstage_parse(s, &v) == 0 && v < VS__COUNT && zh[v] ? zh[v] : s;
}

static const char *record_status_zh(const char *s)
{
	return !s ? NULL : strcmp(s, "recorded") == 0 ? "已记录" : strcmp(s, "verified") == 0 ? "已认证"
			   : strcmp(s, "voided") == 0 ? "已作废" : s;
}

static const char *qualification_zh(const char *s)
{
	return !s ? NULL : strcmp(s, "none") == 0 ? "无" : strcmp(s, "assistant") == 0 ? "助理社会工作师"
			   : strcmp(s, "intermediate") == 0 ? "社会工作师"
			   : strcmp(s, "senior") == 0 ? "高级社会工作师" : s;
}

/* "2026-12-04 09:30:00", China time. */
static const char *local_time(struct ctx *x, const struct rec *r, int k)
{
	if (!rec_has(r, k))
		return NULL;
	char t[32];
	time_format(rec_int(r, k, 0), t);
	t[10] = ' ';
	t[19] = 0;
	return arena_strdup(x->a, t);
}

static const char *num(struct ctx *x, double d)
{
	return arena_printf(x->a, "%.2f", d);
}

static const char *id_text(struct ctx *x, int64_t id)
{
	return arena_printf(x->a, "%lld", (long long)id);
}

/* Name, ID number, phone, gender, birth date of a person record as the
 * caller may see it: masked, and the birth year where the date is masked. */
static void person_rec_cells(struct ctx *x, const struct rec *p, const char **c)
{
	c[0] = rec_text(p, PERSON_NAME);
	c[1] = rec_text(p, PERSON_ID_NUMBER);
	c[2] = rec_text(p, PERSON_PHONE);
	c[3] = gender_zh(rec_text(p, PERSON_GENDER));
	c[4] = rec_text(p, PERSON_BIRTH_DATE);
	if (!c[4] && rec_has(p, PERSON_BIRTH_YEAR))
		c[4] = arena_printf(x->a, "%lld", (long long)rec_int(p, PERSON_BIRTH_YEAR, 0));
}

/* The same of a person joined by id. */
static void person_cells(struct ctx *x, const struct joins *j, int64_t person_id, const char **c)
{
	const struct rec *p = person_for(x, j, person_id);
	if (p)
		person_rec_cells(x, p, c);
}

/* ---- the kinds ---- */

static const struct export_col people_cols[] = {
	{"系统编号", 0}, {"姓名", 0}, {"身份证号", 0}, {"手机号", 0}, {"性别", 0},
	{"出生日期", 0}, {"住址", 0}, {"所属组织", 0},
};
static void people_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	c[0] = id_text(x, r->id);
	person_rec_cells(x, r, c + 1); /* listed and presented for this caller already */
	c[6] = rec_text(r, PERSON_ADDRESS);
	c[7] = org_name(x, j, rec_int(r, PERSON_ORG_ID, 0));
}

static const struct export_col volunteer_cols[] = {
	{"系统编号", 0}, {"志愿者编号", 0}, {"姓名", 0}, {"身份证号", 0}, {"手机号", 0}, {"性别", 0},
	{"出生日期", 0}, {"所属组织", 0}, {"阶段", 0}, {"已认证时长(小时)", 1}, {"星级", 1},
};
static void volunteer_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	c[0] = id_text(x, r->id);
	c[1] = rec_text(r, VOLUNTEER_VOLUNTEER_NO);
	person_cells(x, j, rec_int(r, VOLUNTEER_PERSON_ID, 0), c + 2);
	c[7] = org_name(x, j, rec_int(r, VOLUNTEER_ORG_ID, 0));
	c[8] = stage_zh(rec_text(r, VOLUNTEER_STAGE));
	c[9] = num(x, rec_real(r, VOLUNTEER_VERIFIED_HOURS, 0));
	c[10] = id_text(x, rec_int(r, VOLUNTEER_STARS, 0));
}

static const struct export_col sw_cols[] = {
	{"系统编号", 0}, {"姓名", 0}, {"身份证号", 0}, {"手机号", 0}, {"性别", 0},
	{"出生日期", 0}, {"所属组织", 0}, {"职业资格", 0}, {"证书编号", 0},
};
static void sw_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	c[0] = id_text(x, r->id);
	person_cells(x, j, rec_int(r, SOCIAL_WORKER_PERSON_ID, 0), c + 1);
	c[6] = org_name(x, j, rec_int(r, SOCIAL_WORKER_ORG_ID, 0));
	c[7] = qualification_zh(rec_text(r, SOCIAL_WORKER_QUALIFICATION));
	c[8] = rec_text(r, SOCIAL_WORKER_CERTIFICATE_NO);
}

/* The volunteer of a record: number and name (cells c[0], c[1]). */
static void record_volunteer(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	struct join_slot *fresh = NULL, *sl;
	int64_t id = rec_int(r, SERVICE_RECORD_VOLUNTEER_ID, 0);
	if ((sl = join_find(j->volunteer, id, &fresh))) {
		c[0] = sl->a;
		c[1] = sl->b;
		return;
	}
	struct rec v;
	if (store_get(x->c, &vol_entity, id, NULL, &v, x->a))
		return;
	c[0] = rec_text(&v, VOLUNTEER_VOLUNTEER_NO);
	const struct rec *p = person_for(x, j, rec_int(&v, VOLUNTEER_PERSON_ID, 0));
	if (p)
		c[1] = rec_text(p, PERSON_NAME);
	*fresh = (struct join_slot){id, dup_or_null(c[0]), dup_or_null(c[1])};
}

static const char *activity_title(struct ctx *x, struct joins *j, const struct rec *r)
{
	return join_text(x, j->activity, &activity_entity, rec_int(r, SERVICE_RECORD_ACTIVITY_ID, 0), ACTIVITY_TITLE);
}

static const char *record_hours(struct ctx *x, const struct rec *r)
{
	return num(x, minutes_to_hours(rec_int(r, SERVICE_RECORD_MINUTES, 0)));
}

static const struct export_col record_cols[] = {
	{"系统编号", 0}, {"志愿者编号", 0}, {"姓名", 0}, {"所属组织", 0}, {"活动名称", 0},
	{"服务内容", 0}, {"服务地点", 0}, {"开始时间", 0}, {"结束时间", 0}, {"服务时长(小时)", 1},
	{"状态", 0}, {"负责人", 0}, {"服务对象", 0},
};
static void record_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	c[0] = id_text(x, r->id);
	record_volunteer(x, j, r, c + 1);
	c[3] = org_name(x, j, rec_int(r, SERVICE_RECORD_ORG_ID, 0));
	c[4] = activity_title(x, j, r);
	c[5] = rec_text(r, SERVICE_RECORD_CONTENT);
	c[6] = rec_text(r, SERVICE_RECORD_PLACE);
	c[7] = local_time(x, r, SERVICE_RECORD_STARTS_AT);
	c[8] = local_time(x, r, SERVICE_RECORD_ENDS_AT);
	c[9] = record_hours(x, r);
	c[10] = record_status_zh(rec_text(r, SERVICE_RECORD_STATUS));
	c[11] = rec_text(r, SERVICE_RECORD_PERSON_IN_CHARGE);
	c[12] = rec_text(r, SERVICE_RECORD_PEOPLE_SERVED);
}

static const struct export_col hours_cols[] = {
	{"志愿者编号", 0}, {"姓名", 0}, {"所属组织", 0}, {"已认证时长(小时)", 1}, {"星级", 1},
	{"本年度已认证时长(小时)", 1},
};
static void hours_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	c[0] = rec_text(r, VOLUNTEER_VOLUNTEER_NO);
	const struct rec *p = person_for(x, j, rec_int(r, VOLUNTEER_PERSON_ID, 0));
	if (p)
		c[1] = rec_text(p, PERSON_NAME);
	c[2] = org_name(x, j, rec_int(r, VOLUNTEER_ORG_ID, 0));
	/* the total and the stars are kept on the volunteer by the ledger, in
	 * the transaction of every change; the row came through the scoped
	 * list, so its years are read directly */
	c[3] = num(x, rec_real(r, VOLUNTEER_VERIFIED_HOURS, 0));
	c[4] = id_text(x, rec_int(r, VOLUNTEER_STARS, 0));
	struct year_minutes *years;
	int nyears;
	if (store_minutes_by_year(x->c, r->id, &years, &nyears, x->a))
		return;
	int64_t year_min = 0;
	int year = today_ymd(x->now) / 10000;
	for (int i = 0; i < nyears; i++)
		if (years[i].year == year)
			year_min = years[i].minutes;
	c[5] = num(x, minutes_to_hours(year_min));
}

/* The national record layout (docs/NATIONAL_EXPORT.md): the volunteer is
 * named by the unified volunteer number, never by the ID number. */
static const struct export_col national_vol_cols[] = {
	{"志愿者编号", 0}, {"姓名", 0}, {"性别", 0}, {"出生日期", 0}, {"联系方式", 0},
	{"所属志愿服务组织", 0}, {"注册状态", 0}, {"累计志愿服务时长(小时)", 1},
};
static void national_vol_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	const char *pc[5] = {0};
	c[0] = rec_text(r, VOLUNTEER_VOLUNTEER_NO);
	person_cells(x, j, rec_int(r, VOLUNTEER_PERSON_ID, 0), pc);
	c[1] = pc[0];
	c[2] = pc[3];
	c[3] = pc[4];
	c[4] = pc[2];
	c[5] = org_name(x, j, rec_int(r, VOLUNTEER_ORG_ID, 0));
	c[6] = stage_zh(rec_text(r, VOLUNTEER_STAGE));
	c[7] = num(x, rec_real(r, VOLUNTEER_VERIFIED_HOURS, 0));
}

static const struct export_col national_rec_cols[] = {
	{"志愿者编号", 0}, {"姓名", 0}, {"志愿服务活动名称", 0}, {"服务开始时间", 0}, {"服务结束时间", 0},
	{"志愿服务时长(小时)", 1}, {"服务内容", 0}, {"服务地点", 0}, {"记录组织", 0}, {"活动负责人", 0},
	{"服务对象", 0}, {"记录日期", 0},
};
static void national_rec_fill(struct ctx *x, struct joins *j, const struct rec *r, const char **c)
{
	record_volunteer(x, j, r, c);
	c[2] = activity_title(x, j, r);
	if (!c[2])
		c[2] = rec_text(r, SERVICE_RECORD_CONTENT);
	c[3] = local_time(x, r, SERVICE_RECORD_STARTS_AT);
	c[4] = local_time(x, r, SERVICE_RECORD_ENDS_AT);
	c[5] = record_hours(x, r);
	c[6] = rec_text(r, SERVICE_RECORD_CONTENT);
	c[7] = rec_text(r, SERVICE_RECORD_PLACE);
	c[8] = org_name(x, j, rec_int(r, SERVICE_RECORD_ORG_ID, 0));
	c[9] = rec_text(r, SERVICE_RECORD_PERSON_IN_CHARGE);
	c[10] = rec_text(r, SERVICE_RECORD_PEOPLE_SERVED);
	const char *t = local_time(x, r, SERVICE_RECORD_CREATED_AT);
	c[11] = t ? arena_strndup(x->a, t, 10) : NULL;
}

#define KIND(n, t, r, c, f, s, p) {n, t, &r, c, (int)(sizeof c / sizeof *c), f, s, p}
static const struct export_kind kinds[] = {
	KIND("people", "人员", res_people, people_cols, people_fill, NULL, -1),
	KIND("volunteers", "志愿者", res_volunteers, volunteer_cols, volunteer_fill, NULL, VOLUNTEER_PERSON_ID),
	KIND("social-workers", "社会工作者", res_social_workers, sw_cols, sw_fill, NULL, SOCIAL_WORKER_PERSON_ID),
	KIND("service-records", "志愿服务记录", res_service_records, record_cols, record_fill, NULL, -1),
	KIND("hours", "志愿服务时长汇总", res_volunteers, hours_cols, hours_fill, NULL, VOLUNTEER_PERSON_ID),
	KIND("national-volunteers", "全国志愿服务信息系统-志愿者", res_volunteers, national_vol_cols,
	     national_vol_fill, NULL, VOLUNTEER_PERSON_ID),
	KIND("national-service-records", "全国志愿服务信息系统-志愿服务记录", res_service_records,
	     national_rec_cols, national_rec_fill, "verified", -1),
};

const struct export_kind *export_kind_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const struct entity *export_kind_entity(const struct export_kind *k)
{
	return k->res->e;
}

const char *export_kind_title(const struct export_kind *k)
{
	return k->title;
}

/* ---- the flow ---- */

/* One page of rows after `*after` into the writer; *n the rows read. */
static enum err export_page(struct ctx *x, const struct export_req *rq, struct export_writer *w, struct joins *j,
			    int64_t *after, int *n, int64_t *rows, struct errinfo *ei)
{
	const struct export_kind *k = rq->kind;
	const struct entity *e = k->res->e;
	struct val f[ENTITY_MAX_FILTERS];
	for (int i = 0; i < e->nfilters; i++) {
		f[i] = rq->filters ? rq->filters[i] : (struct val){0};
		if (k->only_status && strcmp(e->filters[i].param, "status") == 0)
			f[i] = (struct val){.set = 1, .s = k->only_status};
	}
	struct rec *page = arena_alloc(x->a, sizeof *page * EXPORT_PAGE);
	enum err err = svc_list(x, k->res, *after, EXPORT_PAGE, f, page, n, ei);
	if (err)
		return err;
	j->people = NULL;
	if (k->person_field >= 0 && (err = page_people(x, j, page, *n, k->person_field, ei)))
		return err;
	for (int i = 0; i < *n; i++) {
		const char *cells[MAX_COLS] = {0};
		k->fill(x, j, &page[i], cells);
		if (export_row(w, cells, ei))
			return ei->code ? ei->code : ERR_INTERNAL;
		(*rows)++;
	}
	if (*n)
		*after = page[*n - 1].id;
	return ERR_OK;
}

static enum err audit_export(struct ctx *x, const struct export_req *rq, int64_t rows)
{
	static const char *const formats[] = {[EXPORT_CSV] = "csv", [EXPORT_XLSX] = "xlsx"};
	static const char *const encodings[] = {[EXPORT_UTF8] = "utf-8", [EXPORT_GB18030] = "gb18030"};
	const char *detail = arena_printf(
		x->a, "{\"kind\":\"%s\",\"format\":\"%s\",\"encoding\":\"%s\",\"filters\":%s,\"rows\":%lld,\"as_platform\":%s}",
		rq->kind->name, formats[rq->format], encodings[rq->encoding],
		rq->filters_json ? rq->filters_json : "{}", (long long)rows, access_platform(x->who) ? "true" : "false");
	return store_audit(x->c, x->now, x->who ? x->who->user_id : 0, "export", rq->kind->res->e->name, 0, NULL,
			   detail);
}

enum err svc_export(struct ctx *x, const struct export_req *rq, const char *path, int64_t *rows,
		    struct errinfo *ei)
{
	const struct export_kind *k = rq->kind;
	enum err e = ERR_OK;
	*rows = 0;
	struct export_writer *w = export_open(path, rq->format, rq->encoding, k->title, k->cols, k->ncols, ei);
	if (!w)
		return ei->code ? ei->code : ERR_INTERNAL;
	struct arena *outer = x->a;
	struct joins *j = xcalloc(1, sizeof *j);
	int64_t after = 0;
	/* Each page in an arena of its own, reset before the next: memory
	 * stays one page's worth, and its blocks are reused, not given back. */
	struct arena page = ARENA_INIT;
	for (;;) {
		x->a = &page;
		int n = 0;
		e = export_page(x, rq, w, j, &after, &n, rows, ei);
		x->a = outer;
		j->people = NULL;	/* the page's, reset with it */
		arena_reset(&page);
		if (e || n < EXPORT_PAGE)
			break;
	}
	arena_release(&page);
	joins_free(j);
	free(j);
	struct errinfo cei;
	if (export_close(w, &cei) && !e)
		e = err_set(ei, cei.code, cei.field[0] ? cei.field : NULL, cei.message);
	if (e)
		return e;
	if ((e = audit_export(x, rq, *rows)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}
