/* entities_voice.c - descriptors for volunteer and resident voice
 * (model/fields_voice.h, issue 15 item 5). Shift feedback is read by its
 * volunteer and the staff over the activity's org; a need's rating by whoever
 * reads the need; a survey by the staff over its org (and regional admins
 * above it), and by its recipients once it is open
 * (service/voice.c). */
#include "model/entity.h"
#include "model/scope_sql.h"

static const char *const survey_scopes[] = {"org_volunteers", "activity_participants", "region_residents", NULL};
static const char *const survey_states[] = {"draft", "open", "closed", NULL};
static const char *const survey_kinds[] = {"single", "multiple", "scale", "text", NULL};

static const struct field shift_feedback_fields[] = {SHIFT_FEEDBACK_FIELDS(FIELD_DESC)};
static const struct filter shift_feedback_filters[] = {
	{"volunteer_id", FT_INT, "t.volunteer_id = ?"},
	{"activity_id", FT_INT, "t.activity_id = ?"},
	{"shift_id", FT_INT, "t.shift_id = ?"},
};
#define FEEDBACK_ORG(scope) "t.activity_id IN (SELECT fa.id FROM activities fa WHERE " scope("fa.org_id") ")"
const struct entity shift_feedback_entity = {
	.id = E_SHIFT_FEEDBACK,
	.name = "shift-feedback",
	.table = "shift_feedback",
	.fields = shift_feedback_fields,
	.nfields = NF(shift_feedback_fields),
	.filters = shift_feedback_filters,
	.nfilters = NF(shift_feedback_filters),
	.scope_self = "t.volunteer_id IN (SELECT fv.id FROM volunteers fv WHERE fv.person_id = ?10)",
	.scope_org = FEEDBACK_ORG(IN_ORG_SCOPE),
	.scope_region = FEEDBACK_ORG(ORG_IN_REGION_SCOPE),
};

static const struct field need_rating_fields[] = {NEED_RATING_FIELDS(FIELD_DESC)};
static const struct filter need_rating_filters[] = {{"need_id", FT_INT, "t.need_id = ?"}};
const struct entity need_rating_entity = {
	.id = E_NEED_RATING,
	.name = "need-ratings",
	.table = "need_ratings",
	.fields = need_rating_fields,
	.nfields = NF(need_rating_fields),
	.filters = need_rating_filters,
	.nfilters = NF(need_rating_filters),
	.scope_self = "t.person_id = ?10",
	/* the need's staff: its social worker's org, or the org that raised it */
	.scope_org = "t.need_id IN (SELECT rn.id FROM needs rn LEFT JOIN social_workers rw ON rw.id ="
		     " rn.assigned_social_worker_id WHERE " IN_ORG_SCOPE("rw.org_id") " OR " IN_ORG_SCOPE("rn.raised_by_org_id") ")",
	.scope_region = "t.need_id IN (SELECT rn.id FROM needs rn WHERE " IN_REGION_SCOPE("rn.region_id") ")",
};

static const struct field survey_fields[] = {SURVEY_FIELDS(FIELD_DESC)};
static const struct filter survey_filters[] = {
	{"org_id", FT_INT, ORG_SUBTREE("t.org_id")},
	{"status", FT_TEXT, "t.status = ?"},
	/* mine=<the caller's person id>: set by the service, never from input */
	{"recipient_person_id", FT_INT, "t.id IN (SELECT sr.survey_id FROM survey_recipients sr WHERE sr.person_id = ?)"},
};
const struct entity survey_entity = {
	.id = E_SURVEY,
	.name = "surveys",
	.table = "surveys",
	.fields = survey_fields,
	.nfields = NF(survey_fields),
	.filters = survey_filters,
	.nfilters = NF(survey_filters),
	.scope_self = "t.status <> 'draft' AND t.id IN (SELECT sr.survey_id FROM survey_recipients sr WHERE"
		      " sr.person_id = ?10)",
	.scope_org = IN_ORG_SCOPE("t.org_id"),
	.scope_region = ORG_IN_REGION_SCOPE("t.org_id"),
};

static const struct field survey_question_fields[] = {SURVEY_QUESTION_FIELDS(FIELD_DESC)};
const struct entity survey_question_body = {
	.id = E_SURVEY_QUESTION,
	.name = "survey-questions",
	.fields = survey_question_fields,
	.nfields = NF(survey_question_fields),
};

static const struct field survey_answers_fields[] = {SURVEY_ANSWERS_FIELDS(FIELD_DESC)};
const struct entity survey_answers_body = {
	.id = E_SURVEY_ANSWERS,
	.name = "survey-answers",
	.fields = survey_answers_fields,
	.nfields = NF(survey_answers_fields),
};
