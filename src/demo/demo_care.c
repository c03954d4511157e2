/* demo_care.c - the demo's service delivery, on top of the city demo_load
 * built: a service menu (服务清单) for every community and town; needs
 * raised by residents, a deliberation council and a station, at every
 * status, with their history spread over the last weeks so that response
 * times mean something; clients of every category at each station (elderly
 * at every care level, a student-aid pair, a domestic-violence victim whose
 * mandatory report is raised), walked along the case stages, with an
 * encrypted case note each; and the `resident` account. Everything goes
 * through the services, as the API would. Deterministic. */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "demo/demo_int.h"
#include "domain/casework.h"
#include "domain/needflow.h"
#include "domain/qualify.h"
#include "service/care.h"

/* A person of `region_id` aged `age`, with an ID number from 石首市 (421081),
 * a code demo_load does not use, so numbers never collide. */
static enum err person(struct demo *d, int64_t region_id, int age, int64_t *id)
{
	char name[32], phone[24];
	d->seq++;
	int year = d->today / 10000 - age, month = 1 + d->seq % 12, day = 1 + d->seq % 28;
	/* the ID number's serial below is odd for a man (GB 11643) */
	demo_name((uint64_t)d->seq * 0x9E3779B97F4A7C15ULL >> 7, d->seq % 1000 % 2, year, name, sizeof name);
	snprintf(phone, sizeof phone, "137%08d", 20000000 + d->seq);
	struct demo_person p = {.area = "421081",
				.birth_ymd = year * 10000 + month * 100 + day,
				.serial = d->seq % 1000,
				.name = name,
				.phone = phone,
				.region_id = region_id};
	return demo_person(d, &p, id);
}

/* ---- service menus ---- */
static const struct {
	const char *category, *title, *description;
} community_menu[] = {
	{"elderly_care", "助老服务", "助餐、助洁、陪诊；留守老人定期探访"},
	{"child_care", "爱心妈妈儿童托管", "双职工、新业态家庭孩子放学后托管"},
	{"mental_health", "情绪疏导", "社工一对一倾听与疏导"},
	{"environment", "清洁家园", "绿化带整治、垃圾分类宣传"},
	{"medical", "陪诊就医", "行动不便老人就医陪同、代办挂号"},
	{"disability", "助残服务", "残疾人家庭上门探访、无障碍改造对接"},
};

static enum err menu_item(struct demo *d, int64_t region, const char *category, const char *title, const char *desc)
{
	struct rec r;
	rec_init(&r, &service_menu_entity);
	rec_set_int(&r, SERVICE_MENU_REGION_ID, region);
	rec_set_text(&r, SERVICE_MENU_CATEGORY, category);
	rec_set_text(&r, SERVICE_MENU_TITLE, title);
	rec_set_text(&r, SERVICE_MENU_DESCRIPTION, desc);
	return demo_create(d, &res_service_menu, &r, NULL);
}

/* ---- needs ---- */
struct need_spec {
	const char *title, *category, *urgency, *skills;
	enum need_status target;
};

static const struct need_spec need_specs[] = {
	{"独居老人每周助餐", "elderly_care", "medium", "[\"助老\"]", NS_CLOSED},
	{"孩子放学后无人照看", "child_care", "high", "[\"儿童陪伴\"]", NS_IN_SERVICE},
	{"楼道杂物堆放需清理", "environment", "low", "[\"环保宣传\"]", NS_DONE},
	{"邻里纠纷需要调解", "legal_aid", "medium", "[\"法律咨询\"]", NS_MATCHED},
	{"行动不便老人陪诊", "medical", "high", "[\"驾驶\",\"助老\"]", NS_PLANNED},
	{"失业后情绪低落", "mental_health", "high", "[\"心理疏导\"]", NS_TRIAGED},
	{"小区路灯损坏", "community_affairs", "low", NULL, NS_REJECTED},
	{"残疾人家庭无障碍改造", "disability", "medium", "[\"助残\"]", NS_NEW},
};

/* Walk need `id` from new to `target`, `hours` apart each step: triaged to
 * social worker `sw`, matched with `volunteer` (0: with `sw`). */
