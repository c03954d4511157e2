/* test_json_out.c - the reply's JSON writer (http/json_out.c) gives the
 * very bytes of json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(12)):
 * for the API's hour and money reals, for any other double, for strings
 * with every kind of character that needs escaping, and for random nested
 * documents; and refuses what json_dumps refuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "http/json_out.h"

#define FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(12))

/* json_out and json_dumps agree on v (which is released), written inside
 * an array (neither writes a bare scalar). */
static void same(json_t *v)
{
	struct arena a = ARENA_INIT;
	if (!json_is_object(v) && !json_is_array(v))
		v = json_pack("[o]", v);
	char *want = json_dumps(v, FLAGS);
	size_t len = 0;
	const char *got = json_out(v, &a, &len);
	assert_non_null(want);
	assert_non_null(got);
	if (strcmp(want, got) != 0)
		fail_msg("json_dumps %s, json_out %s", want, got);
	assert_int_equal(len, strlen(want));
	free(want);
	json_decref(v);
	arena_release(&a);
}

static void reals_as_jansson_writes_them(void **state)
{
	(void)state;
	static const double fixed[] = {0.0,	 -0.0,	  0.01,	    0.05,	0.1,	  0.5,	    1.0,
				       12.0,	 19801.97, -3.5,    0.001,	1e-5,	  1e-4,	    123456789.99,
				       9999999999.99, 1e10, 1e11,   1.5e15,	1e20,	  -1e-300,  3.141592653589793,
				       0.1 + 0.2, 2.675,   1e300,  4.9e-324, 100.10, 7.07};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		same(json_real(fixed[i]));
	/* hours as the API makes them: minutes / 60 to two decimals */
	for (long long m = -6000; m <= 600000; m += 61)
		same(json_real(round((double)m / 60.0 * 100.0) / 100.0));
	/* money: fen as yuan */
	for (long long fen = -100000; fen <= 100000000; fen += 99991)
		same(json_real((double)fen / 100.0));
	/* any double at all, from random bits */
	srand(19);
	for (int i = 0; i < 20000; i++) {
		uint64_t bits = ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
		double d;
		memcpy(&d, &bits, sizeof d);
		if (isfinite(d))
			same(json_real(d));
		same(json_real((double)rand() / 1000.0 - 1e6));
	}
}

static void integers_strings_and_literals(void **state)
{
	(void)state;
	static const json_int_t ints[] = {0, 1, -1, 42, INT64_MAX, INT64_MIN, 1000000007};
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
		same(json_integer(ints[i]));
	same(json_true());
	same(json_false());
	same(json_null());
	same(json_string(""));
	same(json_string("荆州市沙市区 社工站 \"引号\" \\反斜杠/ slash"));
	char all[128];
	for (int c = 1; c < 128; c++)
		all[c - 1] = (char)c;
	all[127] = 0;
	same(json_string(all));
	same(json_stringn("a\0b", 3));
	same(json_string("\xf0\x9f\x98\x80 emoji, \xe2\x80\xa8 line separator"));
}

static json_t *random_value(int depth)
{
	int k = rand() % (depth > 4 ? 5 : 7);
	switch (k) {
	case 0: return json_integer(rand() - RAND_MAX / 2);
	case 1: return json_real((double)(rand() % 100000) / 100.0);
	case 2: {
		char s[16];
		int n = rand() % 15;
		for (int i = 0; i < n; i++)
			s[i] = (char)(1 + rand() % 127);
		s[n] = 0;
		return json_string(s);
	}
	case 3: return json_null();
	case 4: return json_boolean(rand() % 2);
	case 5: {
		json_t *o = json_object();
		int n = rand() % 6;
		for (int i = 0; i < n; i++) {
			char key[8] = {(char)('a' + rand() % 26), (char)('a' + rand() % 26), '"', (char)('0' + i), 0};
			json_object_set_new(o, key, random_value(depth + 1));
		}
		return o;
	}
	default: {
		json_t *arr = json_array();
		int n = rand() % 6;
		for (int i = 0; i < n; i++)
			json_array_append_new(arr, random_value(depth + 1));
		return arr;
	}
	}
}

