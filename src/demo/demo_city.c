/* demo_city.c - `liandong demo --scale city`: the demo city grown to the size
 * seed 001 (Jingzhou) reports: 129 social-work stations, 221 rooms, 54
 * agencies, 5,825 social workers, 3,689 volunteer orgs, 1.12 million
 * volunteers and verified service records adding up to 6.51 million hours
 * (docs/DEMO.md). `--scale city/N` keeps the structure and divides the
 * volunteers and the hours by N, for tests.
 *
 * On top of the demo city (demo.c), in the same transaction: the structure
 * (towns, stations, rooms, agencies, teams, social workers and the stations'
 * regular activities, a few thousand rows) goes through the services like
 * the rest of the demo; the volunteers, their people, pipeline histories and
 * service records (millions of rows) are written straight through the
 * store's entity inserts (store_insert, the statements the services use),
 * shaped as the services shape them, and each volunteer's hours rollup,
 * verified hours and stars are recomputed by the ledger's own store calls
 * (store_year_refresh, store_verified_minutes, store_volunteer_hours_set),
 * as a verify does. What the bulk leaves out: an audit entry per row, and
 * the emergency index's change log (a server started after the load reads
 * every volunteer anyway). Deterministic: a volunteer's draws come from its
 * own seed, so the totals can be planned exactly before anything is written
 * (pass 1) and then written (pass 2). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "demo/demo_int.h"
#include "domain/idcard.h"
#include "domain/pipeline.h"
#include "domain/service_rules.h"
#include "domain/timefmt.h"
#include "domain/workforce.h"
#include "service/keys.h"
#include "service/stats.h"
#include "store/service_store.h"
#include "store/stats_store.h"
#include "store/store.h"

/* Seed 001's figures (《中国社区报》, 2024-12). */
#define CITY_STATIONS 129
#define CITY_ROOMS 221
#define CITY_AGENCIES 54
#define CITY_SOCIAL_WORKERS 5825
#define CITY_VOLUNTEER_ORGS 3689
#define CITY_VOLUNTEERS 1120000
#define CITY_HOURS 6510000

#define DAY 86400
#define MAXREC 320	/* records of one volunteer */
#define BATCH 512	/* volunteers per arena */

/* New towns per district, in demo.c's order (沙市区, 荆州区, 江陵县,
 * 公安县): the counties have more towns, the city centre more people. */
static const int town_weight[4] = {24, 28, 20, 45};
static const int people_weight[4] = {34, 30, 12, 24};
static const char *const town_a[] = {"东", "西", "南", "北", "新", "永", "太", "长", "金", "白", "青", "观"};
static const char *const town_b[] = {"港", "湖", "桥", "河", "山", "岭", "洲", "湾", "口", "垸", "集", "场"};
static const char *const agency_names[] = {"阳光", "博爱", "春晖", "同心", "善行", "馨和", "益众", "仁爱",
					   "启航", "和谐", "乐群", "正心", "德馨", "明德", "恒爱"};
static const char *const team_themes[] = {
	"青年志愿服务队", "巾帼志愿服务队", "党员志愿服务队", "夕阳红志愿服务队", "环保志愿服务队", "助残志愿服务队",
	"法律志愿服务队", "医疗志愿服务队", "文明交通志愿服务队", "应急救援志愿服务队", "心理关爱志愿服务队",
	"关爱儿童志愿服务队", "文艺志愿服务队", "邻里守望志愿服务队", "平安巡防志愿服务队", "助学志愿服务队",
	"敬老志愿服务队", "禁毒宣传志愿服务队", "防汛志愿服务队", "消防志愿服务队", "义诊志愿服务队",
	"书香志愿服务队", "科普志愿服务队", "红色宣讲志愿服务队", "家电维修志愿服务队", "义剪志愿服务队",
	"垃圾分类志愿服务队", "爱心车队", "网格志愿服务队", "楼栋志愿服务队", "老兵志愿服务队", "大学生志愿服务队"};
static const char *const room_names[] = {"幸福社区", "和平社区", "新华村", "建设社区"};
static const char *const skills[] = {"急救", "心理疏导", "法律咨询", "助老", "助残", "儿童陪伴",
				     "消防", "交通劝导", "水上搜救", "环保宣传", "文艺", "驾驶"};

struct district_ref {
	int64_t id, centre, supervisor;	/* supervisor: the first new agency's senior */
	const char *code, *name;
	int ntowns, nagencies;
};

struct station {
	int64_t town, id, activity[5], due;
	int district;
	int64_t *sw;	/* its social workers, who lead its teams' volunteers */
	int nsw, capsw;
	double lat, lon;	/* the town's centre */
};

struct team {
	int64_t id;
	int station;
	int nvol;
};

/* One stage move of a volunteer's history. */
struct move {
	enum vstage from, to;
	const char *note;
	int64_t at;
};

struct precord {
	int64_t start;
	int minutes, mode, month, verified;
};

/* Everything drawn for one volunteer. */
struct vplan {
	int male, minor, birth_ymd;
	enum vstage stage;
	struct move moves[10];
	int nmoves;
	struct precord rec[MAXREC];
	int nrec;
	int64_t verified_minutes;
	int64_t window_lo, window_hi;	/* where its service falls */
	int recent;			/* registered: its service is of the past twelve months */
};

struct city {
	struct demo *d;
	struct ctx *x;
	struct errinfo *ei;
	int today;
	struct district_ref dist[4];
	struct station *st;
	int nst;
	struct team *tm;
	int ntm;
	/* the draws of extra records: the backbone's mean and everyone else's */
	double mean_backbone, mean_rest;
	/* ID serials handed out: per district, birth day and sex */
	unsigned short *serials;
	int64_t day0;	/* the earliest birth day counted in serials */
	const struct crypto_keys *key;
};

