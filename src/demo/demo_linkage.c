/* demo_linkage.c - the demo's supervision chain (督导+社工+志愿者, issue
 * 15): a year of supervision sessions of each district's supervisor with
 * the social workers of their chain, individual every month and in a group
 * every quarter, some with confidential notes. */
#include "demo/demo_int.h"

static const char *const topics[] = {
	"个案评估与服务计划", "带教志愿者的方法", "困境儿童个案的伦理困境", "社区议事会的协商技巧",
	"情绪耗竭与自我照顾", "小组工作的设计与带领", "服务记录的规范书写", "独居老人探访的风险评估",
	"家庭暴力个案的安全计划", "项目指标与成效评估", "志愿者激励与留存", "危机介入的流程",
};
#define NTOPICS ((int)(sizeof topics / sizeof *topics))

static enum err session(struct demo *d, int64_t supervisor, const int64_t *workers, int n, int64_t starts,
			int minutes, int topic, int confidential)
{
	struct rec r;
	rec_init(&r, &supervision_session_entity);
	rec_set_int(&r, SUPERVISION_SESSION_SUPERVISOR_ID, supervisor);
	rec_set_text(&r, SUPERVISION_SESSION_FORM, n == 1 ? "individual" : "group");
	char *ids = arena_printf(d->x->a, "[%lld", (long long)workers[0]);
	for (int i = 1; i < n; i++)
		ids = arena_printf(d->x->a, "%s,%lld", ids, (long long)workers[i]);
	rec_set_text(&r, SUPERVISION_SESSION_SOCIAL_WORKER_IDS, arena_printf(d->x->a, "%s]", ids));
	rec_set_text(&r, SUPERVISION_SESSION_TOPIC, topics[topic % NTOPICS]);
	rec_set_int(&r, SUPERVISION_SESSION_STARTS_AT, starts);
	rec_set_int(&r, SUPERVISION_SESSION_ENDS_AT, starts + minutes * 60);
	rec_set_text(&r, SUPERVISION_SESSION_MINUTES,
		     n == 1 ? "回顾本月个案进展，明确下月服务重点与带教安排。" : "分享各站点实务经验，讨论共性难点。");
	if (confidential)
		rec_set_text(&r, SUPERVISION_SESSION_CONFIDENTIAL_NOTES,
			     "社工近期工作压力较大，建议减少夜间值班并安排一次情绪支持面谈。");
	return demo_create(d, &res_supervision_sessions, &r, NULL);
}

enum err demo_supervision(struct demo *d, int64_t supervisor, const int64_t *chain, int n)
{
	enum err e = ERR_OK;
	if (!supervisor || n <= 0)
		return ERR_OK;
	/* Sessions of the past twelve months, in the afternoon (14:00 in
	 * UTC+8 is 06:00 UTC): the month's individual one, and a group one at
	 * the end of each quarter. */
	int64_t day0 = d->x->now - d->x->now % 86400 + 6 * 3600;
	for (int m = 12; m >= 1 && !e; m--) {
		int64_t at = day0 - (int64_t)m * 30 * 86400;
		e = session(d, supervisor, &chain[m % n], 1, at, 90, m, m % 4 == 1);
		if (!e && m % 3 == 0 && n > 1)
			e = session(d, supervisor, chain, n, at + 7 * 86400, 120, m + 5, 0);
	}
	return e;
}
