/* project_report.c - a service project's report as PDF and XLSX
 * (project_report.h). One gathering of the project's facts into labelled
 * fields and tables of text (numbers as plain figures, so the workbook
 * holds number cells), then two writers: pdf/reportpdf.c draws them, the
 * exporter writes a sheet per table. Everything is read through the
 * project services (service/projects.c) under the caller's scope. */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "io/export.h"
#include "model/codec.h"
#include "pdf/reportpdf.h"
#include "service/project_report.h"
#include "service/projects.h"
#include "store/store.h"

#define MAX_EVALUATIONS 50

/* API names in the report's Chinese. */
struct zh {
	const char *name, *zh;
};
static const struct zh zh_words[] = {
	{"procured", "政府购买服务"}, {"fund", "基金支持"}, {"grant", "基金会资助"}, {"own", "自主项目"},
	{"planned", "计划中"}, {"running", "执行中"}, {"closing", "结项中"}, {"accepted", "已验收"},
	{"failed", "验收未通过"}, {"staff", "人员经费"}, {"volunteers", "志愿者补贴与保险"},
	{"activities", "活动经费"}, {"materials", "物资经费"}, {"management", "管理费"}, {"other", "其他"},
	{"people_served", "服务人数"}, {"service_hours", "服务时长"}, {"activities_held", "活动场次"},
	{"new_volunteers", "新注册志愿者"}, {"needs_closed", "办结需求"}, {"satisfaction", "满意度"},
	{"manual", "人工填报"}, {"daily", "日常服务"}, {"professional", "专业服务"}, {"event", "主题活动"},
	{"emergency", "应急服务"}, {"advocacy", "宣传倡导"}, {"mid", "中期评估"}, {"final", "结项评估"},
	{"pass", "通过"}, {"rectify", "限期整改"}, {"fail", "不通过"}, {"supervisor", "督导"},
	{"third_party", "第三方评估"},
};

static const char *zh(const char *name)
{
	for (size_t i = 0; name && i < sizeof zh_words / sizeof *zh_words; i++)
		if (strcmp(zh_words[i].name, name) == 0)
			return zh_words[i].zh;
	return name ? name : "";
}

/* An indicator's source: "activities" is a count of activities held here,
 * "volunteers" volunteers engaged (the budget line of the same name is
 * their costs). */
static const char *source_zh(const char *s)
{
	if (s && strcmp(s, "activities") == 0)
		return zh("activities_held");
	if (s && strcmp(s, "volunteers") == 0)
		return "参与志愿者";
	return zh(s);
}

static const char *yuan(struct ctx *x, int64_t fen)
{
	return arena_printf(x->a, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)(fen < 0 ? -fen : fen) / 100,
			    (long long)(fen < 0 ? -fen : fen) % 100);
}

static const char *num(struct ctx *x, double d)
{
	return arena_printf(x->a, "%.2f", d);
}

static const char *count(struct ctx *x, int64_t n)
{
	return arena_printf(x->a, "%lld", (long long)n);
}

/* "YYYY-MM-DD HH:MM" in China time. */
static const char *when(struct ctx *x, int64_t t)
{
	char s[32];
	time_format(t, s);
	return arena_printf(x->a, "%.10s %.5s", s, s + 11);
}

/* ---- the report as fields and tables ---- */

enum { T_INDICATORS, T_ACTIVITIES, T_TEAMS, T_BUDGET, T_EVALUATIONS, NTABLES };

/* Each table's columns: header, width share, a number (right, and a
 * number cell in the workbook). */
struct col {
	const char *head;
	double share;
	int number;
};
static const struct col ind_cols[] = {{"指标", 3, 0}, {"单位", 1, 0},	 {"来源", 1.6, 0},  {"目标值", 1.2, 1},
				      {"实际值", 1.2, 1}, {"应达进度", 1.2, 1}, {"进度状态", 1.2, 0}};
static const struct col act_cols[] = {{"活动", 3, 0},	    {"开始", 1.7, 0}, {"结束", 1.7, 0},
				      {"类型", 1.1, 0},	    {"地点", 1.6, 0}, {"核实时长（小时）", 1.2, 1},
				      {"志愿者（人）", 1, 1}};
