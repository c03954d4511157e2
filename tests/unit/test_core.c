/* test_core.c - ISO times, the generic codec, the crypto adapter and the
 * error table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <signal.h>

#include "core/bgthread.h"
#include "core/err.h"
#include "domain/timefmt.h"
#include "crypto/crypto.h"
#include "http/http.h"
#include "model/codec.h"

static void time_round_trip(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *iso;
	} cases[] = {
		{0, "1970-01-01T08:00:00+08:00"},
		{1795390392, "2026-11-23T07:33:12+08:00"},
		{951782400, "2000-02-29T08:00:00+08:00"},
		{-86400, "1969-12-31T08:00:00+08:00"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[32];
		int64_t back;
		time_format(cases[i].t, buf);
		assert_string_equal(buf, cases[i].iso);
		assert_int_equal(time_parse(buf, &back), 0);
		assert_int_equal(back, cases[i].t);
	}
}

static void time_parse_offsets(void **state)
{
	(void)state;
	int64_t a, b, c;
	assert_int_equal(time_parse("2026-11-22T00:00:00Z", &a), 0);
	assert_int_equal(time_parse("2026-11-22T08:00:00+08:00", &b), 0);
	assert_int_equal(time_parse("2026-11-21T19:00:00.250-05:00", &c), 0);
	assert_int_equal(a, b);
	assert_int_equal(a, c);
	static const char *const bad[] = {"2026-11-22", "2026-11-22T00:00:00", "2026-02-30T00:00:00Z",
					  "2026-11-22T24:00:00Z", "2026-11-22T00:00:00+8:00", "2026-11-22T00:00:00Zx",
					  "2026-11-22 00:00:00Z"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(time_parse(bad[i], &a), -1);
	assert_int_equal(today_ymd(a), 20261122);
	assert_int_equal(today_ymd(a - 8 * 3600 - 1), 20261121);
}

static void months_keep_time_and_clamp(void **state)
{
	(void)state;
	static const struct {
		const char *from;
		int months;
		const char *to;
	} cases[] = {
		{"2026-01-31T09:30:00+08:00", 1, "2026-02-28T09:30:00+08:00"},
		{"2028-01-31T09:30:00+08:00", 1, "2028-02-29T09:30:00+08:00"},
		{"2026-11-30T07:00:00+08:00", 3, "2027-02-28T07:00:00+08:00"},
		{"2026-12-15T00:00:00+08:00", 1, "2027-01-15T00:00:00+08:00"},
		{"2026-03-31T23:59:59+08:00", -1, "2026-02-28T23:59:59+08:00"},
		{"2026-05-10T08:00:00+08:00", 12, "2027-05-10T08:00:00+08:00"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t t;
		char buf[32];
		assert_int_equal(time_parse(cases[i].from, &t), 0);
		time_format(time_add_months(t, cases[i].months), buf);
		assert_string_equal(buf, cases[i].to);
	}
	assert_int_equal(date_start("2026-11-22"), 1795305600 - 8 * 3600);
	assert_int_equal(date_start("2026-02-30"), -1);
}

static void date_parse_rules(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(date_parse("2000-02-29", &y, &m, &d), 0);
	assert_int_equal(date_parse("1900-02-29", &y, &m, &d), -1);
	assert_int_equal(date_parse("2026-13-01", &y, &m, &d), -1);
	assert_int_equal(date_parse("2026-1-01", &y, &m, &d), -1);
}

/* The codec against the people descriptor: every failure names its field. */
static void codec_rejects_and_names(void **state)
{
	(void)state;
	static const struct {
		const char *json;
		enum err code;
		const char *field;
	} cases[] = {
		{"{\"name\":\"A\",\"bogus\":1}", ERR_UNKNOWN_FIELD, "bogus"},
		{"{\"name\":\"A\",\"id_number_hash\":\"x\"}", ERR_UNKNOWN_FIELD, "id_number_hash"},
		{"{\"name\":\"A\",\"created_at\":\"2026-01-01T00:00:00Z\"}", ERR_READ_ONLY, "created_at"},
		{"{\"name\":\"A\",\"id\":3}", ERR_READ_ONLY, "id"},
		{"{\"name\":5}", ERR_INVALID, "name"},
		{"{\"name\":\"\"}", ERR_INVALID, "name"},
		{"{\"gender\":\"male\"}", ERR_REQUIRED, "name"},
		{"{\"name\":null}", ERR_REQUIRED, "name"},
		{"{\"name\":\"A\",\"gender\":\"x\"}", ERR_INVALID, "gender"},
		{"{\"name\":\"A\",\"lat\":91}", ERR_INVALID, "lat"},
		{"{\"name\":\"A\",\"lon\":\"1\"}", ERR_INVALID, "lon"},
		{"{\"name\":\"A\",\"org_id\":1.5}", ERR_INVALID, "org_id"},
		{"{\"name\":\"A\",\"org_id\":0}", ERR_INVALID, "org_id"},
		{"{\"name\":\"A\",\"birth_date\":\"2001-02-29\"}", ERR_INVALID, "birth_date"},
		{"{\"name\":\"A\",\"skills\":\"x\"}", ERR_INVALID, "skills"},
		{"{\"name\":\"A\",\"skills\":[1]}", ERR_INVALID, "skills"},
		{"{\"name\":\"A\",\"skills\":[\"\"]}", ERR_INVALID, "skills"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct arena a = ARENA_INIT;
		struct rec r;
		struct errinfo ei = {0};
		json_t *j = json_loads(cases[i].json, 0, NULL);
		assert_non_null(j);
		enum err e = codec_decode(j, &person_entity, 1, &r, &a, &ei);
		if (e != cases[i].code || strcmp(ei.field, cases[i].field) != 0)
			fail_msg("%s: got %s field %s", cases[i].json, err_code(e), ei.field);
		json_decref(j);
		arena_release(&a);
	}
}

/* An id list (FT_IDS, the shift_ids of POST /match): 1 to max positive
 * integers, kept as JSON text; anything else is 422 naming the field. */
static void codec_reads_id_lists(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{\"shift_ids\":[]}", "{\"shift_ids\":\"1\"}", "{\"shift_ids\":[0]}",
		"{\"shift_ids\":[\"1\"]}", "{\"shift_ids\":[1.5]}", "{\"shift_ids\":{}}",
	};
	struct arena a = ARENA_INIT;
	struct rec r;
	struct errinfo ei = {0};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		json_t *j = json_loads(bad[i], 0, NULL);
		assert_non_null(j);
		enum err e = codec_decode(j, &match_request_body, 1, &r, &a, &ei);
		if (e != ERR_INVALID || strcmp(ei.field, "shift_ids") != 0)
			fail_msg("%s: got %s field %s", bad[i], err_code(e), ei.field);
		json_decref(j);
	}
	json_t *j = json_loads("{\"shift_ids\":[3, 1]}", 0, NULL);
	assert_int_equal(codec_decode(j, &match_request_body, 1, &r, &a, &ei), ERR_OK);
	json_decref(j);
	assert_string_equal(rec_text(&r, MATCH_REQUEST_SHIFT_IDS), "[3,1]");
	json_t *out = codec_encode(&r, 0);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(out, "shift_ids"), 1)), 1);
	json_decref(out);
	arena_release(&a);
}

