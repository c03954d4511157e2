/* placement.c - placing one volunteer on one shift (see placement.h): the
 * facts of the shift and of the volunteer read from the store and put the
 * way domain/eligibility wants them, the verdict of its rules with the error
 * a sign-up answers, the rule in words, and the same rules for an emergency
 * call-out. The sign-up (signups.c) asks it inside its transaction; the
 * candidate ranking and the batch assignment ask the same rules over a pool
 * (candidates.c), so the matcher never proposes a volunteer the sign-up
 * would refuse. */
#include "service/placement.h"

#include <stdlib.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/service_rules.h"
#include "model/codec.h"
#include "store/match_store.h"
#include "store/service_store.h"

#define DAY 86400

int ids_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int ids_has(const int64_t *sorted, int n, int64_t id)
{
	return n > 0 && bsearch(&id, sorted, (size_t)n, sizeof id, ids_cmp) != NULL;
}

static int ymd_of(const char *date)
{
	int y, m, d;
	return date && !date_parse(date, &y, &m, &d) ? y * 10000 + m * 100 + d : 0;
}

/* ---- the facts ---- */

enum err mshift_load(struct ctx *x, int64_t shift_id, const char *field, struct mshift *m, struct errinfo *ei)
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

void placement_volunteer(struct ctx *x, const struct vol_facts *f, struct elig_volunteer *v)
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

/* ---- the verdict ---- */

const char *placement_message(struct ctx *x, const struct elig_verdict *w)
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

enum err placement_check(struct ctx *x, int64_t shift_id, int64_t volunteer_id, struct errinfo *ei)
{
	struct mshift m;
	struct vol_facts f;
	struct elig_volunteer v;
	enum err e = mshift_load(x, shift_id, NULL, &m, ei);
	if (e)
		return e;
	if ((e = store_match_volunteer(x->c, volunteer_id, &f, x->a)))
		return err_setf(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "volunteer_id", "no volunteer %lld",
				(long long)volunteer_id);
	placement_volunteer(x, &f, &v);
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
		       placement_message(x, &w));
}

enum elig_rule emergency_rules(struct ctx *x, const struct vol_facts *f, const char *const *skills, int nskills,
			       double lat, double lon, struct elig_verdict *why)
{
	struct elig_shift s = {.id = 0, .starts_at = x->now, .ends_at = x->now + 60, .emergency = 1, .has_place = 1,
			       .lat = lat, .lon = lon, .skills = skills, .nskills = nskills};
	s.start_ymd = s.end_ymd = today_ymd(x->now);
	struct elig_volunteer v;
	placement_volunteer(x, f, &v);
	double km;
	return elig_check(&s, &v, x->now, 0, &km, why);
}
