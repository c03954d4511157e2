/* log.c - JSON lines on stderr (see log.h). No allocation: a line lives
 * in its caller's fixed buffer and leaves in one write(2). */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static _Thread_local const char *cur_req;

void log_set_req(const char *req_id)
{
	cur_req = req_id;
}

const char *log_req(void)
{
	return cur_req;
}

/* Room left before the closing "}\n" (and a ,"truncated":true). */
#define RESERVE 24

static void put(struct logline *l, const char *s, size_t n)
{
	if (l->full || l->n + n + RESERVE > sizeof l->buf) {
		l->full = 1;
		return;
	}
	memcpy(l->buf + l->n, s, n);
	l->n += n;
}

/* A JSON string: quotes, backslashes and control bytes escaped; bytes
 * >= 0x80 pass through (the text is UTF-8 as the server holds it). */
static void put_json(struct logline *l, const char *s)
{
	char tmp[LOG_LINE_MAX];
	size_t n = 0;
	tmp[n++] = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p && n + 8 < sizeof tmp; p++) {
		if (*p == '"' || *p == '\\') {
			tmp[n++] = '\\';
			tmp[n++] = (char)*p;
		} else if (*p == '\n') {
			tmp[n++] = '\\';
			tmp[n++] = 'n';
		} else if (*p < 0x20 || *p == 0x7f) {
			n += (size_t)snprintf(tmp + n, sizeof tmp - n, "\\u%04x", *p);
		} else {
			tmp[n++] = (char)*p;
		}
	}
	tmp[n++] = '"';
	put(l, tmp, n);
}

static void put_key(struct logline *l, const char *key)
{
	put(l, ",", 1);
	put_json(l, key);
	put(l, ":", 1);
}

/* v in decimal at out (room for 21 bytes); its length. Every access line
 * has a few of these: no printf on the request path (issue 19's profile
 * put the access line at 8% of a signed-in read). */
size_t log_fmt_int(char *out, long long v)
{
	char t[24];
	size_t n = 0;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		t[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	size_t len = 0;
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = t[--n];
	return len;
}

/* v (milliseconds) with three decimals, as "%.3f" prints it (but for a
 * tie, rounded away from zero) for the values a log line holds; its
 * length. */
size_t log_fmt_ms(char *out, double v)
{
	long long us = (long long)(v * 1000.0 + (v < 0 ? -0.5 : 0.5));
	size_t n = 0;
	if (us < 0) {
		out[n++] = '-';
		us = -us;
	}
	n += log_fmt_int(out + n, us / 1000);
	out[n++] = '.';
	out[n++] = (char)('0' + us / 100 % 10);
	out[n++] = (char)('0' + us / 10 % 10);
	out[n++] = (char)('0' + us % 10);
	return n;
}

/* "{"ts":"YYYY-MM-DDTHH:MM:SS" of a second, made once a second per thread. */
static size_t ts_prefix(time_t sec, char *out)
{
	static _Thread_local time_t last = -1;
	static _Thread_local char text[48];
	static _Thread_local size_t len;
	if (sec != last) {
		struct tm tm;
		gmtime_r(&sec, &tm);
		len = strftime(text, sizeof text, "{\"ts\":\"%Y-%m-%dT%H:%M:%S", &tm);
		last = sec;
	}
	memcpy(out, text, len);
	return len;
}

void logline_begin(struct logline *l, const char *level, const char *msg)
{
	struct timespec ts;
	char t[56];
	clock_gettime(CLOCK_REALTIME, &ts);
	size_t n = ts_prefix(ts.tv_sec, t);
	long ms = ts.tv_nsec / 1000000;
	t[n++] = '.';
	t[n++] = (char)('0' + ms / 100);
	t[n++] = (char)('0' + ms / 10 % 10);
	t[n++] = (char)('0' + ms % 10);
	t[n++] = 'Z';
	t[n++] = '"';
	l->n = 0;
	l->full = 0;
	put(l, t, n);
	put_key(l, "level");
	put_json(l, level);
	put_key(l, "msg");
	put_json(l, msg);
}

void logline_str(struct logline *l, const char *key, const char *val)
{
	size_t mark = l->n;
	put_key(l, key);
	if (val)
		put_json(l, val);
	else
		put(l, "null", 4);
	if (l->full)
		l->n = mark;	/* never half a field */
}

void logline_int(struct logline *l, const char *key, long long v)
{
	char t[32];
	size_t mark = l->n;
	put_key(l, key);
	put(l, t, log_fmt_int(t, v));
	if (l->full)
		l->n = mark;
}

void logline_ms(struct logline *l, const char *key, double v)
{
	char t[48];
	size_t mark = l->n;
	put_key(l, key);
	put(l, t, log_fmt_ms(t, v));
	if (l->full)
		l->n = mark;
}

void logline_end(struct logline *l)
{
	/* RESERVE keeps room for these */
	if (l->full) {
		memcpy(l->buf + l->n, ",\"truncated\":true", 17);
		l->n += 17;
	}
	l->buf[l->n++] = '}';
	l->buf[l->n++] = '\n';
	for (size_t off = 0; off < l->n;) {
		ssize_t w = write(2, l->buf + off, l->n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char msg[LOG_LINE_MAX / 2];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')	/* the old messages' own newline */
		msg[--n] = 0;
	struct logline l;
	logline_begin(&l, level, msg);
	if (cur_req)
		logline_str(&l, "req_id", cur_req);
	logline_end(&l);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("warn", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

/* A request id: a per-thread sequence from a random start, through
 * splitmix64's finaliser (a bijection: no two of one thread's ids are the
 * same, and they do not look sequential). One getrandom per thread, not
 * one system call per request. */
void log_new_req_id(char out[17])
{
	static atomic_ullong counter;
	static _Thread_local unsigned long long seq;
	static _Thread_local int seeded;
	if (!seeded) {
		if (getrandom(&seq, sizeof seq, GRND_NONBLOCK) != (ssize_t)sizeof seq)
			seq = ((unsigned long long)time(NULL) << 24) ^ atomic_fetch_add(&counter, 1) << 48;
		seeded = 1;
	}
	unsigned long long v = (seq += 0x9e3779b97f4a7c15ULL);
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
	v ^= v >> 31;
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--, v >>= 4)
		out[i] = hex[v & 15];
	out[16] = 0;
}

int log_req_id_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (n >= LOG_REQ_ID_MAX ||
		    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.' || c == ':'))
			return 0;
	}
	return n > 0;
}
