/* placement.h - private to service/: placing a volunteer on a shift, the
 * one thing sign-ups, matching and mobilisation share. The facts of a shift
 * and of a volunteer as the pure rules (domain/eligibility) want them, read
 * from the store; the verdict for one volunteer on one shift, in words
 * (placement.c); and the pool of every volunteer in the caller's scope with
 * the facts read set-wise, evaluated shift by shift (candidates.c).
 *
 * Calls between the service files go one way, downwards:
 *
 *   proposals.c (apply, invitations) -> signups.c -> placement.c
 *   batch.c (svc_match)              -> candidates.c -> placement.c
 *   mobilize.c (call-outs)           -> placement.c
 *
 * placement.c calls no other service file, and no file calls one to its
 * left; all of them use the shared helpers of service.h (transactions,
 * audit, access, notifications). batch.c audits a new proposal under
 * proposals.c's res_proposals, a descriptor, not a call. */
#ifndef LD_SERVICE_PLACEMENT_H
#define LD_SERVICE_PLACEMENT_H

#include "service/matching.h"
#include "store/match_store.h"

/* ---- one volunteer, one shift (placement.c) ---- */

/* A shift with its position and activity, and the rules' view of it. */
struct mshift {
	struct rec shift, position, activity;
	struct elig_shift es;
	int64_t open;				/* places still open (batch.c) */
	int64_t *served_act, *served_cli;	/* who served the activity, its client */
	int nact, ncli;
	const char *mode;
};

/* Read shift `shift_id`: 404 naming "id", or with `field` 422 naming it. */
enum err mshift_load(struct ctx *x, int64_t shift_id, const char *field, struct mshift *m, struct errinfo *ei);

/* What the rules need of a volunteer that is not about a particular shift
 * (v's lists are in x's arena; bookings and courses are left empty). */
void placement_volunteer(struct ctx *x, const struct vol_facts *f, struct elig_volunteer *v);

/* The rules' verdict for one volunteer on one shift, with a message for
 * people and the field it names (ERR_RULE, ERR_DUPLICATE or ERR_CONFLICT on
 * a broken rule). Reads inside the caller's transaction. */
enum err placement_check(struct ctx *x, int64_t shift_id, int64_t volunteer_id, struct errinfo *ei);

/* The verdict in words (arena), as domain/eligibility words it, with the
 * title of a missing course read from the store. */
const char *placement_message(struct ctx *x, const struct elig_verdict *w);

/* The placement rules for an emergency call-out at `now` to the place
 * (lat, lon) needing skills[0..nskills): a one-minute emergency-mode
 * "shift" starting now, so minors are never called, a volunteer's weekly
 * windows must hold the moment and their travel limit the distance. The
 * caller checks the radius and availability (busy elsewhere, on a shift
 * now). */
enum elig_rule emergency_rules(struct ctx *x, const struct vol_facts *f, const char *const *skills, int nskills,
			       double lat, double lon, struct elig_verdict *why);

/* Sorted id lists: the qsort order, and membership. */
int ids_cmp(const void *a, const void *b);
int ids_has(const int64_t *sorted, int n, int64_t id);

/* ---- the pool (candidates.c) ---- */

/* The activity modes a volunteer prefers, parsed once per volunteer. */
struct prefs {
	const char **modes;
	int n;
};

/* The registered volunteers in the caller's scope with everything the rules
 * need for some shifts. */
struct pool {
	struct vol_facts *f;
	struct elig_volunteer *v;
	struct prefs *prefs;
	int64_t *recent;	/* minutes in the last 30 days */
	int n;
};

/* The pool for the shifts sh[0..nsh): their held shifts around them, the
 * completions of every course they require, recent minutes. */
enum err pool_load(struct ctx *x, const struct mshift *sh, int nsh, struct pool *P, struct errinfo *ei);

/* Who served m's activity and its client before (for the score). */
enum err mshift_served(struct ctx *x, struct mshift *m, struct errinfo *ei);

/* Volunteer i of the pool on shift m: eligible (1, c->sc set) or not (0,
 * c->why set). */
int pool_evaluate(struct ctx *x, const struct mshift *m, const struct pool *P, int i, double radius_km,
		  struct candidate *c);

#endif
