/* test_ops.c - the log's lines (core/log.c: JSON escaping, one line per
 * event, truncation at a field boundary, the thread's request id) and the
 * metrics registry (core/metrics.c: counters, histograms, the text
 * format, many threads counting at once). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/metrics.h"

/* Run fn with stderr into a file; the file's text (malloc'd). */
static char *captured(void (*fn)(void))
{
	char path[] = "/tmp/ld_test_ops_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	int saved = dup(2);
	dup2(fd, 2);
	fn();
	dup2(saved, 2);
	close(saved);
	off_t n = lseek(fd, 0, SEEK_END);
	char *text = calloc(1, (size_t)n + 1);
	assert_int_equal(pread(fd, text, (size_t)n, 0), n);
	close(fd);
	unlink(path);
	return text;
}

static void write_escaped(void)
{
	struct logline l;
	logline_begin(&l, "info", "access");
	logline_str(&l, "route", "/api/v1/\"people\"\\{id}\n\t\x01");
	logline_str(&l, "user_id", NULL);
	logline_int(&l, "status", 404);
	logline_ms(&l, "dur_ms", 1.23456);
	logline_str(&l, "name", "张三");
	logline_end(&l);
	log_set_req("abc-1");
	log_error("store failed: %s\n", "disk");
	log_set_req(NULL);
	log_info("no request");
}

static void log_lines_are_json(void **state)
{
	(void)state;
	char *text = captured(write_escaped);
	char *second = strchr(text, '\n');
	assert_non_null(second);
	json_error_t e;
	json_t *a = json_loadb(text, (size_t)(second - text), 0, &e);
	assert_non_null(a);
	assert_string_equal(json_string_value(json_object_get(a, "route")), "/api/v1/\"people\"\\{id}\n\t\x01");
	assert_true(json_is_null(json_object_get(a, "user_id")));
	assert_int_equal(json_integer_value(json_object_get(a, "status")), 404);
	assert_true(json_real_value(json_object_get(a, "dur_ms")) > 1.234 &&
		    json_real_value(json_object_get(a, "dur_ms")) < 1.236);
	assert_string_equal(json_string_value(json_object_get(a, "name")), "张三");
	assert_string_equal(json_string_value(json_object_get(a, "level")), "info");
	const char *ts = json_string_value(json_object_get(a, "ts"));
	assert_true(ts && strlen(ts) == 24 && ts[10] == 'T' && ts[23] == 'Z');
	char *third = strchr(second + 1, '\n');
	json_t *b = json_loadb(second + 1, (size_t)(third - second - 1), 0, &e);
	assert_non_null(b);
	assert_string_equal(json_string_value(json_object_get(b, "msg")), "store failed: disk");
	assert_string_equal(json_string_value(json_object_get(b, "req_id")), "abc-1");
	assert_string_equal(json_string_value(json_object_get(b, "level")), "error");
	json_t *c = json_loads(third + 1, 0, &e);
	assert_non_null(c);
	assert_null(json_object_get(c, "req_id"));
	json_decref(a);
	json_decref(b);
	json_decref(c);
	free(text);
}

/* The printf-free number formats print what printf would. */
static void log_numbers_as_printf(void **state)
{
	(void)state;
	const long long ints[] = {0, 7, -7, 10, 404, 123456789, -1000000000000LL, LLONG_MAX, LLONG_MIN};
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		char a[32], b[32];
		snprintf(b, sizeof b, "%lld", ints[i]);
		a[log_fmt_int(a, ints[i])] = 0;
		assert_string_equal(a, b);
	}
	const double ms[] = {0, 0.0004, 0.0016, 1.23456, 9.9996, 12.5, 999.999, 1000, 86400000.25, -3.25};
	for (size_t i = 0; i < sizeof ms / sizeof *ms; i++) {
		char a[40], b[40];
		snprintf(b, sizeof b, "%.3f", ms[i]);
		a[log_fmt_ms(a, ms[i])] = 0;
		assert_string_equal(a, b);
	}
}

static void write_long(void)
{
	static char big[3000];
	memset(big, 'x', sizeof big - 1);
	struct logline l;
	logline_begin(&l, "info", "access");
	logline_str(&l, "req_id", "r1");
	logline_str(&l, "big", big);
	logline_int(&l, "status", 200);
	logline_end(&l);
}

static void log_long_line_cut_at_a_field(void **state)
{
	(void)state;
	char *text = captured(write_long);
	assert_true(strlen(text) <= LOG_LINE_MAX);
	assert_int_equal(strchr(text, '\n') - text, (long)strlen(text) - 1);
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "req_id")), "r1");
	assert_true(json_is_true(json_object_get(j, "truncated")));
	json_decref(j);
	free(text);
}

