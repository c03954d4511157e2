/* entities.c - the descriptors of every stored entity (see entity.h).
 *
 * Scope expressions use the fixed parameters ?1..?11 described in entity.h;
 * org and region subtrees are path-prefix ranges ("/1/4/" .. "/1/4/~"), which
 * both SQLite and PostgreSQL answer from a plain B-tree index. */
#include "model/entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/network.h"
#include "domain/pipeline.h"
#include "domain/qualify.h"
#include "domain/share.h"
#include "model/scope_sql.h"

static const char *const region_levels[] = {
#define X(id, name) name,
	NET_LEVELS(X)
#undef X
	NULL};
static const char *const org_kinds[] = {
#define X(id, name, zh) name,
	NET_KINDS(X)
#undef X
	NULL};
static const char *const genders[] = {"male", "female", NULL};
static const char *const qualifications[] = {
#define X(id, name, zh) name,
	QUAL_LEVELS(X)
#undef X
	NULL};

/* ---- regions ---- */
static const struct field region_fields[] = {REGION_FIELDS(FIELD_DESC)};
static const struct filter region_filters[] = {
	{"parent_id", FT_INT, "t.parent_id = ?"},
	{"level", FT_TEXT, "t.level = ?"},
	{"region_id", FT_INT, REGION_SUBTREE("t.id")},
	{"code", FT_TEXT, "t.code = ?"},
	{"q", FT_TEXT, NAME_CONTAINS("t.name")},
};
const struct entity region_entity = {
	.id = E_REGION,
	.name = "regions",
	.table = "regions",
	.fields = region_fields,
	.nfields = NF(region_fields),
	.filters = region_filters,
	.nfilters = NF(region_filters),
	.public_read = 1,
};

/* ---- organisations ---- */
static const struct field org_fields[] = {ORG_FIELDS(FIELD_DESC)};
static const struct filter org_filters[] = {
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"parent_id", FT_INT, "t.parent_id = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.id")},
	{"q", FT_TEXT, NAME_CONTAINS("t.name")},
};
const struct entity org_entity = {
	.id = E_ORG,
	.name = "orgs",
	.table = "orgs",
	.fields = org_fields,
	.nfields = NF(org_fields),
	.filters = org_filters,
	.nfilters = NF(org_filters),
	.public_read = 1,
};

/* ---- co-building links between orgs ---- */
static const struct field org_link_fields[] = {ORG_LINK_FIELDS(FIELD_DESC)};
static const struct filter org_link_filters[] = {
	{"org_id", FT_INT, "(t.org_id = ? OR t.other_org_id = ?)"},
	{"kind", FT_TEXT, "t.kind = ?"},
};
const struct entity org_link_entity = {
	.id = E_ORG_LINK,
	.name = "org-links",
	.table = "org_links",
	.fields = org_link_fields,
	.nfields = NF(org_link_fields),
	.filters = org_link_filters,
	.nfilters = NF(org_link_filters),
	.public_read = 1,
};

/* ---- a qualification rule (body of PUT /qualification-rules/{work};
 * table qualification_rules, store/linkage_store.c) ---- */
static const struct field qualification_rule_fields[] = {QUALIFICATION_RULE_FIELDS(FIELD_DESC)};
const struct entity qualification_rule_body = {
	.id = E_QUALIFICATION_RULE,
	.name = "qualification-rules",
	.fields = qualification_rule_fields,
	.nfields = NF(qualification_rule_fields),
};

/* ---- people ---- */
static const struct field person_fields[] = {PERSON_FIELDS(FIELD_DESC)};
static const struct filter person_filters[] = {
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"q", FT_TEXT, "t.name >= ? AND t.name < ? || '\xf4\x8f\xbf\xbf'"},
	{"id_number", FT_TEXT, "t.id_number_hash IN (substr(?, 1, 64), substr(?, 66, 64))"},
	{"phone", FT_TEXT, "t.phone_hash IN (substr(?, 1, 64), substr(?, 66, 64))"},
};
const struct entity person_entity = {
	.id = E_PERSON,
	.name = "people",
	.table = "people",
	.fields = person_fields,
	.nfields = NF(person_fields),
	.filters = person_filters,
	.nfilters = NF(person_filters),
	.scope_self = "t.id = ?10",
	.scope_org = IN_ORG_SCOPE("t.org_id")
	" OR EXISTS (SELECT 1 FROM volunteers sv WHERE sv.person_id = t.id AND " IN_ORG_SCOPE("sv.org_id") ")"
	" OR EXISTS (SELECT 1 FROM social_workers sw WHERE sw.person_id = t.id AND " IN_ORG_SCOPE("sw.org_id") ")",
	.scope_region = IN_REGION_SCOPE("t.region_id") " OR " ORG_IN_REGION_SCOPE("t.org_id")
	" OR EXISTS (SELECT 1 FROM volunteers sv WHERE sv.person_id = t.id AND " ORG_IN_REGION_SCOPE("sv.org_id") ")"
	" OR EXISTS (SELECT 1 FROM social_workers sw WHERE sw.person_id = t.id AND " ORG_IN_REGION_SCOPE("sw.org_id") ")",
};

