/* json_out.h - a jansson value as JSON text in an arena (json_out.c).
 *
 * The same bytes as json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(12)),
 * which every JSON answer of the API is written with, but written straight
 * into the request's arena: no malloc'd buffer, no copy, no printf for the
 * API's numbers. NULL (nothing written) for what json_dumps refuses too:
 * a value that is not an object or an array, an infinite or NaN real. */
#ifndef LD_HTTP_JSON_OUT_H
#define LD_HTTP_JSON_OUT_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

const char *json_out(const json_t *v, struct arena *a, size_t *len);

/* JSON written as it is made, for the answers read most often (a
 * volunteer's hours and shifts): no jansson tree at all. Values are named
 * by key inside an object and by NULL in an array; jw_done gives the text
 * (in the arena) once every object and array is closed, NULL for a
 * misuse (unbalanced, deeper than JW_DEPTH, a real that is not finite).
 * Numbers and strings come out as json_out writes them. */
#define JW_DEPTH 16
struct jw {
	char *p;
	size_t len, cap;
	struct arena *a;
	int depth, bad;
	unsigned char more[JW_DEPTH];	/* the open container has an item */
	char close[JW_DEPTH];		/* '}' or ']' */
};
void jw_init(struct jw *w, struct arena *a);
void jw_object(struct jw *w, const char *key);
void jw_array(struct jw *w, const char *key);
void jw_close(struct jw *w);
void jw_int(struct jw *w, const char *key, long long v);
void jw_real(struct jw *w, const char *key, double v);	/* finite */
void jw_str(struct jw *w, const char *key, const char *s);	/* NULL: null */
void jw_strn(struct jw *w, const char *key, const char *s, size_t n);
void jw_null(struct jw *w, const char *key);
const char *jw_done(struct jw *w, size_t *len);

#endif
