/* t_project_report.c - a service project's report (issue 16, item 4):
 * GET /projects/{id}/report.pdf read back through poppler (pdftotext finds
 * the title, the funder, the indicators and the evaluation's decision) and
 * /report.xlsx unzipped (each section's sheet holds the indicator names and
 * figures, the activity, the team's hours, budget against spend and the
 * evaluation); the project's evaluator reads it too, a social worker of
 * another org gets 403, a missing project 404; each download is audited. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "svc_world.h"

/* The local (UTC+8) date `days` from today, "YYYY-MM-DD". */
static const char *day(int days)
{
	time_t t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return fmt("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The body of r saved as dir/name; its path. */
static const char *saved(struct srv *srv, const struct resp *r, const char *name)
{
	const char *path = fmt("%s/%s", srv->dir, name);
	FILE *f = fopen(path, "wb");
	if (!CHECKM(f != NULL, "cannot write %s", path))
		return "";
	fwrite(r->body, 1, r->len, f);
	fclose(f);
	return path;
}

/* `member` of the zip at path through unzip(1), "" when missing. */
static const char *unzipped(const char *path, const char *member)
{
	int st;
	char *out = cmd_output(fmt("unzip -p '%s' '%s' 2>/dev/null", path, member), &st);
	CHECKM(out && st == 0 && *out, "no %s in %s", member, path);
	return out && st == 0 ? out : "";
}

struct proj {
	struct svc s;
	long long id, activity, fund, evaluator_id, ind_hours, ind_manual;
	const char *evaluator, *outsider;
};

/* A running procured project of the station with three indicators, a
 * budget, a fund that paid a staff expense, an activity with 3 verified
 * hours of volunteer 0, a manual figure, a mid-term evaluation and a third
 * party evaluator; and a social worker of an org elsewhere. */
static bool project_world(struct srv *srv, struct proj *p)
{
	memset(p, 0, sizeof *p);
	struct svc *s = &p->s;
	if (!setup(srv, s, 2))
		return false;
	long long other = MK_ORG(srv, srv->admin, "东城街道社工站", "social_work_station", s->w.town2, 0);
	MK_USER(srv, srv->admin, "outsider", 0, fmt("[{\"role\":\"social_worker\",\"org_id\":%lld}]", other));
	p->outsider = LOGIN(srv, "outsider", USER_PASS);
	long long oa = MK_USER(srv, srv->admin, "orgadmin", 0, fmt("[{\"role\":\"org_admin\",\"org_id\":%lld}]", s->org));
	p->fund = mk_fund(srv, srv->admin, s->org, "pooled", oa);
	MK(srv, srv->admin, "/api/v1/donations",
	   fmt("{\"fund_id\":%lld,\"amount_fen\":500000,\"channel\":\"cash\",\"donor_name\":\"爱心企业\","
	       "\"received_on\":\"%s\"}",
	       p->fund, day(-20)));
	p->id = MK(srv, s->staff, "/api/v1/projects",
		   fmt("{\"title\":\"幸福长者关爱项目\",\"kind\":\"procured\",\"funder_name\":\"某区民政局\","
		       "\"contract_no\":\"HT-2026-016\",\"org_id\":%lld,\"region_id\":%lld,\"starts_on\":\"%s\","
		       "\"ends_on\":\"%s\",\"fund_id\":%lld,\"budget\":[{\"line\":\"staff\",\"amount_fen\":300000},"
		       "{\"line\":\"activities\",\"amount_fen\":100000}],\"indicators\":["
		       "{\"name\":\"志愿服务时长\",\"unit\":\"小时\",\"target\":120,\"source\":\"service_hours\"},"
		       "{\"name\":\"开展活动\",\"unit\":\"场\",\"target\":12,\"source\":\"activities\"},"
		       "{\"name\":\"宣传覆盖人次\",\"unit\":\"人次\",\"target\":800,\"source\":\"manual\"}]}",
		       s->org, s->w.town1, day(-30), day(330), p->fund));
	if (p->id <= 0)
		return false;
	EXPECT_STATUS(http(srv, "PATCH", fmt("/api/v1/projects/%lld", p->id), s->staff, "{\"status\":\"running\"}"), 200);
	json_t *inds = LIST_ALL(srv, s->staff, fmt("/api/v1/project-indicators?project_id=%lld", p->id));
	for (size_t i = 0; i < json_array_size(inds); i++) {
		json_t *it = json_array_get(inds, i);
		if (strcmp(jstr(it, "source"), "service_hours") == 0)
			p->ind_hours = jint(it, "id");
		if (strcmp(jstr(it, "source"), "manual") == 0)
			p->ind_manual = jint(it, "id");
	}
	MK(srv, s->staff, fmt("/api/v1/project-indicators/%lld/reports", p->ind_manual),
	   fmt("{\"value\":260,\"as_of\":\"%s\",\"evidence\":\"社区宣传签到表\"}", day(-1)));
	/* an activity of the project two days ago, 3 verified hours of volunteer 0 */
	p->activity = MK(srv, s->staff, "/api/v1/activities",
			 fmt("{\"title\":\"长者健康讲座\",\"mode\":\"event\",\"org_ids\":[%lld],\"place\":\"幸福社区\","
			     "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"sign_up\":\"open\",\"project_id\":%lld}",
			     s->org, at(-2 * 86400), at(-2 * 86400 + 4 * 3600), p->id));
	long long rec = MK(srv, s->staff, "/api/v1/service-records",
			   fmt("{\"volunteer_id\":%lld,\"activity_id\":%lld,\"content\":\"讲座签到引导\",\"starts_at\":\"%s\","
			       "\"ends_at\":\"%s\",\"hours\":3,\"person_in_charge\":\"李主任\"}",
			       s->vol[0], p->activity, at(-2 * 86400), at(-2 * 86400 + 3 * 3600)));
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/service-records/%lld/verify", rec), verifier_of(srv, s), NULL), 200);
	MK(srv, srv->admin, fmt("/api/v1/projects/%lld/expenses", p->id),
	   fmt("{\"line\":\"staff\",\"amount_fen\":12345,\"memo\":\"社工补贴\",\"spent_on\":\"%s\"}", day(-3)));
	p->evaluator_id = MK_USER(srv, srv->admin, "pinggu", 0, "[]");
	p->evaluator = LOGIN(srv, "pinggu", USER_PASS);
	MK(srv, oa > 0 ? LOGIN(srv, "orgadmin", USER_PASS) : srv->admin, fmt("/api/v1/projects/%lld/evaluators", p->id),
	   fmt("{\"user_id\":%lld,\"kind\":\"third_party\",\"body_name\":\"某评估中心\"}", p->evaluator_id));
	MK(srv, p->evaluator, fmt("/api/v1/projects/%lld/evaluations", p->id),
	   "{\"stage\":\"mid\",\"scores\":[{\"criterion\":\"服务成效\",\"score\":27,\"max\":30},"
	   "{\"criterion\":\"项目管理\",\"score\":18,\"max\":20}],\"findings\":\"中期进度基本达标\",\"decision\":\"pass\"}");
	return test_failures() == 0;
}

void t_project_report_pdf_has_the_project(struct srv *srv)
{
	struct proj p;
	if (!project_world(srv, &p))
		return;
	struct resp *r = http(srv, "GET", fmt("/api/v1/projects/%lld/report.pdf", p.id), p.s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_STR(resp_header(r, "Content-Type"), "application/pdf");
	CHECKR(r, r->len > 2000 && memcmp(r->body, "%PDF-", 5) == 0);
	CHECKM(strstr(resp_header(r, "Content-Disposition"), fmt("project-%lld-report.pdf", p.id)) != NULL,
	       "Content-Disposition: %s", resp_header(r, "Content-Disposition"));
	int st;
	const char *text = cmd_output(fmt("pdftotext -enc UTF-8 '%s' - 2>&1", saved(srv, r, "report.pdf")), &st);
	CHECKM(st == 0 && text, "pdftotext failed");
	static const char *const want[] = {"幸福长者关爱项目", "某区民政局", "HT-2026-016", "中山街道社工站",
					   "志愿服务时长", "宣传覆盖人次", "260.00", "长者健康讲座", "3.00",
					   "人员经费", "123.45", "中期评估", "45.00", "通过"};
	for (size_t i = 0; text && i < sizeof want / sizeof *want; i++)
		CHECKM(strstr(text, want[i]) != NULL, "the report has no %s:\n%s", want[i], text);
	CHECK_INT(audit_count(srv, fmt("?entity=projects&entity_id=%lld", p.id), "export", -1), 1);

	/* the evaluator reads it; a social worker elsewhere does not; no such project */
	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld/report.pdf", p.id), p.evaluator, NULL), 200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/projects/%lld/report.pdf", p.id), p.outsider, NULL), 403,
		   "forbidden", NULL);
	EXPECT_ERR(http(srv, "GET", "/api/v1/projects/999999/report.pdf", srv->admin, NULL), 404, "not_found", NULL);
	CHECK_INT(audit_count(srv, fmt("?entity=projects&entity_id=%lld", p.id), "export", -1), 2);
}

