/* demo.c - `liandong demo`: a demo city shaped like Jingzhou as
 * 《中国社区报》 reported it (2024-12; docs/DEMO.md): a city with its
 * social-work department and volunteer hub; districts with a civilisation
 * practice centre and social-work agencies; towns with a social-work station
 * and volunteer teams; communities with a social-work room; social workers
 * of every qualification under supervisors; volunteers at every pipeline
 * stage, minors with a guardian's consent among them; and sign-in accounts
 * for each role. Everything goes through the services, so the demo is
 * validated and audited like real input.
 * Deterministic: the same data every run (splitmix64, fixed seed). */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "demo/demo_int.h"
#include "domain/pipeline.h"
#include "store/store.h"

uint64_t demo_next(struct demo *d)
{
	uint64_t z = (d->rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int demo_pick(struct demo *d, int n)
{
	return (int)(demo_next(d) % (uint64_t)n);
}

static const char *const skills[] = {"急救", "心理疏导", "法律咨询", "助老", "助残", "儿童陪伴",
				     "消防", "交通劝导", "水上搜救", "环保宣传", "文艺", "驾驶"};

enum err demo_region(struct demo *d, const char *code, const char *name, const char *level, int64_t parent,
		       int64_t *id)
{
	struct rec r;
	rec_init(&r, &region_entity);
	rec_set_text(&r, REGION_CODE, code);
	rec_set_text(&r, REGION_NAME, name);
	rec_set_text(&r, REGION_LEVEL, level);
	if (parent)
		rec_set_int(&r, REGION_PARENT_ID, parent);
	return demo_create(d, &res_regions, &r, id);
}

enum err demo_org(struct demo *d, const char *name, const char *kind, int64_t region_id, int64_t parent,
		    int64_t *id)
{
	struct rec r;
	rec_init(&r, &org_entity);
	rec_set_text(&r, ORG_NAME, name);
	rec_set_text(&r, ORG_KIND, kind);
	rec_set_int(&r, ORG_REGION_ID, region_id);
	if (parent)
		rec_set_int(&r, ORG_PARENT_ID, parent);
	return demo_create(d, &res_orgs, &r, id);
}

/* A person with a valid ID number from the region, born `age` years ago. */
enum err demo_drawn_person(struct demo *d, const char *region_code, int64_t region_id, int64_t org_id, int age,
		       int64_t *id)
{
	char name[32], phone[40], list[128];
	/* born a year earlier than `age` implies: at least `age` years old today */
	int year = d->today / 10000 - age - 1, month = 1 + demo_pick(d, 12), day = 1 + demo_pick(d, 28);
	int male = demo_pick(d, 2);
	d->seq++;
	demo_name(demo_next(d), male, year, name, sizeof name);
	int phone_tail = (int)(demo_next(d) % 1000000000);
	snprintf(phone, sizeof phone, "1%d%09d", 3 + demo_pick(d, 7), phone_tail);
	/* Jingzhou's box: 29.8-30.8 N, 111.5-113.5 E */
	double lat = 29.8 + (double)(demo_next(d) % 100000) / 100000.0;
	double lon = 111.5 + 2.0 * (double)(demo_next(d) % 100000) / 100000.0;
	int s1 = demo_pick(d, 12), s2 = (s1 + 1 + demo_pick(d, 11)) % 12;
	snprintf(list, sizeof list, "[\"%s\",\"%s\"]", skills[s1], skills[s2]);
	struct demo_person p = {.area = region_code,
				.birth_ymd = year * 10000 + month * 100 + day,
				.serial = d->seq % 500 * 2 + (male ? 1 : 0),
				.name = name,
				.phone = phone,
				.region_id = region_id,
				.org_id = org_id,
				.located = 1,
				.lat = lat,
				.lon = lon,
				.skills = list};
	/* the serial repeats every 500 people: a twin born the same day in
	 * the same district takes the next one */
	enum err e = demo_person(d, &p, id);
	for (int k = 0; k < 5 && e == ERR_DUPLICATE; k++) {
		p.serial = (p.serial + 2) % 1000;
		e = demo_person(d, &p, id);
	}
	return e;
}

enum err demo_social_worker(struct demo *d, int64_t person_id, int64_t org_id, const char *qual,
			      int64_t supervisor, int64_t *id)
{
	struct rec r;
	rec_init(&r, &sw_entity);
	rec_set_int(&r, SOCIAL_WORKER_PERSON_ID, person_id);
	rec_set_int(&r, SOCIAL_WORKER_ORG_ID, org_id);
	rec_set_text(&r, SOCIAL_WORKER_QUALIFICATION, qual);
	if (strcmp(qual, "none") != 0)
		rec_set_text(&r, SOCIAL_WORKER_CERTIFICATE_NO, arena_printf(d->x->a, "SW%06d", d->seq));
	rec_set_text(&r, SOCIAL_WORKER_FIELDS, "[\"老年社会工作\",\"社区社会工作\"]");
	if (supervisor)
		rec_set_int(&r, SOCIAL_WORKER_SUPERVISOR_ID, supervisor);
	return demo_create(d, &res_social_workers, &r, id);
}

/* What some volunteers state for matching: weekend windows, preferred
 * modes, a weekly cap; the rest are free at any time. Adults get a
 * background check now and then. */
static void matching_prefs(struct demo *d, struct rec *r, int minor, int varied)
{
	char date[16];
	int64_t t = d->x->now - (int64_t)(30 + demo_pick(d, 200)) * 86400;
	int ymd = today_ymd(t);
	snprintf(date, sizeof date, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
	if (!minor && (!varied || demo_pick(d, 2)))
		rec_set_text(r, VOLUNTEER_BACKGROUND_CHECK, arena_strdup(d->x->a, date));
	if (!varied)
		return;
	switch (demo_pick(d, 4)) {
	case 0: rec_set_text(r, VOLUNTEER_AVAILABILITY, "[\"sat 08:00-18:00\",\"sun 08:00-18:00\"]"); break;
	case 1: rec_set_text(r, VOLUNTEER_PREFERRED_MODES, "[\"daily\",\"professional\"]"); break;
	case 2: rec_set_real(r, VOLUNTEER_MAX_WEEKLY_HOURS, 6); break;
	default: rec_set_real(r, VOLUNTEER_MAX_DISTANCE_KM, 15); break;
	}
}

/* A volunteer of org_id walked to `stage`, led by social worker `lead`
 * (带教社工, 0: none), its stage moves `ago` seconds back. */
static enum err volunteer(struct demo *d, int64_t person_id, int64_t org_id, int minor, enum vstage stage,
			  int varied, int64_t lead, int64_t ago, int64_t *id)
{
	struct rec r, out;
	int64_t vid;
	enum err e;
	rec_init(&r, &vol_entity);
	rec_set_int(&r, VOLUNTEER_PERSON_ID, person_id);
	rec_set_int(&r, VOLUNTEER_ORG_ID, org_id);
	matching_prefs(d, &r, minor, varied);
	if (lead)
		rec_set_int(&r, VOLUNTEER_LEAD_SOCIAL_WORKER_ID, lead);
	if (minor) {
		rec_set_int(&r, VOLUNTEER_GUARDIAN_CONSENT, 1);
		rec_set_text(&r, VOLUNTEER_GUARDIAN_NAME, "监护人");
	}
	if ((e = demo_create(d, &res_volunteers, &r, &vid)))
		return e;
	/* Walk the pipeline one step at a time, as a station would. */
	int64_t now = d->x->now;
	d->x->now -= ago;
	static const enum vstage path[] = {VS_TRIAL, VS_INITIAL_TRAINING, VS_SELECTION, VS_INTERVIEW,
					   VS_SKILLS_TRAINING, VS_REGISTERED};
	if (stage == VS_REJECTED || stage == VS_WITHDRAWN) {
		e = svc_volunteer_stage(d->x, vid, vstage_name(VS_TRIAL), "试岗", &out, d->ei);
		if (!e)
			e = svc_volunteer_stage(d->x, vid, vstage_name(stage), "双向选择未通过", &out, d->ei);
	} else {
		enum vstage target = stage == VS_INACTIVE ? VS_REGISTERED : stage;
		for (size_t i = 0; i < sizeof path / sizeof *path && !e && path[i] <= target && target != VS_APPLIED; i++)
			e = svc_volunteer_stage(d->x, vid, vstage_name(path[i]), NULL, &out, d->ei);
		if (!e && stage == VS_INACTIVE)
			e = svc_volunteer_stage(d->x, vid, vstage_name(VS_INACTIVE), "一年未参加服务", &out, d->ei);
	}
	d->x->now = now;
	if (id)
		*id = vid;
	return e;
}

/* A co-building link (组织联建): org_id lets other read what `kind` shares
 * (domain/share.h; NULL: the default, nothing). */
enum err demo_link(struct demo *d, int64_t org_id, int64_t other, const char *kind)
{
	struct rec r;
	rec_init(&r, &org_link_entity);
	rec_set_int(&r, ORG_LINK_ORG_ID, org_id);
	rec_set_int(&r, ORG_LINK_OTHER_ORG_ID, other);
	rec_set_text(&r, ORG_LINK_NOTE, kind ? "相邻街道联建共享" : "社志联动共建");
	if (kind)
		rec_set_text(&r, ORG_LINK_KIND, kind);
	return demo_create(d, &res_org_links, &r, NULL);
}

/* ---- service delivery: activities, shifts, sign-ups, a year of records ---- */

const char *const demo_modes[] = {"daily", "professional", "event", "emergency", "advocacy"};
const char *const demo_titles[] = {"敬老院日常探访", "困境儿童个案辅导", "社区重阳节游园会", "防汛应急转移", "禁毒宣传进社区"};
static const char *const demo_positions[] = {"陪伴探访", "课业辅导", "现场秩序", "转移协助", "宣传讲解"};
const char *const demo_contents[] = {"入户探访独居老人，陪伴聊天、量血压", "为留守儿童辅导作业", "协助社区文艺活动现场秩序",
					    "协助转移受灾群众", "发放禁毒宣传资料并讲解"};

/* The year's rhythm (by calendar month): more service around 学雷锋日 (March
 * 5), in the flood season (July), around 重阳节 (October) and 国际志愿者日
 * (December 5), less over 春节 (February); and each month's leading mode
 * (the others keep their share): 送温暖 visits in winter, 学雷锋 and
 * 志愿者日 events, 国际禁毒日 (June 26) advocacy, flood-season emergencies,
 * the new school year's casework. */
static const int month_weight[12] = {7, 5, 15, 8, 8, 9, 11, 9, 8, 11, 8, 12};
static const int month_mode[12] = {0, 0, 2, 0, 4, 4, 3, 3, 1, 2, 0, 2};
static const int mode_weight[5] = {40, 20, 15, 10, 15};

/* When a record of the past twelve months starts (08:00-16:00, at least
 * three days ago), drawn by the year's rhythm; its calendar month (1-12) to
 * *month. The current month counts for the days it has had. */
int64_t demo_record_start(struct demo *d, int *month)
{
	int y = d->today / 10000, m = d->today / 100 % 100, mday = d->today % 100;
	int w[12], total = 0;
	for (int k = 0; k < 12; k++) {
		int mm = (m - 1 - k + 24) % 12;
		w[k] = k ? month_weight[mm] * 30 : month_weight[mm] * (mday > 3 ? mday - 3 : 0);
		total += w[k];
	}
	int r = demo_pick(d, total), k = 0;
	while (r >= w[k])
		r -= w[k++];
	int yy = m - k < 1 ? y - 1 : y, mm = (m - 1 - k + 24) % 12 + 1;
	int last = k ? 28 : mday - 3;
	/* half of March's and December's around the 5th */
	int day = (mm == 3 || mm == 12) && demo_pick(d, 2) ? 3 + demo_pick(d, 5) : 1 + demo_pick(d, 28);
	if (day > last)
		day = 1 + demo_pick(d, last);
	*month = mm;
	return civil_start(yy, (unsigned)mm, (unsigned)day) + (int64_t)(8 + demo_pick(d, 9)) * 3600;
}

/* The mode of a record of `month`: its leading mode gets a bonus. */
int demo_record_mode(struct demo *d, int month)
{
	int w[5], total = 0;
	for (int m = 0; m < 5; m++)
		total += w[m] = mode_weight[m] + (m == month_mode[month - 1] ? 45 : 0);
	int r = demo_pick(d, total), m = 0;
	while (r >= w[m])
		r -= w[m++];
	return m;
}

/* The station's activities and a year of its team's service: `busy`
 * records a volunteer on average (the first eight of the team 6-15). */
static enum err service_year(struct demo *d, int64_t station, int64_t team, const int64_t *vols, int nvols, int busy)
{
	struct ctx *x = d->x;
	enum err e;
	/* an activity of every mode, hosted by the station with its team */
	for (int m = 0; m < 5; m++) {
		struct rec a, out;
		int64_t start = x->now - 3600, end = x->now + 30 * 86400;
		rec_init(&a, &activity_entity);
		rec_set_text(&a, ACTIVITY_TITLE, demo_titles[m]);
		rec_set_text(&a, ACTIVITY_MODE, demo_modes[m]);
		rec_set_text(&a, ACTIVITY_ORG_IDS, arena_printf(x->a, "[%lld,%lld]", (long long)station, (long long)team));
		rec_set_text(&a, ACTIVITY_PLACE, "社区服务中心");
		rec_set_real(&a, ACTIVITY_LAT, 30.33);
		rec_set_real(&a, ACTIVITY_LON, 112.24);
		rec_set_int(&a, ACTIVITY_STARTS_AT, start);
		rec_set_int(&a, ACTIVITY_ENDS_AT, end);
		rec_set_text(&a, ACTIVITY_SIGN_UP, m == 1 ? "approval" : "open");
		rec_set_text(&a, ACTIVITY_POSITIONS, arena_printf(x->a, "[{\"title\":\"%s\",\"headcount\":3%s}]", demo_positions[m],
							   m == 1 ? ",\"works_with_minors\":true" : ""));
		if ((e = svc_create(x, &res_activities, &a, &out, d->ei)))
			return e;
		/* next week's shift at 09:00-11:00 China time, day m+1 */
		int64_t day0 = local_day_start(x->now);
		int64_t s0 = day0 + (int64_t)(m + 1) * 86400 + 9 * 3600;
		struct rec sh, shout;
		rec_init(&sh, &shift_entity);
		struct rec *rows = arena_alloc(x->a, sizeof *rows * 2);
		struct val f[4] = {{.set = 1, .i = out.id}};
		static const struct scope all = {.all = 1};
		int n = 0;
		if ((e = store_list(x->c, &position_entity, &all, 0, 1, f, rows, &n, x->a)) || n != 1)
			return err_set(d->ei, e ? e : ERR_INTERNAL, NULL, "demo: no position");
		rec_set_int(&sh, SHIFT_POSITION_ID, rows[0].id);
		rec_set_int(&sh, SHIFT_STARTS_AT, s0);
		rec_set_int(&sh, SHIFT_ENDS_AT, s0 + 2 * 3600);
		rec_set_int(&sh, SHIFT_CAPACITY, 3);
		if ((e = svc_create(x, &res_shifts, &sh, &shout, d->ei)))
			return e;
		/* up to four sign up: three places, one on the waiting list */
		for (int i = 0; i < nvols && i < 4; i++) {
			struct rec g, gout;
			rec_init(&g, &signup_entity);
			rec_set_int(&g, SIGNUP_VOLUNTEER_ID, vols[(i + m) % nvols]);
			if ((e = svc_signup(x, shout.id, &g, &gout, d->ei)))
				return e;
		}
	}
	/* the year's regular service of every mode (常态化服务), which the year
	 * of records below belongs to: the service modes have hours to show */
	int64_t regular[5];
	for (int m = 0; m < 5; m++) {
		struct rec a, out;
		rec_init(&a, &activity_entity);
		rec_set_text(&a, ACTIVITY_TITLE, arena_printf(x->a, "%s（常态化服务）", demo_titles[m]));
		rec_set_text(&a, ACTIVITY_MODE, demo_modes[m]);
		rec_set_text(&a, ACTIVITY_ORG_IDS, arena_printf(x->a, "[%lld,%lld]", (long long)station, (long long)team));
		rec_set_text(&a, ACTIVITY_PLACE, "社区服务中心");
		rec_set_int(&a, ACTIVITY_STARTS_AT, x->now - 366 * 86400);
		rec_set_int(&a, ACTIVITY_ENDS_AT, x->now - 2 * 86400);
		rec_set_text(&a, ACTIVITY_SIGN_UP, "open");
		if ((e = svc_create(x, &res_activities, &a, &out, d->ei)))
			return e;
		regular[m] = out.id;
	}
	/* a year of service, recorded by the station, most of it verified */
	for (int i = 0; i < nvols; i++) {
		int n = i < 8 ? 6 + demo_pick(d, 10) : busy / 2 + demo_pick(d, busy + 1);
		for (int k = 0; k < n; k++) {
			int month;
			int64_t start = demo_record_start(d, &month);
			int m = demo_record_mode(d, month);
			struct rec r, out;
			rec_init(&r, &service_record_entity);
			rec_set_int(&r, SERVICE_RECORD_VOLUNTEER_ID, vols[i]);
			rec_set_int(&r, SERVICE_RECORD_ORG_ID, station);
			rec_set_int(&r, SERVICE_RECORD_ACTIVITY_ID, regular[m]);
			rec_set_text(&r, SERVICE_RECORD_CONTENT,
				     m == 2 && month == 3    ? "学雷锋志愿服务日：义剪、义诊、小家电维修"
				     : m == 2 && month == 12 ? "国际志愿者日志愿服务集市"
				     : m == 2 && month == 10 ? "重阳节敬老游园会现场服务"
							     : demo_contents[m]);
			rec_set_text(&r, SERVICE_RECORD_PLACE, "社区服务中心");
			rec_set_int(&r, SERVICE_RECORD_STARTS_AT, start);
			rec_set_int(&r, SERVICE_RECORD_ENDS_AT, start + (2 + demo_pick(d, 3)) * 3600);
			rec_set_text(&r, SERVICE_RECORD_EVALUATION, "服务认真，对象满意");
			rec_set_text(&r, SERVICE_RECORD_PERSON_IN_CHARGE, "站长");
			if ((e = svc_create(x, &res_service_records, &r, &out, d->ei)))
				return e;
			if (demo_pick(d, 10) < 8 && (e = svc_record_verify(x, out.id, NULL, &out, d->ei)))
				return e;
		}
	}
	/* the first volunteers' commendations (民政部令第67号 Art. 4) */
	for (int i = 0; i < nvols && i < 3; i++) {
		struct rec h, out;
		rec_init(&h, &volunteer_honor_entity);
		rec_set_int(&h, VOLUNTEER_HONOR_VOLUNTEER_ID, vols[i]);
		rec_set_text(&h, VOLUNTEER_HONOR_KIND, i ? "commendation" : "award");
		rec_set_text(&h, VOLUNTEER_HONOR_TITLE, i ? "服务之星" : "优秀志愿者");
		rec_set_text(&h, VOLUNTEER_HONOR_LEVEL, "街道级");
		rec_set_text(&h, VOLUNTEER_HONOR_ISSUER, "街道社工站");
		rec_set_text(&h, VOLUNTEER_HONOR_AWARDED_ON,
			     arena_printf(x->a, "%04d-%02d-01", d->today / 10000, (d->today / 100) % 100));
		if ((e = svc_create(x, &res_volunteer_honors, &h, &out, d->ei)))
			return e;
	}
	return ERR_OK;
}

/* A plan for every client: weekly home visits for the elderly, monthly
 * follow-up for everyone else, over the next quarter. */
static enum err demo_plans(struct demo *d)
{
	struct ctx *x = d->x;
	static const struct scope all = {.all = 1};
	struct rec *clients = arena_alloc(x->a, sizeof *clients * 200);
	struct val f[16] = {{0}};
	int n = 0;
	enum err e = store_list(x->c, &client_entity, &all, 0, 200, f, clients, &n, x->a);
	if (e)
		return err_set(d->ei, e, NULL, NULL);
	int64_t day0 = local_day_start(x->now);
	char today[16];
	int ymd = today_ymd(x->now);
	snprintf(today, sizeof today, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
	for (int i = 0; i < n; i++) {
		int elderly = strcmp(rec_text(&clients[i], CLIENT_CATEGORY), "elderly") == 0;
		struct rec p, out;
		rec_init(&p, &plan_entity);
		rec_set_int(&p, PLAN_CLIENT_ID, clients[i].id);
		if (rec_has(&clients[i], CLIENT_SOCIAL_WORKER_ID))
			rec_set_int(&p, PLAN_SOCIAL_WORKER_ID, rec_int(&clients[i], CLIENT_SOCIAL_WORKER_ID, 0));
		rec_set_text(&p, PLAN_TITLE, elderly ? "居家探访与健康监测" : "个案跟进");
		rec_set_text(&p, PLAN_STARTS_ON, arena_strdup(x->a, today));
		rec_set_int(&p, PLAN_HORIZON_DAYS, 90);
		int64_t first = day0 + (int64_t)(1 + i % 5) * 86400 + (9 + i % 6) * 3600;
		char iso[32];
		time_format(first, iso);
		rec_set_text(&p, PLAN_TASKS, arena_printf(x->a,
			"[{\"title\":\"%s\",\"recurrence\":\"%s\",\"first_at\":\"%s\",\"duration_minutes\":90}]",
			elderly ? "入户探访" : "面谈跟进", elderly ? "weekly" : "monthly", iso));
		if ((e = svc_create(x, &res_plans, &p, &out, d->ei)))
			return e;
	}
	return ERR_OK;
}

/* The districts differ as a city's do: 沙市区 the busy city centre, 荆州区
 * the old town, 公安县 a county catching up, 江陵县 a small county whose
 * teams are still growing (below 社工带动义工's 1:10). */
struct district {
	const char *code, *name;
	int ntowns;
	const char *towns[4];
	int communities[4];		/* per town: rooms */
	const char *agency[3];		/* the agency's qualifications, the supervisor first */
	int team_pct;			/* a team's volunteers, % of --volunteers */
	int busy;			/* records a registered volunteer a year */
};

static const struct district districts[] = {
	{"421002", "沙市区", 4, {"中山街道", "胜利街道", "崇文街道", "岑河镇"}, {4, 3, 3, 2},
	 {"senior", "intermediate", "none"}, 400, 6},
	{"421003", "荆州区", 3, {"城南街道", "西城街道", "纪南镇"}, {3, 3, 2},
	 {"senior", "intermediate", "none"}, 420, 5},
	{"421024", "江陵县", 2, {"郝穴镇", "熊河镇"}, {3, 2},
	 {"senior", "intermediate"}, 250, 2},
	{"421022", "公安县", 3, {"斗湖堤镇", "杨家厂镇", "麻豪口镇"}, {3, 2, 2},
	 {"senior", "intermediate"}, 400, 3},
};
static const char *const community_names[] = {"幸福社区", "和平社区", "新华村", "建设社区"};
static const char *const team_names[] = {"消防志愿队", "交通志愿队", "法律援助志愿队", "水上搜救志愿队"};

/* A team's volunteers: the first thirteen at every pipeline stage, the
 * rest mostly registered (a few applied or gone inactive). */
static enum vstage team_stage(int vi)
{
	static const enum vstage mix[] = {VS_REGISTERED, VS_REGISTERED, VS_REGISTERED, VS_REGISTERED,
					  VS_APPLIED, VS_TRIAL, VS_INITIAL_TRAINING, VS_SELECTION,
					  VS_INTERVIEW, VS_SKILLS_TRAINING, VS_REJECTED, VS_WITHDRAWN,
					  VS_INACTIVE};
	if (vi < 13)
		return mix[vi];
	return vi % 10 == 3 ? VS_APPLIED : vi % 10 == 7 ? VS_INACTIVE : VS_REGISTERED;
}

enum err demo_load(struct ctx *x, int per_team, struct errinfo *ei)
{
	struct demo d = {.x = x, .ei = ei, .rng = 20241210, .today = today_ymd(x->now)};
	int64_t city, dept, hub, id;
	enum err e;
	int64_t first_station = 0, second_station = 0, first_district = 0, sample_sw_person = 0, sample_vol_person = 0;
	int first_shared = 0;

	if ((e = demo_region(&d, "421000", "荆州市", "city", 0, &city)))
		return e;
	if ((e = demo_org(&d, "荆州市委社会工作部", "social_work_dept", city, 0, &dept)) ||
	    (e = demo_org(&d, "荆州市志愿服务联合会", "volunteer_hub", city, 0, &hub)) ||
	    (e = demo_org(&d, "荆州市民政局", "government", city, 0, NULL)) ||
	    (e = demo_org(&d, "共青团荆州市委", "government", city, 0, NULL)))
		return e;

	for (size_t di = 0; di < sizeof districts / sizeof *districts; di++) {
		const struct district *ds = &districts[di];
		int64_t dist, centre, agency, supervisor_sw = 0, chain[16];
		int nchain = 0;
		if ((e = demo_region(&d, ds->code, ds->name, "district", city, &dist)))
			return e;
		if (!first_district)
			first_district = dist;
		if ((e = demo_org(&d, arena_printf(x->a, "%s新时代文明实践所", ds->name), "practice_center", dist, 0, &centre)) ||
		    (e = demo_org(&d, arena_printf(x->a, "%s社会工作服务中心", ds->name), "sw_agency", dist, 0, &agency)))
			return e;
		/* The agency: a senior supervisor and one or two more. */
		for (int q = 0; q < 3 && ds->agency[q]; q++) {
			int64_t p, sw;
			if ((e = demo_drawn_person(&d, ds->code, dist, agency, 30 + demo_pick(&d, 20), &p)) ||
			    (e = demo_social_worker(&d, p, agency, ds->agency[q], supervisor_sw, &sw)))
				return e;
			if (q == 0)
				supervisor_sw = sw;
			else
				chain[nchain++] = sw;
		}
		for (int ti = 0; ti < ds->ntowns; ti++) {
			int64_t town, station, team;
			const char *tcode = arena_printf(x->a, "%s%03d", ds->code, ti + 1);
			if ((e = demo_region(&d, tcode, ds->towns[ti], "town", dist, &town)) ||
			    (e = demo_org(&d, arena_printf(x->a, "%s社工站", ds->towns[ti]), "social_work_station", town, 0,
				     &station)) ||
			    (e = demo_org(&d, arena_printf(x->a, "%s%s", ds->towns[ti], team_names[(di + (size_t)ti) % 4]),
				     "volunteer_team", town, station, &team)) ||
			    (e = demo_link(&d, hub, team, NULL)) ||
			    (e = demo_org(&d, arena_printf(x->a, "%s新时代文明实践站", ds->towns[ti]), "practice_station", town,
				     centre, NULL)))
				return e;
			/* the second town shares with the first station (the demo
			 * accounts'): its station its needs (联建), its team its
			 * volunteers (志愿者共享) */
			if (first_station && !first_shared) {
				first_shared = 1;
				if ((e = demo_link(&d, station, first_station, "co_building")) ||
				    (e = demo_link(&d, team, first_station, "volunteer_share")))
					return e;
			}
			if (!first_station)
				first_station = station;
			else if (!second_station)
				second_station = station;
			/* Station staff: an intermediate and an assistant social worker. */
			int64_t p, sw, sw2;
			if ((e = demo_drawn_person(&d, ds->code, town, station, 26 + demo_pick(&d, 15), &p)) ||
			    (e = demo_social_worker(&d, p, station, "intermediate", supervisor_sw, &sw)) ||
			    (e = demo_drawn_person(&d, ds->code, town, station, 23 + demo_pick(&d, 10), &p)) ||
			    (e = demo_social_worker(&d, p, station, "assistant", supervisor_sw, &sw2)))
				return e;
			chain[nchain++] = sw;
			chain[nchain++] = sw2;
			if (!sample_sw_person)
				sample_sw_person = p;
			for (int ci = 0; ci < ds->communities[ti]; ci++) {
				int64_t comm;
				const char *ccode = arena_printf(x->a, "%s%03d", tcode, ci + 1);
				if ((e = demo_region(&d, ccode, arena_printf(x->a, "%s%s", ds->towns[ti], community_names[ci]),
						"community", town, &comm)) ||
				    (e = demo_org(&d, arena_printf(x->a, "%s%s社工室", ds->towns[ti], community_names[ci]),
					     "social_work_room", comm, station, NULL)))
					return e;
			}
			/* Volunteers at every stage; registered the most common. */
			int nvol = per_team * ds->team_pct / 100 + ti % 2 * 3 - (int)di % 2;
			if (nvol < 1)
				nvol = 1;
			int64_t *registered = arena_alloc(x->a, sizeof *registered * (size_t)nvol);
			int nreg = 0;
			for (int vi = 0; vi < nvol; vi++) {
				int minor = vi % 11 == 5;
				int age = minor ? 15 + demo_pick(&d, 3) : 18 + demo_pick(&d, 50);
				enum vstage stage = team_stage(vi);
				/* adults registered over the past 11 quarters, so that
				 * retention has cohorts to show (issue 15); after the
				 * first thirteen, on any day of the past three years
				 * (the youngest of the past year) */
				int64_t ago = vi >= 13	? (int64_t)demo_pick(&d, age < 21 ? 360 : 1000) * 86400
					      : age < 21 ? 0
							 : (int64_t)((di * 3 + (size_t)ti + 3 * (size_t)vi) % 11) * 91 * 86400;
				int64_t vid;
				if ((e = demo_drawn_person(&d, ds->code, town, team, age, &p)) ||
				    /* led (带教) by the station's two in turn, the
				     * newcomers by its intermediate alone: the
				     * assistant leads a handful, below 1:10 */
				    (e = volunteer(&d, p, team, minor, stage, nreg >= 8, vi < 13 && vi % 2 ? sw2 : sw, ago,
						   &vid)))
					return e;
				if (stage == VS_REGISTERED && !minor)
					registered[nreg++] = vid;
				if (!sample_vol_person && stage == VS_REGISTERED)
					sample_vol_person = p;
			}
			if ((e = service_year(&d, station, team, registered, nreg, ds->busy)))
				return e;
		}
		if ((e = demo_supervision(&d, supervisor_sw, chain, nchain)))
			return e;
		(void)id;
	}
	/* Sign-in accounts, one per role (docs/DEMO.md). */
	if ((e = demo_account(&d, "region", 0, "regional_admin", 0, first_district)) ||
	    (e = demo_account(&d, "station", 0, "org_admin", first_station, 0)) ||
	    (e = demo_account(&d, "sw", sample_sw_person, "social_worker", first_station, 0)) ||
	    (e = demo_account(&d, "volunteer", sample_vol_person, "volunteer", 0, 0)) ||
	    (e = demo_account(&d, "hub", 0, "org_admin", hub, 0)))
		return e;
	/* an org admin of two stations, who picks the one to act in */
	struct role_in two[] = {{"org_admin", first_station, 0}, {"org_admin", second_station, 0}};
	if ((e = demo_account_roles(&d, "duo", 0, two, 2)))
		return e;
	/* Service menus, needs and clients (demo_care.c), then their plans. */
	if ((e = demo_care(x, ei)) || (e = demo_plans(&d)) || (e = demo_emergency(x, ei)) ||
	    (e = demo_funds(x, ei, first_station, hub)) || (e = demo_voice(x, ei, first_station)))
		return e;
	if ((e = demo_council(x, ei)) || (e = demo_projects(x, ei, first_station, hub)))
		return e;
	int64_t n;
	store_count(x->c, E_PERSON, &n);
	printf("demo loaded: 1 city, %zu districts, %d people; accounts region, station, sw, volunteer, hub, duo,"
	       " resident, pinggu (a project's evaluator) (password %s)\n",
	       sizeof districts / sizeof *districts, (int)n, DEMO_PASSWORD);
	return ERR_OK;
}
