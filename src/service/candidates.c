/* candidates.c - the pool and the ranked candidates of a shift (see
 * placement.h, matching.h). The pool is every registered volunteer of the
 * orgs the caller may read, read in one query with their persons, then
 * their held shifts near the shifts asked about, the completions of the
 * courses those require and their minutes of the last 30 days, each in one
 * more query. pool_evaluate puts one volunteer of it through the rules and
 * the score of domain/eligibility; svc_candidates ranks a shift's eligible
 * volunteers by score and, when asked, says why the others are excluded.
 * The batch assignment (batch.c) evaluates the same pool for many shifts. */
#include "service/placement.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/service_rules.h"
#include "model/codec.h"
#include "store/match_store.h"

#define POOL_MAX 200000
#define RECENT_DAYS 30
#define DAY 86400

/* ---- the pool ---- */

static int prefers(const struct prefs *p, const char *mode)
{
	for (int i = 0; i < p->n; i++)
		if (mode && strcmp(p->modes[i], mode) == 0)
			return 1;
	return 0;
}

enum err pool_load(struct ctx *x, const struct mshift *sh, int nsh, struct pool *P, struct errinfo *ei)
{
	static const struct scope everything = {.all = 1};
	enum err e = store_match_pool(x->c, x->who ? &x->who->scope : &everything, POOL_MAX, &P->f, &P->n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	P->v = arena_alloc(x->a, sizeof *P->v * (size_t)(P->n + 1));
	P->recent = arena_alloc(x->a, sizeof *P->recent * (size_t)(P->n + 1));
	P->prefs = arena_alloc(x->a, sizeof *P->prefs * (size_t)(P->n + 1));
	for (int i = 0; i < P->n; i++) {
		placement_volunteer(x, &P->f[i], &P->v[i]);
		P->recent[i] = 0;
		P->prefs[i].n = codec_strings(P->f[i].preferred_modes, &P->prefs[i].modes, x->a);
	}

	/* held shifts from a week before the first to a week after the last
	 * (the hour cap counts whole local weeks) */
	int64_t from = INT64_MAX, to = INT64_MIN;
	for (int k = 0; k < nsh; k++) {
		from = sh[k].es.starts_at < from ? sh[k].es.starts_at : from;
		to = sh[k].es.ends_at > to ? sh[k].es.ends_at : to;
	}
	struct held_shift *held;
	int nheld;
	if ((e = store_held_shifts(x->c, 0, week_start_of(from) - DAY, week_start_of(to) + 8 * DAY, &held, &nheld,
				   x->a)))
		return err_set(ei, e, NULL, NULL);
	/* pool and held rows are both ordered by volunteer id */
	for (int i = 0, h = 0; i < P->n; i++) {
		while (h < nheld && held[h].volunteer_id < P->f[i].volunteer_id)
			h++;
		int h0 = h;
		while (h < nheld && held[h].volunteer_id == P->f[i].volunteer_id)
			h++;
		struct elig_booking *b = arena_alloc(x->a, sizeof *b * (size_t)(h - h0 + 1));
		for (int k = h0; k < h; k++)
			b[k - h0] = (struct elig_booking){held[k].shift_id, held[k].starts_at, held[k].ends_at};
		P->v[i].bookings = b;
		P->v[i].nbookings = h - h0;
	}

	/* the completions of every course any of the shifts requires */
	int64_t *courses = arena_alloc(x->a, sizeof *courses * (size_t)(nsh * 20 + 1));
	int nc = 0;
	for (int k = 0; k < nsh; k++)
		for (int j = 0; j < sh[k].es.ncourses; j++)
			courses[nc++] = sh[k].es.courses[j];
	qsort(courses, (size_t)nc, sizeof *courses, ids_cmp);
	int64_t **done = arena_alloc(x->a, sizeof *done * (size_t)(P->n + 1));
	for (int i = 0; i < P->n; i++) {
		done[i] = arena_alloc(x->a, sizeof **done * (size_t)(nc + 1));
		P->v[i].courses_done = done[i];
	}
	for (int j = 0; j < nc; j++) {
		if (j && courses[j] == courses[j - 1])
			continue;
		int64_t *people;
		int np;
		if ((e = store_course_people(x->c, courses[j], &people, &np, x->a)))
			return err_set(ei, e, NULL, NULL);
		for (int i = 0; i < P->n; i++)
			if (ids_has(people, np, P->f[i].person_id))
				done[i][P->v[i].ncourses_done++] = courses[j];
	}

	struct vol_minutes *rm;
	int nrm;
	if ((e = store_recent_minutes(x->c, x->now - RECENT_DAYS * DAY, &rm, &nrm, x->a)))
		return err_set(ei, e, NULL, NULL);
	for (int i = 0, k = 0; i < P->n; i++) {
		while (k < nrm && rm[k].volunteer_id < P->f[i].volunteer_id)
			k++;
		if (k < nrm && rm[k].volunteer_id == P->f[i].volunteer_id)
			P->recent[i] = rm[k].minutes;
	}
	return ERR_OK;
}

enum err mshift_served(struct ctx *x, struct mshift *m, struct errinfo *ei)
{
	enum err e = store_served(x->c, m->activity.id, &m->served_act, &m->nact, &m->served_cli, &m->ncli, x->a);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* ---- one volunteer of the pool on one shift ---- */

int pool_evaluate(struct ctx *x, const struct mshift *m, const struct pool *P, int i, double radius_km,
		  struct candidate *c)
{
	memset(c, 0, sizeof *c);
	c->v = &P->f[i];
	if (elig_check(&m->es, &P->v[i], x->now, radius_km, &c->km, &c->why) != ELIG_OK)
		return 0;
	struct score_facts sf = {
		.km = c->km,
		.required_skills = m->es.nskills,
		.held_skills = P->v[i].nskills,
		.served_client = ids_has(m->served_cli, m->ncli, P->f[i].volunteer_id),
		.served_activity = ids_has(m->served_act, m->nact, P->f[i].volunteer_id),
		.recent_minutes = P->recent[i],
	};
	sf.stated_preferences = P->prefs[i].n > 0;
	sf.prefers_mode = prefers(&P->prefs[i], m->mode);
	elig_score(&sf, &c->sc);
	c->sf = sf;
	return 1;
}

/* ---- candidates of one shift ---- */

static int by_score(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->sc.total != y->sc.total)
		return x->sc.total > y->sc.total ? -1 : 1;
	return (x->v->volunteer_id > y->v->volunteer_id) - (x->v->volunteer_id < y->v->volunteer_id);
}

static int by_distance(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	double dx = x->km < 0 ? HUGE_VAL : x->km, dy = y->km < 0 ? HUGE_VAL : y->km;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return (x->v->volunteer_id > y->v->volunteer_id) - (x->v->volunteer_id < y->v->volunteer_id);
}

enum err svc_candidates(struct ctx *x, int64_t shift_id, int limit, int explain, double radius_km,
			struct candidates *out, struct errinfo *ei)
{
	struct mshift m;
	struct pool P;
	enum err e;
	memset(out, 0, sizeof *out);
	/* only the organisers rank volunteers for their shifts */
	if ((e = mshift_load(x, shift_id, NULL, &m, ei)) || (e = activity_staff(x, m.activity.id, ei)) ||
	    (e = mshift_served(x, &m, ei)) || (e = pool_load(x, &m, 1, &P, ei)))
		return e;
	struct candidate *ok = arena_alloc(x->a, sizeof *ok * (size_t)(P.n + 1));
	struct candidate *no = arena_alloc(x->a, sizeof *no * (size_t)(P.n + 1));
	int nok = 0, nno = 0;
	for (int i = 0; i < P.n; i++) {
		struct candidate c;
		if (pool_evaluate(x, &m, &P, i, radius_km, &c))
			ok[nok++] = c;
		else if (explain)
			no[nno++] = c;
	}
	qsort(ok, (size_t)nok, sizeof *ok, by_score);
	qsort(no, (size_t)nno, sizeof *no, by_distance);
	out->shift_id = shift_id;
	out->considered = P.n;
	out->eligible = nok;
	out->items = ok;
	out->n = nok < limit ? nok : limit;
	out->excluded = no;
	out->nexcluded = nno < limit ? nno : limit;
	for (int i = 0; i < out->nexcluded; i++)
		no[i].message = placement_message(x, &no[i].why);
	return ERR_OK;
}
