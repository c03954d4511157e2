/* voice.h - volunteer and resident voice (issue 15 item 5, service/voice.c):
 * a volunteer rates a shift they served, the resident who raised a need
 * rates the service, and an org's staff send short surveys to a scope and
 * read the results, anonymous where the survey says so. */
#ifndef LD_SERVICE_VOICE_H
#define LD_SERVICE_VOICE_H

#include "domain/voice.h"
#include "model/rows_voice.h"
#include "service/service.h"

extern const struct resource res_shift_feedback, res_need_ratings, res_surveys;

/* POST /signups/{id}/feedback: the sign-up's volunteer, once its shift has
 * ended and for an accepted sign-up only, rates it (body: a shift_feedback
 * record with rating and comment). The first call makes the feedback
 * (*created 1), later ones replace its rating and comment (*created 0), so
 * a retried request never counts twice. */
enum err svc_feedback_put(struct ctx *x, int64_t signup_id, struct rec *in, struct rec *out, int *created,
			  struct errinfo *ei);
/* The feedback of a sign-up, for whoever may read it (404 when none). */
enum err svc_feedback_of_signup(struct ctx *x, int64_t signup_id, struct rec *out, struct errinfo *ei);

/* A volunteer's past shifts (accepted sign-ups of ended shifts), newest
 * first, at most VOICE_PAST_MAX, each with its feedback: for whoever reads
 * the volunteer. */
#define VOICE_PAST_MAX 50
enum err svc_past_shifts(struct ctx *x, int64_t volunteer_id, struct past_shift **rows, int *n, struct errinfo *ei);

/* An activity's feedback for the staff over its org (and regional admins
 * above, platform admins): every row, at most VOICE_FEEDBACK_MAX. */
#define VOICE_FEEDBACK_MAX 5000
enum err svc_activity_feedback(struct ctx *x, int64_t activity_id, struct feedback_row **rows, int *n,
			       struct errinfo *ei);

/* POST /needs/{id}/rating: the person who raised the need rates it once it
 * is done or closed; same create-then-replace as the feedback. */
enum err svc_need_rating_put(struct ctx *x, int64_t need_id, struct rec *in, struct rec *out, int *created,
			     struct errinfo *ei);
enum err svc_need_rating_get(struct ctx *x, int64_t need_id, struct rec *out, struct errinfo *ei);

/* Ratings counted for an org's subtree (its staff, regional admins above). */
enum err svc_satisfaction(struct ctx *x, int64_t org_id, struct rating_counts *shifts, struct rating_counts *needs,
			  struct errinfo *ei);

/* POST /surveys/{id}/open and /close: draft -> open (sent to its scope:
 * recipients frozen, an inbox notification each) -> closed. 409 naming
 * "status" from another state. */
enum err svc_survey_move(struct ctx *x, int64_t id, enum voice_state to, struct rec *out, struct errinfo *ei);
/* POST /surveys/{id}/answers: a recipient answers an open survey once.
 * 409 when closed or answered before; 422 naming "answers.KEY" for a bad
 * answer (or an unknown key); nothing written on any error. */
enum err svc_survey_answer(struct ctx *x, int64_t id, struct rec *body, struct errinfo *ei);

/* The results of one question. */
struct voice_result {
	struct voice_question q;
	int64_t answered;	/* answers given to this question */
	int64_t *option_counts;	/* choice questions: one per option */
	int64_t scale[5];	/* scale: answers per point 1..5 */
	double average;		/* scale: mean, 2 decimals; 0 without answers */
	struct answer_text *texts;	/* text: the answers */
	int ntexts;
};
struct voice_results {
	struct rec survey;
	int64_t responses;
	struct voice_result *q;
	int nq;
};
/* GET /surveys/{id}/results: for the staff over the survey's org, regional
 * admins above it and platform admins (403 for its respondents). */
#define VOICE_TEXTS_MAX 10000
enum err svc_survey_results(struct ctx *x, int64_t id, struct voice_results *out, struct errinfo *ei);

/* Mean of ratings counted per point 1..5, to 2 decimals (0 for none). */
double voice_average(const int64_t n[5], int64_t *count);

#endif