static const struct col team_cols[] = {{"志愿团队", 4, 0}, {"志愿者（人）", 1.5, 1}, {"核实时长（小时）", 1.5, 1}};
static const struct col budget_cols[] = {{"预算科目", 2.5, 0}, {"预算（元）", 1.5, 1}, {"支出（元）", 1.5, 1},
					 {"执行率（%）", 1.2, 1}};
static const struct col eval_cols[] = {{"阶段", 1.2, 0}, {"日期", 1.3, 0}, {"评估方", 1.5, 0}, {"得分", 0.8, 1},
				       {"满分", 0.8, 1}, {"结论", 1, 0},   {"主要发现", 4, 0}};

struct table {
	const char *heading, *sheet, *empty;
	const struct col *cols;
	int ncols;
};
#define TABLE(h, s, e, c) {h, s, e, c, (int)(sizeof c / sizeof *c)}
static const struct table tables[NTABLES] = {
	[T_INDICATORS] = TABLE("一、指标完成情况", "指标", "本项目尚未设定指标。", ind_cols),
	[T_ACTIVITIES] = TABLE("二、项目活动", "活动", "本项目尚无活动。", act_cols),
	[T_TEAMS] = TABLE("三、志愿团队服务时长", "志愿团队时长", "尚无核实的志愿服务记录。", team_cols),
	[T_BUDGET] = TABLE("四、预算与支出", "预算与支出", "本项目未编列预算。", budget_cols),
	[T_EVALUATIONS] = TABLE("五、评估与验收", "评估", "尚无评估。", eval_cols),
};

struct report {
	const char *title, *subtitle, *footer;
	struct reportpdf_field fields[24];
	int nfields;
	const char **cells[NTABLES];	/* row-major */
	int nrows[NTABLES];
	const char *note[NTABLES];
};

static void field(struct report *r, const char *label, const char *value)
{
	if (r->nfields < (int)(sizeof r->fields / sizeof *r->fields))
		r->fields[r->nfields++] = (struct reportpdf_field){label, value && *value ? value : "—"};
}

/* Room for n rows of table t. */
static const char **rows_of(struct ctx *x, struct report *r, int t, int n)
{
	r->cells[t] = arena_alloc(x->a, sizeof(char *) * (size_t)(tables[t].ncols * n + 1));
	r->nrows[t] = n;
	return r->cells[t];
}

/* An org's name (orgs are read by anyone signed in), "" when none. */
static const char *org_name(struct ctx *x, int64_t id)
{
	struct rec o;
	if (!id || store_get(x->c, &org_entity, id, NULL, &o, x->a) != ERR_OK)
		return "";
	return rec_text(&o, ORG_NAME);
}

/* The funder: its org, its name, or both. */
static const char *funder(struct ctx *x, const struct rec *p)
{
	const char *org = org_name(x, rec_int(p, PROJECT_FUNDER_ORG_ID, 0));
	const char *named = rec_has(p, PROJECT_FUNDER_NAME) ? rec_text(p, PROJECT_FUNDER_NAME) : "";
	if (*org && *named && strcmp(org, named) != 0)
		return arena_printf(x->a, "%s（%s）", org, named);
	return *org ? org : named;
}

static const char *partners(struct ctx *x, const struct rec *p)
{
	int64_t *ids;
	int n = 0;
	struct errinfo ignored;
	const char *json = rec_text(p, PROJECT_PARTNER_ORG_IDS), *out = "";
	if (!json || codec_ids(json, PROJECT_MAX_PARTNERS, &ids, &n, x->a, &ignored) != ERR_OK)
		return "";
	for (int i = 0; i < n; i++)
		out = arena_printf(x->a, "%s%s%s", out, i ? "、" : "", org_name(x, ids[i]));
	return out;
}

static const char *region_name(struct ctx *x, int64_t id)
{
	struct rec g;
	return store_get(x->c, &region_entity, id, NULL, &g, x->a) == ERR_OK ? rec_text(&g, REGION_NAME) : "";
}

