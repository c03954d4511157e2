/* councils.h - councils (议事会, issue 15 item 4; councils.c): a
 * community's council and its members, meetings, issues and resolutions,
 * and a resolution that becomes a need or an activity. */
#ifndef LD_SERVICE_COUNCILS_H
#define LD_SERVICE_COUNCILS_H

#include "service/service.h"

extern const struct resource res_councils, res_council_members, res_council_meetings, res_council_issues,
	res_resolutions;

/* Turn adopted resolution `id` into a need (activity 0; body a need_entity
 * record decoded without its required fields) or an activity (activity 1;
 * an activity_entity record): the body's fields, the rest defaulted from the
 * resolution (title, description; a need's region is the council's
 * community, its category the community's first menu item, raised_by
 * council), created through the very flow of POST /needs or /activities,
 * linked both ways in the same transaction. 409 duplicate when the
 * resolution became one already, 422 naming outcome when it was rejected.
 * *out is the need or activity made, read back as the caller sees it. */
enum err svc_resolution_become(struct ctx *x, int64_t id, int activity, struct rec *body, struct rec *out,
			       struct errinfo *ei);

#endif
