/* demo_emergency.c - the demo's emergency (SPEC 3.13): an elderly man
 * collapsed near one of the first station's registered volunteers, reported
 * by the station and assessed by its social worker (two first-aiders within
 * 20 km, oversubscribed twice), ready to be mobilised from the UI or with
 * POST /api/v1/emergencies/{id}/mobilize. Through the services, as the API
 * would. */
#include <string.h>

#include "model/codec.h"
#include "service/emergency.h"

#define MAXROWS 50

/* Rows of `res` with filter `param` = v. */
static enum err find(struct ctx *x, const struct resource *res, const char *param, int64_t v, const char *stage,
		     struct rec *rows, int *n, struct errinfo *ei)
{
	struct val f[16] = {{0}};
	for (int i = 0; i < res->e->nfilters && i < 16; i++) {
		if (strcmp(res->e->filters[i].param, param) == 0)
			f[i] = (struct val){.set = 1, .i = v};
		if (stage && strcmp(res->e->filters[i].param, "stage") == 0)
			f[i] = (struct val){.set = 1, .s = stage};
	}
	return svc_list(x, res, 0, MAXROWS, f, rows, n, ei);
}

enum err demo_emergency(struct ctx *x, struct errinfo *ei)
{
	struct rec *rows = arena_alloc(x->a, sizeof *rows * MAXROWS), station, person, em, out;
	int n = 0;
	struct val f[16] = {{0}};
	for (int i = 0; i < org_entity.nfilters && i < 16; i++)
		if (strcmp(org_entity.filters[i].param, "kind") == 0)
			f[i] = (struct val){.set = 1, .s = "social_work_station"};
	enum err e = svc_list(x, &res_orgs, 0, 1, f, rows, &n, ei);
	if (e || !n)
		return e;
	station = rows[0];
	if ((e = find(x, &res_social_workers, "org_id", station.id, NULL, rows, &n, ei)) || !n)
		return e;
	int64_t sw = rows[0].id;
	if ((e = find(x, &res_volunteers, "org_id", station.id, "registered", rows, &n, ei)) || !n)
		return e;
	if ((e = svc_get(x, &res_people, rec_int(&rows[0], VOLUNTEER_PERSON_ID, 0), &person, ei)))
		return e;
	const char **skills;
	int nskills = codec_strings(rec_text(&person, PERSON_SKILLS), &skills, x->a);

	rec_init(&em, &emergency_entity);
	rec_set_text(&em, EMERGENCY_TYPE, "medical");
	rec_set_text(&em, EMERGENCY_TITLE, "老人晕倒");
	rec_set_text(&em, EMERGENCY_DESCRIPTION, "七旬老人在菜市场门口晕倒，家属已拨打 120");
	rec_set_text(&em, EMERGENCY_PLACE, "菜市场门口");
	rec_set_real(&em, EMERGENCY_LAT, rec_cval(&person, PERSON_LAT)->r + 0.004);
	rec_set_real(&em, EMERGENCY_LON, rec_cval(&person, PERSON_LON)->r - 0.003);
	rec_set_int(&em, EMERGENCY_REGION_ID, rec_int(&station, ORG_REGION_ID, 0));
	rec_set_int(&em, EMERGENCY_ORG_ID, station.id);
	rec_set_text(&em, EMERGENCY_SEVERITY, "critical");
	if ((e = svc_create(x, &res_emergencies, &em, &out, ei)))
		return e;

	struct rec body;
	rec_init(&body, &emergency_assess_body);
	rec_set_int(&body, EMERGENCY_ASSESS_NEEDED_COUNT, 2);
	rec_set_real(&body, EMERGENCY_ASSESS_RADIUS_KM, 20);
	if (nskills)
		rec_set_text(&body, EMERGENCY_ASSESS_REQUIRED_SKILLS, arena_printf(x->a, "[\"%s\"]", skills[0]));
	rec_set_text(&body, EMERGENCY_ASSESS_PLAN, "一人心肺复苏，一人疏散围观人群并引导救护车；到场后向社工站报告");
	rec_set_real(&body, EMERGENCY_ASSESS_OVERSUBSCRIPTION, 2.0);
	rec_set_int(&body, EMERGENCY_ASSESS_ACK_DEADLINE_S, 180);
	rec_set_int(&body, EMERGENCY_ASSESS_SOCIAL_WORKER_ID, sw);
	return svc_emergency_assess(x, out.id, &body, &out, ei);
}
