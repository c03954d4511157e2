/* entity.h - each stored entity described once, as a table of fields.
 *
 * One generic decoder (JSON -> record), encoder (record -> JSON), validator
 * and statement builder serve every entity from these descriptors; only the
 * rules that are truly particular live in service/. A new field is one line
 * in model/entities.c. The descriptors are static: SQL derived from them is
 * derived from compile-time text, never from input. */
#ifndef LD_MODEL_ENTITY_H
#define LD_MODEL_ENTITY_H

#include <stddef.h>
#include <stdint.h>

enum ftype {
	FT_INT,		/* int64; ids and references too */
	FT_REAL,	/* double */
	FT_TEXT,	/* UTF-8 string; min/max bound its length in characters */
	FT_ENUM,	/* one of field.enums */
	FT_BOOL,	/* stored 0/1 */
	FT_DATE,	/* "YYYY-MM-DD" */
	FT_TIME,	/* stored unix seconds, ISO 8601 with offset in JSON */
	FT_LIST,	/* array of strings, stored as JSON text */
	FT_JSON,	/* any JSON, stored as JSON text (audit snapshots) */
	FT_IDS,		/* array of positive integer ids, as JSON text; min/max bound the count */
};

#define FF_REQUIRED	0x01	/* must be given (non-null) on create */
#define FF_SERVER	0x02	/* set by the server only: in input -> read_only */
#define FF_FIXED	0x04	/* may be given on create, not changed later */
#define FF_HIDDEN	0x08	/* stored, never in JSON; in input -> unknown */
#define FF_VIRTUAL	0x10	/* in JSON only; service maps it to columns */
#define FF_PII		0x20	/* personal identifier: masked in audit */
#define FF_WRITEONLY	0x40	/* accepted in input, never written out (passwords) */
#define FF_CREATED	0x80	/* stamped with the time of the create */
#define FF_UPDATED	0x100	/* stamped with the time of every write */

enum entity_id {
	E_REGION,
	E_ORG,
	E_ORG_LINK,
	E_PERSON,
	E_SOCIAL_WORKER,
	E_VOLUNTEER,
	E_STAGE_EVENT,
	E_USER,
	E_AUDIT,
	/* training, activities, attendance, ledger (entities_service.c) */
	E_COURSE,
	E_COURSE_SESSION,
	E_SESSION_ATTENDANCE,
	E_COMPLETION,
	E_ACTIVITY,
	E_POSITION,
	E_SHIFT,
	E_SIGNUP,
	E_ATTENDANCE,
	E_SERVICE_RECORD,
	E_SERVICE_MENU,
	E_NEED,
	E_NEED_EVENT,
	E_CLIENT,
	E_CLIENT_STAGE_EVENT,
	E_MANDATORY_REPORT,
	E_CASE_NOTE,
	/* personalised plans (entities_service.c) */
	E_PLAN,
	E_PLAN_TASK,
	E_NOTIFICATION,
	/* matching (entities_service.c) */
	E_MATCH_PROPOSAL,
	E_MATCH_ITEM,
	E_INVITATION,
	/* emergency mobilisation (entities_emergency.c) */
	E_EMERGENCY,
	E_CALLOUT,
	E_EMERGENCY_EVENT,
	E_EMERGENCY_REPORT,
	/* import jobs (entities_import.c) */
	E_IMPORT,
	/* certificates of service hours (entities_cert.c) */
	E_CERTIFICATE,
	/* corrections, awards and evaluations (entities_records.c) */
	E_RECORD_CORRECTION,
	E_VOLUNTEER_HONOR,
	/* funds and donations (entities_funds.c, issue 14) */
	E_FUND,
	E_DONATION,
	E_PERSON_RELATION,
	E_SEMESTER_RUN,
	/* the linkage itself (entities_linkage.c, issue 15) */
	E_SUPERVISION_SESSION,
	/* councils (entities_council.c, issue 15) */
	E_COUNCIL,
	E_COUNCIL_MEMBER,
	E_COUNCIL_MEETING,
	E_COUNCIL_ISSUE,
	E_RESOLUTION,
	/* volunteer and resident voice (entities_voice.c, issue 15 item 5) */
	E_SHIFT_FEEDBACK,
	E_NEED_RATING,
	E_SURVEY,
	/* service projects (entities_project.c, issue 16) */
	E_PROJECT,
	E_INDICATOR,
	E_INDICATOR_REPORT,
	E_PROJECT_EVALUATOR,
	E_EVALUATION,
	E_PROJECT_EXPENSE,
	E__COUNT,
	/* bodies of action endpoints: decoded by the codec, never stored */
	E_NEED_MOVE = E__COUNT,
	E_CASE_MOVE,
	E_REPORT_FILE,
	E_EMERGENCY_ASSESS,
	E_EMERGENCY_MOBILIZE,
	E_EMERGENCY_ACK,
	E_EMERGENCY_CLOSE,
	E_MATCH_REQUEST,
	/* a day of the holiday calendar (PUT /calendar/{date}; table
	 * calendar_days, read and written by store/calendar_store.c) */
	E_CALENDAR_DAY,
	E_RECORD_VERIFY,
	E_CORRECTION_RESOLVE,
	E_PERSON_REVEAL,	/* POST /people/{id}/reveal (issue 13) */
	E_QUALIFICATION_RULE,	/* PUT /qualification-rules/{work} (issue 15) */
	E_SURVEY_QUESTION,	/* an item of a survey's questions (issue 15) */
	E_SURVEY_ANSWERS,	/* POST /surveys/{id}/answers (issue 15) */
	E_BUDGET_LINE,		/* an item of a project's budget (issue 16) */
	E_EVAL_SCORE,		/* an item of an evaluation's scores (issue 16) */
};

