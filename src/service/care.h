/* care.h - service delivery use cases: the service menu,
 * needs with their status machine and response times (needs.c), clients
 * with their case stages, mandatory reports and confidential case notes
 * (care.c). */
#ifndef LD_SERVICE_CARE_H
#define LD_SERVICE_CARE_H

#include "service/service.h"

extern const struct resource res_service_menu, res_needs, res_need_events, res_clients, res_client_stages,
	res_mandatory_reports, res_case_notes;

/* ---- needs (needs.c) ---- */
/* Move need `id` as `body` (need_move_body: to, note,
 * assigned_social_worker_id) says; answers the updated need. */
enum err svc_need_move(struct ctx *x, int64_t id, const struct rec *body, struct rec *out, struct errinfo *ei);

struct need_response_time {
	const char *from, *to;
	int64_t count;
	double avg_seconds, median_seconds;	/* meaningful when count > 0 */
};
/* Every legal move with its response times within region `region_id`'s
 * subtree (0: everywhere, platform admins only) and of `category` (NULL:
 * all). *rows is in the arena. */
enum err svc_need_response_times(struct ctx *x, int64_t region_id, const char *category,
				 struct need_response_time **rows, int *n, struct errinfo *ei);

/* ---- clients (care.c) ---- */
enum err svc_client_move(struct ctx *x, int64_t id, const char *to, const char *note, struct rec *out,
			 struct errinfo *ei);
/* Mark mandatory report `id` filed (409 if it already is). */
enum err svc_report_file(struct ctx *x, int64_t id, const char *note, struct rec *out, struct errinfo *ei);
/* May the caller read and write client `client_id`'s case notes? 404 if
 * there is no such client, 403 if the caller may not. */
enum err svc_case_notes_gate(struct ctx *x, int64_t client_id, struct errinfo *ei);

#endif
