/* eligibility.h - who may be placed on a shift, and how well they fit
 * (issue 5). One pure rule set, used by sign-ups, by the
 * candidate ranking and by the batch assignment, so a volunteer the matcher
 * proposes is one the sign-up would accept.
 *
 * The rules are the table ELIG_RULES below, in the order elig_check checks
 * them (the first broken one is the verdict); why each exists:
 *   stage        only registered volunteers (志愿服务条例 Art. 7)
 *   held         a sign-up or an open invitation among the bookings
 *   insurance    risky work, covering the shift's day (Art. 12, 17)
 *   minor_*      minors never on emergency-mode work or on any part of
 *                22:00-06:00 local
 *   background   a clear check within the year before the shift (未成年人保护法
 *                Art. 62: people working closely with minors are checked
 *                for records of sexual abuse, maltreatment, trafficking and
 *                violence)
 *   distance     within the volunteer's stated travel distance and within
 *                the caller's radius
 *   hour_cap     booked minutes in the shift's week (Monday 00:00 local)
 *                plus this shift within the weekly cap
 *
 * Times are unix seconds; "local" is China Standard Time (UTC+8). Dates are
 * yyyymmdd integers (0 = none). Pure C, no allocation, no global state. */
#ifndef LD_DOMAIN_ELIGIBILITY_H
#define LD_DOMAIN_ELIGIBILITY_H

#include <stddef.h>
#include <stdint.h>

#define ELIG_MAX_WINDOWS 21

/* Every rule once: its enum name, its API code and its message for people.
 * Adding a rule is a line here and its check in elig_check. A message names
 * facts of the verdict in braces: {ref} the course or the other shift,
 * {missing} the skill, {stage} the volunteer's stage, {title} the title of
 * course {ref} (which the caller reads), {value} and {limit} with one
 * decimal, {value_h} and {limit_h} the same minutes as hours, {bound} which
 * limit a distance broke. The words after '|' replace the message when the
 * verdict's value is unknown (negative).
 *
 *       name              code               message */
#define ELIG_RULES(X) \
	X(OK,              "ok",              "eligible") \
	X(ENDED,           "ended",           "the shift has already ended") \
	X(STAGE,           "stage",           "only registered volunteers may sign up (stage is {stage})") \
	X(HELD,            "held",            "the volunteer already holds this shift (a sign-up or an open invitation)") \
	X(COURSE,          "course",          "the position requires course {ref} ({title}), which the volunteer " \
						"has not completed") \
	X(SKILL,           "skill",           "the position requires the skill {missing}") \
	X(INSURANCE,       "insurance",       "risky work needs accident insurance covering the shift (志愿服务条例 Art. 12)") \
	X(CONSENT,         "consent",         "a minor needs a guardian's consent") \
	X(MINOR_EMERGENCY, "minor_emergency", "minors are not placed on emergency work") \
	X(MINOR_NIGHT,     "minor_night",     "minors are not placed on night work (22:00-06:00)") \
	X(BACKGROUND,      "background",      "work with minors needs a background check dated within the year " \
						"before the shift (未成年人保护法 Art. 62)") \
	X(DISTANCE,        "distance",        "{value} km away, beyond the {bound} of {limit} km" \
						"|the volunteer's home is not located, and a radius was asked") \
	X(AVAILABILITY,    "availability",    "the shift falls outside the volunteer's weekly availability") \
	X(HOUR_CAP,        "hour_cap",        "the shift would bring the week to {value_h} h, above the volunteer's " \
						"cap of {limit_h} h") \
	X(OVERLAP,         "overlap",         "the volunteer already holds shift {ref} at that time")

enum elig_rule {
#define X(name, code, message) ELIG_##name,
	ELIG_RULES(X)
#undef X
	ELIG__COUNT
};

/* A weekly window in minutes of the local week: Monday 00:00 = 0, up to
 * 7 * 1440; from < to, never crossing Sunday midnight. */
struct avail_window {
	int from, to;
};

/* A shift the volunteer already holds (a pending, accepted or waitlisted
 * sign-up, or an open invitation). */
struct elig_booking {
	int64_t shift_id, starts_at, ends_at;
};

