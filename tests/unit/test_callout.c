/* test_callout.c - unit tests for domain/callout: the oversubscribed quota,
 * the plan (mobilise, top up after declines, expire and widen at the
 * deadline, nothing once enough accepted), stand-down, and every answer
 * from every call-out state against an independent table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "domain/callout.h"

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < CO__COUNT; i++) {
		enum callout_status s;
		assert_int_equal(callout_status_parse(callout_status_name((enum callout_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_null(callout_status_names[CO__COUNT]);
	assert_null(callout_status_name(CO__COUNT));
	assert_int_equal(callout_status_parse("Called", NULL), -1);
	assert_int_equal(callout_status_parse(NULL, NULL), -1);
	enum callout_answer a;
	assert_int_equal(callout_answer_parse("arrived", &a), 0);
	assert_int_equal(a, CA_ARRIVED);
	assert_int_equal(callout_answer_parse("accepted", NULL), -1);
	assert_null(callout_answer_names[CA__COUNT]);
}

static void test_quota_rounds_up_and_clamps(void **state)
{
	(void)state;
	assert_int_equal(callout_quota(0, 2.0), 0);
	assert_int_equal(callout_quota(-3, 2.0), 0);
	assert_int_equal(callout_quota(1, 2.0), 2);
	assert_int_equal(callout_quota(3, 2.0), 6);
	assert_int_equal(callout_quota(3, 1.5), 5);	/* 4.5 -> 5 */
	assert_int_equal(callout_quota(10, 1.1), 11);	/* 11.000000000000002 is 11 */
	assert_int_equal(callout_quota(3, 1.1), 4);	/* 3.3 -> 4 */
	assert_int_equal(callout_quota(4, 1.0), 4);
	assert_int_equal(callout_quota(4, 0.5), 4);	/* never fewer than needed */
	assert_int_equal(callout_quota(4, NAN), 4);
	assert_int_equal(callout_quota(4, 99.0), 20);	/* clamped to 5x */
	assert_int_equal(callout_quota(CALLOUT_MAX_NEEDED, 5.0), CALLOUT_MAX_CALLED);
	assert_int_equal(callout_quota(1000000, 2.0), CALLOUT_MAX_CALLED);
}

static struct callout_step plan(int needed, int accepted, int pending, int64_t now, int64_t deadline,
				enum callout_trigger why)
{
	struct callout_counts c = {needed, accepted, pending};
	return callout_plan(&c, 2.0, now, deadline, why);
}

static void test_mobilize_calls_up_to_the_quota(void **state)
{
	(void)state;
	struct callout_step s = plan(3, 0, 0, 100, 0, CT_MOBILIZE);
	assert_int_equal(s.expire, 0);
	assert_int_equal(s.call, 6);
	/* a second mobilise with everybody still pending calls nobody */
	s = plan(3, 0, 6, 100, 200, CT_MOBILIZE);
	assert_int_equal(s.call, 0);
	/* a larger count tops up */
	s = plan(5, 0, 6, 100, 200, CT_MOBILIZE);
	assert_int_equal(s.call, 4);
	assert_int_equal(s.expire, 0);
	/* one accepted already: the quota is for the remaining */
	s = plan(3, 1, 2, 100, 200, CT_MOBILIZE);
	assert_int_equal(s.call, 2);
	/* past the deadline: the pending expire and a fresh wave is called */
	s = plan(3, 1, 2, 300, 200, CT_MOBILIZE);
	assert_int_equal(s.expire, 1);
	assert_int_equal(s.call, 4);
	/* enough: nothing */
	s = plan(3, 3, 3, 300, 200, CT_MOBILIZE);
	assert_int_equal(s.expire, 0);
	assert_int_equal(s.call, 0);
}

static void test_read_acts_only_at_the_deadline(void **state)
{
	(void)state;
	struct callout_step s = plan(3, 0, 6, 199, 200, CT_READ);
	assert_int_equal(s.expire + s.call, 0);
	s = plan(3, 0, 1, 199, 200, CT_READ); /* short, but the wave still has time */
	assert_int_equal(s.expire + s.call, 0);
	s = plan(3, 1, 4, 200, 200, CT_READ); /* the deadline itself counts as passed */
	assert_int_equal(s.expire, 1);
	assert_int_equal(s.call, 4);
	s = plan(3, 1, 0, 500, 200, CT_READ); /* everyone answered, too few: widen */
	assert_int_equal(s.expire, 0);
	assert_int_equal(s.call, 4);
	s = plan(3, 3, 2, 500, 200, CT_READ); /* enough accepted: nothing */
	assert_int_equal(s.expire + s.call, 0);
	s = plan(3, 0, 0, 500, 0, CT_READ); /* never mobilised: nothing */
	assert_int_equal(s.expire + s.call, 0);
}

static void test_decline_tops_up_only_when_pending_cannot_cover(void **state)
{
	(void)state;
	struct callout_step s = plan(3, 0, 3, 100, 200, CT_DECLINE);
	assert_int_equal(s.expire + s.call, 0);
	s = plan(3, 0, 2, 100, 200, CT_DECLINE);
	assert_int_equal(s.expire, 0);
	assert_int_equal(s.call, 4); /* quota 6 minus the 2 still pending */
	s = plan(3, 2, 0, 100, 200, CT_DECLINE);
	assert_int_equal(s.call, 2);
	s = plan(3, 0, 2, 250, 200, CT_DECLINE); /* and past the deadline: widen */
	assert_int_equal(s.expire, 1);
	assert_int_equal(s.call, 6);
}