/* The lead social worker's name as the caller may read it (the number of
 * the social worker otherwise: an evaluator reads no people). */
static const char *lead_name(struct ctx *x, int64_t sw_id)
{
	struct rec sw, person;
	struct errinfo ignored;
	if (!sw_id)
		return "";
	if (store_get(x->c, &sw_entity, sw_id, NULL, &sw, x->a) == ERR_OK &&
	    svc_get(x, &res_people, rec_int(&sw, SOCIAL_WORKER_PERSON_ID, 0), &person, &ignored) == ERR_OK)
		return rec_text(&person, PERSON_NAME);
	return arena_printf(x->a, "社工 #%lld", (long long)sw_id);
}

static const char *fund_name(struct ctx *x, int64_t id)
{
	struct rec f;
	if (!id || store_get(x->c, &fund_entity, id, NULL, &f, x->a) != ERR_OK)
		return "";
	return rec_text(&f, FUND_NAME);
}

static void header(struct ctx *x, const struct rec *p, const struct project_progress *pg, struct report *r)
{
	const struct project_figures *f = &pg->fig;
	field(r, "项目名称", rec_text(p, PROJECT_TITLE));
	field(r, "项目类型", zh(rec_text(p, PROJECT_KIND)));
	field(r, "资助方", funder(x, p));
	field(r, "合同编号", rec_text(p, PROJECT_CONTRACT_NO));
	field(r, "实施机构", org_name(x, rec_int(p, PROJECT_ORG_ID, 0)));
	field(r, "合作机构", partners(x, p));
	field(r, "服务区域", region_name(x, rec_int(p, PROJECT_REGION_ID, 0)));
	field(r, "项目周期",
	      arena_printf(x->a, "%s 至 %s", rec_text(p, PROJECT_STARTS_ON), rec_text(p, PROJECT_ENDS_ON)));
	field(r, "项目状态", zh(rec_text(p, PROJECT_STATUS)));
	field(r, "项目社工", lead_name(x, rec_int(p, PROJECT_LEAD_SOCIAL_WORKER_ID, 0)));
	field(r, "资金来源", fund_name(x, rec_int(p, PROJECT_FUND_ID, 0)));
	field(r, "预算总额（元）", yuan(x, pg->budget_total_fen));
	field(r, "已支出（元）", yuan(x, pg->spent_fen));
	field(r, "时间进度", arena_printf(x->a, "%.1f%%（截至 %s）", pg->elapsed_share * 100, pg->as_of));
	field(r, "服务概况",
	      arena_printf(x->a, "活动 %lld 场，核实服务时长 %.2f 小时，志愿者 %lld 人，服务对象 %lld 人，新注册志愿者 %lld 人，办结需求 %lld 件",
			   (long long)f->activities_held, (double)f->verified_minutes / 60.0, (long long)f->volunteers,
			   (long long)f->people_served, (long long)f->new_volunteers, (long long)f->needs_closed));
	if (rec_has(p, PROJECT_DESCRIPTION))
		field(r, "项目简介", rec_text(p, PROJECT_DESCRIPTION));
}

static void indicators(struct ctx *x, const struct project_progress *pg, struct report *r)
{
	const char **c = rows_of(x, r, T_INDICATORS, pg->nindicators);
	int behind = 0;
	for (int i = 0; i < pg->nindicators; i++) {
		const struct indicator_progress *ip = &pg->indicators[i];
		behind += ip->behind;
		const char *row[] = {ip->name,
				     ip->unit ? ip->unit : "",
				     source_zh(ip->source),
				     num(x, ip->target),
				     ip->measured ? num(x, ip->actual) : "",
				     num(x, ip->expected_by_now),
				     !ip->measured ? "尚无数据" : ip->behind ? "滞后" : "正常"};
		memcpy(c + i * tables[T_INDICATORS].ncols, row, sizeof row);
	}
	r->note[T_INDICATORS] = arena_printf(x->a, "应达进度：计数类指标为目标值乘以时间进度（%.1f%%），满意度为目标值本身。%d 项滞后。",
					     pg->elapsed_share * 100, behind);
}

