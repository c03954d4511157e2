/* voice.c - handlers for volunteer and resident voice (issue 15 item 5):
 * shift feedback (POST/GET /signups/{id}/feedback, GET
 * /activities/{id}/feedback, a volunteer's past shifts with theirs: GET
 * /volunteers/{id}/past-shifts), a need's rating (POST/GET /needs/{id}/rating),
 * satisfaction per org (GET /stats/satisfaction), and surveys (GET
 * /surveys?mine=1, POST /surveys/{id}/open, /close, /answers, GET
 * /surveys/{id}/results). */
#include <string.h>

#include "domain/timefmt.h"
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/voice.h"

/* Body {rating, comment} decoded as a record of e: 201 when made, 200 when
 * replaced. */
static void rating_put(struct req *r, struct ctx *x, const struct entity *e,
		       enum err (*put)(struct ctx *, int64_t, struct rec *, struct rec *, int *, struct errinfo *))
{
	struct rec in, out;
	struct errinfo ei;
	int created = 0;
	if (decode_rec(r, x, e, 0, &in))
		return;
	enum err err = put(x, r->path_id, &in, &out, &created, &ei);
	reply_rec(r, err, &ei, &out, created ? 201 : 200);
}

void h_feedback_put(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	rating_put(r, x, &shift_feedback_entity, svc_feedback_put);
}

void h_need_rating_put(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	rating_put(r, x, &need_rating_entity, svc_need_rating_put);
}

void h_feedback_get(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec out;
	struct errinfo ei;
	reply_rec(r, svc_feedback_of_signup(x, r->path_id, &out, &ei), &ei, &out, 200);
}

void h_need_rating_get(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec out;
	struct errinfo ei;
	reply_rec(r, svc_need_rating_get(x, r->path_id, &out, &ei), &ei, &out, 200);
}

/* {count, average, distribution: {"1".."5"}} of ratings counted. */
static json_t *ratings_json(const int64_t n[5])
{
	int64_t count;
	double avg = voice_average(n, &count);
	json_t *d = json_object();
	for (int i = 0; i < 5; i++) {
		char k[2] = {(char)('1' + i), 0};
		json_object_set_new(d, k, json_integer(n[i]));
	}
	return json_pack("{s:I,s:o,s:o}", "count", (json_int_t)count, "average", count ? json_real(avg) : json_null(),
			 "distribution", d);
}

void h_past_shifts(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct past_shift *p;
	int n;
	struct errinfo ei;
	if (svc_past_shifts(x, r->path_id, &p, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		char s[32], e[32];
		time_format(p[i].starts_at, s);
		time_format(p[i].ends_at, e);
		json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:s?,s:s,s:s}", "signup_id", (json_int_t)p[i].signup_id, "shift_id",
				      (json_int_t)p[i].shift_id, "activity_id", (json_int_t)p[i].activity_id, "title",
				      p[i].title, "place", p[i].place, "starts_at", s, "ends_at", e);
		json_object_set_new(o, "rating", p[i].rating ? json_integer(p[i].rating) : json_null());
		json_object_set_new(o, "comment", p[i].comment ? json_string(p[i].comment) : json_null());
		json_array_append_new(items, o);
	}
	reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void h_activity_feedback(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct feedback_row *rows;
	int n;
	struct errinfo ei;
	if (svc_activity_feedback(x, r->path_id, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array(), *shifts = json_array();
	int64_t all[5] = {0}, one[5] = {0};
	char at[32];
	for (int i = 0; i < n; i++) {
		const struct feedback_row *f = &rows[i];
		time_format(f->updated_at, at);
		json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:s,s:i,s:s}", "id", (json_int_t)f->feedback_id, "signup_id",
				      (json_int_t)f->signup_id, "shift_id", (json_int_t)f->shift_id, "volunteer_id",
				      (json_int_t)f->volunteer_id, "volunteer_name", f->volunteer_name, "rating", f->rating,
				      "updated_at", at);
		json_object_set_new(o, "comment", f->comment ? json_string(f->comment) : json_null());
		json_array_append_new(items, o);
		all[f->rating - 1]++;
		one[f->rating - 1]++;
		if (i + 1 == n || rows[i + 1].shift_id != f->shift_id) {
			json_t *s = ratings_json(one);
			json_object_set_new(s, "shift_id", json_integer(f->shift_id));
			time_format(f->shift_starts_at, at);
			json_object_set_new(s, "starts_at", json_string(at));
			time_format(f->shift_ends_at, at);
			json_object_set_new(s, "ends_at", json_string(at));
			json_array_append_new(shifts, s);
			memset(one, 0, sizeof one);
		}
	}
	json_t *o = ratings_json(all);
	json_object_set_new(o, "activity_id", json_integer(r->path_id));
	json_object_set_new(o, "shifts", shifts);
	json_object_set_new(o, "items", items);
	reply_json(r, 200, o);
}

