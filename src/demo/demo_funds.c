/* demo_funds.c - the demo's money (issue 14): at the first town station
 * (the `station` and `sw` accounts' 中山街道社工站) a student-aid fund,
 * 爱青助学金, managed by the `sw` account, with gifts by every channel (one
 * anonymous, one in kind, one directed to the station's aided student with
 * the donor's declaration) and the autumn semester's run proposed by the
 * social worker and approved by the station's admin, so the ledger, the
 * trial balance, the receipts, a donor statement and the quarter's public
 * disclosure have something to show; and a pooled fund of the volunteer
 * hub with one gift. Through the services, like every demo record. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_int.h"
#include "domain/timefmt.h"
#include "service/care.h"
#include "service/funds.h"

/* The user whose username is `name`, 0 when none. */
static int64_t user_named(struct demo *d, const char *role, int64_t org, const char *name, struct rec *rows)
{
	int n = 0;
	if (demo_find(d, &res_users, "role", role, 0, "org_id", NULL, org, rows, &n))
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(rec_text(&rows[i], USER_USERNAME), name) == 0)
			return rows[i].id;
	return 0;
}

static enum err fund(struct demo *d, const char *name, int64_t org, const char *purpose, int64_t manager, int64_t *id)
{
	struct rec r;
	rec_init(&r, &fund_entity);
	rec_set_text(&r, FUND_NAME, name);
	rec_set_int(&r, FUND_ORG_ID, org);
	rec_set_text(&r, FUND_PURPOSE, purpose);
	rec_set_int(&r, FUND_MANAGER_USER_ID, manager);
	rec_set_text(&r, FUND_DESCRIPTION, "资助本地困难家庭学生每学期教育费用中自我负担的部分（小学、初中每学期500元，高中1000元）");
	return demo_create(d, &res_funds, &r, id);
}

struct gift {
	const char *channel, *donor;
	int64_t fen;
	int anonymous, directed;
	const char *extra_name, *extra_value; /* one channel field */
};

static enum err gift(struct demo *d, int64_t fund_id, const struct gift *g, int64_t student, const char *on)
{
	struct rec r;
	rec_init(&r, &donation_entity);
	rec_set_int(&r, DONATION_FUND_ID, fund_id);
	rec_set_int(&r, DONATION_AMOUNT_FEN, g->fen);
	rec_set_text(&r, DONATION_CHANNEL, g->channel);
	rec_set_text(&r, DONATION_DONOR_NAME, g->donor);
	rec_set_int(&r, DONATION_ANONYMOUS, g->anonymous);
	rec_set_text(&r, DONATION_RECEIVED_ON, on);
	if (strcmp(g->channel, "online_platform") == 0) {
		rec_set_text(&r, DONATION_PLATFORM, "腾讯公益");
		rec_set_text(&r, DONATION_PLATFORM_REF, g->extra_value);
	} else if (strcmp(g->channel, "bank_transfer") == 0) {
		rec_set_text(&r, DONATION_BANK_REF, g->extra_value);
	} else if (strcmp(g->channel, "in_kind") == 0) {
		rec_set_text(&r, DONATION_ITEM_DESCRIPTION, g->extra_value);
		rec_set_text(&r, DONATION_VALUED_BY, "社工站财务 李会计");
		rec_set_text(&r, DONATION_VALUATION_BASIS, "购物发票");
	}
	if (g->directed && student) {
		rec_set_int(&r, DONATION_BENEFICIARY_CLIENT_ID, student);
		rec_set_int(&r, DONATION_NO_INTEREST_DECLARED, 1);
	}
	return demo_create(d, &res_donations, &r, NULL);
}

enum err demo_funds(struct ctx *x, struct errinfo *ei, int64_t station, int64_t hub)
{
	struct demo d = {.x = x, .ei = ei, .today = today_ymd(x->now)};
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS);
	int64_t sw = user_named(&d, "social_worker", station, "sw", rows),
		admin = user_named(&d, "org_admin", station, "station", rows),
		hub_admin = user_named(&d, "org_admin", hub, "hub", rows);
	if (!sw || !admin || !hub_admin)
		return err_set(ei, ERR_INTERNAL, NULL, "the demo's station and hub accounts are missing");
	int n = 0;
	enum err e = demo_find(&d, &res_clients, "org_id", NULL, station, "category", "student_aid", 0, rows, &n);
	if (e)
		return e;
	int64_t student = n ? rows[0].id : 0, aid, pool;
	char on[32];
	snprintf(on, sizeof on, "%04d-%02d-%02d", d.today / 10000, d.today / 100 % 100, d.today % 100);
	static const struct gift gifts[] = {
		{"bank_transfer", "荆州市某科技有限公司", 600000, 0, 0, "bank_ref", "ICBC-20260901-0031"},
		{"cash", "张建国", 50000, 0, 1, NULL, NULL},
		{"online_platform", "网友", 12800, 1, 0, "platform_ref", "TX2026090100188"},
		{"in_kind", "新华书店沙市店", 30000, 0, 0, "item_description", "书包、文具30套"},
		{"cash", "李秀英", 20000, 0, 0, NULL, NULL},
	};
	if ((e = fund(&d, "爱青助学金", station, "student_aid", sw, &aid)))
		return e;
	for (size_t i = 0; i < sizeof gifts / sizeof *gifts && !e; i++)
		e = gift(&d, aid, &gifts[i], student, on);
	if (e || (e = fund(&d, "社区关爱基金", hub, "pooled", hub_admin, &pool)))
		return e;
	static const struct gift hub_gift = {"bank_transfer", "荆州市慈善总会", 200000, 0, 0, "bank_ref", "CCB-0002"};
	if ((e = gift(&d, pool, &hub_gift, 0, on)))
		return e;
	/* the autumn semester's run: proposed by the social worker, approved
	 * by the station's admin (four eyes); payment is left to do */
	if (!student)
		return ERR_OK;
	/* the demo acts with every right, under these users' names */
	const struct principal *saved = x->who;
	struct principal me = {.user_id = sw, .role_mask = RB(R_PLATFORM_ADMIN), .scope = {.all = 1}},
			 boss = {.user_id = admin, .role_mask = RB(R_PLATFORM_ADMIN), .scope = {.all = 1}};
	struct rec run;
	x->who = &me;
	e = svc_run_propose(x, aid, "2026-2027-1", &run, ei);
	x->who = &boss;
	if (!e)
		e = svc_run_decide(x, run.id, NULL, 0, &run, ei);
	x->who = saved;
	return e;
}
