/* voice.c - volunteer and resident voice (issue 15 item 5; see voice.h).
 *
 * Shift feedback and need ratings are one row per thing rated, made by its
 * one rater and replaced by a later call. A survey is a generic resource
 * whose hooks keep its questions well formed and fixed once it opens;
 * opening freezes its recipients and tells each in the inbox. Answers are
 * written with no id, no time and, for an anonymous survey, no person: who
 * answered is kept apart (survey_respondents) only so nobody answers twice,
 * and answering writes no audit entry, so nothing the API returns links an
 * answer to a person. */
#include <string.h>

#include "domain/needflow.h"
#include "model/codec.h"
#include "service/voice.h"
#include "store/store.h"
#include "store/voice_store.h"

/* ---- who may read what ---- */

/* The staff over org_id (any staff role), regional admins above it, and
 * platform admins; 403 naming `field` for others. */
static enum err org_reader(struct ctx *x, int64_t org_id, const char *field, const char *what, struct errinfo *ei)
{
	const char *opath, *rpath;
	enum err e = org_paths(x, org_id, field, &opath, &rpath, ei);
	if (e)
		return e;
	if (access_platform(x->who) || access_org(x->who, ROLES_ORG_STAFF, opath) || access_region(x->who, rpath))
		return ERR_OK;
	return err_set(ei, ERR_FORBIDDEN, field, what);
}

/* The staff over org_id (writes: surveys) and platform admins. */
static enum err org_writer(struct ctx *x, int64_t org_id, struct errinfo *ei)
{
	const char *opath;
	enum err e = org_paths(x, org_id, "org_id", &opath, NULL, ei);
	if (e || access_platform(x->who) || access_org(x->who, ROLES_ORG_STAFF, opath))
		return e;
	return err_set(ei, ERR_FORBIDDEN, "org_id", "only the staff of the survey's organisation build and send it");
}

double voice_average(const int64_t n[5], int64_t *count)
{
	int64_t c = 0, sum = 0;
	for (int i = 0; i < 5; i++) {
		c += n[i];
		sum += n[i] * (i + 1);
	}
	if (count)
		*count = c;
	return c ? (double)((sum * 100 + c / 2) / c) / 100.0 : 0.0;
}

/* ---- one rating per thing rated (shift feedback, need ratings) ---- */

/* What differs between the two: the entity, its keys, how the row of a
 * thing is found. */
struct rating_kind {
	const struct resource *res;
	int parent, rating, comment, created_at, updated_at;
	enum err (*find)(struct store_conn *c, int64_t parent_id, int64_t *id);
};

/* Write `in`'s rating and comment on the row of parent_id (a new one with
 * the fields the caller set on `nw`), audited; *id the row. */
