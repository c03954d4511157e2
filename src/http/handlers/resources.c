/* resources.c - the generic handlers for every entity collection:
 * GET list (limit, cursor, filters), GET one, POST create, PATCH update. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/timefmt.h"
#include "domain/limits.h"
#include "domain/utf8.h"
#include "http/handlers/handlers.h"
#include "model/codec.h"

enum err list_page(query_get_fn *get, void *src, int64_t *after, int *limit, struct errinfo *ei)
{
	int64_t v;
	int got = query_int_text("limit", get(src, "limit"), &v, ei);
	if (got < 0)
		return ei->code;
	if (got && (v < 1 || v > LIST_LIMIT_MAX))
		return err_setf(ei, ERR_BAD_REQUEST, "limit", "limit must be from 1 to %d", LIST_LIMIT_MAX);
	*limit = got ? (int)v : LIST_LIMIT_DEFAULT;
	const char *c = get(src, "cursor");
	*after = 0;
	if (c && *c) {
		char *end;
		long long id = strtoll(c, &end, 10);
		if (*end || id < 0 || c[0] < '0' || c[0] > '9')
			return err_set(ei, ERR_BAD_REQUEST, "cursor", "cursor is not one this server gave");
		*after = id;
	}
	return ERR_OK;
}

enum err list_query(const struct entity *e, query_get_fn *get, void *src, int64_t *after, int *limit,
		    struct val *f, struct arena *a, struct errinfo *ei)
{
	enum err err = list_page(get, src, after, limit, ei);
	return err ? err : list_query_filters(e, get, src, f, a, ei);
}

/* A list's `q` (issue 18): UTF-8 text of at most LIST_Q_MAX characters
 * without control characters; 400 naming it otherwise. */
static enum err check_q(const char *s, struct errinfo *ei)
{
	size_t n = strlen(s);
	long chars = utf8_chars(s, n);
	int ctl = 0;
	for (size_t i = 0; i < n; i++)
		ctl |= (unsigned char)s[i] < 0x20 || s[i] == 0x7f;
	if (chars < 0 || ctl || chars > LIST_Q_MAX)
		return err_setf(ei, ERR_BAD_REQUEST, "q", "q must be text of at most %d characters without control characters",
				LIST_Q_MAX);
	return ERR_OK;
}

enum err list_query_filters(const struct entity *e, query_get_fn *get, void *src, struct val *f, struct arena *a,
			    struct errinfo *ei)
{
	for (int i = 0; i < e->nfilters; i++) {
		const struct filter *fl = &e->filters[i];
		const char *s = get(src, fl->param);
		f[i] = (struct val){0};
		if (fl->type == FT_INT) {
			int got = query_int_text(fl->param, s, &f[i].i, ei);
			if (got < 0)
				return ei->code;
			f[i].set = (unsigned char)got;
		} else if (fl->type == FT_TIME) {
			if (s && time_parse(s, &f[i].i))
				return err_set(ei, ERR_BAD_REQUEST, fl->param, "must be an ISO 8601 time with offset");
			f[i].set = s != NULL;
		} else if (fl->type == FT_DATE) {
			if (s && (f[i].i = date_start(s)) < 0)
				return err_set(ei, ERR_INVALID, fl->param, "must be a date YYYY-MM-DD");
			f[i].set = s != NULL;
		} else if (s) {
			if (strcmp(fl->param, "q") == 0 && check_q(s, ei))
				return ei->code;
			f[i].set = 1;
			f[i].s = arena_strdup(a, s);
		}
	}
	return ERR_OK;
}

const char *query_of(void *r, const char *name)
{
	return req_query(r, name);
}

static int list_params(struct req *r, const struct entity *e, int64_t *after, int *limit, struct val *f)
{
	struct errinfo ei;
	if (list_query(e, query_of, r, after, limit, f, &r->arena, &ei)) {
		reply_err(r, &ei);
		return -1;
	}
	return 0;
}

int list_filters(struct req *r, const struct entity *e, struct val *f)
{
	struct errinfo ei;
	if (list_query_filters(e, query_of, r, f, &r->arena, &ei)) {
		reply_err(r, &ei);
		return -1;
	}
	return 0;
}

/* Answer {items, next_cursor} for rows (n may be limit+1: more to come). */
void reply_list(struct req *r, struct rec *rows, int n, int limit)
{
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++)
		json_array_append_new(items, codec_encode(&rows[i], 0));
	json_t *next = n > limit ? json_string(arena_printf(&r->arena, "%lld", (long long)rows[limit - 1].id))
				 : json_null();
	reply_json(r, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next));
}

