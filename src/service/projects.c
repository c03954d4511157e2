/* projects.c - service projects (项目化运作, issue 16, seed 003: social
 * workers and volunteers link mainly through projects).
 *
 * A project is kept by the staff of its implementing org; partner and
 * funder orgs' staff, regional admins over its region and its evaluators
 * read it (model/entities_project.c). Its indicators are computed from its
 * own data (store/project_store.c) or reported by hand with evidence; its
 * status moves by hand planned -> running -> closing, and to accepted or
 * failed only by a final evaluation (domain/project.c). Evaluations are
 * written by its evaluators (an account scoped to the project, read-only
 * on everything else of it) and the supervisors of its org. Its spend is
 * the journal's: an expense is one entry of the project's fund, voided by
 * a reversing entry (service/funds.c's fund_post). */
#include <stdio.h>
#include <string.h>

#include "domain/project.h"
#include "domain/timefmt.h"
#include "model/codec.h"
#include "service/funds.h"
#include "service/projects.h"
#include "store/project_store.h"
#include "store/store.h"

static const struct scope all_rows = {.all = 1};

/* The error of codec_decode_list, which names the item's field ("[2].target"),
 * named within the list: "indicators[2].target" (the list alone when the
 * list itself is wrong). */
static enum err item_err(struct errinfo *ei, enum err e, const char *list)
{
	char msg[sizeof ei->message], field[sizeof ei->field];
	memcpy(msg, ei->message, sizeof msg);
	snprintf(field, sizeof field, "%s%.40s", list, ei->field[0] == '[' ? ei->field : "");
	return err_set(ei, e, field, msg);
}

/* Project `id`, unscoped (locked for the transaction when `lock`): 422
 * naming `field` when there is none. */
