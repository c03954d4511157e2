/* demo_council.c - the demo's council (议事会, issue 15): the community
 * where the `resident` account lives gets its residents' council, the
 * resident its chair, with a social worker of the town's station, a
 * volunteer of its team and more residents as members; two meetings (two
 * months and two weeks ago) with agenda, attendance and minutes; four
 * issues, and their resolutions: one adopted that became a need (on the
 * needs board, linked back), one adopted still to act on, one rejected, and
 * an issue dropped. Through the services, as the API would. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_int.h"
#include "model/codec.h"
#include "service/councils.h"

static enum err council_member(struct demo *d, int64_t council, int64_t person, const char *kind, const char *role,
			       const char *joined, int64_t *id)
{
	struct rec r;
	rec_init(&r, &council_member_entity);
	rec_set_int(&r, COUNCIL_MEMBER_COUNCIL_ID, council);
	rec_set_int(&r, COUNCIL_MEMBER_PERSON_ID, person);
	rec_set_text(&r, COUNCIL_MEMBER_KIND, kind);
	rec_set_text(&r, COUNCIL_MEMBER_ROLE, role);
	rec_set_text(&r, COUNCIL_MEMBER_JOINED_ON, joined);
	return demo_create(d, &res_council_members, &r, id);
}

static enum err meeting(struct demo *d, int64_t council, int64_t held_at, const char *agenda, const int64_t *present,
			int n, const char *minutes, int64_t *id)
{
	struct rec r;
	rec_init(&r, &council_meeting_entity);
	rec_set_int(&r, COUNCIL_MEETING_COUNCIL_ID, council);
	rec_set_int(&r, COUNCIL_MEETING_HELD_AT, held_at);
	rec_set_text(&r, COUNCIL_MEETING_PLACE, "社区党群服务中心二楼会议室");
	rec_set_text(&r, COUNCIL_MEETING_AGENDA, agenda);
	rec_set_text(&r, COUNCIL_MEETING_ATTENDANCE, codec_ids_dump(present, n, d->x->a));
	rec_set_text(&r, COUNCIL_MEETING_MINUTES, minutes);
	return demo_create(d, &res_council_meetings, &r, id);
}

static enum err issue(struct demo *d, int64_t council, int64_t meeting_id, int64_t member, const char *title,
		      const char *description, int64_t *id)
{
	struct rec r;
	rec_init(&r, &council_issue_entity);
	rec_set_int(&r, COUNCIL_ISSUE_COUNCIL_ID, council);
	if (meeting_id)
		rec_set_int(&r, COUNCIL_ISSUE_MEETING_ID, meeting_id);
	if (member)
		rec_set_int(&r, COUNCIL_ISSUE_RAISED_BY_MEMBER_ID, member);
	rec_set_text(&r, COUNCIL_ISSUE_TITLE, title);
	rec_set_text(&r, COUNCIL_ISSUE_DESCRIPTION, description);
	return demo_create(d, &res_council_issues, &r, id);
}

static enum err resolve(struct demo *d, int64_t meeting_id, int64_t issue_id, const char *text, int yes, int no,
			int abstain, const char *outcome, int64_t *id)
{
	struct rec r;
	rec_init(&r, &resolution_entity);
	rec_set_int(&r, RESOLUTION_MEETING_ID, meeting_id);
	rec_set_int(&r, RESOLUTION_ISSUE_ID, issue_id);
	rec_set_text(&r, RESOLUTION_TEXT, text);
	rec_set_int(&r, RESOLUTION_VOTES_FOR, yes);
	rec_set_int(&r, RESOLUTION_VOTES_AGAINST, no);
	rec_set_int(&r, RESOLUTION_VOTES_ABSTAIN, abstain);
	rec_set_text(&r, RESOLUTION_OUTCOME, outcome);
	return demo_create(d, &res_resolutions, &r, id);
}

static enum err issue_status(struct demo *d, int64_t id, const char *status)
{
	struct rec r, out;
	rec_init(&r, &council_issue_entity);
	rec_set_text(&r, COUNCIL_ISSUE_STATUS, status);
	return svc_update(d->x, &res_council_issues, id, &r, &out, d->ei);
}

/* The members: the resident (chair), a station social worker, a team
 * volunteer and up to three more residents of the community. */
