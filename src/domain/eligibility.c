/* eligibility.c - see eligibility.h. */
#include "domain/eligibility.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/geoindex.h"
#include "domain/idcard.h"
#include "domain/service_rules.h"

#define WEEK (7 * 86400)

static const char *const rule_codes[ELIG__COUNT] = {
#define X(name, code, message) [ELIG_##name] = code,
	ELIG_RULES(X)
#undef X
};

static const char *const rule_messages[ELIG__COUNT] = {
#define X(name, code, message) [ELIG_##name] = message,
	ELIG_RULES(X)
#undef X
};

const char *elig_rule_name(enum elig_rule r)
{
	return r >= 0 && r < ELIG__COUNT ? rule_codes[r] : "?";
}

/* ---- messages: the rule's words with the verdict's facts put in ---- */

enum fact { FACT_REF, FACT_MISSING, FACT_STAGE, FACT_TITLE, FACT_VALUE, FACT_LIMIT, FACT_VALUE_H, FACT_LIMIT_H,
	    FACT_BOUND, FACT__COUNT };

static const char *const fact_names[FACT__COUNT] = {
	[FACT_REF] = "ref",
	[FACT_MISSING] = "missing",
	[FACT_STAGE] = "stage",
	[FACT_TITLE] = "title",
	[FACT_VALUE] = "value",
	[FACT_LIMIT] = "limit",
	[FACT_VALUE_H] = "value_h",
	[FACT_LIMIT_H] = "limit_h",
	[FACT_BOUND] = "bound",
};

/* What is written so far: like snprintf, the length counts what did not fit. */
struct words {
	char *buf;
	size_t cap, len;
};

static void put(struct words *w, const char *s, size_t n)
{
	if (w->len + 1 < w->cap) {
		size_t room = w->cap - 1 - w->len;
		memcpy(w->buf + w->len, s, n < room ? n : room);
	}
	w->len += n;
	if (w->cap)
		w->buf[w->len < w->cap ? w->len : w->cap - 1] = 0;
}

static void put_str(struct words *w, const char *s)
{
	s = s ? s : "?";
	put(w, s, strlen(s));
}

/* The fact named by the n bytes at `name`; 0 if there is no such fact. */
static int put_fact(struct words *w, const struct elig_verdict *v, const char *title, const char *name, size_t n)
{
	char num[64];
	int f = 0;
	while (f < FACT__COUNT && !(strlen(fact_names[f]) == n && memcmp(fact_names[f], name, n) == 0))
		f++;
	switch ((enum fact)f) {
	case FACT_REF: snprintf(num, sizeof num, "%lld", (long long)v->ref); break;
	case FACT_MISSING: put_str(w, v->missing); return 1;
	case FACT_STAGE: put_str(w, v->stage); return 1;
	case FACT_TITLE: put_str(w, title); return 1;
	case FACT_VALUE: snprintf(num, sizeof num, "%.1f", v->value); break;
	case FACT_LIMIT: snprintf(num, sizeof num, "%.1f", v->limit); break;
	case FACT_VALUE_H: snprintf(num, sizeof num, "%.1f", v->value / 60); break;
	case FACT_LIMIT_H: snprintf(num, sizeof num, "%.1f", v->limit / 60); break;
	case FACT_BOUND:
		put_str(w, v->field && strcmp(v->field, "radius_km") == 0 ? "radius asked" : "volunteer's limit");
		return 1;
	case FACT__COUNT: return 0;
	}
	put_str(w, num);
	return 1;
}

