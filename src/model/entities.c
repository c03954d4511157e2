/* entities.c - the descriptors of every stored entity (see entity.h).
 *
 * Scope expressions use the fixed parameters ?1..?11 described in entity.h;
 * org and region subtrees are path-prefix ranges ("/1/4/" .. "/1/4/~"), which
 * both SQLite and PostgreSQL answer from a plain B-tree index. */
#include "model/entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/pipeline.h"
#include "model/scope_sql.h"

static const char *const region_levels[] = {"city", "district", "town", "community", NULL};
static const char *const org_kinds[] = {
	"social_work_dept", "social_work_station", "social_work_room", "sw_agency",
	"volunteer_hub", "volunteer_team", "practice_center", "practice_station",
	"government", "enterprise", "school", "other", NULL};
static const char *const genders[] = {"male", "female", NULL};
static const char *const qualifications[] = {"none", "assistant", "intermediate", "senior", NULL};

/* ---- regions ---- */
static const struct field region_fields[] = {
	{"code", NULL, FT_TEXT, FF_REQUIRED, NULL, 6, 12, 0},
	{"name", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 100, 0},
	{"level", NULL, FT_ENUM, FF_REQUIRED | FF_FIXED, region_levels, 0, 0, 0},
	{"parent_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_REGION)},
	{"path", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter region_filters[] = {
	{"parent_id", FT_INT, "t.parent_id = ?"},
	{"level", FT_TEXT, "t.level = ?"},
	{"region_id", FT_INT, REGION_SUBTREE("t.id")},
	{"code", FT_TEXT, "t.code = ?"},
};
const struct entity region_entity = {
	E_REGION, "regions", "regions", region_fields, NF(region_fields),
	region_filters, NF(region_filters), 1, NULL, NULL, NULL};

/* ---- organisations ---- */
static const struct field org_fields[] = {
	{"name", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"kind", NULL, FT_ENUM, FF_REQUIRED, org_kinds, 0, 0, 0},
	{"region_id", NULL, FT_INT, FF_REQUIRED, NULL, 1, 9e15, REF(E_REGION)},
	{"parent_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"address", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"phone", NULL, FT_TEXT, 0, NULL, 0, 40, 0},
	{"path", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter org_filters[] = {
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"parent_id", FT_INT, "t.parent_id = ?"},
	{"kind", FT_TEXT, "t.kind = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.id")},
	{"q", FT_TEXT, "t.name LIKE ? || '%'"},
};
const struct entity org_entity = {
	E_ORG, "orgs", "orgs", org_fields, NF(org_fields),
	org_filters, NF(org_filters), 1, NULL, NULL, NULL};

/* ---- co-building links between orgs ---- */
static const struct field org_link_fields[] = {
	{"org_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_ORG)},
	{"other_org_id", "other_org_id", FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"note", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter org_link_filters[] = {
	{"org_id", FT_INT, "(t.org_id = ? OR t.other_org_id = ?)"},
};
const struct entity org_link_entity = {
	E_ORG_LINK, "org-links", "org_links", org_link_fields, NF(org_link_fields),
	org_link_filters, NF(org_link_filters), 1, NULL, NULL, NULL};

/* ---- people ---- */
static const struct field person_fields[] = {
	{"name", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 100, 0},
	{"id_number", NULL, FT_TEXT, FF_VIRTUAL | FF_PII, NULL, 0, 32, 0},
	{"id_number_enc", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"id_number_hash", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"phone", NULL, FT_TEXT, FF_VIRTUAL | FF_PII, NULL, 0, 32, 0},
	{"phone_enc", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"phone_hash", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"gender", NULL, FT_ENUM, 0, genders, 0, 0, 0},
	{"birth_date", NULL, FT_DATE, 0, NULL, 0, 0, 0},
	{"region_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_REGION)},
	{"org_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_ORG)},
	{"address", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"lat", NULL, FT_REAL, 0, NULL, -90, 90, 0},
	{"lon", NULL, FT_REAL, 0, NULL, -180, 180, 0},
	{"skills", NULL, FT_LIST, 0, NULL, 0, 30, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter person_filters[] = {
	{"region_id", FT_INT, REGION_SUBTREE("t.region_id")},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"q", FT_TEXT, "t.name >= ? AND t.name < ? || '\xf4\x8f\xbf\xbf'"},
	{"id_number", FT_TEXT, "t.id_number_hash = ?"},
	{"phone", FT_TEXT, "t.phone_hash = ?"},
};
const struct entity person_entity = {
	E_PERSON, "people", "people", person_fields, NF(person_fields),
	person_filters, NF(person_filters), 0,
	"t.id = ?10",
	IN_ORG_SCOPE("t.org_id")
	" OR EXISTS (SELECT 1 FROM volunteers sv WHERE sv.person_id = t.id AND " IN_ORG_SCOPE("sv.org_id") ")"
	" OR EXISTS (SELECT 1 FROM social_workers sw WHERE sw.person_id = t.id AND " IN_ORG_SCOPE("sw.org_id") ")",
	IN_REGION_SCOPE("t.region_id") " OR " ORG_IN_REGION_SCOPE("t.org_id")
	" OR EXISTS (SELECT 1 FROM volunteers sv WHERE sv.person_id = t.id AND " ORG_IN_REGION_SCOPE("sv.org_id") ")"
	" OR EXISTS (SELECT 1 FROM social_workers sw WHERE sw.person_id = t.id AND " ORG_IN_REGION_SCOPE("sw.org_id") ")",
};

/* ---- social workers ---- */
static const struct field sw_fields[] = {
	{"person_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_PERSON)},
	{"org_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"qualification", NULL, FT_ENUM, FF_REQUIRED, qualifications, 0, 0, 0},
	{"certificate_no", NULL, FT_TEXT, 0, NULL, 1, 64, 0},
	{"fields", NULL, FT_LIST, 0, NULL, 0, 20, 0},
	{"supervisor_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_SOCIAL_WORKER)},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter sw_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"region_id", FT_INT, ORG_IN_REGION_SUBTREE("t.org_id")},
	{"qualification", FT_TEXT, "t.qualification = ?"},
	{"supervisor_id", FT_INT, "t.supervisor_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity sw_entity = {
	E_SOCIAL_WORKER, "social-workers", "social_workers", sw_fields, NF(sw_fields),
	sw_filters, NF(sw_filters), 0,
	"t.person_id = ?10", IN_ORG_SCOPE("t.org_id"), ORG_IN_REGION_SCOPE("t.org_id")};

/* ---- volunteers ---- */
static const struct field vol_fields[] = {
	{"person_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_PERSON)},
	{"org_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"volunteer_no", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"stage", NULL, FT_ENUM, FF_FIXED, vstage_names, 0, 0, 0},
	{"verified_hours", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"stars", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"guardian_consent", NULL, FT_BOOL, 0, NULL, 0, 0, 0},
	{"guardian_name", NULL, FT_TEXT, 0, NULL, 1, 100, 0},
	{"background_check", NULL, FT_DATE, 0, NULL, 0, 0, 0},
	{"insured_until", NULL, FT_DATE, 0, NULL, 0, 0, 0},
	/* matching (SPEC 3.12): weekly windows "mon 08:00-12:00", a weekly
	 * hour cap, a travel distance and preferred activity modes */
	{"availability", NULL, FT_LIST, 0, NULL, 0, 21, 0},
	{"max_weekly_hours", NULL, FT_REAL, 0, NULL, 0, 168, 0},
	{"max_distance_km", NULL, FT_REAL, 0, NULL, 0, 1000, 0},
	{"preferred_modes", NULL, FT_LIST, 0, NULL, 0, 5, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter vol_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"region_id", FT_INT, ORG_IN_REGION_SUBTREE("t.org_id")},
	{"stage", FT_TEXT, "t.stage = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity vol_entity = {
	E_VOLUNTEER, "volunteers", "volunteers", vol_fields, NF(vol_fields),
	vol_filters, NF(vol_filters), 0,
	"t.person_id = ?10", IN_ORG_SCOPE("t.org_id"), ORG_IN_REGION_SCOPE("t.org_id")};

/* ---- volunteer stage history ---- */
static const struct field stage_event_fields[] = {
	{"volunteer_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_VOLUNTEER)},
	{"from", "from_stage", FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"to", "to_stage", FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"note", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter stage_event_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
};
const struct entity stage_event_entity = {
	E_STAGE_EVENT, "volunteer-stages", "volunteer_stage_events",
	stage_event_fields, NF(stage_event_fields),
	stage_event_filters, NF(stage_event_filters), 0,
	"t.volunteer_id IN (SELECT s1.id FROM volunteers s1 WHERE s1.person_id = ?10)",
	"t.volunteer_id IN (SELECT s2.id FROM volunteers s2 WHERE " IN_ORG_SCOPE("s2.org_id") ")",
	"t.volunteer_id IN (SELECT s3.id FROM volunteers s3 WHERE " ORG_IN_REGION_SCOPE("s3.org_id") ")"};

/* ---- user accounts ---- */
static const struct field user_fields[] = {
	{"username", NULL, FT_TEXT, FF_REQUIRED | FF_FIXED, NULL, 3, 64, 0},
	{"password", NULL, FT_TEXT, FF_VIRTUAL | FF_WRITEONLY, NULL, 8, 200, 0},
	{"password_hash", NULL, FT_TEXT, FF_HIDDEN, NULL, 0, 0, 0},
	{"person_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_PERSON)},
	{"roles", NULL, FT_JSON, FF_VIRTUAL, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter user_filters[] = {
	{"org_id", FT_INT, "t.id IN (SELECT u1.user_id FROM user_roles u1 WHERE u1.org_id = ?)"},
	{"role", FT_TEXT, "t.id IN (SELECT u2.user_id FROM user_roles u2 WHERE u2.role = ?)"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity user_entity = {
	E_USER, "users", "users", user_fields, NF(user_fields),
	user_filters, NF(user_filters), 0,
	"t.id = ?11",
	"EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = t.id AND " IN_ORG_SCOPE("ur.org_id") ")",
	"EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = t.id AND (" IN_REGION_SCOPE("ur.region_id")
	" OR " ORG_IN_REGION_SCOPE("ur.org_id") "))"};

/* ---- audit log (read-only through the API) ---- */
static const struct field audit_fields[] = {
	{"at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"action", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"entity", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"entity_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"before", "before_json", FT_JSON, FF_SERVER, NULL, 0, 0, 0},
	{"after", "after_json", FT_JSON, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter audit_filters[] = {
	{"entity", FT_TEXT, "t.entity = ?"},
	{"entity_id", FT_INT, "t.entity_id = ?"},
	{"user_id", FT_INT, "t.user_id = ?"},
};
const struct entity audit_entity = {
	E_AUDIT, "audit", "audit", audit_fields, NF(audit_fields),
	audit_filters, NF(audit_filters), 0, NULL, NULL, NULL};

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
};

const struct entity *entity_get(enum entity_id id)
{
	return entities[id];
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

static int field_or_die(const struct entity *e, const char *name)
{
	int i = entity_field(e, name);
	if (i < 0) {
		fprintf(stderr, "BUG: entity %s has no field %s\n", e->name, name);
		abort();
	}
	return i;
}

struct val *rec_val(struct rec *r, const char *name)
{
	return &r->v[field_or_die(r->e, name)];
}

const struct val *rec_cval(const struct rec *r, const char *name)
{
	return &r->v[field_or_die(r->e, name)];
}

void rec_set_int(struct rec *r, const char *name, int64_t v)
{
	struct val *x = rec_val(r, name);
	*x = (struct val){.set = 1, .i = v};
}

void rec_set_real(struct rec *r, const char *name, double v)
{
	struct val *x = rec_val(r, name);
	*x = (struct val){.set = 1, .r = v};
}

void rec_set_text(struct rec *r, const char *name, const char *s)
{
	struct val *x = rec_val(r, name);
	*x = s ? (struct val){.set = 1, .s = s} : (struct val){.set = 1, .null = 1};
}

void rec_set_null(struct rec *r, const char *name)
{
	struct val *x = rec_val(r, name);
	*x = (struct val){.set = 1, .null = 1};
}

int rec_has(const struct rec *r, const char *name)
{
	const struct val *x = rec_cval(r, name);
	return x->set && !x->null;
}

int64_t rec_int(const struct rec *r, const char *name, int64_t dflt)
{
	const struct val *x = rec_cval(r, name);
	return x->set && !x->null ? x->i : dflt;
}

const char *rec_text(const struct rec *r, const char *name)
{
	const struct val *x = rec_cval(r, name);
	return x->set && !x->null ? x->s : NULL;
}

void rec_init(struct rec *r, const struct entity *e)
{
	memset(r, 0, sizeof *r);
	r->e = e;
}