/* arena_reset forgets what was allocated and hands the same blocks out
 * again: a small allocation after it lands in a block of before, a large
 * one in a block large enough (or a new one), and arena_release frees the
 * blocks in use and the spare ones alike (valgrind counts them). */
static void arena_reset_reuses_blocks(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *small = arena_alloc(&a, 100), *big = arena_alloc(&a, 100000);
	memset(small, 'x', 100);
	memset(big, 'y', 100000);
	arena_reset(&a);
	char *again = arena_alloc(&a, 100);
	char *big2 = arena_alloc(&a, 90000);
	assert_true(again == small || again == big);
	assert_ptr_equal(big2, big);
	assert_int_equal(again[99], 0); /* zeroed as ever */
	char *bigger = arena_alloc(&a, 200000);	/* no spare holds it: a new block */
	assert_true(bigger != big && bigger != small);
	memset(bigger, 'z', 200000);
	arena_reset(&a);
	arena_reset(&a);	/* twice: nothing in use to move */
	assert_non_null(arena_strdup(&a, "after two resets"));
	arena_release(&a);
	assert_null(a.head);
	assert_null(a.spare);
}

static void codec_round_trip(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct rec r;
	struct errinfo ei = {0};
	json_t *j = json_loads("{\"name\":\"张三\",\"lat\":30.5,\"skills\":[\"急救\",\"助老\"],\"org_id\":7}", 0, NULL);
	assert_int_equal(codec_decode(j, &person_entity, 1, &r, &a, &ei), ERR_OK);
	json_decref(j);
	r.id = 42;
	json_t *out = codec_encode(&r, 0);
	assert_int_equal(json_integer_value(json_object_get(out, "id")), 42);
	assert_string_equal(json_string_value(json_object_get(out, "name")), "张三");
	assert_int_equal(json_array_size(json_object_get(out, "skills")), 2);
	assert_true(json_is_null(json_object_get(out, "phone")));
	assert_null(json_object_get(out, "id_number_enc"));
	json_decref(out);

	/* write-only fields never come out */
	j = json_loads("{\"username\":\"abc\",\"password\":\"secret-pw\"}", 0, NULL);
	assert_int_equal(codec_decode(j, &user_entity, 1, &r, &a, &ei), ERR_OK);
	json_decref(j);
	char *text = codec_dump(&r, 1, &a);
	assert_null(strstr(text, "secret-pw"));
	arena_release(&a);
}

