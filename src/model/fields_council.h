/* fields_council.h - the fields of the councils (议事会, issue 15 item 4)
 * described in model/entities_council.c, as X-macro lists (see
 * fields_core.h). */
#ifndef LD_MODEL_FIELDS_COUNCIL_H
#define LD_MODEL_FIELDS_COUNCIL_H

/* Bounds of a council's lists. */
#define COUNCIL_MAX_ATTENDANCE 500
#define COUNCIL_MAX_AGENDA 50

/* a community's council: region_id a community-level region */
#define COUNCIL_FIELDS(F) \
	F(COUNCIL_REGION_ID, region_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_REGION)) \
	F(COUNCIL_NAME, name, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(COUNCIL_ESTABLISHED_ON, established_on, FT_DATE, 0) \
	F(COUNCIL_NOTE, note, FT_TEXT, 0, .max = 2000) \
	F(COUNCIL_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(COUNCIL_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(COUNCIL, E_COUNCIL)

/* a member: a person, once per council */
#define COUNCIL_MEMBER_FIELDS(F) \
	F(COUNCIL_MEMBER_COUNCIL_ID, council_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL)) \
	F(COUNCIL_MEMBER_PERSON_ID, person_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_PERSON)) \
	F(COUNCIL_MEMBER_NAME, name, FT_TEXT, FF_VIRTUAL | FF_SERVER) \
	F(COUNCIL_MEMBER_KIND, kind, FT_ENUM, FF_REQUIRED, .enums = council_member_kinds) \
	F(COUNCIL_MEMBER_ROLE, role, FT_ENUM, 0, .enums = council_member_roles) \
	F(COUNCIL_MEMBER_JOINED_ON, joined_on, FT_DATE, FF_REQUIRED) \
	F(COUNCIL_MEMBER_LEFT_ON, left_on, FT_DATE, 0) \
	F(COUNCIL_MEMBER_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(COUNCIL_MEMBER_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(COUNCIL_MEMBER, E_COUNCIL_MEMBER)

/* a meeting: attendance lists the council_members ids present */
#define COUNCIL_MEETING_FIELDS(F) \
	F(COUNCIL_MEETING_COUNCIL_ID, council_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL)) \
	F(COUNCIL_MEETING_HELD_AT, held_at, FT_TIME, FF_REQUIRED) \
	F(COUNCIL_MEETING_PLACE, place, FT_TEXT, 0, .max = 200) \
	F(COUNCIL_MEETING_AGENDA, agenda, FT_LIST, 0, .max = COUNCIL_MAX_AGENDA) \
	F(COUNCIL_MEETING_ATTENDANCE, attendance, FT_IDS, 0, .max = COUNCIL_MAX_ATTENDANCE) \
	F(COUNCIL_MEETING_MINUTES, minutes, FT_TEXT, 0, .max = 20000) \
	F(COUNCIL_MEETING_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(COUNCIL_MEETING_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(COUNCIL_MEETING, E_COUNCIL_MEETING)

/* an issue (议题) raised at a meeting or by a member; `resolutions` is
 * what became of it (derived on read) */
#define COUNCIL_ISSUE_FIELDS(F) \
	F(COUNCIL_ISSUE_COUNCIL_ID, council_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL)) \
	F(COUNCIL_ISSUE_MEETING_ID, meeting_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL_MEETING)) \
	F(COUNCIL_ISSUE_RAISED_BY_MEMBER_ID, raised_by_member_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL_MEMBER)) \
	F(COUNCIL_ISSUE_TITLE, title, FT_TEXT, FF_REQUIRED, .min = 1, .max = 200) \
	F(COUNCIL_ISSUE_DESCRIPTION, description, FT_TEXT, 0, .max = 4000) \
	F(COUNCIL_ISSUE_STATUS, status, FT_ENUM, 0, .enums = council_issue_statuses) \
	F(COUNCIL_ISSUE_RESOLUTIONS, resolutions, FT_JSON, FF_VIRTUAL | FF_SERVER) \
	F(COUNCIL_ISSUE_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(COUNCIL_ISSUE_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(COUNCIL_ISSUE, E_COUNCIL_ISSUE)

/* a resolution voted at a meeting; need_id / activity_id what it became,
 * with the need's status and the activity's title derived on read */
#define RESOLUTION_FIELDS(F) \
	F(RESOLUTION_COUNCIL_ID, council_id, FT_INT, FF_SERVER, .ref = REF(E_COUNCIL)) \
	F(RESOLUTION_MEETING_ID, meeting_id, FT_INT, FF_REQUIRED | FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL_MEETING)) \
	F(RESOLUTION_ISSUE_ID, issue_id, FT_INT, FF_FIXED, .min = 1, .max = 9e15, .ref = REF(E_COUNCIL_ISSUE)) \
	F(RESOLUTION_TEXT, text, FT_TEXT, FF_REQUIRED, .min = 1, .max = 4000) \
	F(RESOLUTION_VOTES_FOR, votes_for, FT_INT, FF_REQUIRED, .min = 0, .max = COUNCIL_MAX_ATTENDANCE) \
	F(RESOLUTION_VOTES_AGAINST, votes_against, FT_INT, FF_REQUIRED, .min = 0, .max = COUNCIL_MAX_ATTENDANCE) \
	F(RESOLUTION_VOTES_ABSTAIN, votes_abstain, FT_INT, FF_REQUIRED, .min = 0, .max = COUNCIL_MAX_ATTENDANCE) \
	F(RESOLUTION_OUTCOME, outcome, FT_ENUM, FF_REQUIRED, .enums = resolution_outcomes) \
	F(RESOLUTION_NEED_ID, need_id, FT_INT, FF_SERVER, .ref = REF(E_NEED)) \
	F(RESOLUTION_NEED_STATUS, need_status, FT_TEXT, FF_VIRTUAL | FF_SERVER) \
	F(RESOLUTION_ACTIVITY_ID, activity_id, FT_INT, FF_SERVER, .ref = REF(E_ACTIVITY)) \
	F(RESOLUTION_ACTIVITY_TITLE, activity_title, FT_TEXT, FF_VIRTUAL | FF_SERVER) \
	F(RESOLUTION_CREATED_AT, created_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(RESOLUTION_UPDATED_AT, updated_at, FT_TIME, FF_SERVER | FF_UPDATED)
FIELD_KEYS(RESOLUTION, E_RESOLUTION)

#endif
