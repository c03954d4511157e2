/* entities_care.c - the descriptors of service delivery:
 * a community's service menu (服务清单), needs (信息联享, 供需对接) with their
 * status history, clients (个案) with their case stages, mandatory reports
 * (反家庭暴力法 Art. 14) and confidential case notes; plus the bodies of
 * their action endpoints, decoded by the same codec. See entity.h. */
#include "model/entity.h"

#include <stddef.h>

#include "domain/casework.h"
#include "domain/limits.h"
#include "domain/needflow.h"
#include "model/scope_sql.h"

/* One list of service categories for menus and needs. */
static const char *const service_categories[] = {
	"elderly_care",		/* 助老 / 养老服务 */
	"child_care",		/* 儿童关爱 / 托管 */
	"disability",		/* 助残 */
	"mental_health",	/* 心理疏导 */
	"legal_aid",		/* 法律援助 */
	"medical",		/* 医疗健康 */
	"family_support",	/* 家庭支持 / 反家暴 */
	"hardship_relief",	/* 困难帮扶 */
	"community_affairs",	/* 社区事务 / 议事 */
	"environment",		/* 环境美化 / 清洁家园 */
	"emergency",		/* 应急 */
	"education",		/* 教育 / 助学 */
	"other",
	NULL};
static const char *const urgencies[] = {"low", "medium", "high", "critical", NULL};
static const char *const raisers[] = {"resident", "community", "council", "org", NULL};
static const char *const report_statuses[] = {"open", "filed", NULL};

/* ---- service menu ---- */
static const struct field menu_fields[] = {SERVICE_MENU_FIELDS(FIELD_DESC)};
static const struct filter menu_filters[] = {
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	/* what serves a region: its own items and its ancestors' */
	{"covering_region_id", FT_INT,
	 "t.region_id IN (SELECT ca.id FROM regions ca, regions cb WHERE cb.id = ?"
	 " AND cb.path >= ca.path AND cb.path < ca.path || '~')"},
	{"category", FT_TEXT, "t.category = ?"},
	{"active", FT_TEXT, "t.active = (CASE WHEN ? = 'true' THEN 1 WHEN ? = 'false' THEN 0 END)"},
};
const struct entity service_menu_entity = {
	.id = E_SERVICE_MENU,
	.name = "service-menu",
	.table = "service_menu",
	.fields = menu_fields,
	.nfields = NF(menu_fields),
	.filters = menu_filters,
	.nfilters = NF(menu_filters),
	.public_read = 1,
};

/* ---- needs ---- */
/* Read scope of a need (alias a): its raiser; org staff of the raising org,
 * of the assigned social worker's org, or of an org whose region holds the
 * need's region (a town's station sees the town's needs); regional admins
 * of its region. */
#define NEED_SELF(a) a ".raised_by_person_id = ?10"
#define NEED_ORG(a)                                                                                   \
	IN_ORG_SCOPE(a ".raised_by_org_id")                                                           \
	" OR " a ".assigned_social_worker_id IN (SELECT nw.id FROM social_workers nw WHERE "          \
	IN_ORG_SCOPE("nw.org_id") ")"                                                                 \
	" OR " a ".region_id IN (SELECT nr.id FROM orgs nq, regions nqr, regions nr WHERE ("          \
	PATH_IN_ORG_SCOPE("nq.path") ") AND nqr.id = nq.region_id"                                    \
	" AND nr.path >= nqr.path AND nr.path < nqr.path || '~')"
#define NEED_REGION(a) IN_REGION_SCOPE(a ".region_id")

static const struct field need_fields[] = {NEED_FIELDS(FIELD_DESC)};
static const struct filter need_filters[] = {
	{"status", FT_TEXT, "t.status = ?"},
	{"category", FT_TEXT, "t.category = ?"},
	{"urgency", FT_TEXT, "t.urgency = ?"},
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"assigned_social_worker_id", FT_INT, "t.assigned_social_worker_id = ?"},
	{"raised_by", FT_TEXT, "t.raised_by = ?"},
	{"raised_by_person_id", FT_INT, "t.raised_by_person_id = ?"},
	{"raised_by_org_id", FT_INT, "t.raised_by_org_id = ?"},
	{"project_id", FT_INT, "t.project_id = ?"},
};
const struct entity need_entity = {
	.id = E_NEED,
	.name = "needs",
	.table = "needs",
	.fields = need_fields,
	.nfields = NF(need_fields),
	.filters = need_filters,
	.nfilters = NF(need_filters),
	.scope_self = NEED_SELF("t"),
	.scope_org = NEED_ORG("t"),
	.scope_region = NEED_REGION("t"),
};

/* ---- need status history ---- */
static const struct field need_event_fields[] = {NEED_EVENT_FIELDS(FIELD_DESC)};
static const struct filter need_event_filters[] = {
	{"need_id", FT_INT, "t.need_id = ?"},
};
const struct entity need_event_entity = {
	.id = E_NEED_EVENT,
	.name = "need-events",
	.table = "need_events",
	.fields = need_event_fields,
	.nfields = NF(need_event_fields),
	.filters = need_event_filters,
	.nfilters = NF(need_event_filters),
	.scope_self = "EXISTS (SELECT 1 FROM needs ne WHERE ne.id = t.need_id AND (" NEED_SELF("ne") "))",
	.scope_org = "EXISTS (SELECT 1 FROM needs ne WHERE ne.id = t.need_id AND (" NEED_ORG("ne") "))",
	.scope_region = "EXISTS (SELECT 1 FROM needs ne WHERE ne.id = t.need_id AND (" NEED_REGION("ne") "))",
};

