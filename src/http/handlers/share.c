/* share.c - what a co-building link lets the partner read (issue 15,
 * service/share.h): the needs and the volunteers' public profiles an org
 * shares, and removing a link. */
#include "http/handlers/handlers.h"
#include "model/codec.h"
#include "service/share.h"

/* GET /orgs/{id}/shared-needs: the needs list's filters and paging */
void h_shared_needs(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t after;
	int limit;
	struct val f[ENTITY_MAX_FILTERS] = {0};
	struct errinfo ei;
	if (list_query(&need_entity, query_of, r, &after, &limit, f, &r->arena, &ei)) {
		reply_err(r, &ei);
		return;
	}
	struct rec *rows = arena_alloc(&r->arena, sizeof *rows * (size_t)(limit + 1));
	int n = 0;
	if (svc_shared_needs(x, r->path_id, after, limit + 1, f, rows, &n, &ei))
		reply_err(r, &ei);
	else
		reply_list(r, rows, n, limit);
}

void h_shared_need(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct rec out;
	struct errinfo ei;
	if (svc_shared_need(x, r->path_id, &out, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, codec_encode(&out, 0));
}

static json_t *profile_json(const struct volunteer_profile *p)
{
	json_t *skills = p->skills ? json_loads(p->skills, 0, NULL) : NULL;
	if (!json_is_array(skills)) {
		json_decref(skills);
		skills = json_array();
	}
	return json_pack("{s:I,s:I,s:s,s:o,s:s?,s:f,s:I}", "id", (json_int_t)p->id, "org_id", (json_int_t)p->org_id,
			 "name", p->name, "skills", skills, "stage", p->stage, "verified_hours", p->verified_hours,
			 "stars", (json_int_t)p->stars);
}

/* GET /orgs/{id}/shared-volunteers: limit and cursor */
void h_shared_volunteers(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	int64_t after;
	int limit;
	struct errinfo ei;
	if (list_page(query_of, r, &after, &limit, &ei)) {
		reply_err(r, &ei);
		return;
	}
	struct volunteer_profile *rows = NULL;
	int n = 0;
	if (svc_shared_volunteers(x, r->path_id, after, limit + 1, &rows, &n, &ei)) {
		reply_err(r, &ei);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++)
		json_array_append_new(items, profile_json(&rows[i]));
	json_t *next = n > limit ? json_string(arena_printf(&r->arena, "%lld", (long long)rows[limit - 1].id))
				 : json_null();
	reply_json(r, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next));
}

void h_shared_volunteer(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct volunteer_profile p;
	struct errinfo ei;
	if (svc_shared_volunteer(x, r->path_id, &p, &ei))
		reply_err(r, &ei);
	else
		reply_json(r, 200, profile_json(&p));
}

/* DELETE /org-links/{id} */
void h_org_link_delete(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	struct errinfo ei;
	if (svc_org_link_delete(x, r->path_id, &ei))
		reply_err(r, &ei);
	else
		reply_empty(r, 204);
}
