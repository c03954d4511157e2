/* care.c - the service menu (服务清单) and casework (个案).
 *
 * Service menu: every signed-in user reads it; platform admins, regional
 * admins over the region and org admins of an org whose region holds it
 * write it.
 *
 * Clients: written by org staff of the client's org subtree; read by them,
 * by regional admins of the org's region (the person masked, no case notes)
 * and by the volunteer who follows the client. The rules of domain/casework.h:
 * consent required, care level for elderly only (with its service package),
 * a student-aid client followed by one social worker and one volunteer,
 * capacity presumed from age, case stages one step forward with their
 * history, and a mandatory report (反家庭暴力法 Art. 14) for a domestic-
 * violence victim without full capacity.
 *
 * Case notes: encrypted at rest with the deployment key; read and written
 * only by the client's social worker, that worker's supervisor, org admins
 * over the client's org and platform admins. */
#include <stdio.h>
#include <string.h>

#include "domain/timefmt.h"
#include "crypto/crypto.h"
#include "domain/casework.h"
#include "domain/idcard.h"
#include "domain/mask.h"
#include "service/care.h"
#include "service/keys.h"
#include "store/store.h"

static const struct scope scope_all = {.all = 1};

static int is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* A binding of the caller with one of `roles`, bound to an org whose region
 * holds region path `path`. */
static int org_region_covers(const struct principal *p, unsigned roles, const char *path)
{
	for (int i = 0; p && path && i < p->nroles; i++) {
		int r = role_parse(p->roles[i].role);
		const char *rp = p->roles[i].org_region_path;
		if (r >= 0 && (roles & RB(r)) && p->roles[i].org_id && rp && strncmp(path, rp, strlen(rp)) == 0)
			return 1;
	}
	return 0;
}

/* ---- service menu ---- */
static enum err menu_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	if (access_platform(x->who))
		return ERR_OK;
	const char *path;
	enum err e = region_path(x, rec_int(nw, SERVICE_MENU_REGION_ID, 0), "region_id", &path, ei);
	if (e)
		return e;
	if (access_region(x->who, path) || org_region_covers(x->who, RB(R_ORG_ADMIN), path))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "region_id", "the region's service menu is outside the caller's scope");
}

static enum err menu_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)x;
	(void)old;
	(void)ei;
	if (!rec_has(nw, SERVICE_MENU_ACTIVE))
		rec_set_int(nw, SERVICE_MENU_ACTIVE, 1);
	return ERR_OK;
}

const struct resource res_service_menu = {
	.e = &service_menu_entity,
	.authorize = menu_authorize,
	.prepare = menu_prepare,
};

/* ---- clients ---- */
static enum err client_staff(struct ctx *x, int64_t org_id, const char **org_path, struct errinfo *ei)
{
	const char *path;
	enum err e = org_paths(x, org_id, "org_id", &path, NULL, ei);
	if (e)
		return e;
	if (org_path)
		*org_path = path;
	if (access_org(x->who, ROLES_ORG_STAFF, path))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, "org_id", "only staff of the client's organisation may do this");
}

static enum err client_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return client_staff(x, rec_int(nw, CLIENT_ORG_ID, 0), NULL, ei);
}

static int changed(const struct rec *nw, const struct rec *old, int f)
{
	return rec_has(nw, f) && (!old || !rec_has(old, f) || rec_int(old, f, 0) != rec_int(nw, f, 0));
}

/* The social worker must be one who can read the client: of its org or of
 * an org above it. */
static enum err check_social_worker(struct ctx *x, const struct rec *nw, struct errinfo *ei)
{
	return svc_sw_over_org(x, rec_int(nw, CLIENT_SOCIAL_WORKER_ID, 0), rec_int(nw, CLIENT_ORG_ID, 0),
			       "social_worker_id", ei);
}

/* The social worker who owns a case holds what the rules ask (issue 15):
 * case_owner for any case, and the rule of its category (a domestic-
 * violence or child-protection case); checked when the owner or the
 * category changes. */
