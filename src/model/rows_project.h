/* rows_project.h - the rows of service projects' particular reads
 * (store/project_store.h), as model/rows.h: plain structs that travel up
 * to the handlers. */
#ifndef LD_MODEL_ROWS_PROJECT_H
#define LD_MODEL_ROWS_PROJECT_H

#include <stdint.h>

/* What the project's data says, each computed source's figure. */
struct project_figures {
	int64_t verified_minutes;	/* service_hours x 60 */
	int64_t volunteers;		/* distinct people with a verified record */
	int64_t activities_held;	/* its own activities ended by `now` */
	int64_t people_served;		/* distinct people: residents of its needs in or past service, clients of
					 * its plans with verified service */
	int64_t new_volunteers;		/* people first registered in [from, to) with its org or a partner */
	int64_t needs_closed;
	int64_t ratings, rating_sum;	/* need ratings and shift feedback on its needs and activities */
	int64_t emergencies;		/* emergencies it answered */
};

/* Verified service by the volunteers' orgs (teams), most minutes first. */
struct project_team {
	int64_t org_id, volunteers, minutes;
	const char *org_name;
};

/* The project's own activities by start, with their verified service. */
struct project_activity {
	int64_t id, org_id, starts_at, ends_at, minutes, volunteers;
	const char *title, *mode, *place;
};

/* Posted expenses by budget line (fen). */
struct project_spend {
	const char *line;
	int64_t fen;
};

#endif