struct field {
	const char *name;		/* JSON name */
	const char *col;		/* column, NULL = same as name */
	enum ftype type;
	unsigned flags;
	const char *const *enums;	/* FT_ENUM: NULL-terminated names */
	double min, max;		/* numbers: range; text: length; list: items */
	int ref;			/* FT_INT reference: entity_id + 1, 0 = none */
};

/* A list filter: query parameter `param`; `sql` is an expression in which
 * every `?` stands for the parameter's value. It is applied only when the
 * parameter is given. An FT_DATE filter takes "YYYY-MM-DD" (another value
 * is 422 naming it) and binds the local midnight starting that day. */
struct filter {
	const char *param;
	enum ftype type;
	const char *sql;
};

/* Read scope. Statements bind these parameters for every read:
 *   ?1 caller sees everything (0/1)
 *   ?2..?5 org path patterns of the caller's org-bound roles ('/1/4/%')
 *   ?6..?9 region path patterns of the caller's region-bound roles
 *   ?10 caller's person id, ?11 caller's user id
 * The three expressions say whether a row (alias t) is the caller's own, in
 * the caller's org scope, or in its region scope; NULL means never. */
struct entity {
	enum entity_id id;
	const char *name;		/* resource name: "people", "social-workers" */
	const char *table;
	const struct field *fields;
	int nfields;
	const struct filter *filters;
	int nfilters;
	int public_read;		/* every signed-in user reads every row */
	int own_only;			/* only the rows scope_self names, whatever the
					 * caller's roles (platform admins too) */
	int newest_first;		/* list by id descending; the cursor is the
					 * last id given, the next page below it */
	/* The filters (by param) that bound a range from below and from
	 * above (issue 18): a list bounded on the far side of its order (the
	 * high bound, newest first) is read by a statement of its own in which
	 * they are plain comparisons an index on the column answers (an unset
	 * one at its end of the range), where the statement for the other
	 * lists wraps every filter in "? IS NULL OR" and walks the ids. */
	const char *range_low, *range_high;
	const char *scope_self;
	const char *scope_org;
	const char *scope_region;
};

#define REC_MAXF 32
/* The most list filters an entity has, so an array of filter values of this
 * size holds any entity's (tests/unit/test_model.c checks every entity). */
#define ENTITY_MAX_FILTERS 16

/* One value of a record. Strings belong to the request's arena. */
struct val {
	unsigned char set;	/* given (input) or read (store) */
	unsigned char null;
	int64_t i;
	double r;
	const char *s;
};

struct rec {
	const struct entity *e;
	int64_t id;
	struct val v[REC_MAXF];
	/* read scope flags computed by the store for the caller */
	unsigned char vis_self, vis_org, vis_region;
};

extern const struct entity *const entities[E__COUNT];
extern const struct entity region_entity, org_entity, org_link_entity, person_entity, sw_entity, vol_entity,
	stage_event_entity, user_entity, audit_entity;
extern const struct entity plan_entity, plan_task_entity, notification_entity, proposal_entity, match_item_entity,
	invitation_entity;
/* The body of POST /match (model/entities_service.c), decoded by the codec,
 * never stored (id after E__COUNT, no table). */
