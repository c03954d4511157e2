/* voice_store.h - voice's own tables (migration 018_voice.sql): shift
 * feedback and need ratings by what they rate, a survey's recipients,
 * respondents and answers, and the counts read from them. Same conventions
 * as store.h: enum err, strings in the arena.
 *
 * Anonymity: survey_respondents is read only to count and to say whether
 * one person answered; no statement here joins it to survey_answers, and
 * answers carry no id and no time. */
#ifndef LD_STORE_VOICE_STORE_H
#define LD_STORE_VOICE_STORE_H

#include "model/rows_voice.h"
#include "store/store.h"

/* The feedback of a sign-up, or of a need's rating: *id 0 when none. */
enum err store_feedback_of_signup(struct store_conn *c, int64_t signup_id, int64_t *id);
enum err store_rating_of_need(struct store_conn *c, int64_t need_id, int64_t *id);

/* An activity's feedback, by shift start then sign-up; at most max. */
enum err store_activity_feedback(struct store_conn *c, int64_t activity_id, int max, struct feedback_row **rows,
				 int *n, struct arena *a);
/* Ratings counted: shift feedback on the activities of the orgs under
 * org_path, and ratings of needs whose social worker's org (else the
 * raising org) is under it. */
enum err store_feedback_counts(struct store_conn *c, const char *org_path, struct rating_counts *out);
enum err store_need_rating_counts(struct store_conn *c, const char *org_path, struct rating_counts *out);

/* A volunteer's accepted sign-ups on shifts ended by `now`, newest first,
 * at most max, with their feedback. */
enum err store_past_shifts(struct store_conn *c, int64_t volunteer_id, int64_t now, int max, struct past_shift **rows,
			   int *n, struct arena *a);

/* The scope of a survey, as the migration's scope_kind. */
enum survey_scope { SS_ORG_VOLUNTEERS, SS_ACTIVITY_PARTICIPANTS, SS_REGION_RESIDENTS };
/* Send survey_id to its scope: one recipient row a person (registered
 * volunteers of org scope_id's subtree, people with an accepted sign-up on
 * a shift of activity scope_id, people living in region scope_id's
 * subtree); *count how many. */
enum err store_survey_recipients_fill(struct store_conn *c, int64_t survey_id, enum survey_scope kind,
				      int64_t scope_id, int64_t *count);
/* The users (logins) of the survey's recipients, at most max. */
enum err store_survey_recipient_users(struct store_conn *c, int64_t survey_id, int max, int64_t **ids, int *n,
				      struct arena *a);
enum err store_survey_is_recipient(struct store_conn *c, int64_t survey_id, int64_t person_id, int *yes);
/* Record that person answered: ERR_DUPLICATE when they had (a unique key,
 * so two answers at once cannot both pass). */
enum err store_survey_respondent_add(struct store_conn *c, int64_t survey_id, int64_t person_id);
enum err store_survey_answered(struct store_conn *c, int64_t survey_id, int64_t person_id, int *yes);
enum err store_survey_responses(struct store_conn *c, int64_t survey_id, int64_t *n);
/* One answered value: a choice, a scale point (0 = none) or a text; person
 * 0 for an anonymous survey. */
enum err store_survey_answer_add(struct store_conn *c, int64_t survey_id, const char *key, const char *choice,
				 int scale, const char *text, int64_t person_id);
/* Choices and scale points counted, by question, choice, scale. */
enum err store_survey_counts(struct store_conn *c, int64_t survey_id, int max, struct answer_count **rows, int *n,
			     struct arena *a);
/* Text answers by question then text (anonymous: no person), or then the
 * person's name (named); at most max. */
enum err store_survey_texts(struct store_conn *c, int64_t survey_id, int named, int max, struct answer_text **rows,
			    int *n, struct arena *a);

#endif
