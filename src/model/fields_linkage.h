/* fields_linkage.h - the fields of the entities described in
 * model/entities_linkage.c: the linkage itself (issue 15), as X-macro lists
 * (see fields_core.h). */
#ifndef LD_MODEL_FIELDS_LINKAGE_H
#define LD_MODEL_FIELDS_LINKAGE_H

/* a supervision session (督导): a supervisor with one social worker
 * (individual) or several (group) of their chain; the hours count for each
 * of them. The minutes are read by whoever reads the session; the
 * confidential notes only by the two sides, sealed at rest. */
#define SUPERVISION_SESSION_FIELDS(F) \
	F(SUPERVISION_SESSION_ORG_ID, org_id, FT_INT, FF_SERVER, .ref = REF(E_ORG)) \
	F(SUPERVISION_SESSION_SUPERVISOR_ID, supervisor_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_SOCIAL_WORKER)) \
	F(SUPERVISION_SESSION_SOCIAL_WORKER_IDS, social_worker_ids, FT_JSON, FF_VIRTUAL | FF_REQUIRED) \
	F(SUPERVISION_SESSION_FORM, form, FT_ENUM, FF_REQUIRED, .enums = supervision_forms) \
	F(SUPERVISION_SESSION_TOPIC, topic, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(SUPERVISION_SESSION_STARTS_AT, starts_at, FT_TIME, FF_REQUIRED) \
	F(SUPERVISION_SESSION_ENDS_AT, ends_at, FT_TIME, FF_REQUIRED) \
	F(SUPERVISION_SESSION_HOURS, hours, FT_REAL, FF_SERVER) \
	F(SUPERVISION_SESSION_MINUTES, minutes, FT_TEXT, 0, .max = 5000) \
	F(SUPERVISION_SESSION_CONFIDENTIAL_NOTES, confidential_notes, FT_TEXT, FF_VIRTUAL, .max = 5000) \
	F(SUPERVISION_SESSION_NOTES_ENC, notes_enc, FT_TEXT, FF_HIDDEN) \
	F(SUPERVISION_SESSION_RECORDED_BY_USER_ID, recorded_by_user_id, FT_INT, FF_SERVER) \
	F(SUPERVISION_SESSION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(SUPERVISION_SESSION_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(SUPERVISION_SESSION, E_SUPERVISION_SESSION)

#endif