void h_stats_satisfaction(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t org = 0;
	int got = query_int(r, "org_id", &org);
	if (got < 0)
		return;
	if (!got || org <= 0) {
		reply_errc(r, got ? ERR_BAD_REQUEST : ERR_REQUIRED, "org_id", "org_id is required");
		return;
	}
	struct rating_counts shifts, needs;
	struct errinfo ei;
	if (svc_satisfaction(x, org, &shifts, &needs, &ei)) {
		reply_err(r, &ei);
		return;
	}
	reply_json(r, 200, json_pack("{s:I,s:o,s:o}", "org_id", (json_int_t)org, "shift_feedback",
				     ratings_json(shifts.n), "need_ratings", ratings_json(needs.n)));
}

/* GET /surveys: ?mine=1 lists the surveys sent to the caller (as a person). */
void h_surveys_list(struct req *r, struct ctx *x, const void *arg)
{
	int mine = query_bool(r, "mine", 0);
	if (mine < 0)
		return;
	if (!mine) {
		h_list(r, x, arg);
		return;
	}
	/* a user who is no person was sent nothing: -1 matches no one */
	list_with(r, x, arg, "recipient_person_id", x->who && x->who->person_id ? x->who->person_id : -1);
}

void h_survey_move(struct req *r, struct ctx *x, const void *arg)
{
	struct rec out;
	struct errinfo ei;
	const char *to = arg;
	reply_rec(r, svc_survey_move(x, r->path_id, (enum voice_state)voice_state_parse(to), &out, &ei), &ei, &out,
		  200);
}

void h_survey_answer(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec body;
	struct errinfo ei;
	if (decode_rec(r, x, &survey_answers_body, 0, &body))
		return;
	if (svc_survey_answer(x, r->path_id, &body, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 201, json_pack("{s:I,s:b}", "survey_id", (json_int_t)r->path_id, "answered", 1));
}

static json_t *result_json(const struct voice_result *v, int named)
{
	const struct voice_question *q = &v->q;
	json_t *o = json_pack("{s:s,s:s,s:s,s:b,s:I}", "key", q->key, "text", q->text, "kind", voice_kind_name(q->kind),
			      "required", q->required, "answered", (json_int_t)v->answered);
	if (q->kind == VK_SINGLE || q->kind == VK_MULTIPLE) {
		json_t *opts = json_array();
		for (int k = 0; k < q->noptions; k++)
			json_array_append_new(opts, json_pack("{s:s,s:I}", "option", q->options[k], "count",
							      (json_int_t)v->option_counts[k]));
		json_object_set_new(o, "options", opts);
	} else if (q->kind == VK_SCALE) {
		json_t *s = ratings_json(v->scale);
		json_object_set(o, "average", json_object_get(s, "average"));
		json_object_set(o, "distribution", json_object_get(s, "distribution"));
		json_decref(s);
	} else {
		json_t *texts = json_array();
		for (int i = 0; i < v->ntexts; i++) {
			const struct answer_text *t = &v->texts[i];
			json_t *a = json_pack("{s:s}", "text", t->text);
			if (named && t->person_id) {
				json_object_set_new(a, "person_id", json_integer(t->person_id));
				json_object_set_new(a, "name", t->name ? json_string(t->name) : json_null());
			}
			json_array_append_new(texts, a);
		}
		json_object_set_new(o, "texts", texts);
	}
	return o;
}

void h_survey_results(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct voice_results res;
	struct errinfo ei;
	if (svc_survey_results(x, r->path_id, &res, &ei)) {
		reply_err(r, &ei);
		return;
	}
	int named = !rec_int(&res.survey, SURVEY_ANONYMOUS, 0);
	json_t *qs = json_array();
	for (int j = 0; j < res.nq; j++)
		json_array_append_new(qs, result_json(&res.q[j], named));
	reply_json(r, 200, json_pack("{s:I,s:s,s:s,s:b,s:I,s:I,s:o}", "survey_id", (json_int_t)r->path_id, "title",
				     rec_text(&res.survey, SURVEY_TITLE), "status", rec_text(&res.survey, SURVEY_STATUS),
				     "anonymous", !named, "recipients",
				     (json_int_t)rec_int(&res.survey, SURVEY_RECIPIENTS, 0), "responses",
				     (json_int_t)res.responses, "questions", qs));
}