static void codec_masks_pii(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct rec r;
	rec_init(&r, &person_entity);
	rec_set_text(&r, PERSON_NAME, "A");
	rec_set_text(&r, PERSON_ID_NUMBER, "11010519491231002X");
	rec_set_text(&r, PERSON_PHONE, "13812345678");
	char *text = codec_dump(&r, 1, &a);
	assert_non_null(strstr(text, "110105********002X"));
	assert_non_null(strstr(text, "138****5678"));
	assert_null(strstr(text, "13812345678"));
	arena_release(&a);
}

static void crypto_seal_open_hash(void **state)
{
	(void)state;
	struct crypto_keys k, other;
	char err[128];
	assert_int_equal(crypto_init(), 0);
	memset(&k, 1, sizeof k);
	memset(&other, 2, sizeof other);
	k.id = other.id = 1;
	struct arena a = ARENA_INIT;
	char *s1 = crypto_seal(&k, "13812345678", &a), *s2 = crypto_seal(&k, "13812345678", &a);
	assert_string_not_equal(s1, s2); /* random nonce */
	assert_null(strstr(s1, "13812345678"));
	assert_string_equal(crypto_open(&k, s1, &a), "13812345678");
	assert_null(crypto_open(&other, s1, &a));
	assert_null(crypto_open(&k, "not base64!", &a));
	assert_string_equal(crypto_lookup_hash(&k, "x", &a), crypto_lookup_hash(&k, "x", &a));
	assert_string_not_equal(crypto_lookup_hash(&k, "x", &a), crypto_lookup_hash(&other, "x", &a));
	assert_int_equal(crypto_load_key("/nonexistent/dir/key", 1, &k, err, sizeof err), -1);
	char hash[128];
	assert_int_equal(crypto_password_hash("correct horse", hash), 0);
	assert_true(crypto_password_verify(hash, "correct horse"));
	assert_false(crypto_password_verify(hash, "correct horsf"));
	assert_true(crypto_streq("abc", "abc"));
	assert_false(crypto_streq("abc", "abd"));
	assert_false(crypto_streq("abc", "abcd"));
	arena_release(&a);
}

/* Key numbers: a value says which key it is under; key files of both
 * forms load with their number; a new key file is never written over. */
