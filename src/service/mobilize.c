/* mobilize.c - the call-out of an incident (应急守护): the nearest
 * qualified, available volunteers, oversubscribed, found through this
 * process's index (service/geo.h) and checked one by one against the store;
 * call-outs, their notifications and the timeline written in one
 * transaction; acknowledgements that are idempotent; stand-down once enough
 * accepted; widening when a wave's deadline passes with too few accepts,
 * checked lazily whenever the incident is read, answered or mobilised.
 *
 * Available: registered; not accepted or arrived at another open incident;
 * not on an accepted shift happening now; not already called for this
 * incident (by person, so one person with two volunteer records is called
 * once). The index answers by skill mask; each hit's full skill list, stage
 * and place are read again from the store, so a stale index can only make
 * the search look further, never call someone unqualified.
 *
 * Below emergency.c, which settles an incident before reading it; above
 * incident.c (the records, the timeline, stand-down), see incident.h. */
#include <stdlib.h>

#include "model/codec.h"
#include "service/geo.h"
#include "service/incident.h"
#include "service/placement.h"
#include "store/store_emergency.h"

/* ---- finding and calling candidates ---- */
static int pick_cmp(const void *a, const void *b)
{
	const struct em_pick *p = a, *q = b;
	if (p->distance_m != q->distance_m)
		return p->distance_m < q->distance_m ? -1 : 1;
	return p->volunteer_id < q->volunteer_id ? -1 : p->volunteer_id > q->volunteer_id;
}

/* Is this volunteer a candidate (given those already chosen)? */
/* The incident's required skills, parsed once per search. */
struct needs {
	const char *const *skills;
	int n;
};

static int qualifies(struct ctx *x, const struct rec *em, const struct needs *nd, const struct candidate_row *c,
		     const struct em_pick *chosen, int nchosen, double *d)
{
	if (!c->registered || !c->located || c->called_here || c->busy_elsewhere || c->on_shift)
		return 0;
	for (int i = 0; i < nchosen; i++)
		if (chosen[i].person_id == c->person_id)
			return 0;
	double lat = rec_cval(em, EMERGENCY_LAT)->r, lon = rec_cval(em, EMERGENCY_LON)->r;
	*d = geoindex_distance_m(lat, lon, c->lat, c->lon);
	if (*d > rec_cval(em, EMERGENCY_RADIUS_KM)->r * 1000.0)
		return 0;
	/* the placement rules every other placement keeps: every skill, no
	 * minors on emergency work, the volunteer's windows and travel limit */
	struct vol_facts f = {.volunteer_id = c->volunteer_id, .person_id = c->person_id, .stage = "registered",
			      .birth_date = c->birth_date, .guardian_consent = c->guardian_consent,
			      .has_home = c->located, .lat = c->lat, .lon = c->lon, .skills = c->skills,
			      .availability = c->availability, .max_distance_km = c->max_distance_km};
	struct elig_verdict why;
	return emergency_rules(x, &f, nd->skills, nd->n, lat, lon, &why) == ELIG_OK;
}

/* Check hits[0..n) against the store, nearest first, adding candidates to
 * chosen[] until `want`: each query reads the hits still needed and a few
 * more (most hits pass), at most STORE_CANDIDATES_MAX. */
static enum err check_hits(struct ctx *x, const struct rec *em, const struct needs *nd, const struct geo_hit *hits,
			   int n, int want, struct em_pick *chosen, int *got)
{
	struct candidate_row rows[STORE_CANDIDATES_MAX];
	int64_t ids[STORE_CANDIDATES_MAX];
	for (int at = 0, m = 0; at < n && *got < want; at += m) {
		int nr;
		m = want - *got + 4;
		m = m < n - at ? m : n - at;
		m = m < STORE_CANDIDATES_MAX ? m : STORE_CANDIDATES_MAX;
		for (int i = 0; i < m; i++)
			ids[i] = hits[at + i].id;
		enum err e = store_candidates(x->c, ids, m, em->id, x->now, rows, &nr, x->a);
		if (e)
			return e;
		for (int i = 0; i < m && *got < want; i++)
			for (int r = 0; r < nr; r++) {
				double d;
				if (rows[r].volunteer_id == ids[i] && qualifies(x, em, nd, &rows[r], chosen, *got, &d)) {
					chosen[(*got)++] = (struct em_pick){ids[i], rows[r].person_id, d};
					break;
				}
			}
	}
	return ERR_OK;
}

/* The `want` nearest candidates, nearest first: ask the index for more hits
 * than wanted and again for more while some are turned away. */
