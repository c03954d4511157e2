/* rows_voice.h - the rows of voice's particular reads (store/voice_store.h),
 * as model/rows.h: plain structs that travel up to the handlers. */
#ifndef LD_MODEL_ROWS_VOICE_H
#define LD_MODEL_ROWS_VOICE_H

#include <stdint.h>

/* One volunteer's feedback on a shift of an activity (organisers read it). */
struct feedback_row {
	int64_t feedback_id, signup_id, shift_id, shift_starts_at, shift_ends_at, volunteer_id, updated_at;
	int rating;
	const char *volunteer_name, *comment; /* comment NULL when none */
};

/* One of a volunteer's past shifts (accepted, ended), with its feedback
 * (rating 0: not rated yet). */
struct past_shift {
	int64_t signup_id, shift_id, activity_id, starts_at, ends_at;
	const char *title, *place, *comment;
	int rating;
};

/* How many answers chose an option (`choice`) or a scale point (`scale`,
 * 1-5, choice NULL) of a question. */
struct answer_count {
	const char *question_key, *choice;
	int scale;
	int64_t count;
};

/* A text answer: who only for a survey that is not anonymous. */
struct answer_text {
	const char *question_key, *text;
	int64_t person_id; /* 0 = nobody named */
	const char *name;
};

/* Ratings 1-5 counted (index 0 = rating 1). */
struct rating_counts {
	int64_t n[5];
};

#endif
