/* t_voice.c - volunteer and resident voice (issue 15 item 5): a volunteer
 * rates a shift they served (once per sign-up, after it ended, not when
 * cancelled), organisers read the averages per activity and shift; the
 * resident who raised a need rates it once done; surveys are built, sent to
 * a scope, answered once by each recipient with every answer checked
 * against its question, closed, and read as exact counts; an anonymous
 * survey's answers cannot be traced to anyone through the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "care_world.h"
#include "svc_world.h"
#include "tests.h"

/* End a shift a minute ago, behind the server's back (a sign-up needs a
 * shift that has not ended). */
static void end_shift(struct srv *srv, long long shift)
{
	db_exec(srv, fmt("UPDATE shifts SET ends_at = %lld WHERE id = %lld", (long long)time(NULL) - 60, shift));
}

static long long signup_of(struct srv *srv, const char *tok, long long shift, long long vol)
{
	struct resp *r = sign_up(srv, tok, shift, vol);
	if (!EXPECT_STATUS(r, 201))
		return -1;
	CHECK_STR(jstr(r->json, "status"), "accepted");
	return jint(r->json, "id");
}

static struct resp *rate(struct srv *srv, const char *tok, long long signup, const char *body)
{
	return http(srv, "POST", fmt("/api/v1/signups/%lld/feedback", signup), tok, body);
}

static bool near(double got, double want)
{
	return got > want - 0.001 && got < want + 0.001;
}

static double jreal(json_t *j, const char *path)
{
	json_t *v = jget(j, path);
	return json_is_number(v) ? json_number_value(v) : -1;
}

