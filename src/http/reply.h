/* reply.h - JSON requests and responses for handlers (jansson side of http/). */
#ifndef LD_HTTP_REPLY_H
#define LD_HTTP_REPLY_H

#include <jansson.h>

#include "http/http.h"
#include "service/service.h"

/* Route handlers get the request, a service context and the route's arg. */
typedef void handler_fn(struct req *r, struct ctx *x, const void *arg);

/* Send j (reference stolen) with status. */
void reply_json(struct req *r, int status, json_t *j);
struct jw;
/* The text of a finished jw (http/json_out.h) as the answer; a jw misused
 * is the server's error (500). */
void reply_jw(struct req *r, int status, struct jw *w);
void reply_err(struct req *r, const struct errinfo *ei);
void reply_errc(struct req *r, enum err e, const char *field, const char *message);
void reply_empty(struct req *r, int status);

/* The body as a JSON object, or NULL after replying 400/415. */
json_t *read_body(struct req *r);

/* Read the body as an object whose keys are all among names[0..n) and whose
 * values are strings (or null); vals[i] gets each, NULL when absent. 0, or
 * -1 after replying (415/400 body, 400 unknown field, 422 wrong type). */
int body_strings(struct req *r, const char *const *names, const char **vals, int n);
/* body_strings on a decoded object, with no request (the seam its fuzz
 * target, tests/fuzz/fuzz_body.c, calls): the strings copied into a, or the
 * error in *ei naming the field. */
enum err body_strings_json(json_t *body, const char *const *names, const char **vals, int n, struct arena *a,
			   struct errinfo *ei);

/* Decode the body as a new record of entity e (an action's body or a
 * resource); with `optional`, an empty body is an empty record. 0, or -1
 * after replying 400/415/422. */
int decode_rec(struct req *r, struct ctx *x, const struct entity *e, int optional, struct rec *out);
/* decode_rec (a body is required) that also gives the body as it was sent,
 * as compact JSON text with sorted keys in the arena, to keep with what it
 * makes. */
int decode_rec_text(struct req *r, struct ctx *x, const struct entity *e, struct rec *out, const char **text);
/* The error of `e`, or `out` encoded with `status`. */
void reply_rec(struct req *r, enum err e, const struct errinfo *ei, const struct rec *out, int status);

/* query_int's check of the text s of parameter `name` (NULL: absent), with
 * no request: 0 absent, 1 read, -1 with *ei set (400 naming it). */
int query_int_text(const char *name, const char *s, int64_t *out, struct errinfo *ei);
/* Strict integer query parameter: 0 absent, 1 read, -1 replied 400. */
int query_int(struct req *r, const char *name, int64_t *out);
/* Number query parameter in [lo, hi]: 0 absent, 1 read, -1 replied 422. */
int query_real(struct req *r, const char *name, double lo, double hi, double *out);

#endif