static enum err project_ref(struct ctx *x, int64_t id, const char *field, int lock, struct rec *p, struct errinfo *ei)
{
	enum err e = lock ? store_get_locked(x->c, &project_entity, id, NULL, p, x->a)
			  : store_get(x->c, &project_entity, id, NULL, p, x->a);
	if (e == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, field, "project %lld does not exist", (long long)id);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* A caller holding one of `roles` over org `org_id` (or a platform admin);
 * 403 naming `field` with `why` otherwise. */
static enum err org_role(struct ctx *x, int64_t org_id, unsigned roles, const char *field, const char *why,
			 struct errinfo *ei)
{
	if (access_platform(x->who))
		return ERR_OK;
	const char *opath;
	enum err e = org_paths(x, org_id, field, &opath, NULL, ei);
	if (e)
		return e;
	return access_org(x->who, roles, opath) ? ERR_OK : err_set(ei, ERR_FORBIDDEN, field, why);
}

static const char keepers[] = "a project is kept by the staff of its implementing org";

/* The staff of project p's implementing org. */
static enum err project_staff(struct ctx *x, const struct rec *p, const char *field, struct errinfo *ei)
{
	return org_role(x, rec_int(p, PROJECT_ORG_ID, 0), ROLES_ORG_STAFF, field, keepers, ei);
}

/* A thing of project `project_id` (the project into *p) written by its
 * staff. */
static enum err child_staff(struct ctx *x, int64_t project_id, struct rec *p, struct errinfo *ei)
{
	enum err e = project_ref(x, project_id, "project_id", 0, p, ei);
	return e ? e : project_staff(x, p, "project_id", ei);
}

/* The project's period as unix times [from, to) and day numbers. */
struct period {
	int64_t from, to, first_day, last_day;
};
static struct period period_of(const struct rec *p)
{
	struct period d;
	d.from = date_start(rec_text(p, PROJECT_STARTS_ON));
	d.to = date_start(rec_text(p, PROJECT_ENDS_ON)) + 86400;
	d.first_day = local_day(d.from);
	d.last_day = local_day(d.to - 1);
	return d;
}

/* Today (China time) as "YYYY-MM-DD", in the arena. */
static const char *today_text(struct ctx *x)
{
	int t = today_ymd(x->now);
	return arena_printf(x->a, "%04d-%02d-%02d", t / 10000, t / 100 % 100, t % 100);
}

/* ---- attaching activities, needs, plans, emergencies ---- */

enum err project_attach(struct ctx *x, int64_t project_id, int64_t org_id, int64_t region_id, int64_t from,
			int64_t to, const char *field, struct errinfo *ei)
{
	struct rec p;
	enum err e = project_ref(x, project_id, field, 0, &p, ei);
	if (e)
		return e;
	int st = project_status_parse(rec_text(&p, PROJECT_STATUS));
	if (st == PS_ACCEPTED || st == PS_FAILED)
		return err_setf(ei, ERR_RULE, field, "project %lld is over (%s): nothing new belongs to it",
				(long long)project_id, rec_text(&p, PROJECT_STATUS));
	if (org_id) {
		int yes = 0;
		if ((e = store_project_org_covers(x->c, project_id, org_id, &yes)))
			return err_set(ei, e, NULL, NULL);
		if (!yes)
			return err_setf(ei, ERR_RULE, field,
					"project %lld is run by org %lld and its partners; org %lld is not one of them "
					"nor under one",
					(long long)project_id, (long long)rec_int(&p, PROJECT_ORG_ID, 0), (long long)org_id);
	}
	if (region_id) {
		const char *ppath, *path;
		if ((e = region_path(x, rec_int(&p, PROJECT_REGION_ID, 0), field, &ppath, ei)) ||
		    (e = region_path(x, region_id, "region_id", &path, ei)))
			return e;
		if (strncmp(path, ppath, strlen(ppath)) != 0)
			return err_setf(ei, ERR_RULE, field, "project %lld serves region %lld; region %lld is outside it",
					(long long)project_id, (long long)rec_int(&p, PROJECT_REGION_ID, 0),
					(long long)region_id);
	}
	struct period d = period_of(&p);
	if ((from || to) && (from < d.from || to > d.to))
		return err_setf(ei, ERR_RULE, field, "project %lld runs from %s to %s: this lies outside that period",
				(long long)project_id, rec_text(&p, PROJECT_STARTS_ON), rec_text(&p, PROJECT_ENDS_ON));
	return ERR_OK;
}

enum err project_join(struct ctx *x, const struct rec *nw, const struct rec *old, int key, int64_t org_id,
		      int64_t region_id, struct errinfo *ei)
{
	int64_t p = rec_int(nw, key, 0);
	if (!p || (old && p == rec_int(old, key, 0)))
		return ERR_OK;
	return project_attach(x, p, org_id, region_id, 0, 0, "project_id", ei);
}

/* ---- indicators and their progress ---- */

/* The indicators of project p (at most PROJECT_MAX_INDICATORS) with their
 * progress, from the figures `fig` of p's data. */
static enum err progress_of(struct ctx *x, const struct rec *p, const struct project_figures *fig,
			    struct rec **rows_out, struct indicator_progress **out, int *n, struct errinfo *ei)
{
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	entity_filter_int(&indicator_entity, f, "project_id", p->id);
	struct rec *rows = arena_alloc(x->a, sizeof *rows * (PROJECT_MAX_INDICATORS + 1));
	enum err e = store_list(x->c, &indicator_entity, &all_rows, 0, PROJECT_MAX_INDICATORS, f, rows, n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	struct period d = period_of(p);
	double share = project_elapsed_share(d.first_day, d.last_day, local_day(x->now));
	struct indicator_progress *ip = arena_alloc(x->a, sizeof *ip * (size_t)(*n + 1));
	for (int i = 0; i < *n; i++) {
		const char *src = rec_text(&rows[i], INDICATOR_SOURCE);
		int s = indicator_source_parse(src);
		double actual = 0;
		int measured = 1;
		switch (s) {
		case IS_PEOPLE_SERVED: actual = (double)fig->people_served; break;
		case IS_SERVICE_HOURS: actual = (double)fig->verified_minutes / 60.0; break;
		case IS_ACTIVITIES: actual = (double)fig->activities_held; break;
		case IS_VOLUNTEERS: actual = (double)fig->volunteers; break;
		case IS_NEW_VOLUNTEERS: actual = (double)fig->new_volunteers; break;
		case IS_NEEDS_CLOSED: actual = (double)fig->needs_closed; break;
		case IS_SATISFACTION:
			measured = fig->ratings > 0;
			actual = measured ? (double)fig->rating_sum / (double)fig->ratings : 0;
			break;
		default:
			if ((e = store_indicator_latest(x->c, rows[i].id, &actual, &measured)))
				return err_set(ei, e, NULL, NULL);
		}
		double target = rec_real(&rows[i], INDICATOR_TARGET, 0);
		double expected = indicator_expected((enum indicator_source)s, target, share);
		ip[i] = (struct indicator_progress){
			.id = rows[i].id,
			.name = rec_text(&rows[i], INDICATOR_NAME),
			.unit = rec_text(&rows[i], INDICATOR_UNIT),
			.source = src,
			.target = target,
			.actual = actual,
			.expected_by_now = expected,
			.behind = indicator_behind((enum indicator_source)s, actual, expected, measured),
			.measured = measured,
		};
		rec_set_real(&rows[i], INDICATOR_ACTUAL, actual);
	}
	if (rows_out)
		*rows_out = rows;
	*out = ip;
	return ERR_OK;
}

static enum err figures_of(struct ctx *x, const struct rec *p, struct project_figures *fig, struct errinfo *ei)
{
	struct period d = period_of(p);
	enum err e = store_project_figures(x->c, p->id, d.from, d.to, x->now, fig);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* ---- projects ---- */

static enum err project_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return project_staff(x, old ? old : nw, "org_id", ei);
}

/* partner_org_ids: distinct existing orgs, not the implementing one. */
static enum err partners_check(struct ctx *x, const struct rec *nw, int64_t **ids, int *n, struct errinfo *ei)
{
	*n = 0;
	const char *json = rec_text(nw, PROJECT_PARTNER_ORG_IDS);
	if (!json)
		return ERR_OK;
	enum err e = codec_ids(json, PROJECT_MAX_PARTNERS, ids, n, x->a, ei);
	if (e)
		return err_set(ei, e, "partner_org_ids", ei->message);
	for (int i = 0; i < *n; i++) {
		int exists = 0;
		if ((*ids)[i] == rec_int(nw, PROJECT_ORG_ID, 0))
			return err_set(ei, ERR_INVALID, "partner_org_ids", "the implementing org is not its own partner");
		for (int j = 0; j < i; j++)
			if ((*ids)[j] == (*ids)[i])
				return err_setf(ei, ERR_INVALID, "partner_org_ids", "org %lld is named twice",
						(long long)(*ids)[i]);
		if ((e = store_exists(x->c, E_ORG, (*ids)[i], &exists)))
			return err_set(ei, e, NULL, NULL);
		if (!exists)
			return err_setf(ei, ERR_INVALID, "partner_org_ids", "org %lld does not exist",
					(long long)(*ids)[i]);
	}
	return ERR_OK;
}

/* The budget's lines add up to budget_total_fen: given (or changed), it
 * must equal their sum; not given, it becomes the sum. */
static enum err budget_check(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	const char *json = rec_text(nw, PROJECT_BUDGET);
	int total_given = old ? rec_int(nw, PROJECT_BUDGET_TOTAL_FEN, 0) != rec_int(old, PROJECT_BUDGET_TOTAL_FEN, 0)
			      : rec_has(nw, PROJECT_BUDGET_TOTAL_FEN);
	if (!json) {
		if (!rec_has(nw, PROJECT_BUDGET_TOTAL_FEN))
			rec_set_int(nw, PROJECT_BUDGET_TOTAL_FEN, 0);
		return ERR_OK;
	}
	struct rec *lines;
	int n;
	enum err e = codec_decode_list(json, &budget_line_body, "id", PROJECT_MAX_BUDGET_LINES, &lines, &n, x->a, ei);
	if (e)
		return item_err(ei, e, "budget");
	const char **names = arena_alloc(x->a, sizeof *names * (size_t)(n + 1));
	int64_t *amounts = arena_alloc(x->a, sizeof *amounts * (size_t)(n + 1)), sum = 0;
	for (int i = 0; i < n; i++) {
		names[i] = rec_text(&lines[i], BUDGET_LINE_LINE);
		amounts[i] = rec_int(&lines[i], BUDGET_LINE_AMOUNT_FEN, 0);
	}
	int bad = -1;
	if (project_budget_sum(names, amounts, n, &sum, &bad))
		return err_setf(ei, ERR_INVALID, arena_printf(x->a, "budget[%d].line", bad), "budget line %s is given twice",
				names[bad]);
	if (total_given && rec_int(nw, PROJECT_BUDGET_TOTAL_FEN, 0) != sum)
		return err_setf(ei, ERR_INVALID, "budget_total_fen",
				"budget_total_fen is %lld fen but the budget's lines add up to %lld fen",
				(long long)rec_int(nw, PROJECT_BUDGET_TOTAL_FEN, 0), (long long)sum);
	rec_set_int(nw, PROJECT_BUDGET_TOTAL_FEN, sum);
	return ERR_OK;
}

/* 1 when text field k differs between nw and old (or, without old, is
 * given); the same for an integer field. */
static int changed(const struct rec *nw, const struct rec *old, int k)
{
	if (!old)
		return rec_has(nw, k);
	const char *a = rec_text(nw, k), *b = rec_text(old, k);
	return (a || b) && (!a || !b || strcmp(a, b) != 0);
}
static int changed_int(const struct rec *nw, const struct rec *old, int k)
{
	return old ? rec_int(nw, k, 0) != rec_int(old, k, 0) : rec_has(nw, k);
}

static enum err project_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (old && rec_text(nw, PROJECT_INDICATORS))
		return err_set(ei, ERR_READ_ONLY, "indicators", "add or change indicators at /api/v1/project-indicators");
	const char *starts = rec_text(nw, PROJECT_STARTS_ON), *ends = rec_text(nw, PROJECT_ENDS_ON);
	if (strcmp(ends, starts) < 0)
		return err_setf(ei, ERR_INVALID, "ends_on", "the period ends (%s) before it starts (%s)", ends, starts);
	const char *kind = rec_text(nw, PROJECT_KIND);
	if (strcmp(kind, "own") != 0 && !rec_int(nw, PROJECT_FUNDER_ORG_ID, 0) && !rec_text(nw, PROJECT_FUNDER_NAME))
		return err_set(ei, ERR_REQUIRED, "funder_name",
			       "a procured, fund-backed or granted project names its funder (funder_org_id or funder_name)");
	int64_t *ids;
	int n;
	if ((e = partners_check(x, nw, &ids, &n, ei)) || (e = budget_check(x, nw, old, ei)))
		return e;
	int64_t org = rec_int(nw, PROJECT_ORG_ID, 0), fund = rec_int(nw, PROJECT_FUND_ID, 0);
	if (fund && changed_int(nw, old, PROJECT_FUND_ID)) {
		struct rec f;
		if ((e = store_get(x->c, &fund_entity, fund, NULL, &f, x->a)))
			return err_set(ei, e, "fund_id", NULL);
		int64_t fo = rec_int(&f, FUND_ORG_ID, 0);
		if (fo != org && fo != rec_int(nw, PROJECT_FUNDER_ORG_ID, 0))
			return err_setf(ei, ERR_RULE, "fund_id",
					"fund %lld belongs to org %lld: a project spends from a fund of its own org or "
					"of its funder",
					(long long)fund, (long long)fo);
	}
	int64_t lead = rec_int(nw, PROJECT_LEAD_SOCIAL_WORKER_ID, 0);
	if (lead && changed_int(nw, old, PROJECT_LEAD_SOCIAL_WORKER_ID) &&
	    (e = svc_sw_over_org(x, lead, org, "lead_social_worker_id", ei)))
		return e;
	const char *status = rec_text(nw, PROJECT_STATUS);
	if (!old) {
		if (status && strcmp(status, "planned") != 0)
			return err_set(ei, ERR_TRANSITION, "status", "a project starts planned");
		rec_set_text(nw, PROJECT_STATUS, "planned");
		if (x->who)
			rec_set_int(nw, PROJECT_CREATED_BY_USER_ID, x->who->user_id);
		return ERR_OK;
	}
	int from = project_status_parse(rec_text(old, PROJECT_STATUS)), to = project_status_parse(status);
	if (!project_status_can_move((enum project_status)from, (enum project_status)to))
		return err_setf(ei, ERR_TRANSITION, "status",
				"a project moves planned -> running -> closing (and back to running) by hand; %s -> %s "
				"is not allowed, and accepted or failed comes from a final evaluation",
				rec_text(old, PROJECT_STATUS), status);
	if (changed(nw, old, PROJECT_STARTS_ON) || changed(nw, old, PROJECT_ENDS_ON)) {
		struct period d = period_of(nw);
		int64_t outside = 0;
		if ((e = store_project_outside(x->c, nw->id, d.from, d.to, &outside)))
			return err_set(ei, e, NULL, NULL);
		if (outside)
			return err_setf(ei, ERR_RULE, changed(nw, old, PROJECT_STARTS_ON) ? "starts_on" : "ends_on",
					"%lld of the project's activities would lie outside the new period",
					(long long)outside);
	}
	return ERR_OK;
}

/* Inline indicators of a new project, each checked as a POST of its own. */
static enum err inline_indicators(struct ctx *x, struct rec *p, struct errinfo *ei)
{
	struct rec *list;
	int n;
	enum err e = codec_decode_list(rec_text(p, PROJECT_INDICATORS), &indicator_entity, "project_id",
				       PROJECT_MAX_INDICATORS, &list, &n, x->a, ei);
	if (e)
		return item_err(ei, e, "indicators");
	for (int i = 0; i < n; i++) {
		rec_set_int(&list[i], INDICATOR_PROJECT_ID, p->id);
		rec_set_int(&list[i], INDICATOR_CREATED_AT, x->now);
		rec_set_int(&list[i], INDICATOR_UPDATED_AT, x->now);
		if ((e = store_insert(x->c, &list[i], ei)))
			return e;
	}
	return ERR_OK;
}

static enum err project_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (changed(nw, old, PROJECT_PARTNER_ORG_IDS)) {
		int64_t *ids = NULL;
		int n = 0;
		if ((e = partners_check(x, nw, &ids, &n, ei)))
			return e;
		if ((e = store_project_orgs_set(x->c, nw->id, ids, n)))
			return err_set(ei, e, NULL, NULL);
	}
	if (!old && rec_text(nw, PROJECT_INDICATORS))
		return inline_indicators(x, nw, ei);
	return ERR_OK;
}

