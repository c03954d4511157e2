/* demo_projects.c - the demo's service projects (issue 16; seeds 000, 001
 * and 004): in every district a project the city's civil-affairs bureau
 * buys from the district's social-work agency (政府购买社会工作服务), run
 * with the district's first town station as partner: a budget by line, a
 * lead social worker, an indicator of every computed source and a manual
 * one with its report, some of the station's activities attached, three
 * past activities whose volunteers signed up, served (verified records) and
 * rated their shifts, and the town's needs in service, one closed. At the
 * first station: 爱青助学 on its student-aid fund, with expenses posted so
 * budget against spend shows; and a 龙城飞鹰-style campus volunteering
 * project of its volunteer team with a third-party evaluator account
 * (`pinggu`, no role) and its mid-term evaluation. Through the services, so
 * every rule applies; deterministic. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_int.h"
#include "domain/timefmt.h"
#include "service/care.h"
#include "service/funds.h"
#include "service/projects.h"
#include "service/voice.h"

#define DAY 86400

/* "YYYY-MM-DD" of the local day `days` from today. */
static const char *date_in(struct demo *d, int days)
{
	int ymd = today_ymd(d->x->now + (int64_t)days * DAY);
	return arena_printf(d->x->a, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* The first row of `res` with p1 = i1 (and p2 = s2 when given), 0 when none. */
static int64_t first(struct demo *d, const struct resource *res, const char *p1, int64_t i1, const char *p2,
		     const char *s2, struct rec *rows)
{
	int n = 0;
	if (demo_find(d, res, p1, NULL, i1, p2, s2, 0, rows, &n) || n == 0)
		return 0;
	return rows[0].id;
}

struct project_spec {
	const char *title, *kind, *funder_name, *contract_no, *description;
	int64_t funder_org_id, org_id, partner, region_id, fund_id, lead;
	int from_days, to_days;		/* the period, from today */
	const char *budget, *indicators;
};

/* A project as specified, moved to running. */
static enum err project(struct demo *d, const struct project_spec *s, int64_t *id)
{
	struct rec r, patch, out;
	rec_init(&r, &project_entity);
	rec_set_text(&r, PROJECT_TITLE, s->title);
	rec_set_text(&r, PROJECT_KIND, s->kind);
	if (s->funder_org_id)
		rec_set_int(&r, PROJECT_FUNDER_ORG_ID, s->funder_org_id);
	if (s->funder_name)
		rec_set_text(&r, PROJECT_FUNDER_NAME, s->funder_name);
	if (s->contract_no)
		rec_set_text(&r, PROJECT_CONTRACT_NO, s->contract_no);
	rec_set_int(&r, PROJECT_ORG_ID, s->org_id);
	if (s->partner)
		rec_set_text(&r, PROJECT_PARTNER_ORG_IDS, arena_printf(d->x->a, "[%lld]", (long long)s->partner));
	rec_set_int(&r, PROJECT_REGION_ID, s->region_id);
	rec_set_text(&r, PROJECT_STARTS_ON, date_in(d, s->from_days));
	rec_set_text(&r, PROJECT_ENDS_ON, date_in(d, s->to_days));
	rec_set_text(&r, PROJECT_BUDGET, s->budget);
	if (s->fund_id)
		rec_set_int(&r, PROJECT_FUND_ID, s->fund_id);
	if (s->lead)
		rec_set_int(&r, PROJECT_LEAD_SOCIAL_WORKER_ID, s->lead);
	rec_set_text(&r, PROJECT_DESCRIPTION, s->description);
	rec_set_text(&r, PROJECT_INDICATORS, s->indicators);
	enum err e = demo_create(d, &res_projects, &r, id);
	if (e)
		return e;
	rec_init(&patch, &project_entity);
	rec_set_text(&patch, PROJECT_STATUS, "running");
	return svc_update(d->x, &res_projects, *id, &patch, &out, d->ei);
}

/* The manual indicator's figure as of yesterday, with its evidence. */
static enum err manual_report(struct demo *d, int64_t project_id, double value, const char *evidence)
{
	struct rec *rows = arena_alloc(d->x->a, sizeof *rows * DEMO_MAXROWS), r;
	int64_t ind = first(d, &res_indicators, "project_id", project_id, "source", "manual", rows);
	if (!ind)
		return err_set(d->ei, ERR_INTERNAL, NULL, "demo: the project has no manual indicator");
	rec_init(&r, &indicator_report_entity);
	rec_set_int(&r, INDICATOR_REPORT_INDICATOR_ID, ind);
	rec_set_real(&r, INDICATOR_REPORT_VALUE, value);
	rec_set_text(&r, INDICATOR_REPORT_AS_OF, date_in(d, -1));
	rec_set_text(&r, INDICATOR_REPORT_EVIDENCE, evidence);
	return demo_create(d, &res_indicator_reports, &r, NULL);
}

/* An activity of org `org` for the project, `days_ago` (moved back to a
 * Saturday, when weekend volunteers are free) 09:00-12:00, with one shift
 * the registered volunteers vols[1..] signed up for while it was ahead
 * (vols[0], the demo's sample volunteer where it is one, is left out; a
 * volunteer the placement rules refuse is left out too); then each
 * accepted volunteer's service recorded and verified, and `rated` of them
 * rating the shift. */
struct past {
	const char *title, *mode, *position, *content;
	int days_ago;
};
static enum err past_activity(struct demo *d, int64_t project_id, int64_t org, const struct past *p,
			      const struct rec *vols, int nvols, int rated)
{
	struct ctx *x = d->x;
	int64_t now = x->now, day = local_day_start(now - (int64_t)p->days_ago * DAY);
	day -= (int64_t)((day_weekday(local_day(day)) + 2) % 7) * DAY; /* the Saturday before, or that day */
	int64_t start = day + 9 * 3600, end = start + 3 * 3600;
	struct rec a, out, *pos = arena_alloc(x->a, sizeof *pos * DEMO_MAXROWS), sh, shout;
	int npos = 0;
	int64_t signups[8], who[8];
	int n = 0;
	enum err e;
	x->now = start - 3 * DAY;
	rec_init(&a, &activity_entity);
	rec_set_text(&a, ACTIVITY_TITLE, p->title);
	rec_set_text(&a, ACTIVITY_MODE, p->mode);
	rec_set_text(&a, ACTIVITY_ORG_IDS, arena_printf(x->a, "[%lld]", (long long)org));
	rec_set_text(&a, ACTIVITY_PLACE, "社区服务中心");
	rec_set_int(&a, ACTIVITY_STARTS_AT, start);
	rec_set_int(&a, ACTIVITY_ENDS_AT, end);
	rec_set_text(&a, ACTIVITY_SIGN_UP, "open");
	rec_set_text(&a, ACTIVITY_POSITIONS, arena_printf(x->a, "[{\"title\":\"%s\",\"headcount\":6}]", p->position));
	rec_set_int(&a, ACTIVITY_PROJECT_ID, project_id);
	if ((e = svc_create(x, &res_activities, &a, &out, d->ei)) ||
	    (e = demo_find(d, &res_positions, "activity_id", NULL, out.id, NULL, NULL, 0, pos, &npos)))
		goto done;
	rec_init(&sh, &shift_entity);
	rec_set_int(&sh, SHIFT_POSITION_ID, pos[0].id);
	rec_set_int(&sh, SHIFT_STARTS_AT, start);
	rec_set_int(&sh, SHIFT_ENDS_AT, end);
	rec_set_int(&sh, SHIFT_CAPACITY, 6);
	if ((e = svc_create(x, &res_shifts, &sh, &shout, d->ei)))
		goto done;
	for (int i = 1; i < nvols && n < 6; i++) {
		struct rec g, gout;
		struct errinfo refused;
		rec_init(&g, &signup_entity);
		rec_set_int(&g, SIGNUP_VOLUNTEER_ID, vols[i].id);
		if (svc_signup(x, shout.id, &g, &gout, &refused) == ERR_OK &&
		    strcmp(rec_text(&gout, SIGNUP_STATUS), "accepted") == 0) {
			signups[n] = gout.id;
			who[n++] = vols[i].id;
		}
	}
	x->now = now;
	for (int i = 0; i < n; i++) {
		struct rec r, rout, in, fb;
		int created;
		rec_init(&r, &service_record_entity);
		rec_set_int(&r, SERVICE_RECORD_VOLUNTEER_ID, who[i]);
		rec_set_int(&r, SERVICE_RECORD_ORG_ID, org);
		rec_set_int(&r, SERVICE_RECORD_ACTIVITY_ID, out.id);
		rec_set_text(&r, SERVICE_RECORD_CONTENT, p->content);
		rec_set_text(&r, SERVICE_RECORD_PLACE, "社区服务中心");
		rec_set_int(&r, SERVICE_RECORD_STARTS_AT, start);
		rec_set_int(&r, SERVICE_RECORD_ENDS_AT, end - (i % 2) * 1800);
		rec_set_text(&r, SERVICE_RECORD_EVALUATION, "按时到岗，服务认真");
		rec_set_text(&r, SERVICE_RECORD_PERSON_IN_CHARGE, "项目社工");
		if ((e = svc_create(x, &res_service_records, &r, &rout, d->ei)) ||
		    (e = svc_record_verify(x, rout.id, NULL, &rout, d->ei)))
			return e;
		if (i >= rated)
			continue;
		rec_init(&in, &shift_feedback_entity);
		rec_set_int(&in, SHIFT_FEEDBACK_RATING, 4 + (i + p->days_ago) % 2);
		rec_set_text(&in, SHIFT_FEEDBACK_COMMENT, i % 2 ? "分工清楚，收获很大" : "老人们很开心");
		if ((e = svc_feedback_put(x, signups[i], &in, &fb, &created, d->ei)))
			return e;
	}
	return ERR_OK;
done:
	x->now = now;
	return e;
}

/* Attach the activity (as PATCH would). */
static enum err attach_activity(struct demo *d, int64_t activity, int64_t project_id)
{
	struct rec patch, out;
	rec_init(&patch, &activity_entity);
	rec_set_int(&patch, ACTIVITY_PROJECT_ID, project_id);
	return svc_update(d->x, &res_activities, activity, &patch, &out, d->ei);
}

static enum err attach_need(struct demo *d, int64_t need, int64_t project_id)
{
	struct rec patch, out;
	rec_init(&patch, &need_entity);
	rec_set_int(&patch, NEED_PROJECT_ID, project_id);
	return svc_update(d->x, &res_needs, need, &patch, &out, d->ei);
}

/* The town's activities the project takes on (the station's weekly
 * visits, its festival and its advocacy; the rest stay free to attach in
 * the app), and its needs in service or done: one of the done closed. */
static enum err attach_town(struct demo *d, int64_t project_id, int64_t station, int64_t town)
{
	static const char *const taken[] = {"敬老院日常探访", "社区重阳节游园会", "禁毒宣传进社区"};
	static const char *const statuses[] = {"in_service", "done", "matched"};
	struct rec *rows = arena_alloc(d->x->a, sizeof *rows * DEMO_MAXROWS), body, out;
	int n = 0;
	enum err e = demo_find(d, &res_activities, "org_id", NULL, station, NULL, NULL, 0, rows, &n);
	for (int i = 0; i < n && !e; i++)
		for (size_t k = 0; k < sizeof taken / sizeof *taken && !e; k++)
			if (strcmp(rec_text(&rows[i], ACTIVITY_TITLE), taken[k]) == 0 && !rec_has(&rows[i], ACTIVITY_PROJECT_ID))
				e = attach_activity(d, rows[i].id, project_id);
	int64_t closing = 0;
	for (size_t s = 0; s < sizeof statuses / sizeof *statuses && !e; s++) {
		if ((e = demo_find(d, &res_needs, "region_id", NULL, town, "status", statuses[s], 0, rows, &n)))
			break;
		for (int i = 0; i < n && !e; i++)
			e = attach_need(d, rows[i].id, project_id);
		if (!closing && n && strcmp(statuses[s], "done") == 0)
			closing = rows[0].id;
	}
	if (e || !closing)
		return e;
	rec_init(&body, &need_move_body);
	rec_set_text(&body, NEED_MOVE_TO, "closed");
	rec_set_text(&body, NEED_MOVE_NOTE, "项目社工回访满意，结案");
	return svc_need_move(d->x, closing, &body, &out, d->ei);
}

static const char *const procured_indicators =
	"[{\"name\":\"服务对象\",\"unit\":\"人\",\"target\":3,\"source\":\"people_served\"},"
	"{\"name\":\"志愿服务时长\",\"unit\":\"小时\",\"target\":100,\"source\":\"service_hours\"},"
	"{\"name\":\"开展社区活动\",\"unit\":\"场\",\"target\":8,\"source\":\"activities\"},"
	"{\"name\":\"参与志愿者\",\"unit\":\"人\",\"target\":6,\"source\":\"volunteers\"},"
	"{\"name\":\"新注册志愿者\",\"unit\":\"人\",\"target\":3,\"source\":\"new_volunteers\"},"
	"{\"name\":\"办结居民需求\",\"unit\":\"件\",\"target\":1,\"source\":\"needs_closed\"},"
	"{\"name\":\"服务满意度\",\"unit\":\"分\",\"target\":4.2,\"source\":\"satisfaction\"},"
	"{\"name\":\"社区宣传覆盖\",\"unit\":\"人次\",\"target\":2000,\"source\":\"manual\"}]";
static const char *const procured_budget =
	"[{\"line\":\"staff\",\"amount_fen\":28000000},{\"line\":\"volunteers\",\"amount_fen\":3000000},"
	"{\"line\":\"activities\",\"amount_fen\":5000000},{\"line\":\"materials\",\"amount_fen\":2000000},"
	"{\"line\":\"management\",\"amount_fen\":2000000}]";
static const struct past procured_past[] = {
	{"长者健康讲座", "event", "签到引导", "协助长者健康讲座签到与秩序", 180},
	{"困境儿童暑期课业辅导", "professional", "课业辅导", "为困境儿童辅导暑期作业", 150},
	{"独居老人入户探访日", "daily", "陪伴探访", "入户探访独居老人，陪伴聊天、量血压", 90},
	{"防汛知识进社区", "advocacy", "宣传讲解", "发放防汛宣传资料并讲解避险要点", 60},
	{"社区邻里节", "event", "现场秩序", "协助邻里节游园活动现场秩序", 30},
};

/* The district's procured project: the agency runs it with the district's
 * first station; the city's civil-affairs bureau buys it. */
static enum err district_project(struct demo *d, const struct rec *agency, int64_t bureau, int index)
{
	struct ctx *x = d->x;
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS), district, *vols;
	int64_t dist = rec_int(agency, ORG_REGION_ID, 0), id;
	int n = 0;
	enum err e = svc_get(x, &res_regions, dist, &district, d->ei);
	if (e || (e = demo_find(d, &res_orgs, "kind", "social_work_station", 0, "region_id", NULL, dist, rows, &n)))
		return e;
	if (!n)
		return ERR_OK;
	struct rec station = rows[0];
	int64_t team = first(d, &res_orgs, "parent_id", station.id, "kind", "volunteer_team", rows), lead = 0;
	if ((e = demo_find(d, &res_social_workers, "org_id", NULL, agency->id, "qualification", "intermediate", 0, rows,
			   &n)))
		return e;
	lead = n ? rows[0].id : 0;
	const char *name = rec_text(&district, REGION_NAME);
	struct project_spec s = {
		.title = arena_printf(x->a, "%s政府购买社区社会工作服务项目", name),
		.kind = "procured",
		.contract_no = arena_printf(x->a, "JZMZ-GM-%04d-%03d", d->today / 10000, index + 1),
		.description = "政府购买社会工作服务：以社区为平台、社工为支撑、志愿者为辅助，为困难老人、"
			       "留守儿童等群体提供探访、个案和社区活动服务。",
		.funder_org_id = bureau,
		.funder_name = bureau ? NULL : arena_printf(x->a, "%s民政局", name),
		.org_id = agency->id,
		.partner = station.id,
		.region_id = dist,
		.lead = lead,
		.from_days = -300,
		.to_days = 65,
		.budget = procured_budget,
		.indicators = procured_indicators,
	};
	if ((e = project(d, &s, &id)) ||
	    (e = manual_report(d, id, 1350 + 50 * index, "社区宣传活动签到表与照片（共12场）")) ||
	    (e = attach_town(d, id, station.id, rec_int(&station, ORG_REGION_ID, 0))))
		return e;
	/* the district's registered volunteers serve in them */
	vols = arena_alloc(x->a, sizeof *vols * DEMO_MAXROWS);
	if (!team || (e = demo_find(d, &res_volunteers, "region_id", NULL, dist, "stage", "registered", 0, vols, &n)))
		return e;
	for (size_t k = 0; k < sizeof procured_past / sizeof *procured_past && !e; k++)
		e = past_activity(d, id, station.id, &procured_past[k], vols, n, 3);
	return e;
}

/* 爱青助学 (seed 004): the student-aid fund's project at the first station,
 * its costs paid from the fund. */
static enum err aiqing(struct demo *d, int64_t station, int64_t town, int64_t lead, const struct rec *vols, int nvols)
{
	struct ctx *x = d->x;
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS);
	int n = 0;
	enum err e = demo_find(d, &res_funds, "org_id", NULL, station, NULL, NULL, 0, rows, &n);
	int64_t fund = 0, id;
	for (int i = 0; !e && i < n; i++)
		if (strcmp(rec_text(&rows[i], FUND_NAME), "爱青助学金") == 0)
			fund = rows[i].id;
	if (e || !fund)
		return e;
	struct project_spec s = {
		.title = "爱青助学",
		.kind = "fund",
		.funder_name = "爱青助学金捐赠人",
		.description = "针对本地区贫困家庭开展的助学项目：经济资助（小学、初中每学期500元，高中1000元），"
			       "家庭关注，成长支持；每名受助学生都有一名社工（助理）和一名志愿者跟进。",
		.org_id = station,
		.region_id = town,
		.fund_id = fund,
		.lead = lead,
		.from_days = -330,
		.to_days = 35,
		.budget = "[{\"line\":\"activities\",\"amount_fen\":200000},{\"line\":\"materials\",\"amount_fen\":150000},"
			  "{\"line\":\"volunteers\",\"amount_fen\":50000}]",
		.indicators = "[{\"name\":\"资助学生\",\"unit\":\"人次\",\"target\":80,\"source\":\"manual\"},"
			      "{\"name\":\"成长支持活动\",\"unit\":\"场\",\"target\":3,\"source\":\"activities\"},"
			      "{\"name\":\"跟进志愿者\",\"unit\":\"人\",\"target\":3,\"source\":\"volunteers\"},"
			      "{\"name\":\"志愿服务时长\",\"unit\":\"小时\",\"target\":18,\"source\":\"service_hours\"}]",
	};
	if ((e = project(d, &s, &id)) || (e = manual_report(d, id, 65, "历年资助名册：共筹得善款102543元，资助学生65人次")))
		return e;
	static const struct past growth[] = {
		{"“成长大使”成长小组", "professional", "小组助教", "协助社工带领受助学生成长小组", 100},
		{"受助学生家庭探访", "daily", "陪同探访", "陪同社工探访受助学生家庭，了解家庭状况", 45},
	};
	for (size_t k = 0; k < sizeof growth / sizeof *growth && !e; k++)
		e = past_activity(d, id, station, &growth[k], vols, nvols, 0);
	/* what it spent, from the fund (as POST /projects/{id}/expenses) */
	static const struct {
		const char *line, *memo;
		int64_t fen;
		int days_ago;
	} spent[] = {{"materials", "受助学生书包文具", 45000, 120}, {"activities", "成长小组活动物料与场地", 38000, 100},
		     {"volunteers", "跟进志愿者保险", 9600, 90}, {"activities", "家庭探访交通补贴", 12000, 45}};
	for (size_t k = 0; k < sizeof spent / sizeof *spent && !e; k++) {
		struct rec r;
		rec_init(&r, &project_expense_entity);
		rec_set_int(&r, PROJECT_EXPENSE_PROJECT_ID, id);
		rec_set_text(&r, PROJECT_EXPENSE_LINE, spent[k].line);
		rec_set_int(&r, PROJECT_EXPENSE_AMOUNT_FEN, spent[k].fen);
		rec_set_text(&r, PROJECT_EXPENSE_MEMO, spent[k].memo);
		rec_set_text(&r, PROJECT_EXPENSE_SPENT_ON, date_in(d, -spent[k].days_ago));
		e = demo_create(d, &res_project_expenses, &r, NULL);
	}
	return e;
}

