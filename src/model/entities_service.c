/* entities_service.c - descriptors for training, activities, shifts,
 * sign-ups, attendance and the service-hours ledger.
 * See entity.h for the field flags and the read-scope parameters. */
#include <stddef.h>

#include "domain/limits.h"
#include "domain/workdays.h"
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const course_kinds[] = {"concept", "skill", "special", NULL};
static const char *const modes[] = {"daily", "professional", "event", "emergency", "advocacy", NULL};
static const char *const sign_up_kinds[] = {"open", "approval", NULL};

/* A row whose activity (by id column `col`) is hosted by an org in scope. */
#define ACTIVITY_IN_ORG_SCOPE(col) \
	col " IN (SELECT ao.activity_id FROM activity_orgs ao WHERE " IN_ORG_SCOPE("ao.org_id") ")"
#define ACTIVITY_IN_REGION_SCOPE(col) \
	col " IN (SELECT ar.activity_id FROM activity_orgs ar WHERE " ORG_IN_REGION_SCOPE("ar.org_id") ")"
/* A row whose volunteer (by id column `col`) is the caller. */
#define VOLUNTEER_IS_SELF(col) col " IN (SELECT vs.id FROM volunteers vs WHERE vs.person_id = ?10)"
#define PERSON_IN_ORG_SCOPE(col)                                                               \
	"(" col " IN (SELECT pp.id FROM people pp WHERE " IN_ORG_SCOPE("pp.org_id") ") OR " col \
	" IN (SELECT pv.person_id FROM volunteers pv WHERE " IN_ORG_SCOPE("pv.org_id") "))"

/* ---- training ---- */
static const struct field course_fields[] = {COURSE_FIELDS(FIELD_DESC)};
static const struct filter course_filters[] = {
	{"kind", FT_TEXT, "t.kind = ?"},
	{"org_id", FT_INT, "t.org_id = ?"},
};
const struct entity course_entity = {
	.id = E_COURSE,
	.name = "courses",
	.table = "courses",
	.fields = course_fields,
	.nfields = NF(course_fields),
	.filters = course_filters,
	.nfilters = NF(course_filters),
	.public_read = 1,
};

static const struct field course_session_fields[] = {COURSE_SESSION_FIELDS(FIELD_DESC)};
static const struct filter course_session_filters[] = {
	{"course_id", FT_INT, "t.course_id = ?"},
};
const struct entity course_session_entity = {
	.id = E_COURSE_SESSION,
	.name = "course-sessions",
	.table = "course_sessions",
	.fields = course_session_fields,
	.nfields = NF(course_session_fields),
	.filters = course_session_filters,
	.nfilters = NF(course_session_filters),
	.public_read = 1,
};

