/* eligibility.h - who may be placed on a shift, and how well they fit
 * (SPEC 3.8, 3.12; issue 5). One pure rule set, used by sign-ups, by the
 * candidate ranking and by the batch assignment, so a volunteer the matcher
 * proposes is one the sign-up would accept.
 *
 * The rules, in the order they are checked (the first broken one is the
 * verdict):
 *   ended        the shift has already ended
 *   stage        only registered volunteers (志愿服务条例 Art. 7)
 *   held         the volunteer does not hold this shift already (a sign-up
 *                or an open invitation among the bookings)
 *   course       every required course completed
 *   skill        every required skill held
 *   insurance    risky work needs accident insurance covering the shift's
 *                day (Art. 12, 17)
 *   consent      a minor needs a guardian's consent
 *   minor_emergency, minor_night   minors never on emergency-mode work or
 *                on any part of 22:00-06:00 local
 *   background   work with minors needs a clear background check dated
 *                within the year before the shift (未成年人保护法 Art. 62:
 *                people working closely with minors are checked for
 *                records of sexual abuse, maltreatment, trafficking and
 *                violence)
 *   distance     the shift's place within the volunteer's stated travel
 *                distance and within the caller's radius
 *   availability the shift inside the volunteer's weekly windows
 *   hour_cap     the volunteer's booked minutes in the shift's week (Monday
 *                00:00 local) plus this shift within the weekly cap
 *   overlap      no other held shift at the same time
 *
 * Times are unix seconds; "local" is China Standard Time (UTC+8). Dates are
 * yyyymmdd integers (0 = none). Pure C, no allocation, no global state. */
#ifndef LD_DOMAIN_ELIGIBILITY_H
#define LD_DOMAIN_ELIGIBILITY_H

#include <stdint.h>

#define ELIG_MAX_WINDOWS 21

enum elig_rule {
	ELIG_OK = 0,
	ELIG_ENDED,
	ELIG_STAGE,
	ELIG_HELD,
	ELIG_COURSE,
	ELIG_SKILL,
	ELIG_INSURANCE,
	ELIG_CONSENT,
	ELIG_MINOR_EMERGENCY,
	ELIG_MINOR_NIGHT,
	ELIG_BACKGROUND,
	ELIG_DISTANCE,
	ELIG_AVAILABILITY,
	ELIG_HOUR_CAP,
	ELIG_OVERLAP,
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
	double value, limit;	/* distance: km and limit; hour_cap: minutes and cap */
};

/* Check every rule at time `now`, with an optional caller radius (km, 0 =
 * none); the distance in km from home to the shift is written to *km (-1
 * when either place is unknown). Returns the verdict's rule. */
enum elig_rule elig_check(const struct elig_shift *s, const struct elig_volunteer *v, int64_t now, double radius_km,
			  double *km, struct elig_verdict *out);

/* Short API name of a rule ("skill", "hour_cap", ...). */
const char *elig_rule_name(enum elig_rule r);

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
