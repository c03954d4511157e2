/* entities_emergency.c - the descriptors of emergency mobilisation
 * (应急守护): incidents with a social worker's assessment, call-outs to
 * volunteers, the incident's timeline and the volunteers' feedback reports;
 * plus the bodies of the incident's action endpoints. See entity.h. */
#include "model/entity.h"

#include <stddef.h>

#include "domain/callout.h"
#include "domain/limits.h"
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
static const struct field emergency_fields[] = {EMERGENCY_FIELDS(FIELD_DESC)};
static const struct filter emergency_filters[] = {
	{"status", FT_TEXT, "t.status = ?"},
	{"type", FT_TEXT, "t.type = ?"},
	{"severity", FT_TEXT, "t.severity = ?"},
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"project_id", FT_INT, "t.project_id = ?"},
};
const struct entity emergency_entity = {
	.id = E_EMERGENCY,
	.name = "emergencies",
	.table = "emergencies",
	.fields = emergency_fields,
	.nfields = NF(emergency_fields),
	.filters = emergency_filters,
	.nfilters = NF(emergency_filters),
	.scope_self = EM_SELF("t"),
	.scope_org = EM_ORG("t"),
	.scope_region = EM_REGION("t"),
};

/* ---- call-outs: the volunteer reads its own ---- */
static const struct field callout_fields[] = {CALLOUT_FIELDS(FIELD_DESC)};
static const struct filter callout_filters[] = {
	{"emergency_id", FT_INT, "t.emergency_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity callout_entity = {
	.id = E_CALLOUT,
	.name = "callouts",
	.table = "callouts",
	.fields = callout_fields,
	.nfields = NF(callout_fields),
	.filters = callout_filters,
	.nfilters = NF(callout_filters),
	.scope_self = "t.person_id = ?10",
	.scope_org = VIA_EM(EM_ORG),
	.scope_region = VIA_EM(EM_REGION),
};

/* ---- the timeline: staff and regional admins of the incident ---- */
static const struct field emergency_event_fields[] = {EMERGENCY_EVENT_FIELDS(FIELD_DESC)};
static const struct filter emergency_event_filters[] = {
	{"emergency_id", FT_INT, "t.emergency_id = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
};
const struct entity emergency_event_entity = {
	.id = E_EMERGENCY_EVENT,
	.name = "emergency-events",
	.table = "emergency_events",
	.fields = emergency_event_fields,
	.nfields = NF(emergency_event_fields),
	.filters = emergency_event_filters,
	.nfilters = NF(emergency_event_filters),
	.scope_org = VIA_EM(EM_ORG),
	.scope_region = VIA_EM(EM_REGION),
};

/* ---- volunteers' feedback reports ---- */
static const struct field emergency_report_fields[] = {EMERGENCY_REPORT_FIELDS(FIELD_DESC)};
static const struct filter emergency_report_filters[] = {
	{"emergency_id", FT_INT, "t.emergency_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
};
const struct entity emergency_report_entity = {
	.id = E_EMERGENCY_REPORT,
	.name = "emergency-reports",
	.table = "emergency_reports",
	.fields = emergency_report_fields,
	.nfields = NF(emergency_report_fields),
	.filters = emergency_report_filters,
	.nfilters = NF(emergency_report_filters),
	.scope_self = "EXISTS (SELECT 1 FROM volunteers rv WHERE rv.id = t.volunteer_id AND rv.person_id = ?10)",
	.scope_org = VIA_EM(EM_ORG),
	.scope_region = VIA_EM(EM_REGION),
};

/* ---- action bodies (not stored) ---- */
static const struct field assess_fields[] = {EMERGENCY_ASSESS_FIELDS(FIELD_DESC)};
const struct entity emergency_assess_body = {
	.id = E_EMERGENCY_ASSESS,
	.name = "emergencies/assess",
	.fields = assess_fields,
	.nfields = NF(assess_fields),
};

static const struct field mobilize_fields[] = {EMERGENCY_MOBILIZE_FIELDS(FIELD_DESC)};
const struct entity emergency_mobilize_body = {
	.id = E_EMERGENCY_MOBILIZE,
	.name = "emergencies/mobilize",
	.fields = mobilize_fields,
	.nfields = NF(mobilize_fields),
};

static const struct field ack_fields[] = {EMERGENCY_ACK_FIELDS(FIELD_DESC)};
const struct entity emergency_ack_body = {
	.id = E_EMERGENCY_ACK,
	.name = "emergencies/acks",
	.fields = ack_fields,
	.nfields = NF(ack_fields),
};

static const struct field close_fields[] = {EMERGENCY_CLOSE_FIELDS(FIELD_DESC)};
const struct entity emergency_close_body = {
	.id = E_EMERGENCY_CLOSE,
	.name = "emergencies/close",
	.fields = close_fields,
	.nfields = NF(close_fields),
};
