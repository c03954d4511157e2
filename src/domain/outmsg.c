/* outmsg.c - see outmsg.h. */
#include "domain/outmsg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A growing string; out of memory it stops growing and says so at the end
 * (done: NULL). */
struct buf {
	char *p;
	size_t n, cap;
	int bad;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->bad)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (b->n + n + 1 > cap)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->bad = 1;
			return;
		}
		b->p = p, b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static char *done(struct buf *b, size_t *len)
{
	if (b->bad) {
		free(b->p);
		*len = 0;
		return NULL;
	}
	*len = b->n;
	return b->p;
}

int sms_template_is_json(const char *tpl)
{
	tpl += strspn(tpl, " \t\r\n");
	return *tpl == '{' || *tpl == '[';
}

static const char *const names[] = {"{phone}", "{text}", "{id}"};

static int placeholder(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (strncmp(s, names[i], strlen(names[i])) == 0)
			return i;
	return -1;
}

int sms_template_check(const char *tpl)
{
	if (!tpl || !strstr(tpl, "{phone}") || !strstr(tpl, "{text}") || strlen(tpl) > 4000)
		return -1;
	for (const char *s = tpl; *s; s++) {
		if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t' && *s != '\r')
			return -1;
		/* "{word}" that is no placeholder: a misspelt one */
		if (*s == '{' && placeholder(s) < 0) {
			size_t k = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz_");
			if (k && s[1 + k] == '}')
				return -1;
		}
	}
	return 0;
}

static void put_json(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\', esc[1] = (char)c;
			put(b, esc, 2);
		} else if (c == '\n') {
			puts_(b, "\\n");
		} else if (c == '\r') {
			puts_(b, "\\r");
		} else if (c == '\t') {
			puts_(b, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			puts_(b, esc);
		} else {
			put(b, s, 1);
		}
	}
}

static void put_form(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~", c)) {
			put(b, s, 1);
		} else {
			char esc[4];
			snprintf(esc, sizeof esc, "%%%02X", c);
			put(b, esc, 3);
		}
	}
}

char *sms_render(const char *tpl, const char *phone, const char *text, int64_t id, size_t *len)
{
	struct buf b = {0};
	int json = sms_template_is_json(tpl);
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	const char *vals[3] = {phone, text, ids};
	put(&b, "", 0);
	for (const char *s = tpl; *s;) {
		int k = *s == '{' ? placeholder(s) : -1;
		if (k < 0) {
			put(&b, s++, 1);
			continue;
		}
		if (json)
			put_json(&b, vals[k]);
		else
			put_form(&b, vals[k]);
		s += strlen(names[k]);
	}
	return done(&b, len);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_b64(struct buf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
		char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < n ? b64[v >> 6 & 63] : '=',
			     i + 2 < n ? b64[v & 63] : '='};
		put(b, q, 4);
	}
}

/* The subject as encoded words of at most 39 bytes of UTF-8 each (52
 * base64 characters, 73 with "Subject:" and the wrapping: under RFC
 * 5322's 78), cut between characters. */
static void put_subject(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	puts_(b, "Subject:");
	if (n == 0) {
		puts_(b, " \r\n");
		return;
	}
	while (n) {
		size_t k = n < 39 ? n : 39;
		while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (k == 0)
			k = n < 39 ? n : 39;
		puts_(b, " =?UTF-8?B?");
		put_b64(b, (const unsigned char *)s, k);
		puts_(b, "?=");
		s += k, n -= k;
		if (n)
			puts_(b, "\r\n");
	}
	puts_(b, "\r\n");
}

char *mail_render(const char *from, const char *to, const char *subject, const char *body, int64_t id, int64_t now,
		  size_t *len)
{
	struct buf b = {0};
	char line[512];
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	const char *dom = strchr(from, '@');
	snprintf(line, sizeof line, "From: <%s>\r\nTo: <%s>\r\n", from, to);
	puts_(&b, line);
	put_subject(&b, subject ? subject : "");
	snprintf(line, sizeof line,
		 "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n"
		 "Message-ID: <liandong-%lld.%lld@%s>\r\n"
		 "MIME-Version: 1.0\r\n"
		 "Content-Type: text/plain; charset=UTF-8\r\n"
		 "Content-Transfer-Encoding: base64\r\n\r\n",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (long long)id, (long long)now, dom ? dom + 1 : "liandong.invalid");
	puts_(&b, line);
	const unsigned char *s = (const unsigned char *)(body ? body : "");
	size_t n = strlen((const char *)s);
	for (size_t i = 0; i < n; i += 57) {
		put_b64(&b, s + i, n - i < 57 ? n - i : 57);
		puts_(&b, "\r\n");
	}
	return done(&b, len);
}
