/* entities_project.c - descriptors for service projects (项目化运作, issue
 * 16; model/fields_project.h): projects, their indicators and the reports
 * of manual ones, evaluators, evaluations and expenses. A project and all
 * that hangs off it are read by the staff of its implementing org, of a
 * partner org and of its funder org (their subtrees), by regional admins
 * over its region, and by its active evaluators (as users); who writes is
 * service/projects.c. */
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const project_kinds[] = {"procured", "fund", "grant", "own", NULL};
static const char *const project_statuses[] = {"planned", "running", "closing", "accepted", "failed", NULL};
static const char *const budget_lines[] = {"staff", "volunteers", "activities", "materials", "management", "other",
					   NULL};
static const char *const indicator_sources[] = {"people_served", "service_hours", "activities", "volunteers",
						"new_volunteers", "needs_closed", "satisfaction", "manual", NULL};
static const char *const evaluator_kinds[] = {"supervisor", "third_party", NULL};
static const char *const evaluation_stages[] = {"mid", "final", NULL};
static const char *const evaluation_decisions[] = {"pass", "rectify", "fail", NULL};

/* A project (alias p) in scope: as its evaluator; as staff of its org, a
 * partner or its funder; as regional admin over its region. */
#define PROJECT_SELF(p) \
	p ".id IN (SELECT pv.project_id FROM project_evaluators pv WHERE pv.user_id = ?11 AND pv.active = 1)"
#define PROJECT_ORG(p)                                                                                 \
	"(" IN_ORG_SCOPE(p ".org_id") ") OR (" IN_ORG_SCOPE(p ".funder_org_id") ") OR " p ".id IN ("  \
	"SELECT po.project_id FROM project_orgs po WHERE " IN_ORG_SCOPE("po.org_id") ")"
#define PROJECT_REGION(p) IN_REGION_SCOPE(p ".region_id")
/* A row whose t.project_id is a project in the given one of those scopes. */
#define OF_PROJECT(scope) "t.project_id IN (SELECT pp.id FROM projects pp WHERE " scope("pp") ")"
#define PROJECT_CHILD                                                                                  \
	.scope_self = OF_PROJECT(PROJECT_SELF), .scope_org = OF_PROJECT(PROJECT_ORG),                  \
	.scope_region = OF_PROJECT(PROJECT_REGION)

static const struct field project_fields[] = {PROJECT_FIELDS(FIELD_DESC)};
static const struct filter project_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"funder_org_id", FT_INT, "t.funder_org_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
	{"evaluator_user_id", FT_INT,
	 "t.id IN (SELECT fv.project_id FROM project_evaluators fv WHERE fv.user_id = ? AND fv.active = 1)"},
};
const struct entity project_entity = {
	.id = E_PROJECT,
	.name = "projects",
	.table = "projects",
	.fields = project_fields,
	.nfields = NF(project_fields),
	.filters = project_filters,
	.nfilters = NF(project_filters),
	.scope_self = PROJECT_SELF("t"),
	.scope_org = PROJECT_ORG("t"),
	.scope_region = PROJECT_REGION("t"),
};

static const struct field budget_line_fields[] = {BUDGET_LINE_FIELDS(FIELD_DESC)};
const struct entity budget_line_body = {
	.id = E_BUDGET_LINE,
	.name = "budget",
	.fields = budget_line_fields,
	.nfields = NF(budget_line_fields),
};

static const struct field indicator_fields[] = {INDICATOR_FIELDS(FIELD_DESC)};
static const struct filter indicator_filters[] = {
	{"project_id", FT_INT, "t.project_id = ?"},
	{"source", FT_TEXT, "t.source = ?"},
};
const struct entity indicator_entity = {
	.id = E_INDICATOR,
	.name = "project-indicators",
	.table = "project_indicators",
	.fields = indicator_fields,
	.nfields = NF(indicator_fields),
	.filters = indicator_filters,
	.nfilters = NF(indicator_filters),
	PROJECT_CHILD,
};

static const struct field indicator_report_fields[] = {INDICATOR_REPORT_FIELDS(FIELD_DESC)};
static const struct filter indicator_report_filters[] = {
	{"indicator_id", FT_INT, "t.indicator_id = ?"},
	{"project_id", FT_INT, "t.project_id = ?"},
};
const struct entity indicator_report_entity = {
	.id = E_INDICATOR_REPORT,
	.name = "indicator-reports",
	.table = "indicator_reports",
	.fields = indicator_report_fields,
	.nfields = NF(indicator_report_fields),
	.filters = indicator_report_filters,
	.nfilters = NF(indicator_report_filters),
	PROJECT_CHILD,
};

static const struct field project_evaluator_fields[] = {PROJECT_EVALUATOR_FIELDS(FIELD_DESC)};
static const struct filter project_evaluator_filters[] = {
	{"project_id", FT_INT, "t.project_id = ?"},
	{"user_id", FT_INT, "t.user_id = ?"},
};
const struct entity project_evaluator_entity = {
	.id = E_PROJECT_EVALUATOR,
	.name = "project-evaluators",
	.table = "project_evaluators",
	.fields = project_evaluator_fields,
	.nfields = NF(project_evaluator_fields),
	.filters = project_evaluator_filters,
	.nfilters = NF(project_evaluator_filters),
	PROJECT_CHILD,
};

static const struct field evaluation_fields[] = {EVALUATION_FIELDS(FIELD_DESC)};
static const struct filter evaluation_filters[] = {
	{"project_id", FT_INT, "t.project_id = ?"},
	{"stage", FT_TEXT, "t.stage = ?"},
};
const struct entity evaluation_entity = {
	.id = E_EVALUATION,
	.name = "project-evaluations",
	.table = "project_evaluations",
	.fields = evaluation_fields,
	.nfields = NF(evaluation_fields),
	.filters = evaluation_filters,
	.nfilters = NF(evaluation_filters),
	PROJECT_CHILD,
};

static const struct field eval_score_fields[] = {EVAL_SCORE_FIELDS(FIELD_DESC)};
const struct entity eval_score_body = {
	.id = E_EVAL_SCORE,
	.name = "scores",
	.fields = eval_score_fields,
	.nfields = NF(eval_score_fields),
};

static const struct field project_expense_fields[] = {PROJECT_EXPENSE_FIELDS(FIELD_DESC)};
static const struct filter project_expense_filters[] = {
	{"project_id", FT_INT, "t.project_id = ?"},
	{"line", FT_TEXT, "t.line = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity project_expense_entity = {
	.id = E_PROJECT_EXPENSE,
	.name = "project-expenses",
	.table = "project_expenses",
	.fields = project_expense_fields,
	.nfields = NF(project_expense_fields),
	.filters = project_expense_filters,
	.nfilters = NF(project_expense_filters),
	PROJECT_CHILD,
};
