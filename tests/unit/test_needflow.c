/* test_needflow.c - unit tests for domain/needflow: the need status machine
 * (every pair of statuses checked against an independent table) and the
 * median arithmetic behind response times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/needflow.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_status_names_round_trip(void **state)
{
	(void)state;
	static const char *const want[] = {"new", "triaged", "planned", "matched", "in_service",
					   "done", "closed", "rejected"};
	assert_int_equal(N_ELEMS(want), NS__COUNT);
	for (int i = 0; i < NS__COUNT; i++) {
		enum need_status s;
		assert_string_equal(need_status_name((enum need_status)i), want[i]);
		assert_string_equal(need_status_names[i], want[i]);
		assert_int_equal(need_status_parse(want[i], &s), 0);
		assert_int_equal(s, i);
	}
	assert_null(need_status_names[NS__COUNT]);
	assert_null(need_status_name(NS__COUNT));
	assert_int_equal(need_status_parse("New", NULL), -1);
	assert_int_equal(need_status_parse("in service", NULL), -1);
	assert_int_equal(need_status_parse("", NULL), -1);
	assert_int_equal(need_status_parse(NULL, NULL), -1);
}

/* The machine written out as a table, row = from, column = to. */
static const char allowed[NS__COUNT][NS__COUNT] = {
	/*            new tri pla mat ins don clo rej */
	/* new */	{0, 1, 0, 0, 0, 0, 0, 1},
	/* triaged */	{0, 0, 1, 0, 0, 0, 0, 1},
	/* planned */	{0, 0, 0, 1, 0, 0, 0, 1},
	/* matched */	{0, 0, 0, 0, 1, 0, 0, 1},
	/* in_serv */	{0, 0, 0, 0, 0, 1, 0, 0},
	/* done */	{0, 0, 0, 0, 0, 0, 1, 0},
	/* closed */	{0, 0, 0, 0, 0, 0, 0, 0},
	/* rejected */	{0, 0, 0, 0, 0, 0, 0, 0},
};

static void test_every_pair_of_statuses(void **state)
{
	(void)state;
	for (int f = 0; f < NS__COUNT; f++)
		for (int t = 0; t < NS__COUNT; t++)
			if (need_can_move((enum need_status)f, (enum need_status)t) != allowed[f][t])
				fail_msg("%s -> %s: got %d, want %d", need_status_names[f], need_status_names[t],
					 need_can_move((enum need_status)f, (enum need_status)t), allowed[f][t]);
	assert_int_equal(need_can_move(NS__COUNT, NS_NEW), 0);
	assert_int_equal(need_can_move(NS_NEW, NS__COUNT), 0);
	assert_int_equal(need_can_move((enum need_status)-1, NS_TRIAGED), 0);
}

static void test_final_statuses(void **state)
{
	(void)state;
	for (int s = 0; s < NS__COUNT; s++) {
		int any = 0;
		for (int t = 0; t < NS__COUNT; t++)
			any |= need_can_move((enum need_status)s, (enum need_status)t);
		assert_int_equal(need_status_final((enum need_status)s), !any);
	}
	assert_true(need_status_final(NS_CLOSED));
	assert_true(need_status_final(NS_REJECTED));
}

static void test_moves_list_every_legal_move_once(void **state)
{
	(void)state;
	struct need_move m[32];
	int n = need_moves(m, 32);
	int legal = 0;
	for (int f = 0; f < NS__COUNT; f++)
		for (int t = 0; t < NS__COUNT; t++)
			legal += allowed[f][t];
	assert_int_equal(n, legal);
	assert_int_equal(n, 10);
	/* Main line first, in order. */
	for (int i = 0; i < 6; i++) {
		assert_int_equal(m[i].from, i);
		assert_int_equal(m[i].to, i + 1);
	}
	for (int i = 6; i < n; i++)
		assert_int_equal(m[i].to, NS_REJECTED);
	for (int i = 0; i < n; i++) {
		assert_true(need_can_move(m[i].from, m[i].to));
		for (int k = 0; k < i; k++)
			assert_false(m[k].from == m[i].from && m[k].to == m[i].to);
	}
	/* A short buffer is filled, never overrun. */
	struct need_move few[3] = {{0, 0}, {0, 0}, {NS__COUNT, NS__COUNT}};
	assert_int_equal(need_moves(few, 2), 2);
	assert_int_equal(few[2].from, NS__COUNT);
}

/* ---- medians ---- */
static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void test_median_small_cases(void **state)
{
	(void)state;
	const int64_t one[] = {42};
	const int64_t two[] = {10, 20};
	const int64_t three[] = {1, 5, 900};
	const int64_t four[] = {1, 2, 3, 100};
	const int64_t same[] = {7, 7, 7, 7, 7};
	assert_true(median_sorted(NULL, 0) == 0);
	assert_true(median_sorted(one, 1) == 42);
	assert_true(median_sorted(two, 2) == 15);
	assert_true(median_sorted(three, 3) == 5);
	assert_true(median_sorted(four, 4) == 2.5);
	assert_true(median_sorted(same, 5) == 7);
}

static void test_median_window_positions(void **state)
{
	(void)state;
	int64_t off;
	int take;
	median_window(0, &off, &take);
	assert_int_equal(take, 0);
	median_window(-3, &off, &take);
	assert_int_equal(take, 0);
	median_window(1, &off, &take);
	assert_int_equal(off, 0);
	assert_int_equal(take, 1);
	median_window(2, &off, &take);
	assert_int_equal(off, 0);
	assert_int_equal(take, 2);
	median_window(7, &off, &take);
	assert_int_equal(off, 3);
	assert_int_equal(take, 1);
	median_window(8, &off, &take);
	assert_int_equal(off, 3);
	assert_int_equal(take, 2);
}

/* The window gives the same median as the whole sorted list, on random data
 * (fixed seed) of every length up to 60. */
static void test_median_window_matches_full_sort(void **state)
{
	(void)state;
	uint64_t rng = 12345;
	for (int n = 1; n <= 60; n++) {
		int64_t v[60];
		for (int i = 0; i < n; i++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = (int64_t)(rng >> 40) % 100000;
		}
		qsort(v, (size_t)n, sizeof v[0], cmp64);
		double want = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
		int64_t off;
		int take;
		median_window(n, &off, &take);
		assert_true(off >= 0 && off + take <= n);
		assert_true(median_of_window(n, v + off) == want);
		assert_true(median_sorted(v, (size_t)n) == want);
	}
}

static void test_median_of_huge_values_does_not_overflow(void **state)
{
	(void)state;
	const int64_t big[] = {INT64_MAX - 1, INT64_MAX - 1};
	assert_true(median_sorted(big, 2) > 9.2e18);
}

int main(void)
{
	const struct CMUnitTest flow_tests[] = {
		cmocka_unit_test(test_status_names_round_trip),
		cmocka_unit_test(test_every_pair_of_statuses),
		cmocka_unit_test(test_final_statuses),
		cmocka_unit_test(test_moves_list_every_legal_move_once),
	};
	const struct CMUnitTest median_tests[] = {
		cmocka_unit_test(test_median_small_cases),
		cmocka_unit_test(test_median_window_positions),
		cmocka_unit_test(test_median_window_matches_full_sort),
		cmocka_unit_test(test_median_of_huge_values_does_not_overflow),
	};
	int failed = 0;
	failed += cmocka_run_group_tests_name("needflow", flow_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("median", median_tests, NULL, NULL);
	return failed != 0;
}