static enum err members(struct demo *d, int64_t council, int64_t resident, int64_t comm, int64_t station,
			int64_t *ids, int *n)
{
	struct rec *rows = arena_alloc(d->x->a, sizeof *rows * DEMO_MAXROWS);
	int nrows = 0;
	enum err e = council_member(d, council, resident, "resident", "chair", "2024-03-15", &ids[(*n)++]);
	if (!e && !(e = demo_find(d, &res_social_workers, "org_id", NULL, station, NULL, NULL, 0, rows, &nrows)) && nrows)
		e = council_member(d, council, rec_int(&rows[0], SOCIAL_WORKER_PERSON_ID, 0), "social_worker", "member",
				   "2024-03-15", &ids[(*n)++]);
	if (!e && !(e = demo_find(d, &res_volunteers, "org_id", NULL, station, "stage", "registered", 0, rows, &nrows)) &&
	    nrows)
		e = council_member(d, council, rec_int(&rows[0], VOLUNTEER_PERSON_ID, 0), "volunteer", "member",
				   "2025-01-08", &ids[(*n)++]);
	/* three more residents of the community, one of them its official (社区干部) */
	static const char *const names[] = {"周德厚", "林秀英", "何建军"};
	static const char *const kinds[] = {"resident", "official", "resident"};
	for (int k = 0; k < 3 && !e; k++) {
		int64_t p;
		char phone[16];
		snprintf(phone, sizeof phone, "1365%07d", 1000 + k);
		struct demo_person dp = {.area = "421087", .birth_ymd = 19560312 + k * 70000, .serial = 101 + k,
					 .name = names[k], .phone = phone, .region_id = comm};
		if (!(e = demo_person(d, &dp, &p)))
			e = council_member(d, council, p, kinds[k], "member", "2024-06-01", &ids[(*n)++]);
	}
	return e;
}

enum err demo_council(struct ctx *x, struct errinfo *ei)
{
	struct demo d = {.x = x, .ei = ei, .today = 0};
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS);
	struct rec person, comm;
	int n = 0;
	enum err e = demo_find(&d, &res_users, "role", "resident", 0, NULL, NULL, 0, rows, &n);
	if (e || !n)
		return e;
	int64_t resident = rec_int(&rows[0], USER_PERSON_ID, 0);
	if ((e = svc_get(x, &res_people, resident, &person, ei)) ||
	    (e = svc_get(x, &res_regions, rec_int(&person, PERSON_REGION_ID, 0), &comm, ei)) ||
	    (e = demo_find(&d, &res_orgs, "kind", "social_work_station", 0, NULL, NULL, 0, rows, &n)))
		return e;
	int64_t station = 0;
	for (int i = 0; i < n && !station; i++)
		if (rec_int(&rows[i], ORG_REGION_ID, 0) == rec_int(&comm, REGION_PARENT_ID, 0))
			station = rows[i].id;

	struct rec c;
	int64_t council, m[8], m1, m2, i1, i2, i3, i4, r1, r2, r3;
	int nm = 0;
	rec_init(&c, &council_entity);
	rec_set_int(&c, COUNCIL_REGION_ID, comm.id);
	rec_set_text(&c, COUNCIL_NAME, arena_printf(x->a, "%s居民议事会", rec_text(&comm, REGION_NAME)));
	rec_set_text(&c, COUNCIL_ESTABLISHED_ON, "2024-03-15");
	rec_set_text(&c, COUNCIL_NOTE, "每月第一个周四晚七点议事；小事居民自议，大事提交社区两委");
	if ((e = demo_create(&d, &res_councils, &c, &council)) ||
	    (e = members(&d, council, resident, comm.id, station, m, &nm)))
		return e;
	int present1 = nm, present2 = nm > 2 ? nm - 1 : nm;
	if ((e = meeting(&d, council, x->now - 60 * 86400, "[\"独居老人吃饭难\",\"楼道堆物影响消防通道\"]", m, present1,
			 "到会成员就两项议题充分讨论：同意在社区活动室开设老年助餐点，提交为社区需求；"
			 "楼道清理由楼栋长牵头、志愿者协助。",
			 &m1)) ||
	    (e = meeting(&d, council, x->now - 14 * 86400, "[\"增设周末儿童托管时段\",\"小区停车难\"]", m, present2,
			 "周末托管场地与人手不足，暂不增设；停车问题转物业与街道协调。", &m2)))
		return e;
	if ((e = issue(&d, council, m1, m[0], "独居老人吃饭难", "本社区独居老人四十余位，午餐多凑合", &i1)) ||
	    (e = issue(&d, council, m1, nm > 2 ? m[2] : 0, "楼道堆物影响消防通道", "三栋、五栋楼道杂物多", &i2)) ||
	    (e = issue(&d, council, m2, 0, "增设周末儿童托管时段", "双职工家庭周末无人照看孩子", &i3)) ||
	    (e = issue(&d, council, 0, m[nm - 1], "小区停车难", "晚间车辆占用消防通道", &i4)))
		return e;
	if ((e = resolve(&d, m1, i1, "在社区活动室开设老年助餐点，工作日午间供餐，社工站链接志愿者送餐上门", present1 - 1, 0, 1,
			 "adopted", &r1)) ||
	    (e = resolve(&d, m1, i2, "楼栋长牵头，每月第一个周六组织志愿者清理楼道", present1, 0, 0, "adopted", &r2)) ||
	    (e = resolve(&d, m2, i3, "本季度增设周六上午儿童托管", 1, present2 - 2, 1, "rejected", &r3)))
		return e;
	(void)r2;
	(void)r3;
	/* The first resolution became a need of the community. */
	struct rec body, need;
	rec_init(&body, &need_entity);
	rec_set_text(&body, NEED_URGENCY, "high");
	if ((e = svc_resolution_become(x, r1, 0, &body, &need, ei)) || (e = issue_status(&d, i1, "resolved")) ||
	    (e = issue_status(&d, i4, "dropped")))
		return e;
	return ERR_OK;
}