/* On a read: the indicators with their actuals, and what was spent. */
static enum err project_derive(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	struct project_figures fig;
	struct indicator_progress *ip;
	struct rec *rows;
	struct project_spend *sp;
	int n, ns;
	enum err e;
	if ((e = figures_of(x, r, &fig, ei)) || (e = progress_of(x, r, &fig, &rows, &ip, &n, ei)))
		return e;
	rec_set_text(r, PROJECT_INDICATORS, codec_dump_list(rows, n, x->a));
	if ((e = store_project_spend(x->c, r->id, &sp, &ns, x->a)))
		return err_set(ei, e, NULL, NULL);
	int64_t spent = 0;
	for (int i = 0; i < ns; i++)
		spent += sp[i].fen;
	rec_set_int(r, PROJECT_SPENT_FEN, spent);
	return ERR_OK;
}

const struct resource res_projects = {
	.e = &project_entity,
	.authorize = project_authorize,
	.prepare = project_prepare,
	.after = project_after,
	.derive = project_derive,
};

enum err svc_project_progress(struct ctx *x, int64_t id, struct project_progress *out, struct errinfo *ei)
{
	struct rec p;
	enum err e = svc_load_visible(x, &project_entity, id, &p, ei);
	if (e)
		return e;
	*out = (struct project_progress){.project_id = id};
	if ((e = figures_of(x, &p, &out->fig, ei)) ||
	    (e = progress_of(x, &p, &out->fig, NULL, &out->indicators, &out->nindicators, ei)))
		return e;
	struct period d = period_of(&p);
	out->elapsed_share = project_elapsed_share(d.first_day, d.last_day, local_day(x->now));
	out->as_of = today_text(x);
	/* the budget's lines, then what was spent on a line outside it */
	struct rec *lines = NULL;
	int nl = 0, ns;
	struct project_spend *sp;
	if (rec_text(&p, PROJECT_BUDGET) &&
	    (e = codec_decode_list(rec_text(&p, PROJECT_BUDGET), &budget_line_body, "id", PROJECT_MAX_BUDGET_LINES,
				   &lines, &nl, x->a, ei)))
		return e;
	if ((e = store_project_spend(x->c, id, &sp, &ns, x->a)))
		return err_set(ei, e, NULL, NULL);
	out->budget = arena_alloc(x->a, sizeof *out->budget * (size_t)(nl + ns + 1));
	for (int i = 0; i < nl; i++)
		out->budget[out->nbudget++] = (struct budget_progress){
			.line = rec_text(&lines[i], BUDGET_LINE_LINE),
			.amount_fen = rec_int(&lines[i], BUDGET_LINE_AMOUNT_FEN, 0)};
	for (int j = 0; j < ns; j++) {
		int k = 0;
		while (k < out->nbudget && strcmp(out->budget[k].line, sp[j].line) != 0)
			k++;
		if (k == out->nbudget)
			out->budget[out->nbudget++] = (struct budget_progress){.line = sp[j].line};
		out->budget[k].spent_fen += sp[j].fen;
		out->spent_fen += sp[j].fen;
	}
	out->budget_total_fen = rec_int(&p, PROJECT_BUDGET_TOTAL_FEN, 0);
	return ERR_OK;
}