static enum err check_case_qualification(struct ctx *x, const struct rec *nw, const struct rec *old,
					 struct errinfo *ei)
{
	int64_t sw = rec_int(nw, CLIENT_SOCIAL_WORKER_ID, 0);
	if (!sw || (old && !changed(nw, old, CLIENT_SOCIAL_WORKER_ID) &&
		    strcmp(rec_text(nw, CLIENT_CATEGORY), rec_text(old, CLIENT_CATEGORY)) == 0))
		return ERR_OK;
	enum err e = svc_qual_require(x, QW_CASE_OWNER, sw, "social_worker_id", ei);
	int w = qual_case_work(rec_text(nw, CLIENT_CATEGORY));
	if (!e && w >= 0)
		e = svc_qual_require(x, (enum qual_work)w, sw, "social_worker_id", ei);
	return e;
}

static enum err check_volunteer(struct ctx *x, const struct rec *nw, struct errinfo *ei)
{
	struct rec v;
	enum err e = store_get(x->c, &vol_entity, rec_int(nw, CLIENT_VOLUNTEER_ID, 0), NULL, &v, x->a);
	if (e)
		return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "volunteer_id", "no such volunteer");
	if (!is(rec_text(&v, VOLUNTEER_STAGE), "registered"))
		return err_set(ei, ERR_RULE, "volunteer_id", "only a registered volunteer may follow a client");
	return ERR_OK;
}

/* The person's age in years, or -1 when their birth date is unknown. */
static int person_age(struct ctx *x, int64_t person_id)
{
	struct rec p;
	int y, m, d;
	if (store_get(x->c, &person_entity, person_id, NULL, &p, x->a))
		return -1;
	const char *birth = rec_text(&p, PERSON_BIRTH_DATE);
	if (!birth || date_parse(birth, &y, &m, &d))
		return -1;
	return age_on(y, m, d, today_ymd(x->now));
}

static enum err check_capacity(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	int age = person_age(x, rec_int(nw, CLIENT_PERSON_ID, 0));
	enum capacity cap;
	if (!rec_has(nw, CLIENT_CAPACITY)) {
		rec_set_text(nw, CLIENT_CAPACITY, capacity_names[age < 0 ? CAP_FULL : capacity_for_age(age)]);
		return ERR_OK;
	}
	if (capacity_parse(rec_text(nw, CLIENT_CAPACITY), &cap) < 0)
		return err_set(ei, ERR_INVALID, "capacity", "capacity is not one of the allowed values");
	if (age >= 0 && (!old || !is(rec_text(old, CLIENT_CAPACITY), rec_text(nw, CLIENT_CAPACITY))) && !capacity_allowed(age, cap))
		return err_setf(ei, ERR_INVALID, "capacity", "a person aged %d cannot have %s legal capacity", age,
				capacity_names[cap]);
	return ERR_OK;
}

static enum err client_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	enum client_category cat;
	if (old && is(rec_text(old, CLIENT_CASE_STAGE), case_stage_names[CS_CLOSURE]))
		return err_set(ei, ERR_CONFLICT, NULL, "a closed case cannot be changed");
	if (!rec_int(nw, CLIENT_CONSENT, 0))
		return err_set(ei, ERR_RULE, "consent", "the client's consent to keeping their data is required");
	if (client_category_parse(rec_text(nw, CLIENT_CATEGORY), &cat) < 0)
		return err_set(ei, ERR_INVALID, "category", "category is not one of the allowed values");
	switch (client_check(cat, rec_has(nw, CLIENT_CARE_LEVEL), rec_has(nw, CLIENT_SOCIAL_WORKER_ID),
			     rec_has(nw, CLIENT_VOLUNTEER_ID))) {
	case CR_OK:
		break;
	case CR_CARE_LEVEL_REQUIRED:
		return err_set(ei, ERR_REQUIRED, "care_level", "an elderly client needs a care level");
	case CR_CARE_LEVEL_FORBIDDEN:
		return err_set(ei, ERR_INVALID, "care_level", "only elderly clients have a care level");
	case CR_SOCIAL_WORKER_REQUIRED:
		return err_set(ei, ERR_REQUIRED, "social_worker_id",
			       "a student-aid client is followed by one social worker");
	case CR_VOLUNTEER_REQUIRED:
		return err_set(ei, ERR_REQUIRED, "volunteer_id", "a student-aid client is followed by one volunteer");
	}
	if (cat != CC_STUDENT_AID && rec_has(nw, CLIENT_SCHOOL_STAGE))
		return err_set(ei, ERR_INVALID, "school_stage", "only student-aid clients have a school stage");
	if (changed(nw, old, CLIENT_SOCIAL_WORKER_ID) && (e = check_social_worker(x, nw, ei)))
		return e;
	if ((e = check_case_qualification(x, nw, old, ei)))
		return e;
	if (changed(nw, old, CLIENT_VOLUNTEER_ID) && (e = check_volunteer(x, nw, ei)))
		return e;
	if ((e = check_capacity(x, nw, old, ei)))
		return e;
	if (!old) {
		rec_set_text(nw, CLIENT_CASE_STAGE, case_stage_names[CS_INTAKE]);
		rec_set_int(nw, CLIENT_CONSENT_AT, x->now);
	}
	return ERR_OK;
}