/* ---- social workers ---- */
static const struct field sw_fields[] = {SOCIAL_WORKER_FIELDS(FIELD_DESC)};
static const struct filter sw_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"region_id", FT_INT, ORG_IN_REGION_SUBTREE("t.org_id")},
	{"qualification", FT_TEXT, "t.qualification = ?"},
	{"supervisor_id", FT_INT, "t.supervisor_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"q", FT_TEXT, PERSON_NAME_CONTAINS("t.person_id")},
};
const struct entity sw_entity = {
	.id = E_SOCIAL_WORKER,
	.name = "social-workers",
	.table = "social_workers",
	.fields = sw_fields,
	.nfields = NF(sw_fields),
	.filters = sw_filters,
	.nfilters = NF(sw_filters),
	.scope_self = "t.person_id = ?10",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

/* ---- volunteers ---- */
static const struct field vol_fields[] = {VOLUNTEER_FIELDS(FIELD_DESC)};
static const struct filter vol_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"region_id", FT_INT, ORG_IN_REGION_SUBTREE("t.org_id")},
	{"stage", FT_TEXT, "t.stage = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"lead_social_worker_id", FT_INT, "t.lead_social_worker_id = ?"},
	{"q", FT_TEXT, PERSON_NAME_CONTAINS("t.person_id")},
};
const struct entity vol_entity = {
	.id = E_VOLUNTEER,
	.name = "volunteers",
	.table = "volunteers",
	.fields = vol_fields,
	.nfields = NF(vol_fields),
	.filters = vol_filters,
	.nfilters = NF(vol_filters),
	.scope_self = "t.person_id = ?10",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

/* ---- volunteer stage history ---- */
static const struct field stage_event_fields[] = {STAGE_EVENT_FIELDS(FIELD_DESC)};
static const struct filter stage_event_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
};
const struct entity stage_event_entity = {
	.id = E_STAGE_EVENT,
	.name = "volunteer-stages",
	.table = "volunteer_stage_events",
	.fields = stage_event_fields,
	.nfields = NF(stage_event_fields),
	.filters = stage_event_filters,
	.nfilters = NF(stage_event_filters),
	.scope_self = "t.volunteer_id IN (SELECT s1.id FROM volunteers s1 WHERE s1.person_id = ?10)",
	.scope_org = "t.volunteer_id IN (SELECT s2.id FROM volunteers s2 WHERE " IN_ORG_SCOPE("s2.org_id") ")",
	.scope_region = "t.volunteer_id IN (SELECT s3.id FROM volunteers s3 WHERE " ORG_IN_REGION_SCOPE("s3.org_id") ")",
};

/* ---- the body of a reveal (issue 13; not stored) ---- */
static const struct field person_reveal_fields[] = {PERSON_REVEAL_FIELDS(FIELD_DESC)};
const struct entity person_reveal_body = {
	.id = E_PERSON_REVEAL,
	.name = "reveal",
	.fields = person_reveal_fields,
	.nfields = NF(person_reveal_fields),
};

/* ---- user accounts ---- */
static const struct field user_fields[] = {USER_FIELDS(FIELD_DESC)};
static const struct filter user_filters[] = {
	{"org_id", FT_INT, "t.id IN (SELECT u1.user_id FROM user_roles u1 WHERE u1.org_id = ?)"},
	{"role", FT_TEXT, "t.id IN (SELECT u2.user_id FROM user_roles u2 WHERE u2.role = ?)"},
	{"person_id", FT_INT, "t.person_id = ?"},
	{"q", FT_TEXT, "(" NAME_CONTAINS("t.username") " OR " PERSON_NAME_CONTAINS("t.person_id") ")"},
};
const struct entity user_entity = {
	.id = E_USER,
	.name = "users",
	.table = "users",
	.fields = user_fields,
	.nfields = NF(user_fields),
	.filters = user_filters,
	.nfilters = NF(user_filters),
	.scope_self = "t.id = ?11",
	.scope_org = "EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = t.id AND " IN_ORG_SCOPE("ur.org_id") ")",
	.scope_region = "EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = t.id AND (" IN_REGION_SCOPE("ur.region_id")
	" OR " ORG_IN_REGION_SCOPE("ur.org_id") "))",
};

/* ---- audit log (read-only through the API, newest first) ---- */
static const struct field audit_fields[] = {AUDIT_FIELDS(FIELD_DESC)};
static const struct filter audit_filters[] = {
	{"entity", FT_TEXT, "t.entity = ?"},
	{"entity_id", FT_INT, "t.entity_id = ?"},
	{"user_id", FT_INT, "t.user_id = ?"},
	{"action", FT_TEXT, "t.action = ?"},
	{"from", FT_DATE, "t.at >= ?"},		/* from that day's start, China time */
	{"to", FT_DATE, "t.at < ? + 86400"},	/* to that day's end: the day is in */
};
const struct entity audit_entity = {
	.id = E_AUDIT,
	.name = "audit",
	.table = "audit",
	.fields = audit_fields,
	.nfields = NF(audit_fields),
	.filters = audit_filters,
	.nfilters = NF(audit_filters),
	.newest_first = 1,
	.range_low = "from",
	.range_high = "to",
};

