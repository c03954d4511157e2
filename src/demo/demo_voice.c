/* demo_voice.c - the demo's volunteer and resident voice (issue 15 item
 * 5), at the first station: last month's community clinic with two past
 * shifts its volunteers rated (the sample `volunteer` leaves one unrated,
 * to rate in the app); a closed anonymous residents' survey of the
 * station's town with about twenty answers; and an open volunteers' survey
 * with a few answers (not yet the sample volunteer's). Through the
 * services, as the API would; deterministic. */
#include <string.h>

#include "demo/demo_int.h"
#include "domain/timefmt.h"
#include "service/voice.h"

static const char *const comments[] = {"组织有序，分工清楚", "老人们很开心", "等待时间有点长", "物资准备充分",
				       "希望多安排几次", NULL};

/* Next of a small deterministic sequence, 0..n-1. */
static int next(uint64_t *s, int n)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((*s >> 33) % (uint64_t)n);
}

/* Last month's clinic: an activity with two shifts, signed up for while
 * they were ahead (the clock set back), then rated now. */
static enum err past_shifts(struct demo *d, int64_t station, const struct rec *vols, int nvols, uint64_t *rng)
{
	struct ctx *x = d->x;
	int64_t now = x->now, then = now - 30 * 86400, day0 = local_day_start(then);
	struct rec a, out, pos[2];
	int npos = 0;
	enum err e;
	x->now = then;
	rec_init(&a, &activity_entity);
	rec_set_text(&a, ACTIVITY_TITLE, "社区义诊志愿服务");
	rec_set_text(&a, ACTIVITY_MODE, "event");
	rec_set_text(&a, ACTIVITY_ORG_IDS, arena_printf(x->a, "[%lld]", (long long)station));
	rec_set_text(&a, ACTIVITY_PLACE, "社区卫生服务站");
	rec_set_int(&a, ACTIVITY_STARTS_AT, then - 3600);
	rec_set_int(&a, ACTIVITY_ENDS_AT, then + 3 * 86400);
	rec_set_text(&a, ACTIVITY_SIGN_UP, "open");
	rec_set_text(&a, ACTIVITY_POSITIONS, "[{\"title\":\"导诊引导\",\"headcount\":6}]");
	if ((e = svc_create(x, &res_activities, &a, &out, d->ei)) ||
	    (e = demo_find(d, &res_positions, "activity_id", NULL, out.id, NULL, NULL, 0, pos, &npos)))
		goto out;
	int64_t signups[2][6];
	int nsign[2] = {0, 0};
	for (int k = 0; k < 2 && npos; k++) {
		struct rec sh, shout;
		int64_t s0 = day0 + (int64_t)(k + 1) * 86400 + 9 * 3600;
		rec_init(&sh, &shift_entity);
		rec_set_int(&sh, SHIFT_POSITION_ID, pos[0].id);
		rec_set_int(&sh, SHIFT_STARTS_AT, s0);
		rec_set_int(&sh, SHIFT_ENDS_AT, s0 + 3 * 3600);
		rec_set_int(&sh, SHIFT_CAPACITY, 6);
		if ((e = svc_create(x, &res_shifts, &sh, &shout, d->ei)))
			goto out;
		for (int i = 0; i < nvols && nsign[k] < 6; i++) {
			struct rec g, gout;
			rec_init(&g, &signup_entity);
			rec_set_int(&g, SIGNUP_VOLUNTEER_ID, vols[i].id);
			if ((e = svc_signup(x, shout.id, &g, &gout, d->ei)))
				goto out;
			if (strcmp(rec_text(&gout, SIGNUP_STATUS), "accepted") == 0)
				signups[k][nsign[k]++] = gout.id;
		}
	}
	x->now = now;
	/* every sign-up rated, but the first volunteer's on the second day */
	for (int k = 0; k < 2; k++)
		for (int i = k; i < nsign[k]; i++) {
			struct rec in, fb;
			int created;
			rec_init(&in, &shift_feedback_entity);
			rec_set_int(&in, SHIFT_FEEDBACK_RATING, 3 + next(rng, 3));
			rec_set_text(&in, SHIFT_FEEDBACK_COMMENT, comments[next(rng, 5)]);
			if ((e = svc_feedback_put(x, signups[k][i], &in, &fb, &created, d->ei)))
				return e;
		}
	return ERR_OK;
out:
	x->now = now;
	return e;
}

/* A survey of the station, opened. */
static enum err survey(struct demo *d, int64_t station, const char *title, const char *scope, int64_t scope_id,
		       int anonymous, const char *questions, int64_t *id)
{
	struct rec s, out;
	rec_init(&s, &survey_entity);
	rec_set_int(&s, SURVEY_ORG_ID, station);
	rec_set_text(&s, SURVEY_TITLE, title);
	rec_set_text(&s, SURVEY_SCOPE_KIND, scope);
	rec_set_int(&s, strcmp(scope, "region_residents") == 0 ? SURVEY_SCOPE_REGION_ID : SURVEY_SCOPE_ORG_ID, scope_id);
	rec_set_int(&s, SURVEY_ANONYMOUS, anonymous);
	rec_set_text(&s, SURVEY_QUESTIONS, questions);
	enum err e = svc_create(d->x, &res_surveys, &s, &out, d->ei);
	if (!e)
		e = svc_survey_move(d->x, out.id, VS_OPEN, &out, d->ei);
	*id = out.id;
	return e;
}

