/* project.h - the rules of service projects (项目化运作, issue 16): how a
 * project's status moves, how far through its period it is, what each
 * indicator should have reached by now and whether it is behind, and the
 * budget's sum. Pure: no store, no time source. */
#ifndef LD_DOMAIN_PROJECT_H
#define LD_DOMAIN_PROJECT_H

#include <stdint.h>

enum project_status { PS_PLANNED, PS_RUNNING, PS_CLOSING, PS_ACCEPTED, PS_FAILED, PS__COUNT };

/* The status of an API name, or -1. */
int project_status_parse(const char *name);
const char *project_status_name(enum project_status s);
/* May staff move a project from `from` to `to` by hand (PATCH)? planned ->
 * running -> closing, and closing back to running; accepted and failed
 * come only from a final evaluation (project_status_after_final). Same
 * status: 1. */
int project_status_can_move(enum project_status from, enum project_status to);
/* May an evaluation of `stage` ("mid" or "final") be made in status s?
 * A mid-term one while running, a final one while running or closing. */
int project_evaluation_allowed(enum project_status s, int final);
/* The status after a final evaluation's decision ("pass", "rectify",
 * "fail"): accepted, unchanged (-1), failed. */
int project_status_after_final(const char *decision);

/* The share of the period [start_day, end_day] (day numbers, both
 * included) gone by the end of `today`: 0 before it starts, 1 after it
 * ends. */
double project_elapsed_share(int64_t start_day, int64_t end_day, int64_t today);

/* Indicator sources; a level (satisfaction) is expected at its target from
 * the start, a count grows with the period. */
enum indicator_source {
	IS_PEOPLE_SERVED,
	IS_SERVICE_HOURS,
	IS_ACTIVITIES,
	IS_VOLUNTEERS,
	IS_NEW_VOLUNTEERS,
	IS_NEEDS_CLOSED,
	IS_SATISFACTION,
	IS_MANUAL,
	IS__COUNT
};
int indicator_source_parse(const char *name);
/* What the indicator should have reached by now: target x share for a
 * count, the target for a level once the period has begun (0 before). */
double indicator_expected(enum indicator_source s, double target, double share);
/* Behind: a count short of what is expected by now; a level (with at
 * least one rating: `measured`) below its target. */
int indicator_behind(enum indicator_source s, double actual, double expected, int measured);

/* The budget's lines: their sum into *sum; -1 if a line repeats (its
 * index in *bad) or the sum overflows, 0 ok. */
int project_budget_sum(const char *const *lines, const int64_t *amounts, int n, int64_t *sum, int *bad);

#endif
