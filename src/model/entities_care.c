/* entities_care.c - the descriptors of service delivery (SPEC 3.6, 3.7):
 * a community's service menu (服务清单), needs (信息联享, 供需对接) with their
 * status history, clients (个案) with their case stages, mandatory reports
 * (反家庭暴力法 Art. 14) and confidential case notes; plus the bodies of
 * their action endpoints, decoded by the same codec. See entity.h. */
#include "model/entity.h"

#include <stddef.h>

#include "domain/casework.h"
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
static const struct field menu_fields[] = {
	{"region_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_REGION)},
	{"category", NULL, FT_ENUM, FF_REQUIRED, service_categories, 0, 0, 0},
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 100, 0},
	{"description", NULL, FT_TEXT, 0, NULL, 0, 2000, 0},
	{"active", NULL, FT_BOOL, 0, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
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
	E_SERVICE_MENU, "service-menu", "service_menu", menu_fields, NF(menu_fields),
	menu_filters, NF(menu_filters), 1, NULL, NULL, NULL};

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

static const struct field need_fields[] = {
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"description", NULL, FT_TEXT, 0, NULL, 0, 4000, 0},
	{"category", NULL, FT_ENUM, FF_REQUIRED, service_categories, 0, 0, 0},
	{"region_id", NULL, FT_INT, FF_REQUIRED, NULL, 1, 9e15, REF(E_REGION)},
	{"place", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"lat", NULL, FT_REAL, 0, NULL, -90, 90, 0},
	{"lon", NULL, FT_REAL, 0, NULL, -180, 180, 0},
	{"urgency", NULL, FT_ENUM, 0, urgencies, 0, 0, 0},
	{"required_skills", NULL, FT_LIST, 0, NULL, 0, 20, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, need_status_names, 0, 0, 0},
	{"assigned_social_worker_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_SOCIAL_WORKER)},
	{"raised_by", NULL, FT_ENUM, FF_FIXED, raisers, 0, 0, 0},
	{"raised_by_person_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_PERSON)},
	{"raised_by_org_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"window_start", NULL, FT_TIME, 0, NULL, 0, 0, 0},
	{"window_end", NULL, FT_TIME, 0, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter need_filters[] = {
	{"status", FT_TEXT, "t.status = ?"},
	{"category", FT_TEXT, "t.category = ?"},
	{"urgency", FT_TEXT, "t.urgency = ?"},
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"assigned_social_worker_id", FT_INT, "t.assigned_social_worker_id = ?"},
	{"raised_by", FT_TEXT, "t.raised_by = ?"},
	{"raised_by_person_id", FT_INT, "t.raised_by_person_id = ?"},
	{"raised_by_org_id", FT_INT, "t.raised_by_org_id = ?"},
};
const struct entity need_entity = {
	E_NEED, "needs", "needs", need_fields, NF(need_fields),
	need_filters, NF(need_filters), 0,
	NEED_SELF("t"), NEED_ORG("t"), NEED_REGION("t")};

/* ---- need status history ---- */
static const struct field need_event_fields[] = {
	{"need_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_NEED)},
	{"from", "from_status", FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"to", "to_status", FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"note", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"assigned_social_worker_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter need_event_filters[] = {
	{"need_id", FT_INT, "t.need_id = ?"},
};
const struct entity need_event_entity = {
	E_NEED_EVENT, "need-events", "need_events", need_event_fields, NF(need_event_fields),
	need_event_filters, NF(need_event_filters), 0,
	"EXISTS (SELECT 1 FROM needs ne WHERE ne.id = t.need_id AND (" NEED_SELF("ne") "))",
	"EXISTS (SELECT 1 FROM needs ne WHERE ne.id = t.need_id AND (" NEED_ORG("ne") "))",
	"EXISTS (SELECT 1 FROM needs ne WHERE ne.id = t.need_id AND (" NEED_REGION("ne") "))"};

/* ---- clients ---- */
/* Read scope of a client (alias a): org staff of the client's org subtree,
 * never another org's; regional admins of the org's region (the service
 * masks the person for them); as its own, the volunteer who follows the
 * client and the supervisor of its social worker (who may sit in another
 * org, as a district agency's senior supervises a town station's staff). */
#define CLIENT_SELF(a)                                                                              \
	a ".volunteer_id IN (SELECT cv.id FROM volunteers cv WHERE cv.person_id = ?10)"             \
	" OR " a ".social_worker_id IN (SELECT cw.id FROM social_workers cw, social_workers cs"      \
	" WHERE cs.id = cw.supervisor_id AND cs.person_id = ?10)"
#define CLIENT_ORG(a) IN_ORG_SCOPE(a ".org_id")
#define CLIENT_REGION(a) ORG_IN_REGION_SCOPE(a ".org_id")

static const struct field client_fields[] = {
	{"person_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_PERSON)},
	{"org_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"category", NULL, FT_ENUM, FF_REQUIRED, client_category_names, 0, 0, 0},
	{"care_level", NULL, FT_ENUM, 0, care_level_names, 0, 0, 0},
	{"case_stage", NULL, FT_ENUM, FF_SERVER, case_stage_names, 0, 0, 0},
	{"social_worker_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_SOCIAL_WORKER)},
	{"volunteer_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_VOLUNTEER)},
	{"consent", NULL, FT_BOOL, FF_REQUIRED, NULL, 0, 0, 0},
	{"consent_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"capacity", NULL, FT_ENUM, 0, capacity_names, 0, 0, 0},
	{"service_package", NULL, FT_LIST, FF_SERVER | FF_VIRTUAL, NULL, 0, 0, 0},
	{"person_name", NULL, FT_TEXT, FF_SERVER | FF_VIRTUAL, NULL, 0, 0, 0},
	{"person_phone", NULL, FT_TEXT, FF_SERVER | FF_VIRTUAL | FF_PII, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
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
	E_CLIENT, "clients", "clients", client_fields, NF(client_fields),
	client_filters, NF(client_filters), 0,
	CLIENT_SELF("t"), CLIENT_ORG("t"), CLIENT_REGION("t")};

/* ---- case stage history ---- */
static const struct field client_stage_event_fields[] = {
	{"client_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_CLIENT)},
	{"from", "from_stage", FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"to", "to_stage", FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"note", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter client_stage_event_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
};
const struct entity client_stage_event_entity = {
	E_CLIENT_STAGE_EVENT, "client-stages", "client_stage_events", client_stage_event_fields,
	NF(client_stage_event_fields), client_stage_event_filters, NF(client_stage_event_filters), 0,
	"EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" CLIENT_SELF("ce") "))",
	"EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" CLIENT_ORG("ce") "))",
	"EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" CLIENT_REGION("ce") "))"};

/* ---- mandatory reports (反家庭暴力法 Art. 14) ---- */
static const struct field mandatory_report_fields[] = {
	{"client_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_CLIENT)},
	{"reason", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, report_statuses, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"filed_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"filed_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"filed_note", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter mandatory_report_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity mandatory_report_entity = {
	E_MANDATORY_REPORT, "mandatory-reports", "mandatory_reports", mandatory_report_fields,
	NF(mandatory_report_fields), mandatory_report_filters, NF(mandatory_report_filters), 0,
	NULL,
	"EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" CLIENT_ORG("ce") "))",
	"EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" CLIENT_REGION("ce") "))"};

/* ---- case notes: confidential, encrypted at rest ----
 * Readable by the client's social worker and that worker's supervisor (own
 * scope), and by org staff of the client's org subtree in SQL; the service
 * narrows the org staff to org admins. Never by regional admins. */
static const struct field case_note_fields[] = {
	{"client_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_CLIENT)},
	{"text", NULL, FT_TEXT, FF_REQUIRED | FF_VIRTUAL, NULL, 1, 20000, 0},
	{"text_enc", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter case_note_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
};
const struct entity case_note_entity = {
	E_CASE_NOTE, "case-notes", "case_notes", case_note_fields, NF(case_note_fields),
	case_note_filters, NF(case_note_filters), 0,
	"EXISTS (SELECT 1 FROM clients ce JOIN social_workers cw ON cw.id = ce.social_worker_id"
	" WHERE ce.id = t.client_id AND (cw.person_id = ?10 OR cw.supervisor_id IN"
	" (SELECT cs.id FROM social_workers cs WHERE cs.person_id = ?10)))",
	"EXISTS (SELECT 1 FROM clients ce WHERE ce.id = t.client_id AND (" CLIENT_ORG("ce") "))",
	NULL};

/* ---- action bodies (not stored) ---- */
static const struct field need_move_fields[] = {
	{"to", NULL, FT_ENUM, FF_REQUIRED, need_status_names, 0, 0, 0},
	{"note", NULL, FT_TEXT, 0, NULL, 0, 2000, 0},
	{"assigned_social_worker_id", NULL, FT_INT, 0, NULL, 1, 9e15, 0},
};
const struct entity need_move_body = {
	E__COUNT, "needs/status", NULL, need_move_fields, NF(need_move_fields), NULL, 0, 0, NULL, NULL, NULL};

static const struct field case_move_fields[] = {
	{"to", NULL, FT_ENUM, FF_REQUIRED, case_stage_names, 0, 0, 0},
	{"note", NULL, FT_TEXT, 0, NULL, 0, 2000, 0},
};
const struct entity case_move_body = {
	E__COUNT, "clients/stage", NULL, case_move_fields, NF(case_move_fields), NULL, 0, 0, NULL, NULL, NULL};

static const struct field report_file_fields[] = {
	{"note", NULL, FT_TEXT, 0, NULL, 0, 2000, 0},
};
const struct entity report_file_body = {
	E__COUNT, "mandatory-reports/file", NULL, report_file_fields, NF(report_file_fields), NULL, 0, 0, NULL,
	NULL, NULL};
