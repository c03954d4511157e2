/* entities_service.c - descriptors for training, activities, shifts,
 * sign-ups, attendance and the service-hours ledger (SPEC 3.4, 3.8-3.10).
 * See entity.h for the field flags and the read-scope parameters. */
#include <stddef.h>

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
static const struct field course_fields[] = {
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"kind", NULL, FT_ENUM, FF_REQUIRED, course_kinds, 0, 0, 0},
	{"hours", NULL, FT_REAL, FF_REQUIRED, NULL, 0.5, 1000, 0},
	{"org_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"description", NULL, FT_TEXT, 0, NULL, 0, 2000, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter course_filters[] = {
	{"kind", FT_TEXT, "t.kind = ?"},
	{"org_id", FT_INT, "t.org_id = ?"},
};
const struct entity course_entity = {
	E_COURSE, "courses", "courses", course_fields, NF(course_fields),
	course_filters, NF(course_filters), 1, NULL, NULL, NULL};

static const struct field course_session_fields[] = {
	{"course_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_COURSE)},
	{"starts_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"ends_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"place", NULL, FT_TEXT, 0, NULL, 0, 200, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter course_session_filters[] = {
	{"course_id", FT_INT, "t.course_id = ?"},
};
const struct entity course_session_entity = {
	E_COURSE_SESSION, "course-sessions", "course_sessions", course_session_fields, NF(course_session_fields),
	course_session_filters, NF(course_session_filters), 1, NULL, NULL, NULL};

static const struct field session_attendance_fields[] = {
	{"session_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_COURSE_SESSION)},
	{"person_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_PERSON)},
	{"recorded_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter session_attendance_filters[] = {
	{"session_id", FT_INT, "t.session_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity session_attendance_entity = {
	E_SESSION_ATTENDANCE, "session-attendance", "session_attendance", session_attendance_fields,
	NF(session_attendance_fields), session_attendance_filters, NF(session_attendance_filters), 0,
	"t.person_id = ?10", PERSON_IN_ORG_SCOPE("t.person_id"), NULL};

static const struct field completion_fields[] = {
	{"course_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_COURSE)},
	{"person_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_PERSON)},
	{"recorded_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"completed_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter completion_filters[] = {
	{"course_id", FT_INT, "t.course_id = ?"},
	{"person_id", FT_INT, "t.person_id = ?"},
};
const struct entity completion_entity = {
	E_COMPLETION, "course-completions", "course_completions", completion_fields, NF(completion_fields),
	completion_filters, NF(completion_filters), 0,
	"t.person_id = ?10", PERSON_IN_ORG_SCOPE("t.person_id"), NULL};

/* ---- activities, positions, shifts ---- */
static const struct field activity_fields[] = {
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"mode", NULL, FT_ENUM, FF_REQUIRED, modes, 0, 0, 0},
	{"org_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_ORG)},
	{"org_ids", NULL, FT_JSON, FF_VIRTUAL | FF_REQUIRED, NULL, 0, 0, 0},
	{"lead_social_worker_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_SOCIAL_WORKER)},
	{"place", NULL, FT_TEXT, 0, NULL, 0, 200, 0},
	{"lat", NULL, FT_REAL, 0, NULL, -90, 90, 0},
	{"lon", NULL, FT_REAL, 0, NULL, -180, 180, 0},
	{"starts_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"ends_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"sign_up", NULL, FT_ENUM, FF_REQUIRED, sign_up_kinds, 0, 0, 0},
	{"risk_note", NULL, FT_TEXT, 0, NULL, 0, 1000, 0},
	{"insurance_required", NULL, FT_BOOL, 0, NULL, 0, 0, 0},
	{"description", NULL, FT_TEXT, 0, NULL, 0, 4000, 0},
	{"roles", NULL, FT_JSON, FF_VIRTUAL | FF_SERVER, NULL, 0, 0, 0},
	{"positions", NULL, FT_JSON, FF_VIRTUAL, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter activity_filters[] = {
	{"org_id", FT_INT, "t.id IN (SELECT af.activity_id FROM activity_orgs af WHERE " ORG_SUBTREE("af.org_id") ")"},
	{"region_id", FT_INT, "t.org_id IN (SELECT h.id FROM orgs h WHERE " REGION_SUBTREE("h.region_id") ")"},
	{"mode", FT_TEXT, "t.mode = ?"},
	{"from", FT_TIME, "t.ends_at >= ?"},
	{"to", FT_TIME, "t.starts_at < ?"},
};
const struct entity activity_entity = {
	E_ACTIVITY, "activities", "activities", activity_fields, NF(activity_fields),
	activity_filters, NF(activity_filters), 1, NULL, NULL, NULL};

static const struct field position_fields[] = {
	{"activity_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_ACTIVITY)},
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"headcount", NULL, FT_INT, FF_REQUIRED, NULL, 1, 100000, 0},
	{"required_skills", NULL, FT_LIST, 0, NULL, 0, 20, 0},
	{"required_course_ids", NULL, FT_JSON, 0, NULL, 0, 0, 0},
	{"risky", NULL, FT_BOOL, 0, NULL, 0, 0, 0},
	/* needs a background check (未成年人保护法 Art. 62) */
	{"works_with_minors", NULL, FT_BOOL, 0, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter position_filters[] = {
	{"activity_id", FT_INT, "t.activity_id = ?"},
};
const struct entity position_entity = {
	E_POSITION, "positions", "positions", position_fields, NF(position_fields),
	position_filters, NF(position_filters), 1, NULL, NULL, NULL};

static const struct field shift_fields[] = {
	{"activity_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_ACTIVITY)},
	{"position_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_POSITION)},
	{"starts_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"ends_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"capacity", NULL, FT_INT, 0, NULL, 1, 100000, 0},
	{"accepted", NULL, FT_INT, FF_VIRTUAL | FF_SERVER, NULL, 0, 0, 0},
	{"waitlisted", NULL, FT_INT, FF_VIRTUAL | FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter shift_filters[] = {
	{"activity_id", FT_INT, "t.activity_id = ?"},
	{"position_id", FT_INT, "t.position_id = ?"},
	{"from", FT_TIME, "t.ends_at >= ?"},
	{"to", FT_TIME, "t.starts_at < ?"},
};
const struct entity shift_entity = {
	E_SHIFT, "shifts", "shifts", shift_fields, NF(shift_fields),
	shift_filters, NF(shift_filters), 1, NULL, NULL, NULL};

/* ---- sign-ups and attendance ---- */
static const char *const signup_states[] = {"pending", "accepted", "waitlisted", "rejected", "cancelled", NULL};
static const struct field signup_fields[] = {
	{"shift_id", NULL, FT_INT, FF_SERVER, NULL, 1, 9e15, REF(E_SHIFT)},
	{"volunteer_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_VOLUNTEER)},
	{"status", NULL, FT_ENUM, FF_SERVER, signup_states, 0, 0, 0},
	{"note", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"decided_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"decided_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter signup_filters[] = {
	{"shift_id", FT_INT, "t.shift_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
#define SIGNUP_ACTIVITY "(SELECT sa.activity_id FROM shifts sa WHERE sa.id = t.shift_id)"
const struct entity signup_entity = {
	E_SIGNUP, "signups", "signups", signup_fields, NF(signup_fields),
	signup_filters, NF(signup_filters), 0,
	VOLUNTEER_IS_SELF("t.volunteer_id"), ACTIVITY_IN_ORG_SCOPE(SIGNUP_ACTIVITY),
	ACTIVITY_IN_REGION_SCOPE(SIGNUP_ACTIVITY)};

static const struct field attendance_fields[] = {
	{"signup_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_SIGNUP)},
	{"check_in_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"check_in_method", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"check_in_reason", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"check_in_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"check_out_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"check_out_method", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"check_out_reason", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"check_out_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"service_record_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter attendance_filters[] = {
	{"signup_id", FT_INT, "t.signup_id = ?"},
	{"shift_id", FT_INT, "t.signup_id IN (SELECT s1.id FROM signups s1 WHERE s1.shift_id = ?)"},
};
#define ATT_VOLUNTEER "(SELECT av.volunteer_id FROM signups av WHERE av.id = t.signup_id)"
#define ATT_ACTIVITY \
	"(SELECT sb.activity_id FROM shifts sb, signups sc WHERE sc.id = t.signup_id AND sb.id = sc.shift_id)"
const struct entity attendance_entity = {
	E_ATTENDANCE, "attendance", "attendance", attendance_fields, NF(attendance_fields),
	attendance_filters, NF(attendance_filters), 0,
	VOLUNTEER_IS_SELF(ATT_VOLUNTEER), ACTIVITY_IN_ORG_SCOPE(ATT_ACTIVITY), ACTIVITY_IN_REGION_SCOPE(ATT_ACTIVITY)};

/* ---- the service-hours ledger (民政部令第67号 Art. 5-10) ---- */
static const char *const record_states[] = {"recorded", "verified", "voided", NULL};
static const struct field record_fields[] = {
	{"volunteer_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_VOLUNTEER)},
	{"org_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_ORG)},
	{"activity_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_ACTIVITY)},
	{"signup_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"content", NULL, FT_TEXT, FF_REQUIRED | FF_FIXED, NULL, 1, 1000, 0},
	{"place", NULL, FT_TEXT, FF_FIXED, NULL, 0, 200, 0},
	{"starts_at", NULL, FT_TIME, FF_REQUIRED | FF_FIXED, NULL, 0, 0, 0},
	{"ends_at", NULL, FT_TIME, FF_REQUIRED | FF_FIXED, NULL, 0, 0, 0},
	{"minutes", NULL, FT_INT, FF_HIDDEN, NULL, 0, 0, 0},
	{"hours", NULL, FT_REAL, FF_VIRTUAL | FF_FIXED, NULL, 0.01, 1000, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, record_states, 0, 0, 0},
	{"person_in_charge", NULL, FT_TEXT, FF_FIXED, NULL, 0, 100, 0},
	{"people_served", NULL, FT_TEXT, FF_FIXED, NULL, 0, 500, 0},
	{"evaluation", NULL, FT_TEXT, FF_FIXED, NULL, 0, 1000, 0},
	{"recorder_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"verifier_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"verified_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"void_reason", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"voided_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"voided_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"replaces_id", NULL, FT_INT, FF_FIXED, NULL, 1, 9e15, REF(E_SERVICE_RECORD)},
	{"due_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"late", NULL, FT_BOOL, FF_SERVER, NULL, 0, 0, 0},
	{"year", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter record_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"activity_id", FT_INT, "t.activity_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
	{"year", FT_INT, "t.year = ?"},
};
const struct entity service_record_entity = {
	E_SERVICE_RECORD, "service-records", "service_records", record_fields, NF(record_fields),
	record_filters, NF(record_filters), 0,
	VOLUNTEER_IS_SELF("t.volunteer_id"), IN_ORG_SCOPE("t.org_id"), ORG_IN_REGION_SCOPE("t.org_id")};

/* ---- personalised plans (个性定制) ---- */
static const char *const plan_states[] = {"active", "closed", NULL};
static const char *const recurrences[] = {"once", "weekly", "monthly", "quarterly", NULL};
static const struct field plan_fields[] = {
	{"client_id", NULL, FT_INT, FF_REQUIRED | FF_FIXED, NULL, 1, 9e15, REF(E_CLIENT)},
	{"social_worker_id", NULL, FT_INT, 0, NULL, 1, 9e15, REF(E_SOCIAL_WORKER)},
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"starts_on", NULL, FT_DATE, FF_REQUIRED | FF_FIXED, NULL, 0, 0, 0},
	{"horizon_days", NULL, FT_INT, 0, NULL, 1, 366, 0},
	{"status", NULL, FT_ENUM, 0, plan_states, 0, 0, 0},
	{"activity_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"tasks", NULL, FT_JSON, FF_VIRTUAL, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"updated_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter plan_filters[] = {
	{"client_id", FT_INT, "t.client_id = ?"},
	{"social_worker_id", FT_INT, "t.social_worker_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
#define PLAN_CLIENT_ORG "(SELECT pc.org_id FROM clients pc WHERE pc.id = t.client_id)"
const struct entity plan_entity = {
	E_PLAN, "plans", "plans", plan_fields, NF(plan_fields), plan_filters, NF(plan_filters), 0,
	NULL, IN_ORG_SCOPE(PLAN_CLIENT_ORG), NULL};

static const struct field plan_task_fields[] = {
	{"plan_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"title", NULL, FT_TEXT, FF_REQUIRED, NULL, 1, 200, 0},
	{"recurrence", NULL, FT_ENUM, FF_REQUIRED, recurrences, 0, 0, 0},
	{"first_at", NULL, FT_TIME, FF_REQUIRED, NULL, 0, 0, 0},
	{"duration_minutes", NULL, FT_INT, FF_REQUIRED, NULL, 5, 24 * 60, 0},
	{"headcount", NULL, FT_INT, 0, NULL, 1, 100, 0},
	{"required_skills", NULL, FT_LIST, 0, NULL, 0, 20, 0},
	{"position_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"active", NULL, FT_BOOL, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter plan_task_filters[] = {
	{"plan_id", FT_INT, "t.plan_id = ?"},
	{"active", FT_INT, "t.active = ?"},
};
const struct entity plan_task_entity = {
	E_PLAN_TASK, "plan-tasks", "plan_tasks", plan_task_fields, NF(plan_task_fields), plan_task_filters,
	NF(plan_task_filters), 0, NULL,
	"t.plan_id IN (SELECT pt.id FROM plans pt WHERE " IN_ORG_SCOPE("(SELECT pk.org_id FROM clients pk WHERE pk.id = pt.client_id)") ")",
	NULL};

/* ---- the notification outbox; each user reads their own ---- */
static const char *const channels[] = {"inbox", "email", "sms", NULL};
/* queued: waiting for an outbound channel (an SMS to a person) */
static const char *const delivery_states[] = {"pending", "delivered", "failed", "queued", NULL};
static const struct field notification_fields[] = {
	{"user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"channel", NULL, FT_ENUM, FF_SERVER, channels, 0, 0, 0},
	{"kind", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"subject", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"body", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"ref_entity", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
	{"ref_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, delivery_states, 0, 0, 0},
	{"attempts", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"read_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	/* addressed to a person rather than a user (006: call-out SMS) */
	{"person_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter notification_filters[] = {
	{"kind", FT_TEXT, "t.kind = ?"},
	{"unread", FT_INT, "(? = 0 OR t.read_at IS NULL)"},
};
const struct entity notification_entity = {
	E_NOTIFICATION, "notifications", "notifications", notification_fields, NF(notification_fields),
	notification_filters, NF(notification_filters), 0, "t.user_id = ?11", NULL, NULL};

/* ---- matching (SPEC 3.12): batch proposals and the invitations they
 * become; a proposal is its author's, an invitation is seen by its
 * volunteer and by the staff of the shift's activity ---- */
static const char *const proposal_states[] = {"proposed", "applied", NULL};
static const struct field proposal_fields[] = {
	{"created_by_user_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"request", NULL, FT_JSON, FF_SERVER, NULL, 0, 0, 0},
	{"total_score", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"demand_slots", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"filled_slots", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"greedy_score", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"greedy_filled", NULL, FT_INT, FF_SERVER, NULL, 0, 0, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, proposal_states, 0, 0, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"applied_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
const struct entity proposal_entity = {
	E_MATCH_PROPOSAL, "match", "match_proposals", proposal_fields, NF(proposal_fields),
	NULL, 0, 0, "t.created_by_user_id = ?11", NULL, NULL};

static const struct field match_item_fields[] = {
	{"proposal_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_MATCH_PROPOSAL)},
	{"shift_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_SHIFT)},
	{"volunteer_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_VOLUNTEER)},
	{"distance_km", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"score", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"p_distance", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"p_skill_fit", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"p_continuity", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"p_fairness", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"p_preference", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"why", NULL, FT_TEXT, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter match_item_filters[] = {
	{"proposal_id", FT_INT, "t.proposal_id = ?"},
};
const struct entity match_item_entity = {
	E_MATCH_ITEM, "match-items", "match_items", match_item_fields, NF(match_item_fields),
	match_item_filters, NF(match_item_filters), 0, NULL, NULL, NULL};

static const char *const invitation_states[] = {"invited", "accepted", "declined", NULL};
static const struct field invitation_fields[] = {
	{"proposal_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_MATCH_PROPOSAL)},
	{"shift_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_SHIFT)},
	{"volunteer_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_VOLUNTEER)},
	{"score", NULL, FT_REAL, FF_SERVER, NULL, 0, 0, 0},
	{"status", NULL, FT_ENUM, FF_SERVER, invitation_states, 0, 0, 0},
	{"signup_id", NULL, FT_INT, FF_SERVER, NULL, 0, 0, REF(E_SIGNUP)},
	{"reason", NULL, FT_TEXT, 0, NULL, 0, 500, 0},
	{"created_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
	{"decided_at", NULL, FT_TIME, FF_SERVER, NULL, 0, 0, 0},
};
static const struct filter invitation_filters[] = {
	{"proposal_id", FT_INT, "t.proposal_id = ?"},
	{"shift_id", FT_INT, "t.shift_id = ?"},
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"status", FT_TEXT, "t.status = ?"},
};
const struct entity invitation_entity = {
	E_INVITATION, "invitations", "invitations", invitation_fields, NF(invitation_fields),
	invitation_filters, NF(invitation_filters), 0,
	VOLUNTEER_IS_SELF("t.volunteer_id"), ACTIVITY_IN_ORG_SCOPE(SIGNUP_ACTIVITY),
	ACTIVITY_IN_REGION_SCOPE(SIGNUP_ACTIVITY)};