static enum err case_event(struct ctx *x, int64_t client_id, const char *from, const char *to, const char *note,
			   struct errinfo *ei)
{
	struct rec ev;
	static const struct history_keys k = {&client_stage_event_entity, CLIENT_STAGE_EVENT_CLIENT_ID,
						     CLIENT_STAGE_EVENT_FROM, CLIENT_STAGE_EVENT_TO,
						     CLIENT_STAGE_EVENT_NOTE, CLIENT_STAGE_EVENT_BY_USER_ID,
						     CLIENT_STAGE_EVENT_AT};
	svc_history(x, &ev, &k, client_id, from, to, note);
	return store_insert(x->c, &ev, ei);
}

static const char report_reason[] =
	"反家庭暴力法第十四条：无民事行为能力人、限制民事行为能力人遭受或者疑似遭受家庭暴力的，"
	"应当及时向公安机关报案。The client is a suspected domestic-violence victim without full legal "
	"capacity: report to the police (Anti-Domestic Violence Law Art. 14).";

/* Raise the mandatory report once per client, when the rule first holds. */
static enum err report_if_due(struct ctx *x, const struct rec *client, struct errinfo *ei)
{
	enum client_category cat;
	enum capacity cap;
	if (client_category_parse(rec_text(client, CLIENT_CATEGORY), &cat) < 0 ||
	    capacity_parse(rec_text(client, CLIENT_CAPACITY), &cap) < 0 || !mandatory_report_due(cat, cap))
		return ERR_OK;
	struct val f[2] = {{.set = 1, .i = client->id}, {0}};
	struct rec found;
	int n = 0;
	enum err e = store_list(x->c, &mandatory_report_entity, &scope_all, 0, 1, f, &found, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (n)
		return ERR_OK;
	struct rec r;
	rec_init(&r, &mandatory_report_entity);
	rec_set_int(&r, MANDATORY_REPORT_CLIENT_ID, client->id);
	rec_set_text(&r, MANDATORY_REPORT_REASON, report_reason);
	rec_set_text(&r, MANDATORY_REPORT_STATUS, "open");
	rec_set_int(&r, MANDATORY_REPORT_CREATED_AT, x->now);
	rec_set_null(&r, MANDATORY_REPORT_FILED_AT);
	rec_set_null(&r, MANDATORY_REPORT_FILED_BY_USER_ID);
	rec_set_null(&r, MANDATORY_REPORT_FILED_NOTE);
	if ((e = store_insert(x->c, &r, ei)))
		return e;
	if ((e = svc_audit(x, "create", &res_mandatory_reports, r.id, NULL, &r)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

static enum err client_after(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (!old && (e = case_event(x, nw->id, NULL, case_stage_names[CS_INTAKE], "intake", ei)))
		return e;
	return report_if_due(x, nw, ei);
}

/* The service package as the JSON text of a list of strings. */
static const char *package_json(struct ctx *x, const char *care_level)
{
	enum care_level l;
	const char *out = "[";
	if (care_level_parse(care_level, &l) == 0)
		for (const char *const *p = care_package(l); *p; p++)
			out = arena_printf(x->a, "%s%s\"%s\"", out, p == care_package(l) ? "" : ",", *p);
	return arena_printf(x->a, "%s]", out);
}

/* Person fields by reader: org staff (and platform admins) see the name;
 * the volunteer who follows the client the name too; regional admins a
 * masked name and no person_id. The phone is masked for everyone (issue 13;
 * staff who must call ask for it: POST /people/{id}/reveal). */
static void client_present(struct ctx *x, struct rec *r, int mask_all)
{
	rec_set_text(r, CLIENT_SERVICE_PACKAGE, package_json(x, rec_text(r, CLIENT_CARE_LEVEL)));
	rec_set_null(r, CLIENT_PERSON_NAME);
	rec_set_null(r, CLIENT_PERSON_PHONE);
	if (mask_all)
		return;
	int full = access_platform(x->who) || r->vis_org, name_plain = full || r->vis_self;
	int64_t person_id = rec_int(r, CLIENT_PERSON_ID, 0);
	if (!name_plain)
		rec_set_null(r, CLIENT_PERSON_ID);
	struct rec p;
	if (store_get(x->c, &person_entity, person_id, NULL, &p, x->a))
		return;
	const char *name = rec_text(&p, PERSON_NAME), *enc = rec_text(&p, PERSON_PHONE_ENC);
	char *phone = enc ? svc_open(x, enc) : NULL;
	char buf[256];
	if (name && !name_plain) {
		mask_name(name, buf, sizeof buf);
		name = arena_strdup(x->a, buf);
	}
	if (phone) {
		mask_phone(phone, buf, sizeof buf);
		phone = arena_strdup(x->a, buf);
	}
	rec_set_text(r, CLIENT_PERSON_NAME, name);
	rec_set_text(r, CLIENT_PERSON_PHONE, phone);
}

/* Regional admins do not learn who a client is: not from the record, and
 * not by filtering on a person either. */
static enum err client_filters(struct ctx *x, struct val *f, struct errinfo *ei)
{
	const struct entity *e = &client_entity;
	for (int i = 0; i < e->nfilters; i++)
		if (f[i].set && strcmp(e->filters[i].param, "person_id") == 0 && !access_platform(x->who) &&
		    !(x->who->role_mask & ROLES_ORG_STAFF) && (x->who->role_mask & RB(R_REGIONAL_ADMIN)))
			return err_set(ei, ERR_FORBIDDEN, "person_id", "regional admins cannot look clients up by person");
	return ERR_OK;
}

const struct resource res_clients = {
	.e = &client_entity,
	.authorize = client_authorize,
	.prepare = client_prepare,
	.after = client_after,
	.present = client_present,
	.filters = client_filters,
};

const struct resource res_client_stages = {
	.e = &client_stage_event_entity,
	.no_create = 1,
	.no_update = 1,
};

/* ---- case stages ---- */
struct case_args {
	int64_t id;
	const char *to, *note;
};

static enum err do_case_move(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct case_args *m = arg;
	struct rec old, nw;
	enum case_stage from, to;
	enum err e;
	if ((e = svc_load_for_write(x, &client_entity, m->id, &old, ei)) ||
	    (e = client_staff(x, rec_int(&old, CLIENT_ORG_ID, 0), NULL, ei)))
		return e;
	if (case_stage_parse(m->to, &to) < 0)
		return err_set(ei, ERR_INVALID, "to", "to is not a case stage");
	if (case_stage_parse(rec_text(&old, CLIENT_CASE_STAGE), &from) < 0)
		return err_set(ei, ERR_INTERNAL, NULL, "stored case stage is unknown");
	if (!case_can_move(from, to))
		return err_setf(ei, ERR_TRANSITION, "to", "a case moves one stage forward at a time, not from %s to %s",
				case_stage_names[from], case_stage_names[to]);
	nw = old;
	rec_set_text(&nw, CLIENT_CASE_STAGE, case_stage_names[to]);
	rec_set_int(&nw, CLIENT_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)) ||
	    (e = case_event(x, m->id, case_stage_names[from], case_stage_names[to], m->note, ei)))
		return e;
	if ((e = svc_audit(x, "stage", &res_clients, m->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_client_move(struct ctx *x, int64_t id, const char *to, const char *note, struct rec *out,
			 struct errinfo *ei)
{
	struct case_args m = {id, to, note};
	enum err e = svc_tx(x, do_case_move, &m, ei);
	return e ? e : svc_get(x, &res_clients, id, out, ei);
}

/* ---- mandatory reports ---- */
const struct resource res_mandatory_reports = {
	.e = &mandatory_report_entity,
	.no_create = 1,
	.no_update = 1,
};

struct file_args {
	int64_t id;
	const char *note;
};

static enum err do_file(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct file_args *f = arg;
	struct rec old, nw, client;
	enum err e;
	if ((e = svc_load_for_write(x, &mandatory_report_entity, f->id, &old, ei)))
		return e;
	if ((e = store_get(x->c, &client_entity, rec_int(&old, MANDATORY_REPORT_CLIENT_ID, 0), NULL, &client, x->a)))
		return err_set(ei, e, NULL, NULL);
	if ((e = client_staff(x, rec_int(&client, CLIENT_ORG_ID, 0), NULL, ei)))
		return e;
	if (is(rec_text(&old, MANDATORY_REPORT_STATUS), "filed"))
		return err_set(ei, ERR_CONFLICT, NULL, "the report has already been filed");
	nw = old;
	rec_set_text(&nw, MANDATORY_REPORT_STATUS, "filed");
	rec_set_int(&nw, MANDATORY_REPORT_FILED_AT, x->now);
	if (x->who)
		rec_set_int(&nw, MANDATORY_REPORT_FILED_BY_USER_ID, x->who->user_id);
	rec_set_text(&nw, MANDATORY_REPORT_FILED_NOTE, f->note);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	if ((e = svc_audit(x, "file", &res_mandatory_reports, f->id, &old, &nw)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_report_file(struct ctx *x, int64_t id, const char *note, struct rec *out, struct errinfo *ei)
{
	struct file_args f = {id, note};
	enum err e = svc_tx(x, do_file, &f, ei);
	return e ? e : svc_get(x, &res_mandatory_reports, id, out, ei);
}

/* ---- case notes ---- */
enum err svc_case_notes_gate(struct ctx *x, int64_t client_id, struct errinfo *ei)
{
	struct rec client, sw, sup;
	const char *path;
	enum err e;
	if ((e = svc_load_visible(x, &client_entity, client_id, &client, ei)))
		return e;
	if (access_platform(x->who))
		return ERR_OK;
	if ((e = org_paths(x, rec_int(&client, CLIENT_ORG_ID, 0), "org_id", &path, NULL, ei)))
		return e;
	if (access_org(x->who, RB(R_ORG_ADMIN), path))
		return ERR_OK;
	int64_t me = x->who->person_id;
	if (me && rec_has(&client, CLIENT_SOCIAL_WORKER_ID) &&
	    !store_get(x->c, &sw_entity, rec_int(&client, CLIENT_SOCIAL_WORKER_ID, 0), NULL, &sw, x->a)) {
		if (rec_int(&sw, SOCIAL_WORKER_PERSON_ID, 0) == me)
			return ERR_OK;
		if (rec_has(&sw, SOCIAL_WORKER_SUPERVISOR_ID) &&
		    !store_get(x->c, &sw_entity, rec_int(&sw, SOCIAL_WORKER_SUPERVISOR_ID, 0), NULL, &sup, x->a) &&
		    rec_int(&sup, SOCIAL_WORKER_PERSON_ID, 0) == me)
			return ERR_OK;
	}
	return err_set(ei, ERR_FORBIDDEN, NULL,
		       "case notes are confidential: only the client's social worker, its supervisor and org admins "
		       "read them");
}

static enum err note_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	return svc_case_notes_gate(x, rec_int(nw, CASE_NOTE_CLIENT_ID, 0), ei);
}

static enum err note_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	const char *sealed;
	enum err e = svc_protect(x, rec_text(nw, CASE_NOTE_TEXT), &sealed, NULL, ei);
	if (e)
		return e;
	rec_set_text(nw, CASE_NOTE_TEXT_ENC, sealed);
	if (x->who)
		rec_set_int(nw, CASE_NOTE_BY_USER_ID, x->who->user_id);
	else
		rec_set_null(nw, CASE_NOTE_BY_USER_ID);
	rec_set_int(nw, CASE_NOTE_AT, x->now);
	return ERR_OK;
}

/* Decrypted for readers; never in an audit snapshot. */
static void note_present(struct ctx *x, struct rec *r, int mask_all)
{
	const char *enc = rec_text(r, CASE_NOTE_TEXT_ENC);
	rec_set_text(r, CASE_NOTE_TEXT, mask_all || !enc ? NULL : svc_open(x, enc));
}

const struct resource res_case_notes = {
	.e = &case_note_entity,
	.authorize = note_authorize,
	.prepare = note_prepare,
	.present = note_present,
	.no_update = 1,
};
