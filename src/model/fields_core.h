/* fields_core.h - the fields of the entities described in model/entities.c, as X-macro
 * lists (see entity.h: FIELD_KEYS makes each list an enum of typed keys,
 * FIELD_DESC its descriptor table). One line a field:
 *  F(KEY, json_name, type, flags, named descriptor members...) */
#ifndef LD_MODEL_FIELDS_CORE_H
#define LD_MODEL_FIELDS_CORE_H

#define REGION_FIELDS(F) \
	F(REGION_CODE, code, FT_TEXT, FF_REQUIRED, .min = 6, .max = 12) \
	F(REGION_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = 100) \
	F(REGION_LEVEL, level, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = region_levels) \
	F(REGION_PARENT_ID, parent_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(REGION_PATH, path, FT_TEXT, FF_HIDDEN) \
	F(REGION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(REGION, E_REGION)

#define ORG_FIELDS(F) \
	F(ORG_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(ORG_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = org_kinds) \
	F(ORG_REGION_ID, region_id, FT_INT, FF_REQUIRED, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(ORG_PARENT_ID, parent_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(ORG_ADDRESS, address, FT_TEXT, 0, .max = 500) \
	F(ORG_PHONE, phone, FT_TEXT, 0, .max = 40) \
	F(ORG_PATH, path, FT_TEXT, FF_HIDDEN) \
	F(ORG_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(ORG, E_ORG)

#define ORG_LINK_FIELDS(F) \
	F(ORG_LINK_ORG_ID, org_id, FT_INT, FF_SERVER, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(ORG_LINK_OTHER_ORG_ID, other_org_id, FT_INT, FF_REQUIRED | FF_FIXED, .col = "other_org_id", .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(ORG_LINK_NOTE, note, FT_TEXT, 0, .max = 500) \
	/* what the link lets other_org_id's staff read (domain/share.h, issue 15) */ \
	F(ORG_LINK_KIND, kind, FT_ENUM, 0, .enums = share_kind_names) \
	F(ORG_LINK_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(ORG_LINK_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(ORG_LINK, E_ORG_LINK)

/* a qualification rule (domain/qualify.h): the body of PUT
 * /qualification-rules/{work} (the work is the path's) */
#define QUALIFICATION_RULE_FIELDS(F) \
	F(QUALIFICATION_RULE_WORK, work, FT_TEXT, FF_SERVER) \
	F(QUALIFICATION_RULE_MIN_QUALIFICATION, min_qualification, FT_ENUM, FF_REQUIRED, .enums = qualifications)
FIELD_KEYS(QUALIFICATION_RULE, E_QUALIFICATION_RULE)

#define PERSON_FIELDS(F) \
	F(PERSON_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = 100) \
	F(PERSON_ID_NUMBER, id_number, FT_TEXT, FF_VIRTUAL | FF_PII, .max = 32) \
	F(PERSON_ID_NUMBER_ENC, id_number_enc, FT_TEXT, FF_HIDDEN) \
	F(PERSON_ID_NUMBER_HASH, id_number_hash, FT_TEXT, FF_HIDDEN) \
	F(PERSON_PHONE, phone, FT_TEXT, FF_VIRTUAL | FF_PII, .max = 32) \
	F(PERSON_PHONE_ENC, phone_enc, FT_TEXT, FF_HIDDEN) \
	F(PERSON_PHONE_HASH, phone_hash, FT_TEXT, FF_HIDDEN) \
	F(PERSON_GENDER, gender, FT_ENUM, 0, .enums = genders) \
	F(PERSON_BIRTH_DATE, birth_date, FT_DATE, 0) \
	F(PERSON_REGION_ID, region_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(PERSON_ORG_ID, org_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(PERSON_ADDRESS, address, FT_TEXT, 0, .max = 500) \
	F(PERSON_LAT, lat, FT_REAL, 0, .min = -90, .max = 90) \
	F(PERSON_LON, lon, FT_REAL, 0, .min = -180, .max = 180) \
	F(PERSON_SKILLS, skills, FT_LIST, 0, .max = 30) \
	F(PERSON_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(PERSON_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED) \
	F(PERSON_BIRTH_YEAR, birth_year, FT_INT, FF_VIRTUAL | FF_SERVER) \
	F(PERSON_EMAIL, email, FT_TEXT, 0, .max = 254)
FIELD_KEYS(PERSON, E_PERSON)

/* The body of POST /people/{id}/reveal (issue 13). */
#define PERSON_REVEAL_FIELDS(F) \
	F(PERSON_REVEAL_FIELDS_, fields, FT_LIST, FF_REQUIRED, .max = 3) \
	F(PERSON_REVEAL_REASON, reason, FT_TEXT, FF_REQUIRED, .min = 1, .max = 500)
FIELD_KEYS(PERSON_REVEAL, E_PERSON_REVEAL)

#define SOCIAL_WORKER_FIELDS(F) \
	F(SOCIAL_WORKER_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(SOCIAL_WORKER_ORG_ID, org_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(SOCIAL_WORKER_QUALIFICATION, qualification, FT_ENUM, FF_REQUIRED, .enums = qualifications) \
	F(SOCIAL_WORKER_CERTIFICATE_NO, certificate_no, FT_TEXT, 0, .min = 1, .max = 64) \
	F(SOCIAL_WORKER_FIELDS, fields, FT_LIST, 0, .max = 20) \
	F(SOCIAL_WORKER_SUPERVISOR_ID, supervisor_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(SOCIAL_WORKER_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(SOCIAL_WORKER_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED) \
	/* the person's name, for lists and pickers (issue 18) */ \
	F(SOCIAL_WORKER_NAME, name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(SOCIAL_WORKER, E_SOCIAL_WORKER)

#define VOLUNTEER_FIELDS(F) \
	F(VOLUNTEER_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(VOLUNTEER_ORG_ID, org_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(VOLUNTEER_VOLUNTEER_NO, volunteer_no, FT_TEXT, FF_SERVER) \
	F(VOLUNTEER_STAGE, stage, FT_ENUM, FF_FIXED, .enums = vstage_names) \
	F(VOLUNTEER_VERIFIED_HOURS, verified_hours, FT_REAL, FF_SERVER) \
	F(VOLUNTEER_STARS, stars, FT_INT, FF_SERVER) \
	F(VOLUNTEER_GUARDIAN_CONSENT, guardian_consent, FT_BOOL, 0) \
	F(VOLUNTEER_GUARDIAN_NAME, guardian_name, FT_TEXT, 0, .min = 1, .max = 100) \
	F(VOLUNTEER_BACKGROUND_CHECK, background_check, FT_DATE, 0) \
	F(VOLUNTEER_INSURED_UNTIL, insured_until, FT_DATE, 0) \
	/* matching (供需对接): weekly windows "mon 08:00-12:00", a weekly hour cap, a travel distance and preferred activity modes */ \
	F(VOLUNTEER_AVAILABILITY, availability, FT_LIST, 0, .max = 21) \
	F(VOLUNTEER_MAX_WEEKLY_HOURS, max_weekly_hours, FT_REAL, 0, .max = 168) \
	F(VOLUNTEER_MAX_DISTANCE_KM, max_distance_km, FT_REAL, 0, .max = 1000) \
	F(VOLUNTEER_PREFERRED_MODES, preferred_modes, FT_LIST, 0, .max = 5) \
	/* the social worker who leads this volunteer (带教社工, issue 15) */ \
	F(VOLUNTEER_LEAD_SOCIAL_WORKER_ID, lead_social_worker_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(VOLUNTEER_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(VOLUNTEER_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED) \
	/* the person's name, for lists and pickers (issue 18) */ \
	F(VOLUNTEER_NAME, name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(VOLUNTEER, E_VOLUNTEER)

#define STAGE_EVENT_FIELDS(F) \
	F(STAGE_EVENT_VOLUNTEER_ID, volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(STAGE_EVENT_FROM, from, FT_TEXT, FF_SERVER, .col = "from_stage") \
	F(STAGE_EVENT_TO, to, FT_TEXT, FF_SERVER, .col = "to_stage") \
	F(STAGE_EVENT_NOTE, note, FT_TEXT, FF_SERVER) \
	F(STAGE_EVENT_BY_USER_ID, by_user_id, FT_INT, FF_SERVER) \
	F(STAGE_EVENT_AT, at, FT_TIME, FF_SERVER)
FIELD_KEYS(STAGE_EVENT, E_STAGE_EVENT)

#define USER_FIELDS(F) \
	F(USER_USERNAME, username, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 3, .max = 64) \
	F(USER_PASSWORD, password, FT_TEXT, FF_VIRTUAL | FF_WRITEONLY, .min = 8, .max = 200) \
	F(USER_PASSWORD_HASH, password_hash, FT_TEXT, FF_HIDDEN) \
	F(USER_PERSON_ID, person_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(USER_ROLES, roles, FT_JSON, FF_VIRTUAL) \
	F(USER_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	/* the person's name, for lists and pickers (issue 18) */ \
	F(USER_NAME, name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(USER, E_USER)

#define AUDIT_FIELDS(F) \
	F(AUDIT_AT, at, FT_TIME, FF_SERVER) \
	F(AUDIT_USER_ID, user_id, FT_INT, FF_SERVER) \
	F(AUDIT_ACTION, action, FT_TEXT, FF_SERVER) \
	F(AUDIT_ENTITY, entity, FT_TEXT, FF_SERVER) \
	F(AUDIT_ENTITY_ID, entity_id, FT_INT, FF_SERVER) \
	F(AUDIT_BEFORE, before, FT_JSON, FF_SERVER, .col = "before_json") \
	F(AUDIT_AFTER, after, FT_JSON, FF_SERVER, .col = "after_json") \
	F(AUDIT_USERNAME, username, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(AUDIT_USER_NAME, user_name, FT_TEXT, FF_SERVER | FF_VIRTUAL)
FIELD_KEYS(AUDIT, E_AUDIT)

#endif