struct elig_shift {
	int64_t id, starts_at, ends_at;
	int start_ymd, end_ymd;	/* local dates of the start and the end */
	int emergency;		/* the activity's mode is emergency */
	int risky;		/* the position is risky or the activity needs insurance */
	int with_minors;	/* the position works with minors */
	const char *const *skills;	/* required skills */
	int nskills;
	const int64_t *courses;		/* required course ids */
	int ncourses;
	int has_place;
	double lat, lon;
};

struct elig_volunteer {
	int64_t id;
	int registered;
	const char *stage;		/* the pipeline stage, for the message */
	int birth_ymd;			/* 0 = unknown (treated as an adult) */
	int guardian_consent;
	int insured_until_ymd;		/* 0 = none */
	int background_ymd;		/* date of the last clear check, 0 = none */
	const char *const *skills;
	int nskills;
	const int64_t *courses_done;	/* completed course ids, any order */
	int ncourses_done;
	int has_home;
	double lat, lon;
	double max_distance_km;		/* 0 = no limit stated */
	const struct avail_window *windows;	/* none = any time */
	int nwindows;
	double max_weekly_hours;	/* 0 = no cap */
	const struct elig_booking *bookings;	/* held shifts near this one */
	int nbookings;
};

/* Why a volunteer is not eligible: the rule, the API field it concerns and
 * what exactly failed. */
struct elig_verdict {
	enum elig_rule rule;
	const char *field;
	int64_t ref;		/* course: the missing course id; overlap: the other shift */
	const char *missing;	/* skill: the missing skill */
	const char *stage;	/* stage: the volunteer's stage */
	double value, limit;	/* distance: km and limit; hour_cap: minutes and cap */
};

/* Check every rule at time `now`, with an optional caller radius (km, 0 =
 * none); the distance in km from home to the shift is written to *km (-1
 * when either place is unknown). Returns the verdict's rule. */
enum elig_rule elig_check(const struct elig_shift *s, const struct elig_volunteer *v, int64_t now, double radius_km,
			  double *km, struct elig_verdict *out);

/* Short API name of a rule ("skill", "hour_cap", ...). */
const char *elig_rule_name(enum elig_rule r);

/* The verdict in words, from its rule's message, written like snprintf:
 * at most cap bytes with the NUL to buf (which may be NULL when cap is 0);
 * returns the length of the whole message. `title` names the course of an
 * ELIG_COURSE verdict (NULL: "?"). */
size_t elig_message(const struct elig_verdict *w, const char *title, char *buf, size_t cap);

/* Parse one weekly window "mon 08:00-12:00" (days mon..sun, times HH:MM,
 * "24:00" allowed as an end). 0 on success, -1 if malformed. */
int avail_parse(const char *text, struct avail_window *out);


/* ---- the score ----
 * Points of an eligible volunteer for a shift (documented in docs/API.md):
 *   distance    up to 40: 40 * (1 - km / 20), 0 beyond 20 km; 10 when the
 *               distance is unknown
 *   skill_fit   up to 20: 20 * (required skills + 1) / (skills held + 1):
 *               specialists are kept for the positions that need them
 *   continuity  25 if the volunteer served this client before, 10 if this
 *               activity before, else 0
 *   fairness    up to 15: 15 * (1 - recent hours / 20), 0 from 20 hours in
 *               the last 30 days: spread work away from the busiest
 *   preference  10 if the activity's mode is one the volunteer prefers, 5
 *               if the volunteer stated no preference, else 0
 * Each part is rounded to 0.01 so totals are exact in hundredths. */
enum elig_factor { SCORE_DISTANCE, SCORE_SKILL_FIT, SCORE_CONTINUITY, SCORE_FAIRNESS, SCORE_PREFERENCE, SCORE__COUNT };

struct score_facts {
	double km;		/* -1 unknown */
	int required_skills, held_skills;
	int served_client, served_activity;
	int64_t recent_minutes;	/* verified or recorded in the last 30 days */
	int stated_preferences, prefers_mode;
};

struct score {
	double total;
	double part[SCORE__COUNT];
};

void elig_score(const struct score_facts *f, struct score *out);
const char *score_factor_name(enum elig_factor f);

#endif
