/* log.h - the server's log: JSON lines on stderr, one per event.
 *
 * Every line is one JSON object with at least "ts" (UTC, RFC 3339 with
 * milliseconds), "level" ("info", "warn" or "error") and "msg"; journald
 * stores stderr line by line, so `journalctl -o cat -u liandong | jq`
 * reads the log back. A line is built in a fixed buffer and written with
 * one write(2), so lines of concurrent threads never interleave (a line
 * past LOG_LINE_MAX is cut at a field boundary and marked "truncated").
 *
 * The request a thread is serving is remembered per thread (log_set_req):
 * an error logged anywhere while it runs, a store backend's included,
 * carries its "req_id". What a line may hold is up to its caller: never a
 * token, cookie, password, ID number, phone or query string (docs/
 * OPERATIONS.md). */
#ifndef LD_CORE_LOG_H
#define LD_CORE_LOG_H

#include <stddef.h>

#define LOG_LINE_MAX 2048
#define LOG_REQ_ID_MAX 64	/* an accepted incoming X-Request-Id's longest */

struct logline {
	char buf[LOG_LINE_MAX];
	size_t n;
	int full;	/* a field did not fit: the line says "truncated" */
};

/* Start a line: {"ts":...,"level":level,"msg":msg. */
void logline_begin(struct logline *l, const char *level, const char *msg);
/* Add "key": "val" (JSON-escaped; NULL: null). */
void logline_str(struct logline *l, const char *key, const char *val);
/* The number formats of a line, printf-free (room for 21 and 28 bytes):
 * v in decimal; milliseconds with three decimals. Their lengths. */
size_t log_fmt_int(char *out, long long v);
size_t log_fmt_ms(char *out, double v);
void logline_int(struct logline *l, const char *key, long long v);
/* Add a number with 3 decimals (durations in milliseconds). */
void logline_ms(struct logline *l, const char *key, double v);
/* Close the line and write it to stderr in one write(2). */
void logline_end(struct logline *l);

/* A whole line: {"ts","level","msg": the formatted text, "req_id" of the
 * thread's request if any}. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The request this thread serves (NULL: none); the text must outlive it. */
void log_set_req(const char *req_id);
const char *log_req(void);

/* A fresh request id: 16 lower-case hex digits from the kernel's random
 * source (a counter if that fails). */
void log_new_req_id(char out[17]);
/* Whether an incoming X-Request-Id may be kept: 1..LOG_REQ_ID_MAX of
 * A-Z a-z 0-9 - _ . : (nothing a log reader could mistake for markup). */
int log_req_id_ok(const char *s);

#endif