static enum err walk_need(struct demo *d, int64_t id, enum need_status target, int64_t sw, int64_t volunteer,
			  int64_t hours)
{
	static const char *const notes[NS__COUNT] = {
		[NS_TRIAGED] = "社工已分诊", [NS_PLANNED] = "已制定服务方案", [NS_MATCHED] = "已对接志愿者",
		[NS_IN_SERVICE] = "服务进行中", [NS_DONE] = "服务完成", [NS_CLOSED] = "回访满意，结案",
		[NS_REJECTED] = "不属于服务范围，已转交物业"};
	struct rec body, out;
	enum err e = ERR_OK;
	enum need_status at = NS_NEW;
	/* Rejected at some step of the way: after 0-3 steps of the main line. */
	int before_reject = (int)(id % 4);
	while (!e && at != target) {
		enum need_status to = target != NS_REJECTED ? (enum need_status)(at + 1)
				      : (int)at < before_reject ? (enum need_status)(at + 1)
								 : NS_REJECTED;
		d->x->now += hours * 3600;
		rec_init(&body, &need_move_body);
		rec_set_text(&body, NEED_MOVE_TO, need_status_name(to));
		rec_set_text(&body, NEED_MOVE_NOTE, notes[to]);
		if (to == NS_TRIAGED)
			rec_set_int(&body, NEED_MOVE_ASSIGNED_SOCIAL_WORKER_ID, sw);
		if (to == NS_MATCHED)
			rec_set_int(&body, volunteer ? NEED_MOVE_VOLUNTEER_ID : NEED_MOVE_SOCIAL_WORKER_ID, volunteer ? volunteer : sw);
		e = svc_need_move(d->x, id, &body, &out, d->ei);
		at = to;
	}
	return e;
}

static enum err needs_for_town(struct demo *d, int ti, int64_t station, const struct rec *comms,
			       int ncomms, int64_t sw, int64_t volunteer, int64_t *resident)
{
	int64_t now = d->x->now;
	enum err e = ERR_OK;
	int64_t raisers[2];
	for (int k = 0; k < 2 && !e; k++)
		e = person(d, comms[k % ncomms].id, 35 + 20 * k + ti % 7, &raisers[k]);
	if (!e && resident && !*resident)
		*resident = raisers[0];
	int n = (int)(sizeof need_specs / sizeof *need_specs);
	for (int k = 0; k < n && !e; k++) {
		const struct need_spec *s = &need_specs[(k + ti) % n];
		struct rec r;
		int64_t id;
		rec_init(&r, &need_entity);
		rec_set_text(&r, NEED_TITLE, s->title);
		rec_set_text(&r, NEED_CATEGORY, s->category);
		rec_set_text(&r, NEED_URGENCY, s->urgency);
		if (s->skills)
			rec_set_text(&r, NEED_REQUIRED_SKILLS, s->skills);
		int64_t region = comms[k % ncomms].id;
		if (k == n - 1) /* the community's deliberation council's */
			rec_set_text(&r, NEED_RAISED_BY, "council");
		else if (k == n - 2) { /* the station's own */
			rec_set_text(&r, NEED_RAISED_BY, "org");
			rec_set_int(&r, NEED_RAISED_BY_ORG_ID, station);
		} else {
			rec_set_text(&r, NEED_RAISED_BY, "resident");
			rec_set_int(&r, NEED_RAISED_BY_PERSON_ID, raisers[k % 2]);
		}
		rec_set_int(&r, NEED_REGION_ID, region);
		/* Raised 1-4 weeks ago, moved on every 2-30 hours. */
		d->x->now = now - (int64_t)(7 + (k * 5 + ti * 3) % 21) * 86400;
		if (!(e = demo_create(d, &res_needs, &r, &id)))
			e = walk_need(d, id, s->target, sw, volunteer, 2 + (k * 7 + ti) % 29);
	}
	d->x->now = now;
	return e;
}

/* A year of needs served at the town (people served, by month): two per
 * community, each raised by a resident of its own 1-12 months ago and
 * walked, a day or two apart, into service and on to done (the most recent
 * of them) or closed. */
