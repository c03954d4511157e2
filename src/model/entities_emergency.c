/* entities_emergency.c - the descriptors of emergency mobilisation (SPEC
 * 3.13, 应急守护): incidents with a social worker's assessment, call-outs to
 * volunteers, the incident's timeline and the volunteers' feedback reports;
 * plus the bodies of the incident's action endpoints. See entity.h. */
#include "model/entity.h"

#include <stddef.h>

#include "domain/callout.h"
#include "model/scope_sql.h"

static const char *const emergency_types[] = {
	"medical",		/* 急救 (cardiac arrest, injury) */
	"fire",			/* 火灾 */
	"flood",		/* 洪涝 */
	"earthquake",		/* 地震 */
	"severe_weather",	/* 台风、暴雨、冰雪 */
	"missing_person",	/* 走失 (an elderly person, a child) */
	"traffic",		/* 交通事故 */
	"public_health",	/* 公共卫生 */
	"evacuation",		/* 疏散、转移安置 */
	"other",
	NULL};
static const char *const severities[] = {"low", "medium", "high", "critical", NULL};
static const char *const emergency_statuses[] = {"reported", "assessed", "mobilizing", "closed", NULL};
static const char *const report_kinds[] = {"situation", "feedback", "need_help", "other", NULL};

/* Read scope of an incident (alias a): as its own, the volunteers called to
 * it; org staff of its org, or of an org whose region holds the incident's
 * region (neighbouring stations help); regional admins of its region or its
 * org's region. */
#define EM_SELF(a) "EXISTS (SELECT 1 FROM callouts ec WHERE ec.emergency_id = " a ".id AND ec.person_id = ?10)"
#define EM_ORG(a)                                                                                     \
	IN_ORG_SCOPE(a ".org_id")                                                                     \
	" OR " a ".region_id IN (SELECT er.id FROM orgs eq, regions eqr, regions er WHERE ("          \
	PATH_IN_ORG_SCOPE("eq.path") ") AND eqr.id = eq.region_id"                                    \
	" AND er.path >= eqr.path AND er.path < eqr.path || '~')"
#define EM_REGION(a) IN_REGION_SCOPE(a ".region_id") " OR " ORG_IN_REGION_SCOPE(a ".org_id")
/* The same through a child row's emergency_id (alias t). */
#define VIA_EM(scope) "EXISTS (SELECT 1 FROM emergencies em WHERE em.id = t.emergency_id AND (" scope("em") "))"

