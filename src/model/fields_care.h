/* fields_care.h - the fields of the entities described in model/entities_care.c, as X-macro
 * lists (see entity.h: FIELD_KEYS makes each list an enum of typed keys,
 * FIELD_DESC its descriptor table). One line a field:
 *  F(KEY, json_name, type, flags, named descriptor members...) */
#ifndef LD_MODEL_FIELDS_CARE_H
#define LD_MODEL_FIELDS_CARE_H

#define SERVICE_MENU_FIELDS(F) \
	F(SERVICE_MENU_REGION_ID, region_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(SERVICE_MENU_CATEGORY, category, FT_ENUM, FF_REQUIRED, .enums = service_categories) \
	F(SERVICE_MENU_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 100) \
	F(SERVICE_MENU_DESCRIPTION, description, FT_TEXT, 0, .max = 2000) \
	F(SERVICE_MENU_ACTIVE, active, FT_BOOL, 0) \
	F(SERVICE_MENU_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(SERVICE_MENU_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(SERVICE_MENU, E_SERVICE_MENU)

#define NEED_FIELDS(F) \
	F(NEED_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(NEED_DESCRIPTION, description, FT_TEXT, 0, .max = 4000) \
	F(NEED_CATEGORY, category, FT_ENUM, FF_REQUIRED, .enums = service_categories) \
	/* what an `other` need is: required with it (issue 15) */ \
	F(NEED_CATEGORY_NOTE, category_note, FT_TEXT, 0, .max = 200) \
	F(NEED_REGION_ID, region_id, FT_INT, FF_REQUIRED, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(NEED_PLACE, place, FT_TEXT, 0, .max = 500) \
	F(NEED_LAT, lat, FT_REAL, 0, .min = -90, .max = 90) \
	F(NEED_LON, lon, FT_REAL, 0, .min = -180, .max = 180) \
	F(NEED_URGENCY, urgency, FT_ENUM, 0, .enums = urgencies) \
	F(NEED_REQUIRED_SKILLS, required_skills, FT_LIST, 0, .max = 20) \
	F(NEED_STATUS, status, FT_ENUM, FF_SERVER, .enums = need_status_names) \
	F(NEED_ASSIGNED_SOCIAL_WORKER_ID, assigned_social_worker_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(NEED_RAISED_BY, raised_by, FT_ENUM, FF_FIXED, .enums = raisers) \
	F(NEED_RAISED_BY_PERSON_ID, raised_by_person_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(NEED_RAISED_BY_ORG_ID, raised_by_org_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(NEED_WINDOW_START, window_start, FT_TIME, 0) \
	F(NEED_WINDOW_END, window_end, FT_TIME, 0) \
	/* what a move to matched attached (issue 15): at least one */ \
	F(NEED_MATCH_VOLUNTEER_ID, match_volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(NEED_MATCH_SOCIAL_WORKER_ID, match_social_worker_id, FT_INT, FF_SERVER, .ref = REF(E_SOCIAL_WORKER)) \
	F(NEED_MATCH_ACTIVITY_ID, match_activity_id, FT_INT, FF_SERVER, .ref = REF(E_ACTIVITY)) \
	F(NEED_MATCH_SHIFT_ID, match_shift_id, FT_INT, FF_SERVER, .ref = REF(E_SHIFT)) \
	/* the council resolution it came from (issue 15) */ \
	F(NEED_RESOLUTION_ID, resolution_id, FT_INT, FF_SERVER) \
	/* the service project it belongs to (issue 16) */ \
	F(NEED_PROJECT_ID, project_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_PROJECT)) \
	F(NEED_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(NEED_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED) \
	/* names of the people the ids above name, for the board (issue 18) */ \
	F(NEED_ASSIGNED_SOCIAL_WORKER_NAME, assigned_social_worker_name, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(NEED_MATCH_SOCIAL_WORKER_NAME, match_social_worker_name, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(NEED_MATCH_VOLUNTEER_NAME, match_volunteer_name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(NEED, E_NEED)

#define NEED_EVENT_FIELDS(F) \
	F(NEED_EVENT_NEED_ID, need_id, FT_INT, FF_SERVER, .ref = REF(E_NEED)) \
	F(NEED_EVENT_FROM, from, FT_TEXT, FF_SERVER, .col = "from_status") \
	F(NEED_EVENT_TO, to, FT_TEXT, FF_SERVER, .col = "to_status") \
	F(NEED_EVENT_NOTE, note, FT_TEXT, FF_SERVER) \
	F(NEED_EVENT_ASSIGNED_SOCIAL_WORKER_ID, assigned_social_worker_id, FT_INT, FF_SERVER) \
	F(NEED_EVENT_BY_USER_ID, by_user_id, FT_INT, FF_SERVER) \
	F(NEED_EVENT_AT, at, FT_TIME, FF_SERVER)
FIELD_KEYS(NEED_EVENT, E_NEED_EVENT)

#define CLIENT_FIELDS(F) \
	F(CLIENT_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(CLIENT_ORG_ID, org_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(CLIENT_CATEGORY, category, FT_ENUM, FF_REQUIRED, .enums = client_category_names) \
	F(CLIENT_CARE_LEVEL, care_level, FT_ENUM, 0, .enums = care_level_names) \
	F(CLIENT_CASE_STAGE, case_stage, FT_ENUM, FF_SERVER, .enums = case_stage_names) \
	F(CLIENT_SOCIAL_WORKER_ID, social_worker_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(CLIENT_VOLUNTEER_ID, volunteer_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_VOLUNTEER)) \
	F(CLIENT_CONSENT, consent, FT_BOOL, FF_REQUIRED) \
	F(CLIENT_CONSENT_AT, consent_at, FT_TIME, FF_SERVER) \
	F(CLIENT_CAPACITY, capacity, FT_ENUM, 0, .enums = capacity_names) \
	F(CLIENT_SCHOOL_STAGE, school_stage, FT_ENUM, 0, .enums = school_stage_names) \
	F(CLIENT_SERVICE_PACKAGE, service_package, FT_LIST, FF_SERVER | FF_VIRTUAL) \
	F(CLIENT_PERSON_NAME, person_name, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(CLIENT_PERSON_PHONE, person_phone, FT_TEXT, FF_SERVER | FF_VIRTUAL | FF_PII) \
	F(CLIENT_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(CLIENT_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(CLIENT, E_CLIENT)

#define CLIENT_STAGE_EVENT_FIELDS(F) \
	F(CLIENT_STAGE_EVENT_CLIENT_ID, client_id, FT_INT, FF_SERVER, .ref = REF(E_CLIENT)) \
	F(CLIENT_STAGE_EVENT_FROM, from, FT_TEXT, FF_SERVER, .col = "from_stage") \
	F(CLIENT_STAGE_EVENT_TO, to, FT_TEXT, FF_SERVER, .col = "to_stage") \
	F(CLIENT_STAGE_EVENT_NOTE, note, FT_TEXT, FF_SERVER) \
	F(CLIENT_STAGE_EVENT_BY_USER_ID, by_user_id, FT_INT, FF_SERVER) \
	F(CLIENT_STAGE_EVENT_AT, at, FT_TIME, FF_SERVER)
FIELD_KEYS(CLIENT_STAGE_EVENT, E_CLIENT_STAGE_EVENT)

#define MANDATORY_REPORT_FIELDS(F) \
	F(MANDATORY_REPORT_CLIENT_ID, client_id, FT_INT, FF_SERVER, .ref = REF(E_CLIENT)) \
	F(MANDATORY_REPORT_REASON, reason, FT_TEXT, FF_SERVER) \
	F(MANDATORY_REPORT_STATUS, status, FT_ENUM, FF_SERVER, .enums = report_statuses) \
	F(MANDATORY_REPORT_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(MANDATORY_REPORT_FILED_AT, filed_at, FT_TIME, FF_SERVER) \
	F(MANDATORY_REPORT_FILED_BY_USER_ID, filed_by_user_id, FT_INT, FF_SERVER) \
	F(MANDATORY_REPORT_FILED_NOTE, filed_note, FT_TEXT, FF_SERVER)
FIELD_KEYS(MANDATORY_REPORT, E_MANDATORY_REPORT)

#define CASE_NOTE_FIELDS(F) \
	F(CASE_NOTE_CLIENT_ID, client_id, FT_INT, FF_SERVER, .ref = REF(E_CLIENT)) \
	F(CASE_NOTE_TEXT, text, FT_TEXT, FF_REQUIRED | FF_VIRTUAL, .min = 1, .max = 20000) \
	F(CASE_NOTE_TEXT_ENC, text_enc, FT_TEXT, FF_HIDDEN) \
	F(CASE_NOTE_BY_USER_ID, by_user_id, FT_INT, FF_SERVER) \
	F(CASE_NOTE_AT, at, FT_TIME, FF_SERVER)
FIELD_KEYS(CASE_NOTE, E_CASE_NOTE)

#define NEED_MOVE_FIELDS(F) \
	F(NEED_MOVE_TO, to, FT_ENUM, FF_REQUIRED, .enums = need_status_names) \
	F(NEED_MOVE_NOTE, note, FT_TEXT, 0, .max = NOTE_MAX) \
	F(NEED_MOVE_ASSIGNED_SOCIAL_WORKER_ID, assigned_social_worker_id, FT_INT, 0, .min = 1, .max = 9e15) \
	F(NEED_MOVE_VOLUNTEER_ID, volunteer_id, FT_INT, 0, .min = 1, .max = 9e15) \
	F(NEED_MOVE_SOCIAL_WORKER_ID, social_worker_id, FT_INT, 0, .min = 1, .max = 9e15) \
	F(NEED_MOVE_ACTIVITY_ID, activity_id, FT_INT, 0, .min = 1, .max = 9e15) \
	F(NEED_MOVE_SHIFT_ID, shift_id, FT_INT, 0, .min = 1, .max = 9e15)
FIELD_KEYS(NEED_MOVE, E_NEED_MOVE)

#define CASE_MOVE_FIELDS(F) \
	F(CASE_MOVE_TO, to, FT_ENUM, FF_REQUIRED, .enums = case_stage_names) \
	F(CASE_MOVE_NOTE, note, FT_TEXT, 0, .max = NOTE_MAX)
FIELD_KEYS(CASE_MOVE, E_CASE_MOVE)

#define REPORT_FILE_FIELDS(F) \
	F(REPORT_FILE_NOTE, note, FT_TEXT, 0, .max = NOTE_MAX)
FIELD_KEYS(REPORT_FILE, E_REPORT_FILE)

#endif