/* The evaluator: an account with no role, appointed to the project, then
 * its mid-term evaluation, made as that user. */
static enum err evaluation(struct demo *d, int64_t project_id)
{
	struct ctx *x = d->x;
	struct rec u, ev, out;
	int64_t uid;
	rec_init(&u, &user_entity);
	rec_set_text(&u, USER_USERNAME, "pinggu");
	rec_set_text(&u, USER_PASSWORD, DEMO_PASSWORD);
	rec_set_text(&u, USER_ROLES, "[]");
	enum err e = demo_create(d, &res_users, &u, &uid);
	if (e)
		return e;
	rec_init(&ev, &project_evaluator_entity);
	rec_set_int(&ev, PROJECT_EVALUATOR_PROJECT_ID, project_id);
	rec_set_int(&ev, PROJECT_EVALUATOR_USER_ID, uid);
	rec_set_text(&ev, PROJECT_EVALUATOR_KIND, "third_party");
	rec_set_text(&ev, PROJECT_EVALUATOR_BODY_NAME, "荆州市社会工作评估中心");
	if ((e = demo_create(d, &res_project_evaluators, &ev, NULL)))
		return e;
	rec_init(&ev, &evaluation_entity);
	rec_set_int(&ev, EVALUATION_PROJECT_ID, project_id);
	rec_set_text(&ev, EVALUATION_STAGE, "mid");
	rec_set_text(&ev, EVALUATION_SCORES,
		     "[{\"criterion\":\"项目管理与执行\",\"score\":24,\"max\":30},"
		     "{\"criterion\":\"服务成效与指标完成\",\"score\":31,\"max\":40},"
		     "{\"criterion\":\"志愿者培育与激励\",\"score\":17,\"max\":20},"
		     "{\"criterion\":\"财务与档案\",\"score\":8,\"max\":10}]");
	rec_set_text(&ev, EVALUATION_FINDINGS,
		     "中期评估：入队程序规范（体验、培训、双向选择、面试、注册），活动按计划开展；"
		     "新注册志愿者进度偏慢，建议在各校增加志愿服务体验场次，并完善星级队员激励。");
	rec_set_text(&ev, EVALUATION_DOCUMENTS, "[\"中期自评报告\",\"活动签到表\",\"志愿者服务时数台账\"]");
	rec_set_text(&ev, EVALUATION_DECISION, "rectify");
	rec_set_text(&ev, EVALUATION_EVALUATED_ON, date_in(d, -7));
	/* as the evaluator (the demo acts with every right under its name) */
	const struct principal *was = x->who;
	struct principal me = {.user_id = uid, .role_mask = RB(R_PLATFORM_ADMIN), .scope = {.all = 1}};
	x->who = &me;
	e = svc_create(x, &res_evaluations, &ev, &out, d->ei);
	x->who = was;
	return e;
}