/* ---- clients ---- */
/* Read scope of a client (alias a): org staff of the client's org subtree,
 * never another org's; regional admins of the org's region (the service
 * masks the person for them); as its own, the volunteer who follows the
 * client and the supervisor of its social worker (who may sit in another
 * org, as a district agency's senior supervises a town station's staff). */
/* (CLIENT_SELF, CLIENT_ORG and CLIENT_REGION: model/scope_sql.h, shared
 * with the plans, read in the same scope.) */

static const struct field client_fields[] = {CLIENT_FIELDS(FIELD_DESC)};
static const struct filter client_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"region_id", FT_INT, ORG_IN_REGION_SUBTREE("t.org_id")},
	{"category", FT_TEXT, "t.category = ?"},
	{"care_level", FT_TEXT, "t.care_level = ?"},
	{"case_stage", FT_TEXT, "t.case_stage = ?"},
	{"social_worker_id", FT_INT, "t.social_worker_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity client_entity = {
	.id = E_CLIENT,
	.name = "clients",
	.table = "clients",
	.fields = client_fields,
	.nfields = NF(client_fields),
	.filters = client_filters,
	.nfilters = NF(client_filters),
	.scope_self = CLIENT_SELF("t"),
	.scope_org = CLIENT_ORG("t"),
	.scope_region = CLIENT_REGION("t"),
};

/* ---- case stage history ---- */
static const struct field client_stage_event_fields[] = {CLIENT_STAGE_EVENT_FIELDS(FIELD_DESC)};
static const struct filter client_stage_event_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
};
const struct entity client_stage_event_entity = {
	.id = E_CLIENT_STAGE_EVENT,
	.name = "client-stages",
	.table = "client_stage_events",
	.fields = client_stage_event_fields,
	.nfields = NF(client_stage_event_fields),
	.filters = client_stage_event_filters,
	.nfilters = NF(client_stage_event_filters),
	.scope_self = OF_CLIENT(CLIENT_SELF),
	.scope_org = OF_CLIENT(CLIENT_ORG),
	.scope_region = OF_CLIENT(CLIENT_REGION),
};

/* ---- mandatory reports (反家庭暴力法 Art. 14) ---- */
static const struct field mandatory_report_fields[] = {MANDATORY_REPORT_FIELDS(FIELD_DESC)};
static const struct filter mandatory_report_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity mandatory_report_entity = {
	.id = E_MANDATORY_REPORT,
	.name = "mandatory-reports",
	.table = "mandatory_reports",
	.fields = mandatory_report_fields,
	.nfields = NF(mandatory_report_fields),
	.filters = mandatory_report_filters,
	.nfilters = NF(mandatory_report_filters),
	.scope_org = OF_CLIENT(CLIENT_ORG),
	.scope_region = OF_CLIENT(CLIENT_REGION),
};

/* ---- case notes: confidential, encrypted at rest ----
 * Readable by the client's social worker and that worker's supervisor (own
 * scope), and by org staff of the client's org subtree in SQL; the service
 * narrows the org staff to org admins. Never by regional admins. */
static const struct field case_note_fields[] = {CASE_NOTE_FIELDS(FIELD_DESC)};
static const struct filter case_note_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
};
const struct entity case_note_entity = {
	.id = E_CASE_NOTE,
	.name = "case-notes",
	.table = "case_notes",
	.fields = case_note_fields,
	.nfields = NF(case_note_fields),
	.filters = case_note_filters,
	.nfilters = NF(case_note_filters),
	.scope_self = "EXISTS (SELECT 1 FROM clients ce JOIN social_workers cw ON cw.id = ce.social_worker_id"
	" WHERE ce.id = t.client_id AND (cw.person_id = ?10 OR cw.supervisor_id IN"
	" (SELECT cs.id FROM social_workers cs WHERE cs.person_id = ?10)))",
	.scope_org = OF_CLIENT(CLIENT_ORG),
};

/* ---- action bodies (not stored) ---- */
static const struct field need_move_fields[] = {NEED_MOVE_FIELDS(FIELD_DESC)};
const struct entity need_move_body = {
	.id = E_NEED_MOVE,
	.name = "needs/status",
	.fields = need_move_fields,
	.nfields = NF(need_move_fields),
};

static const struct field case_move_fields[] = {CASE_MOVE_FIELDS(FIELD_DESC)};
const struct entity case_move_body = {
	.id = E_CASE_MOVE,
	.name = "clients/stage",
	.fields = case_move_fields,
	.nfields = NF(case_move_fields),
};

static const struct field report_file_fields[] = {REPORT_FILE_FIELDS(FIELD_DESC)};
const struct entity report_file_body = {
	.id = E_REPORT_FILE,
	.name = "mandatory-reports/file",
	.fields = report_file_fields,
	.nfields = NF(report_file_fields),
};
