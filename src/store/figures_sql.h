/* figures_sql.h - SQL fragments counted the same way wherever a figure is
 * reported: a service project's indicators (project_store.c) and the city
 * data screen (stats_store.c). */
#ifndef LD_STORE_FIGURES_SQL_H
#define LD_STORE_FIGURES_SQL_H

/* The people served, once each (column pid): the residents who raised a
 * need (n) now in or past service, and the clients of a plan (pl, c)
 * whose activity has verified service (sr). need_where, plan_where and
 * record_where narrow each. */
#define PEOPLE_SERVED(need_where, plan_where, record_where)                                                  \
	"(SELECT n.raised_by_person_id AS pid FROM needs n WHERE " need_where                                \
	" AND n.raised_by_person_id IS NOT NULL AND n.status IN ('in_service', 'done', 'closed')"            \
	" UNION SELECT c.person_id FROM plans pl JOIN clients c ON c.id = pl.client_id WHERE " plan_where   \
	" AND EXISTS (SELECT 1 FROM service_records sr WHERE sr.activity_id = pl.activity_id"               \
	" AND sr.status = 'verified' AND " record_where "))"

/* Volunteer v first registered in [from, to): moved into registered in
 * it and never before. */
#define FIRST_REGISTERED_IN(v, from, to)                                                                     \
	"EXISTS (SELECT 1 FROM volunteer_stage_events e WHERE e.volunteer_id = " v ".id"                     \
	" AND e.to_stage = 'registered' AND e.at >= " from " AND e.at < " to ") AND NOT EXISTS (SELECT 1"     \
	" FROM volunteer_stage_events e WHERE e.volunteer_id = " v ".id AND e.to_stage = 'registered'"       \
	" AND e.at < " from ")"

#endif