void t_voice_shift_feedback_once_after_the_shift(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 4))
		return;
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long sh1 = mk_shift(srv, &s, pos, at(-7200), at(3600), 5), sh2 = mk_shift(srv, &s, pos, at(-5000), at(4000), 5);
	long long su0 = signup_of(srv, s.vtok[0], sh1, s.vol[0]), su1 = signup_of(srv, s.vtok[1], sh1, s.vol[1]),
		  su2 = signup_of(srv, s.vtok[2], sh1, s.vol[2]), su3 = signup_of(srv, s.vtok[3], sh2, s.vol[3]);
	if (su0 < 0 || su1 < 0 || su2 < 0 || su3 < 0)
		return;
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/signups/%lld/cancel", su2), s.vtok[2], NULL), 200);
	const char *fb = "/api/v1/shift-feedback";
	/* not before the shift has ended */
	EXPECT_ERR(rate(srv, s.vtok[0], su0, "{\"rating\":4}"), 409, "conflict", "shift_id");
	end_shift(srv, sh1);
	end_shift(srv, sh2);
	/* only the sign-up's volunteer; a rating 1-5; a comment of at most 500 */
	EXPECT_ERR(rate(srv, s.vtok[1], su0, "{\"rating\":4}"), 403, "forbidden", NULL);
	EXPECT_ERR(rate(srv, s.staff, su0, "{\"rating\":4}"), 403, "forbidden", NULL);
	EXPECT_ERR(rate(srv, s.vtok[0], su0, "{\"rating\":6}"), 422, "invalid_value", "rating");
	EXPECT_ERR(rate(srv, s.vtok[0], su0, "{\"rating\":0}"), 422, "invalid_value", "rating");
	EXPECT_ERR(rate(srv, s.vtok[0], su0, "{\"comment\":\"好\"}"), 422, "required", "rating");
	char long_comment[520];
	memset(long_comment, 'x', 501);
	long_comment[501] = 0;
	EXPECT_ERR(rate(srv, s.vtok[0], su0, fmt("{\"rating\":4,\"comment\":\"%s\"}", long_comment)), 422,
		   "invalid_value", "comment");
	EXPECT_ERR(rate(srv, s.vtok[0], su0, "{\"rating\":4,\"signup_id\":3}"), 422, "read_only", "signup_id");
	/* a cancelled sign-up rates nothing */
	EXPECT_ERR(rate(srv, s.vtok[2], su2, "{\"rating\":1}"), 409, "conflict", "status");
	CHECK_INT(COUNT(srv, fb), 0);

	/* the first POST makes it, a retry replaces it: never two */
	struct resp *r = rate(srv, s.vtok[0], su0, "{\"rating\":4,\"comment\":\"组织有序\"}");
	if (EXPECT_STATUS(r, 201)) {
		CHECK_INT(jint(r->json, "rating"), 4);
		CHECK_INT(jint(r->json, "shift_id"), sh1);
		CHECK_INT(jint(r->json, "activity_id"), act);
		CHECK_INT(jint(r->json, "volunteer_id"), s.vol[0]);
	}
	EXPECT_STATUS(rate(srv, s.vtok[0], su0, "{\"rating\":4,\"comment\":\"组织有序\"}"), 200);
	r = rate(srv, s.vtok[0], su0, "{\"rating\":5,\"comment\":\"组织有序，很满意\"}");
	if (EXPECT_STATUS(r, 200))
		CHECK_STR(jstr(r->json, "comment"), "组织有序，很满意");
	CHECK_INT(COUNT(srv, fb), 1);
	EXPECT_STATUS(rate(srv, s.vtok[1], su1, "{\"rating\":2,\"comment\":\"等待太久\"}"), 201);
	EXPECT_STATUS(rate(srv, s.vtok[3], su3, "{\"rating\":1}"), 201);
	CHECK_INT(COUNT(srv, fb), 3);

	/* the volunteer reads their own */
	r = http(srv, "GET", fmt("/api/v1/signups/%lld/feedback", su0), s.vtok[0], NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "rating"), 5);
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/signups/%lld/feedback", su2), s.staff, NULL), 404, "not_found", NULL);
	json_t *mine = LIST_ALL(srv, s.vtok[1], fb);
	if (CHECK(mine && json_array_size(mine) == 1))
		CHECK_INT(jint(json_array_get(mine, 0), "signup_id"), su1);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.vtok[0], fb)), 1);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.staff, fmt("%s?activity_id=%lld", fb, act))), 3);

	/* the volunteer's past shifts, newest first, with their rating */
	r = http(srv, "GET", fmt("/api/v1/volunteers/%lld/past-shifts", s.vol[0]), s.vtok[0], NULL);
	if (EXPECT_STATUS(r, 200) && CHECKR(r, json_array_size(jget(r->json, "items")) == 1)) {
		CHECK_INT(jint(r->json, "items.0.signup_id"), su0);
		CHECK_INT(jint(r->json, "items.0.rating"), 5);
		CHECK_STR(jstr(r->json, "items.0.comment"), "组织有序，很满意");
	}
	r = http(srv, "GET", fmt("/api/v1/volunteers/%lld/past-shifts", s.vol[2]), s.vtok[2], NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 0); /* cancelled */
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/volunteers/%lld/past-shifts", s.vol[0]), s.vtok[1], NULL), 403,
		   "forbidden", NULL);

	/* the organisers read the averages: (5 + 2 + 1) / 3, shift 1 (5 + 2) / 2 */
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/activities/%lld/feedback", act), s.vtok[0], NULL), 403, "forbidden",
		   "activity_id");
	r = http(srv, "GET", fmt("/api/v1/activities/%lld/feedback", act), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "count"), 3);
		CHECKR(r, near(jreal(r->json, "average"), 2.67));
		CHECK_INT(jint(r->json, "distribution.1"), 1);
		CHECK_INT(jint(r->json, "distribution.2"), 1);
		CHECK_INT(jint(r->json, "distribution.3"), 0);
		CHECK_INT(jint(r->json, "distribution.5"), 1);
		CHECK_INT(jint(r->json, "shifts.0.shift_id"), sh1);
		CHECK_INT(jint(r->json, "shifts.0.count"), 2);
		CHECKR(r, near(jreal(r->json, "shifts.0.average"), 3.5));
		CHECK_INT(jint(r->json, "shifts.1.shift_id"), sh2);
		CHECKR(r, near(jreal(r->json, "shifts.1.average"), 1));
		CHECK_INT((long long)json_array_size(jget(r->json, "items")), 3);
		CHECK_STR(jstr(r->json, "items.0.volunteer_name"), "志愿者0");
	}
	r = http(srv, "GET", fmt("/api/v1/stats/satisfaction?org_id=%lld", s.org), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "shift_feedback.count"), 3);
		CHECKR(r, near(jreal(r->json, "shift_feedback.average"), 2.67));
		CHECK_INT(jint(r->json, "need_ratings.count"), 0);
		CHECKR(r, jisnull(r->json, "need_ratings.average"));
	}
	EXPECT_ERR(http(srv, "GET", fmt("/api/v1/stats/satisfaction?org_id=%lld", s.org), s.vtok[0], NULL), 403,
		   "forbidden", "org_id");
}

