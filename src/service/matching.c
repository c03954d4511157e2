/* matching.c - see matching.h.
 *
 * The facts: a shift is read with its position and activity (struct mshift);
 * the volunteers it may take are the registered volunteers of the orgs the
 * caller may read, read in one query with their persons (struct pool), with
 * their held shifts near the batch, the completions of the required courses
 * and their minutes of the last 30 days, each in one more query. The rules
 * and the score are domain/eligibility's; the assignment is domain/match's
 * exact solver; this file only joins them to the store. */
#include "service/matching.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/timefmt.h"
#include "domain/match.h"
#include "domain/service_rules.h"
#include "model/codec.h"

#define POOL_MAX 200000
#define RECENT_DAYS 30
#define DAY 86400

/* ---- facts ---- */

struct mshift {
	struct rec shift, position, activity;
	struct elig_shift es;
	int64_t open;
	int64_t *served_act, *served_cli;
	int nact, ncli;
	const char *mode;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int has_id(const int64_t *sorted, int n, int64_t id)
{
	return n > 0 && bsearch(&id, sorted, (size_t)n, sizeof id, cmp_i64) != NULL;
}

static int ymd_of(const char *date)
{
	int y, m, d;
	return date && !date_parse(date, &y, &m, &d) ? y * 10000 + m * 100 + d : 0;
}

static enum err shift_load(struct ctx *x, int64_t shift_id, const char *field, struct mshift *m,
			   struct errinfo *ei)
{
	memset(m, 0, sizeof *m);
	enum err e = store_get(x->c, &shift_entity, shift_id, NULL, &m->shift, x->a);
	if (e)
		return err_setf(ei, e == ERR_NOT_FOUND ? (field ? ERR_INVALID : ERR_NOT_FOUND) : e, field ? field : "id",
				"no shift %lld", (long long)shift_id);
	if ((e = store_get(x->c, &position_entity, rec_int(&m->shift, SHIFT_POSITION_ID, 0), NULL, &m->position, x->a)) ||
	    (e = store_get(x->c, &activity_entity, rec_int(&m->shift, SHIFT_ACTIVITY_ID, 0), NULL, &m->activity, x->a)))
		return err_set(ei, e, NULL, NULL);
	struct elig_shift *s = &m->es;
	s->id = shift_id;
	s->starts_at = rec_int(&m->shift, SHIFT_STARTS_AT, 0);
	s->ends_at = rec_int(&m->shift, SHIFT_ENDS_AT, 0);
	s->start_ymd = today_ymd(s->starts_at);
	s->end_ymd = today_ymd(s->ends_at);
	m->mode = rec_text(&m->activity, ACTIVITY_MODE);
	s->emergency = m->mode && strcmp(m->mode, "emergency") == 0;
	s->risky = rec_int(&m->position, POSITION_RISKY, 0) || rec_int(&m->activity, ACTIVITY_INSURANCE_REQUIRED, 0);
	s->with_minors = (int)rec_int(&m->position, POSITION_WORKS_WITH_MINORS, 0);
	const char **skills;
	s->nskills = codec_strings(rec_text(&m->position, POSITION_REQUIRED_SKILLS), &skills, x->a);
	s->skills = skills;
	const char *courses = rec_text(&m->position, POSITION_REQUIRED_COURSE_IDS);
	int64_t *ids = NULL;
	int n = 0;
	if (courses && codec_ids(courses, 20, &ids, &n, x->a, ei))
		return err_set(ei, ERR_INTERNAL, NULL, "stored course list is malformed");
	s->courses = ids;
	s->ncourses = n;
	s->has_place = rec_has(&m->activity, ACTIVITY_LAT) && rec_has(&m->activity, ACTIVITY_LON);
	s->lat = rec_cval(&m->activity, ACTIVITY_LAT)->r;
	s->lon = rec_cval(&m->activity, ACTIVITY_LON)->r;
	return ERR_OK;
}

/* What the rules need of a volunteer that is not about a particular shift. */
static void volunteer_facts(struct ctx *x, const struct vol_facts *f, struct elig_volunteer *v)
{
	memset(v, 0, sizeof *v);
	v->id = f->volunteer_id;
	v->registered = f->stage && strcmp(f->stage, "registered") == 0;
	v->stage = f->stage;
	v->birth_ymd = ymd_of(f->birth_date);
	v->guardian_consent = f->guardian_consent;
	v->insured_until_ymd = ymd_of(f->insured_until);
	v->background_ymd = ymd_of(f->background_check);
	const char **skills;
	v->nskills = codec_strings(f->skills, &skills, x->a);
	v->skills = skills;
	v->has_home = f->has_home;
	v->lat = f->lat;
	v->lon = f->lon;
	v->max_distance_km = f->max_distance_km;
	v->max_weekly_hours = f->max_weekly_hours;
	const char **w;
	int nw = codec_strings(f->availability, &w, x->a);
	struct avail_window *win = arena_alloc(x->a, sizeof *win * (size_t)(nw + 1));
	for (int i = 0; i < nw; i++)
		if (!avail_parse(w[i], &win[v->nwindows]))
			v->nwindows++;
	v->windows = win;
}

/* The activity modes a volunteer prefers, parsed once per volunteer. */
struct prefs {
	const char **modes;
	int n;
};

static int prefers(const struct prefs *p, const char *mode)
{
	for (int i = 0; i < p->n; i++)
		if (mode && strcmp(p->modes[i], mode) == 0)
			return 1;
	return 0;
}

/* The rule broken, in words (domain/eligibility's), with the title of a
 * missing course read from the store. */
static const char *rule_message(struct ctx *x, const struct elig_verdict *w)
{
	struct rec c;
	const char *title = w->rule == ELIG_COURSE && store_get(x->c, &course_entity, w->ref, NULL, &c, x->a) == ERR_OK
				    ? rec_text(&c, COURSE_TITLE)
				    : NULL;
	size_t n = elig_message(w, title, NULL, 0);
	char *s = arena_alloc(x->a, n + 1);
	elig_message(w, title, s, n + 1);
	return s;
}

/* The registered volunteers in the caller's scope with everything the rules
 * need for the shifts sh[0..nsh). */
struct pool {
	struct vol_facts *f;
	struct elig_volunteer *v;
	struct prefs *prefs;
	int64_t *recent;	/* minutes in the last RECENT_DAYS */
	int n;
};

static enum err pool_load(struct ctx *x, const struct mshift *sh, int nsh, struct pool *P, struct errinfo *ei)
{
	static const struct scope everything = {.all = 1};
	enum err e = store_match_pool(x->c, x->who ? &x->who->scope : &everything, POOL_MAX, &P->f, &P->n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	P->v = arena_alloc(x->a, sizeof *P->v * (size_t)(P->n + 1));
	P->recent = arena_alloc(x->a, sizeof *P->recent * (size_t)(P->n + 1));
	P->prefs = arena_alloc(x->a, sizeof *P->prefs * (size_t)(P->n + 1));
	for (int i = 0; i < P->n; i++) {
		volunteer_facts(x, &P->f[i], &P->v[i]);
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
	qsort(courses, (size_t)nc, sizeof *courses, cmp_i64);
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
			if (has_id(people, np, P->f[i].person_id))
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

static enum err served_load(struct ctx *x, struct mshift *m, struct errinfo *ei)
{
	enum err e = store_served(x->c, m->activity.id, &m->served_act, &m->nact, &m->served_cli, &m->ncli, x->a);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

/* Volunteer i of the pool on shift m: eligible (1, c->sc set) or not (0,
 * c->why set). */
static int evaluate(struct ctx *x, const struct mshift *m, const struct pool *P, int i, double radius_km,
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
		.served_client = has_id(m->served_cli, m->ncli, P->f[i].volunteer_id),
		.served_activity = has_id(m->served_act, m->nact, P->f[i].volunteer_id),
		.recent_minutes = P->recent[i],
	};
	sf.stated_preferences = P->prefs[i].n > 0;
	sf.prefers_mode = prefers(&P->prefs[i], m->mode);
	elig_score(&sf, &c->sc);
	c->sf = sf;
	return 1;
}

/* ---- one volunteer, one shift: the sign-up's check ---- */

enum err placement_check(struct ctx *x, int64_t shift_id, int64_t volunteer_id, struct errinfo *ei)
{
	struct mshift m;
	struct vol_facts f;
	struct elig_volunteer v;
	enum err e = shift_load(x, shift_id, NULL, &m, ei);
	if (e)
		return e;
	if ((e = store_match_volunteer(x->c, volunteer_id, &f, x->a)))
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "volunteer_id", "no volunteer %lld",
				(long long)volunteer_id);
	volunteer_facts(x, &f, &v);
	struct held_shift *held;
	int nheld;
	if ((e = store_held_shifts(x->c, volunteer_id, week_start_of(m.es.starts_at) - DAY,
				   week_start_of(m.es.ends_at) + 8 * DAY, &held, &nheld, x->a)))
		return err_set(ei, e, NULL, NULL);
	struct elig_booking *b = arena_alloc(x->a, sizeof *b * (size_t)(nheld + 1));
	for (int k = 0; k < nheld; k++)
		b[k] = (struct elig_booking){held[k].shift_id, held[k].starts_at, held[k].ends_at};
	v.bookings = b;
	v.nbookings = nheld;
	int64_t *done = arena_alloc(x->a, sizeof *done * (size_t)(m.es.ncourses + 1));
	for (int j = 0; j < m.es.ncourses; j++) {
		int yes = 0;
		if ((e = store_course_completed(x->c, f.person_id, m.es.courses[j], &yes)))
			return err_set(ei, e, NULL, NULL);
		if (yes)
			done[v.ncourses_done++] = m.es.courses[j];
	}
	v.courses_done = done;
	double km;
	struct elig_verdict w;
	enum elig_rule r = elig_check(&m.es, &v, x->now, 0, &km, &w);
	if (r == ELIG_OK)
		return ERR_OK;
	return err_set(ei, r == ELIG_HELD ? ERR_DUPLICATE : r == ELIG_OVERLAP ? ERR_CONFLICT : ERR_RULE, w.field,
		       rule_message(x, &w));
}

enum elig_rule emergency_rules(struct ctx *x, const struct vol_facts *f, const char *const *skills, int nskills,
			       double lat, double lon, struct elig_verdict *why)
{
	struct elig_shift s = {.id = 0, .starts_at = x->now, .ends_at = x->now + 60, .emergency = 1, .has_place = 1,
			       .lat = lat, .lon = lon, .skills = skills, .nskills = nskills};
	s.start_ymd = s.end_ymd = today_ymd(x->now);
	struct elig_volunteer v;
	volunteer_facts(x, f, &v);
	double km;
	return elig_check(&s, &v, x->now, 0, &km, why);
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

/* Only the organisers rank and assign volunteers for their shifts. */
static enum err organiser(struct ctx *x, const struct mshift *m, struct errinfo *ei)
{
	return activity_staff(x, m->activity.id, ei);
}

enum err svc_candidates(struct ctx *x, int64_t shift_id, int limit, int explain, double radius_km,
			struct candidates *out, struct errinfo *ei)
{
	struct mshift m;
	struct pool P;
	enum err e;
	memset(out, 0, sizeof *out);
	if ((e = shift_load(x, shift_id, NULL, &m, ei)) || (e = organiser(x, &m, ei)) ||
	    (e = served_load(x, &m, ei)) || (e = pool_load(x, &m, 1, &P, ei)))
		return e;
	struct candidate *ok = arena_alloc(x->a, sizeof *ok * (size_t)(P.n + 1));
	struct candidate *no = arena_alloc(x->a, sizeof *no * (size_t)(P.n + 1));
	int nok = 0, nno = 0;
	for (int i = 0; i < P.n; i++) {
		struct candidate c;
		if (evaluate(x, &m, &P, i, radius_km, &c))
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
		no[i].message = rule_message(x, &no[i].why);
	return ERR_OK;
}

/* ---- batch assignment ---- */

static enum err resolve_shifts(struct ctx *x, const struct match_request *rq, int64_t **ids, int *n,
			       struct errinfo *ei)
{
	enum err e = ERR_OK;
	if (rq->nshift_ids) {
		*ids = arena_alloc(x->a, sizeof **ids * (size_t)rq->nshift_ids);
		memcpy(*ids, rq->shift_ids, sizeof **ids * (size_t)rq->nshift_ids);
		qsort(*ids, (size_t)rq->nshift_ids, sizeof **ids, cmp_i64);
		int k = 0;
		for (int i = 0; i < rq->nshift_ids; i++)
			if (!k || (*ids)[k - 1] != (*ids)[i])
				(*ids)[k++] = (*ids)[i];
		*n = k;
	} else if (rq->activity_id) {
		struct rec a;
		if ((e = store_get(x->c, &activity_entity, rq->activity_id, NULL, &a, x->a)))
			return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "activity_id", "no activity %lld",
					(long long)rq->activity_id);
		e = store_activity_shifts(x->c, rq->activity_id, x->now, MATCH_MAX_SHIFTS + 1, ids, n, x->a);
	} else {
		struct rec r;
		if ((e = store_get(x->c, &region_entity, rq->region_id, NULL, &r, x->a)))
			return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "region_id", "no region %lld",
					(long long)rq->region_id);
		e = store_region_shifts(x->c, rq->region_id, rq->from, rq->to, MATCH_MAX_SHIFTS + 1, ids, n, x->a);
	}
	if (e)
		return err_set(ei, e, NULL, NULL);
	if (*n > MATCH_MAX_SHIFTS)
		return err_setf(ei, ERR_INVALID, rq->nshift_ids ? "shift_ids" : rq->activity_id ? "activity_id" : "to",
				"at most %d shifts in one proposal", MATCH_MAX_SHIFTS);
	if (!*n)
		return err_set(ei, ERR_INVALID, rq->nshift_ids ? "shift_ids" : rq->activity_id ? "activity_id" : "region_id",
			       "no shifts to match");
	return ERR_OK;
}

/* Groups of shifts that overlap in time, transitively (an interval graph's
 * components): with more than one shift per volunteer allowed, a volunteer
 * takes at most one shift of each group. */
static int *overlap_groups(struct ctx *x, const struct mshift *sh, int n)
{
	int *order = arena_alloc(x->a, sizeof *order * (size_t)n), *g = arena_alloc(x->a, sizeof *g * (size_t)n);
	for (int i = 0; i < n; i++)
		order[i] = i;
	/* insertion sort by start: n is at most MATCH_MAX_SHIFTS */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && sh[order[j]].es.starts_at < sh[order[j - 1]].es.starts_at; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	int group = -1;
	int64_t reach = INT64_MIN;
	for (int i = 0; i < n; i++) {
		const struct elig_shift *s = &sh[order[i]].es;
		if (s->starts_at >= reach)
			group++;
		g[order[i]] = group;
		reach = s->ends_at > reach ? s->ends_at : reach;
	}
	return g;
}

struct edge {
	int32_t task, vol, group, worker;
	double score;
	struct candidate c;
};

static int by_edge_score(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->vol - y->vol;
}

static int by_vol_group(const void *a, const void *b)
{
	const struct edge *x = *(struct edge *const *)a, *y = *(struct edge *const *)b;
	if (x->vol != y->vol)
		return x->vol - y->vol;
	return x->group - y->group;
}

/* The slots of each task taken one by one in shift order by the best free
 * eligible worker: the baseline a rota clerk gets, to show what exactness
 * buys on a contended day. */
static void greedy(struct ctx *x, const struct mshift *sh, int nsh, const struct edge *ed, int64_t ne, int nworkers,
		   int64_t *filled, double *total)
{
	unsigned char *used = arena_alloc(x->a, (size_t)nworkers + 1);
	memset(used, 0, (size_t)nworkers + 1);
	*filled = 0;
	*total = 0;
	int64_t k = 0;
	for (int t = 0; t < nsh; t++) {
		int64_t k0 = k;
		while (k < ne && ed[k].task == t)
			k++;
		for (int64_t slot = 0; slot < sh[t].open; slot++) {
			int64_t best = -1;
			for (int64_t j = k0; j < k; j++)
				if (!used[ed[j].worker] && (best < 0 || ed[j].score > ed[best].score))
					best = j;
			if (best < 0)
				break;
			used[ed[best].worker] = 1;
			(*filled)++;
			*total += ed[best].score;
		}
	}
	*total = round(*total * 100) / 100;
}

/* Why the open places of shift t stay open. */
static const char *why_open(struct ctx *x, int eligible, const int *rules)
{
	if (eligible)
		return arena_printf(x->a, "all %d eligible volunteers are placed on other shifts where they add more",
				    eligible);
	int best = -1;
	for (int r = 1; r < ELIG__COUNT; r++)
		if (rules[r] && (best < 0 || rules[r] > rules[best]))
			best = r;
	if (best < 0)
		return "no registered volunteer in scope";
	return arena_printf(x->a, "no eligible volunteer; most often excluded by rule %s (%d volunteers)",
			    elig_rule_name((enum elig_rule)best), rules[best]);
}

static enum err store_proposal(struct ctx *x, const struct match_request *rq, struct proposal *p,
			       struct errinfo *ei);

enum err svc_match(struct ctx *x, const struct match_request *rq, struct proposal *out, struct errinfo *ei)
{
	int64_t *ids;
	int nsh;
	enum err e = resolve_shifts(x, rq, &ids, &nsh, ei);
	if (e)
		return e;
	struct mshift *sh = arena_alloc(x->a, sizeof *sh * (size_t)nsh);
	for (int k = 0; k < nsh; k++) {
		if ((e = shift_load(x, ids[k], rq->nshift_ids ? "shift_ids" : NULL, &sh[k], ei)) ||
		    (e = organiser(x, &sh[k], ei)) || (e = served_load(x, &sh[k], ei)))
			return e;
		if ((e = store_shift_open(x->c, ids[k], &sh[k].open)))
			return err_set(ei, e, NULL, NULL);
		if (sh[k].open < 0 || sh[k].es.ends_at <= x->now)
			sh[k].open = 0;
	}
	struct pool P;
	if ((e = pool_load(x, sh, nsh, &P, ei)))
		return e;
	int *group = overlap_groups(x, sh, nsh);

	/* the edges: every eligible (shift, volunteer) pair, but for each shift
	 * only its `places` best volunteers, where places is the number of open
	 * places in the whole batch. That keeps an optimum: any other places
	 * take at most places - 1 volunteers, so whenever a shift holds a
	 * volunteer outside its own best `places`, one of those is free and at
	 * least as good, and the swap changes no one else. Greedy picks within
	 * the same lists for the same reason. */
	int64_t places = 0;
	for (int t = 0; t < nsh; t++)
		places += sh[t].open;
	int64_t cap = 1024, ne = 0;
	struct edge *ed = arena_alloc(x->a, sizeof *ed * (size_t)cap);
	int *eligible = arena_alloc(x->a, sizeof *eligible * (size_t)nsh);
	int *rules = arena_alloc(x->a, sizeof *rules * (size_t)nsh * ELIG__COUNT);
	memset(rules, 0, sizeof *rules * (size_t)nsh * ELIG__COUNT);
	for (int t = 0; t < nsh; t++) {
		eligible[t] = 0;
		for (int i = 0; i < P.n && sh[t].open > 0; i++) {
			struct candidate c;
			if (!evaluate(x, &sh[t], &P, i, rq->radius_km, &c)) {
				rules[t * ELIG__COUNT + c.why.rule]++;
				continue;
			}
			if (ne == cap) {
				struct edge *bigger = arena_alloc(x->a, sizeof *ed * (size_t)cap * 2);
				memcpy(bigger, ed, sizeof *ed * (size_t)cap);
				ed = bigger;
				cap *= 2;
			}
			ed[ne++] = (struct edge){t, i, rq->one_shift_per_volunteer ? 0 : group[t], 0, c.sc.total, c};
			eligible[t]++;
		}
		int64_t first = ne - eligible[t];
		if (eligible[t] > places) {
			qsort(ed + first, (size_t)eligible[t], sizeof *ed, by_edge_score);
			ne = first + places;
		}
	}
	/* workers: one per volunteer, or one per (volunteer, overlap group) */
	struct edge **byw = arena_alloc(x->a, sizeof *byw * (size_t)(ne + 1));
	for (int64_t j = 0; j < ne; j++)
		byw[j] = &ed[j];
	qsort(byw, (size_t)ne, sizeof *byw, by_vol_group);
	int nworkers = 0;
	for (int64_t j = 0; j < ne; j++) {
		if (j && by_vol_group(&byw[j - 1], &byw[j]) != 0)
			nworkers++;
		byw[j]->worker = nworkers;
	}
	if (ne)
		nworkers++;

	int32_t *task = arena_alloc(x->a, sizeof *task * (size_t)(ne + 1));
	int32_t *worker = arena_alloc(x->a, sizeof *worker * (size_t)(ne + 1));
	double *cost = arena_alloc(x->a, sizeof *cost * (size_t)(ne + 1));
	int32_t *demand = arena_alloc(x->a, sizeof *demand * (size_t)nsh);
	for (int64_t j = 0; j < ne; j++) {
		task[j] = ed[j].task;
		worker[j] = ed[j].worker;
		cost[j] = -(double)llround(ed[j].score * 100); /* hundredths: exact */
	}
	for (int t = 0; t < nsh; t++)
		demand[t] = (int32_t)(sh[t].open < eligible[t] ? sh[t].open : eligible[t]);
	/* places beyond the eligible count can never be filled: they are
	 * reported open without costing the solver anything */
	struct match_problem mp = {nsh, nworkers, demand, NULL, ne, task, worker, cost};
	struct match_result mr;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum match_err me = match_solve(&mp, &mr);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (me) {
		match_result_free(&mr);
		return err_set(ei, ERR_INTERNAL, NULL, "the assignment solver failed");
	}

	memset(out, 0, sizeof *out);
	out->solve_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	out->shift_ids = ids;
	out->nshifts = nsh;
	int64_t nplaces = 0;
	for (int t = 0; t < nsh; t++)
		nplaces += sh[t].open;
	out->places = arena_alloc(x->a, sizeof *out->places * (size_t)(nplaces + 1));
	int64_t score_cents = 0;
	for (int t = 0, j = 0; t < nsh; t++) {
		int filled = 0;
		for (; j < ne && ed[j].task == t; j++) {
			if (!mr.edge_chosen[j])
				continue;
			const struct candidate *c = &ed[j].c;
			out->places[out->nplaces++] = (struct match_place){ids[t], c->v->volunteer_id, c->v->person_id,
									   c->v->name, c->km, c->sc, NULL};
			score_cents += llround(c->sc.total * 100);
			filled++;
		}
		const char *why = why_open(x, eligible[t], &rules[t * ELIG__COUNT]);
		for (int64_t k = filled; k < sh[t].open; k++)
			out->places[out->nplaces++] = (struct match_place){.shift_id = ids[t], .km = -1, .why = why};
		out->demand_slots += sh[t].open;
		out->filled_slots += filled;
	}
	out->total_score = (double)score_cents / 100;
	match_result_free(&mr);
	greedy(x, sh, nsh, ed, ne, nworkers, &out->greedy_filled, &out->greedy_score);
	out->status = "proposed";
	out->created_at = x->now;
	return store_proposal(x, rq, out, ei);
}

/* ---- proposals in the store ---- */

struct proposal_args {
	const struct match_request *rq;
	struct proposal *p;
};

static enum err do_store_proposal(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct proposal_args *a = arg;
	struct proposal *p = a->p;
	struct rec r;
	rec_init(&r, &proposal_entity);
	rec_set_int(&r, MATCH_PROPOSAL_CREATED_BY_USER_ID, x->who ? x->who->user_id : 0);
	rec_set_text(&r, MATCH_PROPOSAL_REQUEST, a->rq->text ? a->rq->text : "{}");
	rec_set_real(&r, MATCH_PROPOSAL_TOTAL_SCORE, p->total_score);
	rec_set_int(&r, MATCH_PROPOSAL_DEMAND_SLOTS, p->demand_slots);
	rec_set_int(&r, MATCH_PROPOSAL_FILLED_SLOTS, p->filled_slots);
	rec_set_real(&r, MATCH_PROPOSAL_GREEDY_SCORE, p->greedy_score);
	rec_set_int(&r, MATCH_PROPOSAL_GREEDY_FILLED, p->greedy_filled);
	rec_set_text(&r, MATCH_PROPOSAL_STATUS, "proposed");
	rec_set_int(&r, MATCH_PROPOSAL_CREATED_AT, x->now);
	rec_set_null(&r, MATCH_PROPOSAL_APPLIED_AT);
	enum err e = store_insert(x->c, &r, ei);
	if (e)
		return e;
	p->id = r.id;
	for (int i = 0; i < p->nplaces; i++) {
		const struct match_place *m = &p->places[i];
		struct rec it;
		rec_init(&it, &match_item_entity);
		rec_set_int(&it, MATCH_ITEM_PROPOSAL_ID, p->id);
		rec_set_int(&it, MATCH_ITEM_SHIFT_ID, m->shift_id);
		if (m->volunteer_id) {
			rec_set_int(&it, MATCH_ITEM_VOLUNTEER_ID, m->volunteer_id);
			if (m->km >= 0)
				rec_set_real(&it, MATCH_ITEM_DISTANCE_KM, m->km);
			else
				rec_set_null(&it, MATCH_ITEM_DISTANCE_KM);
			rec_set_null(&it, MATCH_ITEM_WHY);
		} else {
			rec_set_null(&it, MATCH_ITEM_VOLUNTEER_ID);
			rec_set_null(&it, MATCH_ITEM_DISTANCE_KM);
			rec_set_text(&it, MATCH_ITEM_WHY, m->why);
		}
		rec_set_real(&it, MATCH_ITEM_SCORE, m->sc.total);
		rec_set_real(&it, MATCH_ITEM_P_DISTANCE, m->sc.part[SCORE_DISTANCE]);
		rec_set_real(&it, MATCH_ITEM_P_SKILL_FIT, m->sc.part[SCORE_SKILL_FIT]);
		rec_set_real(&it, MATCH_ITEM_P_CONTINUITY, m->sc.part[SCORE_CONTINUITY]);
		rec_set_real(&it, MATCH_ITEM_P_FAIRNESS, m->sc.part[SCORE_FAIRNESS]);
		rec_set_real(&it, MATCH_ITEM_P_PREFERENCE, m->sc.part[SCORE_PREFERENCE]);
		if ((e = store_insert(x->c, &it, ei)))
			return e;
	}
	return svc_audit(x, "propose", &res_proposals, p->id, NULL, &r) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									: ERR_OK;
}

static enum err store_proposal(struct ctx *x, const struct match_request *rq, struct proposal *p,
			       struct errinfo *ei)
{
	struct proposal_args a = {rq, p};
	return svc_tx(x, do_store_proposal, &a, ei);
}

/* Every row of entity e whose first filter (e->filters[0]) equals `v`. */
static enum err list_all(struct ctx *x, const struct entity *ent, int64_t v, struct rec **rows, int *n,
			 struct errinfo *ei)
{
	static const struct scope everything = {.all = 1};
	struct val f[16] = {{.set = 1, .i = v}};
	int cap = 256, got;
	*n = 0;
	*rows = arena_alloc(x->a, sizeof **rows * (size_t)cap);
	int64_t after = 0;
	for (;;) {
		if (*n + 256 > cap) {
			struct rec *bigger = arena_alloc(x->a, sizeof **rows * (size_t)cap * 2);
			memcpy(bigger, *rows, sizeof **rows * (size_t)*n);
			*rows = bigger;
			cap *= 2;
		}
		enum err e = store_list(x->c, ent, &everything, after, 256, f, *rows + *n, &got, x->a);
		if (e)
			return err_set(ei, e, NULL, NULL);
		*n += got;
		if (got < 256)
			return ERR_OK;
		after = (*rows)[*n - 1].id;
	}
}

static void proposal_from(struct ctx *x, const struct rec *r, struct proposal *p)
{
	memset(p, 0, sizeof *p);
	p->id = r->id;
	p->status = rec_text(r, MATCH_PROPOSAL_STATUS);
	p->created_at = rec_int(r, MATCH_PROPOSAL_CREATED_AT, 0);
	p->applied_at = rec_int(r, MATCH_PROPOSAL_APPLIED_AT, 0);
	p->total_score = rec_cval(r, MATCH_PROPOSAL_TOTAL_SCORE)->r;
	p->greedy_score = rec_cval(r, MATCH_PROPOSAL_GREEDY_SCORE)->r;
	p->demand_slots = rec_int(r, MATCH_PROPOSAL_DEMAND_SLOTS, 0);
	p->filled_slots = rec_int(r, MATCH_PROPOSAL_FILLED_SLOTS, 0);
	p->greedy_filled = rec_int(r, MATCH_PROPOSAL_GREEDY_FILLED, 0);
	p->solve_ms = -1;
	(void)x;
}

enum err svc_match_get(struct ctx *x, int64_t id, struct proposal *out, struct errinfo *ei)
{
	struct rec r, *items;
	int n;
	enum err e = svc_load_visible(x, &proposal_entity, id, &r, ei);
	if (e || (e = list_all(x, &match_item_entity, id, &items, &n, ei)))
		return e;
	proposal_from(x, &r, out);
	out->places = arena_alloc(x->a, sizeof *out->places * (size_t)(n + 1));
	out->shift_ids = arena_alloc(x->a, sizeof *out->shift_ids * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		const struct rec *it = &items[i];
		struct match_place *m = &out->places[out->nplaces++];
		*m = (struct match_place){.shift_id = rec_int(it, MATCH_ITEM_SHIFT_ID, 0),
					  .volunteer_id = rec_int(it, MATCH_ITEM_VOLUNTEER_ID, 0),
					  .km = rec_has(it, MATCH_ITEM_DISTANCE_KM) ? rec_cval(it, MATCH_ITEM_DISTANCE_KM)->r : -1,
					  .why = rec_text(it, MATCH_ITEM_WHY)};
		static const int parts[SCORE__COUNT] = {MATCH_ITEM_P_DISTANCE, MATCH_ITEM_P_SKILL_FIT,
							MATCH_ITEM_P_CONTINUITY, MATCH_ITEM_P_FAIRNESS,
							MATCH_ITEM_P_PREFERENCE};
		for (int k = 0; k < SCORE__COUNT; k++)
			m->sc.part[k] = rec_cval(it, parts[k])->r;
		m->sc.total = rec_cval(it, MATCH_ITEM_SCORE)->r;
		if (m->volunteer_id) {
			struct vol_facts f;
			if (store_match_volunteer(x->c, m->volunteer_id, &f, x->a) == ERR_OK) {
				m->person_id = f.person_id;
				m->name = f.name;
			}
		}
		if (!out->nshifts || out->shift_ids[out->nshifts - 1] != m->shift_id)
			out->shift_ids[out->nshifts++] = m->shift_id;
	}
	return ERR_OK;
}

/* ---- invitations ---- */

struct apply_args {
	int64_t id;
};

static enum err do_apply(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct apply_args *a = arg;
	struct rec r, *items;
	int n;
	enum err e = svc_load_for_write(x, &proposal_entity, a->id, &r, ei);
	if (e || strcmp(rec_text(&r, MATCH_PROPOSAL_STATUS), "applied") == 0)
		return e;
	if ((e = list_all(x, &match_item_entity, a->id, &items, &n, ei)))
		return e;
	for (int i = 0; i < n; i++) {
		const struct rec *it = &items[i];
		if (!rec_has(it, MATCH_ITEM_VOLUNTEER_ID))
			continue;
		int64_t vid = rec_int(it, MATCH_ITEM_VOLUNTEER_ID, 0), shift_id = rec_int(it, MATCH_ITEM_SHIFT_ID, 0);
		struct rec inv;
		rec_init(&inv, &invitation_entity);
		rec_set_int(&inv, INVITATION_PROPOSAL_ID, a->id);
		rec_set_int(&inv, INVITATION_SHIFT_ID, shift_id);
		rec_set_int(&inv, INVITATION_VOLUNTEER_ID, vid);
		rec_set_real(&inv, INVITATION_SCORE, rec_cval(it, MATCH_ITEM_SCORE)->r);
		rec_set_text(&inv, INVITATION_STATUS, "invited");
		rec_set_null(&inv, INVITATION_SIGNUP_ID);
		rec_set_null(&inv, INVITATION_REASON);
		rec_set_int(&inv, INVITATION_CREATED_AT, x->now);
		rec_set_null(&inv, INVITATION_DECIDED_AT);
		if ((e = store_insert(x->c, &inv, ei)))
			return e;
		/* the volunteer is told in the inbox */
		struct mshift m;
		int64_t *users;
		int nu;
		if ((e = shift_load(x, shift_id, NULL, &m, ei)))
			return e;
		if ((e = store_volunteer_users(x->c, vid, &users, &nu, x->a)))
			return err_set(ei, e, NULL, NULL);
		char when[32];
		time_format(m.es.starts_at, when);
		const char *body = arena_printf(x->a, "邀请您参加“%s”（%s）%s 的班次，请在“我的邀请”中接受或婉拒。",
						rec_text(&m.activity, ACTIVITY_TITLE), rec_text(&m.position, POSITION_TITLE), when);
		if ((e = notify_users(x, users, nu, "invitation", "服务邀请", body, "invitations", inv.id, ei)))
			return e;
	}
	struct rec nw = r;
	rec_set_text(&nw, MATCH_PROPOSAL_STATUS, "applied");
	rec_set_int(&nw, MATCH_PROPOSAL_APPLIED_AT, x->now);
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	return svc_audit(x, "apply", &res_proposals, a->id, &r, &nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

enum err svc_match_apply(struct ctx *x, int64_t id, struct rec **rows, int *n, struct errinfo *ei)
{
	struct apply_args a = {id};
	enum err e = svc_tx(x, do_apply, &a, ei);
	return e ? e : list_all(x, &invitation_entity, id, rows, n, ei);
}

struct decide_args {
	int64_t id;
	const char *action, *reason;
};

static enum err do_decide(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct decide_args *d = arg;
	struct rec old;
	enum err e = svc_load_for_write(x, &invitation_entity, d->id, &old, ei);
	if (e)
		return e;
	int64_t shift_id = rec_int(&old, INVITATION_SHIFT_ID, 0), vid = rec_int(&old, INVITATION_VOLUNTEER_ID, 0);
	if ((e = signup_may_act(x, shift_id, vid, ei)))
		return e;
	const char *status = rec_text(&old, INVITATION_STATUS);
	const char *to = strcmp(d->action, "accept") == 0 ? "accepted" : "declined";
	if (strcmp(status, to) == 0)
		return ERR_OK; /* the same answer again */
	if (strcmp(status, "invited") != 0)
		return err_setf(ei, ERR_CONFLICT, "status", "the invitation is already %s", status);
	struct rec nw = old;
	rec_set_text(&nw, INVITATION_STATUS, to);
	rec_set_int(&nw, INVITATION_DECIDED_AT, x->now);
	if (d->reason)
		rec_set_text(&nw, INVITATION_REASON, d->reason);
	/* the invitation stops holding the place before the sign-up takes it */
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	if (strcmp(to, "accepted") == 0) {
		int64_t signup_id;
		if ((e = signup_place(x, shift_id, vid, 1, &signup_id, ei)))
			return e;
		rec_set_int(&nw, INVITATION_SIGNUP_ID, signup_id);
		if ((e = store_update(x->c, &nw, ei)))
			return e;
	}
	return svc_audit(x, d->action, &res_invitations, d->id, &old, &nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL)
									   : ERR_OK;
}

enum err svc_invitation_decide(struct ctx *x, int64_t id, const char *action, const char *reason, struct rec *out,
			       struct errinfo *ei)
{
	struct decide_args d = {id, action, reason};
	enum err e = svc_tx(x, do_decide, &d, ei);
	return e ? e : svc_get(x, &res_invitations, id, out, ei);
}

const struct resource res_invitations = {
	.e = &invitation_entity,
	.no_create = 1,
	.no_update = 1,
};

const struct resource res_proposals = {
	.e = &proposal_entity,
	.no_create = 1,
	.no_update = 1,
};
