/* incident.h - private to service/: the incident and its call-outs as every
 * emergency use case sees them: the incident, call-out and timeline
 * resources, who counts as the incident's staff, the timeline, the tally of
 * call-outs, moving call-outs along (expired, stood down) with the person
 * told, and the one stand-down once enough have accepted.
 *
 * Calls between the emergency files go one way, downwards:
 *
 *   emergency.c (read, assess, close, reports)
 *     -> mobilize.c (mobilise, widen, answers, the lazy deadline check)
 *     -> incident.c (this header)
 *
 * emergency.c also calls incident.c; incident.c calls neither, and
 * mobilize.c never calls emergency.c. */
#ifndef LD_SERVICE_INCIDENT_H
#define LD_SERVICE_INCIDENT_H

#include "domain/callout.h"
#include "service/emergency.h"

/* The incident's status is `status`. */
int emergency_status_is(const struct rec *em, const char *status);
/* Platform admins, and org staff who see the incident through their org. */
int emergency_staff(const struct ctx *x, const struct rec *em);
/* Lock incident `id` for a change by its staff (`what`: "assess", "widen",
 * ...): 404, 403 naming what, or 409 once it is closed. */
enum err emergency_load_staff(struct ctx *x, int64_t id, struct rec *em, const char *what, struct errinfo *ei);
/* "type title", as notifications name the incident (arena). */
const char *emergency_label(struct ctx *x, const struct rec *em);

/* A timeline entry (volunteer_id 0: none). */
enum err emergency_event(struct ctx *x, int64_t emergency_id, const char *kind, int64_t volunteer_id,
			 const char *detail, struct errinfo *ei);
/* The call-outs of em tallied against its needed count. */
enum err emergency_counts(struct ctx *x, const struct rec *em, struct callout_counts *out, struct errinfo *ei);

/* A notification to a person: an SMS queued for the gateway (and an e-mail
 * when the person has an address and takes e-mail), and the inbox of each
 * of the person's accounts. callout_id (0: none) makes it a call-out the
 * person may answer: the SMS says how, the e-mail carries an answer link. */
enum err emergency_notify_person(struct ctx *x, int64_t person_id, const char *kind, const char *subject,
				 const char *body, int64_t emergency_id, int64_t callout_id, struct errinfo *ei);
/* In the caller's transaction, answer call-out `callout_id` for its
 * volunteer, whose person a reply channel has proved (an SMS from the
 * person's phone, an e-mail link's token): the same rules as POST
 * /emergencies/{id}/acks (capacity, repeats, late answers), acting as the
 * system. *out is the call-out after; *changed 0 for a repeat. */
enum err emergency_reply_in(struct ctx *x, int64_t callout_id, enum callout_answer answer, const char *note,
			    struct rec *out, int *changed, struct errinfo *ei);
/* Move call-out `co` to `to` with the time fields that go with it. */
enum err emergency_callout_move(struct ctx *x, struct rec *co, enum callout_status to, struct errinfo *ei);
/* Every still-called call-out of em to `to` (CO_STOOD_DOWN, told why, or
 * CO_EXPIRED), each with its timeline entry. */
enum err emergency_close_called(struct ctx *x, const struct rec *em, enum callout_status to, const char *why,
				struct errinfo *ei);
/* Stand every still-called call-out of em down, telling each why. */
enum err emergency_stand_down(struct ctx *x, const struct rec *em, const char *why, struct errinfo *ei);
/* Tally em's call-outs into *c and, when enough have accepted, stand the
 * still-called down ("enough volunteers have accepted"); *c is the tally
 * from before. */
enum err emergency_enough(struct ctx *x, const struct rec *em, struct callout_counts *c, struct errinfo *ei);

#endif
