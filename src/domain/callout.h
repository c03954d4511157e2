/* callout.h - the rules of an emergency call-out (应急守护):
 * how many volunteers to call, when to widen to the next candidates, when
 * to stand the rest down, and how an acknowledgement moves a call-out.
 *
 * Real call-outs are oversubscribed: many of those called decline or do not
 * answer, so an incident that needs N people calls ceil(N x oversubscription)
 * of the nearest (cardiac-arrest volunteer networks do the same), and stands
 * down the ones still unanswered as soon as N have accepted.
 *
 * A call-out:
 *   called -> accepted | declined | arrived      (arrived implies accepted)
 *   accepted -> arrived | declined               (declined: withdrew)
 *   called -> stood_down (enough accepted, or the incident closed)
 *   called -> expired    (its wave's deadline passed with too few accepts)
 * A stood-down or expired call-out may still be accepted while the incident
 * needs people; otherwise the accept is answered as late, never counted.
 * Repeating an answer changes nothing. libc only. */
#ifndef LD_DOMAIN_CALLOUT_H
#define LD_DOMAIN_CALLOUT_H

#include <stdint.h>

enum callout_status {
	CO_CALLED,
	CO_ACCEPTED,
	CO_DECLINED,
	CO_ARRIVED,
	CO_STOOD_DOWN,
	CO_EXPIRED,
	CO__COUNT
};

enum callout_answer { CA_ACCEPT, CA_DECLINE, CA_ARRIVED, CA__COUNT };

/* NULL-terminated names, indexed by the enums. */
extern const char *const callout_status_names[];
extern const char *const callout_answer_names[];
const char *callout_status_name(enum callout_status s);	/* NULL if out of range */
/* 0 and *out set, or -1 for an unknown name (out may be NULL). */
int callout_status_parse(const char *name, enum callout_status *out);
int callout_answer_parse(const char *name, enum callout_answer *out);

/* Bounds of an incident's call-out settings. */
#define CALLOUT_MAX_NEEDED 500
/* The search radius around the incident, km (docs/API.md: assess, mobilize,
 * candidates). */
#define CALLOUT_RADIUS_MIN_KM 0.05
#define CALLOUT_RADIUS_MAX_KM 500
#define CALLOUT_MAX_CALLED 2000		/* call-outs of one wave at most */
#define CALLOUT_OVERSUB_MIN 1.0
#define CALLOUT_OVERSUB_MAX 5.0
#define CALLOUT_OVERSUB_DEFAULT 2.0
#define CALLOUT_DEADLINE_DEFAULT 180	/* seconds to answer a wave */

/* How many to call so that `remaining` are likely to accept:
 * ceil(remaining x oversub), at least remaining, at most
 * CALLOUT_MAX_CALLED; 0 when remaining <= 0. oversub outside
 * [CALLOUT_OVERSUB_MIN, CALLOUT_OVERSUB_MAX] is clamped. */
int callout_quota(int remaining, double oversub);

/* Where an incident's call-outs stand. accepted counts arrived too; pending
 * are the call-outs still `called`. */
struct callout_counts {
	int needed, accepted, pending;
};

/* What set off the decision. */
enum callout_trigger {
	CT_READ,	/* someone looked at the incident: only the deadline counts */
	CT_DECLINE,	/* a decline or withdrawal: top up if the pending can no longer cover */
	CT_MOBILIZE,	/* staff mobilise: call up to the quota now */
	CT_WIDEN,	/* staff widen: expire the pending and call the next ones now */
};

struct callout_step {
	int expire;	/* 1: the pending call-outs expire first */
	int call;	/* how many new candidates to call (0: none) */
};

/* The step to take now. `deadline` is the current wave's deadline (0: no
 * wave yet); a wave whose deadline has passed (now >= deadline) with too few
 * accepts expires and the next candidates are called. Nothing is called once
 * accepted >= needed. */
struct callout_step callout_plan(const struct callout_counts *c, double oversub, int64_t now, int64_t deadline,
				 enum callout_trigger why);

/* 1 when enough have accepted and some are still pending: stand those down. */
int callout_stand_down(const struct callout_counts *c);

enum callout_ack {
	ACK_APPLY,	/* move to *to */
	ACK_SAME,	/* a repeat, or harmless: nothing to write */
	ACK_LATE,	/* stood down or expired, and no longer needed: refuse clearly */
	ACK_INVALID,	/* not a legal answer from this state (declined, then accept) */
};

/* The effect of `answer` on a call-out in `from`; `still_needed` is 1 when
 * the incident has fewer accepts than it needs. *to is set for ACK_APPLY
 * and ACK_SAME (the state the caller ends in). */
enum callout_ack callout_answer(enum callout_status from, enum callout_answer answer, int still_needed,
				enum callout_status *to);

/* 1 if the status counts as accepted (accepted or arrived). */
int callout_counts_accepted(enum callout_status s);

#endif
