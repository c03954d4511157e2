/* emergency.h - emergency mobilisation use cases (应急守护):
 * incidents and their assessment, reports and closing (emergency.c); the
 * call-out itself - mobilise, acknowledgements, stand-down, widening at the
 * deadline - (mobilize.c), over the volunteer index of service/geo.h and
 * the rules of domain/callout.h; the incident, call-out and timeline
 * records both share (incident.c). Calls go one way: emergency.c ->
 * mobilize.c -> incident.c (service/incident.h).
 *
 * Who: org staff (org_admin, supervisor, social_worker) of the incident's
 * org, or of an org whose region holds the incident's region, and platform
 * admins report, assess, mobilise, widen and close; regional admins of the
 * region read; a volunteer called to an incident reads it, answers its own
 * call-out and files reports. */
#ifndef LD_SERVICE_EMERGENCY_H
#define LD_SERVICE_EMERGENCY_H

#include "service/service.h"

/* Incidents, call-outs and the timeline (incident.c); reports (emergency.c). */
extern const struct resource res_emergencies, res_callouts, res_emergency_events, res_emergency_reports;

/* ---- incidents (emergency.c) ---- */
/* Read incident `id` after the lazy deadline check (svc_emergency_settle). */
enum err svc_emergency_get(struct ctx *x, int64_t id, struct rec *out, struct errinfo *ei);
/* The assessment (emergency_assess_body); answers the incident. */
enum err svc_emergency_assess(struct ctx *x, int64_t id, const struct rec *body, struct rec *out,
			      struct errinfo *ei);
/* Close: the still-called are stood down. 409 if already closed. */
enum err svc_emergency_close(struct ctx *x, int64_t id, const char *note, struct rec *out, struct errinfo *ei);
/* 404 / 403 unless the caller reads incident `id` (with staff_only, as
 * staff or regional admin rather than as a called volunteer); then settles
 * it. */
enum err svc_emergency_gate(struct ctx *x, int64_t id, int staff_only, struct errinfo *ei);

/* ---- the call-out (mobilize.c) ---- */
struct mobilized {
	struct rec *rows;	/* the call-outs made, nearest first (arena) */
	int n;
	int64_t wave, needed;
};
/* Call ceil(count x oversubscription) nearest qualified, available
 * volunteers not yet called (emergency_mobilize_body: count, radius_km,
 * defaulting to the assessment's). */
enum err svc_emergency_mobilize(struct ctx *x, int64_t id, const struct rec *body, struct mobilized *out,
				struct errinfo *ei);
/* The `count` nearest qualified, available volunteers not yet called,
 * nearest first, as mobilise would call them, calling no one (a preview for
 * the staff, and the read the benchmarks time); body as for mobilise. */
struct em_pick {
	int64_t volunteer_id, person_id;
	double distance_m;
};
enum err svc_emergency_candidates(struct ctx *x, int64_t id, const struct rec *body, struct em_pick **out, int *n,
				  struct errinfo *ei);
/* Expire the unanswered call-outs and call the next candidates now. */
enum err svc_emergency_widen(struct ctx *x, int64_t id, struct mobilized *out, struct errinfo *ei);
/* An acknowledgement (emergency_ack_body); answers the call-out. *changed
 * is 0 for a repeat that wrote nothing. */
enum err svc_emergency_ack(struct ctx *x, int64_t id, const struct rec *body, struct rec *out, int *changed,
			   struct errinfo *ei);
/* The lazy deadline check: when the current wave's deadline has passed with
 * too few accepts, expire its unanswered call-outs and call the next ones.
 * Cheap when there is nothing to do. */
enum err svc_emergency_settle(struct ctx *x, int64_t id, struct errinfo *ei);

#endif