/* 龙城飞鹰-style: the station's volunteer team runs a campus volunteering
 * plan with the station's social worker leading, on a grant of the city's
 * volunteer hub; last month's clinic of the station belongs to it. */
static enum err feiying(struct demo *d, int64_t station, int64_t town, int64_t hub, int64_t lead)
{
	struct ctx *x = d->x;
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS), *vols;
	int n = 0;
	int64_t team = first(d, &res_orgs, "parent_id", station, "kind", "volunteer_team", rows), id;
	if (!team)
		return ERR_OK;
	struct project_spec s = {
		.title = "“飞鹰”校园志愿服务发展计划",
		.kind = "grant",
		.funder_org_id = hub,
		.contract_no = arena_printf(x->a, "JZZL-QS-%04d-007", d->today / 10000),
		.description = "以社工牵头的小团队、互助形式规范化地组织镇内中学生参与志愿服务，为镇志愿服务培养后备力量；"
			       "入队：体验、理念培训、双向选择与面试、技能培训、登记注册。",
		.org_id = team,
		.partner = station,
		.region_id = town,
		.lead = lead,
		.from_days = -240,
		.to_days = 125,
		.budget = "[{\"line\":\"volunteers\",\"amount_fen\":1200000},{\"line\":\"activities\",\"amount_fen\":1800000},"
			  "{\"line\":\"materials\",\"amount_fen\":600000},{\"line\":\"management\",\"amount_fen\":400000}]",
		.indicators = "[{\"name\":\"新招募飞鹰志愿者\",\"unit\":\"人\",\"target\":30,\"source\":\"new_volunteers\"},"
			      "{\"name\":\"志愿服务时长\",\"unit\":\"小时\",\"target\":24,\"source\":\"service_hours\"},"
			      "{\"name\":\"开展服务活动\",\"unit\":\"场\",\"target\":8,\"source\":\"activities\"},"
			      "{\"name\":\"参与志愿者\",\"unit\":\"人\",\"target\":4,\"source\":\"volunteers\"},"
			      "{\"name\":\"服务对象满意度\",\"unit\":\"分\",\"target\":4.5,\"source\":\"satisfaction\"},"
			      "{\"name\":\"进校体验场次\",\"unit\":\"场\",\"target\":6,\"source\":\"manual\"}]",
	};
	enum err e = project(d, &s, &id);
	if (e || (e = manual_report(d, id, 4, "各校志愿服务体验活动报名表与照片")) ||
	    (e = demo_find(d, &res_activities, "org_id", NULL, station, NULL, NULL, 0, rows, &n)))
		return e;
	for (int i = 0; i < n && !e; i++)
		if (strcmp(rec_text(&rows[i], ACTIVITY_TITLE), "社区义诊志愿服务") == 0)
			e = attach_activity(d, rows[i].id, id);
	vols = arena_alloc(x->a, sizeof *vols * DEMO_MAXROWS);
	if (e || (e = demo_find(d, &res_volunteers, "org_id", NULL, team, "stage", "registered", 0, vols, &n)))
		return e;
	static const struct past acts[] = {
		{"中山公园老年人趣味运动会", "event", "场地协助", "协助老年人趣味运动会场地布置与秩序", 200},
		{"周末看望孤寡老人", "daily", "陪伴探访", "与成人志愿者一起看望孤寡老人", 120},
		{"敬老院康乐活动", "event", "康乐协助", "在敬老院带领康乐游戏、表演节目", 60},
	};
	for (size_t k = 0; k < sizeof acts / sizeof *acts && !e; k++)
		e = past_activity(d, id, team, &acts[k], vols, n, 4);
	return e ? e : evaluation(d, id);
}