#define SERIAL_DAYS (80 * 366)

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform draw in (0, 1]. */
static double unit(struct demo *d)
{
	return ((double)(demo_next(d) >> 11) + 1.0) / 9007199254740992.0;
}

/* An exponential count of mean m (0 when m <= 0). */
static int expcount(struct demo *d, double m)
{
	double u = unit(d);
	return m > 0 ? (int)(-m * log(u) + 0.5) : 0;
}

static int64_t span_pick(struct demo *d, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)(demo_next(d) % (uint64_t)(hi - lo));
}

/* A record's length: 1 to 4 hours, 2 and 3 the most common. */
static int record_minutes(struct demo *d)
{
	int r = demo_pick(d, 20);
	return r < 2 ? 60 : r < 9 ? 120 : r < 16 ? 180 : 240;
}

/* A service start in [lo, hi): a working hour of a day drawn there. */
static int64_t start_in(struct demo *d, int64_t lo, int64_t hi)
{
	return local_day_start(span_pick(d, lo, hi)) + (int64_t)(8 + demo_pick(d, 9)) * 3600;
}

static void add_record(struct city *c, struct demo *d, struct vplan *p, int minutes, int verified)
{
	if (p->nrec >= MAXREC)
		return;
	struct precord *r = &p->rec[p->nrec];
	int64_t now = c->x->now;
	int month = 0;
	if (p->recent) {
		/* the year's rhythm, after the registration */
		r->start = demo_record_start(d, &month);
		for (int k = 0; k < 3 && r->start < p->window_lo; k++)
			r->start = demo_record_start(d, &month);
		if (r->start < p->window_lo) {
			r->start = start_in(d, p->window_lo, p->window_hi);
			month = today_ymd(r->start) / 100 % 100;
		}
	} else {
		r->start = start_in(d, p->window_lo, p->window_hi);
		month = today_ymd(r->start) / 100 % 100;
	}
	if (!verified) {
		/* waiting for its verification: of the last ten days */
		r->start = start_in(d, now - 10 * DAY > p->window_lo ? now - 10 * DAY : p->window_lo, now - 3 * DAY);
		month = today_ymd(r->start) / 100 % 100;
	}
	r->month = month;
	r->mode = demo_record_mode(d, month);
	r->minutes = minutes;
	r->verified = verified;
	if (verified)
		p->verified_minutes += minutes;
	p->nrec++;
}

static void move(struct vplan *p, enum vstage from, enum vstage to, const char *note, int64_t at)
{
	p->moves[p->nmoves++] = (struct move){from, to, note, at};
}

/* Volunteer `idx`'s draws: who, where in the pipeline since when, and its
 * service records. */
static void plan(struct city *c, int64_t idx, struct vplan *p)
{
	struct demo d = *c->d;
	d.rng = mix64(0x1120000ULL * 0x9E3779B97F4A7C15ULL ^ (uint64_t)idx);
	int64_t now = c->x->now;
	memset(p, 0, offsetof(struct vplan, rec));
	p->nrec = 0;
	p->verified_minutes = 0;
	int s = demo_pick(&d, 1000);
	p->stage = s < 800   ? VS_REGISTERED
		   : s < 880 ? VS_INACTIVE
		   : s < 920 ? VS_APPLIED
		   : s < 970 ? (enum vstage)(VS_TRIAL + (s - 920) / 10)
		   : s < 985 ? VS_WITHDRAWN
			     : VS_REJECTED;
	p->minor = demo_pick(&d, 100) < 3;
	int a = demo_pick(&d, 100);
	int age = p->minor ? 15 + demo_pick(&d, 3)
		  : a < 40 ? 18 + demo_pick(&d, 13)
		  : a < 75 ? 31 + demo_pick(&d, 20)
			   : 51 + demo_pick(&d, 20);
	/* the young applied within the past year (at 14 or over) */
	int young = age < 21;
	if (young && p->stage == VS_INACTIVE)
		p->stage = VS_REGISTERED;
	p->male = demo_pick(&d, 100) < 45;
	p->birth_ymd = (c->today / 10000 - age - 1) * 10000 + (1 + demo_pick(&d, 12)) * 100 + 1 + demo_pick(&d, 28);

	/* the pipeline, one step at a time, 3-20 days apart */
	int64_t t;
	enum vstage path[] = {VS_APPLIED, VS_TRIAL, VS_INITIAL_TRAINING, VS_SELECTION, VS_INTERVIEW,
			      VS_SKILLS_TRAINING, VS_REGISTERED};
	if (p->stage == VS_REGISTERED || p->stage == VS_INACTIVE) {
		int64_t reg = p->stage == VS_REGISTERED ? now - (int64_t)(30 + demo_pick(&d, young ? 200 : 1065)) * DAY
							: now - (int64_t)(460 + demo_pick(&d, 640)) * DAY;
		int64_t steps[6], sum = 0;
		for (int i = 0; i < 6; i++)
			sum += steps[i] = (int64_t)(3 + demo_pick(&d, 18)) * DAY + demo_pick(&d, 8 * 3600);
		t = reg - sum;
		move(p, VS__COUNT, VS_APPLIED, "application", t);
		for (int i = 1; i < 7; i++)
			move(p, path[i - 1], path[i], NULL, t += steps[i - 1]);
	} else if (p->stage == VS_WITHDRAWN || p->stage == VS_REJECTED) {
		t = now - (int64_t)(40 + demo_pick(&d, young ? 250 : 900)) * DAY;
		move(p, VS__COUNT, VS_APPLIED, "application", t);
		move(p, VS_APPLIED, VS_TRIAL, "试岗", t += (int64_t)(3 + demo_pick(&d, 8)) * DAY);
		move(p, VS_TRIAL, p->stage, "双向选择未通过", t + (int64_t)(5 + demo_pick(&d, 25)) * DAY);
	} else {
		int k = (int)p->stage;	/* steps walked */
		t = now - (int64_t)(k * 12 + 2 + demo_pick(&d, 150)) * DAY;
		move(p, VS__COUNT, VS_APPLIED, "application", t);
		for (int i = 1; i <= k; i++)
			move(p, path[i - 1], path[i], NULL, t += (int64_t)(3 + demo_pick(&d, 8)) * DAY);
	}

	/* service: every registered volunteer in the past twelve months (else
	 * the server's sweep would move them to inactive), the backbone a lot */
	int backbone = demo_pick(&d, 100) == 0;
	int extra = expcount(&d, backbone ? c->mean_backbone : c->mean_rest);
	int64_t reg_at = p->nmoves >= 7 ? p->moves[6].at : 0;
	if (p->stage == VS_REGISTERED) {
		int64_t year_ago = now - 366 * DAY;
		int n = 1 + extra;
		/* and the years before, when registered before */
		int older = reg_at < year_ago - 30 * DAY ? expcount(&d, backbone ? c->mean_backbone : c->mean_rest) : 0;
		/* within the sweep's twelve months, whatever the rhythm draws */
		p->recent = 1;
		p->window_lo = reg_at + DAY > now - 360 * DAY ? reg_at + DAY : now - 360 * DAY;
		p->window_hi = now - 3 * DAY;
		for (int i = 0; i < n; i++)
			add_record(c, &d, p, record_minutes(&d), 1);
		p->recent = 0;
		p->window_lo = reg_at + DAY;
		p->window_hi = year_ago;
		for (int i = 0; i < older; i++)
			add_record(c, &d, p, record_minutes(&d), 1);
		/* one in fifty has a record waiting for its verification */
		p->recent = 1;
		p->window_lo = reg_at + DAY > now - 360 * DAY ? reg_at + DAY : now - 360 * DAY;
		p->window_hi = now - 3 * DAY;
		if (demo_pick(&d, 50) == 0)
			add_record(c, &d, p, record_minutes(&d), 0);
	} else if (p->stage == VS_INACTIVE) {
		/* service before the last twelve months only, then the sweep */
		p->window_lo = reg_at + DAY;
		p->window_hi = now - 380 * DAY;
		for (int i = 0; i < 1 + extra / 2; i++)
			add_record(c, &d, p, record_minutes(&d), 1);
		int64_t last = 0;
		for (int i = 0; i < p->nrec; i++)
			last = p->rec[i].start > last ? p->rec[i].start : last;
		move(p, VS_REGISTERED, VS_INACTIVE, INACTIVE_NOTE, last + (int64_t)(366 + demo_pick(&d, 13)) * DAY);
	}
}

