/* matching.h - matching (供需对接; issue 5): the ranked
 * candidates of a shift (candidates.c), batch assignment proposals solved
 * exactly by domain/match (batch.c), and the invitations a proposal turns
 * into (proposals.c).
 *
 * Every path asks the same pure rules (domain/eligibility) with facts read
 * set-wise from the store (store/match_store) through service/placement.h,
 * which the sign-up asks too, so the matcher never proposes a volunteer the
 * sign-up would refuse. Calls go one way: proposals.c -> signups.c ->
 * placement.c, batch.c -> candidates.c -> placement.c. */
#ifndef LD_SERVICE_MATCHING_H
#define LD_SERVICE_MATCHING_H

#include "domain/eligibility.h"
#include "domain/limits.h"
#include "model/rows.h"
#include "service/service.h"

/* A volunteer as ranked or excluded for a shift. */
struct candidate {
	const struct vol_facts *v;
	double km;			/* -1 when unknown */
	struct score sc;		/* eligible ones */
	struct score_facts sf;		/* what the score was made of */
	struct elig_verdict why;	/* excluded ones */
	const char *message;		/* excluded ones: the rule in words */
};

struct candidates {
	int64_t shift_id;
	int considered, eligible;
	struct candidate *items;	/* best first */
	int n;
	struct candidate *excluded;	/* nearest first (with explain) */
	int nexcluded;
};

enum err svc_candidates(struct ctx *x, int64_t shift_id, int limit, int explain, double radius_km,
			struct candidates *out, struct errinfo *ei);

/* What to match: shift ids, or an activity's coming shifts, or the shifts
 * of a region starting in [from, to). */
struct match_request {
	const int64_t *shift_ids;
	int nshift_ids;
	int64_t activity_id, region_id, from, to;
	double radius_km;		/* 0 = none */
	int one_shift_per_volunteer;	/* default 1 */
	const char *text;		/* the request as given, kept with the proposal */
};

/* One place of a shift in a proposal. */
struct match_place {
	int64_t shift_id, volunteer_id;	/* volunteer 0 = left open */
	int64_t person_id;
	const char *name;
	double km;
	struct score sc;
	const char *why;		/* open places */
};

struct proposal {
	int64_t id, created_at, applied_at;
	const char *status;
	double total_score, greedy_score;
	int64_t demand_slots, filled_slots, greedy_filled;
	int64_t *shift_ids;		/* in the order matched */
	int nshifts;
	struct match_place *places;	/* grouped by shift, filled first */
	int nplaces;
	double solve_ms;		/* only when just solved */
};

enum err svc_match(struct ctx *x, const struct match_request *rq, struct proposal *out, struct errinfo *ei);
enum err svc_match_get(struct ctx *x, int64_t id, struct proposal *out, struct errinfo *ei);
/* Turn a proposal into invitations (idempotent: a second call returns the
 * same invitations). */
enum err svc_match_apply(struct ctx *x, int64_t id, struct rec **rows, int *n, struct errinfo *ei);

extern const struct resource res_invitations, res_proposals;
/* accept (a sign-up, accepted at once: the invitation is the organiser's
 * approval) or decline. */
enum err svc_invitation_decide(struct ctx *x, int64_t id, const char *action, const char *reason, struct rec *out,
			       struct errinfo *ei);

#endif