size_t elig_message(const struct elig_verdict *v, const char *title, char *buf, size_t cap)
{
	struct words w = {buf, cap, 0};
	const char *m = v->rule >= 0 && v->rule < ELIG__COUNT ? rule_messages[v->rule] : "?";
	const char *bar = strchr(m, '|');
	const char *end = bar ? bar : m + strlen(m);
	if (bar && v->value < 0) {
		m = bar + 1;
		end = m + strlen(m);
	}
	put(&w, "", 0); /* a NUL even for no words */
	while (m < end) {
		const char *open = memchr(m, '{', (size_t)(end - m));
		const char *close = open ? memchr(open, '}', (size_t)(end - open)) : NULL;
		if (!close) {
			put(&w, m, (size_t)(end - m));
			break;
		}
		put(&w, m, (size_t)(open - m));
		if (!put_fact(&w, v, title, open + 1, (size_t)(close - open - 1)))
			put(&w, open, (size_t)(close + 1 - open)); /* not a fact: as written */
		m = close + 1;
	}
	return w.len;
}

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int parse_hhmm(const char *s, int *minutes)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != ':' || s[3] < '0' || s[3] > '5' ||
	    s[4] < '0' || s[4] > '9')
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int avail_parse(const char *text, struct avail_window *out)
{
	int day = -1, from, to;
	if (!text || strlen(text) != 15 || text[3] != ' ' || text[9] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (strncmp(text, day_names[i], 3) == 0)
			day = i;
	if (day < 0 || parse_hhmm(text + 4, &from) || parse_hhmm(text + 10, &to) || from >= to)
		return -1;
	out->from = day * 1440 + from;
	out->to = day * 1440 + to;
	return 0;
}

/* 1 if the week minutes [a, b) (0 <= a < b <= 7 * 1440) are covered by the
 * union of the windows. */
static int covered(const struct avail_window *w, int n, int a, int b)
{
	int progress = 1;
	while (a < b && progress) {
		progress = 0;
		for (int i = 0; i < n; i++)
			if (w[i].from <= a && w[i].to > a) {
				a = w[i].to;
				progress = 1;
			}
	}
	return a >= b;
}

/* 1 if the shift lies inside the volunteer's weekly windows. */
static int available(const struct elig_volunteer *v, int64_t start, int64_t end)
{
	if (v->nwindows <= 0)
		return 1;
	/* walk the shift week by week in week minutes (a window never crosses
	 * Sunday midnight, so each week's part is checked on its own) */
	int64_t t = start;
	while (t < end) {
		int64_t ws = week_start_of(t);
		int64_t stop = end < ws + WEEK ? end : ws + WEEK;
		int a = (int)((t - ws) / 60), b = (int)((stop - ws + 59) / 60);
		if (!covered(v->windows, v->nwindows, a, b))
			return 0;
		t = stop;
	}
	return 1;
}

static int holds_text(const char *const *list, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (list[i] && strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int holds_id(const int64_t *list, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (list[i] == id)
			return 1;
	return 0;
}

static enum elig_rule fail(struct elig_verdict *out, enum elig_rule r, const char *field)
{
	out->rule = r;
	out->field = field;
	return r;
}

enum elig_rule elig_check(const struct elig_shift *s, const struct elig_volunteer *v, int64_t now, double radius_km,
			  double *km, struct elig_verdict *out)
{
	memset(out, 0, sizeof *out);
	*km = s->has_place && v->has_home ? geoindex_distance_m(v->lat, v->lon, s->lat, s->lon) / 1000.0 : -1;
	if (s->ends_at <= now)
		return fail(out, ELIG_ENDED, "shift_id");
	if (!v->registered) {
		out->stage = v->stage;
		return fail(out, ELIG_STAGE, "volunteer_id");
	}
	for (int i = 0; i < v->nbookings; i++)
		if (v->bookings[i].shift_id == s->id)
			return fail(out, ELIG_HELD, "volunteer_id");
	for (int i = 0; i < s->ncourses; i++)
		if (!holds_id(v->courses_done, v->ncourses_done, s->courses[i])) {
			out->ref = s->courses[i];
			return fail(out, ELIG_COURSE, "required_course_ids");
		}
	for (int i = 0; i < s->nskills; i++)
		if (!holds_text(v->skills, v->nskills, s->skills[i])) {
			out->missing = s->skills[i];
			return fail(out, ELIG_SKILL, "required_skills");
		}
	if (s->risky && v->insured_until_ymd < s->end_ymd)
		return fail(out, ELIG_INSURANCE, "insured_until");
	int minor = v->birth_ymd &&
		    age_on(v->birth_ymd / 10000, v->birth_ymd / 100 % 100, v->birth_ymd % 100, s->start_ymd) < 18;
	if (minor && !v->guardian_consent)
		return fail(out, ELIG_CONSENT, "guardian_consent");
	if (minor && s->emergency)
		return fail(out, ELIG_MINOR_EMERGENCY, "shift_id");
	if (minor && shift_is_night(s->starts_at, s->ends_at))
		return fail(out, ELIG_MINOR_NIGHT, "shift_id");
	/* yyyymmdd minus 10000 is the same date a year earlier */
	if (s->with_minors && (!v->background_ymd || v->background_ymd < s->start_ymd - 10000))
		return fail(out, ELIG_BACKGROUND, "background_check");
	if (*km >= 0 && v->max_distance_km > 0 && *km > v->max_distance_km) {
		out->value = *km;
		out->limit = v->max_distance_km;
		return fail(out, ELIG_DISTANCE, "max_distance_km");
	}
	if (radius_km > 0 && (*km < 0 || *km > radius_km)) {
		out->value = *km;
		out->limit = radius_km;
		return fail(out, ELIG_DISTANCE, "radius_km");
	}
	if (!available(v, s->starts_at, s->ends_at))
		return fail(out, ELIG_AVAILABILITY, "availability");
	if (v->max_weekly_hours > 0) {
		int64_t ws = week_start_of(s->starts_at), booked = minutes_in_week(s->starts_at, s->ends_at, ws);
		for (int i = 0; i < v->nbookings; i++)
			booked += minutes_in_week(v->bookings[i].starts_at, v->bookings[i].ends_at, ws);
		if ((double)booked > v->max_weekly_hours * 60 + 1e-9) {
			out->value = (double)booked;
			out->limit = v->max_weekly_hours * 60;
			return fail(out, ELIG_HOUR_CAP, "max_weekly_hours");
		}
	}
	for (int i = 0; i < v->nbookings; i++) {
		const struct elig_booking *b = &v->bookings[i];
		if (intervals_overlap(b->starts_at, b->ends_at, s->starts_at, s->ends_at)) {
			out->ref = b->shift_id;
			return fail(out, ELIG_OVERLAP, "shift_id");
		}
	}
	return ELIG_OK;
}

/* ---- the score ---- */

static const char *const factor_names[SCORE__COUNT] = {
	[SCORE_DISTANCE] = "distance",
	[SCORE_SKILL_FIT] = "skill_fit",
	[SCORE_CONTINUITY] = "continuity",
	[SCORE_FAIRNESS] = "fairness",
	[SCORE_PREFERENCE] = "preference",
};

const char *score_factor_name(enum elig_factor f)
{
	return f >= 0 && f < SCORE__COUNT ? factor_names[f] : "?";
}

static double cents(double x)
{
	return round(x * 100.0) / 100.0;
}

void elig_score(const struct score_facts *f, struct score *out)
{
	double *p = out->part;
	p[SCORE_DISTANCE] = f->km < 0 ? 10.0 : f->km >= 20.0 ? 0.0 : cents(40.0 * (1.0 - f->km / 20.0));
	p[SCORE_SKILL_FIT] = cents(20.0 * (double)(f->required_skills + 1) /
				   (double)((f->held_skills > f->required_skills ? f->held_skills : f->required_skills) + 1));
	p[SCORE_CONTINUITY] = f->served_client ? 25.0 : f->served_activity ? 10.0 : 0.0;
	double recent_h = (double)f->recent_minutes / 60.0;
	p[SCORE_FAIRNESS] = recent_h >= 20.0 ? 0.0 : cents(15.0 * (1.0 - recent_h / 20.0));
	p[SCORE_PREFERENCE] = !f->stated_preferences ? 5.0 : f->prefers_mode ? 10.0 : 0.0;
	/* the total in exact hundredths */
	int64_t c = 0;
	for (int i = 0; i < SCORE__COUNT; i++)
		c += (int64_t)llround(p[i] * 100.0);
	out->total = (double)c / 100.0;
}