extern const struct entity match_request_body;
extern const struct entity course_entity, course_session_entity, session_attendance_entity, completion_entity,
	activity_entity, position_entity, shift_entity, signup_entity, attendance_entity, service_record_entity;
/* Service delivery (model/entities_care.c): service menus, needs and their
 * history, clients with their case stages, mandatory reports, case notes. */
extern const struct entity service_menu_entity, need_entity, need_event_entity, client_entity,
	client_stage_event_entity, mandatory_report_entity, case_note_entity;
/* Bodies of action endpoints, decoded by the same codec but never stored
 * (id E__COUNT, no table): POST /needs/{id}/status, /clients/{id}/stage,
 * /mandatory-reports/{id}/file. */
extern const struct entity need_move_body, case_move_body, report_file_body;

/* Emergency mobilisation (model/entities_emergency.c): incidents, their
 * call-outs, timeline and volunteers' reports; bodies of POST
 * /emergencies/{id}/assess, /mobilize, /acks, /close. */
extern const struct entity emergency_entity, callout_entity, emergency_event_entity, emergency_report_entity;
extern const struct entity emergency_assess_body, emergency_mobilize_body, emergency_ack_body,
	emergency_close_body;
/* Import jobs (model/entities_import.c). */
extern const struct entity import_entity;
/* A day of the holiday calendar (model/entities_service.c): the body of PUT
 * /calendar/{date} and the audit's snapshot of a day. */
extern const struct entity calendar_day_body;
extern const struct entity qualification_rule_body;
/* Certificates of service hours (model/entities_cert.c). */
extern const struct entity certificate_entity;
/* Corrections of service records, volunteers' awards and evaluations, and
 * the bodies of POST /service-records/{id}/verify and
 * /corrections/{id}/resolve (model/entities_records.c). */
extern const struct entity record_correction_entity, volunteer_honor_entity, record_verify_body,
	correction_resolve_body;
extern const struct entity person_reveal_body;
/* Funds and donations (model/entities_funds.c). */
extern const struct entity fund_entity, donation_entity, person_relation_entity, semester_run_entity;
/* The linkage itself (model/entities_linkage.c). */
extern const struct entity supervision_session_entity;
/* Councils (model/entities_council.c). */
extern const struct entity council_entity, council_member_entity, council_meeting_entity, council_issue_entity,
	resolution_entity;
/* Volunteer and resident voice (model/entities_voice.c): shift feedback,
 * ratings of needs, surveys; a survey question and the answers' body. */
extern const struct entity shift_feedback_entity, need_rating_entity, survey_entity, survey_question_body,
	survey_answers_body;
/* Service projects (model/entities_project.c): projects, indicators and
 * their reports, evaluators, evaluations, expenses; a budget line and an
 * evaluation's score as bodies. */
extern const struct entity project_entity, indicator_entity, indicator_report_entity, project_evaluator_entity,
	evaluation_entity, project_expense_entity, budget_line_body, eval_score_body;

const struct entity *entity_get(enum entity_id id);
/* Index of the field named `name`, or -1: for the codec, which meets field
 * names in JSON; code names a field by its key. */
int entity_field(const struct entity *e, const char *name);
/* Index of the list filter whose query parameter is `param`, or -1: for
 * services that list with a filter by name (issue 13). */
int entity_filter(const struct entity *e, const char *param);
/* -1 if filter i bounds e's range from below (range_low), 1 from above
 * (range_high), 0 otherwise. */
int entity_filter_range(const struct entity *e, int i);
/* Set e's filter `param` to the integer v in f[0..e->nfilters); aborts when
 * e has no such filter (a broken invariant: a query would silently widen). */
void entity_filter_int(const struct entity *e, struct val *f, const char *param, int64_t v);
/* The column of field i. */
const char *field_col(const struct field *f);
/* 1 if field i is a column (not virtual). */
int field_stored(const struct field *f);

void rec_init(struct rec *r, const struct entity *e);

/* Typed field keys.
 *
 * Each entity's fields are one X-macro list in model/fields_*.h, one line a
 * field: F(KEY, json_name, type, flags, named descriptor members...). The
 * list makes both the descriptor table (FIELD_DESC, in model/entities*.c)
 * and an enum of keys (FIELD_KEYS), so code names a field as
 * rec_int(&shift, SHIFT_POSITION_ID, 0): a misspelt key does not compile, and
 * an access costs an array index instead of a search by name.
 *
 * A key carries its entity: key = entity id * 256 + field index. The
 * accessors check that the key belongs to the record's entity, so a key of
 * another entity (a shift key on a person record) aborts at its first run
 * like any broken invariant, instead of reading a wrong column. */
