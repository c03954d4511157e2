/* corrections.c - a volunteer's request to correct a service record, and
 * its answer (issue 12).
 *
 * The record's volunteer asks, with a reason; one request is open per
 * record at a time (a partial unique index backs the check). Staff of the
 * record's org answer: refuse with an answer, or resolve by voiding the
 * record and recording it again with replaces_id (the ledger is never
 * edited), all in one transaction. The volunteer is told in the inbox
 * either way, and the org's staff when a request arrives. */
#include <string.h>

#include "domain/limits.h"
#include "service/service.h"
#include "store/match_store.h"
#include "store/store.h"

/* The correction's volunteer is told the answer in the inbox. */
static enum err tell_volunteer(struct ctx *x, const struct rec *k, const char *body, struct errinfo *ei)
{
	int64_t *users;
	int n;
	enum err e = store_volunteer_users(x->c, rec_int(k, RECORD_CORRECTION_VOLUNTEER_ID, 0), &users, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	return notify_users(x, users, n, "correction", "服务记录更正", body, "corrections", k->id, ei);
}

struct ask_args {
	int64_t record_id, id;
	const char *reason;
};

static enum err do_ask(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct ask_args *a = arg;
	struct rec r, vol, k;
	enum err e = svc_load_for_write(x, &service_record_entity, a->record_id, &r, ei);
	if (e)
		return e;
	if ((e = store_get(x->c, &vol_entity, rec_int(&r, SERVICE_RECORD_VOLUNTEER_ID, 0), NULL, &vol, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (!x->who || !x->who->person_id || x->who->person_id != rec_int(&vol, VOLUNTEER_PERSON_ID, 0))
		return err_set(ei, ERR_FORBIDDEN, "id", "only the record's volunteer asks for its correction");
	if (strcmp(rec_text(&r, SERVICE_RECORD_STATUS), "voided") == 0)
		return err_set(ei, ERR_CONFLICT, "status", "a voided record cannot be corrected");
	struct val f[ENTITY_MAX_FILTERS] = {{0}};
	f[0] = (struct val){.set = 1, .i = r.id};
	f[3] = (struct val){.set = 1, .s = "open"};
	struct rec open;
	int n = 0;
	static const struct scope all = {.all = 1};
	if ((e = store_list(x->c, &record_correction_entity, &all, 0, 1, f, &open, &n, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (n)
		return err_setf(ei, ERR_CONFLICT, "record_id", "correction %lld of this record is still open",
				(long long)open.id);
	rec_init(&k, &record_correction_entity);
	rec_set_int(&k, RECORD_CORRECTION_RECORD_ID, r.id);
	rec_set_int(&k, RECORD_CORRECTION_VOLUNTEER_ID, vol.id);
	rec_set_int(&k, RECORD_CORRECTION_ORG_ID, rec_int(&r, SERVICE_RECORD_ORG_ID, 0));
	rec_set_text(&k, RECORD_CORRECTION_STATUS, "open");
	rec_set_text(&k, RECORD_CORRECTION_REASON, a->reason);
	rec_set_null(&k, RECORD_CORRECTION_ANSWER);
	rec_set_null(&k, RECORD_CORRECTION_NEW_RECORD_ID);
	rec_set_int(&k, RECORD_CORRECTION_ASKED_BY_USER_ID, x->who->user_id);
	rec_set_null(&k, RECORD_CORRECTION_ANSWERED_BY_USER_ID);
	rec_set_null(&k, RECORD_CORRECTION_ANSWERED_AT);
	rec_set_int(&k, RECORD_CORRECTION_CREATED_AT, x->now);
	if ((e = store_insert(x->c, &k, ei)))
		return e;
	a->id = k.id;
	if ((e = notify_org_staff(x, rec_int(&r, SERVICE_RECORD_ORG_ID, 0), "correction", "服务记录更正申请",
				  arena_printf(x->a, "志愿者申请更正服务记录 #%lld：%s", (long long)r.id, a->reason),
				  "corrections", k.id, ei)))
		return e;
	return svc_audit(x, "create", &res_corrections, k.id, NULL, &k) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

/* A reason or answer: required, at most REASON_MAX bytes. */
static enum err text_check(const char *field, const char *s, struct errinfo *ei)
{
	if (!s || !*s)
		return err_setf(ei, ERR_REQUIRED, field, "%s is required", field);
	if (strlen(s) > REASON_MAX)
		return err_setf(ei, ERR_INVALID, field, "%s must be at most %d bytes", field, REASON_MAX);
	return ERR_OK;
}

enum err svc_correction_ask(struct ctx *x, int64_t record_id, const char *reason, struct rec *out,
			    struct errinfo *ei)
{
	struct ask_args a = {record_id, 0, reason};
	enum err e = text_check("reason", reason, ei);
	if (e || (e = svc_tx(x, do_ask, &a, ei)))
		return e;
	return svc_get(x, &res_corrections, a.id, out, ei);
}

struct answer_args {
	int64_t id;
	const char *answer;		/* refusing */
	const struct rec *body;		/* resolving */
};

/* Make the new record from the voided one and what the body changes. */
static enum err rerecord(struct ctx *x, const struct rec *old, const struct rec *b, int64_t *id, struct errinfo *ei)
{
	static const int keep[][2] = {
		{CORRECTION_RESOLVE_CONTENT, SERVICE_RECORD_CONTENT},
		{CORRECTION_RESOLVE_PLACE, SERVICE_RECORD_PLACE},
		{CORRECTION_RESOLVE_STARTS_AT, SERVICE_RECORD_STARTS_AT},
		{CORRECTION_RESOLVE_ENDS_AT, SERVICE_RECORD_ENDS_AT},
		{CORRECTION_RESOLVE_PERSON_IN_CHARGE, SERVICE_RECORD_PERSON_IN_CHARGE},
		{CORRECTION_RESOLVE_PEOPLE_SERVED, SERVICE_RECORD_PEOPLE_SERVED},
		{CORRECTION_RESOLVE_EVALUATION, SERVICE_RECORD_EVALUATION},
	};
	struct rec nw;
	rec_init(&nw, &service_record_entity);
	static const int copied[] = {SERVICE_RECORD_VOLUNTEER_ID, SERVICE_RECORD_ORG_ID, SERVICE_RECORD_ACTIVITY_ID,
				     SERVICE_RECORD_SIGNUP_ID};
	for (size_t i = 0; i < sizeof copied / sizeof *copied; i++)
		*rec_val(&nw, copied[i]) = *rec_cval(old, copied[i]);
	int times = 0;
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		const struct val *v = rec_cval(b, keep[i][0]);
		times |= v->set && (keep[i][1] == SERVICE_RECORD_STARTS_AT || keep[i][1] == SERVICE_RECORD_ENDS_AT);
		*rec_val(&nw, keep[i][1]) = v->set ? *v : *rec_cval(old, keep[i][1]);
	}
	if (rec_has(b, CORRECTION_RESOLVE_HOURS))
		rec_set_real(&nw, SERVICE_RECORD_HOURS, rec_real(b, CORRECTION_RESOLVE_HOURS, 0));
	else if (!times) /* the same span: the same minutes */
		rec_set_real(&nw, SERVICE_RECORD_HOURS, (double)rec_int(old, SERVICE_RECORD_MINUTES, 0) / 60.0);
	rec_set_int(&nw, SERVICE_RECORD_REPLACES_ID, old->id);
	return svc_create_in(x, &res_service_records, &nw, id, ei);
}

static enum err do_answer(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct answer_args *a = arg;
	struct rec k, nw;
	enum err e = svc_load_for_write(x, &record_correction_entity, a->id, &k, ei);
	if (e || (e = record_staff(x, rec_int(&k, RECORD_CORRECTION_ORG_ID, 0), ei)))
		return e;
	if (strcmp(rec_text(&k, RECORD_CORRECTION_STATUS), "open") != 0)
		return err_setf(ei, ERR_CONFLICT, "status", "the correction is already %s",
				rec_text(&k, RECORD_CORRECTION_STATUS));
	nw = k;
	rec_set_int(&nw, RECORD_CORRECTION_ANSWERED_BY_USER_ID, x->who ? x->who->user_id : 0);
	rec_set_int(&nw, RECORD_CORRECTION_ANSWERED_AT, x->now);
	const char *told;
	if (a->body) {
		struct rec old;
		int64_t rid = rec_int(&k, RECORD_CORRECTION_RECORD_ID, 0), nid;
		const char *why = arena_printf(x->a, "更正 #%lld：%s", (long long)k.id, rec_text(&k, RECORD_CORRECTION_REASON));
		if ((e = ledger_void_in(x, rid, why, ei)))
			return e;
		if ((e = store_get(x->c, &service_record_entity, rid, NULL, &old, x->a)))
			return err_set(ei, e, NULL, NULL);
		if ((e = rerecord(x, &old, a->body, &nid, ei)))
			return e;
		const char *note = rec_text(a->body, CORRECTION_RESOLVE_ANSWER);
		rec_set_text(&nw, RECORD_CORRECTION_STATUS, "done");
		rec_set_int(&nw, RECORD_CORRECTION_NEW_RECORD_ID, nid);
		rec_set_text(&nw, RECORD_CORRECTION_ANSWER,
			     note ? note : arena_printf(x->a, "已作废并重新记录为 #%lld", (long long)nid));
		told = arena_printf(x->a, "您的更正申请已处理：服务记录 #%lld 已作废，重新记录为 #%lld（待审核）。", (long long)rid,
				    (long long)nid);
	} else {
		rec_set_text(&nw, RECORD_CORRECTION_STATUS, "refused");
		rec_set_text(&nw, RECORD_CORRECTION_ANSWER, a->answer);
		told = arena_printf(x->a, "您的更正申请未获同意：%s", a->answer);
	}
	if ((e = store_update(x->c, &nw, ei)) || (e = tell_volunteer(x, &nw, told, ei)))
		return e;
	return svc_audit(x, a->body ? "resolve" : "refuse", &res_corrections, k.id, &k, &nw)
		       ? err_set(ei, ERR_INTERNAL, NULL, NULL)
		       : ERR_OK;
}

enum err svc_correction_refuse(struct ctx *x, int64_t id, const char *answer, struct rec *out, struct errinfo *ei)
{
	struct answer_args a = {id, answer, NULL};
	enum err e = text_check("reason", answer, ei);
	if (e || (e = svc_tx(x, do_answer, &a, ei)))
		return e;
	return svc_get(x, &res_corrections, id, out, ei);
}

enum err svc_correction_resolve(struct ctx *x, int64_t id, const struct rec *body, struct rec *out,
				struct errinfo *ei)
{
	struct answer_args a = {id, NULL, body};
	enum err e = svc_tx(x, do_answer, &a, ei);
	return e ? e : svc_get(x, &res_corrections, id, out, ei);
}

const struct resource res_corrections = {
	.e = &record_correction_entity,
	.no_create = 1,
	.no_update = 1,
};

/* ---- awards, commendations and evaluations of a volunteer ---- */

/* Staff of the volunteer's org, which keeps it (org_id). */
static enum err honor_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	struct rec v;
	enum err e = store_get(x->c, &vol_entity, rec_int(nw, VOLUNTEER_HONOR_VOLUNTEER_ID, 0), NULL, &v, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	rec_set_int(nw, VOLUNTEER_HONOR_ORG_ID, rec_int(&v, VOLUNTEER_ORG_ID, 0));
	return record_staff(x, rec_int(nw, VOLUNTEER_HONOR_ORG_ID, 0), ei);
}

static enum err honor_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	(void)old;
	(void)ei;
	rec_set_int(nw, VOLUNTEER_HONOR_RECORDED_BY_USER_ID, x->who ? x->who->user_id : 0);
	return ERR_OK;
}

const struct resource res_volunteer_honors = {
	.e = &volunteer_honor_entity,
	.authorize = honor_authorize,
	.prepare = honor_prepare,
	.no_update = 1,
};