/* A top-up record of `minutes` for a volunteer who served (pass 2 only:
 * the planned hours fall short of the total by design). */
static void top_up(struct city *c, int64_t idx, struct vplan *p, int minutes)
{
	struct demo d = *c->d;
	d.rng = mix64(0x6510000ULL ^ (uint64_t)idx * 0x9E3779B97F4A7C15ULL ^ (uint64_t)p->nrec);
	if (p->stage == VS_REGISTERED) {
		int64_t now = c->x->now, reg = p->moves[6].at;
		p->recent = 1;
		p->window_lo = reg + DAY > now - 360 * DAY ? reg + DAY : now - 360 * DAY;
		p->window_hi = now - 3 * DAY;
	}
	add_record(c, &d, p, minutes, 1);
}

static int served(const struct vplan *p)
{
	return p->stage == VS_REGISTERED || p->stage == VS_INACTIVE;
}

/* ---- the structure, through the services ---- */

static enum err add_sw(struct city *c, struct station *st, int64_t sw)
{
	if (st->nsw == st->capsw) {
		st->capsw = st->capsw ? 2 * st->capsw : 8;
		st->sw = xrealloc(st->sw, sizeof *st->sw * (size_t)st->capsw);
	}
	st->sw[st->nsw++] = sw;
	(void)c;
	return ERR_OK;
}

/* A social worker of `org` in region (code, region_id): qualification by
 * position k of the org's staff (the first of an agency a senior). */
static enum err staff(struct city *c, const char *code, int64_t region_id, int64_t org, int k, int agency,
		      int64_t supervisor, int64_t *sw)
{
	struct demo *d = c->d;
	static const char *const quals[] = {"intermediate", "assistant", "assistant", "none", "intermediate",
					    "assistant", "senior", "assistant", "none", "intermediate"};
	const char *q = agency && k == 0 ? "senior" : quals[(k + (int)(org % 7)) % 10];
	int64_t p;
	enum err e = demo_drawn_person(d, code, region_id, org, 23 + demo_pick(d, 30), &p);
	if (!e)
		e = demo_social_worker(d, p, org, q, agency && k == 0 ? 0 : supervisor, sw);
	return e;
}

/* The station's year-long regular activity of each mode, over the past
 * three years, and the due date its records get (ledger_stamp). */
static enum err regular_activities(struct city *c, struct station *st, int64_t team)
{
	struct ctx *x = c->x;
	for (int m = 0; m < 5; m++) {
		struct rec a, out;
		rec_init(&a, &activity_entity);
		rec_set_text(&a, ACTIVITY_TITLE, arena_printf(x->a, "%s（常态化服务）", demo_titles[m]));
		rec_set_text(&a, ACTIVITY_MODE, demo_modes[m]);
		rec_set_text(&a, ACTIVITY_ORG_IDS, arena_printf(x->a, "[%lld,%lld]", (long long)st->id, (long long)team));
		rec_set_text(&a, ACTIVITY_PLACE, "社区服务中心");
		rec_set_int(&a, ACTIVITY_STARTS_AT, x->now - 1100 * DAY);
		rec_set_int(&a, ACTIVITY_ENDS_AT, x->now - 2 * DAY);
		rec_set_text(&a, ACTIVITY_SIGN_UP, "open");
		enum err e = svc_create(x, &res_activities, &a, &out, c->ei);
		if (e)
			return e;
		st->activity[m] = out.id;
	}
	struct rec r;
	rec_init(&r, &service_record_entity);
	rec_set_int(&r, SERVICE_RECORD_STARTS_AT, x->now - 3 * DAY);
	enum err e = ledger_stamp(x, &r, x->now - 2 * DAY, c->ei);
	st->due = rec_int(&r, SERVICE_RECORD_DUE_AT, 0);
	return e;
}

