/* records.h - pure rules that make a service record hold up (issue 12):
 * when a volunteer may check in and out by themself, whether a finished
 * attendance fell outside that window, the minutes it is worth, who may
 * verify a record and by how much a verifier may change its hours.
 *
 * Times are unix seconds. A rule's verdict comes with its field and
 * message, which the API answers as they are. */
#ifndef LD_DOMAIN_RECORDS_H
#define LD_DOMAIN_RECORDS_H

#include <stdint.h>

/* Defaults of `serve --checkin-lead` and `--checkout-grace` (minutes), and
 * the most either may be (a week). */
#define CHECKIN_LEAD_DEFAULT_MIN 30
#define CHECKOUT_GRACE_DEFAULT_MIN 120
#define ATTENDANCE_MINUTES_MAX (7 * 24 * 60)

struct window {
	int64_t starts_at, ends_at;	/* the shift */
	int64_t lead, grace;		/* seconds */
};

/* A verdict: ok, or the field at fault and why (static text). */
struct verdict {
	int ok;
	const char *field, *message;
};

/* May a volunteer check in by themself at `now`: from lead before the start
 * until the end, both included. */
struct verdict checkin_window(const struct window *w, int64_t now);
/* May a volunteer check out by themself at `now`: until grace after the
 * end, included. */
struct verdict checkout_window(const struct window *w, int64_t now);
/* 1 if staff recorded by hand a check-in at `in` (in_manual) or a
 * check-out at `out` (out_manual) outside the window; a volunteer's own
 * checks were held to it when made. */
int attendance_outside_window(const struct window *w, int64_t in, int in_manual, int64_t out, int out_manual);
/* Whole minutes served between in and out (rounded to the nearest),
 * capped at the shift's length. */
int64_t served_minutes(const struct window *w, int64_t in, int64_t out);

/* Who may verify a record: not the record's volunteer (by person), and a
 * manual record not its recorder (by user). A caller id of 0 is the command
 * line, which no rule binds. */
struct verdict verify_allowed(int64_t caller_person, int64_t caller_user, int64_t volunteer_person, int manual,
			      int64_t recorder_user);

/* New minutes at verification: `want` (< 0 = keep) against the recorded
 * `minutes` and the record's span `span_minutes`; a reason is needed for
 * more. *extended is set when the hours grow. */
struct verdict verify_minutes(int64_t minutes, int64_t span_minutes, int64_t want, const char *reason,
			      int64_t *out, int *extended);

#endif