static enum err activities(struct ctx *x, int64_t id, struct report *r, struct errinfo *ei)
{
	struct project_activity *a;
	int n;
	enum err e = svc_project_activities(x, id, &a, &n, ei);
	if (e)
		return e;
	const char **c = rows_of(x, r, T_ACTIVITIES, n);
	for (int i = 0; i < n; i++) {
		const char *row[] = {a[i].title,	 when(x, a[i].starts_at), when(x, a[i].ends_at),
				     zh(a[i].mode),	 a[i].place ? a[i].place : "", num(x, (double)a[i].minutes / 60.0),
				     count(x, a[i].volunteers)};
		memcpy(c + i * tables[T_ACTIVITIES].ncols, row, sizeof row);
	}
	return ERR_OK;
}

static enum err teams(struct ctx *x, int64_t id, struct report *r, struct errinfo *ei)
{
	struct project_team *t;
	int n;
	enum err e = svc_project_teams(x, id, &t, &n, ei);
	if (e)
		return e;
	const char **c = rows_of(x, r, T_TEAMS, n);
	for (int i = 0; i < n; i++) {
		const char *row[] = {t[i].org_name, count(x, t[i].volunteers), num(x, (double)t[i].minutes / 60.0)};
		memcpy(c + i * tables[T_TEAMS].ncols, row, sizeof row);
	}
	return ERR_OK;
}

/* The budget's lines with what was spent on each, and their total. */
static void budget(struct ctx *x, const struct project_progress *pg, struct report *r)
{
	int n = pg->nbudget;
	const char **c = rows_of(x, r, T_BUDGET, n ? n + 1 : 0);
	for (int i = 0; i <= n && n; i++) {
		int total = i == n;
		int64_t amount = total ? pg->budget_total_fen : pg->budget[i].amount_fen;
		int64_t spent = total ? pg->spent_fen : pg->budget[i].spent_fen;
		const char *row[] = {total ? "合计" : zh(pg->budget[i].line), yuan(x, amount), yuan(x, spent),
				     amount ? num(x, 100.0 * (double)spent / (double)amount) : ""};
		memcpy(c + i * tables[T_BUDGET].ncols, row, sizeof row);
	}
}

static enum err evaluations(struct ctx *x, int64_t id, struct report *r, struct errinfo *ei)
{
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	entity_filter_int(&evaluation_entity, f, "project_id", id);
	struct rec *rows = arena_alloc(x->a, sizeof *rows * MAX_EVALUATIONS);
	int n;
	enum err e = svc_list(x, &res_evaluations, 0, MAX_EVALUATIONS, f, rows, &n, ei);
	if (e)
		return e;
	const char **c = rows_of(x, r, T_EVALUATIONS, n);
	for (int i = 0; i < n; i++) {
		const struct rec *v = &rows[i];
		const char *row[] = {zh(rec_text(v, EVALUATION_STAGE)),
				     rec_text(v, EVALUATION_EVALUATED_ON),
				     zh(rec_text(v, EVALUATION_EVALUATOR_KIND)),
				     num(x, rec_real(v, EVALUATION_TOTAL_SCORE, 0)),
				     num(x, rec_real(v, EVALUATION_MAX_SCORE, 0)),
				     zh(rec_text(v, EVALUATION_DECISION)),
				     rec_text(v, EVALUATION_FINDINGS)};
		memcpy(c + i * tables[T_EVALUATIONS].ncols, row, sizeof row);
	}
	return ERR_OK;
}

/* Everything the report says, for whoever reads the project. */
static enum err gather(struct ctx *x, int64_t id, struct report *r, struct errinfo *ei)
{
	struct project_progress pg;
	struct rec p;
	*r = (struct report){0};
	enum err e = svc_project_progress(x, id, &pg, ei);
	if (e || (e = svc_load_visible(x, &project_entity, id, &p, ei)))
		return e;
	r->title = rec_text(&p, PROJECT_TITLE);
	r->subtitle = arena_printf(x->a, "项目报告 · 截至 %s", pg.as_of);
	r->footer = arena_printf(x->a, "本报告由联动平台根据项目数据于 %s 生成；服务时长仅计已核实的志愿服务记录。",
				 when(x, x->now));
	header(x, &p, &pg, r);
	indicators(x, &pg, r);
	budget(x, &pg, r);
	if ((e = activities(x, id, r, ei)) || (e = teams(x, id, r, ei)) || (e = evaluations(x, id, r, ei)))
		return e;
	return ERR_OK;
}

