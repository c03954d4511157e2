/* fields_service.h - the fields of the entities described in model/entities_service.c, as X-macro
 * lists (see entity.h: FIELD_KEYS makes each list an enum of typed keys,
 * FIELD_DESC its descriptor table). One line a field:
 *  F(KEY, json_name, type, flags, named descriptor members...) */
#ifndef LD_MODEL_FIELDS_SERVICE_H
#define LD_MODEL_FIELDS_SERVICE_H

#define COURSE_FIELDS(F) \
	F(COURSE_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(COURSE_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = course_kinds) \
	F(COURSE_HOURS, hours, FT_REAL, FF_REQUIRED, .min = 0.5, .max = 1000) \
	F(COURSE_ORG_ID, org_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(COURSE_DESCRIPTION, description, FT_TEXT, 0, .max = 2000) \
	F(COURSE_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(COURSE, E_COURSE)

#define COURSE_SESSION_FIELDS(F) \
	F(COURSE_SESSION_COURSE_ID, course_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COURSE)) \
	F(COURSE_SESSION_STARTS_AT, starts_at, FT_TIME, FF_REQUIRED) \
	F(COURSE_SESSION_ENDS_AT, ends_at, FT_TIME, FF_REQUIRED) \
	F(COURSE_SESSION_PLACE, place, FT_TEXT, 0, .max = 200) \
	F(COURSE_SESSION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(COURSE_SESSION, E_COURSE_SESSION)

#define SESSION_ATTENDANCE_FIELDS(F) \
	F(SESSION_ATTENDANCE_SESSION_ID, session_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_COURSE_SESSION)) \
	F(SESSION_ATTENDANCE_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(SESSION_ATTENDANCE_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(SESSION_ATTENDANCE_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(SESSION_ATTENDANCE, E_SESSION_ATTENDANCE)

#define COMPLETION_FIELDS(F) \
	F(COMPLETION_COURSE_ID, course_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_COURSE)) \
	F(COMPLETION_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(COMPLETION_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(COMPLETION_COMPLETED_AT, completed_at, FT_TIME, FF_SERVER)
FIELD_KEYS(COMPLETION, E_COMPLETION)

#define ACTIVITY_FIELDS(F) \
	F(ACTIVITY_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(ACTIVITY_MODE, mode, FT_ENUM, FF_REQUIRED, .enums = modes) \
	F(ACTIVITY_ORG_ID, org_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(ACTIVITY_ORG_IDS, org_ids, FT_JSON, FF_VIRTUAL | FF_REQUIRED) \
	F(ACTIVITY_LEAD_SOCIAL_WORKER_ID, lead_social_worker_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(ACTIVITY_PLACE, place, FT_TEXT, 0, .max = 200) \
	F(ACTIVITY_LAT, lat, FT_REAL, 0, .min = -90, .max = 90) \
	F(ACTIVITY_LON, lon, FT_REAL, 0, .min = -180, .max = 180) \
	F(ACTIVITY_STARTS_AT, starts_at, FT_TIME, FF_REQUIRED) \
	F(ACTIVITY_ENDS_AT, ends_at, FT_TIME, FF_REQUIRED) \
	F(ACTIVITY_SIGN_UP, sign_up, FT_ENUM, FF_REQUIRED, .enums = sign_up_kinds) \
	F(ACTIVITY_RISK_NOTE, risk_note, FT_TEXT, 0, .max = 1000) \
	F(ACTIVITY_INSURANCE_REQUIRED, insurance_required, FT_BOOL, 0) \
	F(ACTIVITY_DESCRIPTION, description, FT_TEXT, 0, .max = 4000) \
	F(ACTIVITY_ROLES, roles, FT_JSON, FF_VIRTUAL | FF_SERVER) \
	F(ACTIVITY_POSITIONS, positions, FT_JSON, FF_VIRTUAL) \
	/* the council resolution it came from (issue 15) */ \
	F(ACTIVITY_RESOLUTION_ID, resolution_id, FT_INT, FF_SERVER) \
	/* the service project it belongs to (issue 16) */ \
	F(ACTIVITY_PROJECT_ID, project_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_PROJECT)) \
	F(ACTIVITY_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(ACTIVITY_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(ACTIVITY, E_ACTIVITY)

#define POSITION_FIELDS(F) \
	F(POSITION_ACTIVITY_ID, activity_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ACTIVITY)) \
	F(POSITION_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(POSITION_HEADCOUNT, headcount, FT_INT, FF_REQUIRED, .min = 1, .max = 100000) \
	F(POSITION_REQUIRED_SKILLS, required_skills, FT_LIST, 0, .max = 20) \
	F(POSITION_REQUIRED_COURSE_IDS, required_course_ids, FT_JSON, 0) \
	F(POSITION_RISKY, risky, FT_BOOL, 0) \
	/* needs a background check (未成年人保护法 Art. 62) */ \
	F(POSITION_WORKS_WITH_MINORS, works_with_minors, FT_BOOL, 0) \
	F(POSITION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(POSITION, E_POSITION)

#define SHIFT_FIELDS(F) \
	F(SHIFT_ACTIVITY_ID, activity_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_ACTIVITY)) \
	F(SHIFT_POSITION_ID, position_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_POSITION)) \
	F(SHIFT_STARTS_AT, starts_at, FT_TIME, FF_REQUIRED) \
	F(SHIFT_ENDS_AT, ends_at, FT_TIME, FF_REQUIRED) \
	F(SHIFT_CAPACITY, capacity, FT_INT, 0, .min = 1, .max = 100000) \
	F(SHIFT_ACCEPTED, accepted, FT_INT, FF_VIRTUAL | FF_SERVER) \
	F(SHIFT_WAITLISTED, waitlisted, FT_INT, FF_VIRTUAL | FF_SERVER) \
	F(SHIFT_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(SHIFT, E_SHIFT)

#define SIGNUP_FIELDS(F) \
	F(SIGNUP_SHIFT_ID, shift_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_SHIFT)) \
	F(SIGNUP_VOLUNTEER_ID, volunteer_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_VOLUNTEER)) \
	F(SIGNUP_STATUS, status, FT_ENUM, FF_SERVER, .enums = signup_states) \
	F(SIGNUP_NOTE, note, FT_TEXT, 0, .max = 500) \
	F(SIGNUP_DECIDED_BY_USER_ID, decided_by_user_id, FT_INT, FF_SERVER) \
	F(SIGNUP_DECIDED_AT, decided_at, FT_TIME, FF_SERVER) \
	F(SIGNUP_DECISION_NOTE, decision_note, FT_TEXT, FF_SERVER, .max = 500) \
	F(SIGNUP_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(SIGNUP_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(SIGNUP, E_SIGNUP)

#define ATTENDANCE_FIELDS(F) \
	F(ATTENDANCE_SIGNUP_ID, signup_id, FT_INT, FF_SERVER, .ref = REF(E_SIGNUP)) \
	F(ATTENDANCE_CHECK_IN_AT, check_in_at, FT_TIME, FF_SERVER) \
	F(ATTENDANCE_CHECK_IN_METHOD, check_in_method, FT_TEXT, FF_SERVER) \
	F(ATTENDANCE_CHECK_IN_REASON, check_in_reason, FT_TEXT, FF_SERVER) \
	F(ATTENDANCE_CHECK_IN_BY_USER_ID, check_in_by_user_id, FT_INT, FF_SERVER) \
	F(ATTENDANCE_CHECK_OUT_AT, check_out_at, FT_TIME, FF_SERVER) \
	F(ATTENDANCE_CHECK_OUT_METHOD, check_out_method, FT_TEXT, FF_SERVER) \
	F(ATTENDANCE_CHECK_OUT_REASON, check_out_reason, FT_TEXT, FF_SERVER) \
	F(ATTENDANCE_CHECK_OUT_BY_USER_ID, check_out_by_user_id, FT_INT, FF_SERVER) \
	F(ATTENDANCE_SERVICE_RECORD_ID, service_record_id, FT_INT, FF_SERVER)
FIELD_KEYS(ATTENDANCE, E_ATTENDANCE)

#define SERVICE_RECORD_FIELDS(F) \
	F(SERVICE_RECORD_VOLUNTEER_ID, volunteer_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_VOLUNTEER)) \
	F(SERVICE_RECORD_ORG_ID, org_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(SERVICE_RECORD_ACTIVITY_ID, activity_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ACTIVITY)) \
	F(SERVICE_RECORD_SIGNUP_ID, signup_id, FT_INT, FF_SERVER) \
	F(SERVICE_RECORD_CONTENT, content, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 1000) \
	F(SERVICE_RECORD_PLACE, place, FT_TEXT, FF_FIXED, .max = 200) \
	F(SERVICE_RECORD_STARTS_AT, starts_at, FT_TIME, FF_REQUIRED | FF_FIXED) \
	F(SERVICE_RECORD_ENDS_AT, ends_at, FT_TIME, FF_REQUIRED | FF_FIXED) \
	F(SERVICE_RECORD_MINUTES, minutes, FT_INT, FF_HIDDEN) \
	F(SERVICE_RECORD_HOURS, hours, FT_REAL, FF_VIRTUAL | FF_FIXED, .min = 0.01, .max = 1000) \
	F(SERVICE_RECORD_STATUS, status, FT_ENUM, FF_SERVER, .enums = record_states) \
	F(SERVICE_RECORD_PERSON_IN_CHARGE, person_in_charge, FT_TEXT, FF_FIXED, .max = 100) \
	F(SERVICE_RECORD_PEOPLE_SERVED, people_served, FT_TEXT, FF_FIXED, .max = 500) \
	F(SERVICE_RECORD_EVALUATION, evaluation, FT_TEXT, FF_FIXED, .max = 1000) \
	F(SERVICE_RECORD_RECORDER_USER_ID, recorder_user_id, FT_INT, FF_SERVER) \
	F(SERVICE_RECORD_VERIFIER_USER_ID, verifier_user_id, FT_INT, FF_SERVER) \
	F(SERVICE_RECORD_VERIFIED_AT, verified_at, FT_TIME, FF_SERVER) \
	F(SERVICE_RECORD_VOID_REASON, void_reason, FT_TEXT, FF_SERVER) \
	F(SERVICE_RECORD_VOIDED_BY_USER_ID, voided_by_user_id, FT_INT, FF_SERVER) \
	F(SERVICE_RECORD_VOIDED_AT, voided_at, FT_TIME, FF_SERVER) \
	F(SERVICE_RECORD_REPLACES_ID, replaces_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_SERVICE_RECORD)) \
	F(SERVICE_RECORD_DUE_AT, due_at, FT_TIME, FF_SERVER) \
	F(SERVICE_RECORD_LATE, late, FT_BOOL, FF_SERVER) \
	F(SERVICE_RECORD_YEAR, year, FT_INT, FF_SERVER) \
	F(SERVICE_RECORD_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	/* 010: flags for the verifier and the recorder's name (issue 12) */ \
	F(SERVICE_RECORD_OUTSIDE_WINDOW, outside_window, FT_BOOL, FF_SERVER) \
	F(SERVICE_RECORD_MANUAL, manual, FT_BOOL, FF_SERVER) \
	F(SERVICE_RECORD_EXTENDED, extended, FT_BOOL, FF_SERVER) \
	F(SERVICE_RECORD_EXTENSION_REASON, extension_reason, FT_TEXT, FF_SERVER) \
	F(SERVICE_RECORD_RECORDER_NAME, recorder_name, FT_TEXT, FF_SERVER)
FIELD_KEYS(SERVICE_RECORD, E_SERVICE_RECORD)

#define PLAN_FIELDS(F) \
	F(PLAN_CLIENT_ID, client_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_CLIENT)) \
	F(PLAN_SOCIAL_WORKER_ID, social_worker_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(PLAN_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(PLAN_STARTS_ON, starts_on, FT_DATE, FF_REQUIRED | FF_FIXED) \
	F(PLAN_HORIZON_DAYS, horizon_days, FT_INT, 0, .min = 1, .max = 366) \
	F(PLAN_STATUS, status, FT_ENUM, 0, .enums = plan_states) \
	F(PLAN_ACTIVITY_ID, activity_id, FT_INT, FF_SERVER) \
	F(PLAN_TASKS, tasks, FT_JSON, FF_VIRTUAL) \
	/* the service project it belongs to (issue 16) */ \
	F(PLAN_PROJECT_ID, project_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_PROJECT)) \
	F(PLAN_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(PLAN_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(PLAN, E_PLAN)

#define PLAN_TASK_FIELDS(F) \
	F(PLAN_TASK_PLAN_ID, plan_id, FT_INT, FF_SERVER) \
	F(PLAN_TASK_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(PLAN_TASK_RECURRENCE, recurrence, FT_ENUM, FF_REQUIRED, .enums = recurrences) \
	F(PLAN_TASK_FIRST_AT, first_at, FT_TIME, FF_REQUIRED) \
	F(PLAN_TASK_DURATION_MINUTES, duration_minutes, FT_INT, FF_REQUIRED, .min = 5, .max = 24 * 60) \
	F(PLAN_TASK_HEADCOUNT, headcount, FT_INT, 0, .min = 1, .max = 100) \
	F(PLAN_TASK_REQUIRED_SKILLS, required_skills, FT_LIST, 0, .max = 20) \
	F(PLAN_TASK_POSITION_ID, position_id, FT_INT, FF_SERVER) \
	F(PLAN_TASK_ACTIVE, active, FT_BOOL, FF_SERVER) \
	F(PLAN_TASK_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(PLAN_TASK, E_PLAN_TASK)

#define NOTIFICATION_FIELDS(F) \
	F(NOTIFICATION_USER_ID, user_id, FT_INT, FF_SERVER) \
	F(NOTIFICATION_CHANNEL, channel, FT_ENUM, FF_SERVER, .enums = channels) \
	F(NOTIFICATION_KIND, kind, FT_TEXT, FF_SERVER) \
	F(NOTIFICATION_SUBJECT, subject, FT_TEXT, FF_SERVER) \
	F(NOTIFICATION_BODY, body, FT_TEXT, FF_SERVER) \
	F(NOTIFICATION_REF_ENTITY, ref_entity, FT_TEXT, FF_SERVER) \
	F(NOTIFICATION_REF_ID, ref_id, FT_INT, FF_SERVER) \
	F(NOTIFICATION_STATUS, status, FT_ENUM, FF_SERVER, .enums = delivery_states) \
	F(NOTIFICATION_ATTEMPTS, attempts, FT_INT, FF_SERVER) \
	F(NOTIFICATION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(NOTIFICATION_READ_AT, read_at, FT_TIME, FF_SERVER) \
	/* addressed to a person rather than a user (006: call-out SMS) */ \
	F(NOTIFICATION_PERSON_ID, person_id, FT_INT, FF_SERVER)
FIELD_KEYS(NOTIFICATION, E_NOTIFICATION)

#define MATCH_PROPOSAL_FIELDS(F) \
	F(MATCH_PROPOSAL_CREATED_BY_USER_ID, created_by_user_id, FT_INT, FF_SERVER) \
	F(MATCH_PROPOSAL_REQUEST, request, FT_JSON, FF_SERVER) \
	F(MATCH_PROPOSAL_TOTAL_SCORE, total_score, FT_REAL, FF_SERVER) \
	F(MATCH_PROPOSAL_DEMAND_SLOTS, demand_slots, FT_INT, FF_SERVER) \
	F(MATCH_PROPOSAL_FILLED_SLOTS, filled_slots, FT_INT, FF_SERVER) \
	F(MATCH_PROPOSAL_GREEDY_SCORE, greedy_score, FT_REAL, FF_SERVER) \
	F(MATCH_PROPOSAL_GREEDY_FILLED, greedy_filled, FT_INT, FF_SERVER) \
	F(MATCH_PROPOSAL_STATUS, status, FT_ENUM, FF_SERVER, .enums = proposal_states) \
	F(MATCH_PROPOSAL_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(MATCH_PROPOSAL_APPLIED_AT, applied_at, FT_TIME, FF_SERVER)
FIELD_KEYS(MATCH_PROPOSAL, E_MATCH_PROPOSAL)

#define MATCH_ITEM_FIELDS(F) \
	F(MATCH_ITEM_PROPOSAL_ID, proposal_id, FT_INT, FF_SERVER, .ref = REF(E_MATCH_PROPOSAL)) \
	F(MATCH_ITEM_SHIFT_ID, shift_id, FT_INT, FF_SERVER, .ref = REF(E_SHIFT)) \
	F(MATCH_ITEM_VOLUNTEER_ID, volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(MATCH_ITEM_DISTANCE_KM, distance_km, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_SCORE, score, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_P_DISTANCE, p_distance, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_P_SKILL_FIT, p_skill_fit, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_P_CONTINUITY, p_continuity, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_P_FAIRNESS, p_fairness, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_P_PREFERENCE, p_preference, FT_REAL, FF_SERVER) \
	F(MATCH_ITEM_WHY, why, FT_TEXT, FF_SERVER)
FIELD_KEYS(MATCH_ITEM, E_MATCH_ITEM)

#define INVITATION_FIELDS(F) \
	F(INVITATION_PROPOSAL_ID, proposal_id, FT_INT, FF_SERVER, .ref = REF(E_MATCH_PROPOSAL)) \
	F(INVITATION_SHIFT_ID, shift_id, FT_INT, FF_SERVER, .ref = REF(E_SHIFT)) \
	F(INVITATION_VOLUNTEER_ID, volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(INVITATION_SCORE, score, FT_REAL, FF_SERVER) \
	F(INVITATION_STATUS, status, FT_ENUM, FF_SERVER, .enums = invitation_states) \
	F(INVITATION_SIGNUP_ID, signup_id, FT_INT, FF_SERVER, .ref = REF(E_SIGNUP)) \
	F(INVITATION_REASON, reason, FT_TEXT, 0, .max = REASON_MAX) \
	F(INVITATION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(INVITATION_DECIDED_AT, decided_at, FT_TIME, FF_SERVER)
FIELD_KEYS(INVITATION, E_INVITATION)

/* the body of POST /match: exactly one of shift_ids, activity_id, or
 * region_id with from and to (which go together is the handler's check) */
#define MATCH_REQUEST_FIELDS(F) \
	F(MATCH_REQUEST_SHIFT_IDS, shift_ids, FT_IDS, 0, .min = 1, .max = MATCH_MAX_SHIFTS) \
	F(MATCH_REQUEST_ACTIVITY_ID, activity_id, FT_INT, 0, .min = 1, .max = 9e15) \
	F(MATCH_REQUEST_REGION_ID, region_id, FT_INT, 0, .min = 1, .max = 9e15) \
	F(MATCH_REQUEST_FROM, from, FT_TIME, 0) \
	F(MATCH_REQUEST_TO, to, FT_TIME, 0) \
	F(MATCH_REQUEST_RADIUS_KM, radius_km, FT_REAL, 0, .min = 0, .max = MATCH_RADIUS_MAX_KM) \
	F(MATCH_REQUEST_ONE_SHIFT_PER_VOLUNTEER, one_shift_per_volunteer, FT_BOOL, 0)
FIELD_KEYS(MATCH_REQUEST, E_MATCH_REQUEST)

/* a day of the holiday calendar (domain/workdays.h): the body of PUT
 * /calendar/{date} (kind, name; the date is the path's) */
#define CALENDAR_DAY_FIELDS(F) \
	F(CALENDAR_DAY_DATE, date, FT_DATE, FF_SERVER) \
	F(CALENDAR_DAY_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = cal_kind_names) \
	F(CALENDAR_DAY_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = CALENDAR_NAME_MAX)
FIELD_KEYS(CALENDAR_DAY, E_CALENDAR_DAY)

#endif
