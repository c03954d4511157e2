/* limits.h - the bounds the API commits to, named once.
 *
 * The handlers check input against these names, and an entity field holding
 * the same value uses the same name, so a bound changes in one place; each
 * comment says where docs/API.md states it. None comes from a law or a
 * standard: they are our own choices, made when each endpoint was written.
 * The bounds of an incident's call-out (count, radius) are in
 * domain/callout.h. libc only. */
#ifndef LD_DOMAIN_LIMITS_H
#define LD_DOMAIN_LIMITS_H

/* ---- lists (docs/API.md "Lists": limit 1-200, default 50) ---- */
#define LIST_LIMIT_DEFAULT 50
#define LIST_LIMIT_MAX 200
#define LIST_Q_MAX 100 /* characters of a list's q (issue 18) */

/* ---- free text given with an action ---- */
/* A note on a stage or status move: volunteers, needs, cases, mandatory
 * reports, closing an incident (docs/API.md states it for needs and
 * mandatory reports). */
#define NOTE_MAX 2000
/* A reason: a manual check-in or check-out by staff, a declined invitation
 * (the invitation's `reason` field holds as much; not in docs/API.md). */
#define REASON_MAX 500

/* ---- attendance (docs/API.md "Attendance": Idempotency-Key 1-200) ---- */
#define IDEM_KEY_MAX 200

/* ---- the recognition list (docs/API.md: limit 1-1000, default 100) ---- */
#define RECOGNITION_LIMIT_DEFAULT 100
#define RECOGNITION_LIMIT_MAX 1000

/* ---- matching (docs/API.md "Candidates", "Batch assignment") ---- */
/* Candidates of one shift: limit 1-200, default 20. */
#define CANDIDATES_LIMIT_DEFAULT 20
#define CANDIDATES_MAX 200
/* A caller's radius around the shift's place, for candidates and proposals:
 * 0-1000 km (0 = none). */
#define MATCH_RADIUS_MAX_KM 1000
/* Shifts in one proposal: given as shift_ids (1-2000), or found for an
 * activity or a region. */
#define MATCH_MAX_SHIFTS 2000
/* A region's shifts are matched over [from, to) of at most 92 days: three
 * calendar months at their longest (July to September), so any quarter fits
 * in one request. */
#define MATCH_WINDOW_DAYS 92

#endif