static enum err find_candidates(struct ctx *x, const struct rec *em, int want, struct em_pick **out, int *n,
				struct errinfo *ei)
{
	const char **skills;
	struct needs nd = {.n = codec_strings(rec_text(em, EMERGENCY_REQUIRED_SKILLS), &skills, x->a)};
	nd.skills = skills;
	struct em_pick *chosen = arena_alloc(x->a, sizeof *chosen * (size_t)(want + 1));
	int got = 0, done = 0, k = want * 2 + 16;
	size_t total = geo_count(x);
	for (;;) {
		struct geo_hit *hits = arena_alloc(x->a, sizeof *hits * (size_t)k);
		int nh;
		enum err e = geo_nearest(x, rec_cval(em, EMERGENCY_LAT)->r, rec_cval(em, EMERGENCY_LON)->r,
					 rec_cval(em, EMERGENCY_RADIUS_KM)->r * 1000.0, skills, k, hits, &nh, ei);
		if (e)
			return e;
		/* hits are sorted by (distance, id): a longer list starts with the
		 * shorter one, so carry on where the last look stopped */
		if ((e = check_hits(x, em, &nd, hits + done, nh - done, want, chosen, &got)))
			return err_set(ei, e, NULL, NULL);
		done = nh;
		if (got >= want || nh < k || (size_t)k >= total)
			break;
		k = (size_t)k * 4 > total ? (int)total : k * 4;
	}
	qsort(chosen, (size_t)got, sizeof *chosen, pick_cmp);
	*out = chosen;
	*n = got;
	return ERR_OK;
}

/* Call `want` more for wave `wave`; the new call-outs go to *rows. */
static enum err call_more(struct ctx *x, const struct rec *em, int want, int64_t wave, struct rec **rows, int *n,
			  struct errinfo *ei)
{
	struct em_pick *picks = NULL;
	int np = 0;
	enum err e = find_candidates(x, em, want, &picks, &np, ei);
	if (e)
		return e;
	*rows = arena_alloc(x->a, sizeof **rows * (size_t)(np + 1));
	const char *place = rec_text(em, EMERGENCY_PLACE);
	for (int i = 0; i < np; i++) {
		struct rec *co = &(*rows)[i];
		rec_init(co, &callout_entity);
		rec_set_int(co, CALLOUT_EMERGENCY_ID, em->id);
		rec_set_int(co, CALLOUT_VOLUNTEER_ID, picks[i].volunteer_id);
		rec_set_int(co, CALLOUT_PERSON_ID, picks[i].person_id);
		rec_set_int(co, CALLOUT_WAVE, wave);
		rec_set_real(co, CALLOUT_DISTANCE_M, picks[i].distance_m);
		rec_set_text(co, CALLOUT_STATUS, callout_status_name(CO_CALLED));
		rec_set_int(co, CALLOUT_CALLED_AT, x->now);
		rec_set_int(co, CALLOUT_UPDATED_AT, x->now);
		const char *km = arena_printf(x->a, "%.2f km", picks[i].distance_m / 1000.0);
		if ((e = store_insert(x->c, co, ei)) ||
		    (e = emergency_event(x, em->id, "called", picks[i].volunteer_id,
					 arena_printf(x->a, "wave %lld, %s", (long long)wave, km), ei)) ||
		    (e = emergency_notify_person(
			     x, picks[i].person_id, "emergency_callout",
			     arena_printf(x->a, "应急召集 (call-out): %s", emergency_label(x, em)),
			     arena_printf(x->a, "距您 %s，地点：%s。请在 %lld 秒内答复。", km, place ? place : "见地图",
					  (long long)rec_int(em, EMERGENCY_ACK_DEADLINE_S, 0)),
			     em->id, co->id, ei)))
			return e;
	}
	*n = np;
	return ERR_OK;
}

/* Take the step the rules call for on a locked incident `em` (updated in
 * place, written by the caller); new call-outs go to out. */
