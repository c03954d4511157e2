/* voice_store.c - static SQL for voice's own tables; see voice_store.h. */
#include "store/voice_store.h"

#include "store/store_int.h"

static struct stmt q_feedback_of = STMT("SELECT id FROM shift_feedback WHERE signup_id = ?1");
static struct stmt q_rating_of = STMT("SELECT id FROM need_ratings WHERE need_id = ?1");
static struct stmt q_activity_feedback =
	STMT("SELECT f.id, f.signup_id, f.shift_id, s.starts_at, s.ends_at, f.volunteer_id, f.updated_at, f.rating,"
	     " p.name, f.comment FROM shift_feedback f JOIN shifts s ON s.id = f.shift_id"
	     " JOIN volunteers v ON v.id = f.volunteer_id JOIN people p ON p.id = v.person_id"
	     " WHERE f.activity_id = ?1 ORDER BY s.starts_at, f.shift_id, f.signup_id LIMIT ?2");
static struct stmt q_past_shifts =
	STMT("SELECT g.id, s.id, a.id, a.title || ' - ' || p.title, a.place, s.starts_at, s.ends_at, f.rating, f.comment"
	     " FROM signups g JOIN shifts s ON s.id = g.shift_id JOIN activities a ON a.id = s.activity_id"
	     " JOIN positions p ON p.id = s.position_id LEFT JOIN shift_feedback f ON f.signup_id = g.id"
	     " WHERE g.volunteer_id = ?1 AND g.status = 'accepted' AND s.ends_at <= ?2"
	     " ORDER BY s.starts_at DESC, s.id DESC LIMIT ?3");
#define UNDER(col) col " >= ?1 AND " col " < ?1 || '~'"
static struct stmt q_feedback_counts =
	STMT("SELECT f.rating, COUNT(*) FROM shift_feedback f JOIN activities a ON a.id = f.activity_id"
	     " JOIN orgs o ON o.id = a.org_id WHERE " UNDER("o.path") " GROUP BY f.rating");
static struct stmt q_need_rating_counts =
	STMT("SELECT r.rating, COUNT(*) FROM need_ratings r JOIN needs n ON n.id = r.need_id"
	     " LEFT JOIN social_workers w ON w.id = n.assigned_social_worker_id"
	     " JOIN orgs o ON o.id = COALESCE(w.org_id, n.raised_by_org_id) WHERE " UNDER("o.path") " GROUP BY r.rating");
/* the scopes: ?1 the survey, ?2 the org, activity or region */
static struct stmt q_fill[] = {
	[SS_ORG_VOLUNTEERS] = STMT("INSERT INTO survey_recipients (survey_id, person_id) SELECT DISTINCT ?1, v.person_id"
				   " FROM volunteers v JOIN orgs o ON o.id = v.org_id, orgs g WHERE g.id = ?2"
				   " AND o.path >= g.path AND o.path < g.path || '~' AND v.stage = 'registered'"),
	[SS_ACTIVITY_PARTICIPANTS] =
		STMT("INSERT INTO survey_recipients (survey_id, person_id) SELECT DISTINCT ?1, v.person_id"
		     " FROM signups su JOIN shifts sh ON sh.id = su.shift_id JOIN volunteers v ON v.id = su.volunteer_id"
		     " WHERE sh.activity_id = ?2 AND su.status = 'accepted'"),
	[SS_REGION_RESIDENTS] = STMT("INSERT INTO survey_recipients (survey_id, person_id) SELECT ?1, p.id"
				     " FROM people p JOIN regions r ON r.id = p.region_id, regions g WHERE g.id = ?2"
				     " AND r.path >= g.path AND r.path < g.path || '~'"),
};
static struct stmt q_recipients_count = STMT("SELECT COUNT(*) FROM survey_recipients WHERE survey_id = ?1");
static struct stmt q_recipient_users = STMT("SELECT u.id FROM users u JOIN survey_recipients r ON r.person_id ="
					    " u.person_id WHERE r.survey_id = ?1 ORDER BY u.id");
static struct stmt q_is_recipient =
	STMT("SELECT COUNT(*) FROM survey_recipients WHERE survey_id = ?1 AND person_id = ?2");