void t_project_report_xlsx_has_every_section(struct srv *srv)
{
	struct proj p;
	if (!project_world(srv, &p))
		return;
	struct resp *r = http(srv, "GET", fmt("/api/v1/projects/%lld/report.xlsx", p.id), p.s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_STR(resp_header(r, "Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	CHECKR(r, r->len > 1000 && memcmp(r->body, "PK", 2) == 0);
	const char *path = saved(srv, r, "report.xlsx");
	const char *book = unzipped(path, "xl/workbook.xml");
	static const char *const sheets[] = {"项目概况", "指标", "活动", "志愿团队时长", "预算与支出", "评估"};
	for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++)
		CHECKM(strstr(book, fmt("name=\"%s\"", sheets[i])) != NULL, "no sheet %s: %s", sheets[i], book);
	const char *head = unzipped(path, "xl/worksheets/sheet1.xml");
	CHECKM(strstr(head, "幸福长者关爱项目") && strstr(head, "某区民政局") && strstr(head, "HT-2026-016") &&
		       strstr(head, "政府购买服务") && strstr(head, "执行中"),
	       "the header sheet: %s", head);
	/* indicators: names with target and actual as number cells */
	const char *ind = unzipped(path, "xl/worksheets/sheet2.xml");
	CHECKM(strstr(ind, "志愿服务时长") && strstr(ind, "开展活动") && strstr(ind, "宣传覆盖人次"), "indicators: %s", ind);
	CHECKM(strstr(ind, "<v>120</v>") && strstr(ind, "<v>3</v>") && strstr(ind, "<v>800</v>") &&
		       strstr(ind, "<v>260</v>") && strstr(ind, "<v>12</v>"),
	       "indicator figures: %s", ind);
	const char *act = unzipped(path, "xl/worksheets/sheet3.xml");
	CHECKM(strstr(act, "长者健康讲座") && strstr(act, "幸福社区") && strstr(act, "<v>3</v>"), "activities: %s", act);
	const char *team = unzipped(path, "xl/worksheets/sheet4.xml");
	CHECKM(strstr(team, "中山街道社工站") && strstr(team, "<v>1</v>") && strstr(team, "<v>3</v>"), "teams: %s", team);
	const char *budget = unzipped(path, "xl/worksheets/sheet5.xml");
	CHECKM(strstr(budget, "人员经费") && strstr(budget, "<v>3000</v>") && strstr(budget, "<v>123.45</v>") &&
		       strstr(budget, "合计") && strstr(budget, "<v>4000</v>"),
	       "budget: %s", budget);
	const char *ev = unzipped(path, "xl/worksheets/sheet6.xml");
	CHECKM(strstr(ev, "中期评估") && strstr(ev, "<v>45</v>") && strstr(ev, "<v>50</v>") && strstr(ev, "通过") &&
		       strstr(ev, "第三方评估"),
	       "evaluations: %s", ev);
	CHECK_INT(audit_count(srv, fmt("?entity=projects&entity_id=%lld", p.id), "export", -1), 1);

	EXPECT_STATUS(http(srv, "GET", fmt("/api/v1/projects/%lld/report.xlsx", p.id), p.evaluator, NULL), 200);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/projects/%lld/report.xlsx", p.id), p.outsider, NULL), 403,
		   "forbidden", NULL);
	EXPECT_ERR(http(srv, "GET", "/api/v1/projects/999999/report.xlsx", srv->admin, NULL), 404, "not_found", NULL);
	CHECK_INT(audit_count(srv, fmt("?entity=projects&entity_id=%lld", p.id), "export", -1), 2);
}