/* ---- incidents ---- */
static const struct field emergency_fields[] = {
	{"type", NULL, FT_ENUM, FF_REQUIRED, emergency_types, 0, 0, 0},
	{"title", NULL, FT_TEXT, 0, NULL, 0, 200, 0},
	{"description", NULL, FT_TEXT, 0, NULL, 0, 4000, 0},
	{"place", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"lat", NULL, FT_REAL, FF_REQUIRED, NULL, -90, 90, 0},
	{"lon", NULL, FT_REAL, FF_REQUIRED, NULL, -180, 180, 0},
	{"region_id", NULL, FT_INT, FF_REQUIRED, NULL, 1, 9e15, REF(E_REGION)},
	{"org_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"severity", NULL, FT_ENUM, 0, severities, 0, 0, 0},
	{"required_skills", NULL, FT_LIST, 0, NULL, 0, 20, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, emergency_statuses, 0, 0, 0},
	/* the assessment (POST /emergencies/{id}/assess) */
	{"needed_count", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"radius_km", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"plan", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"assessed_by_social_worker_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"assessed_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"oversubscription", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"ack_deadline_s", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	/* the call-out in progress */
	{"wave", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"wave_deadline", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"accepted_count", NULL, FT_INT, FF_SERVER | FF_VIRTUAL, NULL, 0, 0, 0},
	{"pending_count", NULL, FT_INT, FF_SERVER | FF_VIRTUAL, NULL, 0, 0, 0},
	{"reported_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"closed_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter emergency_filters[] = {
	{"status", FT_TEXT, "t.status = ?"},
	{"type", FT_TEXT, "t.type = ?"},
	{"severity", FT_TEXT, "t.severity = ?"},
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
};
const struct entity emergency_entity = {
	E_EMERGENCY, "emergencies", "emergencies", emergency_fields, NF(emergency_fields),
	emergency_filters, NF(emergency_filters), 0,
	EM_SELF("t"), EM_ORG("t"), EM_REGION("t")};

/* ---- call-outs: the volunteer reads its own ---- */
static const struct field callout_fields[] = {
	{"emergency_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_EMERGENCY)},
	{"volunteer_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_VOLUNTEER)},
	{"person_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_PERSON)},
	{"name", NULL, FT_TEXT, FF_SERVER | FF_VIRTUAL, NULL, 0, 0, 0},
	{"wave", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"distance_m", NULL, FT_REAL, FF_HIDDEN, NULL, 0, 0, 0},
	{"distance_km", NULL, FT_REAL, FF_SERVER | FF_VIRTUAL, NULL, 0, 0, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, callout_status_names, 0, 0, 0},
	{"called_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"answered_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"arrived_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"closed_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter callout_filters[] = {
	{"emergency_id", FT_INT, "t.emergency_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity callout_entity = {
	E_CALLOUT, "callouts", "callouts", callout_fields, NF(callout_fields),
	callout_filters, NF(callout_filters), 0,
	"t.person_id = ?10", VIA_EM(EM_ORG), VIA_EM(EM_REGION)};

/* ---- the timeline: staff and regional admins of the incident ---- */
static const struct field emergency_event_fields[] = {
	{"emergency_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_EMERGENCY)},
	{"at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"kind", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"volunteer_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"detail", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter emergency_event_filters[] = {
	{"emergency_id", FT_INT, "t.emergency_id = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
};
const struct entity emergency_event_entity = {
	E_EMERGENCY_EVENT, "emergency-events", "emergency_events", emergency_event_fields,
	NF(emergency_event_fields), emergency_event_filters, NF(emergency_event_filters), 0,
	NULL, VIA_EM(EM_ORG), VIA_EM(EM_REGION)};

/* ---- volunteers' feedback reports ---- */
static const struct field emergency_report_fields[] = {
	{"emergency_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_EMERGENCY)},
	{"volunteer_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_VOLUNTEER)},
	{"kind", NULL, FT_ENUM, 0, report_kinds, 0, 0, 0},
	{"text", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 4000, 0},
	{"by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter emergency_report_filters[] = {
	{"emergency_id", FT_INT, "t.emergency_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
};
const struct entity emergency_report_entity = {
	E_EMERGENCY_REPORT, "emergency-reports", "emergency_reports", emergency_report_fields,
	NF(emergency_report_fields), emergency_report_filters, NF(emergency_report_filters), 0,
	"EXISTS (SELECT 1 FROM volunteers rv WHERE rv.id = t.volunteer_id AND rv.person_id = ?10)",
	VIA_EM(EM_ORG), VIA_EM(EM_REGION)};

/* ---- action bodies (not stored) ---- */
static const struct field assess_fields[] = {
	{"needed_count", NULL, FT_INT, FF_REQUIRED, NULL, 1, CALLOUT_MAX_NEEDED, 0},
	{"radius_km", NULL, FT_REAL, FF_REQUIRED, NULL, 0.05, 500, 0},
	{"required_skills", NULL, FT_LIST, 0, NULL, 0, 20, 0},
	{"plan", NULL, FT_TEXT, 0, NULL, 0, 4000, 0},
	{"oversubscription", NULL, FT_REAL, 0, NULL, CALLOUT_OVERSUB_MIN, CALLOUT_OVERSUB_MAX, 0},
	{"ack_deadline_s", NULL, FT_INT, 0, NULL, 1, 3600, 0},
	{"severity", NULL, FT_ENUM, 0, severities, 0, 0, 0},
	{"social_worker_id", NULL, FT_INT, 0, NULL, 1, 9e15, 0},
};
const struct entity emergency_assess_body = {
	E__COUNT, "emergencies/assess", NULL, assess_fields, NF(assess_fields), NULL, 0, 0, NULL, NULL, NULL};

static const struct field mobilize_fields[] = {
	{"count", NULL, FT_INT, 0, NULL, 1, CALLOUT_MAX_NEEDED, 0},
	{"radius_km", NULL, FT_REAL, 0, NULL, 0.05, 500, 0},
};
const struct entity emergency_mobilize_body = {
	E__COUNT, "emergencies/mobilize", NULL, mobilize_fields, NF(mobilize_fields), NULL, 0, 0, NULL, NULL, NULL};

static const struct field ack_fields[] = {
	{"volunteer_id", NULL, FT_INT, FF_REQUIRED, NULL, 1, 9e15, 0},
	{"answer", NULL, FT_ENUM, FF_REQUIRED, callout_answer_names, 0, 0, 0},
	{"note", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
};
const struct entity emergency_ack_body = {
	E__COUNT, "emergencies/acks", NULL, ack_fields, NF(ack_fields), NULL, 0, 0, NULL, NULL, NULL};

static const struct field close_fields[] = {
	{"note", NULL, FT_TEXT, 0, NULL, 0, 2000, 0},
};
const struct entity emergency_close_body = {
	E__COUNT, "emergencies/close", NULL, close_fields, NF(close_fields), NULL, 0, 0, NULL, NULL, NULL};