static struct stmt q_respondent_add = STMT("INSERT INTO survey_respondents (survey_id, person_id) VALUES (?1, ?2)");
static struct stmt q_answered = STMT("SELECT COUNT(*) FROM survey_respondents WHERE survey_id = ?1 AND person_id = ?2");
static struct stmt q_responses = STMT("SELECT COUNT(*) FROM survey_respondents WHERE survey_id = ?1");
static struct stmt q_answer_add = STMT("INSERT INTO survey_answers (survey_id, question_key, choice, scale, text_value,"
				       " person_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
static struct stmt q_counts = STMT("SELECT question_key, choice, scale, COUNT(*) FROM survey_answers WHERE survey_id = ?1"
				   " AND text_value IS NULL GROUP BY question_key, choice, scale"
				   " ORDER BY question_key, choice, scale LIMIT ?2");
static struct stmt q_texts_anon = STMT("SELECT question_key, text_value, 0, NULL FROM survey_answers WHERE survey_id = ?1"
				       " AND text_value IS NOT NULL ORDER BY question_key, text_value LIMIT ?2");
static struct stmt q_texts_named =
	STMT("SELECT a.question_key, a.text_value, a.person_id, p.name FROM survey_answers a LEFT JOIN people p"
	     " ON p.id = a.person_id WHERE a.survey_id = ?1 AND a.text_value IS NOT NULL"
	     " ORDER BY a.question_key, p.name, a.text_value LIMIT ?2");

static enum err one_id(struct store_conn *c, struct stmt *st, int64_t key, int64_t *id)
{
	struct sval p[1] = {P_int(key)};
	return store_run_int(c, st, p, 1, id);
}

enum err store_feedback_of_signup(struct store_conn *c, int64_t signup_id, int64_t *id)
{
	return one_id(c, &q_feedback_of, signup_id, id);
}

enum err store_rating_of_need(struct store_conn *c, int64_t need_id, int64_t *id)
{
	return one_id(c, &q_rating_of, need_id, id);
}

enum err store_activity_feedback(struct store_conn *c, int64_t activity_id, int max, struct feedback_row **out,
				 int *n, struct arena *a)
{
	struct sval p[2] = {P_int(activity_id), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_activity_feedback, p, 2, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct feedback_row){.feedback_id = sv_int(&v[0]), .signup_id = sv_int(&v[1]),
						  .shift_id = sv_int(&v[2]), .shift_starts_at = sv_int(&v[3]),
						  .shift_ends_at = sv_int(&v[4]), .volunteer_id = sv_int(&v[5]),
						  .updated_at = sv_int(&v[6]), .rating = (int)sv_int(&v[7]),
						  .volunteer_name = sv_text(&v[8], a), .comment = sv_text(&v[9], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_past_shifts(struct store_conn *c, int64_t volunteer_id, int64_t now, int max, struct past_shift **out,
			   int *n, struct arena *a)
{
	struct sval p[3] = {P_int(volunteer_id), P_int(now), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_past_shifts, p, 3, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct past_shift){.signup_id = sv_int(&v[0]), .shift_id = sv_int(&v[1]),
						.activity_id = sv_int(&v[2]), .title = sv_text(&v[3], a),
						.place = sv_text(&v[4], a), .starts_at = sv_int(&v[5]),
						.ends_at = sv_int(&v[6]), .rating = (int)sv_int(&v[7]),
						.comment = sv_text(&v[8], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}

static enum err rating_counts(struct store_conn *c, struct stmt *st, const char *org_path, struct rating_counts *out)
{
	struct sval p[1] = {P_text(org_path)};
	struct srows rows = {0};
	struct arena a = ARENA_INIT;
	enum err e = store_run(c, st, p, 1, &rows, 5, &a, NULL);
	*out = (struct rating_counts){{0}};
	for (int i = 0; !e && i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		int64_t r = sv_int(&v[0]);
		if (r >= 1 && r <= 5)
			out->n[r - 1] = sv_int(&v[1]);
	}
	arena_release(&a);
	return e;
}

enum err store_feedback_counts(struct store_conn *c, const char *org_path, struct rating_counts *out)
{
	return rating_counts(c, &q_feedback_counts, org_path, out);
}

enum err store_need_rating_counts(struct store_conn *c, const char *org_path, struct rating_counts *out)
{
	return rating_counts(c, &q_need_rating_counts, org_path, out);
}

enum err store_survey_recipients_fill(struct store_conn *c, int64_t survey_id, enum survey_scope kind,
				      int64_t scope_id, int64_t *count)
{
	struct sval p[2] = {P_int(survey_id), P_int(scope_id)};
	enum err e = store_run(c, &q_fill[kind], p, 2, NULL, 0, NULL, NULL);
	return e ? e : store_run_int(c, &q_recipients_count, p, 1, count);
}

enum err store_survey_recipient_users(struct store_conn *c, int64_t survey_id, int max, int64_t **ids, int *n,
				      struct arena *a)
{
	struct sval p[1] = {P_int(survey_id)};
	return store_run_ids(c, &q_recipient_users, p, 1, max, ids, n, a);
}

static enum err pair_count(struct store_conn *c, struct stmt *st, int64_t survey_id, int64_t person_id, int *yes)
{
	struct sval p[2] = {P_int(survey_id), P_int(person_id)};
	int64_t v = 0;
	enum err e = store_run_int(c, st, p, 2, &v);
	*yes = v > 0;
	return e;
}

enum err store_survey_is_recipient(struct store_conn *c, int64_t survey_id, int64_t person_id, int *yes)
{
	return pair_count(c, &q_is_recipient, survey_id, person_id, yes);
}

enum err store_survey_answered(struct store_conn *c, int64_t survey_id, int64_t person_id, int *yes)
{
	return pair_count(c, &q_answered, survey_id, person_id, yes);
}

enum err store_survey_respondent_add(struct store_conn *c, int64_t survey_id, int64_t person_id)
{
	struct sval p[2] = {P_int(survey_id), P_int(person_id)};
	return store_run(c, &q_respondent_add, p, 2, NULL, 0, NULL, NULL);
}

enum err store_survey_responses(struct store_conn *c, int64_t survey_id, int64_t *n)
{
	struct sval p[1] = {P_int(survey_id)};
	return store_run_int(c, &q_responses, p, 1, n);
}

enum err store_survey_answer_add(struct store_conn *c, int64_t survey_id, const char *key, const char *choice,
				 int scale, const char *text, int64_t person_id)
{
	struct sval p[6] = {P_int(survey_id),
			    P_text(key),
			    choice ? P_text(choice) : P_null(SV_TEXT),
			    P_int0(scale),
			    text ? P_text(text) : P_null(SV_TEXT),
			    P_int0(person_id)};
	return store_run(c, &q_answer_add, p, 6, NULL, 0, NULL, NULL);
}

enum err store_survey_counts(struct store_conn *c, int64_t survey_id, int max, struct answer_count **out, int *n,
			     struct arena *a)
{
	struct sval p[2] = {P_int(survey_id), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, &q_counts, p, 2, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct answer_count){sv_text(&v[0], a), sv_text(&v[1], a), (int)sv_int(&v[2]), sv_int(&v[3])};
	}
	*n = rows.nrows;
	return ERR_OK;
}

enum err store_survey_texts(struct store_conn *c, int64_t survey_id, int named, int max, struct answer_text **out,
			    int *n, struct arena *a)
{
	struct sval p[2] = {P_int(survey_id), P_int(max)};
	struct srows rows = {0};
	enum err e = store_run(c, named ? &q_texts_named : &q_texts_anon, p, 2, &rows, max, a, NULL);
	if (e)
		return e;
	*out = arena_alloc(a, sizeof **out * (size_t)(rows.nrows + 1));
	for (int i = 0; i < rows.nrows; i++) {
		const struct sval *v = srows_row(&rows, i);
		(*out)[i] = (struct answer_text){sv_text(&v[0], a), sv_text(&v[1], a), sv_int(&v[2]), sv_text(&v[3], a)};
	}
	*n = rows.nrows;
	return ERR_OK;
}