static void test_widen_expires_and_calls_now(void **state)
{
	(void)state;
	struct callout_step s = plan(3, 1, 4, 100, 200, CT_WIDEN);
	assert_int_equal(s.expire, 1);
	assert_int_equal(s.call, 4);
	s = plan(3, 1, 0, 100, 200, CT_WIDEN);
	assert_int_equal(s.expire, 0);
	assert_int_equal(s.call, 4);
	s = plan(2, 2, 4, 100, 200, CT_WIDEN);
	assert_int_equal(s.expire + s.call, 0);
}

static void test_stand_down_once_enough_accepted(void **state)
{
	(void)state;
	struct callout_counts c = {3, 2, 4};
	assert_false(callout_stand_down(&c));
	c.accepted = 3;
	assert_true(callout_stand_down(&c));
	c.pending = 0;
	assert_false(callout_stand_down(&c)); /* nobody left to stand down */
	c = (struct callout_counts){0, 0, 2};
	assert_false(callout_stand_down(&c));
}

/* Every (state, answer, still needed) against a table written out. */
static void test_answers_from_every_state(void **state)
{
	(void)state;
	struct {
		enum callout_status from;
		enum callout_answer a;
		int needed;
		enum callout_ack want;
		enum callout_status to;
	} cases[] = {
		{CO_CALLED, CA_ACCEPT, 1, ACK_APPLY, CO_ACCEPTED},
		{CO_CALLED, CA_DECLINE, 1, ACK_APPLY, CO_DECLINED},
		{CO_CALLED, CA_ARRIVED, 1, ACK_APPLY, CO_ARRIVED},
		{CO_CALLED, CA_ACCEPT, 0, ACK_APPLY, CO_ACCEPTED},
		{CO_ACCEPTED, CA_ACCEPT, 1, ACK_SAME, CO_ACCEPTED},
		{CO_ACCEPTED, CA_ARRIVED, 0, ACK_APPLY, CO_ARRIVED},
		{CO_ACCEPTED, CA_DECLINE, 0, ACK_APPLY, CO_DECLINED},
		{CO_ARRIVED, CA_ARRIVED, 0, ACK_SAME, CO_ARRIVED},
		{CO_ARRIVED, CA_ACCEPT, 0, ACK_SAME, CO_ARRIVED},
		{CO_ARRIVED, CA_DECLINE, 0, ACK_INVALID, CO_ARRIVED},
		{CO_DECLINED, CA_DECLINE, 1, ACK_SAME, CO_DECLINED},
		{CO_DECLINED, CA_ACCEPT, 1, ACK_INVALID, CO_DECLINED},
		{CO_DECLINED, CA_ARRIVED, 1, ACK_INVALID, CO_DECLINED},
		{CO_STOOD_DOWN, CA_ACCEPT, 0, ACK_LATE, CO_STOOD_DOWN},
		{CO_STOOD_DOWN, CA_ARRIVED, 0, ACK_LATE, CO_STOOD_DOWN},
		{CO_STOOD_DOWN, CA_DECLINE, 0, ACK_SAME, CO_STOOD_DOWN},
		{CO_STOOD_DOWN, CA_ACCEPT, 1, ACK_APPLY, CO_ACCEPTED},
		{CO_EXPIRED, CA_ACCEPT, 0, ACK_LATE, CO_EXPIRED},
		{CO_EXPIRED, CA_ACCEPT, 1, ACK_APPLY, CO_ACCEPTED},
		{CO_EXPIRED, CA_ARRIVED, 1, ACK_APPLY, CO_ARRIVED},
		{CO_EXPIRED, CA_DECLINE, 1, ACK_SAME, CO_EXPIRED},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum callout_status to = CO__COUNT;
		enum callout_ack got = callout_answer(cases[i].from, cases[i].a, cases[i].needed, &to);
		if (got != cases[i].want)
			fail_msg("case %zu: %s + %s (needed %d): got %d, want %d", i, callout_status_name(cases[i].from),
				 callout_answer_names[cases[i].a], cases[i].needed, got, cases[i].want);
		if (got == ACK_APPLY || got == ACK_SAME)
			assert_int_equal(to, cases[i].to);
		else
			assert_int_equal(to, CO__COUNT); /* untouched */
	}
	/* a repeated answer is always "same": replaying the result changes nothing */
	for (int s = 0; s < CO__COUNT; s++)
		for (int a = 0; a < CA__COUNT; a++) {
			enum callout_status to;
			if (callout_answer((enum callout_status)s, (enum callout_answer)a, 1, &to) != ACK_APPLY)
				continue;
			enum callout_status again;
			assert_int_equal(callout_answer(to, (enum callout_answer)a, 1, &again), ACK_SAME);
			assert_int_equal(again, to);
		}
	assert_true(callout_counts_accepted(CO_ACCEPTED));
	assert_true(callout_counts_accepted(CO_ARRIVED));
	assert_false(callout_counts_accepted(CO_CALLED));
	assert_false(callout_counts_accepted(CO_STOOD_DOWN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_quota_rounds_up_and_clamps),
		cmocka_unit_test(test_mobilize_calls_up_to_the_quota),
		cmocka_unit_test(test_read_acts_only_at_the_deadline),
		cmocka_unit_test(test_decline_tops_up_only_when_pending_cannot_cover),
		cmocka_unit_test(test_widen_expires_and_calls_now),
		cmocka_unit_test(test_stand_down_once_enough_accepted),
		cmocka_unit_test(test_answers_from_every_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