static enum err step(struct ctx *x, struct rec *em, enum callout_trigger why, struct mobilized *out,
		     struct errinfo *ei)
{
	struct callout_counts c;
	enum err e = emergency_enough(x, em, &c, ei);
	if (e)
		return e;
	struct callout_step s = callout_plan(&c, rec_cval(em, EMERGENCY_OVERSUBSCRIPTION)->r, x->now,
					     rec_int(em, EMERGENCY_WAVE_DEADLINE, 0), why);
	if (s.expire && (e = emergency_close_called(x, em, CO_EXPIRED, "no answer before the deadline", ei)))
		return e;
	if (!s.call && !s.expire)
		return ERR_OK;
	int64_t wave = rec_int(em, EMERGENCY_WAVE, 0) + 1;
	struct rec *rows = NULL;
	int n = 0;
	if (s.call && (e = call_more(x, em, s.call, wave, &rows, &n, ei)))
		return e;
	if (n) {
		rec_set_int(em, EMERGENCY_WAVE, wave);
		if (out) {
			out->rows = rows;
			out->n = n;
		}
	}
	/* a new deadline even when nobody was left to call, so that the next
	 * look comes after it rather than on every read */
	rec_set_int(em, EMERGENCY_WAVE_DEADLINE, x->now + rec_int(em, EMERGENCY_ACK_DEADLINE_S, CALLOUT_DEADLINE_DEFAULT));
	if (why != CT_MOBILIZE && (n || s.expire || why == CT_WIDEN) &&
	    (e = emergency_event(x, em->id, "widened", 0,
				 n ? arena_printf(x->a, "wave %lld: %d more called", (long long)wave, n)
				   : "no further candidates within the radius",
				 ei)))
		return e;
	return ERR_OK;
}

/* ---- mobilise ---- */
struct mob_args {
	int64_t id;
	const struct rec *body;
	struct mobilized *out;
	enum callout_trigger why;
};