static void request_ids(void **state)
{
	(void)state;
	char a[17], b[17];
	log_new_req_id(a);
	log_new_req_id(b);
	assert_int_equal(strlen(a), 16);
	assert_int_equal(strspn(a, "0123456789abcdef"), 16);
	assert_string_not_equal(a, b);
	/* many in a row, none twice */
	enum { N = 100000 };
	char(*ids)[17] = calloc(N, sizeof *ids);
	for (int i = 0; i < N; i++)
		log_new_req_id(ids[i]);
	qsort(ids, N, sizeof *ids, (int (*)(const void *, const void *))strcmp);
	for (int i = 1; i < N; i++)
		assert_string_not_equal(ids[i - 1], ids[i]);
	free(ids);
	assert_true(log_req_id_ok("0f3a-b_c.d:9"));
	assert_false(log_req_id_ok(""));
	assert_false(log_req_id_ok("a b"));
	assert_false(log_req_id_ok("<script>"));
	assert_false(log_req_id_ok("a\nb"));
	char longest[LOG_REQ_ID_MAX + 2];
	memset(longest, 'a', sizeof longest - 1);
	longest[LOG_REQ_ID_MAX + 1] = 0;
	assert_false(log_req_id_ok(longest));
	longest[LOG_REQ_ID_MAX] = 0;
	assert_true(log_req_id_ok(longest));
}

static void *count_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10000; i++) {
		metrics_count("t_threads_total", "k=\"v\"", 1);
		metrics_observe("t_latency_seconds", "", 0.02);
	}
	return NULL;
}

static char *render(void)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	metrics_render(&buf, &len, &cap);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static void metrics_text(void **state)
{
	(void)state;
	metrics_declare("t_requests_total", "counter", "requests");
	metrics_count("t_requests_total", "route=\"/a/{id}\"", 2);
	metrics_count("t_requests_total", "route=\"/a/{id}\"", 3);
	metrics_count("t_requests_total", "route=\"/b\"", 0);
	metrics_observe("t_dur_seconds", "route=\"/a\"", 0.003);
	metrics_observe("t_dur_seconds", "route=\"/a\"", 0.3);
	metrics_observe("t_dur_seconds", "route=\"/a\"", 99);
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, count_many, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	char *t = render();
	assert_non_null(strstr(t, "# HELP t_requests_total requests\n# TYPE t_requests_total counter\n"));
	assert_non_null(strstr(t, "t_requests_total{route=\"/a/{id}\"} 5\n"));
	assert_non_null(strstr(t, "t_requests_total{route=\"/b\"} 0\n"));
	assert_non_null(strstr(t, "# TYPE t_dur_seconds histogram\n"));
	assert_non_null(strstr(t, "t_dur_seconds_bucket{route=\"/a\",le=\"0.005\"} 1\n"));
	assert_non_null(strstr(t, "t_dur_seconds_bucket{route=\"/a\",le=\"0.25\"} 1\n"));
	assert_non_null(strstr(t, "t_dur_seconds_bucket{route=\"/a\",le=\"0.5\"} 2\n"));
	assert_non_null(strstr(t, "t_dur_seconds_bucket{route=\"/a\",le=\"10\"} 2\n"));
	assert_non_null(strstr(t, "t_dur_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"));
	assert_non_null(strstr(t, "t_dur_seconds_count{route=\"/a\"} 3\n"));
	assert_non_null(strstr(t, "t_threads_total{k=\"v\"} 40000\n"));
	assert_non_null(strstr(t, "t_latency_seconds_count 40000\n"));
	assert_non_null(strstr(t, "t_latency_seconds_bucket{le=\"0.025\"} 40000\n"));
	char esc[32];
	metrics_label_escape("a\"b\\c\nd", esc, sizeof esc);
	assert_string_equal(esc, "a\\\"b\\\\c\\nd");
	free(t);
}

static void metrics_series_capped(void **state)
{
	(void)state;
	char lab[64];
	for (int i = 0; i < METRICS_MAX_SERIES + 10; i++) {
		snprintf(lab, sizeof lab, "path=\"/p/%d\"", i);
		metrics_count("t_capped_total", lab, 1);
	}
	char *t = render();
	int n = 0;
	for (const char *p = t; (p = strstr(p, "\nt_capped_total{")); p++)
		n++;
	assert_int_equal(n, METRICS_MAX_SERIES);
	assert_non_null(strstr(t, "liandong_metrics_dropped_total 10\n"));
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_lines_are_json),
		cmocka_unit_test(log_numbers_as_printf),
		cmocka_unit_test(log_long_line_cut_at_a_field),
		cmocka_unit_test(request_ids),
		cmocka_unit_test(metrics_text),
		cmocka_unit_test(metrics_series_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