static const struct need_spec past_specs[] = {
	{"高龄老人助餐助洁", "elderly_care", "medium", "[\"助老\"]", NS_CLOSED},
	{"双职工家庭孩子暑期托管", "child_care", "medium", "[\"儿童陪伴\"]", NS_CLOSED},
	{"独居老人就医陪诊", "medical", "high", "[\"驾驶\",\"助老\"]", NS_CLOSED},
	{"丧偶老人情绪疏导", "mental_health", "medium", "[\"心理疏导\"]", NS_CLOSED},
	{"老旧小区绿化带整治", "environment", "low", "[\"环保宣传\"]", NS_CLOSED},
	{"残疾人家庭上门探访", "disability", "medium", "[\"助残\"]", NS_CLOSED},
};

static enum err served_needs(struct demo *d, int ti, const struct rec *comms, int ncomms, int64_t sw,
			     int64_t volunteer)
{
	int64_t now = d->x->now;
	enum err e = ERR_OK;
	int n = 2 * ncomms, nspecs = (int)(sizeof past_specs / sizeof *past_specs);
	for (int k = 0; k < n && !e; k++) {
		const struct need_spec *s = &past_specs[(k + ti) % nspecs];
		int64_t resident, id;
		if ((e = person(d, comms[k % ncomms].id, 30 + (k * 13 + ti * 7) % 50, &resident)))
			break;
		struct rec r;
		rec_init(&r, &need_entity);
		rec_set_text(&r, NEED_TITLE, s->title);
		rec_set_text(&r, NEED_CATEGORY, s->category);
		rec_set_text(&r, NEED_URGENCY, s->urgency);
		rec_set_text(&r, NEED_REQUIRED_SKILLS, s->skills);
		rec_set_text(&r, NEED_RAISED_BY, "resident");
		rec_set_int(&r, NEED_RAISED_BY_PERSON_ID, resident);
		rec_set_int(&r, NEED_REGION_ID, comms[k % ncomms].id);
		/* spread over the months: 35-360 days ago */
		d->x->now = now - (int64_t)(35 + (k * 337 / n + ti * 29) % 326) * 86400;
		if (!(e = demo_create(d, &res_needs, &r, &id)))
			e = walk_need(d, id, k == 0 ? NS_DONE : s->target, sw, volunteer, 20 + (k * 11 + ti) % 40);
		d->x->now = now;
	}
	return e;
}

/* ---- clients ---- */
struct client_spec {
	enum client_category cat;
	int level;	/* care level, -1 none */
	int age;
	enum case_stage stage;
};

static const struct client_spec client_specs[] = {
	{CC_ELDERLY, CL_SELF_CARE, 68, CS_INTERVENTION},
	{CC_ELDERLY, CL_PARTIAL, 79, CS_PLAN},
	{CC_ELDERLY, CL_DEPENDENT, 86, CS_ASSESSMENT},
	{CC_LEFT_BEHIND_CHILD, -1, 9, CS_INTERVENTION},
	{CC_DISABLED, -1, 42, CS_EVALUATION},
	{CC_HARDSHIP_FAMILY, -1, 51, CS_CLOSURE},
	{CC_DV_VICTIM, -1, 13, CS_ASSESSMENT},
	{CC_STUDENT_AID, -1, 15, CS_INTERVENTION},
	{CC_OTHER, -1, 30, CS_INTAKE},
};

/* The clients of a station: each owned by the assistant social worker
 * `sw`, or by `sw_qualified` (a 社会工作师) where the case's category asks
 * more (domain/qualify.h: domestic violence, a left-behind child). */
