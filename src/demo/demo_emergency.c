/* demo_emergency.c - the demo's emergency (应急守护): an elderly man
 * collapsed near one of the first station's registered volunteers, reported
 * by the station and assessed by its social worker (two first-aiders within
 * 20 km, oversubscribed twice), ready to be mobilised from the UI or with
 * POST /api/v1/emergencies/{id}/mobilize. Through the services, as the API
 * would. */
#include "demo/demo_int.h"
#include "model/codec.h"
#include "service/emergency.h"

enum err demo_emergency(struct ctx *x, struct errinfo *ei)
{
	struct demo d = {.x = x, .ei = ei};
	struct rec *rows = arena_alloc(x->a, sizeof *rows * DEMO_MAXROWS), station, person, em, out;
	int n = 0;
	enum err e = demo_find(&d, &res_orgs, "kind", "social_work_station", 0, NULL, NULL, 0, rows, &n);
	if (e || !n)
		return e;
	station = rows[0];
	if ((e = demo_find(&d, &res_social_workers, "org_id", NULL, station.id, NULL, NULL, 0, rows, &n)) || !n)
		return e;
	int64_t sw = rows[0].id;
	if ((e = demo_find(&d, &res_volunteers, "org_id", NULL, station.id, "stage", "registered", 0, rows, &n)) || !n)
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