/* n spread over k buckets: bucket i's share. */
static int share(int64_t n, int k, int i)
{
	return (int)(n * (i + 1) / k - n * i / k);
}

static enum err find_districts(struct city *c)
{
	struct rec *rows = arena_alloc(c->x->a, sizeof *rows * DEMO_MAXROWS);
	int n = 0;
	enum err e = demo_find(c->d, &res_regions, "level", "district", 0, NULL, NULL, 0, rows, &n);
	if (e)
		return e;
	if (n != 4)
		return err_setf(c->ei, ERR_INTERNAL, NULL, "the demo city has %d districts, not 4", n);
	for (int i = 0; i < 4; i++) {
		struct district_ref *dr = &c->dist[i];
		dr->id = rows[i].id;
		dr->code = rec_text(&rows[i], REGION_CODE);
		dr->name = rec_text(&rows[i], REGION_NAME);
		struct rec *o = arena_alloc(c->x->a, sizeof *o * DEMO_MAXROWS);
		int no = 0;
		if ((e = demo_find(c->d, &res_orgs, "kind", "practice_center", 0, "region_id", NULL, dr->id, o, &no)))
			return e;
		dr->centre = no ? o[0].id : 0;
	}
	return ERR_OK;
}

/* Towns with a station, rooms and teams; agencies; social workers; the
 * stations' activities. `need` holds what is missing of each. */
static enum err structure(struct city *c, int stations, int rooms, int agencies, int orgs, int workers, int64_t hub)
{
	struct ctx *x = c->x;
	struct demo *d = c->d;
	enum err e;
	if (stations < 1 || orgs < stations)
		return err_set(c->ei, ERR_INTERNAL, NULL, "the demo city leaves no towns to add");
	c->st = xcalloc((size_t)stations, sizeof *c->st);
	c->tm = xcalloc((size_t)orgs, sizeof *c->tm);
	int64_t *agency = xcalloc((size_t)(agencies > 0 ? agencies : 1), sizeof *agency);
	int *agency_district = xcalloc((size_t)(agencies > 0 ? agencies : 1), sizeof *agency_district);

	/* the agencies first: their seniors supervise the stations' staff */
	int tw = 0;
	for (int i = 0; i < 4; i++)
		tw += town_weight[i];
	for (int i = 0; i < agencies; i++) {
		struct district_ref *dr = &c->dist[i % 4];
		agency_district[i] = i % 4;
		const char *name = arena_printf(x->a, "%s%s社会工作服务中心", dr->name, agency_names[(i / 4) % 15]);
		if (i >= 60)
			name = arena_printf(x->a, "%s第%d社会工作服务中心", dr->name, i / 4 + 1);
		if ((e = demo_org(d, name, "sw_agency", dr->id, 0, &agency[i])))
			goto out;
		dr->nagencies++;
	}
	/* towns: a district's share by its weight */
	int ti = 0;
	for (int di = 0; di < 4; di++) {
		int cum = 0;
		for (int k = 0; k <= di; k++)
			cum += town_weight[k];
		int n = stations * cum / tw - ti;
		c->dist[di].ntowns = n;
		for (int k = 0; k < n; k++, ti++) {
			struct station *st = &c->st[ti];
			struct district_ref *dr = &c->dist[di];
			int g = ti % 144;
			const char *suffix = di < 2 ? (k % 3 == 2 ? "镇" : "街道") : (k % 5 == 4 ? "乡" : "镇");
			const char *tname = arena_printf(x->a, "%s%s%s", town_a[g % 12], town_b[g / 12], suffix);
			if (ti >= 144)
				tname = arena_printf(x->a, "%s第%d%s", dr->name, k + 1, suffix);
			const char *tcode = arena_printf(x->a, "%s%03d", dr->code, 11 + k);
			st->district = di;
			st->lat = 29.9 + 0.8 * (double)(demo_next(d) % 1000) / 1000.0;
			st->lon = 111.6 + 1.8 * (double)(demo_next(d) % 1000) / 1000.0;
			if ((e = demo_region(d, tcode, tname, "town", dr->id, &st->town)) ||
			    (e = demo_org(d, arena_printf(x->a, "%s社工站", tname), "social_work_station", st->town, 0,
					  &st->id)) ||
			    (dr->centre && (e = demo_org(d, arena_printf(x->a, "%s新时代文明实践站", tname),
							 "practice_station", st->town, dr->centre, NULL))))
				goto out;
		}
	}
	/* rooms: one or two communities of each town */
	for (int r = 0; r < rooms; r++) {
		struct station *st = &c->st[r % stations];
		int k = r / stations;
		int64_t comm;
		struct rec t;
		if ((e = store_get(x->c, &region_entity, st->town, NULL, &t, x->a)))
			goto out;
		const char *tname = rec_text(&t, REGION_NAME), *tcode = rec_text(&t, REGION_CODE);
		const char *cname = k < 4 ? room_names[k] : arena_printf(x->a, "第%d社区", k + 1);
		if ((e = demo_region(d, arena_printf(x->a, "%s%03d", tcode, k + 1), arena_printf(x->a, "%s%s", tname, cname),
				     "community", st->town, &comm)) ||
		    (e = demo_org(d, arena_printf(x->a, "%s%s社工室", tname, cname), "social_work_room", comm, st->id,
				  NULL)))
			goto out;
	}
	/* teams: a town's share of the volunteer orgs, led by its station */
	for (int i = 0; i < orgs; i++) {
		int s = i % stations, k = i / stations;
		struct station *st = &c->st[s];
		struct rec t;
		if ((e = store_get(x->c, &region_entity, st->town, NULL, &t, x->a)))
			goto out;
		const char *theme = k < 32 ? team_themes[k] : arena_printf(x->a, "第%d志愿服务队", k + 1);
		struct team *tm = &c->tm[c->ntm];
		tm->station = s;
		if ((e = demo_org(d, arena_printf(x->a, "%s%s", rec_text(&t, REGION_NAME), theme), "volunteer_team", st->town,
				  st->id, &tm->id)) ||
		    (e = demo_link(d, hub, tm->id, NULL)))
			goto out;
		c->ntm++;
	}
	/* social workers: four in ten at the agencies, four at the stations,
	 * two in the rooms (their station's) */
	int at_agencies = agencies ? workers * 4 / 10 : 0, at_stations = (workers - at_agencies) * 2 / 3;
	int at_rooms = workers - at_agencies - at_stations;
	for (int i = 0; i < agencies; i++) {
		struct district_ref *dr = &c->dist[agency_district[i]];
		int n = share(at_agencies, agencies, i);
		for (int k = 0; k < n; k++) {
			int64_t sw;
			if ((e = staff(c, dr->code, dr->id, agency[i], k, 1, dr->supervisor, &sw)))
				goto out;
			if (k == 0 && !dr->supervisor)
				dr->supervisor = sw;
		}
	}
	for (int i = 0; i < stations; i++) {
		struct station *st = &c->st[i];
		struct district_ref *dr = &c->dist[st->district];
		int n = share(at_stations, stations, i) + share(at_rooms, stations, i);
		for (int k = 0; k < n; k++) {
			int64_t sw;
			if ((e = staff(c, dr->code, st->town, st->id, k, 0, dr->supervisor, &sw)) || (e = add_sw(c, st, sw)))
				goto out;
		}
		/* the first team of the station hosts its regular service */
		int64_t team = 0;
		for (int t = 0; t < c->ntm && !team; t++)
			if (c->tm[t].station == i)
				team = c->tm[t].id;
		if ((e = regular_activities(c, st, team)))
			goto out;
	}
out:
	free(agency);
	free(agency_district);
	return e;
}