enum err demo_projects(struct ctx *x, struct errinfo *ei, int64_t station, int64_t hub)
{
	struct demo d = {.x = x, .ei = ei, .today = today_ymd(x->now)};
	struct rec *agencies = arena_alloc(x->a, sizeof *agencies * DEMO_MAXROWS),
		   *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS), st, *vols;
	int n = 0, nvols = 0;
	/* the civil-affairs bureau: the city's, when the demo has one */
	int64_t bureau = 0;
	enum err e = demo_find(&d, &res_orgs, "kind", "government", 0, NULL, NULL, 0, rows, &n);
	for (int i = 0; !e && i < n; i++)
		if (strstr(rec_text(&rows[i], ORG_NAME), "民政局"))
			bureau = rows[i].id;
	if (e || (e = demo_find(&d, &res_orgs, "kind", "sw_agency", 0, NULL, NULL, 0, agencies, &n)))
		return e;
	for (int i = 0; i < n && !e; i++)
		e = district_project(&d, &agencies[i], bureau, i);
	if (e || (e = svc_get(x, &res_orgs, station, &st, ei)) ||
	    (e = demo_find(&d, &res_social_workers, "org_id", NULL, station, "qualification", "intermediate", 0, rows, &n)))
		return e;
	int64_t lead = n ? rows[0].id : 0, town = rec_int(&st, ORG_REGION_ID, 0);
	vols = arena_alloc(x->a, sizeof *vols * DEMO_MAXROWS);
	if ((e = demo_find(&d, &res_volunteers, "org_id", NULL, station, "stage", "registered", 0, vols, &nvols)) ||
	    (e = aiqing(&d, station, town, lead, vols, nvols)))
		return e;
	return feiying(&d, station, town, hub, lead);
}