static enum err rating_write(struct ctx *x, const struct rating_kind *k, int64_t parent_id, const struct rec *in,
			     struct rec *nw, int64_t *id, int *created, struct errinfo *ei)
{
	int64_t have = 0;
	enum err e = k->find(x->c, parent_id, &have);
	if (e)
		return err_set(ei, e, NULL, NULL);
	const char *comment = rec_text(in, k->comment);
	if (have) {
		struct rec old;
		if ((e = store_get_locked(x->c, k->res->e, have, NULL, &old, x->a)))
			return err_set(ei, e, NULL, NULL);
		*nw = old;
		rec_set_int(nw, k->rating, rec_int(in, k->rating, 0));
		rec_set_text(nw, k->comment, comment && *comment ? comment : NULL);
		rec_set_int(nw, k->updated_at, x->now);
		if ((e = store_update(x->c, nw, ei)))
			return e;
		*id = have;
		*created = 0;
		return svc_audit(x, "update", k->res, have, &old, nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
	}
	rec_set_int(nw, k->parent, parent_id);
	rec_set_int(nw, k->rating, rec_int(in, k->rating, 0));
	rec_set_text(nw, k->comment, comment && *comment ? comment : NULL);
	rec_set_int(nw, k->created_at, x->now);
	rec_set_int(nw, k->updated_at, x->now);
	if ((e = store_insert(x->c, nw, ei)))
		return e;
	*id = nw->id;
	*created = 1;
	return svc_audit(x, "create", k->res, nw->id, NULL, nw) ? err_set(ei, ERR_INTERNAL, NULL, NULL) : ERR_OK;
}

/* The row of parent_id, for a caller who reads the parent (the sign-up,
 * the need): whoever reads what was rated reads its rating. 404 when
 * none. */
static enum err rating_get(struct ctx *x, const struct rating_kind *k, int64_t parent_id, struct rec *out,
			   struct errinfo *ei)
{
	int64_t id = 0;
	enum err e = k->find(x->c, parent_id, &id);
	if (!e && !id)
		return err_set(ei, ERR_NOT_FOUND, NULL, "nothing rated yet");
	if (!e)
		e = store_get(x->c, k->res->e, id, NULL, out, x->a);
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

static const struct rating_kind feedback_kind = {
	&res_shift_feedback, SHIFT_FEEDBACK_SIGNUP_ID, SHIFT_FEEDBACK_RATING, SHIFT_FEEDBACK_COMMENT,
	SHIFT_FEEDBACK_CREATED_AT, SHIFT_FEEDBACK_UPDATED_AT, store_feedback_of_signup};
static const struct rating_kind need_kind = {&res_need_ratings,	    NEED_RATING_NEED_ID,
					     NEED_RATING_RATING,    NEED_RATING_COMMENT,
					     NEED_RATING_CREATED_AT, NEED_RATING_UPDATED_AT,
					     store_rating_of_need};

struct put_args {
	int64_t parent_id;
	struct rec *in;
	int64_t id;
	int created;
};

/* The caller, as a person, is `person_id` (the command line may act for
 * anyone: the demo). */
static int caller_is(const struct ctx *x, int64_t person_id)
{
	return !x->who || (x->who->person_id && x->who->person_id == person_id);
}

static enum err do_feedback(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct put_args *p = arg;
	struct rec su, shift, vol, nw;
	enum err e = svc_load_for_write(x, &signup_entity, p->parent_id, &su, ei);
	if (e)
		return e;
	if ((e = store_get(x->c, &vol_entity, rec_int(&su, SIGNUP_VOLUNTEER_ID, 0), NULL, &vol, x->a)) ||
	    (e = store_get(x->c, &shift_entity, rec_int(&su, SIGNUP_SHIFT_ID, 0), NULL, &shift, x->a)))
		return err_set(ei, e, NULL, NULL);
	if (!caller_is(x, rec_int(&vol, VOLUNTEER_PERSON_ID, 0)))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only the sign-up's volunteer rates the shift");
	const char *status = rec_text(&su, SIGNUP_STATUS);
	if (!status || strcmp(status, "accepted") != 0)
		return err_setf(ei, ERR_CONFLICT, "status", "only an accepted sign-up rates its shift (this one is %s)",
				status ? status : "unknown");
	if (rec_int(&shift, SHIFT_ENDS_AT, 0) > x->now)
		return err_set(ei, ERR_CONFLICT, "shift_id", "the shift is rated once it has ended");
	rec_init(&nw, &shift_feedback_entity);
	rec_set_int(&nw, SHIFT_FEEDBACK_SHIFT_ID, shift.id);
	rec_set_int(&nw, SHIFT_FEEDBACK_ACTIVITY_ID, rec_int(&shift, SHIFT_ACTIVITY_ID, 0));
	rec_set_int(&nw, SHIFT_FEEDBACK_VOLUNTEER_ID, vol.id);
	return rating_write(x, &feedback_kind, p->parent_id, p->in, &nw, &p->id, &p->created, ei);
}

enum err svc_feedback_put(struct ctx *x, int64_t signup_id, struct rec *in, struct rec *out, int *created,
			  struct errinfo *ei)
{
	struct put_args p = {signup_id, in, 0, 0};
	enum err e = svc_tx(x, do_feedback, &p, ei);
	if (e)
		return e;
	*created = p.created;
	return svc_get(x, &res_shift_feedback, p.id, out, ei);
}

enum err svc_feedback_of_signup(struct ctx *x, int64_t signup_id, struct rec *out, struct errinfo *ei)
{
	struct rec su;
	enum err e = svc_load_visible(x, &signup_entity, signup_id, &su, ei);
	return e ? e : rating_get(x, &feedback_kind, signup_id, out, ei);
}

enum err svc_past_shifts(struct ctx *x, int64_t volunteer_id, struct past_shift **rows, int *n, struct errinfo *ei)
{
	struct rec v;
	enum err e = svc_load_visible(x, &vol_entity, volunteer_id, &v, ei);
	if (!e && (e = store_past_shifts(x->c, volunteer_id, x->now, VOICE_PAST_MAX, rows, n, x->a)))
		err_set(ei, e, NULL, NULL);
	return e;
}

enum err svc_activity_feedback(struct ctx *x, int64_t activity_id, struct feedback_row **rows, int *n,
			       struct errinfo *ei)
{
	struct rec act;
	enum err e = store_get(x->c, &activity_entity, activity_id, NULL, &act, x->a);
	if (e)
		return err_set(ei, e, NULL, e == ERR_NOT_FOUND ? "no such activity" : NULL);
	if ((e = org_reader(x, rec_int(&act, ACTIVITY_ORG_ID, 0), "activity_id",
			    "the feedback is read by the staff of the activity's organisation", ei)))
		return e;
	if ((e = store_activity_feedback(x->c, activity_id, VOICE_FEEDBACK_MAX, rows, n, x->a)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

static enum err do_need_rating(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct put_args *p = arg;
	struct rec need, nw;
	enum err e = svc_load_for_write(x, &need_entity, p->parent_id, &need, ei);
	if (e)
		return e;
	int64_t raiser = rec_int(&need, NEED_RAISED_BY_PERSON_ID, 0);
	if (!raiser || !caller_is(x, raiser))
		return err_set(ei, ERR_FORBIDDEN, NULL, "only the person who raised the need rates it");
	const char *status = rec_text(&need, NEED_STATUS);
	if (!status || (strcmp(status, need_status_name(NS_DONE)) != 0 && strcmp(status, need_status_name(NS_CLOSED)) != 0))
		return err_setf(ei, ERR_CONFLICT, "status", "a need is rated once it is done or closed (this one is %s)",
				status ? status : "unknown");
	rec_init(&nw, &need_rating_entity);
	rec_set_int(&nw, NEED_RATING_PERSON_ID, raiser);
	return rating_write(x, &need_kind, p->parent_id, p->in, &nw, &p->id, &p->created, ei);
}

enum err svc_need_rating_put(struct ctx *x, int64_t need_id, struct rec *in, struct rec *out, int *created,
			     struct errinfo *ei)
{
	struct put_args p = {need_id, in, 0, 0};
	enum err e = svc_tx(x, do_need_rating, &p, ei);
	if (e)
		return e;
	*created = p.created;
	return svc_get(x, &res_need_ratings, p.id, out, ei);
}

enum err svc_need_rating_get(struct ctx *x, int64_t need_id, struct rec *out, struct errinfo *ei)
{
	struct rec need;
	enum err e = svc_load_visible(x, &need_entity, need_id, &need, ei);
	return e ? e : rating_get(x, &need_kind, need_id, out, ei);
}

enum err svc_satisfaction(struct ctx *x, int64_t org_id, struct rating_counts *shifts, struct rating_counts *needs,
			  struct errinfo *ei)
{
	const char *opath;
	enum err e = org_reader(x, org_id, "org_id", "satisfaction is read by the organisation's staff", ei);
	if (e || (e = org_paths(x, org_id, "org_id", &opath, NULL, ei)))
		return e;
	if ((e = store_feedback_counts(x->c, opath, shifts)) || (e = store_need_rating_counts(x->c, opath, needs)))
		return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

const struct resource res_shift_feedback = {.e = &shift_feedback_entity, .no_create = 1, .no_update = 1};
const struct resource res_need_ratings = {.e = &need_rating_entity, .no_create = 1, .no_update = 1};

/* ---- surveys ---- */

/* The error e of *ei, its message kept, naming `field`. */
static enum err refield(struct errinfo *ei, enum err e, const char *field)
{
	char msg[sizeof ei->message];
	memcpy(msg, ei->message, sizeof msg);
	return err_set(ei, e, field, msg);
}

/* The questions stored as JSON text, decoded; 422 naming "questions[i]". */
static enum err questions_of(struct ctx *x, const char *json, struct voice_question **out, int *n, struct errinfo *ei)
{
	struct rec *list = NULL;
	int nl = 0;
	enum err e = codec_decode_list(json ? json : "null", &survey_question_body, "survey_id", VOICE_MAX_QUESTIONS,
				       &list, &nl, x->a, ei);
	if (e)
		return refield(ei, e, "questions");
	struct voice_question *q = arena_alloc(x->a, sizeof *q * (size_t)(nl + 1));
	for (int i = 0; i < nl; i++) {
		const char **opts = NULL;
		q[i].key = rec_text(&list[i], SURVEY_QUESTION_KEY);
		q[i].text = rec_text(&list[i], SURVEY_QUESTION_TEXT);
		q[i].kind = (enum voice_kind)voice_kind_parse(rec_text(&list[i], SURVEY_QUESTION_KIND));
		q[i].noptions = codec_strings(rec_text(&list[i], SURVEY_QUESTION_OPTIONS), &opts, x->a);
		q[i].options = opts;
		q[i].required = rec_int(&list[i], SURVEY_QUESTION_REQUIRED, 0) != 0;
	}
	*out = q;
	*n = nl;
	return ERR_OK;
}

static enum err survey_authorize(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	return org_writer(x, rec_int(old ? old : nw, SURVEY_ORG_ID, 0), ei);
}

/* The scope's one id: which field it is, and that the other two are
 * absent. An org's volunteers default to the survey's org. */
static const int scope_keys[] = {SURVEY_SCOPE_ORG_ID, SURVEY_SCOPE_ACTIVITY_ID, SURVEY_SCOPE_REGION_ID};
static const char *const scope_fields[] = {"scope_org_id", "scope_activity_id", "scope_region_id"};
static const char *const scope_kinds[] = {"org_volunteers", "activity_participants", "region_residents"};

static int scope_kind_of(const struct rec *r)
{
	const char *k = rec_text(r, SURVEY_SCOPE_KIND);
	for (int i = 0; k && i < 3; i++)
		if (strcmp(k, scope_kinds[i]) == 0)
			return i;
	return -1;
}

/* Is path `inner` within the subtree at `outer`? */
static int under(const char *outer, const char *inner)
{
	return outer && inner && strncmp(inner, outer, strlen(outer)) == 0;
}

static enum err scope_check(struct ctx *x, struct rec *nw, struct errinfo *ei)
{
	int kind = scope_kind_of(nw);
	if (kind < 0)
		return err_set(ei, ERR_INVALID, "scope_kind", "scope_kind is org_volunteers, activity_participants or region_residents");
	int64_t org = rec_int(nw, SURVEY_ORG_ID, 0);
	if (kind == SS_ORG_VOLUNTEERS && !rec_has(nw, SURVEY_SCOPE_ORG_ID))
		rec_set_int(nw, SURVEY_SCOPE_ORG_ID, org);
	for (int i = 0; i < 3; i++) {
		if (i != kind && rec_has(nw, scope_keys[i]))
			return err_setf(ei, ERR_INVALID, scope_fields[i], "a survey to %s takes no %s", scope_kinds[kind],
					scope_fields[i]);
		if (i == kind && !rec_has(nw, scope_keys[i]))
			return err_setf(ei, ERR_REQUIRED, scope_fields[i], "a survey to %s names its %s", scope_kinds[kind],
					scope_fields[i]);
	}
	/* the scope lies within the survey's org (its subtree, its activities,
	 * its region) */
	const char *opath, *rpath, *inner = NULL;
	enum err e = org_paths(x, org, "org_id", &opath, &rpath, ei);
	int64_t id = rec_int(nw, scope_keys[kind], 0);
	struct rec act;
	if (e)
		return e;
	if (kind == SS_ORG_VOLUNTEERS) {
		if ((e = org_paths(x, id, "scope_org_id", &inner, NULL, ei)))
			return e;
		if (!under(opath, inner))
			return err_set(ei, ERR_RULE, "scope_org_id", "the volunteers are of the survey's organisation or below it");
	} else if (kind == SS_ACTIVITY_PARTICIPANTS) {
		if ((e = store_get(x->c, &activity_entity, id, NULL, &act, x->a)))
			return err_set(ei, e == ERR_NOT_FOUND ? ERR_INVALID : e, "scope_activity_id", "no such activity");
		if ((e = org_paths(x, rec_int(&act, ACTIVITY_ORG_ID, 0), "scope_activity_id", &inner, NULL, ei)))
			return e;
		if (!under(opath, inner))
			return err_set(ei, ERR_RULE, "scope_activity_id", "the activity is of the survey's organisation or below it");
	} else {
		if ((e = region_path(x, id, "scope_region_id", &inner, ei)))
			return e;
		if (!under(rpath, inner))
			return err_set(ei, ERR_RULE, "scope_region_id", "the residents live in the survey's organisation's region");
	}
	return ERR_OK;
}

/* The questions checked by the domain (stored as given: the codec has
 * checked every member's name and type). */
static enum err questions_check(struct ctx *x, struct rec *nw, struct errinfo *ei)
{
	struct voice_question *q;
	int n, bad;
	const char *what, *msg;
	enum err e = questions_of(x, rec_text(nw, SURVEY_QUESTIONS), &q, &n, ei);
	if (e)
		return e;
	if (voice_questions_check(q, n, &bad, &what, &msg))
		return bad < 0 ? err_set(ei, ERR_INVALID, "questions", msg)
			       : err_set(ei, ERR_INVALID, arena_printf(x->a, "questions[%d].%s", bad, what), msg);
	return ERR_OK;
}

static enum err survey_prepare(struct ctx *x, struct rec *nw, const struct rec *old, struct errinfo *ei)
{
	enum err e;
	if (old && strcmp(rec_text(old, SURVEY_STATUS), "draft") != 0)
		return err_set(ei, ERR_CONFLICT, "status", "a survey changes only while it is a draft");
	if ((e = scope_check(x, nw, ei)) || (e = questions_check(x, nw, ei)))
		return e;
	if (!rec_has(nw, SURVEY_ANONYMOUS))
		rec_set_int(nw, SURVEY_ANONYMOUS, 0);
	if (!old) {
		rec_set_text(nw, SURVEY_STATUS, "draft");
		rec_set_int(nw, SURVEY_RECIPIENTS, 0);
		rec_set_null(nw, SURVEY_OPENED_AT);
		rec_set_null(nw, SURVEY_CLOSED_AT);
		if (x->who)
			rec_set_int(nw, SURVEY_CREATED_BY_USER_ID, x->who->user_id);
		else
			rec_set_null(nw, SURVEY_CREATED_BY_USER_ID);
	}
	return ERR_OK;
}

/* responses for the survey's readers of results; answered for the caller */
static enum err survey_derive(struct ctx *x, struct rec *r, struct errinfo *ei)
{
	enum err e = ERR_OK;
	if (access_platform(x->who) || r->vis_org || r->vis_region) {
		int64_t n = 0;
		e = store_survey_responses(x->c, r->id, &n);
		rec_set_int(r, SURVEY_RESPONSES, n);
	}
	if (!e && x->who && x->who->person_id) {
		int yes = 0;
		e = store_survey_answered(x->c, r->id, x->who->person_id, &yes);
		rec_set_int(r, SURVEY_ANSWERED, yes);
	}
	return e ? err_set(ei, e, NULL, NULL) : ERR_OK;
}

const struct resource res_surveys = {
	.e = &survey_entity,
	.authorize = survey_authorize,
	.prepare = survey_prepare,
	.derive = survey_derive,
};

struct move_args {
	int64_t id;
	enum voice_state to;
};

/* Freeze the recipients and tell each of them in the inbox. */
static enum err send_out(struct ctx *x, struct rec *s, struct errinfo *ei)
{
	int kind = scope_kind_of(s);
	int64_t count = 0, *users;
	int n;
	enum err e = store_survey_recipients_fill(x->c, s->id, (enum survey_scope)kind, rec_int(s, scope_keys[kind], 0),
						  &count);
	if (!e)
		e = store_survey_recipient_users(x->c, s->id, 1000000, &users, &n, x->a);
	if (e)
		return err_set(ei, e, NULL, NULL);
	rec_set_int(s, SURVEY_RECIPIENTS, count);
	return notify_users(x, users, n, "survey", arena_printf(x->a, "问卷：%s", rec_text(s, SURVEY_TITLE)),
			    "请填写这份问卷，几分钟即可完成。", "surveys", s->id, ei);
}

static enum err do_move(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct move_args *m = arg;
	struct rec old, nw;
	enum err e = svc_load_for_write(x, &survey_entity, m->id, &old, ei);
	if (e || (e = survey_authorize(x, &old, &old, ei)))
		return e;
	int from = voice_state_parse(rec_text(&old, SURVEY_STATUS));
	if (from < 0 || !voice_state_move_ok((enum voice_state)from, m->to))
		return err_setf(ei, ERR_CONFLICT, "status", "a %s survey cannot be %s", rec_text(&old, SURVEY_STATUS),
				m->to == VS_OPEN ? "opened" : "closed");
	nw = old;
	rec_set_text(&nw, SURVEY_STATUS, voice_state_name(m->to));
	rec_set_int(&nw, m->to == VS_OPEN ? SURVEY_OPENED_AT : SURVEY_CLOSED_AT, x->now);
	rec_set_int(&nw, SURVEY_UPDATED_AT, x->now);
	if (m->to == VS_OPEN && (e = send_out(x, &nw, ei)))
		return e;
	if ((e = store_update(x->c, &nw, ei)))
		return e;
	return svc_audit(x, m->to == VS_OPEN ? "open" : "close", &res_surveys, m->id, &old, &nw)
		       ? err_set(ei, ERR_INTERNAL, NULL, NULL)
		       : ERR_OK;
}

enum err svc_survey_move(struct ctx *x, int64_t id, enum voice_state to, struct rec *out, struct errinfo *ei)
{
	struct move_args m = {id, to};
	enum err e = svc_tx(x, do_move, &m, ei);
	return e ? e : svc_get(x, &res_surveys, id, out, ei);
}

struct answer_args {
	int64_t id;
	struct rec *body;
};

/* The answer to key among v[0..n), or NULL. */
static const struct voice_value *answer_to(const struct voice_value *v, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

/* Write one answered value (each chosen option of a multiple choice, and
 * for it a row with no value that says the question was answered: how many
 * answered it, apart from the options counted). */
static enum err answer_rows(struct ctx *x, int64_t id, const struct voice_question *q, const struct voice_value *v,
			    int64_t person)
{
	if (!v || v->type == VV_NONE || (q->kind == VK_TEXT && !*v->s) || (v->type == VV_STRINGS && !v->n))
		return ERR_OK;
	if (q->kind == VK_SCALE)
		return store_survey_answer_add(x->c, id, q->key, NULL, (int)v->i, NULL, person);
	if (q->kind == VK_TEXT)
		return store_survey_answer_add(x->c, id, q->key, NULL, 0, v->s, person);
	if (q->kind == VK_SINGLE)
		return store_survey_answer_add(x->c, id, q->key, v->s, 0, NULL, person);
	enum err e = store_survey_answer_add(x->c, id, q->key, NULL, 0, NULL, person);
	if (v->type == VV_STRING)
		return e ? e : store_survey_answer_add(x->c, id, q->key, v->s, 0, NULL, person);
	for (int i = 0; !e && i < v->n; i++)
		e = store_survey_answer_add(x->c, id, q->key, v->list[i], 0, NULL, person);
	return e;
}

static enum err do_answer(struct ctx *x, void *arg, struct errinfo *ei)
{
	struct answer_args *a = arg;
	struct rec s;
	enum err e = svc_load_for_write(x, &survey_entity, a->id, &s, ei);
	if (e)
		return e;
	int64_t person = x->who ? x->who->person_id : 0;
	int yes = 0;
	if (person && (e = store_survey_is_recipient(x->c, a->id, person, &yes)))
		return err_set(ei, e, NULL, NULL);
	if (!yes)
		return err_set(ei, ERR_FORBIDDEN, NULL, "only the people the survey was sent to answer it");
	if (strcmp(rec_text(&s, SURVEY_STATUS), "open") != 0)
		return err_setf(ei, ERR_CONFLICT, "status", "the survey is %s: it takes no answers",
				rec_text(&s, SURVEY_STATUS));
	struct voice_question *q;
	struct voice_value *v;
	int nq, nv;
	const char *msg;
	if ((e = questions_of(x, rec_text(&s, SURVEY_QUESTIONS), &q, &nq, ei)))
		return err_set(ei, ERR_INTERNAL, NULL, NULL);
	if ((e = codec_answers(rec_text(a->body, SURVEY_ANSWERS_ANSWERS), VOICE_MAX_QUESTIONS, &v, &nv, x->a, ei)))
		return refield(ei, e, "answers");
	for (int i = 0; i < nv; i++) {
		int known = 0;
		for (int j = 0; j < nq && !known; j++)
			known = strcmp(q[j].key, v[i].key) == 0;
		if (!known)
			return err_set(ei, ERR_INVALID, arena_printf(x->a, "answers.%s", v[i].key),
				       "the survey has no such question");
	}
	for (int j = 0; j < nq; j++)
		if (voice_answer_check(&q[j], answer_to(v, nv, q[j].key), &msg))
			return err_set(ei, ERR_INVALID, arena_printf(x->a, "answers.%s", q[j].key), msg);
	/* who answered, apart from what: the primary key stops a second answer */
	if ((e = store_survey_respondent_add(x->c, a->id, person)))
		return err_set(ei, e, "answers", e == ERR_DUPLICATE ? "you have answered this survey already" : NULL);
	int64_t named = rec_int(&s, SURVEY_ANONYMOUS, 0) ? 0 : person;
	for (int j = 0; j < nq; j++)
		if ((e = answer_rows(x, a->id, &q[j], answer_to(v, nv, q[j].key), named)))
			return err_set(ei, e, NULL, NULL);
	return ERR_OK;
}

enum err svc_survey_answer(struct ctx *x, int64_t id, struct rec *body, struct errinfo *ei)
{
	struct answer_args a = {id, body};
	return svc_tx(x, do_answer, &a, ei);
}

/* The option of question q named `choice`, or -1. */
static int option_index(const struct voice_question *q, const char *choice)
{
	for (int i = 0; choice && i < q->noptions; i++)
		if (strcmp(q->options[i], choice) == 0)
			return i;
	return -1;
}

enum err svc_survey_results(struct ctx *x, int64_t id, struct voice_results *out, struct errinfo *ei)
{
	struct voice_question *q;
	struct answer_count *c;
	struct answer_text *t;
	int nq, nc, nt;
	memset(out, 0, sizeof *out);
	enum err e = svc_get(x, &res_surveys, id, &out->survey, ei);
	if (e || (e = org_reader(x, rec_int(&out->survey, SURVEY_ORG_ID, 0), NULL,
				 "the results are read by the staff of the survey's organisation", ei)))
		return e;
	if ((e = questions_of(x, rec_text(&out->survey, SURVEY_QUESTIONS), &q, &nq, ei)))
		return e;
	int named = !rec_int(&out->survey, SURVEY_ANONYMOUS, 0);
	if ((e = store_survey_responses(x->c, id, &out->responses)) ||
	    (e = store_survey_counts(x->c, id, VOICE_MAX_QUESTIONS * (VOICE_MAX_OPTIONS + 5), &c, &nc, x->a)) ||
	    (e = store_survey_texts(x->c, id, named, VOICE_TEXTS_MAX, &t, &nt, x->a)))
		return err_set(ei, e, NULL, NULL);
	out->q = arena_alloc(x->a, sizeof *out->q * (size_t)(nq + 1));
	out->nq = nq;
	for (int j = 0; j < nq; j++) {
		struct voice_result *r = &out->q[j];
		r->q = q[j];
		r->option_counts = arena_alloc(x->a, sizeof *r->option_counts * (size_t)(q[j].noptions + 1));
		for (int i = 0; i < nc; i++) {
			if (strcmp(c[i].question_key, q[j].key) != 0)
				continue;
			int k = option_index(&q[j], c[i].choice);
			if (k >= 0)
				r->option_counts[k] += c[i].count;
			else if (!c[i].choice && !c[i].scale)
				r->answered = c[i].count; /* a multiple choice's marker */
			else if (c[i].scale >= 1 && c[i].scale <= 5)
				r->scale[c[i].scale - 1] += c[i].count;
		}
		for (int i = 0; i < nt; i++)
			if (strcmp(t[i].question_key, q[j].key) == 0) {
				if (!r->texts)
					r->texts = &t[i];
				r->ntexts++;
			}
		if (q[j].kind == VK_SCALE)
			r->average = voice_average(r->scale, &r->answered);
		else if (q[j].kind == VK_TEXT)
			r->answered = r->ntexts;
		else if (q[j].kind == VK_SINGLE)
			for (int k = 0; k < q[j].noptions; k++)
				r->answered += r->option_counts[k];
	}
	return ERR_OK;
}