/* Person `person` answers: the caller for once is that person. */
static enum err answer_as(struct demo *d, int64_t survey_id, int64_t person, const char *answers)
{
	struct principal p = {.person_id = person, .scope = {.self_person_id = person}};
	struct rec body;
	const struct principal *was = d->x->who;
	rec_init(&body, &survey_answers_body);
	rec_set_text(&body, SURVEY_ANSWERS_ANSWERS, answers);
	d->x->who = &p;
	enum err e = svc_survey_answer(d->x, survey_id, &body, d->ei);
	d->x->who = was;
	return e;
}

static const char *const residents_q =
	"[{\"key\":\"overall\",\"text\":\"您对社区社会工作服务总体满意吗？\",\"kind\":\"scale\",\"required\":true},"
	"{\"key\":\"used\",\"text\":\"您使用过哪些服务？\",\"kind\":\"multiple\","
	"\"options\":[\"助餐\",\"助浴\",\"探访\",\"心理疏导\",\"政策咨询\"]},"
	"{\"key\":\"know\",\"text\":\"您知道社区社工室在哪里吗？\",\"kind\":\"single\",\"options\":[\"知道\",\"不知道\"],"
	"\"required\":true},"
	"{\"key\":\"suggest\",\"text\":\"您的建议\",\"kind\":\"text\"}]";
static const char *const volunteers_q =
	"[{\"key\":\"training\",\"text\":\"岗前培训是否够用？\",\"kind\":\"single\",\"options\":[\"够用\",\"基本够用\",\"不够\"],"
	"\"required\":true},"
	"{\"key\":\"support\",\"text\":\"社工带教支持打分\",\"kind\":\"scale\",\"required\":true},"
	"{\"key\":\"more\",\"text\":\"还想参加哪类服务？\",\"kind\":\"multiple\",\"options\":[\"助老\",\"助残\",\"儿童\",\"环保\",\"应急\"]},"
	"{\"key\":\"words\",\"text\":\"想对我们说的话\",\"kind\":\"text\"}]";
static const char *const used[] = {"助餐", "助浴", "探访", "心理疏导", "政策咨询"};
static const char *const more[] = {"助老", "助残", "儿童", "环保", "应急"};
static const char *const suggestions[] = {"希望增加助餐点", "服务很贴心", "周末也能开放就好了", "社工很耐心",
					  "希望多组织老年人活动"};

enum err demo_voice(struct ctx *x, struct errinfo *ei, int64_t station)
{
	struct demo d = {.x = x, .ei = ei, .today = today_ymd(x->now)};
	uint64_t rng = 20261205;
	struct rec org, *vols = arena_alloc(x->a, sizeof *vols * DEMO_MAXROWS),
			*people = arena_alloc(x->a, sizeof *people * DEMO_MAXROWS);
	int nvols = 0, npeople = 0;
	int64_t closed, open;
	enum err e = svc_get(x, &res_orgs, station, &org, ei);
	if (e)
		return e;
	if ((e = demo_find(&d, &res_volunteers, "org_id", NULL, station, "stage", "registered", 0, vols, &nvols)) ||
	    (e = past_shifts(&d, station, vols, nvols, &rng)))
		return e;
	/* the residents' survey: about twenty of the town's people answer */
	int64_t town = rec_int(&org, ORG_REGION_ID, 0);
	if ((e = survey(&d, station, "2026年度社区服务居民满意度调查", "region_residents", town, 1, residents_q, &closed)) ||
	    (e = demo_find(&d, &res_people, "region_id", NULL, town, NULL, NULL, 0, people, &npeople)))
		return e;
	for (int i = 0, answered = 0; i < npeople && answered < 20; i++, answered++) {
		int a = next(&rng, 5), b = next(&rng, 5);
		const char *multi = a == b ? arena_printf(x->a, "[\"%s\"]", used[a])
					   : arena_printf(x->a, "[\"%s\",\"%s\"]", used[a], used[b]);
		const char *text = next(&rng, 3) ? arena_printf(x->a, ",\"suggest\":\"%s\"", suggestions[next(&rng, 5)]) : "";
		if ((e = answer_as(&d, closed, people[i].id,
				   arena_printf(x->a, "{\"overall\":%d,\"used\":%s,\"know\":\"%s\"%s}", 2 + next(&rng, 4),
						multi, next(&rng, 4) ? "知道" : "不知道", text))))
			return e;
	}
	struct rec out;
	if ((e = svc_survey_move(x, closed, VS_CLOSED, &out, ei)))
		return e;
	/* the volunteers' survey, open: a few answered, not the first */
	if ((e = survey(&d, station, "志愿者服务体验问卷", "org_volunteers", station, 0, volunteers_q, &open)))
		return e;
	for (int i = 1; i < nvols && i < 5; i++) {
		int a = next(&rng, 5);
		if ((e = answer_as(&d, open, rec_int(&vols[i], VOLUNTEER_PERSON_ID, 0),
				   arena_printf(x->a, "{\"training\":\"%s\",\"support\":%d,\"more\":[\"%s\"]}",
						next(&rng, 3) ? "够用" : "基本够用", 3 + next(&rng, 3), more[a]))))
			return e;
	}
	return ERR_OK;
}