void list_with(struct req *r, struct ctx *x, const struct resource *res, const char *fixed_param, int64_t fixed)
{
	int64_t after;
	int limit;
	struct val f[ENTITY_MAX_FILTERS];
	struct errinfo ei;
	if (list_params(r, res->e, &after, &limit, f))
		return;
	if (fixed_param)
		for (int i = 0; i < res->e->nfilters; i++)
			if (strcmp(res->e->filters[i].param, fixed_param) == 0)
				f[i] = (struct val){.set = 1, .i = fixed};
	struct rec *rows = arena_alloc(&r->arena, sizeof *rows * (size_t)(limit + 1));
	int n = 0;
	if (svc_list(x, res, after, limit + 1, f, rows, &n, &ei))
		reply_err(r, &ei);
	else
		reply_list(r, rows, n, limit);
}

void h_list(struct req *r, struct ctx *x, const void *arg)
{
	list_with(r, x, arg, NULL, 0);
}

void list_nested(struct req *r, struct ctx *x, const struct resource *res, const char *param)
{
	list_with(r, x, res, param, r->path_id);
}

void h_get(struct req *r, struct ctx *x, const void *arg)
{
	struct rec out;
	struct errinfo ei;
	if (svc_get(x, arg, r->path_id, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

/* Decode the body into a record; with `fixed_field`, set it from the path. */
static int decode(struct req *r, struct ctx *x, const struct resource *res, int creating, struct rec *in)
{
	struct errinfo ei;
	json_t *body = read_body(r);
	if (!body)
		return -1;
	enum err e = codec_decode(body, res->e, creating, in, x->a, &ei);
	json_decref(body);
	if (e) {
		reply_err(r, &ei);
		return -1;
	}
	return 0;
}

static void create_rec(struct req *r, struct ctx *x, const struct resource *res, struct rec *in)
{
	struct rec out;
	struct errinfo ei;
	if (svc_create(x, res, in, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 201, codec_encode(&out, 0));
}

void h_create(struct req *r, struct ctx *x, const void *arg)
{
	struct rec in;
	if (decode(r, x, arg, 1, &in) == 0)
		create_rec(r, x, arg, &in);
}

void h_update(struct req *r, struct ctx *x, const void *arg)
{
	struct rec in, out;
	struct errinfo ei;
	if (decode(r, x, arg, 0, &in))
		return;
	if (svc_update(x, arg, r->path_id, &in, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

/* /orgs/{id}/links */
void h_org_links_list(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	list_with(r, x, &res_org_links, "org_id", r->path_id);
}

void h_org_links_create(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec in;
	json_t *body = read_body(r);
	if (!body)
		return;
	/* other_org_id may be given as org_id, as the API doc shows */
	json_t *o = json_object_get(body, "org_id");
	if (o && !json_object_get(body, "other_org_id")) {
		json_object_set(body, "other_org_id", o);
		json_object_del(body, "org_id");
	}
	struct errinfo ei;
	enum err e = codec_decode(body, &org_link_entity, 1, &in, x->a, &ei);
	json_decref(body);
	if (e) {
		if (strcmp(ei.field, "other_org_id") == 0)
			snprintf(ei.field, sizeof ei.field, "org_id");
		reply_err(r, &ei);
		return;
	}
	rec_set_int(&in, ORG_LINK_ORG_ID, r->path_id);
	create_rec(r, x, &res_org_links, &in);
}

/* POST /volunteers/{id}/stage {"to", "note"} */
void h_volunteer_stage(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	static const char *const names[] = {"to", "note"};
	const char *vals[2];
	if (body_strings(r, names, vals, 2))
		return;
	const char *to = vals[0], *note = vals[1];
	if (!to) {
		reply_errc(r, ERR_REQUIRED, "to", "to is required");
		return;
	}
	if (note && strlen(note) > NOTE_MAX) {
		reply_errc(r, ERR_INVALID, "note", arena_printf(x->a, "note must be at most %d bytes", NOTE_MAX));
		return;
	}
	struct rec out;
	struct errinfo ei;
	if (svc_volunteer_stage(x, r->path_id, to, note, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

/* GET /volunteers/{id}/stages: the pipeline history. */
void h_volunteer_stages(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec v;
	struct errinfo ei;
	if (svc_load_visible(x, &vol_entity, r->path_id, &v, &ei)) {
		reply_err(r, &ei);
		return;
	}
	list_with(r, x, &res_stage_events, "volunteer_id", r->path_id);
}