#define FIELD_BASE(e) ((int)(e) * 256 - 1)
#define FIELD_IDX(k) ((k) & 255)
#define FIELD_ENTITY(k) ((k) >> 8)
#define FIELD_KEY_ENUM(key, ...) key,
#define FIELD_KEYS(P, ent)                                                 \
	enum { P##__BASE = FIELD_BASE(ent), P##_FIELDS(FIELD_KEY_ENUM) P##__END }; \
	_Static_assert(P##__END - P##__BASE - 1 <= REC_MAXF, #P " has more fields than a record holds");
/* One descriptor of a FIELDS list, at its key's index. */
#define FIELD_DESC(key, nm, ty, fl, ...) [FIELD_IDX(key)] = {.name = #nm, .type = ty, .flags = fl, __VA_ARGS__},

#define REF(e) ((e) + 1)

#include "model/fields_core.h"
#include "model/fields_service.h"
#include "model/fields_care.h"
#include "model/fields_emergency.h"
#include "model/fields_import.h"
#include "model/fields_cert.h"
#include "model/fields_records.h"
#include "model/fields_funds.h"
#include "model/fields_linkage.h"
#include "model/fields_council.h"
#include "model/fields_voice.h"
#include "model/fields_project.h"

/* Aborts: key k is not a field of entity e (a bug). */
void field_key_bug(const struct entity *e, int k) __attribute__((noreturn));

static inline int rec_idx(const struct rec *r, int k)
{
	if (__builtin_expect(FIELD_ENTITY(k) != (int)r->e->id, 0))
		field_key_bug(r->e, k);
	return FIELD_IDX(k);
}

/* Accessors by key. */
static inline struct val *rec_val(struct rec *r, int k)
{
	return &r->v[rec_idx(r, k)];
}
static inline const struct val *rec_cval(const struct rec *r, int k)
{
	return &r->v[rec_idx(r, k)];
}
static inline void rec_set_int(struct rec *r, int k, int64_t v)
{
	*rec_val(r, k) = (struct val){.set = 1, .i = v};
}
static inline void rec_set_real(struct rec *r, int k, double v)
{
	*rec_val(r, k) = (struct val){.set = 1, .r = v};
}
/* NULL s stores null. */
static inline void rec_set_text(struct rec *r, int k, const char *s)
{
	*rec_val(r, k) = s ? (struct val){.set = 1, .s = s} : (struct val){.set = 1, .null = 1};
}
static inline void rec_set_null(struct rec *r, int k)
{
	*rec_val(r, k) = (struct val){.set = 1, .null = 1};
}
/* Set and not null. */
static inline int rec_has(const struct rec *r, int k)
{
	const struct val *x = rec_cval(r, k);
	return x->set && !x->null;
}
/* The value, or dflt when unset or null. */
static inline int64_t rec_int(const struct rec *r, int k, int64_t dflt)
{
	const struct val *x = rec_cval(r, k);
	return x->set && !x->null ? x->i : dflt;
}
static inline double rec_real(const struct rec *r, int k, double dflt)
{
	const struct val *x = rec_cval(r, k);
	return x->set && !x->null ? x->r : dflt;
}
/* NULL if unset or null. */
static inline const char *rec_text(const struct rec *r, int k)
{
	const struct val *x = rec_cval(r, k);
	return x->set && !x->null ? x->s : NULL;
}

/* A role binding as given in or written to a user's "roles" array. */
struct role_in {
	const char *role;
	int64_t org_id, region_id;	/* 0 = none */
};

/* The caller's read scope, bound as the parameters of every read (see
 * struct entity above). Built by the service from the caller's role
 * bindings; the store only binds it. */
#define SCOPE_SLOTS 4
struct scope {
	int all;
	const char *org_paths[SCOPE_SLOTS];	/* "/1/4/" prefixes, NULL = unused */
	const char *region_paths[SCOPE_SLOTS];
	int64_t self_person_id;			/* 0 = none */
	int64_t self_user_id;
};

/* A role binding with the path of what it is bound to (as read back). */
struct role_row {
	const char *role;
	int64_t org_id, region_id;	/* 0 = none */
	const char *path;		/* org path or region path; NULL if unbound */
	const char *org_region_path;	/* for org bindings: the org's region path */
};

#endif