static void random_documents(void **state)
{
	(void)state;
	srand(7);
	for (int i = 0; i < 3000; i++)
		same(random_value(0));
	/* one long enough to grow the buffer many times over */
	json_t *arr = json_array();
	for (int i = 0; i < 5000; i++)
		json_array_append_new(arr, json_pack("{s:i,s:s,s:f}", "id", i, "name", "志愿者", "hours", i / 4.0));
	same(arr);
}

static void refuses_what_jansson_refuses(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	size_t len = 0;
	json_t *inf = json_pack("{s:o}", "x", json_real(1.0));
	/* jansson will not make an infinite real; set one behind its back */
	assert_int_equal(json_real_set(json_object_get(inf, "x"), INFINITY), -1);
	assert_non_null(json_out(inf, &a, &len));
	json_decref(inf);
	assert_null(json_out(NULL, &a, &len));
	json_t *scalar = json_integer(1);
	assert_null(json_out(scalar, &a, &len));
	json_decref(scalar);
	arena_release(&a);
}

/* jw writes what jansson would for the same document, and refuses its
 * misuse. */
static void written_as_made(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct jw w;
	jw_init(&w, &a);
	jw_object(&w, NULL);
	jw_real(&w, "verified_hours", 19801.97);
	jw_int(&w, "stars", -5);
	jw_array(&w, "by_year");
	for (int i = 0; i < 3; i++) {
		jw_object(&w, NULL);
		jw_int(&w, "year", 2020 + i);
		jw_real(&w, "hours", i / 3.0);
		jw_close(&w);
	}
	jw_close(&w);
	jw_array(&w, "empty");
	jw_close(&w);
	jw_str(&w, "title", "社区服务 \"日\"\n");
	jw_strn(&w, "date", "2026-12-07T08:00:00Z", 10);
	jw_str(&w, "none", NULL);
	jw_null(&w, "null");
	jw_close(&w);
	size_t len = 0;
	const char *got = jw_done(&w, &len);
	json_t *o = json_pack("{s:f,s:i,s:[{s:i,s:f},{s:i,s:f},{s:i,s:f}],s:[],s:s,s:s#,s:n,s:n}", "verified_hours",
			      19801.97, "stars", -5, "by_year", "year", 2020, "hours", 0 / 3.0, "year", 2021, "hours",
			      1 / 3.0, "year", 2022, "hours", 2 / 3.0, "empty", "title", "社区服务 \"日\"\n", "date",
			      "2026-12-07T08:00:00Z", 10, "none", "null");
	char *want = json_dumps(o, FLAGS);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(len, strlen(want));
	free(want);
	json_decref(o);
	/* unbalanced, closed too often, too deep, not finite */
	jw_init(&w, &a);
	jw_object(&w, NULL);
	assert_null(jw_done(&w, &len));
	jw_close(&w);
	jw_close(&w);
	assert_null(jw_done(&w, &len));
	jw_init(&w, &a);
	for (int i = 0; i <= JW_DEPTH; i++)
		jw_array(&w, NULL);
	for (int i = 0; i <= JW_DEPTH; i++)
		jw_close(&w);
	assert_null(jw_done(&w, &len));
	jw_init(&w, &a);
	jw_array(&w, NULL);
	jw_real(&w, NULL, NAN);
	jw_close(&w);
	assert_null(jw_done(&w, &len));
	jw_init(&w, &a);
	assert_null(jw_done(&w, &len)); /* nothing written */
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reals_as_jansson_writes_them),
		cmocka_unit_test(integers_strings_and_literals),
		cmocka_unit_test(random_documents),
		cmocka_unit_test(refuses_what_jansson_refuses),
		cmocka_unit_test(written_as_made),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