static enum err clients_for_station(struct demo *d, int64_t town, int64_t station, int64_t sw, int64_t sw_qualified,
				    int64_t volunteer)
{
	static const char *const stage_notes[CS__COUNT] = {
		[CS_ASSESSMENT] = "完成需求预估", [CS_PLAN] = "服务计划已制定", [CS_INTERVENTION] = "按计划介入",
		[CS_EVALUATION] = "开展成效评估", [CS_CLOSURE] = "目标达成，结案"};
	enum err e = ERR_OK;
	for (size_t k = 0; k < sizeof client_specs / sizeof *client_specs && !e; k++) {
		const struct client_spec *s = &client_specs[k];
		int64_t pid, cid;
		struct rec r, out;
		if (s->cat == CC_STUDENT_AID && !volunteer)
			continue;
		if ((e = person(d, town, s->age, &pid)))
			break;
		rec_init(&r, &client_entity);
		rec_set_int(&r, CLIENT_PERSON_ID, pid);
		rec_set_int(&r, CLIENT_ORG_ID, station);
		rec_set_text(&r, CLIENT_CATEGORY, client_category_names[s->cat]);
		if (s->level >= 0)
			rec_set_text(&r, CLIENT_CARE_LEVEL, care_level_names[s->level]);
		rec_set_int(&r, CLIENT_SOCIAL_WORKER_ID,
			    qual_case_work(client_category_names[s->cat]) >= 0 ? sw_qualified : sw);
		if (s->cat == CC_STUDENT_AID) {
			rec_set_int(&r, CLIENT_VOLUNTEER_ID, volunteer);
			rec_set_text(&r, CLIENT_SCHOOL_STAGE, "junior");
		}
		rec_set_int(&r, CLIENT_CONSENT, 1);
		if ((e = demo_create(d, &res_clients, &r, &cid)))
			break;
		for (int st = CS_INTAKE + 1; st <= (int)s->stage && !e; st++)
			e = svc_client_move(d->x, cid, case_stage_names[st], stage_notes[st], &out, d->ei);
		if (e)
			break;
		struct rec note;
		rec_init(&note, &case_note_entity);
		rec_set_int(&note, CASE_NOTE_CLIENT_ID, cid);
		rec_set_text(&note, CASE_NOTE_TEXT, "首次面谈：案主情绪稳定，家属配合，下周上门跟进。");
		e = demo_create(d, &res_case_notes, &note, NULL);
	}
	return e;
}

enum err demo_care(struct ctx *x, struct errinfo *ei)
{
	struct demo d = {.x = x, .ei = ei, .today = today_ymd(x->now)};
	struct rec *stations = arena_alloc(x->a, sizeof *stations * DEMO_MAXROWS);
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS);
	int nstations = 0, n = 0;
	int64_t resident = 0;
	enum err e = demo_find(&d, &res_orgs, "kind", "social_work_station", 0, NULL, NULL, 0, stations, &nstations);
	for (int si = 0; si < nstations && !e; si++) {
		int64_t station = stations[si].id, town = rec_int(&stations[si], ORG_REGION_ID, 0);
		int64_t sw_triage = 0, sw_case = 0, volunteer = 0;
		/* Staff: the intermediate triages, the assistant keeps the cases. */
		if ((e = demo_find(&d, &res_social_workers, "org_id", NULL, station, NULL, NULL, 0, rows, &n)))
			break;
		for (int k = 0; k < n; k++) {
			const char *q = rec_text(&rows[k], SOCIAL_WORKER_QUALIFICATION);
			if (q && strcmp(q, "intermediate") == 0 && !sw_triage)
				sw_triage = rows[k].id;
			if (q && strcmp(q, "assistant") == 0 && !sw_case)
				sw_case = rows[k].id;
		}
		if (!sw_triage || !sw_case)
			continue;
		if ((e = demo_find(&d, &res_volunteers, "org_id", NULL, station, "stage", "registered", 0, rows, &n)))
			break;
		volunteer = n ? rows[0].id : 0;
		if ((e = menu_item(&d, town, "legal_aid", "法律援助咨询", "律师志愿者每月驻站答疑")) ||
		    (e = menu_item(&d, town, "community_affairs", "社区议事协商", "议事会议题的收集与跟进")))
			break;
		struct rec *comms = arena_alloc(x->a, sizeof *comms * DEMO_MAXROWS);
		int ncomms = 0;
		if ((e = demo_find(&d, &res_regions, "parent_id", NULL, town, NULL, NULL, 0, comms, &ncomms)))
			break;
		for (int ci = 0; ci < ncomms && !e; ci++)
			for (size_t k = 0; k < sizeof community_menu / sizeof *community_menu && !e; k++)
				e = menu_item(&d, comms[ci].id, community_menu[k].category, community_menu[k].title,
					      community_menu[k].description);
		if (!e && ncomms)
			e = needs_for_town(&d, si, station, comms, ncomms, sw_triage, volunteer, &resident);
		if (!e && ncomms)
			e = served_needs(&d, si, comms, ncomms, sw_triage, volunteer);
		if (!e)
			e = clients_for_station(&d, town, station, sw_case, sw_triage, volunteer);
	}
	if (!e && resident)
		e = demo_account(&d, "resident", resident, "resident", 0, 0);
	return e;
}