/* ---- the volunteers, through the store's inserts ---- */

/* A GB 11643 number: the district's code, the birth date, a serial the
 * demo city has not used (checked by its hash) and the check character. */
static enum err id_number(struct city *c, int district, const struct vplan *p, char out[19], const char **sealed,
			  const char **hash)
{
	int y = p->birth_ymd / 10000, m = p->birth_ymd / 100 % 100, dd = p->birth_ymd % 100;
	int64_t day = days_from_civil(y, (unsigned)m, (unsigned)dd) - c->day0;
	if (day < 0 || day >= SERIAL_DAYS)
		return err_set(c->ei, ERR_INTERNAL, NULL, "a birth date outside the demo's range");
	unsigned short *next = &c->serials[((size_t)district * SERIAL_DAYS + (size_t)day) * 2 + (size_t)p->male];
	for (;;) {
		if (*next >= 500)
			return err_set(c->ei, ERR_CONFLICT, NULL, "more than 500 people of one sex born on one day");
		char id17[18];
		snprintf(id17, sizeof id17, "%.6s%08d%03d", c->dist[district].code, p->birth_ymd, *next * 2 + p->male);
		++*next;
		snprintf(out, 19, "%.17s%c", id17, idcard_check_char(id17));
		*hash = crypto_lookup_hash(c->key, out, c->x->a);
		int64_t same = 0;
		enum err e = store_person_by_id_hash(c->x->c, *hash, &same);
		if (e)
			return err_set(c->ei, e, NULL, NULL);
		if (!same)
			break;
	}
	*sealed = crypto_seal(c->key, out, c->x->a);
	return ERR_OK;
}

static enum err write_volunteer(struct city *c, const struct team *tm, int64_t idx, const struct vplan *p)
{
	struct ctx *x = c->x;
	struct demo d = *c->d;
	d.rng = mix64(0x421000ULL ^ (uint64_t)idx * 0xD1B54A32D192ED03ULL);
	const struct station *st = &c->st[tm->station];
	const struct district_ref *dr = &c->dist[st->district];
	enum err e;
	int64_t t0 = p->moves[0].at, last = p->moves[p->nmoves - 1].at;

	/* the person, as people.c writes one */
	char idn[19], name[32], phone[24];
	const char *id_sealed = NULL, *id_hash = NULL;
	if ((e = id_number(c, st->district, p, idn, &id_sealed, &id_hash)))
		return e;
	demo_name(demo_next(&d), p->male, p->birth_ymd / 10000, name, sizeof name);
	snprintf(phone, sizeof phone, "1%d%09d", 3 + demo_pick(&d, 7), (int)(demo_next(&d) % 1000000000));
	int s1 = demo_pick(&d, 12), s2 = (s1 + 1 + demo_pick(&d, 11)) % 12;
	struct rec r;
	rec_init(&r, &person_entity);
	rec_set_text(&r, PERSON_NAME, name);
	rec_set_text(&r, PERSON_ID_NUMBER_ENC, id_sealed);
	rec_set_text(&r, PERSON_ID_NUMBER_HASH, id_hash);
	rec_set_text(&r, PERSON_PHONE_ENC, crypto_seal(c->key, phone, x->a));
	rec_set_text(&r, PERSON_PHONE_HASH, crypto_lookup_hash(c->key, phone, x->a));
	rec_set_text(&r, PERSON_GENDER, p->male ? "male" : "female");
	rec_set_text(&r, PERSON_BIRTH_DATE, arena_printf(x->a, "%04d-%02d-%02d", p->birth_ymd / 10000,
						       p->birth_ymd / 100 % 100, p->birth_ymd % 100));
	rec_set_int(&r, PERSON_REGION_ID, st->town);
	rec_set_int(&r, PERSON_ORG_ID, tm->id);
	/* around the town's centre, a few kilometres */
	rec_set_real(&r, PERSON_LAT, st->lat + 0.06 * ((double)(demo_next(&d) % 2001) / 1000.0 - 1.0));
	rec_set_real(&r, PERSON_LON, st->lon + 0.07 * ((double)(demo_next(&d) % 2001) / 1000.0 - 1.0));
	rec_set_text(&r, PERSON_SKILLS, arena_printf(x->a, "[\"%s\",\"%s\"]", skills[s1], skills[s2]));
	rec_set_int(&r, PERSON_CREATED_AT, t0);
	rec_set_int(&r, PERSON_UPDATED_AT, t0);
	if ((e = store_insert(x->c, &r, c->ei)))
		return e;
	int64_t person = r.id;

