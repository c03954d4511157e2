/* fields_voice.h - the fields of the entities described in
 * model/entities_voice.c: volunteer and resident voice (issue 15 item 5),
 * as X-macro lists (see fields_core.h). */
#ifndef LD_MODEL_FIELDS_VOICE_H
#define LD_MODEL_FIELDS_VOICE_H

/* A volunteer's rating of a shift they served: one per sign-up. */
#define SHIFT_FEEDBACK_FIELDS(F) \
	F(SHIFT_FEEDBACK_SIGNUP_ID, signup_id, FT_INT, FF_SERVER, .ref = REF(E_SIGNUP)) \
	F(SHIFT_FEEDBACK_SHIFT_ID, shift_id, FT_INT, FF_SERVER, .ref = REF(E_SHIFT)) \
	F(SHIFT_FEEDBACK_ACTIVITY_ID, activity_id, FT_INT, FF_SERVER, .ref = REF(E_ACTIVITY)) \
	F(SHIFT_FEEDBACK_VOLUNTEER_ID, volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(SHIFT_FEEDBACK_RATING, rating, FT_INT, FF_REQUIRED, .min = 1, .max = 5) \
	F(SHIFT_FEEDBACK_COMMENT, comment, FT_TEXT, 0, .max = 500) \
	F(SHIFT_FEEDBACK_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(SHIFT_FEEDBACK_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(SHIFT_FEEDBACK, E_SHIFT_FEEDBACK)

/* The resident who raised a need rates the service once it is closed. */
#define NEED_RATING_FIELDS(F) \
	F(NEED_RATING_NEED_ID, need_id, FT_INT, FF_SERVER, .ref = REF(E_NEED)) \
	F(NEED_RATING_PERSON_ID, person_id, FT_INT, FF_SERVER, .ref = REF(E_PERSON)) \
	F(NEED_RATING_RATING, rating, FT_INT, FF_REQUIRED, .min = 1, .max = 5) \
	F(NEED_RATING_COMMENT, comment, FT_TEXT, 0, .max = 500) \
	F(NEED_RATING_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(NEED_RATING_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(NEED_RATING, E_NEED_RATING)

/* A satisfaction survey of an org, sent to a scope when it opens. The
 * questions ([{key, text, kind, options, required}], SURVEY_QUESTION
 * below) change only while it is a draft. */
#define SURVEY_FIELDS(F) \
	F(SURVEY_ORG_ID, org_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(SURVEY_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(SURVEY_DESCRIPTION, description, FT_TEXT, 0, .max = 2000) \
	F(SURVEY_SCOPE_KIND, scope_kind, FT_ENUM, FF_REQUIRED, .enums = survey_scopes) \
	F(SURVEY_SCOPE_ORG_ID, scope_org_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_ORG)) \
	F(SURVEY_SCOPE_ACTIVITY_ID, scope_activity_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_ACTIVITY)) \
	F(SURVEY_SCOPE_REGION_ID, scope_region_id, FT_INT, 0, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(SURVEY_ANONYMOUS, anonymous, FT_BOOL, 0) \
	F(SURVEY_STATUS, status, FT_ENUM, FF_SERVER, .enums = survey_states) \
	F(SURVEY_QUESTIONS, questions, FT_JSON, FF_REQUIRED, .col = "questions_json") \
	F(SURVEY_RECIPIENTS, recipients, FT_INT, FF_SERVER) \
	F(SURVEY_RESPONSES, responses, FT_INT, FF_SERVER | FF_VIRTUAL) \
	F(SURVEY_ANSWERED, answered, FT_BOOL, FF_SERVER | FF_VIRTUAL) \
	F(SURVEY_OPENED_AT, opened_at, FT_TIME, FF_SERVER) \
	F(SURVEY_CLOSED_AT, closed_at, FT_TIME, FF_SERVER) \
	F(SURVEY_CREATED_BY_USER_ID, created_by_user_id, FT_INT, FF_SERVER) \
	F(SURVEY_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(SURVEY_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(SURVEY, E_SURVEY)

/* One question of a survey (an item of its "questions"; never stored on
 * its own). */
#define SURVEY_QUESTION_FIELDS(F) \
	F(SURVEY_QUESTION_KEY, key, FT_TEXT, FF_REQUIRED, .min = 1, .max = 40) \
	F(SURVEY_QUESTION_TEXT, text, FT_TEXT, FF_REQUIRED, .min = 1, .max = 500) \
	F(SURVEY_QUESTION_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = survey_kinds) \
	F(SURVEY_QUESTION_OPTIONS, options, FT_LIST, 0, .max = 20) \
	F(SURVEY_QUESTION_REQUIRED, required, FT_BOOL, 0)
FIELD_KEYS(SURVEY_QUESTION, E_SURVEY_QUESTION)

/* The body of POST /surveys/{id}/answers: {"answers": {key: value}}. */
#define SURVEY_ANSWERS_FIELDS(F) \
	F(SURVEY_ANSWERS_ANSWERS, answers, FT_JSON, FF_REQUIRED)
FIELD_KEYS(SURVEY_ANSWERS, E_SURVEY_ANSWERS)

#endif