/* The download in the audit log, as every export is. */
static enum err audited(struct ctx *x, int64_t id, const char *format, struct errinfo *ei)
{
	const char *detail = arena_printf(x->a, "{\"kind\":\"project_report\",\"format\":\"%s\"}", format);
	enum err e = store_audit(x->c, x->now, x->who ? x->who->user_id : 0, "export", "projects", id, NULL, detail);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

enum err svc_project_report_pdf(struct ctx *x, int64_t id, char **pdf, size_t *len, const char **title,
				struct errinfo *ei)
{
	struct report r;
	enum err e = gather(x, id, &r, ei);
	if (e)
		return e;
	struct reportpdf_table t[NTABLES];
	for (int i = 0; i < NTABLES; i++) {
		const struct table *d = &tables[i];
		const char **head = arena_alloc(x->a, sizeof *head * (size_t)d->ncols);
		double *share = arena_alloc(x->a, sizeof *share * (size_t)d->ncols);
		int *right = arena_alloc(x->a, sizeof *right * (size_t)d->ncols);
		for (int k = 0; k < d->ncols; k++) {
			head[k] = d->cols[k].head;
			share[k] = d->cols[k].share;
			right[k] = d->cols[k].number;
		}
		t[i] = (struct reportpdf_table){d->heading, d->ncols, head, share, right, r.cells[i], r.nrows[i],
						d->empty, r.note[i]};
	}
	struct reportpdf_doc doc = {r.title, r.subtitle, r.fields, r.nfields, t, NTABLES, r.footer};
	char err[200];
	if (reportpdf_render(&doc, x->a, pdf, len, err, sizeof err))
		return err_set(ei, ERR_UNAVAILABLE, NULL, arena_strdup(x->a, err));
	*title = r.title;
	return audited(x, id, "pdf", ei);
}

/* Rows of cells into the writer; 0 or -1 with *ei. */
static int write_rows(struct export_writer *w, const char *const *cells, int ncols, int nrows, struct errinfo *ei)
{
	for (int i = 0; i < nrows; i++)
		if (export_row(w, cells + i * ncols, ei))
			return -1;
	return 0;
}

enum err svc_project_report_xlsx(struct ctx *x, int64_t id, const char *path, const char **title,
				 struct errinfo *ei)
{
	static const struct export_col head_cols[] = {{"项目", 0}, {"内容", 0}};
	struct report r;
	enum err e = gather(x, id, &r, ei);
	if (e)
		return e;
	struct export_writer *w = export_open(path, EXPORT_XLSX, EXPORT_UTF8, "项目概况", head_cols, 2, ei);
	if (!w)
		return ei->code ? ei->code : ERR_INTERNAL;
	int rc = 0;
	for (int i = 0; !rc && i < r.nfields; i++) {
		const char *row[] = {r.fields[i].label, r.fields[i].value};
		rc = export_row(w, row, ei);
	}
	for (int i = 0; !rc && i < NTABLES; i++) {
		const struct table *d = &tables[i];
		struct export_col *cols = arena_alloc(x->a, sizeof *cols * (size_t)d->ncols);
		for (int k = 0; k < d->ncols; k++)
			cols[k] = (struct export_col){d->cols[k].head, d->cols[k].number};
		rc = export_sheet(w, d->sheet, cols, d->ncols, ei) || write_rows(w, r.cells[i], d->ncols, r.nrows[i], ei);
	}
	struct errinfo cei;
	if (export_close(w, &cei) && !rc)
		return err_set(ei, cei.code, cei.field[0] ? cei.field : NULL, cei.message);
	if (rc)
		return ei->code ? ei->code : ERR_INTERNAL;
	*title = r.title;
	return audited(x, id, "xlsx", ei);
}
