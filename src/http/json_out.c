/* json_out.c - a jansson value written as JSON text straight into the
 * request's arena; see json_out.h.
 *
 * json_dumps formats into a buffer of its own (malloc'd and grown as it
 * goes), formats every number with snprintf and hands back a copy the
 * reply then copies again: on a small signed-in read that was a tenth of
 * the server's CPU (issue 19). Here the text grows in the arena, integers
 * and the reals of the API (hours and amounts with at most two decimals)
 * are written by hand, and any other real goes through the same "%.12g"
 * and the same clean-up as jansson's, so the bytes are jansson's. */
#include "http/json_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* the buffer of a json_out call is a jw's (its first fields) */
#define out jw

static void grow(struct out *o, size_t need)
{
	size_t cap = o->cap ? o->cap : 1024;
	while (cap < o->len + need + 1)
		cap *= 2;
	char *p = arena_alloc_raw(o->a, cap);
	if (o->len)
		memcpy(p, o->p, o->len);
	o->p = p;
	o->cap = cap;
}

static inline void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap)
		grow(o, n);
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static inline void put_c(struct out *o, char ch)
{
	if (o->len + 2 > o->cap)
		grow(o, 1);
	o->p[o->len++] = ch;
}

/* digits of u, right-aligned in buf[0..20), returns the first */
static char *udigits(unsigned long long u, char *end)
{
	do
		*--end = (char)('0' + u % 10);
	while (u /= 10);
	return end;
}

static void put_int(struct out *o, long long v)
{
	char buf[24], *end = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	char *s = udigits(u, end);
	if (v < 0)
		*--s = '-';
	put(o, s, (size_t)(end - s));
}

/* As jansson writes a real with JSON_REAL_PRECISION(12): "%.12g", then a
 * ".0" where that reads as an integer, and an exponent without "+" or
 * leading zeros. */
static void put_real_printf(struct out *o, double v)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%.12g", v);
	if (n < 0 || n >= (int)sizeof buf - 2)
		n = 0;
	buf[n] = 0;
	if (!strchr(buf, '.') && !strchr(buf, 'e')) {
		memcpy(buf + n, ".0", 3);
		n += 2;
	}
	char *e = strchr(buf, 'e');
	if (e) {
		char *from = e + 1, *to = e + 1;
		if (*from == '-')
			*to++ = *from++;
		else if (*from == '+')
			from++;
		while (*from == '0' && from[1])
			from++;
		while (*from)
			*to++ = *from++;
		*to = 0;
		n = (int)(to - buf);
	}
	put(o, buf, (size_t)n);
}

static void put_real(struct out *o, double v)
{
	/* a whole number of hundredths below 1e10: what "%.12g" prints is its
	 * plain decimal, trailing zeros dropped (12 significant digits hold
	 * all of it, and no exponent is chosen from 1e-4 up) */
	double c = nearbyint(v * 100.0);
	if (v != 0 && fabs(v) < 1e10 && fabs(v) >= 1e-2 && c / 100.0 == v) {
		long long h = (long long)c;
		unsigned long long u = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
		char buf[32], *end = buf + sizeof buf;
		unsigned frac = (unsigned)(u % 100);
		char *s;
		if (frac % 10) {
			*--end = (char)('0' + frac % 10);
			*--end = (char)('0' + frac / 10);
		} else {
			*--end = (char)('0' + frac / 10);
		}
		*--end = '.';
		s = udigits(u / 100, end);
		if (h < 0)
			*--s = '-';
		put(o, s, (size_t)(buf + sizeof buf - s));
		return;
	}
	if (v == 0 && !signbit(v)) {
		put(o, "0.0", 3);
		return;
	}
	put_real_printf(o, v);
}

