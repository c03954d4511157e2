/* test_voice.c - survey questions and answers, survey states
 * (domain/voice.c): each rule of issue 15 item 5 on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/voice.h"

static const char *const opts[] = {"好", "一般", "差"};
static const struct voice_question single = {"q1", "总体", VK_SINGLE, opts, 3, 1};
static const struct voice_question multiple = {"q2", "哪些", VK_MULTIPLE, opts, 3, 0};
static const struct voice_question scale = {"q3", "打分", VK_SCALE, NULL, 0, 1};
static const struct voice_question text = {"q4", "建议", VK_TEXT, NULL, 0, 0};

static int ok(const struct voice_question *q, struct voice_value v)
{
	const char *msg = NULL;
	return voice_answer_check(q, &v, &msg) == 0;
}

static void questions(void **state)
{
	(void)state;
	struct voice_question q[2] = {single, scale};
	int bad;
	const char *what, *msg;
	assert_int_equal(voice_questions_check(q, 2, &bad, &what, &msg), 0);
	assert_int_equal(voice_questions_check(q, 0, &bad, &what, &msg), -1);
	assert_int_equal(bad, -1);
	q[1].key = "q1";
	assert_int_equal(voice_questions_check(q, 2, &bad, &what, &msg), -1);
	assert_int_equal(bad, 1);
	assert_string_equal(what, "key");
	q[1] = scale;
	q[1].key = "Q 1";
	assert_int_equal(voice_questions_check(q, 2, &bad, &what, &msg), -1);
	q[1] = scale;
	q[1].options = opts;
	q[1].noptions = 2;
	assert_int_equal(voice_questions_check(q, 2, &bad, &what, &msg), -1);
	assert_string_equal(what, "options");
	static const char *const twice[] = {"好", "好"};
	q[1] = multiple;
	q[1].options = twice;
	q[1].noptions = 2;
	assert_int_equal(voice_questions_check(q, 2, &bad, &what, &msg), -1);
	q[1].noptions = 1;
	assert_int_equal(voice_questions_check(q, 2, &bad, &what, &msg), -1);
}

static void answers(void **state)
{
	(void)state;
	static const char *const two[] = {"好", "差"}, *const dup[] = {"好", "好"}, *const unknown[] = {"好", "优"};
	const char *msg;
	assert_true(ok(&single, (struct voice_value){.type = VV_STRING, .s = "一般"}));
	assert_false(ok(&single, (struct voice_value){.type = VV_STRING, .s = "优"}));
	assert_false(ok(&single, (struct voice_value){.type = VV_STRINGS, .list = two, .n = 2}));
	assert_int_equal(voice_answer_check(&single, NULL, &msg), -1); /* required */
	assert_int_equal(voice_answer_check(&multiple, NULL, &msg), 0);
	assert_true(ok(&multiple, (struct voice_value){.type = VV_STRINGS, .list = two, .n = 2}));
	assert_true(ok(&multiple, (struct voice_value){.type = VV_STRING, .s = "差"}));
	assert_false(ok(&multiple, (struct voice_value){.type = VV_STRINGS, .list = dup, .n = 2}));
	assert_false(ok(&multiple, (struct voice_value){.type = VV_STRINGS, .list = unknown, .n = 2}));
	for (int i = 1; i <= 5; i++)
		assert_true(ok(&scale, (struct voice_value){.type = VV_INT, .i = i}));
	assert_false(ok(&scale, (struct voice_value){.type = VV_INT, .i = 0}));
	assert_false(ok(&scale, (struct voice_value){.type = VV_INT, .i = 6}));
	assert_false(ok(&scale, (struct voice_value){.type = VV_STRING, .s = "4"}));
	assert_false(ok(&scale, (struct voice_value){.type = VV_OTHER}));
	assert_false(ok(&scale, (struct voice_value){.type = VV_NONE}));
	char long_text[3 * 1001 + 1];
	for (int i = 0; i < 1001; i++)
		memcpy(long_text + 3 * i, "字", 3);
	long_text[3 * 1001] = 0;
	assert_int_equal(voice_chars(long_text), 1001);
	assert_false(ok(&text, (struct voice_value){.type = VV_STRING, .s = long_text}));
	long_text[3 * 1000] = 0;
	assert_true(ok(&text, (struct voice_value){.type = VV_STRING, .s = long_text}));
	assert_false(ok(&text, (struct voice_value){.type = VV_INT, .i = 3}));
}

static void states(void **state)
{
	(void)state;
	assert_true(voice_state_move_ok(VS_DRAFT, VS_OPEN));
	assert_true(voice_state_move_ok(VS_OPEN, VS_CLOSED));
	assert_false(voice_state_move_ok(VS_DRAFT, VS_CLOSED));
	assert_false(voice_state_move_ok(VS_CLOSED, VS_OPEN));
	assert_false(voice_state_move_ok(VS_OPEN, VS_OPEN));
	assert_int_equal(voice_state_parse("closed"), VS_CLOSED);
	assert_int_equal(voice_state_parse("gone"), -1);
	assert_int_equal(voice_kind_parse("scale"), VK_SCALE);
	assert_string_equal(voice_kind_name(VK_MULTIPLE), "multiple");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(questions),
		cmocka_unit_test(answers),
		cmocka_unit_test(states),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