	/* the volunteer, numbered as workforce.c numbers one: the region's
	 * code, the year it applied, the region's next number that year */
	int64_t seq;
	int year = today_ymd(t0) / 10000;
	if ((e = store_counter_next(x->c, arena_printf(x->a, "volunteer_no:%.6s:%d", dr->code, year), &seq)))
		return err_set(c->ei, e, NULL, NULL);
	rec_init(&r, &vol_entity);
	rec_set_int(&r, VOLUNTEER_PERSON_ID, person);
	rec_set_int(&r, VOLUNTEER_ORG_ID, tm->id);
	rec_set_text(&r, VOLUNTEER_VOLUNTEER_NO, arena_printf(x->a, "%.6s%04d%07lld", dr->code, year, (long long)seq));
	rec_set_text(&r, VOLUNTEER_STAGE, vstage_name(p->stage));
	rec_set_real(&r, VOLUNTEER_VERIFIED_HOURS, 0);
	rec_set_int(&r, VOLUNTEER_STARS, 0);
	rec_set_int(&r, VOLUNTEER_GUARDIAN_CONSENT, p->minor);
	if (p->minor)
		rec_set_text(&r, VOLUNTEER_GUARDIAN_NAME, "监护人");
	if (st->nsw)
		rec_set_int(&r, VOLUNTEER_LEAD_SOCIAL_WORKER_ID, st->sw[idx % st->nsw]);
	rec_set_int(&r, VOLUNTEER_CREATED_AT, t0);
	rec_set_int(&r, VOLUNTEER_UPDATED_AT, last);
	if ((e = store_insert(x->c, &r, c->ei)))
		return e;
	int64_t vid = r.id;

	/* its history, as the pipeline writes it (by nobody: the command line) */
	for (int i = 0; i < p->nmoves; i++) {
		const struct move *m = &p->moves[i];
		rec_init(&r, &stage_event_entity);
		rec_set_int(&r, STAGE_EVENT_VOLUNTEER_ID, vid);
		rec_set_text(&r, STAGE_EVENT_FROM, m->from == VS__COUNT ? NULL : vstage_name(m->from));
		rec_set_text(&r, STAGE_EVENT_TO, vstage_name(m->to));
		rec_set_text(&r, STAGE_EVENT_NOTE, m->note);
		rec_set_null(&r, STAGE_EVENT_BY_USER_ID);
		rec_set_int(&r, STAGE_EVENT_AT, m->at);
		if ((e = store_insert(x->c, &r, c->ei)))
			return e;
	}