static void put_string(struct out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF"; /* as jansson */
	put_c(o, '"');
	size_t run = 0; /* bytes copied as they are, waiting */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != '"' && ch != '\\') {
			run++;
			continue;
		}
		put(o, s + i - run, run);
		run = 0;
		char esc[6] = {'\\', 0};
		switch (ch) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
			put(o, esc, 6);
			continue;
		}
		put(o, esc, 2);
	}
	put(o, s + n - run, run);
	put_c(o, '"');
}

static int put_value(struct out *o, const json_t *v, int depth)
{
	if (depth > 2048) /* jansson's own limit on what it writes */
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *item;
		int first = 1;
		put_c(o, '{');
		json_object_foreach((json_t *)v, key, item)
		{
			if (!first)
				put_c(o, ',');
			first = 0;
			put_string(o, key, strlen(key));
			put_c(o, ':');
			if (put_value(o, item, depth + 1))
				return -1;
		}
		put_c(o, '}');
		return 0;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		put_c(o, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				put_c(o, ',');
			if (put_value(o, json_array_get(v, i), depth + 1))
				return -1;
		}
		put_c(o, ']');
		return 0;
	}
	case JSON_STRING:
		put_string(o, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_INTEGER:
		put_int(o, (long long)json_integer_value(v));
		return 0;
	case JSON_REAL: {
		double d = json_real_value(v);
		if (!isfinite(d))
			return -1;
		put_real(o, d);
		return 0;
	}
	case JSON_TRUE: put(o, "true", 4); return 0;
	case JSON_FALSE: put(o, "false", 5); return 0;
	case JSON_NULL: put(o, "null", 4); return 0;
	}
	return -1;
}

const char *json_out(const json_t *v, struct arena *a, size_t *len)
{
	struct jw o = {.a = a};
	/* like json_dumps without JSON_ENCODE_ANY: an object or an array */
	if (!v || (!json_is_object(v) && !json_is_array(v)) || put_value(&o, v, 0))
		return NULL;
	o.p[o.len] = 0;
	*len = o.len;
	return o.p;
}

/* ---- written as made ---- */
void jw_init(struct jw *w, struct arena *a)
{
	*w = (struct jw){.a = a};
}

/* the separator and the key before a value */
static void item(struct jw *w, const char *key)
{
	if (w->depth > 0) {
		if (w->more[w->depth - 1])
			put_c(w, ',');
		w->more[w->depth - 1] = 1;
	}
	if (key) {
		put_string(w, key, strlen(key));
		put_c(w, ':');
	}
}

static void open_with(struct jw *w, const char *key, char open, char close)
{
	item(w, key);
	put_c(w, open);
	if (w->depth == JW_DEPTH) { /* deeper than any answer: refused at jw_done */
		w->bad = 1;
		return;
	}
	w->more[w->depth] = 0;
	w->close[w->depth++] = close;
}

void jw_object(struct jw *w, const char *key)
{
	open_with(w, key, '{', '}');
}

void jw_array(struct jw *w, const char *key)
{
	open_with(w, key, '[', ']');
}

void jw_close(struct jw *w)
{
	if (w->depth == 0) {
		w->bad = 1;
		return;
	}
	put_c(w, w->close[--w->depth]);
}

void jw_int(struct jw *w, const char *key, long long v)
{
	item(w, key);
	put_int(w, v);
}

void jw_real(struct jw *w, const char *key, double v)
{
	item(w, key);
	if (isfinite(v))
		put_real(w, v);
	else
		w->bad = 1;
}

void jw_strn(struct jw *w, const char *key, const char *s, size_t n)
{
	item(w, key);
	put_string(w, s, n);
}

void jw_str(struct jw *w, const char *key, const char *s)
{
	if (s)
		jw_strn(w, key, s, strlen(s));
	else
		jw_null(w, key);
}

void jw_null(struct jw *w, const char *key)
{
	item(w, key);
	put(w, "null", 4);
}

const char *jw_done(struct jw *w, size_t *len)
{
	if (w->bad || w->depth != 0 || !w->len)
		return NULL;
	w->p[w->len] = 0;
	*len = w->len;
	return w->p;
}