void t_voice_need_rated_by_its_resident_once_done(struct srv *srv)
{
	struct cworld c;
	if (!care_world(srv, &c) || !world_menu(srv, &c.w))
		return;
	long long need = MK(srv, c.res1, "/api/v1/needs",
			    fmt("{\"title\":\"助餐\",\"category\":\"elderly_care\",\"region_id\":%lld}", c.w.comm1));
	if (need < 0)
		return;
	const char *path = fmt("/api/v1/needs/%lld/rating", need);
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/needs/%lld/status", need), c.oa_a,
			   fmt("{\"to\":\"triaged\",\"assigned_social_worker_id\":%lld}", c.swA)), 200);
	EXPECT_ERR(http(srv, "POST", path, c.res1, "{\"rating\":4}"), 409, "conflict", "status");
	db_exec(srv, fmt("UPDATE needs SET status = 'done' WHERE id = %lld", need));
	EXPECT_ERR(http(srv, "POST", path, c.res2, "{\"rating\":4}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "POST", path, c.sw_a, "{\"rating\":4}"), 403, "forbidden", NULL);
	EXPECT_ERR(http(srv, "POST", path, c.res1, "{\"rating\":9}"), 422, "invalid_value", "rating");
	EXPECT_ERR(http(srv, "GET", path, c.res1, NULL), 404, "not_found", NULL);
	EXPECT_STATUS(http(srv, "POST", path, c.res1, "{\"rating\":3,\"comment\":\"送餐准时\"}"), 201);
	db_exec(srv, fmt("UPDATE needs SET status = 'closed' WHERE id = %lld", need));
	EXPECT_STATUS(http(srv, "POST", path, c.res1, "{\"rating\":5,\"comment\":\"送餐准时\"}"), 200);
	CHECK_INT(COUNT(srv, "/api/v1/need-ratings"), 1);
	struct resp *r = http(srv, "GET", path, c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "rating"), 5);
		CHECK_INT(jint(r->json, "person_id"), c.pR1);
	}
	r = http(srv, "GET", fmt("/api/v1/stats/satisfaction?org_id=%lld", c.A), c.oa_a, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_INT(jint(r->json, "need_ratings.count"), 1);
		CHECKR(r, near(jreal(r->json, "need_ratings.average"), 5));
		CHECK_INT(jint(r->json, "need_ratings.distribution.5"), 1);
	}
}

/* ---- surveys ---- */

static const char *const QUESTIONS =
	"[{\"key\":\"q1\",\"text\":\"总体满意度\",\"kind\":\"single\",\"options\":[\"好\",\"一般\",\"差\"],\"required\":true},"
	"{\"key\":\"q2\",\"text\":\"参加过哪些服务\",\"kind\":\"multiple\",\"options\":[\"助老\",\"助餐\",\"环保\"]},"
	"{\"key\":\"q3\",\"text\":\"打分\",\"kind\":\"scale\",\"required\":true},"
	"{\"key\":\"q4\",\"text\":\"建议\",\"kind\":\"text\"}]";

static const char *survey_body(long long org, const char *extra, const char *questions)
{
	return fmt("{\"title\":\"志愿者满意度调查\",\"org_id\":%lld,\"scope_kind\":\"org_volunteers\"%s,\"questions\":%s}", org,
		   extra, questions);
}

static struct resp *answer(struct srv *srv, const char *tok, long long survey, const char *answers)
{
	return http(srv, "POST", fmt("/api/v1/surveys/%lld/answers", survey), tok, fmt("{\"answers\":%s}", answers));
}