static void crypto_key_numbers(void **state)
{
	(void)state;
	char dir[] = "/tmp/ld_keys_XXXXXX", path[64], legacy[64], err[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/k.next", dir);
	snprintf(legacy, sizeof legacy, "%s/k", dir);
	struct crypto_keys k1, k2, again;
	struct arena a = ARENA_INIT;
	assert_int_equal(crypto_init(), 0);
	assert_int_equal(crypto_load_key(legacy, 1, &k1, err, sizeof err), 0);
	assert_int_equal(k1.id, 1);
	assert_int_equal(crypto_new_key_file(path, 2, &k2, err, sizeof err), 0);
	assert_int_equal(crypto_new_key_file(path, 2, &again, err, sizeof err), -1);	/* exists */
	assert_int_equal(crypto_load_key(path, 0, &again, err, sizeof err), 0);
	assert_int_equal(again.id, 2);
	assert_memory_equal(again.enc, k2.enc, sizeof k2.enc);
	char *s1 = crypto_seal(&k1, "110105194912310029", &a), *s2 = crypto_seal(&k2, "110105194912310029", &a);
	assert_null(strchr(s1, ':'));
	assert_int_equal(strncmp(s2, "k2:", 3), 0);
	assert_int_equal(crypto_sealed_key_id(s1), 1);
	assert_int_equal(crypto_sealed_key_id(s2), 2);
	assert_int_equal(crypto_sealed_key_id("k:abc"), -1);
	assert_int_equal(crypto_sealed_key_id("kx2:abc"), -1);
	assert_null(crypto_open(&k1, s2, &a));
	assert_null(crypto_open(&k2, s1, &a));
	assert_string_equal(crypto_open(&k2, s2, &a), "110105194912310029");
	assert_string_not_equal(crypto_lookup_hash(&k1, "x", &a), crypto_lookup_hash(&k2, "x", &a));
	/* a damaged key file is refused */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("liandong-key 2 abc\n", f);
	fclose(f);
	assert_int_equal(crypto_load_key(path, 0, &again, err, sizeof err), -1);
	unlink(path);
	unlink(legacy);
	rmdir(dir);
	arena_release(&a);
}

static void err_table(void **state)
{
	(void)state;
	assert_int_equal(err_http_status(ERR_DUPLICATE), 409);
	assert_int_equal(err_http_status(ERR_TOO_LARGE), 413);
	assert_int_equal(err_http_status(ERR_THROTTLED), 429);
	assert_int_equal(err_http_status(ERR_REQUIRED), 422);
	assert_string_equal(err_code(ERR_BAD_JSON), "invalid_json");
	assert_int_equal(err_http_status((enum err)999), 500);
	struct errinfo ei;
	assert_int_equal(err_setf(&ei, ERR_INVALID, "lat", "lat %d", 91), ERR_INVALID);
	assert_string_equal(ei.field, "lat");
	assert_string_equal(ei.message, "lat 91");
}

/* Accept-Encoding as browsers, proxies and odd clients send it. */
static void accepts_gzip_table(void **state)
{
	(void)state;
	static const struct {
		const char *ae;
		int want;
	} cases[] = {
		{NULL, 0},
		{"", 0},
		{"gzip", 1},
		{"gzip, deflate, br, zstd", 1},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", 1},
		{"GZIP", 1},
		{"deflate, br", 0},
		{"gzip;q=0", 0},
		{"gzip;q=0.000, deflate", 0},
		{"gzip;q=0.5", 1},
		{"x-gzip", 0},
		{"gzipx", 0},
		{"*", 1},
		{"identity", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (http_accepts_gzip(cases[i].ae) != cases[i].want)
			fail_msg("Accept-Encoding \"%s\": want %d", cases[i].ae ? cases[i].ae : "(null)", cases[i].want);
	}
}

/* A background thread: made with the signals blocked (a SIGTERM to the
 * process is the main thread's), woken by a signal of its condition,
 * waiting at most the seconds asked, and ended by bg_stop. */
struct bg_probe {
	struct bgthread bg;
	int term_blocked, int_blocked, wakes;
	int timed_out_quit;
};

static void *bg_probe_run(void *arg)
{
	struct bg_probe *p = arg;
	sigset_t now;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	p->term_blocked = sigismember(&now, SIGTERM);
	p->int_blocked = sigismember(&now, SIGINT);
	pthread_mutex_lock(&p->bg.mu);
	p->timed_out_quit = bg_wait(&p->bg, 1); /* times out, not quitting */
	while (!bg_wait(&p->bg, 0))
		p->wakes++;
	pthread_mutex_unlock(&p->bg.mu);
	return NULL;
}

static void bgthread_blocks_signals_waits_and_stops(void **state)
{
	(void)state;
	static struct bg_probe p;
	sigset_t before, after;
	pthread_sigmask(SIG_SETMASK, NULL, &before);
	assert_int_equal(bg_start(&p.bg, bg_probe_run, &p), 0);
	pthread_sigmask(SIG_SETMASK, NULL, &after);
	assert_int_equal(sigismember(&after, SIGTERM), sigismember(&before, SIGTERM)); /* the caller's mask back */
	sleep(2);
	pthread_mutex_lock(&p.bg.mu);
	pthread_cond_signal(&p.bg.cv);
	pthread_mutex_unlock(&p.bg.mu);
	usleep(200000);
	bg_stop(&p.bg);
	assert_int_equal(p.term_blocked, 1);
	assert_int_equal(p.int_blocked, 1);
	assert_int_equal(p.timed_out_quit, 0);
	assert_int_equal(p.wakes, 1);
	assert_int_equal(atomic_load(&p.bg.stop), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_reset_reuses_blocks),
		cmocka_unit_test(time_round_trip),
		cmocka_unit_test(time_parse_offsets),
		cmocka_unit_test(date_parse_rules),
		cmocka_unit_test(months_keep_time_and_clamp),
		cmocka_unit_test(codec_rejects_and_names),
		cmocka_unit_test(codec_reads_id_lists),
		cmocka_unit_test(codec_round_trip),
		cmocka_unit_test(codec_masks_pii),
		cmocka_unit_test(crypto_seal_open_hash),
		cmocka_unit_test(crypto_key_numbers),
		cmocka_unit_test(err_table),
		cmocka_unit_test(bgthread_blocks_signals_waits_and_stops),
		cmocka_unit_test(accepts_gzip_table),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