static const struct field session_attendance_fields[] = {SESSION_ATTENDANCE_FIELDS(FIELD_DESC)};
static const struct filter session_attendance_filters[] = {
	{"session_id", FT_INT, "t.session_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity session_attendance_entity = {
	.id = E_SESSION_ATTENDANCE,
	.name = "session-attendance",
	.table = "session_attendance",
	.fields = session_attendance_fields,
	.nfields = NF(session_attendance_fields),
	.filters = session_attendance_filters,
	.nfilters = NF(session_attendance_filters),
	.scope_self = "t.person_id = ?10",
	.scope_org = PERSON_IN_ORG_SCOPE("t.person_id"),
};

static const struct field completion_fields[] = {COMPLETION_FIELDS(FIELD_DESC)};
static const struct filter completion_filters[] = {
	{"course_id", FT_INT, "t.course_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity completion_entity = {
	.id = E_COMPLETION,
	.name = "course-completions",
	.table = "course_completions",
	.fields = completion_fields,
	.nfields = NF(completion_fields),
	.filters = completion_filters,
	.nfilters = NF(completion_filters),
	.scope_self = "t.person_id = ?10",
	.scope_org = PERSON_IN_ORG_SCOPE("t.person_id"),
};

/* ---- activities, positions, shifts ---- */
static const struct field activity_fields[] = {ACTIVITY_FIELDS(FIELD_DESC)};
static const struct filter activity_filters[] = {
	{"org_id", FT_INT, "t.id IN (SELECT af.activity_id FROM activity_orgs af WHERE " ORG_SUBTREE("af.org_id") ")"},
	{"region_id", FT_INT, "t.org_id IN (SELECT h.id FROM orgs h WHERE " REGION_SUBTREE("h.region_id") ")"},
	{"mode", FT_TEXT, "t.mode = ?"},
	{"from", FT_TIME, "t.ends_at >= ?"},
	{"to", FT_TIME, "t.starts_at < ?"},
	{"project_id", FT_INT, "t.project_id = ?"},
};
const struct entity activity_entity = {
	.id = E_ACTIVITY,
	.name = "activities",
	.table = "activities",
	.fields = activity_fields,
	.nfields = NF(activity_fields),
	.filters = activity_filters,
	.nfilters = NF(activity_filters),
	.public_read = 1,
};

static const struct field position_fields[] = {POSITION_FIELDS(FIELD_DESC)};
static const struct filter position_filters[] = {
	{"activity_id", FT_INT, "t.activity_id = ?"},
};
const struct entity position_entity = {
	.id = E_POSITION,
	.name = "positions",
	.table = "positions",
	.fields = position_fields,
	.nfields = NF(position_fields),
	.filters = position_filters,
	.nfilters = NF(position_filters),
	.public_read = 1,
};

static const struct field shift_fields[] = {SHIFT_FIELDS(FIELD_DESC)};
static const struct filter shift_filters[] = {
	{"activity_id", FT_INT, "t.activity_id = ?"},
	{"position_id", FT_INT, "t.position_id = ?"},
	{"from", FT_TIME, "t.ends_at >= ?"},
	{"to", FT_TIME, "t.starts_at < ?"},
};
const struct entity shift_entity = {
	.id = E_SHIFT,
	.name = "shifts",
	.table = "shifts",
	.fields = shift_fields,
	.nfields = NF(shift_fields),
	.filters = shift_filters,
	.nfilters = NF(shift_filters),
	.public_read = 1,
};

/* ---- sign-ups and attendance ---- */
static const char *const signup_states[] = {"pending", "accepted", "waitlisted", "rejected", "cancelled", NULL};
static const struct field signup_fields[] = {SIGNUP_FIELDS(FIELD_DESC)};
static const struct filter signup_filters[] = {
	{"shift_id", FT_INT, "t.shift_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
#define SIGNUP_ACTIVITY "(SELECT sa.activity_id FROM shifts sa WHERE sa.id = t.shift_id)"
const struct entity signup_entity = {
	.id = E_SIGNUP,
	.name = "signups",
	.table = "signups",
	.fields = signup_fields,
	.nfields = NF(signup_fields),
	.filters = signup_filters,
	.nfilters = NF(signup_filters),
	.scope_self = VOLUNTEER_IS_SELF("t.volunteer_id"),
	.scope_org = ACTIVITY_IN_ORG_SCOPE(SIGNUP_ACTIVITY),
	.scope_region = ACTIVITY_IN_REGION_SCOPE(SIGNUP_ACTIVITY),
};

static const struct field attendance_fields[] = {ATTENDANCE_FIELDS(FIELD_DESC)};
static const struct filter attendance_filters[] = {
	{"signup_id", FT_INT, "t.signup_id = ?"},
	{"shift_id", FT_INT, "t.signup_id IN (SELECT s1.id FROM signups s1 WHERE s1.shift_id = ?)"},
};
#define ATT_VOLUNTEER "(SELECT av.volunteer_id FROM signups av WHERE av.id = t.signup_id)"
#define ATT_ACTIVITY \
	"(SELECT sb.activity_id FROM shifts sb, signups sc WHERE sc.id = t.signup_id AND sb.id = sc.shift_id)"
const struct entity attendance_entity = {
	.id = E_ATTENDANCE,
	.name = "attendance",
	.table = "attendance",
	.fields = attendance_fields,
	.nfields = NF(attendance_fields),
	.filters = attendance_filters,
	.nfilters = NF(attendance_filters),
	.scope_self = VOLUNTEER_IS_SELF(ATT_VOLUNTEER),
	.scope_org = ACTIVITY_IN_ORG_SCOPE(ATT_ACTIVITY),
	.scope_region = ACTIVITY_IN_REGION_SCOPE(ATT_ACTIVITY),
};

/* ---- the service-hours ledger (民政部令第67号 Art. 5-10) ---- */
static const char *const record_states[] = {"recorded", "verified", "voided", NULL};
static const struct field record_fields[] = {SERVICE_RECORD_FIELDS(FIELD_DESC)};
static const struct filter record_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"activity_id", FT_INT, "t.activity_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
	{"year", FT_INT, "t.year = ?"},
};
const struct entity service_record_entity = {
	.id = E_SERVICE_RECORD,
	.name = "service-records",
	.table = "service_records",
	.fields = record_fields,
	.nfields = NF(record_fields),
	.filters = record_filters,
	.nfilters = NF(record_filters),
	.scope_self = VOLUNTEER_IS_SELF("t.volunteer_id"),
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

/* ---- personalised plans (个性定制) ---- */
static const char *const plan_states[] = {"active", "closed", NULL};
static const char *const recurrences[] = {"once", "weekly", "monthly", "quarterly", NULL};
static const struct field plan_fields[] = {PLAN_FIELDS(FIELD_DESC)};
static const struct filter plan_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
	{"social_worker_id", FT_INT, "t.social_worker_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
	{"project_id", FT_INT, "t.project_id = ?"},
};
#define PLAN_CLIENT_ORG "(SELECT pc.org_id FROM clients pc WHERE pc.id = t.client_id)"
const struct entity plan_entity = {
	.id = E_PLAN,
	.name = "plans",
	.table = "plans",
	.fields = plan_fields,
	.nfields = NF(plan_fields),
	.filters = plan_filters,
	.nfilters = NF(plan_filters),
	/* read in the client's scope (docs/API.md, Plans) */
	.scope_self = OF_CLIENT(CLIENT_SELF),
	.scope_org = IN_ORG_SCOPE(PLAN_CLIENT_ORG),
	.scope_region = OF_CLIENT(CLIENT_REGION),
};

static const struct field plan_task_fields[] = {PLAN_TASK_FIELDS(FIELD_DESC)};
static const struct filter plan_task_filters[] = {
	{"plan_id", FT_INT, "t.plan_id = ?"},
	{"active", FT_INT, "t.active = ?"},
};
const struct entity plan_task_entity = {
	.id = E_PLAN_TASK,
	.name = "plan-tasks",
	.table = "plan_tasks",
	.fields = plan_task_fields,
	.nfields = NF(plan_task_fields),
	.filters = plan_task_filters,
	.nfilters = NF(plan_task_filters),
	.scope_org = "t.plan_id IN (SELECT pt.id FROM plans pt WHERE " IN_ORG_SCOPE("(SELECT pk.org_id FROM clients pk WHERE pk.id = pt.client_id)") ")",
};

/* ---- the notification outbox; each user reads their own ---- */
static const char *const channels[] = {"inbox", "email", "sms", NULL};
/* queued: waiting for an outbound channel (an SMS to a person) */
static const char *const delivery_states[] = {"pending", "delivered", "failed", "queued", NULL};
static const struct field notification_fields[] = {NOTIFICATION_FIELDS(FIELD_DESC)};
static const struct filter notification_filters[] = {
	{"kind", FT_TEXT, "t.kind = ?"},
	{"unread", FT_INT, "(? = 0 OR t.read_at IS NULL)"},
};
const struct entity notification_entity = {
	.id = E_NOTIFICATION,
	.name = "notifications",
	.table = "notifications",
	.fields = notification_fields,
	.nfields = NF(notification_fields),
	.filters = notification_filters,
	.nfilters = NF(notification_filters),
	.scope_self = "t.user_id = ?11",
	.own_only = 1,
};

/* ---- matching (供需对接): batch proposals and the invitations they
 * become; a proposal is its author's, an invitation is seen by its
 * volunteer and by the staff of the shift's activity ---- */
static const char *const proposal_states[] = {"proposed", "applied", NULL};
static const struct field proposal_fields[] = {MATCH_PROPOSAL_FIELDS(FIELD_DESC)};
const struct entity proposal_entity = {
	.id = E_MATCH_PROPOSAL,
	.name = "match",
	.table = "match_proposals",
	.fields = proposal_fields,
	.nfields = NF(proposal_fields),
	.scope_self = "t.created_by_user_id = ?11",
};

static const struct field match_item_fields[] = {MATCH_ITEM_FIELDS(FIELD_DESC)};
static const struct filter match_item_filters[] = {
	{"proposal_id", FT_INT, "t.proposal_id = ?"},
};
const struct entity match_item_entity = {
	.id = E_MATCH_ITEM,
	.name = "match-items",
	.table = "match_items",
	.fields = match_item_fields,
	.nfields = NF(match_item_fields),
	.filters = match_item_filters,
	.nfilters = NF(match_item_filters),
};

static const char *const invitation_states[] = {"invited", "accepted", "declined", NULL};
static const struct field invitation_fields[] = {INVITATION_FIELDS(FIELD_DESC)};
static const struct filter invitation_filters[] = {
	{"proposal_id", FT_INT, "t.proposal_id = ?"},
	{"shift_id", FT_INT, "t.shift_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity invitation_entity = {
	.id = E_INVITATION,
	.name = "invitations",
	.table = "invitations",
	.fields = invitation_fields,
	.nfields = NF(invitation_fields),
	.filters = invitation_filters,
	.nfilters = NF(invitation_filters),
	.scope_self = VOLUNTEER_IS_SELF("t.volunteer_id"),
	.scope_org = ACTIVITY_IN_ORG_SCOPE(SIGNUP_ACTIVITY),
	.scope_region = ACTIVITY_IN_REGION_SCOPE(SIGNUP_ACTIVITY),
};

/* ---- action bodies (not stored) ---- */
static const struct field match_request_fields[] = {MATCH_REQUEST_FIELDS(FIELD_DESC)};
const struct entity match_request_body = {
	.id = E_MATCH_REQUEST,
	.name = "match",
	.fields = match_request_fields,
	.nfields = NF(match_request_fields),
};

/* ---- the holiday calendar (body of PUT /calendar/{date}, not stored) ---- */
static const struct field calendar_day_fields[] = {CALENDAR_DAY_FIELDS(FIELD_DESC)};
const struct entity calendar_day_body = {
	.id = E_CALENDAR_DAY,
	.name = "calendar",
	.fields = calendar_day_fields,
	.nfields = NF(calendar_day_fields),
};