static long long responses(struct srv *srv, const char *tok, long long survey)
{
	struct resp *r = http(srv, "GET", fmt("/api/v1/surveys/%lld/results", survey), tok, NULL);
	return EXPECT_STATUS(r, 200) ? jint(r->json, "responses") : -1;
}

/* The question of results r with key k. */
static json_t *question(json_t *r, const char *k)
{
	json_t *qs = jget(r, "questions"), *q;
	size_t i;
	json_array_foreach(qs, i, q)
		if (strcmp(jstr(q, "key"), k) == 0)
			return q;
	return NULL;
}

void t_voice_survey_built_sent_answered_and_counted(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 4))
		return;
	const char *surveys = "/api/v1/surveys";
	long long n0 = COUNT(srv, surveys);
	/* bad builds write nothing */
	EXPECT_ERR(http(srv, "POST", surveys, s.staff,
			survey_body(s.org, "", "[{\"key\":\"a\",\"text\":\"t\",\"kind\":\"single\",\"options\":[\"x\"]}]")),
		   422, "invalid_value", "questions[0].options");
	EXPECT_ERR(http(srv, "POST", surveys, s.staff,
			survey_body(s.org, "", "[{\"key\":\"a\",\"text\":\"t\",\"kind\":\"text\"},"
					       "{\"key\":\"a\",\"text\":\"u\",\"kind\":\"scale\"}]")),
		   422, "invalid_value", "questions[1].key");
	EXPECT_ERR(http(srv, "POST", surveys, s.staff,
			survey_body(s.org, "", "[{\"key\":\"a\",\"text\":\"t\",\"kind\":\"scale\",\"options\":[\"1\",\"2\"]}]")),
		   422, "invalid_value", "questions[0].options");
	EXPECT_ERR(http(srv, "POST", surveys, s.staff, survey_body(s.org, "", "[]")), 422, "invalid_value", "questions");
	EXPECT_ERR(http(srv, "POST", surveys, s.staff,
			fmt("{\"title\":\"t\",\"org_id\":%lld,\"scope_kind\":\"activity_participants\",\"questions\":%s}",
			    s.org, QUESTIONS)),
		   422, "required", "scope_activity_id");
	EXPECT_ERR(http(srv, "POST", surveys, s.vtok[0], survey_body(s.org, "", QUESTIONS)), 403, "forbidden", "org_id");
	CHECK_INT(COUNT(srv, surveys), n0);

	long long id = MK(srv, s.staff, surveys, survey_body(s.org, "", QUESTIONS));
	if (id < 0)
		return;
	const char *one = fmt("%s/%lld", surveys, id);
	struct resp *r = http(srv, "GET", one, s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "draft");
		CHECK_INT(jint(r->json, "scope_org_id"), s.org);
		CHECK_STR(jstr(r->json, "questions.2.kind"), "scale");
		CHECK_INT((long long)json_array_size(jget(r->json, "questions.3.options")), 0);
	}
	/* a draft is the staff's: not listed for volunteers, not answered */
	EXPECT_STATUS(http(srv, "PATCH", one, s.staff, "{\"title\":\"2026年志愿者满意度调查\"}"), 200);
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.vtok[0], "/api/v1/surveys?mine=1")), 0);
	EXPECT_ERR(answer(srv, s.vtok[0], id, "{\"q1\":\"好\",\"q3\":4}"), 403, "forbidden", NULL);

	/* opened: sent to the org's four registered volunteers, in the inbox */
	EXPECT_ERR(http(srv, "POST", fmt("%s/open", one), s.vtok[0], NULL), 403, "forbidden", NULL);
	r = http(srv, "POST", fmt("%s/open", one), s.staff, NULL);
	if (EXPECT_STATUS(r, 200)) {
		CHECK_STR(jstr(r->json, "status"), "open");
		CHECK_INT(jint(r->json, "recipients"), 4);
	}
	EXPECT_ERR(http(srv, "POST", fmt("%s/open", one), s.staff, NULL), 409, "conflict", "status");
	EXPECT_ERR(http(srv, "PATCH", one, s.staff, "{\"title\":\"再改\"}"), 409, "conflict", "status");
	json_t *inbox = LIST_ALL(srv, s.vtok[0], "/api/v1/notifications"), *it;
	size_t i;
	int told = 0;
	json_array_foreach(inbox, i, it)
		told += jstr(it, "ref_entity") && strcmp(jstr(it, "ref_entity"), "surveys") == 0 && jint(it, "ref_id") == id;
	CHECK_INT(told, 1);
	json_t *mine = LIST_ALL(srv, s.vtok[0], "/api/v1/surveys?mine=1");
	if (CHECK(mine && json_array_size(mine) == 1)) {
		CHECK_INT(jint(json_array_get(mine, 0), "id"), id);
		CHECK(json_is_false(jget(json_array_get(mine, 0), "answered")));
		CHECK(jisnull(json_array_get(mine, 0), "responses"));
	}
	CHECK_INT((long long)json_array_size(LIST_ALL(srv, s.staff, "/api/v1/surveys?mine=1")), 0);
	EXPECT_ERR(answer(srv, s.staff, id, "{\"q1\":\"好\",\"q3\":4}"), 403, "forbidden", NULL);

	/* every bad answer is 422 naming its question, and writes nothing */
	static const struct {
		const char *answers, *field;
	} bad[] = {
		{"{\"q1\":\"优秀\",\"q3\":4}", "answers.q1"},		/* unknown choice */
		{"{\"q1\":[\"好\",\"差\"],\"q3\":4}", "answers.q1"},	/* two answers to a single choice */
		{"{\"q3\":4}", "answers.q1"},				/* a required answer missing */
		{"{\"q1\":\"好\",\"q3\":6}", "answers.q3"},		/* scale outside 1-5 */
		{"{\"q1\":\"好\",\"q3\":0}", "answers.q3"},
		{"{\"q1\":\"好\",\"q3\":4.5}", "answers.q3"},
		{"{\"q1\":\"好\",\"q3\":\"4\"}", "answers.q3"},
		{"{\"q1\":\"好\",\"q3\":null}", "answers.q3"},
		{"{\"q1\":\"好\",\"q2\":[\"助老\",\"跳舞\"],\"q3\":4}", "answers.q2"},
		{"{\"q1\":\"好\",\"q2\":[\"助老\",\"助老\"],\"q3\":4}", "answers.q2"},
		{"{\"q1\":\"好\",\"q3\":4,\"q9\":\"?\"}", "answers.q9"},	/* no such question */
		{"{\"q1\":\"好\",\"q3\":4,\"q4\":7}", "answers.q4"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
		EXPECT_ERR(answer(srv, s.vtok[0], id, bad[k].answers), 422, "invalid_value", bad[k].field);
	char *long_text = calloc(1, 3100);
	track(long_text, free);
	for (int k = 0; k < 1001; k++)
		memcpy(long_text + 3 * k, "字", 3);
	EXPECT_ERR(answer(srv, s.vtok[0], id, fmt("{\"q1\":\"好\",\"q3\":4,\"q4\":\"%s\"}", long_text)), 422,
		   "invalid_value", "answers.q4");
	EXPECT_ERR(http(srv, "POST", fmt("/api/v1/surveys/%lld/answers", id), s.vtok[0], "{\"answers\":[1]}"), 422,
		   "invalid_value", "answers");
	CHECK_INT(responses(srv, s.staff, id), 0);

	/* three answers, by hand */
	EXPECT_STATUS(answer(srv, s.vtok[0], id, "{\"q1\":\"好\",\"q2\":[\"助老\",\"助餐\"],\"q3\":5,\"q4\":\"很好\"}"), 201);
	EXPECT_STATUS(answer(srv, s.vtok[1], id, "{\"q1\":\"一般\",\"q2\":[\"助老\"],\"q3\":3,\"q4\":\"还可以\"}"), 201);
	EXPECT_STATUS(answer(srv, s.vtok[2], id, "{\"q1\":\"好\",\"q3\":4}"), 201);
	/* once per person */
	EXPECT_ERR(answer(srv, s.vtok[0], id, "{\"q1\":\"差\",\"q3\":1}"), 409, "duplicate", "answers");
	mine = LIST_ALL(srv, s.vtok[0], "/api/v1/surveys?mine=1");
	if (CHECK(mine && json_array_size(mine) == 1))
		CHECK(json_is_true(jget(json_array_get(mine, 0), "answered")));
	EXPECT_ERR(http(srv, "GET", fmt("%s/results", one), s.vtok[0], NULL), 403, "forbidden", NULL);

	/* closed: no more answers */
	EXPECT_STATUS(http(srv, "POST", fmt("%s/close", one), s.staff, NULL), 200);
	EXPECT_ERR(answer(srv, s.vtok[3], id, "{\"q1\":\"好\",\"q3\":4}"), 409, "conflict", "status");
	EXPECT_ERR(http(srv, "POST", fmt("%s/close", one), s.staff, NULL), 409, "conflict", "status");

	r = http(srv, "GET", fmt("%s/results", one), s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK_INT(jint(r->json, "responses"), 3);
	CHECK_INT(jint(r->json, "recipients"), 4);
	CHECK_STR(jstr(r->json, "status"), "closed");
	json_t *q1 = question(r->json, "q1"), *q2 = question(r->json, "q2"), *q3 = question(r->json, "q3"),
	       *q4 = question(r->json, "q4");
	if (!CHECKR(r, q1 && q2 && q3 && q4))
		return;
	CHECK_INT(jint(q1, "answered"), 3);
	CHECK_STR(jstr(q1, "options.0.option"), "好");
	CHECK_INT(jint(q1, "options.0.count"), 2);
	CHECK_INT(jint(q1, "options.1.count"), 1);
	CHECK_INT(jint(q1, "options.2.count"), 0);
	CHECK_INT(jint(q2, "answered"), 2);
	CHECK_INT(jint(q2, "options.0.count"), 2);
	CHECK_INT(jint(q2, "options.1.count"), 1);
	CHECK_INT(jint(q2, "options.2.count"), 0);
	CHECK_INT(jint(q3, "answered"), 3);
	CHECKR(r, near(jreal(q3, "average"), 4.0));
	CHECK_INT(jint(q3, "distribution.1"), 0);
	CHECK_INT(jint(q3, "distribution.3"), 1);
	CHECK_INT(jint(q3, "distribution.4"), 1);
	CHECK_INT(jint(q3, "distribution.5"), 1);
	CHECK_INT(jint(q4, "answered"), 2);
	/* a named survey says who wrote what, by name */
	CHECK_STR(jstr(q4, "texts.0.text"), "很好");
	CHECK_STR(jstr(q4, "texts.0.name"), "志愿者0");
	CHECK_INT(jint(q4, "texts.0.person_id"), s.person[0]);
	CHECK_STR(jstr(q4, "texts.1.text"), "还可以");

	/* other scopes: an activity's participants, a region's residents */
	long long act, pos = mk_activity(srv, &s, "daily", "open", NULL, &act);
	long long sh = mk_shift(srv, &s, pos, at(3600), at(7200), 5);
	signup_of(srv, s.vtok[0], sh, s.vol[0]);
	signup_of(srv, s.vtok[1], sh, s.vol[1]);
	long long sa = MK(srv, s.staff, surveys,
			  fmt("{\"title\":\"活动反馈\",\"org_id\":%lld,\"scope_kind\":\"activity_participants\","
			      "\"scope_activity_id\":%lld,\"questions\":%s}", s.org, act, QUESTIONS));
	r = http(srv, "POST", fmt("%s/%lld/open", surveys, sa), s.staff, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "recipients"), 2);
	EXPECT_ERR(answer(srv, s.vtok[2], sa, "{\"q1\":\"好\",\"q3\":4}"), 403, "forbidden", NULL);
	for (int k = 0; k < 3; k++)
		MK(srv, srv->admin, "/api/v1/people", fmt("{\"name\":\"居民%d\",\"region_id\":%lld}", k, k < 2 ? s.w.comm1 : s.w.town2));
	EXPECT_ERR(http(srv, "POST", surveys, s.staff,
			fmt("{\"title\":\"居民调查\",\"org_id\":%lld,\"scope_kind\":\"region_residents\",\"scope_region_id\":%lld,"
			    "\"questions\":%s}", s.org, s.w.town2, QUESTIONS)),
		   422, "rule_violation", "scope_region_id");
	long long sr = MK(srv, s.staff, surveys,
			  fmt("{\"title\":\"居民调查\",\"org_id\":%lld,\"scope_kind\":\"region_residents\",\"scope_region_id\":%lld,"
			      "\"questions\":%s}", s.org, s.w.comm1, QUESTIONS));
	r = http(srv, "POST", fmt("%s/%lld/open", surveys, sr), s.staff, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECK_INT(jint(r->json, "recipients"), 2);
}

void t_voice_anonymous_survey_untraceable(struct srv *srv)
{
	struct svc s;
	if (!setup(srv, &s, 3))
		return;
	long long id = MK(srv, s.staff, "/api/v1/surveys", survey_body(s.org, ",\"anonymous\":true", QUESTIONS));
	if (id < 0)
		return;
	EXPECT_STATUS(http(srv, "POST", fmt("/api/v1/surveys/%lld/open", id), s.staff, NULL), 200);
	long long audit0 = COUNT(srv, "/api/v1/audit");
	/* answered in an order unlike the texts' order */
	EXPECT_STATUS(answer(srv, s.vtok[0], id, "{\"q1\":\"差\",\"q3\":2,\"q4\":\"丙：太远\"}"), 201);
	EXPECT_STATUS(answer(srv, s.vtok[1], id, "{\"q1\":\"好\",\"q3\":5,\"q4\":\"甲：很好\"}"), 201);
	EXPECT_STATUS(answer(srv, s.vtok[2], id, "{\"q1\":\"好\",\"q3\":4,\"q4\":\"乙：还行\"}"), 201);
	EXPECT_ERR(answer(srv, s.vtok[2], id, "{\"q1\":\"好\",\"q3\":4}"), 409, "duplicate", "answers");
	/* answering writes no audit entry (who and when would line up) */
	CHECK_INT(COUNT(srv, "/api/v1/audit"), audit0);
	struct resp *r = http(srv, "GET", fmt("/api/v1/surveys/%lld/results", id), s.staff, NULL);
	if (!EXPECT_STATUS(r, 200))
		return;
	CHECK(json_is_true(jget(r->json, "anonymous")));
	CHECK_INT(jint(r->json, "responses"), 3);
	json_t *q4 = question(r->json, "q4");
	if (!CHECKR(r, q4 && json_array_size(jget(q4, "texts")) == 3))
		return;
	/* the texts sorted, not in the order given, each with nothing but its text */
	json_t *t;
	size_t i;
	json_array_foreach(jget(q4, "texts"), i, t)
		CHECKR(r, json_object_size(t) == 1 && jstr(t, "text"));
	const char *a = jstr(q4, "texts.0.text"), *b = jstr(q4, "texts.1.text"), *c = jstr(q4, "texts.2.text");
	CHECKR(r, a && b && c && strcmp(a, b) < 0 && strcmp(b, c) < 0);
	/* no respondent anywhere in what the staff read */
	const char *bodies[] = {r->body, http(srv, "GET", fmt("/api/v1/surveys/%lld", id), s.staff, NULL)->body,
				http(srv, "GET", "/api/v1/surveys", s.staff, NULL)->body,
				http(srv, "GET", fmt("/api/v1/audit?entity=surveys&entity_id=%lld", id), srv->admin, NULL)->body};
	for (size_t k = 0; k < sizeof bodies / sizeof *bodies; k++) {
		const char *body = bodies[k] ? bodies[k] : "";
		for (int v = 0; v < 3; v++)
			CHECKM(bodies[k] && !strstr(body, fmt("志愿者%d", v)), "a respondent's name in %s", body);
		CHECKM(bodies[k] && !strstr(body, "person_id"), "a person_id in %s", body);
		CHECKM(k == 0 || (bodies[k] && !strstr(body, "太远")), "an answer outside the results: %s", body);
	}
	/* nor for a platform admin */
	r = http(srv, "GET", fmt("/api/v1/surveys/%lld/results", id), srv->admin, NULL);
	if (EXPECT_STATUS(r, 200))
		CHECKR(r, !strstr(r->body, "person_id") && !strstr(r->body, "志愿者0"));
}