enum err svc_project_activities(struct ctx *x, int64_t id, struct project_activity **rows, int *n,
				struct errinfo *ei)
{
	struct rec p;
	enum err e = svc_load_visible(x, &project_entity, id, &p, ei);
	if (!e && (e = store_project_activities(x->c, id, 1000, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	return e;
}

enum err svc_project_teams(struct ctx *x, int64_t id, struct project_team **rows, int *n, struct errinfo *ei)
{
	struct rec p;
	enum err e = svc_load_visible(x, &project_entity, id, &p, ei);
	if (e)
		return e;
	struct period d = period_of(&p);
	if ((e = store_project_teams(x->c, id, d.from, d.to, 500, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

/* ---- indicators ---- */

static enum err indicator_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct rec p;
	return child_staff(x, rec_int(old ? old : nw, INDICATOR_PROJECT_ID, 0), &p, ei);
}

static enum err indicator_derive(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	struct rec p, *rows;
	struct project_figures fig;
	struct indicator_progress *ip;
	int n;
	enum err e;
	if ((e = project_ref(x, rec_int(r, INDICATOR_PROJECT_ID, 0), "project_id", 0, &p, ei)) ||
	    (e = figures_of(x, &p, &fig, ei)) || (e = progress_of(x, &p, &fig, &rows, &ip, &n, ei)))
		return e;
	for (int i = 0; i < n; i++)
		if (ip[i].id == r->id)
			rec_set_real(r, INDICATOR_ACTUAL, ip[i].actual);
	return ERR_OK;
}

const struct resource res_indicators = {
	.e = &indicator_entity,
	.authorize = indicator_authorize,
	.derive = indicator_derive,
};

/* A manual indicator's figure, reported by the project's staff. */
static enum err report_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec ind, p;
	enum err e = store_get(x->c, &indicator_entity, rec_int(nw, INDICATOR_REPORT_INDICATOR_ID, 0), NULL, &ind, x->a);
	if (e)
		return err_set(ei, e, "id", "no such indicator");
	if ((e = child_staff(x, rec_int(&ind, INDICATOR_PROJECT_ID, 0), &p, ei)))
		return e;
	if (strcmp(rec_text(&ind, INDICATOR_SOURCE), "manual") != 0)
		return err_setf(ei, ERR_RULE, "indicator_id",
				"indicator %lld is computed from the project's data (%s): only a manual one is reported",
				(long long)ind.id, rec_text(&ind, INDICATOR_SOURCE));
	rec_set_int(nw, INDICATOR_REPORT_PROJECT_ID, p.id);
	if (x->who)
		rec_set_int(nw, INDICATOR_REPORT_REPORTED_BY_USER_ID, x->who->user_id);
	return ERR_OK;
}

const struct resource res_indicator_reports = {
	.e = &indicator_report_entity,
	.authorize = report_authorize,
	.no_update = 1,
};

/* ---- evaluators ---- */

/* Who appoints evaluators: the implementing org's admins and supervisors,
 * the funder org's admins. */
static enum err appointer(struct ctx *x, const struct rec *p, struct errinfo *ei)
{
	static const char why[] = "evaluators are appointed by the admins and supervisors of the project's org or the "
				  "admins of its funder";
	struct errinfo first;
	enum err e = org_role(x, rec_int(p, PROJECT_ORG_ID, 0), RB(R_ORG_ADMIN) | RB(R_SUPERVISOR), "project_id", why,
			      &first);
	int64_t funder = rec_int(p, PROJECT_FUNDER_ORG_ID, 0);
	if (e == ERR_FORBIDDEN && funder)
		return org_role(x, funder, RB(R_ORG_ADMIN), "project_id", why, ei);
	if (e)
		*ei = first;
	return e;
}

static enum err evaluator_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	struct rec p;
	enum err e = project_ref(x, rec_int(old ? old : nw, PROJECT_EVALUATOR_PROJECT_ID, 0), "project_id", 0, &p, ei);
	if (e || (e = appointer(x, &p, ei)))
		return e;
	if (!old) {
		/* the user by id or by username (issue 18: appointers cannot
		 * list an outside body's account, which holds no role) */
		const char *username = rec_text(nw, PROJECT_EVALUATOR_USERNAME);
		if (username) {
			int64_t uid = 0;
			const char *hash;
			if ((e = store_user_by_name(x->c, username, &uid, &hash, x->a)) && e != ERR_NOT_FOUND)
				return err_set(ei, e, NULL, NULL);
			if (!uid)
				return err_set(ei, ERR_INVALID, "username", "no user has this username");
			if (rec_has(nw, PROJECT_EVALUATOR_USER_ID) && rec_int(nw, PROJECT_EVALUATOR_USER_ID, 0) != uid)
				return err_set(ei, ERR_INVALID, "username", "is not the username of user_id");
			rec_set_int(nw, PROJECT_EVALUATOR_USER_ID, uid);
		} else if (!rec_has(nw, PROJECT_EVALUATOR_USER_ID)) {
			return err_set(ei, ERR_REQUIRED, "user_id", "user_id or username is required");
		}
		if (!rec_has(nw, PROJECT_EVALUATOR_ACTIVE))
			rec_set_int(nw, PROJECT_EVALUATOR_ACTIVE, 1);
		if (x->who)
			rec_set_int(nw, PROJECT_EVALUATOR_CREATED_BY_USER_ID, x->who->user_id);
	}
	return ERR_OK;
}

static void evaluator_present(struct ctx *x, struct rec *r, int mask_all)
{
	(void)mask_all;
	struct rec u;
	if (store_get(x->c, &user_entity, rec_int(r, PROJECT_EVALUATOR_USER_ID, 0), NULL, &u, x->a) == ERR_OK)
		rec_set_text(r, PROJECT_EVALUATOR_USERNAME, rec_text(&u, USER_USERNAME));
}

const struct resource res_project_evaluators = {
	.e = &project_evaluator_entity,
	.authorize = evaluator_authorize,
	.present = evaluator_present,
};

/* ---- evaluations (督导验收) ---- */

/* The project locked (two final evaluations queue), and who may evaluate:
 * its active evaluators, the supervisors of its org, platform admins. */
static enum err evaluation_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec p;
	int64_t pid = rec_int(nw, EVALUATION_PROJECT_ID, 0);
	enum err e = store_get_locked(x->c, &project_entity, pid, NULL, &p, x->a);
	if (e)
		return err_set(ei, e, "id", e == ERR_NOT_FOUND ? "no such project" : NULL);
	const char *kind = NULL;
	if (x->who && (e = store_project_evaluator(x->c, pid, x->who->user_id, &kind, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (!kind) {
		if ((e = org_role(x, rec_int(&p, PROJECT_ORG_ID, 0), RB(R_SUPERVISOR), "project_id",
				  "a project is evaluated by its evaluators and the supervisors of its org", ei)))
			return e;
		kind = "supervisor";
	}
	rec_set_text(nw, EVALUATION_EVALUATOR_KIND, kind);
	if (x->who)
		rec_set_int(nw, EVALUATION_EVALUATOR_USER_ID, x->who->user_id);
	int st = project_status_parse(rec_text(&p, PROJECT_STATUS));
	int final = strcmp(rec_text(nw, EVALUATION_STAGE), "final") == 0;
	if (!project_evaluation_allowed((enum project_status)st, final))
		return err_setf(ei, ERR_RULE, "stage",
				"a mid-term evaluation is made while the project runs, a final one while it runs or "
				"closes; the project is %s",
				rec_text(&p, PROJECT_STATUS));
	return ERR_OK;
}

/* Scores by criterion, each within its maximum; their totals. */
static enum err evaluation_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec *sc;
	int n;
	enum err e = codec_decode_list(rec_text(nw, EVALUATION_SCORES), &eval_score_body, "id", PROJECT_MAX_CRITERIA,
				       &sc, &n, x->a, ei);
	if (e)
		return item_err(ei, e, "scores");
	if (n == 0)
		return err_set(ei, ERR_REQUIRED, "scores", "an evaluation scores at least one criterion");
	double total = 0, max = 0;
	for (int i = 0; i < n; i++) {
		double s = rec_real(&sc[i], EVAL_SCORE_SCORE, 0), m = rec_real(&sc[i], EVAL_SCORE_MAX, 0);
		if (s > m)
			return err_setf(ei, ERR_INVALID, arena_printf(x->a, "scores[%d].score", i),
					"score %g is above the criterion's maximum %g", s, m);
		total += s;
		max += m;
	}
	rec_set_real(nw, EVALUATION_TOTAL_SCORE, total);
	rec_set_real(nw, EVALUATION_MAX_SCORE, max);
	if (!rec_has(nw, EVALUATION_EVALUATED_ON)) {
		rec_set_text(nw, EVALUATION_EVALUATED_ON, today_text(x));
	}
	return ERR_OK;
}

/* A final evaluation decides the project: pass -> accepted, fail -> failed
 * (rectify leaves it as it is), in the same transaction. */
static enum err evaluation_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	if (strcmp(rec_text(nw, EVALUATION_STAGE), "final") != 0)
		return ERR_OK;
	int to = project_status_after_final(rec_text(nw, EVALUATION_DECISION));
	if (to < 0)
		return ERR_OK;
	struct rec *before = arena_alloc(x->a, sizeof *before), *p = arena_alloc(x->a, sizeof *p);
	enum err e = project_ref(x, rec_int(nw, EVALUATION_PROJECT_ID, 0), "project_id", 1, p, ei);
	if (e)
		return e;
	*before = *p;
	rec_set_text(p, PROJECT_STATUS, project_status_name((enum project_status)to));
	rec_set_int(p, PROJECT_UPDATED_AT, x->now);
	if ((e = store_update(x->c, p, ei)))
		return e;
	return svc_audit(x, "update", &res_projects, p->id, before, p) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									: ERR_OK;
}

const struct resource res_evaluations = {
	.e = &evaluation_entity,
	.authorize = evaluation_authorize,
	.prepare = evaluation_prepare,
	.after = evaluation_after,
	.no_update = 1,
};

/* ---- expenses ---- */

/* Who spends a project's money: the manager of its fund and the admins of
 * the fund's org; 422 naming fund_id when the project has no fund. The
 * fund into *f. */
static enum err spender(struct ctx *x, int64_t project_id, struct rec *f, struct errinfo *ei)
{
	struct rec p;
	enum err e = project_ref(x, project_id, "project_id", 0, &p, ei);
	if (e)
		return e;
	int64_t fund = rec_int(&p, PROJECT_FUND_ID, 0);
	if (!fund)
		return err_set(ei, ERR_RULE, "fund_id", "the project has no fund: tie it to one (fund_id) first");
	if ((e = store_get(x->c, &fund_entity, fund, NULL, f, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (x->who && rec_int(f, FUND_MANAGER_USER_ID, 0) == x->who->user_id)
		return ERR_OK;
	return org_role(x, rec_int(f, FUND_ORG_ID, 0), RB(R_ORG_ADMIN), "fund_id",
			"a project's money is spent by its fund's manager or the admins of the fund's org", ei);
}

static enum err expense_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec f;
	enum err e = spender(x, rec_int(nw, PROJECT_EXPENSE_PROJECT_ID, 0), &f, ei);
	if (e)
		return e;
	rec_set_int(nw, PROJECT_EXPENSE_FUND_ID, f.id);
	rec_set_text(nw, PROJECT_EXPENSE_STATUS, "posted");
	if (x->who)
		rec_set_int(nw, PROJECT_EXPENSE_RECORDED_BY_USER_ID, x->who->user_id);
	return ERR_OK;
}

static const char *expense_memo(struct ctx *x, const struct rec *r)
{
	return arena_printf(x->a, "project %lld %s: %s", (long long)rec_int(r, PROJECT_EXPENSE_PROJECT_ID, 0),
			    rec_text(r, PROJECT_EXPENSE_LINE), rec_text(r, PROJECT_EXPENSE_MEMO));
}

/* The journal entry: expenses debited, the fund's cash credited (409
 * insufficient_funds naming amount_fen when it holds less). */
static enum err expense_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return fund_post(x, rec_int(nw, PROJECT_EXPENSE_FUND_ID, 0), "project_expense", expense_memo(x, nw),
			 "project_expenses", nw->id, 0, ACC_EXPENSES, ACC_CASH, rec_int(nw, PROJECT_EXPENSE_AMOUNT_FEN, 0),
			 ei);
}

const struct resource res_project_expenses = {
	.e = &project_expense_entity,
	.authorize = expense_authorize,
	.after = expense_after,
	.no_update = 1,
};

struct void_args {
	int64_t id;
	const char *reason;
};

static enum err do_void(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct void_args *v = arg;
	struct rec *r = arena_alloc(x->a, sizeof *r), *before = arena_alloc(x->a, sizeof *before), f;
	enum err e = svc_load_for_write(x, &project_expense_entity, v->id, r, ei);
	if (e || (e = spender(x, rec_int(r, PROJECT_EXPENSE_PROJECT_ID, 0), &f, ei)))
		return e;
	if (strcmp(rec_text(r, PROJECT_EXPENSE_STATUS), "posted") != 0)
		return err_set(ei, ERR_CONFLICT, "status", "the expense is already void");
	int64_t entry = 0;
	if ((e = store_project_expense_entry(x->c, r->id, &entry)))
		return err_set(ei, e, NULL, NULL);
	if ((e = fund_post(x, rec_int(r, PROJECT_EXPENSE_FUND_ID, 0), "project_expense_void",
			   arena_printf(x->a, "void: %s", v->reason), "project_expenses", r->id, entry, ACC_CASH,
			   ACC_EXPENSES, rec_int(r, PROJECT_EXPENSE_AMOUNT_FEN, 0), ei)))
		return e;
	*before = *r;
	rec_set_text(r, PROJECT_EXPENSE_STATUS, "void");
	rec_set_text(r, PROJECT_EXPENSE_VOID_REASON, v->reason);
	rec_set_int(r, PROJECT_EXPENSE_VOIDED_AT, x->now);
	if ((e = store_update(x->c, r, ei)))
		return e;
	return svc_audit(x, "void", &res_project_expenses, r->id, before, r) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									       : ERR_OK;
}

enum err svc_project_expense_void(struct ctx *x, int64_t id, const char *reason, struct rec *out,
				  struct errinfo *ei)
{
	if (!reason || !*reason || strspn(reason, " \t\r\n") == strlen(reason))
		return err_set(ei, ERR_REQUIRED, "reason", "say why the expense is void");
	if (strlen(reason) > 500)
		return err_set(ei, ERR_INVALID, "reason", "reason is at most 500 characters");
	struct void_args v = {id, reason};
	enum err e = svc_tx(x, do_void, &v, ei);
	return e ? e : svc_get(x, &res_project_expenses, id, out, ei);
}