const struct entity *const entities[E__COUNT] = {
	[E_REGION] = &region_entity,
	[E_ORG] = &org_entity,
	[E_ORG_LINK] = &org_link_entity,
	[E_PERSON] = &person_entity,
	[E_SOCIAL_WORKER] = &sw_entity,
	[E_VOLUNTEER] = &vol_entity,
	[E_STAGE_EVENT] = &stage_event_entity,
	[E_USER] = &user_entity,
	[E_AUDIT] = &audit_entity,
	[E_COURSE] = &course_entity,
	[E_COURSE_SESSION] = &course_session_entity,
	[E_SESSION_ATTENDANCE] = &session_attendance_entity,
	[E_COMPLETION] = &completion_entity,
	[E_ACTIVITY] = &activity_entity,
	[E_POSITION] = &position_entity,
	[E_SHIFT] = &shift_entity,
	[E_SIGNUP] = &signup_entity,
	[E_ATTENDANCE] = &attendance_entity,
	[E_SERVICE_RECORD] = &service_record_entity,
	[E_SERVICE_MENU] = &service_menu_entity,
	[E_NEED] = &need_entity,
	[E_NEED_EVENT] = &need_event_entity,
	[E_CLIENT] = &client_entity,
	[E_CLIENT_STAGE_EVENT] = &client_stage_event_entity,
	[E_MANDATORY_REPORT] = &mandatory_report_entity,
	[E_CASE_NOTE] = &case_note_entity,
	[E_PLAN] = &plan_entity,
	[E_PLAN_TASK] = &plan_task_entity,
	[E_NOTIFICATION] = &notification_entity,
	[E_MATCH_PROPOSAL] = &proposal_entity,
	[E_MATCH_ITEM] = &match_item_entity,
	[E_INVITATION] = &invitation_entity,
	[E_EMERGENCY] = &emergency_entity,
	[E_CALLOUT] = &callout_entity,
	[E_EMERGENCY_EVENT] = &emergency_event_entity,
	[E_EMERGENCY_REPORT] = &emergency_report_entity,
	[E_IMPORT] = &import_entity,
	[E_CERTIFICATE] = &certificate_entity,
	[E_RECORD_CORRECTION] = &record_correction_entity,
	[E_VOLUNTEER_HONOR] = &volunteer_honor_entity,
	[E_FUND] = &fund_entity,
	[E_DONATION] = &donation_entity,
	[E_PERSON_RELATION] = &person_relation_entity,
	[E_SEMESTER_RUN] = &semester_run_entity,
	[E_SUPERVISION_SESSION] = &supervision_session_entity,
	[E_COUNCIL] = &council_entity,
	[E_COUNCIL_MEMBER] = &council_member_entity,
	[E_COUNCIL_MEETING] = &council_meeting_entity,
	[E_COUNCIL_ISSUE] = &council_issue_entity,
	[E_RESOLUTION] = &resolution_entity,
	[E_SHIFT_FEEDBACK] = &shift_feedback_entity,
	[E_NEED_RATING] = &need_rating_entity,
	[E_SURVEY] = &survey_entity,
	[E_PROJECT] = &project_entity,
	[E_INDICATOR] = &indicator_entity,
	[E_INDICATOR_REPORT] = &indicator_report_entity,
	[E_PROJECT_EVALUATOR] = &project_evaluator_entity,
	[E_EVALUATION] = &evaluation_entity,
	[E_PROJECT_EXPENSE] = &project_expense_entity,
};

const struct entity *entity_get(enum entity_id id)
{
	return entities[id];
}

int entity_filter(const struct entity *e, const char *param)
{
	for (int i = 0; i < e->nfilters; i++)
		if (strcmp(e->filters[i].param, param) == 0)
			return i;
	return -1;
}

int entity_filter_range(const struct entity *e, int i)
{
	const char *p = e->filters[i].param;
	if (e->range_low && strcmp(p, e->range_low) == 0)
		return -1;
	return e->range_high && strcmp(p, e->range_high) == 0;
}

void entity_filter_int(const struct entity *e, struct val *f, const char *param, int64_t v)
{
	int i = entity_filter(e, param);
	if (i < 0)
		abort();
	f[i] = (struct val){.set = 1, .i = v};
}

int entity_field(const struct entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return i;
	return -1;
}

const char *field_col(const struct field *f)
{
	return f->col ? f->col : f->name;
}

int field_stored(const struct field *f)
{
	return !(f->flags & FF_VIRTUAL);
}

void field_key_bug(const struct entity *e, int k)
{
	fprintf(stderr, "BUG: field key %d (entity %d, field %d) used on a record of %s\n", k, FIELD_ENTITY(k),
		FIELD_IDX(k), e->name);
	abort();
}

void rec_init(struct rec *r, const struct entity *e)
{
	memset(r, 0, sizeof *r);
	r->e = e;
}