	/* its records, as the ledger writes and verifies them, recorded by the
	 * station; then the rollup of each year served, as a verify does */
	int years[8], nyears = 0;
	for (int i = 0; i < p->nrec; i++) {
		const struct precord *pr = &p->rec[i];
		int m = pr->mode, mo = pr->month;
		int64_t end = pr->start + (int64_t)pr->minutes * 60;
		int64_t created = end + 3600 * (1 + demo_pick(&d, 20));
		if (created > x->now)
			created = x->now;
		rec_init(&r, &service_record_entity);
		rec_set_int(&r, SERVICE_RECORD_VOLUNTEER_ID, vid);
		rec_set_int(&r, SERVICE_RECORD_ORG_ID, st->id);
		rec_set_int(&r, SERVICE_RECORD_ACTIVITY_ID, st->activity[m]);
		rec_set_text(&r, SERVICE_RECORD_CONTENT,
			     m == 2 && mo == 3    ? "学雷锋志愿服务日：义剪、义诊、小家电维修"
			     : m == 2 && mo == 12 ? "国际志愿者日志愿服务集市"
			     : m == 2 && mo == 10 ? "重阳节敬老游园会现场服务"
						  : demo_contents[m]);
		rec_set_text(&r, SERVICE_RECORD_PLACE, "社区服务中心");
		rec_set_int(&r, SERVICE_RECORD_STARTS_AT, pr->start);
		rec_set_int(&r, SERVICE_RECORD_ENDS_AT, end);
		rec_set_int(&r, SERVICE_RECORD_MINUTES, pr->minutes);
		rec_set_text(&r, SERVICE_RECORD_STATUS, pr->verified ? "verified" : "recorded");
		rec_set_text(&r, SERVICE_RECORD_PERSON_IN_CHARGE, "站长");
		rec_set_text(&r, SERVICE_RECORD_EVALUATION, "服务认真，对象满意");
		rec_set_int(&r, SERVICE_RECORD_RECORDER_USER_ID, 0);
		if (pr->verified) {
			int64_t at = created + DAY * (1 + demo_pick(&d, 5));
			rec_set_int(&r, SERVICE_RECORD_VERIFIER_USER_ID, 0);
			rec_set_int(&r, SERVICE_RECORD_VERIFIED_AT, at > x->now ? x->now : at);
		}
		rec_set_int(&r, SERVICE_RECORD_DUE_AT, st->due);
		rec_set_int(&r, SERVICE_RECORD_LATE, created > st->due);
		rec_set_int(&r, SERVICE_RECORD_YEAR, today_ymd(pr->start) / 10000);
		rec_set_int(&r, SERVICE_RECORD_CREATED_AT, created);
		rec_set_int(&r, SERVICE_RECORD_OUTSIDE_WINDOW, 0);
		rec_set_int(&r, SERVICE_RECORD_MANUAL, 1);
		rec_set_int(&r, SERVICE_RECORD_EXTENDED, 0);
		rec_set_text(&r, SERVICE_RECORD_RECORDER_NAME, "liandong 命令行");
		if ((e = store_insert(x->c, &r, c->ei)))
			return e;
		int y = today_ymd(pr->start) / 10000, k = 0;
		while (pr->verified && k < nyears && years[k] != y)
			k++;
		if (pr->verified && k == nyears && nyears < 8)
			years[nyears++] = y;
	}
	for (int i = 0; i < nyears; i++)
		if ((e = store_year_refresh(x->c, vid, years[i])))
			return err_set(c->ei, e, NULL, NULL);
	if (nyears) {
		int64_t minutes = 0;
		if ((e = store_verified_minutes(x->c, vid, &minutes)) ||
		    (e = store_volunteer_hours_set(x->c, vid, minutes_to_hours(minutes),
						   stars_for_minutes(minutes, x->app->star_hours))))
			return err_set(c->ei, e, NULL, NULL);
		if (minutes != p->verified_minutes)
			return err_setf(c->ei, ERR_INTERNAL, NULL, "volunteer %lld: the ledger has %lld minutes, %lld planned",
					(long long)vid, (long long)minutes, (long long)p->verified_minutes);
	}
	return ERR_OK;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The city's totals as the dashboard counts them (GET /stats/overview). */
static enum err totals(struct ctx *x, struct stats_overview *o, int64_t *volunteers, struct errinfo *ei)
{
	memset(o, 0, sizeof *o);
	/* the dashboard counts from the rollups, paused through a bulk load:
	 * built whole first */
	enum err e = store_rollups_rebuild(x->c);
	if (e)
		return err_set(ei, e, NULL, "cannot build the statistics' rollups");
	e = svc_stats_overview(x, 0, o, ei);
	*volunteers = 0;
	for (int i = 0; !e && i < o->nstages; i++)
		*volunteers += o->stages[i].n;
	return e;
}

int demo_scale_parse(const char *s, int *divisor)
{
	if (!s || strncmp(s, "city", 4) != 0)
		return -1;
	if (!s[4]) {
		*divisor = 1;
		return 0;
	}
	if (s[4] != '/' || s[5] < '1' || s[5] > '9')
		return -1;
	char *end;
	long n = strtol(s + 5, &end, 10);
	if (*end || n < 1 || n > DEMO_SCALE_MAX_DIVISOR)
		return -1;
	*divisor = (int)n;
	return 0;
}

enum err demo_city(struct ctx *x, int divisor, struct errinfo *ei)
{
	double t0 = seconds();
	struct demo d = {.x = x, .ei = ei, .rng = 1120000, .today = today_ymd(x->now)};
	struct city c = {.d = &d, .x = x, .ei = ei, .today = d.today};
	struct stats_overview base;
	int64_t base_volunteers;
	enum err e;
	if (divisor < 1 || divisor > DEMO_SCALE_MAX_DIVISOR)
		return err_set(ei, ERR_INVALID, "scale", "the divisor is 1 to " DEMO_SCALE_MAX_TEXT);
	if ((e = totals(x, &base, &base_volunteers, ei)))
		return e;
	if ((e = store_rollups_pause(x->c)))	/* for the city's rows: built whole at the end */
		return err_set(ei, e, NULL, NULL);
	int64_t want_volunteers = CITY_VOLUNTEERS / divisor, want_minutes = (int64_t)CITY_HOURS * 60 / divisor;
	int64_t nvol = want_volunteers - base_volunteers, minutes = want_minutes - base.minutes;
	int stations = CITY_STATIONS - (int)base.stations, rooms = CITY_ROOMS - (int)base.rooms;
	int agencies = CITY_AGENCIES - (int)base.agencies, orgs = CITY_VOLUNTEER_ORGS - (int)base.volunteer_orgs;
	int workers = CITY_SOCIAL_WORKERS - (int)base.social_workers;
	if (nvol < 1 || minutes < 1 || stations < 1 || rooms < 0 || agencies < 0 || orgs < stations || workers < 0)
		return err_set(ei, ERR_INVALID, "scale", "the demo city is already larger than this scale");
	int64_t hub = 0;
	{
		struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS);
		int n = 0;
		if ((e = demo_find(&d, &res_orgs, "kind", "volunteer_hub", 0, NULL, NULL, 0, rows, &n)))
			return e;
		hub = n ? rows[0].id : 0;
	}
	const struct keyset *ks = svc_keys(x, 1, ei);
	if (!ks)
		return ei->code;
	c.key = &ks->key[ks->write];
	if ((e = find_districts(&c)) || (e = structure(&c, stations, rooms, agencies, orgs, workers, hub)))
		goto out;
	fprintf(stderr, "demo: the structure (%d towns, %d teams, %d social workers) in %.1f s\n", stations, orgs, workers,
		seconds() - t0);

