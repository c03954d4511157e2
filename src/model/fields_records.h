/* fields_records.h - the fields of the entities described in
 * model/entities_records.c: a volunteer's request to correct a service
 * record, the awards and evaluations kept with a volunteer's service
 * (民政部令第67号 Art. 4-5), and the bodies of the verify and resolve
 * actions. One line a field, as in fields_service.h. */
#ifndef LD_MODEL_FIELDS_RECORDS_H
#define LD_MODEL_FIELDS_RECORDS_H

/* open -> done (voided and recorded again) | refused (with an answer) */
#define RECORD_CORRECTION_FIELDS(F) \
	F(RECORD_CORRECTION_RECORD_ID, record_id, FT_INT, FF_SERVER, .ref = REF(E_SERVICE_RECORD)) \
	F(RECORD_CORRECTION_VOLUNTEER_ID, volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(RECORD_CORRECTION_ORG_ID, org_id, FT_INT, FF_SERVER, .ref = REF(E_ORG)) \
	F(RECORD_CORRECTION_STATUS, status, FT_ENUM, FF_SERVER, .enums = correction_states) \
	F(RECORD_CORRECTION_REASON, reason, FT_TEXT, FF_REQUIRED, .min = 1, .max = REASON_MAX) \
	F(RECORD_CORRECTION_ANSWER, answer, FT_TEXT, FF_SERVER) \
	F(RECORD_CORRECTION_NEW_RECORD_ID, new_record_id, FT_INT, FF_SERVER, .ref = REF(E_SERVICE_RECORD)) \
	F(RECORD_CORRECTION_ASKED_BY_USER_ID, asked_by_user_id, FT_INT, FF_SERVER) \
	F(RECORD_CORRECTION_ANSWERED_BY_USER_ID, answered_by_user_id, FT_INT, FF_SERVER) \
	F(RECORD_CORRECTION_ANSWERED_AT, answered_at, FT_TIME, FF_SERVER) \
	F(RECORD_CORRECTION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(RECORD_CORRECTION, E_RECORD_CORRECTION)

/* An award, commendation or evaluation of a volunteer; append-only. */
#define VOLUNTEER_HONOR_FIELDS(F) \
	F(VOLUNTEER_HONOR_VOLUNTEER_ID, volunteer_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_VOLUNTEER)) \
	F(VOLUNTEER_HONOR_ORG_ID, org_id, FT_INT, FF_SERVER, .ref = REF(E_ORG)) \
	F(VOLUNTEER_HONOR_KIND, kind, FT_ENUM, FF_REQUIRED | FF_FIXED, .enums = honor_kinds) \
	F(VOLUNTEER_HONOR_TITLE, title, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 200) \
	F(VOLUNTEER_HONOR_LEVEL, level, FT_TEXT, FF_FIXED, .max = 100) \
	F(VOLUNTEER_HONOR_ISSUER, issuer, FT_TEXT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 200) \
	F(VOLUNTEER_HONOR_AWARDED_ON, awarded_on, FT_DATE, FF_REQUIRED | FF_FIXED) \
	F(VOLUNTEER_HONOR_NOTE, note, FT_TEXT, FF_FIXED, .max = 1000) \
	F(VOLUNTEER_HONOR_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(VOLUNTEER_HONOR_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED)
FIELD_KEYS(VOLUNTEER_HONOR, E_VOLUNTEER_HONOR)

/* the optional body of POST /service-records/{id}/verify: more hours than
 * recorded need a reason; the evaluation and the person in charge when the
 * record has none */
#define RECORD_VERIFY_FIELDS(F) \
	F(RECORD_VERIFY_HOURS, hours, FT_REAL, 0, .min = 0.01, .max = 1000) \
	F(RECORD_VERIFY_REASON, reason, FT_TEXT, 0, .min = 1, .max = REASON_MAX) \
	F(RECORD_VERIFY_EVALUATION, evaluation, FT_TEXT, 0, .min = 1, .max = 1000) \
	F(RECORD_VERIFY_PERSON_IN_CHARGE, person_in_charge, FT_TEXT, 0, .min = 1, .max = 100)
FIELD_KEYS(RECORD_VERIFY, E_RECORD_VERIFY)

/* the body of POST /corrections/{id}/resolve: what the new record says
 * where it differs from the voided one, and a note to the volunteer */
#define CORRECTION_RESOLVE_FIELDS(F) \
	F(CORRECTION_RESOLVE_CONTENT, content, FT_TEXT, 0, .min = 1, .max = 1000) \
	F(CORRECTION_RESOLVE_PLACE, place, FT_TEXT, 0, .max = 200) \
	F(CORRECTION_RESOLVE_STARTS_AT, starts_at, FT_TIME, 0) \
	F(CORRECTION_RESOLVE_ENDS_AT, ends_at, FT_TIME, 0) \
	F(CORRECTION_RESOLVE_HOURS, hours, FT_REAL, 0, .min = 0.01, .max = 1000) \
	F(CORRECTION_RESOLVE_PERSON_IN_CHARGE, person_in_charge, FT_TEXT, 0, .min = 1, .max = 100) \
	F(CORRECTION_RESOLVE_PEOPLE_SERVED, people_served, FT_TEXT, 0, .max = 500) \
	F(CORRECTION_RESOLVE_EVALUATION, evaluation, FT_TEXT, 0, .max = 1000) \
	F(CORRECTION_RESOLVE_ANSWER, answer, FT_TEXT, 0, .min = 1, .max = REASON_MAX)
FIELD_KEYS(CORRECTION_RESOLVE, E_CORRECTION_RESOLVE)

#endif