static enum err do_mobilize(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct mob_args *m = arg;
	struct rec old, em;
	enum err e;
	if ((e = emergency_load_staff(x, m->id, &old, m->why == CT_WIDEN ? "widen" : "mobilise", ei)))
		return e;
	em = old;
	if (m->why == CT_MOBILIZE) {
		int64_t count = rec_int(m->body, EMERGENCY_MOBILIZE_COUNT, rec_int(&old, EMERGENCY_NEEDED_COUNT, 0));
		if (!count)
			return err_set(ei, ERR_REQUIRED, "count", "count is required until the incident is assessed");
		if (!rec_has(m->body, EMERGENCY_MOBILIZE_RADIUS_KM) && !rec_has(&old, EMERGENCY_RADIUS_KM))
			return err_set(ei, ERR_REQUIRED, "radius_km", "radius_km is required until the incident is assessed");
		rec_set_int(&em, EMERGENCY_NEEDED_COUNT, count);
		if (rec_has(m->body, EMERGENCY_MOBILIZE_RADIUS_KM))
			rec_set_real(&em, EMERGENCY_RADIUS_KM, rec_cval(m->body, EMERGENCY_MOBILIZE_RADIUS_KM)->r);
		rec_set_text(&em, EMERGENCY_STATUS, "mobilizing");
	} else if (!emergency_status_is(&old, "mobilizing")) {
		return err_set(ei, ERR_CONFLICT, NULL, "the incident is not mobilising: mobilise it first");
	}
	if (m->why == CT_WIDEN && (e = emergency_close_called(x, &em, CO_EXPIRED, "widened by staff", ei)))
		return e;
	if ((e = step(x, &em, m->why, m->out, ei)))
		return e;
	rec_set_int(&em, EMERGENCY_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &em, ei)))
		return e;
	m->out->wave = rec_int(&em, EMERGENCY_WAVE, 0);
	m->out->needed = rec_int(&em, EMERGENCY_NEEDED_COUNT, 0);
	if (m->why == CT_MOBILIZE &&
	    (e = emergency_event(x, m->id, "mobilized", 0,
				 arena_printf(x->a, "count %lld within %g km: %d called", (long long)m->out->needed,
					      rec_cval(&em, EMERGENCY_RADIUS_KM)->r, m->out->n),
				 ei)))
		return e;
	if ((e = svc_audit(x, m->why == CT_WIDEN ? "widen" : "mobilize", &res_emergencies, m->id, &old, &em)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

static enum err mobilize(struct ctx *x, int64_t id, const struct rec *body, enum callout_trigger why,
			 struct mobilized *out, struct errinfo *ei)
{
	*out = (struct mobilized){NULL, 0, 0, 0};
	/* the index is brought up to date outside the transaction: a first
	 * build reads every volunteer */
	enum err e = geo_sync(x, ei);
	struct mob_args m = {id, body, out, why};
	if (!e)
		e = svc_tx(x, do_mobilize, &m, ei);
	for (int i = 0; !e && i < out->n; i++)
		res_callouts.present(x, &out->rows[i], 0);
	return e;
}

enum err svc_emergency_mobilize(struct ctx *x, int64_t id, const struct rec *body, struct mobilized *out,
				struct errinfo *ei)
{
	return mobilize(x, id, body, CT_MOBILIZE, out, ei);
}

enum err svc_emergency_widen(struct ctx *x, int64_t id, struct mobilized *out, struct errinfo *ei)
{
	return mobilize(x, id, NULL, CT_WIDEN, out, ei);
}

enum err svc_emergency_candidates(struct ctx *x, int64_t id, const struct rec *body, struct em_pick **out, int *n,
				  struct errinfo *ei)
{
	struct rec em;
	enum err e = geo_sync(x, ei);
	if (e || (e = svc_load_visible(x, &emergency_entity, id, &em, ei)))
		return e;
	if (!emergency_staff(x, &em))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only staff of the incident's organisations may look for volunteers");
	int64_t count = rec_int(body, EMERGENCY_MOBILIZE_COUNT, rec_int(&em, EMERGENCY_NEEDED_COUNT, 0));
	if (!count)
		return err_set(ei, ERR_REQUIRED, "count", "count is required until the incident is assessed");
	if (rec_has(body, EMERGENCY_MOBILIZE_RADIUS_KM))
		rec_set_real(&em, EMERGENCY_RADIUS_KM, rec_cval(body, EMERGENCY_MOBILIZE_RADIUS_KM)->r);
	else if (!rec_has(&em, EMERGENCY_RADIUS_KM))
		return err_set(ei, ERR_REQUIRED, "radius_km", "radius_km is required until the incident is assessed");
	return find_candidates(x, &em, (int)count, out, n, ei);
}

/* ---- the lazy deadline check ---- */
static enum err do_settle(struct ctx *x, void *arg, struct errinfo *ei)
{
	int64_t id = *(int64_t *)arg;
	struct rec em;
	/* the caller only reads: the check acts for the system, with the
	 * caller's connection but no scope of its own */
	const struct principal *who = x->who;
	x->who = NULL;
	enum err e = svc_load_for_write(x, &emergency_entity, id, &em, ei);
	if (!e && emergency_status_is(&em, "mobilizing")) {
		int64_t deadline = rec_int(&em, EMERGENCY_WAVE_DEADLINE, 0);
		if (!(e = step(x, &em, CT_READ, NULL, ei)) && rec_int(&em, EMERGENCY_WAVE_DEADLINE, 0) != deadline) {
			rec_set_int(&em, EMERGENCY_UPDATED_AT, x->now);
			e = store_update(x->c, &em, ei);
		}
	}
	x->who = who;
	return e;
}

enum err svc_emergency_settle(struct ctx *x, int64_t id, struct errinfo *ei)
{
	struct rec em;
	struct callout_counts c;
	static const struct scope all = {.all = 1};
	enum err e = store_get(x->c, &emergency_entity, id, &all, &em, x->a);
	if (e)
		return err_set(ei, e, e == ERR_NOT_FOUND ? "id" : NULL, NULL);
	if (!emergency_status_is(&em, "mobilizing"))
		return ERR_OK;
	if ((e = emergency_counts(x, &em, &c, ei)))
		return e;
	struct callout_step s = callout_plan(&c, rec_cval(&em, EMERGENCY_OVERSUBSCRIPTION)->r, x->now,
					     rec_int(&em, EMERGENCY_WAVE_DEADLINE, 0), CT_READ);
	if (!s.expire && !s.call && !callout_stand_down(&c))
		return ERR_OK;
	if ((e = geo_sync(x, ei)))
		return e;
	return svc_tx(x, do_settle, &id, ei);
}

/* ---- acknowledgements ---- */
struct ack_args {
	int64_t id;
	const struct rec *body;
	struct rec *out;
	int changed;
	int on_behalf;	/* the volunteer's person proved by a reply channel (SMS, e-mail link) */
};

static const char *late_message(enum callout_status s)
{
	return s == CO_STOOD_DOWN ? "the call-out was stood down: enough volunteers have accepted; thank you"
				  : "the call-out expired and enough volunteers have accepted since; thank you";
}

static enum err do_ack(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct ack_args *a = arg;
	struct rec em, vol, *co = a->out;
	enum err e;
	int64_t vid = rec_int(a->body, EMERGENCY_ACK_VOLUNTEER_ID, 0), coid = 0;
	enum callout_answer answer;
	enum callout_status from, to;

	if ((e = svc_load_for_write(x, &emergency_entity, a->id, &em, ei)))
		return e;
	if ((e = store_get(x->c, &vol_entity, vid, NULL, &vol, x->a)) == ERR_NOT_FOUND)
		return err_setf(ei, ERR_INVALID, "volunteer_id", "no volunteer with id %lld", (long long)vid);
	if (e)
		return err_set(ei, e, NULL, NULL);
	int self = a->on_behalf ||
		   (x->who && x->who->person_id && rec_int(&vol, VOLUNTEER_PERSON_ID, 0) == x->who->person_id);
	if (!self && !emergency_staff(x, &em))
		return err_set(ei, ERR_FORBIDDEN, "volunteer_id", "a volunteer answers only their own call-out");
	if ((e = store_callout_of(x->c, a->id, vid, &coid)))
		return err_set(ei, e, NULL, NULL);
	if (!coid)
		return err_set(ei, ERR_RULE, "volunteer_id", "the volunteer was not called for this incident");
	if ((e = store_get(x->c, &callout_entity, coid, NULL, co, x->a)))
		return err_set(ei, e, NULL, NULL);
	callout_answer_parse(rec_text(a->body, EMERGENCY_ACK_ANSWER), &answer);
	if (callout_status_parse(rec_text(co, CALLOUT_STATUS), &from))
		return err_set(ei, ERR_INTERNAL, NULL, "stored call-out status is unknown");
	struct callout_counts c;
	if ((e = emergency_counts(x, &em, &c, ei)))
		return e;
	int open = !emergency_status_is(&em, "closed");
	switch (callout_answer(from, answer, open && c.accepted < c.needed, &to)) {
	case ACK_SAME:
		return ERR_OK; /* a repeat: nothing new is written */
	case ACK_LATE:
		return err_set(ei, ERR_CONFLICT, "answer", open ? late_message(from) : "the incident is closed; thank you");
	case ACK_INVALID:
		return err_setf(ei, ERR_TRANSITION, "answer", "a call-out that is %s cannot be answered %s",
				callout_status_name(from), callout_answer_names[answer]);
	case ACK_APPLY:
		break;
	}
	if (!open)
		return err_set(ei, ERR_CONFLICT, "answer", "the incident is closed");
	if (to == CO_ACCEPTED || (to == CO_ARRIVED && !callout_counts_accepted(from))) {
		struct candidate_row cand;
		int n;
		if ((e = store_candidates(x->c, &vid, 1, a->id, x->now, &cand, &n, x->a)))
			return err_set(ei, e, NULL, NULL);
		if (n && cand.busy_elsewhere)
			return err_set(ei, ERR_CONFLICT, "volunteer_id",
				       "the volunteer has accepted another open incident");
	}
	if ((e = emergency_callout_move(x, co, to, ei)) ||
	    (e = emergency_event(x, a->id, callout_status_name(to), vid, rec_text(a->body, EMERGENCY_ACK_NOTE), ei)))
		return e;
	a->changed = 1;
	/* enough now? stand the rest down; a withdrawal may call more */
	if ((e = step(x, &em, to == CO_DECLINED ? CT_DECLINE : CT_READ, NULL, ei)))
		return e;
	rec_set_int(&em, EMERGENCY_UPDATED_AT, x->now);
	if ((e = store_update(x->c, &em, ei)))
		return e;
	/* the call-out may have been touched by the step: read it back */
	return store_get(x->c, &callout_entity, coid, NULL, co, x->a) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

enum err svc_emergency_ack(struct ctx *x, int64_t id, const struct rec *body, struct rec *out, int *changed,
			   struct errinfo *ei)
{
	/* an answer may call the next candidates (a withdrawal, a passed
	 * deadline): the index first, outside the transaction */
	enum err e = geo_sync(x, ei);
	struct ack_args a = {id, body, out, 0, 0};
	if (!e)
		e = svc_tx(x, do_ack, &a, ei);
	if (!e) {
		res_callouts.present(x, out, 0);
		*changed = a.changed;
	}
	return e;
}

enum err emergency_reply_in(struct ctx *x, int64_t callout_id, enum callout_answer answer, const char *note,
			    struct rec *out, int *changed, struct errinfo *ei)
{
	struct rec co, body;
	enum err e = store_get(x->c, &callout_entity, callout_id, NULL, &co, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	rec_init(&body, &emergency_ack_body);
	rec_set_int(&body, EMERGENCY_ACK_VOLUNTEER_ID, rec_int(&co, CALLOUT_VOLUNTEER_ID, 0));
	rec_set_text(&body, EMERGENCY_ACK_ANSWER, callout_answer_names[answer]);
	if (note)
		rec_set_text(&body, EMERGENCY_ACK_NOTE, note);
	/* the answer acts for the system on the person's word, as the lazy
	 * deadline check does: no caller's scope */
	const struct principal *who = x->who;
	x->who = NULL;
	struct ack_args a = {rec_int(&co, CALLOUT_EMERGENCY_ID, 0), &body, out, 0, 1};
	e = do_ack(x, &a, ei);
	x->who = who;
	*changed = a.changed;
	return e;
}