	/* a team's volunteers: a district's share by its weight, then among
	 * its teams unevenly (40-600 by the team's draw) */
	int64_t *weight = xcalloc((size_t)c.ntm, sizeof *weight), dsum[4] = {0}, dgot[4] = {0};
	int pw = 0;
	for (int i = 0; i < 4; i++)
		pw += people_weight[i];
	for (int i = 0; i < c.ntm; i++) {
		weight[i] = 40 + (int64_t)(mix64((uint64_t)i + 77) % 561);
		dsum[c.st[c.tm[i].station].district] += weight[i];
	}
	int64_t given = 0, dwant[4];
	for (int i = 0; i < 4; i++) {
		dwant[i] = i == 3 ? nvol - given : nvol * people_weight[i] / pw;
		given += dwant[i];
	}
	for (int i = 0; i < c.ntm; i++) {
		int di = c.st[c.tm[i].station].district;
		int64_t before = dgot[di];
		dgot[di] += weight[i];
		c.tm[i].nvol = dsum[di] ? (int)(dwant[di] * dgot[di] / dsum[di] - dwant[di] * before / dsum[di]) : 0;
	}
	free(weight);

	/* pass 1: the means of the extra records that plan 90-100% of what is
	 * missing (the rest is topped up in pass 2), found by the secant from
	 * one record each (means 0) */
	c.day0 = days_from_civil(d.today / 10000 - 78, 1, 1);
	c.serials = xcalloc((size_t)4 * SERIAL_DAYS * 2, sizeof *c.serials);
	struct vplan *p = xmalloc(sizeof *p);
	int64_t planned = 0, nserved = 0, last_served = -1, floor_minutes = 0;
	double m = 0;
	for (int round = 0; round < 8; round++) {
		c.mean_rest = m;
		c.mean_backbone = 20 * m < 25 ? 20 * m : 25;
		planned = nserved = 0;
		for (int64_t i = 0; i < nvol; i++) {
			plan(&c, i, p);
			planned += p->verified_minutes;
			if (served(p)) {
				nserved++;
				last_served = i;
			}
		}
		if (round == 0)
			floor_minutes = planned;
		if (planned > minutes && round) {
			m *= 0.9; /* overshot: a little less */
			continue;
		}
		if (planned > minutes || (round && (planned >= minutes * 9 / 10 || planned == floor_minutes)))
			break;
		/* the planned minutes grow about linearly with m */
		double slope = round ? (double)(planned - floor_minutes) / m : 0;
		m = round ? 0.95 * (double)(minutes - floor_minutes) / slope : 1;
	}
	int64_t gap = minutes - planned;
	if (gap < 0 || last_served < 0) {
		free(p);
		e = err_setf(ei, ERR_INVALID, "scale", "at this scale the records planned (%lld minutes) exceed the hours",
			     (long long)planned);
		goto out;
	}
	fprintf(stderr, "demo: planned %lld volunteers, %lld minutes (+%lld topped up) in %.1f s\n", (long long)nvol,
		(long long)planned, (long long)gap, seconds() - t0);

	/* pass 2: write them, the gap spread as 3-hour records over those who
	 * served, the last one taking the rest */
	struct arena *keep = x->a;
	struct arena batch = ARENA_INIT;
	int64_t i = 0, k = 0, quota = 0;
	for (int t = 0; t < c.ntm && !e; t++) {
		for (int v = 0; v < c.tm[t].nvol && !e; v++, i++) {
			if (i % BATCH == 0) {
				arena_release(&batch);
				x->a = &batch;
			}
			plan(&c, i, p);
			if (served(p)) {
				quota += gap * (k + 1) / nserved - gap * k / nserved;
				k++;
				while (quota >= 180 && p->nrec < MAXREC - 2) {
					top_up(&c, i, p, 180);
					quota -= 180;
				}
				if (i == last_served)
					while (quota > 0 && p->nrec < MAXREC) {
						int last = quota > 180 ? 180 : (int)quota;
						top_up(&c, i, p, last);
						quota -= last;
					}
			}
			e = write_volunteer(&c, &c.tm[t], i, p);
			if (i && i % 100000 == 0)
				fprintf(stderr, "demo: %lld volunteers written in %.1f s\n", (long long)i, seconds() - t0);
		}
	}
	x->a = keep;
	arena_release(&batch);
	free(p);
	if (e)
		goto out;
	if (quota)
		e = err_setf(ei, ERR_INTERNAL, NULL, "%lld minutes left over", (long long)quota);

	/* the totals, as the dashboard counts them, must be the seed's */
	struct stats_overview got;
	int64_t got_volunteers;
	if (!e && !(e = totals(x, &got, &got_volunteers, ei)) &&
	    (got.stations != CITY_STATIONS || got.rooms != CITY_ROOMS || got.agencies != CITY_AGENCIES ||
	     got.volunteer_orgs != CITY_VOLUNTEER_ORGS || got.social_workers != CITY_SOCIAL_WORKERS ||
	     got_volunteers != want_volunteers || got.minutes != want_minutes))
		e = err_setf(ei, ERR_INTERNAL, NULL,
			     "the city came out %lld stations, %lld rooms, %lld agencies, %lld volunteer orgs, %lld social"
			     " workers, %lld volunteers, %lld minutes",
			     (long long)got.stations, (long long)got.rooms, (long long)got.agencies,
			     (long long)got.volunteer_orgs, (long long)got.social_workers, (long long)got_volunteers,
			     (long long)got.minutes);
	if (!e)
		printf("city loaded (1/%d of seed 001's people and hours): %lld stations, %lld rooms, %lld agencies, %lld"
		       " social workers, %lld volunteer orgs, %lld volunteers (%lld registered), %lld verified hours, in"
		       " %.1f s\n",
		       divisor, (long long)got.stations, (long long)got.rooms, (long long)got.agencies,
		       (long long)got.social_workers, (long long)got.volunteer_orgs, (long long)got_volunteers,
		       (long long)got.volunteers_registered, (long long)(got.minutes / 60), seconds() - t0);
out:
	for (int s = 0; s < stations && c.st; s++)
		free(c.st[s].sw);
	free(c.st);
	free(c.tm);
	free(c.serials);
	return e;
}
